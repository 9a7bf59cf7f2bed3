# String literals: prefixes, quotes, escapes, concatenation, f-strings (PEP 701, Python 3.12+).
plain = 'single', "double", '''triple single''', """triple double"""
prefixed = r'\d+', b'bytes', rb'\raw', Rb"\x", u'unicode', BR'x'
escapes = "\n\t\\\'\"\a\b\f\v\r", "\x41\101\u00e9\U0001F600", b"\x00\xff\101", "\N{BULLET}"
unknown_escape = "\q", b"\u1234"
continued = "line one \
line two"
concatenated = "one" 'two' """three"""
bytes_concatenated = b"a" b"b"
multiline = """first
second"""
raw_backslashes = r'\\', r"\\\\", r'\''
empty = '', "", b''
formatted = f"value: {value}", F'{x!r}', f"{x!s:>10}", f"{x!a}"
format_spec = f"{number:{width}.{precision}f}", f"{x:%Y-%m-%d}"
debug = f"{x=}", f"{x = }", f"{x=!s}", f"{x=:>4}"
braces = f"{{literal}} {x}", f"{{}}"
nested = f"{f'{x}'}", f"{'same quotes'}", f"{"PEP 701 same quotes"}", f"{f"{f"{x}"}"}"
multiline_f = f"""
{x +
 y}
"""
raw_f = rf"\d{x}\n", fr'{x}\t'
mixed = "plain " f"formatted {x} " "plain again"
expression_in_f = f"{a if b else c}", f"{[x for x in y]}", f"{ {'a': 1}['a'] }", f"{x, y}"
named = "\N{EM DASH}", "\N{latin small letter a}", "\N{LATIN CAPITAL LETTER GHA}", "\N{CJK UNIFIED IDEOGRAPH-4E00}\N{HANGUL SYLLABLE GA}"
named_elsewhere = f"{x}\N{BULLET}", b"\N{BULLET}", r"\N{BULLET}", "\\N{BULLET}"
