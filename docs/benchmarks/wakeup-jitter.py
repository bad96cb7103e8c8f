#!/usr/bin/env python3
"""The machine's own floor for a latency tail: how late a thread that sleeps 100 us wakes up.

Run a few copies at once on an otherwise idle machine; each counts wake-ups more than 1 ms and 5 ms late:
    docs/benchmarks/wakeup-jitter.py [seconds] & docs/benchmarks/wakeup-jitter.py [seconds]; wait
No server code is involved, so what it reports is the VM's and the kernel's, not stockhold's.
"""
import sys
import time

SLEEP = 0.0001


def main(seconds):
    end = time.monotonic() + seconds
    late_1ms = late_5ms = iterations = 0
    worst = []
    previous = time.monotonic()
    while previous < end:
        time.sleep(SLEEP)
        now = time.monotonic()
        late = now - previous - SLEEP
        iterations += 1
        late_1ms += late > 0.001
        if late > 0.005:
            late_5ms += 1
            worst.append((round(late * 1e3, 1), round(seconds - (end - now), 2)))
        previous = now
    print(f"wake-ups {iterations}, late > 1 ms: {late_1ms}, late > 5 ms: {late_5ms}, "
          f"worst (ms, at s): {sorted(worst, reverse=True)[:10]}")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 10)
