//! The engine's copy of an NDIS_IF_COUNTED_STRING (VmName, QueueName). Layout, validity and
//! byte access are svnic-abi's (`header::NDIS_IF_COUNTED_STRING`, `buf`); this type only keeps
//! a validated name in queue state, where Rust code compares and prints it.

use svnic_abi::header::{IF_MAX_STRING_SIZE, NDIS_IF_COUNTED_STRING};

/// A validated NDIS_IF_COUNTED_STRING, kept as raw UTF-16 code units.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct CountedName {
    /// Length in bytes (even, at most 512).
    pub len_bytes: u16,
    pub units: [u16; IF_MAX_STRING_SIZE],
}

impl Default for CountedName {
    fn default() -> Self {
        Self {
            len_bytes: 0,
            units: [0; IF_MAX_STRING_SIZE],
        }
    }
}

impl core::fmt::Debug for CountedName {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let s: alloc::string::String = char::decode_utf16(self.units().iter().copied())
            .map(|c| c.unwrap_or('?'))
            .collect();
        write!(f, "{s:?}")
    }
}

impl CountedName {
    /// From a Rust string (test and simulator helper); longer names are cut at 256 units.
    pub fn new(s: &str) -> Self {
        Self::from_counted(&NDIS_IF_COUNTED_STRING::from_text(s)).unwrap_or_default()
    }

    /// The name as UTF-16 units.
    pub fn units(&self) -> &[u16] {
        self.units.get(..usize::from(self.len_bytes / 2)).unwrap_or(&[])
    }

    /// From the wire structure; `None` if its Length is odd or above 512 bytes (spec 1.2:
    /// Length <= 256 WCHARs).
    pub fn from_counted(s: &NDIS_IF_COUNTED_STRING) -> Option<Self> {
        if !s.is_valid() {
            return None;
        }
        let mut n = Self {
            len_bytes: s.length,
            ..Self::default()
        };
        for (dst, src) in n.units.iter_mut().zip(s.units()) {
            *dst = *src;
        }
        Some(n)
    }

    /// The wire structure: Length, the units, zero fill.
    pub fn to_counted(&self) -> NDIS_IF_COUNTED_STRING {
        let mut s = NDIS_IF_COUNTED_STRING::zeroed();
        s.length = self.len_bytes;
        for (dst, src) in s.string.iter_mut().zip(self.units()) {
            *dst = *src;
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_name_round_trips_and_rejects_bad_lengths() {
        let n = CountedName::new("vm-7");
        assert_eq!(n.len_bytes, 8);
        let mut s = n.to_counted();
        assert_eq!(CountedName::from_counted(&s), Some(n));
        s.length = 514;
        assert_eq!(CountedName::from_counted(&s), None);
        s.length = 3;
        assert_eq!(CountedName::from_counted(&s), None);
        s.length = 512;
        assert_eq!(CountedName::from_counted(&s).map(|n| n.units().len()), Some(256));
    }
}
