//! hyperv-sim: an emulated NDIS and Hyper-V host in user mode that calls svnic's real
//! `extern "system"` miniport entry points.
//!
//! - `exports`: the NDIS and kernel functions the binding imports, with real semantics.
//! - `cpu`: simulated processors running DPCs with kernel semantics.
//! - `host`: the API for tests, svnicctl and benchmarks (hosts with N adapters on a hub,
//!   OIDs through NDIS_OID_REQUEST, sends, wire injection, captures, halt with leak checks).
//! - `demo`: a small readable two-adapter run.
pub mod cpu;
pub mod demo;
pub mod exports;
pub mod host;
pub mod state;
pub mod vswitch;

pub use host::{AdapterRef, Host, HostBuilder, HostError, OidResult};
pub use state::{AllocKind, CapturedRx, CapturedStatus, ConfigValue, HwAssist, LeakReport};
pub use svnic_miniport::oid::RequestType;
