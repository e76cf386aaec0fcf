//! Parsing OID_RECEIVE_FILTER_SET_FILTER / CLEAR_FILTER for filters on vPorts (spec 1.2, 2.4):
//! NDIS_RECEIVE_FILTER_PARAMETERS (rev2 carries VPortId) with an array of
//! NDIS_RECEIVE_FILTER_FIELD_PARAMETERS, every offset, count and element size checked (G3).
//!
//! Accepted filters (what vmswitch sets): FilterType VMQueue, QueueId 0, FilterId != 0 (NDIS
//! assigned), RequestedFilterIdBitCount 0, one MAC-header Equal test on DestinationAddress
//! (unicast) and optionally one on VlanId (1..=4094). Without a VLAN test the destination test
//! must carry VLAN_UNTAGGED_OR_ZERO (the 6.30 "fail" choice of spec 1.2). `FieldShortValue` for
//! the VLAN id is read as stored by the host (little-endian), as netvmini does (spec 6 leaves the
//! byte order open until a vmswitch trace settles it).

use svnic_abi::buf::{self, ArrayDesc, Payload};
use svnic_abi::header::NdisObject;
use svnic_abi::status::{NdisStatus, NDIS_STATUS_INVALID_PARAMETER, NDIS_STATUS_NOT_SUPPORTED};
use svnic_abi::vmq::*;

use super::abi::filter_params as fp;
use super::switch::{FilterId, Mac, VPortId, VlanMatch};

/// A parsed SET_FILTER.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SetFilter {
    pub id: FilterId,
    pub vport: VPortId,
    pub mac: Mac,
    pub vlan: VlanMatch,
    /// Bytes of the input the request used (BytesRead).
    pub bytes_read: usize,
}

/// [`buf::read_revision`] with every refusal INVALID_PARAMETER (as for the other PF OIDs).
fn read<T: NdisObject>(b: &[u8]) -> Result<Payload<T>, NdisStatus> {
    buf::read_revision(b).map_err(|_| NDIS_STATUS_INVALID_PARAMETER)
}

/// Parse a SET_FILTER input buffer.
pub fn parse_set_filter(b: &[u8]) -> Result<SetFilter, NdisStatus> {
    let p = read::<NDIS_RECEIVE_FILTER_PARAMETERS>(b)?;
    let v = &p.value;
    if v.filter_type != NdisReceiveFilterTypeVMQueue {
        return Err(NDIS_STATUS_INVALID_PARAMETER);
    }
    if v.queue_id != 0 || v.requested_filter_id_bit_count != 0 {
        return Err(NDIS_STATUS_INVALID_PARAMETER);
    }
    let id = v.filter_id;
    if id == 0 {
        return Err(NDIS_STATUS_INVALID_PARAMETER);
    }
    // VPortId is a revision-2 field: zero (the default vPort) in a revision-1 buffer.
    let vport = v.vport_id;
    let desc = ArrayDesc {
        first_element_offset: v.field_parameters_array_offset,
        num_elements: v.field_parameters_array_num_elements,
        element_size: v.field_parameters_array_element_size,
    };
    let off = usize::try_from(desc.first_element_offset).map_err(|_| NDIS_STATUS_INVALID_PARAMETER)?;
    let esz = usize::try_from(desc.element_size).map_err(|_| NDIS_STATUS_INVALID_PARAMETER)?;
    if desc.num_elements == 0
        || desc.num_elements > 2
        || esz < usize::from(NDIS_SIZEOF_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1)
        || off < usize::from(p.revision_size)
    {
        return Err(NDIS_STATUS_INVALID_PARAMETER);
    }
    let end = desc.end().map_err(|_| NDIS_STATUS_INVALID_PARAMETER)?;
    if end > b.len() {
        return Err(NDIS_STATUS_INVALID_PARAMETER);
    }
    let mut mac: Option<(Mac, bool)> = None;
    let mut vid: Option<u16> = None;
    for i in 0..desc.num_elements {
        let at = desc.element_offset(i).ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
        let e = b
            .get(at..at.saturating_add(esz))
            .ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
        let f = read::<NDIS_RECEIVE_FILTER_FIELD_PARAMETERS>(e)?;
        // The engine takes revision 1 only (revision 2 has the same size; svnic-abi knows both).
        if f.revision != NDIS_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1 {
            return Err(NDIS_STATUS_INVALID_PARAMETER);
        }
        let f = f.value;
        if f.frame_header != NdisFrameHeaderMac {
            return Err(NDIS_STATUS_NOT_SUPPORTED);
        }
        if f.receive_filter_test != NdisReceiveFilterTestEqual {
            return Err(NDIS_STATUS_NOT_SUPPORTED);
        }
        let value = f.field_value;
        match f.header_field {
            fp::MAC_FIELD_DESTINATION_ADDRESS if mac.is_none() => {
                let m: Mac = value
                    .bytes
                    .get(..6)
                    .and_then(|m| m.try_into().ok())
                    .ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
                if m[0] & 1 != 0 {
                    return Err(NDIS_STATUS_INVALID_PARAMETER);
                }
                let untagged = f.flags & NDIS_RECEIVE_FILTER_FIELD_MAC_HEADER_VLAN_UNTAGGED_OR_ZERO != 0;
                mac = Some((m, untagged));
            }
            fp::MAC_FIELD_VLAN_ID if vid.is_none() => {
                let v = value.short();
                if v == 0 || v > 4094 {
                    return Err(NDIS_STATUS_INVALID_PARAMETER);
                }
                vid = Some(v);
            }
            fp::MAC_FIELD_DESTINATION_ADDRESS | fp::MAC_FIELD_VLAN_ID => {
                return Err(NDIS_STATUS_INVALID_PARAMETER)
            }
            _ => return Err(NDIS_STATUS_NOT_SUPPORTED),
        }
    }
    let (mac, untagged) = mac.ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
    let vlan = match (vid, untagged) {
        (Some(v), false) => VlanMatch::Vid(v),
        (None, true) => VlanMatch::UntaggedOrZero,
        // A VLAN test together with UNTAGGED_OR_ZERO contradicts itself; MAC-only without the
        // flag is the 6.30 case svnic refuses.
        _ => return Err(NDIS_STATUS_INVALID_PARAMETER),
    };
    Ok(SetFilter {
        id,
        vport,
        mac,
        vlan,
        bytes_read: end,
    })
}

/// Parse a CLEAR_FILTER input buffer: the FilterId.
pub fn parse_clear_filter(b: &[u8]) -> Result<FilterId, NdisStatus> {
    let p = read::<NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS>(b)?;
    if p.value.queue_id != 0 || p.value.filter_id == 0 {
        return Err(NDIS_STATUS_INVALID_PARAMETER);
    }
    Ok(p.value.filter_id)
}
