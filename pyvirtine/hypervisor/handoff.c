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
#include <unistd.h>

#include "internal.h"

#define WAIT_NS 30000 /* several times the Python a trivial call runs between calls */

static atomic_int waiting;
static int max_waiting; /* CPUs - 1 */
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void count_cpus(void) {
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    max_waiting = cpus > 1 ? (int)cpus - 1 : 0;
}

void handoff_enter(void) {
    struct caller *me = caller_self();
    if (me) atomic_store_explicit(&me->python_since, 0, memory_order_release);
}

static bool other_in_python(const struct caller *me, uint64_t now) {
    for (const struct caller *c = callers_first(); c; c = atomic_load(&c->next)) {
        uint64_t since = atomic_load_explicit(&c->python_since, memory_order_acquire);
        if (c != me && since && now - since < WAIT_NS) return true;
    }
    return false;
}

void handoff_return(void) {
    struct caller *me = caller_self();
    if (!me) return;
    pthread_once(&once, count_cpus);
    uint64_t start = monotonic_ns();
    if (other_in_python(me, start)) {
        if (atomic_fetch_add(&waiting, 1) < max_waiting)
            for (uint64_t now = start; now - start < WAIT_NS && other_in_python(me, now);
                 now = monotonic_ns())
                __builtin_ia32_pause();
        atomic_fetch_sub(&waiting, 1);
    }
    atomic_store_explicit(&me->python_since, monotonic_ns(), memory_order_release);
}
