"""The Python examples run and behave as their docstrings say."""
from __future__ import annotations

import os
import pathlib
import subprocess
import sys

REPO = pathlib.Path(__file__).resolve().parents[2]


def run_example(name: str) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.run([sys.executable, str(REPO / "examples" / name)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.splitlines()


def test_untrusted_parser(kvm):
    lines = run_example("untrusted_parser.py")
    assert lines[0] == "valid file: 640x480, depth 8, color type 6, 3 chunks"
    assert lines[1] == "not a PNG: chunks = -1"
    assert lines[2].startswith("hostile file: contained a crash at untrusted_parser.py:")
    assert lines[3] == "next call runs clean: 1x2"


def test_sandboxed_plugin(kvm):
    results = dict(line.split(None, 1) for line in run_example("sandboxed_plugin.py"))
    assert results["rot13"] == "status 0: 'Uryyb, fnaqobk!'"
    assert results["reverse"] == "status 0: '!xobdnas ,olleH'"
    assert results["forever"] == "stopped: ran past its time limit"
    assert results["snoop"] == "stopped: tried the 'write' hypercall"
    assert results["wild"].startswith("stopped: crashed (exception 14) at wild.c:6")
    assert results["typo"].startswith("rejected, does not compile: typo.c:5:20: error:")


def test_dask_fanout(kvm):
    lines = run_example("dask_fanout.py")[-4:]  # after the progress bar
    assert lines[0] == "parsed 1958 of 2000 records on 2 worker processes, each in its own virtine"
    assert lines[1].startswith("21 hostile records crashed their virtine (contained), "
                               "the first at dask_fanout.py:48")
    assert lines[2] == "21 hostile records ran past the 0.1 s time limit (stopped)"
    assert lines[3] == "0 parsed records differ from the Python reference parser"
