/* wchar.h's strings and conversions, and stdlib.h's multibyte functions. The locale's
   multibyte encoding is UTF-8 as glibc's C.UTF-8 has it: any value up to 0x7FFFFFFF but
   a surrogate, in up to six bytes (RFC 2279's forms); anything else, and overlong
   forms, fail with EILSEQ. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

size_t wcslen(const wchar_t *s)
{
    const wchar_t *p = s;
    while (*p)
        p++;
    return (size_t)(p - s);
}

size_t wcsnlen(const wchar_t *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

wchar_t *wcscpy(wchar_t *dst, const wchar_t *src)
{
    wchar_t *d = dst;
    while ((*d++ = *src++))
        ;
    return dst;
}

wchar_t *wcsncpy(wchar_t *dst, const wchar_t *src, size_t n)
{
    size_t i = 0;
    for (; i < n && src[i]; i++)
        dst[i] = src[i];
    for (; i < n; i++)
        dst[i] = 0;
    return dst;
}

wchar_t *wcscat(wchar_t *dst, const wchar_t *src)
{
    wcscpy(dst + wcslen(dst), src);
    return dst;
}

wchar_t *wcsncat(wchar_t *dst, const wchar_t *src, size_t n)
{
    wchar_t *d = dst + wcslen(dst);
    while (n-- && *src)
        *d++ = *src++;
    *d = 0;
    return dst;
}

/* wchar_t is signed: compare as the integers they are, as glibc does. */
int wcscmp(const wchar_t *a, const wchar_t *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a < *b ? -1 : *a > *b;
}

int wcsncmp(const wchar_t *a, const wchar_t *b, size_t n)
{
    for (; n; n--, a++, b++)
        if (*a != *b || !*a)
            return *a < *b ? -1 : *a > *b;
    return 0;
}

int wcscoll(const wchar_t *a, const wchar_t *b) { return wcscmp(a, b); }

size_t wcsxfrm(wchar_t *dst, const wchar_t *src, size_t n)
{
    size_t len = wcslen(src);
    if (len < n)
        wcscpy(dst, src);
    return len;
}

wchar_t *wcschr(const wchar_t *s, wchar_t c)
{
    for (;; s++) {
        if (*s == c)
            return (wchar_t *)s;
        if (!*s)
            return NULL;
    }
}

wchar_t *wcsrchr(const wchar_t *s, wchar_t c)
{
    const wchar_t *found = NULL;
    for (;; s++) {
        if (*s == c)
            found = s;
        if (!*s)
            return (wchar_t *)found;
    }
}

wchar_t *wcsstr(const wchar_t *haystack, const wchar_t *needle)
{
    size_t n = wcslen(needle);
    for (; *haystack || !n; haystack++)
        if (!wmemcmp(haystack, needle, n))
            return (wchar_t *)haystack;
    return NULL;
}

size_t wcsspn(const wchar_t *s, const wchar_t *accept)
{
    size_t n = 0;
    while (s[n] && wcschr(accept, s[n]))
        n++;
    return n;
}

size_t wcscspn(const wchar_t *s, const wchar_t *reject)
{
    size_t n = 0;
    while (s[n] && !wcschr(reject, s[n]))
        n++;
    return n;
}

wchar_t *wcspbrk(const wchar_t *s, const wchar_t *accept)
{
    s += wcscspn(s, accept);
    return *s ? (wchar_t *)s : NULL;
}

wchar_t *wcstok(wchar_t *s, const wchar_t *delim, wchar_t **save)
{
    if (!s)
        s = *save;
    s += wcsspn(s, delim);
    if (!*s) {
        *save = s;
        return NULL;
    }
    wchar_t *end = s + wcscspn(s, delim);
    if (*end)
        *end++ = 0;
    *save = end;
    return s;
}

wchar_t *wcsdup(const wchar_t *s)
{
    size_t n = wcslen(s) + 1;
    wchar_t *copy = malloc(n * sizeof *copy);
    return copy ? wmemcpy(copy, s, n) : NULL;
}

wchar_t *wmemcpy(wchar_t *dst, const wchar_t *src, size_t n)
{
    return memcpy(dst, src, n * sizeof *dst);
}

wchar_t *wmemmove(wchar_t *dst, const wchar_t *src, size_t n)
{
    return memmove(dst, src, n * sizeof *dst);
}

wchar_t *wmemset(wchar_t *dst, wchar_t c, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = c;
    return dst;
}

int wmemcmp(const wchar_t *a, const wchar_t *b, size_t n)
{
    for (; n; n--, a++, b++)
        if (*a != *b)
            return *a < *b ? -1 : 1;
    return 0;
}

wchar_t *wmemchr(const wchar_t *s, wchar_t c, size_t n)
{
    for (; n; n--, s++)
        if (*s == c)
            return (wchar_t *)s;
    return NULL;
}

/* ---- UTF-8 ---- */

static size_t ilseq(void)
{
    errno = EILSEQ;
    return (size_t)-1;
}

static int is_char(uint32_t c) { return c < 0xd800 || (c > 0xdfff && c <= 0x7fffffff); }

/* The state holds a character begun in an earlier call: the low byte of __count says
   how many bytes are still to come, the next how many it takes in all (what its least
   value is, below which it would be an overlong form); __value holds the bits so far. */
size_t mbrtowc(wchar_t *wc, const char *s, size_t n, mbstate_t *state)
{
    static mbstate_t internal;
    mbstate_t *st = state ? state : &internal;
    const unsigned char *p = (const unsigned char *)s;
    unsigned need = st->__count & 0xff, total = st->__count >> 8;
    uint32_t value = st->__value;
    size_t used = 0;
    if (!s) {
        p = (const unsigned char *)"";
        n = 1;
        wc = NULL;
    }
    if (!n)
        return (size_t)-2;
    if (!need) {
        unsigned char b = *p;
        if (b < 0x80) {
            if (wc)
                *wc = b;
            return b != 0;
        }
        if (b < 0xc2 || b > 0xfd) /* a continuation byte, an overlong lead, or no lead */
            return ilseq();
        need = b < 0xe0 ? 1 : b < 0xf0 ? 2 : b < 0xf8 ? 3 : b < 0xfc ? 4 : 5;
        total = need + 1;
        value = b & (0x3f >> need);
        p++, used++;
    }
    static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000, 0x200000, 0x4000000};
    for (; need && used < n; need--, p++, used++) {
        if ((*p & 0xc0) != 0x80) {
            *st = (mbstate_t){0, 0};
            return ilseq();
        }
        value = value << 6 | (*p & 0x3f);
    }
    if (need) {
        st->__count = total << 8 | need;
        st->__value = value;
        return (size_t)-2;
    }
    *st = (mbstate_t){0, 0};
    if (value < least[total] || !is_char(value))
        return ilseq();
    if (wc)
        *wc = (wchar_t)value;
    return value ? used : 0;
}

size_t mbrlen(const char *s, size_t n, mbstate_t *state)
{
    static mbstate_t internal;
    return mbrtowc(NULL, s, n, state ? state : &internal);
}

int mbsinit(const mbstate_t *state) { return !state || !(state->__count & 0xff); }

size_t wcrtomb(char *s, wchar_t wc, mbstate_t *state)
{
    char spare[6];
    uint32_t c = (uint32_t)wc;
    (void)state;
    if (!s) {
        s = spare;
        c = 0;
    }
    if (c < 0x80) {
        s[0] = (char)c;
        return 1;
    }
    if (!is_char(c))
        return ilseq();
    size_t n = c < 0x800 ? 2 : c < 0x10000 ? 3 : c < 0x200000 ? 4 : c < 0x4000000 ? 5 : 6;
    for (size_t i = n - 1; i > 0; i--, c >>= 6)
        s[i] = (char)(0x80 | (c & 0x3f));
    s[0] = (char)(((0xff00 >> n) & 0xff) | c);
    return n;
}

wint_t btowc(int c) { return c >= 0 && c < 0x80 ? (wint_t)c : WEOF; }
int wctob(wint_t c) { return c < 0x80 ? (int)c : EOF; }

size_t mbsrtowcs(wchar_t *dst, const char **src, size_t n, mbstate_t *state)
{
    static mbstate_t internal;
    mbstate_t *st = state ? state : &internal;
    const char *s = *src;
    size_t count = 0;
    while (!dst || count < n) {
        wchar_t wc;
        size_t used = mbrtowc(&wc, s, 6, st);
        if (used == (size_t)-1 || used == (size_t)-2) {
            if (dst)
                *src = s;
            return used == (size_t)-2 ? ilseq() : used;
        }
        if (dst)
            dst[count] = wc;
        if (!wc) {
            if (dst)
                *src = NULL;
            return count;
        }
        s += used;
        count++;
    }
    *src = s;
    return count;
}

size_t wcsrtombs(char *dst, const wchar_t **src, size_t n, mbstate_t *state)
{
    const wchar_t *s = *src;
    size_t count = 0;
    char buf[6];
    (void)state;
    for (;; s++) {
        if (dst && count == n) { /* full: what comes next is not looked at */
            *src = s;
            return count;
        }
        size_t len = wcrtomb(buf, *s, NULL);
        if (len == (size_t)-1) {
            if (dst)
                *src = s;
            return len;
        }
        if (dst) {
            if (count + len > n) {
                *src = s;
                return count;
            }
            memcpy(dst + count, buf, len);
        }
        if (!*s) {
            if (dst)
                *src = NULL;
            return count;
        }
        count += len;
    }
}

int mblen(const char *s, size_t n)
{
    return mbtowc(NULL, s, n);
}

int mbtowc(wchar_t *wc, const char *s, size_t n)
{
    static mbstate_t state;
    if (!s) {
        state = (mbstate_t){0, 0};
        return 0; /* UTF-8 has no shift states */
    }
    if (!*s) { /* whatever n says, as glibc */
        if (wc)
            *wc = 0;
        return 0;
    }
    size_t used = mbrtowc(wc, s, n, &state);
    if (used == (size_t)-2) {
        state = (mbstate_t){0, 0};
        return (int)ilseq();
    }
    return (int)used;
}

int wctomb(char *s, wchar_t wc)
{
    return s ? (int)wcrtomb(s, wc, NULL) : 0;
}

size_t mbstowcs(wchar_t *dst, const char *src, size_t n)
{
    mbstate_t state = {0, 0};
    return mbsrtowcs(dst, &src, n, &state);
}

size_t wcstombs(char *dst, const wchar_t *src, size_t n)
{
    return wcsrtombs(dst, &src, n, NULL);
}

/* ---- numbers: the narrow parsers' ---- */

/* s up to its first character outside ASCII, narrowed (malloc'd; NULL when out of
   memory): numbers are ASCII, and the parsers stop at any other character anyway. */
static char *ascii_prefix(const wchar_t *s)
{
    size_t n = 0;
    while (s[n] > 0 && s[n] < 0x80)
        n++;
    char *narrow = malloc(n + 1);
    if (narrow) {
        for (size_t i = 0; i < n; i++)
            narrow[i] = (char)s[i];
        narrow[n] = 0;
    }
    return narrow;
}

/* Points *end where the parser stopped in narrow (nothing parsed without it). */
static void parsed(const wchar_t *s, wchar_t **end, char *narrow, const char *stop)
{
    if (end)
        *end = (wchar_t *)s + (narrow ? stop - narrow : 0);
    free(narrow);
}

/* The body of a wide parser: `call` parses narrow, setting stop. */
#define WIDE_PARSER(type, call)                                                             \
    {                                                                                      \
        char *narrow = ascii_prefix(s), *stop = narrow;                                    \
        type value = narrow ? call : 0;                                                    \
        parsed(s, end, narrow, stop);                                                      \
        return value;                                                                      \
    }

long wcstol(const wchar_t *s, wchar_t **end, int base)
    WIDE_PARSER(long, strtol(narrow, &stop, base))
unsigned long wcstoul(const wchar_t *s, wchar_t **end, int base)
    WIDE_PARSER(unsigned long, strtoul(narrow, &stop, base))
long long wcstoll(const wchar_t *s, wchar_t **end, int base)
    WIDE_PARSER(long long, strtoll(narrow, &stop, base))
unsigned long long wcstoull(const wchar_t *s, wchar_t **end, int base)
    WIDE_PARSER(unsigned long long, strtoull(narrow, &stop, base))
double wcstod(const wchar_t *s, wchar_t **end) WIDE_PARSER(double, strtod(narrow, &stop))
float wcstof(const wchar_t *s, wchar_t **end) WIDE_PARSER(float, strtof(narrow, &stop))
long double wcstold(const wchar_t *s, wchar_t **end)
    WIDE_PARSER(long double, strtold(narrow, &stop))
