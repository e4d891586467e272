"""Find ``VIRTINE_IN/OUT/INOUT(len)`` parameter annotations (and the masks of
``virtine_whitelist``) in C source text.

The macros expand to nothing (pycparser cannot hold attributes), so they are read
from the text before preprocessing, keyed by the line and name of the parameter
they follow; the signature module matches them to the parsed parameters."""
from __future__ import annotations

import re
from dataclasses import dataclass

_ANNOTATION = re.compile(r"\b([A-Za-z_]\w*)\s*\bVIRTINE_(IN|OUT|INOUT)\s*\(")
# Comments and literals are blanked (keeping line breaks and columns) before searching.
_NOISE = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)


@dataclass(frozen=True)
class Annotation:
    mode: str      # "in", "out" or "inout"
    length: str    # the C expression between the parentheses (a length or a mask)
    line: int      # where the annotation is, for diagnostics
    col: int


def find_annotations(source: str) -> dict[tuple[int, str], Annotation]:
    """Annotations by (line of the parameter name, parameter name)."""
    text = _NOISE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), source)
    found = {}
    for m in _ANNOTATION.finditer(text):
        end = _close(text, m.end())
        at = m.start(2) - len("VIRTINE_")
        name_line = text.count("\n", 0, m.start(1)) + 1
        found[(name_line, m.group(1))] = Annotation(
            m.group(2).lower(), source[m.end():end - 1].strip(), text.count("\n", 0, at) + 1,
            at - text.rfind("\n", 0, at))
    return found


_MARKER = re.compile(r"\bvirtine_(whitelist|cfg)\s*\(")


def find_markers(source: str) -> list[Annotation]:
    """``virtine_whitelist(mask)`` and ``virtine_cfg(cfg)`` markers (mode "whitelist" or
    "cfg"), in source order: their pragmas carry no text, the source does."""
    text = _NOISE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), source)
    found = []
    for m in _MARKER.finditer(text):
        end = _close(text, m.end())
        line = text.count("\n", 0, m.start()) + 1
        found.append(Annotation(m.group(1), source[m.end():end - 1].strip(), line,
                                m.start() - text.rfind("\n", 0, m.start())))
    return found


def _close(text: str, start: int) -> int:
    """Index just past the parenthesis closing the one open before ``start``."""
    depth, end = 1, start
    while end < len(text) and depth:
        depth += {"(": 1, ")": -1}.get(text[end], 0)
        end += 1
    return end


# For sources compiled without #include <virtine.h> (``@virtine`` docstrings): the
# parameter annotations, defined exactly as the header does.
ANNOTATION_DEFINES = ("VIRTINE_IN(len)=", "VIRTINE_OUT(len)=", "VIRTINE_INOUT(len)=")
