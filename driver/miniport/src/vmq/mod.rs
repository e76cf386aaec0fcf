//! The VMQ engine (spec section 1): capabilities, the queue state machine, filters, affinity, the
//! miniport-handled VMQ OIDs, and the per-queue receive data path.
//!
//! Layers, one idea each:
//! * [`state`]: the pure state machine (queues, filters, states; Rust types, no bytes, no OS).
//! * [`oids`]: the OID byte glue (payload headers, lengths, offsets, counts, ids; exact byte
//!   counts and statuses) calling the typed operations of [`VmqEngine`].
//! * [`datapath`]: per-queue atomics shared by the OID path, the receive DPCs and NBL returns.
//! * [`caps`]: NDIS_RECEIVE_FILTER_CAPABILITIES and the NIC-switch revision-1 counts.
//! * [`device`]: what the engine needs from the NIC; [`model_hw`]: that over svnic-device's model.
//! * NDIS layouts, codes and buffer checks are svnic-abi's (`vmq`, `oid`, `buf`); [`ndis`] only
//!   re-exports them under the names the engine's tests and hyperv-sim use; [`wire`] holds the
//!   validated counted-string name kept in queue state.
//!
//! Concurrency: every method takes `&self`. OIDs are serialized by NDIS and additionally by the
//! engine's control lock; DPCs and returns never take that lock (per-queue atomics only), so the
//! receive hot path has no cross-queue lock and does not allocate.

pub mod caps;
pub mod datapath;
pub mod device;
pub mod model_hw;
pub mod ndis;
pub mod oids;
pub mod state;
pub mod wire;

use crate::oid::{OidBytes, OidOutcome, OidRequest, OidRow, OidToken};
use crate::os::{Os, ProcessorNumber, RxBankId};
use alloc::sync::Arc;
use alloc::vec::Vec;
use caps::VmqCapabilities;
use core::sync::atomic::{AtomicBool, Ordering::SeqCst};
use datapath::{DpcResult, FreeOutcome, RxEnv, RxQueueStats, RxTable, SlotOwner};
use device::{FilterSpec, FilterVlan, RxTarget, VmqDevice};
use state::{Filter, GroupAffinity, QueueParams, QueueState, VmqError, VmqState};
use svnic_abi::status::{
    NdisStatus, NDIS_STATUS_FAILURE, NDIS_STATUS_NOT_ACCEPTED, NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS,
    NDIS_STATUS_RESET_IN_PROGRESS, NDIS_STATUS_SUCCESS,
};
use svnic_abi::vmq::{
    NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED,
    NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED,
};
use wire::CountedName;

pub use caps::{receive_filter_capabilities, VmqMode};

/// What the engine's calls need: the OS seam and the NIC. The adapter constructs it per call.
#[derive(Clone, Copy)]
pub struct VmqEnv<'a> {
    pub os: &'a dyn Os,
    pub device: &'a dyn VmqDevice,
}

impl<'a> VmqEnv<'a> {
    fn rx(self) -> RxEnv<'a> {
        RxEnv {
            os: self.os,
            device: self.device,
        }
    }
}

/// Every miniport-handled VMQ OID: (request type, OID, minimum buffer length).
pub fn oid_rows() -> &'static [OidRow] {
    oids::ROWS
}

/// The interrupt coalescing domain of a processor: queues whose vectors target the same
/// processor share one DPC, so they share a domain.
pub fn coalescing_domain(p: ProcessorNumber) -> u32 {
    u32::from(p.group)
        .wrapping_mul(64)
        .wrapping_add(u32::from(p.number))
}

/// The typed inputs of ALLOCATE_QUEUE (already parsed from NDIS_RECEIVE_QUEUE_PARAMETERS).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AllocateRequest {
    pub queue_id: u32,
    pub params: QueueParams,
    pub lookahead_size: u32,
    pub qos_sq_id: u32,
}

/// What ALLOCATE_QUEUE writes back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AllocateResult {
    pub msix_table_entry: u32,
    pub coalescing_domain: u32,
}

/// The members a QUEUE_PARAMETERS set changes (only those whose *_CHANGED flag is set).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ParamsChange {
    pub flags: Option<u32>,
    pub affinity: Option<GroupAffinity>,
    pub suggested_buffers: Option<u32>,
    pub queue_name: Option<CountedName>,
}

/// One queue as NDIS_RECEIVE_QUEUE_INFO reports it (read-only snapshot for NDIS-handled OIDs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueueSnapshot {
    pub queue_id: u32,
    pub state: QueueState,
    /// NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE.
    pub operational_state: u32,
    pub params: QueueParams,
    pub processor: ProcessorNumber,
    pub msix_table_entry: u32,
    pub coalescing_domain: u32,
    pub num_filters: u32,
}

/// One filter as NDIS_RECEIVE_FILTER_INFO / RECEIVE_FILTER_PARAMETERS report it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FilterSnapshot {
    pub filter_id: u32,
    pub target: RxTarget,
    pub spec: FilterSpec,
}

/// The VMQ engine of one adapter.
pub struct VmqEngine {
    caps: VmqCapabilities,
    ctl: spin::Mutex<VmqState>,
    /// The adapter's receive table: VM queues, the default queue and (shared with the SR-IOV
    /// PF engine) PF vPort queues; also the owner of the PF queue budget.
    rx: Arc<RxTable>,
    /// A MiniportResetEx is between [`Self::begin_reset`] and [`Self::finish_reset`].
    resetting: AtomicBool,
}

/// What [`VmqEngine::begin_reset`] did (the tests and the adapter's counters read it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ResetReport {
    /// Pended FREE_QUEUE OIDs completed with NDIS_STATUS_REQUEST_ABORTED.
    pub aborted_frees: u32,
    /// Queues whose ring was quiesced (gate closed, DPCs out, unindicated frames dropped).
    pub quiesced_queues: u32,
    /// Filters taken out of the hardware (re-programmed by [`VmqEngine::finish_reset`]).
    pub filters_removed: u32,
}

impl VmqEngine {
    /// From the capabilities decided at init ([`receive_filter_capabilities`]). Allocates every
    /// queue and filter slot now.
    pub fn new(caps: VmqCapabilities) -> Self {
        Self::with_rx(caps, Arc::new(RxTable::new(caps.num_queues())))
    }

    /// Like [`Self::new`] over a receive table shared with the SR-IOV PF engine (it must have
    /// at least `caps.num_queues()` non-default slots): VM queues and PF vPorts then draw from
    /// one PF queue budget and one DPC path serves them all.
    pub fn with_rx(caps: VmqCapabilities, rx: Arc<RxTable>) -> Self {
        Self {
            caps,
            ctl: spin::Mutex::new(VmqState::new(caps.num_queues(), caps.max_filters())),
            rx,
            resetting: AtomicBool::new(false),
        }
    }

    /// The receive table (shared with the SR-IOV PF engine by the adapter).
    pub fn rx_table(&self) -> &Arc<RxTable> {
        &self.rx
    }

    pub fn capabilities(&self) -> &VmqCapabilities {
        &self.caps
    }

    /// VM queues may be allocated (VMQ is the enabled interface).
    pub fn queues_enabled(&self) -> bool {
        self.caps.current.enabled_queue_types != 0 && self.caps.num_queues() > 0
    }

    /// VMQ filters may be set (VMQ or SR-IOV enabled).
    pub fn filters_enabled(&self) -> bool {
        self.caps.current.enabled_filter_types != 0
    }

    /// Handle a miniport-handled VMQ OID (one of [`oid_rows`]).
    /// While a reset is in progress every VMQ OID is refused with NDIS_STATUS_NOT_ACCEPTED and
    /// changes nothing (docs/vmq.md "Reset").
    pub fn handle_oid(&self, env: &mut VmqEnv<'_>, req: &mut OidRequest<'_>) -> OidOutcome {
        if self.resetting.load(SeqCst) {
            req.bytes_read = 0;
            req.bytes_written = 0;
            req.bytes_needed = 0;
            return OidOutcome::Complete(NDIS_STATUS_NOT_ACCEPTED);
        }
        oids::handle(self, *env, req)
    }

    /// Whether a reset is in progress.
    pub fn resetting(&self) -> bool {
        self.resetting.load(SeqCst)
    }

    // ---- MiniportResetEx (docs/vmq.md "Reset") ----------------------------------------------

    /// MiniportResetEx, synchronously: [`Self::begin_reset`] then [`Self::finish_reset`].
    /// NDIS_STATUS_RESET_IN_PROGRESS when a reset is already running.
    pub fn reset(&self, env: VmqEnv<'_>) -> NdisStatus {
        if self.begin_reset(env).is_none() {
            return NDIS_STATUS_RESET_IN_PROGRESS;
        }
        self.finish_reset(env)
    }

    /// First half of a reset: from now on VMQ OIDs are refused (NOT_ACCEPTED); waits for an OID
    /// in flight (the control lock); completes every pended FREE_QUEUE with REQUEST_ABORTED (the
    /// queue stays freeing until its last NBL returns); quiesces every queue with receive DMA
    /// (gate closed, no DPC inside, completed-but-unindicated frames dropped and their buffers
    /// reposted: NBLs already indicated stay outstanding and are accepted when they return);
    /// takes the queues' filters out of the hardware. `None` if a reset is already in progress.
    pub fn begin_reset(&self, env: VmqEnv<'_>) -> Option<ResetReport> {
        if self.resetting.swap(true, SeqCst) {
            return None;
        }
        let mut report = ResetReport::default();
        let mut st = self.ctl.lock();
        self.reap(&mut st);
        for q in st.queues() {
            if q.state == QueueState::Freeing {
                if self.rx.abort_free(env.rx(), q.id) {
                    report.aborted_frees = report.aborted_frees.saturating_add(1);
                }
            } else if self.rx.is_active(q.id) {
                self.rx.set_gate(env.rx(), q.id, false);
                report.quiesced_queues = report.quiesced_queues.saturating_add(1);
            }
        }
        if self.rx.is_active(0) {
            self.rx.set_gate(env.rx(), 0, false);
        }
        for f in st.filters().filter(|f| matches!(f.target, RxTarget::Queue(_))) {
            env.device.remove_rx_filter(f.device_handle);
            report.filters_removed = report.filters_removed.saturating_add(1);
        }
        Some(report)
    }

    /// Second half of a reset: re-program the hardware from the engine's state (AddressingReset
    /// stays FALSE: NDIS re-creates nothing): every queue filter again (its new device handle
    /// recorded), every queue's vector at its processor, gates of Running queues (and the
    /// engine's default queue) open again; then OIDs are accepted again and the DPCs of queues
    /// with frames waiting are scheduled. FAILURE if the hardware refused a filter again (that
    /// filter stays in the engine's state, so CLEAR_FILTER still finds it).
    pub fn finish_reset(&self, env: VmqEnv<'_>) -> NdisStatus {
        let mut status = NDIS_STATUS_SUCCESS;
        {
            let mut st = self.ctl.lock();
            for f in st.filters_mut() {
                if matches!(f.target, RxTarget::Queue(_)) {
                    match env.device.add_rx_filter(f.spec, f.target) {
                        Ok(handle) => f.device_handle = handle,
                        Err(_) => status = NDIS_STATUS_FAILURE,
                    }
                }
            }
            for q in st.queues() {
                if q.state == QueueState::Freeing {
                    continue;
                }
                self.rx.set_processor(env.rx(), q.id, q.processor);
                if q.state == QueueState::Running {
                    self.rx.set_gate(env.rx(), q.id, true);
                }
            }
            if self.rx.is_active(0) {
                self.rx.set_gate(env.rx(), 0, true);
            }
        }
        self.resetting.store(false, SeqCst);
        self.rx.reschedule_pending(env.rx());
        status
    }

    fn reap(&self, st: &mut VmqState) {
        let freeing: Vec<u16> = st
            .queues()
            .filter(|q| q.state == QueueState::Freeing)
            .map(|q| q.id)
            .collect();
        for id in freeing {
            // Finished: the finalization marked it freed and gave the slot back (which another
            // owner, a PF vPort, may already have taken again).
            if self.rx.freed(id) || self.rx.owner(id) != SlotOwner::VmQueue {
                st.finish_free(id);
            }
        }
    }

    fn processor_of(&self, env: VmqEnv<'_>, a: GroupAffinity) -> Result<ProcessorNumber, VmqError> {
        a.processor(|g| env.os.active_processor_count(g))
            .ok_or(VmqError::InvalidParameter)
    }

    // ---- typed operations (the OID glue and the SR-IOV engine call these) ------------------

    /// ALLOCATE_QUEUE with the QueueId NDIS assigned.
    pub fn allocate_queue(&self, env: VmqEnv<'_>, req: &AllocateRequest) -> Result<AllocateResult, VmqError> {
        if !self.queues_enabled() {
            return Err(VmqError::NotSupported);
        }
        let mut st = self.ctl.lock();
        self.reap(&mut st);
        // One PF queue budget with the SR-IOV PF vPorts (docs/sriov.md "Limits and pools"):
        // exhausted when VM queues plus PF vPorts hold every queue (RESOURCES before the id).
        let num_queues = self.caps.num_queues();
        let pf_held = self.rx.count_owned(SlotOwner::PfVPort, num_queues);
        if pf_held > 0 && st.allocated_count().saturating_add(pf_held) >= usize::from(num_queues) {
            return Err(VmqError::Resources);
        }
        st.check_allocate(req.queue_id)?;
        let id = u16::try_from(req.queue_id).map_err(|_| VmqError::InvalidParameter)?;
        let processor = self.processor_of(env, req.params.affinity)?;
        if req.lookahead_size != 0 {
            return Err(VmqError::InvalidParameter);
        }
        if req.qos_sq_id != 0 {
            return Err(VmqError::NotSupported);
        }
        // QueueId n is device queue n: a PF vPort holding it makes the request RESOURCES.
        if !self.rx.claim(id, SlotOwner::VmQueue) {
            return Err(VmqError::Resources);
        }
        st.commit_allocate(id, req.params, processor);
        self.rx.set_processor(env.rx(), id, processor);
        Ok(AllocateResult {
            msix_table_entry: u32::from(id),
            coalescing_domain: coalescing_domain(processor),
        })
    }

    /// SET_FILTER with the FilterId NDIS assigned, steering `spec` to `target`.
    pub fn set_filter(
        &self,
        env: VmqEnv<'_>,
        filter_id: u32,
        target: RxTarget,
        spec: FilterSpec,
    ) -> Result<(), VmqError> {
        if !self.filters_enabled() {
            return Err(VmqError::NotSupported);
        }
        if let FilterVlan::Vid(v) = spec.vlan {
            if !self.caps.vlan_filtering() {
                return Err(VmqError::NotSupported);
            }
            if v == 0 || v >= 4095 {
                return Err(VmqError::InvalidParameter);
            }
        }
        if spec.mac.first().is_some_and(|b| b & 1 == 1) || spec.mac == [0; 6] {
            // Group addresses always go to the default queue (spec 1.4).
            return Err(VmqError::InvalidParameter);
        }
        let mut st = self.ctl.lock();
        self.reap(&mut st);
        st.check_set_filter(filter_id, target)?;
        let handle = env.device.add_rx_filter(spec, target).map_err(|e| match e {
            device::DeviceError::NoResources => VmqError::Resources,
            device::DeviceError::Invalid => VmqError::InvalidParameter,
        })?;
        let t = st.commit_set_filter(Filter {
            id: filter_id,
            target,
            spec,
            device_handle: handle,
        });
        if let Some(t) = t {
            if t.to == QueueState::Running && t.from != QueueState::Running {
                self.rx.set_gate(env.rx(), t.queue, true);
            }
        }
        Ok(())
    }

    /// CLEAR_FILTER. After the last filter of a Running queue is gone, no frame of that queue is
    /// indicated any more (those in its ring are dropped) and no DmaStopped is indicated.
    pub fn clear_filter(&self, env: VmqEnv<'_>, queue_id: u32, filter_id: u32) -> Result<(), VmqError> {
        if !self.filters_enabled() {
            return Err(VmqError::NotSupported);
        }
        let mut st = self.ctl.lock();
        self.reap(&mut st);
        let (filter, t) = st.clear_filter(queue_id, filter_id)?;
        env.device.remove_rx_filter(filter.device_handle);
        if let Some(t) = t {
            if t.from == QueueState::Running && t.to != QueueState::Running {
                self.rx.set_gate(env.rx(), t.queue, false);
            }
        }
        Ok(())
    }

    /// One element of QUEUE_ALLOCATION_COMPLETE: allocate the queue's shared memory and NBLs,
    /// register the memory with the device, and start it (Running with a filter, else Paused).
    /// Returns the element's CompletionStatus.
    pub fn complete_allocation(&self, env: VmqEnv<'_>, queue_id: u32) -> NdisStatus {
        let mut st = self.ctl.lock();
        self.reap(&mut st);
        if let Err(e) = st.check_complete(queue_id) {
            return e.status();
        }
        let Some(q) = st.queue(queue_id).copied() else {
            return VmqError::InvalidParameter.status();
        };
        if let Err(status) = self
            .rx
            .attach(env.rx(), q.id, datapath::slots_for(q.params.suggested_buffers))
        {
            return status;
        }
        if let Some(t) = st.commit_complete(q.id) {
            if t.to == QueueState::Running {
                self.rx.set_gate(env.rx(), q.id, true);
            }
        }
        NDIS_STATUS_SUCCESS
    }

    /// FREE_QUEUE. `token`/`bytes` complete the OID later if it pends.
    pub fn free_queue(
        &self,
        env: VmqEnv<'_>,
        queue_id: u32,
        token: OidToken,
        bytes: OidBytes,
    ) -> Result<FreeOutcome, VmqError> {
        if !self.queues_enabled() {
            return Err(VmqError::NotSupported);
        }
        let mut st = self.ctl.lock();
        self.reap(&mut st);
        let id = u16::try_from(queue_id).map_err(|_| VmqError::InvalidParameter)?;
        if st.queue(queue_id).is_some_and(|q| q.state == QueueState::Freeing) {
            // NDIS re-issuing a FREE_QUEUE a reset aborted: pend it on the same free.
            let outcome = self
                .rx
                .rearm_free(id, token, bytes)
                .ok_or(VmqError::InvalidParameter)?;
            if outcome == FreeOutcome::Completed {
                st.finish_free(id);
            }
            return Ok(outcome);
        }
        st.check_free(queue_id)?;
        st.begin_free(id);
        let outcome = self.rx.free(env.rx(), id, token, bytes);
        if outcome == FreeOutcome::Completed {
            st.finish_free(id);
        }
        Ok(outcome)
    }

    /// QUEUE_PARAMETERS set: validate every changed member first; apply all or nothing.
    pub fn set_queue_parameters(
        &self,
        env: VmqEnv<'_>,
        queue_id: u32,
        change: &ParamsChange,
    ) -> Result<(), VmqError> {
        if !self.queues_enabled() {
            return Err(VmqError::NotSupported);
        }
        let mut st = self.ctl.lock();
        self.reap(&mut st);
        let q = *st.check_params(queue_id)?;
        let mut params = q.params;
        let mut processor = q.processor;
        if let Some(flags) = change.flags {
            if flags & !oids::ALLOWED_QUEUE_FLAGS != 0 {
                return Err(VmqError::InvalidParameter);
            }
            if flags & NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED != 0
                && params.flags & NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED == 0
            {
                // Lookahead split is not supported on 6.30+ (spec 1.9); turning it on is refused.
                return Err(VmqError::NotSupported);
            }
            params.flags = flags;
        }
        if let Some(a) = change.affinity {
            processor = self.processor_of(env, a)?;
            params.affinity = a;
        }
        if let Some(n) = change.suggested_buffers {
            params.suggested_buffers = n;
        }
        if let Some(name) = change.queue_name {
            params.queue_name = name;
        }
        st.commit_params(q.id, params, processor);
        if processor != q.processor {
            self.rx.set_processor(env.rx(), q.id, processor);
        }
        if coalescing_domain(processor) != coalescing_domain(q.processor) {
            // Spec 1.10/1.11 (6.30+): the status reports InterruptCoalescingDomainId changes.
            if let Some(now) = st.queue(queue_id) {
                let bytes = oids::queue_parameters_bytes(
                    &Self::snap(now),
                    NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED,
                );
                env.os
                    .indicate_status(NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS, &bytes);
            }
        }
        Ok(())
    }

    // ---- data path -------------------------------------------------------------------------

    /// The receive DPC of `processor` (see [`RxTable::dpc`]).
    pub fn dpc(&self, env: &VmqEnv<'_>, processor: ProcessorNumber, budget: u32) -> DpcResult {
        self.rx.dpc(env.rx(), processor, budget)
    }

    /// MiniportReturnNetBufferLists for a slot of one of the engine's banks.
    pub fn return_rx(&self, env: &VmqEnv<'_>, bank: RxBankId, slot: u32) -> bool {
        self.rx.return_rx(env.rx(), bank, slot)
    }

    /// MiniportRestart: schedule the DPCs of the processors whose VM queues hold frames that
    /// arrived while the adapter was paused. Returns how many queues had work.
    pub fn reschedule_pending(&self, env: &VmqEnv<'_>) -> usize {
        self.rx.reschedule_pending(env.rx())
    }

    /// Whether `bank` is one of the engine's receive banks (the adapter routes returns by it).
    pub fn owns_bank(&self, bank: RxBankId) -> bool {
        self.rx.queue_of_bank(bank).is_some()
    }

    /// The queue a send (or returned) NBL's QueueId names, or 0 when it is stale or invalid
    /// (spec 1.5 / 1.6: treat as the default queue, never crash). Lock-free: a queue counts while
    /// its vector is assigned.
    pub fn sanitize_queue_id(&self, queue_id: u32) -> u16 {
        match u16::try_from(queue_id) {
            Ok(id)
                if id != 0
                    && self.rx.owner(id) == SlotOwner::VmQueue
                    && self.rx.processor(id).is_some()
                    && !self.rx.freed(id) =>
            {
                id
            }
            _ => 0,
        }
    }

    /// Set up the default queue (QueueId 0) on this engine's data path, when the adapter lets
    /// the engine own it (standalone use and the tests; the adapter may keep its own).
    pub fn start_default_queue(&self, env: VmqEnv<'_>, processor: ProcessorNumber) -> Result<(), NdisStatus> {
        self.rx.reset(0);
        self.rx.set_processor(env.rx(), 0, processor);
        self.rx.attach(env.rx(), 0, datapath::DEFAULT_SLOTS)?;
        self.rx.set_gate(env.rx(), 0, true);
        Ok(())
    }

    /// MiniportHaltEx: NDIS has freed every queue; release the default queue's memory.
    pub fn halt(&self, env: VmqEnv<'_>) {
        self.rx.detach_now(env.rx(), 0);
    }

    // ---- read-only snapshots for the NDIS-handled OIDs -------------------------------------

    pub fn queue_snapshot(&self, queue_id: u32) -> Option<QueueSnapshot> {
        let mut st = self.ctl.lock();
        self.reap(&mut st);
        let q = st.queue(queue_id)?;
        Some(Self::snap(q))
    }

    fn snap(q: &state::Queue) -> QueueSnapshot {
        QueueSnapshot {
            queue_id: u32::from(q.id),
            state: q.state,
            operational_state: q.state.operational(),
            params: q.params,
            processor: q.processor,
            msix_table_entry: u32::from(q.id),
            coalescing_domain: coalescing_domain(q.processor),
            num_filters: q.num_filters,
        }
    }

    /// Every allocated queue, by QueueId (ENUM_QUEUES).
    pub fn queues(&self) -> Vec<QueueSnapshot> {
        let mut st = self.ctl.lock();
        self.reap(&mut st);
        st.queues().map(Self::snap).collect()
    }

    /// Filters steering to `target` (ENUM_FILTERS), or all with `None`.
    pub fn filters(&self, target: Option<RxTarget>) -> Vec<FilterSnapshot> {
        let st = self.ctl.lock();
        st.filters()
            .filter(|f| target.is_none_or(|t| t == f.target))
            .map(|f| FilterSnapshot {
                filter_id: f.id,
                target: f.target,
                spec: f.spec,
            })
            .collect()
    }

    /// One filter by id (RECEIVE_FILTER_PARAMETERS).
    pub fn filter(&self, filter_id: u32) -> Option<FilterSnapshot> {
        let st = self.ctl.lock();
        st.filter(filter_id).map(|f| FilterSnapshot {
            filter_id: f.id,
            target: f.target,
            spec: f.spec,
        })
    }

    /// Receive counters of a queue.
    pub fn rx_stats(&self, queue_id: u16) -> RxQueueStats {
        self.rx.stats(queue_id)
    }

    /// NBLs indicated by the engine and not yet returned, over all queues. MiniportPause must not
    /// complete before this is 0 (the adapter checks it after each [`Self::return_rx`]).
    pub fn outstanding_total(&self) -> u32 {
        self.rx.outstanding_total()
    }

    /// Returns that named an unknown bank or a slot out of range.
    pub fn stale_returns(&self) -> u64 {
        self.rx.stale_returns()
    }

    /// Returns of a slot that was not outstanding.
    pub fn double_returns(&self) -> u64 {
        self.rx.double_returns()
    }

    /// The processor queue `queue_id`'s vector targets.
    pub fn queue_processor(&self, queue_id: u16) -> Option<ProcessorNumber> {
        self.rx.processor(queue_id)
    }
}
