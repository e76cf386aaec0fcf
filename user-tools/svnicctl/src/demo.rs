//! `svnicctl demo`: an emulated Hyper-V host with two svnic adapters and their switches: on
//! svnic0 (VMQ preferred) one VM on the software-switch path (VmqWeight 0) and two on VMQ
//! queues; on svnic1 (SR-IOV preferred) one VM on an SR-IOV VF, whose guest partition runs the
//! driver's own VF adapter (hyperv-sim's `BoundGuestVm`: DriverEntry / MiniportInitializeEx in
//! the child partition). Traffic from the wire to each, replies from the VMs (the VF VM's through
//! its VF, one batch with a spoofed source MAC), then the tables and the comparison per path, all
//! read from the run; the guests are halted before the host.

use crate::commands;
use crate::output::Table;
use crate::scenario::Scenario;
use crate::sim::SimHost;
use svnic_miniport::sriov::abi::{OID_SRIOV_READ_VF_CONFIG_BLOCK, OID_SRIOV_WRITE_VF_CONFIG_BLOCK};
use svnic_miniport::sriov::backchannel::{
    BLOCK_LINK_STATE, BLOCK_VF_DRIVER_INFO, BLOCK_VF_INFO, BLOCK_VF_REQUEST,
};

/// The backchannel block a config-block OID named.
fn block_name(block: u32) -> String {
    match block {
        BLOCK_VF_INFO => "VF_INFO".into(),
        BLOCK_LINK_STATE => "LINK_STATE".into(),
        BLOCK_VF_REQUEST => "VF_REQUEST".into(),
        BLOCK_VF_DRIVER_INFO => "VF_DRIVER_INFO".into(),
        n => format!("block {n}"),
    }
}

/// The demo host. Frames per VM are enough to see the per-processor split and finish in well
/// under a second.
pub const DEMO_SCENARIO: &str = r#"
processors = 4

[[adapter]]
name = "svnic0"
keywords = { "*RssOrVmqPreference" = 1 }

[[vm]]
name = "vm-software"
adapter = "svnic0"
mac = "00-15-5D-00-00-10"
vmq_weight = 0

[[vm]]
name = "vm-vmq1"
adapter = "svnic0"
mac = "00-15-5D-00-00-11"

[[vm]]
name = "vm-vmq2"
adapter = "svnic0"
mac = "00-15-5D-00-00-12"
vlan = 20

[[adapter]]
name = "svnic1"
keywords = { "*SriovPreferred" = 1, "*SRIOV" = 1, "*VMQ" = 0, "*NumVFs" = 4 }

[[vm]]
name = "vm-sriov"
adapter = "svnic1"
mac = "00-15-5D-00-00-13"
iov_weight = 100

[[traffic]]
to = "vm-sriov"
count = 500
len = 1514

[[traffic]]
to = "vm-software"
count = 500
len = 1514

[[traffic]]
to = "vm-vmq1"
count = 500
len = 1514

[[traffic]]
to = "vm-vmq2"
count = 500
len = 1514
"#;

/// Run the demo; the report as text or JSON.
pub fn run(json: bool) -> Result<String, String> {
    let host = SimHost::build(Scenario::parse(DEMO_SCENARIO)?)?;
    let mut log = host.run_traffic()?;
    host.settle();
    // The per-path figures are those of the inbound traffic, taken before the replies (which
    // svnic1, on the same hub and promiscuous under its switch, also sees).
    let vmq_side = host.switch_counters(0);
    let sriov_side = host.switch_counters(1);
    // And back: the VMs on svnic0 answer a station on the wire through the PF's send path.
    let station = crate::wireframe::WIRE_SOURCE;
    let tx = |c: &[(&str, u64)]| c.iter().find(|(n, _)| *n == "tx_frames").map_or(0, |x| x.1);
    let tx_before = tx(&host.counters(0)?);
    let mut replies = 0;
    for vm in ["vm-software", "vm-vmq1", "vm-vmq2"] {
        let (sent, ok) = host.send_from_vm(vm, station, None, 200, 512)?;
        replies += sent;
        log.push(format!(
            "{vm} sent {sent} frames of 512 bytes to the wire station through svnic0: {ok} completed with NDIS_STATUS_SUCCESS"
        ));
    }
    let tx_frames = tx(&host.counters(0)?).saturating_sub(tx_before);
    host.settle();
    let seen = host
        .switch_counters(1)
        .frames_unclaimed
        .saturating_sub(sriov_side.frames_unclaimed);
    log.push(format!(
        "svnic0 transmitted {tx_frames} of those {replies} frames to the wire (device counter); svnic1, on the same hub, saw {seen} of them and no VM claimed them"
    ));
    // The VM on the VF answers from its guest, through the guest VF adapter's send path (the
    // VF's own queue into the NIC's embedded switch), then sends a batch with a source MAC that
    // is not its own: anti-spoofing in the NIC drops those.
    let vf_vm = "vm-sriov";
    let vf_tx = |h: &SimHost| h.vf_tx(vf_vm).unwrap_or_default();
    let pf1_before = tx(&host.counters(1)?);
    let before = vf_tx(&host);
    let (sent, ok) = host.send_from_vm(vf_vm, station, None, 200, 512)?;
    let own = vf_tx(&host);
    let spoof_src = [0x02, 0x00, 0x00, 0x00, 0x00, 0x66];
    let (spoof_sent, spoof_ok) = host.send_from_vm(vf_vm, station, Some(spoof_src), 10, 512)?;
    let after = vf_tx(&host);
    let pf1_tx = tx(&host.counters(1)?).saturating_sub(pf1_before);
    let vf_sends = serde_json::json!({
        "VMName": vf_vm,
        "Sent": sent,
        "CompletedSuccess": ok,
        "VfTxFrames": own.frames.saturating_sub(before.frames),
        "SpoofedSent": spoof_sent,
        "SpoofedCompletedSuccess": spoof_ok,
        "VfTxFramesSpoofed": after.frames.saturating_sub(own.frames),
        "VfSpoofDropped": after.spoofed.saturating_sub(own.spoofed),
        "PfTxFrames": pf1_tx,
    });
    log.push(format!(
        "{vf_vm} sent {sent} frames of 512 bytes to the wire station through its VF: {ok} completed with NDIS_STATUS_SUCCESS, the VF's queue transmitted {}",
        own.frames.saturating_sub(before.frames)
    ));
    log.push(format!(
        "{vf_vm} sent {spoof_sent} frames with source MAC {} (not its own) through its VF: {spoof_ok} completed with NDIS_STATUS_SUCCESS, the NIC's embedded switch dropped {} as spoofed and transmitted {}; svnic1's PF transmitted {pf1_tx} of all these",
        crate::decode::mac(&spoof_src),
        after.spoofed.saturating_sub(own.spoofed),
        after.frames.saturating_sub(own.frames)
    ));
    let vms = host.vms();
    let mut t = Table::new(&[
        "Path",
        "VMs",
        "FramesDelivered",
        "FramesParsedBySwitch",
        "CopiesByHost",
        "BytesCopiedByHost",
        "ProcessorsUsed",
    ]);
    let mut path_row =
        |name: &str, pick: &dyn Fn(&crate::sim::VmRow) -> bool, parsed: u64, copies: u64, bytes: u64| {
            let chosen: Vec<_> = vms.iter().filter(|v| pick(v)).collect();
            let frames: usize = chosen.iter().map(|v| v.frames_received).sum();
            let mut cpus: Vec<u32> = chosen.iter().flat_map(|v| v.processors.clone()).collect();
            cpus.sort_unstable();
            cpus.dedup();
            t.push(vec![
                name.into(),
                chosen
                    .iter()
                    .map(|v| v.name.as_str())
                    .collect::<Vec<_>>()
                    .join(",")
                    .into(),
                frames.into(),
                parsed.into(),
                copies.into(),
                bytes.into(),
                cpus.iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(",")
                    .into(),
            ]);
        };
    path_row(
        "software switch (default queue)",
        &|v| v.queue.is_none() && v.vf.is_none(),
        vmq_side.frames_parsed,
        vmq_side.frames_copied,
        vmq_side.bytes_copied,
    );
    // Frames on a VM queue were written once by the NIC into that queue's memory: the switch
    // neither parses nor copies them (SwitchCounters counts them as direct).
    path_row("VMQ (queue per VM)", &|v| v.queue.is_some(), 0, 0, 0);
    // A VF's frames are switched inside the NIC into the VF's own queue, in the guest's memory,
    // and indicated by the guest's VF adapter (FramesDelivered: what the guests received); the
    // management OS indicates none of them (svnic1's switch counters show what it had to parse
    // and copy).
    path_row(
        "SR-IOV (VF per VM)",
        &|v| v.vf.is_some(),
        sriov_side.frames_parsed,
        sriov_side.frames_copied,
        sriov_side.bytes_copied,
    );
    let (steered, dropped) = vms
        .iter()
        .filter_map(|v| v.vf_queue)
        .fold((0, 0), |(a, b), (s, d)| (a + s, b + d));
    let guests = host.guests();
    let mut sriov_note = format!(
        "SR-IOV: the NIC's embedded switch steered {steered} frames to the VFs' queues and dropped {dropped} there; \
         the management OS indicated, parsed and copied none of them."
    );
    for g in &guests {
        let oids: Vec<String> = g
            .pf_block_oids
            .iter()
            .map(|o| {
                let kind = match o.oid {
                    OID_SRIOV_READ_VF_CONFIG_BLOCK => "READ",
                    OID_SRIOV_WRITE_VF_CONFIG_BLOCK => "WRITE",
                    _ => "OID",
                };
                format!("{kind} {}", block_name(o.block))
            })
            .collect();
        let (before, after) = g.pf_dpcs_around_traffic.unwrap_or_default();
        sriov_note.push_str(&format!(
            "\nGuest {} (VF {} of {}): its VF adapter (the driver's own, MiniportInitializeEx in the VM) got its configuration over the backchannel \
             ({} OID_SRIOV_*_VF_CONFIG_BLOCK requests the PF served: {}), received {} of the {} frames injected to it, \
             and ran {} DPCs of its own (one per VF interrupt, one more per full 64-frame batch); the PF adapters' DPCs stayed at {before} -> {after} \
             ({} for the VF traffic).",
            g.vm,
            g.vf,
            g.adapter,
            oids.len(),
            oids.join(", "),
            g.frames_received,
            g.injected,
            g.guest_dpcs_scheduled,
            g.pf_dpcs_during_traffic,
        ));
    }
    if json {
        let queues = commands::run_line(&host, "vmq queues --adapter svnic0 --json", true)?;
        let vfs = commands::run_line(&host, "sriov vfs --adapter svnic1 --json", true)?;
        let stats = commands::run_line(&host, "stats --json", true)?;
        let v = serde_json::json!({
            "Traffic": log,
            "Queues": serde_json::from_str::<serde_json::Value>(&queues).map_err(|e| e.to_string())?,
            "Stats": serde_json::from_str::<serde_json::Value>(&stats).map_err(|e| e.to_string())?,
            "Vfs": serde_json::from_str::<serde_json::Value>(&vfs).map_err(|e| e.to_string())?,
            "Paths": t.to_json(),
            "SriovNote": sriov_note,
            "VfQueueSteered": steered,
            "VfQueueDropped": dropped,
            "VfSends": vf_sends,
            "Guests": guests.iter().map(|g| serde_json::json!({
                "VMName": g.vm,
                "Adapter": g.adapter,
                "VF": g.vf,
                "FramesInjected": g.injected,
                "FramesReceivedByGuest": g.frames_received,
                "GuestDpcsScheduled": g.guest_dpcs_scheduled,
                "PfDpcsDuringTraffic": g.pf_dpcs_during_traffic,
                "PfDpcsBeforeTraffic": g.pf_dpcs_around_traffic.map(|x| x.0),
                "PfDpcsAfterTraffic": g.pf_dpcs_around_traffic.map(|x| x.1),
                "PfBackchannelOids": g.pf_block_oids.iter().map(|o| serde_json::json!({
                    "Oid": crate::decode::oid_name(o.oid).unwrap_or("?"),
                    "Block": block_name(o.block),
                    "Status": crate::decode::status_name(o.status),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        });
        host.finish()?;
        return Ok(format!("{v}\n"));
    }
    let mut out = String::new();
    out.push_str(&format!(
        "Simulated Hyper-V host: {} processors; svnic0 (VMQ preferred) and svnic1 (SR-IOV, 4 VFs), each with an external switch; 4 VMs.\n",
        host.host.processors()
    ));
    for l in &log {
        out.push_str(l);
        out.push('\n');
    }
    for cmd in [
        "vmq queues --adapter svnic0",
        "sriov vfs --adapter svnic1",
        "vport list --adapter svnic1",
    ] {
        out.push_str(&format!("\n> svnicctl {cmd}\n"));
        out.push_str(&commands::run_line(&host, cmd, false)?);
    }
    out.push_str("\n> svnicctl stats\n");
    out.push_str(&commands::run_line(&host, "stats", false)?);
    out.push_str("\nPer path (figures from this run):\n");
    out.push_str(&t.render());
    out.push_str(&format!("{sriov_note}\n"));
    host.finish()?;
    out.push_str(
        "\nGuests halted (their VF adapters returned every NBL and freed their pools, shared memory and DMA registration in the VMs); host halted: every queue freed and every NBL, MDL, pool and shared-memory block returned.\n",
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_scenario_is_valid() {
        let s = crate::scenario::Scenario::parse(super::DEMO_SCENARIO).unwrap();
        assert_eq!(s.vms.len(), 4);
        assert_eq!(s.vms.iter().filter(|v| v.iov_weight > 0).count(), 1);
        assert_eq!(s.vms.iter().filter(|v| v.vmq_weight == 0).count(), 1);
    }
}
