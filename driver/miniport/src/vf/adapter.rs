//! The VF miniport adapter: what a binding holds for an adapter initialized in a child partition
//! (spec 2.7). MiniportInitializeEx reads the configuration from the PF over the backchannel,
//! tells the PF which driver runs, then sets the VF's own queue up; OIDs go to the VF miniport;
//! the VF's vector queues the VF's own DPC; MiniportHaltEx stops the queue and frees its memory.
//!
//! Sends (spec 2.4, 2.7): MiniportSendNetBufferLists transmits each frame from the VF's own
//! queue ([`svnic_device::VfHandle::transmit`]) into the NIC's embedded switch, which checks the
//! VF pool's anti-spoofing (source MAC / VLAN) and switches the frame locally or to the wire.
//! Sends are accepted only between MiniportRestart and MiniportPause ([`VfAdapter::send_begin`]);
//! a pause pends until the sends in progress finish. A VF never sets or reads a VPortId.

use super::datapath::{VfDataPath, VfRxFilter};
use super::VfMiniport;
use crate::general::{self, GeneralSource};
use crate::hw::{CounterSnapshot, MAX_MULTICAST};
use crate::oid::{precheck, OidOutcome, OidOwner, OidRequest, OidTable, RequestType};
use crate::os::{Os, ProcessorNumber};
use alloc::sync::Arc;
use alloc::vec;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use svnic_abi::general::NdisInterruptModerationNotSupported;
use svnic_abi::oid::OID_GEN_INTERRUPT_MODERATION;
use svnic_abi::status::{
    NdisStatus, NDIS_STATUS_FAILURE, NDIS_STATUS_INVALID_LENGTH, NDIS_STATUS_INVALID_PARAMETER,
    NDIS_STATUS_PENDING, NDIS_STATUS_SUCCESS,
};
use svnic_device::{Device, DropReason, TxOutcome};

/// The VF adapter's send state (NDIS: initialized paused; MiniportRestart starts it).
const PAUSED: u32 = 0;
const RUNNING: u32 = 1;
const PAUSING: u32 = 2;
const HALTED: u32 = 3;

/// The VF adapter's send counters (what happened to the frames MiniportSendNetBufferLists gave it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VfSendCounters {
    /// Frames the device accepted and switched (locally and/or to the wire).
    pub sent: u64,
    /// Frames the switch dropped for anti-spoofing, completed SUCCESS (see [`VfSendGuard::send_frame`]).
    pub spoof_dropped: u64,
    /// Frames the switch dropped for another switching reason (no local buffer, nobody wanted
    /// it), completed SUCCESS.
    pub switch_dropped: u64,
    /// Frames refused: too long, transmit disabled / VF not enabled; completed with an error.
    pub failed: u64,
    /// MiniportSendNetBufferLists calls refused because the adapter was not running.
    pub rejected_paused: u64,
}

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
    dev: Arc<Device>,
    vf: u16,
    /// PAUSED / RUNNING / PAUSING / HALTED.
    state: AtomicU32,
    /// Send calls in progress.
    sending: AtomicU64,
    /// Joins a multi-buffer NB into one frame (allocated at init, `slot_len` bytes: the largest
    /// frame the VF sends, as on receive).
    tx_bounce: spin::Mutex<Vec<u8>>,
    /// The longest frame the VF sends (its receive buffer size).
    max_frame: usize,
    sent: AtomicU64,
    spoof_dropped: AtomicU64,
    switch_dropped: AtomicU64,
    failed: AtomicU64,
    rejected_paused: AtomicU64,
    /// Sent frames and bytes by destination cast: unicast, multicast, broadcast.
    sent_cast: [AtomicU64; 3],
    sent_bytes: [AtomicU64; 3],
    /// The packet filter and multicast list the VF's DPC applies (OID_GEN_CURRENT_PACKET_FILTER,
    /// OID_802_3_MULTICAST_LIST); shared with the data path, outlives it.
    rx_filter: Arc<VfRxFilter>,
    /// OID_GEN_CURRENT_LOOKAHEAD (the VF indicates whole frames; the value is kept and reported).
    lookahead: AtomicU32,
}

/// A send call in progress on a running VF adapter (see [`VfAdapter::send_begin`]); dropping it
/// ends the call and completes a pending pause when it was the last.
pub struct VfSendGuard<'a> {
    adapter: &'a VfAdapter,
    os: &'a dyn Os,
}

impl core::fmt::Debug for VfSendGuard<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("VfSendGuard")
            .field("vf", &self.adapter.vf)
            .finish()
    }
}

impl VfSendGuard<'_> {
    /// Transmit one frame, given as its buffer segments (an NB's MDL chain), from the VF's own
    /// queue. Returns the status to complete the NB's NBL with.
    ///
    /// A frame the embedded switch drops (anti-spoofing, or nowhere to deliver it) completes
    /// NDIS_STATUS_SUCCESS: a NIC's transmit succeeded once the frame left the VF's queue, and
    /// what the switch does with it is the switch's business (counted on the device's pool and,
    /// for a spoofed frame, raised to the PF as an event), as a frame lost on the wire is not a
    /// send failure. Too long a frame completes NDIS_STATUS_INVALID_LENGTH; a disabled queue or
    /// VF (e.g. during FLR) completes NDIS_STATUS_FAILURE.
    pub fn send_frame(&self, parts: &[&[u8]]) -> NdisStatus {
        self.adapter.transmit(parts)
    }
}

impl Drop for VfSendGuard<'_> {
    fn drop(&mut self) {
        self.adapter.send_end(self.os);
    }
}

impl VfAdapter {
    /// MiniportInitializeEx in a child partition on VF `vf` of `dev`. Fails, with nothing left
    /// allocated, if the PF's blocks cannot be read or the queue cannot be set up.
    pub fn initialize(os: &dyn Os, dev: Arc<Device>, vf: u16, q: VfQueueConfig) -> Result<Self, NdisStatus> {
        let miniport = VfMiniport::initialize(os)?;
        let path = VfDataPath::start(os, dev.clone(), vf, q.slots, q.slot_len, q.processor)?;
        let bounce = usize::try_from(q.slot_len).unwrap_or(0);
        let rx_filter = path.rx_filter().clone();
        let lookahead = miniport.info().map_or(0, |i| i.mtu);
        Ok(Self {
            miniport: spin::Mutex::new(miniport),
            path: Some(path),
            dev,
            vf,
            state: AtomicU32::new(PAUSED),
            sending: AtomicU64::new(0),
            tx_bounce: spin::Mutex::new(vec![0u8; bounce]),
            max_frame: bounce,
            sent: AtomicU64::new(0),
            spoof_dropped: AtomicU64::new(0),
            switch_dropped: AtomicU64::new(0),
            failed: AtomicU64::new(0),
            rejected_paused: AtomicU64::new(0),
            sent_cast: Default::default(),
            sent_bytes: Default::default(),
            rx_filter,
            lookahead: AtomicU32::new(lookahead),
        })
    }

    /// MiniportRestart: start accepting sends. FAILURE unless paused.
    pub fn restart(&self) -> NdisStatus {
        match self
            .state
            .compare_exchange(PAUSED, RUNNING, Ordering::AcqRel, Ordering::Acquire)
        {
            Ok(_) => NDIS_STATUS_SUCCESS,
            Err(_) => NDIS_STATUS_FAILURE,
        }
    }

    /// MiniportPause: stop accepting sends. SUCCESS when no send is in progress (or already
    /// paused), else PENDING and [`Os::pause_complete`] when the last send call ends. The VF's
    /// receives need no draining here: NDIS returns them before the pause completes.
    pub fn pause(&self) -> NdisStatus {
        if self
            .state
            .compare_exchange(RUNNING, PAUSING, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            return NDIS_STATUS_SUCCESS;
        }
        if self.sending.load(Ordering::Acquire) == 0 && self.finish_pause() {
            return NDIS_STATUS_SUCCESS;
        }
        NDIS_STATUS_PENDING
    }

    fn finish_pause(&self) -> bool {
        self.state
            .compare_exchange(PAUSING, PAUSED, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
    }

    /// Whether the adapter accepts sends (restarted and not paused or halted).
    pub fn running(&self) -> bool {
        self.state.load(Ordering::Acquire) == RUNNING
    }

    /// Start a send call (MiniportSendNetBufferLists). `None` when not running: complete every
    /// NBL with NDIS_STATUS_PAUSED.
    pub fn send_begin<'a>(&'a self, os: &'a dyn Os) -> Option<VfSendGuard<'a>> {
        self.sending.fetch_add(1, Ordering::AcqRel);
        if self.state.load(Ordering::Acquire) == RUNNING {
            Some(VfSendGuard { adapter: self, os })
        } else {
            self.send_end(os);
            self.rejected_paused.fetch_add(1, Ordering::Relaxed);
            None
        }
    }

    fn send_end(&self, os: &dyn Os) {
        if self.sending.fetch_sub(1, Ordering::AcqRel) == 1
            && self.state.load(Ordering::Acquire) == PAUSING
            && self.finish_pause()
        {
            os.pause_complete();
        }
    }

    fn transmit(&self, parts: &[&[u8]]) -> NdisStatus {
        let Some(h) = self.dev.vf(self.vf) else {
            self.failed.fetch_add(1, Ordering::Relaxed);
            return NDIS_STATUS_FAILURE;
        };
        let total = parts.iter().fold(0usize, |a, p| a.saturating_add(p.len()));
        let outcome = if total > self.max_frame {
            TxOutcome::Dropped(DropReason::Oversize)
        } else {
            match parts {
                [one] => h.transmit(one, None),
                _ => {
                    let mut b = self.tx_bounce.lock();
                    let mut at = 0usize;
                    for p in parts {
                        let end = at.saturating_add(p.len());
                        if let Some(dst) = b.get_mut(at..end) {
                            dst.copy_from_slice(p);
                        }
                        at = end;
                    }
                    h.transmit(b.get(..total).unwrap_or(&[]), None)
                }
            }
        };
        if let TxOutcome::Sent { .. } = outcome {
            // The destination is the frame's first 6 bytes, whichever segments hold them.
            let mut dst = [0u8; 6];
            let mut at = 0usize;
            for p in parts {
                for b in p.iter() {
                    if let Some(d) = dst.get_mut(at) {
                        *d = *b;
                        at = at.saturating_add(1);
                    }
                }
                if at >= dst.len() {
                    break;
                }
            }
            let k = if dst == [0xff; 6] {
                2
            } else if dst.first().is_some_and(|b| b & 1 == 1) {
                1
            } else {
                0
            };
            if let (Some(f), Some(b)) = (self.sent_cast.get(k), self.sent_bytes.get(k)) {
                f.fetch_add(1, Ordering::Relaxed);
                b.fetch_add(total as u64, Ordering::Relaxed);
            }
        }
        let (counter, status) = match outcome {
            TxOutcome::Sent { .. } => (&self.sent, NDIS_STATUS_SUCCESS),
            TxOutcome::Dropped(DropReason::Spoofed) => (&self.spoof_dropped, NDIS_STATUS_SUCCESS),
            TxOutcome::Dropped(DropReason::NoBuffer | DropReason::Filtered) => {
                (&self.switch_dropped, NDIS_STATUS_SUCCESS)
            }
            TxOutcome::Dropped(DropReason::Oversize) => (&self.failed, NDIS_STATUS_INVALID_LENGTH),
            TxOutcome::Dropped(DropReason::Disabled) => (&self.failed, NDIS_STATUS_FAILURE),
        };
        counter.fetch_add(1, Ordering::Relaxed);
        status
    }

    /// What the VF adapter's sends did so far.
    pub fn send_counters(&self) -> VfSendCounters {
        VfSendCounters {
            sent: self.sent.load(Ordering::Relaxed),
            spoof_dropped: self.spoof_dropped.load(Ordering::Relaxed),
            switch_dropped: self.switch_dropped.load(Ordering::Relaxed),
            failed: self.failed.load(Ordering::Relaxed),
            rejected_paused: self.rejected_paused.load(Ordering::Relaxed),
        }
    }

    /// The VF adapter's statistics (OID_GEN_STATISTICS, OID_GEN_XMIT_OK, OID_GEN_RCV_OK), from
    /// its own queue pair only: what its sends did ([`Self::send_counters`]), what its DPC
    /// indicated, and the receive drops the device counted on the VF's queue.
    ///
    /// XmitOk (and ifHCOut*) counts the frames the embedded switch forwarded. A frame the switch
    /// dropped — anti-spoofing or nowhere to deliver it — completed SUCCESS (it left the VF's
    /// queue without error) but reached nobody: it is an ifOutDiscards ("discarded although no
    /// error was detected"), not an XmitOk and not an XmitError, so the guest's statistics agree
    /// with the PF's view of the VF pool (`tx.frames` vs `tx.drops`). Frames completed with an
    /// error (too long, queue disabled) are XmitErrors; sends refused while paused are not counted
    /// (they never reached the adapter's queue).
    pub fn counters(&self) -> CounterSnapshot {
        let r = |a: &AtomicU64| a.load(Ordering::Relaxed);
        let at = |a: &[AtomicU64; 3], i: usize| a.get(i).map_or(0, r);
        let rx = self.path.as_ref().map(VfDataPath::rx_counts).unwrap_or_default();
        let q = self
            .dev
            .vf(self.vf)
            .and_then(|h| self.dev.counters(h.queue()).ok())
            .unwrap_or_default();
        let sum3 = |a: u64, b: u64, c: u64| a.wrapping_add(b).wrapping_add(c);
        let (tu, tm, tb) = (
            at(&self.sent_cast, 0),
            at(&self.sent_cast, 1),
            at(&self.sent_cast, 2),
        );
        let (tub, tmb, tbb) = (
            at(&self.sent_bytes, 0),
            at(&self.sent_bytes, 1),
            at(&self.sent_bytes, 2),
        );
        CounterSnapshot {
            rx_frames: sum3(rx.unicast, rx.multicast, rx.broadcast),
            rx_bytes: sum3(rx.unicast_bytes, rx.multicast_bytes, rx.broadcast_bytes),
            rx_unicast: rx.unicast,
            rx_multicast: rx.multicast,
            rx_broadcast: rx.broadcast,
            rx_no_buffer: q.rx.drops.get(DropReason::NoBuffer),
            // The switch's filter drops on the VF's queue and the frames the VF's own packet
            // filter / multicast list refused (the PF counts the latter the same way).
            rx_filtered: q
                .rx
                .drops
                .get(DropReason::Filtered)
                .wrapping_add(self.path.as_ref().map_or(0, VfDataPath::rx_filtered)),
            rx_errors: q.rx.drops.get(DropReason::Oversize),
            tx_frames: sum3(tu, tm, tb),
            tx_bytes: sum3(tub, tmb, tbb),
            tx_unicast: tu,
            tx_multicast: tm,
            tx_broadcast: tb,
            tx_errors: r(&self.failed),
            tx_discards: r(&self.spoof_dropped).wrapping_add(r(&self.switch_dropped)),
            rx_unicast_bytes: rx.unicast_bytes,
            rx_multicast_bytes: rx.multicast_bytes,
            rx_broadcast_bytes: rx.broadcast_bytes,
            tx_unicast_bytes: tub,
            tx_multicast_bytes: tmb,
            tx_broadcast_bytes: tbb,
        }
    }

    /// The VF miniport's state (configuration read from the PF, invalidation counters), copied.
    pub fn miniport(&self) -> VfMiniport {
        *self.miniport.lock()
    }

    /// MiniportOidRequest of the VF adapter (NDIS serializes OIDs; the DPC never takes the
    /// miniport lock).
    ///
    /// Every request goes through the PF's generic checks against the VF's table
    /// ([`super::oid_table`]): NOT_SUPPORTED for an OID or request type the VF does not answer,
    /// INVALID_LENGTH with BytesNeeded = the row's minimum for a short buffer. The general rows
    /// are answered by the PF's code ([`general::handle`]) from the VF's own state; the SR-IOV
    /// row goes to the VF miniport.
    pub fn oid(&self, os: &dyn Os, req: &mut OidRequest<'_>) -> OidOutcome {
        match precheck(&super::oid_table(), req) {
            Err(st) => OidOutcome::Complete(st),
            Ok((OidOwner::General, _)) if req.oid == OID_GEN_INTERRUPT_MODERATION => {
                OidOutcome::Complete(interrupt_moderation(req))
            }
            Ok((OidOwner::General, _)) => general::handle(self, req),
            Ok(_) => self.miniport.lock().handle_oid(os, req),
        }
    }

    /// The VF's receive filter (packet filter and multicast list its DPC applies).
    pub fn rx_filter(&self) -> &VfRxFilter {
        &self.rx_filter
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
        self.state.store(HALTED, Ordering::Release);
        if let Some(mut p) = self.path.take() {
            p.stop(os);
        }
    }

    /// Whether the adapter was halted.
    pub fn halted(&self) -> bool {
        self.path.is_none()
    }
}

/// OID_GEN_INTERRUPT_MODERATION on the VF (type and length already checked): a query reports
/// NDIS_INTERRUPT_MODERATION_PARAMETERS {DEFAULT, revision 1, 12 bytes; Flags 0;
/// NdisInterruptModerationNotSupported}; a set with a valid header is NDIS_STATUS_INVALID_DATA
/// (the vPort's moderation is the PF's to set), with a bad header INVALID_PARAMETER.
fn interrupt_moderation(req: &mut OidRequest<'_>) -> NdisStatus {
    const SIZE: usize = super::NDIS_SIZEOF_INTERRUPT_MODERATION_PARAMETERS_REVISION_1 as usize;
    if req.request_type == RequestType::Set {
        let ok = crate::sriov::bytes::check_header(req.buffer, &[(1, SIZE)]).is_some();
        return if ok {
            general::NDIS_STATUS_INVALID_DATA
        } else {
            NDIS_STATUS_INVALID_PARAMETER
        };
    }
    let mut b = [0u8; SIZE];
    let fields: [(usize, &[u8]); 3] = [
        (0, &[0x80, 1]),
        (2, &(SIZE as u16).to_le_bytes()),
        (8, &NdisInterruptModerationNotSupported.to_le_bytes()),
    ];
    for (off, data) in fields {
        if let Some(d) = b.get_mut(off..off.saturating_add(data.len())) {
            d.copy_from_slice(data);
        }
    }
    match req.buffer.get_mut(..SIZE) {
        Some(dst) => {
            dst.copy_from_slice(&b);
            req.bytes_written = SIZE as u32;
            NDIS_STATUS_SUCCESS
        }
        None => {
            req.bytes_needed = SIZE as u32;
            NDIS_STATUS_INVALID_LENGTH
        }
    }
}

/// The general OIDs of the VF adapter, from its own state: MAC addresses and MTU from VF_INFO,
/// link from LINK_STATE (both as last read from the PF over the backchannel), statistics from
/// its queue pair ([`VfAdapter::counters`]), packet filter and multicast list from the filter
/// its DPC applies.
impl GeneralSource for VfAdapter {
    fn gen_table(&self) -> OidTable {
        super::oid_table()
    }
    fn gen_mtu(&self) -> u32 {
        self.miniport.lock().info().map_or(0, |i| i.mtu)
    }
    fn gen_max_frame(&self) -> u32 {
        self.gen_mtu().saturating_add(14)
    }
    fn gen_link(&self) -> (bool, u64) {
        self.miniport
            .lock()
            .link()
            .map_or((false, 0), |l| (l.media_connect_state == 1, l.link_speed_bps))
    }
    fn gen_permanent_mac(&self) -> [u8; 6] {
        self.miniport.lock().info().map_or([0; 6], |i| i.permanent_mac)
    }
    fn gen_current_mac(&self) -> [u8; 6] {
        self.miniport.lock().info().map_or([0; 6], |i| i.current_mac)
    }
    fn gen_counters(&self) -> CounterSnapshot {
        self.counters()
    }
    fn gen_packet_filter(&self) -> u32 {
        self.rx_filter.packet_filter()
    }
    fn gen_lookahead(&self) -> u32 {
        self.lookahead.load(Ordering::Acquire)
    }
    fn gen_multicast(&self, out: &mut [[u8; 6]; MAX_MULTICAST]) -> usize {
        self.rx_filter.multicast(out)
    }
    fn gen_set_packet_filter(&self, filter: u32) {
        self.rx_filter.set_packet_filter(filter);
    }
    fn gen_set_lookahead(&self, lookahead: u32) {
        self.lookahead.store(lookahead, Ordering::Release);
    }
    fn gen_set_multicast(&self, list: &[[u8; 6]]) {
        self.rx_filter.set_multicast(list);
    }
}
