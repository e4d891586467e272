"""Run virtine images from Python.

>>> v = Virtine(image_bytes, timeout=1.0, allow=["write"])
>>> r = v.call(b"argument bytes")
>>> r.result, r.stdout

A ``Virtine`` owns a pool of VMs for one image. The first VM boots to the image's
snapshot point; every call starts from that snapshot on a ready VM and every page the
call dirtied is put back afterwards, so no call can see what another left behind.
Calls from several threads run in parallel (the native launcher releases the GIL).
"""
from __future__ import annotations

import dataclasses
import os
import threading
import weakref
from typing import Iterable, NamedTuple, Optional, Union

from . import image as image_format
from .errors import (ImageError, KVMUnavailable, VirtineCrash, VirtineError, VirtinePolicyError,
                     VirtineTimeout)

try:
    from .hypervisor._launcher import ffi, lib
except ImportError as exc:  # pragma: no cover - only without a built extension
    raise ImportError("pyvirtine's native launcher is not built: install pyvirtine with pip "
                      "(or run `make test`), which compiles it with cffi") from exc

REGISTER_NAMES = ("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rsp", "rbp", "r8", "r9", "r10",
                  "r11", "r12", "r13", "r14", "r15", "rip", "rflags")
BOOT_MODES = {"direct": lib.VT_BOOT_DIRECT, "stub": lib.VT_BOOT_STUB}


class CallResult(NamedTuple):
    """What one call returned: the guest's exit status, its result bytes (from the
    argument area), captured output, and how many VM exits the call took."""

    status: int
    result: bytes
    stdout: bytes
    stderr: bytes
    exits: int


@dataclasses.dataclass(frozen=True)
class PoolStats:
    calls: int
    vms_created: int
    vms_discarded: int
    vms_ready: int
    pages_restored: int


AllowSpec = Union[int, Iterable[str]]
BytesLike = Union[bytes, bytearray, memoryview]  # or any buffer-protocol object


def _allow_mask(allow: AllowSpec) -> int:
    return allow if isinstance(allow, int) else image_format.allow_mask(list(allow))


class Virtine:
    """A pool of ready VMs running one image.

    ``timeout`` is per call in seconds; ``allow`` opens hypercalls beyond the image's
    own allowlist (names as in ``pyvirtine.image.HCALLS`` or a mask); ``capture`` keeps
    guest stdout/stderr in the result instead of writing them to the host's;
    ``boot="stub"`` makes the guest walk real -> long mode itself; ``snapshot=False``
    boots every call from scratch; ``memory_limit`` refuses images needing more.
    """

    def __init__(self, image: Union[image_format.Image, bytes, str, os.PathLike], *,
                 pool_size: int = 1, timeout: Optional[float] = None, allow: AllowSpec = 0,
                 capture: bool = True, boot: str = "direct", snapshot: bool = True,
                 memory_limit: Optional[int] = None) -> None:
        if isinstance(image, image_format.Image):
            self.image, data = image, image.to_bytes()
        else:
            data = image if isinstance(image, (bytes, bytearray)) else open(image, "rb").read()
            self.image = image_format.Image.from_bytes(bytes(data))
        if boot not in BOOT_MODES:
            raise ValueError(f"boot must be one of {sorted(BOOT_MODES)}, not {boot!r}")
        if timeout is not None and not timeout > 0:
            raise ValueError("timeout must be a positive number of seconds")
        if pool_size < 1:
            raise ValueError("pool_size must be at least 1")
        self.timeout = timeout
        options = ffi.new("struct vt_options *", {
            "pool_size": pool_size, "boot": BOOT_MODES[boot], "allow": _allow_mask(allow),
            "capture": int(capture), "snapshot": int(snapshot), "timeout": timeout or 0.0,
            "memory_limit": memory_limit or 0})
        res = ffi.new("struct vt_result *")
        pool = lib.vt_pool_create(data, len(data), options, res)
        try:
            if pool == ffi.NULL:
                raise self._error(res, during="booting the virtine")
        finally:
            lib.vt_result_release(res)
        self._pool = pool
        # Destroys the pool once, on close(), garbage collection or interpreter exit
        # (before the native module is torn down).
        self._destroy = weakref.finalize(self, lib.vt_pool_destroy, pool)
        self._per_thread = threading.local()  # one reusable result struct per thread

    def call(self, args: BytesLike = b"", input: BytesLike = b"") -> CallResult:
        """Run one call in a clean virtine. Raises ``VirtineTimeout``,
        ``VirtinePolicyError`` or ``VirtineCrash``; the pool stays usable after any."""
        pool = self._open_pool()
        res = getattr(self._per_thread, "res", None)
        if res is None:
            res = self._per_thread.res = ffi.new("struct vt_result *")
        if type(args) is not bytes:
            args = _bytes_like("args", args)
        if type(input) is not bytes:
            input = _bytes_like("input", input)
        try:
            if lib.vt_call(pool, args, len(args), input, len(input), res):
                raise self._error(res)
            out_len, err_len = res.out_len, res.err_len
            return CallResult(res.status, _take(res.result, res.result_len),
                              _take(res.out, out_len) if out_len else b"",
                              _take(res.err, err_len) if err_len else b"", res.exits)
        finally:
            lib.vt_result_release(res)

    def stats(self) -> PoolStats:
        s = ffi.new("struct vt_pool_stats *")
        lib.vt_pool_stats(self._open_pool(), s)
        return PoolStats(s.calls, s.vms_created, s.vms_discarded, s.vms_ready, s.pages_restored)

    def close(self) -> None:
        """Destroy the pool's VMs. No call of this virtine may still be running."""
        self._pool = None
        self._destroy()

    def _open_pool(self):
        pool = self._pool
        if pool is None:
            raise VirtineError("this virtine is closed")
        return pool

    def __enter__(self) -> "Virtine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _error(self, res, during: str = "") -> VirtineError:
        message = ffi.string(res.message).decode(errors="replace")
        if during:
            message = f"{message} ({during})"
        kind = res.kind
        if kind == lib.VT_TIMEOUT:
            return VirtineTimeout(message)
        if kind == lib.VT_POLICY:
            name = next((n for n, nr in image_format.HCALLS.items() if nr == res.hypercall),
                        str(res.hypercall))
            return VirtinePolicyError(message, name)
        if kind == lib.VT_CRASH:
            registers = dict(zip(REGISTER_NAMES, res.regs))
            location = image_format.source_location(self.image.debug, registers["rip"])
            if location:
                message = f"{message} in {location}"
            if res.vector >= 0:
                registers["vector"] = res.vector
                registers["error_code"] = res.error_code
                registers["cr2"] = res.cr2
            return VirtineCrash(message, reason=_crash_reason(res), registers=registers,
                                location=location)
        if "/dev/kvm" in message or "KVM lacks" in message:
            return KVMUnavailable(message)
        if "guest memory" in message and "limit" in message:
            return ImageError(message)
        return VirtineError(message)


def _crash_reason(res) -> str:
    if res.vector >= 0:
        return f"exception {res.vector}"
    return f"exit reason {res.exit_reason}" if res.exit_reason else "vm failure"


def _bytes_like(name: str, value: BytesLike):
    """A buffer-protocol object as a C byte array (bytes go to C as they are)."""
    try:
        return ffi.from_buffer("uint8_t[]", value)
    except TypeError:
        raise TypeError(f"{name} must be bytes-like (bytes, bytearray, memoryview), "
                        f"not {type(value).__name__}") from None


def _take(pointer, length: int) -> bytes:
    return ffi.buffer(pointer, length)[:] if length else b""
