//! Test harness for the VMQ engine: a recording `Os`, a model NIC implementing `VmqDevice`
//! (exact-match MAC/VLAN classifier, per-queue rings DMAing into the queue's shared memory, one
//! vector per queue), and builders for the VMQ OID information buffers.
#![allow(dead_code)]

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering::SeqCst};
use std::sync::{Arc, Mutex};

use svnic_abi::status::*;
use svnic_device::dma::{DmaRegion, VecRegion};
use svnic_miniport::oid::{OidBytes, OidOutcome, OidRequest, OidToken, RequestType};
use svnic_miniport::os::*;
use svnic_miniport::vmq::caps::{receive_filter_capabilities, VmqMode};
use svnic_miniport::vmq::device::*;
use svnic_miniport::vmq::ndis::*;
use svnic_miniport::vmq::{VmqEngine, VmqEnv};

thread_local! {
    static CURRENT: Cell<ProcessorNumber> = const { Cell::new(ProcessorNumber { group: 0, number: 0 }) };
}

pub fn set_current(p: ProcessorNumber) {
    CURRENT.with(|c| c.set(p));
}

pub const fn cpu(n: u8) -> ProcessorNumber {
    ProcessorNumber { group: 0, number: n }
}

/// One receive indication as the OS saw it.
#[derive(Clone, Debug)]
pub struct Rx {
    pub seq: u64,
    pub processor: ProcessorNumber,
    pub bank: RxBankId,
    pub queue_id: u32,
    pub flags: u32,
    pub shared_memory_handle: u64,
    pub frames: Vec<(RxFrame, Vec<u8>)>,
}

#[derive(Clone, Debug)]
pub enum Event {
    Status {
        seq: u64,
        status: u32,
        payload: Vec<u8>,
    },
    Complete {
        seq: u64,
        token: OidToken,
        status: u32,
        bytes: OidBytes,
    },
}

struct Bank {
    memory: SharedMemory,
    slot_len: u32,
    slots: u32,
}

#[derive(Default)]
pub struct TestOs {
    pub processors: u32,
    seq: AtomicU64,
    pub events: Mutex<Vec<Event>>,
    pub rx: Mutex<Vec<Rx>>,
    /// (bank, slot) indicated and not yet returned by the test.
    pub held: Mutex<VecDeque<(RxBankId, u32)>>,
    pub dpc_queue: Mutex<VecDeque<ProcessorNumber>>,
    next_handle: AtomicU64,
    pub shm_live: Mutex<BTreeMap<u64, (u32, u32)>>,
    pub shm_allocs: AtomicU64,
    banks: Mutex<HashMap<RxBankId, Bank>>,
    pub fail_shm: AtomicU32,
    pub fail_bank: AtomicU32,
    /// Record frame bytes in `rx` (off for the stress test).
    pub record: AtomicBool,
    /// Queues whose DmaStopped was indicated and whose bank was not re-created since.
    stopped: Mutex<std::collections::HashSet<u32>>,
    /// Indications for a queue after its DmaStopped (must stay 0).
    pub after_dma_stopped: AtomicU64,
}

impl TestOs {
    pub fn new(processors: u32) -> Arc<Self> {
        let os = Self {
            processors,
            next_handle: AtomicU64::new(0x1000),
            ..Self::default()
        };
        os.record.store(true, SeqCst);
        Arc::new(os)
    }
    fn seq(&self) -> u64 {
        self.seq.fetch_add(1, SeqCst)
    }
    pub fn statuses(&self) -> Vec<(u64, u32, Vec<u8>)> {
        self.events
            .lock()
            .unwrap()
            .iter()
            .filter_map(|e| match e {
                Event::Status { seq, status, payload } => Some((*seq, *status, payload.clone())),
                _ => None,
            })
            .collect()
    }
    /// DmaStopped indications for `queue`, with their sequence numbers.
    pub fn dma_stopped(&self, queue: u32) -> Vec<u64> {
        self.statuses()
            .into_iter()
            .filter(|(_, s, p)| {
                *s == svnic_miniport::vmq::ndis::NDIS_STATUS_RECEIVE_QUEUE_STATE
                    && u32::from_le_bytes(p[8..12].try_into().unwrap()) == queue
                    && u32::from_le_bytes(p[12..16].try_into().unwrap()) == 3
            })
            .map(|(s, _, _)| s)
            .collect()
    }
    pub fn completions(&self) -> Vec<(u64, OidToken, u32, OidBytes)> {
        self.events
            .lock()
            .unwrap()
            .iter()
            .filter_map(|e| match e {
                Event::Complete {
                    seq,
                    token,
                    status,
                    bytes,
                } => Some((*seq, *token, *status, *bytes)),
                _ => None,
            })
            .collect()
    }
    pub fn take_rx(&self) -> Vec<Rx> {
        std::mem::take(&mut *self.rx.lock().unwrap())
    }
    pub fn live_banks(&self) -> usize {
        self.banks.lock().unwrap().len()
    }
    pub fn now(&self) -> u64 {
        self.seq.load(SeqCst)
    }
}

impl Os for TestOs {
    fn active_processor_count(&self, group: u16) -> u32 {
        if group == 0 {
            self.processors
        } else {
            0
        }
    }
    fn current_processor(&self) -> ProcessorNumber {
        CURRENT.with(|c| c.get())
    }
    fn now_us(&self) -> u64 {
        0
    }
    fn indicate_status(&self, status: NdisStatus, payload: &[u8]) {
        if status == svnic_miniport::vmq::ndis::NDIS_STATUS_RECEIVE_QUEUE_STATE && payload.len() >= 16 {
            let q = u32::from_le_bytes(payload[8..12].try_into().unwrap());
            self.stopped.lock().unwrap().insert(q);
        }
        let seq = self.seq();
        self.events.lock().unwrap().push(Event::Status {
            seq,
            status,
            payload: payload.to_vec(),
        });
    }
    fn complete_oid(&self, token: OidToken, status: NdisStatus, bytes: OidBytes) {
        let seq = self.seq();
        self.events.lock().unwrap().push(Event::Complete {
            seq,
            token,
            status,
            bytes,
        });
    }
    fn schedule_dpc(&self, processor: ProcessorNumber) -> bool {
        let mut q = self.dpc_queue.lock().unwrap();
        if q.contains(&processor) {
            return false;
        }
        q.push_back(processor);
        true
    }
    fn alloc_shared_memory(&self, req: SharedMemoryRequest) -> Result<SharedMemory, NdisStatus> {
        assert_eq!(req.usage, SharedMemoryUsage::Receive);
        assert_eq!(req.vport_id, 0);
        if self.fail_shm.load(SeqCst) > 0 {
            self.fail_shm.fetch_sub(1, SeqCst);
            return Err(NDIS_STATUS_RESOURCES);
        }
        let handle = self.next_handle.fetch_add(1, SeqCst);
        self.shm_live
            .lock()
            .unwrap()
            .insert(handle, (req.queue_id, req.len));
        self.shm_allocs.fetch_add(1, SeqCst);
        Ok(SharedMemory {
            handle,
            os_cookie: handle,
            len: req.len,
            region: Arc::new(VecRegion::new(req.len as usize)),
        })
    }
    fn free_shared_memory(&self, mem: SharedMemory) {
        assert!(
            self.shm_live.lock().unwrap().remove(&mem.handle).is_some(),
            "double free"
        );
    }
    fn create_rx_bank(&self, spec: &RxBankSpec<'_>) -> Result<(), NdisStatus> {
        if self.fail_bank.load(SeqCst) > 0 {
            self.fail_bank.fetch_sub(1, SeqCst);
            return Err(NDIS_STATUS_RESOURCES);
        }
        self.stopped.lock().unwrap().remove(&spec.queue_id);
        let prev = self.banks.lock().unwrap().insert(
            spec.bank,
            Bank {
                memory: spec.memory.clone(),
                slot_len: spec.slot_len,
                slots: spec.slots,
            },
        );
        assert!(prev.is_none(), "bank {:?} created twice", spec.bank);
        Ok(())
    }
    fn destroy_rx_bank(&self, bank: RxBankId) {
        assert!(self.banks.lock().unwrap().remove(&bank).is_some());
    }
    fn indicate_receive(&self, ind: &RxIndication<'_>) {
        if self.stopped.lock().unwrap().contains(&ind.queue_id) {
            self.after_dma_stopped.fetch_add(1, SeqCst);
        }
        let seq = self.seq();
        let banks = self.banks.lock().unwrap();
        let bank = banks.get(&ind.bank).expect("indication on a live bank");
        let record = self.record.load(SeqCst);
        let frames = ind
            .frames
            .iter()
            .map(|f| {
                assert!(f.slot < bank.slots);
                let mut data = vec![0u8; if record { f.len as usize } else { 0 }];
                if record {
                    assert!(bank
                        .memory
                        .region
                        .read((f.slot * bank.slot_len + f.offset) as usize, &mut data));
                }
                (*f, data)
            })
            .collect();
        let handle = bank.memory.handle;
        drop(banks);
        {
            let mut held = self.held.lock().unwrap();
            for f in ind.frames {
                held.push_back((ind.bank, f.slot));
            }
        }
        self.rx.lock().unwrap().push(Rx {
            seq,
            processor: self.current_processor(),
            bank: ind.bank,
            queue_id: ind.queue_id,
            flags: ind.flags,
            shared_memory_handle: handle,
            frames,
        });
    }
    fn pause_complete(&self) {}
    fn enable_virtualization(&self, _: u16, _: bool) -> NdisStatus {
        NDIS_STATUS_NOT_SUPPORTED
    }
    fn invalidate_vf_config_block(&self, _: u16, _: u64) -> NdisStatus {
        NDIS_STATUS_NOT_SUPPORTED
    }
    fn read_vf_config_block(&self, _: u32, _: &mut [u8]) -> NdisStatus {
        NDIS_STATUS_NOT_SUPPORTED
    }
    fn write_vf_config_block(&self, _: u32, _: &[u8]) -> NdisStatus {
        NDIS_STATUS_NOT_SUPPORTED
    }
}

// ---- the model NIC ------------------------------------------------------------------------

#[derive(Default)]
struct Ring {
    region: Option<Arc<dyn DmaRegion>>,
    slot_len: u32,
    free: VecDeque<u32>,
    done: VecDeque<RxFrame>,
}

pub struct TestNic {
    pub queues: u16,
    pub filter_capacity: u16,
    filters: Mutex<Vec<(u32, FilterSpec, RxTarget)>>,
    next_filter: AtomicU32,
    rings: Vec<Mutex<Ring>>,
    vectors: Vec<Mutex<Option<ProcessorNumber>>>,
    /// Frames written into a queue's memory (one per delivered frame: "one device write").
    pub device_writes: AtomicU64,
    pub dropped_disabled: AtomicU64,
    pub dropped_no_buffer: AtomicU64,
    pub fail_filter: AtomicBool,
}

impl TestNic {
    pub fn new(queues: u16, filter_capacity: u16) -> Arc<Self> {
        Arc::new(Self {
            queues,
            filter_capacity,
            filters: Mutex::new(Vec::new()),
            next_filter: AtomicU32::new(100),
            rings: (0..=queues).map(|_| Mutex::new(Ring::default())).collect(),
            vectors: (0..=queues).map(|_| Mutex::new(None)).collect(),
            device_writes: AtomicU64::new(0),
            dropped_disabled: AtomicU64::new(0),
            dropped_no_buffer: AtomicU64::new(0),
            fail_filter: AtomicBool::new(false),
        })
    }

    pub fn filter_count(&self) -> usize {
        self.filters.lock().unwrap().len()
    }

    pub fn vector_target(&self, q: u16) -> Option<ProcessorNumber> {
        *self.vectors[q as usize].lock().unwrap()
    }

    pub fn classify(&self, frame: &[u8]) -> (u16, Option<u16>) {
        let dst: MacAddr = frame[0..6].try_into().unwrap();
        let tagged = frame.len() >= 18 && frame[12] == 0x81 && frame[13] == 0x00;
        let tci = tagged.then(|| u16::from_be_bytes([frame[14], frame[15]]));
        let vid = tci.map(|t| t & 0x0fff).unwrap_or(0);
        if dst[0] & 1 == 1 {
            return (0, tci);
        }
        for (_, spec, target) in self.filters.lock().unwrap().iter() {
            let vlan_ok = match spec.vlan {
                FilterVlan::UntaggedOrZero => vid == 0,
                FilterVlan::Vid(v) => tci.is_some() && vid == v,
            };
            if spec.mac == dst && vlan_ok {
                if let RxTarget::Queue(q) = target {
                    return (*q, tci);
                }
            }
        }
        (0, tci)
    }

    /// A frame from the wire: classify, strip a tag, DMA into the target queue's next slot, raise
    /// its vector on `os`. Returns the queue it landed in, or None when dropped.
    pub fn receive(&self, os: &dyn Os, frame: &[u8]) -> Option<u16> {
        let (q, tci) = self.classify(frame);
        let mut data = frame.to_vec();
        if tci.is_some() {
            data.drain(12..16);
        }
        let mut ring = self.rings[q as usize].lock().unwrap();
        let Some(region) = ring.region.clone() else {
            self.dropped_disabled.fetch_add(1, SeqCst);
            return None;
        };
        let Some(slot) = ring.free.pop_front() else {
            self.dropped_no_buffer.fetch_add(1, SeqCst);
            return None;
        };
        assert!(region.write((slot * ring.slot_len) as usize, &data));
        self.device_writes.fetch_add(1, SeqCst);
        ring.done.push_back(RxFrame {
            slot,
            offset: 0,
            len: data.len() as u32,
            ieee8021q: tci.map(ieee8021q_info).unwrap_or(0),
        });
        drop(ring);
        if let Some(p) = *self.vectors[q as usize].lock().unwrap() {
            os.schedule_dpc(p);
        }
        Some(q)
    }
}

impl VmqDevice for TestNic {
    fn vmq_queue_count(&self) -> u16 {
        self.queues
    }
    fn vmq_filter_capacity(&self) -> u16 {
        self.filter_capacity
    }
    fn add_rx_filter(&self, spec: FilterSpec, target: RxTarget) -> Result<u32, DeviceError> {
        if self.fail_filter.load(SeqCst) {
            return Err(DeviceError::NoResources);
        }
        let h = self.next_filter.fetch_add(1, SeqCst);
        self.filters.lock().unwrap().push((h, spec, target));
        Ok(h)
    }
    fn remove_rx_filter(&self, handle: u32) {
        let mut f = self.filters.lock().unwrap();
        let before = f.len();
        f.retain(|(h, _, _)| *h != handle);
        assert_eq!(f.len() + 1, before, "remove of unknown filter handle");
    }
    fn set_rx_vector_target(&self, queue: u16, processor: ProcessorNumber) {
        *self.vectors[queue as usize].lock().unwrap() = Some(processor);
    }
    fn start_rx(
        &self,
        queue: u16,
        memory: &SharedMemory,
        slot_len: u32,
        slots: u32,
    ) -> Result<(), DeviceError> {
        let mut r = self.rings[queue as usize].lock().unwrap();
        assert!(r.region.is_none(), "start_rx on a started queue");
        r.region = Some(memory.region.clone());
        r.slot_len = slot_len;
        r.free = (0..slots).collect();
        r.done.clear();
        Ok(())
    }
    fn stop_rx(&self, queue: u16) {
        let mut r = self.rings[queue as usize].lock().unwrap();
        r.region = None;
        r.free.clear();
        r.done.clear();
    }
    fn poll_rx(&self, queue: u16, out: &mut [RxFrame]) -> usize {
        let mut r = self.rings[queue as usize].lock().unwrap();
        let mut n = 0;
        while n < out.len() {
            let Some(f) = r.done.pop_front() else { break };
            out[n] = f;
            n += 1;
        }
        n
    }
    fn rx_pending(&self, queue: u16) -> bool {
        !self.rings[queue as usize].lock().unwrap().done.is_empty()
    }
    fn repost_rx(&self, queue: u16, slot: u32) {
        let mut r = self.rings[queue as usize].lock().unwrap();
        if r.region.is_some() {
            assert!(!r.free.contains(&slot), "slot {slot} reposted twice");
            r.free.push_back(slot);
        }
    }
}

// ---- the harness --------------------------------------------------------------------------

pub struct Harness {
    pub os: Arc<TestOs>,
    pub nic: Arc<TestNic>,
    pub engine: VmqEngine,
    next_token: AtomicU64,
}

pub fn vmq_mode() -> VmqMode {
    VmqMode {
        vmq: true,
        sriov: false,
        vlan_filtering: true,
    }
}

impl Harness {
    pub fn new(queues: u16, processors: u32) -> Self {
        Self::with_mode(queues, processors, vmq_mode())
    }

    pub fn with_mode(queues: u16, processors: u32, mode: VmqMode) -> Self {
        let os = TestOs::new(processors);
        let nic = TestNic::new(queues, queues * 2);
        let caps = receive_filter_capabilities(nic.vmq_queue_count(), nic.vmq_filter_capacity(), mode);
        let engine = VmqEngine::new(caps);
        let h = Self {
            os,
            nic,
            engine,
            next_token: AtomicU64::new(1),
        };
        h.engine.start_default_queue(h.env(), cpu(0)).unwrap();
        h
    }

    pub fn env(&self) -> VmqEnv<'_> {
        VmqEnv {
            os: &*self.os,
            device: &*self.nic,
        }
    }

    /// Issue an OID; returns (outcome, bytes_read, bytes_written, bytes_needed, token).
    pub fn oid(&self, rt: RequestType, oid: u32, buf: &mut [u8], input_len: usize) -> OidResult {
        let token = OidToken(self.next_token.fetch_add(1, SeqCst));
        let mut req = OidRequest {
            request_type: rt,
            oid,
            buffer: buf,
            input_len,
            bytes_read: 0,
            bytes_written: 0,
            bytes_needed: 0,
            token,
        };
        let mut env = self.env();
        let outcome = self.engine.handle_oid(&mut env, &mut req);
        OidResult {
            outcome,
            read: req.bytes_read,
            written: req.bytes_written,
            needed: req.bytes_needed,
            token,
        }
    }

    pub fn method(&self, oid: u32, buf: &mut [u8]) -> OidResult {
        let n = buf.len();
        self.oid(RequestType::Method, oid, buf, n)
    }

    pub fn set(&self, oid: u32, buf: &mut [u8]) -> OidResult {
        let n = buf.len();
        self.oid(RequestType::Set, oid, buf, n)
    }

    pub fn allocate(&self, id: u32, processor: u8) -> OidResult {
        self.method(
            OID_RECEIVE_FILTER_ALLOCATE_QUEUE,
            &mut queue_params(id, 1u64 << processor, 0),
        )
    }

    pub fn set_filter(&self, queue: u32, filter: u32, mac: MacAddr, vlan: Option<u16>) -> OidResult {
        self.method(
            OID_RECEIVE_FILTER_SET_FILTER,
            &mut filter_params(queue, filter, mac, vlan),
        )
    }

    /// Returns the element statuses.
    pub fn complete(&self, ids: &[u32]) -> (OidResult, Vec<u32>) {
        let mut b = allocation_complete(ids);
        let r = self.method(OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE, &mut b);
        (r, completion_statuses(&b))
    }

    pub fn clear(&self, queue: u32, filter: u32) -> OidResult {
        self.set(OID_RECEIVE_FILTER_CLEAR_FILTER, &mut clear_params(queue, filter))
    }

    pub fn free(&self, queue: u32) -> OidResult {
        self.set(OID_RECEIVE_FILTER_FREE_QUEUE, &mut free_params(queue))
    }

    /// ALLOCATE -> SET_FILTER -> QUEUE_ALLOCATION_COMPLETE, asserting success.
    pub fn connect(&self, queue: u32, filter: u32, mac: MacAddr, vlan: Option<u16>, processor: u8) {
        assert_eq!(self.allocate(queue, processor).outcome, ok());
        assert_eq!(self.set_filter(queue, filter, mac, vlan).outcome, ok());
        let (r, st) = self.complete(&[queue]);
        assert_eq!(r.outcome, ok());
        assert_eq!(st, vec![NDIS_STATUS_SUCCESS]);
    }

    /// Run scheduled DPCs (on this thread, posing as each processor) until none is left.
    pub fn run_dpcs(&self, budget: u32) -> u32 {
        let mut runs = 0;
        loop {
            let next = self.os.dpc_queue.lock().unwrap().pop_front();
            let Some(p) = next else { return runs };
            set_current(p);
            let r = self.engine.dpc(&self.env(), p, budget);
            runs += 1;
            if r.more_work {
                self.os.schedule_dpc(p);
            }
        }
    }

    /// Return every held NBL.
    pub fn return_all(&self) -> usize {
        let held: Vec<_> = self.os.held.lock().unwrap().drain(..).collect();
        for (bank, slot) in &held {
            assert!(self.engine.return_rx(&self.env(), *bank, *slot));
        }
        held.len()
    }

    pub fn inject(&self, frame: &[u8]) -> Option<u16> {
        self.nic.receive(&*self.os, frame)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OidResult {
    pub outcome: OidOutcome,
    pub read: u32,
    pub written: u32,
    pub needed: u32,
    pub token: OidToken,
}

pub fn ok() -> OidOutcome {
    OidOutcome::Complete(NDIS_STATUS_SUCCESS)
}

pub fn st(s: u32) -> OidOutcome {
    OidOutcome::Complete(s)
}

// ---- frames -------------------------------------------------------------------------------

pub fn vm_mac(i: u8) -> MacAddr {
    [0x00, 0x15, 0x5d, 0x00, 0x01, i]
}

/// An Ethernet frame to `dst` carrying `seq` (big-endian) as its first payload bytes.
pub fn frame(dst: MacAddr, vlan: Option<u16>, seq: u32) -> Vec<u8> {
    let mut f = Vec::new();
    f.extend_from_slice(&dst);
    f.extend_from_slice(&[0x02, 0, 0, 0, 0, 0x99]);
    if let Some(tci) = vlan {
        f.extend_from_slice(&[0x81, 0x00]);
        f.extend_from_slice(&tci.to_be_bytes());
    }
    f.extend_from_slice(&[0x08, 0x00]);
    f.extend_from_slice(&seq.to_be_bytes());
    f.resize(f.len().max(60), 0xEE);
    f
}

/// The sequence number of an indicated (tag-stripped) frame.
pub fn seq_of(data: &[u8]) -> u32 {
    u32::from_be_bytes(data[14..18].try_into().unwrap())
}

// ---- OID buffers --------------------------------------------------------------------------

fn put16(b: &mut [u8], off: usize, v: u16) {
    b[off..off + 2].copy_from_slice(&v.to_le_bytes());
}
pub fn put32(b: &mut [u8], off: usize, v: u32) {
    b[off..off + 4].copy_from_slice(&v.to_le_bytes());
}
fn put64(b: &mut [u8], off: usize, v: u64) {
    b[off..off + 8].copy_from_slice(&v.to_le_bytes());
}
pub fn get32(b: &[u8], off: usize) -> u32 {
    u32::from_le_bytes(b[off..off + 4].try_into().unwrap())
}
pub fn hdr(b: &mut [u8], off: usize, rev: u8, size: u16) {
    b[off] = NDIS_OBJECT_TYPE_DEFAULT;
    b[off + 1] = rev;
    put16(b, off + 2, size);
}

fn name(b: &mut [u8], off: usize, s: &str) {
    let units: Vec<u16> = s.encode_utf16().collect();
    put16(b, off, (units.len() * 2) as u16);
    for (i, u) in units.iter().enumerate() {
        put16(b, off + 2 + 2 * i, *u);
    }
}

/// NDIS_RECEIVE_QUEUE_PARAMETERS revision 2 for a VM queue.
pub fn queue_params(id: u32, mask: u64, group: u16) -> Vec<u8> {
    let mut b = vec![0u8; NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2];
    hdr(
        &mut b,
        0,
        2,
        NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2 as u16,
    );
    put32(
        &mut b,
        rqp::FLAGS,
        NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION,
    );
    put32(&mut b, rqp::QUEUE_TYPE, NDIS_RECEIVE_QUEUE_TYPE_VM_QUEUE);
    put32(&mut b, rqp::QUEUE_ID, id);
    put64(&mut b, rqp::AFFINITY_MASK, mask);
    put16(&mut b, rqp::AFFINITY_GROUP, group);
    put32(&mut b, rqp::NUM_SUGGESTED_RECEIVE_BUFFERS, 64);
    name(&mut b, rqp::VM_NAME, &format!("vm{id}"));
    name(&mut b, rqp::QUEUE_NAME, &format!("q{id}"));
    put32(&mut b, rqp::PORT_ID, 100 + id);
    b
}

/// NDIS_RECEIVE_FILTER_PARAMETERS revision 2 + one or two field tests.
pub fn filter_params(queue: u32, filter: u32, mac: MacAddr, vlan: Option<u16>) -> Vec<u8> {
    let n = if vlan.is_some() { 2 } else { 1 };
    let first = NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_2;
    let mut b = vec![0u8; first + n * 56];
    hdr(&mut b, 0, 2, first as u16);
    put32(&mut b, rfp::FILTER_TYPE, NDIS_RECEIVE_FILTER_TYPE_VM_QUEUE);
    put32(&mut b, rfp::QUEUE_ID, queue);
    put32(&mut b, rfp::FILTER_ID, filter);
    put32(&mut b, rfp::FIELD_ARRAY_OFFSET, first as u32);
    put32(&mut b, rfp::FIELD_ARRAY_NUM_ELEMENTS, n as u32);
    put32(&mut b, rfp::FIELD_ARRAY_ELEMENT_SIZE, 56);
    let f = first;
    hdr(&mut b, f, 1, 56);
    put32(&mut b, f + rffp::FRAME_HEADER, NDIS_FRAME_HEADER_MAC);
    put32(
        &mut b,
        f + rffp::RECEIVE_FILTER_TEST,
        NDIS_RECEIVE_FILTER_TEST_EQUAL,
    );
    put32(
        &mut b,
        f + rffp::HEADER_FIELD,
        NDIS_MAC_HEADER_FIELD_DESTINATION_ADDRESS,
    );
    b[f + rffp::FIELD_VALUE..f + rffp::FIELD_VALUE + 6].copy_from_slice(&mac);
    match vlan {
        None => put32(
            &mut b,
            f + rffp::FLAGS,
            NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO,
        ),
        Some(v) => {
            let f = first + 56;
            hdr(&mut b, f, 1, 56);
            put32(&mut b, f + rffp::FRAME_HEADER, NDIS_FRAME_HEADER_MAC);
            put32(
                &mut b,
                f + rffp::RECEIVE_FILTER_TEST,
                NDIS_RECEIVE_FILTER_TEST_EQUAL,
            );
            put32(&mut b, f + rffp::HEADER_FIELD, NDIS_MAC_HEADER_FIELD_VLAN_ID);
            put16(&mut b, f + rffp::FIELD_VALUE, v);
        }
    }
    b
}

pub fn allocation_complete(ids: &[u32]) -> Vec<u8> {
    let first = 20usize;
    let mut b = vec![0u8; first + ids.len() * 16];
    hdr(&mut b, 0, 1, 20);
    put32(&mut b, qac::FIRST_ELEMENT_OFFSET, first as u32);
    put32(&mut b, qac::NUM_ELEMENTS, ids.len() as u32);
    put32(&mut b, qac::ELEMENT_SIZE, 16);
    for (i, id) in ids.iter().enumerate() {
        let o = first + i * 16;
        hdr(&mut b, o, 1, 16);
        put32(&mut b, o + 8, *id);
        put32(&mut b, o + 12, 0xDEAD_BEEF);
    }
    b
}

pub fn completion_statuses(b: &[u8]) -> Vec<u32> {
    let n = get32(b, qac::NUM_ELEMENTS) as usize;
    let first = get32(b, qac::FIRST_ELEMENT_OFFSET) as usize;
    let size = get32(b, qac::ELEMENT_SIZE) as usize;
    (0..n).map(|i| get32(b, first + i * size + 12)).collect()
}

pub fn clear_params(queue: u32, filter: u32) -> Vec<u8> {
    let mut b = vec![0u8; 16];
    hdr(&mut b, 0, 1, 16);
    put32(&mut b, 8, queue);
    put32(&mut b, 12, filter);
    b
}

pub fn free_params(queue: u32) -> Vec<u8> {
    let mut b = vec![0u8; 12];
    hdr(&mut b, 0, 1, 12);
    put32(&mut b, 8, queue);
    b
}

/// A QUEUE_PARAMETERS set moving `queue` to processor `p`.
pub fn affinity_change(queue: u32, p: u8) -> Vec<u8> {
    let mut b = queue_params(queue, 1u64 << p, 0);
    put32(
        &mut b,
        rqp::FLAGS,
        NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED,
    );
    b
}
