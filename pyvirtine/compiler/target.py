"""The one LLVM target every guest object is built for: freestanding x86-64 ELF,
static relocation model, small code model (what the image linker resolves), for CPUs
of x86-64-v2 (SSE4.2, SSSE3, POPCNT) and up.

Why v2: on the baseline x86-64 (SSE2 only) LLVM's cost model declines to vectorize
loops that widen bytes (a byte sum, a count of matching bytes: what parsers do), which
gcc -O2 vectorizes; with SSE4.1's zero-extending loads it does. Every x86-64 machine
KVM runs on from 2009 on has v2; images carry ``FLAG_X86_64_V2`` and the launcher
refuses them on a CPU without it rather than fault mid-call."""
from __future__ import annotations

import functools

import llvmlite.binding as llvm

TRIPLE = "x86_64-unknown-none-elf"
CPU = "x86-64-v2"


@functools.lru_cache(maxsize=None)
def target_machine(opt: int = 2) -> "llvm.TargetMachine":
    llvm.initialize_native_target()
    llvm.initialize_native_asmprinter()
    llvm.initialize_native_asmparser()
    target = llvm.Target.from_triple(TRIPLE)
    return target.create_target_machine(cpu=CPU, opt=opt, reloc="static", codemodel="small")
