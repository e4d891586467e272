"""A content-addressed cache of build products (objects, the guest libc, images).

An entry's key hashes its inputs together with everything that could change the output:
the pyvirtine sources themselves (so a changed compiler never serves stale objects), the
llvmlite and LLVM versions. Entries are written to a temporary file and renamed into
place, so concurrent processes never see a partial entry and at worst build one twice.

Every toolchain change makes new keys, so the cache is kept to
``$PYVIRTINE_CACHE_MAX_BYTES`` (default 512 MiB): a hit marks its entry used, and a
write that takes the cache past the limit deletes the least recently used entries
(and temporary files a crashed writer left) until it is back to three quarters of it.
"""
from __future__ import annotations

import functools
import hashlib
import os
import pathlib
import tempfile
import time
from typing import Callable, Sequence, Union

import llvmlite
import llvmlite.binding as llvm

_PACKAGE = pathlib.Path(__file__).resolve().parent
DEFAULT_MAX_BYTES = 512 << 20
_STALE_TMP_SECONDS = 3600  # a writer this old is gone


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
    root = cache_dir()
    path = root / kind / cache_key(kind, key_parts)
    try:
        data = path.read_bytes()
        os.utime(path)  # recently used: pruned last
        return data
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
        prune(root)
    except OSError:
        pass
    return data


def prune(root: pathlib.Path) -> None:
    """Delete least recently used entries until the cache under ``root`` is within
    three quarters of its limit, if it is over the limit."""
    limit = int(os.environ.get("PYVIRTINE_CACHE_MAX_BYTES", DEFAULT_MAX_BYTES))
    entries, total, now = [], 0, time.time()
    for path in root.glob("*/*"):
        try:
            st = path.stat()
        except OSError:
            continue  # deleted under us
        if path.name.startswith(".tmp-"):
            if now - st.st_mtime > _STALE_TMP_SECONDS:
                path.unlink(missing_ok=True)
            continue
        entries.append((st.st_mtime, st.st_size, path))
        total += st.st_size
    if total <= limit:
        return
    for _, size, path in sorted(entries, key=lambda e: e[0]):
        if total <= limit * 3 // 4:
            break
        path.unlink(missing_ok=True)
        total -= size
