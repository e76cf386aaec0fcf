//! Bounds-checked little-endian reads and writes over OID information buffers, and the
//! NDIS_OBJECT_HEADER check of spec G1. Private stand-in for svnic-abi's `buf` layer: every
//! access returns `None`/`false` instead of indexing out of range.

use super::ndis::{COUNTED_STRING_LEN, COUNTED_STRING_MAX_BYTES, HEADER_LEN};

pub fn rd_u16(buf: &[u8], off: usize) -> Option<u16> {
    let end = off.checked_add(2)?;
    let b = buf.get(off..end)?;
    let mut a = [0u8; 2];
    a.copy_from_slice(b);
    Some(u16::from_le_bytes(a))
}

pub fn rd_u32(buf: &[u8], off: usize) -> Option<u32> {
    let end = off.checked_add(4)?;
    let b = buf.get(off..end)?;
    let mut a = [0u8; 4];
    a.copy_from_slice(b);
    Some(u32::from_le_bytes(a))
}

pub fn rd_u64(buf: &[u8], off: usize) -> Option<u64> {
    let end = off.checked_add(8)?;
    let b = buf.get(off..end)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(b);
    Some(u64::from_le_bytes(a))
}

pub fn wr_bytes(buf: &mut [u8], off: usize, data: &[u8]) -> bool {
    let Some(end) = off.checked_add(data.len()) else {
        return false;
    };
    match buf.get_mut(off..end) {
        Some(dst) => {
            dst.copy_from_slice(data);
            true
        }
        None => false,
    }
}

pub fn wr_u16(buf: &mut [u8], off: usize, v: u16) -> bool {
    wr_bytes(buf, off, &v.to_le_bytes())
}

pub fn wr_u32(buf: &mut [u8], off: usize, v: u32) -> bool {
    wr_bytes(buf, off, &v.to_le_bytes())
}

pub fn wr_u64(buf: &mut [u8], off: usize, v: u64) -> bool {
    wr_bytes(buf, off, &v.to_le_bytes())
}

/// Writes an NDIS_OBJECT_HEADER.
pub fn wr_header(buf: &mut [u8], off: usize, ty: u8, revision: u8, size: u16) -> bool {
    let s = size.to_le_bytes();
    wr_bytes(buf, off, &[ty, revision, s[0], s[1]])
}

/// A payload NDIS_OBJECT_HEADER.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    pub ty: u8,
    pub revision: u8,
    pub size: u16,
}

pub fn rd_header(buf: &[u8], off: usize) -> Option<Header> {
    let end = off.checked_add(HEADER_LEN)?;
    let b = buf.get(off..end)?;
    let (ty, revision, s0, s1) = match b {
        [a, b, c, d] => (*a, *b, *c, *d),
        _ => return None,
    };
    Some(Header {
        ty,
        revision,
        size: u16::from_le_bytes([s0, s1]),
    })
}

/// Spec G1: Type must be `ty`; the revision must be one of `revisions` (revision, minimum size)
/// and `Size` at least that revision's size. Also `Size` must fit in `avail` bytes (a header
/// claiming more than the caller passed is as bad as a short buffer). Returns the revision and
/// its documented size.
pub fn check_header(
    buf: &[u8],
    off: usize,
    avail: usize,
    ty: u8,
    revisions: &[(u8, usize)],
) -> Option<(u8, usize)> {
    let h = rd_header(buf, off)?;
    if h.ty != ty {
        return None;
    }
    let (rev, min) = revisions.iter().copied().find(|(r, _)| *r == h.revision)?;
    let size = usize::from(h.size);
    if size < min || size > avail {
        return None;
    }
    Some((rev, min))
}

/// An NDIS_IF_COUNTED_STRING (VmName, QueueName), kept as raw UTF-16 code units.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct CountedName {
    /// Length in bytes (even, at most 512).
    pub len_bytes: u16,
    pub units: [u16; 256],
}

impl Default for CountedName {
    fn default() -> Self {
        Self {
            len_bytes: 0,
            units: [0; 256],
        }
    }
}

impl core::fmt::Debug for CountedName {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let n = usize::from(self.len_bytes / 2);
        let s: alloc::string::String = char::decode_utf16(self.units.iter().take(n).copied())
            .map(|c| c.unwrap_or('?'))
            .collect();
        write!(f, "{s:?}")
    }
}

impl CountedName {
    /// From a Rust string (test and simulator helper); longer names are cut at 256 units.
    pub fn new(s: &str) -> Self {
        let mut n = Self::default();
        let mut count: u16 = 0;
        for (dst, u) in n.units.iter_mut().zip(s.encode_utf16()) {
            *dst = u;
            count = count.saturating_add(1);
        }
        n.len_bytes = count.saturating_mul(2);
        n
    }

    /// The name as UTF-16 units.
    pub fn units(&self) -> &[u16] {
        self.units.get(..usize::from(self.len_bytes / 2)).unwrap_or(&[])
    }

    /// Parse at `off`; `None` if the Length is odd or above 512 bytes (spec 1.2: Length <= 256 WCHARs).
    pub fn read(buf: &[u8], off: usize) -> Option<Self> {
        let len = rd_u16(buf, off)?;
        if usize::from(len) > COUNTED_STRING_MAX_BYTES || len % 2 != 0 {
            return None;
        }
        let mut n = Self {
            len_bytes: len,
            ..Self::default()
        };
        let base = off.checked_add(2)?;
        for (i, dst) in n.units.iter_mut().take(usize::from(len / 2)).enumerate() {
            *dst = rd_u16(buf, base.checked_add(i.checked_mul(2)?)?)?;
        }
        Some(n)
    }

    /// Write at `off` (516 bytes: Length, the units, zero fill).
    pub fn write(&self, buf: &mut [u8], off: usize) -> bool {
        let Some(end) = off.checked_add(COUNTED_STRING_LEN) else {
            return false;
        };
        let Some(dst) = buf.get_mut(off..end) else {
            return false;
        };
        dst.fill(0);
        let mut ok = wr_u16(dst, 0, self.len_bytes);
        for (i, u) in self.units().iter().enumerate() {
            ok &= i
                .checked_mul(2)
                .and_then(|o| o.checked_add(2))
                .is_some_and(|o| wr_u16(dst, o, *u));
        }
        ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_outside_the_buffer_return_none() {
        let b = [1u8, 2, 3];
        assert_eq!(rd_u32(&b, 0), None);
        assert_eq!(rd_u16(&b, 1), Some(0x0302));
        assert_eq!(rd_u16(&b, usize::MAX), None);
        let mut m = [0u8; 4];
        assert!(!wr_u32(&mut m, 1, 7));
        assert_eq!(m, [0; 4]);
    }

    #[test]
    fn header_check_requires_type_known_revision_and_size_within_buffer() {
        let mut b = [0u8; 16];
        wr_header(&mut b, 0, 0x80, 1, 12);
        assert_eq!(check_header(&b, 0, 16, 0x80, &[(1, 12)]), Some((1, 12)));
        assert_eq!(check_header(&b, 0, 11, 0x80, &[(1, 12)]), None);
        assert_eq!(check_header(&b, 0, 16, 0x81, &[(1, 12)]), None);
        assert_eq!(check_header(&b, 0, 16, 0x80, &[(2, 12)]), None);
        wr_header(&mut b, 0, 0x80, 1, 11);
        assert_eq!(check_header(&b, 0, 16, 0x80, &[(1, 12)]), None);
    }

    #[test]
    fn counted_name_round_trips_and_rejects_bad_lengths() {
        let n = CountedName::new("vm-7");
        let mut b = [0xAAu8; 600];
        assert!(n.write(&mut b, 10));
        assert_eq!(CountedName::read(&b, 10), Some(n));
        assert!(wr_u16(&mut b, 10, 514));
        assert_eq!(CountedName::read(&b, 10), None);
        assert!(wr_u16(&mut b, 10, 3));
        assert_eq!(CountedName::read(&b, 10), None);
    }
}
