/* A virtine has no signals: handlers can be named but none is ever delivered, and
   raise() ends the call as the signal's default action would (abort for SIGABRT). */
#ifndef _SIGNAL_H
#define _SIGNAL_H

typedef int sig_atomic_t;
typedef void (*__sighandler_t)(int);

#define SIG_DFL ((__sighandler_t)0)
#define SIG_IGN ((__sighandler_t)1)
#define SIG_ERR ((__sighandler_t)-1)

#define SIGINT 2
#define SIGILL 4
#define SIGABRT 6
#define SIGFPE 8
#define SIGSEGV 11
#define SIGTERM 15

__sighandler_t signal(int sig, __sighandler_t handler);
int raise(int sig);

#endif
