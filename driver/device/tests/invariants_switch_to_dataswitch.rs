//! One test per invariant of device-model.md section 6, part 2: invariants 5 to 11 (switch,
//! rings, interrupts, mailbox, reference PF, resets, data-path switch).

mod common;

use std::sync::{Arc, Mutex, OnceLock, Weak};

use common::*;
use svnic_device::mailbox::*;
use svnic_device::refpf::{self, RefPf};
use svnic_device::*;

// ---------------------------------------------------------------- 5

#[test]
fn switch_keeps_vf_unicast_local_floods_broadcast_without_echo_and_drops_spoofs() {
    let (dev, msi, cap, [q0, q1]) = two_vfs();
    let vf0 = dev.vf(0).unwrap();
    // VF0 -> VF1 unicast: delivered locally, never on the wire.
    assert_eq!(
        vf0.transmit(&frame(mac(0x21), mac(0x20), None, 60), None),
        TxOutcome::Sent {
            local: 1,
            wire: false
        }
    );
    assert_eq!(drain(&dev, q1).len(), 1);
    assert!(cap.is_empty());
    // Broadcast: wire + every other accepting pool, never the source.
    assert_eq!(
        vf0.transmit(&frame(BROADCAST_MAC, mac(0x20), None, 60), None),
        TxOutcome::Sent { local: 2, wire: true }
    );
    assert_eq!(cap.take().len(), 1);
    assert_eq!(drain(&dev, q1).len(), 1);
    assert_eq!(drain(&dev, QueueId::DEFAULT).len(), 1);
    assert!(drain(&dev, q0).is_empty());
    // Unknown unicast: wire only (never the default queue for local traffic).
    assert_eq!(
        vf0.transmit(&frame(mac(0x99), mac(0x20), None, 60), None),
        TxOutcome::Sent { local: 0, wire: true }
    );
    assert!(drain(&dev, QueueId::DEFAULT).is_empty());
    assert_eq!(cap.take().len(), 1);
    // Spoofed source MAC: dropped, counted, PF told; nobody receives it.
    msi.take();
    assert_eq!(
        vf0.transmit(&frame(BROADCAST_MAC, mac(0x21), None, 60), None),
        TxOutcome::Dropped(DropReason::Spoofed)
    );
    // Spoofed VLAN (the VF may only send untagged).
    assert_eq!(
        vf0.transmit(&frame(mac(0x21), mac(0x20), None, 60), Some(7)),
        TxOutcome::Dropped(DropReason::Spoofed)
    );
    assert!(cap.is_empty());
    assert!(drain(&dev, q1).is_empty() && drain(&dev, QueueId::DEFAULT).is_empty());
    assert_eq!(dev.counters(q0).unwrap().tx.drops.get(DropReason::Spoofed), 2);
    assert!(dev.pf_take_vf_events(0).has(VfEvents::SPOOF));
    assert_eq!(dev.pf_take_vf_events(1), VfEvents(0));
    assert_eq!(msi.count(Function::Pf, 0), 2);
    assert_eq!(dev.device_counters().spoof_events, 2);
}

// ---------------------------------------------------------------- 6

struct OrderRegion {
    inner: VecRegion,
    dev: OnceLock<Weak<Device>>,
    q: QueueId,
    ready_seen: Mutex<Vec<u32>>,
}

impl DmaRegion for OrderRegion {
    fn len(&self) -> usize {
        self.inner.len()
    }
    fn write(&self, o: usize, d: &[u8]) -> bool {
        if let Some(dev) = self.dev.get().and_then(Weak::upgrade) {
            self.ready_seen.lock().unwrap().push(dev.rx_ready(self.q));
        }
        self.inner.write(o, d)
    }
    fn read(&self, o: usize, d: &mut [u8]) -> bool {
        self.inner.read(o, d)
    }
}

#[test]
fn rings_ignore_bad_tail_write_status_last_keep_order_span_eop_skip_empty_and_wrap() {
    let (dev, _) = device(DeviceConfig {
        rx_ring_len: 8,
        tx_ring_len: 8,
        ..small()
    });
    let q = dev.layout().pf_queue(1).unwrap();
    let r = Arc::new(OrderRegion {
        inner: VecRegion::new(16 * 1024),
        dev: OnceLock::new(),
        q,
        ready_seen: Mutex::new(vec![]),
    });
    r.dev.set(Arc::downgrade(&dev)).unwrap();
    dev.set_rx_region(q, r.clone()).unwrap();
    dev.enable_rx(q, true).unwrap();
    dev.update_pool(q, |p| p.rx_enable = true).unwrap();
    dev.add_filter(mac(1), VlanMatch::UntaggedOrZero, q).unwrap();

    // Register-level posting; a tail >= ring length is ignored.
    assert!(dev.write_rx_desc(q, 0, RxDesc { offset: 0, len: 0 }).unwrap()); // zero-address: skipped
    assert!(dev.write_rx_desc(q, 1, RxDesc { offset: 0, len: 1024 }).unwrap());
    assert!(dev
        .write_rx_desc(
            q,
            2,
            RxDesc {
                offset: 1024,
                len: 1024
            }
        )
        .unwrap());
    assert!(!dev.set_rx_tail(q, 8).unwrap());
    assert_eq!(dev.rx_head_tail(q).unwrap(), (0, 0));
    assert!(dev.set_rx_tail(q, 3).unwrap());

    let big = frame(mac(1), mac(2), None, 1500);
    dev.receive(&big);
    // Data was written while no completion was visible; all three completions published after.
    assert_eq!(*r.ready_seen.lock().unwrap(), vec![0, 0]);
    assert_eq!(dev.rx_ready(q), 3);
    let c = drain(&dev, q);
    assert_eq!(
        c.iter()
            .map(|c| (c.index, c.len, c.eop, c.skipped))
            .collect::<Vec<_>>(),
        vec![
            (0, 0, false, true),
            (1, 1024, false, false),
            (2, 476, true, false)
        ]
    );
    assert_eq!(c[2].frame_len, 1500);
    let mut got = r.inner.to_vec(0, 1500).unwrap();
    got.truncate(1500);
    assert_eq!(got, big);

    // Head never passes tail: no buffers left, the frame is dropped, nothing moves.
    dev.receive(&frame(mac(1), mac(2), None, 60));
    assert_eq!(dev.rx_head_tail(q).unwrap(), (3, 3));
    assert_eq!(dev.counters(q).unwrap().rx.drops.get(DropReason::NoBuffer), 1);

    // Wrap: 20 frames through an 8-slot ring; completions come back in submission order.
    let mut order = Vec::new();
    let mut next_buf = 0u64;
    let mut seq = 0u8;
    for _ in 0..10 {
        let descs: Vec<RxDesc> = (0..2)
            .map(|_| {
                next_buf = (next_buf + 1) % 8;
                RxDesc {
                    offset: next_buf * 2048,
                    len: 2048,
                }
            })
            .collect();
        assert_eq!(dev.post_rx(q, &descs).unwrap(), 2);
        for _ in 0..2 {
            let mut f = frame(mac(1), mac(2), None, 60);
            f[59] = seq;
            seq += 1;
            dev.receive(&f);
        }
        for c in drain(&dev, q) {
            order.push((c.index, r.inner.to_vec(c.offset as usize + 59, 1).unwrap()[0]));
        }
    }
    let idx: Vec<u16> = order.iter().map(|o| o.0).collect();
    let seqs: Vec<u8> = order.iter().map(|o| o.1).collect();
    assert_eq!(idx[..8], [3, 4, 5, 6, 7, 0, 1, 2]);
    assert_eq!(seqs, (0..20).collect::<Vec<u8>>());

    // Transmit: a two-fragment frame is gathered, only the last descriptor carries EOP.
    let cap = Arc::new(CaptureWire::new());
    dev.attach_wire(cap.clone(), 0);
    dev.update_pool(q, |p| p.tx_enable = true).unwrap();
    let txr = Arc::new(VecRegion::new(4096));
    let f = frame(mac(0x77), mac(2), None, 300);
    txr.write(0, &f[..100]);
    txr.write(1000, &f[100..]);
    dev.set_tx_region(q, txr).unwrap();
    dev.enable_tx(q, true).unwrap();
    dev.post_tx(
        q,
        &[
            TxDesc {
                offset: 0,
                len: 100,
                eop: false,
                vlan_tci: None,
            },
            TxDesc {
                offset: 1000,
                len: 200,
                eop: true,
                vlan_tci: Some(0x0042),
            },
        ],
    )
    .unwrap();
    let mut tc = [TxCompletion {
        index: 0,
        status: TxStatus::Sent,
    }; 4];
    assert_eq!(dev.poll_tx(q, &mut tc), 2);
    assert_eq!((tc[0].index, tc[1].index), (0, 1));
    let sent = cap.take();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].1.len(), 304);
    assert_eq!(&sent[0].1[12..16], &[0x81, 0x00, 0x00, 0x42]);
    assert_eq!(&sent[0].1[16..], &f[12..]);
}

// ---------------------------------------------------------------- 7

#[test]
fn msix_latches_masked_causes_moderates_without_loss_and_routes_per_function() {
    let (dev, msi, _cap, [q0, _q1]) = two_vfs();
    let l = dev.layout();
    let q = l.pf_queue(1).unwrap();
    ready_queue(&dev, q, 32);
    dev.add_filter(mac(1), VlanMatch::UntaggedOrZero, q).unwrap();
    let pf = Function::Pf;
    assert_eq!(dev.queue_vector(q).unwrap(), (pf, 2));
    msi.take();

    // Masked: latched; retargeted while latched; fires on unmask on the new processor.
    dev.set_vector_masked(pf, 2, true).unwrap();
    dev.receive(&frame(mac(1), mac(9), None, 60));
    assert!(msi.take().is_empty());
    assert!(dev.vector_state(pf, 2).unwrap().pending);
    dev.set_vector_processor(pf, 2, 3).unwrap();
    dev.set_vector_masked(pf, 2, false).unwrap();
    assert_eq!(
        msi.take(),
        vec![MsiMessage {
            function: pf,
            vector: 2,
            processor: 3,
            requester: 0x0100
        }]
    );

    // Moderation 100 us: at most one message per interval, none lost at its end.
    dev.set_moderation(pf, 2, 100).unwrap();
    dev.advance_to(1000);
    dev.receive(&frame(mac(1), mac(9), None, 60)); // t=1000: fires
    dev.advance_to(1010);
    dev.receive(&frame(mac(1), mac(9), None, 60)); // latched
    dev.advance_to(1050);
    dev.receive(&frame(mac(1), mac(9), None, 60)); // still latched
    dev.advance_to(1099);
    assert_eq!(msi.count(pf, 2), 1);
    dev.advance_to(1100);
    assert_eq!(msi.count(pf, 2), 2);
    dev.advance_to(1500);
    assert_eq!(msi.count(pf, 2), 2);
    assert_eq!(dev.vector_state(pf, 2).unwrap().last_fire_us, Some(1100));

    // A VF's queue interrupts through the VF's table only.
    msi.take();
    dev.receive(&frame(mac(0x20), mac(9), None, 60));
    assert_eq!(drain(&dev, q0).len(), 1);
    assert_eq!(
        msi.take(),
        vec![MsiMessage {
            function: Function::Vf(0),
            vector: 1,
            processor: 0,
            requester: 0x0180
        }]
    );

    // One vector per queue, never shared; vector 0 is the misc vector.
    assert_eq!(dev.set_queue_vector(q, 3), Err(DeviceError::VectorInUse));
    assert_eq!(dev.set_queue_vector(q, 0), Err(DeviceError::NoSuchVector));
    assert_eq!(dev.set_queue_vector(q, 99), Err(DeviceError::NoSuchVector));
    dev.set_queue_vector(q, 2).unwrap();
    let mut vecs: Vec<u16> = (0..=l.pf_queues)
        .map(|i| dev.queue_vector(QueueId(i)).unwrap().1)
        .collect();
    vecs.sort();
    vecs.dedup();
    assert_eq!(vecs.len(), l.pf_queues as usize + 1);
}

// ---------------------------------------------------------------- 8

#[test]
fn mailbox_enforces_ownership_signals_each_side_and_runs_the_reset_handshake() {
    let (dev, msi) = device(small());
    enable_sriov(&dev, 2);
    msi.take();
    // VF takes the buffer; the PF cannot.
    dev.vf_mbx_write(0, V2P_VFU).unwrap();
    dev.pf_mbx_write(0, P2V_PFU).unwrap();
    assert_eq!(dev.pf_mbx_read(0).unwrap(), P2V_VFU);
    assert_eq!(dev.pf_mbx_write_msg(0, &[1]), Err(DeviceError::MailboxNotOwned));
    // VF writes a long message and REQ: the PF gets the event on its misc vector.
    dev.vf_mbx_write_msg(0, &[0xaa; 16]).unwrap();
    dev.vf_mbx_write(0, V2P_REQ).unwrap();
    assert_eq!(dev.pf_take_vf_events(0), VfEvents(VfEvents::MBX_REQ));
    assert_eq!(dev.pf_take_vf_events(0), VfEvents(0));
    assert_eq!(msi.count(Function::Pf, 0), 1);
    // REQ without VFU released the buffer; RVFU would clear a stuck one.
    dev.vf_mbx_write(0, V2P_VFU).unwrap();
    dev.pf_mbx_write(0, P2V_RVFU).unwrap();
    assert_eq!(dev.pf_mbx_read(0).unwrap(), 0);
    // PF sends a short reply: zero-filled, PFSTS read-to-clear, VF misc vector.
    dev.pf_mbx_send(0, &[0x8000_0001, 2]).unwrap();
    let m = dev.vf_mbx_read_msg(0).unwrap();
    assert_eq!(m[..3], [0x8000_0001, 2, 0]);
    assert!(m[2..].iter().all(|&w| w == 0));
    assert_eq!(dev.vf_mbx_read(0).unwrap(), V2P_PFSTS);
    assert_eq!(dev.vf_mbx_read(0).unwrap(), 0);
    assert_eq!(msi.count(Function::Vf(0), 0), 1);
    // PF holds the buffer: the VF cannot take it.
    dev.pf_mbx_write(0, P2V_PFU).unwrap();
    dev.vf_mbx_write(0, V2P_VFU).unwrap();
    assert_eq!(dev.vf_mbx_read(0).unwrap(), V2P_PFU);
    assert_eq!(dev.vf_mbx_write_msg(0, &[1]), Err(DeviceError::MailboxNotOwned));
    // VF 1 saw none of it.
    assert_eq!(dev.vf_mbx_read(1).unwrap(), 0);
    // PF reset: RSTI until reset done, then RSTD once.
    dev.pf_software_reset();
    assert_eq!(dev.vf_mbx_read(1).unwrap(), V2P_RSTI);
    dev.pf_reset_done();
    assert_eq!(dev.vf_mbx_read(1).unwrap(), V2P_RSTD);
    assert_eq!(dev.vf_mbx_read(1).unwrap(), 0);
}

// ---------------------------------------------------------------- 9

#[test]
fn reference_pf_nacks_before_reset_replies_with_mac_and_keeps_admin_mac() {
    let (dev, _) = device(small());
    enable_sriov(&dev, 2);
    let mut pf = RefPf::new(&dev);
    let vf = dev.vf(0).unwrap();
    // Before VF_RESET: NACK.
    vf.mbx_send(&[refpf::SET_MAC_ADDR, 1, 2]).unwrap();
    assert_eq!(
        pf.service(&dev, 0).unwrap(),
        Some(vec![refpf::SET_MAC_ADDR | refpf::NACK])
    );
    // VF_RESET without a MAC: NACK.
    vf.mbx_send(&[refpf::VF_RESET]).unwrap();
    assert_eq!(
        pf.service(&dev, 0).unwrap(),
        Some(vec![refpf::VF_RESET | refpf::NACK])
    );
    // With an admin MAC: ACK|CTS, MAC in words 1-2, mc type in 3, the rest zero.
    let m = [0x02, 0x11, 0x22, 0x33, 0x44, 0x55];
    pf.set_vf_mac(0, m, true);
    vf.mbx_send(&[refpf::VF_RESET, 0xdead, 0xbeef, 0xfeed, 0xcafe])
        .unwrap();
    pf.service(&dev, 0).unwrap().unwrap();
    let reply = vf.mbx_read_msg().unwrap();
    let [w1, w2] = refpf::mac_to_words(&m);
    let mut want = [0u32; 16];
    want[..4].copy_from_slice(&[refpf::VF_RESET | refpf::ACK | refpf::CTS, w1, w2, 0]);
    assert_eq!(reply, want);
    assert_eq!(refpf::words_to_mac(w1, w2), m);
    // The VF pool now receives its MAC.
    let q = vf.queue();
    assert!(dev.pool_config(q).unwrap().rx_enable);
    assert_eq!(
        dev.filters()
            .iter()
            .filter(|(_, f)| f.queue == q && f.mac == m)
            .count(),
        1
    );
    // Admin MAC wins.
    let [a, b] = refpf::mac_to_words(&mac(0x66));
    vf.mbx_send(&[refpf::SET_MAC_ADDR, a, b]).unwrap();
    assert_eq!(
        pf.service(&dev, 0).unwrap(),
        Some(vec![refpf::SET_MAC_ADDR | refpf::NACK | refpf::CTS])
    );
    // API negotiation.
    vf.mbx_send(&[refpf::API_NEGOTIATE, refpf::API_11]).unwrap();
    assert_eq!(
        pf.service(&dev, 0).unwrap(),
        Some(vec![
            refpf::API_NEGOTIATE | refpf::ACK | refpf::CTS,
            refpf::API_11
        ])
    );
    assert_eq!(pf.api(0), Some(refpf::API_11));
    vf.mbx_send(&[refpf::API_NEGOTIATE, 99]).unwrap();
    assert_eq!(
        pf.service(&dev, 0).unwrap(),
        Some(vec![refpf::API_NEGOTIATE | refpf::NACK | refpf::CTS])
    );
    // A word 0 already carrying ACK is a reply, not a request: ignored.
    vf.mbx_send(&[refpf::API_NEGOTIATE | refpf::ACK]).unwrap();
    assert_eq!(pf.service(&dev, 0).unwrap(), None);
}

// ---------------------------------------------------------------- 10

#[test]
fn vf_flr_resets_only_that_vf_drops_its_inflight_tx_and_signals_the_pf() {
    let (dev, msi, cap, [q0, q1]) = two_vfs();
    let vf0 = dev.vf(0).unwrap();
    // Two frames posted to VF0's transmit ring while the queue is not enabled: in flight.
    let txr = Arc::new(VecRegion::new(4096));
    txr.write(0, &frame(mac(0x21), mac(0x20), None, 60));
    vf0.set_tx_region(txr).unwrap();
    dev.update_pool(q0, |p| p.tx_enable = true).unwrap();
    let d = TxDesc {
        offset: 0,
        len: 60,
        eop: true,
        vlan_tci: None,
    };
    vf0.post_tx(&[d, d]).unwrap();
    assert_eq!(dev.tx_head_tail(q0).unwrap(), (0, 2));
    let other_pool = dev.pool_config(q1).unwrap();
    let other_ring = dev.rx_head_tail(q1).unwrap();
    dev.set_vector_processor(Function::Vf(1), 1, 5).unwrap();
    msi.take();

    vf0.flr().unwrap();

    // In-flight transmits dropped and counted, never delivered.
    assert_eq!(dev.counters(q0).unwrap().tx.drops.get(DropReason::Disabled), 2);
    assert!(drain(&dev, q1).is_empty() && cap.is_empty());
    assert_eq!(dev.tx_head_tail(q0).unwrap(), (0, 0));
    // VF0 queues disabled and out of every receive set.
    assert_eq!(dev.rx_head_tail(q0).unwrap(), (0, 0));
    let p0 = dev.pool_config(q0).unwrap();
    assert!(!p0.rx_enable && !p0.tx_enable && !p0.accept_broadcast);
    dev.receive(&frame(BROADCAST_MAC, mac(9), None, 60));
    assert_eq!(drain(&dev, q1).len(), 1);
    assert!(drain(&dev, q0).is_empty());
    assert_eq!(dev.counters(q0).unwrap().rx.offered, 0);
    // The PF was told.
    assert_eq!(dev.pf_take_vf_events(0), VfEvents(VfEvents::FLR));
    assert_eq!(msi.count(Function::Pf, 0), 1);
    // Nothing of VF1 changed.
    assert_eq!(dev.pool_config(q1).unwrap(), other_pool);
    assert_eq!(dev.rx_head_tail(q1).unwrap().1, other_ring.1);
    assert_eq!(dev.vector_state(Function::Vf(1), 1).unwrap().processor, 5);
    assert_eq!(dev.pf_take_vf_events(1), VfEvents(0));
}

// ---------------------------------------------------------------- 11

#[test]
fn moving_a_filter_from_vmq_queue_to_vf_pool_is_atomic_under_concurrent_receive() {
    const N: usize = 3000;
    let (dev, _) = device(DeviceConfig {
        rx_ring_len: 4096,
        ..small()
    });
    enable_sriov(&dev, 1);
    let vmq = dev.layout().pf_queue(1).unwrap();
    let vfq = dev.layout().vf_queue(0).unwrap();
    let mut regions = Vec::new();
    for q in [vmq, vfq] {
        let r = Arc::new(VecRegion::new(N * 128));
        dev.set_rx_region(q, r.clone()).unwrap();
        let d: Vec<RxDesc> = (0..N)
            .map(|i| RxDesc {
                offset: (i * 128) as u64,
                len: 128,
            })
            .collect();
        assert_eq!(dev.post_rx(q, &d).unwrap(), N);
        dev.enable_rx(q, true).unwrap();
        dev.update_pool(q, |p| p.rx_enable = true).unwrap();
        regions.push(r);
    }
    let m = mac(0x42);
    let f = dev.add_filter(m, VlanMatch::UntaggedOrZero, vmq).unwrap();
    // The move races the middle third of the traffic; the sender holds back the last third until
    // the move is done, so both queues get frames however the threads are scheduled (on a loaded
    // machine the sender could otherwise finish before the move runs).
    let moved = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sender = {
        let dev = dev.clone();
        let moved = moved.clone();
        std::thread::spawn(move || {
            for i in 0..N as u32 {
                if i as usize == 2 * N / 3 {
                    while !moved.load(std::sync::atomic::Ordering::Acquire) {
                        std::thread::yield_now();
                    }
                }
                let mut fr = frame(m, mac(1), None, 64);
                fr[60..64].copy_from_slice(&i.to_le_bytes());
                dev.receive(&fr);
            }
        })
    };
    while dev.counters(vmq).unwrap().rx.frames < (N / 3) as u64 {
        std::hint::spin_loop();
    }
    dev.move_filter(f, vfq).unwrap();
    moved.store(true, std::sync::atomic::Ordering::Release);
    sender.join().unwrap();
    let seqs = |q: QueueId, r: &VecRegion| -> Vec<u32> {
        let mut out = vec![RxCompletion::default(); N];
        let n = dev.poll_rx(q, &mut out);
        out[..n]
            .iter()
            .map(|c| u32::from_le_bytes(r.to_vec(c.offset as usize + 60, 4).unwrap().try_into().unwrap()))
            .collect()
    };
    let a = seqs(vmq, &regions[0]);
    let b = seqs(vfq, &regions[1]);
    assert_eq!(a.len() + b.len(), N);
    assert!(!a.is_empty() && !b.is_empty());
    // Before the switch everything went to the VMQ queue, after it everything to the VF; no
    // frame in both, none lost, order kept.
    let mut all = a.clone();
    all.extend(&b);
    assert_eq!(all, (0..N as u32).collect::<Vec<_>>());
    assert_eq!(
        dev.counters(vmq).unwrap().rx.drops.total() + dev.counters(vfq).unwrap().rx.drops.total(),
        0
    );
}
