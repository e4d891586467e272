"""Build the guest libc (``pyvirtine/stubs/libc``) into library objects for the linker,
compiling each source once per toolchain and caching the object."""
from __future__ import annotations

import pathlib

from .. import progress
from ..cache import cached_all
from .assemble import assemble
from .driver import compile_c

LIBC = pathlib.Path(__file__).resolve().parent.parent / "stubs" / "libc"


def libc_objects(opt_level: int = 2) -> list[bytes]:
    """One object per libc source (``*.c`` compiled, ``*.s`` assembled), for
    ``link(libraries=...)``: the linker pulls in only the members a program needs.

    The cache key needs only the source: the cache's toolchain fingerprint already
    covers every header and compiler module in the package. What is missing (once
    per pyvirtine version) is built on every CPU."""
    entries = []
    for path in sorted(LIBC.glob("*.[cs]")):
        source = path.read_text()
        if path.suffix == ".c":
            def build(source=source, name=path.name):
                # Named libc/NAME so crash reports and diagnostics read libc/string.c:12;
                # its own headers come from the include path.
                return compile_c(source, f"libc/{name}", include_dirs=[str(LIBC)],
                                 opt_level=opt_level, debug=True)
        else:
            def build(source=source, name=path.name):
                return assemble(source, name)
        entries.append(([path.name, source, str(opt_level)], build))
    return cached_all("libc", entries,
                      lambda n, total: progress.step("compiling the guest libc", n, total))
