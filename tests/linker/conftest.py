import shutil
import subprocess

import pytest

GCC_FLAGS = ["-ffreestanding", "-fno-pic", "-fno-pie", "-mcmodel=small", "-fno-stack-protector",
             "-ffunction-sections", "-fdata-sections", "-fno-asynchronous-unwind-tables"]


@pytest.fixture(scope="session")
def gcc():
    """A compile function for C test objects (gcc and binutils are the reference tools)."""
    if not (shutil.which("gcc") and shutil.which("ld") and shutil.which("addr2line")):
        subprocess.run(["apt-get", "install", "-y", "gcc", "binutils"], check=True,
                       capture_output=True)

    def compile_c(tmp_path, name, source, *flags):
        path = tmp_path / name
        path.write_text(source)
        out = path.with_suffix(".o")
        subprocess.run(["gcc", "-c", *GCC_FLAGS, *flags, name, "-o", out.name], cwd=tmp_path,
                       check=True)
        return out.read_bytes()
    return compile_c
