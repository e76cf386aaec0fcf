//! What the PF engine assumes about svnic-abi beyond what svnic-abi checks itself: the four
//! config-space/block transfer structures the engine reads through one layout really share it,
//! and the engine's revision choices (field-parameters revision 1 only; a claimed revision longer
//! than the buffer is INVALID_PARAMETER, not INVALID_LENGTH) hold against svnic-abi's
//! `read_revision`, which would accept or answer them differently.

mod sriov_common;
use sriov_common::*;

use svnic_abi::layout::AbiLayout;
use svnic_abi::sriov as a;
use svnic_abi::status::*;
use svnic_abi::vmq as v;
use svnic_miniport::oid::RequestType;
use svnic_miniport::sriov::abi::*;

fn fields<T: AbiLayout>() -> Vec<(usize, usize)> {
    T::FIELDS.iter().map(|f| (f.offset, f.size)).collect()
}

#[test]
fn config_transfer_structures_share_one_layout() {
    let space = fields::<a::NDIS_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS>();
    assert_eq!(space, fields::<a::NDIS_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS>());
    assert_eq!(space, fields::<a::NDIS_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS>());
    assert_eq!(space, fields::<a::NDIS_SRIOV_WRITE_VF_CONFIG_BLOCK_PARAMETERS>());
    assert_eq!(space, vec![(0, 4), (4, 2), (6, 2), (8, 4), (12, 4), (16, 4)]);
    let sizes = [
        a::NDIS_SIZEOF_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS_REVISION_1,
        a::NDIS_SIZEOF_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS_REVISION_1,
        a::NDIS_SIZEOF_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1,
        a::NDIS_SIZEOF_SRIOV_WRITE_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1,
    ];
    assert_eq!(sizes, [20; 4]);
    assert_eq!(vf_xfer::SIZE_REVISION_1, 20);
}

#[test]
fn probed_bars_reply_is_the_structure_then_six_bars() {
    assert_eq!(probed_bars::SIZE_REVISION_1, 8);
    assert_eq!(probed_bars::TOTAL, 8 + 6 * 4);
}

#[test]
fn revision_2_filter_field_parameters_are_refused_although_svnic_abi_knows_them() {
    // svnic-abi defines revision 2 of NDIS_RECEIVE_FILTER_FIELD_PARAMETERS (same 56 bytes);
    // the PF engine accepts revision 1 only, as it always has.
    assert!(
        <v::NDIS_RECEIVE_FILTER_FIELD_PARAMETERS as svnic_abi::header::NdisObject>::size_of_revision(2)
            .is_some()
    );
    let mut p = Pf::new();
    assert_eq!(p.create_switch(4), NDIS_STATUS_SUCCESS);
    let mut b = set_filter_buf(5, 0, mac(5), None);
    let off = get32(&b, filter_params::FIELD_ARRAY_OFFSET) as usize;
    b[off + 1] = 2;
    let r = p.oid(RequestType::Method, OID_RECEIVE_FILTER_SET_FILTER, &mut b);
    assert_eq!(
        (r.status, r.read, r.needed),
        (NDIS_STATUS_INVALID_PARAMETER, 0, 0)
    );
    assert!(p.pf.switch().filter(5).is_none());
    let mut b = set_filter_buf(5, 0, mac(5), None);
    let r = p.oid(RequestType::Method, OID_RECEIVE_FILTER_SET_FILTER, &mut b);
    assert_eq!(r.status, NDIS_STATUS_SUCCESS);
}

#[test]
fn claimed_revision_longer_than_the_buffer_is_invalid_length_with_that_revisions_size() {
    // A CREATE_SWITCH header claiming revision 2 (552 bytes) in a revision-1-sized buffer: the
    // same answer as the VMQ engine gives (INVALID_LENGTH, BytesNeeded = NDIS_SIZEOF rev 2).
    let mut p = Pf::new();
    let mut b = create_switch_buf(2, 2);
    b.truncate(switch_params::SIZE_REVISION_1);
    let r = p.oid(RequestType::Method, OID_NIC_SWITCH_CREATE_SWITCH, &mut b);
    assert_eq!((r.status, r.read, r.needed), (NDIS_STATUS_INVALID_LENGTH, 0, 552));
    assert!(!p.pf.switch_exists());
    assert!(p.os.enable_calls.lock().unwrap().is_empty());
    // The full revision-2 buffer is accepted.
    let mut b = create_switch_buf(2, 2);
    let r = p.oid(RequestType::Method, OID_NIC_SWITCH_CREATE_SWITCH, &mut b);
    assert_eq!(r.status, NDIS_STATUS_SUCCESS);
    assert!(p.pf.switch_exists());
}
