"""Progress of slow builds, for the command-line tools.

Builds report their steps (``step("compiling the guest libc", 3, 22)``); inside
``shown(prefix)`` a build that has run for over a second shows them on stderr: on a
terminal as one line rewritten in place, elsewhere (a build log) a line when a stage
starts. Library calls (``load``, ``@virtine``) show nothing: stderr is their caller's.
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
        self.terminal = stream.isatty()
        self.started = time.monotonic()
        self.stage: Optional[str] = None
        self.shown = False

    def update(self, what: str, done: int, total: int) -> None:
        if time.monotonic() - self.started < QUIET_SECONDS:
            self.stage = what
            return
        count = f" {done}/{total}" if total else ""
        if self.terminal:
            self.stream.write(f"\r\x1b[K{self.prefix}{what}{count}")
        elif what != self.stage or not self.shown:
            self.stream.write(f"{self.prefix}{what}{f' ({total})' if total else ''}...\n")
        self.stream.flush()
        self.stage, self.shown = what, True

    def finish(self, failed: bool) -> None:
        """Say how long it took; after a failure only clear the line for the error."""
        if not self.shown:
            return
        erase = "\r\x1b[K" if self.terminal else ""
        took = "" if failed else f"{self.prefix}done in {time.monotonic() - self.started:.1f} s\n"
        self.stream.write(erase + took)
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
    """Show the steps of the builds run inside, once they take over a second."""
    display = _Display(prefix, stream or sys.stderr)
    token = _display.set(display)
    failed = True
    try:
        yield
        failed = False
    finally:
        _display.reset(token)
        display.finish(failed)
