//! The control-device protocol between svnicctl and the driver (Windows: IOCTLs on the svnic
//! control device; hyperv-sim: served in process). Portable, versioned, little-endian.
//!
//! Request:  `magic u32 | version u16 | op u16 | adapter u32 | payload_len u32 | payload`
//! Response: `magic u32 | version u16 | reserved u16 | status u32 | payload_len u32 | payload`
//!
//! Every parser here is total: a malformed request yields a [`CtlStatus`], never a panic.
//!
//! # Versioning
//! The header's version must match [`CTL_VERSION`] exactly (anything else is
//! [`CtlStatus::BadVersion`]), so the version changes only when an existing layout changes
//! meaning. Growth that old readers can skip does not bump it:
//! - a Counters reply is count-prefixed and its values are append-only ([`COUNTER_NAMES`]:
//!   never reorder, rename or remove; add at the end). A reader names the first
//!   `min(count, known)` values: a counter past an older driver's `count` is absent (not 0),
//!   values past the reader's list (a newer driver) are ignored.
//! - OID passthrough refusals ([`PASSTHROUGH_BUSY`], [`PASSTHROUGH_MAY_PEND`]) are NDIS
//!   statuses in the OID reply, which every reader already prints as they come.

/// "SVCT".
pub const CTL_MAGIC: u32 = u32::from_le_bytes(*b"SVCT");
/// Protocol version this build speaks.
pub const CTL_VERSION: u16 = 1;
pub const HEADER_LEN: usize = 16;
/// Largest payload accepted either way (also the largest OID buffer through passthrough).
pub const MAX_PAYLOAD: usize = 64 * 1024;

/// Operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u16)]
pub enum CtlOp {
    /// No payload. Response: `count u32` then `count` × [`ADAPTER_ENTRY_LEN`]-byte entries.
    ListAdapters = 1,
    /// Payload: [`OID_REQ_HEADER_LEN`] bytes (request type, OID, output length) then input.
    /// Response: status, bytes written, read, needed (u32 each) then the output bytes.
    Oid = 2,
    /// Payload: one Ethernet frame, delivered to the adapter's wire port. No response payload.
    Inject = 3,
    /// No payload. Response: `count u32` then `count` u64 counters named by [`COUNTER_NAMES`]
    /// (append-only; see the module's versioning rule).
    Counters = 4,
    /// No payload. Response: [`SNAPSHOT_LEN`] bytes (see [`Snapshot`]).
    Snapshot = 5,
}

impl CtlOp {
    pub const fn from_u16(v: u16) -> Option<Self> {
        match v {
            1 => Some(Self::ListAdapters),
            2 => Some(Self::Oid),
            3 => Some(Self::Inject),
            4 => Some(Self::Counters),
            5 => Some(Self::Snapshot),
            _ => None,
        }
    }
}

/// Response status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum CtlStatus {
    Ok = 0,
    /// Shorter than a header, or wrong magic.
    BadMagic = 1,
    /// A version this driver does not speak.
    BadVersion = 2,
    UnknownOp = 3,
    /// Lengths inconsistent, payload too large or too short for the op.
    Malformed = 4,
    NoSuchAdapter = 5,
    /// The operation was valid but failed (for example, the wire port refused a frame).
    Failed = 6,
    /// The response would not fit the caller's output buffer.
    OutputTooSmall = 7,
}

impl CtlStatus {
    pub const fn from_u32(v: u32) -> Option<Self> {
        match v {
            0 => Some(Self::Ok),
            1 => Some(Self::BadMagic),
            2 => Some(Self::BadVersion),
            3 => Some(Self::UnknownOp),
            4 => Some(Self::Malformed),
            5 => Some(Self::NoSuchAdapter),
            6 => Some(Self::Failed),
            7 => Some(Self::OutputTooSmall),
            _ => None,
        }
    }
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([*s.first()?, *s.get(1)?]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    let mut a = [0u8; 4];
    a.copy_from_slice(s);
    Some(u32::from_le_bytes(a))
}

fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    let s = b.get(at..at.checked_add(8)?)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(s);
    Some(u64::from_le_bytes(a))
}

/// A parsed request (borrowing its payload).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CtlRequest<'a> {
    pub op: CtlOp,
    pub adapter: u32,
    pub payload: &'a [u8],
}

/// Request header bytes.
pub fn request_header(op: CtlOp, adapter: u32, payload_len: u32) -> [u8; HEADER_LEN] {
    let mut h = [0u8; HEADER_LEN];
    let parts: [&[u8]; 5] = [
        &CTL_MAGIC.to_le_bytes(),
        &CTL_VERSION.to_le_bytes(),
        &(op as u16).to_le_bytes(),
        &adapter.to_le_bytes(),
        &payload_len.to_le_bytes(),
    ];
    let mut at = 0usize;
    for p in parts {
        if let Some(d) = h.get_mut(at..at.saturating_add(p.len())) {
            d.copy_from_slice(p);
        }
        at = at.saturating_add(p.len());
    }
    h
}

/// Response header bytes.
pub fn response_header(status: CtlStatus, payload_len: u32) -> [u8; HEADER_LEN] {
    let mut h = [0u8; HEADER_LEN];
    let parts: [(usize, &[u8]); 4] = [
        (0, &CTL_MAGIC.to_le_bytes()),
        (4, &CTL_VERSION.to_le_bytes()),
        (8, &(status as u32).to_le_bytes()),
        (12, &payload_len.to_le_bytes()),
    ];
    for (at, p) in parts {
        if let Some(d) = h.get_mut(at..at.saturating_add(p.len())) {
            d.copy_from_slice(p);
        }
    }
    h
}

/// Parse a request. The payload length must match exactly what follows the header.
pub fn parse_request(b: &[u8]) -> Result<CtlRequest<'_>, CtlStatus> {
    if b.len() < HEADER_LEN || u32_at(b, 0) != Some(CTL_MAGIC) {
        return Err(CtlStatus::BadMagic);
    }
    if u16_at(b, 4) != Some(CTL_VERSION) {
        return Err(CtlStatus::BadVersion);
    }
    let op = u16_at(b, 6)
        .and_then(CtlOp::from_u16)
        .ok_or(CtlStatus::UnknownOp)?;
    let adapter = u32_at(b, 8).ok_or(CtlStatus::Malformed)?;
    let len = u32_at(b, 12)
        .and_then(|l| usize::try_from(l).ok())
        .ok_or(CtlStatus::Malformed)?;
    if len > MAX_PAYLOAD {
        return Err(CtlStatus::Malformed);
    }
    let payload = b.get(HEADER_LEN..).ok_or(CtlStatus::Malformed)?;
    if payload.len() != len {
        return Err(CtlStatus::Malformed);
    }
    Ok(CtlRequest { op, adapter, payload })
}

/// A parsed response: (status, payload).
pub fn parse_response(b: &[u8]) -> Result<(CtlStatus, &[u8]), CtlStatus> {
    if b.len() < HEADER_LEN || u32_at(b, 0) != Some(CTL_MAGIC) {
        return Err(CtlStatus::BadMagic);
    }
    if u16_at(b, 4) != Some(CTL_VERSION) {
        return Err(CtlStatus::BadVersion);
    }
    let status = u32_at(b, 8)
        .and_then(CtlStatus::from_u32)
        .ok_or(CtlStatus::Malformed)?;
    let len = u32_at(b, 12)
        .and_then(|l| usize::try_from(l).ok())
        .ok_or(CtlStatus::Malformed)?;
    let payload = b.get(HEADER_LEN..).ok_or(CtlStatus::Malformed)?;
    if payload.len() != len {
        return Err(CtlStatus::Malformed);
    }
    Ok((status, payload))
}

/// OID passthrough request: `request_type u32 | oid u32 | out_len u32`, then the input bytes.
pub const OID_REQ_HEADER_LEN: usize = 12;
/// OID passthrough response: `status u32 | bytes_written u32 | bytes_read u32 | bytes_needed u32`.
pub const OID_RESP_HEADER_LEN: usize = 16;

/// The parsed OID passthrough payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OidPassthrough<'a> {
    pub request_type: u32,
    pub oid: u32,
    pub out_len: u32,
    pub input: &'a [u8],
}

pub fn oid_request_header(request_type: u32, oid: u32, out_len: u32) -> [u8; OID_REQ_HEADER_LEN] {
    let mut h = [0u8; OID_REQ_HEADER_LEN];
    for (i, v) in [request_type, oid, out_len].into_iter().enumerate() {
        let at = i.saturating_mul(4);
        if let Some(d) = h.get_mut(at..at.saturating_add(4)) {
            d.copy_from_slice(&v.to_le_bytes());
        }
    }
    h
}

pub fn parse_oid_request(p: &[u8]) -> Result<OidPassthrough<'_>, CtlStatus> {
    let request_type = u32_at(p, 0).ok_or(CtlStatus::Malformed)?;
    let oid = u32_at(p, 4).ok_or(CtlStatus::Malformed)?;
    let out_len = u32_at(p, 8).ok_or(CtlStatus::Malformed)?;
    if usize::try_from(out_len).map_or(true, |l| l > MAX_PAYLOAD.saturating_sub(OID_RESP_HEADER_LEN)) {
        return Err(CtlStatus::Malformed);
    }
    let input = p.get(OID_REQ_HEADER_LEN..).ok_or(CtlStatus::Malformed)?;
    Ok(OidPassthrough {
        request_type,
        oid,
        out_len,
        input,
    })
}

/// The OID passthrough response: (status, written, read, needed, output).
pub fn parse_oid_response(p: &[u8]) -> Result<(u32, u32, u32, u32, &[u8]), CtlStatus> {
    let f = |i: usize| u32_at(p, i.saturating_mul(4)).ok_or(CtlStatus::Malformed);
    let out = p.get(OID_RESP_HEADER_LEN..).ok_or(CtlStatus::Malformed)?;
    Ok((f(0)?, f(1)?, f(2)?, f(3)?, out))
}

pub fn oid_response_header(status: u32, written: u32, read: u32, needed: u32) -> [u8; OID_RESP_HEADER_LEN] {
    let mut h = [0u8; OID_RESP_HEADER_LEN];
    for (i, v) in [status, written, read, needed].into_iter().enumerate() {
        let at = i.saturating_mul(4);
        if let Some(d) = h.get_mut(at..at.saturating_add(4)) {
            d.copy_from_slice(&v.to_le_bytes());
        }
    }
    h
}

/// OID passthrough status when NDIS has an OID in flight on the adapter (issued and not yet
/// completed, including one the miniport pended): the passthrough is not run, no byte of the
/// request is read or written (BytesRead/Written/Needed 0). NDIS_STATUS_BUSY =
/// STATUS_DEVICE_BUSY; retry once NDIS's request completed.
pub const PASSTHROUGH_BUSY: u32 = crate::status::NDIS_STATUS_BUSY;

/// OID passthrough status for an OID the miniport may pend ([`PASSTHROUGH_REFUSED_OIDS`]): it is
/// refused before the miniport sees it (byte counts 0). A pended OID holds the adapter's OID
/// path until it completes, which only NDIS's ordering can account for, and a control-device
/// request has no NDIS_OID_REQUEST to complete. NDIS_STATUS_INVALID_DEVICE_REQUEST.
pub const PASSTHROUGH_MAY_PEND: u32 = crate::status::NDIS_STATUS_INVALID_DEVICE_REQUEST;

/// OIDs the passthrough refuses with [`PASSTHROUGH_MAY_PEND`] (any request type): those the
/// miniport may complete with NDIS_STATUS_PENDING: FREE_QUEUE pends until the queue's indicated
/// NBLs return (net/oid-receive-filter-free-queue.md), DELETE_VPORT of an Activated PF vPort
/// until its indicated NBLs return. Any OID the miniport learns to pend must be added here.
pub const PASSTHROUGH_REFUSED_OIDS: &[u32] = &[
    crate::oid::OID_RECEIVE_FILTER_FREE_QUEUE,
    crate::oid::OID_NIC_SWITCH_DELETE_VPORT,
];

/// Whether the passthrough refuses `oid` (see [`PASSTHROUGH_REFUSED_OIDS`]).
pub fn passthrough_refuses(oid: u32) -> bool {
    PASSTHROUGH_REFUSED_OIDS.contains(&oid)
}

/// One ListAdapters entry: `index u32 | mac [u8; 6] | reserved u16 | state u32 | port u32`.
pub const ADAPTER_ENTRY_LEN: usize = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AdapterEntry {
    pub index: u32,
    pub mac: [u8; 6],
    /// 0 Paused, 1 Running, 2 Pausing, 3 Halted.
    pub state: u32,
    pub port: u32,
}

impl AdapterEntry {
    pub fn encode(&self) -> [u8; ADAPTER_ENTRY_LEN] {
        let mut b = [0u8; ADAPTER_ENTRY_LEN];
        let parts: [(usize, &[u8]); 4] = [
            (0, &self.index.to_le_bytes()),
            (4, &self.mac),
            (12, &self.state.to_le_bytes()),
            (16, &self.port.to_le_bytes()),
        ];
        for (at, p) in parts {
            if let Some(d) = b.get_mut(at..at.saturating_add(p.len())) {
                d.copy_from_slice(p);
            }
        }
        b
    }

    pub fn decode(b: &[u8]) -> Option<Self> {
        let mut mac = [0u8; 6];
        mac.copy_from_slice(b.get(4..10)?);
        Some(Self {
            index: u32_at(b, 0)?,
            mac,
            state: u32_at(b, 12)?,
            port: u32_at(b, 16)?,
        })
    }
}

/// The counters op's values, in order. Append-only (module docs, "Versioning"): the first 19
/// are what protocol version 1 answered at first; `sends_target_sanitized` was appended after.
pub const COUNTER_NAMES: &[&str] = &[
    "rx_frames",
    "rx_bytes",
    "rx_unicast",
    "rx_multicast",
    "rx_broadcast",
    "rx_no_buffer",
    "rx_filtered",
    "rx_errors",
    "tx_frames",
    "tx_bytes",
    "tx_unicast",
    "tx_multicast",
    "tx_broadcast",
    "tx_errors",
    "nbls_indicated",
    "nbls_returned",
    "stale_returns",
    "sends_rejected_paused",
    "dpc_runs",
    // Send NBLs whose VPortId / QueueId named no usable vPort or queue and went out from the
    // default pool instead (spec 1.6 / 2.4; DriverCounters::sends_target_sanitized).
    "sends_target_sanitized",
];

/// How many counters a driver answered before `sends_target_sanitized` was appended: a reply
/// of this count is an older driver's and still decodes (the new counter is absent).
pub const COUNTERS_V1_COUNT: usize = 19;

/// The count of a Counters response payload, checked against its length (exactly
/// `4 + 8 * count` bytes); `None` for a malformed payload.
pub fn counter_count(payload: &[u8]) -> Option<usize> {
    let n = usize::try_from(u32_at(payload, 0)?).ok()?;
    let want = n.checked_mul(8)?.checked_add(4)?;
    (payload.len() == want).then_some(n)
}

/// Counter `i` of a Counters response payload.
pub fn counter(payload: &[u8], i: usize) -> Option<u64> {
    let n = u32_at(payload, 0)?;
    if i >= usize::try_from(n).ok()? {
        return None;
    }
    u64_at(payload, i.checked_mul(8)?.checked_add(4)?)
}

/// A Snapshot response: `state | outstanding | interface | packet_filter | mtu | default
/// processor` (u32 each) then `indicated | returned` (u64 each).
pub const SNAPSHOT_LEN: usize = 40;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    pub state: u32,
    pub outstanding: u32,
    /// 0 None, 1 RSS, 2 VMQ, 3 SR-IOV + VMQ, 4 SR-IOV.
    pub interface: u32,
    pub packet_filter: u32,
    pub mtu: u32,
    pub default_processor: u32,
    pub indicated: u64,
    pub returned: u64,
}

impl Snapshot {
    pub fn encode(&self) -> [u8; SNAPSHOT_LEN] {
        let mut b = [0u8; SNAPSHOT_LEN];
        let words = [
            self.state,
            self.outstanding,
            self.interface,
            self.packet_filter,
            self.mtu,
            self.default_processor,
        ];
        for (i, w) in words.into_iter().enumerate() {
            let at = i.saturating_mul(4);
            if let Some(d) = b.get_mut(at..at.saturating_add(4)) {
                d.copy_from_slice(&w.to_le_bytes());
            }
        }
        for (i, w) in [self.indicated, self.returned].into_iter().enumerate() {
            let at = i.saturating_mul(8).saturating_add(24);
            if let Some(d) = b.get_mut(at..at.saturating_add(8)) {
                d.copy_from_slice(&w.to_le_bytes());
            }
        }
        b
    }

    pub fn decode(b: &[u8]) -> Option<Self> {
        Some(Self {
            state: u32_at(b, 0)?,
            outstanding: u32_at(b, 4)?,
            interface: u32_at(b, 8)?,
            packet_filter: u32_at(b, 12)?,
            mtu: u32_at(b, 16)?,
            default_processor: u32_at(b, 20)?,
            indicated: u64_at(b, 24)?,
            returned: u64_at(b, 32)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(op: CtlOp, adapter: u32, payload: &[u8]) -> ([u8; 64], usize) {
        let mut b = [0u8; 64];
        b[..HEADER_LEN].copy_from_slice(&request_header(op, adapter, payload.len() as u32));
        b[HEADER_LEN..HEADER_LEN + payload.len()].copy_from_slice(payload);
        (b, HEADER_LEN + payload.len())
    }

    #[test]
    fn request_round_trips() {
        let (b, n) = req(CtlOp::Inject, 3, &[1, 2, 3]);
        let r = parse_request(&b[..n]).unwrap();
        assert_eq!((r.op, r.adapter, r.payload), (CtlOp::Inject, 3, &[1u8, 2, 3][..]));
    }

    #[test]
    fn malformed_requests_get_clear_errors() {
        assert_eq!(parse_request(&[]), Err(CtlStatus::BadMagic));
        assert_eq!(parse_request(&[0u8; 16]), Err(CtlStatus::BadMagic));
        let (mut b, n) = req(CtlOp::Counters, 0, &[]);
        b[4] = 9;
        assert_eq!(parse_request(&b[..n]), Err(CtlStatus::BadVersion));
        let (mut b, n) = req(CtlOp::Counters, 0, &[]);
        b[6] = 99;
        assert_eq!(parse_request(&b[..n]), Err(CtlStatus::UnknownOp));
        let (b, n) = req(CtlOp::Inject, 0, &[1, 2, 3]);
        assert_eq!(parse_request(&b[..n - 1]), Err(CtlStatus::Malformed));
        assert_eq!(parse_request(&b[..n + 1]), Err(CtlStatus::Malformed));
        assert_eq!(parse_oid_request(&[0; 11]), Err(CtlStatus::Malformed));
        let mut big = [0u8; 12];
        big[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(parse_oid_request(&big), Err(CtlStatus::Malformed));
    }

    #[test]
    fn every_truncation_of_a_request_is_rejected_without_panic() {
        let (b, n) = req(CtlOp::Oid, 1, &oid_request_header(0, 0x0001_0101, 64));
        for cut in 0..n {
            assert!(parse_request(&b[..cut]).is_err(), "cut {cut}");
        }
        assert!(parse_request(&b[..n]).is_ok());
    }

    #[test]
    fn entries_and_snapshots_round_trip() {
        let e = AdapterEntry {
            index: 2,
            mac: [2, 0x5e, 0x56, 0, 0, 3],
            state: 1,
            port: 7,
        };
        assert_eq!(AdapterEntry::decode(&e.encode()), Some(e));
        let s = Snapshot {
            state: 1,
            outstanding: 4,
            interface: 2,
            packet_filter: 0xB,
            mtu: 1500,
            default_processor: 1,
            indicated: 10,
            returned: 9,
        };
        assert_eq!(Snapshot::decode(&s.encode()), Some(s));
        let mut c = [0u8; 20];
        c[..4].copy_from_slice(&2u32.to_le_bytes());
        c[12..20].copy_from_slice(&77u64.to_le_bytes());
        assert_eq!(counter(&c, 1), Some(77));
        assert_eq!(counter(&c, 2), None);
        assert_eq!(counter_count(&c), Some(2));
        assert_eq!(counter_count(&c[..19]), None);
        assert_eq!(counter_count(&[0xFF; 4]), None);
    }

    /// A Counters payload of `n` values 1, 2, ... n (room for up to 31).
    fn counters_payload(n: usize) -> ([u8; 4 + 8 * 31], usize) {
        let mut p = [0u8; 4 + 8 * 31];
        p[..4].copy_from_slice(&(n as u32).to_le_bytes());
        for i in 0..n {
            p[4 + 8 * i..12 + 8 * i].copy_from_slice(&(i as u64 + 1).to_le_bytes());
        }
        (p, 4 + 8 * n)
    }

    #[test]
    fn counter_names_are_append_only_with_sends_target_sanitized_last() {
        assert_eq!(COUNTER_NAMES.len(), COUNTERS_V1_COUNT + 1);
        assert_eq!(COUNTER_NAMES[COUNTERS_V1_COUNT - 1], "dpc_runs");
        assert_eq!(COUNTER_NAMES[COUNTERS_V1_COUNT], "sends_target_sanitized");
    }

    #[test]
    fn an_old_size_counters_reply_decodes_without_the_appended_counter() {
        let (b, n) = counters_payload(COUNTERS_V1_COUNT);
        let p = &b[..n];
        assert_eq!(counter_count(p), Some(COUNTERS_V1_COUNT));
        assert_eq!(counter(p, COUNTERS_V1_COUNT - 1), Some(19));
        assert_eq!(counter(p, COUNTERS_V1_COUNT), None);
        // A newer driver's extra trailing value is there for whoever knows its name.
        let (b, n) = counters_payload(COUNTER_NAMES.len() + 1);
        let p = &b[..n];
        assert_eq!(counter_count(p), Some(COUNTER_NAMES.len() + 1));
        assert_eq!(counter(p, COUNTERS_V1_COUNT), Some(20));
        assert_eq!(counter(p, COUNTER_NAMES.len()), Some(21));
    }

    #[test]
    fn passthrough_refuses_only_oids_that_can_pend() {
        assert!(passthrough_refuses(crate::oid::OID_RECEIVE_FILTER_FREE_QUEUE));
        assert!(!passthrough_refuses(
            crate::oid::OID_RECEIVE_FILTER_ALLOCATE_QUEUE
        ));
        assert!(passthrough_refuses(crate::oid::OID_NIC_SWITCH_DELETE_VPORT));
        assert!(!passthrough_refuses(crate::oid::OID_NIC_SWITCH_CREATE_VPORT));
        assert_eq!(PASSTHROUGH_BUSY, 0x8000_0011);
        assert_eq!(PASSTHROUGH_MAY_PEND, 0xC001_0010);
    }
}
