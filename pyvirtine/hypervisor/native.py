"""The launcher as a shared library for C host programs (virtinecc links it).

``shared_library()`` compiles ``libpyvirtine.so`` from the launcher sources with the
system C compiler once per source version and returns its path; ``include_dir()`` is
where ``launcher.h`` lives.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .build_launcher import CFLAGS, HERE, LIBRARIES, SOURCES
from ..errors import VirtineError


def include_dir() -> Path:
    return Path(HERE)


def cache_dir() -> Path:
    root = os.environ.get("PYVIRTINE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "pyvirtine")
    return Path(root)


def shared_library(cc: str = "cc") -> Path:
    """Path of libpyvirtine.so built from the current sources (built on first use)."""
    # host_runtime.c: the call-site runtime of virtinecc output (not needed by cffi).
    sources = [Path(HERE, s) for s in [*SOURCES, "host_runtime.c"]]
    headers = ["launcher.h", "internal.h", "host_runtime.h", "../stubs/include/virtine.h"]
    digest = hashlib.sha256()
    for path in sources + [Path(HERE, h) for h in headers]:
        digest.update(path.read_bytes())
    out_dir = cache_dir() / "native" / digest.hexdigest()[:16]
    library = out_dir / "libpyvirtine.so"
    if library.exists():
        return library
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir) as tmp:
        partial = Path(tmp, library.name)
        command = [cc, "-shared", "-fPIC", *CFLAGS, "-o", str(partial), *map(str, sources),
                   *(f"-l{lib}" for lib in LIBRARIES)]
        built = subprocess.run(command, capture_output=True, text=True)
        if built.returncode:
            raise VirtineError(f"building libpyvirtine failed:\n{built.stderr}")
        shutil.move(str(partial), library)  # atomic within one directory
    return library
