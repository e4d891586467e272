"""tinycc's tests/tests2, a c-testsuite-style corpus of 108 small C programs (Debian's tcc
source package, fetched on first use): every program gcc builds must, built by pyvirtine
and run with ``main`` in a virtine, print the same bytes and exit with the same status as
gcc's native build. Without a network the corpus is skipped, saying so."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from benchmarks.library_sources import SourceUnavailable, tinycc_tests

GCC = shutil.which("gcc")

# How tinycc's own Makefile runs these two.
ARGS = {"31_args": ["arg1", "arg2", "arg3", "arg4", "arg5"],
        "46_grep": ["[^* ]*[:a:d: ]+\\:\\*-/: $", "46_grep.c"]}

# Programs that need what a virtine does not have, as tinycc's Makefile leaves out the ones
# its target lacks. The rest, all that gcc builds, must agree.
NOT_FOR_VIRTINES = {
    "114_bound_signal": "runs threads and sends signals: a virtine has one vCPU and no signals",
    "116_bound_setjmp2": "runs threads (pthread_create): a virtine has one vCPU",
}


def _corpus() -> tuple[Path | None, str]:
    try:
        return tinycc_tests(), ""
    except SourceUnavailable as e:
        return None, f"{e} (offline?)"


def pytest_generate_tests(metafunc):
    if "program" in metafunc.fixturenames:
        directory, why = _corpus()
        names = sorted(p.stem for p in directory.glob("[0-9]*_*.c")) if directory else []
        params = [pytest.param(directory / f"{name}.c", id=name) for name in names
                  if not name.startswith("104+")]  # the second file of 104_inline
        metafunc.parametrize("program", params or [pytest.param(
            None, id="corpus", marks=pytest.mark.skip(reason=f"tinycc tests2: {why}"))])


def _files(program: Path) -> list[Path]:
    second = program.with_name(program.name.replace("_", "+_", 1))
    return [program, second] if second.exists() else [program]


def test_corpus_is_complete():
    directory, why = _corpus()
    if directory is None:
        pytest.skip(f"tinycc tests2: {why}")
    assert len(list(directory.glob("[0-9]*_*.expect"))) >= 100


# The programs test corners on purpose: warnings are expected (gcc runs with -w here).
@pytest.mark.filterwarnings("ignore::pyvirtine.errors.VirtineCompileWarning")
def test_agrees_with_gcc(kvm, program: Path, tmp_path: Path):
    if program.stem in NOT_FOR_VIRTINES:
        pytest.skip(f"{program.stem}: {NOT_FOR_VIRTINES[program.stem]}")
    if GCC is None:
        pytest.skip("needs gcc for the native reference build")
    sources = _files(program)
    # The programs find their own sources (46_grep) and make files (40_stdio) by relative
    # paths: both builds run in a scratch directory holding copies.
    for source in program.parent.iterdir():
        if source.is_file():
            shutil.copy(source, tmp_path)
    exe = tmp_path / "native"
    gcc = subprocess.run([GCC, "-w", "-O0", *map(str, sources), "-lm", "-o", str(exe)],
                         capture_output=True, text=True, timeout=120)
    if gcc.returncode != 0:
        first = (gcc.stderr.strip().splitlines() or ["?"])[0]
        pytest.skip(f"gcc does not build {program.stem} either (tinycc-specific): {first}")
    argv = ARGS.get(program.stem, [])
    native = subprocess.run([str(exe), *argv], cwd=tmp_path, capture_output=True, timeout=60)

    from pyvirtine.program import build_program_sources, pack_argv
    from pyvirtine.runtime import Virtine
    image = build_program_sources(
        [(str(tmp_path / s.name), s.read_text(encoding="utf-8")) for s in sources],
        memory=16 << 20)
    grants = {name: (str(tmp_path / name), "rw") for name in ("46_grep.c", "fred.txt")}
    with Virtine(image, timeout=60, files=grants) as virtine:
        result = virtine.call(pack_argv([program.name, *argv]))
        # What constructors print comes out once, at the boot before the snapshot.
        stdout = virtine.init_stdout + result.stdout
    assert (stdout, result.status) == (native.stdout, native.returncode), \
        result.stderr.decode(errors="replace")
