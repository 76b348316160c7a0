#!/usr/bin/env bash
# Instructions per abstract of the recognizer (ner_bench BM_Ner: analysis + recognition),
# of the relation stage (relation_bench BM_RelationExtract: gold entities, from a ready
# analysis) and of the recognizer and linker stages as the pipeline runs them
# (stages_bench: their ratio is issue #4's "normalization adds at most 30 %"), counted
# by valgrind's callgrind over one pass of BioRED Dev.
# Wall-clock figures on a shared host move by ±30 % from minute to minute; instruction
# counts do not, so this is the figure to compare two builds with (it does not see
# cache misses: confirm a gain in time too, running both builds alternately).
# Usage: bench/instructions.sh [BUILD_DIR]   (from the repository root, after scripts/build.sh;
# needs valgrind: apt-get install valgrind)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# count BENCH FILTER FUNCTION: instructions inside FUNCTION (and what it calls) divided
# by the documents the benchmark processed (its iterations x 100 Dev abstracts).
count() {
  local bench="$1" filter="$2" function="$3"
  [ -x "$build/bench/$bench" ] || { echo "no $build/bench/$bench: build first" >&2; exit 1; }
  valgrind --tool=callgrind --callgrind-out-file="$work/$bench.out" --toggle-collect="$function" \
    "$build/bench/$bench" --benchmark_filter="$filter" --benchmark_min_time=0.01 >"$work/$bench.log" 2>&1
  local collected iterations
  collected=$(grep -o 'Collected : [0-9]*' "$work/$bench.log" | awk '{print $3}')
  iterations=$(awk -v f="${filter%\$}" '$1 == f {print $6}' "$work/$bench.log")
  [ -n "$collected" ] && [ -n "$iterations" ] || { echo "$bench: no count (see $work/$bench.log)" >&2; cat "$work/$bench.log" >&2; exit 1; }
  # Both benchmarks run over BioRED Dev's 100 abstracts per iteration.
  awk -v c="$collected" -v i="$iterations" -v name="$bench $filter" \
    'BEGIN { printf "%-36s %12.0f instructions per abstract (%d iteration(s))\n", name, c / (i * 100), i }'
}

count ner_bench 'BM_Ner$' 'biotator::EntityRecognizer::annotate*'
count relation_bench 'BM_RelationExtract$' 'biotator::RelationExtractor::extract(biotator::Document&, biotator::AnalyzedText const&, double)'

# stage BENCH FILTER FUNCTION: FUNCTION's inclusive instructions per call on one
# abstract. stages_bench prepares its input by running the whole pipeline once over
# the 100 Dev abstracts before the benchmark's own iterations, so FUNCTION runs
# (iterations + 1) x 100 times. (Inclusive costs from callgrind_annotate rather than
# --toggle-collect: the linker's lambdas carry link_document's name and would toggle
# collection off inside it.)
stage() {
  local bench="$1" filter="$2" function="$3"
  [ -x "$build/bench/$bench" ] || { echo "no $build/bench/$bench: build first" >&2; exit 1; }
  valgrind --tool=callgrind --callgrind-out-file="$work/$bench.stage.out" \
    "$build/bench/$bench" --benchmark_filter="$filter" --benchmark_min_time=0.01 >"$work/$bench.stage.log" 2>&1
  local inclusive iterations
  inclusive=$(callgrind_annotate --inclusive=yes "$work/$bench.stage.out" 2>/dev/null |
    awk -v f="$function" '!found && index($0, f) && $0 !~ /lambda/ {gsub(",", "", $1); print $1; found = 1}')
  iterations=$(awk -v f="${filter%\$}" '$1 == f {print $6}' "$work/$bench.stage.log")
  [ -n "$inclusive" ] && [ -n "$iterations" ] || { echo "$bench: no count (see $work/$bench.stage.log)" >&2; exit 1; }
  awk -v c="$inclusive" -v i="$iterations" -v name="$bench $filter" \
    'BEGIN { printf "%-36s %12.0f instructions per abstract (%d iteration(s) + the preparation)\n", name, c / ((i + 1) * 100), i }'
}

stage stages_bench 'BM_StageRecognize$' 'biotator::EntityRecognizer::recognize('
stage stages_bench 'BM_StageNormalize$' 'biotator::EntityLinker::link_document('
