"""The memory map the linker writes into the image header (docs/ABI.md)."""
import struct

import pytest

from pyvirtine import image as img
from pyvirtine.compiler.assemble import assemble
from pyvirtine.compiler.link import link
from pyvirtine.errors import LinkError

DISPATCH = r"""
        .section .text.__virtine_dispatch,"ax",@progbits
        .globl __virtine_dispatch
        .type __virtine_dispatch,@function
__virtine_dispatch:
        lea symbols(%rip), %rax
        lea word(%rip), %rax
        lea area(%rip), %rax
        xor %eax, %eax
        ret
        .size __virtine_dispatch, . - __virtine_dispatch
        .section .rodata.symbols,"a",@progbits
        .globl symbols
symbols:
        .quad __heap_start, __heap_end, __argarea, __argarea_size, __stack_top
        .data
word:   .quad 1
        .bss
area:   .zero 20000
"""


def functions(image):
    return {name: addr for addr, _, name in image.debug["functions"]}


@pytest.fixture(scope="module")
def function_image():
    return link([assemble(DISPATCH, "dispatch.s")], mode="function")


def test_function_mode_enters_crt0(function_image):
    image = function_image
    assert image.entry64 == functions(image)["__virtine_entry64"]
    assert "__virtine_main64" not in functions(image)  # the other mode's entry is dropped
    assert image.flags & img.FLAG_SNAPSHOT
    img.Image.from_bytes(image.to_bytes())  # the format accepts it


def test_memory_map_defaults(function_image):
    image = function_image
    mem_top = image.mem_size - img.page_table_bytes(image.mem_size)
    assert image.mem_size == 2 << 20
    assert image.argarea_size == 64 << 10 and image.stack_size == 64 << 10
    assert image.argarea_addr + image.argarea_size == mem_top
    assert image.stack_top == image.argarea_addr
    assert image.heap_end == image.stack_top - image.stack_size - 4096  # guard page between
    assert image.text_size % 4096 == 0 and image.heap_start % 4096 == 0
    bss_end = image.load_addr + image.text_size + 8 + 20000  # 8 bytes of data, then bss
    assert image.heap_start >= bss_end > image.load_addr + len(image.payload)


def test_linker_symbols_match_the_header(function_image):
    image = function_image
    symbols = struct.unpack_from("<5Q", image.payload,
                                 image.payload.index(struct.pack("<Q", image.heap_start)))
    assert symbols == (image.heap_start, image.heap_end, image.argarea_addr,
                       image.argarea_size, image.stack_top)


def test_sizes_are_options():
    image = link([assemble(DISPATCH, "dispatch.s")], mode="function", memory=8 << 20,
                 stack=100000, argarea=1 << 20, allow=img.allow_mask(["write"]), name="f")
    assert image.mem_size == 8 << 20
    assert image.stack_size == 25 * 4096  # rounded up to pages
    assert image.argarea_size == 1 << 20
    assert image.allow == 1 << 10 and image.name == "f"
    img.validate(image.to_bytes())


def test_image_that_does_not_fit_its_memory():
    with pytest.raises(LinkError, match="does not fit in 131072 bytes of memory"):
        link([assemble(DISPATCH, "dispatch.s")], mode="function", memory=128 << 10)


def test_program_mode_needs_main():
    with pytest.raises(LinkError, match="main is not defined: a program needs one"):
        link([assemble(DISPATCH, "dispatch.s")], mode="program")


def test_program_mode_enters_main_path():
    main = r"""
        .text
        .globl main
main:   xor %eax, %eax
        ret
"""
    image = link([assemble(main, "main.s")], mode="program")
    assert image.entry64 == functions(image)["__virtine_main64"]


def test_boot_stub_goes_first_and_sets_entry16():
    boot = r"""
        .code16
        .section .text.boot16,"ax",@progbits
        .globl __virtine_boot16
__virtine_boot16:
        cli
        hlt
"""
    start = r"""
        .section .text._start,"ax",@progbits
        .globl _start
_start: hlt
"""
    image = link([assemble(start, "start.s"), assemble(boot, "boot.s")], entry="_start",
                 startfiles=False)
    assert image.entry16 == image.load_addr and image.payload[:2] == bytes([0xFA, 0xF4])
    assert image.entry64 == image.load_addr + 2
    assert img.Image.from_bytes(image.to_bytes()).flags & img.FLAG_BOOT_STUB
