"""The guest glue and the Python packer agree: real C unpacks what Python packed, calls
the function, and Python decodes what the C packed.  Every test runs twice: built by
gcc and run natively, and built by pyvirtine and run in real virtines."""
from __future__ import annotations

import array
import dataclasses
import enum

import pytest
from hypothesis import given, settings, strategies as st

import pyvirtine
from support.kvm import KVM_MISSING


SOURCE = r"""
#include <virtine.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

struct point { int x, y; };
typedef struct { char name[8]; struct point corners[2]; double weight; bool ok; } shape;
enum color { RED, GREEN = 5, BLUE };

virtine int count_byte(const unsigned char *data VIRTINE_IN(n), size_t n, int byte) {
    int c = 0;
    for (size_t i = 0; i < n; i++) c += data[i] == byte;
    return c;
}

virtine struct point add(struct point a, struct point b) {
    struct point r = { a.x + b.x, a.y + b.y };
    return r;
}

virtine shape grow(shape s, int by) {
    for (int i = 0; i < 2; i++) { s.corners[i].x *= by; s.corners[i].y *= by; }
    s.weight *= by;
    s.ok = !s.ok;
    s.name[0] = 'G';
    return s;
}

virtine enum color next_color(enum color c) { return c == RED ? GREEN : c == GREEN ? BLUE : RED; }

virtine void fill(unsigned char *out VIRTINE_OUT(n), size_t n, unsigned char value) {
    for (size_t i = 0; i < n; i++) out[i] = value + i;
}

virtine long sum_and_double(int32_t *v VIRTINE_INOUT(count), size_t count) {
    long s = 0;
    for (size_t i = 0; i < count; i++) { s += v[i]; v[i] *= 2; }
    return s;
}

virtine double trace(const double *m VIRTINE_IN(rows * cols), int rows, int cols) {
    double t = 0;
    for (int i = 0; i < rows && i < cols; i++) t += m[i * cols + i];
    return t;
}

virtine void swap(int *a, int *b) { int t = *a; *a = *b; *b = t; }

virtine int norm1(const struct point *p) { return (p->x < 0 ? -p->x : p->x) + (p->y < 0 ? -p->y : p->y); }

virtine void translate(struct point *p, int dx, int dy) { if (p) { p->x += dx; p->y += dy; } }

virtine size_t length(const char *s) { size_t n = 0; if (!s) return (size_t)-1; while (s[n]) n++; return n; }

virtine const char *skip_spaces(const char *s) { while (*s == ' ') s++; return *s ? s : NULL; }

virtine const char *greeting(int formal) { return formal ? "Good evening." : "hi"; }

virtine uint64_t mix(char c, signed char sc, unsigned short us, int64_t i64, uint64_t u64,
                     float f, double d, bool b) {
    return (uint64_t)c + (uint64_t)sc + us + (uint64_t)i64 + u64 + (uint64_t)(f * 2) +
           (uint64_t)(d * 4) + b;
}

virtine float half(float x) { return x / 2; }

virtine bool is_odd(int64_t v) { return v & 1; }
"""


@pytest.fixture(scope="module", params=["gcc", "virtine"])
def v(request, native):
    if request.param == "gcc":
        yield native(SOURCE)
        return
    if KVM_MISSING:
        pytest.skip(KVM_MISSING)
    with pyvirtine.load(source=SOURCE, filename="glue_test.c", timeout=5.0) as mod:
        functions = {}
        for name in mod.__all__:
            f = getattr(mod, name)
            f.packer = f.virtine.packer
            functions[name] = f
        yield functions


def test_buffer_in_with_implied_length(v):
    assert v["count_byte"](b"banana", ord("a")) == 3
    assert v["count_byte"](bytearray(b"xxxx"), ord("x")) == 4
    assert v["count_byte"](memoryview(b"abcabc")[1:4], ord("b")) == 1
    assert v["count_byte"]("ünï", 0xc3) == 2          # str: its UTF-8 bytes
    assert v["count_byte"](b"", 0) == 0
    assert v["count_byte"](None, 0) == 0


def test_structs_by_value(v):
    r = v["add"]({"x": 1, "y": 2}, {"x": 10, "y": 20})
    assert (r.x, r.y) == (11, 22)
    point = type(r)
    assert dataclasses.is_dataclass(point) and point.__name__ == "point"
    r2 = v["add"](r, point(x=-1, y=-2))            # a returned struct goes back in
    assert (r2.x, r2.y) == (10, 20)


def test_nested_struct_arrays_and_char_arrays(v):
    s = v["grow"]({"name": b"box", "corners": [{"x": 1, "y": 2}, {"x": 3, "y": 4}],
                   "weight": 1.5, "ok": False}, 3)
    assert s.name == b"Gox"
    assert [(c.x, c.y) for c in s.corners] == [(3, 6), (9, 12)]
    assert s.weight == 4.5 and s.ok is True


def test_enums_come_back_as_intenum(v):
    c = v["next_color"](0)
    assert isinstance(c, enum.IntEnum) and c.name == "GREEN" and c == 5
    assert v["next_color"](c).name == "BLUE"


def test_out_buffer_written_back(v):
    buf = bytearray(5)
    assert v["fill"](buf, 10) is None
    assert buf == bytes([10, 11, 12, 13, 14])
    mv = memoryview(bytearray(8))[2:6]
    v["fill"](mv, 1)
    assert bytes(mv.obj) == b"\0\0\x01\x02\x03\x04\0\0"


def test_inout_buffer_typed_and_list(v):
    a = array.array("i", [1, 2, 3, -4])
    assert v["sum_and_double"](a) == 2
    assert list(a) == [2, 4, 6, -8]
    items = [5, 6]
    assert v["sum_and_double"](items) == 11
    assert items == [10, 12]


def test_length_expression_over_parameters(v):
    m = array.array("d", [1, 2, 3, 4, 5, 6, 7, 8, 9])
    assert v["trace"](m, 3, 3) == 15.0
    assert v["trace"](m, 2, 2) == 1.0 + 4.0
    with pytest.raises(ValueError, match=r"'m' has 9 elements .* needs 12"):
        v["trace"](m, 3, 4)


def test_single_object_pointers(v):
    a, b = [1], [2]
    v["swap"](a, b)
    assert (a, b) == ([2], [1])
    raw = bytearray((7).to_bytes(4, "little"))
    other = [9]
    v["swap"](raw, other)
    assert int.from_bytes(raw, "little") == 9 and other == [7]
    assert v["norm1"]({"x": -3, "y": 4}) == 7
    p = {"x": 1, "y": 1}
    v["translate"](p, 2, 3)
    assert p == {"x": 3, "y": 4}
    q = v["add"]({"x": 0, "y": 0}, {"x": 5, "y": 5})
    v["translate"](q, 1, 1)
    assert (q.x, q.y) == (6, 6)
    v["translate"](None, 1, 1)


def test_strings_in_and_out(v):
    assert v["length"]("hello") == 5
    assert v["length"](b"h\xffx") == 3
    assert v["length"]("") == 0
    assert v["length"](None) == 2**64 - 1
    assert v["skip_spaces"]("   word") == "word"   # a pointer into the argument itself
    assert v["skip_spaces"]("   ") is None
    assert v["greeting"](1) == "Good evening."
    assert v["greeting"](0) == "hi"


def test_scalars_of_every_width(v):
    total = v["mix"]("A", -1, 65535, -5, 2**64 - 10, 1.5, 0.25, True)
    assert total == (65 - 1 + 65535 - 5 + 2**64 - 10 + 3 + 1 + 1) % 2**64
    assert v["half"](3.0) == 1.5
    assert v["is_odd"](-(2**63) + 1) is True


@settings(max_examples=20, deadline=None)
@given(x=st.integers(-(2**31), 2**31 - 1), y=st.integers(-(2**31), 2**31 - 1))
def test_struct_round_trip_any_ints(v, x, y):
    r = v["add"]({"x": x, "y": y}, {"x": 0, "y": 0})
    assert (r.x, r.y) == (x, y)


@settings(max_examples=15, deadline=None)
@given(data=st.binary(max_size=3000), byte=st.integers(0, 255))
def test_count_matches_python(v, data, byte):
    assert v["count_byte"](data, byte) == data.count(bytes([byte]))


# -- errors, raised before anything runs ------------------------------------------------

def test_wrong_type_names_parameter_and_c_type(v):
    with pytest.raises(TypeError, match=r"count_byte\(\) argument 'data' .*'const unsigned char \*'"):
        v["count_byte"](12, 1)
    with pytest.raises(TypeError, match=r"argument 'byte' must be an integer for 'int', not str"):
        v["count_byte"](b"x", "ab")
    with pytest.raises(TypeError, match=r"argument 's' must be str or bytes for 'const char \*'"):
        v["length"](3)
    with pytest.raises(TypeError, match=r"missing field 'y' of struct point"):
        v["add"]({"x": 1}, {"x": 1, "y": 2})


def test_wrong_argument_count(v):
    with pytest.raises(TypeError, match=r"count_byte\(\) .*C signature: int count_byte"):
        v["count_byte"](b"x")
    with pytest.raises(TypeError, match=r"count_byte\(\)"):
        v["count_byte"](b"x", 1, 2)   # n is implied: not a parameter


def test_out_of_range(v):
    with pytest.raises(OverflowError, match=r"argument 'byte'.*out of range for 'int'"):
        v["count_byte"](b"x", 2**31)
    with pytest.raises(OverflowError, match="unsigned char"):
        v["fill"](bytearray(1), 256)


def test_out_buffers_must_be_writable(v):
    with pytest.raises(TypeError, match=r"'out' must be a writable buffer .*read-only"):
        v["fill"](b"abc", 1)
    with pytest.raises(TypeError, match="copied back out"):
        v["swap"](1, [2])


def test_embedded_nul_rejected(v):
    with pytest.raises(ValueError, match="embedded NUL"):
        v["length"]("a\0b")


def test_partial_elements_rejected(v):
    with pytest.raises(ValueError, match="whole number of 4-byte elements"):
        v["sum_and_double"](bytearray(6))


def test_argument_area_capacity(v):
    packer = v["count_byte"].packer
    with pytest.raises(ValueError, match="argument area holds 100"):
        packer.pack((b"x" * 200, 1), {}, 100)


PACKED = r"""
#include <virtine.h>
#include <stdint.h>
#pragma pack(push, 1)
struct wire { uint8_t tag; uint32_t value; uint16_t port; };
#pragma pack(2)
typedef struct { char c; double d; } half_packed;
#pragma pack(pop)
struct natural { char c; double d; };

virtine struct wire bump(struct wire w, half_packed h, struct natural n) {
    w.tag++; w.value += (uint32_t)(h.d + n.d); w.port = (uint16_t)(h.c + n.c);
    return w;
}
"""


@pytest.mark.parametrize("where", ["gcc", "virtine"])
def test_pragma_pack_layouts(native, where):
    if where == "gcc":
        f = native(PACKED)["bump"]
    else:
        if KVM_MISSING:
            pytest.skip(KVM_MISSING)
        f = pyvirtine.load(source=PACKED, filename="packed.c").bump
    sig = f.virtine.signature if where == "virtine" else f.packer.sig
    assert [(p.type.size, p.type.align) for p in sig.params] == [(7, 1), (10, 2), (16, 8)]
    w = f({"tag": 1, "value": 10, "port": 0}, {"c": 2, "d": 3.0}, {"c": 4, "d": 5.0})
    assert (w.tag, w.value, w.port) == (2, 18, 6)
