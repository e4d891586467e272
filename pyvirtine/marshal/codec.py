"""Python values <-> the bytes of C values (``types.CType``), little endian.

Structs come back as generated dataclasses (one per struct, named after it) and go
in as those, as dicts, or as any object with the fields as attributes; enums come
back as generated ``IntEnum`` members.  ``char`` arrays are ``bytes``; C complex numbers
are Python ``complex`` (any real number goes in as one with no imaginary part)."""
from __future__ import annotations

import dataclasses
import enum
import keyword
import operator
import pickle
import struct
import threading
from typing import Any

from .types import Array, CType, Complex, Enum, Scalar, Struct


class Codec:
    """Encodes and decodes C values; owns the Python classes made for structs and enums."""

    def __init__(self) -> None:
        self.classes: dict[str, type] = {}
        self._lock = threading.RLock()  # one class per struct, even when threads race
        # The load() module or VirtineFunction whose classes these are (it sets itself;
        # it pickles by value and has the codec as ``_codec``).
        self.owner: Any = None

    def __reduce__(self) -> tuple:
        # Struct and enum values pickle as (codec, C type, fields), the codec as its
        # owner's: what a worker process returns arrives as the client's own classes.
        if self.owner is None:
            raise pickle.PicklingError("these struct and enum values belong to no virtine "
                                       "module or function, so they cannot be pickled")
        return getattr, (self.owner, "_codec")

    # -- Python classes ---------------------------------------------------------
    def python_class(self, t: CType) -> type:
        if isinstance(t, Struct):
            return self._struct_class(t)
        if isinstance(t, Enum):
            return self._enum_class(t)
        if isinstance(t, Array):
            return bytes if _is_char(t.elem) else list
        if isinstance(t, Complex):
            return complex
        return float if t.is_float else bool if t.kind == "bool" else int

    def _struct_class(self, t: Struct) -> type:
        name = _identifier(t.name or "anonymous_struct")
        with self._lock:
            return self.classes.get(name) or self._make_struct_class(name, t)

    def _make_struct_class(self, name: str, t: Struct) -> type:
        fields = [(_identifier(f.name), self.python_class(f.type),
                   dataclasses.field(default_factory=lambda f=f: self._zero(f.type)))
                  for f in t.fields]
        cls = dataclasses.make_dataclass(name, fields)
        cls.__doc__ = f"C {t.c}: " + "; ".join(f"{f.type.c} {f.name}" for f in t.fields)
        cls.__reduce__ = lambda value: (_struct_value, (self, t, tuple(  # type: ignore
            getattr(value, f.name) for f in dataclasses.fields(value))))
        self.classes[name] = cls
        return cls

    def _enum_class(self, t: Enum) -> type:
        name = _identifier(t.name or "anonymous_enum")
        with self._lock:
            if name not in self.classes:
                cls = enum.IntEnum(name, {_identifier(n): v for n, v in t.values})
                cls.__reduce_ex__ = lambda member, protocol: (  # type: ignore
                    _enum_member, (self, t, member.value))
                self.classes[name] = cls
            return self.classes[name]

    def _zero(self, t: CType) -> Any:
        return self.decode(t, bytes(t.size))

    # -- encoding ---------------------------------------------------------------
    def encode(self, t: CType, value: Any, where: str) -> bytes:
        """Bytes of ``value`` as a C ``t``; ``where`` names the argument in errors."""
        if isinstance(t, Scalar):
            return self._scalar(t, value, where)
        if isinstance(t, Enum):
            return self._scalar(t.base, value, f"{where} ({t.c})")
        if isinstance(t, Complex):
            return self._complex(t, value, where)
        if isinstance(t, Array):
            return self._array(t, value, where)
        return self._struct(t, value, where)

    def _complex(self, t: Complex, value: Any, where: str) -> bytes:
        if isinstance(value, (str, bytes)) or not (hasattr(value, "__complex__")
                                                   or hasattr(value, "__float__")
                                                   or hasattr(value, "__index__")):
            raise TypeError(f"{where} must be a number for '{t.c}', not {type(value).__name__}")
        z = complex(value)
        return struct.pack("<" + t.fmt, z.real, z.imag)

    def _scalar(self, t: Scalar, value: Any, where: str) -> bytes:
        if t.is_float:
            if isinstance(value, (str, bytes)) or not hasattr(value, "__float__"):
                raise TypeError(f"{where} must be a number for '{t.c}', not {type(value).__name__}")
            return struct.pack("<" + t.fmt, float(value))
        if t.is_char and isinstance(value, (str, bytes)) and len(value) == 1:
            value = ord(value)
        try:
            v = operator.index(value)
        except TypeError:
            raise TypeError(f"{where} must be an integer for '{t.c}', "
                            f"not {type(value).__name__}") from None
        lo, hi = t.bounds()
        if not lo <= v <= hi:
            raise OverflowError(f"{where}: {v} is out of range for '{t.c}' [{lo}, {hi}]")
        return struct.pack("<" + t.fmt, v)

    def _array(self, t: Array, value: Any, where: str) -> bytes:
        if _is_char(t.elem) and isinstance(value, (str, bytes, bytearray, memoryview)):
            data = value.encode() if isinstance(value, str) else bytes(value)
            if len(data) > t.length:
                raise ValueError(f"{where}: {len(data)} bytes do not fit '{t.c}'")
            return data.ljust(t.size, b"\0")
        if isinstance(value, (str, bytes)) or not hasattr(value, "__len__"):
            raise TypeError(f"{where} must be a sequence for '{t.c}', not {type(value).__name__}")
        if len(value) > t.length:
            raise ValueError(f"{where}: {len(value)} elements do not fit '{t.c}'")
        data = b"".join(self.encode(t.elem, v, f"{where}[{i}]") for i, v in enumerate(value))
        return data.ljust(t.size, b"\0")

    def _struct(self, t: Struct, value: Any, where: str) -> bytes:
        if isinstance(value, dict):
            unknown = set(value) - {f.name for f in t.fields}
            if unknown:
                raise TypeError(f"{where}: {t.c} has no field '{sorted(unknown)[0]}'")
            get = value.get
        elif all(hasattr(value, _identifier(f.name)) for f in t.fields):
            get = lambda name, default=None: getattr(value, _identifier(name))  # noqa: E731
        else:
            raise TypeError(f"{where} must be a dict or a {_identifier(t.name)} for '{t.c}', "
                            f"not {type(value).__name__}")
        out = bytearray(t.size)
        for f in t.fields:
            v = get(f.name, _MISSING)
            if v is _MISSING:
                raise TypeError(f"{where}: missing field '{f.name}' of {t.c}")
            out[f.offset:f.offset + f.type.size] = self.encode(f.type, v, f"{where}.{f.name}")
        return bytes(out)

    # -- decoding ---------------------------------------------------------------
    def decode(self, t: CType, data: bytes) -> Any:
        if isinstance(t, Scalar):
            return struct.unpack_from("<" + t.fmt, data)[0]
        if isinstance(t, Complex):
            return complex(*struct.unpack_from("<" + t.fmt, data))
        if isinstance(t, Enum):
            v = struct.unpack_from("<" + t.base.fmt, data)[0]
            cls = self._enum_class(t)
            return cls(v) if v in cls._value2member_map_ else v
        if isinstance(t, Array):
            if _is_char(t.elem):
                raw = bytes(data[:t.size])
                return raw.split(b"\0", 1)[0] if t.elem.c == "char" else raw
            n = t.elem.size
            return [self.decode(t.elem, data[i * n:(i + 1) * n]) for i in range(t.length)]
        cls = self._struct_class(t)
        return cls(*(self.decode(f.type, data[f.offset:f.offset + f.type.size]) for f in t.fields))

    def store(self, t: CType, target: Any, data: bytes) -> None:
        """Copy a C value back into the mutable Python object it came from: a one-element
        list, or for a struct a dict or an object with the fields as attributes."""
        value = self.decode(t, data)
        if isinstance(target, list):
            target[0] = value
            return
        assert isinstance(t, Struct)
        for f in t.fields:
            v = getattr(value, _identifier(f.name))
            if isinstance(target, dict):
                target[f.name] = v
            else:
                setattr(target, _identifier(f.name), v)


_MISSING = object()


def _is_char(t: CType) -> bool:
    return isinstance(t, Scalar) and t.is_char


def _identifier(name: str) -> str:
    name = "".join(c if c.isalnum() or c == "_" else "_" for c in name)
    return name + "_" if keyword.iskeyword(name) else name


def _struct_value(codec: Codec, t: Struct, values: tuple) -> Any:
    return codec.python_class(t)(*values)


def _enum_member(codec: Codec, t: Enum, value: int) -> Any:
    return codec.python_class(t)(value)
