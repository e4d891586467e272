/* The call-site runtime of virtinecc output (host_runtime.c, in libpyvirtine).
 *
 * virtinecc replaces the body of each virtine with a stub (pyvirtine/marshal/
 * host_glue.py) that packs the arguments into the area __virtinecc_begin hands out,
 * runs the call with __virtinecc_call and unpacks the result bytes.  Each virtine has
 * one static site describing its embedded image.
 *
 * Generated code includes this header ahead of the user's file, so it declares
 * only, with plain C types and no includes: a system header here would be read
 * before the user's feature-test macros (_GNU_SOURCE...) and change their meaning. */
#ifndef PYVIRTINE_HOST_RUNTIME_H
#define PYVIRTINE_HOST_RUNTIME_H

/* One row of the guest line table: code from addr on comes from where
 * ("file.c:LINE in function"), or from no known line if where is 0. */
struct __virtinecc_line {
    unsigned long long addr;
    const char *where;
};

struct __virtinecc_site {
    const char *name;                     /* the virtine's C name */
    const unsigned char *image;           /* the image file (pyvirtine/image.py) */
    unsigned long long image_len;
    const struct __virtinecc_line *lines; /* sorted by addr */
    unsigned long long nlines;
    unsigned long long capacity;          /* the image's argument area size */
    int once;                             /* a pthread_once_t, PTHREAD_ONCE_INIT (0) */
    void *state;                          /* the pool, or why it could not be made */
};

/* A zeroed area of size bytes for this thread's next call, or 0 (the error hook has
 * been called) if the arguments do not fit the virtine's argument area. */
unsigned char *__virtinecc_begin(struct __virtinecc_site *site, unsigned long long size);

/* Run the call with the area __virtinecc_begin gave.  Returns the result bytes (at
 * least result_len of them, valid until this thread's next call), or 0 after calling
 * the error hook. */
const unsigned char *__virtinecc_call(struct __virtinecc_site *site, unsigned long long size,
                                      unsigned long long result_len);

/* A malloc'd copy of the n-byte string at off in result (a returned char *), or 0. */
char *__virtinecc_string(struct __virtinecc_site *site, const unsigned char *result);

#endif
