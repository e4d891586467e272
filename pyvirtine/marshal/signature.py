"""The marshalling description of one virtine: its parameters, what each one is on
the wire, and its result.  Python packing, the guest dispatch glue and the C host
stub are all generated from this one object, and it travels in the image header
(``to_json``) so a prebuilt image can be called without its source."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Optional

from . import types
from .lengths import Length
from .types import CType

VALUE = "value"    # scalar, enum or struct, copied by value
STRING = "string"  # const char *, NUL-terminated, copied in
BUFFER = "buffer"  # T * with VIRTINE_IN/OUT/INOUT(len): len elements
OBJECT = "object"  # T * without annotation: one T (copied back unless const)

VOID = "void"


@dataclass(frozen=True)
class Param:
    name: str
    decl: str                     # C declaration, e.g. "const unsigned char *data"
    ctype: str                    # its type, e.g. "const unsigned char *"
    kind: str                     # VALUE, STRING, BUFFER or OBJECT
    type: Optional[CType]         # the value's type, or the pointed-to type (None: void)
    mode: str = "in"              # "in", "out" or "inout" for pointers
    length: Optional[Length] = None
    annotation: str = ""          # "VIRTINE_IN(n)" as written
    implied: bool = False         # an element count the caller does not pass

    @cached_property
    def elem_size(self) -> int:
        return self.type.size if self.type is not None else 1

    @cached_property
    def is_pointer(self) -> bool:
        return self.kind != VALUE

    @cached_property
    def copies_out(self) -> bool:
        return self.kind in (BUFFER, OBJECT) and self.mode != "in"


@dataclass(frozen=True)
class Signature:
    name: str
    params: tuple[Param, ...]
    ret_kind: str                 # VOID, VALUE or STRING
    ret: Optional[CType]
    ret_c: str                    # C spelling of the return type
    allow: int = 0                # hypercall mask from virtine_whitelist / virtine_cfg
    strict: bool = False          # virtine_strict: callers may not open hypercalls
    memory: Optional[int] = None  # from virtine_cfg
    location: str = ""            # file:line:col of the definition

    @cached_property
    def prototype(self) -> str:
        params = ", ".join(f"{p.decl} {p.annotation}".strip() for p in self.params) or "void"
        sep = "" if self.ret_c.endswith("*") else " "
        return f"{self.ret_c}{sep}{self.name}({params})"

    def types(self) -> list[CType]:
        """The C types of the values and pointed-to objects that cross, and the result."""
        return [t for t in [*(p.type for p in self.params), self.ret] if t is not None]

    def param(self, name: str) -> Param:
        return next(p for p in self.params if p.name == name)

    def to_json(self) -> dict:
        seen: dict = {}
        j: dict = {"name": self.name,
                   "ret": [self.ret_kind, self.ret_c,
                           types.to_json(self.ret, seen) if self.ret else None],
                   "params": [_param_json(p, seen) for p in self.params]}
        for key, value, default in (("allow", self.allow, 0), ("strict", self.strict, False),
                                    ("memory", self.memory, None), ("at", self.location, "")):
            if value != default:
                j[key] = value
        return j

    @classmethod
    def from_json(cls, j: dict) -> "Signature":
        known: dict = {}
        kind, c, t = j["ret"]
        ret = types.from_json(t, known) if t is not None else None
        return cls(j["name"], tuple(_param_from_json(p, known) for p in j["params"]), kind,
                   ret, c, j.get("allow", 0), j.get("strict", False), j.get("memory"),
                   j.get("at", ""))


def _param_json(p: Param, seen: dict) -> list:
    j = [p.name, p.decl, p.ctype, p.kind, types.to_json(p.type, seen) if p.type else None, p.mode]
    if p.kind == BUFFER:
        j += [p.length, p.annotation]
    if p.implied:
        j.append(1)
    return j


def _param_from_json(j: list, known: dict) -> Param:
    name, decl, ctype, kind, t, mode = j[:6]
    length, annotation = (j[6], j[7]) if kind == BUFFER else (None, "")
    ctype_t = types.from_json(t, known) if t is not None else None
    return Param(name, decl, ctype, kind, ctype_t, mode,
                 length, annotation, implied=len(j) > (8 if kind == BUFFER else 6))
