//! `cargo run -p hyperv-sim --example demo`: two svnic adapters on one simulated host.
fn main() {
    if let Err(e) = hyperv_sim::demo::run_two_adapters() {
        eprintln!("demo failed: {e:?}");
        std::process::exit(1);
    }
}
