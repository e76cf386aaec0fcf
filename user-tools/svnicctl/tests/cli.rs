//! The svnicctl binary against simulated hosts: every command's table and JSON output compared
//! with the state of the same host read in process through hyperv-sim, and bad arguments.
#![cfg(not(windows))]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

use hyperv_sim::vswitch::vmq::VmqNic;
use hyperv_sim::{Host, RequestType};
use serde_json::Value;

const OID_802_3_CURRENT_ADDRESS: u32 = 0x0101_0102;
const OID_GEN_MAXIMUM_FRAME_SIZE: u32 = 0x0001_0106;
const OID_RECEIVE_FILTER_CURRENT_CAPABILITIES: u32 = 0x0001_022D;
const OID_SRIOV_CURRENT_CAPABILITIES: u32 = 0x0001_0250;

/// A scenario file in the temp dir, removed on drop.
struct ScenarioFile(PathBuf);

impl ScenarioFile {
    fn new(text: &str) -> Self {
        static N: AtomicU32 = AtomicU32::new(0);
        let path = std::env::temp_dir().join(format!(
            "svnicctl-test-{}-{}.toml",
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

const TWO_ADAPTERS: &str = r#"
processors = 4

[[adapter]]
name = "svnic0"

[[adapter]]
name = "svnic1"
"#;

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
        "svnicctl {args:?} failed ({:?}):\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json(args: &[&str]) -> Value {
    let text = ok_stdout(args);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}):\n{text}"))
}

fn mac_text(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect::<Vec<_>>().join("-")
}

/// The same host the scenario describes, in process: the MAC each adapter's driver reports.
fn driver_macs(adapters: usize) -> Vec<String> {
    let host = Host::builder().processors(4).adapters(adapters).build().unwrap();
    (0..adapters)
        .map(|i| {
            let r = host
                .adapter(i)
                .oid(RequestType::Query, OID_802_3_CURRENT_ADDRESS, &[], 6);
            assert_eq!(r.status, 0);
            mac_text(&r.out[..6])
        })
        .collect()
}

#[test]
fn adapter_list_json_and_table_show_each_adapter_with_the_mac_its_driver_reports() {
    let s = ScenarioFile::new(TWO_ADAPTERS);
    let macs = driver_macs(2);
    let v = json(&["--json", "--scenario", s.path(), "adapter", "list"]);
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row["Name"], format!("svnic{i}"));
        assert_eq!(row["MacAddress"], macs[i].as_str());
        assert_eq!(
            row["InterfaceDescription"],
            "svnic software-modeled Ethernet adapter"
        );
    }
    let table = ok_stdout(&["--scenario", s.path(), "adapter", "list"]);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("Name   InterfaceDescription"), "{table}");
    assert!(lines[1].starts_with("------ ----"), "{table}");
    assert_eq!(lines.len(), 4, "{table}");
    assert!(
        lines[2].starts_with("svnic0 ") && lines[2].contains(&macs[0]),
        "{table}"
    );
    assert!(
        lines[3].starts_with("svnic1 ") && lines[3].contains(&macs[1]),
        "{table}"
    );
}

#[test]
fn oid_query_decodes_the_driver_answer_and_a_short_buffer_names_bytes_needed() {
    let s = ScenarioFile::new(TWO_ADAPTERS);
    let macs = driver_macs(1);
    let v = json(&[
        "--scenario",
        s.path(),
        "oid",
        "query",
        "OID_802_3_CURRENT_ADDRESS",
        "--out-len",
        "6",
        "--json",
    ]);
    assert_eq!(v["Status"], "NDIS_STATUS_SUCCESS");
    assert_eq!(v["BytesWritten"], 6);
    assert_eq!(v["Fields"][0]["name"], "MacAddress[0]");
    assert_eq!(v["Fields"][0]["value"], macs[0].as_str());

    // The frame size the driver reports, asked for by number, with a 2-byte buffer.
    let host = Host::builder().adapters(1).build().unwrap();
    let truth = host
        .adapter(0)
        .oid(RequestType::Query, OID_GEN_MAXIMUM_FRAME_SIZE, &[], 2);
    assert_eq!(truth.status, 0xC001_0014, "INVALID_LENGTH from the driver");
    let out = svnicctl(&[
        "--scenario",
        s.path(),
        "oid",
        "query",
        "0x00010106",
        "--out-len",
        "2",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("NDIS_STATUS_INVALID_LENGTH (0xC0010014)"), "{err}");
    assert!(
        err.contains(&format!("BytesNeeded {}", truth.bytes_needed)),
        "{err}"
    );
    assert!(
        err.contains(&format!("pass --out-len {}", truth.bytes_needed)),
        "{err}"
    );
}

#[test]
fn vmq_and_sriov_show_report_the_current_capabilities_status_the_driver_returns() {
    let s = ScenarioFile::new(TWO_ADAPTERS);
    let host = Host::builder().adapters(1).build().unwrap();
    // Through the sim's NDIS layer (which answers the NDIS-handled OIDs), as svnicctl asks.
    let vmq = VmqNic::oid(
        &host.adapter(0),
        RequestType::Query,
        OID_RECEIVE_FILTER_CURRENT_CAPABILITIES,
        &[],
        256,
    );
    let sriov = host
        .adapter(0)
        .oid(RequestType::Query, OID_SRIOV_CURRENT_CAPABILITIES, &[], 64);
    let name = |st: u32| match st {
        0 => "NDIS_STATUS_SUCCESS",
        0xC000_00BB => "NDIS_STATUS_NOT_SUPPORTED",
        0xC001_0017 => "NDIS_STATUS_INVALID_OID",
        other => panic!("unexpected status 0x{other:08X}"),
    };
    let v = json(&[
        "--json",
        "--scenario",
        s.path(),
        "vmq",
        "show",
        "--adapter",
        "svnic0",
    ]);
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["Name"], "svnic0");
    assert_eq!(v[0]["CurrentCapabilitiesStatus"], name(vmq.status));
    // The keyword defaults of svnic_miniport::keywords (no keyword in the scenario).
    assert_eq!(v[0]["BaseProcessorNumber"], 0);
    assert_eq!(v[0]["MaxProcessors"], 16);
    assert_eq!(v[0]["NumaNode"], 65535);
    if vmq.status != 0 {
        assert_eq!(
            v[0]["Enabled"],
            Value::Null,
            "unknown when the driver did not answer"
        );
    }
    let v = json(&["--json", "--scenario", s.path(), "sriov", "show"]);
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[1]["Name"], "svnic1");
    assert_eq!(v[1]["SriovCapabilitiesStatus"], name(sriov.status));
    if sriov.status != 0 {
        // No SR-IOV: no NIC switch, so nothing to report rather than zeros.
        assert_eq!(v[1]["NumVFs"], Value::Null);
        assert_eq!(v[1]["MaxNumVFs"], Value::Null);
    }
    let table = ok_stdout(&["--scenario", s.path(), "vmq", "show", "--adapter", "svnic1"]);
    assert!(
        table.starts_with("Name                      : svnic1\n"),
        "{table}"
    );
}

#[test]
fn injected_frames_are_indicated_counted_per_processor_and_captured() {
    let s = ScenarioFile::new(TWO_ADAPTERS);
    let mac = driver_macs(1).remove(0);
    let v = json(&[
        "--json",
        "--scenario",
        s.path(),
        "traffic",
        "inject",
        "--dst",
        &mac,
        "--count",
        "7",
        "--len",
        "128",
    ]);
    assert_eq!(v[0]["Sent"], 7);
    assert_eq!(v[0]["AcceptedByWire"], 7);
    assert_eq!(v[0]["IndicatedToHost"], 7);
    // Not for this station: the adapter's filter drops it.
    let v = json(&[
        "--json",
        "--scenario",
        s.path(),
        "traffic",
        "inject",
        "--dst",
        "02-99-99-99-99-99",
        "--count",
        "3",
    ]);
    assert_eq!(v[0]["IndicatedToHost"], 0);

    let with_traffic = ScenarioFile::new(&format!(
        "{TWO_ADAPTERS}\n[[traffic]]\nto = \"{mac}\"\ncount = 25\nlen = 100\n"
    ));
    let stats = json(&["--json", "--scenario", with_traffic.path(), "stats"]);
    let rows = stats["Processors"].as_array().unwrap();
    assert_eq!(rows.len(), 4, "one row per simulated processor");
    let receives: i64 = rows.iter().map(|r| r["Receives"].as_i64().unwrap()).sum();
    assert_eq!(receives, 25);
    for r in rows.iter().filter(|r| r["Receives"].as_i64().unwrap() > 0) {
        assert_eq!(r["Queues"], "svnic0/0", "default queue of svnic0: {stats}");
        assert!(
            r["DpcsRun"].as_i64().unwrap() >= 1,
            "receives ran in DPCs: {stats}"
        );
    }
    assert_eq!(stats["Vms"], serde_json::json!([]));
    assert_eq!(
        stats["Switch"][0]["VmqEnabled"], false,
        "RSS preferred by default"
    );

    let pcap = std::env::temp_dir().join(format!("svnicctl-test-{}.pcap", std::process::id()));
    let v = json(&[
        "--json",
        "--scenario",
        with_traffic.path(),
        "capture",
        "--pcap",
        pcap.to_str().unwrap(),
    ]);
    assert_eq!(v[0]["Frames"], 25);
    assert_eq!(v[0]["Bytes"], 2500);
    let bytes = std::fs::read(&pcap).unwrap();
    std::fs::remove_file(&pcap).unwrap();
    assert_eq!(bytes.len(), 24 + 25 * (16 + 100));
    assert_eq!(&bytes[..4], &[0xd4, 0xc3, 0xb2, 0xa1]);
    let first = &bytes[24 + 16..24 + 16 + 6];
    assert_eq!(mac_text(first), mac, "destination of the first captured frame");
}

#[test]
fn sim_run_sends_the_traffic_then_runs_the_commands() {
    let mac = driver_macs(1).remove(0);
    let s = ScenarioFile::new(&format!(
        "commands = [\"stats\", \"adapter list --json\"]\n{TWO_ADAPTERS}\n[[traffic]]\nto = \"{mac}\"\ncount = 4\n"
    ));
    let out = ok_stdout(&["sim", "run", s.path()]);
    assert!(
        out.starts_with(&format!("injected 4/4 frames of 60 bytes to {mac} on svnic0\n")),
        "{out}"
    );
    assert!(
        out.contains("\n> stats\nProcessor DpcsRun Receives Queues\n"),
        "{out}"
    );
    assert!(
        out.contains("\n> adapter list --json\n[{\"Name\":\"svnic0\""),
        "{out}"
    );
}

#[test]
fn sim_shell_runs_stdin_lines_and_fails_if_any_failed() {
    let s = ScenarioFile::new(TWO_ADAPTERS);
    let run = |input: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_svnicctl"))
            .args(["sim", "shell", s.path()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let out = run("# comment\nadapter list --json\n\nexit\nadapter list\n");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "only the line before exit ran: {text}");
    assert!(text.starts_with("[{\"Name\":\"svnic0\""));

    let out = run("vmq show --adapter nope\nadapter list --json\n");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("no adapter named \"nope\"; this host has: svnic0, svnic1"),
        "{err}"
    );
    assert!(
        String::from_utf8(out.stdout).unwrap().starts_with("[{"),
        "later lines still ran"
    );
}

#[test]
fn bad_arguments_give_a_clear_message_and_a_nonzero_exit() {
    let s = ScenarioFile::new(TWO_ADAPTERS);
    let cases: &[(&[&str], i32, &str)] = &[
        (&["frobnicate"], 2, "unrecognized subcommand 'frobnicate'"),
        (&["adapter", "list"], 1, "pass --scenario FILE"),
        (
            &["--scenario", "/nonexistent/x.toml", "adapter", "list"],
            1,
            "cannot read scenario /nonexistent/x.toml",
        ),
        (
            &["--scenario", s.path(), "traffic", "inject", "--dst", "00-11-22"],
            1,
            "bad MAC address \"00-11-22\"",
        ),
        (
            &[
                "--scenario",
                s.path(),
                "traffic",
                "inject",
                "--dst",
                "broadcast",
                "--vlan",
                "4095",
            ],
            1,
            "--vlan 4095: VLAN ids are 1..=4094",
        ),
        (
            &["--scenario", s.path(), "oid", "query", "OID_NOT_A_THING"],
            1,
            "unknown OID name OID_NOT_A_THING",
        ),
        (
            &["--scenario", s.path(), "oid", "set", "OID_GEN_CURRENT_LOOKAHEAD"],
            1,
            "oid set needs --in-hex",
        ),
        (
            &[
                "--scenario",
                s.path(),
                "oid",
                "set",
                "OID_GEN_CURRENT_LOOKAHEAD",
                "--in-hex",
                "123",
            ],
            1,
            "odd number of digits",
        ),
        (
            &["--scenario", s.path(), "vport", "list", "--adapter", "svnic9"],
            1,
            "no adapter named \"svnic9\"",
        ),
        (&["oid", "poke", "0x1"], 2, "invalid value 'poke'"),
    ];
    for (args, code, needle) in cases {
        let out = svnicctl(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(*code), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: expected {needle:?} in:\n{err}");
        assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
    }
    let bad = ScenarioFile::new(
        "[[adapter]]\nname = \"a\"\n[[vm]]\nname = \"v\"\nadapter = \"b\"\nmac = \"00-15-5D-00-00-01\"\n",
    );
    let out = svnicctl(&["sim", "run", bad.path()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("vm \"v\": adapter \"b\" is not declared as an [[adapter]]"),
        "{err}"
    );
}

const VMQ_HOST: &str = r#"
processors = 4

[[adapter]]
name = "svnic0"
keywords = { "*RssOrVmqPreference" = 1 }

[[vm]]
name = "vm1"
adapter = "svnic0"
mac = "00-15-5D-00-00-01"
processor = 2

[[vm]]
name = "vm2"
adapter = "svnic0"
mac = "00-15-5D-00-00-02"
vlan = 10
processor = 3

[[vm]]
name = "vm3"
adapter = "svnic0"
mac = "00-15-5D-00-00-03"
vmq_weight = 0

[[traffic]]
to = "vm1"
count = 12
[[traffic]]
to = "vm2"
count = 8
len = 200
[[traffic]]
to = "vm3"
count = 5
"#;

#[test]
fn vmq_queues_show_each_vm_queue_with_its_filter_processor_and_vm_name() {
    let s = ScenarioFile::new(VMQ_HOST);
    let q = json(&["--json", "--scenario", s.path(), "vmq", "queues"]);
    let rows = q.as_array().unwrap();
    assert_eq!(
        rows.len(),
        3,
        "default queue + one per VM with VmqWeight > 0: {q}"
    );
    assert_eq!(rows[0]["QueueID"], 0);
    assert_eq!(rows[0]["MacAddress"], Value::Null);
    let vm = |name: &str| {
        rows.iter()
            .find(|r| r["VmFriendlyName"] == name)
            .unwrap_or_else(|| panic!("{name}: {q}"))
    };
    assert_eq!(vm("vm1")["MacAddress"], "00-15-5D-00-00-01");
    assert_eq!(vm("vm1")["VlanID"], Value::Null);
    assert_eq!(vm("vm1")["Processor"], "0:2");
    assert_eq!(vm("vm1")["State"], "Running");
    assert_eq!(vm("vm1")["NumFilters"], 1);
    assert_eq!(vm("vm2")["MacAddress"], "00-15-5D-00-00-02");
    assert_eq!(vm("vm2")["VlanID"], 10);
    assert_eq!(vm("vm2")["Processor"], "0:3");
    assert!(
        rows.iter().all(|r| r["VmFriendlyName"] != "vm3"),
        "VmqWeight 0: no queue"
    );

    // The frames went where the queues say: each VMQ VM's frames on its queue and processor,
    // vm3's through the software switch (parsed and copied).
    let st = json(&["--json", "--scenario", s.path(), "stats"]);
    let vms = st["Vms"].as_array().unwrap();
    let row = |name: &str| vms.iter().find(|v| v["VMName"] == name).unwrap().clone();
    assert_eq!(row("vm1")["QueueID"], vm("vm1")["QueueID"]);
    assert_eq!(
        (
            row("vm1")["Path"].as_str(),
            row("vm1")["FramesReceived"].as_i64(),
            row("vm1")["Processors"].as_str()
        ),
        (Some("VMQ"), Some(12), Some("2"))
    );
    assert_eq!(
        (
            row("vm2")["Path"].as_str(),
            row("vm2")["FramesReceived"].as_i64(),
            row("vm2")["Processors"].as_str()
        ),
        (Some("VMQ"), Some(8), Some("3"))
    );
    assert_eq!(
        (row("vm3")["Path"].as_str(), row("vm3")["FramesReceived"].as_i64()),
        (Some("software switch"), Some(5))
    );
    let sw = &st["Switch"][0];
    assert_eq!(sw["VmqEnabled"], true);
    assert_eq!(sw["FramesDirect"], 20);
    assert_eq!(sw["FramesParsed"], 5);
    assert_eq!(sw["FramesCopied"], 5);
    assert_eq!(sw["BytesCopied"], 300);
    let cpus = st["Processors"].as_array().unwrap();
    assert_eq!(cpus[2]["Receives"], 12);
    assert_eq!(cpus[2]["Queues"], format!("svnic0/{}", vm("vm1")["QueueID"]));
    assert_eq!(cpus[3]["Receives"], 8);

    let table = ok_stdout(&["--scenario", s.path(), "vmq", "queues"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0],
        "Name   QueueID MacAddress        VlanID Processor VmFriendlyName State   NumFilters"
    );
    assert!(
        lines[3].contains("00-15-5D-00-00-01        0:2       vm1"),
        "{table}"
    );
    assert!(
        lines[4].contains("00-15-5D-00-00-02     10 0:3       vm2"),
        "{table}"
    );
}

#[test]
fn vport_and_vf_lists_report_the_driver_answer() {
    // VMQ-preferred, not SR-IOV: the NIC switch is not created, so NDIS's ENUM_VPORTS /
    // ENUM_VFS answer is the one the command must show (an empty list or a named status).
    let s = ScenarioFile::new(VMQ_HOST);
    for args in [["vport", "list"], ["sriov", "vfs"]] {
        let out = svnicctl(&["--json", "--scenario", s.path(), args[0], args[1]]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if out.status.success() {
            assert_eq!(
                serde_json::from_str::<Value>(&stdout).unwrap(),
                serde_json::json!([]),
                "{args:?}"
            );
        } else {
            assert_eq!(out.status.code(), Some(1));
            assert!(
                stderr.contains("svnic0: OID_NIC_SWITCH_ENUM_"),
                "{args:?}: {stderr}"
            );
            assert!(stderr.contains("NDIS_STATUS_"), "{args:?}: {stderr}");
        }
    }
}

#[test]
fn demo_reports_real_per_path_figures_and_halts_clean() {
    let out = ok_stdout(&["demo"]);
    assert!(
        out.contains("injected 500/500 frames of 1514 bytes to vm-software on svnic0"),
        "{out}"
    );
    assert!(out.contains("\nPer path (figures from this run):\n"), "{out}");
    assert!(out.contains("host halted"), "{out}");
    assert!(
        out.contains("Guest vm-sriov (VF 0 of svnic1): its VF adapter (the driver's own, MiniportInitializeEx in the VM) got its configuration over the backchannel (3 OID_SRIOV_*_VF_CONFIG_BLOCK requests the PF served: READ VF_INFO, READ LINK_STATE, WRITE VF_DRIVER_INFO), received 500 of the 500 frames injected to it, and ran 15 DPCs of its own"),
        "{out}"
    );
    assert!(out.contains("(0 for the VF traffic)"), "{out}");
    assert!(
        out.contains("vm-sriov sent 200 frames of 512 bytes to the wire station through its VF: 200 completed with NDIS_STATUS_SUCCESS, the VF's queue transmitted 200\n"),
        "{out}"
    );
    assert!(
        out.contains("vm-sriov sent 10 frames with source MAC 02-00-00-00-00-66 (not its own) through its VF: 10 completed with NDIS_STATUS_SUCCESS, the NIC's embedded switch dropped 10 as spoofed and transmitted 0; svnic1's PF transmitted 0 of all these\n"),
        "{out}"
    );
    assert!(!out.contains("not run by svnicctl"), "{out}");
    let v = json(&["demo", "--json"]);
    let paths = v["Paths"].as_array().unwrap();
    assert_eq!(paths[0]["Path"], "software switch (default queue)");
    assert_eq!(paths[0]["FramesDelivered"], 500);
    assert_eq!(paths[0]["FramesParsedBySwitch"], 500);
    assert_eq!(paths[0]["CopiesByHost"], 500);
    assert_eq!(paths[0]["BytesCopiedByHost"], 500 * 1514);
    assert_eq!(paths[1]["Path"], "VMQ (queue per VM)");
    assert_eq!(paths[1]["FramesDelivered"], 1000);
    assert_eq!(paths[1]["CopiesByHost"], 0);
    // Each VMQ VM's queue runs on its own processor, apart from the default queue's.
    let vmq_cpus = paths[1]["ProcessorsUsed"].as_str().unwrap().split(',').count();
    assert_eq!(vmq_cpus, 2, "{v}");
    assert_ne!(paths[0]["ProcessorsUsed"], paths[1]["ProcessorsUsed"]);
    assert_eq!(v["Stats"]["Switch"][0]["FramesDirect"], 1000);
    assert_eq!(v["Queues"].as_array().unwrap().len(), 3);
    assert_eq!(paths[2]["Path"], "SR-IOV (VF per VM)");
    assert_eq!(paths[2]["VMs"], "vm-sriov");
    // The guest's VF miniport received every frame injected to its VM, in the VM.
    let guests = v["Guests"].as_array().unwrap();
    assert_eq!(guests.len(), 1, "{v}");
    let g = &guests[0];
    assert_eq!(
        (g["VMName"].as_str(), g["Adapter"].as_str(), g["VF"].as_i64()),
        (Some("vm-sriov"), Some("svnic1"), Some(0))
    );
    assert_eq!(g["FramesInjected"], 500);
    assert_eq!(g["FramesReceivedByGuest"], 500);
    assert_eq!(paths[2]["FramesDelivered"], g["FramesInjected"]);
    assert_eq!(paths[2]["FramesDelivered"], 500);
    // 500 frames paced in bursts of 64 (the VF ring's 64 buffers, DPC budget 64): 8 VF
    // interrupts (7 full bursts and the last 52 frames), and each of the 7 full batches makes the
    // guest adapter's DPC queue itself once more on the VF's own vector: 15.
    assert_eq!(g["GuestDpcsScheduled"], 15);
    // No PF DPC ran for the VF's traffic.
    assert_eq!(g["PfDpcsDuringTraffic"], 0);
    assert_eq!(g["PfDpcsBeforeTraffic"], g["PfDpcsAfterTraffic"]);
    // The guest's configuration: exactly these block OIDs served by the PF, in order.
    assert_eq!(
        g["PfBackchannelOids"],
        serde_json::json!([
            {"Oid": "OID_SRIOV_READ_VF_CONFIG_BLOCK", "Block": "VF_INFO", "Status": "NDIS_STATUS_SUCCESS"},
            {"Oid": "OID_SRIOV_READ_VF_CONFIG_BLOCK", "Block": "LINK_STATE", "Status": "NDIS_STATUS_SUCCESS"},
            {"Oid": "OID_SRIOV_WRITE_VF_CONFIG_BLOCK", "Block": "VF_DRIVER_INFO", "Status": "NDIS_STATUS_SUCCESS"},
        ])
    );
    assert_eq!(paths[2]["FramesParsedBySwitch"], 0);
    assert_eq!(paths[2]["CopiesByHost"], 0);
    assert_eq!(
        paths[2]["ProcessorsUsed"], "",
        "the management OS ran nothing for the VF"
    );
    assert_eq!(
        v["VfQueueSteered"], 500,
        "the NIC steered every frame to the VF's queue"
    );
    assert_eq!(
        v["VfQueueDropped"], 0,
        "the guest's VF miniport kept buffers posted"
    );
    assert_eq!(v["Vfs"][0]["VmFriendlyName"], "vm-sriov");
    // The VF VM's replies left from its VF's queue; the spoofed batch was dropped by the NIC's
    // switch and still completed SUCCESS; the PF transmitted none of them.
    assert_eq!(
        v["VfSends"],
        serde_json::json!({
            "VMName": "vm-sriov",
            "Sent": 200,
            "CompletedSuccess": 200,
            "VfTxFrames": 200,
            "SpoofedSent": 10,
            "SpoofedCompletedSuccess": 10,
            "VfTxFramesSpoofed": 0,
            "VfSpoofDropped": 10,
            "PfTxFrames": 0,
        })
    );
    let traffic: Vec<&str> = v["Traffic"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert!(traffic.contains(&"vm-vmq1 sent 200 frames of 512 bytes to the wire station through svnic0: 200 completed with NDIS_STATUS_SUCCESS"), "{traffic:?}");
    assert!(
        traffic
            .iter()
            .any(|l| l.starts_with("svnic0 transmitted 600 of those 600 frames to the wire")),
        "{traffic:?}"
    );
}

#[test]
fn sriov_show_vfs_and_vports_follow_the_nic_switch_hyper_v_created() {
    let s = ScenarioFile::new(
        r#"
processors = 2

[[adapter]]
name = "svnic0"
keywords = { "*SriovPreferred" = 1, "*SRIOV" = 1, "*VMQ" = 0, "*NumVFs" = 4 }

[[vm]]
name = "vf-vm"
adapter = "svnic0"
mac = "00-15-5D-00-00-31"
iov_weight = 100

[[vm]]
name = "vf-vm2"
adapter = "svnic0"
mac = "00-15-5D-00-00-32"
iov_weight = 50

[[traffic]]
to = "vf-vm2"
count = 9
"#,
    );
    let show = json(&["--json", "--scenario", s.path(), "sriov", "show"]);
    assert_eq!(show[0]["Enabled"], true);
    assert_eq!(show[0]["SriovCapabilitiesStatus"], "NDIS_STATUS_SUCCESS");
    assert_eq!(
        show[0]["SwitchName"], "Default Switch",
        "from NicSwitches\\0 *SwitchName"
    );
    assert_eq!(show[0]["NumVFs"], 4);
    assert_eq!(show[0]["NumAllocatedVFs"], 2);
    assert_eq!(show[0]["NumActiveVPorts"], 3);
    assert_eq!(show[0]["MaxNumVFs"], 4);
    assert_eq!(show[0]["MaxNumSwitches"], 1);

    let vfs = json(&["--json", "--scenario", s.path(), "sriov", "vfs"]);
    assert_eq!(
        vfs,
        serde_json::json!([
            {"Name": "svnic0", "FunctionID": 0, "SwitchID": 0, "VmFriendlyName": "vf-vm", "MacAddress": "00-15-5D-00-00-31", "VPortID": "1"},
            {"Name": "svnic0", "FunctionID": 1, "SwitchID": 0, "VmFriendlyName": "vf-vm2", "MacAddress": "00-15-5D-00-00-32", "VPortID": "2"},
        ])
    );
    let vports = json(&["--json", "--scenario", s.path(), "vport", "list"]);
    let rows = vports.as_array().unwrap();
    assert_eq!(rows.len(), 3, "default vPort + one per VF: {vports}");
    assert_eq!(
        (rows[0]["VPortID"].as_i64(), rows[0]["FunctionID"].as_str()),
        (Some(0), Some("PF"))
    );
    assert_eq!(
        (rows[1]["VPortID"].as_i64(), rows[1]["FunctionID"].as_str()),
        (Some(1), Some("0"))
    );
    assert_eq!(
        (rows[2]["VPortID"].as_i64(), rows[2]["FunctionID"].as_str()),
        (Some(2), Some("1"))
    );
    assert!(rows[1..]
        .iter()
        .all(|r| r["VPortState"] == "Activated" && r["NumFilters"] == 1));

    let st = json(&["--json", "--scenario", s.path(), "stats"]);
    let vm2 = st["Vms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["VMName"] == "vf-vm2")
        .unwrap()
        .clone();
    assert_eq!(vm2["Path"], "SR-IOV VF 1 (vPort 2)");
    assert_eq!(
        vm2["VfQueueSteered"], 9,
        "the NIC switched the frames to the VF's queue"
    );
    assert_eq!(
        vm2["FramesReceived"], 9,
        "the guest's VF miniport indicated them in the VM"
    );
    assert_eq!(vm2["VfQueueDropped"], 0);
    let receives: i64 = st["Processors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["Receives"].as_i64().unwrap())
        .sum();
    assert_eq!(receives, 0, "the PF indicated none of the VF's frames");
}

#[test]
fn a_vm_sends_through_its_adapter_and_the_frames_reach_the_wire() {
    let s = ScenarioFile::new(VMQ_HOST);
    let v = json(&[
        "--json",
        "--scenario",
        s.path(),
        "traffic",
        "send",
        "--from",
        "vm2",
        "--dst",
        "02-00-5E-00-00-FE",
        "--count",
        "70",
        "--len",
        "300",
    ]);
    assert_eq!(v[0]["VMName"], "vm2");
    assert_eq!(v[0]["Adapter"], "svnic0");
    assert_eq!(v[0]["Sent"], 70);
    assert_eq!(v[0]["CompletedSuccess"], 70);
    assert_eq!(v[0]["AdapterTxFrames"], 70, "the device transmitted every frame");
    assert_eq!(v[0]["Path"], "PF");
    assert_eq!(
        (v[0]["VfTxFrames"].clone(), v[0]["VfSpoofDropped"].clone()),
        (Value::Null, Value::Null)
    );
    let out = svnicctl(&[
        "--scenario",
        s.path(),
        "traffic",
        "send",
        "--from",
        "nobody",
        "--dst",
        "broadcast",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no vm named \"nobody\" in the scenario"));
}

/// One PF with SR-IOV, a VM on a VF, a peer adapter on the same hub that takes directed frames.
const VF_SEND_HOST: &str = r#"
processors = 2

[[adapter]]
name = "svnic0"
keywords = { "*SriovPreferred" = 1, "*SRIOV" = 1, "*VMQ" = 0, "*NumVFs" = 4 }

[[vm]]
name = "vf-vm"
adapter = "svnic0"
mac = "00-15-5D-00-00-31"
iov_weight = 100
"#;

#[test]
fn a_vf_vm_sends_through_its_guest_vf_adapter_and_spoofed_frames_are_dropped_by_the_nic() {
    let s = ScenarioFile::new(VF_SEND_HOST);
    let send = |extra: &[&str]| {
        let mut args = vec![
            "--json",
            "--scenario",
            s.path(),
            "traffic",
            "send",
            "--from",
            "vf-vm",
            "--dst",
            "02-00-5E-00-00-FE",
            "--count",
            "70",
            "--len",
            "300",
        ];
        args.extend_from_slice(extra);
        json(&args)
    };
    // Its own MAC: every frame leaves from the VF's queue, none through the PF's send path.
    let v = send(&[]);
    assert_eq!(
        v,
        serde_json::json!([{
            "VMName": "vf-vm",
            "Adapter": "svnic0",
            "Path": "SR-IOV VF 0 (vPort 1)",
            "Source": "00-15-5D-00-00-31",
            "Destination": "02-00-5E-00-00-FE",
            "Sent": 70,
            "CompletedSuccess": 70,
            "AdapterTxFrames": 0,
            "VfTxFrames": 70,
            "VfSpoofDropped": 0,
        }])
    );
    // A source MAC that is not the VF's: the NIC's embedded switch drops and counts every frame;
    // the sends still complete SUCCESS (a switch drop is not a send failure).
    let v = send(&["--src", "02-00-00-00-00-66"]);
    assert_eq!(v[0]["Source"], "02-00-00-00-00-66");
    assert_eq!(v[0]["CompletedSuccess"], 70);
    assert_eq!(v[0]["VfTxFrames"], 0);
    assert_eq!(v[0]["VfSpoofDropped"], 70);
    assert_eq!(v[0]["AdapterTxFrames"], 0);
    // The table form names the path and the drop.
    let out = ok_stdout(&[
        "--scenario",
        s.path(),
        "traffic",
        "send",
        "--from",
        "vf-vm",
        "--dst",
        "02-00-5E-00-00-FE",
        "--src",
        "02-00-00-00-00-66",
        "--count",
        "3",
    ]);
    assert!(
        out.contains("Path             : SR-IOV VF 0 (vPort 1)\n"),
        "{out}"
    );
    assert!(out.contains("VfSpoofDropped   : 3\n"), "{out}");
}

#[test]
fn vmq_set_restarts_with_the_new_keywords_and_moves_the_queues() {
    let s = ScenarioFile::new(
        VMQ_HOST
            .replace("processor = 2\n", "")
            .replace("processor = 3\n", "")
            .as_str(),
    );
    // Defaults: base 0, VM queues on processors 1 and 2.
    let q = json(&["--json", "--scenario", s.path(), "vmq", "queues"]);
    assert_eq!(
        (q[1]["Processor"].as_str(), q[2]["Processor"].as_str()),
        (Some("0:1"), Some("0:2"))
    );

    let shell = |input: &str| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_svnicctl"))
            .args(["--json", "sim", "shell", s.path()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let out = shell("vmq set --adapter svnic0 --base-processor-number 1 --max-processors 2\nvmq queues\n");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    let show: Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    assert_eq!(show[0]["BaseProcessorNumber"], 1);
    assert_eq!(show[0]["MaxProcessors"], 2);
    assert_eq!(show[0]["Enabled"], true);
    let q: Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    assert_eq!(
        (q[1]["Processor"].as_str(), q[2]["Processor"].as_str()),
        (Some("0:2"), Some("0:3")),
        "{q}"
    );

    // Disabling VMQ: the driver reports no queues, the VMs stay on the default queue.
    let v = json(&[
        "--json",
        "--scenario",
        s.path(),
        "vmq",
        "set",
        "--adapter",
        "svnic0",
        "--enabled",
        "false",
    ]);
    assert_eq!(v[0]["Enabled"], false);
    assert_eq!(v[0]["NumberOfReceiveQueues"], 0);

    let out = shell("vmq set --adapter svnic0 --max-processors 99\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("*MaxRssProcessors = 99: the driver accepts 1..=64")
    );
    let out = svnicctl(&["--scenario", s.path(), "vmq", "set", "--adapter", "svnic0"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("give --enabled, --base-processor-number or --max-processors"));
}
