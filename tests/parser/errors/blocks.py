# Compound statements without ':' or without an indented block.
if x
    pass
while y
    pass


def f():
pass


class C:
x = 1
for i in range(3):
# only a comment
y = 2
