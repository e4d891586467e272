/* Streams over the write/read hypercalls. Output is buffered to keep VM exits
   rare: stdout until it fills, exit() or __libc_flush() at the end of the
   call; stderr until the end of each stdio call. stdin reads the call's input;
   the streams fopen opens (file.c) read and write files the host granted. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include "stdio_impl.h"
#include "hypercall.h"

static unsigned char stdin_buf[4096], stdout_buf[BUFSIZ], stderr_buf[1024];

static FILE streams[3] = {
    {.fd = 0, .buffering = _IOFBF, .buf = stdin_buf, .cap = sizeof stdin_buf,
     .flags = __F_READ},
    {.fd = 1, .buffering = _IOFBF, .buf = stdout_buf, .cap = sizeof stdout_buf,
     .flags = __F_WRITE},
    {.fd = 2, .buffering = _IONBF, .buf = stderr_buf, .cap = sizeof stderr_buf,
     .flags = __F_WRITE},
};

/* Where the host finds what stdout and stderr still hold when a call ends without
   flushing them (a fault, a timeout, a denied hypercall): crt0 hands its address to
   the snapshot hypercall (docs/ABI.md, "Output left in buffers"). */
const struct {
    unsigned long count;
    struct { unsigned long fd; const unsigned char *buf; const size_t *len; size_t cap; } s[2];
} __virtine_pending_output = {2, {{1, stdout_buf, &streams[1].len, sizeof stdout_buf},
                                  {2, stderr_buf, &streams[2].len, sizeof stderr_buf}}};

FILE *stdin = &streams[0];
FILE *stdout = &streams[1];
FILE *stderr = &streams[2];
FILE *__stdio_files;

static void write_out(FILE *f, const void *data, size_t n)
{
    const char *p = data;
    while (n) {
        long done = __virtine_hypercall(HC_WRITE, f->fd, (long)p, (long)n);
        if (done <= 0) {
            __stdio_fail(f, done < 0 ? (int)-done : EIO);
            return;
        }
        p += done;
        n -= (size_t)done;
    }
}

void __stdio_fail(FILE *f, int error)
{
    f->error = 1;
    f->failures++;
    errno = error;
}

static int fail(FILE *f, int error)
{
    __stdio_fail(f, error);
    return 0;
}

/* Turns f to writing: read-ahead goes back to the descriptor first. */
static int is_output(FILE *f)
{
    if (!(f->flags & __F_WRITE))
        return fail(f, EBADF);
    if (f->last == __F_READ && __stdio_settle(f) != 0)
        return 0;
    f->last = __F_WRITE;
    return 1;
}

void __stdio_put(FILE *f, const char *data, size_t n)
{
    if (!is_output(f))
        return;
    if (n > f->cap - f->len) {
        fflush(f);
        if (n >= f->cap) {
            write_out(f, data, n);
            return;
        }
    }
    memcpy(f->buf + f->len, data, n);
    f->len += n;
}

void __stdio_end(FILE *f)
{
    if (f->buffering == _IONBF ||
        (f->buffering == _IOLBF && f->last == __F_WRITE && memchr(f->buf, '\n', f->len)))
        fflush(f);
}

int __stdio_settle(FILE *f)
{
    unsigned before = f->failures;
    if (f->last == __F_WRITE) {
        write_out(f, f->buf, f->len);
        f->len = 0;
    } else if (f->last == __F_READ && f->pos + f->pushed < f->len) {
        /* what was read ahead goes back; what ungetc pushed is dropped, as glibc does */
        long back = __virtine_hypercall(HC_LSEEK, f->fd,
                                        -(long)(f->len - f->pos - f->pushed), 1);
        if (back < 0)
            return fail(f, (int)-back), EOF;
    }
    if (f->last == __F_READ)
        f->len = f->pos = f->pushed = 0;
    f->last = 0;
    return f->failures != before ? EOF : 0;
}

int fflush(FILE *f)
{
    unsigned before;
    if (!f) {
        int result = fflush(stdout) | fflush(stderr);
        for (f = __stdio_files; f; f = f->next)
            result |= fflush(f);
        return result ? EOF : 0;
    }
    before = f->failures;
    if (f->last == __F_WRITE && f->len) {
        write_out(f, f->buf, f->len);
        f->len = 0;
    } else if (f->last == __F_READ && f->fd > 2) {
        __stdio_settle(f); /* a file's read-ahead is handed back (POSIX) */
    }
    return f->failures != before ? EOF : 0;
}

void __libc_flush(void)
{
    fflush(NULL);
}

int fputc(int c, FILE *f)
{
    char ch = (char)c;
    unsigned before = f->failures;
    __stdio_put(f, &ch, 1);
    __stdio_end(f);
    return f->failures != before ? EOF : (unsigned char)c;
}

int putc(int c, FILE *f) { return fputc(c, f); }
int putchar(int c) { return fputc(c, stdout); }

int fputs(const char *s, FILE *f)
{
    unsigned before = f->failures;
    __stdio_put(f, s, strlen(s));
    __stdio_end(f);
    return f->failures != before ? EOF : 0;
}

int puts(const char *s)
{
    unsigned before = stdout->failures;
    __stdio_put(stdout, s, strlen(s));
    __stdio_put(stdout, "\n", 1);
    __stdio_end(stdout);
    return stdout->failures != before ? EOF : 0;
}

size_t fwrite(const void *data, size_t size, size_t count, FILE *f)
{
    unsigned before = f->failures;
    if (!size || !count)
        return 0;
    __stdio_put(f, data, size * count);
    __stdio_end(f);
    return f->failures != before ? 0 : count;
}

/* Refills an input stream; returns 0 at end of input or on error. */
static int refill(FILE *f)
{
    long got;
    if (!(f->flags & __F_READ))
        return fail(f, EBADF);
    if (f->last == __F_WRITE && __stdio_settle(f) != 0)
        return 0;
    f->last = __F_READ;
    if (f->eof)
        return 0;
    got = __virtine_hypercall(HC_READ, f->fd, (long)f->buf, (long)f->cap);
    if (got <= 0) {
        if (got < 0)
            return fail(f, (int)-got);
        f->eof = 1;
        return 0;
    }
    f->len = (size_t)got;
    f->pos = 0;
    return 1;
}

int fgetc(FILE *f)
{
    if ((f->last != __F_READ || f->pos == f->len) && !refill(f))
        return EOF;
    if (f->pushed)
        f->pushed--;
    return f->buf[f->pos++];
}

int getc(FILE *f) { return fgetc(f); }
int getchar(void) { return fgetc(stdin); }

int ungetc(int c, FILE *f)
{
    if (c == EOF || f->last != __F_READ)
        return EOF;
    if (f->pos > 0 && f->buf[f->pos - 1] == (unsigned char)c && !f->pushed) {
        f->pos--; /* the byte just read, back: still the file's (as glibc counts it) */
        f->eof = 0;
        return (unsigned char)c;
    }
    if (f->pos == 0) { /* room for the byte in front of what is buffered */
        if (f->len == f->cap)
            return EOF;
        memmove(f->buf + 1, f->buf, f->len++);
        f->pos = 1;
    }
    f->buf[--f->pos] = (unsigned char)c;
    f->pushed++;
    f->eof = 0;
    return (unsigned char)c;
}

char *fgets(char *buf, int size, FILE *f)
{
    int n = 0;
    if (size <= 0)
        return NULL;
    while (n < size - 1) {
        int c = fgetc(f);
        if (c == EOF)
            break;
        buf[n++] = (char)c;
        if (c == '\n')
            break;
    }
    if (n == 0)
        return NULL;
    buf[n] = 0;
    return buf;
}

size_t fread(void *data, size_t size, size_t count, FILE *f)
{
    unsigned char *out = data;
    size_t want, got = 0;
    if (!size || !count)
        return 0;
    want = size * count;
    while (got < want) {
        size_t chunk;
        if ((f->last != __F_READ || f->pos == f->len) && !refill(f))
            break;
        chunk = f->len - f->pos;
        if (chunk > want - got)
            chunk = want - got;
        memcpy(out + got, f->buf + f->pos, chunk);
        f->pos += chunk;
        f->pushed = f->pushed > chunk ? f->pushed - chunk : 0;
        got += chunk;
    }
    return got / size;
}

int feof(FILE *f) { return f->eof; }
int ferror(FILE *f) { return f->error; }

void clearerr(FILE *f)
{
    f->eof = 0;
    f->error = 0;
}
