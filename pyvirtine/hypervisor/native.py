"""The launcher as a library for C host programs (virtinecc links it).

``shared_library()`` and ``static_library()`` compile ``libpyvirtine.so`` / ``.a`` from
the launcher sources plus the call-site runtime (``host_runtime.c``) with the system C
compiler, once per source version, into the cache (``cache.cached_file``: keyed by
the launcher sources alone, so a change elsewhere in pyvirtine reuses them);
``include_dir()`` is where ``launcher.h`` lives.
"""
from __future__ import annotations

import hashlib
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

from ..cache import cached_file
from ..errors import VirtineError

HERE = Path(__file__).resolve().parent
HOST_RUNTIME = "host_runtime.c"  # the call-site runtime of virtinecc output (not cffi's)
# build_launcher (the launcher's sources and flags) imports setuptools and cffi, so it is
# imported when a library is built or linked, not when virtinecc compiles a file.
HEADERS = ["launcher.h", "internal.h", "host_runtime.h", "../stubs/include/virtine.h"]


def include_dir() -> Path:
    return HERE


def shared_library(cc: str = "cc") -> Path:
    """Path of libpyvirtine.so built from the current sources (built on first use)."""
    from .build_launcher import CFLAGS, LIBRARIES

    def build(out: Path) -> None:
        _run([cc, "-shared", "-fPIC", *CFLAGS, "-o", str(out), *_sources(),
              *(f"-l{lib}" for lib in LIBRARIES)])
    return _cached_build("native", "libpyvirtine.so", build)


def static_library(cc: str = "cc") -> Path:
    """Path of libpyvirtine.a, for hosts that must not depend on the cache at run time."""
    from .build_launcher import CFLAGS

    def build(out: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="libpyvirtine-") as tmp:
            objects = []
            for source in _sources():
                obj = Path(tmp, Path(source).with_suffix(".o").name)
                _run([cc, "-c", "-fPIC", *CFLAGS, "-o", str(obj), source])
                objects.append(str(obj))
            _run(["ar", "rcs", str(out), *objects])
    return _cached_build("native-static", "libpyvirtine.a", build)


def static_link_flags(archive: Path) -> list[str]:
    """Link flags for the archive; its libraries only when it is used (a program
    without virtines linked by virtinecc must not gain a dependency)."""
    from .build_launcher import LIBRARIES
    return [str(archive), "-Wl,--push-state,--as-needed", *(f"-l{lib}" for lib in LIBRARIES),
            "-Wl,--pop-state"]


def _sources() -> list[str]:
    from .build_launcher import SOURCES
    return [str(HERE / s) for s in [*SOURCES, HOST_RUNTIME]]


def _cached_build(kind: str, name: str, build: Callable[[Path], None]) -> Path:
    digest = hashlib.sha256()
    for file in _sources() + [str(HERE / h) for h in HEADERS]:
        digest.update(Path(file).read_bytes())
    return cached_file(kind, digest.hexdigest()[:16], name, build)


def _run(command: list[str]) -> None:
    built = subprocess.run(command, capture_output=True, text=True)
    if built.returncode:
        raise VirtineError(f"building libpyvirtine failed:\n{built.stderr}")
