# Parameter lists CPython rejects.
def a(x=1, y): pass
def b(x: int = 1, /, y): pass
lambda x=1, y: 0
def c(*): pass
def d(*, **k): pass
def e(x, /, y, /): pass
def f(*, x, /): pass
def g(**k, x): pass
def h(*a, *b): pass
def i(/, x): pass
