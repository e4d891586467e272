"""pyvirtine as users get it: built into a wheel from a copy of this checkout,
installed (not editable) into venvs, and used from there."""
from __future__ import annotations

import pathlib
import sys
import sysconfig

import pytest

import pyvirtine
from support.packaging import copy_checkout, run


@pytest.fixture(scope="session")
def dists(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """A directory holding pyvirtine's wheel, built with this interpreter's setuptools
    (no index needed), for ``--find-links``."""
    pytest.importorskip("wheel", reason="building wheels needs the 'wheel' package")
    root = tmp_path_factory.mktemp("pyvirtine-dist")
    src = copy_checkout(root / "src")
    out = root / "dist"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "-q", "-w", out, src])
    return out


@pytest.fixture(scope="session")
def venv(tmp_path_factory: pytest.TempPathFactory, dists: pathlib.Path) -> pathlib.Path:
    """A venv holding the installed wheel of pyvirtine; its dependencies (llvmlite, cffi,
    setuptools, wheel...) come from this interpreter's site-packages."""
    env_dir = tmp_path_factory.mktemp("packaging") / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", env_dir])
    site = next(env_dir.glob("lib/python*/site-packages"))
    paths = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    # An editable pyvirtine in the outer environment registers its setuptools hook there;
    # its import hook is a .pth file the inner venv does not run, so name its tree too
    # (after site-packages: the pyvirtine installed below still wins).
    paths.add(str(pathlib.Path(pyvirtine.__file__).resolve().parents[1]))
    (site / "outer-site-packages.pth").write_text("\n".join(sorted(paths)) + "\n")
    wheel = next(dists.glob("pyvirtine-*.whl"))
    run([env_dir / "bin" / "python", "-m", "pip", "install", "--no-deps", "--no-index", "-q",
         "--ignore-installed",  # the outer editable pyvirtine, seen through the .pth
         wheel])
    return env_dir
