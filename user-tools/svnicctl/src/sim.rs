//! The simulator backend: a hyperv-sim host built from a scenario, in this process.
//!
//! Requests go through the driver's real entry points (`MiniportOidRequest` with a real
//! NDIS_OID_REQUEST, the wire port of the modeled NIC, the receive indications the sim
//! captures); nothing here answers for the driver.

use std::cell::RefCell;
use std::time::Duration;

use hyperv_sim::vswitch::guest::{pf_dpc_runs, BoundGuestVm, PfBlockOid, VfTxCounters};
use hyperv_sim::vswitch::iov::{IovNic, IovPath, IovSwitch, IovSwitchCounters, IovVm, VmqPlacement};
use hyperv_sim::vswitch::vmq::{SwitchCounters, VmConfig, VmqNic, VmqSwitch};
use hyperv_sim::{AdapterRef, CapturedRx, Host, RequestType};
use svnic_abi::oid::{NDIS_REQUEST_TYPE, OID_GEN_CURRENT_PACKET_FILTER};
use svnic_abi::status::{NDIS_STATUS_INVALID_PARAMETER, NDIS_STATUS_SUCCESS};

use crate::scenario::{parse_mac, Scenario};
use crate::views::{OidPort, OidResult};

/// A built host: the scenario, the Hyper-V switch on each adapter (with the scenario's VMs
/// connected), and every receive the adapters indicated.
pub struct SimHost {
    /// Leaked for the life of the process so the switches can hold the adapters; `finish`
    /// halts it.
    pub host: &'static Host,
    pub scenario: Scenario,
    switches: Vec<RefCell<VmqSwitch<AdapterRef<'static>>>>,
    /// The IOV side of the switch on adapters whose driver reports SR-IOV (NIC switch created
    /// with the adapter's *NumVFs).
    iov: Vec<Option<RefCell<IovSwitch<AdapterRef<'static>>>>>,
    /// Per adapter: SR-IOV + VMQ (the IOV switch found VM queues enabled), so every VM on it
    /// goes through the IOV switch and a VM with a VmqWeight and no VF gets a PF non-default
    /// vPort instead of a VM queue (spec 2.4); its receives are delivered by the IOV switch.
    pf_vports: Vec<bool>,
    rx_log: RefCell<Vec<Vec<CapturedRx>>>,
    /// One guest partition per VM that got a VF, the driver's VF adapter bound in it.
    guests: RefCell<Vec<SimGuest>>,
}

/// A VM on a VF and its guest partition (hyperv-sim's `BoundGuestVm`: the driver's own VF
/// adapter, brought up through DriverEntry / MiniportInitializeEx in the child partition,
/// configured over the backchannel, with the VF's queue in the guest adapter's memory).
struct SimGuest {
    vm: String,
    adapter: usize,
    vf: u16,
    /// `None` once halted.
    guest: Option<BoundGuestVm<'static>>,
    /// Frames injected to this VM by `[[traffic]]`, and the PF adapters' DPCs that ran while
    /// they were injected and received.
    injected: u64,
    pf_dpcs_during_traffic: u64,
    /// The PF adapters' DPC total before and after the last `[[traffic]]` entry to this VM.
    pf_dpcs_around_traffic: Option<(u64, u64)>,
}

/// What one guest's VF driver did in this run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GuestRow {
    pub vm: String,
    pub adapter: String,
    pub vf: u16,
    /// Frames `[[traffic]]` injected on the wire to this VM.
    pub injected: u64,
    /// Frames the guest's VF adapter indicated to the guest's NDIS (its receive capture).
    pub frames_received: usize,
    /// DPCs the guest's VF adapter ran on its own vector: one per VF interrupt, one more each
    /// time its DPC queued itself again (the PF's are not among them).
    pub guest_dpcs_scheduled: u64,
    /// DPCs the PF adapters ran (their own `dpc_runs` counters) while this VM's traffic was
    /// injected and received.
    pub pf_dpcs_during_traffic: u64,
    /// The PF adapters' DPC total before and after the last traffic to this VM.
    pub pf_dpcs_around_traffic: Option<(u64, u64)>,
    /// OID_SRIOV_READ/WRITE_VF_CONFIG_BLOCK requests the PF served for the guest's backchannel.
    pub pf_block_oids: Vec<PfBlockOid>,
}

/// The FilterIds the IOV side assigns start here, apart from the VMQ side's (1, 2, ...).
const IOV_FIRST_FILTER_ID: u32 = 1000;

/// SR-IOV and NIC-switch OIDs: answered through the sim's SR-IOV NDIS layer.
fn is_iov_oid(oid: u32) -> bool {
    matches!(
        oid,
        0x0001_022E | 0x0001_022F | 0x0001_0230 | 0x0001_0237..=0x0001_0269
    )
}

/// A VM as the switch placed it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VmRow {
    pub name: String,
    pub adapter: String,
    pub mac: String,
    pub vlan: Option<u16>,
    pub vmq_weight: u32,
    /// The VM queue, or None when the VM is on the default queue (software switch path).
    pub queue: Option<u32>,
    /// The VF and vPort, when the VM got a VF.
    pub vf: Option<(u16, u32)>,
    /// The PF non-default vPort and its processor, when the VM got one (SR-IOV + VMQ).
    pub pf_vport: Option<(u32, u8)>,
    /// On an SR-IOV + VMQ adapter: of `frames_received`, the frames the IOV switch parsed and
    /// copied from the default vPort (the rest came straight from the VM's PF vPort).
    pub frames_copied: Option<usize>,
    /// For a VF: (frames the NIC's switch steered to the VF's queue, frames it dropped there).
    pub vf_queue: Option<(u64, u64)>,
    pub frames_received: usize,
    /// Processors the VM's frames were indicated on.
    pub processors: Vec<u32>,
}

/// Where the switch put a VM's receive path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// A VM queue (VMQ switch).
    VmQueue { queue: u32 },
    /// The default queue (VMQ switch: no VmqWeight, VMQ off, or no queue left).
    DefaultQueue,
    /// A VF and its vPort (IOV switch).
    Vf { vf: u16, vport: u32 },
    /// A PF non-default vPort (IOV switch, SR-IOV + VMQ).
    PfVPort { vport: u32 },
    /// The default vPort (IOV switch: no VF or PF vPort).
    DefaultVPort,
}

/// Carries OIDs to one adapter of the sim.
pub struct SimPort<'h> {
    pub adapter: hyperv_sim::AdapterRef<'h>,
}

impl OidPort for SimPort<'_> {
    /// NDIS-handled OIDs (ENUM_QUEUES, capabilities, ...) are answered by the sim's NDIS layer
    /// from the driver's state, as NDIS answers them from its cache; the others reach the
    /// driver's MiniportOidRequest.
    fn request(&mut self, kind: NDIS_REQUEST_TYPE, oid: u32, input: &[u8], out_len: u32) -> OidResult {
        let Some(rt) = RequestType::from_ndis(kind) else {
            return OidResult {
                status: NDIS_STATUS_INVALID_PARAMETER,
                bytes_written: 0,
                bytes_read: 0,
                bytes_needed: 0,
                data: Vec::new(),
            };
        };
        let r = if is_iov_oid(oid) {
            IovNic::oid(&self.adapter, rt, oid, input, out_len as usize)
        } else {
            VmqNic::oid(&self.adapter, rt, oid, input, out_len as usize)
        };
        OidResult {
            status: r.status,
            bytes_written: r.bytes_written,
            bytes_read: r.bytes_read,
            bytes_needed: r.bytes_needed,
            data: r.out,
        }
    }
}

/// Frames injected back to back before svnicctl waits for the receive DPCs.
pub const INJECT_BURST: u32 = 64;

pub use crate::wireframe::frame;

/// The control protocol served in process by the binding (hyperv-sim's `Host::ctl`).
pub struct InProcess(pub &'static Host);

impl crate::ctl::Transport for InProcess {
    fn exchange(&self, request: &[u8]) -> Result<Vec<u8>, String> {
        Ok(self.0.ctl(request))
    }
}

impl SimHost {
    /// Build the host the scenario describes: processors, adapters with their keywords.
    pub fn build(scenario: Scenario) -> Result<SimHost, String> {
        let mut b = Host::builder()
            .processors(scenario.processors)
            .adapters(scenario.adapters.len());
        for (i, a) in scenario.adapters.iter().enumerate() {
            let kws: Vec<(&str, u32)> = a.keywords.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            b = b.adapter_keywords(i, &kws);
        }
        let host = b
            .build()
            .map_err(|e| format!("the simulated host did not come up: {e:?}"))?;
        for (i, a) in scenario.adapters.iter().enumerate() {
            let filter = scenario.packet_filter(i);
            if filter == 0 {
                continue;
            }
            let r = host.adapter(i).oid(
                RequestType::Set,
                OID_GEN_CURRENT_PACKET_FILTER,
                &filter.to_le_bytes(),
                0,
            );
            if r.status != NDIS_STATUS_SUCCESS {
                return Err(format!(
                    "{}: setting OID_GEN_CURRENT_PACKET_FILTER = 0x{:X} failed: {} (0x{:08X})",
                    a.name,
                    filter,
                    crate::decode::status_name(r.status),
                    r.status
                ));
            }
        }
        let host: &'static Host = Box::leak(Box::new(host));
        let switches: Vec<_> = (0..scenario.adapters.len())
            .map(|i| RefCell::new(VmqSwitch::new(host.adapter(i))))
            .collect();
        let mut iov = Vec::new();
        for (i, a) in scenario.adapters.iter().enumerate() {
            let caps = IovNic::oid(
                &host.adapter(i),
                RequestType::Query,
                svnic_abi::oid::OID_NIC_SWITCH_CURRENT_CAPABILITIES,
                &[],
                256,
            );
            if caps.status != NDIS_STATUS_SUCCESS {
                iov.push(None);
                continue;
            }
            let max_vports = caps
                .out
                .get(40..44)
                .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
            let num_vfs = a
                .keywords
                .get("*NumVFs")
                .copied()
                .unwrap_or_else(|| svnic_miniport::keywords::spec("*NumVFs").map_or(0, |k| k.default));
            let mut sw = IovSwitch::new(host.adapter(i), max_vports, IOV_FIRST_FILTER_ID);
            sw.create(num_vfs).map_err(|st| {
                format!(
                    "{}: creating the NIC switch with {num_vfs} VFs failed: {} (0x{st:08X})",
                    a.name,
                    crate::decode::status_name(st)
                )
            })?;
            iov.push(Some(RefCell::new(sw)));
        }
        let pf_vports: Vec<bool> = iov
            .iter()
            .map(|sw| sw.as_ref().is_some_and(|sw| sw.borrow().pf_vports_for_vmq()))
            .collect();
        let processors = host.processors().max(1);
        let mut vmq_vms = vec![0u32; scenario.adapters.len()];
        for vm in &scenario.vms {
            let i = scenario
                .adapters
                .iter()
                .position(|a| a.name == vm.adapter)
                .unwrap_or(0);
            let mac = parse_mac(&vm.mac)?;
            if let (true, Some(sw)) = (pf_vports[i], &iov[i]) {
                // SR-IOV + VMQ: the IOV switch places every VM (VF, PF vPort or default vPort).
                // The VM's processor is chosen as for a VM queue; a VM that gets a VF uses none.
                let (base, max) = scenario.vmq_processors(i);
                let k = vmq_vms[i];
                let processor = vm
                    .processor
                    .unwrap_or_else(|| u8::try_from((base + 1 + k % max) % processors).unwrap_or(0));
                let path = sw
                    .borrow_mut()
                    .connect_vmq(
                        IovVm {
                            name: vm.name.clone(),
                            mac,
                            vlan: vm.vlan,
                            iov_weight: vm.iov_weight,
                        },
                        VmqPlacement {
                            vmq_weight: vm.vmq_weight,
                            processor,
                        },
                    )
                    .map_err(|st| {
                        format!(
                            "vm {:?}: connecting with IovWeight {} and VmqWeight {} failed: {} (0x{st:08X})",
                            vm.name,
                            vm.iov_weight,
                            vm.vmq_weight,
                            crate::decode::status_name(st)
                        )
                    })?;
                if vm.vmq_weight > 0 && !matches!(path, IovPath::Vf { .. }) {
                    vmq_vms[i] += 1;
                }
                continue;
            }
            if vm.iov_weight > 0 {
                let Some(sw) = &iov[i] else {
                    return Err(format!(
                        "vm {:?}: iov_weight > 0 but adapter {:?} does not report SR-IOV; set *SriovPreferred = 1 (and *SRIOV = 1) in its keywords",
                        vm.name, vm.adapter
                    ));
                };
                sw.borrow_mut()
                    .connect(IovVm {
                        name: vm.name.clone(),
                        mac,
                        vlan: vm.vlan,
                        iov_weight: vm.iov_weight,
                    })
                    .map_err(|st| {
                        format!(
                            "vm {:?}: connecting with IovWeight {} failed: {} (0x{st:08X})",
                            vm.name,
                            vm.iov_weight,
                            crate::decode::status_name(st)
                        )
                    })?;
                continue;
            }
            let (base, max) = scenario.vmq_processors(i);
            let k = vmq_vms[i];
            if vm.vmq_weight > 0 {
                vmq_vms[i] += 1;
            }
            let processor = vm
                .processor
                .unwrap_or_else(|| u8::try_from((base + 1 + k % max) % processors).unwrap_or(0));
            switches[i].borrow_mut().connect(VmConfig {
                name: vm.name.clone(),
                mac,
                vlan: vm.vlan,
                vmq_weight: vm.vmq_weight,
                processor,
            });
        }
        // Each VM that got a VF boots its guest: the driver's VF miniport binds to the VF the
        // IOV switch allocated, before any traffic.
        let mut guests = Vec::new();
        for vm in scenario.vms.iter().filter(|v| v.iov_weight > 0) {
            let Some(i) = scenario.adapters.iter().position(|a| a.name == vm.adapter) else {
                continue;
            };
            let path = iov[i].as_ref().and_then(|sw| sw.borrow().path(&vm.name));
            let Some(IovPath::Vf { vf, .. }) = path else {
                continue;
            };
            let guest = BoundGuestVm::start(host, i, vf).map_err(|e| {
                let why = match e {
                    hyperv_sim::HostError::InitFailed { status, .. } => format!(
                        "MiniportInitializeEx returned {} (0x{status:08X})",
                        crate::decode::status_name(status)
                    ),
                    other => format!("{other:?}"),
                };
                format!(
                    "vm {:?}: the guest's VF adapter on VF {vf} of {} did not start: {why}",
                    vm.name, vm.adapter
                )
            })?;
            guests.push(SimGuest {
                vm: vm.name.clone(),
                adapter: i,
                vf,
                guest: Some(guest),
                injected: 0,
                pf_dpcs_during_traffic: 0,
                pf_dpcs_around_traffic: None,
            });
        }
        let rx_log = RefCell::new(vec![Vec::new(); scenario.adapters.len()]);
        Ok(SimHost {
            host,
            scenario,
            switches,
            iov,
            pf_vports,
            rx_log,
            guests: RefCell::new(guests),
        })
    }

    /// Halt every guest's VF adapter (MiniportPause + MiniportHaltEx in the VM, before the host
    /// tears the VF down); an error names a guest adapter that still owned something.
    fn halt_guests(&self) -> Result<(), String> {
        for g in self.guests.borrow_mut().iter_mut() {
            if let Some(guest) = g.guest.take() {
                guest.halt().map_err(|leaks| {
                    format!(
                        "vm {:?}: halting the guest's VF adapter (VF {}) left {leaks:?}",
                        g.vm, g.vf
                    )
                })?;
            }
        }
        Ok(())
    }

    /// The VF vectors of adapter `i`'s guests fired where the device wrote frames for them:
    /// run their guest adapters' receive DPCs.
    fn run_guest_dpcs(&self, i: usize) {
        for g in self.guests.borrow().iter().filter(|g| g.adapter == i) {
            if let Some(guest) = g.guest.as_ref() {
                guest.run_dpcs();
            }
        }
    }

    /// Sum of the DPCs the PF adapters ran (the driver's own counter per PF adapter; the
    /// host's processors also run the guests' DPCs, which are not among them).
    fn pf_dpcs(&self) -> u64 {
        pf_dpc_runs(self.host)
    }

    /// What each guest's VF driver did so far.
    pub fn guests(&self) -> Vec<GuestRow> {
        self.guests
            .borrow()
            .iter()
            .filter_map(|g| {
                let guest = g.guest.as_ref()?;
                Some(GuestRow {
                    vm: g.vm.clone(),
                    adapter: self.name(g.adapter).to_string(),
                    vf: g.vf,
                    injected: g.injected,
                    frames_received: guest.received().len(),
                    guest_dpcs_scheduled: guest.dpcs_scheduled(),
                    pf_dpcs_during_traffic: g.pf_dpcs_during_traffic,
                    pf_dpcs_around_traffic: g.pf_dpcs_around_traffic,
                    pf_block_oids: guest.pf_block_oids(),
                })
            })
            .collect()
    }

    /// Frames the guest of VM `name` received, when it runs one.
    fn guest_received(&self, name: &str) -> Option<usize> {
        self.guests
            .borrow()
            .iter()
            .find(|g| g.vm == name)
            .and_then(|g| g.guest.as_ref())
            .map(|g| g.received().len())
    }

    /// The VF pool's transmit counters of VM `name`, when it runs a guest on a VF.
    pub fn vf_tx(&self, name: &str) -> Option<VfTxCounters> {
        self.guests
            .borrow()
            .iter()
            .find(|g| g.vm == name)
            .and_then(|g| g.guest.as_ref())
            .map(BoundGuestVm::vf_tx)
    }

    /// Disconnect every VM (CLEAR_FILTER -> FREE_QUEUE, as NDIS does before MiniportHaltEx),
    /// then halt every adapter and unload the driver; an error names what leaked.
    pub fn finish(&self) -> Result<(), String> {
        self.halt_guests()?;
        for (i, sw) in self.iov.iter().enumerate() {
            if let Some(sw) = sw {
                sw.borrow_mut().halt().map_err(|st| {
                    format!(
                        "{}: tearing down the NIC switch failed: {} (0x{st:08X})",
                        self.scenario.adapters[i].name,
                        crate::decode::status_name(st)
                    )
                })?;
            }
        }
        for (i, sw) in self.switches.iter().enumerate() {
            if self.pf_vports[i] {
                // Its VMs were on the IOV switch, halted above.
                continue;
            }
            let name = &self.scenario.adapters[i].name;
            let count = self
                .scenario
                .vms
                .iter()
                .filter(|v| &v.adapter == name && v.iov_weight == 0)
                .count();
            let mut sw = sw.borrow_mut();
            for id in 0..count {
                if sw.vm(id).config.is_some() {
                    sw.disconnect(id);
                }
            }
        }
        self.host.quiesce();
        self.host
            .halt()
            .map_err(|e| format!("halting the simulated host: {e:?}"))
    }

    /// Move what the adapters indicated into the log, then let each switch deliver it to its VMs.
    fn collect(&self) {
        self.host.quiesce();
        let mut log = self.rx_log.borrow_mut();
        for (i, sw) in self.switches.iter().enumerate() {
            log[i].extend(self.host.adapter(i).received());
            match (&self.iov[i], self.pf_vports[i]) {
                (Some(iov), true) => {
                    iov.borrow_mut().deliver();
                }
                _ => {
                    sw.borrow_mut().deliver();
                }
            }
            self.run_guest_dpcs(i);
        }
    }

    /// The switch counters of adapter `i` (software path vs VMQ path).
    pub fn switch_counters(&self, i: usize) -> SwitchCounters {
        self.switches[i].borrow().counters
    }

    /// The IOV switch's counters of adapter `i` when it runs SR-IOV + VMQ (the IOV switch
    /// delivers its receives: PF-vPort frames direct, default-vPort frames parsed and copied).
    pub fn iov_counters(&self, i: usize) -> Option<IovSwitchCounters> {
        if !self.pf_vports[i] {
            return None;
        }
        self.iov[i].as_ref().map(|sw| sw.borrow().counters())
    }

    /// The VM whose VF or PF vPort is `vport` on adapter `i` (from the IOV switch's placement;
    /// its MAC and VLAN are those its filter on the vPort was set with).
    pub fn vport_vm(&self, i: usize, vport: u32) -> Option<&crate::scenario::VmSpec> {
        let sw = self.iov.get(i)?.as_ref()?.borrow();
        self.scenario
            .vms
            .iter()
            .filter(|v| v.adapter == self.scenario.adapters[i].name)
            .find(|v| sw.path(&v.name).and_then(|p| p.vport()) == Some(vport))
    }

    /// Whether the switch on adapter `i` found VMQ enabled at bind.
    pub fn vmq_enabled(&self, i: usize) -> bool {
        self.switches[i].borrow().vmq_enabled()
    }

    /// The receive counters of vPort `vport`'s queue on adapter `i` (a VF's vPort: the frames
    /// the device wrote into the buffers the guest's VF driver posted; the management OS sees
    /// none of them).
    /// Returns (offered, written, dropped) of that queue's receive side.
    pub fn vport_rx(&self, i: usize, vport: u32) -> Option<(u64, u64, u64)> {
        let ad = self.host.adapter(i).driver_adapter()?;
        let q = ad.sriov().with_hw(|hw| hw.vport_queue(vport))?;
        ad.nic()
            .device()
            .counters(q)
            .ok()
            .map(|c| (c.rx.offered, c.rx.frames, c.rx.drops.total()))
    }

    /// Where the switch put VM `name`'s receive path (`None`: no such VM).
    pub fn placement(&self, name: &str) -> Option<(usize, Placement)> {
        let vm = self.scenario.vm(name)?;
        let i = self.select(Some(&vm.adapter)).ok()?.first().copied()?;
        if vm.iov_weight > 0 || self.pf_vports[i] {
            let path = self.iov[i].as_ref().and_then(|sw| sw.borrow().path(name));
            let p = match path {
                Some(IovPath::Vf { vf, vport }) => Placement::Vf { vf, vport },
                Some(IovPath::PfVPort { vport }) => Placement::PfVPort { vport },
                _ => Placement::DefaultVPort,
            };
            return Some((i, p));
        }
        let id = self.vmq_switch_id(i, name)?;
        let p = match self.switches[i].borrow().vm(id).queue {
            Some(queue) => Placement::VmQueue { queue },
            None => Placement::DefaultQueue,
        };
        Some((i, p))
    }

    /// The VmId of VM `name` on adapter `i`'s VMQ switch: the VMs without an IovWeight connect
    /// to it in scenario order.
    fn vmq_switch_id(&self, i: usize, name: &str) -> Option<usize> {
        let adapter = &self.scenario.adapters[i].name;
        self.scenario
            .vms
            .iter()
            .filter(|v| &v.adapter == adapter && v.iov_weight == 0)
            .position(|v| v.name == name)
    }

    /// The processor VM `name`'s queue or PF vPort was placed on (after any moves), as the
    /// switch recorded it.
    pub fn vm_processor(&self, name: &str) -> Option<u8> {
        let (i, p) = self.placement(name)?;
        match p {
            Placement::VmQueue { .. } => {
                let id = self.vmq_switch_id(i, name)?;
                self.switches[i]
                    .borrow()
                    .vm(id)
                    .config
                    .as_ref()
                    .map(|c| c.processor)
            }
            Placement::PfVPort { .. } => self.iov[i]
                .as_ref()
                .and_then(|sw| sw.borrow().placement(name))
                .map(|p| p.processor),
            _ => None,
        }
    }

    /// Dynamic VMQ: move VM `name`'s queue (VMQ switch: QUEUE_PARAMETERS) or PF vPort (IOV
    /// switch: VPORT_PARAMETERS) to `processor`, with PROCESSOR_AFFINITY_CHANGED, through the
    /// switch's own OID path. A VM on a VF or on the default queue / vPort is refused by the
    /// caller before this; here it is `Err(NDIS_STATUS_INVALID_PARAMETER)`. Returns the OID.
    pub fn move_vm(&self, name: &str, processor: u8) -> Result<u32, u32> {
        let Some((i, p)) = self.placement(name) else {
            return Err(NDIS_STATUS_INVALID_PARAMETER);
        };
        let oid = match p {
            Placement::VmQueue { .. } => {
                let id = self.vmq_switch_id(i, name).ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
                // Frames already indicated on the old processor go to the VM first.
                self.collect();
                let st = self.switches[i].borrow_mut().move_vm(id, processor);
                if st != NDIS_STATUS_SUCCESS {
                    return Err(st);
                }
                svnic_abi::oid::OID_RECEIVE_FILTER_QUEUE_PARAMETERS
            }
            Placement::PfVPort { .. } => {
                self.collect();
                let sw = self.iov[i].as_ref().ok_or(NDIS_STATUS_INVALID_PARAMETER)?;
                sw.borrow_mut().move_vm(name, processor)?;
                svnic_abi::oid::OID_NIC_SWITCH_VPORT_PARAMETERS
            }
            _ => return Err(NDIS_STATUS_INVALID_PARAMETER),
        };
        Ok(oid)
    }

    /// The scenario's VMs as the switches placed them.
    pub fn vms(&self) -> Vec<VmRow> {
        let mut rows = Vec::new();
        let mut per_adapter = vec![0usize; self.switches.len()];
        for vm in &self.scenario.vms {
            let i = self
                .scenario
                .adapters
                .iter()
                .position(|a| a.name == vm.adapter)
                .unwrap_or(0);
            let mac = crate::decode::mac(&parse_mac(&vm.mac).unwrap_or_default());
            if vm.iov_weight > 0 || self.pf_vports[i] {
                let path = self.iov[i].as_ref().and_then(|sw| sw.borrow().path(&vm.name));
                let vf = match path {
                    Some(IovPath::Vf { vf, vport }) => Some((vf, vport)),
                    _ => None,
                };
                if vf.is_none() && self.pf_vports[i] {
                    rows.push(self.iov_vm_row(i, vm, mac, path));
                    continue;
                }
                let rx = vf.and_then(|(_, vport)| self.vport_rx(i, vport));
                // What the guest's VF driver indicated in the VM; without a guest, what the
                // device wrote into the VF's buffers.
                let frames = self.guest_received(&vm.name).unwrap_or_else(|| {
                    usize::try_from(rx.map_or(0, |(_, written, _)| written)).unwrap_or(usize::MAX)
                });
                rows.push(VmRow {
                    name: vm.name.clone(),
                    adapter: vm.adapter.clone(),
                    mac,
                    vlan: vm.vlan,
                    vmq_weight: vm.vmq_weight,
                    queue: None,
                    vf,
                    pf_vport: None,
                    frames_copied: None,
                    vf_queue: rx.map(|(offered, _, dropped)| (offered, dropped)),
                    frames_received: frames,
                    processors: Vec::new(),
                });
                continue;
            }
            let id = per_adapter[i];
            per_adapter[i] += 1;
            let sw = self.switches[i].borrow();
            let v = sw.vm(id);
            let mut processors: Vec<u32> = v.received_on.iter().map(|(_, p)| *p).collect();
            processors.sort_unstable();
            processors.dedup();
            rows.push(VmRow {
                name: vm.name.clone(),
                adapter: vm.adapter.clone(),
                mac,
                vlan: vm.vlan,
                vmq_weight: vm.vmq_weight,
                queue: v.queue,
                vf: None,
                pf_vport: None,
                frames_copied: None,
                vf_queue: None,
                frames_received: v.received.len(),
                processors,
            });
        }
        rows
    }

    /// A VM without a VF on an SR-IOV + VMQ adapter: on its PF vPort or on the default vPort,
    /// with what the IOV switch delivered to it.
    fn iov_vm_row(
        &self,
        i: usize,
        vm: &crate::scenario::VmSpec,
        mac: String,
        path: Option<IovPath>,
    ) -> VmRow {
        let sw = self.iov[i].as_ref().map(RefCell::borrow);
        let rx = sw.as_ref().and_then(|sw| sw.received(&vm.name)).unwrap_or(&[]);
        let mut processors: Vec<u32> = rx.iter().map(|r| r.processor).collect();
        processors.sort_unstable();
        processors.dedup();
        let processor = sw
            .as_ref()
            .and_then(|sw| sw.placement(&vm.name))
            .map_or(0, |p| p.processor);
        VmRow {
            name: vm.name.clone(),
            adapter: vm.adapter.clone(),
            mac,
            vlan: vm.vlan,
            vmq_weight: vm.vmq_weight,
            queue: None,
            vf: None,
            pf_vport: match path {
                Some(IovPath::PfVPort { vport }) => Some((vport, processor)),
                _ => None,
            },
            frames_copied: Some(rx.iter().filter(|r| r.copied).count()),
            vf_queue: None,
            frames_received: rx.len(),
            processors,
        }
    }

    /// Index of an adapter by scenario name; `None` = every adapter.
    pub fn select(&self, name: Option<&str>) -> Result<Vec<usize>, String> {
        match name {
            None => Ok((0..self.scenario.adapters.len()).collect()),
            Some(n) => self
                .scenario
                .adapters
                .iter()
                .position(|a| a.name == n)
                .map(|i| vec![i])
                .ok_or_else(|| {
                    let names: Vec<&str> = self.scenario.adapters.iter().map(|a| a.name.as_str()).collect();
                    format!("no adapter named {n:?}; this host has: {}", names.join(", "))
                }),
        }
    }

    pub fn name(&self, i: usize) -> &str {
        &self.scenario.adapters[i].name
    }

    pub fn port(&self, i: usize) -> SimPort<'_> {
        SimPort {
            adapter: self.host.adapter(i),
        }
    }

    /// Inject `count` frames on adapter `i`'s wire; returns how many the port accepted.
    pub fn inject(&self, i: usize, dst: [u8; 6], vlan: Option<u16>, count: u32, len: usize) -> u32 {
        let a = self.host.adapter(i);
        let mut accepted = 0;
        for seq in 0..count {
            if a.wire_inject(&frame(dst, vlan, len, seq)) {
                accepted += 1;
            }
            // Pace the wire like a link would: let the queues' DPCs drain their rings every
            // INJECT_BURST frames (a burst longer than a ring is dropped by the NIC, rx_no_buffer).
            if seq % INJECT_BURST == INJECT_BURST - 1 {
                self.host.quiesce();
                self.run_guest_dpcs(i);
            }
        }
        self.collect();
        accepted
    }

    /// VM `name` sends `count` frames to `dst`, with source MAC `src` (default: its own), the
    /// way its path does: a VM on a VF from its guest, through the guest VF adapter's
    /// MiniportSendNetBufferLists (the VF's own queue; the NIC's embedded switch applies
    /// anti-spoofing); any other VM through the vswitch, i.e. the PF's
    /// MiniportSendNetBufferLists (with its PF vPort's VPortId when it has one).
    /// Returns (sent, completed with NDIS_STATUS_SUCCESS).
    pub fn send_from_vm(
        &self,
        name: &str,
        dst: [u8; 6],
        src: Option<[u8; 6]>,
        count: u32,
        len: usize,
    ) -> Result<(u32, u32), String> {
        let vm = self
            .scenario
            .vm(name)
            .ok_or_else(|| format!("no vm named {name:?}"))?;
        let i = self.select(Some(&vm.adapter))?[0];
        let src = match src {
            Some(m) => m,
            None => parse_mac(&vm.mac)?,
        };
        let frames: Vec<Vec<u8>> = (0..count)
            .map(|seq| {
                let mut f = frame(dst, vm.vlan, len, seq);
                f[6..12].copy_from_slice(&src);
                f
            })
            .collect();
        // A VM on a PF vPort (SR-IOV + VMQ, or a VF VM that fell back to one) sends with its
        // vPort's VPortId; VMs the VMQ switch placed are not on the IOV switch.
        let vport = self.iov[i]
            .as_ref()
            .and_then(|sw| sw.borrow().path(name))
            .and_then(|p| match p {
                IovPath::PfVPort { vport } => u16::try_from(vport).ok(),
                _ => None,
            });
        let guests = self.guests.borrow();
        let guest = guests
            .iter()
            .find(|g| g.vm == name)
            .and_then(|g| g.guest.as_ref());
        let mut ok = 0;
        for chunk in frames.chunks(INJECT_BURST as usize) {
            let statuses = match (guest, vport) {
                (Some(g), _) => g.send(chunk),
                (None, Some(v)) => self.host.adapter(i).send_filtered(chunk, v),
                (None, None) => self.host.adapter(i).send(chunk),
            };
            ok += statuses.iter().filter(|s| **s == NDIS_STATUS_SUCCESS).count() as u32;
        }
        drop(guests);
        self.collect();
        Ok((count, ok))
    }

    /// The control-device counters of adapter `i` (the same request svnicctl sends on Windows,
    /// served by the binding in process).
    pub fn counters(&self, i: usize) -> Result<Vec<(&'static str, u64)>, String> {
        crate::ctl::CtlClient {
            transport: InProcess(self.host),
        }
        .counters(i as u32)
    }

    /// Run the scenario's `[[traffic]]` entries.
    pub fn run_traffic(&self) -> Result<Vec<String>, String> {
        let mut log = Vec::new();
        for t in &self.scenario.traffic {
            let vm = self.scenario.vm(&t.to);
            let dst = match vm {
                Some(v) => parse_mac(&v.mac)?,
                None => parse_mac(&t.to)?,
            };
            let adapter = t.adapter.as_deref().or(vm.map(|v| v.adapter.as_str()));
            let idx = match adapter {
                Some(a) => self.select(Some(a))?[0],
                None => 0,
            };
            let vlan = t.vlan.or(vm.and_then(|v| v.vlan));
            // Traffic to a VM on a VF: count the PF's DPCs around it (none should run for it).
            let guest = self.guests.borrow().iter().position(|g| {
                g.adapter == idx && g.guest.is_some() && Some(g.vm.as_str()) == vm.map(|v| v.name.as_str())
            });
            let dpcs_before = guest.map(|_| {
                self.host.quiesce();
                self.pf_dpcs()
            });
            let ok = self.inject(idx, dst, vlan, t.count, t.len as usize);
            if let (Some(g), Some(before)) = (guest, dpcs_before) {
                let after = self.pf_dpcs();
                let mut guests = self.guests.borrow_mut();
                if let Some(g) = guests.get_mut(g) {
                    g.injected += u64::from(ok);
                    g.pf_dpcs_during_traffic += after.saturating_sub(before);
                    g.pf_dpcs_around_traffic = Some((before, after));
                }
            }
            log.push(format!(
                "injected {ok}/{} frames of {} bytes to {} on {}",
                t.count,
                t.len,
                t.to,
                self.name(idx)
            ));
        }
        Ok(log)
    }

    /// Receives adapter `i` indicated so far (with queue and processor).
    pub fn received(&self, i: usize) -> Vec<CapturedRx> {
        self.rx_log.borrow()[i].clone()
    }

    /// Wait for receives still in flight and deliver them.
    pub fn settle(&self) {
        self.host.quiesce();
        std::thread::sleep(Duration::from_millis(1));
        self.collect();
    }
}
