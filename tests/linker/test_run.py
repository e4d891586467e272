"""Linked images run for real under KVM: crt0's two modes, argv, the hypercall helper,
stack alignment, snapshots, and the boot stub path."""
import struct

import pytest

from pyvirtine.compiler import compile_c
from pyvirtine.compiler.libc import libc_objects
from pyvirtine.compiler.link import link
from pyvirtine.program import pack_argv
from pyvirtine.runtime import Virtine

FUNCTION = r"""
long __virtine_hypercall(long nr, long a0, long a1, long a2);
static long calls;            /* data: reset by every call's snapshot restore */
static char scratch[100000];  /* bss, past the payload */
const char greeting[] = "hi from the guest\n";

unsigned long __virtine_dispatch(void *argarea)
{
    long *args = argarea;
    calls++;
    scratch[sizeof scratch - 1] = 7;
    __virtine_hypercall(10, 1, (long)greeting, sizeof greeting - 1);
    args[0] = args[0] * 3 + calls + scratch[sizeof scratch - 1];
    args[1] = (long)__builtin_frame_address(0) % 16;  /* 0 when crt0 kept the ABI */
    return 16;
}
"""

PROGRAM = r"""
long __virtine_hypercall(long nr, long a0, long a1, long a2);

static unsigned long length(const char *s)
{
    unsigned long n = 0;
    while (s[n])
        n++;
    return n;
}

int main(int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        __virtine_hypercall(10, 1, (long)argv[i], length(argv[i]));
        __virtine_hypercall(10, 1, (long)"|", 1);
    }
    if (argv[argc] != 0 || (long)__builtin_frame_address(0) % 16)
        return 99;
    return 40 + argc;
}
"""


@pytest.fixture(scope="module")
def function_image(gcc, tmp_path_factory):
    obj = gcc(tmp_path_factory.mktemp("fn"), "fn.c", FUNCTION, "-O0", "-g")
    return link([obj], mode="function", allow=1 << 10)


@pytest.mark.parametrize("boot", ["direct", "stub"])
def test_function_mode_calls(kvm, function_image, boot):
    with Virtine(function_image, boot=boot) as virtine:
        for x in (5, 1000):
            result = virtine.call(struct.pack("<qq", x, -1))
            assert result.status == 0
            assert struct.unpack("<qq", result.result) == (3 * x + 1 + 7, 0)
            assert result.stdout == b"hi from the guest\n"


def test_program_mode_builds_argv(kvm, gcc, tmp_path):
    obj = gcc(tmp_path, "prog.c", PROGRAM, "-O0")
    with Virtine(link([obj], mode="program", allow=1 << 10)) as virtine:
        result = virtine.call(pack_argv(["prog", "one", "", "three"]))
        assert result.stdout == b"prog|one||three|"
        assert result.status == 44
        assert virtine.call(pack_argv([])).status == 40


def test_function_mode_with_libc_flushes_output(kvm):
    source = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
unsigned long __virtine_dispatch(void *argarea)
{
    int *a = argarea;
    char *copy = malloc(64);
    strcpy(copy, "heap works");
    printf("got %d, %s\n", a[0], copy);  /* stays buffered until crt0's __libc_flush */
    a[0] += 1;
    return 4;
}
"""
    obj = compile_c(source, "fnlibc.c")
    image = link([obj], libraries=libc_objects(), mode="function", allow=1 << 10)
    with Virtine(image) as virtine:
        for x in (5, 6):
            result = virtine.call(struct.pack("<i", x))
            assert result.stdout == b"got %d, heap works\n" % x
            assert result.result == struct.pack("<i", x + 1)
