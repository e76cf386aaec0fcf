//! One test per invariant of device-model.md section 6, part 1: invariants 1 to 4 (SR-IOV
//! capability, isolation, classification, conservation). Part 2 is `invariants_switch_to_dataswitch.rs`.

mod common;

use std::sync::{Arc, Mutex};

use common::*;
use svnic_abi::pci as abi;
use svnic_device::cfgspace::{PCIE_DEVCTL, PCIE_DEVCTL_FLR, SRIOV_CAP};
use svnic_device::*;

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
