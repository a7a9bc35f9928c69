#!/usr/bin/env bash
# Fuzzes the host-side Rust of the crate with cargo-fuzz (libFuzzer): each target for a bounded
# time, then one line per target with its executions, coverage and crashes. See docs/fuzzing.md.
#
#   scripts/fuzz.sh                      # every target, 60 s each
#   FUZZ_SECONDS=300 scripts/fuzz.sh     # longer
#   scripts/fuzz.sh decode_status        # some targets only
#
# Environment: FUZZ_SECONDS (per target, default 60), FUZZ_SANITIZER (none, the default: the
# crate forbids unsafe code; or address), FUZZ_STRICT=1 (decode_status stops at any
# schema/serde disagreement, including the known ones).
# Needs the nightly toolchain (`cargo +nightly`) and a C++ compiler; installs cargo-fuzz from
# crates.io when it is missing, and needs no other network.
# Exits non-zero when a target found a crash; its input is in fuzz/artifacts/<target>/.
set -uo pipefail

cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

SECONDS_EACH="${FUZZ_SECONDS:-60}"
SANITIZER="${FUZZ_SANITIZER:-none}"
ALL_TARGETS=(link_header rate_limit decode_status error_body)
if [ "$#" -gt 0 ]; then TARGETS=("$@"); else TARGETS=("${ALL_TARGETS[@]}"); fi

if ! [[ "$SECONDS_EACH" =~ ^[1-9][0-9]*$ ]]; then
  echo "fuzz: FUZZ_SECONDS must be a positive integer (got '$SECONDS_EACH')" >&2
  exit 2
fi
if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz: the nightly toolchain is missing (cargo-fuzz needs it): rustup toolchain install nightly --profile minimal" >&2
  exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz from crates.io (once, about 2 minutes)"
  cargo install cargo-fuzz --locked || exit 2
fi

echo "fuzz: building ${#TARGETS[@]} target(s) (sanitizer: $SANITIZER)"
cargo +nightly fuzz build -s "$SANITIZER" || exit 2

mkdir -p fuzz/logs
failed=0
summary=()
for target in "${TARGETS[@]}"; do
  corpus="fuzz/corpus/$target"
  artifacts="fuzz/artifacts/$target"
  log="fuzz/logs/$target.log"
  mkdir -p "$corpus" "$artifacts"
  flags=(-max_total_time="$SECONDS_EACH" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048
    -artifact_prefix="$artifacts/")
  [ -f "fuzz/dicts/$target.dict" ] && flags+=(-dict="fuzz/dicts/$target.dict")
  [ "$target" = decode_status ] && flags+=(-max_len=8192)
  echo "fuzz: $target for ${SECONDS_EACH} s (log: $log)"
  started=$(date +%s)
  cargo +nightly fuzz run -s "$SANITIZER" "$target" "$corpus" "fuzz/seeds/$target" -- "${flags[@]}" >"$log" 2>&1
  status=$?
  took=$(( $(date +%s) - started ))

  execs=$(grep -a '^stat::number_of_executed_units:' "$log" | tail -1 | awk '{print $2}')
  per_sec=$(grep -a '^stat::average_exec_per_sec:' "$log" | tail -1 | awk '{print $2}')
  last=$(grep -aE '^#[0-9]+' "$log" | grep -a ' cov: ' | tail -1)
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
  corp=$(sed -nE 's/.* corp: ([0-9]+)\/.*/\1/p' <<<"$last")
  if [ -z "$execs" ]; then execs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$last"); fi
  crashes=$(grep -ac 'Test unit written to' "$log")
  if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes="?"; fi
  line=$(printf '%-14s %12s executions (%s/s) in %4s s, coverage %6s edges %7s features, corpus %6s, crashes %s' \
    "$target" "${execs:-?}" "${per_sec:-?}" "$took" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$crashes")
  summary+=("$line")
  if [ "$crashes" != 0 ]; then
    failed=1
    grep -a -m1 -A3 'panicked at' "$log" | sed 's/^/    /'
    grep -a 'Test unit written to' "$log" | sed 's/^/    /'
  fi
  # Disagreements between schema::check and serde that are already reported (docs/fuzzing.md).
  grep -a '^decode_status: known disagreement' "$log" | cut -c1-240 | sed 's/^/    /'
done

echo
echo "fuzz summary (${SECONDS_EACH} s per target, sanitizer $SANITIZER):"
printf '  %s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
  echo "fuzz: crashes found; reproduce with: cargo +nightly fuzz run -s $SANITIZER <target> fuzz/artifacts/<target>/<file>" >&2
  exit 1
fi
echo "fuzz: no crashes"
