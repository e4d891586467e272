"""Virtines the tests send to other processes (pickled: ProcessPoolExecutor, Dask), one
per kind of callable and of failure."""
from __future__ import annotations

import pathlib

from pyvirtine import virtine


@virtine(memory="2M")
def scale(x: int, k: int) -> int:
    """
    int scale(int x, int k) { return x * k; }
    """


@virtine(memory="2M")
def split(n: int, d: int):
    """
    struct quotient { int q, r; };
    struct quotient split(int n, int d) { struct quotient v = {n / d, n % d}; return v; }
    """


@virtine(memory="2M", timeout=0.5)
def misbehave(data: bytes) -> int:
    """
    #include <stddef.h>
    #include <stdint.h>
    #include <stdio.h>
    int misbehave(const unsigned char *data VIRTINE_IN(n), size_t n) {
        volatile int spin = 0;
        if (n && data[0] == 'c')
            return *(volatile int *)(uintptr_t)0xdead0000;   /* CRASH HERE */
        if (n && data[0] == 't')
            for (;;) spin++;
        if (n && data[0] == 'p')
            puts("not allowed to write");
        return (int)n;
    }
    """


def crash_line() -> str:
    """``file:line`` of the C line where ``misbehave(b"c...")`` faults, as crash reports
    name it."""
    path = pathlib.Path(__file__)
    lines = path.read_text().splitlines()
    return f"{path.name}:{next(i for i, l in enumerate(lines, 1) if 'CRASH HERE' in l)}"


def calls_in_pool(function) -> int:
    """Calls the pool of ``function`` has run in this process (a worker's warm pool)."""
    return function.virtine._virtine().stats().calls
