"""pyvirtine's C compiler: pycparser front end, LLVM back end (through llvmlite)."""
from .driver import compile_c, compile_to_ir

__all__ = ["compile_c", "compile_to_ir"]
