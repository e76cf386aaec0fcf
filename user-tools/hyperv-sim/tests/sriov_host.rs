//! The IOV sequences through the binding's real entry points: a hyperv-sim host whose adapter
//! runs with SR-IOV as the enabled interface (spec 1.12 row "SR-IOV preferred, *SRIOV=1, *VMQ=0"),
//! driven by `vswitch::iov::IovSwitch` exactly as Hyper-V would.

use hyperv_sim::vswitch::iov::IovNic;
use hyperv_sim::vswitch::iov::*;
use hyperv_sim::{Host, RequestType};
use svnic_abi::status::*;
use svnic_miniport::sriov::abi::*;

fn host() -> Host {
    Host::builder()
        .processors(2)
        .adapters(1)
        .keywords(&[("*SriovPreferred", 1), ("*SRIOV", 1), ("*VMQ", 0), ("*NumVFs", 4)])
        .build()
        .unwrap()
}

fn vm(name: &str, n: u8) -> IovVm {
    IovVm {
        name: name.into(),
        mac: [2, 0, 0x5e, 0, 1, n],
        vlan: None,
        iov_weight: 100,
    }
}

fn enable_calls(h: &Host) -> Vec<Vec<u8>> {
    h.adapter(0)
        .statuses()
        .into_iter()
        .filter(|s| s.buffer.starts_with(b"EnableVirtualization"))
        .map(|s| s.buffer[20..].to_vec())
        .collect()
}

#[test]
fn create_and_delete_switch_through_the_binding_call_ndis_enable_virtualization() {
    let h = host();
    let max_vports = h
        .adapter(0)
        .driver_adapter()
        .unwrap()
        .sriov()
        .with_pf(|pf| pf.caps().max_num_vports);
    let mut sw = IovSwitch::new(h.adapter(0), max_vports, 500);
    assert_eq!(sw.create(4), Ok(()));
    assert_eq!(
        enable_calls(&h),
        vec![vec![4, 0, 1]],
        "NdisMEnableVirtualization(4, TRUE) once"
    );
    let ad = h.adapter(0).driver_adapter().unwrap();
    ad.sriov().with_pf(|pf| {
        let i = pf.switch().info().unwrap();
        assert_eq!((i.num_vfs, i.num_active_vports), (4, 1));
    });
    // A VM without IovWeight stays on the default vPort, through the binding's SET_FILTER path.
    let v = IovVm {
        iov_weight: 0,
        ..vm("vm0", 9)
    };
    assert_eq!(sw.connect(v), Ok(IovPath::Synthetic));
    assert!(ad.sriov().owns_filters());
    ad.sriov()
        .with_pf(|pf| assert_eq!(pf.switch().filter(500).map(|f| f.vport), Some(0)));
    sw.halt().unwrap();
    assert!(
        sw.trace().iter().all(|i| i.status == NDIS_STATUS_SUCCESS),
        "{:x?}",
        sw.trace()
    );
    assert_eq!(enable_calls(&h), vec![vec![4, 0, 1], vec![0, 0, 0]]);
    drop(ad);
    h.halt().unwrap();
}

#[test]
fn sriov_oids_with_the_wrong_request_type_are_refused_by_the_binding() {
    let h = host();
    let a = h.adapter(0);
    let r = a.oid(
        RequestType::Set,
        OID_NIC_SWITCH_ALLOCATE_VF,
        &allocate_vf_buf([2, 0, 0, 0, 0, 1], "x"),
        0,
    );
    assert_eq!(r.status, NDIS_STATUS_NOT_SUPPORTED);
    let r = a.oid(
        RequestType::Method,
        OID_NIC_SWITCH_CREATE_SWITCH,
        &switch_params_buf(2)[..100],
        100,
    );
    assert_eq!((r.status, r.bytes_needed), (NDIS_STATUS_INVALID_LENGTH, 548));
    drop(a);
    h.halt().unwrap();
}

#[test]
fn vm_start_onto_a_vf_revoke_and_pf_halt_through_the_binding() {
    let h = host();
    let ad = h.adapter(0).driver_adapter().unwrap();
    let max_vports = ad.sriov().with_pf(|pf| pf.caps().max_num_vports);
    let mut sw = IovSwitch::new(h.adapter(0), max_vports, 700);
    sw.create(4).unwrap();
    // NdisMEnableVirtualization programmed the model: the VFs exist now.
    let dev = ad.nic().device().clone();
    assert_eq!(dev.num_vfs(), 4);
    assert_eq!(
        sw.connect(vm("vm1", 1)),
        Ok(IovPath::Vf { vf: 0, vport: 1 }),
        "{:x?}",
        sw.trace()
    );
    assert_eq!(sw.connect(vm("vm2", 2)), Ok(IovPath::Vf { vf: 1, vport: 2 }));
    ad.sriov().with_pf(|pf| {
        let i = pf.switch().info().unwrap();
        assert_eq!(
            (
                i.num_allocated_vfs,
                i.num_active_vports,
                i.num_active_nondefault_vport_mac_addresses
            ),
            (2, 3, 2)
        );
    });
    // The VF's filter now steers into the VF's own queue in the model.
    let q = ad.sriov().with_hw(|hw| hw.vport_queue(1)).unwrap();
    assert_eq!(dev.layout().owner(q), Some(svnic_device::Function::Vf(0)));
    sw.revoke_vf("vm1").unwrap();
    assert_eq!(sw.path("vm1"), Some(IovPath::Synthetic));
    sw.halt().unwrap();
    assert!(
        sw.trace().iter().all(|i| i.status == NDIS_STATUS_SUCCESS),
        "{:x?}",
        sw.trace()
    );
    assert_eq!(dev.num_vfs(), 0, "DELETE_SWITCH disabled the VFs");
    drop(ad);
    h.halt().unwrap();
}

#[test]
fn ndis_answers_enum_switches_and_enum_vfs_from_the_driver_through_the_host() {
    let h = host();
    let max_vports = {
        let r = IovNic::oid(
            &h.adapter(0),
            RequestType::Query,
            OID_NIC_SWITCH_CURRENT_CAPABILITIES,
            &[],
            200,
        );
        assert_eq!((r.status, r.bytes_written), (NDIS_STATUS_SUCCESS, 116));
        u32::from_le_bytes(r.out[40..44].try_into().unwrap())
    };
    assert_eq!(
        max_vports,
        4 + 1
            + h.adapter(0)
                .driver_adapter()
                .unwrap()
                .nic()
                .device()
                .config()
                .pf_queues as u32
    );
    let mut sw = IovSwitch::new(h.adapter(0), max_vports, 900);
    let r = IovNic::oid(
        sw.nic(),
        RequestType::Query,
        OID_NIC_SWITCH_ENUM_SWITCHES,
        &[],
        1024,
    );
    assert_eq!(
        (r.status, r.bytes_written),
        (NDIS_STATUS_SUCCESS, 16),
        "no switch yet: an empty array"
    );
    sw.create(4).unwrap();
    sw.connect(vm("vm1", 1)).unwrap();
    let r = IovNic::oid(
        sw.nic(),
        RequestType::Query,
        OID_NIC_SWITCH_ENUM_SWITCHES,
        &[],
        1024,
    );
    assert_eq!((r.status, r.bytes_written), (NDIS_STATUS_SUCCESS, 16 + 572));
    let e = &r.out[16..];
    assert_eq!(u32::from_le_bytes(e[532..536].try_into().unwrap()), 4, "NumVFs");
    assert_eq!(
        u32::from_le_bytes(e[536..540].try_into().unwrap()),
        1,
        "NumAllocatedVFs"
    );
    let r = IovNic::oid(sw.nic(), RequestType::Query, OID_NIC_SWITCH_ENUM_VFS, &[], 24);
    assert_eq!(
        (r.status, r.bytes_needed),
        (NDIS_STATUS_INVALID_LENGTH, 24 + 1632)
    );
    sw.halt().unwrap();
    h.halt().unwrap();
}

#[test]
fn pf_vport_frames_are_indicated_with_their_vport_id_through_the_binding() {
    let h = host();
    let a = h.adapter(0);
    assert_eq!(
        IovNic::oid(
            &a,
            RequestType::Method,
            OID_NIC_SWITCH_CREATE_SWITCH,
            &switch_params_buf(2),
            0
        )
        .status,
        NDIS_STATUS_SUCCESS
    );
    let r = IovNic::oid(
        &a,
        RequestType::Method,
        OID_NIC_SWITCH_CREATE_VPORT,
        &pf_vport_buf(3, 1, vport_params::STATE_DEACTIVATED, 0),
        0,
    );
    assert_eq!(r.status, NDIS_STATUS_SUCCESS);
    let act = vport_parameters_buf(3, vport_params::STATE_CHANGED, vport_params::STATE_ACTIVATED, 1);
    assert_eq!(
        a.set(OID_NIC_SWITCH_VPORT_PARAMETERS, &act).status,
        NDIS_STATUS_SUCCESS
    );
    let mac = [2, 0, 0x5e, 0, 3, 3];
    assert_eq!(
        IovNic::oid(
            &a,
            RequestType::Method,
            OID_RECEIVE_FILTER_SET_FILTER,
            &set_filter_buf(40, 3, mac, None),
            0
        )
        .status,
        NDIS_STATUS_SUCCESS
    );
    let mut f = vec![0u8; 64];
    let n =
        svnic_device::frame::build_frame(&mut f, mac, [2, 1, 1, 1, 1, 1], None, 0x0800, &[7; 46]).unwrap();
    for _ in 0..4 {
        assert!(a.wire_inject(&f[..n]));
    }
    assert!(a.wait_received(4, std::time::Duration::from_secs(10)));
    let rx = a.take_received();
    assert_eq!(rx.len(), 4);
    assert!(
        rx.iter()
            .all(|r| r.vport_id == 3 && r.filter_id == 0 && r.processor == 1),
        "{rx:?}"
    );
    assert!(rx.iter().all(|r| r.shared_memory.is_some()));
    // Teardown: the host's receives were returned by the sim; DELETE_VPORT frees everything.
    assert_eq!(
        a.set(OID_RECEIVE_FILTER_CLEAR_FILTER, &clear_filter_buf(40))
            .status,
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        a.set(OID_NIC_SWITCH_DELETE_VPORT, &delete_vport_buf(3)).status,
        NDIS_STATUS_SUCCESS
    );
    assert!(a.wire_inject(&f[..n]));
    assert!(
        !a.wait_received(1, std::time::Duration::from_millis(200)),
        "nothing after DELETE_VPORT"
    );
    assert_eq!(
        a.set(OID_NIC_SWITCH_DELETE_SWITCH, &delete_switch_buf()).status,
        NDIS_STATUS_SUCCESS
    );
    drop(a);
    h.halt().unwrap();
}
