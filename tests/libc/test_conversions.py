"""strtod (correct rounding) and the strtol family against glibc."""


def test_conversions_match_glibc(sweep_matches_glibc):
    sweep_matches_glibc("conv_sweep", 3, 3000)
