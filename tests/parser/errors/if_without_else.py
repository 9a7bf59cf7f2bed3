# A conditional expression needs 'else'.
x = a if b
