"""The one LLVM target every guest object is built for: freestanding x86-64 ELF,
static relocation model, small code model (what the image linker resolves)."""
from __future__ import annotations

import functools

import llvmlite.binding as llvm

TRIPLE = "x86_64-unknown-none-elf"


@functools.lru_cache(maxsize=None)
def target_machine(opt: int = 2) -> "llvm.TargetMachine":
    llvm.initialize_native_target()
    llvm.initialize_native_asmprinter()
    llvm.initialize_native_asmparser()
    target = llvm.Target.from_triple(TRIPLE)
    return target.create_target_machine(opt=opt, reloc="static", codemodel="small")
