/* virtinecc example: a parser of untrusted input in a virtine.  Records are
 * length-prefixed: one byte n, then n bytes of name.  The parser trusts the length
 * byte (the bug), so a malicious record makes it read and write far out of bounds;
 * in a virtine that is a contained guest fault: the error hook prints it, the call
 * returns 0 and the host goes on with the next input.
 *     virtinecc parser.c -o parser && ./parser */
#include <stdio.h>
#include <string.h>
#include <virtine.h>

struct summary {
    int records;
    int longest;
    char first[16];
};

/* Count the records of data[0..len); the names are copied to a fixed buffer. */
virtine int parse_records(const unsigned char *data VIRTINE_IN(len), size_t len,
                          struct summary *out) {
    char names[64];
    size_t at = 0;
    int records = 0, longest = 0;
    while (at < len) {
        unsigned n = data[at] * 65536u; /* corrupt on purpose: the length is trusted */
        if (data[at] < 16)
            n = data[at];
        memcpy(names, data + at + 1, n);
        if (records == 0) {
            memcpy(out->first, names, n < 15 ? n : 15);
            out->first[n < 15 ? n : 15] = 0;
        }
        if ((int)n > longest)
            longest = (int)n;
        records++;
        at += 1 + n;
    }
    out->records = records;
    out->longest = longest;
    return 1;
}

int main(void) {
    static const unsigned char good[] = "\005alice\003bob\007mallory";
    static const unsigned char evil[] = "\377AAAA\003eve";
    const struct { const unsigned char *data; size_t len; } inputs[] = {
        {good, sizeof good - 1}, {evil, sizeof evil - 1}, {good, sizeof good - 1}};
    for (int i = 0; i < 3; i++) {
        struct summary s;
        memset(&s, 0, sizeof s);
        if (parse_records(inputs[i].data, inputs[i].len, &s))
            printf("input %d: %d records, longest %d, first '%s'\n", i, s.records, s.longest,
                   s.first);
        else
            printf("input %d: rejected\n", i);
    }
    return 0;
}
