/* zlib over known data: deflate at every level and strategy, streamed in small pieces
   both ways, gzip framing through deflateInit2, crc32 and adler32; sizes and checksums
   of each stream, and each round trip checked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "zlib.h"
#include "rng.h"

#define N (256 * 1024)

static unsigned char data[N], packed[N + N / 8 + 64], back[N];

/* Deflates data through 997-byte input and 1501-byte output windows. */
static unsigned long deflate_stream(int level, int window, int strategy)
{
    z_stream s;
    memset(&s, 0, sizeof s);
    if (deflateInit2(&s, level, Z_DEFLATED, window, 8, strategy) != Z_OK)
        return 0;
    s.next_out = packed;
    int flush;
    size_t in = 0;
    do {
        size_t chunk = N - in < 997 ? N - in : 997;
        s.next_in = data + in;
        s.avail_in = (uInt)chunk;
        in += chunk;
        flush = in == N ? Z_FINISH : Z_NO_FLUSH;
        do {
            s.avail_out = 1501 < packed + sizeof packed - s.next_out
                              ? 1501 : (uInt)(packed + sizeof packed - s.next_out);
            deflate(&s, flush);
        } while (s.avail_out == 0);
    } while (flush != Z_FINISH);
    unsigned long len = s.total_out;
    deflateEnd(&s);
    return len;
}

static int inflate_stream(unsigned long len, int window)
{
    z_stream s;
    memset(&s, 0, sizeof s);
    inflateInit2(&s, window);
    s.next_in = packed;
    s.next_out = back;
    int rc = Z_OK;
    while (rc == Z_OK) {
        unsigned long left = len - s.total_in;
        s.avail_in = left < 333 ? (uInt)left : 333;
        s.avail_out = N - s.total_out < 777 ? (uInt)(N - s.total_out) : 777;
        rc = inflate(&s, Z_NO_FLUSH);
    }
    int ok = rc == Z_STREAM_END && s.total_out == N && memcmp(back, data, N) == 0;
    inflateEnd(&s);
    return ok;
}

int main(void)
{
    static const int strategies[] = {Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE,
                                     Z_FIXED};
    int ok = 1;
    fill_sample(data, N);
    printf("zlib %s, crc32 %08lx, adler32 %08lx\n", zlibVersion(), crc32(0, data, N),
           adler32(1, data, N));
    for (int level = 0; level <= 9; level++) {
        unsigned long len = deflate_stream(level, 15, Z_DEFAULT_STRATEGY);
        int good = inflate_stream(len, 15);
        printf("level %d: %lu bytes, crc32 %08lx, fnv %016llx, round trip %s\n", level, len,
               crc32(0, packed, len), fnv1a(packed, len), good ? "ok" : "FAILED");
        ok &= good;
    }
    for (int i = 1; i < 5; i++) {
        unsigned long len = deflate_stream(6, 15, strategies[i]);
        int good = inflate_stream(len, 15);
        printf("strategy %d: %lu bytes, crc32 %08lx, round trip %s\n", strategies[i], len,
               crc32(0, packed, len), good ? "ok" : "FAILED");
        ok &= good;
    }
    /* gzip and raw deflate, small windows */
    unsigned long len = deflate_stream(9, 16 + 9, Z_DEFAULT_STRATEGY);
    int good = inflate_stream(len, 16 + 15);
    printf("gzip: %lu bytes, crc32 %08lx, round trip %s\n", len, crc32(0, packed, len),
           good ? "ok" : "FAILED");
    ok &= good;
    len = deflate_stream(4, -10, Z_DEFAULT_STRATEGY);
    good = inflate_stream(len, -10);
    printf("raw: %lu bytes, crc32 %08lx, round trip %s\n", len, crc32(0, packed, len),
           good ? "ok" : "FAILED");
    ok &= good;
    /* compress/uncompress, and a corrupt stream refused */
    uLongf packed_len = sizeof packed, back_len = N;
    compress2(packed, &packed_len, data, N, Z_BEST_COMPRESSION);
    printf("compress2: %lu bytes, uncompress %d\n", (unsigned long)packed_len,
           uncompress(back, &back_len, packed, packed_len));
    packed[packed_len / 3] ^= 0x21;
    back_len = N;
    printf("corrupt: %d\n", uncompress(back, &back_len, packed, packed_len) != Z_OK);
    return ok ? 0 : 1;
}
