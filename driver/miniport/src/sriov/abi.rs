//! The SR-IOV / NIC-switch ABI the PF engine reads and writes: OID codes, `NDIS_SIZEOF_*` values,
//! field offsets and flag values of ntddndis.h (spec section 2.2, x64 layouts).
//!
//! These are private to the engine until svnic-abi's `sriov` module lands; each offset is the
//! `FIELD_OFFSET` of the WDK structure (NDIS_IF_COUNTED_STRING = 516 bytes, GROUP_AFFINITY 8-aligned).
//! `tests/sriov_abi.rs` pins every value.

/// NDIS_OBJECT_TYPE_DEFAULT: the header type of every SR-IOV structure.
pub const NDIS_OBJECT_TYPE_DEFAULT: u8 = 0x80;
/// sizeof(NDIS_IF_COUNTED_STRING): USHORT Length + WCHAR[257].
pub const COUNTED_STRING_SIZE: usize = 516;
/// Longest counted string in bytes (IF_MAX_STRING_SIZE = 256 WCHARs).
pub const COUNTED_STRING_MAX_BYTES: u16 = 512;

// OID codes (ntddndis.h).
pub const OID_RECEIVE_FILTER_SET_FILTER: u32 = 0x0001_0227;
pub const OID_RECEIVE_FILTER_CLEAR_FILTER: u32 = 0x0001_0228;
pub const OID_RECEIVE_FILTER_MOVE_FILTER: u32 = 0x0001_0230;
pub const OID_NIC_SWITCH_HARDWARE_CAPABILITIES: u32 = 0x0001_022E;
pub const OID_NIC_SWITCH_CURRENT_CAPABILITIES: u32 = 0x0001_022F;
pub const OID_NIC_SWITCH_CREATE_SWITCH: u32 = 0x0001_0237;
pub const OID_NIC_SWITCH_PARAMETERS: u32 = 0x0001_0238;
pub const OID_NIC_SWITCH_DELETE_SWITCH: u32 = 0x0001_0239;
pub const OID_NIC_SWITCH_ENUM_SWITCHES: u32 = 0x0001_0240;
pub const OID_NIC_SWITCH_CREATE_VPORT: u32 = 0x0001_0241;
pub const OID_NIC_SWITCH_VPORT_PARAMETERS: u32 = 0x0001_0242;
pub const OID_NIC_SWITCH_ENUM_VPORTS: u32 = 0x0001_0243;
pub const OID_NIC_SWITCH_DELETE_VPORT: u32 = 0x0001_0244;
pub const OID_NIC_SWITCH_ALLOCATE_VF: u32 = 0x0001_0245;
pub const OID_NIC_SWITCH_FREE_VF: u32 = 0x0001_0246;
pub const OID_NIC_SWITCH_VF_PARAMETERS: u32 = 0x0001_0247;
pub const OID_NIC_SWITCH_ENUM_VFS: u32 = 0x0001_0248;
pub const OID_SRIOV_HARDWARE_CAPABILITIES: u32 = 0x0001_0249;
pub const OID_SRIOV_CURRENT_CAPABILITIES: u32 = 0x0001_0250;
pub const OID_SRIOV_READ_VF_CONFIG_SPACE: u32 = 0x0001_0251;
pub const OID_SRIOV_WRITE_VF_CONFIG_SPACE: u32 = 0x0001_0252;
pub const OID_SRIOV_READ_VF_CONFIG_BLOCK: u32 = 0x0001_0253;
pub const OID_SRIOV_WRITE_VF_CONFIG_BLOCK: u32 = 0x0001_0254;
pub const OID_SRIOV_RESET_VF: u32 = 0x0001_0255;
pub const OID_SRIOV_SET_VF_POWER_STATE: u32 = 0x0001_0256;
pub const OID_SRIOV_VF_VENDOR_DEVICE_ID: u32 = 0x0001_0257;
pub const OID_SRIOV_PROBED_BARS: u32 = 0x0001_0258;
pub const OID_SRIOV_BAR_RESOURCES: u32 = 0x0001_0259;
pub const OID_SRIOV_PF_LUID: u32 = 0x0001_0260;
pub const OID_SRIOV_VF_SERIAL_NUMBER: u32 = 0x0001_0262;
pub const OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK: u32 = 0x0001_0269;

// Identifiers.
pub const NDIS_DEFAULT_SWITCH_ID: u32 = 0;
pub const NDIS_DEFAULT_VPORT_ID: u32 = 0;
pub const NDIS_PF_FUNCTION_ID: u16 = 0xFFFF;
pub const NDIS_INVALID_VF_FUNCTION_ID: u16 = 0xFFFF;
pub const NDIS_INVALID_RID: u32 = 0xFFFF_FFFF;
pub const NDIS_DEFAULT_RECEIVE_QUEUE_ID: u32 = 0;
/// NdisNicSwitchTypeExternal, the only switch type.
pub const NDIS_NIC_SWITCH_TYPE_EXTERNAL: u32 = 1;

/// NDIS_SRIOV_CAPABILITIES (12 bytes): Header, Flags @4, SriovCapabilities @8.
pub mod sriov_caps {
    pub const REVISION_1: u8 = 1;
    pub const SIZE_REVISION_1: usize = 12;
    pub const FLAGS: usize = 4;
    pub const SRIOV_CAPABILITIES: usize = 8;
    pub const NDIS_SRIOV_CAPS_SRIOV_SUPPORTED: u32 = 0x1;
    pub const NDIS_SRIOV_CAPS_PF_MINIPORT: u32 = 0x2;
    pub const NDIS_SRIOV_CAPS_VF_MINIPORT: u32 = 0x4;
}

/// NDIS_NIC_SWITCH_CAPABILITIES: rev1 32, rev2 116 (6.30), rev3 132 (6.60).
pub mod nic_switch_caps {
    pub const REVISION_1: u8 = 1;
    pub const REVISION_2: u8 = 2;
    pub const REVISION_3: u8 = 3;
    pub const SIZE_REVISION_1: usize = 32;
    pub const SIZE_REVISION_2: usize = 116;
    pub const SIZE_REVISION_3: usize = 132;
    pub const FLAGS: usize = 4;
    pub const NUM_TOTAL_MAC_ADDRESSES: usize = 12;
    pub const NUM_MAC_ADDRESSES_PER_PORT: usize = 16;
    pub const NUM_VLANS_PER_PORT: usize = 20;
    pub const NIC_SWITCH_CAPABILITIES: usize = 32;
    pub const MAX_NUM_SWITCHES: usize = 36;
    pub const MAX_NUM_VPORTS: usize = 40;
    pub const MAX_NUM_VFS: usize = 48;
    pub const MAX_NUM_QUEUE_PAIRS: usize = 52;
    pub const MAX_NUM_QUEUE_PAIRS_PER_NON_DEFAULT_VPORT: usize = 68;
    pub const MAX_NUM_MAC_ADDRESSES: usize = 92;
    pub const MAX_NUM_RSS_CAPABLE_NON_DEFAULT_PF_VPORTS: usize = 116;
    pub const NUMBER_OF_INDIRECTION_TABLE_ENTRIES_FOR_DEFAULT_VPORT: usize = 120;
    pub const NUMBER_OF_INDIRECTION_TABLE_ENTRIES_PER_NON_DEFAULT_PF_VPORT: usize = 124;
    pub const MAX_NUM_QUEUE_PAIRS_FOR_DEFAULT_VPORT: usize = 128;
    pub const NDIS_NIC_SWITCH_CAPS_VLAN_SUPPORTED: u32 = 0x1;
    pub const NDIS_NIC_SWITCH_CAPS_PER_VPORT_INTERRUPT_MODERATION_SUPPORTED: u32 = 0x2;
    pub const NDIS_NIC_SWITCH_CAPS_ASYMMETRIC_QUEUE_PAIRS_FOR_NONDEFAULT_VPORT_SUPPORTED: u32 = 0x4;
    pub const NDIS_NIC_SWITCH_CAPS_VF_RSS_SUPPORTED: u32 = 0x8;
    pub const NDIS_NIC_SWITCH_CAPS_SINGLE_VPORT_POOL: u32 = 0x10;
}

/// NDIS_NIC_SWITCH_PARAMETERS: rev1 548, rev2 552.
pub mod switch_params {
    pub const REVISION_1: u8 = 1;
    pub const REVISION_2: u8 = 2;
    pub const SIZE_REVISION_1: usize = 548;
    pub const SIZE_REVISION_2: usize = 552;
    pub const FLAGS: usize = 4;
    pub const SWITCH_TYPE: usize = 8;
    pub const SWITCH_ID: usize = 12;
    pub const SWITCH_FRIENDLY_NAME: usize = 16;
    pub const NUM_VFS: usize = 532;
    pub const NUM_QUEUE_PAIRS_FOR_DEFAULT_VPORT: usize = 548;
    /// NDIS_NIC_SWITCH_PARAMETERS_SWITCH_NAME_CHANGED: the only change flag defined.
    pub const SWITCH_NAME_CHANGED: u32 = 0x0001_0000;
    pub const CHANGE_MASK: u32 = 0xFFFF_0000;
}

/// NDIS_NIC_SWITCH_DELETE_SWITCH_PARAMETERS (12): Header, Flags @4, SwitchId @8.
pub mod delete_switch {
    pub const REVISION_1: u8 = 1;
    pub const SIZE_REVISION_1: usize = 12;
    pub const SWITCH_ID: usize = 8;
}

/// NDIS_NIC_SWITCH_VPORT_PARAMETERS: rev1 572, rev2 748 (6.50: + NdkParams @576, QosSqId @744).
pub mod vport_params {
    pub const REVISION_1: u8 = 1;
    pub const REVISION_2: u8 = 2;
    pub const SIZE_REVISION_1: usize = 572;
    pub const SIZE_REVISION_2: usize = 748;
    pub const FLAGS: usize = 4;
    pub const SWITCH_ID: usize = 8;
    pub const VPORT_ID: usize = 12;
    pub const VPORT_NAME: usize = 16;
    pub const ATTACHED_FUNCTION_ID: usize = 532;
    pub const NUM_QUEUE_PAIRS: usize = 536;
    pub const INTERRUPT_MODERATION: usize = 540;
    pub const VPORT_STATE: usize = 544;
    /// GROUP_AFFINITY { KAFFINITY Mask @0; USHORT Group @8; USHORT Reserved[3] }.
    pub const PROCESSOR_AFFINITY: usize = 552;
    pub const LOOKAHEAD_SIZE: usize = 568;
    pub const QOS_SQ_ID: usize = 744;
    pub const FLAGS_CHANGED: u32 = 0x0001_0000;
    pub const NAME_CHANGED: u32 = 0x0002_0000;
    pub const INT_MOD_CHANGED: u32 = 0x0004_0000;
    pub const STATE_CHANGED: u32 = 0x0008_0000;
    pub const PROCESSOR_AFFINITY_CHANGED: u32 = 0x0010_0000;
    pub const NDK_PARAMS_CHANGED: u32 = 0x0020_0000;
    pub const QOS_SQ_ID_CHANGED: u32 = 0x0040_0000;
    pub const NUM_QUEUE_PAIRS_CHANGED: u32 = 0x0080_0000;
    pub const CHANGE_MASK: u32 = 0xFFFF_0000;
    /// NDIS_NIC_SWITCH_VPORT_STATE.
    pub const STATE_ACTIVATED: u32 = 1;
    pub const STATE_DEACTIVATED: u32 = 2;
}

/// NDIS_NIC_SWITCH_DELETE_VPORT_PARAMETERS (12): Header, Flags @4, VPortId @8.
pub mod delete_vport {
    pub const REVISION_1: u8 = 1;
    pub const SIZE_REVISION_1: usize = 12;
    pub const VPORT_ID: usize = 8;
}

/// NDIS_NIC_SWITCH_VF_PARAMETERS (1632).
pub mod vf_params {
    pub const REVISION_1: u8 = 1;
    pub const SIZE_REVISION_1: usize = 1632;
    pub const FLAGS: usize = 4;
    pub const SWITCH_ID: usize = 8;
    pub const VM_NAME: usize = 12;
    pub const VM_FRIENDLY_NAME: usize = 528;
    pub const NIC_NAME: usize = 1044;
    pub const MAC_ADDRESS_LENGTH: usize = 1560;
    pub const PERMANENT_MAC_ADDRESS: usize = 1562;
    pub const CURRENT_MAC_ADDRESS: usize = 1594;
    pub const VF_ID: usize = 1626;
    pub const REQUESTOR_ID: usize = 1628;
}

/// NDIS_NIC_SWITCH_FREE_VF_PARAMETERS (10): Header, Flags @4, VFId @8.
pub mod free_vf {
    pub const REVISION_1: u8 = 1;
    pub const SIZE_REVISION_1: usize = 10;
    pub const VF_ID: usize = 8;
}

/// NDIS_SRIOV_{READ,WRITE}_VF_CONFIG_{SPACE,BLOCK}_PARAMETERS (20): Header, VFId @4,
/// Offset / BlockId @8, Length @12, BufferOffset @16.
pub mod vf_xfer {
    pub const REVISION_1: u8 = 1;
    pub const SIZE_REVISION_1: usize = 20;
    pub const VF_ID: usize = 4;
    pub const OFFSET_OR_BLOCK_ID: usize = 8;
    pub const LENGTH: usize = 12;
    pub const BUFFER_OFFSET: usize = 16;
}

/// NDIS_SRIOV_RESET_VF_PARAMETERS (6): Header, VFId @4.
pub mod reset_vf {
    pub const REVISION_1: u8 = 1;
    pub const SIZE_REVISION_1: usize = 6;
    pub const VF_ID: usize = 4;
}

/// NDIS_SRIOV_SET_VF_POWER_STATE_PARAMETERS (13): Header, VFId @4, PowerState @8, WakeEnable @12.
pub mod vf_power {
    pub const REVISION_1: u8 = 1;
    pub const SIZE_REVISION_1: usize = 13;
    pub const VF_ID: usize = 4;
    pub const POWER_STATE: usize = 8;
    pub const WAKE_ENABLE: usize = 12;
    /// NDIS_DEVICE_POWER_STATE: NdisDeviceStateD0 = 1 .. NdisDeviceStateD3 = 4.
    pub const D0: u32 = 1;
    pub const D3: u32 = 4;
}

/// NDIS_SRIOV_VF_VENDOR_DEVICE_ID_INFO (10): Header, VFId @4, VendorId @6, DeviceId @8.
pub mod vendor_device {
    pub const REVISION_1: u8 = 1;
    pub const SIZE_REVISION_1: usize = 10;
    pub const VF_ID: usize = 4;
    pub const VENDOR_ID: usize = 6;
    pub const DEVICE_ID: usize = 8;
}

/// NDIS_SRIOV_PROBED_BARS_INFO (8): Header, BaseRegisterValuesOffset @4; then ULONG[6].
pub mod probed_bars {
    pub const REVISION_1: u8 = 1;
    pub const SIZE_REVISION_1: usize = 8;
    pub const BASE_REGISTER_VALUES_OFFSET: usize = 4;
    pub const PCI_TYPE0_ADDRESSES: usize = 6;
    /// Header + the 6 BAR values placed right after it.
    pub const TOTAL: usize = SIZE_REVISION_1 + 4 * PCI_TYPE0_ADDRESSES;
}

/// NDIS_SRIOV_BAR_RESOURCES_INFO (12): Header, VFId @4, BarIndex @6, BarResourcesOffset @8;
/// a CM_PARTIAL_RESOURCE_DESCRIPTOR (20 bytes, pshpack4) at BarResourcesOffset.
pub mod bar_resources {
    pub const REVISION_1: u8 = 1;
    pub const SIZE_REVISION_1: usize = 12;
    pub const VF_ID: usize = 4;
    pub const BAR_INDEX: usize = 6;
    pub const BAR_RESOURCES_OFFSET: usize = 8;
    pub const CM_DESCRIPTOR_SIZE: usize = 20;
    pub const CM_RESOURCE_TYPE_MEMORY: u8 = 3;
    pub const CM_RESOURCE_SHARE_DEVICE_EXCLUSIVE: u8 = 1;
    pub const CM_RESOURCE_MEMORY_READ_WRITE: u16 = 0x0000;
    pub const CM_RESOURCE_MEMORY_PREFETCHABLE: u16 = 0x0004;
    /// Memory.Start (PHYSICAL_ADDRESS) and Memory.Length inside the descriptor.
    pub const MEMORY_START: usize = 4;
    pub const MEMORY_LENGTH: usize = 12;
}

/// NDIS_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO (16): Header, BlockMask (ULONG64) @8.
pub mod invalidate {
    pub const REVISION_1: u8 = 1;
    pub const SIZE_REVISION_1: usize = 16;
    pub const BLOCK_MASK: usize = 8;
}

/// NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS (24): Header, FilterId @4, SourceQueueId @8,
/// SourceVPortId @12, DestQueueId @16, DestVPortId @20 (the documented syntax has no Flags).
pub mod move_filter {
    pub const REVISION_1: u8 = 1;
    pub const SIZE_REVISION_1: usize = 24;
    pub const FILTER_ID: usize = 4;
    pub const SOURCE_QUEUE_ID: usize = 8;
    pub const SOURCE_VPORT_ID: usize = 12;
    pub const DEST_QUEUE_ID: usize = 16;
    pub const DEST_VPORT_ID: usize = 20;
}

/// NDIS_RECEIVE_FILTER_PARAMETERS rev2 (44) and NDIS_RECEIVE_FILTER_FIELD_PARAMETERS (56).
pub mod filter_params {
    pub const REVISION_1: u8 = 1;
    pub const REVISION_2: u8 = 2;
    pub const SIZE_REVISION_1: usize = 36;
    pub const SIZE_REVISION_2: usize = 44;
    pub const FLAGS: usize = 4;
    pub const FILTER_TYPE: usize = 8;
    pub const QUEUE_ID: usize = 12;
    pub const FILTER_ID: usize = 16;
    pub const FIELD_ARRAY_OFFSET: usize = 20;
    pub const FIELD_ARRAY_NUM_ELEMENTS: usize = 24;
    pub const FIELD_ARRAY_ELEMENT_SIZE: usize = 28;
    pub const REQUESTED_FILTER_ID_BIT_COUNT: usize = 32;
    pub const VPORT_ID: usize = 40;
    /// NdisReceiveFilterTypeVMQueue.
    pub const FILTER_TYPE_VM_QUEUE: u32 = 1;

    pub const FIELD_REVISION_1: u8 = 1;
    pub const FIELD_SIZE_REVISION_1: usize = 56;
    pub const FIELD_FLAGS: usize = 4;
    pub const FIELD_FRAME_HEADER: usize = 8;
    pub const FIELD_TEST: usize = 12;
    pub const FIELD_HEADER_FIELD: usize = 16;
    pub const FIELD_VALUE: usize = 24;
    /// NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO.
    pub const FIELD_FLAG_VLAN_UNTAGGED_OR_ZERO: u32 = 0x1;
    pub const FRAME_HEADER_MAC: u32 = 1;
    pub const TEST_EQUAL: u32 = 1;
    pub const MAC_FIELD_DESTINATION_ADDRESS: u32 = 1;
    pub const MAC_FIELD_VLAN_ID: u32 = 4;
}

/// NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS (16): Header, Flags @4, QueueId @8, FilterId @12.
pub mod clear_filter {
    pub const REVISION_1: u8 = 1;
    pub const SIZE_REVISION_1: usize = 16;
    pub const QUEUE_ID: usize = 8;
    pub const FILTER_ID: usize = 12;
}
