"""Progress of slow builds, for the command-line tools.

Builds report their steps (``step("compiling the guest libc", 3, 22)``); inside
``shown(prefix)`` a build that has run for over a second shows them on stderr, when
stderr is a terminal, as one line rewritten in place and cleared when the build ends.
Elsewhere nothing is shown: a build log or a pipe gets what the compiler and the program
say, and no more (``pyvirtine run``'s stderr is the program's). Library calls (``load``,
``@virtine``) show nothing: stderr is their caller's.
"""
from __future__ import annotations

import contextlib
import contextvars
import sys
import time
from typing import Iterator, Optional, TextIO

QUIET_SECONDS = 1.0


class _Display:
    def __init__(self, prefix: str, stream: TextIO) -> None:
        self.prefix, self.stream = prefix, stream
        self.started = time.monotonic()
        self.shown = False

    def update(self, what: str, done: int, total: int) -> None:
        if time.monotonic() - self.started < QUIET_SECONDS:
            return
        count = f" {done}/{total}" if total else ""
        self.stream.write(f"\r\x1b[K{self.prefix}{what}{count}")
        self.stream.flush()
        self.shown = True

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


_display: contextvars.ContextVar[Optional[_Display]] = contextvars.ContextVar(
    "pyvirtine_progress", default=None)


def step(what: str, done: int = 0, total: int = 0) -> None:
    """Report the build's current step (``done`` of ``total``, when counted)."""
    display = _display.get()
    if display is not None:
        display.update(what, done, total)


@contextlib.contextmanager
def shown(prefix: str, stream: Optional[TextIO] = None) -> Iterator[None]:
    """Show the steps of the builds run inside, once they take over a second, on a
    terminal."""
    stream = stream or sys.stderr
    display = _Display(prefix, stream) if stream.isatty() else None
    token = _display.set(display)
    try:
        yield
    finally:
        _display.reset(token)
        if display:
            display.finish()
