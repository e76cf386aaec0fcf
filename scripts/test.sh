#!/usr/bin/env bash
# The whole test suite: installs what the tests need (idempotent), then fmt, clippy, all tests.
# Usage: scripts/test.sh        (README's test command; .ci/run calls it)
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for pkg in gcc-mingw-w64-x86-64 mingw-w64-x86-64-dev tshark; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "==> installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true

echo "==> cargo fmt --check"
cargo fmt --all -- --check
echo "==> cargo clippy -D warnings"
cargo clippy --workspace --all-targets -- -D warnings
echo "==> cargo test"
cargo test --workspace --all-targets
cargo test --workspace --doc
