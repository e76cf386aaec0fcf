//! Cross-checks every constant svnic-abi defines that the windows-sys crate (generated from
//! Microsoft's Windows metadata, independent of this repository) also defines: OIDs, object
//! types, revisions, flags, enum values, and the NDIS_STATUS codes that are NTSTATUS aliases.
//! NDIS_STATUS codes windows-sys lacks (0xC001xxxx, 0x4002xxxx indications) are not listed.

use svnic_abi::{general, header, oid, sriov, status, vmq};
use windows_sys::Win32::Foundation as nt;
use windows_sys::Win32::NetworkManagement::Ndis as ndis;

macro_rules! c {
    ($ours:path, $theirs:path) => {
        (stringify!($ours), $ours as u64, $theirs as u32 as u64)
    };
}

fn pairs() -> Vec<(&'static str, u64, u64)> {
    vec![
        c!(general::MediaConnectStateUnknown, ndis::MediaConnectStateUnknown),
        c!(
            general::MediaConnectStateConnected,
            ndis::MediaConnectStateConnected
        ),
        c!(
            general::MediaConnectStateDisconnected,
            ndis::MediaConnectStateDisconnected
        ),
        c!(general::MediaDuplexStateUnknown, ndis::MediaDuplexStateUnknown),
        c!(general::MediaDuplexStateHalf, ndis::MediaDuplexStateHalf),
        c!(general::MediaDuplexStateFull, ndis::MediaDuplexStateFull),
        c!(
            general::NdisPauseFunctionsUnsupported,
            ndis::NdisPauseFunctionsUnsupported
        ),
        c!(
            general::NdisPauseFunctionsSendOnly,
            ndis::NdisPauseFunctionsSendOnly
        ),
        c!(
            general::NdisPauseFunctionsReceiveOnly,
            ndis::NdisPauseFunctionsReceiveOnly
        ),
        c!(
            general::NdisPauseFunctionsSendAndReceive,
            ndis::NdisPauseFunctionsSendAndReceive
        ),
        c!(
            general::NdisPauseFunctionsUnknown,
            ndis::NdisPauseFunctionsUnknown
        ),
        c!(
            general::NdisInterruptModerationUnknown,
            ndis::NdisInterruptModerationUnknown
        ),
        c!(
            general::NdisInterruptModerationNotSupported,
            ndis::NdisInterruptModerationNotSupported
        ),
        c!(
            general::NdisInterruptModerationEnabled,
            ndis::NdisInterruptModerationEnabled
        ),
        c!(
            general::NdisInterruptModerationDisabled,
            ndis::NdisInterruptModerationDisabled
        ),
        c!(general::NdisMedium802_3, ndis::NdisMedium802_3),
        c!(general::NdisMedium802_5, ndis::NdisMedium802_5),
        c!(general::NdisMediumFddi, ndis::NdisMediumFddi),
        c!(general::NdisMediumWan, ndis::NdisMediumWan),
        c!(general::NdisMediumLocalTalk, ndis::NdisMediumLocalTalk),
        c!(general::NdisMediumDix, ndis::NdisMediumDix),
        c!(general::NdisMediumArcnetRaw, ndis::NdisMediumArcnetRaw),
        c!(general::NdisMediumArcnet878_2, ndis::NdisMediumArcnet878_2),
        c!(general::NdisMediumAtm, ndis::NdisMediumAtm),
        c!(general::NdisMediumWirelessWan, ndis::NdisMediumWirelessWan),
        c!(general::NdisMediumIrda, ndis::NdisMediumIrda),
        c!(general::NdisMediumBpc, ndis::NdisMediumBpc),
        c!(general::NdisMediumCoWan, ndis::NdisMediumCoWan),
        c!(general::NdisMedium1394, ndis::NdisMedium1394),
        c!(general::NdisMediumInfiniBand, ndis::NdisMediumInfiniBand),
        c!(general::NdisMediumTunnel, ndis::NdisMediumTunnel),
        c!(general::NdisMediumNative802_11, ndis::NdisMediumNative802_11),
        c!(general::NdisMediumLoopback, ndis::NdisMediumLoopback),
        c!(general::NdisMediumWiMAX, ndis::NdisMediumWiMAX),
        c!(general::NdisMediumIP, ndis::NdisMediumIP),
        c!(general::NdisMediumMax, ndis::NdisMediumMax),
        c!(
            general::NdisPhysicalMediumUnspecified,
            ndis::NdisPhysicalMediumUnspecified
        ),
        c!(
            general::NdisPhysicalMediumWirelessLan,
            ndis::NdisPhysicalMediumWirelessLan
        ),
        c!(
            general::NdisPhysicalMediumCableModem,
            ndis::NdisPhysicalMediumCableModem
        ),
        c!(
            general::NdisPhysicalMediumPhoneLine,
            ndis::NdisPhysicalMediumPhoneLine
        ),
        c!(
            general::NdisPhysicalMediumPowerLine,
            ndis::NdisPhysicalMediumPowerLine
        ),
        c!(general::NdisPhysicalMediumDSL, ndis::NdisPhysicalMediumDSL),
        c!(
            general::NdisPhysicalMediumFibreChannel,
            ndis::NdisPhysicalMediumFibreChannel
        ),
        c!(general::NdisPhysicalMedium1394, ndis::NdisPhysicalMedium1394),
        c!(
            general::NdisPhysicalMediumWirelessWan,
            ndis::NdisPhysicalMediumWirelessWan
        ),
        c!(
            general::NdisPhysicalMediumNative802_11,
            ndis::NdisPhysicalMediumNative802_11
        ),
        c!(
            general::NdisPhysicalMediumBluetooth,
            ndis::NdisPhysicalMediumBluetooth
        ),
        c!(
            general::NdisPhysicalMediumInfiniband,
            ndis::NdisPhysicalMediumInfiniband
        ),
        c!(general::NdisPhysicalMediumWiMax, ndis::NdisPhysicalMediumWiMax),
        c!(general::NdisPhysicalMediumUWB, ndis::NdisPhysicalMediumUWB),
        c!(general::NdisPhysicalMedium802_3, ndis::NdisPhysicalMedium802_3),
        c!(general::NdisPhysicalMedium802_5, ndis::NdisPhysicalMedium802_5),
        c!(general::NdisPhysicalMediumIrda, ndis::NdisPhysicalMediumIrda),
        c!(
            general::NdisPhysicalMediumWiredWAN,
            ndis::NdisPhysicalMediumWiredWAN
        ),
        c!(
            general::NdisPhysicalMediumWiredCoWan,
            ndis::NdisPhysicalMediumWiredCoWan
        ),
        c!(general::NdisPhysicalMediumOther, ndis::NdisPhysicalMediumOther),
        c!(
            general::NdisPhysicalMediumNative802_15_4,
            ndis::NdisPhysicalMediumNative802_15_4
        ),
        c!(general::NdisPhysicalMediumMax, ndis::NdisPhysicalMediumMax),
        c!(
            general::NDIS_LINK_STATE_XMIT_LINK_SPEED_AUTO_NEGOTIATED,
            ndis::NDIS_LINK_STATE_XMIT_LINK_SPEED_AUTO_NEGOTIATED
        ),
        c!(
            general::NDIS_LINK_STATE_RCV_LINK_SPEED_AUTO_NEGOTIATED,
            ndis::NDIS_LINK_STATE_RCV_LINK_SPEED_AUTO_NEGOTIATED
        ),
        c!(
            general::NDIS_LINK_STATE_DUPLEX_AUTO_NEGOTIATED,
            ndis::NDIS_LINK_STATE_DUPLEX_AUTO_NEGOTIATED
        ),
        c!(
            general::NDIS_LINK_STATE_PAUSE_FUNCTIONS_AUTO_NEGOTIATED,
            ndis::NDIS_LINK_STATE_PAUSE_FUNCTIONS_AUTO_NEGOTIATED
        ),
        c!(
            general::NDIS_INTERRUPT_MODERATION_CHANGE_NEEDS_RESET,
            ndis::NDIS_INTERRUPT_MODERATION_CHANGE_NEEDS_RESET
        ),
        c!(
            general::NDIS_INTERRUPT_MODERATION_CHANGE_NEEDS_REINITIALIZE,
            ndis::NDIS_INTERRUPT_MODERATION_CHANGE_NEEDS_REINITIALIZE
        ),
        c!(
            general::NDIS_LINK_STATE_REVISION_1,
            ndis::NDIS_LINK_STATE_REVISION_1
        ),
        c!(
            general::NDIS_LINK_PARAMETERS_REVISION_1,
            ndis::NDIS_LINK_PARAMETERS_REVISION_1
        ),
        c!(
            general::NDIS_INTERRUPT_MODERATION_PARAMETERS_REVISION_1,
            ndis::NDIS_INTERRUPT_MODERATION_PARAMETERS_REVISION_1
        ),
        c!(header::NDIS_OBJECT_REVISION_1, ndis::NDIS_OBJECT_REVISION_1),
        c!(header::NDIS_OBJECT_TYPE_DEFAULT, ndis::NDIS_OBJECT_TYPE_DEFAULT),
        c!(
            header::NDIS_OBJECT_TYPE_MINIPORT_INIT_PARAMETERS,
            ndis::NDIS_OBJECT_TYPE_MINIPORT_INIT_PARAMETERS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_SG_DMA_DESCRIPTION,
            ndis::NDIS_OBJECT_TYPE_SG_DMA_DESCRIPTION
        ),
        c!(
            header::NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT,
            ndis::NDIS_OBJECT_TYPE_MINIPORT_INTERRUPT
        ),
        c!(
            header::NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES,
            ndis::NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES
        ),
        c!(
            header::NDIS_OBJECT_TYPE_BIND_PARAMETERS,
            ndis::NDIS_OBJECT_TYPE_BIND_PARAMETERS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_OPEN_PARAMETERS,
            ndis::NDIS_OBJECT_TYPE_OPEN_PARAMETERS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_RSS_CAPABILITIES,
            ndis::NDIS_OBJECT_TYPE_RSS_CAPABILITIES
        ),
        c!(
            header::NDIS_OBJECT_TYPE_RSS_PARAMETERS,
            ndis::NDIS_OBJECT_TYPE_RSS_PARAMETERS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS,
            ndis::NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS,
            ndis::NDIS_OBJECT_TYPE_FILTER_DRIVER_CHARACTERISTICS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_FILTER_PARTIAL_CHARACTERISTICS,
            ndis::NDIS_OBJECT_TYPE_FILTER_PARTIAL_CHARACTERISTICS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES,
            ndis::NDIS_OBJECT_TYPE_FILTER_ATTRIBUTES
        ),
        c!(
            header::NDIS_OBJECT_TYPE_CLIENT_CHIMNEY_OFFLOAD_GENERIC_CHARACTERISTICS,
            ndis::NDIS_OBJECT_TYPE_CLIENT_CHIMNEY_OFFLOAD_GENERIC_CHARACTERISTICS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_PROVIDER_CHIMNEY_OFFLOAD_GENERIC_CHARACTERISTICS,
            ndis::NDIS_OBJECT_TYPE_PROVIDER_CHIMNEY_OFFLOAD_GENERIC_CHARACTERISTICS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_CO_PROTOCOL_CHARACTERISTICS,
            ndis::NDIS_OBJECT_TYPE_CO_PROTOCOL_CHARACTERISTICS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_CO_MINIPORT_CHARACTERISTICS,
            ndis::NDIS_OBJECT_TYPE_CO_MINIPORT_CHARACTERISTICS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_MINIPORT_PNP_CHARACTERISTICS,
            ndis::NDIS_OBJECT_TYPE_MINIPORT_PNP_CHARACTERISTICS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_CLIENT_CHIMNEY_OFFLOAD_CHARACTERISTICS,
            ndis::NDIS_OBJECT_TYPE_CLIENT_CHIMNEY_OFFLOAD_CHARACTERISTICS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_PROVIDER_CHIMNEY_OFFLOAD_CHARACTERISTICS,
            ndis::NDIS_OBJECT_TYPE_PROVIDER_CHIMNEY_OFFLOAD_CHARACTERISTICS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS,
            ndis::NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_REQUEST_EX,
            ndis::NDIS_OBJECT_TYPE_REQUEST_EX
        ),
        c!(
            header::NDIS_OBJECT_TYPE_OID_REQUEST,
            ndis::NDIS_OBJECT_TYPE_OID_REQUEST
        ),
        c!(
            header::NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS,
            ndis::NDIS_OBJECT_TYPE_TIMER_CHARACTERISTICS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_STATUS_INDICATION,
            ndis::NDIS_OBJECT_TYPE_STATUS_INDICATION
        ),
        c!(
            header::NDIS_OBJECT_TYPE_FILTER_ATTACH_PARAMETERS,
            ndis::NDIS_OBJECT_TYPE_FILTER_ATTACH_PARAMETERS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_FILTER_PAUSE_PARAMETERS,
            ndis::NDIS_OBJECT_TYPE_FILTER_PAUSE_PARAMETERS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_FILTER_RESTART_PARAMETERS,
            ndis::NDIS_OBJECT_TYPE_FILTER_RESTART_PARAMETERS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_PORT_CHARACTERISTICS,
            ndis::NDIS_OBJECT_TYPE_PORT_CHARACTERISTICS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_PORT_STATE,
            ndis::NDIS_OBJECT_TYPE_PORT_STATE
        ),
        c!(
            header::NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES,
            ndis::NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES
        ),
        c!(
            header::NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES,
            ndis::NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES
        ),
        c!(
            header::NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES,
            ndis::NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_OFFLOAD_ATTRIBUTES
        ),
        c!(
            header::NDIS_OBJECT_TYPE_RESTART_GENERAL_ATTRIBUTES,
            ndis::NDIS_OBJECT_TYPE_RESTART_GENERAL_ATTRIBUTES
        ),
        c!(
            header::NDIS_OBJECT_TYPE_PROTOCOL_RESTART_PARAMETERS,
            ndis::NDIS_OBJECT_TYPE_PROTOCOL_RESTART_PARAMETERS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES,
            ndis::NDIS_OBJECT_TYPE_MINIPORT_ADD_DEVICE_REGISTRATION_ATTRIBUTES
        ),
        c!(
            header::NDIS_OBJECT_TYPE_CO_CALL_MANAGER_OPTIONAL_HANDLERS,
            ndis::NDIS_OBJECT_TYPE_CO_CALL_MANAGER_OPTIONAL_HANDLERS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_CO_CLIENT_OPTIONAL_HANDLERS,
            ndis::NDIS_OBJECT_TYPE_CO_CLIENT_OPTIONAL_HANDLERS
        ),
        c!(header::NDIS_OBJECT_TYPE_OFFLOAD, ndis::NDIS_OBJECT_TYPE_OFFLOAD),
        c!(
            header::NDIS_OBJECT_TYPE_OFFLOAD_ENCAPSULATION,
            ndis::NDIS_OBJECT_TYPE_OFFLOAD_ENCAPSULATION
        ),
        c!(
            header::NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT,
            ndis::NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT
        ),
        c!(
            header::NDIS_OBJECT_TYPE_DRIVER_WRAPPER_OBJECT,
            ndis::NDIS_OBJECT_TYPE_DRIVER_WRAPPER_OBJECT
        ),
        c!(
            header::NDIS_OBJECT_TYPE_HD_SPLIT_ATTRIBUTES,
            ndis::NDIS_OBJECT_TYPE_HD_SPLIT_ATTRIBUTES
        ),
        c!(
            header::NDIS_OBJECT_TYPE_NSI_NETWORK_RW_STRUCT,
            ndis::NDIS_OBJECT_TYPE_NSI_NETWORK_RW_STRUCT
        ),
        c!(
            header::NDIS_OBJECT_TYPE_NSI_COMPARTMENT_RW_STRUCT,
            ndis::NDIS_OBJECT_TYPE_NSI_COMPARTMENT_RW_STRUCT
        ),
        c!(
            header::NDIS_OBJECT_TYPE_NSI_INTERFACE_PERSIST_RW_STRUCT,
            ndis::NDIS_OBJECT_TYPE_NSI_INTERFACE_PERSIST_RW_STRUCT
        ),
        c!(
            header::NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES,
            ndis::NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES
        ),
        c!(
            header::NDIS_OBJECT_TYPE_SHARED_MEMORY_PROVIDER_CHARACTERISTICS,
            ndis::NDIS_OBJECT_TYPE_SHARED_MEMORY_PROVIDER_CHARACTERISTICS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_RSS_PROCESSOR_INFO,
            ndis::NDIS_OBJECT_TYPE_RSS_PROCESSOR_INFO
        ),
        c!(
            header::NDIS_OBJECT_TYPE_NDK_PROVIDER_CHARACTERISTICS,
            ndis::NDIS_OBJECT_TYPE_NDK_PROVIDER_CHARACTERISTICS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_NDK_ATTRIBUTES,
            ndis::NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_NDK_ATTRIBUTES
        ),
        c!(
            header::NDIS_OBJECT_TYPE_MINIPORT_SS_CHARACTERISTICS,
            ndis::NDIS_OBJECT_TYPE_MINIPORT_SS_CHARACTERISTICS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_QOS_CAPABILITIES,
            ndis::NDIS_OBJECT_TYPE_QOS_CAPABILITIES
        ),
        c!(
            header::NDIS_OBJECT_TYPE_QOS_PARAMETERS,
            ndis::NDIS_OBJECT_TYPE_QOS_PARAMETERS
        ),
        c!(
            header::NDIS_OBJECT_TYPE_QOS_CLASSIFICATION_ELEMENT,
            ndis::NDIS_OBJECT_TYPE_QOS_CLASSIFICATION_ELEMENT
        ),
        c!(
            header::NDIS_OBJECT_TYPE_SWITCH_OPTIONAL_HANDLERS,
            ndis::NDIS_OBJECT_TYPE_SWITCH_OPTIONAL_HANDLERS
        ),
        c!(header::IF_MAX_STRING_SIZE, ndis::IF_MAX_STRING_SIZE),
        c!(
            header::NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_RCV,
            ndis::NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_RCV
        ),
        c!(
            header::NDIS_STATISTICS_FLAGS_VALID_MULTICAST_FRAMES_RCV,
            ndis::NDIS_STATISTICS_FLAGS_VALID_MULTICAST_FRAMES_RCV
        ),
        c!(
            header::NDIS_STATISTICS_FLAGS_VALID_BROADCAST_FRAMES_RCV,
            ndis::NDIS_STATISTICS_FLAGS_VALID_BROADCAST_FRAMES_RCV
        ),
        c!(
            header::NDIS_STATISTICS_FLAGS_VALID_BYTES_RCV,
            ndis::NDIS_STATISTICS_FLAGS_VALID_BYTES_RCV
        ),
        c!(
            header::NDIS_STATISTICS_FLAGS_VALID_RCV_DISCARDS,
            ndis::NDIS_STATISTICS_FLAGS_VALID_RCV_DISCARDS
        ),
        c!(
            header::NDIS_STATISTICS_FLAGS_VALID_RCV_ERROR,
            ndis::NDIS_STATISTICS_FLAGS_VALID_RCV_ERROR
        ),
        c!(
            header::NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_XMIT,
            ndis::NDIS_STATISTICS_FLAGS_VALID_DIRECTED_FRAMES_XMIT
        ),
        c!(
            header::NDIS_STATISTICS_FLAGS_VALID_MULTICAST_FRAMES_XMIT,
            ndis::NDIS_STATISTICS_FLAGS_VALID_MULTICAST_FRAMES_XMIT
        ),
        c!(
            header::NDIS_STATISTICS_FLAGS_VALID_BROADCAST_FRAMES_XMIT,
            ndis::NDIS_STATISTICS_FLAGS_VALID_BROADCAST_FRAMES_XMIT
        ),
        c!(
            header::NDIS_STATISTICS_FLAGS_VALID_BYTES_XMIT,
            ndis::NDIS_STATISTICS_FLAGS_VALID_BYTES_XMIT
        ),
        c!(
            header::NDIS_STATISTICS_FLAGS_VALID_XMIT_ERROR,
            ndis::NDIS_STATISTICS_FLAGS_VALID_XMIT_ERROR
        ),
        c!(
            header::NDIS_STATISTICS_FLAGS_VALID_XMIT_DISCARDS,
            ndis::NDIS_STATISTICS_FLAGS_VALID_XMIT_DISCARDS
        ),
        c!(
            header::NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_RCV,
            ndis::NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_RCV
        ),
        c!(
            header::NDIS_STATISTICS_FLAGS_VALID_MULTICAST_BYTES_RCV,
            ndis::NDIS_STATISTICS_FLAGS_VALID_MULTICAST_BYTES_RCV
        ),
        c!(
            header::NDIS_STATISTICS_FLAGS_VALID_BROADCAST_BYTES_RCV,
            ndis::NDIS_STATISTICS_FLAGS_VALID_BROADCAST_BYTES_RCV
        ),
        c!(
            header::NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_XMIT,
            ndis::NDIS_STATISTICS_FLAGS_VALID_DIRECTED_BYTES_XMIT
        ),
        c!(
            header::NDIS_STATISTICS_FLAGS_VALID_MULTICAST_BYTES_XMIT,
            ndis::NDIS_STATISTICS_FLAGS_VALID_MULTICAST_BYTES_XMIT
        ),
        c!(
            header::NDIS_STATISTICS_FLAGS_VALID_BROADCAST_BYTES_XMIT,
            ndis::NDIS_STATISTICS_FLAGS_VALID_BROADCAST_BYTES_XMIT
        ),
        c!(
            header::NDIS_STATISTICS_INFO_REVISION_1,
            ndis::NDIS_STATISTICS_INFO_REVISION_1
        ),
        c!(
            oid::NdisRequestQueryInformation,
            ndis::NdisRequestQueryInformation
        ),
        c!(oid::NdisRequestSetInformation, ndis::NdisRequestSetInformation),
        c!(oid::NdisRequestQueryStatistics, ndis::NdisRequestQueryStatistics),
        c!(oid::NdisRequestOpen, ndis::NdisRequestOpen),
        c!(oid::NdisRequestClose, ndis::NdisRequestClose),
        c!(oid::NdisRequestSend, ndis::NdisRequestSend),
        c!(oid::NdisRequestTransferData, ndis::NdisRequestTransferData),
        c!(oid::NdisRequestReset, ndis::NdisRequestReset),
        c!(oid::NdisRequestGeneric1, ndis::NdisRequestGeneric1),
        c!(oid::NdisRequestGeneric2, ndis::NdisRequestGeneric2),
        c!(oid::NdisRequestGeneric3, ndis::NdisRequestGeneric3),
        c!(oid::NdisRequestGeneric4, ndis::NdisRequestGeneric4),
        c!(oid::OID_GEN_SUPPORTED_LIST, ndis::OID_GEN_SUPPORTED_LIST),
        c!(oid::OID_GEN_HARDWARE_STATUS, ndis::OID_GEN_HARDWARE_STATUS),
        c!(oid::OID_GEN_MEDIA_SUPPORTED, ndis::OID_GEN_MEDIA_SUPPORTED),
        c!(oid::OID_GEN_MEDIA_IN_USE, ndis::OID_GEN_MEDIA_IN_USE),
        c!(oid::OID_GEN_MAXIMUM_LOOKAHEAD, ndis::OID_GEN_MAXIMUM_LOOKAHEAD),
        c!(oid::OID_GEN_MAXIMUM_FRAME_SIZE, ndis::OID_GEN_MAXIMUM_FRAME_SIZE),
        c!(oid::OID_GEN_LINK_SPEED, ndis::OID_GEN_LINK_SPEED),
        c!(
            oid::OID_GEN_TRANSMIT_BUFFER_SPACE,
            ndis::OID_GEN_TRANSMIT_BUFFER_SPACE
        ),
        c!(
            oid::OID_GEN_RECEIVE_BUFFER_SPACE,
            ndis::OID_GEN_RECEIVE_BUFFER_SPACE
        ),
        c!(
            oid::OID_GEN_TRANSMIT_BLOCK_SIZE,
            ndis::OID_GEN_TRANSMIT_BLOCK_SIZE
        ),
        c!(oid::OID_GEN_RECEIVE_BLOCK_SIZE, ndis::OID_GEN_RECEIVE_BLOCK_SIZE),
        c!(oid::OID_GEN_VENDOR_ID, ndis::OID_GEN_VENDOR_ID),
        c!(oid::OID_GEN_VENDOR_DESCRIPTION, ndis::OID_GEN_VENDOR_DESCRIPTION),
        c!(
            oid::OID_GEN_CURRENT_PACKET_FILTER,
            ndis::OID_GEN_CURRENT_PACKET_FILTER
        ),
        c!(oid::OID_GEN_CURRENT_LOOKAHEAD, ndis::OID_GEN_CURRENT_LOOKAHEAD),
        c!(oid::OID_GEN_DRIVER_VERSION, ndis::OID_GEN_DRIVER_VERSION),
        c!(oid::OID_GEN_MAXIMUM_TOTAL_SIZE, ndis::OID_GEN_MAXIMUM_TOTAL_SIZE),
        c!(oid::OID_GEN_PROTOCOL_OPTIONS, ndis::OID_GEN_PROTOCOL_OPTIONS),
        c!(oid::OID_GEN_MAC_OPTIONS, ndis::OID_GEN_MAC_OPTIONS),
        c!(
            oid::OID_GEN_MEDIA_CONNECT_STATUS,
            ndis::OID_GEN_MEDIA_CONNECT_STATUS
        ),
        c!(
            oid::OID_GEN_MAXIMUM_SEND_PACKETS,
            ndis::OID_GEN_MAXIMUM_SEND_PACKETS
        ),
        c!(
            oid::OID_GEN_VENDOR_DRIVER_VERSION,
            ndis::OID_GEN_VENDOR_DRIVER_VERSION
        ),
        c!(oid::OID_GEN_SUPPORTED_GUIDS, ndis::OID_GEN_SUPPORTED_GUIDS),
        c!(
            oid::OID_GEN_NETWORK_LAYER_ADDRESSES,
            ndis::OID_GEN_NETWORK_LAYER_ADDRESSES
        ),
        c!(
            oid::OID_GEN_TRANSPORT_HEADER_OFFSET,
            ndis::OID_GEN_TRANSPORT_HEADER_OFFSET
        ),
        c!(oid::OID_GEN_MEDIA_CAPABILITIES, ndis::OID_GEN_MEDIA_CAPABILITIES),
        c!(oid::OID_GEN_PHYSICAL_MEDIUM, ndis::OID_GEN_PHYSICAL_MEDIUM),
        c!(
            oid::OID_GEN_RECEIVE_SCALE_CAPABILITIES,
            ndis::OID_GEN_RECEIVE_SCALE_CAPABILITIES
        ),
        c!(
            oid::OID_GEN_RECEIVE_SCALE_PARAMETERS,
            ndis::OID_GEN_RECEIVE_SCALE_PARAMETERS
        ),
        c!(oid::OID_GEN_MAC_ADDRESS, ndis::OID_GEN_MAC_ADDRESS),
        c!(oid::OID_GEN_MAX_LINK_SPEED, ndis::OID_GEN_MAX_LINK_SPEED),
        c!(oid::OID_GEN_LINK_STATE, ndis::OID_GEN_LINK_STATE),
        c!(oid::OID_GEN_LINK_PARAMETERS, ndis::OID_GEN_LINK_PARAMETERS),
        c!(
            oid::OID_GEN_INTERRUPT_MODERATION,
            ndis::OID_GEN_INTERRUPT_MODERATION
        ),
        c!(oid::OID_GEN_ENUMERATE_PORTS, ndis::OID_GEN_ENUMERATE_PORTS),
        c!(oid::OID_GEN_PORT_STATE, ndis::OID_GEN_PORT_STATE),
        c!(
            oid::OID_GEN_PORT_AUTHENTICATION_PARAMETERS,
            ndis::OID_GEN_PORT_AUTHENTICATION_PARAMETERS
        ),
        c!(
            oid::OID_GEN_TIMEOUT_DPC_REQUEST_CAPABILITIES,
            ndis::OID_GEN_TIMEOUT_DPC_REQUEST_CAPABILITIES
        ),
        c!(
            oid::OID_GEN_PCI_DEVICE_CUSTOM_PROPERTIES,
            ndis::OID_GEN_PCI_DEVICE_CUSTOM_PROPERTIES
        ),
        c!(oid::OID_GEN_PHYSICAL_MEDIUM_EX, ndis::OID_GEN_PHYSICAL_MEDIUM_EX),
        c!(oid::OID_GEN_MACHINE_NAME, ndis::OID_GEN_MACHINE_NAME),
        c!(
            oid::OID_GEN_RNDIS_CONFIG_PARAMETER,
            ndis::OID_GEN_RNDIS_CONFIG_PARAMETER
        ),
        c!(oid::OID_GEN_VLAN_ID, ndis::OID_GEN_VLAN_ID),
        c!(oid::OID_GEN_RECEIVE_HASH, ndis::OID_GEN_RECEIVE_HASH),
        c!(
            oid::OID_GEN_MINIPORT_RESTART_ATTRIBUTES,
            ndis::OID_GEN_MINIPORT_RESTART_ATTRIBUTES
        ),
        c!(
            oid::OID_GEN_HD_SPLIT_PARAMETERS,
            ndis::OID_GEN_HD_SPLIT_PARAMETERS
        ),
        c!(
            oid::OID_GEN_HD_SPLIT_CURRENT_CONFIG,
            ndis::OID_GEN_HD_SPLIT_CURRENT_CONFIG
        ),
        c!(oid::OID_GEN_PROMISCUOUS_MODE, ndis::OID_GEN_PROMISCUOUS_MODE),
        c!(oid::OID_GEN_LAST_CHANGE, ndis::OID_GEN_LAST_CHANGE),
        c!(oid::OID_GEN_DISCONTINUITY_TIME, ndis::OID_GEN_DISCONTINUITY_TIME),
        c!(oid::OID_GEN_OPERATIONAL_STATUS, ndis::OID_GEN_OPERATIONAL_STATUS),
        c!(oid::OID_GEN_XMIT_LINK_SPEED, ndis::OID_GEN_XMIT_LINK_SPEED),
        c!(oid::OID_GEN_RCV_LINK_SPEED, ndis::OID_GEN_RCV_LINK_SPEED),
        c!(oid::OID_GEN_UNKNOWN_PROTOS, ndis::OID_GEN_UNKNOWN_PROTOS),
        c!(oid::OID_GEN_INTERFACE_INFO, ndis::OID_GEN_INTERFACE_INFO),
        c!(oid::OID_GEN_ADMIN_STATUS, ndis::OID_GEN_ADMIN_STATUS),
        c!(oid::OID_GEN_ALIAS, ndis::OID_GEN_ALIAS),
        c!(
            oid::OID_GEN_MEDIA_CONNECT_STATUS_EX,
            ndis::OID_GEN_MEDIA_CONNECT_STATUS_EX
        ),
        c!(oid::OID_GEN_LINK_SPEED_EX, ndis::OID_GEN_LINK_SPEED_EX),
        c!(oid::OID_GEN_MEDIA_DUPLEX_STATE, ndis::OID_GEN_MEDIA_DUPLEX_STATE),
        c!(oid::OID_GEN_IP_OPER_STATUS, ndis::OID_GEN_IP_OPER_STATUS),
        c!(oid::OID_GEN_XMIT_OK, ndis::OID_GEN_XMIT_OK),
        c!(oid::OID_GEN_RCV_OK, ndis::OID_GEN_RCV_OK),
        c!(oid::OID_GEN_XMIT_ERROR, ndis::OID_GEN_XMIT_ERROR),
        c!(oid::OID_GEN_RCV_ERROR, ndis::OID_GEN_RCV_ERROR),
        c!(oid::OID_GEN_RCV_NO_BUFFER, ndis::OID_GEN_RCV_NO_BUFFER),
        c!(oid::OID_GEN_STATISTICS, ndis::OID_GEN_STATISTICS),
        c!(
            oid::OID_GEN_DIRECTED_BYTES_XMIT,
            ndis::OID_GEN_DIRECTED_BYTES_XMIT
        ),
        c!(
            oid::OID_GEN_DIRECTED_FRAMES_XMIT,
            ndis::OID_GEN_DIRECTED_FRAMES_XMIT
        ),
        c!(
            oid::OID_GEN_MULTICAST_BYTES_XMIT,
            ndis::OID_GEN_MULTICAST_BYTES_XMIT
        ),
        c!(
            oid::OID_GEN_MULTICAST_FRAMES_XMIT,
            ndis::OID_GEN_MULTICAST_FRAMES_XMIT
        ),
        c!(
            oid::OID_GEN_BROADCAST_BYTES_XMIT,
            ndis::OID_GEN_BROADCAST_BYTES_XMIT
        ),
        c!(
            oid::OID_GEN_BROADCAST_FRAMES_XMIT,
            ndis::OID_GEN_BROADCAST_FRAMES_XMIT
        ),
        c!(oid::OID_GEN_DIRECTED_BYTES_RCV, ndis::OID_GEN_DIRECTED_BYTES_RCV),
        c!(
            oid::OID_GEN_DIRECTED_FRAMES_RCV,
            ndis::OID_GEN_DIRECTED_FRAMES_RCV
        ),
        c!(
            oid::OID_GEN_MULTICAST_BYTES_RCV,
            ndis::OID_GEN_MULTICAST_BYTES_RCV
        ),
        c!(
            oid::OID_GEN_MULTICAST_FRAMES_RCV,
            ndis::OID_GEN_MULTICAST_FRAMES_RCV
        ),
        c!(
            oid::OID_GEN_BROADCAST_BYTES_RCV,
            ndis::OID_GEN_BROADCAST_BYTES_RCV
        ),
        c!(
            oid::OID_GEN_BROADCAST_FRAMES_RCV,
            ndis::OID_GEN_BROADCAST_FRAMES_RCV
        ),
        c!(oid::OID_GEN_RCV_CRC_ERROR, ndis::OID_GEN_RCV_CRC_ERROR),
        c!(
            oid::OID_GEN_TRANSMIT_QUEUE_LENGTH,
            ndis::OID_GEN_TRANSMIT_QUEUE_LENGTH
        ),
        c!(oid::OID_GEN_GET_TIME_CAPS, ndis::OID_GEN_GET_TIME_CAPS),
        c!(oid::OID_GEN_GET_NETCARD_TIME, ndis::OID_GEN_GET_NETCARD_TIME),
        c!(oid::OID_GEN_NETCARD_LOAD, ndis::OID_GEN_NETCARD_LOAD),
        c!(oid::OID_GEN_DEVICE_PROFILE, ndis::OID_GEN_DEVICE_PROFILE),
        c!(oid::OID_GEN_INIT_TIME_MS, ndis::OID_GEN_INIT_TIME_MS),
        c!(oid::OID_GEN_RESET_COUNTS, ndis::OID_GEN_RESET_COUNTS),
        c!(oid::OID_GEN_MEDIA_SENSE_COUNTS, ndis::OID_GEN_MEDIA_SENSE_COUNTS),
        c!(oid::OID_GEN_FRIENDLY_NAME, ndis::OID_GEN_FRIENDLY_NAME),
        c!(oid::OID_GEN_BYTES_RCV, ndis::OID_GEN_BYTES_RCV),
        c!(oid::OID_GEN_BYTES_XMIT, ndis::OID_GEN_BYTES_XMIT),
        c!(oid::OID_GEN_RCV_DISCARDS, ndis::OID_GEN_RCV_DISCARDS),
        c!(oid::OID_GEN_XMIT_DISCARDS, ndis::OID_GEN_XMIT_DISCARDS),
        c!(
            oid::OID_802_3_PERMANENT_ADDRESS,
            ndis::OID_802_3_PERMANENT_ADDRESS
        ),
        c!(oid::OID_802_3_CURRENT_ADDRESS, ndis::OID_802_3_CURRENT_ADDRESS),
        c!(oid::OID_802_3_MULTICAST_LIST, ndis::OID_802_3_MULTICAST_LIST),
        c!(
            oid::OID_802_3_MAXIMUM_LIST_SIZE,
            ndis::OID_802_3_MAXIMUM_LIST_SIZE
        ),
        c!(oid::OID_802_3_MAC_OPTIONS, ndis::OID_802_3_MAC_OPTIONS),
        c!(
            oid::OID_802_3_RCV_ERROR_ALIGNMENT,
            ndis::OID_802_3_RCV_ERROR_ALIGNMENT
        ),
        c!(
            oid::OID_802_3_XMIT_ONE_COLLISION,
            ndis::OID_802_3_XMIT_ONE_COLLISION
        ),
        c!(
            oid::OID_802_3_XMIT_MORE_COLLISIONS,
            ndis::OID_802_3_XMIT_MORE_COLLISIONS
        ),
        c!(oid::OID_802_3_XMIT_DEFERRED, ndis::OID_802_3_XMIT_DEFERRED),
        c!(
            oid::OID_802_3_XMIT_MAX_COLLISIONS,
            ndis::OID_802_3_XMIT_MAX_COLLISIONS
        ),
        c!(oid::OID_802_3_RCV_OVERRUN, ndis::OID_802_3_RCV_OVERRUN),
        c!(oid::OID_802_3_XMIT_UNDERRUN, ndis::OID_802_3_XMIT_UNDERRUN),
        c!(
            oid::OID_802_3_XMIT_HEARTBEAT_FAILURE,
            ndis::OID_802_3_XMIT_HEARTBEAT_FAILURE
        ),
        c!(
            oid::OID_802_3_XMIT_TIMES_CRS_LOST,
            ndis::OID_802_3_XMIT_TIMES_CRS_LOST
        ),
        c!(
            oid::OID_802_3_XMIT_LATE_COLLISIONS,
            ndis::OID_802_3_XMIT_LATE_COLLISIONS
        ),
        c!(
            oid::OID_802_3_ADD_MULTICAST_ADDRESS,
            ndis::OID_802_3_ADD_MULTICAST_ADDRESS
        ),
        c!(
            oid::OID_802_3_DELETE_MULTICAST_ADDRESS,
            ndis::OID_802_3_DELETE_MULTICAST_ADDRESS
        ),
        c!(oid::OID_PNP_CAPABILITIES, ndis::OID_PNP_CAPABILITIES),
        c!(oid::OID_PNP_SET_POWER, ndis::OID_PNP_SET_POWER),
        c!(oid::OID_PNP_QUERY_POWER, ndis::OID_PNP_QUERY_POWER),
        c!(
            oid::OID_PNP_ADD_WAKE_UP_PATTERN,
            ndis::OID_PNP_ADD_WAKE_UP_PATTERN
        ),
        c!(
            oid::OID_PNP_REMOVE_WAKE_UP_PATTERN,
            ndis::OID_PNP_REMOVE_WAKE_UP_PATTERN
        ),
        c!(
            oid::OID_PNP_WAKE_UP_PATTERN_LIST,
            ndis::OID_PNP_WAKE_UP_PATTERN_LIST
        ),
        c!(oid::OID_PNP_ENABLE_WAKE_UP, ndis::OID_PNP_ENABLE_WAKE_UP),
        c!(oid::OID_PNP_WAKE_UP_OK, ndis::OID_PNP_WAKE_UP_OK),
        c!(oid::OID_PNP_WAKE_UP_ERROR, ndis::OID_PNP_WAKE_UP_ERROR),
        c!(
            oid::OID_PM_CURRENT_CAPABILITIES,
            ndis::OID_PM_CURRENT_CAPABILITIES
        ),
        c!(
            oid::OID_PM_HARDWARE_CAPABILITIES,
            ndis::OID_PM_HARDWARE_CAPABILITIES
        ),
        c!(oid::OID_PM_PARAMETERS, ndis::OID_PM_PARAMETERS),
        c!(oid::OID_PM_ADD_WOL_PATTERN, ndis::OID_PM_ADD_WOL_PATTERN),
        c!(oid::OID_PM_REMOVE_WOL_PATTERN, ndis::OID_PM_REMOVE_WOL_PATTERN),
        c!(oid::OID_PM_WOL_PATTERN_LIST, ndis::OID_PM_WOL_PATTERN_LIST),
        c!(
            oid::OID_PM_ADD_PROTOCOL_OFFLOAD,
            ndis::OID_PM_ADD_PROTOCOL_OFFLOAD
        ),
        c!(
            oid::OID_PM_GET_PROTOCOL_OFFLOAD,
            ndis::OID_PM_GET_PROTOCOL_OFFLOAD
        ),
        c!(
            oid::OID_PM_REMOVE_PROTOCOL_OFFLOAD,
            ndis::OID_PM_REMOVE_PROTOCOL_OFFLOAD
        ),
        c!(
            oid::OID_PM_PROTOCOL_OFFLOAD_LIST,
            ndis::OID_PM_PROTOCOL_OFFLOAD_LIST
        ),
        c!(oid::OID_PM_RESERVED_1, ndis::OID_PM_RESERVED_1),
        c!(
            oid::OID_TCP_OFFLOAD_CURRENT_CONFIG,
            ndis::OID_TCP_OFFLOAD_CURRENT_CONFIG
        ),
        c!(oid::OID_TCP_OFFLOAD_PARAMETERS, ndis::OID_TCP_OFFLOAD_PARAMETERS),
        c!(
            oid::OID_TCP_OFFLOAD_HARDWARE_CAPABILITIES,
            ndis::OID_TCP_OFFLOAD_HARDWARE_CAPABILITIES
        ),
        c!(oid::OID_OFFLOAD_ENCAPSULATION, ndis::OID_OFFLOAD_ENCAPSULATION),
        c!(
            oid::OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES,
            ndis::OID_RECEIVE_FILTER_HARDWARE_CAPABILITIES
        ),
        c!(
            oid::OID_RECEIVE_FILTER_GLOBAL_PARAMETERS,
            ndis::OID_RECEIVE_FILTER_GLOBAL_PARAMETERS
        ),
        c!(
            oid::OID_RECEIVE_FILTER_ALLOCATE_QUEUE,
            ndis::OID_RECEIVE_FILTER_ALLOCATE_QUEUE
        ),
        c!(
            oid::OID_RECEIVE_FILTER_FREE_QUEUE,
            ndis::OID_RECEIVE_FILTER_FREE_QUEUE
        ),
        c!(
            oid::OID_RECEIVE_FILTER_ENUM_QUEUES,
            ndis::OID_RECEIVE_FILTER_ENUM_QUEUES
        ),
        c!(
            oid::OID_RECEIVE_FILTER_QUEUE_PARAMETERS,
            ndis::OID_RECEIVE_FILTER_QUEUE_PARAMETERS
        ),
        c!(
            oid::OID_RECEIVE_FILTER_SET_FILTER,
            ndis::OID_RECEIVE_FILTER_SET_FILTER
        ),
        c!(
            oid::OID_RECEIVE_FILTER_CLEAR_FILTER,
            ndis::OID_RECEIVE_FILTER_CLEAR_FILTER
        ),
        c!(
            oid::OID_RECEIVE_FILTER_ENUM_FILTERS,
            ndis::OID_RECEIVE_FILTER_ENUM_FILTERS
        ),
        c!(
            oid::OID_RECEIVE_FILTER_PARAMETERS,
            ndis::OID_RECEIVE_FILTER_PARAMETERS
        ),
        c!(
            oid::OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE,
            ndis::OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE
        ),
        c!(
            oid::OID_RECEIVE_FILTER_CURRENT_CAPABILITIES,
            ndis::OID_RECEIVE_FILTER_CURRENT_CAPABILITIES
        ),
        c!(
            oid::OID_RECEIVE_FILTER_MOVE_FILTER,
            ndis::OID_RECEIVE_FILTER_MOVE_FILTER
        ),
        c!(
            oid::OID_NIC_SWITCH_HARDWARE_CAPABILITIES,
            ndis::OID_NIC_SWITCH_HARDWARE_CAPABILITIES
        ),
        c!(
            oid::OID_NIC_SWITCH_CURRENT_CAPABILITIES,
            ndis::OID_NIC_SWITCH_CURRENT_CAPABILITIES
        ),
        c!(
            oid::OID_NIC_SWITCH_CREATE_SWITCH,
            ndis::OID_NIC_SWITCH_CREATE_SWITCH
        ),
        c!(oid::OID_NIC_SWITCH_PARAMETERS, ndis::OID_NIC_SWITCH_PARAMETERS),
        c!(
            oid::OID_NIC_SWITCH_DELETE_SWITCH,
            ndis::OID_NIC_SWITCH_DELETE_SWITCH
        ),
        c!(
            oid::OID_NIC_SWITCH_ENUM_SWITCHES,
            ndis::OID_NIC_SWITCH_ENUM_SWITCHES
        ),
        c!(
            oid::OID_NIC_SWITCH_CREATE_VPORT,
            ndis::OID_NIC_SWITCH_CREATE_VPORT
        ),
        c!(
            oid::OID_NIC_SWITCH_VPORT_PARAMETERS,
            ndis::OID_NIC_SWITCH_VPORT_PARAMETERS
        ),
        c!(oid::OID_NIC_SWITCH_ENUM_VPORTS, ndis::OID_NIC_SWITCH_ENUM_VPORTS),
        c!(
            oid::OID_NIC_SWITCH_DELETE_VPORT,
            ndis::OID_NIC_SWITCH_DELETE_VPORT
        ),
        c!(oid::OID_NIC_SWITCH_ALLOCATE_VF, ndis::OID_NIC_SWITCH_ALLOCATE_VF),
        c!(oid::OID_NIC_SWITCH_FREE_VF, ndis::OID_NIC_SWITCH_FREE_VF),
        c!(
            oid::OID_NIC_SWITCH_VF_PARAMETERS,
            ndis::OID_NIC_SWITCH_VF_PARAMETERS
        ),
        c!(oid::OID_NIC_SWITCH_ENUM_VFS, ndis::OID_NIC_SWITCH_ENUM_VFS),
        c!(
            oid::OID_SRIOV_HARDWARE_CAPABILITIES,
            ndis::OID_SRIOV_HARDWARE_CAPABILITIES
        ),
        c!(
            oid::OID_SRIOV_CURRENT_CAPABILITIES,
            ndis::OID_SRIOV_CURRENT_CAPABILITIES
        ),
        c!(
            oid::OID_SRIOV_READ_VF_CONFIG_SPACE,
            ndis::OID_SRIOV_READ_VF_CONFIG_SPACE
        ),
        c!(
            oid::OID_SRIOV_WRITE_VF_CONFIG_SPACE,
            ndis::OID_SRIOV_WRITE_VF_CONFIG_SPACE
        ),
        c!(
            oid::OID_SRIOV_READ_VF_CONFIG_BLOCK,
            ndis::OID_SRIOV_READ_VF_CONFIG_BLOCK
        ),
        c!(
            oid::OID_SRIOV_WRITE_VF_CONFIG_BLOCK,
            ndis::OID_SRIOV_WRITE_VF_CONFIG_BLOCK
        ),
        c!(oid::OID_SRIOV_RESET_VF, ndis::OID_SRIOV_RESET_VF),
        c!(
            oid::OID_SRIOV_SET_VF_POWER_STATE,
            ndis::OID_SRIOV_SET_VF_POWER_STATE
        ),
        c!(
            oid::OID_SRIOV_VF_VENDOR_DEVICE_ID,
            ndis::OID_SRIOV_VF_VENDOR_DEVICE_ID
        ),
        c!(oid::OID_SRIOV_PROBED_BARS, ndis::OID_SRIOV_PROBED_BARS),
        c!(oid::OID_SRIOV_BAR_RESOURCES, ndis::OID_SRIOV_BAR_RESOURCES),
        c!(oid::OID_SRIOV_PF_LUID, ndis::OID_SRIOV_PF_LUID),
        c!(oid::OID_SRIOV_CONFIG_STATE, ndis::OID_SRIOV_CONFIG_STATE),
        c!(oid::OID_SRIOV_VF_SERIAL_NUMBER, ndis::OID_SRIOV_VF_SERIAL_NUMBER),
        c!(
            oid::OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK,
            ndis::OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK
        ),
        c!(oid::NDIS_PACKET_TYPE_DIRECTED, ndis::NDIS_PACKET_TYPE_DIRECTED),
        c!(oid::NDIS_PACKET_TYPE_MULTICAST, ndis::NDIS_PACKET_TYPE_MULTICAST),
        c!(
            oid::NDIS_PACKET_TYPE_ALL_MULTICAST,
            ndis::NDIS_PACKET_TYPE_ALL_MULTICAST
        ),
        c!(oid::NDIS_PACKET_TYPE_BROADCAST, ndis::NDIS_PACKET_TYPE_BROADCAST),
        c!(
            oid::NDIS_PACKET_TYPE_SOURCE_ROUTING,
            ndis::NDIS_PACKET_TYPE_SOURCE_ROUTING
        ),
        c!(
            oid::NDIS_PACKET_TYPE_PROMISCUOUS,
            ndis::NDIS_PACKET_TYPE_PROMISCUOUS
        ),
        c!(oid::NDIS_PACKET_TYPE_SMT, ndis::NDIS_PACKET_TYPE_SMT),
        c!(oid::NDIS_PACKET_TYPE_ALL_LOCAL, ndis::NDIS_PACKET_TYPE_ALL_LOCAL),
        c!(oid::NDIS_PACKET_TYPE_GROUP, ndis::NDIS_PACKET_TYPE_GROUP),
        c!(
            oid::NDIS_PACKET_TYPE_ALL_FUNCTIONAL,
            ndis::NDIS_PACKET_TYPE_ALL_FUNCTIONAL
        ),
        c!(
            oid::NDIS_PACKET_TYPE_FUNCTIONAL,
            ndis::NDIS_PACKET_TYPE_FUNCTIONAL
        ),
        c!(oid::NDIS_PACKET_TYPE_MAC_FRAME, ndis::NDIS_PACKET_TYPE_MAC_FRAME),
        c!(oid::NDIS_PACKET_TYPE_NO_LOCAL, ndis::NDIS_PACKET_TYPE_NO_LOCAL),
        c!(sriov::NDIS_DEFAULT_SWITCH_ID, ndis::NDIS_DEFAULT_SWITCH_ID),
        c!(sriov::NDIS_DEFAULT_VPORT_ID, ndis::NDIS_DEFAULT_VPORT_ID),
        c!(
            sriov::NdisDeviceStateUnspecified,
            ndis::NdisDeviceStateUnspecified
        ),
        c!(sriov::NdisDeviceStateD0, ndis::NdisDeviceStateD0),
        c!(sriov::NdisDeviceStateD1, ndis::NdisDeviceStateD1),
        c!(sriov::NdisDeviceStateD2, ndis::NdisDeviceStateD2),
        c!(sriov::NdisDeviceStateD3, ndis::NdisDeviceStateD3),
        c!(sriov::NdisDeviceStateMaximum, ndis::NdisDeviceStateMaximum),
        c!(
            sriov::NDIS_NIC_SWITCH_CAPS_VLAN_SUPPORTED,
            ndis::NDIS_NIC_SWITCH_CAPS_VLAN_SUPPORTED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_CAPS_PER_VPORT_INTERRUPT_MODERATION_SUPPORTED,
            ndis::NDIS_NIC_SWITCH_CAPS_PER_VPORT_INTERRUPT_MODERATION_SUPPORTED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_CAPS_ASYMMETRIC_QUEUE_PAIRS_FOR_NONDEFAULT_VPORT_SUPPORTED,
            ndis::NDIS_NIC_SWITCH_CAPS_ASYMMETRIC_QUEUE_PAIRS_FOR_NONDEFAULT_VPORT_SUPPORTED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_CAPS_VF_RSS_SUPPORTED,
            ndis::NDIS_NIC_SWITCH_CAPS_VF_RSS_SUPPORTED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_CAPS_SINGLE_VPORT_POOL,
            ndis::NDIS_NIC_SWITCH_CAPS_SINGLE_VPORT_POOL
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_PARAMETERS_CHANGE_MASK,
            ndis::NDIS_NIC_SWITCH_PARAMETERS_CHANGE_MASK
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_PARAMETERS_SWITCH_NAME_CHANGED,
            ndis::NDIS_NIC_SWITCH_PARAMETERS_SWITCH_NAME_CHANGED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VF_INFO_ARRAY_ENUM_ON_SPECIFIC_SWITCH,
            ndis::NDIS_NIC_SWITCH_VF_INFO_ARRAY_ENUM_ON_SPECIFIC_SWITCH
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VPORT_PARAMS_LOOKAHEAD_SPLIT_ENABLED,
            ndis::NDIS_NIC_SWITCH_VPORT_PARAMS_LOOKAHEAD_SPLIT_ENABLED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VPORT_PARAMS_CHANGE_MASK,
            ndis::NDIS_NIC_SWITCH_VPORT_PARAMS_CHANGE_MASK
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VPORT_PARAMS_FLAGS_CHANGED,
            ndis::NDIS_NIC_SWITCH_VPORT_PARAMS_FLAGS_CHANGED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VPORT_PARAMS_NAME_CHANGED,
            ndis::NDIS_NIC_SWITCH_VPORT_PARAMS_NAME_CHANGED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VPORT_PARAMS_INT_MOD_CHANGED,
            ndis::NDIS_NIC_SWITCH_VPORT_PARAMS_INT_MOD_CHANGED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VPORT_PARAMS_STATE_CHANGED,
            ndis::NDIS_NIC_SWITCH_VPORT_PARAMS_STATE_CHANGED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VPORT_PARAMS_PROCESSOR_AFFINITY_CHANGED,
            ndis::NDIS_NIC_SWITCH_VPORT_PARAMS_PROCESSOR_AFFINITY_CHANGED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VPORT_INFO_ARRAY_ENUM_ON_SPECIFIC_FUNCTION,
            ndis::NDIS_NIC_SWITCH_VPORT_INFO_ARRAY_ENUM_ON_SPECIFIC_FUNCTION
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VPORT_INFO_ARRAY_ENUM_ON_SPECIFIC_SWITCH,
            ndis::NDIS_NIC_SWITCH_VPORT_INFO_ARRAY_ENUM_ON_SPECIFIC_SWITCH
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VPORT_INFO_LOOKAHEAD_SPLIT_ENABLED,
            ndis::NDIS_NIC_SWITCH_VPORT_INFO_LOOKAHEAD_SPLIT_ENABLED
        ),
        c!(
            sriov::NDIS_SRIOV_CAPS_SRIOV_SUPPORTED,
            ndis::NDIS_SRIOV_CAPS_SRIOV_SUPPORTED
        ),
        c!(
            sriov::NDIS_SRIOV_CAPS_PF_MINIPORT,
            ndis::NDIS_SRIOV_CAPS_PF_MINIPORT
        ),
        c!(
            sriov::NDIS_SRIOV_CAPS_VF_MINIPORT,
            ndis::NDIS_SRIOV_CAPS_VF_MINIPORT
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_PARAMETERS_DEFAULT_NUMBER_OF_QUEUE_PAIRS_FOR_DEFAULT_VPORT,
            ndis::NDIS_NIC_SWITCH_PARAMETERS_DEFAULT_NUMBER_OF_QUEUE_PAIRS_FOR_DEFAULT_VPORT
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VPORT_INFO_PACKET_DIRECT_RX_ONLY,
            ndis::NDIS_NIC_SWITCH_VPORT_INFO_PACKET_DIRECT_RX_ONLY
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VPORT_INFO_GFT_ENABLED,
            ndis::NDIS_NIC_SWITCH_VPORT_INFO_GFT_ENABLED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_CAPS_RSS_PARAMETERS_PER_PF_VPORT_SUPPORTED,
            ndis::NDIS_NIC_SWITCH_CAPS_RSS_PARAMETERS_PER_PF_VPORT_SUPPORTED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_CAPS_NIC_SWITCH_WITHOUT_IOV_SUPPORTED,
            ndis::NDIS_NIC_SWITCH_CAPS_NIC_SWITCH_WITHOUT_IOV_SUPPORTED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_CAPS_RSS_ON_PF_VPORTS_SUPPORTED,
            ndis::NDIS_NIC_SWITCH_CAPS_RSS_ON_PF_VPORTS_SUPPORTED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_CAPS_RSS_PER_PF_VPORT_INDIRECTION_TABLE_SUPPORTED,
            ndis::NDIS_NIC_SWITCH_CAPS_RSS_PER_PF_VPORT_INDIRECTION_TABLE_SUPPORTED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_CAPS_RSS_PER_PF_VPORT_HASH_FUNCTION_SUPPORTED,
            ndis::NDIS_NIC_SWITCH_CAPS_RSS_PER_PF_VPORT_HASH_FUNCTION_SUPPORTED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_CAPS_RSS_PER_PF_VPORT_HASH_TYPE_SUPPORTED,
            ndis::NDIS_NIC_SWITCH_CAPS_RSS_PER_PF_VPORT_HASH_TYPE_SUPPORTED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_CAPS_RSS_PER_PF_VPORT_HASH_KEY_SUPPORTED,
            ndis::NDIS_NIC_SWITCH_CAPS_RSS_PER_PF_VPORT_HASH_KEY_SUPPORTED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_CAPS_RSS_PER_PF_VPORT_INDIRECTION_TABLE_SIZE_RESTRICTED,
            ndis::NDIS_NIC_SWITCH_CAPS_RSS_PER_PF_VPORT_INDIRECTION_TABLE_SIZE_RESTRICTED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VPORT_PARAMS_PACKET_DIRECT_RX_ONLY,
            ndis::NDIS_NIC_SWITCH_VPORT_PARAMS_PACKET_DIRECT_RX_ONLY
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VPORT_PARAMS_ENFORCE_MAX_SG_LIST,
            ndis::NDIS_NIC_SWITCH_VPORT_PARAMS_ENFORCE_MAX_SG_LIST
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VPORT_PARAMS_NDK_PARAMS_CHANGED,
            ndis::NDIS_NIC_SWITCH_VPORT_PARAMS_NDK_PARAMS_CHANGED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VPORT_PARAMS_QOS_SQ_ID_CHANGED,
            ndis::NDIS_NIC_SWITCH_VPORT_PARAMS_QOS_SQ_ID_CHANGED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VPORT_PARAMS_NUM_QUEUE_PAIRS_CHANGED,
            ndis::NDIS_NIC_SWITCH_VPORT_PARAMS_NUM_QUEUE_PAIRS_CHANGED
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_CAPABILITIES_REVISION_1,
            ndis::NDIS_NIC_SWITCH_CAPABILITIES_REVISION_1
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_CAPABILITIES_REVISION_2,
            ndis::NDIS_NIC_SWITCH_CAPABILITIES_REVISION_2
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_CAPABILITIES_REVISION_3,
            ndis::NDIS_NIC_SWITCH_CAPABILITIES_REVISION_3
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_PARAMETERS_REVISION_1,
            ndis::NDIS_NIC_SWITCH_PARAMETERS_REVISION_1
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_PARAMETERS_REVISION_2,
            ndis::NDIS_NIC_SWITCH_PARAMETERS_REVISION_2
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_DELETE_SWITCH_PARAMETERS_REVISION_1,
            ndis::NDIS_NIC_SWITCH_DELETE_SWITCH_PARAMETERS_REVISION_1
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_INFO_REVISION_1,
            ndis::NDIS_NIC_SWITCH_INFO_REVISION_1
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_INFO_ARRAY_REVISION_1,
            ndis::NDIS_NIC_SWITCH_INFO_ARRAY_REVISION_1
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VPORT_PARAMETERS_REVISION_1,
            ndis::NDIS_NIC_SWITCH_VPORT_PARAMETERS_REVISION_1
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VPORT_PARAMETERS_REVISION_2,
            ndis::NDIS_NIC_SWITCH_VPORT_PARAMETERS_REVISION_2
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_DELETE_VPORT_PARAMETERS_REVISION_1,
            ndis::NDIS_NIC_SWITCH_DELETE_VPORT_PARAMETERS_REVISION_1
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VPORT_INFO_REVISION_1,
            ndis::NDIS_NIC_SWITCH_VPORT_INFO_REVISION_1
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VPORT_INFO_ARRAY_REVISION_1,
            ndis::NDIS_NIC_SWITCH_VPORT_INFO_ARRAY_REVISION_1
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VF_PARAMETERS_REVISION_1,
            ndis::NDIS_NIC_SWITCH_VF_PARAMETERS_REVISION_1
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_FREE_VF_PARAMETERS_REVISION_1,
            ndis::NDIS_NIC_SWITCH_FREE_VF_PARAMETERS_REVISION_1
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VF_INFO_REVISION_1,
            ndis::NDIS_NIC_SWITCH_VF_INFO_REVISION_1
        ),
        c!(
            sriov::NDIS_NIC_SWITCH_VF_INFO_ARRAY_REVISION_1,
            ndis::NDIS_NIC_SWITCH_VF_INFO_ARRAY_REVISION_1
        ),
        c!(
            sriov::NDIS_SRIOV_CAPABILITIES_REVISION_1,
            ndis::NDIS_SRIOV_CAPABILITIES_REVISION_1
        ),
        c!(
            sriov::NDIS_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS_REVISION_1,
            ndis::NDIS_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS_REVISION_1
        ),
        c!(
            sriov::NDIS_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS_REVISION_1,
            ndis::NDIS_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS_REVISION_1
        ),
        c!(
            sriov::NDIS_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1,
            ndis::NDIS_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1
        ),
        c!(
            sriov::NDIS_SRIOV_WRITE_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1,
            ndis::NDIS_SRIOV_WRITE_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1
        ),
        c!(
            sriov::NDIS_SRIOV_RESET_VF_PARAMETERS_REVISION_1,
            ndis::NDIS_SRIOV_RESET_VF_PARAMETERS_REVISION_1
        ),
        c!(
            sriov::NDIS_SRIOV_SET_VF_POWER_STATE_PARAMETERS_REVISION_1,
            ndis::NDIS_SRIOV_SET_VF_POWER_STATE_PARAMETERS_REVISION_1
        ),
        c!(
            sriov::NDIS_SRIOV_CONFIG_STATE_PARAMETERS_REVISION_1,
            ndis::NDIS_SRIOV_CONFIG_STATE_PARAMETERS_REVISION_1
        ),
        c!(
            sriov::NDIS_SRIOV_VF_VENDOR_DEVICE_ID_INFO_REVISION_1,
            ndis::NDIS_SRIOV_VF_VENDOR_DEVICE_ID_INFO_REVISION_1
        ),
        c!(
            sriov::NDIS_SRIOV_PROBED_BARS_INFO_REVISION_1,
            ndis::NDIS_SRIOV_PROBED_BARS_INFO_REVISION_1
        ),
        c!(
            sriov::NDIS_SRIOV_BAR_RESOURCES_INFO_REVISION_1,
            ndis::NDIS_SRIOV_BAR_RESOURCES_INFO_REVISION_1
        ),
        c!(
            sriov::NDIS_SRIOV_PF_LUID_INFO_REVISION_1,
            ndis::NDIS_SRIOV_PF_LUID_INFO_REVISION_1
        ),
        c!(
            sriov::NDIS_SRIOV_VF_SERIAL_NUMBER_INFO_REVISION_1,
            ndis::NDIS_SRIOV_VF_SERIAL_NUMBER_INFO_REVISION_1
        ),
        c!(
            sriov::NDIS_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO_REVISION_1,
            ndis::NDIS_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO_REVISION_1
        ),
        c!(
            vmq::NDIS_DEFAULT_RECEIVE_QUEUE_ID,
            ndis::NDIS_DEFAULT_RECEIVE_QUEUE_ID
        ),
        c!(
            vmq::NDIS_DEFAULT_RECEIVE_QUEUE_GROUP_ID,
            ndis::NDIS_DEFAULT_RECEIVE_QUEUE_GROUP_ID
        ),
        c!(
            vmq::NDIS_DEFAULT_RECEIVE_FILTER_ID,
            ndis::NDIS_DEFAULT_RECEIVE_FILTER_ID
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_MAC_HEADER_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_MAC_HEADER_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_IPV4_HEADER_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_IPV4_HEADER_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_IPV6_HEADER_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_IPV6_HEADER_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_ARP_HEADER_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_ARP_HEADER_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_UDP_HEADER_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_UDP_HEADER_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_MAC_HEADER_DEST_ADDR_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_MAC_HEADER_DEST_ADDR_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_MAC_HEADER_SOURCE_ADDR_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_MAC_HEADER_SOURCE_ADDR_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_MAC_HEADER_PROTOCOL_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_MAC_HEADER_PROTOCOL_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_MAC_HEADER_VLAN_ID_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_MAC_HEADER_VLAN_ID_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_MAC_HEADER_PRIORITY_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_MAC_HEADER_PRIORITY_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_MAC_HEADER_PACKET_TYPE_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_MAC_HEADER_PACKET_TYPE_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_ARP_HEADER_OPERATION_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_ARP_HEADER_OPERATION_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_ARP_HEADER_SPA_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_ARP_HEADER_SPA_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_ARP_HEADER_TPA_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_ARP_HEADER_TPA_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_IPV4_HEADER_PROTOCOL_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_IPV4_HEADER_PROTOCOL_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_IPV6_HEADER_PROTOCOL_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_IPV6_HEADER_PROTOCOL_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_UDP_HEADER_DEST_PORT_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_UDP_HEADER_DEST_PORT_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_EQUAL_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_EQUAL_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_MASK_EQUAL_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_MASK_EQUAL_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_NOT_EQUAL_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_NOT_EQUAL_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_MSI_X_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_MSI_X_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_VM_QUEUE_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_VM_QUEUE_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_LOOKAHEAD_SPLIT_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_LOOKAHEAD_SPLIT_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_INTERRUPT_VECTOR_COALESCING_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_INTERRUPT_VECTOR_COALESCING_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_ANY_VLAN_SUPPORTED,
            ndis::NDIS_RECEIVE_FILTER_ANY_VLAN_SUPPORTED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_IMPLAT_MIN_OF_QUEUES_MODE,
            ndis::NDIS_RECEIVE_FILTER_IMPLAT_MIN_OF_QUEUES_MODE
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_IMPLAT_SUM_OF_QUEUES_MODE,
            ndis::NDIS_RECEIVE_FILTER_IMPLAT_SUM_OF_QUEUES_MODE
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_PACKET_COALESCING_SUPPORTED_ON_DEFAULT_QUEUE,
            ndis::NDIS_RECEIVE_FILTER_PACKET_COALESCING_SUPPORTED_ON_DEFAULT_QUEUE
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_VMQ_FILTERS_ENABLED,
            ndis::NDIS_RECEIVE_FILTER_VMQ_FILTERS_ENABLED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_PACKET_COALESCING_FILTERS_ENABLED,
            ndis::NDIS_RECEIVE_FILTER_PACKET_COALESCING_FILTERS_ENABLED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED,
            ndis::NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO,
            ndis::NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_PACKET_ENCAPSULATION_GRE,
            ndis::NDIS_RECEIVE_FILTER_PACKET_ENCAPSULATION_GRE
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_INFO_ARRAY_VPORT_ID_SPECIFIED,
            ndis::NDIS_RECEIVE_FILTER_INFO_ARRAY_VPORT_ID_SPECIFIED
        ),
        c!(
            vmq::NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION,
            ndis::NDIS_RECEIVE_QUEUE_PARAMETERS_PER_QUEUE_RECEIVE_INDICATION
        ),
        c!(
            vmq::NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED,
            ndis::NDIS_RECEIVE_QUEUE_PARAMETERS_LOOKAHEAD_SPLIT_REQUIRED
        ),
        c!(
            vmq::NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED,
            ndis::NDIS_RECEIVE_QUEUE_PARAMETERS_FLAGS_CHANGED
        ),
        c!(
            vmq::NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED,
            ndis::NDIS_RECEIVE_QUEUE_PARAMETERS_PROCESSOR_AFFINITY_CHANGED
        ),
        c!(
            vmq::NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED,
            ndis::NDIS_RECEIVE_QUEUE_PARAMETERS_SUGGESTED_RECV_BUFFER_NUMBERS_CHANGED
        ),
        c!(
            vmq::NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED,
            ndis::NDIS_RECEIVE_QUEUE_PARAMETERS_NAME_CHANGED
        ),
        c!(
            vmq::NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED,
            ndis::NDIS_RECEIVE_QUEUE_PARAMETERS_INTERRUPT_COALESCING_DOMAIN_ID_CHANGED
        ),
        c!(
            vmq::NDIS_RECEIVE_QUEUE_PARAMETERS_CHANGE_MASK,
            ndis::NDIS_RECEIVE_QUEUE_PARAMETERS_CHANGE_MASK
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_PACKET_ENCAPSULATION,
            ndis::NDIS_RECEIVE_FILTER_PACKET_ENCAPSULATION
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_FLAGS_RESERVED,
            ndis::NDIS_RECEIVE_FILTER_FLAGS_RESERVED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_RESERVED,
            ndis::NDIS_RECEIVE_FILTER_RESERVED
        ),
        c!(
            vmq::NDIS_RECEIVE_QUEUE_PARAMETERS_QOS_SQ_ID_CHANGED,
            ndis::NDIS_RECEIVE_QUEUE_PARAMETERS_QOS_SQ_ID_CHANGED
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_CAPABILITIES_REVISION_1,
            ndis::NDIS_RECEIVE_FILTER_CAPABILITIES_REVISION_1
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_CAPABILITIES_REVISION_2,
            ndis::NDIS_RECEIVE_FILTER_CAPABILITIES_REVISION_2
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS_REVISION_1,
            ndis::NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS_REVISION_1
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1,
            ndis::NDIS_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_2,
            ndis::NDIS_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_2
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_1,
            ndis::NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_1
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_2,
            ndis::NDIS_RECEIVE_FILTER_PARAMETERS_REVISION_2
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1,
            ndis::NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1
        ),
        c!(
            vmq::NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_1,
            ndis::NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_1
        ),
        c!(
            vmq::NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_2,
            ndis::NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_2
        ),
        c!(
            vmq::NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_3,
            ndis::NDIS_RECEIVE_QUEUE_PARAMETERS_REVISION_3
        ),
        c!(
            vmq::NDIS_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1,
            ndis::NDIS_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1
        ),
        c!(
            vmq::NDIS_RECEIVE_QUEUE_INFO_REVISION_1,
            ndis::NDIS_RECEIVE_QUEUE_INFO_REVISION_1
        ),
        c!(
            vmq::NDIS_RECEIVE_QUEUE_INFO_REVISION_2,
            ndis::NDIS_RECEIVE_QUEUE_INFO_REVISION_2
        ),
        c!(
            vmq::NDIS_RECEIVE_QUEUE_INFO_ARRAY_REVISION_1,
            ndis::NDIS_RECEIVE_QUEUE_INFO_ARRAY_REVISION_1
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_INFO_REVISION_1,
            ndis::NDIS_RECEIVE_FILTER_INFO_REVISION_1
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_INFO_ARRAY_REVISION_1,
            ndis::NDIS_RECEIVE_FILTER_INFO_ARRAY_REVISION_1
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_INFO_ARRAY_REVISION_2,
            ndis::NDIS_RECEIVE_FILTER_INFO_ARRAY_REVISION_2
        ),
        c!(
            vmq::NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1,
            ndis::NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1
        ),
        c!(
            vmq::NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1,
            ndis::NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1
        ),
        c!(
            vmq::NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS_REVISION_1,
            ndis::NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS_REVISION_1
        ),
        // NDIS_STATUS values defined by ndis.h as NTSTATUS aliases.
        c!(status::NDIS_STATUS_SUCCESS, nt::STATUS_SUCCESS),
        c!(status::NDIS_STATUS_PENDING, nt::STATUS_PENDING),
        c!(status::NDIS_STATUS_FAILURE, nt::STATUS_UNSUCCESSFUL),
        c!(
            status::NDIS_STATUS_INVALID_PARAMETER,
            nt::STATUS_INVALID_PARAMETER
        ),
        c!(status::NDIS_STATUS_RESOURCES, nt::STATUS_INSUFFICIENT_RESOURCES),
        c!(status::NDIS_STATUS_NOT_SUPPORTED, nt::STATUS_NOT_SUPPORTED),
        c!(
            status::NDIS_STATUS_REINIT_REQUIRED,
            nt::STATUS_NDIS_REINIT_REQUIRED
        ),
        c!(status::NDIS_STATUS_PAUSED, nt::STATUS_NDIS_PAUSED),
        c!(status::NDIS_STATUS_SEND_ABORTED, nt::STATUS_NDIS_REQUEST_ABORTED),
        c!(
            status::NDIS_STATUS_UNSUPPORTED_REVISION,
            nt::STATUS_NDIS_UNSUPPORTED_REVISION
        ),
        c!(status::NDIS_STATUS_INVALID_PORT, nt::STATUS_NDIS_INVALID_PORT),
        c!(
            status::NDIS_STATUS_INVALID_PORT_STATE,
            nt::STATUS_NDIS_INVALID_PORT_STATE
        ),
        c!(
            status::NDIS_STATUS_LOW_POWER_STATE,
            nt::STATUS_NDIS_LOW_POWER_STATE
        ),
        c!(
            status::NDIS_STATUS_MEDIA_DISCONNECTED,
            nt::STATUS_NDIS_MEDIA_DISCONNECTED
        ),
        c!(status::NDIS_STATUS_NO_QUEUES, nt::STATUS_NDIS_NO_QUEUES),
        c!(status::NDIS_STATUS_INVALID_STATE, nt::STATUS_INVALID_DEVICE_STATE),
        c!(status::NDIS_STATUS_BUSY, nt::STATUS_DEVICE_BUSY),
    ]
}

#[test]
fn constants_match_windows_sys() {
    let pairs = pairs();
    let bad: Vec<String> = pairs
        .iter()
        .filter(|(_, ours, theirs)| ours != theirs)
        .map(|(n, ours, theirs)| format!("{n}: ours {ours:#x} != windows-sys {theirs:#x}"))
        .collect();
    println!(
        "constant cross-check: {} constants compared with windows-sys",
        pairs.len()
    );
    assert!(bad.is_empty(), "mismatches:\n{}", bad.join("\n"));
    assert!(pairs.len() >= 150, "only {} constants compared", pairs.len());
}

/// The NDIS 5-era codes (0xC001xxxx) that ndis.h defines numerically share their low 16 bits with
/// the NTSTATUS `STATUS_NDIS_*` facility codes (0xC023xxxx) windows-sys carries; this checks each
/// of ours against that mirror instead of skipping it.
#[test]
fn legacy_ndis_status_codes_mirror_status_ndis_facility() {
    let legacy = [
        (status::NDIS_STATUS_INVALID_LENGTH, nt::STATUS_NDIS_INVALID_LENGTH),
        (
            status::NDIS_STATUS_BUFFER_TOO_SHORT,
            nt::STATUS_NDIS_BUFFER_TOO_SHORT,
        ),
        (status::NDIS_STATUS_INVALID_OID, nt::STATUS_NDIS_INVALID_OID),
        (status::NDIS_STATUS_FILE_NOT_FOUND, nt::STATUS_NDIS_FILE_NOT_FOUND),
        (
            status::NDIS_STATUS_REQUEST_ABORTED,
            nt::STATUS_NDIS_REQUEST_ABORTED,
        ),
        (
            status::NDIS_STATUS_RESET_IN_PROGRESS,
            nt::STATUS_NDIS_RESET_IN_PROGRESS,
        ),
        (status::NDIS_STATUS_CLOSING, nt::STATUS_NDIS_CLOSING),
        (status::NDIS_STATUS_MULTICAST_FULL, nt::STATUS_NDIS_MULTICAST_FULL),
        (
            status::NDIS_STATUS_MULTICAST_EXISTS,
            nt::STATUS_NDIS_MULTICAST_EXISTS,
        ),
        (
            status::NDIS_STATUS_MULTICAST_NOT_FOUND,
            nt::STATUS_NDIS_MULTICAST_NOT_FOUND,
        ),
        (status::NDIS_STATUS_INVALID_PACKET, nt::STATUS_NDIS_INVALID_PACKET),
        (
            status::NDIS_STATUS_INVALID_DEVICE_REQUEST,
            nt::STATUS_NDIS_INVALID_DEVICE_REQUEST,
        ),
        (
            status::NDIS_STATUS_ADAPTER_NOT_READY,
            nt::STATUS_NDIS_ADAPTER_NOT_READY,
        ),
        (status::NDIS_STATUS_INVALID_DATA, nt::STATUS_NDIS_INVALID_DATA),
        (
            status::NDIS_STATUS_ADAPTER_REMOVED,
            nt::STATUS_NDIS_ADAPTER_REMOVED,
        ),
        (
            status::NDIS_STATUS_UNSUPPORTED_MEDIA,
            nt::STATUS_NDIS_UNSUPPORTED_MEDIA,
        ),
    ];
    for (ours, theirs) in legacy {
        let theirs = theirs as u32;
        assert_eq!(theirs >> 16, 0xC023, "{theirs:#x} is not a STATUS_NDIS code");
        assert_eq!(
            ours,
            0xC001_0000 | (theirs & 0xFFFF),
            "{ours:#x} vs STATUS_NDIS {theirs:#x}"
        );
    }
    println!("legacy NDIS_STATUS mirror check: {} codes", legacy.len());
}
