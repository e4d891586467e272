"""The ``pyvirtine`` command.

``pyvirtine run FILE.c [ARGS...]`` compiles a C program, links it with crt0 and the
guest libc and runs ``main`` in one virtine. Guest stdout/stderr go straight to the
host's, stdin (when it is not a terminal; its first 64 MiB) is the guest's input.
Exit status: the guest's ``exit``/``main`` status; 1 when the program does not build
or cannot start; 124 on timeout; 134 when the guest crashes; 159 when it makes a
hypercall its policy denies (as a seccomp-killed process would).

A program may print, read its input and tell the time (``--allow`` defaults to
``write,read,times,gettimeofday``: the hypercalls the guest libc makes); ``--allow``
replaces that list, and a denied hypercall's message gives the list that would allow
it and every name ``--allow`` takes.
"""
from __future__ import annotations

import re
import sys
from typing import NoReturn, Optional

import click

from . import image as img
from . import progress
from .errors import (LinkError, VirtineCompileError, VirtineCrash, VirtineError,
                     VirtinePolicyError, VirtineTimeout, show_compile_warnings_plainly)

EXIT_BUILD_FAILED = 1
EXIT_TIMEOUT = 124
EXIT_CRASH = 134
EXIT_POLICY = 159
INPUT_LIMIT = 64 << 20

_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}


class Size(click.ParamType):
    """A byte count such as ``4096``, ``512K``, ``64M`` or ``1G``."""

    name = "size"

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            return value
        match = re.fullmatch(r"\s*(\d+)\s*([kKmMgG]?)i?[bB]?\s*", value)
        if not match:
            self.fail(f"{value!r} is not a size (like 4096, 512K, 64M or 1G)", param, ctx)
        return int(match.group(1)) * _UNITS[match.group(2).lower()]


# What --allow takes: every hypercall but those always allowed (exit, snapshot).
ALLOWABLE = tuple(n for n, nr in img.HCALLS.items() if not (1 << nr) & img.ALWAYS_ALLOWED)


class Hypercalls(click.ParamType):
    """A comma-separated list of hypercall names (``none`` for the empty list)."""

    name = "names"

    def convert(self, value, param, ctx) -> tuple[str, ...]:
        if isinstance(value, tuple):
            return value
        names = tuple(n.strip() for n in value.split(",") if n.strip() and n.strip() != "none")
        unknown = [n for n in names if n not in img.HCALLS]
        if unknown:
            self.fail(f"unknown hypercall {unknown[0]!r}; known: {', '.join(img.HCALLS)}",
                      param, ctx)
        return names


@click.group()
def main() -> None:
    """Run C code in per-call KVM micro-VMs (virtines)."""


@main.command(context_settings={"ignore_unknown_options": True,
                                "allow_interspersed_args": False})
@click.option("-I", "include_dirs", multiple=True, metavar="DIR", help="Add a header directory.")
@click.option("-D", "defines", multiple=True, metavar="NAME[=VALUE]", help="Define a macro.")
@click.option("-O", "opt_level", type=click.IntRange(0, 3), default=2, show_default=True,
              help="Optimization level.")
@click.option("-g/-g0", "debug", default=True, show_default=True,
              help="Keep line information (crash reports name file:line).")
@click.option("--memory", type=Size(), default="2M", show_default=True,
              help="Guest memory.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Stop the program after this many seconds.")
@click.option("--allow", type=Hypercalls(), default=",".join(img.PROGRAM_ALLOW),
              show_default=True,
              help=f"Hypercalls the program may make, comma separated ('none' for none), of: "
                   f"{', '.join(ALLOWABLE)}.")
@click.option("--file", "read_files", multiple=True, metavar="PATH",
              help="Let the program open PATH (a file, or a directory and all beneath it) "
                   "read-only, by that name.")
@click.option("--rw-file", "rw_files", multiple=True, metavar="PATH",
              help="Let the program open, create and remove PATH (a file, or a directory "
                   "and all beneath it), by that name.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def run(include_dirs: tuple[str, ...], defines: tuple[str, ...], opt_level: int, debug: bool,
        memory: int, timeout: Optional[float], allow: tuple[str, ...],
        read_files: tuple[str, ...], rw_files: tuple[str, ...], file: str,
        args: tuple[str, ...]) -> NoReturn:
    """Compile the C program FILE and run its main(ARGS) in a virtine."""
    from .program import build_program, pack_argv  # imports the compiler: only when needed
    show_compile_warnings_plainly()
    with open(file, encoding="utf-8", errors="surrogateescape") as f:
        source = f.read()
    try:
        with progress.shown(f"pyvirtine: {file}: "):
            image = build_program(file, source, include_dirs=include_dirs, defines=defines,
                                  opt_level=opt_level, debug=debug, memory=memory, allow=allow)
    except VirtineCompileError as e:
        click.echo(e.diagnostics.rstrip(), err=True)  # already file:line:col: error: ...
        sys.exit(EXIT_BUILD_FAILED)
    except LinkError as e:
        _fail(f"{file}: link error: {e}", EXIT_BUILD_FAILED)
    argv = pack_argv([file, *args])
    if len(argv) > image.argarea_size:
        _fail(f"{file}: arguments take {len(argv)} bytes, more than the "
              f"{image.argarea_size}-byte argument area", EXIT_BUILD_FAILED)
    # A call's input is handed over whole, so an endless pipe is cut at INPUT_LIMIT.
    stdin = (b"" if sys.stdin is None or sys.stdin.isatty()
             else sys.stdin.buffer.read(INPUT_LIMIT))
    grants = {**{path: "r" for path in read_files}, **{path: "rw" for path in rw_files}}
    sys.exit(_run(file, image, argv, stdin, timeout, allow, grants))


@main.command()
def demo() -> NoReturn:
    """Compile the demo program (demo.c) and run it in virtines (what `make demo` shows)."""
    from .demo import main as run_demo
    try:
        sys.exit(run_demo())
    except VirtineError as e:
        _fail(f"demo: {e}", EXIT_BUILD_FAILED)


@main.command()
def doctor() -> NoReturn:
    """Show this host (CPU, KVM backend, XSAVE state) and what each call resets on it."""
    from .host import host_info
    info = host_info()
    for line in info.report():
        click.echo(line)
    sys.exit(0 if info.runs_virtines else 1)


def _run(file: str, image: img.Image, argv: bytes, stdin: bytes,
         timeout: Optional[float], allow: tuple[str, ...], files: dict[str, str]) -> int:
    from .runtime import Virtine
    try:
        with Virtine(image, timeout=timeout, capture=False, files=files) as virtine:
            return virtine.call(argv, input=stdin).status & 0xFF
    except VirtineTimeout:
        _fail(f"{file}: timed out after {timeout:g} s", EXIT_TIMEOUT)
    except VirtineCrash as e:
        _fail(f"{file}: crashed: {e}", EXIT_CRASH)
    except VirtinePolicyError as e:
        wanted = ",".join(dict.fromkeys([*allow, e.hypercall]))
        hint = f"\n  allow it with: --allow {wanted}" if e.hypercall in ALLOWABLE else ""
        _fail(f"{file}: stopped: {e}{hint}\n  --allow takes: {', '.join(ALLOWABLE)} "
              "(comma separated, or none)", EXIT_POLICY)
    except VirtineError as e:
        _fail(f"{file}: cannot run: {e}", EXIT_BUILD_FAILED)


def _fail(message: str, status: int) -> NoReturn:
    sys.stdout.flush()
    click.echo(f"pyvirtine: {message}", err=True)
    sys.exit(status)


if __name__ == "__main__":
    main()
