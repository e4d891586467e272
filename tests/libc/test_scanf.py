"""The scanf family: sscanf differential against glibc over generated inputs and
formats (every value stored, its bytes compared)."""


def test_scanf_sweep_matches_glibc(sweep_matches_glibc):
    sweep_matches_glibc("scanf_sweep", 3, 6000)
