//! [`IovSwitch`]: the OIDs Hyper-V's switch with IOV issues, in the documented order (spec 2.6).
//! The PF non-default vPort flow of SR-IOV + VMQ is in `pf_vport`, the receive side in `rx`.

use super::bufs::*;
use super::IovNic;
use crate::host::OidResult;
use crate::RequestType;
use svnic_abi::oid::OID_GEN_CURRENT_PACKET_FILTER;
use svnic_abi::status::*;
use svnic_miniport::sriov::abi::*;

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
    /// Through PF non-default vPort `vport` (SR-IOV + VMQ: the vPort replaces the VM queue,
    /// spec 2.4); its frames are the VM's already, no parse and no copy in the switch.
    PfVPort { vport: u32 },
}

impl IovPath {
    /// The non-default vPort the VM's filter is on (`None` on the default vPort).
    pub fn vport(&self) -> Option<u32> {
        match *self {
            IovPath::Synthetic => None,
            IovPath::Vf { vport, .. } | IovPath::PfVPort { vport } => Some(vport),
        }
    }
}

/// Set-VMNetworkAdapter -VmqWeight and the VM's processor, for [`IovSwitch::connect_vmq`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VmqPlacement {
    /// 0 = never a queue (nor a PF vPort).
    pub vmq_weight: u32,
    /// Processor (group 0) the PF vPort's interrupts and indications should target.
    pub processor: u8,
}

#[derive(Clone, Debug)]
pub(super) struct VmState {
    pub(super) cfg: IovVm,
    pub(super) filter: u32,
    pub(super) path: IovPath,
    pub(super) vmq: Option<VmqPlacement>,
    pub(super) rx: Vec<super::IovRx>,
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
    pub(super) nic: N,
    max_vports: u32,
    next_filter: u32,
    pub(super) vms: Vec<VmState>,
    trace: Vec<Issued>,
    created: bool,
    pub(super) counters: super::IovSwitchCounters,
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
            counters: super::IovSwitchCounters::default(),
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

    pub(super) fn vm_index(&self, name: &str) -> Option<usize> {
        self.vms.iter().position(|v| v.cfg.name == name)
    }

    pub(super) fn new_filter_id(&mut self) -> u32 {
        let filter = self.next_filter;
        self.next_filter = self.next_filter.wrapping_add(1).max(1);
        filter
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

    pub(super) fn ok(&mut self, rt: RequestType, oid: u32, input: &[u8]) -> Result<OidResult, u32> {
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

    /// The switch's protocol edge binds to the PF and sets its packet filter
    /// (OID_GEN_CURRENT_PACKET_FILTER): Hyper-V sets NDIS_PACKET_TYPE_PROMISCUOUS
    /// (`svnic_abi::oid`), so frames for
    /// synthetic vNICs and unknown unicast come up the default vPort to the switch.
    pub fn set_packet_filter(&mut self, filter: u32) -> Result<(), u32> {
        self.ok(
            RequestType::Set,
            OID_GEN_CURRENT_PACKET_FILTER,
            &filter.to_le_bytes(),
        )?;
        Ok(())
    }

    /// NDIS's VPortId assignment: the lowest id below MaxNumVPorts no VF or PF vPort uses.
    pub(super) fn free_vport_id(&self) -> Option<u32> {
        (1..self.max_vports).find(|id| !self.vms.iter().any(|v| v.path.vport() == Some(*id)))
    }

    /// A VM's vNIC connects and the VM starts (spec 2.6 steps 1-4).
    pub fn connect(&mut self, cfg: IovVm) -> Result<IovPath, u32> {
        self.connect_default_then_vf(cfg, None)
    }

    /// SET_FILTER on the default vPort, then (IovWeight > 0) the VF attach.
    pub(super) fn connect_default_then_vf(
        &mut self,
        cfg: IovVm,
        vmq: Option<VmqPlacement>,
    ) -> Result<IovPath, u32> {
        let filter = self.new_filter_id();
        self.ok(
            RequestType::Method,
            OID_RECEIVE_FILTER_SET_FILTER,
            &set_filter_buf(filter, 0, cfg.mac, cfg.vlan),
        )?;
        let mut st = VmState {
            cfg,
            filter,
            path: IovPath::Synthetic,
            vmq,
            rx: Vec::new(),
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
    /// A VM with a VmqWeight on an SR-IOV + VMQ adapter then gets what a VMQ VM gets, a PF
    /// non-default vPort (spec 2.4): CREATE_VPORT -> VPORT_PARAMETERS(Activated) -> MOVE_FILTER
    /// default -> PF vPort, the order of [`connect_vmq`](Self::connect_vmq) for a VM whose filter
    /// is already on the default vPort; it stays on the default vPort when no PF vPort is left.
    pub fn revoke_vf(&mut self, name: &str) -> Result<(), u32> {
        let Some(i) = self.vm_index(name) else {
            return Err(NDIS_STATUS_INVALID_PARAMETER);
        };
        if self.detach_vf(i)? {
            self.place_on_pf_vport(i);
        }
        Ok(())
    }

    /// The VF teardown of VM `i` (MOVE_FILTER back -> DELETE_VPORT -> RESET_VF -> FREE_VF);
    /// whether it had a VF.
    fn detach_vf(&mut self, i: usize) -> Result<bool, u32> {
        let (filter, path) = (self.vms[i].filter, self.vms[i].path);
        let IovPath::Vf { vf, vport } = path else {
            return Ok(false);
        };
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
        Ok(true)
    }

    /// VM stop: its VF torn down (no PF vPort is made for a stopping VM), then its filter
    /// cleared; a VM on a PF vPort: CLEAR_FILTER -> DELETE_VPORT (spec 2.6, PF-vPort flow).
    /// A DELETE_VPORT that a reset completed with REQUEST_ABORTED is issued once more [INFERRED:
    /// the switch still wants the vPort gone]; the driver pends it on the same free.
    pub fn stop(&mut self, name: &str) -> Result<(), u32> {
        let Some(i) = self.vm_index(name) else {
            return Err(NDIS_STATUS_INVALID_PARAMETER);
        };
        self.detach_vf(i)?;
        let (filter, path) = (self.vms[i].filter, self.vms[i].path);
        self.ok(
            RequestType::Set,
            OID_RECEIVE_FILTER_CLEAR_FILTER,
            &clear_filter_buf(filter),
        )?;
        if let IovPath::PfVPort { vport } = path {
            // May pend until the vPort's indicated NBLs are back; `IovNic::oid` waits for it.
            let del = delete_vport_buf(vport);
            match self.ok(RequestType::Set, OID_NIC_SWITCH_DELETE_VPORT, &del) {
                Err(NDIS_STATUS_REQUEST_ABORTED) => {
                    self.ok(RequestType::Set, OID_NIC_SWITCH_DELETE_VPORT, &del)?;
                }
                r => {
                    r?;
                }
            }
        }
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
