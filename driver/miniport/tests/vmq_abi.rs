//! The VMQ engine's structure writers put each value at the field svnic-abi's layout tables
//! (checked against mingw-w64) name. The engine's NDIS numbers and offsets are svnic-abi's own
//! (`vmq::ndis` re-exports and derives them), so only the writers' field mapping is checked here.

use svnic_abi::layout::AbiLayout;
use svnic_abi::vmq as abi;

fn off<T: AbiLayout>(field: &str) -> usize {
    T::field(field)
        .unwrap_or_else(|| panic!("{}.{field}", T::NAME))
        .offset
}

fn u32_at(b: &[u8], o: usize) -> u32 {
    u32::from_le_bytes(b[o..o + 4].try_into().unwrap())
}

#[test]
fn receive_filter_capabilities_fields_sit_at_the_svnic_abi_offsets() {
    type Caps = abi::NDIS_RECEIVE_FILTER_CAPABILITIES;
    let c = svnic_miniport::vmq::caps::ReceiveFilterCapabilities {
        flags: 0x101,
        enabled_filter_types: 0x102,
        enabled_queue_types: 0x103,
        num_queues: 0x104,
        supported_queue_properties: 0x105,
        supported_filter_tests: 0x106,
        supported_headers: 0x107,
        supported_mac_header_fields: 0x108,
        max_mac_header_filters: 0x109,
        max_queue_groups: 0x10A,
        max_queues_per_queue_group: 0x10B,
        min_lookahead_split_size: 0x10C,
        max_lookahead_split_size: 0x10D,
        supported_arp_header_fields: 0x10E,
        supported_ipv4_header_fields: 0x10F,
        supported_ipv6_header_fields: 0x110,
        supported_udp_header_fields: 0x111,
        max_field_tests_per_packet_coalescing_filter: 0x112,
        max_packet_coalescing_filters: 0x113,
    };
    let b = c.to_bytes();
    assert_eq!(b.len(), 84);
    assert_eq!(&b[..4], &[0x80, 2, 84, 0]);
    for (i, name) in [
        "Flags",
        "EnabledFilterTypes",
        "EnabledQueueTypes",
        "NumQueues",
        "SupportedQueueProperties",
        "SupportedFilterTests",
        "SupportedHeaders",
        "SupportedMacHeaderFields",
        "MaxMacHeaderFilters",
        "MaxQueueGroups",
        "MaxQueuesPerQueueGroup",
        "MinLookaheadSplitSize",
        "MaxLookaheadSplitSize",
        "SupportedARPHeaderFields",
        "SupportedIPv4HeaderFields",
        "SupportedIPv6HeaderFields",
        "SupportedUdpHeaderFields",
        "MaxFieldTestsPerPacketCoalescingFilter",
        "MaxPacketCoalescingFilters",
    ]
    .iter()
    .enumerate()
    {
        assert_eq!(u32_at(&b, off::<Caps>(name)), 0x101 + i as u32, "{name}");
    }
    assert_eq!(u32_at(&b, off::<Caps>("NdisReserved")), 0);
}

#[test]
fn nic_switch_vmq_counts_sit_at_the_svnic_abi_offsets() {
    type Ns = svnic_abi::sriov::NDIS_NIC_SWITCH_CAPABILITIES;
    let c = svnic_miniport::vmq::caps::NicSwitchVmqCounts {
        num_total_mac_addresses: 0x11,
        num_mac_addresses_per_port: 0x22,
        num_vlans_per_port: 0x33,
    };
    let b = c.to_bytes();
    assert_eq!(b.len(), 32);
    assert_eq!(&b[..4], &[0x80, 1, 32, 0]);
    assert_eq!(u32_at(&b, off::<Ns>("NumTotalMacAddresses")), 0x11);
    assert_eq!(u32_at(&b, off::<Ns>("NumMacAddressesPerPort")), 0x22);
    assert_eq!(u32_at(&b, off::<Ns>("NumVlansPerPort")), 0x33);
    assert_eq!(
        b.iter().enumerate().filter(|(i, v)| *i >= 4 && **v != 0).count(),
        3,
        "only the three counts are non-zero"
    );
}
