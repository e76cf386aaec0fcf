//! The PF engine packaged for the adapter: what `adapter.rs` needs to put SR-IOV behind its
//! `(OidOwner::Sriov, ...)` table part, in four calls — [`AdapterSriov::new`] at
//! MiniportInitializeEx, [`AdapterSriov::rows`] for the table, [`AdapterSriov::handle`] for the
//! `OidOwner::Sriov` branch, [`AdapterSriov::halt`] in MiniportHaltEx.
//!
//! OIDs arrive one at a time per adapter, so the locks are never contended on the OID path; they
//! make the engine shareable with status and DPC paths.

use super::caps::{CapsInput, NicSwitchCaps};
use super::model_hw::ModelHw;
use super::pf_vport_rx::PfVPortRx;
use super::switch::{Attach, VPortState};
use super::{abi, SriovEnv, SriovPf};
use crate::oid::{OidOutcome, OidRequest, OidRow};
use crate::os::Os;
use crate::os::{ProcessorNumber, RxBankId};
use alloc::sync::Arc;
use spin::Mutex;
use svnic_device::{Device, QueueId, TxOutcome};

/// The PF engine plus its view of the device.
pub struct AdapterSriov {
    pf: Mutex<SriovPf>,
    hw: Mutex<ModelHw>,
    rx: Mutex<PfVPortRx>,
    dev: Arc<Device>,
}

impl core::fmt::Debug for AdapterSriov {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("AdapterSriov").finish_non_exhaustive()
    }
}

impl AdapterSriov {
    /// Build the engine over the adapter's PF `device`. `sriov` / `vmq`: the enabled interface
    /// (spec 1.12); `num_vfs_keyword`: NicSwitches\0\*NumVFs; `vlan_filtering`: *VMQVlanFiltering.
    /// Call before VF Enable (the VF BARs are probed here).
    pub fn new(
        device: Arc<Device>,
        sriov: bool,
        vmq: bool,
        num_vfs_keyword: Option<u32>,
        vlan_filtering: bool,
    ) -> Self {
        let cfg = device.config();
        let caps = NicSwitchCaps::from_input(&CapsInput {
            total_vfs: cfg.total_vfs,
            num_vfs_keyword,
            pf_queues: cfg.pf_queues,
            mac_filter_entries: u32::try_from(svnic_device::filters::MAX_FILTERS).unwrap_or(u32::MAX),
            vlan_filtering,
        });
        Self {
            pf: Mutex::new(SriovPf::new(caps, sriov, vmq)),
            hw: Mutex::new(ModelHw::new(device.clone())),
            rx: Mutex::new(PfVPortRx::default()),
            dev: device,
        }
    }

    /// The rows for the adapter's `OidOwner::Sriov` part.
    pub fn rows(sriov: bool, vmq: bool) -> &'static [OidRow] {
        match (sriov, vmq) {
            (false, _) => &[],
            (true, true) => super::oid_rows(),
            (true, false) => super::oid_rows_with_filters(),
        }
    }

    /// The `OidOwner::Sriov` branch of the adapter's dispatcher.
    pub fn handle(&self, os: &dyn Os, req: &mut OidRequest<'_>) -> OidOutcome {
        let mut hw = self.hw.lock();
        let mut pf = self.pf.lock();
        let mut env = SriovEnv { os, hw: &mut *hw };
        if req.oid == abi::OID_NIC_SWITCH_DELETE_VPORT {
            // Stop DMA on a PF vPort before the engine lets its queue go.
            let id = super::bytes::u32_at(req.buffer, abi::delete_vport::VPORT_ID);
            if let Some(id) = id.filter(|id| pf.switch().check_delete_vport(*id).is_ok()) {
                self.rx.lock().stop(os, &self.dev, id);
            }
        }
        let out = match req.oid {
            abi::OID_RECEIVE_FILTER_SET_FILTER => pf.handle_set_filter(&mut env, req),
            abi::OID_RECEIVE_FILTER_CLEAR_FILTER => pf.handle_clear_filter(&mut env, req),
            _ => pf.handle_oid(&mut env, req),
        };
        if req.oid == abi::OID_NIC_SWITCH_VPORT_PARAMETERS {
            // A PF vPort that is Activated now and has no receive queue yet gets one.
            let mut rx = self.rx.lock();
            let running: alloc::vec::Vec<u32> = rx.vports().collect();
            let todo: alloc::vec::Vec<(u32, ProcessorNumber)> = pf
                .switch()
                .vports()
                .filter(|v| v.id != 0 && v.attach == Attach::Pf && v.state == VPortState::Activated)
                .filter(|v| !running.contains(&v.id))
                .map(|v| {
                    let number = u8::try_from(v.affinity.mask.trailing_zeros()).unwrap_or(0);
                    (
                        v.id,
                        ProcessorNumber {
                            group: v.affinity.group,
                            number,
                        },
                    )
                })
                .collect();
            for (id, cpu) in todo {
                if let Some(q) = hw.vport_queue(id) {
                    let _ = rx.start(os, &self.dev, id, q, cpu);
                }
            }
        }
        out
    }

    /// The adapter's receive DPC on `processor`: PF vPort queues served there.
    pub fn dpc(&self, os: &dyn Os, processor: ProcessorNumber) -> usize {
        self.rx.lock().dpc(os, &self.dev, processor)
    }

    /// The device queue a send NBL whose VPortId is `vport` goes out from (spec 2.4): the queue
    /// of an existing, Activated PF vPort; `None` for 0, an unknown, deleted or deactivated id or
    /// a VF's vPort (the caller then sends from the default pool). Locks in the OID path's order.
    pub fn tx_queue(&self, vport: u32) -> Option<QueueId> {
        if vport == 0 {
            return None;
        }
        let hw = self.hw.lock();
        let pf = self.pf.lock();
        let live = pf
            .switch()
            .vports()
            .any(|v| v.id == vport && v.attach == Attach::Pf && v.state == VPortState::Activated);
        if live {
            hw.vport_queue(vport)
        } else {
            None
        }
    }

    /// Transmit `frame` from PF vPort queue `q` (its pool's anti-spoofing and the switch apply).
    pub fn transmit(&self, q: QueueId, frame: &[u8]) -> bool {
        matches!(self.dev.transmit(q, frame, None), TxOutcome::Sent { .. })
    }

    /// Whether `bank` holds PF vPort receive buffers.
    pub fn owns_bank(&self, bank: RxBankId) -> bool {
        self.rx.lock().owns_bank(bank)
    }

    /// MiniportReturnNetBufferLists for a PF vPort bank.
    pub fn return_rx(&self, os: &dyn Os, bank: RxBankId, slot: u32) -> bool {
        self.rx.lock().return_rx(os, &self.dev, bank, slot)
    }

    /// Whether vPort filters belong to SR-IOV now (a switch exists): the VMQ engine forwards
    /// SET_FILTER / CLEAR_FILTER here when this is true.
    pub fn owns_filters(&self) -> bool {
        self.pf.lock().switch_exists()
    }

    /// MiniportHaltEx: undo anything NDIS left behind, in the documented order.
    pub fn halt(&self, os: &dyn Os) {
        {
            let mut rx = self.rx.lock();
            let ids: alloc::vec::Vec<u32> = rx.vports().collect();
            for id in ids {
                rx.stop(os, &self.dev, id);
            }
        }
        let mut hw = self.hw.lock();
        let mut env = SriovEnv { os, hw: &mut *hw };
        self.pf.lock().halt(&mut env);
    }

    /// Read-only access for the host's NDIS-handled answers and the control device.
    pub fn with_pf<R>(&self, f: impl FnOnce(&SriovPf) -> R) -> R {
        f(&self.pf.lock())
    }

    /// The device view (vPort <-> queue mapping for receive tagging).
    pub fn with_hw<R>(&self, f: impl FnOnce(&ModelHw) -> R) -> R {
        f(&self.hw.lock())
    }
}
