# try statements CPython rejects.
try:
    pass
except ValueError:
    pass
except* TypeError:
    pass

try:
    pass
else:
    pass

try:
    pass
except*:
    pass
