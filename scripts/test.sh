#!/usr/bin/env bash
# Every test: formatting, Rust unit/integration/conformance tests, UI type check and unit tests,
# and the end-to-end test of the real workbench under Xvfb. Ends with the total count.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_system_packages
ensure_rust
ensure_tauri_driver
ensure_ui_packages
build_ui

logs="$(mktemp -d)"
passed=0
failed=0
count() { passed=$((passed + $1)); failed=$((failed + $2)); }

say "Format check"
cargo fmt --all --check

say "Rust tests"
rust_status=0
cargo test --workspace --no-fail-fast 2>&1 | tee "$logs/rust.log" || rust_status=$?
# `|| true`: a build that fails prints no result line, and grep's status must not end the run
# before the total is printed.
rust_results=$(grep -Eo '^test result: [A-Za-z]+\. [0-9]+ passed; [0-9]+ failed' "$logs/rust.log" || true)
rust_passed=$(echo "$rust_results" | awk '{s+=$4} END {print s+0}')
rust_failed=$(echo "$rust_results" | awk '{s+=$6} END {print s+0}')
[ "$rust_status" -ne 0 ] && [ "$rust_failed" -eq 0 ] && rust_failed=1
count "$rust_passed" "$rust_failed"

say "Clippy"
cargo clippy --quiet --workspace --all-targets -- -D warnings

say "UI type check and unit tests"
(cd ui && npm run --silent check)
ui_status=0
(cd ui && npx vitest run --reporter=json --outputFile="$logs/vitest.json" >/dev/null) || ui_status=$?
ui_counts=$(node -e 'const r=require(process.argv[1]); console.log(r.numPassedTests, r.numFailedTests)' "$logs/vitest.json")
count ${ui_counts% *} ${ui_counts#* }
[ "$ui_status" -ne 0 ] && [ "${ui_counts#* }" -eq 0 ] && count 0 1
echo "UI: ${ui_counts% *} passed, ${ui_counts#* } failed"

say "End-to-end test of the workbench (Xvfb + tauri-driver + WebKitWebDriver)"
cargo build --quiet -p kasane-desktop -p kasane-cli
display=":${KASANE_E2E_DISPLAY:-99}"
Xvfb "$display" -screen 0 1400x900x24 >"$logs/xvfb.log" 2>&1 &
xvfb_pid=$!
DISPLAY="$display" tauri-driver --port 4444 >"$logs/tauri-driver.log" 2>&1 &
driver_pid=$!
trap 'kill $driver_pid $xvfb_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  curl -sf http://127.0.0.1:4444/status >/dev/null 2>&1 && break
  sleep 0.2
done
e2e_status=0
vep_vcf="$PWD/../shared/data/public/annotation/truthsets/hgvs_vep_jannovar_grch37_chr22_ADA2/ExAC_r1_sites.VEP85_GENCODE19.ADA2.GRCh37.vcf.gz"
if [ ! -f "$vep_vcf" ]; then
  [ "${CI:-}" = "true" ] && { echo "CI=true but the shared VEP-annotated VCF $vep_vcf is missing" >&2; exit 1; }
  echo "skipping the variant-table end-to-end test: $vep_vcf not found"
  vep_vcf=""
fi
clinvar_vcf="$PWD/../shared/data/public/annotation/clinvar/clinvar_20211025_native_GRCh38.recsA_25.vcf"
gnomad_vcf="$PWD/../shared/data/public/annotation/gnomad/gnomad.exomes.v4.0.sites.chr1_55039893-55039951.vcf.bgz"
if [ ! -f "$clinvar_vcf" ] || [ ! -f "$gnomad_vcf" ]; then
  [ "${CI:-}" = "true" ] && { echo "CI=true but the shared ClinVar/gnomAD files are missing" >&2; exit 1; }
  echo "skipping the annotation end-to-end test: shared ClinVar/gnomAD files not found"
  clinvar_vcf=""
  gnomad_vcf=""
fi
chr9_genes="$PWD/../shared/data/public/annotation/genes/Ensembl91_GRCh38_chr9_1-1000000.gtf"
chr9_fasta="$PWD/../shared/data/public/annotation/reference/GRCh38_chr9_1-1000000.Ensembl_softmasked.fa"
if [ ! -f "$chr9_genes" ] || [ ! -f "$chr9_fasta" ]; then
  [ "${CI:-}" = "true" ] && { echo "CI=true but the shared chr9 gene models or reference are missing" >&2; exit 1; }
  echo "skipping the REVEL end-to-end test: shared chr9 gene models or reference not found"
  chr9_genes=""
  chr9_fasta=""
fi
(cd ui && DISPLAY="$display" KASANE_APP="$CARGO_TARGET_DIR/debug/kasane-desktop" \
  KASANE_CLI="$CARGO_TARGET_DIR/debug/kasane" \
  KASANE_E2E_CLINVAR="$clinvar_vcf" KASANE_E2E_GNOMAD="$gnomad_vcf" \
  KASANE_E2E_VCF="$PWD/../sample-data/cases/KSN-TEACH-001/germline.chr21.vcf" \
  KASANE_E2E_VEP_VCF="$vep_vcf" \
  KASANE_E2E_CHR9_GENES="$chr9_genes" KASANE_E2E_CHR9_FASTA="$chr9_fasta" \
  KASANE_E2E_SHOTS="$PWD/../target/e2e" node --test e2e/) 2>&1 | tee "$logs/e2e.log" || e2e_status=$?
e2e_passed=$(grep -Eo '^# pass [0-9]+' "$logs/e2e.log" | awk '{print $3}' | tail -1)
e2e_failed=$(grep -Eo '^# fail [0-9]+' "$logs/e2e.log" | awk '{print $3}' | tail -1)
count "${e2e_passed:-0}" "${e2e_failed:-1}"
[ "$e2e_status" -ne 0 ] && [ "${e2e_failed:-0}" -eq 0 ] && count 0 1
echo "Screenshots: target/e2e/"

echo
echo "Rust ${rust_passed}, UI ${ui_counts% *}, end-to-end ${e2e_passed:-0} tests passed"
echo "total: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
