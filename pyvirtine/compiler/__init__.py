"""pyvirtine's C compiler: pycparser front end, LLVM back end (through llvmlite)."""
from typing import Any

__all__ = ["compile_c", "compile_to_ir"]


def __getattr__(name: str) -> Any:
    # The driver brings in llvmlite (a tenth of a second): loaded when the compiler is
    # used, not when a light module of the package (diagnostics, preprocess) is.
    if name in __all__:
        from . import driver
        return getattr(driver, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
