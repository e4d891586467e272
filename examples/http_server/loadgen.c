/* A bounded HTTP load generator for the server example: REQUESTS requests to
 * 127.0.0.1:PORT from CONCURRENCY threads (one connection per request, as the
 * server closes each), then it prints one line:
 *     requests=N errors=E seconds=S rps=R p50_us=A p99_us=B
 *     loadgen PORT REQUESTS CONCURRENCY [PATH] */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int port, per_thread;
static char request[256];
static size_t request_len;

struct worker {
    pthread_t thread;
    double *latency; /* microseconds, one per request */
    int errors;
};

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

/* One request; 0 if the response was a 200. */
static int fetch(void) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    char buf[4096];
    size_t n = 0;
    ssize_t got = write(fd, request, request_len);
    while (got > 0 && n < sizeof buf - 1 && (got = read(fd, buf + n, sizeof buf - 1 - n)) > 0)
        n += (size_t)got;
    buf[n] = 0;
    close(fd);
    return strncmp(buf, "HTTP/1.0 200", 12) == 0 ? 0 : -1;
}

static void *run(void *arg) {
    struct worker *w = arg;
    for (int i = 0; i < per_thread; i++) {
        double start = now();
        if (fetch() != 0)
            w->errors++;
        w->latency[i] = (now() - start) * 1e6;
    }
    return NULL;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: loadgen PORT REQUESTS CONCURRENCY [PATH]\n");
        return 2;
    }
    port = atoi(argv[1]);
    int requests = atoi(argv[2]), concurrency = atoi(argv[3]);
    if (concurrency < 1 || requests < concurrency) {
        fprintf(stderr, "loadgen: need REQUESTS >= CONCURRENCY >= 1\n");
        return 2;
    }
    per_thread = requests / concurrency;
    request_len = (size_t)snprintf(request, sizeof request, "GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n",
                                   argc > 4 ? argv[4] : "/");
    struct worker *workers = calloc((size_t)concurrency, sizeof *workers);
    double *all = calloc((size_t)(per_thread * concurrency), sizeof *all);
    double start = now();
    for (int i = 0; i < concurrency; i++) {
        workers[i].latency = all + i * per_thread;
        pthread_create(&workers[i].thread, NULL, run, &workers[i]);
    }
    int errors = 0;
    for (int i = 0; i < concurrency; i++) {
        pthread_join(workers[i].thread, NULL);
        errors += workers[i].errors;
    }
    double seconds = now() - start;
    int total = per_thread * concurrency;
    qsort(all, (size_t)total, sizeof *all, by_value);
    printf("requests=%d errors=%d seconds=%.6f rps=%.1f p50_us=%.1f p99_us=%.1f\n", total, errors,
           seconds, total / seconds, all[total / 2], all[(int)(total * 0.99)]);
    return 0;
}
