//! The SR-IOV extended capability of the PF (PCIe 5.0 section 9.3.3), with QEMU
//! `hw/pci/pcie_sriov.c` semantics including the 2025 fix: VF Enable is refused while
//! NumVFs > TotalVFs.
//!
//! * TotalVFs = InitialVFs = the configured count; First VF Offset, VF Stride, VF Device ID are
//!   read-only.
//! * Control: VF Enable, VF MSE and ARI Capable Hierarchy are writable.
//! * NumVFs is writable only while VF Enable is clear.
//! * VF BAR0..5: size-masked like ordinary BARs (probe with all-ones); VF `i`'s BAR `n` address
//!   is `VF BARn + i * size`.
//! * VF `i`'s requester id is `PF RID + First VF Offset + i * VF Stride`.

use svnic_abi::pci as abi;

use crate::config::DeviceConfig;

const LEN: usize = abi::SRIOV_CAP_LENGTH as usize;

/// What a write to the capability changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct SriovEffect {
    /// VF Enable went 0 -> 1 (Some(true)) or 1 -> 0 (Some(false)).
    pub vf_enable: Option<bool>,
}

/// Emulated SR-IOV capability registers.
#[derive(Clone)]
pub(crate) struct SriovCap {
    regs: [u8; LEN],
    wmask: [u8; LEN],
    vf_bar_sizes: [u32; 6],
    total_vfs: u16,
}

impl SriovCap {
    pub fn new(cfg: &DeviceConfig) -> Self {
        let mut c = SriovCap {
            regs: [0; LEN],
            wmask: [0; LEN],
            vf_bar_sizes: cfg.vf_bar_sizes,
            total_vfs: cfg.total_vfs,
        };
        c.set32(
            abi::SRIOV_CAP_HEADER,
            abi::pcie_ext_cap_header(
                abi::PCI_EXPRESS_SINGLE_ROOT_IO_VIRTUALIZATION_CAP_ID,
                abi::PCI_EXPRESS_SRIOV_CAP_VERSION,
                0,
            ),
            0,
        );
        c.set32(abi::SRIOV_CAPABILITIES, 0, 0);
        let ctrl_wm =
            abi::SRIOV_CTRL_VF_ENABLE | abi::SRIOV_CTRL_VF_MSE | abi::SRIOV_CTRL_ARI_CAPABLE_HIERARCHY;
        c.set16(abi::SRIOV_CONTROL, 0, ctrl_wm);
        c.set16(abi::SRIOV_INITIAL_VFS, cfg.total_vfs, 0);
        c.set16(abi::SRIOV_TOTAL_VFS, cfg.total_vfs, 0);
        c.set16(abi::SRIOV_NUM_VFS, 0, 0xffff);
        c.set16(abi::SRIOV_FIRST_VF_OFFSET, cfg.vf_offset, 0);
        c.set16(abi::SRIOV_VF_STRIDE, cfg.vf_stride, 0);
        c.set16(abi::SRIOV_VF_DEVICE_ID, cfg.vf_device_id, 0);
        // 4K, 8K, 64K, 256K, 1M, 4M as QEMU advertises; System Page Size defaults to 4 KiB.
        c.set32(abi::SRIOV_SUPPORTED_PAGE_SIZES, 0x553, 0);
        c.set32(abi::SRIOV_SYSTEM_PAGE_SIZE, abi::SRIOV_PAGE_SIZE_4K, 0x553);
        for (i, &size) in cfg.vf_bar_sizes.iter().enumerate() {
            let wm = if size == 0 {
                0
            } else {
                !size.wrapping_sub(1) & abi::PCI_ADDRESS_MEMORY_ADDRESS_MASK
            };
            c.set32(
                abi::SRIOV_VF_BAR0.saturating_add((i as u16).saturating_mul(4)),
                0,
                wm,
            );
        }
        c
    }

    fn set(&mut self, off: u16, v: &[u8], wm: &[u8]) {
        let o = usize::from(off);
        let end = o.saturating_add(v.len());
        if let Some(r) = self.regs.get_mut(o..end) {
            r.copy_from_slice(v);
        }
        if let Some(w) = self.wmask.get_mut(o..end) {
            w.copy_from_slice(wm);
        }
    }

    fn set16(&mut self, off: u16, v: u16, wm: u16) {
        self.set(off, &v.to_le_bytes(), &wm.to_le_bytes());
    }

    fn set32(&mut self, off: u16, v: u32, wm: u32) {
        self.set(off, &v.to_le_bytes(), &wm.to_le_bytes());
    }

    fn get16(&self, off: u16) -> u16 {
        let o = usize::from(off);
        match self.regs.get(o..o.saturating_add(2)) {
            Some(&[a, b]) => u16::from_le_bytes([a, b]),
            _ => 0,
        }
    }

    fn get32(&self, off: u16) -> u32 {
        let o = usize::from(off);
        match self.regs.get(o..o.saturating_add(4)) {
            Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
            _ => 0,
        }
    }

    /// Read `out.len()` bytes at `offset` relative to the capability start.
    pub fn read(&self, offset: usize, out: &mut [u8]) {
        for (i, b) in out.iter_mut().enumerate() {
            *b = self.regs.get(offset.saturating_add(i)).copied().unwrap_or(0);
        }
    }

    /// Write bytes at `offset` relative to the capability start.
    pub fn write(&mut self, offset: usize, data: &[u8]) -> SriovEffect {
        let was_enabled = self.vf_enable();
        let old_num = self.num_vfs();
        for (i, &v) in data.iter().enumerate() {
            let o = offset.saturating_add(i);
            if let (Some(r), Some(&m)) = (self.regs.get_mut(o), self.wmask.get(o)) {
                *r = (*r & !m) | (v & m);
            }
        }
        if was_enabled {
            // NumVFs is read-only while VF Enable is set.
            self.set16(abi::SRIOV_NUM_VFS, old_num, 0xffff);
        }
        let mut eff = SriovEffect::default();
        let now = self.vf_enable();
        if now && !was_enabled {
            if self.num_vfs() > self.total_vfs {
                // Refused (CVE-2025-54566/54567 fix): VF Enable stays clear.
                let c = self.get16(abi::SRIOV_CONTROL) & !abi::SRIOV_CTRL_VF_ENABLE;
                self.regs_put16(abi::SRIOV_CONTROL, c);
            } else {
                eff.vf_enable = Some(true);
            }
        } else if !now && was_enabled {
            eff.vf_enable = Some(false);
        }
        eff
    }

    fn regs_put16(&mut self, off: u16, v: u16) {
        let o = usize::from(off);
        if let Some(r) = self.regs.get_mut(o..o.saturating_add(2)) {
            r.copy_from_slice(&v.to_le_bytes());
        }
    }

    /// VF Enable bit.
    pub fn vf_enable(&self) -> bool {
        self.get16(abi::SRIOV_CONTROL) & abi::SRIOV_CTRL_VF_ENABLE != 0
    }

    /// VF Memory Space Enable bit.
    pub fn vf_mse(&self) -> bool {
        self.get16(abi::SRIOV_CONTROL) & abi::SRIOV_CTRL_VF_MSE != 0
    }

    /// NumVFs register.
    pub fn num_vfs(&self) -> u16 {
        self.get16(abi::SRIOV_NUM_VFS)
    }

    /// Address of VF `vf`'s BAR `bar`, if that BAR exists and the address does not overflow.
    pub fn vf_bar_address(&self, vf: u16, bar: usize) -> Option<u64> {
        let size = *self.vf_bar_sizes.get(bar)?;
        if size == 0 {
            return None;
        }
        let off = abi::SRIOV_VF_BAR0.checked_add(u16::try_from(bar).ok()?.checked_mul(4)?)?;
        let base = u64::from(self.get32(off) & abi::PCI_ADDRESS_MEMORY_ADDRESS_MASK);
        base.checked_add(u64::from(vf).checked_mul(u64::from(size))?)
    }
}
