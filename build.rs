//! On a Windows host with the WDK, configure the driver binary build (link flags, KMDF stubs).
//! Everywhere else there is no WDK, and the package builds as an ordinary rlib/cdylib that
//! hyperv-sim links in user mode.

#[cfg(windows)]
fn main() -> Result<(), wdk_build::ConfigError> {
    wdk_build::configure_wdk_binary_build()
}

#[cfg(not(windows))]
fn main() {}
