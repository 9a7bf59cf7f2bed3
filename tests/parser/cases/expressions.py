# Expressions: every operator and display.
values = (a and b, a or b or c, not a, a and (b or c))
arithmetic = a + b - c * d / e // f % g @ h ** i
bitwise = a | b ^ c & d << e >> f, ~a, -a, +a
mixed = ~1 ^ 1 & 1 | 1 & 1 ^ -1
power = -x ** 2, 2 ** -1, a ** b ** c
comparisons = a < b <= c == d != e > f >= g, a is b, a is not b, a in b, a not in b
conditional = a if b else c if d else e
walrus = (y := 10)
if (n := len(items)) > 10:
    pass
calls = f(), f(a, b), f(*args, **kwargs), f(a, key=1, *more, **rest), f(x for x in y)
attribute = a.b.c
subscripts = a[0], a[1:2], a[::2], a[1:2, 3], a[...], a[:, None], a[i][j], a[*idx]
slices = a[:], a[1:], a[:2], a[1:2:3], a[::-1]
starred = [*a, *b], (*c,), {*d}
display = [], [1, 2], (), (1,), (1, 2), {1, 2}, {}, {"a": 1, **other, "b": 2}
comprehensions = [x for x in y], {x for x in y if x if not x}, {k: v for k, v in items}
generator = (x * y for x in a for y in b if y)
nested = [[j for j in range(i)] for i in range(3)]
lambdas = lambda: (yield), lambda x=(1, 2): x


async def coroutine():
    await thing
    result = [x async for x in aiter() if await x]
    generator = (await y for y in z)


def generator_function():
    yield
    yield 1
    yield 1, 2
    x = yield from other()
    y = yield
