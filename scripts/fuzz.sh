#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang, ASan+UBSan) in build-fuzz and runs each for
# a bounded time. Not part of CI.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
# SECONDS_PER_TARGET defaults to 60; TARGETs are pubtator bioc_xml bioc_json pubmed_xml
# text format (default: all), with or without the _fuzz suffix. Seeds come from the
# fixtures in tests/data (rebuilt in build-fuzz/fuzz-seeds each run); the corpus libFuzzer
# grows is kept in build-fuzz/fuzz-corpus, crashing inputs go to build-fuzz/fuzz-crashes,
# logs to build-fuzz/fuzz-logs. A crash becomes a regression test: copy the input to
# tests/data/fuzz_regressions/ and add a case to tests/fuzz_regressions_test.cc.
# Exits non-zero when any target crashed.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
all_targets=(pubtator bioc_xml bioc_json pubmed_xml text format)
if (($# > 0)); then targets=("$@"); else targets=("${all_targets[@]}"); fi
targets=("${targets[@]%_fuzz}")

build=${BIOTATOR_FUZZ_BUILD_DIR:-build-fuzz}
# BIOTATOR_FUZZ_NO_BUILD=1 runs the targets as last built (e.g. while another build runs).
if [[ -z ${BIOTATOR_FUZZ_NO_BUILD:-} ]]; then
  CXX=${CXX:-clang++} cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBIOTATOR_FUZZ=ON \
    -DBIOTATOR_BUILD_TESTS=OFF -DBIOTATOR_BUILD_BENCH=OFF >/dev/null
  cmake --build "$build" -j"${BIOTATOR_JOBS:-2}" --target "${targets[@]/%/_fuzz}"
fi

data=tests/data
# Seeds for one target from the fixtures. The text and format targets take a leading
# mode byte (see fuzz/text_fuzz.cc, fuzz/format_fuzz.cc).
make_seeds() {
  local target=$1 dir=$2 f
  rm -rf "$dir"
  mkdir -p "$dir"
  shopt -s nullglob
  case $target in
    pubtator) for f in "$data"/*.pubtator; do cp "$f" "$dir/"; done ;;
    bioc_xml)
      for f in "$data"/bioc_*.xml "$data"/*.bioc.xml "$data"/kb_shared/kb/*/*.bioc.xml.fixture; do
        cp "$f" "$dir/$(basename "$f")"
      done ;;
    bioc_json) for f in "$data"/*.json; do cp "$f" "$dir/"; done ;;
    pubmed_xml)
      for f in "$data"/pubmed_*.xml; do cp "$f" "$dir/"; done
      gzip -c "$data/pubmed_current.xml" >"$dir/pubmed_current.xml.gz" ;;
    text)
      for f in "$data"/text_*; do
        { printf '\0'; cat "$f"; } >"$dir/whole-$(basename "$f")"
        { printf '\1'; cat "$f"; } >"$dir/lines-$(basename "$f")"
      done ;;
    format)
      local i=0
      for f in "$data"/*.pubtator "$data"/*.xml "$data"/*.json "$data"/text_*; do
        { printf "\\$(printf '%03o' $((i % 16)))"; cat "$f"; } >"$dir/$(basename "$f")"
        i=$((i + 1))
      done ;;
    *) echo "unknown target: $target" >&2; exit 2 ;;
  esac
  # Inputs that once crashed a reader stay in the seeds of the target that found them.
  for f in "$data"/fuzz_regressions/"$target"-*; do cp "$f" "$dir/"; done
  shopt -u nullglob
}

status=0
summary=()
for target in "${targets[@]}"; do
  seeds="$build/fuzz-seeds/$target" corpus="$build/fuzz-corpus/$target"
  crashes="$build/fuzz-crashes/$target" log="$build/fuzz-logs/$target.log"
  make_seeds "$target" "$seeds"
  mkdir -p "$corpus" "$crashes" "$(dirname "$log")"
  echo "== ${target}_fuzz: ${seconds}s (log: $log)"
  start=$(date +%s)
  if "$build/fuzz/${target}_fuzz" "$corpus" "$seeds" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 -artifact_prefix="$crashes/" >"$log" 2>&1; then
    result=ok
  else
    result="CRASH (see $log; input in $crashes/)"
    status=1
  fi
  elapsed=$(($(date +%s) - start))
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  coverage=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1 || true)
  summary+=("$(printf '%-12s %5ss  %10s execs  %-22s %s' "$target" "$elapsed" "${runs:-?}" "${coverage:-cov: ?}" "$result")")
done

echo
printf '%s\n' "${summary[@]}"
exit $status
