/* Call deadlines, enforced by one watchdog thread per process.
 *
 * A per-call POSIX timer would cost two timer_settime syscalls on every call (arm and
 * disarm), a few per cent of a whole call on a paravirtual host. Instead a calling
 * thread publishes its call's deadline in its record (callers.c: a clock read and two
 * stores) and a watchdog thread sleeps until the earliest deadline it knows of. Calls
 * with one timeout start in deadline order, so a call rarely has to wake the watchdog:
 * it sleeps until the oldest running call's deadline, finds that call long finished and
 * a later one running, and sleeps on. When a deadline passes, the watchdog marks the
 * record FIRED and signals the thread; the signal makes KVM_RUN return (EINTR), and its
 * handler sets immediate_exit for a signal that lands just before KVM_RUN is entered.
 * It signals again every REKICK_NS until the call ends: a call may be blocked in a
 * host syscall (a write to a pipe nobody drains) that the first signal came just too
 * early to interrupt.
 *
 * The watchdog's scan and a caller's publication are ordered like Dekker's: the
 * watchdog announces a scan (planned = SCANNING) before reading the records, and a
 * caller reads `planned` after storing its deadline, so either the scan sees the
 * deadline or the caller sees that it must wake the watchdog. */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

#define KICK_SIGNAL (SIGRTMAX - 3)
#define REKICK_NS 10000000ull /* a call its kick has not ended yet is kicked again */
#define FIRED UINT64_MAX
#define SCANNING 0
#define IDLE UINT64_MAX

static _Atomic uint64_t planned = IDLE; /* when the watchdog will next look */
static atomic_uint wake_seq;            /* futex word the watchdog sleeps on */
static pthread_mutex_t start_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_bool started;
static bool handler_set;

static void on_kick(int sig, siginfo_t *si, void *ctx) {
    (void)sig, (void)ctx;
    struct caller *s = si->si_code == SI_QUEUE ? si->si_value.sival_ptr : NULL;
    if (!s) return;
    atomic_fetch_add(&s->kicks, 1);
    struct kvm_run *run = atomic_load(&s->run);
    if (run && atomic_load(&s->deadline) == FIRED) run->immediate_exit = 1;
}

/* With the handler installed. */
static void kick(struct caller *s) {
    siginfo_t info;
    memset(&info, 0, sizeof info);
    info.si_signo = KICK_SIGNAL;
    info.si_code = SI_QUEUE;
    info.si_pid = getpid();
    info.si_uid = getuid();
    info.si_value.sival_ptr = s;
    syscall(SYS_rt_tgsigqueueinfo, getpid(), s->tid, KICK_SIGNAL, &info);
}

static void *watch(void *unused) {
    (void)unused;
    for (;;) {
        atomic_store(&planned, SCANNING);
        unsigned seq = atomic_load(&wake_seq);
        uint64_t now = monotonic_ns(), next = IDLE;
        bool kicked = false;
        for (struct caller *s = callers_first(); s; s = atomic_load(&s->next)) {
            uint64_t d = atomic_load(&s->deadline);
            if (!d) continue;
            if (d == FIRED) {
                /* Its call has not ended since the last kick, which may have landed just
                 * before the thread blocked in a syscall serving a hypercall. */
                if (atomic_load(&s->run)) kick(s), kicked = true;
            } else if (d > now) {
                if (d < next) next = d;
            } else if (atomic_compare_exchange_strong(&s->deadline, &d, FIRED)) {
                kick(s);
                kicked = true;
            }
        }
        if (kicked && now + REKICK_NS < next) next = now + REKICK_NS;
        atomic_store(&planned, next);
        struct timespec until = {(time_t)(next / 1000000000u), (long)(next % 1000000000u)};
        syscall(SYS_futex, &wake_seq, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, seq,
                next == IDLE ? NULL : &until, NULL, FUTEX_BITSET_MATCH_ANY);
    }
    return NULL;
}

/* After fork there is no watchdog in the child (callers.c frees the other threads'
 * records): start afresh. */
static void after_fork_in_child(void) {
    atomic_store(&planned, IDLE);
    pthread_mutex_init(&start_lock, NULL);
    started = false;
}

/* With start_lock held. */
static int install_handler(void) {
    if (!handler_set) {
        struct sigaction sa = {.sa_sigaction = on_kick, .sa_flags = SA_SIGINFO}; /* no SA_RESTART */
        sigemptyset(&sa.sa_mask);
        handler_set = !(sigaction(KICK_SIGNAL, &sa, NULL) |
                        pthread_atfork(NULL, NULL, after_fork_in_child));
    }
    return handler_set ? 0 : -1;
}

static int start(void) {
    pthread_mutex_lock(&start_lock);
    int ok = install_handler();
    if (!ok && !started) {
        pthread_attr_t attr;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        sigset_t all, old;
        sigfillset(&all); /* the watchdog takes no signal meant for the program */
        pthread_sigmask(SIG_SETMASK, &all, &old);
        pthread_t t;
        ok = pthread_create(&t, &attr, watch, NULL);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        pthread_attr_destroy(&attr);
        started = !ok;
    }
    pthread_mutex_unlock(&start_lock);
    return ok ? -1 : 0;
}

struct caller *deadline_start(struct kvm_run *run, double seconds) {
    if (!atomic_load(&started) && start() < 0) return NULL;
    struct caller *s = caller_self();
    if (!s) return NULL;
    uint64_t ns = seconds >= 1e9 ? (uint64_t)1e18 : (uint64_t)(seconds * 1e9);
    uint64_t d = monotonic_ns() + (ns ? ns : 1);
    atomic_store(&s->run, run);
    atomic_store(&s->deadline, d);
    uint64_t p = atomic_load(&planned);
    if (p == SCANNING || p > d) {
        atomic_fetch_add(&wake_seq, 1);
        syscall(SYS_futex, &wake_seq, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    }
    return s;
}

int kick_caller(struct caller *c) {
    pthread_mutex_lock(&start_lock);
    int ok = install_handler();
    pthread_mutex_unlock(&start_lock);
    if (ok < 0) return -1;
    kick(c);
    return 0;
}

uint64_t deadline_kicks(const struct caller *s) { return atomic_load(&s->kicks); }

bool deadline_passed(const struct caller *s) { return atomic_load(&s->deadline) == FIRED; }

bool deadline_end(struct caller *s) {
    bool fired = atomic_exchange(&s->deadline, 0) == FIRED;
    atomic_store(&s->run, NULL);
    return fired;
}
