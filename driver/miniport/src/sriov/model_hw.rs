//! [`SriovHw`] over the modeled NIC (`svnic_device::Device`): how the PF engine's vPorts, filters
//! and VF operations land on the model's pools, classifier, SR-IOV capability and VF functions.
//!
//! Mapping (the model's queue layout, `svnic_device::config`):
//! - default vPort 0 -> queue 0 (the PF default pool);
//! - a PF non-default vPort -> the highest free PF queue in 1..=pf_queues, taken at CREATE_VPORT.
//!   With a budget ([`ModelHw::with_budget`], the adapter's receive table) the queue is claimed
//!   from it, so a VM queue and a PF vPort never hold the same queue; the claim is given back
//!   when the vPort's receive memory is freed (or at DELETE_VPORT when it never had any).
//!   Without one (the engine alone) a queue whose pool is already receiving is skipped;
//! - a VF vPort -> the VF's own queue pair (`pf_queues + 1 + n`);
//! - NDIS FilterIds -> the model's filter handles (a small table kept here).
//!
//! The probed VF BAR values are taken once, before VF Enable, the way the PCI driver probes at
//! enumeration (save, write all-ones, read back, restore).

use super::hw::{BarResource, HwError, HwFilter, SriovHw};
use super::switch::{Attach, FilterId, Mac, VPortId, VfId, VlanMatch};
use crate::vmq::datapath::{RxTable, SlotOwner};
use alloc::sync::Arc;
use alloc::vec::Vec;
use svnic_abi::pci;
use svnic_device::cfgspace::SRIOV_CAP;
use svnic_device::types::{Function, QueueId};
use svnic_device::Device;

/// The PF engine's view of the model.
pub struct ModelHw {
    dev: Arc<Device>,
    /// vPort id -> device queue.
    vport_queue: Vec<(VPortId, QueueId)>,
    /// NDIS filter id -> model filter handle.
    filters: Vec<(FilterId, svnic_device::types::FilterId)>,
    probed: [u32; 6],
    power: Vec<u32>,
    /// The PF queue budget shared with the VM queues (the adapter's receive table).
    budget: Option<Arc<RxTable>>,
}

impl core::fmt::Debug for ModelHw {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ModelHw")
            .field("vport_queue", &self.vport_queue)
            .field("filters", &self.filters)
            .finish()
    }
}

fn dev_vlan(v: VlanMatch) -> svnic_device::types::VlanMatch {
    match v {
        VlanMatch::UntaggedOrZero => svnic_device::types::VlanMatch::UntaggedOrZero,
        VlanMatch::Vid(id) => svnic_device::types::VlanMatch::Vid(id),
    }
}

impl ModelHw {
    /// Wrap `dev`; probes the VF BARs now (call before VF Enable).
    pub fn new(dev: Arc<Device>) -> Self {
        let mut probed = [0u32; 6];
        for (i, p) in probed.iter_mut().enumerate() {
            let Some(off) = u16::try_from(i)
                .ok()
                .and_then(|i| i.checked_mul(4))
                .and_then(|o| o.checked_add(pci::SRIOV_VF_BAR0))
                .and_then(|o| o.checked_add(SRIOV_CAP))
            else {
                continue;
            };
            let mut saved = [0u8; 4];
            dev.config_read(Function::Pf, off, &mut saved);
            dev.config_write(Function::Pf, off, &[0xFF; 4]);
            let mut got = [0u8; 4];
            dev.config_read(Function::Pf, off, &mut got);
            dev.config_write(Function::Pf, off, &saved);
            *p = u32::from_le_bytes(got);
        }
        let vport_queue = alloc::vec![(0, QueueId::DEFAULT)];
        let total = usize::from(dev.config().total_vfs);
        Self {
            dev,
            vport_queue,
            filters: Vec::new(),
            probed,
            power: alloc::vec![super::abi::vf_power::D0; total],
            budget: None,
        }
    }

    /// [`Self::new`] drawing PF vPort queues from `budget`, the receive table whose slots
    /// 1..=pf_queues the VM queues also claim (one owner per device queue).
    pub fn with_budget(dev: Arc<Device>, budget: Arc<RxTable>) -> Self {
        let mut hw = Self::new(dev);
        hw.budget = Some(budget);
        hw
    }

    fn claim_pf_queue(&self) -> Option<QueueId> {
        let layout = self.dev.layout();
        for i in (1..=self.dev.config().pf_queues).rev() {
            let Some(q) = layout.pf_queue(i) else { continue };
            if self.queue_vport(q).is_some() {
                continue;
            }
            match &self.budget {
                Some(rx) => {
                    if rx.claim(i, SlotOwner::PfVPort) {
                        return Some(q);
                    }
                }
                None => {
                    let busy = self.dev.pool_config(q).map_or(true, |p| p.rx_enable);
                    if !busy {
                        return Some(q);
                    }
                }
            }
        }
        None
    }

    fn release_pf_queue(&self, q: QueueId) {
        if let Some(rx) = &self.budget {
            if q != QueueId::DEFAULT && q.0 <= self.dev.config().pf_queues {
                let _ = rx.release_idle(q.0, SlotOwner::PfVPort);
            }
        }
    }

    /// The device.
    pub fn device(&self) -> &Arc<Device> {
        &self.dev
    }

    /// The device queue of vPort `vport` (what receive NBLs on that vPort come from).
    pub fn vport_queue(&self, vport: VPortId) -> Option<QueueId> {
        self.vport_queue
            .iter()
            .find(|(v, _)| *v == vport)
            .map(|(_, q)| *q)
    }

    /// The vPort a device queue serves (the VPortId receive NBLs carry).
    pub fn queue_vport(&self, q: QueueId) -> Option<VPortId> {
        self.vport_queue.iter().find(|(_, x)| *x == q).map(|(v, _)| *v)
    }

    /// The model's handle for NDIS filter `id`.
    pub fn model_filter(&self, id: FilterId) -> Option<svnic_device::types::FilterId> {
        self.filters.iter().find(|(f, _)| *f == id).map(|(_, m)| *m)
    }

    /// Last power state set for VF `vf`.
    pub fn vf_power(&self, vf: VfId) -> Option<u32> {
        self.power.get(usize::from(vf)).copied()
    }
}

impl SriovHw for ModelHw {
    fn total_vfs(&self) -> u16 {
        self.dev.config().total_vfs
    }

    fn vfs_enabled(&self) -> (u16, bool) {
        let mut ctl = [0u8; 2];
        self.dev.config_read(
            Function::Pf,
            SRIOV_CAP.saturating_add(pci::SRIOV_CONTROL),
            &mut ctl,
        );
        let mut n = [0u8; 2];
        self.dev
            .config_read(Function::Pf, SRIOV_CAP.saturating_add(pci::SRIOV_NUM_VFS), &mut n);
        (
            u16::from_le_bytes(n),
            u16::from_le_bytes(ctl) & pci::SRIOV_CTRL_VF_ENABLE != 0,
        )
    }

    fn vf_rid(&self, vf: VfId) -> Option<u32> {
        if !self.dev.vf_enabled(vf) {
            return None;
        }
        self.dev.vf_requester_id(vf).map(u32::from)
    }

    fn vf_vendor_device(&self) -> (u16, u16) {
        let c = self.dev.config();
        (c.vendor_id, c.vf_device_id)
    }

    fn vf_config_read(&self, vf: VfId, offset: u16, out: &mut [u8]) -> bool {
        if !self.dev.vf_enabled(vf) {
            return false;
        }
        self.dev.config_read(Function::Vf(vf), offset, out);
        true
    }

    fn vf_config_write(&mut self, vf: VfId, offset: u16, data: &[u8]) -> bool {
        if !self.dev.vf_enabled(vf) {
            return false;
        }
        self.dev.config_write(Function::Vf(vf), offset, data);
        true
    }

    fn vf_probed_bars(&self) -> [u32; 6] {
        self.probed
    }

    fn vf_bar(&self, vf: VfId, bar: u16) -> Option<BarResource> {
        let size = *self.dev.config().vf_bar_sizes.get(usize::from(bar))?;
        if size == 0 || !self.dev.vf_enabled(vf) {
            return None;
        }
        let start = self.dev.vf_bar_address(vf, usize::from(bar))?;
        Some(BarResource {
            start,
            len: size,
            prefetchable: false,
        })
    }

    fn vf_flr(&mut self, vf: VfId) {
        let _ = self.dev.vf_flr(vf);
        if let Some(p) = self.power.get_mut(usize::from(vf)) {
            *p = super::abi::vf_power::D0;
        }
    }

    fn vf_set_power(&mut self, vf: VfId, d_state: u32) {
        if let Some(p) = self.power.get_mut(usize::from(vf)) {
            *p = d_state;
        }
        // D3: the function stops receiving and sending (its pool is disabled); D0 leaves the
        // pool as the VF driver configures it.
        if d_state != super::abi::vf_power::D0 {
            if let Some(q) = self.dev.layout().vf_queue(vf) {
                let _ = self.dev.update_pool(q, |p| {
                    p.rx_enable = false;
                    p.tx_enable = false;
                });
            }
        }
    }

    fn vport_bind(&mut self, vport: VPortId, attach: Attach) -> Result<(), HwError> {
        if self.vport_queue(vport).is_some() {
            return Err(HwError);
        }
        let layout = self.dev.layout();
        let q = match attach {
            Attach::Vf(vf) => layout.vf_queue(vf).ok_or(HwError)?,
            // From the top of the PF range down: NDIS gives VM queues ids from 1 up, and the
            // VMQ engine uses queue n for QueueId n, so the two meet only when the range is full.
            Attach::Pf => self.claim_pf_queue().ok_or(HwError)?,
        };
        // The pool may now receive and send (igb VFRE/VFTE) and takes broadcasts, as a vNIC
        // needs ARP; frames reach it only once a filter names it and its ring is enabled.
        let pooled = self.dev.update_pool(q, |p| {
            p.rx_enable = true;
            p.tx_enable = true;
            p.accept_broadcast = true;
        });
        if pooled.is_err() {
            if attach == Attach::Pf {
                self.release_pf_queue(q);
            }
            return Err(HwError);
        }
        self.vport_queue.push((vport, q));
        Ok(())
    }

    fn vport_unbind(&mut self, vport: VPortId) {
        if vport == 0 {
            return;
        }
        if let Some(q) = self.vport_queue(vport) {
            let _ = self.dev.update_pool(q, |p| {
                p.rx_enable = false;
                p.tx_enable = false;
                p.accept_broadcast = false;
            });
            // A vPort that never had receive memory gives its queue back now; one whose
            // DELETE_VPORT is still waiting for NBLs gives it back when its memory is freed.
            self.release_pf_queue(q);
        }
        self.vport_queue.retain(|(v, _)| *v != vport);
    }

    fn filter_add(&mut self, f: &HwFilter) -> Result<(), HwError> {
        if self.model_filter(f.id).is_some() {
            return Err(HwError);
        }
        let q = self.vport_queue(f.vport).ok_or(HwError)?;
        let id = self
            .dev
            .add_filter(f.mac, dev_vlan(f.vlan), q)
            .map_err(|_| HwError)?;
        self.filters.push((f.id, id));
        Ok(())
    }

    fn filter_remove(&mut self, id: FilterId) {
        if let Some(m) = self.model_filter(id) {
            let _ = self.dev.remove_filter(m);
        }
        self.filters.retain(|(f, _)| *f != id);
    }

    fn filter_move(&mut self, id: FilterId, vport: VPortId) -> Result<(), HwError> {
        let m = self.model_filter(id).ok_or(HwError)?;
        let q = self.vport_queue(vport).ok_or(HwError)?;
        self.dev.move_filter(m, q).map_err(|_| HwError)
    }

    fn vf_antispoof(&mut self, vf: VfId, mac: Mac, vlan: Option<u16>) {
        let Some(q) = self.dev.layout().vf_queue(vf) else {
            return;
        };
        let _ = self.dev.update_pool(q, |p| {
            p.antispoof_mac = Some(mac);
            p.antispoof_vlan = vlan.map(|v| {
                if v == 0 {
                    svnic_device::types::VlanMatch::UntaggedOrZero
                } else {
                    svnic_device::types::VlanMatch::Vid(v)
                }
            });
        });
    }
}

/// The backchannel transport over the model's PF<->VF mailbox (svnic's stand-in for the
/// virtualization stack's VSC/VSP channel): the VF posts a request with REQ, the PF side reads
/// it, ACKs, answers with STS; the VF reads the reply and ACKs. These helpers are what the
/// simulator's guest NDIS (VF side) and host NDIS (PF side) call.
pub mod carrier {
    use super::super::mailbox::{BlockBackend, MbxMsg, PfSession};
    use svnic_device::mailbox::{P2V_ACK, V2P_ACK, V2P_PFSTS};
    use svnic_device::{Device, DeviceError, VfEvents};

    /// VF side: post `msg` (take VFU, write, REQ).
    pub fn vf_post(dev: &Device, vf: u16, msg: &MbxMsg) -> Result<(), DeviceError> {
        dev.vf_mbx_send(vf, msg)
    }

    /// PF side: if VF `vf` raised REQ, read its message, ACK it, let `session` answer (with
    /// `backend` doing the block OIDs) and post the reply with STS. An FLR event resets the
    /// session first. Returns the events the VF had raised (the caller also handles FLR / SPOOF)
    /// and whether a request was served.
    pub fn pf_serve(
        dev: &Device,
        vf: u16,
        session: &mut PfSession,
        backend: &mut dyn BlockBackend,
    ) -> (VfEvents, bool) {
        let ev = dev.pf_take_vf_events(vf);
        if ev.has(VfEvents::FLR) {
            // The VF was reset: whatever transfer it had open is gone.
            session.reset();
        }
        if !ev.has(VfEvents::MBX_REQ) {
            return (ev, false);
        }
        let Ok(msg) = dev.pf_mbx_read_msg(vf) else {
            return (ev, false);
        };
        let _ = dev.pf_mbx_write(vf, P2V_ACK);
        let reply = session.handle(&msg, backend);
        (ev, dev.pf_mbx_send(vf, &reply).is_ok())
    }

    /// VF side: the PF's reply, if PFSTS is set (the read clears it); ACKs it.
    pub fn vf_take_reply(dev: &Device, vf: u16) -> Option<MbxMsg> {
        let st = dev.vf_mbx_read(vf).ok()?;
        if st & V2P_PFSTS == 0 {
            return None;
        }
        let msg = dev.vf_mbx_read_msg(vf).ok()?;
        let _ = dev.vf_mbx_write(vf, V2P_ACK);
        Some(msg)
    }
}
