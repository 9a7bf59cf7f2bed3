# Broken code: the Ast keeps what it can (ErrorStmt, ErrorExpr), and each error is reported.
value = [1 2]
z = a.
w = 1
print "no parentheses"


class C:
    def method(self):
        return self.


if x
    y = 1


def f(:
    pass
