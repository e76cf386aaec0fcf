//! Receive-filter (VMQ) structures and flags.
