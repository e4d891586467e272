"""gcc's atomic builtins, lowered to LLVM atomic instructions: the legacy ``__sync_*``
family (always sequentially consistent) and the C++11-model ``__atomic_*`` family with
its memory-order arguments.

Every operation works on the operand's bytes as an integer of the same width, so
pointers and (for the generic ``__atomic_load`` and kin) structs of 1, 2, 4 or 8 bytes
go through the same instructions. Arithmetic on a pointer operand is in bytes, not
scaled by the element size, as gcc documents."""
from __future__ import annotations

import re
from typing import Optional

import llvmlite.ir as ir
from pycparser import c_ast

from . import c_types as T
from .diagnostics import CompileFailure
from .expressions import I8, Value

_LOCK_FREE_SIZES = (1, 2, 4, 8)
# gcc's __ATOMIC_* values; consume is treated as acquire, as gcc does
_ORDERINGS = {0: "monotonic", 1: "acquire", 2: "acquire", 3: "release", 4: "acq_rel",
              5: "seq_cst"}
# what a load, a store or a compare-exchange failure may not use: gcc then uses seq_cst
_INVALID = {"load": ("release", "acq_rel"), "store": ("acquire", "acq_rel"),
            "failure": ("release", "acq_rel")}
_RMW_OPS = {"add": "add", "sub": "sub", "or": "or", "and": "and", "xor": "xor",
            "nand": "nand"}
_SYNC_FETCH = re.compile(r"__sync_fetch_and_(add|sub|or|and|xor|nand)")
_SYNC_OP_FETCH = re.compile(r"__sync_(add|sub|or|and|xor|nand)_and_fetch")
_ATOMIC_FETCH = re.compile(r"__atomic_fetch_(add|sub|or|and|xor|nand)")
_ATOMIC_OP_FETCH = re.compile(r"__atomic_(add|sub|or|and|xor|nand)_fetch")


class AtomicGen:
    """Mixin of the code generator: ``__sync_*`` and ``__atomic_*`` calls."""

    def atomic_builtin(self, name: str, args: list, node: c_ast.FuncCall) -> Value:
        for pattern, fetch_first, ordered in ((_SYNC_FETCH, True, False),
                                              (_SYNC_OP_FETCH, False, False),
                                              (_ATOMIC_FETCH, True, True),
                                              (_ATOMIC_OP_FETCH, False, True)):
            m = pattern.fullmatch(name)
            if m:
                return self._rmw(name, m.group(1), fetch_first, ordered, args, node)
        method = getattr(self, "a" + name, None)
        if method is None:
            raise CompileFailure(f"implicit declaration of function '{name}' "
                                 "(declare it or include its header)", node.name.coord)
        return method(name, args, node)

    # -- operands ------------------------------------------------------------------

    def _order(self, arg: c_ast.Node, use: Optional[str] = None) -> str:
        """The LLVM ordering of a memory-order argument; a non-constant or invalid one
        is seq_cst, as gcc makes it."""
        try:
            value = self.consts.integer(arg, "memory order")
        except CompileFailure:
            self.expr(arg)
            return "seq_cst"
        ordering = _ORDERINGS.get(value & 0xffff, "seq_cst")   # high bits: HLE hints
        return "seq_cst" if use and ordering in _INVALID[use] else ordering

    def _object(self, name: str, arg: c_ast.Node, *, integral: bool = True,
                writes: bool = True) -> tuple:
        """(pointer, pointee type, integer type of its width) of an atomic operand."""
        p = self.expr(arg)
        if not p.type.is_pointer() or p.type.target.is_void() and integral:
            raise CompileFailure(f"argument 1 of '{name}' must be a non-void pointer type",
                                 arg.coord)
        t = p.type.target
        if writes and p.type.const:
            raise CompileFailure(f"argument 1 of '{name}' must be a pointer to a non-const "
                                 "type", arg.coord)
        if integral and not (t.is_integer() or t.is_pointer()):
            raise CompileFailure(f"operand type '{p.type}' is incompatible with argument 1 "
                                 f"of '{name}'", arg.coord)
        size = t.size if t.is_complete() else 0
        if size not in _LOCK_FREE_SIZES:
            raise CompileFailure(f"operand of '{name}' has size {size}; only 1, 2, 4 and 8 "
                                 "byte atomics are supported", arg.coord)
        return p.ir, t, ir.IntType(size * 8)

    def _bits(self, v: Value, t: T.CType, it: ir.IntType, coord: object) -> ir.Value:
        """``v`` converted to the operand type ``t``, as an integer of its width."""
        if t.is_pointer():
            v = self.convert(v, T.LONG, coord)      # bytes, not elements
            return v.ir
        raw = self.convert(v, t, coord).ir
        return self.builder.zext(raw, it) if raw.type.width < it.width else raw

    def _typed(self, raw: ir.Value, t: T.CType) -> Value:
        """An integer of the operand's width back as a value of type ``t``."""
        if t.is_pointer():
            return Value(self.builder.inttoptr(raw, T.llvm_type(t)), t)
        lt = T.llvm_type(t)
        if lt.width < raw.type.width:
            raw = self.builder.trunc(raw, lt)
        return Value(raw, t)

    def _store_atomic(self, value: ir.Value, ptr: ir.Value, ordering: str,
                      align: int) -> None:
        # llvmlite's store_atomic insists on a typed pointer; ours are opaque
        self.builder._insert(ir.instructions.StoreAtomicInstr(self.builder.block, value, ptr,
                                                              ordering, align))

    def _load_bits(self, ptr: ir.Value, it: ir.IntType) -> ir.Value:
        return self.builder.load(ptr, typ=it, align=it.width // 8)

    # -- read-modify-write ---------------------------------------------------------

    def _rmw(self, name: str, op: str, fetch_first: bool, ordered: bool, args: list,
             node: c_ast.FuncCall) -> Value:
        if ordered or len(args) < 2:
            self.builtin_args(name, args, 3 if ordered else 2, node)
        ptr, t, it = self._object(name, args[0])
        if t.is_integer() and t.is_bool:
            raise CompileFailure(f"operand type '_Bool *' is incompatible with argument 1 "
                                 f"of '{name}'", args[0].coord)
        val = self._bits(self.expr(args[1]), t, it, args[1].coord)
        ordering = self._order(args[2]) if ordered else "seq_cst"
        b = self.builder
        old = b.atomic_rmw(_RMW_OPS[op], ptr, val, ordering)
        if fetch_first:
            return self._typed(old, t)
        if op == "nand":
            new = b.not_(b.and_(old, val))
        else:
            new = {"add": b.add, "sub": b.sub, "or": b.or_, "and": b.and_,
                   "xor": b.xor}[op](old, val)
        return self._typed(new, t)

    def _cmpxchg(self, ptr: ir.Value, expected: ir.Value, desired: ir.Value,
                 success: str, failure: str) -> tuple:
        pair = self.builder.cmpxchg(ptr, expected, desired, success, failure)
        return self.builder.extract_value(pair, 0), self.builder.extract_value(pair, 1)

    def a__sync_bool_compare_and_swap(self, name: str, args: list,
                                      node: c_ast.FuncCall) -> Value:
        return self._sync_cas(name, args, node, want_bool=True)

    def a__sync_val_compare_and_swap(self, name: str, args: list,
                                     node: c_ast.FuncCall) -> Value:
        return self._sync_cas(name, args, node, want_bool=False)

    def _sync_cas(self, name: str, args: list, node: c_ast.FuncCall,
                  want_bool: bool) -> Value:
        if len(args) < 3:
            self.builtin_args(name, args, 3, node)
        ptr, t, it = self._object(name, args[0])
        old = self._bits(self.expr(args[1]), t, it, args[1].coord)
        new = self._bits(self.expr(args[2]), t, it, args[2].coord)
        seen, ok = self._cmpxchg(ptr, old, new, "seq_cst", "seq_cst")
        if want_bool:
            return Value(self.builder.zext(ok, T.llvm_type(T.BOOL)), T.BOOL)
        return self._typed(seen, t)

    def a__sync_lock_test_and_set(self, name: str, args: list,
                                  node: c_ast.FuncCall) -> Value:
        if len(args) < 2:
            self.builtin_args(name, args, 2, node)
        ptr, t, it = self._object(name, args[0])
        val = self._bits(self.expr(args[1]), t, it, args[1].coord)
        return self._typed(self.builder.atomic_rmw("xchg", ptr, val, "acquire"), t)

    def a__sync_lock_release(self, name: str, args: list, node: c_ast.FuncCall) -> Value:
        if not args:
            self.builtin_args(name, args, 1, node)
        ptr, t, it = self._object(name, args[0])
        self._store_atomic(ir.Constant(it, 0), ptr, "release", it.width // 8)
        return Value(None, T.VOID)

    def a__sync_synchronize(self, name: str, args: list, node: c_ast.FuncCall) -> Value:
        self.builtin_args(name, args, 0, node)
        self.builder.fence("seq_cst")
        return Value(None, T.VOID)

    # -- the C++11 model: values -----------------------------------------------------

    def a__atomic_load_n(self, name: str, args: list, node: c_ast.FuncCall) -> Value:
        self.builtin_args(name, args, 2, node)
        ptr, t, it = self._object(name, args[0], writes=False)
        ordering = self._order(args[1], "load")
        return self._typed(self.builder.load_atomic(ptr, ordering, it.width // 8, typ=it), t)

    def a__atomic_store_n(self, name: str, args: list, node: c_ast.FuncCall) -> Value:
        self.builtin_args(name, args, 3, node)
        ptr, t, it = self._object(name, args[0])
        val = self._bits(self.expr(args[1]), t, it, args[1].coord)
        self._store_atomic(val, ptr, self._order(args[2], "store"), it.width // 8)
        return Value(None, T.VOID)

    def a__atomic_exchange_n(self, name: str, args: list, node: c_ast.FuncCall) -> Value:
        self.builtin_args(name, args, 3, node)
        ptr, t, it = self._object(name, args[0])
        val = self._bits(self.expr(args[1]), t, it, args[1].coord)
        return self._typed(self.builder.atomic_rmw("xchg", ptr, val, self._order(args[2])),
                           t)

    def a__atomic_compare_exchange_n(self, name: str, args: list,
                                     node: c_ast.FuncCall) -> Value:
        self.builtin_args(name, args, 6, node)
        ptr, t, it = self._object(name, args[0])
        expected = self._expected_pointer(name, args[1])
        desired = self._bits(self.expr(args[2]), t, it, args[2].coord)
        return self._compare_exchange(ptr, expected, desired, it, args[3:], node)

    def _expected_pointer(self, name: str, arg: c_ast.Node) -> ir.Value:
        p = self.expr(arg)
        if not p.type.is_pointer():
            raise CompileFailure(f"argument 2 of '{name}' must be a pointer type", arg.coord)
        return p.ir

    def _compare_exchange(self, ptr: ir.Value, expected_ptr: ir.Value,
                          desired: ir.Value, it: ir.IntType, rest: list,
                          node: c_ast.FuncCall) -> Value:
        """Compare ``*ptr`` with ``*expected_ptr``; on failure ``*expected_ptr`` gets what
        was seen. ``rest`` is (weak, success order, failure order)."""
        self.expr(rest[0])      # weak: a strong exchange is a valid weak one
        success = self._order(rest[1])
        failure = self._order(rest[2], "failure")
        b = self.builder
        expected = self._load_bits(expected_ptr, it)
        seen, ok = self._cmpxchg(ptr, expected, desired, success, failure)
        with b.if_then(b.not_(ok)):
            b.store(seen, expected_ptr, align=it.width // 8)
        return Value(b.zext(ok, T.llvm_type(T.BOOL)), T.BOOL)

    # -- the C++11 model: generic, through pointers ------------------------------------

    def _generic(self, name: str, args: list, count: int, pointers: int,
                 node: c_ast.FuncCall, writes: bool = True) -> tuple:
        """The object operand and the ``pointers`` pointer arguments after it, each to
        an object of the same size."""
        self.builtin_args(name, args, count, node)
        ptr, t, it = self._object(name, args[0], integral=False, writes=writes)
        others = []
        for i, a in enumerate(args[1:1 + pointers], start=2):
            p = self.expr(a)
            if not p.type.is_pointer():
                raise CompileFailure(f"argument {i} of '{name}' must be a pointer type",
                                     a.coord)
            target = p.type.target
            if target.is_complete() and not target.is_void() and target.size != t.size:
                raise CompileFailure(f"size mismatch in argument {i} of '{name}'", a.coord)
            others.append(p.ir)
        return ptr, it, others

    def a__atomic_load(self, name: str, args: list, node: c_ast.FuncCall) -> Value:
        ptr, it, (ret,) = self._generic(name, args, 3, 1, node, writes=False)
        value = self.builder.load_atomic(ptr, self._order(args[2], "load"), it.width // 8,
                                         typ=it)
        self.builder.store(value, ret, align=1)
        return Value(None, T.VOID)

    def a__atomic_store(self, name: str, args: list, node: c_ast.FuncCall) -> Value:
        ptr, it, (src,) = self._generic(name, args, 3, 1, node)
        value = self.builder.load(src, typ=it, align=1)
        self._store_atomic(value, ptr, self._order(args[2], "store"), it.width // 8)
        return Value(None, T.VOID)

    def a__atomic_exchange(self, name: str, args: list, node: c_ast.FuncCall) -> Value:
        ptr, it, (src, ret) = self._generic(name, args, 4, 2, node)
        value = self.builder.load(src, typ=it, align=1)
        old = self.builder.atomic_rmw("xchg", ptr, value, self._order(args[3]))
        self.builder.store(old, ret, align=1)
        return Value(None, T.VOID)

    def a__atomic_compare_exchange(self, name: str, args: list,
                                   node: c_ast.FuncCall) -> Value:
        ptr, it, (expected, desired_ptr) = self._generic(name, args, 6, 2, node)
        desired = self.builder.load(desired_ptr, typ=it, align=1)
        return self._compare_exchange(ptr, expected, desired, it, args[3:], node)

    # -- flags, fences, queries --------------------------------------------------------

    def a__atomic_test_and_set(self, name: str, args: list, node: c_ast.FuncCall) -> Value:
        self.builtin_args(name, args, 2, node)
        ptr = self._flag(name, args[0])
        old = self.builder.atomic_rmw("xchg", ptr, ir.Constant(I8, 1), self._order(args[1]))
        set_ = self.builder.icmp_unsigned("!=", old, ir.Constant(I8, 0))
        return Value(self.builder.zext(set_, T.llvm_type(T.BOOL)), T.BOOL)

    def a__atomic_clear(self, name: str, args: list, node: c_ast.FuncCall) -> Value:
        self.builtin_args(name, args, 2, node)
        ptr = self._flag(name, args[0])
        self._store_atomic(ir.Constant(I8, 0), ptr, self._order(args[1], "store"), 1)
        return Value(None, T.VOID)

    def _flag(self, name: str, arg: c_ast.Node) -> ir.Value:
        p = self.expr(arg)
        if not p.type.is_pointer():
            raise CompileFailure(f"argument 1 of '{name}' must be a pointer type", arg.coord)
        if p.type.const:
            raise CompileFailure(f"argument 1 of '{name}' must be a pointer to a non-const "
                                 "type", arg.coord)
        return p.ir

    def a__atomic_thread_fence(self, name: str, args: list, node: c_ast.FuncCall) -> Value:
        return self._fence(name, args, node, None)

    def a__atomic_signal_fence(self, name: str, args: list, node: c_ast.FuncCall) -> Value:
        return self._fence(name, args, node, "singlethread")

    def _fence(self, name: str, args: list, node: c_ast.FuncCall,
               scope: Optional[str]) -> Value:
        self.builtin_args(name, args, 1, node)
        ordering = self._order(args[0])
        if ordering != "monotonic":          # a relaxed fence orders nothing
            self.builder.fence(ordering, scope)
        return Value(None, T.VOID)

    def a__atomic_always_lock_free(self, name: str, args: list,
                                   node: c_ast.FuncCall) -> Value:
        return self._lock_free(name, args, node)

    def a__atomic_is_lock_free(self, name: str, args: list, node: c_ast.FuncCall) -> Value:
        return self._lock_free(name, args, node)

    def _lock_free(self, name: str, args: list, node: c_ast.FuncCall) -> Value:
        self.builtin_args(name, args, 2, node)
        size = self.consts.integer(args[0], f"size argument of '{name}'")
        self.expr(args[1])
        return Value(ir.Constant(T.llvm_type(T.BOOL), int(size in _LOCK_FREE_SIZES)),
                     T.BOOL)
