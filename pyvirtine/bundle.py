"""The images of one C file in one file (``.virtines``): what the setuptools plugin
ships in wheels and ``pyvirtine.load`` reads without a compiler.

``VIRTINES``, a u32 count, then each image file (``pyvirtine/image.py``) as a u64
length and its bytes."""
from __future__ import annotations

import struct

from .errors import ImageError
from .image import Image

BUNDLE_MAGIC = b"VIRTINES"
BUNDLE_SUFFIX = ".virtines"


def write_bundle(images: list[Image]) -> bytes:
    files = [image.to_bytes() for image in images]
    return BUNDLE_MAGIC + struct.pack("<I", len(files)) + b"".join(
        struct.pack("<Q", len(f)) + f for f in files)


def read_bundle(data: bytes) -> list[Image]:
    if data[:8] != BUNDLE_MAGIC or len(data) < 12:
        raise ImageError("not a virtine bundle (bad magic)")
    (count,), offset, images = struct.unpack_from("<I", data, 8), 12, []
    for _ in range(count):
        if offset + 8 > len(data):
            raise ImageError("truncated virtine bundle")
        (size,) = struct.unpack_from("<Q", data, offset)
        images.append(Image.from_bytes(data[offset + 8:offset + 8 + size]))
        offset += 8 + size
    return images
