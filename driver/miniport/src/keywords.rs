//! The standardized INF keywords svnic reads, and the RSS / VMQ / SR-IOV decision of spec 1.12.
//!
//! [`KEYWORDS`] is the single list of every keyword the driver may read (the INF test checks that
//! each one is declared). [`decide_interface`] implements the decision table of
//! `net/handling-sr-iov--vmq--and-rss-standardized-inf-keywords.md` (spec 1.12), including the
//! "do not read" rules: it asks the [`KeywordSource`] only for the keywords the chosen preference
//! allows, so a test can assert what was read.

/// How a keyword is presented (the INF `type` of its `NDI\params` entry, or a hidden value).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeywordType {
    /// `type = enum`, shown on the Advanced page.
    Enum,
    /// `type = int` (or dword), shown on the Advanced page.
    Int,
    /// A REG_DWORD that is never in the UI (for example `*RssOrVmqPreference`).
    Hidden,
    /// A REG_SZ value (`NetworkAddress` is `type = edit`, `*SwitchName` is a REG_SZ AddReg).
    String,
}

/// Where the keyword lives under the adapter's driver key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeywordLocation {
    /// `NDI\params\<name>` with its value directly under the driver key.
    Params,
    /// Written by the INF under `NicSwitches\0` (spec 2.8: follow the AddReg example, not the prose).
    NicSwitches0,
}

/// One keyword: name, presentation, range and the default the driver uses when it is absent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeywordSpec {
    pub name: &'static str,
    pub kind: KeywordType,
    pub location: KeywordLocation,
    pub min: u32,
    pub max: u32,
    pub default: u32,
}

const fn kw(
    name: &'static str,
    kind: KeywordType,
    location: KeywordLocation,
    min: u32,
    max: u32,
    default: u32,
) -> KeywordSpec {
    KeywordSpec {
        name,
        kind,
        location,
        min,
        max,
        default,
    }
}

use KeywordLocation::{NicSwitches0, Params};
use KeywordType::{Enum, Hidden, Int, String};

pub const VMQ: &str = "*VMQ";
pub const VMQ_VLAN_FILTERING: &str = "*VMQVlanFiltering";
pub const RSS_OR_VMQ_PREFERENCE: &str = "*RssOrVmqPreference";
pub const SRIOV: &str = "*SRIOV";
pub const SRIOV_PREFERRED: &str = "*SriovPreferred";
pub const RSS: &str = "*RSS";
pub const NUMA_NODE_ID: &str = "*NumaNodeId";
pub const RSS_BASE_PROC_GROUP: &str = "*RssBaseProcGroup";
pub const RSS_BASE_PROC_NUMBER: &str = "*RssBaseProcNumber";
pub const MAX_RSS_PROCESSORS: &str = "*MaxRssProcessors";
pub const RSS_MAX_PROC_NUMBER: &str = "*RssMaxProcNumber";
pub const NUM_RSS_QUEUES: &str = "*NumRSSQueues";
pub const NUM_VFS: &str = "*NumVFs";
pub const SWITCH_ID: &str = "*SwitchId";
pub const SWITCH_NAME: &str = "*SwitchName";
pub const SWITCH_TYPE: &str = "*SwitchType";
pub const FLAGS: &str = "*Flags";
pub const NETWORK_ADDRESS: &str = "NetworkAddress";
pub const JUMBO_PACKET: &str = "*JumboPacket";

/// Largest frame (with the 14-byte Ethernet header, without FCS) `*JumboPacket` may ask for.
pub const MAX_JUMBO_PACKET: u32 = 9014;
/// The standard Ethernet frame (1500 + 14), the `*JumboPacket` minimum and default.
pub const STANDARD_PACKET: u32 = 1514;
/// The most VFs the modeled device exposes (`*NumVFs` upper bound).
pub const MAX_NUM_VFS: u32 = 64;

/// Every keyword the driver reads, with the values of spec 1.12 and 2.8.
pub const KEYWORDS: &[KeywordSpec] = &[
    kw(VMQ, Enum, Params, 0, 1, 1),
    kw(VMQ_VLAN_FILTERING, Enum, Params, 0, 1, 1),
    kw(RSS_OR_VMQ_PREFERENCE, Hidden, Params, 0, 1, 0),
    kw(SRIOV, Enum, Params, 0, 1, 1),
    kw(SRIOV_PREFERRED, Hidden, Params, 0, 1, 0),
    kw(RSS, Enum, Params, 0, 1, 1),
    kw(NUMA_NODE_ID, Int, Params, 0, 65535, 65535),
    kw(RSS_BASE_PROC_GROUP, Int, Params, 0, 31, 0),
    kw(RSS_BASE_PROC_NUMBER, Int, Params, 0, 63, 0),
    kw(MAX_RSS_PROCESSORS, Int, Params, 1, 64, 16),
    kw(RSS_MAX_PROC_NUMBER, Int, Params, 0, 63, 63),
    kw(NUM_RSS_QUEUES, Int, Params, 1, 16, 16),
    kw(NUM_VFS, Int, NicSwitches0, 0, MAX_NUM_VFS, 8),
    kw(SWITCH_ID, Int, NicSwitches0, 0, 0, 0),
    kw(SWITCH_NAME, String, NicSwitches0, 0, 0, 0),
    kw(SWITCH_TYPE, Int, NicSwitches0, 1, 1, 1),
    kw(FLAGS, Int, NicSwitches0, 0, 0, 0),
    kw(NETWORK_ADDRESS, String, Params, 0, 0, 0),
    kw(
        JUMBO_PACKET,
        Int,
        Params,
        STANDARD_PACKET,
        MAX_JUMBO_PACKET,
        STANDARD_PACKET,
    ),
];

/// The spec of a keyword by name (case-insensitive, as the registry is).
pub fn spec(name: &str) -> Option<&'static KeywordSpec> {
    KEYWORDS.iter().find(|k| k.name.eq_ignore_ascii_case(name))
}

/// Where integer keywords come from: the binding reads them with NdisReadConfiguration, tests
/// from a table. `None` means absent (or not an integer).
pub trait KeywordSource {
    fn read_int(&self, name: &str) -> Option<u32>;
}

/// Read an integer keyword clamped to its declared range: absent or out of range gives the
/// default (an out-of-range registry value is untrusted input, not an error).
pub fn read_or_default(src: &dyn KeywordSource, name: &str) -> u32 {
    let Some(s) = spec(name) else {
        return src.read_int(name).unwrap_or(0);
    };
    match src.read_int(name) {
        Some(v) if v >= s.min && v <= s.max => v,
        _ => s.default,
    }
}

/// The receive-scaling interface the adapter enables (spec 1.12). RSS cannot coexist with VMQ or
/// SR-IOV; SR-IOV with VMQ can.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interface {
    None,
    Rss,
    Vmq,
    /// SR-IOV with VMQ on the PF's default vPort.
    SriovVmq,
    /// SR-IOV without VMQ.
    Sriov,
}

impl Interface {
    pub const fn vmq(self) -> bool {
        matches!(self, Self::Vmq | Self::SriovVmq)
    }
    pub const fn sriov(self) -> bool {
        matches!(self, Self::Sriov | Self::SriovVmq)
    }
    pub const fn rss(self) -> bool {
        matches!(self, Self::Rss)
    }
}

/// A boolean keyword: 1 is on; 0, absent or anything else is off ("0 = 0 or absent" in spec 1.12).
fn flag(src: &dyn KeywordSource, name: &str) -> bool {
    src.read_int(name) == Some(1)
}

/// An enable keyword whose documented default is Enabled: absent is on, only 0 is off.
fn enabled(src: &dyn KeywordSource, name: &str) -> bool {
    src.read_int(name) != Some(0)
}

/// The decision table of spec 1.12, over (*SriovPreferred, *RssOrVmqPreference, *SRIOV, *VMQ, *RSS).
///
/// Reads `*SriovPreferred` and `*RssOrVmqPreference` first, then only what the preference
/// allows: RSS-preferred reads only `*RSS`; VMQ-preferred reads only `*VMQ`; SR-IOV-preferred
/// reads `*SRIOV` and `*VMQ`, never `*RSS`. `*SRIOV` is read only when `sriov_capable` (a PF on
/// hardware with the SR-IOV capability); a VF never reports SR-IOV.
///
/// The documented rows use "0 = 0 or absent" for the preference keywords; the enable keywords
/// (`*SRIOV`, `*VMQ`, `*RSS`) default to Enabled when absent, as their INF defaults are 1.
/// SR-IOV-preferred with `*SRIOV`=1 and `*VMQ`=0 (a row the docs leave out) gives SR-IOV alone
/// [INFERRED]; SR-IOV-preferred implies VMQ-preferred for the non-SR-IOV rows ("1,any,0,0 -> none").
pub fn decide_interface(src: &dyn KeywordSource, sriov_capable: bool) -> Interface {
    let sriov_preferred = flag(src, SRIOV_PREFERRED);
    let vmq_preferred = flag(src, RSS_OR_VMQ_PREFERENCE);
    if sriov_preferred {
        let sriov = sriov_capable && enabled(src, SRIOV);
        let vmq = enabled(src, VMQ);
        return match (sriov, vmq) {
            (true, true) => Interface::SriovVmq,
            (true, false) => Interface::Sriov,
            (false, true) => Interface::Vmq,
            (false, false) => Interface::None,
        };
    }
    if vmq_preferred {
        return if enabled(src, VMQ) {
            Interface::Vmq
        } else {
            Interface::None
        };
    }
    if enabled(src, RSS) {
        Interface::Rss
    } else {
        Interface::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::{String, ToString};
    use alloc::vec::Vec;
    use core::cell::RefCell;

    struct Table {
        values: Vec<(&'static str, u32)>,
        read: RefCell<Vec<String>>,
    }

    impl Table {
        fn new(values: &[(&'static str, u32)]) -> Self {
            Self {
                values: values.to_vec(),
                read: RefCell::new(Vec::new()),
            }
        }
        fn was_read(&self, name: &str) -> bool {
            self.read.borrow().iter().any(|n| n == name)
        }
    }

    impl KeywordSource for Table {
        fn read_int(&self, name: &str) -> Option<u32> {
            self.read.borrow_mut().push(name.to_string());
            self.values.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
        }
    }

    fn row(sp: u32, pref: u32, sriov: Option<u32>, vmq: Option<u32>, rss: Option<u32>) -> Table {
        let mut v = alloc::vec![(SRIOV_PREFERRED, sp), (RSS_OR_VMQ_PREFERENCE, pref)];
        if let Some(x) = sriov {
            v.push((SRIOV, x));
        }
        if let Some(x) = vmq {
            v.push((VMQ, x));
        }
        if let Some(x) = rss {
            v.push((RSS, x));
        }
        Table::new(&v)
    }

    #[test]
    fn decision_table_all_seven_rows_of_spec_1_12() {
        // (1,1,1,1,-) -> SR-IOV + VMQ
        let t = row(1, 1, Some(1), Some(1), Some(1));
        assert_eq!(decide_interface(&t, true), Interface::SriovVmq);
        assert!(!t.was_read(RSS));
        // (1,1,0,1,-) -> VMQ
        let t = row(1, 1, Some(0), Some(1), Some(1));
        assert_eq!(decide_interface(&t, true), Interface::Vmq);
        assert!(!t.was_read(RSS));
        // (1,any,0,0,-) -> none
        for pref in [0, 1] {
            let t = row(1, pref, Some(0), Some(0), Some(1));
            assert_eq!(decide_interface(&t, true), Interface::None);
            assert!(!t.was_read(RSS));
        }
        // (0,1,-,1,-) -> VMQ, reads neither RSS nor SR-IOV keywords
        let t = row(0, 1, Some(1), Some(1), Some(1));
        assert_eq!(decide_interface(&t, true), Interface::Vmq);
        assert!(!t.was_read(RSS) && !t.was_read(SRIOV));
        // (0,1,-,0,-) -> none
        let t = row(0, 1, Some(1), Some(0), Some(1));
        assert_eq!(decide_interface(&t, true), Interface::None);
        // (0,0,-,-,1) -> RSS, reads neither VMQ nor SR-IOV keywords
        let t = row(0, 0, Some(1), Some(1), Some(1));
        assert_eq!(decide_interface(&t, true), Interface::Rss);
        assert!(!t.was_read(VMQ) && !t.was_read(SRIOV));
        // (0,0,-,-,0) -> none
        let t = row(0, 0, Some(1), Some(1), Some(0));
        assert_eq!(decide_interface(&t, true), Interface::None);
    }

    #[test]
    fn absent_preferences_mean_rss_preferred() {
        let t = Table::new(&[]);
        assert_eq!(decide_interface(&t, true), Interface::Rss);
    }

    #[test]
    fn sriov_not_reported_without_sriov_capability() {
        let t = row(1, 1, Some(1), Some(1), None);
        assert_eq!(decide_interface(&t, false), Interface::Vmq);
        assert!(!t.was_read(SRIOV));
    }

    #[test]
    fn out_of_range_keyword_reads_as_default() {
        let t = Table::new(&[(JUMBO_PACKET, 100_000), (NUM_VFS, 4)]);
        assert_eq!(read_or_default(&t, JUMBO_PACKET), STANDARD_PACKET);
        assert_eq!(read_or_default(&t, NUM_VFS), 4);
        assert_eq!(read_or_default(&t, VMQ), 1);
    }

    #[test]
    fn keyword_names_are_unique() {
        for (i, a) in KEYWORDS.iter().enumerate() {
            for b in KEYWORDS.iter().skip(i + 1) {
                assert!(!a.name.eq_ignore_ascii_case(b.name), "{}", a.name);
            }
            assert!(a.min <= a.default && a.default <= a.max || a.kind == KeywordType::String);
        }
    }
}
