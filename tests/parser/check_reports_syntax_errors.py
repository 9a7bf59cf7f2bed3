#!/usr/bin/env python3
"""`shrike check` on a folder reports exactly the syntax errors CPython finds in it, file by file.

The given folders' .py files are copied into one temporary project (so no configuration of
this repository applies) and checked with only the invalid-syntax rule on:

    shrike check --output-format concise --ignore all --error invalid-syntax .

Then, for every file, against the running interpreter's `compile()`:
  - a file CPython compiles has no invalid-syntax diagnostic, and a file it rejects has one;
  - the line CPython reports is among the lines Shrike reports for that file (CPython stops at
    the first error, Shrike goes on, so Shrike may report more; encoding errors, which CPython
    reports on line 0, only need a diagnostic);
  - the exit code is 1 when any file is rejected, 0 otherwise.

A file whose first line says `Python 3.N+` holds syntax of that version; when the running
interpreter is older, CPython's verdict on it does not count and Shrike must accept it.

    python3 tests/parser/check_reports_syntax_errors.py --shrike build/release/shrike FOLDER...
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings

DIAGNOSTIC = re.compile(r"^(.*?):(\d+):(\d+): (?:error|warning)\[([\w-]+)\] (.*)$")
NEEDS_VERSION = re.compile(rb"Python 3\.(\d+)\+")


def cpython_error_line(source):
    """None when CPython compiles the source, else the line of its first error (0: unknown)."""
    warnings.simplefilter("ignore")
    try:
        compile(source, "<checked>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, UnicodeDecodeError) as e:
        return getattr(e, "lineno", None) or 0
    except RecursionError:
        return 0
    return None


def newer_syntax(source):
    """Whether the file's first line says it needs a newer Python than the running one."""
    first_line = source.split(b"\n", 1)[0]
    match = NEEDS_VERSION.search(first_line)
    return match is not None and int(match.group(1)) > sys.version_info.minor


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shrike", required=True)
    parser.add_argument("folders", nargs="+")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as project:
        expected = {}  # relative path -> CPython's error line, or None when it compiles
        for folder in args.folders:
            name = os.path.basename(os.path.normpath(folder))
            for entry in sorted(os.listdir(folder)):
                if not entry.endswith(".py"):
                    continue
                relative = f"{name}/{entry}"
                os.makedirs(os.path.join(project, name), exist_ok=True)
                shutil.copyfile(os.path.join(folder, entry), os.path.join(project, relative))
                with open(os.path.join(folder, entry), "rb") as f:
                    source = f.read()
                expected[relative] = None if newer_syntax(source) else cpython_error_line(source)

        run = subprocess.run(
            [os.path.abspath(args.shrike), "check", "--output-format", "concise", "--color", "never",
             "--ignore", "all", "--error", "invalid-syntax", "."],
            cwd=project, capture_output=True, text=True, timeout=600)

    reported = {}  # relative path -> lines with an invalid-syntax diagnostic
    problems = []
    for line in run.stdout.splitlines():
        match = DIAGNOSTIC.match(line)
        if not match:
            problems.append(f"unexpected output line: {line}")
            continue
        path, row, _, rule, _ = match.groups()
        if rule != "invalid-syntax":
            problems.append(f"a rule other than invalid-syntax: {line}")
        reported.setdefault(os.path.normpath(path), set()).add(int(row))

    for path in sorted(set(reported) - set(expected)):
        problems.append(f"{path}: reported, but not a checked file")
    for path, line in sorted(expected.items()):
        ours = reported.get(path, set())
        if line is None and ours:
            problems.append(f"{path}: CPython compiles it, Shrike reports lines {sorted(ours)}")
        elif line is not None and not ours:
            problems.append(f"{path}: CPython rejects it (line {line}), Shrike reports nothing")
        elif line and line not in ours:
            problems.append(f"{path}: CPython's error is on line {line}, Shrike reports lines "
                            f"{sorted(ours)}")
    rejected = sum(1 for line in expected.values() if line is not None)
    want_exit = 1 if rejected else 0
    if run.returncode != want_exit:
        problems.append(f"exit code {run.returncode}, expected {want_exit}; stderr:\n{run.stderr}")

    print(f"{len(expected)} files, {rejected} rejected by CPython {sys.version.split()[0]}, "
          f"{len(reported)} with Shrike's syntax errors")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
