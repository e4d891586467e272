"""The compiler pipeline, top to bottom: preprocess, parse, check and generate
LLVM IR, optimize, emit an x86-64 ELF object. Every failure leaves here as a
``VirtineCompileError`` carrying ``file:line:col: error:`` diagnostics."""
from __future__ import annotations

import gc
import sys
import traceback
from typing import Sequence

import llvmlite.binding as llvm

from ..errors import VirtineCompileError
from .asm_check import check_inline_asm
from .codegen import CodeGen
from .diagnostics import CompileFailure, SourceMap, coord_parts, emit_warnings, format_error
from .optimize import emit_object, optimize
from .parse import parse
from .preprocess import preprocess
from .target import target_machine


# pycparser and the code generator recurse once per nesting level of the C source.
_RECURSION_LIMIT = 20000

# Allocations between young collections while compiling. The compiler makes millions of
# objects that live until it returns, and Python's default (700) has its collector walk
# them over and over: half the time of generating and printing a function of 65536 blocks.
_GC_YOUNG_THRESHOLD = 50000


def _build(source: str, filename: str, include_dirs: Sequence[str], defines: Sequence[str],
           undefines: Sequence[str], opt_level: int, debug: bool,
           runs_destructors: bool = True) -> "llvm.ModuleRef":
    limit = sys.getrecursionlimit()
    thresholds = gc.get_threshold()
    sys.setrecursionlimit(max(limit, _RECURSION_LIMIT))
    gc.set_threshold(max(thresholds[0], _GC_YOUNG_THRESHOLD), *thresholds[1:])
    try:
        return _build_unguarded(source, filename, include_dirs, defines, undefines, opt_level,
                                debug, runs_destructors)
    finally:
        sys.setrecursionlimit(limit)
        gc.set_threshold(*thresholds)


def _build_unguarded(source: str, filename: str, include_dirs: Sequence[str],
                     defines: Sequence[str], undefines: Sequence[str], opt_level: int,
                     debug: bool, runs_destructors: bool) -> "llvm.ModuleRef":
    sources = SourceMap(filename, source)
    try:
        text = preprocess(source, filename, include_dirs, defines, undefines)
        parse_warnings: list = []
        ast = parse(text, filename, parse_warnings)
        gen = CodeGen(filename, debug, runs_destructors)
        module = gen.generate(ast)
        check_inline_asm(gen.asm_checks)
        emit_warnings(sources, filename, parse_warnings + gen.warnings)
        target_machine(opt_level)   # initializes LLVM's x86 target before parsing IR
        llmod = llvm.parse_assembly(str(module))
        llmod.name = filename
        llmod.verify()
        return optimize(llmod, opt_level)
    except CompileFailure as failure:
        file, line, col = coord_parts(failure.coord, filename)
        raise VirtineCompileError(format_error(sources, file, line, col,
                                               failure.message)) from None
    except Exception as exc:  # noqa: BLE001 - the API boundary: no traceback escapes
        coord = _innermost_coord(exc)
        file, line, col = coord_parts(coord, filename)
        where = traceback.extract_tb(exc.__traceback__)[-1]
        raise VirtineCompileError(format_error(
            sources, file, line, col,
            f"internal compiler error: {type(exc).__name__}: {exc} "
            f"(at {where.name}:{where.lineno})")) from None


def _innermost_coord(exc: BaseException) -> object:
    """The coordinate of the innermost AST node being compiled when ``exc`` happened."""
    coord = None
    tb = exc.__traceback__
    while tb is not None:
        node = tb.tb_frame.f_locals.get("node")
        if getattr(node, "coord", None) is not None:
            coord = node.coord
        tb = tb.tb_next
    return coord


def compile_to_ir(source: str, filename: str, *, include_dirs: Sequence[str] = (),
                  defines: Sequence[str] = (), undefines: Sequence[str] = (),
                  opt_level: int = 2, debug: bool = True) -> str:
    """LLVM IR (after optimization at ``opt_level``) for C ``source`` named ``filename``."""
    return str(_build(source, filename, include_dirs, defines, undefines, opt_level, debug))


def compile_c(source: str, filename: str, *, include_dirs: Sequence[str] = (),
              defines: Sequence[str] = (), undefines: Sequence[str] = (),
              opt_level: int = 2, debug: bool = True, runs_destructors: bool = True) -> bytes:
    """An x86-64 ELF relocatable object for C ``source`` named ``filename``.
    ``runs_destructors=False``: the object is for virtine functions, whose images never
    run destructors (each is warned about)."""
    llmod = _build(source, filename, include_dirs, defines, undefines, opt_level, debug,
                   runs_destructors)
    try:
        return emit_object(llmod, opt_level)
    except Exception as exc:  # noqa: BLE001 - the API boundary
        raise VirtineCompileError(f"{filename}:1:1: error: internal compiler error while "
                                  f"emitting code: {exc}") from None
