//! Small shared vocabulary: functions, queue and filter ids, MAC addresses, drop reasons, errors.

use core::fmt;

/// A PCI function of the adapter: the physical function or virtual function `n` (0-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Function {
    /// The physical function.
    Pf,
    /// Virtual function `n` (0-based, `n < TotalVFs`).
    Vf(u16),
}

/// A device queue index. Pool `n` owns exactly queue pair `n` (one receive ring, one transmit
/// ring, one MSI-X vector), so a `QueueId` also names a pool. See [`crate::config::QueueLayout`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct QueueId(pub u16);

impl QueueId {
    /// The default queue (queue 0, the PF default pool): unmatched unicast from the wire lands here.
    pub const DEFAULT: QueueId = QueueId(0);

    /// The index as a usize.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// Handle of one receive filter, returned by [`crate::Device::add_filter`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FilterId(pub u32);

/// A 48-bit Ethernet address.
pub type MacAddr = [u8; 6];

/// The broadcast address.
pub const BROADCAST: MacAddr = [0xff; 6];

/// Whether `mac` is a group (multicast or broadcast) address: I/G bit of the first octet.
pub fn is_multicast(mac: &MacAddr) -> bool {
    mac[0] & 1 == 1
}

/// The VLAN half of a filter key.
///
/// `UntaggedOrZero` is the NDIS VMQ rule for a filter without a VLAN id: it matches frames that
/// carry no 802.1Q tag and frames that are priority-tagged (VID 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VlanMatch {
    /// Untagged frames and frames tagged with VID 0.
    UntaggedOrZero,
    /// Frames tagged with this VID (1..=4094).
    Vid(u16),
}

impl VlanMatch {
    /// The VID this rule matches (0 for untagged-or-zero).
    pub fn vid(self) -> u16 {
        match self {
            VlanMatch::UntaggedOrZero => 0,
            VlanMatch::Vid(v) => v & 0x0fff,
        }
    }
}

/// Why a frame (or one replicated copy of it) was dropped. Every frame the device is offered is
/// either delivered or counted under exactly one of these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DropReason {
    /// The target receive queue had no free descriptor (or not enough for the frame).
    NoBuffer,
    /// No filter, default pool or accepting pool wanted the frame (or it was malformed).
    Filtered,
    /// Larger than the pool's maximum frame size (or the device's scratch buffer).
    Oversize,
    /// A VF transmitted with a source MAC or VLAN it does not own (anti-spoofing).
    Spoofed,
    /// Receive/transmit disabled on the pool or queue, function not enabled, or dropped by a reset.
    Disabled,
}

impl DropReason {
    /// Number of reasons (size of a [`crate::counters::DropCounts`] array).
    pub const COUNT: usize = 5;
    /// All reasons, in counter order.
    pub const ALL: [DropReason; 5] = [
        DropReason::NoBuffer,
        DropReason::Filtered,
        DropReason::Oversize,
        DropReason::Spoofed,
        DropReason::Disabled,
    ];

    /// Index into a per-reason counter array.
    pub fn index(self) -> usize {
        match self {
            DropReason::NoBuffer => 0,
            DropReason::Filtered => 1,
            DropReason::Oversize => 2,
            DropReason::Spoofed => 3,
            DropReason::Disabled => 4,
        }
    }
}

/// Errors of the management (non-data-path) API. Data-path problems are counted, never returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceError {
    /// The queue index does not exist in this device's layout.
    NoSuchQueue,
    /// The function does not exist (VF index >= TotalVFs).
    NoSuchFunction,
    /// The VF exists but VF Enable is clear or the VF index >= NumVFs.
    FunctionDisabled,
    /// The filter id is not in use.
    NoSuchFilter,
    /// An identical filter (same MAC, VLAN rule and target) already exists.
    FilterExists,
    /// The filter table is full.
    TableFull,
    /// A VLAN id outside 1..=4094 or another malformed argument.
    InvalidArgument,
    /// The MSI-X vector index is outside the function's table.
    NoSuchVector,
    /// The vector is already bound to another queue (NDIS: one MSI-X entry per queue, never shared).
    VectorInUse,
    /// The operation needs a receive/transmit region registered first.
    NoRegion,
    /// A descriptor ring has no room.
    RingFull,
    /// The mailbox is owned by the other side.
    MailboxBusy,
    /// The caller does not own the mailbox buffer.
    MailboxNotOwned,
    /// The configuration is inconsistent (sizes, counts, overflowing requester ids).
    InvalidConfig,
}

impl fmt::Display for DeviceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            DeviceError::NoSuchQueue => "no such queue",
            DeviceError::NoSuchFunction => "no such function",
            DeviceError::FunctionDisabled => "function not enabled",
            DeviceError::NoSuchFilter => "no such filter",
            DeviceError::FilterExists => "filter exists",
            DeviceError::TableFull => "filter table full",
            DeviceError::InvalidArgument => "invalid argument",
            DeviceError::NoSuchVector => "no such MSI-X vector",
            DeviceError::VectorInUse => "MSI-X vector already bound to another queue",
            DeviceError::NoRegion => "no DMA region registered",
            DeviceError::RingFull => "descriptor ring full",
            DeviceError::MailboxBusy => "mailbox owned by the other side",
            DeviceError::MailboxNotOwned => "mailbox not owned by caller",
            DeviceError::InvalidConfig => "invalid device configuration",
        };
        f.write_str(s)
    }
}
