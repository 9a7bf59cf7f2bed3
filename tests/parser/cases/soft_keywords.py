# Soft keywords (match, case, type, _) used as ordinary names.
match = 1
case = 2
type = 3
_ = 4
match(x)
match[x]
match.attr = 5
print(match, case, type)
type(self).saved = 6
type[int] = 7
type.attr = 8
type(x)
x = [match for match in matches]
print >> sys.stderr, "message"


def type_of(type):
    return type(x)
