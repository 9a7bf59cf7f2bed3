# Patterns the compiler rejects.
match x:
    case a | b: pass
    case _ | 1: pass
    case [*a, *b]: pass
    case {1: a, 1: b}: pass
    case Point(x=1, x=2): pass
    case [a, a]: pass
    case {"k": 1, **a, **b}: pass
    case A(a=1, b): pass
    case *a: pass
    case capture: pass
    case 1: pass
