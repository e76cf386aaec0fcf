//! MiniportResetEx on an SR-IOV + VMQ PF, through the binding's real entry points
//! (docs/sriov.md "Reset", docs/vmq.md "Reset": AddressingReset FALSE, the miniport keeps and
//! re-programs what it owns, NDIS re-creates nothing): VMs on VFs (guest VF adapters up) and VMs on
//! PF non-default vPorts keep steering across resets, the switch's NDIS-handled answers do not
//! change, and a DELETE_VPORT pended on held NBLs is aborted once and re-issued.

mod iov_mix_common;
use iov_mix_common::*;
use std::time::Duration;

use hyperv_sim::vswitch::iov::*;
use hyperv_sim::{AdapterRef, RequestType};
use svnic_abi::oid::OID_RECEIVE_FILTER_ENUM_FILTERS;
use svnic_abi::status::*;
use svnic_miniport::sriov::abi::*;

use RequestType::Set as S;

fn mac(n: u8) -> [u8; 6] {
    [2, 0, 0x5e, 0, 9, n]
}

fn vm(name: &str, n: u8, iov_weight: u32) -> IovVm {
    IovVm {
        name: name.into(),
        mac: mac(n),
        vlan: None,
        iov_weight,
    }
}

/// The switch's NDIS-handled views: ENUM_VPORTS (query, all vPorts) and ENUM_FILTERS with
/// VPORT_ID_SPECIFIED for each of `vports`, as the bytes NDIS hands the switch.
fn switch_views(pf: &AdapterRef<'_>, vports: &[u32]) -> Vec<(u32, u32, Vec<u8>)> {
    let mut out = Vec::new();
    let r = IovNic::oid(pf, RequestType::Query, OID_NIC_SWITCH_ENUM_VPORTS, &[], 8192);
    out.push((u32::MAX, r.status, r.out[..r.bytes_written as usize].to_vec()));
    for &v in vports {
        let mut b = vec![0u8; 28];
        b[20..24].copy_from_slice(&1u32.to_le_bytes()); // VPORT_ID_SPECIFIED
        b[24..28].copy_from_slice(&v.to_le_bytes());
        let r = IovNic::oid(pf, RequestType::Method, OID_RECEIVE_FILTER_ENUM_FILTERS, &b, 512);
        out.push((v, r.status, r.out[..r.bytes_written as usize].to_vec()));
    }
    out
}

fn u32_at(b: &[u8], o: usize) -> u32 {
    u32::from_le_bytes(b[o..o + 4].try_into().unwrap())
}

/// Injects `rounds` x `per` frames to each of `dsts` (interleaved), recording the sequence numbers
/// per destination index in `want`.
fn inject(pf: &AdapterRef<'_>, dsts: &[[u8; 6]], seq: &mut u32, per: u32, want: &mut [Vec<u32>]) {
    for _ in 0..per {
        for (i, d) in dsts.iter().enumerate() {
            assert!(pf.wire_inject(&frame(*d, *seq)));
            want[i].push(*seq);
            *seq += 1;
        }
    }
}

#[test]
fn after_reset_vfs_and_pf_vports_still_steer_exactly_once_and_the_switch_views_are_unchanged() {
    let h = host_with(1);
    let pf = h.adapter(0);
    let mut sw = switch(&h, 500);
    // VMs 0, 1 on VFs 0, 1 (vPorts 1, 2); VMs 2, 3 on PF vPorts 3, 4 on processors 0, 1.
    let guests = place_vms(&h, &mut sw, 2, 2, vm);
    let views = switch_views(&pf, &[0, 1, 2, 3, 4]);
    assert!(views.iter().all(|(_, st, _)| *st == NDIS_STATUS_SUCCESS));
    assert_eq!(
        u32_at(&views[0].2, 20),
        5,
        "ENUM_VPORTS: default + 2 VF + 2 PF vPorts"
    );
    let filters: Vec<u32> = views[1..].iter().map(|(_, _, b)| u32_at(b, 12)).collect();
    assert_eq!(
        filters,
        vec![0, 1, 1, 1, 1],
        "one filter on each non-default vPort"
    );

    // Destinations 0..4 are the VMs; 4 is a MAC nobody has (up the default vPort, unclaimed).
    let dsts = [mac(0), mac(1), mac(2), mac(3), mac(200)];
    let mut want: Vec<Vec<u32>> = vec![vec![]; 5];
    let mut seq = 0u32;
    // One round: interleaved frames to all five, then each guest takes its interrupt.
    let round = |seq: &mut u32, want: &mut Vec<Vec<u32>>, pf_expected: usize| {
        inject(&pf, &dsts, seq, 10, want);
        for g in &guests {
            assert!(g.adapter().deliver_interrupt(GUEST_CPU));
        }
        for (i, g) in guests.iter().enumerate() {
            assert!(g.adapter().wait_received(want[i].len(), WAIT), "guest {i}");
        }
        assert!(pf.wait_received(pf_expected, WAIT));
        h.quiesce();
    };
    // VF-only traffic runs no PF DPC (read after quiesce, so late start-up DPCs are counted).
    let vf_only = |seq: &mut u32, want: &mut Vec<Vec<u32>>| {
        h.quiesce();
        let pf_dpcs = pf_dpc_runs(&h);
        inject(&pf, &dsts[..2], seq, 5, want);
        for g in &guests {
            assert!(g.adapter().deliver_interrupt(GUEST_CPU));
        }
        for (i, g) in guests.iter().enumerate() {
            assert!(g.adapter().wait_received(want[i].len(), WAIT), "guest {i}");
        }
        h.quiesce();
        assert_eq!(pf_dpc_runs(&h), pf_dpcs, "no PF DPC ran for VF frames");
    };

    round(&mut seq, &mut want, 30);
    vf_only(&mut seq, &mut want);
    let before = seq;
    // Whatever the PF had invalidated for the guests is delivered before the reset.
    for g in &guests {
        let _ = g.deliver_invalidations();
    }
    let block_oids: Vec<usize> = guests.iter().map(|g| g.pf_block_oids().len()).collect();
    assert_eq!(
        pf.reset(),
        (NDIS_STATUS_SUCCESS, false),
        "synchronous, no readdressing"
    );
    // The reset does not reach the VFs: nothing for a guest to re-read.
    for g in &guests {
        assert_eq!(g.deliver_invalidations(), None);
    }
    assert_eq!(
        switch_views(&pf, &[0, 1, 2, 3, 4]),
        views,
        "ENUM_VPORTS / ENUM_FILTERS unchanged by the reset"
    );
    vf_only(&mut seq, &mut want);
    round(&mut seq, &mut want, 60);

    // Resets while another thread keeps the wire busy (VMs only, paced under the ring sizes):
    // neither PF vPorts nor VFs are quiesced by a reset, so nothing is dropped.
    let (resets, during) = std::thread::scope(|s| {
        let traffic = s.spawn(|| {
            let mut during: Vec<Vec<u32>> = vec![vec![]; 4];
            let mut seq = 10_000u32;
            for _ in 0..4 {
                inject(&h.adapter(0), &dsts[..4], &mut seq, 8, &mut during);
                std::thread::sleep(Duration::from_millis(2));
            }
            during
        });
        let mut r = Vec::new();
        for _ in 0..3 {
            r.push(h.adapter(0).reset());
            std::thread::sleep(Duration::from_millis(3));
        }
        (r, traffic.join().unwrap())
    });
    assert_eq!(resets, vec![(NDIS_STATUS_SUCCESS, false); 3]);
    for (i, g) in guests.iter().enumerate() {
        assert!(g.adapter().deliver_interrupt(GUEST_CPU));
        assert!(g.adapter().wait_received(want[i].len() + 32, WAIT), "guest {i}");
    }
    assert!(pf.wait_received(60 + 64, WAIT));
    h.quiesce();
    round(&mut seq, &mut want, 60 + 64 + 30);
    assert_eq!(switch_views(&pf, &[0, 1, 2, 3, 4]), views);

    assert_eq!(
        guests.iter().map(|g| g.pf_block_oids().len()).collect::<Vec<_>>(),
        block_oids,
        "no guest read or wrote a config block across the resets"
    );

    // Every frame exactly once, in order, on its function: PF vPort frames with their VPortId on
    // their processor and no switch copy, VF frames in their guest.
    assert_eq!(sw.deliver(), 60 + 64 + 30);
    let c = sw.counters();
    assert_eq!(
        (
            c.frames_direct,
            c.frames_unclaimed,
            c.frames_copied,
            c.frames_misrouted
        ),
        (40 + 64 + 20, 30, 0, 0)
    );
    let merged = |i: usize| {
        let mut w: Vec<u32> = want[i].clone();
        w.extend(&during[i]);
        w.sort();
        w
    };
    for i in 2..4u8 {
        let name = format!("pf{i}");
        let rx = sw.received(&name).unwrap();
        let mut got: Vec<u32> = rx.iter().map(|r| seq_of(&r.frame)).collect();
        got.sort();
        assert_eq!(got, merged(usize::from(i)), "{name}: exactly its frames, once");
        assert!(
            rx.iter()
                .all(|r| (r.vport_id, r.processor, r.copied) == (1 + u16::from(i), u32::from(i % 2), false)),
            "{name}"
        );
        // Frames of the same round stay in order across the reset.
        let around: Vec<u32> = rx
            .iter()
            .map(|r| seq_of(&r.frame))
            .filter(|s| *s < 10_000)
            .collect();
        assert_eq!(around, want[usize::from(i)], "{name}: in order");
        assert!(around.iter().any(|s| *s < before) && around.iter().any(|s| *s > before));
    }
    for (i, g) in guests.iter().enumerate() {
        let rx = g.adapter().received();
        let mut got: Vec<u32> = rx.iter().map(|r| seq_of(&r.frame)).collect();
        got.sort();
        assert_eq!(got, merged(i), "guest {i}: exactly its frames, once");
        assert!(rx
            .iter()
            .all(|r| r.frame[..6] == mac(i as u8) && r.vport_id == 0 && r.processor == GUEST_CPU));
    }

    // Teardown: guests halt with every NBL back, the switch stops every VM, the PF halts clean.
    for g in guests {
        let (ind, ret) = g.adapter().rx_nbl_counts();
        assert_eq!(ind, ret);
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
fn reset_aborts_a_pended_delete_vport_once_and_the_reissued_one_succeeds_at_the_last_return() {
    let h = host_with(1);
    let pf = h.adapter(0);
    let mut sw = switch(&h, 600);
    assert_eq!(
        sw.connect_vmq(vm("going", 5, 0), vmq(1)),
        Ok(IovPath::PfVPort { vport: 1 })
    );
    assert_eq!(
        sw.connect_vmq(vm("staying", 6, 0), vmq(0)),
        Ok(IovPath::PfVPort { vport: 2 })
    );
    let ad = pf.driver_adapter().unwrap();
    let slot = ad.sriov().with_hw(|hw| hw.vport_queue(1)).unwrap();
    let slot = slot.0;
    // The VM's stack keeps its 4 NBLs while the VM stops.
    pf.hold_returns(true);
    for s in 0..4 {
        assert!(pf.wire_inject(&frame(mac(5), s)));
    }
    assert!(pf.wait_received(4, WAIT));
    h.quiesce();
    assert_eq!(ad.vmq().rx_stats(slot).outstanding, 4);
    let pended_before = pf.pended_oids();
    let n = sw.trace().len();
    let stop = std::thread::scope(|s| {
        // The switch stops the VM: CLEAR_FILTER, then DELETE_VPORT pends on the 4 held NBLs.
        let stopper = s.spawn(|| sw.stop("going"));
        // Well inside the sim's own 10 s OID timeout (which would also say REQUEST_ABORTED).
        let wait_pended = |k: u64| {
            let deadline = std::time::Instant::now() + Duration::from_secs(3);
            while pf.pended_oids() < pended_before + k && std::time::Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(1));
            }
            assert_eq!(pf.pended_oids(), pended_before + k, "DELETE_VPORT did not pend");
        };
        wait_pended(1);
        assert_eq!(pf.reset(), (NDIS_STATUS_SUCCESS, false));
        // The switch re-issues DELETE_VPORT: it pends on the same free.
        wait_pended(2);
        ad.sriov().with_pf(|p| assert!(p.switch().vport(1).is_none()));
        assert_eq!(ad.vmq().rx_stats(slot).outstanding, 4, "memory kept for the NBLs");
        // Another reset while the re-issued one pends would abort it too; none comes. The
        // re-issued DELETE_VPORT is still waiting, the first aborted exactly once.
        std::thread::sleep(Duration::from_millis(20));
        assert!(
            !stopper.is_finished(),
            "re-issued DELETE_VPORT completed before the NBLs"
        );
        pf.hold_returns(false);
        assert_eq!(pf.release_held(), 4);
        stopper.join().unwrap()
    });
    assert_eq!(stop, Ok(()));
    let oids: Vec<(RequestType, u32, u32)> = sw.trace()[n..]
        .iter()
        .map(|i| (i.request_type, i.oid, i.status))
        .collect();
    assert_eq!(
        oids,
        vec![
            (S, OID_RECEIVE_FILTER_CLEAR_FILTER, NDIS_STATUS_SUCCESS),
            (S, OID_NIC_SWITCH_DELETE_VPORT, NDIS_STATUS_REQUEST_ABORTED),
            (S, OID_NIC_SWITCH_DELETE_VPORT, NDIS_STATUS_SUCCESS),
        ]
    );
    assert_eq!(pf.pended_oids(), pended_before + 2);
    assert_eq!(ad.vmq().rx_stats(slot).outstanding, 0);
    assert_eq!(sw.path("going"), None);
    // The other PF vPort kept steering across the reset.
    pf.take_received();
    for s in 0..5 {
        assert!(pf.wire_inject(&frame(mac(6), 100 + s)));
    }
    assert!(pf.wait_received(5, WAIT));
    h.quiesce();
    sw.deliver();
    assert_eq!(
        sw.received("staying")
            .unwrap()
            .iter()
            .map(|r| (seq_of(&r.frame), r.vport_id, r.processor))
            .collect::<Vec<_>>(),
        (100..105).map(|s| (s, 2, 0)).collect::<Vec<_>>()
    );
    assert_eq!((ad.vmq().stale_returns(), ad.vmq().double_returns()), (0, 0));
    drop(ad);
    sw.halt().unwrap();
    let (ind, ret) = pf.rx_nbl_counts();
    assert_eq!((ind, ret), (9, 9));
    assert_eq!(pf.halt(), Ok(()), "the vPort's memory went with its last NBL");
    h.halt().unwrap();
}
