//! MiniportInitializeEx ordering around scatter-gather DMA (spec 1.8): registration attributes,
//! then NdisMRegisterScatterGatherDma, then shared memory; halt deregisters after freeing it.

use hyperv_sim::exports::{NdisAllocateSharedMemory, NdisMRegisterScatterGatherDma};
use hyperv_sim::{AllocKind, Host, HostError};
use std::ptr;
use svnic_abi::header::NdisObject;
use svnic_abi::header::{NDIS_OBJECT_HEADER, NDIS_OBJECT_TYPE_SG_DMA_DESCRIPTION};
use svnic_abi::hw_assist::NDIS_SHARED_MEMORY_PARAMETERS;
use svnic_abi::miniport_chars::*;
use svnic_abi::status::*;

const REG: &str = "NdisMSetMiniportAttributes(Registration)";
const GENERAL: &str = "NdisMSetMiniportAttributes(General)";
const HW_ASSIST: &str = "NdisMSetMiniportAttributes(HardwareAssist)";
const SG_REG: &str = "NdisMRegisterScatterGatherDma";
const SG_DEREG: &str = "NdisMDeregisterScatterGatherDma";
const ALLOC: &str = "NdisAllocateSharedMemory";
const FREE: &str = "NdisFreeSharedMemory";

fn count(calls: &[String], name: &str) -> usize {
    calls.iter().filter(|c| c.as_str() == name).count()
}

fn pos(calls: &[String], name: &str) -> usize {
    calls.iter().position(|c| c.as_str() == name).unwrap()
}

#[test]
fn init_registers_sg_dma_once_after_registration_attributes_before_shared_memory() {
    let host = Host::builder().processors(1).adapters(1).build().unwrap();
    let a = host.adapter(0);
    let calls = a.ndis_calls();
    assert_eq!(calls[0], REG);
    assert_eq!(calls[1], SG_REG);
    assert_eq!(calls[2], ALLOC);
    assert_eq!(count(&calls, REG), 1);
    assert_eq!(count(&calls, SG_REG), 1);
    assert_eq!(count(&calls, SG_DEREG), 0);
    assert!(count(&calls, ALLOC) >= 1);
    // General and hardware-assist attributes come after the adapter's memory is set up.
    let last_alloc = calls.iter().rposition(|c| c == ALLOC).unwrap();
    assert!(pos(&calls, GENERAL) > last_alloc);
    assert_eq!(pos(&calls, HW_ASSIST), pos(&calls, GENERAL) + 1);
    assert!(a.sg_dma_handle().is_some());
    assert_eq!(a.leak_report().sg_dma, 1);
    assert_eq!(a.anomalies(), Vec::<String>::new());
    host.halt().unwrap();
}

#[test]
fn halt_deregisters_sg_dma_after_freeing_every_shared_memory_block() {
    let host = Host::builder().processors(2).adapters(2).build().unwrap();
    for i in 0..2 {
        host.adapter(i).halt().unwrap();
        let a = host.adapter(i);
        let calls = a.ndis_calls();
        assert_eq!(count(&calls, SG_REG), 1);
        assert_eq!(count(&calls, SG_DEREG), 1);
        assert_eq!(calls.last().map(String::as_str), Some(SG_DEREG));
        assert_eq!(count(&calls, ALLOC), count(&calls, FREE));
        assert_eq!(a.sg_dma_handle(), None);
        assert_eq!(a.leak_report().sg_dma, 0);
        assert_eq!(a.anomalies(), Vec::<String>::new());
    }
    host.halt().unwrap();
}

#[test]
fn failed_sg_dma_registration_fails_init_cleanly_without_leaks() {
    let r = Host::builder()
        .processors(1)
        .adapters(1)
        .fail_alloc(AllocKind::SgDma, 1)
        .build();
    match r {
        Err(HostError::InitFailed { index, status, leaks }) => {
            assert_eq!(index, 0);
            assert_eq!(status, NDIS_STATUS_RESOURCES);
            assert!(leaks.is_clean(), "{leaks:?}");
            assert_eq!(leaks.shared_memory, 0);
            assert_eq!(leaks.sg_dma, 0);
        }
        other => panic!("expected InitFailed, got {:?}", other.map(|_| ())),
    }
    // A failure of the first shared memory allocation (after SG DMA registered) deregisters it.
    let r = Host::builder()
        .processors(1)
        .adapters(1)
        .fail_alloc(AllocKind::SharedMemory, 1)
        .build();
    match r {
        Err(HostError::InitFailed { status, leaks, .. }) => {
            assert_eq!(status, NDIS_STATUS_RESOURCES);
            assert_eq!(leaks.sg_dma, 0);
            assert!(leaks.is_clean(), "{leaks:?}");
        }
        other => panic!("expected InitFailed, got {:?}", other.map(|_| ())),
    }
}

fn sg_desc() -> NDIS_SG_DMA_DESCRIPTION {
    unsafe extern "system" fn sg(
        _: *mut core::ffi::c_void,
        _: *mut core::ffi::c_void,
        _: *mut core::ffi::c_void,
        _: *mut core::ffi::c_void,
    ) {
    }
    NDIS_SG_DMA_DESCRIPTION {
        Header: NDIS_OBJECT_HEADER::new(
            NDIS_OBJECT_TYPE_SG_DMA_DESCRIPTION,
            NDIS_SG_DMA_DESCRIPTION_REVISION_1,
            NDIS_SIZEOF_SG_DMA_DESCRIPTION_REVISION_1,
        ),
        Flags: NDIS_SG_DMA_64_BIT_ADDRESS,
        MaximumPhysicalMapping: 9014,
        ProcessSGListHandler: Some(sg),
        SharedMemAllocateCompleteHandler: None,
        ScatterGatherListSize: 0,
    }
}

#[test]
fn sim_refuses_a_second_registration_a_bad_description_and_memory_without_sg_dma() {
    let host = Host::builder().processors(1).adapters(1).build().unwrap();
    let a = host.adapter(0);
    let h = a.ndis_handle() as NDIS_HANDLE;
    let mut out: NDIS_HANDLE = ptr::null_mut();
    // A second registration for the same adapter.
    let mut d = sg_desc();
    // SAFETY: the sim's export with a live adapter handle and valid pointers.
    let st = unsafe { NdisMRegisterScatterGatherDma(h, &mut d, &mut out) };
    assert_eq!(st, NDIS_STATUS_FAILURE);
    assert!(out.is_null());
    // A description with the wrong object type or a short size.
    let mut d = sg_desc();
    d.Header.type_ = 0x80;
    // SAFETY: as above.
    let st = unsafe { NdisMRegisterScatterGatherDma(h, &mut d, &mut out) };
    assert_eq!(st, NDIS_STATUS_INVALID_PARAMETER);
    let mut d = sg_desc();
    d.Header.size = 35;
    // SAFETY: as above.
    let st = unsafe { NdisMRegisterScatterGatherDma(h, &mut d, &mut out) };
    assert_eq!(st, NDIS_STATUS_INVALID_PARAMETER);
    // Drop the driver's registration behind its back: shared memory is then refused.
    let dma = a.sg_dma_handle().unwrap();
    // SAFETY: the registration handle the sim gave the driver.
    unsafe { hyperv_sim::exports::NdisMDeregisterScatterGatherDma(dma as NDIS_HANDLE) };
    assert_eq!(a.sg_dma_handle(), None);
    let mut p = NDIS_SHARED_MEMORY_PARAMETERS::with_latest_header();
    p.length = 4096;
    let mut alloc: NDIS_HANDLE = ptr::null_mut();
    // SAFETY: the sim's export with a live adapter handle and valid pointers.
    let st = unsafe { NdisAllocateSharedMemory(h, &mut p, &mut alloc) };
    assert_eq!(st, NDIS_STATUS_FAILURE);
    assert!(alloc.is_null());
    assert!(a
        .anomalies()
        .iter()
        .any(|s| s == "NdisAllocateSharedMemory without NdisMRegisterScatterGatherDma"));
    // The ScatterGatherListSize of a fresh registration: header + (9014/4096 rounded up + 1)
    // 24-byte elements.
    let mut d = sg_desc();
    // SAFETY: as above.
    let st = unsafe { NdisMRegisterScatterGatherDma(h, &mut d, &mut out) };
    assert_eq!(st, NDIS_STATUS_SUCCESS);
    assert_eq!(d.ScatterGatherListSize, 16 + 24 * 4);
    assert_eq!(a.sg_dma_handle(), Some(out as usize));
    // SAFETY: the handle just registered.
    unsafe { hyperv_sim::exports::NdisMDeregisterScatterGatherDma(out) };
    // The driver's halt deregisters its (already dropped) handle: ignored, nothing leaks.
    host.halt().unwrap();
}
