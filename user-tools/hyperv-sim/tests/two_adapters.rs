//! Two svnic adapters on the driver's hub, through the real entry points.

use hyperv_sim::{Host, RequestType};
use std::time::Duration;
use svnic_abi::status::*;

const OID_GEN_CURRENT_PACKET_FILTER: u32 = 0x0001_010E;
const OID_802_3_CURRENT_ADDRESS: u32 = 0x0101_0102;
const DIRECTED_BROADCAST: u32 = 0x1 | 0x8;

fn mac_of(host: &Host, i: usize) -> [u8; 6] {
    let r = host.adapter(i).query(OID_802_3_CURRENT_ADDRESS, 6);
    assert_eq!(r.status, NDIS_STATUS_SUCCESS);
    r.out.try_into().unwrap()
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

fn up(host: &Host) {
    for i in 0..host.adapter_count() {
        let r = host.adapter(i).oid(
            RequestType::Set,
            OID_GEN_CURRENT_PACKET_FILTER,
            &DIRECTED_BROADCAST.to_le_bytes(),
            0,
        );
        assert_eq!((r.status, r.bytes_read), (NDIS_STATUS_SUCCESS, 4));
    }
}

#[test]
fn frames_sent_on_one_adapter_arrive_on_the_other_with_exact_contents_and_counters() {
    let host = Host::builder().processors(4).adapters(2).build().unwrap();
    up(&host);
    let (m0, m1) = (mac_of(&host, 0), mac_of(&host, 1));
    assert_ne!(m0, m1);
    let frames: Vec<Vec<u8>> = (0..100u32)
        .map(|i| frame(m1, m0, i, 60 + (i as usize * 13) % 1400))
        .collect();
    let statuses = host.adapter(0).send(&frames);
    assert_eq!(statuses, vec![NDIS_STATUS_SUCCESS; 100]);
    assert_eq!(host.adapter(0).sends_outstanding(), 0);
    assert!(host.adapter(1).wait_received(100, Duration::from_secs(10)));
    host.quiesce();
    let rx = host.adapter(1).received();
    assert_eq!(rx.len(), 100);
    for (got, want) in rx.iter().zip(&frames) {
        assert_eq!(&got.frame, want);
        assert_eq!(got.queue_id, 0);
        assert_eq!(got.filter_id, 0);
        assert_eq!(
            got.flags & 0x1C01,
            0x1C01,
            "DISPATCH|PERFECT_FILTERED|SINGLE_QUEUE|SHARED_MEMORY_INFO_VALID"
        );
        assert!(got.shared_memory.is_some());
    }
    // Adapter 0 receives nothing of its own.
    assert!(host.adapter(0).received().is_empty());
    // Every receive NBL came back.
    assert_eq!(host.adapter(1).rx_nbl_counts(), (100, 100));
    let bytes: u64 = frames.iter().map(|f| f.len() as u64).sum();
    let c0 = host.adapter(0).driver_adapter().unwrap().counters();
    let c1 = host.adapter(1).driver_adapter().unwrap().counters();
    assert_eq!((c0.tx_frames, c0.tx_bytes, c0.tx_unicast), (100, bytes, 100));
    assert_eq!(
        (c1.rx_frames, c1.rx_bytes, c1.rx_unicast, c1.rx_no_buffer),
        (100, bytes, 100, 0)
    );
    assert_eq!(c0.rx_filtered, 0);
    assert!(
        host.adapter(1).anomalies().is_empty(),
        "{:?}",
        host.adapter(1).anomalies()
    );
    host.halt().unwrap();
}
