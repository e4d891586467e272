#ifndef _SYS_STAT_H
#define _SYS_STAT_H
#include <sys/types.h>

/* The fields the fstat hypercall fills (docs/ABI.md); the rest are zero. */
struct stat {
    off_t st_size;
    mode_t st_mode;
    time_t st_mtime;
    long st_blksize;
};

#define S_IFMT 0170000
#define S_IFDIR 0040000
#define S_IFREG 0100000
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)

int fstat(int fd, struct stat *st);

#endif
