//! VMQ sequences of the Hyper-V extensible switch (spec 1.13) and the software-switch baseline of
//! `seed/ndis-virtualization-bottlenecks.txt`.
//!
//! * [`VmqSwitch`] is the switch with its NDIS layer: VMs with a VmqWeight connect
//!   (ALLOCATE_QUEUE -> SET_FILTER -> QUEUE_ALLOCATION_COMPLETE; NDIS assigns the QueueId and the
//!   FilterId before passing the request down), change MAC or VLAN (CLEAR_FILTER + SET_FILTER),
//!   are moved between processors (QUEUE_PARAMETERS with PROCESSOR_AFFINITY_CHANGED: dynamic VMQ),
//!   and disconnect (CLEAR_FILTER -> FREE_QUEUE). When queues run out a VM stays on the default
//!   queue. Frames indicated on a VM's queue are the VM's already (the NIC wrote them once, into
//!   memory of that queue); frames on the default queue are parsed by the switch (destination MAC
//!   + VLAN) and copied into the VM's buffer. [`SwitchCounters`] counts both paths.
//! * [`ndis_answer`] answers the NDIS-handled VMQ OIDs (capabilities, ENUM_QUEUES, ENUM_FILTERS,
//!   RECEIVE_FILTER_PARAMETERS, QUEUE_PARAMETERS get) from the driver's state, as NDIS answers
//!   them from its cache: the sim's NDIS layer calls it with the adapter's [`VmqEngine`].
//!
//! The switch talks to the adapter through [`VmqNic`]: the sim's [`AdapterRef`] (the binding's real
//! entry points) implements it, and so can a test double driving a `VmqEngine` in process.

use crate::host::{AdapterRef, OidResult};
use crate::state::CapturedRx;
use crate::RequestType;
use std::collections::BTreeSet;
use svnic_abi::header::GROUP_AFFINITY;
use svnic_abi::layout::AbiLayout;
use svnic_abi::status::*;
use svnic_abi::vmq as abi;
use svnic_miniport::vmq::device::{FilterVlan, MacAddr, RxTarget};
use svnic_miniport::vmq::ndis::*;
use svnic_miniport::vmq::VmqEngine;

/// What the switch needs from the adapter below it.
pub trait VmqNic {
    /// One OID request; a pended one is waited for. Method: `input` then room for `out_len`.
    fn oid(&self, rt: RequestType, oid: u32, input: &[u8], out_len: usize) -> OidResult;
    /// Receive indications since the last call (NBLs are returned by the NIC side).
    fn take_received(&self) -> Vec<CapturedRx>;
}

impl VmqNic for AdapterRef<'_> {
    /// NDIS-handled VMQ OIDs are answered by the sim's NDIS layer from the driver's state; the
    /// others go to the driver's MiniportOidRequest.
    fn oid(&self, rt: RequestType, oid: u32, input: &[u8], out_len: usize) -> OidResult {
        if let Some(adapter) = self.driver_adapter() {
            if let Some(r) = ndis_answer(adapter.vmq(), rt, oid, input, out_len) {
                return r;
            }
        }
        AdapterRef::oid(self, rt, oid, input, out_len)
    }
    fn take_received(&self) -> Vec<CapturedRx> {
        AdapterRef::take_received(self)
    }
}

/// A VM's vNIC as Hyper-V configures it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VmConfig {
    pub name: String,
    pub mac: MacAddr,
    /// Access VLAN of the vNIC (None = untagged).
    pub vlan: Option<u16>,
    /// Set-VMNetworkAdapter -VmqWeight: 0 = never a queue.
    pub vmq_weight: u32,
    /// Processor (group 0) the queue's interrupts should target.
    pub processor: u8,
}

/// A connected VM.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Vm {
    pub config: Option<VmConfig>,
    /// The VM queue NDIS assigned, when it got one.
    pub queue: Option<u32>,
    pub filter: Option<u32>,
    /// Frames delivered to the VM, in order.
    pub received: Vec<Vec<u8>>,
    /// (QueueId, processor) of each delivered frame's indication.
    pub received_on: Vec<(u16, u32)>,
}

/// The switch's work per path.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SwitchCounters {
    /// Frames whose destination the switch had to parse (default queue).
    pub frames_parsed: u64,
    /// Bytes the switch copied into VM buffers (default queue).
    pub bytes_copied: u64,
    /// Frames the switch copied into VM buffers.
    pub frames_copied: u64,
    /// Frames delivered straight from a VM queue (no parse, no copy).
    pub frames_direct: u64,
    /// Frames on the default queue no VM wanted.
    pub frames_unclaimed: u64,
}

/// One OID the switch issued and how it completed (for sequence assertions).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IssuedOid {
    pub oid: u32,
    pub queue_id: u32,
    pub status: u32,
}

/// Index of a VM in the switch.
pub type VmId = usize;

/// The extensible switch with VMQ.
pub struct VmqSwitch<N: VmqNic> {
    nic: N,
    vms: Vec<Vm>,
    vmq_enabled: bool,
    num_queues: u32,
    queue_ids: BTreeSet<u32>,
    next_filter_id: u32,
    pub counters: SwitchCounters,
    pub issued: Vec<IssuedOid>,
}

fn put(buf: &mut [u8], off: usize, bytes: &[u8]) {
    if let Some(d) = buf.get_mut(off..off + bytes.len()) {
        d.copy_from_slice(bytes);
    }
}

fn put32(buf: &mut [u8], off: usize, v: u32) {
    put(buf, off, &v.to_le_bytes());
}

fn get32(buf: &[u8], off: usize) -> u32 {
    buf.get(off..off + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn header(buf: &mut [u8], off: usize, rev: u8, size: usize) {
    put(buf, off, &[NDIS_OBJECT_TYPE_DEFAULT, rev]);
    put(buf, off + 2, &(size as u16).to_le_bytes());
}

fn counted(buf: &mut [u8], off: usize, s: &str) {
    let units: Vec<u16> = s.encode_utf16().take(256).collect();
    put(buf, off, &((units.len() * 2) as u16).to_le_bytes());
    for (i, u) in units.iter().enumerate() {
        put(buf, off + 2 + 2 * i, &u.to_le_bytes());
    }
}

/// NDIS_RECEIVE_QUEUE_PARAMETERS revision 2 as vmswitch sends it for ALLOCATE_QUEUE.
pub fn allocate_queue_params(queue_id: u32, vm: &VmConfig, port_id: u32) -> Vec<u8> {
    let mut b = vec![0u8; NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2];
    let n = b.len();
    header(&mut b, 0, NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_2, n);
    put32(
        &mut b,
        rqp::FLAGS,
        NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION,
    );
    put32(&mut b, rqp::QUEUE_TYPE, NDIS_RECEIVE_QUEUE_TYPE_VM_QUEUE);
    put32(&mut b, rqp::QUEUE_ID, queue_id);
    put(&mut b, rqp::AFFINITY_MASK, &(1u64 << vm.processor).to_le_bytes());
    put32(&mut b, rqp::NUM_SUGGESTED_RECEIVE_BUFFERS, 128);
    counted(&mut b, rqp::VM_NAME, &vm.name);
    counted(&mut b, rqp::QUEUE_NAME, &format!("{} vNIC", vm.name));
    put32(&mut b, rqp::PORT_ID, port_id);
    b
}

/// NDIS_RECEIVE_FILTER_PARAMETERS revision 2: DA (+ VLAN) equal tests, untagged-or-zero when no
/// VLAN (vmswitch always sets the flag on a MAC-only filter, spec 1.2).
pub fn set_filter_params(queue_id: u32, filter_id: u32, mac: MacAddr, vlan: Option<u16>) -> Vec<u8> {
    let first = NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_2;
    let n = if vlan.is_some() { 2 } else { 1 };
    let fsize = NDIS_SIZEOF_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1;
    let mut b = vec![0u8; first + n * fsize];
    header(&mut b, 0, NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_2, first);
    put32(&mut b, rfp::FILTER_TYPE, NDIS_RECEIVE_FILTER_TYPE_VM_QUEUE);
    put32(&mut b, rfp::QUEUE_ID, queue_id);
    put32(&mut b, rfp::FILTER_ID, filter_id);
    put32(&mut b, rfp::FIELD_ARRAY_OFFSET, first as u32);
    put32(&mut b, rfp::FIELD_ARRAY_NUM_ELEMENTS, n as u32);
    put32(&mut b, rfp::FIELD_ARRAY_ELEMENT_SIZE, fsize as u32);
    for i in 0..n {
        let f = first + i * fsize;
        header(&mut b, f, NDIS_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1, fsize);
        put32(&mut b, f + rffp::FRAME_HEADER, NDIS_FRAME_HEADER_MAC);
        put32(
            &mut b,
            f + rffp::RECEIVE_FILTER_TEST,
            NDIS_RECEIVE_FILTER_TEST_EQUAL,
        );
        if i == 0 {
            put32(
                &mut b,
                f + rffp::HEADER_FIELD,
                NDIS_MAC_HEADER_FIELD_DESTINATION_ADDRESS,
            );
            put(&mut b, f + rffp::FIELD_VALUE, &mac);
            if vlan.is_none() {
                put32(
                    &mut b,
                    f + rffp::FLAGS,
                    NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO,
                );
            }
        } else if let Some(v) = vlan {
            put32(&mut b, f + rffp::HEADER_FIELD, NDIS_MAC_HEADER_FIELD_VLAN_ID);
            put(&mut b, f + rffp::FIELD_VALUE, &v.to_le_bytes());
        }
    }
    b
}

fn allocation_complete_params(ids: &[u32]) -> Vec<u8> {
    let first = NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1;
    let esize = NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1;
    let mut b = vec![0u8; first + ids.len() * esize];
    header(
        &mut b,
        0,
        NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1,
        first,
    );
    put32(&mut b, qac::FIRST_ELEMENT_OFFSET, first as u32);
    put32(&mut b, qac::NUM_ELEMENTS, ids.len() as u32);
    put32(&mut b, qac::ELEMENT_SIZE, esize as u32);
    for (i, id) in ids.iter().enumerate() {
        let o = first + i * esize;
        header(
            &mut b,
            o,
            NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1,
            esize,
        );
        put32(&mut b, o + qac::ELEM_QUEUE_ID, *id);
    }
    b
}

fn clear_filter_params(queue_id: u32, filter_id: u32) -> Vec<u8> {
    let mut b = vec![0u8; NDIS_SIZEOF_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1];
    let n = b.len();
    header(&mut b, 0, NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1, n);
    put32(&mut b, CLEAR_QUEUE_ID, queue_id);
    put32(&mut b, CLEAR_FILTER_ID, filter_id);
    b
}

fn free_queue_params(queue_id: u32) -> Vec<u8> {
    let mut b = vec![0u8; NDIS_SIZEOF_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1];
    let n = b.len();
    header(&mut b, 0, NDIS_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1, n);
    put32(&mut b, FREE_QUEUE_ID, queue_id);
    b
}

/// The (VLAN id) of a captured NBL's NDIS_NET_BUFFER_LIST_8021Q_INFO (VlanId bits 4-15).
fn vid_of(ieee8021q: u64) -> u16 {
    ((ieee8021q >> 4) & 0x0fff) as u16
}

impl<N: VmqNic> VmqSwitch<N> {
    /// Bind the switch to `nic`: read the current receive-filter capabilities (NDIS hands them to
    /// the switch at bind).
    pub fn new(nic: N) -> Self {
        let caps = nic.oid(
            RequestType::Query,
            OID_RECEIVE_FILTER_CURRENT_CAPABILITIES,
            &[],
            NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_2,
        );
        let ok = caps.status == NDIS_STATUS_SUCCESS;
        let queue_types = if ok { get32(&caps.out, 12) } else { 0 };
        let num_queues = if ok { get32(&caps.out, 16) } else { 0 };
        Self {
            nic,
            vms: Vec::new(),
            vmq_enabled: queue_types & NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED != 0 && num_queues > 0,
            num_queues,
            queue_ids: BTreeSet::new(),
            next_filter_id: 1,
            counters: SwitchCounters::default(),
            issued: Vec::new(),
        }
    }

    pub fn nic(&self) -> &N {
        &self.nic
    }

    pub fn vmq_enabled(&self) -> bool {
        self.vmq_enabled
    }

    pub fn num_queues(&self) -> u32 {
        self.num_queues
    }

    pub fn vm(&self, id: VmId) -> &Vm {
        &self.vms[id]
    }

    fn issue(&mut self, rt: RequestType, oid: u32, input: &[u8], queue_id: u32) -> OidResult {
        let out_len = if rt == RequestType::Method { input.len() } else { 0 };
        let r = self.nic.oid(rt, oid, input, out_len);
        self.issued.push(IssuedOid {
            oid,
            queue_id,
            status: r.status,
        });
        r
    }

    fn new_filter_id(&mut self) -> u32 {
        let id = self.next_filter_id;
        self.next_filter_id = self.next_filter_id.wrapping_add(1).max(1);
        id
    }

    /// NDIS's QueueId assignment: the lowest id in 1..=NumQueues not in use.
    fn assign_queue_id(&self) -> Option<u32> {
        (1..=self.num_queues).find(|q| !self.queue_ids.contains(q))
    }

    /// Connect a VM: with VMQ and a weight, ALLOCATE_QUEUE -> SET_FILTER ->
    /// QUEUE_ALLOCATION_COMPLETE; any failure (queues exhausted, RESOURCES) leaves the VM on the
    /// default queue with nothing half-allocated.
    pub fn connect(&mut self, cfg: VmConfig) -> VmId {
        let id = self.vms.len();
        self.vms.push(Vm {
            config: Some(cfg.clone()),
            ..Vm::default()
        });
        if self.vmq_enabled && cfg.vmq_weight > 0 {
            if let Some(q) = self.assign_queue_id() {
                self.try_queue(id, q, &cfg);
            }
        }
        id
    }

    fn try_queue(&mut self, vm: VmId, q: u32, cfg: &VmConfig) {
        let r = self.issue(
            RequestType::Method,
            OID_RECEIVE_FILTER_ALLOCATE_QUEUE,
            &allocate_queue_params(q, cfg, 100 + vm as u32),
            q,
        );
        if r.status != NDIS_STATUS_SUCCESS {
            return;
        }
        self.queue_ids.insert(q);
        let f = self.new_filter_id();
        let r = self.issue(
            RequestType::Method,
            OID_RECEIVE_FILTER_SET_FILTER,
            &set_filter_params(q, f, cfg.mac, cfg.vlan),
            q,
        );
        if r.status != NDIS_STATUS_SUCCESS {
            self.release_queue(q, None);
            return;
        }
        let r = self.issue(
            RequestType::Method,
            OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE,
            &allocation_complete_params(&[q]),
            q,
        );
        let element = get32(
            &r.out,
            NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1 + 12,
        );
        if r.status != NDIS_STATUS_SUCCESS || element != NDIS_STATUS_SUCCESS {
            self.release_queue(q, Some(f));
            return;
        }
        let v = &mut self.vms[vm];
        v.queue = Some(q);
        v.filter = Some(f);
    }

    fn release_queue(&mut self, q: u32, filter: Option<u32>) {
        if let Some(f) = filter {
            self.issue(
                RequestType::Set,
                OID_RECEIVE_FILTER_CLEAR_FILTER,
                &clear_filter_params(q, f),
                q,
            );
        }
        let r = self.issue(
            RequestType::Set,
            OID_RECEIVE_FILTER_FREE_QUEUE,
            &free_queue_params(q),
            q,
        );
        if r.status == NDIS_STATUS_SUCCESS {
            self.queue_ids.remove(&q);
        }
    }

    /// Change a VM's MAC and/or VLAN: on a queue, CLEAR_FILTER then SET_FILTER with a new FilterId.
    pub fn reconfigure(&mut self, vm: VmId, mac: MacAddr, vlan: Option<u16>) -> u32 {
        let (q, old) = (self.vms[vm].queue, self.vms[vm].filter);
        if let Some(c) = self.vms[vm].config.as_mut() {
            c.mac = mac;
            c.vlan = vlan;
        }
        let (Some(q), Some(old)) = (q, old) else {
            return NDIS_STATUS_SUCCESS;
        };
        let r = self.issue(
            RequestType::Set,
            OID_RECEIVE_FILTER_CLEAR_FILTER,
            &clear_filter_params(q, old),
            q,
        );
        if r.status != NDIS_STATUS_SUCCESS {
            return r.status;
        }
        self.vms[vm].filter = None;
        let f = self.new_filter_id();
        let r = self.issue(
            RequestType::Method,
            OID_RECEIVE_FILTER_SET_FILTER,
            &set_filter_params(q, f, mac, vlan),
            q,
        );
        if r.status == NDIS_STATUS_SUCCESS {
            self.vms[vm].filter = Some(f);
        }
        r.status
    }

    /// Dynamic VMQ: move a VM's queue to `processor` (QUEUE_PARAMETERS, PROCESSOR_AFFINITY_CHANGED).
    pub fn move_vm(&mut self, vm: VmId, processor: u8) -> u32 {
        let Some(q) = self.vms[vm].queue else {
            return NDIS_STATUS_SUCCESS;
        };
        let Some(cfg) = self.vms[vm].config.as_mut() else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        cfg.processor = processor;
        let mut b = allocate_queue_params(q, cfg, 0);
        put32(
            &mut b,
            rqp::FLAGS,
            NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED,
        );
        self.issue(RequestType::Set, OID_RECEIVE_FILTER_QUEUE_PARAMETERS, &b, q)
            .status
    }

    /// Disconnect a VM: CLEAR_FILTER -> FREE_QUEUE (waits for a pended free to complete).
    pub fn disconnect(&mut self, vm: VmId) {
        self.deliver();
        if let (Some(q), f) = (self.vms[vm].queue, self.vms[vm].filter) {
            self.release_queue(q, f);
        }
        let v = &mut self.vms[vm];
        v.queue = None;
        v.filter = None;
        v.config = None;
    }

    /// Take the adapter's indications and deliver them to the VMs: a VM queue's frames go to its
    /// owner untouched; default-queue frames are parsed and copied (the baseline).
    pub fn deliver(&mut self) -> usize {
        let rx = self.nic.take_received();
        let n = rx.len();
        for r in rx {
            if r.queue_id != 0 {
                if let Some(vm) = self
                    .vms
                    .iter_mut()
                    .find(|v| v.queue == Some(u32::from(r.queue_id)))
                {
                    self.counters.frames_direct += 1;
                    vm.received_on.push((r.queue_id, r.processor));
                    vm.received.push(r.frame);
                    continue;
                }
            }
            // Default queue (or a queue no VM owns any more): parse and copy.
            self.counters.frames_parsed += 1;
            let Some(dst) = r.frame.get(..6) else {
                self.counters.frames_unclaimed += 1;
                continue;
            };
            let vid = vid_of(r.ieee8021q);
            let group = dst[0] & 1 == 1;
            let mut claimed = false;
            for vm in self.vms.iter_mut() {
                let Some(cfg) = vm.config.as_ref() else { continue };
                let vlan_ok = cfg.vlan.unwrap_or(0) == vid;
                if vlan_ok && (group || dst == cfg.mac) {
                    self.counters.frames_copied += 1;
                    self.counters.bytes_copied += r.frame.len() as u64;
                    vm.received_on.push((r.queue_id, r.processor));
                    vm.received.push(r.frame.clone());
                    claimed = true;
                }
            }
            if !claimed {
                self.counters.frames_unclaimed += 1;
            }
        }
        n
    }
}

// ---- NDIS-handled OIDs answered from the driver's state --------------------------------------

fn off<T: AbiLayout>(field: &str) -> usize {
    T::field(field).map_or(usize::MAX / 2, |f| f.offset)
}

fn put_counted(buf: &mut [u8], at: usize, name: &svnic_miniport::vmq::wire::CountedName) {
    put(buf, at, &name.len_bytes.to_le_bytes());
    for (i, u) in name.units().iter().enumerate() {
        put(buf, at + 2 + 2 * i, &u.to_le_bytes());
    }
}

fn result(status: u32, out: Vec<u8>, needed: usize) -> OidResult {
    let written = if status == NDIS_STATUS_SUCCESS {
        out.len() as u32
    } else {
        0
    };
    OidResult {
        status,
        bytes_read: 0,
        bytes_written: written,
        bytes_needed: needed as u32,
        out,
    }
}

fn filter_vlan(f: FilterVlan) -> Option<u16> {
    match f {
        FilterVlan::UntaggedOrZero => None,
        FilterVlan::Vid(v) => Some(v),
    }
}

/// Answer an NDIS-handled VMQ OID from `engine`'s state (NDIS answers these from its cache; the
/// miniport never sees them). `None` when `oid` is not one of them. `out_len` is the caller's
/// buffer: too short -> NDIS_STATUS_INVALID_LENGTH with BytesNeeded.
pub fn ndis_answer(
    engine: &VmqEngine,
    rt: RequestType,
    oid: u32,
    input: &[u8],
    out_len: usize,
) -> Option<OidResult> {
    let caps = engine.capabilities();
    let sized = |out: Vec<u8>| {
        if out.len() > out_len {
            result(NDIS_STATUS_INVALID_LENGTH, Vec::new(), out.len())
        } else {
            result(NDIS_STATUS_SUCCESS, out, 0)
        }
    };
    let query = matches!(rt, RequestType::Query | RequestType::QueryStatistics);
    if !query && rt != RequestType::Method {
        return None;
    }
    match (oid, query) {
        (OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES, true) => Some(sized(caps.hardware.to_bytes().to_vec())),
        (OID_RECEIVE_FILTER_CURRENT_CAPABILITIES, true) => Some(sized(caps.current.to_bytes().to_vec())),
        (OID_RECEIVE_FILTER_GLOBAL_PARAMETERS, true) => {
            type G = abi::NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS;
            let size = usize::from(abi::NDIS_SIZEOF_RECEIVE_FILTER_GLOBAL_PARAMETERS_REVISION_1);
            let mut b = vec![0u8; size];
            header(
                &mut b,
                0,
                abi::NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS_REVISION_1,
                size,
            );
            put32(
                &mut b,
                off::<G>("EnabledFilterTypes"),
                caps.current.enabled_filter_types,
            );
            put32(
                &mut b,
                off::<G>("EnabledQueueTypes"),
                caps.current.enabled_queue_types,
            );
            Some(sized(b))
        }
        (OID_RECEIVE_FILTER_ENUM_QUEUES, true) => {
            type Info = abi::NDIS_RECEIVE_QUEUE_INFO;
            let first = usize::from(abi::NDIS_SIZEOF_RECEIVE_QUEUE_INFO_ARRAY_REVISION_1);
            let esize = usize::from(abi::NDIS_SIZEOF_RECEIVE_QUEUE_INFO_REVISION_2);
            let queues = engine.queues();
            let mut b = vec![0u8; first + queues.len() * esize];
            header(&mut b, 0, abi::NDIS_RECEIVE_QUEUE_INFO_ARRAY_REVISION_1, first);
            put32(&mut b, 4, first as u32);
            put32(&mut b, 8, queues.len() as u32);
            put32(&mut b, 12, esize as u32);
            for (i, q) in queues.iter().enumerate() {
                let o = first + i * esize;
                header(&mut b, o, abi::NDIS_RECEIVE_QUEUE_INFO_REVISION_2, esize);
                put32(&mut b, o + off::<Info>("Flags"), q.params.flags);
                put32(
                    &mut b,
                    o + off::<Info>("QueueType"),
                    NDIS_RECEIVE_QUEUE_TYPE_VM_QUEUE,
                );
                put32(&mut b, o + off::<Info>("QueueId"), q.queue_id);
                put32(&mut b, o + off::<Info>("QueueState"), q.operational_state);
                let aff = o + off::<Info>("ProcessorAffinity");
                put(
                    &mut b,
                    aff + off::<GROUP_AFFINITY>("Mask"),
                    &q.params.affinity.mask.to_le_bytes(),
                );
                put(
                    &mut b,
                    aff + off::<GROUP_AFFINITY>("Group"),
                    &q.params.affinity.group.to_le_bytes(),
                );
                put32(
                    &mut b,
                    o + off::<Info>("NumSuggestedReceiveBuffers"),
                    q.params.suggested_buffers,
                );
                put32(&mut b, o + off::<Info>("MSIXTableEntry"), q.msix_table_entry);
                put_counted(&mut b, o + off::<Info>("VmName"), &q.params.vm_name);
                put_counted(&mut b, o + off::<Info>("QueueName"), &q.params.queue_name);
                put32(&mut b, o + off::<Info>("NumFilters"), q.num_filters);
                put32(
                    &mut b,
                    o + off::<Info>("InterruptCoalescingDomainId"),
                    q.coalescing_domain,
                );
            }
            Some(sized(b))
        }
        (OID_RECEIVE_FILTER_ENUM_FILTERS, false) => {
            // Input: NDIS_RECEIVE_FILTER_INFO_ARRAY with the QueueId (0 = default queue).
            type Arr = abi::NDIS_RECEIVE_FILTER_INFO_ARRAY;
            if input.len() < usize::from(abi::NDIS_SIZEOF_RECEIVE_FILTER_INFO_ARRAY_REVISION_1) {
                return Some(result(
                    NDIS_STATUS_INVALID_LENGTH,
                    Vec::new(),
                    usize::from(abi::NDIS_SIZEOF_RECEIVE_FILTER_INFO_ARRAY_REVISION_1),
                ));
            }
            let queue = get32(input, off::<Arr>("QueueId"));
            let Ok(q16) = u16::try_from(queue) else {
                return Some(result(NDIS_STATUS_INVALID_PARAMETER, Vec::new(), 0));
            };
            if queue != 0 && engine.queue_snapshot(queue).is_none() {
                return Some(result(NDIS_STATUS_INVALID_PARAMETER, Vec::new(), 0));
            }
            let filters = engine.filters(Some(RxTarget::Queue(q16)));
            let first = usize::from(abi::NDIS_SIZEOF_RECEIVE_FILTER_INFO_ARRAY_REVISION_2);
            let esize = usize::from(abi::NDIS_SIZEOF_RECEIVE_FILTER_INFO_REVISION_1);
            let mut b = vec![0u8; first + filters.len() * esize];
            header(&mut b, 0, abi::NDIS_RECEIVE_FILTER_INFO_ARRAY_REVISION_2, first);
            put32(&mut b, off::<Arr>("QueueId"), queue);
            put32(&mut b, off::<Arr>("FirstElementOffset"), first as u32);
            put32(&mut b, off::<Arr>("NumElements"), filters.len() as u32);
            put32(&mut b, off::<Arr>("ElementSize"), esize as u32);
            for (i, f) in filters.iter().enumerate() {
                let o = first + i * esize;
                header(&mut b, o, abi::NDIS_RECEIVE_FILTER_INFO_REVISION_1, esize);
                put32(
                    &mut b,
                    o + off::<abi::NDIS_RECEIVE_FILTER_INFO>("FilterType"),
                    NDIS_RECEIVE_FILTER_TYPE_VM_QUEUE,
                );
                put32(
                    &mut b,
                    o + off::<abi::NDIS_RECEIVE_FILTER_INFO>("FilterId"),
                    f.filter_id,
                );
            }
            Some(sized(b))
        }
        (OID_RECEIVE_FILTER_PARAMETERS, false) => {
            let filter_id = get32(input, rfp::FILTER_ID);
            let Some(f) = (filter_id != 0).then(|| engine.filter(filter_id)).flatten() else {
                return Some(result(NDIS_STATUS_INVALID_PARAMETER, Vec::new(), 0));
            };
            let RxTarget::Queue(q) = f.target else {
                return Some(result(NDIS_STATUS_INVALID_PARAMETER, Vec::new(), 0));
            };
            Some(sized(set_filter_params(
                u32::from(q),
                f.filter_id,
                f.spec.mac,
                filter_vlan(f.spec.vlan),
            )))
        }
        (OID_RECEIVE_FILTER_QUEUE_PARAMETERS, false) => {
            let queue = get32(input, rqp::QUEUE_ID);
            let Some(q) = engine.queue_snapshot(queue) else {
                return Some(result(NDIS_STATUS_INVALID_PARAMETER, Vec::new(), 0));
            };
            let mut b = vec![0u8; NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2];
            let n = b.len();
            header(&mut b, 0, NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_2, n);
            put32(&mut b, rqp::FLAGS, q.params.flags);
            put32(&mut b, rqp::QUEUE_TYPE, NDIS_RECEIVE_QUEUE_TYPE_VM_QUEUE);
            put32(&mut b, rqp::QUEUE_ID, q.queue_id);
            put(&mut b, rqp::AFFINITY_MASK, &q.params.affinity.mask.to_le_bytes());
            put(
                &mut b,
                rqp::AFFINITY_GROUP,
                &q.params.affinity.group.to_le_bytes(),
            );
            put32(
                &mut b,
                rqp::NUM_SUGGESTED_RECEIVE_BUFFERS,
                q.params.suggested_buffers,
            );
            put32(&mut b, rqp::MSIX_TABLE_ENTRY, q.msix_table_entry);
            put_counted(&mut b, rqp::VM_NAME, &q.params.vm_name);
            put_counted(&mut b, rqp::QUEUE_NAME, &q.params.queue_name);
            put32(&mut b, rqp::PORT_ID, q.params.port_id);
            put32(&mut b, rqp::INTERRUPT_COALESCING_DOMAIN_ID, q.coalescing_domain);
            Some(sized(b))
        }
        _ => None,
    }
}
