//! The miniport driver characteristics, the handler function-pointer types, and the structures
//! the binding exchanges with NDIS around init (init parameters, registration and general
//! attributes, pause / restart parameters, configuration objects, KDPC / PROCESSOR_NUMBER),
//! x64 layouts as in ndis/miniport.h, ndis/ndisport.h and friends.
//!
//! Raw pointers inside, so plain `#[repr(C)]` with compile-time offset assertions.
#![allow(non_snake_case, non_camel_case_types)]

use crate::header::NDIS_OBJECT_HEADER;
use crate::nbl::NET_BUFFER_LIST;
use core::ffi::c_void;

/// NDIS_HANDLE.
pub type NDIS_HANDLE = *mut c_void;
/// NDIS_STATUS.
pub type NDIS_STATUS = u32;

/// UNICODE_STRING / NDIS_STRING (x64: 16 bytes).
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub struct UNICODE_STRING {
    /// Bytes, not characters, without a terminator.
    pub Length: u16,
    pub MaximumLength: u16,
    pub Buffer: *mut u16,
}

/// NDIS_OID_REQUEST is declared by `crate::oid_request`; handlers take it opaquely here.
pub type PNDIS_OID_REQUEST = *mut c_void;

pub type SET_OPTIONS_HANDLER = unsafe extern "system" fn(NDIS_HANDLE, NDIS_HANDLE) -> NDIS_STATUS;
pub type MINIPORT_INITIALIZE_HANDLER =
    unsafe extern "system" fn(NDIS_HANDLE, NDIS_HANDLE, *mut NDIS_MINIPORT_INIT_PARAMETERS) -> NDIS_STATUS;
pub type MINIPORT_HALT_HANDLER = unsafe extern "system" fn(NDIS_HANDLE, u32);
pub type MINIPORT_DRIVER_UNLOAD = unsafe extern "system" fn(*mut c_void);
pub type MINIPORT_PAUSE_HANDLER =
    unsafe extern "system" fn(NDIS_HANDLE, *mut NDIS_MINIPORT_PAUSE_PARAMETERS) -> NDIS_STATUS;
pub type MINIPORT_RESTART_HANDLER =
    unsafe extern "system" fn(NDIS_HANDLE, *mut NDIS_MINIPORT_RESTART_PARAMETERS) -> NDIS_STATUS;
pub type MINIPORT_OID_REQUEST_HANDLER =
    unsafe extern "system" fn(NDIS_HANDLE, PNDIS_OID_REQUEST) -> NDIS_STATUS;
pub type MINIPORT_SEND_NET_BUFFER_LISTS_HANDLER =
    unsafe extern "system" fn(NDIS_HANDLE, *mut NET_BUFFER_LIST, u32, u32);
pub type MINIPORT_RETURN_NET_BUFFER_LISTS_HANDLER =
    unsafe extern "system" fn(NDIS_HANDLE, *mut NET_BUFFER_LIST, u32);
pub type MINIPORT_CANCEL_SEND_HANDLER = unsafe extern "system" fn(NDIS_HANDLE, *mut c_void);
pub type MINIPORT_CHECK_FOR_HANG_HANDLER = unsafe extern "system" fn(NDIS_HANDLE) -> u8;
pub type MINIPORT_RESET_HANDLER = unsafe extern "system" fn(NDIS_HANDLE, *mut u8) -> NDIS_STATUS;
pub type MINIPORT_DEVICE_PNP_EVENT_NOTIFY_HANDLER =
    unsafe extern "system" fn(NDIS_HANDLE, *mut NET_DEVICE_PNP_EVENT);
pub type MINIPORT_SHUTDOWN_HANDLER = unsafe extern "system" fn(NDIS_HANDLE, u32);
pub type MINIPORT_CANCEL_OID_REQUEST_HANDLER = unsafe extern "system" fn(NDIS_HANDLE, *mut c_void);
pub type MINIPORT_DIRECT_OID_REQUEST_HANDLER =
    unsafe extern "system" fn(NDIS_HANDLE, PNDIS_OID_REQUEST) -> NDIS_STATUS;
pub type MINIPORT_CANCEL_DIRECT_OID_REQUEST_HANDLER = unsafe extern "system" fn(NDIS_HANDLE, *mut c_void);

/// NDIS_MINIPORT_DRIVER_CHARACTERISTICS, revision 2 (NDIS 6.1+): 152 bytes on x64.
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub struct NDIS_MINIPORT_DRIVER_CHARACTERISTICS {
    pub Header: NDIS_OBJECT_HEADER,
    pub MajorNdisVersion: u8,
    pub MinorNdisVersion: u8,
    pub MajorDriverVersion: u8,
    pub MinorDriverVersion: u8,
    pub Flags: u32,
    pub SetOptionsHandler: Option<SET_OPTIONS_HANDLER>,
    pub InitializeHandlerEx: Option<MINIPORT_INITIALIZE_HANDLER>,
    pub HaltHandlerEx: Option<MINIPORT_HALT_HANDLER>,
    pub UnloadHandler: Option<MINIPORT_DRIVER_UNLOAD>,
    pub PauseHandler: Option<MINIPORT_PAUSE_HANDLER>,
    pub RestartHandler: Option<MINIPORT_RESTART_HANDLER>,
    pub OidRequestHandler: Option<MINIPORT_OID_REQUEST_HANDLER>,
    pub SendNetBufferListsHandler: Option<MINIPORT_SEND_NET_BUFFER_LISTS_HANDLER>,
    pub ReturnNetBufferListsHandler: Option<MINIPORT_RETURN_NET_BUFFER_LISTS_HANDLER>,
    pub CancelSendHandler: Option<MINIPORT_CANCEL_SEND_HANDLER>,
    pub CheckForHangHandlerEx: Option<MINIPORT_CHECK_FOR_HANG_HANDLER>,
    pub ResetHandlerEx: Option<MINIPORT_RESET_HANDLER>,
    pub DevicePnPEventNotifyHandler: Option<MINIPORT_DEVICE_PNP_EVENT_NOTIFY_HANDLER>,
    pub ShutdownHandlerEx: Option<MINIPORT_SHUTDOWN_HANDLER>,
    pub CancelOidRequestHandler: Option<MINIPORT_CANCEL_OID_REQUEST_HANDLER>,
    pub DirectOidRequestHandler: Option<MINIPORT_DIRECT_OID_REQUEST_HANDLER>,
    pub CancelDirectOidRequestHandler: Option<MINIPORT_CANCEL_DIRECT_OID_REQUEST_HANDLER>,
}
pub const NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2: u8 = 2;
pub const NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2: u16 = 152;

/// NDIS_MINIPORT_INIT_PARAMETERS revision 1 (x64: 64 bytes).
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub struct NDIS_MINIPORT_INIT_PARAMETERS {
    pub Header: NDIS_OBJECT_HEADER,
    pub Flags: u32,
    pub AllocatedResources: *mut c_void,
    pub IMDeviceInstanceContext: NDIS_HANDLE,
    pub MiniportAddDeviceContext: NDIS_HANDLE,
    pub IfIndex: u32,
    pub NetLuid: u64,
    pub DefaultPortAuthStates: *mut c_void,
    pub PciDeviceCustomProperties: *mut c_void,
}
pub const NDIS_SIZEOF_MINIPORT_INIT_PARAMETERS_REVISION_1: u16 = 64;

/// NDIS_MINIPORT_PAUSE_PARAMETERS (12 bytes).
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub struct NDIS_MINIPORT_PAUSE_PARAMETERS {
    pub Header: NDIS_OBJECT_HEADER,
    pub Flags: u32,
    pub PauseReason: u32,
}

/// NDIS_MINIPORT_RESTART_PARAMETERS (x64: 24 bytes).
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub struct NDIS_MINIPORT_RESTART_PARAMETERS {
    pub Header: NDIS_OBJECT_HEADER,
    pub RestartAttributes: *mut c_void,
    pub Flags: u32,
}

/// NET_DEVICE_PNP_EVENT (x64: 48 bytes).
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub struct NET_DEVICE_PNP_EVENT {
    pub Header: NDIS_OBJECT_HEADER,
    pub PortNumber: u32,
    pub DevicePnPEvent: u32,
    pub InformationBuffer: *mut c_void,
    pub InformationBufferLength: u32,
    pub NdisReserved: [usize; 2],
}

/// NdisDevicePnPEventSurpriseRemoved / NdisDevicePnPEventPowerProfileChanged.
pub const NDIS_DEVICE_PNP_EVENT_SURPRISE_REMOVED: u32 = 2;
pub const NDIS_DEVICE_PNP_EVENT_POWER_PROFILE_CHANGED: u32 = 4;

/// NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES revision 1 (x64: 32, NDIS_SIZEOF 28).
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub struct NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES {
    pub Header: NDIS_OBJECT_HEADER,
    pub MiniportAdapterContext: NDIS_HANDLE,
    pub AttributeFlags: u32,
    pub CheckForHangTimeInSeconds: u32,
    pub InterfaceType: u32,
}
pub const NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES: u8 = 0x9E;
pub const NDIS_OBJECT_TYPE_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES: u8 = 0x9F;
pub const NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1: u16 = 28;
/// NDIS_MINIPORT_ATTRIBUTES_NO_HALT_ON_SUSPEND | NDIS_MINIPORT_ATTRIBUTES_SURPRISE_REMOVE_OK.
pub const NDIS_MINIPORT_ATTRIBUTES_NO_HALT_ON_SUSPEND: u32 = 0x0000_0010;
pub const NDIS_MINIPORT_ATTRIBUTES_SURPRISE_REMOVE_OK: u32 = 0x0000_0040;
/// NdisInterfaceInternal / NdisInterfacePci.
pub const NDIS_INTERFACE_INTERNAL: u32 = 0;
pub const NDIS_INTERFACE_PCI: u32 = 5;

/// NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES revision 2 (NDIS 6.20+): 224 bytes on x64.
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub struct NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES {
    pub Header: NDIS_OBJECT_HEADER,
    pub Flags: u32,
    pub MediaType: u32,
    pub PhysicalMediumType: u32,
    pub MtuSize: u32,
    pub MaxXmitLinkSpeed: u64,
    pub XmitLinkSpeed: u64,
    pub MaxRcvLinkSpeed: u64,
    pub RcvLinkSpeed: u64,
    pub MediaConnectState: u32,
    pub MediaDuplexState: u32,
    pub LookaheadSize: u32,
    pub PowerManagementCapabilities: *mut c_void,
    pub MacOptions: u32,
    pub SupportedPacketFilters: u32,
    pub MaxMulticastListSize: u32,
    pub MacAddressLength: u16,
    pub PermanentMacAddress: [u8; 32],
    pub CurrentMacAddress: [u8; 32],
    pub RecvScaleCapabilities: *mut c_void,
    pub AccessType: u32,
    pub DirectionType: u32,
    pub ConnectionType: u32,
    pub IfType: u16,
    pub IfConnectorPresent: u8,
    pub SupportedStatistics: u32,
    pub SupportedPauseFunctions: u32,
    pub DataBackFillSize: u32,
    pub ContextBackFillSize: u32,
    pub SupportedOidList: *mut u32,
    pub SupportedOidListLength: u32,
    pub AutoNegotiationFlags: u32,
    pub PowerManagementCapabilitiesEx: *mut c_void,
}
pub const NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2: u8 = 2;
pub const NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2: u16 = 224;
/// NdisPhysicalMedium802_3, NET_IF_ACCESS_BROADCAST, NET_IF_DIRECTION_SENDRECEIVE,
/// NET_IF_CONNECTION_DEDICATED, IF_TYPE_ETHERNET_CSMACD.
pub const NDIS_PHYSICAL_MEDIUM_802_3: u32 = 14;
pub const NET_IF_ACCESS_BROADCAST: u32 = 2;
pub const NET_IF_DIRECTION_SENDRECEIVE: u32 = 0;
pub const NET_IF_CONNECTION_DEDICATED: u32 = 1;
pub const IF_TYPE_ETHERNET_CSMACD: u16 = 6;

/// NDIS_CONFIGURATION_OBJECT (x64: 24 bytes, NDIS_SIZEOF 20).
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub struct NDIS_CONFIGURATION_OBJECT {
    pub Header: NDIS_OBJECT_HEADER,
    pub NdisHandle: NDIS_HANDLE,
    pub Flags: u32,
}
pub const NDIS_OBJECT_TYPE_CONFIGURATION_OBJECT: u8 = 0xA1;
pub const NDIS_CONFIGURATION_OBJECT_REVISION_1: u8 = 1;
pub const NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1: u16 = 20;

/// NDIS_CONFIGURATION_PARAMETER (x64: 24 bytes): ParameterType then a union whose
/// IntegerData (ULONG) or StringData (NDIS_STRING) the driver reads.
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub struct NDIS_CONFIGURATION_PARAMETER {
    pub ParameterType: u32,
    pub ParameterData: UNICODE_STRING,
}
/// NdisParameterInteger / NdisParameterHexInteger / NdisParameterString.
pub const NDIS_PARAMETER_INTEGER: u32 = 0;
pub const NDIS_PARAMETER_HEX_INTEGER: u32 = 1;
pub const NDIS_PARAMETER_STRING: u32 = 2;

/// KDPC (x64: 64 bytes), opaque to the driver; initialized by KeInitializeDpc.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(8))]
pub struct KDPC {
    pub Opaque: [u64; 8],
}

/// PROCESSOR_NUMBER (4 bytes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[repr(C)]
pub struct PROCESSOR_NUMBER {
    pub Group: u16,
    pub Number: u8,
    pub Reserved: u8,
}

/// KDEFERRED_ROUTINE.
pub type KDEFERRED_ROUTINE = unsafe extern "system" fn(*mut KDPC, *mut c_void, *mut c_void, *mut c_void);

/// MINIPORT_PROCESS_SG_LIST: `VOID (PDEVICE_OBJECT, PVOID Reserved, PSCATTER_GATHER_LIST,
/// PVOID Context)`.
pub type MINIPORT_PROCESS_SG_LIST =
    unsafe extern "system" fn(*mut c_void, *mut c_void, *mut c_void, *mut c_void);
/// MINIPORT_ALLOCATE_SHARED_MEM_COMPLETE: `VOID (NDIS_HANDLE MiniportAdapterContext,
/// PVOID VirtualAddress, PNDIS_PHYSICAL_ADDRESS, ULONG Length, PVOID Context)`.
pub type MINIPORT_ALLOCATE_SHARED_MEM_COMPLETE =
    unsafe extern "system" fn(NDIS_HANDLE, *mut c_void, *mut i64, u32, *mut c_void);

/// `NDIS_SG_DMA_DESCRIPTION_REVISION_1`.
pub const NDIS_SG_DMA_DESCRIPTION_REVISION_1: u8 = 1;
/// `NDIS_SIZEOF_SG_DMA_DESCRIPTION_REVISION_1` (through `ScatterGatherListSize`).
pub const NDIS_SIZEOF_SG_DMA_DESCRIPTION_REVISION_1: u16 = 36;
/// `NDIS_SG_DMA_64_BIT_ADDRESS`: the device addresses 64-bit physical memory.
pub const NDIS_SG_DMA_64_BIT_ADDRESS: u32 = 0x1;
/// `NDIS_SG_DMA_V3_HAL_API` (not used by svnic).
pub const NDIS_SG_DMA_V3_HAL_API: u32 = 0x2;

/// NDIS_SG_DMA_DESCRIPTION (ndis/miniport.h), the argument of NdisMRegisterScatterGatherDma.
#[derive(Debug, Clone, Copy)]
#[repr(C)]
pub struct NDIS_SG_DMA_DESCRIPTION {
    pub Header: NDIS_OBJECT_HEADER,
    pub Flags: u32,
    pub MaximumPhysicalMapping: u32,
    pub ProcessSGListHandler: Option<MINIPORT_PROCESS_SG_LIST>,
    pub SharedMemAllocateCompleteHandler: Option<MINIPORT_ALLOCATE_SHARED_MEM_COMPLETE>,
    /// Out: the size NDIS needs for a scatter-gather list of MaximumPhysicalMapping bytes.
    pub ScatterGatherListSize: u32,
}

const _: () = {
    use core::mem::{offset_of, size_of};
    assert!(size_of::<UNICODE_STRING>() == 16);
    assert!(offset_of!(NDIS_MINIPORT_DRIVER_CHARACTERISTICS, SetOptionsHandler) == 16);
    assert!(offset_of!(NDIS_MINIPORT_DRIVER_CHARACTERISTICS, OidRequestHandler) == 64);
    assert!(offset_of!(NDIS_MINIPORT_DRIVER_CHARACTERISTICS, CancelOidRequestHandler) == 128);
    assert!(size_of::<NDIS_MINIPORT_DRIVER_CHARACTERISTICS>() == 152);
    assert!(offset_of!(NDIS_MINIPORT_INIT_PARAMETERS, NetLuid) == 40);
    assert!(size_of::<NDIS_MINIPORT_INIT_PARAMETERS>() == 64);
    assert!(size_of::<NDIS_MINIPORT_PAUSE_PARAMETERS>() == 12);
    assert!(size_of::<NDIS_MINIPORT_RESTART_PARAMETERS>() == 24);
    assert!(size_of::<NET_DEVICE_PNP_EVENT>() == 48);
    assert!(offset_of!(NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES, InterfaceType) == 24);
    assert!(offset_of!(NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, MaxXmitLinkSpeed) == 24);
    assert!(offset_of!(NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, MediaConnectState) == 56);
    assert!(
        offset_of!(
            NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES,
            PowerManagementCapabilities
        ) == 72
    );
    assert!(offset_of!(NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, MacAddressLength) == 92);
    assert!(offset_of!(NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, CurrentMacAddress) == 126);
    assert!(offset_of!(NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, RecvScaleCapabilities) == 160);
    assert!(offset_of!(NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, IfType) == 180);
    assert!(offset_of!(NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, SupportedStatistics) == 184);
    assert!(offset_of!(NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, SupportedOidList) == 200);
    assert!(offset_of!(NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, AutoNegotiationFlags) == 212);
    assert!(size_of::<NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES>() == 224);
    assert!(size_of::<NDIS_CONFIGURATION_OBJECT>() == 24);
    assert!(size_of::<NDIS_CONFIGURATION_PARAMETER>() == 24);
    assert!(size_of::<KDPC>() == 64);
    assert!(offset_of!(NDIS_SG_DMA_DESCRIPTION, Flags) == 4);
    assert!(offset_of!(NDIS_SG_DMA_DESCRIPTION, MaximumPhysicalMapping) == 8);
    assert!(offset_of!(NDIS_SG_DMA_DESCRIPTION, ProcessSGListHandler) == 16);
    assert!(offset_of!(NDIS_SG_DMA_DESCRIPTION, SharedMemAllocateCompleteHandler) == 24);
    assert!(offset_of!(NDIS_SG_DMA_DESCRIPTION, ScatterGatherListSize) == 32);
    assert!(size_of::<NDIS_SG_DMA_DESCRIPTION>() == 40);
    // The revision-1 size ends with ScatterGatherListSize (32 + 4), before the tail padding.
    assert!(NDIS_SIZEOF_SG_DMA_DESCRIPTION_REVISION_1 == 36);
};
