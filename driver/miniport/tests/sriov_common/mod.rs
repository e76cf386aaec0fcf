//! Shared harness for the SR-IOV tests: a recording `Os` whose NdisMEnableVirtualization writes
//! the model's SR-IOV capability (as the PCI bus driver would), the PF engine over the real model
//! (`ModelHw` + `svnic_device::Device`), and builders for every SR-IOV OID buffer.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use svnic_abi::pci;
use svnic_abi::status::*;
use svnic_device::cfgspace::SRIOV_CAP;
use svnic_device::{Device, DeviceConfig, Function, NullMsi};
use svnic_miniport::oid::{OidBytes, OidOutcome, OidRequest, OidToken, RequestType};
use svnic_miniport::os::*;
use svnic_miniport::sriov::abi::*;
use svnic_miniport::sriov::caps::{CapsInput, NicSwitchCaps};
use svnic_miniport::sriov::model_hw::ModelHw;
use svnic_miniport::sriov::{SriovEnv, SriovPf};

pub type BackchannelFn = Box<dyn FnMut(bool, u32, &mut [u8]) -> NdisStatus + Send>;

/// One recorded indication: (bank, queue id, vport id, flags, frames with their bytes).
pub type Indication = (RxBankId, u32, u32, u32, Vec<Vec<u8>>);
type Banks = Mutex<Vec<(RxBankId, Arc<dyn svnic_device::DmaRegion>, u32)>>;
/// Called at the start of every receive indication, outside the recorder's locks.
pub type IndicateHook = Arc<dyn Fn(&RxIndication<'_>) + Send + Sync>;

/// A recording `Os`.
pub struct TestOs {
    pub dev: Arc<Device>,
    pub processors: u32,
    pub enable_calls: Mutex<Vec<(u16, bool)>>,
    pub invalidations: Mutex<Vec<(u16, u64)>>,
    /// VF side: NdisMRead/WriteConfigBlock go here (write = true).
    pub backchannel: Mutex<Option<BackchannelFn>>,
    pub dpcs: Mutex<Vec<ProcessorNumber>>,
    pub indications: Mutex<Vec<Indication>>,
    banks: Banks,
    pub shared_live: Mutex<u32>,
    /// Os::complete_oid calls: (token, status, bytes).
    pub completions: Mutex<Vec<(OidToken, NdisStatus, OidBytes)>>,
    /// Shared memory requests: (queue id, vport id) of every allocation.
    pub shared_requests: Mutex<Vec<(u32, u32)>>,
    pub indicate_hook: Mutex<Option<IndicateHook>>,
}

impl TestOs {
    pub fn new(dev: Arc<Device>) -> Self {
        Self {
            dev,
            processors: 4,
            enable_calls: Mutex::new(Vec::new()),
            invalidations: Mutex::new(Vec::new()),
            backchannel: Mutex::new(None),
            dpcs: Mutex::new(Vec::new()),
            indications: Mutex::new(Vec::new()),
            banks: Mutex::new(Vec::new()),
            shared_live: Mutex::new(0),
            completions: Mutex::new(Vec::new()),
            shared_requests: Mutex::new(Vec::new()),
            indicate_hook: Mutex::new(None),
        }
    }

    fn sriov_ctl(&self) -> u16 {
        let mut b = [0u8; 2];
        self.dev
            .config_read(Function::Pf, SRIOV_CAP + pci::SRIOV_CONTROL, &mut b);
        u16::from_le_bytes(b)
    }
}

impl Os for TestOs {
    fn active_processor_count(&self, group: u16) -> u32 {
        if group == 0 {
            self.processors
        } else {
            0
        }
    }
    fn current_processor(&self) -> ProcessorNumber {
        ProcessorNumber::default()
    }
    fn now_us(&self) -> u64 {
        0
    }
    fn indicate_status(&self, _status: NdisStatus, _payload: &[u8]) {}
    fn complete_oid(&self, token: OidToken, status: NdisStatus, bytes: OidBytes) {
        self.completions.lock().unwrap().push((token, status, bytes));
    }
    fn schedule_dpc(&self, processor: ProcessorNumber) -> bool {
        self.dpcs.lock().unwrap().push(processor);
        true
    }
    fn alloc_shared_memory(&self, req: SharedMemoryRequest) -> Result<SharedMemory, NdisStatus> {
        *self.shared_live.lock().unwrap() += 1;
        self.shared_requests
            .lock()
            .unwrap()
            .push((req.queue_id, req.vport_id));
        Ok(SharedMemory {
            handle: 0x5000,
            os_cookie: 1,
            len: req.len,
            region: Arc::new(svnic_device::VecRegion::new(req.len as usize)),
        })
    }
    fn free_shared_memory(&self, _mem: SharedMemory) {
        *self.shared_live.lock().unwrap() -= 1;
    }
    fn create_rx_bank(&self, spec: &RxBankSpec<'_>) -> Result<(), NdisStatus> {
        self.banks
            .lock()
            .unwrap()
            .push((spec.bank, spec.memory.region.clone(), spec.slot_len));
        Ok(())
    }
    fn destroy_rx_bank(&self, bank: RxBankId) {
        self.banks.lock().unwrap().retain(|(b, _, _)| *b != bank);
    }
    fn indicate_receive(&self, ind: &RxIndication<'_>) {
        let hook = self.indicate_hook.lock().unwrap().clone();
        if let Some(h) = hook {
            h(ind);
        }
        let banks = self.banks.lock().unwrap();
        let (_, region, slot_len) = banks
            .iter()
            .find(|(b, _, _)| *b == ind.bank)
            .expect("indication from a live bank");
        let frames = ind
            .frames
            .iter()
            .map(|f| {
                let mut v = vec![0u8; f.len as usize];
                assert!(region.read((f.slot * slot_len + f.offset) as usize, &mut v));
                v
            })
            .collect();
        self.indications
            .lock()
            .unwrap()
            .push((ind.bank, ind.queue_id, ind.vport_id, ind.flags, frames));
    }
    fn pause_complete(&self) {}

    /// NdisMEnableVirtualization: program NumVFs then VF Enable + VF MSE in the PF's SR-IOV
    /// capability; disable clears them. Enabling twice or disabling with NumVFs != 0 fails as
    /// documented.
    fn enable_virtualization(&self, num_vfs: u16, enable: bool) -> NdisStatus {
        self.enable_calls.lock().unwrap().push((num_vfs, enable));
        let ctl = self.sriov_ctl();
        if enable {
            if ctl & pci::SRIOV_CTRL_VF_ENABLE != 0 {
                return NDIS_STATUS_FAILURE;
            }
            self.dev.config_write(
                Function::Pf,
                SRIOV_CAP + pci::SRIOV_NUM_VFS,
                &num_vfs.to_le_bytes(),
            );
            let v = ctl | pci::SRIOV_CTRL_VF_ENABLE | pci::SRIOV_CTRL_VF_MSE;
            self.dev
                .config_write(Function::Pf, SRIOV_CAP + pci::SRIOV_CONTROL, &v.to_le_bytes());
            if self.sriov_ctl() & pci::SRIOV_CTRL_VF_ENABLE == 0 {
                return NDIS_STATUS_FAILURE;
            }
            NDIS_STATUS_SUCCESS
        } else {
            if num_vfs != 0 {
                return NDIS_STATUS_INVALID_PARAMETER;
            }
            let v = ctl & !(pci::SRIOV_CTRL_VF_ENABLE | pci::SRIOV_CTRL_VF_MSE);
            self.dev
                .config_write(Function::Pf, SRIOV_CAP + pci::SRIOV_CONTROL, &v.to_le_bytes());
            self.dev
                .config_write(Function::Pf, SRIOV_CAP + pci::SRIOV_NUM_VFS, &[0, 0]);
            NDIS_STATUS_SUCCESS
        }
    }

    fn invalidate_vf_config_block(&self, vf_id: u16, mask: u64) -> NdisStatus {
        self.invalidations.lock().unwrap().push((vf_id, mask));
        NDIS_STATUS_SUCCESS
    }

    fn read_vf_config_block(&self, block_id: u32, out: &mut [u8]) -> NdisStatus {
        match self.backchannel.lock().unwrap().as_mut() {
            Some(f) => f(false, block_id, out),
            None => NDIS_STATUS_FAILURE,
        }
    }

    fn write_vf_config_block(&self, block_id: u32, data: &[u8]) -> NdisStatus {
        let mut copy = data.to_vec();
        match self.backchannel.lock().unwrap().as_mut() {
            Some(f) => f(true, block_id, &mut copy),
            None => NDIS_STATUS_FAILURE,
        }
    }
}

/// The result of one OID.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Res {
    pub status: NdisStatus,
    pub read: u32,
    pub written: u32,
    pub needed: u32,
}

pub const TOTAL_VFS: u16 = 8;
pub const PF_QUEUES: u16 = 4;

pub fn device_config() -> DeviceConfig {
    DeviceConfig {
        total_vfs: TOTAL_VFS,
        pf_queues: PF_QUEUES,
        rx_ring_len: 64,
        tx_ring_len: 64,
        ..DeviceConfig::default()
    }
}

pub fn caps_input() -> CapsInput {
    CapsInput {
        total_vfs: TOTAL_VFS,
        num_vfs_keyword: None,
        pf_queues: PF_QUEUES,
        mac_filter_entries: 64,
        vlan_filtering: true,
    }
}

/// The PF engine over the model.
pub struct Pf {
    pub os: Arc<TestOs>,
    pub hw: ModelHw,
    pub pf: SriovPf,
}

impl Pf {
    pub fn new() -> Self {
        Self::with_caps(NicSwitchCaps::from_input(&caps_input()), true)
    }

    pub fn with_caps(caps: NicSwitchCaps, enabled: bool) -> Self {
        Self::with_device(caps, enabled, device_config(), Arc::new(NullMsi))
    }

    pub fn with_device(
        caps: NicSwitchCaps,
        enabled: bool,
        cfg: DeviceConfig,
        msi: Arc<dyn svnic_device::MsiSink>,
    ) -> Self {
        let dev = Arc::new(Device::new(cfg, msi).unwrap());
        let hw = ModelHw::new(dev.clone());
        Self {
            os: Arc::new(TestOs::new(dev)),
            hw,
            pf: SriovPf::new(caps, enabled, false),
        }
    }

    pub fn dev(&self) -> &Arc<Device> {
        &self.os.dev
    }

    /// Issue one OID with `buf` (Method: input_len = buf.len() unless `input_len` given).
    pub fn oid_in(&mut self, rt: RequestType, oid: u32, buf: &mut [u8], input_len: usize) -> Res {
        let mut req = OidRequest {
            request_type: rt,
            oid,
            buffer: buf,
            input_len,
            bytes_read: 0,
            bytes_written: 0,
            bytes_needed: 0,
            token: OidToken(1),
        };
        let os = self.os.clone();
        let mut env = SriovEnv {
            os: &*os,
            hw: &mut self.hw,
        };
        let out = match oid {
            OID_RECEIVE_FILTER_SET_FILTER => self.pf.handle_set_filter(&mut env, &mut req),
            OID_RECEIVE_FILTER_CLEAR_FILTER => self.pf.handle_clear_filter(&mut env, &mut req),
            _ => self.pf.handle_oid(&mut env, &mut req),
        };
        let OidOutcome::Complete(status) = out else {
            panic!("SR-IOV OIDs never pend");
        };
        Res {
            status,
            read: req.bytes_read,
            written: req.bytes_written,
            needed: req.bytes_needed,
        }
    }

    pub fn oid(&mut self, rt: RequestType, oid: u32, buf: &mut [u8]) -> Res {
        let n = buf.len();
        self.oid_in(rt, oid, buf, n)
    }

    pub fn method(&mut self, oid: u32, buf: &mut [u8]) -> NdisStatus {
        self.oid(RequestType::Method, oid, buf).status
    }

    pub fn set(&mut self, oid: u32, buf: &mut [u8]) -> NdisStatus {
        self.oid(RequestType::Set, oid, buf).status
    }

    // ---- sequences ----

    pub fn create_switch(&mut self, num_vfs: u32) -> NdisStatus {
        self.method(OID_NIC_SWITCH_CREATE_SWITCH, &mut create_switch_buf(num_vfs, 1))
    }

    /// ALLOCATE_VF; returns (status, VFId, RID).
    pub fn allocate_vf(&mut self, mac: [u8; 6]) -> (NdisStatus, u16, u32) {
        let mut b = allocate_vf_buf(mac);
        let st = self.method(OID_NIC_SWITCH_ALLOCATE_VF, &mut b);
        (
            st,
            u16::from_le_bytes([b[vf_params::VF_ID], b[vf_params::VF_ID + 1]]),
            u32::from_le_bytes(
                b[vf_params::REQUESTOR_ID..vf_params::REQUESTOR_ID + 4]
                    .try_into()
                    .unwrap(),
            ),
        )
    }

    pub fn create_vf_vport(&mut self, vport: u32, vf: u16) -> NdisStatus {
        self.method(
            OID_NIC_SWITCH_CREATE_VPORT,
            &mut vport_buf(vport, vf, 1, vport_params::STATE_ACTIVATED, 1, 0),
        )
    }

    pub fn create_pf_vport(&mut self, vport: u32, processor_mask: u64) -> NdisStatus {
        self.method(
            OID_NIC_SWITCH_CREATE_VPORT,
            &mut vport_buf(
                vport,
                NDIS_PF_FUNCTION_ID,
                1,
                vport_params::STATE_DEACTIVATED,
                processor_mask,
                0,
            ),
        )
    }

    pub fn set_filter(&mut self, id: u32, vport: u32, mac: [u8; 6], vlan: Option<u16>) -> NdisStatus {
        self.method(
            OID_RECEIVE_FILTER_SET_FILTER,
            &mut set_filter_buf(id, vport, mac, vlan),
        )
    }

    pub fn move_filter(&mut self, id: u32, src: u32, dst: u32) -> NdisStatus {
        self.set(OID_RECEIVE_FILTER_MOVE_FILTER, &mut move_filter_buf(id, src, dst))
    }

    pub fn clear_filter(&mut self, id: u32) -> NdisStatus {
        self.set(OID_RECEIVE_FILTER_CLEAR_FILTER, &mut clear_filter_buf(id))
    }

    pub fn delete_vport(&mut self, id: u32) -> NdisStatus {
        self.set(OID_NIC_SWITCH_DELETE_VPORT, &mut delete_vport_buf(id))
    }

    pub fn reset_vf(&mut self, vf: u16) -> NdisStatus {
        self.set(OID_SRIOV_RESET_VF, &mut reset_vf_buf(vf))
    }

    pub fn free_vf(&mut self, vf: u16) -> NdisStatus {
        self.set(OID_NIC_SWITCH_FREE_VF, &mut free_vf_buf(vf))
    }

    pub fn delete_switch(&mut self) -> NdisStatus {
        self.set(OID_NIC_SWITCH_DELETE_SWITCH, &mut delete_switch_buf(0))
    }

    /// The VM-start sequence of spec 2.6: SET_FILTER on the default vPort, ALLOCATE_VF,
    /// CREATE_VPORT, MOVE_FILTER. Returns the VFId.
    pub fn vm_start(&mut self, filter: u32, vport: u32, mac: [u8; 6]) -> u16 {
        assert_eq!(self.set_filter(filter, 0, mac, None), NDIS_STATUS_SUCCESS);
        let (st, vf, _) = self.allocate_vf(mac);
        assert_eq!(st, NDIS_STATUS_SUCCESS);
        assert_eq!(self.create_vf_vport(vport, vf), NDIS_STATUS_SUCCESS);
        assert_eq!(self.move_filter(filter, 0, vport), NDIS_STATUS_SUCCESS);
        vf
    }

    /// The VM-stop sequence: MOVE_FILTER back, DELETE_VPORT, RESET_VF, FREE_VF.
    pub fn vm_stop(&mut self, filter: u32, vport: u32, vf: u16) {
        assert_eq!(self.move_filter(filter, vport, 0), NDIS_STATUS_SUCCESS);
        assert_eq!(self.delete_vport(vport), NDIS_STATUS_SUCCESS);
        assert_eq!(self.reset_vf(vf), NDIS_STATUS_SUCCESS);
        assert_eq!(self.free_vf(vf), NDIS_STATUS_SUCCESS);
    }
}

// ---- buffer builders ----

pub fn header(b: &mut [u8], rev: u8, size: usize) {
    b[0] = NDIS_OBJECT_TYPE_DEFAULT;
    b[1] = rev;
    b[2..4].copy_from_slice(&(size as u16).to_le_bytes());
}

pub fn put32(b: &mut [u8], off: usize, v: u32) {
    b[off..off + 4].copy_from_slice(&v.to_le_bytes());
}

pub fn put16(b: &mut [u8], off: usize, v: u16) {
    b[off..off + 2].copy_from_slice(&v.to_le_bytes());
}

pub fn get32(b: &[u8], off: usize) -> u32 {
    u32::from_le_bytes(b[off..off + 4].try_into().unwrap())
}

pub fn get16(b: &[u8], off: usize) -> u16 {
    u16::from_le_bytes(b[off..off + 2].try_into().unwrap())
}

pub fn put_name(b: &mut [u8], off: usize, s: &str) {
    let u: Vec<u16> = s.encode_utf16().collect();
    put16(b, off, (u.len() * 2) as u16);
    for (i, c) in u.iter().enumerate() {
        put16(b, off + 2 + 2 * i, *c);
    }
}

pub fn create_switch_buf(num_vfs: u32, rev: u8) -> Vec<u8> {
    let size = if rev == 2 {
        switch_params::SIZE_REVISION_2
    } else {
        switch_params::SIZE_REVISION_1
    };
    let mut b = vec![0u8; size];
    header(&mut b, rev, size);
    put32(&mut b, switch_params::SWITCH_TYPE, NDIS_NIC_SWITCH_TYPE_EXTERNAL);
    put32(&mut b, switch_params::SWITCH_ID, 0);
    put_name(&mut b, switch_params::SWITCH_FRIENDLY_NAME, "Default Switch");
    put32(&mut b, switch_params::NUM_VFS, num_vfs);
    b
}

pub fn delete_switch_buf(id: u32) -> Vec<u8> {
    let mut b = vec![0u8; delete_switch::SIZE_REVISION_1];
    header(&mut b, 1, delete_switch::SIZE_REVISION_1);
    put32(&mut b, delete_switch::SWITCH_ID, id);
    b
}

pub fn vport_buf(id: u32, fid: u16, qp: u32, state: u32, mask: u64, group: u16) -> Vec<u8> {
    let mut b = vec![0u8; vport_params::SIZE_REVISION_1];
    header(&mut b, 1, vport_params::SIZE_REVISION_1);
    put32(&mut b, vport_params::VPORT_ID, id);
    put_name(&mut b, vport_params::VPORT_NAME, "vport");
    put16(&mut b, vport_params::ATTACHED_FUNCTION_ID, fid);
    put32(&mut b, vport_params::NUM_QUEUE_PAIRS, qp);
    put32(&mut b, vport_params::INTERRUPT_MODERATION, 1);
    put32(&mut b, vport_params::VPORT_STATE, state);
    use core::mem::offset_of;
    use svnic_abi::header::GROUP_AFFINITY;
    let mask_at = vport_params::PROCESSOR_AFFINITY + offset_of!(GROUP_AFFINITY, mask);
    b[mask_at..mask_at + 8].copy_from_slice(&mask.to_le_bytes());
    put16(
        &mut b,
        vport_params::PROCESSOR_AFFINITY + offset_of!(GROUP_AFFINITY, group),
        group,
    );
    b
}

/// VPORT_PARAMETERS set: `flags` carries the *_CHANGED bits.
pub fn vport_set_buf(id: u32, flags: u32, state: u32, mask: u64) -> Vec<u8> {
    let mut b = vport_buf(id, NDIS_PF_FUNCTION_ID, 1, state, mask, 0);
    put32(&mut b, vport_params::FLAGS, flags);
    b
}

pub fn delete_vport_buf(id: u32) -> Vec<u8> {
    let mut b = vec![0u8; delete_vport::SIZE_REVISION_1];
    header(&mut b, 1, delete_vport::SIZE_REVISION_1);
    put32(&mut b, delete_vport::VPORT_ID, id);
    b
}

pub fn allocate_vf_buf(mac: [u8; 6]) -> Vec<u8> {
    let mut b = vec![0u8; vf_params::SIZE_REVISION_1];
    header(&mut b, 1, vf_params::SIZE_REVISION_1);
    put_name(&mut b, vf_params::VM_NAME, "vm-guid");
    put_name(&mut b, vf_params::VM_FRIENDLY_NAME, "vm1");
    put_name(&mut b, vf_params::NIC_NAME, "nic1");
    put16(&mut b, vf_params::MAC_ADDRESS_LENGTH, 6);
    b[vf_params::PERMANENT_MAC_ADDRESS..vf_params::PERMANENT_MAC_ADDRESS + 6].copy_from_slice(&mac);
    b[vf_params::CURRENT_MAC_ADDRESS..vf_params::CURRENT_MAC_ADDRESS + 6].copy_from_slice(&mac);
    put16(&mut b, vf_params::VF_ID, NDIS_INVALID_VF_FUNCTION_ID);
    put32(&mut b, vf_params::REQUESTOR_ID, NDIS_INVALID_RID);
    b
}

pub fn free_vf_buf(vf: u16) -> Vec<u8> {
    let mut b = vec![0u8; free_vf::SIZE_REVISION_1];
    header(&mut b, 1, free_vf::SIZE_REVISION_1);
    put16(&mut b, free_vf::VF_ID, vf);
    b
}

/// Config space / block transfer parameters with the data area after them.
pub fn xfer_buf(vf: u16, off_or_block: u32, len: u32, buf_off: u32, total: usize) -> Vec<u8> {
    let mut b = vec![0u8; total];
    header(&mut b, 1, vf_xfer::SIZE_REVISION_1);
    put16(&mut b, vf_xfer::VF_ID, vf);
    put32(&mut b, vf_xfer::OFFSET_OR_BLOCK_ID, off_or_block);
    put32(&mut b, vf_xfer::LENGTH, len);
    put32(&mut b, vf_xfer::BUFFER_OFFSET, buf_off);
    b
}

pub fn reset_vf_buf(vf: u16) -> Vec<u8> {
    let mut b = vec![0u8; reset_vf::SIZE_REVISION_1];
    header(&mut b, 1, reset_vf::SIZE_REVISION_1);
    put16(&mut b, reset_vf::VF_ID, vf);
    b
}

pub fn power_buf(vf: u16, state: u32, wake: u8) -> Vec<u8> {
    let mut b = vec![0u8; vf_power::SIZE_REVISION_1];
    header(&mut b, 1, vf_power::SIZE_REVISION_1);
    put16(&mut b, vf_power::VF_ID, vf);
    put32(&mut b, vf_power::POWER_STATE, state);
    b[vf_power::WAKE_ENABLE] = wake;
    b
}

pub fn vendor_buf(vf: u16) -> Vec<u8> {
    let mut b = vec![0u8; vendor_device::SIZE_REVISION_1];
    header(&mut b, 1, vendor_device::SIZE_REVISION_1);
    put16(&mut b, vendor_device::VF_ID, vf);
    b
}

pub fn bar_buf(vf: u16, bar: u16, off: u32, total: usize) -> Vec<u8> {
    let mut b = vec![0u8; total];
    header(&mut b, 1, bar_resources::SIZE_REVISION_1);
    put16(&mut b, bar_resources::VF_ID, vf);
    put16(&mut b, bar_resources::BAR_INDEX, bar);
    put32(&mut b, bar_resources::BAR_RESOURCES_OFFSET, off);
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
    if vlan.is_none() {
        put32(
            e,
            filter_params::FIELD_FLAGS,
            filter_params::FIELD_FLAG_VLAN_UNTAGGED_OR_ZERO,
        );
    }
    if let Some(v) = vlan {
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
        put16(e, filter_params::FIELD_VALUE, v);
    }
    b
}

pub fn clear_filter_buf(id: u32) -> Vec<u8> {
    let mut b = vec![0u8; clear_filter::SIZE_REVISION_1];
    header(&mut b, 1, clear_filter::SIZE_REVISION_1);
    put32(&mut b, clear_filter::FILTER_ID, id);
    b
}

pub fn mac(n: u8) -> [u8; 6] {
    [0x02, 0x00, 0x5e, 0x00, 0x01, n]
}
