"""Many virtine calls per cluster task, the part the cluster backends (``pyvirtine.dask``,
``pyvirtine.ray``) share: a task costs a cluster about a millisecond, a warm virtine call
tens of microseconds, so calls go to the workers in batches."""
from __future__ import annotations

import pickle
from typing import Any, Callable, Iterable, Optional

import cloudpickle

from .errors import KVMUnavailable

# Batches per worker thread when none is given: enough for a progress bar and for
# balancing between workers, few enough that per-task costs stay small.
BATCHES_PER_THREAD = 4


def split(iterables: tuple[Iterable, ...], batch: Optional[int],
          threads: Callable[[], int]) -> list[list[tuple]]:
    """The argument tuples of ``zip(*iterables)`` in batches of ``batch`` (default: a few
    per worker thread; ``threads()`` counts them)."""
    calls = list(zip(*iterables))
    if batch is None:
        batch = max(1, -(-len(calls) // (max(threads(), 1) * BATCHES_PER_THREAD)))
    if batch < 1:
        raise ValueError(f"batch must be at least 1, not {batch}")
    return [calls[i:i + batch] for i in range(0, len(calls), batch)]


def run_batch(calls: list[tuple], function: Callable[..., Any], return_exceptions: bool,
              worker: Callable[[], str]) -> bytes:
    """One task, on a worker: the results, pickled (Dask sends a list element by
    element, at tens of microseconds each; one bytes object goes at memory speed). A
    worker that cannot run virtines at all raises ``KVMUnavailable`` naming ``worker()``,
    whatever ``return_exceptions`` says."""
    results = []
    for args in calls:
        try:
            results.append(function(*args))
        except KVMUnavailable as error:
            raise KVMUnavailable(f"{worker()}: {error}") from None
        except Exception as error:  # noqa: BLE001 - handed back as the call's result
            if not return_exceptions:
                raise
            results.append(error)
    return cloudpickle.dumps(results)


def joined(parts: Iterable[bytes]) -> list:
    """The results of the batches ``run_batch`` returned, in order."""
    return [value for part in parts for value in pickle.loads(part)]
