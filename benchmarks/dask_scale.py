"""Scale-out benchmark (issue: Dask): calls/s of the trivial ``@virtine`` call through a
Dask LocalCluster with 1 and 2 worker processes (one thread each), batched
(``pyvirtine.dask.map``) and one task per call (``client.map``), against the same calls
from 1 and 2 threads of one process, all in the same rounds. Target: the batched map on
2 workers reaches >= 0.8x the calls/s of 2 threads in one process.

Runs on every CPU (the workers are processes). Alone: ``python -m benchmarks dask``."""
from __future__ import annotations

import statistics
import time
from typing import Callable

from distributed import Client, LocalCluster

import pyvirtine.dask

from .python_api import nothing
from .timing import calls_per_second

TARGET = 0.8


def _rate(calls: int, run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return calls / (time.perf_counter() - start)


def run(quick: bool = False) -> dict:
    batched, tasks = (4000, 200) if quick else (40000, 1000)  # calls per sample
    rounds = 2 if quick else 9
    samples: dict[str, list[float]] = {}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster, Client(cluster) as client:
        one = sorted(client.nthreads())[:1]
        nothing(0)
        client.run(nothing, 0)  # every worker unpickles the virtine and boots its pool

        def dask_map(workers: object) -> Callable[[], object]:
            return lambda: pyvirtine.dask.map(nothing, range(batched), workers=workers)

        def task_per_call(workers: object) -> Callable[[], object]:
            return lambda: client.gather(client.map(nothing, range(tasks), workers=workers,
                                                    pure=False))
        contenders = {
            "local_1": lambda: calls_per_second(nothing, 1, 0.5),
            "local_2": lambda: calls_per_second(nothing, 2, 0.5),
            "map_1": lambda: _rate(batched, dask_map(one)),
            "map_2": lambda: _rate(batched, dask_map(None)),
            "tasks_1": lambda: _rate(tasks, task_per_call(one)),
            "tasks_2": lambda: _rate(tasks, task_per_call(None)),
        }
        for _ in range(rounds):  # in turns, so the machine's slow phases hit all of them
            for name, sample in contenders.items():
                samples.setdefault(name, []).append(sample())
    results: dict = {name: statistics.median(s) for name, s in samples.items()}
    for k in (1, 2):  # each round's own ratio, whose drifts cancel
        results[f"ratio_{k}"] = statistics.median(
            m / local for m, local in zip(samples[f"map_{k}"], samples[f"local_{k}"]))
    results["task_overhead_us"] = statistics.median(
        1e6 / t - 1e6 / local for t, local in zip(samples["tasks_1"], samples["local_1"]))
    results.update(rounds=rounds, batched_calls=batched, target=TARGET)
    return results


def report(r: dict) -> list[str]:
    rows = [("one process, threads", "local"), ("Dask, `pyvirtine.dask.map` (batched)", "map"),
            ("Dask, `client.map` (a task per call)", "tasks")]
    return ["## Scale-out (Dask)", "",
            f"The trivial `@virtine` call, {r['batched_calls']:,} calls per batched sample, "
            f"{r['rounds']} rounds of every contender in turn; Dask runs a LocalCluster of "
            "worker processes with one thread each, its scheduler and client in this process:",
            "", "| calls/s | 1 (thread / worker) | 2 |", "|---|---|---|",
            *[f"| {label} | {r[key + '_1']:,.0f} | {r[key + '_2']:,.0f} |"
              for label, key in rows], "",
            f"Batched map against threads in one process: **{r['ratio_2']:.2f}x** with 2 "
            f"workers (target >= {r['target']}), {r['ratio_1']:.2f}x with 1. A Dask task adds "
            f"{r['task_overhead_us']:,.0f} us to a call (one worker, a task per call).", ""]
