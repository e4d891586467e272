"""Guest backtraces: the addresses the launcher took from a crashed VM (``rip``, then
the return addresses up the frame-pointer chain: ``hypervisor/postmortem.c``) named
with the image's line table (``compiler/linemap.py``)."""
from __future__ import annotations

from typing import Optional, Sequence

from .errors import Frame
from .image import Image, function_at, line_at

PUSH_RBP = 0x55  # the first byte of every function that keeps a frame pointer
LIBC_FILES = "libc/"  # the guest libc's sources are named libc/NAME.c
GLUE = "__virtine_"   # crt0, the hypercall stub, the dispatch glue


def backtrace(image: Image, addresses: Sequence[int], stack0: int) -> list[Frame]:
    """The frames of ``addresses`` (innermost first), without pyvirtine's own glue.
    ``stack0``, the word at the guest's ``rsp``, is the caller of a function that keeps
    no frame (an assembly leaf such as ``memcpy``), which the chain skips."""
    debug = image.debug or {}
    functions = sorted(tuple(f) for f in debug.get("functions") or [])
    addresses = list(addresses)
    if addresses and stack0 and not _keeps_frame(image, functions, addresses[0]):
        addresses.insert(1, stack0)
    frames = []
    for i, address in enumerate(addresses):
        # A return address is one past its call, which may end the function or its line.
        frame = _frame(debug, functions, address, address - 1 if i else address)
        if not frame.function.startswith(GLUE):
            frames.append(frame)
    return frames


def user_frame(frames: Sequence[Frame]) -> Optional[Frame]:
    """The innermost frame of the user's code (not the guest libc's), if any."""
    return next((f for f in frames if f.line and not f.file.startswith(LIBC_FILES)), None)


def describe(frames: Sequence[Frame]) -> str:
    """The backtrace as lines of text, a run of frames of one call site folded."""
    lines: list[str] = []
    i = 0
    while i < len(frames):
        j = i
        while j + 1 < len(frames) and frames[j + 1][1:] == frames[i][1:]:
            j += 1
        lines.append(f"  #{i} {frames[i]}" + (f" (and {j - i} more frames of it)" if j > i else ""))
        i = j + 1
    return "\n".join(lines)


def location(frame: Frame) -> str:
    """``file.c:LINE in function``, as ``VirtineCrash.location`` reads."""
    return f"{frame.file}:{frame.line} in {frame.function}" if frame.function else \
        f"{frame.file}:{frame.line}"


def _frame(debug: dict, functions: list, address: int, lookup: int) -> Frame:
    row = line_at(debug, lookup)
    if row is not None:
        _, file, line, function = row
        return Frame(address, function, file, line)
    function = function_at(functions, lookup)
    return Frame(address, function[2] if function else "")


def _keeps_frame(image: Image, functions: list, address: int) -> bool:
    function = function_at(functions, address)
    if function is None:
        return True  # unknown code: trust the chain
    offset = function[0] - image.load_addr
    return 0 <= offset < len(image.payload) and image.payload[offset] == PUSH_RBP
