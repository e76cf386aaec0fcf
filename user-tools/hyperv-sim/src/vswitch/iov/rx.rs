//! The receive side of the IOV switch: what the PF indicated, delivered to the VMs.
//!
//! * An NBL whose FilteringInfo VPortId is a VM's PF vPort is that VM's already (the NIC wrote it
//!   once, into memory allocated for that vPort): delivered as is, no parse, no copy.
//! * An NBL on the default vPort (VPortId 0) is parsed by the switch (destination MAC + VLAN) and
//!   copied into every matching VM's buffer (the synthetic path); nobody's frame is unclaimed.
//! * A VF's frames never reach the PF: the guest's VF miniport indicates them in the VM, so the
//!   switch neither sees nor counts them. A PF indication tagged with any other non-zero VPortId
//!   (a VF's vPort, a deleted one) is a misrouted frame and only counted.

use super::switch::{IovPath, IovSwitch};
use super::IovNic;

/// One frame a VM got from the switch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IovRx {
    pub frame: Vec<u8>,
    /// The VPortId the PF indicated it with (0 = default vPort).
    pub vport_id: u16,
    /// The simulated processor the PF's indication ran on.
    pub processor: u32,
    /// Whether the switch parsed and copied it (default vPort) rather than handing it over.
    pub copied: bool,
}

/// The switch's work per path.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IovSwitchCounters {
    /// Frames on the default vPort whose destination the switch parsed.
    pub frames_parsed: u64,
    /// Frame copies the switch made into VM buffers (a group frame counts once per VM).
    pub frames_copied: u64,
    /// Bytes of those copies.
    pub bytes_copied: u64,
    /// Frames delivered straight from a PF vPort (no parse, no copy).
    pub frames_direct: u64,
    /// Default-vPort frames no VM wanted.
    pub frames_unclaimed: u64,
    /// PF indications tagged with a non-zero VPortId no VM's PF vPort has.
    pub frames_misrouted: u64,
}

/// The VLAN id of NDIS_NET_BUFFER_LIST_8021Q_INFO (VlanId, bits 4..16).
fn vid_of(ieee8021q: u64) -> u16 {
    ((ieee8021q >> 4) & 0x0fff) as u16
}

impl<N: IovNic> IovSwitch<N> {
    /// Take the PF's indications and deliver them to the VMs. Returns how many were taken.
    pub fn deliver(&mut self) -> usize {
        let rx = self.nic.take_received();
        let n = rx.len();
        for r in rx {
            if r.vport_id != 0 {
                let vport = u32::from(r.vport_id);
                match self.vms.iter_mut().find(|v| v.path == IovPath::PfVPort { vport }) {
                    Some(vm) => {
                        self.counters.frames_direct += 1;
                        vm.rx.push(IovRx {
                            frame: r.frame,
                            vport_id: r.vport_id,
                            processor: r.processor,
                            copied: false,
                        });
                    }
                    None => self.counters.frames_misrouted += 1,
                }
                continue;
            }
            self.counters.frames_parsed += 1;
            let Some(dst) = r.frame.get(..6) else {
                self.counters.frames_unclaimed += 1;
                continue;
            };
            let vid = vid_of(r.ieee8021q);
            let group = dst[0] & 1 == 1;
            let mut claimed = false;
            for vm in self.vms.iter_mut() {
                if vm.cfg.vlan.unwrap_or(0) == vid && (group || dst == vm.cfg.mac) {
                    self.counters.frames_copied += 1;
                    self.counters.bytes_copied += r.frame.len() as u64;
                    vm.rx.push(IovRx {
                        frame: r.frame.clone(),
                        vport_id: 0,
                        processor: r.processor,
                        copied: true,
                    });
                    claimed = true;
                }
            }
            if !claimed {
                self.counters.frames_unclaimed += 1;
            }
        }
        n
    }

    /// What the switch delivered to VM `name` so far, in order.
    pub fn received(&self, name: &str) -> Option<&[IovRx]> {
        self.vm_index(name).map(|i| self.vms[i].rx.as_slice())
    }

    /// The switch's parse / copy / direct counters.
    pub fn counters(&self) -> IovSwitchCounters {
        self.counters
    }
}
