//! The SR-IOV / NIC-switch names the PF engine, the VF miniport, the binding and hyperv-sim use,
//! all taken from svnic-abi (spec section 2.2, x64 layouts): OID codes and flags are re-exports,
//! revisions and `NDIS_SIZEOF_*` come from svnic-abi's constants and every field offset is
//! `offset_of!` on svnic-abi's structure. Nothing here is a private copy of the WDK: the
//! per-structure modules only give the engine's short names (`vport_params::VPORT_ID`) to the
//! same knowledge.

use core::mem::offset_of;

use svnic_abi::sriov::*;
use svnic_abi::vmq::*;

pub use svnic_abi::header::NDIS_OBJECT_TYPE_DEFAULT;
pub use svnic_abi::oid::{
    OID_NIC_SWITCH_ALLOCATE_VF, OID_NIC_SWITCH_CREATE_SWITCH, OID_NIC_SWITCH_CREATE_VPORT,
    OID_NIC_SWITCH_CURRENT_CAPABILITIES, OID_NIC_SWITCH_DELETE_SWITCH, OID_NIC_SWITCH_DELETE_VPORT,
    OID_NIC_SWITCH_ENUM_SWITCHES, OID_NIC_SWITCH_ENUM_VFS, OID_NIC_SWITCH_ENUM_VPORTS,
    OID_NIC_SWITCH_FREE_VF, OID_NIC_SWITCH_HARDWARE_CAPABILITIES, OID_NIC_SWITCH_PARAMETERS,
    OID_NIC_SWITCH_VF_PARAMETERS, OID_NIC_SWITCH_VPORT_PARAMETERS, OID_RECEIVE_FILTER_CLEAR_FILTER,
    OID_RECEIVE_FILTER_MOVE_FILTER, OID_RECEIVE_FILTER_SET_FILTER, OID_SRIOV_BAR_RESOURCES,
    OID_SRIOV_CURRENT_CAPABILITIES, OID_SRIOV_HARDWARE_CAPABILITIES, OID_SRIOV_PF_LUID,
    OID_SRIOV_PROBED_BARS, OID_SRIOV_READ_VF_CONFIG_BLOCK, OID_SRIOV_READ_VF_CONFIG_SPACE,
    OID_SRIOV_RESET_VF, OID_SRIOV_SET_VF_POWER_STATE, OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK,
    OID_SRIOV_VF_SERIAL_NUMBER, OID_SRIOV_VF_VENDOR_DEVICE_ID, OID_SRIOV_WRITE_VF_CONFIG_BLOCK,
    OID_SRIOV_WRITE_VF_CONFIG_SPACE,
};
pub use svnic_abi::sriov::{
    NDIS_DEFAULT_SWITCH_ID, NDIS_DEFAULT_VPORT_ID, NDIS_INVALID_RID, NDIS_INVALID_VF_FUNCTION_ID,
    NDIS_PF_FUNCTION_ID,
};
pub use svnic_abi::vmq::NDIS_DEFAULT_RECEIVE_QUEUE_ID;

/// NdisNicSwitchTypeExternal, the only switch type.
pub const NDIS_NIC_SWITCH_TYPE_EXTERNAL: u32 = NdisNicSwitchTypeExternal;

/// `NDIS_SIZEOF_*` as a byte count.
const fn sz(v: u16) -> usize {
    v as usize
}

/// NDIS_SRIOV_CAPABILITIES.
pub mod sriov_caps {
    use super::*;
    pub const REVISION_1: u8 = NDIS_SRIOV_CAPABILITIES_REVISION_1;
    pub const SIZE_REVISION_1: usize = sz(NDIS_SIZEOF_SRIOV_CAPABILITIES_REVISION_1);
}

/// NDIS_NIC_SWITCH_CAPABILITIES (the engine writes revisions 2 and 3).
pub mod nic_switch_caps {
    use super::*;
    pub const REVISION_2: u8 = NDIS_NIC_SWITCH_CAPABILITIES_REVISION_2;
    pub const SIZE_REVISION_1: usize = sz(NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_1);
    pub const SIZE_REVISION_2: usize = sz(NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_2);
    pub use svnic_abi::sriov::NDIS_NIC_SWITCH_CAPS_VLAN_SUPPORTED;
}

/// NDIS_NIC_SWITCH_PARAMETERS.
pub mod switch_params {
    use super::*;
    type T = NDIS_NIC_SWITCH_PARAMETERS;
    pub const REVISION_2: u8 = NDIS_NIC_SWITCH_PARAMETERS_REVISION_2;
    pub const SIZE_REVISION_1: usize = sz(NDIS_SIZEOF_NIC_SWITCH_PARAMETERS_REVISION_1);
    pub const SIZE_REVISION_2: usize = sz(NDIS_SIZEOF_NIC_SWITCH_PARAMETERS_REVISION_2);
    pub const FLAGS: usize = offset_of!(T, flags);
    pub const SWITCH_TYPE: usize = offset_of!(T, switch_type);
    pub const SWITCH_ID: usize = offset_of!(T, switch_id);
    pub const SWITCH_FRIENDLY_NAME: usize = offset_of!(T, switch_friendly_name);
    pub const NUM_VFS: usize = offset_of!(T, num_vfs);
    pub const NUM_QUEUE_PAIRS_FOR_DEFAULT_VPORT: usize = offset_of!(T, num_queue_pairs_for_default_vport);
    /// NDIS_NIC_SWITCH_PARAMETERS_SWITCH_NAME_CHANGED: the only change flag defined.
    pub const SWITCH_NAME_CHANGED: u32 = NDIS_NIC_SWITCH_PARAMETERS_SWITCH_NAME_CHANGED;
}

/// NDIS_NIC_SWITCH_DELETE_SWITCH_PARAMETERS.
pub mod delete_switch {
    use super::*;
    pub const SIZE_REVISION_1: usize = sz(NDIS_SIZEOF_NIC_SWITCH_DELETE_SWITCH_PARAMETERS_REVISION_1);
    pub const SWITCH_ID: usize = offset_of!(NDIS_NIC_SWITCH_DELETE_SWITCH_PARAMETERS, switch_id);
}

/// NDIS_NIC_SWITCH_VPORT_PARAMETERS.
pub mod vport_params {
    use super::*;
    type T = NDIS_NIC_SWITCH_VPORT_PARAMETERS;
    pub const REVISION_2: u8 = NDIS_NIC_SWITCH_VPORT_PARAMETERS_REVISION_2;
    pub const SIZE_REVISION_1: usize = sz(NDIS_SIZEOF_NIC_SWITCH_VPORT_PARAMETERS_REVISION_1);
    pub const SIZE_REVISION_2: usize = sz(NDIS_SIZEOF_NIC_SWITCH_VPORT_PARAMETERS_REVISION_2);
    pub const FLAGS: usize = offset_of!(T, flags);
    pub const SWITCH_ID: usize = offset_of!(T, switch_id);
    pub const VPORT_ID: usize = offset_of!(T, vport_id);
    pub const VPORT_NAME: usize = offset_of!(T, vport_name);
    pub const ATTACHED_FUNCTION_ID: usize = offset_of!(T, attached_function_id);
    pub const NUM_QUEUE_PAIRS: usize = offset_of!(T, num_queue_pairs);
    pub const INTERRUPT_MODERATION: usize = offset_of!(T, interrupt_moderation);
    pub const VPORT_STATE: usize = offset_of!(T, vport_state);
    /// GROUP_AFFINITY { Mask, Group, Reserved }.
    pub const PROCESSOR_AFFINITY: usize = offset_of!(T, processor_affinity);
    pub const INT_MOD_CHANGED: u32 = NDIS_NIC_SWITCH_VPORT_PARAMS_INT_MOD_CHANGED;
    pub const STATE_CHANGED: u32 = NDIS_NIC_SWITCH_VPORT_PARAMS_STATE_CHANGED;
    pub const PROCESSOR_AFFINITY_CHANGED: u32 = NDIS_NIC_SWITCH_VPORT_PARAMS_PROCESSOR_AFFINITY_CHANGED;
    pub const NUM_QUEUE_PAIRS_CHANGED: u32 = NDIS_NIC_SWITCH_VPORT_PARAMS_NUM_QUEUE_PAIRS_CHANGED;
    /// NDIS_NIC_SWITCH_VPORT_STATE.
    pub const STATE_ACTIVATED: u32 = NdisNicSwitchVPortStateActivated;
    pub const STATE_DEACTIVATED: u32 = NdisNicSwitchVPortStateDeactivated;
}

/// NDIS_NIC_SWITCH_DELETE_VPORT_PARAMETERS.
pub mod delete_vport {
    use super::*;
    pub const SIZE_REVISION_1: usize = sz(NDIS_SIZEOF_NIC_SWITCH_DELETE_VPORT_PARAMETERS_REVISION_1);
    pub const VPORT_ID: usize = offset_of!(NDIS_NIC_SWITCH_DELETE_VPORT_PARAMETERS, vport_id);
}

/// NDIS_NIC_SWITCH_VF_PARAMETERS.
pub mod vf_params {
    use super::*;
    type T = NDIS_NIC_SWITCH_VF_PARAMETERS;
    pub const SIZE_REVISION_1: usize = sz(NDIS_SIZEOF_NIC_SWITCH_VF_PARAMETERS_REVISION_1);
    pub const FLAGS: usize = offset_of!(T, flags);
    pub const SWITCH_ID: usize = offset_of!(T, switch_id);
    pub const VM_NAME: usize = offset_of!(T, vm_name);
    pub const VM_FRIENDLY_NAME: usize = offset_of!(T, vm_friendly_name);
    pub const NIC_NAME: usize = offset_of!(T, nic_name);
    pub const MAC_ADDRESS_LENGTH: usize = offset_of!(T, mac_address_length);
    pub const PERMANENT_MAC_ADDRESS: usize = offset_of!(T, permanent_mac_address);
    pub const CURRENT_MAC_ADDRESS: usize = offset_of!(T, current_mac_address);
    pub const VF_ID: usize = offset_of!(T, vf_id);
    pub const REQUESTOR_ID: usize = offset_of!(T, requestor_id);
}

/// NDIS_NIC_SWITCH_FREE_VF_PARAMETERS.
pub mod free_vf {
    use super::*;
    pub const SIZE_REVISION_1: usize = sz(NDIS_SIZEOF_NIC_SWITCH_FREE_VF_PARAMETERS_REVISION_1);
    pub const VF_ID: usize = offset_of!(NDIS_NIC_SWITCH_FREE_VF_PARAMETERS, vf_id);
}

/// NDIS_SRIOV_{READ,WRITE}_VF_CONFIG_{SPACE,BLOCK}_PARAMETERS: the four share one layout
/// (Offset / BlockId at the same place; svnic-abi's layout tests pin each of them).
pub mod vf_xfer {
    use super::*;
    type T = NDIS_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS;
    pub const SIZE_REVISION_1: usize = sz(NDIS_SIZEOF_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS_REVISION_1);
    pub const VF_ID: usize = offset_of!(T, vf_id);
    pub const OFFSET_OR_BLOCK_ID: usize = offset_of!(T, offset);
    pub const LENGTH: usize = offset_of!(T, length);
    pub const BUFFER_OFFSET: usize = offset_of!(T, buffer_offset);
}

/// NDIS_SRIOV_RESET_VF_PARAMETERS.
pub mod reset_vf {
    use super::*;
    pub const SIZE_REVISION_1: usize = sz(NDIS_SIZEOF_SRIOV_RESET_VF_PARAMETERS_REVISION_1);
    pub const VF_ID: usize = offset_of!(NDIS_SRIOV_RESET_VF_PARAMETERS, vf_id);
}

/// NDIS_SRIOV_SET_VF_POWER_STATE_PARAMETERS.
pub mod vf_power {
    use super::*;
    type T = NDIS_SRIOV_SET_VF_POWER_STATE_PARAMETERS;
    pub const SIZE_REVISION_1: usize = sz(NDIS_SIZEOF_SRIOV_SET_VF_POWER_STATE_PARAMETERS_REVISION_1);
    pub const VF_ID: usize = offset_of!(T, vf_id);
    pub const POWER_STATE: usize = offset_of!(T, power_state);
    pub const WAKE_ENABLE: usize = offset_of!(T, wake_enable);
    /// NDIS_DEVICE_POWER_STATE.
    pub const D0: u32 = NdisDeviceStateD0;
    pub const D3: u32 = NdisDeviceStateD3;
}

/// NDIS_SRIOV_VF_VENDOR_DEVICE_ID_INFO.
pub mod vendor_device {
    use super::*;
    type T = NDIS_SRIOV_VF_VENDOR_DEVICE_ID_INFO;
    pub const SIZE_REVISION_1: usize = sz(NDIS_SIZEOF_SRIOV_VF_VENDOR_DEVICE_ID_INFO_REVISION_1);
    pub const VF_ID: usize = offset_of!(T, vf_id);
}

/// NDIS_SRIOV_PROBED_BARS_INFO, then ULONG[PCI_TYPE0_ADDRESSES] at BaseRegisterValuesOffset.
pub mod probed_bars {
    use super::*;
    pub const SIZE_REVISION_1: usize = sz(NDIS_SIZEOF_SRIOV_PROBED_BARS_INFO_REVISION_1);
    /// Header + the 6 BAR values placed right after it.
    pub const TOTAL: usize =
        SIZE_REVISION_1 + core::mem::size_of::<u32>() * svnic_abi::pci::PCI_TYPE0_ADDRESSES;
}

/// NDIS_SRIOV_BAR_RESOURCES_INFO, with a CM_PARTIAL_RESOURCE_DESCRIPTOR at BarResourcesOffset.
pub mod bar_resources {
    use super::*;
    type T = NDIS_SRIOV_BAR_RESOURCES_INFO;
    pub const SIZE_REVISION_1: usize = sz(NDIS_SIZEOF_SRIOV_BAR_RESOURCES_INFO_REVISION_1);
    pub const VF_ID: usize = offset_of!(T, vf_id);
    pub const BAR_INDEX: usize = offset_of!(T, bar_index);
    pub const BAR_RESOURCES_OFFSET: usize = offset_of!(T, bar_resources_offset);
}

/// NDIS_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO.
pub mod invalidate {
    use super::*;
    pub const REVISION_1: u8 = NDIS_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO_REVISION_1;
    pub const SIZE_REVISION_1: usize = sz(NDIS_SIZEOF_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO_REVISION_1);
    pub const BLOCK_MASK: usize = offset_of!(NDIS_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO, block_mask);
}

/// NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS.
pub mod move_filter {
    use super::*;
    type T = NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS;
    pub const SIZE_REVISION_1: usize = sz(NDIS_SIZEOF_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS_REVISION_1);
    pub const FILTER_ID: usize = offset_of!(T, filter_id);
    pub const SOURCE_QUEUE_ID: usize = offset_of!(T, source_queue_id);
    pub const SOURCE_VPORT_ID: usize = offset_of!(T, source_vport_id);
    pub const DEST_VPORT_ID: usize = offset_of!(T, dest_vport_id);
}

/// NDIS_RECEIVE_FILTER_PARAMETERS and NDIS_RECEIVE_FILTER_FIELD_PARAMETERS.
pub mod filter_params {
    use super::*;
    type T = NDIS_RECEIVE_FILTER_PARAMETERS;
    type F = NDIS_RECEIVE_FILTER_FIELD_PARAMETERS;
    pub const REVISION_2: u8 = NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_2;
    pub const SIZE_REVISION_1: usize = sz(NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_1);
    pub const SIZE_REVISION_2: usize = sz(NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_2);
    pub const FLAGS: usize = offset_of!(T, flags);
    pub const FILTER_TYPE: usize = offset_of!(T, filter_type);
    pub const QUEUE_ID: usize = offset_of!(T, queue_id);
    pub const FILTER_ID: usize = offset_of!(T, filter_id);
    pub const FIELD_ARRAY_OFFSET: usize = offset_of!(T, field_parameters_array_offset);
    pub const FIELD_ARRAY_NUM_ELEMENTS: usize = offset_of!(T, field_parameters_array_num_elements);
    pub const FIELD_ARRAY_ELEMENT_SIZE: usize = offset_of!(T, field_parameters_array_element_size);
    pub const REQUESTED_FILTER_ID_BIT_COUNT: usize = offset_of!(T, requested_filter_id_bit_count);
    pub const VPORT_ID: usize = offset_of!(T, vport_id);
    pub const FILTER_TYPE_VM_QUEUE: u32 = NdisReceiveFilterTypeVMQueue;

    pub const FIELD_SIZE_REVISION_1: usize = sz(NDIS_SIZEOF_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1);
    pub const FIELD_FLAGS: usize = offset_of!(F, flags);
    pub const FIELD_FRAME_HEADER: usize = offset_of!(F, frame_header);
    pub const FIELD_TEST: usize = offset_of!(F, receive_filter_test);
    pub const FIELD_HEADER_FIELD: usize = offset_of!(F, header_field);
    pub const FIELD_VALUE: usize = offset_of!(F, field_value);
    pub const FIELD_FLAG_VLAN_UNTAGGED_OR_ZERO: u32 =
        NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO;
    pub const FRAME_HEADER_MAC: u32 = NdisFrameHeaderMac;
    pub const TEST_EQUAL: u32 = NdisReceiveFilterTestEqual;
    pub const MAC_FIELD_DESTINATION_ADDRESS: u32 = NdisMacHeaderFieldDestinationAddress;
    pub const MAC_FIELD_VLAN_ID: u32 = NdisMacHeaderFieldVlanId;
}

/// NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS.
pub mod clear_filter {
    use super::*;
    type T = NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS;
    pub const SIZE_REVISION_1: usize = sz(NDIS_SIZEOF_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1);
    pub const QUEUE_ID: usize = offset_of!(T, queue_id);
    pub const FILTER_ID: usize = offset_of!(T, filter_id);
}
