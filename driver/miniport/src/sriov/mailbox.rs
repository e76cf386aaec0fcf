//! How svnic carries a backchannel config-block read or write in the device's 16-dword PF<->VF
//! mailbox messages (the transport under NdisMReadConfigBlock / NdisMWriteConfigBlock in svnic's
//! simulated virtualization stack). Pure codec and two small state machines; no I/O.
//!
//! Message (16 little-endian dwords, docs/sriov.md "Mailbox framing"):
//!
//! | word | request (VF -> PF)                          | reply (PF -> VF)                     |
//! |------|---------------------------------------------|--------------------------------------|
//! | 0    | op[7:0] seq[15:8] len[23:16] LAST bit 29    | same op/seq/len, ACK bit 31 or NACK bit 30 |
//! | 1    | block id                                    | echoed                               |
//! | 2    | byte offset of this fragment in the transfer| echoed                               |
//! | 3    | total transfer length (bytes)               | echoed                               |
//! | 4    | 0                                           | NDIS_STATUS (SUCCESS with ACK)       |
//! | 5-15 | write: up to 44 payload bytes               | read ACK: up to 44 payload bytes     |
//!
//! The requester drives fragmentation: fragment `k` covers bytes `[44k, min(44k+44, total))`,
//! `len` is that fragment's length, and a transfer of 0 bytes is one fragment of length 0. Each
//! fragment is one request and one reply (the mailbox holds one message per direction).
//! - Read: the fragment at offset 0 makes the responder read the whole block once (one
//!   OID_SRIOV_READ_VF_CONFIG_BLOCK) into its per-VF buffer; later fragments are served from
//!   that snapshot, so a multi-fragment read is never torn.
//! - Write: fragments are staged in the per-VF buffer; the one with LAST commits the whole
//!   transfer with one OID_SRIOV_WRITE_VF_CONFIG_BLOCK. Nothing is written before LAST.
//! - Any out-of-sequence fragment, unknown op, reserved bit, over-long transfer or failed OID gets
//!   a NACK with the status and drops the transaction. Replies are built from a zeroed message, so
//!   no stale word ever reaches a VF.

use svnic_abi::status::{
    NdisStatus, NDIS_STATUS_FAILURE, NDIS_STATUS_INVALID_PARAMETER, NDIS_STATUS_SUCCESS,
};

use super::backchannel::MAX_BLOCK_SIZE;

/// Dwords in a mailbox message.
pub const MBX_WORDS: usize = 16;
/// A mailbox message.
pub type MbxMsg = [u32; MBX_WORDS];
/// Payload bytes per message (words 5..16).
pub const PAYLOAD_BYTES: usize = 44;
/// Longest transfer the mailbox carries (the largest block).
pub const MAX_TRANSFER: usize = MAX_BLOCK_SIZE;

pub const OP_CFG_READ: u32 = 0x01;
pub const OP_CFG_WRITE: u32 = 0x02;
pub const OP_MASK: u32 = 0x0000_00FF;
pub const SEQ_SHIFT: u32 = 8;
pub const LEN_SHIFT: u32 = 16;
pub const FLAG_LAST: u32 = 1 << 29;
pub const FLAG_NACK: u32 = 1 << 30;
pub const FLAG_ACK: u32 = 1 << 31;
/// Bits 24..=28 are reserved and must be zero.
pub const RESERVED_MASK: u32 = 0x1F00_0000;
pub const W_BLOCK: usize = 1;
pub const W_OFFSET: usize = 2;
pub const W_TOTAL: usize = 3;
pub const W_STATUS: usize = 4;
pub const W_PAYLOAD: usize = 5;

/// One decoded fragment header (request or reply).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Frag {
    pub op: u32,
    pub seq: u8,
    pub len: usize,
    pub last: bool,
    pub block: u32,
    pub offset: usize,
    pub total: usize,
}

impl Frag {
    fn word0(&self) -> u32 {
        let len = u32::try_from(self.len).unwrap_or(0) & 0xFF;
        let mut w = (self.op & OP_MASK) | (u32::from(self.seq) << SEQ_SHIFT) | (len << LEN_SHIFT);
        if self.last {
            w |= FLAG_LAST;
        }
        w
    }

    /// Encode as a request (zero-filled) with `payload` (at most 44 bytes) in words 5..16.
    pub fn encode(&self, payload: &[u8]) -> MbxMsg {
        let mut m = [0u32; MBX_WORDS];
        set(&mut m, 0, self.word0());
        set(&mut m, W_BLOCK, self.block);
        set(&mut m, W_OFFSET, u32::try_from(self.offset).unwrap_or(u32::MAX));
        set(&mut m, W_TOTAL, u32::try_from(self.total).unwrap_or(u32::MAX));
        put_payload(&mut m, payload);
        m
    }

    /// Decode the header words (any message: the caller checks ACK/NACK itself).
    pub fn decode(m: &MbxMsg) -> Self {
        let w0 = get(m, 0);
        Self {
            op: w0 & OP_MASK,
            seq: u8::try_from((w0 >> SEQ_SHIFT) & 0xFF).unwrap_or(0),
            len: usize::try_from((w0 >> LEN_SHIFT) & 0xFF).unwrap_or(usize::MAX),
            last: w0 & FLAG_LAST != 0,
            block: get(m, W_BLOCK),
            offset: usize::try_from(get(m, W_OFFSET)).unwrap_or(usize::MAX),
            total: usize::try_from(get(m, W_TOTAL)).unwrap_or(usize::MAX),
        }
    }

    /// Length the fragment at `offset` of a `total`-byte transfer must have.
    pub fn expected_len(offset: usize, total: usize) -> usize {
        total.saturating_sub(offset).min(PAYLOAD_BYTES)
    }
}

fn get(m: &MbxMsg, i: usize) -> u32 {
    m.get(i).copied().unwrap_or(0)
}

fn set(m: &mut MbxMsg, i: usize, v: u32) {
    if let Some(w) = m.get_mut(i) {
        *w = v;
    }
}

/// Little-endian bytes of words 5..16 into `out` (at most 44 bytes).
pub fn payload(m: &MbxMsg, out: &mut [u8]) {
    for (i, b) in out.iter_mut().enumerate().take(PAYLOAD_BYTES) {
        let w = get(m, W_PAYLOAD.saturating_add(i / 4));
        *b = w.to_le_bytes().get(i % 4).copied().unwrap_or(0);
    }
}

fn put_payload(m: &mut MbxMsg, data: &[u8]) {
    for (i, b) in data.iter().enumerate().take(PAYLOAD_BYTES) {
        let wi = W_PAYLOAD.saturating_add(i / 4);
        if let Some(w) = m.get_mut(wi) {
            let mut bytes = w.to_le_bytes();
            if let Some(slot) = bytes.get_mut(i % 4) {
                *slot = *b;
            }
            *w = u32::from_le_bytes(bytes);
        }
    }
}

/// Build a reply: zeroed, header echoed, ACK (status SUCCESS) or NACK (status), optional payload.
pub fn reply(req: &Frag, status: NdisStatus, payload: &[u8]) -> MbxMsg {
    let mut m = [0u32; MBX_WORDS];
    let ack = status == NDIS_STATUS_SUCCESS;
    let hdr = Frag {
        len: if ack { req.len.min(PAYLOAD_BYTES) } else { 0 },
        ..*req
    };
    let mut w0 = hdr.word0();
    w0 |= if ack { FLAG_ACK } else { FLAG_NACK };
    set(&mut m, 0, w0);
    set(&mut m, W_BLOCK, req.block);
    set(&mut m, W_OFFSET, u32::try_from(req.offset).unwrap_or(u32::MAX));
    set(&mut m, W_TOTAL, u32::try_from(req.total).unwrap_or(u32::MAX));
    set(&mut m, W_STATUS, status);
    if ack {
        put_payload(&mut m, payload);
    }
    m
}

/// Where the PF side of the mailbox sends complete transfers: in svnic's virtualization stack
/// these become OID_SRIOV_READ_VF_CONFIG_BLOCK / OID_SRIOV_WRITE_VF_CONFIG_BLOCK to the PF.
pub trait BlockBackend {
    /// Read the first `out.len()` bytes of `block` for `vf`.
    fn read_block(&mut self, vf: u16, block: u32, out: &mut [u8]) -> NdisStatus;
    /// Write `data` to `block` for `vf`.
    fn write_block(&mut self, vf: u16, block: u32, data: &[u8]) -> NdisStatus;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Txn {
    Idle,
    Read {
        seq: u8,
        block: u32,
        total: usize,
        next: usize,
    },
    Write {
        seq: u8,
        block: u32,
        total: usize,
        next: usize,
    },
}

/// The PF end of one VF's mailbox: at most one transaction, one fixed buffer. Whatever a VF
/// sends, it gets exactly one reply and reaches only its own blocks (the `vf` the session is for).
#[derive(Clone, Debug)]
pub struct PfSession {
    vf: u16,
    txn: Txn,
    buf: [u8; MAX_BLOCK_SIZE],
}

impl PfSession {
    /// A session for VF `vf`.
    pub fn new(vf: u16) -> Self {
        Self {
            vf,
            txn: Txn::Idle,
            buf: [0; MAX_BLOCK_SIZE],
        }
    }

    /// Drop any transaction (VF reset / FLR).
    pub fn reset(&mut self) {
        self.txn = Txn::Idle;
        self.buf = [0; MAX_BLOCK_SIZE];
    }

    /// Whether a transaction is open.
    pub fn busy(&self) -> bool {
        self.txn != Txn::Idle
    }

    /// Handle one request from the VF and return the reply.
    pub fn handle(&mut self, msg: &MbxMsg, backend: &mut dyn BlockBackend) -> MbxMsg {
        let f = Frag::decode(msg);
        match self.step(msg, &f, backend) {
            Ok(data_len) => {
                let data = self.buf.get(f.offset..f.offset.saturating_add(data_len));
                let r = reply(&f, NDIS_STATUS_SUCCESS, data.unwrap_or(&[]));
                if self.txn_done(&f) {
                    self.txn = Txn::Idle;
                }
                r
            }
            Err(status) => {
                self.txn = Txn::Idle;
                reply(&f, status, &[])
            }
        }
    }

    fn txn_done(&self, f: &Frag) -> bool {
        f.offset.saturating_add(f.len) >= f.total
    }

    /// Validate and apply one fragment. Ok(n): ACK carrying `buf[offset..offset+n]`.
    fn step(&mut self, msg: &MbxMsg, f: &Frag, backend: &mut dyn BlockBackend) -> Result<usize, NdisStatus> {
        let w0 = get(msg, 0);
        if w0 & (FLAG_ACK | FLAG_NACK | RESERVED_MASK) != 0 || get(msg, W_STATUS) != 0 {
            return Err(NDIS_STATUS_INVALID_PARAMETER);
        }
        if f.total > MAX_BLOCK_SIZE || f.offset > f.total || f.len != Frag::expected_len(f.offset, f.total) {
            return Err(NDIS_STATUS_INVALID_PARAMETER);
        }
        let end = f.offset.saturating_add(f.len);
        let is_last = end >= f.total;
        match f.op {
            OP_CFG_READ => {
                if f.last {
                    return Err(NDIS_STATUS_INVALID_PARAMETER);
                }
                if f.offset == 0 {
                    let out = self.buf.get_mut(..f.total).ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
                    out.fill(0);
                    let st = backend.read_block(self.vf, f.block, out);
                    if st != NDIS_STATUS_SUCCESS {
                        return Err(st);
                    }
                } else {
                    match self.txn {
                        Txn::Read {
                            seq,
                            block,
                            total,
                            next,
                        } if seq == f.seq && block == f.block && total == f.total && next == f.offset => {}
                        _ => return Err(NDIS_STATUS_INVALID_PARAMETER),
                    }
                }
                self.txn = Txn::Read {
                    seq: f.seq,
                    block: f.block,
                    total: f.total,
                    next: end,
                };
                Ok(f.len)
            }
            OP_CFG_WRITE => {
                if f.last != is_last {
                    return Err(NDIS_STATUS_INVALID_PARAMETER);
                }
                if f.offset == 0 {
                    self.buf = [0; MAX_BLOCK_SIZE];
                } else {
                    match self.txn {
                        Txn::Write {
                            seq,
                            block,
                            total,
                            next,
                        } if seq == f.seq && block == f.block && total == f.total && next == f.offset => {}
                        _ => return Err(NDIS_STATUS_INVALID_PARAMETER),
                    }
                }
                let dst = self
                    .buf
                    .get_mut(f.offset..end)
                    .ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
                payload(msg, dst);
                self.txn = Txn::Write {
                    seq: f.seq,
                    block: f.block,
                    total: f.total,
                    next: end,
                };
                if is_last {
                    let data = self.buf.get(..f.total).ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
                    let st = backend.write_block(self.vf, f.block, data);
                    if st != NDIS_STATUS_SUCCESS {
                        return Err(st);
                    }
                }
                // A write ACK carries no payload.
                Ok(0)
            }
            _ => Err(NDIS_STATUS_INVALID_PARAMETER),
        }
    }
}

/// The VF end's transport: post `req` in the mailbox (VF REQ) and wait for the PF's reply (PF
/// STS). `None` when no reply came (timeout, reset in progress, VF disabled).
pub trait MailboxTransport {
    fn exchange(&mut self, req: &MbxMsg) -> Option<MbxMsg>;
}

/// The VF end: splits a block read or write into fragments and checks every reply.
#[derive(Clone, Copy, Debug, Default)]
pub struct VfRequester {
    seq: u8,
}

impl VfRequester {
    pub fn new() -> Self {
        Self::default()
    }

    fn next_seq(&mut self) -> u8 {
        self.seq = self.seq.wrapping_add(1);
        self.seq
    }

    fn check_reply(sent: &Frag, r: &MbxMsg) -> Result<Frag, NdisStatus> {
        let w0 = get(r, 0);
        let got = Frag::decode(r);
        if got.op != sent.op
            || got.seq != sent.seq
            || got.block != sent.block
            || got.offset != sent.offset
            || got.total != sent.total
        {
            return Err(NDIS_STATUS_FAILURE);
        }
        if w0 & FLAG_NACK != 0 || w0 & FLAG_ACK == 0 {
            let st = get(r, W_STATUS);
            return Err(if st == NDIS_STATUS_SUCCESS {
                NDIS_STATUS_FAILURE
            } else {
                st
            });
        }
        Ok(got)
    }

    /// Read `out.len()` bytes of `block` (NdisMReadConfigBlock).
    pub fn read_block(&mut self, t: &mut dyn MailboxTransport, block: u32, out: &mut [u8]) -> NdisStatus {
        if out.len() > MAX_BLOCK_SIZE {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        let seq = self.next_seq();
        let total = out.len();
        let mut offset = 0usize;
        loop {
            let f = Frag {
                op: OP_CFG_READ,
                seq,
                len: Frag::expected_len(offset, total),
                last: false,
                block,
                offset,
                total,
            };
            let Some(r) = t.exchange(&f.encode(&[])) else {
                return NDIS_STATUS_FAILURE;
            };
            let got = match Self::check_reply(&f, &r) {
                Ok(g) => g,
                Err(st) => return st,
            };
            if got.len != f.len {
                return NDIS_STATUS_FAILURE;
            }
            let end = offset.saturating_add(f.len);
            if let Some(dst) = out.get_mut(offset..end) {
                payload(&r, dst);
            }
            offset = end;
            if offset >= total {
                return NDIS_STATUS_SUCCESS;
            }
        }
    }

    /// Write `data` to `block` (NdisMWriteConfigBlock).
    pub fn write_block(&mut self, t: &mut dyn MailboxTransport, block: u32, data: &[u8]) -> NdisStatus {
        if data.len() > MAX_BLOCK_SIZE {
            return NDIS_STATUS_INVALID_PARAMETER;
        }
        let seq = self.next_seq();
        let total = data.len();
        let mut offset = 0usize;
        loop {
            let len = Frag::expected_len(offset, total);
            let end = offset.saturating_add(len);
            let f = Frag {
                op: OP_CFG_WRITE,
                seq,
                len,
                last: end >= total,
                block,
                offset,
                total,
            };
            let chunk = data.get(offset..end).unwrap_or(&[]);
            let Some(r) = t.exchange(&f.encode(chunk)) else {
                return NDIS_STATUS_FAILURE;
            };
            if let Err(st) = Self::check_reply(&f, &r) {
                return st;
            }
            offset = end;
            if offset >= total {
                return NDIS_STATUS_SUCCESS;
            }
        }
    }
}
