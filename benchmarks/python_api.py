"""Python API benchmarks (issue: @virtine): a trivial ``@virtine`` call against the raw
CPL3 exit, marshalling a 1 MiB buffer in and out against a 1 MiB memcpy (into a buffer
already in memory, and into a fresh ``bytes``), and calls/s from 1 and 2 threads —
all measured in the same run."""
from __future__ import annotations

import ctypes

from pyvirtine import virtine

from .native import load, raw_exit_rate
from .timing import calls_per_second, interleaved, scaling, timed

MIB = 1 << 20


@virtine(memory="8M")
def nothing(n: int) -> int:
    """
    int nothing(int n) { return n; }
    """


@virtine(memory="8M", timeout=1.0)
def nothing_timed(n: int) -> int:
    """
    int nothing_timed(int n) { return n; }
    """


@virtine(memory="8M")
def touch(data: bytearray) -> int:
    """
    #include <stddef.h>
    int touch(unsigned char *data VIRTINE_INOUT(n), size_t n) { data[0] ^= 1; return (int)n; }
    """


def run(quick: bool = False) -> dict:
    ffi, lib = load()
    n = 300 if quick else 2000
    data = bytearray(MIB)
    src, dst = bytearray(MIB), bytearray(MIB)
    c_src = (ctypes.c_char * MIB).from_buffer(src)
    c_dst = (ctypes.c_char * MIB).from_buffer(dst)
    nothing(0), nothing_timed(0), touch(data)  # build, boot and warm the pools
    bare = lib.baseline_exit_open(3)
    if bare == ffi.NULL:
        raise RuntimeError("cannot run the bare VM baseline")
    results = interleaved({
        "raw_exit_cpl3": lambda: lib.baseline_exit_once(bare),
        "trivial_call": timed(lambda: nothing(1)),
        "timed_call": timed(lambda: nothing_timed(1)),
        "buffer_call": timed(lambda: touch(data)),
        "memcpy": timed(lambda: ctypes.memmove(c_dst, c_src, MIB)),
        "memcpy_fresh": timed(lambda: bytes(src)),
    }, n)
    lib.baseline_exit_close(bare)
    results["marshal_1mib"] = results["buffer_call"] - results["trivial_call"]
    with raw_exit_rate(ffi, lib) as raw_exits:
        results.update(scaling({"threads": lambda k, s: calls_per_second(nothing, k, s),
                                "threads_raw": raw_exits}, rounds=4 if quick else 80))
    return results


def report(r: dict) -> list[str]:
    call = r["trivial_call"] / r["raw_exit_cpl3"]
    marshal = r["marshal_1mib"] / r["memcpy"]
    marshal_fresh = r["marshal_1mib"] / r["memcpy_fresh"]
    threads = r["threads"]["ratio"]
    return ["## Python API (`@virtine`)", "",
            "| measurement | median | baseline | ratio | target |", "|---|---|---|---|---|",
            f"| trivial `@virtine` call | {r['trivial_call']:.1f} us | raw CPL3 exit "
            f"{r['raw_exit_cpl3']:.1f} us | {call:.2f}x | <= 1.3 |",
            f"| (same, with a 1 s timeout) | {r['timed_call']:.1f} us | raw CPL3 exit | "
            f"{r['timed_call'] / r['raw_exit_cpl3']:.2f}x | |",
            f"| 1 MiB `VIRTINE_INOUT` buffer, added to a call | {r['marshal_1mib']:.0f} us | "
            f"1 MiB memcpy into memory in use {r['memcpy']:.0f} us | {marshal:.1f}x | <= 2 |",
            f"| (same) | | 1 MiB copy into a fresh `bytes` {r['memcpy_fresh']:.0f} us | "
            f"{marshal_fresh:.1f}x | |",
            f"| calls/s, 2 threads | {r['threads'][2]:,.0f} | 1 thread {r['threads'][1]:,.0f} | "
            f"{threads:.2f}x | >= 1.8 |", "",
            f"Raw exits from 2 threads, each on its own bare VM, in the same rounds as the "
            f"thread row: {r['threads_raw']['ratio']:.2f}x the exits/s of 1 (what this machine "
            "lets that row reach).", ""]
