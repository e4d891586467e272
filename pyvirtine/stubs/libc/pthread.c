/* Threads, once, keys and thread attributes for a guest with exactly one thread
   (see pthread.h). The one thread's id is MAIN_THREAD; no other id ever names a
   thread, so calls about another thread report ESRCH. */
#include <pthread.h>
#include <errno.h>
#include <stdlib.h>

#define MAIN_THREAD ((pthread_t)1)
#define ONCE_RUNNING 1
#define ONCE_DONE 2

pthread_t pthread_self(void) { return MAIN_THREAD; }

int pthread_equal(pthread_t a, pthread_t b) { return a == b; }

int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
                   void *(*start)(void *), void *arg)
{
    return EAGAIN; /* a virtine has one vCPU and no threads */
}

int pthread_join(pthread_t thread, void **result)
{
    return thread == MAIN_THREAD ? EDEADLK : ESRCH;
}

int pthread_detach(pthread_t thread) { return thread == MAIN_THREAD ? 0 : ESRCH; }

int pthread_cancel(pthread_t thread)
{
    /* Cancelling oneself only takes effect at a cancellation point; the guest
       has none that could block, so the request is accepted and never acted on. */
    return thread == MAIN_THREAD ? 0 : ESRCH;
}

static int replace_setting(int *setting, int value, int *old)
{
    if (value != 0 && value != 1)
        return EINVAL;
    if (old)
        *old = *setting;
    *setting = value;
    return 0;
}

static int cancel_state = PTHREAD_CANCEL_ENABLE, cancel_type = PTHREAD_CANCEL_DEFERRED;

int pthread_setcancelstate(int state, int *old) { return replace_setting(&cancel_state, state, old); }
int pthread_setcanceltype(int type, int *old) { return replace_setting(&cancel_type, type, old); }
void pthread_testcancel(void) {}

int pthread_once(pthread_once_t *once, void (*init)(void))
{
    if (*once == ONCE_DONE)
        return 0;
    if (*once == ONCE_RUNNING)
        return EDEADLK; /* init itself called pthread_once on the same control */
    *once = ONCE_RUNNING;
    init();
    *once = ONCE_DONE;
    return 0;
}

/* Keys: a fixed table; a key's value belongs to the one thread. */
static struct {
    int used;
    void (*destructor)(void *);
    const void *value;
} keys[PTHREAD_KEYS_MAX];

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
    pthread_key_t k;
    for (k = 0; k < PTHREAD_KEYS_MAX; k++)
        if (!keys[k].used) {
            keys[k].used = 1;
            keys[k].destructor = destructor;
            keys[k].value = NULL;
            *key = k;
            return 0;
        }
    return EAGAIN;
}

static int valid_key(pthread_key_t key) { return key < PTHREAD_KEYS_MAX && keys[key].used; }

int pthread_key_delete(pthread_key_t key)
{
    if (!valid_key(key))
        return EINVAL;
    keys[key].used = 0; /* POSIX: deleting a key runs no destructor */
    return 0;
}

void *pthread_getspecific(pthread_key_t key)
{
    return valid_key(key) ? (void *)keys[key].value : NULL;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
    if (!valid_key(key))
        return EINVAL;
    keys[key].value = value;
    return 0;
}

/* Each non-NULL value is cleared and handed to its destructor; a destructor may
   set values again, so this repeats up to PTHREAD_DESTRUCTOR_ITERATIONS times. */
static void run_key_destructors(void)
{
    int round, again = 1;
    pthread_key_t k;
    for (round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS && again; round++) {
        again = 0;
        for (k = 0; k < PTHREAD_KEYS_MAX; k++)
            if (keys[k].used && keys[k].value && keys[k].destructor) {
                void *value = (void *)keys[k].value;
                keys[k].value = NULL;
                keys[k].destructor(value);
                again = 1;
            }
    }
}

/* The last thread leaving ends the process with status 0, as after exit(0). */
void pthread_exit(void *result)
{
    run_key_destructors();
    exit(0);
}

int pthread_attr_init(pthread_attr_t *attr)
{
    attr->__detachstate = PTHREAD_CREATE_JOINABLE;
    attr->__scope = PTHREAD_SCOPE_SYSTEM;
    attr->__inheritsched = PTHREAD_INHERIT_SCHED;
    attr->__schedpolicy = 0;
    attr->__stacksize = 8 << 20;
    attr->__guardsize = 4096;
    attr->__stackaddr = NULL;
    return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr) { return 0; }

static int set_choice(int *field, int value)
{
    if (value != 0 && value != 1)
        return EINVAL;
    *field = value;
    return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
    return set_choice(&attr->__detachstate, state);
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state)
{
    *state = attr->__detachstate;
    return 0;
}

int pthread_attr_setscope(pthread_attr_t *attr, int scope)
{
    if (scope == PTHREAD_SCOPE_PROCESS)
        return ENOTSUP; /* as on Linux: only system scope exists */
    return set_choice(&attr->__scope, scope);
}

int pthread_attr_getscope(const pthread_attr_t *attr, int *scope)
{
    *scope = attr->__scope;
    return 0;
}

int pthread_attr_setinheritsched(pthread_attr_t *attr, int inherit)
{
    return set_choice(&attr->__inheritsched, inherit);
}

int pthread_attr_getinheritsched(const pthread_attr_t *attr, int *inherit)
{
    *inherit = attr->__inheritsched;
    return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
    if (size < PTHREAD_STACK_MIN)
        return EINVAL;
    attr->__stacksize = size;
    return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size)
{
    *size = attr->__stacksize;
    return 0;
}

int pthread_attr_setguardsize(pthread_attr_t *attr, size_t size)
{
    attr->__guardsize = size;
    return 0;
}

int pthread_attr_getguardsize(const pthread_attr_t *attr, size_t *size)
{
    *size = attr->__guardsize;
    return 0;
}

int pthread_attr_setstack(pthread_attr_t *attr, void *addr, size_t size)
{
    if (size < PTHREAD_STACK_MIN)
        return EINVAL;
    attr->__stackaddr = addr;
    attr->__stacksize = size;
    return 0;
}

int pthread_attr_getstack(const pthread_attr_t *attr, void **addr, size_t *size)
{
    *addr = attr->__stackaddr;
    *size = attr->__stacksize;
    return 0;
}
