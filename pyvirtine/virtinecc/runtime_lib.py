"""libpyvirtine as a static archive, for host programs that must not depend on the
shared library's place in the cache (``virtinecc -static-pyvirtine``, or ``-static``):
the same sources and flags as ``hypervisor.native.shared_library``, archived once per
source version."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import VirtineError
from ..hypervisor.build_launcher import CFLAGS, HERE, LIBRARIES, SOURCES
from ..hypervisor.native import cache_dir

RUNTIME_SOURCES = [*SOURCES, "host_runtime.c"]
HEADERS = ["launcher.h", "internal.h", "host_runtime.h", "../stubs/include/virtine.h"]


def static_library(cc: str = "cc") -> Path:
    """Path of libpyvirtine.a (built on first use)."""
    digest = hashlib.sha256()
    for name in RUNTIME_SOURCES + HEADERS:
        digest.update(Path(HERE, name).read_bytes())
    out_dir = cache_dir() / "native-static" / digest.hexdigest()[:16]
    archive = out_dir / "libpyvirtine.a"
    if archive.exists():
        return archive
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir) as tmp:
        objects = []
        for name in RUNTIME_SOURCES:
            obj = Path(tmp, Path(name).with_suffix(".o").name)
            _run([cc, "-c", "-fPIC", *CFLAGS, "-o", str(obj), str(Path(HERE, name))])
            objects.append(str(obj))
        partial = Path(tmp, archive.name)
        _run(["ar", "rcs", str(partial), *objects])
        shutil.move(str(partial), archive)  # atomic within one directory
    return archive


def link_flags(archive: Path) -> list[str]:
    return [str(archive), *(f"-l{lib}" for lib in LIBRARIES)]


def _run(command: list[str]) -> None:
    built = subprocess.run(command, capture_output=True, text=True)
    if built.returncode:
        raise VirtineError(f"building the static libpyvirtine failed:\n{built.stderr}")
