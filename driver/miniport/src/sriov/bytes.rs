//! What the engine still needs on top of `svnic_abi::buf`: `Option`-returning little-endian
//! reads for its own (non-NDIS) back-channel blocks, the NDIS_OBJECT_HEADER check the VF miniport
//! shares, and [`Name`], a by-value copy of an NDIS_IF_COUNTED_STRING. Every accessor is a thin
//! layer over svnic-abi's bounds-checked reader/writer: an OID buffer is untrusted input.

use svnic_abi::buf;
use svnic_abi::header::{NDIS_IF_COUNTED_STRING, NDIS_OBJECT_TYPE_DEFAULT};

/// Read a little-endian `u16` at `off`.
pub fn u16_at(b: &[u8], off: usize) -> Option<u16> {
    buf::read_at(b, off).ok()
}

/// Read a little-endian `u32` at `off`.
pub fn u32_at(b: &[u8], off: usize) -> Option<u32> {
    buf::read_at(b, off).ok()
}

/// Read a little-endian `u64` at `off`.
pub fn u64_at(b: &[u8], off: usize) -> Option<u64> {
    buf::read_at(b, off).ok()
}

/// Spec G1 for callers that answer every malformed header with INVALID_PARAMETER: the header
/// must be Type DEFAULT with a revision listed in `known` (revision, NDIS_SIZEOF) whose `Size` is
/// at least that NDIS_SIZEOF, and the buffer must hold that many bytes. Returns the accepted
/// (revision, NDIS_SIZEOF) or `None`.
pub fn check_header(b: &[u8], known: &[(u8, usize)]) -> Option<(u8, usize)> {
    let h = buf::read_header(b).ok()?;
    if h.type_ != NDIS_OBJECT_TYPE_DEFAULT {
        return None;
    }
    let &(r, min) = known.iter().find(|(r, _)| *r == h.revision)?;
    if usize::from(h.size) < min || b.len() < min {
        return None;
    }
    Some((r, min))
}

/// A counted UTF-16 name (vPort, switch, VM names) kept by value: no allocation, at most 512 bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Name {
    pub len: u16,
    pub bytes: [u8; 512],
}

impl Default for Name {
    fn default() -> Self {
        Self {
            len: 0,
            bytes: [0; 512],
        }
    }
}

impl core::fmt::Debug for Name {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let n = usize::from(self.len);
        let units =
            self.bytes.get(..n).unwrap_or(&[]).chunks_exact(2).map(|c| {
                u16::from_le_bytes([c.first().copied().unwrap_or(0), c.get(1).copied().unwrap_or(0)])
            });
        let s: alloc::string::String = char::decode_utf16(units)
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect();
        write!(f, "{s:?}")
    }
}

impl Name {
    /// A copy of a counted string read from an OID buffer; `None` if its `Length` is odd or
    /// beyond the 256-WCHAR capacity (spec 1.2).
    pub fn from_counted(s: &NDIS_IF_COUNTED_STRING) -> Option<Self> {
        if !s.is_valid() {
            return None;
        }
        let mut n = Self::default();
        for (dst, unit) in n.bytes.chunks_exact_mut(2).zip(s.units()) {
            dst.copy_from_slice(&unit.to_le_bytes());
        }
        n.len = s.length;
        Some(n)
    }

    /// A name from ASCII/UTF-8 text (tests and the simulator); truncated at 256 UTF-16 units.
    pub fn from_text(s: &str) -> Self {
        Self::from_counted(&NDIS_IF_COUNTED_STRING::from_text(s)).unwrap_or_default()
    }

    /// The UTF-16LE bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or(&[])
    }
}
