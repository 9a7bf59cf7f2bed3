from typing import overload


class Shape:
    sides: int = 4


def area(shape: Shape, scale: float = 1.0) -> float:
    return shape.sides * scale


@overload
def widen(value: int) -> int: ...
@overload
def widen(value: str) -> str: ...
def widen(value):
    return value


widen(3.5)
[1, 2, 3]["a"]
