//! SR-IOV + VMQ on one adapter: the VMQ engine and the PF engine share one receive table, whose
//! slots 1..=pf_queues are the one PF queue budget (docs/sriov.md "Limits and pools"): VM queues
//! (ALLOCATE_QUEUE, QueueId n = device queue n) and PF non-default vPorts (CREATE_VPORT, highest
//! free queue) never hold the same device queue; whoever asks when all are held gets RESOURCES.

mod sriov_common;
#[allow(unused_imports)]
mod vmq_support;

use sriov_common::{
    create_switch_buf, delete_vport_buf, device_config, mac, set_filter_buf, vport_buf, vport_set_buf,
    TestOs, PF_QUEUES,
};
use std::sync::Arc;
use svnic_abi::status::*;
use svnic_device::frame::build_frame;
use svnic_device::{Device, NullMsi};
use svnic_miniport::oid::{OidOutcome, OidRequest, OidToken, RequestType};
use svnic_miniport::os::ProcessorNumber;
use svnic_miniport::sriov::abi::{
    vport_params, NDIS_PF_FUNCTION_ID, OID_NIC_SWITCH_CREATE_SWITCH, OID_NIC_SWITCH_CREATE_VPORT,
    OID_NIC_SWITCH_DELETE_VPORT, OID_NIC_SWITCH_VPORT_PARAMETERS, OID_RECEIVE_FILTER_CLEAR_FILTER,
    OID_RECEIVE_FILTER_SET_FILTER,
};
use svnic_miniport::sriov::attach::AdapterSriov;
use svnic_miniport::vmq::caps::{receive_filter_capabilities, VmqMode};
use svnic_miniport::vmq::datapath::{RxTable, SlotOwner};
use svnic_miniport::vmq::device::VmqDevice;
use svnic_miniport::vmq::model_hw::ModelVmq;
use svnic_miniport::vmq::ndis::{OID_RECEIVE_FILTER_ALLOCATE_QUEUE, OID_RECEIVE_FILTER_FREE_QUEUE};
use svnic_miniport::vmq::{VmqEngine, VmqEnv};

struct Both {
    dev: Arc<Device>,
    os: TestOs,
    rx: Arc<RxTable>,
    vmq_hw: Arc<ModelVmq>,
    vmq: VmqEngine,
    sriov: AdapterSriov,
}

fn req<'a>(rt: RequestType, oid: u32, buf: &'a mut [u8], token: u64) -> OidRequest<'a> {
    let n = buf.len();
    OidRequest {
        request_type: rt,
        oid,
        buffer: buf,
        input_len: n,
        bytes_read: 0,
        bytes_written: 0,
        bytes_needed: 0,
        token: OidToken(token),
    }
}

fn status(o: OidOutcome) -> u32 {
    match o {
        OidOutcome::Complete(s) => s,
        OidOutcome::Pending => NDIS_STATUS_PENDING,
    }
}

impl Both {
    fn new() -> Self {
        let dev = Arc::new(Device::new(device_config(), Arc::new(NullMsi)).unwrap());
        let vmq_hw = Arc::new(ModelVmq::new(dev.clone()));
        let rx = Arc::new(RxTable::new(vmq_hw.vmq_queue_count()));
        let caps = receive_filter_capabilities(
            vmq_hw.vmq_queue_count(),
            vmq_hw.vmq_filter_capacity(),
            VmqMode {
                vmq: true,
                sriov: true,
                vlan_filtering: true,
            },
        );
        assert_eq!(
            caps.num_queues(),
            PF_QUEUES,
            "every PF queue is a VM queue candidate"
        );
        let vmq = VmqEngine::with_rx(caps, rx.clone());
        let sriov = AdapterSriov::with_rx(dev.clone(), true, true, Some(4), true, rx.clone(), vmq_hw.clone());
        let b = Self {
            os: TestOs::new(dev.clone()),
            dev,
            rx,
            vmq_hw,
            vmq,
            sriov,
        };
        assert_eq!(
            b.pf(
                RequestType::Method,
                OID_NIC_SWITCH_CREATE_SWITCH,
                &mut create_switch_buf(2, 1)
            ),
            NDIS_STATUS_SUCCESS
        );
        b
    }

    fn vmq_oid(&self, rt: RequestType, oid: u32, buf: &mut [u8]) -> u32 {
        let mut r = req(rt, oid, buf, 1);
        let mut env = VmqEnv {
            os: &self.os,
            device: &*self.vmq_hw,
        };
        status(self.vmq.handle_oid(&mut env, &mut r))
    }

    fn pf(&self, rt: RequestType, oid: u32, buf: &mut [u8]) -> u32 {
        let mut r = req(rt, oid, buf, 2);
        status(self.sriov.handle(&self.os, &mut r))
    }

    fn allocate(&self, id: u32) -> u32 {
        self.vmq_oid(
            RequestType::Method,
            OID_RECEIVE_FILTER_ALLOCATE_QUEUE,
            &mut vmq_support::queue_params(id, 1 << 1, 0),
        )
    }

    fn free(&self, id: u32) -> u32 {
        self.vmq_oid(
            RequestType::Set,
            OID_RECEIVE_FILTER_FREE_QUEUE,
            &mut vmq_support::free_params(id),
        )
    }

    fn create_vport(&self, id: u32) -> u32 {
        self.pf(
            RequestType::Method,
            OID_NIC_SWITCH_CREATE_VPORT,
            &mut vport_buf(
                id,
                NDIS_PF_FUNCTION_ID,
                1,
                vport_params::STATE_DEACTIVATED,
                1 << 2,
                0,
            ),
        )
    }

    fn delete_vport(&self, id: u32) -> u32 {
        self.pf(
            RequestType::Set,
            OID_NIC_SWITCH_DELETE_VPORT,
            &mut delete_vport_buf(id),
        )
    }

    fn vport_queue(&self, id: u32) -> Option<u16> {
        self.sriov.with_hw(|hw| hw.vport_queue(id)).map(|q| q.0)
    }

    fn owners(&self) -> Vec<SlotOwner> {
        (1..=PF_QUEUES).map(|q| self.rx.owner(q)).collect()
    }
}

#[test]
fn vm_queues_and_pf_vports_share_one_pf_queue_budget() {
    use SlotOwner::{Free, PfVPort, VmQueue};
    let b = Both::new();
    assert_eq!(PF_QUEUES, 4);
    // k = 2 VM queues (QueueIds 1, 2 = device queues 1, 2), pf_queues - k = 2 PF vPorts.
    assert_eq!(b.allocate(1), NDIS_STATUS_SUCCESS);
    assert_eq!(b.allocate(2), NDIS_STATUS_SUCCESS);
    assert_eq!(b.create_vport(5), NDIS_STATUS_SUCCESS);
    assert_eq!(b.create_vport(6), NDIS_STATUS_SUCCESS);
    assert_eq!((b.vport_queue(5), b.vport_queue(6)), (Some(4), Some(3)));
    assert_eq!(b.owners(), vec![VmQueue, VmQueue, PfVPort, PfVPort]);
    // Everything is held: the next of either kind is RESOURCES and changes nothing.
    assert_eq!(b.allocate(3), NDIS_STATUS_RESOURCES);
    assert_eq!(b.create_vport(7), NDIS_STATUS_RESOURCES);
    assert_eq!(b.vport_queue(7), None);
    assert_eq!(b.vmq.queues().len(), 2);
    assert_eq!(b.owners(), vec![VmQueue, VmQueue, PfVPort, PfVPort]);
    // Freeing a VM queue lets a PF vPort take its device queue ...
    assert_eq!(b.free(2), NDIS_STATUS_SUCCESS);
    assert_eq!(b.owners(), vec![VmQueue, Free, PfVPort, PfVPort]);
    assert_eq!(b.create_vport(7), NDIS_STATUS_SUCCESS);
    assert_eq!(b.vport_queue(7), Some(2));
    assert_eq!(
        b.allocate(2),
        NDIS_STATUS_RESOURCES,
        "QueueId 2's queue is a PF vPort's now"
    );
    // ... and deleting a PF vPort lets a VM queue take its.
    assert_eq!(b.delete_vport(6), NDIS_STATUS_SUCCESS);
    assert_eq!(b.owners(), vec![VmQueue, PfVPort, Free, PfVPort]);
    assert_eq!(
        b.allocate(4),
        NDIS_STATUS_RESOURCES,
        "device queue 4 is held by vPort 5"
    );
    assert_eq!(b.allocate(3), NDIS_STATUS_SUCCESS);
    assert_eq!(b.owners(), vec![VmQueue, PfVPort, VmQueue, PfVPort]);
    assert_eq!(b.create_vport(8), NDIS_STATUS_RESOURCES);
    assert_eq!(b.allocate(4), NDIS_STATUS_RESOURCES);
}

#[test]
fn a_deleted_pf_vport_keeps_its_queue_until_its_last_nbl_returns_then_a_vm_queue_gets_it() {
    let b = Both::new();
    for q in 1..=3 {
        assert_eq!(b.allocate(q), NDIS_STATUS_SUCCESS);
    }
    assert_eq!(b.create_vport(5), NDIS_STATUS_SUCCESS);
    assert_eq!(b.vport_queue(5), Some(4));
    let mut act = vport_set_buf(
        5,
        vport_params::STATE_CHANGED,
        vport_params::STATE_ACTIVATED,
        1 << 2,
    );
    assert_eq!(
        b.pf(RequestType::Set, OID_NIC_SWITCH_VPORT_PARAMETERS, &mut act),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        b.pf(
            RequestType::Method,
            OID_RECEIVE_FILTER_SET_FILTER,
            &mut set_filter_buf(70, 5, mac(5), None)
        ),
        NDIS_STATUS_SUCCESS
    );
    let mut f = vec![0u8; 64];
    let n = build_frame(&mut f, mac(5), [2, 1, 1, 1, 1, 1], None, 0x0800, &[7; 46]).unwrap();
    b.dev.receive(&f[..n]);
    assert_eq!(b.sriov.dpc(&b.os, ProcessorNumber { group: 0, number: 2 }), 1);
    assert_eq!(
        b.pf(
            RequestType::Set,
            OID_RECEIVE_FILTER_CLEAR_FILTER,
            &mut sriov_common::clear_filter_buf(70)
        ),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(b.delete_vport(5), NDIS_STATUS_PENDING);
    assert_eq!(
        b.allocate(4),
        NDIS_STATUS_RESOURCES,
        "still freeing: its memory is in use"
    );
    assert_eq!(b.rx.owner(4), SlotOwner::PfVPort);
    assert!(b.vmq.return_rx(
        &VmqEnv {
            os: &b.os,
            device: &*b.vmq_hw
        },
        RxTable::bank_of(4),
        0
    ));
    assert_eq!(b.rx.owner(4), SlotOwner::Free);
    assert_eq!(b.os.completions.lock().unwrap().len(), 1);
    assert_eq!(b.allocate(4), NDIS_STATUS_SUCCESS);
}
