//! The host API: build hosts with N svnic adapters on the driver's hub, drive the adapter
//! lifecycle and OIDs through the driver's registered handlers (real NDIS_OID_REQUEST
//! structures), send frames as NBL chains, inject frames on an adapter's wire, and observe the
//! receives, status indications and leaks.

use crate::cpu::{self, Cpus};
use crate::exports::{drop_nbl, new_mdl, new_nbl, SIM_SEND_POOL};
use crate::state::*;
use std::collections::HashMap;
use std::ffi::c_void;
use std::ptr;
use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, Weak};
use std::time::{Duration, Instant};
use svnic_abi::header::{NdisObject, NDIS_OBJECT_HEADER};
use svnic_abi::miniport_chars::*;
use svnic_abi::nbl::NET_BUFFER_LIST;
use svnic_abi::oid_request::NDIS_OID_REQUEST;
use svnic_abi::status::*;
use svnic_miniport::oid::RequestType;

/// How long the sim waits for a pended OID, a pause or a receive before giving up.
pub const WAIT: Duration = Duration::from_secs(20);

/// Errors of the host API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostError {
    DriverEntry(i32),
    NotRegistered,
    /// MiniportInitializeEx failed for adapter `index`; `leaks` is what it left behind.
    InitFailed {
        index: usize,
        status: u32,
        leaks: LeakReport,
    },
    RestartFailed {
        index: usize,
        status: u32,
    },
    /// Resources still owned at halt.
    Leaked(Vec<LeakReport>),
    Timeout(&'static str),
    NoSuchAdapter(usize),
}

/// What an OID request completed with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OidResult {
    pub status: u32,
    pub bytes_read: u32,
    pub bytes_written: u32,
    pub bytes_needed: u32,
    /// The information buffer after completion (Query/Method: first `bytes_written` bytes).
    pub out: Vec<u8>,
}

/// Builder of a [`Host`].
#[derive(Debug, Clone)]
pub struct HostBuilder {
    processors: u32,
    adapters: usize,
    keywords: Vec<(String, ConfigValue)>,
    per_adapter: HashMap<usize, Vec<(String, ConfigValue)>>,
    faults: Vec<(AllocKind, u64)>,
    restart: bool,
}

impl Default for HostBuilder {
    fn default() -> Self {
        Self {
            processors: 4,
            adapters: 1,
            keywords: Vec::new(),
            per_adapter: HashMap::new(),
            faults: Vec::new(),
            restart: true,
        }
    }
}

impl HostBuilder {
    /// Number of simulated processors (worker threads), independent of the machine's cores.
    pub fn processors(mut self, n: u32) -> Self {
        self.processors = n.max(1);
        self
    }
    /// Number of svnic adapters (all on the driver's hub).
    pub fn adapters(mut self, k: usize) -> Self {
        self.adapters = k;
        self
    }
    /// Integer keywords for every adapter.
    pub fn keywords(mut self, kws: &[(&str, u32)]) -> Self {
        self.keywords
            .extend(kws.iter().map(|(k, v)| (k.to_string(), ConfigValue::Int(*v))));
        self
    }
    /// A string keyword for every adapter (e.g. NetworkAddress).
    pub fn keyword_str(mut self, k: &str, v: &str) -> Self {
        self.keywords
            .push((k.to_string(), ConfigValue::Str(v.to_string())));
        self
    }
    /// Keywords for one adapter (override the common ones).
    pub fn adapter_keywords(mut self, index: usize, kws: &[(&str, u32)]) -> Self {
        self.per_adapter
            .entry(index)
            .or_default()
            .extend(kws.iter().map(|(k, v)| (k.to_string(), ConfigValue::Int(*v))));
        self
    }
    /// Make the `nth` (1-based) allocation of `kind` fail.
    pub fn fail_alloc(mut self, kind: AllocKind, nth: u64) -> Self {
        self.faults.push((kind, nth));
        self
    }
    /// Leave adapters paused after init (no MiniportRestart).
    pub fn no_restart(mut self) -> Self {
        self.restart = false;
        self
    }

    /// Start processors, call DriverEntry, initialize (and restart) every adapter.
    pub fn build(self) -> Result<Host, HostError> {
        let id = next_host_id();
        let returns_ready: Arc<Mutex<Weak<HostInner>>> = Arc::new(Mutex::new(Weak::new()));
        let rr = returns_ready.clone();
        let after: cpu::AfterDpc = Arc::new(move |p| {
            let host = rr.lock().expect("host").upgrade();
            if let Some(h) = host {
                drain_returns(&h, p);
            }
        });
        let cpus = Cpus::start(id, self.processors, after);
        let n = cpus.count() as usize;
        let inner = Arc::new(HostInner {
            id,
            cpus,
            driver_object: Box::new([0u64; 64]),
            driver: Mutex::new(None),
            adapters: Mutex::new(Vec::new()),
            faults: Mutex::new(self.faults.clone()),
            alloc_counts: Mutex::new(HashMap::new()),
            returns: (0..n).map(|_| Mutex::new(Vec::new())).collect(),
            start: Instant::now(),
            deregistered: AtomicBool::new(false),
        });
        *returns_ready.lock().expect("host") = Arc::downgrade(&inner);
        registry()
            .hosts
            .write()
            .expect("hosts")
            .insert(id, Arc::downgrade(&inner));
        registry()
            .driver_objects
            .write()
            .expect("drivers")
            .insert(inner.driver_object_ptr() as usize, id);
        let host = Host {
            inner,
            halted: AtomicBool::new(false),
        };
        let mut path: Vec<u16> = "\\Registry\\Machine\\System\\CurrentControlSet\\Services\\svnic"
            .encode_utf16()
            .collect();
        let mut us = UNICODE_STRING {
            Length: (path.len() * 2) as u16,
            MaximumLength: (path.len() * 2) as u16,
            Buffer: path.as_mut_ptr(),
        };
        let st = cpu::with_context(id, 0, || {
            // SAFETY: the sim's DriverObject stand-in and a valid registry path.
            unsafe { svnic::DriverEntry(host.inner.driver_object_ptr(), &mut us) }
        });
        if st != 0 {
            return Err(HostError::DriverEntry(st));
        }
        if host.inner.driver.lock().expect("driver").is_none() {
            return Err(HostError::NotRegistered);
        }
        for i in 0..self.adapters {
            let mut kws = self.keywords.clone();
            if let Some(extra) = self.per_adapter.get(&i) {
                kws.extend(extra.iter().cloned());
            }
            host.add_adapter(kws.into_iter().collect(), self.restart)?;
        }
        Ok(host)
    }
}

/// A simulated Hyper-V host with svnic loaded.
pub struct Host {
    pub(crate) inner: Arc<HostInner>,
    halted: AtomicBool,
}

impl std::fmt::Debug for Host {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Host").field("id", &self.inner.id).finish()
    }
}

fn drain_returns(h: &Arc<HostInner>, p: u32) {
    let list: Vec<(usize, usize)> = match h.returns.get(p as usize) {
        Some(q) => std::mem::take(&mut *q.lock().expect("returns")),
        None => return,
    };
    let mut by_adapter: HashMap<usize, Vec<usize>> = HashMap::new();
    for (a, n) in list {
        by_adapter.entry(a).or_default().push(n);
    }
    for (a, nbls) in by_adapter {
        if let Some(a) = adapter_by_handle(a) {
            return_nbls(&a, &nbls);
        }
    }
}

/// Return receive NBLs to the driver (MiniportReturnNetBufferLists) as one chain.
pub(crate) fn return_nbls(a: &Arc<SimAdapter>, nbls: &[usize]) {
    if nbls.is_empty() {
        return;
    }
    let Some(host) = a.host.upgrade() else { return };
    let ctx = a.ctx.load(Ordering::Acquire);
    let ret = host
        .driver
        .lock()
        .expect("driver")
        .as_ref()
        .and_then(|d| d.chars.ReturnNetBufferListsHandler);
    let Some(ret) = ret else { return };
    // Chain them through Next.
    for w in nbls.windows(2) {
        // SAFETY: NBLs the driver indicated and the sim holds.
        unsafe { (*(w[0] as *mut NET_BUFFER_LIST)).Header.Next = w[1] as *mut NET_BUFFER_LIST };
    }
    if let Some(&last) = nbls.last() {
        // SAFETY: as above.
        unsafe { (*(last as *mut NET_BUFFER_LIST)).Header.Next = ptr::null_mut() };
    }
    a.returned.fetch_add(nbls.len() as u64, Ordering::AcqRel);
    cpu::with_context(host.id, a.handle(), || {
        // SAFETY: the driver's return handler with its own context and NBLs.
        unsafe {
            ret(
                ctx,
                nbls[0] as *mut NET_BUFFER_LIST,
                svnic_abi::hw_assist::NDIS_RETURN_FLAGS_DISPATCH_LEVEL,
            )
        }
    });
}

/// Free a send NBL built by [`AdapterRef::send`].
///
/// # Safety
/// `nbl` must be such an NBL, completed by the driver.
pub(crate) unsafe fn free_send_nbl(nbl: *mut NET_BUFFER_LIST) {
    // SAFETY: per the function contract: one NB whose MDL maps a boxed frame (in Scratch).
    let n = unsafe { &*nbl };
    if !n.Header.FirstNetBuffer.is_null() {
        // SAFETY: the NBL's own NB.
        let mdl = unsafe { (*n.Header.FirstNetBuffer).Data.MdlChain };
        if !mdl.is_null() {
            // SAFETY: the MDL was boxed by new_mdl and is freed once.
            drop(unsafe { Box::from_raw(mdl) });
        }
    }
    let data = n.Scratch as *mut Vec<u8>;
    if !data.is_null() {
        // SAFETY: the frame was boxed in `send` and is freed once.
        drop(unsafe { Box::from_raw(data) });
    }
    // SAFETY: built by new_nbl, freed once.
    unsafe { drop_nbl(nbl) };
}

impl Host {
    /// Start building a host.
    pub fn builder() -> HostBuilder {
        HostBuilder::default()
    }

    /// The simulated host's id (also the thread-name prefix of its processors).
    pub fn id(&self) -> u64 {
        self.inner.id
    }

    pub fn processors(&self) -> u32 {
        self.inner.cpus.count()
    }

    /// DPCs run so far on each processor.
    pub fn dpcs_run(&self) -> Vec<u64> {
        self.inner
            .cpus
            .dpcs_run
            .iter()
            .map(|a| a.load(Ordering::Relaxed))
            .collect()
    }

    pub fn adapter_count(&self) -> usize {
        self.inner.adapters.lock().expect("adapters").len()
    }

    /// The adapter initialized `i`-th.
    pub fn adapter(&self, i: usize) -> AdapterRef<'_> {
        let a = self.inner.adapters.lock().expect("adapters").get(i).cloned();
        AdapterRef { host: self, a }
    }

    /// The driver's MiniportDriverContext (the binding's DriverCtx).
    pub fn driver_object(&self) -> *mut c_void {
        self.inner.driver_object_ptr()
    }

    fn handlers(&self) -> Option<NDIS_MINIPORT_DRIVER_CHARACTERISTICS> {
        self.inner
            .driver
            .lock()
            .expect("driver")
            .as_ref()
            .map(|d| d.chars)
    }

    /// Add and initialize one more adapter (MiniportInitializeEx, then MiniportRestart).
    pub fn add_adapter(
        &self,
        keywords: HashMap<String, ConfigValue>,
        restart: bool,
    ) -> Result<usize, HostError> {
        // Init runs in the caller's partition (a host built inside a guest VM is that guest's).
        let guest =
            crate::vswitch::guest::current_partition() == crate::vswitch::guest::PARTITION_MS_HV_CHILD;
        self.add_adapter_in(keywords, restart, guest, |_| {})
    }

    /// Add an adapter whose MiniportInitializeEx runs in a guest (child) partition when `guest`,
    /// calling `before_init` with its NDIS handle first (the guest NDIS registers its
    /// backchannel for that handle there).
    pub(crate) fn add_adapter_in(
        &self,
        keywords: HashMap<String, ConfigValue>,
        restart: bool,
        guest: bool,
        before_init: impl FnOnce(usize),
    ) -> Result<usize, HostError> {
        let index = self.inner.adapters.lock().expect("adapters").len();
        let a = Arc::new(SimAdapter {
            host: Arc::downgrade(&self.inner),
            index,
            keywords,
            read_log: Mutex::new(Vec::new()),
            call_log: Mutex::new(Vec::new()),
            sg_dma: Mutex::new(None),
            ctx: AtomicPtr::new(ptr::null_mut()),
            general_attrs_set: AtomicBool::new(false),
            supported_oids: Mutex::new(Vec::new()),
            hw_assist: Mutex::new(None),
            owned: Mutex::new(Owned::default()),
            shm: Mutex::new(HashMap::new()),
            rx: Mutex::new(Vec::new()),
            rx_cv: Condvar::new(),
            status: Mutex::new(Vec::new()),
            held: Mutex::new(Vec::new()),
            hold_returns: AtomicBool::new(false),
            return_inline: AtomicBool::new(false),
            indicated: AtomicU64::new(0),
            returned: AtomicU64::new(0),
            oid_lock: Mutex::new(()),
            oid_done: Mutex::new(HashMap::new()),
            oid_cv: Condvar::new(),
            pause_done: Mutex::new(false),
            pause_cv: Condvar::new(),
            sends_outstanding: AtomicU64::new(0),
            send_completed: Mutex::new(Vec::new()),
            anomalies: Mutex::new(Vec::new()),
            halted: AtomicBool::new(false),
            life: std::sync::RwLock::new(()),
            halt_started: AtomicBool::new(false),
            pended_oids: AtomicU64::new(0),
            send_serial: Mutex::new(()),
        });
        let h = a.handle();
        registry()
            .adapters
            .write()
            .expect("adapters")
            .insert(h, Arc::downgrade(&a));
        let chars = self.handlers().ok_or(HostError::NotRegistered)?;
        let drv_ctx = self
            .inner
            .driver
            .lock()
            .expect("driver")
            .as_ref()
            .map_or(0, |d| d.driver_ctx);
        let init = chars.InitializeHandlerEx.ok_or(HostError::NotRegistered)?;
        let mut params = NDIS_MINIPORT_INIT_PARAMETERS {
            Header: NDIS_OBJECT_HEADER::new(
                svnic_abi::header::NDIS_OBJECT_TYPE_MINIPORT_INIT_PARAMETERS,
                1,
                NDIS_SIZEOF_MINIPORT_INIT_PARAMETERS_REVISION_1,
            ),
            Flags: 0,
            AllocatedResources: ptr::null_mut(),
            IMDeviceInstanceContext: ptr::null_mut(),
            MiniportAddDeviceContext: ptr::null_mut(),
            IfIndex: 10 + index as u32,
            NetLuid: 0x0006_0000_0000_0000 | index as u64,
            DefaultPortAuthStates: ptr::null_mut(),
            PciDeviceCustomProperties: ptr::null_mut(),
        };
        before_init(h);
        let st = crate::vswitch::guest::in_partition(guest, || {
            cpu::with_context(self.inner.id, h, || {
                // SAFETY: the driver's InitializeEx with a fresh adapter handle and valid
                // parameters.
                unsafe { init(h as NDIS_HANDLE, drv_ctx as NDIS_HANDLE, &mut params) }
            })
        });
        if st != NDIS_STATUS_SUCCESS {
            let leaks = a.leak_report(&self.inner.cpus);
            registry().adapters.write().expect("adapters").remove(&h);
            return Err(HostError::InitFailed {
                index,
                status: st,
                leaks,
            });
        }
        if !a.general_attrs_set.load(Ordering::Acquire) {
            a.anomaly("InitializeEx succeeded without general attributes".into());
        }
        self.inner.adapters.lock().expect("adapters").push(a.clone());
        if restart {
            let r = self.adapter(index).restart();
            if r != NDIS_STATUS_SUCCESS {
                return Err(HostError::RestartFailed { index, status: r });
            }
        }
        Ok(index)
    }

    /// Run `f` on the calling thread as kernel code of this host, so the Ke* exports it calls
    /// (which take no handle) find this host; the thread counts as processor 0.
    pub fn in_kernel_context<R>(&self, f: impl FnOnce() -> R) -> R {
        cpu::with_context(self.inner.id, 0, f)
    }

    /// Wait until no processor has queued or running DPCs (pending returns drained).
    pub fn quiesce(&self) {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            self.inner.cpus.flush();
            if !self.inner.cpus.busy() {
                return;
            }
        }
    }

    /// Pause (waiting for completion), halt every adapter and unload the driver. Fails if any
    /// adapter still owned NBLs, MDLs, pools, shared memory, DPCs or timers after its halt.
    pub fn halt(&self) -> Result<(), HostError> {
        if self.halted.swap(true, Ordering::AcqRel) {
            return Ok(());
        }
        let adapters: Vec<Arc<SimAdapter>> = self.inner.adapters.lock().expect("adapters").clone();
        let mut leaks = Vec::new();
        for a in &adapters {
            let r = AdapterRef {
                host: self,
                a: Some(a.clone()),
            };
            if let Err(l) = r.halt() {
                leaks.push(l);
            }
        }
        if let Some(chars) = self.handlers() {
            if let Some(unload) = chars.UnloadHandler {
                cpu::with_context(self.inner.id, 0, || {
                    // SAFETY: the driver's unload handler, once, after every adapter halted.
                    unsafe { unload(self.inner.driver_object_ptr()) }
                });
            }
        }
        self.inner.cpus.shutdown();
        registry()
            .driver_objects
            .write()
            .expect("drivers")
            .remove(&(self.inner.driver_object_ptr() as usize));
        if leaks.is_empty() {
            Ok(())
        } else {
            Err(HostError::Leaked(leaks))
        }
    }

    /// Serve one control-device request in process (the same bytes svnicctl sends to the
    /// Windows control device), through the binding's server.
    pub fn ctl(&self, request: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        cpu::with_context(self.inner.id, 0, || {
            svnic::ctl::serve(self.inner.driver_object_ptr(), request, &mut out)
        });
        out
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        if !self.halted.load(Ordering::Acquire) {
            // Best effort: tests that care call halt() and check its result.
            for a in self.inner.adapters.lock().expect("adapters").iter() {
                a.hold_returns.store(false, Ordering::Release);
            }
            let adapters: Vec<Arc<SimAdapter>> = self.inner.adapters.lock().expect("adapters").clone();
            for a in &adapters {
                let held: Vec<usize> = std::mem::take(&mut *a.held.lock().expect("held"));
                return_nbls(a, &held);
            }
            let _ = self.halt();
        }
        registry().hosts.write().expect("hosts").remove(&self.inner.id);
    }
}

/// One adapter of a host.
pub struct AdapterRef<'h> {
    host: &'h Host,
    a: Option<Arc<SimAdapter>>,
}

impl std::fmt::Debug for AdapterRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AdapterRef")
            .field("index", &self.a.as_ref().map(|a| a.index))
            .finish()
    }
}

impl AdapterRef<'_> {
    fn sim(&self) -> &Arc<SimAdapter> {
        self.a.as_ref().expect("no such adapter")
    }

    fn ctx(&self) -> NDIS_HANDLE {
        self.sim().ctx.load(Ordering::Acquire)
    }

    fn call<R>(&self, f: impl FnOnce() -> R) -> R {
        cpu::with_context(self.host.inner.id, self.sim().handle(), f)
    }

    /// Run `f` (which calls into the driver) unless the adapter halted; `None` if it did.
    fn live<R>(&self, f: impl FnOnce() -> R) -> Option<R> {
        let a = self.sim();
        let _g = a.life.read().expect("life");
        if a.halted.load(Ordering::Acquire) {
            return None;
        }
        Some(f())
    }

    fn chars(&self) -> NDIS_MINIPORT_DRIVER_CHARACTERISTICS {
        self.host.handlers().expect("driver registered")
    }

    pub fn index(&self) -> usize {
        self.sim().index
    }

    /// The NDIS handle the sim gave this adapter.
    pub fn ndis_handle(&self) -> usize {
        self.sim().handle()
    }

    /// Issue an OID through MiniportOidRequest with a real NDIS_OID_REQUEST; waits for a pended
    /// request's NdisMOidRequestComplete. Query: `out_len` bytes of buffer. Set: the buffer is
    /// `input`. Method: `max(input.len(), out_len)` bytes, input first.
    pub fn oid(&self, rt: RequestType, oid: u32, input: &[u8], out_len: usize) -> OidResult {
        let a = self.sim();
        let _serial = a.oid_lock.lock().expect("oid lock");
        let len = match rt {
            RequestType::Set => input.len(),
            RequestType::Method => input.len().max(out_len),
            _ => out_len,
        };
        let mut buf = vec![0u8; len];
        let n = input.len().min(len);
        buf[..n].copy_from_slice(&input[..n]);
        let mut req = Box::new(NDIS_OID_REQUEST::with_latest_header());
        req.request_type = rt.to_ndis();
        req.data.oid = oid;
        req.data.information_buffer = if len == 0 { 0 } else { buf.as_mut_ptr() as u64 };
        match rt {
            RequestType::Method => {
                req.data.input_buffer_length = input.len() as u32;
                req.data.output_buffer_length = out_len as u32;
            }
            _ => req.data.input_buffer_length = len as u32,
        }
        let rp: *mut NDIS_OID_REQUEST = &mut *req;
        let handler = self.chars().OidRequestHandler.expect("oid handler");
        let ctx = self.ctx();
        // SAFETY: the driver's OID handler with its context and a valid request/buffer that
        // outlive the request (we wait for completion below).
        let Some(mut st) = self.live(|| self.call(|| unsafe { handler(ctx, rp.cast()) })) else {
            return OidResult {
                status: NDIS_STATUS_NOT_ACCEPTED,
                bytes_read: 0,
                bytes_written: 0,
                bytes_needed: 0,
                out: Vec::new(),
            };
        };
        if st == NDIS_STATUS_PENDING {
            a.pended_oids.fetch_add(1, Ordering::AcqRel);
            let mut done = a.oid_done.lock().expect("oid");
            let deadline = Instant::now() + WAIT;
            loop {
                if let Some(s) = done.remove(&(rp as usize)) {
                    st = s;
                    break;
                }
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    st = NDIS_STATUS_REQUEST_ABORTED;
                    break;
                }
                done = a.oid_cv.wait_timeout(done, left).expect("oid wait").0;
            }
        }
        let d = req.data;
        let (read, written, needed) = match rt {
            RequestType::Method => (d.bytes_read, d.bytes_written, d.bytes_needed),
            RequestType::Set => (d.output_buffer_length, 0, d.method_id),
            _ => (0, d.output_buffer_length, d.method_id),
        };
        let out = buf[..(written as usize).min(len)].to_vec();
        OidResult {
            status: st,
            bytes_read: read,
            bytes_written: written,
            bytes_needed: needed,
            out,
        }
    }

    /// Query helper.
    pub fn query(&self, oid: u32, out_len: usize) -> OidResult {
        self.oid(RequestType::Query, oid, &[], out_len)
    }

    /// Set helper.
    pub fn set(&self, oid: u32, input: &[u8]) -> OidResult {
        self.oid(RequestType::Set, oid, input, 0)
    }

    /// MiniportRestart.
    pub fn restart(&self) -> u32 {
        let f = self.chars().RestartHandler.expect("restart");
        let ctx = self.ctx();
        let mut p = NDIS_MINIPORT_RESTART_PARAMETERS {
            Header: NDIS_OBJECT_HEADER::new(0x80, 1, 24),
            RestartAttributes: ptr::null_mut(),
            Flags: 0,
        };
        // SAFETY: the driver's restart handler with valid parameters.
        self.live(|| self.call(|| unsafe { f(ctx, &mut p) }))
            .unwrap_or(NDIS_STATUS_NOT_ACCEPTED)
    }

    /// Call MiniportPause and return its status without waiting (PENDING until the driver
    /// calls NdisMPauseComplete; see [`Self::pause_completed`] and [`Self::wait_pause`]).
    pub fn pause_begin(&self) -> u32 {
        let a = self.sim();
        *a.pause_done.lock().expect("pause") = false;
        let f = self.chars().PauseHandler.expect("pause");
        let ctx = self.ctx();
        let mut p = NDIS_MINIPORT_PAUSE_PARAMETERS {
            Header: NDIS_OBJECT_HEADER::new(0x80, 1, 12),
            Flags: 0,
            PauseReason: 0,
        };
        // SAFETY: the driver's pause handler with valid parameters.
        self.live(|| self.call(|| unsafe { f(ctx, &mut p) }))
            .unwrap_or(NDIS_STATUS_NOT_ACCEPTED)
    }

    /// Whether NdisMPauseComplete was called since the last [`Self::pause_begin`].
    pub fn pause_completed(&self) -> bool {
        *self.sim().pause_done.lock().expect("pause")
    }

    /// MiniportPause; waits for NdisMPauseComplete when it pends. Returns the final status.
    pub fn pause(&self) -> Result<u32, HostError> {
        let st = self.pause_begin();
        if st != NDIS_STATUS_PENDING {
            return Ok(st);
        }
        self.wait_pause()
    }

    /// Wait for NdisMPauseComplete after a pending pause.
    pub fn wait_pause(&self) -> Result<u32, HostError> {
        let a = self.sim();
        let mut done = a.pause_done.lock().expect("pause");
        let deadline = Instant::now() + WAIT;
        while !*done {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(HostError::Timeout("pause"));
            }
            done = a.pause_cv.wait_timeout(done, left).expect("pause wait").0;
        }
        Ok(NDIS_STATUS_SUCCESS)
    }

    /// MiniportResetEx: (status, AddressingReset).
    pub fn reset(&self) -> (u32, bool) {
        let f = self.chars().ResetHandlerEx.expect("reset");
        let ctx = self.ctx();
        let mut addressing = 0u8;
        // SAFETY: the driver's reset handler with a valid out pointer.
        let st = self
            .live(|| self.call(|| unsafe { f(ctx, &mut addressing) }))
            .unwrap_or(NDIS_STATUS_NOT_ACCEPTED);
        (st, addressing != 0)
    }

    /// MiniportDevicePnPEventNotify.
    pub fn pnp_event(&self, event: u32) {
        let Some(f) = self.chars().DevicePnPEventNotifyHandler else {
            return;
        };
        let ctx = self.ctx();
        let mut e = NET_DEVICE_PNP_EVENT {
            Header: NDIS_OBJECT_HEADER::new(0x80, 1, 48),
            PortNumber: 0,
            DevicePnPEvent: event,
            InformationBuffer: ptr::null_mut(),
            InformationBufferLength: 0,
            NdisReserved: [0; 2],
        };
        // SAFETY: the driver's PnP handler with a valid event.
        self.live(|| self.call(|| unsafe { f(ctx, &mut e) }));
    }

    /// Send frames as one NBL chain through MiniportSendNetBufferLists. Returns the statuses
    /// the NBLs completed with (in order), once all completed.
    pub fn send(&self, frames: &[Vec<u8>]) -> Vec<u32> {
        self.send_filtered(frames, 0)
    }

    /// [`send`](Self::send) with every NBL's NetBufferListFilteringInfo set as the vswitch does:
    /// FilterId 0, QueueVPortInfo = `queue_vport` (the VPortId with SR-IOV, else the QueueId).
    pub fn send_filtered(&self, frames: &[Vec<u8>], queue_vport: u16) -> Vec<u32> {
        let info = svnic_abi::hw_assist::NDIS_NET_BUFFER_LIST_FILTERING_INFO {
            filter_id: 0,
            queue_vport_info: queue_vport,
            _pad0: [0; 4],
        }
        .to_value() as usize;
        let a = self.sim();
        let mut head: *mut NET_BUFFER_LIST = ptr::null_mut();
        for f in frames.iter().rev() {
            let mut data: Box<Vec<u8>> = Box::new(f.clone());
            let mdl = new_mdl(data.as_mut_ptr().cast(), data.len() as u32);
            let nbl = new_nbl(SIM_SEND_POOL, mdl, 0, data.len());
            // SAFETY: just built, owned here.
            let n = unsafe { &mut *nbl };
            n.Scratch = Box::into_raw(data).cast();
            n.NetBufferListInfo[svnic_abi::nbl::NET_BUFFER_LIST_FILTERING_INFO] = info;
            n.Header.Next = head;
            head = nbl;
        }
        if head.is_null() {
            return Vec::new();
        }
        let f = self.chars().SendNetBufferListsHandler.expect("send");
        let ctx = self.ctx();
        let _serial = a.send_serial.lock().expect("send serial");
        let before = a.send_completed.lock().expect("sends").len();
        a.sends_outstanding
            .fetch_add(frames.len() as u64, Ordering::AcqRel);
        // SAFETY: the driver's send handler with a valid chain it completes.
        let sent = self.live(|| self.call(|| unsafe { f(ctx, head, 0, 0) }));
        if sent.is_none() {
            // Halted: NDIS would not call the driver; the sim takes its NBLs back.
            let mut n = head;
            while !n.is_null() {
                // SAFETY: the sim's own send NBLs, never handed to the driver.
                let next = unsafe { (*n).Header.Next };
                // SAFETY: as above, freed once.
                unsafe { free_send_nbl(n) };
                a.sends_outstanding.fetch_sub(1, Ordering::AcqRel);
                n = next;
            }
            return vec![NDIS_STATUS_NOT_ACCEPTED; frames.len()];
        }
        let done = a.send_completed.lock().expect("sends");
        done[before.min(done.len())..].to_vec()
    }

    /// Deliver a frame to this adapter's wire port, as if another station sent it.
    pub fn wire_inject(&self, frame: &[u8]) -> bool {
        let index = self.sim().index as u32;
        svnic::with_driver(self.host.driver_object(), |d| {
            d.adapters()
                .iter()
                .find(|e| e.index == index)
                .is_some_and(|e| e.adapter.wire_inject(frame))
        })
        .unwrap_or(false)
    }

    /// The driver's adapter object (diagnostics and counters).
    pub fn driver_adapter(&self) -> Option<Arc<svnic_miniport::adapter::Adapter>> {
        let index = self.sim().index as u32;
        svnic::with_driver(self.host.driver_object(), |d| {
            d.adapters()
                .into_iter()
                .find(|e| e.index == index)
                .map(|e| e.adapter)
        })
        .flatten()
    }

    /// Receives captured so far.
    pub fn received(&self) -> Vec<CapturedRx> {
        self.sim().rx.lock().expect("rx").clone()
    }

    /// Take (and clear) the captured receives.
    pub fn take_received(&self) -> Vec<CapturedRx> {
        std::mem::take(&mut *self.sim().rx.lock().expect("rx"))
    }

    /// Wait until at least `n` receives were captured.
    pub fn wait_received(&self, n: usize, timeout: Duration) -> bool {
        let a = self.sim();
        let deadline = Instant::now() + timeout;
        let mut rx = a.rx.lock().expect("rx");
        while rx.len() < n {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            rx = a.rx_cv.wait_timeout(rx, left).expect("rx wait").0;
        }
        true
    }

    /// Status indications captured so far.
    pub fn statuses(&self) -> Vec<CapturedStatus> {
        self.sim().status.lock().expect("status").clone()
    }

    /// The NDIS calls that order init and halt, as the driver made them for this adapter:
    /// `NdisMSetMiniportAttributes(Registration|General|HardwareAssist)`,
    /// `NdisMRegisterScatterGatherDma`, `NdisAllocateSharedMemory`, `NdisFreeSharedMemory`,
    /// `NdisMDeregisterScatterGatherDma`.
    pub fn ndis_calls(&self) -> Vec<String> {
        self.sim().call_log.lock().expect("call log").clone()
    }

    /// The NdisMiniportDmaHandle of the scatter-gather DMA registration the driver holds for
    /// this adapter, if any.
    pub fn sg_dma_handle(&self) -> Option<usize> {
        *self.sim().sg_dma.lock().expect("sg dma")
    }

    /// Deliver this adapter's queue interrupt for `processor` the way an ISR would: queue the
    /// adapter's DPC targeted at that processor (KeInsertQueueDpc on the KDPC the driver
    /// initialized and targeted). Used for a guest VF adapter, whose MSI-X message Hyper-V
    /// delivers inside the guest. Returns whether a DPC was queued.
    pub fn deliver_interrupt(&self, processor: u32) -> bool {
        let dpcs: Vec<usize> = self
            .sim()
            .owned
            .lock()
            .expect("owned")
            .dpcs
            .iter()
            .copied()
            .collect();
        let Some(k) = dpcs.into_iter().find(|k| {
            // SAFETY: an initialized KDPC the adapter still owns.
            unsafe { cpu::word(*k as *mut svnic_abi::miniport_chars::KDPC, 2) }.load(Ordering::Acquire)
                == u64::from(processor)
        }) else {
            return false;
        };
        self.call(|| {
            // SAFETY: as above; the sim's own export.
            unsafe {
                crate::exports::KeInsertQueueDpc(
                    k as *mut svnic_abi::miniport_chars::KDPC,
                    ptr::null_mut(),
                    ptr::null_mut(),
                ) != 0
            }
        })
    }

    /// Return this adapter's receive NBLs from inside the indication call (MiniportReturn-
    /// NetBufferLists nested in the driver's NdisMIndicateReceiveNetBufferLists) when `inline`.
    pub fn return_inside_indication(&self, inline: bool) {
        self.sim().return_inline.store(inline, Ordering::Release);
    }

    /// Keywords the driver read (NdisReadConfiguration), in order.
    pub fn keywords_read(&self) -> Vec<String> {
        self.sim().read_log.lock().expect("log").clone()
    }

    /// The supported-OID list from the general attributes.
    pub fn supported_oids(&self) -> Vec<u32> {
        self.sim().supported_oids.lock().expect("oids").clone()
    }

    /// How many OID requests the driver pended (completed later via NdisMOidRequestComplete).
    pub fn pended_oids(&self) -> u64 {
        self.sim().pended_oids.load(Ordering::Acquire)
    }

    /// The hardware-assist attributes the driver set at init (capability bytes).
    pub fn hardware_assist(&self) -> Option<HwAssist> {
        self.sim().hw_assist.lock().expect("hw assist").clone()
    }

    /// Hold indicated NBLs instead of returning them (until [`Self::release_held`]).
    pub fn hold_returns(&self, hold: bool) {
        self.sim().hold_returns.store(hold, Ordering::Release);
    }

    /// Return every held NBL to the driver.
    pub fn release_held(&self) -> usize {
        let held: Vec<usize> = std::mem::take(&mut *self.sim().held.lock().expect("held"));
        let n = held.len();
        return_nbls(self.sim(), &held);
        n
    }

    /// (indicated, returned) receive NBL counts.
    pub fn rx_nbl_counts(&self) -> (u64, u64) {
        let a = self.sim();
        (
            a.indicated.load(Ordering::Acquire),
            a.returned.load(Ordering::Acquire),
        )
    }

    /// Sends handed to the driver and not completed.
    pub fn sends_outstanding(&self) -> u64 {
        self.sim().sends_outstanding.load(Ordering::Acquire)
    }

    /// Protocol violations the sim noticed (empty when the driver behaved).
    pub fn anomalies(&self) -> Vec<String> {
        self.sim().anomalies.lock().expect("anomalies").clone()
    }

    /// What the adapter owns right now.
    pub fn leak_report(&self) -> LeakReport {
        self.sim().leak_report(&self.host.inner.cpus)
    }

    /// Test-only: allocate an NBL pool and an NBL with this adapter's handle, as if the driver
    /// had, and never free them (proves the leak check fires).
    pub fn leak_nbl_for_test(&self) {
        let h = self.sim().handle() as NDIS_HANDLE;
        let mut pp = svnic_abi::nbl::NET_BUFFER_LIST_POOL_PARAMETERS {
            Header: NDIS_OBJECT_HEADER::new(0x80, 1, 16),
            ProtocolId: 0,
            fAllocateNetBuffer: 1,
            ContextSize: 0,
            PoolTag: 0,
            DataSize: 0,
        };
        self.call(|| {
            // SAFETY: the sim's own export with this adapter's handle and valid parameters.
            let pool = unsafe { crate::exports::NdisAllocateNetBufferListPool(h, &mut pp) };
            // SAFETY: as above, with the pool just made.
            let _ = unsafe {
                crate::exports::NdisAllocateNetBufferAndNetBufferList(pool, 0, 0, ptr::null_mut(), 0, 0)
            };
        });
    }

    /// Pause (if running), MiniportHaltEx, then check that nothing is still owned.
    pub fn halt(&self) -> Result<(), LeakReport> {
        let a = self.sim();
        if a.halted.load(Ordering::Acquire) || a.halt_started.swap(true, Ordering::AcqRel) {
            return Ok(());
        }
        let _ = self.pause();
        // Deferred returns of DPCs that already ran.
        self.host.quiesce();
        let f = self.chars().HaltHandlerEx.expect("halt");
        let ctx = self.ctx();
        {
            let _g = a.life.write().expect("life");
            a.halted.store(true, Ordering::Release);
            // SAFETY: the driver's halt handler, once, after pause completed.
            self.call(|| unsafe { f(ctx, 0) });
        }
        let r = a.leak_report(&self.host.inner.cpus);
        registry().adapters.write().expect("adapters").remove(&a.handle());
        if r.is_clean() {
            Ok(())
        } else {
            Err(r)
        }
    }
}
