"""The C host stub (``marshal.host_body``) packs exactly the argument area the Python
packer (``ArgPacker``) packs for the same call, so both talk to the same guest glue.
The stub runs natively against a stand-in runtime that prints the area it was given;
no virtine is needed."""
from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from pyvirtine.hypervisor.native import include_dir
from pyvirtine.marshal import ArgPacker, find_virtines, host_body
from pyvirtine.marshal.frontend import INCLUDE_DIR

CAPACITY = 1 << 16

SOURCE = r"""
#include <virtine.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

struct point { int x, y; };
typedef struct { char name[5]; struct point at; double weight; } shape;
enum color { RED, GREEN = 5, BLUE };

virtine int count_byte(const unsigned char *data VIRTINE_IN(n), size_t n, int byte) { return 0; }
virtine struct point add(struct point a, struct point b) { return a; }
virtine shape grow(shape s, enum color c) { return s; }
virtine void fill(unsigned char *out VIRTINE_OUT(n), size_t n, unsigned char value) { }
virtine void copy_to(const char *src, char *dst VIRTINE_OUT(n), size_t n) { }
virtine long sum_and_double(int32_t *v VIRTINE_INOUT(count), size_t count) { return 0; }
virtine double trace(const double *m VIRTINE_IN(rows * cols), int rows, int cols) { return 0; }
virtine void move(struct point *p, const struct point *by) { }
virtine size_t length(const char *s) { return 0; }
virtine const char *skip(const char *s, void *raw VIRTINE_IN(3)) { return s; }
virtine uint64_t mix(char c, signed char sc, unsigned short us, int64_t i64, uint64_t u64,
                     float f, double d, bool b) { return 0; }
virtine double _Complex rotate(double _Complex z, float _Complex w, int n) { return z; }
"""

# (virtine, C arguments, the same call from Python)
CALLS = [
    ("count_byte", '(const unsigned char *)"banana", 6, 97', (b"banana", 97)),
    ("count_byte", "0, 0, 1", (None, 1)),
    ("add", "(struct point){1, -2}, (struct point){30, 40}", ({"x": 1, "y": -2}, {"x": 30, "y": 40})),
    ("grow", '(shape){"abc", {7, 8}, 2.5}, BLUE',
     ({"name": b"abc", "at": {"x": 7, "y": 8}, "weight": 2.5}, 6)),
    ("fill", "out5, 5, 7", (bytearray(5), 7)),
    ("copy_to", '"abc", (char *)out5, 5', ("abc", bytearray(5))),
    ("sum_and_double", "ints, 3", ([1, -2, 3],)),
    ("trace", "doubles, 2, 3", ([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], 2, 3)),
    ("move", "&pt, &pt", ({"x": 4, "y": 5}, {"x": 4, "y": 5})),
    ("move", "0, &pt", (None, {"x": 4, "y": 5})),
    ("length", '"hello"', ("hello",)),
    ("length", "0", (None,)),
    ("skip", '"  x", "abc"', ("  x", b"abc")),
    ("mix", "'a', -3, 500, -7, 1ULL << 40, 1.5f, 2.25, true",
     (b"a", -3, 500, -7, 1 << 40, 1.5, 2.25, True)),
    ("rotate", "__builtin_complex(1.5, -2.0), __builtin_complex(0.25f, 4.0f), 3",
     (1.5 - 2j, 0.25 + 4j, 3)),
]

RUNTIME = r"""
#include <stdio.h>
#include <string.h>
#include "host_runtime.h"

static unsigned char area[%d];
unsigned char *__virtinecc_begin(struct __virtinecc_site *site, unsigned long long size) {
    memset(area, 0xee, sizeof area); /* the stub must write every byte it hands over */
    memset(area, 0, size);
    return area;
}
const unsigned char *__virtinecc_call(struct __virtinecc_site *site, unsigned long long size,
                                      unsigned long long result_len) {
    printf("%%llu %%llu ", size, result_len);
    for (unsigned long long i = 0; i < size; i++) printf("%%02x", area[i]);
    printf("\n");
    return 0;
}
char *__virtinecc_string(struct __virtinecc_site *site, const unsigned char *result) { return 0; }
static struct __virtinecc_site site = {"test", 0, 0, 0, 0, %dULL, 0, 0};
""" % (CAPACITY, CAPACITY)


def test_host_stub_packs_what_the_python_packer_packs(tmp_path: Path) -> None:
    if shutil.which("cc") is None:
        pytest.skip("needs the system C compiler")
    sigs = {s.name: s for s in find_virtines(SOURCE, "glue.c")}
    stubs = []
    for sig in sigs.values():
        params = ", ".join(p.decl for p in sig.params) or "void"
        sep = "" if sig.ret_c.endswith("*") else " "
        stubs.append(f"{sig.ret_c}{sep}host_{sig.name}({params})\n{host_body(sig, 'site')}\n")
    calls = "\n".join(f"    host_{name}({args});" for name, args, _ in CALLS)
    main = ("int main(void) {\n    unsigned char out5[5]; int32_t ints[3] = {1, -2, 3};\n"
            "    double doubles[6] = {1, 2, 3, 4, 5, 6}; struct point pt = {4, 5};\n"
            f"{calls}\n    return 0;\n}}\n")
    include = tmp_path / "include"  # virtine.h alone: the guest's libc headers are not cc's
    include.mkdir()
    shutil.copy(Path(INCLUDE_DIR, "virtine.h"), include)
    (tmp_path / "glue.c").write_text(SOURCE + RUNTIME + "".join(stubs) + main)
    subprocess.run(["cc", "-Wall", "-Werror", "-Wno-unused-parameter", "-Wno-unused-variable",
                    f"-I{include}", f"-I{include_dir()}", "glue.c", "-o", "glue"],
                   cwd=tmp_path, check=True)
    lines = subprocess.run(["./glue"], cwd=tmp_path, check=True, capture_output=True,
                           text=True).stdout.splitlines()
    assert len(lines) == len(CALLS)
    for (name, _, py_args), line in zip(CALLS, lines):
        size, result_len, data = line.split()
        call = ArgPacker(sigs[name]).pack(py_args, {}, CAPACITY)
        assert bytes.fromhex(data) == call.area, name
        assert (int(size), int(result_len)) == (len(call.area), call.result_len), name
        assert struct.unpack_from("<Q", call.area, ArgPacker(sigs[name]).layout.header + 8)[0] \
            == CAPACITY
