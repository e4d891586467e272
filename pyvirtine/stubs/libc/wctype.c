/* wctype.h in the "C" locale: ASCII's classes and cases (ctype.h's), none elsewhere. */
#include <ctype.h>
#include <string.h>
#include <wctype.h>

#define ASCII(c) ((c) < 0x80)

int iswalnum(wint_t c) { return ASCII(c) && isalnum((int)c); }
int iswalpha(wint_t c) { return ASCII(c) && isalpha((int)c); }
int iswblank(wint_t c) { return ASCII(c) && isblank((int)c); }
int iswcntrl(wint_t c) { return ASCII(c) && iscntrl((int)c); }
int iswdigit(wint_t c) { return ASCII(c) && isdigit((int)c); }
int iswgraph(wint_t c) { return ASCII(c) && isgraph((int)c); }
int iswlower(wint_t c) { return ASCII(c) && islower((int)c); }
int iswprint(wint_t c) { return ASCII(c) && isprint((int)c); }
int iswpunct(wint_t c) { return ASCII(c) && ispunct((int)c); }
int iswspace(wint_t c) { return ASCII(c) && isspace((int)c); }
int iswupper(wint_t c) { return ASCII(c) && isupper((int)c); }
int iswxdigit(wint_t c) { return ASCII(c) && isxdigit((int)c); }
wint_t towlower(wint_t c) { return ASCII(c) ? (wint_t)tolower((int)c) : c; }
wint_t towupper(wint_t c) { return ASCII(c) ? (wint_t)toupper((int)c) : c; }

static int (*const classes[])(wint_t) = {iswalnum, iswalpha, iswblank, iswcntrl, iswdigit,
                                         iswgraph, iswlower, iswprint, iswpunct, iswspace,
                                         iswupper, iswxdigit};
static const char *const class_names[] = {"alnum", "alpha", "blank", "cntrl", "digit", "graph",
                                          "lower", "print", "punct", "space", "upper", "xdigit"};

/* A class is its index + 1; 0 names none. */
wctype_t wctype(const char *name)
{
    for (int i = 0; i < (int)(sizeof class_names / sizeof *class_names); i++)
        if (!strcmp(name, class_names[i]))
            return i + 1;
    return 0;
}

int iswctype(wint_t c, wctype_t type)
{
    return type > 0 && type <= (int)(sizeof classes / sizeof *classes) && classes[type - 1](c);
}

wctrans_t wctrans(const char *name)
{
    return !strcmp(name, "tolower") ? 1 : !strcmp(name, "toupper") ? 2 : 0;
}

wint_t towctrans(wint_t c, wctrans_t trans)
{
    return trans == 1 ? towlower(c) : trans == 2 ? towupper(c) : c;
}
