//! Capacity: 128 VFs (and the 256 maximum) with their own requester ids, queues and vectors.

mod common;

use common::*;
use svnic_device::*;

#[test]
fn device_with_128_vfs_gives_each_its_rid_queue_and_vector() {
    let (dev, msi) = device(DeviceConfig {
        total_vfs: 128,
        vf_offset: 1,
        vf_stride: 1,
        ..DeviceConfig::default()
    });
    enable_sriov(&dev, 128);
    assert_eq!(dev.num_vfs(), 128);
    assert_eq!(dev.layout().queue_count(), 1 + 64 + 128);
    for vf in [0u16, 63, 127] {
        let q = dev.layout().vf_queue(vf).unwrap();
        assert_eq!(q, QueueId(65 + vf));
        ready_queue(&dev, q, 2);
        dev.add_filter(mac(vf as u8), VlanMatch::UntaggedOrZero, q)
            .unwrap();
        dev.receive(&frame(mac(vf as u8), mac(0xee), None, 60));
        assert_eq!(drain(&dev, q).len(), 1);
        let rid = 0x0101 + vf;
        assert_eq!(dev.vf_requester_id(vf), Some(rid));
        assert_eq!(
            msi.take(),
            vec![MsiMessage {
                function: Function::Vf(vf),
                vector: 1,
                processor: 0,
                requester: rid
            }]
        );
    }
    assert!(!dev.vf_enabled(128));
    assert_eq!(dev.vf_requester_id(128), None);
}

#[test]
fn configuration_limits_are_enforced_at_construction() {
    let ok = DeviceConfig {
        total_vfs: 256,
        vf_offset: 1,
        vf_stride: 1,
        ..DeviceConfig::default()
    };
    assert!(Device::new(ok.clone(), std::sync::Arc::new(NullMsi)).is_ok());
    for bad in [
        DeviceConfig {
            total_vfs: 257,
            ..ok.clone()
        },
        DeviceConfig {
            pf_queues: 400,
            ..ok.clone()
        },
        DeviceConfig {
            rx_ring_len: 100,
            ..ok.clone()
        },
        DeviceConfig {
            vf_bar_sizes: [1000, 0, 0, 0, 0, 0],
            ..ok.clone()
        },
        DeviceConfig {
            pf_rid: 0xff00,
            vf_offset: 0x80,
            vf_stride: 2,
            ..ok.clone()
        },
        DeviceConfig {
            pf_mac: [0x01, 0, 0, 0, 0, 1],
            ..ok.clone()
        },
    ] {
        assert_eq!(
            Device::new(bad, std::sync::Arc::new(NullMsi)).err(),
            Some(DeviceError::InvalidConfig)
        );
    }
}
