//! NDIS_MINIPORT_DRIVER_CHARACTERISTICS and the handler function-pointer types (x64).
