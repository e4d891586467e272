"""examples/js: Duktape in a virtine, every script evaluated in a fresh virtine started
from a snapshot taken after the engine's heap was made (virtines paper, Figure 14)."""
from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pyvirtine import VirtineTimeout

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "js"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, EXAMPLE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(EXAMPLE))
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def js():
    sources = _module("duktape_sources")
    try:
        sources.duktape_dir()
    except sources.Unavailable as missing:
        pytest.skip(str(missing))
    return _module("eval_js")


def test_scripts_evaluate(kvm, js):
    assert js.eval_js("1 + 2") == "3"
    assert js.eval_js("JSON.stringify([1, 2, 3].map(function (x) { return x * x; }))") \
        == "[1,4,9]"
    assert js.eval_js("'virtine'.toUpperCase() + String(0.1 + 0.2)") == \
        "VIRTINE0.30000000000000004"


def test_nothing_a_script_leaves_reaches_the_next(kvm, js):
    assert js.eval_js("var leaked = 42; Object.prototype.polluted = 1; leaked") == "42"
    assert js.eval_js("typeof leaked + ' ' + typeof ({}).polluted") == "undefined undefined"


def test_each_script_draws_its_own_random_numbers(kvm, js):
    draws = {js.eval_js("String(Math.random())") for _ in range(4)}
    assert len(draws) == 4


def test_errors_are_values_and_hostile_scripts_are_contained(kvm, js):
    assert js.eval_js("throw new Error('boom')") == "Error: boom"
    assert js.eval_js("1 +").startswith("SyntaxError")
    with pytest.raises(VirtineTimeout):
        js.eval_js("while (true) {}")
    bomb = js.eval_js("var s = 'x'; for (;;) s += s;")
    assert "Error" in bomb, bomb  # Duktape's heap runs out inside the guest's 32 MiB
    assert js.eval_js("6 * 7") == "42"  # and the next script runs as ever


def test_a_virtinecc_host_evaluates_each_line_in_a_virtine(kvm, js, tmp_path):
    if shutil.which("cc") is None:
        pytest.skip("virtinecc needs the system C compiler (cc)")
    bindir = tmp_path / "bin"
    bindir.mkdir()
    (bindir / "virtinecc").write_text(
        f'#!/bin/sh\nexec "{sys.executable}" -m pyvirtine.virtinecc "$@"\n')
    (bindir / "virtinecc").chmod(0o755)
    work = tmp_path / "js"
    shutil.copytree(EXAMPLE, work, ignore=shutil.ignore_patterns("__pycache__"))
    env = dict(os.environ, PATH=f"{bindir}:{os.environ['PATH']}",
               PYTHONPATH=f"{EXAMPLE.parents[1]}:{work}")
    for name in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS"):
        env.pop(name, None)
    subprocess.run(["make", "CC=virtinecc", f"PYTHON={sys.executable}"], cwd=work, env=env,
                   check=True, capture_output=True, timeout=1200)
    out = subprocess.run(["./js_host"], cwd=work, env=env, input="1+1\nvar x = 3; x * x\nx\n",
                         capture_output=True, text=True, timeout=60)
    assert out.stdout.splitlines() == ["2", "9", "ReferenceError: identifier 'x' undefined"]
