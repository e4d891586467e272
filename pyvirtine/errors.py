"""The exceptions pyvirtine raises. Everything is a ``VirtineError``."""
from __future__ import annotations

from typing import Any, Optional


class VirtineError(Exception):
    """Base of every pyvirtine error."""

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


class VirtineCrash(VirtineError):
    """The guest faulted or the VM stopped unexpectedly; that VM was discarded."""

    def __init__(self, message: str, reason: str, registers: Optional[dict[str, int]] = None,
                 location: Optional[str] = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.registers = registers or {}
        self.location = location


class VirtineCompileError(VirtineError):
    """C source did not compile; ``diagnostics`` holds the ``file:line:col: error:`` lines."""

    def __init__(self, diagnostics: str) -> None:
        super().__init__(diagnostics)
        self.diagnostics = diagnostics


class LinkError(VirtineError):
    """Objects could not be linked into an image (undefined or duplicate symbols,
    relocation overflow, an image that does not fit its memory)."""
