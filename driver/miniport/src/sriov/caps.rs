//! SR-IOV, NIC-switch and receive-filter capabilities of the PF (spec 2.1, section 5 item 2),
//! derived from the device and the keywords so that they are consistent by construction:
//! MaxNumVFs <= *NumVFs and <= TotalVFs, MaxNumVPorts = MaxNumVFs + 1 + PF vPorts,
//! MaxNumQueuePairs = MaxNumVPorts (one pair per vPort), MaxNumMacAddresses >= MaxNumVPorts.

use super::switch::SwitchLimits;
use svnic_abi::buf::write_object;
use svnic_abi::header::{NdisObject, NDIS_OBJECT_HEADER};
use svnic_abi::sriov::{
    NDIS_NIC_SWITCH_CAPABILITIES, NDIS_NIC_SWITCH_CAPABILITIES_REVISION_2,
    NDIS_NIC_SWITCH_CAPABILITIES_REVISION_3, NDIS_NIC_SWITCH_CAPS_PER_VPORT_INTERRUPT_MODERATION_SUPPORTED,
    NDIS_NIC_SWITCH_CAPS_VLAN_SUPPORTED, NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_2,
    NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_3, NDIS_SIZEOF_SRIOV_CAPABILITIES_REVISION_1,
    NDIS_SRIOV_CAPABILITIES, NDIS_SRIOV_CAPS_PF_MINIPORT, NDIS_SRIOV_CAPS_SRIOV_SUPPORTED,
    NDIS_SRIOV_CAPS_VF_MINIPORT,
};
use svnic_abi::vmq::*;

/// Filters one vPort may hold (a VF's vNIC MAC, plus room for MAC changes and VLANs).
pub const MAX_FILTERS_PER_VPORT: u32 = 8;

/// What the capabilities are computed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CapsInput {
    /// TotalVFs of the device's SR-IOV capability.
    pub total_vfs: u16,
    /// `NicSwitches\0\*NumVFs` (None when absent: TotalVFs).
    pub num_vfs_keyword: Option<u32>,
    /// PF queues besides the default queue (PF non-default vPorts, or VM queues with VMQ).
    pub pf_queues: u16,
    /// Exact-match MAC filter entries of the classifier.
    pub mac_filter_entries: u32,
    /// `*VMQVlanFiltering` (VLAN filters on vPorts).
    pub vlan_filtering: bool,
}

/// NDIS_NIC_SWITCH_CAPABILITIES values (revision 2 / 3 fields svnic sets).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NicSwitchCaps {
    pub nic_switch_capabilities: u32,
    pub max_num_switches: u32,
    pub max_num_vports: u32,
    pub max_num_vfs: u32,
    pub max_num_queue_pairs: u32,
    pub max_num_queue_pairs_per_non_default_vport: u32,
    pub max_num_mac_addresses: u32,
    /// Revision 3 (6.60): no VMMQ, so 0 RSS-capable PF vPorts and 1 pair for the default vPort.
    pub max_num_queue_pairs_for_default_vport: u32,
    /// Non-default vPorts the PF may create (not a field; the engine's budget).
    pub max_pf_vports: u32,
}

impl NicSwitchCaps {
    /// Capabilities consistent with the device and `*NumVFs`.
    pub fn from_input(i: &CapsInput) -> Self {
        let kw = i.num_vfs_keyword.unwrap_or(u32::from(i.total_vfs));
        let max_vfs = kw.min(u32::from(i.total_vfs));
        let pf_vports = u32::from(i.pf_queues);
        let max_vports = max_vfs.saturating_add(1).saturating_add(pf_vports);
        let flags = if i.vlan_filtering {
            NDIS_NIC_SWITCH_CAPS_VLAN_SUPPORTED
        } else {
            0
        } | NDIS_NIC_SWITCH_CAPS_PER_VPORT_INTERRUPT_MODERATION_SUPPORTED;
        Self {
            nic_switch_capabilities: flags,
            max_num_switches: 1,
            max_num_vports: max_vports,
            max_num_vfs: max_vfs,
            max_num_queue_pairs: max_vports,
            max_num_queue_pairs_per_non_default_vport: 1,
            max_num_mac_addresses: i.mac_filter_entries.max(max_vports),
            max_num_queue_pairs_for_default_vport: 1,
            max_pf_vports: pf_vports,
        }
    }

    /// The limits the switch state machine enforces.
    pub fn limits(&self) -> SwitchLimits {
        SwitchLimits {
            max_vfs: u16::try_from(self.max_num_vfs).unwrap_or(u16::MAX),
            max_vports: self.max_num_vports,
            max_queue_pairs: self.max_num_queue_pairs,
            queue_pairs_per_vport: self.max_num_queue_pairs_per_non_default_vport,
            max_mac_addresses: self.max_num_mac_addresses,
            max_filters_per_vport: MAX_FILTERS_PER_VPORT,
            max_pf_vports: self.max_pf_vports,
            vlan_supported: self.nic_switch_capabilities & NDIS_NIC_SWITCH_CAPS_VLAN_SUPPORTED != 0,
        }
    }

    /// Write NDIS_NIC_SWITCH_CAPABILITIES revision 2 (116 bytes) or 3 (132 bytes) into `buf`
    /// (zeroing the structure first). Returns the bytes written, or `None` if `buf` is short or
    /// the revision unknown. Rev2+ requires NumTotalMacAddresses / NumMacAddressesPerPort /
    /// NumVlansPerPort = 0; every reserved field is 0.
    pub fn write(&self, buf: &mut [u8], revision: u8) -> Option<usize> {
        let size = match revision {
            NDIS_NIC_SWITCH_CAPABILITIES_REVISION_2 => NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_2,
            NDIS_NIC_SWITCH_CAPABILITIES_REVISION_3 => NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_3,
            _ => return None,
        };
        let mut c = NDIS_NIC_SWITCH_CAPABILITIES::with_latest_header();
        c.header = NDIS_OBJECT_HEADER::default_type(revision, size);
        c.nic_switch_capabilities = self.nic_switch_capabilities;
        c.max_num_switches = self.max_num_switches;
        c.max_num_vports = self.max_num_vports;
        c.max_num_vfs = self.max_num_vfs;
        c.max_num_queue_pairs = self.max_num_queue_pairs;
        c.max_num_queue_pairs_per_non_default_vport = self.max_num_queue_pairs_per_non_default_vport;
        c.max_num_mac_addresses = self.max_num_mac_addresses;
        // A revision-3 field: write_object copies only `size` bytes, so revision 2 leaves it out.
        c.max_num_queue_pairs_for_default_vport = self.max_num_queue_pairs_for_default_vport;
        write_object(buf, 0, &c, size).ok()
    }
}

/// Which miniport reports SR-IOV capabilities.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SriovRole {
    Pf,
    Vf,
}

/// The NDIS_SRIOV_CAPABILITIES flags: PF = SRIOV_SUPPORTED | PF_MINIPORT, VF = SRIOV_SUPPORTED |
/// VF_MINIPORT (spec 6: the struct page calls SUPPORTED "PF only", the VF initialization page
/// wants it on the VF too; svnic follows the VF page, see docs/sriov.md).
pub fn sriov_capability_flags(role: SriovRole) -> u32 {
    NDIS_SRIOV_CAPS_SRIOV_SUPPORTED
        | match role {
            SriovRole::Pf => NDIS_SRIOV_CAPS_PF_MINIPORT,
            SriovRole::Vf => NDIS_SRIOV_CAPS_VF_MINIPORT,
        }
}

/// Write NDIS_SRIOV_CAPABILITIES (12 bytes). `None` if `buf` is short.
pub fn write_sriov_caps(buf: &mut [u8], role: SriovRole) -> Option<usize> {
    let mut c = NDIS_SRIOV_CAPABILITIES::with_latest_header();
    c.sriov_capabilities = sriov_capability_flags(role);
    write_object(buf, 0, &c, NDIS_SIZEOF_SRIOV_CAPABILITIES_REVISION_1).ok()
}

/// The current receive-filter capabilities with SR-IOV enabled (spec 2.1): VMQ filters enabled,
/// VM queues only when VMQ is on too (then `vmq_queues` queues, else NumQueues 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SriovReceiveFilterCaps {
    pub enabled_filter_types: u32,
    pub enabled_queue_types: u32,
    pub num_queues: u32,
    pub supported_queue_properties: u32,
    pub supported_filter_tests: u32,
    pub supported_headers: u32,
    pub supported_mac_header_fields: u32,
    pub max_mac_header_filters: u32,
}

impl SriovReceiveFilterCaps {
    /// `vmq_queues`: Some(n) when VMQ is enabled with SR-IOV (spec 1.12 row 1).
    pub fn new(sw: &NicSwitchCaps, vmq_queues: Option<u32>, vlan_filtering: bool) -> Self {
        let num_queues = vmq_queues.unwrap_or(0);
        Self {
            enabled_filter_types: NDIS_RECEIVE_FILTER_VMQ_FILTERS_ENABLED,
            enabled_queue_types: if vmq_queues.is_some() {
                NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED
            } else {
                0
            },
            num_queues,
            supported_queue_properties: NDIS_RECEIVE_FILTER_MSI_X_SUPPORTED
                | NDIS_RECEIVE_FILTER_VM_QUEUE_SUPPORTED
                | NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED
                | NDIS_RECEIVE_FILTER_INTERRUPT_VECTOR_COALESCING_SUPPORTED,
            supported_filter_tests: NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_EQUAL_SUPPORTED,
            supported_headers: NDIS_RECEIVE_FILTER_MAC_HEADER_SUPPORTED,
            supported_mac_header_fields: NDIS_RECEIVE_FILTER_MAC_HEADER_DEST_ADDR_SUPPORTED
                | if vlan_filtering {
                    NDIS_RECEIVE_FILTER_MAC_HEADER_VLAN_ID_SUPPORTED
                } else {
                    0
                },
            max_mac_header_filters: sw.max_num_mac_addresses.max(num_queues),
        }
    }

    /// Write NDIS_RECEIVE_FILTER_CAPABILITIES revision 2 (84 bytes).
    pub fn write(&self, buf: &mut [u8]) -> Option<usize> {
        let mut c = NDIS_RECEIVE_FILTER_CAPABILITIES::with_latest_header();
        c.header = NDIS_OBJECT_HEADER::default_type(
            NDIS_RECEIVE_FILTER_CAPABILITIES_REVISION_2,
            NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_2,
        );
        c.enabled_filter_types = self.enabled_filter_types;
        c.enabled_queue_types = self.enabled_queue_types;
        c.num_queues = self.num_queues;
        c.supported_queue_properties = self.supported_queue_properties;
        c.supported_filter_tests = self.supported_filter_tests;
        c.supported_headers = self.supported_headers;
        c.supported_mac_header_fields = self.supported_mac_header_fields;
        c.max_mac_header_filters = self.max_mac_header_filters;
        write_object(buf, 0, &c, NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_2).ok()
    }
}
