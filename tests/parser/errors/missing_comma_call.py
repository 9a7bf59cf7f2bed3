# Two arguments side by side.
f(a b)
