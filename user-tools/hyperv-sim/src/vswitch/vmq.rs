//! VMQ sequences (spec 1.13) and the software-switch baseline.
