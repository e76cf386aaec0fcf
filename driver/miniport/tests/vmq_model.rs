//! The VMQ engine on svnic-device's modeled NIC (`vmq::model_hw::ModelVmq`): the model's
//! classifier steers, its rings DMA each frame once into the queue's own shared memory, its MSI-X
//! vectors raise the DPC of the queue's processor.

mod vmq_support;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use svnic_abi::status::*;
use svnic_device::{Device, DeviceConfig, MsiMessage, MsiSink, QueueId};
use svnic_miniport::oid::{OidOutcome, OidToken, RequestType};
use svnic_miniport::os::Os;
use svnic_miniport::vmq::caps::{receive_filter_capabilities, VmqMode};
use svnic_miniport::vmq::device::VmqDevice;
use svnic_miniport::vmq::model_hw::{processor_from_index, ModelVmq};
use svnic_miniport::vmq::ndis::*;
use svnic_miniport::vmq::{VmqEngine, VmqEnv};
use vmq_support::*;

/// MSI-X -> DPC of the message's processor, as the binding does.
struct Msi(Mutex<Option<Arc<TestOs>>>);
impl MsiSink for Msi {
    fn signal(&self, msg: MsiMessage) {
        if let Some(os) = self.0.lock().unwrap().as_ref() {
            os.schedule_dpc(processor_from_index(msg.processor));
        }
    }
}

struct Rig {
    os: Arc<TestOs>,
    hw: ModelVmq,
    engine: VmqEngine,
    token: std::cell::Cell<u64>,
}

impl Rig {
    fn new(pf_queues: u16, processors: u32) -> Self {
        let msi = Arc::new(Msi(Mutex::new(None)));
        let cfg = DeviceConfig {
            pf_queues,
            total_vfs: 0,
            ..DeviceConfig::default()
        };
        let dev = Arc::new(Device::new(cfg, msi.clone()).unwrap());
        let os = TestOs::new(processors);
        *msi.0.lock().unwrap() = Some(os.clone());
        let hw = ModelVmq::new(dev);
        let caps = receive_filter_capabilities(
            hw.vmq_queue_count(),
            hw.vmq_filter_capacity(),
            VmqMode {
                vmq: true,
                sriov: false,
                vlan_filtering: true,
            },
        );
        let engine = VmqEngine::new(caps);
        let rig = Self {
            os,
            hw,
            engine,
            token: std::cell::Cell::new(1),
        };
        rig.engine.start_default_queue(rig.env(), cpu(0)).unwrap();
        rig
    }
    fn env(&self) -> VmqEnv<'_> {
        VmqEnv {
            os: &*self.os,
            device: &self.hw,
        }
    }
    fn oid(&self, rt: RequestType, oid: u32, buf: &mut [u8]) -> (OidOutcome, OidToken) {
        let token = OidToken(self.token.get());
        self.token.set(token.0 + 1);
        let n = buf.len();
        let mut req = svnic_miniport::oid::OidRequest {
            request_type: rt,
            oid,
            buffer: buf,
            input_len: n,
            bytes_read: 0,
            bytes_written: 0,
            bytes_needed: 0,
            token,
        };
        (self.engine.handle_oid(&mut self.env(), &mut req), token)
    }
    fn connect(&self, q: u32, f: u32, mac: [u8; 6], vlan: Option<u16>, p: u8) {
        let (o, _) = self.oid(
            RequestType::Method,
            OID_RECEIVE_FILTER_ALLOCATE_QUEUE,
            &mut queue_params(q, 1 << p, 0),
        );
        assert_eq!(o, ok());
        let (o, _) = self.oid(
            RequestType::Method,
            OID_RECEIVE_FILTER_SET_FILTER,
            &mut filter_params(q, f, mac, vlan),
        );
        assert_eq!(o, ok());
        let mut b = allocation_complete(&[q]);
        assert_eq!(
            self.oid(
                RequestType::Method,
                OID_RECEIVE_FILTER_QUEUE_ALLOCATION_COMPLETE,
                &mut b
            )
            .0,
            ok()
        );
        assert_eq!(completion_statuses(&b), vec![NDIS_STATUS_SUCCESS]);
    }
    fn run_dpcs(&self) {
        loop {
            let next = self.os.dpc_queue.lock().unwrap().pop_front();
            let Some(p) = next else { return };
            set_current(p);
            if self.engine.dpc(&self.env(), p, 16).more_work {
                self.os.schedule_dpc(p);
            }
        }
    }
    fn return_all(&self) {
        let held: Vec<_> = self.os.held.lock().unwrap().drain(..).collect();
        for (bank, slot) in held {
            assert!(self.engine.return_rx(&self.env(), bank, slot));
        }
    }
    fn wire(&self, f: &[u8]) {
        self.hw.device().receive(f);
    }
}

#[test]
fn model_nic_steers_each_vm_to_its_queue_memory_and_processor_with_one_dma_per_frame() {
    let rig = Rig::new(4, 2);
    for v in 1..=4u32 {
        rig.connect(v, v, vm_mac(v as u8), None, (v % 2) as u8);
    }
    let per_vm = 100u32; // more than fit in one DPC budget
    for i in 0..per_vm {
        for v in 1..=4u8 {
            rig.wire(&frame(vm_mac(v), None, i));
        }
        if i % 10 == 9 {
            rig.run_dpcs();
            rig.return_all();
        }
    }
    rig.wire(&frame(vm_mac(9), None, 7)); // nobody's: default queue
    rig.run_dpcs();
    rig.return_all();
    let shm = rig.os.shm_live.lock().unwrap().clone();
    let mut by_queue: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for r in rig.os.take_rx() {
        assert_eq!(
            shm[&r.shared_memory_handle].0, r.queue_id,
            "frame in its queue's memory"
        );
        if r.queue_id != 0 {
            assert_eq!(r.processor, cpu((r.queue_id % 2) as u8));
        }
        for (_, d) in &r.frames {
            by_queue.entry(r.queue_id).or_default().push(seq_of(d));
            if r.queue_id != 0 {
                assert_eq!(d[..6], vm_mac(r.queue_id as u8));
            }
        }
    }
    for v in 1..=4u32 {
        assert_eq!(by_queue[&v], (0..per_vm).collect::<Vec<_>>(), "queue {v}");
        let c = rig.hw.device().counters(QueueId(v as u16)).unwrap();
        assert_eq!(c.rx.frames, u64::from(per_vm), "one device delivery per frame");
    }
    assert_eq!(by_queue[&0], vec![7]);
}

#[test]
fn model_nic_strips_the_vlan_tag_of_a_mac_vlan_filter() {
    let rig = Rig::new(2, 1);
    rig.connect(1, 1, vm_mac(1), Some(100), 0);
    rig.wire(&frame(vm_mac(1), Some(0x2064), 1)); // PCP 1, VID 100
    rig.wire(&frame(vm_mac(1), None, 2)); // untagged: not this filter
    rig.run_dpcs();
    let rx = rig.os.take_rx();
    let q1: Vec<_> = rx.iter().filter(|r| r.queue_id == 1).collect();
    assert_eq!(q1.len(), 1);
    let (f, d) = &q1[0].frames[0];
    assert_eq!(f.ieee8021q, 1 | (100 << 4));
    assert_eq!(&d[12..14], &[0x08, 0x00]);
    assert_eq!(seq_of(d), 1);
}

#[test]
fn model_nic_queue_freed_with_nbls_out_then_reallocated_receives_again() {
    let rig = Rig::new(2, 2);
    for round in 0..3u32 {
        rig.connect(1, 10 + round, vm_mac(1), None, (round % 2) as u8);
        for i in 0..20 {
            rig.wire(&frame(vm_mac(1), None, round * 100 + i));
        }
        rig.run_dpcs();
        let got: Vec<u32> = rig
            .os
            .take_rx()
            .iter()
            .filter(|r| r.queue_id == 1)
            .flat_map(|r| r.frames.iter().map(|(_, d)| seq_of(d)).collect::<Vec<_>>())
            .collect();
        assert_eq!(
            got,
            (round * 100..round * 100 + 20).collect::<Vec<_>>(),
            "round {round}"
        );
        // More frames wait in the ring when the filter goes: dropped, never indicated.
        for i in 0..5 {
            rig.wire(&frame(vm_mac(1), None, 900 + i));
        }
        assert_eq!(
            rig.oid(
                RequestType::Set,
                OID_RECEIVE_FILTER_CLEAR_FILTER,
                &mut clear_params(1, 10 + round)
            )
            .0,
            ok()
        );
        let (o, token) = rig.oid(
            RequestType::Set,
            OID_RECEIVE_FILTER_FREE_QUEUE,
            &mut free_params(1),
        );
        assert_eq!(o, OidOutcome::Pending, "20 NBLs outstanding");
        rig.run_dpcs();
        assert!(rig.os.take_rx().iter().all(|r| r.queue_id != 1));
        rig.return_all();
        assert!(rig
            .os
            .completions()
            .iter()
            .any(|c| c.1 == token && c.2 == NDIS_STATUS_SUCCESS));
        assert_eq!(rig.os.dma_stopped(1).len() as u32, round + 1);
    }
    assert_eq!(rig.os.shm_live.lock().unwrap().len(), 1);
    assert_eq!(rig.os.live_banks(), 1);
}
