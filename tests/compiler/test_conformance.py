"""Every program in c/ compiles with our compiler, runs, and prints exactly what
its .expected file records (recorded from gcc), with the recorded exit code."""
from pathlib import Path

import pytest

from harness import HERE, expectations, have_gcc, run_native, run_program, run_virtine

PROGRAMS = sorted((HERE / "c").glob("*.c"))


@pytest.mark.skipif(not have_gcc(), reason="the native backend links with gcc")
@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.stem)
def test_program(program: Path) -> None:
    stdout, code = run_program(program)
    expected_stdout, expected_code = expectations(program)
    assert stdout == expected_stdout
    assert code == expected_code


@pytest.mark.skipif(not have_gcc(), reason="the native backend links with gcc")
@pytest.mark.parametrize("program", PROGRAMS[:6], ids=lambda p: p.stem)
def test_program_unoptimized(program: Path) -> None:
    assert run_native(program, opt_level=0) == expectations(program)


@pytest.mark.parametrize("program", PROGRAMS, ids=lambda p: p.stem)
def test_program_in_virtine(kvm, program: Path) -> None:
    """The same programs, linked with crt0 and the guest libc, run in a real virtine."""
    assert run_virtine(program) == expectations(program)
