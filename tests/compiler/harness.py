"""Compile C test programs with pyvirtine's compiler and run them.

``run_program(c_path) -> (stdout, exit_code)`` runs one through the backend that
``PYVIRTINE_C_BACKEND`` names (default ``native``): ``native`` links our object
with the host gcc against glibc (``-no-pie``: the guest code model is static);
``virtine`` links it with crt0 and the guest libc into an image and runs it under
KVM. Further backends go in BACKENDS with the same signature."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable, Sequence

from pyvirtine.compiler import compile_c

HERE = Path(__file__).parent


def compile_to_file(c_path: Path, out_dir: Path, opt_level: int = 2,
                    include_dirs: Sequence[str] = ()) -> Path:
    obj = out_dir / (c_path.stem + ".o")
    obj.write_bytes(compile_c(c_path.read_text(), str(c_path), include_dirs=include_dirs,
                              opt_level=opt_level))
    return obj


def link_native(objects: Sequence[Path], exe: Path) -> None:
    subprocess.run(["gcc", "-no-pie", *map(str, objects), "-o", str(exe), "-lm"], check=True,
                   capture_output=True)


def run_native(c_path: Path, opt_level: int = 2, timeout: float = 20) -> tuple:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        obj = compile_to_file(Path(c_path), out, opt_level)
        exe = out / "prog"
        link_native([obj], exe)
        proc = subprocess.run([str(exe)], capture_output=True, text=True, timeout=timeout)
        return proc.stdout, proc.returncode


def run_virtine(c_path: Path, opt_level: int = 2, timeout: float = 20) -> tuple:
    """Build the program into a virtine image (crt0 + guest libc) and run it under KVM."""
    from pyvirtine.program import build_program, pack_argv
    from pyvirtine.runtime import Virtine

    c_path = Path(c_path)
    image = build_program(str(c_path), c_path.read_text(), opt_level=opt_level)
    with Virtine(image, timeout=timeout) as virtine:
        result = virtine.call(pack_argv([c_path.name]))
    return result.stdout.decode(), result.status


BACKENDS: dict = {"native": run_native, "virtine": run_virtine}


def run_program(c_path: Path) -> tuple:
    backend: Callable = BACKENDS[os.environ.get("PYVIRTINE_C_BACKEND", "native")]
    return backend(c_path)


def expectations(c_path: Path) -> tuple:
    """(expected stdout, expected exit code) recorded next to a test program."""
    text = c_path.read_text()
    m = re.search(r"//\s*expect-exit:\s*(-?\d+)", text)
    return c_path.with_suffix(".expected").read_text(), int(m.group(1)) if m else 0


def have_gcc() -> bool:
    return shutil.which("gcc") is not None
