# Statements that end a line too early: tree-sitter reads on; Python does not.
y = a.
z = 1
x = 1 +
2
if a and
    b: pass
import os as
w = 3
result = call(
    a) +
