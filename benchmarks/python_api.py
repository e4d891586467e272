"""Python API benchmarks (issue: @virtine): a trivial ``@virtine`` call against the raw
CPL3 exit, marshalling a 1 MiB buffer in and out against a 1 MiB memcpy (into a buffer
already in memory, and into a fresh ``bytes``), and calls/s from 1 and 2 threads —
all measured in the same run."""
from __future__ import annotations

import ctypes
import statistics

from pyvirtine import virtine

from .native import load
from .timing import calls_per_second, median_us

MIB = 1 << 20


@virtine(memory="8M")
def nothing(n: int) -> int:
    """
    int nothing(int n) { return n; }
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
    buf = ffi.new(f"double[{n}]")
    data = bytearray(MIB)
    src, dst = bytearray(MIB), bytearray(MIB)
    c_src = (ctypes.c_char * MIB).from_buffer(src)
    c_dst = (ctypes.c_char * MIB).from_buffer(dst)
    nothing(0), touch(data)  # build, boot and warm both pools
    rounds: dict[str, list[float]] = {k: [] for k in (
        "raw_exit_cpl3", "trivial_call", "buffer_call", "memcpy", "memcpy_fresh")}
    for _ in range(3):
        lib.baseline_exit_roundtrip(3, n, buf)
        rounds["raw_exit_cpl3"].append(statistics.median(list(buf)))
        rounds["trivial_call"].append(median_us(lambda: nothing(1), n))
        rounds["buffer_call"].append(median_us(lambda: touch(data), max(20, n // 20)))
        rounds["memcpy"].append(median_us(lambda: ctypes.memmove(c_dst, c_src, MIB), n))
        rounds["memcpy_fresh"].append(median_us(lambda: bytes(src), max(20, n // 20)))
    results = {k: statistics.median(v) for k, v in rounds.items()}
    results["marshal_1mib"] = results["buffer_call"] - results["trivial_call"]
    seconds = 0.5 if quick else 2.0
    results["threads"] = {k: calls_per_second(nothing, k, seconds) for k in (1, 2)}
    return results


def report(r: dict) -> list[str]:
    call = r["trivial_call"] / r["raw_exit_cpl3"]
    marshal = r["marshal_1mib"] / r["memcpy"]
    marshal_fresh = r["marshal_1mib"] / r["memcpy_fresh"]
    threads = r["threads"][2] / r["threads"][1]
    return ["## Python API (`@virtine`)", "",
            "| measurement | median | baseline | ratio | target |", "|---|---|---|---|---|",
            f"| trivial `@virtine` call | {r['trivial_call']:.1f} us | raw CPL3 exit "
            f"{r['raw_exit_cpl3']:.1f} us | {call:.2f}x | <= 1.3 |",
            f"| 1 MiB `VIRTINE_INOUT` buffer, added to a call | {r['marshal_1mib']:.0f} us | "
            f"1 MiB memcpy into memory in use {r['memcpy']:.0f} us | {marshal:.1f}x | <= 2 |",
            f"| (same) | | 1 MiB copy into a fresh `bytes` {r['memcpy_fresh']:.0f} us | "
            f"{marshal_fresh:.1f}x | |",
            f"| calls/s, 2 threads | {r['threads'][2]:,.0f} | 1 thread {r['threads'][1]:,.0f} | "
            f"{threads:.2f}x | >= 1.8 |", ""]
