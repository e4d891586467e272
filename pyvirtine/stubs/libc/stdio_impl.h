/* What stdio.c, file.c and printf.c share. Internal to libc. */
#ifndef _LIBC_STDIO_IMPL_H
#define _LIBC_STDIO_IMPL_H

#include <stdio.h>
#include <stdarg.h>

#define __F_READ 1
#define __F_WRITE 2
#define __F_APPEND 4

struct __virtine_file {
    int fd;
    int buffering; /* _IOFBF, _IOLBF, or _IONBF: flush at the end of every call that writes */
    unsigned char *buf;
    size_t cap;
    size_t len; /* output: bytes waiting; input: bytes in buf */
    size_t pos; /* input: next byte to hand out */
    size_t pushed; /* input: how many of the bytes from pos on ungetc put there */
    int eof, error;
    unsigned failures; /* I/O failures so far: a call failed if it added one (error is
                          the sticky flag ferror reads, which earlier calls may have set) */
    int flags;  /* __F_* the stream was opened with */
    int last;   /* __F_READ or __F_WRITE: what buf holds now (0: nothing) */
    FILE *next; /* the other streams fopen made, for fflush(NULL) */
};

/* Records an I/O failure on f: its error flag, errno. */
void __stdio_fail(FILE *f, int error);
/* Appends bytes to an output stream's buffer, flushing when it fills. */
void __stdio_put(FILE *f, const char *data, size_t n);
/* Ends one stdio call on f: unbuffered streams are flushed now, line-buffered ones
   if a line is complete. */
void __stdio_end(FILE *f);
/* Hands back what an input buffer read ahead (seeking the descriptor back) or writes
   out what an output buffer holds, so the descriptor's offset is the stream's. */
int __stdio_settle(FILE *f);
/* The streams fopen opened and fclose has not closed. */
extern FILE *__stdio_files;

/* printf's engine: formats into f if non-NULL, else into buf (at most cap
   bytes including the terminator). Returns the full formatted length. */
int __format(FILE *f, char *buf, size_t cap, const char *fmt, va_list ap);

#endif
