"""Compiler diagnostics: ``file:line:col: error: message``, the source line, a caret."""
from __future__ import annotations

import os
import re
import warnings
from typing import Optional

from ..errors import LinkError, VirtineCompileError, VirtineCompileWarning


class CompileFailure(Exception):
    """Raised inside the compiler at the first error; the driver formats it."""

    def __init__(self, message: str, coord: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.coord = coord


class SourceMap:
    """The text of every file a diagnostic may point into."""

    def __init__(self, main_file: str = "", main_source: str = "") -> None:
        """Files other than ``main_file`` are read when a diagnostic names them."""
        self._files = {main_file: main_source.splitlines()} if main_file else {}

    def line(self, filename: str, line: int) -> Optional[str]:
        if filename not in self._files:
            try:
                with open(filename, encoding="utf-8", errors="replace") as f:
                    self._files[filename] = f.read().splitlines()
            except OSError:
                self._files[filename] = []
        lines = self._files[filename]
        return lines[line - 1] if 0 < line <= len(lines) else None


def format_error(sources: SourceMap, filename: str, line: int, column: int, message: str,
                 severity: str = "error") -> str:
    column = max(column, 1)
    text = f"{filename}:{line}:{column}: {severity}: {message}"
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



def emit_warnings(sources: SourceMap, fallback_file: str, found: list) -> None:
    """Issue the compiler's ``(coord, message)`` warnings as ``VirtineCompileWarning``s,
    each ``file:line:col: warning: ...`` with its source line. Only a compile that runs
    warns: a cached build is silent, as Python's own compile warnings are for a .pyc."""
    for coord, message in found:
        file, line, col = coord_parts(coord, fallback_file)
        warnings.warn_explicit(VirtineCompileWarning(format_error(
            sources, file, line, col, message, "warning")), VirtineCompileWarning, file, line)


def link_failure(error: LinkError, filename: str) -> VirtineCompileError:
    """A link error of the build of ``filename`` as a compile error: each undefined
    symbol at the C line referring to it (with that line), anything else at the file."""
    if not error.references:
        return VirtineCompileError(f"{filename}:1:1: error: {error}")
    sources = SourceMap()
    found = []
    for name, file, line, function in error.references:
        if file == os.path.basename(filename):  # line tables keep the file's own name
            file = filename
        text = sources.line(file, line) or ""
        where = "" if function.startswith("__virtine_") else f" (in function {function})"
        found.append(format_error(sources, file, line, text.find(name) + 1,
                                  f"undefined symbol {name}{where}"))
    found += [f"{filename}:1:1: error: {line}" for line in str(error).splitlines()
              if not re.search(r" at \S+:\d+$", line)]  # (those of code without lines)
    return VirtineCompileError("\n".join(found))
