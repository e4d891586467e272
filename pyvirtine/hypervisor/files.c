/* Files a virtine's caller granted (docs/ABI.md, "Files"), and the descriptors a call
 * opens on them. Deny by default: with no grant every open fails with EACCES. A grant
 * names a file or a directory, read-only or read-write; the guest reaches it by the
 * name the caller gave it, and anything beneath a granted directory is resolved by the
 * kernel with RESOLVE_BENEATH (openat2), so neither `..` nor a symlink leads out of it.
 * Descriptors live as long as the call that opened them: every call ends with its
 * files closed, and so does initialisation at the snapshot. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

struct grant {
    char *name;    /* what the guest opens, normalised (normalise below) */
    int dirfd;     /* O_PATH: the granted directory, or the granted file's parent */
    char *base;    /* a file grant: its name in dirfd; NULL for a directory grant */
    bool writable;
};

struct file_grants {
    struct grant *grant;
    uint32_t n;
    bool after_snapshot; /* calls number their descriptors after initialisation's */
};

/* Guest descriptors: 0-2 are the call's input and output; initialisation's files get
 * 3.., a call's 3 + FILES_MAX.., so a FILE kept from before the snapshot never finds a
 * call's file under its number. */
#define FIRST_FD 3

/* `path` with empty and "." components dropped: "./a//b/" is "a/b", "/x/./y" is "/x/y",
 * "." is "". ".." stays: the kernel resolves it, beneath the grant. 0, or -1 if it does
 * not fit in cap bytes. */
static int normalise(const char *path, char *out, size_t cap) {
    size_t len = 0;
    if (*path == '/') out[len++] = '/';
    for (const char *p = path; *p;) {
        while (*p == '/') p++;
        const char *end = strchrnul(p, '/');
        size_t n = (size_t)(end - p);
        if (n && !(n == 1 && *p == '.')) {
            bool sep = len && out[len - 1] != '/';
            if (len + sep + n + 1 > cap) return -1;
            if (sep) out[len++] = '/';
            memcpy(out + len, p, n);
            len += n;
        }
        p = end;
    }
    if (len + 1 > cap) return -1;
    out[len] = 0;
    return 0;
}

static int open_path(const char *path, bool dir) {
    return open(path, O_PATH | O_CLOEXEC | (dir ? O_DIRECTORY : 0));
}

static int grant_error(char *err, size_t n, const char *path, const char *what) {
    snprintf(err, n, "file grant %s: %s", path, what);
    return -1;
}

/* The real path a grant of a file that does not exist yet stands for: its directory's
 * real path and its name. 0, or an errno. */
static int future_file(const char *path, char *resolved) {
    const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
    char dir[PATH_MAX], parent[PATH_MAX];
    size_t dir_len = slash ? (size_t)(slash - path) : 0;
    if (!*base || !strcmp(base, ".") || !strcmp(base, "..") || dir_len >= sizeof dir)
        return EINVAL;
    memcpy(dir, slash ? path : ".", slash ? dir_len : 1);
    dir[slash ? dir_len : 1] = 0;
    if (!realpath(*dir ? dir : "/", parent)) return errno;
    if (snprintf(resolved, PATH_MAX, "%s/%s", strcmp(parent, "/") ? parent : "", base) >= PATH_MAX)
        return ENAMETOOLONG;
    return 0;
}

/* One grant: a directory is held open; a file by its parent and name, so that a grant
 * may name a file the guest is to create. */
static int add_grant(struct grant *g, const struct vt_file_grant *spec, char *err, size_t n) {
    char name[PATH_MAX], resolved[PATH_MAX];
    g->dirfd = -1;
    if (!spec->guest_path || !spec->host_path || normalise(spec->guest_path, name, sizeof name) < 0)
        return grant_error(err, n, spec->host_path ? spec->host_path : "?", "bad path");
    if (!spec->access || spec->access & ~(VT_FILE_READ | VT_FILE_WRITE))
        return grant_error(err, n, spec->host_path, "access must be VT_FILE_READ and/or VT_FILE_WRITE");
    g->writable = spec->access & VT_FILE_WRITE;
    if (!(g->name = strdup(name))) return grant_error(err, n, spec->host_path, "out of memory");
    struct stat st;
    if (!realpath(spec->host_path, resolved)) {
        int e = errno == ENOENT ? future_file(spec->host_path, resolved) : errno;
        if (e) return grant_error(err, n, spec->host_path, strerror(e));
    } else if (stat(resolved, &st) < 0) {
        return grant_error(err, n, spec->host_path, strerror(errno));
    } else if (S_ISDIR(st.st_mode)) {
        g->dirfd = open_path(resolved, true);
        return g->dirfd < 0 ? grant_error(err, n, spec->host_path, strerror(errno)) : 0;
    } else if (!S_ISREG(st.st_mode)) {
        return grant_error(err, n, spec->host_path, "not a regular file or a directory");
    }
    char *slash = strrchr(resolved, '/');
    if (!(g->base = strdup(slash + 1))) return grant_error(err, n, spec->host_path, "out of memory");
    *slash = 0;
    g->dirfd = open_path(*resolved ? resolved : "/", true);
    return g->dirfd < 0 ? grant_error(err, n, spec->host_path, strerror(errno)) : 0;
}

int files_grant(struct vt_pool *p, const struct vt_options *opt, char *err, size_t n) {
    p->opt.files = NULL; /* the caller's array need not outlive vt_pool_create */
    p->opt.n_files = 0;
    if (!opt->n_files) return 0;
    struct file_grants *fg = calloc(1, sizeof *fg);
    if (!fg || !(fg->grant = calloc(opt->n_files, sizeof *fg->grant))) {
        free(fg);
        snprintf(err, n, "out of memory");
        return -1;
    }
    p->files = fg;
    for (; fg->n < opt->n_files; fg->n++)
        if (add_grant(&fg->grant[fg->n], &opt->files[fg->n], err, n) < 0) {
            fg->n++; /* released with the others */
            return -1;
        }
    return 0;
}

void files_release(struct vt_pool *p) {
    struct file_grants *fg = p->files;
    if (!fg) return;
    for (uint32_t i = 0; i < fg->n; i++) {
        if (fg->grant[i].dirfd >= 0) close(fg->grant[i].dirfd);
        free(fg->grant[i].name);
        free(fg->grant[i].base);
    }
    free(fg->grant);
    free(fg);
    p->files = NULL;
}

void files_close(struct vt_vm *vm) {
    for (int i = 0; i < FILES_MAX; i++)
        if (vm->files[i]) {
            close(vm->files[i] - 1);
            vm->files[i] = 0;
        }
}

void files_snapshot(struct vt_pool *p, struct vt_vm *vm) {
    files_close(vm);
    if (p->files) p->files->after_snapshot = true;
}

static int first_fd(struct vt_pool *p) {
    return FIRST_FD + (p->files && p->files->after_snapshot ? FILES_MAX : 0);
}

/* The host descriptor of guest descriptor fd, or -1. */
static int host_fd(struct vt_pool *p, struct vt_vm *vm, uint64_t fd) {
    uint64_t slot = fd - (uint64_t)first_fd(p);
    return slot < FILES_MAX && vm->files[slot] ? vm->files[slot] - 1 : -1;
}

/* The NUL-terminated guest string at addr, normalised into out; 0 or -errno. */
static int guest_path(struct vt_pool *p, struct vt_vm *vm, uint64_t addr, char *out, size_t cap) {
    if (!guest_range(p, addr, 1, false)) return -EFAULT;
    uint64_t room = p->mem_top - addr;
    const char *s = (const char *)vm->mem + addr;
    const char *end = memchr(s, 0, room < PATH_MAX ? room : PATH_MAX);
    if (!end) return room < PATH_MAX ? -EFAULT : -ENAMETOOLONG;
    if (end == s) return -ENOENT;
    return normalise(s, out, cap) < 0 ? -ENAMETOOLONG : 0;
}

/* The grant `path` lies in (the most specific one) and, in *rest, where beneath it:
 * "." for the granted directory itself, NULL for a granted file. */
static struct grant *find_grant(struct vt_pool *p, const char *path, const char **rest) {
    struct grant *best = NULL;
    size_t best_len = 0;
    for (uint32_t i = 0; p->files && i < p->files->n; i++) {
        struct grant *g = &p->files->grant[i];
        size_t len = strlen(g->name);
        const char *under;
        if (!strcmp(path, g->name)) under = g->base ? NULL : ".";
        else if (g->base) continue;
        else if (!len) under = *path == '/' ? NULL : path;  /* "." granted: every relative path */
        else if (!strcmp(g->name, "/")) under = *path == '/' ? path + 1 : NULL;
        else if (!strncmp(path, g->name, len) && path[len] == '/') under = path + len + 1;
        else continue;
        if ((under || g->base) && (!best || len >= best_len)) {
            best = g;
            best_len = len;
            *rest = under;
        }
    }
    return best;
}

static long openat2_beneath(int dirfd, const char *path, uint64_t flags, uint64_t mode,
                            uint64_t resolve) {
    struct open_how how = {.flags = flags, .mode = mode,
                           .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS | resolve};
    long fd;
    do fd = syscall(SYS_openat2, dirfd, path, &how, sizeof how);
    while (fd < 0 && errno == EINTR);
    return fd < 0 ? -errno : fd;
}

/* What the guest is told when the kernel refused to leave the grant. */
static int64_t denied(long err) {
    return err == -EXDEV || err == -ELOOP ? -EACCES : err;
}

#define OPEN_FLAGS (O_ACCMODE | O_CREAT | O_EXCL | O_TRUNC | O_APPEND | O_CLOEXEC | O_NOCTTY)

static int64_t hc_open(struct vt_pool *p, struct vt_vm *vm, uint64_t addr, uint64_t flags,
                       uint64_t mode) {
    char path[PATH_MAX];
    const char *rest;
    if (!p->files) return -EACCES; /* nothing granted: nothing looked at */
    int e = guest_path(p, vm, addr, path, sizeof path);
    if (e) return e;
    if ((flags & ~(uint64_t)OPEN_FLAGS) || (flags & O_ACCMODE) == O_ACCMODE) return -EINVAL;
    struct grant *g = find_grant(p, path, &rest);
    if (!g) return -EACCES;
    bool writes = (flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC | O_APPEND));
    if (writes && !g->writable) return -EACCES;
    int slot = 0;
    while (slot < FILES_MAX && vm->files[slot]) slot++;
    if (slot == FILES_MAX) return -EMFILE;
    /* O_NONBLOCK: opening a FIFO someone put in a granted directory must not hang the
     * host; only regular files are handed over. */
    long fd = openat2_beneath(g->dirfd, rest ? rest : g->base,
                              flags | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, mode & 0777,
                              rest ? 0 : RESOLVE_NO_SYMLINKS);
    if (fd < 0) return denied(fd);
    struct stat st;
    e = fstat((int)fd, &st) < 0 ? -errno
        : S_ISREG(st.st_mode) ? 0 : S_ISDIR(st.st_mode) ? -EISDIR : -EACCES;
    if (e) {
        close((int)fd);
        return e;
    }
    fcntl((int)fd, F_SETFL, fcntl((int)fd, F_GETFL) & ~O_NONBLOCK);
    vm->files[slot] = (int)fd + 1;
    return first_fd(p) + slot;
}

/* The directory holding `path` (beneath a writable grant) and its last component, for
 * unlink and rename, which never follow that component. *dir is to be closed if
 * *owned. 0 or -errno. */
static int64_t parent_of(struct vt_pool *p, struct vt_vm *vm, uint64_t addr, char *path,
                         int *dir, bool *owned, const char **last) {
    const char *rest;
    if (!p->files) return -EACCES;
    int e = guest_path(p, vm, addr, path, PATH_MAX);
    if (e) return e;
    struct grant *g = find_grant(p, path, &rest);
    if (!g || !g->writable) return -EACCES;
    *owned = false;
    *dir = g->dirfd;
    if (!rest) {
        *last = g->base;
        return 0;
    }
    char *slash = strrchr(rest, '/');
    *last = slash ? slash + 1 : rest;
    if (!strcmp(*last, ".") || !strcmp(*last, "..")) return -EACCES;
    if (slash) {
        *slash = 0;
        long fd = openat2_beneath(g->dirfd, rest, O_PATH | O_DIRECTORY | O_CLOEXEC, 0, 0);
        if (fd < 0) return denied(fd);
        *dir = (int)fd;
        *owned = true;
    }
    return 0;
}

static int64_t hc_unlink(struct vt_pool *p, struct vt_vm *vm, uint64_t addr) {
    char path[PATH_MAX];
    const char *last;
    int dir;
    bool owned;
    int64_t e = parent_of(p, vm, addr, path, &dir, &owned, &last);
    if (e) return e;
    e = unlinkat(dir, last, 0) < 0 ? -errno : 0;
    if (owned) close(dir);
    return e;
}

static int64_t hc_rename(struct vt_pool *p, struct vt_vm *vm, uint64_t from, uint64_t to) {
    char from_path[PATH_MAX], to_path[PATH_MAX];
    const char *from_last, *to_last;
    int from_dir, to_dir;
    bool from_owned, to_owned = false;
    int64_t e = parent_of(p, vm, from, from_path, &from_dir, &from_owned, &from_last);
    if (e) return e;
    e = parent_of(p, vm, to, to_path, &to_dir, &to_owned, &to_last);
    if (!e) e = renameat(from_dir, from_last, to_dir, to_last) < 0 ? -errno : 0;
    if (from_owned) close(from_dir);
    if (to_owned) close(to_dir);
    return e;
}

static int64_t hc_fstat(struct vt_pool *p, struct vt_vm *vm, uint64_t fd, uint64_t buf) {
    struct stat st = {.st_mode = S_IFIFO | 0600}; /* the call's input and output */
    int h = host_fd(p, vm, fd);
    if (h < 0 && fd > 2) return -EBADF;
    if (h >= 0 && fstat(h, &st) < 0) return -errno;
    struct { uint64_t size; uint32_t mode, pad; int64_t mtime; } out = {
        (uint64_t)st.st_size, st.st_mode, 0, st.st_mtime};
    if (!guest_range(p, buf, sizeof out, true)) return -EFAULT;
    memcpy(vm->mem + buf, &out, sizeof out);
    host_wrote(vm, buf, sizeof out);
    return 0;
}

static int64_t hc_transfer(struct vt_pool *p, struct vt_vm *vm, int h, uint64_t buf,
                           uint64_t len, bool into_guest) {
    if (!guest_range(p, buf, len, into_guest)) return -EFAULT;
    ssize_t n;
    do n = into_guest ? read(h, vm->mem + buf, len) : write(h, vm->mem + buf, len);
    while (n < 0 && errno == EINTR);
    if (n < 0) return -errno;
    if (into_guest) host_wrote(vm, buf, (uint64_t)n);
    return n;
}

bool files_hypercall(struct vt_pool *p, struct vt_vm *vm, uint32_t nr,
                     const struct kvm_regs *r, int64_t *ret) {
    int h;
    switch (nr) {
    case HC_OPEN: *ret = hc_open(p, vm, r->rdi, r->rsi, r->rdx); return true;
    case HC_UNLINK: *ret = hc_unlink(p, vm, r->rdi); return true;
    case HC_RENAME: *ret = hc_rename(p, vm, r->rdi, r->rsi); return true;
    case HC_FSTAT: *ret = hc_fstat(p, vm, r->rdi, r->rsi); return true;
    case HC_LSEEK:
        h = host_fd(p, vm, r->rdi);
        if (h < 0) *ret = r->rdi <= 2 ? -ESPIPE : -EBADF;
        else if (r->rdx > SEEK_END) *ret = -EINVAL;
        else {
            off_t at = lseek(h, (off_t)r->rsi, (int)r->rdx);
            *ret = at < 0 ? -errno : at;
        }
        return true;
    case HC_READ:
    case HC_WRITE:
    case HC_CLOSE:
        if (r->rdi <= 2) return false; /* the call's input and output: the allow mask's */
        h = host_fd(p, vm, r->rdi);
        if (h < 0) *ret = -EBADF;
        else if (nr != HC_CLOSE) *ret = hc_transfer(p, vm, h, r->rsi, r->rdx, nr == HC_READ);
        else {
            close(h);
            vm->files[r->rdi - (uint64_t)first_fd(p)] = 0;
            *ret = 0;
        }
        return true;
    default:
        return false;
    }
}
