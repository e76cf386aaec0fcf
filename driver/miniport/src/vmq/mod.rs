//! The VMQ engine (spec section 1): queue state machine, filters, affinity, VMQ OIDs.
