"""Read C source text without preprocessing it: blank what cannot hold code and find
virtine markers.  Kept free of the compiler's imports so that virtinecc passes files
without virtines to cc quickly (build systems run it on many small probes)."""
from __future__ import annotations

import re

# Comments, string and character literals and preprocessor lines are blanked (keeping
# offsets and line breaks).
_NOISE = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|'
                    r'^[ \t]*#(?:[^\n]*\\\n)*[^\n]*', re.S | re.M)
_MARKER = re.compile(r"\bvirtine(?:_strict|_whitelist|_cfg)?\b(?!\.)")


def blank(source: str) -> str:
    return _NOISE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), source)


def has_virtines(source: str) -> bool:
    """Whether ``source`` marks any function as a virtine (else cc compiles it alone)."""
    return _MARKER.search(blank(source)) is not None
