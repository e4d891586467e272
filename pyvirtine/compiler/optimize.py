"""LLVM optimization (new pass manager, -O0..-O3) and ELF object emission."""
from __future__ import annotations

import llvmlite.binding as llvm

from .recursion import inline_recursion
from .target import target_machine


def optimize(module: "llvm.ModuleRef", opt_level: int) -> "llvm.ModuleRef":
    """``module`` optimized; a new module when recursive inlining had to copy functions."""
    if opt_level <= 0:
        return module
    if opt_level >= 2:  # gcc inlines recursion from -O2 on as well
        module = inline_recursion(module)
    tuning = llvm.create_pipeline_tuning_options(speed_level=opt_level)
    # LLVM's own default leaves the SLP vectorizer off; clang turns it on from -O2, as
    # gcc -O2 vectorizes straight-line code too (gcc 12 on).
    tuning.slp_vectorization = opt_level >= 2
    # Interleaving unrolls vectorized loops, which gcc -O2 does not: it made the matrix
    # multiply kernel 12% slower (854 vs 763 us best of 10) and sped up nothing
    # measured, so it waits for -O3.
    tuning.loop_interleaving = opt_level >= 3
    builder = llvm.create_pass_builder(target_machine(opt_level), tuning)
    builder.getModulePassManager().run(module, builder)
    return module


def emit_object(module: "llvm.ModuleRef", opt_level: int) -> bytes:
    return target_machine(max(0, min(opt_level, 3))).emit_object(module)
