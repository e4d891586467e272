"""The constraints C puts on declarations that the parser lets through: storage
classes where they may appear, type specifiers that combine, function specifiers on
functions only. Each failed check is a CompileFailure worded as clang words it."""
from __future__ import annotations

from collections import Counter

from pycparser import c_ast

from .diagnostics import CompileFailure

_TYPE_WORDS = ("void", "_Bool", "char", "int", "float", "double")


def check_type_specifiers(names: list, coord: object) -> None:
    """``unsigned long int`` is a type; ``long char``, ``signed unsigned``, ``short
    double`` and ``int char`` are not (C99 6.7.2p2)."""
    count = Counter(names)
    words = [w for w in _TYPE_WORDS if count[w]]
    problem = None
    if any(count[w] > 1 for w in _TYPE_WORDS + ("signed", "unsigned", "short")) or \
            count["long"] > 2:
        problem = next(w for w in names if count[w] > (2 if w == "long" else 1))
    elif len(words) > 1:
        problem = words[1]
    elif count["signed"] and count["unsigned"]:
        problem = "unsigned" if names.index("signed") < names.index("unsigned") else "signed"
    elif count["short"] and count["long"]:
        problem = "long" if names.index("short") < names.index("long") else "short"
    elif words and words[0] in ("void", "_Bool", "float", "double") and \
            (count["signed"] or count["unsigned"] or count["short"] or
             count["long"] and words[0] != "double" or count["long"] > 1):
        problem = words[0]
    elif words == ["char"] and (count["short"] or count["long"]):
        problem = "char"
    if problem is not None:
        raise CompileFailure(f"cannot combine with previous declaration specifier "
                             f"('{problem}' in '{' '.join(names)}')", coord)


def check_storage(node: c_ast.Node, where: str, is_function: bool) -> None:
    """Storage classes and ``inline`` of a declaration at ``where``: "file", "block",
    "parameter" or "member"."""
    storage = list(getattr(node, "storage", None) or [])
    if len(storage) > 1:
        raise CompileFailure(f"cannot combine with previous '{storage[0]}' declaration "
                             "specifier", node.coord)
    if "inline" in (getattr(node, "funcspec", None) or []) and not is_function:
        raise CompileFailure("'inline' can only appear on functions", node.coord)
    if not storage or storage == ["typedef"]:
        return
    spec = storage[0]
    if where == "parameter" and spec != "register":
        raise CompileFailure(f"invalid storage class specifier '{spec}' in function "
                             "declarator", node.coord)
    if is_function and spec in ("auto", "register"):
        raise CompileFailure("illegal storage class on function", node.coord)
    if where == "file" and spec in ("auto", "register"):
        raise CompileFailure("illegal storage class on file-scoped variable", node.coord)
    if is_function and where == "block" and spec == "static":
        raise CompileFailure("function declared in block scope cannot have 'static' "
                             "storage class", node.coord)
