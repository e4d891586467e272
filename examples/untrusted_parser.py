"""Parse untrusted input with C, safely: the PNG header parser below is written the
way C parsers often are (it trusts the chunk lengths in the file).  Each call runs in
a fresh virtine, so a hostile file can at worst crash that virtine: Python gets a
VirtineCrash naming the C line, and the next call starts clean.

Run: python examples/untrusted_parser.py"""
from __future__ import annotations

import struct
import zlib

from pyvirtine import VirtineCrash, VirtineTimeout, virtine


@virtine(memory="2M", timeout=1.0)
def png_info(data: bytes):
    """
    #include <stddef.h>
    #include <stdint.h>

    struct png_info { uint32_t width, height; uint8_t depth, color; int32_t chunks; };

    static uint32_t be32(const unsigned char *p) {
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    }

    struct png_info png_info(const unsigned char *data VIRTINE_IN(n), size_t n) {
        static const unsigned char magic[8] = {0x89, 'P', 'N', 'G', '\\r', '\\n', 0x1a, '\\n'};
        struct png_info info = {0, 0, 0, 0, -1};
        if (n < 8) return info;
        for (int i = 0; i < 8; i++)
            if (data[i] != magic[i]) return info;
        const unsigned char *p = data + 8;
        info.chunks = 0;
        for (;;) {                      /* BUG: trusts each chunk's length field */
            uint32_t len = be32(p);
            const unsigned char *type = p + 4;
            if (type[0] == 'I' && type[1] == 'H' && type[2] == 'D' && type[3] == 'R') {
                info.width = be32(p + 8);
                info.height = be32(p + 12);
                info.depth = p[16];
                info.color = p[17];
            }
            info.chunks++;
            if (type[0] == 'I' && type[1] == 'E' && type[2] == 'N' && type[3] == 'D') break;
            p += 12 + len;
        }
        return info;
    }
    """


def chunk(kind: bytes, body: bytes, length: int = -1) -> bytes:
    size = len(body) if length < 0 else length
    return struct.pack(">I", size) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(width: int, height: int, idat_length: int = -1) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\0" * 16), idat_length) + chunk(b"IEND", b""))


def main() -> None:
    info = png_info(png(640, 480))
    print(f"valid file: {info.width}x{info.height}, depth {info.depth}, "
          f"color type {info.color}, {info.chunks} chunks")
    print(f"not a PNG: chunks = {png_info(b'GIF89a...').chunks}")
    try:
        png_info(png(640, 480, idat_length=0x7ffffff0))   # a hostile length field
        print("hostile file: parsed?!")
    except VirtineCrash as e:
        print(f"hostile file: contained a crash at {e.location}")
    except VirtineTimeout:
        print("hostile file: stopped by the timeout")
    info = png_info(png(1, 2))
    print(f"next call runs clean: {info.width}x{info.height}")


if __name__ == "__main__":
    main()
