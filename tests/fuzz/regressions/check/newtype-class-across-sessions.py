# The class NewType(...) made for a stub's `_QueueState` was kept in a process-wide table, so
# a later type session got a class freed with an earlier one: heap-use-after-free (found by
# the check fuzzer).
from multiprocessing.queues import Queue


def f(q: "Queue[int]") -> None:
    state = q.__getstate__()
    q.__setstate__(state)
