"""The C type model for x86-64 SysV (LP64): sizes, alignments, struct layout
(bit-fields placed exactly like gcc), and the mapping of scalars to LLVM types.

Aggregates are opaque byte blobs to LLVM (``[N x i8]``); members are reached by
byte offset, so the layout computed here is the only one that exists."""
from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Optional

import llvmlite.ir as ir


class CType:
    size: int
    align: int

    def is_integer(self) -> bool:
        return isinstance(self, IntType)

    def is_float(self) -> bool:
        return isinstance(self, FloatType)

    def is_arithmetic(self) -> bool:
        return isinstance(self, (IntType, FloatType, ComplexType))

    def is_complex(self) -> bool:
        return isinstance(self, ComplexType)

    def is_pointer(self) -> bool:
        return isinstance(self, PointerType)

    def is_scalar(self) -> bool:
        return isinstance(self, (IntType, FloatType, PointerType, ComplexType))

    def is_aggregate(self) -> bool:
        return isinstance(self, (StructType, ArrayType))

    def is_void(self) -> bool:
        return isinstance(self, VoidType)

    def is_complete(self) -> bool:
        return True


class VoidType(CType):
    size = 1  # GNU-compatible arithmetic on void *
    align = 1

    def __str__(self) -> str:
        return "void"

    def is_complete(self) -> bool:
        return False


@dataclass(eq=False)
class IntType(CType):
    name: str
    size: int
    signed: bool
    rank: int
    is_bool: bool = False
    is_enum: bool = False
    alignment: Optional[int] = None   # an aligned(N) typedef's, instead of the size
    incomplete: bool = False          # an enum declared but not yet defined

    @property
    def align(self) -> int:  # type: ignore[override]
        return self.alignment or self.size

    def is_complete(self) -> bool:
        return not self.incomplete

    @property
    def bits(self) -> int:
        return self.size * 8

    def __str__(self) -> str:
        return self.name


@dataclass(eq=False)
class FloatType(CType):
    name: str
    size: int
    alignment: Optional[int] = None

    @property
    def align(self) -> int:  # type: ignore[override]
        return self.alignment or self.size

    def __str__(self) -> str:
        return self.name


@dataclass(eq=False)
class ComplexType(CType):
    """``R _Complex``: two consecutive ``R`` (real part first), aligned as one ``R``.
    In a register it is the LLVM pair ``{R, R}``."""
    real: FloatType

    @property
    def size(self) -> int:  # type: ignore[override]
        return 2 * self.real.size

    @property
    def align(self) -> int:  # type: ignore[override]
        return self.real.align

    def __str__(self) -> str:
        return f"complex {self.real}"     # gcc's spelling


@dataclass(eq=False)
class PointerType(CType):
    target: CType
    volatile: bool = False      # the pointee is volatile-qualified
    const: bool = False         # the pointee is const-qualified
    size = 8
    align = 8

    def __str__(self) -> str:
        return f"{self.target} *"


@dataclass(eq=False)
class ArrayType(CType):
    elem: CType
    length: Optional[int]
    count: Any = None           # variable-length arrays: element count, an LLVM i64 value
    alignment: Optional[int] = None
    flexible: bool = False      # a struct's last ``T m[]``: length 0, statics may extend it

    @property
    def size(self) -> int:  # type: ignore[override]
        return self.elem.size * (self.length or 0)

    @property
    def align(self) -> int:  # type: ignore[override]
        return self.alignment or self.elem.align

    def is_complete(self) -> bool:
        return self.length is not None or self.count is not None

    def __str__(self) -> str:
        return f"{self.elem}[{'' if self.length is None else self.length}]"


@dataclass(eq=False)
class FuncType(CType):
    ret: CType
    params: list
    variadic: bool
    prototyped: bool = True
    size = 1
    align = 1

    def __str__(self) -> str:
        return f"{self.ret} ({', '.join(map(str, self.params))}{', ...' if self.variadic else ''})"


@dataclass(eq=False)
class Member:
    name: Optional[str]
    type: CType
    offset: int                # bytes; for a bit-field, its first byte
    bit_offset: int = 0        # bit-fields: first bit within that byte
    bit_width: Optional[int] = None
    unit_bytes: int = 0        # bit-fields: bytes spanned, read and written as one iN
    const: bool = False


@dataclass(eq=False)
class StructType(CType):
    kind: str                   # "struct" or "union"
    tag: Optional[str]
    members: list = field(default_factory=list)
    size: int = 0               # type: ignore[assignment]
    align: int = 1              # type: ignore[assignment]
    complete: bool = False
    const_member: Optional[str] = None   # a const member (maybe nested): not assignable

    def is_complete(self) -> bool:
        return self.complete

    def member(self, name: str) -> Optional[list]:
        """Path of members leading to ``name`` (anonymous members are searched through)."""
        for m in self.members:
            if m.name == name:
                return [m]
            if m.name is None and isinstance(m.type, StructType):
                sub = m.type.member(name)
                if sub:
                    return [m] + sub
        return None

    def __str__(self) -> str:
        return f"{self.kind} {self.tag or '<anonymous>'}"


VOID = VoidType()
BOOL = IntType("_Bool", 1, False, 1, is_bool=True)
CHAR = IntType("char", 1, True, 2)
SCHAR = IntType("signed char", 1, True, 2)
UCHAR = IntType("unsigned char", 1, False, 2)
SHORT = IntType("short", 2, True, 3)
USHORT = IntType("unsigned short", 2, False, 3)
INT = IntType("int", 4, True, 4)
UINT = IntType("unsigned int", 4, False, 4)
LONG = IntType("long", 8, True, 5)
ULONG = IntType("unsigned long", 8, False, 5)
LLONG = IntType("long long", 8, True, 6)
ULLONG = IntType("unsigned long long", 8, False, 6)
FLOAT = FloatType("float", 4)
DOUBLE = FloatType("double", 8)
LDOUBLE = FloatType("long double", 16)  # x87 80-bit extended, padded to 16 bytes as gcc does
CFLOAT = ComplexType(FLOAT)
CDOUBLE = ComplexType(DOUBLE)
CLDOUBLE = ComplexType(LDOUBLE)


def complex_of(real: CType) -> "ComplexType":
    """The complex type whose parts are the real floating type ``real``."""
    return {4: CFLOAT, 8: CDOUBLE}.get(real.size, CLDOUBLE)


def real_part_type(t: CType) -> CType:
    """The type of a complex's parts; a real type is its own."""
    return t.real if isinstance(t, ComplexType) else t


_UNSIGNED_OF = {CHAR: UCHAR, SCHAR: UCHAR, SHORT: USHORT, INT: UINT, LONG: ULONG, LLONG: ULLONG}


def plain(t: CType) -> CType:
    """The type an ``aligned(N)`` typedef made a variant of (itself if none): a variant
    is the same type in every respect but its alignment."""
    return getattr(t, "variant_of", None) or t


def aligned_variant(t: CType, align: int) -> CType:
    """``t`` with alignment ``align``, as ``typedef T name __attribute__((aligned(N)))``
    makes it (gcc lets a typedef lower alignment too; the size does not change)."""
    variant = copy.copy(plain(t))
    if hasattr(variant, "alignment"):
        variant.alignment = align
    else:
        variant.align = align
    variant.variant_of = plain(t)
    return variant


def same_type(a: CType, b: CType) -> bool:
    return plain(a) is plain(b)


def to_unsigned(t: IntType) -> IntType:
    return _UNSIGNED_OF.get(plain(t), t)


def decay(t: CType) -> CType:
    """Array-to-pointer and function-to-pointer conversion."""
    if isinstance(t, ArrayType):
        return PointerType(t.elem)
    if isinstance(t, FuncType):
        return PointerType(t)
    return t


def promote(t: CType) -> CType:
    """Integer promotions (C99 6.3.1.1)."""
    if isinstance(t, IntType) and (t.rank < INT.rank or (t.is_enum and t.size < 4)):
        return INT
    if isinstance(t, IntType) and t.is_enum:
        return UINT if not t.signed else INT
    return t


def bitfield_value_type(t: IntType, width: int) -> IntType:
    """The type of a bit-field's value, as gcc gives it: whatever the declared type,
    int below 32 bits, int or unsigned int at exactly 32. gcc types a wider field as
    an integer of exactly its width; here it computes in the declared type, which
    differs only where arithmetic overflows those bits."""
    if width < INT.bits:
        return INT
    if width == INT.bits:
        return INT if t.signed else UINT
    return t


def usual_arithmetic(a: CType, b: CType) -> CType:
    """Usual arithmetic conversions (C99 6.3.1.8): with a complex operand, the
    complex type of the real type the parts would convert to."""
    if a.is_complex() or b.is_complex():
        return complex_of(usual_arithmetic(real_part_type(a), real_part_type(b)))
    if a.is_float() or b.is_float():
        sizes = {a.size if a.is_float() else 0, b.size if b.is_float() else 0}
        return LDOUBLE if 16 in sizes else DOUBLE if 8 in sizes else FLOAT
    a, b = plain(promote(a)), plain(promote(b))
    assert isinstance(a, IntType) and isinstance(b, IntType)
    if a.signed == b.signed:
        return a if a.rank >= b.rank else b
    u, s = (a, b) if not a.signed else (b, a)
    if u.rank >= s.rank:
        return u
    if s.size > u.size:
        return s
    return to_unsigned(s)


def layout_struct(st: StructType, fields: list, pack: Optional[int] = None,
                  packed: bool = False, aligned: Optional[int] = None,
                  ms: bool = False) -> None:
    """Place ``fields`` (name, type, bit_width or None, alignas, packed, const) like gcc
    on x86-64.

    A packed member (``__attribute__((packed))`` on it or on the whole struct) has
    alignment 1 and, a bit-field, may cross storage units; ``alignas`` (``_Alignas``,
    ``aligned(N)``) raises a member's alignment, and starts a bit-field at that
    boundary; under ``#pragma pack(n)`` alignment is capped at n, and bit-fields are
    laid end to end, as gcc does. ``aligned`` raises the struct's own alignment.
    ``ms`` (``ms_struct``) places bit-fields as Microsoft's compiler does (see
    _MsBitfields)."""
    bit = 0          # next free bit, from the start of the struct
    align = 1
    size = 0
    members = []
    ms_units = _MsBitfields() if ms and st.kind == "struct" else None
    for name, t, width, alignas, field_packed, const in fields:
        tight = packed or field_packed
        falign = max(1 if tight else t.align, alignas or 1)
        if pack:
            falign = min(falign, pack)
        if st.kind == "union":
            if width is None or name is not None or (ms and width):  # ms: unnamed ones too
                align = max(align, falign)
            size = max(size, t.size if width is None else (width + 7) // 8)
            if width is None:
                members.append(Member(name, t, 0, const=const))
            elif name is not None:
                members.append(_bitfield(name, t, 0, width, const))
            continue
        if ms_units is not None:
            bit, placed = ms_units.place(bit, t, width, falign)
            if placed and (name is not None or width is not None):
                # a packed struct's bit-fields place by their aligned(N), align nothing
                align = max(align, 1 if tight and width is not None else falign)
            if name is not None:
                members.append(Member(name, t, bit // 8, const=const) if width is None
                               else _bitfield(name, t, bit, width, const))
            bit += t.size * 8 if width is None else width
            continue
        if width is not None:
            unit_bits = t.size * 8
            if alignas:     # to aligned(N) itself: the type's alignment does not add
                bit = _round_up(bit, min(alignas, pack or alignas) * 8)
            if width == 0:
                bit = _round_up(bit, unit_bits)
                continue
            if not pack and not tight and bit // unit_bits != (bit + width - 1) // unit_bits:
                bit = _round_up(bit, unit_bits)
            if name is not None:
                members.append(_bitfield(name, t, bit, width, const))
                align = max(align, falign)
            bit += width
        else:
            bit = _round_up(bit, falign * 8)
            members.append(Member(name, t, bit // 8, const=const))
            bit += t.size * 8
            align = max(align, falign)
    if ms_units is not None:
        bit = ms_units.close(bit)
    if st.kind == "struct":
        size = (bit + 7) // 8
    align = max(align, aligned or 1)
    st.members = members
    st.align = align
    st.size = _round_up(size, align)
    st.complete = True


class _MsBitfields:
    """Microsoft's bit-field placement: a bit-field goes into the storage unit the
    previous one opened (a whole object of its declared type) only if their types
    have the same size and it fits; otherwise it opens a unit of its own, aligned as
    its type. A zero-width bit-field ends the unit and aligns what follows as its type
    (and the struct), but only right after a bit-field: elsewhere it is ignored."""

    def __init__(self) -> None:
        self.unit_size = 0      # bytes of the open unit's type; 0: no unit open
        self.unit_end = 0       # first bit past the open unit

    def close(self, bit: int) -> int:
        """Where the next member may start once the open unit (if any) ends."""
        if self.unit_size:
            bit, self.unit_size = self.unit_end, 0
        return bit

    def place(self, bit: int, t: CType, width: Optional[int], align: int) -> tuple:
        """(first bit of the member, whether it takes part in the layout)."""
        if width is None:
            return _round_up(self.close(bit), align * 8), True
        if width == 0:
            if not self.unit_size:
                return bit, False
            return _round_up(self.close(bit), align * 8), True
        if self.unit_size == t.size and bit + width <= self.unit_end:
            return bit, True
        start = _round_up(self.close(bit), align * 8)
        self.unit_size, self.unit_end = t.size, start + t.size * 8
        return start, True


def _bitfield(name: str, t: CType, bit: int, width: int, const: bool) -> Member:
    return Member(name, t, bit // 8, bit % 8, width, (bit % 8 + width + 7) // 8, const)


def _round_up(n: int, m: int) -> int:
    return (n + m - 1) // m * m


class X86FP80Type(ir.Type):
    """LLVM's ``x86_fp80``, which llvmlite's IR layer lacks."""

    null = "0xK00000000000000000000"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, X86FP80Type)

    def __hash__(self) -> int:
        return hash(X86FP80Type)

    def _to_string(self) -> str:
        return "x86_fp80"

    def format_constant(self, value: Any) -> str:
        return f"0xK{fp80_bits(value):020X}"


X86_FP80 = X86FP80Type()


def fp80_bits(value: Any) -> int:
    """The 80-bit x87 encoding of a float or an exact Fraction (round to nearest even)."""
    if isinstance(value, float):
        if math.isnan(value):
            return (0x7FFF << 64) | (0xC << 60)
        sign = int(math.copysign(1.0, value) < 0) << 79
        if math.isinf(value):
            return sign | (0x7FFF << 64) | (1 << 63)
        value = Fraction(value)
    else:
        value = Fraction(value)
        sign = int(value < 0) << 79
    a = abs(value)
    if a == 0:
        return sign
    e = a.numerator.bit_length() - a.denominator.bit_length()
    if Fraction(2) ** e > a:
        e -= 1
    exponent = e + 16383
    if exponent <= 0:                              # subnormal
        return sign | round(a * Fraction(2) ** (16382 + 63))
    mantissa = round(a * Fraction(2) ** (63 - e))
    if mantissa == 1 << 64:
        mantissa >>= 1
        exponent += 1
    if exponent >= 0x7FFF:
        return sign | (0x7FFF << 64) | (1 << 63)
    return sign | (exponent << 64) | mantissa


def llvm_type(t: CType) -> ir.Type:
    """The LLVM type of a C value held in a register (aggregates: their byte image)."""
    if isinstance(t, IntType):
        return ir.IntType(t.bits)
    if isinstance(t, FloatType):
        return {4: ir.FloatType(), 8: ir.DoubleType()}.get(t.size, X86_FP80)
    if isinstance(t, (PointerType, FuncType)):
        return ir.PointerType()
    if isinstance(t, VoidType):
        return ir.VoidType()
    if isinstance(t, ComplexType):
        part = llvm_type(t.real)
        return ir.LiteralStructType([part, part])
    return ir.ArrayType(ir.IntType(8), t.size)


def compatible(a: CType, b: CType, qualified: bool = False) -> bool:
    """C's compatible types (C99 6.2.7). The type model keeps only the qualifiers of
    pointed-to types; ``qualified`` makes them count, as ``_Generic`` and
    ``__builtin_types_compatible_p`` need (elsewhere a mismatch is only a warning)."""
    a, b = plain(a), plain(b)
    if a is b:
        return True
    if isinstance(a, IntType) and isinstance(b, IntType):
        if a.is_enum and not b.is_enum:
            return enum_underlying(a) is b
        if b.is_enum and not a.is_enum:
            return enum_underlying(b) is a
        return False
    if type(a) is not type(b):
        return False
    if isinstance(a, PointerType):
        assert isinstance(b, PointerType)
        if qualified and (a.const, a.volatile) != (b.const, b.volatile):
            return False
        return compatible(a.target, b.target, qualified)
    if isinstance(a, ArrayType):
        assert isinstance(b, ArrayType)
        return compatible(a.elem, b.elem, qualified) and (
            a.length is None or b.length is None or a.length == b.length)
    if isinstance(a, FuncType):
        assert isinstance(b, FuncType)
        if not compatible(a.ret, b.ret, qualified):
            return False
        if a.prototyped and b.prototyped:
            return a.variadic == b.variadic and len(a.params) == len(b.params) and \
                all(compatible(x, y, qualified) for x, y in zip(a.params, b.params))
        proto = a if a.prototyped else b if b.prototyped else None
        # against an unprototyped declaration, only parameters that promote to themselves
        return proto is None or not proto.variadic and \
            all(compatible(p, promote(p)) and not (p.is_float() and p.size == 4)
                for p in proto.params)
    return False


def composite(a: CType, b: CType) -> CType:
    """The composite of two compatible types (C11 6.2.7p3): what either knows of an
    array's length or a function's parameters. New types are built, so completing
    ``int (*)[]`` in an expression leaves the declaration that has it alone."""
    pa, pb = plain(a), plain(b)
    if isinstance(pa, PointerType) and isinstance(pb, PointerType):
        return PointerType(composite(pa.target, pb.target), pa.volatile, pa.const)
    if isinstance(pa, ArrayType) and isinstance(pb, ArrayType):
        known = pa if pa.is_complete() else pb
        return ArrayType(composite(pa.elem, pb.elem), known.length, known.count, pa.alignment)
    if isinstance(pa, FuncType) and isinstance(pb, FuncType) and not pa.prototyped:
        return b
    return a


def enum_underlying(t: IntType) -> IntType:
    """The integer type gcc makes an enum compatible with."""
    by_size = {1: (SCHAR, UCHAR), 2: (SHORT, USHORT), 4: (INT, UINT), 8: (LONG, ULONG)}
    signed, unsigned = by_size[t.size]
    return signed if t.signed else unsigned
