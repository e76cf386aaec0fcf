//! The OID buffers the IOV switch issues (NDIS_* parameter structures, little-endian).

use svnic_miniport::sriov::abi::*;
use svnic_miniport::sriov::switch::VlanMatch;

// ---- OID buffers the switch issues ----------------------------------------------------------

pub(super) fn header(b: &mut [u8], rev: u8, size: usize) {
    b[0] = NDIS_OBJECT_TYPE_DEFAULT;
    b[1] = rev;
    b[2..4].copy_from_slice(&(size as u16).to_le_bytes());
}

pub(super) fn put32(b: &mut [u8], off: usize, v: u32) {
    b[off..off + 4].copy_from_slice(&v.to_le_bytes());
}

pub(super) fn get32(b: &[u8], off: usize) -> u32 {
    u32::from_le_bytes([b[off], b[off + 1], b[off + 2], b[off + 3]])
}

pub(super) fn put_name(b: &mut [u8], off: usize, s: &str) {
    let u: Vec<u16> = s.encode_utf16().take(256).collect();
    b[off..off + 2].copy_from_slice(&((u.len() * 2) as u16).to_le_bytes());
    for (i, c) in u.iter().enumerate() {
        b[off + 2 + 2 * i..off + 4 + 2 * i].copy_from_slice(&c.to_le_bytes());
    }
}

/// NDIS_NIC_SWITCH_PARAMETERS rev1 from NicSwitches\0.
pub fn switch_params_buf(num_vfs: u32) -> Vec<u8> {
    let mut b = vec![0u8; switch_params::SIZE_REVISION_1];
    header(&mut b, 1, switch_params::SIZE_REVISION_1);
    put32(&mut b, switch_params::SWITCH_TYPE, NDIS_NIC_SWITCH_TYPE_EXTERNAL);
    put_name(&mut b, switch_params::SWITCH_FRIENDLY_NAME, "Default Switch");
    put32(&mut b, switch_params::NUM_VFS, num_vfs);
    b
}

pub fn delete_switch_buf() -> Vec<u8> {
    let mut b = vec![0u8; delete_switch::SIZE_REVISION_1];
    header(&mut b, 1, delete_switch::SIZE_REVISION_1);
    b
}

/// NDIS_RECEIVE_FILTER_PARAMETERS rev2 with one MAC field (+ a VLAN field, or UNTAGGED_OR_ZERO).
pub fn set_filter_buf(id: u32, vport: u32, mac: [u8; 6], vlan: Option<u16>) -> Vec<u8> {
    let n = if vlan.is_some() { 2 } else { 1 };
    let off = filter_params::SIZE_REVISION_2;
    let esz = filter_params::FIELD_SIZE_REVISION_1;
    let mut b = vec![0u8; off + n * esz];
    header(&mut b, 2, filter_params::SIZE_REVISION_2);
    put32(
        &mut b,
        filter_params::FILTER_TYPE,
        filter_params::FILTER_TYPE_VM_QUEUE,
    );
    put32(&mut b, filter_params::FILTER_ID, id);
    put32(&mut b, filter_params::FIELD_ARRAY_OFFSET, off as u32);
    put32(&mut b, filter_params::FIELD_ARRAY_NUM_ELEMENTS, n as u32);
    put32(&mut b, filter_params::FIELD_ARRAY_ELEMENT_SIZE, esz as u32);
    put32(&mut b, filter_params::VPORT_ID, vport);
    let e = &mut b[off..off + esz];
    header(e, 1, esz);
    put32(
        e,
        filter_params::FIELD_FRAME_HEADER,
        filter_params::FRAME_HEADER_MAC,
    );
    put32(e, filter_params::FIELD_TEST, filter_params::TEST_EQUAL);
    put32(
        e,
        filter_params::FIELD_HEADER_FIELD,
        filter_params::MAC_FIELD_DESTINATION_ADDRESS,
    );
    e[filter_params::FIELD_VALUE..filter_params::FIELD_VALUE + 6].copy_from_slice(&mac);
    match vlan {
        None => put32(
            e,
            filter_params::FIELD_FLAGS,
            filter_params::FIELD_FLAG_VLAN_UNTAGGED_OR_ZERO,
        ),
        Some(v) => {
            let e = &mut b[off + esz..off + 2 * esz];
            header(e, 1, esz);
            put32(
                e,
                filter_params::FIELD_FRAME_HEADER,
                filter_params::FRAME_HEADER_MAC,
            );
            put32(e, filter_params::FIELD_TEST, filter_params::TEST_EQUAL);
            put32(
                e,
                filter_params::FIELD_HEADER_FIELD,
                filter_params::MAC_FIELD_VLAN_ID,
            );
            e[filter_params::FIELD_VALUE..filter_params::FIELD_VALUE + 2].copy_from_slice(&v.to_le_bytes());
        }
    }
    b
}

pub fn clear_filter_buf(id: u32) -> Vec<u8> {
    let mut b = vec![0u8; clear_filter::SIZE_REVISION_1];
    header(&mut b, 1, clear_filter::SIZE_REVISION_1);
    put32(&mut b, clear_filter::FILTER_ID, id);
    b
}

pub fn allocate_vf_buf(mac: [u8; 6], vm: &str) -> Vec<u8> {
    let mut b = vec![0u8; vf_params::SIZE_REVISION_1];
    header(&mut b, 1, vf_params::SIZE_REVISION_1);
    put_name(&mut b, vf_params::VM_NAME, vm);
    put_name(&mut b, vf_params::VM_FRIENDLY_NAME, vm);
    put_name(&mut b, vf_params::NIC_NAME, "Network Adapter");
    b[vf_params::MAC_ADDRESS_LENGTH..vf_params::MAC_ADDRESS_LENGTH + 2].copy_from_slice(&6u16.to_le_bytes());
    b[vf_params::PERMANENT_MAC_ADDRESS..vf_params::PERMANENT_MAC_ADDRESS + 6].copy_from_slice(&mac);
    b[vf_params::CURRENT_MAC_ADDRESS..vf_params::CURRENT_MAC_ADDRESS + 6].copy_from_slice(&mac);
    b[vf_params::VF_ID..vf_params::VF_ID + 2].copy_from_slice(&NDIS_INVALID_VF_FUNCTION_ID.to_le_bytes());
    put32(&mut b, vf_params::REQUESTOR_ID, NDIS_INVALID_RID);
    b
}

pub fn free_vf_buf(vf: u16) -> Vec<u8> {
    let mut b = vec![0u8; free_vf::SIZE_REVISION_1];
    header(&mut b, 1, free_vf::SIZE_REVISION_1);
    b[free_vf::VF_ID..free_vf::VF_ID + 2].copy_from_slice(&vf.to_le_bytes());
    b
}

/// CREATE_VPORT for a VF: Activated, one queue pair, adaptive moderation.
pub fn vf_vport_buf(vport: u32, vf: u16) -> Vec<u8> {
    let mut b = vec![0u8; vport_params::SIZE_REVISION_1];
    header(&mut b, 1, vport_params::SIZE_REVISION_1);
    put32(&mut b, vport_params::VPORT_ID, vport);
    put_name(&mut b, vport_params::VPORT_NAME, "VF vPort");
    b[vport_params::ATTACHED_FUNCTION_ID..vport_params::ATTACHED_FUNCTION_ID + 2]
        .copy_from_slice(&vf.to_le_bytes());
    put32(&mut b, vport_params::NUM_QUEUE_PAIRS, 1);
    put32(&mut b, vport_params::INTERRUPT_MODERATION, 1);
    put32(&mut b, vport_params::VPORT_STATE, vport_params::STATE_ACTIVATED);
    b
}

/// NDIS_NIC_SWITCH_VPORT_PARAMETERS rev1 for a PF non-default vPort (CREATE_VPORT, spec 2.4):
/// AttachedFunctionId = the PF, one queue pair, adaptive moderation, affinity = `processor` in
/// group 0 (exactly one processor), VPortState `state`, Flags `flags` (the *_CHANGED bits when the
/// buffer is a VPORT_PARAMETERS set).
pub fn pf_vport_buf(vport: u32, processor: u8, state: u32, flags: u32) -> Vec<u8> {
    let mut b = vec![0u8; vport_params::SIZE_REVISION_1];
    header(&mut b, 1, vport_params::SIZE_REVISION_1);
    put32(&mut b, vport_params::FLAGS, flags);
    put32(&mut b, vport_params::VPORT_ID, vport);
    put_name(&mut b, vport_params::VPORT_NAME, "PF vPort");
    b[vport_params::ATTACHED_FUNCTION_ID..vport_params::ATTACHED_FUNCTION_ID + 2]
        .copy_from_slice(&NDIS_PF_FUNCTION_ID.to_le_bytes());
    put32(&mut b, vport_params::NUM_QUEUE_PAIRS, 1);
    put32(&mut b, vport_params::INTERRUPT_MODERATION, 1);
    put32(&mut b, vport_params::VPORT_STATE, state);
    let mask = 1u64.checked_shl(u32::from(processor)).unwrap_or(0);
    b[vport_params::PROCESSOR_AFFINITY..vport_params::PROCESSOR_AFFINITY + 8]
        .copy_from_slice(&mask.to_le_bytes());
    b
}

/// The OID_NIC_SWITCH_VPORT_PARAMETERS set buffer for PF vPort `vport`: `changed` are the
/// NDIS_NIC_SWITCH_VPORT_PARAMS_*_CHANGED bits (STATE_CHANGED to activate,
/// PROCESSOR_AFFINITY_CHANGED to move it), with the vPort's `state` and `processor` carried.
pub fn vport_parameters_buf(vport: u32, changed: u32, state: u32, processor: u8) -> Vec<u8> {
    pf_vport_buf(vport, processor, state, changed)
}

pub fn delete_vport_buf(vport: u32) -> Vec<u8> {
    let mut b = vec![0u8; delete_vport::SIZE_REVISION_1];
    header(&mut b, 1, delete_vport::SIZE_REVISION_1);
    put32(&mut b, delete_vport::VPORT_ID, vport);
    b
}

pub fn reset_vf_buf(vf: u16) -> Vec<u8> {
    let mut b = vec![0u8; reset_vf::SIZE_REVISION_1];
    header(&mut b, 1, reset_vf::SIZE_REVISION_1);
    b[reset_vf::VF_ID..reset_vf::VF_ID + 2].copy_from_slice(&vf.to_le_bytes());
    b
}

pub fn move_filter_buf(id: u32, src: u32, dst: u32) -> Vec<u8> {
    let mut b = vec![0u8; move_filter::SIZE_REVISION_1];
    header(&mut b, 1, move_filter::SIZE_REVISION_1);
    put32(&mut b, move_filter::FILTER_ID, id);
    put32(&mut b, move_filter::SOURCE_VPORT_ID, src);
    put32(&mut b, move_filter::DEST_VPORT_ID, dst);
    b
}

/// The VLAN rule a vNIC's filter carries (for assertions).
pub fn vlan_rule(vlan: Option<u16>) -> VlanMatch {
    match vlan {
        Some(v) => VlanMatch::Vid(v),
        None => VlanMatch::UntaggedOrZero,
    }
}
