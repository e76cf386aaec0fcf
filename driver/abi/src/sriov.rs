//! NIC switch and SR-IOV structures, flags and enums (ntddndis.h), spec §2 and the size table.
//!
//! Every structure is the newest layout; `NDIS_SIZEOF_*_REVISION_n` is RTL_SIZEOF_THROUGH_FIELD of
//! the revision's last field (checked at compile time). Cross-checked against mingw-w64 by
//! `tests/layout.rs` (mingw holds the NDIS <= 6.30 fields; newer fields only append).
#![allow(non_upper_case_globals, non_camel_case_types)]

use crate::header::{
    NdisObject, GROUP_AFFINITY, LUID, NDIS_IF_COUNTED_STRING, NDIS_OBJECT_HEADER, NDIS_OBJECT_TYPE_DEFAULT,
};
use crate::layout::{abi_struct, assert_layout, assert_through};
use crate::vmq::NDIS_NIC_SWITCH_VPORT_ID;

/// `NDIS_NIC_SWITCH_ID`.
pub type NDIS_NIC_SWITCH_ID = u32;
/// `NDIS_SRIOV_FUNCTION_ID` (USHORT): a VF id, or `NDIS_PF_FUNCTION_ID`.
pub type NDIS_SRIOV_FUNCTION_ID = u16;
/// `NDIS_VF_RID`: PCI routing id of a VF (`NDIS_MAKE_RID`).
pub type NDIS_VF_RID = u32;

/// `NDIS_MAX_PHYS_ADDRESS_LENGTH` (= IF_MAX_PHYS_ADDRESS_LENGTH).
pub const NDIS_MAX_PHYS_ADDRESS_LENGTH: usize = 32;
/// `NDIS_DEFAULT_SWITCH_ID`.
pub const NDIS_DEFAULT_SWITCH_ID: NDIS_NIC_SWITCH_ID = 0;
/// `NDIS_INVALID_SWITCH_ID`.
pub const NDIS_INVALID_SWITCH_ID: NDIS_NIC_SWITCH_ID = 0xFFFF_FFFF;
/// `NDIS_DEFAULT_VPORT_ID`: the default VPort, created with the switch, never deleted.
pub const NDIS_DEFAULT_VPORT_ID: NDIS_NIC_SWITCH_VPORT_ID = 0;
/// `NDIS_PF_FUNCTION_ID`: `AttachedFunctionId` of a VPort on the PF.
pub const NDIS_PF_FUNCTION_ID: NDIS_SRIOV_FUNCTION_ID = 0xFFFF;
/// `NDIS_INVALID_VF_FUNCTION_ID`: `VFId` on ALLOCATE_VF input.
pub const NDIS_INVALID_VF_FUNCTION_ID: NDIS_SRIOV_FUNCTION_ID = 0xFFFF;
/// `NDIS_INVALID_RID`: `RequestorId` on ALLOCATE_VF input.
pub const NDIS_INVALID_RID: NDIS_VF_RID = 0xFFFF_FFFF;

/// `NDIS_MAKE_RID(Bus, Device, Function)`: `Bus << 8 | Device << 3 | Function`
/// (device and function masked to 5 and 3 bits).
#[allow(non_snake_case)]
pub const fn NDIS_MAKE_RID(bus: u8, device: u8, function: u8) -> NDIS_VF_RID {
    ((bus as u32) << 8) | (((device as u32) & 0x1F) << 3) | ((function as u32) & 0x7)
}

/// `NDIS_NIC_SWITCH_TYPE` (`ddi/ntddndis/ne-ntddndis-_ndis_nic_switch_type.md`).
pub type NDIS_NIC_SWITCH_TYPE = u32;
/// `NdisNicSwitchTypeUnspecified`.
pub const NdisNicSwitchTypeUnspecified: NDIS_NIC_SWITCH_TYPE = 0;
/// `NdisNicSwitchTypeExternal`: the only supported type.
pub const NdisNicSwitchTypeExternal: NDIS_NIC_SWITCH_TYPE = 1;
/// `NdisNicSwitchTypeMax`.
pub const NdisNicSwitchTypeMax: NDIS_NIC_SWITCH_TYPE = 2;

/// `NDIS_NIC_SWITCH_VPORT_STATE` (`ddi/ntddndis/ne-ntddndis-_ndis_nic_switch_vport_state.md`).
pub type NDIS_NIC_SWITCH_VPORT_STATE = u32;
/// `NdisNicSwitchVPortStateUndefined`.
pub const NdisNicSwitchVPortStateUndefined: NDIS_NIC_SWITCH_VPORT_STATE = 0;
/// `NdisNicSwitchVPortStateActivated`.
pub const NdisNicSwitchVPortStateActivated: NDIS_NIC_SWITCH_VPORT_STATE = 1;
/// `NdisNicSwitchVPortStateDeactivated`.
pub const NdisNicSwitchVPortStateDeactivated: NDIS_NIC_SWITCH_VPORT_STATE = 2;
/// `NdisNicSwitchVPortStateMaximum`.
pub const NdisNicSwitchVPortStateMaximum: NDIS_NIC_SWITCH_VPORT_STATE = 3;

/// `NDIS_NIC_SWITCH_VPORT_INTERRUPT_MODERATION` (`ddi/ntddndis/ne-ntddndis-_ndis_nic_switch_vport_interrupt_moderation.md`).
pub type NDIS_NIC_SWITCH_VPORT_INTERRUPT_MODERATION = u32;
/// `NdisNicSwitchVPortInterruptModerationUndefined`.
pub const NdisNicSwitchVPortInterruptModerationUndefined: NDIS_NIC_SWITCH_VPORT_INTERRUPT_MODERATION = 0;
/// `NdisNicSwitchVPortInterruptModerationAdaptive`.
pub const NdisNicSwitchVPortInterruptModerationAdaptive: NDIS_NIC_SWITCH_VPORT_INTERRUPT_MODERATION = 1;
/// `NdisNicSwitchVPortInterruptModerationOff`.
pub const NdisNicSwitchVPortInterruptModerationOff: NDIS_NIC_SWITCH_VPORT_INTERRUPT_MODERATION = 2;
/// `NdisNicSwitchVPortInterruptModerationLow`.
pub const NdisNicSwitchVPortInterruptModerationLow: NDIS_NIC_SWITCH_VPORT_INTERRUPT_MODERATION = 100;
/// `NdisNicSwitchVPortInterruptModerationMedium`.
pub const NdisNicSwitchVPortInterruptModerationMedium: NDIS_NIC_SWITCH_VPORT_INTERRUPT_MODERATION = 200;
/// `NdisNicSwitchVPortInterruptModerationHigh`.
pub const NdisNicSwitchVPortInterruptModerationHigh: NDIS_NIC_SWITCH_VPORT_INTERRUPT_MODERATION = 300;

/// `NDIS_DEVICE_POWER_STATE` (`ddi/ntddndis/ne-ntddndis-_ndis_device_power_state.md`).
pub type NDIS_DEVICE_POWER_STATE = u32;
/// `NdisDeviceStateUnspecified`.
pub const NdisDeviceStateUnspecified: NDIS_DEVICE_POWER_STATE = 0;
/// `NdisDeviceStateD0`.
pub const NdisDeviceStateD0: NDIS_DEVICE_POWER_STATE = 1;
/// `NdisDeviceStateD1`.
pub const NdisDeviceStateD1: NDIS_DEVICE_POWER_STATE = 2;
/// `NdisDeviceStateD2`.
pub const NdisDeviceStateD2: NDIS_DEVICE_POWER_STATE = 3;
/// `NdisDeviceStateD3`.
pub const NdisDeviceStateD3: NDIS_DEVICE_POWER_STATE = 4;
/// `NdisDeviceStateMaximum`.
pub const NdisDeviceStateMaximum: NDIS_DEVICE_POWER_STATE = 5;

// Flags (mingw-w64 values; cross-checked with windows-sys).

/// `NDIS_NIC_SWITCH_CAPS_VLAN_SUPPORTED`.
pub const NDIS_NIC_SWITCH_CAPS_VLAN_SUPPORTED: u32 = 0x0000_0001;
/// `NDIS_NIC_SWITCH_CAPS_PER_VPORT_INTERRUPT_MODERATION_SUPPORTED`.
pub const NDIS_NIC_SWITCH_CAPS_PER_VPORT_INTERRUPT_MODERATION_SUPPORTED: u32 = 0x0000_0002;
/// `NDIS_NIC_SWITCH_CAPS_ASYMMETRIC_QUEUE_PAIRS_FOR_NONDEFAULT_VPORT_SUPPORTED`.
pub const NDIS_NIC_SWITCH_CAPS_ASYMMETRIC_QUEUE_PAIRS_FOR_NONDEFAULT_VPORT_SUPPORTED: u32 = 0x0000_0004;
/// `NDIS_NIC_SWITCH_CAPS_VF_RSS_SUPPORTED`.
pub const NDIS_NIC_SWITCH_CAPS_VF_RSS_SUPPORTED: u32 = 0x0000_0008;
/// `NDIS_NIC_SWITCH_CAPS_SINGLE_VPORT_POOL`.
pub const NDIS_NIC_SWITCH_CAPS_SINGLE_VPORT_POOL: u32 = 0x0000_0010;
/// `NDIS_NIC_SWITCH_PARAMETERS_CHANGE_MASK`.
pub const NDIS_NIC_SWITCH_PARAMETERS_CHANGE_MASK: u32 = 0xFFFF_0000;
/// `NDIS_NIC_SWITCH_PARAMETERS_SWITCH_NAME_CHANGED`.
pub const NDIS_NIC_SWITCH_PARAMETERS_SWITCH_NAME_CHANGED: u32 = 0x0001_0000;
/// `NDIS_NIC_SWITCH_VF_INFO_ARRAY_ENUM_ON_SPECIFIC_SWITCH`.
pub const NDIS_NIC_SWITCH_VF_INFO_ARRAY_ENUM_ON_SPECIFIC_SWITCH: u32 = 0x0000_0001;
/// `NDIS_NIC_SWITCH_VPORT_PARAMS_LOOKAHEAD_SPLIT_ENABLED`.
pub const NDIS_NIC_SWITCH_VPORT_PARAMS_LOOKAHEAD_SPLIT_ENABLED: u32 = 0x0000_0001;
/// `NDIS_NIC_SWITCH_VPORT_PARAMS_CHANGE_MASK`.
pub const NDIS_NIC_SWITCH_VPORT_PARAMS_CHANGE_MASK: u32 = 0xFFFF_0000;
/// `NDIS_NIC_SWITCH_VPORT_PARAMS_FLAGS_CHANGED`.
pub const NDIS_NIC_SWITCH_VPORT_PARAMS_FLAGS_CHANGED: u32 = 0x0001_0000;
/// `NDIS_NIC_SWITCH_VPORT_PARAMS_NAME_CHANGED`.
pub const NDIS_NIC_SWITCH_VPORT_PARAMS_NAME_CHANGED: u32 = 0x0002_0000;
/// `NDIS_NIC_SWITCH_VPORT_PARAMS_INT_MOD_CHANGED`.
pub const NDIS_NIC_SWITCH_VPORT_PARAMS_INT_MOD_CHANGED: u32 = 0x0004_0000;
/// `NDIS_NIC_SWITCH_VPORT_PARAMS_STATE_CHANGED`.
pub const NDIS_NIC_SWITCH_VPORT_PARAMS_STATE_CHANGED: u32 = 0x0008_0000;
/// `NDIS_NIC_SWITCH_VPORT_PARAMS_PROCESSOR_AFFINITY_CHANGED`.
pub const NDIS_NIC_SWITCH_VPORT_PARAMS_PROCESSOR_AFFINITY_CHANGED: u32 = 0x0010_0000;
/// `NDIS_NIC_SWITCH_VPORT_INFO_ARRAY_ENUM_ON_SPECIFIC_FUNCTION`.
pub const NDIS_NIC_SWITCH_VPORT_INFO_ARRAY_ENUM_ON_SPECIFIC_FUNCTION: u32 = 0x0000_0001;
/// `NDIS_NIC_SWITCH_VPORT_INFO_ARRAY_ENUM_ON_SPECIFIC_SWITCH`.
pub const NDIS_NIC_SWITCH_VPORT_INFO_ARRAY_ENUM_ON_SPECIFIC_SWITCH: u32 = 0x0000_0002;
/// `NDIS_NIC_SWITCH_VPORT_INFO_LOOKAHEAD_SPLIT_ENABLED`.
pub const NDIS_NIC_SWITCH_VPORT_INFO_LOOKAHEAD_SPLIT_ENABLED: u32 = 0x0000_0001;
/// `NDIS_SRIOV_CAPS_SRIOV_SUPPORTED`.
pub const NDIS_SRIOV_CAPS_SRIOV_SUPPORTED: u32 = 0x0000_0001;
/// `NDIS_SRIOV_CAPS_PF_MINIPORT`.
pub const NDIS_SRIOV_CAPS_PF_MINIPORT: u32 = 0x0000_0002;
/// `NDIS_SRIOV_CAPS_VF_MINIPORT`.
pub const NDIS_SRIOV_CAPS_VF_MINIPORT: u32 = 0x0000_0004;
// NDIS 6.50+ flags absent from mingw-w64 (values taken from windows-sys, which the constants
// test therefore cannot independently confirm).
/// `NDIS_NIC_SWITCH_PARAMETERS_DEFAULT_NUMBER_OF_QUEUE_PAIRS_FOR_DEFAULT_VPORT` (6.60).
pub const NDIS_NIC_SWITCH_PARAMETERS_DEFAULT_NUMBER_OF_QUEUE_PAIRS_FOR_DEFAULT_VPORT: u32 = 1;
/// `NDIS_NIC_SWITCH_VPORT_INFO_PACKET_DIRECT_RX_ONLY`.
pub const NDIS_NIC_SWITCH_VPORT_INFO_PACKET_DIRECT_RX_ONLY: u32 = 0x0000_0002;
/// `NDIS_NIC_SWITCH_VPORT_INFO_GFT_ENABLED`.
pub const NDIS_NIC_SWITCH_VPORT_INFO_GFT_ENABLED: u32 = 0x0000_0004;
/// `NDIS_NIC_SWITCH_CAPS_RSS_PARAMETERS_PER_PF_VPORT_SUPPORTED` (6.60).
pub const NDIS_NIC_SWITCH_CAPS_RSS_PARAMETERS_PER_PF_VPORT_SUPPORTED: u32 = 0x0000_0020;
/// `NDIS_NIC_SWITCH_CAPS_NIC_SWITCH_WITHOUT_IOV_SUPPORTED` (6.60): do not set unless that mode is implemented (spec §2.1).
pub const NDIS_NIC_SWITCH_CAPS_NIC_SWITCH_WITHOUT_IOV_SUPPORTED: u32 = 0x0000_0040;
/// `NDIS_NIC_SWITCH_CAPS_RSS_ON_PF_VPORTS_SUPPORTED` (6.60).
pub const NDIS_NIC_SWITCH_CAPS_RSS_ON_PF_VPORTS_SUPPORTED: u32 = 0x0000_0080;
/// `NDIS_NIC_SWITCH_CAPS_RSS_PER_PF_VPORT_INDIRECTION_TABLE_SUPPORTED` (6.60).
pub const NDIS_NIC_SWITCH_CAPS_RSS_PER_PF_VPORT_INDIRECTION_TABLE_SUPPORTED: u32 = 0x0000_0100;
/// `NDIS_NIC_SWITCH_CAPS_RSS_PER_PF_VPORT_HASH_FUNCTION_SUPPORTED` (6.60).
pub const NDIS_NIC_SWITCH_CAPS_RSS_PER_PF_VPORT_HASH_FUNCTION_SUPPORTED: u32 = 0x0000_0200;
/// `NDIS_NIC_SWITCH_CAPS_RSS_PER_PF_VPORT_HASH_TYPE_SUPPORTED` (6.60).
pub const NDIS_NIC_SWITCH_CAPS_RSS_PER_PF_VPORT_HASH_TYPE_SUPPORTED: u32 = 0x0000_0400;
/// `NDIS_NIC_SWITCH_CAPS_RSS_PER_PF_VPORT_HASH_KEY_SUPPORTED` (6.60).
pub const NDIS_NIC_SWITCH_CAPS_RSS_PER_PF_VPORT_HASH_KEY_SUPPORTED: u32 = 0x0000_0800;
/// `NDIS_NIC_SWITCH_CAPS_RSS_PER_PF_VPORT_INDIRECTION_TABLE_SIZE_RESTRICTED` (6.60).
pub const NDIS_NIC_SWITCH_CAPS_RSS_PER_PF_VPORT_INDIRECTION_TABLE_SIZE_RESTRICTED: u32 = 0x0000_1000;
/// `NDIS_NIC_SWITCH_VPORT_PARAMS_PACKET_DIRECT_RX_ONLY`.
pub const NDIS_NIC_SWITCH_VPORT_PARAMS_PACKET_DIRECT_RX_ONLY: u32 = 0x0000_0002;
/// `NDIS_NIC_SWITCH_VPORT_PARAMS_ENFORCE_MAX_SG_LIST`.
pub const NDIS_NIC_SWITCH_VPORT_PARAMS_ENFORCE_MAX_SG_LIST: u32 = 0x0000_8000;
/// `NDIS_NIC_SWITCH_VPORT_PARAMS_NDK_PARAMS_CHANGED` (6.50).
pub const NDIS_NIC_SWITCH_VPORT_PARAMS_NDK_PARAMS_CHANGED: u32 = 0x0020_0000;
/// `NDIS_NIC_SWITCH_VPORT_PARAMS_QOS_SQ_ID_CHANGED` (6.50).
pub const NDIS_NIC_SWITCH_VPORT_PARAMS_QOS_SQ_ID_CHANGED: u32 = 0x0040_0000;
/// `NDIS_NIC_SWITCH_VPORT_PARAMS_NUM_QUEUE_PAIRS_CHANGED` (VMMQ).
pub const NDIS_NIC_SWITCH_VPORT_PARAMS_NUM_QUEUE_PAIRS_CHANGED: u32 = 0x0080_0000;

abi_struct! {
    /// NIC switch capabilities (hardware/current), spec §2.1. Rev3 (6.60) appends four RSS/VMMQ fields. `ddi/ntddndis/ns-ntddndis-_ndis_nic_switch_capabilities.md`.
    NDIS_NIC_SWITCH_CAPABILITIES {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        NdisReserved1 ndis_reserved1: u32,
        NumTotalMacAddresses num_total_mac_addresses: u32,
        NumMacAddressesPerPort num_mac_addresses_per_port: u32,
        NumVlansPerPort num_vlans_per_port: u32,
        NdisReserved2 ndis_reserved2: u32,
        NdisReserved3 ndis_reserved3: u32,
        NicSwitchCapabilities nic_switch_capabilities: u32,
        MaxNumSwitches max_num_switches: u32,
        MaxNumVPorts max_num_vports: u32,
        NdisReserved4 ndis_reserved4: u32,
        MaxNumVFs max_num_vfs: u32,
        MaxNumQueuePairs max_num_queue_pairs: u32,
        NdisReserved5 ndis_reserved5: u32,
        NdisReserved6 ndis_reserved6: u32,
        NdisReserved7 ndis_reserved7: u32,
        MaxNumQueuePairsPerNonDefaultVPort max_num_queue_pairs_per_non_default_vport: u32,
        NdisReserved8 ndis_reserved8: u32,
        NdisReserved9 ndis_reserved9: u32,
        NdisReserved10 ndis_reserved10: u32,
        NdisReserved11 ndis_reserved11: u32,
        NdisReserved12 ndis_reserved12: u32,
        MaxNumMacAddresses max_num_mac_addresses: u32,
        NdisReserved13 ndis_reserved13: u32,
        NdisReserved14 ndis_reserved14: u32,
        NdisReserved15 ndis_reserved15: u32,
        NdisReserved16 ndis_reserved16: u32,
        NdisReserved17 ndis_reserved17: u32,
        MaxNumRssCapableNonDefaultPFVPorts max_num_rss_capable_non_default_pf_vports: u32,
        NumberOfIndirectionTableEntriesForDefaultVPort number_of_indirection_table_entries_for_default_vport: u32,
        NumberOfIndirectionTableEntriesPerNonDefaultPFVPort number_of_indirection_table_entries_per_non_default_pf_vport: u32,
        MaxNumQueuePairsForDefaultVPort max_num_queue_pairs_for_default_vport: u32,
    }
}

/// `NDIS_NIC_SWITCH_CAPABILITIES_REVISION_1`.
pub const NDIS_NIC_SWITCH_CAPABILITIES_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_CAPABILITIES, NdisReserved3).
pub const NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_1: u16 = 32;
/// `NDIS_NIC_SWITCH_CAPABILITIES_REVISION_2`.
pub const NDIS_NIC_SWITCH_CAPABILITIES_REVISION_2: u8 = 2;
/// `NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_2` = RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_CAPABILITIES, NdisReserved17).
pub const NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_2: u16 = 116;
/// `NDIS_NIC_SWITCH_CAPABILITIES_REVISION_3`.
pub const NDIS_NIC_SWITCH_CAPABILITIES_REVISION_3: u8 = 3;
/// `NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_3` = RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_CAPABILITIES, MaxNumQueuePairsForDefaultVPort).
pub const NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_3: u16 = 132;
impl NdisObject for NDIS_NIC_SWITCH_CAPABILITIES {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[
        (
            NDIS_NIC_SWITCH_CAPABILITIES_REVISION_1,
            NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_1,
        ),
        (
            NDIS_NIC_SWITCH_CAPABILITIES_REVISION_2,
            NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_2,
        ),
        (
            NDIS_NIC_SWITCH_CAPABILITIES_REVISION_3,
            NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_3,
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
    NDIS_NIC_SWITCH_CAPABILITIES,
    "NdisReserved3",
    NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_1
);
assert_through!(
    NDIS_NIC_SWITCH_CAPABILITIES,
    "NdisReserved17",
    NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_2
);
assert_through!(
    NDIS_NIC_SWITCH_CAPABILITIES,
    "MaxNumQueuePairsForDefaultVPort",
    NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_3
);
assert_layout!(NDIS_NIC_SWITCH_CAPABILITIES, 132);

// Rev3 fields are newer than mingw-w64: pin their offsets here (published x64 layout).
assert_layout!(
    NDIS_NIC_SWITCH_CAPABILITIES,
    132,
    max_num_mac_addresses @ 92,
    ndis_reserved17 @ 112,
    max_num_rss_capable_non_default_pf_vports @ 116,
    number_of_indirection_table_entries_for_default_vport @ 120,
    number_of_indirection_table_entries_per_non_default_pf_vport @ 124,
    max_num_queue_pairs_for_default_vport @ 128
);

abi_struct! {
    /// OID_NIC_SWITCH_CREATE_SWITCH / _PARAMETERS payload. Rev2 (6.60) appends NumQueuePairsForDefaultVPort. `ddi/ntddndis/ns-ntddndis-_ndis_nic_switch_parameters.md`.
    NDIS_NIC_SWITCH_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        SwitchType switch_type: NDIS_NIC_SWITCH_TYPE,
        SwitchId switch_id: NDIS_NIC_SWITCH_ID,
        SwitchFriendlyName switch_friendly_name: NDIS_IF_COUNTED_STRING,
        NumVFs num_vfs: u32,
        NdisReserved1 ndis_reserved1: u32,
        NdisReserved2 ndis_reserved2: u32,
        NdisReserved3 ndis_reserved3: u32,
        NumQueuePairsForDefaultVPort num_queue_pairs_for_default_vport: u32,
    }
}

/// `NDIS_NIC_SWITCH_PARAMETERS_REVISION_1`.
pub const NDIS_NIC_SWITCH_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_NIC_SWITCH_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_PARAMETERS, NdisReserved3).
pub const NDIS_SIZEOF_NIC_SWITCH_PARAMETERS_REVISION_1: u16 = 548;
/// `NDIS_NIC_SWITCH_PARAMETERS_REVISION_2`.
pub const NDIS_NIC_SWITCH_PARAMETERS_REVISION_2: u8 = 2;
/// `NDIS_SIZEOF_NIC_SWITCH_PARAMETERS_REVISION_2` = RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_PARAMETERS, NumQueuePairsForDefaultVPort).
pub const NDIS_SIZEOF_NIC_SWITCH_PARAMETERS_REVISION_2: u16 = 552;
impl NdisObject for NDIS_NIC_SWITCH_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[
        (
            NDIS_NIC_SWITCH_PARAMETERS_REVISION_1,
            NDIS_SIZEOF_NIC_SWITCH_PARAMETERS_REVISION_1,
        ),
        (
            NDIS_NIC_SWITCH_PARAMETERS_REVISION_2,
            NDIS_SIZEOF_NIC_SWITCH_PARAMETERS_REVISION_2,
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
    NDIS_NIC_SWITCH_PARAMETERS,
    "NdisReserved3",
    NDIS_SIZEOF_NIC_SWITCH_PARAMETERS_REVISION_1
);
assert_through!(
    NDIS_NIC_SWITCH_PARAMETERS,
    "NumQueuePairsForDefaultVPort",
    NDIS_SIZEOF_NIC_SWITCH_PARAMETERS_REVISION_2
);
assert_layout!(NDIS_NIC_SWITCH_PARAMETERS, 552);

assert_layout!(
    NDIS_NIC_SWITCH_PARAMETERS,
    552,
    switch_friendly_name @ 16,
    num_vfs @ 532,
    num_queue_pairs_for_default_vport @ 548
);

abi_struct! {
    /// OID_NIC_SWITCH_DELETE_SWITCH payload. `ddi/ntddndis/ns-ntddndis-_ndis_nic_switch_delete_switch_parameters.md`.
    NDIS_NIC_SWITCH_DELETE_SWITCH_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        SwitchId switch_id: NDIS_NIC_SWITCH_ID,
    }
}

/// `NDIS_NIC_SWITCH_DELETE_SWITCH_PARAMETERS_REVISION_1`.
pub const NDIS_NIC_SWITCH_DELETE_SWITCH_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_NIC_SWITCH_DELETE_SWITCH_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_DELETE_SWITCH_PARAMETERS, SwitchId).
pub const NDIS_SIZEOF_NIC_SWITCH_DELETE_SWITCH_PARAMETERS_REVISION_1: u16 = 12;
impl NdisObject for NDIS_NIC_SWITCH_DELETE_SWITCH_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_NIC_SWITCH_DELETE_SWITCH_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_DELETE_SWITCH_PARAMETERS_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_NIC_SWITCH_DELETE_SWITCH_PARAMETERS,
    "SwitchId",
    NDIS_SIZEOF_NIC_SWITCH_DELETE_SWITCH_PARAMETERS_REVISION_1
);
assert_layout!(NDIS_NIC_SWITCH_DELETE_SWITCH_PARAMETERS, 12);

abi_struct! {
    /// One element of OID_NIC_SWITCH_ENUM_SWITCHES. `ddi/ntddndis/ns-ntddndis-_ndis_nic_switch_info.md`.
    NDIS_NIC_SWITCH_INFO {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        SwitchType switch_type: NDIS_NIC_SWITCH_TYPE,
        SwitchId switch_id: NDIS_NIC_SWITCH_ID,
        SwitchFriendlyName switch_friendly_name: NDIS_IF_COUNTED_STRING,
        NumVFs num_vfs: u32,
        NumAllocatedVFs num_allocated_vfs: u32,
        NumVPorts num_vports: u32,
        NumActiveVPorts num_active_vports: u32,
        NumQueuePairsForDefaultVPort num_queue_pairs_for_default_vport: u32,
        NumQueuePairsForNonDefaultVPorts num_queue_pairs_for_non_default_vports: u32,
        NumActiveDefaultVPortMacAddresses num_active_default_vport_mac_addresses: u32,
        NumActiveNonDefaultVPortMacAddresses num_active_non_default_vport_mac_addresses: u32,
        NumActiveDefaultVPortVlanIds num_active_default_vport_vlan_ids: u32,
        NumActiveNonDefaultVPortVlanIds num_active_non_default_vport_vlan_ids: u32,
    }
}

/// `NDIS_NIC_SWITCH_INFO_REVISION_1`.
pub const NDIS_NIC_SWITCH_INFO_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_NIC_SWITCH_INFO_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_INFO, NumActiveNonDefaultVPortVlanIds).
pub const NDIS_SIZEOF_NIC_SWITCH_INFO_REVISION_1: u16 = 572;
impl NdisObject for NDIS_NIC_SWITCH_INFO {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_NIC_SWITCH_INFO_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_INFO_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_NIC_SWITCH_INFO,
    "NumActiveNonDefaultVPortVlanIds",
    NDIS_SIZEOF_NIC_SWITCH_INFO_REVISION_1
);
assert_layout!(NDIS_NIC_SWITCH_INFO, 572);

abi_struct! {
    /// OID_NIC_SWITCH_ENUM_SWITCHES header. `ddi/ntddndis/ns-ntddndis-_ndis_nic_switch_info_array.md`.
    NDIS_NIC_SWITCH_INFO_ARRAY {
        Header header: NDIS_OBJECT_HEADER,
        FirstElementOffset first_element_offset: u32,
        NumElements num_elements: u32,
        ElementSize element_size: u32,
    }
}

/// `NDIS_NIC_SWITCH_INFO_ARRAY_REVISION_1`.
pub const NDIS_NIC_SWITCH_INFO_ARRAY_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_NIC_SWITCH_INFO_ARRAY_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_INFO_ARRAY, ElementSize).
pub const NDIS_SIZEOF_NIC_SWITCH_INFO_ARRAY_REVISION_1: u16 = 16;
impl NdisObject for NDIS_NIC_SWITCH_INFO_ARRAY {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_NIC_SWITCH_INFO_ARRAY_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_INFO_ARRAY_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_NIC_SWITCH_INFO_ARRAY,
    "ElementSize",
    NDIS_SIZEOF_NIC_SWITCH_INFO_ARRAY_REVISION_1
);
assert_layout!(NDIS_NIC_SWITCH_INFO_ARRAY, 16);

/// Size of `NDIS_NDK_PARAMETERS` on x64 (request 0x68 + response 0x40), embedded in VPORT_PARAMETERS rev2.
pub const NDIS_NDK_PARAMETERS_SIZE: usize = 168;

abi_struct! {
    /// OID_NIC_SWITCH_CREATE_VPORT / _VPORT_PARAMETERS payload. Rev2 (6.50) appends `NdkParams` (NDIS_NDK_PARAMETERS, 168 bytes, 8-aligned, kept opaque) and `QosSqId`: the spec only said "rev2 adds QosSqId, verify"; windows-sys defines only REVISION_1 and REVISION_2 (with both NDK_PARAMS_CHANGED and QOS_SQ_ID_CHANGED), and the published x64 layout puts NdkParams at 576 and QosSqId at 744, so NDIS_SIZEOF_..._REVISION_2 = 748 (sizeof 752). `ddi/ntddndis/ns-ntddndis-_ndis_nic_switch_vport_parameters.md`.
    NDIS_NIC_SWITCH_VPORT_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        SwitchId switch_id: NDIS_NIC_SWITCH_ID,
        VPortId vport_id: NDIS_NIC_SWITCH_VPORT_ID,
        VPortName vport_name: NDIS_IF_COUNTED_STRING,
        AttachedFunctionId attached_function_id: NDIS_SRIOV_FUNCTION_ID,
        _pad0 _pad0: [u8; 2],
        NumQueuePairs num_queue_pairs: u32,
        InterruptModeration interrupt_moderation: NDIS_NIC_SWITCH_VPORT_INTERRUPT_MODERATION,
        VPortState vport_state: NDIS_NIC_SWITCH_VPORT_STATE,
        _pad1 _pad1: [u8; 4],
        ProcessorAffinity processor_affinity: GROUP_AFFINITY,
        LookaheadSize lookahead_size: u32,
        _pad2 _pad2: [u8; 4],
        NdkParams ndk_params: [u64; NDIS_NDK_PARAMETERS_SIZE / 8],
        QosSqId qos_sq_id: u32,
        _pad3 _pad3: [u8; 4],
    }
}

/// `NDIS_NIC_SWITCH_VPORT_PARAMETERS_REVISION_1`.
pub const NDIS_NIC_SWITCH_VPORT_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_NIC_SWITCH_VPORT_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_VPORT_PARAMETERS, LookaheadSize).
pub const NDIS_SIZEOF_NIC_SWITCH_VPORT_PARAMETERS_REVISION_1: u16 = 572;
/// `NDIS_NIC_SWITCH_VPORT_PARAMETERS_REVISION_2`.
pub const NDIS_NIC_SWITCH_VPORT_PARAMETERS_REVISION_2: u8 = 2;
/// `NDIS_SIZEOF_NIC_SWITCH_VPORT_PARAMETERS_REVISION_2` = RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_VPORT_PARAMETERS, QosSqId).
pub const NDIS_SIZEOF_NIC_SWITCH_VPORT_PARAMETERS_REVISION_2: u16 = 748;
impl NdisObject for NDIS_NIC_SWITCH_VPORT_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[
        (
            NDIS_NIC_SWITCH_VPORT_PARAMETERS_REVISION_1,
            NDIS_SIZEOF_NIC_SWITCH_VPORT_PARAMETERS_REVISION_1,
        ),
        (
            NDIS_NIC_SWITCH_VPORT_PARAMETERS_REVISION_2,
            NDIS_SIZEOF_NIC_SWITCH_VPORT_PARAMETERS_REVISION_2,
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
    NDIS_NIC_SWITCH_VPORT_PARAMETERS,
    "LookaheadSize",
    NDIS_SIZEOF_NIC_SWITCH_VPORT_PARAMETERS_REVISION_1
);
assert_through!(
    NDIS_NIC_SWITCH_VPORT_PARAMETERS,
    "QosSqId",
    NDIS_SIZEOF_NIC_SWITCH_VPORT_PARAMETERS_REVISION_2
);
assert_layout!(NDIS_NIC_SWITCH_VPORT_PARAMETERS, 752);

assert_layout!(
    NDIS_NIC_SWITCH_VPORT_PARAMETERS,
    752,
    attached_function_id @ 532,
    processor_affinity @ 552,
    lookahead_size @ 568,
    ndk_params @ 576,
    qos_sq_id @ 744
);

abi_struct! {
    /// OID_NIC_SWITCH_DELETE_VPORT payload. `ddi/ntddndis/ns-ntddndis-_ndis_nic_switch_delete_vport_parameters.md`.
    NDIS_NIC_SWITCH_DELETE_VPORT_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        VPortId vport_id: NDIS_NIC_SWITCH_VPORT_ID,
    }
}

/// `NDIS_NIC_SWITCH_DELETE_VPORT_PARAMETERS_REVISION_1`.
pub const NDIS_NIC_SWITCH_DELETE_VPORT_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_NIC_SWITCH_DELETE_VPORT_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_DELETE_VPORT_PARAMETERS, VPortId).
pub const NDIS_SIZEOF_NIC_SWITCH_DELETE_VPORT_PARAMETERS_REVISION_1: u16 = 12;
impl NdisObject for NDIS_NIC_SWITCH_DELETE_VPORT_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_NIC_SWITCH_DELETE_VPORT_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_DELETE_VPORT_PARAMETERS_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_NIC_SWITCH_DELETE_VPORT_PARAMETERS,
    "VPortId",
    NDIS_SIZEOF_NIC_SWITCH_DELETE_VPORT_PARAMETERS_REVISION_1
);
assert_layout!(NDIS_NIC_SWITCH_DELETE_VPORT_PARAMETERS, 12);

abi_struct! {
    /// One element of OID_NIC_SWITCH_ENUM_VPORTS. `ddi/ntddndis/ns-ntddndis-_ndis_nic_switch_vport_info.md`.
    NDIS_NIC_SWITCH_VPORT_INFO {
        Header header: NDIS_OBJECT_HEADER,
        VPortId vport_id: NDIS_NIC_SWITCH_VPORT_ID,
        Flags flags: u32,
        SwitchId switch_id: NDIS_NIC_SWITCH_ID,
        VPortName vport_name: NDIS_IF_COUNTED_STRING,
        AttachedFunctionId attached_function_id: NDIS_SRIOV_FUNCTION_ID,
        _pad0 _pad0: [u8; 2],
        NumQueuePairs num_queue_pairs: u32,
        InterruptModeration interrupt_moderation: NDIS_NIC_SWITCH_VPORT_INTERRUPT_MODERATION,
        VPortState vport_state: NDIS_NIC_SWITCH_VPORT_STATE,
        _pad1 _pad1: [u8; 4],
        ProcessorAffinity processor_affinity: GROUP_AFFINITY,
        LookaheadSize lookahead_size: u32,
        NumFilters num_filters: u32,
    }
}

/// `NDIS_NIC_SWITCH_VPORT_INFO_REVISION_1`.
pub const NDIS_NIC_SWITCH_VPORT_INFO_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_NIC_SWITCH_VPORT_INFO_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_VPORT_INFO, NumFilters).
pub const NDIS_SIZEOF_NIC_SWITCH_VPORT_INFO_REVISION_1: u16 = 576;
impl NdisObject for NDIS_NIC_SWITCH_VPORT_INFO {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_NIC_SWITCH_VPORT_INFO_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_VPORT_INFO_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_NIC_SWITCH_VPORT_INFO,
    "NumFilters",
    NDIS_SIZEOF_NIC_SWITCH_VPORT_INFO_REVISION_1
);
assert_layout!(NDIS_NIC_SWITCH_VPORT_INFO, 576);

abi_struct! {
    /// OID_NIC_SWITCH_ENUM_VPORTS header. `ddi/ntddndis/ns-ntddndis-_ndis_nic_switch_vport_info_array.md`.
    NDIS_NIC_SWITCH_VPORT_INFO_ARRAY {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        SwitchId switch_id: NDIS_NIC_SWITCH_ID,
        AttachedFunctionId attached_function_id: NDIS_SRIOV_FUNCTION_ID,
        _pad0 _pad0: [u8; 2],
        FirstElementOffset first_element_offset: u32,
        NumElements num_elements: u32,
        ElementSize element_size: u32,
    }
}

/// `NDIS_NIC_SWITCH_VPORT_INFO_ARRAY_REVISION_1`.
pub const NDIS_NIC_SWITCH_VPORT_INFO_ARRAY_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_NIC_SWITCH_VPORT_INFO_ARRAY_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_VPORT_INFO_ARRAY, ElementSize).
pub const NDIS_SIZEOF_NIC_SWITCH_VPORT_INFO_ARRAY_REVISION_1: u16 = 28;
impl NdisObject for NDIS_NIC_SWITCH_VPORT_INFO_ARRAY {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_NIC_SWITCH_VPORT_INFO_ARRAY_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_VPORT_INFO_ARRAY_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_NIC_SWITCH_VPORT_INFO_ARRAY,
    "ElementSize",
    NDIS_SIZEOF_NIC_SWITCH_VPORT_INFO_ARRAY_REVISION_1
);
assert_layout!(NDIS_NIC_SWITCH_VPORT_INFO_ARRAY, 28);

abi_struct! {
    /// OID_NIC_SWITCH_ALLOCATE_VF / _VF_PARAMETERS payload. `ddi/ntddndis/ns-ntddndis-_ndis_nic_switch_vf_parameters.md`.
    NDIS_NIC_SWITCH_VF_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        SwitchId switch_id: NDIS_NIC_SWITCH_ID,
        VMName vm_name: NDIS_IF_COUNTED_STRING,
        VMFriendlyName vm_friendly_name: NDIS_IF_COUNTED_STRING,
        NicName nic_name: NDIS_IF_COUNTED_STRING,
        MacAddressLength mac_address_length: u16,
        PermanentMacAddress permanent_mac_address: [u8; NDIS_MAX_PHYS_ADDRESS_LENGTH],
        CurrentMacAddress current_mac_address: [u8; NDIS_MAX_PHYS_ADDRESS_LENGTH],
        VFId vf_id: NDIS_SRIOV_FUNCTION_ID,
        RequestorId requestor_id: NDIS_VF_RID,
    }
}

/// `NDIS_NIC_SWITCH_VF_PARAMETERS_REVISION_1`.
pub const NDIS_NIC_SWITCH_VF_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_NIC_SWITCH_VF_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_VF_PARAMETERS, RequestorId).
pub const NDIS_SIZEOF_NIC_SWITCH_VF_PARAMETERS_REVISION_1: u16 = 1632;
impl NdisObject for NDIS_NIC_SWITCH_VF_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_NIC_SWITCH_VF_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_VF_PARAMETERS_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_NIC_SWITCH_VF_PARAMETERS,
    "RequestorId",
    NDIS_SIZEOF_NIC_SWITCH_VF_PARAMETERS_REVISION_1
);
assert_layout!(NDIS_NIC_SWITCH_VF_PARAMETERS, 1632);

assert_layout!(NDIS_NIC_SWITCH_VF_PARAMETERS, 1632, vf_id @ 1626);

abi_struct! {
    /// OID_NIC_SWITCH_FREE_VF payload. `ddi/ntddndis/ns-ntddndis-_ndis_nic_switch_free_vf_parameters.md`.
    NDIS_NIC_SWITCH_FREE_VF_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        VFId vf_id: NDIS_SRIOV_FUNCTION_ID,
        _pad0 _pad0: [u8; 2],
    }
}

/// `NDIS_NIC_SWITCH_FREE_VF_PARAMETERS_REVISION_1`.
pub const NDIS_NIC_SWITCH_FREE_VF_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_NIC_SWITCH_FREE_VF_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_FREE_VF_PARAMETERS, VFId).
pub const NDIS_SIZEOF_NIC_SWITCH_FREE_VF_PARAMETERS_REVISION_1: u16 = 10;
impl NdisObject for NDIS_NIC_SWITCH_FREE_VF_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_NIC_SWITCH_FREE_VF_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_FREE_VF_PARAMETERS_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_NIC_SWITCH_FREE_VF_PARAMETERS,
    "VFId",
    NDIS_SIZEOF_NIC_SWITCH_FREE_VF_PARAMETERS_REVISION_1
);
assert_layout!(NDIS_NIC_SWITCH_FREE_VF_PARAMETERS, 12);

abi_struct! {
    /// One element of OID_NIC_SWITCH_ENUM_VFS (same layout as VF_PARAMETERS). `ddi/ntddndis/ns-ntddndis-_ndis_nic_switch_vf_info.md`.
    NDIS_NIC_SWITCH_VF_INFO {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        SwitchId switch_id: NDIS_NIC_SWITCH_ID,
        VMName vm_name: NDIS_IF_COUNTED_STRING,
        VMFriendlyName vm_friendly_name: NDIS_IF_COUNTED_STRING,
        NicName nic_name: NDIS_IF_COUNTED_STRING,
        MacAddressLength mac_address_length: u16,
        PermanentMacAddress permanent_mac_address: [u8; NDIS_MAX_PHYS_ADDRESS_LENGTH],
        CurrentMacAddress current_mac_address: [u8; NDIS_MAX_PHYS_ADDRESS_LENGTH],
        VFId vf_id: NDIS_SRIOV_FUNCTION_ID,
        RequestorId requestor_id: NDIS_VF_RID,
    }
}

/// `NDIS_NIC_SWITCH_VF_INFO_REVISION_1`.
pub const NDIS_NIC_SWITCH_VF_INFO_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_NIC_SWITCH_VF_INFO_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_VF_INFO, RequestorId).
pub const NDIS_SIZEOF_NIC_SWITCH_VF_INFO_REVISION_1: u16 = 1632;
impl NdisObject for NDIS_NIC_SWITCH_VF_INFO {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_NIC_SWITCH_VF_INFO_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_VF_INFO_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_NIC_SWITCH_VF_INFO,
    "RequestorId",
    NDIS_SIZEOF_NIC_SWITCH_VF_INFO_REVISION_1
);
assert_layout!(NDIS_NIC_SWITCH_VF_INFO, 1632);

abi_struct! {
    /// OID_NIC_SWITCH_ENUM_VFS header. `ddi/ntddndis/ns-ntddndis-_ndis_nic_switch_vf_info_array.md`.
    NDIS_NIC_SWITCH_VF_INFO_ARRAY {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        SwitchId switch_id: NDIS_NIC_SWITCH_ID,
        FirstElementOffset first_element_offset: u32,
        NumElements num_elements: u32,
        ElementSize element_size: u32,
    }
}

/// `NDIS_NIC_SWITCH_VF_INFO_ARRAY_REVISION_1`.
pub const NDIS_NIC_SWITCH_VF_INFO_ARRAY_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_NIC_SWITCH_VF_INFO_ARRAY_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_NIC_SWITCH_VF_INFO_ARRAY, ElementSize).
pub const NDIS_SIZEOF_NIC_SWITCH_VF_INFO_ARRAY_REVISION_1: u16 = 24;
impl NdisObject for NDIS_NIC_SWITCH_VF_INFO_ARRAY {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_NIC_SWITCH_VF_INFO_ARRAY_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_VF_INFO_ARRAY_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_NIC_SWITCH_VF_INFO_ARRAY,
    "ElementSize",
    NDIS_SIZEOF_NIC_SWITCH_VF_INFO_ARRAY_REVISION_1
);
assert_layout!(NDIS_NIC_SWITCH_VF_INFO_ARRAY, 24);

abi_struct! {
    /// SR-IOV capabilities (hardware/current), spec §2.1. `ddi/ntddndis/ns-ntddndis-_ndis_sriov_capabilities.md`.
    NDIS_SRIOV_CAPABILITIES {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        SriovCapabilities sriov_capabilities: u32,
    }
}

/// `NDIS_SRIOV_CAPABILITIES_REVISION_1`.
pub const NDIS_SRIOV_CAPABILITIES_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_SRIOV_CAPABILITIES_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_SRIOV_CAPABILITIES, SriovCapabilities).
pub const NDIS_SIZEOF_SRIOV_CAPABILITIES_REVISION_1: u16 = 12;
impl NdisObject for NDIS_SRIOV_CAPABILITIES {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_SRIOV_CAPABILITIES_REVISION_1,
        NDIS_SIZEOF_SRIOV_CAPABILITIES_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_SRIOV_CAPABILITIES,
    "SriovCapabilities",
    NDIS_SIZEOF_SRIOV_CAPABILITIES_REVISION_1
);
assert_layout!(NDIS_SRIOV_CAPABILITIES, 12);

abi_struct! {
    /// OID_SRIOV_READ_VF_CONFIG_SPACE: data is returned at BufferOffset. `ddi/ntddndis/ns-ntddndis-_ndis_sriov_read_vf_config_space_parameters.md`.
    NDIS_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        VFId vf_id: NDIS_SRIOV_FUNCTION_ID,
        _pad0 _pad0: [u8; 2],
        Offset offset: u32,
        Length length: u32,
        BufferOffset buffer_offset: u32,
    }
}

/// `NDIS_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS_REVISION_1`.
pub const NDIS_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS, BufferOffset).
pub const NDIS_SIZEOF_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS_REVISION_1: u16 = 20;
impl NdisObject for NDIS_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS,
    "BufferOffset",
    NDIS_SIZEOF_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS_REVISION_1
);
assert_layout!(NDIS_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS, 20);

abi_struct! {
    /// OID_SRIOV_WRITE_VF_CONFIG_SPACE: data at BufferOffset. `ddi/ntddndis/ns-ntddndis-_ndis_sriov_write_vf_config_space_parameters.md`.
    NDIS_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        VFId vf_id: NDIS_SRIOV_FUNCTION_ID,
        _pad0 _pad0: [u8; 2],
        Offset offset: u32,
        Length length: u32,
        BufferOffset buffer_offset: u32,
    }
}

/// `NDIS_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS_REVISION_1`.
pub const NDIS_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS, BufferOffset).
pub const NDIS_SIZEOF_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS_REVISION_1: u16 = 20;
impl NdisObject for NDIS_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS,
    "BufferOffset",
    NDIS_SIZEOF_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS_REVISION_1
);
assert_layout!(NDIS_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS, 20);

abi_struct! {
    /// OID_SRIOV_READ_VF_CONFIG_BLOCK: data is returned at BufferOffset. `ddi/ntddndis/ns-ntddndis-_ndis_sriov_read_vf_config_block_parameters.md`.
    NDIS_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        VFId vf_id: NDIS_SRIOV_FUNCTION_ID,
        _pad0 _pad0: [u8; 2],
        BlockId block_id: u32,
        Length length: u32,
        BufferOffset buffer_offset: u32,
    }
}

/// `NDIS_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1`.
pub const NDIS_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS, BufferOffset).
pub const NDIS_SIZEOF_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1: u16 = 20;
impl NdisObject for NDIS_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS,
    "BufferOffset",
    NDIS_SIZEOF_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1
);
assert_layout!(NDIS_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS, 20);

abi_struct! {
    /// OID_SRIOV_WRITE_VF_CONFIG_BLOCK: data at BufferOffset. `ddi/ntddndis/ns-ntddndis-_ndis_sriov_write_vf_config_block_parameters.md`.
    NDIS_SRIOV_WRITE_VF_CONFIG_BLOCK_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        VFId vf_id: NDIS_SRIOV_FUNCTION_ID,
        _pad0 _pad0: [u8; 2],
        BlockId block_id: u32,
        Length length: u32,
        BufferOffset buffer_offset: u32,
    }
}

/// `NDIS_SRIOV_WRITE_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1`.
pub const NDIS_SRIOV_WRITE_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_SRIOV_WRITE_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_SRIOV_WRITE_VF_CONFIG_BLOCK_PARAMETERS, BufferOffset).
pub const NDIS_SIZEOF_SRIOV_WRITE_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1: u16 = 20;
impl NdisObject for NDIS_SRIOV_WRITE_VF_CONFIG_BLOCK_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_SRIOV_WRITE_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_SRIOV_WRITE_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_SRIOV_WRITE_VF_CONFIG_BLOCK_PARAMETERS,
    "BufferOffset",
    NDIS_SIZEOF_SRIOV_WRITE_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1
);
assert_layout!(NDIS_SRIOV_WRITE_VF_CONFIG_BLOCK_PARAMETERS, 20);

abi_struct! {
    /// OID_SRIOV_RESET_VF payload. `ddi/ntddndis/ns-ntddndis-_ndis_sriov_reset_vf_parameters.md`.
    NDIS_SRIOV_RESET_VF_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        VFId vf_id: NDIS_SRIOV_FUNCTION_ID,
    }
}

/// `NDIS_SRIOV_RESET_VF_PARAMETERS_REVISION_1`.
pub const NDIS_SRIOV_RESET_VF_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_SRIOV_RESET_VF_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_SRIOV_RESET_VF_PARAMETERS, VFId).
pub const NDIS_SIZEOF_SRIOV_RESET_VF_PARAMETERS_REVISION_1: u16 = 6;
impl NdisObject for NDIS_SRIOV_RESET_VF_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_SRIOV_RESET_VF_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_SRIOV_RESET_VF_PARAMETERS_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_SRIOV_RESET_VF_PARAMETERS,
    "VFId",
    NDIS_SIZEOF_SRIOV_RESET_VF_PARAMETERS_REVISION_1
);
assert_layout!(NDIS_SRIOV_RESET_VF_PARAMETERS, 6);

abi_struct! {
    /// OID_SRIOV_SET_VF_POWER_STATE payload. `ddi/ntddndis/ns-ntddndis-_ndis_sriov_set_vf_power_state_parameters.md`.
    NDIS_SRIOV_SET_VF_POWER_STATE_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        VFId vf_id: NDIS_SRIOV_FUNCTION_ID,
        _pad0 _pad0: [u8; 2],
        PowerState power_state: NDIS_DEVICE_POWER_STATE,
        WakeEnable wake_enable: u8,
        _pad1 _pad1: [u8; 3],
    }
}

/// `NDIS_SRIOV_SET_VF_POWER_STATE_PARAMETERS_REVISION_1`.
pub const NDIS_SRIOV_SET_VF_POWER_STATE_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_SRIOV_SET_VF_POWER_STATE_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_SRIOV_SET_VF_POWER_STATE_PARAMETERS, WakeEnable).
pub const NDIS_SIZEOF_SRIOV_SET_VF_POWER_STATE_PARAMETERS_REVISION_1: u16 = 13;
impl NdisObject for NDIS_SRIOV_SET_VF_POWER_STATE_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_SRIOV_SET_VF_POWER_STATE_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_SRIOV_SET_VF_POWER_STATE_PARAMETERS_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_SRIOV_SET_VF_POWER_STATE_PARAMETERS,
    "WakeEnable",
    NDIS_SIZEOF_SRIOV_SET_VF_POWER_STATE_PARAMETERS_REVISION_1
);
assert_layout!(NDIS_SRIOV_SET_VF_POWER_STATE_PARAMETERS, 16);

abi_struct! {
    /// OID_SRIOV_CONFIG_STATE payload (undocumented, spec §2.2). `ddi/ntddndis/ns-ntddndis-_ndis_sriov_config_state_parameters.md`.
    NDIS_SRIOV_CONFIG_STATE_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        BlockId block_id: u32,
        Length length: u32,
    }
}

/// `NDIS_SRIOV_CONFIG_STATE_PARAMETERS_REVISION_1`.
pub const NDIS_SRIOV_CONFIG_STATE_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_SRIOV_CONFIG_STATE_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_SRIOV_CONFIG_STATE_PARAMETERS, Length).
pub const NDIS_SIZEOF_SRIOV_CONFIG_STATE_PARAMETERS_REVISION_1: u16 = 12;
impl NdisObject for NDIS_SRIOV_CONFIG_STATE_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_SRIOV_CONFIG_STATE_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_SRIOV_CONFIG_STATE_PARAMETERS_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_SRIOV_CONFIG_STATE_PARAMETERS,
    "Length",
    NDIS_SIZEOF_SRIOV_CONFIG_STATE_PARAMETERS_REVISION_1
);
assert_layout!(NDIS_SRIOV_CONFIG_STATE_PARAMETERS, 12);

abi_struct! {
    /// OID_SRIOV_VF_VENDOR_DEVICE_ID payload. `ddi/ntddndis/ns-ntddndis-_ndis_sriov_vf_vendor_device_id_info.md`.
    NDIS_SRIOV_VF_VENDOR_DEVICE_ID_INFO {
        Header header: NDIS_OBJECT_HEADER,
        VFId vf_id: NDIS_SRIOV_FUNCTION_ID,
        VendorId vendor_id: u16,
        DeviceId device_id: u16,
    }
}

/// `NDIS_SRIOV_VF_VENDOR_DEVICE_ID_INFO_REVISION_1`.
pub const NDIS_SRIOV_VF_VENDOR_DEVICE_ID_INFO_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_SRIOV_VF_VENDOR_DEVICE_ID_INFO_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_SRIOV_VF_VENDOR_DEVICE_ID_INFO, DeviceId).
pub const NDIS_SIZEOF_SRIOV_VF_VENDOR_DEVICE_ID_INFO_REVISION_1: u16 = 10;
impl NdisObject for NDIS_SRIOV_VF_VENDOR_DEVICE_ID_INFO {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_SRIOV_VF_VENDOR_DEVICE_ID_INFO_REVISION_1,
        NDIS_SIZEOF_SRIOV_VF_VENDOR_DEVICE_ID_INFO_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_SRIOV_VF_VENDOR_DEVICE_ID_INFO,
    "DeviceId",
    NDIS_SIZEOF_SRIOV_VF_VENDOR_DEVICE_ID_INFO_REVISION_1
);
assert_layout!(NDIS_SRIOV_VF_VENDOR_DEVICE_ID_INFO, 10);

abi_struct! {
    /// OID_SRIOV_PROBED_BARS payload: `ULONG[PCI_TYPE0_ADDRESSES]` at BaseRegisterValuesOffset. `ddi/ntddndis/ns-ntddndis-_ndis_sriov_probed_bars_info.md`.
    NDIS_SRIOV_PROBED_BARS_INFO {
        Header header: NDIS_OBJECT_HEADER,
        BaseRegisterValuesOffset base_register_values_offset: u32,
    }
}

/// `NDIS_SRIOV_PROBED_BARS_INFO_REVISION_1`.
pub const NDIS_SRIOV_PROBED_BARS_INFO_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_SRIOV_PROBED_BARS_INFO_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_SRIOV_PROBED_BARS_INFO, BaseRegisterValuesOffset).
pub const NDIS_SIZEOF_SRIOV_PROBED_BARS_INFO_REVISION_1: u16 = 8;
impl NdisObject for NDIS_SRIOV_PROBED_BARS_INFO {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_SRIOV_PROBED_BARS_INFO_REVISION_1,
        NDIS_SIZEOF_SRIOV_PROBED_BARS_INFO_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_SRIOV_PROBED_BARS_INFO,
    "BaseRegisterValuesOffset",
    NDIS_SIZEOF_SRIOV_PROBED_BARS_INFO_REVISION_1
);
assert_layout!(NDIS_SRIOV_PROBED_BARS_INFO, 8);

abi_struct! {
    /// OID_SRIOV_BAR_RESOURCES payload: CM_PARTIAL_RESOURCE_DESCRIPTOR at BarResourcesOffset. `ddi/ntddndis/ns-ntddndis-_ndis_sriov_bar_resources_info.md`.
    NDIS_SRIOV_BAR_RESOURCES_INFO {
        Header header: NDIS_OBJECT_HEADER,
        VFId vf_id: NDIS_SRIOV_FUNCTION_ID,
        BarIndex bar_index: u16,
        BarResourcesOffset bar_resources_offset: u32,
    }
}

/// `NDIS_SRIOV_BAR_RESOURCES_INFO_REVISION_1`.
pub const NDIS_SRIOV_BAR_RESOURCES_INFO_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_SRIOV_BAR_RESOURCES_INFO_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_SRIOV_BAR_RESOURCES_INFO, BarResourcesOffset).
pub const NDIS_SIZEOF_SRIOV_BAR_RESOURCES_INFO_REVISION_1: u16 = 12;
impl NdisObject for NDIS_SRIOV_BAR_RESOURCES_INFO {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_SRIOV_BAR_RESOURCES_INFO_REVISION_1,
        NDIS_SIZEOF_SRIOV_BAR_RESOURCES_INFO_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_SRIOV_BAR_RESOURCES_INFO,
    "BarResourcesOffset",
    NDIS_SIZEOF_SRIOV_BAR_RESOURCES_INFO_REVISION_1
);
assert_layout!(NDIS_SRIOV_BAR_RESOURCES_INFO, 12);

abi_struct! {
    /// OID_SRIOV_PF_LUID payload. `ddi/ntddndis/ns-ntddndis-_ndis_sriov_pf_luid_info.md`.
    NDIS_SRIOV_PF_LUID_INFO {
        Header header: NDIS_OBJECT_HEADER,
        Luid luid: LUID,
    }
}

/// `NDIS_SRIOV_PF_LUID_INFO_REVISION_1`.
pub const NDIS_SRIOV_PF_LUID_INFO_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_SRIOV_PF_LUID_INFO_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_SRIOV_PF_LUID_INFO, Luid).
pub const NDIS_SIZEOF_SRIOV_PF_LUID_INFO_REVISION_1: u16 = 12;
impl NdisObject for NDIS_SRIOV_PF_LUID_INFO {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_SRIOV_PF_LUID_INFO_REVISION_1,
        NDIS_SIZEOF_SRIOV_PF_LUID_INFO_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_SRIOV_PF_LUID_INFO,
    "Luid",
    NDIS_SIZEOF_SRIOV_PF_LUID_INFO_REVISION_1
);
assert_layout!(NDIS_SRIOV_PF_LUID_INFO, 12);

abi_struct! {
    /// OID_SRIOV_VF_SERIAL_NUMBER payload. `ddi/ntddndis/ns-ntddndis-_ndis_sriov_vf_serial_number_info.md`.
    NDIS_SRIOV_VF_SERIAL_NUMBER_INFO {
        Header header: NDIS_OBJECT_HEADER,
        SerialNumber serial_number: u32,
    }
}

/// `NDIS_SRIOV_VF_SERIAL_NUMBER_INFO_REVISION_1`.
pub const NDIS_SRIOV_VF_SERIAL_NUMBER_INFO_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_SRIOV_VF_SERIAL_NUMBER_INFO_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_SRIOV_VF_SERIAL_NUMBER_INFO, SerialNumber).
pub const NDIS_SIZEOF_SRIOV_VF_SERIAL_NUMBER_INFO_REVISION_1: u16 = 8;
impl NdisObject for NDIS_SRIOV_VF_SERIAL_NUMBER_INFO {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_SRIOV_VF_SERIAL_NUMBER_INFO_REVISION_1,
        NDIS_SIZEOF_SRIOV_VF_SERIAL_NUMBER_INFO_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_SRIOV_VF_SERIAL_NUMBER_INFO,
    "SerialNumber",
    NDIS_SIZEOF_SRIOV_VF_SERIAL_NUMBER_INFO_REVISION_1
);
assert_layout!(NDIS_SRIOV_VF_SERIAL_NUMBER_INFO, 8);

abi_struct! {
    /// OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK payload (VF side). `ddi/ntddndis/ns-ntddndis-_ndis_sriov_vf_invalidate_config_block_info.md`.
    NDIS_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO {
        Header header: NDIS_OBJECT_HEADER,
        _pad0 _pad0: [u8; 4],
        BlockMask block_mask: u64,
    }
}

/// `NDIS_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO_REVISION_1`.
pub const NDIS_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO, BlockMask).
pub const NDIS_SIZEOF_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO_REVISION_1: u16 = 16;
impl NdisObject for NDIS_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO_REVISION_1,
        NDIS_SIZEOF_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO,
    "BlockMask",
    NDIS_SIZEOF_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO_REVISION_1
);
assert_layout!(NDIS_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO, 16);
