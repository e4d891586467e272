"""strtod (correct rounding) and the strtol family against glibc."""


def test_conversions_match_glibc(guest, host, case_count):
    stdin = f"3 {case_count(3000)}\n"
    ours = guest("conv_sweep", stdin).stdout.decode().splitlines()
    ref = host("conv_sweep", stdin).stdout.decode().splitlines()
    assert len(ours) == len(ref) > 0
    mismatches = [(o, r) for o, r in zip(ours, ref) if o != r]
    assert not mismatches, f"{len(mismatches)} mismatches, first: {mismatches[:5]}"
