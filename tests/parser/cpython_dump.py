"""CPython's own syntax tree for a file, printed in the exact form of Shrike's dumpAst().

Shrike's Ast follows CPython's `ast` module, with a few deliberate differences (see
parser/Ast.h); this module maps CPython's tree onto Shrike's vocabulary so that the two dumps
can be compared line by line:

    python3 tests/parser/cpython_dump.py file.py
    shrike_parse_tool dump --positions --cpython file.py

Positions print as `@line:col-line:col` (1-based line, 0-based UTF-8 column), or `@?` where
CPython has no position for a node (Module, Parameters, comprehensions, with items, match
cases) or a known-wrong one (the parts of an f-string before Python 3.12).
"""

import ast
import sys

UNKNOWN = "?"
PARAMETER_KINDS = {
    "posonly": "positional-only",
    "normal": "",
    "vararg": "*",
    "kwonly": "keyword-only",
    "kwarg": "**",
}
BINARY = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.MatMult: "@", ast.Div: "/", ast.Mod: "%",
    ast.Pow: "**", ast.LShift: "<<", ast.RShift: ">>", ast.BitOr: "|", ast.BitXor: "^",
    ast.BitAnd: "&", ast.FloorDiv: "//",
}
UNARY = {ast.Invert: "~", ast.Not: "not", ast.UAdd: "+", ast.USub: "-"}
COMPARE = {
    ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
    ast.Is: "is", ast.IsNot: "is not", ast.In: "in", ast.NotIn: "not in",
}
INT64_MAX = 2**63 - 1
OLD_FSTRINGS = sys.version_info < (3, 12)


def quoted(data: bytes) -> str:
    """The same escaping as AstDump.cpp's quoted(), over UTF-8 bytes."""
    out = ["'"]
    for c in data:
        if c == 0x5C:
            out.append("\\\\")
        elif c == 0x27:
            out.append("\\'")
        elif c == 0x0A:
            out.append("\\n")
        elif c == 0x0D:
            out.append("\\r")
        elif c == 0x09:
            out.append("\\t")
        elif c < 0x20 or c == 0x7F:
            out.append("\\x%02x" % c)
        else:
            out.append(chr(c))
    text = "".join(out) + "'"
    # Non-ASCII bytes were appended one by one; put the UTF-8 back together.
    return text.encode("latin-1").decode("utf-8", errors="surrogateescape")


def utf8(text: str) -> bytes:
    # Lone surrogates cannot be UTF-8; Shrike stores U+FFFD for them.
    return "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text).encode()


def float_text(value: float) -> str:
    text = "%.17g" % value
    return text


class Dumper:
    def __init__(self, source: bytes, positions: bool = True):
        self.lines = source.split(b"\n")
        # Lines as CPython counts them: \r\n and lone \r end lines too.
        self.lines = source.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
        if self.lines and self.lines[0].startswith(b"\xef\xbb\xbf"):
            self.lines[0] = self.lines[0][3:]
        self.positions = positions
        self.out = []

    # ---- positions ---------------------------------------------------------------------------

    def pos(self, node, start=None, end=None):
        if not self.positions:
            return ""
        if node is None and start is None:
            return " @" + UNKNOWN
        if start is None:
            start = (node.lineno, node.col_offset)
        if end is None:
            end = (node.end_lineno, node.end_col_offset)
        return " @%d:%d-%d:%d" % (start[0], start[1], end[0], end[1])

    def segment(self, node) -> bytes:
        if node.lineno == node.end_lineno:
            return self.lines[node.lineno - 1][node.col_offset:node.end_col_offset]
        parts = [self.lines[node.lineno - 1][node.col_offset:]]
        parts += self.lines[node.lineno:node.end_lineno - 1]
        parts.append(self.lines[node.end_lineno - 1][:node.end_col_offset])
        return b"\n".join(parts)

    def starts_with(self, node, word: bytes) -> bool:
        return self.lines[node.lineno - 1][node.col_offset:].startswith(word)

    def between(self, start, end) -> bytes:
        """The source text between two (line, column) positions."""
        if start[0] == end[0]:
            return self.lines[start[0] - 1][start[1]:end[1]]
        parts = [self.lines[start[0] - 1][start[1]:]] + self.lines[start[0]:end[0] - 1]
        return b"\n".join(parts + [self.lines[end[0] - 1][:end[1]]])

    def star_before(self, arg, stars: bytes):
        """Where the `*`/`**` before a parameter name is, when it is on the same line."""
        line = self.lines[arg.lineno - 1]
        col = arg.col_offset
        while col > 0 and line[col - 1:col] in (b" ", b"\t"):
            col -= 1
        if line[col - len(stars):col] == stars:
            return (arg.lineno, col - len(stars))
        return None

    # ---- output ------------------------------------------------------------------------------

    def emit(self, depth, label, text, position):
        prefix = "  " * depth + (label + ": " if label else "")
        self.out.append(prefix + text + position)

    def dump(self, tree) -> str:
        self.node(tree, 0, None)
        return "\n".join(self.out) + "\n"

    def many(self, nodes, depth, label):
        for n in nodes:
            self.node(n, depth, label)

    def one(self, n, depth, label):
        if n is not None:
            self.node(n, depth, label)

    # ---- nodes -------------------------------------------------------------------------------

    def node(self, n, depth, label, position=None):
        kind = type(n).__name__
        method = getattr(self, "n_" + kind, None)
        if method is None:
            raise NotImplementedError(kind)
        method(n, depth, label, position)

    def simple(self, n, depth, label, text, position=None):
        self.emit(depth, label, text, self.pos(n) if position is None else position)

    def n_Module(self, n, d, label, position):
        self.emit(d, label, "Module", self.pos(None))
        self.many(n.body, d + 1, "body")

    def n_FunctionDef(self, n, d, label, position, is_async=False):
        self.emit(d, label, "FunctionDef " + n.name + (" async" if is_async else ""), self.pos(n))
        self.many(n.decorator_list, d + 1, "decorators")
        self.many(getattr(n, "type_params", []), d + 1, "typeParams")
        self.parameters(n.args, d + 1, "parameters")
        self.one(n.returns, d + 1, "returns")
        self.many(n.body, d + 1, "body")

    def n_AsyncFunctionDef(self, n, d, label, position):
        self.n_FunctionDef(n, d, label, position, is_async=True)

    def parameters(self, args, d, label):
        self.emit(d, label, "Parameters", self.pos(None))
        positional = args.posonlyargs + args.args
        defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
        entries = []
        for i, a in enumerate(positional):
            entries.append((a, "posonly" if i < len(args.posonlyargs) else "normal", defaults[i]))
        if args.vararg:
            entries.append((args.vararg, "vararg", None))
        for a, default in zip(args.kwonlyargs, args.kw_defaults):
            entries.append((a, "kwonly", default))
        if args.kwarg:
            entries.append((args.kwarg, "kwarg", None))
        for a, kind, default in entries:
            text = "Parameter " + a.arg
            if PARAMETER_KINDS[kind]:
                text += " " + PARAMETER_KINDS[kind]
            start = (a.lineno, a.col_offset)
            if kind in ("vararg", "kwarg"):
                start = self.star_before(a, b"*" if kind == "vararg" else b"**")
            end = (a.end_lineno, a.end_col_offset)
            if default is not None:
                end = (default.end_lineno, default.end_col_offset)
                if b"(" in self.between((a.end_lineno, a.end_col_offset),
                                        (default.lineno, default.col_offset)):
                    start = None  # Shrike's range ends after `)`, CPython's inside
            position = self.pos(a, start, end) if start else self.pos(None)
            self.emit(d + 1, "parameters", text, position)
            self.one(a.annotation, d + 2, "annotation")
            self.one(default, d + 2, "default")

    def n_ClassDef(self, n, d, label, position):
        self.emit(d, label, "ClassDef " + n.name, self.pos(n))
        self.many(n.decorator_list, d + 1, "decorators")
        self.many(getattr(n, "type_params", []), d + 1, "typeParams")
        self.many(n.bases, d + 1, "bases")
        self.many(n.keywords, d + 1, "keywords")
        self.many(n.body, d + 1, "body")

    def n_Return(self, n, d, label, position):
        self.simple(n, d, label, "Return", position)
        self.one(n.value, d + 1, "value")

    def n_Delete(self, n, d, label, position):
        self.simple(n, d, label, "Delete", position)
        self.many(n.targets, d + 1, "targets")

    def n_Assign(self, n, d, label, position):
        self.simple(n, d, label, "Assign", position)
        self.many(n.targets, d + 1, "targets")
        self.one(n.value, d + 1, "value")

    def n_AugAssign(self, n, d, label, position):
        self.simple(n, d, label, "AugAssign " + BINARY[type(n.op)] + "=", position)
        self.one(n.target, d + 1, "target")
        self.one(n.value, d + 1, "value")

    def n_AnnAssign(self, n, d, label, position):
        self.simple(n, d, label, "AnnAssign", position)
        self.one(n.target, d + 1, "target")
        self.one(n.annotation, d + 1, "annotation")
        self.one(n.value, d + 1, "value")

    def n_TypeAlias(self, n, d, label, position):
        self.simple(n, d, label, "TypeAlias " + n.name.id, position)
        self.many(n.type_params, d + 1, "typeParams")
        self.one(n.value, d + 1, "value")

    def n_For(self, n, d, label, position, is_async=False):
        self.simple(n, d, label, "For" + (" async" if is_async else ""), position)
        self.one(n.target, d + 1, "target")
        self.one(n.iter, d + 1, "iter")
        self.many(n.body, d + 1, "body")
        self.many(n.orelse, d + 1, "orelse")

    def n_AsyncFor(self, n, d, label, position):
        self.n_For(n, d, label, position, is_async=True)

    def n_While(self, n, d, label, position):
        self.simple(n, d, label, "While", position)
        self.one(n.test, d + 1, "test")
        self.many(n.body, d + 1, "body")
        self.many(n.orelse, d + 1, "orelse")

    def n_If(self, n, d, label, position):
        self.simple(n, d, label, "If" + (" elif" if self.starts_with(n, b"elif") else ""), position)
        self.one(n.test, d + 1, "test")
        self.many(n.body, d + 1, "body")
        self.many(n.orelse, d + 1, "orelse")

    def n_With(self, n, d, label, position, is_async=False):
        self.simple(n, d, label, "With" + (" async" if is_async else ""), position)
        for item in n.items:
            self.emit(d + 1, "items", "WithItem", self.pos(None))
            self.one(item.context_expr, d + 2, "contextExpr")
            self.one(item.optional_vars, d + 2, "optionalVars")
        self.many(n.body, d + 1, "body")

    def n_AsyncWith(self, n, d, label, position):
        self.n_With(n, d, label, position, is_async=True)

    def n_Match(self, n, d, label, position):
        self.simple(n, d, label, "Match", position)
        self.one(n.subject, d + 1, "subject")
        for case in n.cases:
            self.emit(d + 1, "cases", "MatchCase", self.pos(None))
            self.one(case.pattern, d + 2, "pattern")
            self.one(case.guard, d + 2, "guard")
            self.many(case.body, d + 2, "body")

    def n_Raise(self, n, d, label, position):
        self.simple(n, d, label, "Raise", position)
        self.one(n.exc, d + 1, "exc")
        self.one(n.cause, d + 1, "cause")

    def n_Try(self, n, d, label, position, star=False):
        self.simple(n, d, label, "Try" + (" star" if star else ""), position)
        self.many(n.body, d + 1, "body")
        self.many(n.handlers, d + 1, "handlers")
        self.many(n.orelse, d + 1, "orelse")
        self.many(n.finalbody, d + 1, "finalbody")

    def n_TryStar(self, n, d, label, position):
        self.n_Try(n, d, label, position, star=True)

    def n_ExceptHandler(self, n, d, label, position):
        self.simple(n, d, label, "ExceptHandler" + (" as " + n.name if n.name else ""), position)
        self.one(n.type, d + 1, "type")
        self.many(n.body, d + 1, "body")

    def n_Assert(self, n, d, label, position):
        self.simple(n, d, label, "Assert", position)
        self.one(n.test, d + 1, "test")
        self.one(n.msg, d + 1, "msg")

    def n_Import(self, n, d, label, position):
        self.simple(n, d, label, "Import", position)
        self.many(n.names, d + 1, "names")

    def n_alias(self, n, d, label, position):
        text = "Alias " + n.name + (" as " + n.asname if n.asname else "")
        self.simple(n, d, label, text, position)

    def n_ImportFrom(self, n, d, label, position):
        star = len(n.names) == 1 and n.names[0].name == "*"
        module = "." * (n.level or 0) + (n.module or "")
        self.simple(n, d, label, "ImportFrom" + (" " + module if module else "") +
                    (" *" if star else ""), position)
        if not star:
            self.many(n.names, d + 1, "names")

    def n_Global(self, n, d, label, position):
        self.simple(n, d, label, " ".join(["Global"] + n.names), position)

    def n_Nonlocal(self, n, d, label, position):
        self.simple(n, d, label, " ".join(["Nonlocal"] + n.names), position)

    def n_Expr(self, n, d, label, position):
        self.simple(n, d, label, "ExprStmt", position)
        self.one(n.value, d + 1, "value")

    def n_Pass(self, n, d, label, position):
        self.simple(n, d, label, "Pass", position)

    def n_Break(self, n, d, label, position):
        self.simple(n, d, label, "Break", position)

    def n_Continue(self, n, d, label, position):
        self.simple(n, d, label, "Continue", position)

    # ---- expressions -------------------------------------------------------------------------

    def n_BoolOp(self, n, d, label, position):
        self.simple(n, d, label, "BoolOp " + ("and" if isinstance(n.op, ast.And) else "or"), position)
        self.many(n.values, d + 1, "values")

    def n_NamedExpr(self, n, d, label, position):
        self.simple(n, d, label, "NamedExpr", position)
        self.one(n.target, d + 1, "target")
        self.one(n.value, d + 1, "value")

    def n_BinOp(self, n, d, label, position):
        self.simple(n, d, label, "BinOp " + BINARY[type(n.op)], position)
        self.one(n.left, d + 1, "left")
        self.one(n.right, d + 1, "right")

    def n_UnaryOp(self, n, d, label, position):
        self.simple(n, d, label, "UnaryOp " + UNARY[type(n.op)], position)
        self.one(n.operand, d + 1, "operand")

    def n_Lambda(self, n, d, label, position):
        self.simple(n, d, label, "Lambda", position)
        self.parameters(n.args, d + 1, "parameters")
        self.one(n.body, d + 1, "body")

    def n_IfExp(self, n, d, label, position):
        self.simple(n, d, label, "IfExp", position)
        self.one(n.body, d + 1, "body")
        self.one(n.test, d + 1, "test")
        self.one(n.orelse, d + 1, "orelse")

    def n_Dict(self, n, d, label, position):
        self.simple(n, d, label, "Dict", position)
        for k, v in zip(n.keys, n.values):
            if k is None:
                self.node(v, d + 1, "unpack")
            else:
                self.node(k, d + 1, "key")
                self.node(v, d + 1, "value")

    def n_Set(self, n, d, label, position):
        self.simple(n, d, label, "Set", position)
        self.many(n.elts, d + 1, "elts")

    def comprehension(self, n, d, kind):
        self.many(n.generators, d + 1, "generators")

    def n_ListComp(self, n, d, label, position, kind="ListComp"):
        self.simple(n, d, label, kind, position)
        self.one(n.elt, d + 1, "elt")
        self.many(n.generators, d + 1, "generators")

    def n_SetComp(self, n, d, label, position):
        self.n_ListComp(n, d, label, position, "SetComp")

    def n_GeneratorExp(self, n, d, label, position):
        self.n_ListComp(n, d, label, position, "GeneratorExp")

    def n_DictComp(self, n, d, label, position):
        self.simple(n, d, label, "DictComp", position)
        self.one(n.key, d + 1, "key")
        self.one(n.value, d + 1, "value")
        self.many(n.generators, d + 1, "generators")

    def n_comprehension(self, n, d, label, position):
        self.emit(d, label, "Comprehension" + (" async" if n.is_async else ""), self.pos(None))
        self.one(n.target, d + 1, "target")
        self.one(n.iter, d + 1, "iter")
        self.many(n.ifs, d + 1, "ifs")

    def n_Await(self, n, d, label, position):
        self.simple(n, d, label, "Await", position)
        self.one(n.value, d + 1, "value")

    def n_Yield(self, n, d, label, position):
        self.simple(n, d, label, "Yield", position)
        self.one(n.value, d + 1, "value")

    def n_YieldFrom(self, n, d, label, position):
        self.simple(n, d, label, "YieldFrom", position)
        self.one(n.value, d + 1, "value")

    def n_Compare(self, n, d, label, position):
        self.simple(n, d, label, " ".join(["Compare"] + [COMPARE[type(o)] for o in n.ops]), position)
        self.one(n.left, d + 1, "left")
        self.many(n.comparators, d + 1, "comparators")

    def n_Call(self, n, d, label, position):
        self.simple(n, d, label, "Call", position)
        self.one(n.func, d + 1, "func")
        self.many(n.args, d + 1, "args")
        self.many(n.keywords, d + 1, "keywords")

    def n_keyword(self, n, d, label, position):
        self.simple(n, d, label, "Keyword " + (n.arg if n.arg else "**"), position)
        self.one(n.value, d + 1, "value")

    def n_JoinedStr(self, n, d, label, position):
        self.simple(n, d, label, "FString", position)
        inner = self.pos(None) if OLD_FSTRINGS else None
        for v in n.values:
            if isinstance(v, ast.Constant):
                # CPython's positions for the literal parts are approximate.
                self.node(v, d + 1, "values", self.pos(None))
            else:
                self.node(v, d + 1, "values", inner)

    def n_FormattedValue(self, n, d, label, position):
        text = "FormattedValue"
        if n.conversion != -1:
            text += " !" + chr(n.conversion)
        self.simple(n, d, label, text, position)
        if OLD_FSTRINGS and isinstance(n.value, ast.Tuple):
            # Python 3.11 places `{a, b}` as if its braces were parentheses.
            self.node(n.value, d + 1, "value", self.pos(None))
        else:
            self.one(n.value, d + 1, "value")
        if n.format_spec is not None:
            self.node(n.format_spec, d + 1, "formatSpec", self.pos(None) if OLD_FSTRINGS else None)

    def n_Constant(self, n, d, label, position):
        v = n.value
        if isinstance(v, bool):
            text = "BoolLiteral " + str(v)
        elif v is None:
            text = "NoneLiteral"
        elif v is Ellipsis:
            text = "EllipsisLiteral"
        elif isinstance(v, int):
            text = "IntLiteral " + (str(v) if v <= INT64_MAX else self.segment(n).decode())
        elif isinstance(v, float):
            text = "FloatLiteral " + float_text(v)
        elif isinstance(v, complex):
            text = "ImaginaryLiteral " + float_text(v.imag)
        elif isinstance(v, str):
            text = "StringLiteral " + quoted(utf8(v))
        elif isinstance(v, bytes):
            text = "BytesLiteral b" + quoted(v)
        else:
            raise NotImplementedError(repr(v))
        self.simple(n, d, label, text, position)

    def n_Attribute(self, n, d, label, position):
        self.simple(n, d, label, "Attribute " + n.attr, position)
        self.one(n.value, d + 1, "value")

    def n_Subscript(self, n, d, label, position):
        self.simple(n, d, label, "Subscript", position)
        self.one(n.value, d + 1, "value")
        self.one(n.slice, d + 1, "slice")

    def n_Starred(self, n, d, label, position):
        self.simple(n, d, label, "Starred", position)
        self.one(n.value, d + 1, "value")

    @staticmethod
    def ctx(n):
        if isinstance(n.ctx, ast.Store):
            return " Store"
        if isinstance(n.ctx, ast.Del):
            return " Del"
        return ""

    def n_Name(self, n, d, label, position):
        self.simple(n, d, label, "NameExpr " + n.id + self.ctx(n), position)

    def n_List(self, n, d, label, position):
        self.simple(n, d, label, "List" + self.ctx(n), position)
        self.many(n.elts, d + 1, "elts")

    def n_Tuple(self, n, d, label, position):
        self.simple(n, d, label, "Tuple" + self.ctx(n), position)
        self.many(n.elts, d + 1, "elts")

    def n_Slice(self, n, d, label, position):
        self.simple(n, d, label, "Slice", position)
        self.one(n.lower, d + 1, "lower")
        self.one(n.upper, d + 1, "upper")
        self.one(n.step, d + 1, "step")

    # ---- patterns ----------------------------------------------------------------------------

    def n_MatchValue(self, n, d, label, position):
        self.simple(n, d, label, "MatchValue", position)
        self.one(n.value, d + 1, "value")

    def n_MatchSingleton(self, n, d, label, position):
        self.simple(n, d, label, "MatchSingleton", position)
        # CPython keeps the constant itself; Shrike keeps a literal node at the same place.
        v = n.value
        text = "NoneLiteral" if v is None else "BoolLiteral " + str(v)
        self.emit(d + 1, "value", text, self.pos(n))

    def n_MatchSequence(self, n, d, label, position):
        self.simple(n, d, label, "MatchSequence", position)
        self.many(n.patterns, d + 1, "patterns")

    def n_MatchMapping(self, n, d, label, position):
        self.simple(n, d, label, "MatchMapping" + (" **" + n.rest if n.rest else ""), position)
        for k, p in zip(n.keys, n.patterns):
            self.node(k, d + 1, "key")
            self.node(p, d + 1, "pattern")

    def n_MatchClass(self, n, d, label, position):
        self.simple(n, d, label, " ".join(["MatchClass"] + [a + "=" for a in n.kwd_attrs]), position)
        self.one(n.cls, d + 1, "cls")
        self.many(n.patterns, d + 1, "patterns")
        self.many(n.kwd_patterns, d + 1, "kwdPatterns")

    def n_MatchStar(self, n, d, label, position):
        self.simple(n, d, label, "MatchStar " + (n.name if n.name else "<none>"), position)

    def n_MatchAs(self, n, d, label, position):
        self.simple(n, d, label, "MatchAs" + (" " + n.name if n.name else ""), position)
        self.one(n.pattern, d + 1, "pattern")

    def n_MatchOr(self, n, d, label, position):
        self.simple(n, d, label, "MatchOr", position)
        self.many(n.patterns, d + 1, "patterns")

    # ---- type parameters (3.12+) -------------------------------------------------------------

    def type_param(self, n, d, label, prefix, bound, position):
        self.simple(n, d, label, "TypeParam " + prefix + n.name, position)
        self.one(bound, d + 1, "bound")
        self.one(getattr(n, "default_value", None), d + 1, "default")

    def n_TypeVar(self, n, d, label, position):
        self.type_param(n, d, label, "", n.bound, position)

    def n_ParamSpec(self, n, d, label, position):
        self.type_param(n, d, label, "**", None, position)

    def n_TypeVarTuple(self, n, d, label, position):
        self.type_param(n, d, label, "*", None, position)


def dump_source(source: bytes, filename: str = "<unknown>", positions: bool = True) -> str:
    tree = compile(source, filename, "exec", flags=ast.PyCF_ONLY_AST, dont_inherit=True)
    return Dumper(source, positions).dump(tree)


def main(argv):
    positions = "--no-ranges" not in argv
    for path in [a for a in argv if not a.startswith("--")]:
        with open(path, "rb") as f:
            sys.stdout.write(dump_source(f.read(), path, positions))


if __name__ == "__main__":
    main(sys.argv[1:])
