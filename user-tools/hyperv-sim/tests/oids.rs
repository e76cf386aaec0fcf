//! One table-driven test over every supported OID, through MiniportOidRequest with real
//! NDIS_OID_REQUEST structures: a short buffer gets NDIS_STATUS_INVALID_LENGTH with the exact
//! BytesNeeded, an unknown OID NDIS_STATUS_NOT_SUPPORTED, a wrong request type is refused, and
//! none of it changes state.

use hyperv_sim::{Host, RequestType};
use std::collections::BTreeMap;
use svnic_abi::status::*;

const ALL_TYPES: [RequestType; 4] = [
    RequestType::Query,
    RequestType::Set,
    RequestType::QueryStatistics,
    RequestType::Method,
];
const OID_GEN_SUPPORTED_LIST: u32 = 0x0001_0101;
const OID_802_3_MULTICAST_LIST: u32 = 0x0101_0103;
const OID_GEN_CURRENT_PACKET_FILTER: u32 = 0x0001_010E;

/// Every query row's answer with a generous buffer (the adapter's observable state), minus the
/// counters that move on their own.
fn state(host: &Host) -> BTreeMap<u32, (u32, Vec<u8>)> {
    let a = host.adapter(0);
    let table = a
        .driver_adapter()
        .unwrap()
        .oid_table()
        .rows()
        .map(|(_, r)| *r)
        .collect::<Vec<_>>();
    table
        .iter()
        .filter(|r| r.request_type == RequestType::Query)
        .map(|r| {
            let res = a.query(r.oid, 4096);
            (r.oid, (res.status, res.out))
        })
        .collect()
}

#[test]
fn every_supported_oid_checks_length_type_and_leaves_state_alone() {
    let host = Host::builder().processors(2).adapters(1).build().unwrap();
    check_every_row(host, 30);
}

#[test]
fn every_supported_oid_with_vmq_enabled_checks_length_type_and_leaves_state_alone() {
    let host = Host::builder()
        .processors(2)
        .adapters(1)
        .keywords(&[("*RssOrVmqPreference", 1), ("*VMQ", 1)])
        .build()
        .unwrap();
    let vmq_rows = svnic_miniport::vmq::oid_rows().len();
    assert!(vmq_rows > 0);
    check_every_row(host, 30 + vmq_rows);
}

#[test]
fn every_supported_oid_with_sriov_and_vmq_enabled_checks_length_type_and_leaves_state_alone() {
    let host = Host::builder()
        .processors(2)
        .adapters(1)
        .keywords(&[
            ("*SriovPreferred", 1),
            ("*RssOrVmqPreference", 1),
            ("*SRIOV", 1),
            ("*VMQ", 1),
            ("*NumVFs", 4),
        ])
        .build()
        .unwrap();
    assert_eq!(
        host.adapter(0).driver_adapter().unwrap().config().interface,
        svnic_miniport::keywords::Interface::SriovVmq
    );
    let n = 30 + svnic_miniport::vmq::oid_rows().len() + svnic_miniport::sriov::oid_rows().len();
    check_every_row(host, n);
}

fn check_every_row(host: Host, min_rows: usize) {
    let a = host.adapter(0);
    // A non-trivial state to protect.
    assert_eq!(
        a.set(OID_GEN_CURRENT_PACKET_FILTER, &0x0Bu32.to_le_bytes())
            .status,
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(
        a.set(
            OID_802_3_MULTICAST_LIST,
            &[1, 0, 0x5e, 0, 0, 1, 1, 0, 0x5e, 0, 0, 2]
        )
        .status,
        NDIS_STATUS_SUCCESS
    );
    let before = state(&host);

    let rows: Vec<_> = a
        .driver_adapter()
        .unwrap()
        .oid_table()
        .rows()
        .map(|(_, r)| *r)
        .collect();
    assert!(rows.len() >= min_rows, "{} rows", rows.len());
    // The supported list NDIS got in the general attributes is the table's distinct OIDs.
    let mut from_table: Vec<u32> = rows.iter().map(|r| r.oid).collect();
    from_table.dedup();
    let mut distinct = from_table.clone();
    distinct.sort();
    distinct.dedup();
    let mut advertised = a.supported_oids();
    advertised.sort();
    assert_eq!(advertised, distinct);

    for row in &rows {
        // Short buffer: INVALID_LENGTH with BytesNeeded exactly the row's minimum.
        if row.min_len > 0 {
            for short in [0usize, row.min_len as usize - 1] {
                let r = a.oid(row.request_type, row.oid, &vec![0u8; short], short);
                assert_eq!(
                    r.status, NDIS_STATUS_INVALID_LENGTH,
                    "{:?} {:#x} len {short}",
                    row.request_type, row.oid
                );
                assert_eq!(
                    r.bytes_needed, row.min_len,
                    "{:?} {:#x}",
                    row.request_type, row.oid
                );
                assert_eq!((r.bytes_written, r.bytes_read), (0, 0), "{:#x}", row.oid);
            }
        }
        // A request type the table does not list for this OID is refused.
        for rt in ALL_TYPES {
            let listed = rows.iter().any(|r| {
                r.oid == row.oid
                    && (r.request_type == rt
                        || (rt == RequestType::QueryStatistics && r.request_type == RequestType::Query))
            });
            if !listed {
                let r = a.oid(rt, row.oid, &vec![0u8; 4096], 4096);
                assert_eq!(r.status, NDIS_STATUS_NOT_SUPPORTED, "{rt:?} {:#x}", row.oid);
                assert_eq!((r.bytes_written, r.bytes_read, r.bytes_needed), (0, 0, 0));
            }
        }
    }
    // Variable-length rows: the exact size is needed.
    let n = distinct.len() as u32;
    let r = a.query(OID_GEN_SUPPORTED_LIST, 4 * n as usize - 1);
    assert_eq!(
        (r.status, r.bytes_needed, r.bytes_written),
        (NDIS_STATUS_INVALID_LENGTH, 4 * n, 0)
    );
    let r = a.query(OID_802_3_MULTICAST_LIST, 11);
    assert_eq!((r.status, r.bytes_needed), (NDIS_STATUS_INVALID_LENGTH, 12));
    let r = a.set(OID_802_3_MULTICAST_LIST, &[1, 0, 0x5e, 0, 0]);
    assert_eq!(
        (r.status, r.bytes_needed, r.bytes_read),
        (NDIS_STATUS_INVALID_LENGTH, 6, 0)
    );

    // Unknown OIDs, every request type.
    for oid in [0x00FF_FFFFu32, 0, 0xFFFF_FFFF, 0x0001_0199] {
        for rt in ALL_TYPES {
            let r = a.oid(rt, oid, &[0u8; 64], 64);
            assert_eq!(r.status, NDIS_STATUS_NOT_SUPPORTED, "{rt:?} {oid:#x}");
        }
    }
    assert_eq!(state(&host), before, "no refused request changed state");
    host.halt().unwrap();
}

#[test]
fn general_oids_answer_exact_values() {
    let host = Host::builder()
        .processors(1)
        .adapters(1)
        .keywords(&[("*JumboPacket", 9014)])
        .build()
        .unwrap();
    let a = host.adapter(0);
    let u32_of = |r: hyperv_sim::OidResult| u32::from_le_bytes(r.out[..4].try_into().unwrap());
    assert_eq!(
        u32_of(a.query(0x0001_0106, 4)),
        9000,
        "OID_GEN_MAXIMUM_FRAME_SIZE"
    );
    assert_eq!(
        u32_of(a.query(0x0001_0111, 4)),
        9014,
        "OID_GEN_MAXIMUM_TOTAL_SIZE"
    );
    assert_eq!(
        u32_of(a.query(0x0001_0107, 4)),
        100_000_000,
        "OID_GEN_LINK_SPEED in 100 bps"
    );
    let perm = a.query(0x0101_0101, 6);
    let cur = a.query(0x0101_0102, 6);
    assert_eq!((perm.bytes_written, perm.out.clone()), (6, cur.out));
    assert_eq!(perm.out, vec![0x02, 0x5E, 0x56, 0, 0, 1]);
    // Unsupported packet-filter bits are refused; the filter is unchanged.
    assert_eq!(
        a.set(OID_GEN_CURRENT_PACKET_FILTER, &0x1000u32.to_le_bytes())
            .status,
        NDIS_STATUS_NOT_SUPPORTED
    );
    assert_eq!(u32_of(a.query(OID_GEN_CURRENT_PACKET_FILTER, 4)), 0);
    // Multicast list: a unicast address is invalid data; 33 entries overflow.
    assert_eq!(
        a.set(OID_802_3_MULTICAST_LIST, &[2, 0, 0, 0, 0, 1]).status,
        0xC001_0015
    );
    assert_eq!(
        a.set(OID_802_3_MULTICAST_LIST, &[1u8; 33 * 6]).status,
        0xC001_0009
    );
    let st = a.query(0x0002_0106, 152);
    assert_eq!(
        (st.status, st.bytes_written, &st.out[..4]),
        (NDIS_STATUS_SUCCESS, 152, &[0x80, 1, 152, 0][..])
    );
    let ls = a.query(0x0001_0207, 40);
    assert_eq!(
        (
            ls.status,
            &ls.out[..4],
            u64::from_le_bytes(ls.out[16..24].try_into().unwrap())
        ),
        (NDIS_STATUS_SUCCESS, &[0x80, 1, 40, 0][..], 10_000_000_000)
    );
    host.halt().unwrap();
}

#[test]
fn network_address_keyword_overrides_the_current_address() {
    let host = Host::builder()
        .processors(1)
        .adapters(1)
        .keyword_str("NetworkAddress", "02-11-22-33-44-55")
        .build()
        .unwrap();
    let a = host.adapter(0);
    assert_eq!(
        a.query(0x0101_0102, 6).out,
        vec![0x02, 0x11, 0x22, 0x33, 0x44, 0x55]
    );
    assert_eq!(a.query(0x0101_0101, 6).out, vec![0x02, 0x5E, 0x56, 0, 0, 1]);
    host.halt().unwrap();
}

#[test]
fn init_reads_keywords_per_the_decision_table() {
    let host = Host::builder()
        .processors(1)
        .adapters(1)
        .keywords(&[("*RssOrVmqPreference", 1), ("*VMQ", 1)])
        .build()
        .unwrap();
    let read = host.adapter(0).keywords_read();
    assert!(read.iter().any(|k| k == "*VMQ"));
    assert!(!read.iter().any(|k| k == "*RSS" || k == "*SRIOV"), "{read:?}");
    let snap = host.adapter(0).driver_adapter().unwrap().config().interface;
    assert_eq!(snap, svnic_miniport::keywords::Interface::Vmq);
    host.halt().unwrap();
}

#[test]
fn init_sets_hardware_assist_attributes_in_pairs_for_every_interface() {
    let rss: Vec<(&str, u32)> = vec![];
    let vmq = vec![("*RssOrVmqPreference", 1), ("*VMQ", 1)];
    let sriov = vec![
        ("*SriovPreferred", 1),
        ("*RssOrVmqPreference", 1),
        ("*SRIOV", 1),
        ("*VMQ", 1),
    ];
    for (kws, sriov_on) in [(rss, false), (vmq, false), (sriov, true)] {
        let host = Host::builder()
            .processors(2)
            .adapters(1)
            .keywords(&kws)
            .build()
            .unwrap();
        let a = host.adapter(0);
        let ha = a.hardware_assist().expect("hardware-assist attributes set");
        let caps = *a.driver_adapter().unwrap().vmq().capabilities();
        assert_eq!(
            ha.hardware_receive_filter.as_deref(),
            Some(&caps.hardware.to_bytes()[..])
        );
        assert_eq!(
            ha.current_receive_filter.as_deref(),
            Some(&caps.current.to_bytes()[..])
        );
        // NDIS_RECEIVE_FILTER_CAPABILITIES.NumQueues (offset 16) of the hardware, always.
        let hw = ha.hardware_receive_filter.as_ref().unwrap();
        assert!(u32::from_le_bytes(hw[16..20].try_into().unwrap()) > 0);
        // The PF is SR-IOV capable: hardware SR-IOV caps {SUPPORTED | PF_MINIPORT} and NIC
        // switch caps revision 2 (116 bytes) always; the current ones only with SR-IOV on.
        let sr = |b: &Option<Vec<u8>>| u32::from_le_bytes(b.as_ref().unwrap()[8..12].try_into().unwrap());
        assert_eq!(sr(&ha.hardware_sriov), 0x1 | 0x2);
        assert_eq!(sr(&ha.current_sriov), if sriov_on { 0x3 } else { 0 });
        assert_eq!(ha.hardware_nic_switch.as_ref().unwrap()[1..4], [2, 116, 0]);
        assert_eq!(
            ha.current_nic_switch.as_ref().unwrap()[1],
            if sriov_on { 2 } else { 1 }
        );
        assert!(a.anomalies().is_empty(), "{:?}", a.anomalies());
        host.halt().unwrap();
    }
}
