//! Bounds-checked little-endian access to OID information buffers, and the NDIS_OBJECT_HEADER
//! check of spec G1. Every accessor returns `None` / `false` instead of reading or writing past
//! the slice: an OID buffer is untrusted input.

use super::abi::NDIS_OBJECT_TYPE_DEFAULT;

/// Read a `u8` at `off`.
pub fn u8_at(b: &[u8], off: usize) -> Option<u8> {
    b.get(off).copied()
}

/// Read a little-endian `u16` at `off`.
pub fn u16_at(b: &[u8], off: usize) -> Option<u16> {
    let s = b.get(off..off.checked_add(2)?)?;
    Some(u16::from_le_bytes([*s.first()?, *s.get(1)?]))
}

/// Read a little-endian `u32` at `off`.
pub fn u32_at(b: &[u8], off: usize) -> Option<u32> {
    let s = b.get(off..off.checked_add(4)?)?;
    let mut a = [0u8; 4];
    a.copy_from_slice(s);
    Some(u32::from_le_bytes(a))
}

/// Read a little-endian `u64` at `off`.
pub fn u64_at(b: &[u8], off: usize) -> Option<u64> {
    let s = b.get(off..off.checked_add(8)?)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(s);
    Some(u64::from_le_bytes(a))
}

/// Write `v` at `off`; false (nothing written) if it does not fit.
pub fn put_bytes(b: &mut [u8], off: usize, v: &[u8]) -> bool {
    match off.checked_add(v.len()).and_then(|end| b.get_mut(off..end)) {
        Some(d) => {
            d.copy_from_slice(v);
            true
        }
        None => false,
    }
}

/// Write a little-endian `u16`.
pub fn put_u16(b: &mut [u8], off: usize, v: u16) -> bool {
    put_bytes(b, off, &v.to_le_bytes())
}

/// Write a little-endian `u32`.
pub fn put_u32(b: &mut [u8], off: usize, v: u32) -> bool {
    put_bytes(b, off, &v.to_le_bytes())
}

/// Write a little-endian `u64`.
pub fn put_u64(b: &mut [u8], off: usize, v: u64) -> bool {
    put_bytes(b, off, &v.to_le_bytes())
}

/// Write an NDIS_OBJECT_HEADER {Type DEFAULT, Revision, Size}.
pub fn put_header(b: &mut [u8], revision: u8, size: usize) -> bool {
    let size = u16::try_from(size).unwrap_or(u16::MAX);
    match b.get_mut(0..4) {
        Some(h) => {
            h.copy_from_slice(&[
                NDIS_OBJECT_TYPE_DEFAULT,
                revision,
                size.to_le_bytes()[0],
                size.to_le_bytes()[1],
            ]);
            true
        }
        None => false,
    }
}

/// Spec G1: the header must be Type DEFAULT with a known revision whose `Size` is at least that
/// revision's NDIS_SIZEOF, and the buffer must hold `Size` bytes... of which the caller reads only
/// the revision's fields. `known` lists (revision, minimum size) pairs. Returns the accepted
/// (revision, minimum size) or `None` (INVALID_PARAMETER).
pub fn check_header(b: &[u8], known: &[(u8, usize)]) -> Option<(u8, usize)> {
    if u8_at(b, 0)? != NDIS_OBJECT_TYPE_DEFAULT {
        return None;
    }
    let rev = u8_at(b, 1)?;
    let size = usize::from(u16_at(b, 2)?);
    let &(r, min) = known.iter().find(|(r, _)| *r == rev)?;
    if size < min || b.len() < min {
        return None;
    }
    Some((r, min))
}

/// An NDIS_IF_COUNTED_STRING at `off`: returns the UTF-16 length in bytes if it is valid
/// (even, at most 512), else `None`.
pub fn counted_string_len(b: &[u8], off: usize) -> Option<u16> {
    let len = u16_at(b, off)?;
    if len > super::abi::COUNTED_STRING_MAX_BYTES || len % 2 != 0 {
        return None;
    }
    Some(len)
}

/// Copy an NDIS_IF_COUNTED_STRING at `off` into a fixed Rust-side name (already validated).
pub fn read_name(b: &[u8], off: usize) -> Option<Name> {
    let len = counted_string_len(b, off)?;
    let start = off.checked_add(2)?;
    let data = b.get(start..start.checked_add(usize::from(len))?)?;
    let mut name = Name::default();
    name.bytes.get_mut(..data.len())?.copy_from_slice(data);
    name.len = len;
    Some(name)
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
    /// A name from ASCII/UTF-8 text (tests and the simulator); truncated at 256 UTF-16 units.
    pub fn from_text(s: &str) -> Self {
        let mut n = Self::default();
        let mut at = 0usize;
        for u in s.encode_utf16() {
            let Some(dst) = n.bytes.get_mut(at..at.saturating_add(2)) else {
                break;
            };
            dst.copy_from_slice(&u.to_le_bytes());
            at = at.saturating_add(2);
        }
        n.len = u16::try_from(at).unwrap_or(0);
        n
    }

    /// The UTF-16LE bytes.
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..usize::from(self.len)).unwrap_or(&[])
    }
}
