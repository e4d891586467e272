"""virtinecc as users run it: a ``virtinecc`` executable on PATH (a wrapper running
this checkout's ``python -m pyvirtine.virtinecc``), driven through subprocesses."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, Optional

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def toolbin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory with the ``virtinecc`` command, for PATH."""
    if shutil.which("cc") is None:
        pytest.skip("virtinecc needs the system C compiler (cc)")
    bin_dir = tmp_path_factory.mktemp("bin")
    script = bin_dir / "virtinecc"
    script.write_text(f'#!/bin/sh\nPYTHONPATH="{REPO}${{PYTHONPATH:+:$PYTHONPATH}}" '
                      f'exec "{sys.executable}" -m pyvirtine.virtinecc "$@"\n')
    script.chmod(0o755)
    return bin_dir


@pytest.fixture
def env(toolbin: Path) -> dict:
    e = dict(os.environ)
    e["PATH"] = f"{toolbin}{os.pathsep}{e.get('PATH', '')}"
    # Not the settings of a make that runs the test suite (`make test`): the examples'
    # own make must behave as it does for a user.
    for name in ("VIRTINECC_TIMEOUT", "MAKELEVEL", "MAKEFLAGS", "MFLAGS"):
        e.pop(name, None)
    return e


@pytest.fixture
def run(env: dict, tmp_path: Path) -> Callable[..., subprocess.CompletedProcess]:
    """``run("virtinecc", "x.c", ...)``: a command in tmp_path, output captured as text."""
    def call(*args: object, cwd: Path = tmp_path, timeout: float = 300, check: bool = True,
             extra_env: Optional[dict] = None) -> subprocess.CompletedProcess:
        proc = subprocess.run([str(a) for a in args], cwd=cwd, env={**env, **(extra_env or {})},
                              capture_output=True, text=True, timeout=timeout)
        if check:
            assert proc.returncode == 0, f"{args} failed ({proc.returncode}):\n{proc.stderr}"
        return proc
    return call
