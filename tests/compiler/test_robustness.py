"""Whatever text arrives, the compiler answers with an object or a
``file:line:col: error:`` diagnostic, never with another exception."""
import re

from hypothesis import HealthCheck, given, settings, strategies as st

from pyvirtine.compiler import compile_c
from pyvirtine.errors import VirtineCompileError

TOKENS = ["int", "char", "long", "unsigned", "struct", "union", "enum", "typedef", "static",
          "const", "void", "double", "float", "_Bool", "s", "x", "y", "f", "main", "return",
          "if", "else", "while", "for", "do", "switch", "case", "default", "break", "continue",
          "goto", "sizeof", "(", ")", "{", "}", "[", "]", ";", ",", ":", "?", "=", "+=", "==",
          "+", "-", "*", "/", "%", "&", "&&", "|", "||", "^", "~", "!", "<<", ">>", "<", ">",
          "++", "--", ".", "->", "...", "0", "1", "42", "3.5", "'a'", '"str"', "\n"]
PROLOGUE = "struct s { int a; int b : 3; };\nint f(int, ...);\n"
DIAGNOSTIC = re.compile(r"^[^\n:]+:\d+:\d+: error: \S")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), max_size=40))
def test_token_soup_never_escapes_as_a_traceback(tokens: list) -> None:
    source = PROLOGUE + "int g(int x, int y) {\n" + " ".join(tokens) + "\n}\n"
    try:
        compile_c(source, "soup.c", opt_level=0, debug=False)
    except VirtineCompileError as e:
        assert DIAGNOSTIC.match(e.diagnostics), e.diagnostics
        assert "Traceback" not in e.diagnostics
