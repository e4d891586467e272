"""Independent build steps (one libc source, one virtine's link) on every CPU.

Workers are forked, so a step may be any function (only its result is pickled) and they
start with what this process has read already: the first step runs here, which warms
that (LLVM set up, objects parsed, line tables decoded), and the workers share the rest.
Steps run here one after another where forking is unsafe or gains nothing: one CPU
(``os.sched_getaffinity``), fewer than three steps, no ``fork``, or other threads running
(a fork copies the locks they hold). ``$PYVIRTINE_JOBS`` caps the processes (1: none).
"""
from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Callable, Optional, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# The steps of the map in progress, for the forked workers (inherited, not pickled).
_work: Optional[tuple[Callable, Sequence]] = None


def map_steps(step: Callable[[T], R], items: Sequence[T],
              done: Callable[[int], None] = lambda n: None) -> list[R]:
    """``[step(item) for item in items]``, in parallel where that pays; ``done(n)`` is
    told how many steps have finished, as they finish."""
    global _work
    workers = min(_jobs(), len(items) - 1)
    if workers < 2 or threading.active_count() > 1 or _work is not None:
        results = []
        for item in items:
            results.append(step(item))
            done(len(results))
        return results
    results: list = [step(items[0])]
    done(1)
    results += [None] * (len(items) - 1)
    _work = (step, items)
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = {pool.submit(_run, i): i for i in range(1, len(items))}
            for n, future in enumerate(as_completed(futures), start=2):
                results[futures[future]] = future.result()
                done(n)
    finally:
        _work = None
    return results


def _run(index: int):
    step, items = _work  # type: ignore[misc]
    return step(items[index])


def _jobs() -> int:
    if not hasattr(os, "fork"):
        return 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    try:
        return max(1, min(cpus or 1, int(os.environ.get("PYVIRTINE_JOBS") or cpus or 1)))
    except ValueError:
        return cpus or 1
