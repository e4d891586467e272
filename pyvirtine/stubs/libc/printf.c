/* The printf family. Floating-point conversions print the exact decimal value
   of the double or x87 long double (through big integers) and round it
   half-to-even, so every digit matches a correctly rounding libc such as glibc. */
#include <stdio.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>
#include <errno.h>
#include "stdio_impl.h"
#include "bigint.h"

#define LEFT 1
#define PLUS 2
#define SPACE 4
#define ALT 8
#define ZERO 16

/* Longest exact expansion of a long double: m * 5^16445 has 11,516 digits. */
#define MAX_DIGITS 11530
/* Conversions are built in a buffer with at most this many digits after the
   point; the exact expansion of a long double ends within 16445 decimals, so
   any further digits are zeros and are emitted without being stored. */
#define MAX_PRECISION 16500
#define NUM_BUF (MAX_DIGITS + MAX_PRECISION + 16)

struct out {
    FILE *file;
    char *buf;
    size_t cap;
    size_t count;
    int bad_char; /* a %lc or %ls argument had no multibyte form: the call fails */
};

static void put(struct out *o, const char *s, size_t n)
{
    if (o->file) {
        __stdio_put(o->file, s, n);
    } else if (o->count + 1 < o->cap) {
        size_t room = o->cap - 1 - o->count;
        memcpy(o->buf + o->count, s, n < room ? n : room);
    }
    o->count += n;
}

static void put_repeat(struct out *o, char c, int n)
{
    char chunk[32];
    memset(chunk, c, sizeof chunk);
    for (; n > 0; n -= 32)
        put(o, chunk, n < 32 ? (size_t)n : 32);
}

/* Emits prefix (sign, 0x), then body with `zeros` zeros inserted before
   body[split], padded to width. */
static void put_field(struct out *o, int flags, int width, const char *prefix,
                      const char *body, int len, int split, int zeros)
{
    int plen = (int)strlen(prefix);
    int pad = width - plen - zeros - len;
    if (pad < 0)
        pad = 0;
    if (!(flags & (LEFT | ZERO)))
        put_repeat(o, ' ', pad);
    put(o, prefix, (size_t)plen);
    if ((flags & (LEFT | ZERO)) == ZERO)
        put_repeat(o, '0', pad);
    put(o, body, (size_t)split);
    put_repeat(o, '0', zeros);
    put(o, body + split, (size_t)(len - split));
    if (flags & LEFT)
        put_repeat(o, ' ', pad);
}

static void format_integer(struct out *o, int flags, int width, int precision,
                           unsigned long long value, int negative, int base, int upper,
                           int is_pointer)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char buf[70], prefix[4] = "";
    int len = 0, zeros;
    char *end = buf + sizeof buf;
    while (value) {
        *--end = digits[value % (unsigned)base];
        value /= (unsigned)base;
        len++;
    }
    if (negative)
        strcpy(prefix, "-");
    else if (flags & PLUS)
        strcpy(prefix, "+");
    else if (flags & SPACE)
        strcpy(prefix, " ");
    if (((flags & ALT) && base == 16 && len) || is_pointer)
        strcat(prefix, upper ? "0X" : "0x");
    if (precision >= 0)
        flags &= ~ZERO;
    else
        precision = 1;
    zeros = precision > len ? precision - len : 0;
    if ((flags & ALT) && base == 8 && zeros == 0 && (len == 0 || *end != '0'))
        zeros = 1;
    put_field(o, flags, width, prefix, end, len, 0, zeros);
}

/* A double or long double taken apart: finite values are m * 2^e. */
struct fvalue {
    int negative;
    char special; /* 0, 'i' (infinity) or 'n' (NaN) */
    uint64_t m;
    int e;
    int hex_digits; /* fraction digits of %a: 13 for double, 15 for x87 */
};

static struct fvalue split_double(double v)
{
    struct fvalue f;
    uint64_t bits;
    int biased;
    memcpy(&bits, &v, sizeof bits);
    biased = (int)(bits >> 52) & 0x7ff;
    f.negative = (int)(bits >> 63);
    f.m = bits & (((uint64_t)1 << 52) - 1);
    f.special = biased != 0x7ff ? 0 : f.m ? 'n' : 'i';
    if (biased)
        f.m |= (uint64_t)1 << 52;
    f.e = biased ? biased - 1075 : -1074;
    f.hex_digits = 13;
    return f;
}

/* x87 extended: the significand's leading bit is explicit. Encodings the FPU
   no longer produces (exponent set, leading bit clear) print as NaN, as glibc. */
static struct fvalue split_long_double(long double v)
{
    struct fvalue f;
    unsigned char bytes[sizeof v];
    uint16_t top;
    int biased;
    memcpy(bytes, &v, sizeof v);
    memcpy(&f.m, bytes, 8);
    memcpy(&top, bytes + 8, 2);
    biased = top & 0x7fff;
    f.negative = top >> 15;
    if (biased == 0x7fff)
        f.special = f.m == (uint64_t)1 << 63 ? 'i' : 'n';
    else
        f.special = biased && !(f.m >> 63) ? 'n' : 0;
    f.e = biased ? biased - 16446 : -16445;
    f.hex_digits = 15;
    return f;
}

/* The exact decimal expansion of finite nonzero mantissa * 2^exponent: digits
   without leading or trailing zeros, value = 0.DIGITS * 10^*point. Returns
   the digit count. */
static int exact_digits(uint64_t mantissa, int exponent, char *out, int *point)
{
    static struct big n;
    static uint32_t chunks[MAX_DIGITS / 9 + 2];
    int nchunks = 0, len = 0, i, j;
    char tmp[10];
    while (!(mantissa & 1)) {
        mantissa >>= 1;
        exponent++;
    }
    __big_set(&n, mantissa);
    if (exponent > 0)
        __big_shift_left(&n, exponent);
    else
        __big_mul_pow5(&n, -exponent); /* v = m*5^k / 10^k */
    while (n.len)
        chunks[nchunks++] = __big_divide_small(&n, 1000000000);
    for (i = nchunks - 1; i >= 0; i--) {
        uint32_t c = chunks[i];
        for (j = 8; j >= 0; j--) {
            tmp[j] = (char)('0' + c % 10);
            c /= 10;
        }
        for (j = 0; j < 9; j++)
            if (len || tmp[j] != '0')
                out[len++] = tmp[j];
    }
    *point = len + (exponent < 0 ? exponent : 0);
    while (out[len - 1] == '0')
        len--;
    return len;
}

/* Rounds digits to `keep` significant digits, half to even (the digits are
   exact, so a 5 with nothing after it is a true tie). Returns the new count;
   0 means the value rounded to zero. May carry into *point. */
static int round_digits(char *d, int n, int keep, int *point)
{
    int up, i;
    if (keep >= n)
        return n;
    if (keep < 0)
        return 0;
    if (d[keep] != '5')
        up = d[keep] > '5';
    else if (n > keep + 1)
        up = 1;
    else
        up = keep > 0 && (d[keep - 1] - '0') % 2 == 1;
    n = keep;
    if (up) {
        for (i = keep - 1; i >= 0 && d[i] == '9'; i--)
            ;
        if (i < 0) {
            d[0] = '1';
            (*point)++;
            return 1;
        }
        d[i]++;
        n = i + 1;
    }
    while (n > 0 && d[n - 1] == '0')
        n--;
    return n;
}

static char digit_at(const char *d, int n, int i)
{
    return i >= 0 && i < n ? d[i] : '0';
}

/* Writes DIGITS * 10^point in fixed notation with `precision` decimals. */
static int fixed_body(char *out, const char *d, int n, int point, int precision, int alt)
{
    int len = 0, i;
    if (point <= 0)
        out[len++] = '0';
    for (i = 0; i < point; i++)
        out[len++] = digit_at(d, n, i);
    if (precision > 0 || alt)
        out[len++] = '.';
    for (i = 0; i < precision; i++)
        out[len++] = digit_at(d, n, point + i);
    return len;
}

static int exponent_body(char *out, const char *d, int n, int exp10, int precision, int alt,
                         int upper)
{
    int len = 0, i, mag = exp10 < 0 ? -exp10 : exp10;
    char tmp[8];
    int tlen = 0;
    out[len++] = digit_at(d, n, 0);
    if (precision > 0 || alt)
        out[len++] = '.';
    for (i = 1; i <= precision; i++)
        out[len++] = digit_at(d, n, i);
    out[len++] = upper ? 'E' : 'e';
    out[len++] = exp10 < 0 ? '-' : '+';
    do {
        tmp[tlen++] = (char)('0' + mag % 10);
        mag /= 10;
    } while (mag);
    if (tlen < 2)
        tmp[tlen++] = '0';
    while (tlen)
        out[len++] = tmp[--tlen];
    return len;
}

/* Where the exponent marker (e or p, either case) starts in out[0..len), or len. */
static int exponent_start(const char *out, int len, char marker)
{
    int i = 0;
    while (i < len && (out[i] | 32) != marker)
        i++;
    return i;
}

/* Drops trailing zeros after the point (and then the point) in out[0..len),
   keeping any exponent: %g without '#'. */
static int strip_zeros(char *out, int len)
{
    int mantissa_end = exponent_start(out, len, 'e'), end;
    if (!memchr(out, '.', (size_t)mantissa_end))
        return len;
    end = mantissa_end;
    while (out[end - 1] == '0')
        end--;
    if (out[end - 1] == '.')
        end--;
    memmove(out + end, out + mantissa_end, (size_t)(len - mantissa_end));
    return end + (len - mantissa_end);
}

/* %a: the leading hex digit is what sits above the hex_digits fraction digits
   of the mantissa (0-1 for double, 0-f for x87, as glibc prints them). */
static int hex_body(char *out, const struct fvalue *v, int precision, int alt, int upper)
{
    const char *hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    int ndig = v->hex_digits, fbits = 4 * ndig;
    uint64_t frac = v->m & (((uint64_t)1 << fbits) - 1);
    int lead = (int)(v->m >> fbits), exp2 = v->m ? v->e + fbits : 0, len = 0, i;
    char tmp[8];
    int tlen = 0, mag;
    if (precision < 0) {
        while (ndig > 0 && !(frac & 15)) {
            frac >>= 4;
            ndig--;
        }
    } else if (precision < ndig) {
        /* Round the whole significand (leading digit included) half to even. */
        int shift = 4 * (ndig - precision);
        uint64_t all = v->m;
        uint64_t rest = all & (((uint64_t)1 << shift) - 1), half = (uint64_t)1 << (shift - 1);
        all >>= shift;
        if (rest > half || (rest == half && (all & 1)))
            all++;
        lead = (int)(all >> (4 * precision));
        frac = all & (((uint64_t)1 << (4 * precision)) - 1);
        ndig = precision;
        if (lead > 15) {
            /* 0xf.f... carried into a fifth bit: glibc writes 0x1p+(exp + 4). */
            lead = 1;
            exp2 += 4;
        }
    }
    out[len++] = hex[lead];
    if (ndig > 0 || precision > 0 || alt)
        out[len++] = '.';
    for (i = ndig - 1; i >= 0; i--)
        out[len++] = hex[(frac >> (4 * i)) & 15];
    for (i = ndig; i < precision; i++)
        out[len++] = '0';
    out[len++] = upper ? 'P' : 'p';
    out[len++] = exp2 < 0 ? '-' : '+';
    mag = exp2 < 0 ? -exp2 : exp2;
    do {
        tmp[tlen++] = (char)('0' + mag % 10);
        mag /= 10;
    } while (mag);
    while (tlen)
        out[len++] = tmp[--tlen];
    return len;
}

static void format_float(struct out *o, int flags, int width, int precision,
                         const struct fvalue *v, char conv)
{
    static char body[NUM_BUF];
    static char digits[MAX_DIGITS];
    int upper = conv == 'F' || conv == 'E' || conv == 'G' || conv == 'A';
    int len, n = 0, point = 0, extra = 0;
    char prefix[4] = "";
    char lower = (char)(conv | 32);
    if (v->negative)
        strcpy(prefix, "-");
    else if (flags & PLUS)
        strcpy(prefix, "+");
    else if (flags & SPACE)
        strcpy(prefix, " ");
    if (v->special) {
        const char *text = v->special == 'n' ? (upper ? "NAN" : "nan")
                                             : (upper ? "INF" : "inf");
        put_field(o, flags & ~ZERO, width, prefix, text, 3, 0, 0);
        return;
    }
    if (precision > MAX_PRECISION) {
        extra = precision - MAX_PRECISION;
        precision = MAX_PRECISION;
    }
    if (lower == 'a') {
        strcat(prefix, upper ? "0X" : "0x");
        len = hex_body(body, v, precision, flags & ALT, upper);
        put_field(o, flags, width, prefix, body, len, exponent_start(body, len, 'p'), extra);
        return;
    }
    if (precision < 0)
        precision = 6;
    if (v->m)
        n = exact_digits(v->m, v->e, digits, &point);
    if (lower == 'f') {
        n = round_digits(digits, n, point + precision, &point);
        len = fixed_body(body, digits, n, n ? point : 0, precision, flags & ALT);
    } else if (lower == 'e') {
        n = round_digits(digits, n, precision + 1, &point);
        len = exponent_body(body, digits, n, n ? point - 1 : 0, precision, flags & ALT, upper);
    } else {
        int exp10;
        if (precision == 0)
            precision = 1;
        n = round_digits(digits, n, precision, &point);
        exp10 = n ? point - 1 : 0;
        if (exp10 < precision && exp10 >= -4)
            len = fixed_body(body, digits, n, n ? point : 0, precision - 1 - exp10,
                             flags & ALT);
        else
            len = exponent_body(body, digits, n, exp10, precision - 1, flags & ALT, upper);
        if (!(flags & ALT)) {
            len = strip_zeros(body, len);
            extra = 0;
        }
    }
    put_field(o, flags, width, prefix, body, len, exponent_start(body, len, 'e'), extra);
}

static void format_string(struct out *o, int flags, int width, int precision, const char *s)
{
    int len;
    if (!s)
        s = precision < 0 || precision >= 6 ? "(null)" : "";
    len = (int)(precision < 0 ? strlen(s) : strnlen(s, (size_t)precision));
    put_field(o, flags & ~ZERO, width, "", s, len, 0, 0);
}

/* %ls (one character for %lc): as UTF-8, at most precision bytes of whole characters. */
static void format_wide(struct out *o, int flags, int width, int precision, const wchar_t *s,
                        size_t count)
{
    char bytes[6];
    size_t len = 0, i, n;
    if (!s) {
        format_string(o, flags, width, precision, NULL);
        return;
    }
    for (i = 0; i < count && (count != (size_t)-1 || s[i]); i++) {
        n = wcrtomb(bytes, s[i], NULL);
        if (n == (size_t)-1) {
            o->bad_char = 1;
            return;
        }
        if (precision >= 0 && len + n > (size_t)precision)
            break;
        len += n;
    }
    count = i;
    if (!(flags & LEFT))
        put_repeat(o, ' ', width - (int)len);
    for (i = 0; i < count; i++)
        put(o, bytes, wcrtomb(bytes, s[i], NULL));
    if (flags & LEFT)
        put_repeat(o, ' ', width - (int)len);
}

enum length { NONE, HH, H, L, LL, Z, J, T, BIG_L };

int __format(FILE *f, char *buf, size_t cap, const char *fmt, va_list ap)
{
    struct out o;
    o.file = f;
    o.buf = buf;
    o.cap = cap;
    o.count = 0;
    o.bad_char = 0;
    while (*fmt) {
        int flags = 0, width = 0, precision = -1;
        enum length length = NONE;
        const char *start = fmt;
        char conv;
        while (*fmt && *fmt != '%')
            fmt++;
        put(&o, start, (size_t)(fmt - start));
        if (!*fmt)
            break;
        start = fmt++;
        for (;; fmt++) {
            if (*fmt == '-')
                flags |= LEFT;
            else if (*fmt == '+')
                flags |= PLUS;
            else if (*fmt == ' ')
                flags |= SPACE;
            else if (*fmt == '#')
                flags |= ALT;
            else if (*fmt == '0')
                flags |= ZERO;
            else
                break;
        }
        if (*fmt == '*') {
            width = va_arg(ap, int);
            if (width < 0) {
                flags |= LEFT;
                width = -width;
            }
            fmt++;
        } else {
            while (*fmt >= '0' && *fmt <= '9')
                width = width * 10 + (*fmt++ - '0');
        }
        if (*fmt == '.') {
            fmt++;
            precision = 0;
            if (*fmt == '*') {
                precision = va_arg(ap, int);
                if (precision < 0)
                    precision = -1;
                fmt++;
            } else {
                while (*fmt >= '0' && *fmt <= '9')
                    precision = precision * 10 + (*fmt++ - '0');
            }
        }
        if (*fmt == 'h') {
            length = H;
            if (*++fmt == 'h') {
                length = HH;
                fmt++;
            }
        } else if (*fmt == 'l') {
            length = L;
            if (*++fmt == 'l') {
                length = LL;
                fmt++;
            }
        } else if (*fmt == 'z' || *fmt == 'j' || *fmt == 't' || *fmt == 'L') {
            length = *fmt == 'z' ? Z : *fmt == 'j' ? J : *fmt == 't' ? T : BIG_L;
            fmt++;
        }
        if (flags & LEFT)
            flags &= ~ZERO;
        if (flags & PLUS)
            flags &= ~SPACE;
        conv = *fmt;
        if (!conv)
            break;
        fmt++;
        switch (conv) {
        case 'd':
        case 'i': {
            long long v;
            switch (length) {
            case HH: v = (signed char)va_arg(ap, int); break;
            case H: v = (short)va_arg(ap, int); break;
            case L: v = va_arg(ap, long); break;
            case LL: v = va_arg(ap, long long); break;
            case Z: v = (long long)va_arg(ap, size_t); break;
            case J: v = va_arg(ap, intmax_t); break;
            case T: v = va_arg(ap, ptrdiff_t); break;
            default: v = va_arg(ap, int); break;
            }
            format_integer(&o, flags, width, precision,
                           v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v, v < 0,
                           10, 0, 0);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
            unsigned long long v;
            switch (length) {
            case HH: v = (unsigned char)va_arg(ap, unsigned); break;
            case H: v = (unsigned short)va_arg(ap, unsigned); break;
            case L: v = va_arg(ap, unsigned long); break;
            case LL: v = va_arg(ap, unsigned long long); break;
            case Z: v = va_arg(ap, size_t); break;
            case J: v = va_arg(ap, uintmax_t); break;
            case T: v = (unsigned long long)va_arg(ap, ptrdiff_t); break;
            default: v = va_arg(ap, unsigned); break;
            }
            format_integer(&o, flags & ~(PLUS | SPACE), width, precision, v, 0,
                           conv == 'u' ? 10 : conv == 'o' ? 8 : 16, conv == 'X', 0);
            break;
        }
        case 'p': {
            void *p = va_arg(ap, void *);
            if (p)
                format_integer(&o, flags, width, precision, (unsigned long long)(uintptr_t)p,
                               0, 16, 0, 1);
            else
                format_string(&o, flags, width, -1, "(nil)");
            break;
        }
        case 'c': {
            if (length == L) {
                wchar_t wc = (wchar_t)va_arg(ap, wint_t);
                format_wide(&o, flags, width, -1, &wc, 1);
                break;
            }
            char c = (char)va_arg(ap, int);
            put_field(&o, flags & ~ZERO, width, "", &c, 1, 0, 0);
            break;
        }
        case 's':
            if (length == L)
                format_wide(&o, flags, width, precision, va_arg(ap, const wchar_t *),
                            (size_t)-1);
            else
                format_string(&o, flags, width, precision, va_arg(ap, const char *));
            break;
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G':
        case 'a':
        case 'A': {
            struct fvalue v = length == BIG_L ? split_long_double(va_arg(ap, long double))
                                              : split_double(va_arg(ap, double));
            format_float(&o, flags, width, precision, &v, conv);
            break;
        }
        case 'n': {
            void *p = va_arg(ap, void *);
            switch (length) {
            case HH: *(signed char *)p = (signed char)o.count; break;
            case H: *(short *)p = (short)o.count; break;
            case L: *(long *)p = (long)o.count; break;
            case LL: *(long long *)p = (long long)o.count; break;
            case Z: *(size_t *)p = o.count; break;
            case J: *(intmax_t *)p = (intmax_t)o.count; break;
            case T: *(ptrdiff_t *)p = (ptrdiff_t)o.count; break;
            default: *(int *)p = (int)o.count; break;
            }
            break;
        }
        case '%':
            put(&o, "%", 1);
            break;
        default:
            /* Unknown conversions are printed as written. */
            put(&o, start, (size_t)(fmt - start));
            break;
        }
    }
    if (!f && cap)
        buf[o.count < cap ? o.count : cap - 1] = 0;
    if (o.bad_char) {
        errno = EILSEQ;
        return -1;
    }
    return (int)o.count;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    return __format(NULL, buf, size, fmt, ap);
}

int vsprintf(char *buf, const char *fmt, va_list ap)
{
    return __format(NULL, buf, (size_t)-1 / 2, fmt, ap);
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
    unsigned before = f->failures;
    int n = __format(f, NULL, 0, fmt, ap);
    __stdio_end(f);
    return f->failures != before ? -1 : n;
}

int vprintf(const char *fmt, va_list ap)
{
    return vfprintf(stdout, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int sprintf(char *buf, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsprintf(buf, fmt, ap);
    va_end(ap);
    return n;
}

int fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vfprintf(f, fmt, ap);
    va_end(ap);
    return n;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n;
}
