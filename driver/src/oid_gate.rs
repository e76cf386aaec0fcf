//! The per-adapter OID gate: NDIS's own OID requests and the control device's OID passthrough
//! never overlap on one adapter (the miniport relies on NDIS's one-OID-at-a-time ordering,
//! net/miniport-adapter-oid-request-serialization.md).
//!
//! An NDIS OID is in flight from `MiniportOidRequest`'s entry until it returns a final status,
//! or, when it returned NDIS_STATUS_PENDING, until the binding hands it back through
//! `NdisMOidRequestComplete` (`NdisOs::complete_oid`). A passthrough only starts when nothing
//! is in flight and is refused (busy) otherwise; an NDIS OID that finds a passthrough running
//! waits for it. That wait is short and bounded: a passthrough is one synchronous call into the
//! miniport (the OIDs that can pend are refused before the call, `svnic_abi::ctl`), and NDIS
//! calls MiniportOidRequest at PASSIVE_LEVEL, where a spinning thread can be preempted.
//!
//! The NDIS side is a count, not a flag, so that an NDIS OID that has announced itself blocks
//! every new passthrough while it waits (no starvation by a stream of passthroughs), and so a
//! caller that issues OIDs concurrently (which NDIS does not do) cannot wedge the gate.

use core::sync::atomic::{AtomicU32, Ordering};

/// Set while a passthrough runs (or, should the miniport ever pend one, until its completion).
const CTL: u32 = 1 << 31;
/// NDIS OIDs in flight (announced and not yet finished).
const NDIS_MASK: u32 = CTL - 1;

#[derive(Debug, Default)]
pub(crate) struct OidGate {
    state: AtomicU32,
}

impl OidGate {
    pub(crate) const fn new() -> Self {
        Self {
            state: AtomicU32::new(0),
        }
    }

    /// MiniportOidRequest entry: announce the NDIS OID (from now on no passthrough starts),
    /// then wait out a passthrough already running.
    pub(crate) fn ndis_begin(&self) {
        let _ = self.state.fetch_update(Ordering::AcqRel, Ordering::Acquire, |s| {
            (s & NDIS_MASK != NDIS_MASK).then(|| (s & CTL) | (s & NDIS_MASK).wrapping_add(1))
        });
        while self.state.load(Ordering::Acquire) & CTL != 0 {
            core::hint::spin_loop();
        }
    }

    /// The NDIS OID is finished: MiniportOidRequest returned a final status, or the binding is
    /// about to call NdisMOidRequestComplete for it.
    pub(crate) fn ndis_end(&self) {
        let _ = self.state.fetch_update(Ordering::AcqRel, Ordering::Acquire, |s| {
            (s & NDIS_MASK != 0).then(|| (s & CTL) | (s & NDIS_MASK).wrapping_sub(1))
        });
    }

    /// Start a passthrough: `false` (busy) when an NDIS OID is in flight or another passthrough
    /// runs.
    pub(crate) fn ctl_try_begin(&self) -> bool {
        self.state
            .compare_exchange(0, CTL, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
    }

    /// The passthrough finished (or the miniport completed one it had pended).
    pub(crate) fn ctl_end(&self) {
        self.state.fetch_and(!CTL, Ordering::AcqRel);
    }

    /// NDIS OIDs in flight.
    #[cfg(test)]
    pub(crate) fn ndis_in_flight(&self) -> u32 {
        self.state.load(Ordering::Acquire) & NDIS_MASK
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicBool;
    use std::time::Duration;

    #[test]
    fn a_passthrough_is_refused_while_an_ndis_oid_is_in_flight_and_runs_after_it_ends() {
        let g = OidGate::new();
        g.ndis_begin();
        assert_eq!(g.ndis_in_flight(), 1);
        assert!(!g.ctl_try_begin());
        g.ndis_end();
        assert_eq!(g.ndis_in_flight(), 0);
        assert!(g.ctl_try_begin());
        // A second passthrough while the first runs is refused too.
        assert!(!g.ctl_try_begin());
        g.ctl_end();
        assert!(g.ctl_try_begin());
        g.ctl_end();
    }

    #[test]
    fn an_unmatched_end_leaves_the_gate_consistent() {
        let g = OidGate::new();
        g.ndis_end();
        assert_eq!(g.ndis_in_flight(), 0);
        assert!(g.ctl_try_begin());
        g.ndis_end();
        g.ctl_end();
        assert!(g.ctl_try_begin());
        g.ctl_end();
    }

    #[test]
    fn an_ndis_oid_waits_for_the_running_passthrough_and_blocks_new_ones() {
        let g = OidGate::new();
        let entered = AtomicBool::new(false);
        assert!(g.ctl_try_begin());
        std::thread::scope(|s| {
            let ndis = s.spawn(|| {
                g.ndis_begin();
                entered.store(true, Ordering::Release);
            });
            while g.ndis_in_flight() == 0 {
                std::thread::yield_now();
            }
            std::thread::sleep(Duration::from_millis(20));
            // Announced but still waiting: the passthrough has not ended.
            assert!(!entered.load(Ordering::Acquire));
            g.ctl_end();
            assert!(ndis.join().is_ok());
        });
        assert!(entered.load(Ordering::Acquire));
        // The NDIS OID is in flight now: passthroughs are refused until it ends.
        assert!(!g.ctl_try_begin());
        g.ndis_end();
        assert!(g.ctl_try_begin());
        g.ctl_end();
    }
}
