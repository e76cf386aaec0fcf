//! A minimal pcap (libpcap classic, microsecond, Ethernet) writer for `svnicctl capture`.

use std::io::Write;

/// LINKTYPE_ETHERNET.
const LINKTYPE_ETHERNET: u32 = 1;

/// Write `frames` as a pcap stream. Records carry `ts_us` timestamps (the caller supplies
/// them; the sim's captures are ordered, not timed, so svnicctl uses the capture index).
pub fn write(out: &mut impl Write, frames: &[(u64, &[u8])]) -> std::io::Result<()> {
    out.write_all(&0xa1b2_c3d4u32.to_le_bytes())?;
    out.write_all(&2u16.to_le_bytes())?;
    out.write_all(&4u16.to_le_bytes())?;
    out.write_all(&0i32.to_le_bytes())?;
    out.write_all(&0u32.to_le_bytes())?;
    out.write_all(&65535u32.to_le_bytes())?;
    out.write_all(&LINKTYPE_ETHERNET.to_le_bytes())?;
    for (ts, f) in frames {
        let len = u32::try_from(f.len()).unwrap_or(u32::MAX);
        out.write_all(&u32::try_from(ts / 1_000_000).unwrap_or(u32::MAX).to_le_bytes())?;
        out.write_all(&u32::try_from(ts % 1_000_000).unwrap_or(0).to_le_bytes())?;
        out.write_all(&len.to_le_bytes())?;
        out.write_all(&len.to_le_bytes())?;
        out.write_all(f)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn pcap_layout_is_the_classic_little_endian_format() {
        let mut v = Vec::new();
        super::write(&mut v, &[(1_000_002, &[1, 2, 3][..])]).unwrap();
        assert_eq!(v.len(), 24 + 16 + 3);
        assert_eq!(&v[..4], &[0xd4, 0xc3, 0xb2, 0xa1]);
        assert_eq!(&v[20..24], &1u32.to_le_bytes());
        assert_eq!(&v[24..28], &1u32.to_le_bytes());
        assert_eq!(&v[28..32], &2u32.to_le_bytes());
        assert_eq!(&v[32..36], &3u32.to_le_bytes());
        assert_eq!(&v[40..], &[1, 2, 3]);
    }
}
