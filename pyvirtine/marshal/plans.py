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

from .formats import accepted
from .layout import BLOB_ALIGN, Layout
from .pack import ArgPacker, returned_string
from .signature import BUFFER, STRING, VALUE, VOID, Param
from .types import Enum, Scalar

ARG, OFFSET, COUNT = range(3)  # where a parameter slot's value comes from


@dataclass(frozen=True)
class FixedPlan:
    """Arguments all numbers or enums, a value or nothing returned: the argument area
    is the fixed part alone. ``head`` (return slot and header) never changes, so it is
    written once; each argument goes to its slot, ``arg_slots`` giving (offset,
    ``struct`` format code) per parameter, stored as ``struct`` would store it.
    ``result_code`` is a scalar result's ``struct`` code (``?`` for ``_Bool``, ``v``
    for void); None when only ``unpack`` can decode the result."""
    head: bytes
    args_size: int
    result_size: int
    arg_slots: tuple[tuple[int, str], ...]
    unpack: Callable[[Any], tuple]  # the result, as a 1-tuple
    result_code: Optional[str]


@dataclass(frozen=True)
class BufferPlan:
    """Numbers, enums, strings and buffers, each buffer a C-contiguous buffer-protocol
    object whose element count is the implied length parameter naming it, each string a
    ``str``; a number, a struct or a string returned. ``compile`` turns it into the
    function that lays out and launches one call (``runtime.BufferCall``)."""
    fixed_size: int
    capacity: int
    ret_size: int
    header: int
    head: struct.Struct                         # [header, fixed_size): header, slots
    slots: tuple[tuple[int, int], ...]          # per parameter: (ARG/OFFSET/COUNT, index)
    buffers: tuple[tuple[int, int, str], ...]   # in blob order: (arg index, elem size, mode)
    formats: tuple[Optional[frozenset], ...]    # per buffer: item formats taken (None: any)
    strings: frozenset[int]                     # the blobs (by blob order) that are strings
    unpack: Callable[[Any], tuple]              # the result, as a 1-tuple
    result_ctype: Optional[str]                 # a scalar result's C type, for a typed load
    string_result: bool                         # the return slot holds (offset, length)

    @property
    def outputs(self) -> int:
        """How many output segments the call has besides the return slot: one per
        buffer copied back, and one for a returned string's bytes."""
        return sum(mode != "in" for _, _, mode in self.buffers) + self.string_result

    def compile(self, names: dict) -> Callable[[tuple], Any]:
        """``run(args)`` for this signature, written out as straight-line Python (as
        ``dataclasses`` writes ``__init__``): a loop over the buffers, list building
        and attribute lookups cost several microseconds on a paravirtual host, where
        this code runs with cold caches right after the previous call's VM exit.

        ``run`` returns None for arguments the general packer must convert (or
        explain), and may raise ``struct.error``/``OverflowError`` for a number out of
        range. Otherwise it packs the fixed part with ``write_head(*values)``, writes
        the segments after the fixed part's own with ``write_segments(*fields)`` (per
        buffer in blob order: the zeroed gap before it, then the buffer, zeroed for an
        out buffer; then one per copied-back buffer, ``GUEST_WRITTEN`` for in/out), and
        returns ``(launch(), the result length the guest must reach, pins)``.

        ``names`` gives ``write_head``, ``write_segments``, ``launch``,
        ``pin(view, writable)`` (keeps the buffer exported until dropped),
        ``address(pinned)`` (what ``int`` turns into its address), ``ZERO``,
        ``GUEST_WRITTEN``, and for a string result ``TAIL`` (the address of the thread's
        mirror of the argument area, where the string's bytes are copied) and
        ``PARTIAL``. A string argument that is not a ``str`` without NULs returns None."""
        lines, ins, outs, pins = [], [], [], []
        names = {**names, **{f"F{k}": f for k, f in enumerate(self.formats)}}
        end, result_len = str(self.fixed_size), str(self.ret_size)
        for k, (index, elem, mode) in enumerate(self.buffers):
            if k in self.strings:
                lines += [f"v{k} = args[{index}]",
                          f"if type(v{k}) is not str or '\\0' in v{k}:\n    return None",
                          f"v{k} = v{k}.encode('utf-8', 'surrogateescape') + b'\\0'",
                          f"n{k} = len(v{k})"]
            else:
                lines += [f"try:\n    v{k} = memoryview(args[{index}])",
                          "except TypeError:\n    return None",
                          f"n{k} = v{k}.nbytes",
                          f"if n{k} % {elem} or not v{k}.c_contiguous"
                          + (f" or v{k}.readonly" if mode != "in" else "")
                          + (f" or v{k}.format not in F{k}" if self.formats[k] is not None
                             else "") + ":\n    return None"]
            lines += [f"s{k} = {end}",
                      f"o{k} = -(-s{k} // {BLOB_ALIGN}) * {BLOB_ALIGN}",
                      f"p{k} = pin(v{k}, {mode != 'in'})",
                      f"a{k} = int(address(p{k}))"]
            pins.append(f"p{k}")
            data = "0" if mode == "out" else f"a{k}"
            ins += [f"s{k}, 0, o{k} - s{k}, ZERO", f"o{k}, {data}, n{k}, "
                    + ("ZERO" if mode == "out" else "0")]
            if mode != "in":
                flag = "GUEST_WRITTEN" if mode == "inout" else "0"
                outs.append(f"o{k}, a{k}, n{k}, {flag}")
                result_len = f"o{k} + n{k}"
            end = f"o{k} + n{k}"
        if self.string_result:  # its bytes go where the copied-back ones end
            outs.append(f"{result_len}, TAIL + {result_len}, {self.capacity} - {result_len}, "
                        "PARTIAL")
        values = [f"args[{i}]" if kind == ARG else f"o{i}" if kind == OFFSET
                  else f"n{i} // {self.buffers[i][1]}" for kind, i in self.slots]
        lines += [f"if {end} > {self.capacity}:\n    return None",
                  f"write_head({result_len}, {self.capacity}, {', '.join(values)})",
                  f"write_segments({', '.join(ins + outs)})",
                  f"return launch(), {result_len}, ({''.join(p + ', ' for p in pins)})"]
        body = "\n".join("    " + line.replace("\n", "\n    ") for line in lines)
        source = f"def run(args):\n{body}\n"
        scope: dict = {}
        exec(compile(source, f"<virtine call plan {self.buffers}>", "exec"), dict(names), scope)
        return scope["run"]


Plan = Union[FixedPlan, BufferPlan]


def plan_for(packer: ArgPacker, capacity: int) -> Optional[Plan]:
    """The short path for this signature, or None if its calls need the packer."""
    sig, lay = packer.sig, packer.layout
    if sig.ret_kind != STRING and all(p.kind == VALUE and _number_format(p.type)
                                      for p in sig.params):
        return _fixed(packer, capacity)
    named = [p.length for p in sig.params if p.kind == BUFFER]
    implied = {p.name for p in sig.params if p.implied}
    if any(p.kind not in (VALUE, BUFFER, STRING) or p.kind == VALUE and not _number_format(p.type)
           for p in sig.params) or any(
            not isinstance(n, str) or n not in implied or named.count(n) > 1 for n in named):
        return None
    inputs = [p.name for p in packer.inputs]
    order = [p for p in sig.params if p.kind in (BUFFER, STRING)]
    order.sort(key=lambda p: not p.copies_out)  # the blob order of the packer
    index = {p.name: j for j, p in enumerate(order)}
    slots = tuple((ARG, inputs.index(p.name)) if p.kind == VALUE and not p.implied
                  else (OFFSET, index[p.name]) if p.kind in (BUFFER, STRING)
                  else (COUNT, index[next(b.name for b in order if b.length == p.name)])
                  for p in sig.params)
    buffers = tuple((inputs.index(p.name), 1 if p.kind == STRING else p.elem_size,
                     "in" if p.kind == STRING else p.mode) for p in order)
    buffer_formats = tuple(None if p.kind == STRING else accepted(p.type) for p in order)
    strings = frozenset(j for j, p in enumerate(order) if p.kind == STRING)
    formats = ["Q" if p.kind in (BUFFER, STRING) else _number_format(p.type)
               for p in sig.params]
    return BufferPlan(lay.fixed_size, capacity, lay.ret_size, lay.header,
                      _slots_struct(lay, sig.params, formats, lay.header, "QQ"), slots,
                      buffers, buffer_formats, strings, _unpacker(packer),
                      _result_ctype(sig.ret), sig.ret_kind == STRING)


def _fixed(packer: ArgPacker, capacity: int) -> FixedPlan:
    lay = packer.layout
    head = bytearray(lay.header + 16)
    struct.pack_into("<QQ", head, lay.header, lay.ret_size, capacity)
    params, ret = packer.sig.params, packer.sig.ret
    slots = tuple((lay.slots[p.name], _number_format(p.type)) for p in params)
    code = "v" if packer.sig.ret_kind == VOID else ret.fmt if isinstance(ret, Scalar) else None
    return FixedPlan(bytes(head), lay.fixed_size, lay.ret_size, slots, _unpacker(packer), code)


def _result_ctype(ret: Any) -> Optional[str]:
    return ret.fixed_width if isinstance(ret, Scalar) else None


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
    if sig.ret_kind == STRING:
        return lambda area: (returned_string(sig.name, area, area),)
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
