"""Statement code generation: control flow, blocks, local declarations."""
from __future__ import annotations

import llvmlite.ir as ir
from pycparser import c_ast

from . import c_types as T
from .diagnostics import CompileFailure
from .gnu_parser import Range
from .sema import wrap

# Case ranges of up to this many values become switch cases; longer ones, range tests.
_LISTED_CASES = 64

# Where a hot loop starts decides how many 32- and 64-byte fetch windows each of its
# rounds spans, and LLVM's default 16-byte loop alignment leaves that to the sizes of
# whatever the linker placed before: the same sieve ran 17-45% slower natively when its
# function moved by 16 or 32 bytes. At 32 bytes, a loop of up to 32 bytes never straddles
# a window, wherever its function lands.
LOOP_ALIGNMENT = 32


class LoopID(ir.values.MDValue):
    """A loop's ``!llvm.loop`` node: distinct and naming itself first, as LLVM requires
    of loop IDs (llvmlite's nodes cannot refer to themselves), then its properties."""

    __eq__, __ne__, __hash__ = object.__eq__, object.__ne__, object.__hash__

    def __init__(self, module: ir.Module, properties: list[ir.values.MDValue]) -> None:
        super().__init__(module, properties, name=str(len(module.metadata)))

    def descr(self, buf: list[str]) -> None:
        refs = ", ".join([self.get_reference(), *(p.get_reference() for p in self.operands)])
        buf += (f"distinct !{{ {refs} }}", "\n")


def _case_labels(node: c_ast.Node, out: list) -> list:
    """The case/default labels that belong to a switch body (not to nested switches)."""
    if isinstance(node, (c_ast.Case, c_ast.Default)):
        out.append(node)
    if isinstance(node, c_ast.Switch):
        return out
    for _, child in node.children():
        _case_labels(child, out)
    return out


class StatementGen:
    """Mixin of the code generator: every C statement form."""

    def stmt(self, node: c_ast.Node) -> None:
        if self.builder.block.is_terminated:
            self.builder.position_at_end(self.new_block("dead"))
        self.debug.set_location(self.builder, node.coord)
        method = getattr(self, "s_" + type(node).__name__, None)
        if method is None:
            self.expr(node)
            return
        method(node)

    def s_Compound(self, node: c_ast.Compound) -> None:
        self.compound(node)

    def compound(self, node: c_ast.Compound, new_scope: bool = True) -> None:
        if new_scope:
            self.scopes.push()
        live = self.live
        for item in node.block_items or []:
            self.stmt(item)
        self.end_scope(live)
        if new_scope:
            self.scopes.pop()

    def s_Decl(self, node: c_ast.Decl) -> None:
        self.local_declaration(node)

    def s_DeclList(self, node: c_ast.DeclList) -> None:
        for d in node.decls:
            self.local_declaration(d)

    def s_Typedef(self, node: c_ast.Typedef) -> None:
        self.typedef(node)

    def s_EmptyStatement(self, node: c_ast.Node) -> None:
        pass

    def s_Pragma(self, node: c_ast.Pragma) -> None:
        self.pragma(node)

    def s_StaticAssert(self, node: c_ast.StaticAssert) -> None:
        self.static_assert(node)

    def s_If(self, node: c_ast.If) -> None:
        b = self.builder
        cond = self.condition(node.cond)
        then_block, end = self.new_block("if.then"), self.new_block("if.end")
        else_block = self.new_block("if.else") if node.iffalse is not None else end
        b.cbranch(cond, then_block, else_block)
        b.position_at_end(then_block)
        self.stmt(node.iftrue)
        self.branch_if_open(end)
        if node.iffalse is not None:
            b.position_at_end(else_block)
            self.stmt(node.iffalse)
            self.branch_if_open(end)
        b.position_at_end(end)

    def branch_if_open(self, target: ir.Block) -> None:
        if not self.builder.block.is_terminated:
            self.builder.branch(target)

    def loop(self, cond: c_ast.Node, body: c_ast.Node, step: c_ast.Node,
             test_first: bool) -> None:
        b = self.builder
        head, body_block = self.new_block("loop.cond"), self.new_block("loop.body")
        step_block, end = self.new_block("loop.step"), self.new_block("loop.end")
        b.branch(head if test_first else body_block)
        b.position_at_end(head)
        if cond is not None:
            self.debug.set_location(b, cond.coord)
            test = b.cbranch(self.condition(cond), body_block, end)
        else:
            test = b.branch(body_block)
        b.position_at_end(body_block)
        self.breaks.append((end, self.live))
        self.continues.append((step_block, self.live))
        self.stmt(body)
        self.breaks.pop()
        self.continues.pop()
        self.branch_if_open(step_block)
        b.position_at_end(step_block)
        if step is not None:
            self.debug.set_location(b, step.coord)
            self.expr(step)
        back = b.branch(head)
        (back if test_first else test).set_metadata("llvm.loop", self.loop_id())  # the latch
        b.position_at_end(end)

    def loop_id(self) -> LoopID:
        align = self.module.add_metadata([ir.MetaDataString(self.module, "llvm.loop.align"),
                                          ir.Constant(ir.IntType(32), LOOP_ALIGNMENT)])
        return LoopID(self.module, [align])

    def s_While(self, node: c_ast.While) -> None:
        self.loop(node.cond, node.stmt, None, True)

    def s_DoWhile(self, node: c_ast.DoWhile) -> None:
        self.loop(node.cond, node.stmt, None, False)

    def s_For(self, node: c_ast.For) -> None:
        self.scopes.push()
        live = self.live
        if node.init is not None:
            self.stmt(node.init)
        self.loop(node.cond, node.stmt, node.next, True)
        self.end_scope(live)
        self.scopes.pop()

    def s_Break(self, node: c_ast.Break) -> None:
        if not self.breaks:
            raise CompileFailure("'break' statement not in loop or switch statement", node.coord)
        target, live = self.breaks[-1]
        self.leave(live)
        self.builder.branch(target)

    def s_Continue(self, node: c_ast.Continue) -> None:
        if not self.continues:
            raise CompileFailure("'continue' statement not in loop statement", node.coord)
        target, live = self.continues[-1]
        self.leave(live)
        self.builder.branch(target)

    def s_Switch(self, node: c_ast.Switch) -> None:
        b = self.builder
        v = self.expr(node.cond)
        if not v.type.is_integer():
            raise CompileFailure(f"statement requires expression of integer type ('{v.type}' "
                                 "invalid)", node.cond.coord)
        v = self.convert(v, T.promote(v.type))
        end = self.new_block("switch.end")
        labels = _case_labels(node.stmt, [])
        default = end
        blocks = {}
        seen = {}
        ranges = []          # (low, high, block) of GNU case ranges too long to list
        for label in labels:
            block = self.new_block("switch.case")
            blocks[id(label)] = block
            if isinstance(label, c_ast.Default):
                if default is not end:
                    raise CompileFailure("multiple default labels in one switch", label.coord)
                default = block
                continue
            low, high = self._case_values(label.expr, v.type)
            for other in ranges:
                if low <= other[1] and other[0] <= high:
                    raise CompileFailure(f"duplicate case value '{max(low, other[0])}'",
                                         label.expr.coord)
            if high - low >= _LISTED_CASES:
                ranges.append((low, high, block))
                clash = next((k for k in seen if low <= k <= high), None)
            else:
                clash = next((k for k in range(low, high + 1) if k in seen), None)
                seen.update({k: block for k in range(low, high + 1)})
            if clash is not None:
                raise CompileFailure(f"duplicate case value '{clash}'", label.expr.coord)
        switch = b.switch(v.ir, self._range_tests(v, ranges, default) if ranges else default)
        for value, block in seen.items():
            switch.add_case(ir.Constant(v.ir.type, value), block)
        self.switch_blocks.append(blocks)
        self.switch_scopes.append(self.live)
        self.breaks.append((end, self.live))
        b.position_at_end(self.new_block("switch.body"))
        self.stmt(node.stmt)
        self.branch_if_open(end)
        self.breaks.pop()
        self.switch_blocks.pop()
        self.switch_scopes.pop()
        b.position_at_end(end)

    def _case_values(self, expr: c_ast.Node, t: T.CType) -> tuple:
        """(low, high) of a case label, both converted to the promoted switch type."""
        if isinstance(expr, Range):
            low = wrap(self.consts.integer(expr.lo, "case label"), t)
            high = wrap(self.consts.integer(expr.hi, "case label"), t)
            if low > high:
                raise CompileFailure("empty case range", expr.coord)
            return low, high
        value = wrap(self.consts.integer(expr, "case label"), t)
        return value, value

    def _range_tests(self, v: object, ranges: list, default: ir.Block) -> ir.Block:
        """Blocks testing ``low <= v <= high`` for each long case range, in turn, before
        ``default``: where the switch's own default goes."""
        b = self.builder
        here = b.block
        first = self.new_block("switch.ranges")
        b.position_at_end(first)
        for low, high, block in ranges:
            offset = b.sub(v.ir, ir.Constant(v.ir.type, low))
            inside = b.icmp_unsigned("<=", offset, ir.Constant(v.ir.type, high - low))
            nxt = self.new_block("switch.ranges")
            b.cbranch(inside, block, nxt)
            b.position_at_end(nxt)
        b.branch(default)
        b.position_at_end(here)
        return first

    def _case_body(self, node: c_ast.Node) -> None:
        if not self.switch_blocks or id(node) not in self.switch_blocks[-1]:
            what = "case" if isinstance(node, c_ast.Case) else "default"
            raise CompileFailure(f"'{what}' statement not in switch statement", node.coord)
        block = self.switch_blocks[-1][id(node)]
        entered = self.entered(self.switch_scopes[-1], self.live)
        if entered is not None:
            raise CompileFailure(f"switch jumps into the scope of {entered.what}", node.coord)
        self.branch_if_open(block)
        self.builder.position_at_end(block)
        for s in node.stmts or []:
            self.stmt(s)

    def s_Case(self, node: c_ast.Case) -> None:
        self._case_body(node)

    def s_Default(self, node: c_ast.Default) -> None:
        self._case_body(node)

    def s_Label(self, node: c_ast.Label) -> None:
        block = self.label_block(node.name)
        if block in self.defined_labels:
            raise CompileFailure(f"redefinition of label '{node.name}'", node.coord)
        self.defined_labels.add(block)
        self.label_scopes[node.name] = self.live
        if isinstance(node.stmt, (c_ast.Decl, c_ast.DeclList, c_ast.Typedef)):
            raise CompileFailure("a label can only be part of a statement and a declaration is "
                                 "not a statement", node.stmt.coord)
        self.branch_if_open(block)
        self.builder.position_at_end(block)
        if node.stmt is not None:
            self.stmt(node.stmt)

    def s_Goto(self, node: c_ast.Goto) -> None:
        self.goto_uses.setdefault(node.name, node.coord)
        self.goto(node.name, node.coord)

    def label_block(self, name: str) -> ir.Block:
        if name not in self.labels:
            self.labels[name] = self.new_block(f"label.{name}")
        return self.labels[name]

    def s_Return(self, node: c_ast.Return) -> None:
        ret = self.fn_type.ret
        v = None
        if node.expr is None:
            if not ret.is_void():
                raise CompileFailure(f"non-void function '{self.fn_name}' should return a value",
                                     node.coord)
        elif ret.is_void():
            if not self.expr(node.expr).type.is_void():
                raise CompileFailure(f"void function '{self.fn_name}' should not return a value",
                                     node.coord)
        else:
            v = self.expr(node.expr)
            self.check_assignable(ret, v, node.expr.coord, "return")
            v = self.kept_past(self.convert(v, ret, node.expr.coord), ())
        self.leave(())      # the value is taken before the cleanups run, as in gcc
        self.return_value(v)
