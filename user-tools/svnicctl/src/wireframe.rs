//! Test frames svnicctl sends into an adapter's wire port (both backends).

/// The source MAC of frames svnicctl injects on the wire: locally administered, unicast.
pub const WIRE_SOURCE: [u8; 6] = [0x02, 0x00, 0x5e, 0x00, 0x00, 0xfe];
/// EtherType of injected frames (IEEE 802 local experimental 1).
pub const ETHERTYPE_TEST: u16 = 0x88b5;

/// An Ethernet frame of `len` bytes (without FCS) to `dst`, optionally 802.1Q-tagged; the
/// payload carries the sequence number so captures can be matched to what was sent.
pub fn frame(dst: [u8; 6], vlan: Option<u16>, len: usize, seq: u32) -> Vec<u8> {
    let mut f = Vec::with_capacity(len.max(60));
    f.extend_from_slice(&dst);
    f.extend_from_slice(&WIRE_SOURCE);
    if let Some(v) = vlan {
        f.extend_from_slice(&0x8100u16.to_be_bytes());
        f.extend_from_slice(&(v & 0x0fff).to_be_bytes());
    }
    f.extend_from_slice(&ETHERTYPE_TEST.to_be_bytes());
    f.extend_from_slice(&seq.to_be_bytes());
    let mut i = 0u8;
    while f.len() < len.max(60) {
        f.push(i);
        i = i.wrapping_add(1);
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injected_frames_have_the_tag_length_and_sequence() {
        let f = frame([0, 0x15, 0x5d, 0, 0, 1], Some(10), 64, 7);
        assert_eq!(f.len(), 64);
        assert_eq!(&f[12..16], &[0x81, 0x00, 0x00, 0x0a]);
        assert_eq!(&f[16..18], &[0x88, 0xb5]);
        assert_eq!(&f[18..22], &7u32.to_be_bytes());
        let g = frame([0xff; 6], None, 10, 0);
        assert_eq!(g.len(), 60, "padded to the Ethernet minimum");
        assert_eq!(&g[12..14], &[0x88, 0xb5]);
    }
}
