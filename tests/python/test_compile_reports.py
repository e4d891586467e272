"""How a C mistake in a virtine is reported: at the line of the mistake, with that line,
without the compiler's own frames; gcc's default warnings; clear errors for options."""
from __future__ import annotations

import traceback
import warnings

import pytest

import pyvirtine
from pyvirtine import VirtineCompileError, VirtineCompileWarning, virtine
from pyvirtine.compiler import compile_c

HERE = __file__


def _line_of(text: str) -> int:
    return next(i for i, line in enumerate(open(HERE), 1) if text in line)


def test_undefined_symbol_at_the_call(tmp_path):
    with pytest.raises(VirtineCompileError) as e:
        @virtine
        def calls_missing(n):
            """
            int not_defined_anywhere(int);
            int calls_missing(int n) { return not_defined_anywhere(n) + 1; }
            """
    line = _line_of("return not_defined_anywhere(n) + 1")
    first, source, caret = e.value.diagnostics.splitlines()
    assert first == f"{HERE}:{line}:47: error: undefined symbol not_defined_anywhere"
    assert source.strip() == "int calls_missing(int n) { return not_defined_anywhere(n) + 1; }"
    assert caret == " " * 46 + "^"


def test_name_mismatch_at_the_c_function():
    with pytest.raises(VirtineCompileError) as e:
        @virtine
        def spelt(n):
            """
            int spelled(int n) { return n; }
            """
    first, source, _ = e.value.diagnostics.splitlines()
    assert first.startswith(f"{HERE}:{_line_of('int spelled(int n)')}:")
    assert "no function 'spelt' is defined in the C source (it defines 'spelled')" in first
    assert source.strip() == "int spelled(int n) { return n; }"


def test_plain_docstring_with_escapes_hints_raw():
    with pytest.raises(VirtineCompileError, match=r'write it as r"""') as e:
        @virtine(allow=["write"])
        def says(n):
            """
            #include <stdio.h>
            int says(int n) { printf("%d\n", n); return n; }
            """
    assert "not a raw string" in str(e.value)


def test_compile_error_raised_without_the_compilers_frames():
    with pytest.raises(VirtineCompileError) as e:
        @virtine
        def broken(n):
            """
            int broken(int n) { return n +; }
            """
    frames = traceback.extract_tb(e.value.__traceback__)
    assert len(frames) <= 4, frames
    assert not any("/compiler/" in f.filename or "/marshal/" in f.filename for f in frames)
    assert e.value.__suppress_context__


def test_memory_out_of_range_is_a_clear_error():
    with pytest.raises(ValueError, match=r"memory='64G' is 64 GiB: a virtine's guest memory "
                                         r"is 4 KiB to 4 GiB"):
        @virtine(memory="64G")
        def big(n):
            """
            int big(int n) { return n; }
            """
    src = ("#include <virtine.h>\nstatic struct virtine_config c = { .memory = 64ull << 30 };\n"
           "virtine_cfg(c) int f(int n) { return n; }\n")
    with pytest.raises(VirtineCompileError, match="guest memory of 64 GiB asked for"):
        pyvirtine.load(source=src)
    assert issubclass(pyvirtine.LinkError, pyvirtine.VirtineError)


WARNED = """\
struct s { int a; };
char *incompatible(int *p) { return p; }
void take(struct s *q);
void passes(int *p) { take(p); }
long *assigns(int *p) { long *l; l = p; return l; }
"""

# Integers made pointers and pointers made integers without a cast are errors in gcc 14
# and clang 15 on (gcc 12 warned): each line alone is rejected.
INT_CONVERSIONS = [
    ("int *from_int(int x) { int *p = x; return p; }",
     "1:33: error: initialization of 'int *' from 'int' makes pointer from integer without a "
     "cast [-Wint-conversion]"),
    ("long from_pointer(int *p) { long l; l = p; return l; }",
     "1:37: error: assignment to 'long' from 'int *' makes integer from pointer without a "
     "cast [-Wint-conversion]"),
    ("int *gives(long v) { return v; }",
     "1:29: error: returning 'long' from a function with return type 'int *' makes pointer "
     "from integer without a cast [-Wint-conversion]"),
]

QUIET = """\
#include <stddef.h>
void *v(int *p) { char *c = (char *)p; void *w = c; int *q = w; unsigned *u = q; return u; }
int *null(void) { int *p = 0; p = NULL; return p ? p : 0; }
_Bool truth(int *p) { _Bool b = p; return b; }
"""


def test_warnings_as_gcc_gives():
    with pytest.warns(VirtineCompileWarning) as got:
        compile_c(WARNED, "warned.c")
    messages = [str(w.message).splitlines()[0] for w in got]
    assert messages == [
        "warned.c:2:37: warning: returning 'int *' from a function with incompatible return "
        "type 'char *' [-Wincompatible-pointer-types]",
        "warned.c:4:28: warning: passing argument 1 of 'take' from incompatible pointer type "
        "'int *' [-Wincompatible-pointer-types]",
        "warned.c:5:34: warning: assignment to 'long *' from incompatible pointer type 'int *' "
        "[-Wincompatible-pointer-types]"]
    assert str(got[0].message).splitlines()[1] == WARNED.splitlines()[1]


@pytest.mark.parametrize("source, error", INT_CONVERSIONS)
def test_int_conversions_are_errors(source, error):
    with pytest.raises(VirtineCompileError) as info:
        compile_c(source + "\n", "conv.c")
    assert info.value.diagnostics.splitlines()[0] == "conv.c:" + error


def test_no_warning_where_gcc_gives_none():
    with warnings.catch_warnings():
        warnings.simplefilter("error", VirtineCompileWarning)
        compile_c(QUIET, "quiet.c")
