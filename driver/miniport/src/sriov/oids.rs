//! OID byte glue of the PF engine: every request's header, lengths, offsets and ids are checked
//! here, then the state machine ([`super::switch`]), the store ([`super::backchannel`]), the
//! device ([`super::hw::SriovHw`]) and the OS are called in an order that leaves no trace when a
//! request is refused. Statuses follow spec 2.2; choices are in docs/sriov.md.
//!
//! Byte counts: Set -> BytesRead = bytes consumed. Method -> BytesRead = input consumed,
//! BytesWritten = output produced (0 when the method writes nothing back). INVALID_LENGTH always
//! comes with BytesNeeded.

use super::abi::{self, *};
use super::backchannel::{BlockError, Writer};
use super::bytes::{
    check_header, put_bytes, put_header, put_u16, put_u32, put_u64, read_name, u16_at, u32_at, u64_at, u8_at,
};
use super::switch::{
    Affinity, Attach, Filter, SwitchConfig, SwitchError, VPortChange, VPortRequest, VPortState, VfRequest,
};
use super::{SriovEnv, SriovPf};
use crate::oid::{OidOutcome, OidRequest, RequestType};
use svnic_abi::status::*;

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
        use abi::switch_params as p;
        let b = input(req);
        let Some((rev, size)) = check_header(
            b,
            &[
                (p::REVISION_1, p::SIZE_REVISION_1),
                (p::REVISION_2, p::SIZE_REVISION_2),
            ],
        ) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        let (Some(kind), Some(id), Some(nvfs), Some(flags)) = (
            u32_at(b, p::SWITCH_TYPE),
            u32_at(b, p::SWITCH_ID),
            u32_at(b, p::NUM_VFS),
            u32_at(b, p::FLAGS),
        ) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        let Some(name) = read_name(b, p::SWITCH_FRIENDLY_NAME) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        let qp_default = if rev >= p::REVISION_2 {
            u32_at(b, p::NUM_QUEUE_PAIRS_FOR_DEFAULT_VPORT).unwrap_or(u32::MAX)
        } else {
            0
        };
        if kind != NDIS_NIC_SWITCH_TYPE_EXTERNAL || id != NDIS_DEFAULT_SWITCH_ID {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        let Ok(num_vfs) = u16::try_from(nvfs) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        let cfg = SwitchConfig {
            name,
            num_vfs,
            queue_pairs_default_vport: qp_default,
            flags,
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
        req.bytes_read = len32(size);
        NDIS_STATUS_SUCCESS
    }

    fn delete_switch(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        use abi::delete_switch as p;
        let b = input(req);
        let Some((_, size)) = check_header(b, &[(p::REVISION_1, p::SIZE_REVISION_1)]) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        if u32_at(b, p::SWITCH_ID) != Some(NDIS_DEFAULT_SWITCH_ID) {
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
        req.bytes_read = len32(size);
        NDIS_STATUS_SUCCESS
    }

    fn switch_parameters(&mut self, req: &mut OidRequest<'_>) -> NdisStatus {
        use abi::switch_params as p;
        let b = input(req);
        let Some((_, size)) = check_header(
            b,
            &[
                (p::REVISION_1, p::SIZE_REVISION_1),
                (p::REVISION_2, p::SIZE_REVISION_2),
            ],
        ) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        if u32_at(b, p::SWITCH_ID) != Some(NDIS_DEFAULT_SWITCH_ID) || !self.switch.exists() {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        let flags = u32_at(b, p::FLAGS).unwrap_or(u32::MAX);
        if flags & p::CHANGE_MASK & !p::SWITCH_NAME_CHANGED != 0 {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        if flags & p::SWITCH_NAME_CHANGED != 0 {
            let Some(name) = read_name(b, p::SWITCH_FRIENDLY_NAME) else {
                return NDIS_STATUS_INVALID_PARAMETER;
            };
            if let Err(e) = self.switch.rename(name) {
                return switch_status(e);
            }
        }
        req.bytes_read = len32(size);
        NDIS_STATUS_SUCCESS
    }

    // ---- vPorts -----------------------------------------------------------------------------

    fn parse_affinity(env: &SriovEnv<'_>, b: &[u8]) -> Option<Affinity> {
        let mask = u64_at(b, abi::vport_params::PROCESSOR_AFFINITY)?;
        let group = u16_at(b, abi::vport_params::PROCESSOR_AFFINITY.checked_add(8)?)?;
        if mask.count_ones() != 1 {
            return None;
        }
        if mask.trailing_zeros() >= env.os.active_processor_count(group) {
            return None;
        }
        Some(Affinity { group, mask })
    }

    fn create_vport(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        use abi::vport_params as p;
        let b = input(req);
        let Some((rev, size)) = check_header(
            b,
            &[
                (p::REVISION_1, p::SIZE_REVISION_1),
                (p::REVISION_2, p::SIZE_REVISION_2),
            ],
        ) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        let rd = |o| u32_at(b, o).unwrap_or(u32::MAX);
        if rd(p::SWITCH_ID) != NDIS_DEFAULT_SWITCH_ID {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        if rev >= p::REVISION_2 && rd(p::QOS_SQ_ID) != 0 {
            return NDIS_STATUS_NOT_SUPPORTED;
        }
        let Some(name) = read_name(b, p::VPORT_NAME) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        let moderation = rd(p::INTERRUPT_MODERATION);
        if !valid_moderation(moderation) || rd(p::LOOKAHEAD_SIZE) != 0 {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        let state = match rd(p::VPORT_STATE) {
            p::STATE_ACTIVATED => VPortState::Activated,
            p::STATE_DEACTIVATED => VPortState::Deactivated,
            _ => return NDIS_STATUS_INVALID_PARAMETER,
        };
        let attach = match u16_at(b, p::ATTACHED_FUNCTION_ID) {
            Some(NDIS_PF_FUNCTION_ID) => Attach::Pf,
            Some(vf) => Attach::Vf(vf),
            None => return NDIS_STATUS_INVALID_PARAMETER,
        };
        let affinity = match attach {
            Attach::Pf => match Self::parse_affinity(env, b) {
                Some(a) => a,
                None => return NDIS_STATUS_INVALID_PARAMETER,
            },
            // ProcessorAffinity is a PF-vPort member; a VF's interrupts belong to the guest.
            Attach::Vf(_) => Affinity::default(),
        };
        let vr = VPortRequest {
            id: rd(p::VPORT_ID),
            attach,
            state,
            queue_pairs: rd(p::NUM_QUEUE_PAIRS),
            interrupt_moderation: moderation,
            affinity,
            flags: rd(p::FLAGS),
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
        req.bytes_read = len32(size);
        NDIS_STATUS_SUCCESS
    }

    fn delete_vport(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        use abi::delete_vport as p;
        let b = input(req);
        let Some((_, size)) = check_header(b, &[(p::REVISION_1, p::SIZE_REVISION_1)]) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        let id = u32_at(b, p::VPORT_ID).unwrap_or(u32::MAX);
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
        req.bytes_read = len32(size);
        NDIS_STATUS_SUCCESS
    }

    fn vport_parameters(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        use abi::vport_params as p;
        let b = input(req);
        let Some((_, size)) = check_header(
            b,
            &[
                (p::REVISION_1, p::SIZE_REVISION_1),
                (p::REVISION_2, p::SIZE_REVISION_2),
            ],
        ) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        let rd = |o| u32_at(b, o).unwrap_or(u32::MAX);
        if rd(p::SWITCH_ID) != NDIS_DEFAULT_SWITCH_ID {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        let flags = rd(p::FLAGS);
        let supported = p::FLAGS_CHANGED
            | p::NAME_CHANGED
            | p::INT_MOD_CHANGED
            | p::STATE_CHANGED
            | p::PROCESSOR_AFFINITY_CHANGED;
        if flags & p::CHANGE_MASK & !supported != 0 {
            // NDK parameters, QoS SQ id and queue-pair changes (VMMQ) are not offered.
            return NDIS_STATUS_NOT_SUPPORTED;
        }
        let mut ch = VPortChange::default();
        if flags & p::FLAGS_CHANGED != 0 {
            ch.flags = Some(flags & !p::CHANGE_MASK);
        }
        if flags & p::NAME_CHANGED != 0 {
            match read_name(b, p::VPORT_NAME) {
                Some(n) => ch.name = Some(n),
                None => return NDIS_STATUS_INVALID_PARAMETER,
            }
        }
        if flags & p::INT_MOD_CHANGED != 0 {
            let m = rd(p::INTERRUPT_MODERATION);
            if !valid_moderation(m) {
                return NDIS_STATUS_INVALID_PARAMETER;
            }
            ch.interrupt_moderation = Some(m);
        }
        if flags & p::STATE_CHANGED != 0 {
            ch.state = Some(match rd(p::VPORT_STATE) {
                p::STATE_ACTIVATED => VPortState::Activated,
                p::STATE_DEACTIVATED => VPortState::Deactivated,
                _ => return NDIS_STATUS_INVALID_PARAMETER,
            });
        }
        let id = rd(p::VPORT_ID);
        if flags & p::PROCESSOR_AFFINITY_CHANGED != 0 {
            let is_vf = matches!(self.switch.vport(id).map(|v| v.attach), Some(Attach::Vf(_)));
            if is_vf {
                return NDIS_STATUS_INVALID_PARAMETER;
            }
            match Self::parse_affinity(env, b) {
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
        req.bytes_read = len32(size);
        NDIS_STATUS_SUCCESS
    }

    // ---- VFs --------------------------------------------------------------------------------

    fn allocate_vf(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        use abi::vf_params as p;
        let size = {
            let b = input(req);
            let Some((_, size)) = check_header(b, &[(p::REVISION_1, p::SIZE_REVISION_1)]) else {
                return NDIS_STATUS_INVALID_PARAMETER;
            };
            if u32_at(b, p::SWITCH_ID) != Some(NDIS_DEFAULT_SWITCH_ID)
                || u16_at(b, p::VF_ID) != Some(NDIS_INVALID_VF_FUNCTION_ID)
                || u32_at(b, p::REQUESTOR_ID) != Some(NDIS_INVALID_RID)
                || u16_at(b, p::MAC_ADDRESS_LENGTH) != Some(6)
            {
                return NDIS_STATUS_INVALID_PARAMETER;
            }
            let mac = |o: usize| -> Option<[u8; 6]> {
                let mut m = [0u8; 6];
                m.copy_from_slice(b.get(o..o.checked_add(6)?)?);
                Some(m)
            };
            let (Some(vm_name), Some(vm_friendly_name), Some(nic_name), Some(pm), Some(cm)) = (
                read_name(b, p::VM_NAME),
                read_name(b, p::VM_FRIENDLY_NAME),
                read_name(b, p::NIC_NAME),
                mac(p::PERMANENT_MAC_ADDRESS),
                mac(p::CURRENT_MAC_ADDRESS),
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
            (size, vf, rid)
        };
        let (size, vf, rid) = size;
        if !put_u16(req.buffer, p::VF_ID, vf) || !put_u32(req.buffer, p::REQUESTOR_ID, rid) {
            return NDIS_STATUS_FAILURE;
        }
        req.bytes_read = len32(size);
        req.bytes_written = len32(size);
        NDIS_STATUS_SUCCESS
    }

    fn free_vf(&mut self, req: &mut OidRequest<'_>) -> NdisStatus {
        use abi::free_vf as p;
        let b = input(req);
        let Some((_, size)) = check_header(b, &[(p::REVISION_1, p::SIZE_REVISION_1)]) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        let vf = u16_at(b, p::VF_ID).unwrap_or(u16::MAX);
        if let Err(e) = self.switch.free_vf(vf) {
            return switch_status(e);
        }
        if let Some(s) = self.blocks.get_mut(usize::from(vf)) {
            *s = super::backchannel::VfBlocks::default();
        }
        req.bytes_read = len32(size);
        NDIS_STATUS_SUCCESS
    }

    /// The allocated VF named at `VF_ID_OFFSET` of a header-checked input.
    fn allocated_vf(&self, b: &[u8], off: usize) -> Option<u16> {
        let vf = u16_at(b, off)?;
        self.switch.vf(vf).map(|_| vf)
    }

    /// The common {Header, VFId, Offset/BlockId, Length, BufferOffset} of config space/block
    /// transfers: returns (vf, offset_or_block, length, buffer_offset) after checking that the
    /// data range lies inside `avail` bytes (else INVALID_LENGTH with BytesNeeded).
    fn xfer_params(
        &self,
        req: &mut OidRequest<'_>,
        avail: usize,
    ) -> Result<(u16, u32, usize, usize), NdisStatus> {
        use abi::vf_xfer as p;
        let b = input(req);
        check_header(b, &[(p::REVISION_1, p::SIZE_REVISION_1)]).ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
        let vf = self
            .allocated_vf(b, p::VF_ID)
            .ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
        let off = u32_at(b, p::OFFSET_OR_BLOCK_ID).ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
        let len = usize::try_from(u32_at(b, p::LENGTH).ok_or(NDIS_STATUS_INVALID_PARAMETER)?)
            .map_err(|_| NDIS_STATUS_INVALID_PARAMETER)?;
        let bo = usize::try_from(u32_at(b, p::BUFFER_OFFSET).ok_or(NDIS_STATUS_INVALID_PARAMETER)?)
            .map_err(|_| NDIS_STATUS_INVALID_PARAMETER)?;
        if bo < p::SIZE_REVISION_1 {
            return Err(NDIS_STATUS_INVALID_PARAMETER);
        }
        let end = bo.checked_add(len).ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
        if end > avail {
            req.bytes_needed = u32::try_from(end).map_err(|_| NDIS_STATUS_INVALID_PARAMETER)?;
            return Err(NDIS_STATUS_INVALID_LENGTH);
        }
        Ok((vf, off, len, bo))
    }

    fn read_config_space(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        let avail = req.buffer.len();
        let (vf, off, len, bo) = match self.xfer_params(req, avail) {
            Ok(v) => v,
            Err(s) => return s,
        };
        let Some(end) = usize::try_from(off).ok().and_then(|o| o.checked_add(len)) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        if end > 4096 {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        let Ok(off16) = u16::try_from(off) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        let Some(dst) = req.buffer.get_mut(bo..bo.saturating_add(len)) else {
            return NDIS_STATUS_INVALID_LENGTH;
        };
        if !env.hw.vf_config_read(vf, off16, dst) {
            dst.fill(0);
            return NDIS_STATUS_FAILURE;
        }
        req.bytes_read = len32(abi::vf_xfer::SIZE_REVISION_1);
        req.bytes_written = len32(bo.saturating_add(len));
        NDIS_STATUS_SUCCESS
    }

    fn write_config_space(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        let avail = req.buffer.len();
        let (vf, off, len, bo) = match self.xfer_params(req, avail) {
            Ok(v) => v,
            Err(s) => return s,
        };
        let Some(end) = usize::try_from(off).ok().and_then(|o| o.checked_add(len)) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        if end > 4096 {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        let Ok(off16) = u16::try_from(off) else {
            return NDIS_STATUS_INVALID_PARAMETER;
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
        req.bytes_read = len32(abi::vf_xfer::SIZE_REVISION_1);
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
        use abi::reset_vf as p;
        let b = input(req);
        let Some((_, size)) = check_header(b, &[(p::REVISION_1, p::SIZE_REVISION_1)]) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        let Some(vf) = self.allocated_vf(b, p::VF_ID) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        env.hw.vf_flr(vf);
        if let Some(s) = self.blocks.get_mut(usize::from(vf)) {
            s.reset_vf_written();
        }
        req.bytes_read = len32(size);
        NDIS_STATUS_SUCCESS
    }

    fn set_vf_power(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        use abi::vf_power as p;
        let b = input(req);
        let Some((_, size)) = check_header(b, &[(p::REVISION_1, p::SIZE_REVISION_1)]) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        let Some(vf) = self.allocated_vf(b, p::VF_ID) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        let state = u32_at(b, p::POWER_STATE).unwrap_or(0);
        let wake = u8_at(b, p::WAKE_ENABLE).unwrap_or(u8::MAX);
        if !(p::D0..=p::D3).contains(&state) || wake > 1 {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        env.hw.vf_set_power(vf, state);
        if let Err(e) = self.switch.set_vf_power(vf, state) {
            return switch_status(e);
        }
        req.bytes_read = len32(size);
        NDIS_STATUS_SUCCESS
    }

    fn vendor_device(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        use abi::vendor_device as p;
        let size = {
            let b = input(req);
            let Some((_, size)) = check_header(b, &[(p::REVISION_1, p::SIZE_REVISION_1)]) else {
                return NDIS_STATUS_INVALID_PARAMETER;
            };
            if self.allocated_vf(b, p::VF_ID).is_none() {
                return NDIS_STATUS_INVALID_PARAMETER;
            }
            size
        };
        let (v, d) = env.hw.vf_vendor_device();
        if !put_u16(req.buffer, p::VENDOR_ID, v) || !put_u16(req.buffer, p::DEVICE_ID, d) {
            return NDIS_STATUS_INVALID_LENGTH;
        }
        req.bytes_read = len32(size);
        req.bytes_written = len32(size);
        NDIS_STATUS_SUCCESS
    }

    fn probed_bars(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        use abi::probed_bars as p;
        if req.buffer.len() < p::TOTAL {
            req.bytes_needed = len32(p::TOTAL);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        if env.hw.total_vfs() == 0 {
            return NDIS_STATUS_NOT_SUPPORTED;
        }
        let bars = env.hw.vf_probed_bars();
        let b = &mut *req.buffer;
        let mut ok = put_header(b, p::REVISION_1, p::SIZE_REVISION_1)
            && put_u32(b, p::BASE_REGISTER_VALUES_OFFSET, len32(p::SIZE_REVISION_1));
        for (i, v) in bars.iter().enumerate() {
            ok &= put_u32(b, p::SIZE_REVISION_1.saturating_add(i.saturating_mul(4)), *v);
        }
        if !ok {
            return NDIS_STATUS_FAILURE;
        }
        req.bytes_written = len32(p::TOTAL);
        NDIS_STATUS_SUCCESS
    }

    fn bar_resources(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        use abi::bar_resources as p;
        let (vf, bar, off) = {
            let b = input(req);
            if check_header(b, &[(p::REVISION_1, p::SIZE_REVISION_1)]).is_none() {
                return NDIS_STATUS_INVALID_PARAMETER;
            }
            let Some(vf) = self.allocated_vf(b, p::VF_ID) else {
                return NDIS_STATUS_INVALID_PARAMETER;
            };
            let bar = u16_at(b, p::BAR_INDEX).unwrap_or(u16::MAX);
            let off = u32_at(b, p::BAR_RESOURCES_OFFSET)
                .and_then(|o| usize::try_from(o).ok())
                .unwrap_or(0);
            (vf, bar, off)
        };
        if bar >= 6 || off < p::SIZE_REVISION_1 {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        let Some(end) = off.checked_add(p::CM_DESCRIPTOR_SIZE) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        if end > req.buffer.len() {
            req.bytes_needed = len32(end);
            return NDIS_STATUS_INVALID_LENGTH;
        }
        let Some(res) = env.hw.vf_bar(vf, bar) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        let Some(d) = req.buffer.get_mut(off..end) else {
            return NDIS_STATUS_INVALID_LENGTH;
        };
        d.fill(0);
        let flags = if res.prefetchable {
            p::CM_RESOURCE_MEMORY_PREFETCHABLE
        } else {
            p::CM_RESOURCE_MEMORY_READ_WRITE
        };
        let ok = put_bytes(
            d,
            0,
            &[p::CM_RESOURCE_TYPE_MEMORY, p::CM_RESOURCE_SHARE_DEVICE_EXCLUSIVE],
        ) && put_u16(d, 2, flags)
            && put_u64(d, p::MEMORY_START, res.start)
            && put_u32(d, p::MEMORY_LENGTH, res.len);
        if !ok {
            return NDIS_STATUS_FAILURE;
        }
        req.bytes_read = len32(p::SIZE_REVISION_1);
        req.bytes_written = len32(end);
        NDIS_STATUS_SUCCESS
    }

    fn move_filter(&mut self, env: &mut SriovEnv<'_>, req: &mut OidRequest<'_>) -> NdisStatus {
        use abi::move_filter as p;
        let b = input(req);
        let Some((_, size)) = check_header(b, &[(p::REVISION_1, p::SIZE_REVISION_1)]) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        let rd = |o| u32_at(b, o).unwrap_or(u32::MAX);
        if rd(p::SOURCE_QUEUE_ID) != NDIS_DEFAULT_RECEIVE_QUEUE_ID
            || rd(p::DEST_QUEUE_ID) != NDIS_DEFAULT_RECEIVE_QUEUE_ID
        {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        let (id, src, dst) = (rd(p::FILTER_ID), rd(p::SOURCE_VPORT_ID), rd(p::DEST_VPORT_ID));
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
        req.bytes_read = len32(size);
        NDIS_STATUS_SUCCESS
    }
}

/// The request's input bytes: Method -> the first InputBufferLength bytes; Set -> the buffer.
fn input<'b>(req: &'b OidRequest<'_>) -> &'b [u8] {
    match req.request_type {
        RequestType::Method => req.buffer.get(..req.input_len).unwrap_or(&[]),
        _ => req.buffer,
    }
}
