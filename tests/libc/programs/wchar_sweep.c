/* wchar.h and wctype.h on random inputs, against glibc's C.UTF-8 locale (pyvirtine's
   only locale, "C", is UTF-8 too): UTF-8 conversions byte by byte and whole, wide
   strings, number parsing, wide formatting; classes over ASCII, where glibc's "C" and
   pyvirtine's agree. */
#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>
#include "rng.h"

static int sign(int x) { return (x > 0) - (x < 0); }

/* Code points of every width, with surrogates, out-of-range values and NUL now and then. */
static wchar_t random_char(void)
{
    static const wchar_t edges[] = {0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdfff, 0xe000,
                                    0xfffd, 0xffff, 0x10000, 0x10ffff, 0x110000, 0x1fffff,
                                    0x200000, 0x3ffffff, 0x4000000, 0x7fffffff, -1, 0};
    switch (rng_below(6)) {
    case 0: return (wchar_t)(0x20 + rng_below(0x5f));
    case 1: return (wchar_t)(0x80 + rng_below(0x780));
    case 2: return (wchar_t)(0x800 + rng_below(0xf800));
    case 3: return (wchar_t)(0x10000 + rng_below(0x100000));
    case 4: return edges[rng_below((int)(sizeof edges / sizeof *edges))];
    default: return (wchar_t)"ab,; "[rng_below(5)];
    }
}

/* c in (RFC 2279) UTF-8, surrogates and overlong forms too: the generator's own, so
   both libcs get the same bytes. */
static int encode(char *out, unsigned long c, int overlong)
{
    int n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : c < 0x200000 ? 4
          : c < 0x4000000 ? 5 : 6;
    if (overlong && n < 6)
        n++;
    if (n == 1) {
        out[0] = (char)c;
        return 1;
    }
    for (int i = n - 1; i > 0; i--, c >>= 6)
        out[i] = (char)(0x80 | (c & 0x3f));
    out[0] = (char)(((0xff00 >> n) & 0xff) | c);
    return n;
}

/* Bytes: mostly UTF-8 of random_char, sometimes overlong, cut short or stray bytes. */
static int random_bytes(char *buf, int max)
{
    int n = 0;
    while (n < max - 6) {
        if (rng_below(8) == 0) {
            buf[n++] = (char)rng_below(256);
        } else {
            wchar_t c = random_char();
            int overlong = rng_below(12) == 0;
            int len = encode(buf + n, (unsigned long)(unsigned)c & 0x7fffffff, overlong);
            n += rng_below(10) ? len : rng_below(len);
        }
        if (rng_below(6) == 0)
            break;
    }
    return n;
}

static void random_wide(wchar_t *s, int max, int printable)
{
    static const wchar_t alphabet[] = {L'a', L'b', L'A', L' ', L',', 0xe9, 0x20ac, 0x1f600};
    int n = rng_below(max), i;
    for (i = 0; i < n; i++)
        s[i] = printable ? alphabet[rng_below(8)] : random_char();
    s[n] = 0;
    for (i = 0; i < n; i++)
        if (!s[i])
            s[i] = L'z';
}

static long offset(const wchar_t *base, const wchar_t *p) { return p ? (long)(p - base) : -1; }

int main(void)
{
    int count = read_params(), i, c;
    if (!setlocale(LC_ALL, "C.UTF-8")) {
        printf("no C.UTF-8\n");
        return 1;
    }
    for (c = 0; c < 0x80; c++)
        printf("class %d %d%d%d%d%d%d%d%d%d%d%d%d %d %d\n", c, !!iswalnum(c), !!iswalpha(c),
               !!iswblank(c), !!iswcntrl(c), !!iswdigit(c), !!iswgraph(c), !!iswlower(c),
               !!iswprint(c), !!iswpunct(c), !!iswspace(c), !!iswupper(c), !!iswxdigit(c),
               (int)towlower(c), (int)towupper(c));
    printf("wctype %d %d %d\n", iswctype(L'7', wctype("digit")), iswctype(L'x', wctype("upper")),
           wctype("nonsense"));
    for (i = 0; i < count; i++) {
        char bytes[64], out[64];
        int n = random_bytes(bytes, 40), k;
        mbstate_t st;
        wchar_t wc, wide[64];
        /* byte by byte, then all at once */
        memset(&st, 0, sizeof st);
        printf("mb %d:", i);
        for (k = 0; k < n; k++) {
            errno = 0;
            size_t r = mbrtowc(&wc, bytes + k, 1, &st);
            if (r == (size_t)-1) {
                printf(" E%d", errno);
                memset(&st, 0, sizeof st);
            } else if (r == (size_t)-2) {
                printf(" .");
            } else {
                printf(" %lx", (unsigned long)wc);
            }
        }
        printf(" | init %d |", mbsinit(&st) != 0);
        memset(&st, 0, sizeof st);
        for (k = 0; k < n;) {
            size_t r = mbrtowc(&wc, bytes + k, (size_t)(n - k), &st);
            if (r == (size_t)-1 || r == (size_t)-2) {
                printf(" %s", r == (size_t)-1 ? "bad" : "short");
                memset(&st, 0, sizeof st);
                k++;
            } else {
                printf(" %lx/%zu", (unsigned long)wc, r);
                k += r ? (int)r : 1;
            }
        }
        bytes[n] = 0;
        errno = 0;
        const char *src = bytes;
        memset(&st, 0, sizeof st);
        size_t got = mbsrtowcs(wide, &src, 63, &st);
        printf(" | s %ld %ld %d", (long)got, src ? (long)(src - bytes) : -1L, errno);
        printf(" | mblen %d\n", mblen(bytes, (size_t)n));
        /* wide to bytes */
        for (k = 0; k < 6; k++)
            wide[k] = random_char();
        wide[6] = 0;
        errno = 0;
        const wchar_t *wsrc = wide;
        size_t made = wcsrtombs(out, &wsrc, (size_t)rng_below(30), NULL);
        int made_errno = errno;
        long whole = (long)wcstombs(NULL, wide, 0);
        printf(" wc %ld %ld %d %ld", (long)made, wsrc ? (long)(wsrc - wide) : -1L, made_errno,
               whole);
        for (k = 0; k < 6; k++) {
            size_t len = wcrtomb(out, wide[k], NULL);
            printf(" %ld:", (long)len);
            for (size_t b = 0; b < len && len != (size_t)-1; b++)
                printf("%02x", (unsigned char)out[b]);
        }
        printf(" %d %d\n", wctob(wide[0]), (int)btowc((unsigned char)bytes[0]));
    }
    for (i = 0; i < count; i++) {
        wchar_t a[40], b[8], buf[120], *save, *tok;
        size_t n = (size_t)rng_below(10);
        random_wide(a, 20, 1);
        random_wide(b, 4, 1);
        printf("w %d %d %d %d %zu %zu %ld %ld %ld %ld %zu %zu\n", i, sign(wcscmp(a, b)),
               sign(wcsncmp(a, b, n)), sign(wmemcmp(a, b, n < 5 ? n : 1)), wcslen(a),
               wcsnlen(a, n), offset(a, wcschr(a, b[0])), offset(a, wcsrchr(a, b[0])),
               offset(a, wcsstr(a, b)), offset(a, wcspbrk(a, b)), wcsspn(a, b), wcscspn(a, b));
        wmemset(buf, L'#', 120);
        wcsncpy(buf + 1, a, n);
        wcscpy(buf + 40, a);
        wcscat(buf + 40, b);
        wcsncat(buf + 40, a, n);
        printf(" %ls|%ls|", buf + 40, wmemchr(buf, L'#', 3) ? L"hash" : L"none");
        for (tok = wcstok(buf + 40, b, &save); tok; tok = wcstok(NULL, b, &save))
            printf("[%ls]", tok);
        printf("\n");
    }
    for (i = 0; i < count; i++) {
        static const wchar_t *const numbers[] = {L"  42", L"-0x1f", L"077", L"1e5", L"  -3.25e-2x",
                                                  L"0x1p-3", L"inf", L"nan", L"12\x20ac", L"+",
                                                  L"9223372036854775808", L"\x20ac" L"5"};
        const wchar_t *s = numbers[i % 12];
        wchar_t *end;
        errno = 0;
        long l = wcstol(s, &end, rng_below(3) * 8);
        printf("num %d %ld %ld %d", i % 12, l, (long)(end - s), errno);
        errno = 0;
        double d = wcstod(s, &end);
        int d_errno = errno;
        unsigned long long u = wcstoull(s, NULL, 16);
        printf(" %a %ld %d %llu\n", d, (long)(end - s), d_errno, u);
    }
    for (i = 0; i < count; i++) {
        wchar_t buf[64], word[12];
        char narrow[80];
        /* valid characters only for swprintf: pyvirtine's formats through UTF-8 */
        random_wide(word, 10, 1);
        size_t room = (size_t)(1 + rng_below(40));
        double value = rng_double();
        int r = swprintf(buf, room, L"%d:%ls:%5.2f:%s:%lc|", i, word, value, "narrow",
                         word[0] ? word[0] : L'x');
        random_wide(word, 10, 0);
        printf("swp %d %d", i, r);
        if (r >= 0)
            printf(" %ls", buf);
        errno = 0;
        r = snprintf(narrow, sizeof narrow, "[%-8ls|%.5ls|%3lc]", word, word, word[0]);
        printf(" | %d %d ", r, errno); /* in hex: random characters make any byte */
        for (int k = 0; k < r; k++)
            printf("%02x", (unsigned char)narrow[k]);
        printf("\n");
    }
    return 0;
}
