//! Cross-checks against the mingw-w64 kernel headers (`ddk/wdm.h`, `ddk/ndis.h`), independent of
//! this repository: the PCI type-0 header, the SR-IOV extended capability and
//! CM_PARTIAL_RESOURCE_DESCRIPTOR field by field, every PCI / CM constant both define, and every
//! NDIS_STATUS code ddk/ndis.h defines numerically. A missing cross compiler or header is a failure
//! (packages gcc-mingw-w64-x86-64 and mingw-w64-x86-64-dev; scripts/test.sh installs them).

use std::path::PathBuf;
use std::process::Command;

use svnic_abi::layout::AbiLayout;
use svnic_abi::pci::*;
use svnic_abi::status::*;

const CC: &str = "x86_64-w64-mingw32-gcc";

fn include_dir() -> PathBuf {
    let candidates = ["/usr/share/mingw-w64/include", "/usr/x86_64-w64-mingw32/include"];
    candidates
        .iter()
        .map(PathBuf::from)
        .find(|d| d.join("ddk").join("wdm.h").is_file())
        .unwrap_or_else(|| {
            panic!(
                "mingw-w64 headers (ddk/wdm.h) not found in {candidates:?}: install gcc-mingw-w64-x86-64 and \
                 mingw-w64-x86-64-dev (scripts/test.sh does). This is a failure, not a skip (CI={:?}).",
                std::env::var("CI").ok()
            )
        })
}

/// Evaluates each C expression with `#include <wdm.h>` by compiling to assembly.
fn eval(exprs: &[String]) -> Vec<u64> {
    let ok = Command::new(CC)
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        ok,
        "{CC} not found: install gcc-mingw-w64-x86-64 and mingw-w64-x86-64-dev (scripts/test.sh does)"
    );
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("svnic-abi-ddk-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut c = String::from("#include <wdm.h>\n#include <stddef.h>\n");
    for (i, e) in exprs.iter().enumerate() {
        c.push_str(&format!(
            "const unsigned long long svnic_v{i} = (unsigned long long)({e});\n"
        ));
    }
    let (src, asm) = (dir.join("ddk.c"), dir.join("ddk.s"));
    std::fs::write(&src, c).unwrap();
    let out = Command::new(CC)
        .arg("-I")
        .arg(include_dir().join("ddk"))
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
    let _ = std::fs::remove_dir_all(&dir);
    let mut vals = vec![None; exprs.len()];
    let mut current: Option<usize> = None;
    for line in s.lines() {
        let t = line.trim();
        if let Some(label) = t.strip_prefix("svnic_v").and_then(|r| r.strip_suffix(':')) {
            current = label.parse().ok();
        } else if let Some(i) = current {
            if let Some(v) = t.strip_prefix(".quad") {
                vals[i] = Some(v.trim().parse::<u64>().unwrap());
                current = None;
            } else if t.starts_with(".space") || t.starts_with(".zero") {
                vals[i] = Some(0);
                current = None;
            }
        }
    }
    vals.into_iter()
        .zip(exprs)
        .map(|(v, e)| v.unwrap_or_else(|| panic!("no value for {e}")))
        .collect()
}

/// (Rust struct, its WDK field name, the C member path in wdm.h)
fn field_paths() -> Vec<(
    &'static str,
    &'static [svnic_abi::layout::FieldLayout],
    usize,
    String,
    String,
)> {
    let mut v = Vec::new();
    let type0 = [
        "BaseAddresses",
        "CIS",
        "SubVendorID",
        "SubSystemID",
        "ROMBaseAddress",
        "CapabilitiesPtr",
        "Reserved1",
        "Reserved2",
        "InterruptLine",
        "InterruptPin",
        "MinimumGrant",
        "MaximumLatency",
    ];
    for f in PCI_COMMON_HEADER::FIELDS {
        let path = if type0.contains(&f.name) {
            format!("u.type0.{}", f.name)
        } else {
            f.name.to_string()
        };
        v.push((
            PCI_COMMON_HEADER::NAME,
            PCI_COMMON_HEADER::FIELDS,
            PCI_COMMON_HEADER::SIZE,
            f.name.to_string(),
            path,
        ));
    }
    for f in PCI_EXPRESS_SRIOV_CAPABILITY::FIELDS {
        v.push((
            PCI_EXPRESS_SRIOV_CAPABILITY::NAME,
            PCI_EXPRESS_SRIOV_CAPABILITY::FIELDS,
            PCI_EXPRESS_SRIOV_CAPABILITY::SIZE,
            f.name.to_string(),
            f.name.to_string(),
        ));
    }
    for (ours, path) in [
        ("Type", "Type"),
        ("ShareDisposition", "ShareDisposition"),
        ("Flags", "Flags"),
        ("u_Memory_Start_LowPart", "u.Memory.Start.LowPart"),
        ("u_Memory_Start_HighPart", "u.Memory.Start.HighPart"),
        ("u_Memory_Length", "u.Memory.Length"),
    ] {
        v.push((
            CM_PARTIAL_RESOURCE_DESCRIPTOR::NAME,
            CM_PARTIAL_RESOURCE_DESCRIPTOR::FIELDS,
            CM_PARTIAL_RESOURCE_DESCRIPTOR::SIZE,
            ours.to_string(),
            path.to_string(),
        ));
    }
    v
}

#[test]
fn pci_layouts_match_mingw_wdm_h() {
    let fields = field_paths();
    let mut exprs = Vec::new();
    for (ty, _, _, _, path) in &fields {
        exprs.push(format!("offsetof({ty}, {path})"));
        exprs.push(format!("sizeof((({ty} *)0)->{path})"));
    }
    for ty in [
        PCI_COMMON_HEADER::NAME,
        PCI_EXPRESS_SRIOV_CAPABILITY::NAME,
        CM_PARTIAL_RESOURCE_DESCRIPTOR::NAME,
    ] {
        exprs.push(format!("sizeof({ty})"));
    }
    let vals = eval(&exprs);
    let mut errors = Vec::new();
    for (i, (ty, table, _, name, path)) in fields.iter().enumerate() {
        let f = table.iter().find(|f| f.name == name).unwrap();
        let (off, size) = (vals[2 * i], vals[2 * i + 1]);
        if (f.offset as u64, f.size as u64) != (off, size) {
            errors.push(format!(
                "{ty}.{name} ({path}): Rust @{}+{} != wdm.h @{off}+{size}",
                f.offset, f.size
            ));
        }
    }
    let sizes = &vals[2 * fields.len()..];
    assert_eq!(
        sizes,
        &[
            PCI_COMMON_HEADER::SIZE as u64,
            PCI_EXPRESS_SRIOV_CAPABILITY::SIZE as u64,
            CM_PARTIAL_RESOURCE_DESCRIPTOR::SIZE as u64
        ]
    );
    println!("wdm.h layout check: 3 structs, {} fields", fields.len());
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

macro_rules! k {
    ($c:ident) => {
        (stringify!($c), $c as u64)
    };
}

#[test]
fn pci_and_cm_constants_match_mingw_wdm_h() {
    let ours = vec![
        k!(CM_RESOURCE_MEMORY_24),
        k!(CM_RESOURCE_MEMORY_BAR),
        k!(CM_RESOURCE_MEMORY_CACHEABLE),
        k!(CM_RESOURCE_MEMORY_COMBINEDWRITE),
        k!(CM_RESOURCE_MEMORY_PREFETCHABLE),
        k!(CM_RESOURCE_MEMORY_READ_ONLY),
        k!(CM_RESOURCE_MEMORY_READ_WRITE),
        k!(CM_RESOURCE_MEMORY_WINDOW_DECODE),
        k!(CM_RESOURCE_MEMORY_WRITE_ONLY),
        k!(CmResourceShareDeviceExclusive),
        k!(CmResourceShareDriverExclusive),
        k!(CmResourceShareShared),
        k!(CmResourceShareUndetermined),
        k!(CmResourceTypeBusNumber),
        k!(CmResourceTypeDeviceSpecific),
        k!(CmResourceTypeDma),
        k!(CmResourceTypeInterrupt),
        k!(CmResourceTypeMemory),
        k!(CmResourceTypeMemoryLarge),
        k!(CmResourceTypeNull),
        k!(CmResourceTypePort),
        k!(PCI_ADDRESS_IO_ADDRESS_MASK),
        k!(PCI_ADDRESS_IO_SPACE),
        k!(PCI_ADDRESS_MEMORY_ADDRESS_MASK),
        k!(PCI_ADDRESS_MEMORY_PREFETCHABLE),
        k!(PCI_ADDRESS_MEMORY_TYPE_MASK),
        k!(PCI_BRIDGE_TYPE),
        k!(PCI_CAPABILITY_ID_MSI),
        k!(PCI_CAPABILITY_ID_MSIX),
        k!(PCI_CAPABILITY_ID_PCI_EXPRESS),
        k!(PCI_CAPABILITY_ID_POWER_MANAGEMENT),
        k!(PCI_CLASS_NETWORK_CTLR),
        k!(PCI_COMMON_HDR_LENGTH),
        k!(PCI_DEVICE_TYPE),
        k!(PCI_DISABLE_LEVEL_INTERRUPT),
        k!(PCI_ENABLE_BUS_MASTER),
        k!(PCI_ENABLE_FAST_BACK_TO_BACK),
        k!(PCI_ENABLE_IO_SPACE),
        k!(PCI_ENABLE_MEMORY_SPACE),
        k!(PCI_ENABLE_PARITY),
        k!(PCI_ENABLE_SERR),
        k!(PCI_ENABLE_SPECIAL_CYCLES),
        k!(PCI_ENABLE_VGA_COMPATIBLE_PALETTE),
        k!(PCI_ENABLE_WAIT_CYCLE),
        k!(PCI_ENABLE_WRITE_AND_INVALIDATE),
        k!(PCI_EXPRESS_ADVANCED_ERROR_REPORTING_CAP_ID),
        k!(PCI_EXPRESS_SINGLE_ROOT_IO_VIRTUALIZATION_CAP_ID),
        k!(PCI_INVALID_VENDORID),
        k!(PCI_MULTIFUNCTION),
        k!(PCI_STATUS_66MHZ_CAPABLE),
        k!(PCI_STATUS_CAPABILITIES_LIST),
        k!(PCI_STATUS_DATA_PARITY_DETECTED),
        k!(PCI_STATUS_DETECTED_PARITY_ERROR),
        k!(PCI_STATUS_FAST_BACK_TO_BACK),
        k!(PCI_STATUS_INTERRUPT_PENDING),
        k!(PCI_STATUS_RECEIVED_MASTER_ABORT),
        k!(PCI_STATUS_RECEIVED_TARGET_ABORT),
        k!(PCI_STATUS_SIGNALED_SYSTEM_ERROR),
        k!(PCI_STATUS_SIGNALED_TARGET_ABORT),
        k!(PCI_SUBCLASS_NET_ETHERNET_CTLR),
        k!(PCI_TYPE0_ADDRESSES),
        k!(PCI_TYPE_20BIT),
        k!(PCI_TYPE_32BIT),
        k!(PCI_TYPE_64BIT),
    ];
    let vals = eval(&ours.iter().map(|(n, _)| n.to_string()).collect::<Vec<_>>());
    let bad: Vec<String> = ours
        .iter()
        .zip(&vals)
        .filter(|((_, o), c)| *o as u32 as u64 != **c as u32 as u64)
        .map(|((n, o), c)| format!("{n}: ours {o:#x} != wdm.h {c:#x}"))
        .collect();
    println!("wdm.h constant check: {} constants", ours.len());
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    assert!(ours.len() >= 60);
}

macro_rules! s {
    ($c:ident) => {
        (stringify!($c), $c)
    };
}

/// NDIS_STATUS codes that mingw-w64's ddk/ndis.h defines as `((NDIS_STATUS)0x...L)`.
#[test]
fn ndis_status_codes_match_mingw_ddk_ndis_h() {
    let text = std::fs::read_to_string(include_dir().join("ddk").join("ndis.h")).unwrap();
    let mut theirs = std::collections::HashMap::new();
    for line in text.lines() {
        let mut it = line.split_whitespace();
        if it.next() != Some("#define") {
            continue;
        }
        let Some(name) = it.next() else { continue };
        let val: String = it.collect();
        let Some(rest) = val.strip_prefix("((NDIS_STATUS)0x") else {
            continue;
        };
        let hex: String = rest.chars().take_while(char::is_ascii_hexdigit).collect();
        if let Ok(v) = u32::from_str_radix(&hex, 16) {
            theirs.insert(name.to_string(), v);
        }
    }
    let ours = vec![
        s!(NDIS_STATUS_ADAPTER_NOT_READY),
        s!(NDIS_STATUS_ADAPTER_REMOVED),
        s!(NDIS_STATUS_BUFFER_TOO_SHORT),
        s!(NDIS_STATUS_BUSY),
        s!(NDIS_STATUS_CLOSING),
        s!(NDIS_STATUS_CURRENT_MAC_ADDRESS_CHANGE),
        s!(NDIS_STATUS_FAILURE),
        s!(NDIS_STATUS_FILE_NOT_FOUND),
        s!(NDIS_STATUS_HD_SPLIT_CURRENT_CONFIG),
        s!(NDIS_STATUS_INVALID_DATA),
        s!(NDIS_STATUS_INVALID_DEVICE_REQUEST),
        s!(NDIS_STATUS_INVALID_LENGTH),
        s!(NDIS_STATUS_INVALID_OID),
        s!(NDIS_STATUS_INVALID_PACKET),
        s!(NDIS_STATUS_INVALID_PARAMETER),
        s!(NDIS_STATUS_INVALID_PORT),
        s!(NDIS_STATUS_INVALID_PORT_STATE),
        s!(NDIS_STATUS_INVALID_STATE),
        s!(NDIS_STATUS_L2_MTU_SIZE_CHANGE),
        s!(NDIS_STATUS_LINK_SPEED_CHANGE),
        s!(NDIS_STATUS_LINK_STATE),
        s!(NDIS_STATUS_LOW_POWER_STATE),
        s!(NDIS_STATUS_MEDIA_CONNECT),
        s!(NDIS_STATUS_MEDIA_DISCONNECT),
        s!(NDIS_STATUS_MEDIA_DISCONNECTED),
        s!(NDIS_STATUS_MEDIA_SPECIFIC_INDICATION_EX),
        s!(NDIS_STATUS_MULTICAST_EXISTS),
        s!(NDIS_STATUS_MULTICAST_FULL),
        s!(NDIS_STATUS_MULTICAST_NOT_FOUND),
        s!(NDIS_STATUS_NETWORK_CHANGE),
        s!(NDIS_STATUS_NIC_SWITCH_CURRENT_CAPABILITIES),
        s!(NDIS_STATUS_NIC_SWITCH_HARDWARE_CAPABILITIES),
        s!(NDIS_STATUS_NOT_ACCEPTED),
        s!(NDIS_STATUS_NOT_SUPPORTED),
        s!(NDIS_STATUS_NO_QUEUES),
        s!(NDIS_STATUS_OPER_STATUS),
        s!(NDIS_STATUS_PACKET_FILTER),
        s!(NDIS_STATUS_PAUSED),
        s!(NDIS_STATUS_PENDING),
        s!(NDIS_STATUS_PORT_STATE),
        s!(NDIS_STATUS_RECEIVE_FILTER_CURRENT_CAPABILITIES),
        s!(NDIS_STATUS_RECEIVE_FILTER_HARDWARE_CAPABILITIES),
        s!(NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS),
        s!(NDIS_STATUS_RECEIVE_FILTER_QUEUE_STATE_CHANGE),
        s!(NDIS_STATUS_RECEIVE_QUEUE_STATE),
        s!(NDIS_STATUS_REINIT_REQUIRED),
        s!(NDIS_STATUS_REQUEST_ABORTED),
        s!(NDIS_STATUS_RESET_END),
        s!(NDIS_STATUS_RESET_IN_PROGRESS),
        s!(NDIS_STATUS_RESET_START),
        s!(NDIS_STATUS_RESOURCES),
        s!(NDIS_STATUS_SEND_ABORTED),
        s!(NDIS_STATUS_SUCCESS),
        s!(NDIS_STATUS_SWITCH_NIC_STATUS),
        s!(NDIS_STATUS_SWITCH_PORT_REMOVE_VF),
        s!(NDIS_STATUS_TASK_OFFLOAD_CURRENT_CONFIG),
        s!(NDIS_STATUS_TASK_OFFLOAD_HARDWARE_CAPABILITIES),
        s!(NDIS_STATUS_UNSUPPORTED_MEDIA),
        s!(NDIS_STATUS_UNSUPPORTED_REVISION),
        s!(NDIS_STATUS_VF_CONFIG_STATE),
    ];
    let mut compared = 0;
    let mut bad = Vec::new();
    for (name, value) in &ours {
        if let Some(t) = theirs.get(*name) {
            compared += 1;
            if t != value {
                bad.push(format!("{name}: ours {value:#x} != ddk/ndis.h {t:#x}"));
            }
        }
    }
    println!(
        "ddk/ndis.h status check: {compared} of {} NDIS_STATUS codes",
        ours.len()
    );
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    assert!(compared >= 30, "only {compared} status codes found in ddk/ndis.h");
}
