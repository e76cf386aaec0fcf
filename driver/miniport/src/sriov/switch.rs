//! The NIC switch as pure state (spec 2.3-2.5): one switch, its vPorts, the VFs and the receive
//! filters on vPorts. Rust-native types only; no OID bytes, no hardware, no OS. Every operation
//! validates completely before it changes anything, so a refused request leaves no trace.
//!
//! Rules encoded here:
//! - one switch (id 0, External); the default vPort 0 comes with it, is attached to the PF, is
//!   always Activated and is never deleted;
//! - at most one non-default vPort per VF; a VF vPort is Activated at creation and never
//!   deactivated; a PF vPort is created Deactivated and activated once by VPORT_PARAMETERS;
//! - attachment and queue pairs are immutable; queue-pair totals stay within the switch limits;
//! - a VF can be freed only when no vPort is attached; a vPort can be deleted only without filters;
//! - the switch can be deleted only when only the default vPort remains, without filters, and no
//!   VF is allocated (NDIS guarantees this order; the engine checks it anyway).

use super::bytes::Name;
use alloc::vec::Vec;

/// 0-based VF index (NDIS_SRIOV_FUNCTION_ID of a VF).
pub type VfId = u16;
/// NDIS_NIC_SWITCH_VPORT_ID.
pub type VPortId = u32;
/// NDIS_RECEIVE_FILTER_ID (assigned by NDIS, unique per adapter, never 0).
pub type FilterId = u32;
/// An Ethernet MAC address.
pub type Mac = [u8; 6];

/// The limits the switch enforces, from the capabilities the PF advertises (see `caps.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SwitchLimits {
    /// MaxNumVFs.
    pub max_vfs: u16,
    /// MaxNumVPorts, the default vPort included.
    pub max_vports: u32,
    /// MaxNumQueuePairs over all vPorts.
    pub max_queue_pairs: u32,
    /// MaxNumQueuePairsPerNonDefaultVPort (symmetric: every non-default vPort has exactly this).
    pub queue_pairs_per_vport: u32,
    /// MaxNumMacAddresses: MAC filters over all vPorts.
    pub max_mac_addresses: u32,
    /// Filters one vPort may hold.
    pub max_filters_per_vport: u32,
    /// Non-default vPorts the PF may create (the rest are reserved for VFs: no SINGLE_VPORT_POOL).
    pub max_pf_vports: u32,
    /// NDIS_NIC_SWITCH_CAPS_VLAN_SUPPORTED: MAC+VLAN filters on vPorts.
    pub vlan_supported: bool,
}

/// Why the switch refused an operation. The OID glue maps each to the status the spec lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SwitchError {
    /// No switch was created (or it was deleted).
    NoSwitch,
    /// CREATE_SWITCH while a switch exists.
    SwitchExists,
    /// SwitchId other than NDIS_DEFAULT_SWITCH_ID, or a type other than External.
    BadSwitch,
    /// NumVFs above MaxNumVFs, or queue pairs for the default vPort out of range.
    BadNumVfs,
    /// VFId not allocated (or out of range).
    UnknownVf,
    /// Every VF (up to the switch's NumVFs) is allocated.
    NoFreeVf,
    /// FREE_VF while a vPort is still attached.
    VfHasVPort,
    /// A second non-default vPort on one VF.
    VfAlreadyAttached,
    /// VPortId out of range, in use (create) or unknown (delete, parameters, filters).
    BadVPortId,
    /// An operation the default vPort never allows (delete, deactivate).
    DefaultVPort,
    /// DELETE_VPORT / DELETE_SWITCH while filters or vPorts remain.
    NotEmpty,
    /// Queue pairs other than the per-vPort value, or the switch total exceeded.
    QueuePairs,
    /// No non-default vPort left for this kind of function.
    NoFreeVPort,
    /// Initial state wrong for the function, or an Activated -> Deactivated change.
    BadState,
    /// A change (processor affinity) VF vPorts never accept.
    NotForVf,
    /// FilterId 0 or already used.
    BadFilterId,
    /// FilterId unknown, or not on the source vPort.
    UnknownFilter,
    /// MaxNumMacAddresses or the per-vPort filter limit reached.
    TooManyFilters,
    /// VLAN filter while VLAN filtering is not supported.
    VlanNotSupported,
}

/// Which function a vPort is attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attach {
    /// The PF (NDIS_PF_FUNCTION_ID).
    Pf,
    /// A VF.
    Vf(VfId),
}

/// NDIS_NIC_SWITCH_VPORT_STATE.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VPortState {
    Activated,
    Deactivated,
}

/// GROUP_AFFINITY of a PF vPort: exactly one processor.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Affinity {
    pub group: u16,
    pub mask: u64,
}

/// One vPort.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VPort {
    pub id: VPortId,
    pub attach: Attach,
    pub state: VPortState,
    pub queue_pairs: u32,
    /// NDIS_NIC_SWITCH_VPORT_INTERRUPT_MODERATION.
    pub interrupt_moderation: u32,
    pub affinity: Affinity,
    pub flags: u32,
    pub name: Name,
}

/// What CREATE_VPORT asks for (after byte-level validation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VPortRequest {
    pub id: VPortId,
    pub attach: Attach,
    pub state: VPortState,
    pub queue_pairs: u32,
    pub interrupt_moderation: u32,
    pub affinity: Affinity,
    pub flags: u32,
    pub name: Name,
}

/// A VPORT_PARAMETERS set: each `Some` member is a change (its *_CHANGED flag was set).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VPortChange {
    pub flags: Option<u32>,
    pub name: Option<Name>,
    pub interrupt_moderation: Option<u32>,
    pub state: Option<VPortState>,
    pub affinity: Option<Affinity>,
}

/// One allocated VF.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Vf {
    pub id: VfId,
    /// PCI requester id (NDIS_VF_RID).
    pub rid: u32,
    pub permanent_mac: Mac,
    pub current_mac: Mac,
    pub vm_name: Name,
    pub vm_friendly_name: Name,
    pub nic_name: Name,
    /// The non-default vPort attached to it, if any.
    pub vport: Option<VPortId>,
    /// NDIS_DEVICE_POWER_STATE last set (D0 = 1 after allocation).
    pub power_state: u32,
}

/// What ALLOCATE_VF asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VfRequest {
    pub permanent_mac: Mac,
    pub current_mac: Mac,
    pub vm_name: Name,
    pub vm_friendly_name: Name,
    pub nic_name: Name,
}

/// How a filter treats the 802.1Q tag (spec 1.2 VLAN rules).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VlanMatch {
    /// NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO: untagged or VID 0 only.
    UntaggedOrZero,
    /// MAC+VLAN: only frames tagged with this VID.
    Vid(u16),
}

/// A receive filter on a vPort (QueueId is always 0 with SR-IOV).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Filter {
    pub id: FilterId,
    pub vport: VPortId,
    pub mac: Mac,
    pub vlan: VlanMatch,
}

/// CREATE_SWITCH parameters as kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SwitchConfig {
    pub name: Name,
    pub num_vfs: u16,
    pub queue_pairs_default_vport: u32,
    pub flags: u32,
}

/// The switch with its vPorts, VFs and filters. Tables are sized at creation; nothing allocates
/// afterwards.
#[derive(Clone, Debug)]
pub struct NicSwitch {
    limits: SwitchLimits,
    config: Option<SwitchConfig>,
    vports: Vec<Option<VPort>>,
    vfs: Vec<Option<Vf>>,
    filters: Vec<Filter>,
}

impl NicSwitch {
    /// No switch yet; `limits` are the current NIC-switch capabilities.
    pub fn new(limits: SwitchLimits) -> Self {
        Self {
            limits,
            config: None,
            vports: Vec::new(),
            vfs: Vec::new(),
            filters: Vec::new(),
        }
    }

    pub fn limits(&self) -> &SwitchLimits {
        &self.limits
    }

    /// The switch parameters, if a switch exists.
    pub fn config(&self) -> Option<&SwitchConfig> {
        self.config.as_ref()
    }

    pub fn exists(&self) -> bool {
        self.config.is_some()
    }

    /// Check a CREATE_SWITCH without applying it.
    pub fn check_create(&self, cfg: &SwitchConfig) -> Result<(), SwitchError> {
        if self.config.is_some() {
            return Err(SwitchError::SwitchExists);
        }
        if cfg.num_vfs > self.limits.max_vfs {
            return Err(SwitchError::BadNumVfs);
        }
        // 6.30 gives the default vPort one queue pair; 6.60 may ask for more (0 = default 1).
        if cfg.queue_pairs_default_vport > 1 {
            return Err(SwitchError::BadNumVfs);
        }
        Ok(())
    }

    /// CREATE_SWITCH: the switch and its default vPort (id 0, PF, Activated, one queue pair).
    pub fn create(&mut self, cfg: SwitchConfig) -> Result<(), SwitchError> {
        self.check_create(&cfg)?;
        let nvports = usize::try_from(self.limits.max_vports).map_err(|_| SwitchError::BadNumVfs)?;
        let mut vports = Vec::new();
        vports.resize(nvports.max(1), None);
        if let Some(slot) = vports.first_mut() {
            *slot = Some(VPort {
                id: 0,
                attach: Attach::Pf,
                state: VPortState::Activated,
                queue_pairs: 1,
                interrupt_moderation: 0,
                affinity: Affinity::default(),
                flags: 0,
                name: Name::default(),
            });
        }
        let mut vfs = Vec::new();
        vfs.resize(usize::from(cfg.num_vfs), None);
        let mut filters = Vec::new();
        filters.reserve_exact(usize::try_from(self.limits.max_mac_addresses).unwrap_or(0));
        self.vports = vports;
        self.vfs = vfs;
        self.filters = filters;
        self.config = Some(SwitchConfig {
            queue_pairs_default_vport: 1,
            ..cfg
        });
        Ok(())
    }

    /// Check a DELETE_SWITCH without applying it.
    pub fn check_delete(&self) -> Result<(), SwitchError> {
        if self.config.is_none() {
            return Err(SwitchError::NoSwitch);
        }
        let extra_vports = self.vports.iter().skip(1).any(Option::is_some);
        let vfs = self.vfs.iter().any(Option::is_some);
        if extra_vports || vfs || !self.filters.is_empty() {
            return Err(SwitchError::NotEmpty);
        }
        Ok(())
    }

    /// DELETE_SWITCH.
    pub fn delete(&mut self) -> Result<(), SwitchError> {
        self.check_delete()?;
        self.config = None;
        self.vports = Vec::new();
        self.vfs = Vec::new();
        self.filters = Vec::new();
        Ok(())
    }

    /// NIC_SWITCH_PARAMETERS set with SWITCH_NAME_CHANGED.
    pub fn rename(&mut self, name: Name) -> Result<(), SwitchError> {
        let cfg = self.config.as_mut().ok_or(SwitchError::NoSwitch)?;
        cfg.name = name;
        Ok(())
    }

    // ---- VFs -------------------------------------------------------------------------------

    /// The VF with this id, if allocated.
    pub fn vf(&self, id: VfId) -> Option<&Vf> {
        self.vfs.get(usize::from(id))?.as_ref()
    }

    /// Allocated VFs in id order.
    pub fn vfs(&self) -> impl Iterator<Item = &Vf> {
        self.vfs.iter().flatten()
    }

    /// The VFId ALLOCATE_VF would give (lowest free), or why it fails.
    pub fn next_free_vf(&self) -> Result<VfId, SwitchError> {
        if self.config.is_none() {
            return Err(SwitchError::NoSwitch);
        }
        let idx = self
            .vfs
            .iter()
            .position(Option::is_none)
            .ok_or(SwitchError::NoFreeVf)?;
        VfId::try_from(idx).map_err(|_| SwitchError::NoFreeVf)
    }

    /// ALLOCATE_VF: take the lowest free VF; `rid` is its requester id.
    pub fn allocate_vf(&mut self, req: &VfRequest, rid: u32) -> Result<VfId, SwitchError> {
        let id = self.next_free_vf()?;
        let slot = self.vfs.get_mut(usize::from(id)).ok_or(SwitchError::NoFreeVf)?;
        *slot = Some(Vf {
            id,
            rid,
            permanent_mac: req.permanent_mac,
            current_mac: req.current_mac,
            vm_name: req.vm_name,
            vm_friendly_name: req.vm_friendly_name,
            nic_name: req.nic_name,
            vport: None,
            power_state: super::abi::vf_power::D0,
        });
        Ok(id)
    }

    /// Check a FREE_VF.
    pub fn check_free_vf(&self, id: VfId) -> Result<(), SwitchError> {
        let vf = self.vf(id).ok_or(SwitchError::UnknownVf)?;
        if vf.vport.is_some() {
            return Err(SwitchError::VfHasVPort);
        }
        Ok(())
    }

    /// FREE_VF.
    pub fn free_vf(&mut self, id: VfId) -> Result<(), SwitchError> {
        self.check_free_vf(id)?;
        if let Some(slot) = self.vfs.get_mut(usize::from(id)) {
            *slot = None;
        }
        Ok(())
    }

    /// Record a VF's power state (SET_VF_POWER_STATE).
    pub fn set_vf_power(&mut self, id: VfId, state: u32) -> Result<(), SwitchError> {
        let vf = self
            .vfs
            .get_mut(usize::from(id))
            .and_then(Option::as_mut)
            .ok_or(SwitchError::UnknownVf)?;
        vf.power_state = state;
        Ok(())
    }

    // ---- vPorts ----------------------------------------------------------------------------

    /// The vPort with this id, if it exists.
    pub fn vport(&self, id: VPortId) -> Option<&VPort> {
        self.vports.get(usize::try_from(id).ok()?)?.as_ref()
    }

    /// Existing vPorts in id order (the default vPort first).
    pub fn vports(&self) -> impl Iterator<Item = &VPort> {
        self.vports.iter().flatten()
    }

    fn pf_nondefault_vports(&self) -> u32 {
        let n = self
            .vports()
            .filter(|v| v.id != 0 && v.attach == Attach::Pf)
            .count();
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// Queue pairs in use over all vPorts.
    pub fn queue_pairs_in_use(&self) -> u32 {
        self.vports()
            .fold(0u32, |acc, v| acc.saturating_add(v.queue_pairs))
    }

    /// Check a CREATE_VPORT without applying it.
    pub fn check_create_vport(&self, req: &VPortRequest) -> Result<(), SwitchError> {
        if self.config.is_none() {
            return Err(SwitchError::NoSwitch);
        }
        if req.id == 0 || self.vport(req.id).is_some() {
            return Err(SwitchError::BadVPortId);
        }
        let idx = usize::try_from(req.id).map_err(|_| SwitchError::BadVPortId)?;
        if idx >= self.vports.len() {
            return Err(SwitchError::BadVPortId);
        }
        match req.attach {
            Attach::Vf(vf) => {
                let vf = self.vf(vf).ok_or(SwitchError::UnknownVf)?;
                if vf.vport.is_some() {
                    return Err(SwitchError::VfAlreadyAttached);
                }
                if req.state != VPortState::Activated {
                    return Err(SwitchError::BadState);
                }
            }
            Attach::Pf => {
                if req.state != VPortState::Deactivated {
                    return Err(SwitchError::BadState);
                }
                if self.pf_nondefault_vports() >= self.limits.max_pf_vports {
                    return Err(SwitchError::NoFreeVPort);
                }
            }
        }
        if req.queue_pairs != self.limits.queue_pairs_per_vport {
            return Err(SwitchError::QueuePairs);
        }
        let total = self.queue_pairs_in_use().saturating_add(req.queue_pairs);
        if total > self.limits.max_queue_pairs {
            return Err(SwitchError::QueuePairs);
        }
        Ok(())
    }

    /// CREATE_VPORT.
    pub fn create_vport(&mut self, req: &VPortRequest) -> Result<(), SwitchError> {
        self.check_create_vport(req)?;
        if let Attach::Vf(vf) = req.attach {
            if let Some(vf) = self.vfs.get_mut(usize::from(vf)).and_then(Option::as_mut) {
                vf.vport = Some(req.id);
            }
        }
        let slot = usize::try_from(req.id)
            .ok()
            .and_then(|i| self.vports.get_mut(i))
            .ok_or(SwitchError::BadVPortId)?;
        *slot = Some(VPort {
            id: req.id,
            attach: req.attach,
            state: req.state,
            queue_pairs: req.queue_pairs,
            interrupt_moderation: req.interrupt_moderation,
            affinity: match req.attach {
                Attach::Pf => req.affinity,
                Attach::Vf(_) => Affinity::default(),
            },
            flags: req.flags,
            name: req.name,
        });
        Ok(())
    }

    /// Check a VPORT_PARAMETERS set without applying it.
    pub fn check_change_vport(&self, id: VPortId, ch: &VPortChange) -> Result<(), SwitchError> {
        if self.config.is_none() {
            return Err(SwitchError::NoSwitch);
        }
        let vp = self.vport(id).ok_or(SwitchError::BadVPortId)?;
        if let Some(state) = ch.state {
            // Activated is final; Deactivated -> Activated is the only transition.
            if vp.state == VPortState::Activated && state == VPortState::Deactivated {
                return Err(if id == 0 {
                    SwitchError::DefaultVPort
                } else {
                    SwitchError::BadState
                });
            }
        }
        if ch.affinity.is_some() && matches!(vp.attach, Attach::Vf(_)) {
            return Err(SwitchError::NotForVf);
        }
        Ok(())
    }

    /// VPORT_PARAMETERS set. Returns true when the vPort went Deactivated -> Activated.
    pub fn change_vport(&mut self, id: VPortId, ch: &VPortChange) -> Result<bool, SwitchError> {
        self.check_change_vport(id, ch)?;
        let vp = usize::try_from(id)
            .ok()
            .and_then(|i| self.vports.get_mut(i))
            .and_then(Option::as_mut)
            .ok_or(SwitchError::BadVPortId)?;
        let mut activated = false;
        if let Some(f) = ch.flags {
            vp.flags = f;
        }
        if let Some(n) = ch.name {
            vp.name = n;
        }
        if let Some(m) = ch.interrupt_moderation {
            vp.interrupt_moderation = m;
        }
        if let Some(a) = ch.affinity {
            vp.affinity = a;
        }
        if let Some(s) = ch.state {
            activated = vp.state == VPortState::Deactivated && s == VPortState::Activated;
            vp.state = s;
        }
        Ok(activated)
    }

    /// Check a DELETE_VPORT.
    pub fn check_delete_vport(&self, id: VPortId) -> Result<(), SwitchError> {
        if self.config.is_none() {
            return Err(SwitchError::NoSwitch);
        }
        if id == 0 {
            return Err(SwitchError::DefaultVPort);
        }
        self.vport(id).ok_or(SwitchError::BadVPortId)?;
        if self.filters.iter().any(|f| f.vport == id) {
            return Err(SwitchError::NotEmpty);
        }
        Ok(())
    }

    /// DELETE_VPORT. Returns the deleted vPort.
    pub fn delete_vport(&mut self, id: VPortId) -> Result<VPort, SwitchError> {
        self.check_delete_vport(id)?;
        let vp = usize::try_from(id)
            .ok()
            .and_then(|i| self.vports.get_mut(i))
            .and_then(Option::take)
            .ok_or(SwitchError::BadVPortId)?;
        if let Attach::Vf(vf) = vp.attach {
            if let Some(vf) = self.vfs.get_mut(usize::from(vf)).and_then(Option::as_mut) {
                vf.vport = None;
            }
        }
        Ok(vp)
    }

    // ---- filters ---------------------------------------------------------------------------

    /// All filters, in the order they were set.
    pub fn filters(&self) -> &[Filter] {
        &self.filters
    }

    /// The filter with this id.
    pub fn filter(&self, id: FilterId) -> Option<&Filter> {
        self.filters.iter().find(|f| f.id == id)
    }

    /// Filters on one vPort.
    pub fn filters_on(&self, vport: VPortId) -> impl Iterator<Item = &Filter> {
        self.filters.iter().filter(move |f| f.vport == vport)
    }

    fn count_on(&self, vport: VPortId) -> u32 {
        u32::try_from(self.filters_on(vport).count()).unwrap_or(u32::MAX)
    }

    fn check_room(&self, vport: VPortId) -> Result<(), SwitchError> {
        if self.count_on(vport) >= self.limits.max_filters_per_vport {
            return Err(SwitchError::TooManyFilters);
        }
        Ok(())
    }

    /// Check a SET_FILTER on a vPort.
    pub fn check_set_filter(&self, f: &Filter) -> Result<(), SwitchError> {
        if self.config.is_none() {
            return Err(SwitchError::NoSwitch);
        }
        if f.id == 0 || self.filter(f.id).is_some() {
            return Err(SwitchError::BadFilterId);
        }
        self.vport(f.vport).ok_or(SwitchError::BadVPortId)?;
        if matches!(f.vlan, VlanMatch::Vid(_)) && !self.limits.vlan_supported {
            return Err(SwitchError::VlanNotSupported);
        }
        let total = u32::try_from(self.filters.len()).unwrap_or(u32::MAX);
        if total >= self.limits.max_mac_addresses {
            return Err(SwitchError::TooManyFilters);
        }
        self.check_room(f.vport)
    }

    /// SET_FILTER on a vPort.
    pub fn set_filter(&mut self, f: Filter) -> Result<(), SwitchError> {
        self.check_set_filter(&f)?;
        self.filters.push(f);
        Ok(())
    }

    /// CLEAR_FILTER. Returns the removed filter.
    pub fn clear_filter(&mut self, id: FilterId) -> Result<Filter, SwitchError> {
        if self.config.is_none() {
            return Err(SwitchError::NoSwitch);
        }
        let pos = self
            .filters
            .iter()
            .position(|f| f.id == id)
            .ok_or(SwitchError::UnknownFilter)?;
        Ok(self.filters.remove(pos))
    }

    /// Check a MOVE_FILTER from `src` to `dst`.
    pub fn check_move_filter(&self, id: FilterId, src: VPortId, dst: VPortId) -> Result<(), SwitchError> {
        if self.config.is_none() {
            return Err(SwitchError::NoSwitch);
        }
        let f = self.filter(id).ok_or(SwitchError::UnknownFilter)?;
        if f.vport != src {
            return Err(SwitchError::UnknownFilter);
        }
        if src == dst || self.vport(dst).is_none() {
            return Err(SwitchError::BadVPortId);
        }
        self.check_room(dst)
    }

    /// MOVE_FILTER: the filter changes vPort in one step. Returns the moved filter.
    pub fn move_filter(&mut self, id: FilterId, src: VPortId, dst: VPortId) -> Result<Filter, SwitchError> {
        self.check_move_filter(id, src, dst)?;
        let f = self
            .filters
            .iter_mut()
            .find(|f| f.id == id)
            .ok_or(SwitchError::UnknownFilter)?;
        f.vport = dst;
        Ok(*f)
    }

    // ---- counters (NDIS_NIC_SWITCH_INFO) ---------------------------------------------------

    /// The counters ENUM_SWITCHES reports.
    pub fn info(&self) -> Option<SwitchInfo> {
        let cfg = self.config.as_ref()?;
        let cnt = |it: usize| u32::try_from(it).unwrap_or(u32::MAX);
        let nondefault_qp = self
            .vports()
            .filter(|v| v.id != 0)
            .fold(0u32, |a, v| a.saturating_add(v.queue_pairs));
        let dflt = |f: &&Filter| f.vport == 0;
        let vlan = |f: &&Filter| matches!(f.vlan, VlanMatch::Vid(_));
        Some(SwitchInfo {
            switch_id: 0,
            name: cfg.name,
            num_vfs: u32::from(cfg.num_vfs),
            num_allocated_vfs: cnt(self.vfs().count()),
            num_vports: self.limits.max_vports,
            num_active_vports: cnt(self.vports().filter(|v| v.state == VPortState::Activated).count()),
            num_queue_pairs_for_default_vport: cfg.queue_pairs_default_vport,
            num_queue_pairs_for_nondefault_vports: nondefault_qp,
            num_active_default_vport_mac_addresses: cnt(self.filters.iter().filter(dflt).count()),
            num_active_nondefault_vport_mac_addresses: cnt(self
                .filters
                .iter()
                .filter(|f| f.vport != 0)
                .count()),
            num_active_default_vport_vlan_ids: cnt(self.filters.iter().filter(dflt).filter(vlan).count()),
            num_active_nondefault_vport_vlan_ids: cnt(self
                .filters
                .iter()
                .filter(|f| f.vport != 0)
                .filter(vlan)
                .count()),
        })
    }
}

/// NDIS_NIC_SWITCH_INFO as Rust values (ENUM_SWITCHES, Get-NetAdapterSriov).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SwitchInfo {
    pub switch_id: u32,
    pub name: Name,
    pub num_vfs: u32,
    pub num_allocated_vfs: u32,
    pub num_vports: u32,
    pub num_active_vports: u32,
    pub num_queue_pairs_for_default_vport: u32,
    pub num_queue_pairs_for_nondefault_vports: u32,
    pub num_active_default_vport_mac_addresses: u32,
    pub num_active_nondefault_vport_mac_addresses: u32,
    pub num_active_default_vport_vlan_ids: u32,
    pub num_active_nondefault_vport_vlan_ids: u32,
}
