//! What the VMQ engine needs from the NIC: exact-match receive filters that steer to a queue or a
//! vPort, per-queue receive rings DMAing into memory registered for that queue, and one MSI-X
//! vector per queue with a target processor.
//!
//! A narrow trait rather than svnic-device's full API so the engine is testable with a few lines
//! of model code, and so the adapter can map it onto whatever the device crate exposes (an
//! `impl VmqDevice for svnic_device::Device` adapter lives with the wiring).

use crate::os::{ProcessorNumber, RxFrame, SharedMemory};

/// A 48-bit Ethernet address.
pub type MacAddr = [u8; 6];

/// The VLAN half of a VMQ filter (spec 1.2 SET_FILTER "VLAN rules").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FilterVlan {
    /// `NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO`: untagged or VID 0 only.
    UntaggedOrZero,
    /// A MAC + VLAN filter: only frames tagged with this VID (1..=4094); the tag is stripped into
    /// the NBL's 802.1Q info.
    Vid(u16),
}

/// Where a filter steers matching frames. VMQ filters target a queue (0 = the default queue);
/// SR-IOV PF vPort filters target a vPort.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RxTarget {
    Queue(u16),
    VPort(u16),
}

/// One exact-match filter: destination MAC AND the VLAN rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FilterSpec {
    pub mac: MacAddr,
    pub vlan: FilterVlan,
}

/// The NDIS_NET_BUFFER_LIST_8021Q_INFO value (TagHeader bit fields: UserPriority 0-2,
/// CanonicalFormatId 3, VlanId 4-15) for a stripped 802.1Q TCI (PCP 13-15, DEI 12, VID 0-11).
pub const fn ieee8021q_info(tci: u16) -> u32 {
    let tci = tci as u32;
    (tci >> 13) | (((tci >> 12) & 1) << 3) | ((tci & 0x0fff) << 4)
}

/// Device management failures the engine maps onto NDIS statuses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceError {
    /// The filter table or a queue resource is exhausted (NDIS_STATUS_RESOURCES).
    NoResources,
    /// The device rejected the arguments (NDIS_STATUS_INVALID_PARAMETER).
    Invalid,
}

/// The NIC as the VMQ engine drives it. Queue 0 is the default queue. Every method may be called
/// from any processor; per-queue methods (`poll_rx`, `rx_pending`, `repost_rx`) are called by at
/// most one caller per queue at a time (the engine's per-queue poll claim guarantees it).
pub trait VmqDevice: Send + Sync {
    /// Non-default receive queues the hardware has (hardware NumQueues).
    fn vmq_queue_count(&self) -> u16;
    /// Exact-match MAC(+VLAN) filter entries available to VMQ (hardware MaxMacHeaderFilters).
    fn vmq_filter_capacity(&self) -> u16;
    /// Program a filter; returns the device's handle for it.
    fn add_rx_filter(&self, spec: FilterSpec, target: RxTarget) -> Result<u32, DeviceError>;
    /// Remove a filter by handle. Frames it matched go to the default queue from now on.
    fn remove_rx_filter(&self, handle: u32);
    /// Point `queue`'s MSI-X vector at `processor` (affinity; takes effect for the next interrupt).
    fn set_rx_vector_target(&self, queue: u16, processor: ProcessorNumber);
    /// Register `memory` as `queue`'s DMA target laid out as `slots` buffers of `slot_len` bytes,
    /// post every slot, and enable receive DMA on the queue.
    fn start_rx(
        &self,
        queue: u16,
        memory: &SharedMemory,
        slot_len: u32,
        slots: u32,
    ) -> Result<(), DeviceError>;
    /// Stop receive DMA on `queue` and forget its memory: once this returns the device never
    /// writes the memory again and discards completions not yet polled.
    fn stop_rx(&self, queue: u16);
    /// Pop up to `out.len()` completed receives of `queue`, oldest first. A stripped tag is
    /// reported in `ieee8021q` as NDIS_NET_BUFFER_LIST_8021Q_INFO ([`ieee8021q_info`]).
    fn poll_rx(&self, queue: u16, out: &mut [RxFrame]) -> usize;
    /// Whether `queue` has completed receives not yet polled.
    fn rx_pending(&self, queue: u16) -> bool;
    /// Give slot `slot` back to `queue`'s ring.
    fn repost_rx(&self, queue: u16, slot: u32);
}
