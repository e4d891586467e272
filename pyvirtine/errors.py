"""The exceptions pyvirtine raises. Everything is a ``VirtineError``."""
from __future__ import annotations

import sys
import warnings
from typing import Any, NamedTuple, Optional


class VirtineError(Exception):
    """Base of every pyvirtine error. A call that failed keeps what the guest wrote
    before it did, including what its stdio still buffered: ``stdout`` and ``stderr``
    (empty when its output went straight to the host's terminal)."""

    stdout: bytes = b""
    stderr: bytes = b""

    def __reduce__(self) -> tuple:
        # Rebuilt from its args and attributes without calling __init__, whose
        # parameters differ by subclass: an error from a worker process (pickle,
        # multiprocessing, Dask) arrives with every field (reason, registers, location...).
        return _rebuilt, (type(self), self.args, self.__dict__)


def _rebuilt(cls: type, args: tuple, fields: dict[str, Any]) -> VirtineError:
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(fields)
    return error


class ImageError(VirtineError):
    """An image file is truncated, corrupted, or asks for more than it may."""


class KVMUnavailable(VirtineError):
    """/dev/kvm cannot be opened or lacks a capability pyvirtine needs."""


class VirtineTimeout(VirtineError):
    """A call ran past its deadline; the vCPU was stopped."""


class VirtinePolicyError(VirtineError):
    """The guest made a hypercall its policy does not allow."""

    def __init__(self, message: str, hypercall: str) -> None:
        super().__init__(message)
        self.hypercall = hypercall


class Frame(NamedTuple):
    """One frame of a guest backtrace: the code address (for a caller, the return
    address), and its function, file and line when the image's line table knows them."""
    address: int
    function: str = ""
    file: str = ""
    line: int = 0

    def __str__(self) -> str:
        name = self.function or f"{self.address:#x}"
        return f"{name} at {self.file}:{self.line}" if self.line else name


class VirtineCrash(VirtineError):
    """The guest faulted, called ``abort()`` or exited instead of returning, or the VM
    stopped unexpectedly; that VM was discarded. ``reason`` is ``"abort"``, ``"stack
    overflow"``, ``"exit"``, ``"exception N"``...; ``location`` the innermost frame of
    the user's code (``file.c:LINE in function``); ``backtrace`` the guest's frames,
    innermost first."""

    def __init__(self, message: str, reason: str, registers: Optional[dict[str, int]] = None,
                 location: Optional[str] = None, backtrace: Optional[list[Frame]] = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.registers = registers or {}
        self.location = location
        self.backtrace = backtrace or []


class VirtineCompileError(VirtineError):
    """C source did not compile; ``diagnostics`` holds the ``file:line:col: error:`` lines."""

    def __init__(self, diagnostics: str) -> None:
        super().__init__(diagnostics)
        self.diagnostics = diagnostics


class VirtineCompileWarning(UserWarning):
    """C source that compiles but is likely wrong, as gcc warns by default (``int *p =
    x;``): the message is ``file:line:col: warning: ...``."""


def show_compile_warnings_plainly() -> None:
    """Make ``VirtineCompileWarning``s print as a C compiler's do (for the commands)."""
    previous = warnings.showwarning

    def show(message, category, filename, lineno, file=None,  # type: ignore[no-untyped-def]
             line=None):
        if issubclass(category, VirtineCompileWarning):
            print(message, file=sys.stderr if file is None else file)
        else:
            previous(message, category, filename, lineno, file, line)
    warnings.showwarning = show


class LinkError(VirtineError):
    """Objects could not be linked into an image (undefined or duplicate symbols,
    relocation overflow, an image that does not fit its memory). ``references`` holds
    ``(symbol, file, line, function)`` per undefined symbol whose referring C line is
    known."""

    def __init__(self, message: str, references: Optional[list] = None) -> None:
        super().__init__(message)
        self.references = references or []
