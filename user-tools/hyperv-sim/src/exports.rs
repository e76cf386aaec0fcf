//! The NDIS and kernel functions svnic imports, exported with the same names and signatures
//! (`#[no_mangle] extern "system"`), with real semantics. Each finds its host and adapter
//! through the handle it is given (or, for Ke* calls that take none, through the calling
//! thread's simulated processor context).
#![allow(non_snake_case, clippy::missing_safety_doc)]

use crate::cpu::{self, word, words, KDPC_MAGIC, NO_TARGET};
use crate::state::*;
use std::ffi::c_void;
use std::ptr;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use svnic_abi::header::NDIS_OBJECT_HEADER;
use svnic_abi::hw_assist::{NDIS_NET_BUFFER_LIST_FILTERING_INFO, NDIS_SHARED_MEMORY_PARAMETERS};
use svnic_abi::indication::NDIS_STATUS_INDICATION;
use svnic_abi::miniport_chars::*;
use svnic_abi::nbl::*;
use svnic_abi::oid_request::NDIS_OID_REQUEST;
use svnic_abi::status::*;

/// Pool handle of NBLs the sim itself allocates to send (never owned by an adapter).
pub(crate) const SIM_SEND_POOL: usize = 0x5E4D_0001;

fn host_of_current() -> Option<Arc<HostInner>> {
    host_by_id(cpu::current().0)
}

unsafe fn read_ustr(s: *const UNICODE_STRING) -> String {
    if s.is_null() {
        return String::new();
    }
    // SAFETY: the driver passes a valid UNICODE_STRING.
    let u = unsafe { &*s };
    if u.Buffer.is_null() {
        return String::new();
    }
    // SAFETY: Length bytes of UTF-16 at Buffer.
    let units = unsafe { std::slice::from_raw_parts(u.Buffer, usize::from(u.Length / 2)) };
    String::from_utf16_lossy(units)
}

// ---------------------------------------------------------------- registration and attributes

#[no_mangle]
pub unsafe extern "system" fn NdisMRegisterMiniportDriver(
    DriverObject: *mut c_void,
    _RegistryPath: *mut UNICODE_STRING,
    MiniportDriverContext: NDIS_HANDLE,
    Chars: *mut NDIS_MINIPORT_DRIVER_CHARACTERISTICS,
    Handle: *mut NDIS_HANDLE,
) -> NDIS_STATUS {
    let Some(&hid) = registry()
        .driver_objects
        .read()
        .expect("drivers")
        .get(&(DriverObject as usize))
    else {
        return NDIS_STATUS_FAILURE;
    };
    let Some(host) = host_by_id(hid) else {
        return NDIS_STATUS_FAILURE;
    };
    if Chars.is_null() || Handle.is_null() {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    // SAFETY: the driver passes valid characteristics.
    let chars = unsafe { *Chars };
    let h = chars.Header;
    if h.type_ != svnic_abi::header::NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS
        || h.size < NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2
        || chars.MajorNdisVersion != 6
        || chars.MinorNdisVersion < 30
        || chars.InitializeHandlerEx.is_none()
        || chars.HaltHandlerEx.is_none()
        || chars.OidRequestHandler.is_none()
        || chars.SendNetBufferListsHandler.is_none()
        || chars.ReturnNetBufferListsHandler.is_none()
        || chars.PauseHandler.is_none()
        || chars.RestartHandler.is_none()
    {
        return NDIS_STATUS_BAD_CHARACTERISTICS;
    }
    *host.driver.lock().expect("driver") = Some(DriverReg {
        chars,
        driver_ctx: MiniportDriverContext as usize,
    });
    // SAFETY: valid out pointer.
    unsafe { *Handle = Arc::as_ptr(&host) as NDIS_HANDLE };
    NDIS_STATUS_SUCCESS
}

/// NDIS_STATUS_BAD_CHARACTERISTICS.
pub const NDIS_STATUS_BAD_CHARACTERISTICS: u32 = 0xC001_0005;

#[no_mangle]
pub unsafe extern "system" fn NdisMDeregisterMiniportDriver(Handle: NDIS_HANDLE) {
    let hosts = registry().hosts.read().expect("hosts");
    for w in hosts.values() {
        if let Some(h) = w.upgrade() {
            if std::ptr::eq(Arc::as_ptr(&h).cast::<c_void>(), Handle.cast_const()) {
                h.deregistered.store(true, Ordering::Release);
            }
        }
    }
}

#[no_mangle]
pub unsafe extern "system" fn NdisMSetMiniportAttributes(
    Handle: NDIS_HANDLE,
    Attrs: *mut c_void,
) -> NDIS_STATUS {
    let Some(a) = adapter_by_handle(Handle as usize) else {
        return NDIS_STATUS_INVALID_PARAMETER;
    };
    if Attrs.is_null() {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    // SAFETY: every attribute block starts with an NDIS_OBJECT_HEADER.
    let h = unsafe { *(Attrs as *const NDIS_OBJECT_HEADER) };
    match h.type_ {
        NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES => {
            // SAFETY: type checked above.
            let r = unsafe { &*(Attrs as *const NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES) };
            a.ctx.store(r.MiniportAdapterContext, Ordering::Release);
            a.log_call("NdisMSetMiniportAttributes(Registration)");
            NDIS_STATUS_SUCCESS
        }
        NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES => {
            a.log_call("NdisMSetMiniportAttributes(General)");
            if a.ctx.load(Ordering::Acquire).is_null() {
                a.anomaly("general attributes set before registration attributes".into());
                return NDIS_STATUS_FAILURE;
            }
            // SAFETY: type checked above.
            let g = unsafe { &*(Attrs as *const NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES) };
            let n = (g.SupportedOidListLength / 4) as usize;
            let list = if g.SupportedOidList.is_null() {
                Vec::new()
            } else {
                // SAFETY: the driver passes an OID list of SupportedOidListLength bytes.
                unsafe { std::slice::from_raw_parts(g.SupportedOidList, n) }.to_vec()
            };
            *a.supported_oids.lock().expect("oids") = list;
            a.general_attrs_set.store(true, Ordering::Release);
            NDIS_STATUS_SUCCESS
        }
        svnic_abi::header::NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES => {
            a.log_call("NdisMSetMiniportAttributes(HardwareAssist)");
            use svnic_abi::hw_assist::NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES as Ha;
            if h.size
                < svnic_abi::hw_assist::NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_2
            {
                return NDIS_STATUS_INVALID_PARAMETER;
            }
            // SAFETY: type and size checked above (revision 2 or later).
            let ha = unsafe { std::ptr::read_unaligned(Attrs as *const Ha) };
            let copy = |p: u64, n: usize| {
                if p == 0 {
                    None
                } else {
                    // SAFETY: the driver passes capability structures of at least `n` bytes.
                    Some(unsafe { std::slice::from_raw_parts(p as *const u8, n) }.to_vec())
                }
            };
            let rev3 = h.size
                >= svnic_abi::hw_assist::NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_3;
            let (hw_sr, cur_sr) = if rev3 {
                (ha.hardware_sriov_capabilities, ha.current_sriov_capabilities)
            } else {
                (0, 0)
            };
            let pairs = [
                (
                    ha.hardware_receive_filter_capabilities,
                    ha.current_receive_filter_capabilities,
                ),
                (
                    ha.hardware_nic_switch_capabilities,
                    ha.current_nic_switch_capabilities,
                ),
                (hw_sr, cur_sr),
            ];
            if pairs.iter().any(|(a, b)| (*a == 0) != (*b == 0)) {
                a.anomaly("Hardware*/Current* capabilities not set in pairs".into());
                return NDIS_STATUS_INVALID_PARAMETER;
            }
            // A PF miniport reports SR-IOV with its NIC switch; a VF miniport (in a child
            // partition, SR-IOV capabilities with NDIS_SRIOV_CAPS_VF_MINIPORT) has no NIC switch.
            // SAFETY: a non-null SR-IOV capability pointer from the driver's attribute block
            // (NDIS_SRIOV_CAPABILITIES: header, Flags, then SriovCapabilities at +8).
            let vf_caps = hw_sr != 0
                && crate::vswitch::guest::current_partition() == crate::vswitch::guest::PARTITION_MS_HV_CHILD
                && unsafe { *((hw_sr as usize + 8) as *const u32) } & 0x4 != 0;
            if hw_sr != 0 && ha.hardware_nic_switch_capabilities == 0 && !vf_caps {
                a.anomaly("SR-IOV capabilities without NIC switch capabilities".into());
                return NDIS_STATUS_INVALID_PARAMETER;
            }
            // A NIC switch structure is as long as its own header says (revision 1: 32, 2: 116).
            let ns_len = |p: u64| {
                if p == 0 {
                    0
                } else {
                    // SAFETY: a NIC switch capabilities structure starts with an object header.
                    let hh = unsafe { std::ptr::read_unaligned(p as *const NDIS_OBJECT_HEADER) };
                    usize::from(hh.size).min(256)
                }
            };
            *a.hw_assist.lock().expect("hw assist") = Some(HwAssist {
                hardware_receive_filter: copy(ha.hardware_receive_filter_capabilities, 84),
                current_receive_filter: copy(ha.current_receive_filter_capabilities, 84),
                hardware_nic_switch: copy(
                    ha.hardware_nic_switch_capabilities,
                    ns_len(ha.hardware_nic_switch_capabilities),
                ),
                current_nic_switch: copy(
                    ha.current_nic_switch_capabilities,
                    ns_len(ha.current_nic_switch_capabilities),
                ),
                hardware_sriov: copy(hw_sr, 12),
                current_sriov: copy(cur_sr, 12),
            });
            NDIS_STATUS_SUCCESS
        }
        _ => NDIS_STATUS_SUCCESS,
    }
}

// ---------------------------------------------------------------- configuration

struct ConfigHandle {
    adapter: usize,
    path: String,
    /// Boxed: the driver holds pointers into each parameter until the handle closes.
    #[allow(clippy::vec_box)]
    params: Vec<Box<(NDIS_CONFIGURATION_PARAMETER, Vec<u16>)>>,
    mac: [u8; 6],
}

#[no_mangle]
pub unsafe extern "system" fn NdisOpenConfigurationEx(
    Obj: *mut NDIS_CONFIGURATION_OBJECT,
    Out: *mut NDIS_HANDLE,
) -> NDIS_STATUS {
    if Obj.is_null() || Out.is_null() {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    // SAFETY: valid configuration object.
    let h = unsafe { (*Obj).NdisHandle } as usize;
    let Some(a) = adapter_by_handle(h) else {
        return NDIS_STATUS_INVALID_PARAMETER;
    };
    if let Some(host) = a.host.upgrade() {
        if host.alloc_should_fail(AllocKind::Any) {
            return NDIS_STATUS_RESOURCES;
        }
    }
    let c = Box::new(ConfigHandle {
        adapter: h,
        path: String::new(),
        params: Vec::new(),
        mac: [0; 6],
    });
    // SAFETY: valid out pointer.
    unsafe { *Out = Box::into_raw(c).cast() };
    NDIS_STATUS_SUCCESS
}

#[no_mangle]
pub unsafe extern "system" fn NdisOpenConfigurationKeyByName(
    Status: *mut NDIS_STATUS,
    Cfg: NDIS_HANDLE,
    Name: *mut UNICODE_STRING,
    Out: *mut NDIS_HANDLE,
) {
    if Cfg.is_null() || Out.is_null() || Status.is_null() {
        return;
    }
    // SAFETY: a handle from NdisOpenConfigurationEx / this function.
    let parent = unsafe { &*(Cfg as *const ConfigHandle) };
    // SAFETY: valid string.
    let name = unsafe { read_ustr(Name) };
    let path = if parent.path.is_empty() {
        name
    } else {
        format!("{}\\{}", parent.path, name)
    };
    let c = Box::new(ConfigHandle {
        adapter: parent.adapter,
        path,
        params: Vec::new(),
        mac: [0; 6],
    });
    // SAFETY: valid out pointer.
    unsafe { *Out = Box::into_raw(c).cast() };
    // SAFETY: valid out pointer.
    unsafe { *Status = NDIS_STATUS_SUCCESS };
}

#[no_mangle]
pub unsafe extern "system" fn NdisReadConfiguration(
    Status: *mut NDIS_STATUS,
    Value: *mut *mut NDIS_CONFIGURATION_PARAMETER,
    Cfg: NDIS_HANDLE,
    Keyword: *mut UNICODE_STRING,
    _Type: u32,
) {
    if Status.is_null() || Value.is_null() || Cfg.is_null() {
        return;
    }
    // SAFETY: a configuration handle this sim returned.
    let c = unsafe { &mut *(Cfg as *mut ConfigHandle) };
    // SAFETY: valid string.
    let kw = unsafe { read_ustr(Keyword) };
    // SAFETY: valid out pointer.
    unsafe { *Status = NDIS_STATUS_FAILURE };
    let Some(a) = adapter_by_handle(c.adapter) else {
        return;
    };
    let logged = if c.path.is_empty() {
        kw.clone()
    } else {
        format!("{}\\{}", c.path, kw)
    };
    a.read_log.lock().expect("log").push(logged);
    let Some(v) = a
        .keywords
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(&kw))
        .map(|(_, v)| v.clone())
    else {
        return;
    };
    let mut p = Box::new((
        NDIS_CONFIGURATION_PARAMETER {
            ParameterType: NDIS_PARAMETER_INTEGER,
            ParameterData: UNICODE_STRING {
                Length: 0,
                MaximumLength: 0,
                Buffer: ptr::null_mut(),
            },
        },
        Vec::new(),
    ));
    match v {
        ConfigValue::Int(i) => {
            p.0.ParameterData.Length = (i & 0xFFFF) as u16;
            p.0.ParameterData.MaximumLength = (i >> 16) as u16;
        }
        ConfigValue::Str(s) => {
            p.1 = s.encode_utf16().collect();
            p.0.ParameterType = NDIS_PARAMETER_STRING;
            p.0.ParameterData.Length = (p.1.len() * 2) as u16;
            p.0.ParameterData.MaximumLength = (p.1.len() * 2) as u16;
            p.0.ParameterData.Buffer = p.1.as_mut_ptr();
        }
    }
    let ptr_out: *mut NDIS_CONFIGURATION_PARAMETER = &mut p.0;
    c.params.push(p);
    // SAFETY: valid out pointer; the parameter lives until the handle closes.
    unsafe { *Value = ptr_out };
    // SAFETY: valid out pointer.
    unsafe { *Status = NDIS_STATUS_SUCCESS };
}

#[no_mangle]
pub unsafe extern "system" fn NdisReadNetworkAddress(
    Status: *mut NDIS_STATUS,
    Addr: *mut *mut c_void,
    Len: *mut u32,
    Cfg: NDIS_HANDLE,
) {
    if Status.is_null() || Addr.is_null() || Len.is_null() || Cfg.is_null() {
        return;
    }
    // SAFETY: a configuration handle this sim returned.
    let c = unsafe { &mut *(Cfg as *mut ConfigHandle) };
    // SAFETY: valid out pointer.
    unsafe { *Status = NDIS_STATUS_FAILURE };
    let Some(a) = adapter_by_handle(c.adapter) else {
        return;
    };
    a.read_log.lock().expect("log").push("NetworkAddress".into());
    let Some(ConfigValue::Str(s)) = a
        .keywords
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("NetworkAddress"))
        .map(|(_, v)| v.clone())
    else {
        return;
    };
    let hex: String = s.chars().filter(|ch| ch.is_ascii_hexdigit()).collect();
    if hex.len() != 12 {
        return;
    }
    for i in 0..6 {
        c.mac[i] = u8::from_str_radix(&hex[i * 2..i * 2 + 2], 16).unwrap_or(0);
    }
    // SAFETY: valid out pointer; the address lives until the handle closes.
    unsafe { *Addr = c.mac.as_mut_ptr().cast() };
    // SAFETY: valid out pointer.
    unsafe { *Len = 6 };
    // SAFETY: valid out pointer.
    unsafe { *Status = NDIS_STATUS_SUCCESS };
}

#[no_mangle]
pub unsafe extern "system" fn NdisCloseConfiguration(Cfg: NDIS_HANDLE) {
    if !Cfg.is_null() {
        // SAFETY: a handle this sim returned, closed once.
        drop(unsafe { Box::from_raw(Cfg as *mut ConfigHandle) });
    }
}

// ---------------------------------------------------------------- NBL / MDL pools

/// An NBL pool; ownership is recorded in the registry.
struct PoolRec {
    _tag: u32,
}

fn own(a: &Arc<SimAdapter>, p: usize, f: impl FnOnce(&mut Owned) -> &mut std::collections::HashSet<usize>) {
    f(&mut a.owned.lock().expect("owned")).insert(p);
    registry().owners.lock().expect("owners").insert(p, a.handle());
}

fn disown(p: usize, f: impl FnOnce(&mut Owned) -> &mut std::collections::HashSet<usize>) -> bool {
    let owner = registry().owners.lock().expect("owners").remove(&p);
    match owner.and_then(adapter_by_handle) {
        Some(a) => f(&mut a.owned.lock().expect("owned")).remove(&p),
        None => false,
    }
}

fn should_fail(a: &Arc<SimAdapter>, kind: AllocKind) -> bool {
    a.host.upgrade().is_some_and(|h| h.alloc_should_fail(kind))
}

#[no_mangle]
pub unsafe extern "system" fn NdisAllocateNetBufferListPool(
    Handle: NDIS_HANDLE,
    Params: *mut NET_BUFFER_LIST_POOL_PARAMETERS,
) -> NDIS_HANDLE {
    let Some(a) = adapter_by_handle(Handle as usize) else {
        return ptr::null_mut();
    };
    if Params.is_null() || should_fail(&a, AllocKind::NblPool) {
        return ptr::null_mut();
    }
    let p = Box::into_raw(Box::new(PoolRec { _tag: 0 })) as usize;
    own(&a, p, |o| &mut o.pools);
    p as NDIS_HANDLE
}

#[no_mangle]
pub unsafe extern "system" fn NdisFreeNetBufferListPool(Pool: NDIS_HANDLE) {
    if disown(Pool as usize, |o| &mut o.pools) {
        // SAFETY: allocated above and freed once (ownership record removed).
        drop(unsafe { Box::from_raw(Pool as *mut PoolRec) });
    }
}

/// Allocate a zeroed NBL with one NB (sim-side helper shared with the send path).
pub(crate) fn new_nbl(pool: usize, mdl: *mut MDL, offset: u32, len: usize) -> *mut NET_BUFFER_LIST {
    // SAFETY: NET_BUFFER and NET_BUFFER_LIST are plain pointers and integers; all-zero is valid.
    let nb: Box<NET_BUFFER> = Box::new(unsafe { std::mem::zeroed() });
    // SAFETY: as above.
    let mut nbl: Box<NET_BUFFER_LIST> = Box::new(unsafe { std::mem::zeroed() });
    let nb = Box::into_raw(nb);
    // SAFETY: just allocated, owned here.
    let b = unsafe { &mut *nb };
    b.Data.MdlChain = mdl;
    b.Data.CurrentMdl = mdl;
    b.Data.DataOffset = offset;
    b.Data.CurrentMdlOffset = offset;
    b.Data.DataLength = len;
    b.NdisPoolHandle = pool as *mut c_void;
    nbl.Header.FirstNetBuffer = nb;
    nbl.NdisPoolHandle = pool as *mut c_void;
    Box::into_raw(nbl)
}

/// Free an NBL made by [`new_nbl`].
///
/// # Safety
/// `nbl` must come from [`new_nbl`] and not be used afterwards.
pub(crate) unsafe fn drop_nbl(nbl: *mut NET_BUFFER_LIST) {
    // SAFETY: per the function contract.
    let b = unsafe { Box::from_raw(nbl) };
    if !b.Header.FirstNetBuffer.is_null() {
        // SAFETY: allocated by new_nbl.
        drop(unsafe { Box::from_raw(b.Header.FirstNetBuffer) });
    }
}

#[no_mangle]
pub unsafe extern "system" fn NdisAllocateNetBufferAndNetBufferList(
    Pool: NDIS_HANDLE,
    _ContextSize: u16,
    _ContextBackFill: u16,
    Mdl: *mut MDL,
    DataOffset: u32,
    DataLength: usize,
) -> *mut NET_BUFFER_LIST {
    let Some(a) = owner_of(Pool as usize) else {
        return ptr::null_mut();
    };
    if should_fail(&a, AllocKind::Nbl) {
        return ptr::null_mut();
    }
    let nbl = new_nbl(Pool as usize, Mdl, DataOffset, DataLength);
    own(&a, nbl as usize, |o| &mut o.nbls);
    nbl
}

#[no_mangle]
pub unsafe extern "system" fn NdisFreeNetBufferList(Nbl: *mut NET_BUFFER_LIST) {
    if disown(Nbl as usize, |o| &mut o.nbls) {
        // SAFETY: allocated by NdisAllocateNetBufferAndNetBufferList, freed once.
        unsafe { drop_nbl(Nbl) };
    }
}

/// An MDL over `len` bytes at `va` (sim-side helper shared with the send path).
pub(crate) fn new_mdl(va: *mut c_void, len: u32) -> *mut MDL {
    Box::into_raw(Box::new(MDL {
        Next: ptr::null_mut(),
        Size: 48,
        MdlFlags: MDL_MAPPED_TO_SYSTEM_VA | MDL_SOURCE_IS_NONPAGED_POOL,
        Process: ptr::null_mut(),
        MappedSystemVa: va,
        StartVa: ((va as usize) & !0xFFF) as *mut c_void,
        ByteCount: len,
        ByteOffset: ((va as usize) & 0xFFF) as u32,
    }))
}

#[no_mangle]
pub unsafe extern "system" fn NdisAllocateMdl(Handle: NDIS_HANDLE, Va: *mut c_void, Len: u32) -> *mut MDL {
    let Some(a) = adapter_by_handle(Handle as usize) else {
        return ptr::null_mut();
    };
    if should_fail(&a, AllocKind::Mdl) {
        return ptr::null_mut();
    }
    let m = new_mdl(Va, Len);
    own(&a, m as usize, |o| &mut o.mdls);
    m
}

#[no_mangle]
pub unsafe extern "system" fn NdisFreeMdl(Mdl: *mut MDL) {
    if disown(Mdl as usize, |o| &mut o.mdls) {
        // SAFETY: allocated by NdisAllocateMdl, freed once.
        drop(unsafe { Box::from_raw(Mdl) });
    }
}

// ---------------------------------------------------------------- shared memory

#[no_mangle]
pub unsafe extern "system" fn NdisAllocateSharedMemory(
    Handle: NDIS_HANDLE,
    Params: *mut NDIS_SHARED_MEMORY_PARAMETERS,
    AllocHandle: *mut NDIS_HANDLE,
) -> NDIS_STATUS {
    let Some(a) = adapter_by_handle(Handle as usize) else {
        return NDIS_STATUS_INVALID_PARAMETER;
    };
    if Params.is_null() || AllocHandle.is_null() {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    a.log_call("NdisAllocateSharedMemory");
    // NDIS ties shared memory to the miniport's DMA: both need the adapter registered
    // (registration attributes) and its scatter-gather DMA registered (spec 1.8).
    if a.ctx.load(Ordering::Acquire).is_null() {
        a.anomaly("NdisAllocateSharedMemory before registration attributes".into());
        return NDIS_STATUS_FAILURE;
    }
    if a.sg_dma.lock().expect("sg dma").is_none() {
        a.anomaly("NdisAllocateSharedMemory without NdisMRegisterScatterGatherDma".into());
        return NDIS_STATUS_FAILURE;
    }
    // SAFETY: valid parameter block.
    let p = unsafe { &mut *Params };
    if p.length == 0 {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if should_fail(&a, AllocKind::SharedMemory) {
        return NDIS_STATUS_RESOURCES;
    }
    let mut block = ShmBlock {
        data: vec![0u8; p.length as usize].into_boxed_slice(),
    };
    let va = block.data.as_mut_ptr() as usize;
    let key = va;
    a.shm.lock().expect("shm").insert(key, block);
    own(&a, key, |o| &mut o.shared_memory);
    p.virtual_address = va as u64;
    p.shared_memory_handle = key as u64;
    // SAFETY: valid out pointer.
    unsafe { *AllocHandle = key as NDIS_HANDLE };
    NDIS_STATUS_SUCCESS
}

#[no_mangle]
pub unsafe extern "system" fn NdisFreeSharedMemory(Handle: NDIS_HANDLE, AllocHandle: NDIS_HANDLE) {
    let key = AllocHandle as usize;
    if let Some(a) = adapter_by_handle(Handle as usize) {
        a.log_call("NdisFreeSharedMemory");
    }
    if disown(key, |o| &mut o.shared_memory) {
        if let Some(a) = adapter_by_handle(Handle as usize) {
            a.shm.lock().expect("shm").remove(&key);
        }
    }
}

// ---------------------------------------------------------------- scatter-gather DMA

/// One scatter-gather DMA registration (its address is the NdisMiniportDmaHandle).
struct SgDmaRec {
    _adapter: usize,
}

/// SCATTER_GATHER_LIST (x64): NumberOfElements, Reserved, then 24-byte SCATTER_GATHER_ELEMENTs.
const SG_LIST_HEADER: u32 = 16;
const SG_ELEMENT: u32 = 24;
const PAGE: u32 = 4096;

#[no_mangle]
pub unsafe extern "system" fn NdisMRegisterScatterGatherDma(
    Handle: NDIS_HANDLE,
    Desc: *mut NDIS_SG_DMA_DESCRIPTION,
    DmaHandle: *mut NDIS_HANDLE,
) -> NDIS_STATUS {
    let Some(a) = adapter_by_handle(Handle as usize) else {
        return NDIS_STATUS_INVALID_PARAMETER;
    };
    a.log_call("NdisMRegisterScatterGatherDma");
    if Desc.is_null() || DmaHandle.is_null() {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if a.ctx.load(Ordering::Acquire).is_null() {
        a.anomaly("NdisMRegisterScatterGatherDma before registration attributes".into());
        return NDIS_STATUS_FAILURE;
    }
    // SAFETY: the caller's description, valid for the call.
    let d = unsafe { &mut *Desc };
    let h = d.Header;
    if h.type_ != svnic_abi::header::NDIS_OBJECT_TYPE_SG_DMA_DESCRIPTION
        || h.revision < NDIS_SG_DMA_DESCRIPTION_REVISION_1
        || h.size < NDIS_SIZEOF_SG_DMA_DESCRIPTION_REVISION_1
    {
        a.anomaly(format!("SG DMA description header {h:?}"));
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    if d.Flags & !(NDIS_SG_DMA_64_BIT_ADDRESS | NDIS_SG_DMA_V3_HAL_API) != 0
        || d.MaximumPhysicalMapping == 0
        || d.ProcessSGListHandler.is_none()
    {
        a.anomaly(format!(
            "SG DMA description flags {:#x}, max mapping {}, handler {}",
            d.Flags,
            d.MaximumPhysicalMapping,
            d.ProcessSGListHandler.is_some()
        ));
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    let mut slot = a.sg_dma.lock().expect("sg dma");
    if slot.is_some() {
        a.anomaly("NdisMRegisterScatterGatherDma twice".into());
        return NDIS_STATUS_FAILURE;
    }
    if should_fail(&a, AllocKind::SgDma) {
        return NDIS_STATUS_RESOURCES;
    }
    // Elements for a mapping of MaximumPhysicalMapping bytes starting anywhere in a page.
    let pages = d.MaximumPhysicalMapping.div_ceil(PAGE) + 1;
    d.ScatterGatherListSize = SG_LIST_HEADER + SG_ELEMENT * pages;
    let rec = Box::into_raw(Box::new(SgDmaRec { _adapter: a.handle() })) as usize;
    own(&a, rec, |o| &mut o.sg_dma);
    *slot = Some(rec);
    // SAFETY: valid out pointer.
    unsafe { *DmaHandle = rec as NDIS_HANDLE };
    NDIS_STATUS_SUCCESS
}

#[no_mangle]
pub unsafe extern "system" fn NdisMDeregisterScatterGatherDma(DmaHandle: NDIS_HANDLE) {
    let key = DmaHandle as usize;
    let Some(a) = owner_of(key) else {
        return;
    };
    a.log_call("NdisMDeregisterScatterGatherDma");
    if !a.shm.lock().expect("shm").is_empty() {
        a.anomaly("NdisMDeregisterScatterGatherDma with shared memory still allocated".into());
    }
    if disown(key, |o| &mut o.sg_dma) {
        *a.sg_dma.lock().expect("sg dma") = None;
        // SAFETY: the record NdisMRegisterScatterGatherDma leaked, disowned exactly once.
        drop(unsafe { Box::from_raw(key as *mut SgDmaRec) });
    }
}

// ---------------------------------------------------------------- data path

/// Bytes of a NET_BUFFER (its MDL chain from CurrentMdl + CurrentMdlOffset, DataLength bytes).
///
/// # Safety
/// `nb` must be a valid NET_BUFFER with a valid MDL chain.
pub(crate) unsafe fn nb_bytes(nb: *const NET_BUFFER) -> Vec<u8> {
    let mut out = Vec::new();
    // SAFETY: per the function contract.
    let b = unsafe { &*nb };
    let (mut mdl, mut off, mut left) = (
        b.Data.CurrentMdl,
        b.Data.CurrentMdlOffset as usize,
        b.Data.DataLength as u32 as usize,
    );
    while left > 0 && !mdl.is_null() {
        // SAFETY: valid MDL.
        let m = unsafe { &*mdl };
        let take = (m.ByteCount as usize).saturating_sub(off).min(left);
        // SAFETY: the MDL maps ByteCount bytes at MappedSystemVa.
        out.extend_from_slice(unsafe {
            std::slice::from_raw_parts((m.MappedSystemVa as *const u8).wrapping_add(off), take)
        });
        left -= take;
        off = 0;
        mdl = m.Next;
    }
    out
}

fn on_worker(host: &HostInner) -> bool {
    std::thread::current()
        .name()
        .is_some_and(|n| n.starts_with(&format!("sim{}-cpu", host.id)))
}

#[no_mangle]
pub unsafe extern "system" fn NdisMIndicateReceiveNetBufferLists(
    Handle: NDIS_HANDLE,
    Nbls: *mut NET_BUFFER_LIST,
    _Port: u32,
    Count: u32,
    Flags: u32,
) {
    let Some(a) = adapter_by_handle(Handle as usize) else {
        return;
    };
    let Some(host) = a.host.upgrade() else { return };
    let (_, _, proc_no) = cpu::current();
    let mut caps = Vec::new();
    let mut nbls = Vec::new();
    let mut nbl = Nbls;
    while !nbl.is_null() {
        // SAFETY: the driver indicates valid NBLs it owns.
        let n = unsafe { &*nbl };
        if !a.owned.lock().expect("owned").nbls.contains(&(nbl as usize)) {
            a.anomaly(format!("indicated NBL {nbl:p} not allocated by this adapter"));
        }
        let fi = NDIS_NET_BUFFER_LIST_FILTERING_INFO::from_value(
            n.NetBufferListInfo[NET_BUFFER_LIST_FILTERING_INFO] as u64,
        );
        let nb = n.Header.FirstNetBuffer;
        let (frame, shm) = if nb.is_null() {
            (Vec::new(), None)
        } else {
            // SAFETY: valid NB of a valid NBL.
            let bytes = unsafe { nb_bytes(nb) };
            // SAFETY: as above.
            let smi = unsafe { (*nb).SharedMemoryInfo };
            let shm = if smi.is_null() || Flags & 0x1000 == 0 {
                None
            } else {
                // SAFETY: the driver's NET_BUFFER_SHARED_MEMORY for this NB.
                let s = unsafe { &*smi };
                Some((
                    s.SharedMemoryHandle as u64,
                    s.SharedMemoryOffset,
                    s.SharedMemoryLength,
                ))
            };
            (bytes, shm)
        };
        if n.SourceHandle != Handle {
            a.anomaly("indicated NBL with a foreign SourceHandle".into());
        }
        caps.push(CapturedRx {
            frame,
            flags: Flags,
            queue_id: fi.queue_vport_info,
            vport_id: fi.queue_vport_info,
            filter_id: fi.filter_id,
            ieee8021q: n.NetBufferListInfo[IEEE_8021Q_NET_BUFFER_LIST_INFO] as u64,
            shared_memory: shm,
            processor: proc_no,
            batch: Count,
        });
        nbls.push(nbl as usize);
        nbl = n.Header.Next;
    }
    if nbls.len() != Count as usize {
        a.anomaly(format!(
            "NumberOfNetBufferLists {Count} but chain has {}",
            nbls.len()
        ));
    }
    a.indicated.fetch_add(nbls.len() as u64, Ordering::AcqRel);
    {
        let mut rx = a.rx.lock().expect("rx");
        rx.extend(caps);
        a.rx_cv.notify_all();
    }
    if a.hold_returns.load(Ordering::Acquire) {
        a.held.lock().expect("held").extend(nbls);
        return;
    }
    let h = a.handle();
    if on_worker(&host) && !a.return_inline.load(Ordering::Acquire) {
        if let Some(q) = host.returns.get(proc_no as usize) {
            q.lock()
                .expect("returns")
                .extend(nbls.into_iter().map(|n| (h, n)));
            return;
        }
    }
    crate::host::return_nbls(&a, &nbls);
}

#[no_mangle]
pub unsafe extern "system" fn NdisMSendNetBufferListsComplete(
    Handle: NDIS_HANDLE,
    Nbls: *mut NET_BUFFER_LIST,
    _Flags: u32,
) {
    let a = adapter_by_handle(Handle as usize);
    let mut nbl = Nbls;
    while !nbl.is_null() {
        // SAFETY: the driver completes NBLs the sim sent (valid until freed here).
        let n = unsafe { &*nbl };
        let (next, status, pool) = (n.Header.Next, n.Status, n.NdisPoolHandle as usize);
        if let Some(a) = &a {
            a.send_completed.lock().expect("sends").push(status);
            a.sends_outstanding.fetch_sub(1, Ordering::AcqRel);
        }
        if pool == SIM_SEND_POOL {
            // SAFETY: a send NBL built by the sim (host::send), with its MDL and data.
            unsafe { crate::host::free_send_nbl(nbl) };
        }
        nbl = next;
    }
}

#[no_mangle]
pub unsafe extern "system" fn NdisMIndicateStatusEx(Handle: NDIS_HANDLE, Ind: *mut NDIS_STATUS_INDICATION) {
    let Some(a) = adapter_by_handle(Handle as usize) else {
        return;
    };
    if Ind.is_null() {
        return;
    }
    // SAFETY: valid indication.
    let i = unsafe { *Ind };
    let buffer = if i.status_buffer == 0 || i.status_buffer_size == 0 {
        Vec::new()
    } else {
        // SAFETY: StatusBuffer of StatusBufferSize bytes.
        unsafe { std::slice::from_raw_parts(i.status_buffer as *const u8, i.status_buffer_size as usize) }
            .to_vec()
    };
    a.status.lock().expect("status").push(CapturedStatus {
        status: i.status_code,
        buffer,
        processor: cpu::current().2,
    });
}

#[no_mangle]
pub unsafe extern "system" fn NdisMOidRequestComplete(
    Handle: NDIS_HANDLE,
    Req: *mut NDIS_OID_REQUEST,
    Status: NDIS_STATUS,
) {
    let Some(a) = adapter_by_handle(Handle as usize) else {
        return;
    };
    a.oid_done.lock().expect("oid").insert(Req as usize, Status);
    a.oid_cv.notify_all();
}

#[no_mangle]
pub unsafe extern "system" fn NdisMPauseComplete(Handle: NDIS_HANDLE) {
    let Some(a) = adapter_by_handle(Handle as usize) else {
        return;
    };
    *a.pause_done.lock().expect("pause") = true;
    a.pause_cv.notify_all();
}

// ---------------------------------------------------------------- SR-IOV

#[no_mangle]
pub unsafe extern "system" fn NdisMEnableVirtualization(
    Handle: NDIS_HANDLE,
    NumVFs: u16,
    _m: u8,
    _mi: u8,
    Enable: u8,
) -> NDIS_STATUS {
    let Some(a) = adapter_by_handle(Handle as usize) else {
        return NDIS_STATUS_INVALID_PARAMETER;
    };
    a.status.lock().expect("status").push(CapturedStatus {
        status: 0,
        buffer: [
            b"EnableVirtualization".as_slice(),
            &NumVFs.to_le_bytes(),
            &[Enable],
        ]
        .concat(),
        processor: cpu::current().2,
    });
    // The PCI bus driver's part: NumVFs and VF Enable in the model's SR-IOV capability.
    let index = a.index as u32;
    let dev = a.host.upgrade().and_then(|h| {
        svnic::with_driver(h.driver_object_ptr(), |d| {
            d.adapters()
                .into_iter()
                .find(|e| e.index == index)
                .map(|e| e.adapter.nic().device().clone())
        })
        .flatten()
    });
    match dev {
        Some(dev) => crate::vswitch::iov::apply_enable_virtualization(&dev, NumVFs, Enable != 0),
        None => NDIS_STATUS_SUCCESS,
    }
}

#[no_mangle]
pub unsafe extern "system" fn NdisMInvalidateConfigBlock(Handle: NDIS_HANDLE, VFId: u16, Mask: u64) {
    let Some(a) = adapter_by_handle(Handle as usize) else {
        return;
    };
    // Masks OR per VF until the VF's guest gets OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK.
    crate::vswitch::guest::pf_invalidated(Handle as usize, VFId, Mask);
    a.status.lock().expect("status").push(CapturedStatus {
        status: 0,
        buffer: [
            b"InvalidateConfigBlock".as_slice(),
            &VFId.to_le_bytes(),
            &Mask.to_le_bytes(),
        ]
        .concat(),
        processor: cpu::current().2,
    });
}

#[no_mangle]
pub unsafe extern "system" fn NdisMReadConfigBlock(
    H: NDIS_HANDLE,
    Id: u32,
    Buf: *mut c_void,
    Len: u32,
) -> NDIS_STATUS {
    if Buf.is_null() {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    // SAFETY: the caller gives `Len` writable bytes at `Buf`.
    let out = unsafe { std::slice::from_raw_parts_mut(Buf.cast::<u8>(), Len as usize) };
    // A guest VF adapter: carried over the model's mailbox to the PF's block OIDs.
    crate::vswitch::guest::read_config_block(H as usize, Id, out).unwrap_or(NDIS_STATUS_NOT_SUPPORTED)
}

#[no_mangle]
pub unsafe extern "system" fn NdisMWriteConfigBlock(
    H: NDIS_HANDLE,
    Id: u32,
    Buf: *mut c_void,
    Len: u32,
) -> NDIS_STATUS {
    if Buf.is_null() {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    // SAFETY: the caller gives `Len` readable bytes at `Buf`.
    let data = unsafe { std::slice::from_raw_parts(Buf.cast::<u8>().cast_const(), Len as usize) };
    crate::vswitch::guest::write_config_block(H as usize, Id, data).unwrap_or(NDIS_STATUS_NOT_SUPPORTED)
}

/// NdisGetHypervisorInfo: hypervisor present; the caller's partition (MsHvChild for code of a
/// guest VM on a VF, MsHvParent for the management OS).
#[no_mangle]
pub unsafe extern "system" fn NdisGetHypervisorInfo(Info: *mut c_void) -> NDIS_STATUS {
    if Info.is_null() {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    // SAFETY: the caller passes its NDIS_HYPERVISOR_INFO (12 bytes) to fill.
    let b = unsafe {
        std::slice::from_raw_parts_mut(Info.cast::<u8>(), crate::vswitch::guest::HYPERVISOR_INFO_SIZE)
    };
    crate::vswitch::guest::fill_hypervisor_info(b)
}

// ---------------------------------------------------------------- kernel

#[no_mangle]
pub unsafe extern "system" fn KeInitializeDpc(Dpc: *mut KDPC, Routine: KDEFERRED_ROUTINE, Ctx: *mut c_void) {
    if Dpc.is_null() {
        return;
    }
    let (hid, adapter, _) = cpu::current();
    // SAFETY: the driver passes its own KDPC storage.
    let w = unsafe { words(Dpc) };
    w[0].store(Routine as usize as u64, Ordering::Release);
    w[1].store(Ctx as u64, Ordering::Release);
    w[2].store(NO_TARGET, Ordering::Release);
    w[3].store(0, Ordering::Release);
    w[4].store(hid, Ordering::Release);
    w[5].store(KDPC_MAGIC, Ordering::Release);
    if let Some(a) = adapter_by_handle(adapter) {
        a.owned.lock().expect("owned").dpcs.insert(Dpc as usize);
    }
}

#[no_mangle]
pub unsafe extern "system" fn KeSetTargetProcessorDpcEx(Dpc: *mut KDPC, Proc: *mut PROCESSOR_NUMBER) -> i32 {
    if Dpc.is_null() || Proc.is_null() {
        return 0xC000_000Du32 as i32;
    }
    // SAFETY: valid processor number.
    let p = unsafe { *Proc };
    // SAFETY: initialized KDPC.
    let host = unsafe { word(Dpc, 4) }.load(Ordering::Acquire);
    let Some(h) = host_by_id(host) else {
        return 0xC000_000Du32 as i32;
    };
    if p.Group != 0 || u32::from(p.Number) >= h.cpus.count() {
        return 0xC000_000Du32 as i32;
    }
    // SAFETY: initialized KDPC.
    unsafe { word(Dpc, 2) }.store(u64::from(p.Number), Ordering::Release);
    0
}

#[no_mangle]
pub unsafe extern "system" fn KeInsertQueueDpc(Dpc: *mut KDPC, _a1: *mut c_void, _a2: *mut c_void) -> u8 {
    if Dpc.is_null() {
        return 0;
    }
    // SAFETY: initialized KDPC (magic checked).
    let w = unsafe { words(Dpc) };
    let (magic, host) = (w[5].load(Ordering::Acquire), w[4].load(Ordering::Acquire));
    if magic != KDPC_MAGIC {
        return 0;
    }
    let Some(h) = host_by_id(host) else { return 0 };
    // SAFETY: as above.
    u8::from(unsafe { h.cpus.insert(Dpc) })
}

#[no_mangle]
pub unsafe extern "system" fn KeRemoveQueueDpc(Dpc: *mut KDPC) -> u8 {
    if Dpc.is_null() {
        return 0;
    }
    // SAFETY: initialized KDPC.
    let host = unsafe { word(Dpc, 4).load(Ordering::Acquire) };
    let Some(h) = host_by_id(host) else { return 0 };
    // SAFETY: as above.
    u8::from(unsafe { h.cpus.remove(Dpc) })
}

#[no_mangle]
pub unsafe extern "system" fn KeFlushQueuedDpcs() {
    if let Some(h) = host_of_current() {
        h.cpus.flush();
    }
}

#[no_mangle]
pub unsafe extern "system" fn KeQueryActiveProcessorCountEx(Group: u16) -> u32 {
    match host_of_current() {
        Some(h) if Group == 0 => h.cpus.count(),
        _ => 0,
    }
}

#[no_mangle]
pub unsafe extern "system" fn KeGetCurrentProcessorNumberEx(Out: *mut PROCESSOR_NUMBER) -> u32 {
    let p = cpu::current().2;
    if !Out.is_null() {
        // SAFETY: valid out pointer.
        unsafe {
            *Out = PROCESSOR_NUMBER {
                Group: 0,
                Number: p as u8,
                Reserved: 0,
            }
        };
    }
    p
}

#[no_mangle]
pub unsafe extern "system" fn KeQueryInterruptTimePrecise(Qpc: *mut u64) -> u64 {
    let t = host_of_current().map_or(0, |h| h.start.elapsed().as_nanos() as u64 / 100);
    if !Qpc.is_null() {
        // SAFETY: valid out pointer.
        unsafe { *Qpc = t };
    }
    t
}

#[no_mangle]
pub unsafe extern "system" fn MmMapLockedPagesSpecifyCache(
    Mdl: *mut MDL,
    _m: i8,
    _c: u32,
    _r: *mut c_void,
    _b: u32,
    _p: u32,
) -> *mut c_void {
    if Mdl.is_null() {
        return ptr::null_mut();
    }
    // SAFETY: valid MDL.
    unsafe { (*Mdl).MappedSystemVa }
}

/// The export table (function addresses).
pub struct ExportTable(pub [*const (); 37]);
// SAFETY: immutable table of function addresses.
unsafe impl Sync for ExportTable {}

/// Every export, referenced so the linker keeps them in any binary that links the sim.
#[used]
pub static EXPORTS: ExportTable = ExportTable([
    NdisMRegisterMiniportDriver as *const (),
    NdisMDeregisterMiniportDriver as *const (),
    NdisMSetMiniportAttributes as *const (),
    NdisOpenConfigurationEx as *const (),
    NdisOpenConfigurationKeyByName as *const (),
    NdisReadConfiguration as *const (),
    NdisReadNetworkAddress as *const (),
    NdisCloseConfiguration as *const (),
    NdisAllocateNetBufferListPool as *const (),
    NdisFreeNetBufferListPool as *const (),
    NdisAllocateNetBufferAndNetBufferList as *const (),
    NdisFreeNetBufferList as *const (),
    NdisAllocateMdl as *const (),
    NdisFreeMdl as *const (),
    NdisAllocateSharedMemory as *const (),
    NdisFreeSharedMemory as *const (),
    NdisMRegisterScatterGatherDma as *const (),
    NdisMDeregisterScatterGatherDma as *const (),
    NdisMIndicateReceiveNetBufferLists as *const (),
    NdisMSendNetBufferListsComplete as *const (),
    NdisMIndicateStatusEx as *const (),
    NdisMOidRequestComplete as *const (),
    NdisMPauseComplete as *const (),
    NdisMEnableVirtualization as *const (),
    NdisMInvalidateConfigBlock as *const (),
    NdisMReadConfigBlock as *const (),
    NdisMWriteConfigBlock as *const (),
    NdisGetHypervisorInfo as *const (),
    KeInitializeDpc as *const (),
    KeSetTargetProcessorDpcEx as *const (),
    KeInsertQueueDpc as *const (),
    KeRemoveQueueDpc as *const (),
    KeFlushQueuedDpcs as *const (),
    KeQueryActiveProcessorCountEx as *const (),
    KeGetCurrentProcessorNumberEx as *const (),
    KeQueryInterruptTimePrecise as *const (),
    MmMapLockedPagesSpecifyCache as *const (),
]);
