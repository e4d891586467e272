/* Mutexes, condition variables, read-write locks, spin locks and barriers with
   one thread (see pthread.h). Whatever holds a lock is the one thread, so a
   lock request that is not granted at once can never be granted: it reports
   EDEADLK (ETIMEDOUT for the timed forms, EBUSY for the try forms). */
#include <pthread.h>
#include <errno.h>
#include <limits.h>

static int valid_pshared(int pshared)
{
    return pshared == PTHREAD_PROCESS_PRIVATE || pshared == PTHREAD_PROCESS_SHARED;
}

/* A timed request fails with EINVAL for a malformed deadline before it can time out. */
static int timed_out(const struct timespec *deadline)
{
    return deadline->tv_nsec < 0 || deadline->tv_nsec >= 1000000000L ? EINVAL : ETIMEDOUT;
}

int pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
    attr->__type = PTHREAD_MUTEX_DEFAULT;
    attr->__pshared = PTHREAD_PROCESS_PRIVATE;
    attr->__protocol = PTHREAD_PRIO_NONE;
    attr->__robust = PTHREAD_MUTEX_STALLED;
    return 0;
}

int pthread_mutexattr_destroy(pthread_mutexattr_t *attr) { return 0; }

int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type)
{
    if (type < PTHREAD_MUTEX_NORMAL || type > PTHREAD_MUTEX_ADAPTIVE_NP)
        return EINVAL;
    attr->__type = type;
    return 0;
}

int pthread_mutexattr_gettype(const pthread_mutexattr_t *attr, int *type)
{
    *type = attr->__type;
    return 0;
}

int pthread_mutexattr_setpshared(pthread_mutexattr_t *attr, int pshared)
{
    if (!valid_pshared(pshared))
        return EINVAL;
    attr->__pshared = pshared;
    return 0;
}

int pthread_mutexattr_getpshared(const pthread_mutexattr_t *attr, int *pshared)
{
    *pshared = attr->__pshared;
    return 0;
}

int pthread_mutexattr_setprotocol(pthread_mutexattr_t *attr, int protocol)
{
    if (protocol < PTHREAD_PRIO_NONE || protocol > PTHREAD_PRIO_PROTECT)
        return EINVAL;
    attr->__protocol = protocol;
    return 0;
}

int pthread_mutexattr_getprotocol(const pthread_mutexattr_t *attr, int *protocol)
{
    *protocol = attr->__protocol;
    return 0;
}

/* A robust mutex matters only when its owner dies, and the one thread cannot
   die without ending the guest. */
int pthread_mutexattr_setrobust(pthread_mutexattr_t *attr, int robust)
{
    if (robust != PTHREAD_MUTEX_STALLED && robust != PTHREAD_MUTEX_ROBUST)
        return EINVAL;
    attr->__robust = robust;
    return 0;
}

int pthread_mutexattr_getrobust(const pthread_mutexattr_t *attr, int *robust)
{
    *robust = attr->__robust;
    return 0;
}

int pthread_mutex_init(pthread_mutex_t *mutex, const pthread_mutexattr_t *attr)
{
    mutex->__type = attr ? attr->__type : PTHREAD_MUTEX_DEFAULT;
    mutex->__count = 0;
    return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *mutex) { return mutex->__count ? EBUSY : 0; }

int pthread_mutex_consistent(pthread_mutex_t *mutex) { return EINVAL; /* never inconsistent */ }

/* The lock operations differ only in what a request for a held mutex reports
   (held_error); a recursive mutex takes another level instead. */
static int acquire(pthread_mutex_t *mutex, int held_error)
{
    if (mutex->__count == 0) {
        mutex->__count = 1;
        return 0;
    }
    if (mutex->__type != PTHREAD_MUTEX_RECURSIVE)
        return held_error;
    if (mutex->__count == INT_MAX)
        return EAGAIN;
    mutex->__count++;
    return 0;
}

int pthread_mutex_lock(pthread_mutex_t *mutex) { return acquire(mutex, EDEADLK); }
int pthread_mutex_trylock(pthread_mutex_t *mutex) { return acquire(mutex, EBUSY); }

int pthread_mutex_timedlock(pthread_mutex_t *mutex, const struct timespec *deadline)
{
    if (mutex->__count && mutex->__type == PTHREAD_MUTEX_ERRORCHECK)
        return EDEADLK;
    return acquire(mutex, timed_out(deadline));
}

int pthread_mutex_unlock(pthread_mutex_t *mutex)
{
    if (mutex->__count == 0)
        return EPERM; /* not held by the caller */
    mutex->__count--;
    return 0;
}

int pthread_condattr_init(pthread_condattr_t *attr)
{
    attr->__pshared = PTHREAD_PROCESS_PRIVATE;
    attr->__clock = 0;
    return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attr) { return 0; }

int pthread_condattr_setpshared(pthread_condattr_t *attr, int pshared)
{
    if (!valid_pshared(pshared))
        return EINVAL;
    attr->__pshared = pshared;
    return 0;
}

int pthread_condattr_getpshared(const pthread_condattr_t *attr, int *pshared)
{
    *pshared = attr->__pshared;
    return 0;
}

/* Clock 0 is CLOCK_REALTIME and 1 CLOCK_MONOTONIC, as on Linux. */
int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock)
{
    if (clock != 0 && clock != 1)
        return EINVAL;
    attr->__clock = clock;
    return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *attr, clockid_t *clock)
{
    *clock = attr->__clock;
    return 0;
}

int pthread_cond_init(pthread_cond_t *cond, const pthread_condattr_t *attr)
{
    cond->__clock = attr ? attr->__clock : 0;
    return 0;
}

int pthread_cond_destroy(pthread_cond_t *cond) { return 0; }

/* No thread ever waits, so there is no one to wake. */
int pthread_cond_signal(pthread_cond_t *cond) { return 0; }
int pthread_cond_broadcast(pthread_cond_t *cond) { return 0; }

/* Only another thread could signal, so the wait would never end; the mutex stays held. */
int pthread_cond_wait(pthread_cond_t *cond, pthread_mutex_t *mutex)
{
    return mutex->__count ? EDEADLK : EPERM;
}

int pthread_cond_timedwait(pthread_cond_t *cond, pthread_mutex_t *mutex,
                           const struct timespec *deadline)
{
    return mutex->__count ? timed_out(deadline) : EPERM;
}

int pthread_rwlockattr_init(pthread_rwlockattr_t *attr)
{
    attr->__pshared = PTHREAD_PROCESS_PRIVATE;
    attr->__kind = 0;
    return 0;
}

int pthread_rwlockattr_destroy(pthread_rwlockattr_t *attr) { return 0; }

int pthread_rwlockattr_setpshared(pthread_rwlockattr_t *attr, int pshared)
{
    if (!valid_pshared(pshared))
        return EINVAL;
    attr->__pshared = pshared;
    return 0;
}

int pthread_rwlockattr_getpshared(const pthread_rwlockattr_t *attr, int *pshared)
{
    *pshared = attr->__pshared;
    return 0;
}

int pthread_rwlock_init(pthread_rwlock_t *lock, const pthread_rwlockattr_t *attr)
{
    lock->__readers = 0;
    lock->__writer = 0;
    return 0;
}

int pthread_rwlock_destroy(pthread_rwlock_t *lock)
{
    return lock->__readers || lock->__writer ? EBUSY : 0;
}

/* Read locks nest; a write lock excludes every other lock. */
static int read_lock(pthread_rwlock_t *lock, int held_error)
{
    if (lock->__writer)
        return held_error;
    if (lock->__readers == UINT_MAX)
        return EAGAIN;
    lock->__readers++;
    return 0;
}

static int write_lock(pthread_rwlock_t *lock, int held_error)
{
    if (lock->__writer || lock->__readers)
        return held_error;
    lock->__writer = 1;
    return 0;
}

int pthread_rwlock_rdlock(pthread_rwlock_t *lock) { return read_lock(lock, EDEADLK); }
int pthread_rwlock_tryrdlock(pthread_rwlock_t *lock) { return read_lock(lock, EBUSY); }
int pthread_rwlock_wrlock(pthread_rwlock_t *lock) { return write_lock(lock, EDEADLK); }
int pthread_rwlock_trywrlock(pthread_rwlock_t *lock) { return write_lock(lock, EBUSY); }

/* Waiting on one's own write lock is a deadlock (as glibc reports it); waiting
   for one's own read locks to go is a wait that times out. */
int pthread_rwlock_timedrdlock(pthread_rwlock_t *lock, const struct timespec *deadline)
{
    return read_lock(lock, EDEADLK);
}

int pthread_rwlock_timedwrlock(pthread_rwlock_t *lock, const struct timespec *deadline)
{
    return write_lock(lock, lock->__writer ? EDEADLK : timed_out(deadline));
}

int pthread_rwlock_unlock(pthread_rwlock_t *lock)
{
    if (lock->__writer)
        lock->__writer = 0;
    else if (lock->__readers)
        lock->__readers--;
    else
        return EPERM;
    return 0;
}

int pthread_spin_init(pthread_spinlock_t *lock, int pshared)
{
    if (!valid_pshared(pshared))
        return EINVAL;
    *lock = 0;
    return 0;
}

int pthread_spin_destroy(pthread_spinlock_t *lock) { return 0; }

static int spin_acquire(pthread_spinlock_t *lock, int held_error)
{
    if (*lock)
        return held_error;
    *lock = 1;
    return 0;
}

int pthread_spin_lock(pthread_spinlock_t *lock) { return spin_acquire(lock, EDEADLK); }
int pthread_spin_trylock(pthread_spinlock_t *lock) { return spin_acquire(lock, EBUSY); }

int pthread_spin_unlock(pthread_spinlock_t *lock)
{
    *lock = 0;
    return 0;
}

int pthread_barrierattr_init(pthread_barrierattr_t *attr)
{
    attr->__pshared = PTHREAD_PROCESS_PRIVATE;
    return 0;
}

int pthread_barrierattr_destroy(pthread_barrierattr_t *attr) { return 0; }

int pthread_barrierattr_setpshared(pthread_barrierattr_t *attr, int pshared)
{
    if (!valid_pshared(pshared))
        return EINVAL;
    attr->__pshared = pshared;
    return 0;
}

int pthread_barrierattr_getpshared(const pthread_barrierattr_t *attr, int *pshared)
{
    *pshared = attr->__pshared;
    return 0;
}

int pthread_barrier_init(pthread_barrier_t *barrier, const pthread_barrierattr_t *attr,
                         unsigned int count)
{
    if (count == 0)
        return EINVAL;
    barrier->__count = count;
    return 0;
}

int pthread_barrier_destroy(pthread_barrier_t *barrier) { return 0; }

/* A barrier for one thread opens at once, the caller being its serial thread;
   one for more would wait for threads that cannot exist. */
int pthread_barrier_wait(pthread_barrier_t *barrier)
{
    return barrier->__count == 1 ? PTHREAD_BARRIER_SERIAL_THREAD : EDEADLK;
}
