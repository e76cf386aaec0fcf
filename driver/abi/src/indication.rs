//! NDIS_STATUS_INDICATION (x64) and the VMQ status payload NDIS_RECEIVE_QUEUE_STATE
//! (`ddi/ndis/ns-ndis-_ndis_status_indication.md`, `ddi/ntddndis/ns-ntddndis-_ndis_receive_queue_state.md`).

use crate::header::{
    NdisObject, NDIS_OBJECT_HEADER, NDIS_OBJECT_TYPE_DEFAULT, NDIS_OBJECT_TYPE_STATUS_INDICATION,
};
use crate::layout::{abi_struct, assert_layout, assert_through};
use crate::status::NdisStatus;
use crate::vmq::{NDIS_RECEIVE_QUEUE_ID, NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE};

/// `NDIS_STATUS_INDICATION_REVISION_1`.
pub const NDIS_STATUS_INDICATION_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_STATUS_INDICATION_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_STATUS_INDICATION, NdisReserved).
pub const NDIS_SIZEOF_STATUS_INDICATION_REVISION_1: u16 = 112;
/// `NDIS_STATUS_INDICATION_FLAGS_MEDIA_CONNECT_TO_CONNECT`.
pub const NDIS_STATUS_INDICATION_FLAGS_MEDIA_CONNECT_TO_CONNECT: u32 = 0x0000_1000;

abi_struct! {
    /// `NDIS_STATUS_INDICATION` (x64, 112 bytes): argument of NdisMIndicateStatusEx.
    /// Pointer/handle fields are u64.
    NDIS_STATUS_INDICATION {
        Header header: NDIS_OBJECT_HEADER,
        _pad0 _pad0: [u8; 4],
        /// `NDIS_HANDLE SourceHandle` (MiniportAdapterHandle).
        SourceHandle source_handle: u64,
        PortNumber port_number: u32,
        StatusCode status_code: NdisStatus,
        Flags flags: u32,
        _pad1 _pad1: [u8; 4],
        /// `NDIS_HANDLE DestinationHandle`.
        DestinationHandle destination_handle: u64,
        /// `PVOID RequestId`.
        RequestId request_id: u64,
        /// `PVOID StatusBuffer`.
        StatusBuffer status_buffer: u64,
        StatusBufferSize status_buffer_size: u32,
        /// `GUID Guid` (16 bytes, 4-aligned).
        Guid guid: [u32; 4],
        _pad2 _pad2: [u8; 4],
        /// `PVOID NdisReserved[4]`.
        NdisReserved ndis_reserved: [u64; 4],
    }
}
assert_layout!(NDIS_STATUS_INDICATION, 112,
    source_handle @ 8, port_number @ 16, status_code @ 20, flags @ 24, destination_handle @ 32,
    request_id @ 40, status_buffer @ 48, status_buffer_size @ 56, guid @ 60, ndis_reserved @ 80);
assert_through!(
    NDIS_STATUS_INDICATION,
    "NdisReserved",
    NDIS_SIZEOF_STATUS_INDICATION_REVISION_1
);

impl NdisObject for NDIS_STATUS_INDICATION {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_STATUS_INDICATION;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_STATUS_INDICATION_REVISION_1,
        NDIS_SIZEOF_STATUS_INDICATION_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}

/// `NDIS_RECEIVE_QUEUE_STATE_REVISION_1`.
pub const NDIS_RECEIVE_QUEUE_STATE_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_NDIS_RECEIVE_QUEUE_STATE_REVISION_1` (through QueueState).
pub const NDIS_SIZEOF_NDIS_RECEIVE_QUEUE_STATE_REVISION_1: u16 = 16;

abi_struct! {
    /// `NDIS_RECEIVE_QUEUE_STATE`: buffer of NDIS_STATUS_RECEIVE_QUEUE_STATE (DmaStopped on FREE_QUEUE).
    NDIS_RECEIVE_QUEUE_STATE {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        QueueId queue_id: NDIS_RECEIVE_QUEUE_ID,
        QueueState queue_state: NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE,
    }
}
assert_layout!(NDIS_RECEIVE_QUEUE_STATE, 16, queue_id @ 8, queue_state @ 12);
assert_through!(
    NDIS_RECEIVE_QUEUE_STATE,
    "QueueState",
    NDIS_SIZEOF_NDIS_RECEIVE_QUEUE_STATE_REVISION_1
);

impl NdisObject for NDIS_RECEIVE_QUEUE_STATE {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_RECEIVE_QUEUE_STATE_REVISION_1,
        NDIS_SIZEOF_NDIS_RECEIVE_QUEUE_STATE_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
