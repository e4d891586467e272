/* Program termination. Kept apart from the rest of stdlib so the exit crt0
   links in program mode does not drag in the number parsers. */
#include <stdlib.h>
#include "hypercall.h"

#define MAX_ATEXIT 32
static void (*exit_handlers[MAX_ATEXIT])(void);
static int exit_handler_count;

int atexit(void (*handler)(void))
{
    if (exit_handler_count == MAX_ATEXIT)
        return -1;
    exit_handlers[exit_handler_count++] = handler;
    return 0;
}

void _Exit(int status)
{
    for (;;)
        __virtine_hypercall(HC_EXIT, status, 0, 0);
}

/* The destructor tables (__attribute__((destructor))), which the image linker lays out in
   ascending priority: run from the end, as glibc does, after the atexit handlers. Virtine
   functions' images hold none (docs/ABI.md). */
extern void (*const __fini_array_start[])(void);
extern void (*const __fini_array_end[])(void);
static void (*const *next_destructor)(void) = __fini_array_end;

void exit(int status)
{
    /* Each handler and destructor is taken off before it runs, so one that calls exit
       goes on with the rest instead of running itself again. */
    while (exit_handler_count > 0)
        exit_handlers[--exit_handler_count]();
    while (next_destructor != __fini_array_start)
        (*--next_destructor)();
    __libc_flush();
    _Exit(status);
}

/* Flushes and prints nothing (a write the policy denies would hide the abort): the
   host names the abort and writes what stdio still holds if writing is allowed. */
void abort(void)
{
    for (;;)
        __virtine_hypercall(HC_ABORT, 0, 0, 0);
}
