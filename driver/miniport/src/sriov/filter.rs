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

use super::abi::{clear_filter as cf, filter_params as fp};
use super::bytes::{check_header, u16_at, u32_at};
use super::switch::{FilterId, Mac, VPortId, VlanMatch};
use svnic_abi::status::{NdisStatus, NDIS_STATUS_INVALID_PARAMETER, NDIS_STATUS_NOT_SUPPORTED};

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

/// Parse a SET_FILTER input buffer.
pub fn parse_set_filter(b: &[u8]) -> Result<SetFilter, NdisStatus> {
    let (rev, size) = check_header(
        b,
        &[
            (fp::REVISION_1, fp::SIZE_REVISION_1),
            (fp::REVISION_2, fp::SIZE_REVISION_2),
        ],
    )
    .ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
    let rd = |o| u32_at(b, o).ok_or(NDIS_STATUS_INVALID_PARAMETER);
    if rd(fp::FILTER_TYPE)? != fp::FILTER_TYPE_VM_QUEUE {
        return Err(NDIS_STATUS_INVALID_PARAMETER);
    }
    if rd(fp::QUEUE_ID)? != 0 || rd(fp::REQUESTED_FILTER_ID_BIT_COUNT)? != 0 {
        return Err(NDIS_STATUS_INVALID_PARAMETER);
    }
    let id = rd(fp::FILTER_ID)?;
    if id == 0 {
        return Err(NDIS_STATUS_INVALID_PARAMETER);
    }
    let vport = if rev >= fp::REVISION_2 {
        rd(fp::VPORT_ID)?
    } else {
        0
    };
    let off = usize::try_from(rd(fp::FIELD_ARRAY_OFFSET)?).map_err(|_| NDIS_STATUS_INVALID_PARAMETER)?;
    let num =
        usize::try_from(rd(fp::FIELD_ARRAY_NUM_ELEMENTS)?).map_err(|_| NDIS_STATUS_INVALID_PARAMETER)?;
    let esz =
        usize::try_from(rd(fp::FIELD_ARRAY_ELEMENT_SIZE)?).map_err(|_| NDIS_STATUS_INVALID_PARAMETER)?;
    if num == 0 || num > 2 || esz < fp::FIELD_SIZE_REVISION_1 || off < size {
        return Err(NDIS_STATUS_INVALID_PARAMETER);
    }
    let end = esz
        .checked_mul(num)
        .and_then(|l| l.checked_add(off))
        .ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
    if end > b.len() {
        return Err(NDIS_STATUS_INVALID_PARAMETER);
    }
    let mut mac: Option<(Mac, bool)> = None;
    let mut vid: Option<u16> = None;
    for i in 0..num {
        let at = esz
            .checked_mul(i)
            .and_then(|x| x.checked_add(off))
            .ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
        let e = b
            .get(at..at.saturating_add(esz))
            .ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
        check_header(e, &[(fp::FIELD_REVISION_1, fp::FIELD_SIZE_REVISION_1)])
            .ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
        let g = |o| u32_at(e, o).ok_or(NDIS_STATUS_INVALID_PARAMETER);
        if g(fp::FIELD_FRAME_HEADER)? != fp::FRAME_HEADER_MAC {
            return Err(NDIS_STATUS_NOT_SUPPORTED);
        }
        if g(fp::FIELD_TEST)? != fp::TEST_EQUAL {
            return Err(NDIS_STATUS_NOT_SUPPORTED);
        }
        let flags = g(fp::FIELD_FLAGS)?;
        match g(fp::FIELD_HEADER_FIELD)? {
            fp::MAC_FIELD_DESTINATION_ADDRESS if mac.is_none() => {
                let mut m = [0u8; 6];
                m.copy_from_slice(
                    e.get(fp::FIELD_VALUE..fp::FIELD_VALUE.saturating_add(6))
                        .ok_or(NDIS_STATUS_INVALID_PARAMETER)?,
                );
                if m[0] & 1 != 0 {
                    return Err(NDIS_STATUS_INVALID_PARAMETER);
                }
                mac = Some((m, flags & fp::FIELD_FLAG_VLAN_UNTAGGED_OR_ZERO != 0));
            }
            fp::MAC_FIELD_VLAN_ID if vid.is_none() => {
                let v = u16_at(e, fp::FIELD_VALUE).ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
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
    check_header(b, &[(cf::REVISION_1, cf::SIZE_REVISION_1)]).ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
    if u32_at(b, cf::QUEUE_ID) != Some(0) {
        return Err(NDIS_STATUS_INVALID_PARAMETER);
    }
    let id = u32_at(b, cf::FILTER_ID).ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
    if id == 0 {
        return Err(NDIS_STATUS_INVALID_PARAMETER);
    }
    Ok(id)
}
