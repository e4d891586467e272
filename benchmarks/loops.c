/* Timing loops in C, so the launcher's own cost is measured without Python in the way. */
#include <pthread.h>
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
    uint8_t result[64];
    for (int i = 0; i < n; i++) {
        double t = now_us();
        int kind = vt_call(pool, args, args_len, NULL, 0, result, sizeof result, &res);
        samples[i] = now_us() - t;
        vt_result_release(&res);
        if (kind) return kind;
    }
    return 0;
}

struct spin { struct vt_pool *pool; const uint8_t *args; size_t args_len; double until; long calls; };

static void *spin_calls(void *arg) {
    struct spin *s = arg;
    struct vt_result res;
    uint8_t result[64];
    while (now_us() < s->until) {
        vt_call(s->pool, s->args, s->args_len, NULL, 0, result, sizeof result, &res);
        vt_result_release(&res);
        s->calls++;
    }
    return NULL;
}

/* Calls per second that `threads` C threads (at most 8) complete together on one pool. */
double bench_calls_per_second(struct vt_pool *pool, const uint8_t *args, size_t args_len,
                              int threads, double seconds) {
    struct spin spins[8];
    pthread_t ids[8];
    double until = now_us() + seconds * 1e6;
    long total = 0;
    for (int i = 0; i < threads && i < 8; i++) {
        spins[i] = (struct spin){pool, args, args_len, until, 0};
        pthread_create(&ids[i], NULL, spin_calls, &spins[i]);
    }
    for (int i = 0; i < threads && i < 8; i++) {
        pthread_join(ids[i], NULL);
        total += spins[i].calls;
    }
    return total / seconds;
}
