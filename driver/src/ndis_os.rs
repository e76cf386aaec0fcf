//! [`NdisOs`]: the `Os` seam implemented over NDIS and the kernel (see `imports`), plus the two
//! pieces of binding state it owns: the per-processor receive DPCs and the receive banks
//! (NBLs preallocated per buffer slot when a queue's memory is set up).

use crate::imports::*;
use alloc::boxed::Box;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::cell::UnsafeCell;
use core::ffi::c_void;
use core::ptr;
use core::sync::atomic::{AtomicPtr, AtomicU32, Ordering};
use svnic_abi::header::{NdisObject, NDIS_OBJECT_HEADER, NDIS_OBJECT_TYPE_DEFAULT};
use svnic_abi::hw_assist::{NDIS_NET_BUFFER_LIST_FILTERING_INFO, NDIS_SHARED_MEMORY_PARAMETERS};
use svnic_abi::indication::NDIS_STATUS_INDICATION;
use svnic_abi::miniport_chars::{KDPC, NDIS_HANDLE, PROCESSOR_NUMBER};
use svnic_abi::nbl::{
    IEEE_8021Q_NET_BUFFER_LIST_INFO, MDL, NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1,
    NET_BUFFER_LIST, NET_BUFFER_LIST_FILTERING_INFO, NET_BUFFER_LIST_POOL_PARAMETERS,
    NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1, NET_BUFFER_SHARED_MEMORY,
};
use svnic_abi::oid_request::NDIS_OID_REQUEST;
use svnic_abi::status::*;
use svnic_device::dma::DmaRegion;
use svnic_miniport::adapter::Adapter;
use svnic_miniport::oid::{OidBytes, OidToken};
use svnic_miniport::os::{
    Os, ProcessorNumber, RxBankId, RxBankSpec, RxIndication, SharedMemory, SharedMemoryRequest,
};
use svnic_miniport::vf::adapter::VfAdapter;

use crate::oid_gate::OidGate;
use crate::rundown::Rundown;

/// An NDIS handle or pointer that NDIS lets any thread use.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Handle(pub NDIS_HANDLE);
// SAFETY: NDIS handles are opaque values valid on any thread and at any IRQL <= DISPATCH.
unsafe impl Send for Handle {}
// SAFETY: as above; the handle is never dereferenced by the binding.
unsafe impl Sync for Handle {}

/// Tokens of OIDs issued by the control device (not by NDIS) carry this bit: their completion
/// is never reported to NDIS (NdisMOidRequestComplete only ever sees NDIS's own requests).
pub(crate) const CTL_TOKEN_BIT: u64 = 1 << 63;

/// One processor's receive DPC.
pub(crate) struct DpcRecord {
    kdpc: UnsafeCell<KDPC>,
    processor: ProcessorNumber,
    /// The adapter to call back, set once init succeeded; cleared before halt frees it.
    adapter: AtomicPtr<Adapter>,
    /// For a VF adapter (child partition): the NdisOs owning this record, whose `vf` the DPC
    /// runs; set by `attach_vf`, cleared before halt.
    vf_owner: AtomicPtr<NdisOs>,
}

/// NonPagedPool memory returned by NdisAllocateSharedMemory.
struct ShmRegion {
    va: *mut u8,
    len: usize,
}
// SAFETY: the memory is plain bytes owned by NDIS until NdisFreeSharedMemory; every access is a
// bounds-checked copy, and slots are owned by one side (device or NDIS) at a time.
unsafe impl Send for ShmRegion {}
// SAFETY: as above.
unsafe impl Sync for ShmRegion {}

impl DmaRegion for ShmRegion {
    fn len(&self) -> usize {
        self.len
    }
    fn write(&self, offset: usize, data: &[u8]) -> bool {
        match offset.checked_add(data.len()) {
            Some(end) if end <= self.len => {
                // SAFETY: [offset, end) lies inside the region NDIS allocated (checked above), the
                // region outlives this call (freed only after the device detached it), and the
                // source is a distinct Rust slice.
                unsafe { ptr::copy_nonoverlapping(data.as_ptr(), self.va.wrapping_add(offset), data.len()) };
                true
            }
            _ => false,
        }
    }
    fn read(&self, offset: usize, out: &mut [u8]) -> bool {
        match offset.checked_add(out.len()) {
            Some(end) if end <= self.len => {
                // SAFETY: as in `write`, with the copy going the other way.
                unsafe {
                    ptr::copy_nonoverlapping(self.va.wrapping_add(offset), out.as_mut_ptr(), out.len())
                };
                true
            }
            _ => false,
        }
    }
}

struct ShmRecord {
    cookie: u64,
    va: usize,
    len: u32,
}

/// NBLs preallocated for one receive memory block.
struct Bank {
    pool: NDIS_HANDLE,
    nbls: Vec<*mut NET_BUFFER_LIST>,
    mdls: Vec<*mut MDL>,
    shm: *mut [NET_BUFFER_SHARED_MEMORY],
    slot_len: u32,
}

const MAX_BANKS: usize = 64;
const EMPTY: u32 = u32::MAX;

struct BankSlot {
    id: AtomicU32,
    bank: AtomicPtr<Bank>,
}

/// The `Os` implementation of one adapter.
pub(crate) struct NdisOs {
    pub handle: Handle,
    dpcs: Box<[DpcRecord]>,
    banks: [BankSlot; MAX_BANKS],
    shm: spin::Mutex<Vec<ShmRecord>>,
    /// The VF adapter of an adapter initialized in a child partition. Written only at init
    /// (before NDIS or a DPC can reach it) and at halt (after the DPCs are flushed); the DPC,
    /// returns and OIDs read it, and the VfAdapter keeps the DPC's state and the OID state
    /// under separate locks, so a return from inside an indication never waits.
    pub vf: spin::RwLock<Option<VfAdapter>>,
    /// NDIS OIDs vs control-device passthrough (`oid_gate`); shared with the driver's adapter
    /// list, where the control device finds it.
    pub oid_gate: Arc<OidGate>,
    /// The control device's users of this adapter (`rundown`); closed by MiniportHaltEx.
    pub ctl_rundown: Arc<Rundown>,
}

// SAFETY: the KDPCs are only touched through Ke* calls (which synchronize internally); the bank
// pointers are published/unpublished with atomics, and a bank's NBLs are only touched by the
// side that owns them (the DPC indicating, or NDIS between indication and return).
unsafe impl Send for NdisOs {}
// SAFETY: as above.
unsafe impl Sync for NdisOs {}

unsafe extern "system" fn receive_dpc(_dpc: *mut KDPC, ctx: *mut c_void, _a1: *mut c_void, _a2: *mut c_void) {
    let rec = ctx as *const DpcRecord;
    // SAFETY: ctx is the DpcRecord this DPC was initialized with; records live in the NdisOs,
    // which halt keeps alive until KeFlushQueuedDpcs has returned.
    let rec = unsafe { &*rec };
    let adapter = rec.adapter.load(Ordering::Acquire);
    if adapter.is_null() {
        let owner = rec.vf_owner.load(Ordering::Acquire);
        if !owner.is_null() {
            // SAFETY: set by `attach_vf` to the NdisOs holding this record, which outlives it;
            // halt clears it and flushes the DPCs before the VF adapter goes away.
            let os = unsafe { &*owner };
            if let Some(vf) = os.vf.read().as_ref() {
                let _ = vf.dpc(os);
            }
        }
        return;
    }
    // SAFETY: non-null only between a successful init and the start of halt; halt clears it,
    // removes and flushes the DPCs before dropping the adapter.
    unsafe { &*adapter }.dpc(rec.processor);
}

impl NdisOs {
    /// Build the Os for an adapter: one DPC per active processor of group 0, each targeted at
    /// its processor (KeInitializeDpc + KeSetTargetProcessorDpcEx).
    pub fn new(handle: Handle) -> Arc<Self> {
        // SAFETY: plain kernel query.
        let n = unsafe { KeQueryActiveProcessorCountEx(0) }.clamp(1, 64);
        let dpcs: Box<[DpcRecord]> = (0..n)
            .map(|i| DpcRecord {
                kdpc: UnsafeCell::new(KDPC { Opaque: [0; 8] }),
                processor: ProcessorNumber {
                    group: 0,
                    number: i as u8,
                },
                adapter: AtomicPtr::new(ptr::null_mut()),
                vf_owner: AtomicPtr::new(ptr::null_mut()),
            })
            .collect();
        let os = Arc::new(Self {
            handle,
            dpcs,
            banks: core::array::from_fn(|_| BankSlot {
                id: AtomicU32::new(EMPTY),
                bank: AtomicPtr::new(ptr::null_mut()),
            }),
            shm: spin::Mutex::new(Vec::new()),
            vf: spin::RwLock::new(None),
            oid_gate: Arc::new(OidGate::new()),
            ctl_rundown: Arc::new(Rundown::new()),
        });
        for rec in os.dpcs.iter() {
            let mut pn = PROCESSOR_NUMBER {
                Group: rec.processor.group,
                Number: rec.processor.number,
                Reserved: 0,
            };
            // SAFETY: the KDPC is owned by this record and not yet queued; the context pointer
            // stays valid as long as the NdisOs (see `receive_dpc`).
            unsafe {
                KeInitializeDpc(
                    rec.kdpc.get(),
                    receive_dpc,
                    rec as *const DpcRecord as *mut c_void,
                )
            };
            // SAFETY: as above; `pn` names an active processor.
            let _ = unsafe { KeSetTargetProcessorDpcEx(rec.kdpc.get(), &mut pn) };
        }
        os
    }

    /// Point every DPC at the adapter (after a successful init).
    pub fn attach_adapter(&self, adapter: &Arc<Adapter>) {
        for rec in self.dpcs.iter() {
            rec.adapter
                .store(Arc::as_ptr(adapter) as *mut Adapter, Ordering::Release);
        }
    }

    /// Point every DPC at this Os's VF adapter (after a successful init in a child partition).
    pub fn attach_vf(self: &Arc<Self>) {
        for rec in self.dpcs.iter() {
            rec.vf_owner
                .store(Arc::as_ptr(self) as *mut NdisOs, Ordering::Release);
        }
    }

    /// Stop the DPCs from reaching the adapter and wait for any running one (halt).
    pub fn detach_and_flush_dpcs(&self) {
        for rec in self.dpcs.iter() {
            rec.adapter.store(ptr::null_mut(), Ordering::Release);
            rec.vf_owner.store(ptr::null_mut(), Ordering::Release);
            // SAFETY: the KDPC was initialized in `new`.
            let _ = unsafe { KeRemoveQueueDpc(rec.kdpc.get()) };
        }
        // SAFETY: plain kernel call at PASSIVE_LEVEL (halt).
        unsafe { KeFlushQueuedDpcs() };
    }

    fn find_bank(&self, id: RxBankId) -> Option<&Bank> {
        let slot = self.banks.iter().find(|s| s.id.load(Ordering::Acquire) == id.0)?;
        let p = slot.bank.load(Ordering::Acquire);
        // SAFETY: a published bank stays allocated until destroy_rx_bank, which the miniport
        // calls only after every slot came back and no indication is in progress.
        (!p.is_null()).then(|| unsafe { &*p })
    }

    /// (bank, slot) recorded in a receive NBL the binding allocated.
    ///
    /// # Safety
    /// `nbl` must be a valid NET_BUFFER_LIST.
    pub unsafe fn nbl_bank_slot(nbl: *mut NET_BUFFER_LIST) -> (RxBankId, u32) {
        // SAFETY: caller guarantees `nbl` is valid.
        let r = unsafe { (*nbl).MiniportReserved.0 };
        (RxBankId(r[0] as u32), r[1] as u32)
    }

    /// Free a partly built bank.
    ///
    /// # Safety
    /// Every pointer in `bank` must come from the matching NDIS allocation and be unused.
    unsafe fn free_bank(bank: Bank) {
        for nbl in bank.nbls {
            // SAFETY: allocated from bank.pool and owned by the driver.
            unsafe { NdisFreeNetBufferList(nbl) };
        }
        for mdl in bank.mdls {
            // SAFETY: allocated by NdisAllocateMdl and no longer referenced by an NB.
            unsafe { NdisFreeMdl(mdl) };
        }
        if !bank.pool.is_null() {
            // SAFETY: all of the pool's NBLs were freed above.
            unsafe { NdisFreeNetBufferListPool(bank.pool) };
        }
        if !bank.shm.is_null() {
            // SAFETY: came from Box::into_raw in create_rx_bank.
            drop(unsafe { Box::from_raw(bank.shm) });
        }
    }
}

impl Os for NdisOs {
    fn active_processor_count(&self, group: u16) -> u32 {
        // SAFETY: plain kernel query.
        unsafe { KeQueryActiveProcessorCountEx(group) }
    }

    fn current_processor(&self) -> ProcessorNumber {
        let mut pn = PROCESSOR_NUMBER::default();
        // SAFETY: pn is a valid out pointer.
        let _ = unsafe { KeGetCurrentProcessorNumberEx(&mut pn) };
        ProcessorNumber {
            group: pn.Group,
            number: pn.Number,
        }
    }

    fn now_us(&self) -> u64 {
        let mut qpc = 0u64;
        // SAFETY: qpc is a valid out pointer.
        (unsafe { KeQueryInterruptTimePrecise(&mut qpc) }) / 10
    }

    fn indicate_status(&self, status: NdisStatus, payload: &[u8]) {
        let mut ind = NDIS_STATUS_INDICATION::with_latest_header();
        ind.source_handle = self.handle.0 as u64;
        ind.status_code = status;
        ind.status_buffer = payload.as_ptr() as u64;
        ind.status_buffer_size = payload.len() as u32;
        // SAFETY: `ind` and `payload` outlive the call; NDIS only reads the status buffer.
        unsafe { NdisMIndicateStatusEx(self.handle.0, &mut ind) };
    }

    fn complete_oid(&self, token: OidToken, status: NdisStatus, bytes: OidBytes) {
        if token.0 & CTL_TOKEN_BIT != 0 {
            // A passthrough the miniport pended (none can: the control device refuses the OIDs
            // that pend before the call); the gate stayed closed for it until now.
            self.oid_gate.ctl_end();
            return;
        }
        if token.0 == 0 {
            return;
        }
        let req = token.0 as *mut NDIS_OID_REQUEST;
        // SAFETY: the token is the NDIS_OID_REQUEST NDIS gave MiniportOidRequest, which stays
        // valid until this completion.
        unsafe { crate::handlers::write_oid_bytes(req, bytes) };
        // Open the gate before handing the request back: NDIS may issue its next OID from
        // inside NdisMOidRequestComplete.
        self.oid_gate.ndis_end();
        // SAFETY: as above; completing hands the request back to NDIS.
        unsafe { NdisMOidRequestComplete(self.handle.0, req, status) };
    }

    fn schedule_dpc(&self, processor: ProcessorNumber) -> bool {
        let Some(rec) = self.dpcs.iter().find(|r| r.processor == processor) else {
            return false;
        };
        // SAFETY: the KDPC was initialized in `new` and lives as long as self.
        unsafe { KeInsertQueueDpc(rec.kdpc.get(), ptr::null_mut(), ptr::null_mut()) != 0 }
    }

    fn alloc_shared_memory(&self, req: SharedMemoryRequest) -> Result<SharedMemory, NdisStatus> {
        let mut p = NDIS_SHARED_MEMORY_PARAMETERS::with_latest_header();
        p.queue_id = req.queue_id;
        p.vport_id = req.vport_id;
        p.preferred_node = 0x8000_0000; // MM_ANY_NODE_OK
        p.usage = req.usage as u32;
        p.length = req.len;
        let mut alloc: NDIS_HANDLE = ptr::null_mut();
        // SAFETY: valid parameter block and out pointer.
        let st = unsafe { NdisAllocateSharedMemory(self.handle.0, &mut p, &mut alloc) };
        if st != NDIS_STATUS_SUCCESS {
            return Err(st);
        }
        if p.virtual_address == 0 || alloc.is_null() {
            return Err(NDIS_STATUS_RESOURCES);
        }
        let cookie = alloc as u64;
        self.shm.lock().push(ShmRecord {
            cookie,
            va: p.virtual_address as usize,
            len: req.len,
        });
        Ok(SharedMemory {
            handle: p.shared_memory_handle,
            os_cookie: cookie,
            len: req.len,
            region: Arc::new(ShmRegion {
                va: p.virtual_address as *mut u8,
                len: req.len as usize,
            }),
        })
    }

    fn free_shared_memory(&self, mem: SharedMemory) {
        let mut recs = self.shm.lock();
        let Some(i) = recs.iter().position(|r| r.cookie == mem.os_cookie) else {
            return;
        };
        recs.swap_remove(i);
        drop(recs);
        let alloc = mem.os_cookie as NDIS_HANDLE;
        drop(mem);
        // SAFETY: the allocation handle came from NdisAllocateSharedMemory for this adapter and
        // is freed once (its record was just removed).
        unsafe { NdisFreeSharedMemory(self.handle.0, alloc) };
    }

    fn create_rx_bank(&self, spec: &RxBankSpec<'_>) -> Result<(), NdisStatus> {
        if spec.bank.0 == EMPTY || self.find_bank(spec.bank).is_some() {
            return Err(NDIS_STATUS_INVALID_PARAMETER);
        }
        let (base, region_len) = {
            let recs = self.shm.lock();
            let r = recs
                .iter()
                .find(|r| r.cookie == spec.memory.os_cookie)
                .ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
            (r.va, r.len)
        };
        let slots = usize::try_from(spec.slots).map_err(|_| NDIS_STATUS_INVALID_PARAMETER)?;
        let total = spec
            .slot_len
            .checked_mul(spec.slots)
            .ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
        if total > region_len || spec.slot_len == 0 {
            return Err(NDIS_STATUS_INVALID_PARAMETER);
        }
        let free_slot = self
            .banks
            .iter()
            .find(|s| s.id.load(Ordering::Acquire) == EMPTY)
            .ok_or(NDIS_STATUS_RESOURCES)?;
        let shm: Box<[NET_BUFFER_SHARED_MEMORY]> = (0..slots)
            .map(|_| NET_BUFFER_SHARED_MEMORY {
                NextSharedMemorySegment: ptr::null_mut(),
                SharedMemoryFlags: 0,
                SharedMemoryHandle: spec.memory.handle as *mut c_void,
                SharedMemoryOffset: 0,
                SharedMemoryLength: 0,
            })
            .collect();
        let mut bank = Bank {
            pool: ptr::null_mut(),
            nbls: Vec::with_capacity(slots),
            mdls: Vec::with_capacity(slots),
            shm: Box::into_raw(shm),
            slot_len: spec.slot_len,
        };
        let mut pp = NET_BUFFER_LIST_POOL_PARAMETERS {
            Header: NDIS_OBJECT_HEADER::new(
                NDIS_OBJECT_TYPE_DEFAULT,
                NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1,
                NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1,
            ),
            ProtocolId: 0,
            fAllocateNetBuffer: 1,
            ContextSize: 0,
            PoolTag: u32::from_le_bytes(*b"svnR"),
            DataSize: 0,
        };
        // SAFETY: valid parameter block.
        bank.pool = unsafe { NdisAllocateNetBufferListPool(self.handle.0, &mut pp) };
        if bank.pool.is_null() {
            // SAFETY: nothing but the shm array was allocated.
            unsafe { Self::free_bank(bank) };
            return Err(NDIS_STATUS_RESOURCES);
        }
        for slot in 0..spec.slots {
            let va = base.wrapping_add((slot as usize).wrapping_mul(spec.slot_len as usize)) as *mut c_void;
            // SAFETY: [va, va + slot_len) lies inside the shared memory block (checked above).
            let mdl = unsafe { NdisAllocateMdl(self.handle.0, va, spec.slot_len) };
            if mdl.is_null() {
                // SAFETY: every pointer in `bank` is a live allocation owned by the driver.
                unsafe { Self::free_bank(bank) };
                return Err(NDIS_STATUS_RESOURCES);
            }
            bank.mdls.push(mdl);
            // SAFETY: pool and MDL are valid; the NBL starts with no data.
            let nbl = unsafe { NdisAllocateNetBufferAndNetBufferList(bank.pool, 0, 0, mdl, 0, 0) };
            if nbl.is_null() {
                // SAFETY: as above.
                unsafe { Self::free_bank(bank) };
                return Err(NDIS_STATUS_RESOURCES);
            }
            // SAFETY: `nbl` was just allocated and is owned by the driver; bank.shm has `slots`
            // elements.
            unsafe {
                (*nbl).MiniportReserved.0 = [spec.bank.0 as usize, slot as usize];
            }
            // SAFETY: as above.
            let nb = unsafe { (*nbl).Header.FirstNetBuffer };
            if !nb.is_null() {
                let smi = (bank.shm as *mut NET_BUFFER_SHARED_MEMORY).wrapping_add(slot as usize);
                // SAFETY: the NB belongs to the NBL just allocated; the shm element (inside the
                // bank's array of `slots` elements) outlives it.
                unsafe { (*nb).SharedMemoryInfo = smi };
            }
            bank.nbls.push(nbl);
        }
        let p = Box::into_raw(Box::new(bank));
        free_slot.bank.store(p, Ordering::Release);
        free_slot.id.store(spec.bank.0, Ordering::Release);
        Ok(())
    }

    fn destroy_rx_bank(&self, bank: RxBankId) {
        let Some(slot) = self.banks.iter().find(|s| s.id.load(Ordering::Acquire) == bank.0) else {
            return;
        };
        slot.id.store(EMPTY, Ordering::Release);
        let p = slot.bank.swap(ptr::null_mut(), Ordering::AcqRel);
        if !p.is_null() {
            // SAFETY: came from Box::into_raw in create_rx_bank and was unpublished above; the
            // miniport destroys a bank only when all its NBLs are back.
            let b = unsafe { Box::from_raw(p) };
            // SAFETY: every pointer in the bank is a live allocation owned by the driver.
            unsafe { Self::free_bank(*b) };
        }
    }

    fn indicate_receive(&self, ind: &RxIndication<'_>) {
        let Some(bank) = self.find_bank(ind.bank) else {
            return;
        };
        let filtering = NDIS_NET_BUFFER_LIST_FILTERING_INFO {
            filter_id: 0,
            queue_vport_info: if ind.vport_id != 0 {
                ind.vport_id as u16
            } else {
                ind.queue_id as u16
            },
            _pad0: [0; 4],
        }
        .to_value() as usize;
        let mut head: *mut NET_BUFFER_LIST = ptr::null_mut();
        let mut count = 0u32;
        for f in ind.frames.iter().rev() {
            let Some(&nbl) = bank.nbls.get(f.slot as usize) else {
                continue;
            };
            if f.offset.checked_add(f.len).is_none_or(|end| end > bank.slot_len) {
                continue;
            }
            // SAFETY: the slot's NBL is owned by the driver (the device completed it and it has
            // not been indicated since its last return); nothing else references it now.
            let n = unsafe { &mut *nbl };
            let nb = n.Header.FirstNetBuffer;
            if nb.is_null() {
                continue;
            }
            // SAFETY: the NBL's own NB, set up at bank creation, owned with the NBL.
            let b = unsafe { &mut *nb };
            b.Data.CurrentMdl = b.Data.MdlChain;
            b.Data.CurrentMdlOffset = f.offset;
            b.Data.DataOffset = f.offset;
            b.Data.DataLength = f.len as usize;
            if !b.SharedMemoryInfo.is_null() {
                // SAFETY: the slot's element of the bank's NET_BUFFER_SHARED_MEMORY array.
                let smi = unsafe { &mut *b.SharedMemoryInfo };
                smi.SharedMemoryOffset = f.slot.wrapping_mul(bank.slot_len).wrapping_add(f.offset);
                smi.SharedMemoryLength = f.len;
            }
            n.Header.Next = head;
            n.SourceHandle = self.handle.0;
            n.Status = NDIS_STATUS_SUCCESS;
            n.NetBufferListInfo[NET_BUFFER_LIST_FILTERING_INFO] = filtering;
            n.NetBufferListInfo[IEEE_8021Q_NET_BUFFER_LIST_INFO] = f.ieee8021q as usize;
            head = nbl;
            count = count.wrapping_add(1);
        }
        if head.is_null() {
            return;
        }
        // SAFETY: `head` is a chain of `count` driver-owned NBLs, handed to NDIS until returned
        // through MiniportReturnNetBufferLists.
        unsafe { NdisMIndicateReceiveNetBufferLists(self.handle.0, head, 0, count, ind.flags) };
    }

    fn pause_complete(&self) {
        // SAFETY: plain NDIS call for this adapter's pending pause.
        unsafe { NdisMPauseComplete(self.handle.0) };
    }

    fn enable_virtualization(&self, num_vfs: u16, enable: bool) -> NdisStatus {
        // SAFETY: plain NDIS call.
        unsafe { NdisMEnableVirtualization(self.handle.0, num_vfs, 0, 0, u8::from(enable)) }
    }

    fn invalidate_vf_config_block(&self, vf_id: u16, mask: u64) -> NdisStatus {
        // SAFETY: plain NDIS call.
        unsafe { NdisMInvalidateConfigBlock(self.handle.0, vf_id, mask) };
        NDIS_STATUS_SUCCESS
    }

    fn read_vf_config_block(&self, block_id: u32, out: &mut [u8]) -> NdisStatus {
        let Ok(len) = u32::try_from(out.len()) else {
            return NDIS_STATUS_INVALID_LENGTH;
        };
        // SAFETY: `out` is writable for `len` bytes.
        unsafe { NdisMReadConfigBlock(self.handle.0, block_id, out.as_mut_ptr().cast(), len) }
    }

    fn write_vf_config_block(&self, block_id: u32, data: &[u8]) -> NdisStatus {
        let Ok(len) = u32::try_from(data.len()) else {
            return NDIS_STATUS_INVALID_LENGTH;
        };
        // SAFETY: `data` is readable for `len` bytes; NDIS only reads it.
        unsafe { NdisMWriteConfigBlock(self.handle.0, block_id, data.as_ptr() as *mut c_void, len) }
    }
}
