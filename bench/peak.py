"""Run a command and write its wall time, CPU time and peak memory as JSON to the file named by
$FAZHI_BENCH_USAGE; exit with the command's exit code.

Why a separate small process: a child's `ru_maxrss` includes the memory of the process it was
forked from, until it executes the command (Linux keeps the high-water mark across `exec`). A
command started by the bench itself would report at least the bench's own size (some 70 MB once
it has run the PDF measures). Started from this process, the floor is this process's size, and
the figure is the largest of the command and the children it waited for (its workers).
"""

import json
import os
import subprocess
import sys
import time

if __name__ == "__main__":
    started = time.perf_counter()
    child = subprocess.Popen(sys.argv[1:])
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    with open(os.environ["FAZHI_BENCH_USAGE"], "w", encoding="utf-8") as out:
        json.dump({"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "maxrss_kb": usage.ru_maxrss}, out)
    sys.exit(os.waitstatus_to_exitcode(status))
