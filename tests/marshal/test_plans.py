"""The short paths (``plans``) lay a call out exactly as the general packer does, and
step aside for anything the packer would convert or reject."""
from __future__ import annotations

import array
import random
import struct

import pytest

from pyvirtine.hypervisor._pycall import pack as c_pack
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
virtine const char *words(const char *s, const unsigned char *d VIRTINE_IN(n), size_t n,
                          int k, const char *t) { return s; }
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
    for name in ("in_only", "two", "counted_first", "text", "words"):
        assert isinstance(plan_for(packer(name), CAPACITY), BufferPlan), name
    for name in ("shared_length", "computed", "flag"):
        assert plan_for(packer(name), CAPACITY) is None, name


def test_fixed_plan_packs_what_the_packer_packs():
    p = packer("numbers")
    plan = plan_for(p, CAPACITY)
    rng = random.Random(1)
    for _ in range(200):
        args = (rng.randint(-128, 127), rng.randint(0, 2**64 - 1), rng.uniform(-1e6, 1e6),
                rng.choice([0, 7]), rng.randint(-2**15, 2**15 - 1))
        area = bytearray(plan.head) + bytes(plan.args_size - len(plan.head))
        assert c_pack(plan.arg_slots, area, args)  # what the C entry stores
        assert bytes(area) == bytes(p.pack(args, {}, CAPACITY).area), args


def run_plan(plan: BufferPlan, args: tuple):
    """Run the plan's compiled call against a recording stand-in for the launcher:
    None if it steps aside, else (argument area, [(offset, length, flags)] of the
    outputs, result length), the area built as the launcher would copy it in."""
    seen = {}
    buffers = []

    def pin(view, writable):
        buffers.append(view)
        return view
    run = plan.compile({
        "write_head": lambda *values: seen.update(head=values),
        "write_segments": lambda *fields: seen.update(segments=fields),
        "launch": lambda: 0, "pin": pin, "address": lambda p: buffers.index(p),
        "ZERO": 1, "GUEST_WRITTEN": 2, "PARTIAL": 4, "TAIL": 0})
    ran = run(args)
    if ran is None:
        return None
    kind, result_len, pins = ran
    assert kind == 0 and list(pins) == buffers
    area = bytearray(plan.fixed_size)
    plan.head.pack_into(area, plan.header, *seen["head"])
    fields = [seen["segments"][i:i + 4] for i in range(0, len(seen["segments"]), 4)]
    ins, outs = fields[:2 * len(plan.buffers)], fields[2 * len(plan.buffers):]
    for offset, data, length, flags in ins:
        assert offset == len(area)  # the inputs leave no gap: the reset may skip them
        area += bytes(length) if flags == 1 else memoryview(buffers[data]).cast("B")
    outputs = [(0, plan.ret_size, 0)] if plan.ret_size else []
    outputs += [(offset, length, flags) for offset, _, length, flags in outs]
    return bytes(area), outputs, result_len


@pytest.mark.parametrize("name", ["in_only", "two", "counted_first", "text", "words"])
def test_buffer_plan_lays_out_what_the_packer_lays_out(name):
    p = packer(name)
    plan = plan_for(p, CAPACITY)
    rng = random.Random(name)
    for _ in range(100):
        args = _random_args(name, rng)
        area, outputs, result_len = run_plan(plan, args)
        call = p.pack(args, {}, CAPACITY)
        assert area == bytes(call.area), args
        assert result_len == call.result_len
        expected = [(o, n, 2 if gw else 0) for o, n, _, gw in call.outputs()]
        if call.ret_string:  # where a returned string lands, which it need not fill
            expected[-1] = expected[-1][:2] + (4,)
        assert outputs == expected


SINGLE = HEADER + """
enum mood { CALM, ANGRY = 7 };
virtine int i8(signed char x) { return x; }
virtine int u8(unsigned char x) { return x; }
virtine int i16(short x) { return x; }
virtine int u16(unsigned short x) { return x; }
virtine int i32(int x) { return x; }
virtine int u32(unsigned x) { return 0; }
virtine int i64(long x) { return 0; }
virtine int u64(unsigned long long x) { return 0; }
virtine int f64(double x) { return 0; }
virtine int mood(enum mood x) { return x; }
virtine float f32(float x) { return x; }
"""


@pytest.mark.parametrize("sig", find_virtines(SINGLE, "single.c"), ids=lambda s: s.name)
def test_the_c_store_takes_what_struct_takes(sig):
    # The C entry stores numbers itself: it must lay out what struct does, and leave
    # to the general packer (which converts or explains) whatever it does not take.
    p = ArgPacker(sig)
    plan = plan_for(p, CAPACITY)
    (offset, code), = plan.arg_slots
    blank = bytearray(plan.head) + bytes(plan.args_size - len(plan.head))
    edges = [sign * 2**bits + d for bits in (7, 8, 15, 16, 31, 32, 63, 64)
             for sign in (1, -1) for d in (-1, 0)]
    for value in (0, 1, -1, 7, True, *edges, 1.5, -0.0, 3.4e38, 3.5e38, 1e308, float("inf"),
                  float("nan"), 10**400, "1", None, array.array("i", [1])):
        try:
            by_struct = bytearray(blank)
            struct.pack_into("<" + code, by_struct, offset, value)
        except (struct.error, OverflowError):
            by_struct = None
        by_c = bytearray(blank)
        if c_pack(plan.arg_slots, by_c, (value,)):
            assert by_c == by_struct, value
        elif by_struct is not None:  # the general path must agree
            assert bytes(p.pack((value,), {}, CAPACITY).area) == by_struct, value


def _random_args(name: str, rng: random.Random) -> tuple:
    def blob(n: int) -> bytearray:
        return bytearray(rng.randbytes(n))
    if name == "in_only":
        return (rng.choice([bytes, bytearray, memoryview])(rng.randbytes(rng.randint(0, 300))),
                rng.randint(-5, 5))
    if name == "counted_first":
        return (blob(rng.randint(0, 50)),)
    if name == "text":
        return (rng.randint(-9, 9),)
    if name == "words":
        def text() -> str:
            return "".join(rng.choice("abc é€\U0001f600") for _ in range(rng.randint(0, 20)))
        return (text(), blob(rng.randint(0, 30)), rng.randint(-9, 9), text())
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
        assert run_plan(plan, args) is None
    except (struct.error, OverflowError):
        pass


@pytest.mark.parametrize("s", [None, b"bytes", "nul\0inside", 7])
def test_buffer_plan_leaves_strings_it_cannot_send_as_they_are_to_the_packer(s):
    assert run_plan(plan_for(packer("words"), CAPACITY), (s, b"", 1, "t")) is None


def test_read_only_buffer_for_an_out_parameter_steps_aside():
    plan = plan_for(packer("two"), CAPACITY)
    assert run_plan(plan, (1, b"", bytes(8), bytearray(2))) is None


def test_buffer_plan_stops_at_the_capacity():
    plan = plan_for(packer("in_only"), 4096)
    assert run_plan(plan, (bytes(8192), 1)) is None
