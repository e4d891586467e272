"""The x86-64 relocation kinds a static, small-code-model image needs, and how to
patch each one into section bytes with an overflow check."""
from __future__ import annotations

import dataclasses
from typing import Optional

R_X86_64_NONE = 0
R_X86_64_64 = 1
R_X86_64_PC32 = 2
R_X86_64_PLT32 = 4
R_X86_64_GOTPCREL = 9
R_X86_64_32 = 10
R_X86_64_32S = 11
R_X86_64_16 = 12
R_X86_64_PC16 = 13
R_X86_64_8 = 14
R_X86_64_PC8 = 15
R_X86_64_PC64 = 24
R_X86_64_GOTPCRELX = 41
R_X86_64_REX_GOTPCRELX = 42

GOT_KINDS = frozenset({R_X86_64_GOTPCREL, R_X86_64_GOTPCRELX, R_X86_64_REX_GOTPCRELX})


@dataclasses.dataclass(frozen=True)
class Kind:
    name: str
    width: int  # bytes patched
    pc_relative: bool
    # Accepted value range: "signed", "unsigned", "either" (ld's "bitfield": fits when
    # read as signed or as unsigned, as for 16- and 8-bit data), or None (wraps, 64-bit).
    check: Optional[str]


KINDS = {
    R_X86_64_64: Kind("R_X86_64_64", 8, False, None),
    R_X86_64_PC64: Kind("R_X86_64_PC64", 8, True, None),
    R_X86_64_PC32: Kind("R_X86_64_PC32", 4, True, "signed"),
    R_X86_64_PLT32: Kind("R_X86_64_PLT32", 4, True, "signed"),  # no PLT: a direct call
    R_X86_64_32: Kind("R_X86_64_32", 4, False, "unsigned"),
    R_X86_64_32S: Kind("R_X86_64_32S", 4, False, "signed"),
    R_X86_64_16: Kind("R_X86_64_16", 2, False, "either"),
    R_X86_64_PC16: Kind("R_X86_64_PC16", 2, True, "signed"),
    R_X86_64_8: Kind("R_X86_64_8", 1, False, "either"),
    R_X86_64_PC8: Kind("R_X86_64_PC8", 1, True, "signed"),
    # The GOT kinds are PC-relative to the symbol's GOT slot (the linker passes that
    # slot's address as the target).
    R_X86_64_GOTPCREL: Kind("R_X86_64_GOTPCREL", 4, True, "signed"),
    R_X86_64_GOTPCRELX: Kind("R_X86_64_GOTPCRELX", 4, True, "signed"),
    R_X86_64_REX_GOTPCRELX: Kind("R_X86_64_REX_GOTPCRELX", 4, True, "signed"),
}


def fits(value: int, width: int, check: Optional[str]) -> bool:
    bits = 8 * width
    if check == "signed":
        return -(1 << (bits - 1)) <= value < (1 << (bits - 1))
    if check == "unsigned":
        return 0 <= value < (1 << bits)
    if check == "either":
        return -(1 << (bits - 1)) <= value < (1 << bits)
    return True


def patch(data: bytearray, offset: int, kind: Kind, target: int, addend: int, place: int,
          checked: bool = True) -> Optional[int]:
    """Write the relocated value; return it if it overflows (and ``checked``), else None.

    ``target`` is S (or the GOT slot address for the GOT kinds), ``place`` is P."""
    value = target + addend - (place if kind.pc_relative else 0)
    if checked and not fits(value, kind.width, kind.check):
        return value
    data[offset:offset + kind.width] = (value & ((1 << (8 * kind.width)) - 1)).to_bytes(
        kind.width, "little")
    return None
