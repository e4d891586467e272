"""Every relocation kind the linker applies, checked byte by byte in the payload."""
import struct

import pytest

from pyvirtine.compiler.assemble import assemble
from pyvirtine.compiler.link import link
from pyvirtine.errors import LinkError

LOAD = 0x10000

USER = r"""
        .section .text._start,"ax",@progbits
        .globl _start, table, movs, got_load, got_call
        .type _start,@function
_start:
        call target
movs:   mov $target, %rax
got_load:
        mov target@GOTPCREL(%rip), %rcx
got_call:
        call *target@GOTPCREL(%rip)
        hlt
table:
        .quad target
        .quad target - .
        .long target - .
        .long target
        .short small - .
        .short small
        .byte tiny
        .byte target - .
        .long target@GOTPCREL
        .size _start, . - _start
"""

TARGET = r"""
        .section .text.target,"ax",@progbits
        .globl target
        .type target,@function
target: ret
        .size target, 1
        .globl small, tiny
        .set small, 0xfff0
        .set tiny, 0xfe
"""


def functions(image):
    return {name: addr for addr, _, name in image.debug["functions"]}


def at(image, addr, fmt):
    return struct.unpack_from(fmt, image.payload, addr - image.load_addr)[0]


@pytest.fixture(scope="module")
def image():
    return link([assemble(USER, "user.s"), assemble(TARGET, "target.s")], entry="_start",
                startfiles=False)


def test_layout_puts_first_object_at_load_addr(image):
    syms = functions(image)
    assert image.entry64 == syms["_start"] == LOAD
    assert syms["target"] > syms["table"]
    image.to_bytes()  # passes the format's own validation


def test_absolute_and_pc_relative_data(image):
    syms = functions(image)
    target, table = syms["target"], syms["table"]
    assert at(image, table, "<Q") == target  # R_X86_64_64
    assert at(image, table + 8, "<q") == target - (table + 8)  # PC64
    assert at(image, table + 16, "<i") == target - (table + 16)  # PC32
    assert at(image, table + 20, "<I") == target  # 32
    assert at(image, table + 24, "<h") == 0xfff0 - (table + 24)  # PC16
    assert at(image, table + 26, "<H") == 0xfff0  # 16 against an absolute symbol
    assert at(image, table + 28, "<B") == 0xfe  # 8
    assert at(image, table + 29, "<b") == target - (table + 29)  # PC8


def test_call_and_sign_extended_immediate(image):
    syms = functions(image)
    assert image.payload[0] == 0xE8  # call rel32 (PLT32, no PLT in a static image)
    assert at(image, LOAD + 1, "<i") == syms["target"] - (LOAD + 5)
    movs = syms["movs"]
    assert image.payload[movs - LOAD:movs - LOAD + 3] == bytes([0x48, 0xC7, 0xC0])
    assert at(image, movs + 3, "<i") == syms["target"]  # 32S


def test_got_slot_holds_the_target_address(image):
    syms = functions(image)
    load = syms["got_load"]
    assert image.payload[load - LOAD:load - LOAD + 3] == bytes([0x48, 0x8B, 0x0D])
    slot = load + 7 + at(image, load + 3, "<i")
    assert LOAD <= slot < LOAD + image.text_size  # the GOT is read-only, with the code
    assert at(image, slot, "<Q") == syms["target"]
    call = syms["got_call"]  # GOTPCRELX
    assert image.payload[call - LOAD:call - LOAD + 2] == bytes([0xFF, 0x15])
    assert call + 6 + at(image, call + 2, "<i") == slot
    word = syms["table"] + 30  # plain GOTPCREL
    assert word + at(image, word, "<i") == slot


def test_truncating_relocation_that_overflows_is_reported():
    user = r"""
        .section .text._start,"ax",@progbits
        .globl _start
_start: hlt
        .byte target
        .short target
"""
    with pytest.raises(LinkError) as err:
        link([assemble(user, "user.s"), assemble(TARGET, "target.s")], entry="_start",
             startfiles=False)
    message = str(err.value)
    assert "user.s(.text._start)+0x1: relocation R_X86_64_8 against target out of range" in message
    assert "R_X86_64_16 against target out of range" in message


def test_pc8_out_of_range_is_reported():
    user = r"""
        .section .text._start,"ax",@progbits
        .globl _start
_start: hlt
        .byte target - .
        .fill 300, 1, 0x90
"""
    with pytest.raises(LinkError, match="R_X86_64_PC8 against target out of range"):
        link([assemble(user, "user.s"), assemble(TARGET, "target.s")], entry="_start",
             startfiles=False)
