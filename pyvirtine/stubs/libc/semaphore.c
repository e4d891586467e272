/* Unnamed semaphores with one thread (see semaphore.h). Errors are reported
   through errno and a -1 result, as POSIX has it for semaphores. */
#include <semaphore.h>
#include <errno.h>

static int fail(int error)
{
    errno = error;
    return -1;
}

int sem_init(sem_t *sem, int pshared, unsigned int value)
{
    if (value > SEM_VALUE_MAX)
        return fail(EINVAL);
    sem->__value = value;
    return 0;
}

int sem_destroy(sem_t *sem) { return 0; }

int sem_post(sem_t *sem)
{
    if (sem->__value == SEM_VALUE_MAX)
        return fail(EOVERFLOW);
    sem->__value++;
    return 0;
}

static int take(sem_t *sem, int empty_error)
{
    if (sem->__value == 0)
        return fail(empty_error);
    sem->__value--;
    return 0;
}

int sem_wait(sem_t *sem) { return take(sem, EDEADLK); }
int sem_trywait(sem_t *sem) { return take(sem, EAGAIN); }

int sem_timedwait(sem_t *sem, const struct timespec *deadline)
{
    if (sem->__value == 0 && (deadline->tv_nsec < 0 || deadline->tv_nsec >= 1000000000L))
        return fail(EINVAL);
    return take(sem, ETIMEDOUT);
}

int sem_getvalue(sem_t *sem, int *value)
{
    *value = (int)sem->__value;
    return 0;
}
