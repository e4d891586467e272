"""Short paths for the calls most signatures make, beside the general packer
(``pack``): the arguments are laid out with one ``struct`` call and the caller's
buffers are sent as they are, with no per-argument conversion objects.

Every Python operation after a VM exit runs with cold caches and predictors on a
paravirtual host, so for a small call this work is most of what Python adds to the
exit. A plan only ever takes arguments the general packer would take the same way;
anything else (keywords, lists, ``None``, out-of-range numbers...) returns None or
raises ``struct.error``/``OverflowError``, and the caller falls back to ``ArgPacker``,
which converts or explains."""
from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any, Callable, Optional, Union

from .layout import BLOB_ALIGN, Layout
from .pack import ArgPacker
from .signature import BUFFER, STRING, VALUE, VOID, Param
from .types import Enum, Scalar

ARG, OFFSET, COUNT = range(3)  # where a parameter slot's value comes from


@dataclass(frozen=True)
class FixedPlan:
    """Arguments all numbers or enums, a value or nothing returned: the argument area
    is the fixed part alone. ``head`` (return slot and header) never changes, so it is
    written once; ``pack(area, len(head), *args)`` writes the parameters."""
    head: bytes
    args_size: int
    result_size: int
    pack: Callable[..., None]
    unpack: Callable[[Any], tuple]  # the result, as a 1-tuple


@dataclass(frozen=True)
class BufferPlan:
    """Numbers, enums and buffers, each buffer a C-contiguous buffer-protocol object
    whose element count is the implied length parameter naming it. ``segments(args)``
    gives the call's input and output segments (``runtime.Virtine.call_area``) and the
    result length the guest must reach, or None if the general packer is needed."""
    fixed_size: int
    capacity: int
    ret_size: int
    header: int
    head: struct.Struct                         # [header, fixed_size): header, slots
    slots: tuple[tuple[int, int], ...]          # per parameter: (ARG/OFFSET/COUNT, index)
    buffers: tuple[tuple[int, int, str], ...]   # in blob order: (arg index, elem size, mode)
    unpack: Callable[[Any], tuple]              # the result, as a 1-tuple

    def segments(self, args: tuple) -> Optional[tuple[list, list, int]]:
        end, result_len = self.fixed_size, self.ret_size
        inputs: list = [None]
        outputs: list = [(0, self.ret_size, None, False)] if self.ret_size else []
        offsets, counts = [], []
        for index, elem, mode in self.buffers:
            try:
                view = memoryview(args[index])
            except TypeError:
                return None
            nbytes = view.nbytes
            if nbytes % elem or not view.c_contiguous or (mode != "in" and view.readonly):
                return None
            offset = -(-end // BLOB_ALIGN) * BLOB_ALIGN
            if offset > end:
                inputs.append((end, None, offset - end))
            inputs.append((offset, None if mode == "out" else view, nbytes))
            if mode != "in":
                outputs.append((offset, nbytes, view, mode == "inout"))
                result_len = offset + nbytes
            offsets.append(offset)
            counts.append(nbytes // elem)
            end = offset + nbytes
        if end > self.capacity:
            return None
        values = [args[i] if kind == ARG else offsets[i] if kind == OFFSET else counts[i]
                  for kind, i in self.slots]
        head = bytearray(self.fixed_size)
        self.head.pack_into(head, self.header, result_len, self.capacity, *values)
        inputs[0] = (0, head, self.fixed_size)
        return inputs, outputs, result_len


Plan = Union[FixedPlan, BufferPlan]


def plan_for(packer: ArgPacker, capacity: int) -> Optional[Plan]:
    """The short path for this signature, or None if its calls need the packer."""
    sig, lay = packer.sig, packer.layout
    if sig.ret_kind == STRING:
        return None
    if all(p.kind == VALUE and _number_format(p.type) for p in sig.params):
        return _fixed(packer, capacity)
    named = [p.length for p in sig.params if p.kind == BUFFER]
    implied = {p.name for p in sig.params if p.implied}
    if any(p.kind not in (VALUE, BUFFER) or p.kind == VALUE and not _number_format(p.type)
           for p in sig.params) or any(
            not isinstance(n, str) or n not in implied or named.count(n) > 1 for n in named):
        return None
    inputs = [p.name for p in packer.inputs]
    order = [p for p in sig.params if p.kind == BUFFER]
    order.sort(key=lambda p: not p.copies_out)  # the blob order of the packer
    index = {p.name: j for j, p in enumerate(order)}
    slots = tuple((ARG, inputs.index(p.name)) if p.kind == VALUE and not p.implied
                  else (OFFSET, index[p.name]) if p.kind == BUFFER
                  else (COUNT, index[next(b.name for b in order if b.length == p.name)])
                  for p in sig.params)
    buffers = tuple((inputs.index(p.name), p.elem_size, p.mode) for p in order)
    formats = ["Q" if p.kind == BUFFER else _number_format(p.type) for p in sig.params]
    return BufferPlan(lay.fixed_size, capacity, lay.ret_size, lay.header,
                      _slots_struct(lay, sig.params, formats, lay.header, "QQ"), slots,
                      buffers, _unpacker(packer))


def _fixed(packer: ArgPacker, capacity: int) -> FixedPlan:
    lay = packer.layout
    head = bytearray(lay.header + 16)
    struct.pack_into("<QQ", head, lay.header, lay.ret_size, capacity)
    pack = _slots_struct(lay, packer.sig.params,
                         [_number_format(p.type) for p in packer.sig.params], len(head), "")
    return FixedPlan(bytes(head), lay.fixed_size, lay.ret_size, pack.pack_into,
                     _unpacker(packer))


def _slots_struct(lay: Layout, params: tuple[Param, ...], formats: list, start: int,
                  lead: str) -> struct.Struct:
    """A struct packing ``lead`` at ``start`` and then each parameter's slot, with
    the padding between them skipped."""
    fmt, at = ["<", lead], start + struct.calcsize("<" + lead)
    for p, f in zip(params, formats):
        slot = lay.slots[p.name]
        fmt.append(f"{slot - at}x{f}")
        at = slot + struct.calcsize("<" + f)
    return struct.Struct("".join(fmt))


def _unpacker(packer: ArgPacker) -> Callable[[Any], tuple]:
    """Decodes the return slot at the start of the area into a 1-tuple (for a number,
    ``struct``'s own ``unpack_from``, which costs no Python frame)."""
    sig = packer.sig
    ret = sig.ret
    if sig.ret_kind == VOID:
        return lambda area: (None,)
    if isinstance(ret, Scalar):
        return struct.Struct("<" + ret.fmt).unpack_from
    codec = packer.codec
    return lambda area: (codec.decode(ret, area),)  # type: ignore[arg-type]


def _number_format(t: Any) -> Optional[str]:
    """The struct format of an integer, float or enum (``_Bool`` is left to the codec:
    struct would take any object's truth value)."""
    if isinstance(t, Enum):
        t = t.base
    return t.fmt if isinstance(t, Scalar) and t.kind != "bool" else None
