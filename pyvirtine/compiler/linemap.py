"""The line table an image carries in its debug info, and the lookup that turns a guest
address (a crash's ``rip``) into ``file.c:LINE in function``.

The table is JSON friendly::

    {"lines": [[addr, "file.c", line, "function"], ...],   # sorted by addr
     "functions": [[addr, size, "name"], ...]}             # sorted by addr

A line row covers the addresses up to the next row; a row with line 0 ends a sequence
(the addresses after it have no line information).
"""
from __future__ import annotations

import bisect
import io
from typing import Any, Iterable, Optional

from elftools.elf.elffile import ELFFile

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
        files = program["file_entry"]
        first = 0 if program["version"] >= 5 else 1  # DWARF 5 numbers files from 0
        for entry in program.get_entries():
            state = entry.state
            if state is None:
                continue
            index = state.file - first
            name = files[index].name.decode(errors="replace") if 0 <= index < len(files) else "??"
            rows.append((state.address, name, state.line, state.end_sequence))
    return rows


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


def lookup_location(debug: Optional[dict], addr: int) -> Optional[str]:
    """``file.c:LINE in function`` for a guest address, ``function+0xOFF`` when only the
    symbol is known, None when the address is in no known function."""
    if not debug:
        return None
    lines = debug.get("lines") or []
    i = bisect.bisect_right([row[0] for row in lines], addr) - 1
    if i >= 0 and lines[i][2]:
        _, file, line, function = lines[i]
        return f"{file}:{line} in {function}" if function else f"{file}:{line}"
    function = _function_at(sorted(tuple(f) for f in debug.get("functions") or []), addr)
    if function is None:
        return None
    start, _, name = function
    return f"{name}+{addr - start:#x}"


def _function_at(functions: list[tuple[int, int, str]],
                 addr: int) -> Optional[tuple[int, int, str]]:
    i = bisect.bisect_right(functions, (addr, float("inf"), "")) - 1
    if i < 0:
        return None
    start, size, name = functions[i]
    # A symbol without a size (an assembly label) covers the addresses up to the next one.
    return functions[i] if addr < start + size or size == 0 else None


def _function_name(functions: list[tuple[int, int, str]], addr: int) -> str:
    function = _function_at(functions, addr)
    return function[2] if function else ""
