#ifndef _SETJMP_H
#define _SETJMP_H

/* rbx, rbp, r12-r15, rsp, return address (see libc/setjmp.s). */
typedef long jmp_buf[8];

int setjmp(jmp_buf env);
void longjmp(jmp_buf env, int value);

/* POSIX's forms save the signal mask too; a virtine has none, so they are the same. */
typedef jmp_buf sigjmp_buf;
#define sigsetjmp(env, savemask) setjmp(env)
#define siglongjmp(env, value) longjmp(env, value)

#endif
