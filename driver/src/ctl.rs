//! The control-device protocol server (svnic-abi `ctl`): list adapters, raw OID passthrough,
//! frame injection on an adapter's wire, counters and a state snapshot. Portable: on Windows the
//! KMDF control device's IOCTL handler calls [`serve`]; hyperv-sim calls it in process.
//!
//! OID passthrough goes to the adapter's OID dispatcher (the same checks as NDIS requests), in
//! NDIS's one-OID-at-a-time order (`oid_gate`): while NDIS has an OID in flight on the adapter
//! (including one the miniport pended) the passthrough answers
//! [`PASSTHROUGH_BUSY`](svnic_abi::ctl::PASSTHROUGH_BUSY) without calling the miniport, and
//! MiniportOidRequest waits for a passthrough that is running. OIDs the miniport may pend
//! ([`PASSTHROUGH_REFUSED_OIDS`](svnic_abi::ctl::PASSTHROUGH_REFUSED_OIDS): FREE_QUEUE,
//! DELETE_VPORT) are
//! refused with [`PASSTHROUGH_MAY_PEND`](svnic_abi::ctl::PASSTHROUGH_MAY_PEND) before the
//! miniport sees them, so a passthrough always ends with a final status. Passthrough tokens
//! carry `CTL_TOKEN_BIT`: `NdisOs::complete_oid` never hands one to NdisMOidRequestComplete.
//!
//! Every request on an adapter holds the adapter's rundown (`rundown`) from lookup to reply;
//! MiniportHaltEx takes the adapter off the list, closes the rundown and waits for requests
//! inside before it stops the NIC, so no request runs on a halting adapter (it gets
//! NoSuchAdapter).

use crate::driver::{with_driver, AdapterEntry};
use crate::ndis_os::CTL_TOKEN_BIT;
use alloc::vec;
use alloc::vec::Vec;
use core::ffi::c_void;
use core::sync::atomic::{AtomicU64, Ordering};
use svnic_abi::ctl::*;
use svnic_abi::status::NDIS_STATUS_PENDING;
use svnic_miniport::keywords::Interface;
use svnic_miniport::oid::{OidOutcome, OidRequest, OidToken, RequestType};

static NEXT_TOKEN: AtomicU64 = AtomicU64::new(1);

fn respond(out: &mut Vec<u8>, status: CtlStatus, payload: &[u8]) {
    out.clear();
    out.extend_from_slice(&response_header(status, payload.len() as u32));
    out.extend_from_slice(payload);
}

fn interface_code(i: Interface) -> u32 {
    match i {
        Interface::None => 0,
        Interface::Rss => 1,
        Interface::Vmq => 2,
        Interface::SriovVmq => 3,
        Interface::Sriov => 4,
    }
}

/// Serve one request for the driver registered with `driver_object`; the response replaces
/// `out`. Never panics on malformed input.
pub fn serve(driver_object: *mut c_void, request: &[u8], out: &mut Vec<u8>) {
    let req = match parse_request(request) {
        Ok(r) => r,
        Err(e) => return respond(out, e, &[]),
    };
    let adapters: Option<Vec<AdapterEntry>> = with_driver(driver_object, |d| d.adapters());
    let Some(adapters) = adapters else {
        return respond(out, CtlStatus::NoSuchAdapter, &[]);
    };
    if req.op == CtlOp::ListAdapters {
        if !req.payload.is_empty() {
            return respond(out, CtlStatus::Malformed, &[]);
        }
        let mut p =
            Vec::with_capacity(4usize.saturating_add(adapters.len().saturating_mul(ADAPTER_ENTRY_LEN)));
        p.extend_from_slice(&(adapters.len() as u32).to_le_bytes());
        for e in &adapters {
            let entry = svnic_abi::ctl::AdapterEntry {
                index: e.index,
                mac: e.adapter.config().current_mac,
                state: e.adapter.state() as u32,
                port: e.adapter.port_id(),
            };
            p.extend_from_slice(&entry.encode());
        }
        return respond(out, CtlStatus::Ok, &p);
    }
    let Some(entry) = adapters.iter().find(|e| e.index == req.adapter) else {
        return respond(out, CtlStatus::NoSuchAdapter, &[]);
    };
    // Held for the whole request: MiniportHaltEx waits for it before it stops the adapter.
    let Some(_inside) = entry.ctl_rundown.acquire() else {
        return respond(out, CtlStatus::NoSuchAdapter, &[]);
    };
    let a = &entry.adapter;
    match req.op {
        CtlOp::ListAdapters => respond(out, CtlStatus::Malformed, &[]),
        CtlOp::Inject => {
            if req.payload.len() < 14 {
                return respond(out, CtlStatus::Malformed, &[]);
            }
            let st = if a.wire_inject(req.payload) {
                CtlStatus::Ok
            } else {
                CtlStatus::Failed
            };
            respond(out, st, &[])
        }
        CtlOp::Counters => {
            if !req.payload.is_empty() {
                return respond(out, CtlStatus::Malformed, &[]);
            }
            let c = a.counters();
            let d = a.driver_counters();
            // One value per name, in COUNTER_NAMES order (append-only: svnic-abi ctl
            // "Versioning"); the array type makes a missing or extra value a compile error.
            let values: [u64; COUNTER_NAMES.len()] = [
                c.rx_frames,
                c.rx_bytes,
                c.rx_unicast,
                c.rx_multicast,
                c.rx_broadcast,
                c.rx_no_buffer,
                c.rx_filtered,
                c.rx_errors,
                c.tx_frames,
                c.tx_bytes,
                c.tx_unicast,
                c.tx_multicast,
                c.tx_broadcast,
                c.tx_errors,
                d.indicated.load(Ordering::Relaxed),
                d.returned.load(Ordering::Relaxed),
                d.stale_returns.load(Ordering::Relaxed),
                d.sends_rejected_paused.load(Ordering::Relaxed),
                d.dpc_runs.load(Ordering::Relaxed),
                d.sends_target_sanitized.load(Ordering::Relaxed),
            ];
            let mut p = Vec::with_capacity(4 + 8 * values.len());
            p.extend_from_slice(&(values.len() as u32).to_le_bytes());
            for v in values {
                p.extend_from_slice(&v.to_le_bytes());
            }
            respond(out, CtlStatus::Ok, &p)
        }
        CtlOp::Snapshot => {
            if !req.payload.is_empty() {
                return respond(out, CtlStatus::Malformed, &[]);
            }
            let cfg = a.config();
            let d = a.driver_counters();
            let s = Snapshot {
                state: a.state() as u32,
                outstanding: a.outstanding(),
                interface: interface_code(cfg.interface),
                packet_filter: a.general().packet_filter,
                mtu: cfg.mtu,
                default_processor: u32::from(cfg.default_processor.number),
                indicated: d.indicated.load(Ordering::Relaxed),
                returned: d.returned.load(Ordering::Relaxed),
            };
            respond(out, CtlStatus::Ok, &s.encode())
        }
        CtlOp::Oid => {
            let p = match parse_oid_request(req.payload) {
                Ok(p) => p,
                Err(e) => return respond(out, e, &[]),
            };
            let Some(rt) = RequestType::from_ndis(p.request_type) else {
                return respond(out, CtlStatus::Malformed, &[]);
            };
            if passthrough_refuses(p.oid) {
                return respond(
                    out,
                    CtlStatus::Ok,
                    &oid_response_header(PASSTHROUGH_MAY_PEND, 0, 0, 0),
                );
            }
            let out_len = p.out_len as usize;
            let len = match rt {
                RequestType::Set => p.input.len(),
                RequestType::Method => p.input.len().max(out_len),
                _ => out_len,
            };
            let mut buf = vec![0u8; len];
            let n = p.input.len().min(len);
            if let (Some(d), Some(s)) = (buf.get_mut(..n), p.input.get(..n)) {
                d.copy_from_slice(s);
            }
            let token = OidToken(CTL_TOKEN_BIT | NEXT_TOKEN.fetch_add(1, Ordering::Relaxed));
            if !entry.oid_gate.ctl_try_begin() {
                return respond(
                    out,
                    CtlStatus::Ok,
                    &oid_response_header(PASSTHROUGH_BUSY, 0, 0, 0),
                );
            }
            let mut r = OidRequest {
                request_type: rt,
                oid: p.oid,
                buffer: &mut buf,
                input_len: if rt == RequestType::Query {
                    0
                } else {
                    p.input.len()
                },
                bytes_read: 0,
                bytes_written: 0,
                bytes_needed: 0,
                token,
            };
            let st = match a.oid_request(&mut r) {
                OidOutcome::Complete(s) => {
                    entry.oid_gate.ctl_end();
                    s
                }
                // Unreachable with today's miniport (the OIDs that pend are refused above).
                // Should one pend anyway, the gate stays closed until its completion
                // (`NdisOs::complete_oid` reopens it), so NDIS's next OID still waits for it.
                OidOutcome::Pending => NDIS_STATUS_PENDING,
            };
            let (w, rd, nd) = (r.bytes_written, r.bytes_read, r.bytes_needed);
            let shown = (w as usize).min(len);
            let mut payload = Vec::with_capacity(OID_RESP_HEADER_LEN.saturating_add(shown));
            payload.extend_from_slice(&oid_response_header(st, w, rd, nd));
            payload.extend_from_slice(buf.get(..shown).unwrap_or(&[]));
            respond(out, CtlStatus::Ok, &payload)
        }
    }
}
