"""DWARF line tables through LLVM debug metadata, so a guest address maps back
to ``file.c:LINE in function`` (the image linker reads them with pyelftools)."""
from __future__ import annotations

import os
from typing import Optional

import llvmlite.ir as ir

from .diagnostics import coord_file

# The widest column a DILocation holds; past it (a long macro expansion) the column is unknown.
_MAX_COLUMN = 65535

_I32 = ir.IntType(32)


class DebugInfo:
    """Compile unit, one subprogram per function, a location per statement."""

    def __init__(self, module: ir.Module, filename: str, enabled: bool) -> None:
        self.module = module
        self.enabled = enabled
        self.scope: Optional[ir.DIValue] = None
        self._files: dict = {}
        self._blocks: dict = {}
        if not enabled:
            return
        self.main_file = self.file(filename)
        self.unit = module.add_debug_info("DICompileUnit", {
            "language": ir.DIToken("DW_LANG_C99"), "file": self.main_file,
            "producer": "pyvirtine", "isOptimized": False,
            "emissionKind": ir.DIToken("LineTablesOnly"),
        }, is_distinct=True)
        module.add_named_metadata("llvm.dbg.cu", self.unit)
        flags = module.add_named_metadata("llvm.module.flags")
        flags.add(module.add_metadata([_I32(7), "Dwarf Version", _I32(4)]))
        flags.add(module.add_metadata([_I32(2), "Debug Info Version", _I32(3)]))
        self._subroutine_type = module.add_debug_info("DISubroutineType",
                                                      {"types": module.add_metadata([])})

    def file(self, path: str) -> ir.DIValue:
        if path not in self._files:
            directory, name = os.path.split(os.path.abspath(path))
            self._files[path] = self.module.add_debug_info(
                "DIFile", {"filename": name if path == name else path, "directory": directory})
        return self._files[path]

    def begin_function(self, fn: ir.Function, name: str, coord: object) -> None:
        if not self.enabled:
            return
        file = self.file(coord_file(coord) or "<unknown>")
        line = getattr(coord, "line", 0) or 0
        self.scope = self.module.add_debug_info("DISubprogram", {
            "name": name, "scope": file, "file": file, "line": line,
            "type": self._subroutine_type, "scopeLine": line, "unit": self.unit,
            "spFlags": ir.DIToken("DISPFlagDefinition"),
        }, is_distinct=True)
        self._function_file = coord_file(coord)
        self._blocks = {}
        fn.set_metadata("dbg", self.scope)

    def set_location(self, builder: ir.IRBuilder, coord: object) -> None:
        if not self.enabled or self.scope is None or coord is None:
            return
        scope = self.scope
        path = coord_file(coord)
        if path and path != self._function_file:
            if path not in self._blocks:
                self._blocks[path] = self.module.add_debug_info("DILexicalBlockFile", {
                    "scope": self.scope, "file": self.file(path), "discriminator": 0})
            scope = self._blocks[path]
        column = coord.column or 0
        builder.debug_metadata = self.module.add_debug_info("DILocation", {
            "line": coord.line or 0, "column": column if column <= _MAX_COLUMN else 0,
            "scope": scope})

    def end_function(self) -> None:
        self.scope = None
