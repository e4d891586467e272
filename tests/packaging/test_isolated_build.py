"""A package using the setuptools plugin, built as its users build it: with build
isolation, so pip or ``build`` install pyvirtine (named in ``[build-system] requires``)
into a build environment of its own. pyvirtine's wheel comes from ``--find-links``,
everything else from the package index."""
from __future__ import annotations

import os
import shutil
import tarfile

from support.packaging import JUNK, REPO, bare_env, fresh_venv, run

EXAMPLE = REPO / "examples" / "python_package"
CHECK = "import kvparse; print(sorted(kvparse.parse('a=1;b=2').items()))"


def test_pip_install_dot_builds_the_virtines_in_an_isolated_environment(kvm, dists, tmp_path):
    pkg = tmp_path / "python_package"
    shutil.copytree(EXAMPLE, pkg, ignore=JUNK)
    python = fresh_venv(tmp_path / "venv")
    run([python, "-m", "pip", "install", "-q", "--find-links", dists, "."], cwd=pkg)
    out = run([python, "-c", CHECK], env=bare_env(tmp_path), cwd=tmp_path)
    assert out.stdout.strip() == "[('a', '1'), ('b', '2')]"


def test_python_m_build_makes_an_sdist_the_wheel_builds_from(kvm, dists, tmp_path):
    pkg = tmp_path / "python_package"
    shutil.copytree(EXAMPLE, pkg, ignore=JUNK)
    python = fresh_venv(tmp_path / "tools")
    run([python, "-m", "pip", "install", "-q", "build"])
    # Without arguments build makes the sdist, then the wheel from the unpacked sdist:
    # the wheel needs the C sources to be in the sdist.
    run([python, "-m", "build", "--outdir", tmp_path / "out", pkg],
        env=dict(os.environ, PIP_FIND_LINKS=str(dists)))
    sdist = next((tmp_path / "out").glob("kvparse-1.0.tar.gz"))
    with tarfile.open(sdist) as f:
        assert "kvparse-1.0/kvparse/parser.c" in f.getnames()
    wheel = tmp_path / "out" / "kvparse-1.0-py3-none-linux_x86_64.whl"
    assert wheel.exists()
    target = fresh_venv(tmp_path / "venv")
    run([target, "-m", "pip", "install", "-q", "--find-links", dists, wheel])
    out = run([target, "-c", CHECK], env=bare_env(tmp_path), cwd=tmp_path)
    assert out.stdout.strip() == "[('a', '1'), ('b', '2')]"
