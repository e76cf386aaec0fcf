//! Each command against a simulated host: read from the driver, print a table or JSON.

use std::collections::BTreeMap;

use clap::Parser;
use svnic_abi::buf::read_object;
use svnic_abi::oid::*;
use svnic_abi::sriov::*;
use svnic_abi::status::*;
use svnic_abi::vmq::*;

use crate::cli::*;
use crate::decode;
use crate::output::{list_json, render_list, Cell, Table};
use crate::pcap;
use crate::scenario::parse_mac;
use crate::sim::{Placement, SimHost};
use crate::views::{self, OidPort, OidResult};

/// Run one command line (as typed in `sim shell` or listed in a scenario's `commands`).
/// `vmq set` restarts the host: the new host comes back with the output.
pub fn run_line_restarting(
    host: &SimHost,
    line: &str,
    json: bool,
) -> Result<(String, Option<SimHost>), String> {
    let words = split_words(line)?;
    let cli = Cli::try_parse_from(std::iter::once("svnicctl".to_string()).chain(words))
        .map_err(|e| e.render().to_string().trim_end().to_string())?;
    if cli.scenario.is_some() {
        return Err(format!("{line:?}: --scenario is not allowed inside a scenario"));
    }
    run_restarting(host, cli.command, json || cli.json)
}

/// Run one command line that does not restart the host.
pub fn run_line(host: &SimHost, line: &str, json: bool) -> Result<String, String> {
    let words = split_words(line)?;
    let cli = Cli::try_parse_from(std::iter::once("svnicctl".to_string()).chain(words))
        .map_err(|e| e.render().to_string().trim_end().to_string())?;
    if cli.scenario.is_some() {
        return Err(format!("{line:?}: --scenario is not allowed inside a scenario"));
    }
    run(host, cli.command, json || cli.json)
}

/// Run a command; `vmq set` halts the host and builds it again with the new keywords (as
/// Set-NetAdapterVmq restarts the adapter) and returns the new host.
pub fn run_restarting(
    host: &SimHost,
    command: Command,
    json: bool,
) -> Result<(String, Option<SimHost>), String> {
    let Command::Vmq(VmqCmd::Set(args)) = command else {
        return run(host, command, json).map(|t| (t, None));
    };
    let mut scenario = host.scenario.clone();
    scenario.set_vmq(
        &args.adapter,
        args.enabled,
        args.base_processor_number,
        args.max_processors,
    )?;
    host.finish()?;
    let new = SimHost::build(scenario)?;
    let sel = AdapterSel {
        adapter: Some(args.adapter.clone()),
    };
    let text = vmq_show(&new, &sel, json)?;
    Ok((text, Some(new)))
}

/// Split a command line into words: whitespace-separated, `"..."` or `'...'` quoting.
pub fn split_words(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut has = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                has = true;
            }
            (None, c) if c.is_whitespace() => {
                if has || !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                    has = false;
                }
            }
            (None, c) => cur.push(c),
        }
    }
    if quote.is_some() {
        return Err(format!("unterminated quote in {line:?}"));
    }
    if has || !cur.is_empty() {
        words.push(cur);
    }
    Ok(words)
}

/// Run a parsed command.
pub fn run(host: &SimHost, command: Command, json: bool) -> Result<String, String> {
    match command {
        Command::Adapter(AdapterCmd::List) => adapter_list(host, json),
        Command::Vmq(VmqCmd::Show(sel)) => vmq_show(host, &sel, json),
        Command::Vmq(VmqCmd::Queues(sel)) => vmq_queues(host, &sel, json),
        Command::Vmq(VmqCmd::Set(_)) => {
            Err("vmq set restarts the host: run it through run_restarting".into())
        }
        Command::Sriov(SriovCmd::Show(sel)) => sriov_show(host, &sel, json),
        Command::Sriov(SriovCmd::Vfs(sel)) => sriov_vfs(host, &sel, json),
        Command::Vport(VportCmd::List(sel)) => vport_list(host, &sel, json),
        Command::Vm(VmCmd::Move(args)) => vm_move(host, &args, json),
        Command::Oid(args) => oid(host, &args, json),
        Command::Traffic(TrafficCmd::Inject(args)) => inject(host, &args, json),
        Command::Traffic(TrafficCmd::Send(args)) => send(host, &args, json),
        Command::Stats(sel) => stats(host, &sel, json),
        Command::Capture(args) => capture(host, &args, json),
        Command::Sim(_) | Command::Demo => {
            Err("`sim` and `demo` start their own host; run them outside a scenario".into())
        }
    }
}

fn emit(t: &Table, json: bool) -> String {
    if json {
        format!("{}\n", t.to_json())
    } else {
        t.render()
    }
}

fn emit_list(items: &[Vec<(&str, Cell)>], json: bool) -> String {
    if json {
        let v: Vec<serde_json::Value> = items.iter().map(|p| list_json(p)).collect();
        format!("{}\n", serde_json::Value::Array(v))
    } else {
        items
            .iter()
            .map(|p| render_list(p))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

fn query(port: &mut dyn OidPort, oid: NdisOid, len: u32) -> OidResult {
    port.request(NdisRequestQueryInformation, oid, &[], len)
}

fn ok_bytes(r: &OidResult) -> Option<&[u8]> {
    (r.status == NDIS_STATUS_SUCCESS).then(|| {
        let n = (r.bytes_written as usize).min(r.data.len());
        &r.data[..n]
    })
}

fn keyword(host: &SimHost, i: usize, name: &str) -> Cell {
    match host.scenario.adapters[i].keywords.get(name) {
        Some(v) => Cell::from(*v),
        None => svnic_miniport::keywords::spec(name).map_or(Cell::None, |s| Cell::from(s.default)),
    }
}

fn adapter_list(host: &SimHost, json: bool) -> Result<String, String> {
    let mut t = Table::new(&[
        "Name",
        "InterfaceDescription",
        "MacAddress",
        "Status",
        "VmqEnabled",
        "SriovEnabled",
    ]);
    for i in host.select(None)? {
        let mut port = host.port(i);
        let mac = query(&mut port, OID_802_3_CURRENT_ADDRESS, 6);
        let link = query(&mut port, OID_GEN_MEDIA_CONNECT_STATUS, 4);
        let vmq = query(&mut port, OID_RECEIVE_FILTER_CURRENT_CAPABILITIES, 256);
        let sriov = query(&mut port, OID_SRIOV_CURRENT_CAPABILITIES, 64);
        let status = ok_bytes(&link).and_then(|b| b.get(..4)).map(|b| {
            match u32::from_le_bytes([b[0], b[1], b[2], b[3]]) {
                0 => "Up",
                _ => "Disconnected",
            }
        });
        let vmq_on = ok_bytes(&vmq)
            .and_then(|b| read_object::<NDIS_RECEIVE_FILTER_CAPABILITIES>(b).ok())
            .map(|c| c.value.enabled_queue_types != 0 && c.value.num_queues > 0);
        let sriov_on = ok_bytes(&sriov)
            .and_then(|b| read_object::<NDIS_SRIOV_CAPABILITIES>(b).ok())
            .map(|c| c.value.sriov_capabilities & NDIS_SRIOV_CAPS_SRIOV_SUPPORTED != 0);
        t.push(vec![
            host.name(i).into(),
            "svnic software-modeled Ethernet adapter".into(),
            ok_bytes(&mac)
                .filter(|b| b.len() >= 6)
                .map(|b| decode::mac(&b[..6]))
                .into(),
            status.into(),
            vmq_on.into(),
            sriov_on.into(),
        ]);
    }
    Ok(emit(&t, json))
}

fn vmq_show(host: &SimHost, sel: &AdapterSel, json: bool) -> Result<String, String> {
    let mut items = Vec::new();
    for i in host.select(sel.adapter.as_deref())? {
        let mut port = host.port(i);
        let cur = query(&mut port, OID_RECEIVE_FILTER_CURRENT_CAPABILITIES, 256);
        let caps = ok_bytes(&cur).and_then(|b| read_object::<NDIS_RECEIVE_FILTER_CAPABILITIES>(b).ok());
        // Unknown (null) when the driver did not answer the capabilities query.
        let enabled = caps.map(|c| c.value.enabled_queue_types != 0 && c.value.num_queues > 0);
        let c = caps
            .map(|c| c.value)
            .unwrap_or_else(NDIS_RECEIVE_FILTER_CAPABILITIES::zeroed);
        items.push(vec![
            ("Name", host.name(i).into()),
            ("Enabled", Cell::from(enabled)),
            ("NumberOfReceiveQueues", Cell::from(c.num_queues)),
            ("MaxMacHeaderFilters", Cell::from(c.max_mac_header_filters)),
            (
                "VlanFilteringSupported",
                Cell::Bool(
                    c.supported_mac_header_fields & NDIS_RECEIVE_FILTER_MAC_HEADER_VLAN_ID_SUPPORTED != 0,
                ),
            ),
            ("BaseProcessorNumber", keyword(host, i, "*RssBaseProcNumber")),
            ("MaxProcessors", keyword(host, i, "*MaxRssProcessors")),
            ("NumaNode", keyword(host, i, "*NumaNodeId")),
            (
                "CurrentCapabilitiesStatus",
                Cell::from(decode::status_name(cur.status)),
            ),
        ]);
    }
    Ok(emit_list(&items, json))
}

fn per_adapter_table<R>(
    host: &SimHost,
    sel: &AdapterSel,
    columns: &[&'static str],
    fetch: impl Fn(&mut dyn OidPort) -> Result<Vec<R>, views::ViewError>,
    row: impl Fn(&str, &R) -> Vec<Cell>,
    json: bool,
) -> Result<String, String> {
    let mut t = Table::new(columns);
    for i in host.select(sel.adapter.as_deref())? {
        let mut port = host.port(i);
        let rows = fetch(&mut port).map_err(|e| format!("{}: {e}", host.name(i)))?;
        for r in &rows {
            t.push(row(host.name(i), r));
        }
    }
    Ok(emit(&t, json))
}

fn vmq_queues(host: &SimHost, sel: &AdapterSel, json: bool) -> Result<String, String> {
    let adapters = host.select(sel.adapter.as_deref())?;
    // SR-IOV + VMQ: the PF non-default vPorts replace the VM queues (spec 2.4); each is listed
    // as its vPort's queue (QueueID 0 of that vPort, the VPortID column, State = the vPort's
    // state). The column appears only when a listed adapter has such vPorts.
    let with_vports = adapters.iter().any(|i| host.iov_counters(*i).is_some());
    let mut columns = vec![
        "Name",
        "QueueID",
        "MacAddress",
        "VlanID",
        "Processor",
        "VmFriendlyName",
        "State",
        "NumFilters",
    ];
    if with_vports {
        columns.push("VPortID");
    }
    let mut t = Table::new(&columns);
    for i in adapters {
        let mut port = host.port(i);
        let name = host.name(i);
        let queues = views::vmq_queues(&mut port).map_err(|e| format!("{name}: {e}"))?;
        let vports = match host.iov_counters(i) {
            Some(_) => Some(views::vports(&mut port).map_err(|e| format!("{name}: {e}"))?),
            None => None,
        };
        // SR-IOV + VMQ: the default queue is vPort 0's, whose filters (the VMs without a VF
        // or PF vPort) ENUM_VPORTS counts; ENUM_FILTERS on queue 0 lists VMQ filters only.
        let vport0_filters = vports
            .as_ref()
            .and_then(|v| v.iter().find(|v| v.vport_id == 0))
            .map(|v| v.num_filters);
        for q in &queues {
            let filters = match (q.queue_id, vport0_filters) {
                (0, Some(n)) => n,
                _ => q.num_filters,
            };
            let mut row: Vec<Cell> = vec![
                name.into(),
                q.queue_id.into(),
                q.mac_address.clone().into(),
                q.vlan_id.into(),
                q.processor.clone().into(),
                q.vm_friendly_name.clone().into(),
                q.state.into(),
                filters.into(),
            ];
            if with_vports {
                // Queues of an SR-IOV + VMQ adapter are on the default vPort.
                row.push(vports.as_ref().map(|_| 0u32).into());
            }
            t.push(row);
        }
        let Some(vports) = vports else {
            continue;
        };
        for v in vports.iter().filter(|v| v.function_id == "PF" && v.vport_id != 0) {
            let vm = host.vport_vm(i, v.vport_id);
            t.push(vec![
                name.into(),
                0u32.into(),
                vm.and_then(|vm| parse_mac(&vm.mac).ok())
                    .map(|m| decode::mac(&m))
                    .into(),
                vm.and_then(|vm| vm.vlan).into(),
                v.processor.clone().into(),
                vm.map(|vm| vm.name.clone()).into(),
                v.vport_state.into(),
                v.num_filters.into(),
                v.vport_id.into(),
            ]);
        }
    }
    Ok(emit(&t, json))
}

fn vport_list(host: &SimHost, sel: &AdapterSel, json: bool) -> Result<String, String> {
    per_adapter_table(
        host,
        sel,
        &[
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
            "VmFriendlyName",
        ],
        views::vports,
        |name, v| {
            // The VM the switch put on this VF or PF vPort, with the MAC / VLAN of its filter
            // there (the switch's placement; vPort 0 is shared by the VMs without one).
            let vm = host
                .select(Some(name))
                .ok()
                .and_then(|i| host.vport_vm(*i.first()?, v.vport_id));
            let mac = vm.and_then(|vm| parse_mac(&vm.mac).ok()).map(|m| decode::mac(&m));
            vec![
                name.into(),
                v.vport_id.into(),
                v.vport_name.clone().into(),
                v.switch_id.into(),
                v.function_id.clone().into(),
                v.num_queue_pairs.into(),
                v.vport_state.into(),
                v.processor.clone().into(),
                v.num_filters.into(),
                mac.into(),
                vm.and_then(|vm| vm.vlan).into(),
                vm.map(|vm| vm.name.clone()).into(),
            ]
        },
        json,
    )
}

/// Dynamic VMQ (spec 1.13): move a VM's queue, or its PF vPort on an SR-IOV + VMQ adapter,
/// through the switch's own OID, then read the processor back from the driver.
fn vm_move(host: &SimHost, args: &VmMoveArgs, json: bool) -> Result<String, String> {
    let name = &args.vm;
    let (i, place) = host
        .placement(name)
        .ok_or_else(|| format!("no vm named {name:?} in the scenario"))?;
    let adapter = host.name(i);
    let (path, queue, vport) = match place {
        Placement::VmQueue { queue } => (format!("VM queue {queue}"), Some(queue), None),
        Placement::PfVPort { vport } => (format!("PF vPort {vport}"), None, Some(vport)),
        Placement::Vf { vf, vport } => {
            return Err(format!(
                "vm {name:?} is on SR-IOV VF {vf} (vPort {vport}) of {adapter}: a VF's interrupts \
                 belong to the guest, the host cannot move them"
            ))
        }
        Placement::DefaultQueue => {
            return Err(format!(
                "vm {name:?} is on the default queue of {adapter} (no VM queue): only a VM queue \
                 moves; the default queue stays on *RssBaseProcNumber"
            ))
        }
        Placement::DefaultVPort => {
            return Err(format!(
                "vm {name:?} is on the default vPort of {adapter} (no VF or PF vPort): only a PF \
                 non-default vPort moves; the default vPort stays on *RssBaseProcNumber"
            ))
        }
    };
    let processors = host.host.processors();
    let p = args.processor;
    if p >= processors {
        return Err(format!(
            "--processor {p}: the host has processors 0..{processors}"
        ));
    }
    let allowed = host.scenario.vmq_processor_set(i, processors);
    if !allowed.contains(&p) {
        let (base, max) = host.scenario.vmq_processors(i);
        let list: Vec<String> = allowed.iter().map(u32::to_string).collect();
        return Err(format!(
            "--processor {p}: {adapter}'s VMQ processors are {} (*RssBaseProcNumber = {base}, \
             *MaxRssProcessors = {max}); change them with `vmq set`",
            list.join(",")
        ));
    }
    let from = host.vm_processor(name);
    let target = u8::try_from(p).map_err(|_| format!("--processor {p}: must be below 64"))?;
    let oid = match place {
        Placement::VmQueue { .. } => OID_RECEIVE_FILTER_QUEUE_PARAMETERS,
        _ => OID_NIC_SWITCH_VPORT_PARAMETERS,
    };
    let oid_name = decode::oid_name(oid).unwrap_or("OID");
    host.move_vm(name, target).map_err(|st| {
        format!(
            "vm {name:?}: {oid_name} (PROCESSOR_AFFINITY_CHANGED) on {adapter} failed: {} (0x{st:08X})",
            decode::status_name(st)
        )
    })?;
    // What the driver reports now (ENUM_QUEUES / ENUM_VPORTS), not what was asked for.
    let mut port = host.port(i);
    let now = match (queue, vport) {
        (Some(q), _) => views::vmq_queues(&mut port)
            .map_err(|e| format!("{adapter}: {e}"))?
            .into_iter()
            .find(|r| r.queue_id == q)
            .and_then(|r| r.processor),
        (_, Some(v)) => views::vports(&mut port)
            .map_err(|e| format!("{adapter}: {e}"))?
            .into_iter()
            .find(|r| r.vport_id == v)
            .and_then(|r| r.processor),
        _ => None,
    };
    let pairs = vec![
        ("VMName", name.clone().into()),
        ("Adapter", adapter.into()),
        ("Path", path.into()),
        ("QueueID", queue.into()),
        ("VPortID", vport.into()),
        ("Oid", oid_name.into()),
        ("PreviousProcessor", from.map(|p| format!("0:{p}")).into()),
        ("Processor", now.into()),
    ];
    Ok(emit_list(&[pairs], json))
}

fn sriov_vfs(host: &SimHost, sel: &AdapterSel, json: bool) -> Result<String, String> {
    per_adapter_table(
        host,
        sel,
        &[
            "Name",
            "FunctionID",
            "SwitchID",
            "VmFriendlyName",
            "MacAddress",
            "VPortID",
        ],
        views::vfs,
        |name, v| {
            vec![
                name.into(),
                v.function_id.into(),
                v.switch_id.into(),
                v.vm_friendly_name.clone().into(),
                v.mac_address.clone().into(),
                v.vport_ids
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(",")
                    .into(),
            ]
        },
        json,
    )
}

fn sriov_show(host: &SimHost, sel: &AdapterSel, json: bool) -> Result<String, String> {
    let mut items = Vec::new();
    for i in host.select(sel.adapter.as_deref())? {
        let mut port = host.port(i);
        let sr = query(&mut port, OID_SRIOV_CURRENT_CAPABILITIES, 64);
        let sw = query(&mut port, OID_NIC_SWITCH_CURRENT_CAPABILITIES, 256);
        let sriov = ok_bytes(&sr).and_then(|b| read_object::<NDIS_SRIOV_CAPABILITIES>(b).ok());
        let nic = ok_bytes(&sw)
            .and_then(|b| read_object::<NDIS_NIC_SWITCH_CAPABILITIES>(b).ok())
            .map(|c| c.value);
        let enabled = sriov.map(|c| c.value.sriov_capabilities & NDIS_SRIOV_CAPS_SRIOV_SUPPORTED != 0);
        // The switch NDIS created from NicSwitches\0 (none until Hyper-V creates it).
        let sw = views::switches(&mut port).ok().and_then(|v| v.into_iter().next());
        items.push(vec![
            ("Name", host.name(i).into()),
            ("Enabled", Cell::from(enabled)),
            ("SwitchName", sw.as_ref().map(|s| s.switch_name.clone()).into()),
            ("NumVFs", sw.as_ref().map(|s| s.num_vfs).into()),
            ("NumAllocatedVFs", sw.as_ref().map(|s| s.num_allocated_vfs).into()),
            ("NumVPorts", sw.as_ref().map(|s| s.num_vports).into()),
            ("NumActiveVPorts", sw.as_ref().map(|s| s.num_active_vports).into()),
            ("MaxNumSwitches", nic.map(|c| c.max_num_switches).into()),
            ("MaxNumVPorts", nic.map(|c| c.max_num_vports).into()),
            ("MaxNumVFs", nic.map(|c| c.max_num_vfs).into()),
            ("MaxNumQueuePairs", nic.map(|c| c.max_num_queue_pairs).into()),
            (
                "VlanSupported",
                nic.map(|c| c.nic_switch_capabilities & NDIS_NIC_SWITCH_CAPS_VLAN_SUPPORTED != 0)
                    .into(),
            ),
            (
                "SriovCapabilitiesStatus",
                Cell::from(decode::status_name(sr.status)),
            ),
        ]);
    }
    Ok(emit_list(&items, json))
}

fn oid(host: &SimHost, args: &OidArgs, json: bool) -> Result<String, String> {
    let code = decode::parse_oid(&args.oid)?;
    let input = match &args.in_hex {
        Some(h) => decode::parse_hex(h)?,
        None => Vec::new(),
    };
    if args.kind == RequestKind::Set && input.is_empty() {
        return Err("oid set needs --in-hex with the structure to set".into());
    }
    let i = match &args.adapter {
        Some(a) => host.select(Some(a))?[0],
        None => 0,
    };
    let kind = match args.kind {
        RequestKind::Query => NdisRequestQueryInformation,
        RequestKind::Set => NdisRequestSetInformation,
        RequestKind::Method => NdisRequestMethod,
    };
    let r = host.port(i).request(kind, code, &input, args.out_len);
    let written = (r.bytes_written as usize).min(r.data.len());
    let data = if args.kind == RequestKind::Set {
        &[][..]
    } else {
        &r.data[..written]
    };
    let fields = if r.status == NDIS_STATUS_SUCCESS {
        decode::decode(code, data)
    } else {
        Vec::new()
    };
    let name = decode::oid_name(code).map_or_else(|| format!("0x{code:08X}"), str::to_string);
    if json {
        let v = serde_json::json!({
            "Adapter": host.name(i),
            "Oid": name,
            "Status": decode::status_name(r.status),
            "StatusCode": format!("0x{:08X}", r.status),
            "BytesWritten": r.bytes_written,
            "BytesRead": r.bytes_read,
            "BytesNeeded": r.bytes_needed,
            "Data": decode::hex(data),
            "Fields": fields,
        });
        return Ok(format!("{v}\n"));
    }
    let mut out = format!(
        "{name} on {}: {} (0x{:08X})\nBytesWritten {}  BytesRead {}  BytesNeeded {}\n",
        host.name(i),
        decode::status_name(r.status),
        r.status,
        r.bytes_written,
        r.bytes_read,
        r.bytes_needed
    );
    if r.status != NDIS_STATUS_SUCCESS {
        out.push_str(&format!(
            "hint: {}\n",
            decode::status_hint(r.status, r.bytes_needed)
        ));
    }
    if !data.is_empty() {
        out.push_str(&format!("data: {}\n", decode::hex(data)));
    }
    let w = fields.iter().map(|f| f.name.len()).max().unwrap_or(0);
    for f in &fields {
        out.push_str(&format!("  {:<w$} = {}\n", f.name, f.value));
    }
    if r.status == NDIS_STATUS_SUCCESS {
        Ok(out)
    } else {
        Err(out.trim_end().to_string())
    }
}

fn inject(host: &SimHost, args: &InjectArgs, json: bool) -> Result<String, String> {
    let dst = parse_mac(&args.dst)?;
    if !(60..=9014).contains(&args.len) {
        return Err(format!("--len {}: a frame is 60..=9014 bytes", args.len));
    }
    if let Some(v) = args.vlan {
        if !(1..=4094).contains(&v) {
            return Err(format!("--vlan {v}: VLAN ids are 1..=4094"));
        }
    }
    let i = match &args.adapter {
        Some(a) => host.select(Some(a))?[0],
        None => 0,
    };
    let before = host.received(i).len();
    let accepted = host.inject(i, dst, args.vlan, args.count, args.len as usize);
    host.settle();
    let received = host.received(i).len().saturating_sub(before);
    let pairs = vec![
        ("Name", host.name(i).into()),
        ("Destination", decode::mac(&dst).into()),
        ("VlanID", args.vlan.into()),
        ("Sent", args.count.into()),
        ("AcceptedByWire", accepted.into()),
        ("IndicatedToHost", received.into()),
    ];
    Ok(emit_list(&[pairs], json))
}

fn send(host: &SimHost, args: &SendArgs, json: bool) -> Result<String, String> {
    let dst = parse_mac(&args.dst)?;
    if !(60..=9014).contains(&args.len) {
        return Err(format!("--len {}: a frame is 60..=9014 bytes", args.len));
    }
    let vm = host
        .scenario
        .vm(&args.from)
        .ok_or_else(|| format!("no vm named {:?} in the scenario", args.from))?;
    let src = args.src.as_deref().map(parse_mac).transpose()?;
    let i = host.select(Some(&vm.adapter))?[0];
    let tx = |c: &[(&str, u64)]| c.iter().find(|(n, _)| *n == "tx_frames").map_or(0, |x| x.1);
    let before = tx(&host.counters(i)?);
    let vf_before = host.vf_tx(&args.from);
    let (sent, ok) = host.send_from_vm(&args.from, dst, src, args.count, args.len as usize)?;
    let after = tx(&host.counters(i)?);
    // A VM on a VF sends from the VF's own queue: the NIC's counters of that pool say what its
    // embedded switch did with the frames (the PF adapter transmits none of them).
    let vf = vf_before.zip(host.vf_tx(&args.from)).map(|(b, a)| {
        (
            a.frames.saturating_sub(b.frames),
            a.spoofed.saturating_sub(b.spoofed),
        )
    });
    let row = host.vms().into_iter().find(|v| v.name == args.from);
    let path = match (
        row.as_ref().and_then(|v| v.vf).filter(|_| vf.is_some()),
        row.and_then(|v| v.pf_vport),
    ) {
        (Some((n, vport)), _) => format!("SR-IOV VF {n} (vPort {vport})"),
        (None, Some((vport, _))) => format!("PF vPort {vport}"),
        (None, None) => "PF".to_string(),
    };
    let pairs = vec![
        ("VMName", args.from.clone().into()),
        ("Adapter", host.name(i).into()),
        ("Path", path.into()),
        ("Source", decode::mac(&src.unwrap_or(parse_mac(&vm.mac)?)).into()),
        ("Destination", decode::mac(&dst).into()),
        ("Sent", sent.into()),
        ("CompletedSuccess", ok.into()),
        ("AdapterTxFrames", after.saturating_sub(before).into()),
        ("VfTxFrames", vf.map(|v| v.0).into()),
        ("VfSpoofDropped", vf.map(|v| v.1).into()),
    ];
    Ok(emit_list(&[pairs], json))
}

fn stats(host: &SimHost, sel: &AdapterSel, json: bool) -> Result<String, String> {
    host.settle();
    let adapters = host.select(sel.adapter.as_deref())?;
    // DPCs are counted per simulated processor for the whole host; receives per adapter,
    // queue and the processor their indication ran on.
    let dpcs = host.host.dpcs_run();
    let mut per_cpu: BTreeMap<u32, (usize, Vec<String>)> = BTreeMap::new();
    for &i in &adapters {
        for r in host.received(i) {
            let e = per_cpu.entry(r.processor).or_default();
            e.0 += 1;
            let q = format!("{}/{}", host.name(i), r.queue_id);
            if !e.1.contains(&q) {
                e.1.push(q);
            }
        }
    }
    let mut cpus = Table::new(&["Processor", "DpcsRun", "Receives", "Queues"]);
    for (p, d) in dpcs.iter().enumerate() {
        let p32 = u32::try_from(p).unwrap_or(u32::MAX);
        let (n, mut queues) = per_cpu.remove(&p32).unwrap_or_default();
        queues.sort();
        cpus.push(vec![p32.into(), (*d).into(), n.into(), queues.join(",").into()]);
    }
    let names: Vec<&str> = adapters.iter().map(|i| host.name(*i)).collect();
    let mut vms = Table::new(&[
        "VMName",
        "Adapter",
        "MacAddress",
        "VlanID",
        "VmqWeight",
        "QueueID",
        "Path",
        "FramesReceived",
        "Processors",
        "VfQueueSteered",
        "VfQueueDropped",
        "VPortID",
        "FramesCopiedBySwitch",
    ]);
    for v in host
        .vms()
        .into_iter()
        .filter(|v| names.contains(&v.adapter.as_str()))
    {
        let path = match (v.vf, v.pf_vport, v.queue) {
            (Some((vf, vport)), _, _) => format!("SR-IOV VF {vf} (vPort {vport})"),
            (None, Some((vport, cpu)), _) => format!("PF vPort {vport} (processor {cpu})"),
            (None, None, Some(_)) => "VMQ".to_string(),
            (None, None, None) => "software switch".to_string(),
        };
        vms.push(vec![
            v.name.into(),
            v.adapter.into(),
            v.mac.into(),
            v.vlan.into(),
            v.vmq_weight.into(),
            v.queue.into(),
            path.into(),
            v.frames_received.into(),
            v.processors
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(",")
                .into(),
            v.vf_queue.map(|(steered, _)| steered).into(),
            v.vf_queue.map(|(_, dropped)| dropped).into(),
            v.vf.map(|(_, vport)| vport)
                .or(v.pf_vport.map(|(vport, _)| vport))
                .into(),
            v.frames_copied.into(),
        ]);
    }
    let mut sw = Table::new(&[
        "Adapter",
        "VmqEnabled",
        "DeliveredBy",
        "FramesDirect",
        "FramesParsed",
        "FramesCopied",
        "BytesCopied",
        "FramesUnclaimed",
        "FramesMisrouted",
    ]);
    for &i in &adapters {
        // SR-IOV + VMQ: the IOV switch delivers (FramesDirect = from PF vPorts); otherwise the
        // VMQ switch (FramesDirect = from VM queues).
        let row = match host.iov_counters(i) {
            Some(c) => [
                Cell::from("IOV switch"),
                c.frames_direct.into(),
                c.frames_parsed.into(),
                c.frames_copied.into(),
                c.bytes_copied.into(),
                c.frames_unclaimed.into(),
                c.frames_misrouted.into(),
            ],
            None => {
                let c = host.switch_counters(i);
                [
                    Cell::from("VMQ switch"),
                    c.frames_direct.into(),
                    c.frames_parsed.into(),
                    c.frames_copied.into(),
                    c.bytes_copied.into(),
                    c.frames_unclaimed.into(),
                    Cell::None,
                ]
            }
        };
        let mut cells = vec![host.name(i).into(), host.vmq_enabled(i).into()];
        cells.extend(row);
        sw.push(cells);
    }
    let (driver_json, driver_text) = crate::ctl::stats_counters(host, &adapters)?;
    if json {
        let v = serde_json::json!({
            "Processors": cpus.to_json(),
            "Vms": vms.to_json(),
            "Switch": sw.to_json(),
            "Driver": driver_json,
        });
        return Ok(format!("{v}\n"));
    }
    Ok([cpus.render(), vms.render(), sw.render(), driver_text].join("\n"))
}

fn capture(host: &SimHost, args: &CaptureArgs, json: bool) -> Result<String, String> {
    host.settle();
    let mut frames = Vec::new();
    for i in host.select(args.sel.adapter.as_deref())? {
        frames.extend(host.received(i).into_iter().map(|r| r.frame));
    }
    let records: Vec<(u64, &[u8])> = frames
        .iter()
        .enumerate()
        .map(|(n, f)| (n as u64, f.as_slice()))
        .collect();
    let mut file = std::fs::File::create(&args.pcap)
        .map_err(|e| format!("cannot create {}: {e}", args.pcap.display()))?;
    pcap::write(&mut file, &records).map_err(|e| format!("writing {}: {e}", args.pcap.display()))?;
    let pairs = vec![
        ("File", args.pcap.display().to_string().into()),
        ("Frames", frames.len().into()),
        ("Bytes", frames.iter().map(Vec::len).sum::<usize>().into()),
    ];
    Ok(emit_list(&[pairs], json))
}

#[cfg(test)]
mod tests {
    use super::split_words;

    #[test]
    fn command_lines_split_on_spaces_and_honour_quotes() {
        assert_eq!(
            split_words("vmq queues --adapter svnic0").unwrap(),
            ["vmq", "queues", "--adapter", "svnic0"]
        );
        assert_eq!(
            split_words("oid set X --in-hex \"80 01 10 00\"").unwrap(),
            ["oid", "set", "X", "--in-hex", "80 01 10 00"]
        );
        assert_eq!(split_words("a '' b").unwrap(), ["a", "", "b"]);
        assert!(split_words("a \"b").unwrap_err().contains("unterminated quote"));
    }
}
