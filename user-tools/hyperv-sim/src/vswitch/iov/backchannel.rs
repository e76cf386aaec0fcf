//! The host end of svnic's PF<->VF backchannel and NdisMEnableVirtualization on the model.

use super::bufs::*;
use super::IovNic;
use crate::RequestType;
use svnic_abi::status::*;
use svnic_miniport::sriov::abi::*;
use svnic_miniport::sriov::mailbox::PfSession;

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
