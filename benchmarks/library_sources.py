"""Sources of real C code, unmodified: libraries as PyPI packages bundle them in their
sdists (fetched with pip) and tinycc's test programs from Debian's source archive, each
fetched on first use and kept under the pyvirtine cache (``sources/``). Used by
tests/libraries, tests/corpus and the library compile benchmark."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

from pyvirtine.cache import cache_dir

# (requirement, the directory its sdist unpacks to, where the library lies in it)
LZ4 = ("lz4==4.4.5", "lz4-4.4.5", "lz4libs")                        # lz4 1.9.4
ZLIB = ("pyminizip==0.2.6", "pyminizip-0.2.6", "zlib-1.2.11")       # zlib 1.2.11
LUA = ("lupa==2.8", "lupa-2.8", "third-party/lua54")                # Lua 5.4.8
SQLITE = ("sqlean-py==3.50.4.5", "sqlean_py-3.50.4.5", "sqlite")    # SQLite 3.50.4

# tinycc's tests/tests2 (programs with the output they must print), from Debian's source
# package of tcc: (address, sha256, the directory it unpacks to, where the tests lie in it).
TINYCC_TESTS = ("http://deb.debian.org/debian/pool/main/t/tcc/"
                "tcc_0.9.27+git20200814.62c30a4a.orig.tar.bz2",
                "d63c113bcdd657f51c8ee197a0b0a24203603313e19a52b5f678d40ab7f5df35",
                "tcc-0.9.27+git20200814.62c30a4a", "tests/tests2")

# SQLite with no operating-system layer of its own: the program supplies a small one
# (tests/libraries/programs/sqlite_check.c), so it runs in a virtine, which has no files.
SQLITE_DEFINES = ("SQLITE_OS_OTHER=1", "SQLITE_THREADSAFE=0", "SQLITE_OMIT_LOAD_EXTENSION",
                  "SQLITE_TEMP_STORE=3")


class SourceUnavailable(Exception):
    """pip could not fetch the sdist (no network, or no such release)."""


def library(spec: tuple[str, str, str]) -> Path:
    """The directory of the library's sources, fetched now unless cached."""
    requirement, top, inside = spec
    return _unpacked(top, lambda scratch: _download(requirement, top, scratch)) / inside


def tinycc_tests() -> Path:
    """The directory of tinycc's tests2 programs, fetched now unless cached."""
    url, sha256, top, inside = TINYCC_TESTS
    return _unpacked(top, lambda scratch: _fetch_archive(url, sha256, top, scratch)) / inside


def _unpacked(top: str, fetch) -> Path:
    """``sources/<top>``, made by ``fetch(scratch)`` (which unpacks into ``scratch/<top>``
    and marks it complete) unless an earlier run made it."""
    root = cache_dir() / "sources"
    unpacked = root / top
    if not (unpacked / ".complete").exists():
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=root) as scratch:
            fetch(Path(scratch))
            try:
                os.rename(Path(scratch) / top, unpacked)
            except OSError:
                pass  # a concurrent run unpacked it first
    return unpacked


def _fetch_archive(url: str, sha256: str, top: str, scratch: Path) -> None:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            data = response.read()
    except OSError as e:
        raise SourceUnavailable(f"cannot fetch {url}: {e}") from None
    if hashlib.sha256(data).hexdigest() != sha256:
        raise SourceUnavailable(f"{url} is not the archive expected (sha256 differs)")
    archive_path = scratch / url.rsplit("/", 1)[-1]
    archive_path.write_bytes(data)
    # The archive has no top directory of its own: unpack it into one.
    with tarfile.open(archive_path) as archive:
        archive.extractall(scratch / top, filter="data")
    (scratch / top / ".complete").touch()


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
