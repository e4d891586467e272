"""Hostile images, fuzzed through both ways in: Python (``Virtine``) and the C API a C
host uses (``vt_pool_create`` and a call). Header fields take edge values, one to three
at a time, and the checksum is made right again so the layout checks (not the checksum)
are what stand between the image and the launcher. Each image is refused with an
``ImageError`` or runs (and crashes or times out as a guest may); the host never dies."""
from __future__ import annotations

import random
import struct
import subprocess
import zlib

from hypothesis import HealthCheck, given, settings, strategies as st

from support.asm_guests import asm_image
from pyvirtine.errors import ImageError, VirtineError
from pyvirtine.hypervisor.native import include_dir, static_library, static_link_flags
from pyvirtine.image import HEADER_SIZE, PAGE
from pyvirtine.runtime import Virtine

GOOD = asm_image("    hcall 13\n    mov ARGAREA, %rax\n    mov %rax, %rdi\n"
                 "    xor %esi, %esi\n    hcall 0\n", payload_data=b"\1" * PAGE)
GOOD_BYTES = GOOD.to_bytes()

# (offset, struct format) of every numeric header field (pyvirtine/image.py's table).
FIELDS = {"version": (8, "<H"), "header_size": (10, "<H"), "flags": (12, "<I"),
          "load_addr": (16, "<Q"), "payload_size": (24, "<Q"), "text_size": (32, "<Q"),
          "entry16": (40, "<Q"), "entry64": (48, "<Q"), "mem_size": (56, "<Q"),
          "stack_top": (64, "<Q"), "stack_size": (72, "<Q"), "heap_start": (80, "<Q"),
          "heap_end": (88, "<Q"), "argarea_addr": (96, "<Q"), "argarea_size": (104, "<Q"),
          "allow": (112, "<Q"), "debug_size": (124, "<I"), "debug_offset": (128, "<Q"),
          "abi_size": (200, "<I")}
FIELD_NAMES = sorted(FIELDS)


def edge_values(name: str) -> list[int]:
    """Values near where the checks draw their lines, for one field."""
    offset, fmt = FIELDS[name]
    size = struct.calcsize(fmt)
    top = (1 << (8 * size)) - 1
    (good,) = struct.unpack_from(fmt, GOOD_BYTES, offset)
    near = [good + d for d in (-PAGE - 1, -PAGE, -16, -8, -1, 1, 8, 16, PAGE, PAGE + 1)]
    fixed = [0, 1, 15, 16, PAGE - 1, PAGE, 2 * PAGE, 3 * PAGE, 0x10000, 0xfffff, 0x100000,
             1 << 20, 2 << 20, 1 << 31, 1 << 32, (1 << 32) + PAGE, 1 << 63, top - PAGE + 1, top]
    return sorted({v & top for v in near + fixed})


def mutate(changes: list[tuple[str, int]]) -> bytes:
    image = bytearray(GOOD_BYTES)
    for name, value in changes:
        offset, fmt = FIELDS[name]
        struct.pack_into(fmt, image, offset, value)
    return reseal(bytes(image))


def reseal(image: bytes) -> bytes:
    """The checksum made right for whatever payload size the header now claims."""
    data = bytearray(image)
    (psize,) = struct.unpack_from("<Q", data, 24)
    if HEADER_SIZE + psize > len(data):
        return bytes(data)
    struct.pack_into("<I", data, 120, 0)
    crc = zlib.crc32(bytes(data[HEADER_SIZE:HEADER_SIZE + psize]),
                     zlib.crc32(bytes(data[:HEADER_SIZE])))
    struct.pack_into("<I", data, 120, crc)
    return bytes(data)


def corpus(count: int, seed: int) -> list[bytes]:
    rng = random.Random(seed)
    values = {name: edge_values(name) for name in FIELD_NAMES}
    images = []
    for _ in range(count):
        changed = rng.sample(FIELD_NAMES, rng.choice((1, 1, 2, 3)))
        images.append(mutate([(n, rng.choice(values[n]) if rng.random() < 0.9
                               else rng.getrandbits(8 * struct.calcsize(FIELDS[n][1])))
                              for n in changed]))
    return images


@st.composite
def mutations(draw) -> list[tuple[str, int]]:
    names = draw(st.lists(st.sampled_from(FIELD_NAMES), min_size=1, max_size=3, unique=True))
    return [(n, draw(st.sampled_from(edge_values(n)))) for n in names]


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations())
def test_python_api_refuses_or_runs_every_mutated_image(kvm, changes):
    data = mutate(changes)
    try:
        v = Virtine(data, timeout=0.2)
    except ImageError:
        return
    except VirtineError:  # booted and crashed or timed out before the snapshot
        return
    with v:
        try:
            v.call(struct.pack("<Q", 7))
        except VirtineError:
            pass


FUZZ_HOST = r"""
#include <stdio.h>
#include <stdlib.h>
#include "launcher.h"

/* Reads [u32 length][image] records from argv[1]; checks, boots and calls each. */
int main(int argc, char **argv) {
    FILE *f = fopen(argv[1], "rb");
    unsigned len, checked = 0, accepted = 0, booted = 0;
    while (fread(&len, 4, 1, f) == 1) {
        unsigned char *image = malloc(len ? len : 1);
        if (fread(image, 1, len, f) != len) return 2;
        char err[256];
        checked++;
        if (vt_image_check(image, len, err, sizeof err) == 0) accepted++;
        struct vt_options opt = {.pool_size = 1, .capture = 1, .snapshot = 1, .timeout = 0.2};
        struct vt_result res;
        struct vt_pool *pool = vt_pool_create(image, len, &opt, &res);
        vt_result_release(&res);
        if (pool) {
            booted++;
            unsigned long long arg = 7, out = 0;
            vt_call(pool, (unsigned char *)&arg, sizeof arg, NULL, 0, (unsigned char *)&out,
                    sizeof out, &res);
            vt_result_release(&res);
            vt_pool_destroy(pool);
        }
        free(image);
    }
    printf("%u %u %u\n", checked, accepted, booted);
    return 0;
}
"""


def test_c_api_survives_thousands_of_mutated_images(kvm, tmp_path):
    images = corpus(3000, seed=12)
    records = tmp_path / "images.bin"
    records.write_bytes(b"".join(struct.pack("<I", len(i)) + i for i in images))
    (tmp_path / "fuzz.c").write_text(FUZZ_HOST)
    host = tmp_path / "fuzz"
    subprocess.run(["cc", "-O1", "-I", str(include_dir()), str(tmp_path / "fuzz.c"), "-o",
                    str(host), *static_link_flags(static_library())], check=True)
    run = subprocess.run([str(host), str(records)], capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, f"the C host died (status {run.returncode}): {run.stderr}"
    checked, accepted, booted = map(int, run.stdout.split())
    assert checked == len(images)
    assert booted <= accepted < checked  # the check let some through and stopped others
    assert accepted > 100  # enough got past the check to exercise what lies behind it
