/* The call-site runtime of virtinecc output: one lazily made pool per virtine image,
 * a per-thread argument area and result, and the error hook of virtine.h.
 * See host_runtime.h for the interface the generated stubs use. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_runtime.h"
#include "launcher.h"
#include "../stubs/include/virtine.h"

_Static_assert(sizeof(pthread_once_t) == sizeof(int), "site.once holds a pthread_once_t");
_Static_assert(PTHREAD_ONCE_INIT == 0, "generated sites start with once = 0");

#define WRITE_HYPERCALL 10
#define IMAGE_ALLOW_OFFSET 112 /* u64 allow in the image header (pyvirtine/image.py) */

struct site_state {
    struct vt_pool *pool; /* 0 if it could not be made: */
    char message[256];    /* then why */
    int writes;           /* the image may write to stdout/stderr */
};

static void default_hook(const char *function, int kind, const char *message) {
    fprintf(stderr, "virtine %s: %s\n", function, message);
    if (kind == VIRTINE_ERR_START) /* virtine.h: the host's failure, not the guest's */
        exit(EXIT_FAILURE);
}

static __thread int last_error;

int virtine_last_error(void) { return last_error; }

static virtine_error_hook_t hook = default_hook;
static pthread_mutex_t hook_lock = PTHREAD_MUTEX_INITIALIZER;

virtine_error_hook_t virtine_set_error_hook(virtine_error_hook_t h) {
    pthread_mutex_lock(&hook_lock);
    virtine_error_hook_t old = hook;
    hook = h ? h : default_hook;
    pthread_mutex_unlock(&hook_lock);
    return old;
}

static void report(struct __virtinecc_site *site, int kind, const char *message) {
    last_error = kind;
    pthread_mutex_lock(&hook_lock);
    virtine_error_hook_t h = hook;
    pthread_mutex_unlock(&hook_lock);
    h(site->name, kind, message);
}

/* pthread_once takes no argument: the site being made ready travels in a TLS slot. */
static __thread struct __virtinecc_site *initialising;

/* The sites with a pool, so a forked child can forget them: KVM VMs belong to the
 * process that made them, and the child makes its own on its first call. */
static struct __virtinecc_site **sites;
static size_t nsites, sites_cap;
static pthread_mutex_t sites_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t atfork_once = PTHREAD_ONCE_INIT;

static void before_fork(void) {
    pthread_mutex_lock(&sites_lock);
    pthread_mutex_lock(&hook_lock);
}

static void after_fork_parent(void) {
    pthread_mutex_unlock(&hook_lock);
    pthread_mutex_unlock(&sites_lock);
}

static void after_fork_child(void) {
    for (size_t i = 0; i < nsites; i++) { /* the child is single-threaded here */
        sites[i]->state = 0;
        sites[i]->once = 0; /* PTHREAD_ONCE_INIT */
    }
    nsites = 0;
    after_fork_parent();
}

static void install_atfork(void) { pthread_atfork(before_fork, after_fork_parent, after_fork_child); }

static void remember(struct __virtinecc_site *site) {
    pthread_once(&atfork_once, install_atfork);
    pthread_mutex_lock(&sites_lock);
    if (nsites == sites_cap) {
        size_t cap = sites_cap ? 2 * sites_cap : 16;
        struct __virtinecc_site **grown = realloc(sites, cap * sizeof *grown);
        if (grown) {
            sites = grown;
            sites_cap = cap;
        }
    }
    if (nsites < sites_cap)
        sites[nsites++] = site;
    pthread_mutex_unlock(&sites_lock);
}

static double timeout_from_env(void) {
    const char *s = getenv("VIRTINECC_TIMEOUT");
    char *end;
    double t = s ? strtod(s, &end) : 0;
    return s && end != s && t > 0 ? t : 0;
}

static void make_pool(void) {
    struct __virtinecc_site *site = initialising;
    struct site_state *st = calloc(1, sizeof *st);
    if (!st) {
        fprintf(stderr, "virtine %s: out of memory\n", site->name);
        abort();
    }
    struct vt_options opt = {.pool_size = 1, .boot = VT_BOOT_DIRECT, .capture = 0,
                             .snapshot = 1, .timeout = timeout_from_env()};
    struct vt_result res;
    memset(&res, 0, sizeof res);
    uint64_t allow = 0;
    if (site->image_len >= IMAGE_ALLOW_OFFSET + 8)
        memcpy(&allow, site->image + IMAGE_ALLOW_OFFSET, sizeof allow);
    st->writes = (allow >> WRITE_HYPERCALL) & 1;
    st->pool = vt_pool_create(site->image, site->image_len, &opt, &res);
    if (!st->pool) {
        snprintf(st->message, sizeof st->message, "cannot start the virtine: %s", res.message);
    }
    vt_result_release(&res);
    site->state = st;
    remember(site);
}

static struct site_state *ready(struct __virtinecc_site *site) {
    initialising = site;
    pthread_once((pthread_once_t *)&site->once, make_pool);
    return site->state;
}

struct thread_call {
    unsigned char *area;   /* the arguments being laid out */
    size_t cap;
    unsigned char *result; /* the last call's result: up to a whole argument area */
    size_t result_cap;
    struct vt_result res;
};

static __thread struct thread_call current;
static pthread_once_t thread_key_once = PTHREAD_ONCE_INIT;
static pthread_key_t thread_key; /* its destructor frees a finished thread's buffers */

static void thread_call_free(void *v) {
    struct thread_call *c = v;
    free(c->area);
    free(c->result);
    vt_result_release(&c->res);
    memset(c, 0, sizeof *c);
}

static void make_thread_key(void) { pthread_key_create(&thread_key, thread_call_free); }

/* The first buffer of a thread registers it for freeing when the thread exits. */
static void own_buffers(void) {
    if (current.area || current.result) return;
    pthread_once(&thread_key_once, make_thread_key);
    pthread_setspecific(thread_key, &current);
}

unsigned char *__virtinecc_begin(struct __virtinecc_site *site, unsigned long long size) {
    last_error = 0; /* every call begins here */
    if (size > site->capacity) {
        char message[160];
        snprintf(message, sizeof message, "the arguments take %llu bytes but the virtine's "
                 "argument area holds %llu; give it more memory (virtine_cfg)", size,
                 site->capacity);
        report(site, VIRTINE_ERR_ERROR, message);
        return 0;
    }
    if (size > current.cap) {
        own_buffers();
        size_t cap = current.cap ? current.cap : 256;
        while (cap < size)
            cap *= 2;
        unsigned char *area = realloc(current.area, cap);
        if (!area) {
            report(site, VIRTINE_ERR_ERROR, "out of memory for the arguments");
            return 0;
        }
        current.area = area;
        current.cap = cap;
    }
    memset(current.area, 0, size);
    return current.area;
}

/* "file.c:LINE in function" of a guest code address, or 0. */
static const char *guest_line(const struct __virtinecc_site *site, uint64_t addr) {
    unsigned long long lo = 0, hi = site->nlines;
    while (lo < hi) { /* first row above addr */
        unsigned long long mid = (lo + hi) / 2;
        if (site->lines[mid].addr <= addr)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? site->lines[lo - 1].where : 0;
}

/* Where a crash happened in the user's code: the innermost frame of the backtrace
 * with a line outside the guest libc (a return address is one past its call). */
static const char *crash_line(const struct __virtinecc_site *site, const struct vt_result *res) {
    for (uint32_t i = 0; i < res->nframes; i++) {
        const char *where = guest_line(site, res->frames[i] - (i > 0));
        if (where && strncmp(where, "libc/", 5)) return where;
    }
    return guest_line(site, res->regs[16]);
}

const unsigned char *__virtinecc_call(struct __virtinecc_site *site, unsigned long long size,
                                      unsigned long long result_len) {
    struct site_state *st = ready(site);
    if (!st->pool) {
        report(site, VIRTINE_ERR_START, st->message);
        return 0;
    }
    if (st->writes) /* the guest writes to fds 1 and 2 directly: keep the host's order */
        fflush(stdout);
    if (current.result_cap < site->capacity) {
        own_buffers();
        unsigned char *grown = realloc(current.result, site->capacity);
        if (!grown) {
            report(site, VIRTINE_ERR_ERROR, "out of memory for the result");
            return 0;
        }
        current.result = grown;
        current.result_cap = site->capacity;
    }
    vt_result_release(&current.res);
    int kind = vt_call(st->pool, current.area, size, NULL, 0, current.result, site->capacity,
                       &current.res);
    struct vt_result *res = &current.res;
    char message[sizeof res->message + 160];
    if (kind == VT_OK && res->status == 0 && res->result_len >= result_len)
        return current.result;
    if (kind == VT_OK) {
        snprintf(message, sizeof message, "exited with status %lld instead of returning",
                 (long long)res->status);
        report(site, VIRTINE_ERR_EXIT, message);
        return 0;
    }
    const char *where = kind == VT_CRASH ? crash_line(site, res) : 0;
    if (where)
        snprintf(message, sizeof message, "%s in %s", res->message, where);
    else
        snprintf(message, sizeof message, "%s", res->message);
    report(site, kind, message);
    return 0;
}

char *__virtinecc_string(struct __virtinecc_site *site, const unsigned char *result) {
    uint64_t off, n;
    memcpy(&off, result, sizeof off);
    memcpy(&n, result + 8, sizeof n);
    if (off == 0)
        return 0;
    if (off == UINT64_MAX || off + n + 1 > current.res.result_len) {
        report(site, VIRTINE_ERR_ERROR, "returned a string longer than its argument area");
        return 0;
    }
    char *s = malloc(n + 1);
    if (!s) {
        report(site, VIRTINE_ERR_ERROR, "out of memory for the returned string");
        return 0;
    }
    memcpy(s, result + off, n);
    s[n] = 0;
    return s;
}
