"""Property: for any call graph spread over objects, the image keeps exactly the
functions reachable from the entry, honours every alignment, and every call lands on
its callee. PYVIRTINE_LINK_EXAMPLES sets how many graphs to try (CI: 25)."""
import os
import struct

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pyvirtine.compiler.assemble import assemble
from pyvirtine.compiler.link import link

EXAMPLES = int(os.environ.get("PYVIRTINE_LINK_EXAMPLES", "25"))


@st.composite
def programs(draw):
    count = draw(st.integers(1, 12))
    functions = []
    for i in range(count):
        functions.append({
            "name": f"f{i}",
            "object": draw(st.integers(0, 2)),
            "align": 1 << draw(st.integers(0, 8)),
            "padding": draw(st.integers(0, 300)),
            "calls": draw(st.lists(st.integers(0, count - 1), max_size=4)),
        })
    return functions


def assemble_objects(functions):
    sources = ["", "", ""]
    for f in functions:
        body = "".join(f"        call f{c}\n" for c in f["calls"])
        sources[f["object"]] += f"""
        .section .text.{f['name']},"ax",@progbits
        .balign {f['align']}
        .globl {f['name']}
        .type {f['name']},@function
{f['name']}:
{body}        .fill {f['padding']}, 1, 0x90
        ret
        .size {f['name']}, . - {f['name']}
"""
    return [assemble(src, f"obj{i}.s") for i, src in enumerate(sources)]


def reachable(functions):
    seen, work = {0}, [0]
    while work:
        for callee in functions[work.pop()]["calls"]:
            if callee not in seen:
                seen.add(callee)
                work.append(callee)
    return {f"f{i}" for i in seen}


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_gc_alignment_and_calls(functions):
    image = link(assemble_objects(functions), entry="f0", startfiles=False)
    placed = {name: addr for addr, _, name in image.debug["functions"]}
    assert set(placed) == reachable(functions)
    for f in functions:
        if f["name"] not in placed:
            continue
        addr = placed[f["name"]]
        assert addr % f["align"] == 0
        for k, callee in enumerate(f["calls"]):
            site = addr + 5 * k - image.load_addr
            assert image.payload[site] == 0xE8
            rel = struct.unpack_from("<i", image.payload, site + 1)[0]
            assert image.load_addr + site + 5 + rel == placed[f"f{callee}"]
