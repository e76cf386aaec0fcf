//! IOV sequences of the Hyper-V extensible switch (spec 2.6), the NDIS-handled SR-IOV OIDs, and
//! the host end of the PF<->VF backchannel.
//!
//! * [`IovSwitch`] issues the OIDs Hyper-V issues, in the documented order: switch creation with
//!   IOV (CREATE_SWITCH); a VM with IovWeight > 0 starting (SET_FILTER on the default vPort ->
//!   ALLOCATE_VF -> CREATE_VPORT -> MOVE_FILTER); VF revoke / VM stop (MOVE_FILTER back ->
//!   DELETE_VPORT -> RESET_VF -> FREE_VF -> CLEAR_FILTER); PF halt (every VM down, then
//!   DELETE_SWITCH). As NDIS does, it assigns FilterIds and VPortIds before passing requests down.
//!   A VM whose ALLOCATE_VF fails stays on the synthetic path (its filter on the default vPort).
//! * [`ndis_answer`] answers the NDIS-handled OIDs (SR-IOV and NIC-switch capabilities,
//!   ENUM_SWITCHES, ENUM_VPORTS, ENUM_VFS, VF_PARAMETERS, PF_LUID, VF_SERIAL_NUMBER) from the PF
//!   engine's state, as NDIS answers them from its cache.
//! * [`Backchannel`] is the host end of svnic's backchannel: one mailbox session per VF (served
//!   over the model's mailbox by `svnic_miniport::sriov::model_hw::carrier`), and the OR-ing of
//!   NdisMInvalidateConfigBlock masks until the guest's OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK.

use crate::host::{AdapterRef, OidResult};
use crate::RequestType;
use svnic_abi::layout::AbiLayout;
use svnic_abi::sriov as a;
use svnic_abi::status::*;
use svnic_miniport::sriov::abi::*;
use svnic_miniport::sriov::caps::{write_sriov_caps, SriovRole};
use svnic_miniport::sriov::mailbox::PfSession;
use svnic_miniport::sriov::switch::{Attach, VPortState, VlanMatch};
use svnic_miniport::sriov::SriovPf;

/// What the switch needs from the PF adapter below it.
pub trait IovNic {
    /// One OID request; a pended one is waited for. Method: `input` then room for `out_len`.
    fn oid(&self, rt: RequestType, oid: u32, input: &[u8], out_len: usize) -> OidResult;
}

impl IovNic for AdapterRef<'_> {
    /// NDIS-handled SR-IOV OIDs are answered by the sim's NDIS layer from the driver's state; the
    /// others go to the driver's MiniportOidRequest.
    fn oid(&self, rt: RequestType, oid: u32, input: &[u8], out_len: usize) -> OidResult {
        if let Some(adapter) = self.driver_adapter() {
            let mut buf = input.to_vec();
            buf.resize(input.len().max(out_len), 0);
            let info = NdisIovInfo {
                pf_luid: (0x5356_0000 | self.index() as u32, 0),
                serial_base: 0x1000,
            };
            let answer = adapter
                .sriov()
                .with_pf(|pf| ndis_answer(pf, &info, rt, oid, &mut buf, None));
            if let Some((status, written, needed)) = answer {
                buf.truncate(written as usize);
                let read = if rt == RequestType::Method {
                    input.len() as u32
                } else {
                    0
                };
                return OidResult {
                    status,
                    bytes_read: if status == NDIS_STATUS_SUCCESS { read } else { 0 },
                    bytes_written: written,
                    bytes_needed: needed,
                    out: buf,
                };
            }
        }
        AdapterRef::oid(self, rt, oid, input, out_len)
    }
}

/// A VM's vNIC as Hyper-V configures it for SR-IOV.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IovVm {
    pub name: String,
    pub mac: [u8; 6],
    /// Access VLAN (None = untagged).
    pub vlan: Option<u16>,
    /// Set-VMNetworkAdapter -IovWeight: 0 = never a VF.
    pub iov_weight: u32,
}

/// Where a VM's traffic goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IovPath {
    /// Through the default vPort and the switch (no VF).
    Synthetic,
    /// Through VF `vf` on vPort `vport`.
    Vf { vf: u16, vport: u32 },
}

#[derive(Clone, Debug)]
struct VmState {
    cfg: IovVm,
    filter: u32,
    path: IovPath,
}

/// One OID the switch issued, with its status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Issued {
    pub request_type: RequestType,
    pub oid: u32,
    pub status: u32,
}

/// The Hyper-V switch with IOV enabled, over one PF adapter.
pub struct IovSwitch<N: IovNic> {
    nic: N,
    max_vports: u32,
    next_filter: u32,
    vms: Vec<VmState>,
    trace: Vec<Issued>,
    created: bool,
}

impl<N: IovNic> IovSwitch<N> {
    /// `max_vports`: MaxNumVPorts of the PF's current NIC-switch caps (NDIS assigns VPortIds
    /// below it); `first_filter_id`: where this switch's FilterIds start (unique per adapter).
    pub fn new(nic: N, max_vports: u32, first_filter_id: u32) -> Self {
        Self {
            nic,
            max_vports,
            next_filter: first_filter_id.max(1),
            vms: Vec::new(),
            trace: Vec::new(),
            created: false,
        }
    }

    pub fn nic(&self) -> &N {
        &self.nic
    }

    /// Every OID issued so far, in order.
    pub fn trace(&self) -> &[Issued] {
        &self.trace
    }

    /// The path of VM `name`.
    pub fn path(&self, name: &str) -> Option<IovPath> {
        self.vms.iter().find(|v| v.cfg.name == name).map(|v| v.path)
    }

    /// The FilterId NDIS gave VM `name`'s filter.
    pub fn filter_id(&self, name: &str) -> Option<u32> {
        self.vms.iter().find(|v| v.cfg.name == name).map(|v| v.filter)
    }

    fn issue(&mut self, rt: RequestType, oid: u32, input: &[u8], out_len: usize) -> OidResult {
        let r = self.nic.oid(rt, oid, input, out_len);
        self.trace.push(Issued {
            request_type: rt,
            oid,
            status: r.status,
        });
        r
    }

    fn ok(&mut self, rt: RequestType, oid: u32, input: &[u8]) -> Result<OidResult, u32> {
        let out_len = if rt == RequestType::Method { input.len() } else { 0 };
        let r = self.issue(rt, oid, input, out_len);
        if r.status == NDIS_STATUS_SUCCESS {
            Ok(r)
        } else {
            Err(r.status)
        }
    }

    /// New-VMSwitch -EnableIov $true: NDIS reads NicSwitches\0 and issues CREATE_SWITCH.
    pub fn create(&mut self, num_vfs: u32) -> Result<(), u32> {
        self.ok(
            RequestType::Method,
            OID_NIC_SWITCH_CREATE_SWITCH,
            &switch_params_buf(num_vfs),
        )?;
        self.created = true;
        Ok(())
    }

    fn free_vport_id(&self) -> Option<u32> {
        (1..self.max_vports).find(|id| {
            !self
                .vms
                .iter()
                .any(|v| matches!(v.path, IovPath::Vf { vport, .. } if vport == *id))
        })
    }

    /// A VM's vNIC connects and the VM starts (spec 2.6 steps 1-4).
    pub fn connect(&mut self, cfg: IovVm) -> Result<IovPath, u32> {
        let filter = self.next_filter;
        self.next_filter = self.next_filter.wrapping_add(1).max(1);
        self.ok(
            RequestType::Method,
            OID_RECEIVE_FILTER_SET_FILTER,
            &set_filter_buf(filter, 0, cfg.mac, cfg.vlan),
        )?;
        let mut st = VmState {
            cfg,
            filter,
            path: IovPath::Synthetic,
        };
        if st.cfg.iov_weight > 0 {
            st.path = self.attach_vf(&st)?;
        }
        let path = st.path;
        self.vms.push(st);
        Ok(path)
    }

    fn attach_vf(&mut self, st: &VmState) -> Result<IovPath, u32> {
        let r = self.issue(
            RequestType::Method,
            OID_NIC_SWITCH_ALLOCATE_VF,
            &allocate_vf_buf(st.cfg.mac, &st.cfg.name),
            vf_params::SIZE_REVISION_1,
        );
        if r.status != NDIS_STATUS_SUCCESS {
            // No VF for this VM: it stays synthetic.
            return Ok(IovPath::Synthetic);
        }
        let vf = r
            .out
            .get(vf_params::VF_ID..vf_params::VF_ID + 2)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .ok_or(NDIS_STATUS_FAILURE)?;
        let Some(vport) = self.free_vport_id() else {
            self.ok(RequestType::Set, OID_NIC_SWITCH_FREE_VF, &free_vf_buf(vf))?;
            return Ok(IovPath::Synthetic);
        };
        if let Err(e) = self.ok(
            RequestType::Method,
            OID_NIC_SWITCH_CREATE_VPORT,
            &vf_vport_buf(vport, vf),
        ) {
            self.ok(RequestType::Set, OID_NIC_SWITCH_FREE_VF, &free_vf_buf(vf))?;
            return Err(e);
        }
        self.ok(
            RequestType::Set,
            OID_RECEIVE_FILTER_MOVE_FILTER,
            &move_filter_buf(st.filter, 0, vport),
        )?;
        Ok(IovPath::Vf { vf, vport })
    }

    /// VF revoke (live migration, IovWeight -> 0, NDIS_STATUS_SWITCH_PORT_REMOVE_VF): the guest's
    /// VF miniport is already halted; MOVE_FILTER back -> DELETE_VPORT -> RESET_VF -> FREE_VF.
    pub fn revoke_vf(&mut self, name: &str) -> Result<(), u32> {
        let Some(i) = self.vms.iter().position(|v| v.cfg.name == name) else {
            return Err(NDIS_STATUS_INVALID_PARAMETER);
        };
        let (filter, path) = (self.vms[i].filter, self.vms[i].path);
        if let IovPath::Vf { vf, vport } = path {
            self.ok(
                RequestType::Set,
                OID_RECEIVE_FILTER_MOVE_FILTER,
                &move_filter_buf(filter, vport, 0),
            )?;
            self.ok(
                RequestType::Set,
                OID_NIC_SWITCH_DELETE_VPORT,
                &delete_vport_buf(vport),
            )?;
            self.ok(RequestType::Set, OID_SRIOV_RESET_VF, &reset_vf_buf(vf))?;
            self.ok(RequestType::Set, OID_NIC_SWITCH_FREE_VF, &free_vf_buf(vf))?;
            self.vms[i].path = IovPath::Synthetic;
        }
        Ok(())
    }

    /// VM stop: revoke its VF, then clear its filter on the default vPort.
    pub fn stop(&mut self, name: &str) -> Result<(), u32> {
        self.revoke_vf(name)?;
        let Some(i) = self.vms.iter().position(|v| v.cfg.name == name) else {
            return Err(NDIS_STATUS_INVALID_PARAMETER);
        };
        let filter = self.vms[i].filter;
        self.ok(
            RequestType::Set,
            OID_RECEIVE_FILTER_CLEAR_FILTER,
            &clear_filter_buf(filter),
        )?;
        self.vms.remove(i);
        Ok(())
    }

    /// PF halt (`net/halting-a-pf-miniport-driver.md`): every VM down, then DELETE_SWITCH.
    pub fn halt(&mut self) -> Result<(), u32> {
        let names: Vec<String> = self.vms.iter().map(|v| v.cfg.name.clone()).collect();
        for n in names {
            self.stop(&n)?;
        }
        if self.created {
            self.ok(
                RequestType::Set,
                OID_NIC_SWITCH_DELETE_SWITCH,
                &delete_switch_buf(),
            )?;
            self.created = false;
        }
        Ok(())
    }
}

/// The host end of the backchannel: per-VF mailbox sessions and pending invalidation masks.
#[derive(Debug, Default)]
pub struct Backchannel {
    sessions: Vec<PfSession>,
    pending: Vec<u64>,
}

impl Backchannel {
    pub fn new(total_vfs: u16) -> Self {
        Self {
            sessions: (0..total_vfs).map(PfSession::new).collect(),
            pending: vec![0; usize::from(total_vfs)],
        }
    }

    /// The session of VF `vf` (the host names the VF; a message never does).
    pub fn session(&mut self, vf: u16) -> Option<&mut PfSession> {
        self.sessions.get_mut(usize::from(vf))
    }

    /// VF `vf` was reset (FLR): its open transfer is dropped, pending invalidations too.
    pub fn flr(&mut self, vf: u16) {
        if let Some(s) = self.sessions.get_mut(usize::from(vf)) {
            s.reset();
        }
        if let Some(p) = self.pending.get_mut(usize::from(vf)) {
            *p = 0;
        }
    }

    /// NdisMInvalidateConfigBlock(vf, mask): masks OR until delivered.
    pub fn invalidate(&mut self, vf: u16, mask: u64) {
        if let Some(p) = self.pending.get_mut(usize::from(vf)) {
            *p |= mask;
        }
    }

    /// The OR-ed mask to deliver to VF `vf` as OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK, if any.
    pub fn take_invalidation(&mut self, vf: u16) -> Option<u64> {
        let p = self.pending.get_mut(usize::from(vf))?;
        let m = std::mem::take(p);
        (m != 0).then_some(m)
    }
}

/// What NdisMEnableVirtualization does to the model, as the PCI bus driver does to the hardware:
/// enable = NumVFs, then VF Enable + VF MSE in the PF's SR-IOV capability (refused when already
/// enabled, or when the device refuses VF Enable, e.g. NumVFs > TotalVFs); disable = VF Enable
/// and VF MSE cleared, then NumVFs 0 (INVALID_PARAMETER if asked with NumVFs != 0). The sim's
/// `NdisMEnableVirtualization` export should call this with the adapter's device.
pub fn apply_enable_virtualization(dev: &svnic_device::Device, num_vfs: u16, enable: bool) -> u32 {
    use svnic_abi::pci;
    use svnic_device::cfgspace::SRIOV_CAP;
    use svnic_device::Function;
    let mut c = [0u8; 2];
    dev.config_read(Function::Pf, SRIOV_CAP + pci::SRIOV_CONTROL, &mut c);
    let ctl = u16::from_le_bytes(c);
    if enable {
        if ctl & pci::SRIOV_CTRL_VF_ENABLE != 0 {
            return NDIS_STATUS_FAILURE;
        }
        dev.config_write(
            Function::Pf,
            SRIOV_CAP + pci::SRIOV_NUM_VFS,
            &num_vfs.to_le_bytes(),
        );
        let on = ctl | pci::SRIOV_CTRL_VF_ENABLE | pci::SRIOV_CTRL_VF_MSE;
        dev.config_write(Function::Pf, SRIOV_CAP + pci::SRIOV_CONTROL, &on.to_le_bytes());
        dev.config_read(Function::Pf, SRIOV_CAP + pci::SRIOV_CONTROL, &mut c);
        if u16::from_le_bytes(c) & pci::SRIOV_CTRL_VF_ENABLE == 0 {
            return NDIS_STATUS_FAILURE;
        }
        NDIS_STATUS_SUCCESS
    } else {
        if num_vfs != 0 {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        let off = ctl & !(pci::SRIOV_CTRL_VF_ENABLE | pci::SRIOV_CTRL_VF_MSE);
        dev.config_write(Function::Pf, SRIOV_CAP + pci::SRIOV_CONTROL, &off.to_le_bytes());
        dev.config_write(Function::Pf, SRIOV_CAP + pci::SRIOV_NUM_VFS, &[0, 0]);
        NDIS_STATUS_SUCCESS
    }
}

/// The host end of the backchannel as NDIS does it: a finished transfer from VF `vf` becomes
/// OID_SRIOV_READ_VF_CONFIG_BLOCK (method) / OID_SRIOV_WRITE_VF_CONFIG_BLOCK (set) on the PF
/// adapter, issued through its real OID path.
pub struct NicBlockBackend<'a, N: IovNic> {
    pub nic: &'a N,
}

impl<N: IovNic> NicBlockBackend<'_, N> {
    fn xfer(vf: u16, block: u32, len: usize) -> Vec<u8> {
        let h = vf_xfer::SIZE_REVISION_1;
        let mut b = vec![0u8; h + len];
        header(&mut b, 1, h);
        b[vf_xfer::VF_ID..vf_xfer::VF_ID + 2].copy_from_slice(&vf.to_le_bytes());
        put32(&mut b, vf_xfer::OFFSET_OR_BLOCK_ID, block);
        put32(&mut b, vf_xfer::LENGTH, len as u32);
        put32(&mut b, vf_xfer::BUFFER_OFFSET, h as u32);
        b
    }
}

impl<N: IovNic> svnic_miniport::sriov::mailbox::BlockBackend for NicBlockBackend<'_, N> {
    fn read_block(&mut self, vf: u16, block: u32, out: &mut [u8]) -> u32 {
        let b = Self::xfer(vf, block, out.len());
        let h = vf_xfer::SIZE_REVISION_1;
        let r = self.nic.oid(
            RequestType::Method,
            OID_SRIOV_READ_VF_CONFIG_BLOCK,
            &b[..h],
            b.len(),
        );
        if r.status == NDIS_STATUS_SUCCESS {
            match r.out.get(h..h + out.len()) {
                Some(d) => out.copy_from_slice(d),
                None => return NDIS_STATUS_FAILURE,
            }
        }
        r.status
    }

    fn write_block(&mut self, vf: u16, block: u32, data: &[u8]) -> u32 {
        let mut b = Self::xfer(vf, block, data.len());
        b[vf_xfer::SIZE_REVISION_1..].copy_from_slice(data);
        self.nic
            .oid(RequestType::Set, OID_SRIOV_WRITE_VF_CONFIG_BLOCK, &b, 0)
            .status
    }
}

/// The OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK buffer for `mask`.
pub fn invalidate_buf(mask: u64) -> Vec<u8> {
    let mut b = vec![0u8; invalidate::SIZE_REVISION_1];
    header(&mut b, 1, invalidate::SIZE_REVISION_1);
    b[invalidate::BLOCK_MASK..invalidate::BLOCK_MASK + 8].copy_from_slice(&mask.to_le_bytes());
    b
}

// ---- NDIS-handled OIDs ---------------------------------------------------------------------

/// What the host knows besides the driver's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NdisIovInfo {
    /// The PF's LUID (valid from initialization to halt, distinct from its NetLuid).
    pub pf_luid: (u32, i32),
    /// Serial number base the virtualization stack gives VFs (VF n gets base + n).
    pub serial_base: u32,
}

/// Answer an NDIS-handled SR-IOV OID from `pf`'s state. `None` when `oid` is not one of them.
/// Returns (status, bytes written, bytes needed) with the answer in `buf`.
pub fn ndis_answer(
    pf: &SriovPf,
    info: &NdisIovInfo,
    rt: RequestType,
    oid: u32,
    buf: &mut [u8],
    vf_for_serial: Option<u16>,
) -> Option<(u32, u32, u32)> {
    let r = match oid {
        OID_SRIOV_HARDWARE_CAPABILITIES | OID_SRIOV_CURRENT_CAPABILITIES => {
            if oid == OID_SRIOV_CURRENT_CAPABILITIES && !pf.enabled() {
                return Some((NDIS_STATUS_NOT_SUPPORTED, 0, 0));
            }
            match write_sriov_caps(buf, SriovRole::Pf) {
                Some(n) => (NDIS_STATUS_SUCCESS, n as u32, 0),
                None => (NDIS_STATUS_INVALID_LENGTH, 0, sriov_caps::SIZE_REVISION_1 as u32),
            }
        }
        OID_NIC_SWITCH_HARDWARE_CAPABILITIES | OID_NIC_SWITCH_CURRENT_CAPABILITIES => {
            if oid == OID_NIC_SWITCH_CURRENT_CAPABILITIES && !pf.enabled() {
                return Some((NDIS_STATUS_NOT_SUPPORTED, 0, 0));
            }
            match pf.caps().write(buf, nic_switch_caps::REVISION_2) {
                Some(n) => (NDIS_STATUS_SUCCESS, n as u32, 0),
                None => (
                    NDIS_STATUS_INVALID_LENGTH,
                    0,
                    nic_switch_caps::SIZE_REVISION_2 as u32,
                ),
            }
        }
        OID_NIC_SWITCH_ENUM_SWITCHES => enum_switches(pf, buf),
        OID_NIC_SWITCH_ENUM_VPORTS => enum_vports(pf, buf, rt),
        OID_NIC_SWITCH_ENUM_VFS => enum_vfs(pf, buf),
        OID_NIC_SWITCH_VF_PARAMETERS => vf_parameters(pf, buf),
        svnic_abi::oid::OID_RECEIVE_FILTER_ENUM_FILTERS => return enum_vport_filters(pf, rt, buf),
        OID_SRIOV_PF_LUID => {
            let size = usize::from(a::NDIS_SIZEOF_SRIOV_PF_LUID_INFO_REVISION_1);
            if buf.len() < size {
                return Some((NDIS_STATUS_INVALID_LENGTH, 0, size as u32));
            }
            buf[..size].fill(0);
            header(buf, 1, size);
            put32(buf, 4, info.pf_luid.0);
            put32(buf, 8, info.pf_luid.1 as u32);
            (NDIS_STATUS_SUCCESS, size as u32, 0)
        }
        OID_SRIOV_VF_SERIAL_NUMBER => {
            let size = usize::from(a::NDIS_SIZEOF_SRIOV_VF_SERIAL_NUMBER_INFO_REVISION_1);
            let Some(vf) = vf_for_serial else {
                return Some((NDIS_STATUS_NOT_SUPPORTED, 0, 0));
            };
            if buf.len() < size {
                return Some((NDIS_STATUS_INVALID_LENGTH, 0, size as u32));
            }
            buf[..size].fill(0);
            header(buf, 1, size);
            put32(buf, 4, info.serial_base.wrapping_add(u32::from(vf)));
            (NDIS_STATUS_SUCCESS, size as u32, 0)
        }
        _ => return None,
    };
    Some(r)
}

fn fo<T: AbiLayout>(name: &str) -> usize {
    T::field(name).map_or(0, |f| f.offset)
}

fn enum_switches(pf: &SriovPf, buf: &mut [u8]) -> (u32, u32, u32) {
    use a::NDIS_NIC_SWITCH_INFO as I;
    let head = usize::from(a::NDIS_SIZEOF_NIC_SWITCH_INFO_ARRAY_REVISION_1);
    let esz = usize::from(a::NDIS_SIZEOF_NIC_SWITCH_INFO_REVISION_1);
    let Some(s) = pf.switch().info() else {
        // No switch: an empty array.
        if buf.len() < head {
            return (NDIS_STATUS_INVALID_LENGTH, 0, head as u32);
        }
        buf[..head].fill(0);
        header(buf, 1, head);
        put32(buf, 4, head as u32);
        put32(buf, 12, esz as u32);
        return (NDIS_STATUS_SUCCESS, head as u32, 0);
    };
    let need = head + esz;
    if buf.len() < need {
        return (NDIS_STATUS_INVALID_LENGTH, 0, need as u32);
    }
    buf[..need].fill(0);
    header(buf, 1, head);
    put32(buf, 4, head as u32);
    put32(buf, 8, 1);
    put32(buf, 12, esz as u32);
    let e = &mut buf[head..need];
    header(e, 1, esz);
    put32(e, fo::<I>("SwitchType"), NDIS_NIC_SWITCH_TYPE_EXTERNAL);
    put32(e, fo::<I>("SwitchId"), s.switch_id);
    let name = fo::<I>("SwitchFriendlyName");
    e[name..name + 2].copy_from_slice(&s.name.len.to_le_bytes());
    e[name + 2..name + 2 + s.name.as_bytes().len()].copy_from_slice(s.name.as_bytes());
    for (f, v) in [
        ("NumVFs", s.num_vfs),
        ("NumAllocatedVFs", s.num_allocated_vfs),
        ("NumVPorts", s.num_vports),
        ("NumActiveVPorts", s.num_active_vports),
        (
            "NumQueuePairsForDefaultVPort",
            s.num_queue_pairs_for_default_vport,
        ),
        (
            "NumQueuePairsForNonDefaultVPorts",
            s.num_queue_pairs_for_nondefault_vports,
        ),
        (
            "NumActiveDefaultVPortMacAddresses",
            s.num_active_default_vport_mac_addresses,
        ),
        (
            "NumActiveNonDefaultVPortMacAddresses",
            s.num_active_nondefault_vport_mac_addresses,
        ),
        (
            "NumActiveDefaultVPortVlanIds",
            s.num_active_default_vport_vlan_ids,
        ),
        (
            "NumActiveNonDefaultVPortVlanIds",
            s.num_active_nondefault_vport_vlan_ids,
        ),
    ] {
        put32(e, fo::<I>(f), v);
    }
    (NDIS_STATUS_SUCCESS, need as u32, 0)
}

fn enum_vports(pf: &SriovPf, buf: &mut [u8], rt: RequestType) -> (u32, u32, u32) {
    use a::NDIS_NIC_SWITCH_VPORT_INFO as I;
    use a::NDIS_NIC_SWITCH_VPORT_INFO_ARRAY as H;
    let head = usize::from(a::NDIS_SIZEOF_NIC_SWITCH_VPORT_INFO_ARRAY_REVISION_1);
    let esz = usize::from(a::NDIS_SIZEOF_NIC_SWITCH_VPORT_INFO_REVISION_1);
    // Method: the caller's flags select a function or the switch; Query: all vPorts.
    let (flags, function) = if rt == RequestType::Method && buf.len() >= head {
        (
            get32(buf, fo::<H>("Flags")),
            u16::from_le_bytes([
                buf[fo::<H>("AttachedFunctionId")],
                buf[fo::<H>("AttachedFunctionId") + 1],
            ]),
        )
    } else {
        (0, 0)
    };
    if flags & !0x3 != 0 || flags == 0x3 {
        return (NDIS_STATUS_INVALID_PARAMETER, 0, 0);
    }
    let selected: Vec<_> = pf
        .switch()
        .vports()
        .filter(|v| {
            flags & a::NDIS_NIC_SWITCH_VPORT_INFO_ARRAY_ENUM_ON_SPECIFIC_FUNCTION == 0
                || match v.attach {
                    Attach::Pf => function == NDIS_PF_FUNCTION_ID,
                    Attach::Vf(n) => function == n,
                }
        })
        .copied()
        .collect();
    let need = head + esz * selected.len();
    if buf.len() < need {
        return (NDIS_STATUS_INVALID_LENGTH, 0, need as u32);
    }
    buf[..need].fill(0);
    header(buf, 1, head);
    put32(buf, fo::<H>("Flags"), flags);
    if flags & a::NDIS_NIC_SWITCH_VPORT_INFO_ARRAY_ENUM_ON_SPECIFIC_FUNCTION != 0 {
        let o = fo::<H>("AttachedFunctionId");
        buf[o..o + 2].copy_from_slice(&function.to_le_bytes());
    }
    put32(buf, fo::<H>("FirstElementOffset"), head as u32);
    put32(buf, fo::<H>("NumElements"), selected.len() as u32);
    put32(buf, fo::<H>("ElementSize"), esz as u32);
    for (i, v) in selected.iter().enumerate() {
        let e = &mut buf[head + i * esz..head + (i + 1) * esz];
        header(e, 1, esz);
        put32(e, fo::<I>("VPortId"), v.id);
        put32(e, fo::<I>("Flags"), v.flags);
        let name = fo::<I>("VPortName");
        e[name..name + 2].copy_from_slice(&v.name.len.to_le_bytes());
        e[name + 2..name + 2 + v.name.as_bytes().len()].copy_from_slice(v.name.as_bytes());
        let fid = match v.attach {
            Attach::Pf => NDIS_PF_FUNCTION_ID,
            Attach::Vf(n) => n,
        };
        let o = fo::<I>("AttachedFunctionId");
        e[o..o + 2].copy_from_slice(&fid.to_le_bytes());
        put32(e, fo::<I>("NumQueuePairs"), v.queue_pairs);
        put32(e, fo::<I>("InterruptModeration"), v.interrupt_moderation);
        put32(
            e,
            fo::<I>("VPortState"),
            match v.state {
                VPortState::Activated => vport_params::STATE_ACTIVATED,
                VPortState::Deactivated => vport_params::STATE_DEACTIVATED,
            },
        );
        let o = fo::<I>("ProcessorAffinity");
        e[o..o + 8].copy_from_slice(&v.affinity.mask.to_le_bytes());
        e[o + 8..o + 10].copy_from_slice(&v.affinity.group.to_le_bytes());
        put32(
            e,
            fo::<I>("NumFilters"),
            pf.switch().filters_on(v.id).count() as u32,
        );
    }
    (NDIS_STATUS_SUCCESS, need as u32, 0)
}

/// OID_RECEIVE_FILTER_ENUM_FILTERS (method) with NDIS_RECEIVE_FILTER_INFO_ARRAY_VPORT_ID_SPECIFIED:
/// the filters of one vPort (QueueId 0). Without the flag, or with no switch, `None` (the VMQ
/// answer applies).
fn enum_vport_filters(pf: &SriovPf, rt: RequestType, buf: &mut [u8]) -> Option<(u32, u32, u32)> {
    use svnic_abi::vmq as v;
    use v::NDIS_RECEIVE_FILTER_INFO_ARRAY as H;
    let head = usize::from(v::NDIS_SIZEOF_RECEIVE_FILTER_INFO_ARRAY_REVISION_2);
    let esz = usize::from(v::NDIS_SIZEOF_RECEIVE_FILTER_INFO_REVISION_1);
    if rt != RequestType::Method || buf.len() < head || !pf.switch_exists() {
        return None;
    }
    if get32(buf, fo::<H>("Flags")) & v::NDIS_RECEIVE_FILTER_INFO_ARRAY_VPORT_ID_SPECIFIED == 0 {
        return None;
    }
    let vport = get32(buf, fo::<H>("VPortId"));
    if get32(buf, fo::<H>("QueueId")) != 0 || pf.switch().vport(vport).is_none() {
        return Some((NDIS_STATUS_INVALID_PARAMETER, 0, 0));
    }
    let ids: Vec<u32> = pf.switch().filters_on(vport).map(|f| f.id).collect();
    let need = head + esz * ids.len();
    if buf.len() < need {
        return Some((NDIS_STATUS_INVALID_LENGTH, 0, need as u32));
    }
    buf[..need].fill(0);
    header(buf, 2, head);
    put32(buf, fo::<H>("FirstElementOffset"), head as u32);
    put32(buf, fo::<H>("NumElements"), ids.len() as u32);
    put32(buf, fo::<H>("ElementSize"), esz as u32);
    put32(
        buf,
        fo::<H>("Flags"),
        v::NDIS_RECEIVE_FILTER_INFO_ARRAY_VPORT_ID_SPECIFIED,
    );
    put32(buf, fo::<H>("VPortId"), vport);
    for (i, id) in ids.iter().enumerate() {
        let e = &mut buf[head + i * esz..head + (i + 1) * esz];
        header(e, 1, esz);
        put32(
            e,
            fo::<v::NDIS_RECEIVE_FILTER_INFO>("FilterType"),
            filter_params::FILTER_TYPE_VM_QUEUE,
        );
        put32(e, fo::<v::NDIS_RECEIVE_FILTER_INFO>("FilterId"), *id);
    }
    Some((NDIS_STATUS_SUCCESS, need as u32, 0))
}

fn write_vf_info(pf: &SriovPf, vf: u16, e: &mut [u8]) -> bool {
    use a::NDIS_NIC_SWITCH_VF_INFO as I;
    let Some(v) = pf.switch().vf(vf) else {
        return false;
    };
    let esz = usize::from(a::NDIS_SIZEOF_NIC_SWITCH_VF_INFO_REVISION_1);
    e[..esz].fill(0);
    header(e, 1, esz);
    for (f, n) in [
        ("VMName", &v.vm_name),
        ("VMFriendlyName", &v.vm_friendly_name),
        ("NicName", &v.nic_name),
    ] {
        let o = fo::<I>(f);
        e[o..o + 2].copy_from_slice(&n.len.to_le_bytes());
        e[o + 2..o + 2 + n.as_bytes().len()].copy_from_slice(n.as_bytes());
    }
    let o = fo::<I>("MacAddressLength");
    e[o..o + 2].copy_from_slice(&6u16.to_le_bytes());
    let o = fo::<I>("PermanentMacAddress");
    e[o..o + 6].copy_from_slice(&v.permanent_mac);
    let o = fo::<I>("CurrentMacAddress");
    e[o..o + 6].copy_from_slice(&v.current_mac);
    let o = fo::<I>("VFId");
    e[o..o + 2].copy_from_slice(&v.id.to_le_bytes());
    put32(e, fo::<I>("RequestorId"), v.rid);
    true
}

fn enum_vfs(pf: &SriovPf, buf: &mut [u8]) -> (u32, u32, u32) {
    use a::NDIS_NIC_SWITCH_VF_INFO_ARRAY as H;
    let head = usize::from(a::NDIS_SIZEOF_NIC_SWITCH_VF_INFO_ARRAY_REVISION_1);
    let esz = usize::from(a::NDIS_SIZEOF_NIC_SWITCH_VF_INFO_REVISION_1);
    let ids: Vec<u16> = pf.switch().vfs().map(|v| v.id).collect();
    let need = head + esz * ids.len();
    if buf.len() < need {
        return (NDIS_STATUS_INVALID_LENGTH, 0, need as u32);
    }
    buf[..need].fill(0);
    header(buf, 1, head);
    put32(buf, fo::<H>("FirstElementOffset"), head as u32);
    put32(buf, fo::<H>("NumElements"), ids.len() as u32);
    put32(buf, fo::<H>("ElementSize"), esz as u32);
    for (i, vf) in ids.iter().enumerate() {
        write_vf_info(pf, *vf, &mut buf[head + i * esz..head + (i + 1) * esz]);
    }
    (NDIS_STATUS_SUCCESS, need as u32, 0)
}

fn vf_parameters(pf: &SriovPf, buf: &mut [u8]) -> (u32, u32, u32) {
    let esz = vf_params::SIZE_REVISION_1;
    if buf.len() < esz {
        return (NDIS_STATUS_INVALID_LENGTH, 0, esz as u32);
    }
    let vf = u16::from_le_bytes([buf[vf_params::VF_ID], buf[vf_params::VF_ID + 1]]);
    if pf.switch().vf(vf).is_none() {
        return (NDIS_STATUS_INVALID_PARAMETER, 0, 0);
    }
    write_vf_info(pf, vf, buf);
    (NDIS_STATUS_SUCCESS, esz as u32, 0)
}

// ---- OID buffers the switch issues ----------------------------------------------------------

fn header(b: &mut [u8], rev: u8, size: usize) {
    b[0] = NDIS_OBJECT_TYPE_DEFAULT;
    b[1] = rev;
    b[2..4].copy_from_slice(&(size as u16).to_le_bytes());
}

fn put32(b: &mut [u8], off: usize, v: u32) {
    b[off..off + 4].copy_from_slice(&v.to_le_bytes());
}

fn get32(b: &[u8], off: usize) -> u32 {
    u32::from_le_bytes([b[off], b[off + 1], b[off + 2], b[off + 3]])
}

fn put_name(b: &mut [u8], off: usize, s: &str) {
    let u: Vec<u16> = s.encode_utf16().take(256).collect();
    b[off..off + 2].copy_from_slice(&((u.len() * 2) as u16).to_le_bytes());
    for (i, c) in u.iter().enumerate() {
        b[off + 2 + 2 * i..off + 4 + 2 * i].copy_from_slice(&c.to_le_bytes());
    }
}

/// NDIS_NIC_SWITCH_PARAMETERS rev1 from NicSwitches\0.
pub fn switch_params_buf(num_vfs: u32) -> Vec<u8> {
    let mut b = vec![0u8; switch_params::SIZE_REVISION_1];
    header(&mut b, 1, switch_params::SIZE_REVISION_1);
    put32(&mut b, switch_params::SWITCH_TYPE, NDIS_NIC_SWITCH_TYPE_EXTERNAL);
    put_name(&mut b, switch_params::SWITCH_FRIENDLY_NAME, "Default Switch");
    put32(&mut b, switch_params::NUM_VFS, num_vfs);
    b
}

pub fn delete_switch_buf() -> Vec<u8> {
    let mut b = vec![0u8; delete_switch::SIZE_REVISION_1];
    header(&mut b, 1, delete_switch::SIZE_REVISION_1);
    b
}

/// NDIS_RECEIVE_FILTER_PARAMETERS rev2 with one MAC field (+ a VLAN field, or UNTAGGED_OR_ZERO).
pub fn set_filter_buf(id: u32, vport: u32, mac: [u8; 6], vlan: Option<u16>) -> Vec<u8> {
    let n = if vlan.is_some() { 2 } else { 1 };
    let off = filter_params::SIZE_REVISION_2;
    let esz = filter_params::FIELD_SIZE_REVISION_1;
    let mut b = vec![0u8; off + n * esz];
    header(&mut b, 2, filter_params::SIZE_REVISION_2);
    put32(
        &mut b,
        filter_params::FILTER_TYPE,
        filter_params::FILTER_TYPE_VM_QUEUE,
    );
    put32(&mut b, filter_params::FILTER_ID, id);
    put32(&mut b, filter_params::FIELD_ARRAY_OFFSET, off as u32);
    put32(&mut b, filter_params::FIELD_ARRAY_NUM_ELEMENTS, n as u32);
    put32(&mut b, filter_params::FIELD_ARRAY_ELEMENT_SIZE, esz as u32);
    put32(&mut b, filter_params::VPORT_ID, vport);
    let e = &mut b[off..off + esz];
    header(e, 1, esz);
    put32(
        e,
        filter_params::FIELD_FRAME_HEADER,
        filter_params::FRAME_HEADER_MAC,
    );
    put32(e, filter_params::FIELD_TEST, filter_params::TEST_EQUAL);
    put32(
        e,
        filter_params::FIELD_HEADER_FIELD,
        filter_params::MAC_FIELD_DESTINATION_ADDRESS,
    );
    e[filter_params::FIELD_VALUE..filter_params::FIELD_VALUE + 6].copy_from_slice(&mac);
    match vlan {
        None => put32(
            e,
            filter_params::FIELD_FLAGS,
            filter_params::FIELD_FLAG_VLAN_UNTAGGED_OR_ZERO,
        ),
        Some(v) => {
            let e = &mut b[off + esz..off + 2 * esz];
            header(e, 1, esz);
            put32(
                e,
                filter_params::FIELD_FRAME_HEADER,
                filter_params::FRAME_HEADER_MAC,
            );
            put32(e, filter_params::FIELD_TEST, filter_params::TEST_EQUAL);
            put32(
                e,
                filter_params::FIELD_HEADER_FIELD,
                filter_params::MAC_FIELD_VLAN_ID,
            );
            e[filter_params::FIELD_VALUE..filter_params::FIELD_VALUE + 2].copy_from_slice(&v.to_le_bytes());
        }
    }
    b
}

pub fn clear_filter_buf(id: u32) -> Vec<u8> {
    let mut b = vec![0u8; clear_filter::SIZE_REVISION_1];
    header(&mut b, 1, clear_filter::SIZE_REVISION_1);
    put32(&mut b, clear_filter::FILTER_ID, id);
    b
}

pub fn allocate_vf_buf(mac: [u8; 6], vm: &str) -> Vec<u8> {
    let mut b = vec![0u8; vf_params::SIZE_REVISION_1];
    header(&mut b, 1, vf_params::SIZE_REVISION_1);
    put_name(&mut b, vf_params::VM_NAME, vm);
    put_name(&mut b, vf_params::VM_FRIENDLY_NAME, vm);
    put_name(&mut b, vf_params::NIC_NAME, "Network Adapter");
    b[vf_params::MAC_ADDRESS_LENGTH..vf_params::MAC_ADDRESS_LENGTH + 2].copy_from_slice(&6u16.to_le_bytes());
    b[vf_params::PERMANENT_MAC_ADDRESS..vf_params::PERMANENT_MAC_ADDRESS + 6].copy_from_slice(&mac);
    b[vf_params::CURRENT_MAC_ADDRESS..vf_params::CURRENT_MAC_ADDRESS + 6].copy_from_slice(&mac);
    b[vf_params::VF_ID..vf_params::VF_ID + 2].copy_from_slice(&NDIS_INVALID_VF_FUNCTION_ID.to_le_bytes());
    put32(&mut b, vf_params::REQUESTOR_ID, NDIS_INVALID_RID);
    b
}

pub fn free_vf_buf(vf: u16) -> Vec<u8> {
    let mut b = vec![0u8; free_vf::SIZE_REVISION_1];
    header(&mut b, 1, free_vf::SIZE_REVISION_1);
    b[free_vf::VF_ID..free_vf::VF_ID + 2].copy_from_slice(&vf.to_le_bytes());
    b
}

/// CREATE_VPORT for a VF: Activated, one queue pair, adaptive moderation.
pub fn vf_vport_buf(vport: u32, vf: u16) -> Vec<u8> {
    let mut b = vec![0u8; vport_params::SIZE_REVISION_1];
    header(&mut b, 1, vport_params::SIZE_REVISION_1);
    put32(&mut b, vport_params::VPORT_ID, vport);
    put_name(&mut b, vport_params::VPORT_NAME, "VF vPort");
    b[vport_params::ATTACHED_FUNCTION_ID..vport_params::ATTACHED_FUNCTION_ID + 2]
        .copy_from_slice(&vf.to_le_bytes());
    put32(&mut b, vport_params::NUM_QUEUE_PAIRS, 1);
    put32(&mut b, vport_params::INTERRUPT_MODERATION, 1);
    put32(&mut b, vport_params::VPORT_STATE, vport_params::STATE_ACTIVATED);
    b
}

pub fn delete_vport_buf(vport: u32) -> Vec<u8> {
    let mut b = vec![0u8; delete_vport::SIZE_REVISION_1];
    header(&mut b, 1, delete_vport::SIZE_REVISION_1);
    put32(&mut b, delete_vport::VPORT_ID, vport);
    b
}

pub fn reset_vf_buf(vf: u16) -> Vec<u8> {
    let mut b = vec![0u8; reset_vf::SIZE_REVISION_1];
    header(&mut b, 1, reset_vf::SIZE_REVISION_1);
    b[reset_vf::VF_ID..reset_vf::VF_ID + 2].copy_from_slice(&vf.to_le_bytes());
    b
}

pub fn move_filter_buf(id: u32, src: u32, dst: u32) -> Vec<u8> {
    let mut b = vec![0u8; move_filter::SIZE_REVISION_1];
    header(&mut b, 1, move_filter::SIZE_REVISION_1);
    put32(&mut b, move_filter::FILTER_ID, id);
    put32(&mut b, move_filter::SOURCE_VPORT_ID, src);
    put32(&mut b, move_filter::DEST_VPORT_ID, dst);
    b
}

/// The VLAN rule a vNIC's filter carries (for assertions).
pub fn vlan_rule(vlan: Option<u16>) -> VlanMatch {
    match vlan {
        Some(v) => VlanMatch::Vid(v),
        None => VlanMatch::UntaggedOrZero,
    }
}
