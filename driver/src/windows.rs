//! Windows only (cannot be built off Windows): the kernel allocator and panic handler from the
//! WDK crates, and the KMDF control device that serves the control protocol (`crate::ctl`) to
//! svnicctl through one buffered IOCTL. The device's SDDL admits only SYSTEM and Administrators.
//!
//! NDIS owns the miniport's dispatch table, so the WDF driver object is created with
//! `WdfDriverInitNoDispatchOverride` and the control device is a KMDF control device.

use core::ffi::c_void;
use core::ptr;
use wdk_sys::call_unsafe_wdf_function_binding;
use wdk_sys::*;

#[global_allocator]
static GLOBAL_ALLOCATOR: wdk_alloc::WdkAllocator = wdk_alloc::WdkAllocator;

// wdk-panic provides the #[panic_handler] (a panic bugchecks; the kernel crates deny panics).
use wdk_panic as _;

/// `CTL_CODE(FILE_DEVICE_NETWORK, 0x800, METHOD_BUFFERED, FILE_READ_DATA | FILE_WRITE_DATA)`.
pub const IOCTL_SVNIC_CTL: u32 = 0x0012_E000;

/// `SDDL_DEVOBJ_SYS_ALL_ADM_ALL`: SYSTEM and Administrators only.
const SDDL: &[u16] = &[
    b'D' as u16,
    b':' as u16,
    b'P' as u16,
    b'(' as u16,
    b'A' as u16,
    b';' as u16,
    b';' as u16,
    b'G' as u16,
    b'A' as u16,
    b';' as u16,
    b';' as u16,
    b';' as u16,
    b'S' as u16,
    b'Y' as u16,
    b')' as u16,
    b'(' as u16,
    b'A' as u16,
    b';' as u16,
    b';' as u16,
    b'G' as u16,
    b'A' as u16,
    b';' as u16,
    b';' as u16,
    b';' as u16,
    b'B' as u16,
    b'A' as u16,
    b')' as u16,
];

fn ustr(s: &'static [u16]) -> UNICODE_STRING {
    let bytes = (s.len() * 2) as u16;
    UNICODE_STRING {
        Length: bytes,
        MaximumLength: bytes,
        Buffer: s.as_ptr() as *mut u16,
    }
}

macro_rules! wide {
    ($($c:literal),*) => { &[$($c as u16),*] };
}

const DEVICE_NAME: &[u16] =
    wide!('\\', 'D', 'e', 'v', 'i', 'c', 'e', '\\', 's', 'v', 'n', 'i', 'c', 'c', 't', 'l');
const LINK_NAME: &[u16] = wide!(
    '\\', 'D', 'o', 's', 'D', 'e', 'v', 'i', 'c', 'e', 's', '\\', 's', 'v', 'n', 'i', 'c', 'c', 't', 'l'
);

static mut DRIVER_OBJECT: *mut c_void = ptr::null_mut();
static mut CONTROL_DEVICE: WDFDEVICE = ptr::null_mut();

/// Called from DriverEntry before NdisMRegisterMiniportDriver: create the WDF driver (no
/// dispatch override) and the control device.
///
/// # Safety
/// DriverEntry context, once.
pub(crate) unsafe fn init(driver_object: *mut c_void, registry_path: *mut UNICODE_STRING) -> NTSTATUS {
    // SAFETY: DriverEntry runs once, before any other use of these statics.
    unsafe { DRIVER_OBJECT = driver_object };
    let mut config = WDF_DRIVER_CONFIG {
        Size: core::mem::size_of::<WDF_DRIVER_CONFIG>() as ULONG,
        DriverInitFlags: _WDF_DRIVER_INIT_FLAGS::WdfDriverInitNoDispatchOverride as ULONG,
        ..WDF_DRIVER_CONFIG::default()
    };
    let mut driver: WDFDRIVER = ptr::null_mut();
    // SAFETY: valid DriverObject/RegistryPath from the I/O manager and a valid config.
    let st = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfDriverCreate,
            driver_object as PDRIVER_OBJECT,
            registry_path as PCUNICODE_STRING,
            WDF_NO_OBJECT_ATTRIBUTES,
            &mut config,
            &mut driver
        )
    };
    if st < 0 {
        return st;
    }
    let sddl = ustr(SDDL);
    // SAFETY: valid driver handle and SDDL string.
    let init = unsafe { call_unsafe_wdf_function_binding!(WdfControlDeviceInitAllocate, driver, &sddl) };
    if init.is_null() {
        return STATUS_INSUFFICIENT_RESOURCES;
    }
    let mut init = init;
    let name = ustr(DEVICE_NAME);
    // SAFETY: valid init and name.
    let st = unsafe { call_unsafe_wdf_function_binding!(WdfDeviceInitAssignName, init, &name) };
    if st < 0 {
        // SAFETY: the init structure was not consumed.
        unsafe { call_unsafe_wdf_function_binding!(WdfDeviceInitFree, init) };
        return st;
    }
    let mut device: WDFDEVICE = ptr::null_mut();
    // SAFETY: valid init; on failure WdfDeviceCreate frees it.
    let st = unsafe {
        call_unsafe_wdf_function_binding!(WdfDeviceCreate, &mut init, WDF_NO_OBJECT_ATTRIBUTES, &mut device)
    };
    if st < 0 {
        return st;
    }
    let link = ustr(LINK_NAME);
    // SAFETY: valid device and name.
    let st = unsafe { call_unsafe_wdf_function_binding!(WdfDeviceCreateSymbolicLink, device, &link) };
    if st < 0 {
        return st;
    }
    let mut qc = WDF_IO_QUEUE_CONFIG {
        Size: core::mem::size_of::<WDF_IO_QUEUE_CONFIG>() as ULONG,
        DispatchType: _WDF_IO_QUEUE_DISPATCH_TYPE::WdfIoQueueDispatchSequential,
        PowerManaged: _WDF_TRI_STATE::WdfFalse,
        DefaultQueue: 1,
        EvtIoDeviceControl: Some(evt_io_device_control),
        ..WDF_IO_QUEUE_CONFIG::default()
    };
    let mut queue: WDFQUEUE = ptr::null_mut();
    // SAFETY: valid device and queue config.
    let st = unsafe {
        call_unsafe_wdf_function_binding!(
            WdfIoQueueCreate,
            device,
            &mut qc,
            WDF_NO_OBJECT_ATTRIBUTES,
            &mut queue
        )
    };
    if st < 0 {
        return st;
    }
    // SAFETY: valid control device.
    unsafe { call_unsafe_wdf_function_binding!(WdfControlFinishInitializing, device) };
    // SAFETY: DriverEntry, single-threaded.
    unsafe { CONTROL_DEVICE = device };
    STATUS_SUCCESS
}

/// At unload: delete the control device.
///
/// # Safety
/// Unload context, once.
pub(crate) unsafe fn fini() {
    // SAFETY: unload is single-threaded and the device was created in `init`.
    unsafe {
        if !CONTROL_DEVICE.is_null() {
            call_unsafe_wdf_function_binding!(WdfObjectDelete, CONTROL_DEVICE as WDFOBJECT);
            CONTROL_DEVICE = ptr::null_mut();
        }
    }
}

unsafe extern "C" fn evt_io_device_control(
    _q: WDFQUEUE,
    request: WDFREQUEST,
    out_len: usize,
    in_len: usize,
    code: ULONG,
) {
    let mut status = STATUS_INVALID_DEVICE_REQUEST;
    let mut written = 0usize;
    if code == IOCTL_SVNIC_CTL && in_len > 0 {
        let mut inp: PVOID = ptr::null_mut();
        let mut outp: PVOID = ptr::null_mut();
        let (mut isz, mut osz) = (0usize, 0usize);
        // SAFETY: a buffered IOCTL request owned by this callback.
        let a = unsafe {
            call_unsafe_wdf_function_binding!(WdfRequestRetrieveInputBuffer, request, 1, &mut inp, &mut isz)
        };
        // SAFETY: as above.
        let b = unsafe {
            call_unsafe_wdf_function_binding!(WdfRequestRetrieveOutputBuffer, request, 1, &mut outp, &mut osz)
        };
        if a >= 0 && b >= 0 && !inp.is_null() && !outp.is_null() {
            // SAFETY: the I/O manager's system buffer holds `isz` input bytes; the request is
            // sequential, so nothing else touches it.
            let input = unsafe { core::slice::from_raw_parts(inp as *const u8, isz.min(in_len)) };
            let mut resp = alloc::vec::Vec::new();
            // SAFETY: DRIVER_OBJECT was set once in `init`.
            crate::ctl::serve(unsafe { DRIVER_OBJECT }, input, &mut resp);
            if resp.len() <= osz.min(out_len) {
                // SAFETY: the output buffer holds at least `resp.len()` bytes (checked).
                unsafe { ptr::copy_nonoverlapping(resp.as_ptr(), outp as *mut u8, resp.len()) };
                written = resp.len();
                status = STATUS_SUCCESS;
            } else {
                status = STATUS_BUFFER_TOO_SMALL;
            }
        }
    }
    // SAFETY: completing the request this callback owns.
    unsafe {
        call_unsafe_wdf_function_binding!(WdfRequestCompleteWithInformation, request, status, written as u64)
    };
}
