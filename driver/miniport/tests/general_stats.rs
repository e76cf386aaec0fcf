//! The PF's general statistics (OID_GEN_STATISTICS, OID_GEN_XMIT_OK / RCV_OK / XMIT_ERROR /
//! RCV_ERROR / RCV_NO_BUFFER) through `Adapter`, with SR-IOV and VMQ both on: every frame the PF
//! miniport sent (default pool, an Activated PF vPort's pool) or indicated (default queue, a VM
//! queue, a PF vPort queue) is counted, split by cast in frames and octets, and the single-value
//! OIDs agree with the structure.

mod sriov_common;
#[allow(unused_imports)]
mod vmq_support;

use sriov_common::{create_switch_buf, mac, set_filter_buf, vport_buf, vport_set_buf, TestOs};
use std::sync::Arc;
use svnic_abi::status::*;
use svnic_device::frame::build_frame;
use svnic_device::{Device, NullMsi, QueueId};
use svnic_miniport::adapter::{Adapter, HwParams, Partition};
use svnic_miniport::general::*;
use svnic_miniport::hw::{packet_type, Hub};
use svnic_miniport::keywords::{self, KeywordSource};
use svnic_miniport::oid::{OidOutcome, OidRequest, OidToken, RequestType};
use svnic_miniport::os::ProcessorNumber;
use svnic_miniport::sriov::abi::{
    vport_params, NDIS_PF_FUNCTION_ID, OID_NIC_SWITCH_CREATE_SWITCH, OID_NIC_SWITCH_CREATE_VPORT,
    OID_NIC_SWITCH_VPORT_PARAMETERS, OID_RECEIVE_FILTER_SET_FILTER,
};
use svnic_miniport::vmq::ndis::{
    OID_RECEIVE_FILTER_ALLOCATE_QUEUE, OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE,
};

const PF_MAC: [u8; 6] = [2, 0x5e, 0x56, 0, 0, 1];

struct Kw;
impl KeywordSource for Kw {
    fn read_int(&self, name: &str) -> Option<u32> {
        match name {
            keywords::SRIOV_PREFERRED | keywords::SRIOV | keywords::VMQ => Some(1),
            _ => None,
        }
    }
}

/// (status, BytesWritten, BytesNeeded) of one OID.
fn oid(a: &Adapter, rt: RequestType, oid: u32, buf: &mut [u8]) -> (u32, u32, u32) {
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
        OidOutcome::Complete(st) => (st, req.bytes_written, req.bytes_needed),
        OidOutcome::Pending => panic!("these OIDs do not pend"),
    }
}

fn ok(a: &Adapter, rt: RequestType, o: u32, mut buf: Vec<u8>) {
    assert_eq!(oid(a, rt, o, &mut buf).0, NDIS_STATUS_SUCCESS, "OID {o:#x}");
}

fn frame(dst: [u8; 6], src: [u8; 6], payload: usize) -> Vec<u8> {
    let mut b = vec![0u8; 2048];
    let n = build_frame(&mut b, dst, src, None, 0x0800, &vec![7; payload]).unwrap();
    b.truncate(n);
    b
}

fn stats(a: &Adapter) -> [u64; 18] {
    let mut b = vec![0u8; 160];
    assert_eq!(
        oid(a, RequestType::Query, OID_GEN_STATISTICS, &mut b),
        (NDIS_STATUS_SUCCESS, 152, 0)
    );
    assert_eq!(&b[..8], &[0x80, 1, 152, 0, 0xFF, 0xFF, 0x3F, 0]);
    assert_eq!(&b[152..], &[0; 8], "nothing past the structure");
    std::array::from_fn(|i| u64::from_le_bytes(b[8 + 8 * i..16 + 8 * i].try_into().unwrap()))
}

fn single(a: &Adapter, o: u32) -> u64 {
    let mut b = [0u8; 8];
    assert_eq!(oid(a, RequestType::Query, o, &mut b), (NDIS_STATUS_SUCCESS, 8, 0));
    u64::from_le_bytes(b)
}

/// An adapter with SR-IOV and VMQ, restarted, directed + broadcast filter: VM queue 1 (filter
/// for mac(1)) and Activated PF vPort 5 (filter for mac(5)), both on processor 1. Returns the
/// adapter and vPort 5's device queue.
fn adapter() -> (Arc<TestOs>, Arc<Adapter>, u16) {
    let os = Arc::new(TestOs::new(Arc::new(
        Device::new(sriov_common::device_config(), Arc::new(NullMsi)).unwrap(),
    )));
    let a = Adapter::initialize(
        os.clone(),
        &Kw,
        HwParams {
            hub: Arc::new(Hub::new()),
            permanent_mac: PF_MAC,
            network_address: None,
            partition: Partition::Pf,
        },
    )
    .unwrap();
    assert_eq!(a.restart(), NDIS_STATUS_SUCCESS);
    let filter = packet_type::DIRECTED | packet_type::BROADCAST;
    ok(
        &a,
        RequestType::Set,
        OID_GEN_CURRENT_PACKET_FILTER,
        filter.to_le_bytes().to_vec(),
    );
    let (m, s) = (RequestType::Method, RequestType::Set);
    ok(&a, m, OID_NIC_SWITCH_CREATE_SWITCH, create_switch_buf(0, 1));
    ok(
        &a,
        m,
        OID_RECEIVE_FILTER_ALLOCATE_QUEUE,
        vmq_support::queue_params(1, 1 << 1, 0),
    );
    ok(
        &a,
        m,
        OID_RECEIVE_FILTER_SET_FILTER,
        vmq_support::filter_params(1, 7, mac(1), None),
    );
    ok(
        &a,
        m,
        OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE,
        vmq_support::allocation_complete(&[1]),
    );
    let vp = vport_buf(
        5,
        NDIS_PF_FUNCTION_ID,
        1,
        vport_params::STATE_DEACTIVATED,
        1 << 1,
        0,
    );
    ok(&a, m, OID_NIC_SWITCH_CREATE_VPORT, vp);
    let act = vport_set_buf(
        5,
        vport_params::STATE_CHANGED,
        vport_params::STATE_ACTIVATED,
        1 << 1,
    );
    ok(&a, s, OID_NIC_SWITCH_VPORT_PARAMETERS, act);
    ok(
        &a,
        m,
        OID_RECEIVE_FILTER_SET_FILTER,
        set_filter_buf(8, 5, mac(5), None),
    );
    let q5 = a.sriov().with_hw(|hw| hw.vport_queue(5)).unwrap().0;
    (os, a, q5)
}

fn dpcs(a: &Adapter) {
    a.dpc(ProcessorNumber { group: 0, number: 0 });
    a.dpc(ProcessorNumber { group: 0, number: 1 });
}

#[test]
fn pf_statistics_count_every_pf_pool_and_queue_exactly() {
    let (os, a, q5) = adapter();
    assert_eq!(stats(&a), [0; 18], "nothing sent or indicated yet");
    // Receives: 3 x 60 bytes for VM queue 1, 2 x 100 for PF vPort 5, 1 x 80 for the default queue.
    for _ in 0..3 {
        assert!(a.wire_inject(&frame(mac(1), mac(9), 46)));
    }
    for _ in 0..2 {
        assert!(a.wire_inject(&frame(mac(5), mac(9), 86)));
    }
    assert!(a.wire_inject(&frame(PF_MAC, mac(9), 66)));
    dpcs(&a);
    let mut where_: Vec<(u32, u32, usize)> = os
        .indications
        .lock()
        .unwrap()
        .iter()
        .map(|(_, q, v, _, f)| (*q, *v, f.len()))
        .collect();
    where_.sort();
    assert_eq!(
        where_,
        vec![(0, 0, 1), (0, 5, 2), (1, 0, 3)],
        "default, vPort 5, VM queue 1"
    );
    // Sends: 2 unicast x 64 bytes from vPort 5's pool, 1 unicast x 70 and 1 multicast x 90 from
    // the default pool.
    let g = a.send_begin().unwrap();
    assert_eq!(
        g.send_frame_on(&[&frame(mac(8), mac(5), 50)], 5),
        NDIS_STATUS_SUCCESS
    );
    let split = frame(mac(8), mac(5), 50);
    assert_eq!(
        g.send_frame_on(&[&split[..4], &split[4..]], 5),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(g.send_frame(&[&frame(mac(8), PF_MAC, 56)]), NDIS_STATUS_SUCCESS);
    assert_eq!(
        g.send_frame(&[&frame([0x01, 0, 0x5e, 0, 0, 1], PF_MAC, 76)]),
        NDIS_STATUS_SUCCESS
    );
    drop(g);
    let dev = a.nic().device().clone();
    assert_eq!(
        dev.counters(QueueId(q5)).unwrap().tx.frames,
        2,
        "vPort 5's pool sent 2"
    );
    assert_eq!(dev.counters(QueueId::DEFAULT).unwrap().tx.frames, 2);
    assert_eq!(
        stats(&a),
        [
            0,   // ifInDiscards
            0,   // ifInErrors
            460, // ifHCInOctets: 3 x 60 + 2 x 100 + 80
            6,   // ifHCInUcastPkts
            0, 0, 288, // ifHCOutOctets: 2 x 64 + 70 + 90
            3,   // ifHCOutUcastPkts
            1,   // ifHCOutMulticastPkts
            0, 0, // ifOutErrors
            0, // ifOutDiscards
            460, 0, 0, 198, // ifHCOutUcastOctets
            90,  // ifHCOutMulticastOctets
            0,
        ]
    );
    assert_eq!(single(&a, OID_GEN_XMIT_OK), 4);
    assert_eq!(single(&a, OID_GEN_RCV_OK), 6);
    assert_eq!(single(&a, OID_GEN_XMIT_ERROR), 0);
    assert_eq!(single(&a, OID_GEN_RCV_ERROR), 0);
    assert_eq!(single(&a, OID_GEN_RCV_NO_BUFFER), 0);
    // The octets are what the device's PF pools sent.
    let dev_tx: u64 = [0, q5]
        .iter()
        .map(|q| dev.counters(QueueId(*q)).unwrap().tx.bytes)
        .sum();
    assert_eq!(dev_tx, 288);
}

#[test]
fn a_broadcast_flooded_to_the_default_vport_and_a_pf_vport_counts_once_per_indication() {
    let (os, a, _q5) = adapter();
    assert!(a.wire_inject(&frame([0xff; 6], mac(9), 46)));
    dpcs(&a);
    let mut got: Vec<(u32, u32, usize)> = os
        .indications
        .lock()
        .unwrap()
        .iter()
        .map(|(_, q, v, _, f)| (*q, *v, f.len()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![(0, 0, 1), (0, 5, 1)],
        "the default vPort and PF vPort 5, not the VM queue"
    );
    let s = stats(&a);
    assert_eq!((s[3], s[4], s[5], s[14], s[2]), (0, 0, 2, 120, 120));
    assert_eq!(single(&a, OID_GEN_RCV_OK), 2);
}

#[test]
fn a_pf_send_too_long_for_the_adapter_completes_invalid_length_and_is_a_transmit_error() {
    let (_os, a, _q5) = adapter();
    let g = a.send_begin().unwrap();
    let big = frame(mac(8), mac(5), 1600);
    assert_eq!(g.send_frame_on(&[&big], 5), NDIS_STATUS_INVALID_LENGTH);
    assert_eq!(
        g.send_frame(&[&big[..800], &big[800..]]),
        NDIS_STATUS_INVALID_LENGTH
    );
    drop(g);
    let s = stats(&a);
    assert_eq!(
        (s[10], s[11], s[6], s[7]),
        (2, 0, 0, 0),
        "2 ifOutErrors, nothing sent"
    );
    assert_eq!(single(&a, OID_GEN_XMIT_ERROR), 2);
    assert_eq!(single(&a, OID_GEN_XMIT_OK), 0);
}

#[test]
fn pf_statistics_oids_report_exact_bytes_needed_for_short_buffers() {
    let (_os, a, _q5) = adapter();
    let mut b = vec![0u8; 151];
    assert_eq!(
        oid(&a, RequestType::Query, OID_GEN_STATISTICS, &mut b),
        (NDIS_STATUS_INVALID_LENGTH, 0, 152)
    );
    for o in [
        OID_GEN_XMIT_OK,
        OID_GEN_RCV_OK,
        OID_GEN_XMIT_ERROR,
        OID_GEN_RCV_ERROR,
    ] {
        let mut b = [0u8; 7];
        assert_eq!(
            oid(&a, RequestType::Query, o, &mut b),
            (NDIS_STATUS_INVALID_LENGTH, 0, 8)
        );
    }
}
