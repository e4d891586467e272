"""Semantic rules that do not emit code: scopes, turning pycparser declarators into
C types, literal decoding, and integer/floating constant expressions (array sizes,
case labels, enumerators, bit-field widths, static initializers)."""
from __future__ import annotations

import math
import re
from fractions import Fraction
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from pycparser import c_ast

from . import c_types as T
from .complex_constants import complex_constant, fold_binary, fold_unary, imaginary_literal
from .declaration_checks import check_type_specifiers
from .diagnostics import CompileFailure


@dataclass(eq=False)
class Symbol:
    kind: str                 # "var", "func", "typedef", "enum"
    type: T.CType
    value: Any = None         # LLVM pointer for objects/functions; int for enumerators
    storage: Optional[str] = None
    volatile: bool = False
    const: bool = False       # the object itself is const-qualified
    coord: Any = None         # where it was first declared, for late diagnostics
    llvm_attributes: set = field(default_factory=set)   # functions: from GNU attributes
    align: int = 1            # objects: what _Alignas or aligned(N) asked (__alignof__ says)


class Scopes:
    """Block scopes for ordinary identifiers and, separately, for struct/union/enum tags."""

    def __init__(self) -> None:
        self.names: list = [{}]
        self.tags: list = [{}]

    def push(self) -> None:
        self.names.append({})
        self.tags.append({})

    def pop(self) -> None:
        self.names.pop()
        self.tags.pop()

    @property
    def at_file_scope(self) -> bool:
        return len(self.names) == 1

    def lookup(self, name: str) -> Optional[Symbol]:
        for scope in reversed(self.names):
            if name in scope:
                return scope[name]
        return None

    def lookup_local(self, name: str) -> Optional[Symbol]:
        return self.names[-1].get(name)

    def declare(self, name: str, sym: Symbol) -> Symbol:
        self.names[-1][name] = sym
        return sym

    def lookup_tag(self, name: str, local: bool = False) -> Optional[T.CType]:
        for scope in (self.tags[-1:] if local else reversed(self.tags)):
            if name in scope:
                return scope[name]
        return None

    def declare_tag(self, name: str, t: T.CType) -> None:
        self.tags[-1][name] = t


def base_type(names: list, coord: object) -> T.CType:
    """The type named by a list of basic specifiers like ``unsigned long int``."""
    if "_Complex" in names:
        return complex_type([n for n in names if n != "_Complex"], coord)
    check_type_specifiers(names, coord)
    unsigned = "unsigned" in names
    longs = names.count("long")
    if "void" in names:
        return T.VOID
    if "_Bool" in names:
        return T.BOOL
    if "float" in names:
        return T.FLOAT
    if "double" in names:
        return T.LDOUBLE if longs else T.DOUBLE
    if "char" in names:
        return T.UCHAR if unsigned else T.SCHAR if "signed" in names else T.CHAR
    if "short" in names:
        return T.USHORT if unsigned else T.SHORT
    if longs >= 2:
        return T.ULLONG if unsigned else T.LLONG
    if longs == 1:
        return T.ULONG if unsigned else T.LONG
    return T.UINT if unsigned else T.INT


def complex_type(names: list, coord: object) -> T.CType:
    """``R _Complex`` for the real type named by ``names`` (none: double, as gcc)."""
    real = base_type(names, coord) if names else T.DOUBLE
    if not real.is_float():
        raise CompileFailure(f"complex integer types ('_Complex {' '.join(names)}') are not "
                             "supported", coord)
    return T.complex_of(real)


_ESCAPES = {"n": 10, "t": 9, "r": 13, "a": 7, "b": 8, "f": 12, "v": 11, "\\": 92, "'": 39,
            '"': 34, "?": 63, "e": 27}


def decode_escapes(body: str, coord: object) -> list:
    """Code points of a char/string literal body with every C escape resolved."""
    out = []
    i = 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.extend(c.encode("utf-8"))
            i += 1
            continue
        i += 1
        c = body[i]
        if c in _ESCAPES:
            out.append(_ESCAPES[c])
            i += 1
        elif c in "01234567":
            m = re.match(r"[0-7]{1,3}", body[i:])
            out.append(int(m.group(), 8) & 0xFF)
            i += len(m.group())
        elif c == "x":
            m = re.match(r"[0-9a-fA-F]+", body[i + 1:])
            if not m:
                raise CompileFailure("\\x used with no following hex digits", coord)
            out.append(int(m.group(), 16) & 0xFF)
            i += 1 + len(m.group())
        else:
            out.append(ord(c))
            i += 1
    return out


_STRING_PIECE = re.compile(r'(u8|[LuU]?)"((?:[^"\\]|\\.)*)"', re.S)


def string_literal_bytes(value: str, coord: object) -> tuple:
    """(code units without the terminator, element type) of a pycparser string constant,
    which may still hold adjacent literals (pycparser keeps ``"\\x41" "B"`` apart)."""
    units: list = []
    elem = T.CHAR
    for prefix, body in _STRING_PIECE.findall(value):
        if prefix in ("L", "U"):
            elem = T.INT
            units.extend(ord(ch) for ch in _unescape_wide(body, coord))
        elif prefix == "u":
            raise CompileFailure("char16_t string literals are not supported", coord)
        else:
            units.extend(decode_escapes(body, coord))
    return units, elem


def _unescape_wide(body: str, coord: object) -> str:
    """Wide literals hold code points: only escapes are decoded, other text is kept."""
    parts = re.split(r"(\\(?:[0-7]{1,3}|x[0-9a-fA-F]+|.))", body)
    return "".join(chr(decode_escapes(p, coord)[0]) if p.startswith("\\") else p
                   for p in parts)


def char_constant(value: str, coord: object) -> int:
    wide = value[0] in "LuU"
    codes = decode_escapes(value[value.index("'") + 1:-1], coord)
    if not codes:
        raise CompileFailure("empty character constant", coord)
    if wide:
        return codes[0]
    result = 0
    for b in codes:
        result = (result << 8) | b
    if len(codes) == 1:
        return result - 256 if result >= 128 else result   # plain char is signed
    return wrap(result, T.INT)


def int_constant(text: str, coord: object) -> tuple:
    """(value, type) of an integer literal, with C99's type selection rules."""
    m = re.fullmatch(r"(0[xX][0-9a-fA-F]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)([uUlL]*)", text)
    if not m:
        raise CompileFailure(f"invalid integer constant '{text}'", coord)
    digits, suffix = m.groups()
    if digits[:2] in ("0x", "0X"):
        value = int(digits, 16)
    elif digits[:2] in ("0b", "0B"):
        value = int(digits[2:], 2)
    elif digits.startswith("0"):
        value = int(digits, 8)
    else:
        value = int(digits)
    suffix = suffix.lower()
    unsigned = "u" in suffix
    longs = suffix.count("l")
    decimal = not digits.startswith("0") or digits == "0"
    candidates = [T.INT, T.UINT, T.LONG, T.ULONG, T.LLONG, T.ULLONG]
    if longs:
        candidates = candidates[2:]
    if unsigned:
        candidates = [t for t in candidates if not t.signed]
    elif decimal:
        candidates = [t for t in candidates if t.signed] + [T.ULONG]
    for t in candidates:
        if value < (1 << (t.bits - (1 if t.signed else 0))):
            return value, t
    raise CompileFailure(f"integer constant '{text}' is too large", coord)


def float_constant(text: str, coord: object) -> tuple:
    """(value, type); long double literals stay exact (a Fraction) beyond double range."""
    suffix = text[-1].lower() if text[-1] in "fFlL" else ""
    body = text[:-1] if suffix else text
    try:
        if body[:2].lower() == "0x" and suffix == "l":
            value = _hex_fraction(body)
        elif body[:2].lower() == "0x":
            value = float.fromhex(body)
        elif suffix == "l":
            value = Fraction(body)
        else:
            value = float(body)
    except ValueError:
        raise CompileFailure(f"invalid floating constant '{text}'", coord) from None
    return value, {"f": T.FLOAT, "l": T.LDOUBLE}.get(suffix, T.DOUBLE)


def _hex_fraction(body: str) -> Fraction:
    """The exact value of a hexadecimal floating constant (``0x1.8p3``): a long
    double's 64 significand bits and 15-bit exponent do not fit a Python float."""
    digits, p, exponent = body[2:].lower().partition("p")
    whole, _, fraction = digits.partition(".")
    if not p or not (whole or fraction):
        raise ValueError(body)
    mantissa = int(whole + fraction, 16)
    return Fraction(mantissa) * Fraction(2) ** (int(exponent) - 4 * len(fraction))


def wrap(value: int, t: T.CType) -> int:
    """``value`` converted to integer type ``t`` (modular, two's complement)."""
    if not isinstance(t, T.IntType):
        return value
    if t.is_bool:
        return 1 if value else 0
    value &= (1 << t.bits) - 1
    if t.signed and value >= 1 << (t.bits - 1):
        value -= 1 << t.bits
    return value


def generic_choice(node: c_ast.GenericSelection, resolve_type: Callable,
                   type_of: Callable) -> c_ast.Node:
    """The expression ``_Generic`` selects: the association whose type is compatible
    with the controlling expression's after lvalue conversion (C11 6.5.1.1)."""
    controlling = T.decay(type_of(node.expr))
    default = None
    for association in node.associations:
        if association.type is None:
            default = association.expr
        elif T.compatible(resolve_type(association.type), controlling, qualified=True):
            return association.expr
    if default is None:
        raise CompileFailure(f"controlling expression type '{controlling}' not compatible "
                             "with any generic association type", node.expr.coord)
    return default


class ConstEvaluator:
    """Arithmetic constant expressions, evaluated with C's typing rules.

    ``type_of`` gives the type of an arbitrary expression (for ``sizeof``);
    ``lookup`` resolves identifiers (only enumerators are constants)."""

    def __init__(self, scopes: Scopes, resolve_type: Callable, type_of: Callable,
                 builtin: Callable, operand_type: Callable) -> None:
        self.scopes = scopes
        self.resolve_type = resolve_type
        self.type_of = type_of
        self.operand_type = operand_type  # of sizeof and _Alignof: type_of, not a bit-field
        self.builtin = builtin          # (value, type) of a builtin call, or CompileFailure

    def integer(self, node: c_ast.Node, what: str = "expression") -> int:
        value, t = self.eval(node)
        if not isinstance(t, T.IntType):
            raise CompileFailure(f"{what} is not an integer constant", node.coord)
        return value

    def eval(self, node: c_ast.Node) -> tuple:
        method = getattr(self, "_" + type(node).__name__, None)
        if method is None:
            raise CompileFailure("expression is not a compile-time constant", node.coord)
        return method(node)

    def _Constant(self, node: c_ast.Constant) -> tuple:
        if node.type == "char" or node.value[:1] in "'" or node.value[:2] in ("L'", "u'", "U'"):
            return char_constant(node.value, node.coord), T.INT
        if node.type == "string":
            raise CompileFailure("expression is not a compile-time constant", node.coord)
        imaginary = imaginary_literal(node.value)
        if imaginary is not None:
            value, t = self._Constant(c_ast.Constant(node.type, imaginary, node.coord))
            ct = T.complex_of(t if t.is_float() else T.DOUBLE)
            return (convert_constant(0, T.INT, ct.real, node.coord),
                    convert_constant(value, t, ct.real, node.coord)), ct
        if node.type in ("float", "double", "long double"):
            return float_constant(node.value, node.coord)
        return int_constant(node.value, node.coord)

    def _ID(self, node: c_ast.ID) -> tuple:
        sym = self.scopes.lookup(node.name)
        if sym is not None and sym.kind == "enum":
            return sym.value, sym.type
        raise CompileFailure(f"'{node.name}' is not a compile-time constant", node.coord)

    def _Cast(self, node: c_ast.Cast) -> tuple:
        to = self.resolve_type(node.to_type)
        value, t = self.eval(node.expr)
        return convert_constant(value, t, to, node.coord), to

    def _GenericSelection(self, node: c_ast.GenericSelection) -> tuple:
        return self.eval(generic_choice(node, self.resolve_type, self.type_of))

    def _TernaryOp(self, node: c_ast.TernaryOp) -> tuple:
        cond, _ = self.eval(node.cond)
        a, ta = self.eval(node.iftrue)
        b, tb = self.eval(node.iffalse)
        rt = T.usual_arithmetic(ta, tb) if ta.is_arithmetic() and tb.is_arithmetic() else ta
        return convert_constant(a if cond else b, ta if cond else tb, rt, node.coord), rt

    def _FuncCall(self, node: c_ast.FuncCall) -> tuple:
        if isinstance(node.name, c_ast.ID) and (node.name.name == "offsetof" or
                                                node.name.name.startswith("__builtin_")):
            return self.builtin(node)
        raise CompileFailure("function call in a constant expression", node.coord)

    def _UnaryOp(self, node: c_ast.UnaryOp) -> tuple:
        op = node.op
        if op in ("sizeof", "_Alignof"):
            if isinstance(node.expr, c_ast.Typename):
                t = self.resolve_type(node.expr)
            else:
                t = self.operand_type(node.expr)
            if op == "sizeof" and not t.is_complete() and not t.is_void():
                raise CompileFailure(f"invalid application of 'sizeof' to incomplete type "
                                     f"'{t}'", node.coord)
            if op == "sizeof":
                return t.size, T.ULONG
            sym = self.scopes.lookup(node.expr.name) if isinstance(node.expr, c_ast.ID) else None
            return max(t.align, sym.align if sym is not None and sym.kind == "var" else 1), \
                T.ULONG
        value, t = self.eval(node.expr)
        if op in ("__real__", "__imag__"):
            part = value if t.is_complex() else (value, 0)
            return part[op == "__imag__"], T.real_part_type(t)
        if op == "!":
            return int(not any(value) if t.is_complex() else not value), T.INT
        if t.is_complex():
            return fold_unary(op, value, node.coord), t
        if op == "+":
            return value, T.promote(t)
        if op == "-":
            t = T.promote(t)
            return wrap(-value, t) if t.is_integer() else -value, t
        if op == "~":
            t = T.promote(t)
            return wrap(~value, t), t
        raise CompileFailure("expression is not a compile-time constant", node.coord)

    def _BinaryOp(self, node: c_ast.BinaryOp) -> tuple:
        op = node.op
        a, ta = self.eval(node.left)
        if op == "&&":
            return (int(bool(self.eval(node.right)[0])) if a else 0), T.INT
        if op == "||":
            return (1 if a else int(bool(self.eval(node.right)[0]))), T.INT
        b, tb = self.eval(node.right)
        if op in ("<<", ">>"):
            rt = T.promote(ta)
            a = convert_constant(a, ta, rt, node.coord)
            return wrap(a << b if op == "<<" else a >> b, rt), rt
        ct = T.usual_arithmetic(ta, tb)
        a = convert_constant(a, ta, ct, node.coord)
        b = convert_constant(b, tb, ct, node.coord)
        if ct.is_complex():
            result = fold_binary(op, a, b, node.coord)
            return (result, T.INT) if op in ("==", "!=") else (result, ct)
        if op in ("==", "!=", "<", ">", "<=", ">="):
            result = {"==": a == b, "!=": a != b, "<": a < b, ">": a > b, "<=": a <= b,
                      ">=": a >= b}[op]
            return int(result), T.INT
        if op in ("/", "%") and b == 0:
            raise CompileFailure("division by zero in constant expression", node.coord)
        if ct.is_float():
            result = {"+": a + b, "-": a - b, "*": a * b, "/": a / b if op == "/" else 0}.get(op)
            if result is None:
                raise CompileFailure(f"invalid operands to binary '{op}'", node.coord)
            return result, ct
        if op == "/":
            result = abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1)
        elif op == "%":
            result = a - b * (abs(a) // abs(b) * (1 if (a < 0) == (b < 0) else -1))
        else:
            result = {"+": a + b, "-": a - b, "*": a * b, "&": a & b, "|": a | b,
                      "^": a ^ b}[op]
        return wrap(result, ct), ct


def convert_constant(value: Any, src: T.CType, dst: T.CType, coord: object) -> Any:
    if dst.is_complex():
        return complex_constant(value, src, dst, convert_constant, coord)
    if src.is_complex():
        if isinstance(dst, T.IntType) and dst.is_bool:
            return int(any(value))
        return convert_constant(value[0], src.real, dst, coord)
    if isinstance(dst, T.IntType):
        return wrap(int(value), dst)
    if T.plain(dst) is T.LDOUBLE:
        return value if isinstance(value, float) else Fraction(value)
    if isinstance(dst, T.FloatType):
        try:
            return float(value)
        except OverflowError:
            return math.copysign(math.inf, value)
    if isinstance(dst, T.PointerType) and isinstance(value, int):
        return wrap(value, T.ULONG)
    raise CompileFailure(f"cannot convert constant from '{src}' to '{dst}'", coord)
