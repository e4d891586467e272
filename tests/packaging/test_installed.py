"""What a user of an installed (not editable) pyvirtine, or of `make demo`, gets."""
from __future__ import annotations

import json
import os
import zipfile

from support.packaging import REPO, copy_checkout, run

DEMO_SAYS = "hello from a virtine (run 1): fib(20) = 6765"


def test_pyvirtine_demo_runs_from_the_installed_wheel(kvm, dists, venv, tmp_path):
    wheel = next(dists.glob("pyvirtine-*.whl"))
    assert "pyvirtine/demo.c" in zipfile.ZipFile(wheel).namelist()
    out = run([venv / "bin" / "pyvirtine", "demo"], cwd=tmp_path,
              env=dict(os.environ, PYTHONPATH=""))
    assert DEMO_SAYS in out.stdout


def test_make_demo_installs_pyvirtine_alone_and_quietly(kvm, tmp_path):
    checkout = copy_checkout(tmp_path / "checkout")
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "VIRTUAL_ENV")}
    out = run(["make", "demo"], cwd=checkout, env=env, timeout=900)
    assert DEMO_SAYS in out.stdout
    # setuptools finds every package and data file where setup.cfg says
    assert "packages` configuration" not in out.stderr, out.stderr
    assert "SetuptoolsDeprecationWarning" not in out.stderr, out.stderr
    listed = run([checkout / ".venv" / "bin" / "python", "-m", "pip", "list",
                  "--format", "json"]).stdout
    installed = {p["name"].lower() for p in json.loads(listed)}
    assert "pyvirtine" in installed
    assert not installed & {"pytest", "hypothesis", "matplotlib", "build"}


def test_the_wheel_holds_every_guest_source_and_launcher_file(dists):
    """Every file the guest build or the launcher build reads (headers in subdirectories
    included, as sys/random.h) is in the wheel, and py.typed is."""
    wheel = next(dists.glob("pyvirtine-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    package = REPO / "pyvirtine"
    wanted = [p for d in ("stubs", "hypervisor") for p in (package / d).rglob("*")
              if p.suffix in (".c", ".h", ".s") and p.name != "_launcher.c"]
    missing = sorted(str(p.relative_to(REPO)) for p in wanted
                     if str(p.relative_to(REPO)) not in names)
    assert not missing, missing
    assert "pyvirtine/py.typed" in names
