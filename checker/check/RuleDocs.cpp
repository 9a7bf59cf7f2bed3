// RuleDocs: the documentation of every rule, and its two renderings (terminal, markdown).
#include "checker/check/RuleDocs.h"

#include <array>

namespace shrike::checker {

namespace {

// Keep one entry per rule in Rules.def, in the same order; examples mark the reported line
// with `# error: [code]` (or `# warning:` / `# info:`), the way the case files do.
constexpr std::array ruleDocs = {
    RuleDoc{
        "invalid-syntax",
        "Code that Python itself would refuse to run: a missing bracket or colon, a stray indent, "
        "a keyword in the wrong place. Shrike keeps going after a syntax error so that the rest of "
        "the file is still checked, but the broken statement is not.",
        "def greet(name:  # error: [invalid-syntax]\n    return name\n",
        "Fix the syntax. Suppression comments do not hide syntax errors; exclude the file or "
        "set the rule to \"ignore\" if it is not meant to be Python 3."},
    RuleDoc{
        "unresolved-import",
        "An `import` or `from ... import` whose module Shrike cannot find in the project, the "
        "configured search paths, the environment's site-packages or the bundled typeshed stubs. "
        "Everything imported from it becomes `Unknown`, so later mistakes go unseen.",
        "import reqeusts  # error: [unresolved-import]\n",
        "Check the spelling, install the package into the environment Shrike uses (`--python`), "
        "or add the folder that holds it to `extra-search-paths`. For a package without stubs, "
        "add a stub folder with `stub-path`."},
    RuleDoc{
        "unresolved-reference",
        "A name that is not defined in any enclosing scope nor among the builtins: usually a typo "
        "or a missing import. At run time it raises `NameError`.",
        "def area(radius: float) -> float:\n    return pi * radius ** 2  # error: "
        "[unresolved-reference]\n",
        "Define or import the name (`from math import pi`)."},
    RuleDoc{
        "possibly-unbound",
        "A name that is assigned on some paths through the code but not on all of them, then "
        "used where it may not have a value yet. At run time that path raises `UnboundLocalError` "
        "or `NameError`.",
        "def label(flag: bool) -> str:\n    if flag:\n        text = \"on\"\n    return text  # "
        "warning: [possibly-unbound]\n",
        "Assign the name on every path (an `else:` branch, or a default before the `if`)."},
    RuleDoc{
        "unbound-reference",
        "A name used before any assignment to it can have run, for instance a local read before "
        "the line that assigns it. At run time this always raises `UnboundLocalError`.",
        "def count() -> int:\n    total += 1  # error: [unbound-reference]\n    total = 0\n    "
        "return total\n",
        "Assign the name before using it, or declare it `global`/`nonlocal` if you meant an outer "
        "one."},
    RuleDoc{"invalid-assignment",
            "A value assigned to a variable, attribute or subscript whose declared type does not "
            "accept it.",
            "port: int = \"8080\"  # error: [invalid-assignment]\n",
            "Convert the value (`int(\"8080\")`) or widen the declared type (`int | str`)."},
    RuleDoc{
        "invalid-return-type",
        "A `return` whose value is not assignable to the function's declared return type, or a "
        "function that can fall off its end (returning `None`) when its return type does not "
        "allow `None`.",
        "def half(n: int) -> int:\n    return n / 2  # error: [invalid-return-type]\n",
        "Return a value of the declared type (`n // 2`) or change the annotation (`-> float`)."},
    RuleDoc{
        "invalid-argument-type",
        "An argument whose type is not assignable to the type of the parameter it is passed to.",
        "def repeat(text: str, times: int) -> str:\n    return text * times\n\nrepeat(\"ab\", "
        "\"3\")  # error: [invalid-argument-type]\n",
        "Pass a value of the parameter's type, or convert it first."},
    RuleDoc{
        "missing-argument",
        "A call that gives no argument for a parameter that has no default value. At run time it "
        "raises `TypeError`.",
        "def connect(host: str, port: int) -> None: ...\n\nconnect(\"localhost\")  # error: "
        "[missing-argument]\n",
        "Pass the missing argument, or give the parameter a default."},
    RuleDoc{
        "too-many-positional-arguments",
        "A call that passes more positional arguments than the callee has positional parameters. "
        "At run time it raises `TypeError`.",
        "def square(x: float) -> float:\n    return x * x\n\nsquare(2, 3)  # error: "
        "[too-many-positional-arguments]\n",
        "Remove the extra arguments, or pass them by keyword if the callee accepts them that way."},
    RuleDoc{
        "unknown-argument",
        "A keyword argument whose name matches no parameter of the callee (and the callee takes "
        "no `**kwargs`). At run time it raises `TypeError`.",
        "def open_file(path: str, mode: str = \"r\") -> None: ...\n\nopen_file(\"a.txt\", "
        "mdoe=\"w\")  # error: [unknown-argument]\n",
        "Fix the keyword's spelling or remove the argument."},
    RuleDoc{"no-matching-overload",
            "A call of an overloaded function in which no overload accepts the arguments given. "
            "When only one overload takes the arguments' number and names, the call is checked "
            "against that overload alone, as pyright does, and a mismatch is reported at the "
            "argument as `invalid-argument-type`.",
            "round(1.5, \"2\")  # error: [no-matching-overload]\n",
            "Pass arguments that one of the overloads accepts; the message lists what was tried."},
    RuleDoc{"unresolved-attribute",
            "An attribute that the object's type does not have. At run time it raises "
            "`AttributeError`.",
            "name = \"shrike\"\nname.uppercase()  # error: [unresolved-attribute]\n",
            "Use an attribute the type defines (`name.upper()`), or declare the attribute on the "
            "class."},
    RuleDoc{
        "possibly-unresolved-attribute",
        "An attribute that exists on some members of a union but not on all of them — most "
        "often an optional value that may be `None`.",
        "import re\n\nmatch = re.match(r\"\\d+\", \"42\")\nmatch.group()  # error: "
        "[possibly-unresolved-attribute]\n",
        "Narrow the value first (`if match is not None:`), or handle each member of the union."},
    RuleDoc{
        "unsupported-operator",
        "A binary, unary, comparison or augmented-assignment operator that the operand types do "
        "not support. At run time it raises `TypeError`.",
        "total = \"items: \" + 3  # error: [unsupported-operator]\n",
        "Convert an operand (`\"items: \" + str(3)`) or use an operation the types support."},
    RuleDoc{
        "not-subscriptable",
        "A subscript (`x[i]`) on a value whose type defines no `__getitem__` (or, for a class, "
        "no `__class_getitem__`).",
        "count = 3\nfirst = count[0]  # error: [not-subscriptable]\n",
        "Subscript a sequence or mapping instead, or fix the variable that holds the wrong value."},
    RuleDoc{
        "index-out-of-range",
        "A literal index that is past the end of a tuple of known length. At run time it raises "
        "`IndexError`.",
        "point = (1, 2)\nz = point[2]  # error: [index-out-of-range]\n",
        "Use an index within the tuple's length."},
    RuleDoc{"not-callable", "A call of a value whose type cannot be called (it has no `__call__`).",
            "limit = 10\nlimit()  # error: [not-callable]\n",
            "Call a function or class, or remove the parentheses."},
    RuleDoc{"not-iterable",
            "A `for` loop, unpacking or comprehension over a value whose type defines neither "
            "`__iter__` nor `__getitem__`.",
            "for digit in 1234:  # error: [not-iterable]\n    print(digit)\n",
            "Iterate over an iterable (`str(1234)`, `range(...)`)."},
    RuleDoc{
        "invalid-type-form",
        "An annotation that is not a valid type expression: a call, a literal number, a variable "
        "holding a value, or a special form used the wrong way.",
        "def scale(factor: 2.0) -> float:  # error: [invalid-type-form]\n    return factor\n",
        "Write a type (`float`), or `Literal[2.0]`-style forms where the spec allows them."},
    RuleDoc{
        "invalid-base-class",
        "A class statement that inherits from something it may not: a class marked `@final`, an "
        "enum that already has members, a class that is not a protocol among the bases of a "
        "protocol, or `Generic[...]` in a class that declares its type parameters with the "
        "`class C[T]` syntax, or a class that derives from itself through its bases (`class "
        "A(B)` and `class B(A)` in a stub, or across two modules).",
        "from typing import final\n\n@final\nclass Leaf: ...\n\nclass Branch(Leaf): ...  # "
        "error: [invalid-base-class]\n",
        "Inherit from a class that allows it, or drop the base."},
    RuleDoc{"invalid-type-parameter",
            "A type parameter (`class C[T]`, `def f[T]`) declared wrongly, or a type variable used "
            "where it is not allowed: a bound or constraint that is itself generic, fewer than two "
            "constraints, a parameter that reuses the name of an outer one, or a `TypeVar(...)` "
            "variable mixed into a definition that uses the type parameter syntax.",
            "class Box[T: ()]:  # error: [invalid-type-parameter]\n    ...\n",
            "Give a bound (`T: str`) or at least two constraints (`T: (str, bytes)`), and declare "
            "every type variable of a definition the same way."},
    RuleDoc{
        "invalid-overload",
        "An `@overload` signature that its implementation does not honour: the implementation "
        "must accept every argument list an overload accepts, and each overload's return type "
        "must be compatible with the implementation's.",
        "from typing import overload\n\n@overload\ndef parse(x: int) -> int: ...\n@overload\n"
        "def parse(x: str) -> str: ...\ndef parse(x: int) -> int:  # error: [invalid-overload]\n"
        "    return x\n",
        "Widen the implementation's parameters and return type to cover every overload."},
    RuleDoc{"override-of-final-method",
            "A method, class variable or nested class that a subclass defines under the name of "
            "a base class's method marked `@final` (on the method, on an overloaded method's "
            "implementation, or on the first overload in a stub). The nearest base in the method "
            "resolution order that defines the name decides.",
            "from typing import final\n\nclass Base:\n    @final\n    def run(self) -> None: "
            "...\n\nclass Child(Base):\n    def run(self) -> None: ...  # error: "
            "[override-of-final-method]\n",
            "Give the subclass's member another name, or remove `@final` from the base method if "
            "overriding it is meant to be allowed."},
    RuleDoc{"invalid-explicit-override",
            "A method decorated with `@override` (typing, or typing_extensions before Python "
            "3.12) when no base class has a member of that name: usually a typo, or a base "
            "method that was renamed or removed. A base that derives from `Any` or cannot be "
            "resolved may have any member, so it silences the rule.",
            "from typing import override\n\nclass Base:\n    def start(self) -> None: ..."
            "\n\nclass Child(Base):\n    @override\n    def strat(self) -> None: ...  # "
            "error: [invalid-explicit-override]\n",
            "Fix the method's name to match the base method, or drop `@override` if the method is "
            "new."},
    RuleDoc{"invalid-final",
            "The `@final` decorator on a function that is not a method: only classes and methods "
            "can be final.",
            "from typing import final\n\n@final\ndef helper() -> int:  # error: [invalid-final]"
            "\n    return 0\n",
            "Remove the decorator; to keep a module-level name from being reassigned, annotate a "
            "variable with `Final` instead."},
    RuleDoc{"invalid-signature",
            "A parameter list that breaks a rule of its own: a parameter named with the historical "
            "positional-only convention (`__x`) after one that can be passed by keyword.",
            "def move(x: int, __y: int) -> None: ...  # error: [invalid-signature]\n",
            "Use the `/` marker for positional-only parameters (`def move(x: int, y: int, /)`)."},
    RuleDoc{"invalid-key",
            "A subscript of a TypedDict with a key it does not define or that is not a string "
            "literal, a write to a read-only item, or a `del` of a required one.",
            "from typing import TypedDict\n\nclass Movie(TypedDict):\n    name: str\n\n"
            "def show(m: Movie) -> None:\n    print(m[\"title\"])  # error: [invalid-key]\n",
            "Use a key the TypedDict declares, or declare the item (`NotRequired[...]` when it may "
            "be absent)."},
    RuleDoc{"invalid-typed-dict",
            "A TypedDict definition the typing rules forbid: a method, a metaclass, a base that "
            "is not a TypedDict, an item redeclared with an incompatible type, or a functional "
            "`TypedDict(...)` call whose name or items are not literal.",
            "from typing import TypedDict\n\nclass Movie(TypedDict):\n    name: str\n\n"
            "    def title(self) -> str: ...  # error: [invalid-typed-dict]\n",
            "Keep only item annotations in a TypedDict; write helpers as functions that take it."},
    RuleDoc{
        "abstract-instantiation",
        "A call that instantiates a class that still has abstract methods or properties. At run "
        "time it raises `TypeError`.",
        "from abc import ABC, abstractmethod\n\nclass Shape(ABC):\n    @abstractmethod\n    def "
        "area(self) -> float: ...\n\nShape()  # error: [abstract-instantiation]\n",
        "Instantiate a concrete subclass that implements every abstract member."},
    RuleDoc{
        "invalid-dataclass",
        "A dataclass (made by `@dataclass` or a `dataclass_transform`) defined against the rules: "
        "a field without a default after one with a default, a frozen dataclass inheriting from "
        "a non-frozen one or the reverse, `slots=True` with its own `__slots__`, a "
        "`__post_init__` that does not take the `InitVar` fields, a `ClassVar` that overrides a "
        "field. At run time most of these raise `TypeError` when the class is created.",
        "from dataclasses import dataclass\n\n@dataclass\nclass Point:\n    x: int = 0\n    y: "
        "int  # error: [invalid-dataclass]\n",
        "Give the later field a default, make it keyword-only (`field(kw_only=True)`), or reorder "
        "the fields."},
    RuleDoc{
        "type-assertion-failure",
        "A `typing.assert_type(value, T)` call where the type Shrike infers for the value is not "
        "exactly `T`.",
        "from typing import assert_type\n\nassert_type(1 + 1, str)  # error: "
        "[type-assertion-failure]\n",
        "Fix the code or the asserted type; the message shows the inferred type."},
    RuleDoc{"reveal-type",
            "Not a problem: the type that Shrike infers for the argument of `reveal_type(...)`, "
            "reported as information so that you can see it.",
            "reveal_type([1, 2])  # info: [reveal-type]\n",
            "Remove the `reveal_type` call when you are done."},
    RuleDoc{
        "unused-ignore-comment",
        "A suppression comment (`# type: ignore` or `# shrike: ignore[...]`), or one rule code "
        "in it, that hid no diagnostic. Stale suppressions hide the next real problem on their "
        "line. Off by default; turn it on with `--warn unused-ignore-comment`.",
        "x: int = 1  # shrike: ignore[invalid-assignment]  # warning: [unused-ignore-comment]\n",
        "Delete the comment, or the codes in it that no longer apply.",
        "[rules]\nunused-ignore-comment = \"warn\"\n"},
    RuleDoc{
        "file-too-large",
        "A file larger than `max-file-size` (10 MiB unless configured); it is skipped rather than "
        "checked, since such files are almost always generated data.",
        "TABLE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]  # warning: [file-too-large]\n",
        "Exclude the file, or raise `max-file-size` in the configuration.", "max-file-size = 16\n"},
    RuleDoc{"invalid-encoding",
            "A file that declares an encoding other than UTF-8 (`# -*- coding: latin-1 -*-`) and "
            "is not valid UTF-8: Shrike reads it as UTF-8 all the same, replaces the bad bytes and "
            "checks the rest, but positions near them may be off. Reported once, at the first bad "
            "byte (without such a declaration the file gets `invalid-syntax` there instead, as "
            "CPython refuses it). A file holding NUL bytes is not text at all (a binary file, or "
            "UTF-16): it is skipped rather than checked.",
            "", "Save the file as UTF-8."},
    RuleDoc{
        "inference-budget-exceeded",
        "A module whose inference needed more work than Shrike allows one module (deeply nested "
        "expressions or enormous literals); types in the rest of it may be `Unknown`.",
        "", "Split the code or add annotations that give Shrike the types directly."},
    RuleDoc{"internal-error",
            "Shrike failed internally while checking this file. The rest of the project was still "
            "checked. This is a bug in Shrike, not in your code.",
            "",
            "Please report it with the file (or a reduced version of it) and Shrike's version."},
};

std::string_view severityWord(Severity severity) {
  switch (severity) {
  case Severity::Error: return "error";
  case Severity::Warning: return "warning";
  case Severity::Information: return "info";
  case Severity::Hint: return "hint";
  }
  return "error";
}

std::string defaultLevel(const RuleInfo& rule) {
  return rule.enabledByDefault
             ? std::string(severityWord(rule.defaultSeverity)) + ", enabled by default"
             : std::string("off by default; ") + std::string(severityWord(rule.defaultSeverity)) +
                   " when enabled";
}

std::string silencing(std::string_view code) {
  std::string c(code);
  // Neither can be hidden by a comment: syntax errors by design, unused suppressions because
  // they are found after every comment has been applied.
  if (code == "invalid-syntax" || code == "unused-ignore-comment")
    return "Turn it off for a project with `" + c +
           " = \"ignore\"` under `[tool.shrike.rules]`, or for some "
           "files with an `[[tool.shrike.overrides]]` entry.";
  return "Hide one occurrence with `# shrike: ignore[" + c +
         "]` at the end of its line (or `# type: ignore`). "
         "Turn it off for a project with `" +
         c +
         " = \"ignore\"` under `[tool.shrike.rules]`, for some files "
         "with an `[[tool.shrike.overrides]]` entry, or for one run with `--ignore " +
         c + "`.";
}

std::string indent(std::string_view text, std::string_view prefix) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty()) out += prefix;
    out += line;
    out += '\n';
    start = end + 1;
  }
  return out;
}

// Fills lines up to `width` columns, breaking at spaces (a terminal's own wrapping would
// break words).
std::string wrap(std::string_view text, size_t width = 80) {
  std::string out;
  size_t column = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(start, end - start);
    if (column > 0 && column + 1 + word.size() > width) {
      out += '\n';
      column = 0;
    } else if (column > 0) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    start = end + 1;
  }
  return out;
}

} // namespace

const RuleDoc* findRuleDoc(std::string_view code) {
  for (const RuleDoc& doc : ruleDocs)
    if (doc.code == code) return &doc;
  return nullptr;
}

std::string explainText(const RuleInfo& rule) {
  const RuleDoc* doc = findRuleDoc(rule.code);
  std::string out = std::string(rule.code) + " (" + defaultLevel(rule) + ")\n\n";
  out += std::string(rule.summary) + ".\n\n";
  if (doc) {
    out += wrap(doc->description) + "\n\n";
    if (!doc->settings.empty())
      out += "With this configuration (shrike.toml):\n\n" + indent(doc->settings, "    ") + "\n";
    if (!doc->example.empty()) out += "Example:\n\n" + indent(doc->example, "    ") + "\n";
    out += wrap("How to fix it: " + std::string(doc->fix)) + "\n\n";
  }
  out += wrap("How to silence it: " + silencing(rule.code)) + "\n";
  return out;
}

std::string rulesMarkdown() {
  std::string out =
      "# Rules\n\n"
      "<!-- Generated by `shrike explain --markdown` from checker/check/RuleDocs.cpp and\n"
      "     checker/check/Rules.def; edit those, then regenerate this file. -->\n\n"
      "Every diagnostic Shrike reports carries one of these rule codes. The same text is\n"
      "printed by `shrike explain RULE`. Set a rule's level in the configuration\n"
      "(`[tool.shrike.rules]`, see [configuration](configuration.md)) or for one run with\n"
      "`--error`, `--warn` and `--ignore` (see [the command line](cli.md)).\n\n"
      "| Rule | Default | What it catches |\n|---|---|---|\n";
  for (const RuleInfo& rule : allRules()) {
    out += "| [`" + std::string(rule.code) + "`](#" + std::string(rule.code) + ") | " +
           (rule.enabledByDefault ? std::string(severityWord(rule.defaultSeverity))
                                  : std::string("off")) +
           " | " + std::string(rule.summary) + " |\n";
  }
  for (const RuleInfo& rule : allRules()) {
    const RuleDoc* doc = findRuleDoc(rule.code);
    out += "\n## " + std::string(rule.code) + "\n\n";
    out += "Default: " + defaultLevel(rule) + ". " + std::string(rule.summary) + ".\n\n";
    if (doc) {
      out += std::string(doc->description) + "\n\n";
      if (!doc->settings.empty())
        out += "With this configuration (`shrike.toml`; in `pyproject.toml` the tables are under "
               "`tool.shrike`):\n\n```toml\n" +
               std::string(doc->settings) + "```\n\n";
      if (!doc->example.empty()) out += "```py\n" + std::string(doc->example) + "```\n\n";
      out += "**Fix:** " + std::string(doc->fix) + "\n\n";
    }
    out += "**Silence:** " + silencing(rule.code) + "\n";
  }
  return out;
}

std::string ruleExampleCases() {
  std::string out =
      "# The examples of docs/rules.md\n\n"
      "Generated by `shrike explain --example-cases` from checker/check/RuleDocs.cpp: each\n"
      "rule's example must be reported as its comment says. An example the checker does not\n"
      "report yet is an expected failure (RuleDoc::exampleGap in RuleDocs.cpp).\n";
  for (const RuleDoc& doc : ruleDocs) {
    if (doc.example.empty()) continue;
    out += "\n## " + std::string(doc.code) + "\n\n";
    if (!doc.exampleGap.empty()) out += "<!-- xfail: " + std::string(doc.exampleGap) + " -->\n\n";
    if (!doc.settings.empty()) out += "```toml\n" + std::string(doc.settings) + "```\n\n";
    out += "```py\n" + std::string(doc.example) + "```\n";
  }
  return out;
}

} // namespace shrike::checker
