/* GIL hand-off between Python threads that call virtines.
 *
 * A Python caller lets go of the GIL for the whole call and takes it back when the
 * call returns. When two threads alternate, the one returning usually finds the other
 * running Python, and sleeps on the GIL until that thread enters its next call. That
 * sleep is paid on every call: a futex wait, a futex wake from the other thread, and a
 * cross-CPU wake-up (on a virtualised host, an interrupt through the hypervisor),
 * enough to hold two threads well short of twice one's calls per second.
 *
 * So a returning caller waits on its own CPU instead, for as long as another caller
 * has been running Python for less than WAIT_NS, and then asks for a GIL that is
 * most likely free. The wait is bounded, at most one thread fewer than the CPUs wait
 * at once (a waiter must never keep the GIL's holder off a CPU), and a caller that
 * went off to do something else stops counting after WAIT_NS. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"

#define MAX_CALLERS 64
#define WAIT_NS 30000 /* several times the Python a trivial call runs between calls */

/* Each on its own cache line: the waiters read them all while their owners write. */
struct caller {
    _Atomic uint64_t python_since; /* when it returned to Python; 0 while in a call */
    atomic_bool taken;
} __attribute__((aligned(64)));

static struct caller callers[MAX_CALLERS];
static atomic_int callers_seen; /* slots ever taken: the waiters scan these */
static atomic_int waiting;
static int max_waiting;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_key_t caller_key;

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static void caller_free(void *v) {
    struct caller *c = v;
    atomic_store(&c->python_since, 0);
    atomic_store(&c->taken, false);
}

static void setup(void) {
    pthread_key_create(&caller_key, caller_free);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    max_waiting = cpus > 1 ? (int)cpus - 1 : 0;
}

/* This thread's slot; NULL once MAX_CALLERS threads hold one (it then neither waits
 * nor is waited for). */
static struct caller *this_caller(void) {
    pthread_once(&once, setup);
    struct caller *c = pthread_getspecific(caller_key);
    if (c) return c;
    for (int i = 0; i < MAX_CALLERS; i++) {
        bool free_slot = false;
        if (!atomic_compare_exchange_strong(&callers[i].taken, &free_slot, true)) continue;
        int seen = atomic_load(&callers_seen);
        while (seen <= i && !atomic_compare_exchange_weak(&callers_seen, &seen, i + 1)) {}
        pthread_setspecific(caller_key, &callers[i]);
        return &callers[i];
    }
    return NULL;
}

void handoff_enter(void) {
    struct caller *me = this_caller();
    if (me) atomic_store_explicit(&me->python_since, 0, memory_order_release);
}

static bool other_in_python(const struct caller *me, uint64_t now) {
    int n = atomic_load_explicit(&callers_seen, memory_order_acquire);
    for (int i = 0; i < n; i++) {
        uint64_t since = atomic_load_explicit(&callers[i].python_since, memory_order_acquire);
        if (&callers[i] != me && since && now - since < WAIT_NS) return true;
    }
    return false;
}

void handoff_return(void) {
    struct caller *me = this_caller();
    if (!me) return;
    uint64_t start = now_ns();
    if (other_in_python(me, start)) {
        if (atomic_fetch_add(&waiting, 1) < max_waiting)
            for (uint64_t now = start; now - start < WAIT_NS && other_in_python(me, now);
                 now = now_ns())
                __builtin_ia32_pause();
        atomic_fetch_sub(&waiting, 1);
    }
    atomic_store_explicit(&me->python_since, now_ns(), memory_order_release);
}
