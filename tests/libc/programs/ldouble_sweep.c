/* long double and float conversions: printf's %L conversions of random x87
   bit patterns, strtold and strtof (round trips, halfway points written out
   exactly, extremes) and sscanf/swscanf of %Lf and %f. Each result is printed
   as text or raw bits for the test to compare with glibc. */
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <wchar.h>
#include "rng.h"

static long double ld_from_parts(uint64_t m, unsigned top)
{
    unsigned char bytes[sizeof(long double)];
    long double v;
    uint16_t t = (uint16_t)top;
    memset(bytes, 0, sizeof bytes);
    memcpy(bytes, &m, 8);
    memcpy(bytes + 8, &t, 2);
    memcpy(&v, bytes, sizeof v);
    return v;
}

static void print_ld_bits(long double v)
{
    unsigned char bytes[sizeof(long double)];
    uint64_t m;
    uint16_t top;
    memcpy(bytes, &v, sizeof v);
    memcpy(&m, bytes, 8);
    memcpy(&top, bytes + 8, 2);
    printf("%04x:%016llx", top, (unsigned long long)m);
}

/* A finite long double from a mix of shapes: any exponent, subnormals,
   moderate magnitudes, short mantissas (ties in decimal), the extremes. Each
   random draw is its own statement: C leaves the order within an expression open. */
static long double rng_long_double(void)
{
    uint64_t m = rng_next();
    unsigned sign = rng_below(2) ? 0x8000 : 0;
    int kind = rng_below(6), a = rng_below(64), b = rng_below(200);
    switch (kind) {
    case 0: return ld_from_parts(m | (uint64_t)1 << 63, sign | (unsigned)(1 + m % 0x7ffe));
    case 1: return ld_from_parts(m >> a & ~((uint64_t)1 << 63), sign);
    case 2: return ld_from_parts(m | (uint64_t)1 << 63, sign | (unsigned)(16383 + b - 100));
    case 3: return ld_from_parts((m | (uint64_t)1 << 63) & ~(((uint64_t)1 << a) - 1),
                                 sign | (unsigned)(16383 + b % 130 - 65));
    case 4: return ld_from_parts(a & 1 ? ~(uint64_t)0 : (uint64_t)1 << 63,
                                 sign | (b & 1 ? 0x7ffe : 1));
    default: return ld_from_parts(a % 3 ? 1 : 0, sign);
    }
}

static void print_ld(void)
{
    static const char convs[] = "fFeEgGaA";
    static char out[20000];
    long double v = rng_long_double();
    char fmt[32], *p = fmt;
    char c = convs[rng_below(8)];
    int ret;
    *p++ = '%';
    if (rng_below(3) == 0)
        *p++ = "-+ #0"[rng_below(5)];
    if (rng_below(3) == 0)
        p += sprintf(p, "%d", rng_below(40));
    switch (rng_below(4)) {
    case 0: p += sprintf(p, ".%d", rng_below(25)); break;
    case 1: p += sprintf(p, ".%d", 15 + rng_below(40)); break;
    case 2: if ((c | 32) != 'f') p += sprintf(p, ".%d", 11500 + rng_below(100)); break;
    default: break;
    }
    p += sprintf(p, "L%c", c);
    ret = snprintf(out, sizeof out, fmt, v);
    printf("%s|%d|%s\n", fmt, ret, out);
}

static void check_strtold(const char *s)
{
    char *end;
    long double v;
    errno = 0;
    v = strtold(s, &end);
    printf("strtold %.60s ", s);
    print_ld_bits(v);
    printf(" %d %d\n", errno, (int)(end - s));
}

static void check_strtof(const char *s)
{
    char *end;
    float v;
    uint32_t bits;
    errno = 0;
    v = strtof(s, &end);
    memcpy(&bits, &v, sizeof bits);
    printf("strtof %.60s %08x %d %d\n", s, (unsigned)bits, errno, (int)(end - s));
}

/* Strips a fixed-notation number to its digits, padded to `len` on the left. */
static void digits_of(const char *s, char *out, int len)
{
    int n = 0, i;
    char tmp[400];
    for (; *s; s++)
        if (*s >= '0' && *s <= '9')
            tmp[n++] = *s;
    for (i = 0; i < len - n; i++)
        out[i] = '0';
    memcpy(out + len - n, tmp, (size_t)n);
    out[len] = 0;
}

/* The exact midpoint of a and b (exact %.Nf expansions with N decimals), as
   a decimal string with N + 1 decimals. */
static void midpoint(const char *a, const char *b, int decimals, char *out)
{
    char da[400], db[400], sum[402];
    int len = (int)(strlen(a) > strlen(b) ? strlen(a) : strlen(b)), i, carry = 0, rem = 0, o = 0;
    digits_of(a, da, len);
    digits_of(b, db, len);
    /* sum = (da + db) * 10, then halve: the midpoint with one more decimal. */
    for (i = len - 1; i >= 0; i--) {
        int d = (da[i] - '0') + (db[i] - '0') + carry;
        sum[i + 1] = (char)('0' + d % 10);
        carry = d / 10;
    }
    sum[0] = (char)('0' + carry);
    sum[len + 1] = '0';
    sum[len + 2] = 0;
    for (i = 0; i < len + 2; i++) {
        int d = rem * 10 + (sum[i] - '0');
        out[o++] = (char)('0' + d / 2);
        rem = d % 2;
        if (i == len + 1 - (decimals + 1))
            out[o++] = '.';
    }
    out[o] = 0;
}

/* Decimal strings at, just above and just below the halfway point between
   neighbouring long doubles (or floats). */
static void halfway_case(int is_float)
{
    char a[400], b[400], mid[820], s[900];
    int decimals;
    if (is_float) {
        uint32_t bits = (uint32_t)rng_next() & 0x7fffffff, next;
        float x, y;
        int low = rng_below(6) == 0; /* at the subnormal boundary, or anywhere */
        if ((bits >> 23) == 0xff || (bits >> 23) < 80 || (bits >> 23) > 180 || low)
            bits = (bits & 0x807fffff) |
                   (uint32_t)(low ? (int)(bits & 1) : 100 + rng_below(60)) << 23;
        next = bits + 1;
        memcpy(&x, &bits, 4);
        memcpy(&y, &next, 4);
        decimals = 150 - (int)(bits >> 23) + 1;
        if (decimals < 0)
            decimals = 0;
        snprintf(a, sizeof a, "%.*f", decimals, (double)x);
        snprintf(b, sizeof b, "%.*f", decimals, (double)y);
    } else {
        uint64_t mant = rng_next() | (uint64_t)1 << 63;
        long double x = ld_from_parts(mant, (unsigned)(16383 + rng_below(160) - 80));
        long double y = ld_from_parts(0, 0);
        unsigned char bytes[sizeof x];
        uint64_t m;
        uint16_t top;
        memcpy(bytes, &x, sizeof x);
        memcpy(&m, bytes, 8);
        memcpy(&top, bytes + 8, 2);
        y = m == ~(uint64_t)0 ? ld_from_parts((uint64_t)1 << 63, top + 1u) : ld_from_parts(m + 1, top);
        decimals = 16383 + 63 - top;
        if (decimals < 0)
            decimals = 0;
        snprintf(a, sizeof a, "%.*Lf", decimals, x);
        snprintf(b, sizeof b, "%.*Lf", decimals, y);
    }
    midpoint(a, b, decimals, mid);
    switch (rng_below(3)) {
    case 0: snprintf(s, sizeof s, "%s", mid); break;
    case 1: snprintf(s, sizeof s, "%s000000000001", mid); break;
    default: snprintf(s, sizeof s, "%.*s", (int)(strlen(mid) - 1 - (size_t)rng_below(8)), mid); break;
    }
    if (is_float)
        check_strtof(s);
    else
        check_strtold(s);
}

static void random_decimal(char *s, int max_exp)
{
    int n = 1 + rng_below(30), i, o = 0;
    if (rng_below(2))
        s[o++] = '-';
    for (i = 0; i < n; i++) {
        s[o++] = (char)('0' + rng_below(10));
        if (i == 0)
            s[o++] = '.';
    }
    sprintf(s + o, "e%d", rng_below(2 * max_exp) - max_exp);
}

static void round_trip(void)
{
    char s[64];
    long double v = rng_long_double();
    snprintf(s, sizeof s, rng_below(2) ? "%.21Lg" : "%La", v);
    check_strtold(s);
}

static void scan_case(void)
{
    char s[64];
    long double ld = 0;
    double d = 0;
    float f = 0;
    wchar_t ws[64];
    int n, i;
    random_decimal(s, rng_below(2) ? 50 : 5000);
    n = sscanf(s, "%Lf", &ld);
    printf("sscanf %s %d ", s, n);
    print_ld_bits(ld);
    n = sscanf(s, "%f", &f);
    printf(" %d %a", n, (double)f);
    for (i = 0; s[i]; i++)
        ws[i] = (wchar_t)s[i];
    ws[i] = 0;
    ld = 0;
    f = 0;
    n = swscanf(ws, L"%Lf", &ld);
    printf(" %d ", n);
    print_ld_bits(ld);
    n = swscanf(ws, L"%1f%lg", &f, &d);
    printf(" %d %a %a\n", n, (double)f, d);
}

int main(void)
{
    static const char *extremes[] = {
        "1e-4951", "3.6e-4951", "3.64519953188247460252840593361941982e-4951", "1.8e-4951",
        "1.82259976594123730126420296680970991e-4951", "1.82259976594123730126420296680970992e-4951",
        "3.36210314311209350626e-4932", "1.18973149535723176502e+4932",
        "1.18973149535723176508575932662800702e4932", "1.18973149535723176508575932662800703e4932",
        "1.2e4932", "1e5000", "-1e-5000", "0x1p-16445", "0x1p-16446", "0x1.8p-16446",
        "0x1.0000000000000001p0", "0x1.00000000000000008p0", "0x1.00000000000000018p0",
        "0x1.000000000000000080000001p0", "0xf.fffffffffffffffp+16380", "0xf.fffffffffffffff8p+16380",
        "inf", "-nan", "nan(123)", "0.1", "1e-10", "123456789012345678901234567890",
        "1.5e-45", "7.006492321624085354618647916449580656401309709382578858785341419448955413429303e-46",
        "7.006492321624085354618647916449580656401309709382578858785341419448955413429304e-46",
        "3.4028235677973366e38", "3.4028235677973367e38", "1.17549421e-38", "0x1.fffffep127",
        "0x1.ffffffp127", "0x1.000001p0", "0x1.0000011p0", "1e-46", "1e39",
        /* Just under the smallest normal: rounds up to it, or stays subnormal. */
        "0x1.fffffep-127", "0x1.ffffffp-127", "0x1.fffffe8p-127", "0x1.fffffffffffffffep-16383",
        "0x1.ffffffffffffffffp-16383", "0x1.fffffffffffffffe8p-16383", "2.2250738585072011e-308",
        "3.3621031431120935062e-4932", "3.36210314311209350626267781732175260e-4932",
        "1.1754942e-38", "1.17549428e-38"};
    int count = read_params(), i;
    for (i = 0; i < (int)(sizeof extremes / sizeof extremes[0]); i++) {
        check_strtold(extremes[i]);
        check_strtof(extremes[i]);
    }
    for (i = 0; i < count; i++) {
        char s[64];
        switch (rng_below(7)) {
        case 0: case 1: print_ld(); break;
        case 2: round_trip(); break;
        case 3: halfway_case(rng_below(2)); break;
        case 4: random_decimal(s, 5000); check_strtold(s); break;
        case 5: random_decimal(s, 50); check_strtof(s); break;
        default: scan_case(); break;
        }
    }
    return 0;
}
