//! NDIS_RECEIVE_FILTER_CAPABILITIES (hardware and current, revision 2) and the revision-1
//! NDIS_NIC_SWITCH_CAPABILITIES counts 6.20-style VMQ reads (spec 1.1, 5 items 1-3).
//!
//! Hardware capabilities describe the device whatever the keywords say; current capabilities
//! describe the interface the keyword decision (spec 1.12, `crate::keywords`) enabled. When
//! neither VMQ nor SR-IOV is enabled the current structure is still provided, zeroed with its
//! header filled (spec 1.1 / 6: "both pointers or neither"; netvmini does the same).

use svnic_abi::buf;
use svnic_abi::header::{NDIS_OBJECT_HEADER, NDIS_OBJECT_TYPE_DEFAULT};
use svnic_abi::sriov::{
    NDIS_NIC_SWITCH_CAPABILITIES, NDIS_NIC_SWITCH_CAPABILITIES_REVISION_1,
    NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_1,
};
use svnic_abi::vmq::*;

/// Filters the device gives each VM queue on average: MaxMacHeaderFilters = this x NumQueues
/// (spec 1.1: at least one header filter per queue; vmswitch sets one MAC filter per vNIC and a
/// second for a MAC change in flight).
pub const FILTERS_PER_QUEUE: u16 = 2;

/// NDIS_RECEIVE_FILTER_CAPABILITIES, revision 2.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReceiveFilterCapabilities {
    pub flags: u32,
    pub enabled_filter_types: u32,
    pub enabled_queue_types: u32,
    pub num_queues: u32,
    pub supported_queue_properties: u32,
    pub supported_filter_tests: u32,
    pub supported_headers: u32,
    pub supported_mac_header_fields: u32,
    pub max_mac_header_filters: u32,
    pub max_queue_groups: u32,
    pub max_queues_per_queue_group: u32,
    pub min_lookahead_split_size: u32,
    pub max_lookahead_split_size: u32,
    pub supported_arp_header_fields: u32,
    pub supported_ipv4_header_fields: u32,
    pub supported_ipv6_header_fields: u32,
    pub supported_udp_header_fields: u32,
    pub max_field_tests_per_packet_coalescing_filter: u32,
    pub max_packet_coalescing_filters: u32,
}

impl ReceiveFilterCapabilities {
    /// The 84-byte revision-2 structure.
    pub fn to_bytes(&self) -> [u8; NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_2 as usize] {
        let mut v = NDIS_RECEIVE_FILTER_CAPABILITIES::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(
            NDIS_OBJECT_TYPE_DEFAULT,
            NDIS_RECEIVE_FILTER_CAPABILITIES_REVISION_2,
            NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_2,
        );
        v.flags = self.flags;
        v.enabled_filter_types = self.enabled_filter_types;
        v.enabled_queue_types = self.enabled_queue_types;
        v.num_queues = self.num_queues;
        v.supported_queue_properties = self.supported_queue_properties;
        v.supported_filter_tests = self.supported_filter_tests;
        v.supported_headers = self.supported_headers;
        v.supported_mac_header_fields = self.supported_mac_header_fields;
        v.max_mac_header_filters = self.max_mac_header_filters;
        v.max_queue_groups = self.max_queue_groups;
        v.max_queues_per_queue_group = self.max_queues_per_queue_group;
        v.min_lookahead_split_size = self.min_lookahead_split_size;
        v.max_lookahead_split_size = self.max_lookahead_split_size;
        v.supported_arp_header_fields = self.supported_arp_header_fields;
        v.supported_ipv4_header_fields = self.supported_ipv4_header_fields;
        v.supported_ipv6_header_fields = self.supported_ipv6_header_fields;
        v.supported_udp_header_fields = self.supported_udp_header_fields;
        v.max_field_tests_per_packet_coalescing_filter = self.max_field_tests_per_packet_coalescing_filter;
        v.max_packet_coalescing_filters = self.max_packet_coalescing_filters;
        let mut b = [0u8; NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_2 as usize];
        // The array is exactly the revision's size, so the write cannot fall short.
        let _ = buf::write_object(&mut b, 0, &v, NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_2);
        b
    }
}

/// The three NDIS_NIC_SWITCH_CAPABILITIES revision-1 counts (the rest is reserved, zero).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NicSwitchVmqCounts {
    pub num_total_mac_addresses: u32,
    pub num_mac_addresses_per_port: u32,
    pub num_vlans_per_port: u32,
}

impl NicSwitchVmqCounts {
    /// The 32-byte revision-1 structure.
    pub fn to_bytes(&self) -> [u8; NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_1 as usize] {
        let mut v = NDIS_NIC_SWITCH_CAPABILITIES::zeroed();
        v.header = NDIS_OBJECT_HEADER::new(
            NDIS_OBJECT_TYPE_DEFAULT,
            NDIS_NIC_SWITCH_CAPABILITIES_REVISION_1,
            NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_1,
        );
        v.num_total_mac_addresses = self.num_total_mac_addresses;
        v.num_mac_addresses_per_port = self.num_mac_addresses_per_port;
        v.num_vlans_per_port = self.num_vlans_per_port;
        let mut b = [0u8; NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_1 as usize];
        // The array is exactly the revision's size, so the write cannot fall short.
        let _ = buf::write_object(&mut b, 0, &v, NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_1);
        b
    }
}

/// What the keyword decision enabled (spec 1.12), as the VMQ engine needs it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VmqMode {
    /// VMQ is the enabled interface (alone or with SR-IOV).
    pub vmq: bool,
    /// SR-IOV is enabled (VMQ filters still used on the default vPort; no VM queues unless `vmq`).
    pub sriov: bool,
    /// `*VMQVlanFiltering` (default 1).
    pub vlan_filtering: bool,
}

impl VmqMode {
    /// From the interface decided by [`crate::keywords::decide_interface`] and `*VMQVlanFiltering`.
    pub fn from_interface(interface: crate::keywords::Interface, vlan_filtering: bool) -> Self {
        Self {
            vmq: interface.vmq(),
            sriov: interface.sriov(),
            vlan_filtering,
        }
    }
}

/// Hardware and current capabilities for a device with `hw_queues` non-default queues.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VmqCapabilities {
    pub hardware: ReceiveFilterCapabilities,
    pub current: ReceiveFilterCapabilities,
    pub hardware_nic_switch: NicSwitchVmqCounts,
    pub current_nic_switch: NicSwitchVmqCounts,
}

impl VmqCapabilities {
    /// Queues the engine may allocate (current NumQueues).
    pub fn num_queues(&self) -> u16 {
        u16::try_from(self.current.num_queues).unwrap_or(u16::MAX)
    }

    /// Filters the engine may set (current MaxMacHeaderFilters).
    pub fn max_filters(&self) -> u16 {
        u16::try_from(self.current.max_mac_header_filters).unwrap_or(u16::MAX)
    }

    /// Whether VLAN filter fields are accepted (VLAN_ID_SUPPORTED in current caps).
    pub fn vlan_filtering(&self) -> bool {
        self.current.supported_mac_header_fields & NDIS_RECEIVE_FILTER_MAC_HEADER_VLAN_ID_SUPPORTED != 0
    }
}

fn full_vmq(num_queues: u32, max_filters: u32, vlan: bool) -> ReceiveFilterCapabilities {
    ReceiveFilterCapabilities {
        enabled_filter_types: NDIS_RECEIVE_FILTER_VMQ_FILTERS_ENABLED,
        enabled_queue_types: NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED,
        num_queues,
        supported_queue_properties: NDIS_RECEIVE_FILTER_MSI_X_SUPPORTED
            | NDIS_RECEIVE_FILTER_VM_QUEUE_SUPPORTED
            | NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED
            | NDIS_RECEIVE_FILTER_INTERRUPT_VECTOR_COALESCING_SUPPORTED,
        supported_filter_tests: NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_EQUAL_SUPPORTED,
        supported_headers: NDIS_RECEIVE_FILTER_MAC_HEADER_SUPPORTED,
        supported_mac_header_fields: NDIS_RECEIVE_FILTER_MAC_HEADER_DEST_ADDR_SUPPORTED
            | if vlan {
                NDIS_RECEIVE_FILTER_MAC_HEADER_VLAN_ID_SUPPORTED
            } else {
                0
            },
        max_mac_header_filters: max_filters,
        ..ReceiveFilterCapabilities::default()
    }
}

/// Spec 1.1. `hw_queues`/`hw_filters` come from the device; `mode` from the keyword decision.
///
/// * Hardware: every VMQ capability of the device, VLAN filtering included, regardless of keywords.
/// * Current, VMQ enabled: the same with VLAN_ID_SUPPORTED iff `*VMQVlanFiltering`.
/// * Current, SR-IOV only: VMQ filters enabled (vPort filters), no VM queues, NumQueues 0.
/// * Current, neither: zeroed (header filled).
///
/// MaxMacHeaderFilters = min(device filters, FILTERS_PER_QUEUE x NumQueues) but never below
/// NumQueues (the queue count is cut to the filter count instead). Lookahead and packet
/// coalescing fields stay 0 (NDIS 6.30+).
pub fn receive_filter_capabilities(hw_queues: u16, hw_filters: u16, mode: VmqMode) -> VmqCapabilities {
    let queues = hw_queues.min(hw_filters);
    let filters = hw_filters
        .min(queues.saturating_mul(FILTERS_PER_QUEUE))
        .max(queues);
    let hardware = full_vmq(u32::from(queues), u32::from(filters), true);
    let current = if mode.vmq {
        full_vmq(u32::from(queues), u32::from(filters), mode.vlan_filtering)
    } else if mode.sriov {
        ReceiveFilterCapabilities {
            enabled_queue_types: 0,
            num_queues: 0,
            ..full_vmq(0, u32::from(filters), mode.vlan_filtering)
        }
    } else {
        ReceiveFilterCapabilities::default()
    };
    let counts = |vlan: bool| NicSwitchVmqCounts {
        num_total_mac_addresses: u32::from(filters),
        num_mac_addresses_per_port: u32::from(filters),
        num_vlans_per_port: if vlan { u32::from(filters) } else { 0 },
    };
    VmqCapabilities {
        hardware,
        current,
        hardware_nic_switch: counts(true),
        current_nic_switch: if mode.vmq {
            counts(mode.vlan_filtering)
        } else {
            NicSwitchVmqCounts::default()
        },
    }
}
