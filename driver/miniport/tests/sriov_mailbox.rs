//! The backchannel store and the mailbox framing: block semantics, fragmentation, acks, error
//! replies, zero-filled replies, and a VF that sends anything at all (spec section 5 item 25,
//! issue 6 must-have 5).

use svnic_abi::status::*;
use svnic_miniport::sriov::backchannel::*;
use svnic_miniport::sriov::mailbox::*;

/// A backend straight over one VF's store, asserting it is only ever asked about `vf`.
struct Store {
    vf: u16,
    blocks: VfBlocks,
    reads: u32,
    writes: u32,
}

impl BlockBackend for Store {
    fn read_block(&mut self, vf: u16, block: u32, out: &mut [u8]) -> NdisStatus {
        assert_eq!(vf, self.vf, "a session reaches only its own VF");
        self.reads += 1;
        match self.blocks.read(block, out) {
            Ok(_) => NDIS_STATUS_SUCCESS,
            Err(_) => NDIS_STATUS_INVALID_PARAMETER,
        }
    }
    fn write_block(&mut self, vf: u16, block: u32, data: &[u8]) -> NdisStatus {
        assert_eq!(vf, self.vf, "a session reaches only its own VF");
        self.writes += 1;
        match self.blocks.write(block, data, Writer::Vf) {
            Ok(()) => NDIS_STATUS_SUCCESS,
            Err(_) => NDIS_STATUS_INVALID_PARAMETER,
        }
    }
}

struct Loop<'a> {
    session: &'a mut PfSession,
    store: &'a mut Store,
    sent: Vec<MbxMsg>,
    replies: Vec<MbxMsg>,
}

impl MailboxTransport for Loop<'_> {
    fn exchange(&mut self, req: &MbxMsg) -> Option<MbxMsg> {
        self.sent.push(*req);
        let r = self.session.handle(req, self.store);
        self.replies.push(r);
        Some(r)
    }
}

fn store(vf: u16) -> Store {
    let mut blocks = VfBlocks::default();
    blocks.write(BLOCK_VF_INFO, &[7u8; 64], Writer::Pf).unwrap();
    Store {
        vf,
        blocks,
        reads: 0,
        writes: 0,
    }
}

// ---- store ------------------------------------------------------------------------------------

#[test]
fn block_write_replaces_the_block_zero_extends_and_bumps_the_generation() {
    let mut b = VfBlocks::default();
    assert_eq!(b.generation(BLOCK_VF_DRIVER_INFO), 0);
    b.write(BLOCK_VF_DRIVER_INFO, &[1; 100], Writer::Vf).unwrap();
    b.write(BLOCK_VF_DRIVER_INFO, &[2; 10], Writer::Vf).unwrap();
    let mut out = [9u8; 128];
    assert_eq!(b.read(BLOCK_VF_DRIVER_INFO, &mut out), Ok(2));
    assert_eq!(&out[..10], &[2; 10]);
    assert_eq!(&out[10..], &[0; 118]);
}

#[test]
fn block_access_checks_id_size_and_writer() {
    let mut b = VfBlocks::default();
    let mut big = [0u8; 65];
    assert_eq!(b.read(BLOCK_VF_INFO, &mut big), Err(BlockError::TooLong));
    assert_eq!(b.read(4, &mut [0u8; 1]), Err(BlockError::UnknownBlock));
    assert_eq!(b.read(u32::MAX, &mut [0u8; 1]), Err(BlockError::UnknownBlock));
    assert_eq!(
        b.write(BLOCK_VF_INFO, &[1], Writer::Vf),
        Err(BlockError::ReadOnly)
    );
    assert_eq!(
        b.write(BLOCK_LINK_STATE, &[1], Writer::Vf),
        Err(BlockError::ReadOnly)
    );
    assert_eq!(
        b.write(BLOCK_VF_REQUEST, &[1; 33], Writer::Vf),
        Err(BlockError::TooLong)
    );
    assert_eq!(b.write(BLOCK_VF_INFO, &[1], Writer::Pf), Ok(()));
    assert_eq!(b.generation(BLOCK_VF_REQUEST), 0);
}

#[test]
fn block_formats_round_trip() {
    let i = VfInfo {
        vf_id: 3,
        flags: 1,
        current_mac: [2, 0, 0, 0, 0, 9],
        permanent_mac: [2, 0, 0, 0, 0, 8],
        vlan_id: 10,
        vport_id: 5,
        num_queue_pairs: 1,
        mtu: 1500,
        interrupt_moderation: 1,
    };
    assert_eq!(VfInfo::decode(&i.encode()), Some(i));
    let l = LinkState {
        media_connect_state: 1,
        link_speed_bps: 25_000_000_000,
    };
    assert_eq!(LinkState::decode(&l.encode()), Some(l));
    let r = VfRequestBlock {
        flags: 3,
        mac: [2, 1, 2, 3, 4, 5],
        mtu: 9000,
    };
    assert_eq!(VfRequestBlock::decode(&r.encode()), Some(r));
    let d = VfDriverInfo::new(0x0001_0002, "x");
    assert_eq!(VfDriverInfo::decode(&d.encode()), Some(d));
    let mut bad = i.encode();
    bad[0] = 2;
    assert_eq!(VfInfo::decode(&bad), None);
    assert_eq!(VfInfo::decode(&[1, 0, 0, 0]), None);
}

// ---- framing ----------------------------------------------------------------------------------

#[test]
fn reads_are_split_into_44_byte_fragments_from_one_block_snapshot() {
    for (len, frags) in [(0usize, 1usize), (1, 1), (44, 1), (45, 2), (63, 2), (64, 2)] {
        let mut s = store(2);
        let mut session = PfSession::new(2);
        let mut t = Loop {
            session: &mut session,
            store: &mut s,
            sent: vec![],
            replies: vec![],
        };
        let mut out = vec![0u8; len];
        assert_eq!(
            VfRequester::new().read_block(&mut t, BLOCK_VF_INFO, &mut out),
            NDIS_STATUS_SUCCESS,
            "len {len}"
        );
        assert_eq!(out, vec![7u8; len]);
        assert_eq!(t.sent.len(), frags, "len {len}");
        assert_eq!(s.reads, 1, "one OID per transfer, len {len}");
    }
}

#[test]
fn writes_commit_once_on_the_last_fragment() {
    let mut s = store(1);
    let mut session = PfSession::new(1);
    let data: Vec<u8> = (0..128).map(|i| i as u8).collect();
    let mut t = Loop {
        session: &mut session,
        store: &mut s,
        sent: vec![],
        replies: vec![],
    };
    assert_eq!(
        VfRequester::new().write_block(&mut t, BLOCK_VF_DRIVER_INFO, &data),
        NDIS_STATUS_SUCCESS
    );
    let frags: Vec<Frag> = t.sent.iter().map(Frag::decode).collect();
    assert_eq!(
        frags
            .iter()
            .map(|f| (f.offset, f.len, f.last))
            .collect::<Vec<_>>(),
        vec![(0, 44, false), (44, 44, false), (88, 40, true)]
    );
    assert!(t.replies.iter().all(|r| r[0] & FLAG_ACK != 0 && r[W_STATUS] == 0));
    assert_eq!(s.writes, 1);
    let mut out = [0u8; 128];
    s.blocks.read(BLOCK_VF_DRIVER_INFO, &mut out).unwrap();
    assert_eq!(&out[..], &data[..]);
}

#[test]
fn an_abandoned_write_changes_nothing_and_out_of_order_fragments_are_nacked() {
    let mut s = store(0);
    let mut p = PfSession::new(0);
    let f0 = Frag {
        op: OP_CFG_WRITE,
        seq: 5,
        len: 44,
        last: false,
        block: BLOCK_VF_DRIVER_INFO,
        offset: 0,
        total: 100,
    };
    let r = p.handle(&f0.encode(&[1; 44]), &mut s);
    assert_eq!((r[0] & (FLAG_ACK | FLAG_NACK), r[W_STATUS]), (FLAG_ACK, 0));
    // Skips 44..88.
    let f2 = Frag {
        offset: 88,
        len: 12,
        last: true,
        ..f0
    };
    let r = p.handle(&f2.encode(&[2; 12]), &mut s);
    assert_eq!(
        (r[0] & (FLAG_ACK | FLAG_NACK), r[W_STATUS]),
        (FLAG_NACK, NDIS_STATUS_INVALID_PARAMETER)
    );
    assert!(!p.busy(), "a NACK drops the transaction");
    // The middle fragment now has no transaction to join.
    let f1 = Frag {
        offset: 44,
        len: 44,
        ..f0
    };
    let r = p.handle(&f1.encode(&[3; 44]), &mut s);
    assert_eq!(r[0] & FLAG_NACK, FLAG_NACK);
    assert_eq!((s.writes, s.blocks.generation(BLOCK_VF_DRIVER_INFO)), (0, 0));
}

#[test]
fn error_replies_carry_the_status_and_no_data() {
    let mut s = store(0);
    let mut p = PfSession::new(0);
    for (f, status) in [
        (
            Frag {
                op: OP_CFG_READ,
                seq: 1,
                len: 4,
                last: false,
                block: 9,
                offset: 0,
                total: 4,
            },
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            Frag {
                op: OP_CFG_READ,
                seq: 1,
                len: 44,
                last: false,
                block: 0,
                offset: 0,
                total: 129,
            },
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            Frag {
                op: OP_CFG_WRITE,
                seq: 1,
                len: 4,
                last: true,
                block: BLOCK_VF_INFO,
                offset: 0,
                total: 4,
            },
            NDIS_STATUS_INVALID_PARAMETER,
        ),
        (
            Frag {
                op: 0x33,
                seq: 1,
                len: 0,
                last: false,
                block: 0,
                offset: 0,
                total: 0,
            },
            NDIS_STATUS_INVALID_PARAMETER,
        ),
    ] {
        let r = p.handle(&f.encode(&[0xAB; 44]), &mut s);
        assert_eq!(r[0] & (FLAG_ACK | FLAG_NACK), FLAG_NACK);
        assert_eq!(r[W_STATUS], status);
        assert_eq!(&r[W_PAYLOAD..], &[0u32; 11], "no payload in a NACK");
        assert_eq!(
            (r[W_BLOCK], r[W_OFFSET], r[W_TOTAL]),
            (f.block, f.offset as u32, f.total as u32)
        );
    }
    let mut out = [0u8; 64];
    s.blocks.read(BLOCK_VF_INFO, &mut out).unwrap();
    assert_eq!(out, [7u8; 64]);
}

#[test]
fn read_replies_are_zero_filled_past_the_fragment() {
    let mut s = store(0);
    let mut p = PfSession::new(0);
    let f = Frag {
        op: OP_CFG_READ,
        seq: 1,
        len: 5,
        last: false,
        block: BLOCK_VF_INFO,
        offset: 0,
        total: 5,
    };
    let r = p.handle(&f.encode(&[]), &mut s);
    assert_eq!(r[W_PAYLOAD], u32::from_le_bytes([7, 7, 7, 7]));
    assert_eq!(r[W_PAYLOAD + 1], 7);
    assert_eq!(&r[W_PAYLOAD + 2..], &[0u32; 9]);
}

#[test]
fn the_requester_rejects_replies_that_do_not_match_its_request() {
    struct Liar(u32);
    impl MailboxTransport for Liar {
        fn exchange(&mut self, req: &MbxMsg) -> Option<MbxMsg> {
            let mut r = reply(&Frag::decode(req), NDIS_STATUS_SUCCESS, &[1; 44]);
            match self.0 {
                0 => r[0] ^= 1 << SEQ_SHIFT,
                1 => r[W_OFFSET] = 44,
                2 => r[0] &= !FLAG_ACK,
                3 => return None,
                _ => r[0] = (r[0] & !(0xFF << LEN_SHIFT)) | (3 << LEN_SHIFT),
            }
            Some(r)
        }
    }
    for case in 0..5 {
        let mut out = [0u8; 8];
        assert_eq!(
            VfRequester::new().read_block(&mut Liar(case), 0, &mut out),
            NDIS_STATUS_FAILURE,
            "case {case}"
        );
    }
    let mut out = [0u8; 129];
    assert_eq!(
        VfRequester::new().read_block(&mut Liar(0), 0, &mut out),
        NDIS_STATUS_INVALID_PARAMETER
    );
}

/// xorshift64*: deterministic pseudo-random messages.
fn rng(seed: &mut u64) -> u64 {
    *seed ^= *seed >> 12;
    *seed ^= *seed << 25;
    *seed ^= *seed >> 27;
    seed.wrapping_mul(0x2545_F491_4F6C_DD1D)
}

#[test]
fn arbitrary_mailbox_messages_never_crash_escape_or_overflow_a_block() {
    let mut seed = 0x5EED_1234_u64;
    let mut s = store(4);
    let mut p = PfSession::new(4);
    let before_pf = {
        let mut b = [0u8; 64];
        s.blocks.read(BLOCK_VF_INFO, &mut b).unwrap();
        b
    };
    for i in 0..200_000u32 {
        let mut m = [0u32; MBX_WORDS];
        for w in m.iter_mut() {
            *w = rng(&mut seed) as u32;
        }
        // Bias half the messages toward plausible headers so the state machine is exercised.
        if i % 2 == 0 {
            let op = 1 + (rng(&mut seed) % 2) as u32;
            let total = (rng(&mut seed) % 140) as u32;
            let off = [0, 44, 88, 132][(rng(&mut seed) % 4) as usize];
            let len = total.saturating_sub(off).min(44);
            let last = if rng(&mut seed) % 2 == 0 { FLAG_LAST } else { 0 };
            m[0] = op | ((rng(&mut seed) % 3) as u32) << SEQ_SHIFT | len << LEN_SHIFT | last;
            m[W_BLOCK] = (rng(&mut seed) % 5) as u32;
            m[W_OFFSET] = off;
            m[W_TOTAL] = total;
            m[W_STATUS] = 0;
        }
        let r = p.handle(&m, &mut s);
        let f = Frag::decode(&r);
        let ack = r[0] & FLAG_ACK != 0;
        let nack = r[0] & FLAG_NACK != 0;
        assert!(ack ^ nack, "exactly one of ACK / NACK");
        assert!(f.len <= PAYLOAD_BYTES);
        if nack {
            assert_ne!(r[W_STATUS], NDIS_STATUS_SUCCESS);
            assert_eq!(&r[W_PAYLOAD..], &[0u32; 11]);
        } else {
            assert_eq!(r[W_STATUS], NDIS_STATUS_SUCCESS);
            let used = f.len.div_ceil(4);
            assert!(
                r[W_PAYLOAD + used..].iter().all(|w| *w == 0),
                "zero-filled beyond the fragment"
            );
        }
    }
    let mut after = [0u8; 64];
    s.blocks.read(BLOCK_VF_INFO, &mut after).unwrap();
    assert_eq!(after, before_pf, "a PF-owned block never changes");
    assert!(s.writes > 0 && s.reads > 0, "the fuzz reached both operations");
}
