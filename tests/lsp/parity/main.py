# Diagnostics of many rules, across modules, with suppressions and non-ASCII text.
import os
import nowhere_to_be_found
from pkg import helpers
from pkg.helpers import Shape, area, missing_name

count: int = "three"
label = "héllo 😀"; label + 1
total = area(Shape(), "wide")
helpers.area(1, 2, 3)
os.getcwd().no_such_method()
undefined_name
x: int = "a"  # type: ignore
y: int = "b"  # shrike: ignore[invalid-assignment]
z = 1  # type: ignore


def pick(flag: bool) -> str:
    if flag:
        chosen = "yes"
    print(chosen)
    return 3


class Point:
    def __init__(self, x: int) -> None:
        self.x = x


Point("one").y
Point()
len(5)
def broken(:
    pass
