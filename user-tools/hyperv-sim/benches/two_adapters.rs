//! Throughput of the whole binding path under hyperv-sim: MiniportSendNetBufferLists on one
//! adapter -> device transmit -> hub -> the other device's default queue -> MSI-X -> DPC on a
//! simulated processor -> NdisMIndicateReceiveNetBufferLists -> return. One iteration sends a
//! batch of 32 frames of 64 or 1514 bytes and waits until all 32 were indicated.
//!
//! `cargo bench -p hyperv-sim --bench two_adapters`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use hyperv_sim::{Host, RequestType};
use std::time::Duration;

fn bench(c: &mut Criterion) {
    let host = Host::builder().processors(2).adapters(2).build().unwrap();
    for i in 0..2 {
        host.adapter(i)
            .oid(RequestType::Set, 0x0001_010E, &1u32.to_le_bytes(), 0);
    }
    let m1: [u8; 6] = host.adapter(1).query(0x0101_0102, 6).out.try_into().unwrap();
    let mut g = c.benchmark_group("binding_send_to_indicate");
    for len in [64usize, 1514] {
        let mut f = [m1.as_slice(), &[2, 0, 0, 0, 0, 9], &[0x88, 0xB5]].concat();
        f.resize(len, 0x5A);
        let batch: Vec<Vec<u8>> = vec![f; 32];
        g.throughput(Throughput::Elements(32));
        g.bench_with_input(BenchmarkId::from_parameter(len), &batch, |b, batch| {
            b.iter(|| {
                host.adapter(0).send(batch);
                let rx = host.adapter(1);
                assert!(rx.wait_received(32, Duration::from_secs(10)));
                assert_eq!(rx.take_received().len(), 32);
            })
        });
    }
    g.finish();
    host.halt().unwrap();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
