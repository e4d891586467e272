/* The HTTP server example (host side): sockets, threads and everything else that
 * talks to the outside world, on 127.0.0.1 only.  Each request is handed to
 * handle_request (handler.c), which virtinecc runs in a virtine.
 *     server [PORT [MAX_REQUESTS]]   PORT 0 picks a free port; prints the port, serves
 *                                    MAX_REQUESTS requests (default: forever), exits. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "handler.h"

#define WORKERS 4

static int listener;
static long remaining = -1; /* requests left to serve, -1 for no limit */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static const char error_response[] =
    "HTTP/1.0 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";

static int take_request(void) {
    pthread_mutex_lock(&lock);
    int ok = remaining != 0;
    if (remaining > 0)
        remaining--;
    pthread_mutex_unlock(&lock);
    return ok;
}

static void serve(int fd) {
    char req[2048], resp[4096];
    size_t n = 0;
    while (n < sizeof req) { /* read up to the end of the headers */
        ssize_t got = read(fd, req + n, sizeof req - n);
        if (got <= 0)
            break;
        n += (size_t)got;
        if (n >= 4 && memmem(req, n, "\r\n\r\n", 4))
            break;
    }
    int len = handle_request(req, n, resp, sizeof resp);
    const char *out = len > 0 ? resp : error_response;
    size_t left = len > 0 ? (size_t)len : sizeof error_response - 1;
    while (left > 0) {
        ssize_t put = write(fd, out, left);
        if (put <= 0)
            break;
        out += put;
        left -= (size_t)put;
    }
    close(fd);
}

static void *worker(void *unused) {
    (void)unused;
    while (take_request()) {
        int fd = accept(listener, NULL, NULL);
        if (fd < 0)
            break;
        serve(fd);
    }
    return NULL;
}

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 8080;
    if (argc > 2)
        remaining = atol(argv[2]);
    listener = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t alen = sizeof addr;
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listener, 128) < 0 ||
        getsockname(listener, (struct sockaddr *)&addr, &alen) < 0) {
        perror("server");
        return 1;
    }
    printf("listening on 127.0.0.1:%d\n", ntohs(addr.sin_port));
    fflush(stdout);
    pthread_t threads[WORKERS];
    for (int i = 0; i < WORKERS; i++)
        pthread_create(&threads[i], NULL, worker, NULL);
    for (int i = 0; i < WORKERS; i++)
        pthread_join(threads[i], NULL);
    return 0;
}
