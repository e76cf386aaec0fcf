//! The command line (clap derive). Command and column names mirror the NetAdapter / Hyper-V
//! cmdlets (spec section 3) so that a reader who knows `Get-NetAdapterVmqQueue` finds the same
//! columns in `svnicctl vmq queues`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "svnicctl",
    version,
    about = "Configure and inspect svnic adapters (VMQ, SR-IOV)",
    long_about = "Configure and inspect svnic adapters.\n\n\
        Backends: on Windows, the driver's control device (run elevated); elsewhere, an emulated \
        Hyper-V host (hyperv-sim) built in this process from a scenario file (--scenario FILE, \
        `sim run`, `sim shell`, `demo`)."
)]
pub struct Cli {
    /// Print JSON (an array of objects, or one object) instead of tables.
    #[arg(long, global = true)]
    pub json: bool,

    /// Build this simulated host (TOML scenario) and run the command against it.
    #[arg(long, global = true, value_name = "FILE")]
    pub scenario: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Adapters (Get-NetAdapter).
    #[command(subcommand)]
    Adapter(AdapterCmd),
    /// VMQ settings and queues (Get-NetAdapterVmq, Get-NetAdapterVmqQueue).
    #[command(subcommand)]
    Vmq(VmqCmd),
    /// SR-IOV settings and VFs (Get-NetAdapterSriov, Get-NetAdapterSriovVf).
    #[command(subcommand)]
    Sriov(SriovCmd),
    /// NIC switch virtual ports (Get-NetAdapterVPort).
    #[command(subcommand)]
    Vport(VportCmd),
    /// A VM's receive path on the switch (dynamic VMQ: move its queue or PF vPort).
    #[command(subcommand)]
    Vm(VmCmd),
    /// Raw OID request through the driver's OID entry point.
    Oid(OidArgs),
    /// Frames from the wire.
    #[command(subcommand)]
    Traffic(TrafficCmd),
    /// DPCs and receives per processor, VMs and their paths, the switch's parse/copy counters.
    Stats(AdapterSel),
    /// Write every frame the adapters indicated to the host to a pcap file.
    Capture(CaptureArgs),
    /// Simulated host: run a scenario file, or read commands from stdin.
    #[command(subcommand)]
    Sim(SimCmd),
    /// The main demonstration: an emulated Hyper-V host, VMs on the software switch, on VMQ
    /// queues and on an SR-IOV VF, traffic from the wire, then the tables and the per-path
    /// comparison.
    Demo,
}

#[derive(Debug, Subcommand)]
pub enum AdapterCmd {
    /// List adapters: Name, InterfaceDescription, MacAddress, Status, interface mode.
    List,
}

#[derive(Debug, Clone, Args)]
pub struct AdapterSel {
    /// Adapter name (as `adapter list` prints it); default: every adapter.
    #[arg(long)]
    pub adapter: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum VmqCmd {
    /// Get-NetAdapterVmq fields.
    Show(AdapterSel),
    /// Get-NetAdapterVmqQueue columns: QueueID, MacAddress, VlanID, Processor, VmFriendlyName, State, NumFilters.
    Queues(AdapterSel),
    /// Set-NetAdapterVmq: write *VMQ / *RssBaseProcNumber / *MaxRssProcessors and restart the
    /// adapter (simulator: the host restarts with the new keywords; VMs reconnect, traffic is not
    /// replayed).
    Set(VmqSetArgs),
}

#[derive(Debug, Clone, Args)]
pub struct VmqSetArgs {
    /// Adapter name.
    #[arg(long)]
    pub adapter: String,
    /// *VMQ: true or false.
    #[arg(long)]
    pub enabled: Option<bool>,
    /// *RssBaseProcNumber: first processor for VMQ queues.
    #[arg(long)]
    pub base_processor_number: Option<u32>,
    /// *MaxRssProcessors: how many processors VMQ queues may use.
    #[arg(long)]
    pub max_processors: Option<u32>,
}

#[derive(Debug, Subcommand)]
pub enum SriovCmd {
    /// Get-NetAdapterSriov fields.
    Show(AdapterSel),
    /// Get-NetAdapterSriovVf columns: FunctionID, VmFriendlyName, MacAddress, VPortID.
    Vfs(AdapterSel),
}

#[derive(Debug, Subcommand)]
pub enum VportCmd {
    /// Get-NetAdapterVPort columns: VPortID, FunctionID, NumQueuePairs, VPortState, Processor, NumFilters.
    List(AdapterSel),
}

#[derive(Debug, Subcommand)]
pub enum VmCmd {
    /// Dynamic VMQ: move the VM's queue (OID_RECEIVE_FILTER_QUEUE_PARAMETERS) or, on an
    /// SR-IOV + VMQ adapter, its PF vPort (OID_NIC_SWITCH_VPORT_PARAMETERS) to another
    /// processor, with PROCESSOR_AFFINITY_CHANGED, as Hyper-V does at run time.
    Move(VmMoveArgs),
}

#[derive(Debug, Clone, Args)]
pub struct VmMoveArgs {
    /// The VM (scenario name).
    pub vm: String,
    /// Processor (group 0) the queue's or vPort's interrupts and indications move to; within
    /// the host's processors and the adapter's *RssBaseProcNumber / *MaxRssProcessors.
    #[arg(long)]
    pub processor: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RequestKind {
    Query,
    Set,
    Method,
}

#[derive(Debug, Clone, Args)]
pub struct OidArgs {
    /// query, set or method.
    #[arg(value_enum)]
    pub kind: RequestKind,
    /// OID: WDK name (OID_RECEIVE_FILTER_ENUM_QUEUES) or number (0x00010225).
    pub oid: String,
    /// Adapter name; default: the first adapter.
    #[arg(long)]
    pub adapter: Option<String>,
    /// Input bytes in hex (set and method).
    #[arg(long, value_name = "HEX")]
    pub in_hex: Option<String>,
    /// Output buffer length (query and method); default 4096.
    #[arg(long, value_name = "BYTES", default_value_t = 4096)]
    pub out_len: u32,
}

#[derive(Debug, Subcommand)]
pub enum TrafficCmd {
    /// Send frames from the wire into the adapter (unicast to a MAC, optional VLAN tag).
    Inject(InjectArgs),
    /// A VM sends frames out through its adapter's send path (simulator only).
    Send(SendArgs),
}

#[derive(Debug, Clone, Args)]
pub struct SendArgs {
    /// The sending VM (scenario name).
    #[arg(long)]
    pub from: String,
    /// Destination MAC.
    #[arg(long)]
    pub dst: String,
    /// Source MAC; default: the VM's own (another is spoofed: a VF's NIC switch drops it).
    #[arg(long)]
    pub src: Option<String>,
    /// Number of frames.
    #[arg(long, default_value_t = 1)]
    pub count: u32,
    /// Frame length in bytes (without FCS), 60..=9014.
    #[arg(long, default_value_t = 60)]
    pub len: u32,
}

#[derive(Debug, Clone, Args)]
pub struct InjectArgs {
    /// Adapter name; default: the first adapter.
    #[arg(long)]
    pub adapter: Option<String>,
    /// Destination MAC (aa-bb-cc-dd-ee-ff or aa:bb:...); `broadcast` for ff-ff-ff-ff-ff-ff.
    #[arg(long)]
    pub dst: String,
    /// 802.1Q VLAN id to tag the frames with.
    #[arg(long)]
    pub vlan: Option<u16>,
    /// Number of frames.
    #[arg(long, default_value_t = 1)]
    pub count: u32,
    /// Frame length in bytes (without FCS), 60..=9014.
    #[arg(long, default_value_t = 60)]
    pub len: u32,
}

#[derive(Debug, Clone, Args)]
pub struct CaptureArgs {
    /// Output pcap file.
    #[arg(long, value_name = "FILE")]
    pub pcap: PathBuf,
    #[command(flatten)]
    pub sel: AdapterSel,
}

#[derive(Debug, Subcommand)]
pub enum SimCmd {
    /// Build the host in FILE, run its traffic, then its `commands` list.
    Run {
        /// Scenario file (TOML).
        file: PathBuf,
    },
    /// Build the host in FILE, then read svnicctl commands from stdin, one per line.
    Shell {
        /// Scenario file (TOML).
        file: PathBuf,
    },
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_flags_go_before_or_after_the_subcommand() {
        let a = Cli::try_parse_from(["svnicctl", "--json", "vmq", "queues", "--adapter", "svnic0"]).unwrap();
        let b = Cli::try_parse_from(["svnicctl", "vmq", "queues", "--adapter", "svnic0", "--json"]).unwrap();
        assert!(a.json && b.json);
        match (a.command, b.command) {
            (Command::Vmq(VmqCmd::Queues(x)), Command::Vmq(VmqCmd::Queues(y))) => {
                assert_eq!(x.adapter.as_deref(), Some("svnic0"));
                assert_eq!(y.adapter.as_deref(), Some("svnic0"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn oid_request_kinds_parse() {
        let c = Cli::try_parse_from([
            "svnicctl",
            "oid",
            "method",
            "OID_NIC_SWITCH_ENUM_VFS",
            "--in-hex",
            "80 01",
            "--out-len",
            "64",
        ])
        .unwrap();
        match c.command {
            Command::Oid(o) => {
                assert_eq!(o.kind, RequestKind::Method);
                assert_eq!(o.in_hex.as_deref(), Some("80 01"));
                assert_eq!(o.out_len, 64);
            }
            other => panic!("{other:?}"),
        }
        assert!(Cli::try_parse_from(["svnicctl", "oid", "poke", "0x1"]).is_err());
    }

    #[test]
    fn vm_move_takes_the_vm_and_a_processor() {
        let c = Cli::try_parse_from(["svnicctl", "vm", "move", "vm1", "--processor", "3"]).unwrap();
        match c.command {
            Command::Vm(VmCmd::Move(m)) => {
                assert_eq!(m.vm, "vm1");
                assert_eq!(m.processor, 3);
            }
            other => panic!("{other:?}"),
        }
        assert!(Cli::try_parse_from(["svnicctl", "vm", "move", "vm1"]).is_err());
    }
}
