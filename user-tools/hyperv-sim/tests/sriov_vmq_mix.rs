//! SR-IOV + VMQ through the binding's real entry points (spec 1.12 row (1,1,1,1,-), spec 2.4 "If
//! SR-IOV and VMQ both enabled, PF non-default VPorts replace VM queues", spec 2.6 PF-vPort flow):
//! Hyper-V's IOV switch (`vswitch::iov::IovSwitch`) gives VMs with an IovWeight VFs and VMs with a
//! VmqWeight PF non-default vPorts, moves a PF vPort between processors (dynamic VMQ), and leaves
//! VMs on the default vPort when PF vPorts run out.

mod iov_mix_common;
use iov_mix_common::*;
use std::time::Duration;

use hyperv_sim::vswitch::guest::BoundGuestVm;
use hyperv_sim::vswitch::iov::*;
use hyperv_sim::{AdapterRef, Host, RequestType};
use svnic_abi::oid::OID_GEN_CURRENT_PACKET_FILTER;
use svnic_abi::status::*;
use svnic_miniport::sriov::abi::*;
use svnic_miniport::sriov::switch::{Attach, VPortState};

use RequestType::{Method as M, Set as S};

fn mac(n: u8) -> [u8; 6] {
    [2, 0, 0x5e, 0, 7, n]
}

fn vm(name: &str, n: u8, iov_weight: u32) -> IovVm {
    IovVm {
        name: name.into(),
        mac: mac(n),
        vlan: None,
        iov_weight,
    }
}

fn oids(trace: &[Issued]) -> Vec<(RequestType, u32, u32)> {
    trace.iter().map(|i| (i.request_type, i.oid, i.status)).collect()
}

#[test]
fn four_vms_on_vfs_and_four_on_pf_vports_each_receive_exactly_their_frames() {
    let h = host_with(1);
    let pf = h.adapter(0);
    let mut sw = switch(&h, 1000);
    assert!(sw.pf_vports_for_vmq(), "SR-IOV + VMQ: VM queues enabled");
    // VMs 0..4 on VFs 0..4 (vPorts 1..=4); VMs 4..8 on PF vPorts 5..=8, two per processor.
    let guests = place_vms(&h, &mut sw, 4, 4, vm);

    // The VF share alone, interleaved over the four VFs: no PF DPC runs, nothing reaches the PF's
    // receive path or the switch, until each guest takes its own interrupt.
    let host_dpcs: u64 = h.dpcs_run().iter().sum();
    let pf_dpcs = pf_dpc_runs(&h);
    let counters = sw.counters();
    let mut seq = 0u32;
    let mut want: Vec<Vec<u32>> = vec![vec![]; 9];
    for _ in 0..10 {
        for i in 0..4u8 {
            assert!(pf.wire_inject(&frame(mac(i), seq)));
            want[usize::from(i)].push(seq);
            seq += 1;
        }
    }
    h.quiesce();
    assert_eq!(h.dpcs_run().iter().sum::<u64>(), host_dpcs, "no DPC ran");
    assert_eq!(pf_dpc_runs(&h), pf_dpcs, "no PF DPC ran for VF frames");
    assert_eq!(sw.deliver(), 0, "the PF indicated nothing");
    assert_eq!(sw.counters(), counters, "the switch parsed and copied nothing");
    for (i, g) in guests.iter().enumerate() {
        assert!(g.adapter().deliver_interrupt(GUEST_CPU));
        assert!(g.adapter().wait_received(10, WAIT), "guest {i}");
    }
    h.quiesce();
    assert_eq!(pf_dpc_runs(&h), pf_dpcs, "guest DPCs are not the PF's");

    // All nine destinations interleaved: 4 VFs, 4 PF vPorts, an unknown unicast MAC.
    for _ in 0..40 {
        for i in 0..9u8 {
            let dst = if i == 8 { mac(200) } else { mac(i) };
            assert!(pf.wire_inject(&frame(dst, seq)));
            want[usize::from(i)].push(seq);
            seq += 1;
        }
    }
    for g in &guests {
        assert!(g.adapter().deliver_interrupt(GUEST_CPU));
        assert!(g.adapter().wait_received(50, WAIT));
    }
    assert!(pf.wait_received(4 * 40 + 40, WAIT));
    h.quiesce();

    // The PF indicated exactly the PF-vPort and default-vPort frames: no VF frame among them.
    let captured = pf.received();
    assert_eq!(captured.len(), 4 * 40 + 40);
    for r in &captured {
        let to_vf = (0..4u8).any(|i| r.frame[..6] == mac(i));
        assert!(!to_vf, "a VF frame reached the PF: {r:?}");
        assert_eq!(r.filter_id, 0);
        if r.vport_id != 0 {
            assert!(r.shared_memory.is_some(), "PF vPort frames in the vPort's memory");
        }
    }
    assert_eq!(sw.deliver(), 200);
    assert_eq!(
        sw.counters(),
        IovSwitchCounters {
            frames_parsed: 40,
            frames_copied: 0,
            bytes_copied: 0,
            frames_direct: 160,
            frames_unclaimed: 40,
            frames_misrouted: 0,
        },
        "only the unknown MAC was parsed; nothing was copied"
    );
    for i in 4..8u8 {
        let name = format!("pf{i}");
        let rx = sw.received(&name).unwrap();
        assert_eq!(
            rx.iter().map(|r| seq_of(&r.frame)).collect::<Vec<_>>(),
            want[usize::from(i)],
            "{name}: exactly its frames, in order"
        );
        for r in rx {
            assert_eq!(&r.frame[..6], &mac(i));
            assert_eq!(
                (r.vport_id, r.processor, r.copied),
                (1 + u16::from(i), u32::from(i % 2), false),
                "{name}"
            );
        }
    }
    for (i, g) in guests.iter().enumerate() {
        let rx = g.adapter().received();
        assert_eq!(
            rx.iter().map(|r| seq_of(&r.frame)).collect::<Vec<_>>(),
            want[i],
            "guest {i}: exactly its frames, in order"
        );
        assert!(rx
            .iter()
            .all(|r| r.frame[..6] == mac(i as u8) && r.vport_id == 0 && r.processor == GUEST_CPU));
    }
    assert_eq!(want[8].len(), 40);

    // Teardown: guests halt (their NBLs all back), the switch stops every VM, the PF halts clean.
    for g in guests {
        let a = g.adapter();
        let (ind, ret) = a.rx_nbl_counts();
        assert_eq!((ind, ret), (50, 50));
        assert_eq!(g.halt(), Ok(()));
    }
    sw.halt().unwrap();
    assert!(
        sw.trace().iter().all(|i| i.status == NDIS_STATUS_SUCCESS),
        "{:x?}",
        sw.trace()
    );
    let (ind, ret) = pf.rx_nbl_counts();
    assert_eq!(ind, ret, "every NBL the PF indicated came back");
    assert_eq!(pf.halt(), Ok(()), "leak-checked PF halt");
    h.halt().unwrap();
}

#[test]
fn vmq_vm_on_an_iov_switch_gets_a_pf_vport_in_the_documented_order() {
    let h = host_with(1);
    let mut sw = switch(&h, 40);
    assert_eq!(
        sw.connect_vmq(vm("vmq", 1, 0), vmq(1)),
        Ok(IovPath::PfVPort { vport: 1 })
    );
    assert_eq!(sw.path("vmq"), Some(IovPath::PfVPort { vport: 1 }));
    assert_eq!(
        oids(sw.trace()),
        vec![
            (M, OID_NIC_SWITCH_CREATE_SWITCH, NDIS_STATUS_SUCCESS),
            (S, OID_GEN_CURRENT_PACKET_FILTER, NDIS_STATUS_SUCCESS),
            (M, OID_NIC_SWITCH_CREATE_VPORT, NDIS_STATUS_SUCCESS),
            (S, OID_NIC_SWITCH_VPORT_PARAMETERS, NDIS_STATUS_SUCCESS),
            (M, OID_RECEIVE_FILTER_SET_FILTER, NDIS_STATUS_SUCCESS),
        ]
    );
    let ad = h.adapter(0).driver_adapter().unwrap();
    ad.sriov().with_pf(|pf| {
        let v = pf.switch().vport(1).unwrap();
        assert_eq!(
            (v.attach, v.state, v.affinity.mask, v.queue_pairs),
            (Attach::Pf, VPortState::Activated, 1 << 1, 1)
        );
        let f = pf.switch().filter(40).unwrap();
        assert_eq!((f.vport, f.mac), (1, mac(1)));
    });
    let n = sw.trace().len();
    sw.stop("vmq").unwrap();
    assert_eq!(
        oids(&sw.trace()[n..]),
        vec![
            (S, OID_RECEIVE_FILTER_CLEAR_FILTER, NDIS_STATUS_SUCCESS),
            (S, OID_NIC_SWITCH_DELETE_VPORT, NDIS_STATUS_SUCCESS),
        ]
    );
    ad.sriov().with_pf(|pf| {
        assert!(pf.switch().vport(1).is_none());
        assert!(pf.switch().filter(40).is_none());
    });
    assert_eq!(sw.path("vmq"), None);
    drop(ad);
    sw.halt().unwrap();
    assert_eq!(h.adapter(0).halt(), Ok(()));
    h.halt().unwrap();
}

#[test]
fn vmq_weight_on_an_sriov_only_adapter_leaves_the_vm_on_the_default_vport() {
    let h = host_with(0);
    let mut sw = switch(&h, 60);
    assert!(!sw.pf_vports_for_vmq(), "SR-IOV alone: no VM queues");
    assert_eq!(sw.connect_vmq(vm("vmq", 1, 0), vmq(1)), Ok(IovPath::Synthetic));
    assert_eq!(
        oids(&sw.trace()[2..]),
        vec![(M, OID_RECEIVE_FILTER_SET_FILTER, NDIS_STATUS_SUCCESS)]
    );
    sw.halt().unwrap();
    h.halt().unwrap();
}

#[test]
fn pf_vport_affinity_move_keeps_steering_to_the_new_processor() {
    let h = host_with(1);
    let pf = h.adapter(0);
    let mut sw = switch(&h, 80);
    assert_eq!(
        sw.connect_vmq(vm("vmq", 3, 0), vmq(0)),
        Ok(IovPath::PfVPort { vport: 1 })
    );
    let mut seq = 0u32;
    let mut burst = |pf: &AdapterRef<'_>| {
        for _ in 0..10 {
            assert!(pf.wire_inject(&frame(mac(3), seq)));
            seq += 1;
        }
    };
    burst(&pf);
    assert!(pf.wait_received(10, WAIT));
    h.quiesce();
    assert_eq!(sw.deliver(), 10);
    // Dynamic VMQ: the vPort moves to processor 1.
    let n = sw.trace().len();
    assert_eq!(sw.move_vm("vmq", 1), Ok(()));
    assert_eq!(
        oids(&sw.trace()[n..]),
        vec![(S, OID_NIC_SWITCH_VPORT_PARAMETERS, NDIS_STATUS_SUCCESS)]
    );
    assert_eq!(sw.placement("vmq").map(|p| p.processor), Some(1));
    let ad = pf.driver_adapter().unwrap();
    ad.sriov().with_pf(|p| {
        let v = p.switch().vport(1).unwrap();
        assert_eq!((v.state, v.affinity.mask), (VPortState::Activated, 1 << 1));
    });
    burst(&pf);
    assert!(pf.wait_received(10, WAIT));
    h.quiesce();
    assert_eq!(sw.deliver(), 10);
    // And back to processor 0.
    assert_eq!(sw.move_vm("vmq", 0), Ok(()));
    burst(&pf);
    assert!(pf.wait_received(10, WAIT));
    h.quiesce();
    assert_eq!(sw.deliver(), 10);
    let rx = sw.received("vmq").unwrap();
    assert_eq!(
        rx.iter().map(|r| seq_of(&r.frame)).collect::<Vec<_>>(),
        (0..30).collect::<Vec<_>>(),
        "every frame exactly once, in order, across both moves"
    );
    let on: Vec<(u16, u32)> = rx.iter().map(|r| (r.vport_id, r.processor)).collect();
    assert_eq!(&on[..10], &[(1, 0); 10]);
    assert_eq!(&on[10..20], &[(1, 1); 10], "after the move: the new processor");
    assert_eq!(&on[20..], &[(1, 0); 10], "after the move back");
    assert_eq!(sw.counters().frames_direct, 30);
    assert_eq!(sw.counters().frames_copied, 0);
    drop(ad);
    sw.halt().unwrap();
    assert!(
        sw.trace().iter().all(|i| i.status == NDIS_STATUS_SUCCESS),
        "{:x?}",
        sw.trace()
    );
    assert_eq!(pf.halt(), Ok(()));
    h.halt().unwrap();
}

#[test]
fn pf_vports_exhausted_leave_extra_vmq_vms_on_the_default_vport() {
    let h = host_with(1);
    let pf = h.adapter(0);
    let max_pf_vports = pf
        .driver_adapter()
        .unwrap()
        .sriov()
        .with_pf(|p| p.caps().max_pf_vports);
    assert_eq!(max_pf_vports, 16, "PF queues of the binding's device");
    let mut sw = switch(&h, 100);
    for i in 0..16u8 {
        assert_eq!(
            sw.connect_vmq(vm(&format!("vm{i}"), i, 0), vmq(i % 2)),
            Ok(IovPath::PfVPort {
                vport: 1 + u32::from(i)
            })
        );
    }
    // The 17th: CREATE_VPORT fails with RESOURCES, nothing else of the vPort is tried, and the
    // VM's filter goes on the default vPort.
    let n = sw.trace().len();
    assert_eq!(sw.connect_vmq(vm("extra", 16, 0), vmq(1)), Ok(IovPath::Synthetic));
    assert_eq!(
        oids(&sw.trace()[n..]),
        vec![
            (M, OID_NIC_SWITCH_CREATE_VPORT, NDIS_STATUS_RESOURCES),
            (M, OID_RECEIVE_FILTER_SET_FILTER, NDIS_STATUS_SUCCESS),
        ]
    );
    let extra_filter = sw.filter_id("extra").unwrap();
    pf.driver_adapter().unwrap().sriov().with_pf(|p| {
        assert_eq!(p.switch().filter(extra_filter).map(|f| f.vport), Some(0));
        assert!(p.switch().vport(17).is_none());
    });
    // Its frames come up the default vPort: parsed and copied by the switch.
    for s in 0..5 {
        assert!(pf.wire_inject(&frame(mac(16), s)));
    }
    assert!(pf.wait_received(5, WAIT));
    h.quiesce();
    assert_eq!(sw.deliver(), 5);
    let rx = sw.received("extra").unwrap();
    assert_eq!(
        rx.iter()
            .map(|r| (seq_of(&r.frame), r.vport_id, r.copied))
            .collect::<Vec<_>>(),
        (0..5).map(|s| (s, 0, true)).collect::<Vec<_>>()
    );
    assert_eq!(
        (
            sw.counters().frames_parsed,
            sw.counters().frames_copied,
            sw.counters().bytes_copied
        ),
        (5, 5, 5 * 60)
    );
    // A PF-vPort VM stops: its vPort is free again and the next VMQ VM gets it.
    sw.stop("vm3").unwrap();
    assert_eq!(
        sw.connect_vmq(vm("late", 20, 0), vmq(0)),
        Ok(IovPath::PfVPort { vport: 4 })
    );
    sw.halt().unwrap();
    assert!(
        sw.trace()[n + 2..]
            .iter()
            .all(|i| i.status == NDIS_STATUS_SUCCESS),
        "{:x?}",
        sw.trace()
    );
    assert_eq!(pf.halt(), Ok(()));
    h.halt().unwrap();
}

#[test]
fn iov_vm_without_a_vf_but_with_a_vmq_weight_moves_its_filter_onto_a_pf_vport() {
    let h = host_with(1);
    let pf = h.adapter(0);
    let mut sw = switch(&h, 200);
    for i in 0..4u8 {
        assert!(matches!(
            sw.connect(vm(&format!("vf{i}"), i, 100)),
            Ok(IovPath::Vf { .. })
        ));
    }
    // NumVFs 4 are taken: the fifth IOV VM gets no VF; its VmqWeight gets it a PF vPort, its
    // filter moved there from the default vPort (never absent in between).
    let n = sw.trace().len();
    assert_eq!(
        sw.connect_vmq(vm("iov-and-vmq", 9, 100), vmq(1)),
        Ok(IovPath::PfVPort { vport: 5 })
    );
    assert_eq!(
        oids(&sw.trace()[n..]),
        vec![
            (M, OID_RECEIVE_FILTER_SET_FILTER, NDIS_STATUS_SUCCESS),
            (M, OID_NIC_SWITCH_ALLOCATE_VF, NDIS_STATUS_RESOURCES),
            (M, OID_NIC_SWITCH_CREATE_VPORT, NDIS_STATUS_SUCCESS),
            (S, OID_NIC_SWITCH_VPORT_PARAMETERS, NDIS_STATUS_SUCCESS),
            (S, OID_RECEIVE_FILTER_MOVE_FILTER, NDIS_STATUS_SUCCESS),
        ]
    );
    for s in 0..6 {
        assert!(pf.wire_inject(&frame(mac(9), s)));
    }
    assert!(pf.wait_received(6, WAIT));
    h.quiesce();
    assert_eq!(sw.deliver(), 6);
    assert_eq!(
        sw.received("iov-and-vmq")
            .unwrap()
            .iter()
            .map(|r| (seq_of(&r.frame), r.vport_id, r.processor, r.copied))
            .collect::<Vec<_>>(),
        (0..6).map(|s| (s, 5, 1, false)).collect::<Vec<_>>()
    );
    sw.halt().unwrap();
    assert!(
        sw.trace()[n + 2..]
            .iter()
            .all(|i| i.status == NDIS_STATUS_SUCCESS),
        "{:x?}",
        sw.trace()
    );
    assert_eq!(pf.halt(), Ok(()));
    h.halt().unwrap();
}

#[test]
fn a_pf_vport_whose_filter_is_refused_is_deleted_and_nothing_is_left_half_made() {
    let h = host_with(1);
    let mut sw = switch(&h, 300);
    // A group MAC is refused on any vPort: the vPort just made goes, then the default-vPort
    // filter is refused too and the connect fails.
    let bad = IovVm {
        mac: [3, 0, 0x5e, 0, 0, 1],
        ..vm("bad", 0, 0)
    };
    let n = sw.trace().len();
    assert_eq!(sw.connect_vmq(bad, vmq(0)), Err(NDIS_STATUS_INVALID_PARAMETER));
    assert_eq!(
        oids(&sw.trace()[n..]),
        vec![
            (M, OID_NIC_SWITCH_CREATE_VPORT, NDIS_STATUS_SUCCESS),
            (S, OID_NIC_SWITCH_VPORT_PARAMETERS, NDIS_STATUS_SUCCESS),
            (M, OID_RECEIVE_FILTER_SET_FILTER, NDIS_STATUS_INVALID_PARAMETER),
            (S, OID_NIC_SWITCH_DELETE_VPORT, NDIS_STATUS_SUCCESS),
            (M, OID_RECEIVE_FILTER_SET_FILTER, NDIS_STATUS_INVALID_PARAMETER),
        ]
    );
    assert_eq!(sw.path("bad"), None);
    h.adapter(0).driver_adapter().unwrap().sriov().with_pf(|p| {
        assert!(p.switch().vport(1).is_none());
        assert_eq!(p.switch().vports().count(), 1, "only the default vPort");
    });
    // vPort 1 is free for the next VM.
    assert_eq!(
        sw.connect_vmq(vm("good", 1, 0), vmq(0)),
        Ok(IovPath::PfVPort { vport: 1 })
    );
    sw.halt().unwrap();
    assert_eq!(h.adapter(0).halt(), Ok(()));
    h.halt().unwrap();
}

#[test]
fn pf_vport_vm_stop_completes_whether_delete_vport_pends_on_held_nbls_or_not() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let h = host_with(1);
    let pf = h.adapter(0);
    let mut sw = switch(&h, 400);
    assert_eq!(
        sw.connect_vmq(vm("vmq", 2, 0), vmq(1)),
        Ok(IovPath::PfVPort { vport: 1 })
    );
    // The VM's stack keeps its 10 NBLs while the VM stops.
    pf.hold_returns(true);
    for s in 0..10 {
        assert!(pf.wire_inject(&frame(mac(2), s)));
    }
    assert!(pf.wait_received(10, WAIT));
    h.quiesce();
    let pended_before = pf.pended_oids();
    let stopped = AtomicBool::new(false);
    let n = sw.trace().len();
    let released = std::thread::scope(|s| {
        let returner = s.spawn(|| {
            // Return the NBLs once DELETE_VPORT pended on them, or once the stop completed
            // without pending (DMA stopped, memory freed at the last return).
            let a = h.adapter(0);
            while !stopped.load(Ordering::Acquire) && a.pended_oids() == pended_before {
                std::thread::yield_now();
            }
            a.hold_returns(false);
            a.release_held()
        });
        assert_eq!(sw.stop("vmq"), Ok(()));
        stopped.store(true, Ordering::Release);
        returner.join().unwrap()
    });
    assert_eq!(released, 10);
    assert_eq!(
        oids(&sw.trace()[n..]),
        vec![
            (S, OID_RECEIVE_FILTER_CLEAR_FILTER, NDIS_STATUS_SUCCESS),
            (S, OID_NIC_SWITCH_DELETE_VPORT, NDIS_STATUS_SUCCESS),
        ]
    );
    h.quiesce();
    let (ind, ret) = pf.rx_nbl_counts();
    assert_eq!((ind, ret), (10, 10));
    sw.halt().unwrap();
    assert_eq!(pf.halt(), Ok(()), "the vPort's memory went with its last NBL");
    h.halt().unwrap();
}

/// Rx drops with reason Disabled on VF `vf`'s pool (the VF's receive is off once its guest
/// adapter halted).
fn vf_pool_disabled_drops(h: &Host, vf: u16) -> u64 {
    let dev = h.adapter(0).driver_adapter().unwrap().nic().device().clone();
    let q = dev.layout().vf_queue(vf).unwrap();
    dev.counters(q)
        .unwrap()
        .rx
        .drops
        .get(svnic_device::DropReason::Disabled)
}

#[test]
fn vf_revoke_of_a_vm_with_a_vmq_weight_puts_it_on_a_pf_vport_and_loses_only_what_the_halted_vf_drops() {
    use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
    let h = host_with(1);
    let pf = h.adapter(0);
    let mut sw = switch(&h, 700);
    assert_eq!(
        sw.connect_vmq(vm("mover", 1, 100), vmq(1)),
        Ok(IovPath::Vf { vf: 0, vport: 1 })
    );
    assert_eq!(
        sw.connect_vmq(vm("pfvm", 2, 0), vmq(0)),
        Ok(IovPath::PfVPort { vport: 2 })
    );
    let guest = BoundGuestVm::start(&h, 0, 0).unwrap();
    h.quiesce();
    pf.take_received();
    for s in 0..5 {
        assert!(pf.wire_inject(&frame(mac(1), s)));
    }
    assert!(guest.adapter().deliver_interrupt(GUEST_CPU));
    assert!(guest.adapter().wait_received(5, WAIT));
    assert_eq!(
        guest
            .adapter()
            .received()
            .iter()
            .map(|r| seq_of(&r.frame))
            .collect::<Vec<_>>(),
        (0..5).collect::<Vec<_>>()
    );
    // Hyper-V takes the VF away from the guest first (its VF adapter halts, every NBL back),
    // then the switch revokes. From the halt until MOVE_FILTER back, frames for the VM still
    // match the VF vPort's filter and the device drops them at the VF's disabled pool: the only
    // loss of the sequence.
    h.quiesce();
    let (ind, ret) = guest.adapter().rx_nbl_counts();
    assert_eq!((ind, ret), (5, 5));
    assert_eq!(guest.halt(), Ok(()));
    let disabled0 = vf_pool_disabled_drops(&h, 0);

    // One thread keeps sending to the VM (paced under the ring sizes) through the whole revoke.
    let n = sw.trace().len();
    let revoked = AtomicBool::new(false);
    let sent_so_far = AtomicU32::new(0);
    let (sent, revoke) = std::thread::scope(|s| {
        let sender = s.spawn(|| {
            let a = h.adapter(0);
            let mut seq = 100u32;
            let mut after = 0;
            // Until 20 frames after the revoke ended.
            while after < 20 {
                if revoked.load(Ordering::Acquire) {
                    after += 1;
                }
                assert!(a.wire_inject(&frame(mac(1), seq)));
                seq += 1;
                sent_so_far.store(seq - 100, Ordering::Release);
                std::thread::sleep(Duration::from_micros(50));
            }
            seq
        });
        // 10 frames before the revoke starts.
        while sent_so_far.load(Ordering::Acquire) < 10 {
            std::thread::yield_now();
        }
        let r = sw.revoke_vf("mover");
        revoked.store(true, Ordering::Release);
        (sender.join().unwrap(), r)
    });
    assert_eq!(revoke, Ok(()));
    assert_eq!(
        oids(&sw.trace()[n..]),
        vec![
            (S, OID_RECEIVE_FILTER_MOVE_FILTER, NDIS_STATUS_SUCCESS),
            (S, OID_NIC_SWITCH_DELETE_VPORT, NDIS_STATUS_SUCCESS),
            (S, OID_SRIOV_RESET_VF, NDIS_STATUS_SUCCESS),
            (S, OID_NIC_SWITCH_FREE_VF, NDIS_STATUS_SUCCESS),
            (M, OID_NIC_SWITCH_CREATE_VPORT, NDIS_STATUS_SUCCESS),
            (S, OID_NIC_SWITCH_VPORT_PARAMETERS, NDIS_STATUS_SUCCESS),
            (S, OID_RECEIVE_FILTER_MOVE_FILTER, NDIS_STATUS_SUCCESS),
        ],
        "VF teardown, then the PF-vPort order of a VM whose filter is on vPort 0"
    );
    // NDIS's lowest free VPortId: the VF's vPort 1, now a PF vPort on the VM's processor.
    assert_eq!(sw.path("mover"), Some(IovPath::PfVPort { vport: 1 }));
    let filter = sw.filter_id("mover").unwrap();
    pf.driver_adapter().unwrap().sriov().with_pf(|p| {
        let v = p.switch().vport(1).unwrap();
        assert_eq!(
            (v.attach, v.state, v.affinity.mask),
            (Attach::Pf, VPortState::Activated, 1 << 1)
        );
        assert_eq!(p.switch().filter(filter).map(|f| f.vport), Some(1));
        assert!(p.switch().vf(0).is_none(), "VF 0 freed");
    });

    // Every frame sent during the revoke: dropped at the halted VF (a prefix: before MOVE_FILTER
    // back), or delivered exactly once, by the default vPort (parsed and copied) while the filter
    // was there, then by PF vPort 1 on processor 1 (not copied); none after the other.
    let dropped = u32::try_from(vf_pool_disabled_drops(&h, 0) - disabled0).unwrap();
    assert!(
        dropped >= 10,
        "the 10 sent before the revoke began hit the halted VF"
    );
    let delivered = (sent - 100 - dropped) as usize;
    assert!(pf.wait_received(delivered, WAIT));
    h.quiesce();
    assert_eq!(sw.deliver(), delivered);
    let rx = sw.received("mover").unwrap();
    let mut got: Vec<u32> = rx.iter().map(|r| seq_of(&r.frame)).collect();
    got.sort();
    assert_eq!(
        got,
        (100 + dropped..sent).collect::<Vec<_>>(),
        "all but the dropped prefix, each once"
    );
    let on_default: Vec<u32> = rx
        .iter()
        .filter(|r| r.vport_id == 0)
        .map(|r| seq_of(&r.frame))
        .collect();
    let on_vport: Vec<u32> = rx
        .iter()
        .filter(|r| r.vport_id != 0)
        .map(|r| seq_of(&r.frame))
        .collect();
    assert!(on_vport.len() >= 20, "the 20 sent after the revoke at least");
    if let (Some(last_default), Some(first_vport)) = (on_default.iter().max(), on_vport.iter().min()) {
        assert!(last_default < first_vport, "the filter moved once");
    }
    assert!(rx.iter().filter(|r| r.vport_id == 0).all(|r| r.copied));
    assert!(rx
        .iter()
        .filter(|r| r.vport_id != 0)
        .all(|r| (r.vport_id, r.processor, r.copied) == (1, 1, false)));
    assert_eq!(
        sw.counters().frames_copied,
        on_default.len() as u64,
        "only the default-vPort share was copied"
    );

    // VM stop: as for any PF-vPort VM.
    let n = sw.trace().len();
    sw.stop("mover").unwrap();
    assert_eq!(
        oids(&sw.trace()[n..]),
        vec![
            (S, OID_RECEIVE_FILTER_CLEAR_FILTER, NDIS_STATUS_SUCCESS),
            (S, OID_NIC_SWITCH_DELETE_VPORT, NDIS_STATUS_SUCCESS),
        ]
    );
    pf.driver_adapter()
        .unwrap()
        .sriov()
        .with_pf(|p| assert!(p.switch().vport(1).is_none()));
    sw.halt().unwrap();
    assert!(
        sw.trace().iter().all(|i| i.status == NDIS_STATUS_SUCCESS),
        "{:x?}",
        sw.trace()
    );
    let (ind, ret) = pf.rx_nbl_counts();
    assert_eq!(ind, ret);
    assert_eq!(pf.halt(), Ok(()));
    h.halt().unwrap();
}

#[test]
fn vf_revoke_of_a_vm_with_a_vmq_weight_stays_on_the_default_vport_when_no_pf_vport_is_left() {
    let h = host_with(1);
    let pf = h.adapter(0);
    let mut sw = switch(&h, 800);
    assert_eq!(
        sw.connect_vmq(vm("mover", 1, 100), vmq(1)),
        Ok(IovPath::Vf { vf: 0, vport: 1 })
    );
    // Every PF queue held by a PF vPort (vPorts 2..=17).
    for i in 0..16u8 {
        assert_eq!(
            sw.connect_vmq(vm(&format!("vm{i}"), 10 + i, 0), vmq(i % 2)),
            Ok(IovPath::PfVPort {
                vport: 2 + u32::from(i)
            })
        );
    }
    let n = sw.trace().len();
    assert_eq!(sw.revoke_vf("mover"), Ok(()));
    assert_eq!(
        oids(&sw.trace()[n..]),
        vec![
            (S, OID_RECEIVE_FILTER_MOVE_FILTER, NDIS_STATUS_SUCCESS),
            (S, OID_NIC_SWITCH_DELETE_VPORT, NDIS_STATUS_SUCCESS),
            (S, OID_SRIOV_RESET_VF, NDIS_STATUS_SUCCESS),
            (S, OID_NIC_SWITCH_FREE_VF, NDIS_STATUS_SUCCESS),
            (M, OID_NIC_SWITCH_CREATE_VPORT, NDIS_STATUS_RESOURCES),
        ],
        "CREATE_VPORT refused: nothing else of a PF vPort is tried"
    );
    assert_eq!(sw.path("mover"), Some(IovPath::Synthetic));
    let filter = sw.filter_id("mover").unwrap();
    pf.driver_adapter().unwrap().sriov().with_pf(|p| {
        assert_eq!(p.switch().filter(filter).map(|f| f.vport), Some(0));
        assert!(p.switch().vport(1).is_none());
    });
    h.quiesce();
    pf.take_received();
    for s in 0..5 {
        assert!(pf.wire_inject(&frame(mac(1), s)));
    }
    assert!(pf.wait_received(5, WAIT));
    h.quiesce();
    assert_eq!(sw.deliver(), 5);
    assert_eq!(
        sw.received("mover")
            .unwrap()
            .iter()
            .map(|r| (seq_of(&r.frame), r.vport_id, r.copied))
            .collect::<Vec<_>>(),
        (0..5).map(|s| (s, 0, true)).collect::<Vec<_>>(),
        "up the default vPort, parsed and copied by the switch"
    );
    // VM stop: only CLEAR_FILTER (no vPort of its own).
    let n = sw.trace().len();
    sw.stop("mover").unwrap();
    assert_eq!(
        oids(&sw.trace()[n..]),
        vec![(S, OID_RECEIVE_FILTER_CLEAR_FILTER, NDIS_STATUS_SUCCESS)]
    );
    sw.halt().unwrap();
    assert_eq!(pf.halt(), Ok(()));
    h.halt().unwrap();
}
