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

use crate::filters::{Hit, Tables};
use crate::frame::EthHeader;
use crate::queueset::QueueSetIter;
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flood {
    None,
    Broadcast,
    Multicast,
}

/// Result of [`classify`]: small plain data; the target iterator reads the tables it came from.
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
    hit: Option<Hit>,
    flood: Flood,
    exclude: Option<QueueId>,
    frame_len: usize,
}

impl Decision {
    /// Every pool that gets a copy, with its verdict. Call with the same tables that produced the
    /// decision.
    #[inline]
    pub fn targets<'t>(&self, tables: &'t Tables) -> Targets<'t> {
        let set = match self.flood {
            Flood::None => None,
            Flood::Broadcast => Some(tables.broadcast_pools()),
            Flood::Multicast => Some(tables.multicast_pools()),
        };
        Targets {
            tables,
            chain: match self.hit {
                Some(h) => Chain::Head(h),
                None => Chain::Done,
            },
            hit: self.hit,
            default: self.to_default,
            flood: set.map(|s| s.iter()),
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

#[derive(Clone, Copy, Debug)]
enum Chain {
    Head(Hit),
    Slab(u32),
    Done,
}

/// Iterator over a [`Decision`]'s targets.
#[derive(Debug)]
pub struct Targets<'t> {
    tables: &'t Tables,
    chain: Chain,
    hit: Option<Hit>,
    default: bool,
    flood: Option<QueueSetIter>,
    exclude: Option<QueueId>,
    header: Option<EthHeader>,
    frame_len: usize,
}

impl Targets<'_> {
    #[inline]
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

    /// Whether `q` is reached through the exact chain (multicast: one copy per pool).
    fn in_chain(&self, q: QueueId) -> bool {
        let Some(h) = self.hit else { return false };
        if h.queue == q {
            return true;
        }
        let mut cur = if h.more {
            self.tables.chain_entry(h.head).map(|e| e.2)
        } else {
            None
        };
        while let Some((_, queue, next)) = cur.and_then(|i| self.tables.chain_entry(i)) {
            if queue == q {
                return true;
            }
            cur = Some(next);
        }
        false
    }
}

impl Iterator for Targets<'_> {
    type Item = Target;

    #[inline]
    fn next(&mut self) -> Option<Target> {
        loop {
            let (id, queue) = match self.chain {
                Chain::Done => break,
                Chain::Head(h) => {
                    self.chain = if h.more {
                        self.tables
                            .chain_entry(h.head)
                            .map_or(Chain::Done, |e| Chain::Slab(e.2))
                    } else {
                        Chain::Done
                    };
                    (FilterId(h.head), h.queue)
                }
                Chain::Slab(i) => match self.tables.chain_entry(i) {
                    Some((id, q, next)) => {
                        self.chain = Chain::Slab(next);
                        (id, q)
                    }
                    None => {
                        self.chain = Chain::Done;
                        continue;
                    }
                },
            };
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
        let vid = self.header.map_or(0, |h| h.vid());
        loop {
            let q = self.flood.as_mut()?.next()?;
            if Some(q) == self.exclude || !flood_admits(self.tables, q, vid) || self.in_chain(q) {
                continue;
            }
            return Some(Target {
                queue: q,
                matched: MatchKind::Flood,
                verdict: self.verdict(q),
            });
        }
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
        hit: None,
        flood: Flood::None,
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
    if h.dst == BROADCAST {
        d.kind = FrameKind::Broadcast;
        d.flood = Flood::Broadcast;
    } else {
        d.hit = tables.lookup(&h.dst, h.vid());
        if is_multicast(&h.dst) {
            d.kind = FrameKind::Multicast;
            d.flood = Flood::Multicast;
        } else {
            d.to_default = d.hit.is_none() && source == Source::Wire;
        }
    }
    if exclude.is_some() {
        d.to_wire = d.kind != FrameKind::Unicast || d.hit.is_none();
    }
    d
}
