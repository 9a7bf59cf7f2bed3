def scale(factor):
    return factor * * 2


print(scale(3))
