"""Pickling virtines by value: a ``@virtine`` function, a ``load()`` module's functions
and the module itself travel as their images (compressed) and options, so the process
that unpickles them (a ``ProcessPoolExecutor`` or Dask worker) compiles nothing and
needs neither the C sources nor the build cache.

Each object pickles under a token of its own, made when it is first pickled. Unpickling
a token gives, in any one process, one object: the original in the process that made
it (so struct values a worker returns are the original's classes, even when two equal
modules are loaded), else the one made there when the token was first unpickled. A
process keeps the last ``WARM`` virtines it unpickled alive, so a worker boots a
virtine's pool once and reuses it warm for every task after. The process id is part of
the lookup: a forked child makes its own (a pool does not survive ``fork``)."""
from __future__ import annotations

import collections
import os
import threading
import uuid
import weakref
import zlib
from typing import TYPE_CHECKING, Any, Callable, Union

from .bundle import read_bundle, write_bundle
from .image import Image

if TYPE_CHECKING:
    from .function import VirtineFunction
    from .loader import VirtineModule

    Shipped = Union[VirtineFunction, VirtineModule]

# How many unpickled virtines (functions or modules) a process keeps alive, pools and all.
WARM = 64

# Each object's recipe: made once, or the one it was unpickled from.
_recipes: "weakref.WeakKeyDictionary[Shipped, tuple]" = weakref.WeakKeyDictionary()
# Every object with a recipe in this process, while it lives, by (process id, token).
_known: "weakref.WeakValueDictionary[tuple[int, str], Shipped]" = weakref.WeakValueDictionary()
# The last WARM unpickled, kept alive.
_warm: "collections.OrderedDict[tuple[int, str], Shipped]" = collections.OrderedDict()
_lock = threading.Lock()

# The attributes of a function that ``@virtine`` sets from the Python function.
_NAMES = ("__module__", "__qualname__")


def reduce_function(virtine: "VirtineFunction", function: Callable) -> tuple:
    """``__reduce__`` of ``function``, the callable ``virtine.as_function()`` gave."""
    if virtine.module is not None:  # it travels in its module, with the struct classes
        return getattr, (virtine.module, function.__name__)
    names = {name: vars(function)[name] for name in _NAMES if name in vars(function)}
    return restore_function, _recipe(virtine, lambda: virtine.image.to_bytes(),
                                     virtine.options, names)


def restore_function(token: str, image: bytes, options: dict, names: dict) -> Callable:
    def make() -> "VirtineFunction":
        from .function import VirtineFunction
        virtine = VirtineFunction(Image.from_bytes(zlib.decompress(image)), **options)
        vars(virtine.as_function()).update(names)
        return virtine
    virtine = _restore((token, image, options, names), make)
    return virtine._entry  # the callable as_function() made


def reduce_module(module: "VirtineModule", images: list[Image], options: dict) -> tuple:
    return restore_module, _recipe(module, lambda: write_bundle(images), options,
                                   module.__file__)


def restore_module(token: str, bundle: bytes, options: dict, path: str) -> "VirtineModule":
    def make() -> "VirtineModule":
        from .loader import VirtineModule
        return VirtineModule(path, read_bundle(zlib.decompress(bundle)), **options)
    return _restore((token, bundle, options, path), make)


def _recipe(obj: "Shipped", data: Callable[[], bytes], *rest: Any) -> tuple:
    """``obj``'s (token, compressed ``data()``, ``*rest``), made on its first pickling."""
    with _lock:
        recipe = _recipes.get(obj)
        if recipe is None:
            recipe = _recipes[obj] = (uuid.uuid4().hex, zlib.compress(data()), *rest)
            _known[(os.getpid(), recipe[0])] = obj
        return recipe


def _restore(recipe: tuple, make: Callable[[], "Shipped"]) -> "Shipped":
    slot = (os.getpid(), recipe[0])
    with _lock:
        obj = _known.get(slot)
    if obj is None:
        made = make()  # unlocked: it parses images (a racing thread's copy is dropped)
    with _lock:
        if obj is None:
            obj = _known.setdefault(slot, made)
            _recipes.setdefault(obj, recipe)
        _warm[slot] = obj
        _warm.move_to_end(slot)
        if len(_warm) > WARM:
            _warm.popitem(last=False)
    return obj
