//! Spec 5 items 10-15 and 17: steering, indication tagging, affinity and the DPC budget.

mod vmq_support;

use std::collections::BTreeMap;
use svnic_abi::status::*;
use svnic_miniport::os::RxBankId;
use svnic_miniport::vmq::datapath::VMQ_BANK_BASE;
use svnic_miniport::vmq::ndis::*;
use vmq_support::*;

const VMQ_FLAGS: u32 = NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL
    | NDIS_RECEIVE_FLAGS_SINGLE_QUEUE
    | NDIS_RECEIVE_FLAGS_PERFECT_FILTERED
    | NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID;
const DEFAULT_FLAGS: u32 = NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL | NDIS_RECEIVE_FLAGS_SINGLE_QUEUE;

/// (queue, seq) of every indicated frame, in indication order.
fn arrivals(h: &Harness) -> Vec<(u32, u32)> {
    h.os.take_rx()
        .iter()
        .flat_map(|r| r.frames.iter().map(move |(_, d)| (r.queue_id, seq_of(d))))
        .collect()
}

#[test]
fn steering_by_mac_vlan_with_default_queue_fallback_and_broadcast() {
    let h = Harness::new(4, 2);
    h.connect(1, 1, vm_mac(1), None, 0); // MAC, untagged or VID 0
    h.connect(2, 2, vm_mac(2), Some(20), 1); // MAC + VLAN 20
                                             // Two filters on one queue OR together.
    assert_eq!(h.set_filter(1, 3, vm_mac(3), None).outcome, ok());
    let cases: [(Vec<u8>, u32); 10] = [
        (frame(vm_mac(1), None, 1), 1),
        (frame(vm_mac(1), Some(0), 2), 1),      // priority tag, VID 0
        (frame(vm_mac(1), Some(0x2005), 3), 0), // VID 5 does not match untagged-or-zero
        (frame(vm_mac(2), Some(20), 4), 2),
        (frame(vm_mac(2), Some(0x6014), 5), 2), // priority 3, VID 20
        (frame(vm_mac(2), None, 6), 0),         // MAC+VLAN filter rejects untagged
        (frame(vm_mac(2), Some(0), 7), 0),      // ... and VID 0
        (frame(vm_mac(3), None, 8), 1),         // second filter of queue 1
        (frame([0xff; 6], None, 9), 0),         // broadcast
        (frame([0x01, 0, 0x5e, 0, 0, 1], None, 10), 0), // multicast
    ];
    for (f, q) in &cases {
        assert_eq!(h.inject(f), Some(*q as u16));
    }
    h.run_dpcs(64);
    let mut got: Vec<(u32, u32)> = arrivals(&h);
    got.sort_by_key(|(_, s)| *s);
    let want: Vec<(u32, u32)> = cases
        .iter()
        .enumerate()
        .map(|(i, (_, q))| (*q, i as u32 + 1))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn indications_carry_queue_id_flags_and_shared_memory_of_their_queue() {
    let h = Harness::new(4, 2);
    h.connect(1, 1, vm_mac(1), None, 1);
    h.inject(&frame(vm_mac(1), None, 1));
    h.inject(&frame(vm_mac(9), None, 2));
    h.run_dpcs(64);
    let rx = h.os.take_rx();
    assert_eq!(rx.len(), 2);
    let shm = h.os.shm_live.lock().unwrap().clone();
    for r in &rx {
        assert_eq!(r.bank, RxBankId(VMQ_BANK_BASE + r.queue_id));
        let (q, _len) = shm[&r.shared_memory_handle];
        assert_eq!(q, r.queue_id, "frame lives in its own queue's shared memory");
        if r.queue_id == 0 {
            assert_eq!(r.flags, DEFAULT_FLAGS);
        } else {
            assert_eq!(r.flags, VMQ_FLAGS);
        }
    }
}

#[test]
fn every_indication_holds_frames_of_one_queue_only() {
    let h = Harness::new(4, 1);
    for q in 1..=3u32 {
        h.connect(q, q, vm_mac(q as u8), None, 0);
    }
    for i in 0..30u32 {
        h.inject(&frame(vm_mac((i % 3 + 1) as u8), None, i));
    }
    h.run_dpcs(64);
    let rx = h.os.take_rx();
    assert!(rx.len() >= 3);
    for r in &rx {
        assert_ne!(r.flags & NDIS_RECEIVE_FLAGS_SINGLE_QUEUE, 0);
        for (_, d) in &r.frames {
            assert_eq!(seq_of(d) % 3 + 1, r.queue_id);
        }
    }
}

#[test]
fn vlan_tag_is_stripped_into_8021q_info() {
    let h = Harness::new(2, 1);
    h.connect(1, 1, vm_mac(1), Some(20), 0);
    h.inject(&frame(vm_mac(1), Some(0xA014), 7)); // PCP 5, VID 20
    h.inject(&frame(vm_mac(1), None, 8)); // untagged: default queue, no tag info
    h.run_dpcs(64);
    let rx = h.os.take_rx();
    let q1 = rx.iter().find(|r| r.queue_id == 1).unwrap();
    let (f, data) = &q1.frames[0];
    // PCP 5, DEI 0, VID 20 in the NDIS_NET_BUFFER_LIST_8021Q_INFO bit fields.
    assert_eq!(f.ieee8021q, 5 | (20 << 4));
    assert_eq!(svnic_miniport::vmq::device::ieee8021q_info(0xA014), 5 | (20 << 4));
    assert_eq!(
        svnic_miniport::vmq::device::ieee8021q_info(0x1FFF),
        (1 << 3) | (0xFFF << 4)
    );
    assert_eq!(&data[12..14], &[0x08, 0x00], "tag removed from the data");
    assert_eq!(seq_of(data), 7);
    let q0 = rx.iter().find(|r| r.queue_id == 0).unwrap();
    assert_eq!(q0.frames[0].0.ieee8021q, 0);
}

#[test]
fn no_indication_before_first_filter_after_last_clear_or_after_free() {
    let h = Harness::new(2, 1);
    // Allocated and completed, no filter yet: the MAC goes to the default queue.
    assert_eq!(h.allocate(1, 0).outcome, ok());
    assert_eq!(h.complete(&[1]).1, vec![NDIS_STATUS_SUCCESS]);
    h.inject(&frame(vm_mac(1), None, 1));
    h.run_dpcs(64);
    assert_eq!(arrivals(&h), vec![(0, 1)]);
    // Filter set: the queue runs.
    assert_eq!(h.set_filter(1, 1, vm_mac(1), None).outcome, ok());
    h.inject(&frame(vm_mac(1), None, 2));
    h.run_dpcs(64);
    assert_eq!(arrivals(&h), vec![(1, 2)]);
    // Frames in the ring when the last filter is cleared are dropped, not retained.
    h.inject(&frame(vm_mac(1), None, 3));
    assert_eq!(h.clear(1, 1).outcome, ok());
    h.run_dpcs(64);
    assert_eq!(arrivals(&h), vec![]);
    assert_eq!(h.engine.rx_stats(1).dropped, 1);
    // Re-adding a filter does not resurrect the dropped frame.
    assert_eq!(h.set_filter(1, 2, vm_mac(1), None).outcome, ok());
    h.run_dpcs(64);
    assert_eq!(arrivals(&h), vec![]);
    h.inject(&frame(vm_mac(1), None, 4));
    assert_eq!(h.clear(1, 2).outcome, ok());
    h.return_all();
    assert_eq!(h.free(1).outcome, ok());
    h.inject(&frame(vm_mac(1), None, 5));
    h.run_dpcs(64);
    assert_eq!(arrivals(&h), vec![(0, 5)]);
    assert_eq!(h.engine.rx_stats(1).indicated, 1);
}

#[test]
fn set_filter_before_completion_indicates_nothing_until_complete() {
    let h = Harness::new(2, 1);
    assert_eq!(h.allocate(1, 0).outcome, ok());
    assert_eq!(h.set_filter(1, 1, vm_mac(1), None).outcome, ok());
    // Set but not completed: the device has no memory for the queue, the frame is dropped.
    assert_eq!(h.inject(&frame(vm_mac(1), None, 1)), None);
    h.run_dpcs(64);
    assert_eq!(arrivals(&h), vec![]);
    assert_eq!(h.complete(&[1]).1, vec![NDIS_STATUS_SUCCESS]);
    h.inject(&frame(vm_mac(1), None, 2));
    h.run_dpcs(64);
    assert_eq!(arrivals(&h), vec![(1, 2)]);
}

#[test]
fn indications_run_on_the_affinitized_processor_and_move_without_loss() {
    let h = Harness::new(2, 4);
    h.connect(1, 1, vm_mac(1), None, 3);
    for i in 0..5 {
        h.inject(&frame(vm_mac(1), None, i));
    }
    // Move while 5 frames wait in the ring; none has been indicated yet.
    let r = h.set(OID_RECEIVE_FILTER_QUEUE_PARAMETERS, &mut affinity_change(1, 2));
    assert_eq!(r.outcome, ok());
    for i in 5..8 {
        h.inject(&frame(vm_mac(1), None, i));
    }
    h.run_dpcs(64);
    let rx = h.os.take_rx();
    let seqs: Vec<u32> = rx
        .iter()
        .flat_map(|r| r.frames.iter().map(|(_, d)| seq_of(d)))
        .collect();
    assert_eq!(seqs, (0..8).collect::<Vec<_>>(), "no loss, in order");
    assert!(
        rx.iter().all(|r| r.processor == cpu(2)),
        "{:?}",
        rx.iter().map(|r| r.processor).collect::<Vec<_>>()
    );
    assert_eq!(h.engine.queue_processor(1), Some(cpu(2)));
}

#[test]
fn stale_bank_slot_or_queue_id_is_ignored_or_treated_as_default_queue() {
    let h = Harness::new(2, 1);
    h.connect(1, 1, vm_mac(1), None, 0);
    h.inject(&frame(vm_mac(1), None, 1));
    h.run_dpcs(64);
    let (bank, slot) = h.os.held.lock().unwrap()[0];
    assert!(!h.engine.return_rx(&h.env(), RxBankId(7), 0));
    assert!(!h.engine.return_rx(&h.env(), RxBankId(VMQ_BANK_BASE + 99), 0));
    assert!(!h.engine.return_rx(&h.env(), bank, 100_000));
    assert!(!h.engine.return_rx(&h.env(), bank, slot + 1));
    assert_eq!(h.engine.stale_returns(), 3);
    assert_eq!(h.engine.double_returns(), 1);
    assert_eq!(h.engine.rx_stats(1).outstanding, 1);
    assert_eq!(h.engine.outstanding_total(), 1);
    assert!(h.engine.return_rx(&h.env(), bank, slot));
    assert_eq!(h.engine.outstanding_total(), 0);
    assert_eq!(h.engine.rx_stats(1).outstanding, 0);
    // Send-side / NBL QueueIds: valid ones kept, stale ones become 0.
    assert_eq!(h.engine.sanitize_queue_id(1), 1);
    for stale in [0, 2, 7, 65_536, u32::MAX] {
        assert_eq!(h.engine.sanitize_queue_id(stale), 0, "{stale}");
    }
    assert_eq!(h.clear(1, 1).outcome, ok());
    assert_eq!(h.free(1).outcome, ok());
    assert_eq!(h.engine.sanitize_queue_id(1), 0);
}

#[test]
fn dpc_budget_is_shared_fairly_and_more_work_is_reported() {
    let h = Harness::new(4, 1);
    for q in 1..=3u32 {
        h.connect(q, q, vm_mac(q as u8), None, 0);
    }
    // Queue 1 is flooded, queues 2 and 3 get a few frames.
    for i in 0..40 {
        h.inject(&frame(vm_mac(1), None, i));
    }
    for i in 0..4 {
        h.inject(&frame(vm_mac(2), None, 100 + i));
        h.inject(&frame(vm_mac(3), None, 200 + i));
    }
    h.os.dpc_queue.lock().unwrap().clear();
    set_current(cpu(0));
    let r = h.engine.dpc(&h.env(), cpu(0), 12);
    // Three busy queues share 12: 4 each.
    assert_eq!(r.indicated, 12);
    assert!(r.more_work);
    let per_queue: BTreeMap<u32, usize> = h.os.take_rx().iter().fold(BTreeMap::new(), |mut m, r| {
        *m.entry(r.queue_id).or_default() += r.frames.len();
        m
    });
    assert_eq!(per_queue, BTreeMap::from([(1, 4), (2, 4), (3, 4)]));
    // Next run: only queue 1 is busy and gets the whole budget.
    let r = h.engine.dpc(&h.env(), cpu(0), 12);
    assert_eq!((r.indicated, r.more_work), (12, true));
    h.return_all();
    let mut runs = 2;
    loop {
        let r = h.engine.dpc(&h.env(), cpu(0), 12);
        h.return_all();
        runs += 1;
        if !r.more_work {
            break;
        }
    }
    assert_eq!(runs, 4, "40 + 8 frames at 12 per run");
    assert_eq!(h.engine.rx_stats(1).indicated, 40);
    // A DPC for a processor without queues does nothing.
    assert_eq!(h.engine.dpc(&h.env(), cpu(1), 12), Default::default());
}

#[test]
fn eight_vms_on_two_processors_receive_only_their_frames_on_their_processor_in_order() {
    let h = Harness::new(8, 2);
    for v in 1..=8u32 {
        h.connect(v, v, vm_mac(v as u8), None, (v % 2) as u8);
    }
    let per_vm = 50u32;
    for i in 0..per_vm {
        for v in 1..=8u32 {
            h.inject(&frame(vm_mac(v as u8), None, v * 1000 + i));
        }
        if i % 7 == 0 {
            h.run_dpcs(16);
            h.return_all();
        }
    }
    h.run_dpcs(16);
    h.return_all();
    let rx = h.os.rx.lock().unwrap().clone();
    let mut by_vm: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for r in &rx {
        assert_eq!(
            r.processor,
            cpu((r.queue_id % 2) as u8),
            "queue {} on its processor",
            r.queue_id
        );
        assert_eq!(r.flags, VMQ_FLAGS);
        for (_, d) in &r.frames {
            let s = seq_of(d);
            assert_eq!(
                s / 1000,
                r.queue_id,
                "frame of VM {} on queue {}",
                s / 1000,
                r.queue_id
            );
            by_vm.entry(r.queue_id).or_default().push(s % 1000);
        }
    }
    assert_eq!(by_vm.len(), 8);
    for (v, seqs) in by_vm {
        assert_eq!(seqs, (0..per_vm).collect::<Vec<_>>(), "VM {v} in order, complete");
    }
    // One device write per frame, nothing on the default queue.
    assert_eq!(
        h.nic.device_writes.load(std::sync::atomic::Ordering::SeqCst),
        u64::from(8 * per_vm)
    );
    assert_eq!(h.engine.rx_stats(0).indicated, 0);
}

#[test]
fn randomized_churn_with_traffic_leaks_nothing_and_keeps_filter_counts_exact() {
    // Deterministic xorshift so a failure reproduces.
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut rnd = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let h = Harness::new(4, 2);
    let mut next_filter = 1u32;
    // queue -> filter ids (model)
    let mut model: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    let mut pending_frees = 0;
    for step in 0..3000 {
        let q = rnd(4) as u32 + 1;
        match rnd(8) {
            0 => {
                let free_slot = h.engine.queue_snapshot(q).is_none();
                let r = h.allocate(q, rnd(2) as u8);
                if free_slot {
                    assert_eq!(r.outcome, ok(), "step {step}");
                    model.insert(q, vec![]);
                    h.complete(&[q]);
                }
            }
            1 | 2 => {
                if let Some(f) = model.get_mut(&q) {
                    if h.set_filter(q, next_filter, vm_mac(q as u8), None).outcome == ok() {
                        f.push(next_filter);
                    }
                    next_filter += 1;
                }
            }
            3 => {
                if let Some(f) = model.get_mut(&q) {
                    if let Some(id) = f.pop() {
                        assert_eq!(h.clear(q, id).outcome, ok(), "step {step}");
                    }
                }
            }
            4 => {
                if model.get(&q).is_some_and(|f| f.is_empty()) {
                    match h.free(q).outcome {
                        svnic_miniport::oid::OidOutcome::Pending => pending_frees += 1,
                        o => assert_eq!(o, ok()),
                    }
                    model.remove(&q);
                }
            }
            5 => {
                if model.contains_key(&q) {
                    let mut b = affinity_change(q, rnd(2) as u8);
                    assert_eq!(h.set(OID_RECEIVE_FILTER_QUEUE_PARAMETERS, &mut b).outcome, ok());
                }
            }
            6 => {
                h.run_dpcs(8);
                if rnd(2) == 0 {
                    h.return_all();
                }
            }
            _ => {
                for _ in 0..4 {
                    h.inject(&frame(vm_mac(rnd(5) as u8), None, step));
                }
            }
        }
        for s in h.engine.queues() {
            let want = model.get(&s.queue_id).map_or(0, |f| f.len() as u32);
            assert_eq!(s.num_filters, want, "step {step} queue {}", s.queue_id);
        }
    }
    // Drain: clear and free everything, return every NBL.
    for (q, f) in std::mem::take(&mut model) {
        for id in f {
            assert_eq!(h.clear(q, id).outcome, ok());
        }
        if h.free(q).outcome != ok() {
            pending_frees += 1;
        }
    }
    h.run_dpcs(64);
    h.return_all();
    assert!(pending_frees > 0, "the churn exercised pended frees");
    let completions = h.os.completions();
    assert_eq!(completions.len(), pending_frees);
    assert!(completions.iter().all(|c| c.2 == NDIS_STATUS_SUCCESS));
    assert!(h.engine.queues().is_empty());
    assert!(h.engine.filters(None).is_empty());
    assert_eq!(h.nic.filter_count(), 0);
    assert_eq!(h.os.live_banks(), 1, "only the default queue's bank");
    assert_eq!(h.os.shm_live.lock().unwrap().len(), 1);
    for q in 0..=4 {
        assert_eq!(h.engine.rx_stats(q).outstanding, 0);
    }
    assert_eq!(h.engine.double_returns(), 0);
}

#[test]
fn restart_reschedules_the_dpcs_of_queues_holding_frames_from_the_pause() {
    let h = Harness::new(4, 4);
    h.connect(1, 1, vm_mac(1), None, 2);
    h.connect(2, 2, vm_mac(2), None, 3);
    h.connect(3, 3, vm_mac(3), None, 1);
    h.inject(&frame(vm_mac(1), None, 1));
    h.inject(&frame(vm_mac(2), None, 2));
    // Paused adapter: the interrupts' DPCs ran and did nothing; the frames wait in the rings.
    h.os.dpc_queue.lock().unwrap().clear();
    assert_eq!(h.engine.reschedule_pending(&h.env()), 2);
    let mut scheduled: Vec<_> = h.os.dpc_queue.lock().unwrap().iter().copied().collect();
    scheduled.sort();
    assert_eq!(scheduled, vec![cpu(2), cpu(3)]);
    h.run_dpcs(64);
    assert_eq!(arrivals(&h).len(), 2);
    assert_eq!(h.engine.reschedule_pending(&h.env()), 0);
}
