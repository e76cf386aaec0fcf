//! Free-while-receiving: queues are connected, loaded and freed while DPCs on two processors
//! poll, a wire thread injects and a "stack" thread returns NBLs late. Bounded to ~2 s.

mod vmq_support;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::SeqCst};
use std::time::{Duration, Instant};
use svnic_abi::status::NDIS_STATUS_SUCCESS;
use svnic_miniport::oid::OidOutcome;
use vmq_support::*;

#[test]
fn free_queue_while_traffic_in_flight_never_indicates_after_dma_stopped_or_leaks() {
    let h = Harness::new(4, 2);
    h.os.record.store(false, SeqCst);
    let stop = AtomicBool::new(false);
    let iterations = AtomicU64::new(0);
    let pended = AtomicU64::new(0);
    let deadline = Instant::now() + Duration::from_millis(2000);
    std::thread::scope(|s| {
        for p in 0..2u8 {
            let (h, stop) = (&h, &stop);
            s.spawn(move || {
                set_current(cpu(p));
                while !stop.load(SeqCst) {
                    h.engine.dpc(&h.env(), cpu(p), 16);
                    std::thread::yield_now();
                }
            });
        }
        {
            let (h, stop) = (&h, &stop);
            s.spawn(move || {
                let mut i = 0u32;
                while !stop.load(SeqCst) {
                    h.inject(&frame(vm_mac((i % 5) as u8), None, i));
                    i = i.wrapping_add(1);
                    if i % 64 == 0 {
                        std::thread::yield_now();
                    }
                }
            });
        }
        {
            // The stack: returns NBLs, keeping up to 8 for a while so frees really pend.
            let (h, stop) = (&h, &stop);
            s.spawn(move || {
                let mut n = 0u64;
                loop {
                    let next = {
                        let mut held = h.os.held.lock().unwrap();
                        if held.len() > 8 || (n % 3 == 0 && !held.is_empty()) {
                            held.pop_front()
                        } else {
                            None
                        }
                    };
                    n += 1;
                    match next {
                        Some((bank, slot)) => assert!(h.engine.return_rx(&h.env(), bank, slot)),
                        None if stop.load(SeqCst) && h.os.held.lock().unwrap().is_empty() => break,
                        None => std::thread::yield_now(),
                    }
                }
            });
        }
        let mut filter = 1u32;
        while Instant::now() < deadline {
            for q in 1..=4u32 {
                h.connect(q, filter + q, vm_mac(q as u8), None, (q % 2) as u8);
            }
            std::thread::sleep(Duration::from_micros(200));
            // Move one queue while it receives.
            let mut b = affinity_change(1, (filter % 2) as u8);
            assert_eq!(
                h.set(
                    svnic_miniport::vmq::ndis::OID_RECEIVE_FILTER_QUEUE_PARAMETERS,
                    &mut b
                )
                .outcome,
                ok()
            );
            let mut pending = vec![];
            for q in 1..=4u32 {
                assert_eq!(h.clear(q, filter + q).outcome, ok());
                let r = h.free(q);
                match r.outcome {
                    OidOutcome::Pending => {
                        pended.fetch_add(1, SeqCst);
                        pending.push(r.token)
                    }
                    o => assert_eq!(o, ok()),
                }
            }
            // NDIS reuses a QueueId only after its free completed.
            let waited = Instant::now();
            while !pending.iter().all(|t| {
                h.os.completions()
                    .iter()
                    .any(|c| c.1 == *t && c.2 == NDIS_STATUS_SUCCESS)
            }) {
                assert!(
                    waited.elapsed() < Duration::from_secs(5),
                    "pended FREE_QUEUE never completed"
                );
                std::thread::yield_now();
            }
            for q in 1..=4u32 {
                assert_eq!(h.os.dma_stopped(q).len() as u64, iterations.load(SeqCst) + 1);
            }
            filter += 8;
            iterations.fetch_add(1, SeqCst);
        }
        stop.store(true, SeqCst);
    });
    let n = iterations.load(SeqCst);
    assert!(n >= 20, "only {n} iterations");
    assert!(
        pended.load(SeqCst) > 0,
        "no free pended: NBLs were never outstanding"
    );
    assert_eq!(
        h.os.after_dma_stopped.load(SeqCst),
        0,
        "indication after DmaStopped"
    );
    // Every queue's free completed exactly once; nothing leaked.
    assert!(h.engine.queues().is_empty());
    assert_eq!(h.os.live_banks(), 1);
    assert_eq!(h.os.shm_live.lock().unwrap().len(), 1);
    assert_eq!(h.os.shm_allocs.load(SeqCst), 1 + 4 * n);
    for q in 1..=4u16 {
        assert_eq!(h.engine.rx_stats(q).outstanding, 0);
        assert_eq!(h.engine.rx_stats(q).dma_stopped_indications, 1);
    }
    h.run_dpcs(64);
    h.return_all();
    assert_eq!(h.engine.rx_stats(0).outstanding, 0);
    assert_eq!(h.engine.double_returns(), 0);
    assert_eq!(h.engine.stale_returns(), 0);
    let indicated: u64 = (1..=4).map(|q| h.engine.rx_stats(q).indicated).sum();
    assert!(indicated > 0, "VM queues received traffic");
}
