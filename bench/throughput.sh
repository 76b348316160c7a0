#!/usr/bin/env bash
# Whole-pipeline throughput of `biotator annotate` (all stages, the bundle in models/,
# model load included) on BioRED Dev repeated to N documents (default 20,000), with 1
# and 2 threads (or those given), RUNS runs each (default 3); prints each run's wall
# time, documents per second and peak memory (GNU time's maximum resident set size),
# then the medians. Output is written to /dev/null; the 1- and 2-thread outputs are also
# compared once, byte for byte.
# Usage: bench/throughput.sh [N] [RUNS] [THREADS...]   (from the repository root, after scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20000}"
runs="${2:-3}"
shift $(( $# > 2 ? 2 : $# )) || true
threads=("$@")
[ ${#threads[@]} -eq 0 ] && threads=(1 2)
dev="../shared/corpora/biored/Dev.PubTator"
bin=build/biotator
[ -x "$bin" ] || { echo "build first: scripts/build.sh" >&2; exit 1; }
[ -f "$dev" ] || { echo "no $dev" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Dev repeated until it has n documents (each copy gets other PMIDs, so every document
# is distinct to the writer; the text is the same).
python3 - "$dev" "$n" "$work/input.pubtator" <<'EOF'
import sys
src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
docs = open(src, encoding="utf-8").read().strip("\n").split("\n\n")
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        lines = docs[i % len(docs)].split("\n")
        pmid = lines[0].split("|", 1)[0]
        new = str(100000000 + i)
        # Text lines only: annotate ignores input annotations anyway.
        f.write("\n".join(new + l[len(pmid):] for l in lines if l.startswith(pmid + "|")) + "\n\n")
EOF
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; input: $n documents"

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
for t in "${threads[@]}"; do
  : > "$work/wall" ; : > "$work/rss"
  for r in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin" annotate "$work/input.pubtator" -o /dev/null --threads "$t" --quiet
    read -r wall rss < "$work/time"
    echo "$wall" >> "$work/wall"; echo "$rss" >> "$work/rss"
    awk -v t="$t" -v w="$wall" -v m="$rss" -v n="$n" \
      'BEGIN {printf "threads %d run: %.2f s, %.0f documents/s, peak RSS %.0f MB\n", t, w, n / w, m / 1024}'
  done
  w=$(median < "$work/wall"); m=$(median < "$work/rss")
  awk -v t="$t" -v w="$w" -v m="$m" -v n="$n" \
    'BEGIN {printf "threads %d median: %.2f s, %.0f documents/s (%.0f per thread), peak RSS %.0f MB\n", t, w, n / w, n / w / t, m / 1024}'
done
"$bin" annotate "$work/input.pubtator" -o "$work/out1.pubtator" --threads 1 --quiet
"$bin" annotate "$work/input.pubtator" -o "$work/out2.pubtator" --threads 2 --quiet
cmp -s "$work/out1.pubtator" "$work/out2.pubtator" && echo "output identical for 1 and 2 threads" ||
  { echo "OUTPUT DIFFERS between 1 and 2 threads" >&2; exit 1; }
