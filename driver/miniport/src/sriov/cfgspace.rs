//! Which VF config-space bytes a guest may write (OID_SRIOV_WRITE_VF_CONFIG_SPACE comes from the
//! guest's NdisMSetBusData). A VF is untrusted: writes to BARs, the expansion ROM, the SR-IOV and
//! every other extended capability, and read-only registers are dropped byte by byte, as hardware
//! drops writes to read-only bits, and the OID still succeeds.
//!
//! Writable: Command (0x04-0x05), Cache Line Size (0x0C), Latency Timer (0x0D), Interrupt Line
//! (0x3C); inside the standard capability list: MSI-X Message Control (cap+2..+4), Power
//! Management Control/Status (cap+4..+6), PCI Express Device Control (cap+8..+10). Everything
//! else, and the whole extended space (>= 0x100), is read-only to a guest.

use super::hw::SriovHw;
use super::switch::VfId;

/// PCI capability ids the policy knows.
const CAP_PM: u8 = 0x01;
const CAP_PCIE: u8 = 0x10;
const CAP_MSIX: u8 = 0x11;

/// Writable byte ranges [start, end) of VF `vf`'s config space, found by walking its capability
/// list through `hw` (bounded: at most 48 capabilities, pointers below 0x40 end the walk).
pub fn guest_writable_ranges(hw: &dyn SriovHw, vf: VfId) -> ([(u16, u16); 8], usize) {
    let mut out = [(0u16, 0u16); 8];
    let mut n = 0usize;
    let mut push = |r: (u16, u16)| {
        if let Some(slot) = out.get_mut(n) {
            *slot = r;
            n = n.saturating_add(1);
        }
    };
    push((0x04, 0x06));
    push((0x0C, 0x0E));
    push((0x3C, 0x3D));
    let mut b = [0u8; 1];
    let status_has_caps = {
        let mut s = [0u8; 2];
        hw.vf_config_read(vf, 0x06, &mut s) && (u16::from_le_bytes(s) & 0x0010) != 0
    };
    if status_has_caps && hw.vf_config_read(vf, 0x34, &mut b) {
        let mut ptr = b[0] & 0xFC;
        for _ in 0..48 {
            if ptr < 0x40 {
                break;
            }
            let mut hdr = [0u8; 2];
            if !hw.vf_config_read(vf, u16::from(ptr), &mut hdr) {
                break;
            }
            let base = u16::from(ptr);
            let r = match hdr[0] {
                CAP_MSIX => Some((base.saturating_add(2), base.saturating_add(4))),
                CAP_PM => Some((base.saturating_add(4), base.saturating_add(6))),
                CAP_PCIE => Some((base.saturating_add(8), base.saturating_add(10))),
                _ => None,
            };
            if let Some(r) = r {
                push(r);
            }
            ptr = hdr[1] & 0xFC;
        }
    }
    (out, n)
}

/// Apply a guest write of `data` at `offset` to VF `vf`: only the bytes inside writable ranges
/// reach the device; each maximal run is written with one `vf_config_write`. Returns the number
/// of bytes forwarded.
pub fn guest_write(hw: &mut dyn SriovHw, vf: VfId, offset: u16, data: &[u8]) -> usize {
    let (ranges, n) = guest_writable_ranges(hw, vf);
    let ranges = ranges.get(..n).unwrap_or(&[]);
    let allowed = |a: u32| {
        ranges
            .iter()
            .any(|(s, e)| a >= u32::from(*s) && a < u32::from(*e))
    };
    let mut forwarded = 0usize;
    let mut run_start: Option<usize> = None;
    let base = u32::from(offset);
    let len = data.len();
    for i in 0..=len {
        let ok = i < len
            && u32::try_from(i)
                .ok()
                .and_then(|i| base.checked_add(i))
                .is_some_and(allowed);
        match (ok, run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(s)) => {
                let at =
                    u16::try_from(base.saturating_add(u32::try_from(s).unwrap_or(0))).unwrap_or(u16::MAX);
                if let Some(chunk) = data.get(s..i) {
                    if hw.vf_config_write(vf, at, chunk) {
                        forwarded = forwarded.saturating_add(chunk.len());
                    }
                }
                run_start = None;
            }
            _ => {}
        }
    }
    forwarded
}
