//! [`VmqDevice`] over the modeled NIC (`svnic_device::Device`): VM queue `q` is PF queue `q`
//! (the model's pool `q`, queue 0 = the default pool), a VMQ filter is a model exact-match filter
//! steering to that pool, the queue's receive ring DMAs into the shared memory registered for it,
//! and the queue's MSI-X vector is pointed at the queue's processor.
//!
//! Processor numbering on the model's MSI-X messages: `MsiMessage.processor` =
//! [`processor_index`] (group x 64 + number); [`processor_from_index`] maps it back for the DPC.
//!
//! Ring bookkeeping: the model has no ring reset, so the wrapper remembers which slots sit in the
//! ring (posted, not yet completed). A queue restarted after a free posts only the slots that are
//! not already there, and completions of slots beyond the current layout are discarded. Slots the
//! ring has no room for wait in a per-queue backlog (reserved at start; no allocation on reposts).

use super::device::{ieee8021q_info, DeviceError, FilterSpec, FilterVlan, RxTarget, VmqDevice};
use crate::os::{ProcessorNumber, RxFrame, SharedMemory};
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicU32, AtomicU64, Ordering::SeqCst};
use svnic_device::{Device, QueueId, RxCompletion, RxDesc};

const WORDS: usize = 8; // 512 slots (datapath::MAX_SLOTS)
const POLL_BATCH: usize = 32;

/// The flat processor index the model's MSI-X messages carry.
pub fn processor_index(p: ProcessorNumber) -> u32 {
    super::coalescing_domain(p)
}

/// The processor an MSI-X message's `processor` field names.
pub fn processor_from_index(i: u32) -> ProcessorNumber {
    ProcessorNumber {
        group: u16::try_from(i / 64).unwrap_or(u16::MAX),
        number: u8::try_from(i % 64).unwrap_or(0),
    }
}

struct ModelQueue {
    slot_len: AtomicU32,
    slots: AtomicU32,
    in_ring: [AtomicU64; WORDS],
    backlog: spin::Mutex<Vec<u32>>,
}

impl ModelQueue {
    fn new() -> Self {
        Self {
            slot_len: AtomicU32::new(0),
            slots: AtomicU32::new(0),
            in_ring: Default::default(),
            backlog: spin::Mutex::new(Vec::new()),
        }
    }

    fn bit(&self, slot: u32) -> Option<(&AtomicU64, u64)> {
        let w = self.in_ring.get(usize::try_from(slot / 64).ok()?)?;
        Some((w, 1u64.wrapping_shl(slot % 64)))
    }
}

/// The VMQ view of a modeled NIC.
pub struct ModelVmq {
    dev: Arc<Device>,
    queues: Vec<ModelQueue>,
}

impl core::fmt::Debug for ModelVmq {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ModelVmq")
            .field("queues", &self.queues.len())
            .finish()
    }
}

fn dev_err(e: svnic_device::DeviceError) -> DeviceError {
    match e {
        svnic_device::DeviceError::TableFull | svnic_device::DeviceError::RingFull => {
            DeviceError::NoResources
        }
        _ => DeviceError::Invalid,
    }
}

impl ModelVmq {
    /// Wrap `dev` (allocates the per-queue bookkeeping now).
    pub fn new(dev: Arc<Device>) -> Self {
        let n = usize::from(dev.config().pf_queues).saturating_add(1);
        let mut queues = Vec::with_capacity(n);
        queues.resize_with(n, ModelQueue::new);
        Self { dev, queues }
    }

    pub fn device(&self) -> &Arc<Device> {
        &self.dev
    }

    fn q(&self, queue: u16) -> Option<&ModelQueue> {
        self.queues.get(usize::from(queue))
    }

    /// Put `slot` in the ring; false when the ring is full.
    fn try_post(&self, queue: u16, m: &ModelQueue, slot: u32) -> bool {
        let len = m.slot_len.load(SeqCst);
        let desc = RxDesc {
            offset: u64::from(slot).saturating_mul(u64::from(len)),
            len,
        };
        if let Ok(1) = self.dev.post_rx(QueueId(queue), &[desc]) {
            if let Some((w, b)) = m.bit(slot) {
                w.fetch_or(b, SeqCst);
            }
            true
        } else {
            false
        }
    }

    /// Put `slot` in the ring, or in the backlog when the ring is full.
    fn post(&self, queue: u16, m: &ModelQueue, slot: u32) {
        if !self.try_post(queue, m, slot) {
            let mut backlog = m.backlog.lock();
            if backlog.len() < backlog.capacity() {
                backlog.push(slot);
            }
        }
    }

    fn drain_backlog(&self, queue: u16, m: &ModelQueue) {
        loop {
            let Some(slot) = m.backlog.lock().pop() else {
                return;
            };
            if !self.try_post(queue, m, slot) {
                m.backlog.lock().push(slot);
                return;
            }
        }
    }
}

impl VmqDevice for ModelVmq {
    fn vmq_queue_count(&self) -> u16 {
        self.dev.config().pf_queues
    }

    fn vmq_filter_capacity(&self) -> u16 {
        u16::try_from(svnic_device::filters::MAX_FILTERS).unwrap_or(u16::MAX)
    }

    fn add_rx_filter(&self, spec: FilterSpec, target: RxTarget) -> Result<u32, DeviceError> {
        let RxTarget::Queue(q) = target else {
            return Err(DeviceError::Invalid);
        };
        let vlan = match spec.vlan {
            FilterVlan::UntaggedOrZero => svnic_device::VlanMatch::UntaggedOrZero,
            FilterVlan::Vid(v) => svnic_device::VlanMatch::Vid(v),
        };
        self.dev
            .add_filter(spec.mac, vlan, QueueId(q))
            .map(|id| id.0)
            .map_err(dev_err)
    }

    fn remove_rx_filter(&self, handle: u32) {
        let _ = self.dev.remove_filter(svnic_device::FilterId(handle));
    }

    fn set_rx_vector_target(&self, queue: u16, processor: ProcessorNumber) {
        if let Ok((f, v)) = self.dev.queue_vector(QueueId(queue)) {
            let _ = self.dev.set_vector_processor(f, v, processor_index(processor));
        }
    }

    fn start_rx(
        &self,
        queue: u16,
        memory: &SharedMemory,
        slot_len: u32,
        slots: u32,
    ) -> Result<(), DeviceError> {
        let m = self.q(queue).ok_or(DeviceError::Invalid)?;
        let qid = QueueId(queue);
        self.dev
            .set_rx_region(qid, memory.region.clone())
            .map_err(dev_err)?;
        self.dev
            .update_pool(qid, |p| {
                p.rx_enable = true;
                p.strip_vlan = true;
            })
            .map_err(dev_err)?;
        m.slot_len.store(slot_len, SeqCst);
        m.slots.store(slots, SeqCst);
        {
            let mut backlog = m.backlog.lock();
            backlog.clear();
            backlog.reserve(usize::try_from(slots).unwrap_or(0));
        }
        for slot in 0..slots {
            let queued = m.bit(slot).is_some_and(|(w, b)| w.load(SeqCst) & b != 0);
            if !queued {
                self.post(queue, m, slot);
            }
        }
        self.dev.enable_rx(qid, true).map_err(dev_err)
    }

    fn stop_rx(&self, queue: u16) {
        let Some(m) = self.q(queue) else { return };
        let qid = QueueId(queue);
        // Under the ring lock: once this returns no delivery is in progress or will start.
        let _ = self.dev.enable_rx(qid, false);
        if queue != 0 {
            let _ = self.dev.update_pool(qid, |p| p.rx_enable = false);
        }
        let mut c = [RxCompletion::default(); POLL_BATCH];
        let len = m.slot_len.load(SeqCst).max(1);
        loop {
            let n = self.dev.poll_rx(qid, &mut c).min(POLL_BATCH);
            if n == 0 {
                break;
            }
            for done in c.iter().take(n) {
                let slot = done
                    .offset
                    .checked_div(u64::from(len))
                    .and_then(|s| u32::try_from(s).ok())
                    .unwrap_or(u32::MAX);
                if let Some((w, b)) = m.bit(slot) {
                    w.fetch_and(!b, SeqCst);
                }
            }
        }
        m.backlog.lock().clear();
        m.slots.store(0, SeqCst);
    }

    fn poll_rx(&self, queue: u16, out: &mut [RxFrame]) -> usize {
        let Some(m) = self.q(queue) else { return 0 };
        let qid = QueueId(queue);
        let len = m.slot_len.load(SeqCst).max(1);
        let slots = m.slots.load(SeqCst);
        let mut c = [RxCompletion::default(); POLL_BATCH];
        let mut n = 0usize;
        // A frame spread over several descriptors (larger than a slot) is dropped whole.
        let mut dropping = false;
        while n < out.len() {
            let room = out.len().saturating_sub(n).min(POLL_BATCH);
            let Some(buf) = c.get_mut(..room) else { break };
            let k = self.dev.poll_rx(qid, buf).min(room);
            if k == 0 {
                break;
            }
            for done in c.iter().take(k) {
                let slot = done
                    .offset
                    .checked_div(u64::from(len))
                    .and_then(|s| u32::try_from(s).ok())
                    .unwrap_or(u32::MAX);
                if let Some((w, b)) = m.bit(slot) {
                    w.fetch_and(!b, SeqCst);
                }
                if slot >= slots {
                    continue; // a descriptor of an earlier incarnation beyond today's layout
                }
                if done.skipped || !done.eop || dropping {
                    self.post(queue, m, slot);
                    dropping = !done.eop;
                    continue;
                }
                if let Some(o) = out.get_mut(n) {
                    *o = RxFrame {
                        slot,
                        offset: 0,
                        len: done.frame_len,
                        ieee8021q: done.vlan_tci.map_or(0, ieee8021q_info),
                    };
                    n = n.saturating_add(1);
                }
            }
        }
        n
    }

    fn rx_pending(&self, queue: u16) -> bool {
        self.dev.rx_ready(QueueId(queue)) > 0
    }

    fn repost_rx(&self, queue: u16, slot: u32) {
        let Some(m) = self.q(queue) else { return };
        if slot >= m.slots.load(SeqCst) {
            return;
        }
        self.drain_backlog(queue, m);
        self.post(queue, m, slot);
    }
}
