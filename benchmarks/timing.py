"""Timing helpers shared by the benchmark suites.

The machines these run on drift in speed over seconds (a shared or paravirtual host),
so whatever is compared is sampled interleaved: one sample of each contender in turn,
many times, and each contender's median is taken over its own samples. And one CPU
can run at half another's speed for seconds at a time, so a suite runs on one CPU
(``one_cpu``), except where it measures threads on all of them (``scaling``)."""
from __future__ import annotations

import contextlib
import os
import statistics
import threading
import time
from typing import Any, Callable, Iterator, Mapping

Sampler = Callable[[], float]  # runs once, returns microseconds


_CPUS = os.sched_getaffinity(0)


@contextlib.contextmanager
def one_cpu() -> Iterator[None]:
    """Run the block on one CPU: this thread, and the threads and processes it starts
    (the vCPU of a call is the calling thread; native baselines are child processes)."""
    os.sched_setaffinity(0, {min(_CPUS)})
    try:
        yield
    finally:
        os.sched_setaffinity(0, _CPUS)


def timed(fn: Callable[[], object]) -> Sampler:
    """A sampler timing one call of ``fn`` from Python."""
    clock = time.perf_counter

    def sample() -> float:
        start = clock()
        fn()
        return (clock() - start) * 1e6
    return sample


def interleaved(samplers: Mapping[Any, Sampler], n: int, block: int = 20) -> dict[Any, float]:
    """Median microseconds of each sampler over ``n`` samples, taken in turns of
    ``block`` consecutive samples. A turn starts with one unrecorded sample: the first
    run after another contender pays for switching VMs and caches, which is not what
    is being measured (and would inflate a fast baseline the most)."""
    samples: dict[Any, list[float]] = {name: [] for name in samplers}
    block = max(1, min(block, n))
    for _ in range(-(-n // block)):
        for name, sample in samplers.items():
            sample()
            samples[name] += [sample() for _ in range(block)]
    return {name: statistics.median(values) for name, values in samples.items()}


def median_us(fn: Callable[[], object], n: int) -> float:
    """Median microseconds of ``n`` calls of ``fn`` (for what has no baseline to share
    the machine's phases with)."""
    return interleaved({"fn": timed(fn)}, n)["fn"]


def calls_per_second(call: Callable[[int], object], threads: int, seconds: float) -> float:
    """How many ``call(thread_index)`` ``threads`` threads complete per second together."""
    counts = [0] * threads
    stop = time.perf_counter() + seconds

    def worker(i: int) -> None:
        n = 0  # counted apart: a count the threads shared would bounce between CPUs
        while time.perf_counter() < stop:
            call(i)
            n += 1
        counts[i] = n
    workers = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return sum(counts) / seconds


def scaling(rates: Mapping[Any, Callable[[int, float], float]], rounds: int,
            window: float = 0.15) -> dict[Any, dict[Any, float]]:
    """Rates of 1 and of 2 threads of each contender (``rate(threads, seconds)``), over
    ``window``-second windows taken in turn, one of each contender and thread count per
    round. Each gets its medians, and under "ratio" the median of its rounds' 2-thread
    to 1-thread ratios, which the machine's drifts in speed (over seconds, here) cancel
    out of; all contenders' rounds share those drifts."""
    samples: dict[Any, dict[int, list[float]]] = {name: {1: [], 2: []} for name in rates}
    pinned = os.sched_getaffinity(0)
    os.sched_setaffinity(0, _CPUS)  # the threads it starts inherit every CPU
    try:
        for _ in range(rounds):
            for name, rate in rates.items():
                for k in (1, 2):
                    samples[name][k].append(rate(k, window))
    finally:
        os.sched_setaffinity(0, pinned)
    return {name: {1: statistics.median(s[1]), 2: statistics.median(s[2]),
                   "ratio": statistics.median(two / one for one, two in zip(s[1], s[2]))}
            for name, s in samples.items()}
