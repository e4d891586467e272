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
#define VIRTINE_ALLOW_ALL          ((1ULL << 14) - 1)
#define VIRTINE_BLOCK_ALL          0ULL

/* Per-virtine settings for virtine_cfg(cfg); zero means the default. */
struct virtine_config {
    unsigned long long hypercall_whitelist; /* VIRTINE_ALLOW_* mask */
    unsigned long long memory;              /* guest memory in bytes */
};

#ifdef __PYVIRTINE__
#define virtine                  _Pragma("pyvirtine virtine")
#define virtine_strict           _Pragma("pyvirtine virtine strict")
#define virtine_whitelist(mask)  _Pragma("pyvirtine virtine whitelist")
#define virtine_cfg(cfg)         _Pragma("pyvirtine virtine cfg")
#else
#define virtine
#define virtine_strict
#define virtine_whitelist(mask)
#define virtine_cfg(cfg)
#endif

#define VIRTINE_IN(len)
#define VIRTINE_OUT(len)
#define VIRTINE_INOUT(len)

#endif
