"""Initializers: an initializer (with braces, brace elision and designators) is
first flattened into leaves (byte offset, type, expression); locals then store
each leaf at run time, statics pack them into a constant byte image with
relocations for address constants."""
from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any, Optional

import llvmlite.ir as ir
from pycparser import c_ast

from . import c_types as T
from .diagnostics import CompileFailure
from .expressions import PTR, I8, LValue
from .gnu_parser import LabelAddress, Range
from .sema import convert_constant, string_literal_bytes


@dataclass
class Leaf:
    offset: int
    type: T.CType
    expr: c_ast.Node
    member: Optional[T.Member] = None


def _is_string(node: c_ast.Node) -> bool:
    return isinstance(node, c_ast.Constant) and node.type == "string"


def _char_array(t: T.CType, literal: c_ast.Constant) -> bool:
    """``t`` can be initialized by the string ``literal``: a wide one initializes a
    wchar_t array, a narrow one a char array."""
    if not (isinstance(t, T.ArrayType) and isinstance(t.elem, T.IntType)):
        return False
    return t.elem.size == (4 if literal.value[:1] in "LU" else 1)


def _pack_real(image: bytearray, off: int, t: T.FloatType, value: Any) -> None:
    if T.plain(t) is T.LDOUBLE:
        image[off:off + 10] = T.fp80_bits(value).to_bytes(10, "little")
    else:
        image[off:off + t.size] = struct.pack("<f" if t.size == 4 else "<d", value)


class InitializerGen:
    """Mixin of the code generator: local and static initialization."""

    # The object being flattened, and whether it is static: only a static struct's
    # own flexible array member may be initialized (a GNU extension).
    _flex_owner: tuple = (None, False)

    # -- flattening ---------------------------------------------------------------

    def flatten(self, t: T.CType, init: c_ast.Node, static: bool = False) -> list:
        leaves: list = []
        saved, self._flex_owner = self._flex_owner, (t, static)
        try:
            self._init_object(t, init, 0, leaves, None)
        finally:
            self._flex_owner = saved
        return leaves

    def initializer_length(self, t: T.ArrayType, init: c_ast.Node) -> int:
        """Element count of ``T x[] = init``."""
        if _is_string(init) and _char_array(t, init):
            return len(string_literal_bytes(init.value, init.coord)[0]) + 1
        if not isinstance(init, c_ast.InitList):
            raise CompileFailure("array initializer must be an initializer list", init.coord)
        saved, self._flex_owner = self._flex_owner, (t, False)
        try:
            self._fill(t, list(init.exprs), 0, 0, [], braced=True)
        finally:
            self._flex_owner = saved
        return self._extent

    def _check_flexible(self, t: T.StructType, m: T.Member, offset: int,
                        item: c_ast.Node) -> None:
        """gcc's rule for initializing flexible array member ``m`` of ``t``."""
        if not (isinstance(m.type, T.ArrayType) and m.type.flexible):
            return
        owner, static = self._flex_owner
        if t is not owner or offset != 0:
            raise CompileFailure("initialization of flexible array member in a nested "
                                 "context", item.coord)
        if not static:
            raise CompileFailure("non-static initialization of a flexible array member",
                                 item.coord)

    def _init_object(self, t: T.CType, node: c_ast.Node, offset: int, leaves: list,
                     member: Optional[T.Member]) -> None:
        if isinstance(node, c_ast.InitList):
            if t.is_scalar():
                if node.exprs:
                    self._init_object(t, node.exprs[0], offset, leaves, member)
                    if len(node.exprs) > 1:
                        raise CompileFailure("excess elements in scalar initializer",
                                             node.exprs[1].coord)
                else:
                    leaves.append(Leaf(offset, t, c_ast.Constant("int", "0", node.coord), member))
                return
            items = list(node.exprs)
            pos = self._fill(t, items, 0, offset, leaves, braced=True)
            if pos < len(items):
                raise CompileFailure(f"excess elements in initializer of '{t}'", items[pos].coord)
            return
        if _is_string(node) and _char_array(t, node):
            if t.flexible:
                length = len(string_literal_bytes(node.value, node.coord)[0]) + 1
                t = T.ArrayType(t.elem, length)
            leaves.append(Leaf(offset, t, node))
            return
        if isinstance(t, T.ArrayType):
            raise CompileFailure(f"array '{t}' must be initialized with a brace-enclosed "
                                 "initializer", node.coord)
        leaves.append(Leaf(offset, t, node, member))

    def _init_element(self, t: T.CType, items: list, pos: int, offset: int, leaves: list,
                      member: Optional[T.Member]) -> int:
        """Initialize one sub-object from ``items[pos]``, eliding braces if needed."""
        item = items[pos]
        if isinstance(item, c_ast.InitList) or t.is_scalar() or \
                (_is_string(item) and _char_array(t, item)):
            self._init_object(t, item, offset, leaves, member)
            return pos + 1
        if isinstance(t, T.StructType) and T.same_type(self.type_of(item), t):
            leaves.append(Leaf(offset, t, item))
            return pos + 1
        return self._fill(t, items, pos, offset, leaves, braced=False)

    def _fill(self, t: T.CType, items: list, pos: int, offset: int, leaves: list,
              braced: bool, designated: bool = False) -> int:
        """Initialize aggregate ``t`` from ``items[pos:]``; return the next position.

        Without braces (elision, or the rest of a designator chain) a designator ends
        this sub-aggregate, except the one that led into it (``designated``)."""
        first = True
        if isinstance(t, T.ArrayType):
            index = extent = 0
            while pos < len(items):
                item = items[pos]
                if isinstance(item, c_ast.NamedInitializer):
                    if not braced and not (designated and first):
                        break
                    low, index = self._designator_range(item.name[0], t)
                    for i in range(low, index + 1):     # GNU ``[a ... b] = x``: each alike
                        work = list(items) if i < index else items
                        after = self._designated(t.elem, None, item, work, pos,
                                                 offset + i * t.elem.size, leaves)
                    pos = after
                else:
                    if t.length is not None and index >= t.length and not t.flexible:
                        if braced:
                            raise CompileFailure("excess elements in array initializer",
                                                 item.coord)
                        break
                    pos = self._init_element(t.elem, items, pos, offset + index * t.elem.size,
                                             leaves, None)
                first = False
                index += 1
                extent = max(extent, index)
            self._extent = extent
            return pos
        if not isinstance(t, T.StructType) or not t.complete:
            raise CompileFailure(f"cannot initialize incomplete type '{t}'",
                                 items[pos].coord if pos < len(items) else None)
        members = t.members
        index = 0
        while pos < len(items):
            item = items[pos]
            if isinstance(item, c_ast.NamedInitializer):
                if not braced and not (designated and first):
                    break
                name = item.name[0]
                if not isinstance(name, c_ast.ID):
                    raise CompileFailure(f"array designator used for '{t}'", name.coord)
                path = t.member(name.name)
                if path is None:
                    raise CompileFailure(f"field designator '{name.name}' does not refer to "
                                         f"any field in '{t}'", name.coord)
                index = members.index(path[0])
                if len(path) > 1:   # a member of an anonymous struct/union: enter it
                    pos = self._fill(path[0].type, items, pos, offset + path[0].offset, leaves,
                                     braced=False, designated=True)
                else:
                    m = path[0]
                    self._check_flexible(t, m, offset, item)
                    pos = self._designated(m.type, m if m.bit_width is not None else None,
                                           item, items, pos, offset + m.offset, leaves)
            else:
                if index >= len(members) or (t.kind == "union" and index > 0):
                    if braced:
                        raise CompileFailure(f"excess elements in initializer of '{t}'",
                                             item.coord)
                    break
                m = members[index]
                self._check_flexible(t, m, offset, item)
                pos = self._init_element(m.type, items, pos, offset + m.offset, leaves,
                                         m if m.bit_width is not None else None)
            first = False
            index += 1
        return pos

    def _designated(self, t: T.CType, member: Optional[T.Member], item: c_ast.NamedInitializer,
                    items: list, pos: int, offset: int, leaves: list) -> int:
        """The sub-object ``item``'s first designator chose; later designators go deeper."""
        rest = item.name[1:]
        if rest:
            if not t.is_aggregate():
                raise CompileFailure(f"designator does not fit type '{t}'", rest[0].coord)
            items[pos] = c_ast.NamedInitializer(rest, item.expr, item.coord)
            return self._fill(t, items, pos, offset, leaves, braced=False, designated=True)
        items[pos] = item.expr
        return self._init_element(t, items, pos, offset, leaves, member)

    def _designator_range(self, d: c_ast.Node, t: T.ArrayType) -> tuple:
        """(first, last) element an array designator names (GNU ranges name several)."""
        if isinstance(d, c_ast.ID):
            raise CompileFailure(f"field designator '{d.name}' used for array '{t}'", d.coord)
        if isinstance(d, c_ast.ArrayDesignator):
            d = d.expr
        bounds = (d.lo, d.hi) if isinstance(d, Range) else (d, d)
        low, high = (self.consts.integer(e, "array designator") for e in bounds)
        for index, e in ((low, bounds[0]), (high, bounds[1])):
            if index < 0 or (t.length is not None and index >= t.length and not t.flexible):
                raise CompileFailure(f"array designator index ({index}) exceeds array bounds",
                                     e.coord)
        if low > high:
            raise CompileFailure("array designator range is empty", d.coord)
        return low, high

    # -- locals -------------------------------------------------------------------

    def initialize_local(self, ptr: ir.Value, t: T.CType, init: c_ast.Node, coord: object) -> None:
        if not isinstance(init, c_ast.InitList) and not t.is_aggregate():
            v = self.expr(init)
            self.check_assignable(t, v, init.coord, "initialization")
            self.store(LValue(ptr, t), v, init.coord)
            return
        if isinstance(t, T.StructType) and not isinstance(init, c_ast.InitList):
            v = self.expr(init)
            self.check_assignable(t, v, init.coord, "initialization")
            self.store(LValue(ptr, t), v, init.coord)
            return
        leaves = self.flatten(t, init)
        self.memset_zero(ptr, t.size)
        values: dict = {}   # a GNU range designator's one expression, evaluated once
        for leaf in leaves:
            dest = self.gep(ptr, leaf.offset)
            if _is_string(leaf.expr) and _char_array(leaf.type, leaf.expr):
                data, elem = string_literal_bytes(leaf.expr.value, leaf.expr.coord)
                size = min((len(data) + 1) * elem.size, leaf.type.size)
                self.memcpy(dest, self.string_global(data, elem), size, 1)
                continue
            if id(leaf.expr) not in values:
                values[id(leaf.expr)] = self.expr(leaf.expr)
            v = values[id(leaf.expr)]
            self.check_assignable(leaf.type, v, leaf.expr.coord, "initialization")
            self.store(LValue(dest, leaf.type, leaf.member), v, leaf.expr.coord)

    # -- statics ------------------------------------------------------------------

    def static_initializer(self, t: T.CType, init: Optional[c_ast.Node]) -> ir.Constant:
        """The constant image of a static object of type ``t``: longer than ``t`` when
        its flexible array member is initialized (leaves that are not bit-fields lie
        within their object otherwise)."""
        leaves = self.flatten(t, init, static=True) if init is not None else []
        size = max([t.size] + [leaf.offset + leaf.type.size for leaf in leaves
                               if leaf.member is None])
        image = bytearray(size)
        relocs: dict = {}
        for leaf in leaves:
            self._place_leaf(image, relocs, leaf)
        if not relocs:
            return ir.Constant(ir.ArrayType(I8, size), bytearray(image) if any(image) else None)
        parts = []
        start = 0
        for off in sorted(relocs):
            if off > start:
                parts.append(self._bytes_constant(image[start:off]))
            parts.append(relocs[off])
            start = off + 8
        if start < len(image):
            parts.append(self._bytes_constant(image[start:]))
        return ir.Constant(ir.LiteralStructType([p.type for p in parts], packed=True), parts)

    @staticmethod
    def _bytes_constant(data: bytes) -> ir.Constant:
        ty = ir.ArrayType(I8, len(data))
        return ir.Constant(ty, None if not any(data) else bytearray(data))

    def _place_leaf(self, image: bytearray, relocs: dict, leaf: Leaf) -> None:
        t, node, off = leaf.type, leaf.expr, leaf.offset
        if _is_string(node) and _char_array(t, node):
            data, elem = string_literal_bytes(node.value, node.coord)
            raw = b"".join(c.to_bytes(elem.size, "little", signed=False) for c in data + [0])
            raw = raw[:t.size]
            image[off:off + len(raw)] = raw
            return
        if isinstance(t, T.StructType):
            inner = node
            while isinstance(inner, c_ast.Cast):
                inner = inner.expr
            if not isinstance(inner, c_ast.CompoundLiteral):
                raise CompileFailure("initializer element is not a compile-time constant",
                                     node.coord)
            for sub in self.flatten(t, inner.init):
                sub.offset += off
                self._place_leaf(image, relocs, sub)
            return
        if t.is_pointer() or (t.is_integer() and t.size == 8 and self._looks_like_address(node)):
            target = self.address_constant(node)
            if isinstance(target, int):
                image[off:off + 8] = (target & (2 ** 64 - 1)).to_bytes(8, "little")
            else:
                relocs[off] = target
            return
        try:
            value, vt = self.consts.eval(node)
        except CompileFailure as failure:
            raise CompileFailure("initializer element is not a compile-time constant "
                                 f"({failure.message})", failure.coord) from None
        value = convert_constant(value, vt, t, node.coord)
        if t.is_complex():
            for i, part in enumerate(value):
                _pack_real(image, off + i * t.real.size, t.real, part)
        elif isinstance(t, T.FloatType):
            _pack_real(image, off, t, value)
        elif leaf.member is not None:
            m = leaf.member
            unit = int.from_bytes(image[off:off + m.unit_bytes], "little")
            mask = ((1 << m.bit_width) - 1) << m.bit_offset
            unit = (unit & ~mask) | ((value << m.bit_offset) & mask)
            image[off:off + m.unit_bytes] = unit.to_bytes(m.unit_bytes, "little")
        else:
            image[off:off + t.size] = (value & ((1 << (8 * t.size)) - 1)).to_bytes(t.size, "little")

    def _looks_like_address(self, node: c_ast.Node) -> bool:
        while isinstance(node, c_ast.Cast):
            node = node.expr
        return isinstance(node, c_ast.UnaryOp) and node.op == "&"

    def address_constant(self, node: c_ast.Node) -> Any:
        """An integer, or an LLVM constant pointer (global plus byte offset)."""
        if isinstance(node, c_ast.Cast):
            return self.address_constant(node.expr)
        if _is_string(node):
            data, elem = string_literal_bytes(node.value, node.coord)
            return self.string_global(data, elem)
        if isinstance(node, c_ast.ID):
            sym = self.scopes.lookup(node.name)
            if sym is not None and (sym.kind == "func" or isinstance(sym.type, T.ArrayType)):
                return self.symbol_address(sym, node.name)
        if isinstance(node, c_ast.UnaryOp) and node.op == "&":
            return self.lvalue_constant(node.expr)
        if isinstance(node, c_ast.BinaryOp) and node.op in ("+", "-"):
            left_t = T.decay(self.type_of(node.left))
            if left_t.is_pointer():
                base = self.address_constant(node.left)
                scale = max(left_t.target.size, 1)
                delta = self.consts.integer(node.right) * scale
                delta = -delta if node.op == "-" else delta
                return base + delta if isinstance(base, int) else self.offset_constant(base, delta)
            if node.op == "+":
                base = self.address_constant(node.right)
                scale = max(T.decay(self.type_of(node.right)).target.size, 1)
                return self.offset_constant(base, self.consts.integer(node.left) * scale)
        if isinstance(node, c_ast.CompoundLiteral):
            return self.lvalue_constant(node)
        if isinstance(node, LabelAddress) and self.fn_name is not None:
            return self.block_address(node)
        value, _ = self.consts.eval(node)
        return int(value)

    def lvalue_constant(self, node: c_ast.Node) -> Any:
        if isinstance(node, c_ast.ID):
            sym = self.scopes.lookup(node.name)
            if sym is not None and (sym.kind == "func" or
                                    isinstance(sym.value, ir.GlobalValue)):
                return self.symbol_address(sym, node.name)
            raise CompileFailure(f"initializer element is not a compile-time constant "
                                 f"(address of automatic variable '{node.name}')", node.coord)
        if isinstance(node, c_ast.StructRef):
            st = self.type_of(node.name)
            if node.type == "->":
                st = st.target
                base = self.address_constant(node.name)
            else:
                base = self.lvalue_constant(node.name)
            path = st.member(node.field.name) if isinstance(st, T.StructType) else None
            if path is None:
                raise CompileFailure(f"no member named '{node.field.name}' in '{st}'", node.coord)
            return self.offset_constant(base, sum(m.offset for m in path))
        if isinstance(node, c_ast.ArrayRef):
            base_t = self.type_of(node.name)
            if isinstance(base_t, T.ArrayType):
                base = self.lvalue_constant(node.name)
                elem = base_t.elem
            else:
                base = self.address_constant(node.name)
                elem = base_t.target
            return self.offset_constant(base, self.consts.integer(node.subscript) * elem.size)
        if isinstance(node, c_ast.UnaryOp) and node.op == "*":
            return self.address_constant(node.expr)
        if isinstance(node, c_ast.CompoundLiteral):
            t = self.resolve_type(node.type)
            if isinstance(t, T.ArrayType) and t.length is None:
                t = T.ArrayType(t.elem, self.initializer_length(t, node.init))
            return self.static_object(t, node.init, "compound", node.coord)
        if _is_string(node):
            return self.address_constant(node)
        raise CompileFailure("initializer element is not a compile-time constant", node.coord)

    def offset_constant(self, base: Any, delta: int) -> Any:
        if isinstance(base, int):
            return base + delta
        if delta == 0:
            return base
        if isinstance(base, ir.FormattedConstant):
            inner, old = base._pyvirtine_base
            return self.offset_constant(inner, old + delta)
        c = ir.FormattedConstant(PTR, f"getelementptr (i8, ptr {base.get_reference()}, "
                                      f"i64 {delta})")
        c._pyvirtine_base = (base, delta)
        return c

    def static_object(self, t: T.CType, init: Optional[c_ast.Node], name: str,
                      coord: object) -> ir.GlobalVariable:
        """An anonymous internal object (compound literal at file scope)."""
        gv = self.new_global(self.unique_name(name), t, internal=True)
        self.set_initializer(gv, t, init)
        return gv

