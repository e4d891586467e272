"""The C host half of marshalling: the body that replaces a virtine's own in a host
program (virtinecc).  It packs the parameters into an argument area exactly as
``ArgPacker`` does (``layout``), runs the call through the host runtime
(``pyvirtine/hypervisor/host_runtime.h``) and unpacks the result.

The body refers to the parameters by name and to the runtime's site of the virtine;
it uses compiler builtins instead of <string.h>, which the host file may not include.
Sizes the layout assumed are checked at compile time, as in the guest glue."""
from __future__ import annotations

from . import lengths
from .layout import BLOB_ALIGN, layout
from .signature import BUFFER, OBJECT, STRING, VALUE, VOID, Param, Signature

_U64 = "unsigned long long"


def host_body(sig: Signature, site: str) -> str:
    """The C compound statement calling ``sig`` through the runtime site ``site``
    (a ``struct __virtinecc_site`` variable), one statement a line; it always returns."""
    lay = layout(sig)
    pointers = [p for p in sig.params if p.kind != VALUE]
    # Copied-out blobs come first so the result the guest hands back is a prefix.
    order = sorted(pointers, key=lambda p: not p.copies_out)
    out = ["{", f"    {_U64} __v_end = {lay.fixed_size}ULL, __v_rlen = {lay.ret_size}ULL;",
           "    unsigned char *__v_a;", "    const unsigned char *__v_r;"]
    checks = [f"sizeof {p.name} == {p.type.size}" for p in sig.params  # type: ignore[union-attr]
              if p.kind == VALUE]
    checks += [f"sizeof *{p.name} == {p.type.size}" for p in pointers if p.type is not None]
    for p in pointers:
        out.append(f"    {_U64} __v_n_{p.name} = {_nbytes(p)}, __v_o_{p.name} = 0;")
    for p in order:
        out.append(f"    if ({p.name}) {{ __v_end = (__v_end + {BLOB_ALIGN - 1}ULL) & "
                   f"~{BLOB_ALIGN - 1}ULL; __v_o_{p.name} = __v_end; "
                   f"__v_end += __v_n_{p.name};"
                   + (" __v_rlen = __v_end;" if p.copies_out else "") + " }")
    out += [f"    (void)sizeof(char[({c}) ? 1 : -1]);" for c in checks]
    out.append(f"    __v_a = __virtinecc_begin(&{site}, __v_end);")
    out.append(f"    if (!__v_a) {_fail(sig)}")
    out.append(f"    __builtin_memcpy(__v_a + {lay.header}, &__v_rlen, 8);")
    out.append(f"    __builtin_memcpy(__v_a + {lay.header + 8}, &{site}.capacity, 8);")
    for p in sig.params:
        slot = lay.slots[p.name]
        if p.kind == VALUE:
            out.append(f"    __builtin_memcpy(__v_a + {slot}, &{p.name}, {p.type.size});")  # type: ignore[union-attr]
            continue
        out.append(f"    __builtin_memcpy(__v_a + {slot}, &__v_o_{p.name}, 8);")
        if p.mode != "out":
            out.append(f"    if ({p.name}) __builtin_memcpy(__v_a + __v_o_{p.name}, "
                       f"{p.name}, __v_n_{p.name});")
    out.append(f"    __v_r = __virtinecc_call(&{site}, __v_end, __v_rlen);")
    out.append(f"    if (!__v_r) {_fail(sig)}")
    for p in pointers:
        if p.copies_out:
            out.append(f"    if ({p.name}) __builtin_memcpy({p.name}, __v_r + __v_o_{p.name}, "
                       f"__v_n_{p.name});")
    if sig.ret_kind == STRING:
        out.append(f"    return __virtinecc_string(&{site}, __v_r);")
    elif sig.ret_kind == VALUE:
        out += [f"    {{ {_declare(sig, '__v_ret')}; __builtin_memcpy(&__v_ret, __v_r, "
                f"{sig.ret.size}); return __v_ret; }}"]  # type: ignore[union-attr]
    else:
        out.append("    return;")
    out.append("}")
    return "\n".join(out)


def _nbytes(p: Param) -> str:
    if p.kind == STRING:
        return f"{p.name} ? __builtin_strlen({p.name}) + 1ULL : 0ULL"
    if p.kind == OBJECT:
        return f"{p.name} ? {p.elem_size}ULL : 0ULL"
    assert p.kind == BUFFER
    count = lengths.to_c(p.length, lambda name: name)  # type: ignore[arg-type]
    return f"{p.name} ? {count} * {p.elem_size}ULL : 0ULL"


def _declare(sig: Signature, name: str) -> str:
    sep = "" if sig.ret_c.endswith("*") else " "
    return f"{sig.ret_c}{sep}{name}"


def _fail(sig: Signature) -> str:
    """Leave with the zero value of the return type (virtine.h's convention)."""
    if sig.ret_kind == VOID:
        return "return;"
    if sig.ret_kind == STRING:
        return "return 0;"
    return (f"{{ {_declare(sig, '__v_zero')}; __builtin_memset(&__v_zero, 0, sizeof __v_zero); "
            "return __v_zero; }")
