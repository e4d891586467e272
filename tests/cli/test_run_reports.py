"""What `pyvirtine run` reports: of a program that fails, what it printed without
flushing (it still reaches the terminal), abort() and stack overflows by name; of one
that builds, gcc's warnings as gcc prints them."""
from cli.test_run import cache, run, text  # noqa: F401 - the fixtures

CRASH = r"""
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv)
{
    printf("no newline, no fflush");
    fputs("to stderr\n", stderr);
    if (argc > 1) abort();
    return *(volatile int *)0;
}
"""


def test_unflushed_output_reaches_the_terminal(kvm, run):
    proc = run(CRASH)
    assert proc.returncode == 134
    assert text(proc.stdout) == "no newline, no fflush"
    err = text(proc.stderr)
    assert err.startswith("to stderr\n")
    assert "page fault" in err and "prog.c:9 in main" in err


def test_abort_is_named(kvm, run):
    proc = run(CRASH, "abort")
    assert proc.returncode == 134
    assert text(proc.stdout) == "no newline, no fflush"
    assert "guest called abort() in prog.c:8 in main" in text(proc.stderr)
    assert "not allowed" not in text(proc.stderr)


def test_stack_overflow_is_named(kvm, run):
    proc = run("static int down(int n) { volatile int pad[64]; pad[0] = n; "
               "return down(n + 1) + pad[0]; }\nint main(void) { return down(0); }\n")
    assert proc.returncode == 134
    assert "stack overflow" in text(proc.stderr)
    assert "prog.c:1 in down" in text(proc.stderr)


def test_warnings_print_as_a_c_compilers(kvm, run):
    proc = run("int main(void) { int x = 0; long *p = &x; return p != 0; }\n", name="warn.c")
    assert proc.returncode == 1
    assert text(proc.stderr).splitlines() == [
        "warn.c:1:40: warning: initialization of 'long *' from incompatible pointer type "
        "'int *' [-Wincompatible-pointer-types]",
        "int main(void) { int x = 0; long *p = &x; return p != 0; }",
        " " * 39 + "^"]
