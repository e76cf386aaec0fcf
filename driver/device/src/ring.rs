//! Receive and transmit descriptor rings (QEMU igb `E1000E_RingInfo` semantics).
//!
//! A ring has `len` slots (power of two) and three indices: the device consumes at `head`, the
//! driver publishes descriptors by moving `tail` (a tail >= len is ignored, as hardware does),
//! and the driver reclaims completed slots at `clean`. The device owns `[head, tail)`; it never
//! passes `tail`; a ring is empty when `head == tail`.
//!
//! Receive writeback order is the hardware one: the frame bytes are DMA'd into the buffer first,
//! then the completion fields, then the DD status, then the queue's `ready` counter is published
//! with Release ordering. A frame longer than one buffer spans consecutive descriptors; only the
//! last carries EOP. A descriptor with length 0 or outside the queue's region (a "zero-address"
//! descriptor) is skipped: it is completed with DD, no data, and `skipped` set.

use alloc::sync::Arc;
use alloc::vec;
use alloc::vec::Vec;

use crate::classifier::{FrameKind, MatchKind};
use crate::counters::DirStats;
use crate::dma::DmaRegion;
use crate::types::{DropReason, QueueId};

/// A receive descriptor as posted by the driver: a buffer inside the queue's region.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RxDesc {
    /// Byte offset of the buffer in the queue's receive region.
    pub offset: u64,
    /// Buffer length in bytes.
    pub len: u32,
}

/// A completed receive descriptor, as returned by [`crate::Device::poll_rx`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RxCompletion {
    /// Ring index of the descriptor.
    pub index: u16,
    /// Buffer offset, as posted.
    pub offset: u64,
    /// Bytes written into this buffer.
    pub len: u32,
    /// Last descriptor of the frame.
    pub eop: bool,
    /// Descriptor skipped (zero length or outside the region); holds no data.
    pub skipped: bool,
    /// Whole frame length (after VLAN strip); valid on the EOP descriptor.
    pub frame_len: u32,
    /// The stripped 802.1Q TCI, if the pool strips tags and the frame had one.
    pub vlan_tci: Option<u16>,
    /// The queue (pool) the frame was delivered to.
    pub queue: QueueId,
    /// Which rule delivered it (exact filter id, flood, or default queue).
    pub matched: MatchKind,
    /// Unicast / multicast / broadcast.
    pub kind: FrameKind,
}

impl RxCompletion {
    const EMPTY: RxCompletion = RxCompletion {
        index: 0,
        offset: 0,
        len: 0,
        eop: false,
        skipped: false,
        frame_len: 0,
        vlan_tci: None,
        queue: QueueId(0),
        matched: MatchKind::Flood,
        kind: FrameKind::Unicast,
    };
}

impl Default for RxCompletion {
    fn default() -> Self {
        RxCompletion::EMPTY
    }
}

#[derive(Clone, Copy, Debug)]
struct RxSlot {
    desc: RxDesc,
    done: bool,
    wb: RxCompletion,
}

/// Per-frame metadata the classifier hands to the ring.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RxMeta {
    pub queue: QueueId,
    pub matched: MatchKind,
    pub kind: FrameKind,
    pub vlan_tci: Option<u16>,
}

/// A receive ring plus its region.
pub(crate) struct RxRing {
    pub enabled: bool,
    region: Option<Arc<dyn DmaRegion>>,
    region_len: usize,
    /// Completions written and not yet polled.
    pub done: u32,
    pub stats: DirStats,
    slots: Vec<RxSlot>,
    mask: u32,
    head: u32,
    tail: u32,
    clean: u32,
}

fn wrap(i: u32, mask: u32) -> u32 {
    i.wrapping_add(1) & mask
}

#[inline]
fn in_region(region_len: usize, d: &RxDesc) -> bool {
    d.len > 0
        && usize::try_from(d.offset)
            .ok()
            .and_then(|o| o.checked_add(d.len as usize))
            .is_some_and(|end| end <= region_len)
}

impl RxRing {
    pub fn new(len: u16) -> Self {
        let n = u32::from(len).max(1);
        RxRing {
            enabled: false,
            region: None,
            region_len: 0,
            done: 0,
            stats: DirStats::default(),
            slots: vec![
                RxSlot {
                    desc: RxDesc::default(),
                    done: false,
                    wb: RxCompletion::EMPTY
                };
                n as usize
            ],
            mask: n.wrapping_sub(1),
            head: 0,
            tail: 0,
            clean: 0,
        }
    }

    /// Return to the just-constructed state (disabled, empty, no region).
    pub fn reset(&mut self) {
        self.enabled = false;
        self.set_region(None);
        self.done = 0;
        self.head = 0;
        self.tail = 0;
        self.clean = 0;
        for s in self.slots.iter_mut() {
            s.done = false;
            s.desc = RxDesc::default();
        }
    }

    /// Register (or drop) the region buffers live in. A region that is not set has length 0,
    /// so every descriptor counts as outside it.
    pub fn set_region(&mut self, region: Option<Arc<dyn DmaRegion>>) {
        self.region_len = region.as_ref().map_or(0, |r| r.len());
        self.region = region;
    }

    pub fn head(&self) -> u32 {
        self.head
    }

    pub fn tail(&self) -> u32 {
        self.tail
    }

    /// Driver writes descriptor `index` (the slot must not be device-owned; a write into
    /// `[head, tail)` is ignored, as a well-behaved device would not re-read it).
    pub fn write_desc(&mut self, index: u32, desc: RxDesc) -> bool {
        if index > self.mask || self.device_owned(index) {
            return false;
        }
        match self.slots.get_mut(index as usize) {
            Some(s) => {
                s.desc = desc;
                s.done = false;
                true
            }
            None => false,
        }
    }

    fn device_owned(&self, index: u32) -> bool {
        let used = self.tail.wrapping_sub(self.head) & self.mask;
        (index.wrapping_sub(self.head) & self.mask) < used
    }

    /// Tail bump; ignored if `tail >= len`.
    pub fn set_tail(&mut self, tail: u32) -> bool {
        if tail > self.mask {
            return false;
        }
        self.tail = tail;
        true
    }

    /// Convenience: post descriptors at the tail without overrunning unreclaimed completions.
    /// Returns how many were posted.
    pub fn post(&mut self, descs: &[RxDesc]) -> usize {
        let mut n = 0usize;
        for d in descs {
            let next = wrap(self.tail, self.mask);
            if next == self.clean {
                break;
            }
            let t = self.tail;
            if let Some(s) = self.slots.get_mut(t as usize) {
                s.desc = *d;
                s.done = false;
            }
            self.tail = next;
            n = n.saturating_add(1);
        }
        n
    }

    /// DMA one frame (given as up to two parts, so a VLAN tag can be cut out without a copy) into
    /// the ring. Returns the number of descriptors completed.
    pub fn deliver(&mut self, requester: u16, parts: [&[u8]; 2], meta: RxMeta) -> Result<u32, DropReason> {
        if !self.enabled {
            return Err(DropReason::Disabled);
        }
        let total = parts[0].len().saturating_add(parts[1].len());
        // Fast path: the frame fits the next descriptor.
        if self.head != self.tail {
            let i = self.head;
            let region_len = self.region_len;
            if let (Some(s), Some(region)) = (self.slots.get_mut(i as usize), self.region.as_deref()) {
                if in_region(region_len, &s.desc) && s.desc.len as usize >= total {
                    let base = usize::try_from(s.desc.offset).unwrap_or(usize::MAX);
                    region.write_as(requester, base, parts[0]);
                    if !parts[1].is_empty() {
                        region.write_as(requester, base.saturating_add(parts[0].len()), parts[1]);
                    }
                    s.wb = RxCompletion {
                        index: i as u16,
                        offset: s.desc.offset,
                        len: total as u32,
                        eop: true,
                        skipped: false,
                        frame_len: total as u32,
                        vlan_tci: meta.vlan_tci,
                        queue: meta.queue,
                        matched: meta.matched,
                        kind: meta.kind,
                    };
                    s.done = true;
                    self.head = wrap(i, self.mask);
                    self.done = self.done.wrapping_add(1);
                    return Ok(1);
                }
            }
        }
        // Pass 1: are there enough valid buffers between head and tail?
        let mut cap = 0usize;
        let mut idx = self.head;
        let mut count = 0u32;
        loop {
            if idx == self.tail {
                return Err(DropReason::NoBuffer);
            }
            let s = self.slots.get(idx as usize).ok_or(DropReason::NoBuffer)?;
            let valid = in_region(self.region_len, &s.desc);
            if valid {
                cap = cap.saturating_add(s.desc.len as usize);
            }
            idx = wrap(idx, self.mask);
            count = count.saturating_add(1);
            if cap >= total && valid {
                break;
            }
        }
        let region_len = self.region_len;
        let region = self.region.as_deref().ok_or(DropReason::NoBuffer)?;
        // Pass 2: copy, then write back each descriptor, DD last.
        let mut part = 0usize;
        let mut at = 0usize;
        let mut remaining = total;
        for _ in 0..count {
            let i = self.head;
            self.head = wrap(self.head, self.mask);
            let Some(s) = self.slots.get_mut(i as usize) else {
                continue;
            };
            let valid = in_region(region_len, &s.desc);
            let mut written = 0usize;
            if valid {
                let want = (s.desc.len as usize).min(remaining);
                let base = usize::try_from(s.desc.offset).unwrap_or(usize::MAX);
                while written < want {
                    let Some(src) = parts.get(part) else { break };
                    let avail = src.len().saturating_sub(at);
                    if avail == 0 {
                        part = part.saturating_add(1);
                        at = 0;
                        continue;
                    }
                    let n = avail.min(want.saturating_sub(written));
                    let end = at.saturating_add(n);
                    if let Some(chunk) = src.get(at..end) {
                        region.write_as(requester, base.saturating_add(written), chunk);
                    }
                    at = end;
                    written = written.saturating_add(n);
                }
                remaining = remaining.saturating_sub(written);
            }
            let eop = valid && remaining == 0;
            s.wb = RxCompletion {
                index: i as u16,
                offset: s.desc.offset,
                len: written as u32,
                eop,
                skipped: !valid,
                frame_len: if eop { total as u32 } else { 0 },
                vlan_tci: meta.vlan_tci,
                queue: meta.queue,
                matched: meta.matched,
                kind: meta.kind,
            };
            s.done = true;
        }
        self.done = self.done.wrapping_add(count);
        Ok(count)
    }

    /// Reclaim completed descriptors in ring order.
    pub fn poll(&mut self, out: &mut [RxCompletion]) -> usize {
        let mut n = 0usize;
        for o in out.iter_mut() {
            if self.clean == self.head {
                break;
            }
            let Some(s) = self.slots.get_mut(self.clean as usize) else {
                break;
            };
            if !s.done {
                break;
            }
            *o = s.wb;
            s.done = false;
            self.clean = wrap(self.clean, self.mask);
            self.done = self.done.saturating_sub(1);
            n = n.saturating_add(1);
        }
        n
    }
}

/// A transmit descriptor: a frame fragment inside the queue's transmit region.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TxDesc {
    /// Byte offset in the queue's transmit region.
    pub offset: u64,
    /// Fragment length.
    pub len: u32,
    /// Last fragment of the frame.
    pub eop: bool,
    /// 802.1Q TCI to insert (taken from the EOP descriptor), like NDIS 802.1Q send info.
    pub vlan_tci: Option<u16>,
}

/// Result of one transmitted frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TxStatus {
    /// Passed the checks and was switched (locally and/or to the wire).
    Sent,
    /// Dropped for this reason.
    Dropped(DropReason),
}

/// A completed transmit descriptor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TxCompletion {
    /// Ring index.
    pub index: u16,
    /// Outcome of the frame this descriptor belonged to.
    pub status: TxStatus,
}

#[derive(Clone, Copy, Debug)]
struct TxSlot {
    desc: TxDesc,
    done: bool,
    status: TxStatus,
}

/// A transmit ring, its region and the scratch buffer frames are gathered into.
pub(crate) struct TxRing {
    pub enabled: bool,
    pub region: Option<Arc<dyn DmaRegion>>,
    pub stats: DirStats,
    slots: Vec<TxSlot>,
    mask: u32,
    head: u32,
    tail: u32,
    clean: u32,
    /// Gather buffer: 4 spare bytes in front for VLAN insertion.
    pub scratch: Vec<u8>,
}

impl TxRing {
    pub fn new(len: u16) -> Self {
        let n = u32::from(len).max(1);
        TxRing {
            enabled: false,
            region: None,
            stats: DirStats::default(),
            slots: vec![
                TxSlot {
                    desc: TxDesc::default(),
                    done: false,
                    status: TxStatus::Sent
                };
                n as usize
            ],
            mask: n.wrapping_sub(1),
            head: 0,
            tail: 0,
            clean: 0,
            scratch: vec![0; crate::config::MAX_FRAME.saturating_add(8)],
        }
    }

    /// Reset; returns the number of complete frames that were pending (dropped by the reset).
    pub fn reset(&mut self) -> u32 {
        let pending = self.pending_frames();
        self.enabled = false;
        self.region = None;
        self.head = 0;
        self.tail = 0;
        self.clean = 0;
        for s in self.slots.iter_mut() {
            s.done = false;
        }
        pending
    }

    /// Complete frames between head and tail not yet processed.
    pub fn pending_frames(&self) -> u32 {
        let mut n = 0u32;
        let mut i = self.head;
        while i != self.tail {
            if self.slots.get(i as usize).is_some_and(|s| s.desc.eop) {
                n = n.saturating_add(1);
            }
            i = wrap(i, self.mask);
        }
        n
    }

    pub fn head(&self) -> u32 {
        self.head
    }

    pub fn tail(&self) -> u32 {
        self.tail
    }

    pub fn write_desc(&mut self, index: u32, desc: TxDesc) -> bool {
        let used = self.tail.wrapping_sub(self.head) & self.mask;
        if index > self.mask || (index.wrapping_sub(self.head) & self.mask) < used {
            return false;
        }
        match self.slots.get_mut(index as usize) {
            Some(s) => {
                s.desc = desc;
                s.done = false;
                true
            }
            None => false,
        }
    }

    pub fn set_tail(&mut self, tail: u32) -> bool {
        if tail > self.mask {
            return false;
        }
        self.tail = tail;
        true
    }

    /// Post descriptors at the tail (not overrunning unreclaimed completions). All or nothing.
    pub fn post(&mut self, descs: &[TxDesc]) -> bool {
        let free = self.clean.wrapping_sub(self.tail).wrapping_sub(1) & self.mask;
        if descs.len() > free as usize {
            return false;
        }
        for d in descs {
            if let Some(s) = self.slots.get_mut(self.tail as usize) {
                s.desc = *d;
                s.done = false;
            }
            self.tail = wrap(self.tail, self.mask);
        }
        true
    }

    /// Gather the next complete frame into `scratch[4..]`. Returns (first index, descriptor
    /// count, frame length, tci) or None if no complete frame is pending. A frame too large for
    /// the scratch buffer or with a fragment outside the region returns length `usize::MAX`.
    pub fn gather(&mut self, requester: u16) -> Option<(u32, u32, usize, Option<u16>)> {
        let mut i = self.head;
        let mut count = 0u32;
        // Find EOP first.
        let eop_tci = loop {
            if i == self.tail {
                return None;
            }
            let s = self.slots.get(i as usize)?;
            count = count.saturating_add(1);
            if s.desc.eop {
                break s.desc.vlan_tci;
            }
            i = wrap(i, self.mask);
        };
        let first = self.head;
        let mut len = 0usize;
        let mut bad = false;
        let mut j = first;
        for _ in 0..count {
            let d = self.slots.get(j as usize).map(|s| s.desc).unwrap_or_default();
            j = wrap(j, self.mask);
            if bad {
                continue;
            }
            let dst_start = len.saturating_add(4);
            let end = dst_start.saturating_add(d.len as usize);
            let ok = match (
                &self.region,
                self.scratch.get_mut(dst_start..end),
                usize::try_from(d.offset),
            ) {
                (Some(r), Some(dst), Ok(off)) => r.read_as(requester, off, dst),
                _ => false,
            };
            if ok {
                len = len.saturating_add(d.len as usize);
            } else {
                bad = true;
            }
        }
        Some((first, count, if bad { usize::MAX } else { len }, eop_tci))
    }

    /// Complete `count` descriptors starting at head with `status`.
    pub fn complete(&mut self, count: u32, status: TxStatus) {
        for _ in 0..count {
            if let Some(s) = self.slots.get_mut(self.head as usize) {
                s.done = true;
                s.status = status;
            }
            self.head = wrap(self.head, self.mask);
        }
    }

    pub fn poll(&mut self, out: &mut [TxCompletion]) -> usize {
        let mut n = 0usize;
        for o in out.iter_mut() {
            if self.clean == self.head {
                break;
            }
            let Some(s) = self.slots.get_mut(self.clean as usize) else {
                break;
            };
            if !s.done {
                break;
            }
            *o = TxCompletion {
                index: self.clean as u16,
                status: s.status,
            };
            s.done = false;
            self.clean = wrap(self.clean, self.mask);
            n = n.saturating_add(1);
        }
        n
    }
}
