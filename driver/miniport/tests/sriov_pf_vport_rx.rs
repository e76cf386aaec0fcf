//! Receive on PF non-default vPorts through `AdapterSriov` (spec 2.4, section 5 item 26): memory
//! allocated with the VPortId at activation, NBLs tagged with the VPortId (QueueId 0), the DPC on
//! the vPort's processor, nothing before activation + filter, nothing after DELETE_VPORT, memory
//! freed when the last NBL comes back.

mod sriov_common;
use sriov_common::*;

use std::sync::Arc;
use svnic_abi::status::*;
use svnic_device::frame::build_frame;
use svnic_device::{Device, NullMsi};
use svnic_miniport::oid::{OidOutcome, OidRequest, OidToken, RequestType};
use svnic_miniport::os::ProcessorNumber;
use svnic_miniport::sriov::abi::*;
use svnic_miniport::sriov::attach::AdapterSriov;
use svnic_miniport::sriov::pf_vport_rx::BANK_BASE;

fn oid(s: &AdapterSriov, os: &TestOs, rt: RequestType, oid: u32, buf: &mut [u8]) -> u32 {
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
    match s.handle(os, &mut req) {
        OidOutcome::Complete(st) => st,
        OidOutcome::Pending => panic!("never pends"),
    }
}

fn frame(dst: [u8; 6], seq: u8) -> Vec<u8> {
    let mut b = vec![0u8; 64];
    let n = build_frame(&mut b, dst, [2, 1, 1, 1, 1, 1], None, 0x0800, &[seq; 46]).unwrap();
    b.truncate(n);
    b
}

#[test]
fn pf_vport_receives_are_tagged_with_the_vport_id_on_its_processor_and_stop_at_delete() {
    let dev = Arc::new(Device::new(device_config(), Arc::new(NullMsi)).unwrap());
    let s = AdapterSriov::new(dev.clone(), true, false, Some(4), true);
    let os = TestOs::new(dev.clone());
    let cpu2 = ProcessorNumber { group: 0, number: 2 };
    assert_eq!(
        oid(
            &s,
            &os,
            RequestType::Method,
            OID_NIC_SWITCH_CREATE_SWITCH,
            &mut create_switch_buf(2, 1)
        ),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        oid(
            &s,
            &os,
            RequestType::Method,
            OID_NIC_SWITCH_CREATE_VPORT,
            &mut vport_buf(
                3,
                NDIS_PF_FUNCTION_ID,
                1,
                vport_params::STATE_DEACTIVATED,
                1 << 2,
                0
            )
        ),
        NDIS_STATUS_SUCCESS
    );
    // Deactivated: no memory yet.
    assert_eq!(*os.shared_live.lock().unwrap(), 0);
    let mut b = vport_set_buf(
        3,
        vport_params::STATE_CHANGED,
        vport_params::STATE_ACTIVATED,
        1 << 2,
    );
    assert_eq!(
        oid(&s, &os, RequestType::Set, OID_NIC_SWITCH_VPORT_PARAMETERS, &mut b),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        *os.shared_live.lock().unwrap(),
        1,
        "receive memory allocated at activation"
    );
    // No filter yet: nothing arrives.
    dev.receive(&frame(mac(3), 0));
    assert_eq!(s.dpc(&os, cpu2), 0);
    assert_eq!(
        oid(
            &s,
            &os,
            RequestType::Method,
            OID_RECEIVE_FILTER_SET_FILTER,
            &mut set_filter_buf(11, 3, mac(3), None)
        ),
        NDIS_STATUS_SUCCESS
    );
    for i in 1..=5 {
        dev.receive(&frame(mac(3), i));
    }
    assert_eq!(
        s.dpc(&os, ProcessorNumber { group: 0, number: 0 }),
        0,
        "not on another processor"
    );
    assert_eq!(s.dpc(&os, cpu2), 5);
    {
        let ind = os.indications.lock().unwrap();
        assert_eq!(ind.len(), 1);
        let (bank, q, vport, flags, frames) = &ind[0];
        assert_eq!(
            (bank.0, *q, *vport),
            (BANK_BASE + 3, 0, 3),
            "VPortId 3, QueueId 0"
        );
        assert_eq!(*flags & 0x0800, 0x0800, "SINGLE_QUEUE");
        assert_eq!(
            frames.iter().map(|f| f[14]).collect::<Vec<_>>(),
            vec![1, 2, 3, 4, 5]
        );
    }
    // Return two, keep three outstanding; clear the filter and delete the vPort.
    assert!(s.return_rx(&os, svnic_miniport::os::RxBankId(BANK_BASE + 3), 0));
    assert!(s.return_rx(&os, svnic_miniport::os::RxBankId(BANK_BASE + 3), 1));
    assert_eq!(
        oid(
            &s,
            &os,
            RequestType::Set,
            OID_RECEIVE_FILTER_CLEAR_FILTER,
            &mut clear_filter_buf(11)
        ),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        oid(
            &s,
            &os,
            RequestType::Set,
            OID_NIC_SWITCH_DELETE_VPORT,
            &mut delete_vport_buf(3)
        ),
        NDIS_STATUS_SUCCESS
    );
    dev.receive(&frame(mac(3), 9));
    assert_eq!(s.dpc(&os, cpu2), 0, "no indications after DELETE_VPORT");
    assert_eq!(
        *os.shared_live.lock().unwrap(),
        1,
        "memory kept while NBLs are out"
    );
    for slot in 2..5 {
        assert!(s.return_rx(&os, svnic_miniport::os::RxBankId(BANK_BASE + 3), slot));
    }
    assert_eq!(*os.shared_live.lock().unwrap(), 0, "freed with the last return");
    assert!(!s.owns_bank(svnic_miniport::os::RxBankId(BANK_BASE + 3)));
    assert!(!s.return_rx(&os, svnic_miniport::os::RxBankId(BANK_BASE + 3), 0));
    s.halt(&os);
}
