def f():
    x = 1
    del x
    print(x)  # error: [unbound-reference]
    x = 2
    print(x)
