/* Duktape natively, as the virtines paper measures a request (Figure 14): a fresh heap
 * per request, the script evaluated, the heap destroyed. Prints each request's
 * microseconds. Usage: js_native REQUESTS SCRIPT */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "duktape.h"

static double now_us(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

int main(int argc, char **argv)
{
    int requests = atoi(argv[1]);
    for (int i = 0; i < requests; i++) {
        double start = now_us();
        duk_context *ctx = duk_create_heap_default();
        duk_peval_string(ctx, argv[2]);
        if (i == 0)
            fprintf(stderr, "%s\n", duk_safe_to_string(ctx, -1));
        duk_destroy_heap(ctx);
        printf("%.2f\n", now_us() - start);
    }
    return 0;
}
