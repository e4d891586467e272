"""Duktape's sources, fetched once: the single-file ``duktape.c`` with ``duktape.h`` and
``duk_config.h``, unmodified, as the dukpy 0.5.0 sdist on PyPI ships them (Duktape is
MIT-licensed; the licence heads duktape.c). Kept under the pyvirtine cache."""
from __future__ import annotations

import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from pyvirtine.cache import cache_dir

DUKPY = "dukpy==0.5.0"  # the last dukpy release built on Duktape (2.x, git 50af773)
FILES = ("duktape.c", "duktape.h", "duk_config.h")


class Unavailable(RuntimeError):
    """The sources are not cached and could not be downloaded (offline?)."""


def duktape_dir() -> Path:
    """The directory holding FILES, downloading them on first use."""
    where = cache_dir() / "sources" / "duktape-50af773"
    if all((where / name).is_file() for name in FILES):
        return where
    with tempfile.TemporaryDirectory() as tmp:
        got = subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                              "--no-binary", ":all:", "--dest", tmp, DUKPY],
                             capture_output=True, text=True, timeout=300)
        sdists = list(Path(tmp).glob("dukpy-*.tar.gz"))
        if got.returncode or not sdists:
            raise Unavailable(f"cannot download {DUKPY} for Duktape's sources: "
                              f"{got.stderr.strip().splitlines()[-1:] or 'no sdist'}")
        staging = Path(tempfile.mkdtemp(dir=where.parent if where.parent.exists() else None))
        with tarfile.open(sdists[0]) as sdist:
            for member in sdist.getmembers():
                if member.isfile() and Path(member.name).parent.name == "duktape" \
                        and Path(member.name).name in FILES:
                    (staging / Path(member.name).name).write_bytes(
                        sdist.extractfile(member).read())
    where.parent.mkdir(parents=True, exist_ok=True)
    if not where.exists():
        staging.rename(where)
    return where
