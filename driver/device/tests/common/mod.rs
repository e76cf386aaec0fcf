//! Shared test scaffolding: a recording MSI sink, frame builders, SR-IOV bring-up.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use svnic_abi::pci as abi;
use svnic_device::cfgspace::SRIOV_CAP;
use svnic_device::frame::build_frame;
use svnic_device::*;

#[derive(Default)]
pub struct RecordingMsi {
    pub msgs: Mutex<Vec<MsiMessage>>,
}

impl MsiSink for RecordingMsi {
    fn signal(&self, msg: MsiMessage) {
        self.msgs.lock().unwrap().push(msg);
    }
}

impl RecordingMsi {
    pub fn take(&self) -> Vec<MsiMessage> {
        std::mem::take(&mut *self.msgs.lock().unwrap())
    }
    pub fn count(&self, f: Function, vector: u16) -> usize {
        self.msgs
            .lock()
            .unwrap()
            .iter()
            .filter(|m| m.function == f && m.vector == vector)
            .count()
    }
}

pub fn mac(last: u8) -> MacAddr {
    [0x02, 0x00, 0x00, 0x00, 0x00, last]
}

pub fn frame(dst: MacAddr, src: MacAddr, tci: Option<u16>, len: usize) -> Vec<u8> {
    let hdr = if tci.is_some() { 18 } else { 14 };
    let payload: Vec<u8> = (0..len.saturating_sub(hdr)).map(|i| i as u8).collect();
    let mut out = vec![0u8; len.max(hdr)];
    let n = build_frame(&mut out, dst, src, tci, 0x0800, &payload).unwrap();
    out.truncate(n);
    out
}

pub fn device(cfg: DeviceConfig) -> (Arc<Device>, Arc<RecordingMsi>) {
    let msi = Arc::new(RecordingMsi::default());
    let dev = Arc::new(Device::new(cfg, msi.clone()).unwrap());
    (dev, msi)
}

pub fn cfg_write16(dev: &Device, f: Function, off: u16, v: u16) {
    dev.config_write(f, off, &v.to_le_bytes());
}

pub fn cfg_read16(dev: &Device, f: Function, off: u16) -> u16 {
    let mut b = [0u8; 2];
    dev.config_read(f, off, &mut b);
    u16::from_le_bytes(b)
}

pub fn cfg_write32(dev: &Device, f: Function, off: u16, v: u32) {
    dev.config_write(f, off, &v.to_le_bytes());
}

pub fn cfg_read32(dev: &Device, f: Function, off: u16) -> u32 {
    let mut b = [0u8; 4];
    dev.config_read(f, off, &mut b);
    u32::from_le_bytes(b)
}

/// NumVFs = n, VF Enable | VF MSE.
pub fn enable_sriov(dev: &Device, n: u16) {
    cfg_write16(dev, Function::Pf, SRIOV_CAP + abi::SRIOV_NUM_VFS, n);
    cfg_write16(
        dev,
        Function::Pf,
        SRIOV_CAP + abi::SRIOV_CONTROL,
        abi::SRIOV_CTRL_VF_ENABLE | abi::SRIOV_CTRL_VF_MSE,
    );
}

/// Give queue `q` a region of `n` 2 KiB buffers, post them, enable it and its pool.
pub fn ready_queue(dev: &Device, q: QueueId, n: usize) -> Arc<VecRegion> {
    let r = Arc::new(VecRegion::new(n * 2048));
    dev.set_rx_region(q, r.clone()).unwrap();
    let descs: Vec<RxDesc> = (0..n)
        .map(|i| RxDesc {
            offset: (i * 2048) as u64,
            len: 2048,
        })
        .collect();
    dev.post_rx(q, &descs).unwrap();
    dev.enable_rx(q, true).unwrap();
    dev.update_pool(q, |p| {
        p.rx_enable = true;
        p.tx_enable = true;
    })
    .unwrap();
    r
}

/// Poll everything from `q`.
pub fn drain(dev: &Device, q: QueueId) -> Vec<RxCompletion> {
    let mut out = vec![RxCompletion::default(); 1024];
    let n = dev.poll_rx(q, &mut out);
    out.truncate(n);
    out
}

/// Re-post the buffers of completions.
pub fn repost(dev: &Device, q: QueueId, done: &[RxCompletion]) {
    let d: Vec<RxDesc> = done
        .iter()
        .map(|c| RxDesc {
            offset: c.offset,
            len: 2048,
        })
        .collect();
    dev.post_rx(q, &d).unwrap();
}

pub const BROADCAST_MAC: MacAddr = [0xff; 6];

pub fn small() -> DeviceConfig {
    DeviceConfig {
        total_vfs: 8,
        pf_queues: 8,
        rx_ring_len: 64,
        tx_ring_len: 64,
        ..DeviceConfig::default()
    }
}

/// Two enabled VFs with MACs 02::20 / 02::21, filters, anti-spoofing, broadcast accept; a
/// capturing wire; the default queue ready.
pub fn two_vfs() -> (Arc<Device>, Arc<RecordingMsi>, Arc<CaptureWire>, [QueueId; 2]) {
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
