//! VMQ through the binding's real entry points: the extensible switch's sequences against an
//! svnic adapter in hyperv-sim (simulated processors run the DPCs, the sim captures where each
//! indication ran and with which QueueId / shared memory).

use hyperv_sim::vswitch::vmq::*;
use hyperv_sim::{Host, RequestType};
use std::time::Duration;
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

fn seq_of(d: &[u8]) -> u32 {
    u32::from_be_bytes(d[14..18].try_into().unwrap())
}

/// (QueueId, affinity mask) of each queue in an ENUM_QUEUES answer.
trait EnumQueues {
    fn nic_oid_enum_queues(&self) -> Vec<(u32, u64)>;
}

impl<N: VmqNic> EnumQueues for VmqSwitch<N> {
    fn nic_oid_enum_queues(&self) -> Vec<(u32, u64)> {
        let r = self.nic().oid(
            RequestType::Query,
            svnic_miniport::vmq::ndis::OID_RECEIVE_FILTER_ENUM_QUEUES,
            &[],
            8192,
        );
        assert_eq!(r.status, NDIS_STATUS_SUCCESS);
        let at = |o: usize| u32::from_le_bytes(r.out[o..o + 4].try_into().unwrap());
        let (first, n, size) = (at(4) as usize, at(8) as usize, at(12) as usize);
        (0..n)
            .map(|i| {
                let e = first + i * size;
                (
                    at(e + 12),
                    u64::from_le_bytes(r.out[e + 24..e + 32].try_into().unwrap()),
                )
            })
            .collect()
    }
}

fn host(vmq: u32) -> Host {
    let h = Host::builder()
        .processors(2)
        .keywords(&[("*RssOrVmqPreference", 1), ("*VMQ", vmq)])
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

#[test]
fn through_the_binding_each_vm_queue_receives_its_frames_on_its_processor() {
    let h = host(1);
    let mut sw = VmqSwitch::new(h.adapter(0));
    assert!(sw.vmq_enabled());
    let ids: Vec<_> = (1..=4u8)
        .map(|i| {
            sw.connect(VmConfig {
                name: format!("vm{i}"),
                mac: vm_mac(i),
                vlan: None,
                vmq_weight: 1,
                processor: i % 2,
            })
        })
        .collect();
    assert!(ids.iter().all(|v| sw.vm(*v).queue.is_some()), "{:?}", sw.issued);
    let per_vm = 25u32;
    for i in 0..per_vm {
        for v in 1..=4u8 {
            assert!(sw.nic().wire_inject(&frame(vm_mac(v), i)));
        }
    }
    assert!(sw
        .nic()
        .wait_received((4 * per_vm) as usize, Duration::from_secs(10)));
    sw.deliver();
    for (k, id) in ids.iter().enumerate() {
        let v = sw.vm(*id);
        let q = v.queue.unwrap() as u16;
        assert_eq!(
            v.received.iter().map(|d| seq_of(d)).collect::<Vec<_>>(),
            (0..per_vm).collect::<Vec<_>>()
        );
        assert!(
            v.received_on
                .iter()
                .all(|(rq, p)| *rq == q && *p == (k as u32 + 1) % 2),
            "{:?}",
            v.received_on
        );
    }
    assert_eq!(sw.counters.frames_direct, u64::from(4 * per_vm));
    assert_eq!(sw.counters.frames_parsed, 0);
    for id in ids {
        sw.disconnect(id);
    }
    let stopped = sw
        .nic()
        .statuses()
        .iter()
        .filter(|s| s.status == svnic_miniport::vmq::ndis::NDIS_STATUS_RECEIVE_QUEUE_STATE)
        .count();
    assert_eq!(stopped, 4);
    drop(sw);
    h.halt().unwrap();
}

#[test]
fn through_the_binding_without_vmq_the_switch_parses_and_copies_every_frame() {
    let h = host(0);
    let mut sw = VmqSwitch::new(h.adapter(0));
    assert!(!sw.vmq_enabled());
    let ids: Vec<_> = (1..=4u8)
        .map(|i| {
            sw.connect(VmConfig {
                name: format!("vm{i}"),
                mac: vm_mac(i),
                vlan: None,
                vmq_weight: 1,
                processor: 0,
            })
        })
        .collect();
    for i in 0..10u32 {
        for v in 1..=4u8 {
            sw.nic().wire_inject(&frame(vm_mac(v), i));
        }
    }
    assert!(sw.nic().wait_received(40, Duration::from_secs(10)));
    sw.deliver();
    for id in &ids {
        assert_eq!(
            sw.vm(*id).received.iter().map(|d| seq_of(d)).collect::<Vec<_>>(),
            (0..10).collect::<Vec<_>>()
        );
    }
    assert_eq!(
        (
            sw.counters.frames_parsed,
            sw.counters.frames_copied,
            sw.counters.bytes_copied
        ),
        (40, 40, 40 * 64)
    );
    drop(sw);
    h.halt().unwrap();
}

#[test]
fn through_the_binding_reset_and_affinity_moves_keep_steering_in_order() {
    let h = host(1);
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
    let send = |sw: &VmqSwitch<hyperv_sim::AdapterRef<'_>>, from: u32, to: u32| {
        for i in from..to {
            sw.nic().wire_inject(&frame(vm_mac(1), i));
            let mut t = frame(vm_mac(2), i);
            t.splice(12..12, [0x81, 0x00, 0x00, 0x09]);
            sw.nic().wire_inject(&t);
        }
    };
    send(&sw, 0, 10);
    assert!(sw.nic().wait_received(20, Duration::from_secs(10)));
    sw.deliver();
    // MiniportResetEx with queues and filters in place: steering goes on.
    assert_eq!(sw.nic().reset().0, NDIS_STATUS_SUCCESS);
    send(&sw, 10, 20);
    assert!(sw.nic().wait_received(20, Duration::from_secs(10)));
    sw.deliver();
    // Dynamic VMQ through the real OID path.
    assert_eq!(sw.move_vm(a, 1), NDIS_STATUS_SUCCESS);
    assert_eq!(sw.move_vm(b, 0), NDIS_STATUS_SUCCESS);
    send(&sw, 20, 30);
    assert!(sw.nic().wait_received(20, Duration::from_secs(10)));
    sw.deliver();
    for (id, q, procs) in [(a, 1u16, [0u32, 1]), (b, 2, [1, 0])] {
        let v = sw.vm(id);
        assert_eq!(
            v.received.iter().map(|d| seq_of(d)).collect::<Vec<_>>(),
            (0..30).collect::<Vec<_>>()
        );
        assert!(v.received_on.iter().all(|(rq, _)| *rq == q));
        assert!(
            v.received_on[..20].iter().all(|(_, p)| *p == procs[0]),
            "{:?}",
            v.received_on
        );
        assert!(
            v.received_on[20..].iter().all(|(_, p)| *p == procs[1]),
            "{:?}",
            v.received_on
        );
    }
    // ENUM_QUEUES through the sim's NDIS layer reflects the moves.
    let r = sw.nic_oid_enum_queues();
    assert_eq!(r, vec![(1, 0b10), (2, 0b01)]);
    for id in [a, b] {
        sw.disconnect(id);
    }
    drop(sw);
    h.halt().unwrap();
}
