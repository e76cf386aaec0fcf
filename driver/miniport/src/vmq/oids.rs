//! Byte glue of the miniport-handled VMQ OIDs (spec 1.2, G1-G4): validate the payload header,
//! every length, offset, count, element size and id; call the typed operation of [`VmqEngine`];
//! write the outputs; report BytesRead / BytesWritten / BytesNeeded exactly. Never writes past
//! the information buffer.

use super::datapath::FreeOutcome;
use super::device::{FilterSpec, FilterVlan, MacAddr, RxTarget};
use super::ndis::*;
use super::state::{GroupAffinity, QueueParams};
use super::wire::{self, CountedName};
use super::{AllocateRequest, ParamsChange, VmqEngine, VmqEnv};
use crate::oid::{OidBytes, OidOutcome, OidRequest, OidRow, RequestType};
use svnic_abi::status::{
    NdisStatus, NDIS_STATUS_INVALID_LENGTH, NDIS_STATUS_INVALID_PARAMETER, NDIS_STATUS_NOT_SUPPORTED,
    NDIS_STATUS_SUCCESS,
};

/// Queue flags a protocol may set (PER_QUEUE_RECEIVE_INDICATION, LOOKAHEAD_SPLIT_REQUIRED).
pub const ALLOWED_QUEUE_FLAGS: u32 = NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION
    | NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED;

/// *_CHANGED flags of a QUEUE_PARAMETERS set.
const CHANGE_FLAGS: u32 = NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED
    | NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED
    | NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED
    | NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED
    | NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED;

const fn len32(n: usize) -> u32 {
    n as u32
}

/// The miniport-handled VMQ OIDs and the minimum lengths the dispatcher checks first.
pub const ROWS: &[OidRow] = &[
    OidRow::new(
        RequestType::Method,
        OID_RECEIVE_FILTER_ALLOCATE_QUEUE,
        len32(NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_1),
    ),
    OidRow::new(
        RequestType::Method,
        OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE,
        len32(NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1),
    ),
    OidRow::new(
        RequestType::Method,
        OID_RECEIVE_FILTER_SET_FILTER,
        len32(NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_1),
    ),
    OidRow::new(
        RequestType::Set,
        OID_RECEIVE_FILTER_CLEAR_FILTER,
        len32(NDIS_SIZEOF_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1),
    ),
    OidRow::new(
        RequestType::Set,
        OID_RECEIVE_FILTER_FREE_QUEUE,
        len32(NDIS_SIZEOF_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1),
    ),
    OidRow::new(
        RequestType::Set,
        OID_RECEIVE_FILTER_QUEUE_PARAMETERS,
        len32(NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_1),
    ),
];

const QUEUE_PARAMS_REVS: &[(u8, usize)] = &[
    (
        NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_1,
    ),
    (
        NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_2,
        NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2,
    ),
    (
        NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_3,
        NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_3,
    ),
];

/// Outcome of the payload-header check.
enum Hdr {
    /// Known revision and its documented size.
    Ok(u8, usize),
    /// The buffer is shorter than the structure (BytesNeeded).
    Short(usize),
    /// Wrong Type, unknown Revision or Size below the revision's size.
    Bad,
}

/// Spec G1/G2 for a structure at `off` of `input`.
fn header(input: &[u8], off: usize, revs: &[(u8, usize)]) -> Hdr {
    let min_any = revs.first().map_or(HEADER_LEN, |r| r.1);
    let Some(h) = wire::rd_header(input, off) else {
        return Hdr::Short(off.saturating_add(min_any));
    };
    // Shorter than the oldest revision: that is the minimum whatever the header claims.
    if input.len() < off.saturating_add(min_any) {
        return Hdr::Short(off.saturating_add(min_any));
    }
    if h.ty != NDIS_OBJECT_TYPE_DEFAULT {
        return Hdr::Bad;
    }
    let Some((rev, size)) = revs.iter().copied().find(|(r, _)| *r == h.revision) else {
        return Hdr::Bad;
    };
    if usize::from(h.size) < size {
        return Hdr::Bad;
    }
    let end = off.saturating_add(size);
    if input.len() < end {
        return Hdr::Short(end);
    }
    Hdr::Ok(rev, size)
}

fn complete(status: NdisStatus) -> OidOutcome {
    OidOutcome::Complete(status)
}

fn short(req: &mut OidRequest<'_>, needed: usize) -> OidOutcome {
    req.bytes_needed = u32::try_from(needed).unwrap_or(u32::MAX);
    complete(NDIS_STATUS_INVALID_LENGTH)
}

fn as_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Length of the input part of the buffer (Method: InputBufferLength; Set: the buffer).
fn input_len(req: &OidRequest<'_>) -> usize {
    match req.request_type {
        RequestType::Method => req.input_len.min(req.buffer.len()),
        _ => req.buffer.len(),
    }
}

/// Dispatch one VMQ OID.
pub fn handle(engine: &VmqEngine, env: VmqEnv<'_>, req: &mut OidRequest<'_>) -> OidOutcome {
    req.bytes_read = 0;
    req.bytes_written = 0;
    req.bytes_needed = 0;
    match (req.request_type, req.oid) {
        (RequestType::Method, OID_RECEIVE_FILTER_ALLOCATE_QUEUE) => allocate_queue(engine, env, req),
        (RequestType::Method, OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE) => {
            allocation_complete(engine, env, req)
        }
        (RequestType::Method, OID_RECEIVE_FILTER_SET_FILTER) => set_filter(engine, env, req),
        (RequestType::Set, OID_RECEIVE_FILTER_CLEAR_FILTER) => clear_filter(engine, env, req),
        (RequestType::Set, OID_RECEIVE_FILTER_FREE_QUEUE) => free_queue(engine, env, req),
        (RequestType::Set, OID_RECEIVE_FILTER_QUEUE_PARAMETERS) => queue_parameters(engine, env, req),
        _ => complete(NDIS_STATUS_NOT_SUPPORTED),
    }
}

fn affinity_at(input: &[u8]) -> Option<GroupAffinity> {
    Some(GroupAffinity {
        mask: wire::rd_u64(input, rqp::AFFINITY_MASK)?,
        group: wire::rd_u16(input, rqp::AFFINITY_GROUP)?,
    })
}

/// OID_RECEIVE_FILTER_ALLOCATE_QUEUE (method): NDIS_RECEIVE_QUEUE_PARAMETERS in and out.
fn allocate_queue(engine: &VmqEngine, env: VmqEnv<'_>, req: &mut OidRequest<'_>) -> OidOutcome {
    if !engine.queues_enabled() {
        return complete(NDIS_STATUS_NOT_SUPPORTED);
    }
    let n = input_len(req);
    let input = req.buffer.get(..n).unwrap_or(&[]);
    let (rev, size) = match header(input, 0, QUEUE_PARAMS_REVS) {
        Hdr::Ok(r, s) => (r, s),
        Hdr::Short(need) => return short(req, need),
        Hdr::Bad => return complete(NDIS_STATUS_INVALID_PARAMETER),
    };
    let parsed = (|| {
        let flags = wire::rd_u32(input, rqp::FLAGS)?;
        let queue_type = wire::rd_u32(input, rqp::QUEUE_TYPE)?;
        let queue_id = wire::rd_u32(input, rqp::QUEUE_ID)?;
        let affinity = affinity_at(input)?;
        let suggested = wire::rd_u32(input, rqp::NUM_SUGGESTED_RECEIVE_BUFFERS)?;
        let lookahead = wire::rd_u32(input, rqp::LOOKAHEAD_SIZE)?;
        let vm_name = CountedName::read(input, rqp::VM_NAME)?;
        let queue_name = CountedName::read(input, rqp::QUEUE_NAME)?;
        let port_id = if rev >= NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_2 {
            wire::rd_u32(input, rqp::PORT_ID)?
        } else {
            0
        };
        let qos = if rev >= NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_3 {
            wire::rd_u32(input, rqp::QOS_SQ_ID)?
        } else {
            0
        };
        if flags & !ALLOWED_QUEUE_FLAGS != 0 || queue_type != NDIS_RECEIVE_QUEUE_TYPE_VM_QUEUE {
            return None;
        }
        Some(AllocateRequest {
            queue_id,
            params: QueueParams {
                flags,
                affinity,
                suggested_buffers: suggested,
                vm_name,
                queue_name,
                port_id,
            },
            lookahead_size: lookahead,
            qos_sq_id: qos,
        })
    })();
    let Some(alloc) = parsed else {
        return complete(NDIS_STATUS_INVALID_PARAMETER);
    };
    match engine.allocate_queue(env, &alloc) {
        Ok(out) => {
            let mut ok = wire::wr_u32(req.buffer, rqp::MSIX_TABLE_ENTRY, out.msix_table_entry);
            if rev >= NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_2 {
                ok &= wire::wr_u32(
                    req.buffer,
                    rqp::INTERRUPT_COALESCING_DOMAIN_ID,
                    out.coalescing_domain,
                );
            }
            req.bytes_read = as_u32(size);
            req.bytes_written = if ok { as_u32(size) } else { 0 };
            complete(NDIS_STATUS_SUCCESS)
        }
        Err(e) => complete(e.status()),
    }
}

/// `first + count * size`, the end of an embedded array (spec G3), or `None` on overflow.
fn array_end(first: u32, count: u32, size: u32) -> Option<usize> {
    let bytes = u64::from(count).checked_mul(u64::from(size))?;
    usize::try_from(u64::from(first).checked_add(bytes)?).ok()
}

/// OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE (method): the array header, then one
/// NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS per queue whose CompletionStatus is written
/// in place. The OID succeeds even when elements fail (spec 1.2).
fn allocation_complete(engine: &VmqEngine, env: VmqEnv<'_>, req: &mut OidRequest<'_>) -> OidOutcome {
    if !engine.queues_enabled() {
        return complete(NDIS_STATUS_NOT_SUPPORTED);
    }
    let n = input_len(req);
    let input = req.buffer.get(..n).unwrap_or(&[]);
    let revs = &[(
        NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1,
        NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1,
    )];
    let size = match header(input, 0, revs) {
        Hdr::Ok(_, s) => s,
        Hdr::Short(need) => return short(req, need),
        Hdr::Bad => return complete(NDIS_STATUS_INVALID_PARAMETER),
    };
    let (Some(count), Some(esize), Some(first)) = (
        wire::rd_u32(input, qac::NUM_ELEMENTS),
        wire::rd_u32(input, qac::ELEMENT_SIZE),
        wire::rd_u32(input, qac::FIRST_ELEMENT_OFFSET),
    ) else {
        return complete(NDIS_STATUS_INVALID_PARAMETER);
    };
    if count == 0 {
        req.bytes_read = as_u32(size);
        req.bytes_written = as_u32(size);
        return complete(NDIS_STATUS_SUCCESS);
    }
    if (esize as usize) < NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1
        || (first as usize) < size
    {
        return complete(NDIS_STATUS_INVALID_PARAMETER);
    }
    let Some(end) = array_end(first, count, esize) else {
        return complete(NDIS_STATUS_INVALID_PARAMETER);
    };
    if end > n {
        return short(req, end);
    }
    let elem_revs = &[(
        NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1,
    )];
    for i in 0..count {
        let Some(off) = array_end(first, i, esize) else {
            break;
        };
        let elem_end = off.saturating_add(esize as usize);
        let Some(elem) = req.buffer.get(off..elem_end) else {
            break;
        };
        let status = match header(elem, 0, elem_revs) {
            Hdr::Ok(..) => match wire::rd_u32(elem, qac::ELEM_QUEUE_ID) {
                Some(q) => engine.complete_allocation(env, q),
                None => NDIS_STATUS_INVALID_PARAMETER,
            },
            Hdr::Short(_) | Hdr::Bad => NDIS_STATUS_INVALID_PARAMETER,
        };
        wire::wr_u32(
            req.buffer,
            off.saturating_add(qac::ELEM_COMPLETION_STATUS),
            status,
        );
    }
    req.bytes_read = as_u32(end);
    req.bytes_written = as_u32(end);
    complete(NDIS_STATUS_SUCCESS)
}

/// A parsed filter: (QueueId, FilterId, spec), or the status to fail with.
fn parse_filter(input: &[u8]) -> Result<(u32, u32, FilterSpec, usize, usize), ParseFail> {
    let revs = &[
        (
            NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_1,
            NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_1,
        ),
        (
            NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_2,
            NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_2,
        ),
    ];
    let (rev, size) = match header(input, 0, revs) {
        Hdr::Ok(r, s) => (r, s),
        Hdr::Short(need) => return Err(ParseFail::Short(need)),
        Hdr::Bad => return Err(ParseFail::Status(NDIS_STATUS_INVALID_PARAMETER)),
    };
    let rd = |off| wire::rd_u32(input, off).ok_or(ParseFail::Status(NDIS_STATUS_INVALID_PARAMETER));
    let invalid = ParseFail::Status(NDIS_STATUS_INVALID_PARAMETER);
    let unsupported = ParseFail::Status(NDIS_STATUS_NOT_SUPPORTED);
    let flags = rd(rfp::FLAGS)?;
    let filter_type = rd(rfp::FILTER_TYPE)?;
    let queue_id = rd(rfp::QUEUE_ID)?;
    let filter_id = rd(rfp::FILTER_ID)?;
    let first = rd(rfp::FIELD_ARRAY_OFFSET)?;
    let count = rd(rfp::FIELD_ARRAY_NUM_ELEMENTS)?;
    let esize = rd(rfp::FIELD_ARRAY_ELEMENT_SIZE)?;
    let bits = rd(rfp::REQUESTED_FILTER_ID_BIT_COUNT)?;
    if filter_type != NDIS_RECEIVE_FILTER_TYPE_VM_QUEUE {
        // Packet coalescing (2) is a known type the adapter does not advertise.
        return Err(if filter_type == 2 { unsupported } else { invalid });
    }
    if flags != 0 {
        // Only NVGRE encapsulation flags exist; no encapsulation offload is advertised.
        return Err(unsupported);
    }
    if filter_id == 0 || bits != 0 {
        return Err(invalid);
    }
    if rev >= NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_2 && rd(rfp::VPORT_ID)? != 0 {
        // vPort filters belong to the SR-IOV engine.
        return Err(unsupported);
    }
    if count == 0 || count > 2 {
        return Err(invalid);
    }
    if (esize as usize) < NDIS_SIZEOF_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1 || (first as usize) < size {
        return Err(invalid);
    }
    let end = array_end(first, count, esize).ok_or(invalid)?;
    if end > input.len() {
        return Err(ParseFail::Short(end));
    }
    let field_revs = &[
        (
            NDIS_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1,
            NDIS_SIZEOF_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1,
        ),
        (
            NDIS_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_2,
            NDIS_SIZEOF_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1,
        ),
    ];
    let mut mac: Option<MacAddr> = None;
    let mut vid: Option<u16> = None;
    let mut untagged = false;
    for i in 0..count {
        let off = array_end(first, i, esize).ok_or(invalid)?;
        let f = input
            .get(off..off.saturating_add(esize as usize))
            .ok_or(invalid)?;
        if !matches!(header(f, 0, field_revs), Hdr::Ok(..)) {
            return Err(invalid);
        }
        let rdf = |o| wire::rd_u32(f, o).ok_or(invalid);
        let fflags = rdf(rffp::FLAGS)?;
        if fflags & !NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO != 0 {
            return Err(invalid);
        }
        untagged |= fflags != 0;
        if rdf(rffp::FRAME_HEADER)? != NDIS_FRAME_HEADER_MAC
            || rdf(rffp::RECEIVE_FILTER_TEST)? != NDIS_RECEIVE_FILTER_TEST_EQUAL
        {
            return Err(unsupported);
        }
        match rdf(rffp::HEADER_FIELD)? {
            NDIS_MAC_HEADER_FIELD_DESTINATION_ADDRESS => {
                let mut m = [0u8; 6];
                let src = f
                    .get(rffp::FIELD_VALUE..rffp::FIELD_VALUE.saturating_add(6))
                    .ok_or(invalid)?;
                m.copy_from_slice(src);
                if mac.replace(m).is_some() {
                    return Err(invalid);
                }
            }
            NDIS_MAC_HEADER_FIELD_VLAN_ID => {
                // FieldShortValue in host order, as netvmini compares it (spec 6; docs/vmq.md).
                let v = wire::rd_u16(f, rffp::FIELD_VALUE).ok_or(invalid)?;
                if vid.replace(v).is_some() {
                    return Err(invalid);
                }
            }
            _ => return Err(unsupported),
        }
    }
    let Some(mac) = mac else {
        return Err(unsupported);
    };
    let vlan = match (vid, untagged) {
        (Some(_), true) => return Err(invalid),
        (Some(v), false) => FilterVlan::Vid(v),
        (None, true) => FilterVlan::UntaggedOrZero,
        // MAC-only without UNTAGGED_OR_ZERO: 6.20 must fail, 6.30 may; svnic fails (docs/vmq.md).
        (None, false) => return Err(invalid),
    };
    Ok((queue_id, filter_id, FilterSpec { mac, vlan }, end, size))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ParseFail {
    Short(usize),
    Status(NdisStatus),
}

/// OID_RECEIVE_FILTER_SET_FILTER (method): NDIS_RECEIVE_FILTER_PARAMETERS + FIELD_PARAMETERS[].
fn set_filter(engine: &VmqEngine, env: VmqEnv<'_>, req: &mut OidRequest<'_>) -> OidOutcome {
    if !engine.filters_enabled() {
        return complete(NDIS_STATUS_NOT_SUPPORTED);
    }
    let n = input_len(req);
    let input = req.buffer.get(..n).unwrap_or(&[]);
    let (queue_id, filter_id, spec, end, size) = match parse_filter(input) {
        Ok(v) => v,
        Err(ParseFail::Short(need)) => return short(req, need),
        Err(ParseFail::Status(s)) => return complete(s),
    };
    let Ok(q) = u16::try_from(queue_id) else {
        return complete(NDIS_STATUS_INVALID_PARAMETER);
    };
    match engine.set_filter(env, filter_id, RxTarget::Queue(q), spec) {
        Ok(()) => {
            req.bytes_read = as_u32(end);
            req.bytes_written = as_u32(size);
            complete(NDIS_STATUS_SUCCESS)
        }
        Err(e) => complete(e.status()),
    }
}

/// OID_RECEIVE_FILTER_CLEAR_FILTER (set): NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS.
fn clear_filter(engine: &VmqEngine, env: VmqEnv<'_>, req: &mut OidRequest<'_>) -> OidOutcome {
    if !engine.filters_enabled() {
        return complete(NDIS_STATUS_NOT_SUPPORTED);
    }
    let revs = &[(
        NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1,
    )];
    let size = match header(req.buffer, 0, revs) {
        Hdr::Ok(_, s) => s,
        Hdr::Short(need) => return short(req, need),
        Hdr::Bad => return complete(NDIS_STATUS_INVALID_PARAMETER),
    };
    let (Some(q), Some(f)) = (
        wire::rd_u32(req.buffer, CLEAR_QUEUE_ID),
        wire::rd_u32(req.buffer, CLEAR_FILTER_ID),
    ) else {
        return complete(NDIS_STATUS_INVALID_PARAMETER);
    };
    match engine.clear_filter(env, q, f) {
        Ok(()) => {
            req.bytes_read = as_u32(size);
            complete(NDIS_STATUS_SUCCESS)
        }
        Err(e) => complete(e.status()),
    }
}

/// OID_RECEIVE_FILTER_FREE_QUEUE (set): NDIS_RECEIVE_QUEUE_FREE_PARAMETERS. May pend.
fn free_queue(engine: &VmqEngine, env: VmqEnv<'_>, req: &mut OidRequest<'_>) -> OidOutcome {
    if !engine.queues_enabled() {
        return complete(NDIS_STATUS_NOT_SUPPORTED);
    }
    let revs = &[(
        NDIS_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1,
    )];
    let size = match header(req.buffer, 0, revs) {
        Hdr::Ok(_, s) => s,
        Hdr::Short(need) => return short(req, need),
        Hdr::Bad => return complete(NDIS_STATUS_INVALID_PARAMETER),
    };
    let Some(q) = wire::rd_u32(req.buffer, FREE_QUEUE_ID) else {
        return complete(NDIS_STATUS_INVALID_PARAMETER);
    };
    let bytes = OidBytes {
        read: as_u32(size),
        written: 0,
        needed: 0,
    };
    match engine.free_queue(env, q, req.token, bytes) {
        Ok(FreeOutcome::Completed) => {
            req.bytes_read = bytes.read;
            complete(NDIS_STATUS_SUCCESS)
        }
        Ok(FreeOutcome::Pending) => {
            req.bytes_read = bytes.read;
            OidOutcome::Pending
        }
        Err(e) => complete(e.status()),
    }
}

/// OID_RECEIVE_FILTER_QUEUE_PARAMETERS (set): only members whose *_CHANGED flag is set.
fn queue_parameters(engine: &VmqEngine, env: VmqEnv<'_>, req: &mut OidRequest<'_>) -> OidOutcome {
    if !engine.queues_enabled() {
        return complete(NDIS_STATUS_NOT_SUPPORTED);
    }
    let size = match header(req.buffer, 0, QUEUE_PARAMS_REVS) {
        Hdr::Ok(_, s) => s,
        Hdr::Short(need) => return short(req, need),
        Hdr::Bad => return complete(NDIS_STATUS_INVALID_PARAMETER),
    };
    let input: &[u8] = req.buffer;
    let parsed = (|| {
        let flags = wire::rd_u32(input, rqp::FLAGS)?;
        let queue_id = wire::rd_u32(input, rqp::QUEUE_ID)?;
        let changed = flags & 0xFFFF_0000;
        if changed & !CHANGE_FLAGS != 0
            || changed & NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED != 0
        {
            // The coalescing domain follows the processor; the miniport reports it, a protocol
            // cannot set it.
            return None;
        }
        let mut c = ParamsChange::default();
        if changed & NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED != 0 {
            c.flags = Some(flags & 0xFFFF);
        }
        if changed & NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED != 0 {
            c.affinity = Some(affinity_at(input)?);
        }
        if changed & NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED != 0 {
            c.suggested_buffers = Some(wire::rd_u32(input, rqp::NUM_SUGGESTED_RECEIVE_BUFFERS)?);
        }
        if changed & NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED != 0 {
            c.queue_name = Some(CountedName::read(input, rqp::QUEUE_NAME)?);
        }
        Some((queue_id, c))
    })();
    let Some((queue_id, change)) = parsed else {
        return complete(NDIS_STATUS_INVALID_PARAMETER);
    };
    match engine.set_queue_parameters(env, queue_id, &change) {
        Ok(()) => {
            req.bytes_read = as_u32(size);
            complete(NDIS_STATUS_SUCCESS)
        }
        Err(e) => complete(e.status()),
    }
}

/// NDIS_RECEIVE_QUEUE_PARAMETERS revision 2 describing queue `q` with `flags` (the low 16 bits
/// are the queue's own flags; pass *_CHANGED bits in the high half). Used for the
/// NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS indication.
pub fn queue_parameters_bytes(
    q: &super::QueueSnapshot,
    changed: u32,
) -> [u8; NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2] {
    let mut b = [0u8; NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2];
    let size = u16::try_from(NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2).unwrap_or(0);
    wire::wr_header(
        &mut b,
        0,
        NDIS_OBJECT_TYPE_DEFAULT,
        NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_2,
        size,
    );
    wire::wr_u32(
        &mut b,
        rqp::FLAGS,
        (q.params.flags & 0xFFFF) | (changed & 0xFFFF_0000),
    );
    wire::wr_u32(&mut b, rqp::QUEUE_TYPE, NDIS_RECEIVE_QUEUE_TYPE_VM_QUEUE);
    wire::wr_u32(&mut b, rqp::QUEUE_ID, q.queue_id);
    wire::wr_u64(&mut b, rqp::AFFINITY_MASK, q.params.affinity.mask);
    wire::wr_u16(&mut b, rqp::AFFINITY_GROUP, q.params.affinity.group);
    wire::wr_u32(
        &mut b,
        rqp::NUM_SUGGESTED_RECEIVE_BUFFERS,
        q.params.suggested_buffers,
    );
    wire::wr_u32(&mut b, rqp::MSIX_TABLE_ENTRY, q.msix_table_entry);
    q.params.vm_name.write(&mut b, rqp::VM_NAME);
    q.params.queue_name.write(&mut b, rqp::QUEUE_NAME);
    wire::wr_u32(&mut b, rqp::PORT_ID, q.params.port_id);
    wire::wr_u32(&mut b, rqp::INTERRUPT_COALESCING_DOMAIN_ID, q.coalescing_domain);
    b
}
