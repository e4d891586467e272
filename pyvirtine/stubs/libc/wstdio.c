/* Wide-character streams and formatting over the narrow ones: a stream's bytes, and a
   wide format's narrow twin, are UTF-8 (wchar.c). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>
#include "stdio_impl.h"

wint_t fgetwc(FILE *f)
{
    mbstate_t state = {0, 0};
    for (;;) {
        int c = fgetc(f);
        char byte = (char)c;
        wchar_t wc;
        if (c == EOF) {
            if (!mbsinit(&state)) /* a character cut off by the end of the stream */
                __stdio_fail(f, EILSEQ);
            return WEOF;
        }
        size_t used = mbrtowc(&wc, &byte, 1, &state);
        if (used == (size_t)-1) {
            __stdio_fail(f, EILSEQ);
            return WEOF;
        }
        if (used != (size_t)-2)
            return (wint_t)wc;
    }
}

wint_t getwc(FILE *f) { return fgetwc(f); }
wint_t getwchar(void) { return fgetwc(stdin); }

/* Only an ASCII character can go back: ungetc keeps one byte. */
wint_t ungetwc(wint_t c, FILE *f)
{
    return c < 0x80 && ungetc((int)c, f) != EOF ? c : WEOF;
}

wchar_t *fgetws(wchar_t *buf, int n, FILE *f)
{
    int i = 0;
    if (n <= 0)
        return NULL;
    while (i < n - 1) {
        wint_t c = fgetwc(f);
        if (c == WEOF)
            break;
        buf[i++] = (wchar_t)c;
        if (c == L'\n')
            break;
    }
    if (i == 0 || ferror(f))
        return NULL;
    buf[i] = 0;
    return buf;
}

wint_t fputwc(wchar_t c, FILE *f)
{
    char bytes[6];
    size_t n = wcrtomb(bytes, c, NULL);
    if (n == (size_t)-1) {
        __stdio_fail(f, EILSEQ);
        return WEOF;
    }
    return fwrite(bytes, 1, n, f) == n ? (wint_t)c : WEOF;
}

wint_t putwc(wchar_t c, FILE *f) { return fputwc(c, f); }
wint_t putwchar(wchar_t c) { return fputwc(c, stdout); }

int fputws(const wchar_t *s, FILE *f)
{
    for (; *s; s++)
        if (fputwc(*s, f) == WEOF)
            return -1;
    return 0;
}

/* Streams have no orientation here: every one takes bytes and wide characters. */
int fwide(FILE *f, int mode)
{
    (void)f;
    return mode;
}

/* s as UTF-8, malloc'd; NULL with errno set on a bad character or no memory. */
static char *utf8_of(const wchar_t *s)
{
    size_t n = wcstombs(NULL, s, 0);
    char *out;
    if (n == (size_t)-1 || !(out = malloc(n + 1)))
        return NULL;
    wcstombs(out, s, n + 1);
    return out;
}

/* Formats the wide format's narrow twin; the text, malloc'd, or NULL. */
static char *format_narrow(const wchar_t *fmt, va_list ap, int *len)
{
    va_list again;
    char *narrow_fmt = utf8_of(fmt), *text = NULL;
    if (narrow_fmt) {
        va_copy(again, ap);
        *len = vsnprintf(NULL, 0, narrow_fmt, ap);
        if (*len >= 0 && (text = malloc((size_t)*len + 1)))
            vsnprintf(text, (size_t)*len + 1, narrow_fmt, again);
        va_end(again);
        free(narrow_fmt);
    }
    return text;
}

int vswprintf(wchar_t *buf, size_t n, const wchar_t *fmt, va_list ap)
{
    int len;
    char *text = format_narrow(fmt, ap, &len);
    size_t wide;
    if (!text)
        return -1;
    wide = mbstowcs(NULL, text, 0);
    if (wide == (size_t)-1 || wide >= n) { /* C: no room for it all is a failure */
        if (n)
            buf[mbstowcs(buf, text, n - 1) == (size_t)-1 ? 0 : n - 1] = 0;
        free(text);
        return -1;
    }
    mbstowcs(buf, text, n);
    free(text);
    return (int)wide;
}

int swprintf(wchar_t *buf, size_t n, const wchar_t *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vswprintf(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

int vfwprintf(FILE *f, const wchar_t *fmt, va_list ap)
{
    int len;
    char *text = format_narrow(fmt, ap, &len);
    size_t wide;
    if (!text)
        return -1;
    wide = mbstowcs(NULL, text, 0);
    if (wide == (size_t)-1 || fwrite(text, 1, (size_t)len, f) != (size_t)len)
        wide = (size_t)-1;
    free(text);
    return (int)wide;
}

int vwprintf(const wchar_t *fmt, va_list ap) { return vfwprintf(stdout, fmt, ap); }

int fwprintf(FILE *f, const wchar_t *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vfwprintf(f, fmt, ap);
    va_end(ap);
    return r;
}

int wprintf(const wchar_t *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vfwprintf(stdout, fmt, ap);
    va_end(ap);
    return r;
}

size_t wcsftime(wchar_t *buf, size_t n, const wchar_t *fmt, const struct tm *tm)
{
    char *narrow_fmt = utf8_of(fmt), text[1024];
    size_t len = narrow_fmt ? strftime(text, sizeof text, narrow_fmt, tm) : 0;
    free(narrow_fmt);
    if (!len || mbstowcs(NULL, text, 0) >= n)
        return 0;
    return mbstowcs(buf, text, n);
}
