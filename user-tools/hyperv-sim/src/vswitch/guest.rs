//! A guest partition on a VF (spec 2.7): the sim's guest NDIS for svnic's VF miniport, bound to
//! the model's VF `n` after the IOV sequence of [`super::iov::IovSwitch`] brought it up.
//!
//! * The guest's NdisMReadConfigBlock / NdisMWriteConfigBlock ([`Os::read_vf_config_block`] /
//!   [`Os::write_vf_config_block`]) call the sim's exports with the guest adapter's NDIS handle;
//!   the exports ([`read_config_block`] / [`write_config_block`]) carry them over the model's
//!   mailbox with svnic's framing (`VfRequester` on the VF side); the host side — the sim's stand-in for the virtualization
//!   stack — serves them with `carrier::pf_serve` and a [`Backchannel`] session, turning each
//!   finished transfer into OID_SRIOV_READ_VF_CONFIG_BLOCK / OID_SRIOV_WRITE_VF_CONFIG_BLOCK on the
//!   PF adapter through its real MiniportOidRequest ([`NicBlockBackend`]). Every such PF OID is
//!   logged ([`GuestVm::pf_block_oids`]).
//! * NdisMInvalidateConfigBlock calls the PF driver makes are OR-ed per (PF handle, VF) by the
//!   sim's export ([`pf_invalidated`]) and delivered to the guest as
//!   OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK (method) by [`GuestVm::deliver_invalidations`].
//! * The VF's receive queue lives in the guest's own shared memory: the device writes the VF's
//!   frames there and the guest's DPC ([`GuestVm::run_dpcs`]) indicates them; the PF's DPCs are
//!   not involved. Indicated buffers are returned at once, as NDIS returns NBLs.
//!
//! [`GuestVm`] drives svnic's VF miniport adapter (`svnic_miniport::vf::adapter::VfAdapter`)
//! directly, with code of the guest run in the child partition (NdisGetHypervisorInfo reports
//! MsHvChild there). [`BoundGuestVm`] instead starts the guest adapter through the driver's
//! `extern "system"` entry points: MiniportInitializeEx in the child partition (the binding's VF
//! mode, which finds the PF device and VF index through the [`VF_PARENT_KEYWORD`] /
//! [`VF_INDEX_KEYWORD`] keywords the sim sets, standing in for the VF's PCI resources),
//! MiniportOidRequest for invalidations, the adapter's own DPC (queued by
//! `AdapterRef::deliver_interrupt`, standing in for the VF's MSI-X in the guest) indicating
//! through NdisMIndicateReceiveNetBufferLists, MiniportHaltEx.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use crate::host::{AdapterRef, Host, OidResult};
use crate::vswitch::iov::{invalidate_buf, Backchannel, NicBlockBackend};
use crate::RequestType;
use svnic_abi::status::*;
use svnic_device::{Device, DmaRegion, VecRegion};
use svnic_miniport::oid::{OidBytes, OidOutcome, OidRequest, OidToken};
use svnic_miniport::os::*;
use svnic_miniport::sriov::abi::{OID_SRIOV_READ_VF_CONFIG_BLOCK, OID_SRIOV_WRITE_VF_CONFIG_BLOCK};
use svnic_miniport::sriov::mailbox::{BlockBackend, MailboxTransport, MbxMsg, VfRequester};
use svnic_miniport::sriov::model_hw::carrier;
use svnic_miniport::vf::adapter::{VfAdapter, VfQueueConfig};
use svnic_miniport::vf::{VfHardwareAssist, VfMiniport};

/// Receive buffers of the guest's VF queue.
pub const GUEST_RX_SLOTS: u32 = 64;
/// Length of one receive buffer.
pub const GUEST_RX_SLOT_LEN: u32 = 2048;

/// One OID the host's virtualization stack issued to the PF for the guest's backchannel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PfBlockOid {
    pub oid: u32,
    pub vf: u16,
    pub block: u32,
    pub status: u32,
}

/// One OID the guest's NDIS issued to the guest's VF miniport.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GuestOid {
    pub oid: u32,
    pub request_type: RequestType,
    pub status: u32,
}

/// What the guest NDIS hands the VF miniport back when it is halted with something outstanding.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GuestLeaks {
    pub shared_memory: usize,
    pub rx_banks: usize,
}

struct Bank {
    id: RxBankId,
    region: Arc<dyn DmaRegion>,
    slot_len: u32,
}

/// The guest partition's NDIS (the [`Os`] the VF miniport runs on).
pub struct GuestNdis<'h> {
    host: &'h Host,
    /// The guest VF adapter's NDIS handle.
    handle: usize,
    pf: usize,
    dev: Arc<Device>,
    vf: u16,
    backchannel: Mutex<Backchannel>,
    requester: Mutex<VfRequester>,
    pf_oids: Mutex<Vec<PfBlockOid>>,
    dpcs_scheduled: Mutex<u64>,
    rx: Mutex<Vec<Vec<u8>>>,
    returned: Mutex<Vec<u32>>,
    banks: Mutex<Vec<Bank>>,
    memory: Mutex<Vec<u64>>,
    next_handle: Mutex<u64>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().expect("guest lock")
}

/// The host end of one transfer: the block OID on the PF, logged.
struct LoggingBackend<'a, 'h> {
    inner: NicBlockBackend<'a, AdapterRef<'h>>,
    log: &'a Mutex<Vec<PfBlockOid>>,
}

impl BlockBackend for LoggingBackend<'_, '_> {
    fn read_block(&mut self, vf: u16, block: u32, out: &mut [u8]) -> NdisStatus {
        let status = self.inner.read_block(vf, block, out);
        lock(self.log).push(PfBlockOid {
            oid: OID_SRIOV_READ_VF_CONFIG_BLOCK,
            vf,
            block,
            status,
        });
        status
    }

    fn write_block(&mut self, vf: u16, block: u32, data: &[u8]) -> NdisStatus {
        let status = self.inner.write_block(vf, block, data);
        lock(self.log).push(PfBlockOid {
            oid: OID_SRIOV_WRITE_VF_CONFIG_BLOCK,
            vf,
            block,
            status,
        });
        status
    }
}

/// The mailbox as the guest's NDIS uses it: post, let the host serve, take the reply.
struct Wire<'a, 'h>(&'a GuestNdis<'h>);

impl MailboxTransport for Wire<'_, '_> {
    fn exchange(&mut self, req: &MbxMsg) -> Option<MbxMsg> {
        let g = self.0;
        carrier::vf_post(&g.dev, g.vf, req).ok()?;
        // The virtualization stack in the management OS serves the VF's mailbox.
        let nic = g.host.adapter(g.pf);
        let mut backend = LoggingBackend {
            inner: NicBlockBackend { nic: &nic },
            log: &g.pf_oids,
        };
        let mut bc = lock(&g.backchannel);
        let session = bc.session(g.vf)?;
        // The VSP runs in the management OS.
        let (_, served) = in_partition(false, || carrier::pf_serve(&g.dev, g.vf, session, &mut backend));
        if !served {
            return None;
        }
        carrier::vf_take_reply(&g.dev, g.vf)
    }
}

impl Os for GuestNdis<'_> {
    fn active_processor_count(&self, group: u16) -> u32 {
        if group == 0 {
            2
        } else {
            0
        }
    }
    fn current_processor(&self) -> ProcessorNumber {
        ProcessorNumber::default()
    }
    fn now_us(&self) -> u64 {
        0
    }
    fn indicate_status(&self, _: NdisStatus, _: &[u8]) {}
    fn complete_oid(&self, _: OidToken, _: NdisStatus, _: OidBytes) {}
    fn schedule_dpc(&self, _: ProcessorNumber) -> bool {
        *lock(&self.dpcs_scheduled) += 1;
        true
    }
    fn alloc_shared_memory(&self, req: SharedMemoryRequest) -> Result<SharedMemory, NdisStatus> {
        let handle = {
            let mut n = lock(&self.next_handle);
            *n += 1;
            *n
        };
        lock(&self.memory).push(handle);
        Ok(SharedMemory {
            handle,
            os_cookie: handle,
            len: req.len,
            region: Arc::new(VecRegion::new(req.len as usize)),
        })
    }
    fn free_shared_memory(&self, mem: SharedMemory) {
        lock(&self.memory).retain(|h| *h != mem.handle);
    }
    fn create_rx_bank(&self, spec: &RxBankSpec<'_>) -> Result<(), NdisStatus> {
        let mut banks = lock(&self.banks);
        if banks.iter().any(|b| b.id == spec.bank) {
            return Err(NDIS_STATUS_FAILURE);
        }
        banks.push(Bank {
            id: spec.bank,
            region: spec.memory.region.clone(),
            slot_len: spec.slot_len,
        });
        Ok(())
    }
    fn destroy_rx_bank(&self, bank: RxBankId) {
        lock(&self.banks).retain(|b| b.id != bank);
    }
    fn indicate_receive(&self, ind: &RxIndication<'_>) {
        let banks = lock(&self.banks);
        let Some(bank) = banks.iter().find(|b| b.id == ind.bank) else {
            return;
        };
        let mut rx = lock(&self.rx);
        let mut returned = lock(&self.returned);
        for f in ind.frames {
            let mut v = vec![0u8; f.len as usize];
            let at = f.slot as usize * bank.slot_len as usize + f.offset as usize;
            if bank.region.read(at, &mut v) {
                rx.push(v);
            }
            returned.push(f.slot);
        }
    }
    fn pause_complete(&self) {}
    fn enable_virtualization(&self, _: u16, _: bool) -> NdisStatus {
        NDIS_STATUS_NOT_SUPPORTED
    }
    fn invalidate_vf_config_block(&self, _: u16, _: u64) -> NdisStatus {
        // Only the PF invalidates.
        NDIS_STATUS_NOT_SUPPORTED
    }
    fn read_vf_config_block(&self, block_id: u32, out: &mut [u8]) -> NdisStatus {
        let Ok(len) = u32::try_from(out.len()) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        // SAFETY: the guest adapter's handle and a buffer of `len` writable bytes that outlives the call.
        unsafe {
            crate::exports::NdisMReadConfigBlock(self.handle as _, block_id, out.as_mut_ptr().cast(), len)
        }
    }
    fn write_vf_config_block(&self, block_id: u32, data: &[u8]) -> NdisStatus {
        let Ok(len) = u32::try_from(data.len()) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        // SAFETY: the guest adapter's handle and `len` readable bytes; the export only reads them.
        unsafe {
            crate::exports::NdisMWriteConfigBlock(self.handle as _, block_id, data.as_ptr() as *mut _, len)
        }
    }
}

impl GuestNdis<'_> {
    fn carry_read(&self, block_id: u32, out: &mut [u8]) -> NdisStatus {
        lock(&self.requester).read_block(&mut Wire(self), block_id, out)
    }
    fn carry_write(&self, block_id: u32, data: &[u8]) -> NdisStatus {
        lock(&self.requester).write_block(&mut Wire(self), block_id, data)
    }
}

// ---- partitions: NdisGetHypervisorInfo ----------------------------------------------------

/// NDIS_HYPERVISOR_INFO_FLAG_HYPERVISOR_PRESENT.
pub const HYPERVISOR_PRESENT: u32 = 0x1;
/// NDIS_HYPERVISOR_PARTITION_TYPE NdisHypervisorPartitionTypeMsHvParent.
pub const PARTITION_MS_HV_PARENT: u32 = 1;
/// NDIS_HYPERVISOR_PARTITION_TYPE NdisHypervisorPartitionMsHvChild.
pub const PARTITION_MS_HV_CHILD: u32 = 2;
/// NDIS_SIZEOF_HYPERVISOR_INFO_REVISION_1: header, Flags, PartitionType.
pub const HYPERVISOR_INFO_SIZE: usize = 12;
const HYPERVISOR_INFO_REVISION_1: u8 = 1;
const NDIS_OBJECT_TYPE_DEFAULT: u8 = 0x80;

thread_local! {
    /// Whether the code running on this thread runs in a guest (child) partition.
    static IN_GUEST: Cell<bool> = const { Cell::new(false) };
}

/// Run `f` in the guest partition (`true`) or the management OS (`false`).
pub(crate) fn in_partition<R>(guest: bool, f: impl FnOnce() -> R) -> R {
    let prev = IN_GUEST.with(|g| g.replace(guest));
    let r = f();
    IN_GUEST.with(|g| g.set(prev));
    r
}

/// The partition type NdisGetHypervisorInfo reports to the calling code.
pub fn current_partition() -> u32 {
    if IN_GUEST.with(Cell::get) {
        PARTITION_MS_HV_CHILD
    } else {
        PARTITION_MS_HV_PARENT
    }
}

/// NdisGetHypervisorInfo on the caller's NDIS_HYPERVISOR_INFO (`b`: its first
/// [`HYPERVISOR_INFO_SIZE`] bytes): validate the header the caller set, fill Flags and
/// PartitionType.
pub fn fill_hypervisor_info(b: &mut [u8]) -> NdisStatus {
    let Some(b) = b.get_mut(..HYPERVISOR_INFO_SIZE) else {
        return NDIS_STATUS_BUFFER_TOO_SHORT;
    };
    let size = usize::from(u16::from_le_bytes([b[2], b[3]]));
    if size < HYPERVISOR_INFO_SIZE {
        return NDIS_STATUS_BUFFER_TOO_SHORT;
    }
    if b[0] != NDIS_OBJECT_TYPE_DEFAULT || b[1] < HYPERVISOR_INFO_REVISION_1 {
        return NDIS_STATUS_INVALID_PARAMETER;
    }
    b[4..8].copy_from_slice(&HYPERVISOR_PRESENT.to_le_bytes());
    b[8..12].copy_from_slice(&current_partition().to_le_bytes());
    NDIS_STATUS_SUCCESS
}

// ---- the sim's NDIS: guest handles and PF invalidations ------------------------------------

/// First NDIS handle given to a guest VF adapter (disjoint from the sim's adapter handles,
/// which are heap addresses).
const GUEST_HANDLE_BASE: usize = 0x6E57_0000;

#[derive(Default)]
struct GuestRegistry {
    /// Guest adapter handle -> address of its boxed [`GuestNdis`] (registered while its
    /// [`GuestVm`] lives).
    guests: Mutex<HashMap<usize, usize>>,
    /// (PF handle, VF) -> OR of the masks NdisMInvalidateConfigBlock gave, not yet delivered.
    pending: Mutex<HashMap<(usize, u16), u64>>,
}

fn registry() -> &'static GuestRegistry {
    static R: OnceLock<GuestRegistry> = OnceLock::new();
    R.get_or_init(GuestRegistry::default)
}

static NEXT_GUEST: AtomicUsize = AtomicUsize::new(0);

/// Run `f` on the guest NDIS registered under `handle`, if any.
fn with_guest<R>(handle: usize, f: impl FnOnce(&GuestNdis<'_>) -> R) -> Option<R> {
    let guests = lock(&registry().guests);
    let addr = *guests.get(&handle)?;
    // SAFETY: `addr` is the address of a boxed GuestNdis registered by GuestVm::start and removed
    // by GuestVm's Drop before the box is freed; the registry lock, held for the whole call, keeps
    // that removal (and so the free) from happening while `f` runs.
    let g = unsafe { &*(addr as *const GuestNdis<'_>) };
    Some(f(g))
}

/// NdisMReadConfigBlock with a guest VF adapter's handle: carried over the model's mailbox to the
/// host, which reads the block from the PF with OID_SRIOV_READ_VF_CONFIG_BLOCK. `None` when
/// `handle` is not a guest adapter.
pub fn read_config_block(handle: usize, block_id: u32, out: &mut [u8]) -> Option<NdisStatus> {
    with_guest(handle, |g| g.carry_read(block_id, out))
}

/// NdisMWriteConfigBlock with a guest VF adapter's handle (OID_SRIOV_WRITE_VF_CONFIG_BLOCK on the PF).
pub fn write_config_block(handle: usize, block_id: u32, data: &[u8]) -> Option<NdisStatus> {
    with_guest(handle, |g| g.carry_write(block_id, data))
}

/// NdisMInvalidateConfigBlock(VFId, BlockMask) by the PF adapter `pf_handle`: OR the mask into
/// what is pending for that VF until the guest gets OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK.
/// (Delivery is deferred: the PF makes this call inside its own OID handling.)
pub fn pf_invalidated(pf_handle: usize, vf: u16, mask: u64) {
    let mut p = lock(&registry().pending);
    *p.entry((pf_handle, vf)).or_insert(0) |= mask;
}

fn take_pending(pf_handle: usize, vf: u16) -> Option<u64> {
    let m = lock(&registry().pending).remove(&(pf_handle, vf))?;
    (m != 0).then_some(m)
}

/// A VM on VF `vf` of the PF adapter `pf`: the guest NDIS and the VF miniport bound in it.
pub struct GuestVm<'h> {
    ndis: Box<GuestNdis<'h>>,
    adapter: VfAdapter,
    pf_handle: usize,
    oids: Vec<GuestOid>,
    next_token: u64,
}

impl<'h> GuestVm<'h> {
    /// Start the VM: bind the VF miniport to VF `vf` of adapter `pf` (MiniportInitializeEx in
    /// child-partition mode: configuration over the backchannel, then the VF's own queue aimed at
    /// processor 1 of the guest). The VF must be allocated and enabled (ALLOCATE_VF done).
    pub fn start(host: &'h Host, pf: usize, vf: u16) -> Result<Self, NdisStatus> {
        let dev = host
            .adapter(pf)
            .driver_adapter()
            .ok_or(NDIS_STATUS_ADAPTER_NOT_READY)?
            .nic()
            .device()
            .clone();
        let total_vfs = vf.checked_add(1).ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
        let pf_handle = host.adapter(pf).ndis_handle();
        let handle = GUEST_HANDLE_BASE + NEXT_GUEST.fetch_add(1, Ordering::Relaxed);
        let ndis = Box::new(GuestNdis {
            host,
            handle,
            pf,
            dev,
            vf,
            backchannel: Mutex::new(Backchannel::new(total_vfs)),
            requester: Mutex::new(VfRequester::new()),
            pf_oids: Mutex::new(vec![]),
            dpcs_scheduled: Mutex::new(0),
            rx: Mutex::new(vec![]),
            returned: Mutex::new(vec![]),
            banks: Mutex::new(vec![]),
            memory: Mutex::new(vec![]),
            next_handle: Mutex::new(0),
        });
        // Invalidations made before the VM started describe blocks it reads now anyway.
        let _ = take_pending(pf_handle, vf);
        lock(&registry().guests).insert(handle, &*ndis as *const GuestNdis<'_> as usize);
        let q = VfQueueConfig {
            slots: GUEST_RX_SLOTS,
            slot_len: GUEST_RX_SLOT_LEN,
            processor: ProcessorNumber { group: 0, number: 1 },
        };
        let dev = ndis.dev.clone();
        let adapter = match in_partition(true, || VfAdapter::initialize(&*ndis, dev, vf, q)) {
            Ok(a) => a,
            Err(e) => {
                lock(&registry().guests).remove(&handle);
                return Err(e);
            }
        };
        Ok(Self {
            ndis,
            adapter,
            pf_handle,
            oids: vec![],
            next_token: 0,
        })
    }

    /// Run `f` as code in this VM's (child) partition.
    pub fn run_in_guest<R>(&self, f: impl FnOnce() -> R) -> R {
        in_partition(true, f)
    }

    /// The guest VF adapter's NDIS handle.
    pub fn ndis_handle(&self) -> usize {
        self.ndis.handle
    }

    /// The guest's NDIS.
    pub fn ndis(&self) -> &GuestNdis<'h> {
        &self.ndis
    }

    /// The VF miniport's state (a copy).
    pub fn miniport(&self) -> VfMiniport {
        self.adapter.miniport()
    }

    /// What the VF reports in its hardware-assist attributes.
    pub fn hardware_assist(&self) -> VfHardwareAssist {
        VfMiniport::hardware_assist()
    }

    /// The VF it is bound to.
    pub fn vf(&self) -> u16 {
        self.ndis.vf
    }

    /// Block OIDs the host issued to the PF for this guest, in order.
    pub fn pf_block_oids(&self) -> Vec<PfBlockOid> {
        lock(&self.ndis.pf_oids).clone()
    }

    /// OIDs the guest's NDIS issued to the VF miniport, in order.
    pub fn guest_oids(&self) -> &[GuestOid] {
        &self.oids
    }

    /// One OID request to the guest's VF miniport. Method: `input` then room for `out_len`.
    pub fn oid(&mut self, rt: RequestType, oid: u32, input: &[u8], out_len: usize) -> OidResult {
        let mut buf = input.to_vec();
        buf.resize(input.len().max(out_len), 0);
        let input_len = match rt {
            RequestType::Query => 0,
            _ => input.len(),
        };
        self.next_token += 1;
        let mut req = OidRequest {
            request_type: rt,
            oid,
            buffer: &mut buf,
            input_len,
            bytes_read: 0,
            bytes_written: 0,
            bytes_needed: 0,
            token: OidToken(self.next_token),
        };
        let outcome = in_partition(true, || self.adapter.oid(&*self.ndis, &mut req));
        let status = match outcome {
            OidOutcome::Complete(st) => st,
            // The VF miniport completes everything inline.
            _ => NDIS_STATUS_FAILURE,
        };
        let (bytes_read, bytes_written, bytes_needed) = (req.bytes_read, req.bytes_written, req.bytes_needed);
        buf.truncate(bytes_written as usize);
        self.oids.push(GuestOid {
            oid,
            request_type: rt,
            status,
        });
        OidResult {
            status,
            bytes_read,
            bytes_written,
            bytes_needed,
            out: buf,
        }
    }

    /// The virtualization stack's turn: deliver the OR of the masks the PF driver gave
    /// NdisMInvalidateConfigBlock for this VF since the last delivery, as
    /// OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK through the VF miniport's OID handler. Returns the
    /// delivered mask and the OID's status.
    pub fn deliver_invalidations(&mut self) -> Option<(u64, u32)> {
        let mask = take_pending(self.pf_handle, self.ndis.vf)?;
        let r = self.oid(
            RequestType::Method,
            svnic_miniport::sriov::abi::OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK,
            &invalidate_buf(mask),
            0,
        );
        Some((mask, r.status))
    }

    /// Run the VF's receive DPC until it finds nothing (the VF's MSI-X vector fired), returning
    /// buffers as NDIS returns NBLs. Returns the frames indicated.
    pub fn run_dpcs(&mut self) -> usize {
        if self.adapter.halted() {
            return 0;
        }
        let mut total = 0;
        loop {
            let n = in_partition(true, || self.adapter.dpc(&*self.ndis));
            for slot in std::mem::take(&mut *lock(&self.ndis.returned)) {
                self.adapter.return_rx(slot);
            }
            if n == 0 {
                break;
            }
            total += n;
        }
        total
    }

    /// Frames the guest received (its receive capture).
    pub fn received(&self) -> Vec<Vec<u8>> {
        lock(&self.ndis.rx).clone()
    }

    /// DPCs the guest's VF miniport queued (its own, never the PF's).
    pub fn dpcs_scheduled(&self) -> u64 {
        *lock(&self.ndis.dpcs_scheduled)
    }

    /// Frames the VF's queue indicated.
    pub fn indicated(&self) -> u64 {
        self.adapter.indicated()
    }

    /// MiniportHaltEx of the VF miniport: stop its queue, free its memory. Reports what the
    /// guest's NDIS still holds (nothing, when the miniport cleaned up).
    pub fn halt(mut self) -> Result<(), GuestLeaks> {
        in_partition(true, || self.adapter.halt(&*self.ndis));
        let leaks = GuestLeaks {
            shared_memory: lock(&self.ndis.memory).len(),
            rx_banks: lock(&self.ndis.banks).len(),
        };
        if leaks == GuestLeaks::default() {
            Ok(())
        } else {
            Err(leaks)
        }
    }
}

impl Drop for GuestVm<'_> {
    /// The guest adapter's handle dies with it (after any in-flight backchannel call).
    fn drop(&mut self) {
        in_partition(true, || self.adapter.halt(&*self.ndis));
        lock(&registry().guests).remove(&self.ndis.handle);
    }
}

/// Keywords hyperv-sim sets in a guest VF adapter's configuration for the binding to find its
/// hardware (see the binding's `initialize_vf`): the PF adapter's index and the VF index.
pub const VF_PARENT_KEYWORD: &str = "SvnicVfParent";
/// See [`VF_PARENT_KEYWORD`].
pub const VF_INDEX_KEYWORD: &str = "SvnicVfIndex";

/// A VM on VF `vf` of PF adapter `pf` whose VF adapter is svnic's binding itself: the guest
/// adapter is a sim adapter initialized through DriverEntry's MiniportInitializeEx in the child
/// partition, its OIDs go through the binding's MiniportOidRequest, its receives come through
/// NdisMIndicateReceiveNetBufferLists into the adapter's capture. The guest NDIS here only
/// carries NdisMReadConfigBlock / NdisMWriteConfigBlock for that adapter's handle to the PF.
pub struct BoundGuestVm<'h> {
    host: &'h Host,
    ndis: Box<GuestNdis<'h>>,
    index: usize,
    pf_handle: usize,
}

impl<'h> BoundGuestVm<'h> {
    /// Start the VM: a new adapter (keywords naming PF `pf` and VF `vf`), initialized in the
    /// child partition. The VF must be allocated and enabled.
    pub fn start(host: &'h Host, pf: usize, vf: u16) -> Result<Self, crate::host::HostError> {
        Self::start_with(host, pf, vf, true)
    }

    /// [`start`](Self::start) without MiniportRestart: the guest adapter stays paused as NDIS
    /// leaves it after MiniportInitializeEx (see [`restart`](Self::restart)).
    pub fn start_paused(host: &'h Host, pf: usize, vf: u16) -> Result<Self, crate::host::HostError> {
        Self::start_with(host, pf, vf, false)
    }

    fn start_with(host: &'h Host, pf: usize, vf: u16, restart: bool) -> Result<Self, crate::host::HostError> {
        let dev = host
            .adapter(pf)
            .driver_adapter()
            .ok_or(crate::host::HostError::NotRegistered)?
            .nic()
            .device()
            .clone();
        let total_vfs = vf.saturating_add(1);
        let pf_handle = host.adapter(pf).ndis_handle();
        let mut ndis = Box::new(GuestNdis {
            host,
            handle: 0,
            pf,
            dev,
            vf,
            backchannel: Mutex::new(Backchannel::new(total_vfs)),
            requester: Mutex::new(VfRequester::new()),
            pf_oids: Mutex::new(vec![]),
            dpcs_scheduled: Mutex::new(0),
            rx: Mutex::new(vec![]),
            returned: Mutex::new(vec![]),
            banks: Mutex::new(vec![]),
            memory: Mutex::new(vec![]),
            next_handle: Mutex::new(0),
        });
        let _ = take_pending(pf_handle, vf);
        let mut kws = HashMap::new();
        kws.insert(VF_PARENT_KEYWORD.to_string(), crate::ConfigValue::Int(pf as u32));
        kws.insert(
            VF_INDEX_KEYWORD.to_string(),
            crate::ConfigValue::Int(u32::from(vf)),
        );
        let ndis_ptr: *mut GuestNdis<'h> = &mut *ndis;
        let r = host.add_adapter_in(kws, restart, true, |h| {
            // SAFETY: the box is alive and not otherwise borrowed during add_adapter_in.
            unsafe { (*ndis_ptr).handle = h };
            lock(&registry().guests).insert(h, ndis_ptr as usize);
        });
        match r {
            Ok(index) => Ok(Self {
                host,
                ndis,
                index,
                pf_handle,
            }),
            Err(e) => {
                lock(&registry().guests).remove(&ndis.handle);
                Err(e)
            }
        }
    }

    /// The guest adapter (its index in the host).
    pub fn adapter(&self) -> AdapterRef<'h> {
        self.host.adapter(self.index)
    }

    /// The OIDs the host issued to the PF for this guest's backchannel.
    pub fn pf_block_oids(&self) -> Vec<PfBlockOid> {
        lock(&self.ndis.pf_oids).clone()
    }

    /// Deliver what the PF invalidated for this VF as OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK
    /// (method) through the guest adapter's MiniportOidRequest; returns (mask, status).
    pub fn deliver_invalidations(&self) -> Option<(u64, u32)> {
        let mask = take_pending(self.pf_handle, self.ndis.vf)?;
        let buf = invalidate_buf(mask);
        let r = in_partition(true, || {
            self.adapter().oid(
                RequestType::Method,
                svnic_miniport::sriov::abi::OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK,
                &buf,
                0,
            )
        });
        Some((mask, r.status))
    }

    /// Send `frames` as one NBL chain through the guest adapter's MiniportSendNetBufferLists,
    /// in the child partition (the NBLs carry no VPortId: a VF never sets one). Returns the
    /// statuses the NBLs completed with, in order.
    pub fn send(&self, frames: &[Vec<u8>]) -> Vec<u32> {
        in_partition(true, || self.adapter().send(frames))
    }

    /// MiniportRestart of the guest adapter, in the child partition.
    pub fn restart(&self) -> u32 {
        in_partition(true, || self.adapter().restart())
    }

    /// MiniportPause of the guest adapter, in the child partition (waits for
    /// NdisMPauseComplete when it pends).
    pub fn pause(&self) -> Result<u32, crate::host::HostError> {
        in_partition(true, || self.adapter().pause())
    }

    /// Halt the guest adapter (MiniportHaltEx) and unregister its backchannel.
    pub fn halt(self) -> Result<(), crate::LeakReport> {
        let r = self.adapter().halt();
        lock(&registry().guests).remove(&self.ndis.handle);
        r
    }
}

impl Drop for BoundGuestVm<'_> {
    fn drop(&mut self) {
        lock(&registry().guests).remove(&self.ndis.handle);
    }
}
