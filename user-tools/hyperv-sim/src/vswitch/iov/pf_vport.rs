//! SR-IOV + VMQ: a VM with a VmqWeight that does not get a VF gets a PF non-default vPort, which
//! replaces the VM queue (spec 2.4 "If SR-IOV and VMQ both enabled, PF non-default VPorts replace
//! VM queues"; spec 2.6 PF-vPort flow):
//!
//! CREATE_VPORT(PF, Deactivated, one processor) -> VPORT_PARAMETERS set (STATE_CHANGED,
//! Activated) -> SET_FILTER(VPortId) -> VPORT_PARAMETERS set (PROCESSOR_AFFINITY_CHANGED) for
//! each dynamic-VMQ move -> CLEAR_FILTER -> DELETE_VPORT at VM stop.
//!
//! Choices the documents leave open [INFERRED]:
//! * The switch gives PF vPorts only when the PF's current receive-filter caps have VM queues
//!   enabled (`IovNic::vm_queues_enabled`); with SR-IOV alone a VmqWeight changes nothing.
//! * When no PF vPort can be had (no VPortId left, CREATE_VPORT fails with RESOURCES, or
//!   activation / SET_FILTER fail) the VM stays on the default vPort, as a VMQ VM stays on the
//!   default queue when queues run out (spec 1.13); a vPort already created is deleted first.
//! * A VM with IovWeight > 0 whose VF attach failed already has its filter on the default vPort;
//!   it gets its PF vPort with MOVE_FILTER (default -> PF vPort), so its frames are never dropped
//!   in between, instead of CLEAR_FILTER + SET_FILTER.
//! * A VF revoke of a VM with a VmqWeight ends the same way: the filter is back on the default
//!   vPort after FREE_VF, and the VM gets a PF vPort by MOVE_FILTER (`place_on_pf_vport`), as
//!   Hyper-V would give a VMQ VM without a VF. VM stop does not (the VM is going).

use super::bufs::*;
use super::switch::{IovPath, IovSwitch, IovVm, VmState, VmqPlacement};
use super::IovNic;
use crate::RequestType;
use svnic_abi::status::*;
use svnic_miniport::sriov::abi::*;

impl<N: IovNic> IovSwitch<N> {
    /// Whether this switch gives VMs with a VmqWeight PF vPorts (the adapter runs SR-IOV + VMQ).
    pub fn pf_vports_for_vmq(&self) -> bool {
        self.nic.vm_queues_enabled()
    }

    /// A VM's vNIC with IovWeight and VmqWeight connects: a VF when IovWeight > 0 and one can be
    /// had (as [`connect`](Self::connect)); otherwise, with VmqWeight > 0 on an SR-IOV + VMQ
    /// adapter, a PF non-default vPort affinitized to `vmq.processor`; otherwise the default
    /// vPort. `Err` only when the default-vPort filter itself fails.
    pub fn connect_vmq(&mut self, cfg: IovVm, vmq: VmqPlacement) -> Result<IovPath, u32> {
        let wants_pf_vport = vmq.vmq_weight > 0 && self.pf_vports_for_vmq();
        if cfg.iov_weight > 0 || !wants_pf_vport {
            let path = self.connect_default_then_vf(cfg.clone(), Some(vmq))?;
            if path != IovPath::Synthetic || !wants_pf_vport {
                return Ok(path);
            }
            // No VF: the filter is on the default vPort; move it onto a PF vPort.
            let Some(i) = self.vm_index(&cfg.name) else {
                return Ok(path);
            };
            self.place_on_pf_vport(i);
            return Ok(self.vms[i].path);
        }
        let filter = self.new_filter_id();
        let mut path = IovPath::Synthetic;
        if let Some(vport) = self.create_active_pf_vport(vmq.processor) {
            let set = self.ok(
                RequestType::Method,
                OID_RECEIVE_FILTER_SET_FILTER,
                &set_filter_buf(filter, vport, cfg.mac, cfg.vlan),
            );
            if set.is_ok() {
                path = IovPath::PfVPort { vport };
            } else {
                self.delete_pf_vport(vport);
            }
        }
        if path == IovPath::Synthetic {
            self.ok(
                RequestType::Method,
                OID_RECEIVE_FILTER_SET_FILTER,
                &set_filter_buf(filter, 0, cfg.mac, cfg.vlan),
            )?;
        }
        self.vms.push(VmState {
            cfg,
            filter,
            path,
            vmq: Some(vmq),
            rx: Vec::new(),
        });
        Ok(path)
    }

    /// VM `i`, whose filter is on the default vPort (no VF), gets a PF vPort when it has a
    /// VmqWeight and the adapter runs SR-IOV + VMQ: CREATE_VPORT -> VPORT_PARAMETERS(Activated)
    /// -> MOVE_FILTER default -> PF vPort (the filter is never absent, so no frame is dropped in
    /// between). It stays on the default vPort (a vPort just made is deleted) when no PF vPort
    /// can be had or the move is refused. Used at connect after a failed VF attach and at VF
    /// revoke.
    pub(super) fn place_on_pf_vport(&mut self, i: usize) {
        let Some(vmq) = self.vms[i].vmq else {
            return;
        };
        if vmq.vmq_weight == 0 || !self.pf_vports_for_vmq() || self.vms[i].path != IovPath::Synthetic {
            return;
        }
        let filter = self.vms[i].filter;
        let Some(vport) = self.create_active_pf_vport(vmq.processor) else {
            return;
        };
        if self
            .ok(
                RequestType::Set,
                OID_RECEIVE_FILTER_MOVE_FILTER,
                &move_filter_buf(filter, 0, vport),
            )
            .is_err()
        {
            self.delete_pf_vport(vport);
            return;
        }
        self.vms[i].path = IovPath::PfVPort { vport };
    }

    /// CREATE_VPORT(PF, Deactivated, `processor`) -> VPORT_PARAMETERS(STATE_CHANGED, Activated).
    /// `None` (and nothing left behind) when either fails or no VPortId is free.
    fn create_active_pf_vport(&mut self, processor: u8) -> Option<u32> {
        let vport = self.free_vport_id()?;
        self.ok(
            RequestType::Method,
            OID_NIC_SWITCH_CREATE_VPORT,
            &pf_vport_buf(vport, processor, vport_params::STATE_DEACTIVATED, 0),
        )
        .ok()?;
        let act = vport_parameters_buf(
            vport,
            vport_params::STATE_CHANGED,
            vport_params::STATE_ACTIVATED,
            processor,
        );
        if self
            .ok(RequestType::Set, OID_NIC_SWITCH_VPORT_PARAMETERS, &act)
            .is_err()
        {
            self.delete_pf_vport(vport);
            return None;
        }
        Some(vport)
    }

    fn delete_pf_vport(&mut self, vport: u32) {
        // Best effort on an error path: the status is in the trace.
        let _ = self.ok(
            RequestType::Set,
            OID_NIC_SWITCH_DELETE_VPORT,
            &delete_vport_buf(vport),
        );
    }

    /// Dynamic VMQ: move VM `name` to `processor`. On a PF vPort this is VPORT_PARAMETERS set
    /// with PROCESSOR_AFFINITY_CHANGED (the vPort stays Activated, its filter stays); on any
    /// other path only the VM's placement is recorded. The placement changes only on success.
    pub fn move_vm(&mut self, name: &str, processor: u8) -> Result<(), u32> {
        let Some(i) = self.vm_index(name) else {
            return Err(NDIS_STATUS_INVALID_PARAMETER);
        };
        if let IovPath::PfVPort { vport } = self.vms[i].path {
            let b = vport_parameters_buf(
                vport,
                vport_params::PROCESSOR_AFFINITY_CHANGED,
                vport_params::STATE_ACTIVATED,
                processor,
            );
            self.ok(RequestType::Set, OID_NIC_SWITCH_VPORT_PARAMETERS, &b)?;
        }
        let placement = self.vms[i].vmq.get_or_insert(VmqPlacement {
            vmq_weight: 0,
            processor,
        });
        placement.processor = processor;
        Ok(())
    }

    /// The VmqWeight and processor VM `name` was connected with (after any moves).
    pub fn placement(&self, name: &str) -> Option<VmqPlacement> {
        self.vm_index(name).and_then(|i| self.vms[i].vmq)
    }
}
