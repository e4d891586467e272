"""GNU C as real code uses it: each program in gnu/ prints the same, byte for byte,
built by gcc and run natively, and built by pyvirtine's compiler and run in a virtine
(and natively, linked with gcc: the object interoperates with gcc-built code)."""
import subprocess
from pathlib import Path

import pytest

from harness import HERE, have_gcc, run_native, run_virtine

PROGRAMS = sorted((HERE / "gnu").glob("*.c"))
pytestmark = pytest.mark.skipif(not have_gcc(), reason="gcc is the reference compiler")


def gcc_output(program: Path, tmp_path: Path) -> tuple:
    exe = tmp_path / "reference"
    subprocess.run(["gcc", "-O2", "-w", str(program), "-o", str(exe)], check=True)
    proc = subprocess.run([str(exe)], capture_output=True, text=True, timeout=30)
    return proc.stdout, proc.returncode


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.stem)
def test_agrees_with_gcc_in_a_virtine(kvm, program: Path, tmp_path: Path) -> None:
    expected = gcc_output(program, tmp_path)
    assert expected[1] == 0 and expected[0]
    assert run_virtine(program) == expected


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.stem)
@pytest.mark.parametrize("opt_level", [0, 2])
def test_agrees_with_gcc_natively(program: Path, opt_level: int, tmp_path: Path) -> None:
    assert run_native(program, opt_level) == gcc_output(program, tmp_path)
