//! NDIS_OID_REQUEST (ndis/oidrequest.h), x64 layout (`ddi/ndis/ns-ndis-_ndis_oid_request.md`).
//!
//! Pointer and handle fields are `u64` (x64 pointers); the binding converts them. The `DATA` union is
//! given as its largest arm, METHOD_INFORMATION, with `*_OFFSET` constants for every arm's fields so
//! that QUERY/SET accesses use the right offsets (BytesWritten/BytesRead sit at 20 in QUERY/SET but at
//! 28/32 in METHOD).
#![allow(non_upper_case_globals)]

use crate::header::{NdisObject, NDIS_OBJECT_HEADER, NDIS_OBJECT_TYPE_OID_REQUEST};
use crate::layout::{abi_struct, assert_layout, assert_through};

/// `NDIS_OID_REQUEST_NDIS_RESERVED_SIZE` (in pointers).
pub const NDIS_OID_REQUEST_NDIS_RESERVED_SIZE: usize = 16;
/// `NDIS_OID_REQUEST_REVISION_1`.
pub const NDIS_OID_REQUEST_REVISION_1: u8 = 1;
/// `NDIS_OID_REQUEST_REVISION_2` (6.50: SwitchId, VPortId, Flags).
pub const NDIS_OID_REQUEST_REVISION_2: u8 = 2;
/// `NDIS_SIZEOF_OID_REQUEST_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_OID_REQUEST, Reserved2).
pub const NDIS_SIZEOF_OID_REQUEST_REVISION_1: u16 = 236;
/// `NDIS_SIZEOF_OID_REQUEST_REVISION_2` = RTL_SIZEOF_THROUGH_FIELD(NDIS_OID_REQUEST, Flags).
pub const NDIS_SIZEOF_OID_REQUEST_REVISION_2: u16 = 248;
/// `NDIS_OID_REQUEST_TIMEOUT_INFINITE`.
pub const NDIS_OID_REQUEST_TIMEOUT_INFINITE: u32 = 0;
/// `NDIS_OID_REQUEST_FLAGS_VPORT_ID_VALID` (Flags, rev2).
pub const NDIS_OID_REQUEST_FLAGS_VPORT_ID_VALID: u32 = 0x0001;

abi_struct! {
    /// `DATA.METHOD_INFORMATION` (x64, 40 bytes): the largest arm of the request-data union.
    NDIS_OID_REQUEST_METHOD_INFORMATION {
        Oid oid: u32,
        _pad0 _pad0: [u8; 4],
        /// `PVOID InformationBuffer`.
        InformationBuffer information_buffer: u64,
        InputBufferLength input_buffer_length: u32,
        OutputBufferLength output_buffer_length: u32,
        MethodId method_id: u32,
        BytesWritten bytes_written: u32,
        BytesRead bytes_read: u32,
        BytesNeeded bytes_needed: u32,
    }
}
assert_layout!(NDIS_OID_REQUEST_METHOD_INFORMATION, 40);

abi_struct! {
    /// `DATA.QUERY_INFORMATION` / `DATA.SET_INFORMATION` (x64, 32 bytes). For SET the field at 20
    /// is `BytesRead`.
    NDIS_OID_REQUEST_QUERY_SET_INFORMATION {
        Oid oid: u32,
        _pad0 _pad0: [u8; 4],
        InformationBuffer information_buffer: u64,
        InformationBufferLength information_buffer_length: u32,
        /// QUERY: BytesWritten; SET: BytesRead.
        BytesWrittenOrRead bytes_written_or_read: u32,
        BytesNeeded bytes_needed: u32,
        _pad1 _pad1: [u8; 4],
    }
}
assert_layout!(NDIS_OID_REQUEST_QUERY_SET_INFORMATION, 32);

abi_struct! {
    /// `NDIS_OID_REQUEST` (x64, 248 bytes at revision 2).
    NDIS_OID_REQUEST {
        Header header: NDIS_OBJECT_HEADER,
        RequestType request_type: u32,
        PortNumber port_number: u32,
        Timeout timeout: u32,
        /// `PVOID RequestId`.
        RequestId request_id: u64,
        /// `NDIS_HANDLE RequestHandle`.
        RequestHandle request_handle: u64,
        /// `DATA` union, as METHOD_INFORMATION; see `NDIS_OID_REQUEST_DATA_*` offsets for QUERY/SET.
        DATA data: NDIS_OID_REQUEST_METHOD_INFORMATION,
        NdisReserved ndis_reserved: [u64; NDIS_OID_REQUEST_NDIS_RESERVED_SIZE],
        MiniportReserved miniport_reserved: [u64; 2],
        SourceReserved source_reserved: [u64; 2],
        SupportedRevision supported_revision: u8,
        Reserved1 reserved1: u8,
        Reserved2 reserved2: u16,
        SwitchId switch_id: u32,
        VPortId vport_id: u32,
        Flags flags: u32,
    }
}
assert_layout!(NDIS_OID_REQUEST, 248,
    header @ 0, request_type @ 4, port_number @ 8, timeout @ 12, request_id @ 16,
    request_handle @ 24, data @ 32, ndis_reserved @ 72, miniport_reserved @ 200,
    source_reserved @ 216, supported_revision @ 232, reserved1 @ 233, reserved2 @ 234,
    switch_id @ 236, vport_id @ 240, flags @ 244);
assert_through!(NDIS_OID_REQUEST, "Reserved2", NDIS_SIZEOF_OID_REQUEST_REVISION_1);
assert_through!(NDIS_OID_REQUEST, "Flags", NDIS_SIZEOF_OID_REQUEST_REVISION_2);

impl NdisObject for NDIS_OID_REQUEST {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_OID_REQUEST;
    const REVISIONS: &'static [(u8, u16)] = &[
        (NDIS_OID_REQUEST_REVISION_1, NDIS_SIZEOF_OID_REQUEST_REVISION_1),
        (NDIS_OID_REQUEST_REVISION_2, NDIS_SIZEOF_OID_REQUEST_REVISION_2),
    ];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}

// Byte offsets inside NDIS_OID_REQUEST (x64), for the binding's raw accesses.
/// `Header`.
pub const NDIS_OID_REQUEST_HEADER_OFFSET: usize = 0;
/// `RequestType`.
pub const NDIS_OID_REQUEST_REQUEST_TYPE_OFFSET: usize = 4;
/// `PortNumber`.
pub const NDIS_OID_REQUEST_PORT_NUMBER_OFFSET: usize = 8;
/// `Timeout`.
pub const NDIS_OID_REQUEST_TIMEOUT_OFFSET: usize = 12;
/// `RequestId`.
pub const NDIS_OID_REQUEST_REQUEST_ID_OFFSET: usize = 16;
/// `RequestHandle`.
pub const NDIS_OID_REQUEST_REQUEST_HANDLE_OFFSET: usize = 24;
/// `DATA` (all arms start here).
pub const NDIS_OID_REQUEST_DATA_OFFSET: usize = 32;
/// `DATA.*.Oid`.
pub const NDIS_OID_REQUEST_DATA_OID_OFFSET: usize = 32;
/// `DATA.*.InformationBuffer`.
pub const NDIS_OID_REQUEST_DATA_INFORMATION_BUFFER_OFFSET: usize = 40;
/// `DATA.QUERY_INFORMATION.InformationBufferLength` / `SET_INFORMATION.InformationBufferLength`.
pub const NDIS_OID_REQUEST_DATA_QS_INFORMATION_BUFFER_LENGTH_OFFSET: usize = 48;
/// `DATA.QUERY_INFORMATION.BytesWritten`.
pub const NDIS_OID_REQUEST_DATA_QUERY_BYTES_WRITTEN_OFFSET: usize = 52;
/// `DATA.SET_INFORMATION.BytesRead`.
pub const NDIS_OID_REQUEST_DATA_SET_BYTES_READ_OFFSET: usize = 52;
/// `DATA.QUERY_INFORMATION.BytesNeeded` / `SET_INFORMATION.BytesNeeded`.
pub const NDIS_OID_REQUEST_DATA_QS_BYTES_NEEDED_OFFSET: usize = 56;
/// `DATA.METHOD_INFORMATION.InputBufferLength`.
pub const NDIS_OID_REQUEST_DATA_METHOD_INPUT_BUFFER_LENGTH_OFFSET: usize = 48;
/// `DATA.METHOD_INFORMATION.OutputBufferLength`.
pub const NDIS_OID_REQUEST_DATA_METHOD_OUTPUT_BUFFER_LENGTH_OFFSET: usize = 52;
/// `DATA.METHOD_INFORMATION.MethodId`.
pub const NDIS_OID_REQUEST_DATA_METHOD_METHOD_ID_OFFSET: usize = 56;
/// `DATA.METHOD_INFORMATION.BytesWritten`.
pub const NDIS_OID_REQUEST_DATA_METHOD_BYTES_WRITTEN_OFFSET: usize = 60;
/// `DATA.METHOD_INFORMATION.BytesRead`.
pub const NDIS_OID_REQUEST_DATA_METHOD_BYTES_READ_OFFSET: usize = 64;
/// `DATA.METHOD_INFORMATION.BytesNeeded`.
pub const NDIS_OID_REQUEST_DATA_METHOD_BYTES_NEEDED_OFFSET: usize = 68;
/// `NdisReserved`.
pub const NDIS_OID_REQUEST_NDIS_RESERVED_OFFSET: usize = 72;
/// `MiniportReserved`.
pub const NDIS_OID_REQUEST_MINIPORT_RESERVED_OFFSET: usize = 200;
/// `SourceReserved`.
pub const NDIS_OID_REQUEST_SOURCE_RESERVED_OFFSET: usize = 216;
/// `SupportedRevision`.
pub const NDIS_OID_REQUEST_SUPPORTED_REVISION_OFFSET: usize = 232;
/// `SwitchId` (rev2).
pub const NDIS_OID_REQUEST_SWITCH_ID_OFFSET: usize = 236;
/// `VPortId` (rev2).
pub const NDIS_OID_REQUEST_VPORT_ID_OFFSET: usize = 240;
/// `Flags` (rev2).
pub const NDIS_OID_REQUEST_FLAGS_OFFSET: usize = 244;

// Compile-time only; constant arithmetic on small offsets.
#[allow(clippy::arithmetic_side_effects)]
const _: () = {
    use core::mem::offset_of;
    type M = NDIS_OID_REQUEST_METHOD_INFORMATION;
    type Q = NDIS_OID_REQUEST_QUERY_SET_INFORMATION;
    const D: usize = NDIS_OID_REQUEST_DATA_OFFSET;
    assert!(offset_of!(NDIS_OID_REQUEST, data) == D);
    assert!(D + offset_of!(M, oid) == NDIS_OID_REQUEST_DATA_OID_OFFSET);
    assert!(D + offset_of!(Q, oid) == NDIS_OID_REQUEST_DATA_OID_OFFSET);
    assert!(D + offset_of!(Q, information_buffer) == NDIS_OID_REQUEST_DATA_INFORMATION_BUFFER_OFFSET);
    assert!(D + offset_of!(M, information_buffer) == NDIS_OID_REQUEST_DATA_INFORMATION_BUFFER_OFFSET);
    assert!(
        D + offset_of!(Q, information_buffer_length)
            == NDIS_OID_REQUEST_DATA_QS_INFORMATION_BUFFER_LENGTH_OFFSET
    );
    assert!(D + offset_of!(Q, bytes_written_or_read) == NDIS_OID_REQUEST_DATA_QUERY_BYTES_WRITTEN_OFFSET);
    assert!(D + offset_of!(Q, bytes_needed) == NDIS_OID_REQUEST_DATA_QS_BYTES_NEEDED_OFFSET);
    assert!(
        D + offset_of!(M, input_buffer_length) == NDIS_OID_REQUEST_DATA_METHOD_INPUT_BUFFER_LENGTH_OFFSET
    );
    assert!(
        D + offset_of!(M, output_buffer_length) == NDIS_OID_REQUEST_DATA_METHOD_OUTPUT_BUFFER_LENGTH_OFFSET
    );
    assert!(D + offset_of!(M, method_id) == NDIS_OID_REQUEST_DATA_METHOD_METHOD_ID_OFFSET);
    assert!(D + offset_of!(M, bytes_written) == NDIS_OID_REQUEST_DATA_METHOD_BYTES_WRITTEN_OFFSET);
    assert!(D + offset_of!(M, bytes_read) == NDIS_OID_REQUEST_DATA_METHOD_BYTES_READ_OFFSET);
    assert!(D + offset_of!(M, bytes_needed) == NDIS_OID_REQUEST_DATA_METHOD_BYTES_NEEDED_OFFSET);
};
