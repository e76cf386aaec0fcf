//! The VF miniport adapter: what a binding holds for an adapter initialized in a child partition
//! (spec 2.7). MiniportInitializeEx reads the configuration from the PF over the backchannel,
//! tells the PF which driver runs, then sets the VF's own queue up; OIDs go to the VF miniport;
//! the VF's vector queues the VF's own DPC; MiniportHaltEx stops the queue and frees its memory.

use super::datapath::VfDataPath;
use super::VfMiniport;
use crate::oid::{OidOutcome, OidRequest};
use crate::os::{Os, ProcessorNumber};
use alloc::sync::Arc;
use svnic_abi::status::NdisStatus;
use svnic_device::Device;

/// How the VF's receive queue is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VfQueueConfig {
    pub slots: u32,
    pub slot_len: u32,
    /// Target processor of the queue's MSI-X vector.
    pub processor: ProcessorNumber,
}

/// An initialized VF miniport adapter.
///
/// OIDs, the DPC and returns work on `&self`: the OID state and the DPC's scratch state have
/// separate locks, and returns take none, so the DPC never waits on an OID and a return made
/// from inside the DPC's indication never waits on the DPC.
#[derive(Debug)]
pub struct VfAdapter {
    miniport: spin::Mutex<VfMiniport>,
    path: Option<VfDataPath>,
}

impl VfAdapter {
    /// MiniportInitializeEx in a child partition on VF `vf` of `dev`. Fails, with nothing left
    /// allocated, if the PF's blocks cannot be read or the queue cannot be set up.
    pub fn initialize(os: &dyn Os, dev: Arc<Device>, vf: u16, q: VfQueueConfig) -> Result<Self, NdisStatus> {
        let miniport = VfMiniport::initialize(os)?;
        let path = VfDataPath::start(os, dev, vf, q.slots, q.slot_len, q.processor)?;
        Ok(Self {
            miniport: spin::Mutex::new(miniport),
            path: Some(path),
        })
    }

    /// The VF miniport's state (configuration read from the PF, invalidation counters), copied.
    pub fn miniport(&self) -> VfMiniport {
        *self.miniport.lock()
    }

    /// MiniportOidRequest of the VF adapter (NDIS serializes OIDs; the DPC never takes this lock).
    pub fn oid(&self, os: &dyn Os, req: &mut OidRequest<'_>) -> OidOutcome {
        self.miniport.lock().handle_oid(os, req)
    }

    /// The VF's queue vector fired: queue its DPC.
    pub fn interrupt(&self, os: &dyn Os) -> bool {
        self.path.as_ref().is_some_and(|p| p.interrupt(os))
    }

    /// The VF's receive DPC; returns the frames indicated (0 once halted).
    pub fn dpc(&self, os: &dyn Os) -> usize {
        self.path.as_ref().map_or(0, |p| p.dpc(os))
    }

    /// NDIS returned receive slot `slot`.
    pub fn return_rx(&self, slot: u32) -> bool {
        self.path.as_ref().is_some_and(|p| p.return_rx(slot))
    }

    /// Frames indicated so far.
    pub fn indicated(&self) -> u64 {
        self.path.as_ref().map_or(0, VfDataPath::indicated)
    }

    /// MiniportHaltEx: stop the queue, free its bank and memory. Idempotent.
    pub fn halt(&mut self, os: &dyn Os) {
        if let Some(mut p) = self.path.take() {
            p.stop(os);
        }
    }

    /// Whether the adapter was halted.
    pub fn halted(&self) -> bool {
        self.path.is_none()
    }
}
