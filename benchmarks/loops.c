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

/* One thread of a calls-per-second run: `step` repeated on `target` until `until`. */
struct spin {
    void (*step)(void *target, const uint8_t *args, size_t args_len);
    void *target;
    const uint8_t *args;
    size_t args_len;
    double until;
    long count;
};

static void *spin(void *arg) {
    struct spin *s = arg;
    while (now_us() < s->until) {
        s->step(s->target, s->args, s->args_len);
        s->count++;
    }
    return NULL;
}

/* Steps per second that `threads` threads (at most 8), thread i stepping targets[i],
 * complete together. */
static double per_second(void (*step)(void *, const uint8_t *, size_t), void **targets,
                         const uint8_t *args, size_t args_len, int threads, double seconds) {
    struct spin spins[8];
    pthread_t ids[8];
    double until = now_us() + seconds * 1e6;
    long total = 0;
    if (threads > 8) threads = 8;
    for (int i = 0; i < threads; i++) {
        spins[i] = (struct spin){step, targets[i], args, args_len, until, 0};
        pthread_create(&ids[i], NULL, spin, &spins[i]);
    }
    for (int i = 0; i < threads; i++) {
        pthread_join(ids[i], NULL);
        total += spins[i].count;
    }
    return total / seconds;
}

static void call_step(void *pool, const uint8_t *args, size_t args_len) {
    struct vt_result res;
    uint8_t result[64];
    vt_call(pool, args, args_len, NULL, 0, result, sizeof result, &res);
    vt_result_release(&res);
}

/* Calls per second that `threads` C threads (at most 8) complete together on one pool. */
double bench_calls_per_second(struct vt_pool *pool, const uint8_t *args, size_t args_len,
                              int threads, double seconds) {
    void *targets[8] = {pool, pool, pool, pool, pool, pool, pool, pool};
    return per_second(call_step, targets, args, args_len, threads, seconds);
}

struct bare;
double baseline_exit_once(struct bare *b);

static void exit_step(void *bare, const uint8_t *args, size_t args_len) {
    baseline_exit_once(bare);
}

/* Raw exits per second of `threads` threads each looping on its own bare VM of `vms`:
 * how far the machine itself lets two vCPUs' exits scale, beside which the pool's
 * scaling is read. */
double bench_exits_per_second(struct bare **vms, int threads, double seconds) {
    return per_second(exit_step, (void **)vms, NULL, 0, threads, seconds);
}
