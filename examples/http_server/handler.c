/* The request handler of the HTTP server example: with virtinecc every request is
 * handled in its own clean virtine (built with plain cc it is an ordinary function,
 * the baseline of benchmarks/http.py).  It only sees the request bytes and returns
 * the response bytes: no sockets, files or hypercalls.  GET /crash dereferences a
 * wild pointer, to show a crashing handler is contained. */
#include <stdio.h>
#include <string.h>
#include <virtine.h>

#include "handler.h"

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

virtine int handle_request(const char *req VIRTINE_IN(n), size_t n,
                           char *resp VIRTINE_OUT(cap), size_t cap) {
    char path[128];
    size_t i = 0, p = 0;
    if (n < 5 || memcmp(req, "GET ", 4) != 0)
        return snprintf(resp, cap, "HTTP/1.0 405 Method Not Allowed\r\n"
                                   "Content-Length: 0\r\nConnection: close\r\n\r\n");
    for (i = 4; i < n && req[i] != ' ' && p + 1 < sizeof path; i++)
        path[p++] = req[i];
    path[p] = 0;
    if (strcmp(path, "/crash") == 0)
        return *(volatile int *)(n << 40); /* far outside guest memory */
    char body[256];
    int len;
    if (strncmp(path, "/fib/", 5) == 0) {
        int k = 0;
        for (const char *d = path + 5; *d >= '0' && *d <= '9' && k < 30; d++)
            k = k * 10 + (*d - '0');
        len = snprintf(body, sizeof body, "fib(%d) = %d\n", k, fib(k));
    } else {
        len = snprintf(body, sizeof body, "hello from a virtine: %s\n", path);
    }
    return snprintf(resp, cap, "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n"
                               "Content-Length: %d\r\nConnection: close\r\n\r\n%s", len, body);
}
