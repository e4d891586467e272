/* Streams over files: fopen and what C99 builds around it. A virtine sees only the
   files its caller granted (docs/ABI.md, "Files"); anything else fails with EACCES or
   ENOENT from open, so fopen returns NULL. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "hypercall.h"
#include "stdio_impl.h"

/* The open flags of an fopen mode, or -1 if the mode is not one C names. */
static int mode_flags(const char *mode, int *stream)
{
    int flags;
    switch (*mode++) {
    case 'r': flags = O_RDONLY; *stream = __F_READ; break;
    case 'w': flags = O_WRONLY | O_CREAT | O_TRUNC; *stream = __F_WRITE; break;
    case 'a': flags = O_WRONLY | O_CREAT | O_APPEND; *stream = __F_WRITE | __F_APPEND; break;
    default: return -1;
    }
    for (; *mode; mode++) {
        if (*mode == '+') {
            flags = (flags & ~O_ACCMODE) | O_RDWR;
            *stream |= __F_READ | __F_WRITE;
        } else if (*mode == 'x' && (flags & O_CREAT)) {
            flags |= O_EXCL;
        } else if (*mode != 'b') {
            return -1;
        }
    }
    return flags;
}

static FILE *stream_on(int fd, int flags)
{
    FILE *f = calloc(1, sizeof *f);
    unsigned char *buf = malloc(BUFSIZ);
    if (!f || !buf) {
        free(f);
        free(buf);
        close(fd);
        errno = ENOMEM;
        return NULL;
    }
    f->fd = fd;
    f->buffering = _IOFBF;
    f->buf = buf;
    f->cap = BUFSIZ;
    f->flags = flags;
    f->next = __stdio_files;
    __stdio_files = f;
    return f;
}

FILE *fopen(const char *path, const char *mode)
{
    int stream, fd, flags = mode_flags(mode, &stream);
    if (flags < 0) {
        errno = EINVAL;
        return NULL;
    }
    fd = open(path, flags, 0666);
    if (fd >= 0 && (flags & O_APPEND) && (flags & O_ACCMODE) == O_WRONLY)
        lseek(fd, 0, SEEK_END); /* where glibc's ftell puts it; "a+" reads from the start */
    return fd < 0 ? NULL : stream_on(fd, stream);
}

static int is_std(FILE *f) { return f == stdin || f == stdout || f == stderr; }

int fclose(FILE *f)
{
    int result = __stdio_settle(f);
    if (is_std(f))
        return result; /* the call's input and output stay the host's */
    if (close(f->fd) != 0)
        result = EOF;
    for (FILE **l = &__stdio_files; *l; l = &(*l)->next)
        if (*l == f) {
            *l = f->next;
            break;
        }
    free(f->buf);
    free(f);
    return result;
}

FILE *freopen(const char *path, const char *mode, FILE *f)
{
    int stream, fd, flags = mode_flags(mode, &stream);
    __stdio_settle(f);
    if (!is_std(f))
        close(f->fd);
    if (!path || flags < 0) { /* a new mode for the same file: not in a virtine */
        errno = path ? EINVAL : EBADF;
        fd = -1;
    } else {
        fd = open(path, flags, 0666);
    }
    if (fd < 0) {
        fclose(f);
        return NULL;
    }
    f->fd = fd;
    f->flags = stream;
    f->len = f->pos = f->pushed = 0;
    f->eof = f->error = f->last = 0;
    return f;
}

int fseek(FILE *f, long offset, int whence)
{
    if (__stdio_settle(f) != 0)
        return -1;
    if (lseek(f->fd, offset, whence) < 0)
        return -1;
    f->eof = 0;
    return 0;
}

long ftell(FILE *f)
{
    long at = lseek(f->fd, 0, SEEK_CUR);
    if (at < 0)
        return -1;
    if (f->last == __F_WRITE)
        return (f->flags & __F_APPEND) && f->len ? lseek(f->fd, 0, SEEK_END) + (long)f->len
                                                 : at + (long)f->len;
    if (f->last == __F_READ)
        return at - (long)(f->len - f->pos);
    return at;
}

void rewind(FILE *f)
{
    fseek(f, 0, SEEK_SET);
    clearerr(f);
}

int fgetpos(FILE *f, fpos_t *pos)
{
    long at = ftell(f);
    if (at < 0)
        return -1;
    pos->__offset = at;
    return 0;
}

int fsetpos(FILE *f, const fpos_t *pos) { return fseek(f, pos->__offset, SEEK_SET); }

int fileno(FILE *f) { return f->fd; }

int setvbuf(FILE *f, char *buf, int mode, size_t size)
{
    (void)buf; /* the stream keeps its own buffer: C lets it */
    (void)size;
    if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF) {
        errno = EINVAL;
        return -1;
    }
    f->buffering = mode;
    return 0;
}

void setbuf(FILE *f, char *buf) { setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ); }

int remove(const char *path) { return unlink(path); }

int rename(const char *from, const char *to)
{
    long r = __virtine_hypercall(HC_RENAME, (long)from, (long)to, 0);
    if (r < 0) {
        errno = (int)-r;
        return -1;
    }
    return 0;
}

/* A virtine has no scratch directory of its own. */
FILE *tmpfile(void)
{
    errno = EACCES;
    return NULL;
}

char *tmpnam(char *s)
{
    (void)s;
    return NULL;
}
