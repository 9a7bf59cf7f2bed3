# issubclass() narrowing of a plain `type` reads it as `object`; the lookup of builtins.object
# came back null here (a known-class lookup cut short inside this cycle of class keyword ->
# flow -> narrowing evaluation is not remembered) and the narrowing dereferenced it: a
# segmentation fault on the standard library's enum.py checked on one thread.
if isinstance(num, Enum):
    CONFORM = 1
class Flag(boundary=CONFORM):
    pass
def m(enum_class: type):
    if issubclass(enum_class, Flag):
        enum_class
