//! PCI type-0 configuration space of one function (PCI Local Bus 3.0 ch. 6, PCIe 5.0 ch. 7),
//! emulated as a byte array plus a per-byte write mask: read-only registers ignore writes,
//! reserved space reads 0, accesses past 4 KiB read all-ones.
//!
//! BARs are 32-bit memory BARs; their write mask is the size mask, which gives the probe
//! semantics for free: write all-ones, read back `!(size - 1)` (plus the type bits).
//!
//! Capability list: MSI-X at 0x70 (table and PBA in BAR3), PCI Express at 0xA0 (endpoint, Function
//! Level Reset capable; writing Initiate FLR resets the function). The PF adds, in extended space,
//! ARI at 0x100 and SR-IOV at 0x160 ([`crate::sriov`]).
//!
//! VFs follow the SR-IOV spec (9.3.4): Vendor and Device ID read 0xFFFF (the OS takes the PF's
//! vendor id and the SR-IOV "VF Device ID"), Memory Space Enable and the BAR registers are
//! read-only zero (VF BARs are programmed in the PF's SR-IOV capability).

use svnic_abi::pci as abi;

use crate::config::DeviceConfig;

/// Offset of the MSI-X capability.
pub const MSIX_CAP: u16 = 0x70;
/// Offset of the PCI Express capability.
pub const PCIE_CAP: u16 = 0xA0;
/// PCIe Device Capabilities register.
pub const PCIE_DEVCAP: u16 = PCIE_CAP + 4;
/// PCIe Device Control register.
pub const PCIE_DEVCTL: u16 = PCIE_CAP + 8;
/// Device Capabilities: Function Level Reset capability.
pub const PCIE_DEVCAP_FLR: u32 = 1 << 28;
/// Device Control: Initiate Function Level Reset (write-only, reads 0).
pub const PCIE_DEVCTL_FLR: u16 = 1 << 15;
/// Offset of the ARI extended capability (PF only).
pub const ARI_CAP: u16 = 0x100;
/// Offset of the SR-IOV extended capability (PF only), as in QEMU igb.
pub const SRIOV_CAP: u16 = 0x160;
/// Offset of the MSI-X table and of the PBA inside BAR3.
pub const MSIX_TABLE_OFFSET: u32 = 0;
/// PBA offset inside BAR3.
pub const MSIX_PBA_OFFSET: u32 = 0x2000;

const HDR: usize = abi::PCI_CONFIG_SPACE_SIZE;

/// The first 256 bytes of one function's configuration space.
#[derive(Clone)]
pub(crate) struct ConfigHeader {
    regs: [u8; HDR],
    wmask: [u8; HDR],
}

/// Side effect of a configuration write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct CfgEffect {
    /// Initiate FLR was written.
    pub flr: bool,
}

impl ConfigHeader {
    fn put(&mut self, off: u16, bytes: &[u8], wmask: &[u8]) {
        let o = usize::from(off);
        let end = o.saturating_add(bytes.len());
        if let Some(r) = self.regs.get_mut(o..end) {
            r.copy_from_slice(bytes);
        }
        if let Some(w) = self.wmask.get_mut(o..end) {
            for (i, m) in w.iter_mut().enumerate() {
                *m = wmask.get(i).copied().unwrap_or(0);
            }
        }
    }

    fn put16(&mut self, off: u16, v: u16, wm: u16) {
        self.put(off, &v.to_le_bytes(), &wm.to_le_bytes());
    }

    fn put32(&mut self, off: u16, v: u32, wm: u32) {
        self.put(off, &v.to_le_bytes(), &wm.to_le_bytes());
    }

    fn common(cfg: &DeviceConfig, vendor: u16, device: u16, cmd_wmask: u16, msix_vectors: u16) -> Self {
        let mut h = ConfigHeader {
            regs: [0; HDR],
            wmask: [0; HDR],
        };
        h.put16(abi::PCI_VENDOR_ID, vendor, 0);
        h.put16(abi::PCI_DEVICE_ID, device, 0);
        h.put16(abi::PCI_COMMAND, 0, cmd_wmask);
        h.put16(abi::PCI_STATUS, abi::PCI_STATUS_CAPABILITIES_LIST, 0);
        h.put(abi::PCI_REVISION_ID, &[cfg.revision], &[0]);
        h.put(abi::PCI_SUB_CLASS, &[abi::PCI_SUBCLASS_NET_ETHERNET_CTLR], &[0]);
        h.put(abi::PCI_BASE_CLASS, &[abi::PCI_CLASS_NETWORK_CTLR], &[0]);
        h.put(abi::PCI_CACHE_LINE_SIZE, &[0], &[0xff]);
        h.put(abi::PCI_HEADER_TYPE, &[abi::PCI_DEVICE_TYPE], &[0]);
        h.put16(abi::PCI_SUBSYSTEM_VENDOR_ID, cfg.subsystem_id.0, 0);
        h.put16(abi::PCI_SUBSYSTEM_ID, cfg.subsystem_id.1, 0);
        h.put(abi::PCI_CAPABILITIES_PTR, &[MSIX_CAP as u8], &[0]);
        h.put(abi::PCI_INTERRUPT_LINE, &[0], &[0xff]);
        // MSI-X: table size N-1, Function Mask and MSI-X Enable writable; table/PBA in BAR3.
        h.put(MSIX_CAP, &[abi::PCI_CAPABILITY_ID_MSIX, PCIE_CAP as u8], &[0, 0]);
        h.put16(MSIX_CAP + 2, msix_vectors.saturating_sub(1) & 0x7ff, 0xc000);
        h.put32(MSIX_CAP + 4, MSIX_TABLE_OFFSET | 3, 0);
        h.put32(MSIX_CAP + 8, MSIX_PBA_OFFSET | 3, 0);
        // PCI Express v2 endpoint, FLR capable, 256-byte max payload.
        h.put(PCIE_CAP, &[abi::PCI_CAPABILITY_ID_PCI_EXPRESS, 0], &[0, 0]);
        h.put16(PCIE_CAP + 2, 0x0002, 0);
        h.put32(PCIE_DEVCAP, PCIE_DEVCAP_FLR | 1, 0);
        h.put16(PCIE_DEVCTL, 0x2810, 0x7fff);
        h
    }

    /// The PF header: ids, command (IO/MEM/BM/INTx-disable writable), BARs from the config.
    pub fn pf(cfg: &DeviceConfig) -> Self {
        let cmd =
            abi::PCI_ENABLE_MEMORY_SPACE | abi::PCI_ENABLE_BUS_MASTER | abi::PCI_DISABLE_LEVEL_INTERRUPT;
        let mut h = Self::common(
            cfg,
            cfg.vendor_id,
            cfg.device_id,
            cmd,
            cfg.layout().msix_vectors(crate::Function::Pf),
        );
        h.put(abi::PCI_INTERRUPT_PIN, &[1], &[0]);
        for (i, &size) in cfg.pf_bar_sizes.iter().enumerate() {
            let off = abi::PCI_BASE_ADDRESS_0.saturating_add((i as u16).saturating_mul(4));
            let wm = if size == 0 {
                0
            } else {
                !size.wrapping_sub(1) & abi::PCI_ADDRESS_MEMORY_ADDRESS_MASK
            };
            h.put32(off, 0, wm);
        }
        h
    }

    /// A VF header (SR-IOV 9.3.4): ids 0xFFFF, only Bus Master writable in Command, BARs RO 0.
    pub fn vf(cfg: &DeviceConfig) -> Self {
        let mut h = Self::common(
            cfg,
            abi::PCI_INVALID_VENDORID,
            0xffff,
            abi::PCI_ENABLE_BUS_MASTER,
            crate::config::VF_MSIX_VECTORS,
        );
        h.put(abi::PCI_INTERRUPT_LINE, &[0], &[0]);
        h
    }

    pub fn read(&self, offset: usize, out: &mut [u8]) {
        for (i, b) in out.iter_mut().enumerate() {
            let o = offset.saturating_add(i);
            *b = self.regs.get(o).copied().unwrap_or(0);
            // Initiate FLR always reads 0.
            if o == usize::from(PCIE_DEVCTL).saturating_add(1) {
                *b &= 0x7f;
            }
        }
    }

    pub fn write(&mut self, offset: usize, data: &[u8]) -> CfgEffect {
        let mut eff = CfgEffect::default();
        for (i, &v) in data.iter().enumerate() {
            let o = offset.saturating_add(i);
            if o == usize::from(PCIE_DEVCTL).saturating_add(1) && v & 0x80 != 0 {
                eff.flr = true;
            }
            if let (Some(r), Some(&m)) = (self.regs.get_mut(o), self.wmask.get(o)) {
                *r = (*r & !m) | (v & m);
            }
        }
        eff
    }
}
