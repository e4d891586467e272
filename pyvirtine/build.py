"""Build the virtine images of a C file: read its signatures, append the dispatch
glue, compile once, and link one image per virtine (crt0's ``__virtine_dispatch``
pointed at that virtine's glue).  The whole build is cached under the preprocessed
text, and found again from the raw inputs and header hashes, so building an unchanged
file again (a second import) runs neither the compiler nor the preprocessor.
The images of a file are kept (and cached) as one bundle (``bundle.py``)."""
from __future__ import annotations

import hashlib
import json
import os
import re
from typing import TYPE_CHECKING, Iterable, Optional, Union

from . import progress
from .cache import cache_dir, cache_key, cached
from .bundle import read_bundle, write_bundle
from .errors import LinkError, VirtineCompileError
from .image import ABI_OFFSET, HEADER_SIZE, MAX_MEM_SIZE, PAGE, Image, human_size
from .marshal import Signature, dispatch_alias, guest_glue, name_inlined_virtines
from .parallel import map_steps

# The compiler and the C front end (llvmlite, pycparser) are imported when a build
# misses the cache: finding a file's images again needs neither.
if TYPE_CHECKING:
    from .marshal.discover import Prepared

_SIZE = re.compile(r"^\s*(\d+)\s*([kmg]?)i?b?\s*$", re.I)


def parse_size(size: Union[int, str]) -> int:
    """Bytes in ``size``: an int, or a string like ``"2M"``, ``"512K"``, ``"1GiB"``."""
    if isinstance(size, int):
        return size
    m = _SIZE.match(size)
    if not m:
        raise ValueError(f"cannot read the size {size!r}: use bytes or a number with K, M or G")
    return int(m.group(1)) << {"": 0, "k": 10, "m": 20, "g": 30}[m.group(2).lower()]


def parse_memory(memory: Union[int, str]) -> int:
    """A virtine's guest memory in bytes (``parse_size``): ``ValueError`` unless it is
    from one page to 4 GiB, what the launcher's page tables map."""
    size = parse_size(memory)
    if not PAGE <= size <= MAX_MEM_SIZE:
        raise ValueError(f"memory={memory!r} is {human_size(size)}: a virtine's guest memory "
                         f"is {human_size(PAGE)} to {human_size(MAX_MEM_SIZE)}")
    return size


def build_images(source: str, filename: str, *, include_dirs: Iterable[str] = (),
                 defines: Iterable[str] = (), entries: Iterable[str] = (),
                 init: Iterable[str] = (), memory: Optional[int] = None, opt_level: int = 2,
                 debug: bool = True) -> list[Image]:
    """One image per virtine of ``source`` (the file ``filename``), in source order.

    ``entries`` names functions to treat as virtines without a marker; ``init`` names
    ``void f(void)`` functions to run once per pool before the snapshot, as if marked
    ``virtine_init``; ``memory`` overrides every virtine's memory size.  Raises
    ``VirtineCompileError``."""
    include_dirs, defines, entries, init = list(include_dirs), list(defines), list(entries), \
        list(init)
    settings = ["\0".join(entries), "\0".join(init), str(memory), str(opt_level), str(debug)]
    direct = [source, filename, "\0".join(include_dirs), "\0".join(defines), *settings]
    bundle = _direct_hit(direct)
    if bundle is not None:
        return read_bundle(bundle)
    from .marshal.discover import prepare
    prepared = prepare(source, filename, include_dirs, defines)
    key = [prepared.text, filename, *settings]

    def build() -> bytes:
        return write_bundle(_build(prepared, include_dirs, defines, entries, init, memory,
                                   opt_level, debug))
    bundle = cached("virtines", key, build)
    _remember(direct, prepared.text, cache_key("virtines", key))
    return read_bundle(bundle)


# Direct mode (as in ccache): the raw inputs, plus the hashes of every header the
# preprocessor read, find the build without running the preprocessor, so a second
# import needs neither the compiler nor cpp.
_LINE_MARKER = re.compile(r'^#\s*\d+\s+"((?:[^"\\]|\\.)*)"', re.M)


def _direct_hit(direct: list) -> Optional[bytes]:
    try:
        entry = json.loads((cache_dir() / "virtines-direct" / cache_key("virtines-direct", direct))
                           .read_bytes())
        if any(_file_hash(path) != digest for path, digest in entry["deps"]):
            return None
        return (cache_dir() / "virtines" / entry["bundle"]).read_bytes()
    except (OSError, ValueError, KeyError):
        return None


def _remember(direct: list, text: str, bundle_key: str) -> None:
    deps = sorted({path for path in _LINE_MARKER.findall(text) if os.path.isfile(path)})
    entry = {"deps": [[path, _file_hash(path)] for path in deps], "bundle": bundle_key}
    cached("virtines-direct", direct, lambda: json.dumps(entry).encode())


def _file_hash(path: str) -> Optional[str]:
    try:
        with open(path, "rb") as f:
            return hashlib.sha256(f.read()).hexdigest()
    except OSError:
        return None


def _build(prepared: "Prepared", include_dirs: list, defines: list, entries: list, init: list,
           memory: Optional[int], opt_level: int, debug: bool) -> list[Image]:
    from .compiler import compile_c
    from .compiler.assemble import assemble
    from .compiler.diagnostics import link_failure
    from .compiler.libc import libc_objects
    from .compiler.link import DEFAULT_MEMORY, link
    from .marshal.discover import discover
    sigs = discover(prepared, entries, init)
    if not sigs:
        raise VirtineCompileError(f"{prepared.filename}:1:1: error: no function is marked "
                                  "'virtine' (#include <virtine.h> and write 'virtine' before one)")
    for sig in sigs:
        abi = json.dumps(sig.to_json(), separators=(",", ":"))
        if len(abi) > HEADER_SIZE - ABI_OFFSET:
            raise VirtineCompileError(
                f"{sig.location}: error: the signature of virtine '{sig.name}' takes {len(abi)} "
                f"bytes described, more than the {HEADER_SIZE - ABI_OFFSET} an image header "
                "holds: pass fewer or smaller structs by value")
    glue_name = f"<virtine glue for {os.path.basename(prepared.filename)}>"
    unit = f'{prepared.source}\n#line 1 "{glue_name}"\n{guest_glue(sigs, init)}'
    progress.step(f"compiling {os.path.basename(prepared.filename)}")
    obj = compile_c(unit, prepared.filename, include_dirs=include_dirs, defines=defines,
                    opt_level=opt_level, debug=debug, runs_destructors=False)
    libc = libc_objects()

    def link_one(sig: Signature) -> Image:
        mem = memory or sig.memory or DEFAULT_MEMORY
        alias = assemble(dispatch_alias(sig), f"{sig.name}.dispatch.s")
        try:
            image = link([obj, alias], libraries=libc, mode="function", memory=mem,
                         argarea=max(16 * PAGE, mem // 4 // PAGE * PAGE), allow=sig.allow,
                         name=sig.name, abi=sig.to_json())
        except LinkError as error:
            raise link_failure(error, prepared.filename) from None
        image.debug = name_inlined_virtines(image.debug, glue_name)
        return image
    return map_steps(link_one, sigs,
                     lambda n: progress.step("linking the virtines", n, len(sigs)))
