/* sscanf on generated inputs with each of a set of formats: prints the return value,
   the %n count and every value stored, for comparison with glibc. */
#include <stdio.h>
#include <string.h>
#include "rng.h"

static const char *const PIECES[] = {
    "0", "7", "-12", "+5", "0x1F", "0X", "017", "08", "123456789012345678901", "-0",
    "3.25", "-.5e3", "1e", "1e+", "0x1.8p3", "inf", "-Infinity", "nan", "NaN(ab)", "1.5E-400",
    "abc", "xyz", "hello", "[x]", "a-b", "%", "  ", "\t", "\n", " ", "9e9999", ".", "-", "+",
    "ff", "0x", "1,2", "42abc", "  -7  ", "z"};

static const char *const FORMATS[] = {
    "%d %d", "%i%i", "%u,%u", "%o %x", "%X%n", "%3d%d", "%hhd %hd", "%ld %lld", "%zu %jd",
    "%f %lf", "%e%n%g", "%5lf %a", "%s %s", "%3s%n", "%c%c%c", "%4c", "%[a-z]%n",
    "%[^ ]%n %[0-9]", "%*d %d", "%*s%n", "%d%%%d", "x%d", " %d-%d", "%p", "%2i %2x",
    "%[]a]", "%d.%d", "%lf%lf%lf", "%10[^\n]"};

int main(void)
{
    int count = read_params();
    for (int i = 0; i < count; i++) {
        char input[160] = "";
        int pieces = 1 + rng_below(4);
        for (int k = 0; k < pieces; k++) {
            strcat(input, PIECES[rng_below(sizeof PIECES / sizeof *PIECES)]);
            if (rng_below(3))
                strcat(input, rng_below(4) ? " " : "-");
        }
        const char *fmt = FORMATS[rng_below(sizeof FORMATS / sizeof *FORMATS)];
        union { long long ll; long double ld; double d; float f; void *p; char s[64]; } v[3];
        int n = -1;
        memset(v, 0, sizeof v);
        int r = sscanf(input, fmt, &v[0], &v[1], &v[2]);
        if (strstr(fmt, "%n"))
            n = strstr(fmt, "%n") == fmt + strlen(fmt) - 2 ? (int)v[1].ll : -2;
        printf("[%s] {%s} %d %d", input, fmt, r, n);
        for (int k = 0; k < 3; k++) {
            const unsigned char *b = (const unsigned char *)&v[k];
            printf(" ");
            for (size_t j = 0; j < 16; j++)
                printf("%02x", b[j]);
        }
        printf("\n");
    }
    return 0;
}
