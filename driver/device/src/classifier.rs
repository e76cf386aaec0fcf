//! The receive classifier: a pure function from (frame header, [`Tables`], source) to the set of
//! pools that get a copy, following QEMU igb `igb_receive_assign` (VMDq), simplified to exact
//! filters:
//!
//! 1. frames shorter than an Ethernet header, or longer than the device moves: dropped;
//! 2. broadcast -> every pool with `accept_broadcast` whose `flood_vlan` admits the VID;
//! 3. multicast -> pools of the exact (MAC, VID) filters, plus every pool with `accept_multicast`
//!    whose `flood_vlan` admits the VID (each pool at most once);
//! 4. unicast -> pools of the exact (MAC, VID) filters, where an untagged or VID-0 frame matches
//!    the filters with [`VlanMatch::UntaggedOrZero`](crate::VlanMatch); no hit and the frame
//!    came from the wire -> the default queue (pool 0);
//! 5. per pool: `rx_enable` (else drop `Disabled`), `max_frame` (else drop `Oversize`), and the
//!    VLAN strip decision.
//!
//! For a frame transmitted by local pool `p` (the embedded switch, [`Source::Pool`]), `p` never
//! gets its own frame back; broadcast and multicast also go to the wire; unicast goes to the wire
//! only if no exact filter matched (a local destination never reaches the wire).
//!
//! Cost: one hash lookup plus the length of the matching chain (and, for flooding, the number of
//! accepting pools): independent of the number of filters.

use crate::filters::Tables;
use crate::frame::EthHeader;
use crate::queueset::{QueueSet, QueueSetIter};
use crate::types::{is_multicast, DropReason, FilterId, QueueId, BROADCAST};

/// Where a frame entered the device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// From the wire port.
    Wire,
    /// Transmitted by this local pool (through the embedded switch).
    Pool(QueueId),
}

/// Destination class of a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrameKind {
    /// Individual destination address.
    Unicast,
    /// Group address other than broadcast.
    Multicast,
    /// ff:ff:ff:ff:ff:ff.
    Broadcast,
}

/// Why a pool got a copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchKind {
    /// This exact filter matched.
    Filter(FilterId),
    /// Broadcast/multicast flooding to an accepting pool.
    Flood,
    /// Unmatched unicast sent to the default queue.
    Default,
}

/// What happens to the copy for one pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Hand to the pool's receive queue; `strip` = remove the 802.1Q tag into the metadata.
    Deliver {
        /// Strip the VLAN tag.
        strip: bool,
    },
    /// Drop this copy and count it on the pool.
    Drop(DropReason),
}

/// One pool's share of a classified frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Target {
    /// Target pool (= queue).
    pub queue: QueueId,
    /// Why it matched.
    pub matched: MatchKind,
    /// Deliver or drop.
    pub verdict: Verdict,
}

/// Result of [`classify`]: plain data, so it can outlive the table lock only together with the
/// tables it was computed from (the target iterator re-reads the filter chain).
#[derive(Clone, Copy, Debug)]
pub struct Decision {
    /// Parsed header (None for a runt).
    pub header: Option<EthHeader>,
    /// Destination class.
    pub kind: FrameKind,
    /// The whole frame is dropped before reaching any pool (runt or larger than the device moves).
    pub frame_drop: Option<DropReason>,
    /// The frame also leaves on the wire (only for [`Source::Pool`]).
    pub to_wire: bool,
    /// Unmatched unicast from the wire: deliver to the default queue.
    pub to_default: bool,
    chain: Option<u32>,
    flood: QueueSet,
    exclude: Option<QueueId>,
    frame_len: usize,
}

impl Decision {
    /// Every pool that gets a copy, with its verdict. Call with the same tables that produced the
    /// decision.
    pub fn targets<'t>(&self, tables: &'t Tables) -> Targets<'t> {
        Targets {
            tables,
            chain: self.chain,
            flood: self.flood.iter(),
            default: self.to_default,
            exclude: self.exclude,
            header: self.header,
            frame_len: self.frame_len,
        }
    }

    /// Whether no pool and not the wire gets the frame.
    pub fn is_unrouted(&self, tables: &Tables) -> bool {
        !self.to_wire && self.targets(tables).next().is_none()
    }
}

/// Iterator over a [`Decision`]'s targets.
#[derive(Debug)]
pub struct Targets<'t> {
    tables: &'t Tables,
    chain: Option<u32>,
    flood: QueueSetIter,
    default: bool,
    exclude: Option<QueueId>,
    header: Option<EthHeader>,
    frame_len: usize,
}

impl Targets<'_> {
    fn verdict(&self, q: QueueId) -> Verdict {
        let Some(pool) = self.tables.pool(q) else {
            return Verdict::Drop(DropReason::Filtered);
        };
        if !pool.rx_enable {
            return Verdict::Drop(DropReason::Disabled);
        }
        let len = self
            .header
            .map_or(self.frame_len, |h| h.untagged_len(self.frame_len));
        if len > usize::from(pool.max_frame) {
            return Verdict::Drop(DropReason::Oversize);
        }
        let tagged = self.header.is_some_and(|h| h.tci.is_some());
        Verdict::Deliver {
            strip: tagged && pool.strip_vlan,
        }
    }
}

impl Iterator for Targets<'_> {
    type Item = Target;

    #[inline]
    fn next(&mut self) -> Option<Target> {
        while let Some(idx) = self.chain {
            let (id, queue, next) = self.tables.chain_entry(idx)?;
            self.chain = (next != u32::MAX).then_some(next);
            if Some(queue) != self.exclude {
                return Some(Target {
                    queue,
                    matched: MatchKind::Filter(id),
                    verdict: self.verdict(queue),
                });
            }
        }
        if self.default {
            self.default = false;
            let q = QueueId::DEFAULT;
            return Some(Target {
                queue: q,
                matched: MatchKind::Default,
                verdict: self.verdict(q),
            });
        }
        let q = self.flood.next()?;
        Some(Target {
            queue: q,
            matched: MatchKind::Flood,
            verdict: self.verdict(q),
        })
    }
}

fn flood_admits(tables: &Tables, q: QueueId, vid: u16) -> bool {
    tables
        .pool(q)
        .is_some_and(|p| p.flood_vlan.is_none_or(|v| v == vid))
}

/// Classify `frame` against `tables`. Pure: same inputs, same decision.
#[inline]
pub fn classify(tables: &Tables, frame: &[u8], source: Source) -> Decision {
    let exclude = match source {
        Source::Wire => None,
        Source::Pool(p) => Some(p),
    };
    let mut d = Decision {
        header: None,
        kind: FrameKind::Unicast,
        frame_drop: None,
        to_wire: false,
        to_default: false,
        chain: None,
        flood: QueueSet::EMPTY,
        exclude,
        frame_len: frame.len(),
    };
    let Some(h) = EthHeader::parse(frame) else {
        d.frame_drop = Some(DropReason::Filtered);
        return d;
    };
    d.header = Some(h);
    if frame.len() > crate::config::MAX_FRAME {
        d.frame_drop = Some(DropReason::Oversize);
        return d;
    }
    let vid = h.vid();
    if h.dst == BROADCAST {
        d.kind = FrameKind::Broadcast;
        d.flood = *tables.broadcast_pools();
    } else if is_multicast(&h.dst) {
        d.kind = FrameKind::Multicast;
        d.chain = tables.lookup(&h.dst, vid);
        d.flood = *tables.multicast_pools();
        // A pool reached through an exact filter gets exactly one copy.
        let mut cur = d.chain;
        while let Some((_, q, next)) = cur.and_then(|i| tables.chain_entry(i)) {
            d.flood.remove(q);
            cur = (next != u32::MAX).then_some(next);
        }
    } else {
        d.chain = tables.lookup(&h.dst, vid);
        d.to_default = d.chain.is_none() && source == Source::Wire;
    }
    if !d.flood.is_empty() {
        for q in d.flood.iter() {
            if !flood_admits(tables, q, vid) {
                d.flood.remove(q);
            }
        }
    }
    if let Some(p) = exclude {
        d.flood.remove(p);
        d.to_wire = d.kind != FrameKind::Unicast || d.chain.is_none();
    }
    d
}
