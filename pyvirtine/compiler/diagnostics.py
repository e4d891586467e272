"""Compiler diagnostics: ``file:line:col: error: message``, the source line, a caret."""
from __future__ import annotations

import re
from typing import Optional


class CompileFailure(Exception):
    """Raised inside the compiler at the first error; the driver formats it."""

    def __init__(self, message: str, coord: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.coord = coord


class SourceMap:
    """The text of every file a diagnostic may point into."""

    def __init__(self, main_file: str, main_source: str) -> None:
        self._files = {main_file: main_source.splitlines()}

    def line(self, filename: str, line: int) -> Optional[str]:
        if filename not in self._files:
            try:
                with open(filename, encoding="utf-8", errors="replace") as f:
                    self._files[filename] = f.read().splitlines()
            except OSError:
                self._files[filename] = []
        lines = self._files[filename]
        return lines[line - 1] if 0 < line <= len(lines) else None


def format_error(sources: SourceMap, filename: str, line: int, column: int, message: str) -> str:
    column = max(column, 1)
    text = f"{filename}:{line}:{column}: error: {message}"
    src = sources.line(filename, line)
    if src is not None:
        expanded = src.expandtabs(1)
        text += f"\n{expanded}\n{' ' * (column - 1)}^"
    return text


def coord_parts(coord: object, fallback_file: str) -> tuple:
    """(file, line, column) of a pycparser coordinate, tolerant of missing pieces."""
    if coord is None:
        return fallback_file, 1, 1
    return (coord_file(coord) or fallback_file, getattr(coord, "line", 1) or 1,
            getattr(coord, "column", 1) or 1)


def quote_filename(name: str) -> str:
    """A file name as a C string literal, for line markers."""
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def unquote_filename(text: str) -> str:
    """Line markers keep C escapes in file names (``we\\"ird.c``): undo them."""
    return re.sub(r"\\(.)", r"\1", text)


def coord_file(coord: object) -> str:
    file = getattr(coord, "file", None)
    return unquote_filename(file) if file else ""

