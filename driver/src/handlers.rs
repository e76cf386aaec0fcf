//! The `MiniportXxx` entry points NDIS calls. Each marshals NDIS structures into svnic-miniport
//! calls and back; none holds logic of its own.

use crate::driver::{AdapterEntry, DriverCtx};
use crate::imports::*;
use crate::ndis_os::{Handle, NdisOs};
use alloc::boxed::Box;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::ffi::c_void;
use core::ptr;
use core::sync::atomic::Ordering;
use svnic_abi::header::{NdisObject, NDIS_OBJECT_HEADER};
use svnic_abi::hw_assist::{
    NDIS_NET_BUFFER_LIST_FILTERING_INFO, NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL,
    NDIS_SEND_FLAGS_DISPATCH_LEVEL,
};
use svnic_abi::miniport_chars::*;
use svnic_abi::nbl::{
    MDL, MDL_MAPPED_TO_SYSTEM_VA, MDL_SOURCE_IS_NONPAGED_POOL, NET_BUFFER_LIST,
    NET_BUFFER_LIST_FILTERING_INFO,
};
use svnic_abi::oid_request::NDIS_OID_REQUEST;
use svnic_abi::status::*;
use svnic_miniport::adapter::{Adapter, HwParams, Partition, NDIS_STATUS_PAUSED};
use svnic_miniport::keywords::{self, KeywordLocation, KeywordSource};
use svnic_miniport::oid::{OidBytes, OidOutcome, OidRequest, OidToken, RequestType};
use svnic_miniport::os::{ProcessorNumber, RxBankId};
use svnic_miniport::vf::adapter::{VfAdapter, VfQueueConfig};

/// MiniportAdapterContext: what NDIS passes back to every adapter handler.
///
/// Allocated before the registration attributes name it (NDIS requires them first in
/// MiniportInitializeEx); `adapter` is filled once the adapter initialized, still inside
/// MiniportInitializeEx, so before NDIS can call any other handler with this context.
pub(crate) struct AdapterCtx {
    pub handle: Handle,
    pub driver: *const DriverCtx,
    pub os: Arc<NdisOs>,
    pub adapter: Option<Arc<Adapter>>,
    pub index: u32,
    /// NdisMiniportDmaHandle from NdisMRegisterScatterGatherDma (null when not registered).
    pub dma: NDIS_HANDLE,
}

/// # Safety
/// `ctx` must be the MiniportAdapterContext registered at init and not yet halted.
unsafe fn adapter_ctx<'a>(ctx: NDIS_HANDLE) -> &'a AdapterCtx {
    // SAFETY: per the function contract.
    unsafe { &*(ctx as *const AdapterCtx) }
}

/// The initialized adapter behind a registered context. NDIS calls no handler but
/// MiniportInitializeEx before init succeeded, when the adapter is always set; `None` only
/// for a context NDIS should not have used.
///
/// # Safety
/// As [`adapter_ctx`].
unsafe fn ctx_adapter<'a>(ctx: NDIS_HANDLE) -> Option<(&'a AdapterCtx, &'a Arc<Adapter>)> {
    // SAFETY: per the function contract.
    let c = unsafe { adapter_ctx(ctx) };
    c.adapter.as_ref().map(|a| (c, a))
}

/// MiniportProcessSGList (MINIPORT_PROCESS_SG_LIST). NDIS requires a handler in the
/// scatter-gather DMA description, but svnic copies every send into its own shared-memory
/// transmit buffers and never calls NdisMAllocateNetBufferSGList, so NDIS never invokes it.
/// Were it called anyway there is nothing to map: it does nothing (no list is kept, so there
/// is nothing for NdisMFreeNetBufferSGList to miss).
pub(crate) unsafe extern "system" fn MiniportProcessSGList(
    _device_object: *mut c_void,
    _reserved: *mut c_void,
    _sg_list: *mut c_void,
    _context: *mut c_void,
) {
}

/// NdisMRegisterScatterGatherDma for 64-bit addressing and mappings up to the largest frame
/// `*JumboPacket` allows. NdisAllocateSharedMemory requires it (spec 1.8).
fn register_sg_dma(handle: NDIS_HANDLE) -> Result<NDIS_HANDLE, NDIS_STATUS> {
    let mut desc = NDIS_SG_DMA_DESCRIPTION {
        Header: NDIS_OBJECT_HEADER::new(
            svnic_abi::header::NDIS_OBJECT_TYPE_SG_DMA_DESCRIPTION,
            NDIS_SG_DMA_DESCRIPTION_REVISION_1,
            NDIS_SIZEOF_SG_DMA_DESCRIPTION_REVISION_1,
        ),
        Flags: NDIS_SG_DMA_64_BIT_ADDRESS,
        MaximumPhysicalMapping: keywords::MAX_JUMBO_PACKET,
        ProcessSGListHandler: Some(MiniportProcessSGList),
        SharedMemAllocateCompleteHandler: None,
        ScatterGatherListSize: 0,
    };
    let mut dma: NDIS_HANDLE = ptr::null_mut();
    // SAFETY: a valid description and out pointer for the duration of the call.
    let st = unsafe { NdisMRegisterScatterGatherDma(handle, &mut desc, &mut dma) };
    if st != NDIS_STATUS_SUCCESS {
        return Err(st);
    }
    if dma.is_null() {
        return Err(NDIS_STATUS_FAILURE);
    }
    Ok(dma)
}

/// MiniportSetOptions: no optional services.
pub(crate) unsafe extern "system" fn MiniportSetOptions(
    _driver: NDIS_HANDLE,
    _ctx: NDIS_HANDLE,
) -> NDIS_STATUS {
    NDIS_STATUS_SUCCESS
}

/// Reads standardized keywords with NdisReadConfiguration, lazily, so the miniport's
/// "do not read" rules (spec 1.12) are what NDIS sees.
struct NdisKeywords {
    cfg: NDIS_HANDLE,
    nic_switch: core::cell::Cell<Option<NDIS_HANDLE>>,
    opened: core::cell::Cell<[NDIS_HANDLE; 2]>,
}

impl NdisKeywords {
    /// NdisOpenConfigurationEx on the adapter's configuration (its registry key).
    fn open(handle: NDIS_HANDLE) -> Result<Self, NDIS_STATUS> {
        let mut co = NDIS_CONFIGURATION_OBJECT {
            Header: NDIS_OBJECT_HEADER::new(
                NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT,
                NDIS_CONFIGURATION_OBJECT_REVISION_1,
                NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1,
            ),
            NdisHandle: handle,
            Flags: 0,
        };
        let mut cfg: NDIS_HANDLE = ptr::null_mut();
        // SAFETY: valid configuration object and out pointer.
        let st = unsafe { NdisOpenConfigurationEx(&mut co, &mut cfg) };
        if st != NDIS_STATUS_SUCCESS {
            return Err(st);
        }
        Ok(Self {
            cfg,
            nic_switch: core::cell::Cell::new(None),
            opened: core::cell::Cell::new([ptr::null_mut(); 2]),
        })
    }
}

/// Fill `buf` with the UTF-16 of `s` and describe it as an NDIS_STRING.
fn ndis_string(s: &str, buf: &mut [u16; 64]) -> UNICODE_STRING {
    let mut n = 0usize;
    for (d, c) in buf.iter_mut().zip(s.encode_utf16()) {
        *d = c;
        n = n.saturating_add(1);
    }
    let bytes = (n.saturating_mul(2)) as u16;
    UNICODE_STRING {
        Length: bytes,
        MaximumLength: bytes,
        Buffer: buf.as_mut_ptr(),
    }
}

fn parse_decimal(units: &[u16]) -> Option<u32> {
    let mut v: u32 = 0;
    let mut any = false;
    for &u in units {
        let d = u.checked_sub(u16::from(b'0')).filter(|d| *d <= 9)?;
        v = v.checked_mul(10)?.checked_add(u32::from(d))?;
        any = true;
    }
    any.then_some(v)
}

impl NdisKeywords {
    fn subkey(&self) -> Option<NDIS_HANDLE> {
        if let Some(h) = self.nic_switch.get() {
            return Some(h);
        }
        let mut buf = [0u16; 64];
        let mut name = ndis_string("NicSwitches", &mut buf);
        let mut st = NDIS_STATUS_FAILURE;
        let mut h1: NDIS_HANDLE = ptr::null_mut();
        // SAFETY: valid configuration handle, name and out pointers.
        unsafe { NdisOpenConfigurationKeyByName(&mut st, self.cfg, &mut name, &mut h1) };
        if st != NDIS_STATUS_SUCCESS || h1.is_null() {
            return None;
        }
        let mut buf2 = [0u16; 64];
        let mut zero = ndis_string("0", &mut buf2);
        let mut h2: NDIS_HANDLE = ptr::null_mut();
        // SAFETY: as above, on the NicSwitches subkey.
        unsafe { NdisOpenConfigurationKeyByName(&mut st, h1, &mut zero, &mut h2) };
        self.opened.set([
            h1,
            if st == NDIS_STATUS_SUCCESS {
                h2
            } else {
                ptr::null_mut()
            },
        ]);
        if st != NDIS_STATUS_SUCCESS || h2.is_null() {
            return None;
        }
        self.nic_switch.set(Some(h2));
        Some(h2)
    }

    fn close(&self) {
        let [h1, h2] = self.opened.get();
        for h in [h2, h1] {
            if !h.is_null() {
                // SAFETY: handles opened by NdisOpenConfigurationKeyByName, closed once.
                unsafe { NdisCloseConfiguration(h) };
            }
        }
        // SAFETY: opened by NdisOpenConfigurationEx, closed once.
        unsafe { NdisCloseConfiguration(self.cfg) };
    }

    fn network_address(&self) -> Option<[u8; 6]> {
        let mut st = NDIS_STATUS_FAILURE;
        let mut p: *mut c_void = ptr::null_mut();
        let mut len = 0u32;
        // SAFETY: valid out pointers and configuration handle.
        unsafe { NdisReadNetworkAddress(&mut st, &mut p, &mut len, self.cfg) };
        if st != NDIS_STATUS_SUCCESS || len != 6 || p.is_null() {
            return None;
        }
        let mut mac = [0u8; 6];
        // SAFETY: NDIS returned a buffer of `len` (= 6) bytes.
        unsafe { ptr::copy_nonoverlapping(p.cast::<u8>(), mac.as_mut_ptr(), 6) };
        Some(mac)
    }
}

impl KeywordSource for NdisKeywords {
    fn read_int(&self, name: &str) -> Option<u32> {
        let handle = match keywords::spec(name).map(|s| s.location) {
            Some(KeywordLocation::NicSwitches0) => self.subkey()?,
            _ => self.cfg,
        };
        let mut buf = [0u16; 64];
        let mut kw = ndis_string(name, &mut buf);
        let mut st = NDIS_STATUS_FAILURE;
        let mut param: *mut NDIS_CONFIGURATION_PARAMETER = ptr::null_mut();
        // SAFETY: valid handle, keyword string and out pointers.
        unsafe { NdisReadConfiguration(&mut st, &mut param, handle, &mut kw, NDIS_PARAMETER_INTEGER) };
        if st != NDIS_STATUS_SUCCESS || param.is_null() {
            return None;
        }
        // SAFETY: NDIS returned a parameter it owns until the configuration handle closes.
        let p = unsafe { &*param };
        match p.ParameterType {
            NDIS_PARAMETER_INTEGER | NDIS_PARAMETER_HEX_INTEGER => {
                // IntegerData is the first ULONG of the union.
                let d = p.ParameterData;
                Some(u32::from(d.Length) | (u32::from(d.MaximumLength) << 16))
            }
            NDIS_PARAMETER_STRING => {
                let s = p.ParameterData;
                if s.Buffer.is_null() {
                    return None;
                }
                // SAFETY: NDIS_STRING of Length bytes.
                let units = unsafe { core::slice::from_raw_parts(s.Buffer, usize::from(s.Length / 2)) };
                parse_decimal(units)
            }
            _ => None,
        }
    }
}

fn set_registration_attributes(handle: NDIS_HANDLE, ctx: *mut AdapterCtx) -> NDIS_STATUS {
    let mut reg = NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES {
        Header: NDIS_OBJECT_HEADER::new(
            NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES,
            1,
            NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1,
        ),
        MiniportAdapterContext: ctx.cast(),
        AttributeFlags: NDIS_MINIPORT_ATTRIBUTES_NO_HALT_ON_SUSPEND
            | NDIS_MINIPORT_ATTRIBUTES_SURPRISE_REMOVE_OK,
        CheckForHangTimeInSeconds: 0,
        InterfaceType: NDIS_INTERFACE_PCI,
    };
    // SAFETY: a valid attribute block; NDIS copies it.
    unsafe {
        NdisMSetMiniportAttributes(
            handle,
            (&mut reg as *mut NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES).cast(),
        )
    }
}

fn set_general_attributes(handle: NDIS_HANDLE, adapter: &Adapter) -> NDIS_STATUS {
    let cfg = adapter.config();
    let mut oids: Vec<u32> = adapter.oid_table().supported_oids().collect();
    let mut perm = [0u8; 32];
    let mut cur = [0u8; 32];
    if let (Some(p), Some(c)) = (perm.get_mut(..6), cur.get_mut(..6)) {
        p.copy_from_slice(&cfg.permanent_mac);
        c.copy_from_slice(&cfg.current_mac);
    }
    let mut ga = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES {
        Header: NDIS_OBJECT_HEADER::new(
            NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES,
            NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2,
            NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2,
        ),
        Flags: 0,
        MediaType: 0,
        PhysicalMediumType: NDIS_PHYSICAL_MEDIUM_802_3,
        MtuSize: cfg.mtu,
        MaxXmitLinkSpeed: cfg.link_speed_bps,
        XmitLinkSpeed: cfg.link_speed_bps,
        MaxRcvLinkSpeed: cfg.link_speed_bps,
        RcvLinkSpeed: cfg.link_speed_bps,
        MediaConnectState: 1,
        MediaDuplexState: 2,
        LookaheadSize: cfg.mtu,
        PowerManagementCapabilities: ptr::null_mut(),
        MacOptions: svnic_miniport::general::MAC_OPTIONS,
        SupportedPacketFilters: svnic_miniport::hw::packet_type::SUPPORTED,
        MaxMulticastListSize: svnic_miniport::hw::MAX_MULTICAST as u32,
        MacAddressLength: 6,
        PermanentMacAddress: perm,
        CurrentMacAddress: cur,
        RecvScaleCapabilities: ptr::null_mut(),
        AccessType: NET_IF_ACCESS_BROADCAST,
        DirectionType: NET_IF_DIRECTION_SENDRECEIVE,
        ConnectionType: NET_IF_CONNECTION_DEDICATED,
        IfType: IF_TYPE_ETHERNET_CSMACD,
        IfConnectorPresent: 1,
        SupportedStatistics: 0x003F_FFFF,
        SupportedPauseFunctions: 0,
        DataBackFillSize: 0,
        ContextBackFillSize: 0,
        SupportedOidList: oids.as_mut_ptr(),
        SupportedOidListLength: (oids.len().saturating_mul(4)) as u32,
        AutoNegotiationFlags: 0,
        PowerManagementCapabilitiesEx: ptr::null_mut(),
    };
    // SAFETY: a valid attribute block whose OID list outlives the call; NDIS copies both.
    unsafe {
        NdisMSetMiniportAttributes(
            handle,
            (&mut ga as *mut NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES).cast(),
        )
    }
}

/// 8-aligned storage for a capability structure NDIS reads through a pointer.
#[repr(C, align(8))]
struct Aligned<const N: usize>([u8; N]);

/// Hardware-assist attributes (spec 1.1, 2.1), revision 3: the hardware and current
/// receive-filter capabilities (VMQ engine), the NIC-switch capabilities (SR-IOV engine,
/// revision 2, when the PF is SR-IOV capable; else the VMQ engine's revision-1 counts) and the
/// SR-IOV capabilities. Hardware* and Current* come in pairs: a disabled interface gets a
/// zeroed current structure with its header (as netvmini does).
fn set_hardware_assist_attributes(handle: NDIS_HANDLE, adapter: &Adapter) -> NDIS_STATUS {
    use svnic_abi::hw_assist::*;
    use svnic_miniport::sriov::abi::sriov_caps;
    use svnic_miniport::sriov::caps::{write_sriov_caps, SriovRole};
    let caps = adapter.vmq().capabilities();
    let sriov_on = adapter.config().interface.sriov();
    let sriov_hw = adapter.nic().device().config().total_vfs > 0;
    let mut hw_rf = Aligned(caps.hardware.to_bytes());
    let mut cur_rf = Aligned(caps.current.to_bytes());
    let mut hw_ns = Aligned([0u8; 128]);
    let mut cur_ns = Aligned([0u8; 128]);
    let mut hw_sr = Aligned([0u8; 16]);
    let mut cur_sr = Aligned([0u8; 16]);
    if sriov_hw {
        let nsc = adapter.sriov().with_pf(|pf| *pf.caps());
        let _ = nsc.write(&mut hw_ns.0, 2);
        let _ = write_sriov_caps(&mut hw_sr.0, SriovRole::Pf);
        if sriov_on {
            let _ = nsc.write(&mut cur_ns.0, 2);
            let _ = write_sriov_caps(&mut cur_sr.0, SriovRole::Pf);
        } else {
            let ns = caps.current_nic_switch.to_bytes();
            if let Some(d) = cur_ns.0.get_mut(..ns.len()) {
                d.copy_from_slice(&ns);
            }
            let h = NDIS_OBJECT_HEADER::new(0x80, sriov_caps::REVISION_1, sriov_caps::SIZE_REVISION_1 as u16);
            if let Some(d) = cur_sr.0.get_mut(..4) {
                d.copy_from_slice(&[h.type_, h.revision, h.size as u8, (h.size >> 8) as u8]);
            }
        }
    } else {
        let (h, c) = (
            caps.hardware_nic_switch.to_bytes(),
            caps.current_nic_switch.to_bytes(),
        );
        if let (Some(dh), Some(dc)) = (hw_ns.0.get_mut(..h.len()), cur_ns.0.get_mut(..c.len())) {
            dh.copy_from_slice(&h);
            dc.copy_from_slice(&c);
        }
    }
    let mut ha = NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES::with_latest_header();
    ha.header = NDIS_OBJECT_HEADER::new(
        svnic_abi::header::NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES,
        NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_3,
        NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_3,
    );
    ha.hardware_receive_filter_capabilities = hw_rf.0.as_mut_ptr() as u64;
    ha.current_receive_filter_capabilities = cur_rf.0.as_mut_ptr() as u64;
    ha.hardware_nic_switch_capabilities = hw_ns.0.as_mut_ptr() as u64;
    ha.current_nic_switch_capabilities = cur_ns.0.as_mut_ptr() as u64;
    if sriov_hw {
        ha.hardware_sriov_capabilities = hw_sr.0.as_mut_ptr() as u64;
        ha.current_sriov_capabilities = cur_sr.0.as_mut_ptr() as u64;
    }
    // SAFETY: a valid attribute block whose capability buffers outlive the call; NDIS copies them.
    unsafe {
        NdisMSetMiniportAttributes(
            handle,
            (&mut ha as *mut NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES).cast(),
        )
    }
}

/// NDIS_HYPERVISOR_INFO (ntddndis.h).
#[repr(C)]
struct NdisHypervisorInfo {
    header: NDIS_OBJECT_HEADER,
    flags: u32,
    partition_type: u32,
}

/// NdisGetHypervisorInfo: whether the driver runs in a Hyper-V child partition (a guest VM,
/// where it would be bound to a VF).
fn in_child_partition() -> bool {
    const HYPERVISOR_PRESENT: u32 = 0x1;
    const MS_HV_CHILD: u32 = 2;
    let mut info = NdisHypervisorInfo {
        header: NDIS_OBJECT_HEADER::default_type(1, core::mem::size_of::<NdisHypervisorInfo>() as u16),
        flags: 0,
        partition_type: 0,
    };
    // SAFETY: a valid NDIS_HYPERVISOR_INFO (revision 1, its own size) for NDIS to fill.
    let st = unsafe { NdisGetHypervisorInfo((&mut info as *mut NdisHypervisorInfo).cast()) };
    st == NDIS_STATUS_SUCCESS && info.flags & HYPERVISOR_PRESENT != 0 && info.partition_type == MS_HV_CHILD
}

/// Keyword naming the PF adapter (its index in this driver) whose device holds the VF.
///
/// On Windows the VF miniport finds its hardware through its own PCI resources (the VF's BARs
/// and MSI-X table in the AllocatedResources of the init parameters). The modeled device is
/// software, reached through the PF's `Device`, so hyperv-sim's guest NDIS names it with two
/// keywords in the guest adapter's configuration instead: the PF adapter and the VF index.
const VF_PARENT_KEYWORD: &str = "SvnicVfParent";
/// Keyword naming the VF index on that device.
const VF_INDEX_KEYWORD: &str = "SvnicVfIndex";
/// Receive buffers of the VF's queue and their length.
const VF_RX_SLOTS: u32 = 64;
const VF_RX_SLOT_LEN: u32 = 2048;

/// MiniportInitializeEx in a child partition: registration attributes, SG DMA, the VF adapter
/// (configuration over the backchannel, then the VF's own queue), general attributes with the
/// MAC the PF assigned, hardware-assist attributes with only the VF SR-IOV capabilities.
fn initialize_vf(handle: NDIS_HANDLE, drv: &DriverCtx) -> NDIS_STATUS {
    let kw = match NdisKeywords::open(handle) {
        Ok(kw) => kw,
        Err(st) => return st,
    };
    let (parent, vf_index) = (kw.read_int(VF_PARENT_KEYWORD), kw.read_int(VF_INDEX_KEYWORD));
    kw.close();
    let (Some(parent), Some(vf_index)) = (parent, vf_index) else {
        return NDIS_STATUS_NOT_SUPPORTED;
    };
    let Ok(vf_index) = u16::try_from(vf_index) else {
        return NDIS_STATUS_INVALID_PARAMETER;
    };
    let dev = {
        let adapters = drv.adapters.lock();
        match adapters.iter().find(|e| e.index == parent) {
            Some(e) => e.adapter.nic().device().clone(),
            None => return NDIS_STATUS_INVALID_PARAMETER,
        }
    };
    let index = drv.next_index.fetch_add(1, Ordering::Relaxed);
    let os = NdisOs::new(Handle(handle));
    let ctx = Box::into_raw(Box::new(AdapterCtx {
        handle: Handle(handle),
        driver: drv,
        os: os.clone(),
        adapter: None,
        index,
        dma: ptr::null_mut(),
    }));
    let free_ctx = move || {
        // SAFETY: `ctx` came from Box::into_raw above and NDIS will not use it (init failed).
        drop(unsafe { Box::from_raw(ctx) });
    };
    let st = set_registration_attributes(handle, ctx);
    if st != NDIS_STATUS_SUCCESS {
        free_ctx();
        return st;
    }
    let dma = match register_sg_dma(handle) {
        Ok(d) => d,
        Err(st) => {
            free_ctx();
            return st;
        }
    };
    // SAFETY: `ctx` is ours alone until init returns.
    unsafe { (*ctx).dma = dma };
    // SAFETY: plain kernel query.
    let cpus = unsafe { KeQueryActiveProcessorCountEx(0) };
    let q = VfQueueConfig {
        slots: VF_RX_SLOTS,
        slot_len: VF_RX_SLOT_LEN,
        processor: ProcessorNumber {
            group: 0,
            number: u8::from(cpus > 1),
        },
    };
    let vf = match VfAdapter::initialize(&*os, dev, vf_index, q) {
        Ok(v) => v,
        Err(e) => {
            // SAFETY: the handle registered above; nothing uses it any more.
            unsafe { NdisMDeregisterScatterGatherDma(dma) };
            free_ctx();
            return e;
        }
    };
    let mp = vf.miniport();
    let mac = mp.mac().unwrap_or([0; 6]);
    // Permanent address and MTU as VF_INFO gives them (what the VF's OIDs report too).
    let permanent = mp.info().map_or(mac, |i| i.permanent_mac);
    let mtu = mp
        .info()
        .map_or(keywords::STANDARD_PACKET.saturating_sub(14), |i| i.mtu);
    // Link as the PF reported it in LINK_STATE (read during VfAdapter::initialize).
    let link = mp
        .link()
        .map_or((2, 0), |l| (l.media_connect_state, l.link_speed_bps));
    *os.vf.write() = Some(vf);
    let mut st = set_vf_general_attributes(handle, (mac, permanent), mtu, link);
    if st == NDIS_STATUS_SUCCESS {
        st = set_vf_hardware_assist_attributes(handle);
    }
    if st != NDIS_STATUS_SUCCESS {
        let vf = os.vf.write().take();
        if let Some(mut vf) = vf {
            vf.halt(&*os);
        }
        os.detach_and_flush_dpcs();
        // SAFETY: the handle registered above; the halted VF holds no DMA resource.
        unsafe { NdisMDeregisterScatterGatherDma(dma) };
        free_ctx();
        return st;
    }
    os.attach_vf();
    NDIS_STATUS_SUCCESS
}

/// General attributes of the VF adapter: standard frames, the MAC the PF assigned, the link
/// (MediaConnectState, speed) the PF reported, the OIDs the VF adapter answers (its general rows
/// and the invalidation method: svnic_miniport::vf::supported_oids, the same list its
/// OID_GEN_SUPPORTED_LIST reports) and the statistics it maintains (all of NDIS_STATISTICS_INFO,
/// as the PF).
fn set_vf_general_attributes(
    handle: NDIS_HANDLE,
    (mac, permanent): ([u8; 6], [u8; 6]),
    mtu: u32,
    link: (u32, u64),
) -> NDIS_STATUS {
    let mut oids: Vec<u32> = svnic_miniport::vf::supported_oids().collect();
    let mut addr = [0u8; 32];
    if let Some(p) = addr.get_mut(..6) {
        p.copy_from_slice(&mac);
    }
    let mut perm = [0u8; 32];
    if let Some(p) = perm.get_mut(..6) {
        p.copy_from_slice(&permanent);
    }
    let (connect, speed) = link;
    let mut ga = NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES {
        Header: NDIS_OBJECT_HEADER::new(
            NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES,
            NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2,
            NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2,
        ),
        Flags: 0,
        MediaType: 0,
        PhysicalMediumType: NDIS_PHYSICAL_MEDIUM_802_3,
        MtuSize: mtu,
        MaxXmitLinkSpeed: speed,
        XmitLinkSpeed: speed,
        MaxRcvLinkSpeed: speed,
        RcvLinkSpeed: speed,
        MediaConnectState: connect,
        MediaDuplexState: 2,
        LookaheadSize: mtu,
        PowerManagementCapabilities: ptr::null_mut(),
        MacOptions: svnic_miniport::general::MAC_OPTIONS,
        SupportedPacketFilters: svnic_miniport::hw::packet_type::SUPPORTED,
        MaxMulticastListSize: svnic_miniport::hw::MAX_MULTICAST as u32,
        MacAddressLength: 6,
        PermanentMacAddress: perm,
        CurrentMacAddress: addr,
        RecvScaleCapabilities: ptr::null_mut(),
        AccessType: NET_IF_ACCESS_BROADCAST,
        DirectionType: NET_IF_DIRECTION_SENDRECEIVE,
        ConnectionType: NET_IF_CONNECTION_DEDICATED,
        IfType: IF_TYPE_ETHERNET_CSMACD,
        IfConnectorPresent: 1,
        SupportedStatistics: 0x003F_FFFF,
        SupportedPauseFunctions: 0,
        DataBackFillSize: 0,
        ContextBackFillSize: 0,
        SupportedOidList: oids.as_mut_ptr(),
        SupportedOidListLength: (oids.len().saturating_mul(4)) as u32,
        AutoNegotiationFlags: 0,
        PowerManagementCapabilitiesEx: ptr::null_mut(),
    };
    // SAFETY: a valid attribute block whose OID list outlives the call; NDIS copies both.
    unsafe {
        NdisMSetMiniportAttributes(
            handle,
            (&mut ga as *mut NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES).cast(),
        )
    }
}

/// Hardware-assist attributes of the VF adapter: SR-IOV capabilities SRIOV_SUPPORTED |
/// VF_MINIPORT only (no receive-filter or NIC-switch capabilities on a VF, spec 2.7).
fn set_vf_hardware_assist_attributes(handle: NDIS_HANDLE) -> NDIS_STATUS {
    use svnic_abi::hw_assist::*;
    let mut sr = Aligned([0u8; 16]);
    let _ = svnic_miniport::vf::VfMiniport::write_sriov_caps(&mut sr.0);
    let mut ha = NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES::with_latest_header();
    ha.header = NDIS_OBJECT_HEADER::new(
        svnic_abi::header::NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES,
        NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_3,
        NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_3,
    );
    ha.hardware_sriov_capabilities = sr.0.as_mut_ptr() as u64;
    ha.current_sriov_capabilities = sr.0.as_mut_ptr() as u64;
    // SAFETY: a valid attribute block whose capability buffer outlives the call; NDIS copies it.
    unsafe {
        NdisMSetMiniportAttributes(
            handle,
            (&mut ha as *mut NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES).cast(),
        )
    }
}

/// MiniportInitializeEx: read keywords, set registration attributes, register scatter-gather
/// DMA, initialize the adapter (default queue memory, NBL bank, NIC on the driver's hub), set
/// general and hardware-assist attributes. In a Hyper-V child partition the adapter is the VF
/// miniport instead ([`initialize_vf`]).
pub(crate) unsafe extern "system" fn MiniportInitializeEx(
    handle: NDIS_HANDLE,
    driver_ctx: NDIS_HANDLE,
    _params: *mut NDIS_MINIPORT_INIT_PARAMETERS,
) -> NDIS_STATUS {
    if driver_ctx.is_null() {
        return NDIS_STATUS_FAILURE;
    }
    // SAFETY: NDIS passes back the MiniportDriverContext given at registration, live until unload.
    let drv = unsafe { &*(driver_ctx as *const DriverCtx) };
    // In a guest partition the driver is the VF miniport (svnic_miniport::vf::adapter).
    if in_child_partition() {
        return initialize_vf(handle, drv);
    }
    let kw = match NdisKeywords::open(handle) {
        Ok(kw) => kw,
        Err(st) => return st,
    };
    let index = drv.next_index.fetch_add(1, Ordering::Relaxed);
    let permanent_mac = [
        0x02,
        0x5E,
        0x56,
        0x00,
        (index >> 8) as u8,
        (index as u8).wrapping_add(1),
    ];
    let os = NdisOs::new(Handle(handle));
    // Registration attributes first (they name the MiniportAdapterContext), then
    // scatter-gather DMA, then the adapter (whose init allocates shared memory), then the
    // general and hardware-assist attributes; a failure undoes the steps done, in reverse.
    let ctx = Box::into_raw(Box::new(AdapterCtx {
        handle: Handle(handle),
        driver: drv,
        os: os.clone(),
        adapter: None,
        index,
        dma: ptr::null_mut(),
    }));
    let free_ctx = move || {
        // SAFETY: `ctx` came from Box::into_raw above and NDIS will not use it (init failed).
        drop(unsafe { Box::from_raw(ctx) });
    };
    let st = set_registration_attributes(handle, ctx);
    if st != NDIS_STATUS_SUCCESS {
        kw.close();
        free_ctx();
        return st;
    }
    let dma = match register_sg_dma(handle) {
        Ok(d) => d,
        Err(st) => {
            kw.close();
            free_ctx();
            return st;
        }
    };
    // SAFETY: `ctx` is ours alone until init returns; NDIS calls no handler before that.
    unsafe { (*ctx).dma = dma };
    let network_address = kw.network_address();
    let hw = HwParams {
        hub: drv.hub.clone(),
        permanent_mac,
        network_address,
        partition: Partition::Pf,
    };
    let adapter = Adapter::initialize(os.clone(), &kw, hw);
    kw.close();
    let adapter = match adapter {
        Ok(a) => a,
        Err(e) => {
            // SAFETY: the handle registered above; nothing uses it any more.
            unsafe { NdisMDeregisterScatterGatherDma(dma) };
            free_ctx();
            return e;
        }
    };
    // SAFETY: as above, `ctx` is not yet visible to any other handler.
    unsafe { (*ctx).adapter = Some(adapter.clone()) };
    let mut st = set_general_attributes(handle, &adapter);
    if st == NDIS_STATUS_SUCCESS {
        st = set_hardware_assist_attributes(handle, &adapter);
    }
    if st != NDIS_STATUS_SUCCESS {
        adapter.halt();
        os.detach_and_flush_dpcs();
        // SAFETY: the handle registered above; the halted adapter holds no DMA resource.
        unsafe { NdisMDeregisterScatterGatherDma(dma) };
        free_ctx();
        return st;
    }
    os.attach_adapter(&adapter);
    drv.adapters.lock().push(AdapterEntry {
        index,
        adapter,
        oid_gate: os.oid_gate.clone(),
        ctl_rundown: os.ctl_rundown.clone(),
    });
    NDIS_STATUS_SUCCESS
}

/// MiniportHaltEx: nothing is outstanding (NDIS paused the adapter first). Stop the DPCs from
/// reaching the adapter, free its receive memory and NBLs, leave the hub, deregister
/// scatter-gather DMA (after the shared memory is freed), free the context.
pub(crate) unsafe extern "system" fn MiniportHaltEx(ctx: NDIS_HANDLE, _action: u32) {
    // SAFETY: NDIS calls halt once with the context registered at init.
    let c = unsafe { Box::from_raw(ctx as *mut AdapterCtx) };
    // SAFETY: the driver context outlives its adapters.
    let drv = unsafe { &*c.driver };
    drv.adapters.lock().retain(|e| e.index != c.index);
    // No control-device request starts on the adapter any more; wait out one already inside.
    c.os.ctl_rundown.close_and_wait();
    // Stop the NIC first (no vector can queue a DPC afterwards), then make sure no DPC is
    // queued or running before the context (and the KDPCs with it) can go away.
    if let Some(a) = c.adapter.as_ref() {
        a.halt();
    }
    c.os.detach_and_flush_dpcs();
    let vf = c.os.vf.write().take();
    if let Some(mut vf) = vf {
        vf.halt(&*c.os);
    }
    if !c.dma.is_null() {
        // SAFETY: the handle NdisMRegisterScatterGatherDma gave at init, deregistered once.
        unsafe { NdisMDeregisterScatterGatherDma(c.dma) };
    }
}

pub(crate) unsafe extern "system" fn MiniportPause(
    ctx: NDIS_HANDLE,
    _p: *mut NDIS_MINIPORT_PAUSE_PARAMETERS,
) -> NDIS_STATUS {
    // SAFETY: context registered at init.
    let c = unsafe { adapter_ctx(ctx) };
    match c.adapter.as_ref() {
        Some(a) => a.pause(),
        // The VF adapter stops accepting sends; PENDING until the sends in progress end (its
        // receive queue runs from init to halt: NDIS returns its receives before pause completes).
        None => {
            c.os.vf
                .read()
                .as_ref()
                .map_or(NDIS_STATUS_FAILURE, VfAdapter::pause)
        }
    }
}

pub(crate) unsafe extern "system" fn MiniportRestart(
    ctx: NDIS_HANDLE,
    _p: *mut NDIS_MINIPORT_RESTART_PARAMETERS,
) -> NDIS_STATUS {
    // SAFETY: context registered at init.
    let c = unsafe { adapter_ctx(ctx) };
    match c.adapter.as_ref() {
        Some(a) => a.restart(),
        // The VF adapter starts accepting sends.
        None => {
            c.os.vf
                .read()
                .as_ref()
                .map_or(NDIS_STATUS_FAILURE, VfAdapter::restart)
        }
    }
}

pub(crate) unsafe extern "system" fn MiniportResetEx(
    ctx: NDIS_HANDLE,
    addressing_reset: *mut u8,
) -> NDIS_STATUS {
    if !addressing_reset.is_null() {
        // SAFETY: NDIS passes a valid BOOLEAN out pointer.
        unsafe { *addressing_reset = 0 };
    }
    // SAFETY: context registered at init.
    unsafe { ctx_adapter(ctx) }.map_or(NDIS_STATUS_FAILURE, |(_, a)| a.reset())
}

pub(crate) unsafe extern "system" fn MiniportDevicePnPEventNotify(
    _ctx: NDIS_HANDLE,
    _e: *mut NET_DEVICE_PNP_EVENT,
) {
    // Surprise removal of a software device leaves nothing to stop: the NIC stops at halt.
}

pub(crate) unsafe extern "system" fn MiniportShutdownEx(_ctx: NDIS_HANDLE, _action: u32) {
    // Shutdown must not touch memory or wait; the modeled NIC holds no external state.
}

pub(crate) unsafe extern "system" fn MiniportCancelSend(_ctx: NDIS_HANDLE, _cancel_id: *mut c_void) {
    // Sends complete synchronously; nothing is ever queued to cancel.
}

pub(crate) unsafe extern "system" fn MiniportCancelOidRequest(_ctx: NDIS_HANDLE, _request_id: *mut c_void) {
    // Only the VMQ free-queue path pends, and it completes when NBLs return; it is not cancelable.
}

/// Byte counts of a completed OID written into the request (QUERY: BytesWritten/Needed; SET:
/// BytesRead/Needed; METHOD: all three).
///
/// # Safety
/// `req` must be a valid NDIS_OID_REQUEST.
pub(crate) unsafe fn write_oid_bytes(req: *mut NDIS_OID_REQUEST, b: OidBytes) {
    // SAFETY: per the function contract.
    let r = unsafe { &mut *req };
    match RequestType::from_ndis(r.request_type) {
        Some(RequestType::Method) => {
            r.data.bytes_written = b.written;
            r.data.bytes_read = b.read;
            r.data.bytes_needed = b.needed;
        }
        Some(RequestType::Set) => {
            // SET_INFORMATION: BytesRead at +20, BytesNeeded at +24 of DATA.
            r.data.output_buffer_length = b.read;
            r.data.method_id = b.needed;
        }
        _ => {
            // QUERY_INFORMATION: BytesWritten at +20, BytesNeeded at +24 of DATA.
            r.data.output_buffer_length = b.written;
            r.data.method_id = b.needed;
        }
    }
}

/// MiniportOidRequest: view NDIS's buffer as the miniport's `OidRequest`, dispatch, write back.
pub(crate) unsafe extern "system" fn MiniportOidRequest(ctx: NDIS_HANDLE, req: *mut c_void) -> NDIS_STATUS {
    let req = req as *mut NDIS_OID_REQUEST;
    if req.is_null() {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    // SAFETY: context registered at init.
    let c = unsafe { adapter_ctx(ctx) };
    // SAFETY: NDIS passes a valid request it owns until completion.
    let r = unsafe { &*req };
    let Some(rt) = RequestType::from_ndis(r.request_type) else {
        return NDIS_STATUS_NOT_SUPPORTED;
    };
    let d = r.data;
    // QUERY/SET: InformationBufferLength at +16; METHOD: Input +16, Output +20.
    let (buf_len, input_len) = match rt {
        RequestType::Method => (
            d.input_buffer_length.max(d.output_buffer_length),
            d.input_buffer_length,
        ),
        RequestType::Set => (d.input_buffer_length, d.input_buffer_length),
        _ => (d.input_buffer_length, 0),
    };
    let buffer: &mut [u8] = if d.information_buffer == 0 || buf_len == 0 {
        &mut []
    } else {
        // SAFETY: NDIS guarantees InformationBuffer is valid for the stated length (for a
        // method, the larger of input and output) until the request completes.
        unsafe { core::slice::from_raw_parts_mut(d.information_buffer as *mut u8, buf_len as usize) }
    };
    let mut oid = OidRequest {
        request_type: rt,
        oid: d.oid,
        buffer,
        input_len: input_len as usize,
        bytes_read: 0,
        bytes_written: 0,
        bytes_needed: 0,
        token: OidToken(req as u64),
    };
    // In flight until a final status is returned here or NdisOs::complete_oid hands a pended
    // request back; a control-device passthrough never overlaps it (`oid_gate`).
    c.os.oid_gate.ndis_begin();
    let outcome = match c.adapter.as_ref() {
        Some(a) => a.oid_request(&mut oid),
        None => match c.os.vf.read().as_ref() {
            Some(vf) => vf.oid(&*c.os, &mut oid),
            None => OidOutcome::Complete(NDIS_STATUS_FAILURE),
        },
    };
    match outcome {
        OidOutcome::Complete(st) => {
            let b = OidBytes {
                read: oid.bytes_read,
                written: oid.bytes_written,
                needed: oid.bytes_needed,
            };
            // SAFETY: `req` is valid (see above).
            unsafe { write_oid_bytes(req, b) };
            c.os.oid_gate.ndis_end();
            st
        }
        OidOutcome::Pending => NDIS_STATUS_PENDING,
    }
}

/// The data of one NET_BUFFER as up to `MAX_SEGS` slices of its MDL chain.
const MAX_SEGS: usize = 16;

/// # Safety
/// `mdl` must be a valid MDL.
unsafe fn mdl_va(mdl: *mut MDL) -> *mut u8 {
    // SAFETY: per the function contract.
    let m = unsafe { &*mdl };
    if m.MdlFlags & (MDL_MAPPED_TO_SYSTEM_VA | MDL_SOURCE_IS_NONPAGED_POOL) != 0
        && !m.MappedSystemVa.is_null()
    {
        return m.MappedSystemVa.cast();
    }
    // SAFETY: MmGetSystemAddressForMdlSafe for an unmapped MDL.
    unsafe {
        MmMapLockedPagesSpecifyCache(
            mdl,
            KERNEL_MODE,
            MM_CACHED,
            ptr::null_mut(),
            0,
            NORMAL_PAGE_PRIORITY_NO_EXECUTE,
        )
    }
    .cast()
}

/// MiniportSendNetBufferLists: every NB goes to the device's transmit path now; the whole chain
/// completes before return (NDIS_STATUS_PAUSED when the adapter is not running). In a child
/// partition every NB goes out from the VF's own queue through the VF adapter (spec 2.7), which
/// never reads the NBL's VPortId; a frame the embedded switch drops (anti-spoofing) still
/// completes SUCCESS (see `VfSendGuard::send_frame`).
pub(crate) unsafe extern "system" fn MiniportSendNetBufferLists(
    ctx: NDIS_HANDLE,
    nbls: *mut NET_BUFFER_LIST,
    _port: u32,
    send_flags: u32,
) {
    // SAFETY: context registered at init.
    let c = unsafe { adapter_ctx(ctx) };
    let guard = c.adapter.as_ref().and_then(|a| a.send_begin());
    // Child partition: the VF adapter (held for the call; only MiniportHaltEx takes it, and NDIS
    // never halts during a send).
    let vf_lock = if c.adapter.is_none() {
        Some(c.os.vf.read())
    } else {
        None
    };
    let vf_guard = vf_lock
        .as_ref()
        .and_then(|l| l.as_ref())
        .and_then(|v| v.send_begin(&*c.os));
    let mut nbl = nbls;
    while !nbl.is_null() {
        let mut status = NDIS_STATUS_SUCCESS;
        if guard.is_none() && vf_guard.is_none() {
            status = NDIS_STATUS_PAUSED;
        } else {
            {
                // The vswitch's VPortId (SR-IOV) or QueueId (VMQ) for this NBL (spec 2.4 / 1.6);
                // the adapter validates it and falls back to the default pool. A VF reads none.
                let target = if guard.is_some() {
                    // SAFETY: NDIS owns the chain and lends it until completion.
                    let info = unsafe { (*nbl).NetBufferListInfo[NET_BUFFER_LIST_FILTERING_INFO] };
                    u32::from(NDIS_NET_BUFFER_LIST_FILTERING_INFO::from_value(info as u64).queue_vport_info)
                } else {
                    0
                };
                // SAFETY: NDIS owns the chain and lends it until completion.
                let mut nb = unsafe { (*nbl).Header.FirstNetBuffer };
                while !nb.is_null() {
                    let mut segs: [&[u8]; MAX_SEGS] = [&[]; MAX_SEGS];
                    let mut n = 0usize;
                    // SAFETY: a valid NET_BUFFER of the lent chain.
                    // SAFETY: a valid NET_BUFFER of the lent chain.
                    let nbr = unsafe { &*nb };
                    let (mut mdl, mut off, mut left) = (
                        nbr.Data.CurrentMdl,
                        nbr.Data.CurrentMdlOffset as usize,
                        nbr.Data.DataLength as u32 as usize,
                    );
                    while left > 0 && !mdl.is_null() && n < MAX_SEGS {
                        // SAFETY: a valid MDL of the NB's chain.
                        let count = unsafe { (*mdl).ByteCount } as usize;
                        let take = count.saturating_sub(off).min(left);
                        // SAFETY: the MDL describes `count` mapped bytes.
                        let va = unsafe { mdl_va(mdl) };
                        if va.is_null() {
                            break;
                        }
                        if take > 0 {
                            // SAFETY: [off, off + take) lies within the MDL's mapped bytes, which stay
                            // valid until the NBL completes.
                            let seg = unsafe { core::slice::from_raw_parts(va.wrapping_add(off), take) };
                            if let Some(slot) = segs.get_mut(n) {
                                *slot = seg;
                                n += 1;
                            }
                        }
                        left -= take;
                        off = 0;
                        // SAFETY: valid MDL.
                        mdl = unsafe { (*mdl).Next };
                    }
                    let st = if left == 0 {
                        let parts = segs.get(..n).unwrap_or(&[]);
                        match (guard.as_ref(), vf_guard.as_ref()) {
                            (Some(g), _) => g.send_frame_on(parts, target),
                            (None, Some(v)) => v.send_frame(parts),
                            (None, None) => NDIS_STATUS_PAUSED,
                        }
                    } else {
                        NDIS_STATUS_INVALID_LENGTH
                    };
                    if st != NDIS_STATUS_SUCCESS {
                        status = st;
                    }
                    // SAFETY: valid NB.
                    nb = unsafe { (*nb).Data.Next };
                }
            }
        }
        // SAFETY: valid NBL of the lent chain.
        unsafe { (*nbl).Status = status };
        // SAFETY: valid NBL.
        nbl = unsafe { (*nbl).Header.Next };
    }
    let flags = if send_flags & NDIS_SEND_FLAGS_DISPATCH_LEVEL != 0 {
        NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL
    } else {
        0
    };
    if !nbls.is_null() {
        // SAFETY: the whole chain goes back to NDIS unchanged (Next links intact).
        unsafe { NdisMSendNetBufferListsComplete(c.handle.0, nbls, flags) };
    }
    drop(guard);
    drop(vf_guard);
    drop(vf_lock);
}

/// MiniportReturnNetBufferLists: each NBL is a receive slot; the bank and slot come from the
/// NBL's MiniportReserved (never from its QueueId).
pub(crate) unsafe extern "system" fn MiniportReturnNetBufferLists(
    ctx: NDIS_HANDLE,
    nbls: *mut NET_BUFFER_LIST,
    _flags: u32,
) {
    // SAFETY: context registered at init.
    let c = unsafe { adapter_ctx(ctx) };
    let mut nbl = nbls;
    while !nbl.is_null() {
        // SAFETY: NDIS returns NBLs this driver indicated.
        let next = unsafe { (*nbl).Header.Next };
        // SAFETY: valid NBL owned by the driver again.
        unsafe { (*nbl).Header.Next = ptr::null_mut() };
        // SAFETY: valid NBL.
        let (bank, slot): (RxBankId, u32) = unsafe { NdisOs::nbl_bank_slot(nbl) };
        match c.adapter.as_ref() {
            Some(a) => a.return_rx(bank, slot),
            // The VF adapter has one receive bank; the slot is all it needs.
            None => {
                if let Some(vf) = c.os.vf.read().as_ref() {
                    let _ = vf.return_rx(slot);
                }
            }
        }
        nbl = next;
    }
}
