# Python 2 forms that Python 3 rejects.
print "hello"
exec "code"
x = `x`
y = 1 <> 2
try:
    pass
except ValueError, e:
    pass
