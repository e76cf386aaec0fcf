//! The guest VF adapter through the driver's real entry points: hyperv-sim starts an adapter in
//! the child partition through MiniportInitializeEx (the binding's VF mode), which reads its
//! configuration with NdisMReadConfigBlock carried to the PF's block OIDs, takes invalidations
//! through its MiniportOidRequest, indicates the VF's frames with
//! NdisMIndicateReceiveNetBufferLists from its own DPC, and leaves nothing behind at halt.

use hyperv_sim::vswitch::guest::{BoundGuestVm, PfBlockOid};
use hyperv_sim::vswitch::iov::*;
use hyperv_sim::{Host, RequestType};
use svnic_abi::status::*;
use svnic_device::frame::build_frame;
use svnic_miniport::sriov::abi::*;
use svnic_miniport::sriov::backchannel::{BLOCK_LINK_STATE, BLOCK_VF_DRIVER_INFO, BLOCK_VF_INFO};

const MAC: [u8; 6] = [2, 0, 0x5e, 0, 9, 1];

fn host() -> Host {
    Host::builder()
        .processors(2)
        .adapters(1)
        .keywords(&[("*SriovPreferred", 1), ("*SRIOV", 1), ("*VMQ", 0), ("*NumVFs", 4)])
        .build()
        .unwrap()
}

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

fn oid(op: u32, block: u32) -> PfBlockOid {
    PfBlockOid {
        oid: op,
        vf: 0,
        block,
        status: NDIS_STATUS_SUCCESS,
    }
}

#[test]
fn guest_vf_adapter_initializes_in_child_mode_through_miniport_initialize_ex() {
    let h = host();
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
    assert_eq!(a.supported_oids(), vec![OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK]);
    // Registration attributes, SG DMA, then the VF queue's shared memory.
    let calls = a.ndis_calls();
    assert_eq!(calls[0], "NdisMSetMiniportAttributes(Registration)");
    assert_eq!(calls[1], "NdisMRegisterScatterGatherDma");
    assert_eq!(calls[2], "NdisAllocateSharedMemory");
    assert_eq!(a.anomalies(), Vec::<String>::new());
    let r = guest.halt();
    assert_eq!(r, Ok(()));
    sw.revoke_vf("vm").unwrap();
    sw.halt().unwrap();
    h.halt().unwrap();
}

#[test]
fn guest_vf_adapter_takes_invalidation_through_its_miniport_oid_request() {
    let h = host();
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
    let r = guest.adapter().oid(RequestType::Query, 0x0001_010E, &[], 4);
    assert_eq!(r.status, NDIS_STATUS_NOT_SUPPORTED);
    assert_eq!(guest.halt(), Ok(()));
    sw.revoke_vf("vm").unwrap();
    sw.halt().unwrap();
    h.halt().unwrap();
}

#[test]
fn guest_vf_frames_are_indicated_by_the_guest_adapter_dpc_not_the_pf() {
    let h = host();
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
    let h = host();
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
    let h = host();
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
