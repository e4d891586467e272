"""``pyvirtine.load``: every virtine of a C file (or of a prebuilt bundle) as the
functions of a module-like object, sharing the Python classes made for their
structs and enums."""
from __future__ import annotations

import os
import types
from typing import Any, Iterable, Optional, Union

from . import pickling
from .build import build_images, parse_memory
from .bundle import BUNDLE_SUFFIX, read_bundle
from .errors import VirtineCompileError
from .function import AllowSpec, VirtineFunction
from .grants import FileGrants
from .image import Image
from .marshal import Codec


class VirtineModule(types.ModuleType):
    """The virtines of one C file as functions, plus their struct/enum classes."""

    def __init__(self, path: str, images: list[Image], **options: Any) -> None:
        super().__init__(os.path.basename(path).split(".")[0] or path)
        self.__file__ = path
        self._codec = codec = Codec()
        codec.owner = self
        self._options = options
        self._virtines = [VirtineFunction(image, codec=codec, **options) for image in images]
        for v in self._virtines:
            v.module = self
        functions = [v.as_function() for v in self._virtines]
        for f in functions:
            f.__module__ = self.__name__
            setattr(self, f.__name__, f)
        for v in self._virtines:
            for t in v.signature.types():
                codec.python_class(t)
        for cls_name, cls in codec.classes.items():
            if not hasattr(self, cls_name):
                setattr(self, cls_name, cls)
        self.__all__ = [f.__name__ for f in functions]
        self.__doc__ = f"Virtines of {path}:\n\n" + "\n".join(
            f"    {v.signature.prototype}" for v in self._virtines)

    def __reduce__(self) -> tuple:
        return pickling.reduce_module(self, [v.image for v in self._virtines], self._options)

    def close(self) -> None:
        for v in self._virtines:
            v.close()

    def __enter__(self) -> "VirtineModule":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def load(path: Optional[Union[str, os.PathLike]] = None, *, source: Optional[str] = None,
         filename: Optional[str] = None, include_dirs: Iterable[str] = (),
         defines: Iterable[str] = (), memory: Optional[Union[int, str]] = None,
         timeout: Optional[float] = None, allow: AllowSpec = None, capture: bool = False,
         pool_size: int = 1, init: Union[str, Iterable[str]] = (),
         files: Optional[FileGrants] = None, host_entropy: bool = False,
         init_timeout: Optional[float] = None) -> VirtineModule:
    """Load the virtines of a C file (compiled, cached), of C ``source``, or of a
    ``.virtines`` bundle built ahead of time (no compiler needed).

    Options apply to every function: ``memory`` (bytes or "2M"; C sources only),
    ``timeout`` seconds per call, ``allow`` hypercall names, ``capture`` guest output
    (see ``VirtineFunction``), ``pool_size`` VMs kept ready per function, ``init`` the
    name(s) of ``void f(void)`` functions that run once per pool before the snapshot every
    call starts from (as if marked ``virtine_init``; C sources only), ``files`` the files
    and directories the guest may open (``pyvirtine.grants``; none by default),
    ``host_entropy`` the guest's randomness from the host's kernel even where the CPU has
    RDRAND, ``init_timeout`` seconds for the boot and init before the snapshot (default
    10 s, or ``timeout`` if longer)."""
    options = dict(timeout=timeout, allow=allow, capture=capture, pool_size=pool_size,
                   files=files, host_entropy=host_entropy, init_timeout=init_timeout)
    if (path is None) == (source is None):
        raise TypeError("load() takes a path or source=, not both")
    if path is not None and os.fspath(path).endswith(BUNDLE_SUFFIX):
        with open(path, "rb") as f:
            return VirtineModule(os.fspath(path), read_bundle(f.read()), **options)
    if path is not None:
        filename = os.path.abspath(os.fspath(path))
        with open(filename, encoding="utf-8") as f:
            source = f.read()
    assert source is not None
    filename = filename or "<virtine source>"
    try:
        images = build_images(source, filename, include_dirs=include_dirs, defines=defines,
                              init=[init] if isinstance(init, str) else init,
                              memory=parse_memory(memory) if memory is not None else None)
    except VirtineCompileError as error:  # the diagnostics, not the compiler's frames
        raise error.with_traceback(None) from None
    return VirtineModule(filename, images, **options)
