//! The filter tables the classifier reads: exact MAC(+VLAN) filters in an open-addressing hash
//! table, and the per-pool receive/transmit policy (QEMU igb: RAR/RAH.POOLSEL, VMOLR, VFRE, VFTE).
//!
//! The device keeps one [`Tables`] behind a read-mostly lock: the receive path takes the read
//! side, management operations the write side, so every change (add, remove, *move*) is a single
//! atomic table update as seen by concurrent receive.
//!
//! Layout: filters live in a slab indexed by [`FilterId`]; filters that share a key (MAC + VLAN
//! rule) are chained, and the hash table maps a packed 64-bit key to the chain head. Lookup cost
//! is one hash probe sequence (load factor <= 1/2), independent of the number of filters.

use alloc::vec;
use alloc::vec::Vec;

use crate::config::QueueLayout;
use crate::queueset::QueueSet;
use crate::types::{DeviceError, FilterId, Function, MacAddr, QueueId, VlanMatch};

/// Maximum number of filters a device holds.
pub const MAX_FILTERS: usize = 8192;
const SLOTS: usize = MAX_FILTERS * 2;
const NONE: u32 = u32::MAX;
const HASH_SHIFT: u32 = 64 - SLOTS.trailing_zeros();
const VALID: u64 = 1 << 63;

/// Per-pool receive and transmit policy. Pool `n` = queue pair `n`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolConfig {
    /// Receive enable (igb VFRE). A disabled pool's copies are dropped as `Disabled`.
    pub rx_enable: bool,
    /// Transmit enable (igb VFTE). A disabled pool's transmits are dropped as `Disabled`.
    pub tx_enable: bool,
    /// Maximum frame size in bytes, without FCS and without an 802.1Q tag (igb VMOLR.RLPML).
    pub max_frame: u16,
    /// Strip the 802.1Q tag on receive and report it in the completion (igb VMOLR.STRVLAN).
    pub strip_vlan: bool,
    /// Receive a copy of every broadcast (igb VMOLR.BAM).
    pub accept_broadcast: bool,
    /// Receive a copy of every multicast (igb VMOLR.MPME / ROMPE).
    pub accept_multicast: bool,
    /// VLAN membership for broadcast/multicast replication: None = any VLAN, Some(0) = untagged or
    /// priority-tagged only, Some(v) = VID v only.
    pub flood_vlan: Option<u16>,
    /// Anti-spoofing of the source MAC on transmit: frames with another source are dropped.
    pub antispoof_mac: Option<MacAddr>,
    /// Anti-spoofing of the VLAN on transmit: the frame's VID must match this rule.
    pub antispoof_vlan: Option<VlanMatch>,
}

impl PoolConfig {
    /// State after construction or reset: everything off (the default pool is turned on by
    /// [`Tables::new`]).
    pub fn disabled(max_frame: u16) -> Self {
        PoolConfig {
            rx_enable: false,
            tx_enable: false,
            max_frame,
            strip_vlan: false,
            accept_broadcast: false,
            accept_multicast: false,
            flood_vlan: None,
            antispoof_mac: None,
            antispoof_vlan: None,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct FilterEntry {
    key: u64,
    queue: QueueId,
    /// Next filter with the same key, or NONE.
    next: u32,
    live: bool,
}

/// A filter as reported by [`Tables::filter`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FilterInfo {
    /// Destination MAC.
    pub mac: MacAddr,
    /// VLAN rule.
    pub vlan: VlanMatch,
    /// Target queue (pool).
    pub queue: QueueId,
}

/// One hash slot: the key and a summary of its chain, so a lookup that hits a key with a single
/// filter touches one 16-byte slot and nothing else.
#[derive(Clone, Copy, Debug)]
struct Slot {
    key: u64,
    head: u32,
    queue: QueueId,
    more: bool,
}

const EMPTY_SLOT: Slot = Slot {
    key: 0,
    head: NONE,
    queue: QueueId(0),
    more: false,
};

/// Result of a hot-path lookup: the first filter of the chain inline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub head: u32,
    pub queue: QueueId,
    pub more: bool,
}

/// Pack MAC + VID into one hashable word (bit 63 marks an occupied slot).
pub(crate) fn pack_key(mac: &MacAddr, vid: u16) -> u64 {
    let mut k = 0u64;
    for b in mac {
        k = (k << 8) | u64::from(*b);
    }
    (k << 12) | u64::from(vid & 0x0fff) | VALID
}

fn unpack_key(key: u64) -> (MacAddr, u16) {
    let vid = (key & 0x0fff) as u16;
    let m = (key >> 12) & 0xffff_ffff_ffff;
    let b = m.to_be_bytes();
    ([b[2], b[3], b[4], b[5], b[6], b[7]], vid)
}

fn hash(key: u64) -> usize {
    // Fibonacci hashing; SLOTS is a power of two.
    let h = key.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> HASH_SHIFT) as usize
}

/// The classifier's whole world: filters and per-pool policy. Cloning is not needed; it lives
/// behind the device's table lock.
pub struct Tables {
    slots: Vec<Slot>,
    filters: Vec<FilterEntry>,
    free: Vec<u32>,
    live: usize,
    pools: Vec<PoolConfig>,
    owners: Vec<Function>,
    bcast: QueueSet,
    mcast: QueueSet,
    default_max_frame: u16,
}

impl core::fmt::Debug for Tables {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Tables")
            .field("filters", &self.live)
            .field("pools", &self.pools.len())
            .finish()
    }
}

impl Tables {
    /// Empty tables for `layout`; the default pool (queue 0) receives and accepts broadcast and
    /// multicast, every other pool starts disabled.
    pub fn new(layout: QueueLayout, default_max_frame: u16) -> Self {
        let n = layout.queue_count();
        let owners = (0..n)
            .map(|i| {
                u16::try_from(i)
                    .ok()
                    .and_then(|i| layout.owner(QueueId(i)))
                    .unwrap_or(Function::Pf)
            })
            .collect();
        let mut t = Tables {
            slots: vec![EMPTY_SLOT; SLOTS],
            filters: Vec::with_capacity(MAX_FILTERS),
            free: Vec::with_capacity(MAX_FILTERS),
            live: 0,
            pools: vec![PoolConfig::disabled(default_max_frame); n],
            owners,
            bcast: QueueSet::EMPTY,
            mcast: QueueSet::EMPTY,
            default_max_frame,
        };
        t.reset();
        t
    }

    /// Remove every filter and return every pool to its initial policy (PF software reset).
    pub fn reset(&mut self) {
        self.slots.iter_mut().for_each(|k| *k = EMPTY_SLOT);
        self.filters.clear();
        self.free.clear();
        self.live = 0;
        let d = self.default_max_frame;
        self.pools.iter_mut().for_each(|p| *p = PoolConfig::disabled(d));
        if let Some(p) = self.pools.get_mut(0) {
            p.rx_enable = true;
            p.tx_enable = true;
            p.accept_broadcast = true;
            p.accept_multicast = true;
        }
        self.rebuild_sets();
    }

    /// Number of pools (= queues).
    pub fn pool_count(&self) -> usize {
        self.pools.len()
    }

    /// Policy of pool `q`.
    pub fn pool(&self, q: QueueId) -> Option<&PoolConfig> {
        self.pools.get(q.index())
    }

    /// Owner function of pool `q`.
    pub fn owner(&self, q: QueueId) -> Option<Function> {
        self.owners.get(q.index()).copied()
    }

    /// Replace the policy of pool `q`.
    pub fn set_pool(&mut self, q: QueueId, cfg: PoolConfig) -> Result<(), DeviceError> {
        if cfg.max_frame < 60 || usize::from(cfg.max_frame) > crate::config::MAX_FRAME.saturating_sub(4) {
            return Err(DeviceError::InvalidArgument);
        }
        if let Some(VlanMatch::Vid(v)) = cfg.antispoof_vlan {
            if !(1..=4094).contains(&v) {
                return Err(DeviceError::InvalidArgument);
            }
        }
        *self.pools.get_mut(q.index()).ok_or(DeviceError::NoSuchQueue)? = cfg;
        if cfg.accept_broadcast {
            self.bcast.insert(q)
        } else {
            self.bcast.remove(q)
        }
        if cfg.accept_multicast {
            self.mcast.insert(q)
        } else {
            self.mcast.remove(q)
        }
        Ok(())
    }

    fn rebuild_sets(&mut self) {
        self.bcast = QueueSet::EMPTY;
        self.mcast = QueueSet::EMPTY;
        for (i, p) in self.pools.iter().enumerate() {
            let Ok(i) = u16::try_from(i) else { break };
            if p.accept_broadcast {
                self.bcast.insert(QueueId(i));
            }
            if p.accept_multicast {
                self.mcast.insert(QueueId(i));
            }
        }
    }

    /// Pools accepting every broadcast.
    pub fn broadcast_pools(&self) -> &QueueSet {
        &self.bcast
    }

    /// Pools accepting every multicast.
    pub fn multicast_pools(&self) -> &QueueSet {
        &self.mcast
    }

    /// Number of live filters.
    pub fn filter_count(&self) -> usize {
        self.live
    }

    fn find_slot(&self, key: u64) -> Option<usize> {
        let mask = SLOTS.wrapping_sub(1);
        let mut i = hash(key);
        for _ in 0..SLOTS {
            match self.slots.get(i).map(|s| s.key) {
                Some(k) if k == key => return Some(i),
                Some(0) | None => return None,
                Some(_) => i = i.wrapping_add(1) & mask,
            }
        }
        None
    }

    /// The chain of filters whose key is (`mac`, `vid`); the hot-path lookup.
    #[inline]
    pub(crate) fn lookup(&self, mac: &MacAddr, vid: u16) -> Option<Hit> {
        let key = pack_key(mac, vid);
        let mask = SLOTS.wrapping_sub(1);
        let mut i = hash(key);
        for _ in 0..SLOTS {
            let s = self.slots.get(i)?;
            if s.key == key {
                return (s.head != NONE).then_some(Hit {
                    head: s.head,
                    queue: s.queue,
                    more: s.more,
                });
            }
            if s.key == 0 {
                return None;
            }
            i = i.wrapping_add(1) & mask;
        }
        None
    }

    fn head_of(&self, slot: usize) -> u32 {
        self.slots.get(slot).map_or(NONE, |s| s.head)
    }

    /// Set a slot's chain head and refresh its inline summary.
    fn set_head(&mut self, slot: usize, head: u32) {
        let (queue, more) = match self.filters.get(head as usize) {
            Some(e) => (e.queue, e.next != NONE),
            None => (QueueId(0), false),
        };
        if let Some(s) = self.slots.get_mut(slot) {
            s.head = head;
            s.queue = queue;
            s.more = more;
        }
    }

    /// Follow a chain: (filter id, target queue, next) of slab entry `idx`.
    #[inline]
    pub(crate) fn chain_entry(&self, idx: u32) -> Option<(FilterId, QueueId, u32)> {
        let e = self.filters.get(idx as usize)?;
        Some((FilterId(idx), e.queue, e.next))
    }

    /// Add an exact filter: frames to `mac` matching `vlan` go to `queue`. A queue may hold
    /// several filters and several queues may share a key (replication).
    pub fn add(&mut self, mac: MacAddr, vlan: VlanMatch, queue: QueueId) -> Result<FilterId, DeviceError> {
        if let VlanMatch::Vid(v) = vlan {
            if !(1..=4094).contains(&v) {
                return Err(DeviceError::InvalidArgument);
            }
        }
        if queue.index() >= self.pools.len() {
            return Err(DeviceError::NoSuchQueue);
        }
        let key = pack_key(&mac, vlan.vid());
        let slot = match self.find_slot(key) {
            Some(s) => {
                let mut cur = self.head_of(s);
                while let Some(e) = self.filters.get(cur as usize) {
                    if e.queue == queue {
                        return Err(DeviceError::FilterExists);
                    }
                    cur = e.next;
                }
                s
            }
            None => {
                if self.live >= MAX_FILTERS {
                    return Err(DeviceError::TableFull);
                }
                let mask = SLOTS.wrapping_sub(1);
                let mut i = hash(key);
                loop {
                    match self.slots.get(i).map(|s| s.key) {
                        Some(0) => break,
                        Some(_) => i = i.wrapping_add(1) & mask,
                        None => return Err(DeviceError::TableFull),
                    }
                }
                i
            }
        };
        if self.live >= MAX_FILTERS {
            return Err(DeviceError::TableFull);
        }
        let head = self.head_of(slot);
        let entry = FilterEntry {
            key,
            queue,
            next: head,
            live: true,
        };
        let idx = match self.free.pop() {
            Some(i) => {
                *self.filters.get_mut(i as usize).ok_or(DeviceError::TableFull)? = entry;
                i
            }
            None => {
                let i = u32::try_from(self.filters.len()).map_err(|_| DeviceError::TableFull)?;
                self.filters.push(entry);
                i
            }
        };
        if let Some(s) = self.slots.get_mut(slot) {
            s.key = key;
        }
        self.set_head(slot, idx);
        self.live = self.live.saturating_add(1);
        Ok(FilterId(idx))
    }

    /// Describe a live filter.
    pub fn filter(&self, id: FilterId) -> Option<FilterInfo> {
        let e = self.filters.get(id.0 as usize).filter(|e| e.live)?;
        let (mac, vid) = unpack_key(e.key);
        let vlan = if vid == 0 {
            VlanMatch::UntaggedOrZero
        } else {
            VlanMatch::Vid(vid)
        };
        Some(FilterInfo {
            mac,
            vlan,
            queue: e.queue,
        })
    }

    /// Retarget a filter to another queue in one table update (the VMQ <-> VF data-path switch).
    pub fn move_filter(&mut self, id: FilterId, to: QueueId) -> Result<(), DeviceError> {
        if to.index() >= self.pools.len() {
            return Err(DeviceError::NoSuchQueue);
        }
        let key = self
            .filters
            .get(id.0 as usize)
            .filter(|e| e.live)
            .ok_or(DeviceError::NoSuchFilter)?
            .key;
        // Refuse to create a duplicate (same key, same queue).
        let slot = self.find_slot(key).ok_or(DeviceError::NoSuchFilter)?;
        let mut cur = self.head_of(slot);
        while let Some(e) = self.filters.get(cur as usize) {
            if e.queue == to && cur != id.0 {
                return Err(DeviceError::FilterExists);
            }
            cur = e.next;
        }
        let e = self
            .filters
            .get_mut(id.0 as usize)
            .ok_or(DeviceError::NoSuchFilter)?;
        e.queue = to;
        self.set_head(slot, self.head_of(slot));
        Ok(())
    }

    /// Remove a filter.
    pub fn remove(&mut self, id: FilterId) -> Result<FilterInfo, DeviceError> {
        let info = self.filter(id).ok_or(DeviceError::NoSuchFilter)?;
        let key = self
            .filters
            .get(id.0 as usize)
            .ok_or(DeviceError::NoSuchFilter)?
            .key;
        let slot = self.find_slot(key).ok_or(DeviceError::NoSuchFilter)?;
        // Unlink from the chain.
        let head = self.head_of(slot);
        let next_of_id = self.filters.get(id.0 as usize).map_or(NONE, |e| e.next);
        if head == id.0 {
            self.set_head(slot, next_of_id);
        } else {
            let mut cur = head;
            while let Some(e) = self.filters.get(cur as usize).copied() {
                if e.next == id.0 {
                    if let Some(p) = self.filters.get_mut(cur as usize) {
                        p.next = next_of_id;
                    }
                    break;
                }
                cur = e.next;
            }
        }
        if let Some(e) = self.filters.get_mut(id.0 as usize) {
            e.live = false;
            e.next = NONE;
        }
        self.free.push(id.0);
        self.live = self.live.saturating_sub(1);
        if self.head_of(slot) == NONE {
            self.delete_slot(slot);
        } else {
            self.set_head(slot, self.head_of(slot));
        }
        Ok(info)
    }

    /// Backward-shift deletion keeps linear probing free of tombstones.
    fn delete_slot(&mut self, mut hole: usize) {
        let mask = SLOTS.wrapping_sub(1);
        let mut i = hole;
        loop {
            i = i.wrapping_add(1) & mask;
            let cur = self.slots.get(i).copied().unwrap_or(EMPTY_SLOT);
            let k = cur.key;
            if k == 0 {
                break;
            }
            let home = hash(k);
            // Move entry i into the hole if its home is not cyclically in (hole, i].
            let dist_home = i.wrapping_sub(home) & mask;
            let dist_hole = i.wrapping_sub(hole) & mask;
            if dist_home >= dist_hole {
                if let Some(s) = self.slots.get_mut(hole) {
                    *s = cur;
                }
                hole = i;
            }
        }
        if let Some(s) = self.slots.get_mut(hole) {
            *s = EMPTY_SLOT;
        }
    }

    /// Remove every filter targeting `queue`; returns how many.
    pub fn remove_for_queue(&mut self, queue: QueueId) -> usize {
        let ids: Vec<u32> = self
            .filters
            .iter()
            .enumerate()
            .filter(|(_, e)| e.live && e.queue == queue)
            .filter_map(|(i, _)| u32::try_from(i).ok())
            .collect();
        ids.iter().filter(|&&i| self.remove(FilterId(i)).is_ok()).count()
    }

    /// Every live filter (management and tests; allocates).
    pub fn filters(&self) -> Vec<(FilterId, FilterInfo)> {
        (0..self.filters.len())
            .filter_map(|i| u32::try_from(i).ok())
            .filter_map(|i| self.filter(FilterId(i)).map(|f| (FilterId(i), f)))
            .collect()
    }
}
