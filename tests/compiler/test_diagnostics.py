"""Malformed C is rejected with a clean ``file:line:col: error:`` diagnostic at the
right place (source line and caret included), never with a Python traceback."""
import re
from pathlib import Path

import pytest

from pyvirtine.compiler import compile_c
from pyvirtine.errors import VirtineCompileError

from harness import HERE

BAD = sorted((HERE / "bad").glob("*.c"))


def _expected(path: Path) -> tuple:
    m = re.match(r"// expect-error: (\d+):(\d+): (.*)", path.read_text().splitlines()[0])
    return int(m.group(1)), int(m.group(2)), m.group(3)


@pytest.mark.parametrize("program", BAD, ids=lambda p: p.stem)
def test_bad_program_is_diagnosed(program: Path) -> None:
    line, col, message = _expected(program)
    with pytest.raises(VirtineCompileError) as info:
        compile_c(program.read_text(), str(program))
    text = info.value.diagnostics
    first = text.splitlines()[0]
    assert first.startswith(f"{program}:{line}:{col}: error: "), text
    assert message in first, text
    assert "Traceback" not in text and "internal compiler error" not in text
    lines = text.splitlines()
    source_line = program.read_text().splitlines()[line - 1]
    assert lines[1] == source_line.expandtabs(1)
    assert lines[2] == " " * (col - 1) + "^"


def test_internal_errors_keep_a_location(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug inside the compiler still reports file:line:col, not a traceback."""
    from pyvirtine.compiler import expressions

    def broken(self, node):
        raise KeyError("boom")

    monkeypatch.setattr(expressions.ExpressionGen, "e_BinaryOp", broken)
    with pytest.raises(VirtineCompileError) as info:
        compile_c("int main(void) {\n  return 1 + 2;\n}\n", "ice.c")
    assert info.value.diagnostics.startswith("ice.c:2:")
    assert "internal compiler error: KeyError" in info.value.diagnostics


def test_missing_preprocessor_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(VirtineCompileError) as info:
        compile_c("int main(void) { return 0; }\n", "nocpp.c")
    assert "no C preprocessor found" in info.value.diagnostics


@pytest.mark.parametrize("name", ['we"ird name.c', "back\\slash.c", "dir with space/ü.c"])
def test_file_names_survive_line_markers(name: str) -> None:
    with pytest.raises(VirtineCompileError) as info:
        compile_c("int f(void) {\n  return nope;\n}\n", name)
    lines = info.value.diagnostics.splitlines()
    assert lines[0] == f"{name}:2:10: error: use of undeclared identifier 'nope'"
    assert lines[1:] == ["  return nope;", "         ^"]


def test_implicit_int_is_a_warning_as_in_gcc() -> None:
    from pyvirtine.errors import VirtineCompileWarning
    with pytest.warns(VirtineCompileWarning) as got:
        compile_c("static x = 1, *y;\nint f(void) { const z = 2; return x + z; }\n", "imp.c")
    assert [str(w.message).splitlines()[0] for w in got] == [
        f"imp.c:1:{col}: warning: type defaults to 'int' in declaration of '{name}' "
        "[-Wimplicit-int]" for col, name in ((8, "x"), (16, "y"))] + [
        "imp.c:2:21: warning: type defaults to 'int' in declaration of 'z' [-Wimplicit-int]"]


def test_a_stray_character_is_not_an_identifier() -> None:
    with pytest.raises(VirtineCompileError) as info:
        compile_c("int a\u00a7b = 1;\n", "stray.c")
    assert info.value.diagnostics.startswith("stray.c:1:6: error: Illegal character '\u00a7'")
