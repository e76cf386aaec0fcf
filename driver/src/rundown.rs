//! Rundown protection for the control device's use of an adapter (the pattern of the kernel's
//! ExAcquireRundownProtection / ExWaitForRundownProtectionRelease, kept here so it runs under
//! hyperv-sim too).
//!
//! The control device finds an adapter in the driver's list and then calls into it (an OID
//! passthrough, an injected frame). MiniportHaltEx removes the adapter from the list first and
//! then closes its rundown: from then on no control request can start on it, and halt waits
//! until every request already inside has left before it stops the NIC and frees its memory.
//! A request is one synchronous call (the OIDs that can pend are refused before the call), and
//! MiniportHaltEx runs at PASSIVE_LEVEL, so the wait is short and may spin.

use core::sync::atomic::{AtomicU32, Ordering};

/// Set once the rundown is closed; the low bits count the users inside.
const CLOSED: u32 = 1 << 31;

#[derive(Debug, Default)]
pub(crate) struct Rundown {
    state: AtomicU32,
}

/// One user inside; leaves on drop.
#[derive(Debug)]
pub(crate) struct RundownGuard<'a> {
    rundown: &'a Rundown,
}

impl Drop for RundownGuard<'_> {
    fn drop(&mut self) {
        self.rundown.state.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Rundown {
    pub(crate) const fn new() -> Self {
        Self {
            state: AtomicU32::new(0),
        }
    }

    /// Enter: `None` once the rundown is closed (the adapter is halting).
    pub(crate) fn acquire(&self) -> Option<RundownGuard<'_>> {
        self.state
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |s| {
                (s & CLOSED == 0 && s & !CLOSED != !CLOSED).then(|| s.wrapping_add(1))
            })
            .ok()
            .map(|_| RundownGuard { rundown: self })
    }

    /// Close (no new user enters) and wait until the users inside have left.
    pub(crate) fn close_and_wait(&self) {
        self.state.fetch_or(CLOSED, Ordering::AcqRel);
        while self.state.load(Ordering::Acquire) & !CLOSED != 0 {
            core::hint::spin_loop();
        }
    }

    /// Users inside right now.
    #[cfg(test)]
    pub(crate) fn users(&self) -> u32 {
        self.state.load(Ordering::Acquire) & !CLOSED
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicBool;
    use std::time::Duration;

    #[test]
    fn users_enter_until_closed_and_none_after() {
        let r = Rundown::new();
        let a = r.acquire();
        let b = r.acquire();
        assert!(a.is_some() && b.is_some());
        assert_eq!(r.users(), 2);
        drop((a, b));
        assert_eq!(r.users(), 0);
        r.close_and_wait();
        assert!(r.acquire().is_none());
        assert_eq!(r.users(), 0);
    }

    #[test]
    fn close_waits_for_the_user_inside_and_refuses_new_ones_meanwhile() {
        let r = Rundown::new();
        let closed = AtomicBool::new(false);
        let guard = r.acquire();
        assert!(guard.is_some());
        std::thread::scope(|s| {
            let halt = s.spawn(|| {
                r.close_and_wait();
                closed.store(true, Ordering::Release);
            });
            // Wait until the closing thread has set CLOSED (new users are refused from then).
            while r.acquire().is_some() {
                std::thread::yield_now();
            }
            std::thread::sleep(Duration::from_millis(20));
            assert!(
                !closed.load(Ordering::Acquire),
                "close returned with a user inside"
            );
            assert_eq!(r.users(), 1);
            drop(guard);
            assert!(halt.join().is_ok());
        });
        assert!(closed.load(Ordering::Acquire));
        assert!(r.acquire().is_none());
    }
}
