//! The guest's VF adapter answers OID_GEN_STATISTICS, OID_GEN_XMIT_OK and OID_GEN_RCV_OK from its
//! own queue pair: the frames its DPC indicated (by cast, with octets), the frames the embedded
//! switch forwarded from its queue, the frames the switch discarded (anti-spoofing: completed
//! SUCCESS, reported as ifOutDiscards, not XmitOk), the sends completed with an error, and the
//! device's receive drops on the VF's queue; with the PF's length checks and exact byte counts.

mod sriov_common;
use sriov_common::*;

use std::sync::Arc;
use svnic_abi::status::*;
use svnic_device::frame::build_frame;
use svnic_device::{DeviceConfig, NullMsi, QueueId, RxDesc, VecRegion};
use svnic_miniport::general::*;
use svnic_miniport::oid::{OidOutcome, OidRequest, OidToken, RequestType};
use svnic_miniport::os::ProcessorNumber;
use svnic_miniport::sriov::backchannel::{LinkState, VfInfo, BLOCK_LINK_STATE, BLOCK_VF_INFO};
use svnic_miniport::sriov::caps::NicSwitchCaps;
use svnic_miniport::vf::adapter::{VfAdapter, VfQueueConfig};

/// PF MAC on the model's default pool (DeviceConfig::default's pf_mac is not used by the tests).
fn frame(dst: [u8; 6], src: [u8; 6], payload: usize) -> Vec<u8> {
    let mut b = vec![0u8; 4096];
    let n = build_frame(&mut b, dst, src, None, 0x0800, &vec![0x5a; payload]).unwrap();
    b.truncate(n);
    b
}

/// A PF with a switch, VF 0 (mac 1) on vPort 1, the PF's default queue posted, and the guest's
/// VF adapter initialized (its blocks served by a stub PF) and restarted.
fn setup() -> (Pf, Arc<TestOs>, VfAdapter) {
    let cfg = DeviceConfig {
        total_vfs: TOTAL_VFS,
        pf_queues: PF_QUEUES,
        rx_ring_len: 256,
        tx_ring_len: 64,
        ..DeviceConfig::default()
    };
    let mut p = Pf::with_device(
        NicSwitchCaps::from_input(&caps_input()),
        true,
        cfg,
        Arc::new(NullMsi),
    );
    assert_eq!(p.create_switch(2), NDIS_STATUS_SUCCESS);
    let vf = p.vm_start(7, 1, mac(1));
    let d = p.dev().clone();
    d.set_rx_region(QueueId::DEFAULT, Arc::new(VecRegion::new(256 * 2048)))
        .unwrap();
    let descs: Vec<RxDesc> = (0..256)
        .map(|i| RxDesc {
            offset: i * 2048,
            len: 2048,
        })
        .collect();
    d.post_rx(QueueId::DEFAULT, &descs).unwrap();
    d.enable_rx(QueueId::DEFAULT, true).unwrap();
    let guest = Arc::new(TestOs::new(d.clone()));
    let info = VfInfo {
        vf_id: vf,
        flags: 0,
        current_mac: mac(1),
        permanent_mac: mac(1),
        vlan_id: 0,
        vport_id: 1,
        num_queue_pairs: 1,
        mtu: 1500,
        interrupt_moderation: 0,
    };
    let link = LinkState {
        media_connect_state: 1,
        link_speed_bps: 10_000_000_000,
    };
    *guest.backchannel.lock().unwrap() = Some(Box::new(move |write, block, data: &mut [u8]| {
        if write {
            return NDIS_STATUS_SUCCESS;
        }
        let src: Vec<u8> = match block {
            BLOCK_VF_INFO => info.encode().to_vec(),
            BLOCK_LINK_STATE => link.encode().to_vec(),
            _ => return NDIS_STATUS_INVALID_PARAMETER,
        };
        data[..src.len()].copy_from_slice(&src);
        NDIS_STATUS_SUCCESS
    }));
    let q = VfQueueConfig {
        slots: 64,
        slot_len: 2048,
        processor: ProcessorNumber { group: 0, number: 1 },
    };
    let a = VfAdapter::initialize(&*guest, d, vf, q).unwrap();
    assert_eq!(a.restart(), NDIS_STATUS_SUCCESS);
    (p, guest, a)
}

/// One OID to the VF adapter: (status, BytesWritten, BytesNeeded).
fn query(a: &VfAdapter, os: &TestOs, rt: RequestType, oid: u32, buf: &mut [u8]) -> (u32, u32, u32) {
    let n = buf.len();
    let mut req = OidRequest {
        request_type: rt,
        oid,
        buffer: buf,
        input_len: n,
        bytes_read: 0,
        bytes_written: 0,
        bytes_needed: 0,
        token: OidToken(9),
    };
    match a.oid(os, &mut req) {
        OidOutcome::Complete(st) => (st, req.bytes_written, req.bytes_needed),
        OidOutcome::Pending => panic!("statistics never pend"),
    }
}

fn u64_at(b: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(b[i..i + 8].try_into().unwrap())
}

/// The 18 counters of an NDIS_STATISTICS_INFO, in field order.
fn stats(a: &VfAdapter, os: &TestOs) -> [u64; 18] {
    let mut b = vec![0u8; 200];
    assert_eq!(
        query(a, os, RequestType::Query, OID_GEN_STATISTICS, &mut b),
        (NDIS_STATUS_SUCCESS, 152, 0)
    );
    assert_eq!(
        &b[0..4],
        &[0x80, 1, 152, 0],
        "header: DEFAULT, revision 1, size 152"
    );
    assert_eq!(u32::from_le_bytes(b[4..8].try_into().unwrap()), 0x003F_FFFF);
    assert!(b[152..].iter().all(|&x| x == 0), "nothing past the structure");
    std::array::from_fn(|i| u64_at(&b, 8 + 8 * i))
}

fn single(a: &VfAdapter, os: &TestOs, oid: u32) -> u64 {
    let mut b = [0u8; 8];
    assert_eq!(
        query(a, os, RequestType::Query, oid, &mut b),
        (NDIS_STATUS_SUCCESS, 8, 0)
    );
    u64::from_le_bytes(b)
}

fn drain(a: &VfAdapter, os: &TestOs) {
    let mut n = 0;
    while a.dpc(os) > 0 {
        n += 1;
        assert!(n < 10);
    }
}

#[test]
fn vf_statistics_count_what_its_queue_indicated_and_what_the_switch_forwarded() {
    let (p, guest, a) = setup();
    assert_eq!(stats(&a, &guest), [0; 18]);
    // Receive: 3 unicast frames of 100 bytes and 1 broadcast of 60 bytes from the wire.
    for _ in 0..3 {
        p.dev().receive(&frame(mac(1), [2, 9, 9, 9, 9, 9], 86));
    }
    p.dev().receive(&frame([0xff; 6], [2, 9, 9, 9, 9, 9], 46));
    drain(&a, &guest);
    let got: Vec<usize> = guest
        .indications
        .lock()
        .unwrap()
        .iter()
        .flat_map(|i| i.4.iter().map(Vec::len))
        .collect();
    assert_eq!(got, vec![100, 100, 100, 60]);
    // Send: 2 unicast (80 bytes) and 1 broadcast (64 bytes) from the VF's own MAC, one spoofed
    // frame (dropped by the switch, completed SUCCESS), one frame longer than the VF's buffers
    // (INVALID_LENGTH) and one send while paused (not counted).
    let g = a.send_begin(&*guest).unwrap();
    let pf_mac = p.dev().config().pf_mac;
    assert_eq!(g.send_frame(&[&frame(pf_mac, mac(1), 66)]), NDIS_STATUS_SUCCESS);
    let two = frame(pf_mac, mac(1), 66);
    assert_eq!(
        g.send_frame(&[&two[..3], &two[3..]]),
        NDIS_STATUS_SUCCESS,
        "destination split over two buffers"
    );
    assert_eq!(
        g.send_frame(&[&frame([0xff; 6], mac(1), 50)]),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        g.send_frame(&[&frame(pf_mac, mac(3), 66)]),
        NDIS_STATUS_SUCCESS,
        "spoofed: the switch drops it"
    );
    assert_eq!(
        g.send_frame(&[&frame(pf_mac, mac(1), 2100)]),
        NDIS_STATUS_INVALID_LENGTH
    );
    drop(g);
    assert_eq!(a.pause(), NDIS_STATUS_SUCCESS);
    assert!(a.send_begin(&*guest).is_none());
    let sc = a.send_counters();
    assert_eq!(
        (sc.sent, sc.spoof_dropped, sc.failed, sc.rejected_paused),
        (3, 1, 1, 1)
    );

    let s = stats(&a, &guest);
    assert_eq!(
        s,
        [
            0,   // ifInDiscards
            0,   // ifInErrors
            360, // ifHCInOctets
            3,   // ifHCInUcastPkts
            0,   // ifHCInMulticastPkts
            1,   // ifHCInBroadcastPkts
            224, // ifHCOutOctets
            2,   // ifHCOutUcastPkts
            0,   // ifHCOutMulticastPkts
            1,   // ifHCOutBroadcastPkts
            1,   // ifOutErrors: the frame too long
            1,   // ifOutDiscards: the spoofed frame
            300, // ifHCInUcastOctets
            0, 60,  // ifHCInBroadcastOctets
            160, // ifHCOutUcastOctets
            0, 64, // ifHCOutBroadcastOctets
        ]
    );
    assert_eq!(single(&a, &guest, OID_GEN_XMIT_OK), 3);
    assert_eq!(single(&a, &guest, OID_GEN_RCV_OK), 4);
    // The PF's view of the VF pool agrees: 3 frames forwarded, 1 spoofed.
    let q = p.dev().counters(p.dev().vf(a_vf(&a)).unwrap().queue()).unwrap();
    assert_eq!((q.tx.frames, q.tx.bytes), (3, 224));
    assert_eq!(q.tx.drops.get(svnic_device::DropReason::Spoofed), 1);
}

fn a_vf(a: &VfAdapter) -> u16 {
    a.miniport().info().unwrap().vf_id
}

#[test]
fn vf_receive_drops_on_its_queue_are_in_discards() {
    let (p, guest, a) = setup();
    // 64 slots: the 65th to 70th frames find no buffer until the DPC returns them.
    for _ in 0..70 {
        p.dev().receive(&frame(mac(1), [2, 9, 9, 9, 9, 9], 46));
    }
    let s = stats(&a, &guest);
    assert_eq!((s[0], s[3]), (6, 0), "6 no-buffer drops, nothing indicated yet");
    drain(&a, &guest);
    let s = stats(&a, &guest);
    assert_eq!((s[0], s[2], s[3]), (6, 64 * 60, 64));
    assert_eq!(single(&a, &guest, OID_GEN_RCV_OK), 64);
}

#[test]
fn vf_statistics_oids_check_type_and_length_with_exact_byte_counts() {
    let (_p, guest, a) = setup();
    for oid in [OID_GEN_XMIT_OK, OID_GEN_RCV_OK] {
        let mut short = [0u8; 7];
        assert_eq!(
            query(&a, &guest, RequestType::Query, oid, &mut short),
            (NDIS_STATUS_INVALID_LENGTH, 0, 8)
        );
        let mut big = [0xEEu8; 16];
        assert_eq!(
            query(&a, &guest, RequestType::QueryStatistics, oid, &mut big),
            (NDIS_STATUS_SUCCESS, 8, 0)
        );
        assert_eq!(&big[..8], &[0; 8]);
        assert_eq!(&big[8..], &[0xEE; 8], "nothing written past 8 bytes");
        assert_eq!(
            query(&a, &guest, RequestType::Set, oid, &mut big).0,
            NDIS_STATUS_NOT_SUPPORTED
        );
    }
    let mut short = vec![0u8; 151];
    assert_eq!(
        query(&a, &guest, RequestType::Query, OID_GEN_STATISTICS, &mut short),
        (NDIS_STATUS_INVALID_LENGTH, 0, 152)
    );
    assert!(
        short.iter().all(|&b| b == 0),
        "nothing written into a short buffer"
    );
    let mut b = vec![0u8; 152];
    assert_eq!(
        query(&a, &guest, RequestType::Method, OID_GEN_STATISTICS, &mut b).0,
        NDIS_STATUS_NOT_SUPPORTED
    );
}

#[test]
fn vf_supported_oids_list_the_general_rows_interrupt_moderation_and_its_invalidation_oid() {
    let want = vec![
        OID_GEN_SUPPORTED_LIST,
        OID_GEN_HARDWARE_STATUS,
        OID_GEN_MEDIA_SUPPORTED,
        OID_GEN_MEDIA_IN_USE,
        OID_GEN_MAXIMUM_LOOKAHEAD,
        OID_GEN_MAXIMUM_FRAME_SIZE,
        OID_GEN_LINK_SPEED,
        OID_GEN_TRANSMIT_BLOCK_SIZE,
        OID_GEN_RECEIVE_BLOCK_SIZE,
        OID_GEN_VENDOR_ID,
        OID_GEN_VENDOR_DESCRIPTION,
        OID_GEN_CURRENT_PACKET_FILTER,
        OID_GEN_CURRENT_LOOKAHEAD,
        OID_GEN_DRIVER_VERSION,
        OID_GEN_MAXIMUM_TOTAL_SIZE,
        OID_GEN_MAC_OPTIONS,
        OID_GEN_MEDIA_CONNECT_STATUS,
        OID_GEN_MAXIMUM_SEND_PACKETS,
        OID_GEN_VENDOR_DRIVER_VERSION,
        OID_GEN_LINK_STATE,
        OID_GEN_XMIT_OK,
        OID_GEN_RCV_OK,
        OID_GEN_XMIT_ERROR,
        OID_GEN_RCV_ERROR,
        OID_GEN_RCV_NO_BUFFER,
        OID_GEN_STATISTICS,
        OID_802_3_PERMANENT_ADDRESS,
        OID_802_3_CURRENT_ADDRESS,
        OID_802_3_MULTICAST_LIST,
        OID_802_3_MAXIMUM_LIST_SIZE,
        svnic_abi::oid::OID_GEN_INTERRUPT_MODERATION,
        svnic_miniport::sriov::abi::OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK,
    ];
    assert_eq!(svnic_miniport::vf::supported_oids().collect::<Vec<_>>(), want);
    let t = svnic_miniport::vf::oid_table();
    assert_eq!(t.supported_count(), 32);
    assert_eq!(t.supported_oids().collect::<Vec<_>>(), want);
}
