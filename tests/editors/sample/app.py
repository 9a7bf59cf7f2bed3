from geometry.shapes import Circle, unit_circle


def total_area(circles: list[Circle]) -> float:
    return sum(c.area() for c in circles)


print(total_area([unit_circle(), Circle(2.0)]))
