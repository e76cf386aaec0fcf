//! IOV sequences of the Hyper-V extensible switch (spec 2.6), the NDIS-handled SR-IOV OIDs, and
//! the host end of the PF<->VF backchannel.
//!
//! * [`IovSwitch`] issues the OIDs Hyper-V issues, in the documented order: switch creation with
//!   IOV (CREATE_SWITCH); a VM with IovWeight > 0 starting (SET_FILTER on the default vPort ->
//!   ALLOCATE_VF -> CREATE_VPORT -> MOVE_FILTER); VF revoke / VM stop (MOVE_FILTER back ->
//!   DELETE_VPORT -> RESET_VF -> FREE_VF -> CLEAR_FILTER); PF halt (every VM down, then
//!   DELETE_SWITCH). As NDIS does, it assigns FilterIds and VPortIds before passing requests down.
//!   A VM whose ALLOCATE_VF fails stays on the synthetic path (its filter on the default vPort).
//!   With SR-IOV + VMQ (the PF's current receive-filter caps have VM queues enabled), a VM with a
//!   VmqWeight and no VF gets a PF non-default vPort instead of a VM queue (spec 2.4, 2.6:
//!   CREATE_VPORT Deactivated -> VPORT_PARAMETERS Activated -> SET_FILTER(VPortId); dynamic VMQ
//!   moves are VPORT_PARAMETERS with PROCESSOR_AFFINITY_CHANGED; stop is CLEAR_FILTER ->
//!   DELETE_VPORT); when PF vPorts run out it stays on the default vPort. A VF revoke of such a
//!   VM (after the VF teardown) puts it on a PF vPort the same way (MOVE_FILTER from vPort 0).
//!   [`IovSwitch::deliver`]
//!   hands PF-vPort frames to their VM as they are and parses / copies default-vPort frames.
//! * [`ndis_answer`] answers the NDIS-handled OIDs (SR-IOV and NIC-switch capabilities,
//!   ENUM_SWITCHES, ENUM_VPORTS, ENUM_VFS, VF_PARAMETERS, PF_LUID, VF_SERIAL_NUMBER) from the PF
//!   engine's state, as NDIS answers them from its cache.
//! * [`Backchannel`] is the host end of svnic's backchannel: one mailbox session per VF (served
//!   over the model's mailbox by `svnic_miniport::sriov::model_hw::carrier`), and the OR-ing of
//!   NdisMInvalidateConfigBlock masks until the guest's OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK.
//!
//! Files: `switch` (the switch and its VF sequences), `pf_vport` (SR-IOV + VMQ: PF non-default
//! vPorts for VMQ VMs), `rx` (delivery of the PF's indications to VMs), `ndis` (the NDIS-handled
//! answers), `bufs` (the OID buffers the switch issues), `backchannel` (the host end of the
//! backchannel).

mod backchannel;
mod bufs;
mod ndis;
mod pf_vport;
mod rx;
mod switch;

pub use backchannel::*;
pub use bufs::*;
pub use ndis::*;
pub use rx::*;
pub use switch::*;

use crate::host::{AdapterRef, OidResult};
use crate::state::CapturedRx;
use crate::RequestType;
use svnic_abi::status::*;

/// What the switch needs from the PF adapter below it.
pub trait IovNic {
    /// One OID request; a pended one is waited for. Method: `input` then room for `out_len`.
    fn oid(&self, rt: RequestType, oid: u32, input: &[u8], out_len: usize) -> OidResult;

    /// Whether the PF's current receive-filter capabilities (what NDIS hands the switch at bind)
    /// have VM queues enabled with at least one queue: the adapter runs SR-IOV + VMQ, so a VM
    /// with a VmqWeight and no VF gets a PF non-default vPort (spec 2.4). Default: no.
    fn vm_queues_enabled(&self) -> bool {
        false
    }

    /// Receive indications of the PF since the last call (the NIC side returns the NBLs).
    /// Default: none (a NIC double without a receive path).
    fn take_received(&self) -> Vec<CapturedRx> {
        Vec::new()
    }
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

    fn vm_queues_enabled(&self) -> bool {
        use svnic_abi::layout::AbiLayout;
        use svnic_abi::vmq::{NDIS_RECEIVE_FILTER_CAPABILITIES as C, NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED};
        let Some(caps) = self.hardware_assist().and_then(|h| h.current_receive_filter) else {
            return false;
        };
        let field = |name: &str| {
            let o = C::field(name)?.offset;
            let b = caps.get(o..o + 4)?;
            Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        };
        let queue_types = field("EnabledQueueTypes").unwrap_or(0);
        let num_queues = field("NumQueues").unwrap_or(0);
        queue_types & NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED != 0 && num_queues > 0
    }

    fn take_received(&self) -> Vec<CapturedRx> {
        AdapterRef::take_received(self)
    }
}
