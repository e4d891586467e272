"""Builds pyvirtine's guest libc natively (gcc, freestanding) and links test
programs against it with a shim that maps hypercalls onto Linux syscalls.
Every program in programs/ is toolchain-neutral C: the same source is also
built against the host's glibc, which serves as the reference."""
from __future__ import annotations

import math
import os
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

import pytest

from pyvirtine.compiler.assemble import assemble

HERE = Path(__file__).parent
STUBS = HERE.parent.parent / "pyvirtine" / "stubs"
LIBC = STUBS / "libc"
PROGRAMS = HERE / "programs"
GCC = shutil.which("gcc")

pytestmark = pytest.mark.skipif(GCC is None, reason="needs gcc to build the libc natively")


def gcc_include_dir() -> str:
    return subprocess.run([GCC, "-print-file-name=include"], capture_output=True, text=True,
                          check=True).stdout.strip()


def native_overrides() -> Path:
    """A directory holding gcc's own stdarg.h: pyvirtine's stdarg.h describes
    va_list to pyvirtine's compiler, which gcc's va_arg builtins do not accept."""
    directory = Path(tempfile.gettempdir()) / f"pyvirtine-libc-overrides-{os.getuid()}"
    directory.mkdir(exist_ok=True)
    link = directory / "stdarg.h"
    try:
        link.symlink_to(Path(gcc_include_dir()) / "stdarg.h")
    except FileExistsError:
        pass  # made by an earlier or concurrent run
    return directory


def freestanding_flags() -> list[str]:
    # gcc's own include dir comes last: it supplies any compiler-owned header
    # (stddef.h, stdint.h, ...) pyvirtine does not ship; _LIBC_LIMITS_H_ stops
    # gcc's limits.h from chaining to a system limits.h.
    return ["-std=c99", "-ffreestanding", "-fno-builtin", "-nostdinc", "-fno-stack-protector",
            "-fno-pie", "-D_LIBC_LIMITS_H_", "-isystem", str(native_overrides()),
            "-isystem", str(STUBS / "include"), "-isystem", gcc_include_dir(),
            "-O1", "-Wall", "-Wextra", "-Wno-unused-parameter"]


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, capture_output=True, **kwargs)
    if result.returncode != 0 and "input" not in kwargs:
        raise AssertionError(f"{' '.join(map(str, cmd))} failed:\n"
                             f"{result.stderr.decode(errors='replace')}")
    return result


def gcc_libc_objects(out: Path) -> list[Path]:
    objects = []
    for source in sorted(LIBC.glob("*.c")):
        obj = out / (source.stem + ".o")
        result = run([GCC, *freestanding_flags(), "-c", str(source), "-o", str(obj)])
        assert not result.stderr, result.stderr.decode()
        objects.append(obj)
    for source in sorted(LIBC.glob("*.s")):
        obj = out / (source.stem + "_s.o")
        obj.write_bytes(assemble(source.read_text(), str(source)))
        objects.append(obj)
    return objects


def pyvirtine_libc_objects(out: Path) -> list[Path]:
    from pyvirtine.compiler.libc import libc_objects
    objects = []
    for i, data in enumerate(libc_objects()):
        obj = out / f"member{i}.o"
        obj.write_bytes(data)
        objects.append(obj)
    return objects


@pytest.fixture(scope="session", params=["gcc", "pyvirtine"])
def libc_archive(request, tmp_path_factory) -> Path:
    """The libc as a static archive, compiled by gcc or by pyvirtine's own compiler
    (the build guests get). Assembly always goes through pyvirtine's assembler."""
    out = tmp_path_factory.mktemp(f"libc-{request.param}")
    build = gcc_libc_objects if request.param == "gcc" else pyvirtine_libc_objects
    archive = out / "libc.a"
    run(["ar", "rcs", str(archive), *map(str, build(out))])
    return archive


Runner = Callable[..., subprocess.CompletedProcess]


def _runner(build: Callable[[str, Path], Path], tmp_path_factory) -> Runner:
    built: dict[tuple[str, tuple[str, ...]], Path] = {}

    def run_program(name: str, stdin: str = "", defines: tuple[str, ...] = (),
                    check: bool = True) -> subprocess.CompletedProcess:
        key = (name, defines)
        if key not in built:
            built[key] = build(name, tmp_path_factory.mktemp(name), list(defines))
        result = subprocess.run([str(built[key])], input=stdin.encode(), capture_output=True,
                                timeout=300)
        if check:
            assert result.returncode == 0, (name, result.returncode, result.stderr.decode())
        return result

    return run_program


def programs_by_pyvirtine() -> bool:
    """gcc compiles the native test programs unless PYVIRTINE_LIBC_PROGRAMS=pyvirtine
    asks for pyvirtine's compiler, as inside a virtine."""
    return os.environ.get("PYVIRTINE_LIBC_PROGRAMS") == "pyvirtine"


def compile_program(source: Path, obj: Path, defines: list[str]) -> None:
    if programs_by_pyvirtine():
        from pyvirtine.compiler.driver import compile_c
        obj.write_bytes(compile_c(source.read_text(), str(source), include_dirs=[str(PROGRAMS)],
                                  defines=defines))
    else:
        run([GCC, *freestanding_flags(), *[f"-D{d}" for d in defines], "-c", str(source),
             "-o", str(obj)])


@pytest.fixture(scope="session")
def guest(libc_archive, tmp_path_factory) -> Runner:
    """Runs programs/<name>.c linked against pyvirtine's libc and the shim."""
    archive = libc_archive

    def build(name: str, out: Path, defines: list[str]) -> Path:
        exe = out / name
        compile_program(PROGRAMS / f"{name}.c", out / "main.o", defines)
        run([GCC, *freestanding_flags(), *[f"-D{d}" for d in defines], "-c",
             str(HERE / "shim.c"), "-o", str(out / "shim.o")])
        run([GCC, "-nostdlib", "-static", "-no-pie", "-o", str(exe), str(out / "main.o"),
             str(out / "shim.o"), str(archive), "-lgcc"])
        return exe
    return _runner(build, tmp_path_factory)


@pytest.fixture(scope="session")
def host(tmp_path_factory) -> Runner:
    """Runs programs/<name>.c built against the host's glibc (the reference)."""
    def build(name: str, out: Path, defines: list[str]) -> Path:
        exe = out / name
        run([GCC, "-std=c99", "-D_DEFAULT_SOURCE", "-O1", "-fno-builtin",
             *[f"-D{d}" for d in defines], "-o", str(exe), str(PROGRAMS / f"{name}.c"), "-lm"])
        return exe
    return _runner(build, tmp_path_factory)


@pytest.fixture(scope="session")
def sweep_matches_glibc(guest, host, case_count) -> Callable[..., None]:
    """``check(name, seed, cases)``: programs/<name>.c, a sweep over ``cases`` generated
    cases (times PYVIRTINE_LIBC_CASES) from ``seed``, prints the same lines built on the
    libc as on glibc."""
    def check(name: str, seed: int, cases: int) -> None:
        stdin = f"{seed} {case_count(cases)}\n"
        ours = guest(name, stdin).stdout.decode("latin-1").splitlines()
        ref = host(name, stdin)
        ref = ref.stdout.decode("latin-1").splitlines()
        assert len(ours) == len(ref) > 0
        mismatches = [(o, r) for o, r in zip(ours, ref) if o != r]
        assert not mismatches, f"{len(mismatches)} mismatches, first: {mismatches[:8]}"
    return check


@pytest.fixture(scope="session")
def case_count() -> Callable[[int], int]:
    """Scales a differential test's case count by PYVIRTINE_LIBC_CASES (default 1)."""
    scale = float(os.environ.get("PYVIRTINE_LIBC_CASES", "1"))
    return lambda default: max(1, int(default * scale))


# Functions whose result is exact must match glibc bit for bit; the others
# may be MAX_ULPS apart (glibc's own cbrt is up to 3 ulps off). The bounds of erf,
# erfc, lgamma and tgamma are the worst seen at PYVIRTINE_LIBC_CASES=10.
EXACT_MATH = {"classify", "sqrt", "fabs", "floor", "ceil", "round", "trunc", "rint", "frexp",
              "modf", "fmod", "fmin", "fmax", "copysign", "ldexp", "fma", "fmaf", "fma_a",
              "remainder", "remquo_q", "remainder_a", "nexttoward", "scalbln", "logb", "ilogb",
              "llround", "llrint", "fmod_r", "lgamma_sign"}
MAX_ULPS = {"cbrt": 4, "tanh": 3, "erfc": 4, "lgamma": 5, "lgamma_neg": 16, "tgamma": 8,
            "erff": 1, "erfcf": 2, "lgammaf": 2, "tgammaf": 6}
DEFAULT_MAX_ULPS = 2
# Functions computed in float, whose errors are counted in float ulps. The float
# bounds are glibc's error: the worst cases found (erfcf 4.4844, lgammaf 91.751,
# tgammaf -8.99963) are correctly rounded here, per mpmath, and off in glibc.
FLOAT_RESULTS = {"erff", "erfcf", "lgammaf", "tgammaf"}
# lgamma of a negative x passes through zero between the poles; there the error is
# counted in ulps of 1 (an absolute error), as the reflection formula cancels.
ULPS_OF_ONE_NEAR_ZERO = {"lgamma_neg"}


def _as_double(hex_bits: str) -> float:
    return struct.unpack("<d", struct.pack("<Q", int(hex_bits, 16)))[0]


def _ulps_apart(a: float, b: float, in_float: bool = False, floor: float = 0.0) -> float:
    if math.isnan(a) or math.isnan(b):
        return 0.0 if math.isnan(a) and math.isnan(b) else math.inf
    if a == b:
        return 0.0
    if math.isinf(a) or math.isinf(b):
        return math.inf
    ulp = math.ulp(max(abs(a), abs(b), floor))
    return abs(a - b) / (max(ulp * 2.0 ** 29, 2.0 ** -149) if in_float else ulp)


def math_out_of_bounds(ours: list[str], ref: list[str]) -> dict[str, str]:
    """For math_sweep output: each function whose worst error exceeds its bound,
    with that worst case."""
    def apart(name: str, got: str, want: str) -> float:
        return _ulps_apart(_as_double(got), _as_double(want), name in FLOAT_RESULTS,
                           1.0 if name in ULPS_OF_ONE_NEAR_ZERO else 0.0)
    worst = worst_errors(ours, ref, apart, lambda bits: repr(_as_double(bits)))
    return {name: text for name, (err, text) in worst.items()
            if err > (0 if name in EXACT_MATH else MAX_ULPS.get(name, DEFAULT_MAX_ULPS))}


def worst_errors(ours: list[str], ref: list[str], apart: Callable[[str, str, str], float],
                 show: Callable[[str], str]) -> dict[str, tuple[float, str]]:
    """For sweep lines ``name x y result`` (bit patterns): per function, the largest
    ``apart(name, ours, glibc's)`` and a line describing that case."""
    assert len(ours) == len(ref) > 0
    worst: dict[str, tuple[float, str]] = {}
    for o, r in zip(ours, ref):
        name, x, y, got = o.split()
        assert r.split()[:3] == [name, x, y]
        want = r.split()[3]
        err = 0.0 if got == want else apart(name, got, want)
        if err > worst.get(name, (-1.0, ""))[0]:
            worst[name] = (err, f"{err:.3g} ulps: {name}({show(x)}, {show(y)}) = {show(got)}, "
                                f"glibc {show(want)}")
    return worst


@pytest.fixture(scope="session", name="worst_errors")
def worst_errors_fixture() -> Callable:
    return worst_errors


@pytest.fixture(scope="session")
def math_checker() -> Callable[[list[str], list[str]], dict[str, str]]:
    return math_out_of_bounds
