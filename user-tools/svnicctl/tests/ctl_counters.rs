//! The control device's counters as svnicctl decodes and prints them: the bytes the binding's
//! real server answers (hyperv-sim `Host::ctl`), an older driver's shorter reply, a malformed
//! one, and `svnicctl stats` (JSON key and text line).
#![cfg(not(windows))]

// svnicctl is a binary: its decoder is compiled into this test as it is into the tool.
#[allow(dead_code)]
#[path = "../src/decode.rs"]
mod decode;

use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

use hyperv_sim::{Host, RequestType};
use serde_json::Value;
use svnic_abi::ctl::*;

const OID_802_3_CURRENT_ADDRESS: u32 = 0x0101_0102;

fn mac(host: &Host, i: usize) -> [u8; 6] {
    let r = host
        .adapter(i)
        .oid(RequestType::Query, OID_802_3_CURRENT_ADDRESS, &[], 6);
    assert_eq!(r.status, 0);
    r.out[..6].try_into().unwrap()
}

fn frame(dst: [u8; 6], src: [u8; 6], seq: u8) -> Vec<u8> {
    let mut f = dst.to_vec();
    f.extend_from_slice(&src);
    f.extend_from_slice(&[0x88, 0xB5, seq]);
    f.resize(64, seq);
    f
}

/// The Counters payload the driver answers for adapter 0 of a VMQ host after two sends on the
/// default queue and three naming QueueId 5, which was never allocated.
fn payload_after_sanitized_sends() -> Vec<u8> {
    let host = Host::builder()
        .processors(2)
        .adapters(2)
        .keywords(&[("*RssOrVmqPreference", 1), ("*VMQ", 1)])
        .build()
        .unwrap();
    let (own, peer) = (mac(&host, 0), mac(&host, 1));
    let a = host.adapter(0);
    assert_eq!(
        a.send_filtered(&[frame(peer, own, 0), frame(peer, own, 1)], 0),
        vec![0; 2]
    );
    let bad: Vec<_> = (2..5).map(|i| frame(peer, own, i)).collect();
    assert_eq!(a.send_filtered(&bad, 5), vec![0; 3]);
    drop(a);
    let req = request_header(CtlOp::Counters, 0, 0);
    let resp = host.ctl(&req);
    let (st, p) = parse_response(&resp).unwrap();
    assert_eq!(st, CtlStatus::Ok);
    let p = p.to_vec();
    host.halt().unwrap();
    p
}

fn value(c: &[(&str, Option<u64>)], name: &str) -> Option<u64> {
    c.iter().find(|(n, _)| *n == name).unwrap().1
}

#[test]
fn the_driver_counters_reply_decodes_sends_target_sanitized_with_its_exact_count() {
    let p = payload_after_sanitized_sends();
    assert_eq!(counter_count(&p), Some(COUNTER_NAMES.len()));
    let c = decode::decode_counters(&p).unwrap();
    assert_eq!(c.len(), COUNTER_NAMES.len());
    assert_eq!(value(&c, "sends_target_sanitized"), Some(3));
    assert_eq!(value(&c, "tx_frames"), Some(5));
    assert_eq!(value(&c, "sends_rejected_paused"), Some(0));
    let j = decode::counters_json("svnic0", &c);
    assert_eq!(j["Adapter"], "svnic0");
    assert_eq!(j["SendsTargetSanitized"], 3);
    assert_eq!(j["TxFrames"], 5);
    let t = decode::counters_text("svnic0", &c);
    assert!(t.starts_with("Adapter              : svnic0\n"), "{t}");
    assert!(t.contains("\nSendsTargetSanitized : 3\n"), "{t}");
    assert!(t.contains("\nTxFrames             : 5\n"), "{t}");
}

#[test]
fn an_older_drivers_shorter_counters_reply_decodes_with_the_new_counter_absent() {
    // What a driver from before sends_target_sanitized answers: the same first 19 values.
    let new = payload_after_sanitized_sends();
    let mut old = (COUNTERS_V1_COUNT as u32).to_le_bytes().to_vec();
    old.extend_from_slice(&new[4..4 + 8 * COUNTERS_V1_COUNT]);
    let c = decode::decode_counters(&old).unwrap();
    assert_eq!(c.len(), COUNTER_NAMES.len());
    assert_eq!(value(&c, "sends_target_sanitized"), None);
    assert_eq!(value(&c, "tx_frames"), Some(5));
    assert_eq!(
        decode::counters_json("svnic0", &c)["SendsTargetSanitized"],
        Value::Null
    );
    assert!(decode::counters_text("svnic0", &c)
        .contains("\nSendsTargetSanitized : (not reported by this driver)\n"));
    // A newer driver's extra value past the names this svnicctl knows is left out.
    let mut newer = ((COUNTER_NAMES.len() + 1) as u32).to_le_bytes().to_vec();
    newer.extend_from_slice(&new[4..]);
    newer.extend_from_slice(&42u64.to_le_bytes());
    let c = decode::decode_counters(&newer).unwrap();
    assert_eq!(c.len(), COUNTER_NAMES.len());
    assert_eq!(value(&c, "sends_target_sanitized"), Some(3));
}

#[test]
fn a_counters_reply_whose_length_disagrees_with_its_count_is_refused() {
    let p = payload_after_sanitized_sends();
    for bad in [&p[..p.len() - 1], &p[..3], &[]] {
        let e = decode::decode_counters(bad).unwrap_err();
        assert!(e.contains("malformed Counters answer"), "{e}");
    }
    let mut long = p.clone();
    long.push(0);
    assert!(decode::decode_counters(&long).is_err());
}

#[test]
fn svnicctl_stats_prints_every_adapters_driver_counters_as_json_keys_and_text_lines() {
    static N: AtomicU32 = AtomicU32::new(0);
    let host = Host::builder().processors(4).adapters(2).build().unwrap();
    let m = mac(&host, 0)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join("-");
    host.halt().unwrap();
    let path = std::env::temp_dir().join(format!(
        "svnicctl-ctl-counters-{}-{}.toml",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(
        &path,
        format!(
            "processors = 4\n\n[[adapter]]\nname = \"svnic0\"\n\n[[adapter]]\nname = \"svnic1\"\n\n\
             [[traffic]]\nto = \"{m}\"\ncount = 7\nlen = 100\n"
        ),
    )
    .unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_svnicctl"))
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let p = path.to_str().unwrap();
    let v: Value = serde_json::from_str(&run(&["--json", "--scenario", p, "stats"])).unwrap();
    let text = run(&["--scenario", p, "stats"]);
    let _ = std::fs::remove_file(&path);
    let d = v["Driver"].as_array().unwrap();
    assert_eq!(d.len(), 2);
    assert_eq!(
        (d[0]["Adapter"].as_str(), d[1]["Adapter"].as_str()),
        (Some("svnic0"), Some("svnic1"))
    );
    assert_eq!(d[0]["RxFrames"], 7);
    assert_eq!(d[0]["RxBytes"], 700);
    assert_eq!(d[0]["SendsTargetSanitized"], 0);
    assert_eq!(d[1]["SendsTargetSanitized"], 0);
    assert_eq!(d[0].as_object().unwrap().len(), 1 + COUNTER_NAMES.len());
    assert!(
        text.contains("Driver counters (control device)\nAdapter              : svnic0\n"),
        "{text}"
    );
    assert_eq!(text.matches("\nSendsTargetSanitized : 0\n").count(), 2, "{text}");
    assert!(text.contains("\nRxFrames             : 7\n"), "{text}");
}
