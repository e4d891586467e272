"""libm against the host's libm, within a per-function ulp bound."""


def test_math_matches_host_libm(guest, host, case_count, math_checker):
    stdin = f"7 {case_count(2000)}\n"
    ours = guest("math_sweep", stdin).stdout.decode().splitlines()
    ref = host("math_sweep", stdin).stdout.decode().splitlines()
    bad = math_checker(ours, ref)
    assert not bad, bad
