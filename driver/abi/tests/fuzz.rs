//! Property tests: no reader in svnic-abi panics on arbitrary bytes, at any alignment, and a
//! successful read always respects the documented bounds.

use proptest::prelude::*;
use svnic_abi::buf::{read_array, read_at, read_object, write_bytes, ArrayDesc, BufError};
use svnic_abi::header::NdisObject;
use svnic_abi::hw_assist::*;
use svnic_abi::indication::*;
use svnic_abi::oid_request::NDIS_OID_REQUEST;
use svnic_abi::pci::*;
use svnic_abi::sriov::*;
use svnic_abi::vmq::*;

fn check<T: NdisObject>(buf: &[u8]) {
    match read_object::<T>(buf) {
        Ok(p) => {
            assert!(usize::from(p.size) <= buf.len());
            assert!(p.size >= p.revision_size);
            assert_eq!(T::size_of_revision(p.revision), Some(p.revision_size));
        }
        Err(BufError::TooShort { needed }) => assert!(needed > buf.len()),
        Err(BufError::Invalid(_)) => {}
    }
}

fn check_array<E: NdisObject>(buf: &[u8], desc: ArrayDesc) {
    if let Ok(it) = read_array::<E>(buf, desc) {
        let n = it.map(|r| r.is_ok() as usize).sum::<usize>();
        assert!(n <= desc.num_elements as usize);
    }
}

macro_rules! all_objects {
    ($buf:expr, $($t:ty),* $(,)?) => { $( check::<$t>($buf); )* };
}

fn all(buf: &[u8]) {
    all_objects!(
        buf,
        NDIS_RECEIVE_FILTER_CAPABILITIES,
        NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS,
        NDIS_RECEIVE_FILTER_FIELD_PARAMETERS,
        NDIS_RECEIVE_FILTER_PARAMETERS,
        NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS,
        NDIS_RECEIVE_QUEUE_PARAMETERS,
        NDIS_RECEIVE_QUEUE_FREE_PARAMETERS,
        NDIS_RECEIVE_QUEUE_INFO,
        NDIS_RECEIVE_QUEUE_INFO_ARRAY,
        NDIS_RECEIVE_FILTER_INFO,
        NDIS_RECEIVE_FILTER_INFO_ARRAY,
        NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS,
        NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY,
        NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS,
        NDIS_RECEIVE_QUEUE_STATE,
        NDIS_NIC_SWITCH_CAPABILITIES,
        NDIS_NIC_SWITCH_PARAMETERS,
        NDIS_NIC_SWITCH_DELETE_SWITCH_PARAMETERS,
        NDIS_NIC_SWITCH_INFO,
        NDIS_NIC_SWITCH_INFO_ARRAY,
        NDIS_NIC_SWITCH_VPORT_PARAMETERS,
        NDIS_NIC_SWITCH_DELETE_VPORT_PARAMETERS,
        NDIS_NIC_SWITCH_VPORT_INFO,
        NDIS_NIC_SWITCH_VPORT_INFO_ARRAY,
        NDIS_NIC_SWITCH_VF_PARAMETERS,
        NDIS_NIC_SWITCH_FREE_VF_PARAMETERS,
        NDIS_NIC_SWITCH_VF_INFO,
        NDIS_NIC_SWITCH_VF_INFO_ARRAY,
        NDIS_SRIOV_CAPABILITIES,
        NDIS_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS,
        NDIS_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS,
        NDIS_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS,
        NDIS_SRIOV_WRITE_VF_CONFIG_BLOCK_PARAMETERS,
        NDIS_SRIOV_RESET_VF_PARAMETERS,
        NDIS_SRIOV_SET_VF_POWER_STATE_PARAMETERS,
        NDIS_SRIOV_CONFIG_STATE_PARAMETERS,
        NDIS_SRIOV_VF_VENDOR_DEVICE_ID_INFO,
        NDIS_SRIOV_PROBED_BARS_INFO,
        NDIS_SRIOV_BAR_RESOURCES_INFO,
        NDIS_SRIOV_PF_LUID_INFO,
        NDIS_SRIOV_VF_SERIAL_NUMBER_INFO,
        NDIS_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO,
        NDIS_OID_REQUEST,
        NDIS_STATUS_INDICATION,
        NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES,
        NDIS_SHARED_MEMORY_PARAMETERS,
    );
    let _ = read_at::<PCI_COMMON_HEADER>(buf, 0);
    let _ = read_at::<PCI_EXPRESS_SRIOV_CAPABILITY>(buf, 0);
    let _ = read_at::<CM_PARTIAL_RESOURCE_DESCRIPTOR>(buf, 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_bytes_never_panic_any_reader(bytes in proptest::collection::vec(any::<u8>(), 0..2048), skew in 0usize..8) {
        let buf = bytes.get(skew.min(bytes.len())..).unwrap_or(&[]);
        all(buf);
    }

    #[test]
    fn headers_shaped_like_ndis_never_panic(ty in prop_oneof![Just(0x80u8), any::<u8>()], rev in 0u8..5,
                                            size in any::<u16>(), tail in proptest::collection::vec(any::<u8>(), 0..1800)) {
        let mut buf = vec![ty, rev];
        buf.extend_from_slice(&size.to_le_bytes());
        buf.extend_from_slice(&tail);
        all(&buf);
    }

    #[test]
    fn array_walker_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..1024),
                                 offset in prop_oneof![0u32..1100, any::<u32>()],
                                 count in prop_oneof![0u32..80, any::<u32>()],
                                 size in prop_oneof![0u32..64, any::<u32>()]) {
        let d = ArrayDesc { first_element_offset: offset, num_elements: count, element_size: size };
        check_array::<NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS>(&bytes, d);
        check_array::<NDIS_RECEIVE_FILTER_FIELD_PARAMETERS>(&bytes, d);
        check_array::<NDIS_RECEIVE_QUEUE_INFO>(&bytes, d);
        check_array::<NDIS_NIC_SWITCH_VPORT_INFO>(&bytes, d);
        check_array::<NDIS_NIC_SWITCH_VF_INFO>(&bytes, d);
    }

    #[test]
    fn writer_never_writes_past_end(len in 0usize..64, offset in prop_oneof![0usize..80, any::<usize>()],
                                    data in proptest::collection::vec(any::<u8>(), 0..64)) {
        let mut out = vec![0x5Au8; len + 8];
        let res = write_bytes(&mut out[..len], offset, &data);
        prop_assert!(out[len..].iter().all(|b| *b == 0x5A));
        if let Ok(end) = res { prop_assert_eq!(end, offset + data.len()); prop_assert!(end <= len); }
    }
}
