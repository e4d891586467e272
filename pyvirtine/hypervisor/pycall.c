/* pyvirtine.hypervisor._pycall: Virtine.call's whole path from Python to the launcher
 * and back, in C.
 *
 * Why C: after a VM exit this host runs everything with cold caches, and each Python
 * step of the call path (argument checks, cffi's conversion of eight arguments, five
 * result field reads, building the result) paid for them: about 7 us per call, beside a
 * 40 us exit. One C method does the same work touching a fraction of the memory.
 *
 * The launcher itself lives in the cffi module (pyvirtine.hypervisor._launcher), whose
 * process-wide state (the per-thread caller records, the watchdog) must stay one: this
 * module calls it through function pointers that bind() takes from cffi. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#include "launcher.h"

typedef int call_fn(struct vt_pool *, const uint8_t *, size_t, const uint8_t *, size_t,
                    uint8_t *, size_t, struct vt_result *);
typedef void release_fn(struct vt_result *);

static call_fn *launch;
static release_fn *release;
static PyTypeObject *result_type; /* pyvirtine.runtime.CallResult */

/* Each thread's result record and result buffer, reused by every call it makes (the
 * buffer grows to the largest argument area called) and freed when the thread ends. */
struct thread_state {
    struct vt_result res;
    uint8_t *result;
    size_t cap;
};
static __thread struct thread_state *mine;
static pthread_key_t thread_end;
static _Atomic long live_states;

static void free_thread_state(void *p) {
    struct thread_state *t = p;
    free(t->result);
    free(t);
    live_states--;
}

static struct thread_state *thread_state(size_t cap) {
    struct thread_state *t = mine;
    if (!t) {
        t = calloc(1, sizeof *t);
        if (!t) return NULL;
        pthread_setspecific(thread_end, t);
        mine = t;
        live_states++;
    }
    if (t->cap < cap) {
        uint8_t *grown = realloc(t->result, cap);
        if (!grown) return NULL;
        t->result = grown;
        t->cap = cap;
    }
    return t;
}

typedef struct {
    PyObject_HEAD
    struct vt_pool *pool; /* NULL once closed */
    size_t area_size;     /* the image's argument area: the most a result can be */
} PoolCaller;

static int bytes_like(const char *name, PyObject *value, Py_buffer *view) {
    if (PyObject_GetBuffer(value, view, PyBUF_SIMPLE) == 0) return 0;
    if (PyErr_ExceptionMatches(PyExc_TypeError)) {
        PyErr_Format(PyExc_TypeError,
                     "%s must be bytes-like (bytes, bytearray, memoryview), not %.100s",
                     name, Py_TYPE(value)->tp_name);
    }
    return -1;
}

static PyObject *output(const uint8_t *data, uint64_t len) {
    return PyBytes_FromStringAndSize((const char *)data, (Py_ssize_t)len);
}

static PyObject *call_result(const struct vt_result *res, const uint8_t *result) {
    PyObject *t = result_type->tp_alloc(result_type, 5);
    if (!t) return NULL;
    PyObject *items[5] = {PyLong_FromLongLong(res->status),
                          PyBytes_FromStringAndSize((const char *)result,
                                                    (Py_ssize_t)res->result_len),
                          output(res->out, res->out_len), output(res->err, res->err_len),
                          PyLong_FromUnsignedLongLong(res->exits)};
    int ok = 1;
    for (int i = 0; i < 5; i++) {
        ok &= items[i] != NULL;
        PyTuple_SET_ITEM(t, i, items[i]);
    }
    if (!ok) Py_CLEAR(t);
    return t;
}

PyDoc_STRVAR(call_doc,
"call($self, /, args=b'', input=b'')\n--\n\n"
"Run one call in a clean virtine: ``args`` (bytes-like) is copied to the argument area\n"
"and ``input`` is what the guest's read hypercall returns. Returns a ``CallResult``.\n"
"Raises ``VirtineTimeout``, ``VirtinePolicyError`` or ``VirtineCrash``; the pool stays\n"
"usable after any.");

static PyObject *pool_caller_call(PoolCaller *self, PyObject *const *argv, Py_ssize_t nargs,
                                  PyObject *kwnames) {
    static const char *const names[] = {"args", "input"};
    PyObject *given[2] = {NULL, NULL};
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    if (nargs > 2) {
        PyErr_Format(PyExc_TypeError, "call() takes at most 2 arguments (%zd given)", nargs);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < nargs; i++) given[i] = argv[i];
    for (Py_ssize_t k = 0; k < nkw; k++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, k);
        int slot = PyUnicode_CompareWithASCIIString(key, names[0]) == 0   ? 0
                   : PyUnicode_CompareWithASCIIString(key, names[1]) == 0 ? 1
                                                                          : -1;
        if (slot < 0 || given[slot]) {
            PyErr_Format(PyExc_TypeError, slot < 0
                         ? "call() got an unexpected keyword argument '%U'"
                         : "call() got multiple values for argument '%U'", key);
            return NULL;
        }
        given[slot] = argv[nargs + k];
    }
    if (!self->pool) return PyObject_CallMethod((PyObject *)self, "_open_pool", NULL);
    Py_buffer args = {0}, input = {0};
    if (given[0] && bytes_like("args", given[0], &args) < 0) return NULL;
    if (given[1] && bytes_like("input", given[1], &input) < 0) {
        PyBuffer_Release(&args);
        return NULL;
    }
    struct thread_state *t = thread_state(self->area_size);
    if (!t) {
        PyBuffer_Release(&args);
        PyBuffer_Release(&input);
        return PyErr_NoMemory();
    }
    int kind;
    Py_BEGIN_ALLOW_THREADS
    kind = launch(self->pool, args.buf, (size_t)args.len, input.buf, (size_t)input.len,
                  t->result, t->cap, &t->res);
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&args);
    PyBuffer_Release(&input);
    if (kind != VT_OK) /* raises the error the result describes, and releases it */
        return PyObject_CallMethod((PyObject *)self, "_fail_at", "K",
                                   (unsigned long long)(uintptr_t)&t->res);
    PyObject *done = call_result(&t->res, t->result);
    release(&t->res);
    return done;
}

static PyObject *pool_caller_set_pool(PoolCaller *self, PyObject *const *argv,
                                      Py_ssize_t nargs) {
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "_set_pool(address, area_size)");
        return NULL;
    }
    void *pool = PyLong_AsVoidPtr(argv[0]);
    size_t area_size = PyLong_AsSize_t(argv[1]);
    if (PyErr_Occurred()) return NULL;
    self->pool = pool;
    self->area_size = area_size;
    Py_RETURN_NONE;
}

static PyMethodDef pool_caller_methods[] = {
    {"call", (PyCFunction)(void (*)(void))pool_caller_call, METH_FASTCALL | METH_KEYWORDS,
     call_doc},
    {"_set_pool", (PyCFunction)(void (*)(void))pool_caller_set_pool, METH_FASTCALL,
     "Call the pool at this address (0: closed), whose argument area is area_size bytes."},
    {NULL}};

static PyTypeObject PoolCallerType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "pyvirtine.hypervisor._pycall.PoolCaller",
    .tp_doc = "Base of Virtine: the pool it calls, and its call method.",
    .tp_basicsize = sizeof(PoolCaller),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_new = PyType_GenericNew,
    .tp_methods = pool_caller_methods,
};

static PyObject *bind(PyObject *module, PyObject *const *argv, Py_ssize_t nargs) {
    if (nargs != 3 || !PyType_Check(argv[2])) {
        PyErr_SetString(PyExc_TypeError, "bind(vt_call address, vt_result_release address, "
                                         "CallResult)");
        return NULL;
    }
    call_fn *call = (call_fn *)PyLong_AsVoidPtr(argv[0]);
    release_fn *rel = (release_fn *)PyLong_AsVoidPtr(argv[1]);
    if (PyErr_Occurred()) return NULL;
    launch = call;
    release = rel;
    Py_INCREF(argv[2]);
    Py_XSETREF(result_type, (PyTypeObject *)argv[2]);
    Py_RETURN_NONE;
}

static PyObject *thread_states(PyObject *module, PyObject *unused) {
    return PyLong_FromLong(live_states);
}

static PyMethodDef module_methods[] = {
    {"thread_states", thread_states, METH_NOARGS,
     "How many threads hold call buffers (each thread's are freed when it ends)."},
    {"bind", (PyCFunction)(void (*)(void))bind, METH_FASTCALL,
     "Take the launcher's vt_call and vt_result_release (addresses from cffi) and the "
     "CallResult type. Called once, by pyvirtine.runtime, before any call."},
    {NULL}};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, .m_name = "pyvirtine.hypervisor._pycall",
    .m_doc = "Virtine.call in C (see pycall.c).", .m_size = -1, .m_methods = module_methods};

PyMODINIT_FUNC PyInit__pycall(void) {
    if (pthread_key_create(&thread_end, free_thread_state) != 0) return PyErr_NoMemory();
    if (PyType_Ready(&PoolCallerType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module_def);
    if (!m) return NULL;
    Py_INCREF(&PoolCallerType);
    if (PyModule_AddObject(m, "PoolCaller", (PyObject *)&PoolCallerType) < 0) {
        Py_DECREF(&PoolCallerType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
