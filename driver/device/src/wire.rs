//! The wire port: where frames leave the adapter and where outside frames come in.
//!
//! A device sends with [`Wire::send`]; anything that wants to inject frames into a device calls
//! [`WirePort::receive`] (implemented by [`crate::Device`]). Backends:
//!
//! * [`NullWire`]: frames vanish (counted by the device as sent);
//! * [`LoopbackWire`]: what the device sends comes back to its own receive path;
//! * [`Hub`]: connects several devices; a frame sent by one reaches every other (as netvmini's
//!   in-process hub does), never the sender;
//! * [`CaptureWire`]: keeps a copy of every frame (tests);
//! * [`crate::pcap::PcapWire`]: wraps any wire and records what passes into a pcap file.
//!
//! Backends hold [`Weak`] references to devices, so a device owning its wire makes no cycle.

use alloc::sync::{Arc, Weak};
use alloc::vec::Vec;

/// Identifies a port on a shared medium (a [`Hub`] port); 0 for point-to-point wires.
pub type PortId = u32;

/// Where a device's frames go.
pub trait Wire: Send + Sync {
    /// Transmit `frame` from port `from`. Must not block for long; must not call back into the
    /// sending device's transmit path.
    fn send(&self, from: PortId, frame: &[u8]);
}

/// Something frames can be delivered to from a wire (a device's receive path).
pub trait WirePort: Send + Sync {
    /// A frame arrives from the wire.
    fn receive(&self, frame: &[u8]);
}

/// Discards everything.
#[derive(Clone, Copy, Debug, Default)]
pub struct NullWire;

impl Wire for NullWire {
    fn send(&self, _from: PortId, _frame: &[u8]) {}
}

/// Reflects every frame back into one port.
pub struct LoopbackWire {
    target: spin::RwLock<Option<Weak<dyn WirePort>>>,
}

impl core::fmt::Debug for LoopbackWire {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("LoopbackWire")
    }
}

impl LoopbackWire {
    /// A loopback not yet connected (frames are discarded until [`LoopbackWire::connect`]).
    pub fn new() -> Self {
        LoopbackWire {
            target: spin::RwLock::new(None),
        }
    }

    /// Reflect into `port` (normally the device that sends into this wire).
    pub fn connect(&self, port: Weak<dyn WirePort>) {
        *self.target.write() = Some(port);
    }
}

impl Default for LoopbackWire {
    fn default() -> Self {
        Self::new()
    }
}

impl Wire for LoopbackWire {
    fn send(&self, _from: PortId, frame: &[u8]) {
        let t = self.target.read().as_ref().and_then(Weak::upgrade);
        if let Some(p) = t {
            p.receive(frame);
        }
    }
}

/// An in-process Ethernet hub: every frame goes to every other port.
pub struct Hub {
    ports: spin::RwLock<Vec<(PortId, Weak<dyn WirePort>)>>,
    next: core::sync::atomic::AtomicU32,
}

impl core::fmt::Debug for Hub {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Hub")
            .field("ports", &self.ports.read().len())
            .finish()
    }
}

impl Hub {
    /// An empty hub.
    pub fn new() -> Self {
        Hub {
            ports: spin::RwLock::new(Vec::new()),
            next: core::sync::atomic::AtomicU32::new(1),
        }
    }

    /// Connect a port; returns its id (use it as the `from` of the device's sends, e.g. with
    /// [`crate::Device::attach_wire`]).
    pub fn connect(&self, port: Weak<dyn WirePort>) -> PortId {
        let id = self.next.fetch_add(1, core::sync::atomic::Ordering::Relaxed);
        self.ports.write().push((id, port));
        id
    }

    /// Disconnect a port.
    pub fn disconnect(&self, id: PortId) {
        self.ports.write().retain(|(p, _)| *p != id);
    }
}

impl Default for Hub {
    fn default() -> Self {
        Self::new()
    }
}

impl Wire for Hub {
    fn send(&self, from: PortId, frame: &[u8]) {
        let ports = self.ports.read();
        for (id, port) in ports.iter() {
            if *id != from {
                if let Some(p) = port.upgrade() {
                    p.receive(frame);
                }
            }
        }
    }
}

/// Records every frame sent (tests and tools; allocates per frame).
#[derive(Default)]
pub struct CaptureWire {
    frames: spin::Mutex<Vec<(PortId, Vec<u8>)>>,
}

impl core::fmt::Debug for CaptureWire {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("CaptureWire")
            .field("frames", &self.frames.lock().len())
            .finish()
    }
}

impl CaptureWire {
    /// An empty capture.
    pub fn new() -> Self {
        Self::default()
    }

    /// Take the frames captured so far.
    pub fn take(&self) -> Vec<(PortId, Vec<u8>)> {
        core::mem::take(&mut *self.frames.lock())
    }

    /// Number of frames captured so far.
    pub fn len(&self) -> usize {
        self.frames.lock().len()
    }

    /// Whether nothing was captured.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Wire for CaptureWire {
    fn send(&self, from: PortId, frame: &[u8]) {
        self.frames.lock().push((from, frame.to_vec()));
    }
}

/// Forward to a wire held in an [`Arc`] (lets one wire be shared by name).
impl<W: Wire + ?Sized> Wire for Arc<W> {
    fn send(&self, from: PortId, frame: &[u8]) {
        (**self).send(from, frame)
    }
}
