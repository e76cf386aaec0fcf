//! Counters. Per queue (= pool): frames and bytes offered, delivered/sent, and drops by reason,
//! in both directions. Per device: frames from the wire, frames to the wire, and frames that
//! reached no pool at all (by reason). Conservation, which the tests check:
//!
//! * per pool and direction: `offered == frames + sum(drops)`;
//! * device: `wire_rx_frames + sum(tx.frames) == routed + sum(unrouted)`: every frame from the
//!   wire and every frame a pool sent is routed (to at least one pool copy or to the wire) or
//!   counted in `unrouted` with a reason.
//!
//! Counters are monotonic: no reset clears them (they are the PF's view of the switch port, and
//! conservation must hold across FLRs); [`crate::Device::clear_counters`] does it explicitly.

use core::sync::atomic::{AtomicU64, Ordering};

use crate::types::DropReason;

/// Drop counts indexed by [`DropReason::index`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DropCounts(pub [u64; DropReason::COUNT]);

impl DropCounts {
    /// Count for one reason.
    pub fn get(&self, r: DropReason) -> u64 {
        self.0.get(r.index()).copied().unwrap_or(0)
    }

    /// Sum over reasons.
    pub fn total(&self) -> u64 {
        self.0.iter().fold(0u64, |a, &b| a.saturating_add(b))
    }
}

/// Snapshot of one direction of a queue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DirCounters {
    /// Frames offered to the queue (receive: copies classified to this pool; transmit: frames the
    /// pool submitted).
    pub offered: u64,
    /// Frames delivered (receive) or sent into the switch (transmit).
    pub frames: u64,
    /// Bytes of those frames.
    pub bytes: u64,
    /// Dropped frames by reason.
    pub drops: DropCounts,
}

/// Snapshot of one queue (= pool).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QueueCounters {
    /// Receive direction.
    pub rx: DirCounters,
    /// Transmit direction.
    pub tx: DirCounters,
}

/// Device-wide counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeviceCounters {
    /// Frames received from the wire port.
    pub wire_rx_frames: u64,
    /// Frames sent to the wire port.
    pub wire_tx_frames: u64,
    /// Bytes sent to the wire port.
    pub wire_tx_bytes: u64,
    /// Frames (from the wire, or sent by a pool) that reached at least one pool (as a delivered or
    /// dropped copy) or the wire.
    pub routed: u64,
    /// Frames (from the wire, or sent by a pool) that reached neither a pool nor the wire.
    pub unrouted: DropCounts,
    /// Anti-spoofing events raised to the PF.
    pub spoof_events: u64,
}

/// One direction of a queue's counters. Lives inside the queue's receive or transmit lock, so
/// updating it costs plain additions on the hot path.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct DirStats {
    offered: u64,
    frames: u64,
    bytes: u64,
    drops: [u64; DropReason::COUNT],
    /// Ingress frames (from the wire / sent by a local pool) whose first target was this queue:
    /// the device-wide frame counters are derived from these, so the receive path updates no
    /// device-wide atomic.
    pub lead_wire: u64,
    pub lead_local: u64,
}

impl DirStats {
    #[inline]
    pub fn lead(&mut self, from_wire: bool) {
        if from_wire {
            self.lead_wire = self.lead_wire.wrapping_add(1);
        } else {
            self.lead_local = self.lead_local.wrapping_add(1);
        }
    }

    #[inline]
    pub fn delivered(&mut self, bytes: usize) {
        self.offered = self.offered.wrapping_add(1);
        self.frames = self.frames.wrapping_add(1);
        self.bytes = self.bytes.wrapping_add(bytes as u64);
    }

    #[inline]
    pub fn dropped(&mut self, r: DropReason) {
        self.dropped_n(r, 1);
    }

    pub fn dropped_n(&mut self, r: DropReason, n: u64) {
        self.offered = self.offered.wrapping_add(n);
        if let Some(c) = self.drops.get_mut(r.index()) {
            *c = c.wrapping_add(n);
        }
    }

    pub fn snapshot(&self) -> DirCounters {
        DirCounters {
            offered: self.offered,
            frames: self.frames,
            bytes: self.bytes,
            drops: DropCounts(self.drops),
        }
    }

    /// Zero the visible counters (the lead counts stay: device-wide counters derive from them).
    pub fn clear(&mut self) {
        *self = DirStats {
            lead_wire: self.lead_wire,
            lead_local: self.lead_local,
            ..DirStats::default()
        };
    }
}

#[derive(Default)]
pub(crate) struct DeviceAtomics {
    pub wire_tx_frames: AtomicU64,
    pub wire_tx_bytes: AtomicU64,
    /// Frames from the wire that reached no pool.
    pub wire_unrouted: AtomicU64,
    /// Frames sent by a pool that reached the wire but no pool.
    pub wire_only: AtomicU64,
    pub unrouted: [AtomicU64; DropReason::COUNT],
    pub spoof_events: AtomicU64,
}

impl DeviceAtomics {
    pub fn unrouted(&self, r: DropReason) {
        if let Some(c) = self.unrouted.get(r.index()) {
            c.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Device counters, given the sums of the queues' lead counts.
    pub fn snapshot(&self, lead_wire: u64, lead_local: u64) -> DeviceCounters {
        let mut unrouted = DropCounts::default();
        for (d, a) in unrouted.0.iter_mut().zip(self.unrouted.iter()) {
            *d = a.load(Ordering::Relaxed);
        }
        DeviceCounters {
            wire_rx_frames: lead_wire.wrapping_add(self.wire_unrouted.load(Ordering::Relaxed)),
            wire_tx_frames: self.wire_tx_frames.load(Ordering::Relaxed),
            wire_tx_bytes: self.wire_tx_bytes.load(Ordering::Relaxed),
            routed: lead_wire
                .wrapping_add(lead_local)
                .wrapping_add(self.wire_only.load(Ordering::Relaxed)),
            unrouted,
            spoof_events: self.spoof_events.load(Ordering::Relaxed),
        }
    }
}
