//! The guest VF adapter through the driver's real entry points (hyperv-sim's `BoundGuestVm`):
//! hyperv-sim starts an adapter in the child partition through MiniportInitializeEx (the
//! binding's VF mode), which reads its configuration with NdisMReadConfigBlock carried over the
//! model's mailbox to the PF's block OIDs on the PF driver's real MiniportOidRequest, takes the
//! PF driver's NdisMInvalidateConfigBlock calls (OR-ed per VF) as
//! OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK through its MiniportOidRequest, indicates the VF's frames
//! with NdisMIndicateReceiveNetBufferLists from its own DPC (no PF DPC runs for them), and leaves
//! nothing behind at halt.

mod guest_common;
use guest_common::*;
use hyperv_sim::vswitch::guest::{pf_dpc_runs, BoundGuestVm, GuestOid, PfBlockOid};
use hyperv_sim::vswitch::iov::*;
use hyperv_sim::{Host, RequestType};
use svnic_abi::status::*;
use svnic_device::frame::build_frame;
use svnic_miniport::sriov::abi::*;
use svnic_miniport::sriov::backchannel::{
    LinkState, VfDriverInfo, VfInfo, BLOCK_LINK_STATE, BLOCK_VF_DRIVER_INFO, BLOCK_VF_INFO,
};
use svnic_miniport::vf::VF_DRIVER_VERSION;

const MAC: [u8; 6] = VM_MAC;

fn oid(op: u32, block: u32) -> PfBlockOid {
    PfBlockOid {
        oid: op,
        vf: 0,
        block,
        status: NDIS_STATUS_SUCCESS,
    }
}

fn read(block: u32) -> PfBlockOid {
    oid(OID_SRIOV_READ_VF_CONFIG_BLOCK, block)
}

/// NdisMReadConfigBlock through the sim's export with `handle`, as the guest's driver calls it.
fn read_block_through_export(handle: usize, block: u32, len: usize) -> (u32, Vec<u8>) {
    let mut b = vec![0u8; len];
    // SAFETY: a buffer of the stated length; the export only looks the handle up.
    let st = unsafe {
        hyperv_sim::exports::NdisMReadConfigBlock(handle as _, block, b.as_mut_ptr().cast(), b.len() as u32)
    };
    (st, b)
}

/// The PF's own copy of VF 0's block `block` (`len` bytes).
fn pf_block(h: &Host, block: u32, len: usize) -> Vec<u8> {
    let mut b = vec![0u8; len];
    h.adapter(0)
        .driver_adapter()
        .unwrap()
        .sriov()
        .with_pf(|pf| pf.read_vf_block(0, block, &mut b))
        .unwrap();
    b
}

/// The administrator gives the VM's vNIC VLAN `vlan`: the switch replaces the VF vPort's filter
/// and the PF driver rewrites VF_INFO and calls NdisMInvalidateConfigBlock(0, bit 0) itself.
fn set_vlan(h: &Host, sw: &IovSwitch<hyperv_sim::AdapterRef<'_>>, vlan: u16) {
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
        &set_filter_buf(id, 1, MAC, Some(vlan)),
        0,
    );
    assert_eq!(set.status, NDIS_STATUS_SUCCESS);
}

fn teardown(h: &Host, mut sw: IovSwitch<hyperv_sim::AdapterRef<'_>>, guest: BoundGuestVm<'_>) {
    assert_eq!(guest.halt(), Ok(()));
    sw.revoke_vf("vm").unwrap();
    sw.halt().unwrap();
    h.halt().unwrap();
}

#[test]
fn guest_vf_adapter_initializes_in_child_mode_through_miniport_initialize_ex() {
    let h = sriov_host();
    let mut sw = switch_with_vm(&h);
    let guest = BoundGuestVm::start(&h, 0, 0).unwrap();
    let a = guest.adapter();
    assert_eq!(a.index(), 1);
    // Its configuration came through NdisMReadConfigBlock / NdisMWriteConfigBlock, carried to
    // exactly these PF OIDs.
    assert_eq!(
        guest.pf_block_oids(),
        vec![
            oid(OID_SRIOV_READ_VF_CONFIG_BLOCK, BLOCK_VF_INFO),
            oid(OID_SRIOV_READ_VF_CONFIG_BLOCK, BLOCK_LINK_STATE),
            oid(OID_SRIOV_WRITE_VF_CONFIG_BLOCK, BLOCK_VF_DRIVER_INFO),
        ]
    );
    // The VF's hardware-assist attributes: SR-IOV caps SRIOV_SUPPORTED | VF_MINIPORT only.
    let hw = a.hardware_assist().unwrap();
    assert_eq!(hw.hardware_receive_filter, None);
    assert_eq!(hw.hardware_nic_switch, None);
    let sr = hw.current_sriov.unwrap();
    assert_eq!(u32::from_le_bytes(sr[8..12].try_into().unwrap()), 0x1 | 0x4);
    assert_eq!(hw.hardware_sriov, Some(sr));
    assert_eq!(
        a.supported_oids(),
        svnic_miniport::vf::supported_oids().collect::<Vec<_>>()
    );
    // Registration attributes, SG DMA, then the VF queue's shared memory.
    let calls = a.ndis_calls();
    assert_eq!(calls[0], "NdisMSetMiniportAttributes(Registration)");
    assert_eq!(calls[1], "NdisMRegisterScatterGatherDma");
    assert_eq!(calls[2], "NdisAllocateSharedMemory");
    assert_eq!(a.anomalies(), Vec::<String>::new());
    // The PF holds the driver info the guest adapter wrote.
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
    // one more PF OID for exactly that block, and the VF_INFO the PF assigned (VF 0, the VM's
    // MAC, vPort 1, untagged).
    let handle = guest.ndis_handle();
    assert_eq!(handle, a.ndis_handle());
    let vi = read_block_through_export(handle, BLOCK_VF_INFO, VfInfo::SIZE);
    assert_eq!(vi.0, NDIS_STATUS_SUCCESS);
    let info = VfInfo::decode(&vi.1).unwrap();
    assert_eq!(
        (info.vf_id, info.current_mac, info.vport_id, info.vlan_id),
        (0, MAC, 1, 0)
    );
    assert_eq!(guest.pf_block_oids()[3..], [read(BLOCK_VF_INFO)]);
    let r = guest.halt();
    assert_eq!(r, Ok(()));
    // The handle died with the guest adapter: the export no longer carries anything for it.
    assert_eq!(
        read_block_through_export(handle, BLOCK_VF_INFO, VfInfo::SIZE).0,
        NDIS_STATUS_NOT_SUPPORTED
    );
    sw.revoke_vf("vm").unwrap();
    sw.halt().unwrap();
    h.halt().unwrap();
}

#[test]
fn guest_vf_adapter_takes_invalidation_through_its_miniport_oid_request() {
    let h = sriov_host();
    let mut sw = switch_with_vm(&h);
    let guest = BoundGuestVm::start(&h, 0, 0).unwrap();
    let after_init = guest.pf_block_oids().len();
    assert_eq!(guest.deliver_invalidations(), None);
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
    assert_eq!(
        guest.deliver_invalidations(),
        Some((1 << BLOCK_VF_INFO, NDIS_STATUS_SUCCESS))
    );
    assert_eq!(
        guest.pf_block_oids()[after_init..],
        [oid(OID_SRIOV_READ_VF_CONFIG_BLOCK, BLOCK_VF_INFO)]
    );
    // A query of the method-only OID is refused by the VF miniport, through the binding.
    let q = guest
        .adapter()
        .oid(RequestType::Query, OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK, &[], 16);
    assert_eq!(q.status, NDIS_STATUS_NOT_SUPPORTED);
    assert_eq!(q.out, Vec::<u8>::new());
    // A PF OID sent to the guest adapter is not the VF miniport's either.
    let r = guest
        .adapter()
        .oid(RequestType::Query, OID_NIC_SWITCH_ENUM_SWITCHES, &[], 256);
    assert_eq!(r.status, NDIS_STATUS_NOT_SUPPORTED);
    assert_eq!(guest.halt(), Ok(()));
    sw.revoke_vf("vm").unwrap();
    sw.halt().unwrap();
    h.halt().unwrap();
}

#[test]
fn guest_vf_frames_are_indicated_by_the_guest_adapter_dpc_not_the_pf() {
    let h = sriov_host();
    let mut sw = switch_with_vm(&h);
    let guest = BoundGuestVm::start(&h, 0, 0).unwrap();
    let nic = h.adapter(0);
    h.quiesce();
    let dpcs_before: u64 = h.dpcs_run().iter().sum();
    let pf_rx_before = nic.received().len();
    for i in 0..20u8 {
        let mut f = vec![0u8; 64];
        let n = build_frame(&mut f, MAC, [2, 1, 1, 1, 1, 1], None, 0x0800, &[i; 46]).unwrap();
        assert!(nic.wire_inject(&f[..n]));
    }
    h.quiesce();
    // Nothing ran yet: the VF's MSI-X message is the guest's to take.
    assert_eq!(h.dpcs_run().iter().sum::<u64>(), dpcs_before);
    let a = guest.adapter();
    assert!(a.deliver_interrupt(1));
    assert!(a.wait_received(20, std::time::Duration::from_secs(5)));
    h.quiesce();
    let rx = a.received();
    assert_eq!(rx.len(), 20);
    for (i, r) in rx.iter().enumerate() {
        assert_eq!(r.frame.len(), 60);
        assert_eq!(&r.frame[0..6], &MAC);
        assert_eq!(r.frame[14], i as u8);
        assert_eq!(r.processor, 1);
    }
    // Exactly one DPC ran, the guest adapter's; the PF indicated nothing.
    assert_eq!(h.dpcs_run().iter().sum::<u64>(), dpcs_before + 1);
    assert_eq!(nic.received().len(), pf_rx_before);
    let (ind, ret) = a.rx_nbl_counts();
    assert_eq!((ind, ret), (20, 20));
    assert_eq!(guest.halt(), Ok(()));
    sw.revoke_vf("vm").unwrap();
    sw.halt().unwrap();
    h.halt().unwrap();
}

#[test]
fn guest_adapter_on_an_unallocated_vf_fails_init_cleanly_and_vf0_still_binds() {
    let h = sriov_host();
    let mut sw = switch_with_vm(&h);
    // VF 3 exists on the device (NumVFs 4) but was never allocated: the PF refuses its blocks,
    // so MiniportInitializeEx fails after SG DMA registration and undoes it.
    match BoundGuestVm::start(&h, 0, 3) {
        Err(hyperv_sim::HostError::InitFailed { status, leaks, .. }) => {
            assert_eq!(status, NDIS_STATUS_INVALID_PARAMETER);
            assert!(leaks.is_clean(), "{leaks:?}");
        }
        Ok(_) => panic!("a guest on an unallocated VF initialized"),
        Err(e) => panic!("unexpected {e:?}"),
    }
    let guest = BoundGuestVm::start(&h, 0, 0).unwrap();
    assert_eq!(guest.halt(), Ok(()));
    sw.revoke_vf("vm").unwrap();
    sw.halt().unwrap();
    h.halt().unwrap();
}

#[test]
fn guest_vf_adapter_takes_returns_made_inside_its_own_indication() {
    let h = sriov_host();
    let mut sw = switch_with_vm(&h);
    let guest = BoundGuestVm::start(&h, 0, 0).unwrap();
    let nic = h.adapter(0);
    let a = guest.adapter();
    // The protocol returns each NBL from inside its receive handler: MiniportReturnNetBufferLists
    // runs nested in the guest DPC's NdisMIndicateReceiveNetBufferLists.
    a.return_inside_indication(true);
    for round in 0..3u8 {
        for i in 0..40u8 {
            let mut f = vec![0u8; 64];
            let n = build_frame(&mut f, MAC, [2, 1, 1, 1, 1, 1], None, 0x0800, &[i ^ round; 46]).unwrap();
            assert!(nic.wire_inject(&f[..n]));
        }
        assert!(a.deliver_interrupt(1));
        let want = 40 * (usize::from(round) + 1);
        assert!(a.wait_received(want, std::time::Duration::from_secs(5)));
        h.quiesce();
    }
    // 120 frames through a 64-slot queue: only possible because every slot came back.
    assert_eq!(a.received().len(), 120);
    assert_eq!(a.rx_nbl_counts(), (120, 120));
    assert_eq!(guest.halt(), Ok(()));
    sw.revoke_vf("vm").unwrap();
    sw.halt().unwrap();
    h.halt().unwrap();
}

#[test]
fn pf_invalidations_are_ored_and_the_guest_adapter_rereads_exactly_the_flagged_blocks() {
    let h = sriov_host();
    let sw = switch_with_vm(&h);
    let guest = BoundGuestVm::start(&h, 0, 0).unwrap();
    let after_init = guest.pf_block_oids().len();
    assert_eq!(after_init, 3);
    assert_eq!(guest.deliver_invalidations(), None, "nothing invalidated yet");
    // VLAN 10: the PF driver invalidates VF_INFO itself.
    set_vlan(&h, &sw, 10);
    // A second invalidation from the PF side for LINK_STATE (the binding has no link-change path
    // to VFs yet, so the test makes the PF's NdisMInvalidateConfigBlock call on the PF's handle).
    // Nothing is delivered in between: the sim's export ORs the two.
    let nic = h.adapter(0);
    // SAFETY: the PF adapter's live NDIS handle, as the PF driver would pass it.
    unsafe {
        hyperv_sim::exports::NdisMInvalidateConfigBlock(nic.ndis_handle() as _, 0, 1 << BLOCK_LINK_STATE)
    };
    // The host delivers one OID with the OR-ed mask, through the guest adapter's
    // MiniportOidRequest.
    assert_eq!(
        guest.deliver_invalidations(),
        Some((
            (1 << BLOCK_VF_INFO) | (1 << BLOCK_LINK_STATE),
            NDIS_STATUS_SUCCESS
        ))
    );
    assert_eq!(
        guest.guest_oids(),
        vec![GuestOid {
            oid: OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK,
            request_type: RequestType::Method,
            status: NDIS_STATUS_SUCCESS,
        }]
    );
    // The guest adapter re-read exactly the flagged blocks, once each, through the PF's read
    // OID, and nothing else.
    assert_eq!(
        guest.pf_block_oids()[after_init..],
        [read(BLOCK_VF_INFO), read(BLOCK_LINK_STATE)]
    );
    // What that re-read carried: VLAN 10 in VF_INFO, the PF's LINK_STATE (read again through the
    // same export the guest's driver uses).
    let vi = read_block_through_export(guest.ndis_handle(), BLOCK_VF_INFO, VfInfo::SIZE);
    assert_eq!(
        (vi.0, VfInfo::decode(&vi.1).unwrap().vlan_id),
        (NDIS_STATUS_SUCCESS, 10)
    );
    let ls = read_block_through_export(guest.ndis_handle(), BLOCK_LINK_STATE, LinkState::SIZE);
    assert_eq!(ls.0, NDIS_STATUS_SUCCESS);
    assert_eq!(
        LinkState::decode(&ls.1),
        LinkState::decode(&pf_block(&h, BLOCK_LINK_STATE, LinkState::SIZE))
    );
    // Delivered: nothing left pending for VF 0.
    assert_eq!(guest.deliver_invalidations(), None);
    assert_eq!(guest.guest_oids().len(), 1);
    // Only the VF-info bit: the guest re-reads VF_INFO alone.
    set_vlan(&h, &sw, 20);
    let before = guest.pf_block_oids().len();
    assert_eq!(
        guest.deliver_invalidations(),
        Some((1 << BLOCK_VF_INFO, NDIS_STATUS_SUCCESS))
    );
    assert_eq!(guest.pf_block_oids()[before..], [read(BLOCK_VF_INFO)]);
    assert_eq!(guest.guest_oids().len(), 2);
    let vi = read_block_through_export(guest.ndis_handle(), BLOCK_VF_INFO, VfInfo::SIZE);
    assert_eq!(VfInfo::decode(&vi.1).unwrap().vlan_id, 20);
    teardown(&h, sw, guest);
}

#[test]
fn invalidate_oid_with_a_bad_header_is_rejected_by_the_guest_vf_adapter() {
    let h = sriov_host();
    let sw = switch_with_vm(&h);
    let guest = BoundGuestVm::start(&h, 0, 0).unwrap();
    let after_init = guest.pf_block_oids().len();
    let mut b = invalidate_buf(1 << BLOCK_VF_INFO);
    b[1] = 9; // revision
    let r = guest.oid(RequestType::Method, OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK, &b, 0);
    assert_eq!(r.status, NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!((r.bytes_read, r.bytes_written), (0, 0));
    // Nothing was re-read.
    assert_eq!(guest.pf_block_oids().len(), after_init);
    // VMQ / NIC-switch OIDs are not the VF's.
    let r = guest.oid(RequestType::Query, OID_NIC_SWITCH_ENUM_SWITCHES, &[], 256);
    assert_eq!(r.status, NDIS_STATUS_NOT_SUPPORTED);
    assert_eq!(
        guest.guest_oids().iter().map(|o| o.status).collect::<Vec<_>>(),
        vec![NDIS_STATUS_INVALID_PARAMETER, NDIS_STATUS_NOT_SUPPORTED]
    );
    // A good one afterwards still works.
    let r = guest.oid(
        RequestType::Method,
        OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK,
        &invalidate_buf(1 << BLOCK_VF_INFO),
        0,
    );
    assert_eq!(r.status, NDIS_STATUS_SUCCESS);
    assert_eq!(guest.pf_block_oids()[after_init..], [read(BLOCK_VF_INFO)]);
    teardown(&h, sw, guest);
}

#[test]
fn wire_frames_for_the_vf_mac_land_in_the_guest_and_no_pf_dpc_runs() {
    let h = sriov_host();
    let sw = switch_with_vm(&h);
    let guest = BoundGuestVm::start(&h, 0, 0).unwrap();
    let nic = h.adapter(0);
    // Whatever the IOV sequence queued on the PF has run before the counts are taken.
    h.quiesce();
    let pf_dpcs_before = pf_dpc_runs(&h);
    let host_dpcs_before: u64 = h.dpcs_run().iter().sum();
    let inject = |n: u8, tag: u8| {
        for i in 0..n {
            let mut f = vec![0u8; 64];
            let len = build_frame(&mut f, MAC, [2, 1, 1, 1, 1, 1], None, 0x0800, &[i ^ tag; 46]).unwrap();
            assert!(nic.wire_inject(&f[..len]), "frame {i}");
        }
    };
    // Nothing written for the guest yet: no interrupt, no DPC.
    assert_eq!(guest.run_dpcs(), 0);
    assert_eq!(guest.dpcs_scheduled(), 0);
    inject(20, 0);
    assert_eq!(guest.run_dpcs(), 20);
    let rx = guest.received();
    assert_eq!(rx.len(), 20);
    for (i, f) in rx.iter().enumerate() {
        assert_eq!(f.len(), 60);
        assert_eq!(f[0..6], MAC);
        assert_eq!(f[14], i as u8);
    }
    // On the VF queue's processor, in one indication by one DPC.
    assert!(guest
        .received_rx()
        .iter()
        .all(|r| r.processor == 1 && r.batch == 20));
    assert_eq!(guest.indicated(), 20);
    assert_eq!(guest.dpcs_scheduled(), 1);
    assert_eq!(
        pf_dpc_runs(&h),
        pf_dpcs_before,
        "the PF's DPCs never ran for VF traffic"
    );
    assert!(
        nic.received().is_empty(),
        "nothing reached the PF adapter's receive path"
    );
    // A full ring's worth (64, the DPC budget) makes the DPC queue itself once more; buffers
    // went back to the device, so more than the ring's 64 buffers arrive in all.
    inject(64, 1);
    assert_eq!(guest.run_dpcs(), 64);
    assert_eq!(guest.dpcs_scheduled(), 3);
    for round in 0..2u8 {
        inject(40, round);
        assert_eq!(guest.run_dpcs(), 40);
    }
    assert_eq!(guest.received().len(), 164);
    assert_eq!(guest.adapter().rx_nbl_counts(), (164, 164));
    assert_eq!(guest.dpcs_scheduled(), 5);
    // Every DPC the host's processors ran since was the guest's.
    h.quiesce();
    assert_eq!(pf_dpc_runs(&h), pf_dpcs_before);
    assert_eq!(h.dpcs_run().iter().sum::<u64>(), host_dpcs_before + 5);
    // Halt leaves nothing behind (halt() checks the leaks), and the host's leak check passes
    // after the VF goes.
    teardown(&h, sw, guest);
}

#[test]
fn pf_invalidation_for_another_vf_does_not_reach_this_guest() {
    let h = sriov_host();
    let sw = switch_with_vm(&h);
    let guest = BoundGuestVm::start(&h, 0, 0).unwrap();
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
    teardown(&h, sw, guest);
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
    assert_eq!((PARTITION_MS_HV_PARENT, PARTITION_MS_HV_CHILD), (1, 2));
    let h = sriov_host();
    let sw = switch_with_vm(&h);
    let guest = BoundGuestVm::start(&h, 0, 0).unwrap();
    let word = |b: &[u8; 12], at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap());
    // The management OS (the PF's partition).
    let mut b = hypervisor_info_buf(12);
    assert_eq!(get_hypervisor_info(&mut b), NDIS_STATUS_SUCCESS);
    assert_eq!(word(&b, 4), 1, "hypervisor present");
    assert_eq!(word(&b, 8), PARTITION_MS_HV_PARENT);
    // Code of the guest VM.
    let mut b = hypervisor_info_buf(12);
    assert_eq!(
        guest.run_in_guest(|| get_hypervisor_info(&mut b)),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(word(&b, 8), PARTITION_MS_HV_CHILD);
    // And back in the management OS afterwards.
    let mut b = hypervisor_info_buf(12);
    assert_eq!(get_hypervisor_info(&mut b), NDIS_STATUS_SUCCESS);
    assert_eq!(word(&b, 8), PARTITION_MS_HV_PARENT);
    // A header claiming fewer bytes than revision 1: BUFFER_TOO_SHORT, nothing written.
    let mut b = hypervisor_info_buf(8);
    assert_eq!(get_hypervisor_info(&mut b), NDIS_STATUS_BUFFER_TOO_SHORT);
    assert_eq!(b[4..12], [0u8; 8]);
    // A wrong object type.
    let mut b = hypervisor_info_buf(12);
    b[0] = 0x81;
    assert_eq!(get_hypervisor_info(&mut b), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(b[4..12], [0u8; 8]);
    teardown(&h, sw, guest);
}

#[test]
fn the_binding_asks_ndis_for_the_partition_and_does_not_start_as_a_pf_in_a_guest() {
    let h = sriov_host();
    let sw = switch_with_vm(&h);
    let guest = BoundGuestVm::start(&h, 0, 0).unwrap();
    // The same driver loaded inside the guest VM without the VF's resources (no SvnicVfParent /
    // SvnicVfIndex): NdisGetHypervisorInfo says MsHvChild and MiniportInitializeEx refuses to
    // come up as a PF there.
    let r = guest.run_in_guest(|| Host::builder().processors(1).adapters(1).build());
    match r {
        Err(hyperv_sim::HostError::InitFailed { index, status, leaks }) => {
            assert_eq!((index, status), (0, NDIS_STATUS_NOT_SUPPORTED));
            assert!(leaks.is_clean(), "{leaks:?}");
        }
        other => panic!("expected InitFailed, got {other:?}"),
    }
    teardown(&h, sw, guest);
}
