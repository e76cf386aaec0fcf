//! Setup shared by the SR-IOV + VMQ tests that run through the binding (`sriov_vmq_mix`,
//! `sriov_reset`): an SR-IOV + VMQ PF host, its IOV switch, VMQ placements, numbered frames.
#![allow(dead_code)] // each test file uses its own part

use std::time::Duration;

use hyperv_sim::vswitch::iov::*;
use hyperv_sim::{AdapterRef, Host};
use svnic_abi::oid::NDIS_PACKET_TYPE_PROMISCUOUS;
use svnic_device::frame::build_frame;

pub const WAIT: Duration = Duration::from_secs(10);
/// The processor the binding's guest VF adapter serves its queue on (2 processors).
pub const GUEST_CPU: u32 = 1;

/// One PF adapter on 2 processors, SR-IOV preferred with 4 VFs, VMQ on (`vmq` = 1) or off.
pub fn host_with(vmq: u32) -> Host {
    Host::builder()
        .processors(2)
        .adapters(1)
        .keywords(&[
            ("*SriovPreferred", 1),
            ("*RssOrVmqPreference", 1),
            ("*SRIOV", 1),
            ("*VMQ", vmq),
            ("*NumVFs", 4),
        ])
        .build()
        .unwrap()
}

/// The IOV switch over adapter 0, created with 4 VFs, its FilterIds from `first_filter`.
pub fn switch(h: &Host, first_filter: u32) -> IovSwitch<AdapterRef<'_>> {
    let max_vports = h
        .adapter(0)
        .driver_adapter()
        .unwrap()
        .sriov()
        .with_pf(|pf| pf.caps().max_num_vports);
    let mut sw = IovSwitch::new(h.adapter(0), max_vports, first_filter);
    sw.create(4).unwrap();
    // The switch's protocol edge: promiscuous, so the default vPort brings it what no vPort
    // filter claims.
    sw.set_packet_filter(NDIS_PACKET_TYPE_PROMISCUOUS).unwrap();
    sw
}

/// A VmqWeight of 100 on `processor`.
pub fn vmq(processor: u8) -> VmqPlacement {
    VmqPlacement {
        vmq_weight: 100,
        processor,
    }
}

/// A 60-byte unicast frame to `dst` whose payload starts with `seq`.
pub fn frame(dst: [u8; 6], seq: u32) -> Vec<u8> {
    let mut payload = [0u8; 46];
    payload[..4].copy_from_slice(&seq.to_le_bytes());
    let mut f = vec![0u8; 64];
    let n = build_frame(&mut f, dst, [2, 1, 1, 1, 1, 1], None, 0x0800, &payload).unwrap();
    f.truncate(n);
    f
}

/// The sequence number [`frame`] put in `f`.
pub fn seq_of(f: &[u8]) -> u32 {
    u32::from_le_bytes(f[14..18].try_into().unwrap())
}

/// The PF adapter's own DPC runs (the driver's counter).
pub fn pf_dpc_runs(h: &Host) -> u64 {
    h.adapter(0)
        .driver_adapter()
        .unwrap()
        .driver_counters()
        .dpc_runs
        .load(std::sync::atomic::Ordering::Relaxed)
}

/// VMs "vf0".."vf{n_vf-1}" on VFs 0.. (vPorts 1..=n_vf, each asserted), then VMs
/// "pf{n_vf}".."pf{n_vf+n_pf-1}" on PF vPorts n_vf+1.. on processors alternating 0, 1 (asserted);
/// `vm(name, n, iov_weight)` builds VM n. The VF VMs' guests are started, start-up DPCs
/// quiesced and the PF's captured receives cleared.
pub fn place_vms<'h>(
    h: &'h Host,
    sw: &mut IovSwitch<AdapterRef<'h>>,
    n_vf: u8,
    n_pf: u8,
    vm: impl Fn(&str, u8, u32) -> IovVm,
) -> Vec<hyperv_sim::vswitch::guest::BoundGuestVm<'h>> {
    for i in 0..n_vf {
        assert_eq!(
            sw.connect(vm(&format!("vf{i}"), i, 100)),
            Ok(IovPath::Vf {
                vf: u16::from(i),
                vport: 1 + u32::from(i)
            })
        );
    }
    for i in n_vf..n_vf + n_pf {
        assert_eq!(
            sw.connect_vmq(vm(&format!("pf{i}"), i, 0), vmq(i % 2)),
            Ok(IovPath::PfVPort {
                vport: 1 + u32::from(i)
            })
        );
    }
    let guests = (0..u16::from(n_vf))
        .map(|vf| hyperv_sim::vswitch::guest::BoundGuestVm::start(h, 0, vf).unwrap())
        .collect();
    h.quiesce();
    h.adapter(0).take_received();
    guests
}
