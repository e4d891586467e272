"""The line table an image carries in its debug info, read from the objects' DWARF.
``pyvirtine.image.source_location`` turns a guest address (a crash's ``rip``) into
``file.c:LINE in function`` with it.

The table is JSON friendly::

    {"lines": [[addr, "file.c", line, "function"], ...],   # sorted by addr
     "functions": [[addr, size, "name"], ...]}             # sorted by addr

A line row covers the addresses up to the next row; a row with line 0 ends a sequence
(the addresses after it have no line information).
"""
from __future__ import annotations

import io
from typing import Any, Iterable

from elftools.elf.elffile import ELFFile

from ..image import function_at

Row = tuple[int, str, int, bool]  # address, file, line, end of sequence


def line_rows(elf: bytes) -> list[Row]:
    """Every row of every DWARF line program in ``elf``, an object whose debug sections
    the caller has already relocated to final addresses (so pyelftools must not)."""
    elffile = ELFFile(io.BytesIO(elf))
    if not elffile.get_section_by_name(".debug_line") or not elffile.get_section_by_name(
            ".debug_info"):
        return []
    dwarf = elffile.get_dwarf_info(relocate_dwarf_sections=False)
    rows = []
    for cu in dwarf.iter_CUs():
        program = dwarf.line_program_for_CU(cu)
        if program is None:
            continue
        names = _file_names(program)
        first = 0 if program["version"] >= 5 else 1  # DWARF 5 numbers files from 0
        for entry in program.get_entries():
            state = entry.state
            if state is None:
                continue
            index = state.file - first
            name = names[index] if 0 <= index < len(names) else "??"
            rows.append((state.address, name, state.line, state.end_sequence))
    return rows


def _file_names(program: Any) -> list[str]:
    """The line program's file names, each with its directory when that is relative
    (``libc/string.c``: what the compiler was told), not an absolute one (the build's)."""
    dirs = [d.decode(errors="replace") for d in program["include_directory"]]
    first_dir = 0 if program["version"] >= 5 else 1  # DWARF 4: directory 0 is the unit's
    names = []
    for entry in program["file_entry"]:
        name = entry.name.decode(errors="replace")
        index = entry.dir_index - first_dir
        if 0 <= index < len(dirs) and dirs[index] and not dirs[index].startswith("/"):
            name = f"{dirs[index]}/{name}"
        names.append(name)
    return names


def build_table(rows: Iterable[Row], functions: list[tuple[int, int, str]]) -> dict[str, Any]:
    """Sort and compact ``rows`` and name each row's function from ``functions``
    (address, size, name)."""
    functions = sorted(functions)
    # At one address an end of sequence comes before the start of the next sequence,
    # and of several rows the state machine emitted for one address the last one wins.
    ordered = sorted(rows, key=lambda r: (r[0], not r[3]))
    lines: list[list[Any]] = []
    for addr, file, line, end in ordered:
        row = [addr, "", 0, ""] if end else [addr, file, line, _function_name(functions, addr)]
        if lines and lines[-1][0] == addr:
            lines[-1] = row
        elif not lines or lines[-1][1:] != row[1:]:
            lines.append(row)
    return {"lines": lines, "functions": [list(f) for f in functions]}


def _function_name(functions: list[tuple[int, int, str]], addr: int) -> str:
    function = function_at(functions, addr)
    return function[2] if function else ""
