#!/usr/bin/env python3
"""Runs one command-line case file (tests/cli/cases/*.md) against a built `shrike`.

A case file is markdown. In document order:

  `path/in/project.py`:      a file, from the fenced block that follows (written when reached,
  ```py ... ```              so a later block can change a file between two commands)

  ```symlink                 symlinks, one per line, "link -> target"
  loop -> loop
  ```

  ```sh                      a command, run with bash in the project folder; `shrike` is the
  shrike check               binary under test
  ```
  exit 1                     the expected exit code, then stdout and stderr, exactly
  ```stdout
  ...
  ```
  ```stderr
  ...
  ```

Outputs are compared after replacing the project folder with <root> and timings with <time>.
The machine's own Python environment (the interpreter on PATH and its site-packages, which
--verbose prints) reads as <machine's python>, and its site-packages lines are dropped.
SHRIKE_UPDATE_GOLDEN=1 rewrites the expected exit codes and outputs in place.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^(`{3,})(\S*)\s*$")
FILE_LABEL = re.compile(r"^`([^`]+)`:\s*$")
EXIT_LINE = re.compile(r"^exit (\d+)\s*$")


def parse(lines):
    """Returns the steps of a case: ('file', path, text), ('symlinks', [...]), ('command', ...)."""
    steps = []
    i = 0
    label = None
    while i < len(lines):
        line = lines[i]
        fence = FENCE.match(line)
        if not fence:
            m = FILE_LABEL.match(line)
            if m:
                label = m.group(1)
            elif line.strip():
                label = None
            i += 1
            continue
        ticks, info = fence.group(1), fence.group(2)
        end = i + 1
        while end < len(lines) and lines[end].rstrip() != ticks:
            end += 1
        body = lines[i + 1:end]
        if info == "sh":
            steps.append({"kind": "command", "script": "\n".join(body), "end": end, "exit": None,
                          "stdout": None, "stderr": None})
        elif info in ("stdout", "stderr"):
            if not steps or steps[-1]["kind"] != "command":
                raise SystemExit(f"line {i + 1}: a {info} block must follow a command")
            steps[-1][info] = {"text": "".join(l + "\n" for l in body), "start": i, "end": end}
        elif info == "symlink":
            steps.append({"kind": "symlinks", "links": [l.split(" -> ") for l in body if l.strip()]})
        elif label is not None:
            steps.append({"kind": "file", "path": label, "text": "".join(l + "\n" for l in body)})
        label = None
        i = end + 1
        # An `exit N` line between a command and its output blocks.
        while i < len(lines) and steps and steps[-1]["kind"] == "command":
            m = EXIT_LINE.match(lines[i])
            if m:
                steps[-1]["exit"] = {"code": int(m.group(1)), "line": i}
                i += 1
            elif not lines[i].strip():
                i += 1
            else:
                break
    return steps


def normalize(text, root):
    text = text.replace(os.path.realpath(root), "<root>").replace(root, "<root>")
    # Timings vary in value and in width (the statistics table pads them).
    text = re.sub(r" *\d+\.\d+ s\b", " <time> s", text)
    text = re.sub(r" *\d+\.\d+%", " <pct>%", text)
    # --verbose names the interpreter asked; outside the project it is the machine's.
    text = re.sub(r"^(shrike: python interpreter:) /.*$", r"\1 <machine's python>", text, flags=re.M)
    text = re.sub(r"^shrike: site-packages: /.*\n", "", text, flags=re.M)
    # The stub snapshot beside the binary under test, and how many stubs typeshed has.
    text = re.sub(r"^(shrike: stub snapshot:) /\S+ \(\d+ stubs\)$", r"\1 <beside shrike> (<n> stubs)",
                  text, flags=re.M)
    return text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--shrike", required=True)
    parser.add_argument("case")
    args = parser.parse_args()
    shrike = os.path.abspath(args.shrike)
    with open(args.case, encoding="utf-8") as f:
        lines = f.read().split("\n")
    steps = parse(lines)
    update = os.environ.get("SHRIKE_UPDATE_GOLDEN") == "1"
    failures = []
    edits = []  # (start line, end line exclusive, replacement lines) for update mode

    with tempfile.TemporaryDirectory(prefix="shrike-cli-") as root:
        bindir = os.path.join(root, ".bin")
        project = os.path.join(root, "project")
        os.makedirs(bindir)
        os.makedirs(project)
        os.symlink(shrike, os.path.join(bindir, "shrike"))
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
        env["PATH"] = bindir + os.pathsep + env.get("PATH", "/usr/bin:/bin")
        for step in steps:
            if step["kind"] == "file":
                path = os.path.join(project, step["path"])
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(step["text"])
                continue
            if step["kind"] == "symlinks":
                for link, target in step["links"]:
                    path = os.path.join(project, link.strip())
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    os.symlink(target.strip(), path)
                continue
            try:
                done = subprocess.run(["bash", "-c", step["script"]], cwd=project, env=env,
                                      capture_output=True, timeout=120)
            except subprocess.TimeoutExpired:
                failures.append(f"`{step['script']}` timed out")
                continue
            stdout = normalize(done.stdout.decode("utf-8", "replace"), project)
            stderr = normalize(done.stderr.decode("utf-8", "replace"), project)
            if update:
                edits.append((step, done.returncode, stdout, stderr))
                continue
            expected_exit = step["exit"]["code"] if step["exit"] else None
            if expected_exit != done.returncode:
                failures.append(f"`{step['script']}`: exit {done.returncode}, expected {expected_exit}")
            for name, actual in (("stdout", stdout), ("stderr", stderr)):
                expected = step[name]["text"] if step[name] else None
                if expected != actual:
                    failures.append(f"`{step['script']}`: {name} differs\n--- expected\n{expected or ''}"
                                    f"--- actual\n{actual}---")

    if update:
        rewrite(args.case, lines, edits)
        return 0
    for failure in failures:
        print(failure, file=sys.stderr)
    if failures:
        print(f"{args.case}: {len(failures)} failure(s); SHRIKE_UPDATE_GOLDEN=1 rewrites the expectations",
              file=sys.stderr)
    return 1 if failures else 0


def fenced(info, text):
    body = text[:-1] if text.endswith("\n") else text
    ticks = "````" if "```" in text else "```"
    out = [ticks + info]
    if text:
        out += body.split("\n")
    out.append(ticks)
    return out


def rewrite(path, lines, edits):
    # Replace, from the bottom up, each command's exit line and output blocks.
    for step, code, stdout, stderr in sorted(edits, key=lambda e: -e[0]["end"]):
        spans = [step[k] for k in ("stdout", "stderr") if step[k]]
        first = step["end"] + 1
        last = max([s["end"] for s in spans] + [step["exit"]["line"] if step["exit"] else step["end"]])
        replacement = ["", f"exit {code}", ""] + fenced("stdout", stdout) + [""] + fenced("stderr", stderr)
        after = lines[last + 1] if last + 1 < len(lines) else ""
        if after.strip():
            replacement.append("")
        lines[first:last + 1] = replacement
    text = "\n".join(lines)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    sys.exit(main())
