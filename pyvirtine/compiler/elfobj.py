"""Read ELF64 x86-64 relocatable objects into the few facts the image linker needs:
sections with their bytes and relocations, and the symbol table."""
from __future__ import annotations

import dataclasses
import functools
import io
import struct
from typing import Union

from elftools.common.exceptions import ELFError
from elftools.elf.elffile import ELFFile

from ..errors import LinkError

SHF_WRITE = 0x1
SHF_ALLOC = 0x2
SHF_EXECINSTR = 0x4
SHF_TLS = 0x400
SHF_GNU_RETAIN = 0x200000

_RELA = struct.Struct("<QQq")

# Allocated sections a static, unwinding-free guest never needs (notes, unwind tables).
_DROPPED_TYPES = {"SHT_NOTE", "SHT_AMD64_UNWIND"}
_UNSUPPORTED = {"SHT_PREINIT_ARRAY": "static constructors (.preinit_array)"}


@dataclasses.dataclass
class Reloc:
    offset: int
    type: int
    symbol: int  # index into the object's symbol list
    addend: int


@dataclasses.dataclass(eq=False)
class Section:
    obj: "ObjectFile"
    index: int
    name: str
    flags: int
    nobits: bool
    data: bytes
    size: int
    align: int
    file_offset: int
    relocs: list[Reloc] = dataclasses.field(default_factory=list)

    @property
    def where(self) -> str:
        return f"{self.obj.name}({self.name})"


@dataclasses.dataclass
class Symbol:
    name: str
    bind: str  # STB_LOCAL, STB_GLOBAL, STB_WEAK
    type: str  # STT_FUNC, STT_OBJECT, STT_SECTION, STT_FILE, STT_NOTYPE...
    shndx: Union[int, str]  # section index, or SHN_UNDEF / SHN_ABS / SHN_COMMON
    value: int
    size: int


@dataclasses.dataclass(eq=False)
class ObjectFile:
    name: str
    raw: bytes
    sections: dict[int, Section]  # the allocated sections, by section index
    debug: dict[int, Section]  # the .debug_* sections, by section index
    symbols: list[Symbol]


@functools.lru_cache(maxsize=256)
def read_object(data: bytes, fallback_name: str) -> ObjectFile:
    """Parse ``data``; the object is named after its ``STT_FILE`` symbol when it has one.

    Objects are never modified after reading, so links share them: building several
    images against one libc reads libc once."""
    try:
        elf = ELFFile(io.BytesIO(data))
        return _read(elf, data, fallback_name)
    except (ELFError, struct.error, ValueError) as e:
        raise LinkError(f"{fallback_name}: not a valid ELF object ({e})") from None


def _read(elf: ELFFile, data: bytes, fallback_name: str) -> ObjectFile:
    if elf.elfclass != 64 or elf["e_machine"] != "EM_X86_64" or elf["e_type"] != "ET_REL":
        raise LinkError(f"{fallback_name}: not an x86-64 ELF64 relocatable object "
                        f"(class {elf.elfclass}, {elf['e_machine']}, {elf['e_type']})")
    sections = list(elf.iter_sections())  # pyelftools re-parses on every iteration
    symtab = next((s for s in sections if s["sh_type"] == "SHT_SYMTAB"), None)
    symbols = [Symbol(s.name, s["st_info"]["bind"], s["st_info"]["type"], s["st_shndx"],
                      s["st_value"], s["st_size"]) for s in symtab.iter_symbols()] if symtab else []
    files = [s.name for s in symbols if s.type == "STT_FILE" and s.name]
    obj = ObjectFile(files[0] if files else fallback_name, data, {}, {}, symbols)
    targets: dict[int, Section] = {}
    for index, sec in enumerate(sections):
        kind, flags = sec["sh_type"], sec["sh_flags"]
        if kind in _UNSUPPORTED and sec["sh_size"]:
            raise LinkError(f"{obj.name}: {_UNSUPPORTED[kind]} are not supported in virtines")
        if flags & SHF_ALLOC and kind not in _DROPPED_TYPES and sec.name != ".eh_frame":
            if flags & SHF_TLS:
                raise LinkError(f"{obj.name}: thread-local storage ({sec.name}) is not supported "
                                f"in virtines")
            obj.sections[index] = targets[index] = _section(obj, index, sec)
        elif sec.name.startswith(".debug_"):
            obj.debug[index] = targets[index] = _section(obj, index, sec)
    for sec in sections:
        if sec["sh_type"] == "SHT_REL":
            raise LinkError(f"{obj.name}: REL relocations ({sec.name}) are not x86-64 ELF; "
                            f"expected RELA")
        if sec["sh_type"] == "SHT_RELA" and sec["sh_info"] in targets:
            targets[sec["sh_info"]].relocs = [
                Reloc(offset, info & 0xFFFFFFFF, info >> 32, addend)
                for offset, info, addend in _RELA.iter_unpack(sec.data())]
    return obj


def _section(obj: ObjectFile, index: int, sec) -> Section:
    nobits = sec["sh_type"] == "SHT_NOBITS"
    if sec["sh_flags"] & 0x800:  # SHF_COMPRESSED
        raise LinkError(f"{obj.name}: compressed section {sec.name} is not supported")
    return Section(obj, index, sec.name, sec["sh_flags"], nobits, b"" if nobits else sec.data(),
                   sec["sh_size"], max(sec["sh_addralign"], 1), sec["sh_offset"])
