#!/usr/bin/env python3
"""Writes the hostile files into a folder: code that is deeply nested, huge, generated,
binary, mis-encoded or self-referential, each with the diagnostics it must get. `run.py`
checks them with `shrike check`. They are made at test time because several are large.

    generate.py OUT_DIR      writes the files and manifest.json ({file: [rule codes]})
"""
import json
import sys
from pathlib import Path

FILES = {}  # name -> (bytes, expected rule codes)


def hostile(name, *expect):
    def register(make):
        text = make()
        FILES[name] = (text.encode() if isinstance(text, str) else text, list(expect))
        return make
    return register


def nest(open_, inner, close, depth):
    return open_ * depth + inner + close * depth


# ---- nesting deeper than the parser follows: invalid-syntax "nested too deeply" -------------

@hostile("deep_brackets.py", "invalid-syntax")
def _(): return "x = " + nest("[", "1", "]", 10000) + "\n"

@hostile("deep_calls.py", "invalid-syntax")
def _(): return "def f(x): return x\nx = " + nest("f(", "1", ")", 10000) + "\n"

@hostile("deep_list_type.py", "invalid-syntax")
def _(): return "x: " + nest("list[", "int", "]", 10000) + "\n"

@hostile("deep_power.py", "invalid-syntax")
def _(): return "x = " + "2 ** " * 10000 + "2\n"

@hostile("deep_unary.py", "invalid-syntax")
def _(): return "x = " + "-" * 100000 + "1\n"

@hostile("deep_not.py", "invalid-syntax")
def _(): return "x = " + "not " * 20000 + "True\n"

@hostile("deep_lambda.py", "invalid-syntax")
def _(): return "f = " + "lambda: " * 10000 + "1\n"

@hostile("deep_dict.py", "invalid-syntax")
def _(): return "d = " + nest("{1: ", "1", "}", 10000) + "\n"

@hostile("deep_comprehension.py", "invalid-syntax")
def _(): return "x = " + nest("[y for y in ", "[1]", "]", 5000) + "\n"

@hostile("deep_fstring.py", "invalid-syntax")
def _():
    text = "1"
    for i in range(3000):
        text = "f'{" + text + "}'" if i % 2 else 'f"{' + text + '}"'
    return "x = " + text + "\n"

@hostile("deep_blocks.py", "invalid-syntax")
def _(): return "x = 1\n" + "".join(" " * i + "if x:\n" for i in range(3000)) + " " * 3000 + "pass\n"

@hostile("deep_defs.py", "invalid-syntax")
def _(): return "".join(" " * i + f"def f{i}():\n" for i in range(3000)) + " " * 3000 + "pass\n"

@hostile("deep_try.py", "invalid-syntax")
def _():
    lines = []
    for i in range(2000):
        lines.append(" " * i + "try:\n")
    lines.append(" " * 2000 + "x = 1\n")
    for i in reversed(range(2000)):
        lines.append(" " * i + "finally:\n" + " " * (i + 1) + "x = 2\n")
    return "".join(lines)

@hostile("deep_pattern.py", "invalid-syntax")
def _(): return "match 1:\n    case " + nest("[", "x", "]", 10000) + ":\n        pass\n"

@hostile("deep_string_annotation.py")
def _(): return "x: '" + nest("list[", "int", "]", 10000) + "'\n"

# ---- long chains that are wide in the source but deep in the tree ----------------------------

@hostile("long_sum.py", "invalid-syntax")
def _(): return "x = " + " + ".join(["1"] * 100000) + "\n"

@hostile("long_string_sum.py", "invalid-syntax")
def _(): return "x = " + " + ".join(['"a"'] * 50000) + "\n"

# 100,000 levels deep in the tree: CPython's compiler gives up too (RecursionError).
@hostile("long_attribute_chain.py", "invalid-syntax")
def _(): return "x = a" + ".b" * 100000 + "\n"

@hostile("long_subscript_chain.py")
def _(): return "a = [0]\nx = a" + "[0]" * 100000 + "\n"

@hostile("long_call_chain.py")
def _(): return "def f(): return f\nx = f" + "()" * 100000 + "\n"

@hostile("long_comparison.py")
def _(): return "x = " + " < ".join(["1"] * 100000) + "\n"

@hostile("long_boolean.py")
def _(): return "y = 1\nx = " + " and ".join(["y"] * 100000) + "\n"

@hostile("long_implicit_concatenation.py")
def _(): return "x = " + '"a" ' * 100000 + "\n"

@hostile("many_decorators.py")
def _(): return "def d(f): return f\n" + "@d\n" * 20000 + "def f(): pass\n"

# ---- generated code: big, but flat ------------------------------------------------------------

@hostile("big_list.py")
def _(): return "x = [" + ", ".join(str(i) for i in range(50000)) + "]\nreveal_type(x)\n"

@hostile("big_mixed_list.py")
def _():
    items = [str(i) if i % 3 == 0 else f'"s{i}"' if i % 3 == 1 else f"{i}.5" for i in range(50000)]
    return "x = [" + ", ".join(items) + "]\n"

@hostile("big_dict.py")
def _(): return "x = {" + ", ".join(f'"k{i}": {i}' for i in range(50000)) + "}\n"

@hostile("big_tuple.py")
def _(): return "x = (" + ", ".join(str(i) for i in range(50000)) + ")\ny = x + x\n"

@hostile("elif_chain.py")
def _():
    return ("x = int()\nif x == 0:\n    y = 0\n" +
            "".join(f"elif x == {i}:\n    y = {i}\n" for i in range(1, 20000)) + "print(y)\n")

@hostile("many_overloads.py")
def _():
    head = "from typing import Literal, overload\n\n"
    body = "".join(f"@overload\ndef f(x: Literal[{i}]) -> Literal[{i}]: ...\n" for i in range(5000))
    return head + body + "def f(x: int) -> int:\n    return x\n\nf(4999)\nf(5000)\n"

@hostile("inheritance_chain.py")
def _():
    return ("class C0:\n    def base(self) -> int:\n        return 0\n" +
            "".join(f"class C{i}(C{i - 1}): pass\n" for i in range(1, 2000)) +
            "x = C1999().base()\n")

@hostile("wide_class.py")
def _(): return "class C:\n" + "".join(f"    def m{i}(self): return {i}\n" for i in range(20000)) + "C().m19999()\n"

@hostile("many_parameters.py")
def _():
    params = ", ".join(f"p{i}: int = {i}" for i in range(10000))
    return f"def f({params}) -> None: ...\nf(" + ", ".join(str(i) for i in range(10000)) + ")\n"

@hostile("many_names.py")
def _(): return "".join(f"name_{i} = {i}\n" for i in range(100000)) + "print(name_99999)\n"

@hostile("many_match_cases.py")
def _(): return "x = int()\nmatch x:\n" + "".join(f"    case {i}:\n        y = {i}\n" for i in range(10000))

@hostile("many_reassignments.py")
def _(): return "x = 0\n" + "".join(f"x = x + {i}\ndel x\nx = {i}\n" for i in range(10000)) + "print(x)\n"

# ---- runaway inference --------------------------------------------------------------------------

@hostile("literal_union.py")
def _():
    values = ", ".join(str(i) for i in range(5000))
    return ("from typing import Literal\n" +
            f"def f(a: Literal[{values}], b: Literal[{values}]):\n" +
            "    c = a + b\n    d = a * b - a\n    if a == 1: pass\n    elif a == 2: pass\n"
            "    return c, d\n")

@hostile("literal_string_doubling.py")
def _(): return 's = "ab"\n' + "s = s + s\n" * 64 + "reveal_type(s)\n"

@hostile("tuple_doubling.py")
def _(): return "t = (1,)\n" + "t = t + t\n" * 64 + "reveal_type(t)\n"

@hostile("tuple_nesting.py")
def _(): return "t = 1\n" + "t = (t, t)\n" * 64 + "reveal_type(t)\n"

@hostile("list_nesting.py")
def _(): return "x = 1\n" + "x = [x, [x]]\n" * 200 + "reveal_type(x)\n"

@hostile("union_expansion.py")
def _():
    params = ", ".join(f"a{i}: int | str | bytes | None" for i in range(24))
    overloads = "".join(
        f"@overload\ndef g({', '.join(f'a{j}: {t}' for j in range(24))}) -> {t}: ...\n"
        for t in ("int", "str", "bytes"))
    return ("from typing import overload\n" + overloads +
            "def g(*args): ...\n" + f"def h({params}):\n    return g(" +
            ", ".join(f"a{i}" for i in range(24)) + ")\n")

# Results the depth limit cut short are not remembered, so this runs out of steps too.
@hostile("recursive_functions.py", "inference-budget-exceeded")
def _():
    return "".join(f"def f{i}(x):\n    return f{(i + 1) % 3000}(x) + f{(i + 7) % 3000}(x)\n"
                   for i in range(3000)) + "reveal_type(f0(1))\n"

# ---- self-reference ----------------------------------------------------------------------------

@hostile("class_cycle.py", "unbound-reference")
def _(): return "class A(B): pass\nclass B(A): pass\nA().x\n"

@hostile("class_cycle_stub.pyi", "invalid-base-class")
def _(): return "class A(B): ...\nclass B(A): ...\nclass C(C): ...\nx: A\n"

@hostile("class_cycle_user.py")
def _(): return "from class_cycle_stub import A, C\nA().missing\nC().missing\nreveal_type(A.__mro__)\n"

@hostile("recursive_aliases.py")
def _():
    return ("from typing import TypeAlias, Union\n"
            "A = list['A']\n"
            "B: TypeAlias = 'B | int'\n"
            "C: TypeAlias = 'D'\nD: TypeAlias = 'C'\n"
            "E = Union[int, 'F']\nF = list[E]\n"
            "type G = list[G]\n"
            "type H = H\n"
            "type I = J | int\ntype J = I | str\n"
            "def f(a: A, b: B, c: C, e: E, g: G, h: H, i: I) -> None:\n"
            "    reveal_type(a); reveal_type(b); reveal_type(c); reveal_type(e)\n"
            "    reveal_type(g); reveal_type(h); reveal_type(i)\n")

@hostile("self_import.py")
def _(): return "import self_import\nfrom self_import import x\nfrom self_import import *\nx = self_import.x\n"

@hostile("star_cycle_a.py")
def _(): return "from star_cycle_b import *\na = 1\n"

@hostile("star_cycle_b.py")
def _(): return "from star_cycle_a import *\nb = a\n"

@hostile("import_cycle_a.py", "invalid-base-class")
def _(): return "from import_cycle_b import B\nclass A(B): pass\n"

@hostile("import_cycle_b.py", "invalid-base-class")
def _(): return "from import_cycle_a import A\nclass B(A): pass\n"

@hostile("relative_beyond_top.py", "unresolved-import")
def _(): return "from " + "." * 200 + " import x\n"

# ---- encodings and bytes --------------------------------------------------------------------------

@hostile("nul_bytes.py", "invalid-encoding")
def _(): return b"x = 1\n\x00\x00\x00def f(:\n"

# Meant as UTF-8, so refused as CPython does (once); a file declaring latin-1 gets the warning.
@hostile("invalid_utf8.py", "invalid-syntax")
def _(): return b"x = '\xff\xfe'\ny = '\xc3'\nz = '\xed\xa0\x80'\n" * 1000

@hostile("utf16.py", "invalid-encoding")
def _(): return "x = 1\n".encode("utf-16")

@hostile("latin1.py", "invalid-encoding")
def _(): return "# -*- coding: latin-1 -*-\nname = 'caf\xe9'\n".encode("latin-1")

@hostile("bom_only.py")
def _(): return b"\xef\xbb\xbf"

@hostile("empty.py")
def _(): return b""

@hostile("crlf_and_cr.py")
def _(): return b"x = 1\r\ny = 2\rz = (\r\n 3)\r\ndef f():\r    return x\r"

# CPython says TabError ("inconsistent use of tabs and spaces in indentation"), and so do we.
@hostile("tabs_and_spaces.py", "invalid-syntax")
def _(): return "if True:\n\tx = 1\n        y = 2\n"

@hostile("form_feed.py")
def _(): return "\x0cx = 1\n\x0c\ndef f():\n    \x0creturn x\n"

@hostile("unicode_names.py")
def _(): return "ﬁle = 1\nprint(file)\nℌ = 2\nprint(H)\nπ = 3.14\n"

@hostile("surrogate_escapes.py")
def _(): return "x = '\\ud800\\udfff'\ny = b'\\xff'\nz = '\\N{BOGUS NAME}'\n"

@hostile("python2.py", "invalid-syntax")
def _(): return "print 'hello'\nexec 'x = 1'\nraise E, 'v'\nx = 0777L\nprint >>f, 1\n"

@hostile("garbage.py", "invalid-syntax")
def _(): return bytes(range(1, 256)).replace(b"\x00", b"") * 50

@hostile("long_line.py")
def _(): return "x = '" + "a" * 5_000_000 + "'\n"

@hostile("huge_int.py")
def _(): return "x = 1" + "0" * 1_000_000 + "\ny = x + x\n"

@hostile("many_blank_lines.py")
def _(): return "\n" * 1_000_000 + "x = 1\n"

@hostile("too_large.py", "file-too-large")
def _(): return "x = 1\n" * (10 * 1024 * 1024 // 6 + 10)


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, (data, _) in FILES.items():
        (out / name).write_bytes(data)
    manifest = {name: expect for name, (_, expect) in FILES.items()}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1))
    print(f"{len(FILES)} hostile files in {out}")


if __name__ == "__main__":
    main()
