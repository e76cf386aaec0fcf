//! One adapter (one MiniportAdapterContext): init from keywords and the hardware, the OID
//! dispatcher, the default-queue receive path, the send path, and the pause / restart / halt
//! lifecycle.
//!
//! # Lifecycle and draining
//! After [`Adapter::initialize`] the adapter is Paused (NDIS 6 calls MiniportRestartEx next).
//! `outstanding` counts one reference per send call in progress, one per DPC pass in progress and
//! one per receive slot indicated and not yet returned; its top bit ([`RUNNING_REF`]) is the
//! "Running" reference and the gate new sends and DPC passes must pass: they take a reference
//! only while the bit is set, in one atomic step, so nothing touches the count once a pause
//! has closed the gate. Pause clears the bit; whoever brings the count to zero completes the
//! pause (inline, or through [`Os::pause_complete`]). Sends while not Running complete with NDIS_STATUS_PAUSED; frames that
//! arrive while paused stay in the receive ring and are indicated after restart.
//!
//! # Receive path (default queue)
//! wire -> NIC filter -> copy into the next posted slot of the default queue's shared memory ->
//! completion -> MSI-X vector -> [`Os::schedule_dpc`] on the vector's processor -> [`Adapter::dpc`]
//! harvests at most [`DPC_BUDGET`] completions into a stack array and indicates them in one call ->
//! NDIS returns each NBL -> [`Adapter::return_rx`] reposts the slot. No allocation, no lock other
//! than the queue's own.

use crate::general;
use crate::hw::{processor_index, CounterSnapshot, Hub, Nic, RxCompletion, MAX_MULTICAST};
use crate::keywords::{self, Interface, KeywordSource};
use crate::oid::{precheck, OidOutcome, OidOwner, OidRequest, OidRow, OidTable};
use crate::os::{
    Os, ProcessorNumber, RxBankId, RxBankSpec, RxFrame, RxIndication, SharedMemory, SharedMemoryRequest,
    SharedMemoryUsage,
};
use crate::sriov::attach::AdapterSriov;
use crate::vmq::model_hw::ModelVmq;
use crate::vmq::{receive_filter_capabilities, VmqEngine, VmqEnv, VmqMode};
use alloc::sync::Arc;
use core::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use spin::{Mutex, MutexGuard};
use svnic_abi::status::{NdisStatus, NDIS_STATUS_FAILURE, NDIS_STATUS_SUCCESS};

/// NDIS_STATUS_PAUSED: sends while the adapter is not running.
pub const NDIS_STATUS_PAUSED: NdisStatus = 0xC023_002A;
/// NDIS_RECEIVE_FLAGS_* the default queue indicates with.
pub const NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL: u32 = 0x1;
pub const NDIS_RECEIVE_FLAGS_PERFECT_FILTERED: u32 = 0x400;
pub const NDIS_RECEIVE_FLAGS_SINGLE_QUEUE: u32 = 0x800;
pub const NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID: u32 = 0x1000;
/// NDIS_DEFAULT_RECEIVE_QUEUE_ID / NDIS_DEFAULT_VPORT_ID.
pub const DEFAULT_QUEUE_ID: u32 = 0;
/// The bank of the default queue's receive slots.
pub const DEFAULT_RX_BANK: RxBankId = RxBankId(0);
/// Most frames indicated per DPC pass; the DPC re-queues itself when more are waiting.
pub const DPC_BUDGET: usize = 64;
/// Top bit of the adapter's outstanding count: the Running reference and the gate for new sends
/// and DPC passes (module docs, "Lifecycle and draining").
pub const RUNNING_REF: u32 = 1 << 31;
/// Frames per indication call.
const BATCH: usize = 32;
/// Receive buffers of the default queue.
pub const DEFAULT_RX_SLOTS: u32 = 256;
/// Link speed the model reports (10 Gb/s).
pub const LINK_SPEED_BPS: u64 = 10_000_000_000;

/// Which function the miniport is bound to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Partition {
    /// The PF in the management OS.
    Pf,
    /// A VF in a guest partition.
    Vf,
}

/// What the binding knows about the hardware before init.
#[derive(Clone, Debug)]
pub struct HwParams {
    pub hub: Arc<Hub>,
    pub permanent_mac: [u8; 6],
    /// NetworkAddress keyword, already parsed by the binding (a unicast MAC), if any.
    pub network_address: Option<[u8; 6]>,
    pub partition: Partition,
}

/// Configuration fixed at init.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AdapterConfig {
    pub interface: Interface,
    pub partition: Partition,
    pub permanent_mac: [u8; 6],
    pub current_mac: [u8; 6],
    /// Largest payload (OID_GEN_MAXIMUM_FRAME_SIZE): *JumboPacket - 14.
    pub mtu: u32,
    /// Largest frame with the Ethernet header (*JumboPacket).
    pub max_frame: u32,
    pub link_speed_bps: u64,
    /// The default queue's vector target.
    pub default_processor: ProcessorNumber,
    pub rx_slots: u32,
    pub rx_slot_len: u32,
    pub vmq_vlan_filtering: bool,
    pub num_vfs: u32,
}

/// Values the general OIDs set.
#[derive(Clone, Copy, Debug)]
pub struct GeneralState {
    pub packet_filter: u32,
    pub lookahead: u32,
    pub multicast: [[u8; 6]; MAX_MULTICAST],
    pub multicast_len: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum AdapterState {
    Paused = 0,
    Running = 1,
    Pausing = 2,
    Halted = 3,
}

impl AdapterState {
    fn from_u32(v: u32) -> Self {
        match v {
            1 => Self::Running,
            2 => Self::Pausing,
            3 => Self::Halted,
            _ => Self::Paused,
        }
    }
}

/// Software counters the adapter keeps beside the device's.
#[derive(Debug, Default)]
pub struct DriverCounters {
    pub indicated: AtomicU64,
    pub returned: AtomicU64,
    pub stale_returns: AtomicU64,
    pub sends_rejected_paused: AtomicU64,
    /// Send NBLs whose VPortId / QueueId named no usable vPort or queue and went out from the
    /// default pool instead (spec 1.6 / 2.4).
    pub sends_target_sanitized: AtomicU64,
    pub dpc_runs: AtomicU64,
}

struct VectorSink {
    os: Arc<dyn Os>,
    target: ProcessorNumber,
}

impl svnic_device::MsiSink for VectorSink {
    fn signal(&self, msg: svnic_device::MsiMessage) {
        // A VF's vectors are in the VF's own MSI-X table: the guest's, never the PF's DPC.
        if msg.function != svnic_device::Function::Pf {
            return;
        }
        // The vector's programmed processor (group x 64 + number); the default queue's vector
        // targets `self.target`.
        let p = ProcessorNumber {
            group: u16::try_from(msg.processor / 64).unwrap_or(self.target.group),
            number: u8::try_from(msg.processor % 64).unwrap_or(self.target.number),
        };
        let _ = self.os.schedule_dpc(p);
    }
}

/// The `Os` the engines see: the adapter's, except that every receive indication first takes one
/// reference per frame on the adapter's outstanding count (released in [`Adapter::return_rx`]),
/// so pause waits for VMQ and vPort NBLs exactly as for the default queue's.
struct CountingOs<'a> {
    inner: &'a dyn Os,
    outstanding: &'a AtomicU32,
    /// Counts the engines' indications in the PF's statistics (hw.rs).
    nic: &'a Nic,
}

impl Os for CountingOs<'_> {
    fn active_processor_count(&self, group: u16) -> u32 {
        self.inner.active_processor_count(group)
    }
    fn current_processor(&self) -> ProcessorNumber {
        self.inner.current_processor()
    }
    fn now_us(&self) -> u64 {
        self.inner.now_us()
    }
    fn indicate_status(&self, status: NdisStatus, payload: &[u8]) {
        self.inner.indicate_status(status, payload)
    }
    fn complete_oid(&self, token: crate::oid::OidToken, status: NdisStatus, bytes: crate::oid::OidBytes) {
        self.inner.complete_oid(token, status, bytes)
    }
    fn schedule_dpc(&self, processor: ProcessorNumber) -> bool {
        self.inner.schedule_dpc(processor)
    }
    fn alloc_shared_memory(&self, req: SharedMemoryRequest) -> Result<SharedMemory, NdisStatus> {
        self.inner.alloc_shared_memory(req)
    }
    fn free_shared_memory(&self, mem: SharedMemory) {
        self.inner.free_shared_memory(mem)
    }
    fn create_rx_bank(&self, spec: &RxBankSpec<'_>) -> Result<(), NdisStatus> {
        self.inner.create_rx_bank(spec)?;
        self.nic.track_rx_bank(spec);
        Ok(())
    }
    fn destroy_rx_bank(&self, bank: RxBankId) {
        self.nic.untrack_rx_bank(bank);
        self.inner.destroy_rx_bank(bank)
    }
    fn indicate_receive(&self, ind: &RxIndication<'_>) {
        let n = u32::try_from(ind.frames.len()).unwrap_or(u32::MAX);
        self.outstanding.fetch_add(n, Ordering::AcqRel);
        self.nic.count_indicated(ind);
        self.inner.indicate_receive(ind)
    }
    fn pause_complete(&self) {
        self.inner.pause_complete()
    }
    fn enable_virtualization(&self, num_vfs: u16, enable: bool) -> NdisStatus {
        self.inner.enable_virtualization(num_vfs, enable)
    }
    fn invalidate_vf_config_block(&self, vf_id: u16, mask: u64) -> NdisStatus {
        self.inner.invalidate_vf_config_block(vf_id, mask)
    }
    fn read_vf_config_block(&self, block_id: u32, out: &mut [u8]) -> NdisStatus {
        self.inner.read_vf_config_block(block_id, out)
    }
    fn write_vf_config_block(&self, block_id: u32, data: &[u8]) -> NdisStatus {
        self.inner.write_vf_config_block(block_id, data)
    }
}

/// One adapter.
pub struct Adapter {
    os: Arc<dyn Os>,
    cfg: AdapterConfig,
    nic: Arc<Nic>,
    state: AtomicU32,
    outstanding: AtomicU32,
    general: Mutex<GeneralState>,
    rx_memory: Mutex<Option<SharedMemory>>,
    tx_bounce: Mutex<alloc::vec::Vec<u8>>,
    table: OidTable,
    drv: DriverCounters,
    /// The VMQ engine over the NIC's PF queues (always built, so the hardware capabilities can
    /// be reported; its OIDs are in the table only when VMQ is the enabled interface).
    vmq: VmqEngine,
    /// The device view of the receive table both engines share (VM queues and PF vPorts).
    vmq_hw: Arc<ModelVmq>,
    /// Set by a pause that drained a running adapter; the next restart re-kicks the DPCs.
    was_paused: core::sync::atomic::AtomicBool,
    /// The SR-IOV PF engine over the same device (its OIDs are in the table only when SR-IOV
    /// is the enabled interface).
    sriov: AdapterSriov,
}

impl core::fmt::Debug for Adapter {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Adapter")
            .field("cfg", &self.cfg)
            .field("state", &self.state())
            .finish()
    }
}

const NO_ROWS: &[OidRow] = &[];

/// Guard for a send call in progress ([`Adapter::send_begin`]).
#[derive(Debug)]
pub struct SendGuard<'a> {
    adapter: &'a Adapter,
}

impl SendGuard<'_> {
    /// Transmit one frame given as its buffer segments (an NB's MDL chain). Returns the status
    /// to complete the NB's NBL with.
    pub fn send_frame(&self, parts: &[&[u8]]) -> NdisStatus {
        self.adapter.transmit(parts, None)
    }

    /// Like [`send_frame`](Self::send_frame) for an NBL whose filtering info carries
    /// `queue_vport` (its VPortId with an SR-IOV switch, else its VMQ QueueId). Spec 2.4 / 1.6:
    /// an Activated PF vPort's id sends from that vPort's queue; any other non-zero id is
    /// counted in `sends_target_sanitized` and sends from the default pool.
    pub fn send_frame_on(&self, parts: &[&[u8]], queue_vport: u32) -> NdisStatus {
        let q = self.adapter.tx_target(queue_vport);
        self.adapter.transmit(parts, q)
    }
}

impl Drop for SendGuard<'_> {
    fn drop(&mut self) {
        self.adapter.release();
    }
}

fn slot_len_for(max_frame: u32) -> u32 {
    // Room for the frame plus a 4-byte 802.1Q tag, rounded to 2 KiB.
    let need = max_frame.saturating_add(4);
    need.div_ceil(2048).saturating_mul(2048)
}

impl Adapter {
    /// MiniportInitializeEx: read the keywords, allocate the default queue's memory and NBL bank,
    /// create the NIC on the hub. On failure everything allocated so far is released.
    pub fn initialize(
        os: Arc<dyn Os>,
        kw: &dyn KeywordSource,
        hw: HwParams,
    ) -> Result<Arc<Self>, NdisStatus> {
        let interface = keywords::decide_interface(kw, hw.partition == Partition::Pf);
        let max_frame = keywords::read_or_default(kw, keywords::JUMBO_PACKET);
        let mtu = max_frame.saturating_sub(14);
        let current_mac = match hw.network_address {
            Some(m) if m.first().is_some_and(|b| b & 1 == 0) && m != [0; 6] => m,
            _ => hw.permanent_mac,
        };
        let procs = os.active_processor_count(0).max(1);
        let base = keywords::read_or_default(kw, keywords::RSS_BASE_PROC_NUMBER);
        let default_processor = ProcessorNumber {
            group: 0,
            number: base.checked_rem(procs).unwrap_or(0) as u8,
        };
        let rx_slot_len = slot_len_for(max_frame);
        let cfg = AdapterConfig {
            interface,
            partition: hw.partition,
            permanent_mac: hw.permanent_mac,
            current_mac,
            mtu,
            max_frame,
            link_speed_bps: LINK_SPEED_BPS,
            default_processor,
            rx_slots: DEFAULT_RX_SLOTS,
            rx_slot_len,
            vmq_vlan_filtering: keywords::read_or_default(kw, keywords::VMQ_VLAN_FILTERING) == 1,
            num_vfs: if interface.sriov() {
                keywords::read_or_default(kw, keywords::NUM_VFS)
            } else {
                0
            },
        };
        let len = rx_slot_len
            .checked_mul(DEFAULT_RX_SLOTS)
            .ok_or(NDIS_STATUS_FAILURE)?;
        let mem = os.alloc_shared_memory(SharedMemoryRequest {
            usage: SharedMemoryUsage::Receive,
            queue_id: DEFAULT_QUEUE_ID,
            vport_id: 0,
            len,
        })?;
        let bank = RxBankSpec {
            bank: DEFAULT_RX_BANK,
            queue_id: DEFAULT_QUEUE_ID,
            vport_id: 0,
            memory: &mem,
            slot_len: rx_slot_len,
            slots: DEFAULT_RX_SLOTS,
        };
        if let Err(e) = os.create_rx_bank(&bank) {
            os.free_shared_memory(mem);
            return Err(e);
        }
        let sink = Arc::new(VectorSink {
            os: os.clone(),
            target: default_processor,
        });
        let nic = match Nic::new(hw.hub, current_mac, max_frame, sink) {
            Ok(n) => n,
            Err(e) => {
                os.destroy_rx_bank(DEFAULT_RX_BANK);
                os.free_shared_memory(mem);
                return Err(e);
            }
        };
        let target = processor_index(default_processor.group, default_processor.number);
        if let Err(e) = nic.setup_default_queue(mem.region.clone(), rx_slot_len, DEFAULT_RX_SLOTS, target) {
            nic.teardown_default_queue();
            nic.detach();
            os.destroy_rx_bank(DEFAULT_RX_BANK);
            os.free_shared_memory(mem);
            return Err(e);
        }
        let vmq_hw = Arc::new(ModelVmq::new(nic.device().clone()));
        // One receive table for the default/VM queues and the PF vPorts: one DPC path per
        // processor, one owner of the PF queues 1..=pf_queues (docs/sriov.md "Limits and pools").
        let rx_table = Arc::new(crate::vmq::datapath::RxTable::new(
            crate::vmq::device::VmqDevice::vmq_queue_count(&*vmq_hw),
        ));
        let vmq = VmqEngine::with_rx(
            receive_filter_capabilities(
                crate::vmq::device::VmqDevice::vmq_queue_count(&*vmq_hw),
                crate::vmq::device::VmqDevice::vmq_filter_capacity(&*vmq_hw),
                VmqMode::from_interface(interface, cfg.vmq_vlan_filtering),
            ),
            rx_table.clone(),
        );
        let num_vfs_keyword = if interface.sriov() {
            kw.read_int(keywords::NUM_VFS)
        } else {
            None
        };
        let sriov = AdapterSriov::with_rx(
            nic.device().clone(),
            interface.sriov(),
            interface.vmq(),
            num_vfs_keyword,
            cfg.vmq_vlan_filtering,
            rx_table,
            vmq_hw.clone(),
        );
        let bounce = alloc::vec![0u8; usize::try_from(rx_slot_len).unwrap_or(0)];
        let adapter = Arc::new(Self {
            os,
            cfg,
            nic,
            state: AtomicU32::new(AdapterState::Paused as u32),
            outstanding: AtomicU32::new(0),
            general: Mutex::new(GeneralState {
                packet_filter: 0,
                lookahead: mtu,
                multicast: [[0; 6]; MAX_MULTICAST],
                multicast_len: 0,
            }),
            rx_memory: Mutex::new(Some(mem)),
            tx_bounce: Mutex::new(bounce),
            table: OidTable {
                parts: [
                    (OidOwner::General, general::OID_ROWS),
                    (
                        OidOwner::Vmq,
                        if interface.vmq() {
                            crate::vmq::oid_rows()
                        } else {
                            NO_ROWS
                        },
                    ),
                    (
                        OidOwner::Sriov,
                        AdapterSriov::rows(interface.sriov(), interface.vmq()),
                    ),
                ],
            },
            drv: DriverCounters::default(),
            vmq,
            vmq_hw,
            was_paused: core::sync::atomic::AtomicBool::new(false),
            sriov,
        });
        Ok(adapter)
    }

    pub fn config(&self) -> &AdapterConfig {
        &self.cfg
    }

    pub fn oid_table(&self) -> &OidTable {
        &self.table
    }

    pub fn state(&self) -> AdapterState {
        AdapterState::from_u32(self.state.load(Ordering::Acquire))
    }

    fn counting_os(&self) -> CountingOs<'_> {
        CountingOs {
            inner: &*self.os,
            outstanding: &self.outstanding,
            nic: &self.nic,
        }
    }

    /// The VMQ engine (the simulator's NDIS layer answers the NDIS-handled VMQ OIDs from it).
    pub fn vmq(&self) -> &VmqEngine {
        &self.vmq
    }

    /// The SR-IOV PF engine.
    pub fn sriov(&self) -> &AdapterSriov {
        &self.sriov
    }

    /// Adapter counters (default queue, packet filter, transmit).
    pub fn counters(&self) -> CounterSnapshot {
        self.nic.counters()
    }

    /// The modeled NIC (the VMQ and SR-IOV engines program its queues and filters).
    pub fn nic(&self) -> &Arc<Nic> {
        &self.nic
    }

    pub fn driver_counters(&self) -> &DriverCounters {
        &self.drv
    }

    /// References held (Running + sends + DPC passes + indicated slots).
    pub fn outstanding(&self) -> u32 {
        let n = self.outstanding.load(Ordering::Acquire);
        // The Running reference counts as one.
        (n & !RUNNING_REF).saturating_add(u32::from(n & RUNNING_REF != 0))
    }

    /// The hub this adapter's wire port is on.
    pub fn hub(&self) -> &Arc<Hub> {
        self.nic.hub()
    }

    /// This adapter's port on the hub.
    pub fn port_id(&self) -> u32 {
        self.nic.port_id()
    }

    pub fn general(&self) -> MutexGuard<'_, GeneralState> {
        self.general.lock()
    }

    pub(crate) fn general_mut(&self) -> MutexGuard<'_, GeneralState> {
        self.general.lock()
    }

    pub(crate) fn set_packet_filter(&self, filter: u32) {
        self.general.lock().packet_filter = filter;
        self.nic.set_packet_filter(filter);
    }

    pub(crate) fn set_multicast(&self, list: &[[u8; 6]]) {
        let mut g = self.general.lock();
        for (d, s) in g.multicast.iter_mut().zip(list) {
            *d = *s;
        }
        g.multicast_len = list.len().min(MAX_MULTICAST);
        let _ = self.nic.set_multicast(list);
    }

    /// MiniportOidRequest: generic checks (type, min_len), then the owner's handler.
    pub fn oid_request(&self, req: &mut OidRequest<'_>) -> OidOutcome {
        match precheck(&self.table, req) {
            Err(st) => OidOutcome::Complete(st),
            Ok((OidOwner::General, _)) => general::handle(self, req),
            // Once a NIC switch exists, vPort filters belong to the SR-IOV engine (spec 2.4);
            // a VM queue's filter (SET_FILTER with QueueId != 0, CLEAR_FILTER of a FilterId the
            // VMQ engine holds) stays with the VMQ engine, so VM queues keep working.
            Ok((OidOwner::Vmq, _)) if self.vport_filter_oid(req) => {
                self.sriov.handle(&self.counting_os(), req)
            }
            Ok((OidOwner::Vmq, _)) => {
                let os = self.counting_os();
                self.vmq.handle_oid(
                    &mut VmqEnv {
                        os: &os,
                        device: &*self.vmq_hw,
                    },
                    req,
                )
            }
            Ok((OidOwner::Sriov, _)) => self.sriov.handle(&self.counting_os(), req),
        }
    }

    /// Whether a VMQ-table SET_FILTER / CLEAR_FILTER goes to the SR-IOV engine: a switch exists
    /// and the request is not a VM queue's (QueueId != 0, or a FilterId the VMQ engine owns).
    fn vport_filter_oid(&self, req: &OidRequest<'_>) -> bool {
        use crate::sriov::abi::{
            clear_filter, filter_params, OID_RECEIVE_FILTER_CLEAR_FILTER, OID_RECEIVE_FILTER_SET_FILTER,
        };
        use crate::sriov::bytes::u32_at;
        let vm_queue = match req.oid {
            OID_RECEIVE_FILTER_SET_FILTER => {
                u32_at(req.buffer, filter_params::QUEUE_ID).is_some_and(|q| q != 0)
            }
            OID_RECEIVE_FILTER_CLEAR_FILTER => {
                u32_at(req.buffer, clear_filter::FILTER_ID).is_some_and(|id| self.vmq.filter(id).is_some())
            }
            _ => return false,
        };
        !vm_queue && self.sriov.owns_filters()
    }

    /// Take a reference only while the Running gate is open (one atomic step: a caller turned
    /// away never touches the count, so a completed pause stays at zero).
    fn acquire_if_running(&self) -> bool {
        self.outstanding
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n & RUNNING_REF != 0 && n & !RUNNING_REF != !RUNNING_REF).then(|| n.wrapping_add(1))
            })
            .is_ok()
    }

    fn release(&self) {
        if self.outstanding.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.try_finish_pause(true);
        }
    }

    /// Pausing -> Paused once nothing is outstanding. Returns true when this call did it.
    fn try_finish_pause(&self, notify: bool) -> bool {
        let done = self
            .state
            .compare_exchange(
                AdapterState::Pausing as u32,
                AdapterState::Paused as u32,
                Ordering::AcqRel,
                Ordering::Acquire,
            )
            .is_ok();
        if done && notify {
            self.os.pause_complete();
        }
        done
    }

    /// MiniportRestart: start indicating and accepting sends; pick up frames that arrived while
    /// paused.
    pub fn restart(&self) -> NdisStatus {
        if self.state() != AdapterState::Paused {
            return NDIS_STATUS_FAILURE;
        }
        self.state.store(AdapterState::Running as u32, Ordering::Release);
        self.outstanding.fetch_or(RUNNING_REF, Ordering::AcqRel);
        if self.nic.rx_pending() {
            let _ = self.os.schedule_dpc(self.cfg.default_processor);
        }
        if (self.cfg.interface.vmq() || self.cfg.interface.sriov())
            && self.was_paused.swap(false, Ordering::AcqRel)
        {
            // VM queues may hold frames that arrived while paused: run every processor's DPC once.
            for number in 0..self.os.active_processor_count(0).min(64) {
                let _ = self.os.schedule_dpc(ProcessorNumber {
                    group: 0,
                    number: number as u8,
                });
            }
        }
        NDIS_STATUS_SUCCESS
    }

    /// MiniportPause: SUCCESS when already drained, else PENDING and [`Os::pause_complete`]
    /// when the last send completes and the last indicated NBL returns.
    pub fn pause(&self) -> NdisStatus {
        if self
            .state
            .compare_exchange(
                AdapterState::Running as u32,
                AdapterState::Pausing as u32,
                Ordering::AcqRel,
                Ordering::Acquire,
            )
            .is_err()
        {
            // Already paused (or halted): nothing to drain.
            return NDIS_STATUS_SUCCESS;
        }
        self.was_paused.store(true, Ordering::Release);
        // Close the gate and drop the Running reference in one step.
        if self.outstanding.fetch_and(!RUNNING_REF, Ordering::AcqRel) == RUNNING_REF
            && self.try_finish_pause(false)
        {
            return NDIS_STATUS_SUCCESS;
        }
        if self.state() == AdapterState::Paused {
            // Completed by another thread already (it called pause_complete).
            return svnic_abi::status::NDIS_STATUS_PENDING;
        }
        svnic_abi::status::NDIS_STATUS_PENDING
    }

    /// MiniportResetEx, completed synchronously (the binding returns this status and reports
    /// AddressingReset FALSE): the VMQ engine quiesces its queues' data path, completes pended
    /// FREE_QUEUE OIDs with REQUEST_ABORTED, refuses VMQ OIDs meanwhile with NOT_ACCEPTED and
    /// re-programs filters and vectors from its own state, so NDIS restores nothing
    /// (docs/vmq.md "Reset"). NBLs indicated before the reset stay valid and are accepted when
    /// they return. RESET_IN_PROGRESS if a reset is already running.
    pub fn reset(&self) -> NdisStatus {
        let os = self.counting_os();
        let status = self.vmq.reset(VmqEnv {
            os: &os,
            device: &*self.vmq_hw,
        });
        // PF vPorts: a DELETE_VPORT pended on NBLs completes REQUEST_ABORTED; the switch, its
        // vPorts, VFs and PF vPort queues are kept as they are (docs/sriov.md "Reset").
        let _ = self.sriov.reset(&os);
        if self.state() == AdapterState::Running && self.nic.rx_pending() {
            let _ = self.os.schedule_dpc(self.cfg.default_processor);
        }
        status
    }

    /// MiniportHaltEx (NDIS calls it only when paused, so nothing is outstanding): stop DMA, free
    /// the bank and the memory, leave the hub.
    pub fn halt(&self) {
        self.state.store(AdapterState::Halted as u32, Ordering::Release);
        self.sriov.halt(&self.counting_os());
        let os = self.counting_os();
        self.vmq.halt(VmqEnv {
            os: &os,
            device: &*self.vmq_hw,
        });
        self.nic.detach();
        self.nic.teardown_default_queue();
        self.os.destroy_rx_bank(DEFAULT_RX_BANK);
        if let Some(mem) = self.rx_memory.lock().take() {
            self.os.free_shared_memory(mem);
        }
    }

    /// Start a send call (MiniportSendNetBufferLists). `None` when not running: complete every
    /// NBL with [`NDIS_STATUS_PAUSED`].
    pub fn send_begin(&self) -> Option<SendGuard<'_>> {
        if self.acquire_if_running() {
            Some(SendGuard { adapter: self })
        } else {
            self.drv.sends_rejected_paused.fetch_add(1, Ordering::Relaxed);
            None
        }
    }

    /// The PF vPort queue a send's VPortId / QueueId selects, `None` for the default pool.
    fn tx_target(&self, queue_vport: u32) -> Option<svnic_device::QueueId> {
        if queue_vport == 0 {
            return None;
        }
        let q = if self.cfg.interface.sriov() && self.sriov.owns_filters() {
            self.sriov.tx_queue(queue_vport)
        } else {
            None
        };
        // A VMQ QueueId that names a live queue is valid; its frames leave from the PF pool,
        // which every VMQ queue belongs to.
        let vmq_ok = q.is_none()
            && self.cfg.interface.vmq()
            && !self.sriov.owns_filters()
            && self.vmq.sanitize_queue_id(queue_vport) != 0;
        if q.is_none() && !vmq_ok {
            self.drv.sends_target_sanitized.fetch_add(1, Ordering::Relaxed);
        }
        q
    }

    fn transmit(&self, parts: &[&[u8]], vport_q: Option<svnic_device::QueueId>) -> NdisStatus {
        let total = parts.iter().fold(0usize, |a, p| a.saturating_add(p.len()));
        if total > usize::try_from(self.cfg.max_frame).unwrap_or(0) {
            self.nic.count_tx(&[], false);
            return svnic_abi::status::NDIS_STATUS_INVALID_LENGTH;
        }
        let send = |frame: &[u8]| match vport_q {
            Some(q) => self.nic.count_tx(frame, self.sriov.transmit(q, frame)),
            None => self.nic.transmit(frame),
        };
        let ok = match parts {
            [one] => send(one),
            _ => {
                let mut b = self.tx_bounce.lock();
                let mut at = 0usize;
                for p in parts {
                    let end = at.saturating_add(p.len());
                    if let Some(dst) = b.get_mut(at..end) {
                        dst.copy_from_slice(p);
                    }
                    at = end;
                }
                send(b.get(..total).unwrap_or(&[]))
            }
        };
        if ok {
            NDIS_STATUS_SUCCESS
        } else {
            NDIS_STATUS_FAILURE
        }
    }

    /// The receive DPC for `processor`: indicate up to [`DPC_BUDGET`] frames of each queue whose
    /// vector targets it; re-queue itself when more are waiting.
    pub fn dpc(&self, processor: ProcessorNumber) {
        self.drv.dpc_runs.fetch_add(1, Ordering::Relaxed);
        if !self.acquire_if_running() {
            return;
        }
        if self.cfg.interface.vmq() || self.cfg.interface.sriov() {
            // The one receive table: VM queues and PF non-default vPorts (NBLs tagged with their
            // QueueId or VPortId) served on this processor, per-queue atomics only.
            let os = self.counting_os();
            let r = self.vmq.dpc(
                &VmqEnv {
                    os: &os,
                    device: &*self.vmq_hw,
                },
                processor,
                DPC_BUDGET as u32,
            );
            if r.more_work {
                let _ = self.os.schedule_dpc(processor);
            }
        }
        if processor != self.cfg.default_processor {
            self.release();
            return;
        }
        let mut done = 0usize;
        let mut comps = [RxCompletion::default(); BATCH];
        let mut frames = [RxFrame::default(); BATCH];
        let region = self.rx_memory.lock().as_ref().map(|m| m.region.clone());
        let Some(region) = region else {
            self.release();
            return;
        };
        while done < DPC_BUDGET {
            let got = self.nic.poll_rx(&mut comps);
            if got == 0 {
                break;
            }
            done = done.saturating_add(got);
            // The packet filter, in software on the default queue: refused slots go straight back.
            let mut n = 0usize;
            for c in comps.iter().take(got) {
                let mut dst = [0u8; 6];
                let off = usize::try_from(c.slot)
                    .ok()
                    .and_then(|s| s.checked_mul(usize::try_from(self.cfg.rx_slot_len).ok()?));
                let read = off.is_some_and(|o| region.read(o, &mut dst));
                if !read || !self.nic.accept(&dst, c.len) {
                    let _ = self.nic.post_rx(c.slot);
                    continue;
                }
                if let Some(f) = frames.get_mut(n) {
                    *f = RxFrame {
                        slot: c.slot,
                        offset: 0,
                        len: c.len,
                        ieee8021q: c.ieee8021q,
                    };
                    n = n.saturating_add(1);
                }
            }
            if n == 0 {
                continue;
            }
            let n32 = u32::try_from(n).unwrap_or(0);
            self.outstanding.fetch_add(n32, Ordering::AcqRel);
            self.drv.indicated.fetch_add(u64::from(n32), Ordering::Relaxed);
            self.os.indicate_receive(&RxIndication {
                bank: DEFAULT_RX_BANK,
                queue_id: DEFAULT_QUEUE_ID,
                vport_id: 0,
                flags: NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL
                    | NDIS_RECEIVE_FLAGS_PERFECT_FILTERED
                    | NDIS_RECEIVE_FLAGS_SINGLE_QUEUE
                    | NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID,
                frames: frames.get(..n).unwrap_or(&[]),
            });
        }
        if self.nic.rx_pending() {
            let _ = self.os.schedule_dpc(processor);
        }
        self.release();
    }

    /// MiniportReturnNetBufferLists, per slot: repost the buffer. A bank the adapter does not
    /// know (stale) is counted and ignored.
    pub fn return_rx(&self, bank: RxBankId, slot: u32) {
        if bank != DEFAULT_RX_BANK && self.vmq.owns_bank(bank) {
            let os = self.counting_os();
            if self.vmq.return_rx(
                &VmqEnv {
                    os: &os,
                    device: &*self.vmq_hw,
                },
                bank,
                slot,
            ) {
                self.drv.returned.fetch_add(1, Ordering::Relaxed);
                self.release();
            } else {
                self.drv.stale_returns.fetch_add(1, Ordering::Relaxed);
            }
            return;
        }
        if bank != DEFAULT_RX_BANK || slot >= self.cfg.rx_slots {
            self.drv.stale_returns.fetch_add(1, Ordering::Relaxed);
            return;
        }
        self.drv.returned.fetch_add(1, Ordering::Relaxed);
        let _ = self.nic.post_rx(slot);
        self.release();
    }

    /// Deliver `frame` to this adapter's wire port as if it came from the wire.
    pub fn wire_inject(&self, frame: &[u8]) -> bool {
        if self.state() == AdapterState::Halted {
            return false;
        }
        self.nic.receive_from_wire(frame);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oid::{OidBytes, OidToken};
    use alloc::vec::Vec;
    use spin::Mutex as SpinMutex;
    use svnic_device::dma::{DmaRegion, VecRegion};

    /// A few lines of OS: shared memory is heap memory, banks are remembered, indications and
    /// DPC requests are recorded, and allocations can be made to fail.
    #[derive(Default)]
    struct TestOs {
        fail_shared_memory: bool,
        fail_bank: bool,
        live_memory: SpinMutex<u32>,
        live_banks: SpinMutex<Vec<RxBankId>>,
        regions: SpinMutex<Vec<Arc<VecRegion>>>,
        indicated: SpinMutex<Vec<(RxBankId, u32, Vec<u8>)>>,
        dpcs: SpinMutex<Vec<ProcessorNumber>>,
        pause_completions: SpinMutex<u32>,
    }

    impl Os for TestOs {
        fn active_processor_count(&self, group: u16) -> u32 {
            if group == 0 {
                4
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
        fn indicate_status(&self, _status: NdisStatus, _payload: &[u8]) {}
        fn complete_oid(&self, _token: OidToken, _status: NdisStatus, _bytes: OidBytes) {}
        fn schedule_dpc(&self, processor: ProcessorNumber) -> bool {
            self.dpcs.lock().push(processor);
            true
        }
        fn alloc_shared_memory(&self, req: SharedMemoryRequest) -> Result<SharedMemory, NdisStatus> {
            if self.fail_shared_memory {
                return Err(svnic_abi::status::NDIS_STATUS_RESOURCES);
            }
            let r = Arc::new(VecRegion::new(req.len as usize));
            self.regions.lock().push(r.clone());
            *self.live_memory.lock() += 1;
            Ok(SharedMemory {
                handle: 7,
                os_cookie: 1,
                len: req.len,
                region: r,
            })
        }
        fn free_shared_memory(&self, _mem: SharedMemory) {
            *self.live_memory.lock() -= 1;
        }
        fn create_rx_bank(&self, spec: &RxBankSpec<'_>) -> Result<(), NdisStatus> {
            if self.fail_bank {
                return Err(svnic_abi::status::NDIS_STATUS_RESOURCES);
            }
            self.live_banks.lock().push(spec.bank);
            Ok(())
        }
        fn destroy_rx_bank(&self, bank: RxBankId) {
            self.live_banks.lock().retain(|b| *b != bank);
        }
        fn indicate_receive(&self, ind: &RxIndication<'_>) {
            let region = self.regions.lock().first().cloned().unwrap();
            for f in ind.frames {
                let mut b = alloc::vec![0u8; f.len as usize];
                assert!(region.read((f.slot * 2048 + f.offset) as usize, &mut b));
                self.indicated.lock().push((ind.bank, f.slot, b));
            }
        }
        fn pause_complete(&self) {
            *self.pause_completions.lock() += 1;
        }
        fn enable_virtualization(&self, _n: u16, _e: bool) -> NdisStatus {
            NDIS_STATUS_SUCCESS
        }
        fn invalidate_vf_config_block(&self, _vf: u16, _mask: u64) -> NdisStatus {
            NDIS_STATUS_SUCCESS
        }
        fn read_vf_config_block(&self, _id: u32, _out: &mut [u8]) -> NdisStatus {
            NDIS_STATUS_SUCCESS
        }
        fn write_vf_config_block(&self, _id: u32, _data: &[u8]) -> NdisStatus {
            NDIS_STATUS_SUCCESS
        }
    }

    struct NoKeywords;
    impl KeywordSource for NoKeywords {
        fn read_int(&self, _name: &str) -> Option<u32> {
            None
        }
    }

    const MAC: [u8; 6] = [2, 0x5e, 0x56, 0, 0, 1];

    fn adapter(os: &Arc<TestOs>) -> Arc<Adapter> {
        let hw = HwParams {
            hub: Arc::new(Hub::new()),
            permanent_mac: MAC,
            network_address: None,
            partition: Partition::Pf,
        };
        let a = Adapter::initialize(os.clone(), &NoKeywords, hw).unwrap();
        a.set_packet_filter(crate::hw::packet_type::DIRECTED);
        a
    }

    fn frame(seq: u8) -> Vec<u8> {
        let mut f = [MAC.as_slice(), &[2, 0, 0, 0, 0, 9], &[0x88, 0xB5, seq]].concat();
        f.resize(60, seq);
        f
    }

    #[test]
    fn init_leaves_the_adapter_paused_with_one_bank_and_one_memory_block() {
        let os = Arc::new(TestOs::default());
        let a = adapter(&os);
        assert_eq!(a.state(), AdapterState::Paused);
        assert_eq!(a.config().interface, Interface::Rss);
        assert_eq!(
            (*os.live_memory.lock(), os.live_banks.lock().clone()),
            (1, alloc::vec![DEFAULT_RX_BANK])
        );
        a.halt();
        assert_eq!((*os.live_memory.lock(), os.live_banks.lock().len()), (0, 0));
    }

    #[test]
    fn failed_bank_creation_frees_the_memory() {
        let os = Arc::new(TestOs {
            fail_bank: true,
            ..TestOs::default()
        });
        let hw = HwParams {
            hub: Arc::new(Hub::new()),
            permanent_mac: MAC,
            network_address: None,
            partition: Partition::Pf,
        };
        assert!(Adapter::initialize(os.clone(), &NoKeywords, hw).is_err());
        assert_eq!(*os.live_memory.lock(), 0);
        let os = Arc::new(TestOs {
            fail_shared_memory: true,
            ..TestOs::default()
        });
        let hw = HwParams {
            hub: Arc::new(Hub::new()),
            permanent_mac: MAC,
            network_address: None,
            partition: Partition::Pf,
        };
        assert_eq!(
            Adapter::initialize(os.clone(), &NoKeywords, hw).err(),
            Some(svnic_abi::status::NDIS_STATUS_RESOURCES)
        );
        assert!(os.live_banks.lock().is_empty());
    }

    #[test]
    fn dpc_indicates_exact_frames_and_pause_pends_until_they_return() {
        let os = Arc::new(TestOs::default());
        let a = adapter(&os);
        assert_eq!(a.restart(), NDIS_STATUS_SUCCESS);
        for i in 0..3 {
            assert!(a.wire_inject(&frame(i)));
        }
        // The vector targets the default processor.
        assert!(os.dpcs.lock().iter().all(|p| *p == a.config().default_processor));
        a.dpc(a.config().default_processor);
        let got = os.indicated.lock().clone();
        assert_eq!(
            got.iter().map(|g| g.2.clone()).collect::<Vec<_>>(),
            (0..3).map(frame).collect::<Vec<_>>()
        );
        assert_eq!(a.outstanding(), 1 + 3);
        assert_eq!(a.pause(), svnic_abi::status::NDIS_STATUS_PENDING);
        assert_eq!(a.send_begin().map(|_| ()), None, "no sends while pausing");
        a.return_rx(DEFAULT_RX_BANK, got[0].1);
        a.return_rx(DEFAULT_RX_BANK, got[1].1);
        assert_eq!(*os.pause_completions.lock(), 0);
        // A stale bank is counted and ignored, never a crash or a double release.
        a.return_rx(RxBankId(0xDEAD), 0);
        a.return_rx(DEFAULT_RX_BANK, u32::MAX);
        assert_eq!(a.driver_counters().stale_returns.load(Ordering::Relaxed), 2);
        a.return_rx(DEFAULT_RX_BANK, got[2].1);
        assert_eq!(*os.pause_completions.lock(), 1);
        assert_eq!((a.state(), a.outstanding()), (AdapterState::Paused, 0));
        a.halt();
    }

    #[test]
    fn frames_refused_by_the_packet_filter_are_counted_and_their_slots_reposted() {
        let os = Arc::new(TestOs::default());
        let a = adapter(&os);
        a.restart();
        let mut other = frame(1);
        other[5] = 0x77;
        for _ in 0..(DEFAULT_RX_SLOTS + 10) {
            a.wire_inject(&other);
            a.dpc(a.config().default_processor);
        }
        assert!(os.indicated.lock().is_empty());
        let c = a.counters();
        assert_eq!(
            (c.rx_filtered, c.rx_no_buffer, c.rx_frames),
            (u64::from(DEFAULT_RX_SLOTS) + 10, 0, 0)
        );
        a.wire_inject(&frame(5));
        a.dpc(a.config().default_processor);
        assert_eq!(os.indicated.lock().len(), 1);
        a.halt();
    }
}
