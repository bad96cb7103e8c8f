#!/usr/bin/env bash
# Runs a benchmark command and then prints where the whole machine's CPU went while it ran
# (from /proc/stat): user, system, softirq, idle and steal. Steal is time the hypervisor gave this
# VM's cores to other guests; on a shared VM it varies from run to run and explains most of the spread
# of throughput and the multi-millisecond latency tails, so report it next to every figure.
# Usage: docs/benchmarks/with-cpu.sh <command> [args...]
set -euo pipefail
if [[ $# -eq 0 || "$1" == "--help" ]]; then
  sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
before=$(head -1 /proc/stat)
status=0
"$@" || status=$?
after=$(head -1 /proc/stat)
awk -v a="$before" -v b="$after" 'BEGIN {
  split(a, x); split(b, y); total = 0
  for (i = 2; i <= 9; i++) { d[i] = y[i] - x[i]; total += d[i] }
  if (total == 0) total = 1
  printf "machine CPU while it ran: user %.1f%% system %.1f%% softirq %.1f%% idle %.1f%% steal %.1f%%\n",
    100*d[2]/total, 100*d[4]/total, 100*d[8]/total, 100*d[5]/total, 100*d[9]/total
}'
exit $status
