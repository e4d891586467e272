"""libm against the host's libm, within a per-function ulp bound."""
from __future__ import annotations

import math
from fractions import Fraction


def test_math_matches_host_libm(guest, host, case_count, math_checker):
    stdin = f"7 {case_count(2000)}\n"
    ours = guest("math_sweep", stdin).stdout.decode().splitlines()
    ref = host("math_sweep", stdin).stdout.decode().splitlines()
    bad = math_checker(ours, ref)



# The long double functions that must match glibc bit for bit, and the ulp bounds
# (of the 64-bit significand) of the others.
EXACT_LDOUBLE = {"sqrt", "fabs", "floor", "ceil", "round", "trunc", "rint", "nearbyint",
                 "frexp", "modf", "ilogb", "logb", "llround", "llrint", "classify", "fmod",
                 "remainder", "remquo_q", "copysign", "nextafter", "fmin", "fmax", "fdim",
                 "ldexp"}
LDOUBLE_ULPS = {"fma": 1, "pow": 4, "pow_wide": 4, "pow_int": 4}
DEFAULT_LDOUBLE_ULPS = 3


def _x87(hex_bits: str) -> Fraction | float:
    """The exact value of an 80-bit pattern (a float for inf and nan)."""
    se, m = int(hex_bits[:4], 16), int(hex_bits[4:], 16)
    sign = -1 if se >> 15 else 1
    e = se & 0x7FFF
    if e == 0x7FFF:
        return math.nan if m << 1 & (1 << 64) - 1 else sign * math.inf
    return sign * Fraction(m) * Fraction(2) ** (max(e, 1) - 16383 - 63)


def _x87_ulps(a: str, b: str) -> float:
    x, y = _x87(a), _x87(b)
    if isinstance(x, float) or isinstance(y, float):
        return 0.0 if x == y or (x != x and y != y) else math.inf
    if x == y:
        return 0.0
    big = max(abs(x), abs(y))
    exponent = max(big.numerator.bit_length() - big.denominator.bit_length(), -16382) - 1
    while Fraction(2) ** (exponent + 1) <= big:
        exponent += 1
    ulp = Fraction(2) ** (max(exponent, -16382) - 63)
    return float(abs(x - y) / ulp)


def test_long_double_math_matches_glibc(guest, host, case_count, worst_errors):
    stdin = f"11 {case_count(300)}\n"
    ours = guest("mathl_sweep", stdin).stdout.decode().splitlines()
    ref = host("mathl_sweep", stdin).stdout.decode().splitlines()
    worst = worst_errors(ours, ref, lambda name, got, want: _x87_ulps(got, want), str)
    bad = {name: text for name, (err, text) in worst.items()
           if err > (0 if name in EXACT_LDOUBLE else LDOUBLE_ULPS.get(name, DEFAULT_LDOUBLE_ULPS))}
    assert not bad, "\n".join(bad.values())
