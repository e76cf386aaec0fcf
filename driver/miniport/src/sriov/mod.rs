//! The SR-IOV PF engine (spec section 2): NIC switch, vPorts, VFs, VF config space, the
//! backchannel store, VF reset and power.
//!
//! Layers, each testable alone:
//! - [`switch`]: the switch / vPort / VF / filter state machine (Rust types only);
//! - [`backchannel`]: the per-VF config-block store and svnic's block formats;
//! - [`mailbox`]: how a config-block transfer rides in 16-dword mailbox messages;
//! - [`caps`]: SR-IOV, NIC-switch and receive-filter capabilities consistent with the device;
//! - [`oids`]: the OID byte glue (header, length, offset and id validation; exact statuses);
//! - [`hw`]: the seam to the modeled device; the OS is reached only through [`crate::os::Os`].
//!
//! [`SriovPf`] owns the state; [`oid_rows`] is its part of the dispatch table. NDIS-handled OIDs
//! (capabilities, ENUM_SWITCHES / VPORTS / VFS, VF_PARAMETERS, PF_LUID, VF_SERIAL_NUMBER) are
//! answered by the host from the read-only view ([`SriovPf::switch`], [`SriovPf::caps`]).

pub mod abi;
pub mod attach;
pub mod backchannel;
pub mod bc_oid;
pub mod bytes;
pub mod caps;
pub mod cfgspace;
pub mod filter;
pub mod hw;
pub mod mailbox;
pub mod model_hw;
pub mod oids;
pub mod pf_vport_rx;
pub mod switch;

use crate::oid::{OidRow, RequestType};
use crate::os::Os;
use alloc::vec::Vec;
use backchannel::{LinkState, VfBlocks, VfInfo, Writer, BLOCK_LINK_STATE, BLOCK_VF_INFO};
use caps::NicSwitchCaps;
use hw::SriovHw;
use switch::{NicSwitch, VfId};

/// What a PF handler may touch: the OS (NdisMEnableVirtualization, NdisMInvalidateConfigBlock,
/// processor counts) and the device.
pub struct SriovEnv<'a> {
    pub os: &'a dyn Os,
    pub hw: &'a mut dyn SriovHw,
}

const M: RequestType = RequestType::Method;
const S: RequestType = RequestType::Set;
const Q: RequestType = RequestType::Query;

/// The PF's SR-IOV OIDs: (request type, OID, minimum buffer). Request types follow the per-OID
/// pages; OID_SRIOV_BAR_RESOURCES is a Method (its page) although the summary table says Set
/// (docs/sriov.md explains why).
static ALL_ROWS: [OidRow; 20] = [
    OidRow::new(
        M,
        abi::OID_NIC_SWITCH_CREATE_SWITCH,
        abi::switch_params::SIZE_REVISION_1 as u32,
    ),
    OidRow::new(
        S,
        abi::OID_NIC_SWITCH_DELETE_SWITCH,
        abi::delete_switch::SIZE_REVISION_1 as u32,
    ),
    OidRow::new(
        S,
        abi::OID_NIC_SWITCH_PARAMETERS,
        abi::switch_params::SIZE_REVISION_1 as u32,
    ),
    OidRow::new(
        M,
        abi::OID_NIC_SWITCH_CREATE_VPORT,
        abi::vport_params::SIZE_REVISION_1 as u32,
    ),
    OidRow::new(
        S,
        abi::OID_NIC_SWITCH_DELETE_VPORT,
        abi::delete_vport::SIZE_REVISION_1 as u32,
    ),
    OidRow::new(
        S,
        abi::OID_NIC_SWITCH_VPORT_PARAMETERS,
        abi::vport_params::SIZE_REVISION_1 as u32,
    ),
    OidRow::new(
        M,
        abi::OID_NIC_SWITCH_ALLOCATE_VF,
        abi::vf_params::SIZE_REVISION_1 as u32,
    ),
    OidRow::new(
        S,
        abi::OID_NIC_SWITCH_FREE_VF,
        abi::free_vf::SIZE_REVISION_1 as u32,
    ),
    OidRow::new(
        M,
        abi::OID_SRIOV_READ_VF_CONFIG_SPACE,
        abi::vf_xfer::SIZE_REVISION_1 as u32,
    ),
    OidRow::new(
        S,
        abi::OID_SRIOV_WRITE_VF_CONFIG_SPACE,
        abi::vf_xfer::SIZE_REVISION_1 as u32,
    ),
    OidRow::new(
        M,
        abi::OID_SRIOV_READ_VF_CONFIG_BLOCK,
        abi::vf_xfer::SIZE_REVISION_1 as u32,
    ),
    OidRow::new(
        S,
        abi::OID_SRIOV_WRITE_VF_CONFIG_BLOCK,
        abi::vf_xfer::SIZE_REVISION_1 as u32,
    ),
    OidRow::new(S, abi::OID_SRIOV_RESET_VF, abi::reset_vf::SIZE_REVISION_1 as u32),
    OidRow::new(
        S,
        abi::OID_SRIOV_SET_VF_POWER_STATE,
        abi::vf_power::SIZE_REVISION_1 as u32,
    ),
    OidRow::new(
        M,
        abi::OID_SRIOV_VF_VENDOR_DEVICE_ID,
        abi::vendor_device::SIZE_REVISION_1 as u32,
    ),
    OidRow::new(Q, abi::OID_SRIOV_PROBED_BARS, abi::probed_bars::TOTAL as u32),
    OidRow::new(
        M,
        abi::OID_SRIOV_BAR_RESOURCES,
        abi::bar_resources::SIZE_REVISION_1 as u32,
    ),
    OidRow::new(
        S,
        abi::OID_RECEIVE_FILTER_MOVE_FILTER,
        abi::move_filter::SIZE_REVISION_1 as u32,
    ),
    // SET_FILTER / CLEAR_FILTER: only in `attach::AdapterSriov::rows` for SR-IOV without VMQ.
    OidRow::new(
        M,
        abi::OID_RECEIVE_FILTER_SET_FILTER,
        abi::filter_params::SIZE_REVISION_1 as u32,
    ),
    OidRow::new(
        S,
        abi::OID_RECEIVE_FILTER_CLEAR_FILTER,
        abi::clear_filter::SIZE_REVISION_1 as u32,
    ),
];

/// Every PF-handled SR-IOV OID with its request type and minimum length. SET_FILTER and
/// CLEAR_FILTER are the VMQ table's rows; once a switch exists the dispatcher routes them to
/// [`SriovPf::handle_set_filter`] / [`SriovPf::handle_clear_filter`] (see docs/sriov.md).
pub fn oid_rows() -> &'static [OidRow] {
    ALL_ROWS.get(..18).unwrap_or(&[])
}

/// [`oid_rows`] plus SET_FILTER / CLEAR_FILTER (SR-IOV without VMQ).
pub(crate) fn oid_rows_with_filters() -> &'static [OidRow] {
    &ALL_ROWS
}

/// The PF engine.
pub struct SriovPf {
    caps: NicSwitchCaps,
    /// SR-IOV is the current interface (`*SRIOV` and the decision table): otherwise every OID is
    /// NOT_SUPPORTED.
    enabled: bool,
    /// VMQ is enabled together with SR-IOV (PF non-default vPorts replace VM queues).
    vmq_too: bool,
    switch: NicSwitch,
    blocks: Vec<VfBlocks>,
    /// NdisMEnableVirtualization(NumVFs, TRUE) succeeded and was not undone yet.
    virtualization_enabled: bool,
    link: LinkState,
    mtu: u32,
}

impl core::fmt::Debug for SriovPf {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SriovPf")
            .field("caps", &self.caps)
            .field("enabled", &self.enabled)
            .field("switch", &self.switch.info())
            .finish()
    }
}

impl SriovPf {
    /// A PF engine with these current capabilities. `enabled`: SR-IOV is the current interface.
    pub fn new(caps: NicSwitchCaps, enabled: bool, vmq_too: bool) -> Self {
        Self {
            switch: NicSwitch::new(caps.limits()),
            caps,
            enabled,
            vmq_too,
            blocks: Vec::new(),
            virtualization_enabled: false,
            link: LinkState {
                media_connect_state: 1,
                link_speed_bps: 10_000_000_000,
            },
            mtu: 1500,
        }
    }

    /// The current NIC-switch capabilities.
    pub fn caps(&self) -> &NicSwitchCaps {
        &self.caps
    }

    /// Whether SR-IOV is the enabled interface.
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Whether VMQ is on together with SR-IOV.
    pub fn vmq_too(&self) -> bool {
        self.vmq_too
    }

    /// Read-only view of the switch, vPorts, VFs and filters (what NDIS caches and answers
    /// ENUM_SWITCHES / ENUM_VPORTS / ENUM_VFS / VF_PARAMETERS / ENUM_FILTERS from).
    pub fn switch(&self) -> &NicSwitch {
        &self.switch
    }

    /// Whether a switch exists (then SET_FILTER / CLEAR_FILTER belong to this engine).
    pub fn switch_exists(&self) -> bool {
        self.switch.exists()
    }

    /// Whether NdisMEnableVirtualization(NumVFs, TRUE) is in effect.
    pub fn virtualization_enabled(&self) -> bool {
        self.virtualization_enabled
    }

    /// The PF's copy of VF `vf`'s blocks.
    pub fn vf_blocks(&self, vf: VfId) -> Option<&VfBlocks> {
        self.switch.vf(vf)?;
        self.blocks.get(usize::from(vf))
    }

    /// Read a block the VF wrote (VF_REQUEST, VF_DRIVER_INFO) or the PF's own.
    pub fn read_vf_block(&self, vf: VfId, block: u32, out: &mut [u8]) -> Option<u32> {
        self.vf_blocks(vf)?.read(block, out).ok()
    }

    fn vf_info(&self, vf: VfId) -> Option<VfInfo> {
        let v = self.switch.vf(vf)?;
        let (vport, qp, moderation) = match v.vport.and_then(|p| self.switch.vport(p)) {
            Some(p) => (p.id, p.queue_pairs, p.interrupt_moderation),
            None => (0, 0, 0),
        };
        let vlan = v
            .vport
            .and_then(|p| self.switch.filters_on(p).next())
            .map_or(0, |f| match f.vlan {
                switch::VlanMatch::Vid(id) => id,
                switch::VlanMatch::UntaggedOrZero => 0,
            });
        Some(VfInfo {
            vf_id: vf,
            flags: 1,
            current_mac: v.current_mac,
            permanent_mac: v.permanent_mac,
            vlan_id: vlan,
            vport_id: vport,
            num_queue_pairs: qp,
            mtu: self.mtu,
            interrupt_moderation: moderation,
        })
    }

    /// Rewrite VF `vf`'s VF_INFO block from the switch state and, when it changed, tell the VF
    /// (NdisMInvalidateConfigBlock with bit 0).
    fn refresh_vf_info(&mut self, env: &mut SriovEnv<'_>, vf: VfId) {
        let Some(info) = self.vf_info(vf) else { return };
        let bytes = info.encode();
        let Some(store) = self.blocks.get_mut(usize::from(vf)) else {
            return;
        };
        let mut old = [0u8; VfInfo::SIZE];
        let same = store.read(BLOCK_VF_INFO, &mut old).is_ok() && old == bytes;
        if !same && store.write(BLOCK_VF_INFO, &bytes, Writer::Pf).is_ok() {
            let _ = env.os.invalidate_vf_config_block(vf, 1u64 << BLOCK_VF_INFO);
        }
    }

    /// The link changed: update every allocated VF's LINK_STATE block and invalidate it.
    pub fn set_link_state(&mut self, env: &mut SriovEnv<'_>, link: LinkState) {
        self.link = link;
        let bytes = link.encode();
        let ids: Vec<VfId> = self.switch.vfs().map(|v| v.id).collect();
        for vf in ids {
            if let Some(store) = self.blocks.get_mut(usize::from(vf)) {
                if store.write(BLOCK_LINK_STATE, &bytes, Writer::Pf).is_ok() {
                    let _ = env.os.invalidate_vf_config_block(vf, 1u64 << BLOCK_LINK_STATE);
                }
            }
        }
    }

    fn init_vf_blocks(&mut self, vf: VfId) {
        let link = self.link.encode();
        let info = self.vf_info(vf).map(|i| i.encode());
        if let Some(store) = self.blocks.get_mut(usize::from(vf)) {
            *store = VfBlocks::default();
            if let Some(info) = info {
                let _ = store.write(BLOCK_VF_INFO, &info, Writer::Pf);
            }
            let _ = store.write(BLOCK_LINK_STATE, &link, Writer::Pf);
        }
    }

    /// MiniportHaltEx with a switch still present (NDIS normally tears it down first, spec 2.6):
    /// undo in the documented order — filters, non-default vPorts, VFs (FLR), switch — and
    /// disable virtualization.
    pub fn halt(&mut self, env: &mut SriovEnv<'_>) {
        if !self.switch.exists() {
            return;
        }
        let filters: Vec<_> = self.switch.filters().iter().map(|f| f.id).collect();
        for id in filters {
            env.hw.filter_remove(id);
            let _ = self.switch.clear_filter(id);
        }
        let vports: Vec<_> = self.switch.vports().filter(|v| v.id != 0).map(|v| v.id).collect();
        for id in vports {
            env.hw.vport_unbind(id);
            let _ = self.switch.delete_vport(id);
        }
        let vfs: Vec<_> = self.switch.vfs().map(|v| v.id).collect();
        for id in vfs {
            env.hw.vf_flr(id);
            let _ = self.switch.free_vf(id);
        }
        let _ = self.switch.delete();
        self.blocks = Vec::new();
        if self.virtualization_enabled {
            let _ = env.os.enable_virtualization(0, false);
            self.virtualization_enabled = false;
        }
    }
}
