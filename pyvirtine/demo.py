"""``pyvirtine demo`` (what ``make demo`` runs): compile demo.c (shipped beside this
module, so an installed pyvirtine has it too) into a virtine image, run it, then run
it again and again from the pool's snapshot and show what a call costs next to a bare
KVM exit on this machine."""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from . import progress
from .errors import VirtineError
from .program import build_program, pack_argv
from .runtime import Virtine

DEMO = Path(__file__).resolve().with_name("demo.c")


def main() -> int:
    source = DEMO.read_text()
    started = time.perf_counter()
    with progress.shown("pyvirtine demo: "):  # a first build compiles the guest libc too
        image = build_program(DEMO.name, source)
    print(f"compiled {DEMO.name} -> {len(image.to_bytes()) // 1024} KiB image "
          f"in {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    with Virtine(image, timeout=5) as virtine:
        print(f"booted to the snapshot point in {(time.perf_counter() - started) * 1e3:.2f} ms")
        first = virtine.call(pack_argv(["demo", "20"]))
        sys.stdout.write(first.stdout.decode())
        argv = pack_argv(["demo", "10"])
        samples = []
        for _ in range(1000):
            started = time.perf_counter()
            result = virtine.call(argv)
            samples.append(time.perf_counter() - started)
            if result.status != 0:
                print("state leaked between runs!", result.stdout.decode())
                return 1
        print(f"1000 more runs, each in a clean virtine: median "
              f"{statistics.median(samples) * 1e6:.1f} us per run (every one said 'run 1')")
    return first.status


if __name__ == "__main__":
    try:
        sys.exit(main())
    except VirtineError as error:
        sys.exit(f"pyvirtine demo: {error}")
