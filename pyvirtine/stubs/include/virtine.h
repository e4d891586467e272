/*
 * virtine.h: mark C functions as virtines and describe how their pointer
 * parameters cross into the virtine.  Spelled like Wasp's header, so Wasp
 * sources build unchanged.
 *
 *     #include <virtine.h>
 *     virtine int count_byte(const unsigned char *data VIRTINE_IN(n), size_t n, int byte);
 *     virtine_whitelist(VIRTINE_ALLOW_WRITE) void greet(const char *who);
 *
 * Compiled by pyvirtine (which defines __PYVIRTINE__) the markers become
 * pragmas that pycparser keeps in the syntax tree, so:
 *   - `virtine`, `virtine_strict`, `virtine_whitelist(mask)` and `virtine_cfg(cfg)`
 *     must come first in the declaration, before `static` and the return type;
 *   - the mask of `virtine_whitelist` is read from its spelling: use the
 *     VIRTINE_ALLOW_* names, integer literals, `|`, `+` and `<<`;
 *   - `cfg` names a file-scope `struct virtine_config` with a constant initializer.
 * The parameter annotations VIRTINE_IN/OUT/INOUT expand to nothing everywhere;
 * pyvirtine reads them from the source text, so write them literally (not through
 * another macro) right after the parameter name.  `len` is a count of elements
 * of the pointed-to type (bytes for void *), a C expression over the function's
 * integer parameters and integer constants:
 *   VIRTINE_IN(len)     the caller's buffer is copied in
 *   VIRTINE_OUT(len)    the guest's writes are copied back into the caller's buffer
 *   VIRTINE_INOUT(len)  both
 * Unannotated, `const char *` is a NUL-terminated string, `const T *` one T copied
 * in, `T *` one T copied in and back out.
 *
 * With any other compiler every keyword vanishes and the source builds natively.
 */
#ifndef PYVIRTINE_VIRTINE_H
#define PYVIRTINE_VIRTINE_H

/* Bit n opens hypercall n of docs/ABI.md (Wasp's numbering). */
#define VIRTINE_ALLOW_EXIT         (1ULL << 0)
#define VIRTINE_ALLOW_CLOSE        (1ULL << 1)
#define VIRTINE_ALLOW_FSTAT        (1ULL << 2)
#define VIRTINE_ALLOW_LINK         (1ULL << 3)
#define VIRTINE_ALLOW_LSEEK        (1ULL << 4)
#define VIRTINE_ALLOW_OPEN         (1ULL << 5)
#define VIRTINE_ALLOW_READ         (1ULL << 6)
#define VIRTINE_ALLOW_SBRK         (1ULL << 7)
#define VIRTINE_ALLOW_TIMES        (1ULL << 8)
#define VIRTINE_ALLOW_UNLINK       (1ULL << 9)
#define VIRTINE_ALLOW_WRITE        (1ULL << 10)
#define VIRTINE_ALLOW_GETTIMEOFDAY (1ULL << 11)
#define VIRTINE_ALLOW_ISATTY       (1ULL << 12)
#define VIRTINE_ALLOW_SNAPSHOT     (1ULL << 13)
#define VIRTINE_ALLOW_RANDOM       (1ULL << 14) /* always allowed, as exit and snapshot */
#define VIRTINE_ALLOW_ALL          ((1ULL << 15) - 1)
#define VIRTINE_BLOCK_ALL          0ULL

/* Per-virtine settings for virtine_cfg(cfg); zero means the default. */
struct virtine_config {
    unsigned long long hypercall_whitelist; /* VIRTINE_ALLOW_* mask */
    unsigned long long memory;              /* guest memory in bytes */
};

/* `virtine_init void setup(void) { ... }` runs once per pool, before the snapshot every
 * call starts from, so what it builds (heap, globals) is there in every call, and every
 * call still starts clean. __attribute__((constructor)) functions run then too. */
#ifdef __PYVIRTINE__
#define virtine_init             __attribute__((constructor))
#define virtine                  _Pragma("pyvirtine virtine")
#define virtine_strict           _Pragma("pyvirtine virtine strict")
#define virtine_whitelist(mask)  _Pragma("pyvirtine virtine whitelist")
#define virtine_cfg(cfg)         _Pragma("pyvirtine virtine cfg")
#else
#define virtine_init
#define virtine
#define virtine_strict
#define virtine_whitelist(mask)
#define virtine_cfg(cfg)
#endif

#define VIRTINE_IN(len)
#define VIRTINE_OUT(len)
#define VIRTINE_INOUT(len)

/* Guest code: fills buf with n fresh random bytes, a new draw in every call (each call
 * starts from the same snapshot, so guest memory alone cannot tell calls apart). From
 * the CPU's RDRAND where ring 3 may run it, else from the host's kernel. 0, or -1 if
 * the host had none to give. rand() seeds itself from it in each call that does not call
 * srand(). */
int virtine_random(void *buf, unsigned long n);

/* Host programs built with virtinecc: a virtine call that cannot return normally
 * (the guest faulted, timed out, made a hypercall its whitelist denies, called
 * exit(), or the virtine could not be started) calls the error hook with the
 * virtine's name, one of the kinds below and a message, then returns a zero value of
 * its return type (0, 0.0, a zeroed struct, NULL) and copies nothing back into
 * OUT/INOUT buffers; virtine_last_error() tells the caller which kind it was.
 * The default hook prints "virtine <function>: <message>" to stderr, with the guest
 * source line of a fault when known, and the host keeps running: a guest's failure
 * is contained.  A virtine that cannot start at all (VIRTINE_ERR_START: no /dev/kvm,
 * a bad image, a boot that failed) is the host's failure, whose every result would be
 * wrong: there the default hook ends the program with exit(EXIT_FAILURE), after the
 * message.  Install a hook to carry on instead.
 * virtinecc reads VIRTINECC_TIMEOUT (seconds per call, default none) from the
 * environment when a virtine is first called.  A virtine returning char * returns a
 * malloc'd copy of the guest's string: the caller frees it.
 * (Declared for the guest too, which compiles the whole file, host code included;
 * only host code can call it.) */
#define VIRTINE_ERR_TIMEOUT     1
#define VIRTINE_ERR_POLICY      2
#define VIRTINE_ERR_CRASH       3
#define VIRTINE_ERR_ERROR       4
#define VIRTINE_ERR_INTERRUPTED 5
#define VIRTINE_ERR_EXIT        6
#define VIRTINE_ERR_START       7

/* The kind of this thread's last virtine call: 0 if it returned, else VIRTINE_ERR_*.
 * Every call sets it (like errno, but a call that returns clears it). */
int virtine_last_error(void);

typedef void (*virtine_error_hook_t)(const char *function, int kind, const char *message);

/* Install hook (0 restores the default); returns the previous one. Thread safe. */
virtine_error_hook_t virtine_set_error_hook(virtine_error_hook_t hook);

#endif
