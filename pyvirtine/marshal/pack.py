"""Python side of a call: check and convert the arguments into an argument area
(``layout``), then decode the result bytes and write copied-out data back into the
caller's objects.

What each parameter kind accepts:

* value: ``int`` (anything with ``__index__``; a 1-character ``str``/``bytes`` for
  ``char``), ``float``, ``bool``, an enum member, a struct as a dict / generated
  dataclass / object with the fields as attributes;
* string (``const char *``): ``str`` (UTF-8), ``bytes``-like without NUL, or ``None``;
* buffer: any C-contiguous buffer-protocol object (``bytes``, ``bytearray``,
  ``memoryview``, ``array``, numpy arrays), a list (or for VIRTINE_IN a tuple) of
  elements, a ``str`` for 1-byte VIRTINE_IN elements, or ``None``; VIRTINE_OUT and
  VIRTINE_INOUT need something writable, which receives the guest's bytes;
* object (``T *``): a value as above (``const T *``), or something to write back
  into: a one-element list, a dict or object for a struct, a writable buffer.

An integer parameter named alone as a buffer's length (``VIRTINE_IN(n)``) is not
passed: it is the number of elements of the first buffer that names it."""
from __future__ import annotations

import inspect
import struct
from dataclasses import dataclass, field
from typing import Any, Optional, Union

from . import formats, lengths
from .codec import Codec, _identifier
from .layout import BLOB_ALIGN, STRING_TOO_LONG, layout
from .signature import BUFFER, OBJECT, STRING, VALUE, VOID, Param, Signature
from .types import Scalar, Struct, align_up
from ..errors import VirtineError

_BYTE = Scalar("u8", "unsigned char")


Buffer = Union[bytes, bytearray, memoryview]


# Blobs at least this big are sent from the caller's own buffer as a segment of their
# own; smaller ones are cheaper to gather into one with the fixed part.
DIRECT_MIN = 4096


@dataclass
class Call:
    """One packed call: the argument area in pieces to send, and what to do with the
    result."""
    inputs: list      # (offset, bytes-like or None to zero-fill, length), ascending, gapless
    result_len: int
    ret_size: int     # bytes of the return slot at offset 0
    capacity: int     # argument area size the call was packed for
    ret_string: bool
    writebacks: list = field(default_factory=list)  # (param, offset, nbytes, target)

    @property
    def area(self) -> bytearray:
        """The whole argument area as one buffer."""
        area = bytearray(self.size)
        for offset, data, length in self.inputs:
            if data is not None:
                area[offset:offset + length] = data
        return area

    @property
    def size(self) -> int:
        offset, _, length = self.inputs[-1]
        return offset + length

    def outputs(self) -> list:
        """Output segments (``runtime.OutSegment``): copied-out buffers go straight to
        the caller's writable buffer, everything else lands in the area mirror."""
        outs = [(0, self.ret_size, None, False)] if self.ret_size else []
        for p, offset, nbytes, target in self.writebacks:
            if isinstance(target, memoryview):
                outs.append((offset, nbytes, target, p.mode == "inout"))
            else:
                outs.append((offset, nbytes, None, False))
        if self.ret_string:
            outs.append((self.result_len, self.capacity - self.result_len, None, False))
        return outs


@dataclass
class _Arg:
    param: Param
    count: int = 0                 # elements pointed to (buffers)
    data: Optional[Buffer] = None  # bytes to send (views of the caller's); None: zeros
    target: Any = None             # where copied-out bytes go
    null: bool = False             # a NULL pointer
    nbytes: int = 0

    def __post_init__(self) -> None:
        if self.data is not None:
            self.nbytes = len(self.data)


class ArgPacker:
    def __init__(self, sig: Signature, codec: Optional[Codec] = None) -> None:
        self.sig = sig
        self.layout = layout(sig)
        self.codec = codec or Codec()
        self.inputs = [p for p in sig.params if not p.implied]
        self.where = {p.name: f"{sig.name}() argument '{p.name}'" for p in self.inputs}
        self.signature = inspect.Signature(
            [inspect.Parameter(_identifier(p.name), inspect.Parameter.POSITIONAL_OR_KEYWORD)
             for p in self.inputs])
        # What every call needs, worked out once: pointed-to bytes go copied-out first.
        pointers = [p for p in sig.params if p.is_pointer]
        self._blob_order = [(p, p.copies_out, self.layout.slots[p.name])
                            for p in sorted(pointers, key=lambda p: not p.copies_out)]
        self._values = [(p.name, self.layout.slots[p.name]) for p in sig.params
                        if p.kind == VALUE]
        in_lengths = {n for p in sig.params if p.kind == BUFFER for n in lengths.names(p.length)}
        self._counted = {p.name for p in sig.params if p.kind == VALUE and p.name in in_lengths}
        self._implied = [(p, next(b.name for b in sig.params
                                  if b.kind == BUFFER and b.length == p.name))
                         for p in sig.params if p.implied]
        self._buffers = [p for p in sig.params if p.kind == BUFFER]

    def bind(self, args: tuple, kwargs: dict) -> dict[str, Any]:
        if not kwargs and len(args) == len(self.inputs):  # the common call, without inspect
            return {p.name: value for p, value in zip(self.inputs, args)}
        try:
            bound = self.signature.bind(*args, **kwargs)
        except TypeError as e:
            raise TypeError(f"{self.sig.name}() {e}; C signature: {self.sig.prototype}") from None
        return {p.name: bound.arguments[_identifier(p.name)] for p in self.inputs}

    def pack(self, args: tuple, kwargs: dict, capacity: int) -> Call:
        given = self.bind(args, kwargs)
        encoded: dict[str, bytes] = {}
        ints: dict[str, int] = {}
        pointers: dict[str, _Arg] = {}
        for p in self.inputs:
            where = self.where[p.name]
            value = given[p.name]
            if p.kind == VALUE:
                encoded[p.name] = self.codec.encode(p.type, value, where)  # type: ignore[arg-type]
                if p.name in self._counted:
                    ints[p.name] = int(self.codec.decode(p.type, encoded[p.name]))
            elif p.kind == STRING:
                pointers[p.name] = self._string(p, value, where)
            elif p.kind == BUFFER:
                pointers[p.name] = self._buffer(p, value, where)
            else:
                pointers[p.name] = self._object(p, value, where)
        for p, buffer in self._implied:  # counts of the first buffer naming them
            count = pointers[buffer].count
            encoded[p.name] = self.codec.encode(p.type, count,  # type: ignore[arg-type]
                                                f"{self.sig.name}() length '{p.name}'")
            ints[p.name] = count
        for p in self._buffers:
            self._check_length(p, pointers[p.name], ints)
        return self._assemble(encoded, pointers, capacity)

    # -- per kind ------------------------------------------------------------------
    def _string(self, p: Param, value: Any, where: str) -> _Arg:
        if value is None:
            return _Arg(p, null=True)
        if isinstance(value, str):
            data = value.encode("utf-8", "surrogateescape")
        elif isinstance(value, (bytes, bytearray, memoryview)):
            data = bytes(value)
        else:
            raise TypeError(f"{where} must be str or bytes for '{p.ctype}', "
                            f"not {type(value).__name__}")
        if b"\0" in data:
            raise ValueError(f"{where}: embedded NUL character in a string for '{p.ctype}'")
        return _Arg(p, len(data) + 1, data + b"\0")

    def _buffer(self, p: Param, value: Any, where: str) -> _Arg:
        if value is None:
            return _Arg(p, null=True)
        elem = p.type or _BYTE
        if isinstance(value, list) or (isinstance(value, tuple) and p.mode == "in"):
            if p.mode == "out":  # only the length matters: the items are replaced
                return _Arg(p, len(value), bytes(len(value) * elem.size), value)
            data = b"".join(self.codec.encode(elem, v, f"{where}[{i}]")
                            for i, v in enumerate(value))
            return _Arg(p, len(value), data, value if p.mode != "in" else None)
        if isinstance(value, str) and p.mode == "in" and p.elem_size == 1:
            data = value.encode("utf-8", "surrogateescape")
            return _Arg(p, len(data), data)
        what = "a writable buffer (bytearray, memoryview, numpy array) or a list" \
            if p.mode != "in" else "a bytes-like object or a list"
        try:
            view = memoryview(value)
        except TypeError:
            raise TypeError(f"{where} must be {what} for '{p.ctype}' "
                            f"{p.annotation}, not {type(value).__name__}") from None
        if p.mode != "in" and view.readonly:
            raise TypeError(f"{where} must be {what} for '{p.ctype}' {p.annotation}: "
                            f"{type(value).__name__} is read-only")
        if not view.c_contiguous:
            raise ValueError(f"{where}: the buffer must be C-contiguous")
        _check_format(p, view, where)
        flat = view.cast("B") if view.ndim != 1 or view.format != "B" else view
        if flat.nbytes % p.elem_size:
            raise ValueError(f"{where}: {flat.nbytes} bytes is not a whole number of "
                             f"{p.elem_size}-byte elements of '{p.ctype}'")
        return _Arg(p, flat.nbytes // p.elem_size, flat, flat if p.mode != "in" else None)

    def _object(self, p: Param, value: Any, where: str) -> _Arg:
        if value is None:
            return _Arg(p, null=True)
        if p.mode == "in":
            return _Arg(p, 1, self._object_bytes(p, value, where))
        if isinstance(value, list) and len(value) == 1:
            data = self.codec.encode(p.type, value[0], f"{where}[0]")  # type: ignore[arg-type]
            return _Arg(p, 1, data, value)
        if _is_buffer(value):
            view = memoryview(value)
            if not view.readonly:
                return _Arg(p, 1, self._object_bytes(p, value, where), view.cast("B"))
        elif isinstance(p.type, Struct) and not isinstance(value, tuple):
            return _Arg(p, 1, self.codec.encode(p.type, value, where), value)
        raise TypeError(f"{where} for '{p.ctype}' is copied back out, so it must be a one-element "
                        f"list{', a dict, a struct object' if isinstance(p.type, Struct) else ''} "
                        f"or a writable buffer, not {type(value).__name__}")

    def _object_bytes(self, p: Param, value: Any, where: str) -> bytes:
        if not _is_buffer(value):
            return self.codec.encode(p.type, value, where)  # type: ignore[arg-type]
        view = memoryview(value)
        _check_format(p, view, where)
        data = view.cast("B")
        if data.nbytes < p.elem_size:
            raise ValueError(f"{where}: {data.nbytes} bytes is smaller than one "
                             f"'{p.ctype.rstrip(' *')}' ({p.elem_size} bytes)")
        return bytes(data[:p.elem_size])

    def _check_length(self, p: Param, arg: _Arg, ints: dict[str, int]) -> None:
        try:
            need = lengths.evaluate(p.length, ints)  # type: ignore[arg-type]
        except ZeroDivisionError:
            raise ValueError(f"{self.sig.name}(): length of '{p.name}' {p.annotation} "
                             "divides by zero") from None
        if need < 0:
            raise ValueError(f"{self.sig.name}(): length of '{p.name}' {p.annotation} is {need}")
        if arg.null:
            if need:
                raise ValueError(f"{self.sig.name}() argument '{p.name}' is None but "
                                 f"{p.annotation} needs {need} elements")
            return
        if arg.count < need:
            raise ValueError(f"{self.sig.name}() argument '{p.name}' has {arg.count} elements "
                             f"of '{p.ctype.rstrip(' *')}' but {p.annotation} needs {need}")
        arg.count = need
        arg.nbytes = need * p.elem_size
        arg.data = arg.data[:arg.nbytes] if p.mode != "out" else None

    # -- area ----------------------------------------------------------------------
    def _assemble(self, encoded: dict[str, bytes], pointers: dict[str, _Arg],
                  capacity: int) -> Call:
        lay = self.layout
        end = lay.fixed_size
        result_len = lay.ret_size
        blobs = []
        for p, copies_out, slot in self._blob_order:
            arg = pointers[p.name]
            if arg.null:
                continue
            end = align_up(end, BLOB_ALIGN)
            blobs.append((end, arg, slot))
            end += arg.nbytes
            if copies_out:
                result_len = end
        if end > capacity:
            raise ValueError(f"{self.sig.name}(): the arguments take {end} bytes but the "
                             f"virtine's argument area holds {capacity}; give it more memory")
        head = bytearray(lay.fixed_size)
        struct.pack_into("<QQ", head, lay.header, result_len, capacity)
        for name, slot in self._values:
            data = encoded[name]
            head[slot:slot + len(data)] = data
        call = Call([], result_len, lay.ret_size, capacity, self.sig.ret_kind == STRING)
        start, chunk = 0, head  # small pieces are gathered in chunk, which starts at start
        for off, arg, slot in blobs:
            struct.pack_into("<Q", head, slot, off)
            if arg.target is not None:
                call.writebacks.append((arg.param, off, arg.nbytes, arg.target))
            chunk += bytes(off - start - len(chunk))  # alignment padding
            if arg.nbytes < DIRECT_MIN:
                chunk += arg.data if arg.data is not None else bytes(arg.nbytes)
                continue
            call.inputs.append((start, chunk, len(chunk)))
            call.inputs.append((off, arg.data, arg.nbytes))
            start, chunk = off + arg.nbytes, bytearray()
        if chunk or not call.inputs:
            call.inputs.append((start, chunk, len(chunk)))
        return call

    def unpack(self, call: Call, area: Buffer, targets_written: bool = False) -> Any:
        """Write copied-out data back and return the function's Python result. ``area``
        holds the result at its offsets in the argument area; with ``targets_written``
        the runtime already copied straight into the writable buffers."""
        view = memoryview(area)
        if len(view) < call.result_len:
            raise VirtineError(f"virtine '{self.sig.name}' returned {len(view)} bytes of "
                               f"result, expected at least {call.result_len}")
        for p, off, nbytes, target in call.writebacks:
            data = view[off:off + nbytes]
            if isinstance(target, memoryview):
                if not targets_written:
                    target[:nbytes] = data
            elif p.kind == OBJECT:
                self.codec.store(p.type, target, bytes(data))  # type: ignore[arg-type]
            else:
                elem, data = p.type or _BYTE, bytes(data)
                n = elem.size
                target[:nbytes // n] = [self.codec.decode(elem, data[i:i + n])
                                        for i in range(0, nbytes, n)]
        if self.sig.ret_kind == VOID:
            return None
        if self.sig.ret_kind == STRING:
            return returned_string(self.sig.name, view, view)
        return self.codec.decode(self.sig.ret, view)  # type: ignore[arg-type]


def returned_string(name: str, result: Buffer, area: Buffer) -> Optional[str]:
    """The string a virtine returned: ``result`` holds its (offset, length) pair (the
    return slot), ``area`` the argument area's bytes at least up to its end."""
    off, n = struct.unpack_from("<QQ", result)
    if off == 0:
        return None
    if off == STRING_TOO_LONG:
        raise VirtineError(f"virtine '{name}' returned a string of {n} bytes, "
                           "more than its argument area holds")
    return bytes(memoryview(area)[off:off + n]).decode("utf-8", "surrogateescape")


def _check_format(p: Param, view: memoryview, where: str) -> None:
    """A buffer's items must be what the C pointer points to (``formats``)."""
    why = formats.problem(p.type, view.format, view.itemsize)
    if why is None:
        return
    elem = p.type.c if p.type is not None else "void"
    numpy = formats.numpy_name(p.type)
    hint = f"; convert it first, e.g. numpy's a.astype('{numpy}')" if numpy else ""
    raise TypeError(f"{where} for '{p.ctype}' is a buffer of format '{view.format}' "
                    f"({view.itemsize}-byte items) but {why}: '{p.ctype}' points to "
                    f"{elem} ({p.elem_size} bytes){hint}")


def _is_buffer(value: Any) -> bool:
    try:
        memoryview(value)
        return True
    except TypeError:
        return False
