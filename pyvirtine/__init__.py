"""pyvirtine: run C functions in per-call KVM micro-VMs."""
from typing import Any

from .errors import (Frame, ImageError, KVMUnavailable, LinkError, VirtineCompileError,
                     VirtineCompileWarning, VirtineCrash, VirtineError, VirtinePolicyError,
                     VirtineTimeout)

__all__ = ["Frame", "ImageError", "KVMUnavailable", "LinkError", "VirtineCompileError",
           "VirtineCompileWarning", "VirtineCrash", "VirtineError", "VirtinePolicyError",
           "VirtineTimeout", "load", "virtine"]


def __getattr__(name: str) -> Any:
    # Imported on first use: they bring in the compiler (llvmlite), which tools that
    # only need a corner of pyvirtine (the setuptools hook, the runtime) should not pay for.
    if name == "virtine":
        from .decorator import virtine
        return virtine
    if name == "load":
        from .loader import load
        return load
    raise AttributeError(f"module 'pyvirtine' has no attribute {name!r}")
