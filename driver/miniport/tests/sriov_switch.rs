//! The switch state machine alone (spec 2.3-2.5): a long random sequence of operations checked
//! against the invariants after every step, and a refused operation never changes anything.

use svnic_miniport::sriov::bytes::Name;
use svnic_miniport::sriov::switch::*;

fn limits() -> SwitchLimits {
    SwitchLimits {
        max_vfs: 4,
        max_vports: 8,
        max_queue_pairs: 8,
        queue_pairs_per_vport: 1,
        max_mac_addresses: 12,
        max_filters_per_vport: 3,
        max_pf_vports: 3,
        vlan_supported: true,
    }
}

fn rng(s: &mut u64) -> u64 {
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    *s
}

fn check_invariants(s: &NicSwitch) {
    let l = s.limits();
    let v0 = s.vport(0).expect("the default vPort always exists");
    assert_eq!((v0.attach, v0.state), (Attach::Pf, VPortState::Activated));
    assert!(s.vports().count() as u32 <= l.max_vports);
    assert!(s.queue_pairs_in_use() <= l.max_queue_pairs);
    let pf_vports = s.vports().filter(|v| v.id != 0 && v.attach == Attach::Pf).count() as u32;
    assert!(pf_vports <= l.max_pf_vports);
    for v in s.vports() {
        if let Attach::Vf(n) = v.attach {
            assert_eq!(s.vf(n).expect("attached VF is allocated").vport, Some(v.id));
            assert_eq!(v.state, VPortState::Activated, "VF vPorts are always Activated");
        }
        assert!(s.filters_on(v.id).count() as u32 <= l.max_filters_per_vport);
    }
    for vf in s.vfs() {
        if let Some(p) = vf.vport {
            assert_eq!(s.vport(p).unwrap().attach, Attach::Vf(vf.id));
        }
    }
    assert!(s.filters().len() as u32 <= l.max_mac_addresses);
    for f in s.filters() {
        assert!(s.vport(f.vport).is_some(), "a filter names an existing vPort");
        assert_eq!(s.filters().iter().filter(|g| g.id == f.id).count(), 1);
    }
    let i = s.info().unwrap();
    assert_eq!(i.num_allocated_vfs as usize, s.vfs().count());
    assert_eq!(
        i.num_active_vports as usize,
        s.vports().filter(|v| v.state == VPortState::Activated).count()
    );
    assert_eq!(
        (i.num_active_default_vport_mac_addresses + i.num_active_nondefault_vport_mac_addresses) as usize,
        s.filters().len()
    );
}

#[test]
fn random_operation_sequences_keep_every_invariant_and_refusals_change_nothing() {
    let mut seed = 0x00C0_FFEE_u64;
    let mut s = NicSwitch::new(limits());
    s.create(SwitchConfig {
        name: Name::from_text("sw"),
        num_vfs: 4,
        queue_pairs_default_vport: 0,
        flags: 0,
    })
    .unwrap();
    let (mut ok, mut refused) = (0u32, 0u32);
    for _ in 0..20_000 {
        let before = format!("{s:?}");
        let r = |seed: &mut u64, n: u64| rng(seed) % n;
        let res: Result<(), SwitchError> = match r(&mut seed, 9) {
            0 => s
                .allocate_vf(
                    &VfRequest {
                        permanent_mac: [2, 0, 0, 0, 0, 1],
                        current_mac: [2, 0, 0, 0, 0, 1],
                        vm_name: Name::default(),
                        vm_friendly_name: Name::default(),
                        nic_name: Name::default(),
                    },
                    7,
                )
                .map(|_| ()),
            1 => s.free_vf(r(&mut seed, 6) as u16),
            2 => {
                let attach = if r(&mut seed, 2) == 0 {
                    Attach::Pf
                } else {
                    Attach::Vf(r(&mut seed, 5) as u16)
                };
                let state = if r(&mut seed, 2) == 0 {
                    VPortState::Activated
                } else {
                    VPortState::Deactivated
                };
                s.create_vport(&VPortRequest {
                    id: r(&mut seed, 10) as u32,
                    attach,
                    state,
                    queue_pairs: r(&mut seed, 3) as u32,
                    interrupt_moderation: 0,
                    affinity: Affinity { group: 0, mask: 1 },
                    flags: 0,
                    name: Name::default(),
                })
            }
            3 => s.delete_vport(r(&mut seed, 10) as u32).map(|_| ()),
            4 => {
                let ch = VPortChange {
                    state: Some(if r(&mut seed, 2) == 0 {
                        VPortState::Activated
                    } else {
                        VPortState::Deactivated
                    }),
                    affinity: if r(&mut seed, 2) == 0 {
                        Some(Affinity { group: 0, mask: 2 })
                    } else {
                        None
                    },
                    ..VPortChange::default()
                };
                s.change_vport(r(&mut seed, 10) as u32, &ch).map(|_| ())
            }
            5 | 6 => {
                let vlan = if r(&mut seed, 2) == 0 {
                    VlanMatch::UntaggedOrZero
                } else {
                    VlanMatch::Vid(1 + r(&mut seed, 4094) as u16)
                };
                s.set_filter(Filter {
                    id: r(&mut seed, 30) as u32,
                    vport: r(&mut seed, 10) as u32,
                    mac: [2, 0, 0, 0, 1, r(&mut seed, 256) as u8],
                    vlan,
                })
            }
            7 => s.clear_filter(r(&mut seed, 30) as u32).map(|_| ()),
            _ => s
                .move_filter(
                    r(&mut seed, 30) as u32,
                    r(&mut seed, 10) as u32,
                    r(&mut seed, 10) as u32,
                )
                .map(|_| ()),
        };
        match res {
            Ok(()) => ok += 1,
            Err(_) => {
                refused += 1;
                assert_eq!(format!("{s:?}"), before, "a refused operation changed the switch");
            }
        }
        check_invariants(&s);
    }
    assert!(
        ok > 2_000 && refused > 2_000,
        "both outcomes exercised: {ok} / {refused}"
    );
}

#[test]
fn delete_switch_only_when_empty_and_then_everything_is_refused() {
    let mut s = NicSwitch::new(limits());
    assert_eq!(s.delete(), Err(SwitchError::NoSwitch));
    s.create(SwitchConfig {
        name: Name::default(),
        num_vfs: 2,
        queue_pairs_default_vport: 0,
        flags: 0,
    })
    .unwrap();
    let vf = s
        .allocate_vf(
            &VfRequest {
                permanent_mac: [2; 6],
                current_mac: [2; 6],
                vm_name: Name::default(),
                vm_friendly_name: Name::default(),
                nic_name: Name::default(),
            },
            1,
        )
        .unwrap();
    assert_eq!(s.delete(), Err(SwitchError::NotEmpty));
    s.free_vf(vf).unwrap();
    s.set_filter(Filter {
        id: 1,
        vport: 0,
        mac: [2; 6],
        vlan: VlanMatch::UntaggedOrZero,
    })
    .unwrap();
    assert_eq!(s.delete(), Err(SwitchError::NotEmpty));
    s.clear_filter(1).unwrap();
    assert_eq!(s.delete(), Ok(()));
    assert_eq!(s.next_free_vf(), Err(SwitchError::NoSwitch));
    assert_eq!(s.clear_filter(1), Err(SwitchError::NoSwitch));
    assert!(s.info().is_none());
}
