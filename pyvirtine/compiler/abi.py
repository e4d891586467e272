"""SysV x86-64 parameter and return classification (psABI 3.2.3), so calls
between objects we compile and objects gcc compiles agree on every register.

An aggregate of at most two eightbytes travels in registers, one LLVM scalar per
eightbyte (``i64`` for INTEGER, ``double`` for SSE: only the bits matter); a larger
one, or one that no longer fits in the registers left, goes in memory (``byval``
for arguments, a hidden ``sret`` pointer for results).

Complex numbers travel as the struct of their two parts would (a ``float
_Complex`` is one SSE eightbyte holding both), except that a ``long double
_Complex`` is returned in st0/st1 (class COMPLEX_X87), not in memory."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import llvmlite.ir as ir

from .c_types import (CLDOUBLE, DOUBLE, FLOAT, LDOUBLE, X86_FP80, ArrayType,
                      ComplexType, CType, FloatType, FuncType, IntType, StructType, llvm_type,
                      plain, promote)

INTEGER, SSE, X87 = "INTEGER", "SSE", "X87"
GP_REGS, SSE_REGS = 6, 8


class TypedPointer(ir.PointerType):
    """An opaque ``ptr`` that remembers a pointee, for ``byval(T)``/``sret(T)``."""

    def __init__(self, pointee: ir.Type) -> None:
        super().__init__()
        self.pointee = pointee

    @property
    def is_opaque(self) -> bool:
        return True


class _Memory(Exception):
    """Class MEMORY found while classifying: a member off its natural alignment
    (``#pragma pack``), or a long double sharing an eightbyte with something else."""


def classify(t: CType) -> Optional[list]:
    """Eightbyte classes of an aggregate, or None when it is passed in memory."""
    if t.size > 16 or t.size == 0:
        return None
    classes: list = [None] * ((t.size + 7) // 8)
    try:
        _classify_into(t, 0, classes)
    except _Memory:
        return None
    if X87 in classes:
        # A lone long double is returned in st0 like a scalar; anything else with one
        # (and every argument holding one) goes in memory.
        return [X87] if classes == [X87, X87] else None
    return [c or SSE for c in classes]


def _classify_into(t: CType, offset: int, classes: list) -> None:
    if isinstance(t, StructType):
        for m in t.members:
            if m.bit_width is not None:
                first = (offset + m.offset) * 8 + m.bit_offset
                for byte in range(first // 8, (first + m.bit_width - 1) // 8 + 1):
                    classes[byte // 8] = INTEGER
            else:
                _classify_into(m.type, offset + m.offset, classes)
    elif isinstance(t, ArrayType):
        for i in range(t.length or 0):
            _classify_into(t.elem, offset + i * t.elem.size, classes)
    elif isinstance(t, ComplexType):
        for i in range(2):
            _classify_into(t.real, offset + i * t.real.size, classes)
    else:
        if offset % t.size:
            raise _Memory()
        slot = offset // 8
        if plain(t) is LDOUBLE:
            for i in (slot, slot + 1):
                if classes[i] not in (None, X87):
                    raise _Memory()
                classes[i] = X87
            return
        if classes[slot] == X87:
            raise _Memory()
        if classes[slot] != INTEGER:
            classes[slot] = SSE if isinstance(t, FloatType) else INTEGER


def eightbyte_types(classes: list) -> list:
    if classes == [X87]:
        return [X86_FP80]
    return [ir.IntType(64) if c == INTEGER else ir.DoubleType() for c in classes]


@dataclass
class ArgPlan:
    kind: str                 # "direct", "expand", "byval"
    ctype: CType
    llvm_types: list          # the LLVM parameters this C argument becomes


@dataclass
class CallPlan:
    ret_kind: str             # "void", "direct", "expand", "sret"
    ret_type: ir.Type         # LLVM return type
    args: list                # ArgPlan per C argument
    llvm_type: ir.FunctionType


def plan_call(ret: CType, params: list, variadic: bool) -> CallPlan:
    gp, sse = GP_REGS, SSE_REGS
    if ret.is_void():
        ret_kind, ret_ty = "void", ir.VoidType()
    elif plain(ret) is CLDOUBLE:
        ret_kind, ret_ty = "direct", llvm_type(ret)      # st0 and st1
    elif isinstance(ret, (StructType, ComplexType)):
        classes = classify(ret)
        if classes is None:
            ret_kind, ret_ty = "sret", ir.VoidType()
            gp -= 1
        else:
            types = eightbyte_types(classes)
            ret_kind = "expand"
            ret_ty = types[0] if len(types) == 1 else ir.LiteralStructType(types)
    else:
        ret_kind, ret_ty = "direct", llvm_type(ret)
    lparams: list = [TypedPointer(llvm_type(ret))] if ret_kind == "sret" else []
    args = []
    for p in params:
        if isinstance(p, (StructType, ComplexType)):
            classes = classify(p)
            need_gp = classes.count(INTEGER) if classes else 0
            need_sse = classes.count(SSE) if classes else 0
            if classes is not None and classes != [X87] and need_gp <= gp and need_sse <= sse:
                gp -= need_gp
                sse -= need_sse
                plan = ArgPlan("expand", p, eightbyte_types(classes))
            else:
                plan = ArgPlan("byval", p, [TypedPointer(llvm_type(p))])
        else:
            if plain(p) is LDOUBLE:
                pass                      # always in memory
            elif isinstance(p, FloatType):
                sse = max(0, sse - 1)
            else:
                gp = max(0, gp - 1)
            plan = ArgPlan("direct", p, [llvm_type(p)])
        args.append(plan)
        lparams.extend(plan.llvm_types)
    return CallPlan(ret_kind, ret_ty, args, ir.FunctionType(ret_ty, lparams, var_arg=variadic))


def plan_function(ft: FuncType) -> CallPlan:
    return plan_call(ft.ret, ft.params, ft.variadic)


def vararg_type(t: CType) -> CType:
    """Default argument promotions for arguments matching ``...`` or no prototype."""
    if plain(t) is FLOAT:
        return DOUBLE
    if isinstance(t, IntType):
        return promote(t)
    return t


def extension_attr(t: CType) -> Optional[str]:
    """Small integers are widened to 32 bits by the caller, as gcc and clang do."""
    if isinstance(t, IntType) and t.size < 4:
        return "signext" if t.signed else "zeroext"
    return None


# Functions that return twice (gcc's list): code generation marks them ``returns_twice``
# so LLVM keeps nothing across a call to them that the second return would not find.
RETURNS_TWICE = frozenset({"setjmp", "_setjmp", "__sigsetjmp", "sigsetjmp", "savectx", "vfork",
                           "getcontext", "__builtin_setjmp"})
