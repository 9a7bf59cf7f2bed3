"""Compares Shrike's parser with CPython's over a corpus of Python files.

For every .py file under the given roots (site-packages excluded):
  - syntax: CPython's verdict (`compile(source, path, "exec")`) against Shrike's: a file
    CPython compiles must have no `invalid-syntax` error, a file it rejects at least one;
  - AST (unless --syntax-only): CPython's tree, printed by cpython_dump.py, against Shrike's
    `dumpAst` (positions as line:col), line by line.

    python3 tests/parser/compare_with_cpython.py --tool build/release/tests/parser/shrike_parse_tool \
        [--syntax-only] [--show N] [--list] [--strict] [--stdlib] [--every N] [ROOT...]

--stdlib adds the running interpreter's standard library (without site-packages); --every N
checks every Nth file only, and every file CPython rejects (the sanitizer build does this when
SHRIKE_SANITIZED is set, with N = 8).

With --strict the exit code is 1 when any syntax verdict differs (the ctest uses this); AST
differences are reported, and fail the run only with --strict-ast.
"""

import argparse
import collections
import multiprocessing
import os
import subprocess
import sys
import sysconfig
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cpython_dump  # noqa: E402


def collect(roots, excluded):
    files = []
    for root in roots:
        if os.path.isfile(root):
            files.append(root)
            continue
        for directory, subdirs, names in os.walk(root):
            subdirs[:] = sorted(s for s in subdirs if s not in excluded)
            files += [os.path.join(directory, n) for n in sorted(names) if n.endswith(".py")]
    return files


def cpython_verdict(job):
    """(path, error message or None, dump or None) for one file."""
    path, want_dump = job
    warnings.simplefilter("ignore")
    try:
        with open(path, "rb") as f:
            source = f.read()
    except OSError as e:
        return path, "cannot read: %s" % e, None
    try:
        compile(source, path, "exec", dont_inherit=True)
    except (SyntaxError, ValueError, UnicodeDecodeError) as e:
        return path, "%s (line %s)" % (getattr(e, "msg", str(e)), getattr(e, "lineno", "?")), None
    except RecursionError:
        return path, "too deeply nested for CPython", None
    if not want_dump:
        return path, None, None
    try:
        return path, None, cpython_dump.dump_source(source, path)
    except RecursionError:
        return path, None, None


def shrike_results(tool, files, want_dump):
    """path -> (dump text, [error lines]) from one run of the tool's batch mode."""
    args = [tool, "batch", "--positions", "--cpython"]
    if not want_dump:
        args.append("--errors-only")
    run = subprocess.run(args, input="\n".join(files).encode() + b"\n", capture_output=True)
    if run.returncode != 0:
        sys.exit("shrike_parse_tool failed (%d): %s" % (run.returncode, run.stderr.decode()[-2000:]))
    results = {}
    path, dump, errors = None, [], []
    for line in run.stdout.decode("utf-8", errors="surrogateescape").split("\n"):
        if line.startswith("### "):
            if path is not None:
                results[path] = ("\n".join(dump) + "\n", errors)
            path, dump, errors = line[4:], [], []
        elif line.startswith("!!! "):
            errors.append(line[4:])
        elif line or dump:
            dump.append(line)
    if path is not None:
        while dump and dump[-1] == "":
            dump.pop()
        results[path] = ("\n".join(dump) + "\n", errors)
    return results


def split_position(line):
    at = line.rfind(" @")
    if at < 0:
        return line, None
    return line[:at], line[at + 2:]


def compare_dumps(ours, theirs):
    """None when equal, else (line number, our line, their line, structural?)."""
    a, b = ours.rstrip("\n").split("\n"), theirs.rstrip("\n").split("\n")
    for i in range(max(len(a), len(b))):
        x = a[i] if i < len(a) else "<end>"
        y = b[i] if i < len(b) else "<end>"
        xs, xp = split_position(x)
        ys, yp = split_position(y)
        if xs != ys:
            return i, x, y, True
        if yp not in (None, "?") and xp != yp:
            return i, x, y, False
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("roots", nargs="*")
    parser.add_argument("--stdlib", action="store_true", help="add this Python's stdlib")
    parser.add_argument("--every", type=int, default=0, help="check every Nth file")
    parser.add_argument("--tool", required=True)
    parser.add_argument("--syntax-only", action="store_true")
    parser.add_argument("--show", type=int, default=5, help="AST differences to show")
    parser.add_argument("--list", action="store_true", help="list every differing file")
    parser.add_argument("--strict", action="store_true", help="fail on any syntax difference")
    parser.add_argument("--strict-ast", action="store_true", help="fail on any AST difference")
    parser.add_argument("--exclude", action="append", default=["site-packages", "__pycache__"])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    roots = list(args.roots)
    if args.stdlib:
        roots.append(sysconfig.get_paths()["stdlib"])
    if not roots:
        parser.error("no files to compare: give ROOT paths or --stdlib")
    files = collect(roots, set(args.exclude))
    every = args.every or (8 if os.environ.get("SHRIKE_SANITIZED") else 1)
    if every > 1:
        # A sample, plus every file CPython rejects (its tests name them badsyntax_*, bad_*).
        files = [f for i, f in enumerate(files)
                 if i % every == 0 or "bad" in os.path.basename(f) or "/data/" in f]
    want_dump = not args.syntax_only
    with multiprocessing.Pool(args.jobs) as pool:
        pending = pool.map_async(cpython_verdict, [(f, want_dump) for f in files], chunksize=8)
        ours = shrike_results(args.tool, files, want_dump)
        verdicts = pending.get()

    accepted = rejected = 0
    false_positives, missed = [], []
    same, structural, positional, unchecked = 0, [], [], 0
    first_lines = collections.Counter()
    for path, cpython_error, cpython_tree in verdicts:
        our_dump, our_errors = ours.get(path, ("", ["missing from the tool's output"]))
        if cpython_error is None:
            accepted += 1
            if our_errors:
                false_positives.append((path, our_errors))
            if not want_dump:
                continue
            if cpython_tree is None:
                unchecked += 1
                continue
            difference = compare_dumps(our_dump, cpython_tree)
            if difference is None:
                same += 1
            else:
                (structural if difference[3] else positional).append((path, difference))
                key = split_position(difference[2])[0].strip() if difference[3] else "position"
                first_lines[key.split(" ")[0] if difference[3] else key] += 1
        else:
            rejected += 1
            if not our_errors:
                missed.append((path, cpython_error))

    print("files: %d (CPython compiles %d, rejects %d)" % (len(files), accepted, rejected))
    print("syntax: %d false positives (Shrike reports an error CPython does not), "
          "%d missed (CPython rejects, Shrike is silent)" % (len(false_positives), len(missed)))
    for path, errors in false_positives:
        print("  false positive: %s:%s" % (path, errors[0]))
    for path, error in missed:
        print("  missed: %s: CPython says %s" % (path, error))
    if want_dump:
        checked = accepted - unchecked
        print("AST: %d of %d files identical to CPython's tree; %d differ in structure, "
              "%d only in positions%s" % (same, checked, len(structural), len(positional),
                                          ", %d too deep for CPython" % unchecked if unchecked else ""))
        if first_lines:
            print("  first differing CPython line, by kind: " +
                  ", ".join("%s %d" % kv for kv in first_lines.most_common(12)))
        shown = 0
        for path, (line, x, y, _) in structural + positional:
            if args.list or shown < args.show:
                print("  %s: line %d of the dump\n    shrike:  %s\n    cpython: %s" %
                      (path, line + 1, x.strip(), y.strip()))
                shown += 1
    failed = args.strict and (false_positives or missed)
    failed = failed or (args.strict_ast and (structural or positional))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
