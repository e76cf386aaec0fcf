//! svnic: the NDIS binding (miniport entry points). Filled in by the binding work.
#![no_std]

// User mode (hyperv-sim, tests): std supplies the panic handler and the global allocator.
// On Windows, wdk-panic and wdk-alloc do.
#[cfg(not(windows))]
extern crate std;
