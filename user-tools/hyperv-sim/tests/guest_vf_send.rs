//! The guest VF adapter's send path through the driver's real entry points: in the child
//! partition MiniportSendNetBufferLists transmits each NB from the VF's own queue into the NIC's
//! embedded switch (spec 2.4, 2.7). Frames with the VF's own MAC reach the wire (a peer adapter
//! on the hub) byte for byte and count on the VF pool; spoofed frames are dropped by the switch,
//! counted on the VF pool and raised to the PF, and still complete SUCCESS; sends outside
//! MiniportRestart..MiniportPause complete PAUSED; a pause pends while a send is in progress and
//! completes from that send's end.

mod guest_common;
use guest_common::*;
use hyperv_sim::vswitch::guest::BoundGuestVm;
use hyperv_sim::vswitch::iov::*;
use hyperv_sim::{AdapterRef, Host, RequestType};
use std::sync::{mpsc, Arc, Mutex, Weak};
use std::time::Duration;
use svnic_abi::status::*;
use svnic_device::{DropReason, QueueCounters, QueueId, VfEvents, WirePort};

const MAC: [u8; 6] = VM_MAC;
const SPOOF: [u8; 6] = [2, 0, 0x5e, 0, 9, 0x77];
const OID_GEN_CURRENT_PACKET_FILTER: u32 = 0x0001_010E;
const OID_802_3_CURRENT_ADDRESS: u32 = 0x0101_0102;

/// PF adapter 0 with SR-IOV (the VM's VF), peer adapter 1 on the same hub (directed + broadcast).
fn host() -> Host {
    let h = Host::builder()
        .processors(2)
        .adapters(2)
        .keywords(&[("*SriovPreferred", 1), ("*SRIOV", 1), ("*VMQ", 0), ("*NumVFs", 4)])
        .build()
        .unwrap();
    let r = h.adapter(1).oid(
        RequestType::Set,
        OID_GEN_CURRENT_PACKET_FILTER,
        &9u32.to_le_bytes(),
        0,
    );
    assert_eq!(r.status, NDIS_STATUS_SUCCESS);
    h
}

fn peer_mac(h: &Host) -> [u8; 6] {
    h.adapter(1)
        .query(OID_802_3_CURRENT_ADDRESS, 6)
        .out
        .try_into()
        .unwrap()
}

fn frame(dst: [u8; 6], src: [u8; 6], seq: u8) -> Vec<u8> {
    let mut f = [dst.as_slice(), src.as_slice(), &[0x88, 0xB5]].concat();
    f.extend_from_slice(&[seq; 4]);
    f.resize(64, 0xA5 ^ seq);
    f
}

fn dev(h: &Host) -> std::sync::Arc<svnic_device::Device> {
    h.adapter(0).driver_adapter().unwrap().nic().device().clone()
}

fn vf_queue(h: &Host) -> QueueId {
    dev(h).layout().vf_queue(0).unwrap()
}

fn pool(h: &Host) -> QueueCounters {
    dev(h).counters(vf_queue(h)).unwrap()
}

fn teardown(h: &Host, mut sw: IovSwitch<AdapterRef<'_>>, guest: BoundGuestVm<'_>) {
    assert_eq!(guest.halt(), Ok(()));
    sw.revoke_vf("vm").unwrap();
    sw.halt().unwrap();
    h.halt().unwrap();
}

#[test]
fn guest_vf_sends_own_mac_frames_from_its_queue_to_the_wire_byte_for_byte() {
    let h = host();
    let sw = switch_with_vm(&h);
    let guest = BoundGuestVm::start(&h, 0, 0).unwrap();
    let peer = h.adapter(1);
    let m1 = peer_mac(&h);
    h.quiesce();
    let (before, wire_before) = (pool(&h), dev(&h).device_counters());
    let default_tx_before = dev(&h).counters(QueueId::DEFAULT).unwrap().tx.frames;
    let frames: Vec<Vec<u8>> = (0..7).map(|i| frame(m1, MAC, i)).collect();
    assert_eq!(guest.send(&frames), vec![NDIS_STATUS_SUCCESS; 7]);
    assert!(peer.wait_received(7, Duration::from_secs(10)));
    h.quiesce();
    let rx: Vec<Vec<u8>> = peer.received().into_iter().map(|r| r.frame).collect();
    assert_eq!(rx, frames);
    let after = pool(&h);
    assert_eq!(after.tx.frames, before.tx.frames + 7);
    assert_eq!(after.tx.bytes, before.tx.bytes + 7 * 64);
    assert_eq!(after.tx.drops.total(), before.tx.drops.total());
    // They left from the VF's queue, not the PF's default pool.
    assert_eq!(
        dev(&h).counters(QueueId::DEFAULT).unwrap().tx.frames,
        default_tx_before
    );
    let wire = dev(&h).device_counters();
    assert_eq!(wire.wire_tx_frames, wire_before.wire_tx_frames + 7);
    assert_eq!(wire.spoof_events, wire_before.spoof_events);
    // Every NBL came back to the sim.
    assert_eq!(guest.adapter().sends_outstanding(), 0);
    assert_eq!(guest.adapter().anomalies(), Vec::<String>::new());
    teardown(&h, sw, guest);
}

#[test]
fn guest_vf_spoofed_frames_are_dropped_counted_raised_and_still_complete_success() {
    let h = host();
    let sw = switch_with_vm(&h);
    let guest = BoundGuestVm::start(&h, 0, 0).unwrap();
    let peer = h.adapter(1);
    let m1 = peer_mac(&h);
    h.quiesce();
    let _ = dev(&h).pf_take_vf_events(0);
    let (before, wire_before) = (pool(&h), dev(&h).device_counters());
    let peer_before = peer.received().len();
    let frames: Vec<Vec<u8>> = (0..5).map(|i| frame(m1, SPOOF, i)).collect();
    assert_eq!(guest.send(&frames), vec![NDIS_STATUS_SUCCESS; 5]);
    h.quiesce();
    let after = pool(&h);
    assert_eq!(
        after.tx.drops.get(DropReason::Spoofed),
        before.tx.drops.get(DropReason::Spoofed) + 5
    );
    assert_eq!(after.tx.frames, before.tx.frames);
    let wire = dev(&h).device_counters();
    assert_eq!(wire.wire_tx_frames, wire_before.wire_tx_frames);
    assert_eq!(wire.spoof_events, wire_before.spoof_events + 5);
    assert!(dev(&h).pf_take_vf_events(0).has(VfEvents::SPOOF));
    assert_eq!(peer.received().len(), peer_before);
    assert_eq!(guest.adapter().sends_outstanding(), 0);
    // A good frame after the spoofed ones still goes out.
    let good = frame(m1, MAC, 9);
    assert_eq!(guest.send(std::slice::from_ref(&good)), vec![NDIS_STATUS_SUCCESS]);
    assert!(peer.wait_received(peer_before + 1, Duration::from_secs(10)));
    assert_eq!(peer.received()[peer_before].frame, good);
    assert_eq!(pool(&h).tx.frames, before.tx.frames + 1);
    teardown(&h, sw, guest);
}

#[test]
fn guest_vf_sends_before_restart_and_while_paused_complete_paused() {
    let h = host();
    let sw = switch_with_vm(&h);
    let guest = BoundGuestVm::start_paused(&h, 0, 0).unwrap();
    let m1 = peer_mac(&h);
    h.quiesce();
    let before = pool(&h);
    let frames: Vec<Vec<u8>> = (0..3).map(|i| frame(m1, MAC, i)).collect();
    // Initialized, never restarted.
    assert_eq!(guest.send(&frames), vec![NDIS_STATUS_PAUSED; 3]);
    assert_eq!(guest.restart(), NDIS_STATUS_SUCCESS);
    // Restart of a running adapter is refused.
    assert_eq!(guest.restart(), NDIS_STATUS_FAILURE);
    assert_eq!(guest.send(&frames), vec![NDIS_STATUS_SUCCESS; 3]);
    // No send in progress: pause completes at once.
    assert_eq!(guest.pause(), Ok(NDIS_STATUS_SUCCESS));
    assert_eq!(guest.send(&frames[..2]), vec![NDIS_STATUS_PAUSED; 2]);
    // Pausing again is a no-op.
    assert_eq!(guest.pause(), Ok(NDIS_STATUS_SUCCESS));
    assert_eq!(guest.restart(), NDIS_STATUS_SUCCESS);
    assert_eq!(guest.send(&frames[..1]), vec![NDIS_STATUS_SUCCESS]);
    h.quiesce();
    // Only the 4 sends made while running left the VF's queue.
    assert_eq!(pool(&h).tx.frames, before.tx.frames + 4);
    assert_eq!(guest.adapter().sends_outstanding(), 0);
    assert_eq!(guest.pause(), Ok(NDIS_STATUS_SUCCESS));
    teardown(&h, sw, guest);
}

#[test]
fn guest_vf_adapter_halts_leak_free_after_sends() {
    let h = host();
    let sw = switch_with_vm(&h);
    let guest = BoundGuestVm::start(&h, 0, 0).unwrap();
    let peer = h.adapter(1);
    let m1 = peer_mac(&h);
    let frames: Vec<Vec<u8>> = (0..40u8)
        .map(|i| frame(m1, if i % 4 == 0 { SPOOF } else { MAC }, i))
        .collect();
    assert_eq!(guest.send(&frames), vec![NDIS_STATUS_SUCCESS; 40]);
    h.quiesce();
    assert_eq!(guest.pause(), Ok(NDIS_STATUS_SUCCESS));
    // 30 own-MAC frames reached the peer, the 10 spoofed ones did not.
    assert!(peer.wait_received(30, Duration::from_secs(10)));
    h.quiesce();
    assert_eq!(peer.received().len(), 30);
    assert_eq!(guest.adapter().sends_outstanding(), 0);
    // MiniportHaltEx after sends and a pause leaves nothing behind (halt() checks the leaks).
    teardown(&h, sw, guest);
}

/// Marks the frame [`HoldingStation`] holds.
const HOLD: u8 = 0xEE;

/// A station on the driver's hub whose receive holds the frame marked [`HOLD`] until released:
/// the hub delivers inside the device's transmit, so the VF's send carrying that frame stays in
/// progress inside MiniportSendNetBufferLists until then.
struct HoldingStation {
    entered: Mutex<mpsc::Sender<()>>,
    release: Mutex<mpsc::Receiver<()>>,
}

impl WirePort for HoldingStation {
    fn receive(&self, frame: &[u8]) {
        if frame.get(14..18) == Some(&[HOLD; 4]) {
            self.entered.lock().unwrap().send(()).unwrap();
            // Bounded so a broken test cannot hang the run.
            let _ = self.release.lock().unwrap().recv_timeout(Duration::from_secs(30));
        }
    }
}

#[test]
fn vf_pause_pends_until_the_send_in_progress_ends() {
    let h = host();
    let sw = switch_with_vm(&h);
    let guest = BoundGuestVm::start(&h, 0, 0).unwrap();
    let peer = h.adapter(1);
    let m1 = peer_mac(&h);
    let hub = svnic::with_driver(h.driver_object(), |d| d.hub().clone()).unwrap();
    let (entered_tx, entered) = mpsc::channel();
    let (release, release_rx) = mpsc::channel();
    let station = Arc::new(HoldingStation {
        entered: Mutex::new(entered_tx),
        release: Mutex::new(release_rx),
    });
    let weak: Weak<dyn WirePort> = {
        let w: Weak<HoldingStation> = Arc::downgrade(&station);
        w
    };
    let port = hub.connect(weak);
    h.quiesce();
    let before = pool(&h);
    let held = frame(m1, MAC, HOLD);
    std::thread::scope(|s| {
        // NDIS sends on one processor...
        let sender = s.spawn(|| guest.send(std::slice::from_ref(&held)));
        entered
            .recv_timeout(Duration::from_secs(10))
            .expect("the send reached the wire");
        // ...and pauses the adapter on another while that send is still in
        // MiniportSendNetBufferLists: MiniportPause pends.
        assert_eq!(guest.pause_begin(), NDIS_STATUS_PENDING);
        assert!(!guest.adapter().pause_completed());
        assert_eq!(guest.adapter().sends_outstanding(), 1);
        // The wire lets go: the send ends, completes SUCCESS, and its end completes the pause.
        release.send(()).unwrap();
        assert_eq!(sender.join().unwrap(), vec![NDIS_STATUS_SUCCESS]);
        assert_eq!(guest.adapter().wait_pause(), Ok(NDIS_STATUS_SUCCESS));
    });
    assert!(guest.adapter().pause_completed());
    assert_eq!(guest.adapter().sends_outstanding(), 0);
    hub.disconnect(port);
    // The held frame left from the VF's queue and reached the peer.
    assert!(peer.wait_received(1, Duration::from_secs(10)));
    assert_eq!(peer.received()[0].frame, held);
    assert_eq!(pool(&h).tx.frames, before.tx.frames + 1);
    // Paused now: a send completes PAUSED until MiniportRestart.
    let next = frame(m1, MAC, 1);
    assert_eq!(guest.send(std::slice::from_ref(&next)), vec![NDIS_STATUS_PAUSED]);
    assert_eq!(guest.restart(), NDIS_STATUS_SUCCESS);
    assert_eq!(guest.send(std::slice::from_ref(&next)), vec![NDIS_STATUS_SUCCESS]);
    assert_eq!(pool(&h).tx.frames, before.tx.frames + 2);
    assert_eq!(guest.adapter().anomalies(), Vec::<String>::new());
    teardown(&h, sw, guest);
}
