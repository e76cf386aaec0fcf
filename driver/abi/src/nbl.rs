//! NET_BUFFER_LIST, NET_BUFFER, MDL and NET_BUFFER_SHARED_MEMORY as laid out by the WDK headers
//! (ndis/nbl.h, wdm.h) on x64, as far as the driver touches them. The receive / send / return
//! flags and the filtering-info packing are in `crate::hw_assist` (spec 1.5, 1.6).
//!
//! These hold raw pointers, so they are plain `#[repr(C)]` structs (no zerocopy); the binding
//! walks them with `unsafe` reads, and hyperv-sim allocates them. Offsets are pinned by the
//! compile-time assertions at the bottom.

#![allow(non_snake_case, non_camel_case_types)]

use core::ffi::c_void;

/// MEMORY_ALLOCATION_ALIGNMENT on x64: the `DECLSPEC_ALIGN` of the reserved arrays.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(16))]
pub struct Align16Ptr2(pub [usize; 2]);

/// `PVOID X[4]` aligned to 16.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(16))]
pub struct Align16Ptr4(pub [usize; 4]);

/// `PVOID X[6]` aligned to 16.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(16))]
pub struct Align16Ptr6(pub [usize; 6]);

/// MDL (wdm.h), x64: 48 bytes.
#[derive(Debug)]
#[repr(C)]
pub struct MDL {
    pub Next: *mut MDL,
    pub Size: i16,
    pub MdlFlags: i16,
    pub Process: *mut c_void,
    pub MappedSystemVa: *mut c_void,
    pub StartVa: *mut c_void,
    pub ByteCount: u32,
    pub ByteOffset: u32,
}

/// MDL_MAPPED_TO_SYSTEM_VA | MDL_SOURCE_IS_NONPAGED_POOL: an MDL over nonpaged memory whose
/// MappedSystemVa is valid (what NdisAllocateMdl builds).
pub const MDL_MAPPED_TO_SYSTEM_VA: i16 = 0x0001;
pub const MDL_SOURCE_IS_NONPAGED_POOL: i16 = 0x0004;

/// NET_BUFFER_SHARED_MEMORY (ndis/nbl.h), x64: 24 bytes.
#[derive(Debug)]
#[repr(C)]
pub struct NET_BUFFER_SHARED_MEMORY {
    pub NextSharedMemorySegment: *mut NET_BUFFER_SHARED_MEMORY,
    pub SharedMemoryFlags: u32,
    pub SharedMemoryHandle: *mut c_void,
    pub SharedMemoryOffset: u32,
    pub SharedMemoryLength: u32,
}

/// NET_BUFFER_HEADER: the NET_BUFFER_DATA fields, in a union with an SLIST_HEADER (16-aligned).
#[derive(Debug)]
#[repr(C, align(16))]
pub struct NET_BUFFER_DATA {
    pub Next: *mut NET_BUFFER,
    pub CurrentMdl: *mut MDL,
    pub CurrentMdlOffset: u32,
    /// `union { ULONG DataLength; SIZE_T stDataLength; }`: read the low 32 bits as DataLength.
    pub DataLength: usize,
    pub MdlChain: *mut MDL,
    pub DataOffset: u32,
}

/// NET_BUFFER, x64: 176 bytes.
#[derive(Debug)]
#[repr(C)]
pub struct NET_BUFFER {
    pub Data: NET_BUFFER_DATA,
    pub ChecksumBias: u16,
    pub Reserved: u16,
    pub NdisPoolHandle: *mut c_void,
    pub NdisReserved: Align16Ptr2,
    pub ProtocolReserved: Align16Ptr6,
    pub MiniportReserved: Align16Ptr4,
    pub DataPhysicalAddress: i64,
    /// `union { PNET_BUFFER_SHARED_MEMORY SharedMemoryInfo; PSCATTER_GATHER_LIST ScatterGatherList; }`
    pub SharedMemoryInfo: *mut NET_BUFFER_SHARED_MEMORY,
}

/// NET_BUFFER_LIST_HEADER: `Next` and `FirstNetBuffer`, in a union with an SLIST_HEADER.
#[derive(Debug)]
#[repr(C, align(16))]
pub struct NET_BUFFER_LIST_HEADER {
    pub Next: *mut NET_BUFFER_LIST,
    pub FirstNetBuffer: *mut NET_BUFFER,
}

/// MaxNetBufferListInfo for an NDIS 6.30 x64 build (RscTcpTimestampDelta = 23 is the last).
pub const MAX_NET_BUFFER_LIST_INFO: usize = 24;

/// NDIS_NET_BUFFER_LIST_INFO indices the driver uses.
pub const IEEE_8021Q_NET_BUFFER_LIST_INFO: usize = crate::hw_assist::Ieee8021QNetBufferListInfo;
pub const NET_BUFFER_LIST_CANCEL_ID: usize = 5;
pub const NET_BUFFER_LIST_FILTERING_INFO: usize = crate::hw_assist::NetBufferListFilteringInfo;

/// NET_BUFFER_LIST, x64 (NDIS 6.30): NetBufferListInfo at 0x90, 336 bytes.
#[derive(Debug)]
#[repr(C)]
pub struct NET_BUFFER_LIST {
    pub Header: NET_BUFFER_LIST_HEADER,
    pub Context: *mut c_void,
    pub ParentNetBufferList: *mut NET_BUFFER_LIST,
    pub NdisPoolHandle: *mut c_void,
    pub NdisReserved: Align16Ptr2,
    pub ProtocolReserved: Align16Ptr4,
    pub MiniportReserved: Align16Ptr2,
    pub Scratch: *mut c_void,
    pub SourceHandle: *mut c_void,
    pub NblFlags: u32,
    pub ChildRefCount: i32,
    pub Flags: u32,
    pub Status: u32,
    pub NetBufferListInfo: [usize; MAX_NET_BUFFER_LIST_INFO],
}

/// NET_BUFFER_LIST_POOL_PARAMETERS (ndis/nblapi.h), x64: 16 bytes.
#[derive(Clone, Copy, Debug)]
#[repr(C)]
pub struct NET_BUFFER_LIST_POOL_PARAMETERS {
    pub Header: crate::header::NDIS_OBJECT_HEADER,
    pub ProtocolId: u8,
    pub fAllocateNetBuffer: u8,
    pub ContextSize: u16,
    pub PoolTag: u32,
    pub DataSize: u32,
}

/// NDIS_OBJECT_TYPE_DEFAULT with NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1.
pub const NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1: u8 = 1;
pub const NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1: u16 = 16;
/// NDIS_PROTOCOL_ID_DEFAULT.
pub const NDIS_PROTOCOL_ID_DEFAULT: u8 = 0;

const _: () = {
    use core::mem::{offset_of, size_of};
    assert!(size_of::<MDL>() == 48);
    assert!(offset_of!(MDL, MappedSystemVa) == 24);
    assert!(offset_of!(MDL, ByteCount) == 40);
    assert!(offset_of!(MDL, ByteOffset) == 44);
    assert!(size_of::<NET_BUFFER_SHARED_MEMORY>() == 32);
    assert!(offset_of!(NET_BUFFER_SHARED_MEMORY, SharedMemoryHandle) == 16);
    assert!(offset_of!(NET_BUFFER_SHARED_MEMORY, SharedMemoryOffset) == 24);
    assert!(size_of::<NET_BUFFER_DATA>() == 48);
    assert!(offset_of!(NET_BUFFER_DATA, CurrentMdlOffset) == 16);
    assert!(offset_of!(NET_BUFFER_DATA, DataLength) == 24);
    assert!(offset_of!(NET_BUFFER_DATA, MdlChain) == 32);
    assert!(offset_of!(NET_BUFFER_DATA, DataOffset) == 40);
    assert!(offset_of!(NET_BUFFER, NdisPoolHandle) == 56);
    assert!(offset_of!(NET_BUFFER, NdisReserved) == 64);
    assert!(offset_of!(NET_BUFFER, ProtocolReserved) == 80);
    assert!(offset_of!(NET_BUFFER, MiniportReserved) == 128);
    assert!(offset_of!(NET_BUFFER, DataPhysicalAddress) == 160);
    assert!(offset_of!(NET_BUFFER, SharedMemoryInfo) == 168);
    assert!(size_of::<NET_BUFFER>() == 176);
    assert!(offset_of!(NET_BUFFER_LIST, Context) == 16);
    assert!(offset_of!(NET_BUFFER_LIST, NdisPoolHandle) == 32);
    assert!(offset_of!(NET_BUFFER_LIST, NdisReserved) == 48);
    assert!(offset_of!(NET_BUFFER_LIST, ProtocolReserved) == 64);
    assert!(offset_of!(NET_BUFFER_LIST, MiniportReserved) == 96);
    assert!(offset_of!(NET_BUFFER_LIST, Scratch) == 112);
    assert!(offset_of!(NET_BUFFER_LIST, SourceHandle) == 120);
    assert!(offset_of!(NET_BUFFER_LIST, NblFlags) == 128);
    assert!(offset_of!(NET_BUFFER_LIST, Status) == 140);
    assert!(offset_of!(NET_BUFFER_LIST, NetBufferListInfo) == 0x90);
    assert!(size_of::<NET_BUFFER_LIST>() == 0x90 + 8 * MAX_NET_BUFFER_LIST_INFO);
    assert!(size_of::<NET_BUFFER_LIST_POOL_PARAMETERS>() == 16);
};
