//! Spec 5 item 16 at miniport level: MiniportResetEx with VM queues and filters allocated
//! (docs/vmq.md "Reset").

mod vmq_support;

use svnic_abi::status::*;
use svnic_miniport::oid::{OidBytes, OidOutcome};
use svnic_miniport::vmq::state::QueueState;
use svnic_miniport::vmq::ResetReport;
use vmq_support::*;

fn snapshot(h: &Harness) -> String {
    format!(
        "{:?}|{:?}|{}",
        h.engine.queues(),
        h.engine.filters(None),
        h.nic.filter_count()
    )
}

#[test]
fn reset_aborts_a_pended_free_queue_once_and_frees_its_memory_only_after_the_last_nbl() {
    let h = Harness::new(4, 2);
    h.connect(1, 10, vm_mac(1), None, 1);
    for i in 0..3 {
        assert_eq!(h.inject(&frame(vm_mac(1), None, i)), Some(1));
    }
    h.run_dpcs(64);
    assert_eq!(h.os.held.lock().unwrap().len(), 3);
    assert_eq!(h.clear(1, 10).outcome, ok());
    let r = h.free(1);
    assert_eq!(r.outcome, OidOutcome::Pending);
    assert_eq!(h.os.dma_stopped(1).len(), 1);
    let shm_before = h.os.shm_live.lock().unwrap().len();
    assert_eq!(shm_before, 2);

    let report = h.engine.begin_reset(h.env()).unwrap();
    assert_eq!(
        report,
        ResetReport {
            aborted_frees: 1,
            quiesced_queues: 0,
            filters_removed: 0
        }
    );
    assert_eq!(h.engine.finish_reset(h.env()), NDIS_STATUS_SUCCESS);
    let done = h.os.completions();
    assert_eq!(done.len(), 1);
    assert_eq!(
        (done[0].1, done[0].2, done[0].3),
        (
            r.token,
            NDIS_STATUS_REQUEST_ABORTED,
            OidBytes {
                read: 12,
                written: 0,
                needed: 0
            }
        )
    );
    // NBLs still point into the queue's memory: it stays freeing, the memory stays.
    assert_eq!(h.engine.queue_snapshot(1).unwrap().state, QueueState::Freeing);
    assert_eq!(h.os.shm_live.lock().unwrap().len(), 2);
    assert_eq!(h.os.live_banks(), 2);
    // A second reset has no pended free left to abort.
    assert_eq!(h.engine.reset(h.env()), NDIS_STATUS_SUCCESS);
    assert_eq!(h.os.completions().len(), 1);

    assert_eq!(h.return_all(), 3);
    assert_eq!(
        h.os.completions().len(),
        1,
        "the aborted FREE_QUEUE is not completed again"
    );
    assert_eq!(h.os.shm_live.lock().unwrap().len(), 1);
    assert_eq!(h.os.live_banks(), 1);
    assert!(h.engine.queue_snapshot(1).is_none());
    assert_eq!(h.os.dma_stopped(1).len(), 1, "no second DmaStopped");
    assert_eq!(h.engine.rx_stats(1).outstanding, 0);
    assert_eq!(
        h.os.after_dma_stopped.load(std::sync::atomic::Ordering::SeqCst),
        0
    );
}

#[test]
fn free_queue_reissued_after_a_reset_aborted_it_pends_until_the_last_nbl_then_succeeds() {
    let h = Harness::new(4, 2);
    h.connect(1, 10, vm_mac(1), None, 1);
    h.inject(&frame(vm_mac(1), None, 0));
    h.inject(&frame(vm_mac(1), None, 1));
    h.run_dpcs(64);
    assert_eq!(h.clear(1, 10).outcome, ok());
    let first = h.free(1);
    assert_eq!(first.outcome, OidOutcome::Pending);
    assert_eq!(h.engine.reset(h.env()), NDIS_STATUS_SUCCESS);
    let again = h.free(1);
    assert_eq!((again.outcome, again.read), (OidOutcome::Pending, 12));
    // A duplicate while this one pends is refused and changes nothing.
    assert_eq!(h.free(1).outcome, st(NDIS_STATUS_INVALID_PARAMETER));
    let held: Vec<_> = h.os.held.lock().unwrap().drain(..).collect();
    assert!(h.engine.return_rx(&h.env(), held[0].0, held[0].1));
    assert_eq!(h.os.completions().len(), 1);
    assert!(h.engine.return_rx(&h.env(), held[1].0, held[1].1));
    let done: Vec<_> = h.os.completions().iter().map(|c| (c.1, c.2)).collect();
    assert_eq!(
        done,
        vec![
            (first.token, NDIS_STATUS_REQUEST_ABORTED),
            (again.token, NDIS_STATUS_SUCCESS)
        ]
    );
    assert_eq!(h.os.dma_stopped(1).len(), 1);
    assert!(h.engine.queues().is_empty());
    assert_eq!(h.os.live_banks(), 1);
    // The QueueId is free again.
    h.connect(1, 11, vm_mac(1), None, 0);
}

#[test]
fn vmq_oids_during_a_reset_in_progress_are_not_accepted_and_change_nothing() {
    let h = Harness::new(4, 2);
    h.connect(1, 1, vm_mac(1), None, 1);
    assert_eq!(h.allocate(2, 0).outcome, ok());
    let before = snapshot(&h);
    assert_eq!(h.nic.filter_count(), 1);

    let report = h.engine.begin_reset(h.env()).unwrap();
    assert_eq!(
        report,
        ResetReport {
            aborted_frees: 0,
            quiesced_queues: 1,
            filters_removed: 1
        }
    );
    assert!(h.engine.resetting());
    assert_eq!(
        h.nic.filter_count(),
        0,
        "filters are out of the hardware during the reset"
    );
    let refused = [
        h.allocate(3, 0),
        h.set_filter(1, 2, vm_mac(2), None),
        h.set_filter(2, 3, vm_mac(3), Some(5)),
        h.complete(&[2]).0,
        h.clear(1, 1),
        h.free(2),
    ];
    for r in &refused {
        assert_eq!(
            (r.outcome, r.read, r.written, r.needed),
            (st(NDIS_STATUS_NOT_ACCEPTED), 0, 0, 0)
        );
    }
    assert!(h.os.completions().is_empty());
    assert!(h.engine.begin_reset(h.env()).is_none());
    assert_eq!(h.engine.reset(h.env()), NDIS_STATUS_RESET_IN_PROGRESS);
    assert_eq!(h.engine.finish_reset(h.env()), NDIS_STATUS_SUCCESS);
    assert!(!h.engine.resetting());
    assert_eq!(snapshot(&h), before);
    assert!(h.os.dma_stopped(1).is_empty() && h.os.dma_stopped(2).is_empty());
    // Accepted again after the reset.
    assert_eq!(h.clear(1, 1).outcome, ok());
    assert_eq!(h.free(1).outcome, ok());
    assert_eq!(h.free(2).outcome, ok());
}

#[test]
fn after_reset_each_queues_filter_steers_to_it_again_with_exact_counters_and_nothing_leaks() {
    let h = Harness::new(4, 4);
    for q in 1..=3u32 {
        h.connect(q, q, vm_mac(q as u8), None, q as u8);
    }
    for q in 1..=3u32 {
        for i in 0..2 {
            assert_eq!(h.inject(&frame(vm_mac(q as u8), None, i)), Some(q as u16));
        }
    }
    h.run_dpcs(64);
    assert_eq!(h.os.held.lock().unwrap().len(), 6);
    // One frame completed in queue 1's ring but not indicated when the reset comes: dropped.
    assert_eq!(h.inject(&frame(vm_mac(1), None, 9)), Some(1));
    let report = h.engine.begin_reset(h.env()).unwrap();
    assert_eq!(
        report,
        ResetReport {
            aborted_frees: 0,
            quiesced_queues: 3,
            filters_removed: 3
        }
    );
    assert_eq!(h.engine.finish_reset(h.env()), NDIS_STATUS_SUCCESS);
    assert_eq!(h.nic.filter_count(), 3);
    for q in 1..=3u16 {
        assert_eq!(h.nic.vector_target(q), Some(cpu(q as u8)));
        let s = h.engine.rx_stats(q);
        let dropped = if q == 1 { 1 } else { 0 };
        assert_eq!((s.indicated, s.dropped, s.outstanding), (2, dropped, 2));
        assert_eq!(
            h.engine.queue_snapshot(u32::from(q)).unwrap().state,
            QueueState::Running
        );
    }
    h.run_dpcs(64);
    h.os.take_rx();
    for q in 1..=3u32 {
        assert_eq!(h.inject(&frame(vm_mac(q as u8), None, 100 + q)), Some(q as u16));
    }
    h.run_dpcs(64);
    let mut rx: Vec<_> =
        h.os.take_rx()
            .iter()
            .map(|r| (r.queue_id, r.processor, r.frames.len(), seq_of(&r.frames[0].1)))
            .collect();
    rx.sort();
    assert_eq!(
        rx,
        vec![(1, cpu(1), 1, 101), (2, cpu(2), 1, 102), (3, cpu(3), 1, 103)]
    );
    for q in 1..=3u16 {
        let s = h.engine.rx_stats(q);
        assert_eq!((s.indicated, s.outstanding, s.dma_stopped_indications), (3, 3, 0));
    }
    // NBLs indicated before the reset are accepted when they return.
    assert_eq!(h.return_all(), 9);
    assert_eq!(h.engine.outstanding_total(), 0);
    assert_eq!((h.engine.stale_returns(), h.engine.double_returns()), (0, 0));
    for q in 1..=3u32 {
        assert_eq!(h.clear(q, q).outcome, ok());
        assert_eq!(h.free(q).outcome, ok());
        assert_eq!(h.os.dma_stopped(q).len(), 1);
    }
    assert_eq!(h.nic.filter_count(), 0);
    h.engine.halt(h.env());
    assert!(h.os.shm_live.lock().unwrap().is_empty());
    assert_eq!(h.os.live_banks(), 0);
}

#[test]
fn reset_racing_the_last_nbl_return_completes_a_pended_free_queue_exactly_once() {
    for round in 0..200u32 {
        let h = Harness::new(2, 2);
        h.connect(1, 1, vm_mac(1), None, 1);
        h.inject(&frame(vm_mac(1), None, round));
        h.inject(&frame(vm_mac(1), None, round + 1));
        h.run_dpcs(64);
        assert_eq!(h.clear(1, 1).outcome, ok());
        let r = h.free(1);
        assert_eq!(r.outcome, OidOutcome::Pending);
        let held: Vec<_> = h.os.held.lock().unwrap().drain(..).collect();
        assert_eq!(held.len(), 2);
        std::thread::scope(|s| {
            let returns = s.spawn(|| {
                for (bank, slot) in &held {
                    assert!(h.engine.return_rx(&h.env(), *bank, *slot));
                }
            });
            assert_eq!(h.engine.reset(h.env()), NDIS_STATUS_SUCCESS);
            returns.join().unwrap();
        });
        let done = h.os.completions();
        assert_eq!(done.len(), 1, "round {round}: {done:?}");
        assert_eq!(done[0].1, r.token);
        assert!(
            done[0].2 == NDIS_STATUS_SUCCESS || done[0].2 == NDIS_STATUS_REQUEST_ABORTED,
            "round {round}: {:#x}",
            done[0].2
        );
        assert_eq!(h.os.dma_stopped(1).len(), 1);
        assert!(h.engine.queues().is_empty());
        assert_eq!(h.os.shm_live.lock().unwrap().len(), 1);
        assert_eq!(h.os.live_banks(), 1);
    }
}
