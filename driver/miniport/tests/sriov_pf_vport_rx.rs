//! Receive on PF non-default vPorts through `AdapterSriov` (spec 2.4, section 5 item 26) on the
//! shared receive table: memory allocated with the VPortId at activation, NBLs tagged with the
//! VPortId (QueueId 0), the DPC on the vPort's processor, nothing before activation + filter,
//! nothing after DELETE_VPORT, which pends until the last NBL is back and then frees the memory.

mod sriov_common;
use sriov_common::*;

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;
use svnic_abi::status::*;
use svnic_device::frame::build_frame;
use svnic_device::{Device, NullMsi};
use svnic_miniport::oid::{OidBytes, OidOutcome, OidRequest, OidToken, RequestType};
use svnic_miniport::os::{ProcessorNumber, RxBankId};
use svnic_miniport::sriov::abi::*;
use svnic_miniport::sriov::attach::AdapterSriov;
use svnic_miniport::vmq::datapath::RxTable;

fn oid_tok(
    s: &AdapterSriov,
    os: &TestOs,
    rt: RequestType,
    oid: u32,
    buf: &mut [u8],
    token: u64,
) -> OidOutcome {
    let n = buf.len();
    let mut req = OidRequest {
        request_type: rt,
        oid,
        buffer: buf,
        input_len: n,
        bytes_read: 0,
        bytes_written: 0,
        bytes_needed: 0,
        token: OidToken(token),
    };
    s.handle(os, &mut req)
}

fn oid(s: &AdapterSriov, os: &TestOs, rt: RequestType, oid: u32, buf: &mut [u8]) -> u32 {
    match oid_tok(s, os, rt, oid, buf, 1) {
        OidOutcome::Complete(st) => st,
        OidOutcome::Pending => panic!("this OID does not pend"),
    }
}

fn frame(dst: [u8; 6], seq: u8) -> Vec<u8> {
    let mut b = vec![0u8; 64];
    let n = build_frame(&mut b, dst, [2, 1, 1, 1, 1, 1], None, 0x0800, &[seq; 46]).unwrap();
    b.truncate(n);
    b
}

fn cpu(n: u8) -> ProcessorNumber {
    ProcessorNumber { group: 0, number: n }
}

/// A switch with PF vPort `vport` on processor `p`, Activated, filter `vport + 100` for mac(vport).
fn pf_vport_up(s: &AdapterSriov, os: &TestOs, vport: u32, p: u8) {
    assert_eq!(
        oid(
            s,
            os,
            RequestType::Method,
            OID_NIC_SWITCH_CREATE_VPORT,
            &mut vport_buf(
                vport,
                NDIS_PF_FUNCTION_ID,
                1,
                vport_params::STATE_DEACTIVATED,
                1 << p,
                0
            )
        ),
        NDIS_STATUS_SUCCESS
    );
    let mut b = vport_set_buf(
        vport,
        vport_params::STATE_CHANGED,
        vport_params::STATE_ACTIVATED,
        1 << p,
    );
    assert_eq!(
        oid(s, os, RequestType::Set, OID_NIC_SWITCH_VPORT_PARAMETERS, &mut b),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        oid(
            s,
            os,
            RequestType::Method,
            OID_RECEIVE_FILTER_SET_FILTER,
            &mut set_filter_buf(vport + 100, vport, mac(vport as u8), None)
        ),
        NDIS_STATUS_SUCCESS
    );
}

fn engine() -> (Arc<Device>, AdapterSriov, TestOs) {
    let dev = Arc::new(Device::new(device_config(), Arc::new(NullMsi)).unwrap());
    let s = AdapterSriov::new(dev.clone(), true, false, Some(4), true);
    let os = TestOs::new(dev.clone());
    assert_eq!(
        oid(
            &s,
            &os,
            RequestType::Method,
            OID_NIC_SWITCH_CREATE_SWITCH,
            &mut create_switch_buf(2, 1)
        ),
        NDIS_STATUS_SUCCESS
    );
    (dev, s, os)
}

fn bank_of(s: &AdapterSriov, vport: u32) -> RxBankId {
    RxTable::bank_of(s.with_hw(|hw| hw.vport_queue(vport)).unwrap().0)
}

fn vport_indications(os: &TestOs, vport: u32) -> usize {
    os.indications
        .lock()
        .unwrap()
        .iter()
        .filter(|i| i.2 == vport)
        .map(|i| i.4.len())
        .sum()
}

#[test]
fn pf_vport_receives_are_tagged_with_the_vport_id_on_its_processor_and_stop_at_delete() {
    let dev = Arc::new(Device::new(device_config(), Arc::new(NullMsi)).unwrap());
    let s = AdapterSriov::new(dev.clone(), true, false, Some(4), true);
    let os = TestOs::new(dev.clone());
    let cpu2 = cpu(2);
    assert_eq!(
        oid(
            &s,
            &os,
            RequestType::Method,
            OID_NIC_SWITCH_CREATE_SWITCH,
            &mut create_switch_buf(2, 1)
        ),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        oid(
            &s,
            &os,
            RequestType::Method,
            OID_NIC_SWITCH_CREATE_VPORT,
            &mut vport_buf(
                3,
                NDIS_PF_FUNCTION_ID,
                1,
                vport_params::STATE_DEACTIVATED,
                1 << 2,
                0
            )
        ),
        NDIS_STATUS_SUCCESS
    );
    // Deactivated: no memory yet.
    assert_eq!(*os.shared_live.lock().unwrap(), 0);
    let mut b = vport_set_buf(
        3,
        vport_params::STATE_CHANGED,
        vport_params::STATE_ACTIVATED,
        1 << 2,
    );
    assert_eq!(
        oid(&s, &os, RequestType::Set, OID_NIC_SWITCH_VPORT_PARAMETERS, &mut b),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        *os.shared_live.lock().unwrap(),
        1,
        "receive memory allocated at activation"
    );
    assert_eq!(
        *os.shared_requests.lock().unwrap(),
        vec![(0, 3)],
        "QueueId 0, VPortId 3"
    );
    // No filter yet: nothing arrives.
    dev.receive(&frame(mac(3), 0));
    assert_eq!(s.dpc(&os, cpu2), 0);
    assert_eq!(
        oid(
            &s,
            &os,
            RequestType::Method,
            OID_RECEIVE_FILTER_SET_FILTER,
            &mut set_filter_buf(11, 3, mac(3), None)
        ),
        NDIS_STATUS_SUCCESS
    );
    for i in 1..=5 {
        dev.receive(&frame(mac(3), i));
    }
    assert_eq!(s.dpc(&os, cpu(0)), 0, "not on another processor");
    assert_eq!(s.dpc(&os, cpu2), 5);
    let bank = bank_of(&s, 3);
    let slots: Vec<u32>;
    {
        let ind = os.indications.lock().unwrap();
        assert_eq!(ind.len(), 1);
        let (b, q, vport, flags, frames) = &ind[0];
        assert_eq!((*b, *q, *vport), (bank, 0, 3), "VPortId 3, QueueId 0");
        assert_eq!(
            *flags,
            0x0001 | 0x0800 | 0x1000 | 0x0400,
            "DISPATCH_LEVEL | SINGLE_QUEUE | SHARED_MEMORY_INFO_VALID | PERFECT_FILTERED"
        );
        assert_eq!(
            frames.iter().map(|f| f[14]).collect::<Vec<_>>(),
            vec![1, 2, 3, 4, 5]
        );
        slots = (0..5).collect();
    }
    // Return two, keep three outstanding; clear the filter and delete the vPort: it pends.
    assert!(s.return_rx(&os, bank, slots[0]));
    assert!(s.return_rx(&os, bank, slots[1]));
    assert_eq!(
        oid(
            &s,
            &os,
            RequestType::Set,
            OID_RECEIVE_FILTER_CLEAR_FILTER,
            &mut clear_filter_buf(11)
        ),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        oid_tok(
            &s,
            &os,
            RequestType::Set,
            OID_NIC_SWITCH_DELETE_VPORT,
            &mut delete_vport_buf(3),
            77
        ),
        OidOutcome::Pending
    );
    dev.receive(&frame(mac(3), 9));
    assert_eq!(s.dpc(&os, cpu2), 0, "no indications after DELETE_VPORT");
    assert_eq!(
        *os.shared_live.lock().unwrap(),
        1,
        "memory kept while NBLs are out"
    );
    for slot in &slots[2..5] {
        assert!(s.return_rx(&os, bank, *slot));
    }
    assert_eq!(*os.shared_live.lock().unwrap(), 0, "freed with the last return");
    assert_eq!(os.completions.lock().unwrap().len(), 1);
    assert!(!s.owns_bank(bank));
    assert!(!s.return_rx(&os, bank, 0));
    s.halt(&os);
}

#[test]
fn delete_vport_of_a_pf_vport_pends_until_every_indicated_nbl_returns_then_frees_its_memory() {
    let (dev, s, os) = engine();
    pf_vport_up(&s, &os, 3, 1);
    for i in 0..6 {
        dev.receive(&frame(mac(3), i));
    }
    assert_eq!(s.dpc(&os, cpu(1)), 6);
    let bank = bank_of(&s, 3);
    assert_eq!(
        oid(
            &s,
            &os,
            RequestType::Set,
            OID_RECEIVE_FILTER_CLEAR_FILTER,
            &mut clear_filter_buf(103)
        ),
        NDIS_STATUS_SUCCESS
    );
    let before = os.indications.lock().unwrap().len();
    assert_eq!(
        oid_tok(
            &s,
            &os,
            RequestType::Set,
            OID_NIC_SWITCH_DELETE_VPORT,
            &mut delete_vport_buf(3),
            0x3003
        ),
        OidOutcome::Pending
    );
    assert!(os.completions.lock().unwrap().is_empty(), "not completed yet");
    // Traffic for its MAC and DPCs on every processor: nothing is indicated for vPort 3.
    for i in 0..4 {
        dev.receive(&frame(mac(3), 50 + i));
    }
    for p in 0..4 {
        s.dpc(&os, cpu(p));
    }
    assert_eq!(os.indications.lock().unwrap().len(), before);
    for slot in 0..5 {
        assert!(s.return_rx(&os, bank, slot));
        assert_eq!(
            *os.shared_live.lock().unwrap(),
            1,
            "memory kept while NBLs are out"
        );
        assert!(os.completions.lock().unwrap().is_empty());
    }
    assert!(s.return_rx(&os, bank, 5), "the last NBL");
    assert_eq!(
        *os.shared_live.lock().unwrap(),
        0,
        "freed exactly at the last return"
    );
    assert_eq!(
        *os.completions.lock().unwrap(),
        vec![(
            OidToken(0x3003),
            NDIS_STATUS_SUCCESS,
            OidBytes {
                read: delete_vport::SIZE_REVISION_1 as u32,
                written: 0,
                needed: 0
            }
        )]
    );
    // A second return of the same slot completes nothing more.
    assert!(!s.return_rx(&os, bank, 5));
    assert_eq!(os.completions.lock().unwrap().len(), 1);
    assert!(s.with_pf(|pf| pf.switch().vport(3).is_none()));
    assert_eq!(vport_indications(&os, 3), 6);
    s.halt(&os);
    assert_eq!(*os.shared_live.lock().unwrap(), 0);
}

#[test]
fn delete_vport_with_nothing_outstanding_completes_synchronously() {
    let (dev, s, os) = engine();
    pf_vport_up(&s, &os, 3, 1);
    for i in 0..3 {
        dev.receive(&frame(mac(3), i));
    }
    assert_eq!(s.dpc(&os, cpu(1)), 3);
    let bank = bank_of(&s, 3);
    for slot in 0..3 {
        assert!(s.return_rx(&os, bank, slot));
    }
    assert_eq!(
        oid(
            &s,
            &os,
            RequestType::Set,
            OID_RECEIVE_FILTER_CLEAR_FILTER,
            &mut clear_filter_buf(103)
        ),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        oid(
            &s,
            &os,
            RequestType::Set,
            OID_NIC_SWITCH_DELETE_VPORT,
            &mut delete_vport_buf(3)
        ),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(*os.shared_live.lock().unwrap(), 0, "freed in the OID");
    assert!(os.completions.lock().unwrap().is_empty(), "no later completion");
    // A vPort deleted while still Deactivated never had memory: synchronous as well, and its
    // queue goes back to the budget (the same queue serves the next PF vPort).
    assert_eq!(
        oid(
            &s,
            &os,
            RequestType::Method,
            OID_NIC_SWITCH_CREATE_VPORT,
            &mut vport_buf(4, NDIS_PF_FUNCTION_ID, 1, vport_params::STATE_DEACTIVATED, 1, 0)
        ),
        NDIS_STATUS_SUCCESS
    );
    let q4 = s.with_hw(|hw| hw.vport_queue(4)).unwrap();
    assert_eq!(
        oid(
            &s,
            &os,
            RequestType::Set,
            OID_NIC_SWITCH_DELETE_VPORT,
            &mut delete_vport_buf(4)
        ),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        oid(
            &s,
            &os,
            RequestType::Method,
            OID_NIC_SWITCH_CREATE_VPORT,
            &mut vport_buf(5, NDIS_PF_FUNCTION_ID, 1, vport_params::STATE_DEACTIVATED, 1, 0)
        ),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(s.with_hw(|hw| hw.vport_queue(5)), Some(q4));
    assert!(os.completions.lock().unwrap().is_empty());
    s.halt(&os);
    assert_eq!(*os.shared_live.lock().unwrap(), 0);
}

#[test]
fn reset_aborts_a_pended_delete_vport_once_and_a_reissued_one_pends_until_the_last_nbl() {
    let (dev, s, os) = engine();
    pf_vport_up(&s, &os, 3, 1);
    for i in 0..2 {
        dev.receive(&frame(mac(3), i));
    }
    assert_eq!(s.dpc(&os, cpu(1)), 2);
    let bank = bank_of(&s, 3);
    oid(
        &s,
        &os,
        RequestType::Set,
        OID_RECEIVE_FILTER_CLEAR_FILTER,
        &mut clear_filter_buf(103),
    );
    assert_eq!(
        oid_tok(
            &s,
            &os,
            RequestType::Set,
            OID_NIC_SWITCH_DELETE_VPORT,
            &mut delete_vport_buf(3),
            8
        ),
        OidOutcome::Pending
    );
    assert_eq!(s.reset(&os).aborted_deletes, 1);
    assert_eq!(s.reset(&os).aborted_deletes, 0, "aborted once");
    assert_eq!(
        os.completions
            .lock()
            .unwrap()
            .iter()
            .map(|c| (c.0, c.1))
            .collect::<Vec<_>>(),
        vec![(OidToken(8), NDIS_STATUS_REQUEST_ABORTED)]
    );
    assert_eq!(*os.shared_live.lock().unwrap(), 1, "NBLs still point into it");
    assert_eq!(
        oid_tok(
            &s,
            &os,
            RequestType::Set,
            OID_NIC_SWITCH_DELETE_VPORT,
            &mut delete_vport_buf(3),
            9
        ),
        OidOutcome::Pending,
        "re-issued: pends on the same free"
    );
    assert!(s.return_rx(&os, bank, 0));
    assert!(s.return_rx(&os, bank, 1));
    assert_eq!(*os.shared_live.lock().unwrap(), 0);
    assert_eq!(
        os.completions
            .lock()
            .unwrap()
            .iter()
            .map(|c| (c.0, c.1))
            .collect::<Vec<_>>(),
        vec![
            (OidToken(8), NDIS_STATUS_REQUEST_ABORTED),
            (OidToken(9), NDIS_STATUS_SUCCESS)
        ]
    );
    // Afterwards the id is unknown again.
    assert_eq!(
        oid(
            &s,
            &os,
            RequestType::Set,
            OID_NIC_SWITCH_DELETE_VPORT,
            &mut delete_vport_buf(3)
        ),
        NDIS_STATUS_INVALID_PARAMETER
    );
    s.halt(&os);
}

#[test]
fn affinity_change_moves_a_pf_vports_dpc_without_losing_frames() {
    let (dev, s, os) = engine();
    pf_vport_up(&s, &os, 3, 1);
    for i in 0..4 {
        dev.receive(&frame(mac(3), i));
    }
    os.dpcs.lock().unwrap().clear();
    let mut b = vport_set_buf(
        3,
        vport_params::PROCESSOR_AFFINITY_CHANGED,
        vport_params::STATE_ACTIVATED,
        1 << 3,
    );
    assert_eq!(
        oid(&s, &os, RequestType::Set, OID_NIC_SWITCH_VPORT_PARAMETERS, &mut b),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        *os.dpcs.lock().unwrap(),
        vec![cpu(3)],
        "the new processor's DPC is kicked"
    );
    assert_eq!(s.dpc(&os, cpu(1)), 0, "not on the old processor");
    assert_eq!(s.dpc(&os, cpu(3)), 4);
    let got: Vec<u8> = os.indications.lock().unwrap()[0]
        .4
        .iter()
        .map(|f| f[14])
        .collect();
    assert_eq!(got, vec![0, 1, 2, 3]);
    for slot in 0..4 {
        assert!(s.return_rx(&os, bank_of(&s, 3), slot));
    }
    s.halt(&os);
    assert_eq!(*os.shared_live.lock().unwrap(), 0);
}

/// vPort 3's indication (processor 1) blocks until vPort 4 (processor 2, another thread) has
/// indicated and returned NBLs: with any lock shared across vPorts in the DPC or return path,
/// vPort 4 could not get through while vPort 3's DPC is inside its indication (the bounded wait
/// then fails the test instead of hanging).
#[test]
fn pf_vport_dpcs_take_no_lock_shared_with_other_vports() {
    let (dev, s, os) = engine();
    let s = Arc::new(s);
    let os = Arc::new(os);
    pf_vport_up(&s, &os, 3, 1);
    pf_vport_up(&s, &os, 4, 2);
    let bank4 = bank_of(&s, 4);
    let (tx, rx) = mpsc::channel::<()>();
    let rx = Mutex::new(rx);
    let (in3_tx, in3_rx) = mpsc::channel::<()>();
    let in3_tx = Mutex::new(in3_tx);
    let saw_4_inside_3 = Arc::new(AtomicBool::new(false));
    let returned_4 = Arc::new(AtomicU32::new(0));
    {
        let saw = saw_4_inside_3.clone();
        let s2 = s.clone();
        let os_weak = Arc::downgrade(&os);
        let returned = returned_4.clone();
        let tx = Mutex::new(tx);
        *os.indicate_hook.lock().unwrap() = Some(Arc::new(move |ind| {
            if ind.vport_id == 3 {
                let _ = in3_tx.lock().unwrap().send(());
                let ok = rx.lock().unwrap().recv_timeout(Duration::from_secs(20)).is_ok();
                saw.store(ok, Ordering::SeqCst);
            } else if ind.vport_id == 4 {
                // NDIS may return NBLs from inside the indication, on any processor.
                let os = os_weak.upgrade().unwrap();
                for f in ind.frames {
                    if s2.return_rx(&*os, ind.bank, f.slot) {
                        returned.fetch_add(1, Ordering::SeqCst);
                    }
                }
                let _ = tx.lock().unwrap().send(());
            }
        }));
    }
    dev.receive(&frame(mac(3), 1));
    let a = {
        let s = s.clone();
        let os = os.clone();
        std::thread::spawn(move || s.dpc(&*os, cpu(1)))
    };
    in3_rx
        .recv_timeout(Duration::from_secs(20))
        .expect("vPort 3's DPC entered its indication");
    // While vPort 3's DPC sits in its indication, vPort 4 keeps receiving and returning.
    let mut total4 = 0;
    for round in 0..20u8 {
        for i in 0..3 {
            dev.receive(&frame(mac(4), round.wrapping_mul(3).wrapping_add(i)));
        }
        total4 += s.dpc(&*os, cpu(2));
    }
    assert_eq!(a.join().unwrap(), 1);
    assert!(
        saw_4_inside_3.load(Ordering::SeqCst),
        "vPort 4 indicated while vPort 3's indication was in progress"
    );
    assert_eq!(total4, 60, "nothing lost on vPort 4");
    assert_eq!(returned_4.load(Ordering::SeqCst), 60);
    assert_eq!(vport_indications(&os, 4), 60);
    let seqs: Vec<u8> = os
        .indications
        .lock()
        .unwrap()
        .iter()
        .filter(|i| i.2 == 4)
        .flat_map(|i| i.4.iter().map(|f| f[14]).collect::<Vec<_>>())
        .collect();
    assert_eq!(seqs, (0..60).collect::<Vec<u8>>(), "in order");
    assert!(!s.return_rx(&*os, bank4, 0), "all of vPort 4's NBLs are back");
    *os.indicate_hook.lock().unwrap() = None;
    assert!(s.return_rx(&*os, bank_of(&s, 3), 0));
    s.halt(&*os);
    assert_eq!(*os.shared_live.lock().unwrap(), 0);
}

/// Two threads, each driving its own vPort on its own processor (frames in, DPC, every NBL
/// returned right away from the other thread's side of the table), with DELETE_VPORT of a third
/// vPort pending meanwhile: every frame is indicated once, in order, and the pended delete
/// completes exactly once.
#[test]
fn concurrent_pf_vport_dpcs_and_returns_lose_nothing_while_another_vport_is_deleted() {
    let (dev, s, os) = engine();
    let s = Arc::new(s);
    let os = Arc::new(os);
    pf_vport_up(&s, &os, 3, 1);
    pf_vport_up(&s, &os, 4, 2);
    pf_vport_up(&s, &os, 5, 3);
    dev.receive(&frame(mac(5), 0));
    assert_eq!(s.dpc(&*os, cpu(3)), 1);
    let bank5 = bank_of(&s, 5);
    oid(
        &s,
        &os,
        RequestType::Set,
        OID_RECEIVE_FILTER_CLEAR_FILTER,
        &mut clear_filter_buf(105),
    );
    assert_eq!(
        oid_tok(
            &s,
            &os,
            RequestType::Set,
            OID_NIC_SWITCH_DELETE_VPORT,
            &mut delete_vport_buf(5),
            55
        ),
        OidOutcome::Pending
    );
    let mut threads = Vec::new();
    for (vport, p) in [(3u32, 1u8), (4, 2)] {
        let s = s.clone();
        let os = os.clone();
        let dev = dev.clone();
        threads.push(std::thread::spawn(move || {
            let bank = RxTable::bank_of(s.with_hw(|hw| hw.vport_queue(vport)).unwrap().0);
            let mut n = 0usize;
            for round in 0..100u32 {
                for i in 0..4u32 {
                    dev.receive(&frame(mac(vport as u8), ((round * 4 + i) % 251) as u8));
                }
                loop {
                    let got = s.dpc(&*os, cpu(p));
                    if got == 0 {
                        break;
                    }
                    n += got;
                }
                for slot in 0..256 {
                    s.return_rx(&*os, bank, slot);
                }
            }
            n
        }));
    }
    assert!(s.return_rx(&*os, bank5, 0));
    let n: Vec<usize> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    assert_eq!(n, vec![400, 400]);
    assert_eq!((vport_indications(&os, 3), vport_indications(&os, 4)), (400, 400));
    for v in [3u32, 4] {
        let seqs: Vec<u8> = os
            .indications
            .lock()
            .unwrap()
            .iter()
            .filter(|i| i.2 == v)
            .flat_map(|i| i.4.iter().map(|f| f[14]).collect::<Vec<_>>())
            .collect();
        assert_eq!(seqs, (0..400u32).map(|i| (i % 251) as u8).collect::<Vec<_>>());
    }
    assert_eq!(
        os.completions
            .lock()
            .unwrap()
            .iter()
            .map(|c| (c.0, c.1))
            .collect::<Vec<_>>(),
        vec![(OidToken(55), NDIS_STATUS_SUCCESS)]
    );
    s.halt(&*os);
    assert_eq!(*os.shared_live.lock().unwrap(), 0);
}

#[test]
fn a_pf_vport_vlan_filter_strips_the_tag_before_indicating() {
    let (dev, s, os) = engine();
    assert_eq!(
        oid(
            &s,
            &os,
            RequestType::Method,
            OID_NIC_SWITCH_CREATE_VPORT,
            &mut vport_buf(
                3,
                NDIS_PF_FUNCTION_ID,
                1,
                vport_params::STATE_DEACTIVATED,
                1 << 1,
                0
            )
        ),
        NDIS_STATUS_SUCCESS
    );
    let mut b = vport_set_buf(
        3,
        vport_params::STATE_CHANGED,
        vport_params::STATE_ACTIVATED,
        1 << 1,
    );
    assert_eq!(
        oid(&s, &os, RequestType::Set, OID_NIC_SWITCH_VPORT_PARAMETERS, &mut b),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        oid(
            &s,
            &os,
            RequestType::Method,
            OID_RECEIVE_FILTER_SET_FILTER,
            &mut set_filter_buf(20, 3, mac(3), Some(20))
        ),
        NDIS_STATUS_SUCCESS
    );
    let mut f = vec![0u8; 80];
    let n = build_frame(&mut f, mac(3), [2, 1, 1, 1, 1, 1], Some(20), 0x0800, &[9; 46]).unwrap();
    dev.receive(&f[..n]);
    assert_eq!(s.dpc(&os, cpu(1)), 1);
    let got = os.indications.lock().unwrap()[0].4[0].clone();
    assert_eq!(got.len(), n - 4, "the 802.1Q tag is not in the indicated frame");
    assert_eq!((&got[12..14], got[14]), (&[0x08, 0x00][..], 9));
    assert!(s.return_rx(&os, bank_of(&s, 3), 0));
    s.halt(&os);
}
