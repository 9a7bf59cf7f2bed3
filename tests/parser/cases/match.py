# The match statement with every kind of pattern.
match command:
    case 0 | 1 | -1 | 1.5 | 2j | -1 + 2j | 3 - 4j:
        pass
    case "text" | b"bytes" | "implicit" "concatenation":
        pass
    case None:
        pass
    case True | False:
        pass
    case Color.RED | module.Color.GREEN:
        pass
    case [] | ():
        pass
    case [first, *rest]:
        pass
    case (a, b, *_):
        pass
    case first, second:
        pass
    case {"key": value, 1: other, **remaining}:
        pass
    case {}:
        pass
    case Point(x, y=0) | Point():
        pass
    case module.Class(0, flag=True):
        pass
    case [Point(x=0) as origin, *others] if others:
        pass
    case (inner):
        pass
    case ([1, 2] | [3, 4]) as pair:
        pass
    case str() | bytes():
        pass
    case _:
        pass

match x, y:
    case 1, 2:
        pass

match (x):
    case capture:
        pass
