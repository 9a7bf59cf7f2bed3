# Empty string keys are interned as empty names; an empty view may have no data pointer,
# which the per-thread intern cache passed to memcmp (UBSan, found by the check fuzz smoke).
def f(d: dict[str, int], x: "dict['', int]") -> None:
    d[""] = 1
    d[""] += 2
    print(d[""], x[""])
