"""Parse preprocessed C with pycparser, after naming the GNU extensions that
pycparser would otherwise reject with a bare syntax error."""
from __future__ import annotations

import re

from pycparser import c_ast, c_parser

from .diagnostics import CompileFailure

_MARKER = re.compile(r'#\s*(?:line\s+)?(\d+)\s+"((?:[^"\\]|\\.)*)"')
_LITERALS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
_UNSUPPORTED = [
    (re.compile(r"\b(?:__asm__|__asm|asm)\b"), "inline assembly is not supported in virtines"),
    (re.compile(r"\(\s*\{"), "GNU statement expressions are not supported"),
    (re.compile(r"\b(?:typeof|__typeof__|__typeof)\b"), "typeof is not supported"),
    (re.compile(r"\b__int128\b"), "__int128 is not supported"),
    (re.compile(r"\b__label__\b"), "local labels (__label__) are not supported"),
    (re.compile(r"&&\s*[A-Za-z_]\w*\s*[;,)]"), None),   # checked below: labels as values
    (re.compile(r"\b_Complex\b"), "complex types are not supported"),
    (re.compile(r"\b_Thread_local\b|\b__thread\b"), "thread-local storage is not supported "
                                                    "in virtines"),
]


class _Coord:
    def __init__(self, file: str, line: int, column: int) -> None:
        self.file, self.line, self.column = file, line, column


def reject_unsupported(text: str, filename: str) -> None:
    """Report the first GNU extension pycparser cannot parse, at its location."""
    file, line = filename, 1
    for raw in text.split("\n"):
        marker = _MARKER.match(raw.lstrip()) if raw.lstrip().startswith("#") else None
        if marker:
            file, line = marker.group(2), int(marker.group(1))
            continue
        if not raw.lstrip().startswith("#"):
            code = _LITERALS.sub(lambda m: " " * len(m.group()), raw)
            for pattern, message in _UNSUPPORTED:
                m = pattern.search(code)
                if m and message:
                    raise CompileFailure(message, _Coord(file, line, m.start() + 1))
        line += 1


def parse(text: str, filename: str) -> c_ast.FileAST:
    reject_unsupported(text, filename)
    try:
        return c_parser.CParser().parse(text, filename)
    except c_parser.ParseError as e:
        raise _syntax_error(str(e), filename) from None


def _syntax_error(message: str, filename: str) -> CompileFailure:
    m = re.match(r"(.*?):(\d+):(\d+): (.*)", message, re.S)
    if not m:
        return CompileFailure(f"syntax error: {message}")
    file, line, col, what = m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)
    what = re.sub(r"^before: (.*)$", r"syntax error before '\1'", what)
    return CompileFailure(what, _Coord(file or filename, line, col))
