"""string.h, strings.h, ctype.h and strerror against glibc."""


def test_string_functions_match_glibc(sweep_matches_glibc):
    sweep_matches_glibc("string_sweep", 11, 3000)


def test_wide_characters_match_glibc_in_c_utf8(sweep_matches_glibc):
    sweep_matches_glibc("wchar_sweep", 13, 2000)
