"""The facts the IR hands LLVM must be exactly what C guarantees: ``nsw`` on signed
+ - * (overflow is undefined), none on unsigned (it wraps), ``inbounds`` on pointer
arithmetic and members but not on pointers made from integers, internal linkage for
static functions, ``returns_twice`` on setjmp, and the SLP vectorizer at -O2."""
from __future__ import annotations

import re

from pyvirtine.compiler import compile_to_ir


def _ir(src: str, opt_level: int = 0) -> str:
    return compile_to_ir(src, "flags.c", opt_level=opt_level, debug=False)


def _ops(ir_text: str, op: str) -> list:
    return re.findall(rf"= {op}( nsw| nuw)* i\d+", ir_text)


def test_signed_arithmetic_is_nsw_and_unsigned_is_not() -> None:
    signed = _ir("int f(int x, int y) { return -x + y * 3 - x; }")
    unsigned = _ir("unsigned f(unsigned x, unsigned y) { return -x + y * 3 - x; }")
    for op in ("add", "sub", "mul"):
        assert _ops(signed, op) and all(" nsw" in m for m in _ops(signed, op)), op
        assert _ops(unsigned, op) and not any(m for m in _ops(unsigned, op)), op


def test_promoted_char_arithmetic_is_nsw_in_int_then_truncated() -> None:
    text = _ir("char f(char c) { c++; return c; }")
    assert re.search(r"add nsw i32 .*\n.*trunc i32 .* to i8", text)
    assert "add nsw i8" not in text


def test_only_signed_overflow_is_assumed_away() -> None:
    signed = _ir("int f(int x) { return x + 1 > x; }", opt_level=2)
    unsigned = _ir("int f(unsigned x) { return x + 1 > x; }", opt_level=2)
    assert "ret i32 1" in signed
    assert "ret i32 1" not in unsigned


def test_pointer_arithmetic_and_members_are_inbounds() -> None:
    text = _ir("struct s { int a, b; };\n"
               "int f(struct s *p, int *q, long i) { return p->b + q[i] + *(q - i); }")
    geps = re.findall(r"getelementptr( inbounds)? i8", text)
    assert len(geps) == 3 and all(geps)
    assert "mul nsw i64" in text


def test_pointers_made_from_integers_are_not_inbounds() -> None:
    src = ("struct s { int a, b; };\n"
           "unsigned long off(void) { return (unsigned long)&((struct s *)0)->b; }\n"
           "char *at(unsigned long n) { return (char *)0 + n; }\n")
    assert "getelementptr inbounds" not in _ir(src)
    assert "ret i64 4" in _ir(src, opt_level=2)


def test_static_functions_are_internal() -> None:
    text = _ir("static int g(int x) { return x; }\nint f(int x) { return g(x); }")
    assert re.search(r"define internal i32 @g\(", text)
    assert re.search(r"define i32 @f\(", text)


def test_straight_line_code_is_vectorized_at_o2() -> None:
    src = ("double a[2], b[2];\n"
           "void f(void) { a[0] = b[0] * 3.0; a[1] = b[1] * 3.0; }\n")
    assert "<2 x double>" in _ir(src, opt_level=2)
    assert "<2 x double>" not in _ir(src, opt_level=1)


def test_setjmp_is_declared_returns_twice() -> None:
    ir_text = _ir("#include <setjmp.h>\nstatic jmp_buf env;\n"
                  "int f(void) { return setjmp(env); }\n")
    group = re.search(r"declare i32 @setjmp\(ptr\) #(\d+)", ir_text).group(1)
    assert "returns_twice" in re.search(rf"attributes #{group} = {{(.*)}}", ir_text).group(1)


def test_byte_widening_loops_are_vectorized_at_o2() -> None:
    # What parsers do: sum or count bytes into a wider integer. gcc -O2 vectorizes
    # these; LLVM does too once it may use SSE4.1 (the x86-64-v2 target).
    text = _ir("unsigned long f(const unsigned char *p, long n) {\n"
               "    unsigned long s = 0; for (long i = 0; i < n; i++) s += p[i]; return s; }",
               opt_level=2)
    assert re.search(r"load <\d+ x i8>", text)
    assert re.search(r"zext <\d+ x i8> .* to <\d+ x i64>", text)


def test_compiled_images_say_they_need_x86_64_v2() -> None:
    from pyvirtine import image
    from pyvirtine.program import build_program
    built = build_program("v2.c", "int main(void) { return 0; }")
    assert built.flags & image.FLAG_X86_64_V2


def test_a_volatile_pointer_object_is_loaded_every_time() -> None:
    """``int *volatile p``: the qualifier is on the pointer declarator, and the object
    (file scope, static local, local) is volatile, so no load of it may be dropped."""
    for decl, use in [("static int *volatile p;", "void f(void) { *p = 1; *p = 2; }"),
                      ("", "void f(void) { static int *volatile p; *p = 1; *p = 2; }"),
                      ("", "void f(int *q) { int *volatile p = q; *p = 1; *p = 2; }")]:
        text = _ir(decl + use, opt_level=2)
        assert len(re.findall(r"load volatile ptr", text)) == 2, (decl + use, text)


def test_atomic_builtins_are_llvm_atomic_instructions() -> None:
    text = _ir("""
        long f(long *p, int *q, char *flag, void **pp) {
            __sync_synchronize();
            __atomic_store_n(q, 1, __ATOMIC_RELEASE);
            __atomic_compare_exchange_n(q, q + 1, 3, 0, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED);
            __atomic_test_and_set(flag, __ATOMIC_ACQUIRE);
            __atomic_signal_fence(__ATOMIC_SEQ_CST);
            __atomic_thread_fence(__ATOMIC_RELAXED);
            __atomic_fetch_add(pp, 4, __ATOMIC_RELAXED);
            return __sync_fetch_and_add(p, 2) + __atomic_load_n(p, __ATOMIC_CONSUME);
        }""")
    assert re.search(r"^\s*fence seq_cst$", text, re.M)
    assert "fence syncscope(\"singlethread\") seq_cst" in text
    assert text.count("fence") == 2          # a relaxed fence is nothing
    assert re.search(r"store atomic i32 1, ptr %.* release", text)
    assert re.search(r"cmpxchg ptr %.*, i32 .*, i32 3 acq_rel monotonic", text)
    assert re.search(r"atomicrmw xchg ptr %.*, i8 1 acquire", text)
    assert re.search(r"atomicrmw add ptr %.*, i64 %.* seq_cst", text)
    assert re.search(r"atomicrmw add ptr %.*, i64 %.* monotonic", text)
    assert re.search(r"load atomic i64, ptr %.* acquire", text)
