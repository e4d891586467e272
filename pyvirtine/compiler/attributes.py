"""What GNU ``__attribute__((...))`` means to the compiler.

Layout attributes (``packed``, ``aligned``, ``mode``, ``ms_struct``) are honoured as
gcc does, ``constructor`` runs the function before the snapshot and ``destructor`` when a
program exits, ``cleanup`` is the code generator's (``scopes.py``); the attributes that
would change code or layout in ways this compiler does not model are errors, at the
attribute; every other attribute is an optimisation hint or a diagnostic request, and
ignoring it (as gcc does an unknown one) keeps the program's meaning."""
from __future__ import annotations

from typing import Callable, Optional

from pycparser import c_ast

from .diagnostics import CompileFailure
from .gnu_parser import gnu_attributes

# gcc's __BIGGEST_ALIGNMENT__ on x86-64 without AVX: what a bare ``aligned`` means.
BIGGEST_ALIGNMENT = 16

_UNSUPPORTED = {
    "vector_size": "vector types are not supported",
    "transparent_union": "transparent unions are not supported",
    "scalar_storage_order": "reversed storage order is not supported",
    "section": "__attribute__((section)) is not supported in virtines (the image "
               "linker places every section itself)",
    "alias": "__attribute__((alias)) is not supported",
    "weakref": "__attribute__((weakref)) is not supported",
    "ifunc": "__attribute__((ifunc)) is not supported",
    "naked": "naked functions are not supported",
    "ms_abi": "the Microsoft calling convention is not supported",
    "asm": "asm labels (renaming a symbol) are not supported",
}

# mode(M): the integer of that many bytes (the signedness stays the declared type's)
MODE_BYTES = {"QI": 1, "HI": 2, "SI": 4, "DI": 8, "byte": 1, "word": 8, "pointer": 8}


_LAYOUT = ("packed", "aligned", "mode", "ms_struct")


def layout_attributes(attributes: list) -> list:
    """The names of the attributes among ``attributes`` that change sizes or offsets."""
    return [a.name for a in attributes if a.name in _LAYOUT]


def declaration_attributes(decl: c_ast.Node) -> list:
    """Every GNU attribute of a declaration (Decl, Typedef, Typename): among its
    specifiers, before it, and in its declarator, but not those of a struct, union or
    enum type it defines (which are the type's own)."""
    found = gnu_attributes(decl)
    node = decl.type
    while isinstance(node, (c_ast.TypeDecl, c_ast.PtrDecl, c_ast.ArrayDecl, c_ast.FuncDecl)):
        found += gnu_attributes(node)
        node = node.type
    return found


def check_supported(attributes: list) -> None:
    for a in attributes:
        if a.name in _UNSUPPORTED:
            raise CompileFailure(_UNSUPPORTED[a.name], a.coord)


def find(attributes: list, name: str) -> Optional[c_ast.Attribute]:
    for a in attributes:
        if a.name == name:
            return a
    return None


def arguments(attribute: c_ast.Attribute) -> list:
    return list(attribute.arguments.exprs) if attribute.arguments is not None else []


def alignment(attributes: list, integer: Callable) -> Optional[int]:
    """The largest ``aligned(N)`` (bare ``aligned``: the biggest alignment), or None.
    ``integer`` evaluates a constant expression."""
    result = None
    for a in attributes:
        if a.name != "aligned":
            continue
        args = arguments(a)
        value = integer(args[0], "requested alignment") if args else BIGGEST_ALIGNMENT
        if value <= 0 or value & (value - 1):
            raise CompileFailure("requested alignment is not a positive power of 2", a.coord)
        result = max(result or 1, value)
    return result


def mode_bytes(attributes: list) -> Optional[int]:
    a = find(attributes, "mode")
    if a is None:
        return None
    args = arguments(a)
    name = args[0].name if args and isinstance(args[0], c_ast.ID) else ""
    name = name.strip("_")
    if name not in MODE_BYTES:
        raise CompileFailure(f"__attribute__((mode({name or '?'}))) is not supported", a.coord)
    return MODE_BYTES[name]


def startup_priority(attributes: list, kind: str, integer: Callable) -> Optional[int]:
    """``constructor`` / ``constructor(N)`` (``kind``, or ``destructor``): the priority of
    its table (65535: a constructor runs last, a destructor first)."""
    a = find(attributes, kind)
    if a is None:
        return None
    args = arguments(a)
    return integer(args[0], f"{kind} priority") if args else 65535
