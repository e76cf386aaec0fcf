//! Pause, halt, DPC semantics, failure injection and leak detection, through the real entry points.

use hyperv_sim::{AllocKind, Host, HostError, RequestType};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use svnic_abi::miniport_chars::{KDPC, PROCESSOR_NUMBER};
use svnic_abi::status::*;

const OID_GEN_CURRENT_PACKET_FILTER: u32 = 0x0001_010E;
const OID_802_3_CURRENT_ADDRESS: u32 = 0x0101_0102;

fn two_up(procs: u32) -> (Host, [u8; 6], [u8; 6]) {
    let host = Host::builder().processors(procs).adapters(2).build().unwrap();
    for i in 0..2 {
        let r = host.adapter(i).oid(
            RequestType::Set,
            OID_GEN_CURRENT_PACKET_FILTER,
            &9u32.to_le_bytes(),
            0,
        );
        assert_eq!(r.status, NDIS_STATUS_SUCCESS);
    }
    let m0: [u8; 6] = host
        .adapter(0)
        .query(OID_802_3_CURRENT_ADDRESS, 6)
        .out
        .try_into()
        .unwrap();
    let m1: [u8; 6] = host
        .adapter(1)
        .query(OID_802_3_CURRENT_ADDRESS, 6)
        .out
        .try_into()
        .unwrap();
    (host, m0, m1)
}

fn frame(dst: [u8; 6], src: [u8; 6], seq: u32) -> Vec<u8> {
    let mut f = [dst.as_slice(), src.as_slice(), &[0x88, 0xB5]].concat();
    f.extend_from_slice(&seq.to_le_bytes());
    f.resize(64, 0xA5);
    f
}

#[test]
fn pause_pends_until_indicated_nbls_return_then_completes() {
    let (host, m0, m1) = two_up(2);
    let rx = host.adapter(1);
    rx.hold_returns(true);
    let frames: Vec<Vec<u8>> = (0..10).map(|i| frame(m1, m0, i)).collect();
    assert_eq!(host.adapter(0).send(&frames), vec![NDIS_STATUS_SUCCESS; 10]);
    assert!(rx.wait_received(10, Duration::from_secs(10)));
    host.quiesce();
    assert_eq!(rx.pause_begin(), NDIS_STATUS_PENDING);
    assert!(!rx.pause_completed());
    assert_eq!(rx.release_held(), 10);
    assert!(rx.pause_completed());
    assert_eq!(rx.rx_nbl_counts(), (10, 10));
    // Paused: a frame from the wire waits in the ring and arrives after restart.
    assert_eq!(
        host.adapter(0).send(&[frame(m1, m0, 99)]),
        vec![NDIS_STATUS_SUCCESS]
    );
    host.quiesce();
    assert_eq!(rx.received().len(), 10);
    rx.hold_returns(false);
    assert_eq!(rx.restart(), NDIS_STATUS_SUCCESS);
    assert!(rx.wait_received(11, Duration::from_secs(10)));
    assert_eq!(rx.received()[10].frame, frame(m1, m0, 99));
    host.halt().unwrap();
}

#[test]
fn sends_while_paused_complete_with_paused_status() {
    let (host, m0, m1) = two_up(2);
    assert_eq!(host.adapter(0).pause().unwrap(), NDIS_STATUS_SUCCESS);
    let st = host.adapter(0).send(&[frame(m1, m0, 1), frame(m1, m0, 2)]);
    assert_eq!(st, vec![0xC023_002A; 2]);
    assert_eq!(host.adapter(0).sends_outstanding(), 0);
    assert_eq!(host.adapter(0).restart(), NDIS_STATUS_SUCCESS);
    assert_eq!(
        host.adapter(0).send(&[frame(m1, m0, 3)]),
        vec![NDIS_STATUS_SUCCESS]
    );
    host.halt().unwrap();
}

#[test]
fn pause_during_traffic_completes_and_every_nbl_comes_back() {
    let (host, m0, m1) = two_up(4);
    let host = Arc::new(host);
    let stop = Arc::new(AtomicBool::new(false));
    let sent_ok = Arc::new(AtomicU64::new(0));
    let mut senders = Vec::new();
    for (from, to, fm, tm) in [(0usize, 1usize, m0, m1), (1, 0, m1, m0)] {
        let (h, stop, ok) = (host.clone(), stop.clone(), sent_ok.clone());
        senders.push(std::thread::spawn(move || {
            let mut seq = 0;
            while !stop.load(Ordering::Acquire) {
                let st = h
                    .adapter(from)
                    .send(&[frame(tm, fm, seq), frame(tm, fm, seq + 1)]);
                ok.fetch_add(
                    st.iter().filter(|s| **s == NDIS_STATUS_SUCCESS).count() as u64,
                    Ordering::Relaxed,
                );
                seq += 2;
            }
            let _ = to;
        }));
    }
    assert!(host.adapter(1).wait_received(50, Duration::from_secs(10)));
    for round in 0..5 {
        for i in 0..2 {
            assert_eq!(
                host.adapter(i).pause().unwrap(),
                NDIS_STATUS_SUCCESS,
                "round {round} adapter {i}"
            );
            assert_eq!(host.adapter(i).driver_adapter().unwrap().outstanding(), 0);
            assert_eq!(host.adapter(i).restart(), NDIS_STATUS_SUCCESS);
        }
    }
    stop.store(true, Ordering::Release);
    for s in senders {
        s.join().unwrap();
    }
    host.quiesce();
    for i in 0..2 {
        let (ind, ret) = host.adapter(i).rx_nbl_counts();
        assert_eq!(ind, ret, "adapter {i}");
        assert_eq!(host.adapter(i).sends_outstanding(), 0);
        assert!(host.adapter(i).anomalies().is_empty());
    }
    assert!(sent_ok.load(Ordering::Relaxed) > 0);
    Arc::try_unwrap(host).unwrap().halt().unwrap();
}

#[test]
fn halt_under_traffic_leaves_nothing_outstanding() {
    let (host, m0, m1) = two_up(4);
    let host = Arc::new(host);
    let stop = Arc::new(AtomicBool::new(false));
    let mut threads = Vec::new();
    {
        let (h, stop) = (host.clone(), stop.clone());
        threads.push(std::thread::spawn(move || {
            let mut seq = 0;
            while !stop.load(Ordering::Acquire) {
                let _ = h.adapter(0).send(&[frame(m1, m0, seq)]);
                seq += 1;
            }
        }));
    }
    {
        let (h, stop) = (host.clone(), stop.clone());
        threads.push(std::thread::spawn(move || {
            let mut seq = 0;
            while !stop.load(Ordering::Acquire) {
                let _ = h.adapter(0).wire_inject(&frame(m0, m1, seq));
                seq += 1;
            }
        }));
    }
    assert!(host.adapter(1).wait_received(100, Duration::from_secs(10)));
    assert!(host.adapter(0).wait_received(100, Duration::from_secs(10)));
    // Halt while both threads keep going: pause drains, halt frees, the leak check finds nothing.
    host.halt().unwrap();
    stop.store(true, Ordering::Release);
    for t in threads {
        t.join().unwrap();
    }
    for i in 0..2 {
        let (ind, ret) = host.adapter(i).rx_nbl_counts();
        assert_eq!(ind, ret);
        assert_eq!(host.adapter(i).sends_outstanding(), 0);
    }
}

#[test]
fn leak_check_fires_on_a_deliberately_leaked_nbl() {
    let host = Host::builder().processors(1).adapters(1).build().unwrap();
    host.adapter(0).leak_nbl_for_test();
    match host.halt() {
        Err(HostError::Leaked(r)) => {
            assert_eq!(r.len(), 1);
            assert_eq!(
                (r[0].adapter, r[0].pools, r[0].nbls, r[0].mdls, r[0].shared_memory),
                (0, 1, 1, 0, 0)
            );
        }
        other => panic!("expected a leak report, got {other:?}"),
    }
}

#[test]
fn nth_allocation_failure_fails_init_cleanly_without_leaks() {
    let cases = [
        (AllocKind::SharedMemory, 1),
        (AllocKind::NblPool, 1),
        (AllocKind::Mdl, 1),
        (AllocKind::Mdl, 100),
        (AllocKind::Mdl, 256),
        (AllocKind::Nbl, 1),
        (AllocKind::Nbl, 255),
        (AllocKind::Any, 1),
        (AllocKind::Any, 2),
        (AllocKind::Any, 3),
        (AllocKind::Any, 4),
        (AllocKind::Any, 300),
    ];
    for (kind, n) in cases {
        let r = Host::builder()
            .processors(1)
            .adapters(1)
            .fail_alloc(kind, n)
            .build();
        match r {
            Err(HostError::InitFailed { index, status, leaks }) => {
                assert_eq!(index, 0);
                assert_eq!(status, NDIS_STATUS_RESOURCES, "{kind:?} #{n}");
                assert!(leaks.is_clean(), "{kind:?} #{n}: {leaks:?}");
            }
            other => panic!("{kind:?} #{n}: expected InitFailed, got {:?}", other.map(|_| ())),
        }
    }
    // Beyond the last allocation init succeeds.
    let host = Host::builder()
        .processors(1)
        .adapters(1)
        .fail_alloc(AllocKind::Nbl, 257)
        .build()
        .unwrap();
    host.halt().unwrap();
}

static RAN_ON: Mutex<Vec<u32>> = Mutex::new(Vec::new());
static RUNS: AtomicU32 = AtomicU32::new(0);
static GATE: AtomicBool = AtomicBool::new(false);

unsafe extern "system" fn record(
    _d: *mut KDPC,
    _c: *mut std::ffi::c_void,
    _a: *mut std::ffi::c_void,
    _b: *mut std::ffi::c_void,
) {
    let mut p = PROCESSOR_NUMBER::default();
    // SAFETY: valid out pointer; runs on a simulated processor.
    unsafe { hyperv_sim::exports::KeGetCurrentProcessorNumberEx(&mut p) };
    RAN_ON.lock().unwrap().push(u32::from(p.Number));
    RUNS.fetch_add(1, Ordering::SeqCst);
}

unsafe extern "system" fn block(
    _d: *mut KDPC,
    _c: *mut std::ffi::c_void,
    _a: *mut std::ffi::c_void,
    _b: *mut std::ffi::c_void,
) {
    while !GATE.load(Ordering::Acquire) {
        std::thread::yield_now();
    }
}

type Routine =
    unsafe extern "system" fn(*mut KDPC, *mut std::ffi::c_void, *mut std::ffi::c_void, *mut std::ffi::c_void);

fn init(d: &mut KDPC, r: Routine) {
    // SAFETY: a KDPC owned by the test that outlives its use.
    unsafe { hyperv_sim::exports::KeInitializeDpc(d, r, std::ptr::null_mut()) }
}
fn target(d: &mut KDPC, n: u8) -> i32 {
    let mut p = PROCESSOR_NUMBER {
        Group: 0,
        Number: n,
        Reserved: 0,
    };
    // SAFETY: initialized KDPC and a valid processor number.
    unsafe { hyperv_sim::exports::KeSetTargetProcessorDpcEx(d, &mut p) }
}
fn insert(d: &mut KDPC) -> u8 {
    // SAFETY: initialized KDPC.
    unsafe { hyperv_sim::exports::KeInsertQueueDpc(d, std::ptr::null_mut(), std::ptr::null_mut()) }
}
fn remove(d: &mut KDPC) -> u8 {
    // SAFETY: initialized KDPC.
    unsafe { hyperv_sim::exports::KeRemoveQueueDpc(d) }
}
fn flush() {
    // SAFETY: plain flush.
    unsafe { hyperv_sim::exports::KeFlushQueuedDpcs() }
}

#[test]
fn queued_dpc_is_not_queued_twice_and_runs_on_its_target_processor() {
    let host = Host::builder().processors(3).adapters(0).build().unwrap();
    let mut blocker = Box::new(KDPC { Opaque: [0; 8] });
    let mut dpc = Box::new(KDPC { Opaque: [0; 8] });
    host.in_kernel_context(|| {
        init(&mut blocker, block);
        init(&mut dpc, record);
        assert_eq!(target(&mut blocker, 2), 0);
        assert_eq!(target(&mut dpc, 2), 0);
        assert_ne!(target(&mut dpc, 3), 0, "processor 3 does not exist");
        // Occupy processor 2, then queue the DPC behind the blocker.
        assert_eq!(insert(&mut blocker), 1);
        assert_eq!(insert(&mut dpc), 1);
        assert_eq!(insert(&mut dpc), 0);
        assert_eq!(insert(&mut dpc), 0);
    });
    GATE.store(true, Ordering::Release);
    host.in_kernel_context(flush);
    assert_eq!(RUNS.load(Ordering::SeqCst), 1);
    assert_eq!(*RAN_ON.lock().unwrap(), vec![2]);
    // Once it ran it can be queued again; a removed DPC does not run.
    GATE.store(false, Ordering::Release);
    host.in_kernel_context(|| {
        assert_eq!(insert(&mut blocker), 1);
        assert_eq!(insert(&mut dpc), 1);
        assert_eq!(remove(&mut dpc), 1);
        assert_eq!(remove(&mut dpc), 0);
    });
    GATE.store(true, Ordering::Release);
    host.in_kernel_context(flush);
    assert_eq!(RUNS.load(Ordering::SeqCst), 1);
    host.halt().unwrap();
}

#[test]
fn receive_dpc_runs_on_the_default_queue_processor_from_rss_base_keyword() {
    let host = Host::builder()
        .processors(4)
        .adapters(2)
        .keywords(&[("*RssBaseProcNumber", 3)])
        .build()
        .unwrap();
    for i in 0..2 {
        host.adapter(i).oid(
            RequestType::Set,
            OID_GEN_CURRENT_PACKET_FILTER,
            &9u32.to_le_bytes(),
            0,
        );
    }
    let m1: [u8; 6] = host
        .adapter(1)
        .query(OID_802_3_CURRENT_ADDRESS, 6)
        .out
        .try_into()
        .unwrap();
    let m0: [u8; 6] = host
        .adapter(0)
        .query(OID_802_3_CURRENT_ADDRESS, 6)
        .out
        .try_into()
        .unwrap();
    host.adapter(0)
        .send(&(0..20).map(|i| frame(m1, m0, i)).collect::<Vec<_>>());
    assert!(host.adapter(1).wait_received(20, Duration::from_secs(10)));
    assert!(host.adapter(1).received().iter().all(|r| r.processor == 3));
    host.halt().unwrap();
}

#[test]
fn reset_and_pnp_events_keep_the_adapter_working() {
    let (host, m0, m1) = two_up(2);
    assert_eq!(host.adapter(1).reset(), (NDIS_STATUS_SUCCESS, false));
    host.adapter(1)
        .pnp_event(svnic_abi::miniport_chars::NDIS_DEVICE_PNP_EVENT_POWER_PROFILE_CHANGED);
    host.adapter(0).send(&[frame(m1, m0, 7)]);
    assert!(host.adapter(1).wait_received(1, Duration::from_secs(10)));
    host.halt().unwrap();
}

#[test]
fn pause_also_waits_for_nbls_indicated_on_a_vm_queue() {
    use hyperv_sim::vswitch::vmq::{VmConfig, VmqSwitch};
    let host = Host::builder()
        .processors(4)
        .adapters(2)
        .keywords(&[("*RssOrVmqPreference", 1), ("*VMQ", 1)])
        .build()
        .unwrap();
    let vm_mac = [0x02, 0, 0x5e, 0, 0, 0x42];
    let mut sw = VmqSwitch::new(host.adapter(1));
    let id = sw.connect(VmConfig {
        name: "vm1".into(),
        mac: vm_mac,
        vlan: None,
        vmq_weight: 100,
        processor: 2,
    });
    let q = sw.vm(id).queue.expect("the VM got a queue");
    assert_ne!(q, 0);
    let rx = host.adapter(1);
    rx.hold_returns(true);
    let m0: [u8; 6] = host
        .adapter(0)
        .query(OID_802_3_CURRENT_ADDRESS, 6)
        .out
        .try_into()
        .unwrap();
    host.adapter(0)
        .send(&(0..5).map(|i| frame(vm_mac, m0, i)).collect::<Vec<_>>());
    assert!(rx.wait_received(5, Duration::from_secs(10)));
    host.quiesce();
    let got = rx.received();
    assert!(
        got.iter().all(|r| u32::from(r.queue_id) == q && r.processor == 2),
        "{got:?}"
    );
    assert_eq!(rx.pause_begin(), NDIS_STATUS_PENDING);
    assert!(!rx.pause_completed());
    assert_eq!(rx.release_held(), 5);
    assert!(rx.pause_completed());
    assert_eq!(rx.restart(), NDIS_STATUS_SUCCESS);
    rx.hold_returns(false);
    // NDIS frees every queue before MiniportHaltEx (the switch disconnects its VMs).
    sw.disconnect(id);
    drop(sw);
    host.halt().unwrap();
}

#[test]
fn free_queue_pends_until_nbls_return_and_completes_through_ndis_oid_request_complete() {
    use hyperv_sim::vswitch::vmq::{VmConfig, VmqSwitch};
    use svnic_miniport::vmq::ndis::{
        NDIS_STATUS_RECEIVE_QUEUE_STATE, OID_RECEIVE_FILTER_CLEAR_FILTER, OID_RECEIVE_FILTER_FREE_QUEUE,
    };
    let host = Host::builder()
        .processors(4)
        .adapters(2)
        .keywords(&[("*RssOrVmqPreference", 1), ("*VMQ", 1)])
        .build()
        .unwrap();
    let vm_mac = [0x02, 0, 0x5e, 0, 0, 0x43];
    let mut sw = VmqSwitch::new(host.adapter(1));
    let id = sw.connect(VmConfig {
        name: "vm".into(),
        mac: vm_mac,
        vlan: None,
        vmq_weight: 100,
        processor: 1,
    });
    let (q, f) = (sw.vm(id).queue.unwrap(), sw.vm(id).filter.unwrap());
    let rx = host.adapter(1);
    rx.hold_returns(true);
    let m0: [u8; 6] = host
        .adapter(0)
        .query(OID_802_3_CURRENT_ADDRESS, 6)
        .out
        .try_into()
        .unwrap();
    host.adapter(0)
        .send(&(0..4).map(|i| frame(vm_mac, m0, i)).collect::<Vec<_>>());
    assert!(rx.wait_received(4, Duration::from_secs(10)));
    host.quiesce();
    let clear = [
        &[0x80u8, 1, 16, 0][..],
        &0u32.to_le_bytes(),
        &q.to_le_bytes(),
        &f.to_le_bytes(),
    ]
    .concat();
    assert_eq!(
        rx.set(OID_RECEIVE_FILTER_CLEAR_FILTER, &clear).status,
        NDIS_STATUS_SUCCESS
    );
    let free = [&[0x80u8, 1, 12, 0][..], &0u32.to_le_bytes(), &q.to_le_bytes()].concat();
    std::thread::scope(|s| {
        let t = s.spawn(|| host.adapter(1).set(OID_RECEIVE_FILTER_FREE_QUEUE, &free));
        // The driver stops DMA and says so before it pends the OID.
        let stopped = || {
            rx.statuses()
                .iter()
                .any(|st| st.status == NDIS_STATUS_RECEIVE_QUEUE_STATE)
        };
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while !stopped() && std::time::Instant::now() < deadline {
            std::thread::yield_now();
        }
        assert!(stopped());
        assert!(!t.is_finished(), "FREE_QUEUE must pend while NBLs are held");
        assert_eq!(rx.release_held(), 4);
        let r = t.join().unwrap();
        assert_eq!((r.status, r.bytes_read), (NDIS_STATUS_SUCCESS, 12));
        assert_eq!(rx.pended_oids(), 1, "completed through NdisMOidRequestComplete");
    });
    assert_eq!(rx.rx_nbl_counts(), (4, 4));
    rx.hold_returns(false);
    drop(sw);
    host.halt().unwrap();
}
