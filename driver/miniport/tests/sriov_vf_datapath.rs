//! The VF miniport's data path on the model, next to the PF: the device writes VF frames straight
//! into the VF's own memory and raises the VF's own vector; the VF's DPC indicates them. The PF's
//! vectors (hence its DPCs) never fire for VF traffic (issue 6 must-have 4).

mod sriov_common;
use sriov_common::*;

use std::sync::{Arc, Mutex};
use svnic_abi::status::*;
use svnic_device::frame::build_frame;
use svnic_device::{DeviceConfig, Function, MsiMessage, MsiSink, QueueId, RxDesc, VecRegion};
use svnic_miniport::os::ProcessorNumber;
use svnic_miniport::sriov::caps::NicSwitchCaps;
use svnic_miniport::vf::datapath::{VfDataPath, VF_RX_BANK};

#[derive(Default)]
struct Msis(Mutex<Vec<MsiMessage>>);
impl MsiSink for Msis {
    fn signal(&self, m: MsiMessage) {
        self.0.lock().unwrap().push(m);
    }
}

fn frame(dst: [u8; 6], seq: u32) -> Vec<u8> {
    let mut b = vec![0u8; 128];
    let mut payload = [0u8; 46];
    payload[..4].copy_from_slice(&seq.to_le_bytes());
    let n = build_frame(&mut b, dst, [2, 9, 9, 9, 9, 9], None, 0x0800, &payload).unwrap();
    b.truncate(n);
    b
}

fn setup() -> (Pf, Arc<Msis>, Arc<TestOs>, VfDataPath) {
    let msis = Arc::new(Msis::default());
    let cfg = DeviceConfig {
        total_vfs: TOTAL_VFS,
        pf_queues: PF_QUEUES,
        rx_ring_len: 256,
        tx_ring_len: 64,
        ..DeviceConfig::default()
    };
    let mut p = Pf::with_device(NicSwitchCaps::from_input(&caps_input()), true, cfg, msis.clone());
    assert_eq!(p.create_switch(2), NDIS_STATUS_SUCCESS);
    let vf = p.vm_start(7, 1, mac(1));
    // The PF's default queue, as the PF data path sets it up.
    let d = p.dev().clone();
    d.set_rx_region(QueueId::DEFAULT, Arc::new(VecRegion::new(256 * 2048)))
        .unwrap();
    let descs: Vec<RxDesc> = (0..256)
        .map(|i| RxDesc {
            offset: i * 2048,
            len: 2048,
        })
        .collect();
    d.post_rx(QueueId::DEFAULT, &descs).unwrap();
    d.enable_rx(QueueId::DEFAULT, true).unwrap();
    // The guest's VF miniport brings its queue up on guest processor 1.
    let guest = Arc::new(TestOs::new(d.clone()));
    let path = VfDataPath::start(&*guest, d, vf, 128, 2048, ProcessorNumber { group: 0, number: 1 }).unwrap();
    msis.0.lock().unwrap().clear();
    (p, msis, guest, path)
}

/// Deliver interrupts as the two partitions would: VF messages to the guest's DPC, PF messages
/// to the PF's DPC (counted through the PF's Os).
fn route(msis: &Msis, p: &Pf, guest: &TestOs, path: &VfDataPath) {
    for m in msis.0.lock().unwrap().drain(..) {
        match m.function {
            Function::Vf(0) => {
                path.interrupt(guest);
            }
            Function::Pf => {
                use svnic_miniport::os::Os;
                p.os.schedule_dpc(ProcessorNumber {
                    group: 0,
                    number: m.processor as u8,
                });
            }
            other => panic!("no other function has traffic: {other:?}"),
        }
    }
}

#[test]
fn vf_frames_land_in_the_vf_memory_and_only_the_vf_dpc_runs() {
    let (p, msis, guest, path) = setup();
    for i in 0..100 {
        p.dev().receive(&frame(mac(1), i));
    }
    assert!(
        msis.0
            .lock()
            .unwrap()
            .iter()
            .all(|m| m.function == Function::Vf(0)),
        "only the VF's vector fired"
    );
    route(&msis, &p, &guest, &path);
    assert!(p.os.dpcs.lock().unwrap().is_empty(), "no PF DPC for VF traffic");
    assert_eq!(
        guest.dpcs.lock().unwrap().first(),
        Some(&ProcessorNumber { group: 0, number: 1 })
    );
    let mut n = 0;
    while path.dpc(&*guest) > 0 {
        n += 1;
        assert!(n < 10);
    }
    let ind = guest.indications.lock().unwrap();
    let mut seqs = vec![];
    for (bank, q, vport, flags, frames) in ind.iter() {
        assert_eq!(
            (*bank, *q, *vport),
            (VF_RX_BANK, 0, 0),
            "a VF never tags a VPortId"
        );
        assert_eq!(*flags & 0x1, 0x1);
        for f in frames {
            assert_eq!(&f[0..6], &mac(1));
            seqs.push(u32::from_le_bytes(f[14..18].try_into().unwrap()));
        }
    }
    assert_eq!(seqs, (0..100).collect::<Vec<_>>());
    assert_eq!(path.indicated(), 100);
    // The PF's default queue saw none of it.
    let mut done = vec![svnic_device::RxCompletion::default(); 8];
    assert_eq!(p.dev().poll_rx(QueueId::DEFAULT, &mut done), 0);
}

#[test]
fn pf_traffic_interleaved_with_vf_traffic_raises_only_pf_vectors_for_pf_frames() {
    let (p, msis, guest, path) = setup();
    for i in 0..40 {
        p.dev().receive(&frame(mac(1), i));
        p.dev().receive(&frame(mac(99), 1000 + i));
    }
    let (vf_msgs, pf_msgs): (Vec<MsiMessage>, Vec<MsiMessage>) = msis
        .0
        .lock()
        .unwrap()
        .iter()
        .cloned()
        .partition(|m| m.function == Function::Vf(0));
    assert!(!vf_msgs.is_empty() && !pf_msgs.is_empty());
    let default_vector = p.dev().queue_vector(QueueId::DEFAULT).unwrap();
    assert!(
        pf_msgs.iter().all(|m| (Function::Pf, m.vector) == default_vector),
        "PF messages only for the PF's own queue"
    );
    route(&msis, &p, &guest, &path);
    while path.dpc(&*guest) > 0 {}
    let vf_frames: usize = guest.indications.lock().unwrap().iter().map(|i| i.4.len()).sum();
    assert_eq!(vf_frames, 40);
    let mut done = vec![svnic_device::RxCompletion::default(); 64];
    assert_eq!(p.dev().poll_rx(QueueId::DEFAULT, &mut done), 40);
}

#[test]
fn returned_slots_are_reposted_and_stop_frees_everything() {
    let (p, _msis, guest, mut path) = setup();
    for round in 0..3u32 {
        for i in 0..100 {
            p.dev().receive(&frame(mac(1), round * 100 + i));
        }
        while path.dpc(&*guest) > 0 {}
        let slots: Vec<u32> = (0..128).collect();
        for s in slots {
            path.return_rx(s);
        }
    }
    let total: usize = guest.indications.lock().unwrap().iter().map(|i| i.4.len()).sum();
    assert_eq!(
        total, 300,
        "128 buffers carried 300 frames because returned slots were re-posted"
    );
    assert!(!path.return_rx(128));
    path.stop(&*guest);
    assert_eq!(*guest.shared_live.lock().unwrap(), 0);
    p.dev().receive(&frame(mac(1), 9999));
    assert_eq!(path.dpc(&*guest), 0);
}
