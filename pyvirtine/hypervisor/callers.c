/* One record per thread that runs calls, for the modules that must know about the
 * other calling threads: handoff.c (who is running Python) and watchdog.c (whose
 * deadline passed). The records form a list that only grows, so readers walk it
 * without a lock; a finished thread's record is cleared and taken by the next new
 * thread. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

static struct caller *_Atomic callers;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_key_t key;
static __thread struct caller *me;

static void clear(struct caller *c) {
    atomic_store(&c->python_since, 0);
    atomic_store(&c->deadline, 0);
    atomic_store(&c->run, NULL);
}

static void release(void *v) {
    struct caller *c = v;
    clear(c);
    atomic_store(&c->taken, false);
}

/* After fork only the forking thread exists: the others' records are free. */
static void after_fork_in_child(void) {
    for (struct caller *c = atomic_load(&callers); c; c = atomic_load(&c->next))
        if (c != me) release(c);
    if (me) {
        clear(me);
        me->tid = (pid_t)syscall(SYS_gettid);
    }
}

static void thread_done(void *v) {
    release(v);
    me = NULL; /* should a later destructor of this thread call again */
}

static void setup(void) {
    pthread_key_create(&key, thread_done);
    pthread_atfork(NULL, NULL, after_fork_in_child);
}

struct caller *caller_self(void) {
    if (me) return me;
    pthread_once(&once, setup);
    struct caller *c;
    for (c = atomic_load(&callers); c; c = atomic_load(&c->next)) {
        bool free_record = false;
        if (atomic_compare_exchange_strong(&c->taken, &free_record, true)) break;
    }
    if (!c) {
        if (!(c = aligned_alloc(64, sizeof *c))) return NULL;
        *c = (struct caller){.taken = true};
        struct caller *head = atomic_load(&callers);
        do atomic_store(&c->next, head);
        while (!atomic_compare_exchange_weak(&callers, &head, c));
    }
    c->tid = (pid_t)syscall(SYS_gettid);
    pthread_setspecific(key, c);
    return me = c;
}

struct caller *callers_first(void) { return atomic_load(&callers); }
