//! MSI-X: per-function vector tables with a target processor, a per-vector mask, a latched
//! cause and interrupt moderation on the device's virtual clock (QEMU igb EITR, 1 us units).
//!
//! Rules, per vector:
//! * a cause raised while masked is latched (pending) and fires when unmasked (at once, or at
//!   the end of the current moderation interval);
//! * with interval `I > 0`, at most one message per `I` microseconds: a cause inside the window
//!   is latched and fires when the clock reaches `last_fire + I` ([`crate::Device::advance_to`]);
//!   no cause is lost at the end of an interval;
//! * a message is addressed to the processor the vector targets *when it fires*, so retargeting
//!   never loses a latched cause;
//! * firing auto-clears the cause (igb EIAC).

use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use crate::types::Function;

/// What the device sends to the platform: "raise vector `vector` of `function` on `processor`".
/// The binding turns it into a DPC on that processor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MsiMessage {
    /// The function whose MSI-X table holds the vector.
    pub function: Function,
    /// Vector index in that table.
    pub vector: u16,
    /// Target processor programmed for the vector.
    pub processor: u32,
    /// Requester id the message is sent with (the function's PCI identity).
    pub requester: u16,
}

/// Receives MSI-X messages. Called from the data path (receive, transmit, clock), possibly with
/// the device's table read lock held: it must only queue work (e.g. a DPC) and must not call back
/// into the device on the same thread.
pub trait MsiSink: Send + Sync {
    /// Deliver one message.
    fn signal(&self, msg: MsiMessage);
}

/// An [`MsiSink`] that drops every message.
#[derive(Clone, Copy, Debug, Default)]
pub struct NullMsi;

impl MsiSink for NullMsi {
    fn signal(&self, _msg: MsiMessage) {}
}

/// Observable state of one vector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VectorState {
    /// Target processor.
    pub processor: u32,
    /// Vector mask bit.
    pub masked: bool,
    /// A cause is latched and has not fired yet.
    pub pending: bool,
    /// Moderation interval in microseconds (0 = none).
    pub interval_us: u32,
    /// Virtual time of the last message sent while the vector was moderated or masked (a vector
    /// with neither takes a lock-free fast path that does not record it).
    pub last_fire_us: Option<u64>,
}

impl VectorState {
    const INIT: VectorState = VectorState {
        processor: 0,
        masked: false,
        pending: false,
        interval_us: 0,
        last_fire_us: None,
    };

    /// Whether a cause can be signalled at once without touching the state (no mask, no
    /// moderation, nothing latched).
    fn fast(&self) -> bool {
        !self.masked && self.interval_us == 0 && !self.pending
    }

    fn window_open(&self, now: u64) -> bool {
        self.interval_us == 0
            || self
                .last_fire_us
                .is_none_or(|t| now >= t.saturating_add(u64::from(self.interval_us)))
    }

    /// Fire if allowed; returns the processor to signal.
    fn try_fire(&mut self, now: u64) -> Option<u32> {
        if self.pending && !self.masked && self.window_open(now) {
            self.pending = false;
            self.last_fire_us = Some(now);
            Some(self.processor)
        } else {
            None
        }
    }
}

/// One vector: the state under a lock, plus a lock-free mirror for the common case (unmasked,
/// unmoderated): `fast` is written only with the lock held. A cause racing with a mask write may
/// still be signalled, as a message already in flight on real hardware would.
struct Vector {
    state: spin::Mutex<VectorState>,
    fast: AtomicBool,
    processor: AtomicU32,
}

impl Vector {
    fn publish(&self, s: &VectorState) {
        self.processor.store(s.processor, Ordering::Relaxed);
        self.fast.store(s.fast(), Ordering::Release);
    }
}

/// One function's MSI-X table.
pub(crate) struct MsixTable {
    function: Function,
    requester: u16,
    vectors: Vec<Vector>,
}

impl MsixTable {
    pub fn new(function: Function, requester: u16, count: u16) -> Self {
        MsixTable {
            function,
            requester,
            vectors: (0..count)
                .map(|_| Vector {
                    state: spin::Mutex::new(VectorState::INIT),
                    fast: AtomicBool::new(VectorState::INIT.fast()),
                    processor: AtomicU32::new(0),
                })
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.vectors.len()
    }

    pub fn reset(&self) {
        for v in &self.vectors {
            let mut s = v.state.lock();
            *s = VectorState::INIT;
            v.publish(&s);
        }
    }

    fn msg(&self, vector: u16, processor: u32) -> MsiMessage {
        MsiMessage {
            function: self.function,
            vector,
            processor,
            requester: self.requester,
        }
    }

    pub fn state(&self, vector: u16) -> Option<VectorState> {
        self.vectors.get(usize::from(vector)).map(|v| *v.state.lock())
    }

    /// Raise a cause; returns the message to send (after the vector lock is released).
    pub fn raise(&self, vector: u16, now: u64) -> Option<MsiMessage> {
        let v = self.vectors.get(usize::from(vector))?;
        if v.fast.load(Ordering::Acquire) {
            return Some(self.msg(vector, v.processor.load(Ordering::Relaxed)));
        }
        let p = {
            let mut s = v.state.lock();
            s.pending = true;
            let p = s.try_fire(now);
            v.publish(&s);
            p
        };
        p.map(|p| self.msg(vector, p))
    }

    pub fn update(
        &self,
        vector: u16,
        now: u64,
        f: impl FnOnce(&mut VectorState),
    ) -> Result<Option<MsiMessage>, crate::DeviceError> {
        let v = self
            .vectors
            .get(usize::from(vector))
            .ok_or(crate::DeviceError::NoSuchVector)?;
        let p = {
            let mut s = v.state.lock();
            f(&mut s);
            let p = s.try_fire(now);
            v.publish(&s);
            p
        };
        Ok(p.map(|p| self.msg(vector, p)))
    }

    /// Fire every vector whose moderation window has ended; calls `emit` for each message.
    pub fn tick(&self, now: u64, emit: &mut impl FnMut(MsiMessage)) {
        for (i, v) in self.vectors.iter().enumerate() {
            if v.fast.load(Ordering::Acquire) {
                continue;
            }
            let p = {
                let mut s = v.state.lock();
                let p = s.try_fire(now);
                v.publish(&s);
                p
            };
            if let (Some(p), Ok(i)) = (p, u16::try_from(i)) {
                emit(self.msg(i, p));
            }
        }
    }
}
