"""lz4, zlib, Lua 5.4 and SQLite, unmodified, in virtines: each driver prints the same
bytes built by pyvirtine in a virtine and by gcc against glibc (conftest.agree)."""
from __future__ import annotations

from pathlib import Path

from benchmarks.library_sources import (LUA, LZ4, SQLITE, SQLITE_DEFINES, ZLIB,
                                        sqlite_amalgamation)

PROGRAMS = Path(__file__).parent / "programs"


def test_lz4_block_hc_frame_and_xxhash(agree, source):
    lib = source(LZ4)
    out = agree([PROGRAMS / "lz4_check.c", *(lib / f for f in
                 ("lz4.c", "lz4hc.c", "lz4frame.c", "xxhash.c"))], include_dirs=[lib])
    assert out.count(b"round trip ok") == 9 and b"FAILED" not in out


ZLIB_SOURCES = ("adler32.c", "compress.c", "crc32.c", "deflate.c", "infback.c", "inffast.c",
                "inflate.c", "inftrees.c", "trees.c", "uncompr.c", "zutil.c")


def test_zlib_deflate_inflate_gzip_and_checksums(agree, source):
    lib = source(ZLIB)
    out = agree([PROGRAMS / "zlib_check.c", *(lib / f for f in ZLIB_SOURCES)],
                include_dirs=[lib])
    assert out.count(b"round trip ok") == 16 and b"FAILED" not in out


LUA_SOURCES = ("lapi.c", "lauxlib.c", "lbaselib.c", "lcode.c", "lcorolib.c", "lctype.c",
               "ldblib.c", "ldebug.c", "ldo.c", "ldump.c", "lfunc.c", "lgc.c", "linit.c",
               "liolib.c", "llex.c", "lmathlib.c", "lmem.c", "loadlib.c", "lobject.c",
               "lopcodes.c", "loslib.c", "lparser.c", "lstate.c", "lstring.c", "lstrlib.c",
               "ltable.c", "ltablib.c", "ltm.c", "lundump.c", "lutf8lib.c", "lvm.c", "lzio.c")


def test_lua_runs_a_script(agree, source):
    lib = source(LUA)
    out = agree([PROGRAMS / "lua_check.c", *(lib / f for f in LUA_SOURCES)],
                include_dirs=[lib])
    assert b"error:" not in out and b"\n1\t46368\n" in out  # fib(24)


def test_sqlite_runs_sql_and_writes_the_same_database(agree, source):
    source(SQLITE)
    lib = sqlite_amalgamation()
    out = agree([PROGRAMS / "sqlite_check.c", lib / "sqlite3.c"], include_dirs=[lib],
                defines=SQLITE_DEFINES)
    assert b"integrity_check=ok" in out and b"version=3.50.4" in out
