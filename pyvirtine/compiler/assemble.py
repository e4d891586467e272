"""Assemble GNU-syntax x86-64 assembly into an ELF relocatable object with LLVM's
integrated assembler (through llvmlite), so pyvirtine needs no binutils."""
from __future__ import annotations

import llvmlite.binding as llvm

from .target import target_machine


def assemble(source: str, filename: str = "<asm>") -> bytes:
    """Return the ELF object for ``source`` (``.code16``/``.code32``/``.code64`` allowed)."""
    lines = "\n".join(f"module asm {_ir_string(line)}" for line in source.splitlines())
    module = llvm.parse_assembly(f'source_filename = {_ir_string(filename)}\n{lines}\n')
    return target_machine().emit_object(module)


def _ir_string(text: str) -> str:
    escaped = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else f"\\{ord(c):02X}"
                      for c in text)
    return f'"{escaped}"'
