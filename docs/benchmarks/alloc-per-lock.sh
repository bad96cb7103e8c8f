#!/usr/bin/env bash
# Bytes the server allocates per HTTP lock, from the JVM's own per-thread allocation counters.
#
# Starts a fresh server (journal on, defaults) on port 18081, seeds one cell, warms it with 20 s of
# locks at 10,000/s, then records JFR around a driver run of 200,000 locks (10 s warm-up + 10 s, same
# rate) and sums jdk.ThreadAllocationStatistics (end minus start) over every thread. The JFR file keeps
# jdk.ObjectAllocationSample for a look at what allocates: `jfr print --events ObjectAllocationSample`.
#
# Run from the repo root after `./mvnw -B package -DskipTests` and `./mvnw -B test-compile -pl gateway`;
# needs the gateway's test classpath in $CP_FILE (default /tmp/cp.txt):
#   ./mvnw -B -q -pl gateway dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
set -euo pipefail

PORT=18081
DATA=${DATA:-/tmp/alloc-per-lock}
JFR_FILE=${JFR_FILE:-/tmp/alloc-per-lock.jfr}
LOCKS=200000
CP="gateway/target/test-classes:gateway/target/classes:$(cat "${CP_FILE:-/tmp/cp.txt}")"
DRIVER=(java -cp "$CP" dev.stockhold.gateway.bench.OpenLoopLockDriver "$PORT" 10000 10 4)

rm -rf "$DATA" "$JFR_FILE"
bin/stockhold server --data-dir "$DATA" --http-port "$PORT" --binary-port -1 > "$DATA.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 60); do curl -sf "localhost:$PORT/health" > /dev/null && break; sleep 1; done
curl -sf -X PUT "localhost:$PORT/v1/stock/BENCH/W1" -H 'content-type: application/json' \
  -d '{"onHand":1000000000000}' > /dev/null
"${DRIVER[@]}" 10 > /dev/null
jcmd "$SERVER" JFR.start name=alloc settings=default filename="$JFR_FILE" > /dev/null
sleep 1
"${DRIVER[@]}" 10 | head -2
sleep 1
jcmd "$SERVER" JFR.stop name=alloc > /dev/null

jfr print --events jdk.ThreadAllocationStatistics "$JFR_FILE" | LOCKS=$LOCKS python3 -c '
import os, re, sys
unit = {"bytes": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9}
first, last, allocated = {}, {}, 0.0
for line in sys.stdin:
    m = re.search(r"allocated = ([\d.]+) (bytes|kB|MB|GB)", line)
    if m:
        allocated = float(m.group(1)) * unit[m.group(2)]
    m = re.search(r"thread = \"(.*?)\"", line)
    if m:
        first.setdefault(m.group(1), allocated)
        last[m.group(1)] = allocated
per_thread = sorted(((last[t] - first[t], t) for t in last), reverse=True)
total = sum(b for b, _ in per_thread)
locks = int(os.environ["LOCKS"])
print("allocated %.1f MB while %d locks ran: %.0f bytes per lock" % (total / 1e6, locks, total / locks))
for b, t in per_thread[:4]:
    print("  %-36s %8.1f MB" % (t, b / 1e6))
'
