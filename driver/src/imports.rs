//! Every NDIS and kernel function the binding calls, declared once, with the WDK header's
//! signature (x64). On Windows they resolve against ndis.sys and ntoskrnl.exe (ndis.lib is
//! linked explicitly below); everywhere else hyperv-sim exports the same symbols.
#![allow(non_snake_case)]

use core::ffi::c_void;
use svnic_abi::hw_assist::NDIS_SHARED_MEMORY_PARAMETERS;
use svnic_abi::indication::NDIS_STATUS_INDICATION;
use svnic_abi::miniport_chars::{
    KDEFERRED_ROUTINE, KDPC, NDIS_CONFIGURATION_OBJECT, NDIS_CONFIGURATION_PARAMETER, NDIS_HANDLE,
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS, NDIS_SG_DMA_DESCRIPTION, NDIS_STATUS, PROCESSOR_NUMBER,
    UNICODE_STRING,
};
use svnic_abi::nbl::{MDL, NET_BUFFER_LIST, NET_BUFFER_LIST_POOL_PARAMETERS};
use svnic_abi::oid_request::NDIS_OID_REQUEST;

#[cfg_attr(windows, link(name = "ndis"))]
extern "system" {
    // Registration and attributes (ndis/miniport.h).
    pub fn NdisMRegisterMiniportDriver(
        DriverObject: *mut c_void,
        RegistryPath: *mut UNICODE_STRING,
        MiniportDriverContext: NDIS_HANDLE,
        MiniportDriverCharacteristics: *mut NDIS_MINIPORT_DRIVER_CHARACTERISTICS,
        NdisMiniportDriverHandle: *mut NDIS_HANDLE,
    ) -> NDIS_STATUS;
    pub fn NdisMDeregisterMiniportDriver(NdisMiniportDriverHandle: NDIS_HANDLE);
    pub fn NdisMSetMiniportAttributes(
        NdisMiniportAdapterHandle: NDIS_HANDLE,
        MiniportAttributes: *mut c_void,
    ) -> NDIS_STATUS;

    // Configuration (ndis/ndis.h).
    pub fn NdisOpenConfigurationEx(
        ConfigObject: *mut NDIS_CONFIGURATION_OBJECT,
        ConfigurationHandle: *mut NDIS_HANDLE,
    ) -> NDIS_STATUS;
    pub fn NdisOpenConfigurationKeyByName(
        Status: *mut NDIS_STATUS,
        ConfigurationHandle: NDIS_HANDLE,
        SubKeyName: *mut UNICODE_STRING,
        SubKeyHandle: *mut NDIS_HANDLE,
    );
    pub fn NdisReadConfiguration(
        Status: *mut NDIS_STATUS,
        ParameterValue: *mut *mut NDIS_CONFIGURATION_PARAMETER,
        ConfigurationHandle: NDIS_HANDLE,
        Keyword: *mut UNICODE_STRING,
        ParameterType: u32,
    );
    pub fn NdisReadNetworkAddress(
        Status: *mut NDIS_STATUS,
        NetworkAddress: *mut *mut c_void,
        NetworkAddressLength: *mut u32,
        ConfigurationHandle: NDIS_HANDLE,
    );
    pub fn NdisCloseConfiguration(ConfigurationHandle: NDIS_HANDLE);

    // NBL / MDL pools (ndis/nblapi.h, ndis/ndis.h).
    pub fn NdisAllocateNetBufferListPool(
        NdisHandle: NDIS_HANDLE,
        Parameters: *mut NET_BUFFER_LIST_POOL_PARAMETERS,
    ) -> NDIS_HANDLE;
    pub fn NdisFreeNetBufferListPool(PoolHandle: NDIS_HANDLE);
    pub fn NdisAllocateNetBufferAndNetBufferList(
        PoolHandle: NDIS_HANDLE,
        ContextSize: u16,
        ContextBackFill: u16,
        MdlChain: *mut MDL,
        DataOffset: u32,
        DataLength: usize,
    ) -> *mut NET_BUFFER_LIST;
    pub fn NdisFreeNetBufferList(NetBufferList: *mut NET_BUFFER_LIST);
    pub fn NdisAllocateMdl(NdisHandle: NDIS_HANDLE, VirtualAddress: *mut c_void, Length: u32) -> *mut MDL;
    pub fn NdisFreeMdl(Mdl: *mut MDL);

    // Shared memory (ndis/ndis.h, 6.20+).
    pub fn NdisAllocateSharedMemory(
        NdisHandle: NDIS_HANDLE,
        SharedMemoryParameters: *mut NDIS_SHARED_MEMORY_PARAMETERS,
        pAllocationHandle: *mut NDIS_HANDLE,
    ) -> NDIS_STATUS;
    pub fn NdisFreeSharedMemory(NdisHandle: NDIS_HANDLE, AllocationHandle: NDIS_HANDLE);
    // Scatter-gather DMA (ndis/miniport.h): required before NdisAllocateSharedMemory.
    pub fn NdisMRegisterScatterGatherDma(
        MiniportAdapterHandle: NDIS_HANDLE,
        DmaDescription: *mut NDIS_SG_DMA_DESCRIPTION,
        NdisMiniportDmaHandle: *mut NDIS_HANDLE,
    ) -> NDIS_STATUS;
    pub fn NdisMDeregisterScatterGatherDma(NdisMiniportDmaHandle: NDIS_HANDLE);

    // Data path and completions (ndis/miniport.h).
    pub fn NdisMIndicateReceiveNetBufferLists(
        MiniportAdapterHandle: NDIS_HANDLE,
        NetBufferLists: *mut NET_BUFFER_LIST,
        PortNumber: u32,
        NumberOfNetBufferLists: u32,
        ReceiveFlags: u32,
    );
    pub fn NdisMSendNetBufferListsComplete(
        MiniportAdapterHandle: NDIS_HANDLE,
        NetBufferLists: *mut NET_BUFFER_LIST,
        SendCompleteFlags: u32,
    );
    pub fn NdisMIndicateStatusEx(
        MiniportAdapterHandle: NDIS_HANDLE,
        StatusIndication: *mut NDIS_STATUS_INDICATION,
    );
    pub fn NdisMOidRequestComplete(
        MiniportAdapterHandle: NDIS_HANDLE,
        OidRequest: *mut NDIS_OID_REQUEST,
        Status: NDIS_STATUS,
    );
    pub fn NdisMPauseComplete(MiniportAdapterHandle: NDIS_HANDLE);

    // SR-IOV (ndis/miniport.h, 6.30).
    pub fn NdisMEnableVirtualization(
        NdisMiniportHandle: NDIS_HANDLE,
        NumVFs: u16,
        EnableVFMigration: u8,
        EnableMigrationInterrupt: u8,
        EnableVirtualization: u8,
    ) -> NDIS_STATUS;
    pub fn NdisMInvalidateConfigBlock(NdisMiniportHandle: NDIS_HANDLE, VFId: u16, BlockMask: u64);
    pub fn NdisMReadConfigBlock(
        NdisMiniportHandle: NDIS_HANDLE,
        BlockId: u32,
        Buffer: *mut c_void,
        Length: u32,
    ) -> NDIS_STATUS;
    pub fn NdisMWriteConfigBlock(
        NdisMiniportHandle: NDIS_HANDLE,
        BlockId: u32,
        Buffer: *mut c_void,
        Length: u32,
    ) -> NDIS_STATUS;
    // Partition (ndis.h, 6.20): HypervisorInfo is a PNDIS_HYPERVISOR_INFO.
    pub fn NdisGetHypervisorInfo(HypervisorInfo: *mut c_void) -> NDIS_STATUS;
}

extern "system" {
    // Kernel (wdm.h): DPCs, processors, time, MDL mapping.
    pub fn KeInitializeDpc(Dpc: *mut KDPC, DeferredRoutine: KDEFERRED_ROUTINE, DeferredContext: *mut c_void);
    pub fn KeSetTargetProcessorDpcEx(Dpc: *mut KDPC, ProcNumber: *mut PROCESSOR_NUMBER) -> i32;
    pub fn KeInsertQueueDpc(Dpc: *mut KDPC, SystemArgument1: *mut c_void, SystemArgument2: *mut c_void)
        -> u8;
    pub fn KeRemoveQueueDpc(Dpc: *mut KDPC) -> u8;
    pub fn KeFlushQueuedDpcs();
    pub fn KeQueryActiveProcessorCountEx(GroupNumber: u16) -> u32;
    pub fn KeGetCurrentProcessorNumberEx(ProcNumber: *mut PROCESSOR_NUMBER) -> u32;
    pub fn KeQueryInterruptTimePrecise(QpcTimeStamp: *mut u64) -> u64;
    pub fn MmMapLockedPagesSpecifyCache(
        MemoryDescriptorList: *mut MDL,
        AccessMode: i8,
        CacheType: u32,
        RequestedAddress: *mut c_void,
        BugCheckOnFailure: u32,
        Priority: u32,
    ) -> *mut c_void;
}

/// KernelMode, MmCached, NormalPagePriority | MdlMappingNoExecute (MmGetSystemAddressForMdlSafe).
pub const KERNEL_MODE: i8 = 0;
pub const MM_CACHED: u32 = 1;
pub const NORMAL_PAGE_PRIORITY_NO_EXECUTE: u32 = 16 | 0x4000_0000;
