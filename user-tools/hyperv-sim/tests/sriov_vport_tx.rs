//! PF vPort transmit through the binding (spec 2.4, 1.6, section 5 item 26): the vswitch puts a
//! VPortId (SR-IOV) or QueueId (VMQ) in each send NBL's NetBufferListFilteringInfo; the frame
//! leaves from that vPort's device pool, and an id naming nothing usable is treated as 0.

use hyperv_sim::vswitch::iov::IovNic;
use hyperv_sim::vswitch::iov::*;
use hyperv_sim::{AdapterRef, Host, RequestType};
use std::sync::atomic::Ordering;
use std::time::Duration;
use svnic_abi::status::*;
use svnic_device::{DeviceCounters, QueueId};
use svnic_miniport::sriov::abi::*;

const OID_GEN_CURRENT_PACKET_FILTER: u32 = 0x0001_010E;
const OID_802_3_CURRENT_ADDRESS: u32 = 0x0101_0102;
const DIRECTED_BROADCAST: u32 = 0x1 | 0x8;
const VPORT_MAC: [u8; 6] = [2, 0, 0x5e, 0, 3, 3];

fn sriov_host() -> Host {
    Host::builder()
        .processors(2)
        .adapters(2)
        .keywords(&[("*SriovPreferred", 1), ("*SRIOV", 1), ("*VMQ", 0), ("*NumVFs", 4)])
        .build()
        .unwrap()
}

fn mac_of(a: &AdapterRef<'_>) -> [u8; 6] {
    let r = a.query(OID_802_3_CURRENT_ADDRESS, 6);
    assert_eq!(r.status, NDIS_STATUS_SUCCESS);
    r.out.try_into().unwrap()
}

fn up(a: &AdapterRef<'_>) {
    let r = a.oid(
        RequestType::Set,
        OID_GEN_CURRENT_PACKET_FILTER,
        &DIRECTED_BROADCAST.to_le_bytes(),
        0,
    );
    assert_eq!((r.status, r.bytes_read), (NDIS_STATUS_SUCCESS, 4));
}

fn frame(dst: [u8; 6], src: [u8; 6], seq: u32, len: usize) -> Vec<u8> {
    let mut f = Vec::with_capacity(len);
    f.extend_from_slice(&dst);
    f.extend_from_slice(&src);
    f.extend_from_slice(&[0x88, 0xB5]);
    f.extend_from_slice(&seq.to_le_bytes());
    while f.len() < len {
        f.push((f.len() as u32 ^ seq) as u8);
    }
    f
}

/// CREATE_VPORT / VPORT_PARAMETERS for a PF vPort with one queue pair on `processor`.
fn pf_vport_buf(vport: u32, processor: u8, state: u32, flags: u32) -> Vec<u8> {
    let mut b = vec![0u8; vport_params::SIZE_REVISION_1];
    b[..4].copy_from_slice(&[0x80, 1, 0x3C, 0x02]);
    b[vport_params::FLAGS..vport_params::FLAGS + 4].copy_from_slice(&flags.to_le_bytes());
    b[vport_params::VPORT_ID..vport_params::VPORT_ID + 4].copy_from_slice(&vport.to_le_bytes());
    b[vport_params::ATTACHED_FUNCTION_ID..vport_params::ATTACHED_FUNCTION_ID + 2]
        .copy_from_slice(&NDIS_PF_FUNCTION_ID.to_le_bytes());
    b[vport_params::NUM_QUEUE_PAIRS..vport_params::NUM_QUEUE_PAIRS + 4].copy_from_slice(&1u32.to_le_bytes());
    b[vport_params::VPORT_STATE..vport_params::VPORT_STATE + 4].copy_from_slice(&state.to_le_bytes());
    let mask = 1u64 << processor;
    b[vport_params::PROCESSOR_AFFINITY..vport_params::PROCESSOR_AFFINITY + 8]
        .copy_from_slice(&mask.to_le_bytes());
    b
}

fn method(a: &AdapterRef<'_>, oid: u32, buf: &[u8]) -> u32 {
    IovNic::oid(a, RequestType::Method, oid, buf, 0).status
}

/// Switch, PF vPort 3 Activated with filter 40 for VPORT_MAC, PF vPort 4 created but left
/// Deactivated. Returns vPort 3's device queue.
fn switch_with_vports(a: &AdapterRef<'_>) -> QueueId {
    assert_eq!(
        method(a, OID_NIC_SWITCH_CREATE_SWITCH, &switch_params_buf(2)),
        NDIS_STATUS_SUCCESS
    );
    for id in [3, 4] {
        assert_eq!(
            method(
                a,
                OID_NIC_SWITCH_CREATE_VPORT,
                &pf_vport_buf(id, 1, vport_params::STATE_DEACTIVATED, 0)
            ),
            NDIS_STATUS_SUCCESS
        );
    }
    let act = pf_vport_buf(3, 1, vport_params::STATE_ACTIVATED, vport_params::STATE_CHANGED);
    assert_eq!(
        a.set(OID_NIC_SWITCH_VPORT_PARAMETERS, &act).status,
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        method(
            a,
            OID_RECEIVE_FILTER_SET_FILTER,
            &set_filter_buf(40, 3, VPORT_MAC, None)
        ),
        NDIS_STATUS_SUCCESS
    );
    let q = a
        .driver_adapter()
        .unwrap()
        .sriov()
        .with_hw(|hw| hw.vport_queue(3))
        .unwrap();
    assert_ne!(q, QueueId::DEFAULT);
    q
}

fn tx_frames(a: &AdapterRef<'_>, q: QueueId) -> u64 {
    a.driver_adapter()
        .unwrap()
        .nic()
        .device()
        .counters(q)
        .unwrap()
        .tx
        .frames
}

fn wire(a: &AdapterRef<'_>) -> DeviceCounters {
    a.driver_adapter().unwrap().nic().device().device_counters()
}

fn sanitized(a: &AdapterRef<'_>) -> u64 {
    a.driver_adapter()
        .unwrap()
        .driver_counters()
        .sends_target_sanitized
        .load(Ordering::Relaxed)
}

#[test]
fn nbls_with_an_activated_pf_vport_id_leave_from_that_vports_pool_with_exact_bytes() {
    let h = sriov_host();
    let (a, b) = (h.adapter(0), h.adapter(1));
    up(&b);
    let peer = mac_of(&b);
    let q = switch_with_vports(&a);
    let (q_before, d_before, w_before) = (tx_frames(&a, q), tx_frames(&a, QueueId::DEFAULT), wire(&a));
    let frames: Vec<Vec<u8>> = (0..6u32)
        .map(|i| frame(peer, VPORT_MAC, i, 60 + i as usize * 97))
        .collect();
    assert_eq!(a.send_filtered(&frames, 3), vec![NDIS_STATUS_SUCCESS; 6]);
    assert_eq!(a.sends_outstanding(), 0);
    assert_eq!(tx_frames(&a, q), q_before + 6, "vPort 3's pool sent them");
    assert_eq!(tx_frames(&a, QueueId::DEFAULT), d_before, "default pool +0");
    let w = wire(&a);
    assert_eq!(w.wire_tx_frames, w_before.wire_tx_frames + 6);
    let bytes: u64 = frames.iter().map(|f| f.len() as u64).sum();
    assert_eq!(w.wire_tx_bytes, w_before.wire_tx_bytes + bytes);
    assert_eq!(sanitized(&a), 0);
    assert!(b.wait_received(6, Duration::from_secs(10)));
    h.quiesce();
    let rx = b.take_received();
    assert_eq!(rx.len(), 6);
    for (got, want) in rx.iter().zip(&frames) {
        assert_eq!(&got.frame, want);
    }
    // VPortId 0 is the default vPort: default pool, not counted as sanitized.
    let f0 = vec![frame(peer, mac_of(&a), 100, 64)];
    assert_eq!(a.send_filtered(&f0, 0), vec![NDIS_STATUS_SUCCESS]);
    assert_eq!(tx_frames(&a, QueueId::DEFAULT), d_before + 1);
    assert_eq!(tx_frames(&a, q), q_before + 6);
    assert_eq!(sanitized(&a), 0);
    assert!(b.wait_received(1, Duration::from_secs(10)));
    assert_eq!(b.take_received()[0].frame, f0[0]);
    assert_eq!(
        a.set(OID_RECEIVE_FILTER_CLEAR_FILTER, &clear_filter_buf(40))
            .status,
        NDIS_STATUS_SUCCESS
    );
    for id in [3, 4] {
        assert_eq!(
            a.set(OID_NIC_SWITCH_DELETE_VPORT, &delete_vport_buf(id)).status,
            NDIS_STATUS_SUCCESS
        );
    }
    assert_eq!(
        a.set(OID_NIC_SWITCH_DELETE_SWITCH, &delete_switch_buf()).status,
        NDIS_STATUS_SUCCESS
    );
    assert!(a.anomalies().is_empty(), "{:?}", a.anomalies());
    drop((a, b));
    h.halt().unwrap();
}

#[test]
fn stale_unknown_and_deactivated_vport_ids_send_from_the_default_pool_and_are_counted() {
    let h = sriov_host();
    let (a, b) = (h.adapter(0), h.adapter(1));
    up(&b);
    let peer = mac_of(&b);
    let own = mac_of(&a);
    let q = switch_with_vports(&a);
    let (q0, d0) = (tx_frames(&a, q), tx_frames(&a, QueueId::DEFAULT));
    // Never created (9, and the top of the u16 range) and created but Deactivated (4).
    let mut sent = Vec::new();
    for (i, id) in [9u16, 0xFFFF, 4].into_iter().enumerate() {
        let f = vec![
            frame(peer, own, i as u32, 80),
            frame(peer, own, 50 + i as u32, 90),
        ];
        assert_eq!(a.send_filtered(&f, id), vec![NDIS_STATUS_SUCCESS; 2]);
        sent.extend(f);
    }
    assert_eq!(sanitized(&a), 6);
    assert_eq!(tx_frames(&a, QueueId::DEFAULT), d0 + 6);
    assert_eq!(tx_frames(&a, q), q0);
    // Deleted: vPort 3 gone, its id now names nothing.
    assert_eq!(
        a.set(OID_RECEIVE_FILTER_CLEAR_FILTER, &clear_filter_buf(40))
            .status,
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        a.set(OID_NIC_SWITCH_DELETE_VPORT, &delete_vport_buf(3)).status,
        NDIS_STATUS_SUCCESS
    );
    let f = vec![frame(peer, own, 77, 128)];
    assert_eq!(a.send_filtered(&f, 3), vec![NDIS_STATUS_SUCCESS]);
    sent.extend(f);
    assert_eq!(sanitized(&a), 7);
    assert_eq!(tx_frames(&a, QueueId::DEFAULT), d0 + 7);
    assert_eq!(a.sends_outstanding(), 0);
    assert!(b.wait_received(7, Duration::from_secs(10)));
    h.quiesce();
    let rx = b.take_received();
    assert_eq!(rx.len(), 7);
    for (got, want) in rx.iter().zip(&sent) {
        assert_eq!(&got.frame, want);
    }
    assert_eq!(
        a.set(OID_NIC_SWITCH_DELETE_VPORT, &delete_vport_buf(4)).status,
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        a.set(OID_NIC_SWITCH_DELETE_SWITCH, &delete_switch_buf()).status,
        NDIS_STATUS_SUCCESS
    );
    assert!(a.anomalies().is_empty(), "{:?}", a.anomalies());
    drop((a, b));
    h.halt().unwrap();
}

#[test]
fn a_vmq_send_with_an_unallocated_queue_id_goes_out_as_queue_zero() {
    let h = Host::builder()
        .processors(2)
        .adapters(2)
        .keywords(&[("*RssOrVmqPreference", 1), ("*VMQ", 1)])
        .build()
        .unwrap();
    let (a, b) = (h.adapter(0), h.adapter(1));
    up(&b);
    let (peer, own) = (mac_of(&b), mac_of(&a));
    let d0 = tx_frames(&a, QueueId::DEFAULT);
    let frames = vec![
        frame(peer, own, 1, 60),
        frame(peer, own, 2, 61),
        frame(peer, own, 3, 62),
    ];
    assert_eq!(a.send_filtered(&frames, 5), vec![NDIS_STATUS_SUCCESS; 3]);
    assert_eq!(sanitized(&a), 3);
    assert_eq!(tx_frames(&a, QueueId::DEFAULT), d0 + 3);
    assert!(b.wait_received(3, Duration::from_secs(10)));
    h.quiesce();
    let rx = b.take_received();
    assert_eq!(rx.iter().map(|r| r.frame.clone()).collect::<Vec<_>>(), frames);
    drop((a, b));
    h.halt().unwrap();
}

#[test]
fn a_pf_send_naming_a_vf_vport_goes_out_from_the_default_pool_not_the_vf_queue() {
    let h = sriov_host();
    let b = h.adapter(1);
    up(&b);
    let peer = mac_of(&b);
    let ad = h.adapter(0).driver_adapter().unwrap();
    let max_vports = ad.sriov().with_pf(|pf| pf.caps().max_num_vports);
    let mut sw = IovSwitch::new(h.adapter(0), max_vports, 700);
    sw.create(4).unwrap();
    let vm = IovVm {
        name: "vm1".into(),
        mac: [2, 0, 0x5e, 0, 1, 1],
        vlan: None,
        iov_weight: 100,
    };
    assert_eq!(sw.connect(vm), Ok(IovPath::Vf { vf: 0, vport: 1 }));
    let vf_q = ad.sriov().with_hw(|hw| hw.vport_queue(1)).unwrap();
    let a = h.adapter(0);
    let own = mac_of(&a);
    let (vq0, d0) = (tx_frames(&a, vf_q), tx_frames(&a, QueueId::DEFAULT));
    let frames = vec![frame(peer, own, 1, 70), frame(peer, own, 2, 71)];
    assert_eq!(a.send_filtered(&frames, 1), vec![NDIS_STATUS_SUCCESS; 2]);
    assert_eq!(sanitized(&a), 2);
    assert_eq!(tx_frames(&a, QueueId::DEFAULT), d0 + 2);
    assert_eq!(tx_frames(&a, vf_q), vq0, "the VF's queue sent nothing for the PF");
    assert_eq!(a.sends_outstanding(), 0);
    assert!(b.wait_received(2, Duration::from_secs(10)));
    h.quiesce();
    let rx = b.take_received();
    assert_eq!(rx.iter().map(|r| r.frame.clone()).collect::<Vec<_>>(), frames);
    sw.halt().unwrap();
    assert!(sw.trace().iter().all(|i| i.status == NDIS_STATUS_SUCCESS));
    drop((a, b, ad));
    h.halt().unwrap();
}
