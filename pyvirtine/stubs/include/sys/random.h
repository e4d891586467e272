#ifndef _SYS_RANDOM_H
#define _SYS_RANDOM_H
#include <stddef.h>

/* Fills buf with n <= 256 fresh random bytes (a new draw in every call, though each call
 * starts from the same snapshot); 0, or -1 with errno EIO. */
int getentropy(void *buf, size_t n);

#endif
