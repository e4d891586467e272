"""The scanf family: sscanf differential against glibc over generated inputs and
formats (every value stored, its bytes compared)."""


def test_scanf_sweep_matches_glibc(sweep_matches_glibc):
    sweep_matches_glibc("scanf_sweep", 3, 6000)


def test_wide_scanf_family_matches_glibc(guest, host):
    stdin = "17 0.1000000000000000000013\n\u00e9l\u00e8ve 1.00000017881393432617187499 x9\n"
    ours = guest("wscanf_test", stdin).stdout.decode()
    assert ours == host("wscanf_test", stdin).stdout.decode()


def test_cut_short_items_and_percent_directives_match_glibc(guest, host):
    # "0x." is 0 but "0x" no number; %% skips white space as every conversion does.
    assert guest("scanf_edges").stdout.decode() == host("scanf_edges").stdout.decode()
