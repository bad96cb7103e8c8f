#!/usr/bin/env python3
"""Lists the longest run-queue waits of chosen threads, and what held the CPUs meanwhile.

A latency tail on a small machine is often a thread that was ready to run but waited for a core. This
reads a scheduler trace and, for each wait of a chosen thread (from its wake-up, or from being switched
out while still runnable, to being switched in), names the threads that ran on each CPU during it.

Record and print (root, while the load runs):
    perf record -e sched:sched_switch,sched:sched_wakeup -a -o sched.data -- sleep 4
    perf script -i sched.data -F time,cpu,event,trace > sched.txt
    docs/benchmarks/run-queue-waits.py sched.txt [count] [thread-name-prefix ...]

Thread names are the kernel's, cut to 15 characters: stockhold-engin, stockhold-http- (a Netty event
loop), and the latency driver's sender and java (its receiver), unless prefixes are given.
"""
import collections
import re
import sys

DEFAULT_THREADS = ("stockhold-engin", "stockhold-http-", "sender", "java")
EVENT = re.compile(r"\s*\[(\d+)\]\s+([\d.]+):\s+(\S+):\s+(.*)")
WAKEUP = re.compile(r"comm=(.*?) pid=(\d+) prio=\d+ target_cpu=(\d+)")
SWITCH = re.compile(r"prev_comm=(.*?) prev_pid=(\d+) prev_prio=\d+ prev_state=(\S+) ==> "
                    r"next_comm=(.*?) next_pid=(\d+)")


def main(path, count, prefixes):
    ready = {}        # pid -> (since, why, name)
    waits = []        # (seconds, name, why, start, end)
    slices = []       # (cpu, start, end, name#pid)
    running = {}      # cpu -> (name#pid, since)
    with open(path) as trace:
        for line in trace:
            event = EVENT.match(line)
            if not event:
                continue
            cpu, time, kind, fields = int(event.group(1)), float(event.group(2)), event.group(3), event.group(4)
            if kind.endswith("sched_wakeup"):
                woken = WAKEUP.search(fields)
                if woken:
                    ready[int(woken.group(2))] = (time, "woken", woken.group(1))
            elif kind.endswith("sched_switch"):
                switch = SWITCH.search(fields)
                if not switch:
                    continue
                prev_name, prev_pid, prev_state = switch.group(1), int(switch.group(2)), switch.group(3)
                next_name, next_pid = switch.group(4), int(switch.group(5))
                if cpu in running:
                    slices.append((cpu, running[cpu][1], time, running[cpu][0]))
                running[cpu] = ("%s#%d" % (next_name, next_pid), time)
                if prev_state.startswith("R"):
                    ready[prev_pid] = (time, "switched out runnable", prev_name)
                if next_pid in ready:
                    since, why, name = ready.pop(next_pid)
                    waits.append((time - since, name, why, since, time))
    chosen = sorted((w for w in waits if w[1].startswith(prefixes)), reverse=True)
    for seconds, name, why, start, end in chosen[:count]:
        held = collections.Counter()
        for cpu, begin, finish, holder in slices:
            overlap = min(finish, end) - max(begin, start)
            if overlap > 0 and not holder.startswith("swapper"):
                held[(cpu, holder)] += overlap
        print("%.2f ms  %s (%s) at %.4f; meanwhile %s" % (seconds * 1e3, name, why, start, ", ".join(
            "cpu%d %s %.1f ms" % (cpu, holder, busy * 1e3) for (cpu, holder), busy in held.most_common(4))))
    cpu_by_thread = collections.Counter()
    for cpu, begin, finish, holder in slices:
        cpu_by_thread[holder.split("#")[0]] += finish - begin
    print("CPU time by thread: " + ", ".join(
        "%s %.0f ms" % (name, busy * 1e3) for name, busy in cpu_by_thread.most_common(12)))


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] in ("-h", "--help"):
        print(__doc__)
        sys.exit(0)
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 15,
         tuple(sys.argv[3:]) if len(sys.argv) > 3 else DEFAULT_THREADS)
