"""Parse preprocessed C with pycparser extended for GNU C (``gnu_parser``), after
naming the extensions it does not take, which would otherwise be a bare syntax error."""
from __future__ import annotations

import re
from typing import Optional

from pycparser import c_ast, c_parser

from .diagnostics import CompileFailure, unquote_filename
from .gnu_parser import GnuParser

_MARKER = re.compile(r'#\s*(?:line\s+)?(\d+)\s+"((?:[^"\\]|\\.)*)"')
_LITERALS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
_UNSUPPORTED = [
    (re.compile(r"\b__int128\b"), "__int128 is not supported"),
    (re.compile(r"\b__label__\b"), "local labels (__label__) are not supported"),
    (re.compile(r"\b_Imaginary\b"), "imaginary types are not supported"),
    (re.compile(r"\b_Thread_local\b|\b__thread\b"), "thread-local storage is not supported "
                                                    "in virtines"),
]


_KEYWORDS = {"auto", "break", "case", "char", "const", "continue", "default", "do", "double",
             "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long",
             "register", "restrict", "return", "short", "signed", "sizeof", "static", "struct",
             "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "_Bool"}


class _Coord:
    def __init__(self, file: str, line: int, column: int) -> None:
        self.file, self.line, self.column = file, line, column


def source_lines(text: str, filename: str) -> dict:
    """Map (file, line) of the original sources to the preprocessed code on that line."""
    lines = {}
    file, line = filename, 1
    for raw in text.split("\n"):
        stripped = raw.lstrip()
        marker = _MARKER.match(stripped) if stripped.startswith("#") else None
        if marker:
            file, line = unquote_filename(marker.group(2)), int(marker.group(1))
            continue
        if not stripped.startswith("#"):
            lines[(file, line)] = raw
        line += 1
    return lines


def reject_unsupported(lines: dict) -> None:
    """Report the first GNU extension pycparser cannot parse, at its location."""
    for (file, line), raw in lines.items():
        code = _LITERALS.sub(lambda m: " " * len(m.group()), raw)
        for pattern, message in _UNSUPPORTED:
            m = pattern.search(code)
            if m:
                raise CompileFailure(message, _Coord(file, line, m.start() + 1))


def parse(text: str, filename: str, warnings: Optional[list] = None) -> c_ast.FileAST:
    """The AST of ``text``; the parser's ``(coord, message)`` warnings go to ``warnings``."""
    lines = source_lines(text, filename)
    reject_unsupported(lines)
    parser = GnuParser()
    try:
        ast = parser.parse(text, filename)
    except c_parser.ParseError as e:
        raise _syntax_error(str(e), filename, lines, parser) from None
    if warnings is not None:
        warnings += parser.warnings
    return ast


def _syntax_error(message: str, filename: str, lines: dict,
                  parser: c_parser.CParser) -> CompileFailure:
    m = re.match(r"(.*?):(\d+):(\d+): (.*)", message, re.S)
    if not m:
        # Some pycparser errors name only the file: point at the token it stopped on.
        what = message.split(": ", 1)[-1]
        try:
            tok = parser._peek()
            coord = _Coord(unquote_filename(tok.filename or filename), tok.lineno, tok.column)
            what = f"{what} before '{tok.value}'"
        except Exception:  # noqa: BLE001 - pycparser internals; the message still stands
            coord = _end_of(filename, lines)
        return CompileFailure(f"syntax error: {what}", coord)
    file, line, col, what = (unquote_filename(m.group(1)), int(m.group(2)), int(m.group(3)),
                             m.group(4))
    what = re.sub(r"^before: (.*)$", r"syntax error before '\1'", what)
    code = lines.get((file or filename, line), "")
    unknown = re.match(r"([A-Za-z_]\w*)[\s*]+[A-Za-z_]\w*", code[col - 1:])
    if unknown and unknown.group(1) not in _KEYWORDS:
        what = f"unknown type name '{unknown.group(1)}'"
    return CompileFailure(what, _Coord(file or filename, line, col))


def _end_of(filename: str, lines: dict) -> _Coord:
    """Just past the last code of ``filename``: where "at end of input" errors are."""
    last = max((line for file, line in lines if file == filename and lines[file, line].strip()),
               default=1)
    return _Coord(filename, last, len(lines.get((filename, last), "").rstrip()) + 1)
