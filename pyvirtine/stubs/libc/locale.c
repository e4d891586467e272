/* The "C" locale, the only one a virtine has. */
#include <locale.h>
#include <string.h>

static char c_name[] = "C", empty[] = "", dot[] = ".";

char *setlocale(int category, const char *locale)
{
    if (category < 0 || category > LC_ALL)
        return NULL;
    if (!locale || !*locale || !strcmp(locale, "C") || !strcmp(locale, "POSIX"))
        return c_name;
    return NULL;
}

struct lconv *localeconv(void)
{
    static struct lconv c = {dot, empty, empty, empty, empty, empty, empty, empty, empty, empty,
                             127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127, 127};
    return &c;
}
