//! SR-IOV data path on the modeled NIC, driven by the PF engine's OIDs: steering to vPorts,
//! VF isolation and anti-spoofing, MOVE_FILTER under continuous traffic, VF reset under traffic
//! (spec section 5 items 22, 23, 26; issue 6 must-haves 3 and 5).
//!
//! What these tests stand for: a receive NBL's VPortId is the vPort its device queue serves
//! (`ModelHw::queue_vport`, the mapping the receive path tags NBLs with); "the PF's DPCs" are the
//! PF's MSI-X vectors, so an interrupt for VF traffic that reached the PF's table would be a PF
//! DPC run for VF traffic.

mod sriov_common;
use sriov_common::*;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

use svnic_abi::status::*;
use svnic_device::frame::build_frame;
use svnic_device::{
    DeviceConfig, DmaRegion, DropReason, Function, MsiMessage, MsiSink, QueueId, RxCompletion, RxDesc,
    TxOutcome, VecRegion,
};
use svnic_miniport::sriov::caps::NicSwitchCaps;

const SLOT: u64 = 256;

#[derive(Default)]
struct Msis(Mutex<Vec<MsiMessage>>);
impl MsiSink for Msis {
    fn signal(&self, msg: MsiMessage) {
        self.0.lock().unwrap().push(msg);
    }
}

fn big_pf(ring: u16) -> (Pf, Arc<Msis>) {
    let msis = Arc::new(Msis::default());
    let cfg = DeviceConfig {
        total_vfs: TOTAL_VFS,
        pf_queues: PF_QUEUES,
        rx_ring_len: ring,
        tx_ring_len: 64,
        ..DeviceConfig::default()
    };
    let p = Pf::with_device(NicSwitchCaps::from_input(&caps_input()), true, cfg, msis.clone());
    (p, msis)
}

fn frame(dst: [u8; 6], src: [u8; 6], seq: u32, tci: Option<u16>) -> Vec<u8> {
    let mut b = vec![0u8; 128];
    let mut payload = [0u8; 46];
    payload[..4].copy_from_slice(&seq.to_le_bytes());
    let n = build_frame(&mut b, dst, src, tci, 0x0800, &payload).unwrap();
    b.truncate(n);
    b
}

/// Drain queue `q`; returns the sequence numbers of the frames, read back from the queue's memory.
fn drain(p: &Pf, q: QueueId, region_of: &dyn Fn(QueueId) -> Option<Vec<u8>>) -> Vec<(u32, RxCompletion)> {
    let d = p.dev();
    let mut out = vec![];
    loop {
        let mut chunk = vec![RxCompletion::default(); 4096];
        let n = match d.layout().owner(q) {
            Some(Function::Vf(vf)) => d.vf(vf).unwrap().poll_rx(&mut chunk),
            _ => d.poll_rx(q, &mut chunk),
        };
        if n == 0 {
            break;
        }
        chunk.truncate(n);
        out.extend(chunk);
    }
    let mem = region_of(q);
    out.into_iter()
        .filter(|c| c.eop)
        .map(|c| {
            let seq = mem
                .as_ref()
                .map(|m| {
                    let base = c.offset as usize;
                    let tagged = m[base + 12..base + 14] == [0x81, 0x00];
                    let o = base + if tagged { 18 } else { 14 };
                    u32::from_le_bytes(m[o..o + 4].try_into().unwrap())
                })
                .unwrap_or(u32::MAX);
            (seq, c)
        })
        .collect()
}

/// Queues with their memory, so received frames can be read back.
struct Armed {
    regions: Vec<(QueueId, Arc<VecRegion>)>,
}

impl Armed {
    fn new() -> Self {
        Self { regions: vec![] }
    }
    fn arm(&mut self, p: &Pf, q: QueueId, n: u32) {
        let r = Arc::new(VecRegion::new(n as usize * SLOT as usize));
        let d = p.dev();
        let descs: Vec<RxDesc> = (0..n)
            .map(|i| RxDesc {
                offset: u64::from(i) * SLOT,
                len: SLOT as u32,
            })
            .collect();
        match d.layout().owner(q) {
            Some(Function::Vf(vf)) => {
                let h = d.vf(vf).unwrap();
                h.set_rx_region(r.clone()).unwrap();
                h.post_rx(&descs).unwrap();
                h.enable_rx(true).unwrap();
            }
            _ => {
                d.set_rx_region(q, r.clone()).unwrap();
                d.post_rx(q, &descs).unwrap();
                d.enable_rx(q, true).unwrap();
            }
        }
        self.regions.push((q, r));
    }
    fn mem(&self, q: QueueId) -> Option<Vec<u8>> {
        let r = &self.regions.iter().find(|(x, _)| *x == q)?.1;
        r.to_vec(0, r.len())
    }
    fn drain(&self, p: &Pf, q: QueueId) -> Vec<(u32, RxCompletion)> {
        drain(p, q, &|q| self.mem(q))
    }
}

#[test]
fn four_vf_vms_and_four_pf_vport_vms_each_receive_exactly_their_frames() {
    let (mut p, msis) = big_pf(512);
    assert_eq!(p.create_switch(4), NDIS_STATUS_SUCCESS);
    let mut a = Armed::new();
    a.arm(&p, QueueId::DEFAULT, 512);
    // VMs 0..4 on VFs (vPorts 1..=4), VMs 4..8 on PF vPorts 5..=8 (the VMQ-like path).
    for vm in 0..4u8 {
        let vf = p.vm_start(100 + u32::from(vm), 1 + u32::from(vm), mac(vm));
        assert_eq!(vf, u16::from(vm));
    }
    for vm in 4..8u8 {
        let vport = 1 + u32::from(vm);
        assert_eq!(p.create_pf_vport(vport, 1 << (vm - 4)), NDIS_STATUS_SUCCESS);
        let mut b = vport_set_buf(vport, 0x0008_0000, 1, 1);
        assert_eq!(
            p.set(
                svnic_miniport::sriov::abi::OID_NIC_SWITCH_VPORT_PARAMETERS,
                &mut b
            ),
            NDIS_STATUS_SUCCESS
        );
        assert_eq!(
            p.set_filter(100 + u32::from(vm), vport, mac(vm), None),
            NDIS_STATUS_SUCCESS
        );
    }
    for vm in 0..8u8 {
        a.arm(&p, p.hw.vport_queue(1 + u32::from(vm)).unwrap(), 512);
    }
    msis.0.lock().unwrap().clear();
    // Interleaved: 8 VMs + an unknown unicast, 40 rounds.
    let mut expect: Vec<(u32, u32)> = vec![]; // (seq, vport)
    let mut seq = 0u32;
    for _round in 0..40 {
        for vm in 0..9u8 {
            let dst = if vm == 8 { mac(200) } else { mac(vm) };
            p.dev().receive(&frame(dst, [2, 9, 9, 9, 9, 9], seq, None));
            expect.push((seq, if vm == 8 { 0 } else { 1 + u32::from(vm) }));
            seq += 1;
        }
    }
    let mut got: Vec<(u32, u32)> = vec![];
    for vport in 0..=8u32 {
        let q = p.hw.vport_queue(vport).unwrap();
        for (s, c) in a.drain(&p, q) {
            assert_eq!(c.queue, q);
            got.push((s, p.hw.queue_vport(c.queue).unwrap()));
        }
    }
    got.sort();
    assert_eq!(got, expect, "every frame exactly once, on its vPort");
    // VF traffic raised only VF vectors; PF vectors only for PF queues.
    let msgs = msis.0.lock().unwrap().clone();
    for vf in 0..4u16 {
        assert!(
            msgs.iter().any(|m| m.function == Function::Vf(vf)),
            "VF {vf} got its interrupt"
        );
    }
    let vf_queue_vectors: Vec<u16> = msgs
        .iter()
        .filter(|m| m.function == Function::Pf)
        .map(|m| m.vector)
        .collect();
    for v in vf_queue_vectors {
        let (f, _) = (0..=PF_QUEUES)
            .map(|q| p.dev().queue_vector(QueueId(q)).unwrap())
            .find(|(_, vec)| *vec == v)
            .expect("a PF interrupt belongs to a PF queue");
        assert_eq!(f, Function::Pf);
    }
}

#[test]
fn a_vf_never_receives_frames_that_belong_to_another_vports_filters() {
    let (mut p, _) = big_pf(256);
    p.create_switch(2);
    let mut a = Armed::new();
    a.arm(&p, QueueId::DEFAULT, 256);
    p.vm_start(100, 1, mac(1));
    p.vm_start(101, 2, mac(2));
    let q1 = p.hw.vport_queue(1).unwrap();
    let q2 = p.hw.vport_queue(2).unwrap();
    a.arm(&p, q1, 256);
    a.arm(&p, q2, 256);
    for i in 0..50 {
        p.dev().receive(&frame(mac(2), [2, 7, 7, 7, 7, 7], i, None));
        p.dev()
            .receive(&frame(mac(9), [2, 7, 7, 7, 7, 7], 1000 + i, None));
        // Tagged with a VID the VF's untagged filter does not accept.
        p.dev()
            .receive(&frame(mac(1), [2, 7, 7, 7, 7, 7], 2000 + i, Some(5)));
    }
    assert_eq!(a.drain(&p, q1).len(), 0);
    assert_eq!(
        a.drain(&p, q2).iter().map(|(s, _)| *s).collect::<Vec<_>>(),
        (0..50).collect::<Vec<_>>()
    );
}

#[test]
fn spoofed_source_mac_or_vlan_from_a_vf_is_dropped_and_counted() {
    let (mut p, _) = big_pf(256);
    p.create_switch(2);
    let mut a = Armed::new();
    a.arm(&p, QueueId::DEFAULT, 256);
    p.vm_start(100, 1, mac(1));
    p.vm_start(101, 2, mac(2));
    let q2 = p.hw.vport_queue(2).unwrap();
    a.arm(&p, q2, 256);
    let h = p.dev().vf(0).unwrap();
    h.enable_tx(true).unwrap();
    // Pretending to be VF 1, and tagging a VLAN it does not own.
    assert_eq!(
        h.transmit(&frame(mac(2), mac(2), 1, None), None),
        TxOutcome::Dropped(DropReason::Spoofed)
    );
    assert_eq!(
        h.transmit(&frame(mac(2), mac(1), 2, None), Some(7)),
        TxOutcome::Dropped(DropReason::Spoofed)
    );
    let q1 = p.hw.vport_queue(1).unwrap();
    let c = p.dev().counters(q1).unwrap();
    assert_eq!(c.tx.drops.get(DropReason::Spoofed), 2);
    assert_eq!(a.drain(&p, q2).len(), 0, "nothing spoofed reached VF 1");
    // Its own identity passes and is switched to VF 1.
    assert!(matches!(
        h.transmit(&frame(mac(2), mac(1), 3, None), None),
        TxOutcome::Sent { .. }
    ));
    assert_eq!(
        a.drain(&p, q2).iter().map(|(s, _)| *s).collect::<Vec<_>>(),
        vec![3]
    );
}

#[test]
fn move_filter_under_continuous_traffic_loses_and_duplicates_nothing_and_flips_the_vport_once() {
    const CAP: u32 = 32000;
    let (mut p, _) = big_pf(32768);
    p.create_switch(2);
    let mut a = Armed::new();
    a.arm(&p, QueueId::DEFAULT, 32768);
    assert_eq!(p.set_filter(100, 0, mac(1), None), NDIS_STATUS_SUCCESS);
    let (_, vf, _) = p.allocate_vf(mac(1));
    assert_eq!(p.create_vf_vport(1, vf), NDIS_STATUS_SUCCESS);
    let q1 = p.hw.vport_queue(1).unwrap();
    a.arm(&p, q1, 32768);
    // The sender runs until the move is done and 500 frames past it (capped).
    let run = |p: &mut Pf, first: u32, src: u32, dst: u32| -> u32 {
        let dev = p.dev().clone();
        let started = Arc::new(AtomicBool::new(false));
        let moved = Arc::new(AtomicBool::new(false));
        let (s2, m2) = (started.clone(), moved.clone());
        let sender = thread::spawn(move || {
            let mut i = first;
            let mut after = 0;
            while after < 500 && i < first + CAP / 2 {
                dev.receive(&frame(mac(1), [2, 7, 7, 7, 7, 7], i, None));
                i += 1;
                if i == first + 100 {
                    s2.store(true, Ordering::Release);
                }
                if i > first + 100 {
                    // Leave the OID thread room on a busy machine; traffic keeps flowing.
                    thread::yield_now();
                }
                if m2.load(Ordering::Acquire) {
                    after += 1;
                }
            }
            i - first
        });
        while !started.load(Ordering::Acquire) {
            std::hint::spin_loop();
        }
        assert_eq!(p.move_filter(100, src, dst), NDIS_STATUS_SUCCESS);
        moved.store(true, Ordering::Release);
        sender.join().unwrap()
    };
    let n = run(&mut p, 0, 0, 1);
    assert!(n < CAP / 2, "the move finished while traffic ran");
    let n_first = n;
    let mut got: Vec<(u32, u32)> = vec![];
    for q in [QueueId::DEFAULT, q1] {
        for (s, c) in a.drain(&p, q) {
            got.push((s, p.hw.queue_vport(c.queue).unwrap()));
        }
    }
    got.sort();
    assert_eq!(got.len(), n_first as usize, "nothing lost, nothing duplicated");
    assert!(got.iter().enumerate().all(|(i, (s, _))| *s == i as u32));
    let flips = got.windows(2).filter(|w| w[0].1 != w[1].1).count();
    assert_eq!(flips, 1, "the vPort id flips exactly once");
    assert_eq!((got[0].1, got[n_first as usize - 1].1), (0, 1));
    // And back (VF revoke): again exactly one flip, the other way.
    let n = run(&mut p, n_first, 1, 0);
    let mut got: Vec<(u32, u32)> = vec![];
    for q in [QueueId::DEFAULT, q1] {
        for (s, c) in a.drain(&p, q) {
            got.push((s, p.hw.queue_vport(c.queue).unwrap()));
        }
    }
    got.sort();
    assert_eq!(got.len(), n as usize, "nothing lost, nothing duplicated");
    assert!(got.iter().enumerate().all(|(i, (s, _))| *s == n_first + i as u32));
    assert_eq!(
        got.windows(2).filter(|w| w[0].1 != w[1].1).count(),
        1,
        "flips back exactly once"
    );
    assert_eq!((got[0].1, got[n as usize - 1].1), (1, 0));
}

#[test]
fn a_vf_reset_under_traffic_disturbs_no_other_function() {
    let (mut p, _) = big_pf(1024);
    p.create_switch(3);
    let mut a = Armed::new();
    a.arm(&p, QueueId::DEFAULT, 1024);
    let vf0 = p.vm_start(100, 1, mac(1));
    let _vf1 = p.vm_start(101, 2, mac(2));
    assert_eq!(p.create_pf_vport(3, 1), NDIS_STATUS_SUCCESS);
    let mut b = vport_set_buf(3, 0x0008_0000, 1, 1);
    p.set(
        svnic_miniport::sriov::abi::OID_NIC_SWITCH_VPORT_PARAMETERS,
        &mut b,
    );
    p.set_filter(102, 3, mac(3), None);
    let (q1, q2, q3) = (
        p.hw.vport_queue(1).unwrap(),
        p.hw.vport_queue(2).unwrap(),
        p.hw.vport_queue(3).unwrap(),
    );
    for q in [q1, q2, q3] {
        a.arm(&p, q, 1024);
    }
    let send_round = |p: &Pf, base: u32| {
        for i in 0..100 {
            for (k, m) in [(0u32, mac(1)), (1, mac(2)), (2, mac(3)), (3, mac(77))] {
                p.dev()
                    .receive(&frame(m, [2, 7, 7, 7, 7, 7], base + i * 4 + k, None));
            }
        }
    };
    send_round(&p, 0);
    // Teardown of VM 0 in the documented order, with traffic in between each step.
    assert_eq!(p.move_filter(100, 1, 0), NDIS_STATUS_SUCCESS);
    send_round(&p, 400);
    // The guest's VF driver has taken its frames before it was halted (FLR empties its rings).
    let got0: Vec<u32> = a.drain(&p, q1).into_iter().map(|(s, _)| s).collect();
    assert_eq!(p.delete_vport(1), NDIS_STATUS_SUCCESS);
    assert_eq!(p.reset_vf(vf0), NDIS_STATUS_SUCCESS);
    send_round(&p, 800);
    assert_eq!(p.free_vf(vf0), NDIS_STATUS_SUCCESS);
    let seqs = |v: Vec<(u32, RxCompletion)>| v.into_iter().map(|(s, _)| s).collect::<Vec<_>>();
    let all = |k: u32| {
        (0..300)
            .map(|i| (i / 100) * 400 + (i % 100) * 4 + k)
            .collect::<Vec<_>>()
    };
    assert_eq!(seqs(a.drain(&p, q2)), all(1), "VF 1 saw every one of its frames");
    assert_eq!(
        seqs(a.drain(&p, q3)),
        all(2),
        "the PF vPort saw every one of its frames"
    );
    assert_eq!(
        seqs(a.drain(&p, q1)),
        Vec::<u32>::new(),
        "nothing reaches a reset VF"
    );
    assert_eq!(
        got0,
        (0..100).map(|i| i * 4).collect::<Vec<_>>(),
        "VF 0 only before its filter moved"
    );
    let mut dflt = seqs(a.drain(&p, QueueId::DEFAULT));
    dflt.sort();
    let mut want: Vec<u32> = all(3);
    want.extend((100..300).map(|i| (i / 100) * 400 + (i % 100) * 4));
    want.sort();
    assert_eq!(
        dflt, want,
        "VF 0's MAC fell back to the default vPort, unknown MACs stayed there"
    );
    let c2 = p.dev().counters(q2).unwrap();
    assert_eq!(c2.rx.drops.total(), 0);
}

#[test]
fn pf_vport_frames_carry_its_vport_id_and_none_arrive_after_delete_vport() {
    let (mut p, _) = big_pf(256);
    p.create_switch(1);
    let mut a = Armed::new();
    a.arm(&p, QueueId::DEFAULT, 256);
    assert_eq!(p.create_pf_vport(5, 1 << 1), NDIS_STATUS_SUCCESS);
    let q = p.hw.vport_queue(5).unwrap();
    a.arm(&p, q, 256);
    // No filter yet: nothing for the vPort.
    p.dev().receive(&frame(mac(5), [2, 7, 7, 7, 7, 7], 0, None));
    assert_eq!(a.drain(&p, q).len(), 0);
    let mut b = vport_set_buf(5, 0x0008_0000, 1, 1);
    p.set(
        svnic_miniport::sriov::abi::OID_NIC_SWITCH_VPORT_PARAMETERS,
        &mut b,
    );
    assert_eq!(p.set_filter(9, 5, mac(5), Some(20)), NDIS_STATUS_SUCCESS);
    p.dev().receive(&frame(mac(5), [2, 7, 7, 7, 7, 7], 1, Some(20)));
    p.dev().receive(&frame(mac(5), [2, 7, 7, 7, 7, 7], 2, None));
    let got = a.drain(&p, q);
    assert_eq!(
        got.iter()
            .map(|(s, c)| (*s, p.hw.queue_vport(c.queue)))
            .collect::<Vec<_>>(),
        vec![(1, Some(5))]
    );
    assert_eq!(p.clear_filter(9), NDIS_STATUS_SUCCESS);
    assert_eq!(p.delete_vport(5), NDIS_STATUS_SUCCESS);
    assert_eq!(p.hw.queue_vport(q), None);
    p.dev().receive(&frame(mac(5), [2, 7, 7, 7, 7, 7], 3, Some(20)));
    assert_eq!(a.drain(&p, q).len(), 0);
}
