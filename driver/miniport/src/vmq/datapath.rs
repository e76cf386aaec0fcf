//! The VMQ receive data path: per-queue receive state shared between the OID path, the receive
//! DPCs (one per processor, running concurrently) and NBL returns (any processor).
//!
//! Everything here is per-queue atomics; no lock is shared across queues and nothing allocates
//! (spec "hot path"). Ordering protocol (netvmini's FREEING / DMA_IN_PROGRESS, made explicit):
//!
//! * A DPC that wants to touch queue `q`'s ring first takes `q`'s poll claim (`polling`,
//!   SeqCst CAS), then reads `gate`: open -> indicate, closed -> drop (repost) the frames.
//! * The OID path closes `gate` (SeqCst store) and then waits until `polling` is clear. By the
//!   SeqCst total order, any DPC that claims afterwards sees the gate closed, so once the wait ends
//!   no indication for `q` can happen any more (spec 1.3: none after the last CLEAR_FILTER or after
//!   FREE_QUEUE). A DPC holds the claim for at most its per-queue budget, so the wait is bounded.
//! * FREE_QUEUE: close the gate, stop device DMA, wait for the claim, indicate DmaStopped once,
//!   publish the pended OID token and `freeing`, then whoever sees `freeing && outstanding == 0`
//!   last (the OID path or the last `return_rx`) wins a CAS on `finalizing` and frees the bank and
//!   shared memory, then completes the OID. Exactly one finalization per free.
//!
//! A queue slot `q` is device queue `q`. Slots 1..=n are one budget shared by the VM queues
//! (VMQ engine) and the SR-IOV PF non-default vPorts (PF engine): each slot has one owner
//! ([`SlotOwner`], a CAS), taken at ALLOCATE_QUEUE / CREATE_VPORT and given back by the
//! finalization of its free (or at once when it never had receive memory). A PF vPort slot
//! ([`RxTable::attach_vport`]) indicates with QueueId 0 and FilteringInfo.VPortId = the vPort,
//! and its free ([`RxTable::free_vport`], DELETE_VPORT) pends exactly like FREE_QUEUE but
//! indicates no NDIS_STATUS_RECEIVE_QUEUE_STATE (that is a VM-queue indication).

use super::device::VmqDevice;
use crate::oid::{OidBytes, OidToken};
use crate::os::{
    Os, ProcessorNumber, RxBankId, RxBankSpec, RxFrame, RxIndication, SharedMemory, SharedMemoryRequest,
    SharedMemoryUsage,
};
use alloc::vec::Vec;
use core::sync::atomic::{
    AtomicBool, AtomicU32, AtomicU64, AtomicU8,
    Ordering::{Relaxed, SeqCst},
};
use svnic_abi::buf;
use svnic_abi::header::{NDIS_OBJECT_HEADER, NDIS_OBJECT_TYPE_DEFAULT};
use svnic_abi::hw_assist::{
    NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL, NDIS_RECEIVE_FLAGS_PERFECT_FILTERED,
    NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID, NDIS_RECEIVE_FLAGS_SINGLE_QUEUE,
};
use svnic_abi::indication::{
    NDIS_RECEIVE_QUEUE_STATE, NDIS_RECEIVE_QUEUE_STATE_REVISION_1,
    NDIS_SIZEOF_NDIS_RECEIVE_QUEUE_STATE_REVISION_1,
};
use svnic_abi::status::NDIS_STATUS_RECEIVE_QUEUE_STATE;
use svnic_abi::status::{
    NdisStatus, NDIS_STATUS_REQUEST_ABORTED, NDIS_STATUS_RESOURCES, NDIS_STATUS_SUCCESS,
};
use svnic_abi::vmq::NdisReceiveQueueOperationalStateDmaStopped;

/// Bytes per receive buffer slot (a 1514-byte frame plus a stripped tag fits).
pub const SLOT_LEN: u32 = 2048;
/// Most slots a queue may have (bounds the outstanding bitmap).
pub const MAX_SLOTS: u32 = 512;
/// Fewest slots a VM queue gets whatever NumSuggestedReceiveBuffers says.
pub const MIN_SLOTS: u32 = 32;
/// Slots of the default queue and of a VM queue whose suggestion is 0.
pub const DEFAULT_SLOTS: u32 = 256;
/// VMQ receive banks are `RxBankId(VMQ_BANK_BASE + QueueId)`; other banks (SR-IOV vPorts) use
/// ids outside this range.
pub const VMQ_BANK_BASE: u32 = 0x0001_0000;
/// Frames taken from a ring per indication call.
const BATCH: usize = 32;
const SLOT_WORDS: usize = 8; // MAX_SLOTS / 64
const NO_PROCESSOR: u32 = u32::MAX;
/// The per-queue floor of a DPC run's share ([`RxTable::dpc`]): with many busy queues each
/// still gets this many frames per run (one indication of 16 instead of many of 1-2)...
const MIN_SHARE: u32 = 16;
/// ...but the floor never exceeds `budget / MIN_SERVED`, so one run still serves at least this
/// many busy queues (small budgets keep the plain even split).
const MIN_SERVED: u32 = 4;

/// The floor of a queue's share of `budget` in one DPC run: 16 frames with the adapter's
/// 64-frame budget, `budget / 4` below that.
fn min_share(budget: u32) -> u32 {
    MIN_SHARE.min(budget.checked_div(MIN_SERVED).unwrap_or(0))
}

fn pack(p: ProcessorNumber) -> u32 {
    u32::from(p.group).wrapping_shl(8) | u32::from(p.number)
}

/// The number of receive slots for a queue given NumSuggestedReceiveBuffers (a hint; spec 1.2:
/// "may use 1/2x-2x"): clamped to MIN_SLOTS..=MAX_SLOTS, DEFAULT_SLOTS when 0.
pub fn slots_for(suggested: u32) -> u32 {
    if suggested == 0 {
        DEFAULT_SLOTS
    } else {
        suggested.clamp(MIN_SLOTS, MAX_SLOTS)
    }
}

/// Who holds a queue slot of the shared PF queue budget (device queues 1..=n).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotOwner {
    Free,
    /// A VM queue (ALLOCATE_QUEUE; QueueId = the slot).
    VmQueue,
    /// An SR-IOV PF non-default vPort (CREATE_VPORT).
    PfVPort,
}

impl SlotOwner {
    const fn code(self) -> u8 {
        match self {
            Self::Free => 0,
            Self::VmQueue => 1,
            Self::PfVPort => 2,
        }
    }

    const fn from_code(c: u8) -> Self {
        match c {
            1 => Self::VmQueue,
            2 => Self::PfVPort,
            _ => Self::Free,
        }
    }
}

/// What one run of [`RxTable::dpc`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DpcResult {
    /// Frames indicated up.
    pub indicated: u32,
    /// Frames dropped because their queue was not Running (gate closed).
    pub dropped: u32,
    /// Work is left on this processor's queues: the caller schedules the DPC again (DPC watchdog
    /// avoidance: each run is bounded by its budget).
    pub more_work: bool,
}

/// The environment of data-path calls.
#[derive(Clone, Copy)]
pub struct RxEnv<'a> {
    pub os: &'a dyn Os,
    pub device: &'a dyn VmqDevice,
}

#[derive(Default)]
struct QueueRes {
    memory: Option<SharedMemory>,
    bank: Option<RxBankId>,
    free_token: Option<(OidToken, OidBytes)>,
}

/// `T` on cache lines of its own: 128 bytes, because x86 cores fetch lines in adjacent pairs
/// (the spatial prefetcher), so two 64-byte lines written by different processors still
/// ping-pong when they are neighbours.
#[repr(align(128))]
struct Line<T>(T);

impl<T> core::ops::Deref for Line<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// The fields of a queue the receive hot path writes (the DPC serving the queue, and NBL
/// returns): on their own lines ([`Line`]), away from the read-mostly fields every DPC reads
/// and from the neighbouring queues' lines, so two processors' DPCs on disjoint queues never
/// write a line the other reads.
struct QueueHot {
    /// Per-queue poll claim: one DPC (or the OID path flushing) touches the ring at a time.
    polling: AtomicBool,
    /// Slots indicated and not yet returned.
    outstanding: AtomicU32,
    outstanding_bits: [AtomicU64; SLOT_WORDS],
    indicated: AtomicU64,
    dropped: AtomicU64,
    /// The DPC's round-robin cursor: the previous run of this queue's DPC ran out of budget
    /// before serving this queue, so the next run starts here (a fairness hint, written only by
    /// the DPC of the queue's processor; Relaxed).
    resume_here: AtomicBool,
}

/// Receive state of one queue (QueueId = index; 0 = default queue). The fields outside `hot`
/// are written on the OID path only (read-mostly); the target processor lives in
/// [`RxTable`]'s compact `targets` array.
struct RxQueue {
    hot: Line<QueueHot>,
    /// Frames are indicated (queue Running) rather than dropped.
    gate: AtomicBool,
    /// Memory registered with the device and DMA on: DPCs poll the ring.
    active: AtomicBool,
    slots: AtomicU32,
    freeing: AtomicBool,
    finalizing: AtomicBool,
    /// The free completed (memory freed, OID completed); the OID path may reuse the slot.
    freed: AtomicBool,
    dma_stopped_indications: AtomicU32,
    /// [`SlotOwner`] code.
    owner: AtomicU8,
    /// The PF vPort this slot receives for (0: a VM queue or the default queue).
    vport: AtomicU32,
    res: spin::Mutex<QueueRes>,
}

impl RxQueue {
    fn new() -> Self {
        Self {
            hot: Line(QueueHot {
                polling: AtomicBool::new(false),
                outstanding: AtomicU32::new(0),
                outstanding_bits: Default::default(),
                indicated: AtomicU64::new(0),
                dropped: AtomicU64::new(0),
                resume_here: AtomicBool::new(false),
            }),
            gate: AtomicBool::new(false),
            active: AtomicBool::new(false),
            slots: AtomicU32::new(0),
            freeing: AtomicBool::new(false),
            finalizing: AtomicBool::new(false),
            freed: AtomicBool::new(false),
            dma_stopped_indications: AtomicU32::new(0),
            owner: AtomicU8::new(0),
            vport: AtomicU32::new(0),
            res: spin::Mutex::new(QueueRes::default()),
        }
    }

    fn claim(&self) -> bool {
        self.hot
            .polling
            .compare_exchange(false, true, SeqCst, SeqCst)
            .is_ok()
    }

    fn release(&self) {
        self.hot.polling.store(false, SeqCst);
    }

    /// Spin until no DPC holds the claim (bounded: a DPC holds it for one budget share).
    fn wait_unclaimed(&self) {
        while self.hot.polling.load(SeqCst) {
            core::hint::spin_loop();
        }
    }

    fn claim_blocking(&self) {
        while !self.claim() {
            core::hint::spin_loop();
        }
    }

    fn bit(&self, slot: u32) -> Option<(&AtomicU64, u64)> {
        let word = self.hot.outstanding_bits.get(usize::try_from(slot / 64).ok()?)?;
        Some((word, 1u64.wrapping_shl(slot % 64)))
    }
}

/// Per-queue counters for tests and snapshots.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RxQueueStats {
    pub indicated: u64,
    pub dropped: u64,
    pub outstanding: u32,
    pub dma_stopped_indications: u32,
}

/// Result of [`RxTable::free`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FreeOutcome {
    /// Every NBL was already back: memory freed, complete the OID now with SUCCESS.
    Completed,
    /// NBLs are outstanding: the last return completes the OID through `Os::complete_oid`.
    Pending,
}

/// The receive state of every queue of one adapter.
pub struct RxTable {
    queues: Vec<RxQueue>,
    /// Packed target processor of each queue's vector (index = QueueId; NO_PROCESSOR when not
    /// assigned). Written only on the OID path ([`Self::set_processor`]); kept apart from the
    /// queues so a DPC finds its queues by reading a few read-shared lines (4 bytes per queue)
    /// instead of one line of every queue.
    targets: Vec<AtomicU32>,
    stale_returns: AtomicU64,
    double_returns: AtomicU64,
}

impl RxTable {
    /// Queues 0..=num_queues. Allocates; call at adapter init.
    pub fn new(num_queues: u16) -> Self {
        let mut queues = Vec::new();
        let n = usize::from(num_queues).saturating_add(1);
        queues.resize_with(n, RxQueue::new);
        let mut targets = Vec::new();
        targets.resize_with(n, || AtomicU32::new(NO_PROCESSOR));
        Self {
            queues,
            targets,
            stale_returns: AtomicU64::new(0),
            double_returns: AtomicU64::new(0),
        }
    }

    fn q(&self, id: u16) -> Option<&RxQueue> {
        self.queues.get(usize::from(id))
    }

    /// The bank id of queue `id`.
    pub fn bank_of(id: u16) -> RxBankId {
        RxBankId(VMQ_BANK_BASE.wrapping_add(u32::from(id)))
    }

    /// The queue a bank belongs to, if it is one of ours.
    pub fn queue_of_bank(&self, bank: RxBankId) -> Option<u16> {
        let id = u16::try_from(bank.0.checked_sub(VMQ_BANK_BASE)?).ok()?;
        self.q(id).map(|_| id)
    }

    /// Make a slot reusable after a completed free (called by the OID path at ALLOCATE_QUEUE).
    pub fn reset(&self, id: u16) {
        if let Some(q) = self.q(id) {
            q.freeing.store(false, SeqCst);
            q.finalizing.store(false, SeqCst);
            q.freed.store(false, SeqCst);
            q.gate.store(false, SeqCst);
            q.active.store(false, SeqCst);
            q.dma_stopped_indications.store(0, SeqCst);
        }
    }

    /// Take slot `id` (1..) of the shared PF queue budget for `owner` if nobody holds it, and make
    /// it reusable ([`Self::reset`]). False when another owner holds it (or `id` is out of range).
    pub fn claim(&self, id: u16, owner: SlotOwner) -> bool {
        let Some(q) = self.q(id) else { return false };
        if id == 0 || owner == SlotOwner::Free {
            return false;
        }
        if q.owner
            .compare_exchange(SlotOwner::Free.code(), owner.code(), SeqCst, SeqCst)
            .is_err()
        {
            return false;
        }
        self.reset(id);
        q.vport.store(0, SeqCst);
        true
    }

    /// Who holds slot `id`.
    pub fn owner(&self, id: u16) -> SlotOwner {
        self.q(id)
            .map_or(SlotOwner::Free, |q| SlotOwner::from_code(q.owner.load(SeqCst)))
    }

    /// Slots in 1..=`upto` held by `owner`.
    pub fn count_owned(&self, owner: SlotOwner, upto: u16) -> usize {
        self.queues
            .iter()
            .take(usize::from(upto).saturating_add(1))
            .skip(1)
            .filter(|q| q.owner.load(SeqCst) == owner.code())
            .count()
    }

    /// Give slot `id` back when `owner` holds it and it never got receive memory (or its free
    /// finished): a vPort deleted while Deactivated, a failed CREATE_VPORT. A slot whose free is
    /// still pending is given back by that free's finalization instead. Returns whether it did.
    pub fn release_idle(&self, id: u16, owner: SlotOwner) -> bool {
        let Some(q) = self.q(id) else { return false };
        let res = q.res.lock();
        let idle =
            res.memory.is_none() && res.bank.is_none() && (!q.freeing.load(SeqCst) || q.freed.load(SeqCst));
        idle && q
            .owner
            .compare_exchange(owner.code(), SlotOwner::Free.code(), SeqCst, SeqCst)
            .is_ok()
    }

    /// The PF vPort slot `id` receives for (0 for a VM queue, the default queue or a free slot).
    pub fn vport_of(&self, id: u16) -> u32 {
        self.q(id).map_or(0, |q| q.vport.load(SeqCst))
    }

    /// Whether slot `id` holds receive memory (attached, or freeing with NBLs out).
    pub fn has_memory(&self, id: u16) -> bool {
        self.q(id).is_some_and(|q| q.res.lock().memory.is_some())
    }

    /// Whether slot `id`'s free was issued and has not finished (NBLs outstanding).
    pub fn freeing(&self, id: u16) -> bool {
        self.q(id)
            .is_some_and(|q| q.freeing.load(SeqCst) && !q.freed.load(SeqCst))
    }

    /// Whether queue `id`'s pended free has finished.
    pub fn freed(&self, id: u16) -> bool {
        self.q(id).is_some_and(|q| q.freed.load(SeqCst))
    }

    pub fn stats(&self, id: u16) -> RxQueueStats {
        self.q(id).map_or_else(RxQueueStats::default, |q| RxQueueStats {
            indicated: q.hot.indicated.load(SeqCst),
            dropped: q.hot.dropped.load(SeqCst),
            outstanding: q.hot.outstanding.load(SeqCst),
            dma_stopped_indications: q.dma_stopped_indications.load(SeqCst),
        })
    }

    /// Slots indicated on any queue and not yet returned (the adapter's pause waits for 0).
    pub fn outstanding_total(&self) -> u32 {
        self.queues
            .iter()
            .fold(0u32, |n, q| n.saturating_add(q.hot.outstanding.load(SeqCst)))
    }

    /// Returns whose bank or slot was not ours / not outstanding (ignored, never a crash).
    pub fn stale_returns(&self) -> u64 {
        self.stale_returns.load(SeqCst)
    }

    /// Returns of a slot that was not outstanding (ignored).
    pub fn double_returns(&self) -> u64 {
        self.double_returns.load(SeqCst)
    }

    /// Point queue `id`'s vector (and so its receive DPC) at `p`. If the queue has receives
    /// waiting, the DPC of the new processor is scheduled so nothing is stranded on the old one
    /// (spec 1.2 QUEUE_PARAMETERS: "without losing pending receives").
    pub fn set_processor(&self, env: RxEnv<'_>, id: u16, p: ProcessorNumber) {
        let (Some(q), Some(target)) = (self.q(id), self.targets.get(usize::from(id))) else {
            return;
        };
        target.store(pack(p), SeqCst);
        env.device.set_rx_vector_target(id, p);
        if q.active.load(SeqCst) {
            env.os.schedule_dpc(p);
        }
    }

    /// Allocate queue `id`'s shared memory (usage Receive, its QueueId) and NBL bank, register the
    /// memory with the device as the queue's DMA target. On failure nothing is left behind and the
    /// status (RESOURCES for an allocation failure) is returned.
    pub fn attach(&self, env: RxEnv<'_>, id: u16, slots: u32) -> Result<(), NdisStatus> {
        self.attach_as(env, id, 0, slots)
    }

    /// Like [`Self::attach`] for slot `id` serving SR-IOV PF vPort `vport` (spec 2.4): the shared
    /// memory and the NBL bank carry the VPortId and QueueId 0, and the slot's indications carry
    /// QueueId 0 and FilteringInfo.VPortId = `vport`. `vport` must not be 0.
    pub fn attach_vport(&self, env: RxEnv<'_>, id: u16, vport: u32, slots: u32) -> Result<(), NdisStatus> {
        if vport == 0 || id == 0 {
            return Err(NDIS_STATUS_RESOURCES);
        }
        self.attach_as(env, id, vport, slots)
    }

    fn attach_as(&self, env: RxEnv<'_>, id: u16, vport: u32, slots: u32) -> Result<(), NdisStatus> {
        let q = self.q(id).ok_or(NDIS_STATUS_RESOURCES)?;
        // VMQ: the queue's id; a PF vPort: QueueId 0 with the VPortId (spec 2.4).
        let queue_id = if vport == 0 { u32::from(id) } else { 0 };
        let slots = slots.clamp(1, MAX_SLOTS);
        let len = slots.checked_mul(SLOT_LEN).ok_or(NDIS_STATUS_RESOURCES)?;
        let memory = env.os.alloc_shared_memory(SharedMemoryRequest {
            usage: SharedMemoryUsage::Receive,
            queue_id,
            vport_id: vport,
            len,
        })?;
        let bank = Self::bank_of(id);
        let spec = RxBankSpec {
            bank,
            queue_id,
            vport_id: vport,
            memory: &memory,
            slot_len: SLOT_LEN,
            slots,
        };
        if let Err(e) = env.os.create_rx_bank(&spec) {
            env.os.free_shared_memory(memory);
            return Err(e);
        }
        for w in &q.hot.outstanding_bits {
            w.store(0, SeqCst);
        }
        q.hot.outstanding.store(0, SeqCst);
        q.slots.store(slots, SeqCst);
        q.vport.store(vport, SeqCst);
        if env.device.start_rx(id, &memory, SLOT_LEN, slots).is_err() {
            env.os.destroy_rx_bank(bank);
            env.os.free_shared_memory(memory);
            return Err(NDIS_STATUS_RESOURCES);
        }
        {
            let mut res = q.res.lock();
            res.memory = Some(memory);
            res.bank = Some(bank);
        }
        q.active.store(true, SeqCst);
        Ok(())
    }

    /// Open (Running) or close the gate of queue `id`. Closing waits until no DPC is inside the
    /// queue, then drops what the ring holds, so nothing received before is indicated later.
    pub fn set_gate(&self, env: RxEnv<'_>, id: u16, open: bool) {
        let Some(q) = self.q(id) else { return };
        if open {
            q.gate.store(true, SeqCst);
            return;
        }
        q.gate.store(false, SeqCst);
        q.wait_unclaimed();
        if q.active.load(SeqCst) {
            q.claim_blocking();
            self.drain_drop(env, id, q);
            q.release();
        }
    }

    fn drain_drop(&self, env: RxEnv<'_>, id: u16, q: &RxQueue) {
        let mut frames = [RxFrame::default(); BATCH];
        loop {
            let n = env.device.poll_rx(id, &mut frames).min(BATCH);
            if n == 0 {
                break;
            }
            for f in frames.iter().take(n) {
                env.device.repost_rx(id, f.slot);
            }
            q.hot.dropped.fetch_add(u64::try_from(n).unwrap_or(0), SeqCst);
        }
    }

    /// FREE_QUEUE for queue `id` (already checked by the state machine): stop DMA, indicate
    /// NDIS_STATUS_RECEIVE_QUEUE_STATE(DmaStopped) exactly once, then finish now or pend until the
    /// last NBL returns.
    pub fn free(&self, env: RxEnv<'_>, id: u16, token: OidToken, bytes: OidBytes) -> FreeOutcome {
        self.free_as(env, id, Some((token, bytes)), true)
    }

    /// DELETE_VPORT of the PF vPort on slot `id` (spec 2.4: stop DMA, wait for the NBLs, no
    /// indication with that VPortId afterwards, then free the shared memory): the same ordering
    /// and exactly-once finalization as [`Self::free`], without the DmaStopped status (a VM-queue
    /// indication). `token` is `None` when no OID waits (halt): the free then never completes an
    /// OID. The finalization gives the slot back to the budget.
    pub fn free_vport(&self, env: RxEnv<'_>, id: u16, token: Option<(OidToken, OidBytes)>) -> FreeOutcome {
        self.free_as(env, id, token, false)
    }

    fn free_as(
        &self,
        env: RxEnv<'_>,
        id: u16,
        token: Option<(OidToken, OidBytes)>,
        dma_stopped: bool,
    ) -> FreeOutcome {
        let Some(q) = self.q(id) else {
            return FreeOutcome::Completed;
        };
        q.gate.store(false, SeqCst);
        if q.active.swap(false, SeqCst) {
            env.device.stop_rx(id);
        }
        q.wait_unclaimed();
        if dma_stopped {
            Self::indicate_dma_stopped(env, id, q);
        }
        q.res.lock().free_token = token;
        q.freeing.store(true, SeqCst);
        if q.hot.outstanding.load(SeqCst) == 0 && self.finalize(env, id, q, true) {
            FreeOutcome::Completed
        } else {
            FreeOutcome::Pending
        }
    }

    fn indicate_dma_stopped(env: RxEnv<'_>, id: u16, q: &RxQueue) {
        let mut state = NDIS_RECEIVE_QUEUE_STATE::zeroed();
        state.header = NDIS_OBJECT_HEADER::new(
            NDIS_OBJECT_TYPE_DEFAULT,
            NDIS_RECEIVE_QUEUE_STATE_REVISION_1,
            NDIS_SIZEOF_NDIS_RECEIVE_QUEUE_STATE_REVISION_1,
        );
        state.queue_id = u32::from(id);
        state.queue_state = NdisReceiveQueueOperationalStateDmaStopped;
        let mut status = [0u8; NDIS_SIZEOF_NDIS_RECEIVE_QUEUE_STATE_REVISION_1 as usize];
        // The array is exactly the revision's size, so the write cannot fall short.
        let _ = buf::write_object(
            &mut status,
            0,
            &state,
            NDIS_SIZEOF_NDIS_RECEIVE_QUEUE_STATE_REVISION_1,
        );
        q.dma_stopped_indications.fetch_add(1, SeqCst);
        env.os.indicate_status(NDIS_STATUS_RECEIVE_QUEUE_STATE, &status);
    }

    /// Free the bank and memory once (CAS), then complete the pended OID unless `sync`.
    fn finalize(&self, env: RxEnv<'_>, _id: u16, q: &RxQueue, sync: bool) -> bool {
        if q.finalizing
            .compare_exchange(false, true, SeqCst, SeqCst)
            .is_err()
        {
            return false;
        }
        let (memory, bank) = {
            let mut res = q.res.lock();
            (res.memory.take(), res.bank.take())
        };
        if let Some(bank) = bank {
            env.os.destroy_rx_bank(bank);
        }
        if let Some(memory) = memory {
            env.os.free_shared_memory(memory);
        }
        // `freed` and the token change together under `res`, so a reset's abort
        // ([`Self::abort_free`]) or a re-issued FREE_QUEUE ([`Self::rearm_free`]) and this
        // completion never both complete one request, nor leave one pended forever.
        let token = {
            let mut res = q.res.lock();
            q.freed.store(true, SeqCst);
            res.free_token.take()
        };
        // The slot is back in the shared PF queue budget (its memory is gone).
        q.vport.store(0, SeqCst);
        q.owner.store(SlotOwner::Free.code(), SeqCst);
        if !sync {
            if let Some((token, bytes)) = token {
                env.os.complete_oid(token, NDIS_STATUS_SUCCESS, bytes);
            }
        }
        true
    }

    /// MiniportResetEx with FREE_QUEUE of queue `id` pended (waiting for NBLs): complete that
    /// OID now with NDIS_STATUS_REQUEST_ABORTED. The queue stays freeing: its memory and bank
    /// are released only when the last NBL returns (NBLs still point into them), and no second
    /// DmaStopped is indicated. Returns whether an OID was aborted.
    pub fn abort_free(&self, env: RxEnv<'_>, id: u16) -> bool {
        let Some(q) = self.q(id) else { return false };
        let token = {
            let mut res = q.res.lock();
            if q.freed.load(SeqCst) {
                None
            } else {
                res.free_token.take()
            }
        };
        match token {
            Some((token, bytes)) => {
                env.os.complete_oid(token, NDIS_STATUS_REQUEST_ABORTED, bytes);
                true
            }
            None => false,
        }
    }

    /// FREE_QUEUE re-issued for a freeing queue whose earlier FREE_QUEUE a reset aborted: pend
    /// the new request until the last NBL returns (or complete it now if that already happened).
    /// `None` when a FREE_QUEUE is still pended on the queue (a duplicate: refused).
    pub fn rearm_free(&self, id: u16, token: OidToken, bytes: OidBytes) -> Option<FreeOutcome> {
        let q = self.q(id)?;
        let mut res = q.res.lock();
        if q.freed.load(SeqCst) {
            return Some(FreeOutcome::Completed);
        }
        if res.free_token.is_some() || !q.freeing.load(SeqCst) {
            return None;
        }
        res.free_token = Some((token, bytes));
        Some(FreeOutcome::Pending)
    }

    /// Whether queue `id`'s gate is open (frames are indicated rather than dropped).
    pub fn gate_open(&self, id: u16) -> bool {
        self.q(id).is_some_and(|q| q.gate.load(SeqCst))
    }

    /// Whether queue `id`'s receive DMA is set up (its memory is registered with the device).
    pub fn is_active(&self, id: u16) -> bool {
        self.q(id).is_some_and(|q| q.active.load(SeqCst))
    }

    /// Tear down a queue that never pends (halt of the default queue, or a queue freed while
    /// nothing is outstanding): stop DMA and free its memory and bank now.
    pub fn detach_now(&self, env: RxEnv<'_>, id: u16) {
        let Some(q) = self.q(id) else { return };
        q.gate.store(false, SeqCst);
        if q.active.swap(false, SeqCst) {
            env.device.stop_rx(id);
        }
        q.wait_unclaimed();
        q.freeing.store(true, SeqCst);
        if q.hot.outstanding.load(SeqCst) == 0 {
            self.finalize(env, id, q, true);
        }
    }

    /// MiniportReturnNetBufferLists for one slot of `bank`. Ownership comes from the bank (the
    /// miniport's own NBL context), never from the NBL's QueueId, so a stale QueueId cannot
    /// misroute a buffer (spec 1.5, 5 item 15). Unknown banks, out-of-range or not-outstanding
    /// slots are counted and ignored. Returns whether the slot was accepted.
    pub fn return_rx(&self, env: RxEnv<'_>, bank: RxBankId, slot: u32) -> bool {
        let Some(id) = self.queue_of_bank(bank) else {
            self.stale_returns.fetch_add(1, SeqCst);
            return false;
        };
        let Some(q) = self.q(id) else { return false };
        let Some((word, bit)) = q.bit(slot) else {
            self.stale_returns.fetch_add(1, SeqCst);
            return false;
        };
        if word.fetch_and(!bit, SeqCst) & bit == 0 {
            self.double_returns.fetch_add(1, SeqCst);
            return false;
        }
        if q.active.load(SeqCst) {
            env.device.repost_rx(id, slot);
        }
        let prev = q.hot.outstanding.fetch_sub(1, SeqCst);
        if prev == 1 && q.freeing.load(SeqCst) {
            self.finalize(env, id, q, false);
        }
        true
    }

    /// The receive DPC of `processor`: polls the rings of the active queues whose vector targets
    /// it (interrupt vector coalescing: one DPC for all queues of a processor) and indicates each
    /// queue's frames in their own calls (SINGLE_QUEUE). Returns `more_work` when a ring still
    /// holds frames, a queue was busy, or a busy queue was left for the next run, so the caller
    /// reschedules instead of looping (DPC watchdog avoidance).
    ///
    /// Budget: one run takes at most `budget` frames (at least 1) off the rings in total, and
    /// each queue at most its share: `budget / busy`, raised to [`min_share`] so that many busy
    /// queues do not degrade into tiny indications. When the shares do not all fit, the queues
    /// served first take theirs and the rest wait for the next run, which starts at the first
    /// queue left out (round robin, so every busy queue is served within
    /// `ceil(busy / (budget / share))` runs). With the adapter's 64-frame budget a run therefore
    /// indicates at most 64 frames however many queues are busy (before, with more busy queues
    /// than budget, every queue got 1 frame and a run could exceed the budget), and a queue's
    /// poll claim, which FREE_QUEUE / a closing gate waits for, is held for at most one share.
    pub fn dpc(&self, env: RxEnv<'_>, processor: ProcessorNumber, budget: u32) -> DpcResult {
        let me = pack(processor);
        let mut result = DpcResult::default();
        // This processor's active queues (the authority is re-checked under each claim).
        let mine = |i: usize| -> Option<(u16, &RxQueue)> {
            let target = self.targets.get(i)?;
            if target.load(SeqCst) != me {
                return None;
            }
            let q = self.queues.get(i)?;
            let id = u16::try_from(i).ok()?;
            q.active.load(SeqCst).then_some((id, q))
        };
        let len = self.queues.len();
        let mut busy = 0u32;
        let mut start = None;
        for i in 0..len {
            let Some((id, q)) = mine(i) else { continue };
            if start.is_none() && q.hot.resume_here.load(Relaxed) {
                start = Some(i);
            }
            if env.device.rx_pending(id) {
                busy = busy.saturating_add(1);
            }
        }
        if busy == 0 {
            return result;
        }
        let budget = budget.max(1);
        let share = budget
            .checked_div(busy)
            .unwrap_or(0)
            .max(min_share(budget))
            .max(1);
        let start = start.unwrap_or(0);
        let mut left = budget;
        let mut resume: Option<&RxQueue> = None;
        // From `start` to the end, then from the beginning up to `start` (no division per step).
        for i in (start..len).chain(0..start) {
            let Some((id, q)) = mine(i) else { continue };
            if q.hot.resume_here.load(Relaxed) {
                q.hot.resume_here.store(false, Relaxed);
            }
            if left == 0 {
                if resume.is_none() && env.device.rx_pending(id) {
                    resume = Some(q);
                    result.more_work = true;
                }
                continue;
            }
            if !q.claim() {
                result.more_work = true;
                continue;
            }
            // Re-check under the claim: a free or an affinity move may have happened meanwhile.
            if mine(i).is_some() {
                let taken = self.poll_queue(env, id, q, share.min(left), &mut result);
                left = left.saturating_sub(taken);
                if env.device.rx_pending(id) {
                    result.more_work = true;
                }
            }
            q.release();
        }
        if let Some(q) = resume {
            q.hot.resume_here.store(true, Relaxed);
        }
        result
    }

    /// Take up to `share` frames off queue `id`'s ring (the caller holds the claim) and indicate
    /// or drop them; returns how many it took.
    fn poll_queue(&self, env: RxEnv<'_>, id: u16, q: &RxQueue, share: u32, r: &mut DpcResult) -> u32 {
        let vport = q.vport.load(SeqCst);
        let flags = if id == 0 && vport == 0 {
            NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL | NDIS_RECEIVE_FLAGS_SINGLE_QUEUE
        } else {
            NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL
                | NDIS_RECEIVE_FLAGS_SINGLE_QUEUE
                | NDIS_RECEIVE_FLAGS_PERFECT_FILTERED
                | NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID
        };
        let mut frames = [RxFrame::default(); BATCH];
        let mut done: u32 = 0;
        while done < share {
            let want = usize::try_from(share.saturating_sub(done))
                .unwrap_or(BATCH)
                .min(BATCH);
            let Some(buf) = frames.get_mut(..want) else { break };
            let n = env.device.poll_rx(id, buf).min(want);
            if n == 0 {
                break;
            }
            let n32 = u32::try_from(n).unwrap_or(0);
            done = done.saturating_add(n32);
            let got = frames.get(..n).unwrap_or(&[]);
            if !q.gate.load(SeqCst) {
                for f in got {
                    env.device.repost_rx(id, f.slot);
                }
                q.hot.dropped.fetch_add(u64::from(n32), SeqCst);
                r.dropped = r.dropped.saturating_add(n32);
                continue;
            }
            // Account before indicating: NDIS may return an NBL on another processor before
            // NdisMIndicateReceiveNetBufferLists returns.
            let mut accepted = 0u32;
            for f in got {
                match q.bit(f.slot) {
                    Some((word, bit)) if word.fetch_or(bit, SeqCst) & bit == 0 => {
                        accepted = accepted.saturating_add(1);
                    }
                    _ => {}
                }
            }
            q.hot.outstanding.fetch_add(accepted, SeqCst);
            env.os.indicate_receive(&RxIndication {
                bank: Self::bank_of(id),
                queue_id: if vport == 0 { u32::from(id) } else { 0 },
                vport_id: vport,
                flags,
                frames: got,
            });
            q.hot.indicated.fetch_add(u64::from(n32), SeqCst);
            r.indicated = r.indicated.saturating_add(n32);
        }
        done
    }

    /// Schedule the DPC of every processor whose queues hold completed receives (MiniportRestart:
    /// frames that arrived while paused stay in the rings; no interrupt will come for them).
    /// Returns how many queues had work.
    pub fn reschedule_pending(&self, env: RxEnv<'_>) -> usize {
        let mut n = 0usize;
        for (i, q) in self.queues.iter().enumerate() {
            let Ok(id) = u16::try_from(i) else { break };
            if q.active.load(SeqCst) && env.device.rx_pending(id) {
                if let Some(p) = self.processor(id) {
                    env.os.schedule_dpc(p);
                    n = n.saturating_add(1);
                }
            }
        }
        n
    }

    /// Queue `id`'s target processor, if its vector is assigned.
    pub fn processor(&self, id: u16) -> Option<ProcessorNumber> {
        let p = self.targets.get(usize::from(id))?.load(SeqCst);
        if p == NO_PROCESSOR {
            return None;
        }
        Some(ProcessorNumber {
            group: u16::try_from(p >> 8).ok()?,
            number: u8::try_from(p & 0xff).ok()?,
        })
    }
}
