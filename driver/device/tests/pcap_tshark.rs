//! What a device sends through a `PcapWire` is read back by tshark field by field.

mod common;

use std::process::Command;
use std::sync::Arc;

use common::*;
use svnic_device::pcap::PcapWire;
use svnic_device::*;

#[test]
fn pcap_of_switched_frames_reads_back_in_tshark() {
    let tshark = std::path::Path::new("/usr/bin/tshark");
    if !tshark.exists() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "tshark is required in CI"
        );
        eprintln!("tshark not installed: skipping the tshark read-back (not CI)");
        return;
    }
    let (dev, _) = device(DeviceConfig {
        total_vfs: 2,
        pf_queues: 2,
        ..DeviceConfig::default()
    });
    let pcap = Arc::new(PcapWire::new(CaptureWire::new(), Vec::<u8>::new()));
    dev.attach_wire(pcap.clone(), 1);
    let q = dev.layout().pf_queue(1).unwrap();
    dev.update_pool(q, |p| p.tx_enable = true).unwrap();
    let sent = [
        (mac(0x10), mac(0x01), None, 60usize),
        ([0xff; 6], mac(0x01), Some(0x0005u16), 64),
        ([0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb], mac(0x01), None, 1514),
    ];
    for (i, (d, s, tci, len)) in sent.iter().enumerate() {
        pcap.set_time_us(1_000_000 + i as u64 * 250);
        assert!(matches!(
            dev.transmit(q, &frame(*d, *s, None, *len), *tci),
            TxOutcome::Sent { wire: true, .. }
        ));
    }
    let bytes = pcap.with_sink(|v| v.clone());
    let dir = std::env::temp_dir().join(format!("svnic-device-pcap-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("out.pcap");
    std::fs::write(&path, &bytes).unwrap();
    let out = Command::new(tshark)
        .args(["-r"])
        .arg(&path)
        .args([
            "-T",
            "fields",
            "-E",
            "separator=;",
            "-e",
            "eth.dst",
            "-e",
            "eth.src",
            "-e",
            "vlan.id",
            "-e",
            "frame.len",
            "-e",
            "frame.time_epoch",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "tshark failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    let fields: Vec<Vec<&str>> = lines.iter().map(|l| l.split(';').collect()).collect();
    assert_eq!(
        fields[0][..4],
        ["02:00:00:00:00:10", "02:00:00:00:00:01", "", "60"]
    );
    assert_eq!(
        fields[1][..4],
        ["ff:ff:ff:ff:ff:ff", "02:00:00:00:00:01", "5", "68"]
    );
    assert_eq!(
        fields[2][..4],
        ["01:00:5e:00:00:fb", "02:00:00:00:00:01", "", "1514"]
    );
    assert!(fields[1][4].starts_with("1.000250"), "{}", fields[1][4]);
    // The wrapped wire still got every frame.
    assert_eq!(pcap.inner().len(), 3);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn pcap_written_straight_to_a_file_reads_back_in_tshark() {
    let tshark = std::path::Path::new("/usr/bin/tshark");
    if !tshark.exists() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "tshark is required in CI"
        );
        eprintln!("tshark not installed: skipping the tshark read-back (not CI)");
        return;
    }
    let dir = std::env::temp_dir().join(format!("svnic-device-pcap-io-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("hub.pcap");
    let file = std::fs::File::create(&path).unwrap();
    let (a, _) = device(DeviceConfig {
        total_vfs: 0,
        pf_queues: 1,
        ..DeviceConfig::default()
    });
    let (b, _) = device(DeviceConfig {
        total_vfs: 0,
        pf_queues: 1,
        ..DeviceConfig::default()
    });
    let hub = Arc::new(Hub::new());
    let pa = hub.connect(Arc::downgrade(&a) as std::sync::Weak<dyn WirePort>);
    let pb = hub.connect(Arc::downgrade(&b) as std::sync::Weak<dyn WirePort>);
    let pcap = Arc::new(PcapWire::new(
        hub.clone(),
        svnic_device::pcap::IoSink(std::io::BufWriter::new(file)),
    ));
    a.attach_wire(pcap.clone(), pa);
    b.attach_wire(hub.clone(), pb);
    ready_queue(&b, QueueId::DEFAULT, 4);
    let q = a.layout().pf_queue(1).unwrap();
    a.update_pool(q, |p| p.tx_enable = true).unwrap();
    a.transmit(q, &frame(mac(0x0b), mac(0x0a), None, 99), None);
    pcap.flush();
    // Through the pcap wrapper, onto the hub, into device B.
    assert_eq!(drain(&b, QueueId::DEFAULT).len(), 1);
    let out = Command::new(tshark)
        .arg("-r")
        .arg(&path)
        .args([
            "-T",
            "fields",
            "-E",
            "separator=;",
            "-e",
            "eth.dst",
            "-e",
            "eth.src",
            "-e",
            "frame.len",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "tshark failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "02:00:00:00:00:0b;02:00:00:00:00:0a;99\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
