# Other rules: walrus statements, assert, f-strings, if expressions, commas.
a := 1
assert x, y, z
x = f'{}'
x = f'{a!x}'
x = (a for a in b, c)
f(x for x in y, 1)
