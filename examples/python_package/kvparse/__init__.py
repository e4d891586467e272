"""Parse untrusted ``key=value`` text; the C parser runs in a fresh virtine per call,
loaded from the bundle built with the wheel (no compiler needed here)."""
from __future__ import annotations

from importlib import resources

import pyvirtine

_parser = pyvirtine.load(resources.files(__name__) / "parser.virtines", timeout=1.0)
MAX_FIELDS = 256


def parse(text: str) -> dict[str, str]:
    data = text.encode()
    fields = [None] * MAX_FIELDS  # filled in by the parser
    count = _parser.parse_fields(data, fields)
    if count < 0:
        raise ValueError(f"line {-count}: expected key=value")
    if count > MAX_FIELDS:
        raise ValueError(f"more than {MAX_FIELDS} fields")
    return {data[f.key:f.key + f.key_len].decode(): data[f.value:f.value + f.value_len].decode()
            for f in fields[:count]}
