//! Spec 5 items 4-9, 16, 18: the VMQ control path through the OID byte glue.

mod vmq_support;

use svnic_abi::status::*;
use svnic_miniport::oid::{OidBytes, OidOutcome, RequestType};
use svnic_miniport::vmq::ndis::*;
use svnic_miniport::vmq::state::QueueState;
use vmq_support::*;

/// (what, how to break a valid buffer, expected status).
type Mutation = (&'static str, Box<dyn Fn(&mut Vec<u8>)>, u32);

fn snapshot(h: &Harness) -> String {
    format!(
        "{:?}|{:?}|{}",
        h.engine.queues(),
        h.engine.filters(None),
        h.nic.filter_count()
    )
}

#[test]
fn allocate_succeeds_num_queues_times_then_resources_until_a_free() {
    let h = Harness::new(4, 2);
    for id in 1..=4 {
        let r = h.allocate(id, 0);
        assert_eq!(r.outcome, ok());
        assert_eq!((r.read, r.written), (1092, 1092));
    }
    let before = snapshot(&h);
    // NDIS would hand out another id; the adapter has none left.
    assert_eq!(h.allocate(5, 0).outcome, st(NDIS_STATUS_RESOURCES));
    assert_eq!(h.allocate(1, 0).outcome, st(NDIS_STATUS_RESOURCES));
    assert_eq!(snapshot(&h), before);
    assert_eq!(h.free(3).outcome, ok());
    assert_eq!(h.allocate(3, 1).outcome, ok());
    let ids: Vec<u32> = h.engine.queues().iter().map(|q| q.queue_id).collect();
    assert_eq!(ids, vec![1, 2, 3, 4]);
}

#[test]
fn allocate_writes_back_msix_entry_and_coalescing_domain() {
    let h = Harness::new(4, 2);
    let mut b = queue_params(2, 0b10, 0);
    let r = h.method(OID_RECEIVE_FILTER_ALLOCATE_QUEUE, &mut b);
    assert_eq!(r.outcome, ok());
    assert_eq!(get32(&b, rqp::QUEUE_ID), 2);
    assert_eq!(get32(&b, rqp::MSIX_TABLE_ENTRY), 2);
    assert_eq!(get32(&b, rqp::INTERRUPT_COALESCING_DOMAIN_ID), 1);
    let q = h.engine.queue_snapshot(2).unwrap();
    assert_eq!(q.state, QueueState::Allocated);
    assert_eq!(q.operational_state, NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE_PAUSED);
    assert_eq!(q.params.port_id, 102);
    assert_eq!(q.processor, cpu(1));
    assert_eq!(h.nic.vector_target(2), Some(cpu(1)));
}

#[test]
fn short_buffers_return_invalid_length_with_exact_bytes_needed() {
    let h = Harness::new(4, 2);
    let cases: Vec<(RequestType, u32, Vec<u8>, u32)> = vec![
        (
            RequestType::Method,
            OID_RECEIVE_FILTER_ALLOCATE_QUEUE,
            queue_params(1, 1, 0)[..1083].to_vec(),
            1084,
        ),
        // A revision-2 header over a revision-1-sized buffer needs the revision-2 size.
        (
            RequestType::Method,
            OID_RECEIVE_FILTER_ALLOCATE_QUEUE,
            queue_params(1, 1, 0)[..1090].to_vec(),
            1092,
        ),
        (
            RequestType::Method,
            OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE,
            allocation_complete(&[1])[..19].to_vec(),
            20,
        ),
        // The element array runs past the input.
        (
            RequestType::Method,
            OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE,
            allocation_complete(&[1])[..35].to_vec(),
            36,
        ),
        (
            RequestType::Method,
            OID_RECEIVE_FILTER_SET_FILTER,
            filter_params(0, 1, vm_mac(1), None)[..30].to_vec(),
            36,
        ),
        (
            RequestType::Method,
            OID_RECEIVE_FILTER_SET_FILTER,
            filter_params(0, 1, vm_mac(1), None)[..99].to_vec(),
            100,
        ),
        (
            RequestType::Set,
            OID_RECEIVE_FILTER_CLEAR_FILTER,
            clear_params(0, 1)[..15].to_vec(),
            16,
        ),
        (
            RequestType::Set,
            OID_RECEIVE_FILTER_FREE_QUEUE,
            free_params(1)[..11].to_vec(),
            12,
        ),
        (
            RequestType::Set,
            OID_RECEIVE_FILTER_QUEUE_PARAMETERS,
            affinity_change(1, 1)[..1000].to_vec(),
            1084,
        ),
    ];
    for (rt, oid, mut buf, needed) in cases {
        let n = buf.len();
        let r = h.oid(rt, oid, &mut buf, n);
        assert_eq!(r.outcome, st(NDIS_STATUS_INVALID_LENGTH), "{oid:#x} len {n}");
        assert_eq!((r.needed, r.read, r.written), (needed, 0, 0), "{oid:#x} len {n}");
    }
    assert!(h.engine.queues().is_empty());
}

#[test]
fn method_input_length_not_buffer_length_bounds_the_payload() {
    let h = Harness::new(4, 2);
    let mut b = queue_params(1, 1, 0);
    let r = h.oid(
        RequestType::Method,
        OID_RECEIVE_FILTER_ALLOCATE_QUEUE,
        &mut b,
        1000,
    );
    assert_eq!(r.outcome, st(NDIS_STATUS_INVALID_LENGTH));
    assert_eq!(r.needed, 1084);
}

#[test]
fn malformed_allocate_queue_inputs_are_invalid_parameter_without_state_change() {
    let h = Harness::new(4, 2);
    let base = queue_params(1, 1, 0);
    let mutate: Vec<Mutation> = vec![
        (
            "header type",
            Box::new(|b| b[0] = 0x81),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "header revision",
            Box::new(|b| b[1] = 4),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "header size below revision",
            Box::new(|b| put32(b, 0, u32::from_le_bytes([0x80, 2, 0x43, 0x04]))),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "zero affinity",
            Box::new(|b| b[rqp::AFFINITY_MASK..rqp::AFFINITY_MASK + 8].fill(0)),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "processor absent",
            Box::new(|b| b[rqp::AFFINITY_MASK] = 0b100),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "group absent",
            Box::new(|b| b[rqp::AFFINITY_GROUP] = 1),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "queue type",
            Box::new(|b| put32(b, rqp::QUEUE_TYPE, 2)),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "unknown flag",
            Box::new(|b| put32(b, rqp::FLAGS, 0x4)),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "changed flag on allocate",
            Box::new(|b| put32(b, rqp::FLAGS, 0x0002_0000)),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "lookahead",
            Box::new(|b| put32(b, rqp::LOOKAHEAD_SIZE, 128)),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "queue id 0",
            Box::new(|b| put32(b, rqp::QUEUE_ID, 0)),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "queue id out of range",
            Box::new(|b| put32(b, rqp::QUEUE_ID, 5)),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "vm name too long",
            Box::new(|b| put32(b, rqp::VM_NAME, 514)),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "queue name odd",
            Box::new(|b| put32(b, rqp::QUEUE_NAME, 3)),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
    ];
    for (what, f, status) in mutate {
        let mut b = base.clone();
        f(&mut b);
        let r = h.method(OID_RECEIVE_FILTER_ALLOCATE_QUEUE, &mut b);
        assert_eq!(r.outcome, st(status), "{what}");
        assert_eq!((r.read, r.written), (0, 0), "{what}");
        assert!(h.engine.queues().is_empty(), "{what}");
    }
    // Revision 3 with a QoS SQ id is refused as unsupported.
    let mut b = base.clone();
    b.resize(1096, 0);
    hdr(&mut b, 0, 3, 1096);
    put32(&mut b, rqp::QOS_SQ_ID, 9);
    assert_eq!(
        h.method(OID_RECEIVE_FILTER_ALLOCATE_QUEUE, &mut b).outcome,
        st(NDIS_STATUS_NOT_SUPPORTED)
    );
    put32(&mut b, rqp::QOS_SQ_ID, 0);
    assert_eq!(h.method(OID_RECEIVE_FILTER_ALLOCATE_QUEUE, &mut b).outcome, ok());
    // Revision 1 is accepted too.
    let mut b = queue_params(2, 1, 0);
    b.truncate(1084);
    hdr(&mut b, 0, 1, 1084);
    let r = h.method(OID_RECEIVE_FILTER_ALLOCATE_QUEUE, &mut b);
    assert_eq!((r.outcome, r.read, r.written), (ok(), 1084, 1084));
}

#[test]
fn malformed_set_filter_inputs_are_rejected_without_state_change() {
    let h = Harness::new(4, 2);
    assert_eq!(h.allocate(1, 0).outcome, ok());
    let base = filter_params(1, 7, vm_mac(1), None);
    let f0 = NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_2;
    let mutate: Vec<Mutation> = vec![
        (
            "header type",
            Box::new(|b| b[0] = 0),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "header revision",
            Box::new(|b| b[1] = 3),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "filter id 0",
            Box::new(|b| put32(b, rfp::FILTER_ID, 0)),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "filter id bit count",
            Box::new(|b| put32(b, rfp::REQUESTED_FILTER_ID_BIT_COUNT, 8)),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "filter type coalescing",
            Box::new(|b| put32(b, rfp::FILTER_TYPE, 2)),
            NDIS_STATUS_NOT_SUPPORTED,
        ),
        (
            "filter type unknown",
            Box::new(|b| put32(b, rfp::FILTER_TYPE, 9)),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "vport id",
            Box::new(|b| put32(b, rfp::VPORT_ID, 1)),
            NDIS_STATUS_NOT_SUPPORTED,
        ),
        (
            "encapsulation flag",
            Box::new(|b| put32(b, rfp::FLAGS, 2)),
            NDIS_STATUS_NOT_SUPPORTED,
        ),
        (
            "no field",
            Box::new(|b| put32(b, rfp::FIELD_ARRAY_NUM_ELEMENTS, 0)),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "element size small",
            Box::new(|b| put32(b, rfp::FIELD_ARRAY_ELEMENT_SIZE, 55)),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "offset inside header",
            Box::new(|b| put32(b, rfp::FIELD_ARRAY_OFFSET, 8)),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "offset overflow",
            Box::new(|b| put32(b, rfp::FIELD_ARRAY_OFFSET, u32::MAX)),
            NDIS_STATUS_INVALID_LENGTH,
        ),
        (
            "count overflow",
            Box::new(|b| {
                put32(b, rfp::FIELD_ARRAY_NUM_ELEMENTS, 2);
                put32(b, rfp::FIELD_ARRAY_ELEMENT_SIZE, u32::MAX)
            }),
            NDIS_STATUS_INVALID_LENGTH,
        ),
        (
            "field header type",
            Box::new(move |b| b[f0] = 0x81),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "field frame header",
            Box::new(move |b| put32(b, f0 + rffp::FRAME_HEADER, 2)),
            NDIS_STATUS_NOT_SUPPORTED,
        ),
        (
            "field test mask-equal",
            Box::new(move |b| put32(b, f0 + rffp::RECEIVE_FILTER_TEST, 2)),
            NDIS_STATUS_NOT_SUPPORTED,
        ),
        (
            "field source address",
            Box::new(move |b| put32(b, f0 + rffp::HEADER_FIELD, 2)),
            NDIS_STATUS_NOT_SUPPORTED,
        ),
        (
            "field unknown flag",
            Box::new(move |b| put32(b, f0 + rffp::FLAGS, 3)),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "mac-only without untagged flag",
            Box::new(move |b| put32(b, f0 + rffp::FLAGS, 0)),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "multicast mac",
            Box::new(move |b| b[f0 + rffp::FIELD_VALUE] = 1),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "unallocated queue",
            Box::new(|b| put32(b, rfp::QUEUE_ID, 2)),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            "queue id beyond 16 bits",
            Box::new(|b| put32(b, rfp::QUEUE_ID, 0x1_0001)),
            NDIS_STATUS_INVALID_PARAMETER,
        ),
    ];
    let before = snapshot(&h);
    for (what, f, status) in mutate {
        let mut b = base.clone();
        f(&mut b);
        let r = h.method(OID_RECEIVE_FILTER_SET_FILTER, &mut b);
        assert_eq!(r.outcome, st(status), "{what}");
        assert_eq!(snapshot(&h), before, "{what}");
    }
    // VLAN rules: a VLAN field with the untagged flag, VID 0 and VID 4095 are invalid.
    let mut b = filter_params(1, 7, vm_mac(1), Some(10));
    put32(
        &mut b,
        f0 + rffp::FLAGS,
        NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO,
    );
    assert_eq!(
        h.method(OID_RECEIVE_FILTER_SET_FILTER, &mut b).outcome,
        st(NDIS_STATUS_INVALID_PARAMETER)
    );
    for vid in [0u16, 4095] {
        let r = h.set_filter(1, 7, vm_mac(1), Some(vid));
        assert_eq!(r.outcome, st(NDIS_STATUS_INVALID_PARAMETER), "vid {vid}");
    }
    // Two destination-address fields.
    let mut b = filter_params(1, 7, vm_mac(1), Some(10));
    put32(
        &mut b,
        f0 + 56 + rffp::HEADER_FIELD,
        NDIS_MAC_HEADER_FIELD_DESTINATION_ADDRESS,
    );
    assert_eq!(
        h.method(OID_RECEIVE_FILTER_SET_FILTER, &mut b).outcome,
        st(NDIS_STATUS_INVALID_PARAMETER)
    );
    assert_eq!(snapshot(&h), before);
    // The valid original works, and reports exact byte counts.
    let mut b = base.clone();
    let r = h.method(OID_RECEIVE_FILTER_SET_FILTER, &mut b);
    assert_eq!((r.outcome, r.read, r.written), (ok(), 100, 44));
}

#[test]
fn vlan_field_is_not_supported_when_vmq_vlan_filtering_is_off() {
    let mode = svnic_miniport::vmq::caps::VmqMode {
        vmq: true,
        sriov: false,
        vlan_filtering: false,
    };
    let h = Harness::with_mode(4, 2, mode);
    assert_eq!(h.allocate(1, 0).outcome, ok());
    assert_eq!(
        h.set_filter(1, 1, vm_mac(1), Some(5)).outcome,
        st(NDIS_STATUS_NOT_SUPPORTED)
    );
    assert_eq!(h.set_filter(1, 1, vm_mac(1), None).outcome, ok());
}

#[test]
fn every_vmq_oid_is_not_supported_when_vmq_is_off() {
    let mode = svnic_miniport::vmq::caps::VmqMode {
        vmq: false,
        sriov: false,
        vlan_filtering: true,
    };
    let h = Harness::with_mode(4, 2, mode);
    assert_eq!(h.allocate(1, 0).outcome, st(NDIS_STATUS_NOT_SUPPORTED));
    assert_eq!(
        h.set_filter(0, 1, vm_mac(1), None).outcome,
        st(NDIS_STATUS_NOT_SUPPORTED)
    );
    assert_eq!(h.clear(0, 1).outcome, st(NDIS_STATUS_NOT_SUPPORTED));
    assert_eq!(h.free(1).outcome, st(NDIS_STATUS_NOT_SUPPORTED));
    assert_eq!(h.complete(&[1]).0.outcome, st(NDIS_STATUS_NOT_SUPPORTED));
    assert_eq!(
        h.set(OID_RECEIVE_FILTER_QUEUE_PARAMETERS, &mut affinity_change(1, 1))
            .outcome,
        st(NDIS_STATUS_NOT_SUPPORTED)
    );
}

#[test]
fn wrong_request_type_is_not_supported() {
    let h = Harness::new(4, 2);
    let mut b = queue_params(1, 1, 0);
    let n = b.len();
    for rt in [RequestType::Query, RequestType::Set, RequestType::QueryStatistics] {
        let r = h.oid(rt, OID_RECEIVE_FILTER_ALLOCATE_QUEUE, &mut b, n);
        assert_eq!(r.outcome, st(NDIS_STATUS_NOT_SUPPORTED));
    }
    // QUEUE_PARAMETERS get is NDIS's.
    let r = h.oid(
        RequestType::Method,
        OID_RECEIVE_FILTER_QUEUE_PARAMETERS,
        &mut b,
        n,
    );
    assert_eq!(r.outcome, st(NDIS_STATUS_NOT_SUPPORTED));
    assert!(h.engine.queues().is_empty());
}

#[test]
fn free_of_queue_zero_or_unknown_and_filter_errors_are_invalid_parameter() {
    let h = Harness::new(4, 2);
    assert_eq!(h.free(0).outcome, st(NDIS_STATUS_INVALID_PARAMETER));
    assert_eq!(h.free(2).outcome, st(NDIS_STATUS_INVALID_PARAMETER));
    assert_eq!(h.free(70_000).outcome, st(NDIS_STATUS_INVALID_PARAMETER));
    assert_eq!(
        h.set_filter(3, 1, vm_mac(1), None).outcome,
        st(NDIS_STATUS_INVALID_PARAMETER)
    );
    assert_eq!(h.allocate(1, 0).outcome, ok());
    assert_eq!(h.set_filter(1, 1, vm_mac(1), None).outcome, ok());
    assert_eq!(
        h.set_filter(1, 1, vm_mac(2), None).outcome,
        st(NDIS_STATUS_INVALID_PARAMETER),
        "duplicate FilterId"
    );
    assert_eq!(
        h.set_filter(0, 1, vm_mac(2), None).outcome,
        st(NDIS_STATUS_INVALID_PARAMETER),
        "duplicate across queues"
    );
    assert_eq!(
        h.clear(1, 9).outcome,
        st(NDIS_STATUS_INVALID_PARAMETER),
        "unknown FilterId"
    );
    assert_eq!(
        h.clear(1, 0).outcome,
        st(NDIS_STATUS_INVALID_PARAMETER),
        "FilterId 0"
    );
    assert_eq!(
        h.clear(2, 1).outcome,
        st(NDIS_STATUS_INVALID_PARAMETER),
        "wrong queue"
    );
    // A queue with a filter cannot be freed (its filters must be cleared first).
    assert_eq!(h.free(1).outcome, st(NDIS_STATUS_INVALID_PARAMETER));
    let mut bad = clear_params(1, 1);
    bad[1] = 2;
    assert_eq!(
        h.set(OID_RECEIVE_FILTER_CLEAR_FILTER, &mut bad).outcome,
        st(NDIS_STATUS_INVALID_PARAMETER)
    );
    let mut bad = free_params(1);
    bad[0] = 0;
    assert_eq!(
        h.set(OID_RECEIVE_FILTER_FREE_QUEUE, &mut bad).outcome,
        st(NDIS_STATUS_INVALID_PARAMETER)
    );
    let r = h.clear(1, 1);
    assert_eq!((r.outcome, r.read), (ok(), 16));
    let r = h.free(1);
    assert_eq!((r.outcome, r.read), (ok(), 12));
    assert_eq!(h.nic.filter_count(), 0);
}

#[test]
fn allocation_complete_sets_each_element_status_and_running_or_paused() {
    let h = Harness::new(4, 2);
    assert_eq!(h.allocate(1, 0).outcome, ok());
    assert_eq!(h.allocate(2, 1).outcome, ok());
    assert_eq!(h.set_filter(1, 10, vm_mac(1), None).outcome, ok());
    let (r, statuses) = h.complete(&[1, 2, 3, 0, 1]);
    assert_eq!(r.outcome, ok());
    assert_eq!((r.read, r.written), (20 + 5 * 16, 20 + 5 * 16));
    assert_eq!(
        statuses,
        vec![
            NDIS_STATUS_SUCCESS,
            NDIS_STATUS_SUCCESS,
            NDIS_STATUS_INVALID_PARAMETER, // not allocated
            NDIS_STATUS_INVALID_PARAMETER, // the default queue
            NDIS_STATUS_INVALID_PARAMETER, // already completed
        ]
    );
    let q1 = h.engine.queue_snapshot(1).unwrap();
    let q2 = h.engine.queue_snapshot(2).unwrap();
    assert_eq!(
        (q1.state, q1.operational_state),
        (QueueState::Running, NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE_RUNNING)
    );
    assert_eq!(
        (q2.state, q2.operational_state),
        (QueueState::Paused, NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE_PAUSED)
    );
    // Per-queue shared memory: default queue + two VM queues, each for its own QueueId.
    let live: Vec<u32> = h.os.shm_live.lock().unwrap().values().map(|v| v.0).collect();
    assert_eq!(live, vec![0, 1, 2]);
    assert_eq!(
        h.os.shm_live.lock().unwrap().values().nth(1).unwrap().1,
        64 * 2048
    );
}

#[test]
fn allocation_complete_with_a_bad_element_header_or_stride_still_succeeds_per_element() {
    let h = Harness::new(4, 2);
    assert_eq!(h.allocate(1, 0).outcome, ok());
    assert_eq!(h.allocate(2, 0).outcome, ok());
    // Elements of 24 bytes (ElementSize > sizeof): stride by ElementSize, not by sizeof.
    let mut b = vec![0u8; 24 + 2 * 24];
    hdr(&mut b, 0, 1, 20);
    put32(&mut b, qac::FIRST_ELEMENT_OFFSET, 24);
    put32(&mut b, qac::NUM_ELEMENTS, 2);
    put32(&mut b, qac::ELEMENT_SIZE, 24);
    hdr(&mut b, 24, 1, 16);
    put32(&mut b, 24 + 8, 1);
    b[48] = 0x11; // bad element header
    put32(&mut b, 48 + 8, 2);
    let r = h.method(OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE, &mut b);
    assert_eq!((r.outcome, r.read), (ok(), 72));
    assert_eq!(get32(&b, 24 + 12), NDIS_STATUS_SUCCESS);
    assert_eq!(get32(&b, 48 + 12), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(h.engine.queue_snapshot(2).unwrap().state, QueueState::Allocated);
    // Bad array geometry fails the whole OID.
    let mut b = allocation_complete(&[2]);
    put32(&mut b, qac::ELEMENT_SIZE, 15);
    assert_eq!(
        h.method(OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE, &mut b)
            .outcome,
        st(NDIS_STATUS_INVALID_PARAMETER)
    );
    let mut b = allocation_complete(&[2]);
    put32(&mut b, qac::FIRST_ELEMENT_OFFSET, 4);
    assert_eq!(
        h.method(OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE, &mut b)
            .outcome,
        st(NDIS_STATUS_INVALID_PARAMETER)
    );
    let mut b = allocation_complete(&[]);
    let r = h.method(OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE, &mut b);
    assert_eq!((r.outcome, r.read), (ok(), 20));
}

#[test]
fn free_queue_indicates_dma_stopped_once_pends_until_nbls_return_and_frees_shared_memory() {
    let h = Harness::new(4, 2);
    h.connect(1, 10, vm_mac(1), None, 1);
    for i in 0..3 {
        assert_eq!(h.inject(&frame(vm_mac(1), None, i)), Some(1));
    }
    h.run_dpcs(64);
    assert_eq!(h.os.held.lock().unwrap().len(), 3);
    assert!(h.os.dma_stopped(1).is_empty());
    // Last CLEAR_FILTER: no DmaStopped.
    assert_eq!(h.clear(1, 10).outcome, ok());
    assert!(h.os.dma_stopped(1).is_empty());
    let shm_before = h.os.shm_live.lock().unwrap().len();
    let r = h.free(1);
    assert_eq!(r.outcome, OidOutcome::Pending);
    assert_eq!(r.read, 12);
    let stops = h.os.dma_stopped(1);
    assert_eq!(stops.len(), 1);
    assert_eq!(
        h.engine.queue_snapshot(1).unwrap().operational_state,
        NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE_DMA_STOPPED
    );
    assert!(h.os.completions().is_empty());
    assert_eq!(h.os.shm_live.lock().unwrap().len(), shm_before);
    // Return two of three: still pending.
    let held: Vec<_> = h.os.held.lock().unwrap().drain(..).collect();
    assert!(h.engine.return_rx(&h.env(), held[0].0, held[0].1));
    assert!(h.engine.return_rx(&h.env(), held[1].0, held[1].1));
    assert!(h.os.completions().is_empty());
    assert!(h.engine.return_rx(&h.env(), held[2].0, held[2].1));
    let done = h.os.completions();
    assert_eq!(done.len(), 1);
    let (seq, token, status, bytes) = done[0];
    assert_eq!(
        (token, status, bytes),
        (
            r.token,
            NDIS_STATUS_SUCCESS,
            OidBytes {
                read: 12,
                written: 0,
                needed: 0
            }
        )
    );
    assert!(stops[0] < seq, "DmaStopped before the completion");
    assert_eq!(h.os.shm_live.lock().unwrap().len(), shm_before - 1);
    assert!(h.engine.queue_snapshot(1).is_none());
    assert_eq!(h.os.dma_stopped(1).len(), 1);
    // A returned NBL of the freed queue is not accepted twice.
    assert!(!h.engine.return_rx(&h.env(), held[2].0, held[2].1));
}

#[test]
fn free_queue_with_nothing_outstanding_completes_synchronously() {
    let h = Harness::new(4, 2);
    assert_eq!(h.allocate(1, 0).outcome, ok());
    let (_, s) = h.complete(&[1]);
    assert_eq!(s, vec![NDIS_STATUS_SUCCESS]);
    let r = h.free(1);
    assert_eq!(r.outcome, ok());
    assert_eq!(h.os.dma_stopped(1).len(), 1);
    assert!(h.os.completions().is_empty());
    assert_eq!(h.os.live_banks(), 1);
    // A queue freed before its allocation completed has no memory but still reports DmaStopped.
    assert_eq!(h.allocate(2, 0).outcome, ok());
    assert_eq!(h.free(2).outcome, ok());
    assert_eq!(h.os.dma_stopped(2).len(), 1);
}

#[test]
fn several_frees_pend_at_once_and_complete_independently() {
    let h = Harness::new(4, 2);
    for q in 1..=3u32 {
        h.connect(q, q, vm_mac(q as u8), None, (q % 2) as u8);
        h.inject(&frame(vm_mac(q as u8), None, q));
    }
    h.run_dpcs(64);
    for q in 1..=3u32 {
        assert_eq!(h.clear(q, q).outcome, ok());
    }
    let tokens: Vec<_> = (1..=3u32)
        .map(|q| {
            let r = h.free(q);
            assert_eq!(r.outcome, OidOutcome::Pending);
            r.token
        })
        .collect();
    // Return in reverse queue order: queue 3's NBL first.
    let mut held: Vec<_> = h.os.held.lock().unwrap().drain(..).collect();
    held.sort_by_key(|(bank, _)| std::cmp::Reverse(bank.0));
    for (bank, slot) in held {
        assert!(h.engine.return_rx(&h.env(), bank, slot));
    }
    let done: Vec<_> = h.os.completions().iter().map(|c| c.1).collect();
    assert_eq!(done, vec![tokens[2], tokens[1], tokens[0]]);
    assert!(h.engine.queues().is_empty());
    assert_eq!(h.os.live_banks(), 1);
}

#[test]
fn queue_parameters_set_honours_only_changed_members() {
    let h = Harness::new(4, 4);
    h.connect(1, 1, vm_mac(1), None, 0);
    let before = h.engine.queue_snapshot(1).unwrap();
    // Everything differs, but only the affinity flag is set.
    let mut b = queue_params(1, 0b100, 0);
    put32(
        &mut b,
        rqp::FLAGS,
        NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED
            | NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED,
    );
    put32(&mut b, rqp::NUM_SUGGESTED_RECEIVE_BUFFERS, 500);
    put32(&mut b, rqp::PORT_ID, 999);
    b[rqp::QUEUE_NAME + 2] = b'Z';
    let r = h.set(OID_RECEIVE_FILTER_QUEUE_PARAMETERS, &mut b);
    assert_eq!((r.outcome, r.read), (ok(), 1092));
    let after = h.engine.queue_snapshot(1).unwrap();
    assert_eq!(after.processor, cpu(2));
    assert_eq!(after.params.affinity.mask, 0b100);
    assert_eq!(after.params.flags, before.params.flags);
    assert_eq!(after.params.suggested_buffers, 64);
    assert_eq!(after.params.port_id, 101);
    assert_eq!(after.params.queue_name, before.params.queue_name);
    assert_eq!(h.nic.vector_target(1), Some(cpu(2)));
    // Suggested buffers and name.
    put32(
        &mut b,
        rqp::FLAGS,
        NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED
            | NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED,
    );
    assert_eq!(h.set(OID_RECEIVE_FILTER_QUEUE_PARAMETERS, &mut b).outcome, ok());
    let after2 = h.engine.queue_snapshot(1).unwrap();
    assert_eq!(after2.params.suggested_buffers, 500);
    assert_eq!(
        after2.params.queue_name.units(),
        "Z1".encode_utf16().collect::<Vec<_>>().as_slice()
    );
    // No changed flag: nothing changes.
    put32(&mut b, rqp::FLAGS, 0);
    put64_mask(&mut b, 0b1);
    assert_eq!(h.set(OID_RECEIVE_FILTER_QUEUE_PARAMETERS, &mut b).outcome, ok());
    assert_eq!(h.engine.queue_snapshot(1).unwrap(), after2);
}

fn put64_mask(b: &mut [u8], mask: u64) {
    b[rqp::AFFINITY_MASK..rqp::AFFINITY_MASK + 8].copy_from_slice(&mask.to_le_bytes());
}

#[test]
fn rejected_queue_parameters_set_leaves_previous_values() {
    let h = Harness::new(4, 2);
    h.connect(1, 1, vm_mac(1), None, 1);
    let before = h.engine.queue_snapshot(1).unwrap();
    let cases: Vec<(u32, u64, u32)> = vec![
        // (flags, mask, expected status)
        (
            NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED
                | NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED,
            0,
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED,
            0b1000,
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED | 0x4,
            1,
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED
                | NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED,
            1,
            NDIS_STATUS_NOT_SUPPORTED,
        ),
        (
            NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED,
            1,
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (0x0100_0000, 1, NDIS_STATUS_INVALID_PARAMETER),
    ];
    for (flags, mask, status) in cases {
        let mut b = queue_params(1, mask, 0);
        put32(&mut b, rqp::FLAGS, flags);
        put32(&mut b, rqp::NUM_SUGGESTED_RECEIVE_BUFFERS, 7);
        assert_eq!(
            h.set(OID_RECEIVE_FILTER_QUEUE_PARAMETERS, &mut b).outcome,
            st(status),
            "{flags:#x}"
        );
        assert_eq!(h.engine.queue_snapshot(1).unwrap(), before, "{flags:#x}");
    }
    let mut b = affinity_change(2, 0);
    assert_eq!(
        h.set(OID_RECEIVE_FILTER_QUEUE_PARAMETERS, &mut b).outcome,
        st(NDIS_STATUS_INVALID_PARAMETER),
        "unknown queue"
    );
    assert_eq!(h.nic.vector_target(1), Some(cpu(1)));
}

#[test]
fn shared_memory_allocation_failure_fails_only_that_element_and_adapter_keeps_working() {
    let h = Harness::new(4, 2);
    assert_eq!(h.allocate(1, 0).outcome, ok());
    assert_eq!(h.allocate(2, 0).outcome, ok());
    assert_eq!(h.set_filter(1, 1, vm_mac(1), None).outcome, ok());
    assert_eq!(h.set_filter(2, 2, vm_mac(2), None).outcome, ok());
    h.os.fail_shm.store(1, std::sync::atomic::Ordering::SeqCst);
    let (r, s) = h.complete(&[1, 2]);
    assert_eq!(r.outcome, ok());
    assert_eq!(s, vec![NDIS_STATUS_RESOURCES, NDIS_STATUS_SUCCESS]);
    assert_eq!(h.engine.queue_snapshot(1).unwrap().state, QueueState::Set);
    // NBL bank (pool) failure: RESOURCES, and the shared memory it got is given back.
    h.os.fail_bank.store(1, std::sync::atomic::Ordering::SeqCst);
    let live = h.os.shm_live.lock().unwrap().len();
    let (_, s) = h.complete(&[1]);
    assert_eq!(s, vec![NDIS_STATUS_RESOURCES]);
    assert_eq!(h.os.shm_live.lock().unwrap().len(), live);
    // Queue 2 runs; queue 1 can be retried, or torn down.
    h.inject(&frame(vm_mac(2), None, 5));
    h.run_dpcs(64);
    assert_eq!(
        h.os.take_rx().iter().map(|r| r.queue_id).collect::<Vec<_>>(),
        vec![2]
    );
    let (_, s) = h.complete(&[1]);
    assert_eq!(s, vec![NDIS_STATUS_SUCCESS]);
    assert_eq!(h.clear(1, 1).outcome, ok());
    assert_eq!(h.free(1).outcome, ok());
    // A device filter-table failure is RESOURCES with no state change.
    h.nic.fail_filter.store(true, std::sync::atomic::Ordering::SeqCst);
    assert_eq!(
        h.set_filter(2, 3, vm_mac(3), None).outcome,
        st(NDIS_STATUS_RESOURCES)
    );
    assert_eq!(h.engine.filters(None).len(), 1);
}

#[test]
fn queues_recreated_after_all_were_freed_steer_again() {
    // What NDIS does around a reset / PnP stop-start: clear and free everything, then re-create.
    let h = Harness::new(2, 2);
    h.connect(1, 1, vm_mac(1), None, 1);
    h.inject(&frame(vm_mac(1), None, 0));
    h.run_dpcs(64);
    assert_eq!(h.clear(1, 1).outcome, ok());
    assert_eq!(h.free(1).outcome, OidOutcome::Pending);
    h.return_all();
    h.os.take_rx();
    h.connect(1, 2, vm_mac(1), None, 0);
    h.inject(&frame(vm_mac(1), None, 1));
    h.run_dpcs(64);
    let rx = h.os.take_rx();
    assert_eq!(rx.len(), 1);
    assert_eq!((rx[0].queue_id, rx[0].processor), (1, cpu(0)));
    h.return_all();
    h.engine.halt(h.env());
    assert_eq!(h.clear(1, 2).outcome, ok());
    assert_eq!(h.free(1).outcome, ok());
    assert!(h.os.shm_live.lock().unwrap().is_empty());
    assert_eq!(h.os.live_banks(), 0);
}

#[test]
fn affinity_change_to_another_processor_indicates_the_new_coalescing_domain() {
    let h = Harness::new(4, 4);
    h.connect(1, 1, vm_mac(1), None, 0);
    let mut b = affinity_change(1, 3);
    assert_eq!(h.set(OID_RECEIVE_FILTER_QUEUE_PARAMETERS, &mut b).outcome, ok());
    let st: Vec<_> =
        h.os.statuses()
            .into_iter()
            .filter(|s| s.1 == svnic_miniport::vmq::ndis::NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS)
            .collect();
    assert_eq!(st.len(), 1);
    let p = &st[0].2;
    assert_eq!(p.len(), 1092);
    assert_eq!(&p[0..4], &[0x80, 2, 0x44, 0x04]);
    assert_eq!(
        get32(p, rqp::FLAGS),
        NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED
            | NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION
    );
    assert_eq!(get32(p, rqp::QUEUE_ID), 1);
    assert_eq!(get32(p, rqp::INTERRUPT_COALESCING_DOMAIN_ID), 3);
    assert_eq!(p[rqp::AFFINITY_MASK], 0b1000);
    // Same processor again: no new indication.
    assert_eq!(h.set(OID_RECEIVE_FILTER_QUEUE_PARAMETERS, &mut b).outcome, ok());
    let n =
        h.os.statuses()
            .iter()
            .filter(|s| s.1 == svnic_miniport::vmq::ndis::NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS)
            .count();
    assert_eq!(n, 1);
}

#[test]
fn header_size_beyond_the_buffer_is_accepted_and_a_sub_revision_buffer_is_short_whatever_its_type() {
    let h = Harness::new(4, 2);
    assert_eq!(h.allocate(1, 1).outcome, ok());
    // Header.Size claims 40 bytes in a 12-byte FREE_QUEUE buffer: only revision 1's 12 are read.
    let mut b = free_params(1);
    b[2..4].copy_from_slice(&40u16.to_le_bytes());
    let r = h.set(OID_RECEIVE_FILTER_FREE_QUEUE, &mut b);
    assert_eq!((r.outcome, r.read, r.needed), (ok(), 12, 0));
    assert!(h.engine.queues().is_empty());
    // Shorter than revision 1: INVALID_LENGTH with the revision-1 size, even with a wrong Type.
    let mut b = clear_params(0, 1);
    b[0] = 0x81;
    let r = h.set(OID_RECEIVE_FILTER_CLEAR_FILTER, &mut b[..15]);
    assert_eq!((r.outcome, r.needed), (st(NDIS_STATUS_INVALID_LENGTH), 16));
    let r = h.set(OID_RECEIVE_FILTER_CLEAR_FILTER, &mut b);
    assert_eq!((r.outcome, r.needed), (st(NDIS_STATUS_INVALID_PARAMETER), 0));
}
