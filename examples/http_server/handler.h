#ifndef HANDLER_H
#define HANDLER_H
#include <stddef.h>

/* Write the HTTP response to the request req[0..n) into resp (at most cap bytes);
 * returns its length, or 0 if the request could not be handled. */
int handle_request(const char *req, size_t n, char *resp, size_t cap);

#endif
