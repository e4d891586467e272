"""gcc's ``__builtin_*`` functions that C code uses: hints (expect, unreachable,
assume_aligned, prefetch), compile-time queries (constant_p, types_compatible_p,
choose_expr, offsetof, object_size), bit operations, byte swaps, checked arithmetic
(the overflow builtins), floating-point constants and classification, and the libc
functions gcc knows by a builtin name (``__builtin_memcpy``). The ``va_*`` family is
in ``varargs``.

The ones with a constant value also fold in constant expressions
(``constant_builtin``), as gcc folds them: ``enum { SHIFT = __builtin_ctz(64) }``."""
from __future__ import annotations

import math
import re
from typing import Optional

import llvmlite.ir as ir
from pycparser import c_ast

from . import c_types as T
from .diagnostics import CompileFailure
from .expressions import I1, I8, I64, PTR, LValue, Value, const_int
from .sema import wrap

I128 = ir.IntType(128)

_BITS = re.compile(r"__builtin_(clz|ctz|popcount|parity|ffs|clrsb)(l{0,2})")
_BSWAP = re.compile(r"__builtin_bswap(16|32|64)")
_OVERFLOW = re.compile(r"__builtin_(add|sub|mul)_overflow(_p)?")
_TYPED_OVERFLOW = re.compile(r"__builtin_([su])(add|sub|mul)(l{0,2})_overflow")
_FLOAT_CONSTANT = re.compile(r"__builtin_(inf|huge_val|nans?)(f|l)?")
_FLOAT_CLASS = re.compile(r"__builtin_(isnan|isinf|isfinite|signbit[fl]?)")
_FLOAT_COMPARE = {"isgreater": ">", "isgreaterequal": ">=", "isless": "<",
                  "islessequal": "<=", "islessgreater": "!=", "isunordered": "uno"}
_FLOAT_TYPE = {"": T.DOUBLE, "f": T.FLOAT, "l": T.LDOUBLE}
_LONGS = {"": (T.INT, T.UINT), "l": (T.LONG, T.ULONG), "ll": (T.LLONG, T.ULLONG)}

_CONST_VOID_P = T.PointerType(T.VOID)
_CHAR_P = T.PointerType(T.CHAR)
# libc functions gcc code calls by their builtin name without including the header
_LIBC = {
    "memcmp": T.FuncType(T.INT, [_CONST_VOID_P, _CONST_VOID_P, T.ULONG], False),
    "strlen": T.FuncType(T.ULONG, [_CHAR_P], False),
    "strcmp": T.FuncType(T.INT, [_CHAR_P, _CHAR_P], False),
    "strncmp": T.FuncType(T.INT, [_CHAR_P, _CHAR_P, T.ULONG], False),
    "strchr": T.FuncType(_CHAR_P, [_CHAR_P, T.INT], False),
    "strcpy": T.FuncType(_CHAR_P, [_CHAR_P, _CHAR_P], False),
    "strncpy": T.FuncType(_CHAR_P, [_CHAR_P, _CHAR_P, T.ULONG], False),
    "strcat": T.FuncType(_CHAR_P, [_CHAR_P, _CHAR_P], False),
    "strdup": T.FuncType(_CHAR_P, [_CHAR_P], False),
    "malloc": T.FuncType(_CONST_VOID_P, [T.ULONG], False),
    "calloc": T.FuncType(_CONST_VOID_P, [T.ULONG, T.ULONG], False),
    "realloc": T.FuncType(_CONST_VOID_P, [_CONST_VOID_P, T.ULONG], False),
    "free": T.FuncType(T.VOID, [_CONST_VOID_P], False),
    "abort": T.FuncType(T.VOID, [], False),
}
_MEMORY_INTRINSICS = {"memcpy": "llvm.memcpy.p0.p0.i64", "memmove": "llvm.memmove.p0.p0.i64",
                      "memset": "llvm.memset.p0.i64"}


def _bit_operation(op: str, value: int, bits: int) -> int:
    """clz/ctz/popcount/parity/ffs/clrsb of a constant, as gcc folds them."""
    value &= (1 << bits) - 1
    if op == "clz":
        return bits - value.bit_length() if value else bits
    if op == "ctz":
        return (value & -value).bit_length() - 1 if value else bits
    if op == "popcount":
        return bin(value).count("1")
    if op == "parity":
        return bin(value).count("1") & 1
    if op == "ffs":
        return (value & -value).bit_length()
    signed = value - (1 << bits) if value >> (bits - 1) else value   # clrsb
    return bits - 1 - (signed if signed >= 0 else ~signed).bit_length()


def _float_constant(kind: str, arg: Optional[c_ast.Node]) -> float:
    if kind in ("inf", "huge_val"):
        return math.inf
    if arg is not None and not (isinstance(arg, c_ast.Constant) and arg.type == "string"):
        raise CompileFailure("argument to __builtin_nan must be a string literal", arg.coord)
    return math.nan


class BuiltinGen:
    """Mixin of the code generator: ``__builtin_NAME(...)`` calls."""

    def builtin(self, name: str, args: list, node: c_ast.FuncCall) -> Value:
        if name.startswith("__builtin_va_"):
            return self.va_builtin(name, args, node)
        short = name[len("__builtin_"):]
        if short in _CONSTANT_BUILTINS or _FLOAT_CONSTANT.fullmatch(name):
            value, t = self.constant_builtin(node)
            return Value(ir.Constant(T.llvm_type(t), value) if t.is_float()
                         else const_int(t, value), t)
        method = getattr(self, "b_" + short, None)
        if method is not None:
            return method(args, node)
        for pattern, family in ((_BITS, self.bit_builtin), (_BSWAP, self.bswap_builtin),
                                (_OVERFLOW, self.overflow_builtin),
                                (_TYPED_OVERFLOW, self.typed_overflow_builtin),
                                (_FLOAT_CLASS, self.float_class_builtin)):
            m = pattern.fullmatch(name)
            if m:
                return family(m, args, node)
        if short in _FLOAT_COMPARE:
            return self.float_compare_builtin(short, args, node)
        return self.libc_builtin(short, args, node)

    def builtin_args(self, name: str, args: list, count: int, node: c_ast.FuncCall) -> None:
        if len(args) != count:
            which = "few" if len(args) < count else "many"
            raise CompileFailure(f"too {which} arguments to function call '{name}', expected "
                                 f"{count}, have {len(args)}", node.coord)

    # -- constant-valued ---------------------------------------------------------

    def constant_builtin(self, node: c_ast.FuncCall) -> tuple:
        """(value, type) of a builtin call in a constant expression."""
        name = node.name.name
        args = node.args.exprs if node.args is not None else []
        short = name[len("__builtin_"):] if name.startswith("__builtin_") else name
        consts = self.consts
        if short == "offsetof":
            return self.offsetof(node), T.ULONG
        if short == "types_compatible_p":
            a, b = (self.resolve_type(t) for t in args)
            return int(T.compatible(a, b, qualified=True)), T.INT
        if short == "constant_p":
            self.builtin_args(name, args, 1, node)
            if isinstance(args[0], c_ast.Constant):
                return 1, T.INT
            try:
                consts.eval(args[0])
            except CompileFailure:
                return 0, T.INT
            return 1, T.INT
        if short == "choose_expr":
            self.builtin_args(name, args, 3, node)
            return consts.eval(args[1] if consts.integer(args[0]) else args[2])
        if short in ("expect", "expect_with_probability"):
            return consts.eval(args[0])
        if short == "object_size":
            self.builtin_args(name, args, 2, node)
            kind = consts.integer(args[1], "object size type")
            return (0 if kind & 2 else (1 << 64) - 1), T.ULONG   # gcc's "unknown"
        m = _FLOAT_CONSTANT.fullmatch(name)
        if m:
            return _float_constant(m.group(1), args[0] if args else None), \
                _FLOAT_TYPE[m.group(2) or ""]
        m = _BITS.fullmatch(name)
        if m:
            self.builtin_args(name, args, 1, node)
            t = _LONGS[m.group(2)][1]
            value, vt = consts.eval(args[0])
            return _bit_operation(m.group(1), wrap(int(value), t), t.bits), T.INT
        m = _BSWAP.fullmatch(name)
        if m:
            self.builtin_args(name, args, 1, node)
            t = {"16": T.USHORT, "32": T.UINT, "64": T.ULONG}[m.group(1)]
            value = wrap(int(consts.eval(args[0])[0]), t)
            return int.from_bytes(value.to_bytes(t.size, "little"), "big"), t
        raise CompileFailure("function call in a constant expression", node.coord)

    def b_choose_expr(self, args: list, node: c_ast.FuncCall) -> Value:
        self.builtin_args("__builtin_choose_expr", args, 3, node)
        return self.expr(args[1] if self.consts.integer(args[0], "first argument to "
                                                        "__builtin_choose_expr") else args[2])

    def b_expect(self, args: list, node: c_ast.FuncCall) -> Value:
        self.builtin_args("__builtin_expect", args, 2, node)
        self.expr(args[1])
        return self.expr(args[0])

    def b_expect_with_probability(self, args: list, node: c_ast.FuncCall) -> Value:
        self.builtin_args("__builtin_expect_with_probability", args, 3, node)
        return self.expr(args[0])

    # -- control ----------------------------------------------------------------

    def b_unreachable(self, args: list, node: c_ast.FuncCall) -> Value:
        self.builder.unreachable()
        self.builder.position_at_end(self.new_block("after.unreachable"))
        return Value(None, T.VOID)

    def b_trap(self, args: list, node: c_ast.FuncCall) -> Value:
        self.builder.call(self.intrinsic("llvm.trap", ir.VoidType(), []), [])
        return self.b_unreachable(args, node)

    def b_assume_aligned(self, args: list, node: c_ast.FuncCall) -> Value:
        if len(args) not in (2, 3):
            self.builtin_args("__builtin_assume_aligned", args, 2, node)
        p = self.expr(args[0])
        if not p.type.is_pointer():
            raise CompileFailure("argument to __builtin_assume_aligned is not a pointer",
                                 args[0].coord)
        return Value(p.ir, T.PointerType(T.VOID))

    def b_prefetch(self, args: list, node: c_ast.FuncCall) -> Value:
        if not args:
            self.builtin_args("__builtin_prefetch", args, 1, node)
        self.expr(args[0])
        return Value(None, T.VOID)

    def b_frame_address(self, args: list, node: c_ast.FuncCall) -> Value:
        return self._address_intrinsic("llvm.frameaddress.p0", args, node)

    def b_return_address(self, args: list, node: c_ast.FuncCall) -> Value:
        return self._address_intrinsic("llvm.returnaddress", args, node)

    def _address_intrinsic(self, intrinsic: str, args: list, node: c_ast.FuncCall) -> Value:
        self.builtin_args(node.name.name, args, 1, node)
        level = self.consts.integer(args[0], "frame level")
        fn = self.intrinsic(intrinsic, PTR, [ir.IntType(32)])
        return Value(self.builder.call(fn, [ir.Constant(ir.IntType(32), level)]),
                     T.PointerType(T.VOID))

    def b_alloca(self, args: list, node: c_ast.FuncCall) -> Value:
        self.builtin_args("__builtin_alloca", args, 1, node)
        size = self.convert(self.expr(args[0]), T.ULONG, args[0].coord)
        slot = self.builder.alloca(I8, size=size.ir)
        slot.align = 16
        return Value(slot, T.PointerType(T.VOID))

    # -- bits -------------------------------------------------------------------

    def bit_builtin(self, m: re.Match, args: list, node: c_ast.FuncCall) -> Value:
        """``clz/ctz/popcount/parity/ffs/clrsb`` with their ``l``/``ll`` forms."""
        b = self.builder
        self.builtin_args(m.group(0), args, 1, node)
        signed, unsigned = _LONGS[m.group(2)]
        op = m.group(1)
        t = signed if op in ("ffs", "clrsb") else unsigned
        x = self.convert(self.expr(args[0]), t, node.coord).ir
        llt = x.type
        if op == "clrsb":    # redundant sign bits: clz of x ^ (x >> 1 arithmetic), minus 1
            x = b.xor(x, b.ashr(x, ir.Constant(llt, llt.width - 1)))
            op = "clz_of_any"
        if op in ("clz", "ctz", "clz_of_any"):
            name = "cttz" if op == "ctz" else "ctlz"
            zero_undefined = op != "clz_of_any"       # gcc: clz/ctz of 0 is undefined
            fn = self.intrinsic(f"llvm.{name}.i{llt.width}", llt, [llt, I1])
            result = b.call(fn, [x, ir.Constant(I1, zero_undefined)])
            if op == "clz_of_any":
                result = b.sub(result, ir.Constant(llt, 1))
        elif op == "ffs":
            fn = self.intrinsic(f"llvm.cttz.i{llt.width}", llt, [llt, I1])
            count = b.add(b.call(fn, [x, ir.Constant(I1, 0)]), ir.Constant(llt, 1))
            zero = b.icmp_unsigned("==", x, ir.Constant(llt, 0))
            result = b.select(zero, ir.Constant(llt, 0), count)
        else:
            result = b.call(self.intrinsic(f"llvm.ctpop.i{llt.width}", llt, [llt]), [x])
            if op == "parity":
                result = b.and_(result, ir.Constant(llt, 1))
        return self.convert(Value(result, t), T.INT)

    def bswap_builtin(self, m: re.Match, args: list, node: c_ast.FuncCall) -> Value:
        self.builtin_args(m.group(0), args, 1, node)
        t = {"16": T.USHORT, "32": T.UINT, "64": T.ULONG}[m.group(1)]
        x = self.convert(self.expr(args[0]), t, node.coord).ir
        fn = self.intrinsic(f"llvm.bswap.i{t.bits}", x.type, [x.type])
        return Value(self.builder.call(fn, [x]), t)

    # -- checked arithmetic -----------------------------------------------------

    def overflow_builtin(self, m: re.Match, args: list, node: c_ast.FuncCall) -> Value:
        """``__builtin_{add,sub,mul}_overflow(a, b, &r)`` (and ``_p(a, b, (T)0)``):
        ``a op b`` exactly, stored in ``*r`` modulo its type, true if it did not fit."""
        self.builtin_args(m.group(0), args, 3, node)
        a, b = (self._overflow_operand(x) for x in args[:2])
        if m.group(2):
            result_type = self.type_of(args[2])
            self._check_overflow_type(result_type, args[2].coord)
            return self._checked(m.group(1), a, b, result_type, None)
        out = self.expr(args[2])
        if not out.type.is_pointer():
            raise CompileFailure("result argument to overflow builtin must be a pointer "
                                 "to an integer", args[2].coord)
        self._check_overflow_type(out.type.target, args[2].coord)
        return self._checked(m.group(1), a, b, out.type.target, out)

    def typed_overflow_builtin(self, m: re.Match, args: list, node: c_ast.FuncCall) -> Value:
        """``__builtin_sadd_overflow`` and kin: the operands are of the named type."""
        self.builtin_args(m.group(0), args, 3, node)
        t = _LONGS[m.group(3)][m.group(1) == "u"]
        a, b = (self.convert(self.expr(x), t, x.coord) for x in args[:2])
        out = self.expr(args[2])
        if not out.type.is_pointer() or not T.compatible(out.type.target, t):
            raise CompileFailure(f"third argument to '{m.group(0)}' must be '{t} *'",
                                 args[2].coord)
        return self._checked(m.group(2), a, b, t, out)

    def _overflow_operand(self, node: c_ast.Node) -> Value:
        v = self.expr(node)
        self._check_overflow_type(v.type, node.coord)
        return v

    def _check_overflow_type(self, t: T.CType, coord: object) -> None:
        if not t.is_integer() or t.is_bool or t.is_enum:   # type: ignore[attr-defined]
            raise CompileFailure(f"operand to overflow builtin has type '{t}', not an "
                                 "integer type", coord)

    def _checked(self, op: str, a: Value, c: Value, rt: T.IntType,
                 out: Optional[Value]) -> Value:
        """Operands are at most 64 bits, so sums and differences are exact in 128 bits;
        products are formed from magnitudes (exact in 128 unsigned bits) and a sign."""
        b = self.builder
        x, y = (b.sext(v.ir, I128) if v.type.signed else b.zext(v.ir, I128) for v in (a, c))
        zero = ir.Constant(I128, 0)
        low, high = ((-(1 << (rt.bits - 1)), (1 << (rt.bits - 1)) - 1) if rt.signed
                     else (0, (1 << rt.bits) - 1))
        if op in ("add", "sub"):
            exact = b.add(x, y) if op == "add" else b.sub(x, y)
            fits = b.and_(b.icmp_signed(">=", exact, ir.Constant(I128, low)),
                          b.icmp_signed("<=", exact, ir.Constant(I128, high)))
        else:
            x_neg, y_neg = (b.icmp_signed("<", v, zero) for v in (x, y))
            magnitude = b.mul(*(b.select(neg, b.sub(zero, v), v)
                                for neg, v in ((x_neg, x), (y_neg, y))))
            negative = b.xor(x_neg, y_neg)
            exact = b.select(negative, b.sub(zero, magnitude), magnitude)
            fits_positive = b.icmp_unsigned("<=", magnitude, ir.Constant(I128, high))
            fits_negative = b.icmp_unsigned("<=", magnitude, ir.Constant(I128, -low))
            fits = b.or_(b.icmp_unsigned("==", magnitude, zero),
                         b.select(negative, fits_negative, fits_positive))
        if out is not None:
            truncated = b.trunc(exact, ir.IntType(rt.bits))
            self.emit_store(truncated, LValue(out.ir, rt, volatile=out.type.volatile),
                            rt.align)
        return Value(b.zext(b.not_(fits), I8), T.BOOL)

    # -- floating point ---------------------------------------------------------

    def _float_arg(self, name: str, args: list, node: c_ast.FuncCall) -> Value:
        self.builtin_args(name, args, 1, node)
        v = self.expr(args[0])
        if not v.type.is_float():
            v = self.convert(v, T.DOUBLE, args[0].coord)
        return v

    def float_class_builtin(self, m: re.Match, args: list, node: c_ast.FuncCall) -> Value:
        b = self.builder
        v = self._float_arg(m.group(0), args, node)
        x, ty = v.ir, v.ir.type
        if m.group(1) == "isnan":
            result = b.fcmp_unordered("uno", x, x)
        elif m.group(1).startswith("signbit"):
            as_int = ir.IntType(80 if v.type.size == 16 else v.type.size * 8)
            bits = b.bitcast(x, as_int)
            result = b.icmp_signed("<", bits, ir.Constant(as_int, 0))
        else:
            fabs = b.call(self.intrinsic(f"llvm.fabs.{_llvm_float(v.type)}", ty, [ty]), [x])
            inf = ir.Constant(ty, math.inf)
            result = (b.fcmp_ordered("==", fabs, inf) if m.group(1) == "isinf"
                      else b.fcmp_ordered("<", fabs, inf))
        return Value(b.zext(result, ir.IntType(32)), T.INT)

    def float_compare_builtin(self, name: str, args: list, node: c_ast.FuncCall) -> Value:
        """``isgreater`` and kin: comparisons that are false, quietly, on NaN."""
        self.builtin_args("__builtin_" + name, args, 2, node)
        x, y, _ = self.arith_pair(self.expr(args[0]), self.expr(args[1]))
        if not x.type.is_float():
            x, y = (self.convert(v, T.DOUBLE) for v in (x, y))
        op = _FLOAT_COMPARE[name]
        result = (self.builder.fcmp_unordered("uno", x.ir, y.ir) if op == "uno"
                  else self.builder.fcmp_ordered(op, x.ir, y.ir))
        return Value(self.builder.zext(result, ir.IntType(32)), T.INT)

    def _float_unary(self, intrinsic: str, args: list, node: c_ast.FuncCall,
                     t: T.CType) -> Value:
        values = [self.convert(self.expr(a), t, a.coord).ir for a in args]
        ty = T.llvm_type(t)
        fn = self.intrinsic(f"llvm.{intrinsic}.{_llvm_float(t)}", ty, [ty] * len(values))
        return Value(self.builder.call(fn, values), t)

    def libc_builtin(self, name: str, args: list, node: c_ast.FuncCall) -> Value:
        """``__builtin_NAME`` of a libc function: the declared NAME if there is one,
        else what gcc does for it."""
        sym = self.scopes.lookup(name)
        if sym is None and name in _LIBC:
            sym = self.declare_function(name, _LIBC[name], False, node.coord)
        if sym is not None and sym.kind == "func":
            return self.e_FuncCall(c_ast.FuncCall(c_ast.ID(name, node.name.coord), node.args,
                                                  node.coord))
        if name in _MEMORY_INTRINSICS:
            self.builtin_args("__builtin_" + name, args, 3, node)
            dst = self.convert(self.expr(args[0]), T.PointerType(T.VOID), args[0].coord)
            src = self.expr(args[1])
            src = (self.convert(src, T.UCHAR, args[1].coord).ir if name == "memset"
                   else self.convert(src, T.PointerType(T.VOID), args[1].coord).ir)
            size = self.convert(self.expr(args[2]), T.ULONG, args[2].coord).ir
            types = [PTR, I8 if name == "memset" else PTR, I64, I1]
            fn = self.intrinsic(_MEMORY_INTRINSICS[name], ir.VoidType(), types)
            self.builder.call(fn, [dst.ir, src, size, ir.Constant(I1, 0)])
            return dst
        m = re.fullmatch(r"(fabs|copysign)([fl]?)", name)
        if m:
            self.builtin_args("__builtin_" + name, args, 1 if m.group(1) == "fabs" else 2, node)
            return self._float_unary(m.group(1), args, node, _FLOAT_TYPE[m.group(2)])
        raise CompileFailure(f"unknown builtin '__builtin_{name}'", node.coord)


def _llvm_float(t: T.CType) -> str:
    return {4: "f32", 8: "f64"}.get(t.size, "f80")


# builtins whose value is a compile-time constant (``constant_builtin``)
_CONSTANT_BUILTINS = {"offsetof", "types_compatible_p", "constant_p", "object_size"}
