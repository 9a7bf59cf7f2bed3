# -*- coding: latin-1 -*-
# A latin-1 file: the bytes decode to UTF-8.
text = "café"
data = b"caf\xe9"
