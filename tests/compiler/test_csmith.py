"""Differential testing against gcc with csmith-generated programs.

Each program is built by ``gcc -O2`` and by our compiler (linked natively), both
run, and their printed checksums must agree. A program gcc's build cannot finish
in time is discarded; one our compiler rejects is a failure. Size knobs:
PYVIRTINE_CSMITH (programs, default 600: about 535 of them terminate, and the run takes
about six minutes on two cores; use thousands for a long run),
PYVIRTINE_CSMITH_SEED (first seed), PYVIRTINE_CSMITH_BIG=1 (csmith's default,
larger programs instead of the CI-sized ones)."""
import fcntl
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from pyvirtine.compiler import compile_c

from harness import have_gcc, link_native

COUNT = int(os.environ.get("PYVIRTINE_CSMITH", "600"))
FIRST_SEED = int(os.environ.get("PYVIRTINE_CSMITH_SEED", "1"))
SMALL = [] if os.environ.get("PYVIRTINE_CSMITH_BIG") else [
    "--max-funcs", "4", "--max-block-depth", "3", "--max-expr-complexity", "8"]
RUNTIME = "/usr/include/csmith"


def _have_csmith() -> bool:
    return bool(shutil.which("csmith")) and os.path.isdir(RUNTIME)


def _ensure_csmith() -> bool:
    if _have_csmith() or os.geteuid() != 0 or not shutil.which("apt-get"):
        return _have_csmith()
    # Every xdist worker imports this module at once: one installs while the others wait
    # (apt's own lock would make them fail and skip their share of the programs).
    with open("/tmp/pyvirtine-csmith-install.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _have_csmith():
            wait = ["-o", "DPkg::Lock::Timeout=600"]  # for apt runs not started by us
            subprocess.run(["apt-get", *wait, "update", "-qq"], capture_output=True)
            subprocess.run(["apt-get", *wait, "install", "-y", "-qq", "csmith",
                            "libcsmith-dev"], capture_output=True)
    return _have_csmith()


pytestmark = pytest.mark.skipif(
    not (have_gcc() and _ensure_csmith()),
    reason="needs gcc and csmith (apt-get install csmith libcsmith-dev)")


def _run(exe: Path, timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run([str(exe)], capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("seed", range(FIRST_SEED, FIRST_SEED + COUNT))
def test_csmith_program_agrees_with_gcc(tmp_path: Path, seed: int) -> None:
    source = tmp_path / f"csmith{seed}.c"
    subprocess.run(["csmith", "--seed", str(seed), *SMALL, "-o", str(source)], check=True,
                   capture_output=True, cwd=tmp_path)  # csmith writes platform.info to cwd
    reference = tmp_path / "gcc_build"
    subprocess.run(["gcc", "-O2", "-w", f"-I{RUNTIME}", str(source), "-o", str(reference)],
                   check=True, capture_output=True)
    try:  # csmith's programs that finish take milliseconds; most others never would
        expected = _run(reference, timeout=1)
    except subprocess.TimeoutExpired:
        pytest.skip("gcc's build does not terminate in time; program discarded")
    obj = tmp_path / "ours.o"
    obj.write_bytes(compile_c(source.read_text(), str(source), include_dirs=[RUNTIME]))
    ours = tmp_path / "our_build"
    link_native([obj], ours)
    got = _run(ours, timeout=30)
    assert got.stdout == expected.stdout
    assert got.returncode == expected.returncode
    assert "checksum = " in got.stdout
