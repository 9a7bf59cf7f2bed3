# A file starting with a byte-order mark.
value = "é😀"
