//! Behaviour of the small helpers svnic-abi exposes next to the layouts, and a third layout source:
//! the structs windows-sys declares (NDIS_OBJECT_HEADER, statistics, link state, ...).

use core::mem::{offset_of, size_of};

use svnic_abi::general::*;
use svnic_abi::header::*;
use svnic_abi::hw_assist::*;
use svnic_abi::layout::AbiLayout;
use svnic_abi::oid_request::*;
use svnic_abi::sriov::*;
use svnic_abi::vmq::*;
use windows_sys::Win32::NetworkManagement::Ndis as ndis;
use zerocopy::IntoBytes;

#[test]
fn counted_string_round_trips_and_clamps_bogus_length() {
    let s = NDIS_IF_COUNTED_STRING::from_text("VM1");
    assert_eq!((s.length, s.units()), (6, &[0x56u16, 0x4D, 0x31][..]));
    assert!(s.is_valid());
    let long = "x".repeat(300);
    let s = NDIS_IF_COUNTED_STRING::from_text(&long);
    assert_eq!((s.length, s.units().len()), (512, 256));
    let mut bogus = NDIS_IF_COUNTED_STRING::zeroed();
    bogus.length = 0xFFFF;
    assert!(!bogus.is_valid());
    assert_eq!(bogus.units().len(), 256);
    bogus.length = 3;
    assert!(!bogus.is_valid());
}

#[test]
fn field_value_holds_mac_and_short_at_offset_zero() {
    let v = NDIS_RECEIVE_FILTER_FIELD_VALUE::from_mac([0x00, 0x15, 0x5D, 1, 2, 3]);
    assert_eq!(v.mac(), [0x00, 0x15, 0x5D, 1, 2, 3]);
    assert_eq!(&v.as_bytes()[..8], &[0x00, 0x15, 0x5D, 1, 2, 3, 0, 0]);
    let v = NDIS_RECEIVE_FILTER_FIELD_VALUE::from_short(0x0064);
    assert_eq!((v.short(), v.byte(), v.long(), v.long64()), (100, 100, 100, 100));
}

#[test]
fn with_latest_header_uses_newest_revision_and_sizeof_constant() {
    let q = NDIS_RECEIVE_QUEUE_PARAMETERS::with_latest_header();
    assert_eq!(q.header, NDIS_OBJECT_HEADER::new(0x80, 3, 1096));
    let c = NDIS_NIC_SWITCH_CAPABILITIES::with_latest_header();
    assert_eq!((c.header.revision, c.header.size), (3, 132));
    let v = NDIS_NIC_SWITCH_VPORT_PARAMETERS::with_latest_header();
    assert_eq!((v.header.revision, v.header.size), (2, 748));
    let h = NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES::with_latest_header();
    assert_eq!(h.header, NDIS_OBJECT_HEADER::new(0xAF, 4, 96));
    let r = NDIS_OID_REQUEST::with_latest_header();
    assert_eq!(r.header, NDIS_OBJECT_HEADER::new(0x96, 2, 248));
    assert_eq!(NDIS_RECEIVE_FILTER_CAPABILITIES::min_size(), 56);
    assert_eq!(NDIS_RECEIVE_FILTER_CAPABILITIES::size_of_revision(2), Some(84));
    assert_eq!(NDIS_RECEIVE_FILTER_CAPABILITIES::size_of_revision(3), None);
}

#[test]
fn make_rid_packs_bus_device_function() {
    assert_eq!(NDIS_MAKE_RID(0x03, 0x10, 0x2), 0x0382);
    assert_eq!(NDIS_MAKE_RID(0xFF, 0x1F, 0x7), 0xFFFF);
    assert_eq!(NDIS_MAKE_RID(0, 0xFF, 0xFF), 0xFF);
}

#[test]
fn nbl_oob_values_pack_queue_and_vlan() {
    let f = NDIS_NET_BUFFER_LIST_FILTERING_INFO {
        filter_id: 0,
        queue_vport_info: 7,
        _pad0: [0; 4],
    };
    assert_eq!(f.to_value(), 7 << 16);
    assert_eq!(
        NDIS_NET_BUFFER_LIST_FILTERING_INFO::from_value(0x0009_0000).queue_vport_info,
        9
    );
    let v = ieee8021q_info_value(5, false, 100);
    assert_eq!(v, 5 | (100 << 4));
    assert_eq!(ieee8021q_info_parts(v), (5, false, 100));
    assert_eq!(ieee8021q_info_parts(u64::MAX), (7, true, 0xFFF));
}

#[test]
fn sizeof_through_matches_every_revision_table() {
    fn check<T: NdisObject>() {
        for (rev, size) in T::REVISIONS {
            assert!(usize::from(*size) <= T::SIZE, "{} rev {rev}", T::NAME);
        }
        let last = T::FIELDS.iter().rfind(|f| !f.name.starts_with('_')).unwrap();
        assert_eq!(usize::from(T::latest().1), last.offset + last.size, "{}", T::NAME);
    }
    check::<NDIS_RECEIVE_FILTER_CAPABILITIES>();
    check::<NDIS_RECEIVE_QUEUE_PARAMETERS>();
    check::<NDIS_RECEIVE_FILTER_PARAMETERS>();
    check::<NDIS_NIC_SWITCH_CAPABILITIES>();
    check::<NDIS_NIC_SWITCH_PARAMETERS>();
    check::<NDIS_NIC_SWITCH_VPORT_PARAMETERS>();
    check::<NDIS_NIC_SWITCH_VF_PARAMETERS>();
    check::<NDIS_SRIOV_SET_VF_POWER_STATE_PARAMETERS>();
    check::<NDIS_SHARED_MEMORY_PARAMETERS>();
    check::<NDIS_OID_REQUEST>();
}

macro_rules! same_layout {
    ($ours:ty, $theirs:ty, [$($f:ident),*]) => {{
        assert_eq!(<$ours as AbiLayout>::SIZE, size_of::<$theirs>(), stringify!($ours));
        $(
            let ours = <$ours as AbiLayout>::field(stringify!($f)).unwrap();
            assert_eq!(ours.offset, offset_of!($theirs, $f), concat!(stringify!($ours), ".", stringify!($f)));
        )*
        [$(stringify!($f)),*].len()
    }};
}

#[test]
fn layouts_match_windows_sys_structs() {
    let mut n = 0;
    n += same_layout!(
        NDIS_OBJECT_HEADER,
        ndis::NDIS_OBJECT_HEADER,
        [Type, Revision, Size]
    );
    n += same_layout!(
        NDIS_LINK_STATE,
        ndis::NDIS_LINK_STATE,
        [
            Header,
            MediaConnectState,
            MediaDuplexState,
            XmitLinkSpeed,
            RcvLinkSpeed,
            PauseFunctions,
            AutoNegotiationFlags
        ]
    );
    n += same_layout!(
        NDIS_LINK_PARAMETERS,
        ndis::NDIS_LINK_PARAMETERS,
        [
            Header,
            MediaDuplexState,
            XmitLinkSpeed,
            RcvLinkSpeed,
            PauseFunctions,
            AutoNegotiationFlags
        ]
    );
    n += same_layout!(
        NDIS_LINK_SPEED,
        ndis::NDIS_LINK_SPEED,
        [XmitLinkSpeed, RcvLinkSpeed]
    );
    n += same_layout!(
        NDIS_INTERRUPT_MODERATION_PARAMETERS,
        ndis::NDIS_INTERRUPT_MODERATION_PARAMETERS,
        [Header, Flags, InterruptModeration]
    );
    n += same_layout!(
        NDIS_STATISTICS_INFO,
        ndis::NDIS_STATISTICS_INFO,
        [
            Header,
            SupportedStatistics,
            ifInDiscards,
            ifInErrors,
            ifHCInOctets,
            ifHCInUcastPkts,
            ifHCInMulticastPkts,
            ifHCInBroadcastPkts,
            ifHCOutOctets,
            ifHCOutUcastPkts,
            ifHCOutMulticastPkts,
            ifHCOutBroadcastPkts,
            ifOutErrors,
            ifOutDiscards,
            ifHCInUcastOctets,
            ifHCInMulticastOctets,
            ifHCInBroadcastOctets,
            ifHCOutUcastOctets,
            ifHCOutMulticastOctets,
            ifHCOutBroadcastOctets
        ]
    );
    println!("windows-sys layout check: 6 structs, {n} fields");
    assert_eq!(n, 41);
}
