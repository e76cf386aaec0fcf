//! Cross-checks every svnic-abi structure layout against mingw-w64's ntddndis.h (an independent
//! header, NDIS <= 6.30 with UM_NDIS630): for each struct, every field mingw declares must exist in
//! the Rust struct under the same name at the same offset with the same size, and the Rust struct
//! must not be smaller (newer NDIS fields may only append). Also compares the NDIS_SIZEOF_* macros.
//!
//! Requires x86_64-w64-mingw32-gcc (Debian/Ubuntu packages gcc-mingw-w64-x86-64 and
//! mingw-w64-x86-64-dev; scripts/test.sh installs them). A missing compiler is a failure.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;

use svnic_abi::general::*;
use svnic_abi::header::*;
use svnic_abi::layout::{AbiLayout, FieldLayout};
use svnic_abi::sriov::*;
use svnic_abi::vmq::*;

const CC: &str = "x86_64-w64-mingw32-gcc";

struct RustStruct {
    name: &'static str,
    fields: &'static [FieldLayout],
    size: usize,
}

macro_rules! structs {
    ($($t:ident),* $(,)?) => {
        vec![$(RustStruct { name: <$t as AbiLayout>::NAME, fields: <$t as AbiLayout>::FIELDS, size: <$t as AbiLayout>::SIZE }),*]
    };
}

fn rust_structs() -> Vec<RustStruct> {
    structs![
        NDIS_RECEIVE_FILTER_CAPABILITIES,
        NDIS_RECEIVE_FILTER_GLOBAL_PARAMETERS,
        NDIS_RECEIVE_FILTER_FIELD_PARAMETERS,
        NDIS_RECEIVE_FILTER_PARAMETERS,
        NDIS_RECEIVE_FILTER_CLEAR_PARAMETERS,
        NDIS_RECEIVE_FILTER_INFO,
        NDIS_RECEIVE_FILTER_INFO_ARRAY,
        NDIS_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS,
        NDIS_RECEIVE_QUEUE_PARAMETERS,
        NDIS_RECEIVE_QUEUE_FREE_PARAMETERS,
        NDIS_RECEIVE_QUEUE_INFO,
        NDIS_RECEIVE_QUEUE_INFO_ARRAY,
        NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS,
        NDIS_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY,
        NDIS_NIC_SWITCH_CAPABILITIES,
        NDIS_NIC_SWITCH_PARAMETERS,
        NDIS_NIC_SWITCH_DELETE_SWITCH_PARAMETERS,
        NDIS_NIC_SWITCH_INFO,
        NDIS_NIC_SWITCH_INFO_ARRAY,
        NDIS_NIC_SWITCH_VPORT_PARAMETERS,
        NDIS_NIC_SWITCH_DELETE_VPORT_PARAMETERS,
        NDIS_NIC_SWITCH_VPORT_INFO,
        NDIS_NIC_SWITCH_VPORT_INFO_ARRAY,
        NDIS_NIC_SWITCH_VF_PARAMETERS,
        NDIS_NIC_SWITCH_FREE_VF_PARAMETERS,
        NDIS_NIC_SWITCH_VF_INFO,
        NDIS_NIC_SWITCH_VF_INFO_ARRAY,
        NDIS_SRIOV_CAPABILITIES,
        NDIS_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS,
        NDIS_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS,
        NDIS_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS,
        NDIS_SRIOV_WRITE_VF_CONFIG_BLOCK_PARAMETERS,
        NDIS_SRIOV_RESET_VF_PARAMETERS,
        NDIS_SRIOV_SET_VF_POWER_STATE_PARAMETERS,
        NDIS_SRIOV_CONFIG_STATE_PARAMETERS,
        NDIS_SRIOV_VF_VENDOR_DEVICE_ID_INFO,
        NDIS_SRIOV_PROBED_BARS_INFO,
        NDIS_SRIOV_BAR_RESOURCES_INFO,
        NDIS_SRIOV_PF_LUID_INFO,
        NDIS_SRIOV_VF_SERIAL_NUMBER_INFO,
        NDIS_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO,
        NDIS_OBJECT_HEADER,
        NDIS_STATISTICS_INFO,
        GROUP_AFFINITY,
        PROCESSOR_NUMBER,
        LUID,
        NDIS_LINK_STATE,
        NDIS_LINK_PARAMETERS,
        NDIS_INTERRUPT_MODERATION_PARAMETERS,
        NDIS_LINK_SPEED,
    ]
}

macro_rules! sizeofs {
    ($($c:ident),* $(,)?) => {
        vec![$((stringify!($c), u64::from($c))),*]
    };
}

fn rust_sizeofs() -> Vec<(&'static str, u64)> {
    sizeofs![
        NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_CAPABILITIES_REVISION_2,
        NDIS_SIZEOF_NIC_SWITCH_DELETE_SWITCH_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_DELETE_VPORT_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_FREE_VF_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_INFO_ARRAY_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_INFO_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_VF_INFO_ARRAY_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_VF_INFO_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_VF_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_VPORT_INFO_ARRAY_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_VPORT_INFO_REVISION_1,
        NDIS_SIZEOF_NIC_SWITCH_VPORT_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_1,
        NDIS_SIZEOF_RECEIVE_FILTER_CAPABILITIES_REVISION_2,
        NDIS_SIZEOF_RECEIVE_FILTER_CLEAR_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_RECEIVE_FILTER_FIELD_PARAMETERS_REVISION_2,
        NDIS_SIZEOF_RECEIVE_FILTER_GLOBAL_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_RECEIVE_FILTER_INFO_ARRAY_REVISION_1,
        NDIS_SIZEOF_RECEIVE_FILTER_INFO_ARRAY_REVISION_2,
        NDIS_SIZEOF_RECEIVE_FILTER_INFO_REVISION_1,
        NDIS_SIZEOF_RECEIVE_FILTER_MOVE_FILTER_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_RECEIVE_FILTER_PARAMETERS_REVISION_2,
        NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_ARRAY_REVISION_1,
        NDIS_SIZEOF_RECEIVE_QUEUE_ALLOCATION_COMPLETE_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_RECEIVE_QUEUE_FREE_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_RECEIVE_QUEUE_INFO_ARRAY_REVISION_1,
        NDIS_SIZEOF_RECEIVE_QUEUE_INFO_REVISION_1,
        NDIS_SIZEOF_RECEIVE_QUEUE_INFO_REVISION_2,
        NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_RECEIVE_QUEUE_PARAMETERS_REVISION_2,
        NDIS_SIZEOF_SRIOV_BAR_RESOURCES_INFO_REVISION_1,
        NDIS_SIZEOF_SRIOV_CAPABILITIES_REVISION_1,
        NDIS_SIZEOF_SRIOV_CONFIG_STATE_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_SRIOV_PF_LUID_INFO_REVISION_1,
        NDIS_SIZEOF_SRIOV_PROBED_BARS_INFO_REVISION_1,
        NDIS_SIZEOF_SRIOV_READ_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_SRIOV_READ_VF_CONFIG_SPACE_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_SRIOV_RESET_VF_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_SRIOV_SET_VF_POWER_STATE_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_SRIOV_VF_INVALIDATE_CONFIG_BLOCK_INFO_REVISION_1,
        NDIS_SIZEOF_SRIOV_VF_SERIAL_NUMBER_INFO_REVISION_1,
        NDIS_SIZEOF_SRIOV_VF_VENDOR_DEVICE_ID_INFO_REVISION_1,
        NDIS_SIZEOF_SRIOV_WRITE_VF_CONFIG_BLOCK_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_SRIOV_WRITE_VF_CONFIG_SPACE_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_STATISTICS_INFO_REVISION_1,
        NDIS_SIZEOF_LINK_STATE_REVISION_1,
        NDIS_SIZEOF_LINK_PARAMETERS_REVISION_1,
        NDIS_SIZEOF_INTERRUPT_MODERATION_PARAMETERS_REVISION_1,
    ]
}

const PRELUDE: &str = "#define UM_NDIS630 1\n#include <winsock2.h>\n#include <windows.h>\n#include <ws2ipdef.h>\n#include <ntddndis.h>\n#include <stddef.h>\n";

fn compiler_or_fail() {
    let ok = Command::new(CC)
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        ok,
        "{CC} not found: the layout cross-check needs the mingw-w64 cross compiler and headers          (apt-get install gcc-mingw-w64-x86-64 mingw-w64-x86-64-dev; scripts/test.sh installs them).          This is a failure, not a skip (CI={:?}).",
        std::env::var("CI").ok()
    );
}

fn tmpdir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("svnic-abi-layout-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Top-level member names of `struct _NAME { ... }` in preprocessed C.
fn c_fields(pre: &str, name: &str) -> Option<Vec<String>> {
    let key = format!("struct _{name} {{");
    let start = pre.find(&key)? + key.len();
    let bytes = pre.as_bytes();
    let mut depth = 1usize;
    let mut i = start;
    while depth > 0 {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    let body = &pre[start..i - 1];
    let mut fields = Vec::new();
    let mut d = 0usize;
    let mut cur = String::new();
    for ch in body.chars() {
        match ch {
            '{' => d += 1,
            '}' => d -= 1,
            ';' if d == 0 => {
                let decl = cur.split('[').next().unwrap_or("").trim().to_string();
                if let Some(last) = decl
                    .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .rfind(|s| !s.is_empty())
                {
                    fields.push(last.to_string());
                }
                cur.clear();
                continue;
            }
            _ => {}
        }
        if d == 0 && ch != '}' {
            cur.push(ch);
        } else if d > 0 || ch == '}' {
            // skip nested bodies; the member name follows the closing brace
            if ch == '}' && d == 0 {
                cur.clear();
            }
        }
    }
    Some(fields)
}

fn compile_values(dir: &std::path::Path, exprs: &[String]) -> Vec<u64> {
    let mut c = String::from(PRELUDE);
    for (i, e) in exprs.iter().enumerate() {
        c.push_str(&format!(
            "const unsigned long long svnic_v{i} = (unsigned long long)({e});\n"
        ));
    }
    let src = dir.join("layout.c");
    let asm = dir.join("layout.s");
    std::fs::write(&src, c).unwrap();
    let out = Command::new(CC)
        .args(["-S", "-O0", "-o"])
        .arg(&asm)
        .arg(&src)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{CC} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = std::fs::read_to_string(&asm).unwrap();
    let mut vals: HashMap<usize, u64> = HashMap::new();
    let mut current: Option<usize> = None;
    for line in s.lines() {
        let t = line.trim();
        if let Some(label) = t.strip_prefix("svnic_v").and_then(|r| r.strip_suffix(':')) {
            current = label.parse().ok();
        } else if let (Some(i), Some(v)) = (current, t.strip_prefix(".quad")) {
            vals.insert(i, v.trim().parse().unwrap());
            current = None;
        } else if let (Some(i), Some(_)) = (current, t.strip_prefix(".space")) {
            vals.insert(i, 0);
            current = None;
        }
    }
    (0..exprs.len())
        .map(|i| {
            *vals
                .get(&i)
                .unwrap_or_else(|| panic!("no value for {}", exprs[i]))
        })
        .collect()
}

#[test]
fn layouts_match_mingw_ntddndis_field_by_field() {
    compiler_or_fail();
    let dir = tmpdir();
    let src = dir.join("pre.c");
    std::fs::write(&src, PRELUDE).unwrap();
    let out = Command::new(CC).args(["-E", "-P"]).arg(&src).output().unwrap();
    assert!(
        out.status.success(),
        "{CC} -E failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pre = String::from_utf8_lossy(&out.stdout).replace('\n', " ");
    let pre = pre.split_whitespace().collect::<Vec<_>>().join(" ");

    let rust = rust_structs();
    let mut exprs = Vec::new();
    let mut plan = Vec::new(); // (struct idx, Some(field) | None for sizeof)
    for (si, s) in rust.iter().enumerate() {
        let fields = c_fields(&pre, s.name).unwrap_or_else(|| panic!("mingw has no struct _{}", s.name));
        assert!(!fields.is_empty(), "no fields parsed for {}", s.name);
        // The parser must see every mingw member: the Rust struct may only add fields after them.
        let rust_named: Vec<&str> = s
            .fields
            .iter()
            .map(|f| f.name)
            .filter(|n| !n.starts_with('_'))
            .collect();
        assert_eq!(
            rust_named.get(..fields.len()),
            Some(&fields.iter().map(String::as_str).collect::<Vec<_>>()[..]),
            "{}: mingw members {fields:?} are not a prefix of the Rust fields",
            s.name
        );
        exprs.push(format!("sizeof({})", s.name));
        plan.push((si, None));
        for f in fields {
            exprs.push(format!("offsetof({}, {f})", s.name));
            plan.push((si, Some((f.clone(), false))));
            exprs.push(format!("sizeof((({} *)0)->{f})", s.name));
            plan.push((si, Some((f, true))));
        }
    }
    let vals = compile_values(&dir, &exprs);
    let mut fields_compared = 0usize;
    let mut errors = Vec::new();
    for ((si, what), v) in plan.iter().zip(&vals) {
        let s = &rust[*si];
        match what {
            None => {
                if (s.size as u64) < *v {
                    errors.push(format!("{}: Rust sizeof {} < mingw {}", s.name, s.size, v));
                }
            }
            Some((f, is_size)) => {
                let Some(rf) = s.fields.iter().find(|x| x.name == f) else {
                    errors.push(format!("{}.{f}: missing in Rust", s.name));
                    continue;
                };
                let r = if *is_size { rf.size } else { rf.offset } as u64;
                if r != *v {
                    let kind = if *is_size { "size" } else { "offset" };
                    errors.push(format!("{}.{f}: Rust {kind} {r} != mingw {v}", s.name));
                }
                if !*is_size {
                    fields_compared += 1;
                }
            }
        }
    }
    let sz = rust_sizeofs();
    let sz_vals = compile_values(&dir, &sz.iter().map(|(n, _)| n.to_string()).collect::<Vec<_>>());
    for ((n, r), c) in sz.iter().zip(&sz_vals) {
        if r != c {
            errors.push(format!("{n}: Rust {r} != mingw {c}"));
        }
    }
    println!(
        "layout cross-check: {} structs, {} fields, {} NDIS_SIZEOF constants compared with mingw-w64",
        rust.len(),
        fields_compared,
        sz.len()
    );
    assert!(errors.is_empty(), "layout mismatches:\n{}", errors.join("\n"));
    assert!(
        rust.len() >= 41 && fields_compared >= 300,
        "too few compared: {} structs, {fields_compared} fields",
        rust.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
