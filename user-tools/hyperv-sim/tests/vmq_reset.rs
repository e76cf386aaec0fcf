//! Spec 5 item 16 through the binding: MiniportResetEx (the driver's real entry point) during
//! traffic with VM queues and filters allocated (docs/vmq.md "Reset").

use hyperv_sim::vswitch::vmq::*;
use hyperv_sim::{Host, RequestType};
use std::time::{Duration, Instant};
use svnic_abi::status::*;

const OID_GEN_CURRENT_PACKET_FILTER: u32 = 0x0001_010E;
const PROMISCUOUS_DIRECTED_BROADCAST: u32 = 0x20 | 0x1 | 0x8;

fn vm_mac(i: u8) -> [u8; 6] {
    [0x00, 0x15, 0x5d, 0x00, 0x02, i]
}

fn frame(dst: [u8; 6], seq: u32) -> Vec<u8> {
    let mut f = dst.to_vec();
    f.extend_from_slice(&[0x02, 0, 0, 0, 0, 0x77, 0x08, 0x00]);
    f.extend_from_slice(&seq.to_be_bytes());
    f.resize(64, 0xAB);
    f
}

fn tagged(dst: [u8; 6], seq: u32, vid: u8) -> Vec<u8> {
    let mut t = frame(dst, seq);
    t.splice(12..12, [0x81, 0x00, 0x00, vid]);
    t
}

fn seq_of(d: &[u8]) -> u32 {
    u32::from_be_bytes(d[14..18].try_into().unwrap())
}

fn host() -> Host {
    let h = Host::builder()
        .processors(2)
        .keywords(&[("*RssOrVmqPreference", 1), ("*VMQ", 1)])
        .build()
        .unwrap();
    let r = h.adapter(0).oid(
        RequestType::Set,
        OID_GEN_CURRENT_PACKET_FILTER,
        &PROMISCUOUS_DIRECTED_BROADCAST.to_le_bytes(),
        0,
    );
    assert_eq!(r.status, NDIS_STATUS_SUCCESS);
    h
}

/// Frames with sequence numbers in `range` a VM received, with the QueueId they came on.
fn seqs_in(v: &Vm, range: std::ops::Range<u32>) -> Vec<(u32, u16)> {
    v.received
        .iter()
        .zip(&v.received_on)
        .map(|(d, (q, _))| (seq_of(d), *q))
        .filter(|(s, _)| range.contains(s))
        .collect()
}

#[test]
fn through_the_binding_reset_during_traffic_keeps_queues_steering_without_readdressing_and_halts_leak_free() {
    let h = host();
    let mut sw = VmqSwitch::new(h.adapter(0));
    let a = sw.connect(VmConfig {
        name: "a".into(),
        mac: vm_mac(1),
        vlan: None,
        vmq_weight: 1,
        processor: 0,
    });
    let b = sw.connect(VmConfig {
        name: "b".into(),
        mac: vm_mac(2),
        vlan: Some(9),
        vmq_weight: 1,
        processor: 1,
    });
    assert_eq!((sw.vm(a).queue, sw.vm(b).queue), (Some(1), Some(2)));
    let nic = h.adapter(0);
    let send = |from: u32, to: u32| {
        for i in from..to {
            nic.wire_inject(&frame(vm_mac(1), i));
            nic.wire_inject(&tagged(vm_mac(2), i, 9));
        }
    };
    send(0, 10);
    assert!(sw.nic().wait_received(20, Duration::from_secs(10)));
    sw.deliver();

    // Resets while another thread keeps the wire busy: every one succeeds, synchronously, and
    // asks NDIS to restore nothing (AddressingReset FALSE: the miniport re-programs filters).
    let resets = std::thread::scope(|s| {
        // Paced (8 frames per VM, then a pause) so the rings never run out of buffers: what is
        // dropped then is only what the resets drop.
        let traffic = s.spawn(|| {
            for base in (1000..1200).step_by(8) {
                send(base, base + 8);
                std::thread::sleep(Duration::from_millis(1));
            }
        });
        let mut resets = Vec::new();
        for _ in 0..5 {
            resets.push(nic.reset());
            std::thread::sleep(Duration::from_millis(3));
        }
        traffic.join().unwrap();
        resets
    });
    assert_eq!(resets, vec![(NDIS_STATUS_SUCCESS, false); 5]);

    // Settle: every indicated NBL back (the rings full of buffers again).
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        sw.deliver();
        let (indicated, returned) = nic.rx_nbl_counts();
        if indicated == returned || Instant::now() > deadline {
            assert_eq!(indicated, returned, "NBLs not returned");
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    // After the resets, without NDIS re-creating anything: each VM's frames come on its queue.
    send(2000, 2010);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        sw.deliver();
        let done = [a, b]
            .iter()
            .all(|&id| seqs_in(sw.vm(id), 2000..2010).len() == 10);
        if done || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    for (id, q) in [(a, 1u16), (b, 2u16)] {
        let v = sw.vm(id);
        assert_eq!(
            seqs_in(v, 0..10),
            (0..10).map(|s| (s, q)).collect::<Vec<_>>(),
            "before the reset"
        );
        assert_eq!(
            seqs_in(v, 2000..2010),
            (2000..2010).map(|s| (s, q)).collect::<Vec<_>>(),
            "after the reset"
        );
        // Frames that arrived during the resets reached only their own VM (on its queue, or on
        // the default queue while the filters were out of the hardware), each at most once.
        let mut during: Vec<u32> = seqs_in(v, 1000..1200).iter().map(|(s, _)| *s).collect();
        let n = during.len();
        during.sort();
        during.dedup();
        assert_eq!(during.len(), n, "a frame delivered twice");
        assert!(seqs_in(v, 1000..1200).iter().all(|(_, rq)| *rq == q || *rq == 0));
    }

    // The queues NDIS knows are the ones it allocated; OIDs are accepted again.
    let adapter = sw.nic().driver_adapter().unwrap();
    let queues: Vec<_> = adapter
        .vmq()
        .queues()
        .iter()
        .map(|q| (q.queue_id, q.num_filters))
        .collect();
    assert_eq!(queues, vec![(1, 1), (2, 1)]);
    assert!(!adapter.vmq().resetting());
    assert_eq!(sw.move_vm(a, 1), NDIS_STATUS_SUCCESS);
    send(3000, 3005);
    assert!(sw.nic().wait_received(10, Duration::from_secs(10)));
    sw.deliver();
    assert_eq!(
        seqs_in(sw.vm(a), 3000..3005),
        (3000..3005).map(|s| (s, 1)).collect::<Vec<_>>()
    );
    assert_eq!(
        (adapter.vmq().stale_returns(), adapter.vmq().double_returns()),
        (0, 0)
    );
    drop(adapter);
    for id in [a, b] {
        sw.disconnect(id);
    }
    assert!(sw
        .issued
        .iter()
        .all(|o| o.status == NDIS_STATUS_SUCCESS || o.status == NDIS_STATUS_PENDING));
    drop(sw);
    h.halt().unwrap();
}

#[test]
fn through_the_binding_a_free_queue_pended_on_held_nbls_is_aborted_by_reset_and_its_memory_freed_at_the_last_return(
) {
    let h = host();
    let nic = h.adapter(0);
    let mut sw = VmqSwitch::new(h.adapter(0));
    let a = sw.connect(VmConfig {
        name: "a".into(),
        mac: vm_mac(1),
        vlan: None,
        vmq_weight: 1,
        processor: 1,
    });
    assert_eq!(sw.vm(a).queue, Some(1));
    nic.hold_returns(true);
    for i in 0..4 {
        nic.wire_inject(&frame(vm_mac(1), i));
    }
    assert!(nic.wait_received(4, Duration::from_secs(10)));
    let pended_before = nic.pended_oids();
    let adapter = nic.driver_adapter().unwrap();
    std::thread::scope(|s| {
        // The switch disconnects the VM: CLEAR_FILTER, then FREE_QUEUE pends on the 4 held NBLs.
        let switch = s.spawn(|| sw.disconnect(a));
        let deadline = Instant::now() + Duration::from_secs(10);
        while nic.pended_oids() == pended_before && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(nic.pended_oids(), pended_before + 1, "FREE_QUEUE did not pend");
        assert_eq!(nic.reset(), (NDIS_STATUS_SUCCESS, false));
        switch.join().unwrap();
    });
    let free = sw.issued.last().copied().unwrap();
    assert_eq!(
        (free.oid, free.queue_id, free.status),
        (
            svnic_miniport::vmq::ndis::OID_RECEIVE_FILTER_FREE_QUEUE,
            1,
            NDIS_STATUS_REQUEST_ABORTED
        )
    );
    // NBLs still point into the queue's memory: it is kept until they come back.
    let q = adapter.vmq().queue_snapshot(1).unwrap();
    assert_eq!(q.state, svnic_miniport::vmq::state::QueueState::Freeing);
    assert_eq!(adapter.vmq().rx_stats(1).outstanding, 4);
    assert_eq!(adapter.vmq().rx_stats(1).dma_stopped_indications, 1);
    nic.hold_returns(false);
    assert_eq!(nic.release_held(), 4);
    assert!(adapter.vmq().queue_snapshot(1).is_none());
    assert_eq!(adapter.vmq().rx_stats(1).outstanding, 0);
    assert_eq!(adapter.vmq().rx_stats(1).dma_stopped_indications, 1);
    assert_eq!(
        (adapter.vmq().stale_returns(), adapter.vmq().double_returns()),
        (0, 0)
    );
    drop(adapter);
    drop(sw);
    h.halt().unwrap();
}
