//! The VF's view of the device: [`VfHandle`] and the VF BAR0 register window.
//!
//! Isolation is structural (QEMU igbvf `vf_to_pf_addr`): a `VfHandle` names no queue, pool or
//! function; every method resolves to *this* VF's queue pair, MSI-X table and mailbox. Pool
//! policy and filters are PF-only methods of [`Device`] and are not reachable from here. Unknown
//! register offsets read 0 and ignore writes; with the VF absent or VF MSE clear, reads return
//! all-ones and writes are dropped.
//!
//! VF BAR0 map (a subset of the 82576 VF layout):
//!
//! | offset | register | access |
//! |--------|----------|--------|
//! | 0x0000 | VTCTRL   | write bit 26 (RST) = VF reset (as FLR) |
//! | 0x0008 | STATUS   | RO: bit 1 link up |
//! | 0x0200 + 4i, i < 16 | VFMBMEM | mailbox dword i (write needs VFU) |
//! | 0x02FC | VFMAILBOX | V2PMAILBOX |
//! | 0x1520 | VTEICS   | write: raise vector bits |
//! | 0x1524 | VTEIMS   | write: unmask vector bits; read: unmasked vectors |
//! | 0x1528 | VTEIMC   | write: mask vector bits |
//! | 0x1680 + 4v | VTEITR(v) | interval in us in bits 2..14 |
//! | 0x2818 | RDT      | receive tail |
//! | 0x2828 | RXDCTL   | bit 25 receive queue enable |
//! | 0x3818 | TDT      | transmit tail (kicks transmit) |
//! | 0x3828 | TXDCTL   | bit 25 transmit queue enable |

use alloc::sync::Arc;

use crate::datapath::TxOutcome;
use crate::device::Device;
use crate::dma::DmaRegion;
use crate::mailbox::{Side, MBX_WORDS};
use crate::ring::{RxCompletion, RxDesc, TxCompletion, TxDesc};
use crate::types::{DeviceError, Function, QueueId};

/// VTCTRL.
pub const VTCTRL: u32 = 0x0000;
/// VTCTRL reset bit.
pub const VTCTRL_RST: u32 = 1 << 26;
/// STATUS.
pub const STATUS: u32 = 0x0008;
/// VFMBMEM base.
pub const VFMBMEM: u32 = 0x0200;
/// End of VFMBMEM.
pub const VFMBMEM_END: u32 = VFMBMEM + 4 * MBX_WORDS as u32;
/// VFMAILBOX.
pub const VFMAILBOX: u32 = 0x02fc;
/// VTEICS.
pub const VTEICS: u32 = 0x1520;
/// VTEIMS.
pub const VTEIMS: u32 = 0x1524;
/// VTEIMC.
pub const VTEIMC: u32 = 0x1528;
/// VTEITR(0).
pub const VTEITR: u32 = 0x1680;
/// RDT.
pub const RDT: u32 = 0x2818;
/// RXDCTL.
pub const RXDCTL: u32 = 0x2828;
/// TDT.
pub const TDT: u32 = 0x3818;
/// TXDCTL.
pub const TXDCTL: u32 = 0x3828;
/// RXDCTL/TXDCTL enable bit.
pub const QUEUE_ENABLE: u32 = 1 << 25;

/// Everything VF `n` can do, and nothing else.
#[derive(Clone, Copy, Debug)]
pub struct VfHandle<'a> {
    dev: &'a Device,
    vf: u16,
    queue: QueueId,
}

impl Device {
    /// The VF-side view of VF `vf` (exists for every VF < TotalVFs; operations fail or read
    /// all-ones while the VF is not enabled).
    pub fn vf(&self, vf: u16) -> Option<VfHandle<'_>> {
        let queue = self.layout.vf_queue(vf)?;
        Some(VfHandle { dev: self, vf, queue })
    }
}

impl VfHandle<'_> {
    /// VF index.
    pub fn index(&self) -> u16 {
        self.vf
    }

    /// The VF's queue pair (as the device numbers it; the VF itself calls it queue 0).
    pub fn queue(&self) -> QueueId {
        self.queue
    }

    /// Requester id.
    pub fn requester_id(&self) -> Option<u16> {
        self.dev.vf_requester_id(self.vf)
    }

    /// Configuration read.
    pub fn config_read(&self, offset: u16, out: &mut [u8]) {
        self.dev.config_read(Function::Vf(self.vf), offset, out)
    }

    /// Configuration write.
    pub fn config_write(&self, offset: u16, data: &[u8]) {
        self.dev.config_write(Function::Vf(self.vf), offset, data)
    }

    /// Register the VF's receive region.
    pub fn set_rx_region(&self, r: Arc<dyn DmaRegion>) -> Result<(), DeviceError> {
        self.dev.set_rx_region(self.queue, r)
    }

    /// Register the VF's transmit region.
    pub fn set_tx_region(&self, r: Arc<dyn DmaRegion>) -> Result<(), DeviceError> {
        self.dev.set_tx_region(self.queue, r)
    }

    /// Enable the receive queue.
    pub fn enable_rx(&self, on: bool) -> Result<(), DeviceError> {
        self.dev.enable_rx(self.queue, on)
    }

    /// Enable the transmit queue.
    pub fn enable_tx(&self, on: bool) -> Result<(), DeviceError> {
        self.dev.enable_tx(self.queue, on)
    }

    /// Post receive buffers.
    pub fn post_rx(&self, d: &[RxDesc]) -> Result<usize, DeviceError> {
        self.dev.post_rx(self.queue, d)
    }

    /// Poll receive completions.
    pub fn poll_rx(&self, out: &mut [RxCompletion]) -> usize {
        if !self.dev.vf_enabled(self.vf) {
            return 0;
        }
        self.dev.poll_rx(self.queue, out)
    }

    /// Post transmit descriptors.
    pub fn post_tx(&self, d: &[TxDesc]) -> Result<(), DeviceError> {
        self.dev.post_tx(self.queue, d)
    }

    /// Poll transmit completions.
    pub fn poll_tx(&self, out: &mut [TxCompletion]) -> usize {
        if !self.dev.vf_enabled(self.vf) {
            return 0;
        }
        self.dev.poll_tx(self.queue, out)
    }

    /// Transmit one frame.
    pub fn transmit(&self, frame: &[u8], vlan_tci: Option<u16>) -> TxOutcome {
        self.dev.transmit(self.queue, frame, vlan_tci)
    }

    /// Program one of the VF's vectors.
    pub fn set_vector(&self, vector: u16, processor: u32, masked: bool) -> Result<(), DeviceError> {
        let f = Function::Vf(self.vf);
        self.dev.set_vector_processor(f, vector, processor)?;
        self.dev.set_vector_masked(f, vector, masked)
    }

    /// Send a mailbox message to the PF.
    pub fn mbx_send(&self, msg: &[u32]) -> Result<(), DeviceError> {
        self.dev.vf_mbx_send(self.vf, msg)
    }

    /// Read the mailbox control register (read-to-clear bits).
    pub fn mbx_read(&self) -> Result<u32, DeviceError> {
        self.dev.vf_mbx_read(self.vf)
    }

    /// Write the mailbox control register.
    pub fn mbx_write(&self, v: u32) -> Result<(), DeviceError> {
        self.dev.vf_mbx_write(self.vf, v)
    }

    /// Read the mailbox buffer.
    pub fn mbx_read_msg(&self) -> Result<[u32; MBX_WORDS], DeviceError> {
        self.dev.vf_mbx_read_msg(self.vf)
    }

    /// Function-level reset of this VF.
    pub fn flr(&self) -> Result<(), DeviceError> {
        self.dev.vf_flr(self.vf)
    }

    fn decodes(&self) -> bool {
        self.dev.vf_enabled(self.vf) && self.dev.vf_mse()
    }

    /// 32-bit read of the VF BAR0 register window.
    pub fn mmio_read(&self, offset: u32) -> u32 {
        if !self.decodes() {
            return u32::MAX;
        }
        let f = Function::Vf(self.vf);
        let mbx_end = VFMBMEM_END;
        match offset {
            STATUS => 0x2,
            VFMAILBOX => self.dev.vf_mbx_read(self.vf).unwrap_or(0),
            o if (VFMBMEM..mbx_end).contains(&o) && o % 4 == 0 => {
                let i = (o.saturating_sub(VFMBMEM) / 4) as usize;
                self.dev
                    .vf_mbx_read_msg(self.vf)
                    .ok()
                    .and_then(|m| m.get(i).copied())
                    .unwrap_or(0)
            }
            VTEIMS => (0..crate::config::VF_MSIX_VECTORS)
                .filter(|&v| self.dev.vector_state(f, v).is_ok_and(|s| !s.masked))
                .fold(0, |a, v| a | (1u32 << v)),
            o if (VTEITR..VTEITR.saturating_add(4 * u32::from(crate::config::VF_MSIX_VECTORS)))
                .contains(&o)
                && o % 4 == 0 =>
            {
                let v = (o.saturating_sub(VTEITR) / 4) as u16;
                self.dev
                    .vector_state(f, v)
                    .map_or(0, |s| (s.interval_us & 0x1fff) << 2)
            }
            RDT => self.dev.rx_head_tail(self.queue).map_or(0, |(_, t)| t),
            TDT => self.dev.tx_head_tail(self.queue).map_or(0, |(_, t)| t),
            _ => 0,
        }
    }

    /// 32-bit write of the VF BAR0 register window.
    pub fn mmio_write(&self, offset: u32, value: u32) {
        if !self.decodes() {
            return;
        }
        let f = Function::Vf(self.vf);
        let mbx_end = VFMBMEM_END;
        let vectors = |bits: u32| (0..crate::config::VF_MSIX_VECTORS).filter(move |v| bits & (1 << v) != 0);
        match offset {
            VTCTRL if value & VTCTRL_RST != 0 => {
                let _ = self.dev.vf_flr(self.vf);
            }
            VFMAILBOX => {
                let _ = self.dev.vf_mbx_write(self.vf, value);
            }
            o if (VFMBMEM..mbx_end).contains(&o) && o % 4 == 0 => {
                let i = (o.saturating_sub(VFMBMEM) / 4) as usize;
                self.dev.mbx_word_write(self.vf, Side::Vf, i, value);
            }
            VTEICS => vectors(value).for_each(|v| {
                let _ = self.dev.trigger_vector(f, v);
            }),
            VTEIMS => vectors(value).for_each(|v| {
                let _ = self.dev.set_vector_masked(f, v, false);
            }),
            VTEIMC => vectors(value).for_each(|v| {
                let _ = self.dev.set_vector_masked(f, v, true);
            }),
            o if (VTEITR..VTEITR.saturating_add(4 * u32::from(crate::config::VF_MSIX_VECTORS)))
                .contains(&o)
                && o % 4 == 0 =>
            {
                let v = (o.saturating_sub(VTEITR) / 4) as u16;
                let _ = self.dev.set_moderation(f, v, (value >> 2) & 0x1fff);
            }
            RDT => {
                let _ = self.dev.set_rx_tail(self.queue, value);
            }
            RXDCTL => {
                let _ = self.dev.enable_rx(self.queue, value & QUEUE_ENABLE != 0);
            }
            TDT => {
                let _ = self.dev.set_tx_tail(self.queue, value);
            }
            TXDCTL => {
                let _ = self.dev.enable_tx(self.queue, value & QUEUE_ENABLE != 0);
            }
            _ => {}
        }
    }
}
