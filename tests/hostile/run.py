#!/usr/bin/env python3
"""Checks the hostile files (generate.py) with `shrike check`, the way a user would: every
run must exit 0 or 1 (never 2, 101 or a signal), within a CPU-time limit that only runaway
work can reach (and a wall-clock one for a hang), within a memory limit, and report the diagnostics each file's manifest entry names
(never `internal-error`).

    run.py --shrike PATH [--work DIR] [--measure]

The folder is checked in one run; files whose checks measure memory (--measure, and the three
generated-code files always) are also checked alone, and their peak RSS is printed.
Sanitizer builds (SHRIKE_SANITIZED=1) get five times the time and memory.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SLOW = 5 if os.environ.get("SHRIKE_SANITIZED") else 1
# CPU seconds (RLIMIT_CPU: a runaway check is killed by SIGXCPU), not a speed goal
# (scripts/bench has those): the release build needs about a tenth of this for the folder.
FOLDER_CPU_SECONDS = 300 * SLOW
FILE_CPU_SECONDS = 60 * SLOW
# Wall-clock seconds, for a check that hangs without using the CPU; generous, since a machine
# shared with others can be ten times slower than its CPU time says.
WALL_SECONDS = 1400
MAX_RSS_MB = 2048 * SLOW
MAX_OUTPUT_BYTES = 16 << 20
MEASURED = ["big_list.py", "elif_chain.py", "many_overloads.py"]


def run(shrike, args, cwd, cpu_seconds):
    """Runs shrike; returns (exit status, -signal or None on a timeout, CPU seconds, peak RSS
    in MB, stdout)."""
    def limit_cpu():
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))

    start = time.monotonic()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen([shrike, "check", *args], cwd=cwd, stdout=out,
                                   stderr=subprocess.DEVNULL, preexec_fn=limit_cpu)
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > WALL_SECONDS:
                process.kill()
                _, status, usage = os.wait4(process.pid, 0)
                return None, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, b""
            time.sleep(0.05)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return process.returncode, cpu, usage.ru_maxrss / 1024, out.read()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shrike", required=True)
    parser.add_argument("--work", type=Path)
    parser.add_argument("--measure", action="store_true", help="check every file alone too")
    args = parser.parse_args()
    shrike = os.path.abspath(args.shrike)
    work = args.work or Path(tempfile.mkdtemp(prefix="shrike-hostile-"))
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(work)], check=True,
                   stdout=subprocess.DEVNULL)
    manifest = json.loads((work / "manifest.json").read_text())
    failures = []

    common = ["--output-format", "json", "--no-respect-gitignore"]
    # The files checked alone go first, while this process is small: a child's peak RSS counts
    # the parent's at the time it was started (Linux keeps the high-water mark across exec).
    alone = sorted(manifest) if args.measure else MEASURED
    for name in alone:
        status, seconds, rss, _ = run(shrike, common + [name], work, FILE_CPU_SECONDS)
        print(f"{name}: exit {status}, {seconds:.2f} s CPU, peak RSS {rss:.0f} MB")
        if status not in (0, 1):
            failures.append(f"{name} alone: exit {status} (want 0 or 1; -24 is out of CPU time, None a hang)")
        if rss > MAX_RSS_MB:
            failures.append(f"{name} alone: peak RSS {rss:.0f} MB > {MAX_RSS_MB} MB")

    status, seconds, rss, out = run(shrike, common + ["."], work, FOLDER_CPU_SECONDS)
    print(f"folder: {len(manifest)} files, exit {status}, {seconds:.1f} s CPU, peak RSS {rss:.0f} MB")
    if status not in (0, 1):
        failures.append(f"checking the folder: exit {status} (want 0 or 1; -24 is out of CPU time, None a hang)")
    if rss > MAX_RSS_MB:
        failures.append(f"checking the folder: peak RSS {rss:.0f} MB > {MAX_RSS_MB} MB")
    # A type shared many times over must not print exponentially (nor anything else flood).
    if len(out) > MAX_OUTPUT_BYTES:
        failures.append(f"checking the folder: {len(out)} bytes of output > {MAX_OUTPUT_BYTES}")
    found = {}
    try:
        for d in json.loads(out)["diagnostics"] if out else []:
            found.setdefault(Path(d["file"]).name, set()).add(d["rule"])
    except (ValueError, KeyError) as e:
        failures.append(f"the JSON output does not parse: {e}")
    for name, rules in sorted(found.items()):
        if "internal-error" in rules:
            failures.append(f"{name}: internal-error")
    if status in (0, 1):
        for name, expected in sorted(manifest.items()):
            missing = set(expected) - found.get(name, set())
            if missing:
                failures.append(f"{name}: expected {sorted(missing)}, got {sorted(found.get(name, []))}")

    for failure in failures:
        print("FAIL", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
