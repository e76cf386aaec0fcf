//! PF capabilities (spec 2.1, section 5 item 2): SR-IOV, NIC switch revision 2 and 3, and the
//! receive-filter capabilities with SR-IOV, consistent with the device and *NumVFs.

use svnic_miniport::sriov::bytes::Name;
use svnic_miniport::sriov::caps::*;
use svnic_miniport::sriov::switch::{NicSwitch, SwitchConfig};

fn input(total_vfs: u16, kw: Option<u32>, pf_queues: u16) -> CapsInput {
    CapsInput {
        total_vfs,
        num_vfs_keyword: kw,
        pf_queues,
        mac_filter_entries: 8192,
        vlan_filtering: true,
    }
}

fn u32_at(b: &[u8], o: usize) -> u32 {
    u32::from_le_bytes(b[o..o + 4].try_into().unwrap())
}

#[test]
fn nic_switch_caps_obey_the_spec_inequalities_for_every_keyword_and_device() {
    for total in [0u16, 1, 7, 32, 256] {
        for kw in [None, Some(0), Some(3), Some(64), Some(u32::MAX)] {
            for pfq in [0u16, 4, 64] {
                let c = NicSwitchCaps::from_input(&input(total, kw, pfq));
                assert!(c.max_num_vfs <= u32::from(total));
                if let Some(k) = kw {
                    assert!(c.max_num_vfs <= k);
                }
                assert_eq!(c.max_num_switches, 1);
                assert!(c.max_num_vports > c.max_num_vfs);
                assert!(c.max_num_queue_pairs >= c.max_num_vports);
                assert!(c.max_num_mac_addresses >= c.max_num_vports);
                assert!(c.max_num_queue_pairs_per_non_default_vport.is_power_of_two());
                assert!(c.max_num_queue_pairs_for_default_vport.is_power_of_two());
            }
        }
    }
    let c = NicSwitchCaps::from_input(&input(32, Some(8), 64));
    assert_eq!(
        (
            c.max_num_vfs,
            c.max_num_vports,
            c.max_num_queue_pairs,
            c.max_pf_vports
        ),
        (8, 73, 73, 64)
    );
}

#[test]
fn nic_switch_caps_revision_2_and_3_bytes() {
    let c = NicSwitchCaps::from_input(&input(32, Some(8), 4));
    let mut b = [0xEEu8; 140];
    assert_eq!(c.write(&mut b, 2), Some(116));
    assert_eq!(&b[0..4], &[0x80, 2, 116, 0]);
    assert_eq!(&b[116..], &[0xEE; 24], "nothing past revision 2");
    // Rev2+: NumTotalMacAddresses / NumMacAddressesPerPort / NumVlansPerPort are 0.
    assert_eq!((u32_at(&b, 12), u32_at(&b, 16), u32_at(&b, 20)), (0, 0, 0));
    assert_eq!(
        u32_at(&b, 32),
        0x1 | 0x2,
        "VLAN + per-vPort interrupt moderation, no SINGLE_VPORT_POOL"
    );
    assert_eq!(
        (u32_at(&b, 36), u32_at(&b, 40), u32_at(&b, 48), u32_at(&b, 52)),
        (1, 13, 8, 13)
    );
    assert_eq!((u32_at(&b, 68), u32_at(&b, 92)), (1, 8192));
    let mut b = [0xEEu8; 140];
    assert_eq!(c.write(&mut b, 3), Some(132));
    assert_eq!(&b[0..4], &[0x80, 3, 132, 0]);
    assert_eq!(
        (u32_at(&b, 116), u32_at(&b, 120), u32_at(&b, 124), u32_at(&b, 128)),
        (0, 0, 0, 1)
    );
    assert_eq!(c.write(&mut [0u8; 115], 2), None);
    assert_eq!(c.write(&mut [0u8; 200], 1), None);
}

#[test]
fn vlan_capability_follows_the_vlan_filtering_keyword() {
    let mut i = input(8, None, 4);
    i.vlan_filtering = false;
    let c = NicSwitchCaps::from_input(&i);
    assert_eq!(c.nic_switch_capabilities & 1, 0);
    assert!(!c.limits().vlan_supported);
    let r = SriovReceiveFilterCaps::new(&c, None, false);
    assert_eq!(r.supported_mac_header_fields, 0x1);
}

#[test]
fn pf_and_vf_sriov_capability_flags() {
    let mut b = [0u8; 12];
    assert_eq!(write_sriov_caps(&mut b, SriovRole::Pf), Some(12));
    assert_eq!(b, [0x80, 1, 12, 0, 0, 0, 0, 0, 3, 0, 0, 0]);
    assert_eq!(sriov_capability_flags(SriovRole::Vf), 5);
    assert_eq!(write_sriov_caps(&mut [0u8; 11], SriovRole::Pf), None);
}

#[test]
fn receive_filter_caps_have_no_vm_queues_unless_vmq_is_also_enabled() {
    let c = NicSwitchCaps::from_input(&input(8, None, 4));
    let sriov_only = SriovReceiveFilterCaps::new(&c, None, true);
    assert_eq!(
        (
            sriov_only.enabled_filter_types,
            sriov_only.enabled_queue_types,
            sriov_only.num_queues
        ),
        (1, 0, 0)
    );
    assert_eq!(sriov_only.supported_queue_properties, 0x1 | 0x2 | 0x8 | 0x10);
    assert_eq!(
        (
            sriov_only.supported_filter_tests,
            sriov_only.supported_headers,
            sriov_only.supported_mac_header_fields
        ),
        (1, 1, 0x1 | 0x8)
    );
    let both = SriovReceiveFilterCaps::new(&c, Some(4), true);
    assert_eq!((both.enabled_queue_types, both.num_queues), (1, 4));
    assert!(both.max_mac_header_filters >= both.num_queues);
    let mut b = [0u8; 84];
    assert_eq!(sriov_only.write(&mut b), Some(84));
    assert_eq!(&b[0..4], &[0x80, 2, 84, 0]);
    assert_eq!((u32_at(&b, 8), u32_at(&b, 12), u32_at(&b, 16)), (1, 0, 0));
    assert_eq!(
        &b[40..84],
        &[0u8; 44],
        "queue groups, lookahead and coalescing fields are 0"
    );
}

#[test]
fn the_switch_limits_come_from_the_capabilities() {
    let c = NicSwitchCaps::from_input(&input(8, Some(2), 4));
    let mut s = NicSwitch::new(c.limits());
    let cfg = |n| SwitchConfig {
        name: Name::from_text("s"),
        num_vfs: n,
        queue_pairs_default_vport: 0,
        flags: 0,
    };
    assert!(s.create(cfg(3)).is_err(), "NumVFs above MaxNumVFs (= *NumVFs 2)");
    assert!(s.create(cfg(2)).is_ok());
    assert_eq!(s.info().unwrap().num_vports, 2 + 1 + 4);
}
