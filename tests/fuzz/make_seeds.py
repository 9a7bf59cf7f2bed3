#!/usr/bin/env python3
"""Writes a seed corpus for one fuzz target (see FuzzTarget.h) from what is on this machine:
Python files of the interpreter's standard library and the code blocks of the project's own
case files. Nothing third-party is committed; the seeds are made again on each machine.

    make_seeds.py TARGET OUT_DIR [--max-bytes N] [--limit N]

--limit keeps about N seeds (evenly spread, saved findings always): the short smoke run of
scripts/test must get through its seeds well within its time.

check   Python files as they are (stdlib files, case-file code blocks, saved findings)
edits   edit scripts (EditsFuzzer.cpp's format): a file and a few random edits to it
lsp     framed client sessions: the LSP transcripts, and sessions that open, edit and query
        stdlib files
"""
import argparse
import json
import random
import re
import struct
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"^```(py|python|pyi)\s*$(.*?)^```\s*$", re.M | re.S)


def stdlib_files(max_bytes, limit):
    """Every n-th stdlib .py file no larger than max_bytes, about `limit` of them."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    files = sorted(p for p in stdlib.rglob("*.py")
                   if "site-packages" not in p.parts and p.is_file())
    small = []
    for p in files:
        try:
            if 0 < p.stat().st_size <= max_bytes:
                small.append(p)
        except OSError:
            pass
    step = max(1, len(small) // limit)
    return [p.read_bytes() for p in small[::step]]


def case_blocks():
    """The Python code blocks of the project's markdown case files."""
    blocks = []
    for md in sorted((ROOT / "tests").rglob("*.md")):
        text = md.read_text(encoding="utf-8", errors="replace")
        blocks += [m.group(2).lstrip("\n").encode() for m in FENCE.finditer(text)]
    return blocks


def saved(target):
    folder = ROOT / "tests" / "fuzz" / "regressions" / target
    return [p.read_bytes() for p in sorted(folder.glob("*")) if p.is_file()] if folder.is_dir() else []


SNIPPETS = [b"", b"(", b")", b":", b"\n", b"    ", b"\t", b"def f(x):\n    return x\n",
            b"class C:\n    pass\n", b"if x:\n", b"else:\n", b"'''", b'"', b"#", b"\\\n",
            b"lambda: ", b"[", b"]", b"{", b"}", b"f'{x!r:>{w}}'", b"\xc3\xa9", b"\xf0\x9f\x90\x8d",
            b"\r\n", b"\r", b"async ", b"await ", b"match x:\n    case 1:\n        pass\n", b"@"]


def edit_script(rng, text):
    flags = rng.choice([0, 0, 1, 2])
    text = text[:0xFFFF]
    out = bytearray([flags]) + struct.pack("<H", len(text)) + text
    for i in range(rng.randint(1, 12)):
        roll = rng.random()
        if roll < 0.04:
            kind, piece = 5, rng.choice([text, text[: len(text) // 2], b""])
        elif roll < 0.07:
            kind, piece = 6, b"x"
        elif roll < 0.10:
            kind, piece = 7, text
        else:
            kind, piece = rng.randint(0, 4), rng.choice(SNIPPETS)
        piece = piece[:255]
        if i == 0 or rng.random() < 0.6:
            kind |= 8
        a = rng.randrange(len(text) + 1) & 0xFFFF
        b = rng.choice([0, 0, 1, rng.randrange(64)])
        out += struct.pack("<BHHB", kind, a, b, len(piece)) + piece
    return bytes(out)


def frame(body):
    if isinstance(body, (dict, list)):
        body = json.dumps(body, separators=(",", ":")).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def transcript_sessions():
    """The LSP transcripts (tests/lsp/transcripts/*.rpc) as the bytes their client sends."""
    sessions = []
    for rpc in sorted((ROOT / "tests" / "lsp" / "transcripts").glob("*.rpc")):
        out = bytearray()
        for line in rpc.read_text(encoding="utf-8").splitlines():
            line = line.replace("${ROOT}", "/shrike-fuzz").replace("${DEAD_PID}", "0")
            line = re.sub(r"\$\{REPEAT:(\d+):([^}]*)\}", lambda m: m.group(2) * min(int(m.group(1)), 64), line)
            if line.startswith("--> body "):
                body = re.sub(rb"\\x([0-9a-fA-F]{2})", lambda m: bytes([int(m.group(1), 16)]),
                              line[9:].encode())
                out += frame(body)
            elif line.startswith("--> raw "):
                out += json.loads(line[8:]).encode("utf-8", "surrogateescape")
            elif line.startswith("--> "):
                out += frame(line[4:].encode())
        sessions.append(bytes(out))
    return sessions


def lsp_session(rng, text):
    uri = "file:///shrike-fuzz/m%d.py" % rng.randrange(4)
    source = text.decode("utf-8", "replace")
    caps = {}
    if rng.random() < 0.5:
        caps["general"] = {"positionEncodings": rng.choice([["utf-8"], ["utf-16"], ["utf-32", "utf-8"]])}
    if rng.random() < 0.3:
        caps["textDocument"] = {"diagnostic": {}, "publishDiagnostics": {"relatedInformation": True}}
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"processId": None, "rootUri": None, "capabilities": caps}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "textDocument/didOpen",
         "params": {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": source}}},
    ]
    lines = source.count("\n") + 1
    for v in range(2, 2 + rng.randint(0, 4)):
        line = rng.randrange(lines)
        change = {"range": {"start": {"line": line, "character": rng.randrange(8)},
                            "end": {"line": line, "character": rng.randrange(8, 16)}},
                  "text": rng.choice(SNIPPETS).decode("utf-8")}
        messages.append({"jsonrpc": "2.0", "method": "textDocument/didChange",
                         "params": {"textDocument": {"uri": uri, "version": v}, "contentChanges": [change]}})
    requests = [("textDocument/documentSymbol", {"textDocument": {"uri": uri}}),
                ("textDocument/diagnostic", {"textDocument": {"uri": uri}}),
                ("workspace/symbol", {"query": rng.choice(["", "f", "Cls"])})]
    for i, (method, params) in enumerate(rng.sample(requests, rng.randint(1, 3))):
        messages.append({"jsonrpc": "2.0", "id": 10 + i, "method": method, "params": params})
    if rng.random() < 0.3:
        messages.append({"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": 10}})
    messages.append({"jsonrpc": "2.0", "method": "textDocument/didClose",
                     "params": {"textDocument": {"uri": uri}}})
    messages += [{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}, {"jsonrpc": "2.0", "method": "exit"}]
    return b"".join(frame(m) for m in messages)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("target", choices=["check", "edits", "lsp"])
    parser.add_argument("out", type=Path)
    parser.add_argument("--max-bytes", type=int, default=8192)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(8)
    args.out.mkdir(parents=True, exist_ok=True)
    files = stdlib_files(args.max_bytes, 400)
    blocks = case_blocks()
    if args.target == "check":
        seeds = files + blocks
    elif args.target == "edits":
        seeds = [edit_script(rng, t) for t in files[:200] + blocks]
    else:
        seeds = transcript_sessions() + [lsp_session(rng, t) for t in files[:100] + blocks[:50]]
    if 0 < args.limit < len(seeds):
        seeds = seeds[:: -(-len(seeds) // args.limit)]
    seeds += saved(args.target)
    for i, seed in enumerate(seeds):
        (args.out / ("seed-%05d" % i)).write_bytes(seed)
    print("%d seeds for %s in %s" % (len(seeds), args.target, args.out))


if __name__ == "__main__":
    sys.exit(main())
