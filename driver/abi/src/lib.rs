//! svnic-abi: the NDIS and PCI ABI svnic speaks, byte for byte as in the WDK headers (x64, LLP64:
//! ULONG = u32), with every revision's `NDIS_SIZEOF_*`, the OID / status / flag constants, and
//! bounds-checked, zero-copy readers and writers for OID information buffers.
//!
//! This is a `*_defs` crate: layouts and codes only, no knowledge of queues, VMs or the device.
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

pub mod layout;
pub mod status;

// Owned by the ABI work (issue 2).
pub mod buf;
pub mod general;
pub mod header;
pub mod hw_assist;
pub mod indication;
pub mod oid;
pub mod oid_request;
pub mod pci;
pub mod sriov;
pub mod vmq;

// Owned by the binding work (issue 4).
pub mod ctl;
pub mod miniport_chars;
pub mod nbl;
