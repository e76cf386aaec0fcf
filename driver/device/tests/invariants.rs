//! One test per invariant of device-model.md section 6 (1 to 11).

mod common;

use std::sync::{Arc, Mutex, OnceLock, Weak};

use common::*;
use svnic_abi::pci as abi;
use svnic_device::cfgspace::{PCIE_DEVCTL, PCIE_DEVCTL_FLR, SRIOV_CAP};
use svnic_device::mailbox::*;
use svnic_device::refpf::{self, RefPf};
use svnic_device::*;

fn small() -> DeviceConfig {
    DeviceConfig {
        total_vfs: 8,
        pf_queues: 8,
        rx_ring_len: 64,
        tx_ring_len: 64,
        ..DeviceConfig::default()
    }
}

// ---------------------------------------------------------------- 1

#[test]
fn sriov_cap_gates_numvfs_freezes_it_while_enabled_and_vfs_vanish_when_disabled() {
    let (dev, _) = device(DeviceConfig::default());
    let pf = Function::Pf;
    assert_eq!(cfg_read16(&dev, pf, 0), 0x5356);
    assert_eq!(cfg_read16(&dev, pf, SRIOV_CAP + abi::SRIOV_TOTAL_VFS), 32);
    assert_eq!(cfg_read16(&dev, pf, SRIOV_CAP + abi::SRIOV_INITIAL_VFS), 32);
    assert_eq!(cfg_read16(&dev, pf, SRIOV_CAP + abi::SRIOV_FIRST_VF_OFFSET), 0x80);
    assert_eq!(cfg_read16(&dev, pf, SRIOV_CAP + abi::SRIOV_VF_STRIDE), 2);
    assert_eq!(cfg_read16(&dev, pf, SRIOV_CAP + abi::SRIOV_VF_DEVICE_ID), 0x1001);
    // Extended capability chain: ARI at 0x100 -> SR-IOV at 0x160.
    assert_eq!(
        cfg_read32(&dev, pf, 0x100),
        abi::pcie_ext_cap_header(0x000e, 1, 0x160)
    );
    assert_eq!(cfg_read32(&dev, pf, SRIOV_CAP) & 0xffff, 0x0010);
    // Read-only registers ignore writes.
    cfg_write16(&dev, pf, SRIOV_CAP + abi::SRIOV_TOTAL_VFS, 7);
    cfg_write16(&dev, pf, 0, 0x1234);
    assert_eq!(cfg_read16(&dev, pf, SRIOV_CAP + abi::SRIOV_TOTAL_VFS), 32);
    assert_eq!(cfg_read16(&dev, pf, 0), 0x5356);

    // A VF that is not enabled reads all-ones.
    assert_eq!(cfg_read32(&dev, Function::Vf(0), 0), 0xffff_ffff);

    // VF Enable refused while NumVFs > TotalVFs.
    cfg_write16(&dev, pf, SRIOV_CAP + abi::SRIOV_NUM_VFS, 33);
    cfg_write16(
        &dev,
        pf,
        SRIOV_CAP + abi::SRIOV_CONTROL,
        abi::SRIOV_CTRL_VF_ENABLE,
    );
    assert_eq!(
        cfg_read16(&dev, pf, SRIOV_CAP + abi::SRIOV_CONTROL) & abi::SRIOV_CTRL_VF_ENABLE,
        0
    );
    assert_eq!(dev.num_vfs(), 0);

    // NumVFs = 4 and enable; NumVFs frozen while enabled.
    enable_sriov(&dev, 4);
    assert_eq!(dev.num_vfs(), 4);
    cfg_write16(&dev, pf, SRIOV_CAP + abi::SRIOV_NUM_VFS, 2);
    assert_eq!(cfg_read16(&dev, pf, SRIOV_CAP + abi::SRIOV_NUM_VFS), 4);
    assert!(dev.vf_enabled(3) && !dev.vf_enabled(4));

    // RID = PF RID + offset + i * stride.
    assert_eq!(dev.vf_requester_id(0), Some(0x0180));
    assert_eq!(dev.vf_requester_id(3), Some(0x0186));
    assert_eq!(dev.vf_requester_id(32), None);

    // BAR probe semantics: PF BAR0 128 KiB, BAR1 absent; VF BAR0 16 KiB in the SR-IOV cap.
    cfg_write32(&dev, pf, abi::PCI_BASE_ADDRESS_0, 0xffff_ffff);
    assert_eq!(cfg_read32(&dev, pf, abi::PCI_BASE_ADDRESS_0), 0xfffe_0000);
    cfg_write32(&dev, pf, abi::PCI_BASE_ADDRESS_1, 0xffff_ffff);
    assert_eq!(cfg_read32(&dev, pf, abi::PCI_BASE_ADDRESS_1), 0);
    cfg_write32(&dev, pf, SRIOV_CAP + abi::SRIOV_VF_BAR0, 0xffff_ffff);
    assert_eq!(cfg_read32(&dev, pf, SRIOV_CAP + abi::SRIOV_VF_BAR0), 0xffff_c000);
    cfg_write32(&dev, pf, SRIOV_CAP + abi::SRIOV_VF_BAR0, 0xe000_0000);
    assert_eq!(dev.vf_bar_address(2, 0), Some(0xe000_8000));
    assert_eq!(dev.vf_bar_address(2, 1), None);

    // An enabled VF: ids read 0xFFFF (SR-IOV 9.3.4), class code is Ethernet, BARs are RO zero.
    let vf1 = Function::Vf(1);
    assert_eq!(cfg_read32(&dev, vf1, 0), 0xffff_ffff);
    assert_eq!(cfg_read32(&dev, vf1, 0x08), 0x0200_0001);
    cfg_write32(&dev, vf1, abi::PCI_BASE_ADDRESS_0, 0xffff_ffff);
    assert_eq!(cfg_read32(&dev, vf1, abi::PCI_BASE_ADDRESS_0), 0);
    assert_eq!(cfg_read32(&dev, Function::Vf(4), 0x08), 0xffff_ffff);

    // Disable: the VFs vanish and do nothing.
    cfg_write16(&dev, pf, SRIOV_CAP + abi::SRIOV_CONTROL, 0);
    assert!(!dev.vf_enabled(1));
    assert_eq!(cfg_read32(&dev, vf1, 0x08), 0xffff_ffff);
    let q = dev.layout().vf_queue(1).unwrap();
    assert_eq!(dev.enable_rx(q, true), Err(DeviceError::FunctionDisabled));
    assert_eq!(
        dev.transmit(q, &frame(mac(9), mac(1), None, 60), None),
        TxOutcome::Dropped(DropReason::Disabled)
    );
    assert_eq!(dev.vf(1).unwrap().mmio_read(0x8), u32::MAX);

    // PF FLR clears VF Enable and NumVFs.
    enable_sriov(&dev, 4);
    assert_eq!(dev.num_vfs(), 4);
    cfg_write16(&dev, pf, PCIE_DEVCTL, PCIE_DEVCTL_FLR);
    assert_eq!(cfg_read16(&dev, pf, SRIOV_CAP + abi::SRIOV_CONTROL), 0);
    assert_eq!(cfg_read16(&dev, pf, SRIOV_CAP + abi::SRIOV_NUM_VFS), 0);
    assert_eq!(dev.num_vfs(), 0);
    assert!(!dev.vf_enabled(0));
}

// ---------------------------------------------------------------- 2

struct RidRegion {
    inner: VecRegion,
    rids: Mutex<Vec<u16>>,
}

impl DmaRegion for RidRegion {
    fn len(&self) -> usize {
        self.inner.len()
    }
    fn write(&self, o: usize, d: &[u8]) -> bool {
        self.inner.write(o, d)
    }
    fn read(&self, o: usize, d: &mut [u8]) -> bool {
        self.inner.read(o, d)
    }
    fn write_as(&self, rid: u16, o: usize, d: &[u8]) -> bool {
        self.rids.lock().unwrap().push(rid);
        self.inner.write(o, d)
    }
}

#[derive(Debug, PartialEq)]
struct Snapshot {
    pools: Vec<PoolConfig>,
    filters: Vec<(FilterId, FilterInfo)>,
    rings: Vec<((u32, u32), (u32, u32))>,
    vectors: Vec<VectorState>,
    mbx: u32,
    events: Vec<u8>,
    counters: Vec<QueueCounters>,
}

fn snapshot_except_vf0(dev: &Device) -> Snapshot {
    let l = dev.layout();
    let vf0q = l.vf_queue(0).unwrap();
    let qs: Vec<QueueId> = (0..l.queue_count() as u16)
        .map(QueueId)
        .filter(|&q| q != vf0q)
        .collect();
    let mut vectors = Vec::new();
    for v in 1..dev.vector_count(Function::Pf).unwrap() as u16 {
        vectors.push(dev.vector_state(Function::Pf, v).unwrap());
    }
    for vf in 1..4 {
        for v in 0..2 {
            vectors.push(dev.vector_state(Function::Vf(vf), v).unwrap());
        }
    }
    Snapshot {
        pools: qs.iter().map(|&q| dev.pool_config(q).unwrap()).collect(),
        filters: dev.filters(),
        rings: qs
            .iter()
            .map(|&q| (dev.rx_head_tail(q).unwrap(), dev.tx_head_tail(q).unwrap()))
            .collect(),
        vectors,
        mbx: dev.pf_mbx_read(1).unwrap(),
        events: (1..4).map(|v| dev.pf_take_vf_events(v).0).collect(),
        counters: qs.iter().map(|&q| dev.counters(q).unwrap()).collect(),
    }
}

#[test]
fn vf_register_and_config_writes_reach_only_that_vf_and_its_dma_uses_its_rid() {
    let (dev, msi) = device(small());
    enable_sriov(&dev, 4);
    for vf in 0..4u16 {
        let q = dev.layout().vf_queue(vf).unwrap();
        ready_queue(&dev, q, 4);
        dev.add_filter(mac(0x10 + vf as u8), VlanMatch::UntaggedOrZero, q)
            .unwrap();
    }
    let before = snapshot_except_vf0(&dev);
    let vf0 = dev.vf(0).unwrap();
    // Deterministic pseudo-random register and config traffic from VF 0.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let named = [
        0x0, 0x8, 0x200, 0x23c, 0x2fc, 0x1520, 0x1524, 0x1528, 0x1680, 0x1684, 0x2818, 0x2828, 0x3818, 0x3828,
    ];
    for i in 0..20_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let off = if i % 2 == 0 {
            named[(x % named.len() as u64) as usize]
        } else {
            ((x >> 8) as u32 % 0x4000) & !3
        };
        let val = (x >> 32) as u32;
        vf0.mmio_write(off, val);
        let _ = vf0.mmio_read(off);
        if i % 8 == 0 {
            let coff = ((x >> 20) as u16) % 0x1100;
            vf0.config_write(coff, &val.to_le_bytes());
        }
        if !dev.vf_enabled(0) {
            break;
        }
    }
    // VF 0 may have reset itself (a signal to the PF) but nothing of anyone else changed.
    let _ = dev.pf_take_vf_events(0);
    assert_eq!(snapshot_except_vf0(&dev), before);

    // DMA and MSI of a VF queue carry the VF's requester id.
    let (dev, msi2) = device(small());
    drop(msi);
    enable_sriov(&dev, 2);
    let q = dev.layout().vf_queue(1).unwrap();
    let r = Arc::new(RidRegion {
        inner: VecRegion::new(4096),
        rids: Mutex::new(Vec::new()),
    });
    dev.set_rx_region(q, r.clone()).unwrap();
    dev.post_rx(q, &[RxDesc { offset: 0, len: 2048 }]).unwrap();
    dev.enable_rx(q, true).unwrap();
    dev.update_pool(q, |p| p.rx_enable = true).unwrap();
    dev.add_filter(mac(0x21), VlanMatch::UntaggedOrZero, q).unwrap();
    dev.receive(&frame(mac(0x21), mac(1), None, 100));
    assert_eq!(*r.rids.lock().unwrap(), vec![0x0182]);
    let m = msi2.take();
    assert_eq!(
        m,
        vec![MsiMessage {
            function: Function::Vf(1),
            vector: 1,
            processor: 0,
            requester: 0x0182
        }]
    );
}

// ---------------------------------------------------------------- 3

#[test]
fn classifier_applies_exact_vlan_default_flood_enable_and_size_rules() {
    let (dev, _) = device(small());
    let l = dev.layout();
    let (q1, q2, q3) = (
        l.pf_queue(1).unwrap(),
        l.pf_queue(2).unwrap(),
        l.pf_queue(3).unwrap(),
    );
    let d = QueueId::DEFAULT;
    for q in [d, q1, q2, q3] {
        ready_queue(&dev, q, 16);
    }
    let a = mac(0xa);
    let fa = dev.add_filter(a, VlanMatch::UntaggedOrZero, q1).unwrap();
    let fb = dev.add_filter(mac(0xb), VlanMatch::Vid(5), q2).unwrap();
    dev.update_pool(q2, |p| {
        p.strip_vlan = true;
        p.accept_broadcast = true;
    })
    .unwrap();
    let mc = [0x01, 0x00, 0x5e, 0, 0, 1];
    let fm = dev.add_filter(mc, VlanMatch::UntaggedOrZero, q3).unwrap();

    // Exact unicast; untagged-or-zero also takes priority-tagged (VID 0) frames.
    dev.receive(&frame(a, mac(1), None, 60));
    dev.receive(&frame(a, mac(1), Some(0x6000), 64));
    let c = drain(&dev, q1);
    assert_eq!(c.len(), 2);
    assert!(c
        .iter()
        .all(|c| c.matched == MatchKind::Filter(fa) && c.vlan_tci.is_none()));
    assert_eq!((c[0].frame_len, c[1].frame_len), (60, 64));
    // Same MAC on VID 5: no filter for it -> default queue.
    dev.receive(&frame(a, mac(1), Some(5), 64));
    assert!(drain(&dev, q1).is_empty());
    let c = drain(&dev, d);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].matched, MatchKind::Default);
    // VLAN filter with strip: tag in the metadata, 4 bytes shorter.
    dev.receive(&frame(mac(0xb), mac(1), Some(0x2005), 100));
    let c = drain(&dev, q2);
    assert_eq!(c.len(), 1);
    assert_eq!(
        (c[0].matched, c[0].vlan_tci, c[0].frame_len),
        (MatchKind::Filter(fb), Some(0x2005), 96)
    );
    // Broadcast: default and q2 accept; q1 and q3 do not.
    dev.receive(&frame(BROADCAST_MAC, mac(1), None, 60));
    assert_eq!(drain(&dev, d).len(), 1);
    assert_eq!(drain(&dev, q2).len(), 1);
    assert!(drain(&dev, q1).is_empty() && drain(&dev, q3).is_empty());
    // Multicast: exact filter (q3) plus every accept-multicast pool (default), one copy each.
    dev.update_pool(q3, |p| p.accept_multicast = true).unwrap();
    dev.receive(&frame(mc, mac(1), None, 60));
    let c3 = drain(&dev, q3);
    assert_eq!(c3.len(), 1);
    assert_eq!(c3[0].matched, MatchKind::Filter(fm));
    let cd = drain(&dev, d);
    assert_eq!(
        (cd.len(), cd[0].matched, cd[0].kind),
        (1, MatchKind::Flood, FrameKind::Multicast)
    );
    // Receive disabled on the pool: dropped and counted.
    dev.update_pool(q1, |p| p.rx_enable = false).unwrap();
    dev.receive(&frame(a, mac(1), None, 60));
    assert!(drain(&dev, q1).is_empty());
    assert_eq!(dev.counters(q1).unwrap().rx.drops.get(DropReason::Disabled), 1);
    // Oversize for the pool.
    dev.update_pool(q1, |p| {
        p.rx_enable = true;
        p.max_frame = 200;
    })
    .unwrap();
    dev.receive(&frame(a, mac(1), None, 201));
    dev.receive(&frame(a, mac(1), Some(0), 204)); // 200 bytes without the tag: fits
    assert_eq!(drain(&dev, q1).len(), 1);
    assert_eq!(dev.counters(q1).unwrap().rx.drops.get(DropReason::Oversize), 1);
    // Deterministic: the same frame classifies the same way.
    let f = frame(mc, mac(1), None, 60);
    let t1: Vec<Target> = dev.with_tables(|t| classify(t, &f, Source::Wire).targets(t).collect());
    let t2: Vec<Target> = dev.with_tables(|t| classify(t, &f, Source::Wire).targets(t).collect());
    assert_eq!(t1, t2);
    assert_eq!(t1.len(), 2);
}

const BROADCAST_MAC: MacAddr = [0xff; 6];

// ---------------------------------------------------------------- 4

#[test]
fn every_offered_frame_is_delivered_or_counted_and_a_full_queue_never_blocks_others() {
    let (dev, _) = device(small());
    let l = dev.layout();
    let (q1, q2) = (l.pf_queue(1).unwrap(), l.pf_queue(2).unwrap());
    ready_queue(&dev, q1, 2);
    ready_queue(&dev, q2, 8);
    dev.add_filter(mac(1), VlanMatch::UntaggedOrZero, q1).unwrap();
    dev.add_filter(mac(2), VlanMatch::UntaggedOrZero, q2).unwrap();
    for _ in 0..5 {
        dev.receive(&frame(mac(1), mac(9), None, 60));
        dev.receive(&frame(mac(2), mac(9), None, 60));
    }
    let c1 = dev.counters(q1).unwrap().rx;
    let c2 = dev.counters(q2).unwrap().rx;
    assert_eq!(
        (c1.offered, c1.frames, c1.drops.get(DropReason::NoBuffer)),
        (5, 2, 3)
    );
    assert_eq!((c2.offered, c2.frames, c2.drops.total()), (5, 5, 0));
    assert_eq!(c2.bytes, 300);
    // Unmatched unicast to a default queue that is not enabled: counted as Disabled there.
    dev.receive(&frame(mac(3), mac(9), None, 60));
    assert_eq!(
        dev.counters(QueueId::DEFAULT)
            .unwrap()
            .rx
            .drops
            .get(DropReason::Disabled),
        1
    );
    // A runt reaches no pool: counted device-wide.
    dev.receive(&[0u8; 10]);
    let dc = dev.device_counters();
    assert_eq!(dc.wire_rx_frames, 12);
    assert_eq!(dc.unrouted.get(DropReason::Filtered), 1);
    let pools: u64 = (0..l.queue_count() as u16)
        .map(|q| dev.counters(QueueId(q)).unwrap().rx.offered)
        .sum();
    assert_eq!(pools + dc.unrouted.total(), 12);
}

// ---------------------------------------------------------------- 5

fn two_vfs() -> (Arc<Device>, Arc<RecordingMsi>, Arc<CaptureWire>, [QueueId; 2]) {
    let (dev, msi) = device(small());
    let cap = Arc::new(CaptureWire::new());
    dev.attach_wire(cap.clone(), 7);
    enable_sriov(&dev, 2);
    let mut qs = [QueueId(0); 2];
    for vf in 0..2u16 {
        let q = dev.layout().vf_queue(vf).unwrap();
        ready_queue(&dev, q, 16);
        let m = mac(0x20 + vf as u8);
        dev.add_filter(m, VlanMatch::UntaggedOrZero, q).unwrap();
        dev.update_pool(q, |p| {
            p.accept_broadcast = true;
            p.antispoof_mac = Some(m);
            p.antispoof_vlan = Some(VlanMatch::UntaggedOrZero);
        })
        .unwrap();
        qs[vf as usize] = q;
    }
    ready_queue(&dev, QueueId::DEFAULT, 16);
    (dev, msi, cap, qs)
}

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
    let sender = {
        let dev = dev.clone();
        std::thread::spawn(move || {
            for i in 0..N as u32 {
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
