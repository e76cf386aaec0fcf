//! The NDIS names the VMQ engine's users (its tests, hyperv-sim) spell, all taken from svnic-abi:
//! no number is written here. OID, status, revision and flag constants are re-exported; sizes are
//! svnic-abi's `NDIS_SIZEOF_*` as `usize`; enum values use the WDK macro-style names for
//! svnic-abi's enumerators; byte offsets are `offset_of!` on svnic-abi's structures.
//!
//! The engine itself uses `svnic_abi` directly. New code should too; this module exists so the
//! byte-level callers written against the engine's earlier private copy keep their names.

use core::mem::{offset_of, size_of};
use svnic_abi::header::{GROUP_AFFINITY, IF_MAX_STRING_SIZE, NDIS_IF_COUNTED_STRING, NDIS_OBJECT_HEADER};
use svnic_abi::vmq as abi;
use svnic_abi::vmq::{
    NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS, NDIS_RECEIVE_FILTER_FIELD_PARAMETERS,
    NDIS_RECEIVE_FILTER_PARAMETERS, NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY,
    NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS, NDIS_RECEIVE_QUEUE_FREE_PARAMETERS,
    NDIS_RECEIVE_QUEUE_PARAMETERS,
};

pub use svnic_abi::header::NDIS_OBJECT_TYPE_DEFAULT;
pub use svnic_abi::hw_assist::{
    NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL, NDIS_RECEIVE_FLAGS_PERFECT_FILTERED,
    NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID, NDIS_RECEIVE_FLAGS_SINGLE_QUEUE,
};
pub use svnic_abi::indication::NDIS_RECEIVE_QUEUE_STATE_REVISION_1;
pub use svnic_abi::oid::{
    OID_RECEIVE_FILTER_ALLOCATE_QUEUE, OID_RECEIVE_FILTER_CLEAR_FILTER,
    OID_RECEIVE_FILTER_CURRENT_CAPABILITIES, OID_RECEIVE_FILTER_ENUM_FILTERS, OID_RECEIVE_FILTER_ENUM_QUEUES,
    OID_RECEIVE_FILTER_FREE_QUEUE, OID_RECEIVE_FILTER_GLOBAL_PARAMETERS,
    OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES, OID_RECEIVE_FILTER_PARAMETERS,
    OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE, OID_RECEIVE_FILTER_QUEUE_PARAMETERS,
    OID_RECEIVE_FILTER_SET_FILTER,
};
pub use svnic_abi::sriov::NDIS_NIC_SWITCH_CAPABILITIES_REVISION_1;
pub use svnic_abi::status::{NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS, NDIS_STATUS_RECEIVE_QUEUE_STATE};
pub use svnic_abi::vmq::{
    NDIS_RECEIVE_FILTER_CAPABILITIES_REVISION_1, NDIS_RECEIVE_FILTER_CAPABILITIES_REVISION_2,
    NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1,
    NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED,
    NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO,
    NDIS_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1, NDIS_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_2,
    NDIS_RECEIVE_FILTER_INTERRUPT_VECTOR_COALESCING_SUPPORTED, NDIS_RECEIVE_FILTER_LOOKAHEAD_SPLIT_SUPPORTED,
    NDIS_RECEIVE_FILTER_MAC_HEADER_DEST_ADDR_SUPPORTED, NDIS_RECEIVE_FILTER_MAC_HEADER_SUPPORTED,
    NDIS_RECEIVE_FILTER_MAC_HEADER_VLAN_ID_SUPPORTED, NDIS_RECEIVE_FILTER_MSI_X_SUPPORTED,
    NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_1, NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_2,
    NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_EQUAL_SUPPORTED, NDIS_RECEIVE_FILTER_VMQ_FILTERS_ENABLED,
    NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED, NDIS_RECEIVE_FILTER_VM_QUEUE_SUPPORTED,
    NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1,
    NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1,
    NDIS_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1, NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED,
    NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED,
    NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED, NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED,
    NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION,
    NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED, NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_1,
    NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_2, NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_3,
    NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED,
};

// ---- Sizes (svnic-abi's u16 NDIS_SIZEOF_* as usize, lossless) ----------------------------------
pub const HEADER_LEN: usize = size_of::<NDIS_OBJECT_HEADER>();
pub const NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_1: usize =
    abi::NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_1 as usize;
pub const NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2: usize =
    abi::NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2 as usize;
pub const NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_3: usize =
    abi::NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_3 as usize;
pub const NDIS_SIZEOF_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1: usize =
    abi::NDIS_SIZEOF_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1 as usize;
pub const NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1: usize =
    abi::NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1 as usize;
pub const NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1: usize =
    abi::NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1 as usize;
pub const NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_1: usize =
    abi::NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_1 as usize;
pub const NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_2: usize =
    abi::NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_2 as usize;
pub const NDIS_SIZEOF_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1: usize =
    abi::NDIS_SIZEOF_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1 as usize;
pub const NDIS_SIZEOF_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1: usize =
    abi::NDIS_SIZEOF_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1 as usize;
pub const NDIS_SIZEOF_NDIS_RECEIVE_QUEUE_STATE_REVISION_1: usize =
    svnic_abi::indication::NDIS_SIZEOF_NDIS_RECEIVE_QUEUE_STATE_REVISION_1 as usize;
pub const NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_1: usize =
    abi::NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_1 as usize;
pub const NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_2: usize =
    abi::NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_2 as usize;
pub const NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_1: usize =
    svnic_abi::sriov::NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_1 as usize;
/// NDIS_IF_COUNTED_STRING: USHORT Length (bytes) + WCHAR String[257].
pub const COUNTED_STRING_LEN: usize = size_of::<NDIS_IF_COUNTED_STRING>();
/// Longest name NDIS allows in a counted string, in bytes (256 WCHARs).
pub const COUNTED_STRING_MAX_BYTES: usize = IF_MAX_STRING_SIZE * 2;

// ---- Enumerators under their WDK macro-style names ---------------------------------------------
pub const NDIS_RECEIVE_QUEUE_TYPE_VM_QUEUE: u32 = abi::NdisReceiveQueueTypeVMQueue;
pub const NDIS_RECEIVE_FILTER_TYPE_VM_QUEUE: u32 = abi::NdisReceiveFilterTypeVMQueue;
pub const NDIS_FRAME_HEADER_MAC: u32 = abi::NdisFrameHeaderMac;
pub const NDIS_RECEIVE_FILTER_TEST_EQUAL: u32 = abi::NdisReceiveFilterTestEqual;
pub const NDIS_MAC_HEADER_FIELD_DESTINATION_ADDRESS: u32 = abi::NdisMacHeaderFieldDestinationAddress;
pub const NDIS_MAC_HEADER_FIELD_VLAN_ID: u32 = abi::NdisMacHeaderFieldVlanId;
pub const NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE_UNDEFINED: u32 =
    abi::NdisReceiveQueueOperationalStateUndefined;
pub const NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE_RUNNING: u32 = abi::NdisReceiveQueueOperationalStateRunning;
pub const NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE_PAUSED: u32 = abi::NdisReceiveQueueOperationalStatePaused;
pub const NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE_DMA_STOPPED: u32 =
    abi::NdisReceiveQueueOperationalStateDmaStopped;

// ---- Field offsets (offset_of! on svnic-abi's structures) --------------------------------------
/// NDIS_RECEIVE_QUEUE_PARAMETERS.
pub mod rqp {
    use super::*;
    type T = NDIS_RECEIVE_QUEUE_PARAMETERS;
    pub const FLAGS: usize = offset_of!(T, flags);
    pub const QUEUE_TYPE: usize = offset_of!(T, queue_type);
    pub const QUEUE_ID: usize = offset_of!(T, queue_id);
    pub const QUEUE_GROUP_ID: usize = offset_of!(T, queue_group_id);
    pub const AFFINITY_MASK: usize = offset_of!(T, processor_affinity) + offset_of!(GROUP_AFFINITY, mask);
    pub const AFFINITY_GROUP: usize = offset_of!(T, processor_affinity) + offset_of!(GROUP_AFFINITY, group);
    pub const NUM_SUGGESTED_RECEIVE_BUFFERS: usize = offset_of!(T, num_suggested_receive_buffers);
    pub const MSIX_TABLE_ENTRY: usize = offset_of!(T, msix_table_entry);
    pub const LOOKAHEAD_SIZE: usize = offset_of!(T, lookahead_size);
    pub const VM_NAME: usize = offset_of!(T, vm_name);
    pub const QUEUE_NAME: usize = offset_of!(T, queue_name);
    pub const PORT_ID: usize = offset_of!(T, port_id);
    pub const INTERRUPT_COALESCING_DOMAIN_ID: usize = offset_of!(T, interrupt_coalescing_domain_id);
    pub const QOS_SQ_ID: usize = offset_of!(T, qos_sq_id);
}
/// NDIS_RECEIVE_QUEUE_FREE_PARAMETERS.QueueId.
pub const FREE_QUEUE_ID: usize = offset_of!(NDIS_RECEIVE_QUEUE_FREE_PARAMETERS, queue_id);
/// NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY and its elements.
pub mod qac {
    use super::*;
    type A = NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY;
    type E = NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS;
    pub const FIRST_ELEMENT_OFFSET: usize = offset_of!(A, first_element_offset);
    pub const NUM_ELEMENTS: usize = offset_of!(A, num_elements);
    pub const ELEMENT_SIZE: usize = offset_of!(A, element_size);
    pub const ELEM_QUEUE_ID: usize = offset_of!(E, queue_id);
    pub const ELEM_COMPLETION_STATUS: usize = offset_of!(E, completion_status);
}
/// NDIS_RECEIVE_FILTER_PARAMETERS.
pub mod rfp {
    use super::*;
    type T = NDIS_RECEIVE_FILTER_PARAMETERS;
    pub const FLAGS: usize = offset_of!(T, flags);
    pub const FILTER_TYPE: usize = offset_of!(T, filter_type);
    pub const QUEUE_ID: usize = offset_of!(T, queue_id);
    pub const FILTER_ID: usize = offset_of!(T, filter_id);
    pub const FIELD_ARRAY_OFFSET: usize = offset_of!(T, field_parameters_array_offset);
    pub const FIELD_ARRAY_NUM_ELEMENTS: usize = offset_of!(T, field_parameters_array_num_elements);
    pub const FIELD_ARRAY_ELEMENT_SIZE: usize = offset_of!(T, field_parameters_array_element_size);
    pub const REQUESTED_FILTER_ID_BIT_COUNT: usize = offset_of!(T, requested_filter_id_bit_count);
    pub const MAX_COALESCING_DELAY: usize = offset_of!(T, max_coalescing_delay);
    pub const VPORT_ID: usize = offset_of!(T, vport_id);
}
/// NDIS_RECEIVE_FILTER_FIELD_PARAMETERS.
pub mod rffp {
    use super::*;
    type T = NDIS_RECEIVE_FILTER_FIELD_PARAMETERS;
    pub const FLAGS: usize = offset_of!(T, flags);
    pub const FRAME_HEADER: usize = offset_of!(T, frame_header);
    pub const RECEIVE_FILTER_TEST: usize = offset_of!(T, receive_filter_test);
    pub const HEADER_FIELD: usize = offset_of!(T, header_field);
    pub const FIELD_VALUE: usize = offset_of!(T, field_value);
}
/// NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS.
pub const CLEAR_QUEUE_ID: usize = offset_of!(NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS, queue_id);
pub const CLEAR_FILTER_ID: usize = offset_of!(NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS, filter_id);
