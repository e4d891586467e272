#include <string.h>
#include <stdio.h>
#include <errno.h>
#include "stdio_impl.h"

/* Texts match glibc's so messages read the same inside and outside a virtine. */
static const struct { int code; const char *text; } messages[] = {
    {0, "Success"},
    {EPERM, "Operation not permitted"},
    {ENOENT, "No such file or directory"},
    {ESRCH, "No such process"},
    {EINTR, "Interrupted system call"},
    {EIO, "Input/output error"},
    {ENXIO, "No such device or address"},
    {E2BIG, "Argument list too long"},
    {ENOEXEC, "Exec format error"},
    {EBADF, "Bad file descriptor"},
    {ECHILD, "No child processes"},
    {EAGAIN, "Resource temporarily unavailable"},
    {ENOMEM, "Cannot allocate memory"},
    {EACCES, "Permission denied"},
    {EFAULT, "Bad address"},
    {ENOTBLK, "Block device required"},
    {EBUSY, "Device or resource busy"},
    {EEXIST, "File exists"},
    {EXDEV, "Invalid cross-device link"},
    {ENODEV, "No such device"},
    {ENOTDIR, "Not a directory"},
    {EISDIR, "Is a directory"},
    {EINVAL, "Invalid argument"},
    {ENFILE, "Too many open files in system"},
    {EMFILE, "Too many open files"},
    {ENOTTY, "Inappropriate ioctl for device"},
    {ETXTBSY, "Text file busy"},
    {EFBIG, "File too large"},
    {ENOSPC, "No space left on device"},
    {ESPIPE, "Illegal seek"},
    {EROFS, "Read-only file system"},
    {EMLINK, "Too many links"},
    {EPIPE, "Broken pipe"},
    {EDOM, "Numerical argument out of domain"},
    {ERANGE, "Numerical result out of range"},
    {EDEADLK, "Resource deadlock avoided"},
    {ENAMETOOLONG, "File name too long"},
    {ENOLCK, "No locks available"},
    {ENOSYS, "Function not implemented"},
    {ENOTEMPTY, "Directory not empty"},
    {ELOOP, "Too many levels of symbolic links"},
    {ENOMSG, "No message of desired type"},
    {EOVERFLOW, "Value too large for defined data type"},
    {EILSEQ, "Invalid or incomplete multibyte or wide character"},
    {ENOTSUP, "Operation not supported"},
    {ETIMEDOUT, "Connection timed out"},
    {ECANCELED, "Operation canceled"},
};

char *strerror(int errnum)
{
    static char unknown[32];
    size_t i;
    for (i = 0; i < sizeof messages / sizeof messages[0]; i++)
        if (messages[i].code == errnum)
            return (char *)messages[i].text;
    snprintf(unknown, sizeof unknown, "Unknown error %d", errnum);
    return unknown;
}

void perror(const char *prefix)
{
    const char *message = strerror(errno);
    if (prefix && *prefix) {
        __stdio_put(stderr, prefix, strlen(prefix));
        __stdio_put(stderr, ": ", 2);
    }
    __stdio_put(stderr, message, strlen(message));
    __stdio_put(stderr, "\n", 1);
    __stdio_end(stderr);
}
