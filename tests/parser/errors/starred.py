# Starred expressions where Python does not allow them.
a, *b, *c = x
*a = x
x = *a
del *a
*a
f(*a for a in b)
x = [*a for a in b]
for x in *a: pass
return_value = (yield *a)
