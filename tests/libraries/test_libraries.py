"""lz4, zlib, Lua 5.4 and SQLite, unmodified, in virtines: each driver prints the same
bytes built by pyvirtine in a virtine and by gcc against glibc (conftest.agree)."""
from __future__ import annotations

from pathlib import Path

PROGRAMS = Path(__file__).parent / "programs"
# (requirement, the directory its sdist unpacks to): PyPI packages that bundle the
# library's own sources
LZ4 = ("lz4==4.4.5", "lz4-4.4.5")                      # lz4libs/: lz4 1.9.4
ZLIB = ("pyminizip==0.2.6", "pyminizip-0.2.6")         # zlib-1.2.11/
LUA = ("lupa==2.8", "lupa-2.8")                        # third-party/lua54/: Lua 5.4.8
SQLITE = ("sqlean-py==3.50.4.5", "sqlean_py-3.50.4.5")  # sqlite/sqlite3.c: 3.50.4


def test_lz4_block_hc_frame_and_xxhash(agree, sdist):
    lib = sdist(*LZ4) / "lz4libs"
    out = agree([PROGRAMS / "lz4_check.c", *(lib / f for f in
                 ("lz4.c", "lz4hc.c", "lz4frame.c", "xxhash.c"))], include_dirs=[lib])
    assert out.count(b"round trip ok") == 9 and b"FAILED" not in out


ZLIB_SOURCES = ("adler32.c", "compress.c", "crc32.c", "deflate.c", "infback.c", "inffast.c",
                "inflate.c", "inftrees.c", "trees.c", "uncompr.c", "zutil.c")


def test_zlib_deflate_inflate_gzip_and_checksums(agree, sdist):
    lib = sdist(*ZLIB) / "zlib-1.2.11"
    out = agree([PROGRAMS / "zlib_check.c", *(lib / f for f in ZLIB_SOURCES)],
                include_dirs=[lib])
    assert out.count(b"round trip ok") == 16 and b"FAILED" not in out


LUA_SOURCES = ("lapi.c", "lauxlib.c", "lbaselib.c", "lcode.c", "lcorolib.c", "lctype.c",
               "ldblib.c", "ldebug.c", "ldo.c", "ldump.c", "lfunc.c", "lgc.c", "linit.c",
               "liolib.c", "llex.c", "lmathlib.c", "lmem.c", "loadlib.c", "lobject.c",
               "lopcodes.c", "loslib.c", "lparser.c", "lstate.c", "lstring.c", "lstrlib.c",
               "ltable.c", "ltablib.c", "ltm.c", "lundump.c", "lutf8lib.c", "lvm.c", "lzio.c")


def test_lua_runs_a_script(agree, sdist):
    lib = sdist(*LUA) / "third-party" / "lua54"
    out = agree([PROGRAMS / "lua_check.c", *(lib / f for f in LUA_SOURCES)],
                include_dirs=[lib])
    assert b"error:" not in out and b"\n1\t46368\n" in out  # fib(24)


SQLITE_DEFINES = ("SQLITE_OS_OTHER=1", "SQLITE_THREADSAFE=0", "SQLITE_OMIT_LOAD_EXTENSION",
                  "SQLITE_TEMP_STORE=3")


def pristine_sqlite(sdist_dir: Path) -> Path:
    """The amalgamation as SQLite ships it: sqlean appends its own init after the
    "End of sqlite3.c" line, which is left out."""
    out = sdist_dir / "pristine"
    if not (out / "sqlite3.c").exists():
        out.mkdir(exist_ok=True)
        text = (sdist_dir / "sqlite" / "sqlite3.c").read_text(encoding="latin-1")
        end = text.index("\n", text.index("** End of sqlite3.c ***")) + 1
        (out / "sqlite3.h").write_bytes((sdist_dir / "sqlite" / "sqlite3.h").read_bytes())
        (out / "sqlite3.c.tmp").write_text(text[:end], encoding="latin-1")
        (out / "sqlite3.c.tmp").rename(out / "sqlite3.c")
    return out


def test_sqlite_runs_sql_and_writes_the_same_database(agree, sdist):
    lib = pristine_sqlite(sdist(*SQLITE))
    out = agree([PROGRAMS / "sqlite_check.c", lib / "sqlite3.c"], include_dirs=[lib],
                defines=SQLITE_DEFINES)
    assert b"integrity_check=ok" in out and b"version=3.50.4" in out
