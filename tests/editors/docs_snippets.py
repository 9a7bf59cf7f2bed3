#!/usr/bin/env python3
"""Checks the configuration snippets of docs/editors.md: each parses in its editor's format,
uses only keys that editor documents, and starts `shrike lsp` for Python.

The key sets below come from each editor's documentation (Helix's languages.md, Zed's
"Configuring Languages"); a snippet using a key outside them is a typo or a format change.
"""
import json
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib

root = pathlib.Path(__file__).resolve().parents[2]
doc = (root / "docs" / "editors.md").read_text()

HELIX_SERVER_KEYS = {"command", "args", "config", "timeout", "environment", "required-root-patterns"}
HELIX_LANGUAGE_KEYS = {
    "name", "language-id", "scope", "injection-regex", "file-types", "shebangs", "roots",
    "auto-format", "diagnostic-severity", "comment-tokens", "block-comment-tokens", "indent",
    "language-servers", "grammar", "formatter", "soft-wrap", "text-width", "workspace-lsp-roots",
    "persistent-diagnostic-sources", "path-completion", "word-completion",
}
ZED_BINARY_KEYS = {"path", "arguments", "env", "ignore_system_version"}
ZED_PYTHON_SERVERS = {"basedpyright", "pyright", "ty", "pylsp", "ruff"}

failures = []
checked = 0


def check(condition, message):
    global checked
    checked += 1
    if not condition:
        failures.append(message)


def blocks(section, language):
    """The fenced code blocks of one language under a `## section` heading."""
    match = re.search(rf"^## {re.escape(section)}\n(.*?)(?=^## |\Z)", doc, re.S | re.M)
    if not match:
        failures.append(f"no section '## {section}'")
        return []
    return re.findall(rf"^```{language}\n(.*?)^```", match.group(1), re.S | re.M)


def check_helix():
    [snippet] = blocks("Helix", "toml")
    config = tomllib.loads(snippet)
    server = config["language-server"]["shrike"]
    check(server["command"] == "shrike" and server["args"] == ["lsp"], f"helix: server is {server}")
    check(set(server) <= HELIX_SERVER_KEYS, f"helix: unknown server keys {set(server) - HELIX_SERVER_KEYS}")
    [python] = [l for l in config["language"] if l["name"] == "python"]
    check(set(python) <= HELIX_LANGUAGE_KEYS, f"helix: unknown language keys {set(python) - HELIX_LANGUAGE_KEYS}")
    check(python["language-servers"][0] == "shrike", "helix: shrike is not python's first server")
    check({"pyproject.toml", "shrike.toml"} <= set(python["roots"]), "helix: roots miss the project files")


def check_zed():
    [snippet] = blocks("Zed", "json")
    settings = json.loads(snippet)
    [(slot, server)] = settings["lsp"].items()
    check(slot in ZED_PYTHON_SERVERS, f"zed: {slot} is not a built-in Python server")
    binary = server["binary"]
    check(set(binary) <= ZED_BINARY_KEYS, f"zed: unknown binary keys {set(binary) - ZED_BINARY_KEYS}")
    check(binary["path"].endswith("/shrike") and binary["arguments"] == ["lsp"], f"zed: binary is {binary}")
    servers = settings["languages"]["Python"]["language_servers"]
    check(servers[0] == slot, f"zed: {slot} is not Python's first server: {servers}")
    others = {s.lstrip("!") for s in servers[1:] if s != "..."}
    check(others <= ZED_PYTHON_SERVERS, f"zed: unknown servers {others - ZED_PYTHON_SERVERS}")


def check_emacs():
    [snippet] = blocks("Emacs (Eglot)", "elisp")
    check("'((python-mode python-ts-mode) . (\"shrike\" \"lsp\"))" in snippet, "emacs: no python entry for shrike lsp")
    depth, lowest = 0, 0
    for ch in re.sub(r'"[^"]*"', '""', snippet):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        lowest = min(lowest, depth)
    check(depth == 0 and lowest == 0, "emacs: unbalanced parentheses")
    emacs = shutil.which("emacs")
    if emacs:  # Read every form with the real Lisp reader when Emacs is installed.
        reader = f'(with-temp-buffer (insert {json.dumps(snippet)}) (goto-char 1) (condition-case nil (while t (read (current-buffer))) (end-of-file nil)))'
        result = subprocess.run([emacs, "--batch", "-Q", "--eval", reader], capture_output=True, text=True, timeout=60)
        check(result.returncode == 0, f"emacs: the reader rejects the snippet: {result.stderr}")


def check_lua():
    snippets = blocks("Neovim", "lua")
    check(len(snippets) >= 3, "neovim: expected the setup, vim.lsp.enable and lspconfig snippets")
    nvim = shutil.which("nvim")
    if not nvim:
        failures.append("neovim: nvim is not installed (scripts/test installs it)")
        return
    for snippet in snippets:
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
            f.write(snippet)
        probe = f"local f, err = loadfile('{f.name}'); if not f then io.stderr:write(err); vim.cmd('cquit') end"
        result = subprocess.run([nvim, "--headless", "-u", "NONE", "-i", "NONE", "-c", f"lua {probe}", "-c", "qall!"],
                                capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        pathlib.Path(f.name).unlink()
        check(result.returncode == 0, f"neovim: a snippet does not parse: {result.stderr}\n{snippet}")


def check_vscode_settings():
    manifest = json.loads((root / "editors" / "vscode" / "package.json").read_text())
    for key, schema in manifest["contributes"]["configuration"]["properties"].items():
        default = json.dumps(schema["default"]).replace('"', "")
        check(f"| `{key}` | `{default}` |" in doc, f"vscode: the settings table does not show {key} with default {default}")
    for command in manifest["contributes"]["commands"]:
        check(f"**{command['category']}: {command['title']}**" in doc, f"vscode: the command {command['title']} is not documented")


for checker in (check_helix, check_zed, check_emacs, check_lua, check_vscode_settings):
    try:
        checker()
    except Exception as error:  # A snippet that does not parse, or lacks a key, is a failure.
        failures.append(f"{checker.__name__}: {type(error).__name__}: {error}")

for failure in failures:
    print(f"FAIL {failure}")
print(f"{checked - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
