"""Run generated guest glue natively: gcc compiles the user's C with the glue, a tiny
driver feeds it an argument area packed by pyvirtine and prints the result bytes.
The guest ABI is SysV x86-64 like the host's, so this checks the real layout."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Callable

import pytest

from pyvirtine.marshal import ArgPacker, find_virtines, guest_glue
from pyvirtine.marshal.frontend import INCLUDE_DIR

CAPACITY = 1 << 20
DRIVER = r"""
#include <stdio.h>
unsigned long DISPATCH(void *area);
static unsigned char area[%d] __attribute__((aligned(4096)));
int main(void) {
    size_t n = fread(area, 1, sizeof area, stdin);
    (void)n;
    unsigned long len = DISPATCH(area);
    fwrite(area, 1, len, stdout);
    return 0;
}
""" % CAPACITY


@pytest.fixture(scope="module")
def native(tmp_path_factory: pytest.TempPathFactory) -> Callable:
    """``native(source)`` -> {name: python callable running that virtine natively}."""
    if shutil.which("gcc") is None:
        pytest.skip("gcc is needed to run the glue natively")

    def build(source: str, filename: str = "user.c") -> dict:
        tmp_path = tmp_path_factory.mktemp("native")
        include = tmp_path / "include"  # only virtine.h: the guest libc headers are not gcc's
        include.mkdir(exist_ok=True)
        shutil.copy(Path(INCLUDE_DIR) / "virtine.h", include)
        src = tmp_path / filename
        src.write_text(source)
        sigs = find_virtines(source, str(src))
        unit = tmp_path / "unit.c"
        unit.write_text(f'#include "{src}"\n' + guest_glue(sigs))
        functions = {}
        for sig in sigs:
            driver = tmp_path / f"driver_{sig.name}.c"
            driver.write_text(DRIVER)
            exe = tmp_path / f"run_{sig.name}"
            subprocess.run(["gcc", "-O1", "-Wall", "-Werror", "-Wno-unused-function",
                            "-Wno-unused-local-typedefs", "-I", str(include),
                            f"-DDISPATCH=__virtine_dispatch_{sig.name}", "-o", str(exe),
                            str(unit), str(driver)], check=True, capture_output=True, text=True)
            functions[sig.name] = _runner(ArgPacker(sig), exe)
        return functions

    return build


def _runner(packer: ArgPacker, exe: Path) -> Callable:
    def call(*args, **kwargs):
        frame = packer.pack(args, kwargs, CAPACITY)
        out = subprocess.run([str(exe)], input=frame.area, capture_output=True, check=True)
        return packer.unpack(frame, out.stdout)
    call.packer = packer  # type: ignore[attr-defined]
    return call
