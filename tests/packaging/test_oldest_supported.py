"""pyvirtine on the oldest Python and the oldest version of each requirement that
setup.cfg claims: installed from a copy of this checkout into a venv of that Python,
it compiles C and runs it in virtines, from Python and from the command line."""
from __future__ import annotations

import configparser
import glob
import os
import re
import shutil
import subprocess
from typing import Optional

import pytest

from support.packaging import REPO, copy_checkout, fresh_venv, run


def _setup_cfg() -> configparser.ConfigParser:
    config = configparser.ConfigParser()
    config.read(REPO / "setup.cfg")
    return config


def oldest_python() -> str:
    return re.fullmatch(r">=\s*(\d+\.\d+)", _setup_cfg()["options"]["python_requires"]).group(1)


def oldest_requirements() -> list[str]:
    """``name==lowest`` for every requirement with a lower bound."""
    requires = _setup_cfg()["options"]["install_requires"]
    return [f"{name}=={low}" for name, low in re.findall(r"^([\w-]+)>=([\d.]+)", requires, re.M)]


def find_python(version: str) -> Optional[str]:
    """That Python, installed by pyenv or on PATH (a pyenv shim on PATH may name a
    version it does not run: each is tried)."""
    pyenv = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    candidates = [*sorted(glob.glob(f"{pyenv}/versions/{version}.*/bin/python{version}")),
                  shutil.which(f"python{version}")]
    for candidate in filter(None, candidates):
        if subprocess.run([candidate, "-c", ""], capture_output=True).returncode == 0:
            return candidate
    return None


def test_the_oldest_python_and_requirements_claimed_build_and_run_virtines(kvm, tmp_path):
    version = oldest_python()
    python = find_python(version)
    if python is None:
        pytest.skip(f"Python {version}, the oldest setup.cfg claims, is not installed")
    pins = oldest_requirements()
    assert any(p.startswith("llvmlite==") for p in pins)
    src = copy_checkout(tmp_path / "src")
    venv = fresh_venv(tmp_path / "venv", python)
    run([venv, "-m", "pip", "install", "-q", *pins, src], timeout=900)
    env = dict(os.environ, PYTHONPATH="", PYVIRTINE_CACHE=str(tmp_path / "cache"))
    script = (
        "import sys, pyvirtine\n"
        "from importlib.metadata import version\n"
        "mod = pyvirtine.load(source='#include <virtine.h>\\n"
        "virtine long add(long a, long b) { return a + b; }\\n')\n"
        "print('%d.%d' % sys.version_info[:2], mod.add(2, 3))\n"
        f"print(*(name + '==' + version(name) for name in {[p.split('==')[0] for p in pins]}))\n")
    out = run([venv, "-c", script], cwd=tmp_path, timeout=600, env=env)
    ran, installed = out.stdout.splitlines()
    assert ran == f"{version} 5"
    assert [_release(p) for p in installed.split()] == [_release(p) for p in pins]
    (tmp_path / "hello.c").write_text('#include <stdio.h>\n#include <time.h>\n'
                                      'int main(int argc, char **argv) {\n'
                                      '    printf("%s %d\\n", argv[1], time(0) > 0); }\n')
    out = run([venv.parent / "pyvirtine", "run", "hello.c", "hi"], cwd=tmp_path, env=env)
    assert out.stdout == "hi 1\n"


def _release(pin: str) -> tuple:
    """``("click", (8,))`` for ``click==8.0.0``: versions compared as releases."""
    name, version = pin.split("==")
    numbers = [int(n) for n in version.split(".")]
    while numbers and numbers[-1] == 0:
        numbers.pop()
    return name, tuple(numbers)
