//! The VMQ engine's private NDIS numbers and offsets (`vmq::ndis`) equal svnic-abi's, whose
//! layouts are checked field by field against mingw-w64.

use svnic_abi::layout::AbiLayout;
use svnic_abi::{hw_assist, indication, oid, status, vmq as abi};
use svnic_miniport::vmq::ndis::*;

fn off<T: AbiLayout>(field: &str) -> usize {
    T::field(field)
        .unwrap_or_else(|| panic!("{}.{field}", T::NAME))
        .offset
}

#[test]
fn oid_and_status_codes_match_svnic_abi() {
    assert_eq!(
        OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES,
        oid::OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES
    );
    assert_eq!(
        OID_RECEIVE_FILTER_GLOBAL_PARAMETERS,
        oid::OID_RECEIVE_FILTER_GLOBAL_PARAMETERS
    );
    assert_eq!(
        OID_RECEIVE_FILTER_ALLOCATE_QUEUE,
        oid::OID_RECEIVE_FILTER_ALLOCATE_QUEUE
    );
    assert_eq!(OID_RECEIVE_FILTER_FREE_QUEUE, oid::OID_RECEIVE_FILTER_FREE_QUEUE);
    assert_eq!(
        OID_RECEIVE_FILTER_ENUM_QUEUES,
        oid::OID_RECEIVE_FILTER_ENUM_QUEUES
    );
    assert_eq!(
        OID_RECEIVE_FILTER_QUEUE_PARAMETERS,
        oid::OID_RECEIVE_FILTER_QUEUE_PARAMETERS
    );
    assert_eq!(OID_RECEIVE_FILTER_SET_FILTER, oid::OID_RECEIVE_FILTER_SET_FILTER);
    assert_eq!(
        OID_RECEIVE_FILTER_CLEAR_FILTER,
        oid::OID_RECEIVE_FILTER_CLEAR_FILTER
    );
    assert_eq!(
        OID_RECEIVE_FILTER_ENUM_FILTERS,
        oid::OID_RECEIVE_FILTER_ENUM_FILTERS
    );
    assert_eq!(OID_RECEIVE_FILTER_PARAMETERS, oid::OID_RECEIVE_FILTER_PARAMETERS);
    assert_eq!(
        OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE,
        oid::OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE
    );
    assert_eq!(
        OID_RECEIVE_FILTER_CURRENT_CAPABILITIES,
        oid::OID_RECEIVE_FILTER_CURRENT_CAPABILITIES
    );
    assert_eq!(
        NDIS_STATUS_RECEIVE_QUEUE_STATE,
        status::NDIS_STATUS_RECEIVE_QUEUE_STATE
    );
}

#[test]
fn flags_and_enums_match_svnic_abi() {
    assert_eq!(NDIS_RECEIVE_QUEUE_TYPE_VM_QUEUE, abi::NdisReceiveQueueTypeVMQueue);
    assert_eq!(
        NDIS_RECEIVE_FILTER_TYPE_VM_QUEUE,
        abi::NdisReceiveFilterTypeVMQueue
    );
    assert_eq!(NDIS_FRAME_HEADER_MAC, abi::NdisFrameHeaderMac);
    assert_eq!(NDIS_RECEIVE_FILTER_TEST_EQUAL, abi::NdisReceiveFilterTestEqual);
    assert_eq!(
        NDIS_MAC_HEADER_FIELD_DESTINATION_ADDRESS,
        abi::NdisMacHeaderFieldDestinationAddress
    );
    assert_eq!(NDIS_MAC_HEADER_FIELD_VLAN_ID, abi::NdisMacHeaderFieldVlanId);
    assert_eq!(
        NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO,
        abi::NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO
    );
    assert_eq!(
        NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION,
        abi::NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION
    );
    assert_eq!(
        NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED,
        abi::NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED
    );
    assert_eq!(
        NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED,
        abi::NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED
    );
    assert_eq!(
        NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED,
        abi::NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED
    );
    assert_eq!(
        NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED,
        abi::NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED
    );
    assert_eq!(
        NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED,
        abi::NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED
    );
    assert_eq!(
        NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED,
        abi::NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED
    );
    assert_eq!(
        NDIS_RECEIVE_FILTER_VMQ_FILTERS_ENABLED,
        abi::NDIS_RECEIVE_FILTER_VMQ_FILTERS_ENABLED
    );
    assert_eq!(
        NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED,
        abi::NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED
    );
    assert_eq!(
        NDIS_RECEIVE_FILTER_MSI_X_SUPPORTED,
        abi::NDIS_RECEIVE_FILTER_MSI_X_SUPPORTED
    );
    assert_eq!(
        NDIS_RECEIVE_FILTER_VM_QUEUE_SUPPORTED,
        abi::NDIS_RECEIVE_FILTER_VM_QUEUE_SUPPORTED
    );
    assert_eq!(
        NDIS_RECEIVE_FILTER_LOOKAHEAD_SPLIT_SUPPORTED,
        abi::NDIS_RECEIVE_FILTER_LOOKAHEAD_SPLIT_SUPPORTED
    );
    assert_eq!(
        NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED,
        abi::NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED
    );
    assert_eq!(
        NDIS_RECEIVE_FILTER_INTERRUPT_VECTOR_COALESCING_SUPPORTED,
        abi::NDIS_RECEIVE_FILTER_INTERRUPT_VECTOR_COALESCING_SUPPORTED
    );
    assert_eq!(
        NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_EQUAL_SUPPORTED,
        abi::NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_EQUAL_SUPPORTED
    );
    assert_eq!(
        NDIS_RECEIVE_FILTER_MAC_HEADER_SUPPORTED,
        abi::NDIS_RECEIVE_FILTER_MAC_HEADER_SUPPORTED
    );
    assert_eq!(
        NDIS_RECEIVE_FILTER_MAC_HEADER_DEST_ADDR_SUPPORTED,
        abi::NDIS_RECEIVE_FILTER_MAC_HEADER_DEST_ADDR_SUPPORTED
    );
    assert_eq!(
        NDIS_RECEIVE_FILTER_MAC_HEADER_VLAN_ID_SUPPORTED,
        abi::NDIS_RECEIVE_FILTER_MAC_HEADER_VLAN_ID_SUPPORTED
    );
    assert_eq!(
        NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE_RUNNING,
        abi::NdisReceiveQueueOperationalStateRunning
    );
    assert_eq!(
        NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE_PAUSED,
        abi::NdisReceiveQueueOperationalStatePaused
    );
    assert_eq!(
        NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE_DMA_STOPPED,
        abi::NdisReceiveQueueOperationalStateDmaStopped
    );
    assert_eq!(
        NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL,
        hw_assist::NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL
    );
    assert_eq!(
        NDIS_RECEIVE_FLAGS_PERFECT_FILTERED,
        hw_assist::NDIS_RECEIVE_FLAGS_PERFECT_FILTERED
    );
    assert_eq!(
        NDIS_RECEIVE_FLAGS_SINGLE_QUEUE,
        hw_assist::NDIS_RECEIVE_FLAGS_SINGLE_QUEUE
    );
    assert_eq!(
        NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID,
        hw_assist::NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID
    );
}

#[test]
fn structure_offsets_and_sizes_match_svnic_abi() {
    type Rqp = abi::NDIS_RECEIVE_QUEUE_PARAMETERS;
    assert_eq!(rqp::FLAGS, off::<Rqp>("Flags"));
    assert_eq!(rqp::QUEUE_TYPE, off::<Rqp>("QueueType"));
    assert_eq!(rqp::QUEUE_ID, off::<Rqp>("QueueId"));
    assert_eq!(rqp::QUEUE_GROUP_ID, off::<Rqp>("QueueGroupId"));
    assert_eq!(rqp::AFFINITY_MASK, off::<Rqp>("ProcessorAffinity"));
    assert_eq!(rqp::AFFINITY_GROUP, off::<Rqp>("ProcessorAffinity") + 8);
    assert_eq!(
        rqp::NUM_SUGGESTED_RECEIVE_BUFFERS,
        off::<Rqp>("NumSuggestedReceiveBuffers")
    );
    assert_eq!(rqp::MSIX_TABLE_ENTRY, off::<Rqp>("MSIXTableEntry"));
    assert_eq!(rqp::LOOKAHEAD_SIZE, off::<Rqp>("LookaheadSize"));
    assert_eq!(rqp::VM_NAME, off::<Rqp>("VmName"));
    assert_eq!(rqp::QUEUE_NAME, off::<Rqp>("QueueName"));
    assert_eq!(rqp::PORT_ID, off::<Rqp>("PortId"));
    assert_eq!(
        rqp::INTERRUPT_COALESCING_DOMAIN_ID,
        off::<Rqp>("InterruptCoalescingDomainId")
    );
    assert_eq!(rqp::QOS_SQ_ID, off::<Rqp>("QosSqId"));
    assert_eq!(
        NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_1,
        usize::from(abi::NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_1)
    );
    assert_eq!(
        NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2,
        usize::from(abi::NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2)
    );
    assert_eq!(
        NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_3,
        usize::from(abi::NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_3)
    );
    assert_eq!(
        COUNTED_STRING_LEN,
        core::mem::size_of::<svnic_abi::header::NDIS_IF_COUNTED_STRING>()
    );

    type Rfp = abi::NDIS_RECEIVE_FILTER_PARAMETERS;
    assert_eq!(rfp::FLAGS, off::<Rfp>("Flags"));
    assert_eq!(rfp::FILTER_TYPE, off::<Rfp>("FilterType"));
    assert_eq!(rfp::QUEUE_ID, off::<Rfp>("QueueId"));
    assert_eq!(rfp::FILTER_ID, off::<Rfp>("FilterId"));
    assert_eq!(rfp::FIELD_ARRAY_OFFSET, off::<Rfp>("FieldParametersArrayOffset"));
    assert_eq!(
        rfp::FIELD_ARRAY_NUM_ELEMENTS,
        off::<Rfp>("FieldParametersArrayNumElements")
    );
    assert_eq!(
        rfp::FIELD_ARRAY_ELEMENT_SIZE,
        off::<Rfp>("FieldParametersArrayElementSize")
    );
    assert_eq!(
        rfp::REQUESTED_FILTER_ID_BIT_COUNT,
        off::<Rfp>("RequestedFilterIdBitCount")
    );
    assert_eq!(rfp::MAX_COALESCING_DELAY, off::<Rfp>("MaxCoalescingDelay"));
    assert_eq!(rfp::VPORT_ID, off::<Rfp>("VPortId"));
    assert_eq!(
        NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_1,
        usize::from(abi::NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_1)
    );
    assert_eq!(
        NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_2,
        usize::from(abi::NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_2)
    );

    type Rffp = abi::NDIS_RECEIVE_FILTER_FIELD_PARAMETERS;
    assert_eq!(rffp::FLAGS, off::<Rffp>("Flags"));
    assert_eq!(rffp::FRAME_HEADER, off::<Rffp>("FrameHeader"));
    assert_eq!(rffp::RECEIVE_FILTER_TEST, off::<Rffp>("ReceiveFilterTest"));
    assert_eq!(rffp::HEADER_FIELD, off::<Rffp>("HeaderField"));
    assert_eq!(rffp::FIELD_VALUE, off::<Rffp>("FieldValue"));
    assert_eq!(
        NDIS_SIZEOF_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1,
        usize::from(abi::NDIS_SIZEOF_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1)
    );

    type Clear = abi::NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS;
    assert_eq!(CLEAR_QUEUE_ID, off::<Clear>("QueueId"));
    assert_eq!(CLEAR_FILTER_ID, off::<Clear>("FilterId"));
    assert_eq!(
        NDIS_SIZEOF_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1,
        usize::from(abi::NDIS_SIZEOF_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1)
    );
    type Free = abi::NDIS_RECEIVE_QUEUE_FREE_PARAMETERS;
    assert_eq!(FREE_QUEUE_ID, off::<Free>("QueueId"));
    assert_eq!(
        NDIS_SIZEOF_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1,
        usize::from(abi::NDIS_SIZEOF_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1)
    );

    type Arr = abi::NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY;
    assert_eq!(qac::FIRST_ELEMENT_OFFSET, off::<Arr>("FirstElementOffset"));
    assert_eq!(qac::NUM_ELEMENTS, off::<Arr>("NumElements"));
    assert_eq!(qac::ELEMENT_SIZE, off::<Arr>("ElementSize"));
    assert_eq!(
        NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1,
        usize::from(abi::NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1)
    );
    type Elem = abi::NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS;
    assert_eq!(qac::ELEM_QUEUE_ID, off::<Elem>("QueueId"));
    assert_eq!(qac::ELEM_COMPLETION_STATUS, off::<Elem>("CompletionStatus"));
    assert_eq!(
        NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1,
        usize::from(abi::NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1)
    );

    type State = indication::NDIS_RECEIVE_QUEUE_STATE;
    assert_eq!(8, off::<State>("QueueId"));
    assert_eq!(12, off::<State>("QueueState"));
    assert_eq!(
        NDIS_SIZEOF_NDIS_RECEIVE_QUEUE_STATE_REVISION_1,
        core::mem::size_of::<State>()
    );

    type Caps = abi::NDIS_RECEIVE_FILTER_CAPABILITIES;
    assert_eq!(
        NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_2,
        usize::from(abi::NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_2)
    );
    // caps::to_bytes writes the ULONGs in declaration order from offset 4.
    for (i, name) in [
        "Flags",
        "EnabledFilterTypes",
        "EnabledQueueTypes",
        "NumQueues",
        "SupportedQueueProperties",
        "SupportedFilterTests",
        "SupportedHeaders",
        "SupportedMacHeaderFields",
        "MaxMacHeaderFilters",
        "MaxQueueGroups",
        "MaxQueuesPerQueueGroup",
        "MinLookaheadSplitSize",
        "MaxLookaheadSplitSize",
        "SupportedARPHeaderFields",
        "SupportedIPv4HeaderFields",
        "SupportedIPv6HeaderFields",
        "SupportedUdpHeaderFields",
        "MaxFieldTestsPerPacketCoalescingFilter",
        "MaxPacketCoalescingFilters",
        "NdisReserved",
    ]
    .iter()
    .enumerate()
    {
        assert_eq!(off::<Caps>(name), 4 + 4 * i, "{name}");
    }
}

#[test]
fn nic_switch_vmq_counts_sit_at_the_svnic_abi_offsets() {
    type Ns = svnic_abi::sriov::NDIS_NIC_SWITCH_CAPABILITIES;
    let c = svnic_miniport::vmq::caps::NicSwitchVmqCounts {
        num_total_mac_addresses: 0x11,
        num_mac_addresses_per_port: 0x22,
        num_vlans_per_port: 0x33,
    };
    let b = c.to_bytes();
    let at = |o: usize| u32::from_le_bytes(b[o..o + 4].try_into().unwrap());
    assert_eq!(at(off::<Ns>("NumTotalMacAddresses")), 0x11);
    assert_eq!(at(off::<Ns>("NumMacAddressesPerPort")), 0x22);
    assert_eq!(at(off::<Ns>("NumVlansPerPort")), 0x33);
}
