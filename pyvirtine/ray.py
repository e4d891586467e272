"""Virtines on a Ray cluster (``pip install pyvirtine[ray]``).

``@virtine`` functions and ``load()`` modules pickle by value (``pyvirtine.pickling``),
so Ray tasks and actors may call them; each worker process boots a virtine's pool once
and keeps it warm. ``ray.remote`` takes Python functions only: wrap a virtine in one
(``ray.remote(lambda record: parse(record))``). ``ray.get`` raises a failed call's error
as ``RayTaskError(VirtineCrash)``, an instance of both with every field.

``map`` puts many calls in each Ray task, as ``pyvirtine.dask.map`` does::

    import pyvirtine.ray
    results = pyvirtine.ray.map(parse, records)

See docs/scale.md for what workers need (``/dev/kvm``, the images' CPU level)."""
from __future__ import annotations

import socket
from typing import Any, Callable, Iterable, Optional

import ray

from . import fanout


def map(function: Callable[..., Any], *iterables: Iterable, batch: Optional[int] = None,
        return_exceptions: bool = False, **options: Any) -> list:
    """``[function(*args) for args in zip(*iterables)]``, run on the Ray cluster this
    process is connected to (``ray.init()``; a local one if none) in tasks of ``batch``
    calls each (default: a few tasks per CPU). Other keyword arguments are the tasks'
    Ray options (``num_cpus=``, ``resources=``, ``max_retries=``...).

    The first call that raises raises here, the same exception (not Ray's wrapper), and
    the remaining tasks are cancelled; with ``return_exceptions`` a call's exception is
    its result instead. A worker that cannot run virtines at all (no usable
    ``/dev/kvm``) raises ``KVMUnavailable`` naming its node either way."""
    if not ray.is_initialized():
        ray.init()
    batches = fanout.split(iterables, batch,
                           lambda: int(ray.cluster_resources().get("CPU", 1)))
    task = _batch.options(**options) if options else _batch
    shipped = ray.put(function)  # once, not in every task
    refs = [task.remote(calls, shipped, return_exceptions) for calls in batches]
    try:
        return fanout.joined(ray.get(refs))
    except ray.exceptions.RayTaskError as error:
        for ref in refs:
            ray.cancel(ref)
        raise error.cause from error


@ray.remote
def _batch(calls: list[tuple], function: Callable[..., Any], return_exceptions: bool) -> bytes:
    return fanout.run_batch(calls, function, return_exceptions, _worker)


def _worker() -> str:
    return f"Ray worker on {socket.gethostname()} (node {ray.get_runtime_context().get_node_id()})"
