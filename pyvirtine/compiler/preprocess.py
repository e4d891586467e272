"""Run the system C preprocessor (``gcc -E``) over a virtine source file.

Line markers are kept so that the parser's coordinates name the user's file and
line. ``-undef`` drops gcc's own predefined macros; we define ours (``predefined``)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from typing import Sequence

from .diagnostics import CompileFailure, quote_filename
from .predefined import PREDEFINED

STUB_INCLUDE = os.path.join(os.path.dirname(os.path.dirname(__file__)), "stubs", "include")


def preprocess(source: str, filename: str, include_dirs: Sequence[str] = (),
               defines: Sequence[str] = (), undefines: Sequence[str] = ()) -> str:
    """Return the preprocessed text of ``source`` (which is the file ``filename``)."""
    gcc = shutil.which("gcc") or shutil.which("cpp")
    if gcc is None:
        raise CompileFailure("cannot preprocess: no C preprocessor found "
                             "(install gcc or cpp: apt-get install cpp)")
    cmd = [gcc, "-E", "-undef", "-nostdinc", "-std=c99", "-ffreestanding", "-x", "c",
           "-isystem", STUB_INCLUDE]
    cmd += [f"-D{name}={value}" for name, value in PREDEFINED.items()]
    cmd += [f"-I{d}" for d in include_dirs]
    cmd += [f"-D{d}" if "=" in d else f"-D{d}=1" for d in defines]
    cmd += [f"-U{u}" for u in undefines]
    directory = os.path.dirname(os.path.abspath(filename))
    cmd += ["-iquote", directory, "-"]
    marker = f"# 1 {quote_filename(filename)}\n"
    proc = subprocess.run(cmd, input=marker + source, capture_output=True, text=True,
                          cwd=directory if os.path.isdir(directory) else None)
    if proc.returncode != 0:
        raise _first_error(proc.stderr)
    return proc.stdout


def _first_error(stderr: str) -> CompileFailure:
    """The first error cpp reported, at its location (we add source line and caret)."""
    for line in stderr.splitlines():
        m = re.match(r"(.+?):(\d+):(\d+): (?:fatal )?error: (.*)", line)
        if m:
            return CompileFailure(m.group(4), _Coord(m.group(1), int(m.group(2)),
                                                     int(m.group(3))))
    return CompileFailure(f"preprocessing failed: {stderr.strip()}")


class _Coord:
    def __init__(self, file: str, line: int, column: int) -> None:
        self.file, self.line, self.column = file, line, column
