"""pyvirtine.load: every virtine of a C file as a Python function, run for real."""
from __future__ import annotations

import array
import asyncio
import concurrent.futures
import dataclasses
import pathlib
import pydoc

import pytest

import pyvirtine
from pyvirtine import VirtineCrash, VirtinePolicyError, VirtineTimeout

C = pathlib.Path(__file__).parent / "c" / "shapes.c"


@pytest.fixture(scope="module")
def lib():
    with pyvirtine.load(C, timeout=2.0) as mod:
        yield mod


def test_module_exposes_functions_and_types(kvm, lib):
    assert set(lib.__all__) >= {"step", "turn", "upper", "centroid", "shout", "bump"}
    assert dataclasses.is_dataclass(lib.point)
    assert lib.dir.SOUTH == 2
    text = pydoc.render_doc(lib.upper, renderer=pydoc.plaintext)
    assert "size_t upper(const char *in VIRTINE_IN(n), size_t n, char *out VIRTINE_OUT(n))" in text
    assert "upper(in_, out)" in text


def test_structs_and_enums(kvm, lib):
    p = lib.step({"x": 0, "y": 0}, lib.dir.NORTH)
    assert p == lib.point(x=0, y=1)
    assert lib.step(p, 1) == lib.point(x=1, y=1)
    assert lib.turn(lib.dir.WEST) is lib.dir.NORTH


def test_buffers_in_and_out(kvm, lib):
    out = bytearray(5)
    assert lib.upper(b"hello", out) == 5
    assert out == b"HELLO"
    small = bytearray(2)
    with pytest.raises(ValueError, match="'out' has 2 elements .* needs 5"):
        lib.upper(b"hello", small)


def test_struct_arrays_and_object_out(kvm, lib):
    c = lib.point()
    lib.centroid([{"x": 0, "y": 0}, {"x": 4, "y": 8}, lib.point(x=2, y=4)], c)
    assert (c.x, c.y) == (2, 4)


def test_string_return_copied_out(kvm, lib):
    assert lib.describe(lib.point(x=-3, y=7)) == "(-3, 7)"


def test_every_call_starts_clean(kvm, lib):
    assert [lib.bump() for _ in range(3)] == [1, 1, 1]


def test_output_passes_through(kvm, lib, capsys):
    assert lib.shout("world") == len("hello, world!\n")
    assert capsys.readouterr().out == "hello, world!\n"


def test_capture_returns_output(kvm):
    with pyvirtine.load(C, capture=True) as mod:
        r = mod.shout("you")
        assert r == (len("hello, you!\n"), b"hello, you!\n", b"")


def test_denied_hypercall(kvm, lib):
    with pytest.raises(VirtinePolicyError) as e:
        lib.sneaky_print(5)
    assert e.value.hypercall == "write"
    with pyvirtine.load(C, allow=["write"], capture=True) as mod:
        assert mod.sneaky_print(5) == (5, b"5\n", b"")


def test_crash_reports_c_location_and_pool_recovers(kvm, lib):
    with pytest.raises(VirtineCrash) as e:
        lib.deref(8)
    assert "shapes.c" in str(e.value.location)
    assert lib.turn(0) == 1                # the function and the module still work


def test_timeout(kvm):
    with pyvirtine.load(C, timeout=0.2) as mod:
        with pytest.raises(VirtineTimeout):
            mod.spin(1)
        assert mod.turn(1) == 2


def test_acall_and_threads(kvm):
    with pyvirtine.load(C, pool_size=2) as mod:
        async def main():
            return await asyncio.gather(*(mod.step.acall({"x": i, "y": 0}, 1) for i in range(6)))
        points = asyncio.run(main())
        assert [p.x for p in points] == [1, 2, 3, 4, 5, 6]
        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            outs = [bytearray(3) for _ in range(8)]
            counts = list(pool.map(lambda o: mod.upper(b"abc", o), outs))
        assert counts == [3] * 8 and all(o == b"ABC" for o in outs)


def test_load_source_string(kvm):
    mod = pyvirtine.load(source="#include <virtine.h>\nvirtine int twice(int x) { return 2 * x; }\n")
    assert mod.twice(21) == 42
    mod.close()


def test_compile_error_is_located(tmp_path):
    bad = tmp_path / "bad.c"
    bad.write_text("#include <virtine.h>\nvirtine int f(int x) {\n    return x + y;\n}\n")
    with pytest.raises(pyvirtine.VirtineCompileError) as e:
        pyvirtine.load(bad)
    assert f"{bad}:3:" in str(e.value) and "error:" in str(e.value) and "^" in str(e.value)


def test_file_without_virtines(tmp_path):
    f = tmp_path / "plain.c"
    f.write_text("int f(int x) { return x; }\n")
    with pytest.raises(pyvirtine.VirtineCompileError, match="no function is marked 'virtine'"):
        pyvirtine.load(f)


def test_guest_exit_is_a_crash_and_pool_recovers(kvm):
    mod = pyvirtine.load(source="#include <virtine.h>\n#include <stdlib.h>\n"
                                "virtine int quit(int code) { if (code >= 0) exit(code); return 7; }\n")
    with mod:
        with pytest.raises(VirtineCrash, match="exited with status 3 instead of returning"):
            mod.quit(3)
        with pytest.raises(VirtineCrash, match="status 0"):
            mod.quit(0)
        assert mod.quit(-1) == 7


def test_strict_virtines_refuse_allow():
    src = "#include <virtine.h>\nvirtine_strict int f(void) { return 1; }\n"
    with pytest.raises(ValueError, match="virtine_strict"):
        pyvirtine.load(source=src, allow=["write"])
    with pytest.raises(ValueError, match="no files granted"):
        pyvirtine.load(source=src, files={"data.txt": "r"})


def test_out_list_placeholders_are_replaced(kvm, lib):
    out = [None] * 3
    assert lib.upper("abc", out) == 3 and out == [ord("A"), ord("B"), ord("C")]


def test_numpy_arrays(kvm, lib):
    np = pytest.importorskip("numpy")
    pts = np.array([[0, 0], [10, 20]], dtype=np.int32)
    c = lib.point()
    lib.centroid(pts, c)
    assert (c.x, c.y) == (5, 10)
    out = np.zeros(3, dtype=np.uint8)
    lib.upper(b"xyz", out)
    assert out.tobytes() == b"XYZ"
    with pytest.raises(ValueError, match="C-contiguous"):
        lib.upper(b"xyz", np.zeros(6, dtype=np.uint8)[::2])


def test_signature_too_large_for_the_header():
    fields = "".join(f"int field_number_{i};" for i in range(200))
    src = f"#include <virtine.h>\nstruct big {{ {fields} }};\nvirtine int f(struct big b) {{ return 0; }}\n"
    with pytest.raises(pyvirtine.VirtineCompileError, match="signature of virtine 'f' takes"):
        pyvirtine.load(source=src)


def test_bundles_load_without_source(kvm, tmp_path):
    from pyvirtine.build import build_images
    from pyvirtine.bundle import write_bundle
    bundle = tmp_path / "shapes.virtines"
    bundle.write_bytes(write_bundle(build_images(C.read_text(), str(C))))
    with pyvirtine.load(bundle) as mod:
        assert mod.step({"x": 1, "y": 1}, mod.dir.WEST) == mod.point(x=0, y=1)
    bundle.write_bytes(b"not a bundle")
    with pytest.raises(pyvirtine.ImageError, match="not a virtine bundle"):
        pyvirtine.load(bundle)


SHORT_PATHS = """#include <virtine.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
virtine int noisy_sum(const unsigned char *d VIRTINE_IN(n), size_t n) {
    int s = 0; for (size_t i = 0; i < n; i++) s += d[i]; printf("sum %d\\n", s); return s;
}
virtine void fill(unsigned char *d VIRTINE_OUT(n), size_t n, int quit) {
    if (quit) exit(quit);
    for (size_t i = 0; i < n; i++) d[i] = (unsigned char)(i + 1);
}
virtine double mean(const double *x VIRTINE_IN(n), size_t n) {
    double s = 0; for (size_t i = 0; i < n; i++) s += x[i]; return n ? s / n : 0;
}
virtine int poke(unsigned char *d VIRTINE_INOUT(n), size_t n) { d[0] = 9; return *(volatile int *)0; }
virtine signed char neg(signed char c) { return -c; }
virtine unsigned long long twice(unsigned long long v) { return 2 * v; }
virtine int shout(int x) {
    printf("x=%d\\n", x); if (x < 0) exit(-x); if (x == 0) return *(volatile int *)0; return x + 1;
}
struct pair { int a; float b; };
virtine struct pair mix(float f, short s, unsigned char u) { struct pair p = {s + u, f * 2}; return p; }
virtine _Bool odd(long v) { return v & 1; }
virtine void nop(double d) { }
virtine float half(float f) { return f / 2; }
"""


def test_number_calls_in_c_end_every_way_a_guest_can_end(kvm):
    # Calls whose arguments are all numbers run in C (pycall.c's FixedEntry), which
    # hands everything but a plain return back to Python.
    with pyvirtine.load(source=SHORT_PATHS, allow=["write"], capture=True) as mod:
        for _ in range(2):  # the second time on the thread's prepared call
            assert mod.shout(4) == (5, b"x=4\n", b"")
            with pytest.raises(VirtineCrash, match="exited with status 3 instead of returning"):
                mod.shout(-3)
            with pytest.raises(VirtineCrash):
                mod.shout(0)
            assert mod.shout(1) == (2, b"x=1\n", b"")
            assert mod.half(3.0) == (1.5, b"", b"")
    with pyvirtine.load(source=SHORT_PATHS) as mod:
        assert mod.mix(1.5, 3, 4) == mod.pair(a=7, b=3.0)
        assert mod.odd(3) is True and mod.odd(4) is False
        assert mod.nop(1.0) is None
        assert mod.half(f=3.0) == 1.5 and mod.half(7) == 3.5
        with pytest.raises((TypeError, OverflowError, ValueError)):
            mod.half(1e39)
        with pytest.raises(TypeError, match="f"):
            mod.half(None)
        with pytest.raises(TypeError):
            mod.mix(1.5, 3)
        assert "virtine function mix" in repr(mod.mix)


def test_short_paths_deliver_output_exits_and_crashes(kvm):
    # The prepared calls (runtime.FixedCall/BufferCall) check one return value; every
    # way a guest can end other than by returning must still come out right.
    with pyvirtine.load(source=SHORT_PATHS, allow=["write"], capture=True) as mod:
        assert mod.noisy_sum(b"\x01\x02") == (3, b"sum 3\n", b"")
        assert mod.neg(5) == (-5, b"", b"")
    with pyvirtine.load(source=SHORT_PATHS, allow=["write"]) as mod:
        out = bytearray(b"abc")
        assert mod.fill(out, 0) is None and out == b"\x01\x02\x03"
        out = bytearray(b"abc")
        with pytest.raises(VirtineCrash, match="exited with status 3 instead of returning"):
            mod.fill(out, 3)
        assert out == b"abc"  # nothing copied back from a guest that did not return
        assert mod.mean(array.array("d", [1.0, 2.0, 4.5])) == 2.5
        data = bytearray(4)
        with pytest.raises(VirtineCrash):
            mod.poke(data)
        assert data == bytes(4)
        assert mod.neg(-128) == -128 and mod.neg(7) == -7
        with pytest.raises((TypeError, OverflowError, ValueError), match="c"):
            mod.neg(200)
        assert mod.twice(2**62) == 2**63
        with pytest.raises((TypeError, OverflowError, ValueError)):
            mod.twice(-1)
        assert mod.noisy_sum(bytes(range(10))) == 45
