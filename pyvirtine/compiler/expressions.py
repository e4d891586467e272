"""Expression code generation: C values and lvalues to LLVM IR.

A ``Value`` is an rvalue; struct rvalues are the address of their bytes (copied
on assignment). An ``LValue`` is an address plus, for bit-fields, the member."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

import llvmlite.ir as ir
from pycparser import c_ast

from . import c_types as T
from .abi import TypedPointer, extension_attr, plan_call, vararg_type
from .diagnostics import CompileFailure
from .complex_constants import imaginary_literal
from .sema import char_constant, float_constant, int_constant, string_literal_bytes, wrap

I1, I8, I32, I64 = ir.IntType(1), ir.IntType(8), ir.IntType(32), ir.IntType(64)
PTR = ir.PointerType()


@dataclass
class Value:
    ir: Any
    type: T.CType


@dataclass
class LValue:
    ptr: Any
    type: T.CType
    member: Optional[T.Member] = None
    volatile: bool = False
    const: bool = False
    temporary: bool = False     # a member of a struct rvalue: readable, not an object


class VolatileLoad(ir.instructions.LoadInstr):
    def descr(self, buf: list) -> None:
        super().descr(buf)
        buf[-1] = buf[-1].replace("load ", "load volatile ", 1)


class VolatileStore(ir.instructions.StoreInstr):
    def descr(self, buf: list) -> None:
        super().descr(buf)
        buf[-1] = buf[-1].replace("store ", "store volatile ", 1)


class IndirectCallee:
    """A pointer called with an explicit signature (llvmlite reads it off the callee)."""

    def __init__(self, pointer: ir.Value, signature: ir.FunctionType) -> None:
        self.pointer = pointer
        self.function_type = signature
        self.type = PTR

    def get_reference(self) -> str:
        return self.pointer.get_reference()


def const_int(t: T.CType, value: int) -> ir.Constant:
    bits = t.size * 8 if isinstance(t, T.IntType) else 64
    return ir.Constant(ir.IntType(bits), wrap(value, T.IntType("", bits // 8, True, 0)))


_LVALUE_NODES = (c_ast.ID, c_ast.ArrayRef, c_ast.StructRef, c_ast.CompoundLiteral)
_ARITH = {"+": ("add", "add", "fadd"), "-": ("sub", "sub", "fsub"), "*": ("mul", "mul", "fmul"),
          "/": ("sdiv", "udiv", "fdiv"), "%": ("srem", "urem", "frem"),
          "&": ("and_", "and_", None), "|": ("or_", "or_", None), "^": ("xor", "xor", None),
          "<<": ("shl", "shl", None), ">>": ("ashr", "lshr", None)}
_COMPARE = ("==", "!=", "<", ">", "<=", ">=")


def _from_integer(ptr: ir.Value) -> bool:
    return isinstance(ptr, ir.Constant) or (isinstance(ptr, ir.CastInstr)
                                            and ptr.opname == "inttoptr")


def _overflow_flags(t: T.CType) -> tuple:
    """``nsw`` for + - * in a signed type: C makes signed overflow undefined (C99
    6.5p5), and the flag lets LLVM widen induction variables and reassociate. Unsigned
    arithmetic wraps by definition and gets no flag."""
    return ("nsw",) if t.signed else ()


class ExpressionGen:
    """Mixin of the code generator: every C expression form."""

    # -- entry points -------------------------------------------------------------

    def expr(self, node: c_ast.Node) -> Value:
        """The rvalue of ``node`` after lvalue, array and function conversions."""
        if self.is_lvalue_node(node):
            return self.load(self.lvalue(node))
        method = getattr(self, "e_" + type(node).__name__, None)
        if method is None:
            raise CompileFailure(f"unsupported expression ({type(node).__name__})", node.coord)
        return method(node)

    def is_lvalue_node(self, node: c_ast.Node) -> bool:
        if isinstance(node, c_ast.GenericSelection):
            return self.is_lvalue_node(self._chosen(node))
        return (isinstance(node, _LVALUE_NODES) and not self._is_enumerator(node)) or \
            (isinstance(node, c_ast.UnaryOp) and node.op == "*") or \
            (isinstance(node, c_ast.Constant) and node.type == "string") or \
            self.is_part_of_lvalue(node)

    def _is_enumerator(self, node: c_ast.Node) -> bool:
        if not isinstance(node, c_ast.ID):
            return False
        sym = self.scopes.lookup(node.name)
        return sym is not None and sym.kind == "enum"

    def value_type(self, node: c_ast.Node) -> T.CType:
        """Type of ``node`` before array/function decay (what ``sizeof`` sees)."""
        if self.is_lvalue_node(node):
            return self.lvalue(node).type
        return self.expr(node).type

    def lvalue(self, node: c_ast.Node) -> LValue:
        method = getattr(self, "lv_" + type(node).__name__, None)
        if method is None:
            raise CompileFailure("expression is not assignable (not an lvalue)", node.coord)
        return method(node)

    def condition(self, node: c_ast.Node) -> ir.Value:
        return self.truth(self.expr(node), node.coord)

    # -- memory -------------------------------------------------------------------

    def gep(self, ptr: ir.Value, offset: Any, inbounds: bool = False) -> ir.Value:
        """``ptr`` plus ``offset`` bytes. ``inbounds`` when C makes leaving the object
        undefined (pointer arithmetic, members): LLVM may then assume the address does
        not wrap. Never on a pointer made from an integer (``(char *)0 + n``,
        ``&((struct s *)0)->m``, device addresses): such code relies on the arithmetic."""
        if isinstance(offset, int):
            if offset == 0:
                return ptr
            offset = ir.Constant(I64, offset)
        inbounds = inbounds and not _from_integer(ptr)
        return self.builder.gep(ptr, [offset], inbounds=inbounds, source_etype=I8)

    def load(self, lv: LValue) -> Value:
        t = lv.type
        if isinstance(t, T.ArrayType):
            return Value(lv.ptr, T.PointerType(t.elem, lv.volatile, lv.const))
        if isinstance(t, T.FuncType):
            return Value(lv.ptr, T.PointerType(t))
        if isinstance(t, T.StructType):
            return Value(lv.ptr, t)
        if t.is_void():
            return Value(None, T.VOID)
        if lv.member is not None:
            return self._load_bitfield(lv)
        return Value(self.emit_load(lv, t.align), t)

    def emit_load(self, lv: LValue, align: int, typ: Optional[ir.Type] = None) -> ir.Value:
        typ = typ or T.llvm_type(lv.type)
        if not lv.volatile:
            return self.builder.load(lv.ptr, typ=typ, align=align)
        instr = VolatileLoad(self.builder.block, lv.ptr, typ=typ)
        instr.align = align
        self.builder._insert(instr)
        return instr

    def emit_store(self, value: ir.Value, lv: LValue, align: int) -> None:
        if not lv.volatile:
            self.builder.store(value, lv.ptr, align=align)
            return
        instr = VolatileStore(self.builder.block, value, lv.ptr)
        instr.align = align
        self.builder._insert(instr)

    def _load_bitfield(self, lv: LValue) -> Value:
        """A bit-field is read through the exact bytes it spans (``iN``, N = 8 x bytes)."""
        m, t, b = lv.member, lv.type, self.builder
        unit_type = ir.IntType(8 * m.unit_bytes)
        unit = self.emit_load(lv, 1, unit_type)
        bits = unit_type.width
        shifted = b.shl(unit, ir.Constant(unit_type, bits - m.bit_offset - m.bit_width))
        shift = ir.Constant(unit_type, bits - m.bit_width)
        field = b.ashr(shifted, shift) if t.signed else b.lshr(shifted, shift)
        field = self.convert(Value(field, T.IntType("", m.unit_bytes, t.signed, 0)), t)
        return self.convert(Value(field.ir, t), T.bitfield_value_type(t, m.bit_width))

    def store(self, lv: LValue, v: Value, coord: object) -> Value:
        t = lv.type
        if isinstance(t, T.StructType):
            self.memcpy(lv.ptr, v.ir, t.size, t.align)
            return Value(lv.ptr, t)
        if isinstance(t, (T.ArrayType, T.FuncType)):
            raise CompileFailure(f"array or function type '{t}' is not assignable", coord)
        v = self.convert(v, t, coord)
        if lv.member is None:
            self.emit_store(v.ir, lv, t.align)
            return v
        m, b = lv.member, self.builder
        unit_ctype = T.IntType("", m.unit_bytes, False, 0)
        ity = ir.IntType(8 * m.unit_bytes)
        unit = self.emit_load(lv, 1, ity)
        mask = ((1 << m.bit_width) - 1) << m.bit_offset
        bits = self.convert(Value(v.ir, T.to_unsigned(t) if t.size > 1 else T.UCHAR), unit_ctype)
        new = b.and_(b.shl(bits.ir, ir.Constant(ity, m.bit_offset)),
                     ir.Constant(ity, wrap(mask, unit_ctype)))
        kept = b.and_(unit, ir.Constant(ity, wrap(~mask, unit_ctype)))
        self.emit_store(b.or_(kept, new), lv, 1)
        return self._load_bitfield(lv)

    def memcpy(self, dst: ir.Value, src: ir.Value, size: int, align: int) -> None:
        fn = self.intrinsic("llvm.memcpy.p0.p0.i64", ir.VoidType(), [PTR, PTR, I64, I1])
        self.builder.call(fn, [dst, src, ir.Constant(I64, size), ir.Constant(I1, 0)])

    def memset_zero(self, dst: ir.Value, size: int) -> None:
        fn = self.intrinsic("llvm.memset.p0.i64", ir.VoidType(), [PTR, I8, I64, I1])
        self.builder.call(fn, [dst, ir.Constant(I8, 0), ir.Constant(I64, size), ir.Constant(I1, 0)])

    # -- conversions --------------------------------------------------------------

    def truth(self, v: Value, coord: object) -> ir.Value:
        t = v.type
        if isinstance(t, T.IntType):
            return self.builder.icmp_unsigned("!=", v.ir, ir.Constant(v.ir.type, 0))
        if isinstance(t, T.FloatType):
            return self.builder.fcmp_unordered("!=", v.ir, ir.Constant(v.ir.type, 0.0))
        if isinstance(t, T.PointerType):
            return self.builder.icmp_unsigned("!=", v.ir, ir.Constant(PTR, None))
        if isinstance(t, T.ComplexType):
            return self.complex_truth(v)
        raise CompileFailure(f"used type '{t}' where a scalar is required", coord)

    def convert(self, v: Value, to: T.CType, coord: object = None) -> Value:
        fr = v.type
        b = self.builder
        if to.is_void():
            return Value(None, T.VOID)
        if fr is to:
            return v
        if fr.is_complex() or to.is_complex():
            return self.convert_complex(v, to, coord)
        if isinstance(to, T.StructType):
            if not T.same_type(fr, to):
                raise CompileFailure(f"incompatible types: '{fr}' to '{to}'", coord)
            return v
        if not fr.is_scalar():
            raise CompileFailure(f"cannot convert '{fr}' to '{to}'", coord)
        dst = T.llvm_type(to)
        if isinstance(to, T.IntType) and to.is_bool:
            return Value(b.zext(self.truth(v, coord), I8), to)
        if isinstance(to, T.IntType):
            if isinstance(fr, T.IntType):
                if fr.size == to.size:
                    return Value(v.ir, to)
                if fr.size > to.size:
                    return Value(b.trunc(v.ir, dst), to)
                return Value(b.sext(v.ir, dst) if fr.signed else b.zext(v.ir, dst), to)
            if isinstance(fr, T.FloatType):
                return Value(b.fptosi(v.ir, dst) if to.signed else b.fptoui(v.ir, dst), to)
            return Value(b.ptrtoint(v.ir, dst), to)
        if isinstance(to, T.FloatType):
            if isinstance(fr, T.IntType):
                return Value(b.sitofp(v.ir, dst) if fr.signed else b.uitofp(v.ir, dst), to)
            if isinstance(fr, T.FloatType):
                if fr.size == to.size:
                    return Value(v.ir, to)
                return Value(b.fpext(v.ir, dst) if to.size > fr.size else b.fptrunc(v.ir, dst), to)
            raise CompileFailure(f"cannot convert pointer '{fr}' to '{to}'", coord)
        if isinstance(to, T.PointerType):
            if isinstance(fr, T.IntType):
                wide = self.convert(v, T.LONG if fr.signed else T.ULONG)
                return Value(b.inttoptr(wide.ir, PTR), to)
            if isinstance(fr, T.PointerType):
                return Value(v.ir, to)
            raise CompileFailure(f"cannot convert '{fr}' to pointer '{to}'", coord)
        raise CompileFailure(f"cannot convert '{fr}' to '{to}'", coord)

    def arith_pair(self, a: Value, b: Value) -> tuple:
        ct = T.usual_arithmetic(a.type, b.type)
        return self.convert(a, ct), self.convert(b, ct), ct

    # -- primary expressions ------------------------------------------------------

    def e_Constant(self, node: c_ast.Constant) -> Value:
        if node.type == "char" or node.value.startswith("'") or node.value[1:2] == "'":
            return Value(ir.Constant(I32, char_constant(node.value, node.coord)), T.INT)
        imaginary = imaginary_literal(node.value)
        if imaginary is not None:
            scale = self.e_Constant(c_ast.Constant(node.type, imaginary, node.coord))
            ct = T.complex_of(scale.type if scale.type.is_float() else T.DOUBLE)
            scale = self.convert(scale, ct.real)
            return self.make_complex(ir.Constant(scale.ir.type, 0.0), scale.ir, ct)
        if node.type in ("float", "double", "long double"):
            value, t = float_constant(node.value, node.coord)
            if t is not T.LDOUBLE:
                value = float(value)
            return Value(ir.Constant(T.llvm_type(t), value), t)
        value, t = int_constant(node.value, node.coord)
        return Value(const_int(t, value), t)

    def lv_Constant(self, node: c_ast.Constant) -> LValue:
        if node.type != "string":
            raise CompileFailure("cannot take the address of an rvalue", node.coord)
        data, elem = string_literal_bytes(node.value, node.coord)
        return LValue(self.string_global(data, elem), T.ArrayType(elem, len(data) + 1))

    def lv_ID(self, node: c_ast.ID) -> LValue:
        sym = self.scopes.lookup(node.name)
        if sym is None:
            if node.name == "__func__" and self.fn_name:
                return self.lv_Constant(c_ast.Constant("string", f'"{self.fn_name}"', node.coord))
            raise CompileFailure(f"use of undeclared identifier '{node.name}'", node.coord)
        if sym.kind == "typedef":
            raise CompileFailure(f"unexpected type name '{node.name}': expected expression",
                                 node.coord)
        if sym.kind == "enum":
            raise CompileFailure(f"enumerator '{node.name}' is not an lvalue", node.coord)
        return LValue(self.symbol_address(sym, node.name), sym.type, volatile=sym.volatile,
                      const=sym.const)

    def e_ID(self, node: c_ast.ID) -> Value:
        sym = self.scopes.lookup(node.name)
        return Value(const_int(sym.type, sym.value), sym.type)

    def lv_ArrayRef(self, node: c_ast.ArrayRef) -> LValue:
        base, index = self.expr(node.name), self.expr(node.subscript)
        if not base.type.is_pointer():
            base, index = index, base
        if not base.type.is_pointer() or not index.type.is_integer():
            raise CompileFailure("subscripted value is not an array or pointer", node.coord)
        p = self.pointer_add(base, index, node.coord)
        return LValue(p.ir, base.type.target, volatile=base.type.volatile,
                      const=base.type.const)

    def lv_StructRef(self, node: c_ast.StructRef) -> LValue:
        if node.type == "->":
            base = self.expr(node.name)
            if not base.type.is_pointer() or not isinstance(base.type.target, T.StructType):
                raise CompileFailure(f"member reference type '{base.type}' is not a pointer "
                                     "to a struct or union", node.coord)
            ptr, st, volatile = base.ir, base.type.target, base.type.volatile
            const, temporary = base.type.const, False
        else:
            lv = self.lvalue(node.name) if self.is_lvalue_node(node.name) else None
            if lv is None:
                v = self.expr(node.name)
                ptr, st, volatile, const, temporary = v.ir, v.type, False, False, True
            else:
                ptr, st, volatile = lv.ptr, lv.type, lv.volatile
                const, temporary = lv.const, lv.temporary
            if not isinstance(st, T.StructType):
                raise CompileFailure(f"member reference base type '{st}' is not a structure "
                                     "or union", node.coord)
        if not st.complete:
            raise CompileFailure(f"incomplete definition of type '{st}'", node.coord)
        path = st.member(node.field.name)
        if path is None:
            raise CompileFailure(f"no member named '{node.field.name}' in '{st}'",
                                 node.field.coord)
        offset = sum(m.offset for m in path)
        last = path[-1]
        return LValue(self.gep(ptr, offset, inbounds=True), last.type,
                      last if last.bit_width is not None else None, volatile,
                      const or any(m.const for m in path), temporary)

    def lv_UnaryOp(self, node: c_ast.UnaryOp) -> LValue:
        if self.is_part_of_lvalue(node):
            return self.part_lvalue(node)
        if node.op != "*":
            raise CompileFailure("expression is not assignable (not an lvalue)", node.coord)
        v = self.expr(node.expr)
        if not v.type.is_pointer():
            raise CompileFailure(f"indirection requires pointer operand ('{v.type}' invalid)",
                                 node.coord)
        return LValue(v.ir, v.type.target, volatile=v.type.volatile, const=v.type.const)

    def lv_CompoundLiteral(self, node: c_ast.CompoundLiteral) -> LValue:
        t = self.resolve_type(node.type)
        if isinstance(t, T.ArrayType) and t.length is None:
            t = T.ArrayType(t.elem, self.initializer_length(t, node.init))
        if self.builder is None:
            return LValue(self.static_object(t, node.init, "compound", node.coord), t)
        ptr = self.local_alloca(t, "compound")
        self.initialize_local(ptr, t, node.init, node.coord)
        return LValue(ptr, t)

    def e_InitList(self, node: c_ast.InitList) -> Value:
        raise CompileFailure("braced initializer list is only allowed in an initializer",
                             node.coord)

    def e_ExprList(self, node: c_ast.ExprList) -> Value:
        result = Value(None, T.VOID)
        for e in node.exprs:
            result = self.expr(e)
        return result

    def e_Cast(self, node: c_ast.Cast) -> Value:
        to = self.resolve_type(node.to_type)
        v = self.expr(node.expr)
        if isinstance(to, T.StructType) and T.same_type(v.type, to):
            return v        # GNU: a struct or union cast to its own type is a no-op
        if not to.is_void() and not to.is_scalar():
            raise CompileFailure(f"cannot cast to non-scalar type '{to}'", node.coord)
        return self.convert(v, to, node.coord)

    # -- operators ----------------------------------------------------------------

    def e_UnaryOp(self, node: c_ast.UnaryOp) -> Value:
        op = node.op
        if op == "sizeof" and not isinstance(node.expr, c_ast.Typename):
            vla = self.type_of(node.expr)
            if isinstance(vla, T.ArrayType) and vla.count is not None:
                size = self.builder.mul(vla.count, ir.Constant(I64, vla.elem.size))
                return Value(size, T.ULONG)
        if op in ("sizeof", "_Alignof"):
            value, t = self.consts.eval(node)
            return Value(const_int(t, value), t)
        if op == "&":
            if isinstance(node.expr, c_ast.ID):
                sym = self.scopes.lookup(node.expr.name)
                if sym is not None and sym.kind == "func":
                    return Value(self.symbol_address(sym, node.expr.name), T.PointerType(sym.type))
            lv = self.lvalue(node.expr)
            if lv.member is not None:
                raise CompileFailure("address of bit-field requested", node.coord)
            if lv.temporary:
                raise CompileFailure("cannot take the address of an rvalue", node.coord)
            if isinstance(node.expr, c_ast.ID) and self.scopes.lookup(node.expr.name).storage \
                    == "register":
                raise CompileFailure(f"address of register variable '{node.expr.name}' "
                                     "requested", node.coord)
            return Value(lv.ptr, T.PointerType(lv.type, lv.volatile, lv.const))
        if op in ("++", "--", "p++", "p--"):
            return self.increment(node)
        if op in ("__real__", "__imag__"):
            return self.part_value(node)
        v = self.expr(node.expr)
        b = self.builder
        if op == "!":
            return Value(b.zext(b.not_(self.truth(v, node.coord)), I32), T.INT)
        if v.type.is_complex():
            return self.complex_unary(op, v, node.coord)
        if not v.type.is_arithmetic() or (op == "~" and not v.type.is_integer()):
            raise CompileFailure(f"invalid argument type '{v.type}' to unary '{op}'", node.coord)
        v = self.convert(v, T.promote(v.type))
        if op == "+":
            return v
        if op == "-":
            if v.type.is_float():
                return Value(b.fneg(v.ir), v.type)
            return Value(b.sub(ir.Constant(v.ir.type, 0), v.ir, flags=_overflow_flags(v.type)),
                         v.type)
        if op == "~":
            return Value(b.not_(v.ir), v.type)
        raise CompileFailure(f"unsupported unary operator '{op}'", node.coord)

    def increment(self, node: c_ast.UnaryOp) -> Value:
        lv = self.lvalue(node.expr)
        self.check_modifiable(lv, node.expr, node.coord)
        old = self.load(lv)
        one = Value(ir.Constant(I32, 1), T.INT)
        op = "+" if "+" in node.op else "-"
        new = self.binary(op, old, one, node.coord)
        stored = self.store(lv, new, node.coord)
        return stored if node.op in ("++", "--") else old

    def e_BinaryOp(self, node: c_ast.BinaryOp) -> Value:
        op = node.op
        if op in ("&&", "||"):
            return self.logical(node)
        return self.binary(op, self.expr(node.left), self.expr(node.right), node.coord)

    def logical(self, node: c_ast.BinaryOp) -> Value:
        b = self.builder
        left = self.condition(node.left)
        start = b.block
        rhs_block = self.new_block("logic.rhs")
        done = self.new_block("logic.end")
        if node.op == "&&":
            b.cbranch(left, rhs_block, done)
        else:
            b.cbranch(left, done, rhs_block)
        b.position_at_end(rhs_block)
        right = self.condition(node.right)
        rhs_end = b.block
        b.branch(done)
        b.position_at_end(done)
        phi = b.phi(I1)
        phi.add_incoming(ir.Constant(I1, 0 if node.op == "&&" else 1), start)
        phi.add_incoming(right, rhs_end)
        return Value(b.zext(phi, I32), T.INT)

    def binary(self, op: str, a: Value, c: Value, coord: object) -> Value:
        b = self.builder
        if a.type.is_complex() or c.type.is_complex():
            return self.complex_binary(op, a, c, coord)
        if op in _COMPARE:
            return self.compare(op, a, c, coord)
        if op in ("+", "-") and (a.type.is_pointer() or c.type.is_pointer()):
            return self.pointer_arith(op, a, c, coord)
        if not a.type.is_arithmetic() or not c.type.is_arithmetic():
            raise CompileFailure(f"invalid operands to binary expression ('{a.type}' and "
                                 f"'{c.type}')", coord)
        if op in ("<<", ">>"):
            rt = T.promote(a.type)
            if not rt.is_integer() or not c.type.is_integer():
                raise CompileFailure("invalid operands to shift", coord)
            x = self.convert(a, rt)
            y = self.convert(Value(c.ir, c.type), T.to_unsigned(T.promote(c.type)))
            y = self.convert(y, T.ULONG if rt.size == 8 else T.UINT)
            fn = _ARITH[op][0 if rt.signed else 1]
            return Value(getattr(b, fn)(x.ir, y.ir), rt)
        x, y, ct = self.arith_pair(a, c)
        names = _ARITH[op]
        if ct.is_float():
            if names[2] is None or op == "%":
                raise CompileFailure(f"invalid operands to binary '{op}' ('{ct}')", coord)
            return Value(getattr(b, names[2])(x.ir, y.ir), ct)
        if op in ("+", "-", "*"):
            return Value(getattr(b, names[0])(x.ir, y.ir, flags=_overflow_flags(ct)), ct)
        return Value(getattr(b, names[0] if ct.signed else names[1])(x.ir, y.ir), ct)

    def compare(self, op: str, a: Value, c: Value, coord: object) -> Value:
        b = self.builder
        if a.type.is_pointer() or c.type.is_pointer():
            x = self.convert(a, T.PointerType(T.VOID), coord)
            y = self.convert(c, T.PointerType(T.VOID), coord)
            result = b.icmp_unsigned(op, x.ir, y.ir)
        else:
            if not a.type.is_arithmetic() or not c.type.is_arithmetic():
                raise CompileFailure(f"invalid operands to comparison ('{a.type}' and "
                                     f"'{c.type}')", coord)
            x, y, ct = self.arith_pair(a, c)
            if ct.is_float():
                result = (b.fcmp_unordered(op, x.ir, y.ir) if op == "!="
                          else b.fcmp_ordered(op, x.ir, y.ir))
            elif ct.signed:
                result = b.icmp_signed(op, x.ir, y.ir)
            else:
                result = b.icmp_unsigned(op, x.ir, y.ir)
        return Value(b.zext(result, I32), T.INT)

    def pointer_arith(self, op: str, a: Value, c: Value, coord: object) -> Value:
        b = self.builder
        if a.type.is_pointer() and c.type.is_pointer():
            if op != "-":
                raise CompileFailure("invalid operands: cannot add two pointers", coord)
            if not T.compatible(a.type.target, c.type.target):
                raise CompileFailure(f"'{a.type}' and '{c.type}' are not pointers to "
                                     "compatible types", coord)
            size = max(a.type.target.size, 1)
            diff = b.sub(b.ptrtoint(a.ir, I64), b.ptrtoint(c.ir, I64))
            return Value(b.sdiv(diff, ir.Constant(I64, size)) if size > 1 else diff, T.LONG)
        if c.type.is_pointer():
            if op == "-":
                raise CompileFailure("invalid operands: integer minus pointer", coord)
            a, c = c, a
        if not c.type.is_integer():
            raise CompileFailure(f"invalid operand '{c.type}' for pointer arithmetic", coord)
        if op == "-":
            c = self.convert(c, T.LONG if c.type.signed else T.ULONG)
            c = Value(b.neg(c.ir), T.LONG)
        return self.pointer_add(a, c, coord)

    def pointer_add(self, p: Value, i: Value, coord: object) -> Value:
        target = p.type.target
        if isinstance(target, T.StructType) and not target.complete:
            raise CompileFailure(f"arithmetic on a pointer to incomplete type '{target}'", coord)
        idx = self.convert(i, T.LONG if i.type.signed else T.ULONG).ir
        size = target.size if not target.is_void() and not isinstance(target, T.FuncType) else 1
        if size != 1:
            # The scaled index is the GEP's signed byte offset: in bounds, it cannot wrap.
            idx = self.builder.mul(idx, ir.Constant(I64, size), flags=("nsw",))
        return Value(self.gep(p.ir, idx, inbounds=True), p.type)

    def e_Assignment(self, node: c_ast.Assignment) -> Value:
        lv = self.lvalue(node.lvalue)
        self.check_modifiable(lv, node.lvalue, node.coord)
        if node.op == "=":
            v = self.expr(node.rvalue)
            self.check_assignable(lv.type, v, node.coord)
            return self.store(lv, v, node.coord)
        old = self.load(lv)
        v = self.binary(node.op[:-1], old, self.expr(node.rvalue), node.coord)
        return self.store(lv, v, node.coord)

    def check_modifiable(self, lv: LValue, node: c_ast.Node, coord: object) -> None:
        """``lv`` may be assigned to or incremented: not const, not an array or a
        function, not a member of a struct rvalue (``f().x = 1``)."""
        what = f"variable '{node.name}'" if isinstance(node, c_ast.ID) else "location"
        if lv.temporary:
            raise CompileFailure("expression is not assignable", coord)
        if lv.const:
            raise CompileFailure(f"cannot assign to {what} with const-qualified type", coord)
        if isinstance(lv.type, T.StructType) and lv.type.const_member:
            raise CompileFailure(f"cannot assign to {what} with const-qualified data member "
                                 f"'{lv.type.const_member}'", coord)
        if isinstance(lv.type, (T.ArrayType, T.FuncType)):
            raise CompileFailure(f"array or function type '{lv.type}' is not assignable", coord)

    def check_assignable(self, to: T.CType, v: Value, coord: object,
                         what: str = "assignment") -> None:
        """``v`` may be assigned to ``to`` (an error if not), with gcc's default warnings
        for the conversions C allows but that are rarely meant. ``what`` names the
        assignment for them: "assignment", "initialization", "return" or "passing
        argument N of 'f'"."""
        if isinstance(to, T.StructType) and not T.same_type(v.type, to):
            raise CompileFailure(f"assigning to '{to}' from incompatible type '{v.type}'", coord)
        if to.is_scalar() and isinstance(v.type, T.StructType):
            raise CompileFailure(f"assigning to '{to}' from incompatible type '{v.type}'", coord)
        problem = conversion_problem(to, v, what)
        if "[-Wint-conversion]" in problem or (
                "[-Wincompatible-pointer-types]" in problem and
                isinstance(to.target, T.FuncType) and isinstance(v.type.target, T.FuncType)):
            raise CompileFailure(problem, coord)   # errors in gcc 14 and clang 16 alike
        if problem:
            self.warn(problem, coord)

    def e_TernaryOp(self, node: c_ast.TernaryOp) -> Value:
        b = self.builder
        cond = self.condition(node.cond)
        then_block, else_block = self.new_block("cond.true"), self.new_block("cond.false")
        done = self.new_block("cond.end")
        b.cbranch(cond, then_block, else_block)
        b.position_at_end(then_block)
        x = self.expr(node.iftrue)
        then_end = b.block
        b.position_at_end(else_block)
        y = self.expr(node.iffalse)
        else_end = b.block
        rt = self.conditional_type(x, y, node)
        b.position_at_end(then_end)
        x = self.convert(x, rt, node.coord)
        then_end = b.block
        b.branch(done)
        b.position_at_end(else_end)
        y = self.convert(y, rt, node.coord)
        else_end = b.block
        b.branch(done)
        b.position_at_end(done)
        if rt.is_void():
            return Value(None, T.VOID)
        phi = b.phi(x.ir.type)
        phi.add_incoming(x.ir, then_end)
        phi.add_incoming(y.ir, else_end)
        return Value(phi, rt)

    def conditional_type(self, x: Value, y: Value, node: c_ast.TernaryOp) -> T.CType:
        if x.type.is_arithmetic() and y.type.is_arithmetic():
            return T.usual_arithmetic(x.type, y.type)
        if x.type.is_void() or y.type.is_void():
            return T.VOID
        if x.type.is_pointer() and y.type.is_pointer():
            return self.conditional_pointer(x, y, node)
        if x.type.is_pointer():     # y: a null pointer constant, or gcc's mismatch warning
            return x.type
        if y.type.is_pointer():
            return y.type
        if T.same_type(x.type, y.type):
            return x.type
        raise CompileFailure(f"incompatible operand types ('{x.type}' and '{y.type}')",
                             node.coord)

    def conditional_pointer(self, x: Value, y: Value, node: c_ast.TernaryOp) -> T.CType:
        """The type of ``c ? x : y`` with pointer operands (C11 6.5.15p6): a null
        pointer constant takes the other's type; otherwise the pointed-to type is void
        if either is, else the composite, qualified with both operands' qualifiers."""
        if self.null_pointer_constant(y, node.iffalse):
            return x.type
        if self.null_pointer_constant(x, node.iftrue):
            return y.type
        xt, yt = x.type, y.type
        assert isinstance(xt, T.PointerType) and isinstance(yt, T.PointerType)
        volatile, const = xt.volatile or yt.volatile, xt.const or yt.const
        if xt.target.is_void() or yt.target.is_void():
            return T.PointerType(T.VOID, volatile, const)
        if T.compatible(xt.target, yt.target):
            return T.PointerType(T.composite(xt.target, yt.target), volatile, const)
        self.warn("pointer type mismatch in conditional expression", node.coord)
        return T.PointerType(T.VOID)

    def null_pointer_constant(self, v: Value, node: c_ast.Node) -> bool:
        """A cast of integer constant zero to unqualified ``void *`` (gcc, unlike clang,
        counts neither ``(void const *)0`` nor ``(void *)(void *)0``)."""
        t = v.type
        if not (isinstance(t, T.PointerType) and t.target.is_void() and not t.const
                and not t.volatile and isinstance(node, c_ast.Cast)):
            return False
        try:
            value, inner = self.consts.eval(node.expr)
        except CompileFailure:
            return False
        return inner.is_integer() and value == 0

    # -- calls --------------------------------------------------------------------

    def e_FuncCall(self, node: c_ast.FuncCall) -> Value:
        args = node.args.exprs if node.args is not None else []
        if isinstance(node.name, c_ast.ID):
            name = node.name.name
            if name.startswith("__builtin_") and self.scopes.lookup(name) is None:
                return self.builtin(name, args, node)
            if name.startswith(("__sync_", "__atomic_")) and self.scopes.lookup(name) is None:
                return self.atomic_builtin(name, args, node)
            if name == "offsetof" and self.scopes.lookup(name) is None:
                value, t = self.consts.eval(node)
                return Value(const_int(t, value), t)
            if self.scopes.lookup(name) is None:
                raise CompileFailure(f"implicit declaration of function '{name}' "
                                     "(declare it or include its header)", node.name.coord)
        callee = self.expr(node.name)
        ft = callee.type.target if callee.type.is_pointer() else None
        if not isinstance(ft, T.FuncType):
            raise CompileFailure(f"called object type '{callee.type}' is not a function or "
                                 "function pointer", node.coord)
        if ft.prototyped:
            if len(args) < len(ft.params) or (len(args) > len(ft.params) and not ft.variadic):
                which = "few" if len(args) < len(ft.params) else "many"
                raise CompileFailure(f"too {which} arguments to function call, expected "
                                     f"{len(ft.params)}, have {len(args)}", node.coord)
        values = []
        for i, a in enumerate(args):
            v = self.expr(a)
            if ft.prototyped and i < len(ft.params):
                self.check_assignable(ft.params[i], v, a.coord,
                                      f"passing argument {i + 1} of '{_callee_name(node)}'")
                v = self.convert(v, ft.params[i], a.coord)
            else:
                v = self.convert(v, vararg_type(v.type), a.coord)
            values.append(v)
        fixed = ft.params if ft.prototyped else [v.type for v in values]
        signature = plan_call(ft.ret, fixed, ft.variadic and ft.prototyped).llvm_type
        plan = plan_call(ft.ret, [v.type for v in values], False)
        return self.emit_call(callee.ir, signature, plan, values, ft.ret)

    def emit_call(self, callee: ir.Value, signature: ir.FunctionType, plan: Any,
                  values: list, ret: T.CType) -> Value:
        b = self.builder
        largs: list = []
        attrs: dict = {}
        result_slot = None
        if plan.ret_kind == "sret":
            result_slot = self.local_alloca(ret, "sret")
            attrs[0] = ("sret",)
            largs.append(self.typed_pointer(result_slot, TypedPointer(T.llvm_type(ret))))
        for v, ap in zip(values, plan.args):
            if ap.kind == "direct":
                ext = extension_attr(v.type)
                if ext:
                    attrs[len(largs)] = (ext,)
                largs.append(v.ir)
            elif ap.kind == "expand":
                largs.extend(self.eightbytes_of(self.in_memory(v), v.type, ap.llvm_types))
            else:
                attrs[len(largs)] = ("byval",)
                largs.append(self.typed_pointer(self.in_memory(v), ap.llvm_types[0]))
        if not isinstance(callee, ir.Function) or callee.function_type != signature:
            callee = IndirectCallee(callee, signature)
        call = b.call(callee, largs, arg_attrs=attrs or None)
        for index, names in attrs.items():
            if "byval" in names:
                call.arg_attributes[index].align = 8
        if plan.ret_kind == "sret":
            return Value(result_slot, ret)
        if plan.ret_kind == "void":
            return Value(None, T.VOID)
        if plan.ret_kind == "direct":
            return Value(call, ret)
        slot = self.local_alloca(T.ArrayType(T.LONG, 2), "ret")
        self.store_eightbytes(slot, call, plan.ret_type)
        if ret.is_complex():
            return self.complex_from_memory(slot, ret)
        return Value(slot, ret)

    def in_memory(self, v: Value) -> ir.Value:
        """The address of an aggregate rvalue's bytes (a complex one is put there)."""
        return self.spill(v) if v.type.is_complex() else v.ir

    def typed_pointer(self, value: ir.Value, ptr_type: TypedPointer) -> ir.Value:
        """A no-op cast whose type carries the pointee that byval/sret attributes print."""
        cast = ir.instructions.CastInstr(self.builder.block, "bitcast", value, ptr_type)
        self.builder._insert(cast)
        return cast

    def eightbytes_of(self, ptr: ir.Value, t: T.CType, ltypes: list) -> list:
        """Load a small aggregate as its register-sized pieces (via a padded copy)."""
        tmp = self.local_alloca(T.ArrayType(T.LONG, 2), "abi")
        self.memcpy(tmp, ptr, t.size, 1)
        return [self.builder.load(self.gep(tmp, 8 * i), typ=lt, align=8)
                for i, lt in enumerate(ltypes)]

    def store_eightbytes(self, slot: ir.Value, value: ir.Value, ltype: ir.Type) -> None:
        if isinstance(ltype, ir.LiteralStructType):
            for i in range(len(ltype.elements)):
                piece = self.builder.extract_value(value, i)
                self.builder.store(piece, self.gep(slot, 8 * i), align=8)
        else:
            self.builder.store(value, slot, align=8)


def conversion_problem(to: T.CType, v: Value, what: str) -> str:
    """gcc's default warning, worded as gcc words it, for assigning ``v`` to ``to`` in
    ``what`` ("assignment", "initialization", "return", "passing argument N of 'f'"),
    or ""."""
    fr = v.type
    if to.is_pointer() and fr.is_integer() and not _null_constant(v):
        problem = "makes pointer from integer without a cast [-Wint-conversion]"
    elif to.is_integer() and not to.is_bool and fr.is_pointer():  # type: ignore[attr-defined]
        problem = "makes integer from pointer without a cast [-Wint-conversion]"
    elif (to.is_pointer() and fr.is_pointer()
          and _incompatible_targets(to.target, fr.target)):  # type: ignore[attr-defined]
        head = {"initialization": f"initialization of '{to}' from",
                "assignment": f"assignment to '{to}' from"}.get(what, what + " from")
        if what == "return":
            head = f"returning '{fr}' from a function with incompatible return type '{to}'"
            return f"{head} [-Wincompatible-pointer-types]"
        return f"{head} incompatible pointer type '{fr}' [-Wincompatible-pointer-types]"
    else:
        return ""
    head = {"initialization": f"initialization of '{to}' from '{fr}'",
            "assignment": f"assignment to '{to}' from '{fr}'",
            "return": f"returning '{fr}' from a function with return type '{to}'"}.get(what, what)
    return f"{head} {problem}"


def _incompatible_targets(a: T.CType, b: T.CType) -> bool:
    """Pointers to ``a`` and ``b`` do not convert silently: neither is void, and they
    are not the same type (integers differing only in signedness are: gcc warns about
    those with -Wpointer-sign, outside its defaults)."""
    same_but_sign = (isinstance(a, T.IntType) and isinstance(b, T.IntType)
                     and a.size == b.size and not a.is_bool and not b.is_bool)
    return not (a.is_void() or b.is_void() or same_but_sign or T.compatible(a, b))


def _null_constant(v: Value) -> bool:
    return isinstance(v.ir, ir.Constant) and v.ir.constant == 0


def _callee_name(node: c_ast.FuncCall) -> str:
    return node.name.name if isinstance(node.name, c_ast.ID) else "the function"
