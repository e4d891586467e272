"""``virtinecc``: a drop-in ``cc`` that runs every call of a ``virtine`` function in
its own virtine.

A C file without virtines goes straight to the system compiler (``cc``, or
``$VIRTINECC_CC``).  A file with virtines is translated (``translate``): its virtines
are built into guest images by pyvirtine, and the host compiler gets the file with
each virtine's body starting with a call into the launcher.  Linking adds
libpyvirtine (the launcher and the call-site runtime) as a static archive, so the
program is self-contained: it runs after the cache is pruned or deleted, or on another
machine.  ``-shared-pyvirtine`` links libpyvirtine.so from the cache instead (through
an rpath: smaller programs, tied to that cache).  ``-v`` prints the commands run.
The exit status is the system compiler's, or 1 when a virtine does not build (the
error is printed as ``file:line:col: error: ...``).

``virtinecc --print-virtine-include`` prints a directory holding only virtine.h, for
building the same sources natively with plain cc (the markers then vanish).
``--version`` and ``--help`` give the host compiler's answer and pyvirtine's
(``about``)."""
from __future__ import annotations

import hashlib
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Optional

from .. import progress
from ..cache import cached_file
from ..errors import VirtineCompileError, VirtineError, show_compile_warnings_plainly
from .cmdline import Command, parse
from .scan import has_virtines

# The compiler (.translate) is imported only for files with virtines, the native library
# builder only to link: cc's probes and plain files should not pay for them.

VIRTINE_H = Path(__file__).resolve().parent.parent / "stubs" / "include" / "virtine.h"

__all__ = ["main"]

SHARED_FLAG = "-shared-pyvirtine"
STATIC_FLAG = "-static-pyvirtine"  # the default; accepted for build files that name it


def main(argv: Optional[list[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--print-virtine-include"]:
        print(_virtine_include())
        return 0
    cc = shlex.split(os.environ.get("VIRTINECC_CC") or "cc")
    if args in (["--version"], ["--help"]):  # pyvirtine's answer beside the host compiler's
        from .about import help_text, version_text
        if args == ["--help"]:
            sys.stdout.write(help_text(cc))
            sys.stdout.flush()
        rc = _Driver(cc, parse(args), False)._cc(args)
        if args == ["--version"]:
            sys.stdout.write(version_text(cc))
        return rc
    shared = SHARED_FLAG in args and "-static" not in args
    cmd = parse([a for a in args if a not in (SHARED_FLAG, STATIC_FLAG)])
    show_compile_warnings_plainly()
    try:
        return _Driver(cc, cmd, shared).run()
    except VirtineCompileError as e:
        sys.stderr.write(str(e).rstrip("\n") + "\n")
        return 1
    except VirtineError as e:
        sys.stderr.write(f"virtinecc: error: {e}\n")
        return 1


class _Driver:
    def __init__(self, cc: list[str], cmd: Command, shared: bool) -> None:
        self.cc = cc
        self.cmd = cmd
        self.shared = shared

    def run(self) -> int:
        cmd = self.cmd
        translated = cmd.stop in (None, "-c", "-S") and not cmd.language
        virtines = [i for i in cmd.sources if translated and _read_virtines(cmd.args[i])]
        if not virtines:
            return self._cc(cmd.args + self._extra())
        with tempfile.TemporaryDirectory(prefix="virtinecc-") as tmp:
            if cmd.stop is None:
                return self._link(virtines, tmp)
            for i in virtines:
                rc = self._compile(i, tmp, self._output_of(i))
                if rc:
                    return rc
            rest = [a for j, a in enumerate(cmd.args) if j not in virtines]
            if len(cmd.positional) > len(virtines):
                return self._cc(rest + self._extra())
            return 0

    def _link(self, virtines: list[int], tmp: str) -> int:
        args = list(self.cmd.args)
        for n, i in enumerate(virtines):
            obj = os.path.join(tmp, f"{n}-{_stem(args[i])}.o")
            rc = self._compile(i, tmp, obj, as_object=True)
            if rc:
                return rc
            args[i] = obj
        return self._cc(args + self._extra())

    def _compile(self, index: int, tmp: str, output: str, as_object: bool = False) -> int:
        """Translate the source at ``index`` and compile its host unit to ``output``."""
        cmd = self.cmd
        path = cmd.args[index]
        with open(path, encoding="utf-8") as f:
            source = f.read()
        if cmd.verbose:
            sys.stderr.write(f"virtinecc: building the virtines of {path} (pyvirtine, "
                             f"-O{cmd.opt_level})\n")
        from .translate import translate
        try:
            with progress.shown(f"virtinecc: {path}: "):
                unit = translate(source, path, include_dirs=cmd.include_dirs,
                                 defines=cmd.defines, opt_level=cmd.opt_level)
        except VirtineCompileError:
            # pycparser places some syntax errors poorly; the system compiler's own
            # diagnostics of the file, when it rejects it too, say more.
            rc = self._cc([*self._flags(), "-fsyntax-only", "-idirafter", _virtine_include(),
                           path])
            if rc:
                return rc
            raise
        host = os.path.join(tmp, f"{_stem(path)}.host.c")
        with open(host, "w", encoding="utf-8") as f:
            f.write(unit.host_source)
        flags = self._flags()
        if as_object:
            flags.append("-c")
        srcdir = os.path.dirname(os.path.abspath(path))
        rc = self._cc([*flags, "-iquote", srcdir, "-idirafter", _virtine_include(), host,
                       "-o", output])
        if rc == 0:
            self._fix_depfile(output, host, path)
        return rc

    def _flags(self) -> list[str]:
        """The command's options without its inputs and output."""
        drop = set(self.cmd.positional) | set(self.cmd.output_option)
        return [a for j, a in enumerate(self.cmd.args) if j not in drop]

    def _output_of(self, index: int) -> str:
        cmd = self.cmd
        if cmd.output is not None:
            return cmd.args[cmd.output]
        return _stem(cmd.args[index]) + (".s" if cmd.stop == "-S" else ".o")

    def _fix_depfile(self, output: str, host: str, source: str) -> None:
        """Name the user's file, not the temporary host unit, in a -MD/-MMD file."""
        args = self.cmd.args
        if not {"-MD", "-MMD"} & set(args):
            return
        depfile = next((args[j + 1] for j, a in enumerate(args[:-1]) if a == "-MF"),
                       os.path.splitext(output)[0] + ".d")
        try:
            with open(depfile, encoding="utf-8") as f:
                text = f.read()
        except OSError:
            return
        with open(depfile, "w", encoding="utf-8") as f:
            f.write(text.replace(host, source))

    def _extra(self) -> list[str]:
        """Flags every compile gets: virtine.h, and libpyvirtine when linking."""
        from ..hypervisor.native import shared_library, static_library, static_link_flags
        cmd = self.cmd
        extra = ["-idirafter", _virtine_include()] if cmd.sources else []
        if cmd.links and not self.shared:
            extra += static_link_flags(static_library(self.cc[0]))
        elif cmd.links:
            libdir = str(shared_library(self.cc[0]).parent)
            extra += [f"-L{libdir}", f"-Wl,-rpath,{libdir}", "-Wl,--push-state,--as-needed",
                      "-lpyvirtine", "-Wl,--pop-state"]
        return extra

    def _cc(self, args: list[str]) -> int:
        command = [*self.cc, *args]
        if self.cmd.verbose:
            sys.stderr.write(" ".join(shlex.quote(a) for a in command) + "\n")
        try:
            return subprocess.run(command).returncode
        except OSError as e:
            sys.stderr.write(f"virtinecc: error: cannot run {self.cc[0]}: {e.strerror}\n")
            return 1


def _read_virtines(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as f:
            return has_virtines(f.read())
    except (OSError, UnicodeDecodeError):
        return False  # cc reports it


def _stem(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]


def _virtine_include() -> str:
    """A directory holding only virtine.h: the guest's other headers must not shadow
    the system's in host builds."""
    header = VIRTINE_H.read_bytes()
    return str(cached_file("virtinecc-include", hashlib.sha256(header).hexdigest()[:16],
                           "virtine.h", lambda path: path.write_bytes(header)).parent)
