"""Circles and their areas."""


class Circle:
    def __init__(self, radius: float) -> None:
        self.radius = radius

    def area(self) -> float:
        return 3.14159 * self.radius * self.radius


def unit_circle() -> Circle:
    return Circle(1.0)
