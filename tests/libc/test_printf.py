"""printf family: differential against glibc, plus stream behaviour."""


def test_printf_sweep_matches_glibc(guest, host, case_count, toolchain_defines):
    stdin = f"1 {case_count(20000)}\n"
    ours = guest("printf_sweep", stdin).stdout.decode().splitlines()
    ref = host("printf_sweep", stdin, defines=toolchain_defines).stdout.decode().splitlines()
    assert len(ours) == len(ref)
    mismatches = [(o, r) for o, r in zip(ours, ref) if o != r]
    assert not mismatches, f"{len(mismatches)} mismatches, first: {mismatches[:10]}"
