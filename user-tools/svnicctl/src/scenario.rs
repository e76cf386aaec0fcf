//! Scenario files for the simulator backend (`svnicctl sim run host.toml`, `--scenario`).
//!
//! A scenario describes one emulated Hyper-V host: processors, svnic adapters with their
//! registry keywords, the virtual switch on each adapter, the VMs (VmqWeight, IovWeight,
//! access VLAN, MAC), the traffic to send from the wire, and the svnicctl commands to run
//! afterwards. Every reference (VM -> adapter, traffic -> VM) is checked when the file is read,
//! with the offending entry named in the error.
//!
//! ```toml
//! processors = 4
//! commands = ["vmq queues", "stats"]
//!
//! [[adapter]]
//! name = "svnic0"
//! keywords = { "*RssOrVmqPreference" = 1 }
//!
//! [[vm]]
//! name = "vm1"
//! adapter = "svnic0"
//! mac = "00-15-5D-00-00-01"
//! vmq_weight = 100
//!
//! [[traffic]]
//! to = "vm1"
//! count = 100
//! ```

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Deserialize;

/// A whole scenario.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Simulated processors (1..=64).
    #[serde(default = "default_processors")]
    pub processors: u32,
    /// svnicctl command lines to run after the traffic (`sim run`).
    #[serde(default)]
    pub commands: Vec<String>,
    #[serde(default, rename = "adapter")]
    pub adapters: Vec<AdapterSpec>,
    #[serde(default, rename = "vm")]
    pub vms: Vec<VmSpec>,
    #[serde(default, rename = "traffic")]
    pub traffic: Vec<TrafficSpec>,
}

fn default_processors() -> u32 {
    4
}

/// One svnic adapter and the external switch bound to it.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AdapterSpec {
    pub name: String,
    /// Registry keywords (name -> integer), e.g. `*RssOrVmqPreference = 1`, `*NumVFs = 4`.
    #[serde(default)]
    pub keywords: BTreeMap<String, u32>,
    /// Create the switch with IOV enabled (`New-VMSwitch -EnableIov $true`).
    #[serde(default = "yes")]
    pub iov: bool,
    /// OID_GEN_CURRENT_PACKET_FILTER set once the adapter is up, as the bound protocol does.
    /// Default: DIRECTED | MULTICAST | BROADCAST (0x0B), plus PROMISCUOUS (0x2B) when VMs are
    /// on the adapter, as the Hyper-V switch sets on its external adapter; 0 leaves it unset
    /// (the adapter indicates nothing).
    #[serde(default)]
    pub packet_filter: Option<u32>,
}

impl Scenario {
    /// The packet filter adapter `i` gets (see [`AdapterSpec::packet_filter`]).
    pub fn packet_filter(&self, i: usize) -> u32 {
        let a = &self.adapters[i];
        a.packet_filter.unwrap_or_else(|| {
            if self.vms.iter().any(|v| v.adapter == a.name) {
                0x2B
            } else {
                0x0B
            }
        })
    }
}

fn yes() -> bool {
    true
}

/// One VM with one network adapter on an svnic adapter's switch.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct VmSpec {
    pub name: String,
    pub adapter: String,
    /// The VM network adapter's MAC, `00-15-5D-..` or `00:15:5d:..`.
    pub mac: String,
    /// Access VLAN (1..=4094); absent = untagged.
    #[serde(default)]
    pub vlan: Option<u16>,
    /// `Set-VMNetworkAdapter -VmqWeight` (0..=100, 0 = no VMQ). On an SR-IOV + VMQ adapter a
    /// VM with a VmqWeight and no VF gets a PF non-default vPort instead of a VM queue.
    #[serde(default = "hundred")]
    pub vmq_weight: u32,
    /// `Set-VMNetworkAdapter -IovWeight` (0..=100, 0 = no VF).
    #[serde(default)]
    pub iov_weight: u32,
    /// Processor the VM's queue (or PF vPort) interrupts target. Default: the k-th VM with VMQ
    /// on its adapter gets processor base + 1 + (k mod max), wrapped to the host's processors,
    /// where base and max are the adapter's *RssBaseProcNumber and *MaxRssProcessors
    /// (Set-NetAdapterVmq); the base processor keeps the default queue. A VM that gets a VF
    /// is not counted in k.
    #[serde(default)]
    pub processor: Option<u8>,
}

fn hundred() -> u32 {
    100
}

/// Frames sent from the wire to a VM (by name) or to a MAC.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TrafficSpec {
    /// A VM name, a MAC address, or `broadcast`.
    pub to: String,
    /// Adapter whose wire port the frames enter; default: the VM's adapter (or the first).
    #[serde(default)]
    pub adapter: Option<String>,
    #[serde(default = "one")]
    pub count: u32,
    /// Frame length without FCS, 60..=9014.
    #[serde(default = "sixty")]
    pub len: u32,
    /// Tag with this VLAN id; default: the VM's access VLAN.
    #[serde(default)]
    pub vlan: Option<u16>,
}

fn one() -> u32 {
    1
}
fn sixty() -> u32 {
    60
}

/// Parse a MAC address written with `-` or `:` separators.
pub fn parse_mac(text: &str) -> Result<[u8; 6], String> {
    if text.eq_ignore_ascii_case("broadcast") {
        return Ok([0xff; 6]);
    }
    let parts: Vec<&str> = text.split(['-', ':']).collect();
    if parts.len() != 6 {
        return Err(format!(
            "bad MAC address {text:?}: write six hex bytes like 00-15-5D-00-00-01"
        ));
    }
    let mut mac = [0u8; 6];
    for (m, p) in mac.iter_mut().zip(parts) {
        *m = u8::from_str_radix(p, 16)
            .map_err(|_| format!("bad MAC address {text:?}: {p:?} is not a hex byte"))?;
    }
    Ok(mac)
}

impl Scenario {
    /// Read and check a scenario file.
    pub fn load(path: &Path) -> Result<Scenario, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read scenario {}: {e}", path.display()))?;
        Scenario::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Parse and check scenario text.
    pub fn parse(text: &str) -> Result<Scenario, String> {
        let s: Scenario = toml::from_str(text).map_err(|e| e.to_string())?;
        s.check()?;
        Ok(s)
    }

    fn check(&self) -> Result<(), String> {
        if !(1..=64).contains(&self.processors) {
            return Err(format!("processors = {}: must be 1..=64", self.processors));
        }
        if self.adapters.is_empty() {
            return Err("no [[adapter]]: a scenario needs at least one svnic adapter".into());
        }
        let mut names = HashSet::new();
        for a in &self.adapters {
            if !names.insert(a.name.as_str()) {
                return Err(format!("adapter {:?} is declared twice", a.name));
            }
        }
        let mut vm_names = HashSet::new();
        let mut macs = HashSet::new();
        for vm in &self.vms {
            if !vm_names.insert(vm.name.as_str()) {
                return Err(format!("vm {:?} is declared twice", vm.name));
            }
            if !names.contains(vm.adapter.as_str()) {
                return Err(format!(
                    "vm {:?}: adapter {:?} is not declared as an [[adapter]]",
                    vm.name, vm.adapter
                ));
            }
            let mac = parse_mac(&vm.mac).map_err(|e| format!("vm {:?}: {e}", vm.name))?;
            if mac[0] & 1 != 0 {
                return Err(format!("vm {:?}: {} is a multicast MAC", vm.name, vm.mac));
            }
            if !macs.insert(mac) {
                return Err(format!("vm {:?}: MAC {} is used twice", vm.name, vm.mac));
            }
            if let Some(v) = vm.vlan {
                check_vlan(v).map_err(|e| format!("vm {:?}: {e}", vm.name))?;
            }
            if let Some(p) = vm.processor {
                if u32::from(p) >= self.processors {
                    return Err(format!(
                        "vm {:?}: processor = {p}: the host has processors 0..{}",
                        vm.name, self.processors
                    ));
                }
            }
            for (what, w) in [("vmq_weight", vm.vmq_weight), ("iov_weight", vm.iov_weight)] {
                if w > 100 {
                    return Err(format!("vm {:?}: {what} = {w}: must be 0..=100", vm.name));
                }
            }
        }
        for (i, t) in self.traffic.iter().enumerate() {
            if !vm_names.contains(t.to.as_str()) {
                parse_mac(&t.to).map_err(|_| {
                    format!(
                        "traffic #{}: to = {:?} is neither a declared vm nor a MAC address",
                        i + 1,
                        t.to
                    )
                })?;
            }
            if let Some(a) = &t.adapter {
                if !names.contains(a.as_str()) {
                    return Err(format!("traffic #{}: adapter {a:?} is not declared", i + 1));
                }
            }
            if !(60..=9014).contains(&t.len) {
                return Err(format!("traffic #{}: len = {}: must be 60..=9014", i + 1, t.len));
            }
            if let Some(v) = t.vlan {
                check_vlan(v).map_err(|e| format!("traffic #{}: {e}", i + 1))?;
            }
        }
        Ok(())
    }

    #[cfg(not(windows))]
    /// Set-NetAdapterVmq on adapter `name`: write the keywords, each checked against the range
    /// the driver declares (svnic_miniport::keywords::KEYWORDS).
    pub fn set_vmq(
        &mut self,
        name: &str,
        enabled: Option<bool>,
        base: Option<u32>,
        max: Option<u32>,
    ) -> Result<(), String> {
        let a = self
            .adapters
            .iter_mut()
            .find(|a| a.name == name)
            .ok_or_else(|| format!("no adapter named {name:?}"))?;
        let writes = [
            ("*VMQ", enabled.map(u32::from)),
            ("*RssBaseProcNumber", base),
            ("*MaxRssProcessors", max),
        ];
        if writes.iter().all(|(_, v)| v.is_none()) {
            return Err("vmq set: give --enabled, --base-processor-number or --max-processors".into());
        }
        for (kw, v) in writes {
            let Some(v) = v else { continue };
            if let Some(spec) = svnic_miniport::keywords::spec(kw) {
                if v < spec.min || v > spec.max {
                    return Err(format!(
                        "{kw} = {v}: the driver accepts {}..={}",
                        spec.min, spec.max
                    ));
                }
            }
            a.keywords.insert(kw.to_string(), v);
        }
        Ok(())
    }

    #[cfg(not(windows))]
    /// The VMQ processor range of adapter `i`: (*RssBaseProcNumber, *MaxRssProcessors), with
    /// the driver's defaults when absent.
    pub fn vmq_processors(&self, i: usize) -> (u32, u32) {
        let kw = |name: &str| {
            self.adapters[i]
                .keywords
                .get(name)
                .copied()
                .unwrap_or_else(|| svnic_miniport::keywords::spec(name).map_or(0, |s| s.default))
        };
        (kw("*RssBaseProcNumber"), kw("*MaxRssProcessors").max(1))
    }

    #[cfg(not(windows))]
    /// The processors VM queues (or PF vPorts) of adapter `i` may use on a host with
    /// `processors` processors, sorted: *RssBaseProcNumber (the default queue's) and the
    /// *MaxRssProcessors processors after it, wrapped to the host's processors, the set the
    /// default placement of [`VmSpec::processor`] draws from.
    pub fn vmq_processor_set(&self, i: usize, processors: u32) -> Vec<u32> {
        let (base, max) = self.vmq_processors(i);
        let n = processors.max(1);
        let mut set: Vec<u32> = std::iter::once(base % n)
            .chain((0..max.min(n)).map(|k| (base + 1 + k) % n))
            .collect();
        set.sort_unstable();
        set.dedup();
        set
    }

    /// The VM a traffic entry targets, if it names one.
    pub fn vm(&self, name: &str) -> Option<&VmSpec> {
        self.vms.iter().find(|v| v.name == name)
    }
}

fn check_vlan(v: u16) -> Result<(), String> {
    if (1..=4094).contains(&v) {
        Ok(())
    } else {
        Err(format!("vlan = {v}: must be 1..=4094"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOST: &str = r#"
processors = 4
commands = ["vmq queues"]

[[adapter]]
name = "svnic0"
keywords = { "*RssOrVmqPreference" = 1 }

[[vm]]
name = "vm1"
adapter = "svnic0"
mac = "00-15-5D-00-00-01"
vlan = 10

[[vm]]
name = "vm2"
adapter = "svnic0"
mac = "00:15:5d:00:00:02"
iov_weight = 100

[[traffic]]
to = "vm1"
count = 3
"#;

    #[test]
    fn a_full_scenario_parses_with_defaults() {
        let s = Scenario::parse(HOST).unwrap();
        assert_eq!(s.processors, 4);
        assert_eq!(s.adapters[0].keywords.get("*RssOrVmqPreference"), Some(&1));
        assert!(s.adapters[0].iov);
        assert_eq!(
            s.packet_filter(0),
            0x2B,
            "VMs on the adapter: promiscuous as the switch sets"
        );
        let bare = Scenario::parse("[[adapter]]\nname = \"a\"\n").unwrap();
        assert_eq!(bare.packet_filter(0), 0x0B);
        assert_eq!(s.vms[0].vmq_weight, 100);
        assert_eq!(s.vms[0].vlan, Some(10));
        assert_eq!(s.vms[1].iov_weight, 100);
        assert_eq!(parse_mac(&s.vms[1].mac), Ok([0, 0x15, 0x5d, 0, 0, 2]));
        assert_eq!((s.traffic[0].count, s.traffic[0].len), (3, 60));
        assert_eq!(s.commands, vec!["vmq queues".to_string()]);
    }

    #[test]
    fn bad_references_and_values_name_the_entry() {
        let bad_vm_adapter = HOST.replacen(
            "adapter = \"svnic0\"\nmac = \"00-15-5D-00-00-01\"",
            "adapter = \"nope\"\nmac = \"00-15-5D-00-00-01\"",
            1,
        );
        assert_eq!(
            Scenario::parse(&bad_vm_adapter).unwrap_err(),
            "vm \"vm1\": adapter \"nope\" is not declared as an [[adapter]]"
        );
        let bad_target = HOST.replace("to = \"vm1\"", "to = \"vm9\"");
        assert_eq!(
            Scenario::parse(&bad_target).unwrap_err(),
            "traffic #1: to = \"vm9\" is neither a declared vm nor a MAC address"
        );
        let bad_vlan = HOST.replace("vlan = 10", "vlan = 4095");
        assert_eq!(
            Scenario::parse(&bad_vlan).unwrap_err(),
            "vm \"vm1\": vlan = 4095: must be 1..=4094"
        );
        let dup_mac = HOST.replace("00:15:5d:00:00:02", "00-15-5D-00-00-01");
        assert_eq!(
            Scenario::parse(&dup_mac).unwrap_err(),
            "vm \"vm2\": MAC 00-15-5D-00-00-01 is used twice"
        );
        let unknown = HOST.replace("count = 3", "count = 3\nspeed = 9");
        assert!(Scenario::parse(&unknown)
            .unwrap_err()
            .contains("unknown field `speed`"));
    }

    #[test]
    fn the_vmq_processor_set_is_the_base_and_max_processors_after_it_wrapped() {
        let mut s = Scenario::parse(HOST).unwrap();
        assert_eq!(
            s.vmq_processor_set(0, 4),
            [0, 1, 2, 3],
            "defaults: base 0, max 16"
        );
        s.set_vmq("svnic0", None, Some(1), Some(2)).unwrap();
        assert_eq!(s.vmq_processor_set(0, 4), [1, 2, 3]);
        s.set_vmq("svnic0", None, Some(2), Some(2)).unwrap();
        assert_eq!(
            s.vmq_processor_set(0, 4),
            [0, 2, 3],
            "base 2: 3, then 4 wraps to 0"
        );
    }

    #[test]
    fn mac_parsing() {
        assert_eq!(parse_mac("broadcast"), Ok([0xff; 6]));
        assert!(parse_mac("00-15-5D-00-00").unwrap_err().contains("six hex bytes"));
        assert!(parse_mac("00-15-5D-00-00-zz")
            .unwrap_err()
            .contains("\"zz\" is not a hex byte"));
    }
}
