//! PF <-> VF interplay: the mailbox as seen from each side, the PF's per-VF event register, and
//! resets (PF software reset, PF FLR, VF FLR, SR-IOV enable/disable).
//!
//! What each reset touches (model choices written down here, cf. QEMU igb `igb_core_vf_reset`,
//! `igb_reset`, `pcie_sriov.c`):
//!
//! | reset | state changed |
//! |-------|---------------|
//! | VF FLR (`vf_flr`, or Initiate FLR in the VF's PCIe Device Control) | that VF's queue pair (disabled, rings emptied, regions dropped, pending transmits dropped and counted `Disabled`), its pool leaves every receive set (rx/tx enable and accept flags cleared; filters stay, they belong to the PF), its MSI-X table, mailbox and config header; the PF gets [`VfEvents::FLR`] on its misc vector |
//! | PF software reset (`pf_software_reset`, igb CTRL.RST) | all filters and pool policies, every queue of every function (disabled, rings emptied, regions dropped, pending transmits dropped and counted), queue->vector bindings back to default, RSTI in every VF mailbox (VF misc vector raised); PCI config space, SR-IOV and MSI-X tables untouched |
//! | PF FLR (`pf_flr`) | software reset + PF config space + SR-IOV capability (VF Enable and NumVFs cleared, all VFs torn down) + PF MSI-X table |
//! | VF Enable 1 -> 0 | every VF torn down (as VF FLR, without events) |
//!
//! Counters are never cleared by a reset (see [`crate::counters`]).

use core::sync::atomic::Ordering;

use crate::cfgspace::ConfigHeader;
use crate::device::{Device, PfConfig, VfEvents};
use crate::filters::PoolConfig;
use crate::mailbox::{Side, MBX_WORDS};
use crate::sriov::SriovCap;
use crate::types::{DeviceError, DropReason, Function, QueueId};

impl Device {
    fn mbx(&self, vf: u16) -> Result<&spin::Mutex<crate::mailbox::Mailbox>, DeviceError> {
        let i = self.vf_index(vf)?;
        if !self.vf_enabled(vf) {
            return Err(DeviceError::FunctionDisabled);
        }
        self.mailboxes.get(i).ok_or(DeviceError::NoSuchFunction)
    }

    pub(crate) fn pf_event(&self, vf: u16, bits: u8) {
        if let Some(e) = self.vf_events.get(usize::from(vf)) {
            e.fetch_or(bits, Ordering::AcqRel);
            self.raise(Function::Pf, 0);
        }
    }

    /// Read and clear the events VF `vf` raised for the PF.
    pub fn pf_take_vf_events(&self, vf: u16) -> VfEvents {
        VfEvents(
            self.vf_events
                .get(usize::from(vf))
                .map_or(0, |e| e.swap(0, Ordering::AcqRel)),
        )
    }

    /// The lowest VF with pending events, if any (the PF misc DPC loops on this).
    pub fn pf_next_vf_event(&self) -> Option<u16> {
        self.vf_events
            .iter()
            .position(|e| e.load(Ordering::Acquire) != 0)
            .and_then(|i| u16::try_from(i).ok())
    }

    // ---------------------------------------------------------------- PF side of the mailbox

    /// PF reads P2VMAILBOX(vf).
    pub fn pf_mbx_read(&self, vf: u16) -> Result<u32, DeviceError> {
        Ok(self.mbx(vf)?.lock().pf_read())
    }

    /// PF writes P2VMAILBOX(vf): STS / ACK raise the VF's misc vector; PFU takes the buffer.
    pub fn pf_mbx_write(&self, vf: u16, value: u32) -> Result<(), DeviceError> {
        let sig = self.mbx(vf)?.lock().pf_write(value);
        if sig.to_vf {
            self.raise(Function::Vf(vf), 0);
        }
        Ok(())
    }

    /// PF writes a whole message into the buffer (needs PFU; unused dwords are zeroed).
    pub fn pf_mbx_write_msg(&self, vf: u16, msg: &[u32]) -> Result<(), DeviceError> {
        self.mbx(vf)?.lock().write_msg(Side::Pf, msg)
    }

    /// PF reads the buffer.
    pub fn pf_mbx_read_msg(&self, vf: u16) -> Result<[u32; MBX_WORDS], DeviceError> {
        Ok(self.mbx(vf)?.lock().read_msg())
    }

    /// PF convenience: take the buffer, write `msg`, signal STS, release. `MailboxBusy` if the
    /// VF holds the buffer.
    pub fn pf_mbx_send(&self, vf: u16, msg: &[u32]) -> Result<(), DeviceError> {
        use crate::mailbox::{P2V_PFU, P2V_STS};
        self.pf_mbx_write(vf, P2V_PFU)?;
        if self.pf_mbx_read(vf)? & P2V_PFU == 0 {
            return Err(DeviceError::MailboxBusy);
        }
        self.pf_mbx_write_msg(vf, msg)?;
        self.pf_mbx_write(vf, P2V_STS)
    }

    // ---------------------------------------------------------------- VF side of the mailbox

    /// VF reads V2PMAILBOX (PFSTS, PFACK and RSTD are cleared by the read).
    pub fn vf_mbx_read(&self, vf: u16) -> Result<u32, DeviceError> {
        Ok(self.mbx(vf)?.lock().vf_read())
    }

    /// VF writes V2PMAILBOX: REQ / ACK raise the PF misc vector; VFU takes the buffer.
    pub fn vf_mbx_write(&self, vf: u16, value: u32) -> Result<(), DeviceError> {
        let sig = self.mbx(vf)?.lock().vf_write(value);
        if sig.to_pf != 0 {
            self.pf_event(vf, sig.to_pf);
        }
        Ok(())
    }

    /// VF writes a whole message (needs VFU; unused dwords are zeroed).
    pub fn vf_mbx_write_msg(&self, vf: u16, msg: &[u32]) -> Result<(), DeviceError> {
        self.mbx(vf)?.lock().write_msg(Side::Vf, msg)
    }

    /// VF reads the buffer.
    pub fn vf_mbx_read_msg(&self, vf: u16) -> Result<[u32; MBX_WORDS], DeviceError> {
        Ok(self.mbx(vf)?.lock().read_msg())
    }

    /// VF convenience: take the buffer, write `msg`, signal REQ, release.
    pub fn vf_mbx_send(&self, vf: u16, msg: &[u32]) -> Result<(), DeviceError> {
        use crate::mailbox::{V2P_REQ, V2P_VFU};
        self.vf_mbx_write(vf, V2P_VFU)?;
        if !self.mbx(vf)?.lock().owns(Side::Vf) {
            return Err(DeviceError::MailboxBusy);
        }
        self.vf_mbx_write_msg(vf, msg)?;
        self.vf_mbx_write(vf, V2P_REQ)
    }

    pub(crate) fn mbx_word_write(&self, vf: u16, side: Side, index: usize, value: u32) -> bool {
        self.mbx(vf)
            .map(|m| m.lock().write_word(side, index, value))
            .unwrap_or(false)
    }

    // ---------------------------------------------------------------- resets

    /// Reset VF `vf`'s queue pair, pool, vectors, mailbox and header (no PF event).
    fn reset_vf_state(&self, vf: u16) {
        let Some(q) = self.layout.vf_queue(vf) else { return };
        {
            let mut t = self.tables.write();
            let mf = t.pool(q).map_or(self.cfg.default_max_frame, |p| p.max_frame);
            let _ = t.set_pool(q, PoolConfig::disabled(mf));
        }
        self.reset_queue(q);
        if let Ok(m) = self.msix(Function::Vf(vf)) {
            m.reset();
        }
        if let Some(m) = self.mailboxes.get(usize::from(vf)) {
            m.lock().reset();
        }
        if let Some(h) = self.vf_cfg.get(usize::from(vf)) {
            *h.lock() = ConfigHeader::vf(&self.cfg);
        }
    }

    fn reset_queue(&self, q: QueueId) {
        let Some(s) = self.queues.get(q.index()) else {
            return;
        };
        {
            let mut tx = s.tx.lock();
            let pending = tx.reset();
            if pending > 0 {
                tx.stats.dropped_n(DropReason::Disabled, u64::from(pending));
            }
        }
        let mut rx = s.rx.lock();
        rx.reset();
        s.ready.store(0, Ordering::Release);
        let v = self.layout.default_vector(q).unwrap_or(0);
        s.vector.store(v, Ordering::Release);
    }

    /// Function-level reset of VF `vf`: only that VF changes (see the module table); the PF is
    /// told through [`VfEvents::FLR`].
    pub fn vf_flr(&self, vf: u16) -> Result<(), DeviceError> {
        self.vf_index(vf)?;
        if !self.vf_enabled(vf) {
            return Err(DeviceError::FunctionDisabled);
        }
        self.reset_vf_state(vf);
        self.pf_event(vf, VfEvents::FLR);
        Ok(())
    }

    /// PF software reset (igb CTRL.RST): filters, pools and every queue return to their initial
    /// state; every enabled VF sees RSTI until [`Device::pf_reset_done`].
    pub fn pf_software_reset(&self) {
        self.tables.write().reset();
        for i in 0..self.queues.len() {
            if let Ok(i) = u16::try_from(i) {
                self.reset_queue(QueueId(i));
            }
        }
        for (i, m) in self.mailboxes.iter().enumerate() {
            m.lock().pf_reset();
            if let Ok(v) = u16::try_from(i) {
                self.raise(Function::Vf(v), 0);
            }
        }
    }

    /// The PF finished re-initialising after a reset (igb CTRL_EXT.PFRSTD): RSTI -> RSTD in every
    /// VF mailbox, VF misc vectors raised.
    pub fn pf_reset_done(&self) {
        for (i, m) in self.mailboxes.iter().enumerate() {
            let signal = m.lock().pf_reset_done();
            if let (true, Ok(v)) = (signal, u16::try_from(i)) {
                self.raise(Function::Vf(v), 0);
            }
        }
    }

    /// Function-level reset of the PF: software reset, config space and SR-IOV capability back
    /// to power-on values (VF Enable and NumVFs cleared, all VFs torn down), PF MSI-X reset.
    pub fn pf_flr(&self) {
        self.disable_vfs();
        {
            let mut c = self.pf_cfg.lock();
            *c = PfConfig {
                header: ConfigHeader::pf(&self.cfg),
                sriov: SriovCap::new(&self.cfg),
            };
        }
        self.pf_software_reset();
        self.pf_msix.reset();
    }

    /// VF Enable 0 -> 1: VFs 0..NumVFs come to life in their reset state.
    pub(crate) fn enable_vfs(&self) {
        let n = self.pf_cfg.lock().sriov.num_vfs().min(self.cfg.total_vfs);
        for vf in 0..n {
            self.reset_vf_state(vf);
            self.set_vf_live(vf, true);
        }
    }

    /// VF Enable 1 -> 0 (or PF FLR): every VF disappears.
    pub(crate) fn disable_vfs(&self) {
        for vf in 0..self.cfg.total_vfs {
            if self.vf_enabled(vf) {
                self.set_vf_live(vf, false);
                self.reset_vf_state(vf);
                if let Some(e) = self.vf_events.get(usize::from(vf)) {
                    e.store(0, Ordering::Release);
                }
            }
        }
    }

    fn set_vf_live(&self, vf: u16, live: bool) {
        if let Some(l) = self.vf_live.get(usize::from(vf)) {
            l.store(live, Ordering::Release);
        }
        if let Some(s) = self.layout.vf_queue(vf).and_then(|q| self.queues.get(q.index())) {
            s.live.store(live, Ordering::Release);
        }
    }
}
