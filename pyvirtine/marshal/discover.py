"""Find the functions of a C file marked ``virtine`` and build their ``Signature``.

A marker is a ``pyvirtine virtine ...`` pragma (see virtine.h) right before a
function declaration or definition.  Every parameter is classified here, and
anything that cannot be copied into a virtine is a compile error naming it."""
from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass
from typing import Iterable, Optional

from pycparser import c_ast
from pycparser.c_generator import CGenerator

from . import lengths
from .annotations import Annotation, find_annotations, find_markers
from .frontend import ParsedSource, Probe, parse, preprocess_probed
from .resolve import VOID, Opaque, Pointer, TypeResolver, Unresolvable, spelling
from .signature import BUFFER, OBJECT, STRING, VALUE, Param, Signature
from .types import Enum, Scalar
from ..compiler.diagnostics import coord_file
from ..errors import VirtineCompileError

def find_virtines(source: str, filename: str, include_dirs: Iterable[str] = (),
                  defines: Iterable[str] = (), entries: Iterable[str] = ()) -> list[Signature]:
    """Signatures of the virtines defined in ``source``, in source order; the functions
    named in ``entries`` count as virtines without a marker."""
    return discover(prepare(source, filename, include_dirs, defines), entries)


@dataclass(frozen=True)
class Prepared:
    """A C file after preprocessing: ``text`` is all its build depends on."""
    source: str
    filename: str
    text: str
    annotations: dict
    markers: list


def prepare(source: str, filename: str, include_dirs: Iterable[str] = (),
            defines: Iterable[str] = ()) -> Prepared:
    notes = find_annotations(source)
    markers = find_markers(source)
    masks = [m for m in markers if m.mode == "whitelist"]
    probes = [Probe(n.length, n.line) for n in [*notes.values(), *masks]]
    text = preprocess_probed(source, filename, include_dirs, defines, probes)
    return Prepared(source, filename, text, notes, markers)


def discover(prepared: Prepared, entries: Iterable[str] = (),
             init: Iterable[str] = ()) -> list[Signature]:
    """The virtines' signatures; ``init`` names functions that must be defined in the
    file as ``void f(void)`` (they run before the snapshot)."""
    parsed = parse(prepared.text, prepared.source, prepared.filename)
    return _Discovery(parsed, prepared.annotations, prepared.markers, set(entries),
                      list(init)).run()


class _Discovery:
    def __init__(self, parsed: ParsedSource, annotations: dict[tuple[int, str], Annotation],
                 markers: list[Annotation], entries: set[str], init: list[str]) -> None:
        self.entries = entries
        self.init = init
        self.parsed = parsed
        self.annotations = annotations
        self.markers = markers
        self.types = TypeResolver(parsed.ast)
        exprs = iter(parsed.probes)
        self.lengths = {id(n): next(exprs) for n in annotations.values()}
        self.masks = {id(m): next(exprs) for m in markers if m.mode == "whitelist"}

    def run(self) -> list[Signature]:
        marks: dict[str, str] = {}
        decls: dict[str, list[c_ast.Decl]] = {}
        defs: dict[str, c_ast.FuncDef] = {}
        pending: Optional[c_ast.Pragma] = None
        for ext in self.parsed.ast.ext:
            if isinstance(ext, c_ast.Pragma):
                text = _pragma_text(ext)
                if text.split()[:2] == ["pyvirtine", "virtine"]:
                    pending = ext
                continue
            decl = ext.decl if isinstance(ext, c_ast.FuncDef) else ext
            if isinstance(decl, c_ast.Decl) and isinstance(decl.type, c_ast.FuncDecl):
                decls.setdefault(decl.name, []).append(decl)
                if isinstance(ext, c_ast.FuncDef):
                    defs[decl.name] = ext
                if pending is not None:
                    marks.setdefault(decl.name, _pragma_text(pending))
            elif pending is not None:
                raise self.parsed.error(pending.coord or ext.coord,
                               "'virtine' must be followed by a function declaration")
            pending = None
        for name in self.entries:
            if name not in defs:
                raise self._undefined_entry(name, defs)
            marks.setdefault(name, "pyvirtine virtine")
        for name in self.init:
            self._check_initialiser(name, defs.get(name))
        missing = [name for name in marks if name not in defs]
        if missing:
            raise self.parsed.error(decls[missing[0]][0].coord,
                           f"virtine '{missing[0]}' is declared but never defined")
        return [self._signature(defs[name], decls[name], marks[name])
                for name in defs if name in marks]

    def _check_initialiser(self, name: str, fdef: Optional[c_ast.FuncDef]) -> None:
        if fdef is None:
            raise self.parsed.error(None, f"init function '{name}' is not defined in the C "
                                          "source")
        fdecl = fdef.decl.type
        params = fdecl.args.params if fdecl.args else []
        no_params = not params or (len(params) == 1 and params[0].name is None
                                   and self.types.resolve(params[0].type) is VOID)
        if not no_params:
            raise self.parsed.error(fdef.decl.coord, f"init function '{name}' must take no "
                                                     f"arguments: void {name}(void)")

    def _undefined_entry(self, name: str, defs: dict) -> VirtineCompileError:
        """No C function is named like the Python one: said at the file's first
        function (which may be it, misspelt), naming those the file defines."""
        own = [d for d in defs.values() if coord_file(d.decl.coord) == self.parsed.filename]
        message = f"no function '{name}' is defined in the C source"
        if own:
            message += f" (it defines {', '.join(repr(d.decl.name) for d in own)})"
        return self.parsed.error(own[0].decl.coord if own else None, message)

    def _signature(self, fdef: c_ast.FuncDef, decls: list[c_ast.Decl], mark: str) -> Signature:
        decl = fdef.decl
        fdecl: c_ast.FuncDecl = decl.type
        name = decl.name
        raw = [p for p in (fdecl.args.params if fdecl.args else [])]
        if any(isinstance(p, c_ast.EllipsisParam) for p in raw):
            raise self.parsed.error(decl.coord, f"virtine '{name}' cannot be variadic")
        if any(isinstance(p, c_ast.ID) for p in raw):
            raise self.parsed.error(decl.coord, f"virtine '{name}' needs a prototype, "
                                                   "not K&R-style parameters")
        if len(raw) == 1 and raw[0].name is None and self.types.resolve(raw[0].type) is VOID:
            raw = []
        names = [p.name or f"arg{i}" for i, p in enumerate(raw)]
        notes = self._annotations(decls, names)
        resolved = [self.types.resolve(p.type) for p in raw]
        integer = {n for n, t in zip(names, resolved) if _is_integer(t)}
        params = [self._param(name, n, p, t, notes.get(n), integer)
                  for n, p, t in zip(names, raw, resolved)]
        implied = {p.length for p in params if p.kind == BUFFER and isinstance(p.length, str)}
        params = [dataclasses.replace(p, implied=p.name in implied) for p in params]
        ret_kind, ret, ret_c = self._return(name, decl, fdecl)
        allow, strict, memory = self._policy(mark, decl)
        return Signature(name, tuple(params), ret_kind, ret, ret_c, allow, strict, memory,
                         f"{decl.coord.file}:{decl.coord.line}:{decl.coord.column}")

    def _annotations(self, decls: list[c_ast.Decl], names: list[str]) -> dict[str, Annotation]:
        found: dict[str, Annotation] = {}
        for d in decls:
            if d.coord.file != self.parsed.filename or not d.type.args:
                continue
            for i, p in enumerate(d.type.args.params):
                if isinstance(p, c_ast.Decl) and p.name and i < len(names):
                    note = self.annotations.get((p.coord.line, p.name))
                    if note is not None:
                        found.setdefault(names[i], note)
        return found

    def _param(self, fname: str, name: str, node: c_ast.Decl, t, note: Optional[Annotation],
               integer: set[str]) -> Param:
        ctype = spelling(node.type)
        decl_text = _declaration(node.type, name)

        def cannot(why: str = "") -> VirtineCompileError:
            return self.parsed.error(node.coord,
                            f"parameter '{name}' of virtine '{fname}' has type '{ctype}', "
                            f"which cannot be copied into a virtine{f' ({why})' if why else ''}")

        if isinstance(t, Pointer) and isinstance(t.target, (Pointer, Opaque)):
            raise cannot(t.target.why if isinstance(t.target, Opaque) else "")
        if not isinstance(t, Pointer):
            if isinstance(t, Opaque):
                raise cannot(t.why)
            if t is VOID:
                raise cannot()
            if note is not None:
                raise self._note_error(note, f"'{name}' is not a pointer; only pointer "
                                             "parameters take VIRTINE_IN/OUT/INOUT")
            return Param(name, decl_text, ctype, VALUE, t)
        target = None if t.target is VOID else t.target
        if note is not None:
            if note.mode != "in" and t.const:
                raise self._note_error(note, f"'{name}' points to const data, so it cannot be "
                                             f"VIRTINE_{note.mode.upper()}")
            length = self._length(fname, note, integer)
            return Param(name, decl_text, ctype, BUFFER, target, note.mode, length,
                         f"VIRTINE_{note.mode.upper()}({note.length})")
        if isinstance(target, Scalar) and target.is_char:
            if t.const and target.c == "char":
                return Param(name, decl_text, ctype, STRING, target)
            raise cannot("annotate it VIRTINE_IN/OUT/INOUT(len), or declare it 'const char *' "
                         "for a NUL-terminated string")
        if target is None:
            raise cannot("annotate it VIRTINE_IN/OUT/INOUT(len) to say how many bytes it points to")
        return Param(name, decl_text, ctype, OBJECT, target, "in" if t.const else "inout")

    def _length(self, fname: str, note: Annotation, integer: set[str]) -> lengths.Length:
        expr = self.lengths[id(note)]

        def constant(node: c_ast.Node) -> int:
            if isinstance(node, c_ast.ID) and node.name not in self.types.constants:
                raise self._note_error(note, f"'{node.name}' in length '{note.length}' is not an "
                                             f"integer parameter of '{fname}'")
            try:
                return self.types.evaluate(node)
            except (Unresolvable, ZeroDivisionError):
                raise self._note_error(note, f"length '{note.length}' must be built from integer "
                                             "parameters, constants and + - * / % << >> & | ^"
                                       ) from None
        return lengths.from_c(expr, lambda n: n in integer, constant)

    def _return(self, name: str, decl: c_ast.Decl, fdecl: c_ast.FuncDecl):
        t = self.types.resolve(fdecl.type)
        c = spelling(fdecl.type)
        if t is VOID:
            return "void", None, c
        if isinstance(t, Pointer) and isinstance(t.target, Scalar) and t.target.c == "char":
            return STRING, None, c
        if isinstance(t, (Pointer, Opaque)):
            why = f" ({t.why})" if isinstance(t, Opaque) else ""
            raise self.parsed.error(decl.coord, f"virtine '{name}' returns '{c}', which cannot "
                                                   f"be copied out of a virtine{why}")
        return VALUE, t, c

    def _policy(self, mark: str, decl: c_ast.Decl) -> tuple[int, bool, Optional[int]]:
        kind = mark.split()[2] if len(mark.split()) > 2 else ""
        if kind == "strict":
            return 0, True, None
        if kind not in ("whitelist", "cfg"):
            return 0, False, None
        # The pragma has no text: the marker is the nearest one written before the function.
        marker = max((m for m in self.markers if m.mode == kind and m.line <= decl.coord.line),
                     key=lambda m: m.line, default=None)
        if marker is None:
            raise self.parsed.error(decl.coord, f"write virtine_{kind}(...) literally before "
                                                f"virtine '{decl.name}', not through a macro")
        if kind == "cfg":
            return self._config(marker.length, decl)
        try:
            return self.types.evaluate(self.masks[id(marker)]), False, None
        except (Unresolvable, ZeroDivisionError):
            raise self._note_error(marker, f"cannot read the hypercall mask '{marker.length}' "
                                           "of virtine_whitelist: use VIRTINE_ALLOW_* names, "
                                           "integer constants, | and <<") from None

    def _config(self, cfg: str, decl: c_ast.Decl) -> tuple[int, bool, Optional[int]]:
        var = next((e for e in self.parsed.ast.ext if isinstance(e, c_ast.Decl)
                    and e.name == cfg and e.init is not None), None)
        if var is None or not isinstance(var.init, c_ast.InitList):
            raise self.parsed.error(decl.coord, f"virtine_cfg({cfg}) of virtine '{decl.name}' "
                                                   "needs a file-scope 'struct virtine_config' "
                                                   "with an initializer")
        order = ["hypercall_whitelist", "memory"]
        values = {}
        for i, item in enumerate(var.init.exprs):
            key = item.name[0].name if isinstance(item, c_ast.NamedInitializer) else order[i]
            expr = item.expr if isinstance(item, c_ast.NamedInitializer) else item
            try:
                values[key] = self.types.evaluate(expr)
            except (Unresolvable, ZeroDivisionError):
                raise self.parsed.error(expr.coord,
                                        f"'{key}' of {cfg} must be a constant") from None
        return values.get("hypercall_whitelist", 0), False, values.get("memory") or None

    def _note_error(self, note: Annotation, message: str) -> VirtineCompileError:
        return self.parsed.error_at(note.line, note.col, message)


def _is_integer(t) -> bool:
    return isinstance(t, Enum) or (isinstance(t, Scalar) and not t.is_float)


def _pragma_text(p: c_ast.Pragma) -> str:
    s = p.string
    if isinstance(s, c_ast.Constant):
        s = s.value[1:-1].encode().decode("unicode_escape")
    return s or ""


def _declaration(node: c_ast.Node, name: str) -> str:
    """``node`` declared as ``name``, e.g. ``const unsigned char *data``.

    Top-level qualifiers are dropped: they are not part of the function's type, and
    the glue declares its locals with this text and assigns them."""
    node = copy.deepcopy(node)
    if isinstance(node, (c_ast.TypeDecl, c_ast.PtrDecl)):
        node.quals = [q for q in node.quals if q not in ("const", "volatile")]
    inner = node
    while not isinstance(inner, c_ast.TypeDecl):
        inner = inner.type
    inner.declname = name
    return CGenerator()._generate_type(node).strip()
