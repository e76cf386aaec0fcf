//! The statistics OIDs through the driver's real MiniportOidRequest: the PF's OID_GEN_STATISTICS
//! and OID_GEN_XMIT_OK / RCV_OK count every frame the PF miniport sent or indicated, whatever PF
//! pool or queue it used (the default vPort, an Activated PF vPort's pool, a VM queue), never
//! the VF's; the guest's VF adapter answers the same OIDs from its own queue pair.

use hyperv_sim::vswitch::guest::BoundGuestVm;
use hyperv_sim::vswitch::iov::*;
use hyperv_sim::vswitch::vmq::{VmConfig, VmqSwitch};
use hyperv_sim::{AdapterRef, CapturedRx, Host, RequestType};
use std::time::Duration;
use svnic_abi::status::*;
use svnic_device::QueueId;
use svnic_miniport::general::*;
use svnic_miniport::sriov::abi::*;

const DIRECTED_BROADCAST: u32 = 0x1 | 0x8;
const VPORT_MAC: [u8; 6] = [2, 0, 0x5e, 0, 3, 3];
const VM_MAC: [u8; 6] = [2, 0, 0x5e, 0, 9, 1];
const STRANGER: [u8; 6] = [2, 0, 0x5e, 0, 7, 7];

fn sriov_host() -> Host {
    Host::builder()
        .processors(2)
        .adapters(2)
        .keywords(&[("*SriovPreferred", 1), ("*SRIOV", 1), ("*VMQ", 0), ("*NumVFs", 4)])
        .build()
        .unwrap()
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

fn mac_of(a: &AdapterRef<'_>) -> [u8; 6] {
    let r = a.query(OID_802_3_CURRENT_ADDRESS, 6);
    assert_eq!(r.status, NDIS_STATUS_SUCCESS);
    r.out.try_into().unwrap()
}

fn frame(dst: [u8; 6], src: [u8; 6], len: usize) -> Vec<u8> {
    let mut f = [dst.as_slice(), src.as_slice(), &[0x88, 0xB5]].concat();
    f.resize(len, 0xA5);
    f
}

/// The 18 counters of NDIS_STATISTICS_INFO, from an OID_GEN_STATISTICS query of `r`'s buffer.
fn parse_stats(status: u32, written: u32, out: &[u8]) -> [u64; 18] {
    assert_eq!((status, written), (NDIS_STATUS_SUCCESS, 152));
    assert_eq!(&out[..4], &[0x80, 1, 152, 0]);
    std::array::from_fn(|i| u64::from_le_bytes(out[8 + 8 * i..16 + 8 * i].try_into().unwrap()))
}

fn stats(a: &AdapterRef<'_>) -> [u64; 18] {
    let r = a.query(OID_GEN_STATISTICS, 200);
    parse_stats(r.status, r.bytes_written, &r.out)
}

fn single(a: &AdapterRef<'_>, oid: u32) -> u64 {
    let r = a.query(oid, 8);
    assert_eq!((r.status, r.bytes_written), (NDIS_STATUS_SUCCESS, 8));
    u64::from_le_bytes(r.out.try_into().unwrap())
}

fn delta(after: [u64; 18], before: [u64; 18]) -> [u64; 18] {
    std::array::from_fn(|i| after[i] - before[i])
}

/// (frames, octets) by cast (unicast, multicast, broadcast) of `frames`.
fn by_cast<'a>(frames: impl Iterator<Item = &'a [u8]>) -> [(u64, u64); 3] {
    let mut c = [(0u64, 0u64); 3];
    for f in frames {
        let k = if f[..6] == [0xff; 6] {
            2
        } else if f[0] & 1 == 1 {
            1
        } else {
            0
        };
        c[k].0 += 1;
        c[k].1 += f.len() as u64;
    }
    c
}

/// The statistics a set of sent and indicated frames should add (no errors or discards).
fn expected(sent: &[Vec<u8>], indicated: &[CapturedRx]) -> [u64; 18] {
    let rx = by_cast(indicated.iter().map(|r| r.frame.as_slice()));
    let tx = by_cast(sent.iter().map(Vec::as_slice));
    let sum = |c: &[(u64, u64); 3]| c.iter().map(|x| x.1).sum::<u64>();
    [
        0,
        0,
        sum(&rx),
        rx[0].0,
        rx[1].0,
        rx[2].0,
        sum(&tx),
        tx[0].0,
        tx[1].0,
        tx[2].0,
        0,
        0,
        rx[0].1,
        rx[1].1,
        rx[2].1,
        tx[0].1,
        tx[1].1,
        tx[2].1,
    ]
}

fn method(a: &AdapterRef<'_>, oid: u32, buf: &[u8]) -> u32 {
    IovNic::oid(a, RequestType::Method, oid, buf, 0).status
}

fn pf_vport_buf(vport: u32, processor: u8, state: u32, flags: u32) -> Vec<u8> {
    let mut b = vec![0u8; vport_params::SIZE_REVISION_1];
    b[..4].copy_from_slice(&[0x80, 1, 0x3C, 0x02]);
    let mut put = |off: usize, v: &[u8]| b[off..off + v.len()].copy_from_slice(v);
    put(vport_params::FLAGS, &flags.to_le_bytes());
    put(vport_params::VPORT_ID, &vport.to_le_bytes());
    put(
        vport_params::ATTACHED_FUNCTION_ID,
        &NDIS_PF_FUNCTION_ID.to_le_bytes(),
    );
    put(vport_params::NUM_QUEUE_PAIRS, &1u32.to_le_bytes());
    put(vport_params::VPORT_STATE, &state.to_le_bytes());
    put(
        vport_params::PROCESSOR_AFFINITY,
        &(1u64 << processor).to_le_bytes(),
    );
    b
}

/// Switch with PF vPort 3 Activated, filter 40 for VPORT_MAC on it; returns its device queue.
fn pf_vport_3(a: &AdapterRef<'_>) -> QueueId {
    assert_eq!(
        method(a, OID_NIC_SWITCH_CREATE_SWITCH, &switch_params_buf(2)),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        method(
            a,
            OID_NIC_SWITCH_CREATE_VPORT,
            &pf_vport_buf(3, 1, vport_params::STATE_DEACTIVATED, 0)
        ),
        NDIS_STATUS_SUCCESS
    );
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
    a.driver_adapter()
        .unwrap()
        .sriov()
        .with_hw(|hw| hw.vport_queue(3))
        .unwrap()
}

#[test]
fn pf_statistics_count_sends_on_a_pf_vport_and_the_default_vport_and_receives_on_both() {
    let h = sriov_host();
    let (a, b) = (h.adapter(0), h.adapter(1));
    up(&a);
    up(&b);
    let (own, peer) = (mac_of(&a), mac_of(&b));
    let q3 = pf_vport_3(&a);
    let dev = a.driver_adapter().unwrap().nic().device().clone();
    h.quiesce();
    let _ = a.take_received();
    let before = stats(&a);
    let (tx3, tx0) = (
        dev.counters(q3).unwrap().tx,
        dev.counters(QueueId::DEFAULT).unwrap().tx,
    );
    // Sends: 4 unicast from PF vPort 3's pool, 2 unicast and 1 multicast from the default vPort.
    let on_vport: Vec<Vec<u8>> = (0..4).map(|i| frame(peer, VPORT_MAC, 60 + 100 * i)).collect();
    let on_default = vec![
        frame(peer, own, 64),
        frame(peer, own, 65),
        frame([0x01, 0x00, 0x5e, 0, 0, 9], own, 90),
    ];
    assert_eq!(a.send_filtered(&on_vport, 3), vec![NDIS_STATUS_SUCCESS; 4]);
    assert_eq!(a.send_filtered(&on_default, 0), vec![NDIS_STATUS_SUCCESS; 3]);
    assert_eq!(
        dev.counters(q3).unwrap().tx.frames,
        tx3.frames + 4,
        "vPort 3's pool sent 4"
    );
    assert_eq!(dev.counters(QueueId::DEFAULT).unwrap().tx.frames, tx0.frames + 3);
    // Receives: 3 frames for PF vPort 3 (its queue, indicated with VPortId 3), 2 for the default
    // vPort, and 1 broadcast, which the switch floods to both vPorts: indicated twice.
    for i in 0..3 {
        assert!(a.wire_inject(&frame(VPORT_MAC, STRANGER, 70 + i)));
    }
    assert!(a.wire_inject(&frame(own, STRANGER, 81)));
    assert!(a.wire_inject(&frame(own, STRANGER, 82)));
    assert!(a.wire_inject(&frame([0xff; 6], STRANGER, 99)));
    assert!(a.wait_received(7, Duration::from_secs(10)));
    h.quiesce();
    let rx = a.take_received();
    let on_q3 = rx.iter().filter(|r| r.vport_id == 3).count();
    assert_eq!(
        (rx.len(), on_q3),
        (7, 4),
        "3 + the broadcast on PF vPort 3, 2 + the broadcast on the default vPort"
    );
    let d = delta(stats(&a), before);
    let sent: Vec<Vec<u8>> = on_vport.iter().chain(&on_default).cloned().collect();
    assert_eq!(d, expected(&sent, &rx));
    // The exact figures: 7 sent (6 unicast, 1 multicast), 7 indicated (5 unicast, 2 broadcast).
    assert_eq!(
        (d[7], d[8], d[9], d[6]),
        (6, 1, 0, 60 + 160 + 260 + 360 + 64 + 65 + 90)
    );
    assert_eq!(
        (d[3], d[4], d[5], d[2]),
        (5, 0, 2, 70 + 71 + 72 + 81 + 82 + 2 * 99)
    );
    // The single-value OIDs agree with the structure.
    let s = stats(&a);
    assert_eq!(single(&a, OID_GEN_XMIT_OK), s[7] + s[8] + s[9]);
    assert_eq!(single(&a, OID_GEN_RCV_OK), s[3] + s[4] + s[5]);
    assert_eq!(single(&a, OID_GEN_XMIT_ERROR), s[10]);
    assert_eq!(single(&a, OID_GEN_RCV_ERROR), s[1]);
    assert_eq!(
        a.set(OID_RECEIVE_FILTER_CLEAR_FILTER, &clear_filter_buf(40))
            .status,
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        a.set(OID_NIC_SWITCH_DELETE_VPORT, &delete_vport_buf(3)).status,
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
fn pf_statistics_count_receives_indicated_on_a_vm_queue() {
    let h = Host::builder()
        .processors(2)
        .keywords(&[("*RssOrVmqPreference", 1), ("*VMQ", 1)])
        .build()
        .unwrap();
    up(&h.adapter(0));
    let own = mac_of(&h.adapter(0));
    let mut sw = VmqSwitch::new(h.adapter(0));
    let vm = sw.connect(VmConfig {
        name: "vm".into(),
        mac: VM_MAC,
        vlan: None,
        vmq_weight: 1,
        processor: 1,
    });
    let queue = sw.vm(vm).queue.expect("the VM got a queue");
    let a = sw.nic();
    h.quiesce();
    let _ = a.take_received();
    let before = stats(a);
    for i in 0..5 {
        assert!(a.wire_inject(&frame(VM_MAC, STRANGER, 100 + i)));
    }
    assert!(a.wire_inject(&frame(own, STRANGER, 64)));
    assert!(a.wait_received(6, Duration::from_secs(10)));
    h.quiesce();
    let rx = a.take_received();
    assert_eq!(rx.iter().filter(|r| u32::from(r.queue_id) == queue).count(), 5);
    let d = delta(stats(a), before);
    assert_eq!(d, expected(&[], &rx));
    assert_eq!((d[3], d[2]), (6, 100 + 101 + 102 + 103 + 104 + 64));
    assert_eq!(single(a, OID_GEN_RCV_OK), stats(a)[3] + stats(a)[4] + stats(a)[5]);
    sw.disconnect(vm);
    drop(sw);
    h.halt().unwrap();
}

#[test]
fn guest_vf_statistics_through_its_miniport_oid_request_and_none_of_it_on_the_pf() {
    let h = sriov_host();
    up(&h.adapter(1));
    let peer = mac_of(&h.adapter(1));
    let max_vports = h
        .adapter(0)
        .driver_adapter()
        .unwrap()
        .sriov()
        .with_pf(|pf| pf.caps().max_num_vports);
    let mut sw = IovSwitch::new(h.adapter(0), max_vports, 300);
    sw.create(4).unwrap();
    let vm = IovVm {
        name: "vm".into(),
        mac: VM_MAC,
        vlan: None,
        iov_weight: 100,
    };
    assert_eq!(sw.connect(vm), Ok(IovPath::Vf { vf: 0, vport: 1 }));
    let guest = BoundGuestVm::start(&h, 0, 0).unwrap();
    h.quiesce();
    let pf_before = stats(&h.adapter(0));
    let g = |oid: u32, len: usize| guest.oid(RequestType::Query, oid, &[], len);
    let r = g(OID_GEN_STATISTICS, 152);
    let before = parse_stats(r.status, r.bytes_written, &r.out);
    // 3 own-MAC frames and 1 spoofed one sent; 2 frames for the VM from the wire.
    let good: Vec<Vec<u8>> = (0..3).map(|i| frame(peer, VM_MAC, 64 + i)).collect();
    assert_eq!(guest.send(&good), vec![NDIS_STATUS_SUCCESS; 3]);
    assert_eq!(
        guest.send(&[frame(peer, STRANGER, 64)]),
        vec![NDIS_STATUS_SUCCESS]
    );
    let a = h.adapter(0);
    assert!(a.wire_inject(&frame(VM_MAC, STRANGER, 100)));
    assert!(a.wire_inject(&frame(VM_MAC, STRANGER, 101)));
    assert_eq!(guest.run_dpcs(), 2);
    let r = g(OID_GEN_STATISTICS, 152);
    let d = delta(parse_stats(r.status, r.bytes_written, &r.out), before);
    let mut want = expected(&good, &guest.received_rx());
    want[11] = 1; // ifOutDiscards: the spoofed frame the switch dropped
    assert_eq!(d, want);
    assert_eq!((d[7], d[6], d[3], d[2]), (3, 64 + 65 + 66, 2, 201));
    let r = g(OID_GEN_XMIT_OK, 8);
    assert_eq!(
        (r.status, r.bytes_written, r.out.clone()),
        (NDIS_STATUS_SUCCESS, 8, (before[7] + 3).to_le_bytes().to_vec())
    );
    let r = g(OID_GEN_RCV_OK, 4);
    assert_eq!(
        (r.status, r.bytes_written, r.bytes_needed),
        (NDIS_STATUS_INVALID_LENGTH, 0, 8)
    );
    // The PF's statistics count none of the VF's traffic (the VF pool is the guest's).
    h.quiesce();
    assert_eq!(delta(stats(&h.adapter(0)), pf_before), [0; 18]);
    drop(a);
    assert_eq!(guest.halt(), Ok(()));
    sw.revoke_vf("vm").unwrap();
    sw.halt().unwrap();
    h.halt().unwrap();
}
