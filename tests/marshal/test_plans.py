"""The short paths (``plans``) lay a call out exactly as the general packer does, and
step aside for anything the packer would convert or reject."""
from __future__ import annotations

import array
import random
import struct

import pytest

from pyvirtine.marshal import ArgPacker, BufferPlan, FixedPlan, find_virtines, plan_for

HEADER = "#include <virtine.h>\n#include <stddef.h>\n#include <stdint.h>\n"
CAPACITY = 1 << 16
SOURCE = HEADER + """
enum mood { CALM, ANGRY = 7 };
virtine double numbers(signed char a, unsigned long long b, float c, enum mood d, short e)
    { return a + b + c + d + e; }
virtine int in_only(const unsigned char *data VIRTINE_IN(n), size_t n, int k)
    { return (int)n + k; }
virtine void two(int x, const int32_t *a VIRTINE_IN(na), uint16_t na,
                 double *out VIRTINE_OUT(no), size_t no, char *io VIRTINE_INOUT(nio), int nio)
    { }
virtine long counted_first(size_t n, const void *data VIRTINE_IN(n)) { return 0; }
virtine int shared_length(const char *a VIRTINE_IN(n), char *b VIRTINE_OUT(n), size_t n)
    { return 0; }
virtine int computed(const int *a VIRTINE_IN(rows * cols), int rows, int cols) { return 0; }
virtine const char *text(int x) { return "x"; }
virtine int flag(_Bool b) { return b; }
"""
SIGS = {s.name: s for s in find_virtines(SOURCE, "plans.c")}


def packer(name: str) -> ArgPacker:
    return ArgPacker(SIGS[name])


def area_of(inputs: list) -> bytes:
    end = max(offset + length for offset, _, length in inputs)
    area = bytearray(end)
    for offset, data, length in inputs:
        if data is not None:
            area[offset:offset + length] = memoryview(data).cast("B")[:length]
    return bytes(area)


def test_which_signatures_get_which_plan():
    assert isinstance(plan_for(packer("numbers"), CAPACITY), FixedPlan)
    for name in ("in_only", "two", "counted_first"):
        assert isinstance(plan_for(packer(name), CAPACITY), BufferPlan), name
    for name in ("shared_length", "computed", "text", "flag"):
        assert plan_for(packer(name), CAPACITY) is None, name


def test_fixed_plan_packs_what_the_packer_packs():
    p = packer("numbers")
    plan = plan_for(p, CAPACITY)
    rng = random.Random(1)
    for _ in range(200):
        args = (rng.randint(-128, 127), rng.randint(0, 2**64 - 1), rng.uniform(-1e6, 1e6),
                rng.choice([0, 7]), rng.randint(-2**15, 2**15 - 1))
        area = bytearray(plan.head) + bytes(plan.args_size - len(plan.head))
        plan.pack(area, len(plan.head), *args)
        assert bytes(area) == bytes(p.pack(args, {}, CAPACITY).area), args


@pytest.mark.parametrize("name", ["in_only", "two", "counted_first"])
def test_buffer_plan_lays_out_what_the_packer_lays_out(name):
    p = packer(name)
    plan = plan_for(p, CAPACITY)
    rng = random.Random(name)
    for _ in range(100):
        args = _random_args(name, rng)
        inputs, outputs, result_len = plan.segments(args)
        call = p.pack(args, {}, CAPACITY)
        assert area_of(inputs) == bytes(call.area), args
        assert result_len == call.result_len
        assert [(o, n) for o, n, _, _ in outputs] == [(o, n) for o, n, _, _ in call.outputs()]
        # the prefix the inputs cover has no gap: the launcher may skip resetting it
        covered = 0
        for offset, _, length in inputs:
            assert offset == covered
            covered += length


def _random_args(name: str, rng: random.Random) -> tuple:
    def blob(n: int) -> bytearray:
        return bytearray(rng.randbytes(n))
    if name == "in_only":
        return (rng.choice([bytes, bytearray, memoryview])(rng.randbytes(rng.randint(0, 300))),
                rng.randint(-5, 5))
    if name == "counted_first":
        return (blob(rng.randint(0, 50)),)
    return (rng.randint(-9, 9), array.array("i", [rng.randint(-99, 99)
                                                   for _ in range(rng.randint(0, 9))]),
            blob(8 * rng.randint(0, 9)), blob(rng.randint(0, 40)))


@pytest.mark.parametrize("args", [
    (None, 1),                  # NULL pointer: the packer checks the length
    ("text", 1),                # a str for bytes: the packer encodes it
    ([1, 2, 3], 1),             # a list: the packer encodes each element
    (b"abc", 2**40),            # out of range for int
    (b"abc", "1"),              # not a number
    (memoryview(b"abcdef")[::2], 1),  # not contiguous
])
def test_buffer_plan_steps_aside(args):
    plan = plan_for(packer("in_only"), CAPACITY)
    try:
        assert plan.segments(args) is None
    except (struct.error, OverflowError):
        pass


def test_read_only_buffer_for_an_out_parameter_steps_aside():
    plan = plan_for(packer("two"), CAPACITY)
    assert plan.segments((1, b"", bytes(8), bytearray(2))) is None


def test_buffer_plan_stops_at_the_capacity():
    plan = plan_for(packer("in_only"), 4096)
    assert plan.segments((bytes(8192), 1)) is None
