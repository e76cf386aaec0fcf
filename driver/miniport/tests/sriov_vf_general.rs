//! The guest's VF adapter answers the general OIDs NDIS and protocols send every Ethernet
//! miniport, with the PF's rows and answer code (`general::OID_ROWS`, `general::handle`) from
//! the VF's own state: MAC and MTU from VF_INFO, link from LINK_STATE (both re-read on
//! OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK), statistics from its queue pair. The packet filter and
//! multicast list decide what the VF's receive DPC indicates of what the NIC switch forwarded.

mod sriov_common;
use sriov_common::*;

use std::sync::{Arc, Mutex};
use svnic_abi::oid::OID_GEN_INTERRUPT_MODERATION;
use svnic_abi::status::*;
use svnic_device::frame::build_frame;
use svnic_device::{DeviceConfig, NullMsi, QueueId, RxDesc, VecRegion};
use svnic_miniport::general::*;
use svnic_miniport::general::{NDIS_STATUS_INVALID_DATA, NDIS_STATUS_MULTICAST_FULL};
use svnic_miniport::hw::packet_type::*;
use svnic_miniport::oid::{OidOutcome, OidRequest, OidToken, RequestType};
use svnic_miniport::os::{ProcessorNumber, RxIndication};
use svnic_miniport::sriov::abi::OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK;
use svnic_miniport::sriov::backchannel::{LinkState, VfInfo, BLOCK_LINK_STATE, BLOCK_VF_INFO};
use svnic_miniport::sriov::caps::NicSwitchCaps;
use svnic_miniport::vf::adapter::{VfAdapter, VfQueueConfig};
use svnic_miniport::vf::datapath::VF_INITIAL_PACKET_FILTER;

const STRANGER: [u8; 6] = [2, 9, 9, 9, 9, 9];
/// Multicast groups the NIC switch forwards to the VF's vPort.
const GROUP_A: [u8; 6] = [0x01, 0x00, 0x5e, 0x00, 0x00, 0x0a];
const GROUP_B: [u8; 6] = [0x01, 0x00, 0x5e, 0x00, 0x00, 0x0b];
/// The VF's permanent address, as VF_INFO gives it (different from the current one).
const PERMANENT: [u8; 6] = [0x02, 0x00, 0x5e, 0x00, 0x09, 0x09];

fn frame(dst: [u8; 6], payload: usize) -> Vec<u8> {
    let mut b = vec![0u8; 4096];
    let n = build_frame(&mut b, dst, STRANGER, None, 0x0800, &vec![0x5a; payload]).unwrap();
    b.truncate(n);
    b
}

struct Rig {
    p: Pf,
    guest: Arc<TestOs>,
    a: VfAdapter,
    info: Arc<Mutex<VfInfo>>,
    link: Arc<Mutex<LinkState>>,
    /// Slots the VF indicated and NDIS has not returned yet.
    slots: Arc<Mutex<Vec<u32>>>,
}

/// A PF with a switch, VF 0 (mac 1) on vPort 1 (filter 7) whose pool also takes multicast,
/// and the guest's VF adapter initialized from VF_INFO / LINK_STATE blocks the test
/// can change, restarted.
fn setup() -> Rig {
    let cfg = DeviceConfig {
        total_vfs: TOTAL_VFS,
        pf_queues: PF_QUEUES,
        rx_ring_len: 256,
        tx_ring_len: 64,
        ..DeviceConfig::default()
    };
    let mut p = Pf::with_device(
        NicSwitchCaps::from_input(&caps_input()),
        true,
        cfg,
        Arc::new(NullMsi),
    );
    assert_eq!(p.create_switch(2), NDIS_STATUS_SUCCESS);
    let vf = p.vm_start(7, 1, mac(1));
    let d = p.dev().clone();
    // The switch replicates multicast to the VF's pool (the PF's SET_FILTER takes no multicast
    // address, so the test sets the pool's policy on the device directly).
    let vq = d.layout().vf_queue(vf).unwrap();
    d.update_pool(vq, |pool| pool.accept_multicast = true).unwrap();
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
    let guest = Arc::new(TestOs::new(d.clone()));
    let info = Arc::new(Mutex::new(VfInfo {
        vf_id: vf,
        flags: 0,
        current_mac: mac(1),
        permanent_mac: PERMANENT,
        vlan_id: 0,
        vport_id: 1,
        num_queue_pairs: 1,
        mtu: 1500,
        interrupt_moderation: 0,
    }));
    let link = Arc::new(Mutex::new(LinkState {
        media_connect_state: 1,
        link_speed_bps: 10_000_000_000,
    }));
    let (i2, l2) = (info.clone(), link.clone());
    *guest.backchannel.lock().unwrap() = Some(Box::new(move |write, block, data: &mut [u8]| {
        if write {
            return NDIS_STATUS_SUCCESS;
        }
        let src: Vec<u8> = match block {
            BLOCK_VF_INFO => i2.lock().unwrap().encode().to_vec(),
            BLOCK_LINK_STATE => l2.lock().unwrap().encode().to_vec(),
            _ => return NDIS_STATUS_INVALID_PARAMETER,
        };
        data[..src.len()].copy_from_slice(&src);
        NDIS_STATUS_SUCCESS
    }));
    let q = VfQueueConfig {
        slots: 64,
        slot_len: 2048,
        processor: ProcessorNumber { group: 0, number: 1 },
    };
    let a = VfAdapter::initialize(&*guest, d, vf, q).unwrap();
    assert_eq!(a.restart(), NDIS_STATUS_SUCCESS);
    let slots = Arc::new(Mutex::new(Vec::new()));
    let s2 = slots.clone();
    *guest.indicate_hook.lock().unwrap() = Some(Arc::new(move |ind: &RxIndication<'_>| {
        s2.lock().unwrap().extend(ind.frames.iter().map(|f| f.slot));
    }));
    Rig {
        slots,
        p,
        guest,
        a,
        info,
        link,
    }
}

/// What an OID request completed with.
#[derive(Debug, PartialEq, Eq)]
struct Done {
    status: NdisStatus,
    read: u32,
    written: u32,
    needed: u32,
}

fn oid(r: &Rig, rt: RequestType, oid: u32, buf: &mut [u8]) -> Done {
    let n = buf.len();
    let mut req = OidRequest {
        request_type: rt,
        oid,
        buffer: buf,
        input_len: n,
        bytes_read: 7,
        bytes_written: 7,
        bytes_needed: 7,
        token: OidToken(3),
    };
    match r.a.oid(&*r.guest, &mut req) {
        OidOutcome::Complete(status) => Done {
            status,
            read: req.bytes_read,
            written: req.bytes_written,
            needed: req.bytes_needed,
        },
        OidOutcome::Pending => panic!("VF general OIDs never pend"),
    }
}

/// Query `oid` with a 64-byte buffer: (status, the bytes written).
fn q(r: &Rig, id: u32) -> (NdisStatus, Vec<u8>) {
    let mut b = vec![0xEEu8; 256];
    let d = oid(r, RequestType::Query, id, &mut b);
    assert_eq!((d.read, d.needed), (0, 0), "{id:#x}");
    assert!(
        b[d.written as usize..].iter().all(|&x| x == 0xEE),
        "{id:#x}: nothing past BytesWritten"
    );
    b.truncate(d.written as usize);
    (d.status, b)
}

fn q32(r: &Rig, id: u32) -> u32 {
    let (st, b) = q(r, id);
    assert_eq!((st, b.len()), (NDIS_STATUS_SUCCESS, 4), "{id:#x}");
    u32::from_le_bytes(b.try_into().unwrap())
}

fn set(r: &Rig, id: u32, data: &[u8]) -> Done {
    let mut b = data.to_vec();
    oid(r, RequestType::Set, id, &mut b)
}

fn set_filter(r: &Rig, f: u32) {
    assert_eq!(
        set(r, OID_GEN_CURRENT_PACKET_FILTER, &f.to_le_bytes()),
        Done {
            status: NDIS_STATUS_SUCCESS,
            read: 4,
            written: 0,
            needed: 0
        }
    );
}

fn set_multicast(r: &Rig, list: &[[u8; 6]]) {
    let b: Vec<u8> = list.concat();
    assert_eq!(
        set(r, OID_802_3_MULTICAST_LIST, &b),
        Done {
            status: NDIS_STATUS_SUCCESS,
            read: b.len() as u32,
            written: 0,
            needed: 0
        }
    );
}

fn invalidate(r: &Rig, mask: u64) -> Done {
    let mut b = vec![0u8; 16];
    b[0] = 0x80;
    b[1] = 1;
    b[2..4].copy_from_slice(&16u16.to_le_bytes());
    b[8..16].copy_from_slice(&mask.to_le_bytes());
    oid(
        r,
        RequestType::Method,
        OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK,
        &mut b,
    )
}

/// Run the VF's DPC until it finds nothing, return every indicated slot, and give back the
/// destination addresses of the frames indicated since the last call.
fn receive(r: &Rig, frames: &[Vec<u8>]) -> Vec<[u8; 6]> {
    for f in frames {
        r.p.dev().receive(f);
    }
    let mut n = 0;
    while r.a.dpc(&*r.guest) > 0 {
        n += 1;
        assert!(n < 10);
    }
    let got: Vec<Vec<u8>> = r
        .guest
        .indications
        .lock()
        .unwrap()
        .drain(..)
        .flat_map(|i| i.4)
        .collect();
    // NDIS returns every indicated slot.
    for s in r.slots.lock().unwrap().drain(..) {
        assert!(r.a.return_rx(s));
    }
    got.iter().map(|f| f[..6].try_into().unwrap()).collect()
}

fn link_state(state: u32, duplex: u32, speed: u64) -> Vec<u8> {
    let mut b = vec![0x80, 1, 40, 0];
    b.extend_from_slice(&state.to_le_bytes());
    b.extend_from_slice(&duplex.to_le_bytes());
    b.extend_from_slice(&0u32.to_le_bytes());
    b.extend_from_slice(&speed.to_le_bytes());
    b.extend_from_slice(&speed.to_le_bytes());
    b.extend_from_slice(&0u32.to_le_bytes());
    b.extend_from_slice(&0u32.to_le_bytes());
    b
}

#[test]
fn vf_general_queries_report_the_vfs_own_configuration_and_link() {
    let r = setup();
    let oids: Vec<u8> = svnic_miniport::vf::supported_oids()
        .flat_map(u32::to_le_bytes)
        .collect();
    assert_eq!(oids.len(), 32 * 4);
    assert_eq!(q(&r, OID_GEN_SUPPORTED_LIST), (NDIS_STATUS_SUCCESS, oids));
    assert_eq!(q32(&r, OID_GEN_HARDWARE_STATUS), 0);
    assert_eq!(q32(&r, OID_GEN_MEDIA_SUPPORTED), 0);
    assert_eq!(q32(&r, OID_GEN_MEDIA_IN_USE), 0);
    assert_eq!(q32(&r, OID_GEN_MAXIMUM_LOOKAHEAD), 1500);
    assert_eq!(q32(&r, OID_GEN_MAXIMUM_FRAME_SIZE), 1500);
    assert_eq!(q32(&r, OID_GEN_LINK_SPEED), 100_000_000, "10 Gb/s in 100 b/s");
    assert_eq!(q32(&r, OID_GEN_TRANSMIT_BLOCK_SIZE), 1514);
    assert_eq!(q32(&r, OID_GEN_RECEIVE_BLOCK_SIZE), 1514);
    assert_eq!(q32(&r, OID_GEN_MAXIMUM_TOTAL_SIZE), 1514);
    assert_eq!(q32(&r, OID_GEN_VENDOR_ID), 0x0002_AA01);
    assert_eq!(
        q(&r, OID_GEN_VENDOR_DESCRIPTION),
        (NDIS_STATUS_SUCCESS, b"svnic software-modeled NIC\0".to_vec())
    );
    assert_eq!(
        q32(&r, OID_GEN_CURRENT_PACKET_FILTER),
        DIRECTED | ALL_MULTICAST | BROADCAST
    );
    assert_eq!(VF_INITIAL_PACKET_FILTER, 0x0D);
    assert_eq!(q32(&r, OID_GEN_CURRENT_LOOKAHEAD), 1500);
    assert_eq!(
        q(&r, OID_GEN_DRIVER_VERSION),
        (NDIS_STATUS_SUCCESS, vec![0x1E, 0x06])
    );
    assert_eq!(q32(&r, OID_GEN_MAC_OPTIONS), 0x0D);
    assert_eq!(q32(&r, OID_GEN_MEDIA_CONNECT_STATUS), 0, "connected");
    assert_eq!(q32(&r, OID_GEN_MAXIMUM_SEND_PACKETS), 64);
    assert_eq!(q32(&r, OID_GEN_VENDOR_DRIVER_VERSION), 0x0001_0000);
    assert_eq!(
        q(&r, OID_GEN_LINK_STATE),
        (NDIS_STATUS_SUCCESS, link_state(1, 2, 10_000_000_000))
    );
    for id in [
        OID_GEN_XMIT_OK,
        OID_GEN_RCV_OK,
        OID_GEN_XMIT_ERROR,
        OID_GEN_RCV_ERROR,
        OID_GEN_RCV_NO_BUFFER,
    ] {
        assert_eq!(q(&r, id), (NDIS_STATUS_SUCCESS, vec![0; 8]), "{id:#x}");
    }
    assert_eq!(
        q(&r, OID_802_3_PERMANENT_ADDRESS),
        (NDIS_STATUS_SUCCESS, PERMANENT.to_vec())
    );
    assert_eq!(
        q(&r, OID_802_3_CURRENT_ADDRESS),
        (NDIS_STATUS_SUCCESS, mac(1).to_vec())
    );
    assert_eq!(q(&r, OID_802_3_MULTICAST_LIST), (NDIS_STATUS_SUCCESS, vec![]));
    assert_eq!(q32(&r, OID_802_3_MAXIMUM_LIST_SIZE), 32);
    // QueryStatistics is answered like Query.
    let mut b = [0u8; 6];
    assert_eq!(
        oid(
            &r,
            RequestType::QueryStatistics,
            OID_802_3_CURRENT_ADDRESS,
            &mut b
        ),
        Done {
            status: NDIS_STATUS_SUCCESS,
            read: 0,
            written: 6,
            needed: 0
        }
    );
    assert_eq!(b, mac(1));
}

#[test]
fn vf_general_values_follow_the_pfs_blocks_after_an_invalidation() {
    let r = setup();
    {
        let mut i = r.info.lock().unwrap();
        i.current_mac = mac(4);
        i.mtu = 9000;
    }
    *r.link.lock().unwrap() = LinkState {
        media_connect_state: 2,
        link_speed_bps: 0,
    };
    // Nothing changes until the PF invalidates the blocks.
    assert_eq!(q32(&r, OID_GEN_MAXIMUM_FRAME_SIZE), 1500);
    assert_eq!(
        invalidate(&r, (1 << BLOCK_VF_INFO) | (1 << BLOCK_LINK_STATE)),
        Done {
            status: NDIS_STATUS_SUCCESS,
            read: 16,
            written: 0,
            needed: 0
        }
    );
    assert_eq!(
        q(&r, OID_802_3_CURRENT_ADDRESS),
        (NDIS_STATUS_SUCCESS, mac(4).to_vec())
    );
    assert_eq!(
        q(&r, OID_802_3_PERMANENT_ADDRESS),
        (NDIS_STATUS_SUCCESS, PERMANENT.to_vec())
    );
    assert_eq!(q32(&r, OID_GEN_MAXIMUM_FRAME_SIZE), 9000);
    assert_eq!(q32(&r, OID_GEN_MAXIMUM_TOTAL_SIZE), 9014);
    assert_eq!(q32(&r, OID_GEN_MEDIA_CONNECT_STATUS), 1, "disconnected");
    assert_eq!(q32(&r, OID_GEN_LINK_SPEED), 0);
    assert_eq!(
        q(&r, OID_GEN_LINK_STATE),
        (NDIS_STATUS_SUCCESS, link_state(2, 0, 0)),
        "MediaConnectStateDisconnected, duplex unknown"
    );
    // The lookahead may now go up to the new MTU.
    assert_eq!(
        set(&r, OID_GEN_CURRENT_LOOKAHEAD, &9000u32.to_le_bytes()).status,
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(q32(&r, OID_GEN_CURRENT_LOOKAHEAD), 9000);
}

#[test]
fn vf_general_rows_check_length_and_request_type_with_exact_byte_counts() {
    let r = setup();
    let extra = svnic_miniport::vf::extra_general_oid_rows();
    assert_eq!(extra.len(), 2);
    for row in OID_ROWS.iter().chain(extra) {
        let what = format!("{:?} {:#x}", row.request_type, row.oid);
        if row.min_len > 0 {
            let mut b = vec![0u8; row.min_len as usize - 1];
            let d = oid(&r, row.request_type, row.oid, &mut b);
            assert_eq!(
                d,
                Done {
                    status: NDIS_STATUS_INVALID_LENGTH,
                    read: 0,
                    written: 0,
                    needed: row.min_len
                },
                "{what}"
            );
            assert!(b.iter().all(|&x| x == 0), "{what}: nothing written");
        }
        // Method is no general row's type; Set only where the PF has a Set row.
        let mut b = vec![0u8; 256];
        let d = oid(&r, RequestType::Method, row.oid, &mut b);
        assert_eq!(
            (d.status, d.read, d.written, d.needed),
            (NDIS_STATUS_NOT_SUPPORTED, 0, 0, 0),
            "{what}"
        );
        if !OID_ROWS
            .iter()
            .chain(extra)
            .any(|x| x.oid == row.oid && x.request_type == RequestType::Set)
        {
            let mut b = vec![0u8; 256];
            let d = oid(&r, RequestType::Set, row.oid, &mut b);
            assert_eq!(d.status, NDIS_STATUS_NOT_SUPPORTED, "{what}");
            assert!(b.iter().all(|&x| x == 0), "{what}: a refused set changes nothing");
        }
    }
    // Variable-length answers: BytesNeeded is the whole answer.
    let mut b = vec![0u8; 127];
    assert_eq!(
        oid(&r, RequestType::Query, OID_GEN_SUPPORTED_LIST, &mut b),
        Done {
            status: NDIS_STATUS_INVALID_LENGTH,
            read: 0,
            written: 0,
            needed: 128
        }
    );
    set_multicast(&r, &[GROUP_A, GROUP_B]);
    let mut b = vec![0u8; 11];
    assert_eq!(
        oid(&r, RequestType::Query, OID_802_3_MULTICAST_LIST, &mut b),
        Done {
            status: NDIS_STATUS_INVALID_LENGTH,
            read: 0,
            written: 0,
            needed: 12
        }
    );
    assert_eq!(
        q(&r, OID_802_3_MULTICAST_LIST),
        (NDIS_STATUS_SUCCESS, [GROUP_A, GROUP_B].concat())
    );
    // Bad set payloads change nothing.
    assert_eq!(
        set(&r, OID_802_3_MULTICAST_LIST, &[1, 0, 0x5e, 0, 0, 1, 1]),
        Done {
            status: NDIS_STATUS_INVALID_LENGTH,
            read: 0,
            written: 0,
            needed: 12
        }
    );
    assert_eq!(
        set(&r, OID_802_3_MULTICAST_LIST, &mac(3)).status,
        NDIS_STATUS_INVALID_DATA,
        "not a multicast address"
    );
    let full: Vec<u8> = (0..33u8).flat_map(|i| [1, 0, 0x5e, 0, 1, i]).collect();
    assert_eq!(
        set(&r, OID_802_3_MULTICAST_LIST, &full).status,
        NDIS_STATUS_MULTICAST_FULL
    );
    assert_eq!(
        q(&r, OID_802_3_MULTICAST_LIST),
        (NDIS_STATUS_SUCCESS, [GROUP_A, GROUP_B].concat())
    );
    assert_eq!(
        set(&r, OID_GEN_CURRENT_PACKET_FILTER, &0x10u32.to_le_bytes()),
        Done {
            status: NDIS_STATUS_NOT_SUPPORTED,
            read: 0,
            written: 0,
            needed: 0
        },
        "a filter bit the adapter does not support"
    );
    assert_eq!(q32(&r, OID_GEN_CURRENT_PACKET_FILTER), VF_INITIAL_PACKET_FILTER);
    assert_eq!(
        set(&r, OID_GEN_CURRENT_LOOKAHEAD, &1501u32.to_le_bytes()).status,
        NDIS_STATUS_INVALID_DATA
    );
    assert_eq!(
        set(&r, OID_GEN_CURRENT_LOOKAHEAD, &256u32.to_le_bytes()),
        Done {
            status: NDIS_STATUS_SUCCESS,
            read: 4,
            written: 0,
            needed: 0
        }
    );
    assert_eq!(q32(&r, OID_GEN_CURRENT_LOOKAHEAD), 256);
    // An OID the VF does not answer at all.
    let mut b = vec![0u8; 64];
    assert_eq!(
        oid(&r, RequestType::Query, 0x00FF_0101, &mut b).status,
        NDIS_STATUS_NOT_SUPPORTED
    );
}

#[test]
fn vf_invalidate_with_a_short_buffer_is_invalid_length_needing_16_bytes() {
    let r = setup();
    for n in [0usize, 8, 15] {
        let mut b = vec![0u8; n];
        assert_eq!(
            oid(
                &r,
                RequestType::Method,
                OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK,
                &mut b
            ),
            Done {
                status: NDIS_STATUS_INVALID_LENGTH,
                read: 0,
                written: 0,
                needed: 16
            },
            "{n} bytes"
        );
    }
    let mut b = vec![0u8; 16];
    assert_eq!(
        oid(
            &r,
            RequestType::Query,
            OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK,
            &mut b
        )
        .status,
        NDIS_STATUS_NOT_SUPPORTED
    );
    // A bad header stays INVALID_PARAMETER; a good request still re-reads the block.
    let mut b = vec![0u8; 16];
    assert_eq!(
        oid(
            &r,
            RequestType::Method,
            OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK,
            &mut b
        )
        .status,
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(r.a.miniport().invalidations(), 0);
    assert_eq!(invalidate(&r, 1 << BLOCK_VF_INFO).status, NDIS_STATUS_SUCCESS);
    assert_eq!(r.a.miniport().invalidations(), 1);
    assert_eq!(r.a.miniport().rereads(BLOCK_VF_INFO), 1);
}

#[test]
fn vf_packet_filter_decides_which_forwarded_frames_its_dpc_indicates() {
    let r = setup();
    let traffic = || {
        vec![
            frame(mac(1), 50),
            frame([0xff; 6], 50),
            frame(GROUP_A, 50),
            frame(GROUP_B, 50),
            frame(mac(2), 50), // not the VF's: the switch never forwards it
        ]
    };
    // Initially everything the switch forwards (own MAC, broadcast, its groups).
    assert_eq!(receive(&r, &traffic()), vec![mac(1), [0xff; 6], GROUP_A, GROUP_B]);
    set_filter(&r, DIRECTED);
    assert_eq!(
        receive(&r, &traffic()),
        vec![mac(1)],
        "broadcast and multicast dropped"
    );
    set_filter(&r, DIRECTED | BROADCAST);
    assert_eq!(receive(&r, &traffic()), vec![mac(1), [0xff; 6]]);
    set_filter(&r, BROADCAST);
    assert_eq!(receive(&r, &traffic()), vec![[0xff; 6]], "directed dropped");
    // MULTICAST: only the groups in the VF's list.
    set_filter(&r, DIRECTED | MULTICAST);
    assert_eq!(receive(&r, &traffic()), vec![mac(1)], "empty list");
    set_multicast(&r, &[GROUP_A]);
    assert_eq!(receive(&r, &traffic()), vec![mac(1), GROUP_A]);
    set_multicast(&r, &[GROUP_B, GROUP_A]);
    assert_eq!(receive(&r, &traffic()), vec![mac(1), GROUP_A, GROUP_B]);
    set_multicast(&r, &[]);
    assert_eq!(receive(&r, &traffic()), vec![mac(1)], "list cleared");
    set_multicast(&r, &[GROUP_B]);
    set_filter(&r, ALL_MULTICAST);
    assert_eq!(receive(&r, &traffic()), vec![GROUP_A, GROUP_B]);
    // PROMISCUOUS indicates everything forwarded, but cannot widen what the switch forwards.
    set_filter(&r, PROMISCUOUS);
    assert_eq!(receive(&r, &traffic()), vec![mac(1), [0xff; 6], GROUP_A, GROUP_B]);
    // Filter 0: nothing.
    set_filter(&r, 0);
    assert_eq!(receive(&r, &traffic()), Vec::<[u8; 6]>::new());
    // Refused frames are receive discards (ifInDiscards), not receives.
    let c = r.a.counters();
    // 11 rounds of 4 forwarded frames: refused 0+3+2+3+3+2+1+3+2+0+4 = 23; indicated 21
    // (8 directed, 4 broadcast, 9 multicast).
    assert_eq!((c.rx_filtered, c.rx_no_buffer), (23, 0));
    assert_eq!(
        (c.rx_unicast, c.rx_broadcast, c.rx_multicast, c.rx_frames),
        (8, 4, 9, 21)
    );
}

#[test]
fn vf_refused_frames_give_their_buffers_back_to_the_device() {
    let r = setup();
    set_filter(&r, DIRECTED);
    // 100 broadcasts, one DPC each, into 64 buffers: every refused buffer is reposted.
    for _ in 0..100 {
        assert_eq!(receive(&r, &[frame([0xff; 6], 50)]), Vec::<[u8; 6]>::new());
    }
    assert_eq!(receive(&r, &[frame(mac(1), 50)]), vec![mac(1)]);
    let c = r.a.counters();
    assert_eq!((c.rx_filtered, c.rx_no_buffer, c.rx_frames), (100, 0, 1));
    // Without running the DPC in between, 64 buffers hold 64 refused frames at once; the 65th
    // finds none (a no-buffer drop, as for indicated frames).
    for _ in 0..65 {
        r.p.dev().receive(&frame([0xff; 6], 50));
    }
    assert_eq!(receive(&r, &[]), Vec::<[u8; 6]>::new());
    let c = r.a.counters();
    assert_eq!((c.rx_filtered, c.rx_no_buffer), (164, 1));
    assert_eq!(receive(&r, &[frame(mac(1), 50)]), vec![mac(1)]);
}

#[test]
fn vf_interrupt_moderation_is_reported_not_supported_and_a_set_is_invalid_data() {
    let r = setup();
    assert_eq!(
        q(&r, OID_GEN_INTERRUPT_MODERATION),
        (NDIS_STATUS_SUCCESS, vec![0x80, 1, 12, 0, 0, 0, 0, 0, 1, 0, 0, 0]),
        "DEFAULT rev 1 size 12, Flags 0, NdisInterruptModerationNotSupported"
    );
    let mut b = vec![0u8; 11];
    assert_eq!(
        oid(&r, RequestType::Query, OID_GEN_INTERRUPT_MODERATION, &mut b),
        Done {
            status: NDIS_STATUS_INVALID_LENGTH,
            read: 0,
            written: 0,
            needed: 12
        }
    );
    // NdisInterruptModerationEnabled with a valid header: the guest cannot change it.
    let enable = [0x80, 1, 12, 0, 0, 0, 0, 0, 2, 0, 0, 0];
    assert_eq!(
        set(&r, OID_GEN_INTERRUPT_MODERATION, &enable),
        Done {
            status: NDIS_STATUS_INVALID_DATA,
            read: 0,
            written: 0,
            needed: 0
        }
    );
    let mut bad = enable;
    bad[0] = 0x81;
    assert_eq!(
        set(&r, OID_GEN_INTERRUPT_MODERATION, &bad).status,
        NDIS_STATUS_INVALID_PARAMETER
    );
    let mut b = vec![0u8; 12];
    assert_eq!(
        oid(&r, RequestType::Method, OID_GEN_INTERRUPT_MODERATION, &mut b).status,
        NDIS_STATUS_NOT_SUPPORTED
    );
}
