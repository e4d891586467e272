"""The setuptools plugin, for real: pyvirtine is installed into a temporary venv, the
example package (examples/python_package, configured in setup.cfg) is built and
installed there with pip, and its virtines then run with no C compiler or
preprocessor on PATH."""
from __future__ import annotations

import shutil
import subprocess
import tarfile
import zipfile

from support.packaging import JUNK, REPO, bare_env, run

EXAMPLE = REPO / "examples" / "python_package"


def test_wheel_ships_virtines_that_run_without_a_compiler(kvm, venv, tmp_path):
    python = venv / "bin" / "python"
    pkg = tmp_path / "python_package"
    shutil.copytree(EXAMPLE, pkg, ignore=JUNK)
    wheels = tmp_path / "wheels"
    run([python, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
         "-q", "-w", wheels, pkg])
    wheel = next(wheels.glob("kvparse-*.whl"))
    # The images are x86-64 code: not a wheel for any platform.
    assert wheel.name == "kvparse-1.0-py3-none-linux_x86_64.whl"
    assert "kvparse/parser.virtines" in zipfile.ZipFile(wheel).namelist()
    run([python, "-m", "pip", "install", "--no-deps", "--no-index", "-q", wheel])

    bare = bare_env(tmp_path)
    out = run([python, "-c", "import kvparse; print(sorted(kvparse.parse('a = 1; b=two\\nc=3').items()))"],
              env=bare, cwd=tmp_path)
    assert out.stdout.strip() == "[('a', '1'), ('b', 'two'), ('c', '3')]"
    bad = run([python, "-c", "import kvparse\ntry:\n    kvparse.parse('ok=1\\nnope')\n"
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


def test_sdist_holds_the_virtine_sources_and_the_headers_they_include(venv, tmp_path):
    pkg = tmp_path / "python_package"
    shutil.copytree(EXAMPLE, pkg, ignore=JUNK)
    parser = pkg / "kvparse" / "parser.c"
    parser.write_text('#include "kvparse.h"\n' + parser.read_text())
    (pkg / "kvparse" / "kvparse.h").write_text('#include "detail/chars.h"\n#include <stddef.h>\n')
    (pkg / "kvparse" / "detail").mkdir()
    (pkg / "kvparse" / "detail" / "chars.h").write_text("#define KV_SEPARATOR ';'\n")
    run([venv / "bin" / "python", "setup.py", "-q", "sdist", "-d", tmp_path / "sdist"], cwd=pkg)
    with tarfile.open(next((tmp_path / "sdist").glob("kvparse-*.tar.gz"))) as sdist:
        names = sdist.getnames()
    assert {"kvparse-1.0/kvparse/parser.c", "kvparse-1.0/kvparse/kvparse.h",
            "kvparse-1.0/kvparse/detail/chars.h"} <= set(names)
