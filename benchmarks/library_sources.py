"""Sources of real C libraries, as PyPI packages bundle them unmodified in their sdists:
fetched with pip on first use and kept under the pyvirtine cache (``sources/``). Used by
tests/libraries and the library compile benchmark."""
from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from pyvirtine.cache import cache_dir

# (requirement, the directory its sdist unpacks to, where the library lies in it)
LZ4 = ("lz4==4.4.5", "lz4-4.4.5", "lz4libs")                        # lz4 1.9.4
ZLIB = ("pyminizip==0.2.6", "pyminizip-0.2.6", "zlib-1.2.11")       # zlib 1.2.11
LUA = ("lupa==2.8", "lupa-2.8", "third-party/lua54")                # Lua 5.4.8
SQLITE = ("sqlean-py==3.50.4.5", "sqlean_py-3.50.4.5", "sqlite")    # SQLite 3.50.4


# SQLite with no operating-system layer of its own: the program supplies a small one
# (tests/libraries/programs/sqlite_check.c), so it runs in a virtine, which has no files.
SQLITE_DEFINES = ("SQLITE_OS_OTHER=1", "SQLITE_THREADSAFE=0", "SQLITE_OMIT_LOAD_EXTENSION",
                  "SQLITE_TEMP_STORE=3")


class SourceUnavailable(Exception):
    """pip could not fetch the sdist (no network, or no such release)."""


def library(spec: tuple[str, str, str]) -> Path:
    """The directory of the library's sources, fetched now unless cached."""
    requirement, top, inside = spec
    root = cache_dir() / "sources"
    unpacked = root / top
    if not (unpacked / ".complete").exists():
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=root) as scratch:
            _download(requirement, top, Path(scratch))
            try:
                os.rename(Path(scratch) / top, unpacked)
            except OSError:
                pass  # a concurrent run unpacked it first
    return unpacked / inside


def _download(requirement: str, top: str, scratch: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                           "--no-binary", ":all:", "--dest", str(scratch), requirement],
                          capture_output=True, text=True, timeout=900)
    archives = list(scratch.glob("*.tar.gz"))
    if proc.returncode != 0 or len(archives) != 1:
        last = (proc.stderr.strip().splitlines() or ["no archive"])[-1]
        raise SourceUnavailable(f"cannot fetch the {requirement} sdist: {last}")
    with tarfile.open(archives[0]) as archive:
        archive.extractall(scratch, filter="data")
    (scratch / top / ".complete").touch()


def sqlite_amalgamation() -> Path:
    """The directory of sqlite3.c and sqlite3.h as SQLite ships them: sqlean appends its
    own init after the amalgamation's "End of sqlite3.c" line, which is left out."""
    shipped = library(SQLITE)
    out = shipped.parent / "pristine"
    if not (out / "sqlite3.c").exists():
        out.mkdir(exist_ok=True)
        text = (shipped / "sqlite3.c").read_text(encoding="latin-1")
        end = text.index("\n", text.index("** End of sqlite3.c ***")) + 1
        (out / "sqlite3.h").write_bytes((shipped / "sqlite3.h").read_bytes())
        (out / "sqlite3.c.tmp").write_text(text[:end], encoding="latin-1")
        (out / "sqlite3.c.tmp").rename(out / "sqlite3.c")
    return out
