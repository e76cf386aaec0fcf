//! PCI type-0 configuration header and the SR-IOV extended capability (PCI Local Bus 3.0 §6.1,
//! PCI Express Base §7.5/§9.3.3), with the WDK names from `wdm.h` / `pci.h` where they exist, and
//! `CM_PARTIAL_RESOURCE_DESCRIPTOR` (x64) as returned by OID_SRIOV_BAR_RESOURCES
//! (`net/oid-sriov-bar-resources.md`).
//!
//! Offsets are byte offsets into the function's configuration space; SR-IOV register offsets are
//! relative to the start of the SR-IOV extended capability.

#![allow(non_upper_case_globals)] // WDK enumerator names (CmResourceTypeMemory).

use crate::layout::{abi_struct, assert_layout};

// ---------------------------------------------------------------------------------------------
// Configuration space geometry
// ---------------------------------------------------------------------------------------------

/// Size of the conventional (PCI 3.0) configuration space.
pub const PCI_CONFIG_SPACE_SIZE: usize = 0x100;
/// Size of the PCI Express extended configuration space.
pub const PCIE_EXTENDED_CONFIG_SPACE_SIZE: usize = 0x1000;
/// First extended capability lives here (PCIe §7.9.1).
pub const PCIE_EXTENDED_CAPABILITY_START: u16 = 0x100;
/// `PCI_COMMON_HDR_LENGTH`: the type-0/1 header is 64 bytes.
pub const PCI_COMMON_HDR_LENGTH: usize = 0x40;
/// `PCI_TYPE0_ADDRESSES`: a type-0 header (and the SR-IOV capability) has six BARs.
pub const PCI_TYPE0_ADDRESSES: usize = 6;
/// Vendor id read from an absent function (and from a VF's Vendor ID register).
pub const PCI_INVALID_VENDORID: u16 = 0xFFFF;

// ---------------------------------------------------------------------------------------------
// Type-0 header register offsets
// ---------------------------------------------------------------------------------------------

/// Vendor ID (u16).
pub const PCI_VENDOR_ID: u16 = 0x00;
/// Device ID (u16).
pub const PCI_DEVICE_ID: u16 = 0x02;
/// Command (u16).
pub const PCI_COMMAND: u16 = 0x04;
/// Status (u16).
pub const PCI_STATUS: u16 = 0x06;
/// Revision ID (u8).
pub const PCI_REVISION_ID: u16 = 0x08;
/// Programming interface (u8).
pub const PCI_PROG_IF: u16 = 0x09;
/// Sub class (u8).
pub const PCI_SUB_CLASS: u16 = 0x0A;
/// Base class (u8).
pub const PCI_BASE_CLASS: u16 = 0x0B;
/// Cache line size (u8).
pub const PCI_CACHE_LINE_SIZE: u16 = 0x0C;
/// Latency timer (u8).
pub const PCI_LATENCY_TIMER: u16 = 0x0D;
/// Header type (u8); bit 7 = multi-function.
pub const PCI_HEADER_TYPE: u16 = 0x0E;
/// BIST (u8).
pub const PCI_BIST: u16 = 0x0F;
/// BAR0 (u32); BARn is at `PCI_BASE_ADDRESS_0 + 4 * n`, n < 6.
pub const PCI_BASE_ADDRESS_0: u16 = 0x10;
/// BAR1.
pub const PCI_BASE_ADDRESS_1: u16 = 0x14;
/// BAR2.
pub const PCI_BASE_ADDRESS_2: u16 = 0x18;
/// BAR3.
pub const PCI_BASE_ADDRESS_3: u16 = 0x1C;
/// BAR4.
pub const PCI_BASE_ADDRESS_4: u16 = 0x20;
/// BAR5.
pub const PCI_BASE_ADDRESS_5: u16 = 0x24;
/// CardBus CIS pointer (u32).
pub const PCI_CARDBUS_CIS: u16 = 0x28;
/// Subsystem vendor ID (u16).
pub const PCI_SUBSYSTEM_VENDOR_ID: u16 = 0x2C;
/// Subsystem ID (u16).
pub const PCI_SUBSYSTEM_ID: u16 = 0x2E;
/// Expansion ROM base address (u32).
pub const PCI_ROM_ADDRESS: u16 = 0x30;
/// Capabilities pointer (u8), valid when Status has `PCI_STATUS_CAPABILITIES_LIST`.
pub const PCI_CAPABILITIES_PTR: u16 = 0x34;
/// Interrupt line (u8).
pub const PCI_INTERRUPT_LINE: u16 = 0x3C;
/// Interrupt pin (u8).
pub const PCI_INTERRUPT_PIN: u16 = 0x3D;
/// Min grant (u8).
pub const PCI_MIN_GRANT: u16 = 0x3E;
/// Max latency (u8).
pub const PCI_MAX_LATENCY: u16 = 0x3F;

/// Header type value for a type-0 (device) header (`PCI_DEVICE_TYPE`).
pub const PCI_DEVICE_TYPE: u8 = 0x00;
/// Header type value for a type-1 (bridge) header (`PCI_BRIDGE_TYPE`).
pub const PCI_BRIDGE_TYPE: u8 = 0x01;
/// Header type bit: multi-function device (`PCI_MULTIFUNCTION`).
pub const PCI_MULTIFUNCTION: u8 = 0x80;

/// Base class: network controller (`PCI_CLASS_NETWORK_CTLR`).
pub const PCI_CLASS_NETWORK_CTLR: u8 = 0x02;
/// Sub class: Ethernet (`PCI_SUBCLASS_NET_ETHERNET_CTLR`).
pub const PCI_SUBCLASS_NET_ETHERNET_CTLR: u8 = 0x00;

// Command register bits.
/// Command: respond to I/O space accesses.
pub const PCI_ENABLE_IO_SPACE: u16 = 0x0001;
/// Command: respond to memory space accesses.
pub const PCI_ENABLE_MEMORY_SPACE: u16 = 0x0002;
/// Command: bus master (DMA) enable.
pub const PCI_ENABLE_BUS_MASTER: u16 = 0x0004;
/// Command: special cycles.
pub const PCI_ENABLE_SPECIAL_CYCLES: u16 = 0x0008;
/// Command: memory write and invalidate.
pub const PCI_ENABLE_WRITE_AND_INVALIDATE: u16 = 0x0010;
/// Command: VGA palette snoop.
pub const PCI_ENABLE_VGA_COMPATIBLE_PALETTE: u16 = 0x0020;
/// Command: parity error response.
pub const PCI_ENABLE_PARITY: u16 = 0x0040;
/// Command: wait cycle control.
pub const PCI_ENABLE_WAIT_CYCLE: u16 = 0x0080;
/// Command: SERR# enable.
pub const PCI_ENABLE_SERR: u16 = 0x0100;
/// Command: fast back-to-back enable.
pub const PCI_ENABLE_FAST_BACK_TO_BACK: u16 = 0x0200;
/// Command: INTx emulation disable.
pub const PCI_DISABLE_LEVEL_INTERRUPT: u16 = 0x0400;

// Status register bits.
/// Status: legacy interrupt pending.
pub const PCI_STATUS_INTERRUPT_PENDING: u16 = 0x0008;
/// Status: the capabilities list at `PCI_CAPABILITIES_PTR` is valid.
pub const PCI_STATUS_CAPABILITIES_LIST: u16 = 0x0010;
/// Status: 66 MHz capable.
pub const PCI_STATUS_66MHZ_CAPABLE: u16 = 0x0020;
/// Status: fast back-to-back capable.
pub const PCI_STATUS_FAST_BACK_TO_BACK: u16 = 0x0080;
/// Status: master data parity error.
pub const PCI_STATUS_DATA_PARITY_DETECTED: u16 = 0x0100;
/// Status: signaled target abort.
pub const PCI_STATUS_SIGNALED_TARGET_ABORT: u16 = 0x0800;
/// Status: received target abort.
pub const PCI_STATUS_RECEIVED_TARGET_ABORT: u16 = 0x1000;
/// Status: received master abort.
pub const PCI_STATUS_RECEIVED_MASTER_ABORT: u16 = 0x2000;
/// Status: signaled system error.
pub const PCI_STATUS_SIGNALED_SYSTEM_ERROR: u16 = 0x4000;
/// Status: detected parity error.
pub const PCI_STATUS_DETECTED_PARITY_ERROR: u16 = 0x8000;

// BAR encoding.
/// BAR bit 0: I/O space BAR.
pub const PCI_ADDRESS_IO_SPACE: u32 = 0x0000_0001;
/// BAR bits 2:1: memory type.
pub const PCI_ADDRESS_MEMORY_TYPE_MASK: u32 = 0x0000_0006;
/// BAR bit 3: prefetchable.
pub const PCI_ADDRESS_MEMORY_PREFETCHABLE: u32 = 0x0000_0008;
/// Address bits of an I/O BAR.
pub const PCI_ADDRESS_IO_ADDRESS_MASK: u32 = 0xFFFF_FFFC;
/// Address bits of a memory BAR.
pub const PCI_ADDRESS_MEMORY_ADDRESS_MASK: u32 = 0xFFFF_FFF0;
/// Memory type: 32-bit BAR.
pub const PCI_TYPE_32BIT: u32 = 0;
/// Memory type: below 1 MiB (legacy).
pub const PCI_TYPE_20BIT: u32 = 2;
/// Memory type: 64-bit BAR (consumes the next BAR as the high dword).
pub const PCI_TYPE_64BIT: u32 = 4;

// ---------------------------------------------------------------------------------------------
// Capability lists
// ---------------------------------------------------------------------------------------------

/// Conventional capability id: power management.
pub const PCI_CAPABILITY_ID_POWER_MANAGEMENT: u8 = 0x01;
/// Conventional capability id: MSI.
pub const PCI_CAPABILITY_ID_MSI: u8 = 0x05;
/// Conventional capability id: PCI Express.
pub const PCI_CAPABILITY_ID_PCI_EXPRESS: u8 = 0x10;
/// Conventional capability id: MSI-X.
pub const PCI_CAPABILITY_ID_MSIX: u8 = 0x11;

/// Extended capability id: advanced error reporting.
pub const PCI_EXPRESS_ADVANCED_ERROR_REPORTING_CAP_ID: u16 = 0x0001;
/// Extended capability id: alternative routing-id interpretation (ARI).
pub const PCI_EXPRESS_ARI_CAP_ID: u16 = 0x000E;
/// Extended capability id: single root I/O virtualization.
pub const PCI_EXPRESS_SINGLE_ROOT_IO_VIRTUALIZATION_CAP_ID: u16 = 0x0010;
/// SR-IOV capability version defined by the spec.
pub const PCI_EXPRESS_SRIOV_CAP_VERSION: u8 = 1;

/// Extended capability header: bits 15:0 id.
pub const PCIE_EXT_CAP_ID_MASK: u32 = 0x0000_FFFF;
/// Extended capability header: bits 19:16 version.
pub const PCIE_EXT_CAP_VERSION_SHIFT: u32 = 16;
/// Extended capability header: version mask (after shifting).
pub const PCIE_EXT_CAP_VERSION_MASK: u32 = 0xF;
/// Extended capability header: bits 31:20 next capability offset.
pub const PCIE_EXT_CAP_NEXT_SHIFT: u32 = 20;
/// Extended capability header: next-offset mask (after shifting).
pub const PCIE_EXT_CAP_NEXT_MASK: u32 = 0xFFF;

/// Encodes a PCIe extended capability header (`PCI_EXPRESS_ENHANCED_CAPABILITY_HEADER`).
/// `next` is the config-space offset of the next capability (0 = end); only its low 12 bits
/// are representable, the low 2 bits should be 0.
pub const fn pcie_ext_cap_header(id: u16, version: u8, next: u16) -> u32 {
    (id as u32)
        | (((version as u32) & PCIE_EXT_CAP_VERSION_MASK) << PCIE_EXT_CAP_VERSION_SHIFT)
        | (((next as u32) & PCIE_EXT_CAP_NEXT_MASK) << PCIE_EXT_CAP_NEXT_SHIFT)
}

/// Decodes a PCIe extended capability header into `(id, version, next)`.
pub const fn pcie_ext_cap_decode(header: u32) -> (u16, u8, u16) {
    (
        (header & PCIE_EXT_CAP_ID_MASK) as u16,
        ((header >> PCIE_EXT_CAP_VERSION_SHIFT) & PCIE_EXT_CAP_VERSION_MASK) as u8,
        ((header >> PCIE_EXT_CAP_NEXT_SHIFT) & PCIE_EXT_CAP_NEXT_MASK) as u16,
    )
}

// Register offsets inside other capabilities a NIC function exposes (relative to the capability).
/// PCI Express capability: Device Capabilities (u32).
pub const PCIE_CAP_DEVICE_CAPABILITIES: u16 = 0x04;
/// PCI Express capability: Device Control (u16).
pub const PCIE_CAP_DEVICE_CONTROL: u16 = 0x08;
/// PCI Express capability: Device Status (u16).
pub const PCIE_CAP_DEVICE_STATUS: u16 = 0x0A;
/// Device Capabilities bit 28: Function Level Reset capable.
pub const PCIE_DEVCAP_FLR_CAPABLE: u32 = 1 << 28;
/// Device Control bit 15: Initiate Function Level Reset (write 1; reads 0).
pub const PCIE_DEVCTL_INITIATE_FLR: u16 = 1 << 15;
/// Device Status bit 5: Transactions Pending.
pub const PCIE_DEVSTA_TRANSACTIONS_PENDING: u16 = 1 << 5;

/// MSI-X capability: Message Control (u16).
pub const MSIX_MESSAGE_CONTROL: u16 = 0x02;
/// MSI-X capability: Table Offset / Table BIR (u32).
pub const MSIX_TABLE_OFFSET_BIR: u16 = 0x04;
/// MSI-X capability: PBA Offset / PBA BIR (u32).
pub const MSIX_PBA_OFFSET_BIR: u16 = 0x08;
/// MSI-X Message Control bits 10:0: table size - 1.
pub const MSIX_CONTROL_TABLE_SIZE_MASK: u16 = 0x07FF;
/// MSI-X Message Control bit 14: Function Mask.
pub const MSIX_CONTROL_FUNCTION_MASK: u16 = 1 << 14;
/// MSI-X Message Control bit 15: MSI-X Enable.
pub const MSIX_CONTROL_ENABLE: u16 = 1 << 15;
/// MSI-X Table/PBA offset register bits 2:0: BAR indicator.
pub const MSIX_BIR_MASK: u32 = 0x7;
/// Size of one MSI-X table entry (address low, address high, data, vector control).
pub const MSIX_TABLE_ENTRY_SIZE: usize = 16;
/// MSI-X vector control bit 0: entry masked.
pub const MSIX_ENTRY_VECTOR_CONTROL_MASKED: u32 = 1;

/// Power management capability: PMC (u16).
pub const PM_CAPABILITIES: u16 = 0x02;
/// Power management capability: PMCSR (u16).
pub const PM_CONTROL_STATUS: u16 = 0x04;
/// PMCSR bits 1:0: power state (0 = D0, 3 = D3hot).
pub const PM_CONTROL_POWER_STATE_MASK: u16 = 0x3;

/// ARI extended capability: ARI Capability (u16).
pub const ARI_CAPABILITY: u16 = 0x04;
/// ARI extended capability: ARI Control (u16).
pub const ARI_CONTROL: u16 = 0x06;
/// ARI Capability bits 15:8: Next Function Number.
pub const ARI_CAP_NEXT_FUNCTION_SHIFT: u16 = 8;

// ---------------------------------------------------------------------------------------------
// SR-IOV extended capability (PCIe Base §9.3.3), offsets relative to the capability start
// ---------------------------------------------------------------------------------------------

/// Extended capability header (u32).
pub const SRIOV_CAP_HEADER: u16 = 0x00;
/// SR-IOV Capabilities (u32).
pub const SRIOV_CAPABILITIES: u16 = 0x04;
/// SR-IOV Control (u16).
pub const SRIOV_CONTROL: u16 = 0x08;
/// SR-IOV Status (u16).
pub const SRIOV_STATUS: u16 = 0x0A;
/// InitialVFs (u16, RO).
pub const SRIOV_INITIAL_VFS: u16 = 0x0C;
/// TotalVFs (u16, RO).
pub const SRIOV_TOTAL_VFS: u16 = 0x0E;
/// NumVFs (u16, RW; read-only while VF Enable is set).
pub const SRIOV_NUM_VFS: u16 = 0x10;
/// Function Dependency Link (u8, RO).
pub const SRIOV_FUNCTION_DEPENDENCY_LINK: u16 = 0x12;
/// First VF Offset (u16, RO): routing-id offset of VF1 from the PF.
pub const SRIOV_FIRST_VF_OFFSET: u16 = 0x14;
/// VF Stride (u16, RO): routing-id distance between consecutive VFs.
pub const SRIOV_VF_STRIDE: u16 = 0x16;
/// VF Device ID (u16, RO).
pub const SRIOV_VF_DEVICE_ID: u16 = 0x1A;
/// Supported Page Sizes (u32, RO).
pub const SRIOV_SUPPORTED_PAGE_SIZES: u16 = 0x1C;
/// System Page Size (u32, RW).
pub const SRIOV_SYSTEM_PAGE_SIZE: u16 = 0x20;
/// VF BAR0 (u32); VF BARn at `SRIOV_VF_BAR0 + 4 * n`, n < 6.
pub const SRIOV_VF_BAR0: u16 = 0x24;
/// VF BAR1.
pub const SRIOV_VF_BAR1: u16 = 0x28;
/// VF BAR2.
pub const SRIOV_VF_BAR2: u16 = 0x2C;
/// VF BAR3.
pub const SRIOV_VF_BAR3: u16 = 0x30;
/// VF BAR4.
pub const SRIOV_VF_BAR4: u16 = 0x34;
/// VF BAR5.
pub const SRIOV_VF_BAR5: u16 = 0x38;
/// VF Migration State Array Offset (u32, RO).
pub const SRIOV_VF_MIGRATION_STATE_ARRAY_OFFSET: u16 = 0x3C;
/// Length of the SR-IOV capability structure.
pub const SRIOV_CAP_LENGTH: u16 = 0x40;

// SR-IOV Capabilities register bits.
/// Capabilities: VF migration capable.
pub const SRIOV_CAP_VF_MIGRATION_CAPABLE: u32 = 1 << 0;
/// Capabilities: ARI capable hierarchy preserved.
pub const SRIOV_CAP_ARI_CAPABLE_HIERARCHY_PRESERVED: u32 = 1 << 1;
/// Capabilities: VF 10-bit tag requester supported.
pub const SRIOV_CAP_VF_10BIT_TAG_REQUESTER_SUPPORTED: u32 = 1 << 2;
/// Capabilities: shift of the VF migration interrupt message number (bits 31:21).
pub const SRIOV_CAP_VF_MIGRATION_INTERRUPT_MESSAGE_SHIFT: u32 = 21;

// SR-IOV Control register bits.
/// Control bit 0: VF Enable.
pub const SRIOV_CTRL_VF_ENABLE: u16 = 1 << 0;
/// Control bit 1: VF Migration Enable.
pub const SRIOV_CTRL_VF_MIGRATION_ENABLE: u16 = 1 << 1;
/// Control bit 2: VF Migration Interrupt Enable.
pub const SRIOV_CTRL_VF_MIGRATION_INTERRUPT_ENABLE: u16 = 1 << 2;
/// Control bit 3: VF Memory Space Enable (VF MSE).
pub const SRIOV_CTRL_VF_MSE: u16 = 1 << 3;
/// Control bit 4: ARI Capable Hierarchy.
pub const SRIOV_CTRL_ARI_CAPABLE_HIERARCHY: u16 = 1 << 4;
/// Control bit 5: VF 10-bit tag requester enable.
pub const SRIOV_CTRL_VF_10BIT_TAG_REQUESTER_ENABLE: u16 = 1 << 5;

// SR-IOV Status register bits.
/// Status bit 0: VF Migration Status.
pub const SRIOV_STATUS_VF_MIGRATION: u16 = 1 << 0;

/// System page size encoding: bit n set = page size 2^(n+12) (bit 0 = 4 KiB).
pub const SRIOV_PAGE_SIZE_4K: u32 = 1 << 0;

/// Routing id of VF number `vf` (0-based) of the PF with routing id `pf_rid`:
/// `pf_rid + FirstVFOffset + vf * VFStride` (PCIe §9.3.3.9/10), `None` if it leaves 16 bits.
pub const fn sriov_vf_routing_id(pf_rid: u16, first_vf_offset: u16, vf_stride: u16, vf: u16) -> Option<u16> {
    let step = match (vf as u32).checked_mul(vf_stride as u32) {
        Some(s) => s,
        None => return None,
    };
    // Cannot overflow u32: 0xFFFF + 0xFFFF + 0xFFFF * 0xFFFF == u32::MAX.
    let rid = (pf_rid as u32)
        .wrapping_add(first_vf_offset as u32)
        .wrapping_add(step);
    if rid > 0xFFFF {
        None
    } else {
        Some(rid as u16)
    }
}

abi_struct! {
    /// Type-0 configuration header (`PCI_COMMON_HEADER` with the `u.type0` arm flattened), 64 bytes.
    PCI_COMMON_HEADER {
        VendorID vendor_id: u16,
        DeviceID device_id: u16,
        Command command: u16,
        Status status: u16,
        RevisionID revision_id: u8,
        ProgIf prog_if: u8,
        SubClass sub_class: u8,
        BaseClass base_class: u8,
        CacheLineSize cache_line_size: u8,
        LatencyTimer latency_timer: u8,
        HeaderType header_type: u8,
        BIST bist: u8,
        BaseAddresses base_addresses: [u32; PCI_TYPE0_ADDRESSES],
        CIS cis: u32,
        SubVendorID sub_vendor_id: u16,
        SubSystemID sub_system_id: u16,
        ROMBaseAddress rom_base_address: u32,
        CapabilitiesPtr capabilities_ptr: u8,
        Reserved1 reserved1: [u8; 3],
        Reserved2 reserved2: u32,
        InterruptLine interrupt_line: u8,
        InterruptPin interrupt_pin: u8,
        MinimumGrant minimum_grant: u8,
        MaximumLatency maximum_latency: u8,
    }
}

assert_layout!(PCI_COMMON_HEADER, PCI_COMMON_HDR_LENGTH,
    vendor_id @ PCI_VENDOR_ID as usize,
    device_id @ PCI_DEVICE_ID as usize,
    command @ PCI_COMMAND as usize,
    status @ PCI_STATUS as usize,
    revision_id @ PCI_REVISION_ID as usize,
    prog_if @ PCI_PROG_IF as usize,
    sub_class @ PCI_SUB_CLASS as usize,
    base_class @ PCI_BASE_CLASS as usize,
    cache_line_size @ PCI_CACHE_LINE_SIZE as usize,
    latency_timer @ PCI_LATENCY_TIMER as usize,
    header_type @ PCI_HEADER_TYPE as usize,
    bist @ PCI_BIST as usize,
    base_addresses @ PCI_BASE_ADDRESS_0 as usize,
    cis @ PCI_CARDBUS_CIS as usize,
    sub_vendor_id @ PCI_SUBSYSTEM_VENDOR_ID as usize,
    sub_system_id @ PCI_SUBSYSTEM_ID as usize,
    rom_base_address @ PCI_ROM_ADDRESS as usize,
    capabilities_ptr @ PCI_CAPABILITIES_PTR as usize,
    interrupt_line @ PCI_INTERRUPT_LINE as usize,
    interrupt_pin @ PCI_INTERRUPT_PIN as usize,
    minimum_grant @ PCI_MIN_GRANT as usize,
    maximum_latency @ PCI_MAX_LATENCY as usize,
);

abi_struct! {
    /// The SR-IOV extended capability (`PCI_EXPRESS_SRIOV_CAPABILITY`), 64 bytes.
    PCI_EXPRESS_SRIOV_CAPABILITY {
        /// Encoded with [`pcie_ext_cap_header`].
        Header header: u32,
        SRIOVCapabilities sriov_capabilities: u32,
        SRIOVControl sriov_control: u16,
        SRIOVStatus sriov_status: u16,
        InitialVFs initial_vfs: u16,
        TotalVFs total_vfs: u16,
        NumVFs num_vfs: u16,
        FunctionDependencyLink function_dependency_link: u8,
        RsvdP1 rsvd_p1: u8,
        FirstVFOffset first_vf_offset: u16,
        VFStride vf_stride: u16,
        RsvdP2 rsvd_p2: u16,
        VFDeviceId vf_device_id: u16,
        SupportedPageSizes supported_page_sizes: u32,
        SystemPageSize system_page_size: u32,
        BaseAddresses base_addresses: [u32; PCI_TYPE0_ADDRESSES],
        VFMigrationStateArrayOffset vf_migration_state_array_offset: u32,
    }
}

assert_layout!(PCI_EXPRESS_SRIOV_CAPABILITY, SRIOV_CAP_LENGTH as usize,
    header @ SRIOV_CAP_HEADER as usize,
    sriov_capabilities @ SRIOV_CAPABILITIES as usize,
    sriov_control @ SRIOV_CONTROL as usize,
    sriov_status @ SRIOV_STATUS as usize,
    initial_vfs @ SRIOV_INITIAL_VFS as usize,
    total_vfs @ SRIOV_TOTAL_VFS as usize,
    num_vfs @ SRIOV_NUM_VFS as usize,
    function_dependency_link @ SRIOV_FUNCTION_DEPENDENCY_LINK as usize,
    first_vf_offset @ SRIOV_FIRST_VF_OFFSET as usize,
    vf_stride @ SRIOV_VF_STRIDE as usize,
    vf_device_id @ SRIOV_VF_DEVICE_ID as usize,
    supported_page_sizes @ SRIOV_SUPPORTED_PAGE_SIZES as usize,
    system_page_size @ SRIOV_SYSTEM_PAGE_SIZE as usize,
    base_addresses @ SRIOV_VF_BAR0 as usize,
    vf_migration_state_array_offset @ SRIOV_VF_MIGRATION_STATE_ARRAY_OFFSET as usize,
);

// ---------------------------------------------------------------------------------------------
// CM_PARTIAL_RESOURCE_DESCRIPTOR (wdm.h, x64; `#include <pshpack4.h>`)
// ---------------------------------------------------------------------------------------------

/// `CmResourceTypeNull`.
pub const CmResourceTypeNull: u8 = 0;
/// `CmResourceTypePort`.
pub const CmResourceTypePort: u8 = 1;
/// `CmResourceTypeInterrupt`.
pub const CmResourceTypeInterrupt: u8 = 2;
/// `CmResourceTypeMemory`: the type OID_SRIOV_BAR_RESOURCES returns for a VF BAR.
pub const CmResourceTypeMemory: u8 = 3;
/// `CmResourceTypeDma`.
pub const CmResourceTypeDma: u8 = 4;
/// `CmResourceTypeDeviceSpecific`.
pub const CmResourceTypeDeviceSpecific: u8 = 5;
/// `CmResourceTypeBusNumber`.
pub const CmResourceTypeBusNumber: u8 = 6;
/// `CmResourceTypeMemoryLarge`.
pub const CmResourceTypeMemoryLarge: u8 = 7;

/// `CmResourceShareUndetermined`.
pub const CmResourceShareUndetermined: u8 = 0;
/// `CmResourceShareDeviceExclusive`.
pub const CmResourceShareDeviceExclusive: u8 = 1;
/// `CmResourceShareDriverExclusive`.
pub const CmResourceShareDriverExclusive: u8 = 2;
/// `CmResourceShareShared`.
pub const CmResourceShareShared: u8 = 3;

/// Memory flags: read/write.
pub const CM_RESOURCE_MEMORY_READ_WRITE: u16 = 0x0000;
/// Memory flags: read only.
pub const CM_RESOURCE_MEMORY_READ_ONLY: u16 = 0x0001;
/// Memory flags: write only.
pub const CM_RESOURCE_MEMORY_WRITE_ONLY: u16 = 0x0002;
/// Memory flags: prefetchable.
pub const CM_RESOURCE_MEMORY_PREFETCHABLE: u16 = 0x0004;
/// Memory flags: combined write.
pub const CM_RESOURCE_MEMORY_COMBINEDWRITE: u16 = 0x0008;
/// Memory flags: 24-bit.
pub const CM_RESOURCE_MEMORY_24: u16 = 0x0010;
/// Memory flags: cacheable.
pub const CM_RESOURCE_MEMORY_CACHEABLE: u16 = 0x0020;
/// Memory flags: window decode.
pub const CM_RESOURCE_MEMORY_WINDOW_DECODE: u16 = 0x0040;
/// Memory flags: the range is a BAR.
pub const CM_RESOURCE_MEMORY_BAR: u16 = 0x0080;

abi_struct! {
    /// `CM_PARTIAL_RESOURCE_DESCRIPTOR` (x64, 4-byte packed, 20 bytes). The 16-byte `u` union is
    /// given as its `u.Memory` arm (`PHYSICAL_ADDRESS Start` at offset 4 split into two dwords,
    /// because the pack(4) layout leaves it 4-aligned, then `ULONG Length`); use
    /// [`CM_PARTIAL_RESOURCE_DESCRIPTOR::memory`] and [`CM_PARTIAL_RESOURCE_DESCRIPTOR::memory_start`].
    CM_PARTIAL_RESOURCE_DESCRIPTOR {
        Type type_: u8,
        ShareDisposition share_disposition: u8,
        Flags flags: u16,
        /// `u.Memory.Start.LowPart`.
        u_Memory_Start_LowPart start_low: u32,
        /// `u.Memory.Start.HighPart`.
        u_Memory_Start_HighPart start_high: u32,
        /// `u.Memory.Length`.
        u_Memory_Length length: u32,
        /// The last dword of the union (used by the interrupt arm's affinity on x64).
        u_Reserved u_reserved: u32,
    }
}

assert_layout!(CM_PARTIAL_RESOURCE_DESCRIPTOR, 20,
    type_ @ 0, share_disposition @ 1, flags @ 2, start_low @ 4, start_high @ 8, length @ 12);

/// Offset of the `u` union in `CM_PARTIAL_RESOURCE_DESCRIPTOR`.
pub const CM_PARTIAL_RESOURCE_DESCRIPTOR_U_OFFSET: usize = 4;

impl CM_PARTIAL_RESOURCE_DESCRIPTOR {
    /// A `CmResourceTypeMemory` descriptor for `[start, start + length)`, device-exclusive.
    pub const fn memory(start: u64, length: u32, flags: u16) -> Self {
        Self {
            type_: CmResourceTypeMemory,
            share_disposition: CmResourceShareDeviceExclusive,
            flags,
            start_low: start as u32,
            start_high: (start >> 32) as u32,
            length,
            u_reserved: 0,
        }
    }

    /// `u.Memory.Start` as a 64-bit physical address.
    pub const fn memory_start(&self) -> u64 {
        ((self.start_high as u64) << 32) | (self.start_low as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ext_cap_header_round_trips_sriov_at_0x160() {
        let h = pcie_ext_cap_header(PCI_EXPRESS_SINGLE_ROOT_IO_VIRTUALIZATION_CAP_ID, 1, 0x1A0);
        assert_eq!(h, 0x1A01_0010);
        assert_eq!(pcie_ext_cap_decode(h), (0x0010, 1, 0x1A0));
    }

    #[test]
    fn vf_routing_id_follows_offset_and_stride() {
        // PF 03:00.0 (rid 0x0300), FirstVFOffset 0x80, stride 2 (QEMU igb).
        assert_eq!(sriov_vf_routing_id(0x0300, 0x80, 2, 0), Some(0x0380));
        assert_eq!(sriov_vf_routing_id(0x0300, 0x80, 2, 7), Some(0x038E));
        assert_eq!(sriov_vf_routing_id(0xFFFF, 1, 1, 0), None);
    }

    #[test]
    fn memory_descriptor_splits_start() {
        let d = CM_PARTIAL_RESOURCE_DESCRIPTOR::memory(0x1_2345_6000, 0x4000, CM_RESOURCE_MEMORY_READ_WRITE);
        assert_eq!(d.memory_start(), 0x1_2345_6000);
        assert_eq!(
            zerocopy::IntoBytes::as_bytes(&d)[..8],
            [3, 1, 0, 0, 0x00, 0x60, 0x45, 0x23]
        );
        assert_eq!(
            zerocopy::IntoBytes::as_bytes(&d)[8..16],
            [1, 0, 0, 0, 0x00, 0x40, 0, 0]
        );
    }
}
