//! The Hyper-V extensible switch as the miniport sees it: VMs, vNICs, and the OID sequences Hyper-V issues.
pub mod guest;
pub mod iov;
pub mod vmq;
