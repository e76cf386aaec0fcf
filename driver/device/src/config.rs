//! Construction parameters ([`DeviceConfig`]) and the fixed queue layout ([`QueueLayout`]).
//!
//! Queue (= pool) numbering, chosen once so every layer agrees:
//!
//! | queue index                     | pool                                   | function | vector |
//! |---------------------------------|----------------------------------------|----------|--------|
//! | 0                               | PF default pool (default queue)        | PF       | 1      |
//! | 1 ..= pf_queues                 | PF pools: VMQ queues or PF vPort queues| PF       | q + 1  |
//! | pf_queues + 1 + n               | VF `n` (its one queue pair)            | VF n     | 1      |
//!
//! Vector 0 of every function is its "misc" vector (mailbox, FLR, anti-spoof events).

use crate::types::{DeviceError, Function, MacAddr, QueueId};

/// Upper bound on queues (= pools) a device may have; bitsets of pools are sized for it.
pub const MAX_QUEUES: usize = 512;
/// Upper bound on TotalVFs.
pub const MAX_VFS: u16 = 256;
/// MSI-X vectors per VF: 0 = misc (mailbox), 1 = its queue pair.
pub const VF_MSIX_VECTORS: u16 = 2;
/// Largest frame the device moves (jumbo 9014 + VLAN tag, rounded up).
pub const MAX_FRAME: usize = 9216;

/// Everything [`crate::Device::new`] needs. `Default` gives a 32-VF, 64-VMQ-queue adapter.
#[derive(Clone, Debug)]
pub struct DeviceConfig {
    /// Permanent MAC address of the PF.
    pub pf_mac: MacAddr,
    /// SR-IOV TotalVFs (and InitialVFs). 0 disables the SR-IOV capability. At most [`MAX_VFS`].
    pub total_vfs: u16,
    /// PF queues besides the default queue; the miniport uses them as VMQ queues or PF vPort queues.
    pub pf_queues: u16,
    /// Receive descriptor ring length (power of two, 8..=32768).
    pub rx_ring_len: u16,
    /// Transmit descriptor ring length (power of two, 8..=32768).
    pub tx_ring_len: u16,
    /// PCI vendor id (PF; VFs report it through the PF, see [`crate::sriov`]).
    pub vendor_id: u16,
    /// PCI device id of the PF.
    pub device_id: u16,
    /// Device id of the VFs (SR-IOV capability "VF Device ID").
    pub vf_device_id: u16,
    /// Subsystem vendor/device ids written into both PF and VF headers.
    pub subsystem_id: (u16, u16),
    /// PCI revision id.
    pub revision: u8,
    /// Requester id (bus << 8 | devfn) of the PF.
    pub pf_rid: u16,
    /// SR-IOV First VF Offset.
    pub vf_offset: u16,
    /// SR-IOV VF Stride.
    pub vf_stride: u16,
    /// PF BAR sizes in bytes (32-bit memory BARs; 0 = not implemented; else power of two >= 16).
    pub pf_bar_sizes: [u32; 6],
    /// VF BAR sizes in bytes, programmed through the SR-IOV capability (power of two >= 4096 or 0).
    pub vf_bar_sizes: [u32; 6],
    /// Default maximum frame size of every pool (bytes, without FCS and without a VLAN tag).
    pub default_max_frame: u16,
}

impl Default for DeviceConfig {
    fn default() -> Self {
        DeviceConfig {
            pf_mac: [0x02, 0x53, 0x56, 0x00, 0x00, 0x01],
            total_vfs: 32,
            pf_queues: 64,
            rx_ring_len: 512,
            tx_ring_len: 512,
            vendor_id: 0x5356,
            device_id: 0x1000,
            vf_device_id: 0x1001,
            subsystem_id: (0x5356, 0x0001),
            revision: 1,
            pf_rid: 0x0100,
            vf_offset: 0x80,
            vf_stride: 2,
            pf_bar_sizes: [128 * 1024, 0, 0, 16 * 1024, 0, 0],
            vf_bar_sizes: [16 * 1024, 0, 0, 16 * 1024, 0, 0],
            default_max_frame: 1514,
        }
    }
}

fn bar_size_ok(size: u32, min: u32) -> bool {
    size == 0 || (size.is_power_of_two() && size >= min)
}

impl DeviceConfig {
    /// Check sizes and counts; [`crate::Device::new`] refuses an invalid configuration.
    pub fn validate(&self) -> Result<(), DeviceError> {
        let queues = 1usize
            .saturating_add(usize::from(self.pf_queues))
            .saturating_add(usize::from(self.total_vfs));
        let ring_ok = |n: u16| n.is_power_of_two() && (8..=32768).contains(&n);
        if queues > MAX_QUEUES
            || self.total_vfs > MAX_VFS
            || !ring_ok(self.rx_ring_len)
            || !ring_ok(self.tx_ring_len)
            || !self.pf_bar_sizes.iter().all(|&s| bar_size_ok(s, 16))
            || !self.vf_bar_sizes.iter().all(|&s| bar_size_ok(s, 4096))
            || crate::types::is_multicast(&self.pf_mac)
            || usize::from(self.default_max_frame) > MAX_FRAME.saturating_sub(4)
            || self.default_max_frame < 60
        {
            return Err(DeviceError::InvalidConfig);
        }
        if self.total_vfs > 0 {
            if self.vf_stride == 0 && self.total_vfs > 1 {
                return Err(DeviceError::InvalidConfig);
            }
            // Every VF requester id must fit in 16 bits (QEMU refuses to realize otherwise).
            let last = u32::from(self.total_vfs).saturating_sub(1);
            let rid = u32::from(self.pf_rid)
                .saturating_add(u32::from(self.vf_offset))
                .saturating_add(last.saturating_mul(u32::from(self.vf_stride)));
            if rid > 0xffff || self.vf_offset == 0 {
                return Err(DeviceError::InvalidConfig);
            }
        }
        Ok(())
    }

    /// The queue layout this configuration implies.
    pub fn layout(&self) -> QueueLayout {
        QueueLayout {
            pf_queues: self.pf_queues,
            total_vfs: self.total_vfs,
        }
    }
}

/// Maps queue indices to owners; see the module docs for the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueueLayout {
    /// PF queues besides the default queue.
    pub pf_queues: u16,
    /// TotalVFs.
    pub total_vfs: u16,
}

impl QueueLayout {
    /// Total number of queues (= pools).
    pub fn queue_count(&self) -> usize {
        1usize
            .saturating_add(usize::from(self.pf_queues))
            .saturating_add(usize::from(self.total_vfs))
    }

    /// PF queue `i` (1-based: 1..=pf_queues; 0 is the default queue).
    pub fn pf_queue(&self, i: u16) -> Option<QueueId> {
        (i <= self.pf_queues).then_some(QueueId(i))
    }

    /// The queue pair owned by VF `n`.
    pub fn vf_queue(&self, n: u16) -> Option<QueueId> {
        if n < self.total_vfs {
            self.pf_queues.checked_add(1)?.checked_add(n).map(QueueId)
        } else {
            None
        }
    }

    /// Which function owns queue `q`, or None if `q` does not exist.
    pub fn owner(&self, q: QueueId) -> Option<Function> {
        if q.0 <= self.pf_queues {
            Some(Function::Pf)
        } else {
            let n = q.0.checked_sub(self.pf_queues)?.checked_sub(1)?;
            (n < self.total_vfs).then_some(Function::Vf(n))
        }
    }

    /// The default MSI-X vector of queue `q` in its owner's table.
    pub fn default_vector(&self, q: QueueId) -> Option<u16> {
        match self.owner(q)? {
            Function::Pf => q.0.checked_add(1),
            Function::Vf(_) => Some(1),
        }
    }

    /// MSI-X table size of a function.
    pub fn msix_vectors(&self, f: Function) -> u16 {
        match f {
            Function::Pf => self.pf_queues.saturating_add(2),
            Function::Vf(_) => VF_MSIX_VECTORS,
        }
    }
}
