//! The INF files against the specification and against the driver.
//!
//! `inf/svnic.inx` (PF) and `inf/svnicvf.inx` (VF) are parsed by the small INF reader below
//! (sections, `key = value` lines, HKR AddReg lines with quoted values, `;` comments, `\` line
//! continuations, `%string%` tokens) and checked three ways:
//!
//! 1. every keyword of spec 1.12 / 2.8 the driver supports has the type, range and default of
//!    the spec's table (encoded here as [`SPEC`], independent of the driver's own list);
//! 2. every keyword in `svnic_miniport::keywords::KEYWORDS` is declared in the PF INF, with the
//!    same range and default, and the PF INF declares nothing the driver does not read;
//! 3. the VF INF declares only what the VF miniport reads ([`VF_READS`]) and no SR-IOV, VMQ or
//!    NIC-switch keyword (spec 2.7).

use std::collections::BTreeMap;
use std::path::PathBuf;

use svnic_miniport::keywords::{KeywordLocation, KeywordType, KEYWORDS};

// ---------------------------------------------------------------------------------------------
// A small INF reader
// ---------------------------------------------------------------------------------------------

/// One logical line: `key = v1, v2` (key is `Some`) or `v1, v2, ...` (key is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Line {
    /// 1-based number of the physical line the logical line starts on.
    lineno: usize,
    key: Option<String>,
    values: Vec<String>,
}

#[derive(Debug, Default)]
struct Inf {
    /// Section name (lower case, as INF section names are case-insensitive) -> lines.
    sections: BTreeMap<String, Vec<Line>>,
}

/// Split a logical line into comma-separated fields, honouring quotes (`""` inside a quoted
/// field is a literal quote) and stopping at a `;` comment outside quotes. Returns the fields
/// with surrounding whitespace and quotes removed, and the position of the first `=` outside
/// quotes (in field terms: the index of the field it occurs in and the byte offset inside).
fn split_fields(text: &str) -> (Vec<String>, Option<(usize, usize)>) {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut in_quotes = false;
    let mut quoted_field = false;
    let mut eq = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if in_quotes && chars.peek() == Some(&'"') => {
                chars.next();
                cur.push('"');
            }
            '"' => {
                in_quotes = !in_quotes;
                quoted_field = true;
            }
            ';' if !in_quotes => break,
            ',' if !in_quotes => {
                fields.push(finish_field(&cur, quoted_field));
                cur.clear();
                quoted_field = false;
            }
            '=' if !in_quotes && eq.is_none() => {
                eq = Some((fields.len(), cur.len()));
                cur.push('=');
            }
            _ => cur.push(c),
        }
    }
    fields.push(finish_field(&cur, quoted_field));
    (fields, eq)
}

/// Quotes were removed while scanning; whitespace around a field is not part of it.
fn finish_field(raw: &str, _quoted: bool) -> String {
    raw.trim().to_string()
}

/// Remove a `;` comment that is outside quotes.
fn strip_comment(line: &str) -> &str {
    let mut in_quotes = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            ';' if !in_quotes => return &line[..i],
            _ => {}
        }
    }
    line
}

impl Inf {
    fn parse(text: &str) -> Inf {
        let mut inf = Inf::default();
        let mut current: Option<String> = None;
        let mut pending = String::new();
        let mut pending_start = 0;
        for (i, raw) in text.lines().enumerate() {
            let lineno = i + 1;
            let body = strip_comment(raw).trim_end();
            if pending.is_empty() {
                pending_start = lineno;
            }
            // A backslash as the last character (outside a comment) continues the line.
            if let Some(head) = body.strip_suffix('\\') {
                pending.push_str(head);
                pending.push(' ');
                continue;
            }
            pending.push_str(body);
            let logical = std::mem::take(&mut pending);
            let logical = logical.trim();
            if logical.is_empty() {
                continue;
            }
            if logical.starts_with('[') && logical.ends_with(']') {
                let name = logical[1..logical.len() - 1].trim().to_ascii_lowercase();
                inf.sections.entry(name.clone()).or_default();
                current = Some(name);
                continue;
            }
            let section = current
                .clone()
                .unwrap_or_else(|| panic!("line {lineno}: text before the first section"));
            let (mut fields, eq) = split_fields(logical);
            let key = match eq {
                // `key = value`: only when the `=` is in the first field (an `=` inside a later
                // field of an AddReg line is data).
                Some((0, at)) => {
                    let first = fields.remove(0);
                    let (k, v) = first.split_at(at);
                    let v = v[1..].trim();
                    let v = v.trim_matches('"').to_string();
                    fields.insert(0, v);
                    Some(k.trim().to_string())
                }
                _ => None,
            };
            inf.sections.get_mut(&section).unwrap().push(Line {
                lineno: pending_start,
                key,
                values: fields,
            });
        }
        assert!(pending.is_empty(), "continuation at end of file");
        inf.expand_strings();
        inf
    }

    /// Replace `%token%` with its [Strings] value and `%%` with `%`.
    fn expand_strings(&mut self) {
        let strings: BTreeMap<String, String> = self
            .sections
            .get("strings")
            .map(|lines| {
                lines
                    .iter()
                    .filter_map(|l| {
                        let v = l.values.first()?;
                        Some((l.key.clone()?.to_ascii_lowercase(), v.clone()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        for (name, lines) in self.sections.iter_mut() {
            if name == "strings" {
                continue;
            }
            for line in lines.iter_mut() {
                for v in line.values.iter_mut() {
                    *v = expand(v, &strings, line.lineno);
                }
            }
        }
    }

    fn section(&self, name: &str) -> &[Line] {
        self.sections
            .get(&name.to_ascii_lowercase())
            .unwrap_or_else(|| panic!("section [{name}] missing"))
    }

    fn has_section(&self, name: &str) -> bool {
        self.sections.contains_key(&name.to_ascii_lowercase())
    }

    /// Values of the directive `key` in `section` (case-insensitive key).
    fn directive(&self, section: &str, key: &str) -> Option<&[String]> {
        self.section(section)
            .iter()
            .find(|l| l.key.as_deref().is_some_and(|k| k.eq_ignore_ascii_case(key)))
            .map(|l| l.values.as_slice())
    }

    /// The single value of `key` in `section`.
    fn value(&self, section: &str, key: &str) -> Option<&str> {
        self.directive(section, key)
            .and_then(|v| v.first())
            .map(String::as_str)
    }

    /// The registry an install section writes with its AddReg directives: HKR values keyed by
    /// (subkey, value name), both lower case.
    fn hkr(&self, install_section: &str) -> Registry {
        let mut reg = Registry::default();
        let Some(addreg) = self.directive(install_section, "AddReg") else {
            return reg;
        };
        for section in addreg {
            for line in self.section(section) {
                assert!(line.key.is_none(), "line {}: AddReg line with '='", line.lineno);
                let v = &line.values;
                assert!(v.len() >= 4, "line {}: short AddReg line {v:?}", line.lineno);
                assert_eq!(v[0], "HKR", "line {}: only HKR is used", line.lineno);
                let flags =
                    parse_number(&v[3]).unwrap_or_else(|| panic!("line {}: flags {:?}", line.lineno, v[3]));
                let data = v.get(4).cloned().unwrap_or_default();
                let key = (v[1].to_ascii_lowercase(), v[2].to_ascii_lowercase());
                let prev = reg.values.insert(
                    key,
                    RegValue {
                        flags,
                        data,
                        lineno: line.lineno,
                    },
                );
                assert!(prev.is_none(), "line {}: value written twice", line.lineno);
            }
        }
        reg
    }

    /// Every non-comment text of the file, to assert a name appears nowhere.
    fn mentions(&self, needle: &str) -> Option<usize> {
        let needle = needle.to_ascii_lowercase();
        self.sections.values().flatten().find_map(|l| {
            let hit = l
                .key
                .iter()
                .chain(l.values.iter())
                .any(|s| s.to_ascii_lowercase().contains(&needle));
            hit.then_some(l.lineno)
        })
    }
}

fn expand(v: &str, strings: &BTreeMap<String, String>, lineno: usize) -> String {
    let mut out = String::new();
    let mut rest = v;
    while let Some(start) = rest.find('%') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let end = after
            .find('%')
            .unwrap_or_else(|| panic!("line {lineno}: unmatched % in {v:?}"));
        let token = &after[..end];
        if token.is_empty() {
            out.push('%');
        } else if token.chars().all(|c| c.is_ascii_digit()) {
            // %13% and friends are DIRIDs, kept as written.
            out.push('%');
            out.push_str(token);
            out.push('%');
        } else {
            let s = strings
                .get(&token.to_ascii_lowercase())
                .unwrap_or_else(|| panic!("line {lineno}: %{token}% not in [Strings]"));
            out.push_str(s);
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

fn parse_number(s: &str) -> Option<u32> {
    let s = s.trim();
    match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(hex) => u32::from_str_radix(hex, 16).ok(),
        None => s.parse().ok(),
    }
}

const FLG_ADDREG_TYPE_SZ: u32 = 0x0000_0000;
const FLG_ADDREG_TYPE_DWORD: u32 = 0x0001_0001;

#[derive(Debug, Clone)]
struct RegValue {
    flags: u32,
    data: String,
    lineno: usize,
}

#[derive(Debug, Default)]
struct Registry {
    values: BTreeMap<(String, String), RegValue>,
}

impl Registry {
    fn get(&self, subkey: &str, name: &str) -> Option<&RegValue> {
        self.values
            .get(&(subkey.to_ascii_lowercase(), name.to_ascii_lowercase()))
    }

    /// A REG_SZ value of `Ndi\params\<kw>`, parsed as a number.
    fn param_number(&self, kw: &str, name: &str) -> Option<u32> {
        let v = self.get(&format!("Ndi\\params\\{kw}"), name)?;
        assert_eq!(
            v.flags, FLG_ADDREG_TYPE_SZ,
            "line {}: {kw} {name} must be REG_SZ",
            v.lineno
        );
        Some(parse_number(&v.data).unwrap_or_else(|| panic!("line {}: {kw} {name} = {:?}", v.lineno, v.data)))
    }

    fn param_str(&self, kw: &str, name: &str) -> Option<&str> {
        self.get(&format!("Ndi\\params\\{kw}"), name)
            .map(|v| v.data.as_str())
    }

    /// Keywords declared under Ndi\params (lower case).
    fn params(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .values
            .keys()
            .filter_map(|(k, _)| k.strip_prefix("ndi\\params\\"))
            .map(|rest| rest.split('\\').next().unwrap_or(rest).to_string())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Enum values declared under Ndi\params\<kw>\enum, as numbers.
    fn enum_values(&self, kw: &str) -> Vec<u32> {
        let sub = format!("ndi\\params\\{}\\enum", kw.to_ascii_lowercase());
        let mut out: Vec<u32> = self
            .values
            .iter()
            .filter(|((k, _), _)| *k == sub)
            .map(|((_, name), v)| {
                assert!(
                    !v.data.is_empty(),
                    "line {}: enum {kw} value {name} has no text",
                    v.lineno
                );
                parse_number(name).unwrap_or_else(|| panic!("line {}: enum value {name:?}", v.lineno))
            })
            .collect();
        out.sort();
        out
    }

    fn nic_switch(&self, name: &str) -> Option<&RegValue> {
        self.get("NicSwitches\\0", name)
    }
}

// ---------------------------------------------------------------------------------------------
// The files
// ---------------------------------------------------------------------------------------------

fn inf_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../inf")
        .join(name)
}

fn load(name: &str) -> Inf {
    let path = inf_path(name);
    let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(
        text.is_ascii(),
        "{name} must stay ASCII (not UTF-16) so that it diffs"
    );
    Inf::parse(std::str::from_utf8(&text).unwrap())
}

/// Install sections of the PF: root-enumerated and PCI models.
const PF_INSTALL: &[&str] = &["svnic_root.NT", "svnic_pci.NT"];
const VF_INSTALL: &str = "svnicvf.NT";

/// Hardware ids of the device model (driver/device/src/config.rs, `DeviceConfig::default`):
/// vendor 0x5356, PF device 0x1000, VF device 0x1001, subsystem 0x5356/0x0001.
const PF_ROOT_HWID: &str = "root\\svnic";
const PF_PCI_HWID: &str = "PCI\\VEN_5356&DEV_1000&SUBSYS_00015356";
const VF_PCI_HWID: &str = "PCI\\VEN_5356&DEV_1001&SUBSYS_00015356";

// ---------------------------------------------------------------------------------------------
// The spec's table (spec 1.12 and 2.8), written out independently of the driver's KEYWORDS
// ---------------------------------------------------------------------------------------------

#[derive(Debug)]
enum Expect {
    /// Ndi\params, `type = enum`, exactly these values, this default.
    Enum { values: &'static [u32], default: u32 },
    /// Ndi\params, `type = int`, this minimum and default; the maximum within `max` (the spec
    /// bounds some by the system or the device: MAXIMUM_GROUPS-1, MAXIMUM_PROC_PER_SYSTEM).
    Int {
        min: u32,
        max: core::ops::RangeInclusive<u32>,
        default: u32,
    },
    /// Hidden: never in the INF (neither Ndi\params nor a plain value).
    Hidden,
    /// `HKR, NicSwitches\0` REG_DWORD with a value in this range.
    SwitchDword(core::ops::RangeInclusive<u32>),
    /// `HKR, NicSwitches\0` REG_SZ with exactly this text.
    SwitchString(&'static str),
}

/// spec 1.12 and 2.8, the rows svnic supports (`*VMQLookaheadSplit` is obsolete for 6.30+,
/// `*RssOnHostVPorts` (VMMQ) and `*RSSProfile` are not supported, so they are not declared).
const SPEC: &[(&str, Expect)] = &[
    (
        "*VMQ",
        Expect::Enum {
            values: &[0, 1],
            default: 1,
        },
    ),
    (
        "*VMQVlanFiltering",
        Expect::Enum {
            values: &[0, 1],
            default: 1,
        },
    ),
    ("*RssOrVmqPreference", Expect::Hidden),
    (
        "*SRIOV",
        Expect::Enum {
            values: &[0, 1],
            default: 1,
        },
    ),
    ("*SriovPreferred", Expect::Hidden),
    (
        "*RSS",
        Expect::Enum {
            values: &[0, 1],
            default: 1,
        },
    ),
    // MAXIMUM_GROUPS is 32 on current x64 Windows: 0..=31 at most.
    (
        "*RssBaseProcGroup",
        Expect::Int {
            min: 0,
            max: 0..=31,
            default: 0,
        },
    ),
    (
        "*RssBaseProcNumber",
        Expect::Int {
            min: 0,
            max: 63..=63,
            default: 0,
        },
    ),
    (
        "*RssMaxProcNumber",
        Expect::Int {
            min: 0,
            max: 63..=63,
            default: 63,
        },
    ),
    // 1..MAXIMUM_PROC_PER_SYSTEM, default 16: the maximum must at least admit the default.
    (
        "*MaxRssProcessors",
        Expect::Int {
            min: 1,
            max: 16..=2048,
            default: 16,
        },
    ),
    // 1..(what the device has), default 16.
    (
        "*NumRSSQueues",
        Expect::Int {
            min: 1,
            max: 16..=64,
            default: 16,
        },
    ),
    (
        "*NumaNodeId",
        Expect::Int {
            min: 0,
            max: 65535..=65535,
            default: 65535,
        },
    ),
    // spec 2.8: NicSwitches\0, all "must" values.
    ("*SwitchId", Expect::SwitchDword(0..=0)),
    ("*SwitchType", Expect::SwitchDword(1..=1)),
    ("*Flags", Expect::SwitchDword(0..=0)),
    ("*SwitchName", Expect::SwitchString("Default Switch")),
    // 0..n, n = the VFs the hardware supports (the model's default TotalVFs is 32).
    ("*NumVFs", Expect::SwitchDword(0..=32)),
];

/// What the VF miniport reads (spec 2.7: never an SR-IOV keyword; svnic's VF has one queue pair,
/// so no RSS keyword either).
const VF_READS: &[&str] = &["*JumboPacket"];

fn check_spec_row(reg: &Registry, name: &str, expect: &Expect) {
    match expect {
        Expect::Enum { values, default } => {
            assert_eq!(reg.param_str(name, "type"), Some("enum"), "{name}: type");
            assert_eq!(reg.enum_values(name), values.to_vec(), "{name}: enum values");
            assert_eq!(
                reg.param_number(name, "default"),
                Some(*default),
                "{name}: default"
            );
            assert!(
                reg.param_str(name, "ParamDesc").is_some_and(|d| !d.is_empty()),
                "{name}: ParamDesc"
            );
        }
        Expect::Int { min, max, default } => {
            assert_eq!(reg.param_str(name, "type"), Some("int"), "{name}: type");
            assert_eq!(reg.param_number(name, "min"), Some(*min), "{name}: min");
            let m = reg
                .param_number(name, "max")
                .unwrap_or_else(|| panic!("{name}: no max"));
            assert!(max.contains(&m), "{name}: max {m} outside the spec's {max:?}");
            assert_eq!(
                reg.param_number(name, "default"),
                Some(*default),
                "{name}: default"
            );
            assert_eq!(reg.param_number(name, "step"), Some(1), "{name}: step");
            assert!(
                reg.param_str(name, "ParamDesc").is_some_and(|d| !d.is_empty()),
                "{name}: ParamDesc"
            );
        }
        Expect::Hidden => {
            assert!(
                !reg.values
                    .keys()
                    .any(|(k, v)| k.contains(&name.to_ascii_lowercase()) || v.eq_ignore_ascii_case(name)),
                "{name} is hidden (spec 1.12: never in INF/UI)"
            );
        }
        Expect::SwitchDword(range) => {
            let v = reg
                .nic_switch(name)
                .unwrap_or_else(|| panic!("{name} not under NicSwitches\\0"));
            assert_eq!(
                v.flags, FLG_ADDREG_TYPE_DWORD,
                "line {}: {name} must be REG_DWORD",
                v.lineno
            );
            let n = parse_number(&v.data).unwrap();
            assert!(
                range.contains(&n),
                "line {}: {name} = {n}, spec {range:?}",
                v.lineno
            );
        }
        Expect::SwitchString(text) => {
            let v = reg
                .nic_switch(name)
                .unwrap_or_else(|| panic!("{name} not under NicSwitches\\0"));
            assert_eq!(
                v.flags, FLG_ADDREG_TYPE_SZ,
                "line {}: {name} must be REG_SZ",
                v.lineno
            );
            assert_eq!(v.data, *text, "line {}: {name}", v.lineno);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[test]
fn parser_reads_sections_directives_addreg_quotes_comments_and_continuations() {
    let inf = Inf::parse(
        "; leading comment\n\
         [Version]\n\
         Signature = \"$WINDOWS NT$\" ; trailing comment\n\
         [Install.NT]\n\
         AddReg = A.Reg, \\\n\
         \x20        B.Reg\n\
         [A.Reg]\n\
         HKR, Ndi\\params\\*X, ParamDesc, 0, %Desc%\n\
         HKR, Ndi\\params\\*X, default, 0, \"a;b,c\"\"d\"\n\
         HKR, , Path, 0x00020000, \"%%SystemRoot%%\\x.dll\"\n\
         [B.Reg]\n\
         HKR, NicSwitches\\0, *NumVFs, 0x00010001, 4\n\
         [Strings]\n\
         Desc = \"The X = keyword\"\n",
    );
    assert_eq!(inf.value("Version", "signature"), Some("$WINDOWS NT$"));
    assert_eq!(
        inf.directive("install.nt", "AddReg").unwrap(),
        &["A.Reg".to_string(), "B.Reg".to_string()]
    );
    let reg = inf.hkr("Install.NT");
    assert_eq!(reg.param_str("*X", "ParamDesc"), Some("The X = keyword"));
    assert_eq!(reg.param_str("*X", "default"), Some("a;b,c\"d"));
    assert_eq!(reg.get("", "Path").unwrap().data, "%SystemRoot%\\x.dll");
    let vfs = reg.nic_switch("*NumVFs").unwrap();
    assert_eq!(
        (vfs.flags, vfs.data.as_str(), vfs.lineno),
        (FLG_ADDREG_TYPE_DWORD, "4", 12)
    );
    assert_eq!(inf.section("A.Reg")[0].lineno, 8);
}

#[test]
fn pf_inf_keywords_match_the_spec_table_in_type_range_and_default() {
    let inf = load("svnic.inx");
    for install in PF_INSTALL {
        let reg = inf.hkr(install);
        for (name, expect) in SPEC {
            check_spec_row(&reg, name, expect);
        }
    }
}

#[test]
fn hidden_preference_keywords_appear_in_neither_inf() {
    for file in ["svnic.inx", "svnicvf.inx"] {
        let inf = load(file);
        for name in ["*RssOrVmqPreference", "*SriovPreferred"] {
            assert_eq!(inf.mentions(name), None, "{file} mentions hidden keyword {name}");
        }
    }
}

#[test]
fn every_driver_keyword_is_declared_in_the_pf_inf_with_the_driver_range() {
    let inf = load("svnic.inx");
    for install in PF_INSTALL {
        let reg = inf.hkr(install);
        for kw in KEYWORDS {
            let name = kw.name;
            match (kw.location, kw.kind) {
                (KeywordLocation::Params, KeywordType::Enum) => {
                    assert_eq!(reg.param_str(name, "type"), Some("enum"), "{name}");
                    assert_eq!(
                        reg.enum_values(name),
                        (kw.min..=kw.max).collect::<Vec<_>>(),
                        "{name}"
                    );
                    assert_eq!(reg.param_number(name, "default"), Some(kw.default), "{name}");
                }
                (KeywordLocation::Params, KeywordType::Int) => {
                    assert_eq!(reg.param_str(name, "type"), Some("int"), "{name}");
                    assert_eq!(reg.param_number(name, "min"), Some(kw.min), "{name}");
                    assert_eq!(reg.param_number(name, "max"), Some(kw.max), "{name}");
                    assert_eq!(reg.param_number(name, "default"), Some(kw.default), "{name}");
                }
                (_, KeywordType::Hidden) => {
                    check_spec_row(&reg, name, &Expect::Hidden);
                }
                (KeywordLocation::Params, KeywordType::String) => {
                    assert_eq!(reg.param_str(name, "type"), Some("edit"), "{name}");
                }
                (KeywordLocation::NicSwitches0, KeywordType::Int | KeywordType::Enum) => {
                    let v = reg
                        .nic_switch(name)
                        .unwrap_or_else(|| panic!("{name} not declared"));
                    assert_eq!(v.flags, FLG_ADDREG_TYPE_DWORD, "{name}");
                    assert_eq!(
                        parse_number(&v.data),
                        Some(kw.default),
                        "{name}: INF value is the driver default"
                    );
                    assert!((kw.min..=kw.max).contains(&kw.default), "{name}");
                }
                (KeywordLocation::NicSwitches0, KeywordType::String) => {
                    let v = reg
                        .nic_switch(name)
                        .unwrap_or_else(|| panic!("{name} not declared"));
                    assert_eq!(v.flags, FLG_ADDREG_TYPE_SZ, "{name}");
                }
            }
        }
    }
}

#[test]
fn pf_inf_declares_no_keyword_the_driver_does_not_read() {
    let inf = load("svnic.inx");
    let known = |n: &str| KEYWORDS.iter().any(|k| k.name.eq_ignore_ascii_case(n));
    for install in PF_INSTALL {
        let reg = inf.hkr(install);
        for p in reg.params() {
            assert!(known(&p), "{install}: Ndi\\params\\{p} is not in KEYWORDS");
        }
        for ((sub, name), v) in &reg.values {
            if sub == "nicswitches\\0" {
                assert!(
                    known(name),
                    "line {}: NicSwitches\\0 {name} is not in KEYWORDS",
                    v.lineno
                );
            }
        }
    }
}

#[test]
fn every_spec_row_is_a_driver_keyword() {
    for (name, _) in SPEC {
        assert!(
            KEYWORDS.iter().any(|k| k.name == *name),
            "{name} is in the spec table but not in KEYWORDS"
        );
    }
}

#[test]
fn vf_inf_declares_only_what_the_vf_reads() {
    let inf = load("svnicvf.inx");
    let reg = inf.hkr(VF_INSTALL);
    let params = reg.params();
    let expected: Vec<String> = VF_READS.iter().map(|s| s.to_ascii_lowercase()).collect();
    assert_eq!(params, expected);
    for kw in VF_READS {
        let spec = KEYWORDS.iter().find(|k| k.name == *kw).unwrap();
        assert_eq!(reg.param_number(kw, "min"), Some(spec.min), "{kw}");
        assert_eq!(reg.param_number(kw, "max"), Some(spec.max), "{kw}");
        assert_eq!(reg.param_number(kw, "default"), Some(spec.default), "{kw}");
    }
    for banned in [
        "*SRIOV",
        "*SriovPreferred",
        "*VMQ",
        "*VMQVlanFiltering",
        "*RssOrVmqPreference",
        "NicSwitches",
        "*NumVFs",
        "*SwitchId",
        "*SwitchName",
        "*SwitchType",
        "*Flags",
        "PciSriovSupported",
    ] {
        assert_eq!(inf.mentions(banned), None, "svnicvf.inx mentions {banned}");
    }
}

fn check_common_install(inf: &Inf, install: &str) {
    assert_eq!(inf.value(install, "*IfType"), Some("6"), "{install}");
    assert_eq!(inf.value(install, "*MediaType"), Some("0"), "{install}");
    assert_eq!(inf.value(install, "*PhysicalMediaType"), Some("14"), "{install}");
    assert_eq!(
        inf.value(install, "NumberOfNetworkInterfaces"),
        Some("1"),
        "{install}"
    );
    let svc = inf
        .directive(&format!("{install}.Services"), "AddService")
        .unwrap();
    // SPSVCINST_ASSOCSERVICE (0x2): svnic is the function driver.
    assert_eq!(
        (svc[0].as_str(), parse_number(&svc[1])),
        ("svnic", Some(2)),
        "{install}"
    );
    let service = &svc[2];
    assert_eq!(inf.value(service, "ServiceBinary"), Some("%13%\\svnic.sys"));
    assert_eq!(inf.value(service, "ServiceType"), Some("1"));
    let wdf = inf.directive(&format!("{install}.Wdf"), "KmdfService").unwrap();
    assert_eq!(wdf[0], "svnic");
    assert_eq!(inf.value(&wdf[1], "KmdfLibraryVersion"), Some("$KMDFVERSION$"));
    // Coinstaller-free: KMDF 1.33 is inbox.
    assert!(!inf.has_section(&format!("{install}.CoInstallers")), "{install}");
    assert_eq!(inf.mentions("WdfCoinstaller"), None);
}

fn check_version(inf: &Inf) {
    assert_eq!(inf.value("Version", "Signature"), Some("$WINDOWS NT$"));
    assert_eq!(inf.value("Version", "Class"), Some("Net"));
    assert_eq!(
        inf.value("Version", "ClassGuid")
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("{4d36e972-e325-11ce-bfc1-08002be10318}")
    );
    assert_eq!(inf.value("DestinationDirs", "DefaultDestDir"), Some("13"));
}

/// Model lines `desc = install, hwid` of the manufacturer's models section.
fn models(inf: &Inf) -> Vec<(String, String)> {
    let m = inf.section("Manufacturer");
    assert_eq!(m.len(), 1);
    let decl = &m[0].values;
    let section = format!("{}.{}", decl[0], decl[1]);
    assert!(
        decl[1].starts_with("NT$ARCH$"),
        ".inx uses the $ARCH$ placeholder"
    );
    inf.section(&section)
        .iter()
        .map(|l| (l.values[0].clone(), l.values[1].clone()))
        .collect()
}

#[test]
fn pf_inf_binds_as_ethernet_with_sriov_pci_support_and_model_hardware_ids() {
    let inf = load("svnic.inx");
    check_version(&inf);
    assert_eq!(
        models(&inf),
        vec![
            ("svnic_root".to_string(), PF_ROOT_HWID.to_string()),
            ("svnic_pci".to_string(), PF_PCI_HWID.to_string()),
        ]
    );
    for install in PF_INSTALL {
        check_common_install(&inf, install);
        let reg = inf.hkr(install);
        assert_eq!(reg.get("Ndi\\Interfaces", "UpperRange").unwrap().data, "ndis5");
        assert_eq!(reg.get("Ndi\\Interfaces", "LowerRange").unwrap().data, "ethernet");
        assert_eq!(reg.get("Ndi", "Service").unwrap().data, "svnic");
        // spec 2.8: DDInstall.HW includes pci.inf and needs PciSriovSupported.HW.
        let hw = format!("{install}.HW");
        assert_eq!(
            inf.value(&hw, "Include").map(str::to_ascii_lowercase).as_deref(),
            Some("pci.inf")
        );
        assert_eq!(inf.value(&hw, "Needs"), Some("PciSriovSupported.HW"));
    }
}

#[test]
fn vf_inf_binds_below_ndisvf_above_iovvf_on_the_model_vf_id() {
    let inf = load("svnicvf.inx");
    check_version(&inf);
    let m = models(&inf);
    assert_eq!(m[0], ("svnicvf".to_string(), VF_PCI_HWID.to_string()));
    assert!(m
        .iter()
        .all(|(install, hwid)| install == "svnicvf" && hwid.starts_with("PCI\\VEN_5356&DEV_1001")));
    check_common_install(&inf, VF_INSTALL);
    let reg = inf.hkr(VF_INSTALL);
    assert_eq!(reg.get("Ndi\\Interfaces", "UpperRange").unwrap().data, "ndisvf");
    assert_eq!(reg.get("Ndi\\Interfaces", "LowerRange").unwrap().data, "iovvf");
    assert!(!inf.has_section("svnicvf.NT.HW"));
}

#[test]
fn every_string_token_resolves_and_every_referenced_section_exists() {
    for file in ["svnic.inx", "svnicvf.inx"] {
        // Inf::parse panics on an unknown %token%; here: sections named by directives exist.
        let inf = load(file);
        for (name, lines) in &inf.sections {
            for l in lines {
                let Some(key) = l.key.as_deref() else { continue };
                if ["addreg", "copyfiles"].contains(&key.to_ascii_lowercase().as_str()) {
                    for s in &l.values {
                        assert!(
                            inf.has_section(s),
                            "{file} [{name}] line {}: [{s}] missing",
                            l.lineno
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn hardware_ids_and_num_vfs_match_the_device_model() {
    let cfg = svnic_device::DeviceConfig::default();
    let (subsys_vendor, subsys_device) = cfg.subsystem_id;
    let subsys = format!("SUBSYS_{subsys_device:04X}{subsys_vendor:04X}");
    assert_eq!(
        PF_PCI_HWID,
        format!(
            "PCI\\VEN_{:04X}&DEV_{:04X}&{subsys}",
            cfg.vendor_id, cfg.device_id
        )
    );
    assert_eq!(
        VF_PCI_HWID,
        format!(
            "PCI\\VEN_{:04X}&DEV_{:04X}&{subsys}",
            cfg.vendor_id, cfg.vf_device_id
        )
    );
    // *NumVFs in NicSwitches\0 cannot ask for more VFs than the device's TotalVFs.
    let inf = load("svnic.inx");
    for install in PF_INSTALL {
        let v = inf.hkr(install);
        let n = parse_number(&v.nic_switch("*NumVFs").unwrap().data).unwrap();
        assert!(
            n <= u32::from(cfg.total_vfs),
            "*NumVFs {n} > TotalVFs {}",
            cfg.total_vfs
        );
    }
}
