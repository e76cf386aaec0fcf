//! A read-only view of an Ethernet II / 802.1Q header (IEEE 802.3 clause 3, 802.1Q clause 9).
//!
//! Parsing never copies the frame: [`EthHeader::parse`] returns the fields the classifier and the
//! switch need. Double tagging (QinQ) is not modeled: only TPID 0x8100 is recognised as a tag.

use crate::types::MacAddr;

/// TPID of an 802.1Q tag.
pub const TPID_8021Q: u16 = 0x8100;
/// Minimum frame the device accepts (destination + source + EtherType).
pub const MIN_HEADER: usize = 14;

/// The parsed header fields of a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EthHeader {
    /// Destination address.
    pub dst: MacAddr,
    /// Source address.
    pub src: MacAddr,
    /// The 802.1Q TCI (PCP, DEI, VID) if the frame carries a tag.
    pub tci: Option<u16>,
}

impl EthHeader {
    /// Parse the first bytes of `frame`; None if it is shorter than an Ethernet header.
    pub fn parse(frame: &[u8]) -> Option<EthHeader> {
        let dst: MacAddr = frame.get(0..6)?.try_into().ok()?;
        let src: MacAddr = frame.get(6..12)?.try_into().ok()?;
        let ty = u16::from_be_bytes(frame.get(12..14)?.try_into().ok()?);
        let tci = if ty == TPID_8021Q {
            // A tagged frame must still have its inner EtherType.
            frame.get(17)?;
            Some(u16::from_be_bytes(frame.get(14..16)?.try_into().ok()?))
        } else {
            None
        };
        Some(EthHeader { dst, src, tci })
    }

    /// The VLAN id (0 if untagged or priority-tagged).
    pub fn vid(&self) -> u16 {
        self.tci.map_or(0, |t| t & 0x0fff)
    }

    /// Frame length without the 802.1Q tag.
    pub fn untagged_len(&self, frame_len: usize) -> usize {
        if self.tci.is_some() {
            frame_len.saturating_sub(4)
        } else {
            frame_len
        }
    }
}

/// Build a frame into `out` (test and tool helper): dst, src, optional tag, EtherType, payload.
/// Returns the frame length, or None if `out` is too small.
pub fn build_frame(
    out: &mut [u8],
    dst: MacAddr,
    src: MacAddr,
    tci: Option<u16>,
    ethertype: u16,
    payload: &[u8],
) -> Option<usize> {
    let hdr = if tci.is_some() { 18 } else { 14 };
    let total = payload.len().checked_add(hdr)?;
    let buf = out.get_mut(..total)?;
    buf.get_mut(0..6)?.copy_from_slice(&dst);
    buf.get_mut(6..12)?.copy_from_slice(&src);
    let mut at: usize = 12;
    if let Some(t) = tci {
        buf.get_mut(12..14)?.copy_from_slice(&TPID_8021Q.to_be_bytes());
        buf.get_mut(14..16)?.copy_from_slice(&t.to_be_bytes());
        at = 16;
    }
    buf.get_mut(at..at.checked_add(2)?)?
        .copy_from_slice(&ethertype.to_be_bytes());
    buf.get_mut(hdr..)?.copy_from_slice(payload);
    Some(total)
}
