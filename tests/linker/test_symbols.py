"""Symbol resolution, libraries, common symbols and section garbage collection."""
import struct

import pytest

from pyvirtine.compiler.assemble import assemble
from pyvirtine.compiler.link import link
from pyvirtine.errors import LinkError


def obj(name, body):
    return assemble(body, name)


def func(name, body="ret"):
    return f"""
        .section .text.{name},"ax",@progbits
        .globl {name}
        .type {name},@function
{name}: {body}
        .size {name}, . - {name}
"""


def start(calls):
    return func("_start", "\n".join(f"call {c}" for c in calls) + "\nhlt")


def names(image):
    return {name for _, _, name in image.debug["functions"]}


def addresses(image):
    return {name: addr for addr, _, name in image.debug["functions"]}


def link_start(objects, **kw):
    return link(objects, entry="_start", startfiles=False, **kw)


def test_undefined_symbol_names_symbol_and_referencing_object():
    with pytest.raises(LinkError, match=r"undefined symbol missing \(referenced by user.s, "
                                        r"section .text._start\)"):
        link_start([obj("user.s", start(["missing"]))])


def test_undefined_reference_from_dropped_code_is_not_an_error():
    image = link_start([obj("user.s", start([]) + func("dead", "call missing"))])
    assert "dead" not in names(image)


def test_duplicate_strong_definitions():
    with pytest.raises(LinkError, match="duplicate symbol f: defined in a.s and in b.s"):
        link_start([obj("a.s", start(["f"]) + func("f")), obj("b.s", func("f"))])


def test_strong_definition_beats_weak_in_either_order():
    weak = func("f", "mov $1, %eax\nret") + ".weak f\n"
    strong = func("f", "mov $2, %eax\nret")
    for objects in ([weak, strong], [strong, weak]):
        image = link_start([obj("user.s", start(["f"]))]
                           + [obj(f"o{i}.s", o) for i, o in enumerate(objects)])
        f = addresses(image)["f"] - image.load_addr
        assert image.payload[f:f + 5] == bytes([0xB8, 2, 0, 0, 0])


def test_weak_undefined_resolves_to_zero():
    user = start([]) + """
        .weak nowhere
        .quad nowhere + 5
"""
    image = link_start([obj("user.s", user)])
    assert struct.unpack_from("<Q", image.payload, 1)[0] == 5  # right after _start: hlt


def test_local_symbols_of_the_same_name_stay_apart():
    def helper(value):
        return f"""
        .section .text.h,"ax",@progbits
h:      mov ${value}, %eax
        ret
"""
    a = obj("a.s", start(["fa", "fb"]) + func("fa", "jmp h") + helper(7))
    b = obj("b.s", func("fb", "jmp h") + helper(9))
    image = link_start([a, b])
    for name, value in (("fa", 7), ("fb", 9)):
        at = addresses(image)[name] - image.load_addr
        assert image.payload[at] == 0xE9  # jmp rel32 to its own object's h
        h = at + 5 + struct.unpack_from("<i", image.payload, at + 1)[0]
        assert image.payload[h:h + 2] == bytes([0xB8, value])


def test_library_members_are_pulled_only_when_needed():
    libs = [obj("lib_a.s", func("a", "call a2\nret")), obj("lib_unused.s", func("unused")),
            obj("lib_a2.s", func("a2")), obj("lib_b.s", func("b"))]
    image = link_start([obj("user.s", start(["a"]))], libraries=libs)
    assert {"_start", "a", "a2"} <= names(image)
    assert not {"unused", "b"} & names(image)


def test_first_library_member_defining_a_symbol_wins():
    libs = [obj("first.s", func("a", "mov $1, %eax\nret")),
            obj("second.s", func("a", "mov $2, %eax\nret"))]
    image = link_start([obj("user.s", start(["a"]))], libraries=libs)
    a = addresses(image)["a"] - image.load_addr
    assert image.payload[a + 1] == 1


def test_unreferenced_sections_are_dropped():
    user = start(["used"]) + func("used") + func("unused", ".fill 5000, 1, 0x90\nret")
    image = link_start([obj("user.s", user)])
    assert names(image) == {"_start", "used"}
    assert image.text_size == 4096


def test_common_symbols_merge_and_land_in_bss():
    a = obj("a.s", start([]) + ".comm buf, 64, 32\n.quad buf\n")
    b = obj("b.s", ".comm buf, 200, 8\n")
    image = link_start([a, b])
    address = struct.unpack_from("<Q", image.payload, 1)[0]  # right after _start: hlt
    assert address % 32 == 0
    assert image.load_addr + len(image.payload) <= address
    assert address + 200 <= image.heap_start


def test_bad_input_is_a_link_error():
    with pytest.raises(LinkError, match="object #1: not a valid ELF object"):
        link_start([b"definitely not ELF"])
    with pytest.raises(LinkError, match="entry symbol _start is not defined"):
        link_start([obj("user.s", func("f"))])
    with pytest.raises(LinkError, match="unknown link mode"):
        link([], mode="library")


def test_unsupported_sections_are_refused_by_name():
    preinit = start([]) + '.section .preinit_array,"aw",@preinit_array\n.quad _start\n'
    with pytest.raises(LinkError, match=r"preinit.s: static constructors \(.preinit_array\) are "
                                        r"not supported"):
        link_start([obj("preinit.s", preinit)])
    tls = start([]) + '.section .tbss,"awT",@nobits\n.zero 8\n'
    with pytest.raises(LinkError, match=r"tls.s: thread-local storage \(.tbss\) is not supported"):
        link_start([obj("tls.s", tls)])


def _table(name, priority, function):
    section = ".init_array" + (f".{priority:05d}" if priority is not None else "")
    return func(function) + f'.section {section},"aw",@init_array\n.quad {function}\n'


def test_constructor_tables_are_kept_and_laid_out_in_priority_order():
    """Nothing refers to a .init_array section, yet it is kept; the tables of every
    object lie between __init_array_start and __init_array_end, lowest priority number
    first and plain .init_array (65535) last, input order within a priority."""
    user = start([]).replace("hlt", "lea bounds(%rip), %rax\nhlt") + \
        '.section .rodata.bounds,"a"\nbounds: .quad __init_array_start, __init_array_end\n'
    image = link_start([obj("user.s", user),
                        obj("a.s", _table("a", None, "late_a") + _table("a", 300, "mid")),
                        obj("b.s", _table("b", 101, "early") + _table("b", None, "late_b"))])
    at = addresses(image)
    expected = struct.pack("<4Q", *(at[f] for f in ("early", "mid", "late_a", "late_b")))
    offset = image.payload.index(expected)
    first = image.load_addr + offset
    assert struct.pack("<QQ", first, first + len(expected)) in image.payload
