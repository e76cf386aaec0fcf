//! The general OIDs every miniport answers (OID_GEN_*, OID_802_3_*): packet filter, current and
//! permanent address, multicast list, lookahead, link state and speed, frame sizes, statistics.
//!
//! The rows here are the general part of the dispatch table (`oid::OidTable`); the dispatcher
//! has already checked the request type and `min_len` before [`handle`] runs, so a handler
//! only validates the payload's values.
//!
//! The same rows and the same answer code serve the PF adapter and the guest's VF adapter
//! (`vf::adapter::VfAdapter`): each implements [`GeneralSource`] over its own state.

use crate::adapter::Adapter;
use crate::hw::{packet_type, CounterSnapshot, MAX_MULTICAST};
use crate::oid::{OidOutcome, OidRequest, OidRow, OidTable, RequestType};
use svnic_abi::status::{
    NdisStatus, NDIS_STATUS_INVALID_LENGTH, NDIS_STATUS_NOT_SUPPORTED, NDIS_STATUS_SUCCESS,
};

pub const OID_GEN_SUPPORTED_LIST: u32 = 0x0001_0101;
pub const OID_GEN_HARDWARE_STATUS: u32 = 0x0001_0102;
pub const OID_GEN_MEDIA_SUPPORTED: u32 = 0x0001_0103;
pub const OID_GEN_MEDIA_IN_USE: u32 = 0x0001_0104;
pub const OID_GEN_MAXIMUM_LOOKAHEAD: u32 = 0x0001_0105;
pub const OID_GEN_MAXIMUM_FRAME_SIZE: u32 = 0x0001_0106;
pub const OID_GEN_LINK_SPEED: u32 = 0x0001_0107;
pub const OID_GEN_TRANSMIT_BLOCK_SIZE: u32 = 0x0001_010A;
pub const OID_GEN_RECEIVE_BLOCK_SIZE: u32 = 0x0001_010B;
pub const OID_GEN_VENDOR_ID: u32 = 0x0001_010C;
pub const OID_GEN_VENDOR_DESCRIPTION: u32 = 0x0001_010D;
pub const OID_GEN_CURRENT_PACKET_FILTER: u32 = 0x0001_010E;
pub const OID_GEN_CURRENT_LOOKAHEAD: u32 = 0x0001_010F;
pub const OID_GEN_DRIVER_VERSION: u32 = 0x0001_0110;
pub const OID_GEN_MAXIMUM_TOTAL_SIZE: u32 = 0x0001_0111;
pub const OID_GEN_MAC_OPTIONS: u32 = 0x0001_0113;
pub const OID_GEN_MEDIA_CONNECT_STATUS: u32 = 0x0001_0114;
pub const OID_GEN_MAXIMUM_SEND_PACKETS: u32 = 0x0001_0115;
pub const OID_GEN_VENDOR_DRIVER_VERSION: u32 = 0x0001_0116;
pub const OID_GEN_LINK_STATE: u32 = 0x0001_0207;
pub const OID_GEN_XMIT_OK: u32 = 0x0002_0101;
pub const OID_GEN_RCV_OK: u32 = 0x0002_0102;
pub const OID_GEN_XMIT_ERROR: u32 = 0x0002_0103;
pub const OID_GEN_RCV_ERROR: u32 = 0x0002_0104;
pub const OID_GEN_RCV_NO_BUFFER: u32 = 0x0002_0105;
pub const OID_GEN_STATISTICS: u32 = 0x0002_0106;
pub const OID_802_3_PERMANENT_ADDRESS: u32 = 0x0101_0101;
pub const OID_802_3_CURRENT_ADDRESS: u32 = 0x0101_0102;
pub const OID_802_3_MULTICAST_LIST: u32 = 0x0101_0103;
pub const OID_802_3_MAXIMUM_LIST_SIZE: u32 = 0x0101_0104;

/// NDIS_STATUS_MULTICAST_FULL.
pub const NDIS_STATUS_MULTICAST_FULL: NdisStatus = 0xC001_0009;
/// NDIS_STATUS_INVALID_DATA.
pub const NDIS_STATUS_INVALID_DATA: NdisStatus = 0xC001_0015;

/// NdisMedium802_3.
pub const NDIS_MEDIUM_802_3: u32 = 0;
/// NdisHardwareStatusReady.
pub const NDIS_HARDWARE_STATUS_READY: u32 = 0;
/// MediaConnectStateConnected / MediaDuplexStateFull.
pub const MEDIA_CONNECT_STATE_CONNECTED: u32 = 1;
pub const MEDIA_DUPLEX_STATE_FULL: u32 = 2;
/// MediaConnectStateDisconnected / MediaDuplexStateUnknown.
pub const MEDIA_CONNECT_STATE_DISCONNECTED: u32 = 2;
pub const MEDIA_DUPLEX_STATE_UNKNOWN: u32 = 0;
/// NDIS_MAC_OPTION_COPY_LOOKAHEAD_DATA | TRANSFERS_NOT_PEND | NO_LOOPBACK.
pub const MAC_OPTIONS: u32 = 0x1 | 0x4 | 0x8;
/// The IEEE OUI in the low 24 bits (a locally administered vendor id for the model).
pub const VENDOR_ID: u32 = 0x00_02_AA_01;
pub const VENDOR_DESCRIPTION: &[u8] = b"svnic software-modeled NIC\0";
/// NDIS 6.30 (major 6, minor 30) as OID_GEN_DRIVER_VERSION encodes it.
pub const DRIVER_VERSION: u16 = 0x061E;
pub const VENDOR_DRIVER_VERSION: u32 = 0x0001_0000;
/// NDIS_STATISTICS_INFO revision 1: header, SupportedStatistics, 18 ULONG64 counters.
pub const NDIS_SIZEOF_STATISTICS_INFO_REVISION_1: u32 = 152;
/// NDIS_LINK_STATE revision 1 (through AutoNegotiationFlags).
pub const NDIS_SIZEOF_LINK_STATE_REVISION_1: u32 = 40;
const NDIS_OBJECT_TYPE_DEFAULT: u8 = 0x80;

use RequestType::{Query, Set};

/// The general rows of the dispatch table.
pub const OID_ROWS: &[OidRow] = &[
    OidRow::new(Query, OID_GEN_SUPPORTED_LIST, 0),
    OidRow::new(Query, OID_GEN_HARDWARE_STATUS, 4),
    OidRow::new(Query, OID_GEN_MEDIA_SUPPORTED, 4),
    OidRow::new(Query, OID_GEN_MEDIA_IN_USE, 4),
    OidRow::new(Query, OID_GEN_MAXIMUM_LOOKAHEAD, 4),
    OidRow::new(Query, OID_GEN_MAXIMUM_FRAME_SIZE, 4),
    OidRow::new(Query, OID_GEN_LINK_SPEED, 4),
    OidRow::new(Query, OID_GEN_TRANSMIT_BLOCK_SIZE, 4),
    OidRow::new(Query, OID_GEN_RECEIVE_BLOCK_SIZE, 4),
    OidRow::new(Query, OID_GEN_VENDOR_ID, 4),
    OidRow::new(Query, OID_GEN_VENDOR_DESCRIPTION, VENDOR_DESCRIPTION.len() as u32),
    OidRow::new(Query, OID_GEN_CURRENT_PACKET_FILTER, 4),
    OidRow::new(Set, OID_GEN_CURRENT_PACKET_FILTER, 4),
    OidRow::new(Query, OID_GEN_CURRENT_LOOKAHEAD, 4),
    OidRow::new(Set, OID_GEN_CURRENT_LOOKAHEAD, 4),
    OidRow::new(Query, OID_GEN_DRIVER_VERSION, 2),
    OidRow::new(Query, OID_GEN_MAXIMUM_TOTAL_SIZE, 4),
    OidRow::new(Query, OID_GEN_MAC_OPTIONS, 4),
    OidRow::new(Query, OID_GEN_MEDIA_CONNECT_STATUS, 4),
    OidRow::new(Query, OID_GEN_MAXIMUM_SEND_PACKETS, 4),
    OidRow::new(Query, OID_GEN_VENDOR_DRIVER_VERSION, 4),
    OidRow::new(Query, OID_GEN_LINK_STATE, NDIS_SIZEOF_LINK_STATE_REVISION_1),
    OidRow::new(Query, OID_GEN_XMIT_OK, 8),
    OidRow::new(Query, OID_GEN_RCV_OK, 8),
    OidRow::new(Query, OID_GEN_XMIT_ERROR, 8),
    OidRow::new(Query, OID_GEN_RCV_ERROR, 8),
    OidRow::new(Query, OID_GEN_RCV_NO_BUFFER, 8),
    OidRow::new(Query, OID_GEN_STATISTICS, NDIS_SIZEOF_STATISTICS_INFO_REVISION_1),
    OidRow::new(Query, OID_802_3_PERMANENT_ADDRESS, 6),
    OidRow::new(Query, OID_802_3_CURRENT_ADDRESS, 6),
    OidRow::new(Query, OID_802_3_MULTICAST_LIST, 0),
    OidRow::new(Set, OID_802_3_MULTICAST_LIST, 0),
    OidRow::new(Query, OID_802_3_MAXIMUM_LIST_SIZE, 4),
];

/// Write `data` at the start of the request buffer and report it (caller checked the length).
fn put(req: &mut OidRequest<'_>, data: &[u8]) -> NdisStatus {
    match req.buffer.get_mut(..data.len()) {
        Some(dst) => {
            dst.copy_from_slice(data);
            req.bytes_written = u32::try_from(data.len()).unwrap_or(u32::MAX);
            NDIS_STATUS_SUCCESS
        }
        None => {
            req.bytes_needed = u32::try_from(data.len()).unwrap_or(u32::MAX);
            NDIS_STATUS_INVALID_LENGTH
        }
    }
}

fn put_u32(req: &mut OidRequest<'_>, v: u32) -> NdisStatus {
    put(req, &v.to_le_bytes())
}

fn put_u64(req: &mut OidRequest<'_>, v: u64) -> NdisStatus {
    put(req, &v.to_le_bytes())
}

fn read_u32(req: &OidRequest<'_>) -> Option<u32> {
    let b = req.buffer.get(..4)?;
    let mut a = [0u8; 4];
    a.copy_from_slice(b);
    Some(u32::from_le_bytes(a))
}

/// What the general OIDs report and change, from one adapter's own state: the PF adapter
/// ([`Adapter`]) and the guest's VF adapter answer the same rows with [`handle`].
pub trait GeneralSource {
    /// The adapter's dispatch table (OID_GEN_SUPPORTED_LIST is derived from it).
    fn gen_table(&self) -> OidTable;
    /// Largest frame payload (OID_GEN_MAXIMUM_FRAME_SIZE / MAXIMUM_LOOKAHEAD).
    fn gen_mtu(&self) -> u32;
    /// Largest frame, header included (OID_GEN_MAXIMUM_TOTAL_SIZE, block sizes).
    fn gen_max_frame(&self) -> u32;
    /// Whether the link is up, and its speed in bits per second.
    fn gen_link(&self) -> (bool, u64);
    fn gen_permanent_mac(&self) -> [u8; 6];
    fn gen_current_mac(&self) -> [u8; 6];
    /// The statistics counters.
    fn gen_counters(&self) -> CounterSnapshot;
    fn gen_packet_filter(&self) -> u32;
    fn gen_lookahead(&self) -> u32;
    /// Copy the multicast list into `out`; returns its length (at most [`MAX_MULTICAST`]).
    fn gen_multicast(&self, out: &mut [[u8; 6]; MAX_MULTICAST]) -> usize;
    /// Apply a packet filter already checked against [`packet_type::SUPPORTED`].
    fn gen_set_packet_filter(&self, filter: u32);
    /// Apply a lookahead already checked against the MTU.
    fn gen_set_lookahead(&self, lookahead: u32);
    /// Apply a multicast list already checked (at most [`MAX_MULTICAST`] multicast addresses).
    fn gen_set_multicast(&self, list: &[[u8; 6]]);
}

impl GeneralSource for Adapter {
    fn gen_table(&self) -> OidTable {
        *self.oid_table()
    }
    fn gen_mtu(&self) -> u32 {
        self.config().mtu
    }
    fn gen_max_frame(&self) -> u32 {
        self.config().max_frame
    }
    fn gen_link(&self) -> (bool, u64) {
        (true, self.config().link_speed_bps)
    }
    fn gen_permanent_mac(&self) -> [u8; 6] {
        self.config().permanent_mac
    }
    fn gen_current_mac(&self) -> [u8; 6] {
        self.config().current_mac
    }
    fn gen_counters(&self) -> CounterSnapshot {
        self.counters()
    }
    fn gen_packet_filter(&self) -> u32 {
        self.general().packet_filter
    }
    fn gen_lookahead(&self) -> u32 {
        self.general().lookahead
    }
    fn gen_multicast(&self, out: &mut [[u8; 6]; MAX_MULTICAST]) -> usize {
        let g = self.general();
        let n = g.multicast_len.min(MAX_MULTICAST);
        for (d, s) in out.iter_mut().zip(g.multicast.iter().take(n)) {
            *d = *s;
        }
        n
    }
    fn gen_set_packet_filter(&self, filter: u32) {
        self.set_packet_filter(filter);
    }
    fn gen_set_lookahead(&self, lookahead: u32) {
        self.general_mut().lookahead = lookahead;
    }
    fn gen_set_multicast(&self, list: &[[u8; 6]]) {
        self.set_multicast(list);
    }
}

/// Answer one general OID (the row was found and `min_len` checked by the dispatcher).
pub fn handle<A: GeneralSource + ?Sized>(adapter: &A, req: &mut OidRequest<'_>) -> OidOutcome {
    let st = match (req.request_type, req.oid) {
        (Set, OID_GEN_CURRENT_PACKET_FILTER) => set_packet_filter(adapter, req),
        (Set, OID_GEN_CURRENT_LOOKAHEAD) => set_lookahead(adapter, req),
        (Set, OID_802_3_MULTICAST_LIST) => set_multicast(adapter, req),
        (Set, _) => NDIS_STATUS_NOT_SUPPORTED,
        (_, oid) => query(adapter, req, oid),
    };
    OidOutcome::Complete(st)
}

fn query<A: GeneralSource + ?Sized>(adapter: &A, req: &mut OidRequest<'_>, oid: u32) -> NdisStatus {
    let (connected, link_speed_bps) = adapter.gen_link();
    let counters = || adapter.gen_counters();
    match oid {
        OID_GEN_SUPPORTED_LIST => {
            let table = adapter.gen_table();
            let n = table.supported_count();
            let needed = n
                .checked_mul(4)
                .and_then(|v| u32::try_from(v).ok())
                .unwrap_or(u32::MAX);
            if u32::try_from(req.buffer.len()).is_ok_and(|l| l < needed) {
                req.bytes_needed = needed;
                return NDIS_STATUS_INVALID_LENGTH;
            }
            for (chunk, oid) in req.buffer.chunks_exact_mut(4).zip(table.supported_oids()) {
                chunk.copy_from_slice(&oid.to_le_bytes());
            }
            req.bytes_written = needed;
            NDIS_STATUS_SUCCESS
        }
        OID_GEN_HARDWARE_STATUS => put_u32(req, NDIS_HARDWARE_STATUS_READY),
        OID_GEN_MEDIA_SUPPORTED | OID_GEN_MEDIA_IN_USE => put_u32(req, NDIS_MEDIUM_802_3),
        OID_GEN_MAXIMUM_LOOKAHEAD | OID_GEN_MAXIMUM_FRAME_SIZE => put_u32(req, adapter.gen_mtu()),
        OID_GEN_LINK_SPEED => put_u32(req, (link_speed_bps / 100).min(u64::from(u32::MAX)) as u32),
        OID_GEN_TRANSMIT_BLOCK_SIZE | OID_GEN_RECEIVE_BLOCK_SIZE | OID_GEN_MAXIMUM_TOTAL_SIZE => {
            put_u32(req, adapter.gen_max_frame())
        }
        OID_GEN_VENDOR_ID => put_u32(req, VENDOR_ID),
        OID_GEN_VENDOR_DESCRIPTION => put(req, VENDOR_DESCRIPTION),
        OID_GEN_CURRENT_PACKET_FILTER => put_u32(req, adapter.gen_packet_filter()),
        OID_GEN_CURRENT_LOOKAHEAD => put_u32(req, adapter.gen_lookahead()),
        OID_GEN_DRIVER_VERSION => put(req, &DRIVER_VERSION.to_le_bytes()),
        OID_GEN_MAC_OPTIONS => put_u32(req, MAC_OPTIONS),
        // NdisMediaStateConnected (0) / NdisMediaStateDisconnected (1).
        OID_GEN_MEDIA_CONNECT_STATUS => put_u32(req, u32::from(!connected)),
        OID_GEN_MAXIMUM_SEND_PACKETS => put_u32(req, 64),
        OID_GEN_VENDOR_DRIVER_VERSION => put_u32(req, VENDOR_DRIVER_VERSION),
        OID_GEN_LINK_STATE => {
            let mut b = [0u8; NDIS_SIZEOF_LINK_STATE_REVISION_1 as usize];
            let speed = link_speed_bps.to_le_bytes();
            let (state, duplex) = if connected {
                (MEDIA_CONNECT_STATE_CONNECTED, MEDIA_DUPLEX_STATE_FULL)
            } else {
                (MEDIA_CONNECT_STATE_DISCONNECTED, MEDIA_DUPLEX_STATE_UNKNOWN)
            };
            let fields: [(usize, &[u8]); 7] = [
                (0, &[NDIS_OBJECT_TYPE_DEFAULT, 1]),
                (2, &(NDIS_SIZEOF_LINK_STATE_REVISION_1 as u16).to_le_bytes()),
                (4, &state.to_le_bytes()),
                (8, &duplex.to_le_bytes()),
                (16, &speed),
                (24, &speed),
                (32, &0u32.to_le_bytes()),
            ];
            write_fields(&mut b, &fields);
            put(req, &b)
        }
        OID_GEN_XMIT_OK => put_u64(req, counters().tx_frames),
        OID_GEN_RCV_OK => put_u64(req, counters().rx_frames),
        OID_GEN_XMIT_ERROR => put_u64(req, counters().tx_errors),
        OID_GEN_RCV_ERROR => put_u64(req, counters().rx_errors),
        OID_GEN_RCV_NO_BUFFER => put_u64(req, counters().rx_no_buffer),
        OID_GEN_STATISTICS => put(req, &statistics_info(&counters())),
        OID_802_3_PERMANENT_ADDRESS => put(req, &adapter.gen_permanent_mac()),
        OID_802_3_CURRENT_ADDRESS => put(req, &adapter.gen_current_mac()),
        OID_802_3_MULTICAST_LIST => {
            let mut all = [[0u8; 6]; MAX_MULTICAST];
            let n = adapter.gen_multicast(&mut all).min(MAX_MULTICAST);
            let list = all.get(..n).unwrap_or(&[]);
            let needed = n.saturating_mul(6);
            if req.buffer.len() < needed {
                req.bytes_needed = u32::try_from(needed).unwrap_or(u32::MAX);
                return NDIS_STATUS_INVALID_LENGTH;
            }
            for (chunk, mac) in req.buffer.chunks_exact_mut(6).zip(list) {
                chunk.copy_from_slice(mac);
            }
            req.bytes_written = u32::try_from(needed).unwrap_or(u32::MAX);
            NDIS_STATUS_SUCCESS
        }
        OID_802_3_MAXIMUM_LIST_SIZE => put_u32(req, MAX_MULTICAST as u32),
        _ => NDIS_STATUS_NOT_SUPPORTED,
    }
}

/// NDIS_STATISTICS_INFO revision 1 from `c`: every field maintained, the per-cast frame and
/// octet counts adding up to the totals that OID_GEN_XMIT_OK / RCV_OK / XMIT_ERROR / RCV_ERROR
/// report, so the structure and the single-value OIDs always agree.
pub fn statistics_info(c: &CounterSnapshot) -> [u8; NDIS_SIZEOF_STATISTICS_INFO_REVISION_1 as usize] {
    let mut b = [0u8; NDIS_SIZEOF_STATISTICS_INFO_REVISION_1 as usize];
    // SupportedStatistics: every counter below is maintained (NDIS_STATISTICS_FLAGS_VALID_*).
    let supported: u32 = 0x003F_FFFF;
    write_fields(
        &mut b,
        &[
            (0, &[NDIS_OBJECT_TYPE_DEFAULT, 1]),
            (2, &(NDIS_SIZEOF_STATISTICS_INFO_REVISION_1 as u16).to_le_bytes()),
            (4, &supported.to_le_bytes()),
        ],
    );
    let values: [u64; 18] = [
        c.rx_no_buffer.wrapping_add(c.rx_filtered), // ifInDiscards
        c.rx_errors,                                // ifInErrors
        c.rx_bytes,                                 // ifHCInOctets
        c.rx_unicast,                               // ifHCInUcastPkts
        c.rx_multicast,                             // ifHCInMulticastPkts
        c.rx_broadcast,                             // ifHCInBroadcastPkts
        c.tx_bytes,                                 // ifHCOutOctets
        c.tx_unicast,                               // ifHCOutUcastPkts
        c.tx_multicast,                             // ifHCOutMulticastPkts
        c.tx_broadcast,                             // ifHCOutBroadcastPkts
        c.tx_errors,                                // ifOutErrors
        c.tx_discards,                              // ifOutDiscards
        c.rx_unicast_bytes,                         // ifHCInUcastOctets
        c.rx_multicast_bytes,                       // ifHCInMulticastOctets
        c.rx_broadcast_bytes,                       // ifHCInBroadcastOctets
        c.tx_unicast_bytes,                         // ifHCOutUcastOctets
        c.tx_multicast_bytes,                       // ifHCOutMulticastOctets
        c.tx_broadcast_bytes,                       // ifHCOutBroadcastOctets
    ];
    for (chunk, v) in b.get_mut(8..).unwrap_or(&mut []).chunks_exact_mut(8).zip(values) {
        chunk.copy_from_slice(&v.to_le_bytes());
    }
    b
}

fn write_fields(buf: &mut [u8], fields: &[(usize, &[u8])]) {
    for (off, data) in fields {
        if let Some(dst) = buf.get_mut(*off..off.saturating_add(data.len())) {
            dst.copy_from_slice(data);
        }
    }
}

fn set_packet_filter<A: GeneralSource + ?Sized>(adapter: &A, req: &mut OidRequest<'_>) -> NdisStatus {
    let Some(filter) = read_u32(req) else {
        return NDIS_STATUS_INVALID_LENGTH;
    };
    req.bytes_read = 4;
    if filter & !packet_type::SUPPORTED != 0 {
        req.bytes_read = 0;
        return NDIS_STATUS_NOT_SUPPORTED;
    }
    adapter.gen_set_packet_filter(filter);
    NDIS_STATUS_SUCCESS
}

fn set_lookahead<A: GeneralSource + ?Sized>(adapter: &A, req: &mut OidRequest<'_>) -> NdisStatus {
    let Some(v) = read_u32(req) else {
        return NDIS_STATUS_INVALID_LENGTH;
    };
    if v > adapter.gen_mtu() {
        return NDIS_STATUS_INVALID_DATA;
    }
    req.bytes_read = 4;
    adapter.gen_set_lookahead(v);
    NDIS_STATUS_SUCCESS
}

fn set_multicast<A: GeneralSource + ?Sized>(adapter: &A, req: &mut OidRequest<'_>) -> NdisStatus {
    let len = req.buffer.len();
    if len % 6 != 0 {
        req.bytes_needed = u32::try_from(len.div_ceil(6).saturating_mul(6)).unwrap_or(u32::MAX);
        return NDIS_STATUS_INVALID_LENGTH;
    }
    let n = len / 6;
    if n > MAX_MULTICAST {
        return NDIS_STATUS_MULTICAST_FULL;
    }
    let mut list = [[0u8; 6]; MAX_MULTICAST];
    for (dst, src) in list.iter_mut().zip(req.buffer.chunks_exact(6)) {
        dst.copy_from_slice(src);
        if dst.first().is_none_or(|b| b & 1 == 0) {
            // Not a multicast address.
            return NDIS_STATUS_INVALID_DATA;
        }
    }
    adapter.gen_set_multicast(list.get(..n).unwrap_or(&[]));
    req.bytes_read = u32::try_from(len).unwrap_or(u32::MAX);
    NDIS_STATUS_SUCCESS
}
