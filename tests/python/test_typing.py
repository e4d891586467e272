"""@virtine keeps the function's signature for inspect and for type checkers (mypy),
and pyvirtine says its version and that it is typed (py.typed)."""
from __future__ import annotations

import importlib.resources
import inspect
import os
import subprocess
import sys
import textwrap
import typing

import pyvirtine
from pyvirtine import virtine

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@virtine
def scaled(data: bytes, factor: float) -> float:
    """
    #include <stddef.h>
    double scaled(const unsigned char *data VIRTINE_IN(n), size_t n, double factor) {
        double s = 0; for (size_t i = 0; i < n; i++) s += data[i]; return s * factor;
    }
    """


def test_signature_keeps_the_annotations():
    sig = inspect.signature(scaled)
    assert str(sig) == "(data: 'bytes', factor: 'float') -> 'float'"
    assert typing.get_type_hints(scaled) == {"data": bytes, "factor": float, "return": float}


def test_version_and_py_typed():
    from importlib import metadata
    assert pyvirtine.__version__ == metadata.version("pyvirtine")
    assert importlib.resources.files("pyvirtine").joinpath("py.typed").is_file()


def test_mypy_sees_the_decorated_signature(tmp_path):
    use = tmp_path / "use.py"
    use.write_text(textwrap.dedent('''
        from pyvirtine import virtine

        @virtine
        def add(a: int, b: int) -> int:
            """int add(int a, int b) { return a + b; }"""

        @virtine(timeout=1.0, capture=True)
        def said(n: int) -> int:
            """int said(int n) { return n; }"""

        reveal_type(add(1, 2))
        reveal_type(said(1).value)
        add("one", 2)
        add.close()
    '''))
    # The editable install is an import hook mypy cannot follow: point it at the checkout
    # and check only this file, as it checks an installed typed package's users.
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", os.devnull,
         "--follow-imports=silent", "--ignore-missing-imports", "--disable-error-code",
         "empty-body", str(use)], capture_output=True, text=True, cwd=tmp_path,
        env={**os.environ, "MYPYPATH": REPO}, timeout=300)
    out = proc.stdout
    assert 'use.py:12: note: Revealed type is "int"' in out, out
    assert 'use.py:13: note: Revealed type is "Any"' in out, out
    assert ('use.py:14: error: Argument 1 to "__call__" of "VirtineCallable" has '
            'incompatible type "str"; expected "int"') in out, out
    assert out.count("error:") == 1, out
