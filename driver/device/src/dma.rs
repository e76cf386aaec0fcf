//! The device's view of memory: regions the driver registers for a queue (the stand-in for a VM's
//! memory, or for NDIS shared memory allocated for a queue or vPort).
//!
//! The device "DMAs" by calling [`DmaRegion::write`]; it never holds a reference into the memory.
//! A descriptor names an offset inside the region registered for its queue, so a function can
//! only ever reach memory registered for one of its own queues (the IOMMU check is structural).

use alloc::vec;
use alloc::vec::Vec;

/// A block of memory the device may write received frames into and read frames to send from.
///
/// Implementations: the binding wraps NDIS shared memory (NdisAllocateSharedMemory), tests and
/// benchmarks use [`VecRegion`]-style heap buffers.
pub trait DmaRegion: Send + Sync {
    /// Length of the region in bytes.
    fn len(&self) -> usize;
    /// Whether the region is empty.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Copy `data` into the region at `offset`. Returns false (and writes nothing) if
    /// `offset + data.len()` exceeds the region.
    fn write(&self, offset: usize, data: &[u8]) -> bool;
    /// Copy from the region at `offset` into `out`. Returns false (and reads nothing) if out of bounds.
    fn read(&self, offset: usize, out: &mut [u8]) -> bool;

    /// [`DmaRegion::write`] issued by the function with PCI requester id `requester` (the DMA
    /// identity: a VF's queues write with the VF's RID). The default ignores the identity; an
    /// IOMMU-like region can check it.
    fn write_as(&self, requester: u16, offset: usize, data: &[u8]) -> bool {
        let _ = requester;
        self.write(offset, data)
    }

    /// [`DmaRegion::read`] issued by the function with PCI requester id `requester`.
    fn read_as(&self, requester: u16, offset: usize, out: &mut [u8]) -> bool {
        let _ = requester;
        self.read(offset, out)
    }
}

/// A heap-backed [`DmaRegion`] for tests, benchmarks and the simulator.
pub struct VecRegion {
    bytes: spin::Mutex<Vec<u8>>,
    len: usize,
}

impl VecRegion {
    /// A zero-filled region of `len` bytes (allocates; call at setup time).
    pub fn new(len: usize) -> Self {
        VecRegion {
            bytes: spin::Mutex::new(vec![0; len]),
            len,
        }
    }

    /// Copy of `len` bytes at `offset` (None if out of bounds). Test helper; allocates.
    pub fn to_vec(&self, offset: usize, len: usize) -> Option<Vec<u8>> {
        let end = offset.checked_add(len)?;
        self.bytes.lock().get(offset..end).map(|s| s.to_vec())
    }
}

impl core::fmt::Debug for VecRegion {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("VecRegion").field("len", &self.len).finish()
    }
}

impl DmaRegion for VecRegion {
    fn len(&self) -> usize {
        self.len
    }

    fn write(&self, offset: usize, data: &[u8]) -> bool {
        let Some(end) = offset.checked_add(data.len()) else {
            return false;
        };
        match self.bytes.lock().get_mut(offset..end) {
            Some(dst) => {
                dst.copy_from_slice(data);
                true
            }
            None => false,
        }
    }

    fn read(&self, offset: usize, out: &mut [u8]) -> bool {
        let Some(end) = offset.checked_add(out.len()) else {
            return false;
        };
        match self.bytes.lock().get(offset..end) {
            Some(src) => {
                out.copy_from_slice(src);
                true
            }
            None => false,
        }
    }
}
