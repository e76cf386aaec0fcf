//! Simulated processors: a configurable number of worker threads (independent of the host's
//! cores), each running the DPCs targeted at it, with kernel DPC semantics: a DPC already queued
//! is not queued twice, and it leaves its queue before its routine runs (so the routine may
//! queue it again).
//!
//! A KDPC is the driver's memory; the sim keeps its state inside the KDPC's opaque words:
//! word 0 routine, 1 context, 2 target processor, 3 queued flag, 4 host id, 5 magic.

use std::cell::Cell;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use svnic_abi::miniport_chars::{KDEFERRED_ROUTINE, KDPC};

pub(crate) const KDPC_MAGIC: u64 = 0x5356_4E49_4344_5043; // "SVNICDPC"
pub(crate) const NO_TARGET: u64 = u64::MAX;

thread_local! {
    /// (host id, adapter handle, processor) of the code running on this thread.
    static CURRENT: Cell<(u64, usize, u32)> = const { Cell::new((0, 0, 0)) };
}

/// The host, adapter and processor of the calling thread.
pub(crate) fn current() -> (u64, usize, u32) {
    CURRENT.with(|c| c.get())
}

/// Set the calling thread's context; returns the previous one (restore it afterwards).
pub(crate) fn set_current(v: (u64, usize, u32)) -> (u64, usize, u32) {
    CURRENT.with(|c| c.replace(v))
}

/// Runs `f` with the thread's context set to (host, adapter) on its current processor.
pub(crate) fn with_context<R>(host: u64, adapter: usize, f: impl FnOnce() -> R) -> R {
    let (_, _, p) = current();
    let prev = set_current((host, adapter, p));
    let r = f();
    set_current(prev);
    r
}

/// The KDPC's eight words, as atomics.
///
/// # Safety
/// `kdpc` must point to a live KDPC (64 bytes, 8-aligned) for the returned lifetime.
pub(crate) unsafe fn words<'a>(kdpc: *mut KDPC) -> &'a [AtomicU64; 8] {
    // SAFETY: per the function contract; AtomicU64 has the layout of u64.
    unsafe { &*(kdpc as *const [AtomicU64; 8]) }
}

/// Word `i` (< 8) of a KDPC.
///
/// # Safety
/// As [`words`].
pub(crate) unsafe fn word<'a>(kdpc: *mut KDPC, i: usize) -> &'a AtomicU64 {
    // SAFETY: per the function contract.
    let w = unsafe { words(kdpc) };
    &w[i & 7]
}

struct CpuState {
    queue: VecDeque<usize>,
    running: Option<usize>,
}

struct Cpu {
    state: Mutex<CpuState>,
    cv: Condvar,
}

/// Hook run on the worker after each DPC routine (the host returns NBLs captured during it).
pub(crate) type AfterDpc = Arc<dyn Fn(u32) + Send + Sync>;

/// The simulated processors of one host.
pub(crate) struct Cpus {
    host_id: u64,
    cpus: Vec<Arc<Cpu>>,
    stop: Arc<AtomicBool>,
    threads: Mutex<Vec<JoinHandle<()>>>,
    pub dpcs_run: Arc<Vec<AtomicU64>>,
}

impl Cpus {
    pub fn start(host_id: u64, n: u32, after: AfterDpc) -> Self {
        let n = n.max(1);
        let cpus: Vec<Arc<Cpu>> = (0..n)
            .map(|_| {
                Arc::new(Cpu {
                    state: Mutex::new(CpuState {
                        queue: VecDeque::new(),
                        running: None,
                    }),
                    cv: Condvar::new(),
                })
            })
            .collect();
        let stop = Arc::new(AtomicBool::new(false));
        let dpcs_run: Arc<Vec<AtomicU64>> = Arc::new((0..n).map(|_| AtomicU64::new(0)).collect());
        let mut threads = Vec::new();
        for (i, cpu) in cpus.iter().enumerate() {
            let cpu = cpu.clone();
            let stop = stop.clone();
            let after = after.clone();
            let runs = dpcs_run.clone();
            let proc_no = i as u32;
            threads.push(
                std::thread::Builder::new()
                    .name(format!("sim{host_id}-cpu{i}"))
                    .spawn(move || worker(host_id, proc_no, cpu, stop, after, runs))
                    .expect("spawn simulated processor"),
            );
        }
        Self {
            host_id,
            cpus,
            stop,
            threads: Mutex::new(threads),
            dpcs_run,
        }
    }

    pub fn count(&self) -> u32 {
        self.cpus.len() as u32
    }

    /// KeInsertQueueDpc. Returns false when already queued or the target does not exist.
    ///
    /// # Safety
    /// `kdpc` must be a live KDPC initialized by KeInitializeDpc.
    pub unsafe fn insert(&self, kdpc: *mut KDPC) -> bool {
        // SAFETY: per the function contract.
        let target = unsafe { word(kdpc, 2) }.load(Ordering::Acquire);
        let idx = if target == NO_TARGET {
            current().2 as usize
        } else {
            target as usize
        };
        let Some(cpu) = self.cpus.get(idx) else {
            return false;
        };
        let mut st = cpu.state.lock().expect("cpu lock");
        // SAFETY: per the function contract.
        let queued = unsafe { word(kdpc, 3) };
        if queued
            .compare_exchange(0, 1, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            return false;
        }
        st.queue.push_back(kdpc as usize);
        cpu.cv.notify_all();
        true
    }

    /// KeRemoveQueueDpc.
    ///
    /// # Safety
    /// `kdpc` must be a live KDPC.
    pub unsafe fn remove(&self, kdpc: *mut KDPC) -> bool {
        for cpu in &self.cpus {
            let mut st = cpu.state.lock().expect("cpu lock");
            if let Some(pos) = st.queue.iter().position(|&k| k == kdpc as usize) {
                st.queue.remove(pos);
                // SAFETY: per the function contract.
                unsafe { word(kdpc, 3) }.store(0, Ordering::Release);
                return true;
            }
        }
        false
    }

    /// KeFlushQueuedDpcs: wait until every queue is empty and no DPC runs (not from a worker).
    pub fn flush(&self) {
        let (_, _, me) = current();
        let on_worker = std::thread::current()
            .name()
            .is_some_and(|n| n.starts_with(&format!("sim{}-cpu", self.host_id)));
        for (i, cpu) in self.cpus.iter().enumerate() {
            let mut st = cpu.state.lock().expect("cpu lock");
            while !st.queue.is_empty() || (st.running.is_some() && !(on_worker && i as u32 == me)) {
                st = cpu.cv.wait(st).expect("cpu wait");
            }
        }
    }

    /// Whether `kdpc` is queued or running on any processor.
    pub fn owns(&self, kdpc: usize) -> bool {
        self.cpus.iter().any(|c| {
            let st = c.state.lock().expect("cpu lock");
            st.queue.contains(&kdpc) || st.running == Some(kdpc)
        })
    }

    /// Whether any processor has queued or running work.
    pub fn busy(&self) -> bool {
        self.cpus.iter().any(|c| {
            let st = c.state.lock().expect("cpu lock");
            !st.queue.is_empty() || st.running.is_some()
        })
    }

    pub fn shutdown(&self) {
        self.stop.store(true, Ordering::Release);
        for c in &self.cpus {
            let _g = c.state.lock().expect("cpu lock");
            c.cv.notify_all();
        }
        let threads: Vec<JoinHandle<()>> = std::mem::take(&mut *self.threads.lock().expect("threads"));
        let me = std::thread::current().id();
        for t in threads {
            if t.thread().id() != me {
                let _ = t.join();
            }
        }
    }
}

fn worker(
    host_id: u64,
    proc_no: u32,
    cpu: Arc<Cpu>,
    stop: Arc<AtomicBool>,
    after: AfterDpc,
    runs: Arc<Vec<AtomicU64>>,
) {
    set_current((host_id, 0, proc_no));
    loop {
        let kdpc = {
            let mut st = cpu.state.lock().expect("cpu lock");
            st.running = None;
            cpu.cv.notify_all();
            loop {
                if stop.load(Ordering::Acquire) {
                    return;
                }
                if let Some(k) = st.queue.pop_front() {
                    st.running = Some(k);
                    // Leaves the queue before the routine runs (it may re-queue itself).
                    // SAFETY: a queued KDPC stays live until removed or run (the driver flushes
                    // its DPCs before freeing them).
                    unsafe { word(k as *mut KDPC, 3) }.store(0, Ordering::Release);
                    break k;
                }
                st = cpu.cv.wait(st).expect("cpu wait");
            }
        };
        let p = kdpc as *mut KDPC;
        // SAFETY: as above; words 0 and 1 were written by KeInitializeDpc.
        let w = unsafe { words(p) };
        let (routine, ctx) = (w[0].load(Ordering::Acquire), w[1].load(Ordering::Acquire));
        if routine != 0 {
            // SAFETY: word 0 holds the KDEFERRED_ROUTINE the driver passed to KeInitializeDpc.
            let f: KDEFERRED_ROUTINE =
                unsafe { std::mem::transmute::<usize, KDEFERRED_ROUTINE>(routine as usize) };
            // SAFETY: calling the driver's DPC routine with its own KDPC and context.
            unsafe {
                f(
                    p,
                    ctx as *mut std::ffi::c_void,
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                )
            };
        }
        if let Some(r) = runs.get(proc_no as usize) {
            r.fetch_add(1, Ordering::Relaxed);
        }
        after(proc_no);
    }
}
