"""printf family: differential against glibc, plus stream behaviour."""


def test_printf_sweep_matches_glibc(sweep_matches_glibc):
    sweep_matches_glibc("printf_sweep", 1, 20000)
