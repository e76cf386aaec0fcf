//! The VF miniport (spec section 2.7): the same driver bound to a VF in a guest partition
//! (NdisGetHypervisorInfo -> MsHvChild).
//!
//! It reports NDIS_SRIOV_CAPABILITIES {SRIOV_SUPPORTED | VF_MINIPORT} as both hardware and current
//! capabilities and nothing else SR-IOV related: no VMQ, no NIC switch, no receive-filter caps. It
//! never reads SR-IOV keywords. It learns its configuration from the PF only through the
//! backchannel — NdisMReadConfigBlock / NdisMWriteConfigBlock ([`crate::os::Os`]), which the
//! virtualization stack turns into OID_SRIOV_READ/WRITE_VF_CONFIG_BLOCK on the PF — and re-reads
//! blocks when OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK arrives after the PF called
//! NdisMInvalidateConfigBlock.

pub mod adapter;
pub mod datapath;

use crate::general;
use crate::oid::{precheck, OidOutcome, OidOwner, OidRequest, OidRow, OidTable, RequestType};
use crate::os::Os;
use crate::sriov::abi::{self, invalidate};
use crate::sriov::backchannel::{
    LinkState, VfDriverInfo, VfInfo, VfRequestBlock, BLOCK_LINK_STATE, BLOCK_VF_DRIVER_INFO, BLOCK_VF_INFO,
    BLOCK_VF_REQUEST,
};
use crate::sriov::bytes::{check_header, u64_at};
use crate::sriov::caps::{write_sriov_caps, SriovRole};
use svnic_abi::status::{
    NdisStatus, NDIS_STATUS_FAILURE, NDIS_STATUS_INVALID_PARAMETER, NDIS_STATUS_SUCCESS,
};

static VF_ROWS: [OidRow; 1] = [OidRow::new(
    RequestType::Method,
    abi::OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK,
    invalidate::SIZE_REVISION_1 as u32,
)];

/// The VF miniport's own OIDs (beyond the general ones the core answers).
pub fn oid_rows() -> &'static [OidRow] {
    &VF_ROWS
}

/// The general rows of the VF adapter: the PF's general rows ([`general::OID_ROWS`]), answered
/// by the same code ([`general::handle`]) from the VF's own state (see
/// [`adapter::VfAdapter`]'s [`general::GeneralSource`]): MAC, MTU and link from the PF's
/// VF_INFO / LINK_STATE blocks, statistics from the VF's queue pair, packet filter and
/// multicast list applied by the VF's receive DPC.
pub fn general_oid_rows() -> &'static [OidRow] {
    general::OID_ROWS
}

/// NDIS_INTERRUPT_MODERATION_PARAMETERS revision 1: header, Flags, InterruptModeration.
pub const NDIS_SIZEOF_INTERRUPT_MODERATION_PARAMETERS_REVISION_1: u32 = 12;

/// General rows only the VF answers (the PF does not list them): OID_GEN_INTERRUPT_MODERATION,
/// mandatory (query and set) for an NDIS 6 miniport. The VF's moderation is the vPort's, which
/// the PF sets (VPORT_PARAMETERS); the guest cannot change it, so a query reports
/// NdisInterruptModerationNotSupported and a set is NDIS_STATUS_INVALID_DATA, as documented for
/// that answer ([`adapter::VfAdapter::oid`]).
static VF_EXTRA_GENERAL_ROWS: [OidRow; 2] = [
    OidRow::new(
        RequestType::Query,
        svnic_abi::oid::OID_GEN_INTERRUPT_MODERATION,
        NDIS_SIZEOF_INTERRUPT_MODERATION_PARAMETERS_REVISION_1,
    ),
    OidRow::new(
        RequestType::Set,
        svnic_abi::oid::OID_GEN_INTERRUPT_MODERATION,
        NDIS_SIZEOF_INTERRUPT_MODERATION_PARAMETERS_REVISION_1,
    ),
];

/// The general rows only the VF answers (after [`general_oid_rows`] in its table).
pub fn extra_general_oid_rows() -> &'static [OidRow] {
    &VF_EXTRA_GENERAL_ROWS
}

/// The VF adapter's dispatch table: the PF's general rows, the VF's extra general rows, its own
/// SR-IOV row.
pub fn oid_table() -> OidTable {
    OidTable {
        parts: [
            (OidOwner::General, general::OID_ROWS),
            (OidOwner::General, &VF_EXTRA_GENERAL_ROWS),
            (OidOwner::Sriov, &VF_ROWS),
        ],
    }
}

fn all_rows() -> impl Iterator<Item = &'static OidRow> + Clone {
    general::OID_ROWS
        .iter()
        .chain(VF_EXTRA_GENERAL_ROWS.iter())
        .chain(VF_ROWS.iter())
}

/// Every OID the VF adapter supports (its OID_GEN_SUPPORTED_LIST / the SupportedOidList of its
/// general attributes): the distinct OIDs of [`oid_table`], in table order.
pub fn supported_oids() -> impl Iterator<Item = u32> {
    all_rows().enumerate().filter_map(|(i, r)| {
        let first = all_rows().position(|x| x.oid == r.oid) == Some(i);
        first.then_some(r.oid)
    })
}

/// svnic's VF driver version, written into VF_DRIVER_INFO.
pub const VF_DRIVER_VERSION: u32 = 0x0001_0000;

/// What the VF advertises in NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VfHardwareAssist {
    /// NDIS_SRIOV_CAPABILITIES flags for both HardwareSriovCapabilities and CurrentSriovCapabilities.
    pub sriov_capabilities: u32,
    /// Receive-filter (VMQ) capabilities: never on a VF.
    pub receive_filter: bool,
    /// NIC-switch capabilities: never on a VF.
    pub nic_switch: bool,
}

/// The VF miniport's state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VfMiniport {
    info: Option<VfInfo>,
    link: Option<LinkState>,
    /// OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK requests handled.
    invalidations: u32,
    /// Block re-reads done because of invalidations, per block id 0..4.
    rereads: [u32; 4],
}

impl VfMiniport {
    /// MiniportInitializeEx in VF mode: read VF_INFO and LINK_STATE from the PF, tell it which
    /// driver runs. Fails (the VF does not start) if the PF's blocks cannot be read.
    pub fn initialize(os: &dyn Os) -> Result<Self, NdisStatus> {
        let mut vf = Self::default();
        vf.reread(os, BLOCK_VF_INFO)?;
        vf.reread(os, BLOCK_LINK_STATE)?;
        let drv = VfDriverInfo::new(VF_DRIVER_VERSION, "svnic VF miniport");
        let st = os.write_vf_config_block(BLOCK_VF_DRIVER_INFO, &drv.encode());
        if st != NDIS_STATUS_SUCCESS {
            return Err(st);
        }
        vf.rereads = [0; 4];
        Ok(vf)
    }

    /// The hardware-assist attributes the VF reports.
    pub fn hardware_assist() -> VfHardwareAssist {
        VfHardwareAssist {
            sriov_capabilities: crate::sriov::caps::sriov_capability_flags(SriovRole::Vf),
            receive_filter: false,
            nic_switch: false,
        }
    }

    /// Write the VF's NDIS_SRIOV_CAPABILITIES (12 bytes) into `buf`.
    pub fn write_sriov_caps(buf: &mut [u8]) -> Option<usize> {
        write_sriov_caps(buf, SriovRole::Vf)
    }

    /// The VF's configuration as last read from the PF.
    pub fn info(&self) -> Option<&VfInfo> {
        self.info.as_ref()
    }

    /// The link state as last read from the PF.
    pub fn link(&self) -> Option<&LinkState> {
        self.link.as_ref()
    }

    /// The VF's current MAC address (from VF_INFO).
    pub fn mac(&self) -> Option<[u8; 6]> {
        self.info.map(|i| i.current_mac)
    }

    pub fn invalidations(&self) -> u32 {
        self.invalidations
    }

    /// Re-reads of block `id` caused by invalidations.
    pub fn rereads(&self, id: u32) -> u32 {
        usize::try_from(id)
            .ok()
            .and_then(|i| self.rereads.get(i).copied())
            .unwrap_or(0)
    }

    /// Ask the PF for a MAC / MTU change (VF_REQUEST block). The PF decides; the result shows up
    /// in VF_INFO after an invalidation.
    pub fn request(&self, os: &dyn Os, req: &VfRequestBlock) -> NdisStatus {
        os.write_vf_config_block(BLOCK_VF_REQUEST, &req.encode())
    }

    fn reread(&mut self, os: &dyn Os, id: u32) -> Result<(), NdisStatus> {
        match id {
            BLOCK_VF_INFO => {
                let mut b = [0u8; VfInfo::SIZE];
                let st = os.read_vf_config_block(id, &mut b);
                if st != NDIS_STATUS_SUCCESS {
                    return Err(st);
                }
                self.info = Some(VfInfo::decode(&b).ok_or(NDIS_STATUS_FAILURE)?);
            }
            BLOCK_LINK_STATE => {
                let mut b = [0u8; LinkState::SIZE];
                let st = os.read_vf_config_block(id, &mut b);
                if st != NDIS_STATUS_SUCCESS {
                    return Err(st);
                }
                self.link = Some(LinkState::decode(&b).ok_or(NDIS_STATUS_FAILURE)?);
            }
            // Blocks the VF writes itself carry nothing to re-read.
            _ => return Ok(()),
        }
        if let Some(n) = usize::try_from(id).ok().and_then(|i| self.rereads.get_mut(i)) {
            *n = n.saturating_add(1);
        }
        Ok(())
    }

    /// Handle a VF-miniport OID (rows of [`oid_rows`]): the request type and the input length
    /// are checked as every row's ([`precheck`]: NOT_SUPPORTED for another type, INVALID_LENGTH
    /// with BytesNeeded = 16 for a short input), then the header.
    pub fn handle_oid(&mut self, os: &dyn Os, req: &mut OidRequest<'_>) -> OidOutcome {
        let table = OidTable {
            parts: [
                (OidOwner::Sriov, &VF_ROWS),
                (OidOwner::General, &[]),
                (OidOwner::Vmq, &[]),
            ],
        };
        if let Err(st) = precheck(&table, req) {
            return OidOutcome::Complete(st);
        }
        let input = req.buffer.get(..req.input_len).unwrap_or(&[]);
        if check_header(input, &[(invalidate::REVISION_1, invalidate::SIZE_REVISION_1)]).is_none() {
            return OidOutcome::Complete(NDIS_STATUS_INVALID_PARAMETER);
        }
        let Some(mask) = u64_at(input, invalidate::BLOCK_MASK) else {
            return OidOutcome::Complete(NDIS_STATUS_INVALID_PARAMETER);
        };
        self.invalidations = self.invalidations.saturating_add(1);
        // Bits for blocks svnic does not define are ignored (a newer PF may define more).
        for id in [BLOCK_VF_INFO, BLOCK_LINK_STATE] {
            if mask & (1u64 << id) != 0 {
                if let Err(st) = self.reread(os, id) {
                    return OidOutcome::Complete(st);
                }
            }
        }
        req.bytes_read = invalidate::SIZE_REVISION_1 as u32;
        OidOutcome::Complete(NDIS_STATUS_SUCCESS)
    }
}
