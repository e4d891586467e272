"""A virtine as a Python callable: arguments are checked and packed (``marshal``),
each call runs in a clean virtine from a pool (``runtime``), results are unpacked and
copied-out buffers written back.

Calls are thread-safe and release the GIL while the guest runs, so ``acall`` (for
asyncio) and thread pools run calls in parallel up to ``pool_size``."""
from __future__ import annotations

import functools
import os
import struct
import sys
import threading
import weakref
from threading import get_ident
from typing import Any, Callable, NamedTuple, Optional, Union

from . import pickling
from .errors import VirtineCrash, VirtineError
from .grants import FileGrants, resolve_grants
from .image import Image, allow_mask
from .marshal import ArgPacker, Codec, FixedPlan, Signature, plan_for
from .pool_options import check_pool_options

AllowSpec = Union[int, list, tuple, None]


class Captured(NamedTuple):
    """What a ``capture=True`` virtine returns: the C result and the guest's output."""
    value: Any
    stdout: bytes
    stderr: bytes


class VirtineFunction:
    """Calls one virtine image. ``timeout`` is seconds per call; ``allow`` names
    hypercalls (``"write"``...) opened beyond the image's own; ``capture`` returns the
    guest's output in a ``Captured`` instead of writing it to ``sys.stdout``/``stderr``;
    ``files`` grants files or directories the guest may open (``pyvirtine.grants``);
    ``host_entropy`` and ``init_timeout`` are ``runtime.Virtine``'s."""

    def __init__(self, image: Image, *, codec: Optional[Codec] = None,
                 timeout: Optional[float] = None, allow: AllowSpec = None,
                 capture: bool = False, pool_size: int = 1,
                 files: Optional[FileGrants] = None, host_entropy: bool = False,
                 init_timeout: Optional[float] = None) -> None:
        if not image.abi or "params" not in image.abi:
            raise ValueError(f"image '{image.name}' carries no virtine signature")
        self.image = image
        self.signature = Signature.from_json(image.abi)
        mask = allow if isinstance(allow, int) else allow_mask(list(allow or ()))
        if (mask or files) and self.signature.strict:
            raise ValueError(f"virtine '{self.signature.name}' is virtine_strict: "
                             "no hypercalls can be allowed, no files granted")
        check_pool_options(timeout, init_timeout, pool_size)
        self.capture = capture
        # What it was made with, and the load() module it belongs to (it pickles by them).
        self.options = dict(timeout=timeout, allow=mask, capture=capture, pool_size=pool_size,
                            files=resolve_grants(files), host_entropy=host_entropy,
                            init_timeout=init_timeout)
        self.module: Optional[Any] = None
        self.packer = ArgPacker(self.signature, codec)
        self._codec = self.packer.codec
        if codec is None:
            self._codec.owner = self
        self._plan = plan_for(self.packer, image.argarea_size)
        # Each thread's prepared call (runtime.FixedCall or BufferCall), by thread id: a
        # dict lookup costs less than a threading.local, and a thread that reuses a
        # finished thread's id may reuse its buffers too.
        self._prepared: dict[int, Any] = {}
        self._entry = self._make_entry()
        self._entry.virtine = self  # type: ignore[attr-defined]
        self._options = dict(self.options, capture=True, boot_after_fork=False)
        self._pool = None
        self._lock = threading.Lock()
        _functions.add(self)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._entry(*args, **kwargs)

    def __reduce__(self) -> tuple:
        return getattr, (self._entry, "virtine")

    def _reduce_entry(self) -> tuple:
        """``__reduce__`` of its callable (``FixedEntry`` and ``PackedEntry`` call this)."""
        return pickling.reduce_function(self, self._entry)

    def _make_entry(self) -> Callable[..., Any]:
        """The function every call enters: the signature's short path (``plans``) when
        it has one and the arguments suit it, else the general packer. On a
        paravirtual host every Python operation after a VM exit runs with cold caches,
        so the short paths are kept to one frame and a few C calls."""
        general = self._call_general
        plan = self._plan
        if isinstance(plan, FixedPlan):
            return self._fixed_entry(plan)
        if plan is None:
            return PackedEntry(lambda *args, **kwargs: general(args, kwargs))
        nargs, capture, prepared = len(self.packer.inputs), self.capture, self._prepared
        parts = (plan.fixed_size, plan.head, plan.header, len(plan.buffers), plan.outputs,
                 plan.ret_size, plan.unpack, plan.result_ctype, plan.compile,
                 plan.string_result)

        def entry(*args: Any, **kwargs: Any) -> Any:
            if kwargs or len(args) != nargs:
                return general(args, kwargs)
            try:
                call = prepared[get_ident()]
            except KeyError:
                call = prepared[get_ident()] = self._virtine().buffer_call(*parts)
            try:
                ran = call.run(args)
            except (struct.error, OverflowError):
                ran = None
            if ran is None:
                return general(args, kwargs)  # converts the arguments, or says what is wrong
            if ran[0]:
                # The pins go before _unusual raises: a traceback keeping them (and the
                # memoryviews they export from) in a reference cycle crashed the GC.
                kind, needed, ran = ran[0], ran[1], None
                return self._unusual(call, kind, needed)
            return Captured(call.read(), b"", b"") if capture else call.read()
        return PackedEntry(entry)

    def _fixed_entry(self, plan: FixedPlan) -> Callable[..., Any]:
        """The whole short path in C (``hypervisor/pycall.c``): store the numbers, launch
        this thread's ``FixedCall``, load the result; the packer for what C leaves."""
        from .runtime import FixedEntry  # the native launcher's, bound to it there
        prepared = self._prepared
        parts = (plan.head, plan.args_size, plan.result_size, plan.unpack)

        def make() -> Any:
            fixed = prepared[get_ident()] = self._virtine().fixed_call(*parts)
            return fixed

        def unusual(fixed: Any, kind: int) -> Any:
            return self._unusual(fixed, kind, plan.result_size)
        return FixedEntry(prepared, make, self._call_general, unusual,
                          Captured if self.capture else None, plan.arg_slots, plan.result_code)

    def _unusual(self, call: Any, kind: int, result_len_needed: int) -> Any:
        """A prepared call that failed (raises) or exited other than by a plain return."""
        try:
            status, result_len, stdout, stderr = call.outcome(kind)
        except VirtineError as error:
            raise self._failed(error) from None
        if status or result_len < result_len_needed:
            raise self._failed(self._no_return(status), stdout, stderr)
        return self._deliver(call.read(), stdout, stderr)

    def _call_general(self, args: tuple, kwargs: dict) -> Any:
        call = self.packer.pack(args, kwargs, self.image.argarea_size)
        try:
            result = self._virtine().call_area(call.inputs, call.outputs())
        except VirtineError as error:
            raise self._failed(error) from None
        if result.status != 0 or result.result_len < call.result_len:
            raise self._failed(self._no_return(result.status), result.stdout, result.stderr)
        value = self.packer.unpack(call, result.area, targets_written=True)
        return self._deliver(value, result.stdout, result.stderr)

    def _no_return(self, status: int) -> VirtineCrash:
        return VirtineCrash(f"virtine '{self.signature.name}' exited with status {status} "
                            "instead of returning", reason="exit")

    def _failed(self, error: VirtineError, stdout: Optional[bytes] = None,
                stderr: Optional[bytes] = None) -> VirtineError:
        """``error``, holding the output the guest wrote before it; a virtine that does
        not capture shows that output first, as it would have had the call returned."""
        if stdout is not None:
            error.stdout, error.stderr = stdout, stderr or b""
        if not self.capture:
            self._deliver(None, error.stdout, error.stderr)
        return error

    def _deliver(self, value: Any, stdout: bytes, stderr: bytes) -> Any:
        if self.capture:
            return Captured(value, stdout, stderr)
        if stdout:
            _forward(stdout, sys.stdout)
        if stderr:
            _forward(stderr, sys.stderr)
        return value

    async def acall(self, *args: Any, **kwargs: Any) -> Any:
        """Await a call; it runs in the event loop's default thread pool."""
        import asyncio  # a twentieth of a second, for the programs that use it
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, functools.partial(self, *args, **kwargs))

    def close(self) -> None:
        """Destroy the pool of VMs, stopping the calls other threads are running in it
        (they raise ``VirtineError``); the next call makes a new one."""
        with self._lock:
            pool, self._pool = self._pool, None
            self._prepared.clear()  # their launches hold the pool being closed
        if pool is not None:
            pool.close()

    def _after_fork_in_child(self) -> None:
        """The pool is the parent's (see ``Virtine``): forget it, and what holds it, so
        the child's first call makes its own. The lock may have been held by a thread
        the child does not have."""
        self._lock = threading.Lock()
        pool, self._pool = self._pool, None
        self._prepared.clear()
        if pool is not None:
            pool._after_fork_in_child()  # before it goes: it must not destroy the parent's VMs

    def _virtine(self):
        pool = self._pool
        if pool is not None:  # the common case needs no lock
            return pool
        with self._lock:
            if self._pool is None:
                from .runtime import Virtine  # needs the native launcher: only when called
                pool = Virtine(self.image, **self._options)
                if not self.capture:  # the initialisers' output, as a call's would be
                    self._deliver(None, pool.init_stdout, pool.init_stderr)
                self._pool = pool
            return self._pool

    def as_function(self) -> Callable[..., Any]:
        """A plain Python function calling this virtine: ``help()`` shows the C signature."""
        sig = self.signature
        call = self._entry
        call.__name__ = call.__qualname__ = sig.name
        call.__signature__ = self.packer.signature  # type: ignore[attr-defined]
        call.__doc__ = describe(sig)
        call.acall = self.acall  # type: ignore[attr-defined]
        call.close = self.close  # type: ignore[attr-defined]
        call.c_signature = sig.prototype  # type: ignore[attr-defined]
        return call


class PackedEntry:
    """The callable of a virtine whose arguments Python packs (``FixedEntry`` is the one
    for all-number arguments, in C). Like a function it carries ``__name__``,
    ``__doc__``... and is not bound as a method; unlike one, it pickles by value."""

    def __init__(self, call: Callable[..., Any]) -> None:
        self._call = call

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._call(*args, **kwargs)

    def __get__(self, obj: Any, objtype: Optional[type] = None) -> "PackedEntry":
        return self

    def __reduce__(self) -> tuple:
        return self.virtine._reduce_entry()  # type: ignore[attr-defined]

    def __repr__(self) -> str:
        return f"<virtine function {getattr(self, '__name__', '?')}>"


_functions: "weakref.WeakSet[VirtineFunction]" = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for function in list(_functions):
        function._after_fork_in_child()


os.register_at_fork(after_in_child=_after_fork_in_child)


def describe(sig: Signature) -> str:
    lines = [f"C virtine: {sig.prototype}", ""]
    implied = [p.name for p in sig.params if p.implied]
    if implied:
        lines.append("Not passed from Python (the element count of a buffer): "
                     f"{', '.join(implied)}.")
    if sig.location:
        lines.append(f"Defined at {sig.location}.")
    lines.append("Each call runs in a fresh virtine; see pyvirtine.marshal.pack for what "
                 "each C parameter accepts.")
    return "\n".join(lines)


def _forward(data: bytes, stream: Any) -> None:
    stream.write(data.decode("utf-8", "replace"))
    stream.flush()
