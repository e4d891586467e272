"""The C types that can cross into a virtine by value, with their x86-64 SysV layout
and a compact JSON form (it travels in the image header's ``abi`` field, whose room is
small, so the keys are short).

Only plain data crosses: integers, floats, ``_Bool``, enums, ``float _Complex`` and
``double _Complex``, and structs and arrays built from them.  Pointers never appear
inside these types; the signature module turns pointer parameters into buffers before
a type is built."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Union

# kind -> (size, struct-module format)
SCALARS = {
    "i8": (1, "b"), "u8": (1, "B"), "i16": (2, "h"), "u16": (2, "H"),
    "i32": (4, "i"), "u32": (4, "I"), "i64": (8, "q"), "u64": (8, "Q"),
    "f32": (4, "f"), "f64": (8, "d"), "bool": (1, "?"),
}


@dataclass(frozen=True)
class Scalar:
    kind: str   # a key of SCALARS
    c: str      # spelling for messages and generated C, e.g. "unsigned long"

    @cached_property
    def size(self) -> int:
        return SCALARS[self.kind][0]

    @cached_property
    def align(self) -> int:
        return self.size

    @cached_property
    def fmt(self) -> str:
        return SCALARS[self.kind][1]

    @cached_property
    def fixed_width(self) -> str:
        """The <stdint.h> name of this type's size and signedness (or float, double, _Bool)."""
        if self.kind in ("f32", "f64", "bool"):
            return {"f32": "float", "f64": "double", "bool": "_Bool"}[self.kind]
        return f"{'u' if self.kind[0] == 'u' else ''}int{self.size * 8}_t"

    @cached_property
    def is_float(self) -> bool:
        return self.kind in ("f32", "f64")

    @cached_property
    def is_char(self) -> bool:
        return self.size == 1 and self.kind != "bool"

    def bounds(self) -> tuple[int, int]:
        bits = self.size * 8
        if self.kind.startswith("i"):
            return -(1 << (bits - 1)), (1 << (bits - 1)) - 1
        return 0, (1 << bits) - 1


@dataclass(frozen=True)
class Complex:
    """``float _Complex`` or ``double _Complex``: the real part, then the imaginary part,
    each a ``part`` (C11 6.2.5p13), aligned as one part."""
    part: Scalar  # f32 or f64
    c: str

    @cached_property
    def size(self) -> int:
        return 2 * self.part.size

    @cached_property
    def align(self) -> int:
        return self.part.align

    @cached_property
    def fmt(self) -> str:
        return 2 * self.part.fmt


@dataclass(frozen=True)
class Enum:
    name: str                            # tag or typedef name ("" if neither)
    base: Scalar                         # i32, or u32 when a value needs it
    values: tuple[tuple[str, int], ...]

    @cached_property
    def size(self) -> int:
        return self.base.size

    @cached_property
    def align(self) -> int:
        return self.base.align

    @cached_property
    def c(self) -> str:
        return f"enum {self.name}" if self.name else "enum"


@dataclass(frozen=True)
class Field:
    name: str
    offset: int
    type: "CType"


@dataclass(frozen=True)
class Struct:
    name: str          # tag, else typedef name
    size: int
    align: int
    fields: tuple[Field, ...]

    @cached_property
    def c(self) -> str:
        return f"struct {self.name}"


@dataclass(frozen=True)
class Array:
    elem: "CType"
    length: int

    @cached_property
    def size(self) -> int:
        return self.elem.size * self.length

    @cached_property
    def align(self) -> int:
        return self.elem.align

    @cached_property
    def c(self) -> str:
        return f"{self.elem.c}[{self.length}]"


CType = Union[Scalar, Complex, Enum, Struct, Array]


def to_json(t: CType, seen: dict) -> object:
    """JSON of ``t``; a named struct or enum already in ``seen`` (filled in as they are
    written) becomes a reference ``{"r": name}``, so each is spelled out once."""
    if isinstance(t, Scalar):
        return [t.kind, t.c]
    if isinstance(t, Complex):
        return {"c": t.c, "p": to_json(t.part, seen)}
    if isinstance(t, (Struct, Enum)) and t.name:
        if t.name in seen:
            return {"r": t.name}
        seen[t.name] = t
    if isinstance(t, Enum):
        return {"e": t.name, "b": to_json(t.base, seen), "v": [list(v) for v in t.values]}
    if isinstance(t, Struct):
        return {"s": t.name, "z": t.size, "a": t.align,
                "f": [[f.name, f.offset, to_json(f.type, seen)] for f in t.fields]}
    return {"n": t.length, "t": to_json(t.elem, seen)}


def from_json(j: object, known: dict) -> CType:
    """The inverse of ``to_json``, read in the order it was written."""
    if isinstance(j, list):
        return Scalar(j[0], j[1])
    assert isinstance(j, dict)
    if "r" in j:
        return known[j["r"]]
    if "c" in j:
        return Complex(from_json(j["p"], known), j["c"])  # type: ignore[arg-type]
    t: CType
    if "e" in j:
        base = from_json(j["b"], known)
        t = Enum(j["e"], base, tuple((n, v) for n, v in j["v"]))  # type: ignore[arg-type]
    elif "s" in j:
        t = Struct(j["s"], j["z"], j["a"],
                   tuple(Field(n, o, from_json(ft, known)) for n, o, ft in j["f"]))
    else:
        return Array(from_json(j["t"], known), j["n"])
    if t.name:
        known[t.name] = t
    return t


def align_up(n: int, a: int) -> int:
    return (n + a - 1) // a * a
