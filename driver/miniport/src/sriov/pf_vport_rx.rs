//! Receive on PF non-default vPorts (spec 2.4, section 5 item 26): when a PF vPort is activated
//! its device queue gets NDIS shared memory allocated with the vPort's id (QueueId 0), one
//! preallocated NBL per buffer, its vector aimed at the vPort's processor; the DPC on that
//! processor indicates the frames with FilteringInfo.VPortId = the vPort, QueueId 0. DELETE_VPORT
//! stops DMA first; the memory is freed once every indicated NBL is back.
//!
//! Allocation happens at activation only; the DPC path reuses fixed buffers.

use crate::os::{
    Os, ProcessorNumber, RxBankId, RxBankSpec, RxFrame, RxIndication, SharedMemory, SharedMemoryRequest,
    SharedMemoryUsage,
};
use alloc::sync::Arc;
use alloc::vec::Vec;
use svnic_abi::status::{NdisStatus, NDIS_STATUS_FAILURE};
use svnic_device::{Device, Function, QueueId, RxCompletion, RxDesc};

/// Buffers per PF vPort queue.
pub const SLOTS: u32 = 256;
/// Buffer size (a 1514-byte frame plus a tag, rounded up).
pub const SLOT_LEN: u32 = 2048;
/// Frames per DPC pass and vPort.
pub const BUDGET: usize = 64;
/// Bank ids of PF vPorts: BANK_BASE + vPort id.
pub const BANK_BASE: u32 = 0x5000;
/// NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL | SINGLE_QUEUE | SHARED_MEMORY_INFO_VALID | PERFECT_FILTERED.
const RX_FLAGS: u32 = 0x0001 | 0x0800 | 0x1000 | 0x0400;

struct VPortRx {
    vport: u32,
    queue: QueueId,
    processor: ProcessorNumber,
    mem: Option<SharedMemory>,
    outstanding: u32,
    stopping: bool,
    done: Vec<RxCompletion>,
    frames: Vec<RxFrame>,
}

/// The PF vPorts' receive queues.
#[derive(Default)]
pub struct PfVPortRx {
    ports: Vec<VPortRx>,
}

impl core::fmt::Debug for PfVPortRx {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("PfVPortRx")
            .field("vports", &self.ports.iter().map(|p| p.vport).collect::<Vec<_>>())
            .finish()
    }
}

fn bank(vport: u32) -> RxBankId {
    RxBankId(BANK_BASE.saturating_add(vport))
}

impl PfVPortRx {
    /// Start receive on PF vPort `vport` (just activated) whose device queue is `queue`.
    pub fn start(
        &mut self,
        os: &dyn Os,
        dev: &Arc<Device>,
        vport: u32,
        queue: QueueId,
        processor: ProcessorNumber,
    ) -> Result<(), NdisStatus> {
        if self.ports.iter().any(|p| p.vport == vport) {
            return Err(NDIS_STATUS_FAILURE);
        }
        let len = SLOTS.saturating_mul(SLOT_LEN);
        let mem = os.alloc_shared_memory(SharedMemoryRequest {
            usage: SharedMemoryUsage::Receive,
            queue_id: 0,
            vport_id: vport,
            len,
        })?;
        let spec = RxBankSpec {
            bank: bank(vport),
            queue_id: 0,
            vport_id: vport,
            memory: &mem,
            slot_len: SLOT_LEN,
            slots: SLOTS,
        };
        if let Err(e) = os.create_rx_bank(&spec) {
            os.free_shared_memory(mem);
            return Err(e);
        }
        let descs: Vec<RxDesc> = (0..SLOTS)
            .map(|s| RxDesc {
                offset: u64::from(s).saturating_mul(u64::from(SLOT_LEN)),
                len: SLOT_LEN,
            })
            .collect();
        let vector = dev.queue_vector(queue).map(|(_, v)| v).unwrap_or(0);
        let cpu = u32::from(processor.group)
            .saturating_mul(64)
            .saturating_add(u32::from(processor.number));
        let ok = dev.set_rx_region(queue, mem.region.clone()).is_ok()
            && dev.post_rx(queue, &descs).is_ok()
            && dev.set_vector_processor(Function::Pf, vector, cpu).is_ok()
            && dev.enable_rx(queue, true).is_ok();
        if !ok {
            let _ = dev.enable_rx(queue, false);
            os.destroy_rx_bank(bank(vport));
            os.free_shared_memory(mem);
            return Err(NDIS_STATUS_FAILURE);
        }
        let cap = usize::try_from(SLOTS).unwrap_or(0).min(BUDGET);
        self.ports.push(VPortRx {
            vport,
            queue,
            processor,
            mem: Some(mem),
            outstanding: 0,
            stopping: false,
            done: alloc::vec![RxCompletion::default(); cap],
            frames: Vec::with_capacity(cap),
        });
        Ok(())
    }

    /// DELETE_VPORT: stop DMA now; free the memory now, or when the last NBL comes back.
    pub fn stop(&mut self, os: &dyn Os, dev: &Device, vport: u32) {
        let Some(i) = self.ports.iter().position(|p| p.vport == vport) else {
            return;
        };
        if let Some(p) = self.ports.get_mut(i) {
            let _ = dev.enable_rx(p.queue, false);
            p.stopping = true;
        }
        self.reap(os, i);
    }

    fn reap(&mut self, os: &dyn Os, i: usize) {
        let done = self
            .ports
            .get(i)
            .is_some_and(|p| p.stopping && p.outstanding == 0);
        if done {
            let p = self.ports.swap_remove(i);
            if let Some(mem) = p.mem {
                os.destroy_rx_bank(bank(p.vport));
                os.free_shared_memory(mem);
            }
        }
    }

    /// The DPC for `processor`: indicate what the device wrote on every PF vPort served there.
    pub fn dpc(&mut self, os: &dyn Os, dev: &Device, processor: ProcessorNumber) -> usize {
        let mut total = 0usize;
        for p in self
            .ports
            .iter_mut()
            .filter(|p| p.processor == processor && !p.stopping)
        {
            let n = dev.poll_rx(p.queue, &mut p.done);
            p.frames.clear();
            for c in p.done.iter().take(n).filter(|c| c.eop && !c.skipped) {
                let slot = c
                    .offset
                    .checked_div(u64::from(SLOT_LEN))
                    .and_then(|s| u32::try_from(s).ok())
                    .unwrap_or(0);
                p.frames.push(RxFrame {
                    slot,
                    offset: 0,
                    len: c.frame_len,
                    ieee8021q: c.vlan_tci.map_or(0, u32::from),
                });
            }
            if !p.frames.is_empty() {
                p.outstanding = p
                    .outstanding
                    .saturating_add(u32::try_from(p.frames.len()).unwrap_or(u32::MAX));
                os.indicate_receive(&RxIndication {
                    bank: bank(p.vport),
                    queue_id: 0,
                    vport_id: p.vport,
                    flags: RX_FLAGS,
                    frames: &p.frames,
                });
                total = total.saturating_add(p.frames.len());
            }
            if n == p.done.len() {
                let _ = os.schedule_dpc(processor);
            }
        }
        total
    }

    /// Whether `bank` is one of the PF vPorts' banks.
    pub fn owns_bank(&self, b: RxBankId) -> bool {
        self.ports.iter().any(|p| bank(p.vport) == b)
    }

    /// NDIS returned `slot` of `bank`: repost it, or finish a pending stop.
    pub fn return_rx(&mut self, os: &dyn Os, dev: &Device, b: RxBankId, slot: u32) -> bool {
        let Some(i) = self.ports.iter().position(|p| bank(p.vport) == b) else {
            return false;
        };
        let Some(p) = self.ports.get_mut(i) else {
            return false;
        };
        if slot >= SLOTS || p.outstanding == 0 {
            return false;
        }
        p.outstanding = p.outstanding.saturating_sub(1);
        if !p.stopping {
            let d = RxDesc {
                offset: u64::from(slot).saturating_mul(u64::from(SLOT_LEN)),
                len: SLOT_LEN,
            };
            let _ = dev.post_rx(p.queue, &[d]);
        }
        self.reap(os, i);
        true
    }

    /// PF vPorts with receive running (or stopping).
    pub fn vports(&self) -> impl Iterator<Item = u32> + '_ {
        self.ports.iter().map(|p| p.vport)
    }
}
