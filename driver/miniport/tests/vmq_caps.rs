//! Spec 5 items 1-3: receive-filter capabilities from the keyword decision.

mod vmq_support;

use svnic_miniport::keywords::{decide_interface, Interface, KeywordSource};
use svnic_miniport::vmq::caps::{receive_filter_capabilities, VmqMode};
use svnic_miniport::vmq::ndis::*;

struct Kw(Vec<(&'static str, u32)>);
impl KeywordSource for Kw {
    fn read_int(&self, name: &str) -> Option<u32> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }
}

const QUEUE_PROPS: u32 = NDIS_RECEIVE_FILTER_MSI_X_SUPPORTED
    | NDIS_RECEIVE_FILTER_VM_QUEUE_SUPPORTED
    | NDIS_RECEIVE_FILTER_DYNAMIC_PROCESSOR_AFFINITY_CHANGE_SUPPORTED
    | NDIS_RECEIVE_FILTER_INTERRUPT_VECTOR_COALESCING_SUPPORTED;

#[test]
fn hardware_caps_cover_current_and_vmq_current_caps_have_every_required_flag() {
    let c = receive_filter_capabilities(
        15,
        32,
        VmqMode {
            vmq: true,
            sriov: false,
            vlan_filtering: true,
        },
    );
    for caps in [c.hardware, c.current] {
        assert_eq!(caps.enabled_filter_types, NDIS_RECEIVE_FILTER_VMQ_FILTERS_ENABLED);
        assert_eq!(caps.enabled_queue_types, NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED);
        assert_eq!(caps.num_queues, 15);
        assert_eq!(caps.supported_queue_properties, QUEUE_PROPS);
        assert_eq!(
            caps.supported_queue_properties & NDIS_RECEIVE_FILTER_LOOKAHEAD_SPLIT_SUPPORTED,
            0
        );
        assert_eq!(
            caps.supported_filter_tests,
            NDIS_RECEIVE_FILTER_TEST_HEADER_FIELD_EQUAL_SUPPORTED
        );
        assert_eq!(caps.supported_headers, NDIS_RECEIVE_FILTER_MAC_HEADER_SUPPORTED);
        assert_eq!(
            caps.supported_mac_header_fields,
            NDIS_RECEIVE_FILTER_MAC_HEADER_DEST_ADDR_SUPPORTED
                | NDIS_RECEIVE_FILTER_MAC_HEADER_VLAN_ID_SUPPORTED
        );
        assert_eq!(caps.max_mac_header_filters, 30);
        assert!(caps.max_mac_header_filters >= caps.num_queues);
        assert_eq!(
            (caps.min_lookahead_split_size, caps.max_lookahead_split_size),
            (0, 0)
        );
        assert_eq!((caps.max_queue_groups, caps.max_queues_per_queue_group), (0, 0));
    }
    // Hardware is a superset of current, bit for bit.
    assert_eq!(
        c.hardware.supported_queue_properties & c.current.supported_queue_properties,
        c.current.supported_queue_properties
    );
    assert_eq!(
        c.hardware.supported_mac_header_fields & c.current.supported_mac_header_fields,
        c.current.supported_mac_header_fields
    );
    assert!(c.hardware.num_queues >= c.current.num_queues);
}

#[test]
fn capability_bytes_are_revision_2_with_fields_at_documented_offsets() {
    let c = receive_filter_capabilities(
        7,
        16,
        VmqMode {
            vmq: true,
            sriov: false,
            vlan_filtering: false,
        },
    );
    let b = c.current.to_bytes();
    assert_eq!(b.len(), 84);
    assert_eq!(&b[0..4], &[0x80, 2, 84, 0]);
    let at = |o: usize| u32::from_le_bytes(b[o..o + 4].try_into().unwrap());
    assert_eq!(at(8), 1); // EnabledFilterTypes
    assert_eq!(at(12), 1); // EnabledQueueTypes
    assert_eq!(at(16), 7); // NumQueues
    assert_eq!(at(20), QUEUE_PROPS);
    assert_eq!(at(24), 1);
    assert_eq!(at(28), 1);
    assert_eq!(at(32), NDIS_RECEIVE_FILTER_MAC_HEADER_DEST_ADDR_SUPPORTED);
    assert_eq!(at(36), 14); // MaxMacHeaderFilters
    for o in (40..84).step_by(4) {
        assert_eq!(at(o), 0, "offset {o}");
    }
    let n = c.current_nic_switch.to_bytes();
    assert_eq!(&n[0..4], &[0x80, 1, 32, 0]);
    assert_eq!(u32::from_le_bytes(n[12..16].try_into().unwrap()), 14);
    assert_eq!(u32::from_le_bytes(n[16..20].try_into().unwrap()), 14);
    assert_eq!(u32::from_le_bytes(n[20..24].try_into().unwrap()), 0);
}

#[test]
fn vmq_vlan_filtering_keyword_toggles_only_vlan_id_supported() {
    let on = receive_filter_capabilities(
        8,
        16,
        VmqMode {
            vmq: true,
            sriov: false,
            vlan_filtering: true,
        },
    );
    let off = receive_filter_capabilities(
        8,
        16,
        VmqMode {
            vmq: true,
            sriov: false,
            vlan_filtering: false,
        },
    );
    let mut expect = on.current;
    expect.supported_mac_header_fields &= !NDIS_RECEIVE_FILTER_MAC_HEADER_VLAN_ID_SUPPORTED;
    assert_eq!(off.current, expect);
    assert_eq!(off.hardware, on.hardware);
    assert_eq!(off.current_nic_switch.num_vlans_per_port, 0);
    assert_eq!(on.current_nic_switch.num_vlans_per_port, 16);
}

#[test]
fn vmq_disabled_clears_every_current_vmq_bit_but_keeps_hardware_caps() {
    let c = receive_filter_capabilities(
        8,
        16,
        VmqMode {
            vmq: false,
            sriov: false,
            vlan_filtering: true,
        },
    );
    assert_eq!(c.current.to_bytes()[4..], [0u8; 80]);
    assert_eq!(&c.current.to_bytes()[0..4], &[0x80, 2, 84, 0]);
    assert_eq!(c.hardware.num_queues, 8);
    assert_eq!(c.current_nic_switch.num_total_mac_addresses, 0);
}

#[test]
fn sriov_only_reports_vmq_filters_without_vm_queues() {
    let c = receive_filter_capabilities(
        8,
        16,
        VmqMode {
            vmq: false,
            sriov: true,
            vlan_filtering: true,
        },
    );
    assert_eq!(c.current.num_queues, 0);
    assert_eq!(c.current.enabled_queue_types, 0);
    assert_eq!(
        c.current.enabled_filter_types,
        NDIS_RECEIVE_FILTER_VMQ_FILTERS_ENABLED
    );
    let both = receive_filter_capabilities(
        8,
        16,
        VmqMode {
            vmq: true,
            sriov: true,
            vlan_filtering: true,
        },
    );
    assert_eq!(both.current.num_queues, 8);
    assert_eq!(
        both.current.enabled_queue_types,
        NDIS_RECEIVE_FILTER_VM_QUEUES_ENABLED
    );
}

#[test]
fn max_mac_header_filters_never_below_num_queues() {
    // A device with fewer filters than queues advertises only as many queues as filters.
    let c = receive_filter_capabilities(
        16,
        10,
        VmqMode {
            vmq: true,
            sriov: false,
            vlan_filtering: true,
        },
    );
    assert_eq!(c.current.num_queues, 10);
    assert_eq!(c.current.max_mac_header_filters, 10);
}

#[test]
fn keyword_decision_rows_give_the_documented_vmq_capabilities() {
    // (*SriovPreferred, *RssOrVmqPreference, *SRIOV, *VMQ, *RSS) -> (VM queues, filters)
    let rows: [([u32; 5], Interface, bool, bool); 7] = [
        ([1, 1, 1, 1, 1], Interface::SriovVmq, true, true),
        ([1, 1, 0, 1, 1], Interface::Vmq, true, true),
        ([1, 0, 0, 0, 1], Interface::None, false, false),
        ([0, 1, 1, 1, 1], Interface::Vmq, true, true),
        ([0, 1, 1, 0, 1], Interface::None, false, false),
        ([0, 0, 1, 1, 1], Interface::Rss, false, false),
        ([0, 0, 1, 1, 0], Interface::None, false, false),
    ];
    for (v, want, queues, filters) in rows {
        let kw = Kw(vec![
            ("*SriovPreferred", v[0]),
            ("*RssOrVmqPreference", v[1]),
            ("*SRIOV", v[2]),
            ("*VMQ", v[3]),
            ("*RSS", v[4]),
        ]);
        let i = decide_interface(&kw, true);
        assert_eq!(i, want, "{v:?}");
        let c = receive_filter_capabilities(8, 16, VmqMode::from_interface(i, true));
        assert_eq!(c.current.enabled_queue_types != 0, queues, "{v:?}");
        assert_eq!(c.current.enabled_filter_types != 0, filters, "{v:?}");
        assert_eq!(c.hardware.num_queues, 8);
    }
}

#[test]
fn oid_rows_list_every_miniport_handled_vmq_oid_with_its_minimum_length() {
    use svnic_miniport::oid::RequestType::*;
    let rows: Vec<_> = svnic_miniport::vmq::oid_rows()
        .iter()
        .map(|r| (r.request_type, r.oid, r.min_len))
        .collect();
    assert_eq!(
        rows,
        vec![
            (Method, OID_RECEIVE_FILTER_ALLOCATE_QUEUE, 1084),
            (Method, OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE, 20),
            (Method, OID_RECEIVE_FILTER_SET_FILTER, 36),
            (Set, OID_RECEIVE_FILTER_CLEAR_FILTER, 16),
            (Set, OID_RECEIVE_FILTER_FREE_QUEUE, 12),
            (Set, OID_RECEIVE_FILTER_QUEUE_PARAMETERS, 1084),
        ]
    );
}
