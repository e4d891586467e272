"""The objects the linker puts in every image: the real-mode boot stub and crt0
(``pyvirtine/stubs/*.s``), assembled once and cached."""
from __future__ import annotations

import pathlib

from ..cache import cached
from .assemble import assemble

STUBS = pathlib.Path(__file__).resolve().parent.parent / "stubs"
STARTFILES = ("boot16.s", "crt0.s")  # boot16 first: its code must sit low in memory


def startfile_objects() -> list[tuple[str, bytes]]:
    """(name, object) for each start file present in the stubs directory."""
    objects = []
    for name in STARTFILES:
        path = STUBS / name
        if path.exists():
            source = path.read_text()
            objects.append((name, cached("startfile", [name, source],
                                         lambda: assemble(source, name))))
    return objects
