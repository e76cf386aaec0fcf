//! IOV sequences (spec 2.6).
