# invalid-assignment is off in this file only (an override in shrike.toml).
value: int = "not an int"
other: str = 1
print(unknown)
