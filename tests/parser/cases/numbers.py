# Number literals in every form.
integers = 0, 1, 42, 1_000_000, 0x_ff, 0XFF, 0o777, 0O_17, 0b1010, 0B_1
big = 9223372036854775807, 9223372036854775808, 0xFFFFFFFFFFFFFFFFFFFF
floats = 1.0, 1., .5, 1e10, 1E-5, 1.5e+3, 1_0.0_1, 0.0
imaginary = 1j, 1.5J, 1e3j, .5j, 0j
negative = -1, -1.5, -(2)
