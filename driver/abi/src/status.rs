//! NDIS_STATUS codes (ndis.h / ntddndis.h), spec section G5 and 1.11 / 2.9.

/// An NDIS_STATUS value.
pub type NdisStatus = u32;

pub const NDIS_STATUS_SUCCESS: NdisStatus = 0x0000_0000;
pub const NDIS_STATUS_PENDING: NdisStatus = 0x0000_0103;
pub const NDIS_STATUS_NOT_ACCEPTED: NdisStatus = 0x0001_0003;
pub const NDIS_STATUS_FAILURE: NdisStatus = 0xC000_0001;
pub const NDIS_STATUS_INVALID_PARAMETER: NdisStatus = 0xC000_000D;
pub const NDIS_STATUS_RESOURCES: NdisStatus = 0xC000_009A;
pub const NDIS_STATUS_NOT_SUPPORTED: NdisStatus = 0xC000_00BB;
pub const NDIS_STATUS_REQUEST_ABORTED: NdisStatus = 0xC001_000C;
pub const NDIS_STATUS_INVALID_LENGTH: NdisStatus = 0xC001_0014;
pub const NDIS_STATUS_BUFFER_TOO_SHORT: NdisStatus = 0xC001_0016;
pub const NDIS_STATUS_INVALID_OID: NdisStatus = 0xC001_0017;
pub const NDIS_STATUS_FILE_NOT_FOUND: NdisStatus = 0xC001_001B;
/// STATUS_NDIS_REINIT_REQUIRED (NDIS 6.30).
pub const NDIS_STATUS_REINIT_REQUIRED: NdisStatus = 0xC023_0008;
