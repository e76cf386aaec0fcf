//! Setup shared by the guest VF adapter tests (`guest_vf_adapter`, `guest_vf_general`,
//! `guest_vf_send`): an SR-IOV-only PF and an IOV switch with one VM on VF 0 / vPort 1.
#![allow(dead_code)] // each test file uses its own part

use hyperv_sim::vswitch::iov::*;
use hyperv_sim::{AdapterRef, Host};

/// The VM's MAC address.
pub const VM_MAC: [u8; 6] = [2, 0, 0x5e, 0, 9, 1];

/// One PF adapter on 2 processors, SR-IOV preferred with 4 VFs, VMQ off.
pub fn sriov_host() -> Host {
    Host::builder()
        .processors(2)
        .adapters(1)
        .keywords(&[("*SriovPreferred", 1), ("*SRIOV", 1), ("*VMQ", 0), ("*NumVFs", 4)])
        .build()
        .unwrap()
}

/// The IOV switch over adapter 0 (4 VFs, FilterIds from 300) with VM "vm" ([`VM_MAC`], untagged,
/// IovWeight 100) started: it lands on VF 0, vPort 1.
pub fn switch_with_vm(h: &Host) -> IovSwitch<AdapterRef<'_>> {
    let max_vports = h
        .adapter(0)
        .driver_adapter()
        .unwrap()
        .sriov()
        .with_pf(|pf| pf.caps().max_num_vports);
    let mut sw = IovSwitch::new(h.adapter(0), max_vports, 300);
    sw.create(4).unwrap();
    assert_eq!(
        sw.connect(IovVm {
            name: "vm".into(),
            mac: VM_MAC,
            vlan: None,
            iov_weight: 100
        }),
        Ok(IovPath::Vf { vf: 0, vport: 1 })
    );
    sw
}
