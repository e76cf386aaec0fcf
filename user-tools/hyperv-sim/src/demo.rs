//! A small, readable run: one simulated Hyper-V host with two svnic adapters on the driver's
//! hub, exchanging frames through the real entry points, reported in plain text. svnicctl's
//! `demo` command and the README's main command call [`run_two_adapters`].

use crate::host::{Host, HostError, WAIT};
use std::fmt::Write;
use svnic_abi::ctl::*;
use svnic_miniport::oid::RequestType;

const OID_GEN_CURRENT_PACKET_FILTER: u32 = 0x0001_010E;
const DIRECTED_BROADCAST: u32 = 0x1 | 0x8;

fn ctl(host: &Host, op: CtlOp, adapter: u32, payload: &[u8]) -> (CtlStatus, Vec<u8>) {
    let mut req = request_header(op, adapter, payload.len() as u32).to_vec();
    req.extend_from_slice(payload);
    let resp = host.ctl(&req);
    match parse_response(&resp) {
        Ok((s, p)) => (s, p.to_vec()),
        Err(e) => (e, Vec::new()),
    }
}

fn mac(m: &[u8]) -> String {
    m.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":")
}

fn frame(dst: [u8; 6], src: [u8; 6], seq: u8, len: usize) -> Vec<u8> {
    let mut f = [dst.as_slice(), src.as_slice(), &[0x88, 0xB5], &[seq]].concat();
    f.resize(len, seq);
    f
}

/// Run the demo and return the report.
pub fn report_two_adapters() -> Result<String, HostError> {
    let mut out = String::new();
    let host = Host::builder().processors(4).adapters(2).build()?;
    let _ = writeln!(out, "hyperv-sim host {}: {} simulated processors, svnic loaded (DriverEntry -> NdisMRegisterMiniportDriver, NDIS 6.30)", host.id(), host.processors());

    let (st, list) = ctl(&host, CtlOp::ListAdapters, 0, &[]);
    let count = list
        .get(..4)
        .map_or(0, |b| u32::from_le_bytes(b.try_into().unwrap_or([0; 4])));
    let _ = writeln!(
        out,
        "control device: ListAdapters -> {st:?}, {count} adapters on one hub"
    );
    let mut macs = Vec::new();
    for i in 0..count as usize {
        let at = 4 + i * ADAPTER_ENTRY_LEN;
        if let Some(e) = list
            .get(at..at + ADAPTER_ENTRY_LEN)
            .and_then(AdapterEntry::decode)
        {
            let _ = writeln!(
                out,
                "  adapter {}: mac {} state {} hub port {}",
                e.index,
                mac(&e.mac),
                ["Paused", "Running", "Pausing", "Halted"]
                    .get(e.state as usize)
                    .unwrap_or(&"?"),
                e.port
            );
            macs.push(e.mac);
        }
    }
    for i in 0..2u32 {
        let mut p = oid_request_header(RequestType::Set.to_ndis(), OID_GEN_CURRENT_PACKET_FILTER, 0).to_vec();
        p.extend_from_slice(&DIRECTED_BROADCAST.to_le_bytes());
        let (_, r) = ctl(&host, CtlOp::Oid, i, &p);
        let status = parse_oid_response(&r).map(|x| x.0).unwrap_or(u32::MAX);
        let _ = writeln!(
            out,
            "  adapter {i}: OID_GEN_CURRENT_PACKET_FILTER <- DIRECTED|BROADCAST: status {status:#010x}"
        );
    }
    let (m0, m1) = match (macs.first(), macs.get(1)) {
        (Some(a), Some(b)) => (*a, *b),
        _ => return Err(HostError::NoSuchAdapter(1)),
    };
    let to1: Vec<Vec<u8>> = (0..4u8)
        .map(|i| frame(m1, m0, i, 60 + 200 * i as usize))
        .collect();
    let to0: Vec<Vec<u8>> = (0..3u8)
        .map(|i| frame(m0, m1, 10 + i, 1514 - 100 * i as usize))
        .collect();
    let bcast = vec![frame([0xff; 6], m0, 0xBB, 64)];
    let s0 = host.adapter(0).send(&to1);
    let s1 = host.adapter(1).send(&to0);
    let sb = host.adapter(0).send(&bcast);
    let _ = writeln!(out, "sent: adapter 0 -> 1: {} frames, adapter 1 -> 0: {} frames, adapter 0 broadcast: 1; send completions all SUCCESS: {}", to1.len(), to0.len(), s0.iter().chain(&s1).chain(&sb).all(|s| *s == 0));
    host.adapter(1).wait_received(to1.len() + 1, WAIT);
    host.adapter(0).wait_received(to0.len(), WAIT);
    host.quiesce();
    for i in 0..2 {
        let rx = host.adapter(i).received();
        let sent: &[Vec<u8>] = if i == 0 { &to0 } else { &to1 };
        let _ = writeln!(
            out,
            "adapter {i} indicated {} frames (NdisMIndicateReceiveNetBufferLists):",
            rx.len()
        );
        for r in &rx {
            let exact = sent.contains(&r.frame) || bcast.contains(&r.frame);
            let _ = writeln!(
                out,
                "  {:>4} bytes dst {} queue {} cpu {} flags {:#06x} shared-memory {} contents {}",
                r.frame.len(),
                mac(&r.frame[..6]),
                r.queue_id,
                r.processor,
                r.flags,
                if r.shared_memory.is_some() { "yes" } else { "no" },
                if exact { "exact" } else { "MISMATCH" }
            );
        }
        let (ind, ret) = host.adapter(i).rx_nbl_counts();
        let _ = writeln!(out, "  receive NBLs indicated {ind}, returned {ret}");
        let (st, c) = ctl(&host, CtlOp::Counters, i as u32, &[]);
        let pick = |name: &str| {
            COUNTER_NAMES
                .iter()
                .position(|n| *n == name)
                .and_then(|k| counter(&c, k))
                .unwrap_or(0)
        };
        let _ = writeln!(out, "  counters ({st:?}): tx {} frames / {} bytes, rx {} frames / {} bytes, rx filtered {}, rx no-buffer {}", pick("tx_frames"), pick("tx_bytes"), pick("rx_frames"), pick("rx_bytes"), pick("rx_filtered"), pick("rx_no_buffer"));
    }
    let p = host
        .adapter(1)
        .pause()
        .map(|s| format!("{s:#x}"))
        .unwrap_or_else(|e| format!("{e:?}"));
    let r = host.adapter(1).restart();
    let _ = writeln!(out, "adapter 1: MiniportPause -> {p}, MiniportRestart -> {r:#x}");
    match host.halt() {
        Ok(()) => {
            let _ = writeln!(out, "halt: both adapters halted, driver unloaded; nothing outstanding (no NBL, MDL, pool, shared memory or DPC left)");
        }
        Err(e) => {
            let _ = writeln!(out, "halt: LEAK {e:?}");
        }
    }
    Ok(out)
}

/// Run the demo and print its report.
pub fn run_two_adapters() -> Result<(), HostError> {
    let report = report_two_adapters()?;
    print!("{report}");
    Ok(())
}
