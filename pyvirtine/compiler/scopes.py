"""What leaving a scope does. A local variable's scope runs from its declaration to the
end of its block, and every way out of it (the block's end, ``break``, ``continue``,
``return``, ``goto``) gives back a variable-length array's stack space and calls the
function ``__attribute__((cleanup(fn)))`` names with the variable's address, innermost
first, as gcc does.

``self.live`` holds the declarations in scope that leaving must undo, outermost first.
A jump from one point to another leaves the entries of the first that the second does
not share; it may not enter one (the array's length or the variable's initialization
would be skipped, and its cleanup would still run)."""
from __future__ import annotations

from typing import Optional

import llvmlite.ir as ir
from pycparser import c_ast

from . import c_types as T
from .abi import TypedPointer, plan_call, vararg_type
from .attributes import arguments, find
from .diagnostics import CompileFailure
from .expressions import I8, PTR, Value

IGNORED_CLEANUP = "'cleanup' attribute ignored [-Wattributes]"


class VlaEntry:
    """A variable-length array: ``save`` is the stack pointer from before its space."""
    what = "a variable-length array"

    def __init__(self, save: ir.Value) -> None:
        self.save = save


class CleanupEntry:
    """A variable with ``cleanup(fn)``: the call of ``fn``, its argument (the variable's
    address, converted where the declaration is, which every exit follows)."""
    what = "a variable with __attribute__((cleanup))"

    def __init__(self, callee: ir.Value, signature: ir.FunctionType, plan: object,
                 arg: Value, ret: T.CType) -> None:
        self.callee, self.signature, self.plan, self.arg, self.ret = (
            callee, signature, plan, arg, ret)


class ScopeGen:
    """Mixin of the code generator."""

    def vla_alloca(self, t: T.ArrayType, name: str) -> ir.Value:
        """Stack space for a variable-length array, given back when its scope is left.

        The space is taken and given back as gcc does, at run time, each time the
        declaration is reached, and its address is observable (the program may compare
        the arrays of two rounds of a loop). LLVM would otherwise, where the length
        turns out constant, make the array a fixed slot of the frame (one per unrolled
        round) and, where the address is only compared, fold the comparison to "not
        equal". Two empty asms, which cost nothing, hide the length and let the address
        escape."""
        b = self.builder
        save = b.call(self.intrinsic("llvm.stacksave.p0", PTR, []), [])
        i64 = ir.IntType(64)
        size = b.mul(t.count, ir.Constant(i64, t.elem.size))
        size = b.asm(ir.FunctionType(i64, [i64]), "", "=r,0", [size], False)
        slot = b.alloca(I8, size=size, name=name)
        slot.align = max(16, t.elem.align)
        slot.type = TypedPointer(I8)
        b.asm(ir.FunctionType(ir.VoidType(), [PTR]), "", "r", [slot], True)
        self.live += (VlaEntry(save),)
        return slot

    def declare_cleanup(self, attribute: c_ast.Attribute, slot: ir.Value,
                        t: T.CType) -> None:
        """``cleanup(fn)`` on a local variable: ``fn(&var)`` when its scope is left."""
        args = arguments(attribute)
        if len(args) != 1 or not isinstance(args[0], c_ast.ID):
            raise CompileFailure("cleanup argument not an identifier", attribute.coord)
        name = args[0].name
        sym = self.scopes.lookup(name)
        if sym is None or sym.kind != "func":
            raise CompileFailure("cleanup argument not a function", attribute.coord)
        ft = sym.type
        arg = Value(slot, T.PointerType(t))
        if ft.prototyped:
            if len(ft.params) != 1:
                which = "few" if not ft.params else "many"
                raise CompileFailure(f"too {which} arguments to function '{name}' (a cleanup "
                                     "function takes the variable's address)", attribute.coord)
            self.check_assignable(ft.params[0], arg, attribute.coord,
                                  f"passing argument 1 of '{name}'")
            arg = self.convert(arg, ft.params[0], attribute.coord)
        else:
            arg = self.convert(arg, vararg_type(arg.type), attribute.coord)
        fixed = ft.params if ft.prototyped else [arg.type]
        signature = plan_call(ft.ret, fixed, ft.variadic and ft.prototyped).llvm_type
        self.live += (CleanupEntry(self.symbol_address(sym, name), signature,
                                   plan_call(ft.ret, [arg.type], False), arg, ft.ret),)

    def ignore_cleanup(self, attributes: list) -> None:
        """gcc's warning for ``cleanup`` where there is no scope to leave."""
        a = find(attributes, "cleanup")
        if a is not None:
            self.warn(IGNORED_CLEANUP, a.coord)

    def leave(self, outer: tuple, inner: Optional[tuple] = None) -> None:
        """The code for leaving the entries of ``inner`` (by default those in scope
        here) that ``outer``, a prefix of it, does not hold."""
        inner = self.live if inner is None else inner
        restore = None
        for entry in reversed(inner[len(outer):]):
            if isinstance(entry, VlaEntry):
                restore = entry.save    # only the outermost of adjacent arrays matters
                continue
            self._restore_stack(restore)
            restore = None
            self.emit_call(entry.callee, entry.signature, entry.plan, [entry.arg], entry.ret)
        self._restore_stack(restore)

    def _restore_stack(self, save: Optional[ir.Value]) -> None:
        if save is not None:
            self.builder.call(self.intrinsic("llvm.stackrestore.p0", ir.VoidType(), [PTR]),
                              [save])

    def end_scope(self, outer: tuple) -> None:
        """The end of a block whose entries are those beyond ``outer``."""
        if not self.builder.block.is_terminated:
            self.leave(outer)
        self.live = outer

    def kept_past(self, v: Value, outer: tuple) -> Value:
        """``v``, the value of a ``return`` or statement expression, as it is before the
        cleanups down to ``outer`` run: a struct is copied (a cleanup may change it)."""
        if not isinstance(v.type, T.StructType) or \
                not any(isinstance(e, CleanupEntry) for e in self.live[len(outer):]):
            return v
        copy = self.local_alloca(v.type, "result")
        self.memcpy(copy, v.ir, v.type.size, v.type.align)
        return Value(copy, v.type)

    @staticmethod
    def entered(start: tuple, target: tuple) -> Optional[object]:
        """The first entry that going from ``start`` to ``target`` enters, if any."""
        common = 0
        while common < min(len(start), len(target)) and start[common] is target[common]:
            common += 1
        return target[common] if common < len(target) else None

    def goto(self, name: str, coord: object) -> None:
        """A ``goto``: to the label's block, through a block that leaves the scopes
        between them once the label's scope is known (``finish_gotos``)."""
        target = self.label_block(name)
        if self.live:
            target = self.new_block(f"goto.{name}")
        self.jumps.append((name, self.live, coord, target))
        self.builder.branch(target)

    def finish_gotos(self) -> None:
        for name, live, coord, exit_block in self.jumps:
            label_live = self.label_scopes[name]
            entered = self.entered(live, label_live)
            if entered is not None:
                raise CompileFailure(f"jump to label '{name}' enters the scope of "
                                     f"{entered.what}", coord)
            if live:
                self.builder.position_at_end(exit_block)
                self.debug.set_location(self.builder, coord)
                self.leave(label_live, live)
                self.builder.branch(self.label_block(name))
