//! The Hyper-V IOV sequences of `vswitch::iov` against the PF engine on the modeled NIC, the
//! NDIS-handled SR-IOV OIDs answered from the driver's state, and the backchannel host end.
//!
//! The adapter below the switch is an in-process `IovNic` over `SriovPf` + `ModelHw` (the binding
//! does not route the SR-IOV rows yet; see docs/sriov.md).

use std::cell::RefCell;
use std::sync::{Arc, Mutex};

use hyperv_sim::vswitch::iov::*;
use hyperv_sim::{OidResult, RequestType};
use svnic_abi::status::*;
use svnic_device::{Device, DeviceConfig, NullMsi};
use svnic_miniport::oid::{OidBytes, OidOutcome, OidRequest, OidToken};
use svnic_miniport::os::*;
use svnic_miniport::sriov::abi::*;
use svnic_miniport::sriov::backchannel::{VfInfo, BLOCK_LINK_STATE, BLOCK_VF_INFO};
use svnic_miniport::sriov::bc_oid::OidBlockBackend;
use svnic_miniport::sriov::caps::{CapsInput, NicSwitchCaps};
use svnic_miniport::sriov::hw::SriovHw;
use svnic_miniport::sriov::mailbox::{MailboxTransport, MbxMsg, VfRequester};
use svnic_miniport::sriov::model_hw::{carrier, ModelHw};
use svnic_miniport::sriov::switch::VlanMatch;
use svnic_miniport::sriov::{SriovEnv, SriovPf};

/// NdisMEnableVirtualization over the model's SR-IOV capability; invalidations recorded.
struct HostOs {
    dev: Arc<Device>,
    invalidations: Mutex<Vec<(u16, u64)>>,
}

impl Os for HostOs {
    fn active_processor_count(&self, g: u16) -> u32 {
        if g == 0 {
            4
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
    fn indicate_status(&self, _: NdisStatus, _: &[u8]) {}
    fn complete_oid(&self, _: OidToken, _: NdisStatus, _: OidBytes) {}
    fn schedule_dpc(&self, _: ProcessorNumber) -> bool {
        false
    }
    fn alloc_shared_memory(&self, _: SharedMemoryRequest) -> Result<SharedMemory, NdisStatus> {
        Err(NDIS_STATUS_RESOURCES)
    }
    fn free_shared_memory(&self, _: SharedMemory) {}
    fn create_rx_bank(&self, _: &RxBankSpec<'_>) -> Result<(), NdisStatus> {
        Err(NDIS_STATUS_RESOURCES)
    }
    fn destroy_rx_bank(&self, _: RxBankId) {}
    fn indicate_receive(&self, _: &RxIndication<'_>) {}
    fn pause_complete(&self) {}
    fn enable_virtualization(&self, num_vfs: u16, enable: bool) -> NdisStatus {
        apply_enable_virtualization(&self.dev, num_vfs, enable)
    }
    fn invalidate_vf_config_block(&self, vf: u16, mask: u64) -> NdisStatus {
        self.invalidations.lock().unwrap().push((vf, mask));
        NDIS_STATUS_SUCCESS
    }
    fn read_vf_config_block(&self, _: u32, _: &mut [u8]) -> NdisStatus {
        NDIS_STATUS_FAILURE
    }
    fn write_vf_config_block(&self, _: u32, _: &[u8]) -> NdisStatus {
        NDIS_STATUS_FAILURE
    }
}

struct Direct {
    os: Arc<HostOs>,
    hw: RefCell<ModelHw>,
    pf: RefCell<SriovPf>,
}

impl Direct {
    fn new() -> Self {
        let cfg = DeviceConfig {
            total_vfs: 4,
            pf_queues: 2,
            rx_ring_len: 64,
            tx_ring_len: 64,
            ..DeviceConfig::default()
        };
        let dev = Arc::new(Device::new(cfg, Arc::new(NullMsi)).unwrap());
        let caps = NicSwitchCaps::from_input(&CapsInput {
            total_vfs: 4,
            num_vfs_keyword: Some(2),
            pf_queues: 2,
            mac_filter_entries: 64,
            vlan_filtering: true,
        });
        Self {
            hw: RefCell::new(ModelHw::new(dev.clone())),
            os: Arc::new(HostOs {
                dev,
                invalidations: Mutex::new(vec![]),
            }),
            pf: RefCell::new(SriovPf::new(caps, true, false)),
        }
    }
}

impl IovNic for &Direct {
    fn oid(&self, rt: RequestType, oid: u32, input: &[u8], out_len: usize) -> OidResult {
        let mut buf = input.to_vec();
        buf.resize(buf.len().max(out_len), 0);
        let mut req = OidRequest {
            request_type: rt,
            oid,
            buffer: &mut buf,
            input_len: input.len(),
            bytes_read: 0,
            bytes_written: 0,
            bytes_needed: 0,
            token: OidToken(9),
        };
        let mut hw = self.hw.borrow_mut();
        let mut pf = self.pf.borrow_mut();
        let mut env = SriovEnv {
            os: &*self.os,
            hw: &mut *hw,
        };
        let out = match oid {
            OID_RECEIVE_FILTER_SET_FILTER => pf.handle_set_filter(&mut env, &mut req),
            OID_RECEIVE_FILTER_CLEAR_FILTER => pf.handle_clear_filter(&mut env, &mut req),
            _ => pf.handle_oid(&mut env, &mut req),
        };
        let OidOutcome::Complete(status) = out else {
            panic!("never pends")
        };
        let (r, w, n) = (req.bytes_read, req.bytes_written, req.bytes_needed);
        OidResult {
            status,
            bytes_read: r,
            bytes_written: w,
            bytes_needed: n,
            out: buf,
        }
    }
}

fn vm(name: &str, n: u8, weight: u32) -> IovVm {
    IovVm {
        name: name.into(),
        mac: [2, 0, 0, 0, 0, n],
        vlan: None,
        iov_weight: weight,
    }
}

use RequestType::{Method as M, Set as S};

#[test]
fn switch_creation_with_iov_enables_the_models_vfs() {
    let d = Direct::new();
    let mut sw = IovSwitch::new(&d, d.pf.borrow().caps().max_num_vports, 100);
    assert_eq!(sw.create(2), Ok(()));
    assert_eq!(d.hw.borrow().vfs_enabled(), (2, true));
    assert_eq!(
        sw.trace(),
        &[Issued {
            request_type: M,
            oid: OID_NIC_SWITCH_CREATE_SWITCH,
            status: 0
        }]
    );
}

#[test]
fn vm_start_with_iov_weight_issues_the_documented_sequence_and_lands_on_a_vf() {
    let d = Direct::new();
    let mut sw = IovSwitch::new(&d, d.pf.borrow().caps().max_num_vports, 100);
    sw.create(2).unwrap();
    assert_eq!(sw.connect(vm("vm1", 1, 50)), Ok(IovPath::Vf { vf: 0, vport: 1 }));
    let oids: Vec<(RequestType, u32)> = sw.trace().iter().map(|i| (i.request_type, i.oid)).collect();
    assert_eq!(
        oids,
        vec![
            (M, OID_NIC_SWITCH_CREATE_SWITCH),
            (M, OID_RECEIVE_FILTER_SET_FILTER),
            (M, OID_NIC_SWITCH_ALLOCATE_VF),
            (M, OID_NIC_SWITCH_CREATE_VPORT),
            (S, OID_RECEIVE_FILTER_MOVE_FILTER),
        ]
    );
    assert!(sw.trace().iter().all(|i| i.status == NDIS_STATUS_SUCCESS));
    let pf = d.pf.borrow();
    let f = pf.switch().filter(100).unwrap();
    assert_eq!(
        (f.vport, f.mac, f.vlan),
        (1, [2, 0, 0, 0, 0, 1], VlanMatch::UntaggedOrZero)
    );
    assert_eq!(pf.switch().vf(0).unwrap().vport, Some(1));
}

#[test]
fn vms_beyond_the_vfs_or_without_iov_weight_stay_synthetic() {
    let d = Direct::new();
    let mut sw = IovSwitch::new(&d, d.pf.borrow().caps().max_num_vports, 100);
    sw.create(2).unwrap();
    assert_eq!(sw.connect(vm("a", 1, 1)), Ok(IovPath::Vf { vf: 0, vport: 1 }));
    assert_eq!(sw.connect(vm("b", 2, 0)), Ok(IovPath::Synthetic));
    assert_eq!(sw.connect(vm("c", 3, 1)), Ok(IovPath::Vf { vf: 1, vport: 2 }));
    assert_eq!(sw.connect(vm("d", 4, 1)), Ok(IovPath::Synthetic));
    assert_eq!(
        sw.trace().last().map(|i| (i.oid, i.status)),
        Some((OID_NIC_SWITCH_ALLOCATE_VF, NDIS_STATUS_RESOURCES))
    );
    assert_eq!(d.pf.borrow().switch().filters_on(0).count(), 2);
}

#[test]
fn vf_revoke_and_vm_stop_issue_the_documented_teardown_and_pf_halt_deletes_the_switch() {
    let d = Direct::new();
    let mut sw = IovSwitch::new(&d, d.pf.borrow().caps().max_num_vports, 100);
    sw.create(2).unwrap();
    sw.connect(vm("a", 1, 1)).unwrap();
    sw.connect(vm("b", 2, 1)).unwrap();
    let n = sw.trace().len();
    sw.revoke_vf("a").unwrap();
    let oids: Vec<(RequestType, u32)> = sw.trace()[n..].iter().map(|i| (i.request_type, i.oid)).collect();
    assert_eq!(
        oids,
        vec![
            (S, OID_RECEIVE_FILTER_MOVE_FILTER),
            (S, OID_NIC_SWITCH_DELETE_VPORT),
            (S, OID_SRIOV_RESET_VF),
            (S, OID_NIC_SWITCH_FREE_VF)
        ]
    );
    assert_eq!(sw.path("a"), Some(IovPath::Synthetic));
    assert_eq!(d.pf.borrow().switch().filter(100).unwrap().vport, 0);
    let n = sw.trace().len();
    sw.halt().unwrap();
    let oids: Vec<u32> = sw.trace()[n..].iter().map(|i| i.oid).collect();
    assert_eq!(
        oids,
        vec![
            OID_RECEIVE_FILTER_CLEAR_FILTER,
            OID_RECEIVE_FILTER_MOVE_FILTER,
            OID_NIC_SWITCH_DELETE_VPORT,
            OID_SRIOV_RESET_VF,
            OID_NIC_SWITCH_FREE_VF,
            OID_RECEIVE_FILTER_CLEAR_FILTER,
            OID_NIC_SWITCH_DELETE_SWITCH,
        ]
    );
    assert!(sw
        .trace()
        .iter()
        .all(|i| i.status == NDIS_STATUS_SUCCESS || i.oid == OID_NIC_SWITCH_ALLOCATE_VF));
    assert!(!d.pf.borrow().switch_exists());
    assert!(!d.hw.borrow().vfs_enabled().1);
}

fn u32_at(b: &[u8], o: usize) -> u32 {
    u32::from_le_bytes(b[o..o + 4].try_into().unwrap())
}

#[test]
fn ndis_handled_enum_oids_reflect_the_driver_state() {
    let d = Direct::new();
    let mut sw = IovSwitch::new(&d, d.pf.borrow().caps().max_num_vports, 100);
    sw.create(2).unwrap();
    sw.connect(vm("a", 1, 1)).unwrap();
    sw.connect(vm("b", 2, 0)).unwrap();
    let pf = d.pf.borrow();
    let info = NdisIovInfo {
        pf_luid: (0x1234, 0),
        serial_base: 0x5356_0000,
    };
    // ENUM_SWITCHES: exactly one switch with exact counters.
    let mut b = vec![0u8; 10];
    assert_eq!(
        ndis_answer(
            &pf,
            &info,
            RequestType::Query,
            OID_NIC_SWITCH_ENUM_SWITCHES,
            &mut b,
            None
        ),
        Some((NDIS_STATUS_INVALID_LENGTH, 0, 16 + 572))
    );
    let mut b = vec![0u8; 16 + 572];
    assert_eq!(
        ndis_answer(
            &pf,
            &info,
            RequestType::Query,
            OID_NIC_SWITCH_ENUM_SWITCHES,
            &mut b,
            None
        ),
        Some((0, 588, 0))
    );
    assert_eq!((u32_at(&b, 4), u32_at(&b, 8), u32_at(&b, 12)), (16, 1, 572));
    let e = &b[16..];
    // NumVFs @532, NumAllocatedVFs @536, NumVPorts @540, NumActiveVPorts @544,
    // NumActiveDefaultVPortMacAddresses @556, NumActiveNonDefaultVPortMacAddresses @560.
    assert_eq!(
        (u32_at(e, 532), u32_at(e, 536), u32_at(e, 540), u32_at(e, 544)),
        (2, 1, 2 + 1 + 2, 2)
    );
    assert_eq!((u32_at(e, 556), u32_at(e, 560)), (1, 1));
    // ENUM_VPORTS: default + VF vPort.
    let mut b = vec![0u8; 28 + 2 * 576];
    assert_eq!(
        ndis_answer(
            &pf,
            &info,
            RequestType::Query,
            OID_NIC_SWITCH_ENUM_VPORTS,
            &mut b,
            None
        ),
        Some((0, 28 + 2 * 576, 0))
    );
    assert_eq!((u32_at(&b, 16), u32_at(&b, 20), u32_at(&b, 24)), (28, 2, 576));
    assert_eq!(u32_at(&b, 28 + 576 + 4), 1, "second vPort id");
    assert_eq!(
        u16::from_le_bytes([b[28 + 576 + 532], b[28 + 576 + 533]]),
        0,
        "attached to VF 0"
    );
    assert_eq!(
        u16::from_le_bytes([b[28 + 532], b[28 + 533]]),
        NDIS_PF_FUNCTION_ID
    );
    // Method with ENUM_ON_SPECIFIC_FUNCTION = PF.
    let mut b = vec![0u8; 28 + 2 * 576];
    b[4..8].copy_from_slice(&1u32.to_le_bytes());
    b[12..14].copy_from_slice(&NDIS_PF_FUNCTION_ID.to_le_bytes());
    assert_eq!(
        ndis_answer(
            &pf,
            &info,
            RequestType::Method,
            OID_NIC_SWITCH_ENUM_VPORTS,
            &mut b,
            None
        )
        .unwrap()
        .0,
        0
    );
    assert_eq!(u32_at(&b, 20), 1);
    // ENUM_VFS and VF_PARAMETERS.
    let mut b = vec![0u8; 24 + 1632];
    assert_eq!(
        ndis_answer(
            &pf,
            &info,
            RequestType::Query,
            OID_NIC_SWITCH_ENUM_VFS,
            &mut b,
            None
        ),
        Some((0, 24 + 1632, 0))
    );
    assert_eq!((u32_at(&b, 12), u32_at(&b, 16), u32_at(&b, 20)), (24, 1, 1632));
    assert_eq!(
        &b[24 + vf_params::CURRENT_MAC_ADDRESS..24 + vf_params::CURRENT_MAC_ADDRESS + 6],
        &[2, 0, 0, 0, 0, 1]
    );
    assert_eq!(u32_at(&b, 24 + vf_params::REQUESTOR_ID), 0x0180);
    let mut b = vec![0u8; 1632];
    b[vf_params::VF_ID..vf_params::VF_ID + 2].copy_from_slice(&1u16.to_le_bytes());
    assert_eq!(
        ndis_answer(
            &pf,
            &info,
            RequestType::Method,
            OID_NIC_SWITCH_VF_PARAMETERS,
            &mut b,
            None
        )
        .unwrap()
        .0,
        NDIS_STATUS_INVALID_PARAMETER
    );
    b[vf_params::VF_ID..vf_params::VF_ID + 2].copy_from_slice(&0u16.to_le_bytes());
    assert_eq!(
        ndis_answer(
            &pf,
            &info,
            RequestType::Method,
            OID_NIC_SWITCH_VF_PARAMETERS,
            &mut b,
            None
        ),
        Some((0, 1632, 0))
    );
    // PF_LUID, VF_SERIAL_NUMBER, capabilities.
    let mut b = vec![0u8; 12];
    assert_eq!(
        ndis_answer(&pf, &info, RequestType::Query, OID_SRIOV_PF_LUID, &mut b, None),
        Some((0, 12, 0))
    );
    assert_eq!(u32_at(&b, 4), 0x1234);
    let mut b = vec![0u8; 8];
    assert_eq!(
        ndis_answer(
            &pf,
            &info,
            RequestType::Query,
            OID_SRIOV_VF_SERIAL_NUMBER,
            &mut b,
            Some(3)
        ),
        Some((0, 8, 0))
    );
    assert_eq!(u32_at(&b, 4), 0x5356_0003);
    let mut b = vec![0u8; 116];
    assert_eq!(
        ndis_answer(
            &pf,
            &info,
            RequestType::Query,
            OID_NIC_SWITCH_CURRENT_CAPABILITIES,
            &mut b,
            None
        ),
        Some((0, 116, 0))
    );
    assert_eq!((u32_at(&b, 40), u32_at(&b, 48)), (5, 2));
    let mut b = vec![0u8; 12];
    assert_eq!(
        ndis_answer(
            &pf,
            &info,
            RequestType::Query,
            OID_SRIOV_CURRENT_CAPABILITIES,
            &mut b,
            None
        ),
        Some((0, 12, 0))
    );
    assert_eq!(u32_at(&b, 8), 3);
    assert_eq!(
        ndis_answer(&pf, &info, RequestType::Query, 0x0001_0101, &mut b, None),
        None
    );
}

#[test]
fn backchannel_host_serves_the_mailbox_and_ors_invalidations_until_delivered() {
    let d = Direct::new();
    let mut sw = IovSwitch::new(&d, d.pf.borrow().caps().max_num_vports, 100);
    sw.create(2).unwrap();
    sw.connect(vm("a", 1, 1)).unwrap();
    let bc = RefCell::new(Backchannel::new(4));
    struct Guest<'a> {
        d: &'a Direct,
        bc: &'a RefCell<Backchannel>,
    }
    impl MailboxTransport for Guest<'_> {
        fn exchange(&mut self, req: &MbxMsg) -> Option<MbxMsg> {
            let dev = self.d.os.dev.clone();
            carrier::vf_post(&dev, 0, req).ok()?;
            let mut hw = self.d.hw.borrow_mut();
            let mut pf = self.d.pf.borrow_mut();
            let mut backend = OidBlockBackend {
                pf: &mut pf,
                env: SriovEnv {
                    os: &*self.d.os,
                    hw: &mut *hw,
                },
            };
            let mut bc = self.bc.borrow_mut();
            let (_, served) = carrier::pf_serve(&dev, 0, bc.session(0).unwrap(), &mut backend);
            assert!(served);
            drop(hw);
            carrier::vf_take_reply(&dev, 0)
        }
    }
    let mut out = [0u8; 64];
    let st = VfRequester::new().read_block(&mut Guest { d: &d, bc: &bc }, BLOCK_VF_INFO, &mut out);
    assert_eq!(st, NDIS_STATUS_SUCCESS);
    let vi = VfInfo::decode(&out).unwrap();
    assert_eq!(
        (vi.vf_id, vi.vport_id, vi.current_mac),
        (0, 1, [2, 0, 0, 0, 0, 1])
    );
    // The PF's invalidations for VF 0 are OR-ed until the guest's OID takes them.
    for (vf, mask) in d.os.invalidations.lock().unwrap().drain(..) {
        bc.borrow_mut().invalidate(vf, mask);
    }
    bc.borrow_mut().invalidate(0, 1 << BLOCK_LINK_STATE);
    assert_eq!(
        bc.borrow_mut().take_invalidation(0),
        Some((1 << BLOCK_VF_INFO) | (1 << BLOCK_LINK_STATE))
    );
    assert_eq!(bc.borrow_mut().take_invalidation(0), None);
    assert_eq!(
        &invalidate_buf(3)[..],
        &[0x80, 1, 16, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0]
    );
    bc.borrow_mut().invalidate(0, 2);
    bc.borrow_mut().flr(0);
    assert_eq!(bc.borrow_mut().take_invalidation(0), None);
}

#[test]
fn enable_virtualization_programs_the_sriov_capability_once_and_disable_needs_zero_vfs() {
    let d = Direct::new();
    let dev = d.os.dev.clone();
    assert_eq!(apply_enable_virtualization(&dev, 3, true), NDIS_STATUS_SUCCESS);
    assert_eq!(d.hw.borrow().vfs_enabled(), (3, true));
    assert!(dev.vf_enabled(2) && !dev.vf_enabled(3));
    assert_eq!(
        apply_enable_virtualization(&dev, 3, true),
        NDIS_STATUS_FAILURE,
        "enabling twice fails"
    );
    assert_eq!(
        apply_enable_virtualization(&dev, 1, false),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(apply_enable_virtualization(&dev, 0, false), NDIS_STATUS_SUCCESS);
    assert_eq!(d.hw.borrow().vfs_enabled(), (0, false));
    // More than TotalVFs: the device refuses VF Enable.
    assert_eq!(apply_enable_virtualization(&dev, 5, true), NDIS_STATUS_FAILURE);
}

#[test]
fn enum_filters_with_vport_id_specified_lists_exactly_that_vports_filters() {
    let d = Direct::new();
    let mut sw = IovSwitch::new(&d, d.pf.borrow().caps().max_num_vports, 100);
    sw.create(2).unwrap();
    sw.connect(vm("a", 1, 1)).unwrap();
    sw.connect(vm("b", 2, 0)).unwrap();
    let pf = d.pf.borrow();
    let info = NdisIovInfo {
        pf_luid: (1, 0),
        serial_base: 0,
    };
    let q = |vport: u32, len: usize| {
        let mut b = vec![0u8; len];
        b[20..24].copy_from_slice(&1u32.to_le_bytes());
        b[24..28].copy_from_slice(&vport.to_le_bytes());
        let r = ndis_answer(&pf, &info, RequestType::Method, 0x0001_0229, &mut b, None);
        (r, b)
    };
    let (r, b) = q(1, 64);
    assert_eq!(r, Some((NDIS_STATUS_SUCCESS, 28 + 16, 0)));
    assert_eq!((u32_at(&b, 8), u32_at(&b, 12), u32_at(&b, 16)), (28, 1, 16));
    assert_eq!(u32_at(&b, 28 + 12), 100, "VM a's filter moved to its VF vPort");
    let (r, b) = q(0, 64);
    assert_eq!(r, Some((NDIS_STATUS_SUCCESS, 28 + 16, 0)));
    assert_eq!(
        u32_at(&b, 28 + 12),
        101,
        "VM b's filter stays on the default vPort"
    );
    assert_eq!(q(0, 30).0, Some((NDIS_STATUS_INVALID_LENGTH, 0, 44)));
    assert_eq!(q(9, 64).0, Some((NDIS_STATUS_INVALID_PARAMETER, 0, 0)));
    // Without VPORT_ID_SPECIFIED it is the VMQ answer's.
    let mut b = vec![0u8; 64];
    assert_eq!(
        ndis_answer(&pf, &info, RequestType::Method, 0x0001_0229, &mut b, None),
        None
    );
}

#[test]
fn receive_filter_parameters_of_a_vport_filter_return_its_vport_mac_and_vlan() {
    let d = Direct::new();
    let mut sw = IovSwitch::new(&d, d.pf.borrow().caps().max_num_vports, 100);
    sw.create(2).unwrap();
    sw.connect(vm("a", 1, 1)).unwrap();
    sw.connect(IovVm {
        vlan: Some(7),
        ..vm("b", 2, 0)
    })
    .unwrap();
    let pf = d.pf.borrow();
    let info = NdisIovInfo {
        pf_luid: (1, 0),
        serial_base: 0,
    };
    let q = |filter: u32, len: usize| {
        let mut b = vec![0u8; len];
        b[filter_params::FILTER_ID..filter_params::FILTER_ID + 4].copy_from_slice(&filter.to_le_bytes());
        let r = ndis_answer(
            &pf,
            &info,
            RequestType::Method,
            svnic_abi::oid::OID_RECEIVE_FILTER_PARAMETERS,
            &mut b,
            None,
        );
        (r, b)
    };
    let esz = filter_params::FIELD_SIZE_REVISION_1;
    let off = filter_params::SIZE_REVISION_2;
    // VM a: filter 100 moved to VF vPort 1, untagged.
    let (r, b) = q(100, 512);
    assert_eq!(r, Some((NDIS_STATUS_SUCCESS, (off + esz) as u32, 0)));
    assert_eq!(u32_at(&b, filter_params::FILTER_ID), 100);
    assert_eq!(u32_at(&b, filter_params::VPORT_ID), 1);
    assert_eq!(u32_at(&b, filter_params::FIELD_ARRAY_NUM_ELEMENTS), 1);
    assert_eq!(
        &b[off + filter_params::FIELD_VALUE..off + filter_params::FIELD_VALUE + 6],
        &[2, 0, 0, 0, 0, 1]
    );
    assert_eq!(
        u32_at(&b, off + filter_params::FIELD_FLAGS),
        filter_params::FIELD_FLAG_VLAN_UNTAGGED_OR_ZERO
    );
    // VM b: filter 101 on the default vPort with VLAN 7 (two fields).
    let (r, b) = q(101, 512);
    assert_eq!(r, Some((NDIS_STATUS_SUCCESS, (off + 2 * esz) as u32, 0)));
    assert_eq!(u32_at(&b, filter_params::VPORT_ID), 0);
    assert_eq!(u32_at(&b, filter_params::FIELD_ARRAY_NUM_ELEMENTS), 2);
    assert_eq!(
        &b[..off + 2 * esz],
        &set_filter_buf(101, 0, [2, 0, 0, 0, 0, 2], Some(7))[..]
    );
    // Short buffer: INVALID_LENGTH with the exact size; unknown id: the VMQ answer applies.
    assert_eq!(
        q(101, off).0,
        Some((NDIS_STATUS_INVALID_LENGTH, 0, (off + 2 * esz) as u32))
    );
    assert_eq!(q(999, 512).0, None);
}
