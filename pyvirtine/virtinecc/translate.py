"""The source-to-source pass of virtinecc: one C file with virtines becomes

* the guest images of its virtines (``pyvirtine.build.build_images``: the whole file
  compiled by pyvirtine, one image per virtine holding what it reaches), and
* the host translation unit: the user's file with each virtine's body starting with
  a call into the launcher (``marshal.host_body``), preceded by the embedded images.
  A ``#line`` directive keeps the user's file name and line numbers for diagnostics.
"""
from __future__ import annotations

import dataclasses
import os
import re
from typing import Iterable, Optional

from ..build import build_images
from ..errors import VirtineCompileError
from ..hypervisor.native import include_dir
from ..image import Image
from ..marshal import Signature, host_body
from .scan import blank

@dataclasses.dataclass
class Translation:
    images: list[Image]
    host_source: str


def translate(source: str, filename: str, *, include_dirs: Iterable[str] = (),
              defines: Iterable[str] = (), opt_level: int = 2) -> Translation:
    """Build the images of ``source`` (the file ``filename``) and its host unit.
    Raises ``VirtineCompileError`` with a ``file:line:col: error:`` message."""
    try:
        images = build_images(source, filename, include_dirs=include_dirs, defines=defines,
                              opt_level=opt_level)
    except VirtineCompileError as e:
        raise VirtineCompileError(_explain(str(e))) from None
    sigs = [Signature.from_json(image.abi or {}) for image in images]
    return Translation(images, _prelude(images, sigs) + _replace_bodies(source, filename, sigs))


def _explain(message: str) -> str:
    if "No such file or directory" not in message:
        return message
    return (message.rstrip("\n") + "\nnote: a file with virtines is also compiled for the guest, "
            "whose freestanding libc (pyvirtine/stubs/include) lacks this header; move the "
            "host-only code into another .c file without virtines\n")


def site_name(sig: Signature) -> str:
    return f"__virtinecc_site_{sig.name}"


def _prelude(images: list[Image], sigs: list[Signature]) -> str:
    header = os.path.join(include_dir(), "host_runtime.h")
    parts = [f"#include {_c_string(header)}\n"]
    for image, sig in zip(images, sigs):
        data = dataclasses.replace(image, debug=None).to_bytes()
        lines = _line_table(image.debug)
        parts.append(f"static const unsigned char __virtinecc_image_{sig.name}[{len(data)}] = {{\n"
                     + _c_bytes(data) + "};\n")
        if lines:
            rows = ",\n".join(f"    {{{addr:#x}ULL, {_c_string(w) if w else '0'}}}"
                              for addr, w in lines)
            parts.append(f"static const struct __virtinecc_line __virtinecc_lines_{sig.name}[] "
                         f"= {{\n{rows}\n}};\n")
        table = f"__virtinecc_lines_{sig.name}, {len(lines)}" if lines else "0, 0"
        parts.append(f"static struct __virtinecc_site {site_name(sig)} = {{"
                     f"{_c_string(sig.name)}, __virtinecc_image_{sig.name}, {len(data)}ULL, "
                     f"{table}, {image.argarea_size}ULL, 0, 0}};\n")
    return "".join(parts)


def _line_table(debug: Optional[dict]) -> list[tuple[int, Optional[str]]]:
    """Rows ``(addr, "file:LINE in function" or None)``, merged where they repeat
    (the same lookup as ``image.source_location``)."""
    rows: list[tuple[int, Optional[str]]] = []
    for addr, file, line, function in (debug or {}).get("lines") or []:
        where = (f"{file}:{line} in {function}" if function else f"{file}:{line}") if line else None
        if not rows or rows[-1][1] != where:
            rows.append((addr, where))
    return rows


def _replace_bodies(source: str, filename: str, sigs: list[Signature]) -> str:
    """Put each virtine's call stub, on one line, first in its body.  The user's body
    stays after it, unreachable: the static functions it calls still count as used
    (no -Wunused-function), and every line keeps its number."""
    text = blank(source)
    starts = sorted((_body_start(text, filename, sig), sig) for sig in sigs)
    out, at = [f"#line 1 {_c_string(filename)}\n"], 0
    for start, sig in starts:
        stub = " ".join(line.strip() for line in host_body(sig, site_name(sig)).splitlines())
        out += [source[at:start + 1], stub]
        at = start + 1
    out.append(source[at:])
    return "".join(out)


def _body_start(text: str, filename: str, sig: Signature) -> int:
    """Offset of the ``{`` of ``sig``'s definition in the user's file."""
    at = re.fullmatch(r"(.*?):(\d+)(?::\d+)?", sig.location)  # file:line or file:line:col
    line = int(at.group(2)) if at else 1
    if at and at.group(1) != filename:
        raise VirtineCompileError(f"{at.group(1)}:{line}:1: error: virtine '{sig.name}' is "
                                  f"defined in a header; virtinecc needs virtine definitions in "
                                  f"the .c file it compiles ({filename})")
    start = 0
    for _ in range(line - 1):
        start = text.index("\n", start) + 1
    name = re.compile(rf"\b{re.escape(sig.name)}\s*\(")
    m = name.search(text, start)
    while m is not None:
        close = _matching(text, m.end() - 1, "(", ")")
        brace = re.compile(r"\s*(?:__attribute__\s*\(\(.*?\)\)\s*)*\{", re.S).match(text, close + 1)
        if close >= 0 and brace:
            return brace.end() - 1
        m = name.search(text, m.end())
    raise VirtineCompileError(f"{filename}:{line}:1: error: virtinecc cannot find the body of "
                              f"virtine '{sig.name}' in the file as written (is its definition "
                              "made by a macro?)")


def _matching(text: str, open_at: int, opening: str, closing: str) -> int:
    depth = 0
    for i in range(open_at, len(text)):
        if text[i] == opening:
            depth += 1
        elif text[i] == closing:
            depth -= 1
            if depth == 0:
                return i
    return -1


def _c_string(s: str) -> str:
    return '"' + "".join(c if c.isprintable() and c not in '"\\?' and ord(c) < 128
                         else "".join(f"\\{b:03o}" for b in c.encode()) for c in s) + '"'


def _c_bytes(data: bytes) -> str:
    return "".join(",".join(str(b) for b in data[i:i + 32]) + ",\n"
                   for i in range(0, len(data), 32))
