"""Turning pycparser declarators and specifiers into C types: struct/union/enum
definitions (with their tags and enumerators entering the current scope),
typedef names, arrays, pointers and function types."""
from __future__ import annotations

from typing import Optional

from pycparser import c_ast

from . import c_types as T
from .attributes import alignment, check_supported, declaration_attributes, find, mode_bytes
from .declaration_checks import check_storage
from .diagnostics import CompileFailure
from .gnu_parser import gnu_attributes
from .sema import Symbol, base_type, wrap

def is_const_object(node: c_ast.Node) -> bool:
    """A declarator's object is const-qualified: ``const int x``, ``int *const p``, and
    each element of ``const int a[2]``. (Qualifiers that come through a typedef are
    not seen: the type model carries none.)"""
    while isinstance(node, c_ast.ArrayDecl):
        node = node.type
    return isinstance(node, (c_ast.TypeDecl, c_ast.PtrDecl)) and "const" in (node.quals or [])


class DeclarationResolver:
    """Mixin of the code generator: declarators to ``CType``.

    A struct, union or enum body defines its type once, however often its node is
    resolved: pycparser shares one specifier node among all the declarators of a
    declaration (``struct S {...} a, b;``). ``tag_definitions`` maps the id of a body's
    node to (the node, kept alive so the id stays its own; the type)."""

    tag_definitions: dict

    def resolve_type(self, node: c_ast.Node) -> T.CType:
        method = getattr(self, "t_" + type(node).__name__, None)
        if method is None:
            raise CompileFailure(f"unsupported type construct ({type(node).__name__})",
                                 node.coord)
        return method(node)

    def t_Typename(self, node: c_ast.Typename) -> T.CType:
        return self.resolve_type(node.type)

    def t_Decl(self, node: c_ast.Decl) -> T.CType:
        return self.resolve_type(node.type)

    def t_TypeDecl(self, node: c_ast.TypeDecl) -> T.CType:
        return self.resolve_type(node.type)

    def t_PtrDecl(self, node: c_ast.PtrDecl) -> T.CType:
        volatile = "volatile" in (getattr(node.type, "quals", None) or [])
        return T.PointerType(self.resolve_type(node.type), volatile, is_const_object(node.type))

    def t_ArrayDecl(self, node: c_ast.ArrayDecl) -> T.CType:
        elem = self.resolve_type(node.type)
        if isinstance(elem, T.FuncType):
            raise CompileFailure("array of functions is not allowed", node.coord)
        if not elem.is_complete():
            raise CompileFailure(f"array has incomplete element type '{elem}'", node.coord)
        if elem.size % elem.align:
            raise CompileFailure("alignment of array elements is greater than element size",
                                 node.coord)
        if node.dim is None:
            return T.ArrayType(elem, None)
        if isinstance(node.dim, c_ast.ID) and node.dim.name == "*":
            raise CompileFailure("variable-length arrays are not supported", node.coord)
        try:
            length = self.consts.integer(node.dim, "array size")
        except CompileFailure:
            if node is not getattr(self, "vla_allowed", None):
                raise CompileFailure("variable-length arrays are only supported as local "
                                     "variables, in their outermost dimension",
                                     node.dim.coord) from None
            count = self.expr(node.dim)
            if not count.type.is_integer():
                raise CompileFailure("size of array has non-integer type", node.dim.coord)
            return T.ArrayType(elem, None, self.convert(count, T.ULONG).ir)
        if length < 0:
            raise CompileFailure("array has negative size", node.dim.coord)
        return T.ArrayType(elem, length)

    def t_FuncDecl(self, node: c_ast.FuncDecl) -> T.CType:
        ret = self.resolve_type(node.type)
        if isinstance(ret, (T.ArrayType, T.FuncType)):
            raise CompileFailure("function cannot return array or function type", node.coord)
        if node.args is None:
            return T.FuncType(ret, [], False, prototyped=False)
        params, variadic = [], False
        items = node.args.params
        seen = set()
        for p in items:
            if isinstance(p, c_ast.EllipsisParam):
                variadic = True
                continue
            name = getattr(p, "name", None)
            if name is not None and name in seen:
                raise CompileFailure(f"redefinition of parameter '{name}'", p.coord)
            seen.add(name)
            if isinstance(p, c_ast.ID):
                return T.FuncType(ret, [], False, prototyped=False)
            if isinstance(p, c_ast.Decl):
                check_storage(p, "parameter", False)
            pt = self.parameter_type(p.type if isinstance(p, c_ast.Decl) else p)
            if pt.is_void():
                if len(items) == 1 and name is None:
                    return T.FuncType(ret, [], False)
                raise CompileFailure("'void' must be the first and only parameter if specified"
                                     if name is None else "argument may not have 'void' type",
                                     p.coord)
            params.append(self.adjust_parameter(pt))
        return T.FuncType(ret, params, variadic)

    def parameter_type(self, node: c_ast.Node) -> T.CType:
        """A parameter declared as an array is a pointer: its size (maybe ``a[n]``) is moot."""
        if isinstance(node, c_ast.Typename):
            node = node.type
        if isinstance(node, c_ast.ArrayDecl):
            elem = self.resolve_type(node.type)
            if isinstance(elem, T.FuncType):
                raise CompileFailure("array of functions is not allowed", node.coord)
            volatile = "volatile" in (getattr(node.type, "quals", None) or [])
            return T.PointerType(elem, volatile, is_const_object(node.type))
        return self.resolve_type(node)

    def adjust_parameter(self, t: T.CType) -> T.CType:
        return T.decay(t)

    def t_IdentifierType(self, node: c_ast.IdentifierType) -> T.CType:
        names = node.names
        if len(names) == 1:
            sym = self.scopes.lookup(names[0])
            if sym is not None and sym.kind == "typedef":
                return sym.type
        known = {"void", "_Bool", "char", "short", "int", "long", "float", "double", "signed",
                 "unsigned", "_Complex", "_Imaginary"}
        for n in names:
            if n not in known:
                sym = self.scopes.lookup(n)
                if sym is not None and sym.kind == "typedef":
                    raise CompileFailure(f"cannot combine '{n}' with other type specifiers",
                                         node.coord)
                raise CompileFailure(f"unknown type name '{n}'", node.coord)
        return base_type(names, node.coord)

    def t_TypeOf(self, node: c_ast.TypeOf) -> T.CType:
        if isinstance(node.expr, c_ast.Typename):
            return self.resolve_type(node.expr)
        return self.operand_type(node.expr)

    def t_Struct(self, node: c_ast.Node) -> T.CType:
        return self.struct_type(node, "struct")

    def t_Union(self, node: c_ast.Node) -> T.CType:
        return self.struct_type(node, "union")

    def struct_type(self, node: c_ast.Node, kind: str) -> T.StructType:
        if node.decls is None:
            found = self.scopes.lookup_tag(node.name) if node.name else None
            if found is None:
                found = T.StructType(kind, node.name)
                self.scopes.declare_tag(node.name, found)
            elif not isinstance(found, T.StructType) or found.kind != kind:
                raise CompileFailure(f"use of '{node.name}' with tag type that does not match "
                                     "previous declaration", node.coord)
            return found
        if id(node) in self.tag_definitions:
            return self.tag_definitions[id(node)][1]
        st = self.scopes.lookup_tag(node.name, local=True) if node.name else None
        if st is None or not isinstance(st, T.StructType) or st.kind != kind:
            st = T.StructType(kind, node.name)
            if node.name:
                self.scopes.declare_tag(node.name, st)
        elif st.complete:
            raise CompileFailure(f"redefinition of '{kind} {node.name}'", node.coord)
        attributes = gnu_attributes(node)
        check_supported(attributes)
        fields = []
        names: set = set()
        for d in node.decls:
            if isinstance(d, c_ast.Pragma):
                self.pragma(d)
                continue
            if isinstance(d, c_ast.StaticAssert):
                self.static_assert(d)
                continue
            field_attributes = declaration_attributes(d)
            check_supported(field_attributes)
            ft = self.with_mode(self.resolve_type(d.type), field_attributes)
            width = None
            if d.bitsize is not None:
                width = self.consts.integer(d.bitsize, "bit-field width")
                if not ft.is_integer():
                    raise CompileFailure(f"bit-field '{d.name}' has non-integral type '{ft}'",
                                         d.coord)
                if width > ft.size * 8 or width < 0 or (width == 0 and d.name):
                    raise CompileFailure(f"invalid width {width} for bit-field "
                                         f"'{d.name or '<anonymous>'}'", d.bitsize.coord)
            elif isinstance(ft, T.ArrayType) and ft.length is None and d is node.decls[-1]:
                if not fields:
                    raise CompileFailure(f"flexible array member '{d.name}' not allowed in "
                                         f"otherwise empty {kind}", d.coord)
                ft = T.ArrayType(ft.elem, 0, flexible=True)
            elif not ft.is_complete():
                raise CompileFailure(f"field '{d.name}' has incomplete type '{ft}'", d.coord)
            for member in [d.name] if d.name else _member_names(ft):
                if member in names:
                    raise CompileFailure(f"duplicate member '{member}'", d.coord)
                names.add(member)
            const = is_const_object(d.type)
            fields.append((d.name, ft, width, self.alignas(d, field_attributes),
                           find(field_attributes, "packed") is not None, const))
            if const or getattr(ft, "const_member", None):
                st.const_member = st.const_member or d.name
        T.layout_struct(st, fields, self.packing.value, find(attributes, "packed") is not None,
                        alignment(attributes, self.consts.integer),
                        ms=find(attributes, "ms_struct") is not None)
        self.tag_definitions[id(node)] = (node, st)
        return st

    def with_mode(self, t: T.CType, attributes: list) -> T.CType:
        """``__attribute__((mode(QI)))`` and kin: the integer of that size."""
        size = mode_bytes(attributes)
        if size is None:
            return t
        if not t.is_integer():
            raise CompileFailure(f"mode attribute on non-integer type '{t}'",
                                 find(attributes, "mode").coord)
        by_size = {1: (T.SCHAR, T.UCHAR), 2: (T.SHORT, T.USHORT), 4: (T.INT, T.UINT),
                   8: (T.LONG, T.ULONG)}[size]
        return by_size[0] if t.signed else by_size[1]

    def alignas(self, decl: c_ast.Decl, attributes: list = ()) -> Optional[int]:
        """The alignment ``_Alignas`` and ``aligned(N)`` ask of a declared object."""
        result = alignment(attributes, self.consts.integer)
        for a in getattr(decl, "align", None) or []:
            if isinstance(a.alignment, c_ast.Typename):    # with its aligned(N), as gcc
                value = max(self.resolve_type(a.alignment).align,
                            alignment(declaration_attributes(a.alignment),
                                      self.consts.integer) or 1)
            else:
                value = self.consts.integer(a.alignment, "alignment")
                if value <= 0 or value & (value - 1):
                    raise CompileFailure("requested alignment is not a positive power of 2",
                                         a.alignment.coord)
            result = max(result or 1, value)
        return result

    def t_Enum(self, node: c_ast.Enum) -> T.CType:
        if node.values is None:
            found = self.scopes.lookup_tag(node.name) if node.name else None
            if found is None:   # GNU: declared before it is defined, incomplete until then
                found = T.IntType(f"enum {node.name}", 4, False, 4, is_enum=True,
                                  incomplete=True)
                self.scopes.declare_tag(node.name, found)
            elif not getattr(found, "is_enum", False):
                raise CompileFailure(f"use of '{node.name}' with tag type that does not match "
                                     "previous declaration", node.coord)
            return found
        if id(node) in self.tag_definitions:
            return self.tag_definitions[id(node)][1]
        attributes = gnu_attributes(node)
        check_supported(attributes)
        declared = self.scopes.lookup_tag(node.name, local=True) if node.name else None
        if declared is not None and not (getattr(declared, "is_enum", False)
                                         and declared.incomplete):
            what = "redefinition of" if getattr(declared, "is_enum", False) else \
                "use of tag with a different kind of type:"
            raise CompileFailure(f"{what} 'enum {node.name}'", node.coord)
        values = []
        next_value = 0
        for e in node.values.enumerators:
            if e.value is not None:
                next_value = self.consts.integer(e.value, "enumerator value")
            if self.scopes.lookup_local(e.name) is not None:
                raise CompileFailure(f"redefinition of enumerator '{e.name}'", e.coord)
            self.scopes.declare(e.name, Symbol("enum", _enumerator_type(next_value), next_value))
            values.append(next_value)
            next_value += 1
        signed = any(v < 0 for v in values)
        size = _enum_size(values, signed, find(attributes, "packed") is not None)
        t = declared or T.IntType(f"enum {node.name or '<anonymous>'}", size, signed, 4,
                                  is_enum=True)
        t.size, t.signed, t.incomplete = size, signed, False
        t.rank = {1: 2, 2: 3, 4: 4, 8: 5}[size]
        if node.name:
            self.scopes.declare_tag(node.name, t)
        self.tag_definitions[id(node)] = (node, t)
        return t


def _member_names(t: T.CType) -> list:
    """The names an anonymous struct or union member brings into its parent."""
    if not isinstance(t, T.StructType):
        return []
    return [n for m in t.members for n in ([m.name] if m.name else _member_names(m.type))]


def _enum_size(values: list, signed: bool, packed: bool) -> int:
    """gcc's: 4 bytes unless a value needs 8; packed, the fewest bytes that hold them all."""
    for size in ((1, 2, 4, 8) if packed else (4, 8)):
        low, high = (-(1 << (8 * size - 1)), 1 << (8 * size - 1)) if signed else (0, 1 << 8 * size)
        if all(low <= v < high for v in values):
            return size
    return 8


def _enumerator_type(value: int) -> T.IntType:
    """Enumerators are ints; gcc gives one that does not fit the next type that does."""
    for t in (T.INT, T.UINT, T.LONG):
        if wrap(value, t) == value:
            return t
    return T.ULONG
