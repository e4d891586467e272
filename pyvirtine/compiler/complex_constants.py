"""Imaginary constants (GNU ``2.0i``) and the folding of complex constant
expressions, where a complex constant is the pair (real, imaginary)."""
from __future__ import annotations

import re
from fractions import Fraction
from typing import Any, Optional

from . import c_types as T
from .diagnostics import CompileFailure

_IMAGINARY = re.compile(r"(.*?)([iIjJ])")


def imaginary_literal(text: str) -> Optional[str]:
    """The real constant an imaginary one (``2.5fi``, as the lexer spells it) scales
    ``i`` by, or None for an ordinary constant."""
    m = _IMAGINARY.fullmatch(text)
    return m.group(1) if m else None


# -- constant folding: a complex constant is the pair (real, imaginary) -------------


def complex_constant(value: Any, src: T.CType, dst: T.ComplexType, convert: Any,
                     coord: object) -> tuple:
    """``value`` of type ``src`` as a constant of complex type ``dst``."""
    re_, im = value if src.is_complex() else (value, 0)
    part = T.real_part_type(src)
    return convert(re_, part, dst.real, coord), convert(im, part, dst.real, coord)


def fold_binary(op: str, a: tuple, b: tuple, coord: object) -> Any:
    """``a op b`` of complex constants: a pair, or an int for == and !=."""
    (p, q), (r, s) = a, b
    if op == "==":
        return int(p == r and q == s)
    if op == "!=":
        return int(p != r or q != s)
    if op == "+":
        return p + r, q + s
    if op == "-":
        return p - r, q - s
    if op == "*":
        return p * r - q * s, p * s + q * r
    if op == "/":
        if r == 0 and s == 0:
            raise CompileFailure("division by zero in constant expression", coord)
        if isinstance(r, Fraction) or isinstance(p, Fraction):
            den = r * r + s * s
            return (p * r + q * s) / den, (q * r - p * s) / den
        z = complex(p, q) / complex(r, s)
        return z.real, z.imag
    raise CompileFailure(f"invalid operands to binary '{op}' (complex)", coord)


def fold_unary(op: str, value: tuple, coord: object) -> tuple:
    re_, im = value
    if op == "-":
        return -re_, -im
    if op == "~":
        return re_, -im
    if op == "+":
        return value
    raise CompileFailure("expression is not a compile-time constant", coord)
