//! The PF <-> VF mailbox, one per VF: a 16-dword buffer plus ownership and doorbell bits with
//! QEMU igb / 82576 semantics (`igb_set_pfmailbox`, `igb_set_vfmailbox`, Linux `ixgbe_mbx.h`).
//!
//! PF control register (P2VMAILBOX(n)) bits: [`P2V_STS`] (message to VF: sets PFSTS, raises the
//! VF's misc vector), [`P2V_ACK`] (ack to VF: sets PFACK, raises the VF), [`P2V_VFU`] (read-only
//! view), [`P2V_PFU`] (PF takes the buffer, granted only if the VF does not hold it; writing 0
//! releases), [`P2V_RVFU`] (clear a stuck VFU).
//!
//! VF control register (V2PMAILBOX) bits: [`V2P_REQ`] (message to PF: sets the VF's REQ bit in the
//! PF's VF-event register and raises the PF misc vector), [`V2P_ACK`], [`V2P_VFU`] (granted only if
//! the PF does not hold it), [`V2P_PFU`] (read-only), and the read-to-clear status bits
//! [`V2P_PFSTS`], [`V2P_PFACK`], [`V2P_RSTD`], plus [`V2P_RSTI`] (reset in progress: set by a PF
//! reset, cleared when the PF signals reset done, which sets RSTD).
//!
//! The buffer can be written only by the side that owns it; [`crate::Device::pf_mbx_write_msg`] and [`crate::Device::vf_mbx_write_msg`] zero-fill the
//! unused dwords so no stale words leak into a reply.

/// Mailbox size in dwords.
pub const MBX_WORDS: usize = 16;

/// PF register: send message (status) to the VF.
pub const P2V_STS: u32 = 0x01;
/// PF register: acknowledge the VF's message.
pub const P2V_ACK: u32 = 0x02;
/// PF register: VF holds the buffer (read-only).
pub const P2V_VFU: u32 = 0x04;
/// PF register: PF holds the buffer.
pub const P2V_PFU: u32 = 0x08;
/// PF register: release the VF's hold.
pub const P2V_RVFU: u32 = 0x10;

/// VF register: request (message for the PF).
pub const V2P_REQ: u32 = 0x01;
/// VF register: acknowledge the PF's message.
pub const V2P_ACK: u32 = 0x02;
/// VF register: VF holds the buffer.
pub const V2P_VFU: u32 = 0x04;
/// VF register: PF holds the buffer (read-only).
pub const V2P_PFU: u32 = 0x08;
/// VF register: PF wrote a message (read-to-clear).
pub const V2P_PFSTS: u32 = 0x10;
/// VF register: PF acknowledged (read-to-clear).
pub const V2P_PFACK: u32 = 0x20;
/// VF register: reset in progress.
pub const V2P_RSTI: u32 = 0x40;
/// VF register: reset done (read-to-clear).
pub const V2P_RSTD: u32 = 0x80;

/// What a register write asks the device to signal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct MbxSignal {
    /// Raise the VF's misc vector.
    pub to_vf: bool,
    /// PF VF-event bits to set (see [`crate::VfEvents`]).
    pub to_pf: u8,
}

/// One VF's mailbox.
#[derive(Clone, Debug, Default)]
pub(crate) struct Mailbox {
    mem: [u32; MBX_WORDS],
    vfu: bool,
    pfu: bool,
    pfsts: bool,
    pfack: bool,
    rsti: bool,
    rstd: bool,
}

/// Which side accesses the mailbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The PF driver.
    Pf,
    /// The VF driver.
    Vf,
}

impl Mailbox {
    /// Everything cleared (construction, FLR).
    pub fn reset(&mut self) {
        *self = Mailbox::default();
    }

    pub fn pf_read(&self) -> u32 {
        (if self.vfu { P2V_VFU } else { 0 }) | (if self.pfu { P2V_PFU } else { 0 })
    }

    pub fn pf_write(&mut self, v: u32) -> MbxSignal {
        let mut s = MbxSignal::default();
        if v & P2V_RVFU != 0 {
            self.vfu = false;
        }
        self.pfu = v & P2V_PFU != 0 && !self.vfu;
        if v & P2V_STS != 0 {
            self.pfsts = true;
            s.to_vf = true;
        }
        if v & P2V_ACK != 0 {
            self.pfack = true;
            s.to_vf = true;
        }
        s
    }

    /// VF read: returns the register and clears PFSTS, PFACK, RSTD.
    pub fn vf_read(&mut self) -> u32 {
        let mut v = 0;
        let bits = [
            (self.vfu, V2P_VFU),
            (self.pfu, V2P_PFU),
            (self.pfsts, V2P_PFSTS),
            (self.pfack, V2P_PFACK),
            (self.rsti, V2P_RSTI),
            (self.rstd, V2P_RSTD),
        ];
        for (on, bit) in bits {
            if on {
                v |= bit;
            }
        }
        self.pfsts = false;
        self.pfack = false;
        self.rstd = false;
        v
    }

    pub fn vf_write(&mut self, v: u32) -> MbxSignal {
        let mut s = MbxSignal::default();
        self.vfu = v & V2P_VFU != 0 && !self.pfu;
        if v & V2P_REQ != 0 {
            s.to_pf |= crate::device::VfEvents::MBX_REQ;
        }
        if v & V2P_ACK != 0 {
            s.to_pf |= crate::device::VfEvents::MBX_ACK;
        }
        s
    }

    pub fn owns(&self, side: Side) -> bool {
        match side {
            Side::Pf => self.pfu,
            Side::Vf => self.vfu,
        }
    }

    /// Write a message (zero-filling the rest) if `side` owns the buffer.
    pub fn write_msg(&mut self, side: Side, msg: &[u32]) -> Result<(), crate::DeviceError> {
        if !self.owns(side) {
            return Err(crate::DeviceError::MailboxNotOwned);
        }
        if msg.len() > MBX_WORDS {
            return Err(crate::DeviceError::InvalidArgument);
        }
        for (i, w) in self.mem.iter_mut().enumerate() {
            *w = msg.get(i).copied().unwrap_or(0);
        }
        Ok(())
    }

    /// Write one dword if `side` owns the buffer (register-level access).
    pub fn write_word(&mut self, side: Side, index: usize, value: u32) -> bool {
        if !self.owns(side) {
            return false;
        }
        match self.mem.get_mut(index) {
            Some(w) => {
                *w = value;
                true
            }
            None => false,
        }
    }

    pub fn read_msg(&self) -> [u32; MBX_WORDS] {
        self.mem
    }

    /// PF reset: reset in progress for the VF.
    pub fn pf_reset(&mut self) {
        self.rsti = true;
        self.rstd = false;
        self.pfu = false;
    }

    /// PF reset done (CTRL_EXT.PFRSTD): RSTI -> RSTD.
    pub fn pf_reset_done(&mut self) -> bool {
        if self.rsti {
            self.rsti = false;
            self.rstd = true;
            true
        } else {
            false
        }
    }
}
