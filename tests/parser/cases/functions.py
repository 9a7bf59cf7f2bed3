# Function definitions: every parameter kind, defaults, annotations, decorators, async.
def plain(): pass


def positional_only(a, b=1, /, c=2, *, d, e=3, **kwargs) -> None:
    return a


def variadic(*args, **kwargs): ...


def annotated(x: int, *args: *Ts, key: str = "k", **rest: object) -> "Result":
    """A docstring."""


def bare_star(a, *, b): pass


def only_slash(a, /): pass


async def fetch(url, *, timeout=10):
    await session.get(url)
    async with session as s:
        pass
    async for chunk in stream:
        yield chunk


@decorator
@decorator.with_args(1, key=2)
@buttons[0].clicked.connect
@(lambda f: f)
@first if condition else second
def decorated(): pass


identity = lambda x: x
defaults = lambda a, b=1, *args, c, d=2, **kw: (a, b, args, c, d, kw)
positional = lambda a, /, b: a
no_args = lambda: 0
star_only = lambda *, key: key
