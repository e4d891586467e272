"""``va_start``/``va_arg``/``va_end``/``va_copy``: the SysV x86-64 ``va_list`` walk
(register save area first, then the overflow area), as gcc-compiled code expects."""
from __future__ import annotations

import llvmlite.ir as ir
from pycparser import c_ast

from . import c_types as T
from .abi import INTEGER, SSE, X87, classify, vararg_type
from .diagnostics import CompileFailure
from .expressions import I1, I32, I64, PTR, LValue, Value


class VarargsGen:
    """Mixin of the code generator: the ``__builtin_va_*`` family."""

    def va_builtin(self, name: str, args: list, node: c_ast.FuncCall) -> Value:
        if not args:
            raise CompileFailure(f"too few arguments to '{name}'", node.coord)
        if name == "__builtin_va_start":
            if not self.fn_variadic:
                raise CompileFailure("'va_start' used in function with fixed arguments",
                                     node.coord)
            fn = self.intrinsic("llvm.va_start.p0", ir.VoidType(), [PTR])
            self.builder.call(fn, [self.va_list_arg(args[0], "va_start")])
            return Value(None, T.VOID)
        if name == "__builtin_va_end":
            self.va_list_arg(args[0], "va_end")
            return Value(None, T.VOID)
        if name == "__builtin_va_copy" and len(args) == 2:
            dst = self.va_list_arg(args[0], "va_copy")
            self.memcpy(dst, self.va_list_arg(args[1], "va_copy"), 24, 8)
            return Value(None, T.VOID)
        if name == "__builtin_va_arg" and len(args) == 2:
            t = self.resolve_type(args[1])
            return self.load(LValue(self.va_arg(self.va_list_arg(args[0], "va_arg"), t,
                                                node.coord), t))
        raise CompileFailure(f"wrong arguments to '{name}'", node.coord)

    def va_list_arg(self, node: c_ast.Node, builtin: str) -> ir.Value:
        v = self.expr(node)
        target = v.type.target if v.type.is_pointer() else None
        if not isinstance(target, T.StructType) or target.tag != "__va_list_tag":
            raise CompileFailure(f"first argument to '{builtin}' is not of type 'va_list'",
                                 node.coord)
        return v.ir

    def va_arg(self, ap: ir.Value, t: T.CType, coord: object) -> ir.Value:
        """Address of the next variadic argument of type ``t`` (SysV va_list walk)."""
        b = self.builder
        t = vararg_type(t)
        if isinstance(t, (T.StructType, T.ComplexType)):
            classes = classify(t)
            if classes == [X87]:
                classes = None
        elif T.plain(t) is T.LDOUBLE:
            classes = None
        elif t.is_float():
            classes = [SSE]
        elif t.is_scalar():
            classes = [INTEGER]
        else:
            raise CompileFailure(f"va_arg of type '{t}' is not supported", coord)
        overflow_ptr = self.gep(ap, 8)
        if classes is None:
            return self._va_overflow(overflow_ptr, t)
        need_gp, need_sse = classes.count(INTEGER), classes.count(SSE)
        gp_ptr, fp_ptr = ap, self.gep(ap, 4)
        gp = b.load(gp_ptr, typ=I32, align=4)
        fp = b.load(fp_ptr, typ=I32, align=4)
        fits = ir.Constant(I1, 1)
        if need_gp:
            fits = b.and_(fits, b.icmp_unsigned("<=", gp, ir.Constant(I32, 48 - 8 * need_gp)))
        if need_sse:
            fits = b.and_(fits, b.icmp_unsigned("<=", fp, ir.Constant(I32, 176 - 16 * need_sse)))
        in_regs, in_mem, done = (self.new_block("va.reg"), self.new_block("va.mem"),
                                 self.new_block("va.end"))
        b.cbranch(fits, in_regs, in_mem)
        b.position_at_end(in_regs)
        save = b.load(self.gep(ap, 16), typ=PTR, align=8)
        tmp = self.local_alloca(T.ArrayType(T.LONG, 2), "va")
        gp_off, fp_off = gp, fp
        for i, cls in enumerate(classes):
            if cls == INTEGER:
                src = self.gep(save, b.zext(gp_off, I64))
                gp_off = b.add(gp_off, ir.Constant(I32, 8))
            else:
                src = self.gep(save, b.zext(fp_off, I64))
                fp_off = b.add(fp_off, ir.Constant(I32, 16))
            b.store(b.load(src, typ=I64, align=8), self.gep(tmp, 8 * i), align=8)
        b.store(gp_off, gp_ptr, align=4)
        b.store(fp_off, fp_ptr, align=4)
        regs_end = b.block
        b.branch(done)
        b.position_at_end(in_mem)
        from_mem = self._va_overflow(overflow_ptr, t)
        mem_end = b.block
        b.branch(done)
        b.position_at_end(done)
        phi = b.phi(PTR)
        phi.add_incoming(tmp, regs_end)
        phi.add_incoming(from_mem, mem_end)
        return phi

    def _va_overflow(self, overflow_ptr: ir.Value, t: T.CType) -> ir.Value:
        b = self.builder
        area = b.load(overflow_ptr, typ=PTR, align=8)
        if t.align > 8:
            raw = b.ptrtoint(area, I64)
            raw = b.and_(b.add(raw, ir.Constant(I64, t.align - 1)), ir.Constant(I64, -t.align))
            area = b.inttoptr(raw, PTR)
        b.store(self.gep(area, (t.size + 7) // 8 * 8), overflow_ptr, align=8)
        return area

