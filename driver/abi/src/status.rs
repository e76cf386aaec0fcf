//! NDIS_STATUS codes (ndis.h / ntddndis.h), spec section G5 and 1.11 / 2.9.

/// An NDIS_STATUS value.
pub type NdisStatus = u32;

pub const NDIS_STATUS_SUCCESS: NdisStatus = 0x0000_0000;
pub const NDIS_STATUS_PENDING: NdisStatus = 0x0000_0103;
pub const NDIS_STATUS_NOT_ACCEPTED: NdisStatus = 0x0001_0003;
pub const NDIS_STATUS_FAILURE: NdisStatus = 0xC000_0001;
pub const NDIS_STATUS_INVALID_PARAMETER: NdisStatus = 0xC000_000D;
pub const NDIS_STATUS_RESOURCES: NdisStatus = 0xC000_009A;
pub const NDIS_STATUS_NOT_SUPPORTED: NdisStatus = 0xC000_00BB;
pub const NDIS_STATUS_REQUEST_ABORTED: NdisStatus = 0xC001_000C;
pub const NDIS_STATUS_INVALID_LENGTH: NdisStatus = 0xC001_0014;
pub const NDIS_STATUS_BUFFER_TOO_SHORT: NdisStatus = 0xC001_0016;
pub const NDIS_STATUS_INVALID_OID: NdisStatus = 0xC001_0017;
pub const NDIS_STATUS_FILE_NOT_FOUND: NdisStatus = 0xC001_001B;
/// `NDIS_STATUS_REINIT_REQUIRED` = `STATUS_NDIS_REINIT_REQUIRED` (NDIS 6.30; ntstatus.h 0xC0230030,
/// checked against windows-sys). 0xC0230008 would be STATUS_NDIS_DEVICE_FAILED.
pub const NDIS_STATUS_REINIT_REQUIRED: NdisStatus = 0xC023_0030;

// ---------------------------------------------------------------------------------------------
// Status indications (NdisMIndicateStatusEx StatusCode), ndis.h. Spec §1.11, §2.9.
// ---------------------------------------------------------------------------------------------

/// Reset started (`net/ndis-status-reset-start.md`).
pub const NDIS_STATUS_RESET_START: NdisStatus = 0x4001_0004;
/// Reset finished (`net/ndis-status-reset-end.md`).
pub const NDIS_STATUS_RESET_END: NdisStatus = 0x4001_0005;
/// Legacy media connect (NDIS 5 style; NDIS 6 uses LINK_STATE).
pub const NDIS_STATUS_MEDIA_CONNECT: NdisStatus = 0x4001_000B;
/// Legacy media disconnect.
pub const NDIS_STATUS_MEDIA_DISCONNECT: NdisStatus = 0x4001_000C;
/// Link state change, buffer NDIS_LINK_STATE (`net/ndis-status-link-state.md`).
pub const NDIS_STATUS_LINK_STATE: NdisStatus = 0x4001_0017;
/// Queue state change, buffer NDIS_RECEIVE_QUEUE_STATE; mandatory DmaStopped on FREE_QUEUE
/// (`net/ndis-status-receive-queue-state.md`).
pub const NDIS_STATUS_RECEIVE_QUEUE_STATE: NdisStatus = 0x4002_000D;
/// VF configuration state change, header-only, undocumented (spec §2.9).
pub const NDIS_STATUS_VF_CONFIG_STATE: NdisStatus = 0x4002_000E;
/// Current receive-filter capabilities changed, buffer NDIS_RECEIVE_FILTER_CAPABILITIES
/// (`net/ndis-status-receive-filter-current-capabilities.md`).
pub const NDIS_STATUS_RECEIVE_FILTER_CURRENT_CAPABILITIES: NdisStatus = 0x4002_0010;
/// Hardware receive-filter capabilities changed (`net/ndis-status-receive-filter-hardware-capabilities.md`;
/// that page's step 2 names the CURRENT code by mistake, spec §6).
pub const NDIS_STATUS_RECEIVE_FILTER_HARDWARE_CAPABILITIES: NdisStatus = 0x4002_0020;
/// Queue parameters changed (6.30+: only InterruptCoalescingDomainId), buffer NDIS_RECEIVE_QUEUE_PARAMETERS
/// (`net/ndis-status-receive-filter-queue-parameters.md`).
pub const NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS: NdisStatus = 0x4002_0030;
/// Current NIC-switch capabilities changed, buffer NDIS_NIC_SWITCH_CAPABILITIES
/// (`net/ndis-status-nic-switch-current-capabilities.md`).
pub const NDIS_STATUS_NIC_SWITCH_CURRENT_CAPABILITIES: NdisStatus = 0x4002_0040;
/// Hardware NIC-switch capabilities changed (`net/ndis-status-nic-switch-hardware-capabilities.md`).
pub const NDIS_STATUS_NIC_SWITCH_HARDWARE_CAPABILITIES: NdisStatus = 0x4002_0050;
/// Issued by a Hyper-V extensible-switch extension to request VF removal from a port; starts the
/// VF teardown sequence (`net/ndis-status-switch-port-remove-vf.md`, spec §2.9).
pub const NDIS_STATUS_SWITCH_PORT_REMOVE_VF: NdisStatus = 0xC024_1001;
/// Wrapper status for NIC status indications forwarded through the extensible switch (spec §2.9).
pub const NDIS_STATUS_SWITCH_NIC_STATUS: NdisStatus = 0xC024_1002;

/// True if `status` is a success or informational code (`NT_SUCCESS`: high bit clear).
pub const fn nt_success(status: NdisStatus) -> bool {
    status & 0x8000_0000 == 0
}
