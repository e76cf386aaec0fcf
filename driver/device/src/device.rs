//! [`Device`]: construction, PCI configuration space, filters and pool policy, MSI-X
//! management, the virtual clock and counters. The data path is in [`crate::datapath`], the
//! PF<->VF mailbox and resets in [`crate::pfvf`], the VF-scoped view in [`crate::vf`].

use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, AtomicU16, AtomicU32, AtomicU64, AtomicU8, Ordering};

use crate::cfgspace::{ConfigHeader, ARI_CAP, SRIOV_CAP};
use crate::config::{DeviceConfig, QueueLayout};
use crate::counters::{DeviceAtomics, DeviceCounters, QueueCounters};
use crate::filters::{FilterInfo, PoolConfig, Tables};
use crate::irq::{MsiMessage, MsiSink, MsixTable, VectorState};
use crate::mailbox::Mailbox;
use crate::ring::{RxRing, TxRing};
use crate::sriov::SriovCap;
use crate::types::{DeviceError, FilterId, Function, MacAddr, QueueId, VlanMatch};
use crate::wire::{PortId, Wire};

/// Events a VF causes for the PF (the PF's per-VF cause register; read-to-clear through
/// [`Device::pf_take_vf_events`]). Each raises the PF misc vector (vector 0).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VfEvents(pub u8);

impl VfEvents {
    /// The VF wrote REQ (a message is waiting) - igb MBVFICR.VFREQ.
    pub const MBX_REQ: u8 = 0x01;
    /// The VF acknowledged a PF message - igb MBVFICR.VFACK.
    pub const MBX_ACK: u8 = 0x02;
    /// The VF went through a function-level reset - igb VFLRE.
    pub const FLR: u8 = 0x04;
    /// The VF transmitted a spoofed frame (dropped) - the anti-spoofing event.
    pub const SPOOF: u8 = 0x08;

    /// Whether `bit` is set.
    pub fn has(self, bit: u8) -> bool {
        self.0 & bit != 0
    }
}

pub(crate) struct QueueSlot {
    pub rx: spin::Mutex<RxRing>,
    pub tx: spin::Mutex<TxRing>,
    /// Receive completions written and not yet polled (published after DD, Release).
    pub ready: AtomicU32,
    pub function: Function,
    pub requester: u16,
    /// The owning function exists (PF: always; VF: VF Enable and index < NumVFs).
    pub live: AtomicBool,
    pub vector: AtomicU16,
}

pub(crate) struct PfConfig {
    pub header: ConfigHeader,
    pub sriov: SriovCap,
}

/// The modeled NIC. All methods take `&self` and are safe to call from several threads; share
/// it in an [`Arc`].
pub struct Device {
    pub(crate) cfg: DeviceConfig,
    pub(crate) layout: QueueLayout,
    pub(crate) msi: Arc<dyn MsiSink>,
    pub(crate) wire: spin::RwLock<Option<(Arc<dyn Wire>, PortId)>>,
    pub(crate) tables: spin::RwLock<Tables>,
    pub(crate) queues: Vec<QueueSlot>,
    pub(crate) pf_msix: MsixTable,
    pub(crate) vf_msix: Vec<MsixTable>,
    pub(crate) pf_cfg: spin::Mutex<PfConfig>,
    pub(crate) vf_cfg: Vec<spin::Mutex<ConfigHeader>>,
    pub(crate) vf_live: Vec<AtomicBool>,
    pub(crate) mailboxes: Vec<spin::Mutex<Mailbox>>,
    pub(crate) vf_events: Vec<AtomicU8>,
    pub(crate) clock: AtomicU64,
    pub(crate) stats: DeviceAtomics,
}

impl core::fmt::Debug for Device {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Device").field("layout", &self.layout).finish()
    }
}

impl Device {
    /// Build a device. Allocates every ring, table and vector now; the data path never allocates.
    pub fn new(cfg: DeviceConfig, msi: Arc<dyn MsiSink>) -> Result<Device, DeviceError> {
        cfg.validate()?;
        let layout = cfg.layout();
        let n = layout.queue_count();
        let mut queues = Vec::with_capacity(n);
        for i in 0..n {
            let q = QueueId(u16::try_from(i).map_err(|_| DeviceError::InvalidConfig)?);
            let function = layout.owner(q).ok_or(DeviceError::InvalidConfig)?;
            let requester = match function {
                Function::Pf => cfg.pf_rid,
                Function::Vf(v) => Self::rid_of(&cfg, v).ok_or(DeviceError::InvalidConfig)?,
            };
            queues.push(QueueSlot {
                rx: spin::Mutex::new(RxRing::new(cfg.rx_ring_len)),
                tx: spin::Mutex::new(TxRing::new(cfg.tx_ring_len)),
                ready: AtomicU32::new(0),
                function,
                requester,
                live: AtomicBool::new(function == Function::Pf),
                vector: AtomicU16::new(layout.default_vector(q).unwrap_or(0)),
            });
        }
        let vfs = usize::from(cfg.total_vfs);
        let mut vf_msix = Vec::with_capacity(vfs);
        for v in 0..cfg.total_vfs {
            let rid = Self::rid_of(&cfg, v).ok_or(DeviceError::InvalidConfig)?;
            vf_msix.push(MsixTable::new(
                Function::Vf(v),
                rid,
                layout.msix_vectors(Function::Vf(v)),
            ));
        }
        Ok(Device {
            pf_msix: MsixTable::new(Function::Pf, cfg.pf_rid, layout.msix_vectors(Function::Pf)),
            vf_msix,
            pf_cfg: spin::Mutex::new(PfConfig {
                header: ConfigHeader::pf(&cfg),
                sriov: SriovCap::new(&cfg),
            }),
            vf_cfg: (0..vfs)
                .map(|_| spin::Mutex::new(ConfigHeader::vf(&cfg)))
                .collect(),
            vf_live: (0..vfs).map(|_| AtomicBool::new(false)).collect(),
            mailboxes: (0..vfs).map(|_| spin::Mutex::new(Mailbox::default())).collect(),
            vf_events: (0..vfs).map(|_| AtomicU8::new(0)).collect(),
            tables: spin::RwLock::new(Tables::new(layout, cfg.default_max_frame)),
            queues,
            wire: spin::RwLock::new(None),
            clock: AtomicU64::new(0),
            stats: DeviceAtomics::default(),
            msi,
            layout,
            cfg,
        })
    }

    fn rid_of(cfg: &DeviceConfig, vf: u16) -> Option<u16> {
        svnic_abi::pci::sriov_vf_routing_id(cfg.pf_rid, cfg.vf_offset, cfg.vf_stride, vf)
    }

    /// Connect the wire port; frames the device sends carry `port` as their origin.
    pub fn attach_wire(&self, wire: Arc<dyn Wire>, port: PortId) {
        *self.wire.write() = Some((wire, port));
    }

    /// Disconnect the wire port (frames to the wire are then counted as sent and discarded).
    pub fn detach_wire(&self) {
        *self.wire.write() = None;
    }

    /// The configuration the device was built with.
    pub fn config(&self) -> &DeviceConfig {
        &self.cfg
    }

    /// The queue layout.
    pub fn layout(&self) -> QueueLayout {
        self.layout
    }

    pub(crate) fn slot(&self, q: QueueId) -> Result<&QueueSlot, DeviceError> {
        self.queues.get(q.index()).ok_or(DeviceError::NoSuchQueue)
    }

    pub(crate) fn vf_index(&self, vf: u16) -> Result<usize, DeviceError> {
        if vf < self.cfg.total_vfs {
            Ok(usize::from(vf))
        } else {
            Err(DeviceError::NoSuchFunction)
        }
    }

    // ---------------------------------------------------------------- PCI configuration space

    /// Whether VF `vf` exists right now (VF Enable set and `vf < NumVFs`).
    pub fn vf_enabled(&self, vf: u16) -> bool {
        self.vf_live
            .get(usize::from(vf))
            .is_some_and(|l| l.load(Ordering::Acquire))
    }

    /// NumVFs while VF Enable is set, else 0 (QEMU `pcie_sriov_num_vfs`).
    pub fn num_vfs(&self) -> u16 {
        let c = self.pf_cfg.lock();
        if c.sriov.vf_enable() {
            c.sriov.num_vfs()
        } else {
            0
        }
    }

    /// Requester id of VF `vf`: PF RID + First VF Offset + vf * VF Stride.
    pub fn vf_requester_id(&self, vf: u16) -> Option<u16> {
        if vf < self.cfg.total_vfs {
            Self::rid_of(&self.cfg, vf)
        } else {
            None
        }
    }

    /// Address of VF `vf`'s BAR `bar` as programmed in the SR-IOV capability.
    pub fn vf_bar_address(&self, vf: u16, bar: usize) -> Option<u64> {
        if vf >= self.cfg.total_vfs {
            return None;
        }
        self.pf_cfg.lock().sriov.vf_bar_address(vf, bar)
    }

    /// Whether VF Memory Space Enable is set (VF MMIO decodes only then).
    pub fn vf_mse(&self) -> bool {
        self.pf_cfg.lock().sriov.vf_mse()
    }

    /// Read configuration space of `f` at `offset`. A VF that is not enabled reads all-ones, as
    /// does anything past 4 KiB.
    pub fn config_read(&self, f: Function, offset: u16, out: &mut [u8]) {
        let base = usize::from(offset);
        match f {
            Function::Pf => {
                let c = self.pf_cfg.lock();
                for (i, b) in out.iter_mut().enumerate() {
                    let o = base.saturating_add(i);
                    *b = self.pf_cfg_byte(&c, o);
                }
            }
            Function::Vf(v) => {
                if !self.vf_enabled(v) {
                    out.iter_mut().for_each(|b| *b = 0xff);
                    return;
                }
                let Some(h) = self.vf_cfg.get(usize::from(v)) else {
                    out.iter_mut().for_each(|b| *b = 0xff);
                    return;
                };
                let h = h.lock();
                for (i, b) in out.iter_mut().enumerate() {
                    let o = base.saturating_add(i);
                    *b = if o < 0x100 {
                        let mut x = [0u8];
                        h.read(o, &mut x);
                        x[0]
                    } else if o < 0x1000 {
                        0
                    } else {
                        0xff
                    };
                }
            }
        }
    }

    fn pf_cfg_byte(&self, c: &PfConfig, o: usize) -> u8 {
        let sriov = self.cfg.total_vfs > 0;
        let ari = usize::from(ARI_CAP);
        let sr = usize::from(SRIOV_CAP);
        let mut x = [0u8];
        if o < 0x100 {
            c.header.read(o, &mut x);
        } else if (ari..ari.saturating_add(8)).contains(&o) {
            let next = if sriov { SRIOV_CAP } else { 0 };
            let hdr = svnic_abi::pci::pcie_ext_cap_header(svnic_abi::pci::PCI_EXPRESS_ARI_CAP_ID, 1, next);
            let mut bytes = [0u8; 8];
            if let Some(d) = bytes.get_mut(0..4) {
                d.copy_from_slice(&hdr.to_le_bytes());
            }
            x[0] = bytes.get(o.saturating_sub(ari)).copied().unwrap_or(0);
        } else if sriov && (sr..sr.saturating_add(usize::from(svnic_abi::pci::SRIOV_CAP_LENGTH))).contains(&o)
        {
            c.sriov.read(o.saturating_sub(sr), &mut x);
        } else if o >= 0x1000 {
            x[0] = 0xff;
        }
        x[0]
    }

    /// Write configuration space of `f`. Read-only bits are ignored; a write to a VF that is not
    /// enabled is dropped. Side effects: SR-IOV VF Enable / NumVFs, and Initiate FLR in the PCIe
    /// Device Control register (PF: [`Device::pf_flr`], VF: [`Device::vf_flr`]).
    pub fn config_write(&self, f: Function, offset: u16, data: &[u8]) {
        let base = usize::from(offset);
        match f {
            Function::Pf => {
                let mut flr = false;
                let mut vfe = None;
                {
                    let mut c = self.pf_cfg.lock();
                    let sr = usize::from(SRIOV_CAP);
                    let sr_end = sr.saturating_add(usize::from(svnic_abi::pci::SRIOV_CAP_LENGTH));
                    for (i, &b) in data.iter().enumerate() {
                        let o = base.saturating_add(i);
                        if o < 0x100 {
                            flr |= c.header.write(o, &[b]).flr;
                        } else if self.cfg.total_vfs > 0 && (sr..sr_end).contains(&o) {
                            // The SR-IOV cap is written as a whole access so that a 16-bit write of
                            // Control is judged after both bytes land.
                            continue;
                        }
                    }
                    // Apply the part of the access that falls into the SR-IOV capability at once.
                    if self.cfg.total_vfs > 0 {
                        let start = base.max(sr);
                        let end = base.saturating_add(data.len()).min(sr_end);
                        if start < end {
                            let from = start.saturating_sub(base);
                            let to = end.saturating_sub(base);
                            if let Some(part) = data.get(from..to) {
                                vfe = c.sriov.write(start.saturating_sub(sr), part).vf_enable;
                            }
                        }
                    }
                }
                match vfe {
                    Some(true) => self.enable_vfs(),
                    Some(false) => self.disable_vfs(),
                    None => {}
                }
                if flr {
                    self.pf_flr();
                }
            }
            Function::Vf(v) => {
                if !self.vf_enabled(v) {
                    return;
                }
                let flr = match self.vf_cfg.get(usize::from(v)) {
                    Some(h) => {
                        let mut h = h.lock();
                        let hdr_end = base.saturating_add(data.len()).min(0x100);
                        match data.get(..hdr_end.saturating_sub(base)) {
                            Some(part) if base < 0x100 => h.write(base, part).flr,
                            _ => false,
                        }
                    }
                    None => false,
                };
                if flr {
                    let _ = self.vf_flr(v);
                }
            }
        }
    }

    // ---------------------------------------------------------------- filters and pools

    /// Add an exact MAC (+VLAN) filter delivering to `queue` (a PF VMQ/vPort queue or a VF's
    /// queue). Returns its id.
    pub fn add_filter(&self, mac: MacAddr, vlan: VlanMatch, queue: QueueId) -> Result<FilterId, DeviceError> {
        self.tables.write().add(mac, vlan, queue)
    }

    /// Remove a filter.
    pub fn remove_filter(&self, id: FilterId) -> Result<FilterInfo, DeviceError> {
        self.tables.write().remove(id)
    }

    /// Retarget a filter in one table update: concurrent receive sees the old target or the new
    /// one, never both and never neither (the VMQ <-> VF data-path switch).
    pub fn move_filter(&self, id: FilterId, to: QueueId) -> Result<(), DeviceError> {
        self.tables.write().move_filter(id, to)
    }

    /// Describe a filter.
    pub fn filter(&self, id: FilterId) -> Option<FilterInfo> {
        self.tables.read().filter(id)
    }

    /// Every live filter (allocates).
    pub fn filters(&self) -> Vec<(FilterId, FilterInfo)> {
        self.tables.read().filters()
    }

    /// Policy of pool `q`.
    pub fn pool_config(&self, q: QueueId) -> Result<PoolConfig, DeviceError> {
        self.tables
            .read()
            .pool(q)
            .copied()
            .ok_or(DeviceError::NoSuchQueue)
    }

    /// Replace the policy of pool `q` (PF only: a VF cannot reach this).
    pub fn set_pool_config(&self, q: QueueId, cfg: PoolConfig) -> Result<(), DeviceError> {
        self.tables.write().set_pool(q, cfg)
    }

    /// Read-modify-write the policy of pool `q` in one table update.
    pub fn update_pool(&self, q: QueueId, f: impl FnOnce(&mut PoolConfig)) -> Result<(), DeviceError> {
        let mut t = self.tables.write();
        let mut p = *t.pool(q).ok_or(DeviceError::NoSuchQueue)?;
        f(&mut p);
        t.set_pool(q, p)
    }

    /// Run `f` with the tables under the read lock (tests, diagnostics, the pure classifier).
    pub fn with_tables<R>(&self, f: impl FnOnce(&Tables) -> R) -> R {
        f(&self.tables.read())
    }

    // ---------------------------------------------------------------- MSI-X

    pub(crate) fn msix(&self, f: Function) -> Result<&MsixTable, DeviceError> {
        match f {
            Function::Pf => Ok(&self.pf_msix),
            Function::Vf(v) => self
                .vf_msix
                .get(self.vf_index(v)?)
                .ok_or(DeviceError::NoSuchFunction),
        }
    }

    fn vector_op(
        &self,
        f: Function,
        vector: u16,
        op: impl FnOnce(&mut VectorState),
    ) -> Result<(), DeviceError> {
        if let Function::Vf(v) = f {
            if !self.vf_enabled(v) {
                self.vf_index(v)?;
                return Err(DeviceError::FunctionDisabled);
            }
        }
        let now = self.now_us();
        if let Some(m) = self.msix(f)?.update(vector, now, op)? {
            self.msi.signal(m);
        }
        Ok(())
    }

    /// Target processor of a vector. Latched causes are kept and go to the new processor.
    pub fn set_vector_processor(&self, f: Function, vector: u16, processor: u32) -> Result<(), DeviceError> {
        self.vector_op(f, vector, |s| s.processor = processor)
    }

    /// Mask or unmask a vector; unmasking fires a latched cause (at once or at the end of the
    /// moderation interval).
    pub fn set_vector_masked(&self, f: Function, vector: u16, masked: bool) -> Result<(), DeviceError> {
        self.vector_op(f, vector, |s| s.masked = masked)
    }

    /// Moderation interval of a vector in microseconds (0 = interrupt per cause).
    pub fn set_moderation(&self, f: Function, vector: u16, interval_us: u32) -> Result<(), DeviceError> {
        self.vector_op(f, vector, |s| s.interval_us = interval_us)
    }

    /// Raise a cause on a vector by software (igb EICS).
    pub fn trigger_vector(&self, f: Function, vector: u16) -> Result<(), DeviceError> {
        self.vector_op(f, vector, |s| s.pending = true)
    }

    /// State of a vector.
    pub fn vector_state(&self, f: Function, vector: u16) -> Result<VectorState, DeviceError> {
        self.msix(f)?.state(vector).ok_or(DeviceError::NoSuchVector)
    }

    /// Number of vectors in a function's table.
    pub fn vector_count(&self, f: Function) -> Result<usize, DeviceError> {
        Ok(self.msix(f)?.len())
    }

    /// Bind queue `q` to `vector` of its owning function's table (igb IVAR). Vector 0 (misc) and
    /// vectors bound to another queue are refused: one vector per queue, never shared.
    pub fn set_queue_vector(&self, q: QueueId, vector: u16) -> Result<(), DeviceError> {
        let _serialize = self.tables.write();
        let slot = self.slot(q)?;
        let table_len = self.msix(slot.function)?.len();
        if vector == 0 || usize::from(vector) >= table_len {
            return Err(DeviceError::NoSuchVector);
        }
        let taken = self.queues.iter().enumerate().any(|(i, s)| {
            i != q.index() && s.function == slot.function && s.vector.load(Ordering::Relaxed) == vector
        });
        if taken {
            return Err(DeviceError::VectorInUse);
        }
        slot.vector.store(vector, Ordering::Release);
        Ok(())
    }

    /// Vector of queue `q` in its owner's table.
    pub fn queue_vector(&self, q: QueueId) -> Result<(Function, u16), DeviceError> {
        let s = self.slot(q)?;
        Ok((s.function, s.vector.load(Ordering::Acquire)))
    }

    pub(crate) fn raise(&self, f: Function, vector: u16) {
        if let Function::Vf(v) = f {
            if !self.vf_enabled(v) {
                return;
            }
        }
        let now = self.now_us();
        if let Ok(t) = self.msix(f) {
            if let Some(m) = t.raise(vector, now) {
                self.msi.signal(m);
            }
        }
    }

    // ---------------------------------------------------------------- clock

    /// Current virtual time in microseconds.
    pub fn now_us(&self) -> u64 {
        self.clock.load(Ordering::Acquire)
    }

    /// Move the virtual clock forward to `now_us` (never backwards) and fire every vector whose
    /// moderation interval has ended with a latched cause.
    pub fn advance_to(&self, now_us: u64) {
        let now = self.clock.fetch_max(now_us, Ordering::AcqRel).max(now_us);
        let msi = &self.msi;
        let mut emit = |m: MsiMessage| msi.signal(m);
        self.pf_msix.tick(now, &mut emit);
        for (i, t) in self.vf_msix.iter().enumerate() {
            if self.vf_live.get(i).is_some_and(|l| l.load(Ordering::Acquire)) {
                t.tick(now, &mut emit);
            }
        }
    }

    /// Advance the clock by `delta_us`.
    pub fn tick(&self, delta_us: u64) {
        self.advance_to(self.now_us().saturating_add(delta_us));
    }

    // ---------------------------------------------------------------- counters

    /// Counters of queue (= pool) `q`.
    pub fn counters(&self, q: QueueId) -> Result<QueueCounters, DeviceError> {
        let s = self.slot(q)?;
        let rx = s.rx.lock().stats.snapshot();
        let tx = s.tx.lock().stats.snapshot();
        Ok(QueueCounters { rx, tx })
    }

    /// Device-wide counters.
    pub fn device_counters(&self) -> DeviceCounters {
        let (mut w, mut l) = (0u64, 0u64);
        for q in &self.queues {
            let rx = q.rx.lock();
            w = w.wrapping_add(rx.stats.lead_wire);
            l = l.wrapping_add(rx.stats.lead_local);
        }
        self.stats.snapshot(w, l)
    }

    /// Zero the counters of queue `q`.
    pub fn clear_counters(&self, q: QueueId) -> Result<(), DeviceError> {
        let s = self.slot(q)?;
        s.rx.lock().stats.clear();
        s.tx.lock().stats.clear();
        Ok(())
    }
}
