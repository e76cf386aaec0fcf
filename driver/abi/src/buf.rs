//! Bounds-checked readers and writers for OID information buffers (spec G1-G4).
//!
//! Every reader copies out of the byte slice (zerocopy `read_from_prefix`), so a misaligned
//! buffer is fine, and checks every length before use. Errors carry the NDIS status to return:
//! a buffer shorter than needed is `NDIS_STATUS_INVALID_LENGTH` with the exact `BytesNeeded`;
//! malformed content (wrong Type, unknown Revision, Size below the revision's `NDIS_SIZEOF`,
//! element size too small, offset arithmetic overflow) is `NDIS_STATUS_INVALID_PARAMETER`.
//! Nothing here panics on any input.

use core::marker::PhantomData;
use core::mem::size_of;

use zerocopy::{FromBytes, Immutable, IntoBytes};

use crate::header::{NdisObject, NDIS_OBJECT_HEADER};
use crate::status::{NdisStatus, NDIS_STATUS_INVALID_LENGTH, NDIS_STATUS_INVALID_PARAMETER};

/// Why a buffer was rejected; maps to exactly one NDIS status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BufError {
    /// The buffer is too short: return `NDIS_STATUS_INVALID_LENGTH` and set `BytesNeeded`.
    TooShort {
        /// Minimum buffer length that would have been accepted.
        needed: usize,
    },
    /// The content is malformed: return `NDIS_STATUS_INVALID_PARAMETER`.
    Invalid(Invalid),
}

/// What exactly was malformed (for logs and tests).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Invalid {
    /// `Header.Type` differs from the structure's expected type.
    ObjectType {
        /// Type found.
        found: u8,
    },
    /// `Header.Revision` is not a revision this structure has.
    Revision {
        /// Revision found.
        found: u8,
    },
    /// `Header.Size` is below the `NDIS_SIZEOF` of its revision.
    HeaderSize {
        /// Size found.
        found: u16,
        /// Minimum for the revision.
        min: u16,
    },
    /// An array's `ElementSize` is below the element's revision-1 size.
    ElementSize {
        /// Element size found.
        found: u32,
        /// Minimum.
        min: u16,
    },
    /// An array element's `Header.Size` is larger than the array's `ElementSize`.
    ElementHeaderSize {
        /// The element's claimed size.
        size: usize,
        /// The array's element stride.
        element_size: usize,
    },
    /// Offset/count/size arithmetic overflowed.
    Overflow,
}

impl BufError {
    /// The NDIS status the OID must complete with.
    pub const fn status(&self) -> NdisStatus {
        match self {
            BufError::TooShort { .. } => NDIS_STATUS_INVALID_LENGTH,
            BufError::Invalid(_) => NDIS_STATUS_INVALID_PARAMETER,
        }
    }

    /// `BytesNeeded` to report (0 unless too short; saturates at u32::MAX).
    pub fn bytes_needed(&self) -> u32 {
        match self {
            BufError::TooShort { needed } => u32::try_from(*needed).unwrap_or(u32::MAX),
            BufError::Invalid(_) => 0,
        }
    }
}

/// A structure read from a buffer, with the revision and size its header claimed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Payload<T> {
    /// The value; fields beyond the claimed revision are zero.
    pub value: T,
    /// `Header.Revision` (a known revision of `T`).
    pub revision: u8,
    /// `Header.Size` as claimed (>= the revision's `NDIS_SIZEOF`, <= the buffer length).
    pub size: u16,
    /// `NDIS_SIZEOF` of the claimed revision: the bytes actually consumed (BytesRead).
    pub revision_size: u16,
}

/// Reads `T: FromBytes` by copy at `offset`; `TooShort` if it does not fit.
pub fn read_at<T: FromBytes>(buf: &[u8], offset: usize) -> Result<T, BufError> {
    let needed = offset
        .checked_add(size_of::<T>())
        .ok_or(BufError::Invalid(Invalid::Overflow))?;
    let tail = buf.get(offset..).ok_or(BufError::TooShort { needed })?;
    T::read_from_prefix(tail)
        .map(|(v, _)| v)
        .map_err(|_| BufError::TooShort { needed })
}

/// The `len` bytes at `offset` (e.g. config-space data at `BufferOffset`); `TooShort` with the
/// exact end if they do not fit, `Overflow` if `offset + len` overflows.
pub fn bytes_at(buf: &[u8], offset: usize, len: usize) -> Result<&[u8], BufError> {
    let end = offset
        .checked_add(len)
        .ok_or(BufError::Invalid(Invalid::Overflow))?;
    buf.get(offset..end).ok_or(BufError::TooShort { needed: end })
}

/// Mutable variant of [`bytes_at`], for method OIDs that return data in place.
pub fn bytes_at_mut(buf: &mut [u8], offset: usize, len: usize) -> Result<&mut [u8], BufError> {
    let end = offset
        .checked_add(len)
        .ok_or(BufError::Invalid(Invalid::Overflow))?;
    buf.get_mut(offset..end).ok_or(BufError::TooShort { needed: end })
}

/// Reads the NDIS_OBJECT_HEADER at the start of `buf`.
pub fn read_header(buf: &[u8]) -> Result<NDIS_OBJECT_HEADER, BufError> {
    read_at::<NDIS_OBJECT_HEADER>(buf, 0)
}

/// Reads and validates an NDIS structure at the start of `buf` (spec G1/G2): buffer holds a
/// header, `Type` matches, `Revision` is known, `NDIS_SIZEOF(revision) <= Size <= buf.len()`.
/// Only the revision's bytes are copied; newer fields stay zero.
pub fn read_object<T: NdisObject>(buf: &[u8]) -> Result<Payload<T>, BufError> {
    let min = usize::from(T::min_size());
    let header = read_header(buf).map_err(|_| BufError::TooShort { needed: min })?;
    if header.type_ != T::OBJECT_TYPE {
        return Err(BufError::Invalid(Invalid::ObjectType { found: header.type_ }));
    }
    let rev_size = T::size_of_revision(header.revision).ok_or(BufError::Invalid(Invalid::Revision {
        found: header.revision,
    }))?;
    if header.size < rev_size {
        return Err(BufError::Invalid(Invalid::HeaderSize {
            found: header.size,
            min: rev_size,
        }));
    }
    if buf.len() < usize::from(header.size) {
        return Err(BufError::TooShort {
            needed: usize::from(header.size),
        });
    }
    let take = usize::from(rev_size).min(size_of::<T>());
    let src = buf.get(..take).ok_or(BufError::TooShort { needed: take })?;
    let mut value = T::new_zeroed();
    let dst = value
        .as_mut_bytes()
        .get_mut(..take)
        .ok_or(BufError::Invalid(Invalid::Overflow))?;
    dst.copy_from_slice(src);
    Ok(Payload {
        value,
        revision: header.revision,
        size: header.size,
        revision_size: rev_size,
    })
}

/// Reads an NDIS structure the way a miniport consumes an OID input (spec G1/G2): only the
/// claimed revision's `NDIS_SIZEOF` bytes must be in `buf`, and `Header.Size` may exceed the
/// buffer (the miniport reads only the fields its revision defines; [`read_object`] is the strict
/// variant that also requires `Size <= buf.len()`). A buffer shorter than revision 1 is `TooShort`
/// with that size before its content is looked at; then `Type`, `Revision` and
/// `Size >= NDIS_SIZEOF(revision)` are checked (`Invalid`); then the revision's bytes must fit
/// (`TooShort` with that size). Newer fields stay zero.
pub fn read_revision<T: NdisObject>(buf: &[u8]) -> Result<Payload<T>, BufError> {
    let min = T::min_size();
    if buf.len() < usize::from(min) {
        return Err(BufError::TooShort {
            needed: usize::from(min),
        });
    }
    let header = read_header(buf)?;
    if header.type_ != T::OBJECT_TYPE {
        return Err(BufError::Invalid(Invalid::ObjectType { found: header.type_ }));
    }
    let rev_size = T::size_of_revision(header.revision).ok_or(BufError::Invalid(Invalid::Revision {
        found: header.revision,
    }))?;
    if header.size < rev_size {
        return Err(BufError::Invalid(Invalid::HeaderSize {
            found: header.size,
            min: rev_size,
        }));
    }
    let take = usize::from(rev_size).min(size_of::<T>());
    let src = buf.get(..take).ok_or(BufError::TooShort {
        needed: usize::from(rev_size),
    })?;
    let mut value = T::new_zeroed();
    let dst = value
        .as_mut_bytes()
        .get_mut(..take)
        .ok_or(BufError::Invalid(Invalid::Overflow))?;
    dst.copy_from_slice(src);
    Ok(Payload {
        value,
        revision: header.revision,
        size: header.size,
        revision_size: rev_size,
    })
}

/// `(FirstElementOffset, NumElements, ElementSize)` of an embedded array (spec G3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArrayDesc {
    /// Offset of element 0 from the start of the containing structure.
    pub first_element_offset: u32,
    /// Number of elements.
    pub num_elements: u32,
    /// Stride between elements (>= the element's revision-1 size; may be larger).
    pub element_size: u32,
}

impl ArrayDesc {
    /// Bytes the array needs: `offset + count * size` (0 when count is 0), `Overflow` if it
    /// does not fit in usize.
    pub fn end(&self) -> Result<usize, BufError> {
        if self.num_elements == 0 {
            return Ok(0);
        }
        let span = u64::from(self.num_elements)
            .checked_mul(u64::from(self.element_size))
            .and_then(|s| s.checked_add(u64::from(self.first_element_offset)))
            .ok_or(BufError::Invalid(Invalid::Overflow))?;
        usize::try_from(span).map_err(|_| BufError::Invalid(Invalid::Overflow))
    }
}

impl ArrayDesc {
    /// Byte offset of element `index` (`FirstElementOffset + index * ElementSize`), if `index` is
    /// below `NumElements` and the arithmetic fits; for writing results back in place (e.g. each
    /// element's `CompletionStatus` in OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE).
    pub fn element_offset(&self, index: u32) -> Option<usize> {
        if index >= self.num_elements {
            return None;
        }
        let off = u64::from(index)
            .checked_mul(u64::from(self.element_size))?
            .checked_add(u64::from(self.first_element_offset))?;
        usize::try_from(off).ok()
    }
}

/// Validates an array of `E` against `buf` (the whole information buffer, offsets measured from
/// its start) and returns an iterator over its elements. The offset is ignored when the count
/// is 0; `ElementSize` must be >= `E`'s revision-1 size; the array must fit in `buf`.
pub fn read_array<E: NdisObject>(buf: &[u8], desc: ArrayDesc) -> Result<ArrayIter<'_, E>, BufError> {
    if desc.num_elements == 0 {
        return Ok(ArrayIter {
            buf,
            pos: 0,
            remaining: 0,
            stride: 0,
            _e: PhantomData,
        });
    }
    let min = E::min_size();
    if desc.element_size < u32::from(min) {
        return Err(BufError::Invalid(Invalid::ElementSize {
            found: desc.element_size,
            min,
        }));
    }
    let end = desc.end()?;
    if end > buf.len() {
        return Err(BufError::TooShort { needed: end });
    }
    let pos = usize::try_from(desc.first_element_offset).map_err(|_| BufError::Invalid(Invalid::Overflow))?;
    let stride = usize::try_from(desc.element_size).map_err(|_| BufError::Invalid(Invalid::Overflow))?;
    Ok(ArrayIter {
        buf,
        pos,
        remaining: desc.num_elements,
        stride,
        _e: PhantomData,
    })
}

/// Iterator over array elements; each item is the element read with [`read_object`] from its
/// `ElementSize`-long slot (so its header Size may not exceed ElementSize).
#[derive(Clone, Debug)]
pub struct ArrayIter<'a, E> {
    buf: &'a [u8],
    pos: usize,
    remaining: u32,
    stride: usize,
    _e: PhantomData<E>,
}

impl<E> ArrayIter<'_, E> {
    /// Byte offset of the next element in the buffer.
    pub fn next_offset(&self) -> usize {
        self.pos
    }
}

impl<E: NdisObject> Iterator for ArrayIter<'_, E> {
    type Item = Result<Payload<E>, BufError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.remaining == 0 {
            return None;
        }
        self.remaining = self.remaining.saturating_sub(1);
        let start = self.pos;
        let Some(end) = start.checked_add(self.stride) else {
            self.remaining = 0;
            return Some(Err(BufError::Invalid(Invalid::Overflow)));
        };
        self.pos = end;
        match self.buf.get(start..end) {
            // An element claiming more bytes than its slot is malformed, not a short buffer.
            Some(slot) => Some(read_object::<E>(slot).map_err(|e| match e {
                BufError::TooShort { needed } => BufError::Invalid(Invalid::ElementHeaderSize {
                    size: needed,
                    element_size: self.stride,
                }),
                other => other,
            })),
            None => {
                self.remaining = 0;
                Some(Err(BufError::TooShort { needed: end }))
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = usize::try_from(self.remaining).unwrap_or(usize::MAX);
        (n, Some(n))
    }
}

/// Copies `bytes` into `out` at `offset`. Writes nothing unless all of it fits; on success
/// returns the end offset (`offset + bytes.len()`, the BytesWritten of a write at 0).
pub fn write_bytes(out: &mut [u8], offset: usize, bytes: &[u8]) -> Result<usize, BufError> {
    let end = offset
        .checked_add(bytes.len())
        .ok_or(BufError::Invalid(Invalid::Overflow))?;
    let dst = out
        .get_mut(offset..end)
        .ok_or(BufError::TooShort { needed: end })?;
    dst.copy_from_slice(bytes);
    Ok(end)
}

/// Writes `value`'s bytes into `out` at `offset` (all or nothing), returning the end offset.
pub fn write_at<T: IntoBytes + Immutable>(
    out: &mut [u8],
    offset: usize,
    value: &T,
) -> Result<usize, BufError> {
    write_bytes(out, offset, value.as_bytes())
}

/// Writes the first `size` bytes of an NDIS structure (its `NDIS_SIZEOF_*_REVISION_n`) at
/// `offset` (all or nothing), returning the end offset. `size` is clamped to `sizeof(T)`.
pub fn write_object<T: NdisObject>(
    out: &mut [u8],
    offset: usize,
    value: &T,
    size: u16,
) -> Result<usize, BufError> {
    let n = usize::from(size).min(size_of::<T>());
    let bytes = value
        .as_bytes()
        .get(..n)
        .ok_or(BufError::Invalid(Invalid::Overflow))?;
    write_bytes(out, offset, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::header::NDIS_OBJECT_TYPE_DEFAULT;
    use crate::vmq::*;

    fn free_params(rev: u8, size: u16, queue: u32) -> [u8; 12] {
        let mut v = NDIS_RECEIVE_QUEUE_FREE_PARAMETERS::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(NDIS_OBJECT_TYPE_DEFAULT, rev, size);
        v.queue_id = queue;
        let mut b = [0u8; 12];
        b.copy_from_slice(v.as_bytes());
        b
    }

    #[test]
    fn read_object_accepts_exact_rev1() {
        let b = free_params(1, 12, 7);
        let p = read_object::<NDIS_RECEIVE_QUEUE_FREE_PARAMETERS>(&b).unwrap();
        assert_eq!(
            (p.value.queue_id, p.revision, p.size, p.revision_size),
            (7, 1, 12, 12)
        );
    }

    #[test]
    fn short_buffer_is_invalid_length_with_exact_bytes_needed() {
        let b = free_params(1, 12, 7);
        let e = read_object::<NDIS_RECEIVE_QUEUE_FREE_PARAMETERS>(&b[..11]).unwrap_err();
        assert_eq!(e, BufError::TooShort { needed: 12 });
        assert_eq!((e.status(), e.bytes_needed()), (NDIS_STATUS_INVALID_LENGTH, 12));
        let e = read_object::<NDIS_RECEIVE_QUEUE_FREE_PARAMETERS>(&b[..2]).unwrap_err();
        assert_eq!(e.bytes_needed(), 12);
    }

    #[test]
    fn wrong_type_revision_or_small_size_is_invalid_parameter() {
        let mut b = free_params(1, 12, 7);
        b[0] = 0x81;
        let e = read_object::<NDIS_RECEIVE_QUEUE_FREE_PARAMETERS>(&b).unwrap_err();
        assert_eq!(e, BufError::Invalid(Invalid::ObjectType { found: 0x81 }));
        assert_eq!(e.status(), NDIS_STATUS_INVALID_PARAMETER);
        let b = free_params(2, 12, 7);
        assert_eq!(
            read_object::<NDIS_RECEIVE_QUEUE_FREE_PARAMETERS>(&b).unwrap_err(),
            BufError::Invalid(Invalid::Revision { found: 2 })
        );
        let b = free_params(1, 11, 7);
        assert_eq!(
            read_object::<NDIS_RECEIVE_QUEUE_FREE_PARAMETERS>(&b).unwrap_err(),
            BufError::Invalid(Invalid::HeaderSize { found: 11, min: 12 })
        );
    }

    #[test]
    fn header_size_larger_than_buffer_needs_header_size() {
        let b = free_params(1, 40, 7);
        assert_eq!(
            read_object::<NDIS_RECEIVE_QUEUE_FREE_PARAMETERS>(&b).unwrap_err(),
            BufError::TooShort { needed: 40 }
        );
    }

    #[test]
    fn oversized_buffer_and_misaligned_start_read_correctly() {
        let mut big = [0xEEu8; 64];
        big[1..13].copy_from_slice(&free_params(1, 12, 0x1234_5678));
        let p = read_object::<NDIS_RECEIVE_QUEUE_FREE_PARAMETERS>(&big[1..]).unwrap();
        assert_eq!(p.value.queue_id, 0x1234_5678);
    }

    #[test]
    fn newer_fields_stay_zero_for_older_revision() {
        // NDIS_RECEIVE_FILTER_PARAMETERS rev1 (36 bytes) followed by garbage where VPortId would be.
        let mut v = NDIS_RECEIVE_FILTER_PARAMETERS::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(NDIS_OBJECT_TYPE_DEFAULT, 1, 44);
        v.queue_id = 3;
        v.vport_id = 0xDEAD;
        let p = read_object::<NDIS_RECEIVE_FILTER_PARAMETERS>(v.as_bytes()).unwrap();
        assert_eq!((p.value.queue_id, p.value.vport_id, p.revision_size), (3, 0, 36));
    }

    #[test]
    fn read_revision_needs_only_the_revision_bytes_and_checks_length_first() {
        // Header.Size (40) beyond the 12-byte buffer: fine, the revision's 12 bytes are there.
        let b = free_params(1, 40, 7);
        let p = read_revision::<NDIS_RECEIVE_QUEUE_FREE_PARAMETERS>(&b).unwrap();
        assert_eq!((p.value.queue_id, p.size, p.revision_size), (7, 40, 12));
        assert_eq!(
            read_object::<NDIS_RECEIVE_QUEUE_FREE_PARAMETERS>(&b).unwrap_err(),
            BufError::TooShort { needed: 40 }
        );
        // Shorter than revision 1: INVALID_LENGTH even with a wrong Type.
        let mut bad = free_params(1, 12, 7);
        bad[0] = 0x81;
        assert_eq!(
            read_revision::<NDIS_RECEIVE_QUEUE_FREE_PARAMETERS>(&bad[..8]).unwrap_err(),
            BufError::TooShort { needed: 12 }
        );
        assert_eq!(
            read_revision::<NDIS_RECEIVE_QUEUE_FREE_PARAMETERS>(&bad).unwrap_err(),
            BufError::Invalid(Invalid::ObjectType { found: 0x81 })
        );
        let b = free_params(1, 11, 7);
        assert_eq!(
            read_revision::<NDIS_RECEIVE_QUEUE_FREE_PARAMETERS>(&b).unwrap_err(),
            BufError::Invalid(Invalid::HeaderSize { found: 11, min: 12 })
        );
        // Revision 2 of NDIS_RECEIVE_FILTER_PARAMETERS (44) in a 40-byte buffer needs 44; revision 1
        // (36) is read from the same bytes with VPortId left zero.
        let mut v = NDIS_RECEIVE_FILTER_PARAMETERS::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(NDIS_OBJECT_TYPE_DEFAULT, 2, 44);
        v.queue_id = 3;
        v.vport_id = 9;
        assert_eq!(
            read_revision::<NDIS_RECEIVE_FILTER_PARAMETERS>(&v.as_bytes()[..40]).unwrap_err(),
            BufError::TooShort { needed: 44 }
        );
        v.header = NDIS_OBJECT_HEADER::new(NDIS_OBJECT_TYPE_DEFAULT, 1, 44);
        let p = read_revision::<NDIS_RECEIVE_FILTER_PARAMETERS>(&v.as_bytes()[..40]).unwrap();
        assert_eq!(
            (p.value.queue_id, p.value.vport_id, p.revision, p.revision_size),
            (3, 0, 1, 36)
        );
    }

    fn alloc_complete_buffer(elements: &[(u32, u16)], stride: u32, offset: u32) -> [u8; 128] {
        let mut b = [0u8; 128];
        for (i, (queue, size)) in elements.iter().enumerate() {
            let mut e = NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS::zeroed();
            e.header = NDIS_OBJECT_HEADER::new(NDIS_OBJECT_TYPE_DEFAULT, 1, *size);
            e.queue_id = *queue;
            write_at(&mut b, offset as usize + i * stride as usize, &e).unwrap();
        }
        b
    }

    #[test]
    fn array_walks_by_element_size_not_sizeof() {
        let b = alloc_complete_buffer(&[(1, 16), (2, 16), (3, 16)], 24, 20);
        let d = ArrayDesc {
            first_element_offset: 20,
            num_elements: 3,
            element_size: 24,
        };
        let ids: [u32; 3] = {
            let mut it = read_array::<NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS>(&b, d).unwrap();
            [0, 0, 0].map(|_| it.next().unwrap().unwrap().value.queue_id)
        };
        assert_eq!(ids, [1, 2, 3]);
    }

    #[test]
    fn array_bounds_small_element_overflow_and_zero_count() {
        let b = alloc_complete_buffer(&[(1, 16)], 16, 20);
        let small = ArrayDesc {
            first_element_offset: 20,
            num_elements: 1,
            element_size: 15,
        };
        assert_eq!(
            read_array::<NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS>(&b, small).unwrap_err(),
            BufError::Invalid(Invalid::ElementSize { found: 15, min: 16 })
        );
        let past = ArrayDesc {
            first_element_offset: 120,
            num_elements: 1,
            element_size: 16,
        };
        assert_eq!(
            read_array::<NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS>(&b, past).unwrap_err(),
            BufError::TooShort { needed: 136 }
        );
        let huge = ArrayDesc {
            first_element_offset: u32::MAX,
            num_elements: u32::MAX,
            element_size: u32::MAX,
        };
        assert!(read_array::<NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS>(&b, huge).is_err());
        let none = ArrayDesc {
            first_element_offset: u32::MAX,
            num_elements: 0,
            element_size: 0,
        };
        assert_eq!(
            read_array::<NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS>(&b, none)
                .unwrap()
                .count(),
            0
        );
    }

    #[test]
    fn element_offset_indexes_by_stride_and_rejects_out_of_range() {
        let d = ArrayDesc {
            first_element_offset: 20,
            num_elements: 3,
            element_size: 24,
        };
        assert_eq!(
            (d.element_offset(0), d.element_offset(2), d.element_offset(3)),
            (Some(20), Some(68), None)
        );
        let mut b = alloc_complete_buffer(&[(1, 16), (2, 16)], 24, 20);
        let d = ArrayDesc {
            first_element_offset: 20,
            num_elements: 2,
            element_size: 24,
        };
        let off = d.element_offset(1).unwrap();
        let mut e = read_object::<NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS>(&b[off..])
            .unwrap()
            .value;
        e.completion_status = crate::status::NDIS_STATUS_RESOURCES;
        write_object(&mut b, off, &e, 16).unwrap();
        let mut it = read_array::<NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS>(&b, d).unwrap();
        assert_eq!(it.next().unwrap().unwrap().value.completion_status, 0);
        assert_eq!(
            it.next().unwrap().unwrap().value.completion_status,
            crate::status::NDIS_STATUS_RESOURCES
        );
    }

    #[test]
    fn array_element_larger_than_its_slot_is_invalid_parameter() {
        let b = alloc_complete_buffer(&[(1, 20)], 16, 20);
        let d = ArrayDesc {
            first_element_offset: 20,
            num_elements: 1,
            element_size: 16,
        };
        let mut it = read_array::<NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS>(&b, d).unwrap();
        let e = it.next().unwrap().unwrap_err();
        assert_eq!(
            e,
            BufError::Invalid(Invalid::ElementHeaderSize {
                size: 20,
                element_size: 16
            })
        );
        assert_eq!(e.status(), NDIS_STATUS_INVALID_PARAMETER);
    }

    #[test]
    fn array_element_with_bad_header_is_reported_per_element() {
        let b = alloc_complete_buffer(&[(1, 16), (2, 8)], 16, 20);
        let d = ArrayDesc {
            first_element_offset: 20,
            num_elements: 2,
            element_size: 16,
        };
        let mut it = read_array::<NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS>(&b, d).unwrap();
        assert_eq!(it.next().unwrap().unwrap().value.queue_id, 1);
        assert_eq!(
            it.next().unwrap().unwrap_err(),
            BufError::Invalid(Invalid::HeaderSize { found: 8, min: 16 })
        );
        assert!(it.next().is_none());
    }

    #[test]
    fn garbage_buffers_are_rejected_with_a_status() {
        let ff = [0xFFu8; 64];
        let e = read_object::<NDIS_RECEIVE_QUEUE_PARAMETERS>(&ff).unwrap_err();
        assert_eq!(e, BufError::Invalid(Invalid::ObjectType { found: 0xFF }));
        let mut hdr_ok_rev_bad = [0u8; 64];
        hdr_ok_rev_bad[0] = 0x80;
        hdr_ok_rev_bad[1] = 0xFF;
        let e = read_object::<NDIS_RECEIVE_QUEUE_PARAMETERS>(&hdr_ok_rev_bad).unwrap_err();
        assert_eq!(e, BufError::Invalid(Invalid::Revision { found: 0xFF }));
        let e = read_object::<NDIS_RECEIVE_QUEUE_PARAMETERS>(&[]).unwrap_err();
        assert_eq!((e.status(), e.bytes_needed()), (NDIS_STATUS_INVALID_LENGTH, 1084));
    }

    #[test]
    fn bytes_at_bounds_checks_offset_and_length() {
        let b = [1u8, 2, 3, 4, 5];
        assert_eq!(bytes_at(&b, 1, 3).unwrap(), &[2, 3, 4]);
        assert_eq!(bytes_at(&b, 5, 0).unwrap(), &[] as &[u8]);
        assert_eq!(bytes_at(&b, 3, 3).unwrap_err(), BufError::TooShort { needed: 6 });
        assert_eq!(
            bytes_at(&b, usize::MAX, 2).unwrap_err(),
            BufError::Invalid(Invalid::Overflow)
        );
        let mut m = [0u8; 4];
        bytes_at_mut(&mut m, 2, 2).unwrap().copy_from_slice(&[9, 9]);
        assert_eq!(m, [0, 0, 9, 9]);
        assert_eq!(bytes_at_mut(&mut m, 3, 2).unwrap_err().bytes_needed(), 5);
    }

    #[test]
    fn read_at_copies_from_misaligned_offsets() {
        let mut b = [0u8; 13];
        b[5..13].copy_from_slice(&0x1122_3344_5566_7788u64.to_le_bytes());
        assert_eq!(read_at::<u64>(&b, 5).unwrap(), 0x1122_3344_5566_7788);
        assert_eq!(
            read_at::<u64>(&b, 6).unwrap_err(),
            BufError::TooShort { needed: 14 }
        );
        assert_eq!(
            read_at::<u64>(&b, 40).unwrap_err(),
            BufError::TooShort { needed: 48 }
        );
    }

    #[test]
    fn writers_never_write_past_the_end_and_report_needed() {
        let mut out = [0xAAu8; 10];
        let v = NDIS_RECEIVE_QUEUE_FREE_PARAMETERS::with_latest_header();
        assert_eq!(
            write_at(&mut out, 0, &v).unwrap_err(),
            BufError::TooShort { needed: 12 }
        );
        assert_eq!(out, [0xAA; 10]);
        assert_eq!(write_bytes(&mut out, 8, &[1, 2]).unwrap(), 10);
        assert_eq!(
            write_bytes(&mut out, 9, &[1, 2]).unwrap_err(),
            BufError::TooShort { needed: 11 }
        );
        assert_eq!(
            write_bytes(&mut out, usize::MAX, &[1]).unwrap_err(),
            BufError::Invalid(Invalid::Overflow)
        );
        let mut out = [0u8; 40];
        let f = NDIS_RECEIVE_FILTER_PARAMETERS::with_latest_header();
        assert_eq!(
            write_object(&mut out, 2, &f, NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_1).unwrap(),
            38
        );
    }
}
