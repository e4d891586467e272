"""Builds over a second show their steps on a terminal, and nowhere else; finding a
built virtine again loads neither LLVM nor the C front end."""
from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PROGRAM = '#include <stdio.h>\nint main(void) { fputs("to stderr\\n", stderr); return 0; }\n'


def _run(tmp_path: Path, cache: Path, *, terminal: bool) -> str:
    """`pyvirtine run` of PROGRAM with a fresh cache (the guest libc gets built); its
    stderr, read from a pseudo-terminal when ``terminal``."""
    (tmp_path / "prog.c").write_text(PROGRAM)
    env = dict(os.environ, PYVIRTINE_CACHE=str(cache), PYTHONPATH=str(REPO))
    command = [sys.executable, "-m", "pyvirtine.cli", "run", "prog.c"]
    if not terminal:
        return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=600).stderr
    controller, child_side = pty.openpty()
    proc = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                            stderr=child_side)
    os.close(child_side)
    seen = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 600)
        try:
            chunk = os.read(controller, 4096) if ready else b""
        except OSError:  # the child closed its side
            chunk = b""
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=60)
    os.close(controller)
    return seen.decode(errors="replace")


def test_a_slow_build_shows_its_steps_on_a_terminal(kvm, tmp_path):
    out = _run(tmp_path, tmp_path / "cache", terminal=True)
    assert "pyvirtine: prog.c: compiling the guest libc" in out, out
    assert out.rstrip().endswith("to stderr") or "\x1b[K" in out.split("to stderr")[0]


def test_a_slow_build_says_nothing_into_a_pipe(kvm, tmp_path):
    assert _run(tmp_path, tmp_path / "cache", terminal=False) == "to stderr\n"


def test_a_built_virtine_loads_no_compiler(kvm, tmp_path):
    script = textwrap.dedent("""
        import sys
        from pyvirtine import virtine
        @virtine
        def square(x: int) -> int:
            '''int square(int x) { return x * x; }'''
        assert square(7) == 49
        print(sorted(m for m in ("llvmlite.binding", "llvmlite.ir", "pycparser",
                                 "pyvirtine.compiler")
                     if m in sys.modules))
    """)
    env = dict(os.environ, PYVIRTINE_CACHE=str(tmp_path / "cache"), PYTHONPATH=str(REPO))
    (tmp_path / "square.py").write_text(script)
    first = subprocess.run([sys.executable, "square.py"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stderr
    again = subprocess.run([sys.executable, "square.py"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=600)
    assert again.stdout.strip() == "[]", again.stdout + again.stderr
