//! The guest side of a VM on a VF, with the PF running behind the binding: the guest's VF miniport
//! initializes through the backchannel (NdisMReadConfigBlock -> the model's mailbox -> the host's
//! NDIS -> OID_SRIOV_READ_VF_CONFIG_BLOCK on the PF driver), writes its driver info back, brings
//! its own queue up and receives its frames with no PF DPC involved.

use std::sync::{Arc, Mutex};

use hyperv_sim::vswitch::iov::*;
use hyperv_sim::Host;
use hyperv_sim::RequestType;
use svnic_abi::status::*;
use svnic_device::frame::build_frame;
use svnic_device::{Device, DmaRegion, VecRegion};
use svnic_miniport::oid::{OidBytes, OidOutcome, OidRequest, OidToken};
use svnic_miniport::os::*;
use svnic_miniport::sriov::abi::*;
use svnic_miniport::sriov::backchannel::{VfDriverInfo, BLOCK_VF_DRIVER_INFO, BLOCK_VF_INFO};
use svnic_miniport::sriov::mailbox::{MailboxTransport, MbxMsg, PfSession, VfRequester};
use svnic_miniport::sriov::model_hw::carrier;
use svnic_miniport::vf::datapath::VfDataPath;
use svnic_miniport::vf::{VfMiniport, VF_DRIVER_VERSION};

type Banks = Mutex<Vec<(RxBankId, Arc<dyn DmaRegion>, u32)>>;

/// The guest partition's NDIS for the VF miniport.
struct GuestOs<'h> {
    host: &'h Host,
    dev: Arc<Device>,
    vf: u16,
    session: Mutex<PfSession>,
    requester: Mutex<VfRequester>,
    dpcs: Mutex<u32>,
    rx: Mutex<Vec<Vec<u8>>>,
    banks: Banks,
}

struct Wire<'a, 'h>(&'a GuestOs<'h>);

impl MailboxTransport for Wire<'_, '_> {
    fn exchange(&mut self, req: &MbxMsg) -> Option<MbxMsg> {
        let g = self.0;
        carrier::vf_post(&g.dev, g.vf, req).ok()?;
        // The host's VSP: serve the VF's mailbox with block OIDs on the PF adapter.
        let nic = g.host.adapter(0);
        let mut backend = NicBlockBackend { nic: &nic };
        let (_, served) = carrier::pf_serve(&g.dev, g.vf, &mut g.session.lock().unwrap(), &mut backend);
        assert!(served);
        carrier::vf_take_reply(&g.dev, g.vf)
    }
}

impl Os for GuestOs<'_> {
    fn active_processor_count(&self, g: u16) -> u32 {
        if g == 0 {
            2
        } else {
            0
        }
    }
    fn current_processor(&self) -> ProcessorNumber {
        ProcessorNumber::default()
    }
    fn now_us(&self) -> u64 {
        0
    }
    fn indicate_status(&self, _: NdisStatus, _: &[u8]) {}
    fn complete_oid(&self, _: OidToken, _: NdisStatus, _: OidBytes) {}
    fn schedule_dpc(&self, _: ProcessorNumber) -> bool {
        *self.dpcs.lock().unwrap() += 1;
        true
    }
    fn alloc_shared_memory(&self, req: SharedMemoryRequest) -> Result<SharedMemory, NdisStatus> {
        Ok(SharedMemory {
            handle: 1,
            os_cookie: 1,
            len: req.len,
            region: Arc::new(VecRegion::new(req.len as usize)),
        })
    }
    fn free_shared_memory(&self, _: SharedMemory) {}
    fn create_rx_bank(&self, spec: &RxBankSpec<'_>) -> Result<(), NdisStatus> {
        self.banks
            .lock()
            .unwrap()
            .push((spec.bank, spec.memory.region.clone(), spec.slot_len));
        Ok(())
    }
    fn destroy_rx_bank(&self, bank: RxBankId) {
        self.banks.lock().unwrap().retain(|b| b.0 != bank);
    }
    fn indicate_receive(&self, ind: &RxIndication<'_>) {
        assert_eq!((ind.queue_id, ind.vport_id), (0, 0));
        let banks = self.banks.lock().unwrap();
        let (_, region, slot_len) = banks.iter().find(|b| b.0 == ind.bank).unwrap();
        for f in ind.frames {
            let mut v = vec![0u8; f.len as usize];
            assert!(region.read((f.slot * slot_len) as usize, &mut v));
            self.rx.lock().unwrap().push(v);
        }
    }
    fn pause_complete(&self) {}
    fn enable_virtualization(&self, _: u16, _: bool) -> NdisStatus {
        NDIS_STATUS_NOT_SUPPORTED
    }
    fn invalidate_vf_config_block(&self, _: u16, _: u64) -> NdisStatus {
        NDIS_STATUS_NOT_SUPPORTED
    }
    fn read_vf_config_block(&self, block_id: u32, out: &mut [u8]) -> NdisStatus {
        let mut r = self.requester.lock().unwrap();
        r.read_block(&mut Wire(self), block_id, out)
    }
    fn write_vf_config_block(&self, block_id: u32, data: &[u8]) -> NdisStatus {
        let mut r = self.requester.lock().unwrap();
        r.write_block(&mut Wire(self), block_id, data)
    }
}

#[test]
fn the_guests_vf_miniport_comes_up_over_the_backchannel_and_receives_on_its_own_queue() {
    let h = Host::builder()
        .processors(2)
        .adapters(1)
        .keywords(&[("*SriovPreferred", 1), ("*SRIOV", 1), ("*VMQ", 0), ("*NumVFs", 4)])
        .build()
        .unwrap();
    let ad = h.adapter(0).driver_adapter().unwrap();
    let dev = ad.nic().device().clone();
    let max_vports = ad.sriov().with_pf(|pf| pf.caps().max_num_vports);
    let mut sw = IovSwitch::new(h.adapter(0), max_vports, 300);
    sw.create(4).unwrap();
    let mac = [2, 0, 0x5e, 0, 9, 1];
    assert_eq!(
        sw.connect(IovVm {
            name: "vm".into(),
            mac,
            vlan: None,
            iov_weight: 100
        }),
        Ok(IovPath::Vf { vf: 0, vport: 1 })
    );
    let guest = GuestOs {
        host: &h,
        dev: dev.clone(),
        vf: 0,
        session: Mutex::new(PfSession::new(0)),
        requester: Mutex::new(VfRequester::new()),
        dpcs: Mutex::new(0),
        rx: Mutex::new(vec![]),
        banks: Mutex::new(vec![]),
    };
    // MiniportInitializeEx of the VF miniport: configuration over the backchannel.
    let vf = VfMiniport::initialize(&guest).unwrap();
    let info = vf.info().unwrap();
    assert_eq!((info.vf_id, info.current_mac, info.vport_id), (0, mac, 1));
    let mut b = [0u8; 128];
    ad.sriov()
        .with_pf(|pf| pf.read_vf_block(0, BLOCK_VF_DRIVER_INFO, &mut b))
        .unwrap();
    assert_eq!(
        VfDriverInfo::decode(&b).unwrap().driver_version,
        VF_DRIVER_VERSION
    );
    // Its queue, and frames from the wire for its MAC.
    let mut path = VfDataPath::start(
        &guest,
        dev.clone(),
        0,
        64,
        2048,
        ProcessorNumber { group: 0, number: 1 },
    )
    .unwrap();
    // DPCs the PF queued before this point (start-up, the switch's OIDs) finish first, so the
    // count below sees only what the VF traffic could cause.
    h.quiesce();
    let pf_dpcs_before = h.dpcs_run();
    for i in 0..20u8 {
        let mut f = vec![0u8; 64];
        let n = build_frame(&mut f, mac, [2, 1, 1, 1, 1, 1], None, 0x0800, &[i; 46]).unwrap();
        dev.receive(&f[..n]);
    }
    while path.dpc(&guest) > 0 {}
    let rx = guest.rx.lock().unwrap().clone();
    assert_eq!(rx.len(), 20);
    assert!(rx
        .iter()
        .enumerate()
        .all(|(i, f)| f[0..6] == mac && f[14] == i as u8));
    assert_eq!(
        h.dpcs_run(),
        pf_dpcs_before,
        "the PF's DPCs never ran for VF traffic"
    );
    assert!(
        h.adapter(0).received().is_empty(),
        "nothing reached the PF's receive path"
    );
    // The administrator gives the vNIC VLAN 10: the switch replaces the VF vPort's filter, the
    // PF calls NdisMInvalidateConfigBlock, the host ORs the masks, the guest gets the OID and
    // re-reads VF_INFO over the backchannel.
    let nic = h.adapter(0);
    let id = sw.filter_id("vm").unwrap();
    let clear = IovNic::oid(
        &nic,
        RequestType::Set,
        OID_RECEIVE_FILTER_CLEAR_FILTER,
        &clear_filter_buf(id),
        0,
    );
    assert_eq!(clear.status, NDIS_STATUS_SUCCESS);
    let set = IovNic::oid(
        &nic,
        RequestType::Method,
        OID_RECEIVE_FILTER_SET_FILTER,
        &set_filter_buf(id, 1, mac, Some(10)),
        0,
    );
    assert_eq!(set.status, NDIS_STATUS_SUCCESS);
    let mut bc = Backchannel::new(4);
    for st in nic
        .statuses()
        .into_iter()
        .filter(|s| s.buffer.starts_with(b"InvalidateConfigBlock"))
    {
        let b = &st.buffer[21..];
        bc.invalidate(
            u16::from_le_bytes([b[0], b[1]]),
            u64::from_le_bytes(b[2..10].try_into().unwrap()),
        );
    }
    let mask = bc.take_invalidation(0).expect("the PF invalidated VF 0's blocks");
    assert_eq!(mask, 1 << BLOCK_VF_INFO);
    let mut vf = vf;
    let mut ib = invalidate_buf(mask);
    let n = ib.len();
    let mut req = OidRequest {
        request_type: RequestType::Method,
        oid: OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK,
        buffer: &mut ib,
        input_len: n,
        bytes_read: 0,
        bytes_written: 0,
        bytes_needed: 0,
        token: OidToken(5),
    };
    assert_eq!(
        vf.handle_oid(&guest, &mut req),
        OidOutcome::Complete(NDIS_STATUS_SUCCESS)
    );
    assert_eq!(vf.info().unwrap().vlan_id, 10);
    path.stop(&guest);
    // The guest's VF miniport is halted before the VF is revoked; a tag-10 filter is now the VM's.
    sw.revoke_vf("vm").unwrap();
    sw.halt().unwrap();
    drop(ad);
    h.halt().unwrap();
}
