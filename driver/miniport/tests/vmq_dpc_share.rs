//! The receive DPC's per-queue share floor and round robin (`RxTable::dpc`): with many busy
//! queues on one processor each served queue gets at least 16 frames of the adapter's 64-frame
//! budget, a run never takes more than its budget, and the queues a run leaves out are served
//! first by the next run.

mod vmq_support;

use vmq_support::*;

/// The adapter's DPC budget (`adapter::DPC_BUDGET`).
const BUDGET: u32 = 64;

/// (queue, frames) of each indication since the last call, in order.
fn indications(h: &Harness) -> Vec<(u32, usize)> {
    h.os.take_rx()
        .iter()
        .map(|r| (r.queue_id, r.frames.len()))
        .collect()
}

#[test]
fn twelve_busy_queues_get_sixteen_frame_indications_within_the_budget_in_round_robin() {
    let h = Harness::new(12, 1);
    for q in 1..=12u32 {
        h.connect(q, q, vm_mac(q as u8), None, 0);
    }
    for i in 0..32 {
        for q in 1..=12u8 {
            h.inject(&frame(vm_mac(q), None, i));
        }
    }
    h.os.dpc_queue.lock().unwrap().clear();
    h.os.take_rx();
    set_current(cpu(0));
    // 12 x 32 frames at 64 per run: 6 runs, 4 queues of 16 frames each, rotating.
    let mut served = Vec::new();
    for run in 0..6 {
        let r = h.engine.dpc(&h.env(), cpu(0), BUDGET);
        h.return_all();
        assert_eq!(r.indicated, 64, "run {run} takes exactly its budget");
        assert_eq!(r.more_work, run < 5, "run {run}");
        let ind = indications(&h);
        assert!(ind.iter().all(|&(_, n)| n == 16), "run {run}: {ind:?}");
        served.push(ind.iter().map(|&(q, _)| q).collect::<Vec<_>>());
    }
    assert_eq!(
        served,
        vec![
            vec![1, 2, 3, 4],
            vec![5, 6, 7, 8],
            vec![9, 10, 11, 12],
            vec![1, 2, 3, 4],
            vec![5, 6, 7, 8],
            vec![9, 10, 11, 12],
        ]
    );
    for q in 1..=12u16 {
        assert_eq!(h.engine.rx_stats(q).indicated, 32);
    }
    assert_eq!(h.engine.dpc(&h.env(), cpu(0), BUDGET), Default::default());
}

#[test]
fn a_queue_left_out_by_one_run_goes_first_in_the_next_and_a_flooded_queue_cannot_starve_it() {
    let h = Harness::new(5, 1);
    for q in 1..=5u32 {
        h.connect(q, q, vm_mac(q as u8), None, 0);
    }
    for i in 0..60 {
        h.inject(&frame(vm_mac(1), None, i));
    }
    for q in 2..=5u8 {
        for i in 0..16 {
            h.inject(&frame(vm_mac(q), None, 1000 + i));
        }
    }
    h.os.dpc_queue.lock().unwrap().clear();
    h.os.take_rx();
    set_current(cpu(0));
    // Five busy queues: even split 12 < 16, so four queues of 16 fit and queue 5 waits.
    let r = h.engine.dpc(&h.env(), cpu(0), BUDGET);
    h.return_all();
    assert_eq!((r.indicated, r.more_work), (64, true));
    assert_eq!(indications(&h), vec![(1, 16), (2, 16), (3, 16), (4, 16)]);
    // Queue 5 first; then queue 1 (the only other busy one) gets the rest of its share: the two
    // busy queues split the budget evenly (32 each), queue 5 has only 16.
    let r = h.engine.dpc(&h.env(), cpu(0), BUDGET);
    h.return_all();
    assert_eq!((r.indicated, r.more_work), (48, true));
    assert_eq!(indications(&h), vec![(5, 16), (1, 32)]);
    // Only queue 1 is left: 60 - 48 = 12 frames.
    let r = h.engine.dpc(&h.env(), cpu(0), BUDGET);
    h.return_all();
    assert_eq!((r.indicated, r.more_work), (12, false));
    assert_eq!(h.engine.rx_stats(1).indicated, 60);
    for q in 2..=5u16 {
        assert_eq!(h.engine.rx_stats(q).indicated, 16);
    }
}

#[test]
fn budgets_below_four_times_sixteen_keep_the_even_split() {
    let h = Harness::new(8, 1);
    for q in 1..=8u32 {
        h.connect(q, q, vm_mac(q as u8), None, 0);
    }
    for i in 0..8 {
        for q in 1..=8u8 {
            h.inject(&frame(vm_mac(q), None, i));
        }
    }
    h.os.dpc_queue.lock().unwrap().clear();
    h.os.take_rx();
    set_current(cpu(0));
    // Budget 16 (vmq_model's): floor min(16, 16 / 4) = 4 = 16 / 4, so four queues of 4 per run.
    let r = h.engine.dpc(&h.env(), cpu(0), 16);
    h.return_all();
    assert_eq!((r.indicated, r.more_work), (16, true));
    assert_eq!(indications(&h), vec![(1, 4), (2, 4), (3, 4), (4, 4)]);
    let r = h.engine.dpc(&h.env(), cpu(0), 16);
    h.return_all();
    assert_eq!((r.indicated, r.more_work), (16, true));
    assert_eq!(indications(&h), vec![(5, 4), (6, 4), (7, 4), (8, 4)]);
}
