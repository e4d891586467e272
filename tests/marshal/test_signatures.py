"""Reading virtine signatures from C: what crosses the boundary, what is refused
(with a located error), and the JSON form that travels in image headers."""
from __future__ import annotations

import json

import pytest

from pyvirtine.errors import VirtineCompileError
from pyvirtine.image import HCALLS
from pyvirtine.marshal import Signature, find_virtines, layout
from pyvirtine.marshal.signature import BUFFER, OBJECT, STRING, VALUE

HEADER = "#include <virtine.h>\n#include <stddef.h>\n"


def sigs(body: str) -> dict:
    return {s.name: s for s in find_virtines(HEADER + body, "lib.c")}


def error(body: str) -> str:
    with pytest.raises(VirtineCompileError) as e:
        find_virtines(HEADER + body, "lib.c")
    return str(e.value)


def test_only_marked_functions_are_virtines():
    found = sigs("int helper(int x) { return x; }\n"
                 "virtine int f(int x) { return helper(x); }\n"
                 "virtine void g(void) {}\n")
    assert list(found) == ["f", "g"]
    assert found["g"].params == () and found["g"].ret_kind == "void"


def test_marker_on_prototype_annotations_on_either():
    found = sigs("virtine int f(const char *p VIRTINE_IN(n), size_t n);\n"
                 "int f(const char *p, size_t n) { return n; }\n")
    p = found["f"].params[0]
    assert (p.kind, p.mode, p.length, p.annotation) == (BUFFER, "in", "n", "VIRTINE_IN(n)")
    assert found["f"].params[1].implied


def test_parameter_kinds():
    s = sigs("struct pt { int x, y; };\n"
             "virtine int f(struct pt v, const char *s, const struct pt *in, struct pt *io,\n"
             "              void *raw VIRTINE_INOUT(len), size_t len, double d) { return 0; }\n")["f"]
    kinds = [(p.name, p.kind, p.mode) for p in s.params]
    assert kinds == [("v", VALUE, "in"), ("s", STRING, "in"), ("in", OBJECT, "in"),
                     ("io", OBJECT, "inout"), ("raw", BUFFER, "inout"), ("len", VALUE, "in"),
                     ("d", VALUE, "in")]
    assert s.param("raw").type is None and s.param("raw").elem_size == 1
    assert s.prototype == ("int f(struct pt v, const char *s, const struct pt *in, struct pt *io, "
                           "void *raw VIRTINE_INOUT(len), size_t len, double d)")


def test_macros_expand_in_lengths():
    s = sigs("#define ROWS 4\nvirtine void f(int *m VIRTINE_OUT(ROWS * k), int k) {}\n")["f"]
    assert s.params[0].length == ["*", 4, "k"]
    assert not s.params[1].implied     # a length expression, not the bare name: k is passed


def test_struct_layout_matches_c():
    s = sigs("struct s { char c; double d; short h[3]; };\n"
             "virtine struct s f(struct s v, char c) { return v; }\n")["f"]
    t = s.ret
    assert (t.size, t.align) == (24, 8)
    assert [(f.name, f.offset) for f in t.fields] == [("c", 0), ("d", 8), ("h", 16)]
    lay = layout(s)
    assert lay.ret_size == 24 and lay.header == 24
    assert lay.slots == {"v": 40, "c": 64}


def test_policy_markers():
    found = sigs("virtine_whitelist(VIRTINE_ALLOW_WRITE | VIRTINE_ALLOW_READ)\n"
                 "int a(void) { return 0; }\n"
                 "virtine_strict int b(void) { return 0; }\n"
                 "static struct virtine_config cfg = { .hypercall_whitelist = VIRTINE_ALLOW_TIMES,\n"
                 "                                     .memory = 8 << 20 };\n"
                 "virtine_cfg(cfg) int c(void) { return 0; }\n")
    assert found["a"].allow == (1 << HCALLS["write"]) | (1 << HCALLS["read"])
    assert found["b"].strict and found["b"].allow == 0
    assert (found["c"].allow, found["c"].memory) == (1 << HCALLS["times"], 8 << 20)


def test_json_round_trip_is_compact():
    found = sigs("struct pt { int x, y; };\nenum e { A = -1, B = 7 };\n"
                 "virtine_whitelist(VIRTINE_ALLOW_WRITE)\n"
                 "const char *f(struct pt *p, enum e k, unsigned char *o VIRTINE_OUT(2 * n),\n"
                 "              int n, const char *s) { return s; }\n")
    s = found["f"]
    j = s.to_json()
    assert Signature.from_json(json.loads(json.dumps(j))) == s
    assert len(json.dumps(j, separators=(",", ":"))) < 1000


def test_complex_types_round_trip():
    found = sigs("struct w { float _Complex z[2]; };\n"
                 "virtine double _Complex g(struct w v, _Complex k) { return k; }\n")
    s = found["g"]
    assert (s.ret.size, s.ret.align, s.params[0].type.size, s.params[1].type.c) == \
        (16, 8, 16, "_Complex")
    assert Signature.from_json(json.loads(json.dumps(s.to_json()))) == s


@pytest.mark.parametrize("decl, ctype, why", [
    ("char **argv", "char **", ""),
    ("int (*cb)(int)", "int (*)(int)", "a function"),
    ("void *p", "void *", "VIRTINE_IN/OUT/INOUT"),
    ("struct node *n", "struct node *", "its member 'next' is a pointer"),
    ("struct node n", "struct node", "its member 'next' is a pointer"),
    ("unsigned char *b", "unsigned char *", "annotate it"),
    ("union u v", "union u", "unions cannot be copied"),
    ("struct opaque *o", "struct opaque *", "incomplete struct"),
    ("long double x", "long double", ""),
    ("long double _Complex z", "long double _Complex", "not supported across"),
    ("struct bits b", "struct bits", "bit-field"),
    ("struct wire w", "struct wire", "it has __attribute__((packed))"),
    ("al16 a", "al16", "it has __attribute__((aligned))"),
    ("enum pe e", "enum pe", "it has __attribute__((packed))"),
])
def test_uncopyable_parameters_are_located_errors(decl, ctype, why):
    body = ("struct node { int v; struct node *next; };\nunion u { int a; float b; };\n"
            "struct opaque;\nstruct bits { int a : 3; }; struct __attribute__((packed)) wire "
            "{ char c; int v; }; typedef int al16 __attribute__((aligned(16))); "
            "enum __attribute__((packed)) pe { PA };\n"
            f"virtine int f(int ok,\n              {decl}) {{ return 0; }}\n")
    msg = error(body)
    name = decl.replace("(*", "").replace(")(int)", "").split()[-1].lstrip("*")
    assert msg.startswith(f"lib.c:{HEADER.count(chr(10)) + 6}:")
    assert f"error: parameter '{name}' of virtine 'f' has type '{ctype}', which cannot be " \
           "copied into a virtine" in msg
    assert why in msg
    assert "\n              " + decl in msg and "^" in msg


def test_bad_annotations():
    assert "points to const data, so it cannot be VIRTINE_OUT" in error(
        "virtine void f(const int *p VIRTINE_OUT(n), int n) {}\n")
    msg = error("virtine void f(int *p VIRTINE_OUT(count), int n) {}\n")
    assert "lib.c:3:23: error: 'count' in length 'count' is not an integer parameter of 'f'" in msg
    assert "only pointer parameters take" in error("virtine void f(int n VIRTINE_IN(3)) {}\n")
    assert "is not an integer parameter" in error(
        "virtine void f(int *p VIRTINE_IN(x), double x) {}\n")


def test_bad_returns_and_shapes():
    assert "returns 'int *', which cannot be copied out of a virtine" in error(
        "virtine int *f(void) { return 0; }\n")
    assert "returns 'long double _Complex', which cannot be copied out of a virtine" in error(
        "virtine long double _Complex f(void) { return 1; }\n")
    assert "cannot be variadic" in error("virtine int f(int n, ...) { return n; }\n")
    assert "declared but never defined" in error("virtine int f(int n);\n")
    assert "must be followed by a function declaration" in error("virtine int x;\n")


def test_c_syntax_errors_are_located():
    msg = error("virtine int f(int n) { return n }\n")
    assert msg.startswith("lib.c:3:") and "error:" in msg


def test_json_spells_each_struct_once():
    s = sigs("struct pt { int x, y; };\nstruct seg { struct pt a, b; };\n"
             "virtine struct seg f(struct seg s, struct pt p, const struct pt *q) { return s; }\n")["f"]
    text = json.dumps(s.to_json())
    assert text.count('"s": "pt"') == 1 and text.count('"s": "seg"') == 1
    back = Signature.from_json(json.loads(text))
    assert back == s and back.params[1].type is back.ret.fields[0].type
