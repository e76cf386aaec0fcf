//! The hashed classifier agrees with a deliberately naive reference (linear scan over a list of
//! filters, written straight from the rules in the classifier's module docs) on random tables,
//! random table churn (add / remove / move, exercising hash deletion) and random frames.

mod common;

use proptest::prelude::*;
use svnic_device::frame::EthHeader;
use svnic_device::*;

const POOLS: u16 = 12;

#[derive(Clone, Debug)]
enum Op {
    Add(usize, u8, u16),
    Remove(usize),
    Move(usize, u16),
}

fn macs() -> Vec<MacAddr> {
    let mut v: Vec<MacAddr> = (0..6u8).map(|i| [0x02, 0, 0, 0, 0, i]).collect();
    v.push([0x01, 0x00, 0x5e, 0, 0, 1]);
    v.push([0x33, 0x33, 0, 0, 0, 1]);
    v.push([0xff; 6]);
    v
}

fn vlan_of(v: u8) -> VlanMatch {
    if v == 0 {
        VlanMatch::UntaggedOrZero
    } else {
        VlanMatch::Vid(u16::from(v))
    }
}

fn pool_strategy() -> impl Strategy<Value = PoolConfig> {
    (
        any::<[bool; 4]>(),
        prop_oneof![Just(None), (0u16..3).prop_map(Some)],
        60u16..1600,
    )
        .prop_map(|(b, flood_vlan, max_frame)| PoolConfig {
            rx_enable: b[0],
            strip_vlan: b[1],
            accept_broadcast: b[2],
            accept_multicast: b[3],
            flood_vlan,
            max_frame,
            ..PoolConfig::disabled(1514)
        })
}

/// Rules written out as a linear scan.
fn naive(
    filters: &[(FilterId, MacAddr, VlanMatch, QueueId)],
    pools: &[PoolConfig],
    frame: &[u8],
    source: Source,
) -> (Vec<Target>, bool, Option<DropReason>) {
    let Some(h) = EthHeader::parse(frame) else {
        return (vec![], false, Some(DropReason::Filtered));
    };
    let vid = h.tci.map_or(0, |t| t & 0xfff);
    let len = if h.tci.is_some() {
        frame.len() - 4
    } else {
        frame.len()
    };
    let excluded = |q: QueueId| matches!(source, Source::Pool(p) if p == q);
    let verdict = |q: QueueId| {
        let p = &pools[q.0 as usize];
        if !p.rx_enable {
            Verdict::Drop(DropReason::Disabled)
        } else if len > p.max_frame as usize {
            Verdict::Drop(DropReason::Oversize)
        } else {
            Verdict::Deliver {
                strip: h.tci.is_some() && p.strip_vlan,
            }
        }
    };
    let exact: Vec<(FilterId, QueueId)> = filters
        .iter()
        .filter(|f| f.1 == h.dst && f.2.vid() == vid)
        .map(|f| (f.0, f.3))
        .collect();
    let mut out = Vec::new();
    let flood = |accept: fn(&PoolConfig) -> bool, skip: &[QueueId]| -> Vec<QueueId> {
        (0..POOLS)
            .map(QueueId)
            .filter(|&q| {
                let p = &pools[q.0 as usize];
                accept(p) && p.flood_vlan.is_none_or(|v| v == vid) && !skip.contains(&q) && !excluded(q)
            })
            .collect()
    };
    let broadcast = h.dst == [0xff; 6];
    let multicast = !broadcast && h.dst[0] & 1 == 1;
    if broadcast {
        for q in flood(|p| p.accept_broadcast, &[]) {
            out.push(Target {
                queue: q,
                matched: MatchKind::Flood,
                verdict: verdict(q),
            });
        }
    } else {
        for &(id, q) in &exact {
            if !excluded(q) {
                out.push(Target {
                    queue: q,
                    matched: MatchKind::Filter(id),
                    verdict: verdict(q),
                });
            }
        }
        if multicast {
            let skip: Vec<QueueId> = exact.iter().map(|e| e.1).collect();
            for q in flood(|p| p.accept_multicast, &skip) {
                out.push(Target {
                    queue: q,
                    matched: MatchKind::Flood,
                    verdict: verdict(q),
                });
            }
        } else if exact.is_empty() && source == Source::Wire {
            let q = QueueId::DEFAULT;
            out.push(Target {
                queue: q,
                matched: MatchKind::Default,
                verdict: verdict(q),
            });
        }
    }
    let to_wire = matches!(source, Source::Pool(_)) && (broadcast || multicast || exact.is_empty());
    out.sort_by_key(|t| (t.queue, format!("{:?}", t.matched)));
    (out, to_wire, None)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn hashed_classifier_matches_naive_reference(
        pools in proptest::collection::vec(pool_strategy(), POOLS as usize),
        ops in proptest::collection::vec(
            prop_oneof![
                4 => (0usize..9, 0u8..3, 0u16..POOLS).prop_map(|(m, v, q)| Op::Add(m, v, q)),
                1 => (0usize..64).prop_map(Op::Remove),
                1 => (0usize..64, 0u16..POOLS).prop_map(|(i, q)| Op::Move(i, q)),
            ],
            0..60,
        ),
        frames in proptest::collection::vec(
            (0usize..9, prop_oneof![Just(None), (0u16..4).prop_map(|v| Some(0x2000 | v))], 10usize..1700, 0u16..POOLS + 1),
            1..40,
        ),
    ) {
        let macs = macs();
        let layout = QueueLayout { pf_queues: POOLS - 1, total_vfs: 0 };
        let mut t = Tables::new(layout, 1514);
        for (i, p) in pools.iter().enumerate() {
            t.set_pool(QueueId(i as u16), *p).unwrap();
        }
        let mut model: Vec<(FilterId, MacAddr, VlanMatch, QueueId)> = Vec::new();
        for op in ops {
            match op {
                Op::Add(m, v, q) => {
                    let r = t.add(macs[m], vlan_of(v), QueueId(q));
                    let dup = model.iter().any(|f| f.1 == macs[m] && f.2 == vlan_of(v) && f.3 == QueueId(q));
                    match r {
                        Ok(id) => { prop_assert!(!dup); model.push((id, macs[m], vlan_of(v), QueueId(q))) }
                        Err(e) => { prop_assert!(dup); prop_assert_eq!(e, DeviceError::FilterExists) }
                    }
                }
                Op::Remove(i) if !model.is_empty() => {
                    let f = model.remove(i % model.len());
                    prop_assert_eq!(t.remove(f.0).unwrap().queue, f.3);
                }
                Op::Move(i, q) if !model.is_empty() => {
                    let i = i % model.len();
                    let f = model[i];
                    let dup = model.iter().any(|g| g.0 != f.0 && g.1 == f.1 && g.2 == f.2 && g.3 == QueueId(q));
                    match t.move_filter(f.0, QueueId(q)) {
                        Ok(()) => { prop_assert!(!dup); model[i].3 = QueueId(q) }
                        Err(e) => { prop_assert!(dup); prop_assert_eq!(e, DeviceError::FilterExists) }
                    }
                }
                _ => {}
            }
        }
        prop_assert_eq!(t.filter_count(), model.len());
        for (m, tci, len, src) in frames {
            let f = common::frame(macs[m], [0x02, 9, 9, 9, 9, 9], tci, len);
            let source = if src == POOLS { Source::Wire } else { Source::Pool(QueueId(src)) };
            let d = classify(&t, &f, source);
            let mut got: Vec<Target> = d.targets(&t).collect();
            got.sort_by_key(|t| (t.queue, format!("{:?}", t.matched)));
            let (want, to_wire, drop) = naive(&model, &pools, &f, source);
            prop_assert_eq!(got, want);
            prop_assert_eq!(d.frame_drop, drop);
            if drop.is_none() {
                prop_assert_eq!(d.to_wire, to_wire);
            }
        }
    }
}

#[test]
fn hash_table_holds_4096_filters_and_finds_each_after_churn() {
    let layout = QueueLayout {
        pf_queues: 64,
        total_vfs: 0,
    };
    let mut t = Tables::new(layout, 1514);
    let mac_of = |i: u32| -> MacAddr { [0x02, 0, (i >> 16) as u8, (i >> 8) as u8, i as u8, 7] };
    let ids: Vec<FilterId> = (0..4096u32)
        .map(|i| {
            t.add(mac_of(i), VlanMatch::UntaggedOrZero, QueueId(1 + (i % 64) as u16))
                .unwrap()
        })
        .collect();
    // Remove every third filter: backward-shift deletion must keep the others reachable.
    for (i, id) in ids.iter().enumerate() {
        if i % 3 == 0 {
            t.remove(*id).unwrap();
        }
    }
    for i in 0..4096u32 {
        let f = common::frame(mac_of(i), [0x02, 9, 9, 9, 9, 9], None, 60);
        let targets: Vec<Target> = classify(&t, &f, Source::Wire).targets(&t).collect();
        if i % 3 == 0 {
            assert_eq!(targets[0].matched, MatchKind::Default);
        } else {
            assert_eq!(targets[0].matched, MatchKind::Filter(ids[i as usize]));
            assert_eq!(targets[0].queue, QueueId(1 + (i % 64) as u16));
        }
        assert_eq!(targets.len(), 1);
    }
    assert_eq!(t.filter_count(), 4096 - 1366);
}
