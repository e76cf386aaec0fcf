//! The control-device client: svnic-abi's control protocol over a byte transport. On Windows the
//! transport is DeviceIoControl on `\\.\svnicctl` ([`crate::windows`]); in tests it is
//! hyperv-sim's in-process server (`Host::ctl`), which runs the binding's real `ctl::serve`, so
//! the request encoding Windows uses is exercised here.

use svnic_abi::ctl::*;
use svnic_abi::oid::NDIS_REQUEST_TYPE;

use crate::views::{OidPort, OidResult};

/// Carries one request and returns the response bytes.
pub trait Transport {
    fn exchange(&self, request: &[u8]) -> Result<Vec<u8>, String>;
}

fn status_text(s: CtlStatus) -> &'static str {
    match s {
        CtlStatus::Ok => "ok",
        CtlStatus::BadMagic => {
            "the driver did not recognise the request (bad magic): driver and svnicctl versions differ"
        }
        CtlStatus::BadVersion => {
            "the driver speaks another control-protocol version: install the matching svnicctl"
        }
        CtlStatus::UnknownOp => "the driver does not know this operation: update the driver",
        CtlStatus::Malformed => "the driver refused a malformed request",
        CtlStatus::NoSuchAdapter => "no svnic adapter has that index: see `svnicctl adapter list`",
        CtlStatus::Failed => {
            "the operation failed in the driver (for example the wire port refused the frame)"
        }
        CtlStatus::OutputTooSmall => "the response did not fit the output buffer",
    }
}

/// A control-protocol client over a transport.
pub struct CtlClient<T: Transport> {
    pub transport: T,
}

impl<T: Transport> CtlClient<T> {
    fn call(&self, op: CtlOp, adapter: u32, payload: &[u8]) -> Result<Vec<u8>, String> {
        let len = u32::try_from(payload.len()).map_err(|_| "request too large".to_string())?;
        let mut req = request_header(op, adapter, len).to_vec();
        req.extend_from_slice(payload);
        let resp = self.transport.exchange(&req)?;
        match parse_response(&resp) {
            Ok((CtlStatus::Ok, p)) => Ok(p.to_vec()),
            Ok((s, _)) | Err(s) => Err(format!("control device: {:?}: {}", s, status_text(s))),
        }
    }

    /// Every adapter the driver has, in index order.
    pub fn list_adapters(&self) -> Result<Vec<AdapterEntry>, String> {
        let p = self.call(CtlOp::ListAdapters, 0, &[])?;
        let count = p
            .get(..4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
            .ok_or("control device: short ListAdapters answer")?;
        (0..count)
            .map(|i| {
                let at = 4 + i * ADAPTER_ENTRY_LEN;
                p.get(at..at + ADAPTER_ENTRY_LEN)
                    .and_then(AdapterEntry::decode)
                    .ok_or_else(|| format!("control device: adapter entry {i} is malformed"))
            })
            .collect()
    }

    /// One OID through the driver's OID entry point.
    pub fn oid(
        &self,
        adapter: u32,
        kind: NDIS_REQUEST_TYPE,
        oid: u32,
        input: &[u8],
        out_len: u32,
    ) -> Result<OidResult, String> {
        let mut p = oid_request_header(kind, oid, out_len).to_vec();
        p.extend_from_slice(input);
        let r = self.call(CtlOp::Oid, adapter, &p)?;
        let (status, written, read, needed, data) = parse_oid_response(&r)
            .map_err(|s| format!("control device: OID answer: {:?}: {}", s, status_text(s)))?;
        let mut data = data.to_vec();
        data.resize(data.len().max(out_len as usize), 0);
        Ok(OidResult {
            status,
            bytes_written: written,
            bytes_read: read,
            bytes_needed: needed,
            data,
        })
    }

    /// The adapter's counters, named by `COUNTER_NAMES`; those an older driver did not report
    /// are left out.
    pub fn counters(&self, adapter: u32) -> Result<Vec<(&'static str, u64)>, String> {
        Ok(self
            .counters_reported(adapter)?
            .into_iter()
            .filter_map(|(n, v)| v.map(|v| (n, v)))
            .collect())
    }

    /// Every counter this svnicctl knows, `None` where the driver (an older one) did not report
    /// it ([`crate::decode::decode_counters`]).
    pub fn counters_reported(&self, adapter: u32) -> Result<Vec<(&'static str, Option<u64>)>, String> {
        let p = self.call(CtlOp::Counters, adapter, &[])?;
        crate::decode::decode_counters(&p)
    }

    /// Deliver one frame to the adapter's wire port.
    pub fn inject(&self, adapter: u32, frame: &[u8]) -> Result<(), String> {
        self.call(CtlOp::Inject, adapter, frame).map(|_| ())
    }
}

/// The driver-counters section of `svnicctl stats` for the selected adapters: a JSON array of
/// [`crate::decode::counters_json`] objects and the [`crate::decode::counters_text`] blocks.
#[cfg(not(windows))]
pub fn stats_counters(
    host: &crate::sim::SimHost,
    adapters: &[usize],
) -> Result<(serde_json::Value, String), String> {
    let client = CtlClient {
        transport: crate::sim::InProcess(host.host),
    };
    let mut json = Vec::new();
    let mut text = String::from("Driver counters (control device)\n");
    for &i in adapters {
        let c = client.counters_reported(i as u32)?;
        json.push(crate::decode::counters_json(host.name(i), &c));
        text.push_str(&crate::decode::counters_text(host.name(i), &c));
    }
    Ok((serde_json::Value::Array(json), text))
}

/// OIDs to one adapter through the control device. A transport failure becomes
/// NDIS_STATUS_FAILURE with the reason kept for the caller.
pub struct CtlPort<'c, T: Transport> {
    pub client: &'c CtlClient<T>,
    pub adapter: u32,
    pub last_error: Option<String>,
}

impl<T: Transport> OidPort for CtlPort<'_, T> {
    fn request(&mut self, kind: NDIS_REQUEST_TYPE, oid: u32, input: &[u8], out_len: u32) -> OidResult {
        match self.client.oid(self.adapter, kind, oid, input, out_len) {
            Ok(r) => r,
            Err(e) => {
                self.last_error = Some(e);
                OidResult {
                    status: svnic_abi::status::NDIS_STATUS_FAILURE,
                    bytes_written: 0,
                    bytes_read: 0,
                    bytes_needed: 0,
                    data: Vec::new(),
                }
            }
        }
    }
}

#[cfg(all(test, not(windows)))]
mod tests {
    use super::*;
    use crate::views::OidPort;
    use hyperv_sim::{Host, RequestType};
    use svnic_abi::oid::{
        NdisRequestQueryInformation, OID_802_3_CURRENT_ADDRESS, OID_GEN_MAXIMUM_FRAME_SIZE,
    };

    struct InProcess<'h>(&'h Host);

    impl Transport for InProcess<'_> {
        fn exchange(&self, request: &[u8]) -> Result<Vec<u8>, String> {
            Ok(self.0.ctl(request))
        }
    }

    #[test]
    fn control_device_requests_reach_the_driver_like_direct_oids() {
        let host = Host::builder().processors(2).adapters(2).build().unwrap();
        let client = CtlClient {
            transport: InProcess(&host),
        };
        let list = client.list_adapters().unwrap();
        assert_eq!(list.len(), 2);
        for (i, e) in list.iter().enumerate() {
            assert_eq!(e.index, i as u32);
            let direct = host
                .adapter(i)
                .oid(RequestType::Query, OID_802_3_CURRENT_ADDRESS, &[], 6);
            assert_eq!(
                e.mac.to_vec(),
                direct.out[..6].to_vec(),
                "ListAdapters MAC = the OID's"
            );
            let mut port = CtlPort {
                client: &client,
                adapter: e.index,
                last_error: None,
            };
            let via_ctl = port.request(NdisRequestQueryInformation, OID_802_3_CURRENT_ADDRESS, &[], 6);
            assert_eq!((via_ctl.status, via_ctl.bytes_written), (0, 6));
            assert_eq!(via_ctl.data[..6], direct.out[..6]);
        }
        // A short buffer: the driver's INVALID_LENGTH and BytesNeeded come back unchanged.
        let mut port = CtlPort {
            client: &client,
            adapter: 0,
            last_error: None,
        };
        let r = port.request(NdisRequestQueryInformation, OID_GEN_MAXIMUM_FRAME_SIZE, &[], 2);
        let direct = host
            .adapter(0)
            .oid(RequestType::Query, OID_GEN_MAXIMUM_FRAME_SIZE, &[], 2);
        assert_eq!((r.status, r.bytes_needed), (direct.status, direct.bytes_needed));
        assert_eq!(r.status, 0xC001_0014);
        // No adapter 7: the control device says so, and the port reports a failure with the reason.
        let mut bad = CtlPort {
            client: &client,
            adapter: 7,
            last_error: None,
        };
        assert_eq!(
            bad.request(NdisRequestQueryInformation, OID_802_3_CURRENT_ADDRESS, &[], 6)
                .status,
            0xC000_0001
        );
        assert!(bad.last_error.unwrap().contains("NoSuchAdapter"));
        // A frame injected through the control device reaches adapter 0's wire port and, with
        // a directed packet filter set (as a bound protocol does), its receive counter.
        let filter = host.adapter(0).oid(
            RequestType::Set,
            svnic_abi::oid::OID_GEN_CURRENT_PACKET_FILTER,
            &1u32.to_le_bytes(),
            0,
        );
        assert_eq!(filter.status, 0);
        let before = client.counters(0).unwrap();
        let rx = |c: &[(&str, u64)]| c.iter().find(|(n, _)| *n == "rx_frames").unwrap().1;
        let frame = crate::wireframe::frame(list[0].mac, None, 60, 0);
        client.inject(0, &frame).unwrap();
        host.quiesce();
        assert_eq!(rx(&client.counters(0).unwrap()), rx(&before) + 1);
        host.halt().unwrap();
    }
}
