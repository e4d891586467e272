"""Read a C file the way pyvirtine's compiler does (its preprocessor, which defines
``__PYVIRTINE__`` and puts ``virtine.h`` on the path, and its parser), so the virtine
markers arrive in the syntax tree as ``Pragma`` nodes.

Some expressions are only known as source text: the lengths in ``VIRTINE_IN(len)``
and the masks of ``virtine_whitelist(mask)``, whose macros expand to nothing or are
stringized.  Each is appended to the file as a *probe* declaration, so the same
preprocessing expands its macros; the probes are then taken off the tree."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Sequence, TypeVar

from pycparser import c_ast

from ..compiler.diagnostics import CompileFailure, SourceMap, coord_parts, format_error
from ..compiler.parse import parse as parse_text
from ..compiler.preprocess import STUB_INCLUDE, preprocess
from ..errors import VirtineCompileError

INCLUDE_DIR = STUB_INCLUDE
_PROBE = "__pyvirtine_probe_"
T = TypeVar("T")


@dataclass(frozen=True)
class Probe:
    text: str
    line: int      # where the text is in the file, for diagnostics


@dataclass
class ParsedSource:
    filename: str
    ast: c_ast.FileAST
    sources: SourceMap
    probes: list   # the parsed expression of each probe, in order

    def error(self, coord: object, message: str) -> VirtineCompileError:
        file, line, col = coord_parts(coord, self.filename)
        return VirtineCompileError(format_error(self.sources, file, line, col, message))

    def error_at(self, line: int, col: int, message: str) -> VirtineCompileError:
        return VirtineCompileError(format_error(self.sources, self.filename, line, col, message))


def preprocess_probed(source: str, filename: str, include_dirs: Iterable[str] = (),
                      defines: Iterable[str] = (), probes: Sequence[Probe] = ()) -> str:
    """The preprocessed text of ``source`` with ``probes`` appended."""
    tail = "".join(f'\n#line {p.line} "{filename}"\n'
                   f"static const long long {_PROBE}{i} = ({p.text});"
                   for i, p in enumerate(probes))
    return _reporting(source, filename, lambda: preprocess(
        source + "\n" + tail + "\n", filename, list(include_dirs), list(defines)))


def parse(text: str, source: str, filename: str) -> ParsedSource:
    """Parse ``text`` (``preprocess_probed`` of ``source``) and take the probes off."""
    ast = _reporting(source, filename, lambda: parse_text(text, filename))
    found = [e for e in ast.ext if isinstance(e, c_ast.Decl) and (e.name or "").startswith(_PROBE)]
    ast.ext = [e for e in ast.ext if not any(e is f for f in found)]
    return ParsedSource(filename, ast, SourceMap(filename, source), [d.init for d in found])


def _reporting(source: str, filename: str, step: Callable[[], T]) -> T:
    try:
        return step()
    except CompileFailure as failure:
        if failure.coord is None and "error:" in failure.message:
            raise VirtineCompileError(failure.message) from None  # formatted by cpp
        file, line, col = coord_parts(failure.coord, filename)
        raise VirtineCompileError(format_error(SourceMap(filename, source), file, line, col,
                                               failure.message)) from None
