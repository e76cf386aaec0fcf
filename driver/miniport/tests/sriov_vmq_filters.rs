//! SR-IOV + VMQ through the adapter's dispatcher: once CREATE_SWITCH made a NIC switch, vPort
//! filters go to the PF engine, but a VM queue's SET_FILTER (QueueId != 0) and CLEAR_FILTER (a
//! FilterId the VMQ engine holds) still go to the VMQ engine, so VM queues keep steering.

mod sriov_common;
#[allow(unused_imports)]
mod vmq_support;

use sriov_common::{create_switch_buf, mac, set_filter_buf, TestOs};
use std::sync::Arc;
use svnic_abi::status::*;
use svnic_device::frame::build_frame;
use svnic_device::{Device, NullMsi};
use svnic_miniport::adapter::{Adapter, HwParams, Partition};
use svnic_miniport::hw::Hub;
use svnic_miniport::keywords::{self, Interface, KeywordSource};
use svnic_miniport::oid::{OidOutcome, OidRequest, OidToken, RequestType};
use svnic_miniport::os::ProcessorNumber;
use svnic_miniport::sriov::abi::{OID_NIC_SWITCH_CREATE_SWITCH, OID_RECEIVE_FILTER_SET_FILTER};
use svnic_miniport::vmq::datapath::RxTable;
use svnic_miniport::vmq::device::RxTarget;
use svnic_miniport::vmq::ndis::{
    OID_RECEIVE_FILTER_ALLOCATE_QUEUE, OID_RECEIVE_FILTER_CLEAR_FILTER,
    OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE,
};

struct Kw;
impl KeywordSource for Kw {
    fn read_int(&self, name: &str) -> Option<u32> {
        match name {
            keywords::SRIOV_PREFERRED | keywords::SRIOV | keywords::VMQ => Some(1),
            _ => None,
        }
    }
}

fn oid(a: &Adapter, rt: RequestType, oid: u32, buf: &mut [u8]) -> u32 {
    let n = buf.len();
    let mut req = OidRequest {
        request_type: rt,
        oid,
        buffer: buf,
        input_len: n,
        bytes_read: 0,
        bytes_written: 0,
        bytes_needed: 0,
        token: OidToken(1),
    };
    match a.oid_request(&mut req) {
        OidOutcome::Complete(s) => s,
        OidOutcome::Pending => NDIS_STATUS_PENDING,
    }
}

fn frame(dst: [u8; 6], seq: u8) -> Vec<u8> {
    let mut b = vec![0u8; 64];
    let n = build_frame(&mut b, dst, [2, 1, 1, 1, 1, 1], None, 0x0800, &[seq; 46]).unwrap();
    b.truncate(n);
    b
}

#[test]
fn vm_queue_filters_still_work_after_create_switch_with_sriov_and_vmq() {
    // The recorder's own device only serves NdisMEnableVirtualization, which a switch with
    // NumVFs 0 does not call (docs/sriov.md choice 8).
    let os = Arc::new(TestOs::new(Arc::new(
        Device::new(sriov_common::device_config(), Arc::new(NullMsi)).unwrap(),
    )));
    let a = Adapter::initialize(
        os.clone(),
        &Kw,
        HwParams {
            hub: Arc::new(Hub::new()),
            permanent_mac: [2, 0x5e, 0x56, 0, 0, 1],
            network_address: None,
            partition: Partition::Pf,
        },
    )
    .unwrap();
    assert_eq!(a.config().interface, Interface::SriovVmq);
    assert_eq!(a.restart(), NDIS_STATUS_SUCCESS);
    assert_eq!(
        oid(
            &a,
            RequestType::Method,
            OID_NIC_SWITCH_CREATE_SWITCH,
            &mut create_switch_buf(0, 1)
        ),
        NDIS_STATUS_SUCCESS
    );
    assert!(a.sriov().owns_filters());
    // A VM queue on processor 1, its filter set after the switch exists.
    assert_eq!(
        oid(
            &a,
            RequestType::Method,
            OID_RECEIVE_FILTER_ALLOCATE_QUEUE,
            &mut vmq_support::queue_params(1, 1 << 1, 0)
        ),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        oid(
            &a,
            RequestType::Method,
            OID_RECEIVE_FILTER_SET_FILTER,
            &mut vmq_support::filter_params(1, 7, mac(1), None)
        ),
        NDIS_STATUS_SUCCESS,
        "QueueId 1: the VMQ engine's filter"
    );
    assert_eq!(
        oid(
            &a,
            RequestType::Method,
            OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE,
            &mut vmq_support::allocation_complete(&[1])
        ),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(a.vmq().filter(7).map(|f| f.target), Some(RxTarget::Queue(1)));
    assert!(!a.sriov().owns_filter(7));
    // A default-vPort filter (QueueId 0) still belongs to the switch.
    assert_eq!(
        oid(
            &a,
            RequestType::Method,
            OID_RECEIVE_FILTER_SET_FILTER,
            &mut set_filter_buf(8, 0, mac(2), None)
        ),
        NDIS_STATUS_SUCCESS
    );
    assert!(a.sriov().owns_filter(8));
    assert_eq!(a.vmq().filter(8), None);
    // Frames for the VM land on queue 1, indicated with its QueueId on its processor.
    for i in 0..3 {
        assert!(a.wire_inject(&frame(mac(1), i)));
    }
    a.dpc(ProcessorNumber { group: 0, number: 1 });
    {
        let ind = os.indications.lock().unwrap();
        let got: Vec<_> = ind
            .iter()
            .flat_map(|(bank, q, v, _, frames)| frames.iter().map(move |f| (*bank, *q, *v, f[14])))
            .collect();
        assert_eq!(
            got,
            (0..3).map(|i| (RxTable::bank_of(1), 1, 0, i)).collect::<Vec<_>>()
        );
    }
    assert_eq!(a.vmq().rx_stats(1).indicated, 3);
    // CLEAR_FILTER of the VM queue's filter goes to the VMQ engine too.
    assert_eq!(
        oid(
            &a,
            RequestType::Set,
            OID_RECEIVE_FILTER_CLEAR_FILTER,
            &mut vmq_support::clear_params(1, 7)
        ),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(a.vmq().filter(7), None);
    assert!(a.sriov().owns_filter(8), "the switch's filter is untouched");
    for slot in 0..3 {
        a.return_rx(RxTable::bank_of(1), slot);
    }
    assert_eq!(a.vmq().outstanding_total(), 0);
}
