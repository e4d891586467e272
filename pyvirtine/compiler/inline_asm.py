"""GNU ``asm`` statements as LLVM inline assembly, translated as clang does: the
template's ``%0``/``%[name]``/``%k0``/``%%`` become LLVM's ``$0``/``${0:k}``/``%``,
``+`` operands become an output and a tied input, ``cc``/``memory`` and register
clobbers become ``~{...}``.

What is supported: register, immediate and matching operands, memory inputs,
scalar operands, ``volatile``. Refused, each with its own error: ``asm goto``,
memory outputs, operand types that are not scalars, constraints and template
modifiers outside that set. LLVM ends the process on inline assembly it cannot
handle, so everything that reaches it is checked here first, and a template that
has text is assembled once in a child process (``asm_check``) before the real build
sees it."""
from __future__ import annotations

import re

import llvmlite.ir as ir

from . import c_types as T
from .asm_check import file_module, function_module
from .diagnostics import CompileFailure
from .expressions import Value
from .gnu_parser import Asm, AsmOperand
from .sema import string_literal_bytes

_REGISTER_CLASSES = set("rqQRlxyftu")
_NAMED_REGISTERS = {"a": "{ax}", "b": "{bx}", "c": "{cx}", "d": "{dx}", "S": "{si}",
                    "D": "{di}"}
_IMMEDIATES = {"i": None, "n": None, "I": (0, 31), "J": (0, 63), "K": (-128, 127),
               "M": (0, 3), "N": (0, 255), "e": (-(1 << 31), (1 << 31) - 1),
               "Z": (0, (1 << 32) - 1)}
_MEMORY = set("mo")
_MODIFIERS = set("bhwkqcnPa")
_GPRS = ["ax", "bx", "cx", "dx", "si", "di", "bp", "sp"]
_CLOBBERABLE = ({f"{p}{r}" for r in _GPRS for p in ("r", "e", "")} |
                {f"r{n}{s}" for n in range(8, 16) for s in ("", "d", "w", "b")} |
                {"al", "bl", "cl", "dl", "ah", "bh", "ch", "dh", "sil", "dil", "bpl", "spl"} |
                {f"{v}mm{n}" for v in "xyz" for n in range(32)} |
                {f"st({n})" for n in range(8)} | {"st"} | {f"mm{n}" for n in range(8)} |
                {"flags", "dirflag", "fpsr"})
# clang's implicit clobbers on x86: the direction flag, the x87 status word, the flags
_X86_CLOBBERS = ["~{dirflag}", "~{fpsr}", "~{flags}"]


class AsmModule(ir.Module):
    """An llvmlite module with file-scope asm (``module asm`` lines, which llvmlite
    does not write itself)."""

    def __init__(self, name: str) -> None:
        super().__init__(name=name)
        self.asm_lines: list[str] = []

    def _get_body_lines(self) -> list:
        return self.asm_lines + super()._get_body_lines()


class AsmGen:
    """Mixin of the code generator: ``s_Asm``, and ``file_asm`` outside functions."""

    def s_Asm(self, node: Asm) -> None:
        if node.labels or "goto" in node.qualifiers:
            raise CompileFailure("asm goto is not supported", node.coord)
        outputs = [self._asm_output(op) for op in node.outputs]
        inputs = [self._asm_input(op, outputs) for op in node.inputs]
        names = [op.name for op in node.outputs + node.inputs]
        template = _translate(_text(node.template), names, node.basic, node.coord)
        tied = [(str(i), self.load(lv)) for i, (c, lv) in enumerate(outputs) if c[0] == "+"]
        constraints = ([("=" + c[1:] if c[0] == "+" else c) for c, _ in outputs] +
                       [c for c, _ in inputs] + [c for c, _ in tied] +
                       [_clobber(c) for c in node.clobbers])
        if node.basic:
            constraints.append("~{memory}")   # gcc treats basic asm as touching anything
        constraints += [c for c in _X86_CLOBBERS if c not in constraints]
        args = [v for _, v in inputs] + [v for _, v in tied]
        types = [T.llvm_type(lv.type) for _, lv in outputs]
        ret = (ir.VoidType() if not types else types[0] if len(types) == 1
               else ir.LiteralStructType(types))
        signature = ir.FunctionType(ret, [a.ir.type for a in args])
        volatile = node.basic or "volatile" in node.qualifiers or not outputs
        constraint_text = ",".join(constraints)
        if template.strip():
            self.asm_checks.append((node.coord, function_module(
                template, constraint_text, signature, [a.ir for a in args])))
        result = self.builder.asm(signature, template, constraint_text, [a.ir for a in args],
                                  volatile)
        for i, (_, lv) in enumerate(outputs):
            piece = result if len(outputs) == 1 else self.builder.extract_value(result, i)
            self.store(lv, Value(piece, lv.type), node.coord)

    def file_asm(self, node: Asm) -> None:
        """``asm("...");`` outside functions: its text goes into the object as it is,
        among the compiler's own output (``module asm`` to LLVM)."""
        if not node.basic or node.qualifiers:
            raise CompileFailure("file-scope asm takes a string only: no qualifiers or "
                                 "operands", node.coord)
        lines = [f'module asm "{_escape(line)}"' for line in _text(node.template).split("\n")]
        self.module.asm_lines += lines
        if _text(node.template).strip():
            self.asm_checks.append((node.coord, file_module(lines)))

    def _asm_output(self, op: AsmOperand) -> tuple:
        text = _text(op.constraint)
        if text[:1] not in ("=", "+"):
            raise CompileFailure(f"output constraint '{text}' must start with '=' or '+'",
                                 op.coord)
        letters = text[1:].replace("%", "")
        early = "&" if "&" in letters else ""
        letters = letters.replace("&", "").replace("g", "r")
        kept = "".join(ch for ch in letters if ch not in _MEMORY)
        if not kept:
            raise CompileFailure("memory output operands are not supported (use a register: "
                                 f"'{text[0]}r')", op.coord)
        code = _register_constraint(kept, op.coord)
        lv = self.lvalue(op.expr)
        self._asm_scalar(lv.type, op.coord)
        if lv.member is not None:
            raise CompileFailure("a bit-field cannot be an asm output", op.coord)
        return text[0] + early + code, lv

    def _asm_input(self, op: AsmOperand, outputs: list) -> tuple:
        text = _text(op.constraint).replace("%", "")
        if text.isdigit():
            index = int(text)
            if index >= len(outputs):
                raise CompileFailure(f"matching constraint '{text}' does not name an output",
                                     op.coord)
            v = self.convert(self.expr(op.expr), outputs[index][1].type, op.coord)
            return text, v
        letters = text.replace("g", "imr")
        if letters and all(ch in _IMMEDIATES for ch in letters):
            value = self.consts.integer(op.expr, "asm immediate operand")
            for ch in letters:
                bounds = _IMMEDIATES[ch]
                if bounds and not bounds[0] <= value <= bounds[1]:
                    raise CompileFailure(f"value {value} out of range for constraint '{ch}'",
                                         op.coord)
            v = self.expr(op.expr)
            self._asm_scalar(v.type, op.coord)
            return letters, Value(ir.Constant(T.llvm_type(v.type), value), v.type)
        v = self.expr(op.expr)
        self._asm_scalar(v.type, op.coord)
        immediate = isinstance(v.ir, ir.Constant)
        if any(ch in _IMMEDIATES for ch in letters) and not immediate:
            letters = "".join(ch for ch in letters if ch not in _IMMEDIATES)
        others = "".join(ch for ch in letters if ch not in _IMMEDIATES and ch not in _MEMORY
                         and ch not in "Xp")
        code = _register_constraint(others, op.coord) if others else ""
        rest = "".join(ch for ch in letters if ch in _IMMEDIATES or ch in _MEMORY or ch in "Xp")
        if not code and not rest:
            raise CompileFailure(f"unsupported asm constraint '{text}'", op.coord)
        return code + rest, v

    def _asm_scalar(self, t: T.CType, coord: object) -> None:
        if not t.is_scalar() or (t.is_float() and t.size == 16):
            raise CompileFailure(f"asm operands of type '{t}' are not supported", coord)


def _register_constraint(letters: str, coord: object) -> str:
    if letters in _NAMED_REGISTERS:
        return _NAMED_REGISTERS[letters]
    bad = [ch for ch in letters if ch not in _REGISTER_CLASSES]
    if bad:
        raise CompileFailure(f"unsupported asm constraint '{bad[0]}'", coord)
    return letters


def _clobber(literal: object) -> str:
    name = _text(literal).strip().lstrip("%")
    if name == "memory":
        return "~{memory}"
    if name == "cc":
        return "~{flags}"
    if name not in _CLOBBERABLE:
        raise CompileFailure(f"unknown register name '{name}' in asm", literal.coord)
    return "~{" + name + "}"


def _text(literal: object) -> str:
    """The characters of a C string literal (an ``ir`` constant of its bytes)."""
    value = literal if isinstance(literal, str) else literal.value
    coord = getattr(literal, "coord", None)
    return bytes(string_literal_bytes(value, coord)[0]).decode("latin-1")


def _translate(text: str, names: list, basic: bool, coord: object) -> str:
    """A gcc asm template in LLVM's syntax, escaped for an LLVM string."""
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "$":
            out.append("$$")
        elif c != "%" or basic:
            out.append(c)
        elif text[i + 1:i + 2] == "%":
            out.append("%")
            i += 1
        elif text[i + 1:i + 2] == "=":
            out.append("${:uid}")
            i += 1
        else:
            m = re.match(r"([A-Za-z]?)(\d+|\[(\w+)\])", text[i + 1:])
            if not m:
                raise CompileFailure(f"invalid '%' in asm template: {text[i:i + 3]!r}", coord)
            index = _operand_index(m, names, coord)
            modifier = m.group(1)
            if modifier and modifier not in _MODIFIERS:
                raise CompileFailure(f"unsupported operand modifier '%{modifier}' in asm "
                                     "template", coord)
            out.append(f"${{{index}:{modifier}}}" if modifier else f"${index}")
            i += len(m.group(0))
        i += 1
    return _escape("".join(out))


def _escape(text: str) -> str:
    """``text`` as the inside of an LLVM string."""
    return "".join(ch if " " <= ch <= "~" and ch not in '"\\' else f"\\{ord(ch):02X}"
                   for ch in text)


def _operand_index(m: re.Match, names: list, coord: object) -> int:
    if m.group(3) is not None:
        if m.group(3) not in names:
            raise CompileFailure(f"undefined named operand '{m.group(3)}' in asm", coord)
        return names.index(m.group(3))
    index = int(m.group(2))
    if index >= len(names):
        raise CompileFailure(f"invalid operand number {index} in asm template (there are "
                             f"{len(names)} operands)", coord)
    return index

