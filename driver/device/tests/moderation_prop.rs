//! Interrupt moderation on the virtual clock, against random cause / mask / clock sequences:
//! messages of one vector are at least the interval apart, none is sent while masked, and no
//! latched cause is lost (after unmasking and letting an interval pass, nothing is pending and
//! every cause raised after the last message was followed by a message).

mod common;

use std::sync::{Arc, Mutex, OnceLock, Weak};

use proptest::prelude::*;
use svnic_device::*;

#[derive(Default)]
struct TimedMsi {
    dev: OnceLock<Weak<Device>>,
    times: Mutex<Vec<u64>>,
}

impl MsiSink for TimedMsi {
    fn signal(&self, m: MsiMessage) {
        if m.function == Function::Pf && m.vector == 1 {
            let now = self.dev.get().and_then(Weak::upgrade).map_or(0, |d| d.now_us());
            self.times.lock().unwrap().push(now);
        }
    }
}

#[derive(Clone, Debug)]
enum Op {
    Advance(u64),
    Cause,
    Mask(bool),
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn moderated_vector_spaces_messages_and_loses_no_cause(
        interval in 0u32..200,
        ops in proptest::collection::vec(prop_oneof![
            3 => (0u64..150).prop_map(Op::Advance),
            4 => Just(Op::Cause),
            1 => any::<bool>().prop_map(Op::Mask),
        ], 1..120),
    ) {
        let msi = Arc::new(TimedMsi::default());
        let dev = Arc::new(Device::new(DeviceConfig { total_vfs: 0, pf_queues: 1, ..DeviceConfig::default() }, msi.clone()).unwrap());
        msi.dev.set(Arc::downgrade(&dev)).unwrap();
        let pf = Function::Pf;
        dev.set_moderation(pf, 1, interval).unwrap();
        let mut masked = false;
        let mut last_cause: Option<u64> = None;
        let mut masked_spans: Vec<(u64, u64)> = Vec::new();
        let mut mask_start = 0u64;
        for op in ops {
            match op {
                Op::Advance(d) => dev.tick(d),
                Op::Cause => {
                    last_cause = Some(dev.now_us());
                    dev.trigger_vector(pf, 1).unwrap();
                }
                Op::Mask(m) => {
                    if m && !masked {
                        mask_start = dev.now_us();
                    }
                    if !m && masked {
                        masked_spans.push((mask_start, dev.now_us()));
                    }
                    masked = m;
                    dev.set_vector_masked(pf, 1, m).unwrap();
                }
            }
        }
        // Unmask and let the interval run out: the latch must drain.
        if masked {
            masked_spans.push((mask_start, dev.now_us()));
        }
        dev.set_vector_masked(pf, 1, false).unwrap();
        dev.tick(u64::from(interval) + 1);
        prop_assert!(!dev.vector_state(pf, 1).unwrap().pending);
        let times = msi.times.lock().unwrap().clone();
        for w in times.windows(2) {
            prop_assert!(w[1] >= w[0] + u64::from(interval), "messages {:?} closer than {}", w, interval);
        }
        // Nothing signalled strictly inside a masked span (the unmask instant may fire).
        for t in &times {
            for (a, b) in &masked_spans {
                prop_assert!(!(*t > *a && *t < *b), "message at {} while masked {:?}", t, (a, b));
            }
        }
        // The last cause was answered by a message at or after it.
        if let Some(c) = last_cause {
            prop_assert!(times.last().is_some_and(|&t| t >= c));
        }
    }
}
