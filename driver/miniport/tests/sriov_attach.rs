//! The PF engine behind the core dispatcher: `AdapterSriov` rows in an `OidTable`, `precheck`
//! (request type + minimum length, BytesNeeded) and the `OidOwner::Sriov` branch.

mod sriov_common;
use sriov_common::*;

use std::sync::Arc;
use svnic_abi::status::*;
use svnic_device::{Device, NullMsi};
use svnic_miniport::oid::{precheck, OidOutcome, OidOwner, OidRequest, OidTable, OidToken, RequestType};
use svnic_miniport::sriov::abi::*;
use svnic_miniport::sriov::attach::AdapterSriov;
use svnic_miniport::sriov::hw::SriovHw;

fn table(sriov: bool, vmq: bool) -> OidTable {
    OidTable {
        parts: [
            (OidOwner::General, &[]),
            (OidOwner::Vmq, &[]),
            (OidOwner::Sriov, AdapterSriov::rows(sriov, vmq)),
        ],
    }
}

fn dispatch(
    t: &OidTable,
    s: &AdapterSriov,
    os: &TestOs,
    rt: RequestType,
    oid: u32,
    buf: &mut [u8],
) -> (u32, u32) {
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
    let st = match precheck(t, &mut req) {
        Err(st) => st,
        Ok((OidOwner::Sriov, _)) => match s.handle(os, &mut req) {
            OidOutcome::Complete(st) => st,
            OidOutcome::Pending => panic!("never pends"),
        },
        Ok(_) => NDIS_STATUS_NOT_SUPPORTED,
    };
    (st, req.bytes_needed)
}

#[test]
fn rows_follow_the_enabled_interface() {
    assert_eq!(AdapterSriov::rows(false, true).len(), 0);
    assert_eq!(AdapterSriov::rows(true, true).len(), 18);
    let rows = AdapterSriov::rows(true, false);
    assert_eq!(rows.len(), 20);
    assert_eq!(
        (rows[18].request_type, rows[18].oid),
        (RequestType::Method, OID_RECEIVE_FILTER_SET_FILTER)
    );
    assert_eq!(
        (rows[19].request_type, rows[19].oid),
        (RequestType::Set, OID_RECEIVE_FILTER_CLEAR_FILTER)
    );
    assert_eq!(table(true, false).supported_count(), 20);
}

#[test]
fn the_core_dispatcher_reaches_the_pf_engine_with_exact_length_checks() {
    let dev = Arc::new(Device::new(device_config(), Arc::new(NullMsi)).unwrap());
    let s = AdapterSriov::new(dev.clone(), true, false, Some(4), true);
    let os = TestOs::new(dev);
    let t = table(true, false);
    // Short CREATE_SWITCH: INVALID_LENGTH + BytesNeeded from the row.
    let mut short = create_switch_buf(2, 1);
    short.truncate(100);
    assert_eq!(
        dispatch(
            &t,
            &s,
            &os,
            RequestType::Method,
            OID_NIC_SWITCH_CREATE_SWITCH,
            &mut short
        ),
        (NDIS_STATUS_INVALID_LENGTH, 548)
    );
    // Wrong request type.
    assert_eq!(
        dispatch(
            &t,
            &s,
            &os,
            RequestType::Set,
            OID_NIC_SWITCH_CREATE_SWITCH,
            &mut create_switch_buf(2, 1)
        )
        .0,
        NDIS_STATUS_NOT_SUPPORTED
    );
    assert_eq!(
        dispatch(
            &t,
            &s,
            &os,
            RequestType::Method,
            OID_NIC_SWITCH_CREATE_SWITCH,
            &mut create_switch_buf(2, 1)
        )
        .0,
        NDIS_STATUS_SUCCESS
    );
    // VM start through the dispatcher, filters included.
    let m = mac(1);
    assert_eq!(
        dispatch(
            &t,
            &s,
            &os,
            RequestType::Method,
            OID_RECEIVE_FILTER_SET_FILTER,
            &mut set_filter_buf(5, 0, m, None)
        )
        .0,
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        dispatch(
            &t,
            &s,
            &os,
            RequestType::Method,
            OID_NIC_SWITCH_ALLOCATE_VF,
            &mut allocate_vf_buf(m)
        )
        .0,
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        dispatch(
            &t,
            &s,
            &os,
            RequestType::Method,
            OID_NIC_SWITCH_CREATE_VPORT,
            &mut vport_buf(1, 0, 1, 1, 0, 0)
        )
        .0,
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        dispatch(
            &t,
            &s,
            &os,
            RequestType::Set,
            OID_RECEIVE_FILTER_MOVE_FILTER,
            &mut move_filter_buf(5, 0, 1)
        )
        .0,
        NDIS_STATUS_SUCCESS
    );
    assert!(s.owns_filters());
    assert_eq!(s.with_pf(|pf| pf.switch().filter(5).map(|f| f.vport)), Some(1));
    // Halt with everything still in place: torn down, virtualization off.
    s.halt(&os);
    assert!(!s.owns_filters());
    assert_eq!(s.with_hw(|hw| hw.vfs_enabled()), (0, false));
}
