"""string.h, strings.h, ctype.h and strerror against glibc."""


def test_string_functions_match_glibc(guest, host, case_count):
    stdin = f"11 {case_count(3000)}\n"
    ours = guest("string_sweep", stdin).stdout.decode("latin-1").splitlines()
    ref = host("string_sweep", stdin).stdout.decode("latin-1").splitlines()
    assert len(ours) == len(ref) > 0
    mismatches = [(o, r) for o, r in zip(ours, ref) if o != r]
    assert not mismatches, f"{len(mismatches)} mismatches, first: {mismatches[:5]}"


def test_wide_characters_match_glibc_in_c_utf8(guest, host, case_count):
    stdin = f"13 {case_count(2000)}\n"
    ours = guest("wchar_sweep", stdin).stdout.decode("utf-8", "replace").splitlines()
    ref = host("wchar_sweep", stdin).stdout.decode("utf-8", "replace").splitlines()
    assert len(ours) == len(ref) > 0
    mismatches = [(o, r) for o, r in zip(ours, ref) if o != r]
    assert not mismatches, f"{len(mismatches)} mismatches, first: {mismatches[:5]}"
