"""string.h, strings.h, ctype.h and strerror against glibc."""


def test_string_functions_match_glibc(sweep_matches_glibc):
    sweep_matches_glibc("string_sweep", 11, 3000)
