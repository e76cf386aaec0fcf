//! The svnicctl binary on an SR-IOV + VMQ adapter (spec 2.4: PF non-default vPorts replace VM
//! queues): VMs with an IovWeight get VFs, VMs with only a VmqWeight get PF vPorts on their
//! processors, the rest stay on the default vPort; traffic is delivered the way hyperv-sim's
//! IOV switch reports it, and the cmdlet views show each vPort with its VM.
#![cfg(not(windows))]

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

use serde_json::{json, Value};

/// A scenario file in the temp dir, removed on drop.
struct ScenarioFile(PathBuf);

impl ScenarioFile {
    fn new(text: &str) -> Self {
        static N: AtomicU32 = AtomicU32::new(0);
        let path = std::env::temp_dir().join(format!(
            "svnicctl-sriov-vmq-{}-{}.toml",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&path, text).unwrap();
        ScenarioFile(path)
    }
    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for ScenarioFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn stdout(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_svnicctl"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "svnicctl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json_of(s: &ScenarioFile, command: &[&str]) -> Value {
    let mut args = vec!["--json", "--scenario", s.path()];
    args.extend_from_slice(command);
    serde_json::from_str(&stdout(&args)).unwrap()
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().unwrap().keys().map(String::as_str).collect()
}

/// SR-IOV + VMQ keywords; 2 VMs with an IovWeight (VFs), 2 with only a VmqWeight (PF vPorts,
/// processors by the VMQ rule: base 0 + 1 + k), and traffic to each plus an unknown MAC.
const SRIOV_VMQ: &str = r#"
processors = 4

[[adapter]]
name = "svnic0"
keywords = { "*SriovPreferred" = 1, "*RssOrVmqPreference" = 1, "*SRIOV" = 1, "*VMQ" = 1, "*NumVFs" = 4 }

[[vm]]
name = "vf-a"
adapter = "svnic0"
mac = "00-15-5D-00-00-41"
iov_weight = 100

[[vm]]
name = "vf-b"
adapter = "svnic0"
mac = "00-15-5D-00-00-42"
iov_weight = 100
vmq_weight = 0

[[vm]]
name = "pf-a"
adapter = "svnic0"
mac = "00-15-5D-00-00-43"
vlan = 7

[[vm]]
name = "pf-b"
adapter = "svnic0"
mac = "00-15-5D-00-00-44"

[[traffic]]
to = "pf-a"
count = 5

[[traffic]]
to = "pf-b"
count = 3

[[traffic]]
to = "vf-a"
count = 4

[[traffic]]
to = "vf-b"
count = 6

[[traffic]]
to = "02-00-00-00-00-99"
count = 2
"#;

#[test]
fn vport_list_shows_the_default_vport_two_vf_vports_and_two_pf_vports_with_their_vms() {
    let s = ScenarioFile::new(SRIOV_VMQ);
    let v = json_of(&s, &["vport", "list"]);
    let row = |id: u32, name: &str, f: &str, cpu: Value, filters: u32, mac: Value, vlan: Value, vm: Value| {
        json!({
            "Name": "svnic0", "VPortID": id, "VPortName": name, "SwitchID": 0, "FunctionID": f,
            "NumQueuePairs": 1, "VPortState": "Activated", "Processor": cpu, "NumFilters": filters,
            "MacAddress": mac, "VlanID": vlan, "VmFriendlyName": vm,
        })
    };
    assert_eq!(
        v,
        json!([
            row(0, "", "PF", Value::Null, 0, Value::Null, Value::Null, Value::Null),
            row(
                1,
                "VF vPort",
                "0",
                Value::Null,
                1,
                json!("00-15-5D-00-00-41"),
                Value::Null,
                json!("vf-a")
            ),
            row(
                2,
                "VF vPort",
                "1",
                Value::Null,
                1,
                json!("00-15-5D-00-00-42"),
                Value::Null,
                json!("vf-b")
            ),
            row(
                3,
                "PF vPort",
                "PF",
                json!("0:1"),
                1,
                json!("00-15-5D-00-00-43"),
                json!(7),
                json!("pf-a")
            ),
            row(
                4,
                "PF vPort",
                "PF",
                json!("0:2"),
                1,
                json!("00-15-5D-00-00-44"),
                Value::Null,
                json!("pf-b")
            ),
        ]),
        "vPort 0, a VF vPort per IovWeight VM, a PF vPort per VmqWeight-only VM (no VM queue)"
    );
    assert_eq!(
        keys(&v[0]),
        [
            "Name",
            "VPortID",
            "VPortName",
            "SwitchID",
            "FunctionID",
            "NumQueuePairs",
            "VPortState",
            "Processor",
            "NumFilters",
            "MacAddress",
            "VlanID",
            "VmFriendlyName"
        ]
    );

    let table = stdout(&["--scenario", s.path(), "vport", "list"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 7, "header, rule, 5 vPorts:\n{table}");
    assert_eq!(
        lines[5],
        "svnic0       3 PF vPort         0 PF                     1 Activated  0:1                1 00-15-5D-00-00-43      7 pf-a"
    );
}

#[test]
fn vmq_queues_lists_the_pf_vports_in_place_of_vm_queues_and_sriov_vfs_only_the_vfs() {
    let s = ScenarioFile::new(SRIOV_VMQ);
    assert_eq!(
        json_of(&s, &["vmq", "queues"]),
        json!([
            {"Name": "svnic0", "QueueID": 0, "MacAddress": null, "VlanID": null, "Processor": null,
             "VmFriendlyName": "", "State": "Running", "NumFilters": 0, "VPortID": 0},
            {"Name": "svnic0", "QueueID": 0, "MacAddress": "00-15-5D-00-00-43", "VlanID": 7, "Processor": "0:1",
             "VmFriendlyName": "pf-a", "State": "Activated", "NumFilters": 1, "VPortID": 3},
            {"Name": "svnic0", "QueueID": 0, "MacAddress": "00-15-5D-00-00-44", "VlanID": null, "Processor": "0:2",
             "VmFriendlyName": "pf-b", "State": "Activated", "NumFilters": 1, "VPortID": 4},
        ]),
        "no VM queue was allocated: the VmqWeight VMs' queues are their PF vPorts'"
    );
    assert_eq!(
        json_of(&s, &["sriov", "vfs"]),
        json!([
            {"Name": "svnic0", "FunctionID": 0, "SwitchID": 0, "VmFriendlyName": "vf-a", "MacAddress": "00-15-5D-00-00-41", "VPortID": "1"},
            {"Name": "svnic0", "FunctionID": 1, "SwitchID": 0, "VmFriendlyName": "vf-b", "MacAddress": "00-15-5D-00-00-42", "VPortID": "2"},
        ])
    );
}

#[test]
fn traffic_lands_on_each_vms_function_pf_vport_frames_direct_unknown_mac_parsed_on_vport_0() {
    let s = ScenarioFile::new(SRIOV_VMQ);
    let st = json_of(&s, &["stats"]);
    assert_eq!(keys(&st), ["Processors", "Vms", "Switch", "Driver"]);
    let vm = |name: &str,
              weight: u32,
              vlan: Value,
              path: &str,
              frames: u32,
              cpus: &str,
              vf: Value,
              vport: u32,
              copied: Value| {
        json!({
            "VMName": name, "Adapter": "svnic0", "MacAddress": "", "VlanID": vlan, "VmqWeight": weight,
            "QueueID": null, "Path": path, "FramesReceived": frames, "Processors": cpus,
            "VfQueueSteered": vf, "VfQueueDropped": if vf.is_null() { Value::Null } else { json!(0) },
            "VPortID": vport, "FramesCopiedBySwitch": copied,
        })
    };
    let mut rows = st["Vms"].clone();
    for (r, m) in rows.as_array_mut().unwrap().iter_mut().zip(41..) {
        assert_eq!(r["MacAddress"], format!("00-15-5D-00-00-{m}"));
        r["MacAddress"] = json!("");
    }
    assert_eq!(
        rows,
        json!([
            // In their guests: the NIC steered them into the VF's queue, the guest's VF miniport
            // indicated them; the PF indicated none.
            vm(
                "vf-a",
                100,
                Value::Null,
                "SR-IOV VF 0 (vPort 1)",
                4,
                "",
                json!(4),
                1,
                Value::Null
            ),
            vm(
                "vf-b",
                0,
                Value::Null,
                "SR-IOV VF 1 (vPort 2)",
                6,
                "",
                json!(6),
                2,
                Value::Null
            ),
            // Indicated by the PF with the VPortId on the vPort's processor, handed over as is.
            vm(
                "pf-a",
                100,
                json!(7),
                "PF vPort 3 (processor 1)",
                5,
                "1",
                Value::Null,
                3,
                json!(0)
            ),
            vm(
                "pf-b",
                100,
                Value::Null,
                "PF vPort 4 (processor 2)",
                3,
                "2",
                Value::Null,
                4,
                json!(0)
            ),
        ])
    );
    assert_eq!(
        st["Switch"],
        json!([{
            "Adapter": "svnic0", "VmqEnabled": true, "DeliveredBy": "IOV switch",
            "FramesDirect": 8, "FramesParsed": 2, "FramesCopied": 0, "BytesCopied": 0,
            "FramesUnclaimed": 2, "FramesMisrouted": 0,
        }]),
        "8 PF-vPort frames direct; the 2 unknown-MAC frames came up vPort 0, parsed, nobody's"
    );
    let per_cpu: Vec<(i64, i64, &str)> = st["Processors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["Processor"].as_i64().unwrap(),
                p["Receives"].as_i64().unwrap(),
                p["Queues"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        per_cpu,
        [(0, 2, "svnic0/0"), (1, 5, "svnic0/3"), (2, 3, "svnic0/4"), (3, 0, "")],
        "the PF indicated the PF vPorts' frames on their processors, vPort 0's on the default one, no VF frame"
    );
}

#[test]
fn a_vm_without_weights_stays_on_the_default_vport_and_the_switch_copies_its_frames() {
    let text = format!(
        "{SRIOV_VMQ}\n[[vm]]\nname = \"syn\"\nadapter = \"svnic0\"\nmac = \"00-15-5D-00-00-45\"\nvmq_weight = 0\n\n[[traffic]]\nto = \"syn\"\ncount = 4\nlen = 100\n"
    );
    let s = ScenarioFile::new(&text);
    let st = json_of(&s, &["stats"]);
    let syn = st["Vms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["VMName"] == "syn")
        .unwrap();
    assert_eq!(
        (
            syn["Path"].as_str(),
            syn["FramesReceived"].as_i64(),
            syn["FramesCopiedBySwitch"].as_i64(),
            syn["VPortID"].is_null(),
            syn["Processors"].as_str(),
        ),
        (Some("software switch"), Some(4), Some(4), true, Some("0"))
    );
    let sw = &st["Switch"][0];
    assert_eq!(
        (
            &sw["FramesDirect"],
            &sw["FramesParsed"],
            &sw["FramesCopied"],
            &sw["BytesCopied"],
            &sw["FramesUnclaimed"]
        ),
        (&json!(8), &json!(6), &json!(4), &json!(400), &json!(2))
    );
    let vports = json_of(&s, &["vport", "list"]);
    let ids: Vec<i64> = vports
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["VPortID"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [0, 1, 2, 3, 4], "no vPort for a VM without weights");
    assert_eq!(vports[0]["NumFilters"], 1, "its filter is on vPort 0");
    let queues = json_of(&s, &["vmq", "queues"]);
    assert_eq!(
        (
            queues[0]["QueueID"].as_i64(),
            queues[0]["VPortID"].as_i64(),
            queues[0]["NumFilters"].as_i64(),
            queues.as_array().unwrap().len()
        ),
        (Some(0), Some(0), Some(1), 3),
        "the default queue is vPort 0's, with the VM's filter; then the 2 PF vPorts: {queues}"
    );
    let table = stdout(&["--scenario", s.path(), "vmq", "queues"]);
    assert_eq!(
        table.lines().collect::<Vec<_>>(),
        [
            "Name   QueueID MacAddress        VlanID Processor VmFriendlyName State     NumFilters VPortID",
            "------ ------- ----------------- ------ --------- -------------- --------- ---------- -------",
            "svnic0       0                                                   Running            1       0",
            "svnic0       0 00-15-5D-00-00-43      7 0:1       pf-a           Activated          1       3",
            "svnic0       0 00-15-5D-00-00-44        0:2       pf-b           Activated          1       4",
        ]
    );
}

#[test]
fn an_iov_vm_with_a_vmq_weight_gets_a_pf_vport_when_no_vf_is_left() {
    let s = ScenarioFile::new(
        r#"
processors = 4

[[adapter]]
name = "svnic0"
keywords = { "*SriovPreferred" = 1, "*RssOrVmqPreference" = 1, "*SRIOV" = 1, "*VMQ" = 1, "*NumVFs" = 1 }

[[vm]]
name = "iov1"
adapter = "svnic0"
mac = "00-15-5D-00-00-51"
iov_weight = 100

[[vm]]
name = "iov2"
adapter = "svnic0"
mac = "00-15-5D-00-00-52"
iov_weight = 100

[[vm]]
name = "iov3"
adapter = "svnic0"
mac = "00-15-5D-00-00-53"
iov_weight = 100
vmq_weight = 0

[[traffic]]
to = "iov2"
count = 7

[[traffic]]
to = "iov3"
count = 2
"#,
    );
    let st = json_of(&s, &["stats"]);
    let paths: Vec<(&str, &str, i64, Option<i64>)> = st["Vms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["VMName"].as_str().unwrap(),
                v["Path"].as_str().unwrap(),
                v["FramesReceived"].as_i64().unwrap(),
                v["FramesCopiedBySwitch"].as_i64(),
            )
        })
        .collect();
    assert_eq!(
        paths,
        [
            ("iov1", "SR-IOV VF 0 (vPort 1)", 0, None),
            // The only VF is taken: the VmqWeight puts it on a PF vPort (the first VMQ
            // processor, 1), not on the default vPort.
            ("iov2", "PF vPort 2 (processor 1)", 7, Some(0)),
            // No VF and no VmqWeight: the default vPort, parsed and copied.
            ("iov3", "software switch", 2, Some(2)),
        ]
    );
    let vports = json_of(&s, &["vport", "list"]);
    assert_eq!(
        (
            vports[2]["FunctionID"].as_str(),
            vports[2]["VmFriendlyName"].as_str(),
            vports[2]["Processor"].as_str(),
            vports.as_array().unwrap().len()
        ),
        (Some("PF"), Some("iov2"), Some("0:1"), 3)
    );
}

#[test]
fn a_pf_vport_vm_sends_through_the_pf_with_its_vport() {
    let s = ScenarioFile::new(SRIOV_VMQ);
    let v = json_of(
        &s,
        &[
            "traffic",
            "send",
            "--from",
            "pf-b",
            "--dst",
            "02-00-00-00-00-77",
            "--count",
            "3",
        ],
    );
    assert_eq!(
        v,
        json!([{
            "VMName": "pf-b", "Adapter": "svnic0", "Path": "PF vPort 4",
            "Source": "00-15-5D-00-00-44", "Destination": "02-00-00-00-00-77",
            "Sent": 3, "CompletedSuccess": 3, "AdapterTxFrames": 3,
            "VfTxFrames": null, "VfSpoofDropped": null,
        }])
    );
}

#[test]
fn sriov_without_vmq_keeps_vmq_vms_on_the_vmq_switch() {
    let s = ScenarioFile::new(
        r#"
processors = 4

[[adapter]]
name = "svnic0"
keywords = { "*SriovPreferred" = 1, "*SRIOV" = 1, "*VMQ" = 0, "*NumVFs" = 4 }

[[vm]]
name = "vf"
adapter = "svnic0"
mac = "00-15-5D-00-00-61"
iov_weight = 100

[[vm]]
name = "vmq"
adapter = "svnic0"
mac = "00-15-5D-00-00-62"

[[traffic]]
to = "vmq"
count = 3
"#,
    );
    let st = json_of(&s, &["stats"]);
    let vmq = &st["Vms"][1];
    assert_eq!(
        (
            vmq["Path"].as_str(),
            vmq["FramesReceived"].as_i64(),
            vmq["VPortID"].is_null()
        ),
        (Some("software switch"), Some(3), true)
    );
    assert_eq!(st["Switch"][0]["DeliveredBy"], "VMQ switch");
    assert_eq!(st["Switch"][0]["FramesCopied"], 3);
    assert!(st["Switch"][0]["FramesMisrouted"].is_null());
    let vports = json_of(&s, &["vport", "list"]);
    assert_eq!(
        vports.as_array().unwrap().len(),
        2,
        "vPort 0 and the VF's: {vports}"
    );
    let queues = json_of(&s, &["vmq", "queues"]);
    assert!(
        queues
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q.get("VPortID").is_none()),
        "no PF vPorts, no VPortID column: {queues}"
    );
}

#[test]
fn vmq_set_restarts_the_host_and_the_pf_vports_come_back_on_the_new_processor_range() {
    use std::io::Write;
    let s = ScenarioFile::new(SRIOV_VMQ);
    let mut child = Command::new(env!("CARGO_BIN_EXE_svnicctl"))
        .args(["--json", "sim", "shell", s.path()])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"vmq set --adapter svnic0 --base-processor-number 1\nvport list\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    // The last line is the vPort list of the restarted host (JSON, one line).
    let vports: Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    let placed: Vec<(i64, &str, Option<&str>, Option<&str>)> = vports
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["VPortID"].as_i64().unwrap(),
                r["FunctionID"].as_str().unwrap(),
                r["Processor"].as_str(),
                r["VmFriendlyName"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        placed,
        [
            (0, "PF", None, None),
            (1, "0", None, Some("vf-a")),
            (2, "1", None, Some("vf-b")),
            // *RssBaseProcNumber 1: the k-th VMQ VM on processor 1 + 1 + k.
            (3, "PF", Some("0:2"), Some("pf-a")),
            (4, "PF", Some("0:3"), Some("pf-b")),
        ]
    );
}
