"""The benchmarks' own native module: the bare-KVM baselines (baseline.c), C timing
loops (loops.c) and a private copy of the launcher they drive, built with cffi on
first use into benchmarks/_build."""
from __future__ import annotations

import contextlib
import importlib.util
from pathlib import Path
from typing import Callable, Iterator

import cffi

from pyvirtine.hypervisor import build_launcher

HERE = Path(__file__).resolve().parent
BUILD = HERE / "_build"

CDEF = """
struct bare;
struct bare *baseline_exit_open(int cpl);
double baseline_exit_once(struct bare *b);
void baseline_exit_close(struct bare *b);
int baseline_exit_roundtrip(int cpl, int n, double *samples);
int baseline_cold_start(int n, double *samples);
int baseline_reset_cost(int method, int n, double *samples);
int bench_calls(struct vt_pool *pool, const uint8_t *args, size_t args_len, int n,
                double *samples);
double bench_calls_per_second(struct vt_pool *pool, const uint8_t *args, size_t args_len,
                              int threads, double seconds);
double bench_exits_per_second(struct bare **vms, int threads, double seconds);
"""


def load():
    """(ffi, lib) of the benchmark module, building it if needed."""
    ffi = cffi.FFI()
    ffi.cdef(build_launcher._cdef() + CDEF)
    sources = [str(HERE / "baseline.c"), str(HERE / "loops.c")]
    sources += [str(Path(build_launcher.HERE, s)) for s in build_launcher.SOURCES]
    ffi.set_source("_pyvirtine_bench", '#include "launcher.h"\n' + CDEF, sources=sources,
                   include_dirs=[build_launcher.HERE], libraries=build_launcher.LIBRARIES,
                   extra_compile_args=build_launcher.CFLAGS)
    BUILD.mkdir(exist_ok=True)
    path = ffi.compile(tmpdir=str(BUILD))
    spec = importlib.util.spec_from_file_location("_pyvirtine_bench", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ffi, module.lib


@contextlib.contextmanager
def raw_exit_rate(ffi, lib) -> Iterator[Callable[[int, float], float]]:
    """``rate(threads, seconds)``: raw CPL3 exits per second from that many threads (at
    most 2), each looping on its own bare VM: the scaling the machine itself allows."""
    bares = ffi.new("struct bare *[2]", [lib.baseline_exit_open(3) for _ in range(2)])
    try:
        if ffi.NULL in bares:
            raise RuntimeError("cannot run the bare VM baseline")
        yield lambda threads, seconds: lib.bench_exits_per_second(bares, threads, seconds)
    finally:
        for bare in bares:
            if bare != ffi.NULL:
                lib.baseline_exit_close(bare)
