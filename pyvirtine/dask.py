"""Virtines on a Dask cluster (``pip install pyvirtine[dask]``).

``@virtine`` functions and ``load()`` modules pickle by value (``pyvirtine.pickling``),
so ``client.map(f, items)`` and ``client.submit(f, ...)`` work as they are: each worker
process unpickles a virtine once, boots its pool on the first call and keeps it warm.
Their errors (``VirtineCrash`` with the guest's C line, ``VirtineTimeout``,
``VirtinePolicyError``...) reach the client with every field.

A task costs Dask about a millisecond; a warm virtine call tens of microseconds. ``map``
puts many calls in one task::

    from pyvirtine.dask import map
    results = map(parse, records, batch=500, progress=True)

See docs/scale.md for what workers need (``/dev/kvm``, the images' CPU level)."""
from __future__ import annotations

import pickle
from typing import Any, Callable, Iterable, Optional

import cloudpickle
import distributed

from .errors import KVMUnavailable

# Batches per worker thread when ``batch`` is not given: enough for the progress bar
# and for balancing between workers, few enough that per-task costs stay small.
_BATCHES_PER_THREAD = 4


def map(function: Callable[..., Any], *iterables: Iterable, batch: Optional[int] = None,
        client: Optional[distributed.Client] = None, progress: bool = False,
        return_exceptions: bool = False, **options: Any) -> list:
    """``[function(*args) for args in zip(*iterables)]``, run on the Dask cluster of
    ``client`` (default: the current client) in tasks of ``batch`` calls each (default:
    a few tasks per worker thread). ``progress`` shows Dask's progress bar while it runs;
    other keyword arguments go to ``Client.map`` (``workers=``, ``retries=``...).

    The first call that raises raises here, the same exception, and the remaining tasks
    are cancelled; with ``return_exceptions`` a call's exception is its result instead
    (what a fan-out over untrusted inputs wants). A worker that cannot run virtines at
    all (no usable ``/dev/kvm``) raises ``KVMUnavailable`` naming it either way."""
    client = client or distributed.default_client()
    calls = list(zip(*iterables))
    if batch is None:
        threads = sum(client.nthreads().values()) or 1
        batch = max(1, -(-len(calls) // (threads * _BATCHES_PER_THREAD)))
    if batch < 1 and calls:
        raise ValueError(f"batch must be at least 1, not {batch}")
    batches = [calls[i:i + batch] for i in range(0, len(calls), batch)]
    futures = client.map(_run_batch, batches, function=function,
                         return_exceptions=return_exceptions,
                         key=getattr(function, "__name__", "virtine"), pure=False, **options)
    try:
        if progress:
            distributed.progress(futures, multi=False)
        return [value for part in client.gather(futures) for value in pickle.loads(part)]
    finally:
        client.cancel(futures)


def _run_batch(calls: list[tuple], *, function: Callable[..., Any],
               return_exceptions: bool) -> bytes:
    """One task of ``map``, on a worker: the results, pickled (Dask sends a list element
    by element, at tens of microseconds each; one bytes object goes at memory speed)."""
    results = []
    for args in calls:
        try:
            results.append(function(*args))
        except KVMUnavailable as error:
            raise KVMUnavailable(f"Dask worker {distributed.get_worker().address} cannot run "
                                 f"virtines: {error}") from None
        except Exception as error:  # noqa: BLE001 - handed back as the call's result
            if not return_exceptions:
                raise
            results.append(error)
    return cloudpickle.dumps(results)

