# Indentation mixing tabs and spaces is refused (CPython: TabError) when it nests lines one way
# with 8-column tabs and another with 1-column tabs; mixed the same way on every line of a
# block it is accepted. Only the first inconsistent line is an error, as CPython stops there.
if True:
	if True:
	    x = 1
	    y = 2
	else:
		pass
	z = (1,
  2)
	w = """
    	"""
	# a comment  
        # another

if True:
	x = 1
        y = 2
        z = 3
