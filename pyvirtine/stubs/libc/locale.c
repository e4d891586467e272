/* The "C" locale, the only one a virtine has; its multibyte characters are UTF-8
   (wchar.c), so "C.UTF-8" names it too. */
#include <locale.h>
#include <string.h>

static char c_name[] = "C", empty[] = "", dot[] = ".";

char *setlocale(int category, const char *locale)
{
    if (category < 0 || category > LC_ALL)
        return NULL;
    if (!locale || !*locale || !strcmp(locale, "C") || !strcmp(locale, "POSIX") ||
        !strcmp(locale, "C.UTF-8") || !strcmp(locale, "C.utf8"))
        return c_name;
    return NULL;
}

struct lconv *localeconv(void)
{
    static struct lconv c = {dot, empty, empty, empty, empty, empty, empty, empty, empty, empty,
                             127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127};
    return &c;
}
