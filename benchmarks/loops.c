/* Timing loops in C, so the launcher's own cost is measured without Python in the way. */
#include <time.h>

#include "launcher.h"

static double now_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

/* samples[i] = microseconds of one vt_call; returns the first failing kind, else 0. */
int bench_calls(struct vt_pool *pool, const uint8_t *args, size_t args_len, int n,
                double *samples) {
    struct vt_result res;
    for (int i = 0; i < n; i++) {
        double t = now_us();
        int kind = vt_call(pool, args, args_len, NULL, 0, &res);
        samples[i] = now_us() - t;
        vt_result_release(&res);
        if (kind) return kind;
    }
    return 0;
}
