"""Invalid C is rejected: every program in invalid/ is one clang rejects by default
(the first line records clang's first error, from clang 14 with the errors clang 15/16
made default: -Werror=int-conversion, implicit-function-declaration, implicit-int,
incompatible-function-pointer-types). pyvirtine's compiler must reject each with a
``file:line:col: error:`` on the line clang names, never a traceback, an internal error
or a crashed process (each compile runs in a child, so a crash is seen as one)."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from harness import HERE

PROGRAMS = sorted((HERE / "invalid").glob("*.c"))

# gcc 12 and C23 accept a label before a declaration; so does pyvirtine's compiler.
ACCEPTED_LIKE_GCC = {"label_at_end_of_compound_c99_decl"}

_CHILD = """
import json, sys, warnings
warnings.simplefilter("ignore")
from pyvirtine.compiler import compile_c
from pyvirtine.errors import VirtineCompileError
results = {}
for path in sys.argv[1:]:
    try:
        compile_c(open(path).read(), path, opt_level=0)
        results[path] = None
    except VirtineCompileError as e:
        results[path] = e.diagnostics
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def diagnostics() -> dict:
    """Our diagnostics of every program, compiled in one child process."""
    proc = subprocess.run([sys.executable, "-c", _CHILD, *map(str, PROGRAMS)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


@pytest.mark.parametrize("program", [
    pytest.param(p, marks=pytest.mark.xfail(strict=True, reason="gcc accepts it too"))
    if p.stem in ACCEPTED_LIKE_GCC else p for p in PROGRAMS], ids=lambda p: p.stem)
def test_rejected_where_clang_rejects(diagnostics: dict, program: Path) -> None:
    clang_line = int(re.match(r"// clang: (\d+):", program.read_text()).group(1))
    text = diagnostics[str(program)]
    assert text is not None, "accepted"
    first = text.splitlines()[0]
    assert re.match(re.escape(str(program)) + rf":{clang_line}:\d+: error: ", first), text
    assert "internal compiler error" not in text and "Traceback" not in text


def test_corpus_is_large_and_nearly_all_rejected(diagnostics: dict) -> None:
    rejected = sum(text is not None for text in diagnostics.values())
    assert len(PROGRAMS) >= 200
    assert rejected / len(PROGRAMS) >= 0.95
