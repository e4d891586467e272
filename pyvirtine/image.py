"""The virtine image format: one flat file the launcher maps straight into a guest.

Layout of a file::

    [0, 4096)                header (below), zero padded
    [4096, 4096+payload_size)  payload: bytes to place at guest address load_addr
    [debug_offset, +debug_size) optional JSON debug info (line table), after the payload

The payload starts on a page boundary so the launcher can ``mmap`` it instead of copying:
starting a virtine costs the pages it touches, not the size of the image.

Header fields (little endian, offsets in bytes):

====  ====  ================  ===========================================================
 off  size  field             meaning
====  ====  ================  ===========================================================
   0     8  magic             ``b"VIRTINE\\0"``
   8     2  version           ``FORMAT_VERSION``
  10     2  header_size       4096
  12     4  flags             ``FLAG_BOOT_STUB`` entry16 is valid; ``FLAG_SNAPSHOT`` the guest
                              asks for a snapshot after its initialisation;
                              ``FLAG_X86_64_V2`` the code needs an x86-64-v2 CPU
  16     8  load_addr         guest address of payload byte 0 (page aligned, >= 0x10000)
  24     8  payload_size      bytes of payload in the file
  32     8  text_size         leading payload bytes mapped read-only + executable (page aligned)
  40     8  entry16           real-mode boot stub entry (< 1 MiB), 0 if none
  48     8  entry64           64-bit CPL3 entry
  56     8  mem_size          guest memory in bytes (page aligned)
  64     8  stack_top         initial rsp
  72     8  stack_size        bytes below stack_top; the page below is the guard page
  80     8  heap_start        guest heap (served by the sbrk hypercall)
  88     8  heap_end
  96     8  argarea_addr      argument / result area
 104     8  argarea_size
 112     8  allow             hypercall allow mask (bit n opens hypercall n)
 120     4  crc32             zlib CRC-32 of the header (with this field zero) and payload
 124     4  debug_size        bytes of debug info
 128     8  debug_offset      file offset of the debug info
 136    64  name              function / program name, NUL padded
 200     4  abi_size          bytes of the ABI description that follows
 204  ....  abi               UTF-8 JSON describing the entry's signature (for callers)
====  ====  ================  ===========================================================

See ``docs/ABI.md`` for the guest memory map and the hypercall ABI.
"""
from __future__ import annotations

import bisect
import dataclasses
import json
import struct
import zlib
from typing import Any, Optional

from .errors import ImageError

MAGIC = b"VIRTINE\0"
FORMAT_VERSION = 1
HEADER_SIZE = 4096
PAGE = 4096
MIN_LOAD_ADDR = 0x10000
MAX_MEM_SIZE = 1 << 32  # the launcher's page tables cover 4 GiB
FLAG_BOOT_STUB = 1
FLAG_SNAPSHOT = 2
FLAG_X86_64_V2 = 4

_FIXED = struct.Struct("<8sHHIQQQQQQQQQQQQQIIQ64sI")
ABI_OFFSET = _FIXED.size  # 204
_CRC_OFFSET = 120

# Hypercall numbers (docs/ABI.md): Wasp's numbering, then pyvirtine's own.
HCALLS = {
    "exit": 0, "close": 1, "fstat": 2, "link": 3, "lseek": 4, "open": 5, "read": 6,
    "sbrk": 7, "times": 8, "unlink": 9, "write": 10, "gettimeofday": 11, "isatty": 12,
    "snapshot": 13, "random": 14, "rename": 15,
}
ALWAYS_ALLOWED = (1 << HCALLS["exit"]) | (1 << HCALLS["snapshot"]) | (1 << HCALLS["random"])
# What a whole program (``pyvirtine run``) may do unless told otherwise: print, read its
# input and tell the time (clock(), time()): what the guest libc asks of the host,
# none of which reaches the host's files or network.
PROGRAM_ALLOW = ("write", "read", "times", "gettimeofday")


def page_table_bytes(mem_size: int) -> int:
    """Bytes the launcher reserves at the top of guest memory for the page tables."""
    page_tables = -(-mem_size // (2 << 20))  # one PT per 2 MiB
    directories = -(-mem_size // (1 << 30))  # one PD per 1 GiB
    return (page_tables + directories + 2) * PAGE  # + PDPT + PML4


def human_size(n: int) -> str:
    """``n`` bytes as ``"64 GiB"``, ``"4 KiB"``, ``"1.5 MiB"`` or ``"100 bytes"``."""
    for unit, shift in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if abs(n) >= 1 << shift:
            return f"{n / (1 << shift):.3g} {unit}"
    return f"{n} bytes"


def allow_mask(names: list[str]) -> int:
    """Turn hypercall names (``"write"``, ``"read"``...) into an allow mask."""
    mask = 0
    for name in names:
        if name not in HCALLS:
            raise ValueError(f"unknown hypercall {name!r}; known: {', '.join(HCALLS)}")
        mask |= 1 << HCALLS[name]
    return mask


@dataclasses.dataclass
class Image:
    """A virtine image in memory. ``to_bytes``/``from_bytes`` convert to the file format."""

    payload: bytes
    entry64: int
    mem_size: int
    stack_top: int
    stack_size: int
    argarea_addr: int
    argarea_size: int
    text_size: int = 0
    load_addr: int = MIN_LOAD_ADDR
    entry16: int = 0
    heap_start: int = 0
    heap_end: int = 0
    allow: int = 0
    flags: int = 0
    name: str = ""
    abi: Optional[dict[str, Any]] = None
    debug: Optional[dict[str, Any]] = None

    def to_bytes(self) -> bytes:
        if self.entry16:
            self.flags |= FLAG_BOOT_STUB
        abi = json.dumps(self.abi or {}, separators=(",", ":")).encode()
        if ABI_OFFSET + len(abi) > HEADER_SIZE:
            raise ImageError(f"ABI description of {len(abi)} bytes does not fit the header")
        debug = json.dumps(self.debug, separators=(",", ":")).encode() if self.debug else b""
        payload_end = HEADER_SIZE + len(self.payload)
        debug_offset = -(-payload_end // PAGE) * PAGE if debug else 0
        fixed = _FIXED.pack(
            MAGIC, FORMAT_VERSION, HEADER_SIZE, self.flags, self.load_addr, len(self.payload),
            self.text_size, self.entry16, self.entry64, self.mem_size, self.stack_top,
            self.stack_size, self.heap_start, self.heap_end, self.argarea_addr,
            self.argarea_size, self.allow, 0, len(debug), debug_offset,
            self.name.encode()[:63], len(abi))
        header = (fixed + abi).ljust(HEADER_SIZE, b"\0")
        crc = zlib.crc32(self.payload, zlib.crc32(header))
        header = header[:_CRC_OFFSET] + struct.pack("<I", crc) + header[_CRC_OFFSET + 4:]
        out = header + self.payload
        if debug:
            out = out.ljust(debug_offset, b"\0") + debug
        validate(out)
        return out

    @classmethod
    def from_bytes(cls, data: bytes) -> "Image":
        validate(data)
        (_magic, _version, _hsize, flags, load, psize, text, e16, e64, mem, stop, ssize, hstart,
         hend, arg, argsize, allow, _crc, dsize, doff, name, abisize) = _FIXED.unpack_from(data)
        abi = _json_object(data[ABI_OFFSET:ABI_OFFSET + abisize], "ABI description")
        debug = _json_object(data[doff:doff + dsize] if dsize else b"", "debug info")
        return cls(
            payload=bytes(data[HEADER_SIZE:HEADER_SIZE + psize]), flags=flags, load_addr=load,
            text_size=text, entry16=e16, entry64=e64, mem_size=mem, stack_top=stop,
            stack_size=ssize, heap_start=hstart, heap_end=hend, argarea_addr=arg,
            argarea_size=argsize, allow=allow, name=name.split(b"\0")[0].decode(errors="replace"),
            abi=abi, debug=debug)


def _json_object(text: bytes, what: str) -> Optional[dict[str, Any]]:
    if not text:
        return None
    try:
        value = json.loads(text)
    except (UnicodeDecodeError, ValueError):
        raise ImageError(f"corrupted image: its {what} is not JSON") from None
    if not isinstance(value, dict):
        raise ImageError(f"corrupted image: its {what} is not a JSON object")
    return value


def source_location(debug: Optional[dict[str, Any]], addr: int) -> Optional[str]:
    """``file.c:LINE in function`` for a guest code address from the image's line table,
    ``function+0xOFF`` when only the symbol is known, None when no function holds it.

    ``debug["lines"]`` rows are ``[addr, file, line, function]`` sorted by address (line 0
    ends a sequence); ``debug["functions"]`` rows are ``[start, size, name]``."""
    if not debug:
        return None
    row = line_at(debug, addr)
    if row is not None:
        _, file, line, function = row
        return f"{file}:{line} in {function}" if function else f"{file}:{line}"
    function = function_at(sorted(tuple(f) for f in debug.get("functions") or []), addr)
    if function is None:
        return None
    start, _, name = function
    return f"{name}+{addr - start:#x}"


def line_at(debug: dict[str, Any], addr: int) -> Optional[list]:
    """The ``[addr, file, line, function]`` row of the line table covering ``addr``."""
    lines = debug.get("lines") or []
    i = bisect.bisect_right([row[0] for row in lines], addr) - 1
    return lines[i] if i >= 0 and lines[i][2] else None


def function_at(functions: list[tuple[int, int, str]],
                addr: int) -> Optional[tuple[int, int, str]]:
    """The ``(start, size, name)`` row of sorted ``functions`` that holds ``addr``."""
    i = bisect.bisect_right(functions, (addr, float("inf"), "")) - 1
    if i < 0:
        return None
    start, size, name = functions[i]
    # A symbol without a size (an assembly label) covers the addresses up to the next one.
    return functions[i] if addr < start + size or size == 0 else None


def validate(data: bytes) -> None:
    """Raise ``ImageError`` naming the first thing wrong with an image file.

    This is the launcher's own check (``vt_image_check``, in C), which C hosts run too:
    one set of rules for every way an image is loaded.
    """
    from .hypervisor._launcher import ffi, lib  # the check only: no KVM is touched
    error = ffi.new("char[]", 256)
    if lib.vt_image_check(data, len(data), error, len(error)) < 0:
        raise ImageError(ffi.string(error).decode(errors="replace"))
