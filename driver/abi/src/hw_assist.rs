//! Miniport adapter attributes (hardware assist) and shared memory parameters.
