# Keywords used as names.
else = 1
x = pass
def class(): pass
async = 1
obj.None = 2
