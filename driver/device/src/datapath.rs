//! The data path: receive from the wire, receive and transmit rings, and the embedded switch.
//!
//! Receive: `tables.read()` -> [`classify`] -> per target pool: verdict, owner alive, then the
//! target queue's own lock for the DMA copy and descriptor writeback -> (lock released) the
//! queue's vector, whose [`crate::MsiSink::signal`] runs while the table read lock is still held
//! (so a sink must only queue work). No allocation; the only lock shared across queues is the
//! read side of the table lock.
//!
//! Transmit (ring or [`Device::transmit`]): pool transmit enable, maximum frame size,
//! anti-spoofing (VF pools: source MAC and VLAN; a spoofed frame is dropped, counted, and raises
//! [`crate::VfEvents::SPOOF`] on the PF misc vector), then the switch: the frame is classified as
//! coming from the source pool ([`Source::Pool`]); local pools get copies, the source never
//! gets its own frame back, and the frame goes to the wire if it is broadcast/multicast or a
//! unicast that matched no local pool (QEMU igb `igb_tx_pkt_switch`, plus the anti-spoof checks
//! igb leaves out).

use alloc::sync::Arc;
use core::sync::atomic::Ordering;

use crate::classifier::{classify, Decision, Source, Verdict};
use crate::counters::DirStats;
use crate::device::{Device, QueueSlot, VfEvents};
use crate::dma::DmaRegion;
use crate::filters::Tables;
use crate::frame::{EthHeader, TPID_8021Q};
use crate::ring::{RxCompletion, RxDesc, RxMeta, TxCompletion, TxDesc, TxRing, TxStatus};
use crate::types::{DeviceError, DropReason, Function, QueueId, VlanMatch};
use crate::wire::WirePort;

/// Result of [`Device::transmit`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TxOutcome {
    /// The frame passed the checks and was switched.
    Sent {
        /// Local pools that got a copy delivered.
        local: u16,
        /// It also went to the wire.
        wire: bool,
    },
    /// Dropped and counted on the source pool.
    Dropped(DropReason),
}

impl Device {
    /// A frame arrives from the wire port.
    pub fn receive(&self, frame: &[u8]) {
        let t = self.tables.read();
        let d = classify(&t, frame, Source::Wire);
        self.distribute(&t, &d, frame, true);
    }

    /// Deliver a classified frame to its target pools. Returns the number of copies delivered.
    fn distribute(&self, t: &Tables, d: &Decision, frame: &[u8], from_wire: bool) -> u16 {
        let unrouted = |r: DropReason| {
            self.stats.unrouted(r);
            if from_wire {
                self.stats.wire_unrouted.fetch_add(1, Ordering::Relaxed);
            }
        };
        if let Some(r) = d.frame_drop {
            unrouted(r);
            return 0;
        }
        let mut any = false;
        let mut delivered = 0u16;
        for tg in d.targets(t) {
            let lead = !any;
            any = true;
            let Some(slot) = self.queues.get(tg.queue.index()) else {
                continue;
            };
            let mut rx = slot.rx.lock();
            if lead {
                rx.stats.lead(from_wire);
            }
            let strip = match tg.verdict {
                Verdict::Drop(r) => {
                    rx.stats.dropped(r);
                    continue;
                }
                Verdict::Deliver { strip } => strip,
            };
            if !slot.live.load(Ordering::Acquire) {
                rx.stats.dropped(DropReason::Disabled);
                continue;
            }
            let (parts, tci): ([&[u8]; 2], _) = match (strip, frame.get(..12), frame.get(16..)) {
                (true, Some(a), Some(b)) => ([a, b], d.header.and_then(|h| h.tci)),
                _ => ([frame, &[]], None),
            };
            let meta = RxMeta {
                queue: tg.queue,
                matched: tg.matched,
                kind: d.kind,
                vlan_tci: tci,
            };
            match rx.deliver(slot.requester, parts, meta) {
                Ok(_) => {
                    rx.stats.delivered(parts[0].len().saturating_add(parts[1].len()));
                    // Published after the descriptors' DD (Release pairs with rx_ready/poll_rx).
                    slot.ready.store(rx.done, Ordering::Release);
                    drop(rx);
                    delivered = delivered.saturating_add(1);
                    // The vector decision, with the queue lock released.
                    self.raise(slot.function, slot.vector.load(Ordering::Acquire));
                }
                Err(r) => rx.stats.dropped(r),
            }
        }
        if !any {
            if d.to_wire {
                self.stats.wire_only.fetch_add(1, Ordering::Relaxed);
            } else {
                unrouted(DropReason::Filtered);
            }
        }
        delivered
    }

    // ---------------------------------------------------------------- receive ring

    /// Register the memory receive buffers of queue `q` live in (a VM's memory, or shared memory).
    pub fn set_rx_region(&self, q: QueueId, region: Arc<dyn DmaRegion>) -> Result<(), DeviceError> {
        let s = self.live_slot(q)?;
        s.rx.lock().set_region(Some(region));
        Ok(())
    }

    /// Enable or disable receive queue `q` (igb RXDCTL.ENABLE). A disabled queue receives
    /// nothing: its copies are dropped as `Disabled`.
    pub fn enable_rx(&self, q: QueueId, enable: bool) -> Result<(), DeviceError> {
        self.live_slot(q)?.rx.lock().enabled = enable;
        Ok(())
    }

    /// Post receive buffers at the tail (descriptor writes + tail bump). Returns how many fit.
    pub fn post_rx(&self, q: QueueId, descs: &[RxDesc]) -> Result<usize, DeviceError> {
        Ok(self.live_slot(q)?.rx.lock().post(descs))
    }

    /// Register-level: write receive descriptor `index` (ignored for a device-owned slot).
    pub fn write_rx_desc(&self, q: QueueId, index: u32, desc: RxDesc) -> Result<bool, DeviceError> {
        Ok(self.live_slot(q)?.rx.lock().write_desc(index, desc))
    }

    /// Register-level: receive tail (RDT). A value >= ring length is ignored (returns false).
    pub fn set_rx_tail(&self, q: QueueId, tail: u32) -> Result<bool, DeviceError> {
        Ok(self.live_slot(q)?.rx.lock().set_tail(tail))
    }

    /// Receive (head, tail).
    pub fn rx_head_tail(&self, q: QueueId) -> Result<(u32, u32), DeviceError> {
        let r = self.slot(q)?.rx.lock();
        Ok((r.head(), r.tail()))
    }

    /// Completions written and not yet polled (lock-free; Acquire pairs with the writeback).
    pub fn rx_ready(&self, q: QueueId) -> u32 {
        self.queues
            .get(q.index())
            .map_or(0, |s| s.ready.load(Ordering::Acquire))
    }

    /// Reclaim completed receive descriptors in ring order into `out`; returns how many.
    pub fn poll_rx(&self, q: QueueId, out: &mut [RxCompletion]) -> usize {
        let Some(s) = self.queues.get(q.index()) else {
            return 0;
        };
        if s.ready.load(Ordering::Acquire) == 0 {
            return 0;
        }
        let mut rx = s.rx.lock();
        let n = rx.poll(out);
        s.ready.store(rx.done, Ordering::Release);
        n
    }

    pub(crate) fn live_slot(&self, q: QueueId) -> Result<&QueueSlot, DeviceError> {
        let s = self.slot(q)?;
        if s.live.load(Ordering::Acquire) {
            Ok(s)
        } else {
            Err(DeviceError::FunctionDisabled)
        }
    }

    // ---------------------------------------------------------------- transmit ring

    /// Register the memory transmit descriptors of queue `q` point into.
    pub fn set_tx_region(&self, q: QueueId, region: Arc<dyn DmaRegion>) -> Result<(), DeviceError> {
        self.live_slot(q)?.tx.lock().region = Some(region);
        Ok(())
    }

    /// Enable or disable transmit queue `q` (igb TXDCTL.ENABLE). Descriptors posted to a disabled
    /// queue stay pending (in flight) until it is enabled or reset.
    pub fn enable_tx(&self, q: QueueId, enable: bool) -> Result<(), DeviceError> {
        let s = self.live_slot(q)?;
        s.tx.lock().enabled = enable;
        if enable {
            self.process_tx(q);
        }
        Ok(())
    }

    /// Post transmit descriptors and bump the tail; processing is synchronous (QEMU igb: a TDT
    /// write kicks transmit). All or nothing: `RingFull` if they do not fit.
    pub fn post_tx(&self, q: QueueId, descs: &[TxDesc]) -> Result<(), DeviceError> {
        let s = self.live_slot(q)?;
        if !s.tx.lock().post(descs) {
            return Err(DeviceError::RingFull);
        }
        self.process_tx(q);
        Ok(())
    }

    /// Register-level: write transmit descriptor `index` (ignored for a device-owned slot).
    pub fn write_tx_desc(&self, q: QueueId, index: u32, desc: TxDesc) -> Result<bool, DeviceError> {
        Ok(self.live_slot(q)?.tx.lock().write_desc(index, desc))
    }

    /// Register-level: transmit tail (TDT); kicks transmit. A value >= ring length is ignored.
    pub fn set_tx_tail(&self, q: QueueId, tail: u32) -> Result<bool, DeviceError> {
        let ok = self.live_slot(q)?.tx.lock().set_tail(tail);
        if ok {
            self.process_tx(q);
        }
        Ok(ok)
    }

    /// Transmit (head, tail).
    pub fn tx_head_tail(&self, q: QueueId) -> Result<(u32, u32), DeviceError> {
        let t = self.slot(q)?.tx.lock();
        Ok((t.head(), t.tail()))
    }

    /// Reclaim completed transmit descriptors.
    pub fn poll_tx(&self, q: QueueId, out: &mut [TxCompletion]) -> usize {
        self.queues.get(q.index()).map_or(0, |s| s.tx.lock().poll(out))
    }

    fn process_tx(&self, q: QueueId) {
        let Some(s) = self.queues.get(q.index()) else {
            return;
        };
        let mut done = false;
        {
            let mut tx = s.tx.lock();
            if !tx.enabled {
                return;
            }
            while let Some((_, count, len, tci)) = tx.gather(s.requester) {
                let status = if len == usize::MAX {
                    tx.stats.dropped(DropReason::Filtered);
                    TxStatus::Dropped(DropReason::Filtered)
                } else {
                    let TxRing { scratch, stats, .. } = &mut *tx;
                    let frame = insert_tag(scratch, len, tci);
                    match self.switch(q, s, stats, frame) {
                        TxOutcome::Sent { .. } => TxStatus::Sent,
                        TxOutcome::Dropped(r) => TxStatus::Dropped(r),
                    }
                };
                tx.complete(count, status);
                done = true;
            }
        }
        if done {
            self.raise(s.function, s.vector.load(Ordering::Acquire));
        }
    }

    /// Transmit one frame from pool `from` without a ring (the binding's path for NBL data).
    /// `vlan_tci` is inserted as an 802.1Q tag if the frame is untagged. The pool's transmit
    /// enable applies (the ring's queue enable does not: there is no ring); the frame then passes
    /// anti-spoofing and the switch exactly as a ring frame does.
    pub fn transmit(&self, from: QueueId, frame: &[u8], vlan_tci: Option<u16>) -> TxOutcome {
        let Some(s) = self.queues.get(from.index()) else {
            return TxOutcome::Dropped(DropReason::Filtered);
        };
        let mut tx = s.tx.lock();
        let TxRing { scratch, stats, .. } = &mut *tx;
        let len = frame.len();
        let Some(dst) = scratch.get_mut(4..).and_then(|b| b.get_mut(..len)) else {
            stats.dropped(DropReason::Oversize);
            return TxOutcome::Dropped(DropReason::Oversize);
        };
        dst.copy_from_slice(frame);
        let frame = insert_tag(scratch, len, vlan_tci);
        self.switch(from, s, stats, frame)
    }

    /// Pool checks, anti-spoofing, then switching. The caller holds the source's transmit lock.
    fn switch(&self, from: QueueId, s: &QueueSlot, stats: &mut DirStats, frame: &[u8]) -> TxOutcome {
        let mut reject = |r: DropReason| {
            stats.dropped(r);
            TxOutcome::Dropped(r)
        };
        if !s.live.load(Ordering::Acquire) {
            return reject(DropReason::Disabled);
        }
        let (d, local) = {
            let t = self.tables.read();
            let Some(pool) = t.pool(from).copied() else {
                return reject(DropReason::Filtered);
            };
            if !pool.tx_enable {
                return reject(DropReason::Disabled);
            }
            let Some(h) = EthHeader::parse(frame) else {
                return reject(DropReason::Filtered);
            };
            if h.untagged_len(frame.len()) > usize::from(pool.max_frame) {
                return reject(DropReason::Oversize);
            }
            let mac_ok = pool.antispoof_mac.is_none_or(|m| m == h.src);
            let vlan_ok = match pool.antispoof_vlan {
                None => true,
                Some(VlanMatch::UntaggedOrZero) => h.vid() == 0,
                Some(VlanMatch::Vid(v)) => h.vid() == v,
            };
            if !(mac_ok && vlan_ok) {
                drop(t);
                self.stats.spoof_events.fetch_add(1, Ordering::Relaxed);
                if let Function::Vf(v) = s.function {
                    self.pf_event(v, VfEvents::SPOOF);
                }
                return reject(DropReason::Spoofed);
            }
            stats.delivered(frame.len());
            let d = classify(&t, frame, Source::Pool(from));
            let local = self.distribute(&t, &d, frame, false);
            (d, local)
        };
        if d.to_wire && d.frame_drop.is_none() {
            let w = self.wire.read().as_ref().map(|(w, p)| (w.clone(), *p));
            self.stats.wire_tx_frames.fetch_add(1, Ordering::Relaxed);
            self.stats
                .wire_tx_bytes
                .fetch_add(frame.len() as u64, Ordering::Relaxed);
            if let Some((w, port)) = w {
                w.send(port, frame);
            }
        }
        TxOutcome::Sent {
            local,
            wire: d.to_wire && d.frame_drop.is_none(),
        }
    }
}

/// The frame sits at `scratch[4..4 + len]`; insert an 802.1Q tag in front of the EtherType if
/// asked and the frame is untagged. Returns the frame slice.
fn insert_tag(scratch: &mut [u8], len: usize, tci: Option<u16>) -> &[u8] {
    let end = len.saturating_add(4);
    let tagged = scratch.get(16..18).is_some_and(|t| t == TPID_8021Q.to_be_bytes());
    match tci {
        Some(t) if !tagged && len >= 12 => {
            scratch.copy_within(4..16, 0);
            if let Some(tag) = scratch.get_mut(12..16) {
                let [a, b] = TPID_8021Q.to_be_bytes();
                let [c, d] = t.to_be_bytes();
                tag.copy_from_slice(&[a, b, c, d]);
            }
            scratch.get(..end).unwrap_or(&[])
        }
        _ => scratch.get(4..end).unwrap_or(&[]),
    }
}

impl WirePort for Device {
    fn receive(&self, frame: &[u8]) {
        Device::receive(self, frame)
    }
}
