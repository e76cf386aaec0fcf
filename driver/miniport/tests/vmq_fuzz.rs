//! Every VMQ OID is untrusted input: mutated and truncated buffers never panic, a refused
//! request writes nothing and changes no state, and byte counts stay inside the buffer.

mod vmq_support;

use svnic_abi::status::*;
use svnic_miniport::oid::{OidOutcome, RequestType};
use svnic_miniport::vmq::ndis::*;
use vmq_support::*;

fn state(h: &Harness) -> String {
    format!(
        "{:?}|{:?}|{}",
        h.engine.queues(),
        h.engine.filters(None),
        h.nic.filter_count()
    )
}

#[test]
fn mutated_and_truncated_oid_buffers_never_panic_and_refusals_change_nothing() {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut rnd = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n.max(1)
    };
    let h = Harness::new(4, 2);
    h.connect(1, 1, vm_mac(1), None, 0);
    assert_eq!(h.allocate(2, 1).outcome, ok());
    let templates: Vec<(RequestType, u32, Vec<u8>)> = vec![
        (
            RequestType::Method,
            OID_RECEIVE_FILTER_ALLOCATE_QUEUE,
            queue_params(3, 1, 0),
        ),
        (
            RequestType::Method,
            OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE,
            allocation_complete(&[2, 3]),
        ),
        (
            RequestType::Method,
            OID_RECEIVE_FILTER_SET_FILTER,
            filter_params(2, 9, vm_mac(2), Some(7)),
        ),
        (
            RequestType::Set,
            OID_RECEIVE_FILTER_CLEAR_FILTER,
            clear_params(1, 1),
        ),
        (RequestType::Set, OID_RECEIVE_FILTER_FREE_QUEUE, free_params(2)),
        (
            RequestType::Set,
            OID_RECEIVE_FILTER_QUEUE_PARAMETERS,
            affinity_change(1, 1),
        ),
    ];
    let mut refused = 0;
    for i in 0..20_000u32 {
        let (rt, oid, t) = &templates[rnd(templates.len() as u64) as usize];
        let mut b = t.clone();
        // A few random byte writes, biased to the headers and ids at the front.
        for _ in 0..=rnd(4) {
            let at = if rnd(2) == 0 { rnd(48) } else { rnd(b.len() as u64) } as usize;
            if at < b.len() {
                b[at] = rnd(256) as u8;
            }
        }
        let cut = if rnd(4) == 0 {
            rnd(b.len() as u64 + 1) as usize
        } else {
            b.len()
        };
        b.truncate(cut);
        let before = state(&h);
        let n = b.len();
        let r = h.oid(*rt, *oid, &mut b, n);
        assert!(
            r.read as usize <= n && r.written as usize <= n,
            "iteration {i}: counts past the buffer"
        );
        match r.outcome {
            OidOutcome::Complete(s) if s != NDIS_STATUS_SUCCESS => {
                refused += 1;
                assert_eq!((r.read, r.written), (0, 0), "iteration {i}");
                if s == NDIS_STATUS_INVALID_LENGTH {
                    assert!(
                        r.needed as usize > n,
                        "iteration {i}: BytesNeeded {} <= {n}",
                        r.needed
                    );
                }
                assert_eq!(
                    state(&h),
                    before,
                    "iteration {i}: refused {oid:#x} changed state ({s:#x})"
                );
            }
            _ => {}
        }
        h.run_dpcs(16);
        h.return_all();
    }
    assert!(refused > 10_000, "{refused}");
}
