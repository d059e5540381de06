#!/usr/bin/env bash
# The main job: install what is missing, build, load the bundled teaching case into a workspace,
# and open the workbench on it. Without a display, run the same pipeline headless and write the
# case report instead.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_system_packages
ensure_rust
ensure_ui_packages
build_ui
say "Building Kasane"
cargo build --quiet -p kasane-cli -p kasane-desktop

kasane="$CARGO_TARGET_DIR/debug/kasane"
export KASANE_WORKSPACE="${KASANE_WORKSPACE:-$HOME/.local/share/kasane/sample-workspace}"
case_label="KSN-TEACH-001"
"$kasane" workspace init
if ! "$kasane" case show "$case_label" >/dev/null 2>&1; then
  "$kasane" case load sample-data/cases/KSN-TEACH-001/case.json
fi
if ! "$kasane" variants "$case_label" --limit 0 >/dev/null 2>&1; then
  "$kasane" case import "$case_label"
fi

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "${CI:-}" != "true" ]; then
  say "Opening the workbench on $case_label (workspace $KASANE_WORKSPACE)"
  exec "$CARGO_TARGET_DIR/debug/kasane-desktop" --workspace "$KASANE_WORKSPACE" --case "$case_label"
fi

report_dir="${KASANE_REPORT_DIR:-$PWD/target/report}"
mkdir -p "$report_dir"
{
  "$kasane" case show "$case_label"
  echo
  "$kasane" case qc "$case_label" --svg-dir "$report_dir"
  echo
  echo "Variants carried by the sample:"
  "$kasane" variants "$case_label" --filter zygosity=het,hom --all
} > "$report_dir/$case_label.txt"
"$kasane" --json case show "$case_label" > "$report_dir/$case_label.json"
"$kasane" --json variants "$case_label" --all > "$report_dir/$case_label.variants.json"
"$kasane" audit --case "$case_label" > "$report_dir/$case_label.audit.txt"
say "No display: ran the headless pipeline. The case report is in $report_dir/$case_label.txt (QC figures as SVG and JSON beside it)"
