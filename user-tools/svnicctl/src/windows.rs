//! The Windows backend: the control protocol over one buffered IOCTL on `\\.\svnicctl` (the
//! driver's KMDF control device, SYSTEM and Administrators only). Thin on purpose: everything
//! above the transport is the code the simulator backend tests (`ctl.rs`, `views.rs`).
//!
//! Not compiled by the Linux CI (no Windows target there); see docs/windows.md.
//!
//! NDIS answers some OIDs from its own cache and never passes them to a miniport (ENUM_QUEUES,
//! ENUM_VPORTS, ENUM_VFS, the capabilities); through the control device those reach the driver
//! itself, so `vmq queues`, `vport list` and `sriov vfs` show what the driver answers. The
//! NetAdapter cmdlets (Get-NetAdapterVmqQueue, ...) read NDIS's answers.

use std::ffi::c_void;

use windows_sys::Win32::Foundation::{
    CloseHandle, GENERIC_READ, GENERIC_WRITE, HANDLE, INVALID_HANDLE_VALUE,
};
use windows_sys::Win32::Storage::FileSystem::{
    CreateFileW, FILE_SHARE_READ, FILE_SHARE_WRITE, OPEN_EXISTING,
};
use windows_sys::Win32::System::IO::DeviceIoControl;

use crate::cli::*;
use crate::ctl::{CtlClient, CtlPort, Transport};
use crate::output::{Cell, Table};
use crate::{decode, views};

/// `CTL_CODE(FILE_DEVICE_NETWORK, 0x800, METHOD_BUFFERED, FILE_READ_DATA | FILE_WRITE_DATA)`,
/// as the driver defines it (driver/src/windows.rs).
const IOCTL_SVNIC_CTL: u32 = 0x0012_E000;

/// The open control device.
pub struct Device(HANDLE);

impl Device {
    pub fn open() -> Result<Device, String> {
        let path: Vec<u16> = "\\\\.\\svnicctl\0".encode_utf16().collect();
        // SAFETY: a NUL-terminated path; no security attributes or template.
        let h = unsafe {
            CreateFileW(
                path.as_ptr(),
                GENERIC_READ | GENERIC_WRITE,
                FILE_SHARE_READ | FILE_SHARE_WRITE,
                std::ptr::null(),
                OPEN_EXISTING,
                0,
                std::ptr::null_mut(),
            )
        };
        if h == INVALID_HANDLE_VALUE {
            return Err(format!(
                "cannot open \\\\.\\svnicctl ({}): is svnic installed (Install-Svnic) and is this an elevated prompt?",
                std::io::Error::last_os_error()
            ));
        }
        Ok(Device(h))
    }
}

impl Drop for Device {
    fn drop(&mut self) {
        // SAFETY: a handle this value owns.
        unsafe { CloseHandle(self.0) };
    }
}

impl Transport for Device {
    fn exchange(&self, request: &[u8]) -> Result<Vec<u8>, String> {
        let mut out = vec![0u8; svnic_abi::ctl::HEADER_LEN + svnic_abi::ctl::MAX_PAYLOAD];
        let mut returned = 0u32;
        // SAFETY: both buffers are valid for the lengths given; synchronous call.
        let ok = unsafe {
            DeviceIoControl(
                self.0,
                IOCTL_SVNIC_CTL,
                request.as_ptr() as *const c_void,
                request.len() as u32,
                out.as_mut_ptr() as *mut c_void,
                out.len() as u32,
                &mut returned,
                std::ptr::null_mut(),
            )
        };
        if ok == 0 {
            return Err(format!("DeviceIoControl: {}", std::io::Error::last_os_error()));
        }
        out.truncate(returned as usize);
        Ok(out)
    }
}

fn adapter_index(client: &CtlClient<Device>, name: Option<&str>) -> Result<Vec<u32>, String> {
    let all: Vec<u32> = client.list_adapters()?.iter().map(|e| e.index).collect();
    match name {
        None => Ok(all),
        Some(n) => {
            let i: u32 = n
                .strip_prefix("svnic")
                .and_then(|d| d.parse().ok())
                .ok_or_else(|| format!("adapter names are svnic<index>; got {n:?}"))?;
            if all.contains(&i) {
                Ok(vec![i])
            } else {
                Err(format!("no adapter named {n:?}"))
            }
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

/// Run a command against the driver on this machine.
pub fn run(command: Command, json: bool) -> Result<String, String> {
    let client = CtlClient {
        transport: Device::open()?,
    };
    match command {
        Command::Adapter(AdapterCmd::List) => {
            let mut t = Table::new(&["Name", "MacAddress", "State", "HubPort"]);
            for e in client.list_adapters()? {
                t.push(vec![
                    format!("svnic{}", e.index).into(),
                    decode::mac(&e.mac).into(),
                    ["Paused", "Running", "Pausing", "Halted"]
                        .get(e.state as usize)
                        .copied()
                        .unwrap_or("Unknown")
                        .into(),
                    e.port.into(),
                ]);
            }
            Ok(emit(&t, json))
        }
        Command::Vmq(VmqCmd::Queues(sel)) => {
            let mut t = Table::new(&[
                "Name",
                "QueueID",
                "MacAddress",
                "VlanID",
                "Processor",
                "VmFriendlyName",
                "State",
                "NumFilters",
            ]);
            for i in adapter_index(&client, sel.adapter.as_deref())? {
                let mut port = CtlPort {
                    client: &client,
                    adapter: i,
                    last_error: None,
                };
                let rows =
                    views::vmq_queues(&mut port).map_err(|e| port.last_error.clone().unwrap_or(e.0))?;
                for q in rows {
                    t.push(vec![
                        format!("svnic{i}").into(),
                        q.queue_id.into(),
                        q.mac_address.into(),
                        q.vlan_id.into(),
                        q.processor.into(),
                        q.vm_friendly_name.into(),
                        q.state.into(),
                        q.num_filters.into(),
                    ]);
                }
            }
            Ok(emit(&t, json))
        }
        Command::Vport(VportCmd::List(sel)) => {
            let mut t = Table::new(&[
                "Name",
                "VPortID",
                "VPortName",
                "SwitchID",
                "FunctionID",
                "NumQueuePairs",
                "VPortState",
                "Processor",
                "NumFilters",
            ]);
            for i in adapter_index(&client, sel.adapter.as_deref())? {
                let mut port = CtlPort {
                    client: &client,
                    adapter: i,
                    last_error: None,
                };
                let rows = views::vports(&mut port).map_err(|e| port.last_error.clone().unwrap_or(e.0))?;
                for v in rows {
                    t.push(vec![
                        format!("svnic{i}").into(),
                        v.vport_id.into(),
                        v.vport_name.into(),
                        v.switch_id.into(),
                        v.function_id.into(),
                        v.num_queue_pairs.into(),
                        v.vport_state.into(),
                        v.processor.into(),
                        v.num_filters.into(),
                    ]);
                }
            }
            Ok(emit(&t, json))
        }
        Command::Sriov(SriovCmd::Vfs(sel)) => {
            let mut t = Table::new(&[
                "Name",
                "FunctionID",
                "SwitchID",
                "VmFriendlyName",
                "MacAddress",
                "VPortID",
            ]);
            for i in adapter_index(&client, sel.adapter.as_deref())? {
                let mut port = CtlPort {
                    client: &client,
                    adapter: i,
                    last_error: None,
                };
                let rows = views::vfs(&mut port).map_err(|e| port.last_error.clone().unwrap_or(e.0))?;
                for v in rows {
                    let ids: Vec<String> = v.vport_ids.iter().map(u32::to_string).collect();
                    t.push(vec![
                        format!("svnic{i}").into(),
                        v.function_id.into(),
                        v.switch_id.into(),
                        v.vm_friendly_name.into(),
                        v.mac_address.into(),
                        Cell::from(ids.join(",")),
                    ]);
                }
            }
            Ok(emit(&t, json))
        }
        Command::Oid(args) => {
            let code = decode::parse_oid(&args.oid)?;
            let input = match &args.in_hex {
                Some(h) => decode::parse_hex(h)?,
                None => Vec::new(),
            };
            let i = adapter_index(&client, args.adapter.as_deref())?
                .first()
                .copied()
                .ok_or("no svnic adapter on this machine")?;
            let kind = match args.kind {
                RequestKind::Query => svnic_abi::oid::NdisRequestQueryInformation,
                RequestKind::Set => svnic_abi::oid::NdisRequestSetInformation,
                RequestKind::Method => svnic_abi::oid::NdisRequestMethod,
            };
            let r = client.oid(i, kind, code, &input, args.out_len)?;
            let n = (r.bytes_written as usize).min(r.data.len());
            let mut out = format!(
                "{}: {} (0x{:08X}) BytesWritten {} BytesRead {} BytesNeeded {}\n",
                args.oid,
                decode::status_name(r.status),
                r.status,
                r.bytes_written,
                r.bytes_read,
                r.bytes_needed
            );
            for f in decode::decode(code, &r.data[..n]) {
                out.push_str(&format!("  {} = {}\n", f.name, f.value));
            }
            if r.status == 0 {
                Ok(out)
            } else {
                Err(format!(
                    "{out}hint: {}",
                    decode::status_hint(r.status, r.bytes_needed)
                ))
            }
        }
        Command::Traffic(TrafficCmd::Inject(args)) => {
            let dst = crate::scenario::parse_mac(&args.dst)?;
            let i = adapter_index(&client, args.adapter.as_deref())?
                .first()
                .copied()
                .ok_or("no svnic adapter on this machine")?;
            for seq in 0..args.count {
                client.inject(
                    i,
                    &crate::wireframe::frame(dst, args.vlan, args.len as usize, seq),
                )?;
            }
            Ok(format!("injected {} frames on svnic{i}\n", args.count))
        }
        Command::Vmq(VmqCmd::Set(_)) => {
            Err("on Windows use Set-NetAdapterVmq (it writes the keywords and restarts the adapter)".into())
        }
        _ => Err("this command needs the simulator, which is not built on Windows".into()),
    }
}
