"""pyvirtine: run C functions in per-call KVM micro-VMs."""
from .errors import (ImageError, KVMUnavailable, VirtineCompileError, VirtineCrash,
                     VirtineError, VirtinePolicyError, VirtineTimeout)
from .decorator import virtine
from .loader import load

__all__ = ["ImageError", "KVMUnavailable", "VirtineCompileError", "VirtineCrash",
           "VirtineError", "VirtinePolicyError", "VirtineTimeout", "load", "virtine"]
