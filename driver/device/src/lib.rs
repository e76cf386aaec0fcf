//! svnic-device: the NIC the driver drives, modeled in software.
//!
//! It knows PCI and Ethernet, never NDIS or OIDs. Everything a function (PF or VF) can write is
//! untrusted input: a bad access is ignored or reads all-ones, never a panic. Behavioural
//! reference: QEMU `igb` (82576) - see `shared/spec/device-model.md`.
//!
//! # The API in two minutes
//!
//! ```
//! use std::sync::Arc;
//! use svnic_device::*;
//!
//! let dev = Arc::new(Device::new(DeviceConfig::default(), Arc::new(NullMsi)).unwrap());
//! dev.attach_wire(Arc::new(NullWire), 0);
//!
//! // A VMQ queue for a VM: memory, buffers, a MAC filter, enable.
//! let q = dev.layout().pf_queue(1).unwrap();
//! dev.set_rx_region(q, Arc::new(VecRegion::new(64 * 2048))).unwrap();
//! dev.post_rx(q, &[RxDesc { offset: 0, len: 2048 }]).unwrap();
//! let mac = [0x02, 0, 0, 0, 0, 0x10];
//! let f = dev.add_filter(mac, VlanMatch::UntaggedOrZero, q).unwrap();
//! dev.update_pool(q, |p| p.rx_enable = true).unwrap();
//! dev.enable_rx(q, true).unwrap();
//!
//! // A frame from the wire lands in that queue; the queue's MSI-X vector fires.
//! let mut frame = [0u8; 64];
//! frame[..6].copy_from_slice(&mac);
//! dev.receive(&frame);
//! let mut done = [RxCompletion::default(); 8];
//! assert_eq!(dev.poll_rx(q, &mut done), 1);
//! assert_eq!(done[0].matched, MatchKind::Filter(f));
//! ```
//!
//! * **Build**: [`Device::new`]`(`[`DeviceConfig`]`, Arc<dyn `[`MsiSink`]`>)`, then
//!   [`Device::attach_wire`]. Share the device in an `Arc`; every method takes `&self`.
//! * **Queues = pools** ([`QueueLayout`]): queue 0 is the default queue, queues 1..=pf_queues
//!   are PF VMQ / vPort queues, VF `n` owns queue `pf_queues + 1 + n`. Pool policy
//!   ([`PoolConfig`]: rx/tx enable, max frame, VLAN strip, accept broadcast/multicast,
//!   anti-spoof MAC/VLAN) via [`Device::update_pool`].
//! * **Filters**: [`Device::add_filter`] / [`Device::remove_filter`] / [`Device::move_filter`]
//!   (atomic retarget: the VMQ <-> VF data-path switch).
//! * **Receive**: [`Device::set_rx_region`] (a [`DmaRegion`]), [`Device::post_rx`] or
//!   [`Device::write_rx_desc`] + [`Device::set_rx_tail`], [`Device::enable_rx`], then
//!   [`Device::poll_rx`] -> [`RxCompletion`]s. Frames come in with [`Device::receive`] (the
//!   [`WirePort`] a hub calls). Classification: [`classify`] (pure).
//! * **Transmit**: [`Device::set_tx_region`] + [`Device::post_tx`] / [`Device::poll_tx`], or
//!   [`Device::transmit`] for one frame; both pass anti-spoofing and the embedded switch.
//! * **Interrupts**: per function MSI-X tables: [`Device::set_vector_processor`],
//!   [`Device::set_vector_masked`], [`Device::set_moderation`], [`Device::set_queue_vector`];
//!   virtual clock [`Device::advance_to`] / [`Device::tick`]. Messages go to [`MsiSink::signal`].
//! * **PCI**: [`Device::config_read`] / [`Device::config_write`] for [`Function::Pf`] and
//!   [`Function::Vf`]; the PF has the SR-IOV capability at [`cfgspace::SRIOV_CAP`] (offsets from
//!   `svnic_abi::pci`). As the SR-IOV spec says, an enabled VF's Vendor/Device ID read 0xFFFF:
//!   its identity is the PF vendor id + the capability's VF Device ID; a VF not enabled reads
//!   all-ones everywhere. VF requester ids: [`Device::vf_requester_id`].
//! * **PF<->VF**: mailbox ([`Device::pf_mbx_send`], [`Device::vf_mbx_send`], register-level
//!   `*_mbx_read/write`), PF events [`Device::pf_take_vf_events`] ([`VfEvents`]); resets
//!   [`Device::pf_software_reset`], [`Device::pf_reset_done`], [`Device::pf_flr`],
//!   [`Device::vf_flr`]. The VF driver uses [`Device::vf`] -> [`VfHandle`], which can reach only
//!   its own queue pair, vectors and mailbox (and a VF BAR0 register window). [`refpf::RefPf`]
//!   is a reference PF agent for the ixgbe-style mailbox protocol.
//! * **Counters**: [`Device::counters`] per queue/pool, [`Device::device_counters`].
//! * **Wire**: [`Wire`] with [`NullWire`], [`LoopbackWire`], [`Hub`], [`CaptureWire`], and
//!   [`pcap::PcapWire`] wrapping any of them.
//!
//! Threading: a receive takes the table read lock and only the target queue's lock; management
//! calls take the table write lock. [`MsiSink::signal`] may be called with the table read lock
//! (and, on the transmit path, the source queue's transmit lock) held, so a sink must only queue
//! work (a DPC) and never call back into the device on the same thread.
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
#[cfg(any(test, feature = "std"))]
extern crate std;

pub mod cfgspace;
pub mod classifier;
pub mod config;
pub mod counters;
pub mod datapath;
pub mod device;
pub mod dma;
pub mod filters;
pub mod frame;
pub mod irq;
pub mod mailbox;
pub mod pcap;
pub mod pfvf;
pub mod queueset;
pub mod refpf;
pub mod ring;
pub mod sriov;
pub mod types;
pub mod vf;
pub mod wire;

pub use classifier::{classify, Decision, FrameKind, MatchKind, Source, Target, Verdict};
pub use config::{DeviceConfig, QueueLayout};
pub use counters::{DeviceCounters, DirCounters, DropCounts, QueueCounters};
pub use datapath::TxOutcome;
pub use device::{Device, VfEvents};
pub use dma::{DmaRegion, VecRegion};
pub use filters::{FilterInfo, PoolConfig, Tables};
pub use irq::{MsiMessage, MsiSink, NullMsi, VectorState};
pub use ring::{RxCompletion, RxDesc, TxCompletion, TxDesc, TxStatus};
pub use types::{DeviceError, DropReason, FilterId, Function, MacAddr, QueueId, VlanMatch};
pub use vf::VfHandle;
pub use wire::{CaptureWire, Hub, LoopbackWire, NullWire, PortId, Wire, WirePort};
