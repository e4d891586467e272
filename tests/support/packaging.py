"""Helpers for the packaging tests: pyvirtine built and installed as users get it."""
from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]
JUNK = shutil.ignore_patterns("__pycache__", "*.so", "build", "dist", "*.egg-info",
                              "_launcher.c", ".venv*")


def run(cmd: list, **kwargs) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kwargs)
    assert proc.returncode == 0, f"{cmd} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


def copy_checkout(target: pathlib.Path) -> pathlib.Path:
    """The files of this checkout that git knows (pip and make build in place: keep the
    repo clean)."""
    listed = run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                 cwd=REPO).stdout
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def fresh_venv(path: pathlib.Path, python: str = sys.executable) -> pathlib.Path:
    """A venv with pip and nothing else: what it needs comes from the package index."""
    run([python, "-m", "venv", path])
    return path / "bin" / "python"


def bare_env(tmp_path: pathlib.Path) -> dict:
    """No C compiler or preprocessor on PATH, nothing of this checkout on PYTHONPATH."""
    return dict(os.environ, PATH=str(tmp_path / "empty"), PYTHONPATH="")
