"""Code for the GNU (and C11) expression and statement forms that are not plain C99:
statement expressions, ``_Generic``, labels as values with computed ``goto``, and
statements that carry attributes (``__attribute__((fallthrough));``)."""
from __future__ import annotations

import llvmlite.ir as ir
from pycparser import c_ast

from . import c_types as T
from .diagnostics import CompileFailure
from .expressions import PTR, LValue, Value
from .gnu_parser import ComputedGoto, LabelAddress
from .sema import generic_choice


class GnuGen:
    """Mixin of the code generator."""

    # -- ({ ... }) ----------------------------------------------------------------

    def e_Compound(self, node: c_ast.Compound) -> Value:
        """A statement expression: its value is that of its last statement, if that is
        an expression (else it is void), after the statements before it ran."""
        if self.fn_name is None:
            raise CompileFailure("statement expression not allowed outside a function",
                                 node.coord)
        items = list(node.block_items or [])
        last = items.pop() if items and self.is_expression(items[-1]) else None
        self.scopes.push()
        live = self.live
        for item in items:
            self.stmt(item)
        result = Value(None, T.VOID)
        if last is not None:
            if self.builder.block.is_terminated:
                self.builder.position_at_end(self.new_block("dead"))
            self.debug.set_location(self.builder, last.coord)
            result = self.kept_past(self.expr(last), live)
        self.end_scope(live)
        if self.builder.block.is_terminated:
            # It ended in a jump (``({ goto out; })``): the expression around it goes on
            # in a block nothing reaches, as statements after a jump do.
            self.builder.position_at_end(self.new_block("dead"))
        self.scopes.pop()
        return result

    def is_expression(self, node: c_ast.Node) -> bool:
        return not hasattr(self, "s_" + type(node).__name__)

    # -- _Generic -----------------------------------------------------------------

    def _chosen(self, node: c_ast.GenericSelection) -> c_ast.Node:
        return generic_choice(node, self.resolve_type, self.type_of)

    def e_GenericSelection(self, node: c_ast.GenericSelection) -> Value:
        return self.expr(self._chosen(node))

    def lv_GenericSelection(self, node: c_ast.GenericSelection) -> LValue:
        return self.lvalue(self._chosen(node))

    # -- labels as values ---------------------------------------------------------

    def e_LabelAddress(self, node: LabelAddress) -> Value:
        if self.fn_name is None:
            raise CompileFailure("label address outside a function", node.coord)
        return Value(self.block_address(node), T.PointerType(T.VOID))

    def block_address(self, node: LabelAddress) -> ir.Value:
        """``&&label``: the label becomes a possible target of every computed goto."""
        self.goto_uses.setdefault(node.name, node.coord)
        block = self.label_block(node.name)
        self.address_taken.append(block)
        address = ir.BlockAddress(self.builder.function, block)
        address.type = PTR
        return address

    def s_ComputedGoto(self, node: ComputedGoto) -> None:
        target = self.expr(node.expr)
        if not target.type.is_pointer():
            raise CompileFailure(f"computed goto needs a pointer, not '{target.type}'",
                                 node.expr.coord)
        self.computed_gotos.append(self.builder.branch_indirect(target.ir))

    def finish_computed_gotos(self) -> None:
        """Every computed goto may reach every label whose address the function took."""
        targets = list(dict.fromkeys(self.address_taken))
        for branch in self.computed_gotos:
            for block in targets:
                branch.add_destination(block)

    # -- attributes on statements ---------------------------------------------------

    def s_AttributeDeclaration(self, node: c_ast.AttributeDeclaration) -> None:
        pass    # ``__attribute__((fallthrough));`` and kin: hints only

    def s_AttributedStatement(self, node: c_ast.AttributedStatement) -> None:
        self.stmt(node.stmt)
