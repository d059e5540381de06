# Shared set-up for scripts/start.sh and scripts/test.sh: installs what is missing, nothing else.
# Sourced, not run. Works on a fresh Debian or Ubuntu machine (as root, or with sudo).

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/kasane/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

SYSTEM_PACKAGES=(
  build-essential pkg-config curl file
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev
  xvfb webkit2gtk-driver fonts-noto-cjk
  # Peers: independent oracles in the conformance tests and the tools benchmarks compare with.
  bcftools tabix samtools snpeff
)

say() { printf '\n==> %s\n' "$*"; }

ensure_system_packages() {
  local missing=()
  for package in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "Installing system packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_rust() {
  command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup (https://rustup.rs)" >&2; exit 1; }
}

ensure_tauri_driver() {
  command -v tauri-driver >/dev/null && return 0
  say "Installing tauri-driver"
  cargo install tauri-driver --version '^2' --locked --quiet
}

ensure_ui_packages() {
  command -v npm >/dev/null || { echo "npm not found: install Node.js 20 or newer" >&2; exit 1; }
  if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    say "Installing UI packages (npm install, pinned by package-lock.json)"
    # Not `npm ci`: npm 11 writes only this platform's optional packages (rollup's native builds)
    # into the lock file and `npm ci` then calls the lock out of sync; `npm install` installs the
    # locked versions and leaves the lock unchanged.
    (cd ui && npm install --no-audit --no-fund --loglevel=error)
  fi
}

build_ui() {
  say "Building the web UI"
  (cd ui && npm run --silent build -- --logLevel warn)
}
