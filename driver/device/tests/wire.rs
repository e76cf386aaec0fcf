//! Wire backends: the hub connects several devices (what one sends reaches all others, never
//! itself), the loopback reflects a device's frames into its own receive path, the null wire
//! swallows frames.

mod common;

use std::sync::Arc;

use common::*;
use svnic_device::*;

#[test]
fn hub_delivers_a_frame_sent_by_one_device_to_every_other_device_only() {
    let hub = Arc::new(Hub::new());
    let devs: Vec<Arc<Device>> = (0..3)
        .map(|i| {
            let (d, _) = device(DeviceConfig {
                pf_mac: mac(0x40 + i),
                total_vfs: 0,
                pf_queues: 2,
                ..DeviceConfig::default()
            });
            let port = hub.connect(Arc::downgrade(&d) as std::sync::Weak<dyn WirePort>);
            d.attach_wire(hub.clone(), port);
            ready_queue(&d, QueueId::DEFAULT, 8);
            d
        })
        .collect();
    let q = devs[0].layout().pf_queue(1).unwrap();
    devs[0].update_pool(q, |p| p.tx_enable = true).unwrap();
    assert_eq!(
        devs[0].transmit(q, &frame([0xff; 6], mac(0x40), None, 60), None),
        TxOutcome::Sent { local: 1, wire: true }
    );
    // The sender's own default pool got the local copy; the others got it from the wire.
    for d in &devs {
        let c = drain(d, QueueId::DEFAULT);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].kind, FrameKind::Broadcast);
    }
    assert_eq!(devs[0].device_counters().wire_rx_frames, 0);
    assert_eq!(devs[1].device_counters().wire_rx_frames, 1);
    assert_eq!(devs[2].device_counters().wire_rx_frames, 1);
    // A unicast for device 2's default queue: device 1 sees it too (a hub floods), as unmatched
    // unicast into its default queue.
    let q1 = devs[1].layout().pf_queue(1).unwrap();
    devs[1].update_pool(q1, |p| p.tx_enable = true).unwrap();
    devs[1].transmit(q1, &frame(mac(0x42), mac(0x41), None, 60), None);
    assert_eq!(drain(&devs[2], QueueId::DEFAULT).len(), 1);
    assert_eq!(drain(&devs[0], QueueId::DEFAULT).len(), 1);
    assert_eq!(drain(&devs[1], QueueId::DEFAULT).len(), 0);
}

#[test]
fn loopback_wire_reflects_sent_frames_into_the_senders_receive_path() {
    let (dev, _) = device(DeviceConfig {
        total_vfs: 0,
        pf_queues: 2,
        ..DeviceConfig::default()
    });
    let lo = Arc::new(LoopbackWire::new());
    lo.connect(Arc::downgrade(&dev) as std::sync::Weak<dyn WirePort>);
    dev.attach_wire(lo, 0);
    let q = dev.layout().pf_queue(1).unwrap();
    let q2 = dev.layout().pf_queue(2).unwrap();
    dev.update_pool(q, |p| p.tx_enable = true).unwrap();
    ready_queue(&dev, q2, 4);
    dev.add_filter(mac(0x50), VlanMatch::Vid(9), q2).unwrap();
    // Unknown destination leaves on the wire and comes back: still unknown -> default queue.
    ready_queue(&dev, QueueId::DEFAULT, 4);
    assert_eq!(
        dev.transmit(q, &frame(mac(0x51), mac(1), None, 60), None),
        TxOutcome::Sent { local: 0, wire: true }
    );
    assert_eq!(drain(&dev, QueueId::DEFAULT).len(), 1);
    // A local destination never reaches the wire, so nothing loops.
    assert_eq!(
        dev.transmit(q, &frame(mac(0x50), mac(1), None, 60), Some(9)),
        TxOutcome::Sent {
            local: 1,
            wire: false
        }
    );
    assert_eq!(drain(&dev, q2).len(), 1);
    assert_eq!(dev.device_counters().wire_rx_frames, 1);
    assert_eq!(dev.device_counters().wire_tx_frames, 1);
}

#[test]
fn null_wire_counts_frames_as_sent_and_delivers_nothing() {
    let (dev, _) = device(DeviceConfig {
        total_vfs: 0,
        pf_queues: 1,
        ..DeviceConfig::default()
    });
    dev.attach_wire(Arc::new(NullWire), 0);
    let q = dev.layout().pf_queue(1).unwrap();
    dev.update_pool(q, |p| p.tx_enable = true).unwrap();
    ready_queue(&dev, QueueId::DEFAULT, 4);
    assert_eq!(
        dev.transmit(q, &frame(mac(0x51), mac(1), None, 100), None),
        TxOutcome::Sent { local: 0, wire: true }
    );
    let c = dev.device_counters();
    assert_eq!((c.wire_tx_frames, c.wire_tx_bytes, c.wire_rx_frames), (1, 100, 0));
    assert!(drain(&dev, QueueId::DEFAULT).is_empty());
}
