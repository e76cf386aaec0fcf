//! Miniport adapter hardware-assist attributes, shared memory parameters, NBL OOB infos used by VMQ
//! and SR-IOV, and the send/receive/return flag bits (x64; pointer fields as u64).
//! Docs: `ddi/ndis/ns-ndis-_ndis_miniport_adapter_hardware_assist_attributes.md`,
//! `ddi/ndis/ns-ndis-_ndis_shared_memory_parameters.md`, `ddi/ndis/ne-ndis-_ndis_shared_memory_usage.md`,
//! `ddi/ndis/ns-ndis-_ndis_net_buffer_list_filtering_info.md`, `ddi/ndis/ns-ndis-_ndis_net_buffer_list_8021q_info.md`.
#![allow(non_upper_case_globals, non_camel_case_types)]

use crate::header::NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES;
use crate::header::{NdisObject, NDIS_OBJECT_HEADER, NDIS_OBJECT_TYPE_DEFAULT};
use crate::layout::{abi_struct, assert_layout, assert_through};
use crate::vmq::{NDIS_NIC_SWITCH_VPORT_ID, NDIS_RECEIVE_QUEUE_ID};

/// `NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_1` (6.1: HDSplit).
pub const NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_1: u8 = 1;
/// `..._REVISION_2` (6.20: + receive filter and NIC switch capabilities).
pub const NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_2: u8 = 2;
/// `..._REVISION_3` (6.30: + SR-IOV and QoS capabilities).
pub const NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_3: u8 = 3;
/// `..._REVISION_4` (6.50: + GFT offload capabilities).
pub const NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_4: u8 = 4;
/// `NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_1` (through HDSplitAttributes).
pub const NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_1: u16 = 16;
/// `..._REVISION_2` (through CurrentNicSwitchCapabilities).
pub const NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_2: u16 = 48;
/// `..._REVISION_3` (through CurrentQosCapabilities).
pub const NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_3: u16 = 80;
/// `..._REVISION_4` (through CurrentGftOffloadCapabilities).
pub const NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_4: u16 = 96;

abi_struct! {
    /// `NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES` (Type 0xAF), passed to
    /// NdisMSetMiniportAttributes. Each field is a pointer (u64 on x64) to a capabilities struct,
    /// or 0; Hardware* and Current* come in pairs (spec §1.1).
    NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES {
        Header header: NDIS_OBJECT_HEADER,
        _pad0 _pad0: [u8; 4],
        HDSplitAttributes hd_split_attributes: u64,
        HardwareReceiveFilterCapabilities hardware_receive_filter_capabilities: u64,
        CurrentReceiveFilterCapabilities current_receive_filter_capabilities: u64,
        HardwareNicSwitchCapabilities hardware_nic_switch_capabilities: u64,
        CurrentNicSwitchCapabilities current_nic_switch_capabilities: u64,
        HardwareSriovCapabilities hardware_sriov_capabilities: u64,
        CurrentSriovCapabilities current_sriov_capabilities: u64,
        HardwareQosCapabilities hardware_qos_capabilities: u64,
        CurrentQosCapabilities current_qos_capabilities: u64,
        HardwareGftOffloadCapabilities hardware_gft_offload_capabilities: u64,
        CurrentGftOffloadCapabilities current_gft_offload_capabilities: u64,
    }
}
assert_layout!(NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES, 96, header @ 0,
    hd_split_attributes @ 8, hardware_receive_filter_capabilities @ 16,
    current_receive_filter_capabilities @ 24, hardware_nic_switch_capabilities @ 32,
    current_nic_switch_capabilities @ 40, hardware_sriov_capabilities @ 48,
    current_sriov_capabilities @ 56, hardware_qos_capabilities @ 64, current_qos_capabilities @ 72,
    hardware_gft_offload_capabilities @ 80, current_gft_offload_capabilities @ 88);
assert_through!(
    NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES,
    "HDSplitAttributes",
    NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_1
);
assert_through!(
    NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES,
    "CurrentNicSwitchCapabilities",
    NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_2
);
assert_through!(
    NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES,
    "CurrentQosCapabilities",
    NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_3
);
assert_through!(
    NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES,
    "CurrentGftOffloadCapabilities",
    NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_4
);

impl NdisObject for NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES;
    const REVISIONS: &'static [(u8, u16)] = &[
        (
            1,
            NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_1,
        ),
        (
            2,
            NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_2,
        ),
        (
            3,
            NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_3,
        ),
        (
            4,
            NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_4,
        ),
    ];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}

/// `NDIS_SHARED_MEMORY_USAGE` (`ddi/ndis/ne-ndis-_ndis_shared_memory_usage.md`).
pub type NDIS_SHARED_MEMORY_USAGE = u32;
/// `NdisSharedMemoryUsageUndefined`.
pub const NdisSharedMemoryUsageUndefined: NDIS_SHARED_MEMORY_USAGE = 0;
/// `NdisSharedMemoryUsageXmit`.
pub const NdisSharedMemoryUsageXmit: NDIS_SHARED_MEMORY_USAGE = 1;
/// `NdisSharedMemoryUsageXmitHeader`.
pub const NdisSharedMemoryUsageXmitHeader: NDIS_SHARED_MEMORY_USAGE = 2;
/// `NdisSharedMemoryUsageXmitData`.
pub const NdisSharedMemoryUsageXmitData: NDIS_SHARED_MEMORY_USAGE = 3;
/// `NdisSharedMemoryUsageReceive`: what VMQ on 6.30+ uses.
pub const NdisSharedMemoryUsageReceive: NDIS_SHARED_MEMORY_USAGE = 4;
/// `NdisSharedMemoryUsageReceiveLookahead`.
pub const NdisSharedMemoryUsageReceiveLookahead: NDIS_SHARED_MEMORY_USAGE = 5;
/// `NdisSharedMemoryUsageReceivePostLookahead`.
pub const NdisSharedMemoryUsageReceivePostLookahead: NDIS_SHARED_MEMORY_USAGE = 6;
/// `NdisSharedMemoryUsageReceiveHeader`.
pub const NdisSharedMemoryUsageReceiveHeader: NDIS_SHARED_MEMORY_USAGE = 7;
/// `NdisSharedMemoryUsageReceiveData`.
pub const NdisSharedMemoryUsageReceiveData: NDIS_SHARED_MEMORY_USAGE = 8;
/// `NdisSharedMemoryUsageOther`.
pub const NdisSharedMemoryUsageOther: NDIS_SHARED_MEMORY_USAGE = 9;
/// `NdisSharedMemoryUsageMax`.
pub const NdisSharedMemoryUsageMax: NDIS_SHARED_MEMORY_USAGE = 10;

/// `NDIS_SHARED_MEM_PARAMETERS_CONTIGOUS` (sic, WDK spelling).
pub const NDIS_SHARED_MEM_PARAMETERS_CONTIGOUS: u32 = 0x0000_0001;
/// `MM_ANY_NODE_OK`: `PreferredNode` when any NUMA node will do.
pub const MM_ANY_NODE_OK: u32 = 0x8000_0000;
/// `NDIS_SHARED_MEMORY_PARAMETERS_REVISION_1` (6.20).
pub const NDIS_SHARED_MEMORY_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SHARED_MEMORY_PARAMETERS_REVISION_2` (6.30: + VPortId).
pub const NDIS_SHARED_MEMORY_PARAMETERS_REVISION_2: u8 = 2;
/// `NDIS_SIZEOF_SHARED_MEMORY_PARAMETERS_REVISION_1` (through SGListBuffer).
pub const NDIS_SIZEOF_SHARED_MEMORY_PARAMETERS_REVISION_1: u16 = 64;
/// `NDIS_SIZEOF_SHARED_MEMORY_PARAMETERS_REVISION_2` (through VPortId).
pub const NDIS_SIZEOF_SHARED_MEMORY_PARAMETERS_REVISION_2: u16 = 68;

abi_struct! {
    /// `NDIS_SHARED_MEMORY_PARAMETERS` (x64, 72 bytes), argument of NdisAllocateSharedMemory (spec §1.8).
    NDIS_SHARED_MEMORY_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        QueueId queue_id: NDIS_RECEIVE_QUEUE_ID,
        _pad0 _pad0: [u8; 4],
        /// `NDIS_HANDLE SharedMemoryHandle` (out).
        SharedMemoryHandle shared_memory_handle: u64,
        /// `NODE_REQUIREMENT PreferredNode` (ULONG; `MM_ANY_NODE_OK`).
        PreferredNode preferred_node: u32,
        Usage usage: NDIS_SHARED_MEMORY_USAGE,
        Length length: u32,
        _pad1 _pad1: [u8; 4],
        /// `PVOID VirtualAddress` (out).
        VirtualAddress virtual_address: u64,
        SGListBufferLength sg_list_buffer_length: u32,
        _pad2 _pad2: [u8; 4],
        /// `PSCATTER_GATHER_LIST SGListBuffer`.
        SGListBuffer sg_list_buffer: u64,
        VPortId vport_id: NDIS_NIC_SWITCH_VPORT_ID,
        _pad3 _pad3: [u8; 4],
    }
}
assert_layout!(NDIS_SHARED_MEMORY_PARAMETERS, 72, queue_id @ 8, shared_memory_handle @ 16,
    preferred_node @ 24, usage @ 28, length @ 32, virtual_address @ 40, sg_list_buffer_length @ 48,
    sg_list_buffer @ 56, vport_id @ 64);
assert_through!(
    NDIS_SHARED_MEMORY_PARAMETERS,
    "SGListBuffer",
    NDIS_SIZEOF_SHARED_MEMORY_PARAMETERS_REVISION_1
);
assert_through!(
    NDIS_SHARED_MEMORY_PARAMETERS,
    "VPortId",
    NDIS_SIZEOF_SHARED_MEMORY_PARAMETERS_REVISION_2
);

impl NdisObject for NDIS_SHARED_MEMORY_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[
        (
            NDIS_SHARED_MEMORY_PARAMETERS_REVISION_1,
            NDIS_SIZEOF_SHARED_MEMORY_PARAMETERS_REVISION_1,
        ),
        (
            NDIS_SHARED_MEMORY_PARAMETERS_REVISION_2,
            NDIS_SIZEOF_SHARED_MEMORY_PARAMETERS_REVISION_2,
        ),
    ];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}

/// `NetBufferListFilteringInfo`: index of the filtering info in `NET_BUFFER_LIST.NetBufferListInfo[]`.
pub const NetBufferListFilteringInfo: usize = 14;
/// `Ieee8021QNetBufferListInfo`: index of the 802.1Q info.
pub const Ieee8021QNetBufferListInfo: usize = 4;

abi_struct! {
    /// `NDIS_NET_BUFFER_LIST_FILTERING_INFO` (x64: a PVOID-sized union). `FilterId` must be 0 on
    /// receive (6.20+); `QueueVPortInfo` is the QueueId (VMQ) or VPortId (SR-IOV PF).
    NDIS_NET_BUFFER_LIST_FILTERING_INFO {
        FilterId filter_id: u16,
        QueueVPortInfo queue_vport_info: u16,
        _pad0 _pad0: [u8; 4],
    }
}
assert_layout!(NDIS_NET_BUFFER_LIST_FILTERING_INFO, 8, filter_id @ 0, queue_vport_info @ 2);

impl NDIS_NET_BUFFER_LIST_FILTERING_INFO {
    /// From the NBL info slot value (`Value`).
    pub const fn from_value(value: u64) -> Self {
        Self {
            filter_id: value as u16,
            queue_vport_info: (value >> 16) as u16,
            _pad0: [0; 4],
        }
    }
    /// To the NBL info slot value.
    pub const fn to_value(&self) -> u64 {
        (self.filter_id as u64) | ((self.queue_vport_info as u64) << 16)
    }
}

/// `NDIS_NET_BUFFER_LIST_8021Q_INFO.TagHeader` packing into the pointer-sized slot value:
/// bits 0-2 UserPriority, bit 3 CanonicalFormatId, bits 4-15 VlanId.
pub const fn ieee8021q_info_value(user_priority: u8, canonical_format_id: bool, vlan_id: u16) -> u64 {
    ((user_priority as u64) & 0x7) | ((canonical_format_id as u64) << 3) | (((vlan_id as u64) & 0xFFF) << 4)
}

/// Unpacks an 802.1Q info slot value into `(UserPriority, CanonicalFormatId, VlanId)`.
pub const fn ieee8021q_info_parts(value: u64) -> (u8, bool, u16) {
    (
        (value & 0x7) as u8,
        (value >> 3) & 1 == 1,
        ((value >> 4) & 0xFFF) as u16,
    )
}

// NdisMIndicateReceiveNetBufferLists ReceiveFlags (spec §1.5; ndis/nblapi.h). Neither mingw-w64 nor
// windows-sys carries these; values checked by hand against the WDK header text.
/// `NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL`.
pub const NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL: u32 = 0x0000_0001;
/// `NDIS_RECEIVE_FLAGS_RESOURCES`: NBLs must be reclaimed on return of the call.
pub const NDIS_RECEIVE_FLAGS_RESOURCES: u32 = 0x0000_0002;
/// `NDIS_RECEIVE_FLAGS_SINGLE_ETHER_TYPE`.
pub const NDIS_RECEIVE_FLAGS_SINGLE_ETHER_TYPE: u32 = 0x0000_0100;
/// `NDIS_RECEIVE_FLAGS_SINGLE_VLAN`.
pub const NDIS_RECEIVE_FLAGS_SINGLE_VLAN: u32 = 0x0000_0200;
/// `NDIS_RECEIVE_FLAGS_PERFECT_FILTERED`.
pub const NDIS_RECEIVE_FLAGS_PERFECT_FILTERED: u32 = 0x0000_0400;
/// `NDIS_RECEIVE_FLAGS_SINGLE_QUEUE`: all NBLs belong to one queue (mandatory for PER_QUEUE_RECEIVE_INDICATION).
pub const NDIS_RECEIVE_FLAGS_SINGLE_QUEUE: u32 = 0x0000_0800;
/// `NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID`.
pub const NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID: u32 = 0x0000_1000;
/// `NDIS_RECEIVE_FLAGS_MORE_NBLS` (reserved).
pub const NDIS_RECEIVE_FLAGS_MORE_NBLS: u32 = 0x0000_2000;
/// `NDIS_RECEIVE_FLAGS_SWITCH_SINGLE_SOURCE`.
pub const NDIS_RECEIVE_FLAGS_SWITCH_SINGLE_SOURCE: u32 = 0x0000_8000;
/// `NDIS_RECEIVE_FLAGS_SWITCH_DESTINATION_GROUP`.
pub const NDIS_RECEIVE_FLAGS_SWITCH_DESTINATION_GROUP: u32 = 0x0000_4000;

// MiniportReturnNetBufferLists ReturnFlags.
/// `NDIS_RETURN_FLAGS_DISPATCH_LEVEL`.
pub const NDIS_RETURN_FLAGS_DISPATCH_LEVEL: u32 = 0x0000_0001;
/// `NDIS_RETURN_FLAGS_SINGLE_QUEUE`.
pub const NDIS_RETURN_FLAGS_SINGLE_QUEUE: u32 = 0x0000_0002;
/// `NDIS_RETURN_FLAGS_SWITCH_SINGLE_SOURCE`.
pub const NDIS_RETURN_FLAGS_SWITCH_SINGLE_SOURCE: u32 = 0x0000_0004;

// MiniportSendNetBufferLists SendFlags (spec §1.6).
/// `NDIS_SEND_FLAGS_DISPATCH_LEVEL`.
pub const NDIS_SEND_FLAGS_DISPATCH_LEVEL: u32 = 0x0000_0001;
/// `NDIS_SEND_FLAGS_CHECK_FOR_LOOPBACK`.
pub const NDIS_SEND_FLAGS_CHECK_FOR_LOOPBACK: u32 = 0x0000_0002;
/// `NDIS_SEND_FLAGS_SINGLE_QUEUE`.
pub const NDIS_SEND_FLAGS_SINGLE_QUEUE: u32 = 0x0000_0004;
/// `NDIS_SEND_FLAGS_SWITCH_SINGLE_SOURCE`.
pub const NDIS_SEND_FLAGS_SWITCH_SINGLE_SOURCE: u32 = 0x0000_0020;
/// `NDIS_SEND_FLAGS_SWITCH_DESTINATION_GROUP`.
pub const NDIS_SEND_FLAGS_SWITCH_DESTINATION_GROUP: u32 = 0x0000_0010;

// NdisMSendNetBufferListsComplete SendCompleteFlags.
/// `NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL`.
pub const NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL: u32 = 0x0000_0001;
/// `NDIS_SEND_COMPLETE_FLAGS_SINGLE_QUEUE`.
pub const NDIS_SEND_COMPLETE_FLAGS_SINGLE_QUEUE: u32 = 0x0000_0002;
/// `NDIS_SEND_COMPLETE_FLAGS_SWITCH_SINGLE_SOURCE`.
pub const NDIS_SEND_COMPLETE_FLAGS_SWITCH_SINGLE_SOURCE: u32 = 0x0000_0004;
