//! The PF engine packaged for the adapter: what `adapter.rs` needs to put SR-IOV behind its
//! `(OidOwner::Sriov, ...)` table part, in four calls — [`AdapterSriov::new`] at
//! MiniportInitializeEx, [`AdapterSriov::rows`] for the table, [`AdapterSriov::handle`] for the
//! `OidOwner::Sriov` branch, [`AdapterSriov::halt`] in MiniportHaltEx.
//!
//! OIDs arrive one at a time per adapter, so the locks are never contended on the OID path; they
//! make the engine shareable with status and DPC paths.

use super::caps::{CapsInput, NicSwitchCaps};
use super::model_hw::ModelHw;
use super::pf_vport_rx;
use super::switch::{Attach, VPortState};
use super::{abi, SriovEnv, SriovPf};
use crate::oid::{OidBytes, OidOutcome, OidRequest, OidRow};
use crate::os::Os;
use crate::os::{ProcessorNumber, RxBankId};
use crate::vmq::datapath::{FreeOutcome, RxEnv, RxTable};
use crate::vmq::model_hw::ModelVmq;
use alloc::sync::Arc;
use alloc::vec::Vec;
use spin::Mutex;
use svnic_abi::status::{NDIS_STATUS_INVALID_PARAMETER, NDIS_STATUS_SUCCESS};
use svnic_device::{Device, QueueId, TxOutcome};

/// The PF engine plus its view of the device.
///
/// Receive on PF non-default vPorts lives in the adapter's one [`RxTable`] (shared with the VMQ
/// engine, [`AdapterSriov::with_rx`]): the receive DPC and NBL returns never take this type's
/// locks, which only the OID, send-target, reset and halt paths use.
pub struct AdapterSriov {
    pf: Mutex<SriovPf>,
    hw: Mutex<ModelHw>,
    rx: Arc<RxTable>,
    rx_dev: Arc<ModelVmq>,
    /// PF vPorts deleted while NBLs were outstanding: (VPortId, slot), until their free
    /// finishes. A reset aborts their pended DELETE_VPORT; one re-issued pends on the same free.
    deleting: Mutex<Vec<(u32, u16)>>,
    dev: Arc<Device>,
}

impl core::fmt::Debug for AdapterSriov {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("AdapterSriov").finish_non_exhaustive()
    }
}

/// What [`AdapterSriov::reset`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SriovResetReport {
    /// Pended DELETE_VPORT OIDs completed with NDIS_STATUS_REQUEST_ABORTED.
    pub aborted_deletes: u32,
}

impl AdapterSriov {
    /// Build the engine over the adapter's PF `device`. `sriov` / `vmq`: the enabled interface
    /// (spec 1.12); `num_vfs_keyword`: NicSwitches\0\*NumVFs; `vlan_filtering`: *VMQVlanFiltering.
    /// Call before VF Enable (the VF BARs are probed here). The engine gets a receive table of
    /// its own (standalone use); the adapter shares the VMQ engine's with [`Self::with_rx`].
    pub fn new(
        device: Arc<Device>,
        sriov: bool,
        vmq: bool,
        num_vfs_keyword: Option<u32>,
        vlan_filtering: bool,
    ) -> Self {
        let rx = Arc::new(RxTable::new(device.config().pf_queues));
        let rx_dev = Arc::new(ModelVmq::new(device.clone()));
        Self::with_rx(device, sriov, vmq, num_vfs_keyword, vlan_filtering, rx, rx_dev)
    }

    /// [`Self::new`] over the adapter's receive table `rx` and its device view `rx_dev` (the
    /// VMQ engine's): PF vPort queues and VM queues are slots of one table, claimed from one PF
    /// queue budget, served by one DPC per processor. `rx` must have pf_queues + 1 slots.
    pub fn with_rx(
        device: Arc<Device>,
        sriov: bool,
        vmq: bool,
        num_vfs_keyword: Option<u32>,
        vlan_filtering: bool,
        rx: Arc<RxTable>,
        rx_dev: Arc<ModelVmq>,
    ) -> Self {
        let cfg = device.config();
        let caps = NicSwitchCaps::from_input(&CapsInput {
            total_vfs: cfg.total_vfs,
            num_vfs_keyword,
            pf_queues: cfg.pf_queues,
            mac_filter_entries: u32::try_from(svnic_device::filters::MAX_FILTERS).unwrap_or(u32::MAX),
            vlan_filtering,
        });
        Self {
            pf: Mutex::new(SriovPf::new(caps, sriov, vmq)),
            hw: Mutex::new(ModelHw::with_budget(device.clone(), rx.clone())),
            rx,
            rx_dev,
            deleting: Mutex::new(Vec::new()),
            dev: device,
        }
    }

    /// The rows for the adapter's `OidOwner::Sriov` part.
    pub fn rows(sriov: bool, vmq: bool) -> &'static [OidRow] {
        match (sriov, vmq) {
            (false, _) => &[],
            (true, true) => super::oid_rows(),
            (true, false) => super::oid_rows_with_filters(),
        }
    }

    fn env<'a>(&'a self, os: &'a dyn Os) -> RxEnv<'a> {
        RxEnv {
            os,
            device: &*self.rx_dev,
        }
    }

    /// Forget deleted vPorts whose free finished (their slot may already serve someone else).
    fn reap_deleting(&self) {
        self.deleting
            .lock()
            .retain(|(vport, slot)| self.rx.freeing(*slot) && self.rx.vport_of(*slot) == *vport);
    }

    /// The `OidOwner::Sriov` branch of the adapter's dispatcher.
    ///
    /// DELETE_VPORT of an Activated PF vPort: the slot's gate closes before the engine lets the
    /// vPort go (no indication with its VPortId after the OID is issued), then DMA stops and the
    /// OID completes now if no NBL is outstanding, else returns PENDING and is completed through
    /// [`Os::complete_oid`] (SUCCESS) by the last NBL return.
    pub fn handle(&self, os: &dyn Os, req: &mut OidRequest<'_>) -> OidOutcome {
        let env = self.env(os);
        // Phase 1, under the OID locks: what the receive table needs before the OID runs.
        let mut stopping: Option<(u32, u16)> = None;
        let mut pre: Option<pf_vport_rx::RxAction> = None;
        {
            let hw = self.hw.lock();
            let pf = self.pf.lock();
            self.reap_deleting();
            match req.oid {
                abi::OID_NIC_SWITCH_DELETE_VPORT
                    if pf.enabled() && req.request_type == crate::oid::RequestType::Set =>
                {
                    if let Ok((id, read)) = super::oids::delete_vport_target(req) {
                        if pf.switch().vport(id).is_none() {
                            if let Some(out) = self.reissued_delete(req, id, read) {
                                return out;
                            }
                        }
                        let pf_vport = pf
                            .switch()
                            .vport(id)
                            .is_some_and(|v| v.attach == Attach::Pf && id != 0);
                        if pf_vport && pf.switch().check_delete_vport(id).is_ok() {
                            stopping = pf_vport_rx::slot_of(&hw, id)
                                .filter(|s| self.rx.has_memory(*s) && self.rx.vport_of(*s) == id)
                                .map(|s| (id, s));
                        }
                    }
                }
                abi::OID_RECEIVE_FILTER_SET_FILTER => {
                    pre = super::bytes::u32_at(req.buffer, abi::filter_params::VPORT_ID)
                        .and_then(|v| pf_vport_rx::open_before_filter(&self.rx, &hw, pf.switch(), v));
                }
                abi::OID_RECEIVE_FILTER_MOVE_FILTER => {
                    pre = super::bytes::u32_at(req.buffer, abi::move_filter::DEST_VPORT_ID)
                        .and_then(|v| pf_vport_rx::open_before_filter(&self.rx, &hw, pf.switch(), v));
                }
                _ => {}
            }
        }
        // Waits for a DPC inside the queue happen outside the locks (that DPC's indication may
        // lead to a send, which takes them). OIDs are serialized, so nothing changes meanwhile.
        if let Some((_, slot)) = stopping {
            // No indication with this VPortId from now on.
            self.rx.set_gate(env, slot, false);
        }
        if let Some(a) = pre {
            pf_vport_rx::apply(env, &self.rx, &[a]);
        }
        let (out, actions) = {
            let mut hw = self.hw.lock();
            let mut pf = self.pf.lock();
            let out = {
                let mut senv = SriovEnv { os, hw: &mut *hw };
                match req.oid {
                    abi::OID_RECEIVE_FILTER_SET_FILTER => pf.handle_set_filter(&mut senv, req),
                    abi::OID_RECEIVE_FILTER_CLEAR_FILTER => pf.handle_clear_filter(&mut senv, req),
                    _ => pf.handle_oid(&mut senv, req),
                }
            };
            (out, pf_vport_rx::plan(&self.rx, &hw, pf.switch()))
        };
        let mut out = out;
        if let (Some((id, slot)), OidOutcome::Complete(NDIS_STATUS_SUCCESS)) = (stopping, out) {
            let bytes = OidBytes {
                read: req.bytes_read,
                written: req.bytes_written,
                needed: req.bytes_needed,
            };
            // Record first: the last return may finish the free before free_vport returns.
            self.deleting.lock().push((id, slot));
            if self.rx.free_vport(env, slot, Some((req.token, bytes))) == FreeOutcome::Pending {
                out = OidOutcome::Pending;
            }
            self.reap_deleting();
        }
        pf_vport_rx::apply(env, &self.rx, &actions);
        out
    }

    /// DELETE_VPORT for vPort `id` that the switch no longer lists but whose earlier
    /// DELETE_VPORT a reset aborted while NBLs were out: pend on the same free (or SUCCESS if it
    /// finished). `None` when `id` is not such a vPort (the engine answers as usual).
    fn reissued_delete(&self, req: &mut OidRequest<'_>, id: u32, read: u32) -> Option<OidOutcome> {
        let slot = self
            .deleting
            .lock()
            .iter()
            .find(|(v, _)| *v == id)
            .map(|(_, s)| *s)?;
        req.bytes_read = read;
        req.bytes_written = 0;
        req.bytes_needed = 0;
        let bytes = OidBytes {
            read,
            written: 0,
            needed: 0,
        };
        Some(match self.rx.rearm_free(slot, req.token, bytes) {
            Some(FreeOutcome::Pending) => OidOutcome::Pending,
            Some(FreeOutcome::Completed) => OidOutcome::Complete(NDIS_STATUS_SUCCESS),
            None => {
                req.bytes_read = 0;
                OidOutcome::Complete(NDIS_STATUS_INVALID_PARAMETER)
            }
        })
    }

    /// The receive DPC on `processor` for the engine used alone (the adapter runs the shared
    /// table's DPC through the VMQ engine instead): the PF vPort slots served there, each
    /// indicated in its own calls. Returns the frames indicated; schedules itself again when
    /// work is left.
    pub fn dpc(&self, os: &dyn Os, processor: ProcessorNumber) -> usize {
        let r = self.rx.dpc(self.env(os), processor, pf_vport_rx::BUDGET);
        if r.more_work {
            let _ = os.schedule_dpc(processor);
        }
        usize::try_from(r.indicated).unwrap_or(usize::MAX)
    }

    /// The device queue a send NBL whose VPortId is `vport` goes out from (spec 2.4): the queue
    /// of an existing, Activated PF vPort; `None` for 0, an unknown, deleted or deactivated id or
    /// a VF's vPort (the caller then sends from the default pool). Locks in the OID path's order.
    pub fn tx_queue(&self, vport: u32) -> Option<QueueId> {
        if vport == 0 {
            return None;
        }
        let hw = self.hw.lock();
        let pf = self.pf.lock();
        let live = pf
            .switch()
            .vports()
            .any(|v| v.id == vport && v.attach == Attach::Pf && v.state == VPortState::Activated);
        if live {
            hw.vport_queue(vport)
        } else {
            None
        }
    }

    /// Transmit `frame` from PF vPort queue `q` (its pool's anti-spoofing and the switch apply).
    pub fn transmit(&self, q: QueueId, frame: &[u8]) -> bool {
        matches!(self.dev.transmit(q, frame, None), TxOutcome::Sent { .. })
    }

    /// Whether `bank` holds a PF vPort's receive buffers now.
    pub fn owns_bank(&self, bank: RxBankId) -> bool {
        self.rx
            .queue_of_bank(bank)
            .is_some_and(|slot| self.rx.vport_of(slot) != 0)
    }

    /// MiniportReturnNetBufferLists for a PF vPort bank (lock-free: the table's per-queue
    /// atomics). The last return of a deleted vPort frees its memory and completes its
    /// DELETE_VPORT.
    pub fn return_rx(&self, os: &dyn Os, bank: RxBankId, slot: u32) -> bool {
        self.owns_bank(bank) && self.rx.return_rx(self.env(os), bank, slot)
    }

    /// Whether vPort filters belong to SR-IOV now (a switch exists): the adapter forwards
    /// vPort SET_FILTER / CLEAR_FILTER here when this is true.
    pub fn owns_filters(&self) -> bool {
        self.pf.lock().switch_exists()
    }

    /// Whether filter `id` is one of the switch's vPort filters.
    pub fn owns_filter(&self, id: u32) -> bool {
        self.pf.lock().switch().filter(id).is_some()
    }

    /// MiniportResetEx: a DELETE_VPORT pended on outstanding NBLs is completed now with
    /// NDIS_STATUS_REQUEST_ABORTED, exactly once (the same rule as the VMQ engine's FREE_QUEUE,
    /// docs/vmq.md "Reset"). The vPort stays deleted and its slot freeing: no indication, its
    /// memory is freed at the last NBL return; a DELETE_VPORT NDIS re-issues for it pends on
    /// that same free.
    ///
    /// Nothing else changes (docs/sriov.md "Reset"): AddressingReset is FALSE and NDIS never
    /// re-creates the switch, vPorts, VFs or vPort filters, so they are kept as they are; VFs
    /// belong to guests and are not touched; PF vPort queues keep their filters, vectors and
    /// open gates (the reset clears no hardware state, so there is nothing to re-program).
    pub fn reset(&self, os: &dyn Os) -> SriovResetReport {
        self.reap_deleting();
        let mut report = SriovResetReport::default();
        let slots: Vec<u16> = self.deleting.lock().iter().map(|(_, s)| *s).collect();
        for slot in slots {
            if self.rx.abort_free(self.env(os), slot) {
                report.aborted_deletes = report.aborted_deletes.saturating_add(1);
            }
        }
        report
    }

    /// MiniportHaltEx: undo anything NDIS left behind, in the documented order. A PF vPort's
    /// receive is freed first (NDIS halts only after a pause drained every NBL, so its memory
    /// goes now); a DELETE_VPORT still pended (NDIS does not halt with an OID pending) is
    /// completed with REQUEST_ABORTED rather than left behind.
    pub fn halt(&self, os: &dyn Os) {
        let env = self.env(os);
        let live: Vec<(u32, u16)> = {
            let hw = self.hw.lock();
            let pf = self.pf.lock();
            pf.switch()
                .vports()
                .filter(|v| v.id != 0 && v.attach == Attach::Pf)
                .filter_map(|v| pf_vport_rx::slot_of(&hw, v.id).map(|s| (v.id, s)))
                .collect()
        };
        for (id, slot) in live {
            if self.rx.has_memory(slot) && self.rx.vport_of(slot) == id {
                let _ = self.rx.free_vport(env, slot, None);
            }
        }
        let deleting: Vec<u16> = self.deleting.lock().iter().map(|(_, s)| *s).collect();
        for slot in deleting {
            let _ = self.rx.abort_free(env, slot);
        }
        let mut hw = self.hw.lock();
        let mut senv = SriovEnv { os, hw: &mut *hw };
        self.pf.lock().halt(&mut senv);
    }

    /// Read-only access for the host's NDIS-handled answers and the control device.
    pub fn with_pf<R>(&self, f: impl FnOnce(&SriovPf) -> R) -> R {
        f(&self.pf.lock())
    }

    /// The device view (vPort <-> queue mapping for receive tagging).
    pub fn with_hw<R>(&self, f: impl FnOnce(&ModelHw) -> R) -> R {
        f(&self.hw.lock())
    }
}
