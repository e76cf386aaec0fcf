//! Untrusted input never panics the device: arbitrary configuration accesses from any function,
//! arbitrary VF register accesses, arbitrary descriptors and tails, arbitrary frames from the
//! wire and from pools. After it, the accounting still balances.

mod common;

use std::sync::Arc;

use common::*;
use proptest::prelude::*;
use svnic_device::*;

#[derive(Clone, Debug)]
enum Op {
    Cfg(u8, u16, Vec<u8>),
    CfgRead(u8, u16, usize),
    Mmio(u8, u32, u32),
    RxDesc(u16, u32, u64, u32),
    RxTail(u16, u32),
    TxDesc(u16, u32, u64, u32, bool),
    TxTail(u16, u32),
    Wire(Vec<u8>),
    Tx(u16, Vec<u8>, Option<u16>),
    Mbx(u8, u32, bool),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0u8..6, 0u16..0x1100, proptest::collection::vec(any::<u8>(), 0..8)).prop_map(|(f, o, d)| Op::Cfg(f, o, d)),
        1 => (0u8..6, any::<u16>(), 0usize..8).prop_map(|(f, o, n)| Op::CfgRead(f, o, n)),
        3 => (0u8..5, 0u32..0x4000, any::<u32>()).prop_map(|(v, o, x)| Op::Mmio(v, o, x)),
        1 => (0u16..14, any::<u32>(), any::<u64>(), any::<u32>()).prop_map(|(q, i, o, l)| Op::RxDesc(q, i, o, l)),
        1 => (0u16..14, 0u32..80).prop_map(|(q, t)| Op::RxTail(q, t)),
        1 => (0u16..14, 0u32..80, 0u64..9000, 0u32..10000, any::<bool>()).prop_map(|(q, i, o, l, e)| Op::TxDesc(q, i, o, l, e)),
        1 => (0u16..14, 0u32..80).prop_map(|(q, t)| Op::TxTail(q, t)),
        2 => proptest::collection::vec(any::<u8>(), 0..200).prop_map(Op::Wire),
        2 => (0u16..14, proptest::collection::vec(any::<u8>(), 0..200), proptest::option::of(any::<u16>())).prop_map(|(q, f, v)| Op::Tx(q, f, v)),
        1 => (0u8..5, any::<u32>(), any::<bool>()).prop_map(|(v, x, pf)| Op::Mbx(v, x, pf)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_accesses_and_frames_never_panic_and_keep_accounting(ops in proptest::collection::vec(op(), 1..150)) {
        let (dev, _) = device(DeviceConfig { total_vfs: 4, pf_queues: 8, rx_ring_len: 64, tx_ring_len: 64, ..DeviceConfig::default() });
        dev.attach_wire(Arc::new(NullWire), 0);
        enable_sriov(&dev, 3);
        for q in 0..dev.layout().queue_count() as u16 {
            let _ = dev.set_rx_region(QueueId(q), Arc::new(VecRegion::new(8192)));
            let _ = dev.set_tx_region(QueueId(q), Arc::new(VecRegion::new(8192)));
            let _ = dev.enable_rx(QueueId(q), true);
            let _ = dev.enable_tx(QueueId(q), true);
            let _ = dev.update_pool(QueueId(q), |p| { p.rx_enable = true; p.tx_enable = true; p.accept_broadcast = true; });
        }
        let func = |f: u8| if f == 0 { Function::Pf } else { Function::Vf(u16::from(f) - 1) };
        let mut wire = 0u64;
        for op in ops {
            match op {
                Op::Cfg(f, o, d) => dev.config_write(func(f), o, &d),
                Op::CfgRead(f, o, n) => { let mut b = vec![0u8; n]; dev.config_read(func(f), o, &mut b); }
                Op::Mmio(v, o, x) => if let Some(h) = dev.vf(u16::from(v)) { h.mmio_write(o, x); let _ = h.mmio_read(o); },
                Op::RxDesc(q, i, o, l) => { let _ = dev.write_rx_desc(QueueId(q), i, RxDesc { offset: o, len: l }); }
                Op::RxTail(q, t) => { let _ = dev.set_rx_tail(QueueId(q), t); }
                Op::TxDesc(q, i, o, l, e) => { let _ = dev.write_tx_desc(QueueId(q), i, TxDesc { offset: o, len: l, eop: e, vlan_tci: None }); }
                Op::TxTail(q, t) => { let _ = dev.set_tx_tail(QueueId(q), t); }
                Op::Wire(f) => { wire += 1; dev.receive(&f); }
                Op::Tx(q, f, v) => { let _ = dev.transmit(QueueId(q), &f, v); }
                Op::Mbx(v, x, pf) => {
                    let _ = if pf { dev.pf_mbx_write(u16::from(v), x) } else { dev.vf_mbx_write(u16::from(v), x) };
                    let _ = dev.vf_mbx_read(u16::from(v));
                }
            }
            for q in 0..dev.layout().queue_count() as u16 {
                drain(&dev, QueueId(q));
            }
        }
        let mut tx_frames = 0;
        for q in 0..dev.layout().queue_count() as u16 {
            let c = dev.counters(QueueId(q)).unwrap();
            prop_assert_eq!(c.rx.offered, c.rx.frames + c.rx.drops.total());
            prop_assert_eq!(c.tx.offered, c.tx.frames + c.tx.drops.total());
            tx_frames += c.tx.frames;
        }
        let d = dev.device_counters();
        prop_assert_eq!(d.wire_rx_frames, wire);
        prop_assert_eq!(wire + tx_frames, d.routed + d.unrouted.total());
    }
}
