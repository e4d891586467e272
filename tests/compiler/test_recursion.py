"""Recursive inlining by cloning (pyvirtine/compiler/recursion.py): which functions get
copies, that only direct self-calls move to them, that -O2 folds them away, and that
line tables and crash reports still name the C function and line. Results of recursive
programs are checked by the conformance program c/recursion.c."""
from __future__ import annotations

import re

import llvmlite.binding as llvm
import pytest

from pyvirtine.compiler import compile_to_ir
from pyvirtine.compiler.codegen import CodeGen
from pyvirtine.compiler.parse import parse
from pyvirtine.compiler.preprocess import preprocess
from pyvirtine.compiler.recursion import inline_recursion, original_name
from pyvirtine.compiler.target import target_machine

FIB = "unsigned long fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\n"


def _module(src: str, debug: bool = True) -> llvm.ModuleRef:
    """The module as the driver hands it to the optimizer."""
    target_machine(2)
    text = preprocess(src, "rec.c", (), (), ())
    module = llvm.parse_assembly(str(CodeGen("rec.c", debug).generate(parse(text, "rec.c"))))
    module.verify()
    return module


def _cloned(src: str, debug: bool = True) -> str:
    return str(inline_recursion(_module(src, debug)))


def _define(ir_text: str, name: str) -> str:
    match = re.search(rf"^define [^\n]*{re.escape(name)}\(.*?^}}", ir_text, re.M | re.S)
    assert match, name
    return match.group(0)


def test_a_small_recursive_function_gets_a_chain_of_internal_copies() -> None:
    text = _cloned(FIB + "unsigned long (*fp)(unsigned) = fib;\n")
    assert re.search(r"^define i64 @fib\(", text, re.M)         # name and linkage kept
    assert "@fp = global <{ ptr }> <{ ptr @fib }>" in text      # and its address
    assert _define(text, "@fib").count("call i64 @fib.recursion-1(") == 2
    clone = _define(text, "@fib.recursion-1")
    assert clone.startswith("define internal i64 @fib.recursion-1(")
    assert 'section ".text.fib.recursion-1"' in clone
    assert clone.count("call i64 @fib.recursion-2(") == 2
    assert _define(text, "@fib.recursion-2").count("call i64 @fib(") == 2
    assert re.search(r"attributes #\d+ = \{ alwaysinline", text)


def test_each_copy_has_its_own_subprogram_named_like_the_original() -> None:
    text = _cloned(FIB)
    subprograms = re.findall(r"^!(\d+) = distinct !DISubprogram\(name: \"fib\"", text, re.M)
    attached = [re.search(r"!dbg !(\d+) \{", _define(text, name)).group(1)
                for name in ("@fib", "@fib.recursion-1", "@fib.recursion-2")]
    assert sorted(attached) == sorted(subprograms) and len(set(attached)) == 3
    llvm.parse_assembly(text).verify()   # every location's scope is its function's


def test_only_direct_self_calls_are_redirected() -> None:
    src = ('int fib2(int n);\n'
           'const char *s = "@fib(";\n'
           'int (*keep)(int);\n'
           'int fib(int n) {\n'
           '    keep = fib;\n'
           '    return n < 2 ? n : fib(n - 1) + fib2(n - 2) + (s[0] == 0);\n'
           '}\n')
    text = _cloned(src, debug=False)
    for name, deeper in (("@fib", "@fib.recursion-1"), ("@fib.recursion-2", "@fib")):
        body = _define(text, name)
        assert re.findall(r"call i32 (@[-\w.]+)\(", body) == [deeper, "@fib2"]
        assert "store ptr @fib, ptr @keep" in body
    assert 'c"@fib(\\00"' in text


def test_tail_calls_stay_in_their_copy() -> None:
    src = ("unsigned long ack(unsigned long m, unsigned long n) {\n"
           "    return m == 0 ? n + 1 : n == 0 ? ack(m - 1, 1) : ack(m - 1, ack(m, n - 1));\n"
           "}\n")
    text = _cloned(src, debug=False)
    for name, deeper in (("@ack", "@ack.recursion-1"), ("@ack.recursion-1", "@ack.recursion-2"),
                         ("@ack.recursion-2", "@ack")):
        body = _define(text, name)
        assert re.findall(r"call i64 (@[-\w.]+)\(", body) == [deeper]   # the tail calls: loops


def test_quoted_names_are_cloned() -> None:
    module = llvm.parse_assembly(
        'define i32 @"odd name"(i32 %n) {\n'
        '  %c = icmp eq i32 %n, 0\n  br i1 %c, label %done, label %more\n'
        'more:\n  %m = sub i32 %n, 1\n  %r = call i32 @"odd name"(i32 %m)\n'
        '  %s = add i32 %r, %n\n  ret i32 %s\n'
        'done:\n  ret i32 0\n}\n')
    text = str(inline_recursion(module))
    assert 'call i32 @"odd name.recursion-1"(' in _define(text, '@"odd name"')
    assert 'call i32 @"odd name"(' in _define(text, '@"odd name.recursion-2"')


@pytest.mark.parametrize("src", [
    # mutual recursion: no function calls itself
    "int odd(int n);\nint even(int n) { return n == 0 ? 1 : odd(n - 1); }\n"
    "int odd(int n) { return n == 0 ? 0 : even(n - 1); }\n",
    # only tail recursion: tail call elimination makes it a loop
    "unsigned gcd(unsigned a, unsigned b) { return b ? gcd(b, a % b) : a; }\n",
    # a loop around the recursion: time goes to the loop
    "void qs(int *a, int n) { while (n > 1) { int i = 0, j = n - 1;\n"
    "  while (i < j) { if (a[i] > a[j]) { int t = a[i]; a[i] = a[j]; a[j] = t; } i++; }\n"
    "  qs(a, i); a += i; n -= i; } }\n",
    # too big: the chain would pass MAX_TOTAL_INSTRUCTIONS
    "int big(int n) { if (n < 2) return n; int s = 0;\n"
    + "".join(f"  s = s * {k} + (n ^ {k}) / (s | 1);\n" for k in range(3, 80))
    + "  return s + big(n - 1) + big(n - 2); }\n",
    # a VLA, a large array in the frame, variadic, setjmp
    "int v(int n) { int a[n + 1]; a[n] = n; return n ? v(n - 1) + v(n - 1) + a[n] : 0; }\n",
    "int f(int n) { char a[1000]; a[n] = 1; return n ? f(n - 1) + f(n - 2) + a[n] : 0; }\n",
    "int f(int n, ...) { return n ? f(n - 1) + f(n - 2) : 0; }\n",
    "#include <setjmp.h>\njmp_buf b;\n"
    "int f(int n) { if (setjmp(b)) return 0; return n ? f(n - 1) + f(n - 2) : 0; }\n",
])
def test_functions_left_alone(src: str) -> None:
    module = _module(src.replace("#include <setjmp.h>\n",
                                 "typedef long jmp_buf[8];\nint setjmp(jmp_buf);\n"))
    assert inline_recursion(module) is module


def test_o2_and_o3_fold_the_copies_into_the_function() -> None:
    for level in (2, 3):
        text = compile_to_ir(FIB, "rec.c", opt_level=level)
        assert not re.search(r"^define .*recursion-", text, re.M)   # no copy left
        assert len(re.findall(r"call i64 @fib\(", _define(text, "@fib"))) > 2


def test_o0_and_o1_are_unchanged() -> None:
    for level in (0, 1):
        text = compile_to_ir(FIB, "rec.c", opt_level=level)
        assert "recursion" not in text
        assert len(re.findall(r"call i64 @fib\(", _define(text, "@fib"))) <= 2


def test_original_name() -> None:
    assert original_name("fib.recursion-2") == "fib"
    assert original_name("fib") == "fib" and original_name("a.recursion") == "a.recursion"


CRASH = """\
struct node { struct node *left, *right; int value; };

static int walk(const struct node *n, int depth)
{
    if (depth == 0)
        return n->right->value;
    return walk(n->left, depth - 1) + (n->value > 100 ? walk(n->right, depth - 1) : 1);
}

int (*volatile entry)(const struct node *, int) = walk;

int main(void)
{
    static struct node loop = {&loop, 0, 5};
    return entry(&loop, 40);
}
"""


def test_line_table_names_the_c_function() -> None:
    from pyvirtine.program import build_program

    image = build_program("walk.c", CRASH, opt_level=2)
    names = {row[3] for row in image.debug["lines"]} | {f[2] for f in image.debug["functions"]}
    assert not any("recursion-" in name for name in names)
    walk_lines = {row[2] for row in image.debug["lines"] if row[3] == "walk" and row[2]}
    assert {6, 7} <= walk_lines <= set(range(3, 9))
    assert all(row[1] == "walk.c" for row in image.debug["lines"] if row[3] == "walk")


def test_a_crash_deep_in_the_recursion_reports_its_line(kvm) -> None:
    from pyvirtine.errors import VirtineCrash
    from pyvirtine.program import build_program, pack_argv
    from pyvirtine.runtime import Virtine

    image = build_program("walk.c", CRASH, opt_level=2)
    with Virtine(image) as virtine:
        with pytest.raises(VirtineCrash) as info:
            virtine.call(pack_argv(["walk"]))
    assert info.value.location == "walk.c:6 in walk"
