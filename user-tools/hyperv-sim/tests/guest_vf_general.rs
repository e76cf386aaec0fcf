//! The guest's VF adapter answers the general OIDs through the driver's real MiniportOidRequest
//! in the child partition (hyperv-sim's `BoundGuestVm`): its OID_GEN_SUPPORTED_LIST is the list
//! the binding registered in its general attributes, the packet filter set round-trips, and the
//! VF's own DPC indicates only what the filter and multicast list admit of the frames the NIC's
//! embedded switch forwards to the VF.

mod guest_common;
use guest_common::*;
use hyperv_sim::vswitch::guest::BoundGuestVm;
use hyperv_sim::{Host, RequestType};
use svnic_abi::status::*;
use svnic_miniport::general::*;
use svnic_miniport::hw::packet_type::*;

const STRANGER: [u8; 6] = [2, 0, 0x5e, 0, 7, 7];
const GROUP_A: [u8; 6] = [0x01, 0x00, 0x5e, 0x00, 0x00, 0x0a];
const GROUP_B: [u8; 6] = [0x01, 0x00, 0x5e, 0x00, 0x00, 0x0b];

fn frame(dst: [u8; 6], len: usize) -> Vec<u8> {
    let mut f = [dst.as_slice(), STRANGER.as_slice(), &[0x88, 0xB5]].concat();
    f.resize(len, 0xA5);
    f
}

fn set_filter(g: &BoundGuestVm<'_>, f: u32) {
    let r = g.oid(
        RequestType::Set,
        OID_GEN_CURRENT_PACKET_FILTER,
        &f.to_le_bytes(),
        0,
    );
    assert_eq!(
        (r.status, r.bytes_read, r.bytes_written, r.bytes_needed),
        (NDIS_STATUS_SUCCESS, 4, 0, 0)
    );
}

fn query_filter(g: &BoundGuestVm<'_>) -> u32 {
    let r = g.oid(RequestType::Query, OID_GEN_CURRENT_PACKET_FILTER, &[], 4);
    assert_eq!((r.status, r.bytes_written), (NDIS_STATUS_SUCCESS, 4));
    u32::from_le_bytes(r.out[..4].try_into().unwrap())
}

/// Inject `frames` on the PF's wire, run the guest's DPCs, and return the destination addresses
/// of the frames the guest received from them.
fn deliver(h: &Host, g: &BoundGuestVm<'_>, frames: &[Vec<u8>]) -> Vec<[u8; 6]> {
    let before = g.received().len();
    for f in frames {
        assert!(h.adapter(0).wire_inject(f));
    }
    g.run_dpcs();
    g.received()[before..]
        .iter()
        .map(|f| f[..6].try_into().unwrap())
        .collect()
}

#[test]
fn guest_vf_supported_list_is_what_the_binding_registered() {
    let h = sriov_host();
    let mut sw = switch_with_vm(&h);
    let g = BoundGuestVm::start(&h, 0, 0).unwrap();
    let registered = g.adapter().supported_oids();
    assert_eq!(
        registered,
        svnic_miniport::vf::supported_oids().collect::<Vec<_>>()
    );
    assert_eq!(registered.len(), 32);
    let r = g.oid(RequestType::Query, OID_GEN_SUPPORTED_LIST, &[], 128);
    assert_eq!((r.status, r.bytes_written), (NDIS_STATUS_SUCCESS, 128));
    let listed: Vec<u32> = r
        .out
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
        .collect();
    assert_eq!(listed, registered);
    let r = g.oid(RequestType::Query, OID_GEN_SUPPORTED_LIST, &[], 124);
    assert_eq!(
        (r.status, r.bytes_written, r.bytes_needed),
        (NDIS_STATUS_INVALID_LENGTH, 0, 128)
    );
    // The VF's own addresses and link, as the PF gave them.
    let r = g.oid(RequestType::Query, OID_802_3_CURRENT_ADDRESS, &[], 6);
    assert_eq!(
        (r.status, r.out[..6].to_vec()),
        (NDIS_STATUS_SUCCESS, VM_MAC.to_vec())
    );
    let r = g.oid(RequestType::Query, OID_GEN_MEDIA_CONNECT_STATUS, &[], 4);
    assert_eq!((r.status, r.out[..4].to_vec()), (NDIS_STATUS_SUCCESS, vec![0; 4]));
    let r = g.oid(RequestType::Method, OID_GEN_CURRENT_PACKET_FILTER, &[0; 4], 4);
    assert_eq!(r.status, NDIS_STATUS_NOT_SUPPORTED);
    let r = g.oid(RequestType::Set, OID_GEN_CURRENT_PACKET_FILTER, &[0; 3], 0);
    assert_eq!(
        (r.status, r.bytes_read, r.bytes_needed),
        (NDIS_STATUS_INVALID_LENGTH, 0, 4)
    );
    assert_eq!(g.halt(), Ok(()));
    sw.revoke_vf("vm").unwrap();
    sw.halt().unwrap();
    h.halt().unwrap();
}

#[test]
fn guest_vf_packet_filter_round_trips_and_filters_what_the_switch_forwards() {
    let h = sriov_host();
    let mut sw = switch_with_vm(&h);
    let g = BoundGuestVm::start(&h, 0, 0).unwrap();
    // The NIC's switch replicates multicast to the VF's pool (as a host that joined the VM to
    // the groups would have it); the PF's OIDs take no multicast vPort filter, so the test sets
    // the pool's policy on the device.
    let dev = h.adapter(0).driver_adapter().unwrap().nic().device().clone();
    let vq = dev.layout().vf_queue(0).unwrap();
    dev.update_pool(vq, |p| p.accept_multicast = true).unwrap();
    let traffic = || {
        vec![
            frame(VM_MAC, 80),
            frame([0xff; 6], 81),
            frame(GROUP_A, 82),
            frame(GROUP_B, 83),
            frame([2, 0, 0x5e, 0, 9, 2], 84), // another MAC: not forwarded to the VF
        ]
    };
    // Before a protocol sets a filter the VF indicates all the switch forwards.
    assert_eq!(query_filter(&g), DIRECTED | ALL_MULTICAST | BROADCAST);
    assert_eq!(
        deliver(&h, &g, &traffic()),
        vec![VM_MAC, [0xff; 6], GROUP_A, GROUP_B]
    );
    set_filter(&g, DIRECTED);
    assert_eq!(query_filter(&g), DIRECTED);
    assert_eq!(deliver(&h, &g, &traffic()), vec![VM_MAC], "broadcast dropped");
    set_filter(&g, DIRECTED | BROADCAST | MULTICAST);
    assert_eq!(query_filter(&g), DIRECTED | BROADCAST | MULTICAST);
    let r = g.oid(RequestType::Set, OID_802_3_MULTICAST_LIST, &GROUP_B, 0);
    assert_eq!((r.status, r.bytes_read), (NDIS_STATUS_SUCCESS, 6));
    let r = g.oid(RequestType::Query, OID_802_3_MULTICAST_LIST, &[], 12);
    assert_eq!((r.status, r.bytes_written), (NDIS_STATUS_SUCCESS, 6));
    assert_eq!(r.out[..6], GROUP_B);
    assert_eq!(
        deliver(&h, &g, &traffic()),
        vec![VM_MAC, [0xff; 6], GROUP_B],
        "multicast not in the list dropped"
    );
    set_filter(&g, 0);
    assert_eq!(query_filter(&g), 0);
    assert_eq!(
        deliver(&h, &g, &traffic()),
        Vec::<[u8; 6]>::new(),
        "filter 0 drops all"
    );
    // The refused frames are receive discards of the VF, not receives.
    let r = g.oid(RequestType::Query, OID_GEN_RCV_OK, &[], 8);
    assert_eq!(r.out[..8], 8u64.to_le_bytes());
    let r = g.oid(RequestType::Query, OID_GEN_STATISTICS, &[], 152);
    assert_eq!(r.status, NDIS_STATUS_SUCCESS);
    assert_eq!(u64::from_le_bytes(r.out[8..16].try_into().unwrap()), 3 + 1 + 4);
    set_filter(&g, DIRECTED);
    assert_eq!(deliver(&h, &g, &traffic()), vec![VM_MAC]);
    assert_eq!(g.halt(), Ok(()));
    sw.revoke_vf("vm").unwrap();
    sw.halt().unwrap();
    h.halt().unwrap();
}
