//! The VF miniport end to end: its backchannel (NdisMReadConfigBlock / NdisMWriteConfigBlock)
//! carried in the model's PF<->VF mailbox and served by the PF's config-block OIDs, and
//! OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK after the PF calls NdisMInvalidateConfigBlock (spec 2.7,
//! section 5 item 25).

mod sriov_common;
use sriov_common::*;

use std::sync::{Arc, Mutex};
use svnic_abi::status::*;
use svnic_miniport::oid::{OidOutcome, OidRequest, OidToken, RequestType};
use svnic_miniport::os::Os;
use svnic_miniport::sriov::abi::*;
use svnic_miniport::sriov::backchannel::*;
use svnic_miniport::sriov::bc_oid::OidBlockBackend;
use svnic_miniport::sriov::mailbox::{MailboxTransport, MbxMsg, PfSession, VfRequester};
use svnic_miniport::sriov::model_hw::carrier;
use svnic_miniport::sriov::SriovEnv;
use svnic_miniport::vf::{VfMiniport, VF_DRIVER_VERSION};

/// The guest's view: NdisMRead/WriteConfigBlock over VF `vf`'s mailbox, with the host side
/// (mailbox service + block OIDs on the PF) run synchronously on each exchange.
struct Wire {
    pf: Arc<Mutex<Pf>>,
    session: PfSession,
    vf: u16,
    exchanges: Arc<Mutex<u32>>,
}

impl MailboxTransport for Wire {
    fn exchange(&mut self, req: &MbxMsg) -> Option<MbxMsg> {
        *self.exchanges.lock().unwrap() += 1;
        let mut g = self.pf.lock().unwrap();
        let dev = g.dev().clone();
        carrier::vf_post(&dev, self.vf, req).ok()?;
        let os = g.os.clone();
        let Pf { hw, pf, .. } = &mut *g;
        let mut backend = OidBlockBackend {
            pf,
            env: SriovEnv { os: &*os, hw },
        };
        let (_, served) = carrier::pf_serve(&dev, self.vf, &mut self.session, &mut backend);
        assert!(served);
        carrier::vf_take_reply(&dev, self.vf)
    }
}

/// A PF with a switch, VF 0 (mac 1) on vPort 1 holding filter 7, and a guest `TestOs` whose
/// backchannel goes through the mailbox.
fn setup() -> (Arc<Mutex<Pf>>, Arc<TestOs>, Arc<Mutex<u32>>) {
    let mut p = Pf::new();
    assert_eq!(p.create_switch(2), NDIS_STATUS_SUCCESS);
    p.vm_start(7, 1, mac(1));
    let dev = p.dev().clone();
    let pf = Arc::new(Mutex::new(p));
    let exchanges = Arc::new(Mutex::new(0));
    let guest = Arc::new(TestOs::new(dev));
    let mut wire = Wire {
        pf: pf.clone(),
        session: PfSession::new(0),
        vf: 0,
        exchanges: exchanges.clone(),
    };
    let mut requester = VfRequester::new();
    *guest.backchannel.lock().unwrap() = Some(Box::new(move |write, block, data: &mut [u8]| {
        if write {
            requester.write_block(&mut wire, block, data)
        } else {
            requester.read_block(&mut wire, block, data)
        }
    }));
    (pf, guest, exchanges)
}

fn invalidate(vf: &mut VfMiniport, os: &TestOs, buf: &mut [u8]) -> (NdisStatus, u32) {
    let n = buf.len();
    let mut req = OidRequest {
        request_type: RequestType::Method,
        oid: OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK,
        buffer: buf,
        input_len: n,
        bytes_read: 0,
        bytes_written: 0,
        bytes_needed: 0,
        token: OidToken(3),
    };
    match vf.handle_oid(os, &mut req) {
        OidOutcome::Complete(s) => (s, req.bytes_read),
        OidOutcome::Pending => panic!("never pends"),
    }
}

fn invalidate_buf(mask: u64) -> Vec<u8> {
    let mut b = vec![0u8; 16];
    header(&mut b, 1, 16);
    b[8..16].copy_from_slice(&mask.to_le_bytes());
    b
}

#[test]
fn vf_miniport_learns_its_configuration_through_the_mailbox_backchannel() {
    let (pf, guest, exchanges) = setup();
    let vf = VfMiniport::initialize(&*guest).unwrap();
    let info = vf.info().unwrap();
    assert_eq!(
        (
            info.vf_id,
            info.current_mac,
            info.vport_id,
            info.num_queue_pairs,
            info.mtu
        ),
        (0, mac(1), 1, 1, 1500)
    );
    assert_eq!(vf.link().unwrap().media_connect_state, 1);
    // VF_INFO 64 B = 2 fragments, LINK_STATE 16 B = 1, VF_DRIVER_INFO 128 B = 3.
    assert_eq!(*exchanges.lock().unwrap(), 6);
    let g = pf.lock().unwrap();
    let mut b = [0u8; 128];
    g.pf.read_vf_block(0, BLOCK_VF_DRIVER_INFO, &mut b).unwrap();
    let d = VfDriverInfo::decode(&b).unwrap();
    assert_eq!(d.driver_version, VF_DRIVER_VERSION);
    assert_eq!(
        &d.description[..usize::from(d.description_len)],
        b"svnic VF miniport"
    );
}

#[test]
fn invalidate_config_block_makes_the_vf_reread_exactly_the_flagged_blocks() {
    let (pf, guest, _) = setup();
    let mut vf = VfMiniport::initialize(&*guest).unwrap();
    {
        let mut g = pf.lock().unwrap();
        g.os.invalidations.lock().unwrap().clear();
        // The VF's filter gets a VLAN (clear + set), and the link goes down.
        assert_eq!(g.clear_filter(7), NDIS_STATUS_SUCCESS);
        assert_eq!(g.set_filter(8, 1, mac(1), Some(10)), NDIS_STATUS_SUCCESS);
        let os = g.os.clone();
        let Pf { hw, pf, .. } = &mut *g;
        pf.set_link_state(
            &mut SriovEnv { os: &*os, hw },
            LinkState {
                media_connect_state: 2,
                link_speed_bps: 0,
            },
        );
        // NDIS ORs the masks the PF gave for VF 0.
        let inv = g.os.invalidations.lock().unwrap().clone();
        assert!(inv.iter().all(|(v, _)| *v == 0));
        assert_eq!(inv.iter().fold(0u64, |m, (_, x)| m | x), 0b11);
    }
    let (st, read) = invalidate(&mut vf, &guest, &mut invalidate_buf(0b11 | (1 << 40)));
    assert_eq!((st, read), (NDIS_STATUS_SUCCESS, 16));
    assert_eq!(vf.info().unwrap().vlan_id, 10);
    assert_eq!(vf.link().unwrap().media_connect_state, 2);
    assert_eq!((vf.rereads(BLOCK_VF_INFO), vf.rereads(BLOCK_LINK_STATE)), (1, 1));
    // Only the link block flagged: VF_INFO is not read again.
    let (st, _) = invalidate(&mut vf, &guest, &mut invalidate_buf(0b10));
    assert_eq!(st, NDIS_STATUS_SUCCESS);
    assert_eq!(
        (
            vf.rereads(BLOCK_VF_INFO),
            vf.rereads(BLOCK_LINK_STATE),
            vf.invalidations()
        ),
        (1, 2, 2)
    );
}

#[test]
fn invalidate_config_block_with_a_bad_header_is_invalid_parameter() {
    let (_pf, guest, _) = setup();
    let mut vf = VfMiniport::initialize(&*guest).unwrap();
    let mut b = invalidate_buf(1);
    b[0] = 0x81;
    assert_eq!(
        invalidate(&mut vf, &guest, &mut b).0,
        NDIS_STATUS_INVALID_PARAMETER
    );
    let mut b = invalidate_buf(1);
    b[2] = 15;
    assert_eq!(
        invalidate(&mut vf, &guest, &mut b).0,
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(vf.invalidations(), 0);
}

#[test]
fn vf_reports_only_sriov_vf_capabilities() {
    let a = VfMiniport::hardware_assist();
    assert_eq!(
        (a.sriov_capabilities, a.receive_filter, a.nic_switch),
        (0x1 | 0x4, false, false)
    );
    let mut b = [0xAAu8; 14];
    assert_eq!(VfMiniport::write_sriov_caps(&mut b), Some(12));
    assert_eq!(&b[..12], &[0x80, 1, 12, 0, 0, 0, 0, 0, 5, 0, 0, 0]);
    assert_eq!(&b[12..], &[0xAA, 0xAA]);
}

#[test]
fn a_vf_cannot_write_pf_owned_blocks_through_the_backchannel() {
    let (pf, guest, _) = setup();
    let evil = [0xEEu8; 64];
    assert_eq!(
        guest.write_vf_config_block(BLOCK_VF_INFO, &evil),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(
        guest.write_vf_config_block(9, &evil),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(
        guest.write_vf_config_block(BLOCK_VF_REQUEST, &[0u8; 33]),
        NDIS_STATUS_INVALID_PARAMETER
    );
    let mut b = [0u8; 64];
    pf.lock()
        .unwrap()
        .pf
        .read_vf_block(0, BLOCK_VF_INFO, &mut b)
        .unwrap();
    assert_eq!(VfInfo::decode(&b).unwrap().current_mac, mac(1));
    // A request the PF may act on goes through and reads back.
    let req = VfRequestBlock {
        flags: 2,
        mac: [0; 6],
        mtu: 9000,
    };
    assert_eq!(VfMiniport::default().request(&*guest, &req), NDIS_STATUS_SUCCESS);
    let mut out = [0u8; 32];
    assert_eq!(
        guest.read_vf_config_block(BLOCK_VF_REQUEST, &mut out),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(VfRequestBlock::decode(&out).unwrap(), req);
}
