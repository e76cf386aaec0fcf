//! NDIS_OBJECT_HEADER and object types, GROUP_AFFINITY, PROCESSOR_NUMBER, LUID, NDIS_IF_COUNTED_STRING,
//! NDIS_STATISTICS_INFO (`ddi/ntddndis/ns-ntddndis-_ndis_object_header.md`).
#![allow(non_upper_case_globals)]

use crate::layout::{abi_struct, assert_layout, AbiLayout};

/// An NDIS 6 structure that starts with NDIS_OBJECT_HEADER: its expected header `Type` and its
/// known revisions with their `NDIS_SIZEOF_*_REVISION_n` (ascending). Used by [`crate::buf`].
pub trait NdisObject:
    AbiLayout + Copy + zerocopy::FromBytes + zerocopy::IntoBytes + zerocopy::Immutable + zerocopy::KnownLayout
{
    /// Expected `Header.Type` (usually `NDIS_OBJECT_TYPE_DEFAULT`).
    const OBJECT_TYPE: u8;
    /// `(revision, NDIS_SIZEOF_*_REVISION_n)`, ascending.
    const REVISIONS: &'static [(u8, u16)];

    /// Size of revision 1, the minimum any writer may claim.
    fn min_size() -> u16 {
        Self::REVISIONS.first().map_or(0, |r| r.1)
    }

    /// The newest revision and its size.
    fn latest() -> (u8, u16) {
        Self::REVISIONS.last().copied().unwrap_or((0, 0))
    }

    /// `NDIS_SIZEOF` of `revision`, if known.
    fn size_of_revision(revision: u8) -> Option<u16> {
        Self::REVISIONS.iter().find(|r| r.0 == revision).map(|r| r.1)
    }

    /// A zeroed value whose header is filled for the newest revision.
    fn with_latest_header() -> Self;
}

abi_struct! {
    /// `NDIS_OBJECT_HEADER`: every NDIS 6 structure starts with it (spec G1).
    NDIS_OBJECT_HEADER {
        /// `NDIS_OBJECT_TYPE_*`; `NDIS_OBJECT_TYPE_DEFAULT` for OID payloads.
        Type type_: u8,
        /// Structure revision (`*_REVISION_n`).
        Revision revision: u8,
        /// Size in bytes the writer claims (>= `NDIS_SIZEOF_*_REVISION_n`).
        Size size: u16,
    }
}
assert_layout!(NDIS_OBJECT_HEADER, 4, type_ @ 0, revision @ 1, size @ 2);

impl NDIS_OBJECT_HEADER {
    /// A header with the given type, revision and size.
    pub const fn new(type_: u8, revision: u8, size: u16) -> Self {
        Self {
            type_,
            revision,
            size,
        }
    }

    /// A `NDIS_OBJECT_TYPE_DEFAULT` header.
    pub const fn default_type(revision: u8, size: u16) -> Self {
        Self::new(NDIS_OBJECT_TYPE_DEFAULT, revision, size)
    }
}

impl Default for NDIS_OBJECT_HEADER {
    fn default() -> Self {
        Self::zeroed()
    }
}

/// Alias used by the binding-side modules (nbl.rs) for the raw header.
pub type NdisObjectHeaderRaw = NDIS_OBJECT_HEADER;

/// `NDIS_OBJECT_REVISION_1`.
pub const NDIS_OBJECT_REVISION_1: u8 = 1;

// Object types (ntddndis.h), cross-checked against windows-sys. Notable: DEFAULT 0x80 (OID
// payloads), OID_REQUEST 0x96, STATUS_INDICATION 0x98, MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES 0xAF,
// SHARED_MEMORY_PROVIDER_CHARACTERISTICS 0xB0.
/// `NDIS_OBJECT_TYPE_DEFAULT`.
pub const NDIS_OBJECT_TYPE_DEFAULT: u8 = 0x80;
/// `NDIS_OBJECT_TYPE_MINIPORT_INIT_PARAMETERS`.
pub const NDIS_OBJECT_TYPE_MINIPORT_INIT_PARAMETERS: u8 = 0x81;
/// `NDIS_OBJECT_TYPE_SG_DMA_DESCRIPTION`.
pub const NDIS_OBJECT_TYPE_SG_DMA_DESCRIPTION: u8 = 0x83;
/// `NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT`.
pub const NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT: u8 = 0x84;
/// `NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES`.
pub const NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES: u8 = 0x85;
/// `NDIS_OBJECT_TYPE_BIND_PARAMETERS`.
pub const NDIS_OBJECT_TYPE_BIND_PARAMETERS: u8 = 0x86;
/// `NDIS_OBJECT_TYPE_OPEN_PARAMETERS`.
pub const NDIS_OBJECT_TYPE_OPEN_PARAMETERS: u8 = 0x87;
/// `NDIS_OBJECT_TYPE_RSS_CAPABILITIES`.
pub const NDIS_OBJECT_TYPE_RSS_CAPABILITIES: u8 = 0x88;
/// `NDIS_OBJECT_TYPE_RSS_PARAMETERS`.
pub const NDIS_OBJECT_TYPE_RSS_PARAMETERS: u8 = 0x89;
/// `NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS`.
pub const NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS: u8 = 0x8A;
/// `NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS`.
pub const NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS: u8 = 0x8B;
/// `NDIS_OBJECT_TYPE_FILTER_PARTIAL_CHARACTERISTICS`.
pub const NDIS_OBJECT_TYPE_FILTER_PARTIAL_CHARACTERISTICS: u8 = 0x8C;
/// `NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES`.
pub const NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES: u8 = 0x8D;
/// `NDIS_OBJECT_TYPE_CLIENT_CHIMNEY_OFFLOAD_GENERIC_CHARACTERISTICS`.
pub const NDIS_OBJECT_TYPE_CLIENT_CHIMNEY_OFFLOAD_GENERIC_CHARACTERISTICS: u8 = 0x8E;
/// `NDIS_OBJECT_TYPE_PROVIDER_CHIMNEY_OFFLOAD_GENERIC_CHARACTERISTICS`.
pub const NDIS_OBJECT_TYPE_PROVIDER_CHIMNEY_OFFLOAD_GENERIC_CHARACTERISTICS: u8 = 0x8F;
/// `NDIS_OBJECT_TYPE_CO_PROTOCOL_CHARACTERISTICS`.
pub const NDIS_OBJECT_TYPE_CO_PROTOCOL_CHARACTERISTICS: u8 = 0x90;
/// `NDIS_OBJECT_TYPE_CO_MINIPORT_CHARACTERISTICS`.
pub const NDIS_OBJECT_TYPE_CO_MINIPORT_CHARACTERISTICS: u8 = 0x91;
/// `NDIS_OBJECT_TYPE_MINIPORT_PNP_CHARACTERISTICS`.
pub const NDIS_OBJECT_TYPE_MINIPORT_PNP_CHARACTERISTICS: u8 = 0x92;
/// `NDIS_OBJECT_TYPE_CLIENT_CHIMNEY_OFFLOAD_CHARACTERISTICS`.
pub const NDIS_OBJECT_TYPE_CLIENT_CHIMNEY_OFFLOAD_CHARACTERISTICS: u8 = 0x93;
/// `NDIS_OBJECT_TYPE_PROVIDER_CHIMNEY_OFFLOAD_CHARACTERISTICS`.
pub const NDIS_OBJECT_TYPE_PROVIDER_CHIMNEY_OFFLOAD_CHARACTERISTICS: u8 = 0x94;
/// `NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS`.
pub const NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS: u8 = 0x95;
/// `NDIS_OBJECT_TYPE_REQUEST_EX`.
pub const NDIS_OBJECT_TYPE_REQUEST_EX: u8 = 0x96;
/// `NDIS_OBJECT_TYPE_OID_REQUEST`.
pub const NDIS_OBJECT_TYPE_OID_REQUEST: u8 = 0x96;
/// `NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS`.
pub const NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS: u8 = 0x97;
/// `NDIS_OBJECT_TYPE_STATUS_INDICATION`.
pub const NDIS_OBJECT_TYPE_STATUS_INDICATION: u8 = 0x98;
/// `NDIS_OBJECT_TYPE_FILTER_ATTACH_PARAMETERS`.
pub const NDIS_OBJECT_TYPE_FILTER_ATTACH_PARAMETERS: u8 = 0x99;
/// `NDIS_OBJECT_TYPE_FILTER_PAUSE_PARAMETERS`.
pub const NDIS_OBJECT_TYPE_FILTER_PAUSE_PARAMETERS: u8 = 0x9A;
/// `NDIS_OBJECT_TYPE_FILTER_RESTART_PARAMETERS`.
pub const NDIS_OBJECT_TYPE_FILTER_RESTART_PARAMETERS: u8 = 0x9B;
/// `NDIS_OBJECT_TYPE_PORT_CHARACTERISTICS`.
pub const NDIS_OBJECT_TYPE_PORT_CHARACTERISTICS: u8 = 0x9C;
/// `NDIS_OBJECT_TYPE_PORT_STATE`.
pub const NDIS_OBJECT_TYPE_PORT_STATE: u8 = 0x9D;
/// `NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES`.
pub const NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES: u8 = 0x9E;
/// `NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES`.
pub const NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES: u8 = 0x9F;
/// `NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES`.
pub const NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES: u8 = 0xA0;
/// `NDIS_OBJECT_TYPE_RESTART_GENERAL_ATTRIBUTES`.
pub const NDIS_OBJECT_TYPE_RESTART_GENERAL_ATTRIBUTES: u8 = 0xA2;
/// `NDIS_OBJECT_TYPE_PROTOCOL_RESTART_PARAMETERS`.
pub const NDIS_OBJECT_TYPE_PROTOCOL_RESTART_PARAMETERS: u8 = 0xA3;
/// `NDIS_OBJECT_TYPE_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES`.
pub const NDIS_OBJECT_TYPE_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES: u8 = 0xA4;
/// `NDIS_OBJECT_TYPE_CO_CALL_MANAGER_OPTIONAL_HANDLERS`.
pub const NDIS_OBJECT_TYPE_CO_CALL_MANAGER_OPTIONAL_HANDLERS: u8 = 0xA5;
/// `NDIS_OBJECT_TYPE_CO_CLIENT_OPTIONAL_HANDLERS`.
pub const NDIS_OBJECT_TYPE_CO_CLIENT_OPTIONAL_HANDLERS: u8 = 0xA6;
/// `NDIS_OBJECT_TYPE_OFFLOAD`.
pub const NDIS_OBJECT_TYPE_OFFLOAD: u8 = 0xA7;
/// `NDIS_OBJECT_TYPE_OFFLOAD_ENCAPSULATION`.
pub const NDIS_OBJECT_TYPE_OFFLOAD_ENCAPSULATION: u8 = 0xA8;
/// `NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT`.
pub const NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT: u8 = 0xA9;
/// `NDIS_OBJECT_TYPE_DRIVER_WRAPPER_OBJECT`.
pub const NDIS_OBJECT_TYPE_DRIVER_WRAPPER_OBJECT: u8 = 0xAA;
/// `NDIS_OBJECT_TYPE_HD_SPLIT_ATTRIBUTES`.
pub const NDIS_OBJECT_TYPE_HD_SPLIT_ATTRIBUTES: u8 = 0xAB;
/// `NDIS_OBJECT_TYPE_NSI_NETWORK_RW_STRUCT`.
pub const NDIS_OBJECT_TYPE_NSI_NETWORK_RW_STRUCT: u8 = 0xAC;
/// `NDIS_OBJECT_TYPE_NSI_COMPARTMENT_RW_STRUCT`.
pub const NDIS_OBJECT_TYPE_NSI_COMPARTMENT_RW_STRUCT: u8 = 0xAD;
/// `NDIS_OBJECT_TYPE_NSI_INTERFACE_PERSIST_RW_STRUCT`.
pub const NDIS_OBJECT_TYPE_NSI_INTERFACE_PERSIST_RW_STRUCT: u8 = 0xAE;
/// `NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES`.
pub const NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES: u8 = 0xAF;
/// `NDIS_OBJECT_TYPE_SHARED_MEMORY_PROVIDER_CHARACTERISTICS`.
pub const NDIS_OBJECT_TYPE_SHARED_MEMORY_PROVIDER_CHARACTERISTICS: u8 = 0xB0;
/// `NDIS_OBJECT_TYPE_RSS_PROCESSOR_INFO`.
pub const NDIS_OBJECT_TYPE_RSS_PROCESSOR_INFO: u8 = 0xB1;
/// `NDIS_OBJECT_TYPE_NDK_PROVIDER_CHARACTERISTICS`.
pub const NDIS_OBJECT_TYPE_NDK_PROVIDER_CHARACTERISTICS: u8 = 0xB2;
/// `NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_NDK_ATTRIBUTES`.
pub const NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_NDK_ATTRIBUTES: u8 = 0xB3;
/// `NDIS_OBJECT_TYPE_MINIPORT_SS_CHARACTERISTICS`.
pub const NDIS_OBJECT_TYPE_MINIPORT_SS_CHARACTERISTICS: u8 = 0xB4;
/// `NDIS_OBJECT_TYPE_QOS_CAPABILITIES`.
pub const NDIS_OBJECT_TYPE_QOS_CAPABILITIES: u8 = 0xB5;
/// `NDIS_OBJECT_TYPE_QOS_PARAMETERS`.
pub const NDIS_OBJECT_TYPE_QOS_PARAMETERS: u8 = 0xB6;
/// `NDIS_OBJECT_TYPE_QOS_CLASSIFICATION_ELEMENT`.
pub const NDIS_OBJECT_TYPE_QOS_CLASSIFICATION_ELEMENT: u8 = 0xB7;
/// `NDIS_OBJECT_TYPE_SWITCH_OPTIONAL_HANDLERS`.
pub const NDIS_OBJECT_TYPE_SWITCH_OPTIONAL_HANDLERS: u8 = 0xB8;
/// `NDIS_OBJECT_TYPE_IOCTL_OID_INFO`.
pub const NDIS_OBJECT_TYPE_IOCTL_OID_INFO: u8 = 0xB9;
/// `NDIS_OBJECT_TYPE_LBFO_DIAGNOSTIC_OID`.
pub const NDIS_OBJECT_TYPE_LBFO_DIAGNOSTIC_OID: u8 = 0xBA;

abi_struct! {
    /// `GROUP_AFFINITY` (winnt.h): 16 bytes, 8-aligned (KAFFINITY is 64-bit on x64).
    GROUP_AFFINITY {
        Mask mask: u64,
        Group group: u16,
        Reserved reserved: [u16; 3],
    }
}
assert_layout!(GROUP_AFFINITY, 16, mask @ 0, group @ 8, reserved @ 10);

abi_struct! {
    /// `PROCESSOR_NUMBER` (winnt.h): 4 bytes.
    PROCESSOR_NUMBER {
        Group group: u16,
        Number number: u8,
        Reserved reserved: u8,
    }
}
assert_layout!(PROCESSOR_NUMBER, 4, group @ 0, number @ 2, reserved @ 3);

abi_struct! {
    /// `LUID` (winnt.h): 8 bytes, 4-aligned.
    LUID {
        LowPart low_part: u32,
        HighPart high_part: i32,
    }
}
assert_layout!(LUID, 8, low_part @ 0, high_part @ 4);

/// `IF_MAX_STRING_SIZE`: counted strings hold up to 256 WCHARs.
pub const IF_MAX_STRING_SIZE: usize = 256;

abi_struct! {
    /// `NDIS_IF_COUNTED_STRING` (= `IF_COUNTED_STRING`, ifdef.h): `Length` in BYTES, then
    /// `WCHAR String[IF_MAX_STRING_SIZE + 1]`; 516 bytes, 2-aligned. Used for NDIS_VM_NAME,
    /// NDIS_QUEUE_NAME, NDIS_VPORT_NAME, NDIS_NIC_SWITCH_FRIENDLYNAME, NDIS_SWITCH_NIC_NAME.
    NDIS_IF_COUNTED_STRING {
        Length length: u16,
        String string: [u16; IF_MAX_STRING_SIZE + 1],
    }
}
assert_layout!(NDIS_IF_COUNTED_STRING, 516, length @ 0, string @ 2);

impl NDIS_IF_COUNTED_STRING {
    /// The valid UTF-16 code units: `Length / 2` clamped to the 256-WCHAR capacity, so a bogus
    /// `Length` from the wire never reads outside the array.
    pub fn units(&self) -> &[u16] {
        let n = usize::from(self.length / 2).min(IF_MAX_STRING_SIZE);
        self.string.get(..n).unwrap_or(&[])
    }

    /// True if `Length` is even and within the 256-WCHAR capacity (spec §1.2: Length <= 256 * 2).
    pub fn is_valid(&self) -> bool {
        self.length % 2 == 0 && usize::from(self.length) <= IF_MAX_STRING_SIZE * 2
    }

    /// A counted string from ASCII/UTF-8 text, truncated to 256 WCHARs.
    pub fn from_text(s: &str) -> Self {
        let mut out = Self::zeroed();
        let mut n: u16 = 0;
        for (slot, unit) in out
            .string
            .iter_mut()
            .take(IF_MAX_STRING_SIZE)
            .zip(s.encode_utf16())
        {
            *slot = unit;
            n = n.saturating_add(2);
        }
        out.length = n;
        out
    }
}

// Statistics (OID_GEN_STATISTICS).
/// `NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_RCV`.
pub const NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_RCV: u32 = 0x0000_0001;
/// `NDIS_STATISTICS_FLAGS_VALID_MULTICAST_FRAMES_RCV`.
pub const NDIS_STATISTICS_FLAGS_VALID_MULTICAST_FRAMES_RCV: u32 = 0x0000_0002;
/// `NDIS_STATISTICS_FLAGS_VALID_BROADCAST_FRAMES_RCV`.
pub const NDIS_STATISTICS_FLAGS_VALID_BROADCAST_FRAMES_RCV: u32 = 0x0000_0004;
/// `NDIS_STATISTICS_FLAGS_VALID_BYTES_RCV`.
pub const NDIS_STATISTICS_FLAGS_VALID_BYTES_RCV: u32 = 0x0000_0008;
/// `NDIS_STATISTICS_FLAGS_VALID_RCV_DISCARDS`.
pub const NDIS_STATISTICS_FLAGS_VALID_RCV_DISCARDS: u32 = 0x0000_0010;
/// `NDIS_STATISTICS_FLAGS_VALID_RCV_ERROR`.
pub const NDIS_STATISTICS_FLAGS_VALID_RCV_ERROR: u32 = 0x0000_0020;
/// `NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_XMIT`.
pub const NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_XMIT: u32 = 0x0000_0040;
/// `NDIS_STATISTICS_FLAGS_VALID_MULTICAST_FRAMES_XMIT`.
pub const NDIS_STATISTICS_FLAGS_VALID_MULTICAST_FRAMES_XMIT: u32 = 0x0000_0080;
/// `NDIS_STATISTICS_FLAGS_VALID_BROADCAST_FRAMES_XMIT`.
pub const NDIS_STATISTICS_FLAGS_VALID_BROADCAST_FRAMES_XMIT: u32 = 0x0000_0100;
/// `NDIS_STATISTICS_FLAGS_VALID_BYTES_XMIT`.
pub const NDIS_STATISTICS_FLAGS_VALID_BYTES_XMIT: u32 = 0x0000_0200;
/// `NDIS_STATISTICS_FLAGS_VALID_XMIT_ERROR`.
pub const NDIS_STATISTICS_FLAGS_VALID_XMIT_ERROR: u32 = 0x0000_0400;
/// `NDIS_STATISTICS_FLAGS_VALID_XMIT_DISCARDS`.
pub const NDIS_STATISTICS_FLAGS_VALID_XMIT_DISCARDS: u32 = 0x0000_8000;
/// `NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_RCV`.
pub const NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_RCV: u32 = 0x0001_0000;
/// `NDIS_STATISTICS_FLAGS_VALID_MULTICAST_BYTES_RCV`.
pub const NDIS_STATISTICS_FLAGS_VALID_MULTICAST_BYTES_RCV: u32 = 0x0002_0000;
/// `NDIS_STATISTICS_FLAGS_VALID_BROADCAST_BYTES_RCV`.
pub const NDIS_STATISTICS_FLAGS_VALID_BROADCAST_BYTES_RCV: u32 = 0x0004_0000;
/// `NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_XMIT`.
pub const NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_XMIT: u32 = 0x0008_0000;
/// `NDIS_STATISTICS_FLAGS_VALID_MULTICAST_BYTES_XMIT`.
pub const NDIS_STATISTICS_FLAGS_VALID_MULTICAST_BYTES_XMIT: u32 = 0x0010_0000;
/// `NDIS_STATISTICS_FLAGS_VALID_BROADCAST_BYTES_XMIT`.
pub const NDIS_STATISTICS_FLAGS_VALID_BROADCAST_BYTES_XMIT: u32 = 0x0020_0000;
/// `NDIS_STATISTICS_INFO_REVISION_1`.
pub const NDIS_STATISTICS_INFO_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_STATISTICS_INFO_REVISION_1` (through ifHCOutBroadcastOctets).
pub const NDIS_SIZEOF_STATISTICS_INFO_REVISION_1: u16 = 152;

abi_struct! {
    /// `NDIS_STATISTICS_INFO` for OID_GEN_STATISTICS (`ddi/ntddndis/ns-ntddndis-_ndis_statistics_info.md`), 152 bytes.
    NDIS_STATISTICS_INFO {
        Header header: NDIS_OBJECT_HEADER,
        SupportedStatistics supported_statistics: u32,
        ifInDiscards if_in_discards: u64,
        ifInErrors if_in_errors: u64,
        ifHCInOctets if_hc_in_octets: u64,
        ifHCInUcastPkts if_hc_in_ucast_pkts: u64,
        ifHCInMulticastPkts if_hc_in_multicast_pkts: u64,
        ifHCInBroadcastPkts if_hc_in_broadcast_pkts: u64,
        ifHCOutOctets if_hc_out_octets: u64,
        ifHCOutUcastPkts if_hc_out_ucast_pkts: u64,
        ifHCOutMulticastPkts if_hc_out_multicast_pkts: u64,
        ifHCOutBroadcastPkts if_hc_out_broadcast_pkts: u64,
        ifOutErrors if_out_errors: u64,
        ifOutDiscards if_out_discards: u64,
        ifHCInUcastOctets if_hc_in_ucast_octets: u64,
        ifHCInMulticastOctets if_hc_in_multicast_octets: u64,
        ifHCInBroadcastOctets if_hc_in_broadcast_octets: u64,
        ifHCOutUcastOctets if_hc_out_ucast_octets: u64,
        ifHCOutMulticastOctets if_hc_out_multicast_octets: u64,
        ifHCOutBroadcastOctets if_hc_out_broadcast_octets: u64,
    }
}

assert_layout!(NDIS_STATISTICS_INFO, NDIS_SIZEOF_STATISTICS_INFO_REVISION_1 as usize, if_in_discards @ 8);
