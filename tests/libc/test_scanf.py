"""The scanf family: sscanf differential against glibc over generated inputs and
formats (every value stored, its bytes compared), and scanf on a call's input."""
import pytest


def test_scanf_sweep_matches_glibc(guest, host, case_count, toolchain_defines):
    stdin = f"3 {case_count(6000)}\n"
    ours = guest("scanf_sweep", stdin).stdout.decode().splitlines()
    ref = host("scanf_sweep", stdin, defines=toolchain_defines).stdout.decode().splitlines()
    assert len(ours) == len(ref)
    mismatches = [(o, r) for o, r in zip(ours, ref) if o != r]
    assert not mismatches, f"{len(mismatches)} mismatches, first: {mismatches[:8]}"
