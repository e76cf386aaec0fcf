//! The PF engine's private offsets (`sriov::abi`) agree with svnic-abi's layout tables (which are
//! cross-checked against mingw-w64 and windows-sys), field by field.

use svnic_abi::layout::AbiLayout;
use svnic_abi::sriov as a;
use svnic_abi::vmq as v;
use svnic_miniport::sriov::abi::*;

fn off<T: AbiLayout>(name: &str) -> usize {
    T::field(name)
        .unwrap_or_else(|| panic!("{}.{name}", T::NAME))
        .offset
}

#[test]
fn struct_field_offsets_match_svnic_abi() {
    use a::*;
    let checks: Vec<(usize, usize, &str)> = vec![
        (
            nic_switch_caps::NIC_SWITCH_CAPABILITIES,
            off::<NDIS_NIC_SWITCH_CAPABILITIES>("NicSwitchCapabilities"),
            "caps",
        ),
        (
            nic_switch_caps::MAX_NUM_VPORTS,
            off::<NDIS_NIC_SWITCH_CAPABILITIES>("MaxNumVPorts"),
            "caps",
        ),
        (
            nic_switch_caps::MAX_NUM_VFS,
            off::<NDIS_NIC_SWITCH_CAPABILITIES>("MaxNumVFs"),
            "caps",
        ),
        (
            nic_switch_caps::MAX_NUM_QUEUE_PAIRS,
            off::<NDIS_NIC_SWITCH_CAPABILITIES>("MaxNumQueuePairs"),
            "caps",
        ),
        (
            nic_switch_caps::MAX_NUM_QUEUE_PAIRS_PER_NON_DEFAULT_VPORT,
            off::<NDIS_NIC_SWITCH_CAPABILITIES>("MaxNumQueuePairsPerNonDefaultVPort"),
            "caps",
        ),
        (
            nic_switch_caps::MAX_NUM_MAC_ADDRESSES,
            off::<NDIS_NIC_SWITCH_CAPABILITIES>("MaxNumMacAddresses"),
            "caps",
        ),
        (
            nic_switch_caps::MAX_NUM_QUEUE_PAIRS_FOR_DEFAULT_VPORT,
            off::<NDIS_NIC_SWITCH_CAPABILITIES>("MaxNumQueuePairsForDefaultVPort"),
            "caps",
        ),
        (
            switch_params::SWITCH_TYPE,
            off::<NDIS_NIC_SWITCH_PARAMETERS>("SwitchType"),
            "switch",
        ),
        (
            switch_params::SWITCH_ID,
            off::<NDIS_NIC_SWITCH_PARAMETERS>("SwitchId"),
            "switch",
        ),
        (
            switch_params::SWITCH_FRIENDLY_NAME,
            off::<NDIS_NIC_SWITCH_PARAMETERS>("SwitchFriendlyName"),
            "switch",
        ),
        (
            switch_params::NUM_VFS,
            off::<NDIS_NIC_SWITCH_PARAMETERS>("NumVFs"),
            "switch",
        ),
        (
            switch_params::NUM_QUEUE_PAIRS_FOR_DEFAULT_VPORT,
            off::<NDIS_NIC_SWITCH_PARAMETERS>("NumQueuePairsForDefaultVPort"),
            "switch",
        ),
        (
            delete_switch::SWITCH_ID,
            off::<NDIS_NIC_SWITCH_DELETE_SWITCH_PARAMETERS>("SwitchId"),
            "delswitch",
        ),
        (
            vport_params::VPORT_ID,
            off::<NDIS_NIC_SWITCH_VPORT_PARAMETERS>("VPortId"),
            "vport",
        ),
        (
            vport_params::VPORT_NAME,
            off::<NDIS_NIC_SWITCH_VPORT_PARAMETERS>("VPortName"),
            "vport",
        ),
        (
            vport_params::ATTACHED_FUNCTION_ID,
            off::<NDIS_NIC_SWITCH_VPORT_PARAMETERS>("AttachedFunctionId"),
            "vport",
        ),
        (
            vport_params::NUM_QUEUE_PAIRS,
            off::<NDIS_NIC_SWITCH_VPORT_PARAMETERS>("NumQueuePairs"),
            "vport",
        ),
        (
            vport_params::INTERRUPT_MODERATION,
            off::<NDIS_NIC_SWITCH_VPORT_PARAMETERS>("InterruptModeration"),
            "vport",
        ),
        (
            vport_params::VPORT_STATE,
            off::<NDIS_NIC_SWITCH_VPORT_PARAMETERS>("VPortState"),
            "vport",
        ),
        (
            vport_params::PROCESSOR_AFFINITY,
            off::<NDIS_NIC_SWITCH_VPORT_PARAMETERS>("ProcessorAffinity"),
            "vport",
        ),
        (
            vport_params::LOOKAHEAD_SIZE,
            off::<NDIS_NIC_SWITCH_VPORT_PARAMETERS>("LookaheadSize"),
            "vport",
        ),
        (
            vport_params::QOS_SQ_ID,
            off::<NDIS_NIC_SWITCH_VPORT_PARAMETERS>("QosSqId"),
            "vport",
        ),
        (
            delete_vport::VPORT_ID,
            off::<NDIS_NIC_SWITCH_DELETE_VPORT_PARAMETERS>("VPortId"),
            "delvport",
        ),
        (
            vf_params::VM_NAME,
            off::<NDIS_NIC_SWITCH_VF_PARAMETERS>("VMName"),
            "vf",
        ),
        (
            vf_params::VM_FRIENDLY_NAME,
            off::<NDIS_NIC_SWITCH_VF_PARAMETERS>("VMFriendlyName"),
            "vf",
        ),
        (
            vf_params::NIC_NAME,
            off::<NDIS_NIC_SWITCH_VF_PARAMETERS>("NicName"),
            "vf",
        ),
        (
            vf_params::MAC_ADDRESS_LENGTH,
            off::<NDIS_NIC_SWITCH_VF_PARAMETERS>("MacAddressLength"),
            "vf",
        ),
        (
            vf_params::PERMANENT_MAC_ADDRESS,
            off::<NDIS_NIC_SWITCH_VF_PARAMETERS>("PermanentMacAddress"),
            "vf",
        ),
        (
            vf_params::CURRENT_MAC_ADDRESS,
            off::<NDIS_NIC_SWITCH_VF_PARAMETERS>("CurrentMacAddress"),
            "vf",
        ),
        (
            vf_params::VF_ID,
            off::<NDIS_NIC_SWITCH_VF_PARAMETERS>("VFId"),
            "vf",
        ),
        (
            vf_params::REQUESTOR_ID,
            off::<NDIS_NIC_SWITCH_VF_PARAMETERS>("RequestorId"),
            "vf",
        ),
        (
            free_vf::VF_ID,
            off::<NDIS_NIC_SWITCH_FREE_VF_PARAMETERS>("VFId"),
            "freevf",
        ),
        (
            vf_xfer::VF_ID,
            off::<NDIS_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS>("VFId"),
            "cfg",
        ),
        (
            vf_xfer::OFFSET_OR_BLOCK_ID,
            off::<NDIS_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS>("Offset"),
            "cfg",
        ),
        (
            vf_xfer::LENGTH,
            off::<NDIS_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS>("Length"),
            "cfg",
        ),
        (
            vf_xfer::BUFFER_OFFSET,
            off::<NDIS_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS>("BufferOffset"),
            "cfg",
        ),
        (
            vf_xfer::OFFSET_OR_BLOCK_ID,
            off::<NDIS_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS>("BlockId"),
            "blk",
        ),
        (
            vf_xfer::LENGTH,
            off::<NDIS_SRIOV_WRITE_VF_CONFIG_BLOCK_PARAMETERS>("Length"),
            "blk",
        ),
        (
            vf_xfer::BUFFER_OFFSET,
            off::<NDIS_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS>("BufferOffset"),
            "blk",
        ),
        (
            reset_vf::VF_ID,
            off::<NDIS_SRIOV_RESET_VF_PARAMETERS>("VFId"),
            "reset",
        ),
        (
            vf_power::POWER_STATE,
            off::<NDIS_SRIOV_SET_VF_POWER_STATE_PARAMETERS>("PowerState"),
            "power",
        ),
        (
            vf_power::WAKE_ENABLE,
            off::<NDIS_SRIOV_SET_VF_POWER_STATE_PARAMETERS>("WakeEnable"),
            "power",
        ),
        (
            vendor_device::VENDOR_ID,
            off::<NDIS_SRIOV_VF_VENDOR_DEVICE_ID_INFO>("VendorId"),
            "vendor",
        ),
        (
            vendor_device::DEVICE_ID,
            off::<NDIS_SRIOV_VF_VENDOR_DEVICE_ID_INFO>("DeviceId"),
            "vendor",
        ),
        (
            probed_bars::BASE_REGISTER_VALUES_OFFSET,
            off::<NDIS_SRIOV_PROBED_BARS_INFO>("BaseRegisterValuesOffset"),
            "bars",
        ),
        (
            bar_resources::BAR_INDEX,
            off::<NDIS_SRIOV_BAR_RESOURCES_INFO>("BarIndex"),
            "barres",
        ),
        (
            bar_resources::BAR_RESOURCES_OFFSET,
            off::<NDIS_SRIOV_BAR_RESOURCES_INFO>("BarResourcesOffset"),
            "barres",
        ),
        (
            invalidate::BLOCK_MASK,
            off::<NDIS_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO>("BlockMask"),
            "inval",
        ),
        (
            move_filter::FILTER_ID,
            off::<v::NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS>("FilterId"),
            "move",
        ),
        (
            move_filter::SOURCE_VPORT_ID,
            off::<v::NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS>("SourceVPortId"),
            "move",
        ),
        (
            move_filter::DEST_QUEUE_ID,
            off::<v::NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS>("DestQueueId"),
            "move",
        ),
        (
            move_filter::DEST_VPORT_ID,
            off::<v::NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS>("DestVPortId"),
            "move",
        ),
        (
            filter_params::VPORT_ID,
            off::<v::NDIS_RECEIVE_FILTER_PARAMETERS>("VPortId"),
            "filter",
        ),
        (
            filter_params::FIELD_ARRAY_OFFSET,
            off::<v::NDIS_RECEIVE_FILTER_PARAMETERS>("FieldParametersArrayOffset"),
            "filter",
        ),
        (
            filter_params::FIELD_VALUE,
            off::<v::NDIS_RECEIVE_FILTER_FIELD_PARAMETERS>("FieldValue"),
            "field",
        ),
        (
            clear_filter::FILTER_ID,
            off::<v::NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS>("FilterId"),
            "clear",
        ),
    ];
    for (mine, theirs, what) in checks {
        assert_eq!(mine, theirs, "{what}");
    }
}

#[test]
fn ndis_sizeof_values_match_svnic_abi() {
    use a::*;
    let pairs: Vec<(usize, u16)> = vec![
        (
            nic_switch_caps::SIZE_REVISION_2,
            NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_2,
        ),
        (
            nic_switch_caps::SIZE_REVISION_3,
            NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_3,
        ),
        (
            switch_params::SIZE_REVISION_1,
            NDIS_SIZEOF_NIC_SWITCH_PARAMETERS_REVISION_1,
        ),
        (
            switch_params::SIZE_REVISION_2,
            NDIS_SIZEOF_NIC_SWITCH_PARAMETERS_REVISION_2,
        ),
        (
            delete_switch::SIZE_REVISION_1,
            NDIS_SIZEOF_NIC_SWITCH_DELETE_SWITCH_PARAMETERS_REVISION_1,
        ),
        (
            vport_params::SIZE_REVISION_1,
            NDIS_SIZEOF_NIC_SWITCH_VPORT_PARAMETERS_REVISION_1,
        ),
        (
            vport_params::SIZE_REVISION_2,
            NDIS_SIZEOF_NIC_SWITCH_VPORT_PARAMETERS_REVISION_2,
        ),
        (
            delete_vport::SIZE_REVISION_1,
            NDIS_SIZEOF_NIC_SWITCH_DELETE_VPORT_PARAMETERS_REVISION_1,
        ),
        (
            vf_params::SIZE_REVISION_1,
            NDIS_SIZEOF_NIC_SWITCH_VF_PARAMETERS_REVISION_1,
        ),
        (
            free_vf::SIZE_REVISION_1,
            NDIS_SIZEOF_NIC_SWITCH_FREE_VF_PARAMETERS_REVISION_1,
        ),
        (
            sriov_caps::SIZE_REVISION_1,
            NDIS_SIZEOF_SRIOV_CAPABILITIES_REVISION_1,
        ),
        (
            vf_xfer::SIZE_REVISION_1,
            NDIS_SIZEOF_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1,
        ),
        (
            reset_vf::SIZE_REVISION_1,
            NDIS_SIZEOF_SRIOV_RESET_VF_PARAMETERS_REVISION_1,
        ),
        (
            vf_power::SIZE_REVISION_1,
            NDIS_SIZEOF_SRIOV_SET_VF_POWER_STATE_PARAMETERS_REVISION_1,
        ),
        (
            vendor_device::SIZE_REVISION_1,
            NDIS_SIZEOF_SRIOV_VF_VENDOR_DEVICE_ID_INFO_REVISION_1,
        ),
        (
            probed_bars::SIZE_REVISION_1,
            NDIS_SIZEOF_SRIOV_PROBED_BARS_INFO_REVISION_1,
        ),
        (
            bar_resources::SIZE_REVISION_1,
            NDIS_SIZEOF_SRIOV_BAR_RESOURCES_INFO_REVISION_1,
        ),
        (
            invalidate::SIZE_REVISION_1,
            NDIS_SIZEOF_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO_REVISION_1,
        ),
    ];
    for (i, (mine, theirs)) in pairs.into_iter().enumerate() {
        assert_eq!(mine, usize::from(theirs), "pair {i}");
    }
}

#[test]
fn oid_codes_match_svnic_abi() {
    use svnic_abi::oid as o;
    let pairs = [
        (OID_NIC_SWITCH_CREATE_SWITCH, o::OID_NIC_SWITCH_CREATE_SWITCH),
        (OID_NIC_SWITCH_PARAMETERS, o::OID_NIC_SWITCH_PARAMETERS),
        (OID_NIC_SWITCH_DELETE_SWITCH, o::OID_NIC_SWITCH_DELETE_SWITCH),
        (OID_NIC_SWITCH_CREATE_VPORT, o::OID_NIC_SWITCH_CREATE_VPORT),
        (
            OID_NIC_SWITCH_VPORT_PARAMETERS,
            o::OID_NIC_SWITCH_VPORT_PARAMETERS,
        ),
        (OID_NIC_SWITCH_DELETE_VPORT, o::OID_NIC_SWITCH_DELETE_VPORT),
        (OID_NIC_SWITCH_ALLOCATE_VF, o::OID_NIC_SWITCH_ALLOCATE_VF),
        (OID_NIC_SWITCH_FREE_VF, o::OID_NIC_SWITCH_FREE_VF),
        (OID_SRIOV_READ_VF_CONFIG_SPACE, o::OID_SRIOV_READ_VF_CONFIG_SPACE),
        (
            OID_SRIOV_WRITE_VF_CONFIG_SPACE,
            o::OID_SRIOV_WRITE_VF_CONFIG_SPACE,
        ),
        (OID_SRIOV_READ_VF_CONFIG_BLOCK, o::OID_SRIOV_READ_VF_CONFIG_BLOCK),
        (
            OID_SRIOV_WRITE_VF_CONFIG_BLOCK,
            o::OID_SRIOV_WRITE_VF_CONFIG_BLOCK,
        ),
        (OID_SRIOV_RESET_VF, o::OID_SRIOV_RESET_VF),
        (OID_SRIOV_SET_VF_POWER_STATE, o::OID_SRIOV_SET_VF_POWER_STATE),
        (OID_SRIOV_VF_VENDOR_DEVICE_ID, o::OID_SRIOV_VF_VENDOR_DEVICE_ID),
        (OID_SRIOV_PROBED_BARS, o::OID_SRIOV_PROBED_BARS),
        (OID_SRIOV_BAR_RESOURCES, o::OID_SRIOV_BAR_RESOURCES),
        (
            OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK,
            o::OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK,
        ),
        (OID_RECEIVE_FILTER_MOVE_FILTER, o::OID_RECEIVE_FILTER_MOVE_FILTER),
        (OID_NIC_SWITCH_ENUM_SWITCHES, o::OID_NIC_SWITCH_ENUM_SWITCHES),
        (OID_SRIOV_PF_LUID, o::OID_SRIOV_PF_LUID),
        (OID_SRIOV_VF_SERIAL_NUMBER, o::OID_SRIOV_VF_SERIAL_NUMBER),
    ];
    for (mine, theirs) in pairs {
        assert_eq!(mine, theirs);
    }
}
