"""A docstring may come before __future__ imports."""
from __future__ import annotations
from __future__ import braces
from __future__ import nonexistent, division
import os
from __future__ import generator_stop


def f():
    from __future__ import annotations
