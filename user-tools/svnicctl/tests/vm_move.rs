//! `svnicctl vm move` (dynamic VMQ, spec 1.10 / 1.13) through the real binary: a VM's queue
//! (VMQ switch, QUEUE_PARAMETERS) or PF vPort (IOV switch on an SR-IOV + VMQ adapter,
//! VPORT_PARAMETERS) moves to another processor with PROCESSOR_AFFINITY_CHANGED, the cmdlet
//! views show the driver's new processor, and frames from the wire after the move are indicated
//! on it. VMs on a VF or on the default queue / vPort, and processors outside the host or the
//! adapter's VMQ keywords, are refused with the reason.
#![cfg(not(windows))]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

use serde_json::{json, Value};

/// A scenario file in the temp dir, removed on drop.
struct ScenarioFile(PathBuf);

impl ScenarioFile {
    fn new(text: &str) -> Self {
        static N: AtomicU32 = AtomicU32::new(0);
        let path = std::env::temp_dir().join(format!(
            "svnicctl-vm-move-{}-{}.toml",
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

fn svnicctl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_svnicctl"))
        .args(args)
        .output()
        .unwrap()
}

fn ok_stdout(args: &[&str]) -> String {
    let out = svnicctl(args);
    assert!(
        out.status.success(),
        "svnicctl {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `sim run --json FILE`: one JSON document per line, one per scenario command.
fn run_json(s: &ScenarioFile) -> Vec<Value> {
    ok_stdout(&["--json", "sim", "run", s.path()])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `sim shell --json FILE` with `input` on stdin.
fn shell(s: &ScenarioFile, input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_svnicctl"))
        .args(["--json", "sim", "shell", s.path()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// The stats `Processors` row of processor `p`: (Receives, Queues).
fn receives_on(stats: &Value, p: u64) -> (u64, String) {
    let row = stats["Processors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["Processor"] == p)
        .unwrap();
    (
        row["Receives"].as_u64().unwrap(),
        row["Queues"].as_str().unwrap().to_string(),
    )
}

fn vm_row<'a>(stats: &'a Value, name: &str) -> &'a Value {
    stats["Vms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["VMName"] == name)
        .unwrap()
}

/// VMQ adapter, 4 processors: vm1 gets queue 1 on processor 1 (base 0 + 1), vm2 has no
/// VmqWeight (default queue). 4 frames to vm1 before the move.
const VMQ: &str = r#"
processors = 4
commands = [
  "vm move vm1 --processor 3",
  "vmq queues",
  "traffic inject --dst 00-15-5D-00-00-01 --count 6",
  "stats",
]

[[adapter]]
name = "svnic0"
keywords = { "*RssOrVmqPreference" = 1 }

[[vm]]
name = "vm1"
adapter = "svnic0"
mac = "00-15-5D-00-00-01"

[[vm]]
name = "vm2"
adapter = "svnic0"
mac = "00-15-5D-00-00-02"
vmq_weight = 0

[[traffic]]
to = "vm1"
count = 4
"#;

#[test]
fn vm_move_moves_the_vm_queue_and_later_frames_are_indicated_on_the_new_processor() {
    let s = ScenarioFile::new(VMQ);
    let out = run_json(&s);
    assert_eq!(out.len(), 4, "{out:?}");
    assert_eq!(
        out[0],
        json!([{
            "VMName": "vm1",
            "Adapter": "svnic0",
            "Path": "VM queue 1",
            "QueueID": 1,
            "VPortID": null,
            "Oid": "OID_RECEIVE_FILTER_QUEUE_PARAMETERS",
            "PreviousProcessor": "0:1",
            "Processor": "0:3",
        }])
    );
    // Get-NetAdapterVmqQueue: the driver's ENUM_QUEUES answer has the new affinity.
    let q = &out[1];
    assert_eq!(q[1]["QueueID"], 1);
    assert_eq!(q[1]["VmFriendlyName"], "vm1");
    assert_eq!(q[1]["Processor"], "0:3");
    assert_eq!(q[1]["State"], "Running");
    assert_eq!(out[2][0]["IndicatedToHost"], 6);
    // The 4 frames before the move were indicated on processor 1, the 6 after it on 3, all
    // from queue 1 and delivered straight to vm1.
    let stats = &out[3];
    assert_eq!(receives_on(stats, 0), (0, String::new()));
    assert_eq!(receives_on(stats, 1), (4, "svnic0/1".to_string()));
    assert_eq!(receives_on(stats, 2), (0, String::new()));
    assert_eq!(receives_on(stats, 3), (6, "svnic0/1".to_string()));
    let vm1 = vm_row(stats, "vm1");
    assert_eq!(vm1["FramesReceived"], 10);
    assert_eq!(vm1["Processors"], "1,3");
    assert_eq!(vm1["QueueID"], 1);
    assert_eq!(stats["Switch"][0]["FramesDirect"], 10);
    assert_eq!(stats["Switch"][0]["FramesCopied"], 0);
}

#[test]
fn vm_move_prints_the_move_as_a_list() {
    let s = ScenarioFile::new(VMQ);
    let text = ok_stdout(&["--scenario", s.path(), "vm", "move", "vm1", "--processor", "2"]);
    assert_eq!(
        text,
        "VMName            : vm1\n\
         Adapter           : svnic0\n\
         Path              : VM queue 1\n\
         QueueID           : 1\n\
         VPortID           : \n\
         Oid               : OID_RECEIVE_FILTER_QUEUE_PARAMETERS\n\
         PreviousProcessor : 0:1\n\
         Processor         : 0:2\n"
    );
}

#[test]
fn a_vm_moved_twice_in_the_shell_ends_on_the_last_processor() {
    let s = ScenarioFile::new(&VMQ.replace("count = 4", "count = 1"));
    let out = shell(
        &s,
        "vm move vm1 --processor 2\n\
         traffic inject --dst 00-15-5D-00-00-01 --count 2\n\
         vm move vm1 --processor 0\n\
         traffic inject --dst 00-15-5D-00-00-01 --count 3\n\
         stats\n",
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let docs: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs[0][0]["PreviousProcessor"], "0:1");
    assert_eq!(docs[2][0]["PreviousProcessor"], "0:2");
    assert_eq!(docs[2][0]["Processor"], "0:0");
    let stats = &docs[4];
    assert_eq!(receives_on(stats, 1).0, 1);
    assert_eq!(receives_on(stats, 2).0, 2);
    assert_eq!(receives_on(stats, 0), (3, "svnic0/1".to_string()));
    assert_eq!(vm_row(stats, "vm1")["Processors"], "0,1,2");
}

/// SR-IOV + VMQ: vf-a gets a VF (vPort 1), pf-a a PF vPort (2) on processor 1, syn stays on
/// the default vPort. 5 frames to pf-a before the move.
const SRIOV_VMQ: &str = r#"
processors = 4
commands = [
  "vm move pf-a --processor 3",
  "vport list",
  "vmq queues",
  "traffic inject --dst 00-15-5D-00-00-43 --vlan 7 --count 4",
  "stats",
]

[[adapter]]
name = "svnic0"
keywords = { "*SriovPreferred" = 1, "*RssOrVmqPreference" = 1, "*SRIOV" = 1, "*VMQ" = 1, "*NumVFs" = 4 }

[[vm]]
name = "vf-a"
adapter = "svnic0"
mac = "00-15-5D-00-00-41"
iov_weight = 100

[[vm]]
name = "pf-a"
adapter = "svnic0"
mac = "00-15-5D-00-00-43"
vlan = 7

[[vm]]
name = "syn"
adapter = "svnic0"
mac = "00-15-5D-00-00-45"
vmq_weight = 0

[[traffic]]
to = "pf-a"
count = 5
"#;

#[test]
fn vm_move_moves_the_pf_vport_and_later_frames_land_on_the_new_processor() {
    let s = ScenarioFile::new(SRIOV_VMQ);
    let out = run_json(&s);
    assert_eq!(out.len(), 5, "{out:?}");
    assert_eq!(
        out[0],
        json!([{
            "VMName": "pf-a",
            "Adapter": "svnic0",
            "Path": "PF vPort 2",
            "QueueID": null,
            "VPortID": 2,
            "Oid": "OID_NIC_SWITCH_VPORT_PARAMETERS",
            "PreviousProcessor": "0:1",
            "Processor": "0:3",
        }])
    );
    // Get-NetAdapterVPort: vPort 2 is still Activated with its filter, now on processor 3.
    let vport2 = out[1]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["VPortID"] == 2)
        .unwrap();
    assert_eq!(vport2["FunctionID"], "PF");
    assert_eq!(vport2["VPortState"], "Activated");
    assert_eq!(vport2["Processor"], "0:3");
    assert_eq!(vport2["NumFilters"], 1);
    assert_eq!(vport2["VmFriendlyName"], "pf-a");
    // vmq queues lists the PF vPort where the VM queue would be, with the same processor.
    let q = out[2]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["VPortID"] == 2)
        .unwrap();
    assert_eq!(q["Processor"], "0:3");
    assert_eq!(q["VmFriendlyName"], "pf-a");
    assert_eq!(out[3][0]["IndicatedToHost"], 4);
    let stats = &out[4];
    assert_eq!(receives_on(stats, 1).0, 5);
    assert_eq!(receives_on(stats, 3).0, 4);
    assert_eq!(receives_on(stats, 0).0, 0);
    assert_eq!(receives_on(stats, 2).0, 0);
    let pf = vm_row(stats, "pf-a");
    assert_eq!(pf["FramesReceived"], 9);
    assert_eq!(pf["Processors"], "1,3");
    assert_eq!(pf["Path"], "PF vPort 2 (processor 3)");
    assert_eq!(pf["FramesCopiedBySwitch"], 0);
    assert_eq!(stats["Switch"][0]["DeliveredBy"], "IOV switch");
    assert_eq!(stats["Switch"][0]["FramesDirect"], 9);
}

/// (scenario, args after `vm move`, exit code, stderr).
fn refused(s: &ScenarioFile, args: &[&str]) -> (Option<i32>, String) {
    let mut all = vec!["--scenario", s.path(), "vm", "move"];
    all.extend_from_slice(args);
    let out = svnicctl(&all);
    assert!(
        out.stdout.is_empty(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    (out.status.code(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn vm_move_refuses_a_vf_the_default_queue_and_the_default_vport() {
    let iov = ScenarioFile::new(SRIOV_VMQ);
    assert_eq!(
        refused(&iov, &["vf-a", "--processor", "2"]),
        (
            Some(1),
            "svnicctl: vm \"vf-a\" is on SR-IOV VF 0 (vPort 1) of svnic0: a VF's interrupts \
             belong to the guest, the host cannot move them\n"
                .to_string()
        )
    );
    assert_eq!(
        refused(&iov, &["syn", "--processor", "2"]),
        (
            Some(1),
            "svnicctl: vm \"syn\" is on the default vPort of svnic0 (no VF or PF vPort): only a \
             PF non-default vPort moves; the default vPort stays on *RssBaseProcNumber\n"
                .to_string()
        )
    );
    let vmq = ScenarioFile::new(VMQ);
    assert_eq!(
        refused(&vmq, &["vm2", "--processor", "2"]),
        (
            Some(1),
            "svnicctl: vm \"vm2\" is on the default queue of svnic0 (no VM queue): only a VM \
             queue moves; the default queue stays on *RssBaseProcNumber\n"
                .to_string()
        )
    );
    assert_eq!(
        refused(&vmq, &["vm9", "--processor", "2"]),
        (
            Some(1),
            "svnicctl: no vm named \"vm9\" in the scenario\n".to_string()
        )
    );
}

#[test]
fn vm_move_refuses_processors_outside_the_host_and_the_vmq_keywords() {
    let vmq = ScenarioFile::new(VMQ);
    assert_eq!(
        refused(&vmq, &["vm1", "--processor", "4"]),
        (
            Some(1),
            "svnicctl: --processor 4: the host has processors 0..4\n".to_string()
        )
    );
    // *RssBaseProcNumber 1, *MaxRssProcessors 1: the default queue on 1, VM queues on 2.
    let narrow = ScenarioFile::new(&VMQ.replace(
        "\"*RssOrVmqPreference\" = 1 }",
        "\"*RssOrVmqPreference\" = 1, \"*RssBaseProcNumber\" = 1, \"*MaxRssProcessors\" = 1 }",
    ));
    assert_eq!(
        refused(&narrow, &["vm1", "--processor", "3"]),
        (
            Some(1),
            "svnicctl: --processor 3: svnic0's VMQ processors are 1,2 (*RssBaseProcNumber = 1, \
             *MaxRssProcessors = 1); change them with `vmq set`\n"
                .to_string()
        )
    );
    let iov = ScenarioFile::new(&SRIOV_VMQ.replace(
        "\"*NumVFs\" = 4 }",
        "\"*NumVFs\" = 4, \"*RssBaseProcNumber\" = 2, \"*MaxRssProcessors\" = 1 }",
    ));
    assert_eq!(
        refused(&iov, &["pf-a", "--processor", "0"]),
        (
            Some(1),
            "svnicctl: --processor 0: svnic0's VMQ processors are 2,3 (*RssBaseProcNumber = 2, \
             *MaxRssProcessors = 1); change them with `vmq set`\n"
                .to_string()
        )
    );
    // A missing --processor is a usage error (clap: exit 2).
    let out = svnicctl(&["--scenario", vmq.path(), "vm", "move", "vm1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--processor <PROCESSOR>"));
    // Within the range, the narrow adapter's queue moves to 1 (the base processor).
    let text = ok_stdout(&[
        "--json",
        "--scenario",
        narrow.path(),
        "vm",
        "move",
        "vm1",
        "--processor",
        "1",
    ]);
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v[0]["PreviousProcessor"], "0:2");
    assert_eq!(v[0]["Processor"], "0:1");
}

#[test]
fn a_refused_move_in_a_scenario_fails_the_run_with_the_reason() {
    let s = ScenarioFile::new(&VMQ.replace("\"vm move vm1 --processor 3\"", "\"vm move vm2 --processor 3\""));
    let out = svnicctl(&["sim", "run", s.path()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("vm \"vm2\" is on the default queue of svnic0 (no VM queue)"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn vmq_set_restarts_the_host_and_a_moved_vm_is_placed_again_by_the_vmq_rule() {
    let s = ScenarioFile::new(VMQ);
    let out = shell(
        &s,
        "vm move vm1 --processor 3\n\
         vmq set --adapter svnic0 --base-processor-number 1\n\
         vmq queues\n",
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let docs: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs[0][0]["Processor"], "0:3");
    // Set-NetAdapterVmq restarts the adapter: vm1 reconnects on base 1 + 1, not where it was moved.
    assert_eq!(docs[2][1]["VmFriendlyName"], "vm1");
    assert_eq!(docs[2][1]["Processor"], "0:2");
}
