"""The setuptools plugin, for real: pyvirtine is installed into a temporary venv, the
example package (examples/python_package, configured in setup.cfg) is built and
installed there with pip, and its virtines then run with no C compiler or
preprocessor on PATH."""
from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys
import sysconfig

import pytest

import pyvirtine

REPO = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "python_package"
_JUNK = shutil.ignore_patterns("__pycache__", "*.so", "build", "*.egg-info", "_launcher.c")


def _run(cmd: list, **kwargs) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kwargs)
    assert proc.returncode == 0, f"{cmd} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """A venv holding an installed (not editable) pyvirtine; its dependencies (llvmlite,
    cffi, setuptools, wheel...) come from this interpreter's site-packages."""
    pytest.importorskip("wheel", reason="building wheels needs the 'wheel' package")
    root = tmp_path_factory.mktemp("packaging")
    env_dir = root / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", env_dir])
    site = next(env_dir.glob("lib/python*/site-packages"))
    paths = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    # An editable pyvirtine in the outer environment registers its setuptools hook there;
    # its import hook is a .pth file the inner venv does not run, so name its tree too
    # (after site-packages: the pyvirtine installed below still wins).
    paths.add(str(pathlib.Path(pyvirtine.__file__).resolve().parents[1]))
    (site / "outer-site-packages.pth").write_text("\n".join(sorted(paths)) + "\n")
    src = root / "pyvirtine-src"   # pip builds local trees in place: keep the repo clean
    shutil.copytree(REPO / "pyvirtine", src / "pyvirtine", ignore=_JUNK)
    for name in ("setup.py", "setup.cfg", "pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    _run([env_dir / "bin" / "python", "-m", "pip", "install", "--no-deps",
          "--no-build-isolation", "--no-index", "-q", src])
    return env_dir


def test_wheel_ships_virtines_that_run_without_a_compiler(kvm, venv, tmp_path):
    python = venv / "bin" / "python"
    pkg = tmp_path / "python_package"
    shutil.copytree(EXAMPLE, pkg, ignore=_JUNK)
    wheels = tmp_path / "wheels"
    _run([python, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
          "-q", "-w", wheels, pkg])
    wheel = next(wheels.glob("kvparse-*.whl"))
    import zipfile
    assert "kvparse/parser.virtines" in zipfile.ZipFile(wheel).namelist()
    _run([python, "-m", "pip", "install", "--no-deps", "--no-index", "-q", wheel])

    bare = dict(os.environ, PATH=str(tmp_path / "empty"), PYTHONPATH="")
    out = _run([python, "-c", "import kvparse; print(sorted(kvparse.parse('a = 1; b=two\\nc=3').items()))"],
               env=bare, cwd=tmp_path)
    assert out.stdout.strip() == "[('a', '1'), ('b', 'two'), ('c', '3')]"
    bad = _run([python, "-c", "import kvparse\ntry:\n    kvparse.parse('ok=1\\nnope')\n"
                "except ValueError as e:\n    print(e)"], env=bare, cwd=tmp_path)
    assert bad.stdout.strip() == "line 2: expected key=value"


def test_bad_keyword_value_is_a_setup_error(venv, tmp_path):
    pkg = tmp_path / "bad"
    (pkg / "bad").mkdir(parents=True)
    (pkg / "bad" / "__init__.py").write_text("")
    (pkg / "setup.py").write_text("from setuptools import setup\n"
                                  "setup(name='bad', packages=['bad'], virtine_modules=['x.py'])\n")
    proc = subprocess.run([str(venv / "bin" / "python"), "setup.py", "build"], cwd=pkg,
                          capture_output=True, text=True)
    assert proc.returncode != 0
    assert "virtine_modules must be a list of C files" in proc.stderr
