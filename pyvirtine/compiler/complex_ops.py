"""C99 complex arithmetic (``R _Complex``) and gcc's extensions to it: ``__real__``,
``__imag__``, ``~`` as the conjugate, imaginary constants (``2.0i``) and
``__builtin_complex``.

A complex rvalue is the LLVM pair ``{R, R}``. Multiplication and division keep
C99 Annex G's rules for infinities and NaNs as gcc does without -ffast-math: a
product is computed inline and handed to ``__mul?c3`` only when both parts came
out NaN; a quotient is always ``__div?c3`` (both in the guest libc, complex.c)."""
from __future__ import annotations

import llvmlite.ir as ir
from pycparser import c_ast

from . import c_types as T
from .abi import plan_call
from .diagnostics import CompileFailure
from .expressions import LValue, Value

_HELPER_SUFFIX = {4: "sc3", 8: "dc3", 16: "xc3"}


class ComplexGen:
    """Mixin of the code generator: complex values, conversions and operators."""

    # -- building and taking apart ------------------------------------------------

    def make_complex(self, re_: ir.Value, im: ir.Value, t: T.ComplexType) -> Value:
        pair = ir.Constant(T.llvm_type(t), None)
        pair = self.builder.insert_value(pair, re_, 0)
        return Value(self.builder.insert_value(pair, im, 1), t)

    def complex_parts(self, v: Value) -> tuple:
        return self.builder.extract_value(v.ir, 0), self.builder.extract_value(v.ir, 1)

    def spill(self, v: Value) -> ir.Value:
        """The address of a temporary holding complex ``v`` (for the ABI's memory forms)."""
        slot = self.local_alloca(v.type, "complex")
        self.builder.store(v.ir, slot, align=v.type.align)
        return slot

    def complex_from_memory(self, ptr: ir.Value, t: T.ComplexType) -> Value:
        return Value(self.builder.load(ptr, typ=T.llvm_type(t), align=t.align), t)

    # -- conversions --------------------------------------------------------------

    def convert_complex(self, v: Value, to: T.CType, coord: object) -> Value:
        """Conversions with a complex side: a real becomes ``x + 0i``; a complex
        becomes a real (or integer) by dropping its imaginary part, and a _Bool by
        comparing both parts with zero."""
        fr = v.type
        if to.is_complex():
            if fr.is_complex():
                re_, im = self.complex_parts(v)
                re_ = self.convert(Value(re_, fr.real), to.real, coord).ir
                im = self.convert(Value(im, fr.real), to.real, coord).ir
                return self.make_complex(re_, im, to)
            if not fr.is_arithmetic():
                raise CompileFailure(f"cannot convert '{fr}' to '{to}'", coord)
            re_ = self.convert(v, to.real, coord).ir
            return self.make_complex(re_, ir.Constant(T.llvm_type(to.real), 0.0), to)
        if isinstance(to, T.IntType) and to.is_bool:
            return Value(self.builder.zext(self.complex_truth(v), ir.IntType(8)), to)
        if not to.is_arithmetic():
            raise CompileFailure(f"cannot convert '{fr}' to '{to}'", coord)
        return self.convert(Value(self.complex_parts(v)[0], fr.real), to, coord)

    def complex_truth(self, v: Value) -> ir.Value:
        b = self.builder
        zero = ir.Constant(T.llvm_type(v.type.real), 0.0)
        re_, im = self.complex_parts(v)
        return b.or_(b.fcmp_unordered("!=", re_, zero), b.fcmp_unordered("!=", im, zero))

    # -- operators ----------------------------------------------------------------

    def complex_binary(self, op: str, a: Value, c: Value, coord: object) -> Value:
        """``a op c`` where either is complex. A real operand stays real, as in gcc:
        ``x * (c+di)`` is ``xc + xdi``, with no 0 * inf to turn into NaN."""
        if not a.type.is_arithmetic() or not c.type.is_arithmetic():
            raise CompileFailure(f"invalid operands to binary expression ('{a.type}' and "
                                 f"'{c.type}')", coord)
        ct = T.usual_arithmetic(a.type, c.type)
        if op in ("==", "!="):
            return self._complex_equal(op, a, c, ct)
        if op not in ("+", "-", "*", "/"):
            raise CompileFailure(f"invalid operands to binary '{op}' ('{a.type}' and "
                                 f"'{c.type}')", coord)
        b = self.builder
        p, q = self._operand_parts(a, ct)
        r, s = self._operand_parts(c, ct)
        if op == "/" and s is not None:
            return self._helper_call("div", ct, [p, q if q is not None else _zero(ct), r, s])
        if op == "/":                                # by a real: each part
            return self.make_complex(b.fdiv(p, r), b.fdiv(q, r), ct)
        if op == "*" and q is not None and s is not None:
            return self._multiply(p, q, r, s, ct)
        if op == "*":                                # by a real: each part
            k, (x, y) = (r, (p, q)) if s is None else (p, (r, s))
            return self.make_complex(b.fmul(k, x), b.fmul(k, y), ct)
        arith = b.fadd if op == "+" else b.fsub
        re_ = arith(p, r)
        if q is None:
            im = b.fneg(s) if op == "-" else s
        elif s is None:
            im = q
        else:
            im = arith(q, s)
        return self.make_complex(re_, im, ct)

    def _operand_parts(self, v: Value, ct: T.ComplexType) -> tuple:
        """(real, imaginary) of ``v`` in ``ct``'s part type; imaginary None if real."""
        if v.type.is_complex():
            return self.complex_parts(self.convert(v, ct))
        return self.convert(v, ct.real).ir, None

    def _multiply(self, p: ir.Value, q: ir.Value, r: ir.Value, s: ir.Value,
                  ct: T.ComplexType) -> Value:
        b = self.builder
        re_ = b.fsub(b.fmul(p, r), b.fmul(q, s))
        im = b.fadd(b.fmul(p, s), b.fmul(q, r))
        fast = self.make_complex(re_, im, ct)
        both_nan = b.and_(b.fcmp_unordered("uno", re_, re_), b.fcmp_unordered("uno", im, im))
        start = b.block
        slow_block, done = self.new_block("cmul.nan"), self.new_block("cmul.end")
        b.cbranch(both_nan, slow_block, done)
        b.position_at_end(slow_block)
        slow = self._helper_call("mul", ct, [p, q, r, s])
        slow_end = b.block
        b.branch(done)
        b.position_at_end(done)
        phi = b.phi(fast.ir.type)
        phi.add_incoming(fast.ir, start)
        phi.add_incoming(slow.ir, slow_end)
        return Value(phi, ct)

    def _helper_call(self, what: str, ct: T.ComplexType, parts: list) -> Value:
        """``__mulNc3``/``__divNc3``: the libgcc-named helpers, taking four reals."""
        name = f"__{what}{_HELPER_SUFFIX[ct.real.size]}"
        ft = T.FuncType(ct, [ct.real] * 4, False)
        fn = self.function_value(name, ft, False)
        plan = plan_call(ct, ft.params, False)
        values = [Value(x, ct.real) for x in parts]
        return self.emit_call(fn, plan.llvm_type, plan, values, ct)

    def _complex_equal(self, op: str, a: Value, c: Value, ct: T.ComplexType) -> Value:
        b = self.builder
        p, q = self._operand_parts(a, ct)
        r, s = self._operand_parts(c, ct)
        zero = _zero(ct)
        re_eq = b.fcmp_ordered("==", p, r)
        im_eq = b.fcmp_ordered("==", q if q is not None else zero, s if s is not None else zero)
        equal = b.and_(re_eq, im_eq)
        result = equal if op == "==" else b.not_(equal)
        return Value(b.zext(result, ir.IntType(32)), T.INT)

    def complex_unary(self, op: str, v: Value, coord: object) -> Value:
        """``-z``, ``+z`` and GNU ``~z`` (the conjugate)."""
        re_, im = self.complex_parts(v)
        if op == "-":
            return self.make_complex(self.builder.fneg(re_), self.builder.fneg(im), v.type)
        if op == "~":
            return self.make_complex(re_, self.builder.fneg(im), v.type)
        if op == "+":
            return v
        raise CompileFailure(f"invalid argument type '{v.type}' to unary '{op}'", coord)

    # -- __real__ / __imag__ --------------------------------------------------------

    def is_part_of_lvalue(self, node: c_ast.Node) -> bool:
        """``__real__ z`` / ``__imag__ z`` of a complex lvalue is an lvalue (gcc)."""
        return (isinstance(node, c_ast.UnaryOp) and node.op in ("__real__", "__imag__")
                and self.is_lvalue_node(node.expr) and self.type_of(node.expr).is_complex())

    def part_lvalue(self, node: c_ast.UnaryOp) -> LValue:
        lv = self.lvalue(node.expr)
        real = lv.type.real
        offset = real.size if node.op == "__imag__" else 0
        return LValue(self.gep(lv.ptr, offset), real, volatile=lv.volatile, const=lv.const,
                      temporary=lv.temporary)

    def part_value(self, node: c_ast.UnaryOp) -> Value:
        """``__real__``/``__imag__`` of an rvalue; of a real number: itself and zero."""
        v = self.expr(node.expr)
        if v.type.is_complex():
            return Value(self.complex_parts(v)[node.op == "__imag__"], v.type.real)
        if not v.type.is_arithmetic():
            raise CompileFailure(f"invalid argument type '{v.type}' to '{node.op}'", node.coord)
        v = self.convert(v, T.promote(v.type))
        if node.op == "__real__":
            return v
        return Value(ir.Constant(v.ir.type, 0.0 if v.type.is_float() else 0), v.type)

    # -- builtins -----------------------------------------------------------------

    def b_complex(self, args: list, node: c_ast.FuncCall) -> Value:
        """``__builtin_complex(re, im)``: both of one real floating type, not converted."""
        self.builtin_args("__builtin_complex", args, 2, node)
        re_, im = self.expr(args[0]), self.expr(args[1])
        if not re_.type.is_float() or not T.same_type(re_.type, im.type):
            raise CompileFailure("__builtin_complex operands must be of the same real "
                                 "floating type", node.coord)
        return self.make_complex(re_.ir, im.ir, T.complex_of(re_.type))


def _zero(ct: T.ComplexType) -> ir.Constant:
    return ir.Constant(T.llvm_type(ct.real), 0.0)
