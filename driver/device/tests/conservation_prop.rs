//! Conservation: random traffic (from the wire and from pools) mixed with random configuration
//! churn (filters added / removed / moved, pool and queue enables, buffer posting, VF FLR, PF
//! software reset, SR-IOV disable/enable). Afterwards, per pool and direction,
//! `offered == delivered + dropped`, every transmit attempt is counted on its pool, and in total
//! every ingress frame is routed or counted as unrouted. A threaded variant runs the same
//! accounting with a receive thread, a polling thread and a reconfiguring thread.

mod common;

use std::sync::Arc;

use common::*;
use proptest::prelude::*;
use svnic_device::*;

fn cfg() -> DeviceConfig {
    DeviceConfig {
        total_vfs: 4,
        pf_queues: 4,
        rx_ring_len: 16,
        tx_ring_len: 16,
        ..DeviceConfig::default()
    }
}

#[derive(Clone, Debug)]
enum Op {
    Wire(usize, Option<u16>, usize),
    Tx(u16, usize, usize, usize),
    AddFilter(usize, u16),
    RemoveFilter(usize),
    MoveFilter(usize, u16),
    PoolRx(u16, bool),
    PoolTx(u16, bool),
    PoolFlags(u16, bool, bool, bool),
    QueueRx(u16, bool),
    Post(u16, usize),
    Poll(u16),
    Flr(u16),
    PfReset,
    Sriov(bool),
}

fn dests() -> Vec<MacAddr> {
    let mut v: Vec<MacAddr> = (0..8u8).map(mac).collect();
    v.push([0x01, 0x00, 0x5e, 0, 0, 1]);
    v.push([0xff; 6]);
    v
}

fn op() -> impl Strategy<Value = Op> {
    let nq = 9u16;
    prop_oneof![
        8 => (0usize..10, prop_oneof![Just(None), (0u16..3).prop_map(Some)], 0usize..3).prop_map(|(d, v, l)| Op::Wire(d, v, l)),
        6 => (0..nq, 0usize..10, 0usize..10, 0usize..3).prop_map(|(q, d, s, l)| Op::Tx(q, d, s, l)),
        2 => (0usize..10, 0..nq).prop_map(|(d, q)| Op::AddFilter(d, q)),
        1 => (0usize..32).prop_map(Op::RemoveFilter),
        1 => (0usize..32, 0..nq).prop_map(|(i, q)| Op::MoveFilter(i, q)),
        1 => (0..nq, any::<bool>()).prop_map(|(q, b)| Op::PoolRx(q, b)),
        1 => (0..nq, any::<bool>()).prop_map(|(q, b)| Op::PoolTx(q, b)),
        1 => (0..nq, any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(q, a, b, c)| Op::PoolFlags(q, a, b, c)),
        1 => (0..nq, any::<bool>()).prop_map(|(q, b)| Op::QueueRx(q, b)),
        3 => (0..nq, 1usize..8).prop_map(|(q, n)| Op::Post(q, n)),
        3 => (0..nq).prop_map(Op::Poll),
        1 => (0u16..4).prop_map(Op::Flr),
        1 => Just(Op::PfReset),
        1 => any::<bool>().prop_map(Op::Sriov),
    ]
}

const LENS: [usize; 3] = [60, 1514, 3000];

fn check_conservation(dev: &Device, wire_frames: u64, tx_attempts: &[u64]) {
    let l = dev.layout();
    let mut tx_frames = 0u64;
    for q in 0..l.queue_count() as u16 {
        let c = dev.counters(QueueId(q)).unwrap();
        assert_eq!(c.rx.offered, c.rx.frames + c.rx.drops.total(), "rx pool {q}");
        assert_eq!(c.tx.offered, c.tx.frames + c.tx.drops.total(), "tx pool {q}");
        assert_eq!(c.tx.offered, tx_attempts[q as usize], "tx attempts pool {q}");
        tx_frames += c.tx.frames;
    }
    let d = dev.device_counters();
    assert_eq!(d.wire_rx_frames, wire_frames);
    assert_eq!(wire_frames + tx_frames, d.routed + d.unrouted.total());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn random_traffic_and_churn_conserve_every_frame(ops in proptest::collection::vec(op(), 1..200)) {
        let (dev, _msi) = device(cfg());
        let cap = Arc::new(CaptureWire::new());
        dev.attach_wire(cap.clone(), 1);
        enable_sriov(&dev, 4);
        let l = dev.layout();
        let region = Arc::new(VecRegion::new(8 * 2048));
        let dests = dests();
        let mut filters: Vec<FilterId> = Vec::new();
        let mut wire = 0u64;
        let mut tx = vec![0u64; l.queue_count()];
        for q in 0..l.queue_count() as u16 {
            let _ = dev.set_rx_region(QueueId(q), region.clone());
        }
        for op in ops {
            match op {
                Op::Wire(d, v, len) => {
                    wire += 1;
                    dev.receive(&frame(dests[d], mac(0x77), v, LENS[len]));
                }
                Op::Tx(q, d, s, len) => {
                    tx[q as usize] += 1;
                    let _ = dev.transmit(QueueId(q), &frame(dests[d], dests[s % 8], None, LENS[len]), None);
                }
                Op::AddFilter(d, q) => {
                    if let Ok(id) = dev.add_filter(dests[d], VlanMatch::UntaggedOrZero, QueueId(q)) {
                        filters.push(id);
                    }
                }
                Op::RemoveFilter(i) if !filters.is_empty() => {
                    let id = filters.remove(i % filters.len());
                    let _ = dev.remove_filter(id);
                }
                Op::MoveFilter(i, q) if !filters.is_empty() => {
                    let _ = dev.move_filter(filters[i % filters.len()], QueueId(q));
                }
                Op::PoolRx(q, b) => { let _ = dev.update_pool(QueueId(q), |p| p.rx_enable = b); }
                Op::PoolTx(q, b) => { let _ = dev.update_pool(QueueId(q), |p| p.tx_enable = b); }
                Op::PoolFlags(q, a, b, c) => {
                    let _ = dev.update_pool(QueueId(q), |p| {
                        p.accept_broadcast = a;
                        p.accept_multicast = b;
                        p.antispoof_mac = c.then_some(mac(q as u8));
                    });
                }
                Op::QueueRx(q, b) => {
                    let _ = dev.set_rx_region(QueueId(q), region.clone());
                    let _ = dev.enable_rx(QueueId(q), b);
                }
                Op::Post(q, n) => {
                    let d: Vec<RxDesc> = (0..n).map(|i| RxDesc { offset: (i * 2048) as u64, len: 2048 }).collect();
                    let _ = dev.post_rx(QueueId(q), &d);
                }
                Op::Poll(q) => { drain(&dev, QueueId(q)); }
                Op::Flr(vf) => { let _ = dev.vf_flr(vf); }
                Op::PfReset => { dev.pf_software_reset(); filters.clear(); }
                Op::Sriov(on) => {
                    if on { enable_sriov(&dev, 4) } else {
                        cfg_write16(&dev, Function::Pf, svnic_device::cfgspace::SRIOV_CAP + svnic_abi::pci::SRIOV_CONTROL, 0)
                    }
                }
                _ => {}
            }
        }
        check_conservation(&dev, wire, &tx);
        prop_assert_eq!(dev.device_counters().wire_tx_frames, cap.len() as u64);
    }
}

#[test]
fn concurrent_receive_poll_and_reconfiguration_conserve_every_frame() {
    let (dev, _msi) = device(DeviceConfig {
        rx_ring_len: 64,
        ..cfg()
    });
    dev.attach_wire(Arc::new(NullWire), 1);
    let l = dev.layout();
    let qs: Vec<QueueId> = (1..=4).map(|i| l.pf_queue(i).unwrap()).collect();
    let mut ids = Vec::new();
    for (i, &q) in qs.iter().enumerate() {
        ready_queue(&dev, q, 32);
        ids.push(
            dev.add_filter(mac(i as u8), VlanMatch::UntaggedOrZero, q)
                .unwrap(),
        );
    }
    ready_queue(&dev, QueueId::DEFAULT, 32);
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    const N: u64 = 20_000;
    let rx = {
        let dev = dev.clone();
        std::thread::spawn(move || {
            for i in 0..N {
                let d = if i % 17 == 0 {
                    [0xff; 6]
                } else {
                    mac((i % 6) as u8)
                };
                dev.receive(&frame(d, mac(0x55), None, 60 + (i % 100) as usize));
            }
        })
    };
    let tx = {
        let dev = dev.clone();
        let qs = qs.clone();
        std::thread::spawn(move || {
            for i in 0..N / 4 {
                let _ = dev.transmit(
                    qs[(i % 4) as usize],
                    &frame(mac((i % 5) as u8), mac(0x66), None, 60),
                    None,
                );
            }
        })
    };
    let poll = {
        let dev = dev.clone();
        let stop = stop.clone();
        let mut qs = qs.clone();
        qs.push(QueueId::DEFAULT);
        std::thread::spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                for &q in &qs {
                    let c = drain(&dev, q);
                    repost(&dev, q, &c);
                }
            }
        })
    };
    for round in 0..2000usize {
        let id = ids[round % 4];
        let _ = dev.move_filter(id, qs[(round + 1) % 4]);
        let _ = dev.update_pool(qs[round % 4], |p| p.accept_broadcast = round % 3 == 0);
        let _ = dev.enable_rx(qs[(round + 2) % 4], round % 5 != 0);
    }
    rx.join().unwrap();
    tx.join().unwrap();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    poll.join().unwrap();
    let mut attempts = vec![0u64; l.queue_count()];
    for (i, &q) in qs.iter().enumerate() {
        attempts[q.index()] = N / 16 + u64::from((i as u64) < (N / 4) % 4);
    }
    check_conservation(&dev, N, &attempts);
}
