//! svnic-miniport: the miniport's logic, independent of any operating system.
//!
//! It sees the OS only through [`os::Os`] and the hardware only through svnic-device. The binding
//! (package `svnic`) marshals NDIS calls into it; unit tests drive it with a test `Os`.
#![no_std]
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented
    )
)]

extern crate alloc;

pub mod adapter;
pub mod general;
pub mod hw;
pub mod keywords;
pub mod oid;
pub mod os;

// Owned by the VMQ work (issue 5), the SR-IOV work (issue 6).
pub mod sriov;
pub mod vf;
pub mod vmq;
