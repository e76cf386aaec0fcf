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

fn counters_of(host: &Host, adapter: u32) -> Vec<u8> {
    let resp = host.ctl(&request(CtlOp::Counters, adapter, &[]));
    let (st, c) = parse_response(&resp).unwrap();
    assert_eq!(st, CtlStatus::Ok);
    c.to_vec()
}

fn named(c: &[u8], name: &str) -> Option<u64> {
    counter(c, COUNTER_NAMES.iter().position(|x| *x == name).unwrap())
}

/// A frame from adapter 0's MAC to `dst`.
fn frame_to(dst: [u8; 6], src: [u8; 6], seq: u8) -> Vec<u8> {
    let mut f = dst.to_vec();
    f.extend_from_slice(&src);
    f.extend_from_slice(&[0x88, 0xB5, seq]);
    f.resize(64, seq);
    f
}

fn mac_of(a: &hyperv_sim::AdapterRef<'_>) -> [u8; 6] {
    a.query(0x0101_0102, 6).out.try_into().unwrap()
}

#[test]
fn ctl_counters_report_sends_with_an_unusable_queue_id_as_sends_target_sanitized() {
    let host = Host::builder()
        .processors(2)
        .adapters(2)
        .keywords(&[("*RssOrVmqPreference", 1), ("*VMQ", 1)])
        .build()
        .unwrap();
    let (a, b) = (host.adapter(0), host.adapter(1));
    let (own, peer) = (mac_of(&a), mac_of(&b));
    let c = counters_of(&host, 0);
    assert_eq!(counter_count(&c), Some(COUNTER_NAMES.len()));
    assert_eq!(named(&c, "sends_target_sanitized"), Some(0));
    // QueueId 0 (the default queue) is usable: nothing sanitized.
    let ok: Vec<_> = (0..2).map(|i| frame_to(peer, own, i)).collect();
    assert_eq!(a.send_filtered(&ok, 0), vec![0; 2]);
    // QueueId 5 was never allocated: three NBLs go out from the default pool and are counted.
    let bad: Vec<_> = (2..5).map(|i| frame_to(peer, own, i)).collect();
    assert_eq!(a.send_filtered(&bad, 5), vec![0; 3]);
    let c = counters_of(&host, 0);
    assert_eq!(named(&c, "sends_target_sanitized"), Some(3));
    assert_eq!(named(&c, "tx_frames"), Some(5));
    assert_eq!(named(&counters_of(&host, 1), "sends_target_sanitized"), Some(0));
    drop((a, b));
    host.halt().unwrap();
}

#[test]
fn ctl_counters_report_sends_with_an_unknown_vport_id_as_sends_target_sanitized() {
    use hyperv_sim::vswitch::iov::{delete_switch_buf, switch_params_buf};
    let host = Host::builder()
        .processors(2)
        .adapters(2)
        .keywords(&[("*SriovPreferred", 1), ("*SRIOV", 1), ("*VMQ", 0), ("*NumVFs", 4)])
        .build()
        .unwrap();
    let (a, b) = (host.adapter(0), host.adapter(1));
    let (own, peer) = (mac_of(&a), mac_of(&b));
    let create = a.oid(
        hyperv_sim::RequestType::Method,
        svnic_abi::oid::OID_NIC_SWITCH_CREATE_SWITCH,
        &switch_params_buf(2),
        0,
    );
    assert_eq!(create.status, 0);
    // VPortId 0 is the default vPort; 9 was never created.
    assert_eq!(a.send_filtered(&[frame_to(peer, own, 1)], 0), vec![0]);
    let bad: Vec<_> = (2..6).map(|i| frame_to(peer, own, i)).collect();
    assert_eq!(a.send_filtered(&bad, 9), vec![0; 4]);
    let c = counters_of(&host, 0);
    assert_eq!(named(&c, "sends_target_sanitized"), Some(4));
    assert_eq!(named(&c, "tx_frames"), Some(5));
    assert_eq!(
        a.set(svnic_abi::oid::OID_NIC_SWITCH_DELETE_SWITCH, &delete_switch_buf())
            .status,
        0
    );
    drop((a, b));
    host.halt().unwrap();
}

mod passthrough_order {
    use super::*;
    use hyperv_sim::vswitch::vmq::{VmConfig, VmqSwitch};
    use hyperv_sim::RequestType;
    use std::time::{Duration, Instant};
    use svnic_abi::status::*;

    const OID_GEN_CURRENT_PACKET_FILTER: u32 = 0x0001_010E;
    const PROMISCUOUS_DIRECTED_BROADCAST: u32 = 0x20 | 0x1 | 0x8;
    const VM_MAC: [u8; 6] = [0x00, 0x15, 0x5d, 0x00, 0x02, 1];

    fn vmq_host() -> Host {
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

    fn vm_frame(seq: u8) -> Vec<u8> {
        let mut f = VM_MAC.to_vec();
        f.extend_from_slice(&[0x02, 0, 0, 0, 0, 0x77, 0x08, 0x00, seq]);
        f.resize(64, 0xAB);
        f
    }

    /// The OID reply of one passthrough: (status, written, read, needed, output).
    fn passthrough(
        host: &Host,
        rt: u32,
        oid: u32,
        input: &[u8],
        out_len: u32,
    ) -> (u32, u32, u32, u32, Vec<u8>) {
        let mut p = oid_request_header(rt, oid, out_len).to_vec();
        p.extend_from_slice(input);
        let resp = host.ctl(&request(CtlOp::Oid, 0, &p));
        let (st, body) = parse_response(&resp).unwrap();
        assert_eq!(st, CtlStatus::Ok);
        let (s, w, r, n, out) = parse_oid_response(body).unwrap();
        (s, w, r, n, out.to_vec())
    }

    fn clear_filter_buf(queue: u32, filter: u32) -> Vec<u8> {
        let mut b = vec![0x80, 1, 16, 0];
        for v in [0, queue, filter] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        b
    }

    fn free_queue_buf(queue: u32) -> Vec<u8> {
        let mut b = vec![0x80, 1, 12, 0];
        b.extend_from_slice(&0u32.to_le_bytes());
        b.extend_from_slice(&queue.to_le_bytes());
        b
    }

    #[test]
    fn a_passthrough_while_ndis_free_queue_is_pended_is_busy_and_the_free_queue_completes_to_ndis() {
        let h = vmq_host();
        let nic = h.adapter(0);
        let mut sw = VmqSwitch::new(h.adapter(0));
        let vm = sw.connect(VmConfig {
            name: "a".into(),
            mac: VM_MAC,
            vlan: None,
            vmq_weight: 1,
            processor: 1,
        });
        assert_eq!(sw.vm(vm).queue, Some(1));
        nic.hold_returns(true);
        for i in 0..4 {
            nic.wire_inject(&vm_frame(i));
        }
        assert!(nic.wait_received(4, Duration::from_secs(10)));
        let pended_before = nic.pended_oids();
        let busy = std::thread::scope(|s| {
            // The switch disconnects the VM: CLEAR_FILTER, then FREE_QUEUE pends on the 4 held
            // NBLs; NDIS has an OID in flight until NdisMOidRequestComplete.
            let switch = s.spawn(|| sw.disconnect(vm));
            let deadline = Instant::now() + Duration::from_secs(10);
            while nic.pended_oids() == pended_before && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(1));
            }
            assert_eq!(nic.pended_oids(), pended_before + 1, "FREE_QUEUE did not pend");
            // A query and a set through the control device: refused, the miniport not called.
            let q = passthrough(&h, 0, OID_GEN_CURRENT_PACKET_FILTER, &[], 4);
            let set = passthrough(&h, 1, OID_GEN_CURRENT_PACKET_FILTER, &0x1u32.to_le_bytes(), 0);
            nic.hold_returns(false);
            assert_eq!(nic.release_held(), 4);
            switch.join().unwrap();
            (q, set)
        });
        assert_eq!(busy.0, (NDIS_STATUS_BUSY, 0, 0, 0, vec![]));
        assert_eq!(busy.1, (NDIS_STATUS_BUSY, 0, 0, 0, vec![]));
        // NDIS's FREE_QUEUE got its own completion, once, with SUCCESS.
        let free = sw.issued.last().copied().unwrap();
        assert_eq!(
            (free.oid, free.queue_id, free.status),
            (
                svnic_abi::oid::OID_RECEIVE_FILTER_FREE_QUEUE,
                1,
                NDIS_STATUS_SUCCESS
            )
        );
        assert_eq!(nic.pended_oids(), pended_before + 1);
        // The gate is open again: the set never reached the miniport (filter unchanged).
        assert_eq!(
            passthrough(&h, 0, OID_GEN_CURRENT_PACKET_FILTER, &[], 4),
            (
                NDIS_STATUS_SUCCESS,
                4,
                0,
                0,
                PROMISCUOUS_DIRECTED_BROADCAST.to_le_bytes().to_vec()
            )
        );
        drop(nic);
        drop(sw);
        h.halt().unwrap();
    }

    #[test]
    fn a_free_queue_through_the_control_device_is_refused_before_the_miniport_sees_it() {
        let h = vmq_host();
        let nic = h.adapter(0);
        let mut sw = VmqSwitch::new(h.adapter(0));
        let vm = sw.connect(VmConfig {
            name: "a".into(),
            mac: VM_MAC,
            vlan: None,
            vmq_weight: 1,
            processor: 1,
        });
        assert_eq!(sw.vm(vm).queue, Some(1));
        let adapter = nic.driver_adapter().unwrap();
        let pended_before = nic.pended_oids();
        // FREE_QUEUE for an allocated queue, as a set and (wrongly) as a method: refused before
        // the miniport sees it (with the filter still set the miniport itself would answer
        // INVALID_PARAMETER).
        let refused = || {
            for rt in [1, 2] {
                assert_eq!(
                    passthrough(
                        &h,
                        rt,
                        svnic_abi::oid::OID_RECEIVE_FILTER_FREE_QUEUE,
                        &free_queue_buf(1),
                        0
                    ),
                    (PASSTHROUGH_MAY_PEND, 0, 0, 0, vec![])
                );
            }
        };
        refused();
        assert_eq!(PASSTHROUGH_MAY_PEND, NDIS_STATUS_INVALID_DEVICE_REQUEST);
        // The queue is untouched and still receives.
        assert_eq!(
            adapter.vmq().queue_snapshot(1).unwrap().state,
            svnic_miniport::vmq::state::QueueState::Running
        );
        nic.wire_inject(&vm_frame(7));
        assert!(nic.wait_received(1, Duration::from_secs(10)));
        assert_eq!(nic.received()[0].queue_id, 1);
        h.quiesce();
        // NDIS clears the filter: now the miniport would free the queue, and the control device
        // still refuses to ask it.
        let filter = sw.vm(vm).filter.unwrap();
        assert_eq!(
            nic.set(
                svnic_abi::oid::OID_RECEIVE_FILTER_CLEAR_FILTER,
                &clear_filter_buf(1, filter)
            )
            .status,
            NDIS_STATUS_SUCCESS
        );
        refused();
        assert!(adapter.vmq().queue_snapshot(1).is_some());
        assert_eq!(nic.pended_oids(), pended_before);
        // NDIS's own FREE_QUEUE with the same bytes is served (no NBL outstanding: at once).
        let free = nic.set(svnic_abi::oid::OID_RECEIVE_FILTER_FREE_QUEUE, &free_queue_buf(1));
        assert_eq!((free.status, free.bytes_read), (NDIS_STATUS_SUCCESS, 12));
        assert_eq!(nic.pended_oids(), pended_before);
        assert!(adapter.vmq().queue_snapshot(1).is_none());
        drop(adapter);
        drop(nic);
        drop(sw);
        h.halt().unwrap();
    }

    #[test]
    fn passthroughs_interleaved_with_ndis_oids_are_either_served_whole_or_busy_and_ndis_oids_all_succeed() {
        let h = vmq_host();
        let nic = h.adapter(0);
        let filters = [0x1u32 | 0x8, PROMISCUOUS_DIRECTED_BROADCAST];
        let (ndis, ctl) = std::thread::scope(|s| {
            let ndis = s.spawn(|| {
                (0..300)
                    .map(|i| {
                        let r = nic.set(OID_GEN_CURRENT_PACKET_FILTER, &filters[i % 2].to_le_bytes());
                        (r.status, r.bytes_read)
                    })
                    .collect::<Vec<_>>()
            });
            let ctl: Vec<_> = (0..300)
                .map(|_| passthrough(&h, 0, OID_GEN_CURRENT_PACKET_FILTER, &[], 4))
                .collect();
            (ndis.join().unwrap(), ctl)
        });
        assert_eq!(ndis, vec![(NDIS_STATUS_SUCCESS, 4); 300]);
        for r in &ctl {
            let served = r.0 == NDIS_STATUS_SUCCESS
                && (r.1, r.2, r.3) == (4, 0, 0)
                && filters.iter().any(|f| r.4 == f.to_le_bytes());
            assert!(served || *r == (NDIS_STATUS_BUSY, 0, 0, 0, vec![]), "{r:?}");
        }
        // Once NDIS is idle the passthrough is served and sees NDIS's last set.
        assert_eq!(
            passthrough(&h, 0, OID_GEN_CURRENT_PACKET_FILTER, &[], 4),
            (NDIS_STATUS_SUCCESS, 4, 0, 0, filters[1].to_le_bytes().to_vec())
        );
        drop(nic);
        h.halt().unwrap();
    }

    #[test]
    fn a_delete_vport_through_the_control_device_is_refused_and_the_vport_keeps_its_queue() {
        use hyperv_sim::vswitch::iov::{
            delete_switch_buf, delete_vport_buf, pf_vport_buf, switch_params_buf, vport_parameters_buf,
        };
        use svnic_abi::oid::*;
        use svnic_miniport::sriov::abi::vport_params::{STATE_ACTIVATED, STATE_CHANGED, STATE_DEACTIVATED};
        let h = Host::builder()
            .processors(2)
            .keywords(&[("*SriovPreferred", 1), ("*SRIOV", 1), ("*VMQ", 0), ("*NumVFs", 4)])
            .build()
            .unwrap();
        let a = h.adapter(0);
        let method = |oid: u32, buf: &[u8]| a.oid(RequestType::Method, oid, buf, 0).status;
        assert_eq!(
            method(OID_NIC_SWITCH_CREATE_SWITCH, &switch_params_buf(2)),
            NDIS_STATUS_SUCCESS
        );
        assert_eq!(
            method(
                OID_NIC_SWITCH_CREATE_VPORT,
                &pf_vport_buf(3, 1, STATE_DEACTIVATED, 0)
            ),
            NDIS_STATUS_SUCCESS
        );
        let activate = vport_parameters_buf(3, STATE_CHANGED, STATE_ACTIVATED, 1);
        assert_eq!(
            a.set(OID_NIC_SWITCH_VPORT_PARAMETERS, &activate).status,
            NDIS_STATUS_SUCCESS
        );
        let queue = || {
            a.driver_adapter()
                .unwrap()
                .sriov()
                .with_hw(|hw| hw.vport_queue(3))
        };
        let q = queue();
        assert!(q.is_some());
        for rt in [1, 2] {
            assert_eq!(
                passthrough(&h, rt, OID_NIC_SWITCH_DELETE_VPORT, &delete_vport_buf(3), 0),
                (PASSTHROUGH_MAY_PEND, 0, 0, 0, vec![])
            );
        }
        assert_eq!(queue(), q);
        // NDIS's own DELETE_VPORT with the same bytes is served (no NBL outstanding: at once).
        assert_eq!(
            a.set(OID_NIC_SWITCH_DELETE_VPORT, &delete_vport_buf(3)).status,
            NDIS_STATUS_SUCCESS
        );
        assert_eq!(queue(), None);
        assert_eq!(
            a.set(OID_NIC_SWITCH_DELETE_SWITCH, &delete_switch_buf()).status,
            NDIS_STATUS_SUCCESS
        );
        drop(a);
        h.halt().unwrap();
    }
}

#[test]
fn ctl_requests_racing_an_adapters_halt_end_ok_or_no_such_adapter_and_none_runs_after_it() {
    // One thread keeps sending packet-filter sets, counter reads and injected frames to adapter 1
    // while the main thread halts it (MiniportHaltEx closes the adapter's control rundown and
    // waits for requests inside). Every reply is a whole Ok answer or NoSuchAdapter, the halt
    // leaks nothing, and once it returned every request gets NoSuchAdapter.
    use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
    let host = Host::builder().processors(2).adapters(2).build().unwrap();
    let mut set = oid_request_header(1, 0x0001_010E, 0).to_vec();
    set.extend_from_slice(&0x9u32.to_le_bytes());
    let frame = frame_to([0x02, 0x5E, 0x56, 0, 0, 2], [2, 9, 9, 9, 9, 9], 1);
    let requests = [
        request(CtlOp::Oid, 1, &set),
        request(CtlOp::Counters, 1, &[]),
        request(CtlOp::Inject, 1, &frame),
    ];
    let (ok, halted) = (AtomicU32::new(0), AtomicBool::new(false));
    let gone = std::thread::scope(|s| {
        let client = s.spawn(|| {
            let mut gone = 0u32;
            let mut after_halt = 0u32;
            for i in 0.. {
                let halt_done = halted.load(Ordering::Acquire);
                let r = host.ctl(&requests[i % requests.len()]);
                match parse_response(&r).unwrap() {
                    (CtlStatus::Ok, p) => {
                        assert_eq!(gone, 0, "a request ran on adapter 1 after one saw it gone");
                        assert!(!halt_done, "a request ran on adapter 1 after its halt returned");
                        if i % requests.len() == 0 {
                            let (st, _, _, _, _) = parse_oid_response(p).unwrap();
                            assert_eq!(st, 0, "packet-filter set through the passthrough");
                        }
                        ok.fetch_add(1, Ordering::AcqRel);
                    }
                    (CtlStatus::NoSuchAdapter, p) => {
                        assert!(p.is_empty());
                        gone += 1;
                        if halt_done {
                            after_halt += 1;
                            if after_halt == 30 {
                                break;
                            }
                        }
                    }
                    (other, _) => panic!("unexpected control status {other:?}"),
                }
            }
            gone
        });
        while ok.load(Ordering::Acquire) < 30 {
            std::thread::yield_now();
        }
        host.adapter(1).halt().unwrap();
        halted.store(true, Ordering::Release);
        client.join().unwrap()
    });
    assert!(ok.load(Ordering::Acquire) >= 30 && gone >= 30);
    // Adapter 0 still answers.
    let (st, _) = parse_response(&host.ctl(&request(CtlOp::Counters, 0, &[]))).unwrap();
    assert_eq!(st, CtlStatus::Ok);
    host.halt().unwrap();
}
