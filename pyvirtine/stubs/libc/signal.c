/* No signal ever reaches a virtine from outside; raise() delivers one to the handler
   signal() set, whose default action ends the call (the host names it an abort). */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>

#define NSIG 65

static __sighandler_t handlers[NSIG];

static int valid(int sig)
{
    if (sig > 0 && sig < NSIG)
        return 1;
    errno = EINVAL;
    return 0;
}

__sighandler_t signal(int sig, __sighandler_t handler)
{
    __sighandler_t old;
    if (!valid(sig))
        return SIG_ERR;
    old = handlers[sig];
    handlers[sig] = handler;
    return old;
}

int raise(int sig)
{
    __sighandler_t handler;
    if (!valid(sig))
        return -1;
    handler = handlers[sig];
    if (handler == SIG_IGN)
        return 0;
    if (handler == SIG_DFL)
        abort();
    handler(sig);
    return 0;
}
