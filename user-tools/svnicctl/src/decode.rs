//! Decoding OID information buffers for `svnicctl oid`: names of OIDs and NDIS statuses, and a
//! field-by-field view of the structures svnic-abi describes.
//!
//! The decoder is generic over svnic-abi's [`AbiLayout`] field tables (the WDK field names,
//! offsets and sizes), so every structure svnic-abi declares is decoded the same way and a
//! layout change in svnic-abi shows up here without a second copy of the layout. Only the bytes
//! the driver wrote are decoded: a field that does not fit in them is left out, never guessed.

use svnic_abi::header::{NDIS_IF_COUNTED_STRING, NDIS_OBJECT_HEADER};
use svnic_abi::layout::{AbiLayout, FieldLayout};
use svnic_abi::oid::*;
use svnic_abi::sriov::*;
use svnic_abi::status::*;
use svnic_abi::vmq::*;

/// One decoded field: WDK name (dotted for nested header fields, `[i].` for array elements)
/// and its value as text.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Field {
    pub name: String,
    pub value: String,
}

fn le(bytes: &[u8]) -> u64 {
    bytes.iter().rev().fold(0u64, |acc, b| (acc << 8) | u64::from(*b))
}

/// Decode the fields of `T` present in `buf` (those that end within it), prefixing names.
fn fields_of<T: AbiLayout>(buf: &[u8], prefix: &str, out: &mut Vec<Field>) {
    for f in T::FIELDS {
        if f.name.starts_with('_') {
            continue;
        }
        let Some(bytes) = buf.get(f.offset..f.offset + f.size) else {
            break;
        };
        let name = format!("{prefix}{}", f.name);
        if f.name == "Header" && f.size == core::mem::size_of::<NDIS_OBJECT_HEADER>() {
            out.push(Field {
                name,
                value: format!(
                    "Type 0x{:02X} Revision {} Size {}",
                    bytes[0],
                    bytes[1],
                    le(&bytes[2..4])
                ),
            });
            continue;
        }
        let value = match f.size {
            1 | 2 | 4 => {
                let v = le(bytes);
                format!("{v} (0x{v:0width$X})", width = f.size * 2)
            }
            8 => format!("0x{:016X}", le(bytes)),
            n if n == core::mem::size_of::<NDIS_IF_COUNTED_STRING>() => counted_string(bytes),
            6 => mac(bytes),
            _ => hex(bytes),
        };
        out.push(Field { name, value });
    }
}

/// `NDIS_IF_COUNTED_STRING`: Length in bytes, then UTF-16.
fn counted_string(bytes: &[u8]) -> String {
    let len = usize::try_from(le(&bytes[..2])).unwrap_or(0).min(512);
    let units: Vec<u16> = bytes[2..2 + len]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    format!("\"{}\"", String::from_utf16_lossy(&units))
}

/// `aa-bb-cc-dd-ee-ff`, the way Get-NetAdapter prints MAC addresses.
pub fn mac(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join("-")
}

/// Space-separated hex bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Parse `--in-hex` text: hex digit pairs, optionally separated by spaces, `:` or `-`.
pub fn parse_hex(text: &str) -> Result<Vec<u8>, String> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | ':' | '-' | '_' | '\n' | '\t'))
        .collect();
    let digits = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
        .unwrap_or(&digits);
    if digits.len() % 2 != 0 {
        return Err(format!(
            "hex input has an odd number of digits ({}): give whole bytes, e.g. 80 01 10 00",
            digits.len()
        ));
    }
    (0..digits.len())
        .step_by(2)
        .map(|i| {
            u8::from_str_radix(&digits[i..i + 2], 16)
                .map_err(|_| format!("not a hex byte: {:?}", &digits[i..i + 2]))
        })
        .collect()
}

/// How an OID's buffer is laid out.
#[derive(Clone, Copy)]
enum Shape {
    /// A ULONG.
    U32,
    /// A ULONG64.
    U64,
    /// A 6-byte MAC address (or a list of them).
    Macs,
    /// A structure.
    Struct(fn(&[u8], &str, &mut Vec<Field>)),
    /// An `*_ARRAY` header followed by NumElements elements of ElementSize bytes at
    /// FirstElementOffset (spec G3); the three fields are found by name in the header's layout.
    Array {
        head: fn(&[u8], &str, &mut Vec<Field>),
        layout: &'static [FieldLayout],
        element: fn(&[u8], &str, &mut Vec<Field>),
    },
    /// A list of OIDs (OID_GEN_SUPPORTED_LIST).
    OidList,
    /// Raw bytes only.
    Opaque,
}

/// A known OID: name, code, buffer shape.
pub struct OidInfo {
    pub name: &'static str,
    pub code: NdisOid,
    shape: Shape,
}

macro_rules! oids {
    ($( $name:ident => $shape:expr ),* $(,)?) => {
        &[ $( OidInfo { name: stringify!($name), code: $name, shape: $shape } ),* ]
    };
}

const fn st<T: AbiLayout>() -> Shape {
    Shape::Struct(fields_of::<T>)
}

const fn arr<H: AbiLayout, E: AbiLayout>() -> Shape {
    Shape::Array {
        head: fields_of::<H>,
        layout: H::FIELDS,
        element: fields_of::<E>,
    }
}

/// The OIDs `svnicctl oid` knows by name (any other is accepted as a number).
pub const OIDS: &[OidInfo] = oids![
    OID_GEN_SUPPORTED_LIST => Shape::OidList,
    OID_GEN_HARDWARE_STATUS => Shape::U32,
    OID_GEN_MEDIA_SUPPORTED => Shape::U32,
    OID_GEN_MEDIA_IN_USE => Shape::U32,
    OID_GEN_MAXIMUM_LOOKAHEAD => Shape::U32,
    OID_GEN_MAXIMUM_FRAME_SIZE => Shape::U32,
    OID_GEN_LINK_SPEED => Shape::U32,
    OID_GEN_TRANSMIT_BUFFER_SPACE => Shape::U32,
    OID_GEN_RECEIVE_BUFFER_SPACE => Shape::U32,
    OID_GEN_VENDOR_ID => Shape::U32,
    OID_GEN_VENDOR_DESCRIPTION => Shape::Opaque,
    OID_GEN_CURRENT_PACKET_FILTER => Shape::U32,
    OID_GEN_CURRENT_LOOKAHEAD => Shape::U32,
    OID_GEN_DRIVER_VERSION => Shape::U32,
    OID_GEN_MAXIMUM_TOTAL_SIZE => Shape::U32,
    OID_GEN_MAC_OPTIONS => Shape::U32,
    OID_GEN_MEDIA_CONNECT_STATUS => Shape::U32,
    OID_GEN_VENDOR_DRIVER_VERSION => Shape::U32,
    OID_GEN_PHYSICAL_MEDIUM => Shape::U32,
    OID_GEN_MAC_ADDRESS => Shape::Macs,
    OID_GEN_XMIT_OK => Shape::U64,
    OID_GEN_RCV_OK => Shape::U64,
    OID_GEN_XMIT_ERROR => Shape::U64,
    OID_GEN_RCV_ERROR => Shape::U64,
    OID_GEN_RCV_NO_BUFFER => Shape::U64,
    OID_802_3_PERMANENT_ADDRESS => Shape::Macs,
    OID_802_3_CURRENT_ADDRESS => Shape::Macs,
    OID_802_3_MULTICAST_LIST => Shape::Macs,
    OID_802_3_MAXIMUM_LIST_SIZE => Shape::U32,
    OID_GEN_STATISTICS => st::<svnic_abi::header::NDIS_STATISTICS_INFO>(),
    OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES => st::<NDIS_RECEIVE_FILTER_CAPABILITIES>(),
    OID_RECEIVE_FILTER_CURRENT_CAPABILITIES => st::<NDIS_RECEIVE_FILTER_CAPABILITIES>(),
    OID_RECEIVE_FILTER_GLOBAL_PARAMETERS => st::<NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS>(),
    OID_RECEIVE_FILTER_ALLOCATE_QUEUE => st::<NDIS_RECEIVE_QUEUE_PARAMETERS>(),
    OID_RECEIVE_FILTER_FREE_QUEUE => st::<NDIS_RECEIVE_QUEUE_FREE_PARAMETERS>(),
    OID_RECEIVE_FILTER_QUEUE_PARAMETERS => st::<NDIS_RECEIVE_QUEUE_PARAMETERS>(),
    OID_RECEIVE_FILTER_SET_FILTER => st::<NDIS_RECEIVE_FILTER_PARAMETERS>(),
    OID_RECEIVE_FILTER_CLEAR_FILTER => st::<NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS>(),
    OID_RECEIVE_FILTER_PARAMETERS => st::<NDIS_RECEIVE_FILTER_PARAMETERS>(),
    OID_RECEIVE_FILTER_MOVE_FILTER => st::<NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS>(),
    OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE => arr::<NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY, NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS>(),
    OID_RECEIVE_FILTER_ENUM_QUEUES => arr::<NDIS_RECEIVE_QUEUE_INFO_ARRAY, NDIS_RECEIVE_QUEUE_INFO>(),
    OID_RECEIVE_FILTER_ENUM_FILTERS => arr::<NDIS_RECEIVE_FILTER_INFO_ARRAY, NDIS_RECEIVE_FILTER_INFO>(),
    OID_NIC_SWITCH_HARDWARE_CAPABILITIES => st::<NDIS_NIC_SWITCH_CAPABILITIES>(),
    OID_NIC_SWITCH_CURRENT_CAPABILITIES => st::<NDIS_NIC_SWITCH_CAPABILITIES>(),
    OID_NIC_SWITCH_CREATE_SWITCH => st::<NDIS_NIC_SWITCH_PARAMETERS>(),
    OID_NIC_SWITCH_PARAMETERS => st::<NDIS_NIC_SWITCH_PARAMETERS>(),
    OID_NIC_SWITCH_DELETE_SWITCH => st::<NDIS_NIC_SWITCH_DELETE_SWITCH_PARAMETERS>(),
    OID_NIC_SWITCH_ENUM_SWITCHES => arr::<NDIS_NIC_SWITCH_INFO_ARRAY, NDIS_NIC_SWITCH_INFO>(),
    OID_NIC_SWITCH_CREATE_VPORT => st::<NDIS_NIC_SWITCH_VPORT_PARAMETERS>(),
    OID_NIC_SWITCH_VPORT_PARAMETERS => st::<NDIS_NIC_SWITCH_VPORT_PARAMETERS>(),
    OID_NIC_SWITCH_DELETE_VPORT => st::<NDIS_NIC_SWITCH_DELETE_VPORT_PARAMETERS>(),
    OID_NIC_SWITCH_ENUM_VPORTS => arr::<NDIS_NIC_SWITCH_VPORT_INFO_ARRAY, NDIS_NIC_SWITCH_VPORT_INFO>(),
    OID_NIC_SWITCH_ALLOCATE_VF => st::<NDIS_NIC_SWITCH_VF_PARAMETERS>(),
    OID_NIC_SWITCH_FREE_VF => st::<NDIS_NIC_SWITCH_FREE_VF_PARAMETERS>(),
    OID_NIC_SWITCH_VF_PARAMETERS => st::<NDIS_NIC_SWITCH_VF_PARAMETERS>(),
    OID_NIC_SWITCH_ENUM_VFS => arr::<NDIS_NIC_SWITCH_VF_INFO_ARRAY, NDIS_NIC_SWITCH_VF_INFO>(),
    OID_SRIOV_HARDWARE_CAPABILITIES => st::<NDIS_SRIOV_CAPABILITIES>(),
    OID_SRIOV_CURRENT_CAPABILITIES => st::<NDIS_SRIOV_CAPABILITIES>(),
    OID_SRIOV_READ_VF_CONFIG_SPACE => st::<NDIS_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS>(),
    OID_SRIOV_WRITE_VF_CONFIG_SPACE => st::<NDIS_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS>(),
    OID_SRIOV_READ_VF_CONFIG_BLOCK => st::<NDIS_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS>(),
    OID_SRIOV_WRITE_VF_CONFIG_BLOCK => st::<NDIS_SRIOV_WRITE_VF_CONFIG_BLOCK_PARAMETERS>(),
    OID_SRIOV_RESET_VF => st::<NDIS_SRIOV_RESET_VF_PARAMETERS>(),
    OID_SRIOV_SET_VF_POWER_STATE => st::<NDIS_SRIOV_SET_VF_POWER_STATE_PARAMETERS>(),
    OID_SRIOV_VF_VENDOR_DEVICE_ID => st::<NDIS_SRIOV_VF_VENDOR_DEVICE_ID_INFO>(),
    OID_SRIOV_PROBED_BARS => st::<NDIS_SRIOV_PROBED_BARS_INFO>(),
    OID_SRIOV_BAR_RESOURCES => st::<NDIS_SRIOV_BAR_RESOURCES_INFO>(),
    OID_SRIOV_PF_LUID => st::<NDIS_SRIOV_PF_LUID_INFO>(),
    OID_SRIOV_CONFIG_STATE => st::<NDIS_SRIOV_CONFIG_STATE_PARAMETERS>(),
    OID_SRIOV_VF_SERIAL_NUMBER => st::<NDIS_SRIOV_VF_SERIAL_NUMBER_INFO>(),
    OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK => st::<NDIS_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO>(),
];

/// Look an OID up by WDK name (case-insensitive, `OID_` optional) or number (hex `0x...` or
/// decimal).
pub fn parse_oid(text: &str) -> Result<NdisOid, String> {
    let t = text.trim();
    if let Some(hex) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        return u32::from_str_radix(&hex.replace('_', ""), 16)
            .map_err(|_| format!("not an OID number: {text}"));
    }
    if let Ok(n) = t.parse::<u32>() {
        return Ok(n);
    }
    let upper = t.to_ascii_uppercase();
    let name = if upper.starts_with("OID_") {
        upper
    } else {
        format!("OID_{upper}")
    };
    OIDS.iter()
        .find(|o| o.name == name)
        .map(|o| o.code)
        .ok_or_else(|| {
            format!("unknown OID name {text}: give a WDK name (e.g. OID_RECEIVE_FILTER_ENUM_QUEUES) or a number (0x00010225)")
        })
}

/// The WDK name of an OID, if svnicctl knows it.
pub fn oid_name(code: NdisOid) -> Option<&'static str> {
    OIDS.iter().find(|o| o.code == code).map(|o| o.name)
}

/// Decode `buf` as the buffer of `oid`. Unknown OIDs and unknown shapes give no fields (the
/// caller prints the raw bytes).
pub fn decode(oid: NdisOid, buf: &[u8]) -> Vec<Field> {
    let mut out = Vec::new();
    let Some(info) = OIDS.iter().find(|o| o.code == oid) else {
        return out;
    };
    match info.shape {
        Shape::U32 if buf.len() >= 4 => {
            let v = le(&buf[..4]);
            out.push(Field {
                name: "ULONG".into(),
                value: format!("{v} (0x{v:08X})"),
            });
        }
        Shape::U64 if buf.len() >= 8 => out.push(Field {
            name: "ULONG64".into(),
            value: le(&buf[..8]).to_string(),
        }),
        Shape::U64 if buf.len() >= 4 => out.push(Field {
            name: "ULONG".into(),
            value: le(&buf[..4]).to_string(),
        }),
        Shape::Macs => {
            for (i, m) in buf.chunks_exact(6).enumerate() {
                out.push(Field {
                    name: format!("MacAddress[{i}]"),
                    value: mac(m),
                });
            }
        }
        Shape::OidList => {
            for (i, c) in buf.chunks_exact(4).enumerate() {
                let code = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
                out.push(Field {
                    name: format!("[{i}]"),
                    value: match oid_name(code) {
                        Some(n) => format!("{n} (0x{code:08X})"),
                        None => format!("0x{code:08X}"),
                    },
                });
            }
        }
        Shape::Struct(f) => f(buf, "", &mut out),
        Shape::Array {
            head,
            layout,
            element,
        } => {
            head(buf, "", &mut out);
            let get = |name: &str| {
                let f = layout.iter().find(|f| f.name == name)?;
                let v = le(buf.get(f.offset..f.offset + f.size)?);
                usize::try_from(v).ok()
            };
            let (first, n, size) = (get("FirstElementOffset"), get("NumElements"), get("ElementSize"));
            if let (Some(first), Some(n), Some(size)) = (first, n, size) {
                for i in 0..n {
                    let Some(start) = i.checked_mul(size).and_then(|o| o.checked_add(first)) else {
                        break;
                    };
                    let Some(elem) = buf.get(start..).and_then(|b| b.get(..size.min(b.len()))) else {
                        break;
                    };
                    if elem.is_empty() {
                        break;
                    }
                    element(elem, &format!("[{i}]."), &mut out);
                }
            }
        }
        _ => {}
    }
    out
}

/// The control device's counters (svnic-abi `ctl`, op Counters) as `(protocol name, value)`
/// pairs, one for every name this svnicctl knows, in protocol order. The reply is
/// count-prefixed and append-only: a counter past an older driver's count is `None` (absent,
/// not 0), values past this svnicctl's names (a newer driver) are left out. A payload whose
/// length is not `4 + 8 * count` is refused.
pub fn decode_counters(payload: &[u8]) -> Result<Vec<(&'static str, Option<u64>)>, String> {
    use svnic_abi::ctl::{counter, counter_count, COUNTER_NAMES};
    let n = counter_count(payload).ok_or_else(|| {
        format!(
            "control device: malformed Counters answer ({} bytes; want 4 + 8 x the count it starts with)",
            payload.len()
        )
    })?;
    Ok(COUNTER_NAMES
        .iter()
        .enumerate()
        .map(|(i, name)| (*name, if i < n { counter(payload, i) } else { None }))
        .collect())
}

/// The display and JSON key of a protocol counter name: `sends_target_sanitized` ->
/// `SendsTargetSanitized`, `nbls_indicated` -> `NblsIndicated`.
pub fn counter_key(name: &str) -> String {
    name.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// One adapter's counters as a JSON object: `Adapter`, then one key per counter
/// ([`counter_key`]); a counter the driver did not report is `null`.
pub fn counters_json(adapter: &str, counters: &[(&str, Option<u64>)]) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    m.insert("Adapter".into(), adapter.into());
    for (name, v) in counters {
        m.insert(counter_key(name), v.map_or(serde_json::Value::Null, Into::into));
    }
    serde_json::Value::Object(m)
}

/// One adapter's counters for people: `Key : value` lines (aligned like Format-List); a counter
/// the driver did not report says so.
pub fn counters_text(adapter: &str, counters: &[(&str, Option<u64>)]) -> String {
    let rows: Vec<(String, String)> = std::iter::once(("Adapter".to_string(), adapter.to_string()))
        .chain(counters.iter().map(|(name, v)| {
            (
                counter_key(name),
                v.map_or_else(|| "(not reported by this driver)".to_string(), |v| v.to_string()),
            )
        }))
        .collect();
    let w = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    rows.iter().map(|(k, v)| format!("{k:<w$} : {v}\n")).collect()
}

/// The WDK name of an NDIS status.
pub fn status_name(status: NdisStatus) -> &'static str {
    match status {
        NDIS_STATUS_SUCCESS => "NDIS_STATUS_SUCCESS",
        NDIS_STATUS_PENDING => "NDIS_STATUS_PENDING",
        NDIS_STATUS_NOT_ACCEPTED => "NDIS_STATUS_NOT_ACCEPTED",
        NDIS_STATUS_FAILURE => "NDIS_STATUS_FAILURE",
        NDIS_STATUS_INVALID_PARAMETER => "NDIS_STATUS_INVALID_PARAMETER",
        NDIS_STATUS_RESOURCES => "NDIS_STATUS_RESOURCES",
        NDIS_STATUS_NOT_SUPPORTED => "NDIS_STATUS_NOT_SUPPORTED",
        NDIS_STATUS_REQUEST_ABORTED => "NDIS_STATUS_REQUEST_ABORTED",
        NDIS_STATUS_INVALID_LENGTH => "NDIS_STATUS_INVALID_LENGTH",
        NDIS_STATUS_BUFFER_TOO_SHORT => "NDIS_STATUS_BUFFER_TOO_SHORT",
        NDIS_STATUS_INVALID_OID => "NDIS_STATUS_INVALID_OID",
        NDIS_STATUS_FILE_NOT_FOUND => "NDIS_STATUS_FILE_NOT_FOUND",
        NDIS_STATUS_REINIT_REQUIRED => "NDIS_STATUS_REINIT_REQUIRED",
        NDIS_STATUS_BUSY => "NDIS_STATUS_BUSY",
        NDIS_STATUS_INVALID_DEVICE_REQUEST => "NDIS_STATUS_INVALID_DEVICE_REQUEST",
        _ => "unknown NDIS_STATUS",
    }
}

/// What to do about a failing status, in one sentence.
pub fn status_hint(status: NdisStatus, bytes_needed: u32) -> String {
    match status {
        NDIS_STATUS_INVALID_LENGTH | NDIS_STATUS_BUFFER_TOO_SHORT => format!(
            "the buffer is too short: the driver needs {bytes_needed} bytes; pass --out-len {bytes_needed} (query/method) or a longer --in-hex (set)"
        ),
        NDIS_STATUS_INVALID_PARAMETER => "a field is out of range or the NDIS_OBJECT_HEADER Type/Revision/Size is wrong: check the structure against the WDK page of this OID".into(),
        NDIS_STATUS_NOT_SUPPORTED | NDIS_STATUS_INVALID_OID => "the adapter does not handle this OID with this request type in its current mode (is VMQ / SR-IOV enabled by the keywords?); try another request type or check `adapter list`".into(),
        NDIS_STATUS_RESOURCES => "the adapter is out of queues, vPorts or VFs: free some first".into(),
        NDIS_STATUS_FILE_NOT_FOUND => "no queue, filter, vPort or VF has that id: list them with `vmq queues`, `vport list` or `sriov vfs`".into(),
        NDIS_STATUS_NOT_ACCEPTED | NDIS_STATUS_REQUEST_ABORTED => "the adapter is resetting or being removed: retry after the reset completes".into(),
        NDIS_STATUS_REINIT_REQUIRED => "the change takes effect only after the adapter restarts".into(),
        svnic_abi::ctl::PASSTHROUGH_BUSY => "NDIS has an OID in flight on this adapter (possibly pended, e.g. a FREE_QUEUE waiting for NBLs): the control device does not interleave with it; retry in a moment".into(),
        svnic_abi::ctl::PASSTHROUGH_MAY_PEND => "this OID can pend in the driver, so the control device does not pass it through (only NDIS, i.e. Hyper-V, issues it): FREE_QUEUE and DELETE_VPORT are refused".into(),
        _ => "see the OID's WDK page for what this status means here".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zerocopy::IntoBytes;

    #[test]
    fn oid_names_and_numbers_parse_both_ways() {
        assert_eq!(parse_oid("OID_RECEIVE_FILTER_ENUM_QUEUES"), Ok(0x0001_0225));
        assert_eq!(parse_oid("receive_filter_enum_queues"), Ok(0x0001_0225));
        assert_eq!(parse_oid("0x00010225"), Ok(0x0001_0225));
        assert_eq!(parse_oid("66085"), Ok(0x0001_0225));
        assert_eq!(oid_name(0x0001_0248), Some("OID_NIC_SWITCH_ENUM_VFS"));
        assert!(parse_oid("OID_NOPE")
            .unwrap_err()
            .contains("unknown OID name OID_NOPE"));
    }

    #[test]
    fn hex_input_accepts_separators_and_rejects_odd_digits() {
        assert_eq!(parse_hex("80 01 10:00-ff"), Ok(vec![0x80, 1, 0x10, 0, 0xff]));
        assert_eq!(parse_hex("0x0102"), Ok(vec![1, 2]));
        assert!(parse_hex("123").unwrap_err().contains("odd number of digits (3)"));
        assert!(parse_hex("zz").unwrap_err().contains("not a hex byte"));
    }

    #[test]
    fn sriov_capabilities_decode_field_by_field() {
        let mut caps = NDIS_SRIOV_CAPABILITIES::zeroed();
        caps.header = NDIS_OBJECT_HEADER::new(0x80, 1, 12);
        let bytes = caps.as_bytes().to_vec();
        let fields = decode(OID_SRIOV_CURRENT_CAPABILITIES, &bytes);
        assert_eq!(fields[0].name, "Header");
        assert_eq!(fields[0].value, "Type 0x80 Revision 1 Size 12");
        assert_eq!(
            fields.len(),
            NDIS_SRIOV_CAPABILITIES::FIELDS
                .iter()
                .filter(|f| !f.name.starts_with('_'))
                .count()
        );
    }

    #[test]
    fn fields_beyond_the_written_bytes_are_left_out() {
        let bytes = [0x80u8, 1, 12, 0, 7, 0];
        let fields = decode(OID_SRIOV_CURRENT_CAPABILITIES, &bytes);
        assert_eq!(fields.len(), 1, "{fields:?}");
    }

    #[test]
    fn ulong_and_mac_shapes() {
        assert_eq!(
            decode(OID_GEN_MAXIMUM_FRAME_SIZE, &1500u32.to_le_bytes()),
            vec![Field {
                name: "ULONG".into(),
                value: "1500 (0x000005DC)".into()
            }]
        );
        assert_eq!(
            decode(OID_GEN_MAC_ADDRESS, &[2, 0x53, 0x56, 0, 0, 1]),
            vec![Field {
                name: "MacAddress[0]".into(),
                value: "02-53-56-00-00-01".into()
            }]
        );
    }

    #[test]
    fn queue_info_array_decodes_each_element_with_its_vm_name() {
        let mut head = NDIS_RECEIVE_QUEUE_INFO_ARRAY::zeroed();
        let elem_size = core::mem::size_of::<NDIS_RECEIVE_QUEUE_INFO>();
        head.header = NDIS_OBJECT_HEADER::new(0x80, 1, 16);
        head.first_element_offset = 16;
        head.num_elements = 2;
        head.element_size = elem_size as u32;
        let mut buf = head.as_bytes().to_vec();
        for (id, vm) in [(1u32, "vm1"), (2, "vm2")] {
            let mut q = NDIS_RECEIVE_QUEUE_INFO::zeroed();
            q.queue_id = id;
            q.vm_name = NDIS_IF_COUNTED_STRING::from_text(vm);
            buf.extend_from_slice(q.as_bytes());
        }
        let fields = decode(OID_RECEIVE_FILTER_ENUM_QUEUES, &buf);
        let get = |n: &str| fields.iter().find(|f| f.name == n).map(|f| f.value.clone());
        assert_eq!(get("NumElements"), Some("2 (0x00000002)".into()));
        assert_eq!(get("[0].QueueId"), Some("1 (0x00000001)".into()));
        assert_eq!(get("[1].QueueId"), Some("2 (0x00000002)".into()));
        assert_eq!(get("[1].VmName"), Some("\"vm2\"".into()));
    }

    #[test]
    fn supported_list_decodes_to_oid_names() {
        let mut b = OID_GEN_MAC_ADDRESS.to_le_bytes().to_vec();
        b.extend_from_slice(&0x0F00_0001u32.to_le_bytes());
        assert_eq!(
            decode(OID_GEN_SUPPORTED_LIST, &b),
            vec![
                Field {
                    name: "[0]".into(),
                    value: "OID_GEN_MAC_ADDRESS (0x00010205)".into()
                },
                Field {
                    name: "[1]".into(),
                    value: "0x0F000001".into()
                },
            ]
        );
    }

    #[test]
    fn statuses_have_names_and_hints() {
        assert_eq!(status_name(0xC001_0014), "NDIS_STATUS_INVALID_LENGTH");
        assert!(status_hint(0xC001_0014, 84).contains("--out-len 84"));
        assert!(status_hint(NDIS_STATUS_FILE_NOT_FOUND, 0).contains("vmq queues"));
        assert_eq!(status_name(0x8000_0011), "NDIS_STATUS_BUSY");
        assert!(status_hint(0x8000_0011, 0).contains("OID in flight"));
        assert_eq!(status_name(0xC001_0010), "NDIS_STATUS_INVALID_DEVICE_REQUEST");
        assert!(status_hint(0xC001_0010, 0).contains("FREE_QUEUE and DELETE_VPORT are refused"));
    }

    #[test]
    fn counter_keys_are_pascal_case_of_the_protocol_names() {
        assert_eq!(counter_key("sends_target_sanitized"), "SendsTargetSanitized");
        assert_eq!(counter_key("nbls_indicated"), "NblsIndicated");
        assert_eq!(counter_key("dpc_runs"), "DpcRuns");
    }
}
