//! SR-IOV + VMQ through `Adapter`: one receive DPC per processor serves a VM queue and a PF
//! vPort on the same processor (each indicated in its own call with its own QueueId / VPortId),
//! the pause waits for both kinds of NBLs, DELETE_VPORT pends through the dispatcher until the
//! vPort's last NBL returns, and halt leaves no memory behind.

mod sriov_common;
#[allow(unused_imports)]
mod vmq_support;

use sriov_common::{create_switch_buf, mac, set_filter_buf, vport_buf, vport_set_buf, TestOs};
use std::sync::Arc;
use svnic_abi::status::*;
use svnic_device::frame::build_frame;
use svnic_device::{Device, NullMsi};
use svnic_miniport::adapter::{Adapter, AdapterState, HwParams, Partition};
use svnic_miniport::hw::Hub;
use svnic_miniport::keywords::{self, KeywordSource};
use svnic_miniport::oid::{OidOutcome, OidRequest, OidToken, RequestType};
use svnic_miniport::os::ProcessorNumber;
use svnic_miniport::sriov::abi::{
    vport_params, NDIS_PF_FUNCTION_ID, OID_NIC_SWITCH_CREATE_SWITCH, OID_NIC_SWITCH_CREATE_VPORT,
    OID_NIC_SWITCH_DELETE_VPORT, OID_NIC_SWITCH_VPORT_PARAMETERS, OID_RECEIVE_FILTER_CLEAR_FILTER,
    OID_RECEIVE_FILTER_SET_FILTER,
};
use svnic_miniport::vmq::datapath::RxTable;
use svnic_miniport::vmq::ndis::{
    OID_RECEIVE_FILTER_ALLOCATE_QUEUE, OID_RECEIVE_FILTER_FREE_QUEUE,
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

fn oid(a: &Adapter, rt: RequestType, oid: u32, buf: &mut [u8], token: u64) -> OidOutcome {
    let n = buf.len();
    let mut req = OidRequest {
        request_type: rt,
        oid,
        buffer: buf,
        input_len: n,
        bytes_read: 0,
        bytes_written: 0,
        bytes_needed: 0,
        token: OidToken(token),
    };
    a.oid_request(&mut req)
}

fn ok() -> OidOutcome {
    OidOutcome::Complete(NDIS_STATUS_SUCCESS)
}

fn frame(dst: [u8; 6], seq: u8) -> Vec<u8> {
    let mut b = vec![0u8; 64];
    let n = build_frame(&mut b, dst, [2, 1, 1, 1, 1, 1], None, 0x0800, &[seq; 46]).unwrap();
    b.truncate(n);
    b
}

#[test]
fn one_dpc_serves_a_vm_queue_and_a_pf_vport_and_delete_vport_pends_through_the_adapter() {
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
    assert_eq!(a.restart(), NDIS_STATUS_SUCCESS);
    let m = RequestType::Method;
    let s = RequestType::Set;
    assert_eq!(
        oid(
            &a,
            m,
            OID_NIC_SWITCH_CREATE_SWITCH,
            &mut create_switch_buf(0, 1),
            1
        ),
        ok()
    );
    // VM queue 1 and PF vPort 5, both on processor 1.
    assert_eq!(
        oid(
            &a,
            m,
            OID_RECEIVE_FILTER_ALLOCATE_QUEUE,
            &mut vmq_support::queue_params(1, 1 << 1, 0),
            2
        ),
        ok()
    );
    assert_eq!(
        oid(
            &a,
            m,
            OID_RECEIVE_FILTER_SET_FILTER,
            &mut vmq_support::filter_params(1, 7, mac(1), None),
            3
        ),
        ok()
    );
    assert_eq!(
        oid(
            &a,
            m,
            OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE,
            &mut vmq_support::allocation_complete(&[1]),
            4
        ),
        ok()
    );
    assert_eq!(
        oid(
            &a,
            m,
            OID_NIC_SWITCH_CREATE_VPORT,
            &mut vport_buf(
                5,
                NDIS_PF_FUNCTION_ID,
                1,
                vport_params::STATE_DEACTIVATED,
                1 << 1,
                0
            ),
            5
        ),
        ok()
    );
    assert_eq!(
        oid(
            &a,
            s,
            OID_NIC_SWITCH_VPORT_PARAMETERS,
            &mut vport_set_buf(
                5,
                vport_params::STATE_CHANGED,
                vport_params::STATE_ACTIVATED,
                1 << 1
            ),
            6
        ),
        ok()
    );
    assert_eq!(
        oid(
            &a,
            m,
            OID_RECEIVE_FILTER_SET_FILTER,
            &mut set_filter_buf(8, 5, mac(5), None),
            7
        ),
        ok()
    );
    let q5 = a.sriov().with_hw(|hw| hw.vport_queue(5)).unwrap().0;
    assert_ne!(q5, 1, "the vPort's queue is not the VM queue's");
    for i in 0..3 {
        assert!(a.wire_inject(&frame(mac(1), i)));
        assert!(a.wire_inject(&frame(mac(5), 10 + i)));
    }
    a.dpc(ProcessorNumber { group: 0, number: 1 });
    let mut got: Vec<_> = os
        .indications
        .lock()
        .unwrap()
        .iter()
        .map(|(bank, q, v, _, frames)| (*bank, *q, *v, frames.iter().map(|f| f[14]).collect::<Vec<_>>()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            (RxTable::bank_of(1), 1, 0, vec![0, 1, 2]),
            (RxTable::bank_of(q5), 0, 5, vec![10, 11, 12]),
        ]
    );
    // Pause waits for all six NBLs; DELETE_VPORT waits for the vPort's three.
    assert_eq!(a.pause(), NDIS_STATUS_PENDING);
    assert_eq!(
        oid(
            &a,
            s,
            OID_RECEIVE_FILTER_CLEAR_FILTER,
            &mut sriov_common::clear_filter_buf(8),
            8
        ),
        ok()
    );
    assert_eq!(
        oid(
            &a,
            s,
            OID_NIC_SWITCH_DELETE_VPORT,
            &mut sriov_common::delete_vport_buf(5),
            9
        ),
        OidOutcome::Pending
    );
    for slot in 0..3 {
        a.return_rx(RxTable::bank_of(q5), slot);
    }
    assert_eq!(
        os.completions
            .lock()
            .unwrap()
            .iter()
            .map(|c| (c.0, c.1))
            .collect::<Vec<_>>(),
        vec![(OidToken(9), NDIS_STATUS_SUCCESS)]
    );
    assert_eq!(
        a.state(),
        AdapterState::Pausing,
        "the VM queue's NBLs are still out"
    );
    for slot in 0..3 {
        a.return_rx(RxTable::bank_of(1), slot);
    }
    assert_eq!(a.state(), AdapterState::Paused);
    assert_eq!(
        a.driver_counters()
            .stale_returns
            .load(std::sync::atomic::Ordering::Relaxed),
        0
    );
    // NDIS frees the VM queue before halting; halt leaves nothing.
    assert_eq!(
        oid(
            &a,
            s,
            OID_RECEIVE_FILTER_CLEAR_FILTER,
            &mut vmq_support::clear_params(1, 7),
            10
        ),
        ok()
    );
    assert_eq!(
        oid(
            &a,
            s,
            OID_RECEIVE_FILTER_FREE_QUEUE,
            &mut vmq_support::free_params(1),
            11
        ),
        ok()
    );
    a.halt();
    assert_eq!(*os.shared_live.lock().unwrap(), 0);
}
