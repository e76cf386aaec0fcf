//! The `Os` seam: everything svnic-miniport needs from the operating system, and nothing more.
//!
//! The binding implements it over NDIS and kernel functions (NdisAllocateSharedMemory,
//! KeInsertQueueDpc, NdisMIndicateReceiveNetBufferLists, NdisMIndicateStatusEx,
//! NdisMOidRequestComplete, NdisMEnableVirtualization, ...). Unit tests implement it in a few
//! lines. Methods may be called at DISPATCH_LEVEL from any processor unless stated.
//!
//! Extend this trait when a piece of logic needs the OS; keep every method a thin, documented
//! mapping onto one NDIS or kernel facility.

use crate::oid::{OidBytes, OidToken};
use svnic_abi::status::NdisStatus;

/// A processor as NDIS names it (PROCESSOR_NUMBER without the reserved byte).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProcessorNumber {
    pub group: u16,
    pub number: u8,
}

/// What the miniport logic asks of the operating system.
pub trait Os: Send + Sync {
    /// KeQueryActiveProcessorCountEx(group): processors present in `group` (0 if no such group).
    fn active_processor_count(&self, group: u16) -> u32;

    /// The processor the caller runs on (KeGetCurrentProcessorNumberEx).
    fn current_processor(&self) -> ProcessorNumber;

    /// A monotonic clock in microseconds.
    fn now_us(&self) -> u64;

    /// NdisMIndicateStatusEx with an NDIS_STATUS_INDICATION whose StatusBuffer is `payload`.
    fn indicate_status(&self, status: NdisStatus, payload: &[u8]);

    /// NdisMOidRequestComplete for a request the miniport returned PENDING for.
    fn complete_oid(&self, token: OidToken, status: NdisStatus, bytes: OidBytes);
}
