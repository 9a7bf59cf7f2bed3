# Assignment, deletion and augmented assignment targets that cannot be assigned to.
1 = x
f() = x
a + b = x
None = 1
True = 1
(a, 1) = x
[a, f()] = x
for 1 in x: pass
with a as f(): pass
del 1
del f()
del a + b
(a, b) += 1
[a] += 1
x = yield = 1
