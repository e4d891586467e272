"""Calls with the argument area sent and received in pieces (``Virtine.call_area``,
``vt_call_segments``): what lands where, what is left alone, and that sparing the
reset of pages the next call overwrites never lets a byte through."""
from __future__ import annotations

import struct

import pytest

from support.asm_guests import ARGAREA_SIZE, asm_image
from pyvirtine.errors import VirtineError
from pyvirtine.image import PAGE
from pyvirtine.runtime import Virtine

SECRET = 0x5EC12E7_5EC12E7
PAGES = ARGAREA_SIZE // PAGE

# Argument area: u64 page index p (or ~0: write nothing), u64 result length. The guest
# writes SECRET 16 bytes into page p of the argument area and exits with that result
# length and, as its status, the number of SECRET words anywhere in the argument area
# before its own write.
GUEST = f"""
    hcall 13
    movabs ${SECRET}, %rax
    xor %ebx, %ebx
    mov $ARGAREA, %rcx
1:  cmp %rax, (%rcx)
    jne 2f
    inc %rbx
2:  add $8, %rcx
    cmp $ARGAREA+{ARGAREA_SIZE}, %rcx
    jb 1b
    mov ARGAREA, %rdx
    cmp $-1, %rdx
    je 3f
    shl $12, %rdx
    mov %rax, ARGAREA+16(%rdx)
3:  mov %rbx, %rdi
    mov ARGAREA+8, %rsi
    hcall 0
"""


@pytest.fixture
def v(kvm):
    with Virtine(asm_image(GUEST)) as virtine:
        yield virtine


def header(page: int, result_len: int) -> bytes:
    return struct.pack("<qQ", page, result_len)


def test_scattered_inputs_land_at_their_offsets_and_outputs_at_theirs(v):
    words = struct.pack("<Q", SECRET) * 4
    r = v.call_area([(0, header(-1, 3 * PAGE), 16), (PAGE, words, len(words)),
                     (2 * PAGE + 8, words, 8)],
                    [(0, 16, None, False), (PAGE, len(words), bytearray(len(words)), False)])
    assert (r.status, r.result_len) == (5, 3 * PAGE)
    assert bytes(r.area[:16]) == header(-1, 3 * PAGE)


def test_outputs_stop_at_the_result_length(v):
    target = bytearray(b"\x22" * (4 * PAGE))
    area = bytearray(header(1, PAGE + 100)) + b"\x11" * (4 * PAGE - 16)
    v.call_area([(0, area, len(area))], [(0, len(area), target, False)])
    assert target[:16] == header(1, PAGE + 100)
    assert target[PAGE + 16:PAGE + 24] == struct.pack("<Q", SECRET)
    assert target[PAGE + 24:PAGE + 100] == b"\x11" * 76
    assert target[PAGE + 100:] == b"\x22" * (3 * PAGE - 100)


def test_guest_written_output_copies_only_pages_the_guest_wrote(v):
    area = bytearray(header(3, 6 * PAGE)) + b"\x11" * (6 * PAGE - 16)
    target = bytearray(b"\x22" * (6 * PAGE))
    v.call_area([(0, area, len(area))], [(0, len(area), target, True)])
    page3 = target[3 * PAGE:4 * PAGE]
    assert page3[:16] == b"\x11" * 16 and page3[16:24] == struct.pack("<Q", SECRET)
    assert page3[24:] == b"\x11" * (PAGE - 24)
    for page in (0, 1, 2, 4, 5):  # never written by the guest: still what went in
        assert target[page * PAGE:(page + 1) * PAGE] == b"\x22" * PAGE, page


def test_zero_fill_segment(v):
    dirty = bytes([0x11]) * PAGE
    v.call_area([(0, header(-1, 0), 16), (PAGE, dirty, PAGE)], [])
    out = bytearray(b"\x22" * PAGE)
    v.call_area([(0, header(-1, 2 * PAGE), 16), (PAGE, None, PAGE)], [(PAGE, PAGE, out, False)])
    assert out == bytes(PAGE)


def test_secret_pages_the_next_call_does_not_cover_are_reset(v):
    secrets = struct.pack("<Q", SECRET) * (8 * PAGE // 8)
    assert v.call_area([(0, header(9, 0), 16), (16, secrets, len(secrets))], []).status \
        == len(secrets) // 8
    assert v.call_area([(0, header(-1, 0), 16)], []).status == 0


def test_spared_pages_are_wholly_overwritten_before_the_guest_runs(v):
    """Pages the next call's inputs cover without a gap are not reset first: what went
    in must replace every byte, with the guest's own writes too."""
    secrets = struct.pack("<Q", SECRET) * (PAGES * PAGE // 8 - 2)
    plant = [(0, header(5, 0), 16), (16, secrets, len(secrets))]
    v.call_area(plant, [])
    zeros = PAGES * PAGE - 16
    assert v.call_area([(0, header(-1, 0), 16), (16, None, zeros)], []).status == 0
    v.call_area(plant, [])  # then a call covering only the first page and a bit
    assert v.call_area([(0, header(-1, 0), 16), (16, bytes(PAGE), PAGE)], []).status == 0
    v.call_area(plant, [])  # and one whose inputs leave a gap
    assert v.call_area([(0, header(-1, 0), 16), (PAGE, bytes(PAGE), PAGE)], []).status == 0


@pytest.mark.parametrize("inputs, outputs", [
    ([(ARGAREA_SIZE - 8, b"x" * 16, 16)], []),
    ([], [(1 << 63, 16, None, False)]),
    ([(2**64 - 8, b"x" * 16, 16)], []),
])
def test_segments_outside_the_argument_area_are_refused(v, inputs, outputs):
    with pytest.raises((VirtineError, ValueError, OverflowError)):
        v.call_area(inputs, outputs)
    assert v.call_area([(0, header(-1, 0), 16)], []).status == 0


def test_buffers_shorter_than_their_segment_are_refused(v):
    with pytest.raises(ValueError, match="16 bytes given a 8-byte buffer"):
        v.call_area([(0, b"x" * 8, 16)], [])
    with pytest.raises(TypeError, match="writable"):
        v.call_area([(0, header(-1, 16), 16)], [(0, 16, b"x" * 16, False)])
