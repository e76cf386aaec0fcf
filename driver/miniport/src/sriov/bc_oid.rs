//! The host side of the backchannel as NDIS does it: a complete block transfer that arrived from
//! a VF becomes OID_SRIOV_READ_VF_CONFIG_BLOCK (method) or OID_SRIOV_WRITE_VF_CONFIG_BLOCK (set)
//! on the PF miniport, with the VF's id filled in by the host, never by the VF.

use super::abi::{OID_SRIOV_READ_VF_CONFIG_BLOCK, OID_SRIOV_WRITE_VF_CONFIG_BLOCK};
use super::mailbox::{BlockBackend, MAX_TRANSFER};
use super::{SriovEnv, SriovPf};
use crate::oid::{OidOutcome, OidRequest, OidToken, RequestType};
use svnic_abi::buf::write_object;
use svnic_abi::header::NdisObject;
use svnic_abi::sriov::{
    NDIS_SIZEOF_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1 as HDR_SIZE,
    NDIS_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS as XferParams,
};
use svnic_abi::status::{NdisStatus, NDIS_STATUS_FAILURE, NDIS_STATUS_INVALID_PARAMETER};

/// Issues the block OIDs to `pf` for the VF a mailbox session serves.
pub struct OidBlockBackend<'p, 'e> {
    pub pf: &'p mut SriovPf,
    pub env: SriovEnv<'e>,
}

impl OidBlockBackend<'_, '_> {
    fn run(&mut self, write: bool, vf: u16, block: u32, data: &mut [u8]) -> NdisStatus {
        // READ and WRITE_VF_CONFIG_BLOCK_PARAMETERS share one layout (svnic-abi pins both).
        const HDR: usize = HDR_SIZE as usize;
        if data.len() > MAX_TRANSFER {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        let mut buf = [0u8; HDR + MAX_TRANSFER];
        let total = HDR.saturating_add(data.len());
        let Some(b) = buf.get_mut(..total) else {
            return NDIS_STATUS_FAILURE;
        };
        let len = u32::try_from(data.len()).unwrap_or(u32::MAX);
        let mut p = XferParams::with_latest_header();
        p.vf_id = vf;
        p.block_id = block;
        p.length = len;
        p.buffer_offset = u32::from(HDR_SIZE);
        if write_object(b, 0, &p, HDR_SIZE).is_err() {
            return NDIS_STATUS_FAILURE;
        }
        if write {
            if let Some(d) = b.get_mut(HDR..) {
                d.copy_from_slice(data);
            }
        }
        let mut req = OidRequest {
            request_type: if write {
                RequestType::Set
            } else {
                RequestType::Method
            },
            oid: if write {
                OID_SRIOV_WRITE_VF_CONFIG_BLOCK
            } else {
                OID_SRIOV_READ_VF_CONFIG_BLOCK
            },
            buffer: b,
            input_len: if write { total } else { HDR },
            bytes_read: 0,
            bytes_written: 0,
            bytes_needed: 0,
            token: OidToken(0),
        };
        let st = match self.pf.handle_oid(&mut self.env, &mut req) {
            OidOutcome::Complete(st) => st,
            OidOutcome::Pending => NDIS_STATUS_FAILURE,
        };
        if !write {
            if let Some(src) = req.buffer.get(HDR..) {
                data.copy_from_slice(src);
            }
        }
        st
    }
}

impl BlockBackend for OidBlockBackend<'_, '_> {
    fn read_block(&mut self, vf: u16, block: u32, out: &mut [u8]) -> NdisStatus {
        self.run(false, vf, block, out)
    }

    fn write_block(&mut self, vf: u16, block: u32, data: &[u8]) -> NdisStatus {
        let mut copy = [0u8; MAX_TRANSFER];
        let Some(c) = copy.get_mut(..data.len()) else {
            return NDIS_STATUS_INVALID_PARAMETER;
        };
        c.copy_from_slice(data);
        self.run(true, vf, block, c)
    }
}
