"""setuptools support: compile a package's virtines when it is built, so its wheel
ships ready images and needs no compiler at run time.

In ``setup.cfg`` or ``setup.py`` (pyvirtine registers the ``virtine_modules`` keyword
through the ``distutils.setup_keywords`` entry point)::

    [options]
    virtine_modules = mypkg/parser.c

    setup(..., virtine_modules=["mypkg/parser.c"])

``pip install .``, ``pip wheel .`` and ``python -m build`` then compile each listed C
file (a path relative to ``setup.py``, inside a package) into a bundle next to where
the file sits in the package (``mypkg/parser.virtines``), and the package loads it::

    parser = pyvirtine.load(importlib.resources.files("mypkg") / "parser.virtines")

Declare pyvirtine in ``[build-system] requires`` (pip's isolated build environment
installs it there) and ``install_requires``. The sdist holds each listed C file and
the headers it includes with ``#include "..."``, so the wheel can be built from it.
A wheel holding images is tagged for x86-64 Linux (``py3-none-linux_x86_64``): the
images are x86-64 code, though the package has no native code of its own.

setuptools reads setup.cfg only after it has run the keyword hooks, so the
``build_py`` that compiles the bundles is put in place by a
``setuptools.finalize_distribution_options`` hook for every build, and does nothing
extra unless the package lists virtine modules (and imports nothing heavy)."""
from __future__ import annotations

import os
import re
from typing import Any

from setuptools.command.build_py import build_py
from setuptools.errors import SetupError

from .bundle import BUNDLE_SUFFIX, write_bundle
from .errors import VirtineError

IMAGE_PLATFORM = "linux_x86_64"  # where images run (x86-64 KVM), whatever builds them
_LOCAL_INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*"([^"]+)"', re.M)


def virtine_modules(dist: Any, attr: str, value: Any) -> None:
    """The ``virtine_modules`` keyword given to ``setup()``: checked right away."""
    _checked(value)


def install_build_step(dist: Any) -> None:
    """Make ``build_py`` also compile the virtine modules (when there are any)."""
    base = dist.cmdclass.get("build_py", build_py)
    if not getattr(base, "builds_virtines", False):
        dist.cmdclass["build_py"] = type("build_py", (_BuildVirtines, base), {})


def _checked(value: Any) -> list[str]:
    if isinstance(value, str):  # from setup.cfg: one file per line, or comma separated
        value = value.replace(",", "\n").split()
    if not all(isinstance(v, str) and v.endswith(".c") for v in value):
        raise SetupError(f"virtine_modules must be a list of C files (paths ending in .c), "
                         f"got {value!r}")
    return list(value)


class _BuildVirtines(build_py):
    builds_virtines = True

    def _virtine_modules(self) -> list[str]:
        return _checked(getattr(self.distribution, "virtine_modules", None) or [])

    def _bundle_path(self, source: str) -> str:
        return os.path.join(self.build_lib, os.path.splitext(source)[0] + BUNDLE_SUFFIX)

    def run(self) -> None:
        super().run()
        for source in self._virtine_modules():
            self._build_bundle(source)
        if self._virtine_modules():
            self._tag_wheel_for_images()

    def _tag_wheel_for_images(self) -> None:
        """Name x86-64 Linux as the platform of the wheel being built, if one is and no
        C extension gave it a platform already. bdist_wheel works its tag out after the
        build it runs this in, so this is in time, and a build without a wheel (or
        another project's build) never loads bdist_wheel for it."""
        wheel = self.distribution.command_obj.get("bdist_wheel")
        if wheel is not None and wheel.root_is_pure and not wheel.plat_name_supplied:
            wheel.plat_name, wheel.plat_name_supplied = IMAGE_PLATFORM, True

    def get_source_files(self) -> list:
        """What the sdist holds of the package: also the virtine C files and the headers
        they include, which building the wheel from the sdist compiles."""
        files = super().get_source_files()
        for source in self._virtine_modules():
            files += [f for f in _with_local_includes(source) if f not in files]
        return files

    def _build_bundle(self, source: str) -> None:
        from .build import build_images  # the compiler: only when there is something to build
        target = self._bundle_path(source)
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
        return super().get_outputs(include_bytecode) + [
            self._bundle_path(s) for s in self._virtine_modules()]


def _with_local_includes(source: str) -> list[str]:
    """``source`` and the files it includes with ``#include "..."`` (found beside the
    including file or the source, as the build looks), recursively; only those inside
    the project, which an sdist can hold."""
    found, pending = [], [source]
    while pending:
        path = os.path.normpath(pending.pop())
        if path in found or path.startswith("..") or os.path.isabs(path):
            continue
        found.append(path)
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                names = _LOCAL_INCLUDE.findall(f.read())
        except OSError:
            continue
        for name in names:
            for base in (os.path.dirname(path), os.path.dirname(source)):
                candidate = os.path.join(base, name)
                if os.path.isfile(candidate):
                    pending.append(candidate)
                    break
    return found
