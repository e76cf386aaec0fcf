//! The hardware the adapter drives, as far as the first data path needs it: a NIC function with
//! a MAC, a receive packet filter, a default receive queue whose buffers live in a DMA region,
//! an MSI-X vector with a target processor, counters, and a port on a [`Hub`] (several NICs on
//! one wire).
//!
//! This is a private stand-in written while svnic-device (the full model: classifier, pools,
//! VFs, embedded switch) is being built; the adapter talks to the hardware only through this
//! module so it can switch to svnic-device without touching the data path.
//!
//! Nothing here allocates after [`Nic::setup_default_queue`]: rings are fixed arrays.

use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use spin::{Mutex, RwLock};
use svnic_device::dma::DmaRegion;

/// Raised by the NIC when a vector fires; the adapter turns it into a DPC on the vector's
/// target processor.
pub trait MsiSink: Send + Sync {
    fn signal(&self, vector: u16);
}

/// NDIS_PACKET_TYPE_* bits the receive filter honours.
pub mod packet_type {
    pub const DIRECTED: u32 = 0x0000_0001;
    pub const MULTICAST: u32 = 0x0000_0002;
    pub const ALL_MULTICAST: u32 = 0x0000_0004;
    pub const BROADCAST: u32 = 0x0000_0008;
    pub const PROMISCUOUS: u32 = 0x0000_0020;
    /// The filter bits the adapter accepts in OID_GEN_CURRENT_PACKET_FILTER.
    pub const SUPPORTED: u32 = DIRECTED | MULTICAST | ALL_MULTICAST | BROADCAST | PROMISCUOUS;
}

/// Most multicast addresses the filter holds (OID_802_3_MAXIMUM_LIST_SIZE).
pub const MAX_MULTICAST: usize = 32;

/// A completed receive descriptor.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RxCompletion {
    pub slot: u32,
    pub len: u32,
    pub ieee8021q: u32,
}

/// Device counters (what OID_GEN_STATISTICS reports).
#[derive(Debug, Default)]
pub struct Counters {
    pub rx_frames: AtomicU64,
    pub rx_bytes: AtomicU64,
    pub rx_unicast: AtomicU64,
    pub rx_multicast: AtomicU64,
    pub rx_broadcast: AtomicU64,
    pub rx_no_buffer: AtomicU64,
    pub rx_filtered: AtomicU64,
    pub rx_errors: AtomicU64,
    pub tx_frames: AtomicU64,
    pub tx_bytes: AtomicU64,
    pub tx_unicast: AtomicU64,
    pub tx_multicast: AtomicU64,
    pub tx_broadcast: AtomicU64,
    pub tx_errors: AtomicU64,
}

/// A snapshot of [`Counters`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CounterSnapshot {
    pub rx_frames: u64,
    pub rx_bytes: u64,
    pub rx_unicast: u64,
    pub rx_multicast: u64,
    pub rx_broadcast: u64,
    pub rx_no_buffer: u64,
    pub rx_filtered: u64,
    pub rx_errors: u64,
    pub tx_frames: u64,
    pub tx_bytes: u64,
    pub tx_unicast: u64,
    pub tx_multicast: u64,
    pub tx_broadcast: u64,
    pub tx_errors: u64,
}

impl Counters {
    pub fn snapshot(&self) -> CounterSnapshot {
        let r = |a: &AtomicU64| a.load(Ordering::Relaxed);
        CounterSnapshot {
            rx_frames: r(&self.rx_frames),
            rx_bytes: r(&self.rx_bytes),
            rx_unicast: r(&self.rx_unicast),
            rx_multicast: r(&self.rx_multicast),
            rx_broadcast: r(&self.rx_broadcast),
            rx_no_buffer: r(&self.rx_no_buffer),
            rx_filtered: r(&self.rx_filtered),
            rx_errors: r(&self.rx_errors),
            tx_frames: r(&self.tx_frames),
            tx_bytes: r(&self.tx_bytes),
            tx_unicast: r(&self.tx_unicast),
            tx_multicast: r(&self.tx_multicast),
            tx_broadcast: r(&self.tx_broadcast),
            tx_errors: r(&self.tx_errors),
        }
    }
}

fn bump(a: &AtomicU64, by: u64) {
    a.fetch_add(by, Ordering::Relaxed);
}

/// A fixed-capacity ring of u32-sized entries (no allocation after creation).
struct Ring<T: Copy + Default> {
    slots: Vec<T>,
    head: usize,
    len: usize,
}

impl<T: Copy + Default> Ring<T> {
    fn with_capacity(cap: usize) -> Self {
        let mut slots = Vec::new();
        slots.resize(cap, T::default());
        Self {
            slots,
            head: 0,
            len: 0,
        }
    }
    fn push(&mut self, v: T) -> bool {
        let cap = self.slots.len();
        if self.len >= cap || cap == 0 {
            return false;
        }
        let idx = self.head.wrapping_add(self.len).checked_rem(cap).unwrap_or(0);
        match self.slots.get_mut(idx) {
            Some(s) => {
                *s = v;
                self.len = self.len.wrapping_add(1);
                true
            }
            None => false,
        }
    }
    fn pop(&mut self) -> Option<T> {
        let cap = self.slots.len();
        if self.len == 0 || cap == 0 {
            return None;
        }
        let v = self.slots.get(self.head).copied();
        self.head = self.head.wrapping_add(1).checked_rem(cap).unwrap_or(0);
        self.len = self.len.wrapping_sub(1);
        v
    }
    fn clear(&mut self) {
        self.head = 0;
        self.len = 0;
    }
}

struct RxQueue {
    region: Option<Arc<dyn DmaRegion>>,
    slot_len: u32,
    /// Slots the driver posted (free buffers).
    posted: Ring<u32>,
    /// Completed descriptors not yet harvested by the driver.
    done: Ring<RxCompletion>,
    enabled: bool,
}

struct Filter {
    mac: [u8; 6],
    packet_filter: u32,
    multicast: Vec<[u8; 6]>,
}

/// One NIC function on the hub.
pub struct Nic {
    filter: RwLock<Filter>,
    rx: Mutex<RxQueue>,
    vector: u16,
    msi: RwLock<Option<Arc<dyn MsiSink>>>,
    counters: Counters,
    port: AtomicU32,
    hub: Arc<Hub>,
}

impl core::fmt::Debug for Nic {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Nic").field("port", &self.port).finish()
    }
}

fn is_multicast(mac: &[u8]) -> bool {
    mac.first().is_some_and(|b| b & 1 == 1)
}

impl Nic {
    /// A NIC with `mac` attached to `hub`. It accepts nothing until a packet filter is set and
    /// a default queue is set up.
    pub fn new(hub: Arc<Hub>, mac: [u8; 6], vector: u16) -> Arc<Self> {
        let nic = Arc::new(Self {
            filter: RwLock::new(Filter {
                mac,
                packet_filter: 0,
                multicast: Vec::new(),
            }),
            rx: Mutex::new(RxQueue {
                region: None,
                slot_len: 0,
                posted: Ring::with_capacity(0),
                done: Ring::with_capacity(0),
                enabled: false,
            }),
            vector,
            msi: RwLock::new(None),
            counters: Counters::default(),
            port: AtomicU32::new(u32::MAX),
            hub: hub.clone(),
        });
        let id = hub.attach(nic.clone());
        nic.port.store(id, Ordering::Release);
        nic
    }

    /// Leave the hub (at halt).
    pub fn detach(&self) {
        self.hub.detach(self.port.load(Ordering::Acquire));
    }

    pub fn set_msi_sink(&self, sink: Option<Arc<dyn MsiSink>>) {
        *self.msi.write() = sink;
    }

    pub fn vector(&self) -> u16 {
        self.vector
    }

    pub fn counters(&self) -> &Counters {
        &self.counters
    }

    pub fn hub(&self) -> &Arc<Hub> {
        &self.hub
    }

    pub fn port_id(&self) -> u32 {
        self.port.load(Ordering::Acquire)
    }

    pub fn set_mac(&self, mac: [u8; 6]) {
        self.filter.write().mac = mac;
    }

    pub fn set_packet_filter(&self, filter: u32) {
        self.filter.write().packet_filter = filter;
    }

    /// Replace the multicast list; false (and nothing changed) when it is too long.
    pub fn set_multicast(&self, list: &[[u8; 6]]) -> bool {
        if list.len() > MAX_MULTICAST {
            return false;
        }
        let mut f = self.filter.write();
        f.multicast.clear();
        f.multicast.extend_from_slice(list);
        true
    }

    /// Give the default queue its buffer region (`slots` buffers of `slot_len` bytes) and
    /// enable it. Allocates the rings (this is queue setup, not the hot path).
    pub fn setup_default_queue(&self, region: Arc<dyn DmaRegion>, slot_len: u32, slots: u32) {
        let n = usize::try_from(slots).unwrap_or(0);
        let mut q = self.rx.lock();
        q.region = Some(region);
        q.slot_len = slot_len;
        q.posted = Ring::with_capacity(n);
        q.done = Ring::with_capacity(n);
        q.enabled = true;
    }

    /// Disable the default queue and forget its region (the device no longer reaches it).
    pub fn teardown_default_queue(&self) {
        let mut q = self.rx.lock();
        q.enabled = false;
        q.region = None;
        q.posted.clear();
        q.done.clear();
    }

    /// Post a free buffer slot to the default queue.
    pub fn post_rx(&self, slot: u32) -> bool {
        self.rx.lock().posted.push(slot)
    }

    /// Harvest up to `out.len()` completed descriptors; returns how many.
    pub fn poll_rx(&self, out: &mut [RxCompletion]) -> usize {
        let mut q = self.rx.lock();
        let mut n = 0usize;
        for o in out.iter_mut() {
            match q.done.pop() {
                Some(c) => {
                    *o = c;
                    n = n.wrapping_add(1);
                }
                None => break,
            }
        }
        n
    }

    /// Whether completed descriptors are waiting.
    pub fn rx_pending(&self) -> bool {
        self.rx.lock().done.len > 0
    }

    fn accepts(&self, frame: &[u8]) -> bool {
        let Some(dst) = frame.get(..6) else { return false };
        let f = self.filter.read();
        let pf = f.packet_filter;
        if pf & packet_type::PROMISCUOUS != 0 {
            return true;
        }
        if dst == [0xff; 6] {
            return pf & packet_type::BROADCAST != 0;
        }
        if is_multicast(dst) {
            return pf & packet_type::ALL_MULTICAST != 0
                || (pf & packet_type::MULTICAST != 0 && f.multicast.iter().any(|m| m == dst));
        }
        pf & packet_type::DIRECTED != 0 && dst == f.mac
    }

    /// A frame arrives from the wire: filter, DMA into the next posted buffer, complete, fire.
    pub fn receive_from_wire(&self, frame: &[u8]) {
        if frame.len() < 14 {
            bump(&self.counters.rx_errors, 1);
            return;
        }
        if !self.accepts(frame) {
            bump(&self.counters.rx_filtered, 1);
            return;
        }
        let len = frame.len() as u64;
        {
            let mut q = self.rx.lock();
            if !q.enabled || u32::try_from(frame.len()).map_or(true, |l| l > q.slot_len) {
                bump(&self.counters.rx_no_buffer, 1);
                return;
            }
            let Some(slot) = q.posted.pop() else {
                bump(&self.counters.rx_no_buffer, 1);
                return;
            };
            let offset = usize::try_from(slot)
                .ok()
                .and_then(|s| s.checked_mul(usize::try_from(q.slot_len).ok()?));
            let written = match (offset, q.region.as_ref()) {
                (Some(off), Some(r)) => r.write(off, frame),
                _ => false,
            };
            if !written {
                bump(&self.counters.rx_errors, 1);
                let _ = q.posted.push(slot);
                return;
            }
            let c = RxCompletion {
                slot,
                len: len as u32,
                ieee8021q: 0,
            };
            if !q.done.push(c) {
                bump(&self.counters.rx_errors, 1);
                return;
            }
        }
        bump(&self.counters.rx_frames, 1);
        bump(&self.counters.rx_bytes, len);
        let dst = frame.get(..6).unwrap_or(&[]);
        if dst == [0xff; 6] {
            bump(&self.counters.rx_broadcast, 1);
        } else if is_multicast(dst) {
            bump(&self.counters.rx_multicast, 1);
        } else {
            bump(&self.counters.rx_unicast, 1);
        }
        if let Some(sink) = self.msi.read().as_ref() {
            sink.signal(self.vector);
        }
    }

    /// Transmit a frame onto the wire (every other port of the hub).
    pub fn transmit(&self, frame: &[u8]) -> bool {
        if frame.len() < 14 {
            bump(&self.counters.tx_errors, 1);
            return false;
        }
        bump(&self.counters.tx_frames, 1);
        bump(&self.counters.tx_bytes, frame.len() as u64);
        let dst = frame.get(..6).unwrap_or(&[]);
        if dst == [0xff; 6] {
            bump(&self.counters.tx_broadcast, 1);
        } else if is_multicast(dst) {
            bump(&self.counters.tx_multicast, 1);
        } else {
            bump(&self.counters.tx_unicast, 1);
        }
        self.hub.transmit(self.port_id(), frame);
        true
    }
}

/// Several NICs on one wire: a frame sent by one port is delivered to every other port.
#[derive(Default)]
pub struct Hub {
    ports: RwLock<Vec<(u32, Arc<Nic>)>>,
    next: AtomicU32,
    observers: RwLock<Vec<Arc<dyn HubObserver>>>,
}

/// Sees every frame that crosses the hub (the simulator's capture of the wire).
pub trait HubObserver: Send + Sync {
    fn frame(&self, from_port: u32, frame: &[u8]);
}

impl core::fmt::Debug for Hub {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Hub")
            .field("ports", &self.ports.read().len())
            .finish()
    }
}

impl Hub {
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    fn attach(&self, nic: Arc<Nic>) -> u32 {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        self.ports.write().push((id, nic));
        id
    }

    fn detach(&self, id: u32) {
        self.ports.write().retain(|(p, _)| *p != id);
    }

    pub fn add_observer(&self, o: Arc<dyn HubObserver>) {
        self.observers.write().push(o);
    }

    /// Ports currently attached.
    pub fn port_count(&self) -> usize {
        self.ports.read().len()
    }

    /// A frame sent by `from`: every other port receives it.
    pub fn transmit(&self, from: u32, frame: &[u8]) {
        for o in self.observers.read().iter() {
            o.frame(from, frame);
        }
        let ports = self.ports.read();
        for (id, nic) in ports.iter() {
            if *id != from {
                nic.receive_from_wire(frame);
            }
        }
    }

    /// Deliver `frame` to port `to` only, as if it came from the wire.
    pub fn inject(&self, to: u32, frame: &[u8]) -> bool {
        let nic = self
            .ports
            .read()
            .iter()
            .find(|(id, _)| *id == to)
            .map(|(_, n)| n.clone());
        match nic {
            Some(n) => {
                n.receive_from_wire(frame);
                true
            }
            None => false,
        }
    }
}
