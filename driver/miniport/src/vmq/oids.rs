//! Byte glue of the miniport-handled VMQ OIDs (spec 1.2, G1-G4): validate the payload header,
//! every length, offset, count, element size and id; call the typed operation of [`VmqEngine`];
//! write the outputs; report BytesRead / BytesWritten / BytesNeeded exactly. Never writes past
//! the information buffer.

use super::datapath::FreeOutcome;
use super::device::{FilterSpec, FilterVlan, MacAddr, RxTarget};
use super::state::{GroupAffinity, QueueParams};
use super::wire::CountedName;
use super::{AllocateRequest, ParamsChange, VmqEngine, VmqEnv};
use crate::oid::{OidBytes, OidOutcome, OidRequest, OidRow, RequestType};
use core::mem::offset_of;
use svnic_abi::buf::{self, ArrayDesc, BufError, Payload};
use svnic_abi::header::{NdisObject, GROUP_AFFINITY, NDIS_OBJECT_HEADER, NDIS_OBJECT_TYPE_DEFAULT};
use svnic_abi::oid::{
    OID_RECEIVE_FILTER_ALLOCATE_QUEUE, OID_RECEIVE_FILTER_CLEAR_FILTER, OID_RECEIVE_FILTER_FREE_QUEUE,
    OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE, OID_RECEIVE_FILTER_QUEUE_PARAMETERS,
    OID_RECEIVE_FILTER_SET_FILTER,
};
use svnic_abi::status::{
    NdisStatus, NDIS_STATUS_INVALID_LENGTH, NDIS_STATUS_INVALID_PARAMETER, NDIS_STATUS_NOT_SUPPORTED,
    NDIS_STATUS_SUCCESS,
};
use svnic_abi::vmq::{self as abi, *};

/// Queue flags a protocol may set (PER_QUEUE_RECEIVE_INDICATION, LOOKAHEAD_SPLIT_REQUIRED).
pub const ALLOWED_QUEUE_FLAGS: u32 = NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION
    | NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED;

/// *_CHANGED flags of a QUEUE_PARAMETERS set.
const CHANGE_FLAGS: u32 = NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED
    | NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED
    | NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED
    | NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED
    | NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED;

/// The minimum buffer length of an OID whose payload is `T`: its revision-1 size.
const fn min_len(rev1_size: u16) -> u32 {
    rev1_size as u32
}

/// The miniport-handled VMQ OIDs and the minimum lengths the dispatcher checks first.
pub const ROWS: &[OidRow] = &[
    OidRow::new(
        RequestType::Method,
        OID_RECEIVE_FILTER_ALLOCATE_QUEUE,
        min_len(NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_1),
    ),
    OidRow::new(
        RequestType::Method,
        OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE,
        min_len(NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1),
    ),
    OidRow::new(
        RequestType::Method,
        OID_RECEIVE_FILTER_SET_FILTER,
        min_len(NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_1),
    ),
    OidRow::new(
        RequestType::Set,
        OID_RECEIVE_FILTER_CLEAR_FILTER,
        min_len(NDIS_SIZEOF_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1),
    ),
    OidRow::new(
        RequestType::Set,
        OID_RECEIVE_FILTER_FREE_QUEUE,
        min_len(NDIS_SIZEOF_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1),
    ),
    OidRow::new(
        RequestType::Set,
        OID_RECEIVE_FILTER_QUEUE_PARAMETERS,
        min_len(NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_1),
    ),
];

/// Why a payload was refused: the buffer is short (BytesNeeded) or the status to fail with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ParseFail {
    Short(usize),
    Status(NdisStatus),
}

impl From<BufError> for ParseFail {
    fn from(e: BufError) -> Self {
        match e {
            BufError::TooShort { needed } => ParseFail::Short(needed),
            BufError::Invalid(_) => ParseFail::Status(NDIS_STATUS_INVALID_PARAMETER),
        }
    }
}

/// Spec G1/G2 for a payload `T` at the start of `input`: svnic-abi's revision-aware read (only
/// the claimed revision's bytes must be present; newer fields read as zero).
fn payload<T: NdisObject>(input: &[u8]) -> Result<Payload<T>, ParseFail> {
    buf::read_revision::<T>(input).map_err(ParseFail::from)
}

fn complete(status: NdisStatus) -> OidOutcome {
    OidOutcome::Complete(status)
}

fn short(req: &mut OidRequest<'_>, needed: usize) -> OidOutcome {
    req.bytes_needed = u32::try_from(needed).unwrap_or(u32::MAX);
    complete(NDIS_STATUS_INVALID_LENGTH)
}

fn fail(req: &mut OidRequest<'_>, why: ParseFail) -> OidOutcome {
    match why {
        ParseFail::Short(needed) => short(req, needed),
        ParseFail::Status(s) => complete(s),
    }
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

fn affinity(a: &GROUP_AFFINITY) -> GroupAffinity {
    GroupAffinity {
        mask: a.mask,
        group: a.group,
    }
}

/// OID_RECEIVE_FILTER_ALLOCATE_QUEUE (method): NDIS_RECEIVE_QUEUE_PARAMETERS in and out.
fn allocate_queue(engine: &VmqEngine, env: VmqEnv<'_>, req: &mut OidRequest<'_>) -> OidOutcome {
    if !engine.queues_enabled() {
        return complete(NDIS_STATUS_NOT_SUPPORTED);
    }
    let n = input_len(req);
    let input = req.buffer.get(..n).unwrap_or(&[]);
    let p = match payload::<NDIS_RECEIVE_QUEUE_PARAMETERS>(input) {
        Ok(p) => p,
        Err(e) => return fail(req, e),
    };
    let (rev, v) = (p.revision, p.value);
    let parsed = (|| {
        let vm_name = CountedName::from_counted(&v.vm_name)?;
        let queue_name = CountedName::from_counted(&v.queue_name)?;
        if v.flags & !ALLOWED_QUEUE_FLAGS != 0 || v.queue_type != abi::NdisReceiveQueueTypeVMQueue {
            return None;
        }
        // PortId (revision 2) and QosSqId (revision 3) read as zero in older revisions.
        Some(AllocateRequest {
            queue_id: v.queue_id,
            params: QueueParams {
                flags: v.flags,
                affinity: affinity(&v.processor_affinity),
                suggested_buffers: v.num_suggested_receive_buffers,
                vm_name,
                queue_name,
                port_id: v.port_id,
            },
            lookahead_size: v.lookahead_size,
            qos_sq_id: v.qos_sq_id,
        })
    })();
    let Some(alloc) = parsed else {
        return complete(NDIS_STATUS_INVALID_PARAMETER);
    };
    match engine.allocate_queue(env, &alloc) {
        Ok(out) => {
            type P = NDIS_RECEIVE_QUEUE_PARAMETERS;
            let mut ok =
                buf::write_at(req.buffer, offset_of!(P, msix_table_entry), &out.msix_table_entry).is_ok();
            if rev >= NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_2 {
                ok &= buf::write_at(
                    req.buffer,
                    offset_of!(P, interrupt_coalescing_domain_id),
                    &out.coalescing_domain,
                )
                .is_ok();
            }
            let size = u32::from(p.revision_size);
            req.bytes_read = size;
            req.bytes_written = if ok { size } else { 0 };
            complete(NDIS_STATUS_SUCCESS)
        }
        Err(e) => complete(e.status()),
    }
}

/// OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE (method): the array header, then one
/// NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS per queue whose CompletionStatus is written
/// in place. The OID succeeds even when elements fail (spec 1.2), so a malformed element only
/// fails itself: elements are read one by one rather than through `buf::read_array`.
fn allocation_complete(engine: &VmqEngine, env: VmqEnv<'_>, req: &mut OidRequest<'_>) -> OidOutcome {
    type E = NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS;
    if !engine.queues_enabled() {
        return complete(NDIS_STATUS_NOT_SUPPORTED);
    }
    let n = input_len(req);
    let input = req.buffer.get(..n).unwrap_or(&[]);
    let p = match payload::<NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY>(input) {
        Ok(p) => p,
        Err(e) => return fail(req, e),
    };
    let size = p.revision_size;
    let desc = ArrayDesc {
        first_element_offset: p.value.first_element_offset,
        num_elements: p.value.num_elements,
        element_size: p.value.element_size,
    };
    if desc.num_elements == 0 {
        req.bytes_read = u32::from(size);
        req.bytes_written = u32::from(size);
        return complete(NDIS_STATUS_SUCCESS);
    }
    if desc.element_size < u32::from(E::min_size()) || desc.first_element_offset < u32::from(size) {
        return complete(NDIS_STATUS_INVALID_PARAMETER);
    }
    let Ok(end) = desc.end() else {
        return complete(NDIS_STATUS_INVALID_PARAMETER);
    };
    if end > n {
        return short(req, end);
    }
    let stride = desc.element_size as usize;
    for i in 0..desc.num_elements {
        let Some(off) = desc.element_offset(i) else {
            break;
        };
        let Some(elem) = req.buffer.get(off..off.saturating_add(stride)) else {
            break;
        };
        let status = match payload::<E>(elem) {
            Ok(e) => engine.complete_allocation(env, e.value.queue_id),
            Err(_) => NDIS_STATUS_INVALID_PARAMETER,
        };
        // In place; the element is inside the validated array, so this cannot fall short.
        let _ = buf::write_at(
            req.buffer,
            off.saturating_add(offset_of!(E, completion_status)),
            &status,
        );
    }
    req.bytes_read = as_u32(end);
    req.bytes_written = as_u32(end);
    complete(NDIS_STATUS_SUCCESS)
}

/// A parsed filter: (QueueId, FilterId, spec, BytesRead, BytesWritten), or why it was refused.
fn parse_filter(input: &[u8]) -> Result<(u32, u32, FilterSpec, usize, usize), ParseFail> {
    type F = NDIS_RECEIVE_FILTER_FIELD_PARAMETERS;
    let p = payload::<NDIS_RECEIVE_FILTER_PARAMETERS>(input)?;
    let (rev, size, v) = (p.revision, usize::from(p.revision_size), p.value);
    let invalid = ParseFail::Status(NDIS_STATUS_INVALID_PARAMETER);
    let unsupported = ParseFail::Status(NDIS_STATUS_NOT_SUPPORTED);
    if v.filter_type != abi::NdisReceiveFilterTypeVMQueue {
        // Packet coalescing is a known type the adapter does not advertise.
        return Err(if v.filter_type == abi::NdisReceiveFilterTypePacketCoalescing {
            unsupported
        } else {
            invalid
        });
    }
    if v.flags != 0 {
        // Only NVGRE encapsulation flags exist; no encapsulation offload is advertised.
        return Err(unsupported);
    }
    if v.filter_id == 0 || v.requested_filter_id_bit_count != 0 {
        return Err(invalid);
    }
    if rev >= NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_2 && v.vport_id != 0 {
        // vPort filters belong to the SR-IOV engine.
        return Err(unsupported);
    }
    let desc = ArrayDesc {
        first_element_offset: v.field_parameters_array_offset,
        num_elements: v.field_parameters_array_num_elements,
        element_size: v.field_parameters_array_element_size,
    };
    if desc.num_elements == 0 || desc.num_elements > 2 {
        return Err(invalid);
    }
    if desc.element_size < u32::from(F::min_size()) || (desc.first_element_offset as usize) < size {
        return Err(invalid);
    }
    let end = desc.end().map_err(|_| invalid)?;
    if end > input.len() {
        return Err(ParseFail::Short(end));
    }
    let stride = desc.element_size as usize;
    let mut mac: Option<MacAddr> = None;
    let mut vid: Option<u16> = None;
    let mut untagged = false;
    for i in 0..desc.num_elements {
        let off = desc.element_offset(i).ok_or(invalid)?;
        let slot = input.get(off..off.saturating_add(stride)).ok_or(invalid)?;
        let f = payload::<F>(slot).map_err(|_| invalid)?.value;
        if f.flags & !NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO != 0 {
            return Err(invalid);
        }
        untagged |= f.flags != 0;
        if f.frame_header != abi::NdisFrameHeaderMac
            || f.receive_filter_test != abi::NdisReceiveFilterTestEqual
        {
            return Err(unsupported);
        }
        match f.header_field {
            abi::NdisMacHeaderFieldDestinationAddress => {
                if mac.replace(f.field_value.mac()).is_some() {
                    return Err(invalid);
                }
            }
            abi::NdisMacHeaderFieldVlanId => {
                // FieldShortValue in host order, as netvmini compares it (spec 6; docs/vmq.md).
                if vid.replace(f.field_value.short()).is_some() {
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
    Ok((v.queue_id, v.filter_id, FilterSpec { mac, vlan }, end, size))
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
        Err(e) => return fail(req, e),
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
    let p = match payload::<NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS>(req.buffer) {
        Ok(p) => p,
        Err(e) => return fail(req, e),
    };
    match engine.clear_filter(env, p.value.queue_id, p.value.filter_id) {
        Ok(()) => {
            req.bytes_read = u32::from(p.revision_size);
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
    let p = match payload::<NDIS_RECEIVE_QUEUE_FREE_PARAMETERS>(req.buffer) {
        Ok(p) => p,
        Err(e) => return fail(req, e),
    };
    let bytes = OidBytes {
        read: u32::from(p.revision_size),
        written: 0,
        needed: 0,
    };
    match engine.free_queue(env, p.value.queue_id, req.token, bytes) {
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
    let p = match payload::<NDIS_RECEIVE_QUEUE_PARAMETERS>(req.buffer) {
        Ok(p) => p,
        Err(e) => return fail(req, e),
    };
    let v = p.value;
    let parsed = (|| {
        let changed = v.flags & NDIS_RECEIVE_QUEUE_PARAMETERS_CHANGE_MASK;
        if changed & !CHANGE_FLAGS != 0
            || changed & NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED != 0
        {
            // The coalescing domain follows the processor; the miniport reports it, a protocol
            // cannot set it.
            return None;
        }
        let mut c = ParamsChange::default();
        if changed & NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED != 0 {
            c.flags = Some(v.flags & !NDIS_RECEIVE_QUEUE_PARAMETERS_CHANGE_MASK);
        }
        if changed & NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED != 0 {
            c.affinity = Some(affinity(&v.processor_affinity));
        }
        if changed & NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED != 0 {
            c.suggested_buffers = Some(v.num_suggested_receive_buffers);
        }
        if changed & NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED != 0 {
            c.queue_name = Some(CountedName::from_counted(&v.queue_name)?);
        }
        Some((v.queue_id, c))
    })();
    let Some((queue_id, change)) = parsed else {
        return complete(NDIS_STATUS_INVALID_PARAMETER);
    };
    match engine.set_queue_parameters(env, queue_id, &change) {
        Ok(()) => {
            req.bytes_read = u32::from(p.revision_size);
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
) -> [u8; NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2 as usize] {
    let mut v = NDIS_RECEIVE_QUEUE_PARAMETERS::zeroed();
    v.header = NDIS_OBJECT_HEADER::new(
        NDIS_OBJECT_TYPE_DEFAULT,
        NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_2,
        NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2,
    );
    v.flags = (q.params.flags & !NDIS_RECEIVE_QUEUE_PARAMETERS_CHANGE_MASK)
        | (changed & NDIS_RECEIVE_QUEUE_PARAMETERS_CHANGE_MASK);
    v.queue_type = abi::NdisReceiveQueueTypeVMQueue;
    v.queue_id = q.queue_id;
    v.processor_affinity.mask = q.params.affinity.mask;
    v.processor_affinity.group = q.params.affinity.group;
    v.num_suggested_receive_buffers = q.params.suggested_buffers;
    v.msix_table_entry = q.msix_table_entry;
    v.vm_name = q.params.vm_name.to_counted();
    v.queue_name = q.params.queue_name.to_counted();
    v.port_id = q.params.port_id;
    v.interrupt_coalescing_domain_id = q.coalescing_domain;
    let mut b = [0u8; NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2 as usize];
    // The array is exactly the revision's size, so the write cannot fall short.
    let _ = buf::write_object(&mut b, 0, &v, NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2);
    b
}
