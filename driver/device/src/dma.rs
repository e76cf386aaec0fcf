//! The device's view of memory: regions the driver registers for a queue (the stand-in for a VM's
//! memory, or for NDIS shared memory allocated for a queue or vPort).
//!
//! The device "DMAs" by calling [`DmaRegion::write`]; it never holds a reference into the memory.
//! A descriptor names an offset inside the region registered for its queue, so a function can
//! only ever reach memory registered for one of its own queues (the IOMMU check is structural).

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
}
