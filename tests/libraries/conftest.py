"""Real C libraries, unmodified, built by pyvirtine for virtines and by gcc for the host:
the same driver program must print the same bytes both ways. The sources come from PyPI
sdists (benchmarks/library_sources.py); without a network the tests skip, saying so."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Callable, Sequence

import pytest

from benchmarks.library_sources import SourceUnavailable, library

GCC = shutil.which("gcc")


@pytest.fixture
def source() -> Callable[[tuple[str, str, str]], Path]:
    """``source(library_sources.LZ4)``: the library's source directory, fetched unless
    cached; skips the test when that fails."""
    def fetch(spec: tuple[str, str, str]) -> Path:
        try:
            return library(spec)
        except SourceUnavailable as e:
            pytest.skip(f"{e} (offline?)")
    return fetch


def native_output(sources: Sequence[Path], include_dirs: Sequence[Path],
                  defines: Sequence[str], out: Path) -> bytes:
    """What the program of ``sources`` prints, built by gcc against glibc."""
    if GCC is None:
        pytest.skip("needs gcc for the native reference build")
    exe = out / "native"
    subprocess.run([GCC, "-O1", "-w", *[f"-I{d}" for d in include_dirs],
                    *[f"-D{d}" for d in defines], *map(str, sources), "-lm", "-o", str(exe)],
                   check=True, capture_output=True, timeout=600)
    proc = subprocess.run([str(exe)], capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    return proc.stdout


def virtine_output(sources: Sequence[Path], include_dirs: Sequence[Path],
                   defines: Sequence[str], memory: int) -> bytes:
    """What the same program prints in a virtine, every file compiled by pyvirtine."""
    from pyvirtine.program import build_program_sources, pack_argv
    from pyvirtine.runtime import Virtine
    image = build_program_sources(
        [(str(s), s.read_text(encoding="latin-1")) for s in sources],
        include_dirs=[str(d) for d in include_dirs], defines=defines, memory=memory,
        allow=("write", "gettimeofday", "times"))  # Lua seeds its hashes from time()
    with Virtine(image, timeout=600) as virtine:
        result = virtine.call(pack_argv(["check"]))
    assert result.status == 0, result.stderr.decode(errors="replace")
    return result.stdout


@pytest.fixture
def agree(kvm, tmp_path) -> Callable[..., bytes]:
    """Builds a library with its driver both ways, asserts the outputs are the same
    bytes, and returns them."""
    def check(sources: Sequence[Path], include_dirs: Sequence[Path] = (),
              defines: Sequence[str] = (), memory: int = 64 << 20) -> bytes:
        native = native_output(sources, include_dirs, defines, tmp_path)
        guest = virtine_output(sources, include_dirs, defines, memory)
        assert guest == native
        return guest
    return check
