/* Memory mappings in a virtine: anonymous memory only, carved out of the guest
   heap (zeroed, page-aligned). The guest cannot change its page tables, so
   every mapping is readable and writable and nothing else: mmap and mprotect
   refuse other protections with EACCES, a fixed address with ENOMEM, and file
   mappings with ENODEV (a granted file is read through the host, not mapped).
   Constants are Linux's on x86-64. */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H
#include <sys/types.h>

#define PROT_NONE 0
#define PROT_READ 1
#define PROT_WRITE 2
#define PROT_EXEC 4

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_ANON MAP_ANONYMOUS
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000
#define MAP_FAILED ((void *)-1)

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);
int munmap(void *addr, size_t length);
int mprotect(void *addr, size_t length, int prot);

#endif
