/* pyvirtine.hypervisor._pycall: Virtine.call's whole path from Python to the launcher
 * and back, in C.
 *
 * Why C: after a VM exit this host runs everything with cold caches, and each Python
 * step of the call path (argument checks, cffi's conversion of eight arguments, five
 * result field reads, building the result) paid for them: about 7 us per call, beside a
 * 40 us exit. One C method does the same work touching a fraction of the memory.
 *
 * The same goes for a call of an ``@virtine`` function whose arguments are all numbers
 * (``FixedEntry``): it stores them, launches the call laid out once per thread
 * (runtime.FixedCall) and loads the result, where the Python version of that path paid
 * a frame and a few cffi operations.
 *
 * The launcher itself lives in the cffi module (pyvirtine.hypervisor._launcher), whose
 * process-wide state (the per-thread caller records, the watchdog) must stay one: this
 * module calls it through function pointers that bind() takes from cffi. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "launcher.h"

typedef int call_fn(struct vt_pool *, const uint8_t *, size_t, const uint8_t *, size_t,
                    uint8_t *, size_t, struct vt_result *);
typedef void release_fn(struct vt_result *);
typedef int call_plain_fn(const struct vt_prepared *);

static call_fn *launch;
static call_plain_fn *launch_plain;
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

/* An instance of a NamedTuple type made of n new references (any NULL: a failure). */
static PyObject *named_tuple(PyTypeObject *type, PyObject **items, int n) {
    PyObject *t = type->tp_alloc(type, n);
    int ok = t != NULL;
    for (int i = 0; i < n; i++) {
        ok &= items[i] != NULL;
        if (t) PyTuple_SET_ITEM(t, i, items[i]);
        else Py_XDECREF(items[i]);
    }
    if (!ok) Py_CLEAR(t);
    return t;
}

static PyObject *call_result(const struct vt_result *res, const uint8_t *result) {
    PyObject *items[5] = {PyLong_FromLongLong(res->status),
                          PyBytes_FromStringAndSize((const char *)result,
                                                    (Py_ssize_t)res->result_len),
                          PyBytes_FromStringAndSize((const char *)res->out,
                                                    (Py_ssize_t)res->out_len),
                          PyBytes_FromStringAndSize((const char *)res->err,
                                                    (Py_ssize_t)res->err_len),
                          PyLong_FromUnsignedLongLong(res->exits)};
    return named_tuple(result_type, items, 5);
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
    /* Read once, with the GIL: close() may clear it as soon as the GIL is let go, and
     * the pool it pointed to stays valid (closed) while this object lives. */
    struct vt_pool *pool = self->pool;
    if (!pool) {
        PyBuffer_Release(&args);
        PyBuffer_Release(&input);
        return PyObject_CallMethod((PyObject *)self, "_open_pool", NULL); /* raises */
    }
    int kind;
    Py_BEGIN_ALLOW_THREADS
    kind = launch(pool, args.buf, (size_t)args.len, input.buf, (size_t)input.len, t->result,
                  t->cap, &t->res);
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

/* ---- FixedEntry: an @virtine function whose arguments are all numbers ---- */

/* Bytes a value of struct format code takes (the codes a FixedEntry stores). */
static Py_ssize_t code_size(char code) {
    return strchr("bB", code) ? 1 : strchr("hH", code) ? 2 : strchr("iIf", code) ? 4 : 8;
}

/* Store v as the struct format code at `at`, exactly as struct.pack_into would; 0 on
 * success, -1 (no exception set) for anything else: ints beyond the field, a float
 * for an integer, a float too large for a float, and every type C does not take here
 * (objects with __index__ or __float__), which the general packer then converts or
 * explains. */
static int store_number(char code, PyObject *v, uint8_t *at) {
    switch (code) {
    case 'f': case 'd': {
        double x;
        if (PyFloat_Check(v)) x = PyFloat_AS_DOUBLE(v);
        else if (PyLong_Check(v)) {
            x = PyLong_AsDouble(v);
            if (x == -1.0 && PyErr_Occurred()) { PyErr_Clear(); return -1; }
        } else return -1;
        if (code == 'd') { memcpy(at, &x, 8); return 0; }
        float y = (float)x;
        if (isinf(y) && !isinf(x)) return -1;
        memcpy(at, &y, 4);
        return 0;
    }
    case 'b': case 'h': case 'i': case 'q': case 'B': case 'H': case 'I': case 'Q': break;
    default: return -1;
    }
    if (!PyLong_Check(v)) return -1;
    int size = (int)code_size(code);
    uint64_t bits;
    if (code >= 'a') { /* signed */
        int overflow;
        long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
        if (overflow || (x == -1 && PyErr_Occurred())) { PyErr_Clear(); return -1; }
        long long limit = size == 8 ? 0 : 1ll << (8 * size - 1);
        if (limit && (x < -limit || x >= limit)) return -1;
        bits = (uint64_t)x;
    } else {
        unsigned long long x = PyLong_AsUnsignedLongLong(v); /* negative: OverflowError */
        if (x == (unsigned long long)-1 && PyErr_Occurred()) { PyErr_Clear(); return -1; }
        if (size < 8 && x >> (8 * size)) return -1;
        bits = x;
    }
    memcpy(at, &bits, (size_t)size); /* x86-64 host and guest: both little-endian */
    return 0;
}

/* A scalar result in struct format code `code` ('?' for _Bool), or None for 'v'oid. */
static PyObject *load_number(char code, const uint8_t *at) {
    int64_t i = 0;
    uint64_t u = 0;
    switch (code) {
    case 'v': Py_RETURN_NONE;
    case '?': return PyBool_FromLong(*at != 0);
    case 'f': { float f; memcpy(&f, at, 4); return PyFloat_FromDouble(f); }
    case 'd': { double d; memcpy(&d, at, 8); return PyFloat_FromDouble(d); }
    case 'b': i = (int8_t)*at; break;
    case 'h': { int16_t x; memcpy(&x, at, 2); i = x; break; }
    case 'i': { int32_t x; memcpy(&x, at, 4); i = x; break; }
    case 'q': memcpy(&i, at, 8); break;
    case 'B': return PyLong_FromUnsignedLong(*at);
    case 'H': { uint16_t x; memcpy(&x, at, 2); u = x; break; }
    case 'I': { uint32_t x; memcpy(&x, at, 4); u = x; break; }
    case 'Q': memcpy(&u, at, 8); break;
    default: PyErr_Format(PyExc_ValueError, "no result format '%c'", code); return NULL;
    }
    return code >= 'a' ? PyLong_FromLongLong(i) : PyLong_FromUnsignedLongLong(u);
}

struct slot {
    Py_ssize_t offset; /* in the argument block */
    char code;         /* struct format */
};

/* Parse ((offset, code), ...) into n slots (PyMem); NULL with an exception if bad. */
static struct slot *parse_slots(PyObject *spec, Py_ssize_t *n) {
    PyObject *seq = PySequence_Fast(spec, "slots must be a sequence of (offset, code)");
    if (!seq) return NULL;
    *n = PySequence_Fast_GET_SIZE(seq);
    struct slot *slots = PyMem_Calloc((size_t)*n + 1, sizeof *slots);
    for (Py_ssize_t k = 0; slots && k < *n; k++) {
        const char *code;
        if (!PyArg_ParseTuple(PySequence_Fast_GET_ITEM(seq, k), "ns", &slots[k].offset, &code)
            || strlen(code) != 1 || !strchr("bhiqBHIQfd", code[0]) || slots[k].offset < 0) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "bad argument slot");
            PyMem_Free(slots);
            slots = NULL;
            break;
        }
        slots[k].code = code[0];
    }
    Py_DECREF(seq);
    if (!slots && !PyErr_Occurred()) PyErr_NoMemory();
    return slots;
}

static int store_all(const struct slot *slots, Py_ssize_t n, PyObject *args, uint8_t *block) {
    for (Py_ssize_t k = 0; k < n; k++)
        if (store_number(slots[k].code, PyTuple_GET_ITEM(args, k), block + slots[k].offset))
            return -1;
    return 0;
}

PyDoc_STRVAR(pack_doc,
"pack(slots, block, args) -> bool\n\n"
"Store args into the writable buffer block as FixedEntry does (slots: (offset, struct\n"
"format code) per argument). False, block partly written, for what it leaves to the\n"
"general packer.");

static PyObject *pack(PyObject *module, PyObject *const *argv, Py_ssize_t nargs) {
    if (nargs != 3 || !PyTuple_Check(argv[2])) {
        PyErr_SetString(PyExc_TypeError, "pack(slots, block, args: tuple)");
        return NULL;
    }
    Py_ssize_t n;
    struct slot *slots = parse_slots(argv[0], &n);
    if (!slots) return NULL;
    Py_buffer block;
    if (PyObject_GetBuffer(argv[1], &block, PyBUF_WRITABLE) < 0) { PyMem_Free(slots); return NULL; }
    int fits = PyTuple_GET_SIZE(argv[2]) == n;
    for (Py_ssize_t k = 0; k < n; k++)
        fits &= slots[k].offset + code_size(slots[k].code) <= block.len;
    if (!fits) {
        PyErr_SetString(PyExc_ValueError, "the arguments do not match the slots or the block");
    }
    int stored = fits && store_all(slots, n, argv[2], block.buf) == 0;
    PyBuffer_Release(&block);
    PyMem_Free(slots);
    if (!fits) return NULL;
    return PyBool_FromLong(stored);
}

typedef struct {
    PyObject_HEAD
    PyObject *dict;     /* what makes it read like a function: __name__, __doc__, ... */
    PyObject *prepared; /* thread id -> that thread's runtime.FixedCall */
    PyObject *make;     /* make(): the calling thread's FixedCall, also put in prepared */
    PyObject *general;  /* general(args, kwargs): the packer's path, for what C leaves */
    PyObject *unusual;  /* unusual(fixed_call, kind): a call that did not simply return */
    PyObject *wrap;     /* None, or the type the value is returned in: wrap(v, b"", b"") */
    struct slot *slots;
    Py_ssize_t nargs;
    char result;        /* struct code of a scalar result, 'v' for void, 0: fixed.read() */
} FixedEntry;

static PyObject *call_general(FixedEntry *self, PyObject *args, PyObject *kwargs) {
    PyObject *empty = kwargs ? NULL : PyDict_New();
    if (!kwargs && !empty) return NULL;
    PyObject *value = PyObject_CallFunctionObjArgs(self->general, args,
                                                   kwargs ? kwargs : empty, NULL);
    Py_XDECREF(empty);
    return value;
}

static PyObject *fixed_entry_call(FixedEntry *self, PyObject *args, PyObject *kwargs) {
    if (!self->prepared) {
        PyErr_SetString(PyExc_TypeError, "FixedEntry.__init__ was not called");
        return NULL;
    }
    if ((kwargs && PyDict_GET_SIZE(kwargs)) || PyTuple_GET_SIZE(args) != self->nargs)
        return call_general(self, args, kwargs);
    PyObject *key = PyLong_FromUnsignedLong(PyThread_get_thread_ident());
    if (!key) return NULL;
    PyObject *fixed = PyDict_GetItemWithError(self->prepared, key); /* borrowed */
    Py_DECREF(key);
    if (fixed) Py_INCREF(fixed);
    else if (PyErr_Occurred() || !(fixed = PyObject_CallNoArgs(self->make))) return NULL;
    /* FixedCall's first three fields: the struct vt_prepared, the argument block and
     * the result block, as addresses. */
    if (!PyTuple_Check(fixed) || PyTuple_GET_SIZE(fixed) < 3) {
        Py_DECREF(fixed);
        PyErr_SetString(PyExc_TypeError, "make() must return a runtime.FixedCall");
        return NULL;
    }
    const struct vt_prepared *prepared = PyLong_AsVoidPtr(PyTuple_GET_ITEM(fixed, 0));
    uint8_t *block = PyLong_AsVoidPtr(PyTuple_GET_ITEM(fixed, 1));
    const uint8_t *result = PyLong_AsVoidPtr(PyTuple_GET_ITEM(fixed, 2));
    if (PyErr_Occurred()) { Py_DECREF(fixed); return NULL; }
    if (store_all(self->slots, self->nargs, args, block) < 0) {
        Py_DECREF(fixed); /* converts the arguments, or says what is wrong with them */
        return call_general(self, args, kwargs);
    }
    int kind;
    Py_BEGIN_ALLOW_THREADS
    kind = launch_plain(prepared);
    Py_END_ALLOW_THREADS
    PyObject *value;
    if (kind) {
        PyObject *k = PyLong_FromLong(kind);
        value = k ? PyObject_CallFunctionObjArgs(self->unusual, fixed, k, NULL) : NULL;
        Py_XDECREF(k);
        Py_DECREF(fixed);
        return value;
    }
    value = self->result ? load_number(self->result, result)
                         : PyObject_CallMethod(fixed, "read", NULL);
    Py_DECREF(fixed);
    if (!value || self->wrap == Py_None) return value;
    PyObject *items[3] = {value, PyBytes_FromStringAndSize(NULL, 0),
                          PyBytes_FromStringAndSize(NULL, 0)};
    return named_tuple((PyTypeObject *)self->wrap, items, 3);
}

static int fixed_entry_init(FixedEntry *self, PyObject *args, PyObject *kwargs) {
    static char *names[] = {"prepared", "make", "general", "unusual", "wrap", "slots",
                            "result", NULL};
    PyObject *prepared, *make, *general, *unusual, *wrap, *spec;
    const char *result;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O!OOOOOz", names, &PyDict_Type, &prepared,
                                     &make, &general, &unusual, &wrap, &spec, &result))
        return -1;
    if (wrap != Py_None && !PyType_Check(wrap)) {
        PyErr_SetString(PyExc_TypeError, "wrap must be None or a NamedTuple type");
        return -1;
    }
    if (result && (strlen(result) != 1 || !strchr("bhiqBHIQfd?v", result[0]))) {
        PyErr_Format(PyExc_ValueError, "no result format '%s'", result);
        return -1;
    }
    struct slot *slots = parse_slots(spec, &self->nargs);
    if (!slots) return -1;
    PyMem_Free(self->slots);
    self->slots = slots;
    self->result = result ? result[0] : 0;
    PyObject *refs[5] = {prepared, make, general, unusual, wrap};
    PyObject **fields[5] = {&self->prepared, &self->make, &self->general, &self->unusual,
                            &self->wrap};
    for (int i = 0; i < 5; i++) {
        Py_INCREF(refs[i]);
        Py_XSETREF(*fields[i], refs[i]);
    }
    return 0;
}

static int fixed_entry_traverse(FixedEntry *self, visitproc visit, void *arg) {
    Py_VISIT(self->dict);
    Py_VISIT(self->prepared);
    Py_VISIT(self->make);
    Py_VISIT(self->general);
    Py_VISIT(self->unusual);
    Py_VISIT(self->wrap);
    return 0;
}

static int fixed_entry_clear(FixedEntry *self) {
    Py_CLEAR(self->dict);
    Py_CLEAR(self->prepared);
    Py_CLEAR(self->make);
    Py_CLEAR(self->general);
    Py_CLEAR(self->unusual);
    Py_CLEAR(self->wrap);
    return 0;
}

static void fixed_entry_dealloc(FixedEntry *self) {
    PyObject_GC_UnTrack(self);
    fixed_entry_clear(self);
    PyMem_Free(self->slots);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* As a function is: not bound when found on a class, and so a routine to inspect and
 * pydoc, which then show its __signature__ and __doc__. */
static PyObject *fixed_entry_get(PyObject *self, PyObject *obj, PyObject *type) {
    Py_INCREF(self);
    return self;
}

static PyObject *fixed_entry_repr(FixedEntry *self) {
    PyObject *name = self->dict ? PyDict_GetItemString(self->dict, "__name__") : NULL;
    return name ? PyUnicode_FromFormat("<virtine function %S>", name)
                : PyUnicode_FromString("<virtine function>");
}

/* Pickled as its VirtineFunction (the "virtine" attribute function.py gives it) says:
 * by value, the image and the options (pyvirtine/pickling.py). */
static PyObject *fixed_entry_reduce(FixedEntry *self, PyObject *unused) {
    PyObject *virtine = self->dict ? PyDict_GetItemString(self->dict, "virtine") : NULL;
    if (!virtine) {
        PyErr_SetString(PyExc_TypeError, "cannot pickle a FixedEntry made outside a "
                                         "VirtineFunction");
        return NULL;
    }
    return PyObject_CallMethod(virtine, "_reduce_entry", NULL);
}

static PyMethodDef fixed_entry_methods[] = {
    {"__reduce__", (PyCFunction)fixed_entry_reduce, METH_NOARGS, NULL},
    {NULL}};

static PyGetSetDef fixed_entry_getset[] = {
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {NULL}};

static PyTypeObject FixedEntryType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "pyvirtine.hypervisor._pycall.FixedEntry",
    .tp_doc = "FixedEntry(prepared, make, general, unusual, wrap, slots, result)\n\n"
              "Calls an @virtine function whose arguments are all numbers: see pycall.c.",
    .tp_basicsize = sizeof(FixedEntry),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)fixed_entry_init,
    .tp_call = (ternaryfunc)fixed_entry_call,
    .tp_traverse = (traverseproc)fixed_entry_traverse,
    .tp_clear = (inquiry)fixed_entry_clear,
    .tp_dealloc = (destructor)fixed_entry_dealloc,
    .tp_descr_get = fixed_entry_get,
    .tp_repr = (reprfunc)fixed_entry_repr,
    .tp_getset = fixed_entry_getset,
    .tp_methods = fixed_entry_methods,
    .tp_dictoffset = offsetof(FixedEntry, dict),
};

static PyObject *bind(PyObject *module, PyObject *const *argv, Py_ssize_t nargs) {
    if (nargs != 4 || !PyType_Check(argv[3])) {
        PyErr_SetString(PyExc_TypeError, "bind(vt_call, vt_call_plain, vt_result_release "
                                         "(addresses), CallResult)");
        return NULL;
    }
    call_fn *call = (call_fn *)PyLong_AsVoidPtr(argv[0]);
    call_plain_fn *plain = (call_plain_fn *)PyLong_AsVoidPtr(argv[1]);
    release_fn *rel = (release_fn *)PyLong_AsVoidPtr(argv[2]);
    if (PyErr_Occurred()) return NULL;
    launch = call;
    launch_plain = plain;
    release = rel;
    Py_INCREF(argv[3]);
    Py_XSETREF(result_type, (PyTypeObject *)argv[3]);
    Py_RETURN_NONE;
}

static PyObject *thread_states(PyObject *module, PyObject *unused) {
    return PyLong_FromLong(live_states);
}

static PyMethodDef module_methods[] = {
    {"thread_states", thread_states, METH_NOARGS,
     "How many threads hold call buffers (each thread's are freed when it ends)."},
    {"bind", (PyCFunction)(void (*)(void))bind, METH_FASTCALL,
     "Take the launcher's vt_call, vt_call_plain and vt_result_release (addresses from "
     "cffi) and the CallResult type. Called once, by pyvirtine.runtime, before any call."},
    {"pack", (PyCFunction)(void (*)(void))pack, METH_FASTCALL, pack_doc},
    {NULL}};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT, .m_name = "pyvirtine.hypervisor._pycall",
    .m_doc = "Virtine.call in C (see pycall.c).", .m_size = -1, .m_methods = module_methods};

PyMODINIT_FUNC PyInit__pycall(void) {
    if (pthread_key_create(&thread_end, free_thread_state) != 0) return PyErr_NoMemory();
    if (PyType_Ready(&PoolCallerType) < 0 || PyType_Ready(&FixedEntryType) < 0) return NULL;
    PyObject *m = PyModule_Create(&module_def);
    if (!m) return NULL;
    PyTypeObject *types[] = {&PoolCallerType, &FixedEntryType};
    for (int i = 0; i < 2; i++) {
        Py_INCREF(types[i]);
        if (PyModule_AddObject(m, strrchr(types[i]->tp_name, '.') + 1, (PyObject *)types[i])) {
            Py_DECREF(types[i]);
            Py_DECREF(m);
            return NULL;
        }
    }
    return m;
}
