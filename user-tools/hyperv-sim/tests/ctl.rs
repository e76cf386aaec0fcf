//! The control-device protocol served in process by the binding's server.

use hyperv_sim::{demo, Host};
use svnic_abi::ctl::*;

fn request(op: CtlOp, adapter: u32, payload: &[u8]) -> Vec<u8> {
    let mut r = request_header(op, adapter, payload.len() as u32).to_vec();
    r.extend_from_slice(payload);
    r
}

#[test]
fn ctl_lists_adapters_passes_oids_injects_and_reports_counters() {
    let host = Host::builder().processors(2).adapters(2).build().unwrap();
    let (st, p) = parse_response(&host.ctl(&request(CtlOp::ListAdapters, 0, &[])))
        .map(|(s, p)| (s, p.to_vec()))
        .unwrap();
    assert_eq!(st, CtlStatus::Ok);
    assert_eq!(u32::from_le_bytes(p[..4].try_into().unwrap()), 2);
    let e1 = AdapterEntry::decode(&p[4 + ADAPTER_ENTRY_LEN..]).unwrap();
    assert_eq!((e1.index, e1.mac, e1.state), (1, [0x02, 0x5E, 0x56, 0, 0, 2], 1));

    // OID passthrough: set the packet filter, then a short query reports BytesNeeded.
    let mut set = oid_request_header(1, 0x0001_010E, 0).to_vec();
    set.extend_from_slice(&0x9u32.to_le_bytes());
    let resp = host.ctl(&request(CtlOp::Oid, 1, &set));
    let (st, p) = parse_response(&resp).unwrap();
    assert_eq!(st, CtlStatus::Ok);
    assert_eq!(parse_oid_response(p).unwrap(), (0, 0, 4, 0, &[][..]));
    let resp = host.ctl(&request(CtlOp::Oid, 1, &oid_request_header(0, 0x0101_0102, 3)));
    let (_, p) = parse_response(&resp).unwrap();
    assert_eq!(parse_oid_response(p).unwrap(), (0xC001_0014, 0, 0, 6, &[][..]));
    let resp = host.ctl(&request(CtlOp::Oid, 1, &oid_request_header(0, 0x0101_0102, 6)));
    let (_, p) = parse_response(&resp).unwrap();
    assert_eq!(
        parse_oid_response(p).unwrap(),
        (0, 6, 0, 0, &[0x02, 0x5E, 0x56, 0, 0, 2][..])
    );

    // Inject a frame on adapter 1's wire: it is indicated with exact contents.
    let mut f = vec![0x02, 0x5E, 0x56, 0, 0, 2, 0x02, 0, 0, 0, 0, 9, 0x88, 0xB5];
    f.resize(100, 0x3C);
    let (st, _) = parse_response(&host.ctl(&request(CtlOp::Inject, 1, &f)))
        .map(|(s, p)| (s, p.len()))
        .unwrap();
    assert_eq!(st, CtlStatus::Ok);
    assert!(host
        .adapter(1)
        .wait_received(1, std::time::Duration::from_secs(10)));
    assert_eq!(host.adapter(1).received()[0].frame, f);
    host.quiesce();

    let resp = host.ctl(&request(CtlOp::Counters, 1, &[]));
    let (st, c) = parse_response(&resp).unwrap();
    assert_eq!(st, CtlStatus::Ok);
    let idx = |n: &str| COUNTER_NAMES.iter().position(|x| *x == n).unwrap();
    assert_eq!(counter(c, idx("rx_frames")), Some(1));
    assert_eq!(counter(c, idx("rx_bytes")), Some(100));
    assert_eq!(counter(c, idx("nbls_indicated")), Some(1));
    assert_eq!(counter(c, idx("nbls_returned")), Some(1));

    let resp = host.ctl(&request(CtlOp::Snapshot, 1, &[]));
    let (st, s) = parse_response(&resp).unwrap();
    assert_eq!(st, CtlStatus::Ok);
    let s = Snapshot::decode(s).unwrap();
    assert_eq!(
        (
            s.state,
            s.outstanding,
            s.packet_filter,
            s.mtu,
            s.indicated,
            s.returned
        ),
        (1, 1, 9, 1500, 1, 1)
    );
    host.halt().unwrap();
}

#[test]
fn malformed_ctl_requests_get_clear_errors() {
    let host = Host::builder().processors(1).adapters(1).build().unwrap();
    let status = |b: &[u8]| parse_response(&host.ctl(b)).unwrap().0;
    assert_eq!(status(&[]), CtlStatus::BadMagic);
    assert_eq!(status(b"hello world, this is not a request"), CtlStatus::BadMagic);
    let mut r = request(CtlOp::Counters, 0, &[]);
    r[4] = 7;
    assert_eq!(status(&r), CtlStatus::BadVersion);
    let mut r = request(CtlOp::Counters, 0, &[]);
    r[6] = 0x55;
    assert_eq!(status(&r), CtlStatus::UnknownOp);
    assert_eq!(
        status(&request(CtlOp::Counters, 9, &[])),
        CtlStatus::NoSuchAdapter
    );
    assert_eq!(status(&request(CtlOp::Counters, 0, &[1])), CtlStatus::Malformed);
    assert_eq!(
        status(&request(CtlOp::Inject, 0, &[1, 2, 3])),
        CtlStatus::Malformed
    );
    assert_eq!(status(&request(CtlOp::Oid, 0, &[1, 2, 3])), CtlStatus::Malformed);
    let mut r = request(CtlOp::Inject, 0, &[0; 20]);
    r.truncate(30);
    assert_eq!(status(&r), CtlStatus::Malformed);
    // Every truncation and a byte flip at every position: an answer, never a crash.
    let good = request(CtlOp::Oid, 0, &oid_request_header(0, 0x0001_0101, 512));
    for cut in 0..good.len() {
        assert_ne!(status(&good[..cut]), CtlStatus::Ok);
    }
    for i in 0..good.len() {
        let mut b = good.clone();
        b[i] ^= 0xA5;
        let _ = parse_response(&host.ctl(&b)).unwrap();
    }
    host.halt().unwrap();
}

#[test]
fn demo_report_shows_exact_exchange_and_clean_halt() {
    let r = demo::report_two_adapters().unwrap();
    assert!(r.contains("2 adapters on one hub"), "{r}");
    assert!(r.contains("adapter 1 indicated 5 frames"), "{r}");
    assert!(r.contains("adapter 0 indicated 3 frames"), "{r}");
    assert!(!r.contains("MISMATCH"), "{r}");
    assert!(r.contains("nothing outstanding"), "{r}");
}
