/* The wide scanf family over streams and wide strings: wscanf and fwscanf on
   stdin, vswscanf through a wrapper, with %n counting wide characters. */
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <wchar.h>

static int wrapped(const wchar_t *s, const wchar_t *format, ...)
{
    va_list ap;
    int n;
    va_start(ap, format);
    n = vswscanf(s, format, ap);
    va_end(ap);
    return n;
}

int main(void)
{
    int i = 0, j = 0, count = 0, n;
    long double ld = 0;
    float f = 0;
    char word[32] = "";
    if (!setlocale(LC_ALL, "C.UTF-8"))
        return 1;
    n = wscanf(L"%d %Lf", &i, &ld);
    printf("wscanf %d %d %La\n", n, i, ld);
    n = fwscanf(stdin, L" %31s %n%f", word, &count, &f);
    printf("fwscanf %d %s %d %a\n", n, word, count, (double)f);
    n = fwscanf(stdin, L"%d", &j);
    printf("fwscanf %d %d next %d\n", n, j, (int)getwchar());
    n = wrapped(L"\u00e9t\u00e9 42 x", L"%s %n%d", word, &count, &i);
    printf("vswscanf %d %s %d %d\n", n, word, count, i);
    n = swscanf(L"0x1.8p3 junk", L"%Lf %d", &ld, &i);
    printf("swscanf %d %La\n", n, ld);
    n = swscanf(L"", L"%d", &i);
    printf("swscanf empty %d\n", n);
    return 0;
}
