//! The hardware seam of the PF engine: what it needs from the modeled NIC's SR-IOV side.
//!
//! svnic-device implements it for the real model (`Device`): the SR-IOV capability, VF config
//! spaces and BARs, the classifier's vPort filters, anti-spoofing and VF FLR. Unit tests of the
//! engine implement it over a few arrays. On Windows the config-space methods map onto
//! NdisMGetVirtualFunctionBusData / NdisMSetVirtualFunctionBusData (spec 2.7).
//!
//! NumVFs and VF Enable are not here: NDIS writes them (NdisMEnableVirtualization, an `Os`
//! method), exactly as on Windows where the PCI bus driver owns the SR-IOV capability.

use super::switch::{Attach, FilterId, Mac, VPortId, VfId, VlanMatch};

/// A VF BAR as the host assigned it (CmResourceTypeMemory).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BarResource {
    pub start: u64,
    pub len: u32,
    pub prefetchable: bool,
}

/// A receive filter as the classifier holds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HwFilter {
    pub id: FilterId,
    pub vport: VPortId,
    pub mac: Mac,
    pub vlan: VlanMatch,
}

/// The hardware refused (table full, function absent). The engine fails the OID with RESOURCES.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HwError;

/// What the PF engine asks of the device.
pub trait SriovHw {
    /// TotalVFs of the PF's SR-IOV capability (0: no SR-IOV).
    fn total_vfs(&self) -> u16;

    /// NumVFs and VF Enable as the SR-IOV capability holds them now.
    fn vfs_enabled(&self) -> (u16, bool);

    /// Requester id of VF `vf` (PF RID + First VF Offset + vf * VF Stride); `None` when the VF
    /// does not exist (VF Enable clear or `vf >= NumVFs`).
    fn vf_rid(&self, vf: VfId) -> Option<u32>;

    /// The (vendor, device) ids a guest sees for a VF.
    fn vf_vendor_device(&self) -> (u16, u16);

    /// Read `out.len()` bytes of VF `vf`'s config space at `offset` (within 4 KiB). False when
    /// the VF does not exist.
    fn vf_config_read(&self, vf: VfId, offset: u16, out: &mut [u8]) -> bool;

    /// Write VF `vf`'s config space (the device applies its own write masks too).
    fn vf_config_write(&mut self, vf: VfId, offset: u16, data: &[u8]) -> bool;

    /// The six VF BAR values after the all-ones probe (SR-IOV capability VF BAR0..5 sizing).
    fn vf_probed_bars(&self) -> [u32; 6];

    /// VF `vf`'s BAR `bar` as assigned (`None` for an unimplemented BAR or absent VF).
    fn vf_bar(&self, vf: VfId, bar: u16) -> Option<BarResource>;

    /// Function-level reset of VF `vf` only: its queues stop, pending interrupts clear, its
    /// config space returns to reset values, its mailbox is reset. Nothing else changes.
    fn vf_flr(&mut self, vf: VfId);

    /// Put VF `vf` into device power state `d_state` (NDIS_DEVICE_POWER_STATE, 1 = D0 .. 4 = D3).
    fn vf_set_power(&mut self, vf: VfId, d_state: u32);

    /// Give vPort `vport` receive/transmit resources on `attach`'s function (a PF pool, or the
    /// VF's own queue pair). A vPort receives nothing until a filter names it.
    fn vport_bind(&mut self, vport: VPortId, attach: Attach) -> Result<(), HwError>;

    /// Release vPort `vport`'s resources; the device no longer delivers to it.
    fn vport_unbind(&mut self, vport: VPortId);

    /// Add a MAC(+VLAN) filter delivering to `f.vport`.
    fn filter_add(&mut self, f: &HwFilter) -> Result<(), HwError>;

    /// Remove filter `id`.
    fn filter_remove(&mut self, id: FilterId);

    /// Retarget filter `id` to `vport` in one step: every frame is delivered either to the old
    /// vPort or to the new one, never both, never neither.
    fn filter_move(&mut self, id: FilterId, vport: VPortId) -> Result<(), HwError>;

    /// Anti-spoofing for VF `vf`: frames it sends must carry source `mac` and, when `vlan` is
    /// `Some`, that VLAN (`Some(0)`: untagged only); anything else is dropped and counted.
    fn vf_antispoof(&mut self, vf: VfId, mac: Mac, vlan: Option<u16>);
}
