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

from . import lengths
from .codec import Codec, _identifier
from .layout import BLOB_ALIGN, STRING_TOO_LONG, layout
from .signature import BUFFER, OBJECT, STRING, VALUE, VOID, Param, Signature
from .types import Enum, Scalar, Struct, align_up
from ..errors import VirtineError

_BYTE = Scalar("u8", "unsigned char")


Buffer = Union[bytes, bytearray, memoryview]


@dataclass
class Call:
    """One packed call: the area to send and what to do with the result."""
    area: bytearray
    result_len: int
    writebacks: list = field(default_factory=list)  # (param, offset, count, target)


@dataclass
class _Arg:
    param: Param
    count: int = 0                 # elements pointed to (buffers)
    data: Optional[Buffer] = None  # None: NULL pointer; buffers stay views of the caller's
    target: Any = None             # where copied-out bytes go


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
                if isinstance(p.type, Enum) or isinstance(p.type, Scalar) and not p.type.is_float:
                    ints[p.name] = int(self.codec.decode(p.type, encoded[p.name]))
            elif p.kind == STRING:
                pointers[p.name] = self._string(p, value, where)
            elif p.kind == BUFFER:
                pointers[p.name] = self._buffer(p, value, where)
            else:
                pointers[p.name] = self._object(p, value, where)
        for p in self.sig.params:  # implied counts, from the first buffer naming them
            if p.implied:
                count = next(pointers[b.name].count for b in self.sig.params
                             if b.kind == BUFFER and b.length == p.name)
                encoded[p.name] = self.codec.encode(p.type, count,  # type: ignore[arg-type]
                                                    f"{self.sig.name}() length '{p.name}'")
                ints[p.name] = count
        for p in self.sig.params:
            if p.kind == BUFFER:
                self._check_length(p, pointers[p.name], ints)
        return self._assemble(encoded, pointers, capacity)

    # -- per kind ------------------------------------------------------------------
    def _string(self, p: Param, value: Any, where: str) -> _Arg:
        if value is None:
            return _Arg(p)
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
            return _Arg(p)
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
        flat = view.cast("B") if view.ndim != 1 or view.format != "B" else view
        if flat.nbytes % p.elem_size:
            raise ValueError(f"{where}: {flat.nbytes} bytes is not a whole number of "
                             f"{p.elem_size}-byte elements of '{p.ctype}'")
        return _Arg(p, flat.nbytes // p.elem_size, flat, flat if p.mode != "in" else None)

    def _object(self, p: Param, value: Any, where: str) -> _Arg:
        if value is None:
            return _Arg(p)
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
        data = memoryview(value).cast("B")
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
        if arg.data is None:
            if need:
                raise ValueError(f"{self.sig.name}() argument '{p.name}' is None but "
                                 f"{p.annotation} needs {need} elements")
            return
        if arg.count < need:
            raise ValueError(f"{self.sig.name}() argument '{p.name}' has {arg.count} elements "
                             f"of '{p.ctype.rstrip(' *')}' but {p.annotation} needs {need}")
        arg.count = need
        nbytes = need * p.elem_size
        arg.data = arg.data[:nbytes] if p.mode != "out" else bytes(nbytes)

    # -- area ----------------------------------------------------------------------
    def _assemble(self, encoded: dict[str, bytes], pointers: dict[str, _Arg],
                  capacity: int) -> Call:
        lay = self.layout
        offsets: dict[str, int] = {}
        end = lay.fixed_size
        order = sorted(pointers.values(), key=lambda a: not a.param.copies_out)
        result_len = lay.ret_size
        for arg in order:
            if arg.data is None:
                continue
            end = align_up(end, BLOB_ALIGN)
            offsets[arg.param.name] = end
            end += len(arg.data)
            if arg.param.copies_out:
                result_len = end
        if end > capacity:
            raise ValueError(f"{self.sig.name}(): the arguments take {end} bytes but the "
                             f"virtine's argument area holds {capacity}; give it more memory")
        area = bytearray(end)
        struct.pack_into("<QQ", area, lay.header, result_len, capacity)
        call = Call(b"", result_len)
        for p in self.sig.params:
            slot = lay.slots[p.name]
            if p.kind == VALUE:
                area[slot:slot + p.type.size] = encoded[p.name]  # type: ignore[union-attr]
                continue
            arg = pointers[p.name]
            off = offsets.get(p.name, 0)
            struct.pack_into("<Q", area, slot, off)
            if off:
                area[off:off + len(arg.data)] = arg.data  # type: ignore[arg-type]
                if p.copies_out and arg.target is not None:
                    call.writebacks.append((p, off, len(arg.data), arg.target))
        call.area = area  # the runtime takes any buffer: no copy to bytes
        return call

    def unpack(self, call: Call, result: bytes) -> Any:
        """Write copied-out data back and return the function's Python result."""
        if len(result) < call.result_len:
            raise VirtineError(f"virtine '{self.sig.name}' returned {len(result)} bytes of "
                               f"result, expected at least {call.result_len}")
        view = memoryview(result)
        for p, off, nbytes, target in call.writebacks:
            data = view[off:off + nbytes]
            if isinstance(target, memoryview):
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
            off, n = struct.unpack_from("<QQ", result)
            if off == 0:
                return None
            if off == STRING_TOO_LONG:
                raise VirtineError(f"virtine '{self.sig.name}' returned a string of {n} bytes, "
                                   "more than its argument area holds")
            return result[off:off + n].decode("utf-8", "surrogateescape")
        return self.codec.decode(self.sig.ret, result)  # type: ignore[arg-type]


def _is_buffer(value: Any) -> bool:
    try:
        memoryview(value)
        return True
    except TypeError:
        return False
