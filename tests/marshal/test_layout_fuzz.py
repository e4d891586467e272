"""Random struct types: the layout pyvirtine computes for them is the one gcc (natively)
and pyvirtine's own compiler (in a real virtine) use.  Each struct gets an echo virtine
and an offsetof table; values round-trip through the glue.

PYVIRTINE_LAYOUT_FUZZ sets how many struct types (default 8)."""
from __future__ import annotations

import os
import random
import struct

import pytest

import pyvirtine

COUNT = int(os.environ.get("PYVIRTINE_LAYOUT_FUZZ", "8"))
SCALARS = ["char", "signed char", "unsigned char", "short", "unsigned short", "int",
           "unsigned", "long", "unsigned long long", "float", "double", "_Bool", "int8_t",
           "uint16_t", "int64_t", "size_t"]


def _program(seed: int) -> tuple[str, list[tuple[str, list[str]]]]:
    rng = random.Random(seed)
    decls, structs = [], []
    for i in range(COUNT):
        fields = []
        for j in range(rng.randint(1, 6)):
            roll = rng.random()
            if roll < 0.2 and structs:
                kind = f"struct s{rng.randrange(len(structs))}"
            else:
                kind = rng.choice(SCALARS)
            dims = f"[{rng.randint(1, 4)}]" if rng.random() < 0.25 else ""
            fields.append((f"f{j}", kind, dims))
        body = " ".join(f"{k} {n}{d};" for n, k, d in fields)
        decls.append(f"struct s{i} {{ {body} }};")
        names = [n for n, _, _ in fields]
        offsets = ", ".join(f"offsetof(struct s{i}, {n})" for n in names)
        decls.append(f"virtine struct s{i} echo{i}(struct s{i} v) {{ return v; }}")
        decls.append(f"virtine void layout{i}(unsigned long *out VIRTINE_OUT({len(names) + 2})) {{"
                     f" unsigned long t[] = {{ sizeof(struct s{i}), _Alignof(struct s{i}), {offsets} }};"
                     f" for (int k = 0; k < {len(names) + 2}; k++) out[k] = t[k]; }}")
        structs.append((f"s{i}", names))
    head = "#include <virtine.h>\n#include <stddef.h>\n#include <stdint.h>\n#include <stdbool.h>\n"
    return head + "\n".join(decls) + "\n", structs


def _value(rng: random.Random, t) -> object:
    from pyvirtine.marshal.types import Array, Scalar, Struct
    if isinstance(t, Struct):
        return {f.name: _value(rng, f.type) for f in t.fields}
    if isinstance(t, Array):
        if isinstance(t.elem, Scalar) and t.elem.is_char:  # bytes; a plain char[] ends at NUL
            n = rng.randint(0, t.length) if t.elem.c == "char" else t.length
            return bytes(rng.randrange(1, 256) for _ in range(n))
        return [_value(rng, t.elem) for _ in range(t.length)]
    if t.is_float:
        return struct.unpack("<f", struct.pack("<f", rng.uniform(-1e6, 1e6)))[0]
    if t.kind == "bool":
        return rng.random() < 0.5
    lo, hi = t.bounds()
    return rng.randint(lo, hi)


def _normal(v):
    """Compare returned dataclasses with the dicts that went in."""
    import dataclasses
    if dataclasses.is_dataclass(v):
        return {f.name: _normal(getattr(v, f.name)) for f in dataclasses.fields(v)}
    if isinstance(v, list):
        return [_normal(x) for x in v]
    return v


def _check(functions: dict, structs: list, seed: int) -> None:
    rng = random.Random(seed)
    for i, (name, fields) in enumerate(structs):
        echo, layout = functions[f"echo{i}"], functions[f"layout{i}"]
        t = echo.packer.sig.ret
        out = [0] * (len(fields) + 2)
        layout(out)
        assert out == [t.size, t.align, *(f.offset for f in t.fields)], name
        for _ in range(3):
            v = _value(rng, t)
            assert _normal(echo(v)) == _normal(v), name


@pytest.mark.parametrize("seed", [1, 2])
def test_layout_matches_gcc(native, seed):
    source, structs = _program(seed)
    _check(native(source), structs, seed)


def test_layout_matches_pyvirtine_compiler(kvm):
    source, structs = _program(3)
    with pyvirtine.load(source=source, filename="fuzz.c") as mod:
        functions = {n: getattr(mod, n) for n in mod.__all__}
        for f in functions.values():
            f.packer = f.virtine.packer
        _check(functions, structs, 3)
