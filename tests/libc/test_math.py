"""libm against the host's libm, within a per-function ulp bound."""
import math
import struct

# Functions whose result is exact: they must match bit for bit.
EXACT = {"sqrt", "fabs", "floor", "ceil", "round", "trunc", "rint", "frexp", "modf", "fmod",
         "fmin", "fmax", "copysign", "ldexp"}
MAX_ULPS = 2
# glibc's own cbrt is up to 3 ulps from the correctly rounded result.
LOOSER = {"cbrt": 4}


def as_double(hex_bits: str) -> float:
    return struct.unpack("<d", struct.pack("<Q", int(hex_bits, 16)))[0]


def ulps_apart(a: float, b: float) -> float:
    if math.isnan(a) or math.isnan(b):
        return 0 if math.isnan(a) and math.isnan(b) else math.inf
    if a == b:
        return 0
    if math.isinf(a) or math.isinf(b):
        return math.inf
    return abs(a - b) / math.ulp(max(abs(a), abs(b), 2.0 ** -1074) if a * b > 0 else
                                 min(abs(a), abs(b)) or 2.0 ** -1074)


def test_math_matches_host_libm(guest, host, case_count):
    stdin = f"7 {case_count(2000)}\n"
    ours = guest("math_sweep", stdin).stdout.decode().splitlines()
    ref = host("math_sweep", stdin).stdout.decode().splitlines()
    assert len(ours) == len(ref) > 0
    worst: dict[str, tuple[float, str]] = {}
    for o, r in zip(ours, ref):
        name, x, y, got = o.split()
        assert r.split()[:3] == [name, x, y]
        want = r.split()[3]
        err = 0.0 if got == want else ulps_apart(as_double(got), as_double(want))
        if err > worst.get(name, (-1.0, ""))[0]:
            worst[name] = (err, f"{name}({as_double(x)!r}, {as_double(y)!r}) = "
                                f"{as_double(got)!r}, host {as_double(want)!r}")
    bad = {name: info for name, info in worst.items()
           if info[0] > (0 if name in EXACT else LOOSER.get(name, MAX_ULPS))}
    assert not bad, bad
