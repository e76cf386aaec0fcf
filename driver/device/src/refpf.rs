//! A reference PF agent for the mailbox protocol (message layout of Linux `ixgbe_mbx.h`), used by
//! tests and available to the SR-IOV engine as an executable statement of the rules:
//!
//! * a word 0 that already carries ACK or NACK is ignored (it is a reply, not a request);
//! * `VF_RESET` must come first: it resets the VF's pool, installs its MAC filter, enables its
//!   pool, sets clear-to-send, and replies `VF_RESET | ACK | CTS` with the MAC in words 1-2 and
//!   the multicast filter type in word 3; without a MAC it replies NACK;
//! * any other request before that is NACKed;
//! * `SET_MAC_ADDR` is refused (NACK) when the administrator set a different MAC;
//! * `API_NEGOTIATE` accepts API 1.0, 1.1 and 1.2;
//! * every reply is zero-filled past its last word (no stale mailbox words).

use alloc::vec;
use alloc::vec::Vec;

use crate::device::{Device, VfEvents};
use crate::filters::PoolConfig;
use crate::types::{DeviceError, FilterId, MacAddr, VlanMatch};

/// Message type: VF reset.
pub const VF_RESET: u32 = 0x01;
/// Message type: set MAC address.
pub const SET_MAC_ADDR: u32 = 0x02;
/// Message type: negotiate mailbox API version.
pub const API_NEGOTIATE: u32 = 0x08;
/// Clear to send (PF accepted VF_RESET).
pub const CTS: u32 = 0x2000_0000;
/// Negative acknowledgement.
pub const NACK: u32 = 0x4000_0000;
/// Acknowledgement.
pub const ACK: u32 = 0x8000_0000;
/// Multicast filter type reported in the reset reply.
pub const MC_FILTER_TYPE: u32 = 0;
/// API 1.0.
pub const API_10: u32 = 0;
/// API 1.1.
pub const API_11: u32 = 2;
/// API 1.2.
pub const API_12: u32 = 3;

/// Pack a MAC into words 1-2 (little-endian byte order, as ixgbe does with memcpy).
pub fn mac_to_words(mac: &MacAddr) -> [u32; 2] {
    [
        u32::from_le_bytes([mac[0], mac[1], mac[2], mac[3]]),
        u32::from_le_bytes([mac[4], mac[5], 0, 0]),
    ]
}

/// Unpack words 1-2 into a MAC.
pub fn words_to_mac(w1: u32, w2: u32) -> MacAddr {
    let a = w1.to_le_bytes();
    let b = w2.to_le_bytes();
    [a[0], a[1], a[2], a[3], b[0], b[1]]
}

#[derive(Clone, Copy, Debug, Default)]
struct VfState {
    cts: bool,
    mac: Option<MacAddr>,
    admin: bool,
    filter: Option<FilterId>,
    api: u32,
}

/// The reference PF.
#[derive(Debug)]
pub struct RefPf {
    vfs: Vec<VfState>,
}

impl RefPf {
    /// One state per VF of `dev`.
    pub fn new(dev: &Device) -> Self {
        RefPf {
            vfs: vec![VfState::default(); usize::from(dev.config().total_vfs)],
        }
    }

    /// Assign a MAC to a VF; `admin` = set by the administrator (the VF may not change it).
    pub fn set_vf_mac(&mut self, vf: u16, mac: MacAddr, admin: bool) {
        if let Some(s) = self.vfs.get_mut(usize::from(vf)) {
            s.mac = Some(mac);
            s.admin = admin;
        }
    }

    /// Negotiated API of a VF.
    pub fn api(&self, vf: u16) -> Option<u32> {
        self.vfs.get(usize::from(vf)).map(|s| s.api)
    }

    /// Handle pending events of `vf`: on a request, read it and reply. Returns the reply sent.
    pub fn service(&mut self, dev: &Device, vf: u16) -> Result<Option<Vec<u32>>, DeviceError> {
        let ev = dev.pf_take_vf_events(vf);
        if ev.has(VfEvents::FLR) {
            if let Some(s) = self.vfs.get_mut(usize::from(vf)) {
                s.cts = false;
            }
        }
        if !ev.has(VfEvents::MBX_REQ) {
            return Ok(None);
        }
        let msg = dev.pf_mbx_read_msg(vf)?;
        let w0 = msg.first().copied().unwrap_or(0);
        if w0 & (ACK | NACK) != 0 {
            return Ok(None);
        }
        let ty = w0 & 0xffff;
        let q = dev.layout().vf_queue(vf).ok_or(DeviceError::NoSuchFunction)?;
        let st = self
            .vfs
            .get_mut(usize::from(vf))
            .ok_or(DeviceError::NoSuchFunction)?;
        let reply: Vec<u32> = if ty == VF_RESET {
            st.cts = false;
            if let Some(f) = st.filter.take() {
                let _ = dev.remove_filter(f);
            }
            match st.mac {
                None => vec![VF_RESET | NACK],
                Some(mac) => {
                    st.filter = Some(dev.add_filter(mac, VlanMatch::UntaggedOrZero, q)?);
                    let mf = dev.config().default_max_frame;
                    dev.set_pool_config(
                        q,
                        PoolConfig {
                            rx_enable: true,
                            tx_enable: true,
                            accept_broadcast: true,
                            antispoof_mac: Some(mac),
                            ..PoolConfig::disabled(mf)
                        },
                    )?;
                    st.cts = true;
                    let [w1, w2] = mac_to_words(&mac);
                    vec![VF_RESET | ACK | CTS, w1, w2, MC_FILTER_TYPE]
                }
            }
        } else if !st.cts {
            vec![ty | NACK]
        } else if ty == SET_MAC_ADDR {
            let mac = words_to_mac(msg.get(1).copied().unwrap_or(0), msg.get(2).copied().unwrap_or(0));
            if (st.admin && st.mac != Some(mac)) || crate::types::is_multicast(&mac) {
                vec![ty | NACK | CTS]
            } else {
                if let Some(f) = st.filter.take() {
                    let _ = dev.remove_filter(f);
                }
                st.filter = Some(dev.add_filter(mac, VlanMatch::UntaggedOrZero, q)?);
                st.mac = Some(mac);
                dev.update_pool(q, |p| p.antispoof_mac = Some(mac))?;
                vec![ty | ACK | CTS]
            }
        } else if ty == API_NEGOTIATE {
            let api = msg.get(1).copied().unwrap_or(u32::MAX);
            if [API_10, API_11, API_12].contains(&api) {
                st.api = api;
                vec![ty | ACK | CTS, api]
            } else {
                vec![ty | NACK | CTS]
            }
        } else {
            vec![ty | NACK | CTS]
        };
        dev.pf_mbx_send(vf, &reply)?;
        // Release the buffer so the VF can answer.
        dev.pf_mbx_write(vf, 0)?;
        Ok(Some(reply))
    }
}
