//! A fixed-size bitset of queues (= pools): broadcast/multicast replication sets and "which
//! queues must raise their vector" in the data path, without allocating.

use crate::config::MAX_QUEUES;
use crate::types::QueueId;

const WORDS: usize = MAX_QUEUES / 64;

/// Set of queue indices below [`MAX_QUEUES`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QueueSet {
    words: [u64; WORDS],
}

impl QueueSet {
    /// The empty set.
    pub const EMPTY: QueueSet = QueueSet { words: [0; WORDS] };

    fn split(q: QueueId) -> (usize, u64) {
        let i = q.index();
        (i / 64, 1u64 << (i % 64))
    }

    /// Add `q` (ignored if out of range).
    pub fn insert(&mut self, q: QueueId) {
        let (w, bit) = Self::split(q);
        if let Some(word) = self.words.get_mut(w) {
            *word |= bit;
        }
    }

    /// Remove `q`.
    pub fn remove(&mut self, q: QueueId) {
        let (w, bit) = Self::split(q);
        if let Some(word) = self.words.get_mut(w) {
            *word &= !bit;
        }
    }

    /// Whether `q` is in the set.
    pub fn contains(&self, q: QueueId) -> bool {
        let (w, bit) = Self::split(q);
        self.words.get(w).is_some_and(|word| word & bit != 0)
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|&w| w == 0)
    }

    /// Number of members.
    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Members in increasing order.
    pub fn iter(&self) -> QueueSetIter {
        QueueSetIter {
            words: self.words,
            word: 0,
        }
    }
}

/// Iterator over a [`QueueSet`] (owns a copy, so the set may change meanwhile).
#[derive(Clone, Debug)]
pub struct QueueSetIter {
    words: [u64; WORDS],
    word: usize,
}

impl Iterator for QueueSetIter {
    type Item = QueueId;

    fn next(&mut self) -> Option<QueueId> {
        loop {
            let w = self.words.get_mut(self.word)?;
            if *w != 0 {
                let bit = w.trailing_zeros() as usize;
                *w &= w.wrapping_sub(1);
                let idx = self.word.checked_mul(64)?.checked_add(bit)?;
                return u16::try_from(idx).ok().map(QueueId);
            }
            self.word = self.word.checked_add(1)?;
        }
    }
}
