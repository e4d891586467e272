"""pyvirtine: run C functions in per-call KVM micro-VMs."""
from typing import TYPE_CHECKING, Any

from .errors import (Frame, ImageError, KVMUnavailable, LinkError, VirtineCompileError,
                     VirtineCompileWarning, VirtineCrash, VirtineError, VirtinePolicyError,
                     VirtineTimeout)

__all__ = ["Frame", "ImageError", "KVMUnavailable", "LinkError", "VirtineCompileError",
           "VirtineCompileWarning", "VirtineCrash", "VirtineError", "VirtinePolicyError",
           "VirtineTimeout", "load", "virtine"]


if TYPE_CHECKING:
    from .decorator import virtine as virtine
    from .loader import load as load

    __version__: str


def __getattr__(name: str) -> Any:
    # Imported on first use: they bring in the compiler (llvmlite), which tools that
    # only need a corner of pyvirtine (the setuptools hook, the runtime) should not pay for.
    if name == "__version__":
        from .version import installed_version
        return installed_version()
    if name == "virtine":
        from .decorator import virtine
        return virtine
    if name == "load":
        from .loader import load
        return load
    raise AttributeError(f"module 'pyvirtine' has no attribute {name!r}")

