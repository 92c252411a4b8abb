#!/usr/bin/env bash
# Fuzz the engine's pure code with cargo-fuzz (libFuzzer + AddressSanitizer, natively).
#
#   scripts/fuzz.sh [seconds]     fuzz each target for N seconds (default 60), print the
#                                 executions per target; a crash is copied to
#                                 fuzz/regressions/<target>/ and the script exits 1
#   scripts/fuzz.sh --replay      run every committed seed and regression input once
#                                 (what scripts/test.sh does: no fuzzing, just "still fixed")
#   FUZZ_TARGETS="config urls" scripts/fuzz.sh 30      only some targets
#
# Targets (fuzz/fuzz_targets/, entry points in src/fuzz.rs, compiled with --cfg fuzzing):
#   config    walked-JSON config → Config::parse, inline translations, texts, both modals
#   record    stored text → Record::parse and history::parse
#   sanitize  the translation-HTML allowlist; asserts no script/svg/img/iframe tag, no on…=
#             attribute, no javascript:/data:/vbscript: href gets through
#   urls      "pattern\nurl" → gate::urls::matches
#
# cargo-fuzz needs nightly-only rustc flags (-Zsanitizer=address, -Cpasses=sancov-module).
# This machine's toolchain is stable, so every cargo-fuzz call runs with RUSTC_BOOTSTRAP=1,
# which unlocks those flags on stable (`cargo +nightly fuzz …` works as well where a
# nightly is installed). cargo-fuzz itself is installed from crates.io when missing.
#
# Seeds (committed): fuzz/seeds/<target>/, written by `node fuzz/make-seeds.mjs`.
# Corpus (git-ignored): fuzz/corpus/<target>/. Crash artifacts: fuzz/artifacts/<target>/.
# Reproduce one input: RUSTC_BOOTSTRAP=1 cargo fuzz run <target> <file>   (from fuzz/)
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
export PATH="$HOME/.cargo/bin:$PATH"
export RUSTC_BOOTSTRAP=1

TARGETS=(${FUZZ_TARGETS:-config record sanitize urls})
MODE=fuzz
SECONDS_PER_TARGET=60
case "${1:-}" in
  --replay) MODE=replay ;;
  '') ;;
  *[!0-9]*) echo "usage: scripts/fuzz.sh [seconds] | --replay" >&2; exit 2 ;;
  *) SECONDS_PER_TARGET=$1 ;;
esac

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked --quiet
fi

# Largest input per target (bytes): real configs are a few KB, the rest much less.
max_len() {
  case "$1" in
    config) echo 16384 ;;
    record) echo 8192 ;;
    *) echo 4096 ;;
  esac
}

echo "== building the fuzz targets (cargo fuzz build, ASan)"
build_log=$(mktemp)
if ! cargo fuzz build >"$build_log" 2>&1; then
  cat "$build_log" >&2
  exit 1
fi
rm -f "$build_log"

failed=0
summary=()
for t in "${TARGETS[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t" "regressions/$t"
  log=$(mktemp)
  if [ "$MODE" = replay ]; then
    inputs=("seeds/$t"/* )
    shopt -s nullglob
    regressions=("regressions/$t"/*)
    shopt -u nullglob
    if cargo fuzz run "$t" "${inputs[@]}" "${regressions[@]}" -- -runs=0 -timeout=10 -rss_limit_mb=2048 >"$log" 2>&1; then
      summary+=("$t: ${#inputs[@]} seeds, ${#regressions[@]} regression inputs: ok")
    else
      failed=1
      summary+=("$t: FAILED (see below)")
      tail -40 "$log"
    fi
  else
    echo "== fuzzing $t for ${SECONDS_PER_TARGET}s"
    before=$(ls "artifacts/$t" | wc -l)
    status=0
    cargo fuzz run "$t" "corpus/$t" "seeds/$t" "regressions/$t" -- \
      -max_total_time="$SECONDS_PER_TARGET" -max_len="$(max_len "$t")" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="artifacts/$t/" >"$log" 2>&1 || status=$?
    execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo '?')
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo '?')
    corpus=$(ls "corpus/$t" | wc -l)
    if [ "$status" -ne 0 ]; then
      failed=1
      echo "!! $t crashed (exit $status):"
      grep -E 'panicked|ERROR: |SUMMARY|Test unit written' "$log" | head -10
      for a in "artifacts/$t"/*; do
        [ -e "$a" ] || continue
        cp -n "$a" "regressions/$t/$(basename "$a")"
        echo "   → fuzz/regressions/$t/$(basename "$a")"
      done
      summary+=("$t: CRASH after ${execs} executions (log: $log)")
      continue
    fi
    summary+=("$(printf '%-9s %12s executions in %ss, coverage %s, corpus %s' "$t:" "$execs" "$SECONDS_PER_TARGET" "$cov" "$corpus")")
    [ "$(ls "artifacts/$t" | wc -l)" -gt "$before" ] && failed=1
  fi
  rm -f "$log"
done

echo "== fuzz summary ($MODE)"
printf '%s\n' "${summary[@]}"
exit $failed
