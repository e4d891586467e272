"""Timing helpers shared by the benchmark suites."""
from __future__ import annotations

import statistics
import threading
import time
from typing import Callable


def median_us(fn: Callable[[], object], n: int) -> float:
    """Median microseconds of ``n`` calls of ``fn``."""
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e6


def calls_per_second(call: Callable[[int], object], threads: int, seconds: float) -> float:
    """How many ``call(thread_index)`` ``threads`` threads complete per second together."""
    counts = [0] * threads
    stop = time.perf_counter() + seconds

    def worker(i: int) -> None:
        while time.perf_counter() < stop:
            call(i)
            counts[i] += 1
    workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return sum(counts) / seconds
