# Simple statements: every kind, and the forms of each.
x = 1
a = b = c = 2
a, *rest = [1, 2, 3]
[first, (second, third)] = values
obj.attr, items[0], mapping["k"] = 1, 2, 3
count += 1
total -= 1; total *= 2; total @= m; total /= 2; total //= 2; total %= 3
bits **= 2; bits >>= 1; bits <<= 1; bits &= 1; bits ^= 1; bits |= 1
name: int
name: "list[int]" = []
(parenthesized): int = 0
obj.attr: str = "s"
del x
del a, b[0], c.d
del (e, f), [g]
pass
assert x
assert x > 0, "x must be positive"
raise
raise ValueError("bad")
raise ValueError from err
import os
import os.path
import os.path as osp, sys
from . import sibling
from .. import parent as p
from .pkg.mod import (name1,
                      name2 as alias,)
from module import *
from __future__ import annotations
global_value = 1


def scope():
    global global_value, another
    inner = 0

    def nested():
        nonlocal inner
        inner += 1
        return inner

    for i in range(3):
        if i:
            continue
        break
    return
