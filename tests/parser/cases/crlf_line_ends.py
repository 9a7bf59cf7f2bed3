first = 1
second = """a
b"""
third = (1,
   2)
