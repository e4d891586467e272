"""The image's line table, cross-checked against GNU ld + addr2line on the same object."""
import re
import subprocess

import pytest

from pyvirtine.compiler.link import link
from pyvirtine.image import source_location as lookup_location
from pyvirtine.image import Image

SOURCE = """\
static int square(int x)
{
    int y = x * x;
    return y;
}

unsigned long __virtine_dispatch(void *arg)
{
    int *a = arg;
    a[0] = square(a[0]);
    a[1] = square(a[1]) + 1;
    return 8;
}

int unused(int x)
{
    return x + 1;
}
"""


@pytest.fixture(scope="module")
def linked(gcc, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lines")
    obj = gcc(tmp, "lines.c", SOURCE, "-g", "-O0")
    image = Image.from_bytes(link([obj], mode="function").to_bytes())  # through the file
    subprocess.run(["ld", "-static", "--gc-sections", "-e", "__virtine_dispatch",
                    "-Ttext=0x400000", "-o", "lines.elf", "lines.o"], cwd=tmp, check=True)
    return image, tmp / "lines.elf"


def ld_symbols(elf):
    out = subprocess.run(["nm", str(elf)], capture_output=True, text=True, check=True).stdout
    return {name: int(addr, 16) for addr, _, name in (line.split() for line in out.splitlines()
                                                      if len(line.split()) == 3)}


def test_every_row_agrees_with_addr2line(linked):
    image, elf = linked
    ours = {name: addr for addr, _, name in image.debug["functions"]}
    theirs = ld_symbols(elf)
    rows = [row for row in image.debug["lines"] if row[2]]
    assert {row[3] for row in rows} == {"square", "__virtine_dispatch"}
    addresses = [theirs[function] + addr - ours[function] for addr, _, _, function in rows]
    out = subprocess.run(["addr2line", "-e", str(elf), *map(hex, addresses)],
                         capture_output=True, text=True, check=True).stdout.splitlines()
    expected = [int(re.match(r".*lines\.c:(\d+)", line).group(1)) for line in out]
    assert [row[2] for row in rows] == expected
    assert all(row[1] == "lines.c" for row in rows)


def test_lookup_location(linked):
    image, _ = linked
    dispatch = next(a for a, _, n in image.debug["functions"] if n == "__virtine_dispatch")
    assert lookup_location(image.debug, dispatch) == "lines.c:8 in __virtine_dispatch"
    last = max(row[0] for row in image.debug["lines"] if row[3] == "square")
    assert lookup_location(image.debug, last) == "lines.c:5 in square"
    entry = image.entry64  # crt0 has no line info: symbol + offset
    assert lookup_location(image.debug, entry + 5) == "__virtine_entry64+0x5"
    assert lookup_location(image.debug, 0x1000) is None
    assert lookup_location(None, entry) is None
