#!/usr/bin/env python3
"""Runs a command R times with stdout to a file; prints the best wall time and its CPU time.

Usage: python3 bench/sentiment_time.py R OUTFILE CMD [ARG...]
"""
import resource
import subprocess
import sys
import time

runs, out, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
best = None
for _ in range(runs):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(out, "wb") as handle:
        subprocess.run(command, stdout=handle, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if best is None or wall < best[0]:
        best = (wall, cpu)
print(f"{best[0]:.3f} {best[1]:.3f}")
