"""The image linker: ELF relocatable objects in, a virtine ``Image`` out.

Pipeline, top to bottom:

1. read the objects (``elfobj``) and resolve their global symbols, pulling in library
   objects that define a symbol still undefined (like ``ld`` with a ``.a``; unlike ``ld``,
   a weak reference pulls too, so crt0's weak calls into libc find libc when it is given);
2. keep only the sections reachable from the entry points (and the constructor tables,
   ``.init_array``, and a program's destructor tables, ``.fini_array``) through
   relocations;
3. lay them out per docs/ABI.md: boot stub, code and read-only data (the constructor
   tables in priority order, between ``__init_array_start`` and ``__init_array_end``, then
   the destructor tables, between ``__fini_array_start`` and ``__fini_array_end``),
   then data and bss, heap, stack guard page, stack, argument area;
4. apply the relocations, then relocate the DWARF of each object to build the line table.
"""
from __future__ import annotations

import dataclasses
import functools
from typing import Any, Optional, Sequence

from .. import image as img
from ..errors import LinkError
from .elfobj import (SHF_ALLOC, SHF_EXECINSTR, SHF_GNU_RETAIN, SHF_WRITE, ObjectFile, Section,
                     Symbol, read_object)
from .linemap import build_table, line_rows
from .recursion import original_name
from .relocate import GOT_KINDS, KINDS, R_X86_64_NONE, patch
from .startfiles import startfile_objects

__all__ = ["link", "ENTRIES", "BOOT16_SYMBOL", "DEFAULT_MEMORY",
           "DEFAULT_STACK", "DEFAULT_ARGAREA"]

ENTRIES = {"program": "__virtine_main64", "function": "__virtine_entry64"}
# What each mode's crt0 entry calls: a program's main, or the compiler-made dispatcher.
MODE_NEEDS = {"program": "main", "function": "__virtine_dispatch"}
BOOT16_SYMBOL = "__virtine_boot16"
DEFAULT_MEMORY = 2 << 20
DEFAULT_STACK = 64 << 10
DEFAULT_ARGAREA = 64 << 10
LINKER_SYMBOLS = ("__heap_start", "__heap_end", "__argarea", "__argarea_size", "__stack_top",
                  "__init_array_start", "__init_array_end", "__fini_array_start",
                  "__fini_array_end")
INIT_ARRAY, FINI_ARRAY = ".init_array", ".fini_array"


def link(objects: Sequence[bytes], *, libraries: Sequence[bytes] = (), entry: Optional[str] = None,
         mode: str = "program", memory: int = DEFAULT_MEMORY, stack: int = DEFAULT_STACK,
         argarea: int = DEFAULT_ARGAREA, allow: int = 0, name: str = "",
         abi: Optional[dict[str, Any]] = None, startfiles: bool = True) -> img.Image:
    """Link ``objects`` (plus the ``libraries`` objects they need) into an image.

    ``mode`` "program" enters at crt0's ``__virtine_main64`` (calls ``main``); "function"
    at ``__virtine_entry64`` (calls ``__virtine_dispatch``). ``entry`` overrides the entry
    symbol; ``startfiles=False`` leaves out the boot stub and crt0 (the objects then bring
    their own entry). Sizes are in bytes and rounded up to whole pages.
    """
    if mode not in ENTRIES:
        raise LinkError(f"unknown link mode {mode!r}; expected one of {', '.join(ENTRIES)}")
    entry = entry or ENTRIES[mode]
    inputs = [read_object(data, f"object #{i + 1}") for i, data in enumerate(objects)]
    if startfiles:
        inputs = [read_object(data, stub) for stub, data in startfile_objects()] + inputs
    members = [read_object(data, f"library object #{i + 1}") for i, data in enumerate(libraries)]

    symbols = SymbolTable()
    for obj in inputs:
        symbols.add(obj)
    symbols.pull_from(members)
    if startfiles and entry == ENTRIES[mode] and MODE_NEEDS[mode] not in symbols.defs:
        raise LinkError(f"{MODE_NEEDS[mode]} is not defined: a {mode} needs one"
                        + (" (int main(int argc, char **argv))" if mode == "program" else ""))
    symbols.define_commons_and_linker_symbols()

    entry_def = symbols.defs.get(entry)
    if entry_def is None or entry_def.section is None:
        raise LinkError(f"entry symbol {entry} is not defined in any object")
    if not entry_def.section.flags & SHF_EXECINSTR:
        raise LinkError(f"entry symbol {entry} is in {entry_def.section.where}, which is not code")
    boot = symbols.defs.get(BOOT16_SYMBOL)
    boot_section = boot.section if boot else None
    roots = [entry_def.section] + ([boot_section] if boot_section else [])
    # A virtine function's state is thrown away after each call, not torn down: only a
    # program's exit runs destructors (the compiler warns about them in virtine code).
    tables = (INIT_ARRAY, FINI_ARRAY) if mode == "program" else (INIT_ARRAY,)
    roots += [s for obj in symbols.objects for s in obj.sections.values()
              if s.flags & SHF_GNU_RETAIN or any(_is_table(s, t) for t in tables)]
    live = _reachable(roots, symbols)

    layout = _Layout(live, boot_section, symbols, memory, stack, argarea)
    payload = layout.relocate()
    debug = _debug_table(symbols, layout)
    return img.Image(
        payload=payload, entry64=layout.address(entry_def), mem_size=layout.mem_size,
        stack_top=layout.stack_top, stack_size=layout.stack_size,
        argarea_addr=layout.argarea_addr, argarea_size=layout.argarea_size,
        text_size=layout.text_size, load_addr=img.MIN_LOAD_ADDR,
        entry16=layout.address(boot) if boot_section else 0,
        heap_start=layout.heap_start, heap_end=layout.heap_end, allow=allow,
        flags=img.FLAG_X86_64_V2 | (img.FLAG_SNAPSHOT if startfiles else 0), name=name,
        abi=abi, debug=debug)


@dataclasses.dataclass
class Definition:
    obj: ObjectFile
    symbol: Symbol
    section: Optional[Section]  # None for absolute and linker-defined symbols
    value: int = 0  # the address of an absolute symbol

    @property
    def weak(self) -> bool:
        return self.symbol.bind == "STB_WEAK"


class SymbolTable:
    """The global symbols of the objects taking part in the link."""

    def __init__(self) -> None:
        self.objects: list[ObjectFile] = []
        self.defs: dict[str, Definition] = {}
        self.referenced: set[str] = set()
        self.commons: dict[str, tuple[int, int, ObjectFile]] = {}  # name -> size, align, obj
        self.linker = ObjectFile("<linker>", b"", {}, {}, [])

    def add(self, obj: ObjectFile) -> None:
        self.objects.append(obj)
        for sym in obj.symbols:
            if sym.bind not in ("STB_GLOBAL", "STB_WEAK") or not sym.name:
                continue
            if sym.shndx == "SHN_UNDEF":
                self.referenced.add(sym.name)
            elif sym.shndx == "SHN_COMMON":
                size, align, _ = self.commons.get(sym.name, (0, 1, obj))
                self.commons[sym.name] = (max(size, sym.size), max(align, sym.value), obj)
            else:
                self._define(Definition(obj, sym, obj.sections.get(sym.shndx)
                                        if isinstance(sym.shndx, int) else None, sym.value))

    def _define(self, new: Definition) -> None:
        if isinstance(new.symbol.shndx, int) and new.section is None:
            return  # defined in a section the linker drops (e.g. .eh_frame)
        old = self.defs.get(new.symbol.name)
        if old is None or (old.weak and not new.weak):
            self.defs[new.symbol.name] = new
        elif not old.weak and not new.weak:
            raise LinkError(f"duplicate symbol {new.symbol.name}: defined in {old.obj.name} "
                            f"and in {new.obj.name}")

    def undefined(self) -> set[str]:
        return {n for n in self.referenced if n not in self.defs and n not in self.commons}

    def pull_from(self, members: list[ObjectFile]) -> None:
        """Add the library members that define a still undefined name, until none does."""
        provider: dict[str, ObjectFile] = {}
        for member in members:
            for sym in member.symbols:
                if (sym.bind in ("STB_GLOBAL", "STB_WEAK") and sym.name
                        and sym.shndx not in ("SHN_UNDEF", "SHN_COMMON")):
                    provider.setdefault(sym.name, member)
        pulled: set[int] = set()
        while True:
            wanted = [provider[n] for n in sorted(self.undefined()) if n in provider]
            wanted = [m for m in wanted if id(m) not in pulled]
            if not wanted:
                return
            pulled.add(id(wanted[0]))
            self.add(wanted[0])

    def define_commons_and_linker_symbols(self) -> None:
        for name, (size, align, obj) in self.commons.items():
            if name not in self.defs:
                section = Section(self.linker, -1, f"COMMON.{name}", SHF_ALLOC | SHF_WRITE,
                                  True, b"", size, align, 0)
                self.defs[name] = Definition(obj, Symbol(name, "STB_GLOBAL", "STT_OBJECT", -1,
                                                         0, size), section)
        for name in LINKER_SYMBOLS:
            if name not in self.defs:
                self.defs[name] = Definition(self.linker, Symbol(name, "STB_GLOBAL", "STT_NOTYPE",
                                                                 "SHN_ABS", 0, 0), None)

    def target(self, obj: ObjectFile, index: int) -> tuple[Symbol, Optional[Definition]]:
        """The symbol a relocation names and, for a global one, its definition."""
        sym = obj.symbols[index]
        if sym.bind == "STB_LOCAL":
            return sym, None
        return sym, self.defs.get(sym.name)


def _reachable(roots: list[Section], symbols: SymbolTable) -> list[Section]:
    """The sections reachable from ``roots`` through relocations, in input order."""
    live: set[Section] = set(roots)
    work = list(roots)
    undefined: set[tuple[str, Optional[tuple]]] = set()
    while work:
        section = work.pop()
        for reloc in section.relocs:
            sym, definition = symbols.target(section.obj, reloc.symbol)
            if sym.bind == "STB_LOCAL":
                target = section.obj.sections.get(sym.shndx) if isinstance(sym.shndx, int) else None
            elif definition is not None:
                target = definition.section
            else:
                if sym.bind == "STB_GLOBAL":
                    undefined.add(_undefined(sym.name, section, reloc.offset))
                continue
            if target is not None and target not in live:
                live.add(target)
                work.append(target)
    if undefined:
        found = sorted(undefined, key=lambda u: u[0])
        raise LinkError("\n".join(m for m, _ in found),
                        references=[where for _, where in found if where])
    order = {id(obj): i for i, obj in enumerate(symbols.objects)}
    commons = [d.section for d in symbols.defs.values()
               if d.section is not None and d.section.obj is symbols.linker and d.section in live]
    return sorted((s for s in live if s.obj is not symbols.linker),
                  key=lambda s: (order[id(s.obj)], s.index)) + commons


def _is_table(section: Section, table: str) -> bool:
    return section.name == table or section.name.startswith(table + ".")


def _table_priority(section: Section) -> int:
    """``.init_array.N`` (or ``.fini_array.N``) in ascending N, before plain
    ``.init_array`` (65535), as with ld. (exit runs the destructor tables backwards.)"""
    suffix = section.name.split(".")[2] if section.name.count(".") > 1 else ""
    return int(suffix) if suffix.isdigit() else 65535


def _undefined(name: str, section: Section, offset: int) -> tuple[str, Optional[tuple]]:
    """The message for a reference to ``name`` from ``section``, and where it is in C
    (``(name, file, line, function)``) when the object's line table knows."""
    message = f"undefined symbol {name} (referenced by {section.obj.name}, section {section.name})"
    rows = [r for r in _section_lines(section.obj) if r[0] == section.index and r[1] <= offset]
    row = max(rows, key=lambda r: r[1], default=None)
    if row is None or row[4] or not row[3]:
        return message, None
    function = original_name(section.name[len(".text."):]) \
        if section.name.startswith(".text.") else ""
    return f"{message} at {row[2]}:{row[3]}", (name, row[2], row[3], function)


def _align(value: int, alignment: int) -> int:
    return -(-value // alignment) * alignment


class _Layout:
    """Addresses for the live sections and the memory map around them (docs/ABI.md)."""

    def __init__(self, live: list[Section], boot: Optional[Section], symbols: SymbolTable,
                 memory: int, stack: int, argarea: int) -> None:
        self.symbols = symbols
        self.addr: dict[Section, int] = {}  # the placed sections (input objects stay shared)
        self.live = live
        page = img.PAGE
        # The constructor and destructor tables stay read-only: the image is static, so
        # their pointers are final at link time. (sorted() keeps input order within a
        # priority.)
        inits, finis = (sorted((s for s in live if _is_table(s, t)), key=_table_priority)
                        for t in (INIT_ARRAY, FINI_ARRAY))
        rest = [s for s in live if not _is_table(s, INIT_ARRAY) and not _is_table(s, FINI_ARRAY)]
        code = [s for s in rest if s.flags & SHF_EXECINSTR and s is not boot]
        rodata = [s for s in rest if not s.flags & (SHF_EXECINSTR | SHF_WRITE) and not s.nobits]
        data = [s for s in rest if s.flags & SHF_WRITE and not s.nobits]
        bss = [s for s in rest if s.nobits]
        self.got = self._make_got()
        text = ([boot] if boot else []) + code + rodata + inits + finis + (
            [self.got] if self.got.size else [])

        self.load_addr = img.MIN_LOAD_ADDR
        end = self._place(text, self.load_addr)
        init_start, init_end = self._bounds(inits)
        fini_start, fini_end = self._bounds(finis)
        self.text_size = _align(end - self.load_addr, page)
        self.data_end = self._place(data, self.load_addr + self.text_size)
        self.sections = text + data
        bss_end = self._place(bss, self.data_end)

        self.mem_size = _align(memory, page)
        if not 0 < self.mem_size <= img.MAX_MEM_SIZE:
            raise LinkError(f"guest memory of {img.human_size(memory)} asked for: a "
                            f"virtine's is {img.human_size(page)} to "
                            f"{img.human_size(img.MAX_MEM_SIZE)}")
        self.stack_size = _align(max(stack, 1), page)
        self.argarea_size = _align(argarea, page)
        mem_top = self.mem_size - img.page_table_bytes(self.mem_size)
        self.argarea_addr = mem_top - self.argarea_size
        self.stack_top = self.argarea_addr
        self.heap_start = _align(bss_end, page)
        self.heap_end = self.stack_top - self.stack_size - page  # below the guard page
        if self.heap_end < self.heap_start:
            short = self.heap_start - self.heap_end
            raise LinkError(f"the image does not fit in {self.mem_size} bytes of memory: code, "
                            f"data, stack and argument area need {short} bytes more "
                            f"(ask for more memory than {img.human_size(self.mem_size)})")
        linker_values = {"__heap_start": self.heap_start, "__heap_end": self.heap_end,
                         "__argarea": self.argarea_addr, "__argarea_size": self.argarea_size,
                         "__stack_top": self.stack_top, "__init_array_start": init_start,
                         "__init_array_end": init_end, "__fini_array_start": fini_start,
                         "__fini_array_end": fini_end}
        for name, value in linker_values.items():
            definition = symbols.defs[name]
            if definition.obj is symbols.linker:
                definition.value = value

    def _bounds(self, table: list[Section]) -> tuple[int, int]:
        """Where the placed sections of one table begin and end."""
        if not table:
            return self.load_addr, self.load_addr
        return self.addr[table[0]], self.addr[table[-1]] + table[-1].size

    def _make_got(self) -> Section:
        """One 8-byte slot per symbol a live section reaches through a GOT relocation;
        the image is static, so the slots are filled at link time and stay read-only."""
        self.got_slots: dict[Any, tuple[int, ObjectFile, int]] = {}  # key -> offset, obj, sym
        for section in self.live:
            for reloc in section.relocs:
                if reloc.type in GOT_KINDS:
                    key = self._got_key(section.obj, reloc.symbol)
                    self.got_slots.setdefault(key, (8 * len(self.got_slots), section.obj,
                                                    reloc.symbol))
        size = 8 * len(self.got_slots)
        return Section(self.symbols.linker, -2, ".got", SHF_ALLOC, False, bytes(size), size, 8, 0)

    @staticmethod
    def _got_key(obj: ObjectFile, index: int) -> Any:
        sym = obj.symbols[index]
        return (id(obj), index) if sym.bind == "STB_LOCAL" else sym.name

    def _place(self, sections: list[Section], addr: int) -> int:
        for section in sections:
            addr = _align(addr, section.align)
            self.addr[section] = addr
            addr += section.size
        return addr

    def address(self, definition: Definition) -> int:
        if definition.section is None:
            return definition.value
        return self.addr[definition.section] + definition.symbol.value

    def symbol_address(self, obj: ObjectFile, index: int) -> int:
        sym, definition = self.symbols.target(obj, index)
        if sym.bind != "STB_LOCAL":
            return self.address(definition) if definition else 0  # weak undefined: 0
        if sym.shndx == "SHN_ABS":
            return sym.value
        section = obj.sections.get(sym.shndx)
        if section not in self.addr:
            raise LinkError(f"{obj.name}: code or data refers to {sym.name or 'a section'} in a "
                            f"section the linker does not load (unwind tables, notes)")
        return self.addr[section] + sym.value

    def relocate(self) -> bytes:
        """The payload: code and read-only data padded to ``text_size``, then data."""
        payload = bytearray(self.data_end - self.load_addr)
        errors = []
        self.got.data = b"".join(self.symbol_address(obj, index).to_bytes(8, "little")
                                 for _, obj, index in self.got_slots.values())
        for section in self.sections:
            data = bytearray(section.data)
            for reloc in section.relocs:
                if reloc.type == R_X86_64_NONE:
                    continue
                kind = KINDS.get(reloc.type)
                sym = section.obj.symbols[reloc.symbol]
                where = f"{section.where}+{reloc.offset:#x}"
                if kind is None:
                    errors.append(f"{where}: unsupported relocation type {reloc.type} "
                                  f"against {sym.name or 'a section'}")
                    continue
                if reloc.type in GOT_KINDS:
                    offset, _, _ = self.got_slots[self._got_key(section.obj, reloc.symbol)]
                    target = self.addr[self.got] + offset
                else:
                    target = self.symbol_address(section.obj, reloc.symbol)
                bad = patch(data, reloc.offset, kind, target, reloc.addend,
                            self.addr[section] + reloc.offset)
                if bad is not None:
                    errors.append(f"{where}: relocation {kind.name} against "
                                  f"{sym.name or _section_name(section.obj, sym)} out of range: "
                                  f"{bad:#x} does not fit in {8 * kind.width} bits")
            start = self.addr[section] - self.load_addr
            payload[start:start + section.size] = data
        if errors:
            raise LinkError("\n".join(errors))
        return bytes(payload)


def _section_name(obj: ObjectFile, sym: Symbol) -> str:
    section = obj.sections.get(sym.shndx)
    return section.name if section else "a section"


def _debug_table(symbols: SymbolTable, layout: _Layout) -> dict[str, Any]:
    """The line table and function list of the placed code."""
    functions = []
    for obj in symbols.objects:
        for sym in obj.symbols:
            section = obj.sections.get(sym.shndx) if isinstance(sym.shndx, int) else None
            if (section in layout.addr
                    and section.flags & SHF_EXECINSTR and sym.name
                    and sym.type in ("STT_FUNC", "STT_NOTYPE")
                    and (sym.type == "STT_FUNC" or sym.bind != "STB_LOCAL")):
                functions.append((layout.addr[section] + sym.value, sym.size,
                                  original_name(sym.name)))
    rows = []
    for obj in symbols.objects:
        for index, offset, file, line, end in _section_lines(obj):
            section = obj.sections.get(index)
            if section in layout.addr:
                rows.append((layout.addr[section] + offset, file, line, end))
    return build_table(rows, sorted(set(functions)))


_SECTION_SHIFT = 40  # debug addresses are read as (section index + 1) << 40 | offset


@functools.lru_cache(maxsize=256)
def _section_lines(obj: ObjectFile) -> list[tuple[int, int, str, int, bool]]:
    """The object's line rows as (section index, offset, file, line, end of sequence).

    Independent of any layout, so an object's DWARF is decoded once however many
    images it goes into: each code section gets its own fake base address while the
    debug sections are relocated, and the rows are mapped back to sections."""
    if not any(s.name == ".debug_line" for s in obj.debug.values()):
        return []
    raw = bytearray(obj.raw)
    for section in obj.debug.values():
        data = bytearray(section.data)
        for reloc in section.relocs:
            kind = KINDS.get(reloc.type)
            if kind is not None and not kind.pc_relative:
                patch(data, reloc.offset, kind, _debug_base(obj, reloc.symbol), reloc.addend, 0,
                      checked=False)
        raw[section.file_offset:section.file_offset + section.size] = data
    rows = []
    for addr, file, line, end in line_rows(bytes(raw)):
        index, offset = divmod(addr, 1 << _SECTION_SHIFT)
        if index:
            rows.append((index - 1, offset, file, line, end))
    return rows


def _debug_base(obj: ObjectFile, index: int) -> int:
    """What a debug relocation against this symbol resolves to before layout."""
    sym = obj.symbols[index]
    if sym.shndx in obj.sections:
        return ((sym.shndx + 1) << _SECTION_SHIFT) + sym.value
    if sym.shndx in obj.debug or sym.shndx == "SHN_ABS":
        return sym.value  # debug sections reference each other by offset
    return 0
