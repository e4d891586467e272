"""Read a cc command line the way virtinecc needs it: which inputs are C files, where
the output goes, what the guest build should see (``-I``, ``-D``, ``-O``), and whether
the command links.  Everything else is passed to the system compiler untouched."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Optional

# Options whose value may be the next argument (``-I dir`` as well as ``-Idir``).
_WITH_VALUE = {"-o", "-I", "-D", "-U", "-L", "-l", "-x", "-MF", "-MT", "-MQ", "-include",
               "-imacros", "-isystem", "-idirafter", "-iquote", "-iprefix", "-iwithprefix",
               "-isysroot", "-Xlinker", "-Xpreprocessor", "-Xassembler", "-T", "-u", "-z",
               "-e", "-aux-info", "--param", "-specs"}
_NO_LINK = {"-c", "-S", "-E", "-M", "-MM", "-fsyntax-only"}
_C_SUFFIXES = (".c",)


@dataclass
class Command:
    args: list[str]                      # as given
    sources: list[int] = field(default_factory=list)     # indices of .c inputs
    positional: list[int] = field(default_factory=list)  # indices of every input file
    inputs: int = 0                      # input files and -l libraries
    output: Optional[int] = None         # index of the -o value
    output_option: list[int] = field(default_factory=list)  # indices of -o and its value
    stop: Optional[str] = None           # "-c", "-S", "-E"... or None: the command links
    include_dirs: list[str] = field(default_factory=list)
    defines: list[str] = field(default_factory=list)
    opt_level: int = 0
    verbose: bool = False
    language: bool = False               # -x given: the suffixes do not decide

    @property
    def links(self) -> bool:
        return self.stop is None and self.inputs > 0


def parse(args: list[str]) -> Command:
    cmd = Command(list(args))
    i = 0
    while i < len(args):
        a = args[i]
        if a in _WITH_VALUE and i + 1 < len(args):
            _option(cmd, a, args[i + 1], i + 1)
            if a == "-o":
                cmd.output_option.append(i)
            i += 2
            continue
        if a.startswith("-") and a != "-":
            for prefix in ("-I", "-D", "-o", "-x", "-isystem", "-iquote", "-idirafter"):
                if a.startswith(prefix) and len(a) > len(prefix):
                    _option(cmd, prefix, a[len(prefix):], i)
            if a in _NO_LINK and cmd.stop not in ("-E", "-M", "-MM"):
                cmd.stop = a
            elif a == "-v":
                cmd.verbose = True
            elif a.startswith("-O"):
                cmd.opt_level = _opt_level(a[2:])
            elif a.startswith("-l"):
                cmd.inputs += 1
        else:
            cmd.inputs += 1
            cmd.positional.append(i)
            if a.endswith(_C_SUFFIXES):
                cmd.sources.append(i)
        i += 1
    return cmd


def _option(cmd: Command, name: str, value: str, index: int) -> None:
    if name == "-o":
        cmd.output = index
        cmd.output_option.append(index)
    elif name in ("-I", "-isystem", "-iquote", "-idirafter"):
        cmd.include_dirs.append(os.path.abspath(value))  # the guest reads them all as -I
    elif name == "-D":
        cmd.defines.append(value)
    elif name == "-x":
        cmd.language = True
    elif name == "-l":
        cmd.inputs += 1


def _opt_level(level: str) -> int:
    if level in ("", "1", "g"):
        return 1
    if level in ("0",):
        return 0
    if level in ("3", "fast"):
        return 3
    return 2
