//! NDIS_STATUS_INDICATION and status payloads.
