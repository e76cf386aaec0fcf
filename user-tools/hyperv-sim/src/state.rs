//! The sim's bookkeeping: hosts and adapters found through the handles the driver passes to the
//! exports (registries keyed by handle, so many hosts live in one process), resources owned by
//! each adapter (for leak detection), fault injection, and what the driver indicated.

use crate::cpu::Cpus;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock, RwLock, Weak};
use svnic_abi::miniport_chars::NDIS_MINIPORT_DRIVER_CHARACTERISTICS;

/// Which allocation function a fault targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AllocKind {
    /// Any of the kinds below (the Nth allocation of any kind).
    Any,
    NblPool,
    Nbl,
    Mdl,
    SharedMemory,
    /// NdisMRegisterScatterGatherDma.
    SgDma,
}

/// A configuration value as NdisReadConfiguration returns it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigValue {
    Int(u32),
    Str(String),
}

/// One received frame as the driver indicated it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CapturedRx {
    pub frame: Vec<u8>,
    /// ReceiveFlags of the NdisMIndicateReceiveNetBufferLists call.
    pub flags: u32,
    pub queue_id: u16,
    /// The QueueId/VPortId union of NetBufferListFilteringInfo (same value as `queue_id`).
    pub vport_id: u16,
    pub filter_id: u16,
    pub ieee8021q: u64,
    /// (SharedMemoryHandle, SharedMemoryOffset, SharedMemoryLength) of the first NB, if set.
    pub shared_memory: Option<(u64, u32, u32)>,
    /// The simulated processor the indication ran on.
    pub processor: u32,
    /// Number of NBLs in the call this NBL came with.
    pub batch: u32,
}

/// One NdisMIndicateStatusEx.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CapturedStatus {
    pub status: u32,
    pub buffer: Vec<u8>,
    pub processor: u32,
}

/// The capability structures the driver gave in its hardware-assist attributes (bytes as set).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HwAssist {
    pub hardware_receive_filter: Option<Vec<u8>>,
    pub current_receive_filter: Option<Vec<u8>>,
    pub hardware_nic_switch: Option<Vec<u8>>,
    pub current_nic_switch: Option<Vec<u8>>,
    pub hardware_sriov: Option<Vec<u8>>,
    pub current_sriov: Option<Vec<u8>>,
}

/// Resources an adapter owns (allocated through the exports with its handle).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Owned {
    pub pools: HashSet<usize>,
    pub nbls: HashSet<usize>,
    pub mdls: HashSet<usize>,
    pub shared_memory: HashSet<usize>,
    pub dpcs: HashSet<usize>,
    pub timers: HashSet<usize>,
    /// Scatter-gather DMA registrations (NdisMRegisterScatterGatherDma handles).
    pub sg_dma: HashSet<usize>,
}

/// What was still owned when an adapter halted (or failed init).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LeakReport {
    pub adapter: usize,
    pub pools: usize,
    pub nbls: usize,
    pub mdls: usize,
    pub shared_memory: usize,
    pub dpcs_queued: usize,
    pub timers: usize,
    /// Receive NBLs the sim still holds (indicated, not returned).
    pub held_receives: usize,
    /// Scatter-gather DMA registrations not deregistered.
    pub sg_dma: usize,
}

impl LeakReport {
    pub fn is_clean(&self) -> bool {
        self.pools == 0
            && self.nbls == 0
            && self.mdls == 0
            && self.shared_memory == 0
            && self.dpcs_queued == 0
            && self.timers == 0
            && self.held_receives == 0
            && self.sg_dma == 0
    }
}

pub(crate) struct ShmBlock {
    pub data: Box<[u8]>,
}

/// The sim's record of one adapter (its address is the NDIS adapter handle).
pub struct SimAdapter {
    pub(crate) host: Weak<HostInner>,
    pub(crate) index: usize,
    pub(crate) keywords: HashMap<String, ConfigValue>,
    pub(crate) read_log: Mutex<Vec<String>>,
    /// Order of the init/halt-relevant NDIS calls the driver made for this adapter (the
    /// export's name; attribute sets as `NdisMSetMiniportAttributes(<kind>)`).
    pub(crate) call_log: Mutex<Vec<String>>,
    /// Scatter-gather DMA registration handle (NdisMRegisterScatterGatherDma), while held.
    pub(crate) sg_dma: Mutex<Option<usize>>,
    /// MiniportAdapterContext from the registration attributes.
    pub(crate) ctx: AtomicPtr<std::ffi::c_void>,
    pub(crate) general_attrs_set: AtomicBool,
    pub(crate) supported_oids: Mutex<Vec<u32>>,
    pub(crate) hw_assist: Mutex<Option<HwAssist>>,
    pub(crate) owned: Mutex<Owned>,
    pub(crate) shm: Mutex<HashMap<usize, ShmBlock>>,
    pub(crate) rx: Mutex<Vec<CapturedRx>>,
    pub(crate) rx_cv: Condvar,
    pub(crate) status: Mutex<Vec<CapturedStatus>>,
    pub(crate) held: Mutex<Vec<usize>>,
    pub(crate) hold_returns: AtomicBool,
    /// Return receive NBLs from inside NdisMIndicateReceiveNetBufferLists (a protocol calling
    /// NdisReturnNetBufferLists in its receive handler) instead of after the DPC.
    pub(crate) return_inline: AtomicBool,
    pub(crate) indicated: AtomicU64,
    pub(crate) returned: AtomicU64,
    pub(crate) oid_lock: Mutex<()>,
    pub(crate) oid_done: Mutex<HashMap<usize, u32>>,
    pub(crate) oid_cv: Condvar,
    pub(crate) pause_done: Mutex<bool>,
    pub(crate) pause_cv: Condvar,
    pub(crate) sends_outstanding: AtomicU64,
    pub(crate) send_completed: Mutex<Vec<u32>>,
    pub(crate) anomalies: Mutex<Vec<String>>,
    pub(crate) halted: AtomicBool,
    /// Held (read) around every call into the driver for this adapter; halt takes it for write,
    /// so nothing reaches the driver during or after MiniportHaltEx (NDIS guarantees the same).
    pub(crate) life: std::sync::RwLock<()>,
    pub(crate) halt_started: AtomicBool,
    /// OID requests the driver returned NDIS_STATUS_PENDING for.
    pub(crate) pended_oids: AtomicU64,
    /// Serializes the sim's own send calls so each call's completions are attributable.
    pub(crate) send_serial: Mutex<()>,
}

impl SimAdapter {
    pub(crate) fn handle(self: &Arc<Self>) -> usize {
        Arc::as_ptr(self) as usize
    }

    pub(crate) fn log_call(&self, s: &str) {
        self.call_log.lock().expect("call log").push(s.to_string());
    }

    pub(crate) fn anomaly(&self, s: String) {
        self.anomalies.lock().expect("anomalies").push(s);
    }

    pub(crate) fn leak_report(&self, cpus: &Cpus) -> LeakReport {
        let o = self.owned.lock().expect("owned");
        LeakReport {
            adapter: self.index,
            pools: o.pools.len(),
            nbls: o.nbls.len(),
            mdls: o.mdls.len(),
            shared_memory: o.shared_memory.len(),
            dpcs_queued: o.dpcs.iter().filter(|k| cpus.owns(**k)).count(),
            timers: o.timers.len(),
            held_receives: self.held.lock().expect("held").len(),
            sg_dma: o.sg_dma.len(),
        }
    }
}

/// A registered driver.
pub(crate) struct DriverReg {
    pub chars: NDIS_MINIPORT_DRIVER_CHARACTERISTICS,
    pub driver_ctx: usize,
}

/// One host.
pub struct HostInner {
    pub(crate) id: u64,
    pub(crate) cpus: Cpus,
    pub(crate) driver_object: Box<[u64; 64]>,
    pub(crate) driver: Mutex<Option<DriverReg>>,
    pub(crate) adapters: Mutex<Vec<Arc<SimAdapter>>>,
    pub(crate) faults: Mutex<Vec<(AllocKind, u64)>>,
    pub(crate) alloc_counts: Mutex<HashMap<AllocKind, u64>>,
    pub(crate) returns: Vec<Mutex<Vec<(usize, usize)>>>,
    pub(crate) start: std::time::Instant,
    pub(crate) deregistered: AtomicBool,
}

impl HostInner {
    pub(crate) fn driver_object_ptr(&self) -> *mut std::ffi::c_void {
        self.driver_object.as_ptr() as *mut std::ffi::c_void
    }

    /// Count an allocation call of `kind`; true when fault injection says it must fail.
    pub(crate) fn alloc_should_fail(&self, kind: AllocKind) -> bool {
        let mut counts = self.alloc_counts.lock().expect("counts");
        let any = {
            let c = counts.entry(AllocKind::Any).or_insert(0);
            *c += 1;
            *c
        };
        let this = {
            let c = counts.entry(kind).or_insert(0);
            *c += 1;
            *c
        };
        let faults = self.faults.lock().expect("faults");
        faults
            .iter()
            .any(|(k, n)| (*k == AllocKind::Any && *n == any) || (*k == kind && *n == this))
    }
}

static NEXT_HOST: AtomicU64 = AtomicU64::new(1);

pub(crate) fn next_host_id() -> u64 {
    NEXT_HOST.fetch_add(1, Ordering::Relaxed)
}

#[derive(Default)]
pub(crate) struct Registry {
    pub hosts: RwLock<HashMap<u64, Weak<HostInner>>>,
    pub driver_objects: RwLock<HashMap<usize, u64>>,
    pub adapters: RwLock<HashMap<usize, Weak<SimAdapter>>>,
    /// Allocation (pool, NBL, MDL, shared memory block) -> owning adapter handle.
    pub owners: Mutex<HashMap<usize, usize>>,
}

pub(crate) fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(Registry::default)
}

pub(crate) fn host_by_id(id: u64) -> Option<Arc<HostInner>> {
    registry().hosts.read().expect("hosts").get(&id)?.upgrade()
}

pub(crate) fn adapter_by_handle(h: usize) -> Option<Arc<SimAdapter>> {
    registry().adapters.read().expect("adapters").get(&h)?.upgrade()
}

pub(crate) fn owner_of(p: usize) -> Option<Arc<SimAdapter>> {
    let h = *registry().owners.lock().expect("owners").get(&p)?;
    adapter_by_handle(h)
}

static _UNUSED: AtomicU32 = AtomicU32::new(0);
