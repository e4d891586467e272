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
import functools
import os
import struct
import warnings
import weakref
from threading import get_ident
from typing import (Any, Callable, Iterable, NamedTuple, NoReturn, Optional, Sequence, Tuple,
                    Union)

from . import image as image_format
from .host import host_info
from .backtrace import backtrace, describe as describe_frames, location as frame_location
from .backtrace import user_frame
from .grants import FileGrants, grant_array, resolve_grants
from .pool_options import check_pool_options
from .errors import (ImageError, KVMUnavailable, VirtineCrash, VirtineError, VirtinePolicyError,
                     VirtineTimeout)

try:
    from .hypervisor._launcher import ffi, lib
    from .hypervisor._pycall import FixedEntry, PoolCaller, bind as _bind_pycall
except ImportError as exc:  # pragma: no cover - only without a built extension
    raise ImportError("pyvirtine's native launcher is not built: install pyvirtine with pip "
                      "(or run `make test`), which compiles it") from exc

__all__ = ["AreaResult", "BufferCall", "CallResult", "FixedCall", "FixedEntry", "PoolStats",
           "Virtine"]

REGISTER_NAMES = ("rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rsp", "rbp", "r8", "r9", "r10",
                  "r11", "r12", "r13", "r14", "r15", "rip", "rflags")
BOOT_MODES = {"direct": lib.VT_BOOT_DIRECT, "stub": lib.VT_BOOT_STUB}
_NULL = ffi.NULL
_call_segments = lib.vt_call_segments
_release = lib.vt_result_release
_from_buffer = ffi.from_buffer
_tuple_new = tuple.__new__  # builds a NamedTuple without running its Python __new__
_SEG_ZERO, _SEG_GUEST_WRITTEN, _SEG_PARTIAL = (lib.VT_SEG_ZERO, lib.VT_SEG_GUEST_WRITTEN,
                                                lib.VT_SEG_PARTIAL)
_SEGMENT = struct.Struct("<QQQI4x")  # struct vt_segment: offset, data, len, flags


class CallResult(NamedTuple):
    """What one call returned: the guest's exit status, its result bytes (from the
    argument area), captured output, and how many VM exits the call took."""

    status: int
    result: bytes
    stdout: bytes
    stderr: bytes
    exits: int


def _address(pointer: Any) -> int:
    return int(ffi.cast("uintptr_t", pointer))


_bind_pycall(*(_address(ffi.addressof(lib, name))
               for name in ("vt_call", "vt_call_plain", "vt_result_release")), CallResult)


@dataclasses.dataclass(frozen=True)
class PoolStats:
    calls: int
    vms_created: int
    vms_discarded: int
    vms_ready: int
    pages_restored: int


class AreaResult(NamedTuple):
    """What ``Virtine.call_area`` returned: ``area`` is this thread's mirror of the
    argument area, holding the output ranges that had no target of their own (valid
    until the thread's next call of the same virtine)."""

    status: int
    result_len: int
    area: memoryview
    stdout: bytes
    stderr: bytes
    exits: int


AllowSpec = Union[int, Iterable[str]]
BytesLike = Union[bytes, bytearray, memoryview]  # or any buffer-protocol object
# (offset in the argument area, bytes to copy there or None to zero-fill, length)
InSegment = Tuple[int, Optional[BytesLike], int]
# (offset, length, writable buffer or None for the thread's area mirror, and whether only
# the pages the guest wrote need copying because the rest still hold what went in)
OutSegment = Tuple[int, int, Optional[BytesLike], bool]


def _allow_mask(allow: AllowSpec) -> int:
    return allow if isinstance(allow, int) else image_format.allow_mask(list(allow))


class Virtine(PoolCaller):
    """A pool of ready VMs running one image.

    ``timeout`` is per call in seconds; ``allow`` opens hypercalls beyond the image's
    own allowlist (names as in ``pyvirtine.image.HCALLS`` or a mask); ``capture`` keeps
    guest stdout/stderr in the result instead of writing them to the host's;
    ``boot="stub"`` makes the guest walk real -> long mode itself; ``snapshot=False``
    boots every call from scratch; ``memory_limit`` refuses images needing more;
    ``host_entropy`` makes the guest's ``virtine_random`` (and ``rand``'s seed) come
    from the host's kernel even where the CPU offers RDRAND; ``init_timeout`` bounds the
    boot to the snapshot, where the image's constructors run (default 10 s, or
    ``timeout`` if longer); ``files`` grants the guest files or directories to open
    (``pyvirtine.grants``; none by default).
    A child made by ``fork()`` boots a pool of its own at once (the parent's VMs
    cannot run there); with ``boot_after_fork=False`` the virtine is closed there
    instead, for owners that make their own when needed (``VirtineFunction``).

    ``call(args=b"", input=b"") -> CallResult`` runs one call; it is inherited from
    ``PoolCaller`` (``hypervisor/pycall.c``), which does the whole call in C.
    """

    def __init__(self, image: Union[image_format.Image, bytes, str, os.PathLike], *,
                 pool_size: int = 1, timeout: Optional[float] = None, allow: AllowSpec = 0,
                 capture: bool = True, boot: str = "direct", snapshot: bool = True,
                 memory_limit: Optional[int] = None, host_entropy: bool = False,
                 init_timeout: Optional[float] = None, files: Optional[FileGrants] = None,
                 boot_after_fork: bool = True) -> None:
        if isinstance(image, image_format.Image):
            self.image, data = image, image.to_bytes()
        else:
            data = image if isinstance(image, (bytes, bytearray)) else open(image, "rb").read()
            self.image = image_format.Image.from_bytes(bytes(data))
        if boot not in BOOT_MODES:
            raise ValueError(f"boot must be one of {sorted(BOOT_MODES)}, not {boot!r}")
        check_pool_options(timeout, init_timeout, pool_size)
        self.timeout = timeout
        self._options = ffi.new("struct vt_options *", {
            "pool_size": pool_size, "boot": BOOT_MODES[boot], "allow": _allow_mask(allow),
            "capture": int(capture), "snapshot": int(snapshot), "timeout": timeout or 0.0,
            "memory_limit": memory_limit or 0, "gil_handoff": 1,
            "host_entropy": int(host_entropy), "init_timeout": init_timeout or 0.0})
        grants = resolve_grants(files)
        # Read (and copied) by vt_pool_create: at the first boot, and again after a fork.
        self._grants = grant_array(ffi, grants)
        self._options.files, self._options.n_files = self._grants[0], len(grants)
        # A _ThreadState per calling thread, by thread id (cheaper than a threading.local;
        # a thread reusing a finished thread's id may reuse its buffers too).
        self._per_thread: dict[int, _ThreadState] = {}
        self._boot_after_fork = boot_after_fork
        self._start(data)
        _open_virtines.add(self)

    def _start(self, data: bytes) -> None:
        """Boot the pool's first VM to the snapshot point and call into it."""
        res = ffi.new("struct vt_result *")
        pool = lib.vt_pool_create(data, len(data), self._options, res)
        try:
            if pool == ffi.NULL:
                raise self._error(res, during="booting the virtine")
            # What the image's constructors (virtine_init) wrote before the snapshot.
            self.init_stdout, self.init_stderr = _output(res)
        finally:
            lib.vt_result_release(res)
        self._pool = pool
        self._set_pool(_address(pool), self.image.argarea_size)
        # Frees the pool when this object goes. Not at interpreter exit: a daemon thread
        # may still be in a call there, which destroying would wait for, and the process's
        # end reclaims the VMs anyway.
        self._destroy = weakref.finalize(self, lib.vt_pool_destroy, pool)
        self._destroy.atexit = False

    def _after_fork_in_child(self) -> None:
        """KVM VMs belong to the process that made them (KVM_RUN fails with EIO in any
        other), so a forked child boots a pool of its own. The parent's is left alone:
        destroying it could wait for calls of threads the child does not have."""
        if self._pool is None:
            return  # closed, or done already
        self._destroy.detach()
        self._pool = None
        self._set_pool(0, 0)
        self._per_thread.clear()
        if self._boot_after_fork:
            self._start(self.image.to_bytes())

    def call_area(self, inputs: Sequence[InSegment], outputs: Sequence[OutSegment],
                  input: BytesLike = b"") -> AreaResult:
        """Run one call with the argument area sent and received in pieces: each input
        is copied straight from the caller's buffer into the guest, each output straight
        from the guest into its target (bytes past the guest's result length are left
        alone). Nothing is copied twice, which is what big buffers need."""
        pool = self._pool
        if pool is None:
            self._open_pool()  # raises: closed
        try:
            state = self._per_thread[get_ident()]
        except KeyError:
            state = self._thread_state()
        n_in = len(inputs)
        segments = state.segments(n_in + len(outputs))
        keep = []  # the cffi views must outlive the call
        i = 0
        for offset, data, length in inputs:
            seg = segments[i]
            i += 1
            seg.offset, seg.len = offset, length
            if data is None:
                seg.flags, seg.data = _SEG_ZERO, _NULL
                continue
            try:  # (inline, not a helper: a frame per segment shows on this host)
                view = _from_buffer("uint8_t[]", data)
            except (TypeError, BufferError):
                raise TypeError("input segment must be a bytes-like object, not "
                                f"{type(data).__name__}") from None
            if len(view) < length:
                _too_short("input", length, view)
            seg.flags, seg.data = 0, view
            keep.append(view)
        mirror = state.mirror
        for offset, length, target, guest_written in outputs:
            seg = segments[i]
            i += 1
            seg.offset, seg.len = offset, length
            seg.flags = _SEG_GUEST_WRITTEN if guest_written else 0
            if target is None:  # the launcher refuses ranges outside the area
                seg.data = mirror + offset
                continue
            try:
                view = _from_buffer("uint8_t[]", target, True)
            except (TypeError, BufferError):
                raise TypeError("output segment must be a writable bytes-like object, not "
                                f"{type(target).__name__}") from None
            if len(view) < length:
                _too_short("output", length, view)
            seg.data = view
            keep.append(view)
        if type(input) is not bytes:
            input = _bytes_like("input", input)
        res = state.res
        if _call_segments(pool, segments, n_in, segments + n_in, i - n_in, input, len(input),
                          res):
            self._fail(res)
        done = (res.status, res.result_len, state.mirror_view, b"", b"", res.exits)
        if res.out_len or res.err_len:  # (read before the release zeroes the lengths)
            done = done[:3] + _output(res) + done[5:]
            _release(res)
        return _tuple_new(AreaResult, done)

    def fixed_call(self, head: bytes, args_size: int, result_size: int,
                   unpack: Callable[[Any], tuple]) -> FixedCall:
        """A ``FixedCall`` for the calling thread (a new one: callers keep it). ``head``
        is written once; ``unpack(result_block)[0]`` decodes the result (``FixedEntry``
        loads a scalar one itself, so ``read`` serves only the calls it hands back)."""
        memory = ffi.new("uint8_t[]", args_size + result_size)
        ffi.buffer(memory, len(head))[:] = head
        segments = ffi.new("struct vt_segment[2]", [
            {"offset": 0, "data": memory, "len": args_size},
            {"offset": 0, "data": memory + args_size, "len": result_size}])
        res = ffi.new("struct vt_result *")
        prepared = self._prepare(segments, 1, 2, res)
        read = _result_reader(memory + args_size, result_size, unpack, None)
        return FixedCall(_address(prepared), _address(memory), _address(memory + args_size),
                         self, res, read, (memory, segments, prepared))

    def buffer_call(self, fixed_size: int, head: struct.Struct, header: int, buffers: int,
                    outputs: int, result_size: int, unpack: Callable[[Any], tuple],
                    result_ctype: Optional[str],
                    compile_run: Callable[[dict], Callable[[tuple], Any]],
                    string_result: bool = False) -> BufferCall:
        """A ``BufferCall`` for the calling thread: ``head`` packs the fixed part's
        values at ``header``; each of ``buffers`` buffers takes two input segments (the
        zeroed gap before it, itself), ``outputs`` output segments follow; the plan's
        ``compile_run`` writes the call (see ``BufferPlan.compile``). A string result
        (``string_result``) lands in the thread's mirror of the argument area, its
        (offset, length) slot and its bytes at their own offsets, where ``unpack``
        reads them as from the area."""
        memory = ffi.new("uint8_t[]", fixed_size + result_size)
        n_in, n_out = 1 + 2 * buffers, outputs + bool(result_size)
        segments = ffi.new("struct vt_segment[]", n_in + n_out)
        segments[0] = {"offset": 0, "data": memory, "len": fixed_size}
        mirror = self._thread_state() if string_result else None
        if result_size:  # last, after the ones written per call
            segments[n_in + n_out - 1] = {
                "offset": 0, "data": mirror.mirror if mirror else memory + fixed_size,
                "len": result_size}
        size = ffi.sizeof("struct vt_segment")
        assert size == _SEGMENT.size, "struct vt_segment is not laid out as _SEGMENT says"
        varying = struct.Struct("<" + _SEGMENT.format[1:] * (2 * buffers + outputs))
        res = ffi.new("struct vt_result *")
        prepared = self._prepare(segments, n_in, n_in + n_out, res)
        run = compile_run({
            "write_head": functools.partial(head.pack_into, ffi.buffer(memory, fixed_size),
                                            header),
            "write_segments": functools.partial(varying.pack_into, ffi.buffer(segments), size),
            "launch": functools.partial(lib.vt_call_plain, prepared),
            "pin": functools.partial(ffi.from_buffer, "uint8_t[]"),
            "address": functools.partial(ffi.cast, "uintptr_t"),
            "ZERO": _SEG_ZERO, "GUEST_WRITTEN": _SEG_GUEST_WRITTEN, "PARTIAL": _SEG_PARTIAL,
            "TAIL": _address(mirror.mirror) if mirror else 0})
        if mirror:
            view = mirror.mirror_view
            read = functools.partial(_first, unpack, view)
        else:
            read = _result_reader(memory + fixed_size, result_size, unpack, result_ctype)
        return BufferCall(self, run, res, read, (memory, segments, prepared))

    def _prepare(self, segments, n_in: int, n: int, res):
        """A ``struct vt_prepared`` for this pool: ``segments[:n_in]`` in, the rest of
        the first ``n`` out."""
        return ffi.new("struct vt_prepared *", {
            "pool": self._open_pool(), "in": segments, "n_in": n_in, "out": segments + n_in,
            "n_out": n - n_in, "input": _NULL, "input_len": 0, "res": res})

    def stats(self) -> PoolStats:
        s = ffi.new("struct vt_pool_stats *")
        lib.vt_pool_stats(self._open_pool(), s)
        return PoolStats(s.calls, s.vms_created, s.vms_discarded, s.vms_ready, s.pages_restored)

    def close(self) -> None:
        """Destroy the pool's VMs. Calls other threads are running in it stop and raise
        ``VirtineError`` ("closed during the call"), as do calls made after it."""
        pool, self._pool = self._pool, None
        self._set_pool(0, 0)
        if pool is not None:
            lib.vt_pool_close(pool)

    def _thread_state(self) -> "_ThreadState":
        state = self._per_thread.get(get_ident())
        if state is None:
            state = self._per_thread[get_ident()] = _ThreadState(self.image.argarea_size)
        return state

    def _open_pool(self):
        pool = self._pool
        if pool is None:
            raise VirtineError("this virtine is closed")
        return pool

    def __enter__(self) -> "Virtine":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _fail_at(self, address: int) -> NoReturn:
        """``_fail`` for the result record at ``address`` (``call``, in C, has no cffi)."""
        self._fail(ffi.cast("struct vt_result *", address))

    def _fail(self, res) -> NoReturn:
        """Raise what a failed call's result says, freeing what it holds."""
        try:
            raise self._error(res)
        finally:
            lib.vt_result_release(res)

    def _error(self, res, during: str = "") -> VirtineError:
        error = self._error_of_kind(res, during)
        error.stdout, error.stderr = _output(res)  # what the guest wrote before it failed
        return error

    def _crash_reason(self, res) -> str:
        if res.hypercall == lib.VT_HC_ABORT:
            return "abort"
        guard = self.image.stack_top - self.image.stack_size - image_format.PAGE
        if res.vector == 14 and guard <= res.cr2 < guard + image_format.PAGE:
            return "stack overflow"
        if res.vector >= 0:
            return f"exception {res.vector}"
        return f"exit reason {res.exit_reason}" if res.exit_reason else "vm failure"

    def _error_of_kind(self, res, during: str) -> VirtineError:
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
            frames = backtrace(self.image, list(res.frames)[:res.nframes], res.stack0)
            inner = user_frame(frames)
            location = (frame_location(inner) if inner else
                        image_format.source_location(self.image.debug, registers["rip"]))
            if location:
                message = f"{message} in {location}"
            if len(frames) > 1:
                message = f"{message}\nguest backtrace:\n{describe_frames(frames)}"
            if res.vector >= 0:
                registers["vector"] = res.vector
                registers["error_code"] = res.error_code
                registers["cr2"] = res.cr2
            return VirtineCrash(message, reason=self._crash_reason(res), registers=registers,
                                location=location, backtrace=frames)
        if not host_info().usable:
            return KVMUnavailable(host_info().verdict())
        if "guest memory" in message and "limit" in message or "x86-64-v2" in message:
            return ImageError(message)
        return VirtineError(message)


_open_virtines: "weakref.WeakSet[Virtine]" = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for virtine in list(_open_virtines):
        try:
            virtine._after_fork_in_child()
        except VirtineError as e:  # it stays closed; a call says so
            warnings.warn(f"virtine '{virtine.image.name}' cannot start in the forked child "
                          f"({e}): it is closed", RuntimeWarning)


os.register_at_fork(after_in_child=_after_fork_in_child)


class _ThreadState:
    """What one thread reuses for every ``call_area`` of a virtine: the result struct, a
    segment array, and a mirror of the argument area (calloc'd: only the pages outputs
    land on are ever touched)."""

    def __init__(self, area_size: int) -> None:
        self.res = ffi.new("struct vt_result *")
        self.mirror = ffi.new("uint8_t[]", area_size)
        self.mirror_view = memoryview(ffi.buffer(self.mirror))
        self._segments = ffi.new("struct vt_segment[]", 8)

    def segments(self, n: int):
        """A segment array of at least ``n`` entries, reused from call to call."""
        if n > len(self._segments):
            self._segments = ffi.new("struct vt_segment[]", max(n, 2 * len(self._segments)))
        return self._segments


class FixedCall(NamedTuple):
    """One thread's calls of a virtine whose arguments and result are fixed-size blocks
    at the start of the argument area, laid out once. Its first three fields, by
    position, are what ``hypervisor/pycall.c``'s ``FixedEntry`` takes: it stores the
    arguments at ``args_at``, launches the ``struct vt_prepared`` at ``prepared_at`` and
    loads a scalar result from ``result_at``. ``read()`` decodes the result of any type;
    ``outcome`` tells how a call that did not simply return ended. The prepared call
    holds the pool: drop the ``FixedCall`` when the virtine closes."""
    prepared_at: int
    args_at: int
    result_at: int
    virtine: "Virtine"
    res: Any
    read: Callable[[], Any]
    memory: Any  # what the addresses point into, kept alive

    def outcome(self, kind: int) -> Tuple[int, int, bytes, bytes]:
        return _outcome(self.virtine, self.res, kind)


class BufferCall(NamedTuple):
    """One thread's calls of a virtine taking buffers, with the fixed part, the segment
    list and the launcher call made once. ``run(args)`` is the plan's compiled call
    (``marshal.BufferPlan.compile``): None when the general packer must take the
    arguments, else ``(kind, result length, pins)`` with ``kind`` 0 for a call that
    simply returned (``vt_call_plain``); ``read()`` gives the value. ``run`` holds the
    pool, as a ``FixedCall`` does."""
    virtine: "Virtine"
    run: Callable[[tuple], Any]
    res: Any
    read: Callable[[], Any]
    memory: Any

    def outcome(self, kind: int) -> Tuple[int, int, bytes, bytes]:
        return _outcome(self.virtine, self.res, kind)


def _outcome(virtine: "Virtine", res: Any, kind: int) -> Tuple[int, int, bytes, bytes]:
    """After a prepared call's ``launch()`` returned ``kind`` (not 0): raises the call's
    failure, or gives the exit status, result length and output of a guest that exited
    other than by a plain return."""
    if kind != lib.VT_UNUSUAL:
        virtine._fail(res)
    status, result_len = res.status, res.result_len
    out, err = _output(res)
    _release(res)
    return status, result_len, out, err


def _result_reader(memory, size: int, unpack: Callable[[Any], tuple],
                   ctype: Optional[str]) -> Callable[[], Any]:
    """Reads a prepared call's result: one typed load when its C type is given."""
    if ctype:
        return functools.partial(ffi.cast(ctype + " *", memory).__getitem__, 0)
    block = ffi.buffer(memory, size)
    return lambda: unpack(block)[0]


def _first(unpack: Callable[[Any], tuple], data: Any) -> Any:
    return unpack(data)[0]


def _output(res) -> tuple[bytes, bytes]:
    out_len, err_len = res.out_len, res.err_len
    return (_take(res.out, out_len) if out_len else b"",
            _take(res.err, err_len) if err_len else b"")


def _too_short(name: str, length: int, view) -> NoReturn:
    raise ValueError(f"{name} segment of {length} bytes given a {len(view)}-byte buffer")


def _bytes_like(name: str, value: BytesLike):
    """A buffer-protocol object as a C byte array (bytes go to C as they are)."""
    try:
        return ffi.from_buffer("uint8_t[]", value)
    except TypeError:
        raise TypeError(f"{name} must be bytes-like (bytes, bytearray, memoryview), "
                        f"not {type(value).__name__}") from None


def _take(pointer, length: int) -> bytes:
    return ffi.buffer(pointer, length)[:] if length else b""
