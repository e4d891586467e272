/* The virtines of the make example: every call runs in its own virtine. */
#include <virtine.h>

#include "checksum.h"

virtine struct digest checksum(const unsigned char *data VIRTINE_IN(n), size_t n) {
    uint32_t a = 1, b = 0, f1 = 0, f2 = 0;
    for (size_t i = 0; i < n; i++) {
        a = (a + data[i]) % 65521;
        b = (b + a) % 65521;
        f1 = (f1 + data[i]) % 255;
        f2 = (f2 + f1) % 255;
    }
    struct digest d = {(b << 16) | a, (f2 << 8) | f1, n};
    return d;
}

virtine int count_words(const char *text) {
    int words = 0, in_word = 0;
    for (; *text; text++) {
        int space = *text == ' ' || *text == '\n' || *text == '\t';
        words += !space && !in_word;
        in_word = !space;
    }
    return words;
}
