# PEP 695 type parameters and aliases (Python 3.12+), PEP 696 defaults (the grammar lacks them).
type Alias = int
type ListOf[T] = list[T]
type Pair[K, V] = tuple[K, V]
type Bounded[T: int] = list[T]
type Constrained[T: (int, str)] = T
type Variadic[*Ts] = tuple[*Ts]
type Callable_[**P, R] = Callable[P, R]


def generic[T](x: T) -> T:
    return x


def many[T: Hashable, *Ts, **P](f: Callable[P, T], *args: *Ts) -> T: ...


class Box[T]:
    pass


class Mapping_[K: (str, bytes), V](Base[K, V]):
    pass


# PEP 696 defaults: TypeVar, bound and default, constraints and default, *Ts, **P.
type WithDefault[T = int] = list[T]
type BoundDefault[T: float = int] = T


def defaulted[T = str, *Ts = *tuple[int, str], **P = [int, str]](): ...


class Defaulted[T: (int, str) = int, U = list[T]]:
    pass


class Spec[**P = ..., *Ts = *tuple[()]]:
    pass
