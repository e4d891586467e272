"""Per-call cost of a virtine call site in a C host built by virtinecc: a trivial
virtine called in a loop, each call timed, against the raw CPL3 exit round trip of
a bare KVM VM (``baseline.c``) measured in the same run.  Target: <= 1.2x."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from .native import load

REPO = Path(__file__).resolve().parent.parent
TARGET = 1.2

INC = r"""
#include <virtine.h>
virtine long inc(long x) { return x + 1; }
"""

LOOP = r"""
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

long inc(long x);

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    int n = atoi(argv[1]);
    double *samples = malloc(sizeof *samples * n);
    long x = 0;
    for (int i = 0; i < 200; i++) x = inc(x); /* warm the pool and the pages */
    for (int i = 0; i < n; i++) {
        double t = now_us();
        x = inc(x);
        samples[i] = now_us() - t;
    }
    qsort(samples, n, sizeof *samples, by_value);
    printf("%.3f %ld\n", samples[n / 2], x);
    return x == 200 + n ? 0 : 1;
}
"""


def build(directory: Path) -> Path:
    """The C host program (built with virtinecc) in ``directory``."""
    (directory / "inc.c").write_text(INC)
    (directory / "loop.c").write_text(LOOP)
    program = directory / "loop"
    env = {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    subprocess.run([sys.executable, "-m", "pyvirtine.virtinecc", "-O2", "loop.c", "inc.c", "-o",
                    str(program)], cwd=directory, env=env, check=True)
    return program


def run(quick: bool = False) -> dict:
    """Medians in microseconds: ``call_site`` (one virtine call from C) and
    ``raw_exit_cpl3``, and ``ratio``, the median of each round's ratio of the two
    (``target`` is the goal)."""
    ffi, lib = load()
    n, rounds = 200, 4 if quick else 16
    buf = ffi.new(f"double[{n}]")
    call_site, raw = [], []
    with tempfile.TemporaryDirectory(prefix="bench-virtinecc-") as tmp:
        program = build(Path(tmp))
        for _ in range(rounds):  # short alternating rounds: the machine's phases hit both
            out = subprocess.run([str(program), str(n)], capture_output=True, text=True,
                                 check=True).stdout
            call_site.append(float(out.split()[0]))
            if lib.baseline_exit_roundtrip(3, n, buf):
                raise RuntimeError("the raw exit baseline failed")
            raw.append(statistics.median(list(buf)))
    # A round's two medians share its phase of the machine's speed; their ratio cancels it.
    return {"n": n, "rounds": rounds, "call_site": statistics.median(call_site),
            "raw_exit_cpl3": statistics.median(raw),
            "ratio": statistics.median(c / r for c, r in zip(call_site, raw)), "target": TARGET}


if __name__ == "__main__":
    print(run(quick="--quick" in sys.argv))
