"""The compile cache: hits, misses, key separation, location, concurrency."""
import os
import pathlib
import subprocess
import sys
import textwrap

import pytest

from pyvirtine import cache


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PYVIRTINE_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def counting_build(value):
    builds = []

    def build():
        builds.append(1)
        return value
    return build, builds


def test_second_lookup_is_a_hit(cache_dir):
    build, builds = counting_build(b"object bytes")
    assert cache.cached("obj", ["int x;", "-O2"], build) == b"object bytes"
    assert cache.cached("obj", ["int x;", "-O2"], build) == b"object bytes"
    assert len(builds) == 1
    files = [p for p in cache_dir.rglob("*") if p.is_file()]
    assert len(files) == 1 and files[0].read_bytes() == b"object bytes"


def test_every_input_is_part_of_the_key():
    build, builds = counting_build(b"x")
    for kind, parts in [("obj", ["a", "b"]), ("obj", ["ab"]), ("obj", ["a", b"b\0"]),
                        ("obj", ["b", "a"]), ("image", ["a", "b"]), ("obj", [])]:
        cache.cached(kind, parts, build)
    assert len(builds) == 6  # ["a","b"] and ["ab"] differ: parts are length-prefixed


def test_default_location_is_the_user_cache(monkeypatch, tmp_path):
    monkeypatch.delenv("PYVIRTINE_CACHE")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    cache.cached("obj", ["home"], lambda: b"y")
    assert list((tmp_path / ".cache" / "pyvirtine" / "obj").iterdir())
    # The same place virtinecc keeps its libraries, so one limit covers both.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    cache.cached("obj", ["xdg"], lambda: b"y")
    assert list((tmp_path / "xdg" / "pyvirtine" / "obj").iterdir())


def test_unwritable_cache_still_builds(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("PYVIRTINE_CACHE", str(blocker / "cache"))
    build, builds = counting_build(b"z")
    assert cache.cached("obj", ["k"], build) == b"z"
    assert cache.cached("obj", ["k"], build) == b"z"
    assert len(builds) == 2


def test_concurrent_processes_agree(cache_dir):
    script = textwrap.dedent("""
        import os, sys, time
        from pyvirtine import cache
        def build():
            time.sleep(0.2)                      # keep the race window open
            return b"%d-" % os.getpid() * 200000  # a big entry: torn writes would show
        data = cache.cached("obj", ["race"], build)
        assert data.split(b"-")[0].isdigit() and len(set(data.split(b"-")[:-1])) == 1
        sys.stdout.buffer.write(data[:20])
    """)
    env = dict(os.environ, PYTHONPATH=str(pathlib.Path(cache.__file__).parents[1]))
    procs = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, env=env)
             for _ in range(4)]
    outs = [p.communicate()[0] for p in procs]
    assert all(p.returncode == 0 for p in procs)
    entries = [p for p in cache_dir.rglob("*") if p.is_file()]
    assert len(entries) == 1 and not entries[0].name.startswith(".tmp")
    final = entries[0].read_bytes()
    assert len(set(final.split(b"-")[:-1])) == 1  # one writer's whole entry
    assert all(out.split(b"-")[0].isdigit() for out in outs)


def test_the_cache_keeps_to_its_size_by_dropping_the_least_recently_used(
        cache_dir, monkeypatch):
    monkeypatch.setenv("PYVIRTINE_CACHE_MAX_BYTES", "4000")
    entries = []
    for i in range(3):
        cache.cached("obj", [f"entry {i}"], lambda: bytes(1000))
        entries.append(cache_dir / "obj" / cache.cache_key("obj", [f"entry {i}"]))
        os.utime(entries[i], (1000 + i, 1000 + i))  # entry 0 the oldest
    cache.cached("obj", ["entry 0"], lambda: pytest.fail("a hit must not build"))
    cache.cached("obj", ["big"], lambda: bytes(1500))  # 4500 bytes: over the limit
    # Least recently used first (entries 1, then 2) until within 3000 bytes; entry 0
    # was just used and the new entry was just written.
    assert [p.exists() for p in entries] == [True, False, False]
    assert (cache_dir / "obj" / cache.cache_key("obj", ["big"])).exists()


def test_pruning_removes_what_crashed_writers_left(cache_dir, monkeypatch):
    (cache_dir / "obj").mkdir(parents=True)
    stale, fresh = cache_dir / "obj" / ".tmp-stale", cache_dir / "obj" / ".tmp-fresh"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"being written")
    os.utime(stale, (1000, 1000))
    cache.cached("obj", ["x"], lambda: b"x")
    assert not stale.exists() and fresh.exists()


def test_the_size_limit_applies_once_virtinecc_built_its_library(cache_dir, monkeypatch):
    # virtinecc's products are directory entries (the linker needs the file names).
    from pyvirtine.hypervisor.native import static_library
    archive = static_library()
    size = archive.stat().st_size
    monkeypatch.setenv("PYVIRTINE_CACHE_MAX_BYTES", str(4 * size))
    old = []
    for i in range(3):
        cache.cached("obj", [f"entry {i}"], lambda: bytes(size))
        old.append(cache_dir / "obj" / cache.cache_key("obj", [f"entry {i}"]))
        os.utime(old[i], (1000 + i, 1000 + i))
    os.utime(archive.parent, (2000, 2000))  # the library was used after them
    cache.cached("obj", ["big"], lambda: bytes(size))  # 5 sizes: down to 3
    assert [p.exists() for p in old] == [False, False, True]
    assert archive.exists()
    # A directory entry is dropped whole when it is the least recently used...
    os.utime(archive.parent, (500, 500))
    cache.cached("obj", ["bigger"], lambda: bytes(2 * size))
    assert sum(p.stat().st_size for p in cache_dir.rglob("*") if p.is_file()) <= 3 * size
    assert not archive.parent.exists()
    assert not [p for p in archive.parent.parent.iterdir()]  # nothing left half deleted
    # ...and built again on its next use.
    assert static_library() == archive and archive.stat().st_size == size
