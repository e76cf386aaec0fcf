//! Free-while-receiving: queues are connected, loaded and freed while DPCs on two processors
//! poll, a wire thread injects and a "stack" thread returns NBLs late. Bounded to ~2 s.

mod vmq_support;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::SeqCst};
use std::time::{Duration, Instant};
use svnic_abi::status::NDIS_STATUS_SUCCESS;
use svnic_miniport::oid::OidOutcome;
use svnic_miniport::vmq::device::VmqDevice;
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

#[test]
fn affinity_moves_under_concurrent_dpcs_keep_each_queue_in_order_and_lose_nothing() {
    let h = Harness::new(2, 2);
    for q in 1..=2u32 {
        h.connect(q, q, vm_mac(q as u8), None, 0);
    }
    let stop = AtomicBool::new(false);
    let injected = [AtomicU64::new(0), AtomicU64::new(0)];
    std::thread::scope(|s| {
        for p in 0..2u8 {
            let (h, stop) = (&h, &stop);
            s.spawn(move || {
                set_current(cpu(p));
                while !stop.load(SeqCst) {
                    h.engine.dpc(&h.env(), cpu(p), 8);
                    std::thread::yield_now();
                }
            });
        }
        {
            let (h, stop) = (&h, &stop);
            s.spawn(move || {
                while !stop.load(SeqCst) {
                    let next = h.os.held.lock().unwrap().pop_front();
                    match next {
                        Some((bank, slot)) => assert!(h.engine.return_rx(&h.env(), bank, slot)),
                        None => std::thread::yield_now(),
                    }
                }
            });
        }
        {
            let (h, injected) = (&h, &injected);
            s.spawn(move || {
                for i in 0..20_000u32 {
                    for (q, count) in injected.iter().enumerate() {
                        h.inject(&frame(vm_mac(q as u8 + 1), None, i));
                        count.fetch_add(1, SeqCst);
                    }
                    if i % 32 == 0 {
                        std::thread::yield_now();
                    }
                }
            });
        }
        let deadline = Instant::now() + Duration::from_millis(1500);
        let mut p = 0u8;
        while Instant::now() < deadline && injected[1].load(SeqCst) < 20_000 {
            p ^= 1;
            for q in 1..=2u32 {
                let mut b = affinity_change(q, p);
                assert_eq!(
                    h.set(
                        svnic_miniport::vmq::ndis::OID_RECEIVE_FILTER_QUEUE_PARAMETERS,
                        &mut b
                    )
                    .outcome,
                    ok()
                );
            }
            std::thread::sleep(Duration::from_micros(100));
        }
        // Let the DPCs drain what is left, then stop (what remains is drained below).
        let drain = Instant::now();
        while (1..=2u16).any(|q| h.nic.rx_pending(q)) && drain.elapsed() < Duration::from_secs(2) {
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(Duration::from_millis(20));
        stop.store(true, SeqCst);
    });
    h.run_dpcs(64);
    let rx = h.os.take_rx();
    let mut last = [None::<u32>; 3];
    let mut got = [0u64; 3];
    for r in &rx {
        for (_, d) in &r.frames {
            let s = seq_of(d);
            let q = r.queue_id as usize;
            assert!(
                last[q].is_none_or(|l| s > l),
                "queue {q}: {s} after {:?}",
                last[q]
            );
            last[q] = Some(s);
            got[q] += 1;
        }
    }
    let injected_total: u64 = injected.iter().map(|c| c.load(SeqCst)).sum();
    let dropped = h.nic.dropped_no_buffer.load(SeqCst);
    assert_eq!(
        got[1] + got[2] + dropped,
        injected_total,
        "every frame indicated or counted as a ring drop"
    );
    assert_eq!(got[0], 0);
    assert!(got[1] > 0 && got[2] > 0);
}
