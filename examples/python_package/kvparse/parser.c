/* Split untrusted "key=value" text into fields. It runs in a virtine: a bug here
 * (an overflow, a wild pointer) can crash that virtine, never the Python process. */
#include <virtine.h>
#include <stddef.h>
#include <stdint.h>

struct field {
    uint32_t key, key_len;      /* offsets into the text */
    uint32_t value, value_len;
};

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

/* Fill fields[] with the "key=value" pairs of text (one per line or ';'-separated);
 * returns how many there are, or -(line number) of the first line without '='. */
virtine int parse_fields(const char *text VIRTINE_IN(n), size_t n,
                         struct field *fields VIRTINE_OUT(max), size_t max) {
    size_t i = 0, count = 0;
    int line = 1;
    while (i < n) {
        size_t start = i, eq = (size_t)-1;
        while (i < n && text[i] != '\n' && text[i] != ';') {
            if (text[i] == '=' && eq == (size_t)-1) eq = i;
            i++;
        }
        size_t end = i;
        while (start < end && is_space(text[start])) start++;
        if (start < end) {
            if (eq == (size_t)-1) return -line;
            size_t kend = eq, vstart = eq + 1, vend = end;
            while (kend > start && is_space(text[kend - 1])) kend--;
            while (vstart < vend && is_space(text[vstart])) vstart++;
            while (vend > vstart && is_space(text[vend - 1])) vend--;
            if (count < max) {
                fields[count].key = start;
                fields[count].key_len = kend - start;
                fields[count].value = vstart;
                fields[count].value_len = vend - vstart;
            }
            count++;
        }
        if (i < n && text[i] == '\n') line++;
        i++;
    }
    return (int)count;
}
