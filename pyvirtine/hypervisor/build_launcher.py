"""Builds of the native launcher: cffi (API mode) as ``pyvirtine.hypervisor._launcher``,
and ``Virtine.call``'s C entry (pycall.c, a plain CPython extension) as
``pyvirtine.hypervisor._pycall``.

setup.py names ``ffibuilder`` in ``cffi_modules`` and ``PYCALL`` in ``ext_modules``;
``python -m pyvirtine.hypervisor.build_launcher`` builds both in place for development.
"""
from __future__ import annotations

import os
import re

import cffi
from setuptools import Distribution, Extension

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = ["host.c", "image.c", "machine.c", "hypercall.c", "files.c", "run.c", "postmortem.c",
           "callers.c", "handoff.c", "watchdog.c"]
CFLAGS = ["-O2", "-std=gnu11", "-Wall", "-Wextra", "-Wno-unused-parameter"]
LIBRARIES = ["z", "pthread"]


def _cdef() -> str:
    """launcher.h without the preprocessor lines cffi's cdef does not take."""
    text = open(os.path.join(HERE, "launcher.h")).read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    keep = [line for line in text.splitlines()
            if not line.startswith(("#include", "#ifndef", "#endif"))
            and not re.match(r"#define PYVIRTINE_LAUNCHER_H", line)]
    return "\n".join(keep)


def _relative(path: str) -> str:
    # setuptools wants sources relative to setup.py's directory.
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


ffibuilder = cffi.FFI()
ffibuilder.cdef(_cdef())
ffibuilder.set_source(
    "pyvirtine.hypervisor._launcher", '#include "launcher.h"',
    sources=[_relative(os.path.join(HERE, s)) for s in SOURCES],
    include_dirs=[_relative(HERE)], libraries=LIBRARIES, extra_compile_args=CFLAGS)

PYCALL = Extension("pyvirtine.hypervisor._pycall",
                   sources=[_relative(os.path.join(HERE, "pycall.c"))],
                   include_dirs=[_relative(HERE)], libraries=["pthread"],
                   extra_compile_args=CFLAGS)

if __name__ == "__main__":
    root = os.path.dirname(os.path.dirname(HERE))
    ffibuilder.compile(tmpdir=root, verbose=False)
    os.chdir(root)
    build = Distribution({"ext_modules": [PYCALL]}).get_command_obj("build_ext")
    build.inplace = True
    build.ensure_finalized()
    build.run()
