//! Receive-path benchmarks.
//!
//! * `classifier/{1,64,4096}`: the pure classifier (hash lookup + target iteration with per-pool
//!   verdicts) over 64-byte unicast frames that each hit an existing filter, cycling through 256
//!   different destination MACs (or the single MAC when there is one filter).
//! * `rx_full/{64,1514}`: `Device::receive` into one queue - table read lock, classify, queue
//!   lock, DMA copy into a `VecRegion`, descriptor writeback, counters, MSI-X vector decision -
//!   in batches of 32, plus the driver's poll and re-post of those 32 buffers.
//!
//! Run: `cargo bench -p svnic-device -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use svnic_device::frame::build_frame;
use svnic_device::*;

fn mac_of(i: u32) -> MacAddr {
    [0x02, 0x10, (i >> 16) as u8, (i >> 8) as u8, i as u8, 0x01]
}

fn frame64(dst: MacAddr) -> Vec<u8> {
    let mut f = vec![0u8; 64];
    build_frame(&mut f, dst, [0x02, 0, 0, 0, 0, 0xee], None, 0x0800, &[0u8; 50]).unwrap();
    f
}

fn classifier(c: &mut Criterion) {
    let mut g = c.benchmark_group("classifier");
    const BATCH: usize = 256;
    g.throughput(Throughput::Elements(BATCH as u64));
    for n in [1u32, 64, 4096] {
        let layout = QueueLayout {
            pf_queues: 64,
            total_vfs: 0,
        };
        let mut t = Tables::new(layout, 1514);
        for i in 0..n {
            t.add(mac_of(i), VlanMatch::UntaggedOrZero, QueueId(1 + (i % 64) as u16))
                .unwrap();
            t.set_pool(
                QueueId(1 + (i % 64) as u16),
                PoolConfig {
                    rx_enable: true,
                    ..PoolConfig::disabled(1514)
                },
            )
            .unwrap();
        }
        // Spread the 256 frames over the whole table (stride through it).
        let frames: Vec<Vec<u8>> = (0..BATCH as u32)
            .map(|k| frame64(mac_of((k.wrapping_mul(2654435761)) % n)))
            .collect();
        g.bench_with_input(BenchmarkId::from_parameter(n), &frames, |b, frames| {
            b.iter(|| {
                let mut acc = 0usize;
                for f in frames {
                    let d = classify(&t, black_box(f), Source::Wire);
                    for tg in d.targets(&t) {
                        acc = acc.wrapping_add(tg.queue.index());
                        if let Verdict::Deliver { strip } = tg.verdict {
                            acc = acc.wrapping_add(strip as usize);
                        }
                    }
                }
                black_box(acc)
            })
        });
    }
    g.finish();
}

fn rx_full(c: &mut Criterion) {
    let mut g = c.benchmark_group("rx_full");
    const BATCH: usize = 32;
    for len in [64usize, 1514] {
        let dev = Device::new(
            DeviceConfig {
                rx_ring_len: 256,
                ..DeviceConfig::default()
            },
            Arc::new(NullMsi),
        )
        .unwrap();
        let q = dev.layout().pf_queue(1).unwrap();
        let region = Arc::new(VecRegion::new(256 * 2048));
        dev.set_rx_region(q, region).unwrap();
        let descs: Vec<RxDesc> = (0..128)
            .map(|i| RxDesc {
                offset: i * 2048,
                len: 2048,
            })
            .collect();
        dev.post_rx(q, &descs).unwrap();
        dev.enable_rx(q, true).unwrap();
        dev.update_pool(q, |p| p.rx_enable = true).unwrap();
        let m = mac_of(7);
        dev.add_filter(m, VlanMatch::UntaggedOrZero, q).unwrap();
        for i in 0..4095 {
            dev.add_filter(mac_of(1000 + i), VlanMatch::UntaggedOrZero, QueueId(2))
                .unwrap();
        }
        let mut f = vec![0u8; len];
        build_frame(
            &mut f,
            m,
            [0x02, 0, 0, 0, 0, 0xee],
            None,
            0x0800,
            &vec![0u8; len - 14],
        )
        .unwrap();
        let mut done = vec![RxCompletion::default(); BATCH];
        let mut repost = vec![RxDesc::default(); BATCH];
        g.throughput(Throughput::Elements(BATCH as u64));
        g.bench_function(BenchmarkId::new("frames", len), |b| {
            b.iter(|| {
                for _ in 0..BATCH {
                    dev.receive(black_box(&f));
                }
                let n = dev.poll_rx(q, &mut done);
                for (r, c) in repost.iter_mut().zip(&done[..n]) {
                    *r = RxDesc {
                        offset: c.offset,
                        len: 2048,
                    };
                }
                dev.post_rx(q, &repost[..n]).unwrap();
            })
        });
        g.throughput(Throughput::Bytes((BATCH * len) as u64));
        g.bench_function(BenchmarkId::new("bytes", len), |b| {
            b.iter(|| {
                for _ in 0..BATCH {
                    dev.receive(black_box(&f));
                }
                let n = dev.poll_rx(q, &mut done);
                for (r, c) in repost.iter_mut().zip(&done[..n]) {
                    *r = RxDesc {
                        offset: c.offset,
                        len: 2048,
                    };
                }
                dev.post_rx(q, &repost[..n]).unwrap();
            })
        });
        assert_eq!(dev.counters(q).unwrap().rx.drops.total(), 0);
    }
    g.finish();
}

criterion_group!(benches, classifier, rx_full);
criterion_main!(benches);
