#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H
#include <stddef.h>

typedef long ssize_t;
typedef long off_t;
typedef int pid_t;
typedef unsigned int mode_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef int clockid_t;
#ifndef __time_t_defined
#define __time_t_defined
typedef long time_t;
#endif

#endif
