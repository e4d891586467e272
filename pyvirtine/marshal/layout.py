"""Where everything sits in the argument area (docs/ABI.md "Calls").

::

    [0, ret_size)          return slot: the value, or for a string return two u64s
                           (offset of the copied string, its length; offset 0 = NULL,
                           offset ~0 = too long to fit)
    header                 u64 result_len, u64 capacity (written by the host)
    slots                  each parameter in order at its C alignment: its value, or
                           for a pointer a u64 offset of its bytes (0 = NULL)
    blobs                  pointed-to bytes, each 16-aligned: copied-out ones first

The fixed part depends only on the signature; the host chooses blob offsets per call
and tells the guest ``result_len``, the end of the last copied-out blob, so the result
the guest hands back is the first ``result_len`` bytes of the area (plus a returned
string, which the guest appends there)."""
from __future__ import annotations

from dataclasses import dataclass

from .signature import STRING, VOID, Signature
from .types import align_up

BLOB_ALIGN = 16
STRING_TOO_LONG = (1 << 64) - 1


@dataclass(frozen=True)
class Layout:
    ret_size: int
    header: int
    slots: dict
    fixed_size: int


def layout(sig: Signature) -> Layout:
    if sig.ret_kind == VOID:
        ret_size = 0
    elif sig.ret_kind == STRING:
        ret_size = 16
    else:
        ret_size = sig.ret.size  # type: ignore[union-attr]
    header = align_up(ret_size, 8)
    offset = header + 16
    slots = {}
    for p in sig.params:
        t = p.type
        align, size = (8, 8) if p.is_pointer or t is None else (t.align, t.size)
        offset = align_up(offset, align)
        slots[p.name] = offset
        offset += size
    return Layout(ret_size, header, slots, offset)
