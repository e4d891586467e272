/* The guest side of the hypercall ABI (docs/ABI.md). Internal to libc. */
#ifndef _LIBC_HYPERCALL_H
#define _LIBC_HYPERCALL_H

#define HC_EXIT 0
#define HC_CLOSE 1
#define HC_FSTAT 2
#define HC_LSEEK 4
#define HC_OPEN 5
#define HC_READ 6
#define HC_TIMES 8
#define HC_UNLINK 9
#define HC_WRITE 10
#define HC_GETTIMEOFDAY 11
#define HC_ISATTY 12
#define HC_RANDOM 14
#define HC_RENAME 15
#define HC_ABORT 64 /* past every allow mask: the host reports the call as abort() */

/* Implemented in assembly by the image's crt0: one `out` to port 0xf0. */
long __virtine_hypercall(long nr, long a0, long a1, long a2);

/* Writes out every buffered stdout/stderr byte; used by exit and the call glue. */
void __libc_flush(void);

#endif
