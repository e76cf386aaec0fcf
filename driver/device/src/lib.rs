//! svnic-device: the NIC the driver drives, modeled in software.
//!
//! It knows PCI and Ethernet, never NDIS or OIDs. Everything a function (PF or VF) can write is
//! untrusted input: a bad access is ignored or reads all-ones, never a panic.
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

pub mod dma;
