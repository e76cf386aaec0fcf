//! svnicctl: configure and inspect svnic adapters.
//!
//! Backends: off Windows, the simulator (hyperv-sim in this process, built from a scenario
//! file); on Windows, the driver's control device (`windows.rs`). See `cli.rs` for the commands
//! and `views.rs` for how each cmdlet-shaped table is read from the driver with OIDs.

mod cli;
// The control-device client: the Windows backend's protocol layer; off Windows only its tests
// (against hyperv-sim's in-process control server) use it.
#[cfg_attr(not(windows), allow(dead_code))]
mod ctl;
mod decode;
mod output;
mod scenario;
mod views;
mod wireframe;

// The simulator backend: hyperv-sim provides NDIS in user mode off Windows (on Windows the
// driver crate links the real kernel).
#[cfg(not(windows))]
mod commands;
#[cfg(not(windows))]
mod demo;
#[cfg(not(windows))]
mod pcap;
#[cfg(not(windows))]
mod sim;

#[cfg(windows)]
mod windows;

use std::process::ExitCode;

use clap::Parser;

use cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("svnicctl: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(windows)]
fn run(cli: Cli) -> Result<String, String> {
    if cli.scenario.is_some() || matches!(cli.command, cli::Command::Sim(_) | cli::Command::Demo) {
        return Err("the simulator backend (--scenario, sim, demo) is not built on Windows: run svnicctl built on Linux or macOS for it".into());
    }
    windows::run(cli.command, cli.json)
}

#[cfg(not(windows))]
fn run(cli: Cli) -> Result<String, String> {
    use cli::{Command, SimCmd};
    use scenario::Scenario;
    use sim::SimHost;
    use std::io::{BufRead, Write};

    match cli.command {
        Command::Demo => demo::run(cli.json),
        Command::Sim(SimCmd::Run { file }) => {
            let mut host = SimHost::build(Scenario::load(&file)?)?;
            let mut out = String::new();
            for line in host.run_traffic()? {
                if !cli.json {
                    out.push_str(&line);
                    out.push('\n');
                }
            }
            let commands = host.scenario.commands.clone();
            for line in commands {
                if !cli.json {
                    out.push_str(&format!("\n> {line}\n"));
                }
                let (text, restarted) = commands::run_line_restarting(&host, &line, cli.json)?;
                out.push_str(&text);
                if let Some(new) = restarted {
                    host = new;
                }
            }
            host.finish()?;
            Ok(out)
        }
        Command::Sim(SimCmd::Shell { file }) => {
            let mut host = SimHost::build(Scenario::load(&file)?)?;
            for line in host.run_traffic()? {
                eprintln!("{line}");
            }
            let stdin = std::io::stdin();
            let mut stdout = std::io::stdout();
            let mut failed = false;
            for line in stdin.lock().lines() {
                let line = line.map_err(|e| format!("reading stdin: {e}"))?;
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if line == "exit" || line == "quit" {
                    break;
                }
                match commands::run_line_restarting(&host, line, cli.json) {
                    Ok((text, restarted)) => {
                        let _ = stdout.write_all(text.as_bytes());
                        if let Some(new) = restarted {
                            host = new;
                        }
                    }
                    Err(e) => {
                        failed = true;
                        eprintln!("svnicctl: {e}");
                    }
                }
                let _ = stdout.flush();
            }
            host.finish()?;
            if failed {
                Err("one or more shell commands failed (see above)".into())
            } else {
                Ok(String::new())
            }
        }
        command => {
            let Some(path) = &cli.scenario else {
                return Err(no_backend());
            };
            let host = SimHost::build(Scenario::load(path)?)?;
            host.run_traffic()?;
            let (out, restarted) = commands::run_restarting(&host, command, cli.json)?;
            match restarted {
                Some(new) => new.finish()?,
                None => host.finish()?,
            }
            Ok(out)
        }
    }
}

#[cfg(not(windows))]
fn no_backend() -> String {
    "no adapter to talk to: pass --scenario FILE to run the command against a simulated host \
     (see `svnicctl sim run --help`); the control-device backend exists only on Windows"
        .into()
}
