"""Parse preprocessed C with pycparser, after naming the GNU extensions that
pycparser would otherwise reject with a bare syntax error."""
from __future__ import annotations

import re

from pycparser import c_ast, c_parser

from .diagnostics import CompileFailure, unquote_filename

_MARKER = re.compile(r'#\s*(?:line\s+)?(\d+)\s+"((?:[^"\\]|\\.)*)"')
_LITERALS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')
_UNSUPPORTED = [
    (re.compile(r"\b(?:__asm__|__asm|asm)\b"), "inline assembly is not supported in virtines"),
    (re.compile(r"\(\s*\{"), "GNU statement expressions are not supported"),
    (re.compile(r"\b(?:typeof|__typeof__|__typeof)\b"), "typeof is not supported"),
    (re.compile(r"\b__int128\b"), "__int128 is not supported"),
    (re.compile(r"\b__label__\b"), "local labels (__label__) are not supported"),
    (re.compile(r"\b_Complex\b"), "complex types are not supported"),
    (re.compile(r"\b_Thread_local\b|\b__thread\b"), "thread-local storage is not supported "
                                                    "in virtines"),
]


_KEYWORDS = {"auto", "break", "case", "char", "const", "continue", "default", "do", "double",
             "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long",
             "register", "restrict", "return", "short", "signed", "sizeof", "static", "struct",
             "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "_Bool"}


class _Coord:
    def __init__(self, file: str, line: int, column: int) -> None:
        self.file, self.line, self.column = file, line, column


def source_lines(text: str, filename: str) -> dict:
    """Map (file, line) of the original sources to the preprocessed code on that line."""
    lines = {}
    file, line = filename, 1
    for raw in text.split("\n"):
        stripped = raw.lstrip()
        marker = _MARKER.match(stripped) if stripped.startswith("#") else None
        if marker:
            file, line = unquote_filename(marker.group(2)), int(marker.group(1))
            continue
        if not stripped.startswith("#"):
            lines[(file, line)] = raw
        line += 1
    return lines


def reject_unsupported(lines: dict) -> None:
    """Report the first GNU extension pycparser cannot parse, at its location."""
    for (file, line), raw in lines.items():
        code = _LITERALS.sub(lambda m: " " * len(m.group()), raw)
        for pattern, message in _UNSUPPORTED:
            m = pattern.search(code)
            if m:
                raise CompileFailure(message, _Coord(file, line, m.start() + 1))


_ATTRIBUTE = re.compile(r"\b__attribute__\s*\(")
_LAYOUT_ATTRIBUTES = re.compile(r"\b(?:__)?(packed|aligned|vector_size|mode|ms_struct|"
                                r"transparent_union|may_alias)(?:__)?\b")


def _attributes(text: str):
    """(start, end) of every ``__attribute__((...))`` in ``text``, in order."""
    pos = 0
    for m in _ATTRIBUTE.finditer(text):
        if m.start() < pos:
            continue
        depth, end = 0, m.end() - 1
        while end < len(text):
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
            if depth == 0:
                break
        yield m.start(), end
        pos = end


def strip_attributes(text: str, filename: str) -> str:
    """Blank out GNU ``__attribute__((...))`` (pycparser cannot parse it), keeping every
    column in place; attributes that change layout or types are errors, since
    silently ignoring them would break the ABI shared with gcc-compiled code."""
    out = []
    pos = 0
    for start, end in _attributes(text):
        spec = text[start:end]
        bad = _LAYOUT_ATTRIBUTES.search(spec)
        if bad:
            file, line, col = _locate(text, start, filename)
            raise CompileFailure(f"__attribute__(({bad.group(1)})) is not supported in virtines "
                                 "(it would change the layout gcc uses)", _Coord(file, line, col))
        out.append(text[pos:start])
        out.append(re.sub(r"[^\n]", " ", spec))
        pos = end
    out.append(text[pos:])
    return "".join(out)


_CONSTRUCTOR = re.compile(r"\b(?:__)?constructor(?:__)?\b(?:\s*\(\s*(\d+)\s*\))?")
_NAME_BEFORE_PAREN = re.compile(r"([A-Za-z_]\w*)\s*$")


def constructors(text: str, filename: str) -> list[tuple[str, int]]:
    """(function, priority) of each ``__attribute__((constructor))`` in preprocessed
    ``text``: the functions to run once, before the snapshot (crt0 calls them)."""
    found = []
    for start, end in _attributes(text):
        ctor = _CONSTRUCTOR.search(text, start, end)
        if ctor is None:
            continue
        name = _function_named_near(text, start, end)
        if name is None:
            file, line, col = _locate(text, start, filename)
            raise CompileFailure("cannot tell which function this __attribute__((constructor)) "
                                 "belongs to", _Coord(file, line, col))
        found.append((name, int(ctor.group(1) or 65535)))
    return found


def _function_named_near(text: str, start: int, end: int):
    """The function an attribute at [start, end) belongs to: the declarator just before
    it (``void f(void) __attribute__((...))``), else the first one after it."""
    before = text[:start].rstrip()
    if before.endswith(")"):
        depth, i = 0, len(before) - 1
        while i >= 0:
            depth += {")": 1, "(": -1}.get(before[i], 0)
            if depth == 0:
                m = _NAME_BEFORE_PAREN.search(before[:i])
                return m.group(1) if m else None
            i -= 1
        return None
    paren = text.find("(", end)
    m = _NAME_BEFORE_PAREN.search(text[end:paren]) if paren >= 0 else None
    return m.group(1) if m else None


def _locate(text: str, offset: int, filename: str) -> tuple:
    """Original (file, line, column) of an offset into preprocessed text."""
    start = text.rfind("\n", 0, offset) + 1
    file, line = filename, 1
    for raw in text[:start].split("\n")[:-1]:
        marker = _MARKER.match(raw.lstrip()) if raw.lstrip().startswith("#") else None
        if marker:
            file, line = unquote_filename(marker.group(2)), int(marker.group(1))
        else:
            line += 1
    return file, line, offset - start + 1


def parse(text: str, filename: str) -> c_ast.FileAST:
    lines = source_lines(text, filename)
    reject_unsupported(lines)
    if "__attribute__" in text:
        text = strip_attributes(text, filename)
    parser = c_parser.CParser()
    try:
        return parser.parse(text, filename)
    except c_parser.ParseError as e:
        raise _syntax_error(str(e), filename, lines, parser) from None


def _syntax_error(message: str, filename: str, lines: dict,
                  parser: c_parser.CParser) -> CompileFailure:
    m = re.match(r"(.*?):(\d+):(\d+): (.*)", message, re.S)
    if not m:
        # Some pycparser errors name only the file: point at the token it stopped on.
        what = message.split(": ", 1)[-1]
        try:
            tok = parser._peek()
            coord = _Coord(unquote_filename(tok.filename or filename), tok.lineno, tok.column)
            what = f"{what} before '{tok.value}'"
        except Exception:  # noqa: BLE001 - pycparser internals; the message still stands
            coord = None
        return CompileFailure(f"syntax error: {what}", coord)
    file, line, col, what = (unquote_filename(m.group(1)), int(m.group(2)), int(m.group(3)),
                             m.group(4))
    what = re.sub(r"^before: (.*)$", r"syntax error before '\1'", what)
    code = lines.get((file or filename, line), "")
    unknown = re.match(r"([A-Za-z_]\w*)[\s*]+[A-Za-z_]\w*", code[col - 1:])
    if unknown and unknown.group(1) not in _KEYWORDS:
        what = f"unknown type name '{unknown.group(1)}'"
    return CompileFailure(what, _Coord(file or filename, line, col))
