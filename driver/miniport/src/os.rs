//! The `Os` seam: everything svnic-miniport needs from the operating system, and nothing more.
//!
//! The binding implements it over NDIS and kernel functions (NdisAllocateSharedMemory,
//! KeInsertQueueDpc, NdisMIndicateReceiveNetBufferLists, NdisMIndicateStatusEx,
//! NdisMOidRequestComplete, NdisMEnableVirtualization, ...). Unit tests implement it in a few
//! lines. Methods may be called at DISPATCH_LEVEL from any processor unless stated.
//!
//! Extend this trait when a piece of logic needs the OS; keep every method a thin, documented
//! mapping onto one NDIS or kernel facility.
//!
//! # Receive buffers and NBLs
//! NBLs are never allocated on the receive path. When a queue's (or vPort's) receive memory is
//! set up, the miniport calls [`Os::create_rx_bank`]: the binding preallocates one NBL + NB + MDL
//! per buffer slot of that memory. An indication ([`Os::indicate_receive`]) names slots of one
//! bank; the binding fills the preallocated NBLs and indicates them in one call. When NDIS returns
//! them (MiniportReturnNetBufferLists) the binding calls `Adapter::return_rx(bank, slot)`; the
//! bank and slot come from the binding's own NBL context, never from the (stale-able) QueueId.
//!
//! # DPCs
//! [`Os::schedule_dpc`] queues the adapter's receive DPC for one processor (KeInsertQueueDpc on a
//! DPC initialized with KeSetTargetProcessorDpcEx). When it runs, the binding calls
//! `Adapter::dpc(processor)`; that is how the DPC calls back into the adapter.

use crate::oid::{OidBytes, OidToken};
use alloc::sync::Arc;
use svnic_abi::status::NdisStatus;
use svnic_device::dma::DmaRegion;

/// A processor as NDIS names it (PROCESSOR_NUMBER without the reserved byte).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProcessorNumber {
    pub group: u16,
    pub number: u8,
}

/// NDIS_SHARED_MEMORY_USAGE (spec 1.8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum SharedMemoryUsage {
    Undefined = 0,
    Xmit = 1,
    XmitHeader = 2,
    XmitData = 3,
    Receive = 4,
    ReceiveLookahead = 5,
    ReceivePostLookahead = 6,
    ReceiveHeader = 7,
    ReceiveData = 8,
    Other = 9,
}

/// What NdisAllocateSharedMemory is asked for (NDIS_SHARED_MEMORY_PARAMETERS rev2 inputs).
/// VMQ: `vport_id` 0 and the queue id; SR-IOV: the non-default vPort id and `queue_id` 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SharedMemoryRequest {
    pub usage: SharedMemoryUsage,
    pub queue_id: u32,
    pub vport_id: u32,
    pub len: u32,
}

/// A block of NDIS shared memory. `region` is the memory itself (the device DMAs through it);
/// `handle` is NDIS's SharedMemoryHandle (reported in NET_BUFFER_SHARED_MEMORY); `os_cookie` is
/// private to the binding (it finds its own record of the block with it). Give it back with
/// [`Os::free_shared_memory`].
#[derive(Clone)]
pub struct SharedMemory {
    pub handle: u64,
    pub os_cookie: u64,
    pub len: u32,
    pub region: Arc<dyn DmaRegion>,
}

impl core::fmt::Debug for SharedMemory {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SharedMemory")
            .field("handle", &self.handle)
            .field("os_cookie", &self.os_cookie)
            .field("len", &self.len)
            .finish()
    }
}

/// Names a set of receive slots with preallocated NBLs (see the module doc).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RxBankId(pub u32);

/// A bank of `slots` receive buffers laid out in `memory` at `slot * slot_len`.
#[derive(Clone, Copy, Debug)]
pub struct RxBankSpec<'a> {
    pub bank: RxBankId,
    pub queue_id: u32,
    pub vport_id: u32,
    pub memory: &'a SharedMemory,
    pub slot_len: u32,
    pub slots: u32,
}

/// One received frame in a bank slot. `offset`/`len` are within the slot. `ieee8021q` is the
/// NDIS_NET_BUFFER_LIST_8021Q_INFO value (0 when no tag was stripped).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RxFrame {
    pub slot: u32,
    pub offset: u32,
    pub len: u32,
    pub ieee8021q: u32,
}

/// One NdisMIndicateReceiveNetBufferLists call: frames of one bank, so of one queue or vPort
/// (spec 1.5: never mix queues). `flags` are the NDIS_RECEIVE_FLAGS_* to pass. The miniport never
/// sets NDIS_RECEIVE_FLAGS_RESOURCES: every indicated slot comes back through `return_rx`.
#[derive(Clone, Copy, Debug)]
pub struct RxIndication<'a> {
    pub bank: RxBankId,
    pub queue_id: u32,
    pub vport_id: u32,
    pub flags: u32,
    pub frames: &'a [RxFrame],
}

/// What the miniport logic asks of the operating system.
pub trait Os: Send + Sync {
    /// KeQueryActiveProcessorCountEx(group): processors present in `group` (0 if no such group).
    fn active_processor_count(&self, group: u16) -> u32;

    /// The processor the caller runs on (KeGetCurrentProcessorNumberEx).
    fn current_processor(&self) -> ProcessorNumber;

    /// A monotonic clock in microseconds.
    fn now_us(&self) -> u64;

    /// NdisMIndicateStatusEx with an NDIS_STATUS_INDICATION whose StatusBuffer is `payload`.
    fn indicate_status(&self, status: NdisStatus, payload: &[u8]);

    /// NdisMOidRequestComplete for a request the miniport returned PENDING for.
    fn complete_oid(&self, token: OidToken, status: NdisStatus, bytes: OidBytes);

    /// KeInsertQueueDpc on the adapter's receive DPC for `processor`. Returns false when that DPC
    /// is already queued (it is not queued twice) or the processor does not exist. When the DPC
    /// runs, the binding calls `Adapter::dpc(processor)` on that processor.
    fn schedule_dpc(&self, processor: ProcessorNumber) -> bool;

    /// NdisAllocateSharedMemory.
    fn alloc_shared_memory(&self, req: SharedMemoryRequest) -> Result<SharedMemory, NdisStatus>;

    /// NdisFreeSharedMemory. The device must no longer reach `mem.region`.
    fn free_shared_memory(&self, mem: SharedMemory);

    /// Preallocate one NBL (with NB and MDL) per slot of `spec.memory` (NdisAllocateNetBufferList
    /// from a pool made for the bank). Fails with NDIS_STATUS_RESOURCES and leaves nothing behind.
    fn create_rx_bank(&self, spec: &RxBankSpec<'_>) -> Result<(), NdisStatus>;

    /// Free a bank's NBLs and pool. Called only once all its slots have been returned.
    fn destroy_rx_bank(&self, bank: RxBankId);

    /// NdisMIndicateReceiveNetBufferLists with the bank's NBLs for `ind.frames`, tagged with the
    /// queue / vPort id (NetBufferListFilteringInfo, FilterId 0) and 802.1Q info.
    fn indicate_receive(&self, ind: &RxIndication<'_>);

    /// NdisMPauseComplete, for a pause that returned PENDING.
    fn pause_complete(&self);

    /// NdisMEnableVirtualization(NumVFs, ..., Enable).
    fn enable_virtualization(&self, num_vfs: u16, enable: bool) -> NdisStatus;

    /// NdisMInvalidateConfigBlock (PF): tell the VF's miniport that blocks in `mask` changed.
    fn invalidate_vf_config_block(&self, vf_id: u16, mask: u64) -> NdisStatus;

    /// NdisMReadConfigBlock (VF miniport): read backchannel block `block_id` from the PF.
    fn read_vf_config_block(&self, block_id: u32, out: &mut [u8]) -> NdisStatus;

    /// NdisMWriteConfigBlock (VF miniport): write backchannel block `block_id` to the PF.
    fn write_vf_config_block(&self, block_id: u32, data: &[u8]) -> NdisStatus;
}
