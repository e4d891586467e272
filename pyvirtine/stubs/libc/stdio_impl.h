/* What stdio.c and printf.c share. Internal to libc. */
#ifndef _LIBC_STDIO_IMPL_H
#define _LIBC_STDIO_IMPL_H

#include <stdio.h>
#include <stdarg.h>

struct __virtine_file {
    int fd;
    int unbuffered; /* flush at the end of every call that writes */
    unsigned char *buf;
    size_t cap;
    size_t len; /* output: bytes waiting; input: bytes in buf */
    size_t pos; /* input: next byte to hand out */
    int eof, error;
};

/* Appends bytes to an output stream's buffer, flushing when it fills. */
void __stdio_put(FILE *f, const char *data, size_t n);
/* Ends one stdio call on f: unbuffered streams are flushed now. */
void __stdio_end(FILE *f);

/* printf's engine: formats into f if non-NULL, else into buf (at most cap
   bytes including the terminator). Returns the full formatted length. */
int __format(FILE *f, char *buf, size_t cap, const char *fmt, va_list ap);

#endif
