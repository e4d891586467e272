"""A content-addressed cache of build products (objects, the guest libc, images).

An entry's key hashes its inputs together with everything that could change the output:
the pyvirtine sources themselves (so a changed compiler never serves stale objects), the
llvmlite release and its LLVM library. Entries are written to a temporary file and
renamed into place, so concurrent processes never see a partial entry and at worst
build one twice.

Most entries are one file (``cached``); products that must keep a file name (the
native launcher library virtinecc links, its include directory) are a directory
holding that file (``cached_file``), made in a temporary directory and renamed into
place the same way.

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
import shutil
import tempfile
import time
from typing import Callable, Optional, Sequence, Union

_PACKAGE = pathlib.Path(__file__).resolve().parent
DEFAULT_MAX_BYTES = 512 << 20
_STALE_TMP_SECONDS = 3600  # a writer this old is gone
KeyParts = Sequence[Union[bytes, str]]  # what an entry's key hashes, besides the toolchain


def cache_dir() -> pathlib.Path:
    """``$PYVIRTINE_CACHE``, or ``pyvirtine`` in ``$XDG_CACHE_HOME`` (``~/.cache``)."""
    configured = os.environ.get("PYVIRTINE_CACHE")
    if configured:
        return pathlib.Path(configured)
    user_cache = os.environ.get("XDG_CACHE_HOME")
    base = pathlib.Path(user_cache) if user_cache else pathlib.Path.home() / ".cache"
    return base / "pyvirtine"


@functools.lru_cache(maxsize=None)
def toolchain_fingerprint() -> bytes:
    """A hash of every pyvirtine source file and the LLVM in use: the llvmlite release
    and the size of its LLVM library (a rebuild of one release against another LLVM
    differs), read without loading LLVM, which a found build does not need."""
    import llvmlite  # the package alone: its binding loads LLVM
    library = pathlib.Path(llvmlite.__file__).parent / "binding" / "libllvmlite.so"
    size = library.stat().st_size if library.exists() else 0
    digest = hashlib.sha256()
    digest.update(f"llvmlite {llvmlite.__version__} library {size}".encode())
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.is_file()
                       and p.suffix in (".py", ".c", ".h", ".s")):
        digest.update(str(path.relative_to(_PACKAGE)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.digest()


def cache_key(kind: str, key_parts: KeyParts) -> str:
    digest = hashlib.sha256(toolchain_fingerprint())
    for part in [kind, *key_parts]:
        data = part.encode() if isinstance(part, str) else bytes(part)
        digest.update(len(data).to_bytes(8, "little") + data)  # length-prefixed: unambiguous
    return digest.hexdigest()


def cached(kind: str, key_parts: KeyParts, build: Callable[[], bytes]) -> bytes:
    """The bytes ``build()`` returns for these inputs, from the cache when present.

    A cache directory that cannot be written only costs the rebuild."""
    return cached_all(kind, [(key_parts, build)])[0]


def cached_all(kind: str, entries: Sequence[tuple[KeyParts, Callable[[], bytes]]],
               done: Callable[[int, int], None] = lambda n, total: None) -> list[bytes]:
    """``cached`` for each ``(key_parts, build)``; the missing entries are built in
    parallel (``parallel.map_steps``), and ``done(n, missing)`` is told as they are."""
    root = cache_dir()
    paths = [root / kind / cache_key(kind, key_parts) for key_parts, _ in entries]
    found = [_lookup(path) for path in paths]
    missing = [i for i, data in enumerate(found) if data is None]
    if missing:
        from .parallel import map_steps
        built = map_steps(lambda i: entries[i][1](), missing, lambda n: done(n, len(missing)))
        for i, data in zip(missing, built):
            found[i] = data
            _store(paths[i], data)
        _prune_quietly(root)
    return found  # type: ignore[return-value]


def _lookup(path: pathlib.Path) -> Optional[bytes]:
    try:
        data = path.read_bytes()
        os.utime(path)  # recently used: pruned last
        return data
    except OSError:
        return None


def _store(path: pathlib.Path, data: bytes) -> None:
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


def _prune_quietly(root: pathlib.Path) -> None:
    try:
        prune(root)
    except OSError:
        pass


def cached_file(kind: str, key: str, name: str,
                build: Callable[[pathlib.Path], None]) -> pathlib.Path:
    """The path of the file ``name`` in the entry ``kind/key``, which ``build(path)``
    writes when the entry is missing. Unlike ``cached``, the file is used where it is
    (a linker reads it), so a cache that cannot be written is an ``OSError``."""
    root = cache_dir()
    entry = root / kind / key
    target = entry / name
    if target.exists():
        try:
            os.utime(entry)  # recently used: pruned last
        except OSError:
            pass
        return target
    entry.parent.mkdir(parents=True, exist_ok=True)
    partial = pathlib.Path(tempfile.mkdtemp(dir=entry.parent, prefix=".tmp-"))
    try:
        build(partial / name)
        try:
            os.rename(partial, entry)  # atomic; fails when another process got there first
        except OSError:
            if not target.exists():
                raise
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    prune(root)
    return target


def prune(root: pathlib.Path) -> None:
    """Delete least recently used entries until the cache under ``root`` is within
    three quarters of its limit, if it is over the limit."""
    limit = int(os.environ.get("PYVIRTINE_CACHE_MAX_BYTES", DEFAULT_MAX_BYTES))
    entries, total, now = [], 0, time.time()
    for path in root.glob("*/*"):
        try:
            st = path.stat()
            size = _tree_size(path) if path.is_dir() else st.st_size
        except OSError:
            continue  # deleted under us
        if path.name.startswith(".tmp-"):
            if now - st.st_mtime > _STALE_TMP_SECONDS:
                _delete(path)
            continue
        entries.append((st.st_mtime, size, path))
        total += size
    if total <= limit:
        return
    for _, size, path in sorted(entries, key=lambda e: e[0]):
        if total <= limit * 3 // 4:
            break
        _delete(path)
        total -= size


def _tree_size(directory: pathlib.Path) -> int:
    return sum(p.stat().st_size for p in directory.rglob("*") if p.is_file())


def _delete(path: pathlib.Path) -> None:
    """Remove an entry; a directory is first renamed aside, so no reader finds it half
    deleted (``cached_file`` sees it missing and builds it again)."""
    if not path.is_dir():
        path.unlink(missing_ok=True)
        return
    doomed = path.with_name(f".tmp-{path.name}-{os.getpid()}")
    try:
        os.rename(path, doomed)
    except OSError:
        return  # gone already
    shutil.rmtree(doomed, ignore_errors=True)
