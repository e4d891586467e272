"""Element counts of buffer parameters: ``VIRTINE_IN(rows * cols)``.

A length is a small expression tree over the function's integer parameters, kept
in JSON form: an ``int``, a parameter name, ``["neg", x]`` or ``[op, a, b]``.  Python
evaluates it to check and size buffers; the guest glue prints it as C."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Mapping, Union

if TYPE_CHECKING:  # the C front end is imported only to read C (from_c), not to size buffers
    from pycparser import c_ast

Length = Union[int, str, list]
OPERATORS = ("+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^")


class LengthError(Exception):
    """The expression uses something a length may not (the message says what)."""


def from_c(expr: "c_ast.Node", is_param: Callable[[str], bool],
           constant: Callable[[c_ast.Node], int]) -> Length:
    """Convert a parsed expression; ``constant`` folds what names no parameter."""
    from pycparser import c_ast
    if isinstance(expr, c_ast.ID) and is_param(expr.name):
        return expr.name
    if isinstance(expr, c_ast.BinaryOp) and expr.op in OPERATORS:
        a, b = from_c(expr.left, is_param, constant), from_c(expr.right, is_param, constant)
        if isinstance(a, int) and isinstance(b, int):
            return binary(expr.op, a, b)
        return [expr.op, a, b]
    if isinstance(expr, c_ast.UnaryOp) and expr.op == "-":
        inner = from_c(expr.expr, is_param, constant)
        return -inner if isinstance(inner, int) else ["neg", inner]
    if isinstance(expr, c_ast.Cast):
        return from_c(expr.expr, is_param, constant)
    return constant(expr)


def names(length: Length) -> list[str]:
    if isinstance(length, str):
        return [length]
    if isinstance(length, list):
        return [n for part in length[1:] for n in names(part)]
    return []


def evaluate(length: Length, values: Mapping[str, int]) -> int:
    if isinstance(length, int):
        return length
    if isinstance(length, str):
        return values[length]
    if length[0] == "neg":
        return -evaluate(length[1], values)
    return binary(length[0], evaluate(length[1], values), evaluate(length[2], values))


def to_c(length: Length, local: Callable[[str], str]) -> str:
    """C text of ``length`` with parameter ``p`` spelled ``local(p)``."""
    if isinstance(length, int):
        return f"{length}ULL"
    if isinstance(length, str):
        return f"(unsigned long long){local(length)}"
    if length[0] == "neg":
        return f"(-{to_c(length[1], local)})"
    return f"({to_c(length[1], local)} {length[0]} {to_c(length[2], local)})"


def to_text(length: Length) -> str:
    """The expression as a user would write it, for messages and ``help()``."""
    if isinstance(length, (int, str)):
        return str(length)
    if length[0] == "neg":
        return f"-{to_text(length[1])}"
    return f"({to_text(length[1])} {length[0]} {to_text(length[2])})"


def binary(op: str, a: int, b: int) -> int:
    """C's ``a op b`` on integers (``/`` and ``%`` truncate toward zero); ``KeyError``
    for an operator it does not know."""
    if op in ("/", "%") and b == 0:
        raise ZeroDivisionError("division by zero")
    return _BINARY[op](a, b)


def _divide(a: int, b: int) -> int:
    return abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)


_BINARY: dict[str, Callable[[int, int], int]] = {
    "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
    "/": _divide, "%": lambda a, b: a - b * _divide(a, b),
    "<<": lambda a, b: a << b, ">>": lambda a, b: a >> b, "&": lambda a, b: a & b,
    "|": lambda a, b: a | b, "^": lambda a, b: a ^ b, "<": lambda a, b: int(a < b),
    ">": lambda a, b: int(a > b), "<=": lambda a, b: int(a <= b), ">=": lambda a, b: int(a >= b),
    "==": lambda a, b: int(a == b), "!=": lambda a, b: int(a != b),
    "&&": lambda a, b: int(bool(a and b)), "||": lambda a, b: int(bool(a or b)),
}
