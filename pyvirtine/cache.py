"""A content-addressed cache of build products (objects, the guest libc, images).

An entry's key hashes its inputs together with everything that could change the output:
the pyvirtine sources themselves (so a changed compiler never serves stale objects), the
llvmlite and LLVM versions. Entries are written to a temporary file and renamed into
place, so concurrent processes never see a partial entry and at worst build one twice.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pathlib
import tempfile
from typing import Callable, Sequence, Union

import llvmlite
import llvmlite.binding as llvm

_PACKAGE = pathlib.Path(__file__).resolve().parent


def cache_dir() -> pathlib.Path:
    """``$PYVIRTINE_CACHE``, or ``~/.cache/pyvirtine``."""
    configured = os.environ.get("PYVIRTINE_CACHE")
    return pathlib.Path(configured) if configured else pathlib.Path.home() / ".cache" / "pyvirtine"


@functools.lru_cache(maxsize=None)
def toolchain_fingerprint() -> bytes:
    """A hash of every pyvirtine source file and the LLVM in use."""
    digest = hashlib.sha256()
    digest.update(f"llvmlite {llvmlite.__version__} llvm {llvm.llvm_version_info}".encode())
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.is_file()
                       and p.suffix in (".py", ".c", ".h", ".s")):
        digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def cache_key(kind: str, key_parts: Sequence[Union[bytes, str]]) -> str:
    digest = hashlib.sha256(toolchain_fingerprint())
    for part in [kind, *key_parts]:
        data = part.encode() if isinstance(part, str) else bytes(part)
        digest.update(len(data).to_bytes(8, "little") + data)  # length-prefixed: unambiguous
    return digest.hexdigest()


def cached(kind: str, key_parts: Sequence[Union[bytes, str]], build: Callable[[], bytes]) -> bytes:
    """The bytes ``build()`` returns for these inputs, from the cache when present.

    A cache directory that cannot be written only costs the rebuild."""
    path = cache_dir() / kind / cache_key(kind, key_parts)
    try:
        return path.read_bytes()
    except OSError:
        pass
    data = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass
    return data
