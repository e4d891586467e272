"""Whole C programs (with ``main``) as virtine images: compile, link with crt0 and the
guest libc, and pack ``argv`` the way crt0 unpacks it (docs/ABI.md, "crt0 and dispatch")."""
from __future__ import annotations

import struct
from typing import Sequence

from . import image as img
from . import progress
from .cache import cached
from .compiler import compile_c
from .compiler.diagnostics import CompileFailure, link_failure
from .compiler.libc import libc_objects
from .compiler.link import DEFAULT_MEMORY, link
from .compiler.preprocess import preprocess
from .errors import LinkError

DEFAULT_ALLOW = img.PROGRAM_ALLOW


def pack_argv(argv: Sequence[str]) -> bytes:
    """``u64 argc`` followed by each argument NUL-terminated."""
    return struct.pack("<Q", len(argv)) + b"".join(arg.encode() + b"\0" for arg in argv)


def build_program(path: str, source: str, *, include_dirs: Sequence[str] = (),
                  defines: Sequence[str] = (), opt_level: int = 2, debug: bool = True,
                  memory: int = DEFAULT_MEMORY,
                  allow: Sequence[str] = DEFAULT_ALLOW) -> img.Image:
    """The image of the C program ``source`` (the file ``path``). Raises
    ``VirtineCompileError`` (link errors too)."""
    return build_program_sources([(path, source)], include_dirs=include_dirs, defines=defines,
                                 opt_level=opt_level, debug=debug, memory=memory, allow=allow)


def build_program_sources(sources: Sequence[tuple[str, str]], *,
                          include_dirs: Sequence[str] = (), defines: Sequence[str] = (),
                          opt_level: int = 2, debug: bool = True, memory: int = DEFAULT_MEMORY,
                          allow: Sequence[str] = DEFAULT_ALLOW) -> img.Image:
    """The image of a program of several C files, ``(path, source)`` each, compiled
    separately and linked together; named after the first."""
    objects = [compile_object(path, source, include_dirs=include_dirs, defines=defines,
                              opt_level=opt_level, debug=debug) for path, source in sources]
    libraries = libc_objects()
    mask = img.allow_mask(list(allow))
    path = sources[0][0]
    name = path.rsplit("/", 1)[-1]

    def build() -> bytes:
        try:
            return link(objects, libraries=libraries, mode="program", memory=memory, allow=mask,
                        name=name).to_bytes()
        except LinkError as error:
            raise link_failure(error, path) from None
    key = [*objects, *libraries, f"program memory={memory} allow={mask} name={name}"]
    return img.Image.from_bytes(cached("image", key, build))


def compile_object(path: str, source: str, *, include_dirs: Sequence[str] = (),
                   defines: Sequence[str] = (), opt_level: int = 2, debug: bool = True) -> bytes:
    """``compile_c``, cached under the preprocessed text: that covers every header the
    source includes, and the line markers in it carry the file names debug info uses."""
    def build() -> bytes:
        progress.step(f"compiling {path.rsplit('/', 1)[-1]}")
        return compile_c(source, path, include_dirs=include_dirs, defines=defines,
                         opt_level=opt_level, debug=debug)
    try:
        expanded = preprocess(source, path, include_dirs, defines)
    except CompileFailure:
        return build()  # the compiler reports the preprocessor's error in its own format
    return cached("object", [expanded, path, f"opt={opt_level} debug={debug}"], build)
