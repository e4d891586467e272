/* lz4 block, HC and frame formats and xxhash over known data: sizes and checksums of
   every compressed stream, and each round trip checked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lz4.h"
#include "lz4hc.h"
#include "lz4frame.h"
#include "xxhash.h"
#include "rng.h"

#define N (300 * 1024)

static int round_trip(const char *what, const char *packed, int packed_len,
                      const unsigned char *original, int n)
{
    char *back = malloc(n);
    int got = LZ4_decompress_safe(packed, back, packed_len, n);
    int ok = got == n && memcmp(back, original, n) == 0;
    printf("%s: %d bytes, xxh32 %08x, fnv %016llx, round trip %s\n", what, packed_len,
           XXH32(packed, packed_len, 0), fnv1a((const unsigned char *)packed, packed_len),
           ok ? "ok" : "FAILED");
    free(back);
    return ok;
}

int main(void)
{
    unsigned char *data = malloc(N);
    int bound = LZ4_compressBound(N), ok = 1;
    char *packed = malloc(bound);
    fill_sample(data, N);
    printf("lz4 %s, data xxh32 %08x xxh64 %016llx\n", LZ4_versionString(), XXH32(data, N, 1),
           (unsigned long long)XXH64(data, N, 7));

    ok &= round_trip("block", packed, LZ4_compress_default((char *)data, packed, N, bound),
                     data, N);
    ok &= round_trip("fast 8", packed,
                     LZ4_compress_fast((char *)data, packed, N, bound, 8), data, N);
    for (int level = 3; level <= LZ4HC_CLEVEL_MAX; level += 3) {
        char what[16];
        sprintf(what, "hc %d", level);
        ok &= round_trip(what, packed, LZ4_compress_HC((char *)data, packed, N, bound, level),
                         data, N);
    }

    /* frames, with block and content checksums, and decompressed in small pieces */
    LZ4F_preferences_t prefs;
    memset(&prefs, 0, sizeof prefs);
    prefs.frameInfo.blockSizeID = LZ4F_max64KB;
    prefs.frameInfo.contentChecksumFlag = LZ4F_contentChecksumEnabled;
    prefs.frameInfo.blockChecksumFlag = LZ4F_blockChecksumEnabled;
    prefs.frameInfo.contentSize = N;
    for (int level = 0; level <= 12; level += 6) {
        size_t cap = LZ4F_compressFrameBound(N, &prefs);
        char *frame = malloc(cap);
        unsigned char *back = malloc(N);
        prefs.compressionLevel = level;
        size_t len = LZ4F_compressFrame(frame, cap, data, N, &prefs);
        LZ4F_dctx *dctx;
        LZ4F_createDecompressionContext(&dctx, LZ4F_VERSION);
        size_t in = 0, out = 0, hint = 1;
        while (hint && in < len && !LZ4F_isError(hint)) {
            size_t src = len - in < 1000 ? len - in : 1000, dst = N - out < 4096 ? N - out : 4096;
            hint = LZ4F_decompress(dctx, back + out, &dst, frame + in, &src, NULL);
            in += src;
            out += dst;
        }
        LZ4F_freeDecompressionContext(dctx);
        int good = !LZ4F_isError(len) && out == N && memcmp(back, data, N) == 0;
        printf("frame %d: %zu bytes, xxh64 %016llx, round trip %s\n", level, len,
               (unsigned long long)XXH64(frame, len, 0), good ? "ok" : "FAILED");
        ok &= good;
        free(frame);
        free(back);
    }
    /* a corrupt block is refused, not overrun */
    int len = LZ4_compress_default((char *)data, packed, 4096, bound);
    packed[len / 2] ^= 0x5a;
    char small[4096];
    printf("corrupt block: %d\n", LZ4_decompress_safe(packed, small, len, 4000) < 0);
    return ok ? 0 : 1;
}
