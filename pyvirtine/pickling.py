"""Pickling virtines by value: a ``@virtine`` function, a ``load()`` module's functions
and the module itself travel as their images (compressed) and options, so the process
that unpickles them (a ``ProcessPoolExecutor`` or Dask worker) compiles nothing and
needs neither the C sources nor the build cache.

Unpickling a virtine a process already holds gives the object it holds: each process
keeps what it unpickled for its lifetime, so a worker boots a virtine's pool once and
reuses it warm for every task after. What a process pickles counts as held too, so a
round trip in the process that made a function gives back that function. The keys
include the process id: a forked child makes and keeps its own (a pool does not
survive ``fork``)."""
from __future__ import annotations

import hashlib
import json
import os
import weakref
import zlib
from typing import TYPE_CHECKING, Any, Callable

from .bundle import read_bundle, write_bundle
from .image import Image

if TYPE_CHECKING:
    from .function import VirtineFunction
    from .loader import VirtineModule

# What each process holds, by (process id, recipe key): functions and modules.
_held: dict[tuple[int, str], Any] = {}
# Each pickled object's recipe, made once (it hashes and compresses the images).
_recipes: "weakref.WeakKeyDictionary[Any, tuple]" = weakref.WeakKeyDictionary()

# The attributes of a function that ``@virtine`` sets from the Python function.
_NAMES = ("__module__", "__qualname__")


def reduce_function(virtine: "VirtineFunction", function: Callable) -> tuple:
    """``__reduce__`` of ``function``, the callable ``virtine.as_function()`` gave."""
    if virtine.module is not None:  # it travels in its module, with the struct classes
        return getattr, (virtine.module, function.__name__)
    recipe = _recipes.get(virtine)
    if recipe is None:
        names = {name: vars(function)[name] for name in _NAMES if name in vars(function)}
        recipe = _recipes[virtine] = _recipe(virtine.image.to_bytes(), virtine.options, names)
        _held.setdefault((os.getpid(), recipe[0]), function)
    return restore_function, recipe


def restore_function(key: str, image: bytes, options: dict, names: dict) -> Callable:
    def make() -> Callable:
        from .function import VirtineFunction
        function = VirtineFunction(Image.from_bytes(zlib.decompress(image)),
                                   **options).as_function()
        vars(function).update(names)
        return function
    return _restore(key, make)


def reduce_module(module: "VirtineModule", images: list[Image], options: dict) -> tuple:
    recipe = _recipes.get(module)
    if recipe is None:
        recipe = _recipes[module] = _recipe(write_bundle(images), options, module.__file__)
        _held.setdefault((os.getpid(), recipe[0]), module)
    return restore_module, recipe


def restore_module(key: str, bundle: bytes, options: dict, path: str) -> "VirtineModule":
    def make() -> "VirtineModule":
        from .loader import VirtineModule
        return VirtineModule(path, read_bundle(zlib.decompress(bundle)), **options)
    return _restore(key, make)


def _recipe(data: bytes, *rest: Any) -> tuple:
    """(key, compressed ``data``, ``*rest``): the key hashes all of it."""
    described = json.dumps(rest, sort_keys=True).encode()
    return (hashlib.sha256(data + described).hexdigest(), zlib.compress(data), *rest)


def _restore(key: str, make: Callable[[], Any]) -> Any:
    slot = (os.getpid(), key)
    held = _held.get(slot)
    if held is None:  # two threads racing here both make one; the first kept wins
        held = _held.setdefault(slot, make())
    return held
