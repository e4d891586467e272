#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "stdio_impl.h"

/* The message goes into stderr's buffer unflushed: abort() ends the call, and the host
   writes the buffered bytes if the policy lets the guest write (rather than the write
   itself being the policy error that hides the failed assertion). */
static void note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    __format(stderr, 0, 0, fmt, ap);
    va_end(ap);
}

void __assert_fail(const char *expr, const char *file, int line, const char *func)
{
    note("%s:%d: %s: Assertion `%s' failed.\n", file, line, func, expr);
    abort();
}
