//! The VF miniport's receive path: the VF's own queue pair, vector and memory (spec 2.7). The
//! device writes the VF's frames straight into memory the VF allocated and raises the VF's own
//! MSI-X vector; the VF's DPC indicates them. Nothing of the PF runs for VF traffic: no PF vector,
//! no PF DPC, no copy in the switch.
//!
//! A VF never sets or reads a VPortId (spec 2.4): its NBLs carry queue 0 / vPort 0.

use crate::hw::{packet_type, MAX_MULTICAST};
use crate::os::{
    Os, ProcessorNumber, RxBankId, RxBankSpec, RxFrame, RxIndication, SharedMemory, SharedMemoryRequest,
    SharedMemoryUsage,
};
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use svnic_abi::status::{NdisStatus, NDIS_STATUS_FAILURE};
use svnic_device::{Device, FrameKind, RxCompletion, RxDesc};

/// MSI-X vector of the VF's queue pair (vector 0 is its mailbox / misc vector).
pub const VF_QUEUE_VECTOR: u16 = 1;
/// The bank id the VF's receive slots use.
pub const VF_RX_BANK: RxBankId = RxBankId(0x0F00);
/// NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL | NDIS_RECEIVE_FLAGS_PERFECT_FILTERED.
const RX_FLAGS: u32 = 0x0000_0001 | 0x0000_0400;
/// Smallest buffer: a 1514-byte frame plus an 802.1Q tag, rounded up.
pub const MIN_SLOT_LEN: u32 = 1536;
/// Frames handled per DPC before it requeues itself.
pub const DPC_BUDGET: usize = 64;

/// The packet filter a VF starts with: everything the NIC switch forwards to its vPort (its MAC,
/// broadcast, the multicast the switch replicates to it) is indicated, as before a protocol set a
/// filter. OID_GEN_CURRENT_PACKET_FILTER replaces it (0 drops everything).
pub const VF_INITIAL_PACKET_FILTER: u32 =
    packet_type::DIRECTED | packet_type::ALL_MULTICAST | packet_type::BROADCAST;

/// Marks a used multicast slot of [`VfRxFilter`] (a MAC uses the low 48 bits).
const MCAST_VALID: u64 = 1 << 48;

/// The VF's own receive filter: OID_GEN_CURRENT_PACKET_FILTER and OID_802_3_MULTICAST_LIST as
/// the VF's DPC applies them to what the NIC switch forwarded. Atomics and a fixed-size list
/// only: the DPC reads it without a lock and without allocating. An OID that changes it while
/// a DPC runs may have a frame of that DPC judged by the old or the new filter, as a NIC's
/// filter update races frames already on the wire.
#[derive(Debug)]
pub struct VfRxFilter {
    packet_filter: AtomicU32,
    /// `mac | MCAST_VALID` per entry of the multicast list; 0 = unused.
    multicast: [AtomicU64; MAX_MULTICAST],
    multicast_len: AtomicU32,
}

fn mac_key(mac: &[u8; 6]) -> u64 {
    let mut b = [0u8; 8];
    if let Some(d) = b.get_mut(..6) {
        d.copy_from_slice(mac);
    }
    u64::from_le_bytes(b) | MCAST_VALID
}

impl VfRxFilter {
    /// A filter with packet filter `filter` and an empty multicast list.
    pub fn new(filter: u32) -> Self {
        Self {
            packet_filter: AtomicU32::new(filter),
            multicast: core::array::from_fn(|_| AtomicU64::new(0)),
            multicast_len: AtomicU32::new(0),
        }
    }

    /// The current NDIS_PACKET_TYPE_* filter.
    pub fn packet_filter(&self) -> u32 {
        self.packet_filter.load(Ordering::Acquire)
    }

    /// Replace the packet filter (the caller checked the bits).
    pub fn set_packet_filter(&self, filter: u32) {
        self.packet_filter.store(filter, Ordering::Release);
    }

    /// Copy the multicast list into `out`; returns its length.
    pub fn multicast(&self, out: &mut [[u8; 6]; MAX_MULTICAST]) -> usize {
        let n = usize::try_from(self.multicast_len.load(Ordering::Acquire))
            .unwrap_or(0)
            .min(MAX_MULTICAST);
        for (d, s) in out.iter_mut().zip(self.multicast.iter().take(n)) {
            let v = s.load(Ordering::Acquire).to_le_bytes();
            if let Some(m) = v.get(..6) {
                d.copy_from_slice(m);
            }
        }
        n
    }

    /// Replace the multicast list (at most [`MAX_MULTICAST`] entries are kept).
    pub fn set_multicast(&self, list: &[[u8; 6]]) {
        let n = list.len().min(MAX_MULTICAST);
        // Shrink first so a DPC never reads a slot past the new list's end as part of it.
        let cur = self.multicast_len.load(Ordering::Acquire);
        self.multicast_len
            .store(cur.min(u32::try_from(n).unwrap_or(0)), Ordering::Release);
        for (i, slot) in self.multicast.iter().enumerate() {
            let v = list.get(i).filter(|_| i < n).map_or(0, mac_key);
            slot.store(v, Ordering::Release);
        }
        self.multicast_len
            .store(u32::try_from(n).unwrap_or(0), Ordering::Release);
    }

    /// Whether the multicast list holds `dst`.
    fn listed(&self, dst: &[u8; 6]) -> bool {
        let n = usize::try_from(self.multicast_len.load(Ordering::Acquire)).unwrap_or(0);
        let key = mac_key(dst);
        self.multicast
            .iter()
            .take(n)
            .any(|s| s.load(Ordering::Acquire) == key)
    }

    /// Whether the VF indicates a frame of `kind` the switch forwarded to it; `dst` reads the
    /// destination address (called only for a multicast frame the list decides).
    pub fn admits(&self, kind: FrameKind, dst: impl FnOnce() -> Option<[u8; 6]>) -> bool {
        let f = self.packet_filter();
        if f & packet_type::PROMISCUOUS != 0 {
            return true;
        }
        match kind {
            FrameKind::Unicast => f & packet_type::DIRECTED != 0,
            FrameKind::Broadcast => f & packet_type::BROADCAST != 0,
            FrameKind::Multicast => {
                f & packet_type::ALL_MULTICAST != 0
                    || (f & packet_type::MULTICAST != 0 && dst().is_some_and(|d| self.listed(&d)))
            }
        }
    }
}

/// The VF's receive queue.
pub struct VfDataPath {
    dev: Arc<Device>,
    vf: u16,
    mem: Option<SharedMemory>,
    slots: u32,
    slot_len: u32,
    processor: ProcessorNumber,
    /// The DPC's scratch state: only the VF's DPC takes this lock (never the return or OID
    /// paths), so a return made from inside the DPC's indication does not wait on it.
    dpc: spin::Mutex<DpcState>,
    indicated: AtomicU64,
    /// Indicated frames and bytes by cast, indexed [`cast_index`].
    rx_frames: [AtomicU64; 3],
    rx_bytes: [AtomicU64; 3],
    /// The VF's packet filter and multicast list (shared with the VF adapter's OIDs).
    filter: Arc<VfRxFilter>,
    /// Frames the switch forwarded that the VF's filter refused (their slots reposted).
    rx_filtered: AtomicU64,
}

/// Frames and bytes the VF's DPC indicated, by destination cast (what the device's classifier
/// found: `RxCompletion::kind`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VfRxCounts {
    pub unicast: u64,
    pub multicast: u64,
    pub broadcast: u64,
    pub unicast_bytes: u64,
    pub multicast_bytes: u64,
    pub broadcast_bytes: u64,
}

/// Index of a frame kind in the per-cast counters: unicast, multicast, broadcast.
fn cast_index(kind: FrameKind) -> usize {
    match kind {
        FrameKind::Unicast => 0,
        FrameKind::Multicast => 1,
        FrameKind::Broadcast => 2,
    }
}

/// What the VF's DPC works with (allocated at start).
struct DpcState {
    done: Vec<RxCompletion>,
    frames: Vec<RxFrame>,
}

impl core::fmt::Debug for VfDataPath {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("VfDataPath")
            .field("vf", &self.vf)
            .field("slots", &self.slots)
            .field("indicated", &self.indicated())
            .finish()
    }
}

impl VfDataPath {
    /// Set the VF's queue up: shared memory for `slots` buffers of `slot_len`, one preallocated NBL
    /// per slot, every buffer posted, the queue vector aimed at `processor`, receive and transmit
    /// enabled. Everything the hot path needs is allocated here.
    pub fn start(
        os: &dyn Os,
        dev: Arc<Device>,
        vf: u16,
        slots: u32,
        slot_len: u32,
        processor: ProcessorNumber,
    ) -> Result<Self, NdisStatus> {
        let h = dev.vf(vf).ok_or(NDIS_STATUS_FAILURE)?;
        // One buffer holds a whole frame (no multi-descriptor frames on this path).
        if slot_len < MIN_SLOT_LEN || slots == 0 {
            return Err(NDIS_STATUS_FAILURE);
        }
        let len = slots.checked_mul(slot_len).ok_or(NDIS_STATUS_FAILURE)?;
        let mem = os.alloc_shared_memory(SharedMemoryRequest {
            usage: SharedMemoryUsage::Receive,
            queue_id: 0,
            vport_id: 0,
            len,
        })?;
        let spec = RxBankSpec {
            bank: VF_RX_BANK,
            queue_id: 0,
            vport_id: 0,
            memory: &mem,
            slot_len,
            slots,
        };
        if let Err(e) = os.create_rx_bank(&spec) {
            os.free_shared_memory(mem);
            return Err(e);
        }
        let descs: Vec<RxDesc> = (0..slots)
            .map(|s| RxDesc {
                offset: u64::from(s).saturating_mul(u64::from(slot_len)),
                len: slot_len,
            })
            .collect();
        let ok = h.set_rx_region(mem.region.clone()).is_ok()
            && h.post_rx(&descs).is_ok()
            && h.set_vector(VF_QUEUE_VECTOR, u32::from(processor.number), false)
                .is_ok()
            && h.enable_rx(true).is_ok()
            && h.enable_tx(true).is_ok();
        if !ok {
            let _ = h.enable_rx(false);
            os.destroy_rx_bank(VF_RX_BANK);
            os.free_shared_memory(mem);
            return Err(NDIS_STATUS_FAILURE);
        }
        let cap = usize::try_from(slots).unwrap_or(0).min(DPC_BUDGET);
        Ok(Self {
            dev,
            vf,
            mem: Some(mem),
            slots,
            slot_len,
            processor,
            dpc: spin::Mutex::new(DpcState {
                done: alloc::vec![RxCompletion::default(); cap],
                frames: Vec::with_capacity(cap),
            }),
            indicated: AtomicU64::new(0),
            rx_frames: Default::default(),
            rx_bytes: Default::default(),
            filter: Arc::new(VfRxFilter::new(VF_INITIAL_PACKET_FILTER)),
            rx_filtered: AtomicU64::new(0),
        })
    }

    /// The VF's queue vector fired (an MSI-X message of Function::Vf(vf)): queue the DPC.
    pub fn interrupt(&self, os: &dyn Os) -> bool {
        os.schedule_dpc(self.processor)
    }

    /// The VF's receive DPC: indicate what the device wrote, one call for the batch. Returns the
    /// number of frames indicated; requeues itself when the budget ran out.
    pub fn dpc(&self, os: &dyn Os) -> usize {
        let Some(h) = self.dev.vf(self.vf) else {
            return 0;
        };
        let mut st = self.dpc.lock();
        let st = &mut *st;
        let n = h.poll_rx(&mut st.done);
        st.frames.clear();
        for c in st.done.iter().take(n).filter(|c| c.eop && !c.skipped) {
            let slot = c
                .offset
                .checked_div(u64::from(self.slot_len))
                .and_then(|s| u32::try_from(s).ok())
                .unwrap_or(0);
            let dst = || {
                let mut d = [0u8; 6];
                let at = usize::try_from(c.offset).ok()?;
                self.mem.as_ref()?.region.read(at, &mut d).then_some(d)
            };
            if !self.filter.admits(c.kind, dst) {
                // Not indicated: the buffer goes straight back to the device.
                let d = RxDesc {
                    offset: c.offset,
                    len: self.slot_len,
                };
                let _ = h.post_rx(&[d]);
                self.rx_filtered.fetch_add(1, Ordering::Relaxed);
                continue;
            }
            // Counted before the indication: NDIS may return the NBL (and a statistics query
            // may run) before NdisMIndicateReceiveNetBufferLists returns.
            let k = cast_index(c.kind);
            if let (Some(f), Some(b)) = (self.rx_frames.get(k), self.rx_bytes.get(k)) {
                f.fetch_add(1, Ordering::Relaxed);
                b.fetch_add(u64::from(c.frame_len), Ordering::Relaxed);
            }
            st.frames.push(RxFrame {
                slot,
                offset: 0,
                len: c.frame_len,
                ieee8021q: c.vlan_tci.map_or(0, u32::from),
            });
        }
        if !st.frames.is_empty() {
            os.indicate_receive(&RxIndication {
                bank: VF_RX_BANK,
                queue_id: 0,
                vport_id: 0,
                flags: RX_FLAGS,
                frames: &st.frames,
            });
            self.indicated
                .fetch_add(st.frames.len() as u64, Ordering::Relaxed);
        }
        if n == st.done.len() {
            let _ = os.schedule_dpc(self.processor);
        }
        st.frames.len()
    }

    /// NDIS returned slot `slot`: give the buffer back to the device.
    pub fn return_rx(&self, slot: u32) -> bool {
        if slot >= self.slots {
            return false;
        }
        let Some(h) = self.dev.vf(self.vf) else {
            return false;
        };
        let d = RxDesc {
            offset: u64::from(slot).saturating_mul(u64::from(self.slot_len)),
            len: self.slot_len,
        };
        h.post_rx(&[d]).is_ok_and(|n| n == 1)
    }

    /// Frames indicated so far.
    pub fn indicated(&self) -> u64 {
        self.indicated.load(Ordering::Relaxed)
    }

    /// The VF's receive filter (the VF adapter's general OIDs change it).
    pub fn rx_filter(&self) -> &Arc<VfRxFilter> {
        &self.filter
    }

    /// Frames the VF's packet filter / multicast list refused (not indicated, slot reposted).
    pub fn rx_filtered(&self) -> u64 {
        self.rx_filtered.load(Ordering::Relaxed)
    }

    /// Frames and bytes indicated so far, by cast.
    pub fn rx_counts(&self) -> VfRxCounts {
        let r = |a: &[AtomicU64; 3], i: usize| a.get(i).map_or(0, |v| v.load(Ordering::Relaxed));
        VfRxCounts {
            unicast: r(&self.rx_frames, 0),
            multicast: r(&self.rx_frames, 1),
            broadcast: r(&self.rx_frames, 2),
            unicast_bytes: r(&self.rx_bytes, 0),
            multicast_bytes: r(&self.rx_bytes, 1),
            broadcast_bytes: r(&self.rx_bytes, 2),
        }
    }

    /// The VF's memory (what the device writes into).
    pub fn memory(&self) -> Option<&SharedMemory> {
        self.mem.as_ref()
    }

    /// MiniportHaltEx of the VF: stop the queue, free the bank and the memory.
    pub fn stop(&mut self, os: &dyn Os) {
        if let Some(h) = self.dev.vf(self.vf) {
            let _ = h.enable_rx(false);
            let _ = h.enable_tx(false);
        }
        if let Some(mem) = self.mem.take() {
            os.destroy_rx_bank(VF_RX_BANK);
            os.free_shared_memory(mem);
        }
    }
}
