/* Unnamed POSIX semaphores for the guest's one thread: a wait on a zero count
   could only be ended by another thread's sem_post, so sem_wait fails with
   EDEADLK (a "deadlock detected" error POSIX allows) and sem_timedwait with
   ETIMEDOUT at once. Named semaphores need a shared namespace a virtine lacks. */
#ifndef _SEMAPHORE_H
#define _SEMAPHORE_H
#include <time.h>

typedef struct { unsigned int __value; } sem_t;

#define SEM_VALUE_MAX 2147483647
#define SEM_FAILED ((sem_t *)0)

int sem_init(sem_t *sem, int pshared, unsigned int value);
int sem_destroy(sem_t *sem);
int sem_post(sem_t *sem);
int sem_wait(sem_t *sem);
int sem_trywait(sem_t *sem);
int sem_timedwait(sem_t *sem, const struct timespec *deadline);
int sem_getvalue(sem_t *sem, int *value);

#endif
