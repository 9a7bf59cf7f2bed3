# Continuation lines inside brackets indented less than their block, with comments, blank
# lines, strings and backslashes. tree-sitter-python's scanner closed the block at such a line
# when no bracket could close there (after `a +` or `a.`); Shrike's scanner wrapper keeps it.
def f():
    x = (a +
b)
    y = (obj.
attribute)
    z = call(first,
# a comment at column 0
             second)
    w = [
        1,

  2,
    ]
    s = ("implicit"
"concatenation")
    t = 1 + \
  2
    if (a and
b):
        pass
    return x


class C:
    def method(self):
        return {
'key':
  value}
