//! The adapter's view of the modeled NIC (svnic-device): one PF [`Device`] on the driver's
//! [`Hub`], its default receive queue (queue 0) whose buffers are slots of a DMA region, the
//! queue's MSI-X vector pointed at a processor, transmit through the device's embedded switch,
//! and the receive packet filter (OID_GEN_CURRENT_PACKET_FILTER / multicast list) applied in
//! software on the default queue (the device's classifier hands the default queue every
//! unmatched unicast plus broadcast and multicast floods, as netvmini's hub does).
//!
//! No allocation after [`Nic::setup_default_queue`]: polling uses stack arrays.
//!
//! The counters OID_GEN_STATISTICS and the OID_GEN_XMIT_* / RCV_* OIDs report cover every frame
//! the PF miniport sent or indicated, whatever PF pool or queue it used: the default pool, VM
//! queues and PF vPorts (never a VF's pool, which belongs to the guest). Sends are counted when
//! the device took them ([`Nic::transmit`], [`Nic::count_tx`] for a PF vPort's pool); receives
//! when they are indicated ([`Nic::accept`] on the default queue's own DPC,
//! [`Nic::count_indicated`] for the banks the VMQ / PF vPort engines indicate from, whose
//! frames' destination is read from the bank's memory to split unicast / multicast /
//! broadcast; counted per bank on the bank's own cache lines and summed at query time, so the
//! DPCs of different processors never write one counter). Drops the device counted on PF queues
//! (no buffer, filtered, oversize) are summed over the PF's queues at query time: no allocation,
//! one queue lock at a time.

use crate::os::{RxBankId, RxBankSpec, RxIndication};
use alloc::sync::{Arc, Weak};
use core::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use spin::RwLock;
use svnic_abi::status::{NdisStatus, NDIS_STATUS_FAILURE, NDIS_STATUS_RESOURCES};
use svnic_device::dma::DmaRegion;
use svnic_device::{
    Device, DeviceConfig, DropReason, Function, MsiSink, PortId, QueueId, RxDesc, TxOutcome, VecRegion, Wire,
    WirePort,
};

pub use svnic_device::Hub;

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

/// PF queues besides the default queue the device exposes (VMQ queues / PF vPort queues).
pub const PF_QUEUES: u16 = 16;
/// VFs the device's SR-IOV capability offers.
pub const TOTAL_VFS: u16 = 8;

/// Receive banks of PF queues (default queue + [`PF_QUEUES`]) the engines indicate from: bank
/// `VMQ_BANK_BASE + q` for PF queue `q` (VM queues and PF vPort queues alike).
const PF_BANKS: usize = PF_QUEUES as usize + 1;

/// Where a PF queue bank's frames are (set when the bank is created, cleared when destroyed).
struct BankView {
    region: Arc<dyn DmaRegion>,
    slot_len: u32,
}

/// What the engines indicated from one PF queue bank, by cast (frames and bytes). Never reset:
/// [`Nic::counters`] sums them with the adapter-wide counters at query time.
#[derive(Default)]
struct BankCounts {
    unicast: AtomicU64,
    multicast: AtomicU64,
    broadcast: AtomicU64,
    unicast_bytes: AtomicU64,
    multicast_bytes: AtomicU64,
    broadcast_bytes: AtomicU64,
}

/// One PF queue bank: its view and its receive counts, on cache lines of their own (128 bytes:
/// x86 cores fetch adjacent line pairs). Only the DPC serving the queue writes them per
/// indication (the view's read lock and the counts), so DPCs of different processors never
/// write a shared line to count frames.
#[derive(Default)]
#[repr(align(128))]
struct BankSlot {
    view: RwLock<Option<BankView>>,
    counts: BankCounts,
}

/// The index of an engine bank in [`Nic`]'s bank table.
fn bank_index(bank: RxBankId) -> Option<usize> {
    let i = usize::try_from(bank.0.checked_sub(crate::vmq::datapath::VMQ_BANK_BASE)?).ok()?;
    (i < PF_BANKS).then_some(i)
}

/// A completed receive of the default queue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RxCompletion {
    pub slot: u32,
    pub len: u32,
    pub ieee8021q: u32,
}

/// Counters the adapter reports (OID_GEN_STATISTICS, the control device).
#[derive(Debug, Default)]
pub struct Counters {
    pub rx_frames: AtomicU64,
    pub rx_bytes: AtomicU64,
    pub rx_unicast: AtomicU64,
    pub rx_multicast: AtomicU64,
    pub rx_broadcast: AtomicU64,
    pub rx_filtered: AtomicU64,
    pub rx_errors: AtomicU64,
    pub tx_frames: AtomicU64,
    pub tx_bytes: AtomicU64,
    pub tx_unicast: AtomicU64,
    pub tx_multicast: AtomicU64,
    pub tx_broadcast: AtomicU64,
    pub tx_errors: AtomicU64,
    /// Bytes by cast (unicast, multicast, broadcast), so the octet counts split as the frames do.
    pub rx_unicast_bytes: AtomicU64,
    pub rx_multicast_bytes: AtomicU64,
    pub rx_broadcast_bytes: AtomicU64,
    pub tx_unicast_bytes: AtomicU64,
    pub tx_multicast_bytes: AtomicU64,
    pub tx_broadcast_bytes: AtomicU64,
}

/// A snapshot of the counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CounterSnapshot {
    pub rx_frames: u64,
    pub rx_bytes: u64,
    pub rx_unicast: u64,
    pub rx_multicast: u64,
    pub rx_broadcast: u64,
    /// Frames the device dropped for want of a posted buffer on a PF queue.
    pub rx_no_buffer: u64,
    /// Frames the packet filter (or the device's classifier, on a PF queue) refused.
    pub rx_filtered: u64,
    pub rx_errors: u64,
    pub tx_frames: u64,
    pub tx_bytes: u64,
    pub tx_unicast: u64,
    pub tx_multicast: u64,
    pub tx_broadcast: u64,
    pub tx_errors: u64,
    /// Frames handed to the NIC, completed without error, that it discarded by policy (the VF's
    /// anti-spoofing / switch drops; 0 on the PF, whose switch drops are transmit errors).
    pub tx_discards: u64,
    /// Octets by cast: `rx_unicast_bytes + rx_multicast_bytes + rx_broadcast_bytes == rx_bytes`,
    /// the same for transmit.
    pub rx_unicast_bytes: u64,
    pub rx_multicast_bytes: u64,
    pub rx_broadcast_bytes: u64,
    pub tx_unicast_bytes: u64,
    pub tx_multicast_bytes: u64,
    pub tx_broadcast_bytes: u64,
}

fn bump(a: &AtomicU64, by: u64) {
    a.fetch_add(by, Ordering::Relaxed);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Cast {
    Unicast,
    Multicast,
    Broadcast,
}

fn cast_of(dst: &[u8]) -> Cast {
    if dst == [0xff; 6] {
        Cast::Broadcast
    } else if dst.first().is_some_and(|b| b & 1 == 1) {
        Cast::Multicast
    } else {
        Cast::Unicast
    }
}

struct Filter {
    mac: [u8; 6],
    packet_filter: u32,
    multicast: [[u8; 6]; MAX_MULTICAST],
    multicast_len: usize,
}

/// One PF function on the hub.
pub struct Nic {
    dev: Arc<Device>,
    hub: Arc<Hub>,
    port: PortId,
    slot_len: AtomicU32,
    filter: RwLock<Filter>,
    counters: Counters,
    /// The engines' receive banks on PF queues, to classify and count their indicated frames.
    rx_banks: [BankSlot; PF_BANKS],
}

impl core::fmt::Debug for Nic {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Nic").field("port", &self.port).finish()
    }
}

const Q0: QueueId = QueueId::DEFAULT;

/// The flat processor index carried by MSI-X messages (group x 64 + number).
pub fn processor_index(group: u16, number: u8) -> u32 {
    u32::from(group).wrapping_mul(64).wrapping_add(u32::from(number))
}

impl Nic {
    /// Create the device (`mac`, frames up to `max_frame`), connect it to `hub`. It receives
    /// nothing until [`Self::setup_default_queue`].
    pub fn new(
        hub: Arc<Hub>,
        mac: [u8; 6],
        max_frame: u32,
        msi: Arc<dyn MsiSink>,
    ) -> Result<Arc<Self>, NdisStatus> {
        let cfg = DeviceConfig {
            pf_mac: mac,
            pf_queues: PF_QUEUES,
            total_vfs: TOTAL_VFS,
            default_max_frame: u16::try_from(max_frame).unwrap_or(u16::MAX),
            ..DeviceConfig::default()
        };
        let dev = Arc::new(Device::new(cfg, msi).map_err(|_| NDIS_STATUS_RESOURCES)?);
        let weak: Weak<dyn WirePort> = {
            let w: Weak<Device> = Arc::downgrade(&dev);
            w
        };
        let port = hub.connect(weak);
        let wire: Arc<dyn Wire> = hub.clone();
        dev.attach_wire(wire, port);
        Ok(Arc::new(Self {
            dev,
            hub,
            port,
            slot_len: AtomicU32::new(0),
            filter: RwLock::new(Filter {
                mac,
                packet_filter: 0,
                multicast: [[0; 6]; MAX_MULTICAST],
                multicast_len: 0,
            }),
            counters: Counters::default(),
            rx_banks: core::array::from_fn(|_| BankSlot::default()),
        }))
    }

    /// The modeled device (VMQ / SR-IOV engines program it directly).
    pub fn device(&self) -> &Arc<Device> {
        &self.dev
    }

    pub fn hub(&self) -> &Arc<Hub> {
        &self.hub
    }

    pub fn port_id(&self) -> u32 {
        self.port
    }

    /// Leave the hub (at halt): no frame reaches the device afterwards.
    pub fn detach(&self) {
        self.hub.disconnect(self.port);
        self.dev.detach_wire();
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
        for (d, s) in f.multicast.iter_mut().zip(list) {
            *d = *s;
        }
        f.multicast_len = list.len();
        true
    }

    /// Give the default queue its buffers (`slots` of `slot_len` bytes in `region`), post them,
    /// enable receive and transmit on the default pool, and aim its vector at `processor`.
    pub fn setup_default_queue(
        &self,
        region: Arc<dyn DmaRegion>,
        slot_len: u32,
        slots: u32,
        processor: u32,
    ) -> Result<(), NdisStatus> {
        let fail = |_| NDIS_STATUS_FAILURE;
        self.slot_len.store(slot_len, Ordering::Release);
        self.dev.set_rx_region(Q0, region).map_err(fail)?;
        for slot in 0..slots {
            if !self.post_rx(slot) {
                return Err(NDIS_STATUS_RESOURCES);
            }
        }
        let max_frame = self.dev.config().default_max_frame;
        self.dev
            .update_pool(Q0, |p| {
                p.rx_enable = true;
                p.tx_enable = true;
                p.accept_broadcast = true;
                p.accept_multicast = true;
                p.max_frame = max_frame;
            })
            .map_err(fail)?;
        let vector = self.dev.layout().default_vector(Q0).ok_or(NDIS_STATUS_FAILURE)?;
        self.dev.set_queue_vector(Q0, vector).map_err(fail)?;
        self.dev
            .set_vector_processor(Function::Pf, vector, processor)
            .map_err(fail)?;
        self.dev.enable_rx(Q0, true).map_err(fail)?;
        Ok(())
    }

    /// Stop the default queue and drop the device's reference to its memory.
    pub fn teardown_default_queue(&self) {
        let _ = self.dev.enable_rx(Q0, false);
        let _ = self.dev.update_pool(Q0, |p| {
            p.rx_enable = false;
            p.tx_enable = false;
        });
        let _ = self.dev.set_rx_region(Q0, Arc::new(VecRegion::new(0)));
    }

    /// Post free slot `slot` to the default queue.
    pub fn post_rx(&self, slot: u32) -> bool {
        let len = self.slot_len.load(Ordering::Acquire);
        let desc = RxDesc {
            offset: u64::from(slot).wrapping_mul(u64::from(len)),
            len,
        };
        self.dev.post_rx(Q0, &[desc]).is_ok_and(|n| n == 1)
    }

    /// Harvest up to `out.len()` completed frames of the default queue; returns how many.
    pub fn poll_rx(&self, out: &mut [RxCompletion]) -> usize {
        let len = u64::from(self.slot_len.load(Ordering::Acquire));
        let mut raw = [svnic_device::RxCompletion::default(); 32];
        let want = out.len().min(raw.len());
        let got = self.dev.poll_rx(Q0, raw.get_mut(..want).unwrap_or(&mut []));
        let mut n = 0usize;
        for c in raw.iter().take(got) {
            let Some(slot) = c.offset.checked_div(len).and_then(|s| u32::try_from(s).ok()) else {
                continue;
            };
            if c.skipped || !c.eop {
                // One buffer always holds a whole frame; a skipped descriptor goes back.
                let _ = self.post_rx(slot);
                continue;
            }
            let tag = c.vlan_tci.map_or(0, |t| {
                let prio = u32::from(t >> 13) & 0x7;
                let cfi = u32::from(t >> 12) & 0x1;
                let vid = u32::from(t) & 0xFFF;
                prio | (cfi << 3) | (vid << 4)
            });
            if let Some(o) = out.get_mut(n) {
                *o = RxCompletion {
                    slot,
                    len: c.frame_len,
                    ieee8021q: tag,
                };
                n = n.wrapping_add(1);
            }
        }
        n
    }

    /// Whether completed frames are waiting on the default queue.
    pub fn rx_pending(&self) -> bool {
        self.dev.rx_ready(Q0) > 0
    }

    /// The packet filter's verdict on a frame whose destination is `dst`; counts it.
    pub fn accept(&self, dst: &[u8], len: u32) -> bool {
        let f = self.filter.read();
        let pf = f.packet_filter;
        let cast = cast_of(dst);
        let ok = pf & packet_type::PROMISCUOUS != 0
            || match cast {
                Cast::Broadcast => pf & packet_type::BROADCAST != 0,
                Cast::Multicast => {
                    pf & packet_type::ALL_MULTICAST != 0
                        || (pf & packet_type::MULTICAST != 0
                            && f.multicast.iter().take(f.multicast_len).any(|m| m == dst))
                }
                Cast::Unicast => pf & packet_type::DIRECTED != 0 && dst == f.mac,
            };
        drop(f);
        if !ok {
            bump(&self.counters.rx_filtered, 1);
            return false;
        }
        self.count_rx(cast, len);
        true
    }

    /// Transmit one frame from the default pool through the embedded switch.
    pub fn transmit(&self, frame: &[u8]) -> bool {
        let sent = matches!(self.dev.transmit(Q0, frame, None), TxOutcome::Sent { .. });
        self.count_tx(frame, sent)
    }

    /// Count one frame the PF sent from any of its pools (`sent`: the device took it, else a
    /// transmit error); returns `sent`. [`Self::transmit`] counts its own; the send path calls
    /// this for a frame it sent from a PF vPort's pool, and with `sent == false` for a frame it
    /// refused itself (too long: completed INVALID_LENGTH), so every failed send is an error.
    pub fn count_tx(&self, frame: &[u8], sent: bool) -> bool {
        if !sent {
            bump(&self.counters.tx_errors, 1);
            return false;
        }
        let c = &self.counters;
        let len = frame.len() as u64;
        let (frames, bytes) = match cast_of(frame.get(..6).unwrap_or(&[])) {
            Cast::Broadcast => (&c.tx_broadcast, &c.tx_broadcast_bytes),
            Cast::Multicast => (&c.tx_multicast, &c.tx_multicast_bytes),
            Cast::Unicast => (&c.tx_unicast, &c.tx_unicast_bytes),
        };
        bump(&c.tx_frames, 1);
        bump(&c.tx_bytes, len);
        bump(frames, 1);
        bump(bytes, len);
        true
    }

    fn count_rx(&self, cast: Cast, len: u32) {
        let c = &self.counters;
        let (frames, bytes) = match cast {
            Cast::Broadcast => (&c.rx_broadcast, &c.rx_broadcast_bytes),
            Cast::Multicast => (&c.rx_multicast, &c.rx_multicast_bytes),
            Cast::Unicast => (&c.rx_unicast, &c.rx_unicast_bytes),
        };
        bump(&c.rx_frames, 1);
        bump(&c.rx_bytes, u64::from(len));
        bump(frames, 1);
        bump(bytes, u64::from(len));
    }

    /// An engine created a receive bank (a VM queue's or a PF vPort's buffers): remember where
    /// its frames are, so [`Self::count_indicated`] can read their destination. Banks that are
    /// not PF queue banks are ignored.
    pub fn track_rx_bank(&self, spec: &RxBankSpec<'_>) {
        if let Some(b) = bank_index(spec.bank).and_then(|i| self.rx_banks.get(i)) {
            *b.view.write() = Some(BankView {
                region: spec.memory.region.clone(),
                slot_len: spec.slot_len,
            });
        }
    }

    /// An engine destroyed bank `bank` (all its slots are back): forget its memory.
    pub fn untrack_rx_bank(&self, bank: RxBankId) {
        if let Some(b) = bank_index(bank).and_then(|i| self.rx_banks.get(i)) {
            *b.view.write() = None;
        }
    }

    /// Count the frames an engine indicates from one of its banks (VM queue or PF vPort): frames,
    /// bytes, and the cast read from each frame's destination in the bank's memory. A frame whose
    /// destination cannot be read counts as unicast, so the per-cast counts always add up to the
    /// frames. The counts of a PF queue bank go to that bank's own counters (summed at query
    /// time by [`Self::counters`]), at most six atomic adds per indication on the bank's own
    /// lines; one lock: the bank's own. A bank this table does not know counts adapter-wide.
    pub fn count_indicated(&self, ind: &RxIndication<'_>) {
        let slot = bank_index(ind.bank).and_then(|i| self.rx_banks.get(i));
        let guard = slot.map(|s| s.view.read());
        let bank = guard.as_ref().and_then(|g| g.as_ref());
        // [unicast, multicast, broadcast] frames and bytes of this indication.
        let mut frames = [0u64; 3];
        let mut bytes = [0u64; 3];
        for f in ind.frames {
            let mut dst = [0u8; 6];
            let read = bank.is_some_and(|b| {
                u64::from(f.slot)
                    .checked_mul(u64::from(b.slot_len))
                    .and_then(|o| o.checked_add(u64::from(f.offset)))
                    .and_then(|o| usize::try_from(o).ok())
                    .is_some_and(|o| b.region.read(o, &mut dst))
            });
            let cast = if read { cast_of(&dst) } else { Cast::Unicast };
            let i = match cast {
                Cast::Unicast => 0,
                Cast::Multicast => 1,
                Cast::Broadcast => 2,
            };
            if let (Some(n), Some(b)) = (frames.get_mut(i), bytes.get_mut(i)) {
                *n = n.wrapping_add(1);
                *b = b.wrapping_add(u64::from(f.len));
            }
        }
        drop(guard);
        let [uf, mf, bf] = frames;
        let [ub, mb, bb] = bytes;
        let add = |a: &AtomicU64, by: u64| {
            if by != 0 {
                bump(a, by);
            }
        };
        match slot {
            Some(s) => {
                let c = &s.counts;
                add(&c.unicast, uf);
                add(&c.multicast, mf);
                add(&c.broadcast, bf);
                add(&c.unicast_bytes, ub);
                add(&c.multicast_bytes, mb);
                add(&c.broadcast_bytes, bb);
            }
            None => {
                let c = &self.counters;
                add(&c.rx_frames, uf.wrapping_add(mf).wrapping_add(bf));
                add(&c.rx_bytes, ub.wrapping_add(mb).wrapping_add(bb));
                add(&c.rx_unicast, uf);
                add(&c.rx_multicast, mf);
                add(&c.rx_broadcast, bf);
                add(&c.rx_unicast_bytes, ub);
                add(&c.rx_multicast_bytes, mb);
                add(&c.rx_broadcast_bytes, bb);
            }
        }
    }

    /// Deliver `frame` to this NIC as if it came from the wire.
    pub fn receive_from_wire(&self, frame: &[u8]) {
        self.dev.receive(frame);
    }

    /// The PF's counters: the driver's send / indication counts over every PF pool and queue,
    /// plus the device's receive drops summed over the PF's queues (0..=[`PF_QUEUES`]; a VF's
    /// queue pair is the guest's and never counted here).
    pub fn counters(&self) -> CounterSnapshot {
        let r = |a: &AtomicU64| a.load(Ordering::Relaxed);
        let c = &self.counters;
        // The engines' indications, counted per bank ([`Self::count_indicated`]).
        let (mut uf, mut mf, mut bf, mut ub, mut mb, mut bb) = (0u64, 0u64, 0u64, 0u64, 0u64, 0u64);
        for s in &self.rx_banks {
            let b = &s.counts;
            uf = uf.wrapping_add(r(&b.unicast));
            mf = mf.wrapping_add(r(&b.multicast));
            bf = bf.wrapping_add(r(&b.broadcast));
            ub = ub.wrapping_add(r(&b.unicast_bytes));
            mb = mb.wrapping_add(r(&b.multicast_bytes));
            bb = bb.wrapping_add(r(&b.broadcast_bytes));
        }
        let bank_frames = uf.wrapping_add(mf).wrapping_add(bf);
        let bank_bytes = ub.wrapping_add(mb).wrapping_add(bb);
        let (mut no_buffer, mut filtered, mut oversize) = (0u64, 0u64, 0u64);
        for i in 0..=self.dev.config().pf_queues {
            if let Ok(q) = self.dev.counters(QueueId(i)) {
                no_buffer = no_buffer.wrapping_add(q.rx.drops.get(DropReason::NoBuffer));
                filtered = filtered.wrapping_add(q.rx.drops.get(DropReason::Filtered));
                oversize = oversize.wrapping_add(q.rx.drops.get(DropReason::Oversize));
            }
        }
        CounterSnapshot {
            rx_frames: r(&c.rx_frames).wrapping_add(bank_frames),
            rx_bytes: r(&c.rx_bytes).wrapping_add(bank_bytes),
            rx_unicast: r(&c.rx_unicast).wrapping_add(uf),
            rx_multicast: r(&c.rx_multicast).wrapping_add(mf),
            rx_broadcast: r(&c.rx_broadcast).wrapping_add(bf),
            rx_no_buffer: no_buffer,
            rx_filtered: r(&c.rx_filtered).wrapping_add(filtered),
            rx_errors: r(&c.rx_errors).wrapping_add(oversize),
            tx_frames: r(&c.tx_frames),
            tx_bytes: r(&c.tx_bytes),
            tx_unicast: r(&c.tx_unicast),
            tx_multicast: r(&c.tx_multicast),
            tx_broadcast: r(&c.tx_broadcast),
            tx_errors: r(&c.tx_errors),
            tx_discards: 0,
            rx_unicast_bytes: r(&c.rx_unicast_bytes).wrapping_add(ub),
            rx_multicast_bytes: r(&c.rx_multicast_bytes).wrapping_add(mb),
            rx_broadcast_bytes: r(&c.rx_broadcast_bytes).wrapping_add(bb),
            tx_unicast_bytes: r(&c.tx_unicast_bytes),
            tx_multicast_bytes: r(&c.tx_multicast_bytes),
            tx_broadcast_bytes: r(&c.tx_broadcast_bytes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::os::{RxFrame, SharedMemory};
    use crate::vmq::datapath::VMQ_BANK_BASE;
    use svnic_device::NullMsi;
    extern crate std;

    const SLOT: u32 = 2048;

    /// A bank of 4 slots on PF queue `queue`: slot 0 unicast, 1 multicast, 2 broadcast, 3 unicast.
    fn bank(nic: &Nic, queue: u32) -> RxBankId {
        let region = Arc::new(VecRegion::new(4 * SLOT as usize));
        let dsts: [[u8; 6]; 4] = [
            [0x02, 0, 0, 0, 0, 1],
            [0x01, 0, 0x5e, 0, 0, 1],
            [0xff; 6],
            [0x02, 0, 0, 0, 0, 2],
        ];
        for (i, d) in dsts.iter().enumerate() {
            assert!(region.write(i * SLOT as usize, d));
        }
        let memory = SharedMemory {
            handle: u64::from(queue),
            os_cookie: 0,
            len: 4 * SLOT,
            region,
        };
        let id = RxBankId(VMQ_BANK_BASE + queue);
        nic.track_rx_bank(&RxBankSpec {
            bank: id,
            queue_id: queue,
            vport_id: 0,
            memory: &memory,
            slot_len: SLOT,
            slots: 4,
        });
        id
    }

    fn frames() -> [RxFrame; 4] {
        core::array::from_fn(|i| RxFrame {
            slot: i as u32,
            offset: 0,
            len: 100 + i as u32,
            ieee8021q: 0,
        })
    }

    #[test]
    fn per_bank_receive_counts_from_concurrent_dpcs_sum_exactly_and_survive_the_bank() {
        let nic = Nic::new(
            Arc::new(Hub::new()),
            [0x02, 0, 0, 0, 0, 9],
            1514,
            Arc::new(NullMsi),
        )
        .unwrap();
        let (a, b) = (bank(&nic, 1), bank(&nic, 2));
        let rounds = 10_000u64;
        std::thread::scope(|s| {
            for id in [a, b] {
                let nic = &nic;
                s.spawn(move || {
                    let f = frames();
                    for _ in 0..rounds {
                        nic.count_indicated(&RxIndication {
                            bank: id,
                            queue_id: 0,
                            vport_id: 0,
                            flags: 0,
                            frames: &f,
                        });
                    }
                });
            }
        });
        // A bank this table does not know: counted adapter-wide, as unicast.
        nic.count_indicated(&RxIndication {
            bank: RxBankId(7),
            queue_id: 0,
            vport_id: 0,
            flags: 0,
            frames: &frames()[..1],
        });
        // Destroying a bank keeps what was counted from it.
        nic.untrack_rx_bank(a);
        let c = nic.counters();
        let n = 2 * rounds;
        assert_eq!(c.rx_frames, 4 * n + 1);
        assert_eq!(c.rx_unicast, 2 * n + 1);
        assert_eq!(c.rx_multicast, n);
        assert_eq!(c.rx_broadcast, n);
        assert_eq!(c.rx_unicast_bytes, (100 + 103) * n + 100);
        assert_eq!(c.rx_multicast_bytes, 101 * n);
        assert_eq!(c.rx_broadcast_bytes, 102 * n);
        assert_eq!(c.rx_bytes, (100 + 101 + 102 + 103) * n + 100);
    }
}
