//! Payloads of the general OIDs and indications a miniport answers (ntddndis.h): link state and
//! parameters, link speed, interrupt moderation, medium types.
//! Docs: `ddi/ntddndis/ns-ntddndis-_ndis_link_state.md`, `net/oid-gen-interrupt-moderation.md`.
#![allow(non_upper_case_globals, non_camel_case_types)]

use crate::header::{NdisObject, NDIS_OBJECT_HEADER, NDIS_OBJECT_TYPE_DEFAULT};
use crate::layout::{abi_struct, assert_layout, assert_through};

/// `NDIS_MEDIA_CONNECT_STATE` (= NET_IF_MEDIA_CONNECT_STATE).
pub type NDIS_MEDIA_CONNECT_STATE = u32;
/// `MediaConnectStateUnknown`.
pub const MediaConnectStateUnknown: NDIS_MEDIA_CONNECT_STATE = 0;
/// `MediaConnectStateConnected`.
pub const MediaConnectStateConnected: NDIS_MEDIA_CONNECT_STATE = 1;
/// `MediaConnectStateDisconnected`.
pub const MediaConnectStateDisconnected: NDIS_MEDIA_CONNECT_STATE = 2;

/// `NDIS_MEDIA_DUPLEX_STATE` (= NET_IF_MEDIA_DUPLEX_STATE).
pub type NDIS_MEDIA_DUPLEX_STATE = u32;
/// `MediaDuplexStateUnknown`.
pub const MediaDuplexStateUnknown: NDIS_MEDIA_DUPLEX_STATE = 0;
/// `MediaDuplexStateHalf`.
pub const MediaDuplexStateHalf: NDIS_MEDIA_DUPLEX_STATE = 1;
/// `MediaDuplexStateFull`.
pub const MediaDuplexStateFull: NDIS_MEDIA_DUPLEX_STATE = 2;

/// `NDIS_SUPPORTED_PAUSE_FUNCTIONS`.
pub type NDIS_SUPPORTED_PAUSE_FUNCTIONS = u32;
/// `NdisPauseFunctionsUnsupported`.
pub const NdisPauseFunctionsUnsupported: NDIS_SUPPORTED_PAUSE_FUNCTIONS = 0;
/// `NdisPauseFunctionsSendOnly`.
pub const NdisPauseFunctionsSendOnly: NDIS_SUPPORTED_PAUSE_FUNCTIONS = 1;
/// `NdisPauseFunctionsReceiveOnly`.
pub const NdisPauseFunctionsReceiveOnly: NDIS_SUPPORTED_PAUSE_FUNCTIONS = 2;
/// `NdisPauseFunctionsSendAndReceive`.
pub const NdisPauseFunctionsSendAndReceive: NDIS_SUPPORTED_PAUSE_FUNCTIONS = 3;
/// `NdisPauseFunctionsUnknown`.
pub const NdisPauseFunctionsUnknown: NDIS_SUPPORTED_PAUSE_FUNCTIONS = 4;

/// `NDIS_INTERRUPT_MODERATION` (OID_GEN_INTERRUPT_MODERATION).
pub type NDIS_INTERRUPT_MODERATION = u32;
/// `NdisInterruptModerationUnknown`.
pub const NdisInterruptModerationUnknown: NDIS_INTERRUPT_MODERATION = 0;
/// `NdisInterruptModerationNotSupported`.
pub const NdisInterruptModerationNotSupported: NDIS_INTERRUPT_MODERATION = 1;
/// `NdisInterruptModerationEnabled`.
pub const NdisInterruptModerationEnabled: NDIS_INTERRUPT_MODERATION = 2;
/// `NdisInterruptModerationDisabled`.
pub const NdisInterruptModerationDisabled: NDIS_INTERRUPT_MODERATION = 3;

/// `NDIS_MEDIUM` (OID_GEN_MEDIA_SUPPORTED / _IN_USE; NdisMedium802_3 for Ethernet).
pub type NDIS_MEDIUM = u32;
/// `NDIS_PHYSICAL_MEDIUM` (OID_GEN_PHYSICAL_MEDIUM). Includes `NdisPhysicalMediumNative802_15_4` (newer than
/// mingw-w64; the windows-sys check caught the shifted `NdisPhysicalMediumMax`).
pub type NDIS_PHYSICAL_MEDIUM = u32;

/// `NDIS_LINK_SPEED_UNKNOWN` (= NET_IF_LINK_SPEED_UNKNOWN).
pub const NDIS_LINK_SPEED_UNKNOWN: u64 = u64::MAX;

/// `NdisMedium802_3`.
pub const NdisMedium802_3: NDIS_MEDIUM = 0;
/// `NdisMedium802_5`.
pub const NdisMedium802_5: NDIS_MEDIUM = 1;
/// `NdisMediumFddi`.
pub const NdisMediumFddi: NDIS_MEDIUM = 2;
/// `NdisMediumWan`.
pub const NdisMediumWan: NDIS_MEDIUM = 3;
/// `NdisMediumLocalTalk`.
pub const NdisMediumLocalTalk: NDIS_MEDIUM = 4;
/// `NdisMediumDix`.
pub const NdisMediumDix: NDIS_MEDIUM = 5;
/// `NdisMediumArcnetRaw`.
pub const NdisMediumArcnetRaw: NDIS_MEDIUM = 6;
/// `NdisMediumArcnet878_2`.
pub const NdisMediumArcnet878_2: NDIS_MEDIUM = 7;
/// `NdisMediumAtm`.
pub const NdisMediumAtm: NDIS_MEDIUM = 8;
/// `NdisMediumWirelessWan`.
pub const NdisMediumWirelessWan: NDIS_MEDIUM = 9;
/// `NdisMediumIrda`.
pub const NdisMediumIrda: NDIS_MEDIUM = 10;
/// `NdisMediumBpc`.
pub const NdisMediumBpc: NDIS_MEDIUM = 11;
/// `NdisMediumCoWan`.
pub const NdisMediumCoWan: NDIS_MEDIUM = 12;
/// `NdisMedium1394`.
pub const NdisMedium1394: NDIS_MEDIUM = 13;
/// `NdisMediumInfiniBand`.
pub const NdisMediumInfiniBand: NDIS_MEDIUM = 14;
/// `NdisMediumTunnel`.
pub const NdisMediumTunnel: NDIS_MEDIUM = 15;
/// `NdisMediumNative802_11`.
pub const NdisMediumNative802_11: NDIS_MEDIUM = 16;
/// `NdisMediumLoopback`.
pub const NdisMediumLoopback: NDIS_MEDIUM = 17;
/// `NdisMediumWiMAX`.
pub const NdisMediumWiMAX: NDIS_MEDIUM = 18;
/// `NdisMediumIP`.
pub const NdisMediumIP: NDIS_MEDIUM = 19;
/// `NdisMediumMax`.
pub const NdisMediumMax: NDIS_MEDIUM = 20;
/// `NdisPhysicalMediumUnspecified`.
pub const NdisPhysicalMediumUnspecified: NDIS_PHYSICAL_MEDIUM = 0;
/// `NdisPhysicalMediumWirelessLan`.
pub const NdisPhysicalMediumWirelessLan: NDIS_PHYSICAL_MEDIUM = 1;
/// `NdisPhysicalMediumCableModem`.
pub const NdisPhysicalMediumCableModem: NDIS_PHYSICAL_MEDIUM = 2;
/// `NdisPhysicalMediumPhoneLine`.
pub const NdisPhysicalMediumPhoneLine: NDIS_PHYSICAL_MEDIUM = 3;
/// `NdisPhysicalMediumPowerLine`.
pub const NdisPhysicalMediumPowerLine: NDIS_PHYSICAL_MEDIUM = 4;
/// `NdisPhysicalMediumDSL`.
pub const NdisPhysicalMediumDSL: NDIS_PHYSICAL_MEDIUM = 5;
/// `NdisPhysicalMediumFibreChannel`.
pub const NdisPhysicalMediumFibreChannel: NDIS_PHYSICAL_MEDIUM = 6;
/// `NdisPhysicalMedium1394`.
pub const NdisPhysicalMedium1394: NDIS_PHYSICAL_MEDIUM = 7;
/// `NdisPhysicalMediumWirelessWan`.
pub const NdisPhysicalMediumWirelessWan: NDIS_PHYSICAL_MEDIUM = 8;
/// `NdisPhysicalMediumNative802_11`.
pub const NdisPhysicalMediumNative802_11: NDIS_PHYSICAL_MEDIUM = 9;
/// `NdisPhysicalMediumBluetooth`.
pub const NdisPhysicalMediumBluetooth: NDIS_PHYSICAL_MEDIUM = 10;
/// `NdisPhysicalMediumInfiniband`.
pub const NdisPhysicalMediumInfiniband: NDIS_PHYSICAL_MEDIUM = 11;
/// `NdisPhysicalMediumWiMax`.
pub const NdisPhysicalMediumWiMax: NDIS_PHYSICAL_MEDIUM = 12;
/// `NdisPhysicalMediumUWB`.
pub const NdisPhysicalMediumUWB: NDIS_PHYSICAL_MEDIUM = 13;
/// `NdisPhysicalMedium802_3`.
pub const NdisPhysicalMedium802_3: NDIS_PHYSICAL_MEDIUM = 14;
/// `NdisPhysicalMedium802_5`.
pub const NdisPhysicalMedium802_5: NDIS_PHYSICAL_MEDIUM = 15;
/// `NdisPhysicalMediumIrda`.
pub const NdisPhysicalMediumIrda: NDIS_PHYSICAL_MEDIUM = 16;
/// `NdisPhysicalMediumWiredWAN`.
pub const NdisPhysicalMediumWiredWAN: NDIS_PHYSICAL_MEDIUM = 17;
/// `NdisPhysicalMediumWiredCoWan`.
pub const NdisPhysicalMediumWiredCoWan: NDIS_PHYSICAL_MEDIUM = 18;
/// `NdisPhysicalMediumOther`.
pub const NdisPhysicalMediumOther: NDIS_PHYSICAL_MEDIUM = 19;
/// `NdisPhysicalMediumNative802_15_4`.
pub const NdisPhysicalMediumNative802_15_4: NDIS_PHYSICAL_MEDIUM = 20;
/// `NdisPhysicalMediumMax`.
pub const NdisPhysicalMediumMax: NDIS_PHYSICAL_MEDIUM = 21;

/// `NDIS_LINK_STATE_XMIT_LINK_SPEED_AUTO_NEGOTIATED`.
pub const NDIS_LINK_STATE_XMIT_LINK_SPEED_AUTO_NEGOTIATED: u32 = 0x0000_0001;
/// `NDIS_LINK_STATE_RCV_LINK_SPEED_AUTO_NEGOTIATED`.
pub const NDIS_LINK_STATE_RCV_LINK_SPEED_AUTO_NEGOTIATED: u32 = 0x0000_0002;
/// `NDIS_LINK_STATE_DUPLEX_AUTO_NEGOTIATED`.
pub const NDIS_LINK_STATE_DUPLEX_AUTO_NEGOTIATED: u32 = 0x0000_0004;
/// `NDIS_LINK_STATE_PAUSE_FUNCTIONS_AUTO_NEGOTIATED`.
pub const NDIS_LINK_STATE_PAUSE_FUNCTIONS_AUTO_NEGOTIATED: u32 = 0x0000_0008;
/// `NDIS_INTERRUPT_MODERATION_CHANGE_NEEDS_RESET`.
pub const NDIS_INTERRUPT_MODERATION_CHANGE_NEEDS_RESET: u32 = 0x0000_0001;
/// `NDIS_INTERRUPT_MODERATION_CHANGE_NEEDS_REINITIALIZE`.
pub const NDIS_INTERRUPT_MODERATION_CHANGE_NEEDS_REINITIALIZE: u32 = 0x0000_0002;
abi_struct! {
    /// OID_GEN_LINK_STATE answer and NDIS_STATUS_LINK_STATE buffer. `ddi/ntddndis/ns-ntddndis-_ndis_link_state.md`.
    NDIS_LINK_STATE {
        Header header: NDIS_OBJECT_HEADER,
        MediaConnectState media_connect_state: NDIS_MEDIA_CONNECT_STATE,
        MediaDuplexState media_duplex_state: NDIS_MEDIA_DUPLEX_STATE,
        _pad0 _pad0: [u8; 4],
        XmitLinkSpeed xmit_link_speed: u64,
        RcvLinkSpeed rcv_link_speed: u64,
        PauseFunctions pause_functions: NDIS_SUPPORTED_PAUSE_FUNCTIONS,
        AutoNegotiationFlags auto_negotiation_flags: u32,
    }
}

/// `NDIS_LINK_STATE_REVISION_1`.
pub const NDIS_LINK_STATE_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_LINK_STATE_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_LINK_STATE, AutoNegotiationFlags).
pub const NDIS_SIZEOF_LINK_STATE_REVISION_1: u16 = 40;
impl NdisObject for NDIS_LINK_STATE {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] =
        &[(NDIS_LINK_STATE_REVISION_1, NDIS_SIZEOF_LINK_STATE_REVISION_1)];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_LINK_STATE,
    "AutoNegotiationFlags",
    NDIS_SIZEOF_LINK_STATE_REVISION_1
);
assert_layout!(NDIS_LINK_STATE, 40);

abi_struct! {
    /// OID_GEN_LINK_PARAMETERS payload. `ddi/ntddndis/ns-ntddndis-_ndis_link_parameters.md`.
    NDIS_LINK_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        MediaDuplexState media_duplex_state: NDIS_MEDIA_DUPLEX_STATE,
        XmitLinkSpeed xmit_link_speed: u64,
        RcvLinkSpeed rcv_link_speed: u64,
        PauseFunctions pause_functions: NDIS_SUPPORTED_PAUSE_FUNCTIONS,
        AutoNegotiationFlags auto_negotiation_flags: u32,
    }
}

/// `NDIS_LINK_PARAMETERS_REVISION_1`.
pub const NDIS_LINK_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_LINK_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_LINK_PARAMETERS, AutoNegotiationFlags).
pub const NDIS_SIZEOF_LINK_PARAMETERS_REVISION_1: u16 = 32;
impl NdisObject for NDIS_LINK_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_LINK_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_LINK_PARAMETERS_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_LINK_PARAMETERS,
    "AutoNegotiationFlags",
    NDIS_SIZEOF_LINK_PARAMETERS_REVISION_1
);
assert_layout!(NDIS_LINK_PARAMETERS, 32);

abi_struct! {
    /// OID_GEN_INTERRUPT_MODERATION payload. `ddi/ntddndis/ns-ntddndis-_ndis_interrupt_moderation_parameters.md`.
    NDIS_INTERRUPT_MODERATION_PARAMETERS {
        Header header: NDIS_OBJECT_HEADER,
        Flags flags: u32,
        InterruptModeration interrupt_moderation: NDIS_INTERRUPT_MODERATION,
    }
}

/// `NDIS_INTERRUPT_MODERATION_PARAMETERS_REVISION_1`.
pub const NDIS_INTERRUPT_MODERATION_PARAMETERS_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_INTERRUPT_MODERATION_PARAMETERS_REVISION_1` = RTL_SIZEOF_THROUGH_FIELD(NDIS_INTERRUPT_MODERATION_PARAMETERS, InterruptModeration).
pub const NDIS_SIZEOF_INTERRUPT_MODERATION_PARAMETERS_REVISION_1: u16 = 12;
impl NdisObject for NDIS_INTERRUPT_MODERATION_PARAMETERS {
    const OBJECT_TYPE: u8 = NDIS_OBJECT_TYPE_DEFAULT;
    const REVISIONS: &'static [(u8, u16)] = &[(
        NDIS_INTERRUPT_MODERATION_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_INTERRUPT_MODERATION_PARAMETERS_REVISION_1,
    )];

    fn with_latest_header() -> Self {
        let (revision, size) = Self::latest();
        let mut v = Self::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(Self::OBJECT_TYPE, revision, size);
        v
    }
}
assert_through!(
    NDIS_INTERRUPT_MODERATION_PARAMETERS,
    "InterruptModeration",
    NDIS_SIZEOF_INTERRUPT_MODERATION_PARAMETERS_REVISION_1
);
assert_layout!(NDIS_INTERRUPT_MODERATION_PARAMETERS, 12);

abi_struct! {
    /// `NDIS_LINK_SPEED` (bits per second; OID_GEN_LINK_SPEED_EX).
    NDIS_LINK_SPEED {
        XmitLinkSpeed xmit_link_speed: u64,
        RcvLinkSpeed rcv_link_speed: u64,
    }
}
assert_layout!(NDIS_LINK_SPEED, 16);
