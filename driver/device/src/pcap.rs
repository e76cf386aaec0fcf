//! A pcap (libpcap "classic", microsecond, LINKTYPE_ETHERNET) writer that wraps any [`Wire`]:
//! every frame is recorded, then passed on. The file opens in tshark and Wireshark.
//!
//! Format (<https://wiki.wireshark.org/Development/LibpcapFileFormat>): a 24-byte global header
//! (magic 0xa1b2c3d4 written in little-endian, version 2.4, snaplen, network 1), then per frame a
//! 16-byte record header (seconds, microseconds, captured length, original length) and the bytes.
//!
//! The sink is a [`PcapSink`]: `Vec<u8>` works in no_std; with the `std` feature any
//! `std::io::Write` works through `IoSink`.

use alloc::vec::Vec;
use core::sync::atomic::{AtomicU64, Ordering};

use crate::wire::{PortId, Wire};

/// Snapshot length written in the header.
pub const SNAPLEN: u32 = 65535;
/// LINKTYPE_ETHERNET.
pub const LINKTYPE_ETHERNET: u32 = 1;

/// The 24-byte global header.
pub fn global_header() -> [u8; 24] {
    let mut h = [0u8; 24];
    let fields: [(usize, &[u8]); 6] = [
        (0, &0xa1b2_c3d4u32.to_le_bytes()),
        (4, &2u16.to_le_bytes()),
        (6, &4u16.to_le_bytes()),
        (16, &SNAPLEN.to_le_bytes()),
        (20, &LINKTYPE_ETHERNET.to_le_bytes()),
        (8, &[0; 8]),
    ];
    for (at, bytes) in fields {
        if let Some(d) = h.get_mut(at..at.saturating_add(bytes.len())) {
            d.copy_from_slice(bytes);
        }
    }
    h
}

/// The 16-byte header of one record at time `ts_us` (microseconds).
pub fn record_header(ts_us: u64, len: usize) -> [u8; 16] {
    let caplen = u32::try_from(len).unwrap_or(u32::MAX).min(SNAPLEN);
    let orig = u32::try_from(len).unwrap_or(u32::MAX);
    let secs = (ts_us / 1_000_000) as u32;
    let usecs = (ts_us % 1_000_000) as u32;
    let mut h = [0u8; 16];
    for (i, v) in [secs, usecs, caplen, orig].iter().enumerate() {
        let at = i.saturating_mul(4);
        if let Some(d) = h.get_mut(at..at.saturating_add(4)) {
            d.copy_from_slice(&v.to_le_bytes());
        }
    }
    h
}

/// Where pcap bytes go.
pub trait PcapSink: Send {
    /// Append bytes (errors are swallowed: capture must never disturb the data path).
    fn append(&mut self, bytes: &[u8]);
    /// Flush buffered bytes, if any.
    fn flush(&mut self) {}
}

impl PcapSink for Vec<u8> {
    fn append(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// A [`PcapSink`] over any `std::io::Write` (feature `std`).
#[cfg(feature = "std")]
#[derive(Debug)]
pub struct IoSink<W: std::io::Write + Send>(pub W);

#[cfg(feature = "std")]
impl<W: std::io::Write + Send> PcapSink for IoSink<W> {
    fn append(&mut self, bytes: &[u8]) {
        let _ = self.0.write_all(bytes);
    }
    fn flush(&mut self) {
        let _ = self.0.flush();
    }
}

/// Records every frame into a pcap sink, then forwards it to the inner wire.
pub struct PcapWire<W: Wire, S: PcapSink> {
    inner: W,
    sink: spin::Mutex<S>,
    clock_us: AtomicU64,
}

impl<W: Wire, S: PcapSink> core::fmt::Debug for PcapWire<W, S> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("PcapWire")
    }
}

impl<W: Wire, S: PcapSink> PcapWire<W, S> {
    /// Wrap `inner`, writing the global header to `sink` now.
    pub fn new(inner: W, mut sink: S) -> Self {
        sink.append(&global_header());
        PcapWire {
            inner,
            sink: spin::Mutex::new(sink),
            clock_us: AtomicU64::new(0),
        }
    }

    /// Set the timestamp used for the next records (e.g. the device's virtual clock). Without
    /// it, each record is 1 us after the previous one.
    pub fn set_time_us(&self, now: u64) {
        self.clock_us.store(now, Ordering::Relaxed);
    }

    /// The wrapped wire.
    pub fn inner(&self) -> &W {
        &self.inner
    }

    /// Flush the sink.
    pub fn flush(&self) {
        self.sink.lock().flush();
    }

    /// Run `f` on the sink (e.g. read back a `Vec<u8>`).
    pub fn with_sink<R>(&self, f: impl FnOnce(&mut S) -> R) -> R {
        f(&mut self.sink.lock())
    }
}

impl<W: Wire, S: PcapSink> Wire for PcapWire<W, S> {
    fn send(&self, from: PortId, frame: &[u8]) {
        let ts = self.clock_us.fetch_add(1, Ordering::Relaxed);
        {
            let mut s = self.sink.lock();
            s.append(&record_header(ts, frame.len()));
            let cap = frame.len().min(SNAPLEN as usize);
            s.append(frame.get(..cap).unwrap_or(frame));
        }
        self.inner.send(from, frame);
    }
}
