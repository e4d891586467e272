/* Host side of the make example: plain C, compiled by virtinecc exactly as by cc. */
#include <stdio.h>
#include <string.h>

#include "checksum.h"

int main(int argc, char **argv) {
    const char *text = argc > 1 ? argv[1] : "the quick brown fox jumps over the lazy dog";
    struct digest d = checksum((const unsigned char *)text, strlen(text));
    printf("adler32=%08x fletcher16=%04x length=%zu words=%d\n", d.adler, d.fletcher, d.length,
           count_words(text));
    return 0;
}
