//! The extensible switch's VMQ sequences and the software-switch baseline (issue 5 item 7),
//! over the VMQ engine in process (`EnginePort`, the same `VmqNic` seam the sim's adapters
//! implement), with the NDIS-handled OIDs answered from the driver's state.

#[path = "../../../driver/miniport/tests/vmq_support/mod.rs"]
mod vmq_support;

use hyperv_sim::vswitch::vmq::*;
use hyperv_sim::{CapturedRx, OidResult, RequestType};
use std::sync::atomic::Ordering::SeqCst;
use svnic_abi::status::*;
use svnic_miniport::oid::OidOutcome;
use svnic_miniport::vmq::caps::VmqMode;
use svnic_miniport::vmq::ndis::*;
use vmq_support::*;

/// A `VmqNic` over a `VmqEngine`, a model NIC and a recording OS (DPCs run when the switch
/// takes its receives; the "stack" returns every NBL right after).
struct EnginePort {
    h: Harness,
}

impl VmqNic for EnginePort {
    fn oid(&self, rt: RequestType, oid: u32, input: &[u8], out_len: usize) -> OidResult {
        if let Some(r) = ndis_answer(&self.h.engine, rt, oid, input, out_len) {
            return r;
        }
        let len = match rt {
            RequestType::Set => input.len(),
            RequestType::Method => input.len().max(out_len),
            _ => out_len,
        };
        let mut buf = vec![0u8; len];
        buf[..input.len().min(len)].copy_from_slice(&input[..input.len().min(len)]);
        let r = self.h.oid(rt, oid, &mut buf, input.len());
        let status = match r.outcome {
            OidOutcome::Complete(s) => s,
            OidOutcome::Pending => {
                let mut status = None;
                for _ in 0..1000 {
                    self.h.run_dpcs(64);
                    self.h.return_all();
                    status = self
                        .h
                        .os
                        .completions()
                        .iter()
                        .find(|c| c.1 == r.token)
                        .map(|c| c.2);
                    if status.is_some() {
                        break;
                    }
                }
                status.expect("pended OID completed")
            }
        };
        OidResult {
            status,
            bytes_read: r.read,
            bytes_written: r.written,
            bytes_needed: r.needed,
            out: buf,
        }
    }

    fn take_received(&self) -> Vec<CapturedRx> {
        self.h.run_dpcs(64);
        let rx = self.h.os.take_rx();
        let out = rx
            .iter()
            .flat_map(|r| {
                r.frames.iter().map(move |(f, d)| CapturedRx {
                    frame: d.clone(),
                    flags: r.flags,
                    queue_id: r.queue_id as u16,
                    vport_id: r.queue_id as u16,
                    filter_id: 0,
                    ieee8021q: u64::from(f.ieee8021q),
                    shared_memory: Some((r.shared_memory_handle, f.slot * 2048 + f.offset, f.len)),
                    processor: u32::from(r.processor.number),
                    batch: r.frames.len() as u32,
                })
            })
            .collect();
        self.h.return_all();
        out
    }
}

fn switch(queues: u16, processors: u32, vmq: bool) -> VmqSwitch<EnginePort> {
    let mode = VmqMode {
        vmq,
        sriov: false,
        vlan_filtering: true,
    };
    VmqSwitch::new(EnginePort {
        h: Harness::with_mode(queues, processors, mode),
    })
}

fn vm(i: u8, processor: u8) -> VmConfig {
    VmConfig {
        name: format!("vm{i}"),
        mac: vm_mac(i),
        vlan: None,
        vmq_weight: 100,
        processor,
    }
}

fn wire(sw: &VmqSwitch<EnginePort>, f: &[u8]) {
    sw.nic().h.inject(f);
}

fn seqs(v: &Vm) -> Vec<u32> {
    v.received.iter().map(|d| seq_of(d)).collect()
}

#[test]
fn vm_connect_issues_allocate_set_filter_complete_and_gets_its_queue() {
    let mut sw = switch(4, 2, true);
    assert!(sw.vmq_enabled());
    assert_eq!(sw.num_queues(), 4);
    let a = sw.connect(vm(1, 1));
    assert_eq!(sw.vm(a).queue, Some(1));
    assert_eq!(
        sw.issued,
        vec![
            IssuedOid {
                oid: OID_RECEIVE_FILTER_ALLOCATE_QUEUE,
                queue_id: 1,
                status: NDIS_STATUS_SUCCESS
            },
            IssuedOid {
                oid: OID_RECEIVE_FILTER_SET_FILTER,
                queue_id: 1,
                status: NDIS_STATUS_SUCCESS
            },
            IssuedOid {
                oid: OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE,
                queue_id: 1,
                status: NDIS_STATUS_SUCCESS
            },
        ]
    );
    let q = sw.nic().h.engine.queue_snapshot(1).unwrap();
    assert_eq!(q.operational_state, NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE_RUNNING);
    assert_eq!(
        q.params.vm_name.units(),
        "vm1".encode_utf16().collect::<Vec<_>>().as_slice()
    );
}

#[test]
fn once_queues_run_out_further_vms_stay_on_the_default_queue() {
    let mut sw = switch(2, 2, true);
    let ids: Vec<_> = (1..=3).map(|i| sw.connect(vm(i, 0))).collect();
    assert_eq!(sw.vm(ids[0]).queue, Some(1));
    assert_eq!(sw.vm(ids[1]).queue, Some(2));
    assert_eq!(sw.vm(ids[2]).queue, None);
    for i in 0..5u32 {
        for v in 1..=3u8 {
            wire(&sw, &frame(vm_mac(v), None, i));
        }
    }
    sw.deliver();
    for (k, id) in ids.iter().enumerate() {
        assert_eq!(seqs(sw.vm(*id)), vec![0, 1, 2, 3, 4], "vm{}", k + 1);
    }
    assert_eq!(
        sw.vm(ids[2]).received_on.iter().map(|r| r.0).collect::<Vec<_>>(),
        vec![0; 5]
    );
    assert_eq!(sw.counters.frames_direct, 10);
    assert_eq!(sw.counters.frames_parsed, 5);
    assert_eq!(sw.counters.frames_copied, 5);
    assert_eq!(sw.counters.bytes_copied, 5 * 60);
    // A weight-0 vNIC never asks for a queue, even when one is free.
    let mut sw = switch(2, 2, true);
    let z = sw.connect(VmConfig {
        vmq_weight: 0,
        ..vm(9, 0)
    });
    assert_eq!(sw.vm(z).queue, None);
    assert!(sw.issued.is_empty());
}

#[test]
fn eight_vms_on_two_processors_through_the_switch_one_device_write_per_frame() {
    let mut sw = switch(8, 2, true);
    let ids: Vec<_> = (1..=8u8).map(|i| sw.connect(vm(i, i % 2))).collect();
    let per_vm = 40u32;
    for i in 0..per_vm {
        for v in 1..=8u8 {
            wire(&sw, &frame(vm_mac(v), None, i));
        }
        if i % 5 == 4 {
            sw.deliver();
        }
    }
    sw.deliver();
    for (k, id) in ids.iter().enumerate() {
        let v = sw.vm(*id);
        let q = v.queue.unwrap();
        assert_eq!(seqs(v), (0..per_vm).collect::<Vec<_>>(), "vm{} in order", k + 1);
        assert!(v.received.iter().all(|d| d[..6] == vm_mac(k as u8 + 1)));
        assert!(v
            .received_on
            .iter()
            .all(|(rq, p)| u32::from(*rq) == q && *p == (k as u32 + 1) % 2));
    }
    let frames = u64::from(8 * per_vm);
    assert_eq!(sw.nic().h.nic.device_writes.load(SeqCst), frames);
    assert_eq!(sw.counters.frames_direct, frames);
    assert_eq!((sw.counters.frames_parsed, sw.counters.bytes_copied), (0, 0));
}

#[test]
fn baseline_without_vmq_lands_everything_on_the_default_queue_and_parses_and_copies_each_frame() {
    let mut sw = switch(8, 2, false);
    assert!(!sw.vmq_enabled());
    let ids: Vec<_> = (1..=8u8).map(|i| sw.connect(vm(i, i % 2))).collect();
    assert!(sw.issued.is_empty(), "no VMQ OID without VMQ");
    let per_vm = 40u32;
    for i in 0..per_vm {
        for v in 1..=8u8 {
            wire(&sw, &frame(vm_mac(v), None, i));
        }
        sw.deliver();
    }
    for id in &ids {
        assert_eq!(seqs(sw.vm(*id)), (0..per_vm).collect::<Vec<_>>());
        assert!(sw.vm(*id).received_on.iter().all(|(q, p)| *q == 0 && *p == 0));
    }
    let frames = u64::from(8 * per_vm);
    assert_eq!(sw.counters.frames_parsed, frames);
    assert_eq!(sw.counters.frames_copied, frames);
    assert_eq!(sw.counters.bytes_copied, frames * 60);
    assert_eq!(sw.counters.frames_direct, 0);
    // The NIC still wrote each frame once (into the default queue's memory).
    assert_eq!(sw.nic().h.nic.device_writes.load(SeqCst), frames);
}

#[test]
fn mac_and_vlan_changes_replace_the_filter_on_the_same_queue() {
    let mut sw = switch(2, 1, true);
    let a = sw.connect(vm(1, 0));
    let before = sw.issued.len();
    assert_eq!(sw.reconfigure(a, vm_mac(7), Some(30)), NDIS_STATUS_SUCCESS);
    let tail: Vec<u32> = sw.issued[before..].iter().map(|o| o.oid).collect();
    assert_eq!(
        tail,
        vec![OID_RECEIVE_FILTER_CLEAR_FILTER, OID_RECEIVE_FILTER_SET_FILTER]
    );
    assert_eq!(sw.vm(a).queue, Some(1));
    assert_eq!(sw.vm(a).filter, Some(2));
    wire(&sw, &frame(vm_mac(1), None, 1)); // old MAC: default queue, nobody's
    wire(&sw, &frame(vm_mac(7), None, 2)); // new MAC untagged: not VLAN 30
    wire(&sw, &frame(vm_mac(7), Some(30), 3)); // new MAC on VLAN 30: the VM's queue
    sw.deliver();
    assert_eq!(seqs(sw.vm(a)), vec![3]);
    assert_eq!(sw.vm(a).received_on, vec![(1, 0)]);
    assert_eq!(&sw.vm(a).received[0][12..14], &[0x08, 0x00], "tag stripped");
    assert_eq!(sw.counters.frames_unclaimed, 2);
    let f = sw.nic().h.engine.filters(None);
    assert_eq!(f.len(), 1);
    assert_eq!((f[0].filter_id, f[0].spec.mac), (2, vm_mac(7)));
}

#[test]
fn dynamic_vmq_moves_a_queue_between_processors_without_loss() {
    let mut sw = switch(2, 2, true);
    let a = sw.connect(vm(1, 0));
    for i in 0..3 {
        wire(&sw, &frame(vm_mac(1), None, i));
    }
    sw.deliver();
    for i in 3..6 {
        wire(&sw, &frame(vm_mac(1), None, i));
    }
    assert_eq!(sw.move_vm(a, 1), NDIS_STATUS_SUCCESS);
    for i in 6..9 {
        wire(&sw, &frame(vm_mac(1), None, i));
    }
    sw.deliver();
    assert_eq!(seqs(sw.vm(a)), (0..9).collect::<Vec<_>>());
    let procs: Vec<u32> = sw.vm(a).received_on.iter().map(|r| r.1).collect();
    assert_eq!(procs, vec![0, 0, 0, 1, 1, 1, 1, 1, 1]);
    assert_eq!(sw.nic().h.nic.vector_target(1), Some(cpu(1)));
}

#[test]
fn disconnect_clears_then_frees_and_the_queue_id_is_reused() {
    let mut sw = switch(1, 1, true);
    let a = sw.connect(vm(1, 0));
    wire(&sw, &frame(vm_mac(1), None, 0));
    sw.nic().h.run_dpcs(64); // indicated, NBL still held by the stack: the free pends
    let before = sw.issued.len();
    sw.disconnect(a);
    let tail: Vec<(u32, u32)> = sw.issued[before..].iter().map(|o| (o.oid, o.status)).collect();
    assert_eq!(
        tail,
        vec![
            (OID_RECEIVE_FILTER_CLEAR_FILTER, NDIS_STATUS_SUCCESS),
            (OID_RECEIVE_FILTER_FREE_QUEUE, NDIS_STATUS_SUCCESS)
        ]
    );
    assert_eq!(sw.nic().h.os.dma_stopped(1).len(), 1);
    assert!(sw.nic().h.engine.queues().is_empty());
    let b = sw.connect(vm(2, 0));
    assert_eq!(sw.vm(b).queue, Some(1));
    wire(&sw, &frame(vm_mac(2), None, 5));
    sw.deliver();
    assert_eq!(seqs(sw.vm(b)), vec![5]);
}

#[test]
fn a_failed_allocation_completion_rolls_back_and_the_vm_uses_the_default_queue() {
    let mut sw = switch(2, 1, true);
    sw.nic().h.os.fail_shm.store(1, SeqCst);
    let a = sw.connect(vm(1, 0));
    assert_eq!(sw.vm(a).queue, None);
    let oids: Vec<u32> = sw.issued.iter().map(|o| o.oid).collect();
    assert_eq!(
        oids,
        vec![
            OID_RECEIVE_FILTER_ALLOCATE_QUEUE,
            OID_RECEIVE_FILTER_SET_FILTER,
            OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE,
            OID_RECEIVE_FILTER_CLEAR_FILTER,
            OID_RECEIVE_FILTER_FREE_QUEUE,
        ]
    );
    assert!(sw.nic().h.engine.queues().is_empty());
    wire(&sw, &frame(vm_mac(1), None, 4));
    sw.deliver();
    assert_eq!(seqs(sw.vm(a)), vec![4]);
    // The next VM gets the queue.
    let b = sw.connect(vm(2, 0));
    assert_eq!(sw.vm(b).queue, Some(1));
}

#[test]
fn ndis_handled_oids_are_answered_from_the_driver_state() {
    let mut sw = switch(4, 2, true);
    sw.connect(vm(1, 1));
    sw.connect(VmConfig {
        vlan: Some(12),
        ..vm(2, 0)
    });
    let port = sw.nic();
    // ENUM_QUEUES
    let r = port.oid(RequestType::Query, OID_RECEIVE_FILTER_ENUM_QUEUES, &[], 4096);
    assert_eq!(r.status, NDIS_STATUS_SUCCESS);
    let b = &r.out;
    assert_eq!((get32(b, 4), get32(b, 8), get32(b, 12)), (16, 2, 1092));
    assert_eq!(r.bytes_written, 16 + 2 * 1092);
    let q1 = 16;
    assert_eq!(b[q1 + 1], 2, "QUEUE_INFO revision 2");
    assert_eq!(get32(b, q1 + 12), 1, "QueueId");
    assert_eq!(get32(b, q1 + 20), NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE_RUNNING);
    assert_eq!(
        u64::from_le_bytes(b[q1 + 24..q1 + 32].try_into().unwrap()),
        0b10,
        "affinity mask"
    );
    assert_eq!(get32(b, q1 + 1084), 1, "NumFilters");
    // Too short: INVALID_LENGTH with the exact size.
    let r = port.oid(RequestType::Query, OID_RECEIVE_FILTER_ENUM_QUEUES, &[], 100);
    assert_eq!(
        (r.status, r.bytes_needed),
        (NDIS_STATUS_INVALID_LENGTH, 16 + 2 * 1092)
    );
    // ENUM_FILTERS of queue 2.
    let mut inp = vec![0u8; 28];
    hdr(&mut inp, 0, 2, 28);
    put32(&mut inp, 4, 2);
    let r = port.oid(RequestType::Method, OID_RECEIVE_FILTER_ENUM_FILTERS, &inp, 256);
    assert_eq!(r.status, NDIS_STATUS_SUCCESS);
    assert_eq!(
        (get32(&r.out, 12), get32(&r.out, 8)),
        (1, 28),
        "one filter, first at 28"
    );
    assert_eq!(get32(&r.out, 28 + 12), 2, "FilterId");
    put32(&mut inp, 4, 3);
    let r = port.oid(RequestType::Method, OID_RECEIVE_FILTER_ENUM_FILTERS, &inp, 256);
    assert_eq!(r.status, NDIS_STATUS_INVALID_PARAMETER, "queue 3 not allocated");
    // RECEIVE_FILTER_PARAMETERS of filter 2: MAC + VLAN 12.
    let mut inp = vec![0u8; 44];
    hdr(&mut inp, 0, 2, 44);
    put32(&mut inp, rfp::FILTER_ID, 2);
    let r = port.oid(RequestType::Method, OID_RECEIVE_FILTER_PARAMETERS, &inp, 512);
    assert_eq!(r.status, NDIS_STATUS_SUCCESS);
    assert_eq!(
        r.out[..r.bytes_written as usize],
        set_filter_params(2, 2, vm_mac(2), Some(12))[..]
    );
    put32(&mut inp, rfp::FILTER_ID, 0);
    let r = port.oid(RequestType::Method, OID_RECEIVE_FILTER_PARAMETERS, &inp, 512);
    assert_eq!(r.status, NDIS_STATUS_INVALID_PARAMETER, "FilterId 0");
    // QUEUE_PARAMETERS get.
    let mut inp = vec![0u8; 1092];
    put32(&mut inp, rqp::QUEUE_ID, 1);
    let r = port.oid(
        RequestType::Method,
        OID_RECEIVE_FILTER_QUEUE_PARAMETERS,
        &inp,
        1092,
    );
    assert_eq!(r.status, NDIS_STATUS_SUCCESS);
    assert_eq!(get32(&r.out, rqp::QUEUE_ID), 1);
    assert_eq!(get32(&r.out, rqp::PORT_ID), 100);
    assert_eq!(get32(&r.out, rqp::INTERRUPT_COALESCING_DOMAIN_ID), 1);
    // Capabilities.
    let r = port.oid(
        RequestType::Query,
        OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES,
        &[],
        84,
    );
    assert_eq!((r.status, get32(&r.out, 16)), (NDIS_STATUS_SUCCESS, 4));
}
