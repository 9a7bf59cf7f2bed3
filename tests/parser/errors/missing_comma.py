# Two operands side by side inside brackets.
x = [1 2]
