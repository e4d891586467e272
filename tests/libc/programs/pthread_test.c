/* pthreads and semaphores driven by one thread. Built on glibc and on the guest
   libc, the common part must print the same; with ONE_THREAD_ONLY it also prints
   what the guest does where glibc would block forever, create a thread or take
   another allowed path, on lines marked "only".
   Input "1" ends with pthread_exit, which runs the key destructors. */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>

static const char *name(int error)
{
    switch (error) {
    case 0: return "0";
    case EAGAIN: return "EAGAIN";
    case EBUSY: return "EBUSY";
    case EDEADLK: return "EDEADLK";
    case EINVAL: return "EINVAL";
    case EPERM: return "EPERM";
    case ESRCH: return "ESRCH";
    case ETIMEDOUT: return "ETIMEDOUT";
    case ENOTSUP: return "ENOTSUP";
    case EOVERFLOW: return "EOVERFLOW";
    case PTHREAD_BARRIER_SERIAL_THREAD: return "SERIAL";
    default: return "other";
    }
}

static const char *mark = "";
#define SHOW(call) printf("%s%s = %s\n", mark, #call, name(call))
/* Semaphore calls report through errno. */
#define SHOW_SEM(call) do { errno = 0; int r_ = (call); \
    printf("%s%s = %d %s\n", mark, #call, r_, name(errno)); } while (0)

static const struct timespec past = {0, 0}, bad = {0, 2000000000L};
static int once_runs;
static void once_init(void) { once_runs++; }
static pthread_key_t key_a, key_b;
static int values[3];

static void destroy(void *value)
{
    int *v = value;
    printf("destructor %d\n", (int)(v - values));
    if (v == &values[0])
        pthread_setspecific(key_b, &values[2]); /* set anew: a second round runs */
}

static void mutexes(void)
{
    pthread_mutexattr_t attr;
    pthread_mutex_t normal = PTHREAD_MUTEX_INITIALIZER, recursive, checked;
    int type;
    SHOW(pthread_mutexattr_init(&attr));
    SHOW(pthread_mutexattr_gettype(&attr, &type));
    printf("default type %d\n", type);
    SHOW(pthread_mutexattr_settype(&attr, 99));
    SHOW(pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE));
    SHOW(pthread_mutex_init(&recursive, &attr));
    SHOW(pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK));
    SHOW(pthread_mutex_init(&checked, &attr));
    SHOW(pthread_mutexattr_setpshared(&attr, 7));
    SHOW(pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED));
    SHOW(pthread_mutexattr_destroy(&attr));

    SHOW(pthread_mutex_lock(&normal));
    SHOW(pthread_mutex_trylock(&normal));
    SHOW(pthread_mutex_timedlock(&normal, &past));
    SHOW(pthread_mutex_timedlock(&normal, &bad));
    SHOW(pthread_mutex_destroy(&normal));
    SHOW(pthread_mutex_unlock(&normal));
    SHOW(pthread_mutex_trylock(&normal));
    SHOW(pthread_mutex_unlock(&normal));
    SHOW(pthread_mutex_destroy(&normal));

    SHOW(pthread_mutex_lock(&recursive));
    SHOW(pthread_mutex_lock(&recursive));
    SHOW(pthread_mutex_trylock(&recursive));
    SHOW(pthread_mutex_timedlock(&recursive, &past));
    SHOW(pthread_mutex_unlock(&recursive));
    SHOW(pthread_mutex_unlock(&recursive));
    SHOW(pthread_mutex_unlock(&recursive));
    SHOW(pthread_mutex_unlock(&recursive));
    SHOW(pthread_mutex_unlock(&recursive));

    SHOW(pthread_mutex_unlock(&checked));
    SHOW(pthread_mutex_lock(&checked));
    SHOW(pthread_mutex_lock(&checked));
    SHOW(pthread_mutex_trylock(&checked));
    SHOW(pthread_mutex_timedlock(&checked, &past));
    SHOW(pthread_mutex_unlock(&checked));
    SHOW(pthread_mutex_destroy(&checked));
#ifdef ONE_THREAD_ONLY
    mark = "only ";
    SHOW(pthread_mutex_lock(&normal));
    SHOW(pthread_mutex_lock(&normal)); /* glibc: blocks forever */
    SHOW(pthread_mutex_unlock(&normal));
    SHOW(pthread_mutex_unlock(&normal)); /* glibc: undefined, returns 0 */
    mark = "";
#endif
}

static void conditions(void)
{
    pthread_condattr_t attr;
    pthread_cond_t cond, plain = PTHREAD_COND_INITIALIZER;
    pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
    int shared;
    clockid_t clock;
    SHOW(pthread_condattr_init(&attr));
    SHOW(pthread_condattr_getpshared(&attr, &shared));
    printf("default pshared %d\n", shared);
    SHOW(pthread_condattr_setpshared(&attr, PTHREAD_PROCESS_SHARED));
    SHOW(pthread_condattr_getpshared(&attr, &shared));
    printf("pshared %d\n", shared);
    SHOW(pthread_condattr_setclock(&attr, 1));
    SHOW(pthread_condattr_getclock(&attr, &clock));
    printf("clock %d\n", (int)clock);
    SHOW(pthread_condattr_setclock(&attr, 42));
    SHOW(pthread_cond_init(&cond, &attr));
    SHOW(pthread_condattr_destroy(&attr));
    SHOW(pthread_cond_signal(&cond));
    SHOW(pthread_cond_broadcast(&plain));
    SHOW(pthread_mutex_lock(&mutex));
    SHOW(pthread_cond_timedwait(&plain, &mutex, &past));
    SHOW(pthread_mutex_trylock(&mutex)); /* the wait gave the mutex back locked */
    SHOW(pthread_cond_destroy(&cond));
#ifdef ONE_THREAD_ONLY
    mark = "only ";
    SHOW(pthread_cond_wait(&plain, &mutex)); /* glibc: waits forever */
    SHOW(pthread_mutex_unlock(&mutex));
    SHOW(pthread_cond_wait(&plain, &mutex));
    mark = "";
#endif
}

static void rwlocks(void)
{
    pthread_rwlockattr_t attr;
    pthread_rwlock_t lock, plain = PTHREAD_RWLOCK_INITIALIZER;
    int shared;
    SHOW(pthread_rwlockattr_init(&attr));
    SHOW(pthread_rwlockattr_setpshared(&attr, PTHREAD_PROCESS_SHARED));
    SHOW(pthread_rwlockattr_getpshared(&attr, &shared));
    printf("pshared %d\n", shared);
    SHOW(pthread_rwlock_init(&lock, &attr));
    SHOW(pthread_rwlockattr_destroy(&attr));
    SHOW(pthread_rwlock_rdlock(&lock));
    SHOW(pthread_rwlock_rdlock(&lock));
    SHOW(pthread_rwlock_tryrdlock(&lock));
    SHOW(pthread_rwlock_timedrdlock(&lock, &past));
    SHOW(pthread_rwlock_trywrlock(&lock));
    SHOW(pthread_rwlock_timedwrlock(&lock, &past));
    SHOW(pthread_rwlock_unlock(&lock));
    SHOW(pthread_rwlock_unlock(&lock));
    SHOW(pthread_rwlock_unlock(&lock));
    SHOW(pthread_rwlock_unlock(&lock));
    SHOW(pthread_rwlock_wrlock(&lock));
    SHOW(pthread_rwlock_tryrdlock(&lock));
    SHOW(pthread_rwlock_trywrlock(&lock));
    SHOW(pthread_rwlock_rdlock(&lock));
    SHOW(pthread_rwlock_wrlock(&lock));
    SHOW(pthread_rwlock_timedrdlock(&lock, &past));
    SHOW(pthread_rwlock_timedwrlock(&lock, &past));
    SHOW(pthread_rwlock_unlock(&lock));
    SHOW(pthread_rwlock_destroy(&lock));
    SHOW(pthread_rwlock_wrlock(&plain));
    SHOW(pthread_rwlock_unlock(&plain));
#ifdef ONE_THREAD_ONLY
    mark = "only ";
    SHOW(pthread_rwlock_rdlock(&plain));
    SHOW(pthread_rwlock_wrlock(&plain)); /* glibc: waits forever for its own reader */
    SHOW(pthread_rwlock_destroy(&plain)); /* glibc: 0 */
    SHOW(pthread_rwlock_unlock(&plain));
    SHOW(pthread_rwlock_unlock(&plain));
    mark = "";
#endif
}

static void threads(void)
{
    pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_attr_t attr;
    pthread_spinlock_t spin;
    pthread_barrier_t barrier;
    int state;
    size_t size;
    SHOW(pthread_once(&once, once_init));
    SHOW(pthread_once(&once, once_init));
    printf("once ran %d\n", once_runs);
    printf("self equal %d\n", pthread_equal(pthread_self(), pthread_self()) != 0);
    SHOW(pthread_join(pthread_self(), NULL));

    SHOW(pthread_attr_init(&attr));
    SHOW(pthread_attr_getdetachstate(&attr, &state));
    printf("detach %d\n", state);
    SHOW(pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED));
    SHOW(pthread_attr_setdetachstate(&attr, 5));
    SHOW(pthread_attr_getdetachstate(&attr, &state));
    printf("detach %d\n", state);
    SHOW(pthread_attr_setstacksize(&attr, 100));
    SHOW(pthread_attr_setstacksize(&attr, 1 << 20));
    SHOW(pthread_attr_getstacksize(&attr, &size));
    printf("stack %zu\n", size);
    SHOW(pthread_attr_getguardsize(&attr, &size));
    printf("guard %zu\n", size);
    SHOW(pthread_attr_setscope(&attr, PTHREAD_SCOPE_PROCESS));
    SHOW(pthread_attr_getscope(&attr, &state));
    printf("scope %d\n", state);
    SHOW(pthread_attr_destroy(&attr));

    SHOW(pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE));
    SHOW(pthread_spin_lock(&spin));
    SHOW(pthread_spin_trylock(&spin));
    SHOW(pthread_spin_unlock(&spin));
    SHOW(pthread_spin_trylock(&spin));
    SHOW(pthread_spin_unlock(&spin));
    SHOW(pthread_spin_destroy(&spin));

    SHOW(pthread_barrier_init(&barrier, NULL, 0));
    SHOW(pthread_barrier_init(&barrier, NULL, 1));
    SHOW(pthread_barrier_wait(&barrier));
    SHOW(pthread_barrier_wait(&barrier));
    SHOW(pthread_barrier_destroy(&barrier));
#ifdef ONE_THREAD_ONLY
    mark = "only ";
    pthread_t thread;
    SHOW(pthread_create(&thread, NULL, NULL, NULL));
    SHOW(pthread_spin_lock(&spin));
    SHOW(pthread_spin_lock(&spin)); /* glibc: spins forever */
    SHOW(pthread_barrier_init(&barrier, NULL, 2));
    SHOW(pthread_barrier_wait(&barrier));
    mark = "";
#endif
}

static void semaphores(void)
{
    sem_t sem;
    int value;
    SHOW_SEM(sem_init(&sem, 0, 2u + SEM_VALUE_MAX));
    SHOW_SEM(sem_init(&sem, 0, 2));
    SHOW_SEM(sem_wait(&sem));
    SHOW_SEM(sem_trywait(&sem));
    SHOW_SEM(sem_trywait(&sem));
    SHOW_SEM(sem_timedwait(&sem, &past));
    SHOW_SEM(sem_timedwait(&sem, &bad));
    SHOW_SEM(sem_post(&sem));
    SHOW_SEM(sem_getvalue(&sem, &value));
    printf("value %d\n", value);
    SHOW_SEM(sem_destroy(&sem));
    SHOW_SEM(sem_init(&sem, 0, SEM_VALUE_MAX));
    SHOW_SEM(sem_post(&sem));
#ifdef ONE_THREAD_ONLY
    mark = "only ";
    SHOW_SEM(sem_init(&sem, 0, 0));
    SHOW_SEM(sem_wait(&sem)); /* glibc: waits forever */
    SHOW_SEM(sem_post(&sem));
    SHOW_SEM(sem_timedwait(&sem, &bad)); /* glibc: EINVAL; POSIX lets a free one be taken */
    mark = "";
#endif
}

static void keys(void)
{
    pthread_key_t dead;
    SHOW(pthread_key_create(&key_a, destroy));
    SHOW(pthread_key_create(&key_b, destroy));
    SHOW(pthread_key_create(&dead, destroy));
    printf("keys differ %d\n", key_a != key_b && key_b != dead && key_a != dead);
    printf("initial %d\n", pthread_getspecific(key_a) == NULL);
    SHOW(pthread_setspecific(key_a, &values[0]));
    SHOW(pthread_setspecific(dead, &values[1]));
    printf("get %d\n", pthread_getspecific(key_a) == &values[0]);
    SHOW(pthread_key_delete(dead));
    SHOW(pthread_key_delete(dead));
    SHOW(pthread_setspecific(dead, &values[1]));
}

int main(void)
{
    int end_with_pthread_exit = 0;
    if (scanf("%d", &end_with_pthread_exit) != 1)
        end_with_pthread_exit = 0;
    mutexes();
    conditions();
    rwlocks();
    threads();
    semaphores();
    keys();
    if (end_with_pthread_exit)
        pthread_exit(NULL); /* destructors 0 then, in a second round, 2 */
    return 0; /* no destructors: the process exits */
}
