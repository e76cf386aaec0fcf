//! The PF engine packaged for the adapter: what `adapter.rs` needs to put SR-IOV behind its
//! `(OidOwner::Sriov, ...)` table part, in four calls — [`AdapterSriov::new`] at
//! MiniportInitializeEx, [`AdapterSriov::rows`] for the table, [`AdapterSriov::handle`] for the
//! `OidOwner::Sriov` branch, [`AdapterSriov::halt`] in MiniportHaltEx.
//!
//! OIDs arrive one at a time per adapter, so the locks are never contended on the OID path; they
//! make the engine shareable with status and DPC paths.

use super::caps::{CapsInput, NicSwitchCaps};
use super::model_hw::ModelHw;
use super::{abi, SriovEnv, SriovPf};
use crate::oid::{OidOutcome, OidRequest, OidRow};
use crate::os::Os;
use alloc::sync::Arc;
use spin::Mutex;
use svnic_device::Device;

/// The PF engine plus its view of the device.
pub struct AdapterSriov {
    pf: Mutex<SriovPf>,
    hw: Mutex<ModelHw>,
}

impl core::fmt::Debug for AdapterSriov {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("AdapterSriov").finish_non_exhaustive()
    }
}

impl AdapterSriov {
    /// Build the engine over the adapter's PF `device`. `sriov` / `vmq`: the enabled interface
    /// (spec 1.12); `num_vfs_keyword`: NicSwitches\0\*NumVFs; `vlan_filtering`: *VMQVlanFiltering.
    /// Call before VF Enable (the VF BARs are probed here).
    pub fn new(
        device: Arc<Device>,
        sriov: bool,
        vmq: bool,
        num_vfs_keyword: Option<u32>,
        vlan_filtering: bool,
    ) -> Self {
        let cfg = device.config();
        let caps = NicSwitchCaps::from_input(&CapsInput {
            total_vfs: cfg.total_vfs,
            num_vfs_keyword,
            pf_queues: cfg.pf_queues,
            mac_filter_entries: u32::try_from(svnic_device::filters::MAX_FILTERS).unwrap_or(u32::MAX),
            vlan_filtering,
        });
        Self {
            pf: Mutex::new(SriovPf::new(caps, sriov, vmq)),
            hw: Mutex::new(ModelHw::new(device)),
        }
    }

    /// The rows for the adapter's `OidOwner::Sriov` part.
    pub fn rows(sriov: bool, vmq: bool) -> &'static [OidRow] {
        match (sriov, vmq) {
            (false, _) => &[],
            (true, true) => super::oid_rows(),
            (true, false) => super::oid_rows_with_filters(),
        }
    }

    /// The `OidOwner::Sriov` branch of the adapter's dispatcher.
    pub fn handle(&self, os: &dyn Os, req: &mut OidRequest<'_>) -> OidOutcome {
        let mut hw = self.hw.lock();
        let mut pf = self.pf.lock();
        let mut env = SriovEnv { os, hw: &mut *hw };
        match req.oid {
            abi::OID_RECEIVE_FILTER_SET_FILTER => pf.handle_set_filter(&mut env, req),
            abi::OID_RECEIVE_FILTER_CLEAR_FILTER => pf.handle_clear_filter(&mut env, req),
            _ => pf.handle_oid(&mut env, req),
        }
    }

    /// Whether vPort filters belong to SR-IOV now (a switch exists): the VMQ engine forwards
    /// SET_FILTER / CLEAR_FILTER here when this is true.
    pub fn owns_filters(&self) -> bool {
        self.pf.lock().switch_exists()
    }

    /// MiniportHaltEx: undo anything NDIS left behind, in the documented order.
    pub fn halt(&self, os: &dyn Os) {
        let mut hw = self.hw.lock();
        let mut env = SriovEnv { os, hw: &mut *hw };
        self.pf.lock().halt(&mut env);
    }

    /// Read-only access for the host's NDIS-handled answers and the control device.
    pub fn with_pf<R>(&self, f: impl FnOnce(&SriovPf) -> R) -> R {
        f(&self.pf.lock())
    }

    /// The device view (vPort <-> queue mapping for receive tagging).
    pub fn with_hw<R>(&self, f: impl FnOnce(&ModelHw) -> R) -> R {
        f(&self.hw.lock())
    }
}
