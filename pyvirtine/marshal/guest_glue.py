"""The guest half of marshalling: C appended to the user's file that unpacks the
argument area (``layout``), calls the virtine and packs its result.

For each virtine ``f`` it defines ``unsigned long __virtine_dispatch_f(void *area)``
returning the result length; the image for ``f`` points crt0's ``__virtine_dispatch``
at it (``dispatch_alias``).  Sizes the Python side assumed are checked at compile
time with negative-size array typedefs, so a layout disagreement cannot go silent."""
from __future__ import annotations

from typing import Optional

from .layout import STRING_TOO_LONG, layout
from .signature import STRING, VALUE, VOID, Signature

_HELPERS = """\
/* pyvirtine marshalling glue (generated) */
static void __virtine_move(void *dst, const void *src, unsigned long n) {
    unsigned char *d = (unsigned char *)dst;
    const unsigned char *s = (const unsigned char *)src;
    unsigned long i;
    if (d < s) { for (i = 0; i < n; i++) d[i] = s[i]; }
    else { for (i = n; i > 0; i--) d[i - 1] = s[i - 1]; }
}
static void *__virtine_blob(unsigned char *area, unsigned long slot) {
    unsigned long long off = *(unsigned long long *)(area + slot);
    return off ? (void *)(area + off) : (void *)0;
}
"""


_DISPATCH = "__virtine_dispatch_"


def dispatch_name(sig: Signature) -> str:
    return f"{_DISPATCH}{sig.name}"


def name_inlined_virtines(debug: Optional[dict], glue_file: str) -> Optional[dict]:
    """An image's line table (``compiler.linemap``) with the rows of the user's code
    that the optimizer inlined into a dispatch function named for the virtine it
    dispatches, rather than for the glue: crash reports then name ``f``, not
    ``__virtine_dispatch_f`` (the table knows no inlining; a helper inlined into ``f``
    is named ``f`` as well, at its own line)."""
    if not debug:
        return debug
    lines = []
    for addr, file, line, function in debug.get("lines") or []:
        if function.startswith(_DISPATCH) and line and file != glue_file:
            function = function[len(_DISPATCH):]
        lines.append([addr, file, line, function])
    return {**debug, "lines": lines}


def guest_glue(sigs: list[Signature], init: list[str] = ()) -> str:
    """C source defining the dispatch function of every virtine in ``sigs``, and making
    the ``init`` functions constructors (crt0 runs those before the snapshot)."""
    inits = "".join(f"__attribute__((constructor)) static void __virtine_init_{name}(void) "
                    f"{{ {name}(); }}\n" for name in init)
    return _HELPERS + inits + "".join(_dispatch(sig) for sig in sigs)


def dispatch_alias(sig: Signature) -> str:
    """Assembly making ``__virtine_dispatch`` (what crt0 calls) enter ``sig``'s glue."""
    return (f".text\n.globl __virtine_dispatch\n.type __virtine_dispatch,@function\n"
            f"__virtine_dispatch:\n    jmp {dispatch_name(sig)}\n")


def _dispatch(sig: Signature) -> str:
    lay = layout(sig)
    lines = [f"unsigned long {dispatch_name(sig)}(void *__virtine_area) {{",
             "    unsigned char *__v_a = (unsigned char *)__virtine_area;",
             f"    unsigned long long *__v_h = (unsigned long long *)(__v_a + {lay.header});"]
    checks = []
    for i, p in enumerate(sig.params):
        lines.append(f"    {p.decl};")
        if p.kind == VALUE:
            checks.append(f"sizeof {p.name} == {p.type.size}")  # type: ignore[union-attr]
        elif p.type is not None:
            checks.append(f"sizeof *{p.name} == {p.type.size}")
    for p in sig.params:
        slot = lay.slots[p.name]
        if p.kind == VALUE:
            lines.append(f"    __virtine_move(&{p.name}, __v_a + {slot}, sizeof {p.name});")
        else:
            lines.append(f"    {p.name} = __virtine_blob(__v_a, {slot});")
    call = f"{sig.name}({', '.join(p.name for p in sig.params)})"
    if sig.ret_kind == VOID:
        lines.append(f"    {call};")
    else:
        sep = "" if sig.ret_c.endswith("*") else " "
        lines.append(f"    {sig.ret_c}{sep}__v_ret = {call};")
    if sig.ret_kind == VALUE:
        checks.append(f"sizeof __v_ret == {sig.ret.size}")  # type: ignore[union-attr]
        lines.append("    __virtine_move(__v_a, &__v_ret, sizeof __v_ret);")
    lines += [f"    typedef char __v_layout_check_{i}[({c}) ? 1 : -1];"
              for i, c in enumerate(checks)]
    if sig.ret_kind == STRING:
        lines += [
            "    {",
            "        unsigned long long __v_end = __v_h[0], __v_cap = __v_h[1], __v_n = 0;",
            "        unsigned long long *__v_r = (unsigned long long *)__v_a;",
            "        if (!__v_ret) { __v_r[0] = 0; __v_r[1] = 0; return __v_end; }",
            "        while (__v_ret[__v_n]) __v_n++;",
            f"        if (__v_n + 1 > __v_cap - __v_end) {{ __v_r[0] = {STRING_TOO_LONG}ULL; "
            "__v_r[1] = __v_n; return __v_end; }",
            "        __virtine_move(__v_a + __v_end, __v_ret, __v_n + 1);",
            "        __v_r[0] = __v_end; __v_r[1] = __v_n;",
            "        return __v_end + __v_n + 1;",
            "    }",
        ]
    else:
        lines.append("    return __v_h[0];")
    lines.append("}\n")
    return "\n".join(lines) + "\n"
