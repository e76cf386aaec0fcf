//! Receive-filter (VMQ) structures, flags and enums (ntddndis.h), spec §1 and the size table.
//!
//! Every structure is the newest layout; older revisions are prefixes of it, and
//! `NDIS_SIZEOF_*_REVISION_n` is RTL_SIZEOF_THROUGH_FIELD of the revision's last field (checked at
//! compile time). Layouts are cross-checked field by field against mingw-w64 by `tests/layout.rs`.
#![allow(non_upper_case_globals, non_camel_case_types)]

use crate::header::{
    NdisObject, GROUP_AFFINITY, NDIS_IF_COUNTED_STRING, NDIS_OBJECT_HEADER, NDIS_OBJECT_TYPE_DEFAULT,
};
use crate::layout::{abi_struct, assert_layout, assert_through};
use crate::status::NdisStatus;

/// `NDIS_RECEIVE_QUEUE_ID` (ULONG; NBL OOB carries only 16 bits, spec §1.5).
pub type NDIS_RECEIVE_QUEUE_ID = u32;
/// `NDIS_RECEIVE_QUEUE_GROUP_ID` (reserved).
pub type NDIS_RECEIVE_QUEUE_GROUP_ID = u32;
/// `NDIS_RECEIVE_FILTER_ID`.
pub type NDIS_RECEIVE_FILTER_ID = u32;
/// `NDIS_NIC_SWITCH_VPORT_ID`.
pub type NDIS_NIC_SWITCH_VPORT_ID = u32;

/// `NDIS_DEFAULT_RECEIVE_QUEUE_ID`: the default queue, never allocated or freed (spec §1.7).
pub const NDIS_DEFAULT_RECEIVE_QUEUE_ID: NDIS_RECEIVE_QUEUE_ID = 0;
/// `NDIS_DEFAULT_RECEIVE_QUEUE_GROUP_ID`.
pub const NDIS_DEFAULT_RECEIVE_QUEUE_GROUP_ID: NDIS_RECEIVE_QUEUE_GROUP_ID = 0;
/// `NDIS_DEFAULT_RECEIVE_FILTER_ID`: 0 is never a valid assigned filter id.
pub const NDIS_DEFAULT_RECEIVE_FILTER_ID: NDIS_RECEIVE_FILTER_ID = 0;

/// `NDIS_RECEIVE_FILTER_TYPE` (`ddi/ntddndis/ne-ntddndis-_ndis_receive_filter_type.md`).
pub type NDIS_RECEIVE_FILTER_TYPE = u32;
/// `NdisReceiveFilterTypeUndefined`.
pub const NdisReceiveFilterTypeUndefined: NDIS_RECEIVE_FILTER_TYPE = 0;
/// `NdisReceiveFilterTypeVMQueue`: the only type VMQ and SR-IOV filters use.
pub const NdisReceiveFilterTypeVMQueue: NDIS_RECEIVE_FILTER_TYPE = 1;
/// `NdisReceiveFilterTypePacketCoalescing` (6.30).
pub const NdisReceiveFilterTypePacketCoalescing: NDIS_RECEIVE_FILTER_TYPE = 2;
/// `NdisReceiveFilterTypeMaximum`.
pub const NdisReceiveFilterTypeMaximum: NDIS_RECEIVE_FILTER_TYPE = 3;

/// `NDIS_FRAME_HEADER` (`ddi/ntddndis/ne-ntddndis-_ndis_frame_header.md`).
pub type NDIS_FRAME_HEADER = u32;
/// `NdisFrameHeaderUndefined`.
pub const NdisFrameHeaderUndefined: NDIS_FRAME_HEADER = 0;
/// `NdisFrameHeaderMac`: the only header VMQ filters test.
pub const NdisFrameHeaderMac: NDIS_FRAME_HEADER = 1;
/// `NdisFrameHeaderArp` (packet coalescing).
pub const NdisFrameHeaderArp: NDIS_FRAME_HEADER = 2;
/// `NdisFrameHeaderIPv4` (packet coalescing).
pub const NdisFrameHeaderIPv4: NDIS_FRAME_HEADER = 3;
/// `NdisFrameHeaderIPv6` (packet coalescing).
pub const NdisFrameHeaderIPv6: NDIS_FRAME_HEADER = 4;
/// `NdisFrameHeaderUdp` (packet coalescing).
pub const NdisFrameHeaderUdp: NDIS_FRAME_HEADER = 5;
/// `NdisFrameHeaderMaximum`.
pub const NdisFrameHeaderMaximum: NDIS_FRAME_HEADER = 6;

/// `NDIS_MAC_HEADER_FIELD` (`ddi/ntddndis/ne-ntddndis-_ndis_mac_header_field.md`).
pub type NDIS_MAC_HEADER_FIELD = u32;
/// `NdisMacHeaderFieldUndefined`.
pub const NdisMacHeaderFieldUndefined: NDIS_MAC_HEADER_FIELD = 0;
/// `NdisMacHeaderFieldDestinationAddress`: `FieldByteArrayValue[0..6]`.
pub const NdisMacHeaderFieldDestinationAddress: NDIS_MAC_HEADER_FIELD = 1;
/// `NdisMacHeaderFieldSourceAddress`.
pub const NdisMacHeaderFieldSourceAddress: NDIS_MAC_HEADER_FIELD = 2;
/// `NdisMacHeaderFieldProtocol`.
pub const NdisMacHeaderFieldProtocol: NDIS_MAC_HEADER_FIELD = 3;
/// `NdisMacHeaderFieldVlanId`: `FieldShortValue` (byte order: spec §6).
pub const NdisMacHeaderFieldVlanId: NDIS_MAC_HEADER_FIELD = 4;
/// `NdisMacHeaderFieldPriority`.
pub const NdisMacHeaderFieldPriority: NDIS_MAC_HEADER_FIELD = 5;
/// `NdisMacHeaderFieldPacketType`.
pub const NdisMacHeaderFieldPacketType: NDIS_MAC_HEADER_FIELD = 6;
/// `NdisMacHeaderFieldMaximum`.
pub const NdisMacHeaderFieldMaximum: NDIS_MAC_HEADER_FIELD = 7;

/// `NDIS_MAC_PACKET_TYPE`.
pub type NDIS_MAC_PACKET_TYPE = u32;
/// `NdisMacPacketTypeUndefined`.
pub const NdisMacPacketTypeUndefined: NDIS_MAC_PACKET_TYPE = 0;
/// `NdisMacPacketTypeUnicast`.
pub const NdisMacPacketTypeUnicast: NDIS_MAC_PACKET_TYPE = 1;
/// `NdisMacPacketTypeMulticast`.
pub const NdisMacPacketTypeMulticast: NDIS_MAC_PACKET_TYPE = 2;
/// `NdisMacPacketTypeBroadcast`.
pub const NdisMacPacketTypeBroadcast: NDIS_MAC_PACKET_TYPE = 3;
/// `NdisMacPacketTypeMaximum`.
pub const NdisMacPacketTypeMaximum: NDIS_MAC_PACKET_TYPE = 4;

/// `NDIS_ARP_HEADER_FIELD`.
pub type NDIS_ARP_HEADER_FIELD = u32;
/// `NdisARPHeaderFieldOperation`.
pub const NdisARPHeaderFieldOperation: NDIS_ARP_HEADER_FIELD = 1;
/// `NdisARPHeaderFieldSPA`.
pub const NdisARPHeaderFieldSPA: NDIS_ARP_HEADER_FIELD = 2;
/// `NdisARPHeaderFieldTPA`.
pub const NdisARPHeaderFieldTPA: NDIS_ARP_HEADER_FIELD = 3;
/// `NDIS_IPV4_HEADER_FIELD` / `NDIS_IPV6_HEADER_FIELD`: `Protocol` = 1.
pub const NdisIPv4HeaderFieldProtocol: u32 = 1;
/// `NdisIPv6HeaderFieldProtocol`.
pub const NdisIPv6HeaderFieldProtocol: u32 = 1;
/// `NdisUdpHeaderFieldDestinationPort`.
pub const NdisUdpHeaderFieldDestinationPort: u32 = 1;

/// `NDIS_RECEIVE_FILTER_TEST` (`ddi/ntddndis/ne-ntddndis-_ndis_receive_filter_test.md`).
pub type NDIS_RECEIVE_FILTER_TEST = u32;
/// `NdisReceiveFilterTestUndefined`.
pub const NdisReceiveFilterTestUndefined: NDIS_RECEIVE_FILTER_TEST = 0;
/// `NdisReceiveFilterTestEqual`: the mandatory test.
pub const NdisReceiveFilterTestEqual: NDIS_RECEIVE_FILTER_TEST = 1;
/// `NdisReceiveFilterTestMaskEqual`.
pub const NdisReceiveFilterTestMaskEqual: NDIS_RECEIVE_FILTER_TEST = 2;
/// `NdisReceiveFilterTestNotEqual`.
pub const NdisReceiveFilterTestNotEqual: NDIS_RECEIVE_FILTER_TEST = 3;
/// `NdisReceiveFilterTestMaximum`.
pub const NdisReceiveFilterTestMaximum: NDIS_RECEIVE_FILTER_TEST = 4;

/// `NDIS_RECEIVE_QUEUE_TYPE` (`ddi/ntddndis/ne-ntddndis-_ndis_receive_queue_type.md`).
pub type NDIS_RECEIVE_QUEUE_TYPE = u32;
/// `NdisReceiveQueueTypeUnspecified`.
pub const NdisReceiveQueueTypeUnspecified: NDIS_RECEIVE_QUEUE_TYPE = 0;
/// `NdisReceiveQueueTypeVMQueue`: the only type ALLOCATE_QUEUE accepts.
pub const NdisReceiveQueueTypeVMQueue: NDIS_RECEIVE_QUEUE_TYPE = 1;
/// `NdisReceiveQueueTypeMaximum`.
pub const NdisReceiveQueueTypeMaximum: NDIS_RECEIVE_QUEUE_TYPE = 2;

/// `NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE` (`ddi/ntddndis/ne-ntddndis-_ndis_receive_queue_operational_state.md`).
pub type NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE = u32;
/// `NdisReceiveQueueOperationalStateUndefined`.
pub const NdisReceiveQueueOperationalStateUndefined: NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE = 0;
/// `NdisReceiveQueueOperationalStateRunning`.
pub const NdisReceiveQueueOperationalStateRunning: NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE = 1;
/// `NdisReceiveQueueOperationalStatePaused`.
pub const NdisReceiveQueueOperationalStatePaused: NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE = 2;
/// `NdisReceiveQueueOperationalStateDmaStopped`: indicated once per FREE_QUEUE (spec §1.2).
pub const NdisReceiveQueueOperationalStateDmaStopped: NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE = 3;
/// `NdisReceiveQueueOperationalStateMaximum`.
pub const NdisReceiveQueueOperationalStateMaximum: NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE = 4;

// Capability and parameter flags (`ddi/ntddndis/ns-ntddndis-_ndis_receive_filter_capabilities.md`).

/// `NDIS_RECEIVE_FILTER_MAC_HEADER_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_MAC_HEADER_SUPPORTED: u32 = 0x0000_0001;
/// `NDIS_RECEIVE_FILTER_IPV4_HEADER_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_IPV4_HEADER_SUPPORTED: u32 = 0x0000_0002;
/// `NDIS_RECEIVE_FILTER_IPV6_HEADER_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_IPV6_HEADER_SUPPORTED: u32 = 0x0000_0004;
/// `NDIS_RECEIVE_FILTER_ARP_HEADER_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_ARP_HEADER_SUPPORTED: u32 = 0x0000_0008;
/// `NDIS_RECEIVE_FILTER_UDP_HEADER_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_UDP_HEADER_SUPPORTED: u32 = 0x0000_0010;
/// `NDIS_RECEIVE_FILTER_MAC_HEADER_DEST_ADDR_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_MAC_HEADER_DEST_ADDR_SUPPORTED: u32 = 0x0000_0001;
/// `NDIS_RECEIVE_FILTER_MAC_HEADER_SOURCE_ADDR_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_MAC_HEADER_SOURCE_ADDR_SUPPORTED: u32 = 0x0000_0002;
/// `NDIS_RECEIVE_FILTER_MAC_HEADER_PROTOCOL_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_MAC_HEADER_PROTOCOL_SUPPORTED: u32 = 0x0000_0004;
/// `NDIS_RECEIVE_FILTER_MAC_HEADER_VLAN_ID_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_MAC_HEADER_VLAN_ID_SUPPORTED: u32 = 0x0000_0008;
/// `NDIS_RECEIVE_FILTER_MAC_HEADER_PRIORITY_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_MAC_HEADER_PRIORITY_SUPPORTED: u32 = 0x0000_0010;
/// `NDIS_RECEIVE_FILTER_MAC_HEADER_PACKET_TYPE_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_MAC_HEADER_PACKET_TYPE_SUPPORTED: u32 = 0x0000_0020;
/// `NDIS_RECEIVE_FILTER_ARP_HEADER_OPERATION_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_ARP_HEADER_OPERATION_SUPPORTED: u32 = 0x0000_0001;
/// `NDIS_RECEIVE_FILTER_ARP_HEADER_SPA_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_ARP_HEADER_SPA_SUPPORTED: u32 = 0x0000_0002;
/// `NDIS_RECEIVE_FILTER_ARP_HEADER_TPA_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_ARP_HEADER_TPA_SUPPORTED: u32 = 0x0000_0004;
/// `NDIS_RECEIVE_FILTER_IPV4_HEADER_PROTOCOL_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_IPV4_HEADER_PROTOCOL_SUPPORTED: u32 = 0x0000_0001;
/// `NDIS_RECEIVE_FILTER_IPV6_HEADER_PROTOCOL_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_IPV6_HEADER_PROTOCOL_SUPPORTED: u32 = 0x0000_0001;
/// `NDIS_RECEIVE_FILTER_UDP_HEADER_DEST_PORT_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_UDP_HEADER_DEST_PORT_SUPPORTED: u32 = 0x0000_0001;
/// `NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_EQUAL_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_EQUAL_SUPPORTED: u32 = 0x0000_0001;
/// `NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_MASK_EQUAL_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_MASK_EQUAL_SUPPORTED: u32 = 0x0000_0002;
/// `NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_NOT_EQUAL_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_NOT_EQUAL_SUPPORTED: u32 = 0x0000_0004;
/// `NDIS_RECEIVE_FILTER_MSI_X_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_MSI_X_SUPPORTED: u32 = 0x0000_0001;
/// `NDIS_RECEIVE_FILTER_VM_QUEUE_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_VM_QUEUE_SUPPORTED: u32 = 0x0000_0002;
/// `NDIS_RECEIVE_FILTER_LOOKAHEAD_SPLIT_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_LOOKAHEAD_SPLIT_SUPPORTED: u32 = 0x0000_0004;
/// `NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED: u32 = 0x0000_0008;
/// `NDIS_RECEIVE_FILTER_INTERRUPT_VECTOR_COALESCING_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_INTERRUPT_VECTOR_COALESCING_SUPPORTED: u32 = 0x0000_0010;
/// `NDIS_RECEIVE_FILTER_ANY_VLAN_SUPPORTED`.
pub const NDIS_RECEIVE_FILTER_ANY_VLAN_SUPPORTED: u32 = 0x0000_0020;
/// `NDIS_RECEIVE_FILTER_IMPLAT_MIN_OF_QUEUES_MODE`.
pub const NDIS_RECEIVE_FILTER_IMPLAT_MIN_OF_QUEUES_MODE: u32 = 0x0000_0040;
/// `NDIS_RECEIVE_FILTER_IMPLAT_SUM_OF_QUEUES_MODE`.
pub const NDIS_RECEIVE_FILTER_IMPLAT_SUM_OF_QUEUES_MODE: u32 = 0x0000_0080;
/// `NDIS_RECEIVE_FILTER_PACKET_COALESCING_SUPPORTED_ON_DEFAULT_QUEUE`.
pub const NDIS_RECEIVE_FILTER_PACKET_COALESCING_SUPPORTED_ON_DEFAULT_QUEUE: u32 = 0x0000_0100;
/// `NDIS_RECEIVE_FILTER_VMQ_FILTERS_ENABLED`.
pub const NDIS_RECEIVE_FILTER_VMQ_FILTERS_ENABLED: u32 = 0x0000_0001;
/// `NDIS_RECEIVE_FILTER_PACKET_COALESCING_FILTERS_ENABLED`.
pub const NDIS_RECEIVE_FILTER_PACKET_COALESCING_FILTERS_ENABLED: u32 = 0x0000_0002;
/// `NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED`.
pub const NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED: u32 = 0x0000_0001;
/// `NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO`.
pub const NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO: u32 = 0x0000_0001;
/// `NDIS_RECEIVE_FILTER_PACKET_ENCAPSULATION_GRE`.
pub const NDIS_RECEIVE_FILTER_PACKET_ENCAPSULATION_GRE: u32 = 0x0000_0002;
/// `NDIS_RECEIVE_FILTER_INFO_ARRAY_VPORT_ID_SPECIFIED`.
pub const NDIS_RECEIVE_FILTER_INFO_ARRAY_VPORT_ID_SPECIFIED: u32 = 0x0000_0001;
/// `NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION`.
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION: u32 = 0x0000_0001;
/// `NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED`.
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED: u32 = 0x0000_0002;
/// `NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED`.
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED: u32 = 0x0001_0000;
/// `NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED`.
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED: u32 = 0x0002_0000;
/// `NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED`.
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED: u32 = 0x0004_0000;
/// `NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED`.
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED: u32 = 0x0008_0000;
/// `NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED`.
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED: u32 = 0x0010_0000;
/// `NDIS_RECEIVE_QUEUE_PARAMETERS_CHANGE_MASK`.
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_CHANGE_MASK: u32 = 0xFFFF_0000;
// Newer than mingw-w64 (values taken from windows-sys, so the constants test cannot
// independently confirm them).
/// `NDIS_RECEIVE_FILTER_PACKET_ENCAPSULATION` (filter Flags; the newer name of ..._GRE).
pub const NDIS_RECEIVE_FILTER_PACKET_ENCAPSULATION: u32 = 0x0000_0002;
/// `NDIS_RECEIVE_FILTER_FLAGS_RESERVED`.
pub const NDIS_RECEIVE_FILTER_FLAGS_RESERVED: u32 = 0x0000_0001;
/// `NDIS_RECEIVE_FILTER_RESERVED`: reserved filter Flags bits.
pub const NDIS_RECEIVE_FILTER_RESERVED: u32 = 0x0000_00FE;
/// `NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_FOR_DEFAULT_QUEUE_SUPPORTED` (6.40+;
/// reuses bit 0x40 of the retired IMPLAT_MIN_OF_QUEUES_MODE).
pub const NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_FOR_DEFAULT_QUEUE_SUPPORTED: u32 =
    0x0000_0040;
/// `NDIS_RECEIVE_QUEUE_PARAMETERS_QOS_SQ_ID_CHANGED` (6.50).
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_QOS_SQ_ID_CHANGED: u32 = 0x0020_0000;

abi_struct! {
    /// Receive-filter capabilities (hardware/current), spec §1.1. `ddi/ntddndis/ns-ntddndis-_ndis_receive_filter_capabilities.md`.
    NDIS_RECEIVE_FILTER_CAPABILITIES {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        EnabledFilterTypes enabled_filter_types: u32,
        EnabledQueueTypes enabled_queue_types: u32,
        NumQueues num_queues: u32,
        SupportedQueueProperties supported_queue_properties: u32,
        SupportedFilterTests supported_filter_tests: u32,
        SupportedHeaders supported_headers: u32,
        SupportedMacHeaderFields supported_mac_header_fields: u32,
        MaxMacHeaderFilters max_mac_header_filters: u32,
        MaxQueueGroups max_queue_groups: u32,
        MaxQueuesPerQueueGroup max_queues_per_queue_group: u32,
        MinLookaheadSplitSize min_lookahead_split_size: u32,
        MaxLookaheadSplitSize max_lookahead_split_size: u32,
        SupportedARPHeaderFields supported_arp_header_fields: u32,
        SupportedIPv4HeaderFields supported_ipv4_header_fields: u32,
        SupportedIPv6HeaderFields supported_ipv6_header_fields: u32,
        SupportedUdpHeaderFields supported_udp_header_fields: u32,
        MaxFieldTestsPerPacketCoalescingFilter max_field_tests_per_packet_coalescing_filter: u32,
        MaxPacketCoalescingFilters max_packet_coalescing_filters: u32,
        NdisReserved ndis_reserved: u32,
    }
}

/// `NDIS_RECEIVE_FILTER_CAPABILITIES_REVISION_1`.
pub const NDIS_RECEIVE_FILTER_CAPABILITIES_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_FILTER_CAPABILITIES, MaxLookaheadSplitSize).
pub const NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_1: u16 = 56;
/// `NDIS_RECEIVE_FILTER_CAPABILITIES_REVISION_2`.
pub const NDIS_RECEIVE_FILTER_CAPABILITIES_REVISION_2: u8 = 2;
/// `NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_2` = RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_FILTER_CAPABILITIES, NdisReserved).
pub const NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_2: u16 = 84;
impl NdisObject for NDIS_RECEIVE_FILTER_CAPABILITIES {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[
        (
            NDIS_RECEIVE_FILTER_CAPABILITIES_REVISION_1,
            NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_1,
        ),
        (
            NDIS_RECEIVE_FILTER_CAPABILITIES_REVISION_2,
            NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_2,
        ),
    ];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_RECEIVE_FILTER_CAPABILITIES,
    "MaxLookaheadSplitSize",
    NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_1
);
assert_through!(
    NDIS_RECEIVE_FILTER_CAPABILITIES,
    "NdisReserved",
    NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_2
);
assert_layout!(NDIS_RECEIVE_FILTER_CAPABILITIES, 84);

abi_struct! {
    /// OID_RECEIVE_FILTER_GLOBAL_PARAMETERS payload. `ddi/ntddndis/ns-ntddndis-_ndis_receive_filter_global_parameters.md`.
    NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        EnabledFilterTypes enabled_filter_types: u32,
        EnabledQueueTypes enabled_queue_types: u32,
    }
}

/// `NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS_REVISION_1`.
pub const NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_RECEIVE_FILTER_GLOBAL_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS, EnabledQueueTypes).
pub const NDIS_SIZEOF_RECEIVE_FILTER_GLOBAL_PARAMETERS_REVISION_1: u16 = 16;
impl NdisObject for NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_RECEIVE_FILTER_GLOBAL_PARAMETERS_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS,
    "EnabledQueueTypes",
    NDIS_SIZEOF_RECEIVE_FILTER_GLOBAL_PARAMETERS_REVISION_1
);
assert_layout!(NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS, 16);

abi_struct! {
    /// The `_FIELD_VALUE` / `_RESULT_VALUE` unions: 16 bytes, 8-aligned (contains a ULONG64).
    /// All arms alias the first bytes; integers are little-endian in memory (x64).
    NDIS_RECEIVE_FILTER_FIELD_VALUE align(8) {
        FieldByteArrayValue bytes: [u8; 16],
    }
}
assert_layout!(NDIS_RECEIVE_FILTER_FIELD_VALUE, 16);

impl NDIS_RECEIVE_FILTER_FIELD_VALUE {
    /// `FieldByteValue`.
    pub fn byte(&self) -> u8 {
        let [a, ..] = self.bytes;
        a
    }
    /// `FieldShortValue` (as stored; see spec §6 on VLAN byte order).
    pub fn short(&self) -> u16 {
        let [a, b, ..] = self.bytes;
        u16::from_le_bytes([a, b])
    }
    /// `FieldLongValue`.
    pub fn long(&self) -> u32 {
        let [a, b, c, d, ..] = self.bytes;
        u32::from_le_bytes([a, b, c, d])
    }
    /// `FieldLong64Value`.
    pub fn long64(&self) -> u64 {
        let [a, b, c, d, e, f, g, h, ..] = self.bytes;
        u64::from_le_bytes([a, b, c, d, e, f, g, h])
    }
    /// The first six bytes of `FieldByteArrayValue` (a MAC address).
    pub fn mac(&self) -> [u8; 6] {
        let [a, b, c, d, e, f, ..] = self.bytes;
        [a, b, c, d, e, f]
    }
    /// A value holding `mac` in `FieldByteArrayValue[0..6]`.
    pub fn from_mac(mac: [u8; 6]) -> Self {
        let mut v = Self::zeroed();
        for (dst, src) in v.bytes.iter_mut().zip(mac) {
            *dst = src;
        }
        v
    }
    /// A value holding `FieldShortValue = value`.
    pub fn from_short(value: u16) -> Self {
        let mut v = Self::zeroed();
        for (dst, src) in v.bytes.iter_mut().zip(value.to_le_bytes()) {
            *dst = src;
        }
        v
    }
}

abi_struct! {
    /// One field test of a filter (`ddi/ntddndis/ns-ntddndis-_ndis_receive_filter_field_parameters.md`).
    /// `HeaderField` is a union of 4-byte enums (MAC/ARP/IPv4/IPv6/UDP field); `FieldValue` and
    /// `ResultValue` are 16-byte, 8-aligned unions (byte / short / long / long64 / byte array),
    /// see [`NDIS_RECEIVE_FILTER_FIELD_VALUE`]. Rev1 and rev2 (6.30, more HeaderField values) share
    /// the 56-byte layout.
    NDIS_RECEIVE_FILTER_FIELD_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        FrameHeader frame_header: NDIS_FRAME_HEADER,
        ReceiveFilterTest receive_filter_test: NDIS_RECEIVE_FILTER_TEST,
        /// `HeaderField.MacHeaderField` etc.
        HeaderField header_field: u32,
        _pad0 _pad0: [u8; 4],
        FieldValue field_value: NDIS_RECEIVE_FILTER_FIELD_VALUE,
        ResultValue result_value: NDIS_RECEIVE_FILTER_FIELD_VALUE,
    }
}

/// `NDIS_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1`.
pub const NDIS_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_FILTER_FIELD_PARAMETERS, ResultValue).
pub const NDIS_SIZEOF_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1: u16 = 56;
/// `NDIS_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_2`.
pub const NDIS_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_2: u8 = 2;
/// `NDIS_SIZEOF_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_2` = RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_FILTER_FIELD_PARAMETERS, ResultValue).
pub const NDIS_SIZEOF_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_2: u16 = 56;
impl NdisObject for NDIS_RECEIVE_FILTER_FIELD_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[
        (
            NDIS_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1,
            NDIS_SIZEOF_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1,
        ),
        (
            NDIS_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_2,
            NDIS_SIZEOF_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_2,
        ),
    ];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_RECEIVE_FILTER_FIELD_PARAMETERS,
    "ResultValue",
    NDIS_SIZEOF_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1
);
assert_through!(
    NDIS_RECEIVE_FILTER_FIELD_PARAMETERS,
    "ResultValue",
    NDIS_SIZEOF_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_2
);
assert_layout!(NDIS_RECEIVE_FILTER_FIELD_PARAMETERS, 56);

assert_layout!(NDIS_RECEIVE_FILTER_FIELD_PARAMETERS, 56, field_value @ 24, result_value @ 40);

abi_struct! {
    /// OID_RECEIVE_FILTER_SET_FILTER / _PARAMETERS payload; the field tests follow at FieldParametersArrayOffset. `ddi/ntddndis/ns-ntddndis-_ndis_receive_filter_parameters.md`.
    NDIS_RECEIVE_FILTER_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        FilterType filter_type: NDIS_RECEIVE_FILTER_TYPE,
        QueueId queue_id: NDIS_RECEIVE_QUEUE_ID,
        FilterId filter_id: NDIS_RECEIVE_FILTER_ID,
        FieldParametersArrayOffset field_parameters_array_offset: u32,
        FieldParametersArrayNumElements field_parameters_array_num_elements: u32,
        FieldParametersArrayElementSize field_parameters_array_element_size: u32,
        RequestedFilterIdBitCount requested_filter_id_bit_count: u32,
        MaxCoalescingDelay max_coalescing_delay: u32,
        VPortId vport_id: NDIS_NIC_SWITCH_VPORT_ID,
    }
}

/// `NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_1`.
pub const NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_FILTER_PARAMETERS, RequestedFilterIdBitCount).
pub const NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_1: u16 = 36;
/// `NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_2`.
pub const NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_2: u8 = 2;
/// `NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_2` = RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_FILTER_PARAMETERS, VPortId).
pub const NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_2: u16 = 44;
impl NdisObject for NDIS_RECEIVE_FILTER_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[
        (
            NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_1,
            NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_1,
        ),
        (
            NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_2,
            NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_2,
        ),
    ];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_RECEIVE_FILTER_PARAMETERS,
    "RequestedFilterIdBitCount",
    NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_1
);
assert_through!(
    NDIS_RECEIVE_FILTER_PARAMETERS,
    "VPortId",
    NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_2
);
assert_layout!(NDIS_RECEIVE_FILTER_PARAMETERS, 44);

abi_struct! {
    /// OID_RECEIVE_FILTER_CLEAR_FILTER payload. `ddi/ntddndis/ns-ntddndis-_ndis_receive_filter_clear_parameters.md`.
    NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        QueueId queue_id: NDIS_RECEIVE_QUEUE_ID,
        FilterId filter_id: NDIS_RECEIVE_FILTER_ID,
    }
}

/// `NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1`.
pub const NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS, FilterId).
pub const NDIS_SIZEOF_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1: u16 = 16;
impl NdisObject for NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS,
    "FilterId",
    NDIS_SIZEOF_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1
);
assert_layout!(NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS, 16);

abi_struct! {
    /// OID_RECEIVE_FILTER_ALLOCATE_QUEUE / _QUEUE_PARAMETERS payload. Rev3 (6.50) adds `QosSqId`, which sits in what was rev2's tail padding (sizeof stays 1096). The DDI page labels rev3 `NDIS_NIC_SWITCH_VPORT_PARAMETERS_REVISION_3` (copy error, spec §6); we follow windows-sys, which defines `NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_3` = 3 and `..._QOS_SQ_ID_CHANGED`. `ddi/ntddndis/ns-ntddndis-_ndis_receive_queue_parameters.md`.
    NDIS_RECEIVE_QUEUE_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        QueueType queue_type: NDIS_RECEIVE_QUEUE_TYPE,
        QueueId queue_id: NDIS_RECEIVE_QUEUE_ID,
        QueueGroupId queue_group_id: NDIS_RECEIVE_QUEUE_GROUP_ID,
        _pad0 _pad0: [u8; 4],
        ProcessorAffinity processor_affinity: GROUP_AFFINITY,
        NumSuggestedReceiveBuffers num_suggested_receive_buffers: u32,
        MSIXTableEntry msix_table_entry: u32,
        LookaheadSize lookahead_size: u32,
        VmName vm_name: NDIS_IF_COUNTED_STRING,
        QueueName queue_name: NDIS_IF_COUNTED_STRING,
        PortId port_id: u32,
        InterruptCoalescingDomainId interrupt_coalescing_domain_id: u32,
        QosSqId qos_sq_id: u32,
    }
}

/// `NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_1`.
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_QUEUE_PARAMETERS, QueueName).
pub const NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_1: u16 = 1084;
/// `NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_2`.
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_2: u8 = 2;
/// `NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2` = RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_QUEUE_PARAMETERS, InterruptCoalescingDomainId).
pub const NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2: u16 = 1092;
/// `NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_3`.
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_3: u8 = 3;
/// `NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_3` = RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_QUEUE_PARAMETERS, QosSqId).
pub const NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_3: u16 = 1096;
impl NdisObject for NDIS_RECEIVE_QUEUE_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[
        (
            NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_1,
            NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_1,
        ),
        (
            NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_2,
            NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2,
        ),
        (
            NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_3,
            NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_3,
        ),
    ];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_RECEIVE_QUEUE_PARAMETERS,
    "QueueName",
    NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_1
);
assert_through!(
    NDIS_RECEIVE_QUEUE_PARAMETERS,
    "InterruptCoalescingDomainId",
    NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2
);
assert_through!(
    NDIS_RECEIVE_QUEUE_PARAMETERS,
    "QosSqId",
    NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_3
);
assert_layout!(NDIS_RECEIVE_QUEUE_PARAMETERS, 1096);

assert_layout!(NDIS_RECEIVE_QUEUE_PARAMETERS, 1096, processor_affinity @ 24, vm_name @ 52, queue_name @ 568, port_id @ 1084, qos_sq_id @ 1092);

abi_struct! {
    /// OID_RECEIVE_FILTER_FREE_QUEUE payload. `ddi/ntddndis/ns-ntddndis-_ndis_receive_queue_free_parameters.md`.
    NDIS_RECEIVE_QUEUE_FREE_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        QueueId queue_id: NDIS_RECEIVE_QUEUE_ID,
    }
}

/// `NDIS_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1`.
pub const NDIS_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_QUEUE_FREE_PARAMETERS, QueueId).
pub const NDIS_SIZEOF_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1: u16 = 12;
impl NdisObject for NDIS_RECEIVE_QUEUE_FREE_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_RECEIVE_QUEUE_FREE_PARAMETERS,
    "QueueId",
    NDIS_SIZEOF_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1
);
assert_layout!(NDIS_RECEIVE_QUEUE_FREE_PARAMETERS, 12);

abi_struct! {
    /// One element of OID_RECEIVE_FILTER_ENUM_QUEUES. `ddi/ntddndis/ns-ntddndis-_ndis_receive_queue_info.md`.
    NDIS_RECEIVE_QUEUE_INFO {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        QueueType queue_type: NDIS_RECEIVE_QUEUE_TYPE,
        QueueId queue_id: NDIS_RECEIVE_QUEUE_ID,
        QueueGroupId queue_group_id: NDIS_RECEIVE_QUEUE_GROUP_ID,
        QueueState queue_state: NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE,
        ProcessorAffinity processor_affinity: GROUP_AFFINITY,
        NumSuggestedReceiveBuffers num_suggested_receive_buffers: u32,
        MSIXTableEntry msix_table_entry: u32,
        LookaheadSize lookahead_size: u32,
        VmName vm_name: NDIS_IF_COUNTED_STRING,
        QueueName queue_name: NDIS_IF_COUNTED_STRING,
        NumFilters num_filters: u32,
        InterruptCoalescingDomainId interrupt_coalescing_domain_id: u32,
        _pad0 _pad0: [u8; 4],
    }
}

/// `NDIS_RECEIVE_QUEUE_INFO_REVISION_1`.
pub const NDIS_RECEIVE_QUEUE_INFO_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_RECEIVE_QUEUE_INFO_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_QUEUE_INFO, QueueName).
pub const NDIS_SIZEOF_RECEIVE_QUEUE_INFO_REVISION_1: u16 = 1084;
/// `NDIS_RECEIVE_QUEUE_INFO_REVISION_2`.
pub const NDIS_RECEIVE_QUEUE_INFO_REVISION_2: u8 = 2;
/// `NDIS_SIZEOF_RECEIVE_QUEUE_INFO_REVISION_2` = RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_QUEUE_INFO, InterruptCoalescingDomainId).
pub const NDIS_SIZEOF_RECEIVE_QUEUE_INFO_REVISION_2: u16 = 1092;
impl NdisObject for NDIS_RECEIVE_QUEUE_INFO {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[
        (
            NDIS_RECEIVE_QUEUE_INFO_REVISION_1,
            NDIS_SIZEOF_RECEIVE_QUEUE_INFO_REVISION_1,
        ),
        (
            NDIS_RECEIVE_QUEUE_INFO_REVISION_2,
            NDIS_SIZEOF_RECEIVE_QUEUE_INFO_REVISION_2,
        ),
    ];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_RECEIVE_QUEUE_INFO,
    "QueueName",
    NDIS_SIZEOF_RECEIVE_QUEUE_INFO_REVISION_1
);
assert_through!(
    NDIS_RECEIVE_QUEUE_INFO,
    "InterruptCoalescingDomainId",
    NDIS_SIZEOF_RECEIVE_QUEUE_INFO_REVISION_2
);
assert_layout!(NDIS_RECEIVE_QUEUE_INFO, 1096);

abi_struct! {
    /// OID_RECEIVE_FILTER_ENUM_QUEUES header; NDIS_RECEIVE_QUEUE_INFO elements follow. `ddi/ntddndis/ns-ntddndis-_ndis_receive_queue_info_array.md`.
    NDIS_RECEIVE_QUEUE_INFO_ARRAY {
        Header header: NDIS_OBJECT_HEADER,
        FirstElementOffset first_element_offset: u32,
        NumElements num_elements: u32,
        ElementSize element_size: u32,
    }
}

/// `NDIS_RECEIVE_QUEUE_INFO_ARRAY_REVISION_1`.
pub const NDIS_RECEIVE_QUEUE_INFO_ARRAY_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_RECEIVE_QUEUE_INFO_ARRAY_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_QUEUE_INFO_ARRAY, ElementSize).
pub const NDIS_SIZEOF_RECEIVE_QUEUE_INFO_ARRAY_REVISION_1: u16 = 16;
impl NdisObject for NDIS_RECEIVE_QUEUE_INFO_ARRAY {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_RECEIVE_QUEUE_INFO_ARRAY_REVISION_1,
        NDIS_SIZEOF_RECEIVE_QUEUE_INFO_ARRAY_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_RECEIVE_QUEUE_INFO_ARRAY,
    "ElementSize",
    NDIS_SIZEOF_RECEIVE_QUEUE_INFO_ARRAY_REVISION_1
);
assert_layout!(NDIS_RECEIVE_QUEUE_INFO_ARRAY, 16);

abi_struct! {
    /// One element of OID_RECEIVE_FILTER_ENUM_FILTERS. `ddi/ntddndis/ns-ntddndis-_ndis_receive_filter_info.md`.
    NDIS_RECEIVE_FILTER_INFO {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        FilterType filter_type: NDIS_RECEIVE_FILTER_TYPE,
        FilterId filter_id: NDIS_RECEIVE_FILTER_ID,
    }
}

/// `NDIS_RECEIVE_FILTER_INFO_REVISION_1`.
pub const NDIS_RECEIVE_FILTER_INFO_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_RECEIVE_FILTER_INFO_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_FILTER_INFO, FilterId).
pub const NDIS_SIZEOF_RECEIVE_FILTER_INFO_REVISION_1: u16 = 16;
impl NdisObject for NDIS_RECEIVE_FILTER_INFO {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_RECEIVE_FILTER_INFO_REVISION_1,
        NDIS_SIZEOF_RECEIVE_FILTER_INFO_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_RECEIVE_FILTER_INFO,
    "FilterId",
    NDIS_SIZEOF_RECEIVE_FILTER_INFO_REVISION_1
);
assert_layout!(NDIS_RECEIVE_FILTER_INFO, 16);

abi_struct! {
    /// OID_RECEIVE_FILTER_ENUM_FILTERS header (QueueId / VPortId input). `ddi/ntddndis/ns-ntddndis-_ndis_receive_filter_info_array.md`.
    NDIS_RECEIVE_FILTER_INFO_ARRAY {
        Header header: NDIS_OBJECT_HEADER,
        QueueId queue_id: NDIS_RECEIVE_QUEUE_ID,
        FirstElementOffset first_element_offset: u32,
        NumElements num_elements: u32,
        ElementSize element_size: u32,
        Flags flags: u32,
        VPortId vport_id: NDIS_NIC_SWITCH_VPORT_ID,
    }
}

/// `NDIS_RECEIVE_FILTER_INFO_ARRAY_REVISION_1`.
pub const NDIS_RECEIVE_FILTER_INFO_ARRAY_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_RECEIVE_FILTER_INFO_ARRAY_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_FILTER_INFO_ARRAY, ElementSize).
pub const NDIS_SIZEOF_RECEIVE_FILTER_INFO_ARRAY_REVISION_1: u16 = 20;
/// `NDIS_RECEIVE_FILTER_INFO_ARRAY_REVISION_2`.
pub const NDIS_RECEIVE_FILTER_INFO_ARRAY_REVISION_2: u8 = 2;
/// `NDIS_SIZEOF_RECEIVE_FILTER_INFO_ARRAY_REVISION_2` = RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_FILTER_INFO_ARRAY, VPortId).
pub const NDIS_SIZEOF_RECEIVE_FILTER_INFO_ARRAY_REVISION_2: u16 = 28;
impl NdisObject for NDIS_RECEIVE_FILTER_INFO_ARRAY {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[
        (
            NDIS_RECEIVE_FILTER_INFO_ARRAY_REVISION_1,
            NDIS_SIZEOF_RECEIVE_FILTER_INFO_ARRAY_REVISION_1,
        ),
        (
            NDIS_RECEIVE_FILTER_INFO_ARRAY_REVISION_2,
            NDIS_SIZEOF_RECEIVE_FILTER_INFO_ARRAY_REVISION_2,
        ),
    ];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_RECEIVE_FILTER_INFO_ARRAY,
    "ElementSize",
    NDIS_SIZEOF_RECEIVE_FILTER_INFO_ARRAY_REVISION_1
);
assert_through!(
    NDIS_RECEIVE_FILTER_INFO_ARRAY,
    "VPortId",
    NDIS_SIZEOF_RECEIVE_FILTER_INFO_ARRAY_REVISION_2
);
assert_layout!(NDIS_RECEIVE_FILTER_INFO_ARRAY, 28);

abi_struct! {
    /// One element of OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE (CompletionStatus is output). `ddi/ntddndis/ns-ntddndis-_ndis_receive_queue_allocation_complete_parameters.md`.
    NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        QueueId queue_id: NDIS_RECEIVE_QUEUE_ID,
        CompletionStatus completion_status: NdisStatus,
    }
}

/// `NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1`.
pub const NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS, CompletionStatus).
pub const NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1: u16 = 16;
impl NdisObject for NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS,
    "CompletionStatus",
    NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1
);
assert_layout!(NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS, 16);

abi_struct! {
    /// OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE header. `ddi/ntddndis/ns-ntddndis-_ndis_receive_queue_allocation_complete_array.md`.
    NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        FirstElementOffset first_element_offset: u32,
        NumElements num_elements: u32,
        ElementSize element_size: u32,
    }
}

/// `NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1`.
pub const NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY, ElementSize).
pub const NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1: u16 = 20;
impl NdisObject for NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1,
        NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY,
    "ElementSize",
    NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1
);
assert_layout!(NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY, 20);

abi_struct! {
    /// OID_RECEIVE_FILTER_MOVE_FILTER payload (SR-IOV, spec §2.4). `ddi/ntddndis/ns-ntddndis-_ndis_receive_filter_move_filter_parameters.md`.
    NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        FilterId filter_id: NDIS_RECEIVE_FILTER_ID,
        SourceQueueId source_queue_id: NDIS_RECEIVE_QUEUE_ID,
        SourceVPortId source_vport_id: NDIS_NIC_SWITCH_VPORT_ID,
        DestQueueId dest_queue_id: NDIS_RECEIVE_QUEUE_ID,
        DestVPortId dest_vport_id: NDIS_NIC_SWITCH_VPORT_ID,
    }
}

/// `NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS_REVISION_1`.
pub const NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS, DestVPortId).
pub const NDIS_SIZEOF_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS_REVISION_1: u16 = 24;
impl NdisObject for NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS,
    "DestVPortId",
    NDIS_SIZEOF_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS_REVISION_1
);
assert_layout!(NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS, 24);
