"""strtod (correct rounding) and the strtol family against glibc."""


def test_conversions_match_glibc(sweep_matches_glibc):
    sweep_matches_glibc("conv_sweep", 3, 3000)


def test_long_double_and_float_conversions_match_glibc(sweep_matches_glibc):
    """printf %L of x87 values, strtold/strtof rounding, sscanf/swscanf %Lf and %f."""
    sweep_matches_glibc("ldouble_sweep", 5, 4000)
