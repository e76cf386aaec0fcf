//! A guest partition on a VF (spec 2.7): the sim's guest NDIS for svnic's VF adapter, bound to
//! the model's VF `n` after the IOV sequence of [`super::iov::IovSwitch`] brought it up.
//!
//! [`BoundGuestVm`] starts the guest adapter through the driver's own `extern "system"` entry
//! points, as Windows does in the VM: MiniportInitializeEx in the child partition (the binding's
//! VF mode, which finds the PF device and VF index through the [`VF_PARENT_KEYWORD`] /
//! [`VF_INDEX_KEYWORD`] keywords the sim sets, standing in for the VF's PCI resources),
//! MiniportOidRequest, MiniportSendNetBufferLists, MiniportPause / MiniportRestart and
//! MiniportHaltEx, all run as code of the child partition (NdisGetHypervisorInfo reports
//! MsHvChild there).
//!
//! * The guest's NdisMReadConfigBlock / NdisMWriteConfigBlock call the sim's exports with the
//!   guest adapter's NDIS handle; the exports ([`read_config_block`] / [`write_config_block`])
//!   carry them over the model's mailbox with svnic's framing (`VfRequester` on the VF side);
//!   the host side — the sim's stand-in for the virtualization stack — serves them with
//!   `carrier::pf_serve` and a [`Backchannel`] session, turning each finished transfer into
//!   OID_SRIOV_READ_VF_CONFIG_BLOCK / OID_SRIOV_WRITE_VF_CONFIG_BLOCK on the PF adapter through
//!   its real MiniportOidRequest ([`NicBlockBackend`]). Every such PF OID is logged
//!   ([`BoundGuestVm::pf_block_oids`]).
//! * NdisMInvalidateConfigBlock calls the PF driver makes are OR-ed per (PF handle, VF) by the
//!   sim's export ([`pf_invalidated`]) and delivered to the guest adapter as
//!   OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK (method) through its MiniportOidRequest by
//!   [`BoundGuestVm::deliver_invalidations`].
//! * The VF's receive queue lives in the guest adapter's own shared memory. The VF's MSI-X
//!   message is the guest's (the PF driver ignores VF vectors): [`BoundGuestVm::run_dpcs`]
//!   stands in for it, queueing the guest adapter's DPC on the processor the VF's queue vector
//!   targets when the device wrote frames the guest has not indicated yet; the DPC indicates them
//!   through NdisMIndicateReceiveNetBufferLists into the guest adapter's capture. The sim's
//!   processors run the guest's DPCs too (standing in for the VM's virtual processors), so the
//!   guest's DPCs are counted as the host's DPC runs minus the PF adapters' own DPC runs
//!   (`DriverCounters::dpc_runs`) while only the guest's interrupt is outstanding.

use std::cell::Cell;
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use crate::host::{AdapterRef, Host, HostError, OidResult};
use crate::state::{CapturedRx, LeakReport};
use crate::vswitch::iov::{invalidate_buf, Backchannel, NicBlockBackend};
use crate::RequestType;
use svnic_abi::status::NdisStatus;
use svnic_abi::status::*;
use svnic_device::{Device, DropReason, Function};
use svnic_miniport::sriov::abi::{
    OID_SRIOV_READ_VF_CONFIG_BLOCK, OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK, OID_SRIOV_WRITE_VF_CONFIG_BLOCK,
};
use svnic_miniport::sriov::mailbox::{BlockBackend, MailboxTransport, MbxMsg, VfRequester};
use svnic_miniport::sriov::model_hw::carrier;
use svnic_miniport::vf::datapath::VF_QUEUE_VECTOR;

/// One OID the host's virtualization stack issued to the PF for the guest's backchannel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PfBlockOid {
    pub oid: u32,
    pub vf: u16,
    pub block: u32,
    pub status: u32,
}

/// One OID the guest's NDIS issued to the guest VF adapter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GuestOid {
    pub oid: u32,
    pub request_type: RequestType,
    pub status: u32,
}

/// The guest partition's NDIS, as far as the sim's exports need it for the guest adapter's
/// handle: the backchannel NdisMReadConfigBlock / NdisMWriteConfigBlock are carried over.
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

#[derive(Default)]
struct GuestRegistry {
    /// Guest adapter handle -> address of its boxed [`GuestNdis`] (registered while its
    /// [`BoundGuestVm`] lives).
    guests: Mutex<HashMap<usize, usize>>,
    /// (PF handle, VF) -> OR of the masks NdisMInvalidateConfigBlock gave, not yet delivered.
    pending: Mutex<HashMap<(usize, u16), u64>>,
}

fn registry() -> &'static GuestRegistry {
    static R: OnceLock<GuestRegistry> = OnceLock::new();
    R.get_or_init(GuestRegistry::default)
}

/// Run `f` on the guest NDIS registered under `handle`, if any.
fn with_guest<R>(handle: usize, f: impl FnOnce(&GuestNdis<'_>) -> R) -> Option<R> {
    let guests = lock(&registry().guests);
    let addr = *guests.get(&handle)?;
    // SAFETY: `addr` is the address of a boxed GuestNdis registered by BoundGuestVm::start and
    // removed by BoundGuestVm's halt / Drop before the box is freed; the registry lock, held for
    // the whole call, keeps that removal (and so the free) from happening while `f` runs.
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

/// Keywords hyperv-sim sets in a guest VF adapter's configuration for the binding to find its
/// hardware (see the binding's `initialize_vf`): the PF adapter's index and the VF index.
pub const VF_PARENT_KEYWORD: &str = "SvnicVfParent";
/// See [`VF_PARENT_KEYWORD`].
pub const VF_INDEX_KEYWORD: &str = "SvnicVfIndex";

/// The transmit side of a VF's pool as the NIC counts it (the embedded switch's view).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VfTxCounters {
    /// Frames the VF's queue sent into the switch (anti-spoofing passed).
    pub frames: u64,
    /// Frames the switch dropped for a source MAC / VLAN the VF may not use.
    pub spoofed: u64,
    /// Every transmit drop of the pool, spoofed ones included.
    pub dropped: u64,
}

/// DPC runs of every PF adapter of `host`, from the driver's own counter
/// (`DriverCounters::dpc_runs`, counted at the top of the PF's receive DPC): the management
/// OS's DPCs. A guest VF adapter's DPCs are not among them (its adapter has no PF counters),
/// though the sim's processors run them too.
pub fn pf_dpc_runs(host: &Host) -> u64 {
    (0..host.adapter_count())
        .filter_map(|i| host.adapter(i).driver_adapter())
        .map(|a| a.driver_counters().dpc_runs.load(Ordering::Relaxed))
        .sum()
}

/// A VM on VF `vf` of PF adapter `pf` whose VF adapter is svnic's binding itself: the guest
/// adapter is a sim adapter initialized through DriverEntry's MiniportInitializeEx in the child
/// partition, its OIDs go through the binding's MiniportOidRequest, its sends through
/// MiniportSendNetBufferLists (from the VF's own queue, anti-spoofing applied by the NIC's
/// embedded switch), its receives come through NdisMIndicateReceiveNetBufferLists into the
/// adapter's capture. The guest NDIS here only carries NdisMReadConfigBlock /
/// NdisMWriteConfigBlock for that adapter's handle to the PF.
pub struct BoundGuestVm<'h> {
    host: &'h Host,
    ndis: Box<GuestNdis<'h>>,
    index: usize,
    pf_handle: usize,
    /// The VF queue's receive `frames` counter when the VM started (frames the device wrote for
    /// an earlier guest on the same VF are not this guest's).
    rx_base: u64,
    oids: Mutex<Vec<GuestOid>>,
    dpcs: Mutex<u64>,
}

impl<'h> BoundGuestVm<'h> {
    /// Start the VM: a new adapter (keywords naming PF `pf` and VF `vf`), initialized in the
    /// child partition, then MiniportRestart. The VF must be allocated and enabled.
    pub fn start(host: &'h Host, pf: usize, vf: u16) -> Result<Self, HostError> {
        Self::start_with(host, pf, vf, true)
    }

    /// [`start`](Self::start) without MiniportRestart: the guest adapter stays paused as NDIS
    /// leaves it after MiniportInitializeEx (see [`restart`](Self::restart)).
    pub fn start_paused(host: &'h Host, pf: usize, vf: u16) -> Result<Self, HostError> {
        Self::start_with(host, pf, vf, false)
    }

    fn start_with(host: &'h Host, pf: usize, vf: u16, restart: bool) -> Result<Self, HostError> {
        let dev = host
            .adapter(pf)
            .driver_adapter()
            .ok_or(HostError::NotRegistered)?
            .nic()
            .device()
            .clone();
        let total_vfs = vf.saturating_add(1);
        let pf_handle = host.adapter(pf).ndis_handle();
        let rx_base = vf_rx_written(&dev, vf);
        let mut ndis = Box::new(GuestNdis {
            host,
            handle: 0,
            pf,
            dev,
            vf,
            backchannel: Mutex::new(Backchannel::new(total_vfs)),
            requester: Mutex::new(VfRequester::new()),
            pf_oids: Mutex::new(vec![]),
        });
        // Invalidations made before the VM started describe blocks it reads at init anyway.
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
                rx_base,
                oids: Mutex::new(vec![]),
                dpcs: Mutex::new(0),
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

    /// The guest VF adapter's NDIS handle.
    pub fn ndis_handle(&self) -> usize {
        self.ndis.handle
    }

    /// The VF it is bound to.
    pub fn vf(&self) -> u16 {
        self.ndis.vf
    }

    /// Run `f` as code in this VM's (child) partition.
    pub fn run_in_guest<R>(&self, f: impl FnOnce() -> R) -> R {
        in_partition(true, f)
    }

    /// The OIDs the host issued to the PF for this guest's backchannel, in order.
    pub fn pf_block_oids(&self) -> Vec<PfBlockOid> {
        lock(&self.ndis.pf_oids).clone()
    }

    /// One OID request from the guest's NDIS to the guest adapter's MiniportOidRequest, in the
    /// child partition (see [`AdapterRef::oid`] for the buffer); logged in
    /// [`guest_oids`](Self::guest_oids).
    pub fn oid(&self, rt: RequestType, oid: u32, input: &[u8], out_len: usize) -> OidResult {
        let r = in_partition(true, || self.adapter().oid(rt, oid, input, out_len));
        lock(&self.oids).push(GuestOid {
            oid,
            request_type: rt,
            status: r.status,
        });
        r
    }

    /// OIDs the guest's NDIS issued through [`oid`](Self::oid) (and so
    /// [`deliver_invalidations`](Self::deliver_invalidations)), in order.
    pub fn guest_oids(&self) -> Vec<GuestOid> {
        lock(&self.oids).clone()
    }

    /// The virtualization stack's turn: deliver the OR of the masks the PF driver gave
    /// NdisMInvalidateConfigBlock for this VF since the last delivery, as
    /// OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK (method) through the guest adapter's
    /// MiniportOidRequest. Returns the delivered mask and the OID's status.
    pub fn deliver_invalidations(&self) -> Option<(u64, u32)> {
        let mask = take_pending(self.pf_handle, self.ndis.vf)?;
        let r = self.oid(
            RequestType::Method,
            OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK,
            &invalidate_buf(mask),
            0,
        );
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
    pub fn pause(&self) -> Result<u32, HostError> {
        in_partition(true, || self.adapter().pause())
    }

    /// MiniportPause of the guest adapter, in the child partition, without waiting: PENDING
    /// until the driver calls NdisMPauseComplete (see [`AdapterRef::pause_completed`] and
    /// [`AdapterRef::wait_pause`]).
    pub fn pause_begin(&self) -> u32 {
        in_partition(true, || self.adapter().pause_begin())
    }

    /// The VF's MSI-X message, as Hyper-V delivers it inside the VM: when the device wrote
    /// frames into the VF's queue that the guest adapter has not indicated yet, queue the guest
    /// adapter's DPC on the processor the VF's queue vector targets and wait until it (and
    /// every DPC it queued again) ran. Counts those DPCs (see
    /// [`dpcs_scheduled`](Self::dpcs_scheduled)); the caller keeps other traffic out while it
    /// runs. Returns the frames indicated.
    pub fn run_dpcs(&self) -> u64 {
        let a = self.adapter();
        let mut total = 0;
        loop {
            self.host.quiesce();
            let written = vf_rx_written(&self.ndis.dev, self.ndis.vf).saturating_sub(self.rx_base);
            let (indicated, _) = a.rx_nbl_counts();
            if written <= indicated {
                return total;
            }
            let (host_before, pf_before) = (self.host_dpcs(), pf_dpc_runs(self.host));
            if !a.deliver_interrupt(self.queue_processor()) {
                return total;
            }
            self.host.quiesce();
            let ran = self
                .host_dpcs()
                .saturating_sub(host_before)
                .saturating_sub(pf_dpc_runs(self.host).saturating_sub(pf_before));
            *lock(&self.dpcs) += ran;
            let now = a.rx_nbl_counts().0;
            if now == indicated {
                return total;
            }
            total += now.saturating_sub(indicated);
        }
    }

    /// DPCs the guest adapter ran for the interrupts [`run_dpcs`](Self::run_dpcs) delivered:
    /// one per interrupt plus one per time its DPC queued itself again (budget used up).
    pub fn dpcs_scheduled(&self) -> u64 {
        *lock(&self.dpcs)
    }

    /// Frames the guest adapter indicated (its receive NBLs; each holds one frame).
    pub fn indicated(&self) -> u64 {
        self.adapter().rx_nbl_counts().0
    }

    /// The frames the guest received (the guest adapter's receive capture), in order.
    pub fn received(&self) -> Vec<Vec<u8>> {
        self.adapter().received().into_iter().map(|r| r.frame).collect()
    }

    /// The VF pool's transmit counters (what the guest's sends did in the NIC's switch).
    pub fn vf_tx(&self) -> VfTxCounters {
        let dev = &self.ndis.dev;
        dev.layout()
            .vf_queue(self.ndis.vf)
            .and_then(|q| dev.counters(q).ok())
            .map_or_else(VfTxCounters::default, |c| VfTxCounters {
                frames: c.tx.frames,
                spoofed: c.tx.drops.get(DropReason::Spoofed),
                dropped: c.tx.drops.total(),
            })
    }

    /// The guest adapter's receive capture (frame, processor, batch, ...).
    pub fn received_rx(&self) -> Vec<CapturedRx> {
        self.adapter().received()
    }

    /// Halt the guest adapter (MiniportPause, MiniportHaltEx, in the child partition) and
    /// unregister its backchannel. Reports what the adapter still owned (nothing, when the VF
    /// adapter cleaned up: shared memory, NBLs, pools, DPCs, SG DMA, receives not returned).
    pub fn halt(self) -> Result<(), LeakReport> {
        let r = in_partition(true, || self.adapter().halt());
        lock(&registry().guests).remove(&self.ndis.handle);
        r
    }

    fn host_dpcs(&self) -> u64 {
        self.host.dpcs_run().iter().sum()
    }

    /// The processor the VF's queue vector targets (the guest adapter programmed it at init).
    fn queue_processor(&self) -> u32 {
        self.ndis
            .dev
            .vector_state(Function::Vf(self.ndis.vf), VF_QUEUE_VECTOR)
            .map_or(0, |s| s.processor)
    }
}

/// Frames the device wrote into VF `vf`'s receive queue so far.
fn vf_rx_written(dev: &Device, vf: u16) -> u64 {
    dev.layout()
        .vf_queue(vf)
        .and_then(|q| dev.counters(q).ok())
        .map_or(0, |c| c.rx.frames)
}

impl Drop for BoundGuestVm<'_> {
    /// The guest adapter's backchannel dies with the VM (the host halts the adapter itself if
    /// the VM was not halted).
    fn drop(&mut self) {
        lock(&registry().guests).remove(&self.ndis.handle);
    }
}
