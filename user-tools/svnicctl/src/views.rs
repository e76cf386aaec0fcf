//! The cmdlet-shaped views (`vmq queues`, `vport list`, `sriov vfs`, ...) built from OID requests.
//!
//! Each view issues the OIDs the matching cmdlet's CIM provider reads (spec section 3) through
//! an [`OidPort`], and decodes the answers with svnic-abi's validating readers. The same code
//! serves every backend: the simulator sends the requests through the driver's real
//! `MiniportOidRequest`, the Windows backend through the control device.

use svnic_abi::buf::{read_array, read_object, ArrayDesc};
use svnic_abi::header::{GROUP_AFFINITY, NDIS_IF_COUNTED_STRING, NDIS_OBJECT_HEADER};
use svnic_abi::oid::*;
use svnic_abi::sriov::*;
use svnic_abi::status::*;
use svnic_abi::vmq::*;
use zerocopy::IntoBytes;

use crate::decode::{mac, status_hint, status_name};

/// The answer to one OID request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OidResult {
    pub status: NdisStatus,
    pub bytes_written: u32,
    pub bytes_read: u32,
    pub bytes_needed: u32,
    /// The information buffer after the request (`bytes_written` bytes are meaningful).
    pub data: Vec<u8>,
}

/// Something that carries OID requests to one adapter's driver.
pub trait OidPort {
    /// Issue a request: `input` is copied into an `out_len`-byte information buffer (set and
    /// method input), the driver answers in place.
    fn request(&mut self, kind: NDIS_REQUEST_TYPE, oid: NdisOid, input: &[u8], out_len: u32) -> OidResult;
}

/// A failed view: which OID, what status, what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewError(pub String);

impl std::fmt::Display for ViewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn oid_label(oid: NdisOid) -> String {
    crate::decode::oid_name(oid).map_or_else(|| format!("OID 0x{oid:08X}"), str::to_string)
}

/// Issue a request, growing the buffer once if the driver says it needs more.
fn ask(
    port: &mut dyn OidPort,
    kind: NDIS_REQUEST_TYPE,
    oid: NdisOid,
    input: &[u8],
) -> Result<Vec<u8>, ViewError> {
    let mut len = u32::try_from(input.len()).unwrap_or(u32::MAX).max(4096);
    for _ in 0..2 {
        let r = port.request(kind, oid, input, len);
        if r.status == NDIS_STATUS_SUCCESS {
            let n = usize::try_from(r.bytes_written)
                .unwrap_or(usize::MAX)
                .min(r.data.len());
            return Ok(r.data[..n].to_vec());
        }
        let short = matches!(
            r.status,
            NDIS_STATUS_INVALID_LENGTH | NDIS_STATUS_BUFFER_TOO_SHORT
        );
        if short && r.bytes_needed > len {
            len = r.bytes_needed;
            continue;
        }
        return Err(ViewError(format!(
            "{} failed: {} (0x{:08X}): {}",
            oid_label(oid),
            status_name(r.status),
            r.status,
            status_hint(r.status, r.bytes_needed)
        )));
    }
    Err(ViewError(format!(
        "{}: the driver kept asking for a larger buffer",
        oid_label(oid)
    )))
}

fn bad(oid: NdisOid, what: impl std::fmt::Display) -> ViewError {
    ViewError(format!("{} returned a malformed buffer: {what}", oid_label(oid)))
}

fn counted(s: &NDIS_IF_COUNTED_STRING) -> String {
    let n = usize::from(s.length / 2).min(s.string.len());
    String::from_utf16_lossy(&s.string[..n])
}

/// `group:number` of the lowest processor in an affinity, as Get-NetAdapterVmqQueue prints it.
pub fn processor(a: &GROUP_AFFINITY) -> Option<String> {
    (a.mask != 0).then(|| format!("{}:{}", a.group, a.mask.trailing_zeros()))
}

fn queue_state(s: u32) -> &'static str {
    if s == NdisReceiveQueueOperationalStateRunning {
        "Running"
    } else if s == NdisReceiveQueueOperationalStatePaused {
        "Paused"
    } else if s == NdisReceiveQueueOperationalStateDmaStopped {
        "DmaStopped"
    } else {
        "Undefined"
    }
}

fn vport_state(s: u32) -> &'static str {
    if s == NdisNicSwitchVPortStateActivated {
        "Activated"
    } else if s == NdisNicSwitchVPortStateDeactivated {
        "Deactivated"
    } else {
        "Undefined"
    }
}

/// One VMQ queue (Get-NetAdapterVmqQueue).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueRow {
    pub queue_id: u32,
    pub mac_address: Option<String>,
    pub vlan_id: Option<u16>,
    pub processor: Option<String>,
    pub vm_friendly_name: String,
    pub queue_name: String,
    pub state: &'static str,
    pub num_filters: u32,
}

/// The MAC and VLAN of the filters on a queue (or vPort): ENUM_FILTERS, then PARAMETERS per
/// filter; the first MAC and the first VLAN test found are reported, as the cmdlet does.
/// First destination MAC, first VLAN id, and number of filters on a queue or vPort.
type FilterSummary = (Option<[u8; 6]>, Option<u16>, u32);

fn filters_of(port: &mut dyn OidPort, queue_id: u32, vport: Option<u32>) -> Result<FilterSummary, ViewError> {
    let mut q = NDIS_RECEIVE_FILTER_INFO_ARRAY::zeroed();
    q.header = NDIS_OBJECT_HEADER::new(
        0x80,
        NDIS_RECEIVE_FILTER_INFO_ARRAY_REVISION_2,
        NDIS_SIZEOF_RECEIVE_FILTER_INFO_ARRAY_REVISION_2,
    );
    q.queue_id = queue_id;
    if let Some(v) = vport {
        q.flags = NDIS_RECEIVE_FILTER_INFO_ARRAY_VPORT_ID_SPECIFIED;
        q.vport_id = v;
    }
    let input = &q.as_bytes()[..usize::from(NDIS_SIZEOF_RECEIVE_FILTER_INFO_ARRAY_REVISION_2)];
    let buf = ask(port, NdisRequestMethod, OID_RECEIVE_FILTER_ENUM_FILTERS, input)?;
    let arr = read_object::<NDIS_RECEIVE_FILTER_INFO_ARRAY>(&buf)
        .map_err(|e| bad(OID_RECEIVE_FILTER_ENUM_FILTERS, format!("{e:?}")))?;
    let desc = ArrayDesc {
        first_element_offset: arr.value.first_element_offset,
        num_elements: arr.value.num_elements,
        element_size: arr.value.element_size,
    };
    let ids: Vec<u32> = read_array::<NDIS_RECEIVE_FILTER_INFO>(&buf, desc)
        .map_err(|e| bad(OID_RECEIVE_FILTER_ENUM_FILTERS, format!("{e:?}")))?
        .map(|f| f.map(|f| f.value.filter_id))
        .collect::<Result<_, _>>()
        .map_err(|e| bad(OID_RECEIVE_FILTER_ENUM_FILTERS, format!("{e:?}")))?;
    let (mut mac_found, mut vlan_found) = (None, None);
    for id in &ids {
        let mut p = NDIS_RECEIVE_FILTER_PARAMETERS::zeroed();
        p.header = NDIS_OBJECT_HEADER::new(
            0x80,
            NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_2,
            NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_2,
        );
        p.filter_id = *id;
        let input = &p.as_bytes()[..usize::from(NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_2)];
        let buf = ask(port, NdisRequestMethod, OID_RECEIVE_FILTER_PARAMETERS, input)?;
        let fp = read_object::<NDIS_RECEIVE_FILTER_PARAMETERS>(&buf)
            .map_err(|e| bad(OID_RECEIVE_FILTER_PARAMETERS, format!("{e:?}")))?;
        let desc = ArrayDesc {
            first_element_offset: fp.value.field_parameters_array_offset,
            num_elements: fp.value.field_parameters_array_num_elements,
            element_size: fp.value.field_parameters_array_element_size,
        };
        for field in read_array::<NDIS_RECEIVE_FILTER_FIELD_PARAMETERS>(&buf, desc)
            .map_err(|e| bad(OID_RECEIVE_FILTER_PARAMETERS, format!("{e:?}")))?
        {
            let field = field
                .map_err(|e| bad(OID_RECEIVE_FILTER_PARAMETERS, format!("{e:?}")))?
                .value;
            if field.header_field == NdisMacHeaderFieldDestinationAddress && mac_found.is_none() {
                mac_found = Some(field.field_value.mac());
            } else if field.header_field == NdisMacHeaderFieldVlanId && vlan_found.is_none() {
                vlan_found = Some(field.field_value.short());
            }
        }
    }
    Ok((
        mac_found,
        vlan_found,
        u32::try_from(ids.len()).unwrap_or(u32::MAX),
    ))
}

/// Get-NetAdapterVmqQueue: every queue (ENUM_QUEUES as a statistics query sees all), plus the
/// default queue 0, with MAC / VLAN from their filters.
pub fn vmq_queues(port: &mut dyn OidPort) -> Result<Vec<QueueRow>, ViewError> {
    let buf = ask(
        port,
        NdisRequestQueryStatistics,
        OID_RECEIVE_FILTER_ENUM_QUEUES,
        &[],
    )?;
    let arr = read_object::<NDIS_RECEIVE_QUEUE_INFO_ARRAY>(&buf)
        .map_err(|e| bad(OID_RECEIVE_FILTER_ENUM_QUEUES, format!("{e:?}")))?;
    let desc = ArrayDesc {
        first_element_offset: arr.value.first_element_offset,
        num_elements: arr.value.num_elements,
        element_size: arr.value.element_size,
    };
    let infos: Vec<NDIS_RECEIVE_QUEUE_INFO> = read_array::<NDIS_RECEIVE_QUEUE_INFO>(&buf, desc)
        .map_err(|e| bad(OID_RECEIVE_FILTER_ENUM_QUEUES, format!("{e:?}")))?
        .map(|q| q.map(|q| q.value))
        .collect::<Result<_, _>>()
        .map_err(|e| bad(OID_RECEIVE_FILTER_ENUM_QUEUES, format!("{e:?}")))?;
    let mut rows = Vec::new();
    if !infos.iter().any(|q| q.queue_id == 0) {
        let (m, v, n) = filters_of(port, 0, None)?;
        rows.push(QueueRow {
            queue_id: 0,
            mac_address: m.map(|m| mac(&m)),
            vlan_id: v,
            processor: None,
            vm_friendly_name: String::new(),
            queue_name: "default".into(),
            state: "Running",
            num_filters: n,
        });
    }
    for q in infos {
        let (m, v, n) = filters_of(port, q.queue_id, None)?;
        rows.push(QueueRow {
            queue_id: q.queue_id,
            mac_address: m.map(|m| mac(&m)),
            vlan_id: v,
            processor: processor(&q.processor_affinity),
            vm_friendly_name: counted(&q.vm_name),
            queue_name: counted(&q.queue_name),
            state: queue_state(q.queue_state),
            num_filters: n,
        });
    }
    rows.sort_by_key(|r| r.queue_id);
    Ok(rows)
}

/// One vPort (Get-NetAdapterVPort).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VPortRow {
    pub vport_id: u32,
    pub vport_name: String,
    pub switch_id: u32,
    /// `PF` or the VF id.
    pub function_id: String,
    pub num_queue_pairs: u32,
    pub vport_state: &'static str,
    pub processor: Option<String>,
    pub num_filters: u32,
}

fn function(id: u16) -> String {
    if id == NDIS_PF_FUNCTION_ID {
        "PF".into()
    } else {
        id.to_string()
    }
}

/// Get-NetAdapterVPort: OID_NIC_SWITCH_ENUM_VPORTS on switch 0.
pub fn vports(port: &mut dyn OidPort) -> Result<Vec<VPortRow>, ViewError> {
    let mut q = NDIS_NIC_SWITCH_VPORT_INFO_ARRAY::zeroed();
    q.header = NDIS_OBJECT_HEADER::new(0x80, 1, size_of_u16::<NDIS_NIC_SWITCH_VPORT_INFO_ARRAY>());
    q.flags = NDIS_NIC_SWITCH_VPORT_INFO_ARRAY_ENUM_ON_SPECIFIC_SWITCH;
    let buf = ask(port, NdisRequestMethod, OID_NIC_SWITCH_ENUM_VPORTS, q.as_bytes())?;
    let arr = read_object::<NDIS_NIC_SWITCH_VPORT_INFO_ARRAY>(&buf)
        .map_err(|e| bad(OID_NIC_SWITCH_ENUM_VPORTS, format!("{e:?}")))?;
    let desc = ArrayDesc {
        first_element_offset: arr.value.first_element_offset,
        num_elements: arr.value.num_elements,
        element_size: arr.value.element_size,
    };
    let mut rows = Vec::new();
    for v in read_array::<NDIS_NIC_SWITCH_VPORT_INFO>(&buf, desc)
        .map_err(|e| bad(OID_NIC_SWITCH_ENUM_VPORTS, format!("{e:?}")))?
    {
        let v = v
            .map_err(|e| bad(OID_NIC_SWITCH_ENUM_VPORTS, format!("{e:?}")))?
            .value;
        rows.push(VPortRow {
            vport_id: v.vport_id,
            vport_name: counted(&v.vport_name),
            switch_id: v.switch_id,
            function_id: function(v.attached_function_id),
            num_queue_pairs: v.num_queue_pairs,
            vport_state: vport_state(v.vport_state),
            processor: processor(&v.processor_affinity),
            num_filters: v.num_filters,
        });
    }
    rows.sort_by_key(|r| r.vport_id);
    Ok(rows)
}

/// One VF (Get-NetAdapterSriovVf).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VfRow {
    pub function_id: u16,
    pub switch_id: u32,
    pub vm_friendly_name: String,
    pub mac_address: String,
    pub requestor_id: u32,
    /// vPorts attached to this VF (from `vports`).
    pub vport_ids: Vec<u32>,
}

/// Get-NetAdapterSriovVf: OID_NIC_SWITCH_ENUM_VFS, with each VF's vPorts from ENUM_VPORTS.
pub fn vfs(port: &mut dyn OidPort) -> Result<Vec<VfRow>, ViewError> {
    let mut q = NDIS_NIC_SWITCH_VF_INFO_ARRAY::zeroed();
    q.header = NDIS_OBJECT_HEADER::new(0x80, 1, size_of_u16::<NDIS_NIC_SWITCH_VF_INFO_ARRAY>());
    q.flags = NDIS_NIC_SWITCH_VF_INFO_ARRAY_ENUM_ON_SPECIFIC_SWITCH;
    let buf = ask(port, NdisRequestMethod, OID_NIC_SWITCH_ENUM_VFS, q.as_bytes())?;
    let arr = read_object::<NDIS_NIC_SWITCH_VF_INFO_ARRAY>(&buf)
        .map_err(|e| bad(OID_NIC_SWITCH_ENUM_VFS, format!("{e:?}")))?;
    let desc = ArrayDesc {
        first_element_offset: arr.value.first_element_offset,
        num_elements: arr.value.num_elements,
        element_size: arr.value.element_size,
    };
    let vports = vports(port)?;
    let mut rows = Vec::new();
    for v in read_array::<NDIS_NIC_SWITCH_VF_INFO>(&buf, desc)
        .map_err(|e| bad(OID_NIC_SWITCH_ENUM_VFS, format!("{e:?}")))?
    {
        let v = v
            .map_err(|e| bad(OID_NIC_SWITCH_ENUM_VFS, format!("{e:?}")))?
            .value;
        let len = usize::from(v.mac_address_length).min(v.current_mac_address.len());
        let id = v.vf_id.to_string();
        rows.push(VfRow {
            function_id: v.vf_id,
            switch_id: v.switch_id,
            vm_friendly_name: counted(&v.vm_friendly_name),
            mac_address: mac(&v.current_mac_address[..len]),
            requestor_id: v.requestor_id,
            vport_ids: vports
                .iter()
                .filter(|p| p.function_id == id)
                .map(|p| p.vport_id)
                .collect(),
        });
    }
    rows.sort_by_key(|r| r.function_id);
    Ok(rows)
}

/// The NIC switch as NDIS reports it (Get-NetAdapterSriov's switch fields).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SwitchRow {
    pub switch_id: u32,
    pub switch_name: String,
    pub num_vfs: u32,
    pub num_allocated_vfs: u32,
    pub num_vports: u32,
    pub num_active_vports: u32,
}

/// OID_NIC_SWITCH_ENUM_SWITCHES: the switches (svnic has at most the default switch).
pub fn switches(port: &mut dyn OidPort) -> Result<Vec<SwitchRow>, ViewError> {
    let buf = ask(
        port,
        NdisRequestQueryInformation,
        OID_NIC_SWITCH_ENUM_SWITCHES,
        &[],
    )?;
    let arr = read_object::<NDIS_NIC_SWITCH_INFO_ARRAY>(&buf)
        .map_err(|e| bad(OID_NIC_SWITCH_ENUM_SWITCHES, format!("{e:?}")))?;
    let desc = ArrayDesc {
        first_element_offset: arr.value.first_element_offset,
        num_elements: arr.value.num_elements,
        element_size: arr.value.element_size,
    };
    let mut rows = Vec::new();
    for s in read_array::<NDIS_NIC_SWITCH_INFO>(&buf, desc)
        .map_err(|e| bad(OID_NIC_SWITCH_ENUM_SWITCHES, format!("{e:?}")))?
    {
        let s = s
            .map_err(|e| bad(OID_NIC_SWITCH_ENUM_SWITCHES, format!("{e:?}")))?
            .value;
        rows.push(SwitchRow {
            switch_id: s.switch_id,
            switch_name: counted(&s.switch_friendly_name),
            num_vfs: s.num_vfs,
            num_allocated_vfs: s.num_allocated_vfs,
            num_vports: s.num_vports,
            num_active_vports: s.num_active_vports,
        });
    }
    Ok(rows)
}

fn size_of_u16<T>() -> u16 {
    u16::try_from(core::mem::size_of::<T>()).unwrap_or(u16::MAX)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// A driver stand-in answering from prepared buffers, keyed by (oid, first input u32 after
    /// the header), recording every request.
    #[derive(Default)]
    pub(crate) struct Canned {
        pub answers: BTreeMap<(NdisOid, u32), Vec<u8>>,
        pub log: Vec<(NDIS_REQUEST_TYPE, NdisOid)>,
    }

    impl OidPort for Canned {
        fn request(
            &mut self,
            kind: NDIS_REQUEST_TYPE,
            oid: NdisOid,
            input: &[u8],
            out_len: u32,
        ) -> OidResult {
            self.log.push((kind, oid));
            let key_at = match oid {
                OID_RECEIVE_FILTER_ENUM_FILTERS => Some(4),
                OID_RECEIVE_FILTER_PARAMETERS => Some(16),
                _ => None,
            };
            let key = key_at
                .and_then(|at| input.get(at..at + 4))
                .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
            match self.answers.get(&(oid, key)) {
                None => OidResult {
                    status: NDIS_STATUS_NOT_SUPPORTED,
                    bytes_written: 0,
                    bytes_read: 0,
                    bytes_needed: 0,
                    data: vec![],
                },
                Some(a) if a.len() > out_len as usize => OidResult {
                    status: NDIS_STATUS_INVALID_LENGTH,
                    bytes_written: 0,
                    bytes_read: 0,
                    bytes_needed: a.len() as u32,
                    data: vec![0; out_len as usize],
                },
                Some(a) => {
                    let mut data = a.clone();
                    data.resize(out_len as usize, 0);
                    OidResult {
                        status: 0,
                        bytes_written: a.len() as u32,
                        bytes_read: 0,
                        bytes_needed: 0,
                        data,
                    }
                }
            }
        }
    }

    fn queue_info(id: u32, vm: &str, cpu: u32, state: u32) -> NDIS_RECEIVE_QUEUE_INFO {
        let mut q = NDIS_RECEIVE_QUEUE_INFO::zeroed();
        q.header = NDIS_OBJECT_HEADER::new(0x80, 2, size_of_u16::<NDIS_RECEIVE_QUEUE_INFO>() - 4);
        q.queue_id = id;
        q.vm_name = NDIS_IF_COUNTED_STRING::from_text(vm);
        q.processor_affinity.mask = 1 << cpu;
        q.queue_state = state;
        q
    }

    fn array<H: IntoBytes + zerocopy::Immutable, E: IntoBytes + zerocopy::Immutable>(
        head: H,
        elems: &[E],
    ) -> Vec<u8> {
        let mut b = head.as_bytes().to_vec();
        for e in elems {
            b.extend_from_slice(e.as_bytes());
        }
        b
    }

    pub(crate) fn filter_list(queue: u32, ids: &[u32]) -> Vec<u8> {
        let mut h = NDIS_RECEIVE_FILTER_INFO_ARRAY::zeroed();
        h.header = NDIS_OBJECT_HEADER::new(0x80, 2, NDIS_SIZEOF_RECEIVE_FILTER_INFO_ARRAY_REVISION_2);
        h.queue_id = queue;
        h.first_element_offset = size_of_u16::<NDIS_RECEIVE_FILTER_INFO_ARRAY>() as u32;
        h.num_elements = ids.len() as u32;
        h.element_size = size_of_u16::<NDIS_RECEIVE_FILTER_INFO>() as u32;
        let elems: Vec<NDIS_RECEIVE_FILTER_INFO> = ids
            .iter()
            .map(|id| {
                let mut f = NDIS_RECEIVE_FILTER_INFO::zeroed();
                f.header = NDIS_OBJECT_HEADER::new(0x80, 1, size_of_u16::<NDIS_RECEIVE_FILTER_INFO>());
                f.filter_id = *id;
                f
            })
            .collect();
        array(h, &elems)
    }

    pub(crate) fn filter_params(id: u32, m: [u8; 6], vlan: Option<u16>) -> Vec<u8> {
        let mut fields = vec![];
        let mut f = NDIS_RECEIVE_FILTER_FIELD_PARAMETERS::zeroed();
        f.header = NDIS_OBJECT_HEADER::new(0x80, 1, size_of_u16::<NDIS_RECEIVE_FILTER_FIELD_PARAMETERS>());
        f.header_field = NdisMacHeaderFieldDestinationAddress;
        f.field_value = NDIS_RECEIVE_FILTER_FIELD_VALUE::from_mac(m);
        fields.push(f);
        if let Some(v) = vlan {
            let mut f = f;
            f.header_field = NdisMacHeaderFieldVlanId;
            f.field_value = NDIS_RECEIVE_FILTER_FIELD_VALUE::from_short(v);
            fields.push(f);
        }
        let mut p = NDIS_RECEIVE_FILTER_PARAMETERS::zeroed();
        p.header = NDIS_OBJECT_HEADER::new(0x80, 2, NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_2);
        p.filter_id = id;
        p.field_parameters_array_offset = size_of_u16::<NDIS_RECEIVE_FILTER_PARAMETERS>() as u32;
        p.field_parameters_array_num_elements = fields.len() as u32;
        p.field_parameters_array_element_size = size_of_u16::<NDIS_RECEIVE_FILTER_FIELD_PARAMETERS>() as u32;
        array(p, &fields)
    }

    #[test]
    fn vmq_queues_joins_queue_info_with_filter_mac_and_vlan() {
        let mut c = Canned::default();
        let mut h = NDIS_RECEIVE_QUEUE_INFO_ARRAY::zeroed();
        h.header = NDIS_OBJECT_HEADER::new(0x80, 1, 16);
        h.first_element_offset = 16;
        h.num_elements = 1;
        h.element_size = size_of_u16::<NDIS_RECEIVE_QUEUE_INFO>() as u32;
        c.answers.insert(
            (OID_RECEIVE_FILTER_ENUM_QUEUES, 0),
            array(
                h,
                &[queue_info(1, "vm1", 2, NdisReceiveQueueOperationalStateRunning)],
            ),
        );
        c.answers
            .insert((OID_RECEIVE_FILTER_ENUM_FILTERS, 0), filter_list(0, &[]));
        c.answers
            .insert((OID_RECEIVE_FILTER_ENUM_FILTERS, 1), filter_list(1, &[7]));
        c.answers.insert(
            (OID_RECEIVE_FILTER_PARAMETERS, 7),
            filter_params(7, [0, 0x15, 0x5d, 0, 0, 1], Some(10)),
        );
        let rows = vmq_queues(&mut c).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].queue_id, rows[0].mac_address.clone(), rows[0].num_filters),
            (0, None, 0)
        );
        assert_eq!(
            rows[1],
            QueueRow {
                queue_id: 1,
                mac_address: Some("00-15-5D-00-00-01".into()),
                vlan_id: Some(10),
                processor: Some("0:2".into()),
                vm_friendly_name: "vm1".into(),
                queue_name: String::new(),
                state: "Running",
                num_filters: 1,
            }
        );
        assert_eq!(
            c.log[0],
            (NdisRequestQueryStatistics, OID_RECEIVE_FILTER_ENUM_QUEUES)
        );
    }

    #[test]
    fn a_short_buffer_is_retried_with_bytes_needed() {
        let mut c = Canned::default();
        let big = vec![0u8; 5000];
        c.answers.insert((OID_GEN_SUPPORTED_LIST, 0), big.clone());
        assert_eq!(
            ask(&mut c, NdisRequestQueryInformation, OID_GEN_SUPPORTED_LIST, &[]).unwrap(),
            big
        );
        assert_eq!(c.log.len(), 2);
    }

    #[test]
    fn a_failing_oid_names_the_status_and_the_remedy() {
        let mut c = Canned::default();
        let e = vmq_queues(&mut c).unwrap_err().0;
        assert_eq!(
            e,
            "OID_RECEIVE_FILTER_ENUM_QUEUES failed: NDIS_STATUS_NOT_SUPPORTED (0xC00000BB): the adapter does not handle this OID with this request type in its current mode (is VMQ / SR-IOV enabled by the keywords?); try another request type or check `adapter list`"
        );
    }
}
