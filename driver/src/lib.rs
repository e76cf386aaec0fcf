//! svnic: the NDIS binding. The `MiniportXxx` entry points NDIS calls, `DriverEntry`, the `Os`
//! implementation over NDIS and kernel imports, and the control-device protocol server. All
//! logic lives in svnic-miniport; every handler here only marshals.
//!
//! # Entry points (see `handlers`)
//! - `DriverEntry` registers NDIS 6.30 characteristics with the full handler set and a driver
//!   context that owns the hub (one per driver: two svnic adapters are two NICs on one wire).
//! - `MiniportInitializeEx` opens the configuration, reads the standardized keywords lazily
//!   (the miniport's decision table decides which), sets registration attributes, initializes the
//!   adapter (default-queue shared memory, its NBL bank, the NIC on the hub), sets general
//!   attributes (the supported-OID list is derived from the OID table).
//! - `MiniportOidRequest` views NDIS's information buffer as an `OidRequest` and writes
//!   BytesRead/Written/Needed back; a pended request completes via `NdisMOidRequestComplete`.
//! - `MiniportSendNetBufferLists` passes each NET_BUFFER (its MDL chain as slices) to the
//!   adapter's transmit path and completes the whole chain before returning
//!   (NDIS_STATUS_PAUSED while not running).
//! - Receive: NIC vector -> `KeInsertQueueDpc` of the DPC targeted at the vector's processor ->
//!   `Adapter::dpc` -> `Os::indicate_receive` fills the bank's preallocated NBLs and calls
//!   `NdisMIndicateReceiveNetBufferLists`.
//! - `MiniportPause` returns PENDING until sends and receives drained (`NdisMPauseComplete`);
//!   `MiniportHaltEx` then finds nothing outstanding, flushes the DPCs and frees everything.
//!
//! # NBL ownership
//! Receive NBLs (one per receive buffer slot, allocated when the queue's memory is set up) are
//! the driver's; between `NdisMIndicateReceiveNetBufferLists` and `MiniportReturnNetBufferLists`
//! they are NDIS's. The slot is recorded in the NBL's MiniportReserved, so a return never trusts
//! the QueueId. Send NBLs are NDIS's, lent to the driver until `NdisMSendNetBufferListsComplete`,
//! which happens before `MiniportSendNetBufferLists` returns.
//!
//! # Imports
//! `imports` declares every NDIS and kernel function called, with the WDK signature. On Windows
//! they link to ndis.sys / ntoskrnl; elsewhere hyperv-sim exports the same symbols.
#![no_std]
#![allow(non_snake_case)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::unreachable,
    clippy::todo,
    clippy::unimplemented
)]

// User mode (hyperv-sim, tests): std supplies the panic handler and the global allocator.
// On Windows, wdk-panic and wdk-alloc do.
#[cfg(not(windows))]
extern crate std;

extern crate alloc;

pub mod ctl;
pub mod driver;
mod handlers;
pub mod imports;
mod ndis_os;
mod oid_gate;
mod rundown;
#[cfg(windows)]
mod windows;

pub use driver::{with_driver, AdapterEntry, DriverCtx, DriverEntry};
