//! The PF's backchannel store (spec 2.7, `net/sr-iov-pf-vf-backchannel-communication.md`): the
//! IHV-defined configuration blocks a VF reads with NdisMReadConfigBlock and writes with
//! NdisMWriteConfigBlock, which reach the PF as OID_SRIOV_READ/WRITE_VF_CONFIG_BLOCK.
//!
//! svnic's blocks (byte layouts in docs/sriov.md):
//!
//! | id | name            | size | written by | VF may  |
//! |----|-----------------|------|------------|---------|
//! | 0  | VF_INFO         | 64   | PF         | read    |
//! | 1  | LINK_STATE      | 16   | PF         | read    |
//! | 2  | VF_REQUEST      | 32   | VF         | read/write |
//! | 3  | VF_DRIVER_INFO  | 128  | VF         | read/write |
//!
//! A block has a fixed size. A read of `len <= size` returns the first `len` bytes; a write of
//! `len <= size` replaces the block: the first `len` bytes are the data, the rest becomes zero.
//! A transfer longer than the block, an unknown block id, or a VF write to a PF-written block is
//! refused and changes nothing. Each block carries a generation number that increases on every
//! change, so a reader can tell whether two reads saw the same contents.

/// Block ids.
pub const BLOCK_VF_INFO: u32 = 0;
pub const BLOCK_LINK_STATE: u32 = 1;
pub const BLOCK_VF_REQUEST: u32 = 2;
pub const BLOCK_VF_DRIVER_INFO: u32 = 3;
/// Number of blocks (ids 0..NUM_BLOCKS).
pub const NUM_BLOCKS: usize = 4;
/// Largest block.
pub const MAX_BLOCK_SIZE: usize = 128;
/// Format version written in the first dword of every block svnic defines.
pub const FORMAT_VERSION: u32 = 1;

/// Who writes a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writer {
    /// The PF writes it (and invalidates it at the VF); a VF may only read.
    Pf,
    /// The VF writes it; the PF and the VF may read.
    Vf,
}

/// A block definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BlockDef {
    pub id: u32,
    pub size: usize,
    pub writer: Writer,
}

/// The block table.
pub const BLOCKS: [BlockDef; NUM_BLOCKS] = [
    BlockDef {
        id: BLOCK_VF_INFO,
        size: 64,
        writer: Writer::Pf,
    },
    BlockDef {
        id: BLOCK_LINK_STATE,
        size: 16,
        writer: Writer::Pf,
    },
    BlockDef {
        id: BLOCK_VF_REQUEST,
        size: 32,
        writer: Writer::Vf,
    },
    BlockDef {
        id: BLOCK_VF_DRIVER_INFO,
        size: 128,
        writer: Writer::Vf,
    },
];

/// The definition of block `id`.
pub fn block_def(id: u32) -> Option<&'static BlockDef> {
    BLOCKS.iter().find(|b| b.id == id)
}

/// Why a block access was refused (OID status INVALID_PARAMETER in every case).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockError {
    UnknownBlock,
    TooLong,
    ReadOnly,
}

/// One VF's blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VfBlocks {
    data: [[u8; MAX_BLOCK_SIZE]; NUM_BLOCKS],
    generation: [u32; NUM_BLOCKS],
}

impl Default for VfBlocks {
    fn default() -> Self {
        Self {
            data: [[0; MAX_BLOCK_SIZE]; NUM_BLOCKS],
            generation: [0; NUM_BLOCKS],
        }
    }
}

impl VfBlocks {
    fn slot(&self, id: u32) -> Result<(&BlockDef, &[u8; MAX_BLOCK_SIZE]), BlockError> {
        let def = block_def(id).ok_or(BlockError::UnknownBlock)?;
        let idx = usize::try_from(id).map_err(|_| BlockError::UnknownBlock)?;
        let data = self.data.get(idx).ok_or(BlockError::UnknownBlock)?;
        Ok((def, data))
    }

    /// Copy the first `out.len()` bytes of block `id` into `out`.
    pub fn read(&self, id: u32, out: &mut [u8]) -> Result<u32, BlockError> {
        let (def, data) = self.slot(id)?;
        if out.len() > def.size {
            return Err(BlockError::TooLong);
        }
        let src = data.get(..out.len()).ok_or(BlockError::TooLong)?;
        out.copy_from_slice(src);
        Ok(self.generation(id))
    }

    /// The generation of block `id` (0 for unknown ids).
    pub fn generation(&self, id: u32) -> u32 {
        usize::try_from(id)
            .ok()
            .and_then(|i| self.generation.get(i).copied())
            .unwrap_or(0)
    }

    /// Replace block `id` with `data` (zero-extended), as `by` would.
    pub fn write(&mut self, id: u32, data: &[u8], by: Writer) -> Result<(), BlockError> {
        let def = *block_def(id).ok_or(BlockError::UnknownBlock)?;
        if data.len() > def.size {
            return Err(BlockError::TooLong);
        }
        if by == Writer::Vf && def.writer == Writer::Pf {
            return Err(BlockError::ReadOnly);
        }
        let idx = usize::try_from(id).map_err(|_| BlockError::UnknownBlock)?;
        let block = self.data.get_mut(idx).ok_or(BlockError::UnknownBlock)?;
        block.fill(0);
        block
            .get_mut(..data.len())
            .ok_or(BlockError::TooLong)?
            .copy_from_slice(data);
        if let Some(g) = self.generation.get_mut(idx) {
            *g = g.wrapping_add(1);
        }
        Ok(())
    }

    /// Forget what the VF wrote (function-level reset): VF-written blocks become zero.
    pub fn reset_vf_written(&mut self) {
        for def in BLOCKS.iter().filter(|d| d.writer == Writer::Vf) {
            let _ = self.write(def.id, &[], Writer::Pf);
        }
    }
}

/// VF_INFO (block 0), written by the PF.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VfInfo {
    pub vf_id: u16,
    /// Bit 0: the MAC was set by the administrator (the VF may not change it).
    pub flags: u16,
    pub current_mac: [u8; 6],
    pub permanent_mac: [u8; 6],
    /// VLAN the VF's vPort filters on (0 = untagged).
    pub vlan_id: u16,
    /// The VF's vPort (0 = none attached yet).
    pub vport_id: u32,
    pub num_queue_pairs: u32,
    /// Largest frame payload.
    pub mtu: u32,
    pub interrupt_moderation: u32,
}

impl VfInfo {
    pub const SIZE: usize = 64;

    /// The block bytes.
    pub fn encode(&self) -> [u8; Self::SIZE] {
        let mut b = [0u8; Self::SIZE];
        let w = &mut b;
        put(w, 0, &FORMAT_VERSION.to_le_bytes());
        put(w, 4, &self.vf_id.to_le_bytes());
        put(w, 6, &self.flags.to_le_bytes());
        put(w, 8, &self.current_mac);
        put(w, 14, &self.permanent_mac);
        put(w, 20, &self.vlan_id.to_le_bytes());
        put(w, 24, &self.vport_id.to_le_bytes());
        put(w, 28, &self.num_queue_pairs.to_le_bytes());
        put(w, 32, &self.mtu.to_le_bytes());
        put(w, 36, &self.interrupt_moderation.to_le_bytes());
        b
    }

    /// Parse block bytes; `None` if short or of another format version.
    pub fn decode(b: &[u8]) -> Option<Self> {
        use super::bytes::{u16_at, u32_at};
        if u32_at(b, 0)? != FORMAT_VERSION {
            return None;
        }
        Some(Self {
            vf_id: u16_at(b, 4)?,
            flags: u16_at(b, 6)?,
            current_mac: mac_at(b, 8)?,
            permanent_mac: mac_at(b, 14)?,
            vlan_id: u16_at(b, 20)?,
            vport_id: u32_at(b, 24)?,
            num_queue_pairs: u32_at(b, 28)?,
            mtu: u32_at(b, 32)?,
            interrupt_moderation: u32_at(b, 36)?,
        })
    }
}

/// LINK_STATE (block 1), written by the PF.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LinkState {
    /// 1 = connected, 2 = disconnected (NET_IF_MEDIA_CONNECT_STATE).
    pub media_connect_state: u32,
    pub link_speed_bps: u64,
}

impl LinkState {
    pub const SIZE: usize = 16;

    pub fn encode(&self) -> [u8; Self::SIZE] {
        let mut b = [0u8; Self::SIZE];
        put(&mut b, 0, &FORMAT_VERSION.to_le_bytes());
        put(&mut b, 4, &self.media_connect_state.to_le_bytes());
        put(&mut b, 8, &self.link_speed_bps.to_le_bytes());
        b
    }

    pub fn decode(b: &[u8]) -> Option<Self> {
        use super::bytes::{u32_at, u64_at};
        if u32_at(b, 0)? != FORMAT_VERSION {
            return None;
        }
        Some(Self {
            media_connect_state: u32_at(b, 4)?,
            link_speed_bps: u64_at(b, 8)?,
        })
    }
}

/// VF_REQUEST (block 2), written by the VF: what the guest driver would like the PF to apply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VfRequestBlock {
    /// Bit 0: `mac` is a requested MAC change. Bit 1: `mtu` is a requested MTU.
    pub flags: u32,
    pub mac: [u8; 6],
    pub mtu: u32,
}

impl VfRequestBlock {
    pub const SIZE: usize = 32;

    pub fn encode(&self) -> [u8; Self::SIZE] {
        let mut b = [0u8; Self::SIZE];
        put(&mut b, 0, &FORMAT_VERSION.to_le_bytes());
        put(&mut b, 4, &self.flags.to_le_bytes());
        put(&mut b, 8, &self.mac);
        put(&mut b, 16, &self.mtu.to_le_bytes());
        b
    }

    pub fn decode(b: &[u8]) -> Option<Self> {
        use super::bytes::u32_at;
        if u32_at(b, 0)? != FORMAT_VERSION {
            return None;
        }
        Some(Self {
            flags: u32_at(b, 4)?,
            mac: mac_at(b, 8)?,
            mtu: u32_at(b, 16)?,
        })
    }
}

/// VF_DRIVER_INFO (block 3), written by the VF miniport at initialization: its version and a
/// UTF-8 description (at most 116 bytes), shown by the PF's tools.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VfDriverInfo {
    pub driver_version: u32,
    pub description_len: u8,
    pub description: [u8; 116],
}

impl VfDriverInfo {
    pub const SIZE: usize = 128;

    /// From a version and a description (truncated to 116 bytes).
    pub fn new(driver_version: u32, description: &str) -> Self {
        let mut d = [0u8; 116];
        let src = description.as_bytes();
        let n = src.len().min(d.len());
        if let (Some(dst), Some(s)) = (d.get_mut(..n), src.get(..n)) {
            dst.copy_from_slice(s);
        }
        Self {
            driver_version,
            description_len: u8::try_from(n).unwrap_or(0),
            description: d,
        }
    }

    pub fn encode(&self) -> [u8; Self::SIZE] {
        let mut b = [0u8; Self::SIZE];
        put(&mut b, 0, &FORMAT_VERSION.to_le_bytes());
        put(&mut b, 4, &self.driver_version.to_le_bytes());
        put(&mut b, 8, &[self.description_len]);
        put(&mut b, 12, &self.description);
        b
    }

    pub fn decode(b: &[u8]) -> Option<Self> {
        use super::bytes::u32_at;
        if u32_at(b, 0)? != FORMAT_VERSION {
            return None;
        }
        let len = *b.get(8)?;
        if usize::from(len) > 116 {
            return None;
        }
        let mut description = [0u8; 116];
        description.copy_from_slice(b.get(12..128)?);
        Some(Self {
            driver_version: u32_at(b, 4)?,
            description_len: len,
            description,
        })
    }
}

fn put(b: &mut [u8], off: usize, v: &[u8]) {
    let _ = svnic_abi::buf::write_bytes(b, off, v);
}

fn mac_at(b: &[u8], off: usize) -> Option<[u8; 6]> {
    let mut m = [0u8; 6];
    m.copy_from_slice(b.get(off..off.checked_add(6)?)?);
    Some(m)
}
