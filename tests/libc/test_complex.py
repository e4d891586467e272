"""<complex.h> against the host's glibc: every function on random arguments and on
all pairs of special values, each part within a per-function ulp bound.

Both parts are checked separately, in ulps of the larger of the two parts of
glibc's result: a part far smaller than the other carries only the absolute
error of the whole (neither libm promises more). NaNs match any NaN, and zeros
and infinities must carry glibc's signs."""
import math
import struct

# Measured against glibc over ten times the default cases, so a bound covers
# both libms' errors. cpow is exp(w log z), here as in glibc: the error of log z
# grows by |w log z| (up to ~100 here). The circular and hyperbolic functions
# combine two or three of this libm's real functions, each within 2 ulps of
# glibc's. The float forms round a double result (within an ulp), but glibc's own
# float forms are up to 3 ulps off; the long double forms use this libm's
# double-precision long double functions, so they are held to the double bounds.
MAX_ULPS = {"cpow": 64, "ctan": 6, "ctanh": 6, "csin": 4, "ccos": 4, "csinh": 4, "ccosh": 4,
            "csinl": 4, "casin": 3, "cacos": 3, "casinh": 3, "cacosh": 3, "cacoshl": 3,
            "catan": 3, "catanh": 3, "cexpf": 4, "clogf": 4, "csqrtf": 4, "catanf": 4}
DEFAULT_MAX_ULPS = 2
EXACT = {"conj", "cproj"}
FLOAT_RESULTS = {"cexpf", "clogf", "csqrtf", "catanf"}
# libgcc's * and / (the host's reference) may give NaN parts where the result
# overflows; there ours need only overflow too.
ARITHMETIC = {"mul", "div"}


def _double(hex_bits: str) -> float:
    return struct.unpack("<d", struct.pack("<Q", int(hex_bits, 16)))[0]


def _error(got: float, want: float, scale: float, ulp_of) -> float:
    """ulps of ``got`` from ``want``, the ulp taken at ``scale``."""
    if math.isnan(got) or math.isnan(want):
        return 0.0 if math.isnan(got) and math.isnan(want) else math.inf
    if got == want:
        return 0.0 if math.copysign(1, got) == math.copysign(1, want) else math.inf
    if math.isinf(got) or math.isinf(want):
        return math.inf
    return abs(got - want) / ulp_of(scale)


def _float_ulp(x: float) -> float:
    x = abs(x)
    if x < 2.0 ** -126:
        return 2.0 ** -149
    return 2.0 ** (math.frexp(x)[1] - 24)


def complex_out_of_bounds(ours: list[str], ref: list[str]) -> dict[str, str]:
    """Each function whose worst error exceeds its bound, with that worst case."""
    assert len(ours) == len(ref) > 0
    worst: dict[str, tuple[float, str]] = {}
    for o, r in zip(ours, ref):
        name, x, y, got_re, got_im = o.split()
        assert r.split()[:3] == [name, x, y]
        want = [_double(b) for b in r.split()[3:]]
        got = [_double(got_re), _double(got_im)]
        if name in ARITHMETIC and any(map(math.isinf, got)) and \
                not all(map(math.isfinite, want)):
            continue
        finite = [abs(w) for w in want if math.isfinite(w)]
        scale = max(finite, default=0.0)
        ulp_of = _float_ulp if name in FLOAT_RESULTS else math.ulp
        err = max(_error(g, w, max(scale, abs(w)) if math.isfinite(w) else w, ulp_of)
                  for g, w in zip(got, want))
        if err > worst.get(name, (-1.0, ""))[0]:
            worst[name] = (err, f"{err:.3g} ulps: {name}({_double(x)!r}, {_double(y)!r}) = "
                                f"{got!r}, glibc {want!r}")
    bound = {n: 0 if n in EXACT else MAX_ULPS.get(n, DEFAULT_MAX_ULPS) for n in worst}
    return {name: text for name, (err, text) in worst.items() if err > bound[name]}


def test_complex_functions_match_host_glibc(guest, host, case_count):
    stdin = f"11 {case_count(3000)}\n"
    ours = guest("complex_sweep", stdin).stdout.decode().splitlines()
    ref = host("complex_sweep", stdin).stdout.decode().splitlines()
    bad = complex_out_of_bounds(ours, ref)
    assert not bad, "\n".join(bad.values())
