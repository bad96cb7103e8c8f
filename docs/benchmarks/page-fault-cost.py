#!/usr/bin/env python3
"""What a first write to a page of a new file costs here: the work a journal's pretoucher takes on.

    docs/benchmarks/page-fault-cost.py <file on the data directory's file system> [MB/s] [seconds]
writes one byte to every 4 KB page of a fresh memory-mapped file at a steady rate, 1 MB at a time, and
prints the slowest megabytes (256 first writes each). Deletes the file afterwards.
"""
import mmap
import os
import sys
import time

MB = 1 << 20


def main(path, mb_per_second, seconds):
    size = int(mb_per_second * seconds * 1.1) * MB
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC)
    try:
        os.ftruncate(fd, size)
        mapped = mmap.mmap(fd, size)
        start = time.monotonic()
        offset = 0
        timings = []
        while time.monotonic() - start < seconds and offset + MB <= size:
            began = time.monotonic()
            for page in range(offset, offset + MB, 4096):
                mapped[page] = 0
            timings.append((round((time.monotonic() - began) * 1e3, 2), round(began - start, 2)))
            offset += MB
            time.sleep(max(0.0, (offset // MB) / mb_per_second - (time.monotonic() - start)))
        mapped.close()
        timings.sort()
        print(f"{offset // MB} MB; median {timings[len(timings) // 2][0]} ms per MB; "
              f"slowest (ms, at s): {sorted(timings, reverse=True)[:6]}")
    finally:
        os.close(fd)
        os.remove(path)


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 20, float(sys.argv[3]) if len(sys.argv) > 3 else 15)
