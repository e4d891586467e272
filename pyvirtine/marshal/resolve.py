"""Turn pycparser type nodes of a translation unit into marshalling types.

File-scope typedefs, struct definitions and enum constants are collected first;
``resolve`` then maps a declarator type to a ``types.CType``, a ``Pointer``, ``VOID``
or an ``Opaque`` that says why the type cannot be copied (so the caller can name it
in an error)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from pycparser import c_ast
from pycparser.c_generator import CGenerator

from ..compiler.attributes import declaration_attributes, layout_attributes
from ..compiler.gnu_parser import gnu_attributes
from ..pragma_pack import PackPragmas
from .lengths import binary
from .types import Array, CType, Complex, Enum, Field, Scalar, Struct, align_up

_BASE = {
    ("_Bool",): "bool", ("char",): "i8", ("char", "signed"): "i8", ("char", "unsigned"): "u8",
    ("short",): "i16", ("short", "unsigned"): "u16", ("int",): "i32", ("signed",): "i32",
    ("unsigned",): "u32", ("long",): "i64", ("long", "unsigned"): "u64",
    ("long", "long"): "i64", ("long", "long", "unsigned"): "u64",
    ("float",): "f32", ("double",): "f64",
}
_COMPLEX_PARTS = {("float",), ("double",)}  # long double has no Python counterpart


@dataclass(frozen=True)
class Pointer:
    target: "Resolved"
    const: bool          # the pointed-to object is const
    target_c: str        # spelling of the pointed-to type


@dataclass(frozen=True)
class Opaque:
    c: str
    why: str


class _Void:
    c = "void"


VOID = _Void()
Resolved = Union[CType, Pointer, Opaque, _Void]


class Unresolvable(Exception):
    """A constant expression the resolver cannot evaluate."""


def _attributed(c: str, names: list) -> Opaque:
    """Types laid out by GNU attributes stay on one side of the boundary: the
    marshalling layout knows only C's rules and ``#pragma pack``."""
    return Opaque(c, f"it has __attribute__(({', '.join(dict.fromkeys(names))}))")


def spelling(node: c_ast.Node) -> str:
    """C spelling of a type node without its declared name, e.g. ``const char *``."""
    return CGenerator()._generate_type(node, emit_declname=False).strip()


class TypeResolver:
    def __init__(self, ast: c_ast.FileAST) -> None:
        self.typedefs: dict[str, c_ast.Node] = {}
        self.structs: dict[str, c_ast.Struct] = {}
        self.enums: dict[str, c_ast.Enum] = {}
        self.constants: dict[str, int] = {}
        self._active: set[int] = set()
        self.packs: dict[int, int] = {}   # struct definition -> #pragma pack in force
        self.attributed: dict[str, list] = {}  # typedef -> its GNU layout attributes
        _Collector(self).visit(ast)

    # -- types --------------------------------------------------------------------
    def resolve(self, node: c_ast.Node, hint: str = "") -> Resolved:
        if isinstance(node, c_ast.Typename):
            return self.resolve(node.type, hint)
        if isinstance(node, c_ast.PtrDecl):
            inner = node.type
            const = isinstance(inner, c_ast.TypeDecl) and "const" in inner.quals
            return Pointer(self.resolve(inner), const, spelling(inner))
        if isinstance(node, c_ast.ArrayDecl):
            elem = self.resolve(node.type)
            if node.dim is None:
                return Opaque(spelling(node), "an array of unknown length")
            if not isinstance(elem, (Scalar, Complex, Enum, Struct, Array)):
                return elem if isinstance(elem, Opaque) else Opaque(spelling(node),
                                                                    "it holds pointers")
            return Array(elem, self.evaluate(node.dim))
        if isinstance(node, c_ast.FuncDecl):
            return Opaque(spelling(node), "a function")
        if isinstance(node, c_ast.TypeDecl):
            return self._specifier(node.type, hint)
        return Opaque(spelling(node), "an unsupported type")

    def _specifier(self, spec: c_ast.Node, hint: str) -> Resolved:
        if isinstance(spec, c_ast.IdentifierType):
            names = spec.names
            if len(names) == 1 and names[0] in self.attributed:
                return _attributed(names[0], self.attributed[names[0]])
            if len(names) == 1 and names[0] in self.typedefs:
                return self.resolve(self.typedefs[names[0]], hint=names[0])
            if names == ["void"]:
                return VOID
            words = sorted(names)
            if len(words) > 1:
                words = [w for w in words if w != "int"]
            if "signed" in words and len(words) > 1 and "char" not in words:
                words.remove("signed")
            key = tuple(words)
            c = hint or " ".join(names)
            if key in _BASE:
                return Scalar(_BASE[key], c)
            part = tuple(w for w in key if w != "_Complex") or ("double",)  # as gcc has it
            if "_Complex" in key and part in _COMPLEX_PARTS:
                return Complex(Scalar(_BASE[part], part[0]), c)
            return Opaque(c, "not supported across the virtine boundary")
        if isinstance(spec, c_ast.Enum):
            return self._enum(spec, hint)
        if isinstance(spec, c_ast.Struct):
            return self._struct(spec, hint)
        return Opaque(f"union {spec.name or ''}".strip(), "unions cannot be copied")

    def _enum(self, spec: c_ast.Enum, hint: str) -> Resolved:
        node = spec if spec.values else self.enums.get(spec.name or "")
        if node is None:
            return Opaque(f"enum {spec.name}", "an incomplete enum")
        if layout_attributes(gnu_attributes(node)):
            return _attributed(f"enum {node.name or hint}", ["packed"])
        values = tuple((e.name, self.constants[e.name]) for e in node.values.enumerators)
        lo = min((v for _, v in values), default=0)
        hi = max((v for _, v in values), default=0)
        if lo >= 0:
            base = "u32" if hi < 1 << 32 else "u64"
        else:
            base = "i32" if -(1 << 31) <= lo and hi < 1 << 31 else "i64"
        return Enum(spec.name or hint, Scalar(base, "int"), values)

    def _struct(self, spec: c_ast.Struct, hint: str) -> Resolved:
        node = spec if spec.decls is not None else self.structs.get(spec.name or "")
        name = spec.name or hint
        c = f"struct {name}" if spec.name else (hint or "struct")
        if node is None:
            return Opaque(c, "an incomplete struct")
        if id(node) in self._active:  # reached again through a pointer member
            return Opaque(c, "it refers to itself")
        self._active.add(id(node))
        try:
            return self._layout(node, name, c)
        finally:
            self._active.discard(id(node))

    def _layout(self, node: c_ast.Struct, name: str, c: str) -> Resolved:
        fields, offset, align = [], 0, 1
        if layout_attributes(gnu_attributes(node)):
            return _attributed(c, layout_attributes(gnu_attributes(node)))
        for decl in node.decls:
            if not isinstance(decl, c_ast.Decl):
                continue
            if layout_attributes(declaration_attributes(decl)):
                return _attributed(f"{c} (member '{decl.name}')",
                                   layout_attributes(declaration_attributes(decl)))
            if decl.bitsize is not None:
                return Opaque(c, f"its member '{decl.name}' is a bit-field")
            if decl.name is None:
                return Opaque(c, "it has an anonymous member")
            t = self.resolve(decl.type)
            if isinstance(t, (Pointer, _Void)):
                return Opaque(c, f"its member '{decl.name}' is a pointer")
            if isinstance(t, Opaque):
                return Opaque(c, f"its member '{decl.name}' has type '{t.c}' ({t.why})")
            member_align = max([t.align] + [self._alignas(a.alignment) for a in decl.align or []])
            if id(node) in self.packs:
                member_align = min(member_align, self.packs[id(node)])
            offset = align_up(offset, member_align)
            fields.append(Field(decl.name, offset, t))
            offset += t.size
            align = max(align, member_align)
        return Struct(name, align_up(offset, align), align, tuple(fields))

    def _alignas(self, node: c_ast.Node) -> int:
        if isinstance(node, c_ast.Typename):
            t = self.resolve(node)
            return 8 if isinstance(t, Pointer) else getattr(t, "align", 1)
        return self.evaluate(node)

    # -- constant expressions -------------------------------------------------------
    def evaluate(self, node: c_ast.Node) -> int:
        if isinstance(node, c_ast.Constant):
            return _literal(node)
        if isinstance(node, c_ast.ID):
            if node.name in self.constants:
                return self.constants[node.name]
            raise Unresolvable(node.name)
        if isinstance(node, c_ast.UnaryOp):
            if node.op == "sizeof":
                return self._sizeof(node.expr)
            v = self.evaluate(node.expr)
            ops = {"-": lambda: -v, "+": lambda: v, "~": lambda: ~v, "!": lambda: int(not v)}
            if node.op in ops:
                return ops[node.op]()
        if isinstance(node, c_ast.BinaryOp):
            a, b = self.evaluate(node.left), self.evaluate(node.right)
            try:
                return binary(node.op, a, b)
            except KeyError:
                raise Unresolvable(node.op) from None
        if isinstance(node, c_ast.TernaryOp):
            return self.evaluate(node.iftrue if self.evaluate(node.cond) else node.iffalse)
        if isinstance(node, c_ast.Cast):
            return self.evaluate(node.expr)
        raise Unresolvable(type(node).__name__)

    def _sizeof(self, node: c_ast.Node) -> int:
        if not isinstance(node, c_ast.Typename):
            raise Unresolvable("sizeof expression")
        t = self.resolve(node.type)
        if isinstance(t, Pointer):
            return 8
        if isinstance(t, (Opaque, _Void)):
            raise Unresolvable(f"sizeof({t.c})")
        return t.size


def _literal(node: c_ast.Constant) -> int:
    text = node.value
    if node.type == "char":
        body = text[text.index("'") + 1:-1]
        return ord(body.encode().decode("unicode_escape")) if body.startswith("\\") else ord(body)
    if node.type in ("string", "float", "double"):
        raise Unresolvable(text)
    digits = text.rstrip("uUlL")
    if digits.lower().startswith("0x"):
        return int(digits, 16)
    if digits.lower().startswith("0b"):
        return int(digits, 2)
    if len(digits) > 1 and digits.startswith("0"):
        return int(digits, 8)
    return int(digits)


class _Collector(c_ast.NodeVisitor):
    """Records file-scope typedefs, struct/enum definitions and enum constants, and the
    ``#pragma pack`` each struct is defined under (read as gcc and pyvirtine's compiler
    read it; the compiler rejects malformed ones)."""

    def __init__(self, r: TypeResolver) -> None:
        self.r = r
        self.packing = PackPragmas()

    def visit_Pragma(self, node: c_ast.Pragma) -> None:
        try:
            self.packing.apply(node.string if isinstance(node.string, str) else "")
        except ValueError:
            pass  # the compiler reports malformed pragmas with their location

    def visit_FuncDef(self, node: c_ast.FuncDef) -> None:
        self.visit(node.decl)  # types declared in bodies are out of scope for signatures

    def visit_Typedef(self, node: c_ast.Typedef) -> None:
        self.r.typedefs[node.name] = node.type
        if layout_attributes(declaration_attributes(node)):
            self.r.attributed[node.name] = layout_attributes(declaration_attributes(node))
        self.generic_visit(node)

    def visit_Struct(self, node: c_ast.Struct) -> None:
        if node.decls is not None and self.packing.value:
            self.r.packs[id(node)] = self.packing.value
        if node.decls is not None and node.name:
            self.r.structs[node.name] = node
        self.generic_visit(node)

    def visit_Enum(self, node: c_ast.Enum) -> None:
        if node.values is None:
            return
        if node.name:
            self.r.enums[node.name] = node
        value = -1
        for e in node.values.enumerators:
            value = self.r.evaluate(e.value) if e.value is not None else value + 1
            self.r.constants[e.name] = value
