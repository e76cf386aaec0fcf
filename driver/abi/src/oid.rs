//! OID codes (ntddndis.h).
