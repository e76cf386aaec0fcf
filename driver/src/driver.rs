//! DriverEntry, the driver context (one hub per driver) and driver unload.
//!
//! The driver context is what NDIS hands back to MiniportInitializeEx as MiniportDriverContext.
//! It owns the hub all of this driver's adapters join, so two svnic adapters on one host are two
//! NICs on one wire. A small registry keyed by DriverObject finds it again at unload (and for
//! the control device); there is no single global driver.

use crate::handlers;
use crate::imports::*;
use crate::ndis_os::Handle;
use alloc::boxed::Box;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::ffi::c_void;
use core::ptr;
use core::sync::atomic::AtomicU32;
use svnic_abi::header::{NDIS_OBJECT_HEADER, NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS};
use svnic_abi::miniport_chars::{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS, NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2,
    NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2, UNICODE_STRING,
};
use svnic_abi::status::{NDIS_STATUS_RESOURCES, NDIS_STATUS_SUCCESS};
use svnic_miniport::adapter::Adapter;
use svnic_miniport::hw::Hub;

/// NDIS version the driver registers with (6.30: VMQ rev2 caps and SR-IOV).
pub const NDIS_MAJOR: u8 = 6;
pub const NDIS_MINOR: u8 = 30;

/// One adapter as the driver lists it (control device, diagnostics).
#[derive(Clone)]
pub struct AdapterEntry {
    pub index: u32,
    pub adapter: Arc<Adapter>,
    /// The adapter's OID gate (NDIS OIDs vs control-device passthrough; `oid_gate`).
    pub(crate) oid_gate: Arc<crate::oid_gate::OidGate>,
    /// The control device enters it for each request; halt closes it (`rundown`).
    pub(crate) ctl_rundown: Arc<crate::rundown::Rundown>,
}

/// Per-driver state.
pub struct DriverCtx {
    pub(crate) ndis_handle: spin::Mutex<Handle>,
    pub(crate) hub: Arc<Hub>,
    pub(crate) next_index: AtomicU32,
    pub(crate) adapters: spin::Mutex<Vec<AdapterEntry>>,
}

impl DriverCtx {
    /// Adapters currently initialized, in initialization order.
    pub fn adapters(&self) -> Vec<AdapterEntry> {
        self.adapters.lock().clone()
    }

    /// The hub of this driver.
    pub fn hub(&self) -> &Arc<Hub> {
        &self.hub
    }
}

struct Registered(usize, *const DriverCtx);
// SAFETY: the pointer is only dereferenced while registered (between DriverEntry and unload).
unsafe impl Send for Registered {}

static DRIVERS: spin::Mutex<Vec<Registered>> = spin::Mutex::new(Vec::new());

/// Run `f` with the driver context registered for `driver_object`.
pub fn with_driver<R>(driver_object: *mut c_void, f: impl FnOnce(&DriverCtx) -> R) -> Option<R> {
    let drivers = DRIVERS.lock();
    let p = drivers.iter().find(|r| r.0 == driver_object as usize)?.1;
    // SAFETY: registered contexts stay allocated until unload removes them (under this lock).
    Some(f(unsafe { &*p }))
}

/// DriverEntry: register the miniport with NDIS 6.30 characteristics and the full handler set.
///
/// # Safety
/// Called by the I/O manager (or hyperv-sim) with a valid DriverObject and RegistryPath.
#[no_mangle]
pub unsafe extern "system" fn DriverEntry(
    driver_object: *mut c_void,
    registry_path: *mut UNICODE_STRING,
) -> i32 {
    #[cfg(windows)]
    {
        // SAFETY: DriverEntry context with the I/O manager's arguments.
        let st = unsafe { crate::windows::init(driver_object, registry_path) };
        if st < 0 {
            return st;
        }
    }
    let ctx = Box::new(DriverCtx {
        ndis_handle: spin::Mutex::new(Handle(ptr::null_mut())),
        hub: Arc::new(Hub::new()),
        next_index: AtomicU32::new(0),
        adapters: spin::Mutex::new(Vec::new()),
    });
    let ctx = Box::into_raw(ctx);
    let mut chars = NDIS_MINIPORT_DRIVER_CHARACTERISTICS {
        Header: NDIS_OBJECT_HEADER::new(
            NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS,
            NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2,
            NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2,
        ),
        MajorNdisVersion: NDIS_MAJOR,
        MinorNdisVersion: NDIS_MINOR,
        MajorDriverVersion: 1,
        MinorDriverVersion: 0,
        Flags: 0,
        SetOptionsHandler: Some(handlers::MiniportSetOptions),
        InitializeHandlerEx: Some(handlers::MiniportInitializeEx),
        HaltHandlerEx: Some(handlers::MiniportHaltEx),
        UnloadHandler: Some(MiniportDriverUnload),
        PauseHandler: Some(handlers::MiniportPause),
        RestartHandler: Some(handlers::MiniportRestart),
        OidRequestHandler: Some(handlers::MiniportOidRequest),
        SendNetBufferListsHandler: Some(handlers::MiniportSendNetBufferLists),
        ReturnNetBufferListsHandler: Some(handlers::MiniportReturnNetBufferLists),
        CancelSendHandler: Some(handlers::MiniportCancelSend),
        CheckForHangHandlerEx: None,
        ResetHandlerEx: Some(handlers::MiniportResetEx),
        DevicePnPEventNotifyHandler: Some(handlers::MiniportDevicePnPEventNotify),
        ShutdownHandlerEx: Some(handlers::MiniportShutdownEx),
        CancelOidRequestHandler: Some(handlers::MiniportCancelOidRequest),
        DirectOidRequestHandler: None,
        CancelDirectOidRequestHandler: None,
    };
    DRIVERS.lock().push(Registered(driver_object as usize, ctx));
    let mut handle: *mut c_void = ptr::null_mut();
    // SAFETY: `chars` and `handle` are valid for the call; NDIS copies the characteristics.
    let st = unsafe {
        NdisMRegisterMiniportDriver(driver_object, registry_path, ctx.cast(), &mut chars, &mut handle)
    };
    if st != NDIS_STATUS_SUCCESS {
        DRIVERS.lock().retain(|r| r.1 != ctx.cast_const());
        // SAFETY: `ctx` came from Box::into_raw above and is no longer registered anywhere.
        drop(unsafe { Box::from_raw(ctx) });
        return if st == 0 {
            NDIS_STATUS_RESOURCES as i32
        } else {
            st as i32
        };
    }
    // SAFETY: `ctx` is live (registered above).
    *unsafe { &*ctx }.ndis_handle.lock() = Handle(handle);
    0
}

/// MiniportDriverUnload: deregister and free the driver context (every adapter has halted).
///
/// # Safety
/// Called once by the I/O manager (or hyperv-sim) after every adapter halted.
pub unsafe extern "system" fn MiniportDriverUnload(driver_object: *mut c_void) {
    let reg = {
        let mut drivers = DRIVERS.lock();
        let Some(i) = drivers.iter().position(|r| r.0 == driver_object as usize) else {
            return;
        };
        drivers.swap_remove(i)
    };
    // SAFETY: the context was registered by DriverEntry and has just been unregistered.
    let ctx = unsafe { Box::from_raw(reg.1 as *mut DriverCtx) };
    let h = ctx.ndis_handle.lock().0;
    if !h.is_null() {
        // SAFETY: the handle came from NdisMRegisterMiniportDriver.
        unsafe { NdisMDeregisterMiniportDriver(h) };
    }
    #[cfg(windows)]
    // SAFETY: unload context, once.
    unsafe {
        crate::windows::fini()
    };
}
