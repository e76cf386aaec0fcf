//! Receive on PF non-default vPorts (spec 2.4, section 5 item 26) on the adapter's one receive
//! table ([`RxTable`], the VMQ engine's per-queue data path): a PF vPort's device queue is a slot
//! of that table. When the vPort is Activated its slot gets NDIS shared memory allocated with the
//! vPort's id (QueueId 0) and one NBL per buffer ([`RxTable::attach_vport`]), its vector aimed at
//! the vPort's processor; the DPC on that processor indicates the frames with
//! FilteringInfo.VPortId = the vPort, QueueId 0. DELETE_VPORT closes the gate, stops DMA and
//! pends until the last indicated NBL is back ([`RxTable::free_vport`]).
//!
//! Nothing here is on the receive hot path: these functions run on the OID path (under the PF
//! engine's OID locks) and only call the table's per-queue operations. The DPC and returns go
//! straight to the table (per-queue atomics, no lock shared across queues, no allocation).

use super::model_hw::ModelHw;
use super::switch::{Attach, NicSwitch, VPort, VPortState};
use crate::os::ProcessorNumber;
use crate::vmq::datapath::{RxEnv, RxTable};
use alloc::vec::Vec;

/// Buffers per PF vPort queue.
pub const SLOTS: u32 = 256;
/// Frames per DPC run (the adapter's budget when the engine is used alone).
pub const BUDGET: u32 = 64;

/// The processor a PF vPort's affinity names (exactly one processor, validated by the OID path).
pub fn processor_of(v: &VPort) -> ProcessorNumber {
    ProcessorNumber {
        group: v.affinity.group,
        number: u8::try_from(v.affinity.mask.trailing_zeros()).unwrap_or(0),
    }
}

/// The receive-table slot of PF vPort `vport` (its device queue), if it has one.
pub fn slot_of(hw: &ModelHw, vport: u32) -> Option<u16> {
    let q = hw.vport_queue(vport)?;
    (q.0 != 0).then_some(q.0)
}

/// One change [`plan`] found for the receive table, applied by [`apply`] after the PF engine's
/// locks are released (closing a gate waits for the DPC inside the queue, and that DPC's
/// indication may lead to a send that takes those locks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RxAction {
    /// Aim the slot's vector at `cpu`, then allocate and register its memory for `vport`.
    Attach {
        slot: u16,
        vport: u32,
        cpu: ProcessorNumber,
    },
    /// Move the slot's vector to `cpu` (frames waiting are picked up there).
    Retarget { slot: u16, cpu: ProcessorNumber },
    /// Open or close the slot's gate.
    Gate { slot: u16, open: bool },
}

/// Before a filter is set on PF vPort `vport` or moved to it: open its gate, so a frame the
/// device delivers as soon as the filter is in the hardware is indicated rather than dropped by
/// a DPC that still sees the gate closed ([`plan`] closes it again if the OID failed).
pub fn open_before_filter(rx: &RxTable, hw: &ModelHw, switch: &NicSwitch, vport: u32) -> Option<RxAction> {
    let activated_pf = switch
        .vport(vport)
        .is_some_and(|v| v.id != 0 && v.attach == Attach::Pf && v.state == VPortState::Activated);
    let slot = slot_of(hw, vport).filter(|_| activated_pf)?;
    (rx.is_active(slot) && rx.vport_of(slot) == vport && !rx.gate_open(slot))
        .then_some(RxAction::Gate { slot, open: true })
}

/// What every PF vPort's receive slot needs after an OID to match the switch: an Activated
/// vPort without receive memory gets it (vector at its processor first); a processor change
/// retargets the vector ([`RxTable::set_processor`]: frames waiting are picked up by the new
/// processor's DPC, nothing is lost); the gate is open exactly while the vPort has a filter
/// (none before the first filter, none after the last one is cleared).
pub fn plan(rx: &RxTable, hw: &ModelHw, switch: &NicSwitch) -> Vec<RxAction> {
    let mut out = Vec::new();
    for v in switch
        .vports()
        .filter(|v| v.id != 0 && v.attach == Attach::Pf && v.state == VPortState::Activated)
    {
        let Some(slot) = slot_of(hw, v.id) else { continue };
        let cpu = processor_of(v);
        let want = switch.filters_on(v.id).next().is_some();
        if !rx.has_memory(slot) {
            // Gate first: once DMA is on, a frame for an existing filter is indicated, never
            // dropped by a DPC that would see the gate still closed.
            if want {
                out.push(RxAction::Gate { slot, open: true });
            }
            out.push(RxAction::Attach {
                slot,
                vport: v.id,
                cpu,
            });
            continue;
        }
        if rx.processor(slot) != Some(cpu) {
            out.push(RxAction::Retarget { slot, cpu });
        }
        if rx.gate_open(slot) != want {
            out.push(RxAction::Gate { slot, open: want });
        }
    }
    out
}

/// Apply [`plan`]'s actions (OID path; allocates only for an attach).
pub fn apply(env: RxEnv<'_>, rx: &RxTable, actions: &[RxAction]) {
    for a in actions {
        match *a {
            RxAction::Attach { slot, vport, cpu } => {
                rx.set_processor(env, slot, cpu);
                // No memory: the vPort receives nothing (an open gate on a slot without DMA
                // indicates nothing); the next OID's plan retries the attach.
                let _ = rx.attach_vport(env, slot, vport, SLOTS);
            }
            RxAction::Retarget { slot, cpu } => rx.set_processor(env, slot, cpu),
            RxAction::Gate { slot, open } => rx.set_gate(env, slot, open),
        }
    }
}
