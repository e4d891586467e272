/* Anonymous mappings served from the heap (see sys/mman.h). Each mapping is one
   malloc block with a record just below its page-aligned start; the records form
   a list so that munmap and mprotect act only on memory mmap handed out. */
#include <sys/mman.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 4096

struct mapping {
    struct mapping *next;
    void *block; /* what malloc returned */
    size_t length; /* rounded up to whole pages */
};

static struct mapping *mappings;

static void *fail(int error)
{
    errno = error;
    return MAP_FAILED;
}

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
    int sharing = flags & (MAP_SHARED | MAP_PRIVATE);
    size_t pages;
    char *block, *start;
    struct mapping *m;
    if (length == 0 || offset % PAGE || (sharing != MAP_SHARED && sharing != MAP_PRIVATE))
        return fail(EINVAL);
    if (!(flags & MAP_ANONYMOUS))
        return fail(fd < 0 ? EBADF : ENODEV);
    if (prot != (PROT_READ | PROT_WRITE))
        return fail(EACCES);
    if (flags & MAP_FIXED)
        return fail(ENOMEM); /* the heap decides where memory is */
    /* With one process, a shared anonymous mapping is the same as a private one. */
    if (length > SIZE_MAX - 2 * PAGE)
        return fail(ENOMEM);
    pages = (length + PAGE - 1) & ~(size_t)(PAGE - 1);
    block = malloc(pages + PAGE + sizeof(struct mapping));
    if (!block)
        return fail(ENOMEM);
    start = (char *)(((uintptr_t)block + sizeof(struct mapping) + PAGE - 1) &
                     ~(uintptr_t)(PAGE - 1));
    memset(start, 0, pages);
    m = (struct mapping *)start - 1; /* so start_of(m) == start */
    m->block = block;
    m->length = pages;
    m->next = mappings;
    mappings = m;
    return start;
}

static char *start_of(struct mapping *m) { return (char *)(m + 1); }

/* The link to the mapping holding addr, or NULL. */
static struct mapping **holding(char *addr)
{
    struct mapping **link;
    for (link = &mappings; *link; link = &(*link)->next)
        if (addr >= start_of(*link) && addr < start_of(*link) + (*link)->length)
            return link;
    return NULL;
}

/* A whole mapping (its last page counts whole) is given back; a part of one stays usable until all of it is
   unmapped (the heap cannot free the middle of a block), which no correct
   program can tell apart. Ranges with nothing mapped are ignored, as on Linux. */
int munmap(void *addr, size_t length)
{
    struct mapping **link, *m;
    if (length == 0 || (uintptr_t)addr % PAGE) {
        errno = EINVAL;
        return -1;
    }
    link = holding(addr);
    if (link && addr == start_of(*link) && length > (*link)->length - PAGE) {
        m = *link;
        *link = m->next;
        free(m->block);
    }
    return 0;
}

int mprotect(void *addr, size_t length, int prot)
{
    struct mapping **link;
    if ((uintptr_t)addr % PAGE) {
        errno = EINVAL;
        return -1;
    }
    link = holding(addr);
    if (!link || length > (size_t)(start_of(*link) + (*link)->length - (char *)addr)) {
        errno = ENOMEM;
        return -1;
    }
    if (prot != (PROT_READ | PROT_WRITE)) {
        errno = EACCES;
        return -1;
    }
    return 0;
}
