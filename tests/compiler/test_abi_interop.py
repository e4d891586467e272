"""ABI agreement with gcc: calls in both directions with structs of every SysV
class by value (registers, register exhaustion, memory/sret), complex numbers
(and structs of them), varargs, and the layout (sizeof, alignment, offsetof, bit-field bytes) of the same declarations."""
import subprocess
from pathlib import Path

import pytest

from harness import HERE, compile_to_file, have_gcc, link_native, run_virtine

ABI = HERE / "abi"
pytestmark = pytest.mark.skipif(not have_gcc(), reason="needs gcc as the reference compiler")


@pytest.mark.parametrize("opt_level", [0, 2])
@pytest.mark.parametrize("sides", ["", "complex_"])
def test_calls_between_gcc_and_our_code_agree(tmp_path: Path, opt_level: int,
                                              sides: str) -> None:
    theirs = tmp_path / "gcc_side.o"
    subprocess.run(["gcc", "-O2", "-w", "-c", str(ABI / f"{sides}gcc_side.c"), "-o",
                    str(theirs)], check=True)
    ours = compile_to_file(ABI / f"{sides}our_side.c", tmp_path, opt_level)
    exe = tmp_path / "abi"
    link_native([theirs, ours], exe)
    proc = subprocess.run([str(exe)], capture_output=True, text=True, timeout=30)
    assert proc.stdout == "our calls into gcc: 0 bad; gcc calls into ours: 0 bad\n"
    assert proc.returncode == 0


def gcc_layout(source: Path, tmp_path: Path) -> str:
    reference = tmp_path / "layout_gcc"
    subprocess.run(["gcc", "-w", str(source), "-o", str(reference)], check=True)
    return subprocess.run([str(reference)], capture_output=True, text=True).stdout


@pytest.mark.parametrize("source", ["layout.c", "gnu_layout.c"])
def test_layout_agrees_with_gcc(tmp_path: Path, source: str) -> None:
    expected = gcc_layout(ABI / source, tmp_path)
    exe = tmp_path / "layout_ours"
    link_native([compile_to_file(ABI / source, tmp_path)], exe)
    got = subprocess.run([str(exe)], capture_output=True, text=True).stdout
    assert got == expected
    assert "v1" in got or "b1" in got
    assert "size" in got


def test_gnu_layout_agrees_with_gcc_in_a_virtine(kvm, tmp_path: Path) -> None:
    """packed, aligned and mode attributes lay data out in a virtine as gcc does."""
    assert run_virtine(ABI / "gnu_layout.c") == (gcc_layout(ABI / "gnu_layout.c", tmp_path), 0)
