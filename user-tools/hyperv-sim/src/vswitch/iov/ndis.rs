//! The NDIS-handled SR-IOV OIDs, answered from the PF engine's state as NDIS answers them from
//! its cache.

use super::bufs::*;
use crate::RequestType;
use svnic_abi::layout::AbiLayout;
use svnic_abi::sriov as a;
use svnic_abi::status::*;
use svnic_miniport::sriov::abi::*;
use svnic_miniport::sriov::caps::{write_sriov_caps, SriovRole};
use svnic_miniport::sriov::switch::{Attach, VPortState, VlanMatch};
use svnic_miniport::sriov::SriovPf;

// ---- NDIS-handled OIDs ---------------------------------------------------------------------

/// What the host knows besides the driver's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NdisIovInfo {
    /// The PF's LUID (valid from initialization to halt, distinct from its NetLuid).
    pub pf_luid: (u32, i32),
    /// Serial number base the virtualization stack gives VFs (VF n gets base + n).
    pub serial_base: u32,
}

/// Answer an NDIS-handled SR-IOV OID from `pf`'s state. `None` when `oid` is not one of them.
/// Returns (status, bytes written, bytes needed) with the answer in `buf`.
pub fn ndis_answer(
    pf: &SriovPf,
    info: &NdisIovInfo,
    rt: RequestType,
    oid: u32,
    buf: &mut [u8],
    vf_for_serial: Option<u16>,
) -> Option<(u32, u32, u32)> {
    let r = match oid {
        OID_SRIOV_HARDWARE_CAPABILITIES | OID_SRIOV_CURRENT_CAPABILITIES => {
            if oid == OID_SRIOV_CURRENT_CAPABILITIES && !pf.enabled() {
                return Some((NDIS_STATUS_NOT_SUPPORTED, 0, 0));
            }
            match write_sriov_caps(buf, SriovRole::Pf) {
                Some(n) => (NDIS_STATUS_SUCCESS, n as u32, 0),
                None => (NDIS_STATUS_INVALID_LENGTH, 0, sriov_caps::SIZE_REVISION_1 as u32),
            }
        }
        OID_NIC_SWITCH_HARDWARE_CAPABILITIES | OID_NIC_SWITCH_CURRENT_CAPABILITIES => {
            if oid == OID_NIC_SWITCH_CURRENT_CAPABILITIES && !pf.enabled() {
                return Some((NDIS_STATUS_NOT_SUPPORTED, 0, 0));
            }
            match pf.caps().write(buf, nic_switch_caps::REVISION_2) {
                Some(n) => (NDIS_STATUS_SUCCESS, n as u32, 0),
                None => (
                    NDIS_STATUS_INVALID_LENGTH,
                    0,
                    nic_switch_caps::SIZE_REVISION_2 as u32,
                ),
            }
        }
        OID_NIC_SWITCH_ENUM_SWITCHES => enum_switches(pf, buf),
        OID_NIC_SWITCH_ENUM_VPORTS => enum_vports(pf, buf, rt),
        OID_NIC_SWITCH_ENUM_VFS => enum_vfs(pf, buf),
        OID_NIC_SWITCH_VF_PARAMETERS => vf_parameters(pf, buf),
        svnic_abi::oid::OID_RECEIVE_FILTER_ENUM_FILTERS => return enum_vport_filters(pf, rt, buf),
        svnic_abi::oid::OID_RECEIVE_FILTER_PARAMETERS => return vport_filter_parameters(pf, rt, buf),
        OID_SRIOV_PF_LUID => {
            let size = usize::from(a::NDIS_SIZEOF_SRIOV_PF_LUID_INFO_REVISION_1);
            if buf.len() < size {
                return Some((NDIS_STATUS_INVALID_LENGTH, 0, size as u32));
            }
            buf[..size].fill(0);
            header(buf, 1, size);
            put32(buf, 4, info.pf_luid.0);
            put32(buf, 8, info.pf_luid.1 as u32);
            (NDIS_STATUS_SUCCESS, size as u32, 0)
        }
        OID_SRIOV_VF_SERIAL_NUMBER => {
            let size = usize::from(a::NDIS_SIZEOF_SRIOV_VF_SERIAL_NUMBER_INFO_REVISION_1);
            let Some(vf) = vf_for_serial else {
                return Some((NDIS_STATUS_NOT_SUPPORTED, 0, 0));
            };
            if buf.len() < size {
                return Some((NDIS_STATUS_INVALID_LENGTH, 0, size as u32));
            }
            buf[..size].fill(0);
            header(buf, 1, size);
            put32(buf, 4, info.serial_base.wrapping_add(u32::from(vf)));
            (NDIS_STATUS_SUCCESS, size as u32, 0)
        }
        _ => return None,
    };
    Some(r)
}

pub(super) fn fo<T: AbiLayout>(name: &str) -> usize {
    T::field(name).map_or(0, |f| f.offset)
}

fn enum_switches(pf: &SriovPf, buf: &mut [u8]) -> (u32, u32, u32) {
    use a::NDIS_NIC_SWITCH_INFO as I;
    let head = usize::from(a::NDIS_SIZEOF_NIC_SWITCH_INFO_ARRAY_REVISION_1);
    let esz = usize::from(a::NDIS_SIZEOF_NIC_SWITCH_INFO_REVISION_1);
    let Some(s) = pf.switch().info() else {
        // No switch: an empty array.
        if buf.len() < head {
            return (NDIS_STATUS_INVALID_LENGTH, 0, head as u32);
        }
        buf[..head].fill(0);
        header(buf, 1, head);
        put32(buf, 4, head as u32);
        put32(buf, 12, esz as u32);
        return (NDIS_STATUS_SUCCESS, head as u32, 0);
    };
    let need = head + esz;
    if buf.len() < need {
        return (NDIS_STATUS_INVALID_LENGTH, 0, need as u32);
    }
    buf[..need].fill(0);
    header(buf, 1, head);
    put32(buf, 4, head as u32);
    put32(buf, 8, 1);
    put32(buf, 12, esz as u32);
    let e = &mut buf[head..need];
    header(e, 1, esz);
    put32(e, fo::<I>("SwitchType"), NDIS_NIC_SWITCH_TYPE_EXTERNAL);
    put32(e, fo::<I>("SwitchId"), s.switch_id);
    let name = fo::<I>("SwitchFriendlyName");
    e[name..name + 2].copy_from_slice(&s.name.len.to_le_bytes());
    e[name + 2..name + 2 + s.name.as_bytes().len()].copy_from_slice(s.name.as_bytes());
    for (f, v) in [
        ("NumVFs", s.num_vfs),
        ("NumAllocatedVFs", s.num_allocated_vfs),
        ("NumVPorts", s.num_vports),
        ("NumActiveVPorts", s.num_active_vports),
        (
            "NumQueuePairsForDefaultVPort",
            s.num_queue_pairs_for_default_vport,
        ),
        (
            "NumQueuePairsForNonDefaultVPorts",
            s.num_queue_pairs_for_nondefault_vports,
        ),
        (
            "NumActiveDefaultVPortMacAddresses",
            s.num_active_default_vport_mac_addresses,
        ),
        (
            "NumActiveNonDefaultVPortMacAddresses",
            s.num_active_nondefault_vport_mac_addresses,
        ),
        (
            "NumActiveDefaultVPortVlanIds",
            s.num_active_default_vport_vlan_ids,
        ),
        (
            "NumActiveNonDefaultVPortVlanIds",
            s.num_active_nondefault_vport_vlan_ids,
        ),
    ] {
        put32(e, fo::<I>(f), v);
    }
    (NDIS_STATUS_SUCCESS, need as u32, 0)
}

fn enum_vports(pf: &SriovPf, buf: &mut [u8], rt: RequestType) -> (u32, u32, u32) {
    use a::NDIS_NIC_SWITCH_VPORT_INFO as I;
    use a::NDIS_NIC_SWITCH_VPORT_INFO_ARRAY as H;
    let head = usize::from(a::NDIS_SIZEOF_NIC_SWITCH_VPORT_INFO_ARRAY_REVISION_1);
    let esz = usize::from(a::NDIS_SIZEOF_NIC_SWITCH_VPORT_INFO_REVISION_1);
    // Method: the caller's flags select a function or the switch; Query: all vPorts.
    let (flags, function) = if rt == RequestType::Method && buf.len() >= head {
        (
            get32(buf, fo::<H>("Flags")),
            u16::from_le_bytes([
                buf[fo::<H>("AttachedFunctionId")],
                buf[fo::<H>("AttachedFunctionId") + 1],
            ]),
        )
    } else {
        (0, 0)
    };
    if flags & !0x3 != 0 || flags == 0x3 {
        return (NDIS_STATUS_INVALID_PARAMETER, 0, 0);
    }
    let selected: Vec<_> = pf
        .switch()
        .vports()
        .filter(|v| {
            flags & a::NDIS_NIC_SWITCH_VPORT_INFO_ARRAY_ENUM_ON_SPECIFIC_FUNCTION == 0
                || match v.attach {
                    Attach::Pf => function == NDIS_PF_FUNCTION_ID,
                    Attach::Vf(n) => function == n,
                }
        })
        .copied()
        .collect();
    let need = head + esz * selected.len();
    if buf.len() < need {
        return (NDIS_STATUS_INVALID_LENGTH, 0, need as u32);
    }
    buf[..need].fill(0);
    header(buf, 1, head);
    put32(buf, fo::<H>("Flags"), flags);
    if flags & a::NDIS_NIC_SWITCH_VPORT_INFO_ARRAY_ENUM_ON_SPECIFIC_FUNCTION != 0 {
        let o = fo::<H>("AttachedFunctionId");
        buf[o..o + 2].copy_from_slice(&function.to_le_bytes());
    }
    put32(buf, fo::<H>("FirstElementOffset"), head as u32);
    put32(buf, fo::<H>("NumElements"), selected.len() as u32);
    put32(buf, fo::<H>("ElementSize"), esz as u32);
    for (i, v) in selected.iter().enumerate() {
        let e = &mut buf[head + i * esz..head + (i + 1) * esz];
        header(e, 1, esz);
        put32(e, fo::<I>("VPortId"), v.id);
        put32(e, fo::<I>("Flags"), v.flags);
        let name = fo::<I>("VPortName");
        e[name..name + 2].copy_from_slice(&v.name.len.to_le_bytes());
        e[name + 2..name + 2 + v.name.as_bytes().len()].copy_from_slice(v.name.as_bytes());
        let fid = match v.attach {
            Attach::Pf => NDIS_PF_FUNCTION_ID,
            Attach::Vf(n) => n,
        };
        let o = fo::<I>("AttachedFunctionId");
        e[o..o + 2].copy_from_slice(&fid.to_le_bytes());
        put32(e, fo::<I>("NumQueuePairs"), v.queue_pairs);
        put32(e, fo::<I>("InterruptModeration"), v.interrupt_moderation);
        put32(
            e,
            fo::<I>("VPortState"),
            match v.state {
                VPortState::Activated => vport_params::STATE_ACTIVATED,
                VPortState::Deactivated => vport_params::STATE_DEACTIVATED,
            },
        );
        let o = fo::<I>("ProcessorAffinity");
        e[o..o + 8].copy_from_slice(&v.affinity.mask.to_le_bytes());
        e[o + 8..o + 10].copy_from_slice(&v.affinity.group.to_le_bytes());
        put32(
            e,
            fo::<I>("NumFilters"),
            pf.switch().filters_on(v.id).count() as u32,
        );
    }
    (NDIS_STATUS_SUCCESS, need as u32, 0)
}

/// OID_RECEIVE_FILTER_ENUM_FILTERS (method) with NDIS_RECEIVE_FILTER_INFO_ARRAY_VPORT_ID_SPECIFIED:
/// the filters of one vPort (QueueId 0). Without the flag, or with no switch, `None` (the VMQ
/// answer applies).
fn enum_vport_filters(pf: &SriovPf, rt: RequestType, buf: &mut [u8]) -> Option<(u32, u32, u32)> {
    use svnic_abi::vmq as v;
    use v::NDIS_RECEIVE_FILTER_INFO_ARRAY as H;
    let head = usize::from(v::NDIS_SIZEOF_RECEIVE_FILTER_INFO_ARRAY_REVISION_2);
    let esz = usize::from(v::NDIS_SIZEOF_RECEIVE_FILTER_INFO_REVISION_1);
    if rt != RequestType::Method || buf.len() < head || !pf.switch_exists() {
        return None;
    }
    if get32(buf, fo::<H>("Flags")) & v::NDIS_RECEIVE_FILTER_INFO_ARRAY_VPORT_ID_SPECIFIED == 0 {
        return None;
    }
    let vport = get32(buf, fo::<H>("VPortId"));
    if get32(buf, fo::<H>("QueueId")) != 0 || pf.switch().vport(vport).is_none() {
        return Some((NDIS_STATUS_INVALID_PARAMETER, 0, 0));
    }
    let ids: Vec<u32> = pf.switch().filters_on(vport).map(|f| f.id).collect();
    let need = head + esz * ids.len();
    if buf.len() < need {
        return Some((NDIS_STATUS_INVALID_LENGTH, 0, need as u32));
    }
    buf[..need].fill(0);
    header(buf, 2, head);
    put32(buf, fo::<H>("FirstElementOffset"), head as u32);
    put32(buf, fo::<H>("NumElements"), ids.len() as u32);
    put32(buf, fo::<H>("ElementSize"), esz as u32);
    put32(
        buf,
        fo::<H>("Flags"),
        v::NDIS_RECEIVE_FILTER_INFO_ARRAY_VPORT_ID_SPECIFIED,
    );
    put32(buf, fo::<H>("VPortId"), vport);
    for (i, id) in ids.iter().enumerate() {
        let e = &mut buf[head + i * esz..head + (i + 1) * esz];
        header(e, 1, esz);
        put32(
            e,
            fo::<v::NDIS_RECEIVE_FILTER_INFO>("FilterType"),
            filter_params::FILTER_TYPE_VM_QUEUE,
        );
        put32(e, fo::<v::NDIS_RECEIVE_FILTER_INFO>("FilterId"), *id);
    }
    Some((NDIS_STATUS_SUCCESS, need as u32, 0))
}

/// OID_RECEIVE_FILTER_PARAMETERS (method) for a filter on a vPort: NDIS answers it from the
/// parameters of the SET_FILTER it passed down (QueueId 0, the filter's VPortId, its MAC and VLAN
/// fields, in the form [`set_filter_buf`] builds). A FilterId the switch does not hold, or no
/// switch, is `None`: the VMQ answer (queue filters) applies.
fn vport_filter_parameters(pf: &SriovPf, rt: RequestType, buf: &mut [u8]) -> Option<(u32, u32, u32)> {
    if rt != RequestType::Method || !pf.switch_exists() || buf.len() < filter_params::FILTER_ID + 4 {
        return None;
    }
    let f = *pf.switch().filter(get32(buf, filter_params::FILTER_ID))?;
    let vlan = match f.vlan {
        VlanMatch::UntaggedOrZero => None,
        VlanMatch::Vid(v) => Some(v),
    };
    let answer = set_filter_buf(f.id, f.vport, f.mac, vlan);
    if buf.len() < answer.len() {
        return Some((NDIS_STATUS_INVALID_LENGTH, 0, answer.len() as u32));
    }
    buf[..answer.len()].copy_from_slice(&answer);
    Some((NDIS_STATUS_SUCCESS, answer.len() as u32, 0))
}

fn write_vf_info(pf: &SriovPf, vf: u16, e: &mut [u8]) -> bool {
    use a::NDIS_NIC_SWITCH_VF_INFO as I;
    let Some(v) = pf.switch().vf(vf) else {
        return false;
    };
    let esz = usize::from(a::NDIS_SIZEOF_NIC_SWITCH_VF_INFO_REVISION_1);
    e[..esz].fill(0);
    header(e, 1, esz);
    for (f, n) in [
        ("VMName", &v.vm_name),
        ("VMFriendlyName", &v.vm_friendly_name),
        ("NicName", &v.nic_name),
    ] {
        let o = fo::<I>(f);
        e[o..o + 2].copy_from_slice(&n.len.to_le_bytes());
        e[o + 2..o + 2 + n.as_bytes().len()].copy_from_slice(n.as_bytes());
    }
    let o = fo::<I>("MacAddressLength");
    e[o..o + 2].copy_from_slice(&6u16.to_le_bytes());
    let o = fo::<I>("PermanentMacAddress");
    e[o..o + 6].copy_from_slice(&v.permanent_mac);
    let o = fo::<I>("CurrentMacAddress");
    e[o..o + 6].copy_from_slice(&v.current_mac);
    let o = fo::<I>("VFId");
    e[o..o + 2].copy_from_slice(&v.id.to_le_bytes());
    put32(e, fo::<I>("RequestorId"), v.rid);
    true
}

fn enum_vfs(pf: &SriovPf, buf: &mut [u8]) -> (u32, u32, u32) {
    use a::NDIS_NIC_SWITCH_VF_INFO_ARRAY as H;
    let head = usize::from(a::NDIS_SIZEOF_NIC_SWITCH_VF_INFO_ARRAY_REVISION_1);
    let esz = usize::from(a::NDIS_SIZEOF_NIC_SWITCH_VF_INFO_REVISION_1);
    let ids: Vec<u16> = pf.switch().vfs().map(|v| v.id).collect();
    let need = head + esz * ids.len();
    if buf.len() < need {
        return (NDIS_STATUS_INVALID_LENGTH, 0, need as u32);
    }
    buf[..need].fill(0);
    header(buf, 1, head);
    put32(buf, fo::<H>("FirstElementOffset"), head as u32);
    put32(buf, fo::<H>("NumElements"), ids.len() as u32);
    put32(buf, fo::<H>("ElementSize"), esz as u32);
    for (i, vf) in ids.iter().enumerate() {
        write_vf_info(pf, *vf, &mut buf[head + i * esz..head + (i + 1) * esz]);
    }
    (NDIS_STATUS_SUCCESS, need as u32, 0)
}

fn vf_parameters(pf: &SriovPf, buf: &mut [u8]) -> (u32, u32, u32) {
    let esz = vf_params::SIZE_REVISION_1;
    if buf.len() < esz {
        return (NDIS_STATUS_INVALID_LENGTH, 0, esz as u32);
    }
    let vf = u16::from_le_bytes([buf[vf_params::VF_ID], buf[vf_params::VF_ID + 1]]);
    if pf.switch().vf(vf).is_none() {
        return (NDIS_STATUS_INVALID_PARAMETER, 0, 0);
    }
    write_vf_info(pf, vf, buf);
    (NDIS_STATUS_SUCCESS, esz as u32, 0)
}
