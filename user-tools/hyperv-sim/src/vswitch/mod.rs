//! The Hyper-V extensible switch as the miniport sees it: VMs, vNICs, and the OID sequences Hyper-V issues.
pub mod vmq;
pub mod iov;
