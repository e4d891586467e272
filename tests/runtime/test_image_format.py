"""Loading bad images raises ImageError with the reason, in Python and in the native
launcher alike; no corrupted image crashes anything."""
from __future__ import annotations

import re
import struct
import zlib

import pytest
from hypothesis import given, settings, strategies as st

from support.asm_guests import asm_image
from pyvirtine.errors import ImageError
from pyvirtine.image import HEADER_SIZE, Image, validate
from pyvirtine.runtime import Virtine, ffi, lib

GOOD = asm_image("    hcall 13\n    xor %edi, %edi\n    xor %esi, %esi\n    hcall 0\n")
GOOD_BYTES = GOOD.to_bytes()


def native_check(data: bytes) -> str:
    err = ffi.new("char[256]")
    return "" if lib.vt_image_check(data, len(data), err, 256) == 0 else ffi.string(err).decode()


def with_field(offset: int, fmt: str, value: int) -> bytes:
    """GOOD with one header field changed and the checksum made right again, so the
    layout checks (not the checksum) must catch it."""
    image = bytearray(GOOD_BYTES)
    struct.pack_into(fmt, image, offset, value)
    struct.pack_into("<I", image, 120, 0)
    crc = zlib.crc32(bytes(image[HEADER_SIZE:HEADER_SIZE + len(GOOD.payload)]),
                     zlib.crc32(bytes(image[:HEADER_SIZE])))
    struct.pack_into("<I", image, 120, crc)
    return bytes(image)


BAD = {
    "empty": (b"", "truncated image"),
    "short header": (GOOD_BYTES[:100], "truncated image"),
    "short payload": (GOOD_BYTES[:-1], "truncated image"),
    "bad magic": (b"X" + GOOD_BYTES[1:], "bad magic"),
    "flipped payload byte": (GOOD_BYTES[:5000] + bytes([GOOD_BYTES[5000] ^ 1]) + GOOD_BYTES[5001:],
                             "checksum mismatch"),
    "version": (with_field(8, "<H", 9), "version 9"),
    "huge memory": (with_field(56, "<Q", 1 << 40), "mem_size"),
    "unaligned memory": (with_field(56, "<Q", (2 << 20) + 1), "mem_size"),
    # Smaller than the page tables it reserves: mem - page tables wrapped in C, and every
    # later bound passed (then vt_pool_create wrote past its mapping).
    "memory smaller than its page tables": (with_field(56, "<Q", 0x2000), "mem_size"),
    "memory with no room for the image": (with_field(56, "<Q", 0x14000), "mem_size"),
    "load below host area": (with_field(16, "<Q", 0x1000), "load_addr"),
    "entry outside code": (with_field(48, "<Q", 0x100000), "entry64"),
    "stack over page tables": (with_field(64, "<Q", 2 << 20), "stack"),
    "payload past memory": (with_field(24, "<Q", 1 << 40), "truncated|payload"),
    "heap in code": (with_field(80, "<Q", 0x10000), "heap"),
    "argument area wraps": (with_field(104, "<Q", 2**64 - 16), "argument area"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_images_are_refused_with_the_reason(name):
    data, reason = BAD[name]
    with pytest.raises(ImageError, match=reason):
        validate(data)
    assert re.search(reason, native_check(data)), native_check(data)


@pytest.mark.parametrize("name", sorted(BAD))
def test_virtine_refuses_bad_images(kvm, name):
    with pytest.raises(ImageError):
        Virtine(BAD[name][0])


def test_round_trip_keeps_every_field():
    image = asm_image("    hcall 0\n", debug={"lines": [[0x10000, "a.c", 3, "f"]]})
    image.abi = {"name": "f", "params": ["int"]}
    again = Image.from_bytes(image.to_bytes())
    assert again == image
    assert native_check(image.to_bytes()) == ""


def test_memory_limit_refuses_large_images(kvm):
    with pytest.raises(ImageError, match="limit"):
        Virtine(asm_image("    hcall 0\n", mem=8 << 20), memory_limit=4 << 20)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, HEADER_SIZE - 1), st.integers(1, 255))
def test_any_corrupted_header_byte_is_caught(offset, flip):
    data = bytearray(GOOD_BYTES)
    data[offset] ^= flip
    with pytest.raises(ImageError):
        validate(bytes(data))
    assert native_check(bytes(data))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=HEADER_SIZE + 64))
def test_random_bytes_never_crash_the_native_check(data):
    assert native_check(data)
