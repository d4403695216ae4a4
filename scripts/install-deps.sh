#!/usr/bin/env bash
# Installs what building and testing need, skipping each piece already present at the right
# version, so it is safe to run every time. Nothing here downloads a browser or a prebuilt
# tool from outside the package registries (see README, "Build chain").
#   scripts/install-deps.sh          build tools: wasm target, Trunk, wasm-bindgen-cli, npm packages
#   scripts/install-deps.sh browser  the same, plus Debian's Chromium and ChromeDriver
#   scripts/install-deps.sh engines  the same as browser, plus WebKitGTK's WebKitWebDriver and
#                                    MiniBrowser, Xvfb and Firefox ESR (tests/engines/)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14   # 0.22 needs a newer rustc than this machine's
WASM_BINDGEN_VERSION=$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;}' Cargo.lock)
[ -n "$WASM_BINDGEN_VERSION" ] || { echo "install-deps: no wasm-bindgen in Cargo.lock" >&2; exit 1; }

say() { printf 'install-deps: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "adding the $component component"
    rustup component add "$component"
  fi
done

if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  say "installing Trunk $TRUNK_VERSION (a few minutes, once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
  # Not --locked: its lock file pins a webpki-roots release the registry mirror lacks.
  cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# The splitter of the page's wasm at its `#[lazy]` functions (scripts/bin/wasm-bindgen).
WASM_SPLIT_VERSION=0.2.3   # the version of Leptos' wasm_split_helpers in Cargo.lock
# (it has no --version: cargo's list of installed packages tells)
if ! command -v wasm-split-cli >/dev/null || ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm_split_cli_support $WASM_SPLIT_VERSION (a few minutes, once)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
fi

# npm ci only when package-lock.json changed since the last install.
if [ ! -f node_modules/.installed ] || [ package-lock.json -nt node_modules/.installed ]; then
  say "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund
  touch node_modules/.installed
fi

if { [ "${1:-}" = "browser" ] || [ "${1:-}" = "engines" ]; } && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
  say "installing Debian's chromium and chromium-driver"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium chromium-driver
fi

# The other two engines of tests/engines/: WebKit (WebKitGTK, the engine of Safari) and Gecko.
if [ "${1:-}" = "engines" ]; then
  missing=()
  command -v WebKitWebDriver >/dev/null || missing+=(webkit2gtk-driver)
  command -v Xvfb >/dev/null || missing+=(xvfb)
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  command -v ip >/dev/null || missing+=(iproute2)   # `ip link set lo up` in the test's network namespace
  command -v ps >/dev/null || missing+=(procps)     # what a WebKit session start that hangs is doing
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing Debian's ${missing[*]}"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
  fi
fi
