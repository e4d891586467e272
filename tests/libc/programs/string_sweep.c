/* string.h, strings.h and ctype.h on random inputs; output compared with glibc. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include "rng.h"

static int sign(int x) { return (x > 0) - (x < 0); }

static long offset(const char *base, const void *p)
{
    return p ? (long)((const char *)p - base) : -1;
}

/* Short strings over a small alphabet, so searches and comparisons hit. */
static void random_string(char *s, int max)
{
    static const char alphabet[] = "abcAB ,;\x80\xff";
    int n = rng_below(max), i;
    for (i = 0; i < n; i++)
        s[i] = alphabet[rng_below((int)sizeof alphabet - 1)];
    s[n] = 0;
}

int main(void)
{
    static const int codes[] = {0, EPERM, ENOENT, EINTR, EIO, EBADF, EAGAIN, ENOMEM, EACCES,
                                EEXIST, EINVAL, ENOSPC, EPIPE, EDOM, ERANGE, ENOSYS, ELOOP,
                                EOVERFLOW, EILSEQ, ENOTSUP, ETIMEDOUT, ECANCELED, 4000, -3};
    int count = read_params(), i, c;
    char a[40], b[40], buf[200], buf2[200];
    for (c = -1; c < 256; c++)
        printf("ctype %d %d%d%d%d%d%d%d%d%d%d%d%d %d %d\n", c, !!isalnum(c), !!isalpha(c),
               !!isblank(c), !!iscntrl(c), !!isdigit(c), !!isgraph(c), !!islower(c),
               !!isprint(c), !!ispunct(c), !!isspace(c), !!isupper(c), !!isxdigit(c),
               tolower(c), toupper(c));
    for (i = 0; i < (int)(sizeof codes / sizeof codes[0]); i++)
        printf("strerror %d %s\n", codes[i], strerror(codes[i]));
    for (i = 0; i < count; i++) {
        size_t n = (size_t)rng_below(12);
        char *tok, *dup;
        random_string(a, 20);
        random_string(b, 4);
        printf("%d|%s|%s|%d %d %d %d %d %zu %zu\n", i, a, b, sign(strcmp(a, b)),
               sign(strncmp(a, b, n)), sign(memcmp(a, b, n < sizeof b ? n : 1)),
               sign(strcasecmp(a, b)), sign(strncasecmp(a, b, n)), strlen(a), strnlen(a, n));
        printf(" chr %ld %ld %ld %ld %ld %ld %ld\n", offset(a, strchr(a, b[0])),
               offset(a, strrchr(a, b[0])), offset(a, strstr(a, b)),
               offset(a, memchr(a, b[0], n)), offset(a, strpbrk(a, b)), (long)strspn(a, b),
               (long)strcspn(a, b));
        /* Copies, with sentinels around the destination. */
        memset(buf, '#', sizeof buf);
        strncpy(buf + 1, a, n);
        printf(" ncpy %.*s\n", (int)n + 2, buf);
        strcpy(buf, a);
        strcat(buf, b);
        strncat(buf, a, n);
        printf(" cat %s\n", buf);
        memset(buf, 0, sizeof buf);
        strcpy(buf, a);
        {
            int to = rng_below(5), from = rng_below(5);
            memmove(buf + to, buf + from, n);
        }
        printf(" move %s\n", buf);
        memset(buf2, 'z', sizeof buf2);
        memcpy(buf2, a, strlen(a) + 1);
        memset(buf2 + rng_below(5), 'q', n);
        printf(" set %s\n", buf2);
        strcpy(buf, a);
        printf(" tok");
        for (tok = strtok(buf, b); tok; tok = strtok(NULL, b))
            printf(" [%s]", tok);
        dup = strndup(a, n);
        printf(" dup %s %s\n", dup, strdup(b));
        free(dup);
    }
    /* Block moves long enough for the string-instruction paths, overlapping both ways. */
    for (i = 0; i < count; i++) {
        static unsigned char big[1024];
        size_t n = (size_t)rng_below(400), to = (size_t)rng_below(300),
               from = (size_t)rng_below(300), k;
        unsigned long sum = 0;
        for (k = 0; k < sizeof big; k++)
            big[k] = (unsigned char)(k * 7 + i);
        if (i % 3 == 0)
            memmove(big + to, big + from, n);
        else if (i % 3 == 1)
            memcpy(big + 600, big + from, n % 300); /* disjoint: [from, from + n) < 600 */
        else
            memset(big + to, i, n);
        for (k = 0; k < sizeof big; k++)
            sum = sum * 31 + big[k];
        printf("block %d %zu %zu %zu %lu\n", i % 3, n, to, from, sum);
    }
    return 0;
}
