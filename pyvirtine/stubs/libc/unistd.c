/* The POSIX descriptor calls, one hypercall each (docs/ABI.md, "Files"). */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>
#include <sys/stat.h>
#include "hypercall.h"

static long result(long r)
{
    if (r < 0) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

int open(const char *path, int flags, ...)
{
    unsigned mode = 0;
    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, unsigned);
        va_end(ap);
    }
    return (int)result(__virtine_hypercall(HC_OPEN, (long)path, flags, mode));
}

ssize_t read(int fd, void *buf, size_t n)
{
    return result(__virtine_hypercall(HC_READ, fd, (long)buf, (long)n));
}

ssize_t write(int fd, const void *buf, size_t n)
{
    return result(__virtine_hypercall(HC_WRITE, fd, (long)buf, (long)n));
}

int close(int fd) { return (int)result(__virtine_hypercall(HC_CLOSE, fd, 0, 0)); }

off_t lseek(int fd, off_t offset, int whence)
{
    return result(__virtine_hypercall(HC_LSEEK, fd, offset, whence));
}

int unlink(const char *path) { return (int)result(__virtine_hypercall(HC_UNLINK, (long)path, 0, 0)); }

int isatty(int fd)
{
    long r = __virtine_hypercall(HC_ISATTY, fd, 0, 0);
    if (r <= 0) {
        errno = r < 0 ? (int)-r : ENOTTY;
        return 0;
    }
    return 1;
}

int fstat(int fd, struct stat *st)
{
    /* docs/ABI.md: u64 size, u32 mode, u32 0, i64 mtime */
    struct { unsigned long size; unsigned mode, pad; long mtime; } host;
    if (result(__virtine_hypercall(HC_FSTAT, fd, (long)&host, 0)) < 0)
        return -1;
    st->st_size = (off_t)host.size;
    st->st_mode = host.mode;
    st->st_mtime = host.mtime;
    st->st_blksize = 4096;
    return 0;
}
