# Class definitions: bases, keywords, decorators, bodies.
class Empty: pass


class Point(Base, metaclass=Meta, **options):
    """A point."""
    x: int = 0
    y: int = 0

    def __init__(self, x, y):
        self.x, self.y = x, y

    class Nested(object):
        pass


@dataclass(frozen=True)
class Frozen(*bases):
    value: int
