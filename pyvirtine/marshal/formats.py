"""Which buffer-protocol item formats (``memoryview.format``, numpy's dtype as the
buffer protocol spells it) may stand for the elements a C pointer points to.

A buffer is raw memory to the guest, so without this check an ``int64`` array passed
for ``const double *`` is silently read as doubles. The rules:

* ``void *``: any buffer;
* plain bytes (``B``, ``c``: ``bytes``, ``bytearray``, ``uint8`` arrays): any element
  type, as raw memory (its length must still be a whole number of elements);
* integers and enums: an integer format of the same size (signedness may differ, as a
  C cast between them keeps the bits); ``_Bool``: ``?`` or a 1-byte integer;
* ``float``/``double``: the float format of the same size;
* ``float _Complex``/``double _Complex``: numpy's complex format of the same size
  (``Zf``, ``Zd``), or the float format of its parts (an ``N x 2`` float64 array);
* structs and arrays: a composite format whose items are as big as the C type (a
  numpy structured array), or a scalar one every field may be made of (an ``N x 2`` int32 array
  for ``struct { int x, y; }``);
* never a byte order other than the host's (``>``, ``!``)."""
from __future__ import annotations

import functools
import struct
from typing import Any, Optional

from .types import Array, Complex, Enum, Scalar, Struct

RAW_BYTES = frozenset({"B", "c", "@B", "@c", "=B", "=c", "<B", "<c"})
_NATIVE_ORDER = ("", "@", "=", "<")  # x86-64 is little endian
_INTEGERS = "bBhHiIlLqQnNP"
_FLOATS = "efd"


def _kind(code: str) -> Optional[str]:
    """'int', 'float' or 'bool' for a one-item struct format code, else None."""
    if code in _INTEGERS:
        return "int"
    if code in _FLOATS:
        return "float"
    return "bool" if code == "?" else None


def problem(elem: Any, fmt: str, itemsize: int) -> Optional[str]:
    """Why a buffer of ``fmt`` items (``itemsize`` bytes each) cannot hold ``elem``
    (a ``types`` C type; None for void), or None if it can."""
    if elem is None or fmt in RAW_BYTES:
        return None
    if fmt[:1] in (">", "!"):
        return "its byte order is big-endian"
    if isinstance(elem, Enum):
        elem = elem.base
    code = fmt[1:] if fmt[:1] in _NATIVE_ORDER[1:] else fmt
    if isinstance(elem, Complex):
        if code == "Z" + elem.part.fmt and itemsize == elem.size:
            return None
        if problem(elem.part, fmt, itemsize) is None:
            return None
        return f"its items are neither {numpy_name(elem)} nor {numpy_name(elem.part)}"
    kind = _kind(code) if len(code) == 1 else None
    if not isinstance(elem, Scalar):
        if kind is None:  # a composite item (numpy structured array): as big as the type
            fits = itemsize == elem.size
        else:  # a scalar item: every field of that type
            fits = all(problem(leaf, fmt, itemsize) is None for leaf in _leaves(elem))
        if fits:
            return None
        return "its items are neither the C type's size nor the type of all its fields"
    want = "float" if elem.is_float else "bool" if elem.kind == "bool" else "int"
    if itemsize != elem.size or not (kind == want or want == "bool" and kind == "int"):
        return "its items are not of that type"
    return None


def _leaves(t: Any) -> list:
    """The scalar (and enum) types a struct or array is made of."""
    if isinstance(t, Struct):
        return [leaf for f in t.fields for leaf in _leaves(f.type)]
    if isinstance(t, Array):
        return _leaves(t.elem)
    if isinstance(t, Complex):
        return [t.part]
    return [t]


@functools.lru_cache(maxsize=None)
def accepted(elem: Any) -> Optional[frozenset]:
    """The exact format strings ``problem`` accepts for ``elem`` by their code alone
    (None: every format), for a fast path to test with one set lookup. Structs and
    arrays made of several types are checked by item size, so only raw bytes and
    their fields' common formats are listed for them."""
    if elem is None:
        return None
    formats = set(RAW_BYTES)
    for order in _NATIVE_ORDER:
        if isinstance(elem, Complex):  # struct knows no complex format: numpy's spelling
            formats.add(order + "Z" + elem.part.fmt)
        for code in _INTEGERS + _FLOATS + "?":
            fmt = order + code
            try:
                size = struct.calcsize(fmt)
            except struct.error:  # n, N and P exist in native order only
                continue
            if problem(elem, fmt, size) is None:
                formats.add(fmt)
    return frozenset(formats)


def numpy_name(elem: Any) -> Optional[str]:
    """The numpy dtype name for a scalar C type (for the hint in an error), or None."""
    if isinstance(elem, Enum):
        elem = elem.base
    if isinstance(elem, Complex):
        return f"complex{elem.size * 8}"
    if not isinstance(elem, Scalar):
        return None
    if elem.kind == "bool":
        return "bool"
    if elem.is_float:
        return f"float{elem.size * 8}"
    return f"{'u' if elem.kind[0] == 'u' else ''}int{elem.size * 8}"
