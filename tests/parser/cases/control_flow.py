# Compound statements: if/elif/else, loops with else, try forms, with forms.
if a:
    pass
elif b:
    pass
elif c:
    pass
else:
    pass

for i, item in enumerate(items):
    continue
else:
    done()

while running:
    step()
else:
    stop()

try:
    risky()
except ValueError as error:
    handle(error)
except (KeyError, IndexError):
    pass
except:
    raise
else:
    fine()
finally:
    cleanup()

try:
    pass
finally:
    pass

try:
    raise ExceptionGroup("many", [ValueError(1)])
except* ValueError as group:
    pass
except* (TypeError, KeyError):
    pass

with open(path) as handle, lock:
    pass

with (
    open(a) as first,
    open(b) as second,
):
    pass

def generator():
    with (yield) as value:
        pass

with manager() as (x, y):
    pass
