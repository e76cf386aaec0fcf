//! OID byte glue of the PF engine: every request's header, lengths, offsets and ids are checked
//! here, then the state machine ([`super::switch`]), the store ([`super::backchannel`]), the
//! device ([`super::hw::SriovHw`]) and the OS are called in an order that leaves no trace when a
//! request is refused. Statuses follow spec 2.2; choices are in docs/sriov.md.
//!
//! Byte counts: Set -> BytesRead = bytes consumed. Method -> BytesRead = input consumed,
//! BytesWritten = output produced (0 when the method writes nothing back). INVALID_LENGTH always
//! comes with BytesNeeded.

use core::mem::offset_of;

use super::abi::{self, *};
use super::backchannel::{BlockError, Writer};
use super::bytes::Name;
use super::switch::{
    Affinity, Attach, Filter, SwitchConfig, SwitchError, VPortChange, VPortRequest, VPortState, VfRequest,
};
use super::{SriovEnv, SriovPf};
use crate::oid::{OidOutcome, OidRequest, RequestType};
use svnic_abi::buf::{self, write_at, write_object, Payload};
use svnic_abi::header::{NdisObject, GROUP_AFFINITY};
use svnic_abi::pci::{CM_PARTIAL_RESOURCE_DESCRIPTOR, PCI_TYPE0_ADDRESSES};
use svnic_abi::sriov::*;
use svnic_abi::status::*;
use svnic_abi::vmq::NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS;

/// The SR-IOV status for a switch refusal.
pub fn switch_status(e: SwitchError) -> NdisStatus {
    match e {
        SwitchError::NoFreeVf | SwitchError::NoFreeVPort | SwitchError::TooManyFilters => {
            NDIS_STATUS_RESOURCES
        }
        SwitchError::VlanNotSupported => NDIS_STATUS_NOT_SUPPORTED,
        _ => NDIS_STATUS_INVALID_PARAMETER,
    }
}

fn done(s: NdisStatus) -> OidOutcome {
    OidOutcome::Complete(s)
}

fn len32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// [`buf::read_revision`] with every refusal INVALID_PARAMETER. The two length cases were answered
/// before the handler ran: a buffer shorter than revision 1 by the dispatcher
/// ([`super::oid_rows`]), a buffer shorter than the revision its header claims by
/// [`claimed_revision_short`].
fn read<T: NdisObject>(b: &[u8]) -> Result<Payload<T>, NdisStatus> {
    buf::read_revision(b).map_err(|_| NDIS_STATUS_INVALID_PARAMETER)
}

/// BytesNeeded when the payload's header names a revision whose `NDIS_SIZEOF` is more than the
/// buffer holds (spec G2): INVALID_LENGTH with that size, the same answer the VMQ engine gives,
/// so a caller learns how much to send whichever engine handles the OID.
fn short_of_revision<T: NdisObject>(b: &[u8]) -> Option<u32> {
    match buf::read_revision::<T>(b) {
        Err(buf::BufError::TooShort { needed }) => Some(len32(needed)),
        _ => None,
    }
}

/// [`short_of_revision`] for the input structure of a PF OID (only structures with more than
/// one revision can be short here; the dispatcher already checked revision 1).
fn claimed_revision_short(req: &OidRequest<'_>) -> Option<u32> {
    let b = input(req);
    match (req.request_type, req.oid) {
        (RequestType::Method, OID_NIC_SWITCH_CREATE_SWITCH)
        | (RequestType::Set, OID_NIC_SWITCH_PARAMETERS) => short_of_revision::<NDIS_NIC_SWITCH_PARAMETERS>(b),
        (RequestType::Method, OID_NIC_SWITCH_CREATE_VPORT)
        | (RequestType::Set, OID_NIC_SWITCH_VPORT_PARAMETERS) => {
            short_of_revision::<NDIS_NIC_SWITCH_VPORT_PARAMETERS>(b)
        }
        (RequestType::Method, OID_RECEIVE_FILTER_SET_FILTER) => {
            short_of_revision::<svnic_abi::vmq::NDIS_RECEIVE_FILTER_PARAMETERS>(b)
        }
        _ => None,
    }
}

/// Answer a short claimed revision (see [`claimed_revision_short`]), or `None` to go on.
fn refuse_short_revision(req: &mut OidRequest<'_>) -> Option<OidOutcome> {
    let needed = claimed_revision_short(req)?;
    req.bytes_needed = needed;
    Some(done(NDIS_STATUS_INVALID_LENGTH))
}

/// `NDIS_SIZEOF` of the revision read: the BytesRead of a request.
fn read_len<T>(p: &Payload<T>) -> u32 {
    u32::from(p.revision_size)
}

/// Interrupt moderation values NDIS defines.
fn valid_moderation(m: u32) -> bool {
    matches!(m, 0 | 1 | 2 | 100 | 200 | 300)
}

impl SriovPf {
    /// Handle one PF SR-IOV OID (a row of [`super::oid_rows`]); the dispatcher already checked
    /// the request type and the minimum length.
    pub fn handle_oid(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> OidOutcome {
        req.bytes_read = 0;
        req.bytes_written = 0;
        req.bytes_needed = 0;
        if !self.enabled {
            return done(NDIS_STATUS_NOT_SUPPORTED);
        }
        if let Some(refused) = refuse_short_revision(req) {
            return refused;
        }
        let st = match (req.request_type, req.oid) {
            (RequestType::Method, OID_NIC_SWITCH_CREATE_SWITCH) => self.create_switch(env, req),
            (RequestType::Set, OID_NIC_SWITCH_DELETE_SWITCH) => self.delete_switch(env, req),
            (RequestType::Set, OID_NIC_SWITCH_PARAMETERS) => self.switch_parameters(req),
            (RequestType::Method, OID_NIC_SWITCH_CREATE_VPORT) => self.create_vport(env, req),
            (RequestType::Set, OID_NIC_SWITCH_DELETE_VPORT) => self.delete_vport(env, req),
            (RequestType::Set, OID_NIC_SWITCH_VPORT_PARAMETERS) => self.vport_parameters(env, req),
            (RequestType::Method, OID_NIC_SWITCH_ALLOCATE_VF) => self.allocate_vf(env, req),
            (RequestType::Set, OID_NIC_SWITCH_FREE_VF) => self.free_vf(req),
            (RequestType::Method, OID_SRIOV_READ_VF_CONFIG_SPACE) => self.read_config_space(env, req),
            (RequestType::Set, OID_SRIOV_WRITE_VF_CONFIG_SPACE) => self.write_config_space(env, req),
            (RequestType::Method, OID_SRIOV_READ_VF_CONFIG_BLOCK) => self.read_config_block(req),
            (RequestType::Set, OID_SRIOV_WRITE_VF_CONFIG_BLOCK) => self.write_config_block(req),
            (RequestType::Set, OID_SRIOV_RESET_VF) => self.reset_vf(env, req),
            (RequestType::Set, OID_SRIOV_SET_VF_POWER_STATE) => self.set_vf_power(env, req),
            (RequestType::Method, OID_SRIOV_VF_VENDOR_DEVICE_ID) => self.vendor_device(env, req),
            (RequestType::Query | RequestType::QueryStatistics, OID_SRIOV_PROBED_BARS) => {
                self.probed_bars(env, req)
            }
            (RequestType::Method, OID_SRIOV_BAR_RESOURCES) => self.bar_resources(env, req),
            (RequestType::Set, OID_RECEIVE_FILTER_MOVE_FILTER) => self.move_filter(env, req),
            _ => NDIS_STATUS_NOT_SUPPORTED,
        };
        done(st)
    }

    /// OID_RECEIVE_FILTER_SET_FILTER on a vPort (method; routed here once a switch exists).
    pub fn handle_set_filter(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> OidOutcome {
        req.bytes_read = 0;
        req.bytes_written = 0;
        req.bytes_needed = 0;
        if !self.enabled {
            return done(NDIS_STATUS_NOT_SUPPORTED);
        }
        if let Some(refused) = refuse_short_revision(req) {
            return refused;
        }
        let input = input(req);
        let sf = match super::filter::parse_set_filter(input) {
            Ok(f) => f,
            Err(s) => return done(s),
        };
        let f = Filter {
            id: sf.id,
            vport: sf.vport,
            mac: sf.mac,
            vlan: sf.vlan,
        };
        if let Err(e) = self.switch.check_set_filter(&f) {
            return done(switch_status(e));
        }
        let hwf = super::hw::HwFilter {
            id: f.id,
            vport: f.vport,
            mac: f.mac,
            vlan: f.vlan,
        };
        if env.hw.filter_add(&hwf).is_err() {
            return done(NDIS_STATUS_RESOURCES);
        }
        if let Err(e) = self.switch.set_filter(f) {
            env.hw.filter_remove(f.id);
            return done(switch_status(e));
        }
        self.after_filter_change(env, f.vport);
        req.bytes_read = len32(sf.bytes_read);
        done(NDIS_STATUS_SUCCESS)
    }

    /// OID_RECEIVE_FILTER_CLEAR_FILTER of a vPort filter (set).
    pub fn handle_clear_filter(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> OidOutcome {
        req.bytes_read = 0;
        req.bytes_written = 0;
        req.bytes_needed = 0;
        if !self.enabled {
            return done(NDIS_STATUS_NOT_SUPPORTED);
        }
        let id = match super::filter::parse_clear_filter(input(req)) {
            Ok(id) => id,
            Err(s) => return done(s),
        };
        let Some(vport) = self.switch.filter(id).map(|f| f.vport) else {
            return done(NDIS_STATUS_INVALID_PARAMETER);
        };
        env.hw.filter_remove(id);
        let _ = self.switch.clear_filter(id);
        self.after_filter_change(env, vport);
        req.bytes_read = len32(abi::clear_filter::SIZE_REVISION_1);
        done(NDIS_STATUS_SUCCESS)
    }

    /// A VF vPort's filters changed: keep anti-spoofing and VF_INFO in step.
    fn after_filter_change(&mut self, env: &mut SriovEnv<'_>, vport: u32) {
        let Some(Attach::Vf(vf)) = self.switch.vport(vport).map(|v| v.attach) else {
            return;
        };
        if let Some(f) = self.switch.filters_on(vport).next().copied() {
            let vlan = match f.vlan {
                super::switch::VlanMatch::Vid(v) => Some(v),
                super::switch::VlanMatch::UntaggedOrZero => Some(0),
            };
            env.hw.vf_antispoof(vf, f.mac, vlan);
        }
        self.refresh_vf_info(env, vf);
    }

    // ---- switch -----------------------------------------------------------------------------

    fn create_switch(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        let p = match read::<NDIS_NIC_SWITCH_PARAMETERS>(input(req)) {
            Ok(p) => p,
            Err(s) => return s,
        };
        let v = &p.value;
        let Some(name) = Name::from_counted(&v.switch_friendly_name) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        // Zero when the buffer is revision 1 (read_revision leaves newer fields zeroed).
        let qp_default = v.num_queue_pairs_for_default_vport;
        if v.switch_type != NDIS_NIC_SWITCH_TYPE_EXTERNAL || v.switch_id != NDIS_DEFAULT_SWITCH_ID {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        let Ok(num_vfs) = u16::try_from(v.num_vfs) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        let cfg = SwitchConfig {
            name,
            num_vfs,
            queue_pairs_default_vport: qp_default,
            flags: v.flags,
        };
        if let Err(e) = self.switch.check_create(&cfg) {
            return switch_status(e);
        }
        if num_vfs > env.hw.total_vfs() {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        if num_vfs > 0 {
            let st = env.os.enable_virtualization(num_vfs, true);
            if st != NDIS_STATUS_SUCCESS {
                return st;
            }
            self.virtualization_enabled = true;
        }
        if let Err(e) = self.switch.create(cfg) {
            return switch_status(e);
        }
        self.blocks = alloc::vec![super::backchannel::VfBlocks::default(); usize::from(num_vfs)];
        req.bytes_read = read_len(&p);
        NDIS_STATUS_SUCCESS
    }

    fn delete_switch(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        let p = match read::<NDIS_NIC_SWITCH_DELETE_SWITCH_PARAMETERS>(input(req)) {
            Ok(p) => p,
            Err(s) => return s,
        };
        if p.value.switch_id != NDIS_DEFAULT_SWITCH_ID {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        if let Err(e) = self.switch.delete() {
            return switch_status(e);
        }
        self.blocks = alloc::vec::Vec::new();
        if self.virtualization_enabled {
            let _ = env.os.enable_virtualization(0, false);
            self.virtualization_enabled = false;
        }
        req.bytes_read = read_len(&p);
        NDIS_STATUS_SUCCESS
    }

    fn switch_parameters(&mut self, req: &mut OidRequest<'_>) -> NdisStatus {
        let p = match read::<NDIS_NIC_SWITCH_PARAMETERS>(input(req)) {
            Ok(p) => p,
            Err(s) => return s,
        };
        let v = &p.value;
        if v.switch_id != NDIS_DEFAULT_SWITCH_ID || !self.switch.exists() {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        let flags = v.flags;
        let changed = NDIS_NIC_SWITCH_PARAMETERS_SWITCH_NAME_CHANGED;
        if flags & NDIS_NIC_SWITCH_PARAMETERS_CHANGE_MASK & !changed != 0 {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        if flags & changed != 0 {
            let Some(name) = Name::from_counted(&v.switch_friendly_name) else {
                return NDIS_STATUS_INVALID_PARAMETER;
            };
            if let Err(e) = self.switch.rename(name) {
                return switch_status(e);
            }
        }
        req.bytes_read = read_len(&p);
        NDIS_STATUS_SUCCESS
    }

    // ---- vPorts -----------------------------------------------------------------------------

    fn parse_affinity(env: &SriovEnv<'_>, a: &GROUP_AFFINITY) -> Option<Affinity> {
        let (mask, group) = (a.mask, a.group);
        if mask.count_ones() != 1 {
            return None;
        }
        if mask.trailing_zeros() >= env.os.active_processor_count(group) {
            return None;
        }
        Some(Affinity { group, mask })
    }

    fn vport_state(state: u32) -> Option<VPortState> {
        match state {
            abi::vport_params::STATE_ACTIVATED => Some(VPortState::Activated),
            abi::vport_params::STATE_DEACTIVATED => Some(VPortState::Deactivated),
            _ => None,
        }
    }

    fn create_vport(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        let p = match read::<NDIS_NIC_SWITCH_VPORT_PARAMETERS>(input(req)) {
            Ok(p) => p,
            Err(s) => return s,
        };
        let v = &p.value;
        if v.switch_id != NDIS_DEFAULT_SWITCH_ID {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        // Zero when the buffer is revision 1.
        if v.qos_sq_id != 0 {
            return NDIS_STATUS_NOT_SUPPORTED;
        }
        let Some(name) = Name::from_counted(&v.vport_name) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        let moderation = v.interrupt_moderation;
        if !valid_moderation(moderation) || v.lookahead_size != 0 {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        let Some(state) = Self::vport_state(v.vport_state) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        let attach = match v.attached_function_id {
            NDIS_PF_FUNCTION_ID => Attach::Pf,
            vf => Attach::Vf(vf),
        };
        let affinity = match attach {
            Attach::Pf => match Self::parse_affinity(env, &v.processor_affinity) {
                Some(a) => a,
                None => return NDIS_STATUS_INVALID_PARAMETER,
            },
            // ProcessorAffinity is a PF-vPort member; a VF's interrupts belong to the guest.
            Attach::Vf(_) => Affinity::default(),
        };
        let vr = VPortRequest {
            id: v.vport_id,
            attach,
            state,
            queue_pairs: v.num_queue_pairs,
            interrupt_moderation: moderation,
            affinity,
            flags: v.flags,
            name,
        };
        if let Err(e) = self.switch.check_create_vport(&vr) {
            return switch_status(e);
        }
        if env.hw.vport_bind(vr.id, attach).is_err() {
            return NDIS_STATUS_RESOURCES;
        }
        if let Err(e) = self.switch.create_vport(&vr) {
            env.hw.vport_unbind(vr.id);
            return switch_status(e);
        }
        if let Attach::Vf(vf) = attach {
            if let Some(v) = self.switch.vf(vf) {
                env.hw.vf_antispoof(vf, v.current_mac, None);
            }
            self.refresh_vf_info(env, vf);
        }
        req.bytes_read = read_len(&p);
        NDIS_STATUS_SUCCESS
    }

    fn delete_vport(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        let p = match read::<NDIS_NIC_SWITCH_DELETE_VPORT_PARAMETERS>(input(req)) {
            Ok(p) => p,
            Err(s) => return s,
        };
        let id = p.value.vport_id;
        if let Err(e) = self.switch.check_delete_vport(id) {
            return switch_status(e);
        }
        env.hw.vport_unbind(id);
        match self.switch.delete_vport(id) {
            Ok(vp) => {
                if let Attach::Vf(vf) = vp.attach {
                    self.refresh_vf_info(env, vf);
                }
            }
            Err(e) => return switch_status(e),
        }
        req.bytes_read = read_len(&p);
        NDIS_STATUS_SUCCESS
    }

    fn vport_parameters(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        let p = match read::<NDIS_NIC_SWITCH_VPORT_PARAMETERS>(input(req)) {
            Ok(p) => p,
            Err(s) => return s,
        };
        let v = &p.value;
        if v.switch_id != NDIS_DEFAULT_SWITCH_ID {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        let flags = v.flags;
        let supported = NDIS_NIC_SWITCH_VPORT_PARAMS_FLAGS_CHANGED
            | NDIS_NIC_SWITCH_VPORT_PARAMS_NAME_CHANGED
            | NDIS_NIC_SWITCH_VPORT_PARAMS_INT_MOD_CHANGED
            | NDIS_NIC_SWITCH_VPORT_PARAMS_STATE_CHANGED
            | NDIS_NIC_SWITCH_VPORT_PARAMS_PROCESSOR_AFFINITY_CHANGED;
        let change_mask = NDIS_NIC_SWITCH_VPORT_PARAMS_CHANGE_MASK;
        if flags & change_mask & !supported != 0 {
            // NDK parameters, QoS SQ id and queue-pair changes (VMMQ) are not offered.
            return NDIS_STATUS_NOT_SUPPORTED;
        }
        let mut ch = VPortChange::default();
        if flags & NDIS_NIC_SWITCH_VPORT_PARAMS_FLAGS_CHANGED != 0 {
            ch.flags = Some(flags & !change_mask);
        }
        if flags & NDIS_NIC_SWITCH_VPORT_PARAMS_NAME_CHANGED != 0 {
            match Name::from_counted(&v.vport_name) {
                Some(n) => ch.name = Some(n),
                None => return NDIS_STATUS_INVALID_PARAMETER,
            }
        }
        if flags & NDIS_NIC_SWITCH_VPORT_PARAMS_INT_MOD_CHANGED != 0 {
            let m = v.interrupt_moderation;
            if !valid_moderation(m) {
                return NDIS_STATUS_INVALID_PARAMETER;
            }
            ch.interrupt_moderation = Some(m);
        }
        if flags & NDIS_NIC_SWITCH_VPORT_PARAMS_STATE_CHANGED != 0 {
            let Some(state) = Self::vport_state(v.vport_state) else {
                return NDIS_STATUS_INVALID_PARAMETER;
            };
            ch.state = Some(state);
        }
        let id = v.vport_id;
        if flags & NDIS_NIC_SWITCH_VPORT_PARAMS_PROCESSOR_AFFINITY_CHANGED != 0 {
            let is_vf = matches!(self.switch.vport(id).map(|v| v.attach), Some(Attach::Vf(_)));
            if is_vf {
                return NDIS_STATUS_INVALID_PARAMETER;
            }
            match Self::parse_affinity(env, &v.processor_affinity) {
                Some(a) => ch.affinity = Some(a),
                None => return NDIS_STATUS_INVALID_PARAMETER,
            }
        }
        match self.switch.change_vport(id, &ch) {
            Ok(_) => {}
            Err(e) => return switch_status(e),
        }
        if let Some(Attach::Vf(vf)) = self.switch.vport(id).map(|v| v.attach) {
            self.refresh_vf_info(env, vf);
        }
        req.bytes_read = read_len(&p);
        NDIS_STATUS_SUCCESS
    }

    // ---- VFs --------------------------------------------------------------------------------

    fn allocate_vf(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        let size = {
            let p = match read::<NDIS_NIC_SWITCH_VF_PARAMETERS>(input(req)) {
                Ok(p) => p,
                Err(s) => return s,
            };
            let v = &p.value;
            if v.switch_id != NDIS_DEFAULT_SWITCH_ID
                || v.vf_id != NDIS_INVALID_VF_FUNCTION_ID
                || v.requestor_id != NDIS_INVALID_RID
                || v.mac_address_length != 6
            {
                return NDIS_STATUS_INVALID_PARAMETER;
            }
            let mac =
                |a: &[u8; NDIS_MAX_PHYS_ADDRESS_LENGTH]| -> Option<[u8; 6]> { a.get(..6)?.try_into().ok() };
            let (Some(vm_name), Some(vm_friendly_name), Some(nic_name), Some(pm), Some(cm)) = (
                Name::from_counted(&v.vm_name),
                Name::from_counted(&v.vm_friendly_name),
                Name::from_counted(&v.nic_name),
                mac(&v.permanent_mac_address),
                mac(&v.current_mac_address),
            ) else {
                return NDIS_STATUS_INVALID_PARAMETER;
            };
            if cm[0] & 1 != 0 {
                return NDIS_STATUS_INVALID_PARAMETER;
            }
            let vr = VfRequest {
                permanent_mac: pm,
                current_mac: cm,
                vm_name,
                vm_friendly_name,
                nic_name,
            };
            let vf = match self.switch.next_free_vf() {
                Ok(v) => v,
                Err(e) => return switch_status(e),
            };
            let Some(rid) = env.hw.vf_rid(vf) else {
                return NDIS_STATUS_FAILURE;
            };
            match self.switch.allocate_vf(&vr, rid) {
                Ok(got) if got == vf => {}
                Ok(_) | Err(_) => return NDIS_STATUS_FAILURE,
            }
            self.init_vf_blocks(vf);
            env.hw.vf_antispoof(vf, cm, None);
            (read_len(&p), vf, rid)
        };
        let (size, vf, rid) = size;
        type T = NDIS_NIC_SWITCH_VF_PARAMETERS;
        if write_at(req.buffer, offset_of!(T, vf_id), &vf).is_err()
            || write_at(req.buffer, offset_of!(T, requestor_id), &rid).is_err()
        {
            return NDIS_STATUS_FAILURE;
        }
        req.bytes_read = size;
        req.bytes_written = size;
        NDIS_STATUS_SUCCESS
    }

    fn free_vf(&mut self, req: &mut OidRequest<'_>) -> NdisStatus {
        let p = match read::<NDIS_NIC_SWITCH_FREE_VF_PARAMETERS>(input(req)) {
            Ok(p) => p,
            Err(s) => return s,
        };
        let vf = p.value.vf_id;
        if let Err(e) = self.switch.free_vf(vf) {
            return switch_status(e);
        }
        if let Some(s) = self.blocks.get_mut(usize::from(vf)) {
            *s = super::backchannel::VfBlocks::default();
        }
        req.bytes_read = read_len(&p);
        NDIS_STATUS_SUCCESS
    }

    /// `vf` if it is allocated.
    fn allocated_vf(&self, vf: u16) -> Option<u16> {
        self.switch.vf(vf).map(|_| vf)
    }

    /// The common {Header, VFId, Offset/BlockId, Length, BufferOffset} of config space/block
    /// transfers: returns (vf, offset_or_block, length, buffer_offset) after checking that the
    /// data range lies inside `avail` bytes (else INVALID_LENGTH with BytesNeeded). The four
    /// NDIS_SRIOV_{READ,WRITE}_VF_CONFIG_{SPACE,BLOCK}_PARAMETERS share this layout (svnic-abi
    /// pins each); Offset and BlockId are the same field.
    fn xfer_params(
        &self,
        req: &mut OidRequest<'_>,
        avail: usize,
    ) -> Result<(u16, u32, usize, usize), NdisStatus> {
        let p = read::<NDIS_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS>(input(req))?;
        let v = &p.value;
        let vf = self.allocated_vf(v.vf_id).ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
        let len = usize::try_from(v.length).map_err(|_| NDIS_STATUS_INVALID_PARAMETER)?;
        let bo = usize::try_from(v.buffer_offset).map_err(|_| NDIS_STATUS_INVALID_PARAMETER)?;
        if bo < usize::from(p.revision_size) {
            return Err(NDIS_STATUS_INVALID_PARAMETER);
        }
        let end = bo.checked_add(len).ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
        if end > avail {
            req.bytes_needed = u32::try_from(end).map_err(|_| NDIS_STATUS_INVALID_PARAMETER)?;
            return Err(NDIS_STATUS_INVALID_LENGTH);
        }
        Ok((vf, v.offset, len, bo))
    }

    /// [`Self::xfer_params`] for READ/WRITE_VF_CONFIG_SPACE: Offset + Length must stay within the
    /// 4 KiB extended configuration space (spec 2.5).
    fn config_space_params(&self, req: &mut OidRequest<'_>) -> Result<(u16, u16, usize, usize), NdisStatus> {
        let avail = req.buffer.len();
        let (vf, off, len, bo) = self.xfer_params(req, avail)?;
        let end = usize::try_from(off)
            .ok()
            .and_then(|o| o.checked_add(len))
            .ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
        if end > 4096 {
            return Err(NDIS_STATUS_INVALID_PARAMETER);
        }
        let off16 = u16::try_from(off).map_err(|_| NDIS_STATUS_INVALID_PARAMETER)?;
        Ok((vf, off16, len, bo))
    }

    fn read_config_space(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        let (vf, off16, len, bo) = match self.config_space_params(req) {
            Ok(v) => v,
            Err(s) => return s,
        };
        let Some(dst) = req.buffer.get_mut(bo..bo.saturating_add(len)) else {
            return NDIS_STATUS_INVALID_LENGTH;
        };
        if !env.hw.vf_config_read(vf, off16, dst) {
            dst.fill(0);
            return NDIS_STATUS_FAILURE;
        }
        req.bytes_read = XFER_PARAMS_SIZE;
        req.bytes_written = len32(bo.saturating_add(len));
        NDIS_STATUS_SUCCESS
    }

    fn write_config_space(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        let (vf, off16, len, bo) = match self.config_space_params(req) {
            Ok(v) => v,
            Err(s) => return s,
        };
        let Some(data) = req.buffer.get(bo..bo.saturating_add(len)) else {
            return NDIS_STATUS_INVALID_LENGTH;
        };
        // Bytes a guest may not write are dropped, as the hardware would drop them.
        let _ = super::cfgspace::guest_write(env.hw, vf, off16, data);
        req.bytes_read = len32(bo.saturating_add(len));
        NDIS_STATUS_SUCCESS
    }

    fn read_config_block(&mut self, req: &mut OidRequest<'_>) -> NdisStatus {
        let avail = req.buffer.len();
        let (vf, block, len, bo) = match self.xfer_params(req, avail) {
            Ok(v) => v,
            Err(s) => return s,
        };
        let Some(store) = self.blocks.get(usize::from(vf)) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        let Some(dst) = req.buffer.get_mut(bo..bo.saturating_add(len)) else {
            return NDIS_STATUS_INVALID_LENGTH;
        };
        if store.read(block, dst).is_err() {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        req.bytes_read = XFER_PARAMS_SIZE;
        req.bytes_written = len32(bo.saturating_add(len));
        NDIS_STATUS_SUCCESS
    }

    fn write_config_block(&mut self, req: &mut OidRequest<'_>) -> NdisStatus {
        let avail = req.buffer.len();
        let (vf, block, len, bo) = match self.xfer_params(req, avail) {
            Ok(v) => v,
            Err(s) => return s,
        };
        let Some(data) = req.buffer.get(bo..bo.saturating_add(len)) else {
            return NDIS_STATUS_INVALID_LENGTH;
        };
        let Some(store) = self.blocks.get_mut(usize::from(vf)) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        match store.write(block, data, Writer::Vf) {
            Ok(()) => {}
            Err(BlockError::UnknownBlock | BlockError::TooLong | BlockError::ReadOnly) => {
                return NDIS_STATUS_INVALID_PARAMETER
            }
        }
        req.bytes_read = len32(bo.saturating_add(len));
        NDIS_STATUS_SUCCESS
    }

    fn reset_vf(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        let p = match read::<NDIS_SRIOV_RESET_VF_PARAMETERS>(input(req)) {
            Ok(p) => p,
            Err(s) => return s,
        };
        let Some(vf) = self.allocated_vf(p.value.vf_id) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        env.hw.vf_flr(vf);
        if let Some(s) = self.blocks.get_mut(usize::from(vf)) {
            s.reset_vf_written();
        }
        req.bytes_read = read_len(&p);
        NDIS_STATUS_SUCCESS
    }

    fn set_vf_power(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        let p = match read::<NDIS_SRIOV_SET_VF_POWER_STATE_PARAMETERS>(input(req)) {
            Ok(p) => p,
            Err(s) => return s,
        };
        let Some(vf) = self.allocated_vf(p.value.vf_id) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        let (state, wake) = (p.value.power_state, p.value.wake_enable);
        if !(NdisDeviceStateD0..=NdisDeviceStateD3).contains(&state) || wake > 1 {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        env.hw.vf_set_power(vf, state);
        if let Err(e) = self.switch.set_vf_power(vf, state) {
            return switch_status(e);
        }
        req.bytes_read = read_len(&p);
        NDIS_STATUS_SUCCESS
    }

    fn vendor_device(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        type T = NDIS_SRIOV_VF_VENDOR_DEVICE_ID_INFO;
        let size = {
            let p = match read::<T>(input(req)) {
                Ok(p) => p,
                Err(s) => return s,
            };
            if self.allocated_vf(p.value.vf_id).is_none() {
                return NDIS_STATUS_INVALID_PARAMETER;
            }
            read_len(&p)
        };
        let (v, d) = env.hw.vf_vendor_device();
        if write_at(req.buffer, offset_of!(T, vendor_id), &v).is_err()
            || write_at(req.buffer, offset_of!(T, device_id), &d).is_err()
        {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        req.bytes_read = size;
        req.bytes_written = size;
        NDIS_STATUS_SUCCESS
    }

    fn probed_bars(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        const SIZE: u16 = NDIS_SIZEOF_SRIOV_PROBED_BARS_INFO_REVISION_1;
        if req.buffer.len() < abi::probed_bars::TOTAL {
            req.bytes_needed = len32(abi::probed_bars::TOTAL);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        if env.hw.total_vfs() == 0 {
            return NDIS_STATUS_NOT_SUPPORTED;
        }
        let bars: [u32; PCI_TYPE0_ADDRESSES] = env.hw.vf_probed_bars();
        let mut info = NDIS_SRIOV_PROBED_BARS_INFO::with_latest_header();
        info.base_register_values_offset = u32::from(SIZE);
        // The BAR values follow the structure, at BaseRegisterValuesOffset.
        if write_object(req.buffer, 0, &info, SIZE)
            .and_then(|end| write_at(req.buffer, end, &bars))
            .is_err()
        {
            return NDIS_STATUS_FAILURE;
        }
        req.bytes_written = len32(abi::probed_bars::TOTAL);
        NDIS_STATUS_SUCCESS
    }

    fn bar_resources(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        let (vf, bar, off, size) = {
            let p = match read::<NDIS_SRIOV_BAR_RESOURCES_INFO>(input(req)) {
                Ok(p) => p,
                Err(s) => return s,
            };
            let Some(vf) = self.allocated_vf(p.value.vf_id) else {
                return NDIS_STATUS_INVALID_PARAMETER;
            };
            let off = usize::try_from(p.value.bar_resources_offset).unwrap_or(0);
            (vf, p.value.bar_index, off, p.revision_size)
        };
        if usize::from(bar) >= PCI_TYPE0_ADDRESSES || off < usize::from(size) {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        let Some(end) = off.checked_add(core::mem::size_of::<CM_PARTIAL_RESOURCE_DESCRIPTOR>()) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        if end > req.buffer.len() {
            req.bytes_needed = len32(end);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        let Some(res) = env.hw.vf_bar(vf, bar) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        let flags = if res.prefetchable {
            svnic_abi::pci::CM_RESOURCE_MEMORY_PREFETCHABLE
        } else {
            svnic_abi::pci::CM_RESOURCE_MEMORY_READ_WRITE
        };
        let d = CM_PARTIAL_RESOURCE_DESCRIPTOR::memory(res.start, res.len, flags);
        if write_at(req.buffer, off, &d).is_err() {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        req.bytes_read = u32::from(size);
        req.bytes_written = len32(end);
        NDIS_STATUS_SUCCESS
    }

    fn move_filter(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        let p = match read::<NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS>(input(req)) {
            Ok(p) => p,
            Err(s) => return s,
        };
        let v = &p.value;
        if v.source_queue_id != NDIS_DEFAULT_RECEIVE_QUEUE_ID
            || v.dest_queue_id != NDIS_DEFAULT_RECEIVE_QUEUE_ID
        {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        let (id, src, dst) = (v.filter_id, v.source_vport_id, v.dest_vport_id);
        if let Err(e) = self.switch.check_move_filter(id, src, dst) {
            return switch_status(e);
        }
        if env.hw.filter_move(id, dst).is_err() {
            return NDIS_STATUS_RESOURCES;
        }
        if let Err(e) = self.switch.move_filter(id, src, dst) {
            let _ = env.hw.filter_move(id, src);
            return switch_status(e);
        }
        self.after_filter_change(env, dst);
        self.after_filter_change(env, src);
        req.bytes_read = read_len(&p);
        NDIS_STATUS_SUCCESS
    }
}

/// BytesRead of a config space/block transfer: the parameters structure (the data is counted
/// by the write OIDs only).
const XFER_PARAMS_SIZE: u32 = NDIS_SIZEOF_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS_REVISION_1 as u32;

/// The request's input bytes: Method -> the first InputBufferLength bytes; Set -> the buffer.
fn input<'b>(req: &'b OidRequest<'_>) -> &'b [u8] {
    match req.request_type {
        RequestType::Method => req.buffer.get(..req.input_len).unwrap_or(&[]),
        _ => req.buffer,
    }
}

/// The VPortId of a DELETE_VPORT request whose header is valid, with its BytesRead; the
/// header refusal (INVALID_PARAMETER) otherwise. `AdapterSriov` uses it for a DELETE_VPORT that
/// NDIS re-issues for a vPort whose first one a reset aborted (the switch no longer lists it).
pub(crate) fn delete_vport_target(req: &OidRequest<'_>) -> Result<(u32, u32), NdisStatus> {
    let p = read::<NDIS_NIC_SWITCH_DELETE_VPORT_PARAMETERS>(input(req))?;
    Ok((p.value.vport_id, read_len(&p)))
}
