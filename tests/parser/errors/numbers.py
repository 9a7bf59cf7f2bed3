# Number literals CPython's tokenizer rejects, one per line.
a = 1__0
b = 0b2
c = 0o8
d = 1e
e = 0x
f = 1_
g = 0777
h = 10L
i = 0b_
j = 1.e_3
