"""The same gcc-compiled C, run natively and linked by pyvirtine into a virtine, must
compute the same bytes: jump tables, pointer tables in data, strings, function
pointers, common and zero-initialised data exercise the relocations gcc emits."""
import struct
import subprocess

import pytest

from pyvirtine.compiler.link import link
from pyvirtine.runtime import Virtine

KERNEL = r"""
typedef unsigned long u64;
static u64 add(u64 a, u64 b) { return a + b; }
static u64 mul(u64 a, u64 b) { return a * b; }
static u64 xor(u64 a, u64 b) { return a ^ b; }
static u64 (*const ops[])(u64, u64) = { add, mul, xor };   /* R_X86_64_64 in .data.rel.ro */
static const char *names[] = { "zero", "one", "two", "three", "four", "five" };
u64 histogram[64];                                           /* bss */
static u64 seed = 0x9e3779b97f4a7c15ull;                     /* data */

static u64 classify(u64 x)                                   /* a jump table: R_X86_64_32S */
{
    switch (x % 9) {
    case 0: return 11; case 1: return 23; case 2: return 5;  case 3: return 71;
    case 4: return 2;  case 5: return 97; case 6: return 13; case 7: return 41;
    default: return 3;
    }
}

u64 kernel(u64 n, unsigned char *out)
{
    u64 acc = seed, len = 0;
    for (u64 i = 0; i < n; i++) {
        acc = ops[i % 3](acc, classify(i) + i);
        histogram[acc % 64]++;
        const char *s = names[acc % 6];
        while (*s && len < 200)
            out[len++] = *s++;
    }
    for (int i = 0; i < 64 && len < 256; i++)
        out[len++] = (unsigned char)histogram[i];
    seed = acc;  /* a guest's writes do not survive the call */
    return len;
}
"""

GUEST = "u64 kernel(u64, unsigned char *);\n" + """
unsigned long __virtine_dispatch(void *argarea)
{
    u64 n = *(u64 *)argarea;
    return kernel(n, argarea);
}
"""

HOST = r"""
#include <stdio.h>
#include <stdlib.h>
typedef unsigned long u64;
u64 kernel(u64, unsigned char *);
int main(int argc, char **argv)
{
    unsigned char out[512];
    u64 len = kernel(strtoul(argv[1], 0, 10), out);
    fwrite(out, 1, len, stdout);
    return 0;
}
"""


@pytest.mark.parametrize("opt", ["-O0", "-O2"])
def test_same_result_natively_and_in_a_virtine(kvm, gcc, tmp_path, opt):
    kernel = gcc(tmp_path, "kernel.c", KERNEL, opt, "-fno-tree-vectorize")
    guest = gcc(tmp_path, "guest.c", "typedef unsigned long u64;\n" + GUEST, opt)
    (tmp_path / "host.c").write_text(HOST)
    subprocess.run(["gcc", opt, "host.c", "kernel.c", "-o", "native"], cwd=tmp_path,
                   check=True)
    with Virtine(link([guest, kernel], mode="function")) as virtine:
        for n in (0, 1, 7, 40):
            native = subprocess.run([str(tmp_path / "native"), str(n)], capture_output=True,
                                    check=True).stdout
            assert virtine.call(struct.pack("<Q", n)).result == native
