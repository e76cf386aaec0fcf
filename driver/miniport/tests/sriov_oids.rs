//! The PF's SR-IOV OIDs against the modeled NIC: spec section 5 items 19-25 and the validation
//! rules of G1-G5 / 2.2 (header, lengths, offsets, ids, exact statuses, no state change on refusal).

mod sriov_common;
use sriov_common::*;

use svnic_abi::status::*;
use svnic_miniport::oid::RequestType;
use svnic_miniport::sriov::abi::*;
use svnic_miniport::sriov::backchannel::{VfInfo, BLOCK_VF_DRIVER_INFO, BLOCK_VF_INFO};
use svnic_miniport::sriov::hw::SriovHw;
use svnic_miniport::sriov::oid_rows;
use svnic_miniport::sriov::switch::{Attach, VPortState};

// ---- item 19 ----------------------------------------------------------------------------------

#[test]
fn create_switch_enables_virtualization_once_with_one_default_vport() {
    let mut p = Pf::new();
    assert_eq!(p.create_switch(4), NDIS_STATUS_SUCCESS);
    assert_eq!(*p.os.enable_calls.lock().unwrap(), vec![(4, true)]);
    assert_eq!(p.hw.vfs_enabled(), (4, true));
    let info = p.pf.switch().info().unwrap();
    assert_eq!(info.switch_id, 0);
    assert_eq!(info.num_vfs, 4);
    assert_eq!(info.num_allocated_vfs, 0);
    assert_eq!(info.num_active_vports, 1);
    assert_eq!(info.num_vports, 8 + 1 + 4);
    let v0 = p.pf.switch().vport(0).unwrap();
    assert_eq!(
        (v0.attach, v0.state, v0.queue_pairs),
        (Attach::Pf, VPortState::Activated, 1)
    );
    assert_eq!(p.pf.switch().vports().count(), 1);
}

#[test]
fn second_create_switch_fails_and_enables_nothing_more() {
    let mut p = Pf::new();
    assert_eq!(p.create_switch(4), NDIS_STATUS_SUCCESS);
    assert_eq!(p.create_switch(4), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(p.create_switch(2), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(p.os.enable_calls.lock().unwrap().len(), 1);
    assert_eq!(p.pf.switch().info().unwrap().num_vfs, 4);
}

#[test]
fn create_switch_with_bad_static_parameters_fails_without_side_effects() {
    let mut p = Pf::new();
    // More VFs than MaxNumVFs.
    assert_eq!(
        p.create_switch(u32::from(TOTAL_VFS) + 1),
        NDIS_STATUS_INVALID_PARAMETER
    );
    // Switch id other than the default, internal switch type.
    let mut b = create_switch_buf(2, 1);
    put32(&mut b, switch_params::SWITCH_ID, 1);
    assert_eq!(
        p.method(OID_NIC_SWITCH_CREATE_SWITCH, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
    let mut b = create_switch_buf(2, 1);
    put32(&mut b, switch_params::SWITCH_TYPE, 2);
    assert_eq!(
        p.method(OID_NIC_SWITCH_CREATE_SWITCH, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
    // Odd counted-string length.
    let mut b = create_switch_buf(2, 1);
    put16(&mut b, switch_params::SWITCH_FRIENDLY_NAME, 3);
    assert_eq!(
        p.method(OID_NIC_SWITCH_CREATE_SWITCH, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
    // Revision 2 asking for 2 queue pairs on the default vPort.
    let mut b = create_switch_buf(2, 2);
    put32(&mut b, switch_params::NUM_QUEUE_PAIRS_FOR_DEFAULT_VPORT, 2);
    assert_eq!(
        p.method(OID_NIC_SWITCH_CREATE_SWITCH, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert!(p.os.enable_calls.lock().unwrap().is_empty());
    assert!(!p.pf.switch_exists());
    assert_eq!(p.hw.vfs_enabled(), (0, false));
    // Revision 2 with one pair is fine.
    let mut b = create_switch_buf(2, 2);
    put32(&mut b, switch_params::NUM_QUEUE_PAIRS_FOR_DEFAULT_VPORT, 1);
    let r = p.oid(RequestType::Method, OID_NIC_SWITCH_CREATE_SWITCH, &mut b);
    assert_eq!((r.status, r.read, r.written), (NDIS_STATUS_SUCCESS, 552, 0));
}

#[test]
fn allocate_vf_and_create_vport_fail_before_the_switch_exists() {
    let mut p = Pf::new();
    assert_eq!(p.allocate_vf(mac(1)).0, NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(p.create_pf_vport(1, 1), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(p.set_filter(1, 0, mac(1), None), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(p.delete_switch(), NDIS_STATUS_INVALID_PARAMETER);
}

#[test]
fn every_pf_oid_is_not_supported_when_sriov_is_not_the_enabled_interface() {
    let caps = svnic_miniport::sriov::caps::NicSwitchCaps::from_input(&caps_input());
    let mut p = Pf::with_caps(caps, false);
    for row in oid_rows() {
        let mut b = vec![0u8; 2048];
        let r = p.oid(row.request_type, row.oid, &mut b);
        assert_eq!(r.status, NDIS_STATUS_NOT_SUPPORTED, "oid {:#x}", row.oid);
    }
    assert!(p.os.enable_calls.lock().unwrap().is_empty());
}

// ---- item 20 ----------------------------------------------------------------------------------

#[test]
fn allocate_vf_returns_unique_zero_based_ids_and_rids_up_to_numvfs() {
    let mut p = Pf::new();
    assert_eq!(p.create_switch(3), NDIS_STATUS_SUCCESS);
    for i in 0..3u16 {
        let mut b = allocate_vf_buf(mac(i as u8));
        let r = p.oid(RequestType::Method, OID_NIC_SWITCH_ALLOCATE_VF, &mut b);
        assert_eq!((r.status, r.read, r.written), (NDIS_STATUS_SUCCESS, 1632, 1632));
        assert_eq!(get16(&b, vf_params::VF_ID), i);
        // PF RID 0x0100 + First VF Offset 0x80 + i * stride 2.
        assert_eq!(get32(&b, vf_params::REQUESTOR_ID), 0x0180 + 2 * u32::from(i));
    }
    let (st, _, _) = p.allocate_vf(mac(9));
    assert_eq!(st, NDIS_STATUS_RESOURCES);
    assert_eq!(p.pf.switch().info().unwrap().num_allocated_vfs, 3);
    assert_eq!(p.free_vf(1), NDIS_STATUS_SUCCESS);
    assert_eq!(p.allocate_vf(mac(7)), (NDIS_STATUS_SUCCESS, 1, 0x0182));
}

#[test]
fn allocate_vf_rejects_preset_ids_and_bad_mac_length() {
    let mut p = Pf::new();
    p.create_switch(2);
    let mut b = allocate_vf_buf(mac(1));
    put16(&mut b, vf_params::VF_ID, 0);
    assert_eq!(
        p.method(OID_NIC_SWITCH_ALLOCATE_VF, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
    let mut b = allocate_vf_buf(mac(1));
    put32(&mut b, vf_params::REQUESTOR_ID, 5);
    assert_eq!(
        p.method(OID_NIC_SWITCH_ALLOCATE_VF, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
    let mut b = allocate_vf_buf(mac(1));
    put16(&mut b, vf_params::MAC_ADDRESS_LENGTH, 8);
    assert_eq!(
        p.method(OID_NIC_SWITCH_ALLOCATE_VF, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
    let mut b = allocate_vf_buf([0x01, 0, 0x5e, 0, 0, 1]);
    assert_eq!(
        p.method(OID_NIC_SWITCH_ALLOCATE_VF, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(p.pf.switch().vfs().count(), 0);
}

#[test]
fn free_vf_with_attached_vport_or_unknown_id_is_invalid_parameter() {
    let mut p = Pf::new();
    p.create_switch(2);
    let (_, vf, _) = p.allocate_vf(mac(1));
    assert_eq!(p.create_vf_vport(1, vf), NDIS_STATUS_SUCCESS);
    assert_eq!(p.free_vf(vf), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(p.free_vf(1), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(p.free_vf(0xFFFF), NDIS_STATUS_INVALID_PARAMETER);
    assert!(p.pf.switch().vf(vf).is_some());
    assert_eq!(p.delete_vport(1), NDIS_STATUS_SUCCESS);
    assert_eq!(p.free_vf(vf), NDIS_STATUS_SUCCESS);
    assert_eq!(p.free_vf(vf), NDIS_STATUS_INVALID_PARAMETER);
}

#[test]
fn every_vf_scoped_oid_fails_on_a_free_vfid() {
    let mut p = Pf::new();
    p.create_switch(4);
    let (_, vf, _) = p.allocate_vf(mac(1));
    assert_eq!(vf, 0);
    let free = 2u16;
    assert_eq!(p.reset_vf(free), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(
        p.set(OID_SRIOV_SET_VF_POWER_STATE, &mut power_buf(free, 1, 0)),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(
        p.method(OID_SRIOV_VF_VENDOR_DEVICE_ID, &mut vendor_buf(free)),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(
        p.method(OID_SRIOV_READ_VF_CONFIG_SPACE, &mut xfer_buf(free, 0, 4, 20, 24)),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(
        p.set(OID_SRIOV_WRITE_VF_CONFIG_SPACE, &mut xfer_buf(free, 4, 2, 20, 22)),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(
        p.method(OID_SRIOV_READ_VF_CONFIG_BLOCK, &mut xfer_buf(free, 0, 4, 20, 24)),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(
        p.set(OID_SRIOV_WRITE_VF_CONFIG_BLOCK, &mut xfer_buf(free, 2, 4, 20, 24)),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(
        p.method(OID_SRIOV_BAR_RESOURCES, &mut bar_buf(free, 0, 12, 32)),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(p.create_vf_vport(1, free), NDIS_STATUS_INVALID_PARAMETER);
}

// ---- item 21 ----------------------------------------------------------------------------------

#[test]
fn vf_vport_is_activated_at_creation_and_a_second_one_on_the_same_vf_is_rejected() {
    let mut p = Pf::new();
    p.create_switch(2);
    let (_, vf, _) = p.allocate_vf(mac(1));
    // A VF vPort asked for Deactivated is refused.
    assert_eq!(
        p.method(
            OID_NIC_SWITCH_CREATE_VPORT,
            &mut vport_buf(1, vf, 1, vport_params::STATE_DEACTIVATED, 0, 0)
        ),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(p.create_vf_vport(1, vf), NDIS_STATUS_SUCCESS);
    let v = p.pf.switch().vport(1).unwrap();
    assert_eq!((v.attach, v.state), (Attach::Vf(0), VPortState::Activated));
    assert_eq!(p.pf.switch().vf(0).unwrap().vport, Some(1));
    assert_eq!(p.create_vf_vport(2, vf), NDIS_STATUS_INVALID_PARAMETER);
    // VPortState can never go Activated -> Deactivated.
    let mut b = vport_set_buf(1, vport_params::STATE_CHANGED, vport_params::STATE_DEACTIVATED, 1);
    assert_eq!(
        p.set(OID_NIC_SWITCH_VPORT_PARAMETERS, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(p.pf.switch().vport(1).unwrap().state, VPortState::Activated);
    // Processor affinity is a PF-vPort member.
    let mut b = vport_set_buf(
        1,
        vport_params::PROCESSOR_AFFINITY_CHANGED,
        vport_params::STATE_ACTIVATED,
        2,
    );
    assert_eq!(
        p.set(OID_NIC_SWITCH_VPORT_PARAMETERS, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
}

#[test]
fn queue_pairs_other_than_the_per_vport_value_are_rejected() {
    let mut p = Pf::new();
    p.create_switch(2);
    let (_, vf, _) = p.allocate_vf(mac(1));
    for qp in [0u32, 2, 64] {
        assert_eq!(
            p.method(
                OID_NIC_SWITCH_CREATE_VPORT,
                &mut vport_buf(1, vf, qp, vport_params::STATE_ACTIVATED, 0, 0)
            ),
            NDIS_STATUS_INVALID_PARAMETER
        );
    }
    assert!(p.pf.switch().vport(1).is_none());
}

#[test]
fn pf_vport_starts_deactivated_and_activates_only_through_vport_parameters() {
    let mut p = Pf::new();
    p.create_switch(2);
    // Created Activated: refused.
    assert_eq!(
        p.method(
            OID_NIC_SWITCH_CREATE_VPORT,
            &mut vport_buf(3, NDIS_PF_FUNCTION_ID, 1, vport_params::STATE_ACTIVATED, 1, 0)
        ),
        NDIS_STATUS_INVALID_PARAMETER
    );
    // Affinity must name exactly one existing processor.
    assert_eq!(p.create_pf_vport(3, 0b11), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(p.create_pf_vport(3, 1 << 4), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(p.create_pf_vport(3, 1 << 2), NDIS_STATUS_SUCCESS);
    assert_eq!(p.pf.switch().vport(3).unwrap().state, VPortState::Deactivated);
    assert_eq!(p.pf.switch().info().unwrap().num_active_vports, 1);
    // A set without STATE_CHANGED changes nothing about the state.
    let mut b = vport_set_buf(3, vport_params::INT_MOD_CHANGED, vport_params::STATE_ACTIVATED, 4);
    assert_eq!(
        p.set(OID_NIC_SWITCH_VPORT_PARAMETERS, &mut b),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(p.pf.switch().vport(3).unwrap().state, VPortState::Deactivated);
    let mut b = vport_set_buf(3, vport_params::STATE_CHANGED, vport_params::STATE_ACTIVATED, 4);
    assert_eq!(
        p.set(OID_NIC_SWITCH_VPORT_PARAMETERS, &mut b),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(p.pf.switch().vport(3).unwrap().state, VPortState::Activated);
    assert_eq!(p.pf.switch().info().unwrap().num_active_vports, 2);
    let mut b = vport_set_buf(3, vport_params::STATE_CHANGED, vport_params::STATE_DEACTIVATED, 4);
    assert_eq!(
        p.set(OID_NIC_SWITCH_VPORT_PARAMETERS, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
    // Affinity moves for PF vPorts.
    let mut b = vport_set_buf(
        3,
        vport_params::PROCESSOR_AFFINITY_CHANGED,
        vport_params::STATE_ACTIVATED,
        1 << 3,
    );
    assert_eq!(
        p.set(OID_NIC_SWITCH_VPORT_PARAMETERS, &mut b),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(p.pf.switch().vport(3).unwrap().affinity.mask, 1 << 3);
    // VMMQ queue-pair changes are not offered.
    let mut b = vport_set_buf(
        3,
        vport_params::NUM_QUEUE_PAIRS_CHANGED,
        vport_params::STATE_ACTIVATED,
        1,
    );
    assert_eq!(
        p.set(OID_NIC_SWITCH_VPORT_PARAMETERS, &mut b),
        NDIS_STATUS_NOT_SUPPORTED
    );
}

#[test]
fn pf_vports_are_limited_to_the_pf_queue_budget_and_vf_vports_stay_reserved() {
    let mut p = Pf::new();
    p.create_switch(2);
    for id in 1..=u32::from(PF_QUEUES) {
        assert_eq!(p.create_pf_vport(id, 1), NDIS_STATUS_SUCCESS, "vport {id}");
    }
    assert_eq!(p.create_pf_vport(10, 1), NDIS_STATUS_RESOURCES);
    let (_, vf, _) = p.allocate_vf(mac(1));
    assert_eq!(p.create_vf_vport(11, vf), NDIS_STATUS_SUCCESS);
}

#[test]
fn default_vport_is_never_deleted_and_vport_ids_are_range_checked() {
    let mut p = Pf::new();
    p.create_switch(2);
    assert_eq!(p.delete_vport(0), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(p.delete_vport(5), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(p.create_pf_vport(0, 1), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(p.create_pf_vport(13, 1), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(p.create_pf_vport(12, 1), NDIS_STATUS_SUCCESS);
    assert_eq!(p.create_pf_vport(12, 1), NDIS_STATUS_INVALID_PARAMETER);
    assert!(p.pf.switch().vport(0).is_some());
}

#[test]
fn delete_vport_with_filters_is_refused_until_they_are_moved() {
    let mut p = Pf::new();
    p.create_switch(2);
    let vf = p.vm_start(7, 1, mac(1));
    assert_eq!(p.delete_vport(1), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(p.move_filter(7, 1, 0), NDIS_STATUS_SUCCESS);
    assert_eq!(p.delete_vport(1), NDIS_STATUS_SUCCESS);
    assert_eq!(p.pf.switch().vf(vf).unwrap().vport, None);
}

// ---- item 22 (counters; the data path is in sriov_traffic.rs) --------------------------------

#[test]
fn move_filter_updates_the_switch_counters_exactly() {
    let mut p = Pf::new();
    p.create_switch(2);
    assert_eq!(p.set_filter(7, 0, mac(1), None), NDIS_STATUS_SUCCESS);
    assert_eq!(p.set_filter(8, 0, mac(2), Some(10)), NDIS_STATUS_SUCCESS);
    let i = p.pf.switch().info().unwrap();
    assert_eq!(
        (
            i.num_active_default_vport_mac_addresses,
            i.num_active_default_vport_vlan_ids
        ),
        (2, 1)
    );
    let (_, vf, _) = p.allocate_vf(mac(2));
    p.create_vf_vport(1, vf);
    assert_eq!(p.move_filter(8, 0, 1), NDIS_STATUS_SUCCESS);
    let i = p.pf.switch().info().unwrap();
    assert_eq!(
        (
            i.num_active_default_vport_mac_addresses,
            i.num_active_default_vport_vlan_ids,
            i.num_active_nondefault_vport_mac_addresses,
            i.num_active_nondefault_vport_vlan_ids
        ),
        (1, 0, 1, 1)
    );
    assert_eq!(
        p.pf.switch().filters_on(1).map(|f| f.id).collect::<Vec<_>>(),
        vec![8]
    );
    let m = p.hw.model_filter(8).unwrap();
    assert_eq!(p.dev().filter(m).unwrap().queue, p.hw.vport_queue(1).unwrap());
}

#[test]
fn move_filter_rejects_wrong_source_queue_ids_and_unknown_vports() {
    let mut p = Pf::new();
    p.create_switch(2);
    p.set_filter(7, 0, mac(1), None);
    let mut b = move_filter_buf(7, 0, 1);
    assert_eq!(
        p.set(OID_RECEIVE_FILTER_MOVE_FILTER, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
    let (_, vf, _) = p.allocate_vf(mac(1));
    p.create_vf_vport(1, vf);
    let mut b = move_filter_buf(7, 0, 1);
    put32(&mut b, move_filter::SOURCE_QUEUE_ID, 3);
    assert_eq!(
        p.set(OID_RECEIVE_FILTER_MOVE_FILTER, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(p.move_filter(7, 1, 0), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(p.move_filter(99, 0, 1), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(p.move_filter(7, 0, 0), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(p.pf.switch().filter(7).unwrap().vport, 0);
    let r = p.oid(
        RequestType::Set,
        OID_RECEIVE_FILTER_MOVE_FILTER,
        &mut move_filter_buf(7, 0, 1),
    );
    assert_eq!((r.status, r.read), (NDIS_STATUS_SUCCESS, 24));
}

// ---- item 23 ----------------------------------------------------------------------------------

#[test]
fn teardown_in_documented_order_then_delete_switch_disables_virtualization() {
    let mut p = Pf::new();
    p.create_switch(4);
    let vf = p.vm_start(7, 1, mac(1));
    // DELETE_SWITCH refused while a VF, a vPort and a filter remain.
    assert_eq!(p.delete_switch(), NDIS_STATUS_INVALID_PARAMETER);
    p.vm_stop(7, 1, vf);
    assert_eq!(
        p.delete_switch(),
        NDIS_STATUS_INVALID_PARAMETER,
        "filter on the default vPort"
    );
    assert_eq!(p.clear_filter(7), NDIS_STATUS_SUCCESS);
    assert_eq!(
        p.set(OID_NIC_SWITCH_DELETE_SWITCH, &mut delete_switch_buf(1)),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(p.delete_switch(), NDIS_STATUS_SUCCESS);
    assert_eq!(*p.os.enable_calls.lock().unwrap(), vec![(4, true), (0, false)]);
    assert_eq!(p.hw.vfs_enabled(), (0, false));
    assert!(!p.pf.switch_exists());
    // And it can be created again.
    assert_eq!(p.create_switch(2), NDIS_STATUS_SUCCESS);
}

#[test]
fn halt_with_a_live_switch_tears_down_in_order_and_disables_virtualization() {
    let mut p = Pf::new();
    p.create_switch(4);
    p.vm_start(7, 1, mac(1));
    p.create_pf_vport(2, 1);
    let os = p.os.clone();
    let mut env = svnic_miniport::sriov::SriovEnv {
        os: &*os,
        hw: &mut p.hw,
    };
    p.pf.halt(&mut env);
    assert!(!p.pf.switch_exists());
    assert_eq!(p.dev().filters().len(), 0);
    assert_eq!(p.hw.vfs_enabled(), (0, false));
    assert_eq!(os.enable_calls.lock().unwrap().last(), Some(&(0, false)));
}

// ---- item 24 ----------------------------------------------------------------------------------

#[test]
fn vf_config_space_read_honours_offset_length_and_buffer_offset() {
    let mut p = Pf::new();
    p.create_switch(2);
    p.allocate_vf(mac(1));
    // Vendor/device dword at offset 0 into a buffer with the data at 32.
    let mut b = xfer_buf(0, 0, 4, 32, 40);
    let r = p.oid(RequestType::Method, OID_SRIOV_READ_VF_CONFIG_SPACE, &mut b);
    assert_eq!((r.status, r.read, r.written), (NDIS_STATUS_SUCCESS, 20, 36));
    let mut direct = [0u8; 4];
    p.dev().config_read(svnic_device::Function::Vf(0), 0, &mut direct);
    assert_eq!(&b[32..36], &direct);
    assert_eq!(&b[20..32], &[0u8; 12]);
    // Short buffer: INVALID_LENGTH with the exact BytesNeeded.
    let mut b = xfer_buf(0, 0, 64, 20, 40);
    let r = p.oid(RequestType::Method, OID_SRIOV_READ_VF_CONFIG_SPACE, &mut b);
    assert_eq!((r.status, r.needed), (NDIS_STATUS_INVALID_LENGTH, 84));
    // Past 4 KiB, or data overlapping the parameters.
    let mut b = xfer_buf(0, 4094, 4, 20, 24);
    assert_eq!(
        p.method(OID_SRIOV_READ_VF_CONFIG_SPACE, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
    let mut b = xfer_buf(0, 0, 4, 16, 24);
    assert_eq!(
        p.method(OID_SRIOV_READ_VF_CONFIG_SPACE, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
}

#[test]
fn vf_config_space_write_round_trips_writable_registers() {
    let mut p = Pf::new();
    p.create_switch(2);
    p.allocate_vf(mac(1));
    // Command register: bus master (a VF's Memory Space Enable is read-only zero: VF MSE lives in
    // the PF's SR-IOV capability).
    let mut b = xfer_buf(0, 4, 2, 20, 22);
    b[20..22].copy_from_slice(&0x0006u16.to_le_bytes());
    let r = p.oid(RequestType::Set, OID_SRIOV_WRITE_VF_CONFIG_SPACE, &mut b);
    assert_eq!((r.status, r.read), (NDIS_STATUS_SUCCESS, 22));
    let mut rb = xfer_buf(0, 4, 2, 20, 22);
    assert_eq!(
        p.method(OID_SRIOV_READ_VF_CONFIG_SPACE, &mut rb),
        NDIS_STATUS_SUCCESS
    );
    assert_eq!(u16::from_le_bytes([rb[20], rb[21]]) & 0x0006, 0x0004);
}

#[test]
fn guest_writes_to_bars_sriov_and_read_only_registers_are_ignored() {
    let mut p = Pf::new();
    p.create_switch(2);
    p.allocate_vf(mac(1));
    let snapshot = |p: &Pf| {
        let mut s = vec![0u8; 4096];
        p.dev().config_read(svnic_device::Function::Vf(0), 0, &mut s);
        s
    };
    let mut pf_sriov = [0u8; 64];
    p.dev().config_read(
        svnic_device::Function::Pf,
        svnic_device::cfgspace::SRIOV_CAP,
        &mut pf_sriov,
    );
    let before = snapshot(&p);
    // Vendor/device id, BAR0..5, ROM, extended space (ARI/SR-IOV offsets of the PF too).
    for (off, len) in [
        (0u32, 4u32),
        (0x10, 24),
        (0x30, 4),
        (0x100, 64),
        (0x160, 64),
        (0x08, 4),
    ] {
        let mut b = xfer_buf(0, off, len, 20, 20 + len as usize);
        b[20..].fill(0xFF);
        assert_eq!(
            p.set(OID_SRIOV_WRITE_VF_CONFIG_SPACE, &mut b),
            NDIS_STATUS_SUCCESS
        );
    }
    assert_eq!(snapshot(&p), before);
    let mut after = [0u8; 64];
    p.dev().config_read(
        svnic_device::Function::Pf,
        svnic_device::cfgspace::SRIOV_CAP,
        &mut after,
    );
    assert_eq!(after, pf_sriov);
    assert_eq!(p.hw.vfs_enabled(), (2, true));
}

#[test]
fn vendor_device_id_probed_bars_and_bar_resources_match_the_model() {
    let mut p = Pf::new();
    p.create_switch(2);
    p.allocate_vf(mac(1));
    let mut b = vendor_buf(0);
    let r = p.oid(RequestType::Method, OID_SRIOV_VF_VENDOR_DEVICE_ID, &mut b);
    assert_eq!((r.status, r.written), (NDIS_STATUS_SUCCESS, 10));
    assert_eq!((get16(&b, 6), get16(&b, 8)), (0x5356, 0x1001));

    let mut b = vec![0u8; 31];
    let r = p.oid(RequestType::Query, OID_SRIOV_PROBED_BARS, &mut b);
    assert_eq!((r.status, r.needed), (NDIS_STATUS_INVALID_LENGTH, 32));
    let mut b = vec![0u8; 40];
    let r = p.oid(RequestType::Query, OID_SRIOV_PROBED_BARS, &mut b);
    assert_eq!((r.status, r.written), (NDIS_STATUS_SUCCESS, 32));
    assert_eq!(&b[0..4], &[0x80, 1, 8, 0]);
    assert_eq!(get32(&b, 4), 8);
    // VF BAR0 and BAR3 are 16 KiB 32-bit memory BARs; the others are not implemented.
    let bars: Vec<u32> = (0..6).map(|i| get32(&b, 8 + 4 * i)).collect();
    assert_eq!(bars, vec![0xFFFF_C000, 0, 0, 0xFFFF_C000, 0, 0]);

    let mut b = bar_buf(0, 0, 16, 36);
    let r = p.oid(RequestType::Method, OID_SRIOV_BAR_RESOURCES, &mut b);
    assert_eq!((r.status, r.read, r.written), (NDIS_STATUS_SUCCESS, 12, 36));
    assert_eq!((b[16], b[17]), (svnic_abi::pci::CmResourceTypeMemory, 1));
    let start = u64::from_le_bytes(b[20..28].try_into().unwrap());
    assert_eq!(Some(start), p.dev().vf_bar_address(0, 0));
    assert_eq!(get32(&b, 28), 16 * 1024);
    let mut b = bar_buf(0, 0, 16, 35);
    let r = p.oid(RequestType::Method, OID_SRIOV_BAR_RESOURCES, &mut b);
    assert_eq!((r.status, r.needed), (NDIS_STATUS_INVALID_LENGTH, 36));
    let mut b = bar_buf(0, 1, 12, 32);
    assert_eq!(
        p.method(OID_SRIOV_BAR_RESOURCES, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
    let mut b = bar_buf(0, 6, 12, 32);
    assert_eq!(
        p.method(OID_SRIOV_BAR_RESOURCES, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
}

#[test]
fn set_vf_power_state_validates_the_state_and_touches_only_that_vf() {
    let mut p = Pf::new();
    p.create_switch(2);
    p.allocate_vf(mac(1));
    p.allocate_vf(mac(2));
    assert_eq!(
        p.set(OID_SRIOV_SET_VF_POWER_STATE, &mut power_buf(0, 0, 0)),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(
        p.set(OID_SRIOV_SET_VF_POWER_STATE, &mut power_buf(0, 5, 0)),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(
        p.set(OID_SRIOV_SET_VF_POWER_STATE, &mut power_buf(0, 4, 2)),
        NDIS_STATUS_INVALID_PARAMETER
    );
    let r = p.oid(
        RequestType::Set,
        OID_SRIOV_SET_VF_POWER_STATE,
        &mut power_buf(0, 4, 0),
    );
    assert_eq!((r.status, r.read), (NDIS_STATUS_SUCCESS, 13));
    assert_eq!(p.pf.switch().vf(0).unwrap().power_state, 4);
    assert_eq!(p.pf.switch().vf(1).unwrap().power_state, 1);
    assert_eq!((p.hw.vf_power(0), p.hw.vf_power(1)), (Some(4), Some(1)));
}

// ---- item 25 (PF side; the VF side is in sriov_vf.rs) ----------------------------------------

#[test]
fn write_then_read_vf_config_block_returns_the_same_bytes() {
    let mut p = Pf::new();
    p.create_switch(2);
    p.allocate_vf(mac(1));
    let data: Vec<u8> = (0..100u8).collect();
    let mut w = xfer_buf(0, BLOCK_VF_DRIVER_INFO, 100, 24, 124);
    w[24..].copy_from_slice(&data);
    let r = p.oid(RequestType::Set, OID_SRIOV_WRITE_VF_CONFIG_BLOCK, &mut w);
    assert_eq!((r.status, r.read), (NDIS_STATUS_SUCCESS, 124));
    let mut rb = xfer_buf(0, BLOCK_VF_DRIVER_INFO, 128, 20, 148);
    let r = p.oid(RequestType::Method, OID_SRIOV_READ_VF_CONFIG_BLOCK, &mut rb);
    assert_eq!((r.status, r.written), (NDIS_STATUS_SUCCESS, 148));
    assert_eq!(&rb[20..120], &data[..]);
    assert_eq!(&rb[120..148], &[0u8; 28], "the rest of the block is zero");
}

#[test]
fn config_block_unknown_id_oversize_and_pf_owned_writes_are_rejected() {
    let mut p = Pf::new();
    p.create_switch(2);
    p.allocate_vf(mac(1));
    assert_eq!(
        p.method(OID_SRIOV_READ_VF_CONFIG_BLOCK, &mut xfer_buf(0, 4, 4, 20, 24)),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(
        p.method(
            OID_SRIOV_READ_VF_CONFIG_BLOCK,
            &mut xfer_buf(0, 0x8000_0000, 4, 20, 24)
        ),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(
        p.method(
            OID_SRIOV_READ_VF_CONFIG_BLOCK,
            &mut xfer_buf(0, BLOCK_VF_INFO, 65, 20, 85)
        ),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(
        p.set(
            OID_SRIOV_WRITE_VF_CONFIG_BLOCK,
            &mut xfer_buf(0, BLOCK_VF_DRIVER_INFO, 129, 20, 149)
        ),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(
        p.set(
            OID_SRIOV_WRITE_VF_CONFIG_BLOCK,
            &mut xfer_buf(0, BLOCK_VF_INFO, 4, 20, 24)
        ),
        NDIS_STATUS_INVALID_PARAMETER
    );
    let r = p.oid(
        RequestType::Set,
        OID_SRIOV_WRITE_VF_CONFIG_BLOCK,
        &mut xfer_buf(0, BLOCK_VF_DRIVER_INFO, 8, 20, 27),
    );
    assert_eq!((r.status, r.needed), (NDIS_STATUS_INVALID_LENGTH, 28));
    // VF_INFO still holds what the PF wrote.
    let mut rb = xfer_buf(0, BLOCK_VF_INFO, 64, 20, 84);
    assert_eq!(
        p.method(OID_SRIOV_READ_VF_CONFIG_BLOCK, &mut rb),
        NDIS_STATUS_SUCCESS
    );
    let info = VfInfo::decode(&rb[20..84]).unwrap();
    assert_eq!((info.vf_id, info.current_mac, info.vport_id), (0, mac(1), 0));
}

#[test]
fn vf_info_changes_invalidate_block_zero_at_that_vf_only() {
    let mut p = Pf::new();
    p.create_switch(2);
    p.allocate_vf(mac(1));
    let (_, vf1, _) = p.allocate_vf(mac(2));
    p.os.invalidations.lock().unwrap().clear();
    p.create_vf_vport(3, vf1);
    assert_eq!(*p.os.invalidations.lock().unwrap(), vec![(1, 1)]);
    let mut rb = xfer_buf(1, BLOCK_VF_INFO, 64, 20, 84);
    p.method(OID_SRIOV_READ_VF_CONFIG_BLOCK, &mut rb);
    let info = VfInfo::decode(&rb[20..84]).unwrap();
    assert_eq!(
        (
            info.vf_id,
            info.vport_id,
            info.num_queue_pairs,
            info.interrupt_moderation
        ),
        (1, 3, 1, 1)
    );
}

#[test]
fn reset_vf_clears_what_the_vf_wrote_and_nothing_of_other_vfs() {
    let mut p = Pf::new();
    p.create_switch(2);
    p.allocate_vf(mac(1));
    p.allocate_vf(mac(2));
    for vf in 0..2u16 {
        let mut w = xfer_buf(vf, BLOCK_VF_DRIVER_INFO, 4, 20, 24);
        w[20..24].copy_from_slice(&[1, 2, 3, 4]);
        assert_eq!(
            p.set(OID_SRIOV_WRITE_VF_CONFIG_BLOCK, &mut w),
            NDIS_STATUS_SUCCESS
        );
    }
    let r = p.oid(RequestType::Set, OID_SRIOV_RESET_VF, &mut reset_vf_buf(0));
    assert_eq!((r.status, r.read), (NDIS_STATUS_SUCCESS, 6));
    let mut out = [0u8; 4];
    p.pf.read_vf_block(0, BLOCK_VF_DRIVER_INFO, &mut out).unwrap();
    assert_eq!(out, [0; 4]);
    p.pf.read_vf_block(1, BLOCK_VF_DRIVER_INFO, &mut out).unwrap();
    assert_eq!(out, [1, 2, 3, 4]);
    let mut info = [0u8; 64];
    p.pf.read_vf_block(0, BLOCK_VF_INFO, &mut info).unwrap();
    assert_eq!(VfInfo::decode(&info).unwrap().current_mac, mac(1));
}

// ---- G1-G5 validation -------------------------------------------------------------------------

/// (request type, oid, a valid buffer) for each PF OID whose input is a header-bearing structure.
fn header_cases() -> Vec<(RequestType, u32, Vec<u8>)> {
    vec![
        (
            RequestType::Method,
            OID_NIC_SWITCH_CREATE_SWITCH,
            create_switch_buf(2, 1),
        ),
        (
            RequestType::Set,
            OID_NIC_SWITCH_DELETE_SWITCH,
            delete_switch_buf(0),
        ),
        (
            RequestType::Set,
            OID_NIC_SWITCH_PARAMETERS,
            create_switch_buf(2, 1),
        ),
        (
            RequestType::Method,
            OID_NIC_SWITCH_CREATE_VPORT,
            vport_buf(5, NDIS_PF_FUNCTION_ID, 1, 2, 1, 0),
        ),
        (RequestType::Set, OID_NIC_SWITCH_DELETE_VPORT, delete_vport_buf(1)),
        (
            RequestType::Set,
            OID_NIC_SWITCH_VPORT_PARAMETERS,
            vport_set_buf(1, 0x0008_0000, 1, 1),
        ),
        (
            RequestType::Method,
            OID_NIC_SWITCH_ALLOCATE_VF,
            allocate_vf_buf(mac(5)),
        ),
        (RequestType::Set, OID_NIC_SWITCH_FREE_VF, free_vf_buf(0)),
        (
            RequestType::Method,
            OID_SRIOV_READ_VF_CONFIG_SPACE,
            xfer_buf(0, 0, 4, 20, 24),
        ),
        (
            RequestType::Set,
            OID_SRIOV_WRITE_VF_CONFIG_SPACE,
            xfer_buf(0, 4, 2, 20, 22),
        ),
        (
            RequestType::Method,
            OID_SRIOV_READ_VF_CONFIG_BLOCK,
            xfer_buf(0, 0, 4, 20, 24),
        ),
        (
            RequestType::Set,
            OID_SRIOV_WRITE_VF_CONFIG_BLOCK,
            xfer_buf(0, 2, 4, 20, 24),
        ),
        (RequestType::Set, OID_SRIOV_RESET_VF, reset_vf_buf(0)),
        (RequestType::Set, OID_SRIOV_SET_VF_POWER_STATE, power_buf(0, 1, 0)),
        (RequestType::Method, OID_SRIOV_VF_VENDOR_DEVICE_ID, vendor_buf(0)),
        (
            RequestType::Method,
            OID_SRIOV_BAR_RESOURCES,
            bar_buf(0, 0, 12, 32),
        ),
        (
            RequestType::Set,
            OID_RECEIVE_FILTER_MOVE_FILTER,
            move_filter_buf(7, 0, 1),
        ),
        (
            RequestType::Method,
            OID_RECEIVE_FILTER_SET_FILTER,
            set_filter_buf(9, 0, mac(9), None),
        ),
        (
            RequestType::Set,
            OID_RECEIVE_FILTER_CLEAR_FILTER,
            clear_filter_buf(7),
        ),
    ]
}

/// A switch with VF 0 on vPort 1 and filter 7 on the default vPort.
fn populated() -> Pf {
    let mut p = Pf::new();
    p.create_switch(2);
    p.allocate_vf(mac(1));
    p.create_vf_vport(1, 0);
    p.set_filter(7, 0, mac(1), None);
    p
}

fn state(p: &Pf) -> String {
    format!(
        "{:?} {:?} {:?} {:?}",
        p.pf.switch().info(),
        p.pf.switch().vports().collect::<Vec<_>>(),
        p.pf.switch().vfs().collect::<Vec<_>>(),
        p.pf.switch().filters()
    )
}

#[test]
fn wrong_header_type_revision_or_size_is_invalid_parameter_and_changes_nothing() {
    for (rt, oid, good) in header_cases() {
        for (i, bad) in [(0usize, 0x81u8), (1, 0), (1, 9), (2, 1)].iter().enumerate() {
            let mut p = populated();
            let before = state(&p);
            let mut b = good.clone();
            if bad.0 == 2 {
                // Size one below the revision's NDIS_SIZEOF.
                let size = u16::from_le_bytes([b[2], b[3]]) - 1;
                b[2..4].copy_from_slice(&size.to_le_bytes());
            } else {
                b[bad.0] = bad.1;
            }
            let r = p.oid(rt, oid, &mut b);
            assert_eq!(r.status, NDIS_STATUS_INVALID_PARAMETER, "oid {oid:#x} case {i}");
            assert_eq!((r.read, r.written), (0, 0), "oid {oid:#x} case {i}");
            assert_eq!(state(&p), before, "oid {oid:#x} case {i}");
        }
    }
}

#[test]
fn oid_rows_carry_the_documented_request_types_and_minimum_sizes() {
    let rows: Vec<(RequestType, u32, u32)> = oid_rows()
        .iter()
        .map(|r| (r.request_type, r.oid, r.min_len))
        .collect();
    use RequestType::*;
    assert_eq!(
        rows,
        vec![
            (Method, OID_NIC_SWITCH_CREATE_SWITCH, 548),
            (Set, OID_NIC_SWITCH_DELETE_SWITCH, 12),
            (Set, OID_NIC_SWITCH_PARAMETERS, 548),
            (Method, OID_NIC_SWITCH_CREATE_VPORT, 572),
            (Set, OID_NIC_SWITCH_DELETE_VPORT, 12),
            (Set, OID_NIC_SWITCH_VPORT_PARAMETERS, 572),
            (Method, OID_NIC_SWITCH_ALLOCATE_VF, 1632),
            (Set, OID_NIC_SWITCH_FREE_VF, 10),
            (Method, OID_SRIOV_READ_VF_CONFIG_SPACE, 20),
            (Set, OID_SRIOV_WRITE_VF_CONFIG_SPACE, 20),
            (Method, OID_SRIOV_READ_VF_CONFIG_BLOCK, 20),
            (Set, OID_SRIOV_WRITE_VF_CONFIG_BLOCK, 20),
            (Set, OID_SRIOV_RESET_VF, 6),
            (Set, OID_SRIOV_SET_VF_POWER_STATE, 13),
            (Method, OID_SRIOV_VF_VENDOR_DEVICE_ID, 10),
            (Query, OID_SRIOV_PROBED_BARS, 32),
            (Method, OID_SRIOV_BAR_RESOURCES, 12),
            (Set, OID_RECEIVE_FILTER_MOVE_FILTER, 24),
        ]
    );
    assert_eq!(
        svnic_miniport::vf::oid_rows()
            .iter()
            .map(|r| (r.request_type, r.oid, r.min_len))
            .collect::<Vec<_>>(),
        vec![(Method, OID_SRIOV_VF_INVALIDATE_CONFIG_BLOCK, 16)]
    );
}

#[test]
fn the_wrong_request_type_for_a_pf_oid_is_not_supported() {
    let mut p = populated();
    let mut b = create_switch_buf(2, 1);
    assert_eq!(
        p.oid(RequestType::Set, OID_NIC_SWITCH_CREATE_SWITCH, &mut b)
            .status,
        NDIS_STATUS_NOT_SUPPORTED
    );
    let mut b = allocate_vf_buf(mac(3));
    assert_eq!(
        p.oid(RequestType::Set, OID_NIC_SWITCH_ALLOCATE_VF, &mut b).status,
        NDIS_STATUS_NOT_SUPPORTED
    );
    let mut b = bar_buf(0, 0, 12, 32);
    assert_eq!(
        p.oid(RequestType::Set, OID_SRIOV_BAR_RESOURCES, &mut b).status,
        NDIS_STATUS_NOT_SUPPORTED
    );
}

#[test]
fn switch_parameters_set_renames_only_with_the_name_changed_flag() {
    let mut p = populated();
    let mut b = create_switch_buf(2, 1);
    put_name(&mut b, switch_params::SWITCH_FRIENDLY_NAME, "Renamed");
    assert_eq!(p.set(OID_NIC_SWITCH_PARAMETERS, &mut b), NDIS_STATUS_SUCCESS);
    assert_eq!(
        format!("{:?}", p.pf.switch().config().unwrap().name),
        "\"Default Switch\""
    );
    put32(&mut b, switch_params::FLAGS, switch_params::SWITCH_NAME_CHANGED);
    let r = p.oid(RequestType::Set, OID_NIC_SWITCH_PARAMETERS, &mut b);
    assert_eq!((r.status, r.read), (NDIS_STATUS_SUCCESS, 548));
    assert_eq!(
        format!("{:?}", p.pf.switch().config().unwrap().name),
        "\"Renamed\""
    );
    put32(&mut b, switch_params::FLAGS, 0x0002_0000);
    assert_eq!(
        p.set(OID_NIC_SWITCH_PARAMETERS, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
}

#[test]
fn set_filter_on_vports_validates_ids_fields_and_limits() {
    let mut p = populated();
    // Duplicate id, id 0, unknown vPort.
    assert_eq!(p.set_filter(7, 0, mac(2), None), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(p.set_filter(0, 0, mac(2), None), NDIS_STATUS_INVALID_PARAMETER);
    assert_eq!(p.set_filter(8, 9, mac(2), None), NDIS_STATUS_INVALID_PARAMETER);
    // Multicast destination, VLAN 0 / 4095.
    assert_eq!(
        p.set_filter(8, 0, [1, 0, 0x5e, 0, 0, 1], None),
        NDIS_STATUS_INVALID_PARAMETER
    );
    assert_eq!(
        p.set_filter(8, 0, mac(2), Some(4095)),
        NDIS_STATUS_INVALID_PARAMETER
    );
    // MAC-only without UNTAGGED_OR_ZERO.
    let mut b = set_filter_buf(8, 0, mac(2), None);
    put32(&mut b, 44 + filter_params::FIELD_FLAGS, 0);
    assert_eq!(
        p.method(OID_RECEIVE_FILTER_SET_FILTER, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
    // Field array past the input, element size too small, non-zero queue id.
    let mut b = set_filter_buf(8, 0, mac(2), None);
    put32(&mut b, filter_params::FIELD_ARRAY_NUM_ELEMENTS, 2);
    assert_eq!(
        p.method(OID_RECEIVE_FILTER_SET_FILTER, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
    let mut b = set_filter_buf(8, 0, mac(2), None);
    put32(&mut b, filter_params::FIELD_ARRAY_ELEMENT_SIZE, 40);
    assert_eq!(
        p.method(OID_RECEIVE_FILTER_SET_FILTER, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
    let mut b = set_filter_buf(8, 0, mac(2), None);
    put32(&mut b, filter_params::QUEUE_ID, 1);
    assert_eq!(
        p.method(OID_RECEIVE_FILTER_SET_FILTER, &mut b),
        NDIS_STATUS_INVALID_PARAMETER
    );
    // Source-address test: not supported.
    let mut b = set_filter_buf(8, 0, mac(2), None);
    put32(&mut b, 44 + filter_params::FIELD_HEADER_FIELD, 2);
    assert_eq!(
        p.method(OID_RECEIVE_FILTER_SET_FILTER, &mut b),
        NDIS_STATUS_NOT_SUPPORTED
    );
    assert_eq!(p.pf.switch().filters().len(), 1);
    // A good MAC+VLAN filter on the VF vPort: BytesRead covers the array.
    let mut b = set_filter_buf(8, 1, mac(1), Some(10));
    let r = p.oid(RequestType::Method, OID_RECEIVE_FILTER_SET_FILTER, &mut b);
    assert_eq!((r.status, r.read), (NDIS_STATUS_SUCCESS, 44 + 112));
    // Per-vPort limit (8 filters).
    for i in 0..7u32 {
        assert_eq!(
            p.set_filter(20 + i, 1, mac(30 + i as u8), None),
            NDIS_STATUS_SUCCESS
        );
    }
    assert_eq!(p.set_filter(40, 1, mac(60), None), NDIS_STATUS_RESOURCES);
    // CLEAR of an unknown filter, then of a known one.
    assert_eq!(p.clear_filter(99), NDIS_STATUS_INVALID_PARAMETER);
    let r = p.oid(
        RequestType::Set,
        OID_RECEIVE_FILTER_CLEAR_FILTER,
        &mut clear_filter_buf(8),
    );
    assert_eq!((r.status, r.read), (NDIS_STATUS_SUCCESS, 16));
    assert!(p.pf.switch().filter(8).is_none());
    assert!(p.hw.model_filter(8).is_none());
}
