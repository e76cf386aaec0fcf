//! The NDIS numbers and x64 layouts the VMQ OIDs use (spec section 1 tables, sizes as in the
//! "x64 sizes" table of `ndis-vmq-sriov.md`).
//!
//! Kept private to the VMQ engine until svnic-abi's `vmq`/`oid` modules carry the same values; the
//! offsets are `FIELD_OFFSET` values of the WDK structs (x64, LLP64); `tests/vmq_abi.rs` checks
//! every one against svnic-abi's layout tables (themselves checked against mingw-w64).

// ---- OIDs (ntddndis.h) ------------------------------------------------------------------------
pub const OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES: u32 = 0x0001_0221;
pub const OID_RECEIVE_FILTER_GLOBAL_PARAMETERS: u32 = 0x0001_0222;
pub const OID_RECEIVE_FILTER_ALLOCATE_QUEUE: u32 = 0x0001_0223;
pub const OID_RECEIVE_FILTER_FREE_QUEUE: u32 = 0x0001_0224;
pub const OID_RECEIVE_FILTER_ENUM_QUEUES: u32 = 0x0001_0225;
pub const OID_RECEIVE_FILTER_QUEUE_PARAMETERS: u32 = 0x0001_0226;
pub const OID_RECEIVE_FILTER_SET_FILTER: u32 = 0x0001_0227;
pub const OID_RECEIVE_FILTER_CLEAR_FILTER: u32 = 0x0001_0228;
pub const OID_RECEIVE_FILTER_ENUM_FILTERS: u32 = 0x0001_0229;
pub const OID_RECEIVE_FILTER_PARAMETERS: u32 = 0x0001_022A;
pub const OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE: u32 = 0x0001_022B;
pub const OID_RECEIVE_FILTER_CURRENT_CAPABILITIES: u32 = 0x0001_022D;

// ---- Status indications ------------------------------------------------------------------------
pub const NDIS_STATUS_RECEIVE_QUEUE_STATE: u32 = 0x4002_000D;
pub const NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS: u32 = 0x4002_0030;

// ---- NDIS_OBJECT_HEADER ------------------------------------------------------------------------
pub const NDIS_OBJECT_TYPE_DEFAULT: u8 = 0x80;
pub const HEADER_LEN: usize = 4;

// ---- NDIS_RECEIVE_QUEUE_PARAMETERS -------------------------------------------------------------
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_1: u8 = 1;
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_2: u8 = 2;
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_3: u8 = 3;
pub const NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_1: usize = 1084;
pub const NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2: usize = 1092;
pub const NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_3: usize = 1096;
pub mod rqp {
    pub const FLAGS: usize = 4;
    pub const QUEUE_TYPE: usize = 8;
    pub const QUEUE_ID: usize = 12;
    pub const QUEUE_GROUP_ID: usize = 16;
    pub const AFFINITY_MASK: usize = 24;
    pub const AFFINITY_GROUP: usize = 32;
    pub const NUM_SUGGESTED_RECEIVE_BUFFERS: usize = 40;
    pub const MSIX_TABLE_ENTRY: usize = 44;
    pub const LOOKAHEAD_SIZE: usize = 48;
    pub const VM_NAME: usize = 52;
    pub const QUEUE_NAME: usize = 568;
    pub const PORT_ID: usize = 1084;
    pub const INTERRUPT_COALESCING_DOMAIN_ID: usize = 1088;
    pub const QOS_SQ_ID: usize = 1092;
}
/// NDIS_IF_COUNTED_STRING: USHORT Length (bytes) + WCHAR String[257].
pub const COUNTED_STRING_LEN: usize = 516;
/// Longest name NDIS allows in a counted string, in bytes (256 WCHARs).
pub const COUNTED_STRING_MAX_BYTES: usize = 512;

pub const NDIS_RECEIVE_QUEUE_TYPE_VM_QUEUE: u32 = 1;
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION: u32 = 0x0000_0001;
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED: u32 = 0x0000_0002;
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED: u32 = 0x0001_0000;
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED: u32 = 0x0002_0000;
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED: u32 = 0x0004_0000;
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED: u32 = 0x0008_0000;
pub const NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED: u32 = 0x0010_0000;

// ---- NDIS_RECEIVE_QUEUE_FREE_PARAMETERS ------------------------------------------------------
pub const NDIS_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1: u8 = 1;
pub const NDIS_SIZEOF_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1: usize = 12;
pub const FREE_QUEUE_ID: usize = 8;

// ---- NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY / _PARAMETERS ------------------------------
pub const NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1: u8 = 1;
pub const NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1: usize = 20;
pub const NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1: u8 = 1;
pub const NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1: usize = 16;
pub mod qac {
    pub const FIRST_ELEMENT_OFFSET: usize = 8;
    pub const NUM_ELEMENTS: usize = 12;
    pub const ELEMENT_SIZE: usize = 16;
    pub const ELEM_QUEUE_ID: usize = 8;
    pub const ELEM_COMPLETION_STATUS: usize = 12;
}

// ---- NDIS_RECEIVE_FILTER_PARAMETERS / FIELD_PARAMETERS ---------------------------------------
pub const NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_1: u8 = 1;
pub const NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_2: u8 = 2;
pub const NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_1: usize = 36;
pub const NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_2: usize = 44;
pub mod rfp {
    pub const FLAGS: usize = 4;
    pub const FILTER_TYPE: usize = 8;
    pub const QUEUE_ID: usize = 12;
    pub const FILTER_ID: usize = 16;
    pub const FIELD_ARRAY_OFFSET: usize = 20;
    pub const FIELD_ARRAY_NUM_ELEMENTS: usize = 24;
    pub const FIELD_ARRAY_ELEMENT_SIZE: usize = 28;
    pub const REQUESTED_FILTER_ID_BIT_COUNT: usize = 32;
    pub const MAX_COALESCING_DELAY: usize = 36;
    pub const VPORT_ID: usize = 40;
}
pub const NDIS_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1: u8 = 1;
pub const NDIS_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_2: u8 = 2;
pub const NDIS_SIZEOF_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1: usize = 56;
pub mod rffp {
    pub const FLAGS: usize = 4;
    pub const FRAME_HEADER: usize = 8;
    pub const RECEIVE_FILTER_TEST: usize = 12;
    pub const HEADER_FIELD: usize = 16;
    pub const FIELD_VALUE: usize = 24;
}
pub const NDIS_RECEIVE_FILTER_TYPE_VM_QUEUE: u32 = 1;
pub const NDIS_FRAME_HEADER_MAC: u32 = 1;
pub const NDIS_RECEIVE_FILTER_TEST_EQUAL: u32 = 1;
pub const NDIS_MAC_HEADER_FIELD_DESTINATION_ADDRESS: u32 = 1;
pub const NDIS_MAC_HEADER_FIELD_VLAN_ID: u32 = 4;
pub const NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO: u32 = 0x0000_0001;

// ---- NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS ----------------------------------------------------
pub const NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1: u8 = 1;
pub const NDIS_SIZEOF_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1: usize = 16;
pub const CLEAR_QUEUE_ID: usize = 8;
pub const CLEAR_FILTER_ID: usize = 12;

// ---- NDIS_RECEIVE_QUEUE_STATE ----------------------------------------------------------------
pub const NDIS_RECEIVE_QUEUE_STATE_REVISION_1: u8 = 1;
pub const NDIS_SIZEOF_NDIS_RECEIVE_QUEUE_STATE_REVISION_1: usize = 16;
/// NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE.
pub const NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE_UNDEFINED: u32 = 0;
pub const NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE_RUNNING: u32 = 1;
pub const NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE_PAUSED: u32 = 2;
pub const NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE_DMA_STOPPED: u32 = 3;

// ---- NDIS_RECEIVE_FILTER_CAPABILITIES --------------------------------------------------------
pub const NDIS_RECEIVE_FILTER_CAPABILITIES_REVISION_1: u8 = 1;
pub const NDIS_RECEIVE_FILTER_CAPABILITIES_REVISION_2: u8 = 2;
pub const NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_1: usize = 56;
pub const NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_2: usize = 84;
pub const NDIS_RECEIVE_FILTER_VMQ_FILTERS_ENABLED: u32 = 0x0000_0001;
pub const NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED: u32 = 0x0000_0001;
pub const NDIS_RECEIVE_FILTER_MSI_X_SUPPORTED: u32 = 0x0000_0001;
pub const NDIS_RECEIVE_FILTER_VM_QUEUE_SUPPORTED: u32 = 0x0000_0002;
pub const NDIS_RECEIVE_FILTER_LOOKAHEAD_SPLIT_SUPPORTED: u32 = 0x0000_0004;
pub const NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED: u32 = 0x0000_0008;
pub const NDIS_RECEIVE_FILTER_INTERRUPT_VECTOR_COALESCING_SUPPORTED: u32 = 0x0000_0010;
pub const NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_EQUAL_SUPPORTED: u32 = 0x0000_0001;
pub const NDIS_RECEIVE_FILTER_MAC_HEADER_SUPPORTED: u32 = 0x0000_0001;
pub const NDIS_RECEIVE_FILTER_MAC_HEADER_DEST_ADDR_SUPPORTED: u32 = 0x0000_0001;
pub const NDIS_RECEIVE_FILTER_MAC_HEADER_VLAN_ID_SUPPORTED: u32 = 0x0000_0008;

// ---- NDIS_NIC_SWITCH_CAPABILITIES (revision 1, the 6.20-style VMQ counts) --------------------
pub const NDIS_NIC_SWITCH_CAPABILITIES_REVISION_1: u8 = 1;
pub const NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_1: usize = 32;

// ---- NdisMIndicateReceiveNetBufferLists flags (spec 1.5) -------------------------------------
pub const NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL: u32 = 0x0000_0001;
pub const NDIS_RECEIVE_FLAGS_PERFECT_FILTERED: u32 = 0x0000_0400;
pub const NDIS_RECEIVE_FLAGS_SINGLE_QUEUE: u32 = 0x0000_0800;
pub const NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID: u32 = 0x0000_1000;
