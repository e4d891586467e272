"""Virtines on a Dask cluster (``pip install pyvirtine[dask]``).

``@virtine`` functions and ``load()`` modules pickle by value (``pyvirtine.pickling``),
so ``client.map(f, items)`` and ``client.submit(f, ...)`` work as they are: each worker
process unpickles a virtine once, boots its pool on the first call and keeps it warm.
Their errors (``VirtineCrash`` with the guest's C line, ``VirtineTimeout``,
``VirtinePolicyError``...) reach the client with every field.

A Dask task costs about a millisecond, a warm virtine call tens of microseconds: ``map``
puts many calls in one task::

    import pyvirtine.dask
    results = pyvirtine.dask.map(parse, records, progress=True)

See docs/scale.md for what workers need (``/dev/kvm``, the images' CPU level)."""
from __future__ import annotations

from typing import Any, Callable, Iterable, Optional

import distributed

from . import fanout


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
    batches = fanout.split(iterables, batch, lambda: sum(client.nthreads().values()))
    futures = client.map(fanout.run_batch, batches, function=function,
                         return_exceptions=return_exceptions, worker=_worker,
                         key=getattr(function, "__name__", "virtine"), pure=False, **options)
    try:
        if progress:
            distributed.progress(futures, multi=False)
        return fanout.joined(client.gather(futures))
    except BaseException:
        client.cancel(futures)  # what is still queued would run for nothing
        raise


def _worker() -> str:
    return f"Dask worker {distributed.get_worker().address}"
