//! hyperv-sim: an emulated NDIS and Hyper-V host in user mode that calls svnic's real
//! `extern "system"` miniport entry points.
pub mod vswitch;
