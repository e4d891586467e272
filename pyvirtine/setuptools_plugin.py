"""setuptools support: compile a package's virtines when it is built, so its wheel
ships ready images and needs no compiler at run time.

In ``setup.py`` (the ``virtine_modules`` keyword is registered through the
``distutils.setup_keywords`` entry point when pyvirtine is installed)::

    setup(..., virtine_modules=["mypkg/parser.c"])

``pip install .``, ``pip wheel .`` and ``python -m build`` then compile each listed C
file (a path relative to ``setup.py``, inside a package) into a bundle next to where
the file sits in the package (``mypkg/parser.virtines``), and the package loads it::

    parser = pyvirtine.load(importlib.resources.files("mypkg") / "parser.virtines")

Declare pyvirtine in ``[build-system] requires`` and ``install_requires``."""
from __future__ import annotations

import os
from typing import Any

from setuptools.command.build_py import build_py
from setuptools.errors import SetupError

from .build import BUNDLE_SUFFIX
from .errors import VirtineError


def virtine_modules(dist: Any, attr: str, value: Any) -> None:
    """Check the keyword and make ``build_py`` compile the listed files."""
    if isinstance(value, str) or not all(isinstance(v, str) and v.endswith(".c") for v in value):
        raise SetupError(f"{attr} must be a list of C files (paths ending in .c), got {value!r}")
    base = dist.cmdclass.get("build_py", build_py)
    if not getattr(base, "builds_virtines", False):
        dist.cmdclass["build_py"] = type("build_py", (_BuildVirtines, base), {})


class _BuildVirtines(build_py):
    builds_virtines = True

    def run(self) -> None:
        super().run()
        for source in self.distribution.virtine_modules:
            self._build_bundle(source)

    def _build_bundle(self, source: str) -> None:
        from .build import build_images, write_bundle  # the compiler, only when building
        target = os.path.join(self.build_lib, os.path.splitext(source)[0] + BUNDLE_SUFFIX)
        self.announce(f"compiling virtines {source} -> {target}", level=2)
        with open(source, encoding="utf-8") as f:
            text = f.read()
        try:
            images = build_images(text, os.path.abspath(source),
                                  include_dirs=[os.path.dirname(os.path.abspath(source))])
        except VirtineError as e:
            raise SetupError(f"cannot build the virtines of {source}:\n{e}") from None
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as f:
            f.write(write_bundle(images))

    def get_outputs(self, include_bytecode: bool = True) -> list:
        bundles = [os.path.join(self.build_lib, os.path.splitext(s)[0] + BUNDLE_SUFFIX)
                   for s in self.distribution.virtine_modules]
        return super().get_outputs(include_bytecode) + bundles
