//! The guest side of a VM on a VF, end to end with the PF behind the binding and the guest's VF
//! adapter brought up through the same driver's entry points (hyperv-sim's `BoundGuestVm`): the
//! guest adapter initializes over the backchannel (NdisMReadConfigBlock -> the model's mailbox ->
//! the host's NDIS -> OID_SRIOV_READ_VF_CONFIG_BLOCK on the PF driver), writes its driver info
//! back, receives its frames on its own queue with no PF DPC involved, and follows a VLAN change
//! the administrator makes: the PF's NdisMInvalidateConfigBlock reaches the guest as the
//! invalidation OID, the guest re-reads VF_INFO, and tagged frames keep reaching it.

use hyperv_sim::vswitch::guest::{pf_dpc_runs, BoundGuestVm, PfBlockOid};
use hyperv_sim::vswitch::iov::*;
use hyperv_sim::{Host, RequestType};
use svnic_abi::status::*;
use svnic_device::frame::build_frame;
use svnic_miniport::sriov::abi::*;
use svnic_miniport::sriov::backchannel::{VfDriverInfo, BLOCK_VF_DRIVER_INFO, BLOCK_VF_INFO};
use svnic_miniport::vf::VF_DRIVER_VERSION;

const MAC: [u8; 6] = [2, 0, 0x5e, 0, 9, 1];

fn frame(vlan: Option<u16>, seq: u8) -> Vec<u8> {
    let mut f = vec![0u8; 68];
    let n = build_frame(&mut f, MAC, [2, 1, 1, 1, 1, 1], vlan, 0x0800, &[seq; 46]).unwrap();
    f.truncate(n);
    f
}

#[test]
fn the_guests_vf_adapter_comes_up_over_the_backchannel_receives_on_its_own_queue_and_follows_a_vlan_change() {
    let h = Host::builder()
        .processors(2)
        .adapters(1)
        .keywords(&[("*SriovPreferred", 1), ("*SRIOV", 1), ("*VMQ", 0), ("*NumVFs", 4)])
        .build()
        .unwrap();
    let nic = h.adapter(0);
    let ad = nic.driver_adapter().unwrap();
    let max_vports = ad.sriov().with_pf(|pf| pf.caps().max_num_vports);
    let mut sw = IovSwitch::new(h.adapter(0), max_vports, 300);
    sw.create(4).unwrap();
    assert_eq!(
        sw.connect(IovVm {
            name: "vm".into(),
            mac: MAC,
            vlan: None,
            iov_weight: 100
        }),
        Ok(IovPath::Vf { vf: 0, vport: 1 })
    );
    // MiniportInitializeEx of the guest's VF adapter: configuration over the backchannel, its
    // driver info written back to the PF.
    let guest = BoundGuestVm::start(&h, 0, 0).unwrap();
    let mut b = [0u8; 128];
    ad.sriov()
        .with_pf(|pf| pf.read_vf_block(0, BLOCK_VF_DRIVER_INFO, &mut b))
        .unwrap();
    assert_eq!(
        VfDriverInfo::decode(&b).unwrap().driver_version,
        VF_DRIVER_VERSION
    );
    // Frames from the wire for its MAC: the guest's own DPC indicates them, the PF runs none.
    // DPCs the PF queued before this point (start-up, the switch's OIDs) finish first.
    h.quiesce();
    let pf_dpcs_before = pf_dpc_runs(&h);
    for i in 0..20u8 {
        assert!(nic.wire_inject(&frame(None, i)));
    }
    assert_eq!(guest.run_dpcs(), 20);
    let rx = guest.received();
    assert_eq!(rx.len(), 20);
    assert!(rx
        .iter()
        .enumerate()
        .all(|(i, f)| f[0..6] == MAC && f[14] == i as u8));
    assert_eq!(
        pf_dpc_runs(&h),
        pf_dpcs_before,
        "the PF's DPCs never ran for VF traffic"
    );
    assert!(nic.received().is_empty(), "nothing reached the PF's receive path");
    // The administrator gives the vNIC VLAN 10: the switch replaces the VF vPort's filter, the
    // PF driver calls NdisMInvalidateConfigBlock (the management OS sees it as a status), the
    // host delivers the OR of what is pending to the guest adapter, which re-reads VF_INFO.
    let statuses_before = nic.statuses().len();
    let id = sw.filter_id("vm").unwrap();
    let clear = IovNic::oid(
        &nic,
        RequestType::Set,
        OID_RECEIVE_FILTER_CLEAR_FILTER,
        &clear_filter_buf(id),
        0,
    );
    assert_eq!(clear.status, NDIS_STATUS_SUCCESS);
    let set = IovNic::oid(
        &nic,
        RequestType::Method,
        OID_RECEIVE_FILTER_SET_FILTER,
        &set_filter_buf(id, 1, MAC, Some(10)),
        0,
    );
    assert_eq!(set.status, NDIS_STATUS_SUCCESS);
    let invalidations: Vec<(u16, u64)> = nic.statuses()[statuses_before..]
        .iter()
        .filter(|s| s.buffer.starts_with(b"InvalidateConfigBlock"))
        .map(|s| {
            let b = &s.buffer[21..];
            (
                u16::from_le_bytes([b[0], b[1]]),
                u64::from_le_bytes(b[2..10].try_into().unwrap()),
            )
        })
        .collect();
    assert_eq!(invalidations, vec![(0, 1 << BLOCK_VF_INFO)]);
    let reads_before = guest.pf_block_oids().len();
    assert_eq!(
        guest.deliver_invalidations(),
        Some((1 << BLOCK_VF_INFO, NDIS_STATUS_SUCCESS))
    );
    assert_eq!(
        guest.pf_block_oids()[reads_before..],
        [PfBlockOid {
            oid: OID_SRIOV_READ_VF_CONFIG_BLOCK,
            vf: 0,
            block: BLOCK_VF_INFO,
            status: NDIS_STATUS_SUCCESS,
        }]
    );
    // Frames tagged 10 for its MAC now reach the guest, still without the PF (the backchannel's
    // mailbox traffic above may have run the PF's misc DPC; it is over before the count).
    h.quiesce();
    let pf_dpcs_before = pf_dpc_runs(&h);
    for i in 0..5u8 {
        assert!(nic.wire_inject(&frame(Some(10), 100 + i)));
    }
    assert_eq!(guest.run_dpcs(), 5);
    assert_eq!(guest.received().len(), 25);
    assert_eq!(pf_dpc_runs(&h), pf_dpcs_before);
    // The guest's VF adapter is halted (leak-checked) before the VF is revoked.
    assert_eq!(guest.halt(), Ok(()));
    sw.revoke_vf("vm").unwrap();
    sw.halt().unwrap();
    drop(ad);
    h.halt().unwrap();
}
