/* The scanf family (C99 7.19.6.2), reading from a string or a stream through one
 * character of pushback, as the standard allows. Numbers are gathered as the longest
 * prefix of their syntax and converted by strtof/strtod/strtold/strtoull, so they read
 * exactly as those functions parse. The wide family (7.24.2.2) runs the same engine
 * over the UTF-8 form of its format and input, one wide character at a time. */
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

struct input {
    const char *s;     /* a string, or NULL for f */
    const wchar_t *ws; /* a wide string, for the wide family */
    FILE *f;
    int wide;          /* wide family: characters come from ws or fgetwc(f) */
    long count;        /* characters consumed, for %n */
    /* Wide family: the UTF-8 bytes of the last wide character read, and how
       many of them the engine has taken. */
    char bytes[8];
    int nbytes, taken;
    wint_t last;
};

static int from_string(const struct input *in)
{
    return in->s || in->ws;
}

/* The next byte of the wide input's UTF-8 form. */
static int get_wide(struct input *in)
{
    if (in->taken == in->nbytes) {
        wint_t wc = in->ws ? (*in->ws ? (wint_t)*in->ws++ : WEOF) : fgetwc(in->f);
        size_t n;
        if (wc == WEOF || (n = wcrtomb(in->bytes, (wchar_t)wc, NULL)) == (size_t)-1)
            return EOF;
        in->nbytes = (int)n;
        in->taken = 0;
        in->last = wc;
    }
    return (unsigned char)in->bytes[in->taken++];
}

/* Counts a character at its first byte: the wide family counts wide characters. */
static int starts_character(const struct input *in, int c)
{
    return !in->wide || (c & 0xc0) != 0x80;
}

static int get(struct input *in)
{
    int c = in->wide ? get_wide(in)
            : in->s ? (*in->s ? (unsigned char)*in->s++ : EOF) : fgetc(in->f);
    if (c != EOF && starts_character(in, c))
        in->count++;
    return c;
}

static void unget(struct input *in, int c)
{
    if (c == EOF)
        return;
    if (starts_character(in, c))
        in->count--;
    if (in->wide)
        in->taken--;
    else if (in->s)
        in->s--;
    else
        ungetc(c, in->f);
}

static int skip_space(struct input *in)
{
    int c;
    while ((c = get(in)) != EOF && isspace(c))
        ;
    unget(in, c);
    return c;
}

enum size { HH, H, DEFAULT, L, LL, J, Z, T, LD };

static void store_int(void *p, enum size size, unsigned long long v)
{
    switch (size) {
    case HH: *(signed char *)p = (signed char)v; break;
    case H: *(short *)p = (short)v; break;
    case L: *(long *)p = (long)v; break;
    case LL: case LD: *(long long *)p = (long long)v; break;
    case J: *(intmax_t *)p = (intmax_t)v; break;
    case Z: *(size_t *)p = (size_t)v; break;
    case T: *(ptrdiff_t *)p = (ptrdiff_t)v; break;
    default: *(int *)p = (int)v;
    }
}

/* Appends c to buf (of cap bytes, NUL kept) when it fits; false when the field is full. */
static int take(char *buf, size_t *n, size_t cap, int c)
{
    if (*n + 1 >= cap)
        return 0;
    buf[(*n)++] = (char)c;
    buf[*n] = 0;
    return 1;
}

/* The longest prefix of an integer in base (0: C's prefixes decide) within width. */
static size_t scan_integer(struct input *in, char *buf, size_t cap, long width, int *base)
{
    size_t n = 0;
    int c = get(in);
    if ((c == '+' || c == '-') && width-- > 0) {
        take(buf, &n, cap, c);
        c = get(in);
    }
    if (c == '0' && width > 0 && (*base == 0 || *base == 16)) {
        take(buf, &n, cap, c);
        width--;
        c = get(in);
        if ((c == 'x' || c == 'X') && width > 0) {
            int next = get(in);
            if (isxdigit(next)) {
                take(buf, &n, cap, c);
                width--;
                *base = 16;
            } else if (from_string(in)) { /* "0x" without digits is the number 0 */
                unget(in, next);
                if (*base == 0)
                    *base = 8;
                return n;
            }
            c = next;
        } else if (*base == 0) {
            *base = 8;
        }
    }
    if (*base == 0)
        *base = 10;
    while (width-- > 0 && c != EOF &&
           (*base == 16 ? isxdigit(c) : isdigit(c) && c - '0' < *base) && take(buf, &n, cap, c))
        c = get(in);
    unget(in, c);
    return n;
}

static int matches_word(struct input *in, char *buf, size_t *n, size_t cap, long *width,
                        const char *word)
{
    for (; *word; word++) {
        int c = get(in);
        if (*width <= 0 || tolower(c) != *word) {
            unget(in, c);
            return 0;
        }
        take(buf, n, cap, c);
        (*width)--;
    }
    return 1;
}

/* The longest prefix of a strtod number (decimal, hex, inf, nan) within width: what
 * could still begin a number is consumed, and (as glibc does) the number is what strtod
 * makes of it, "1e+" reading as 1. */
static size_t scan_float(struct input *in, char *buf, size_t cap, long width)
{
    size_t n = 0;
    int c = get(in), hex = 0, digits = 0;
    if ((c == '+' || c == '-') && width-- > 0) {
        take(buf, &n, cap, c);
        c = get(in);
    }
    if (tolower(c) == 'i' || tolower(c) == 'n') {
        unget(in, c);
        if (tolower(c) == 'i') {
            if (!matches_word(in, buf, &n, cap, &width, "inf"))
                return 0;
            size_t inf = n;
            if (!matches_word(in, buf, &n, cap, &width, "inity") && n != inf)
                return 0; /* "infin": neither inf nor infinity (glibc) */
        } else {
            matches_word(in, buf, &n, cap, &width, "nan"); /* no (n-char-sequence), as glibc */
        }
        return n;
    }
    if (c == '0' && width > 0) {
        take(buf, &n, cap, c);
        width--;
        digits = 1;
        c = get(in);
        if ((c == 'x' || c == 'X') && width > 0) {
            take(buf, &n, cap, c);
            width--;
            hex = 1;
            digits = 0;
            c = get(in);
        }
    }
    int dot = 0;
    for (; width > 0 && c != EOF; width--, c = get(in)) {
        if (hex ? isxdigit(c) : isdigit(c))
            digits = 1;
        else if (c == '.' && !dot)
            dot = 1;
        else
            break;
        if (!take(buf, &n, cap, c))
            break;
    }
    if (digits && width > 0 && (hex ? tolower(c) == 'p' : tolower(c) == 'e')) {
        take(buf, &n, cap, c);
        width--;
        c = get(in);
        if ((c == '+' || c == '-') && width > 0) {
            take(buf, &n, cap, c);
            width--;
            c = get(in);
        }
        while (width-- > 0 && isdigit(c) && take(buf, &n, cap, c))
            c = get(in);
    }
    unget(in, c);
    /* "0x" and no digit is no number, but "0x." is 0 (both as glibc has them). */
    return hex && !digits && !dot ? 0 : n;
}

/* The set of a %[...] conversion; returns where the format continues. */
static const char *scan_set(const char *f, unsigned char set[256])
{
    int invert = *f == '^';
    if (invert)
        f++;
    memset(set, 0, 256);
    if (*f == ']')
        set[(unsigned char)*f++] = 1;
    for (; *f && *f != ']'; f++) {
        if (f[1] == '-' && f[2] && f[2] != ']') {
            for (int c = (unsigned char)f[0]; c <= (unsigned char)f[2]; c++)
                set[c] = 1;
            f += 2;
        } else {
            set[(unsigned char)*f] = 1;
        }
    }
    if (invert)
        for (int c = 0; c < 256; c++)
            set[c] = !set[c];
    return *f ? f + 1 : f;
}

static int scan(struct input *in, const char *f, va_list ap)
{
    int assigned = 0;
    char buf[512];
    for (; *f; f++) {
        if (isspace((unsigned char)*f)) {
            skip_space(in);
            continue;
        }
        if (*f != '%' || f[1] == '%') {
            if (*f == '%') { /* %% is a conversion: it skips white space first (7.21.6.2p8) */
                f++;
                skip_space(in);
            }
            int c = get(in);
            if (c != (unsigned char)*f) {
                unget(in, c);
                return c == EOF && !assigned ? EOF : assigned;
            }
            continue;
        }
        f++;
        int suppress = *f == '*';
        if (suppress)
            f++;
        long width = 0;
        while (isdigit((unsigned char)*f))
            width = width * 10 + (*f++ - '0');
        enum size size = DEFAULT;
        if (*f == 'h') size = *++f == 'h' ? (f++, HH) : H;
        else if (*f == 'l') size = *++f == 'l' ? (f++, LL) : L;
        else if (*f == 'j') size = J, f++;
        else if (*f == 'z') size = Z, f++;
        else if (*f == 't') size = T, f++;
        else if (*f == 'L') size = LD, f++;
        char conv = *f;
        if (!conv)
            break;
        if (conv == 'n') {
            if (!suppress)
                store_int(va_arg(ap, void *), size, (unsigned long long)in->count);
            continue;
        }
        /* An input failure before anything was assigned is EOF (as glibc counts it). */
        if (conv != 'c' && conv != '[' && skip_space(in) == EOF)
            return assigned ? assigned : EOF;
        if (!width)
            width = conv == 'c' ? 1 : LONG_MAX;
        if (conv == 'c' || conv == 's' || conv == '[') {
            unsigned char set[256];
            if (conv == '[')
                f = scan_set(f + 1, set) - 1;
            char *out = suppress ? NULL : va_arg(ap, char *);
            long n = 0;
            int c = EOF;
            while (n < width && (c = get(in)) != EOF &&
                   (conv == 'c' || (conv == 's' ? !isspace(c) : set[c]))) {
                if (out)
                    out[n] = (char)c;
                n++;
            }
            if (n < width && c != EOF)
                unget(in, c);
            if (!n) /* (a %c cut short by the end of input keeps what it read, as glibc) */
                return c != EOF || assigned ? assigned : EOF;
            if (out && conv != 'c')
                out[n] = 0;
        } else if (strchr("diouxXp", conv)) {
            int base = conv == 'd' || conv == 'u' ? 10 : conv == 'i' ? 0 :
                       conv == 'o' ? 8 : 16;
            size_t len = scan_integer(in, buf, sizeof buf, width, &base);
            char *end;
            unsigned long long v = conv == 'd' || conv == 'i'
                                       ? (unsigned long long)strtoll(buf, &end, base)
                                       : strtoull(buf, &end, base);
            if (!len || end == buf)
                return assigned;
            if (!suppress) {
                if (conv == 'p')
                    *va_arg(ap, void **) = (void *)(uintptr_t)v;
                else
                    store_int(va_arg(ap, void *), size, v);
            }
        } else if (strchr("aAeEfFgG", conv)) {
            size_t len = scan_float(in, buf, sizeof buf, width);
            char *end;
            long double ld = 0;
            double d = 0;
            float fl = 0;
            /* Each width parsed directly: a float read through double could round twice. */
            if (size == LD)
                ld = strtold(buf, &end);
            else if (size == L)
                d = strtod(buf, &end);
            else
                fl = strtof(buf, &end);
            if (!len || end == buf)
                return assigned;
            if (!suppress) {
                if (size == LD)
                    *va_arg(ap, long double *) = ld;
                else if (size == L)
                    *va_arg(ap, double *) = d;
                else
                    *va_arg(ap, float *) = fl;
            }
        } else {
            return assigned; /* not a conversion C knows */
        }
        if (!suppress)
            assigned++;
    }
    return assigned;
}

int vsscanf(const char *s, const char *format, va_list ap)
{
    struct input in = {0};
    in.s = s;
    return scan(&in, format, ap);
}

int vfscanf(FILE *f, const char *format, va_list ap)
{
    struct input in = {0};
    in.f = f;
    return scan(&in, format, ap);
}

/* The wide family: the engine over the format's UTF-8 form. */
static int scan_wide(struct input *in, const wchar_t *format, va_list ap)
{
    size_t size = wcstombs(NULL, format, 0);
    char *narrow;
    int n;
    if (size == (size_t)-1 || !(narrow = malloc(size + 1)))
        return EOF;
    wcstombs(narrow, format, size + 1);
    in->wide = 1;
    n = scan(in, narrow, ap);
    free(narrow);
    /* A character read but not taken goes back to the stream, as the narrow
       family's one character of pushback. */
    if (in->f && in->nbytes && in->taken == 0)
        ungetwc(in->last, in->f);
    return n;
}

int vswscanf(const wchar_t *s, const wchar_t *format, va_list ap)
{
    struct input in = {0};
    in.ws = s;
    return scan_wide(&in, format, ap);
}

int vfwscanf(FILE *f, const wchar_t *format, va_list ap)
{
    struct input in = {0};
    in.f = f;
    return scan_wide(&in, format, ap);
}

int vwscanf(const wchar_t *format, va_list ap) { return vfwscanf(stdin, format, ap); }

int swscanf(const wchar_t *s, const wchar_t *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = vswscanf(s, format, ap);
    va_end(ap);
    return n;
}

int fwscanf(FILE *f, const wchar_t *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = vfwscanf(f, format, ap);
    va_end(ap);
    return n;
}

int wscanf(const wchar_t *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = vfwscanf(stdin, format, ap);
    va_end(ap);
    return n;
}

int vscanf(const char *format, va_list ap) { return vfscanf(stdin, format, ap); }

int sscanf(const char *s, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = vsscanf(s, format, ap);
    va_end(ap);
    return n;
}

int fscanf(FILE *f, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = vfscanf(f, format, ap);
    va_end(ap);
    return n;
}

int scanf(const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    int n = vfscanf(stdin, format, ap);
    va_end(ap);
    return n;
}
