//! A guest VM on a VF through hyperv-sim's guest partition (`vswitch::guest`): the VF miniport's
//! configuration comes over the model's mailbox and becomes block OIDs on the PF driver's real
//! MiniportOidRequest; the PF driver's NdisMInvalidateConfigBlock calls are OR-ed per VF and
//! delivered to the guest as OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK; the VF's frames land in the
//! guest's own memory without any PF DPC.

use hyperv_sim::vswitch::guest::{GuestLeaks, GuestVm, PfBlockOid};
use hyperv_sim::vswitch::iov::*;
use hyperv_sim::{Host, RequestType};
use svnic_abi::status::*;
use svnic_device::frame::build_frame;
use svnic_miniport::sriov::abi::*;
use svnic_miniport::sriov::backchannel::{
    LinkState, VfDriverInfo, VfInfo, BLOCK_LINK_STATE, BLOCK_VF_DRIVER_INFO, BLOCK_VF_INFO,
};
use svnic_miniport::vf::VF_DRIVER_VERSION;

const MAC: [u8; 6] = [2, 0, 0x5e, 0, 9, 1];

fn host() -> Host {
    Host::builder()
        .processors(2)
        .adapters(1)
        .keywords(&[("*SriovPreferred", 1), ("*SRIOV", 1), ("*VMQ", 0), ("*NumVFs", 4)])
        .build()
        .unwrap()
}

/// The IOV switch with one VM ("vm", MAC) on VF 0 / vPort 1.
fn switch_with_vm(h: &Host) -> IovSwitch<hyperv_sim::AdapterRef<'_>> {
    let max_vports = h
        .adapter(0)
        .driver_adapter()
        .unwrap()
        .sriov()
        .with_pf(|pf| pf.caps().max_num_vports);
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
    sw
}

fn read(block: u32) -> PfBlockOid {
    PfBlockOid {
        oid: OID_SRIOV_READ_VF_CONFIG_BLOCK,
        vf: 0,
        block,
        status: NDIS_STATUS_SUCCESS,
    }
}

fn write(block: u32) -> PfBlockOid {
    PfBlockOid {
        oid: OID_SRIOV_WRITE_VF_CONFIG_BLOCK,
        vf: 0,
        block,
        status: NDIS_STATUS_SUCCESS,
    }
}

fn stop(sw: &mut IovSwitch<hyperv_sim::AdapterRef<'_>>, h: &Host) {
    sw.revoke_vf("vm").unwrap();
    sw.halt().unwrap();
    h.halt().unwrap();
}

#[test]
fn guest_vf_miniport_reports_vf_caps_and_reads_its_config_through_pf_block_oids() {
    let h = host();
    let mut sw = switch_with_vm(&h);
    let guest = GuestVm::start(&h, 0, 0).unwrap();
    // VF capabilities: SR-IOV supported + VF miniport; no VMQ, no NIC switch.
    let hw = guest.hardware_assist();
    assert_eq!(hw.sriov_capabilities, 0x1 | 0x4);
    assert!(!hw.receive_filter);
    assert!(!hw.nic_switch);
    // Its configuration came over the mailbox as exactly these PF OIDs, in order.
    assert_eq!(
        guest.pf_block_oids(),
        vec![
            read(BLOCK_VF_INFO),
            read(BLOCK_LINK_STATE),
            write(BLOCK_VF_DRIVER_INFO)
        ]
    );
    let info = *guest.miniport().info().unwrap();
    assert_eq!(
        (info.vf_id, info.current_mac, info.vport_id, info.vlan_id),
        (0, MAC, 1, 0)
    );
    // The PF holds the driver info the guest wrote.
    let mut b = [0u8; 128];
    h.adapter(0)
        .driver_adapter()
        .unwrap()
        .sriov()
        .with_pf(|pf| pf.read_vf_block(0, BLOCK_VF_DRIVER_INFO, &mut b))
        .unwrap();
    assert_eq!(
        VfDriverInfo::decode(&b).unwrap().driver_version,
        VF_DRIVER_VERSION
    );
    // The sim's NdisMReadConfigBlock export with the guest adapter's handle: one more transfer,
    // one more PF OID for exactly that block, and the PF's VF_INFO bytes.
    let handle = guest.ndis_handle();
    let mut vi = [0u8; VfInfo::SIZE];
    // SAFETY: the guest's live handle and a buffer of the stated length.
    let st = unsafe {
        hyperv_sim::exports::NdisMReadConfigBlock(
            handle as _,
            BLOCK_VF_INFO,
            vi.as_mut_ptr().cast(),
            vi.len() as u32,
        )
    };
    assert_eq!(st, NDIS_STATUS_SUCCESS);
    assert_eq!(VfInfo::decode(&vi), Some(info));
    assert_eq!(guest.pf_block_oids()[3..], [read(BLOCK_VF_INFO)]);
    assert_eq!(guest.halt(), Ok(()));
    // The handle died with the guest adapter: the export no longer carries anything for it.
    // SAFETY: a stale handle value; the export only looks it up.
    let st = unsafe {
        hyperv_sim::exports::NdisMReadConfigBlock(
            handle as _,
            BLOCK_VF_INFO,
            vi.as_mut_ptr().cast(),
            vi.len() as u32,
        )
    };
    assert_eq!(st, NDIS_STATUS_NOT_SUPPORTED);
    stop(&mut sw, &h);
}

#[test]
fn pf_invalidations_are_ored_and_the_guest_rereads_exactly_the_flagged_blocks() {
    let h = host();
    let mut sw = switch_with_vm(&h);
    let mut guest = GuestVm::start(&h, 0, 0).unwrap();
    let after_init = guest.pf_block_oids().len();
    assert_eq!(guest.deliver_invalidations(), None, "nothing invalidated yet");
    // The administrator gives the vNIC VLAN 10: the PF driver rewrites VF_INFO and calls
    // NdisMInvalidateConfigBlock(0, bit 0) itself.
    let nic = h.adapter(0);
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
    // A second invalidation from the PF side for LINK_STATE (the binding has no link-change path
    // to VFs yet, so the test makes the PF's NdisMInvalidateConfigBlock call on the PF's handle).
    // Nothing is delivered in between: the sim's export ORs the two.
    // SAFETY: the PF adapter's live NDIS handle, as the PF driver would pass it.
    unsafe {
        hyperv_sim::exports::NdisMInvalidateConfigBlock(nic.ndis_handle() as _, 0, 1 << BLOCK_LINK_STATE)
    };
    // The host ORs both and delivers one OID with the OR-ed mask.
    assert_eq!(
        guest.deliver_invalidations(),
        Some((
            (1 << BLOCK_VF_INFO) | (1 << BLOCK_LINK_STATE),
            NDIS_STATUS_SUCCESS
        ))
    );
    assert_eq!(guest.guest_oids().len(), 1);
    assert_eq!(guest.guest_oids()[0].oid, OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK);
    assert_eq!(guest.guest_oids()[0].request_type, RequestType::Method);
    // The guest re-read exactly the flagged blocks, once each, through the PF's read OID.
    assert_eq!(
        guest.pf_block_oids()[after_init..],
        [read(BLOCK_VF_INFO), read(BLOCK_LINK_STATE)]
    );
    assert_eq!(guest.miniport().invalidations(), 1);
    assert_eq!(guest.miniport().rereads(BLOCK_VF_INFO), 1);
    assert_eq!(guest.miniport().rereads(BLOCK_LINK_STATE), 1);
    assert_eq!(guest.miniport().rereads(BLOCK_VF_DRIVER_INFO), 0);
    assert_eq!(guest.miniport().info().unwrap().vlan_id, 10);
    let mut lb = [0u8; LinkState::SIZE];
    h.adapter(0)
        .driver_adapter()
        .unwrap()
        .sriov()
        .with_pf(|pf| pf.read_vf_block(0, BLOCK_LINK_STATE, &mut lb))
        .unwrap();
    assert_eq!(guest.miniport().link(), LinkState::decode(&lb).as_ref());
    // Delivered: nothing left pending for VF 0.
    assert_eq!(guest.deliver_invalidations(), None);
    // Only the VF-info bit: the guest re-reads VF_INFO alone.
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
        &set_filter_buf(id, 1, MAC, Some(20)),
        0,
    );
    assert_eq!(set.status, NDIS_STATUS_SUCCESS);
    let before = guest.pf_block_oids().len();
    assert_eq!(
        guest.deliver_invalidations(),
        Some((1 << BLOCK_VF_INFO, NDIS_STATUS_SUCCESS))
    );
    assert_eq!(guest.pf_block_oids()[before..], [read(BLOCK_VF_INFO)]);
    assert_eq!(guest.miniport().info().unwrap().vlan_id, 20);
    assert_eq!(guest.halt(), Ok(()));
    stop(&mut sw, &h);
}

#[test]
fn invalidate_oid_with_a_bad_header_is_rejected_by_the_guest_vf_miniport() {
    let h = host();
    let mut sw = switch_with_vm(&h);
    let mut guest = GuestVm::start(&h, 0, 0).unwrap();
    let mut b = invalidate_buf(1 << BLOCK_VF_INFO);
    b[1] = 9; // revision
    let r = guest.oid(RequestType::Method, OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK, &b, 0);
    assert_eq!(r.status, NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!((r.bytes_read, r.bytes_written), (0, 0));
    assert_eq!(guest.miniport().invalidations(), 0);
    // VMQ / NIC-switch OIDs are not the VF's.
    let r = guest.oid(RequestType::Query, OID_NIC_SWITCH_ENUM_SWITCHES, &[], 256);
    assert_eq!(r.status, NDIS_STATUS_NOT_SUPPORTED);
    assert_eq!(guest.halt(), Ok(()));
    stop(&mut sw, &h);
}

#[test]
fn wire_frames_for_the_vf_mac_land_in_guest_memory_and_no_pf_dpc_runs() {
    let h = host();
    let mut sw = switch_with_vm(&h);
    let mut guest = GuestVm::start(&h, 0, 0).unwrap();
    let nic = h.adapter(0);
    // Whatever the IOV sequence queued on the PF has run before the count is taken.
    h.quiesce();
    let pf_dpcs_before = h.dpcs_run();
    for i in 0..20u8 {
        let mut f = vec![0u8; 64];
        let n = build_frame(&mut f, MAC, [2, 1, 1, 1, 1, 1], None, 0x0800, &[i; 46]).unwrap();
        assert!(nic.wire_inject(&f[..n]));
    }
    assert_eq!(guest.run_dpcs(), 20);
    let rx = guest.received();
    assert_eq!(rx.len(), 20);
    for (i, f) in rx.iter().enumerate() {
        assert_eq!(f.len(), 60);
        assert_eq!(f[0..6], MAC);
        assert_eq!(f[14], i as u8);
    }
    assert_eq!(guest.indicated(), 20);
    // Any PF DPC the traffic had queued would have run by now.
    h.quiesce();
    assert_eq!(
        h.dpcs_run(),
        pf_dpcs_before,
        "the PF's DPCs never ran for VF traffic"
    );
    assert!(
        nic.received().is_empty(),
        "nothing reached the PF adapter's receive path"
    );
    // Buffers went back to the device: more than the ring's 64 buffers arrive in all.
    for round in 0..2u8 {
        for i in 0..40u8 {
            let mut f = vec![0u8; 64];
            let n = build_frame(&mut f, MAC, [2, 1, 1, 1, 1, 1], None, 0x0800, &[round; 46]).unwrap();
            assert!(nic.wire_inject(&f[..n]), "frame {i} of round {round}");
        }
        assert_eq!(guest.run_dpcs(), 40);
    }
    assert_eq!(guest.received().len(), 100);
    h.quiesce();
    assert_eq!(h.dpcs_run(), pf_dpcs_before);
    // Halt leaves nothing in the guest's NDIS, and the host's leak check passes after the VF goes.
    assert_eq!(guest.halt(), Ok::<(), GuestLeaks>(()));
    stop(&mut sw, &h);
}

#[test]
fn pf_invalidation_for_another_vf_does_not_reach_this_guest() {
    let h = host();
    let mut sw = switch_with_vm(&h);
    let mut guest = GuestVm::start(&h, 0, 0).unwrap();
    let nic = h.adapter(0);
    // SAFETY: the PF adapter's live NDIS handle, as the PF driver would pass it.
    unsafe {
        hyperv_sim::exports::NdisMInvalidateConfigBlock(
            nic.ndis_handle() as _,
            1,
            (1 << BLOCK_VF_INFO) | (1 << BLOCK_LINK_STATE),
        )
    };
    let before = guest.pf_block_oids().len();
    assert_eq!(guest.deliver_invalidations(), None);
    assert!(guest.guest_oids().is_empty());
    assert_eq!(guest.pf_block_oids().len(), before);
    assert_eq!(guest.miniport().invalidations(), 0);
    assert_eq!(guest.halt(), Ok(()));
    stop(&mut sw, &h);
}

/// NDIS_HYPERVISOR_INFO revision 1 as a caller sets it up (header only).
fn hypervisor_info_buf(size: u16) -> [u8; 12] {
    let mut b = [0u8; 12];
    b[0] = 0x80; // NDIS_OBJECT_TYPE_DEFAULT
    b[1] = 1; // NDIS_HYPERVISOR_INFO_REVISION_1
    b[2..4].copy_from_slice(&size.to_le_bytes());
    b
}

fn get_hypervisor_info(b: &mut [u8; 12]) -> u32 {
    // SAFETY: a 12-byte NDIS_HYPERVISOR_INFO.
    unsafe { hyperv_sim::exports::NdisGetHypervisorInfo(b.as_mut_ptr().cast()) }
}

#[test]
fn hypervisor_info_reports_the_child_partition_to_guest_code_and_the_parent_otherwise() {
    use hyperv_sim::vswitch::guest::{PARTITION_MS_HV_CHILD, PARTITION_MS_HV_PARENT};
    let h = host();
    let mut sw = switch_with_vm(&h);
    let guest = GuestVm::start(&h, 0, 0).unwrap();
    // The management OS (the PF's partition).
    let mut b = hypervisor_info_buf(12);
    assert_eq!(get_hypervisor_info(&mut b), NDIS_STATUS_SUCCESS);
    assert_eq!(
        u32::from_le_bytes(b[4..8].try_into().unwrap()),
        1,
        "hypervisor present"
    );
    assert_eq!(
        u32::from_le_bytes(b[8..12].try_into().unwrap()),
        PARTITION_MS_HV_PARENT
    );
    assert_eq!(PARTITION_MS_HV_PARENT, 1);
    // Code of the guest VM.
    let mut b = hypervisor_info_buf(12);
    assert_eq!(
        guest.run_in_guest(|| get_hypervisor_info(&mut b)),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        u32::from_le_bytes(b[8..12].try_into().unwrap()),
        PARTITION_MS_HV_CHILD
    );
    assert_eq!(PARTITION_MS_HV_CHILD, 2);
    // And back in the management OS afterwards.
    let mut b = hypervisor_info_buf(12);
    assert_eq!(get_hypervisor_info(&mut b), NDIS_STATUS_SUCCESS);
    assert_eq!(
        u32::from_le_bytes(b[8..12].try_into().unwrap()),
        PARTITION_MS_HV_PARENT
    );
    // A header claiming fewer bytes than revision 1: BUFFER_TOO_SHORT, nothing written.
    let mut b = hypervisor_info_buf(8);
    assert_eq!(get_hypervisor_info(&mut b), NDIS_STATUS_BUFFER_TOO_SHORT);
    assert_eq!(b[4..12], [0u8; 8]);
    // A wrong object type.
    let mut b = hypervisor_info_buf(12);
    b[0] = 0x81;
    assert_eq!(get_hypervisor_info(&mut b), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(b[4..12], [0u8; 8]);
    assert_eq!(guest.halt(), Ok(()));
    stop(&mut sw, &h);
}

#[test]
fn a_guest_on_a_vf_the_switch_never_allocated_does_not_start() {
    let h = host();
    let mut sw = switch_with_vm(&h);
    // VF 3 exists on the device (NumVFs 4) but no VM was given it: the PF refuses its blocks.
    let r = GuestVm::start(&h, 0, 3);
    assert_eq!(r.err(), Some(NDIS_STATUS_INVALID_PARAMETER));
    // The VM on VF 0 is unaffected and still comes up.
    let guest = GuestVm::start(&h, 0, 0).unwrap();
    assert_eq!(guest.miniport().info().unwrap().current_mac, MAC);
    assert_eq!(guest.halt(), Ok(()));
    stop(&mut sw, &h);
}

#[test]
fn the_binding_asks_ndis_for_the_partition_and_does_not_start_as_a_pf_in_a_guest() {
    let h = host();
    let mut sw = switch_with_vm(&h);
    let guest = GuestVm::start(&h, 0, 0).unwrap();
    // The same driver loaded inside the guest VM: NdisGetHypervisorInfo says MsHvChild and
    // MiniportInitializeEx refuses to come up as a PF there.
    let r = guest.run_in_guest(|| Host::builder().processors(1).adapters(1).build());
    match r {
        Err(hyperv_sim::HostError::InitFailed { index, status, .. }) => {
            assert_eq!((index, status), (0, NDIS_STATUS_NOT_SUPPORTED));
        }
        other => panic!("expected InitFailed, got {other:?}"),
    }
    assert_eq!(guest.halt(), Ok(()));
    stop(&mut sw, &h);
}
