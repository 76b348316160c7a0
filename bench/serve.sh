#!/usr/bin/env bash
# Throughput and latency of the local service (`biotator serve`, the bundle in models/)
# on BioRED Dev's abstracts repeated to N requests (default 2,000), one abstract per
# POST /annotate (PubTator text, the default output), sent by C concurrent keep-alive
# clients (default: 1, then 2) to a server started with --threads equal to C. Prints,
# per concurrency, requests per second and the median and 99th-percentile latency, and
# checks that every response equals what `biotator annotate` writes for the same
# abstract. The client is Python's http.client (standard library); its own cost per
# request is part of the latency.
# Usage: bench/serve.sh [N] [CONCURRENCY...]   (from the repository root, after scripts/build.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-2000}"
shift $(( $# > 0 ? 1 : 0 )) || true
clients=("$@")
[ ${#clients[@]} -eq 0 ] && clients=(1 2)
dev="../shared/corpora/biored/Dev.PubTator"
bin=build/biotator
[ -x "$bin" ] || { echo "build first: scripts/build.sh" >&2; exit 1; }
[ -f "$dev" ] || { echo "no $dev" >&2; exit 1; }

work=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# Dev's abstracts as text-only PubTator, one file each, and annotate's output for each
# (the reference the responses must equal).
python3 - "$dev" "$work" <<'EOF'
import sys
src, work = sys.argv[1], sys.argv[2]
docs = open(src, encoding="utf-8").read().strip("\n").split("\n\n")
for i, d in enumerate(docs):
    pmid = d.split("|", 1)[0]
    text = "\n".join(l for l in d.split("\n") if l.startswith(pmid + "|")) + "\n\n"
    open(f"{work}/doc{i}.pubtator", "w", encoding="utf-8").write(text)
print(len(docs), file=open(f"{work}/count", "w"))
EOF
count=$(cat "$work/count")
for i in $(seq 0 $((count - 1))); do
  "$bin" annotate "$work/doc$i.pubtator" -o "$work/ref$i.pubtator" --threads 1 --quiet
done
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores; $n requests of one abstract"

for c in "${clients[@]}"; do
  "$bin" serve --port 0 --threads "$c" 2> "$work/server.err" &
  server=$!
  port=""
  for _ in $(seq 100); do
    port=$(sed -n 's|.*serving on http://127.0.0.1:\([0-9]*\).*|\1|p' "$work/server.err")
    [ -n "$port" ] && break
    sleep 0.1
  done
  [ -n "$port" ] || { cat "$work/server.err" >&2; exit 1; }
  python3 - "$work" "$count" "$n" "$c" "$port" <<'EOF'
import http.client, sys, threading, time
work, count, n, clients, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
bodies = [open(f"{work}/doc{i}.pubtator", "rb").read() for i in range(count)]
refs = [open(f"{work}/ref{i}.pubtator", "rb").read() for i in range(count)]
latencies, errors = [], []
lock = threading.Lock()

def client(k):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    mine = []
    for r in range(k, n, clients):
        i = r % count
        t0 = time.perf_counter()
        conn.request("POST", "/annotate", body=bodies[i], headers={"Content-Type": "text/plain"})
        resp = conn.getresponse()
        body = resp.read()
        mine.append(time.perf_counter() - t0)
        if resp.status != 200 or body != refs[i]:
            with lock:
                errors.append((i, resp.status))
    conn.close()
    with lock:
        latencies.extend(mine)

start = time.perf_counter()
threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
for t in threads: t.start()
for t in threads: t.join()
wall = time.perf_counter() - start
latencies.sort()
p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
print(f"clients {clients} (server --threads {clients}): {n / wall:.0f} requests/s, latency median {p(0.5):.2f} ms, "
      f"p99 {p(0.99):.2f} ms; {len(errors)} responses differing from annotate's output")
sys.exit(1 if errors else 0)
EOF
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
done
