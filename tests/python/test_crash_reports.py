"""What a failed call tells: the guest's output up to the failure (what its stdio still
buffered too), abort() and stack overflows by name, the user's function and line, and
a backtrace."""
from __future__ import annotations

import pytest

import pyvirtine
from pyvirtine import VirtineCrash, VirtinePolicyError, VirtineTimeout

C = r"""
#include <stdio.h>
#include <stdlib.h>
#include <assert.h>
#include <time.h>
#include <virtine.h>

virtine int crash_after_print(int n) {
    printf("partial %d\n", n);            /* stays in the stdout buffer */
    fprintf(stderr, "warned\n");
    return *(volatile int *)0;
}
virtine int spin_after_print(int n) { printf("spinning %d", n); for (;;) {} }
virtine int clock_after_print(int n) { printf("asked %d", n); return (int)clock(); }
virtine int aborts(int n) { printf("about to abort\n"); if (n) abort(); return n; }
virtine int asserts(int n) { assert(n > 5); return n; }
static int depth(int n) { volatile char p[99]; p[0] = (char)n; return n ? depth(n + 1) + p[0] : 0; }
virtine int overflows(int n) { return depth(n); }
virtine int divide(int n) { return 100 / n; }
static int innermost(int *p) { return *p + 1; }
int (*call_innermost)(int *) = innermost;  /* calls through pointers another */
static int middle(int *p) { return call_innermost(p) * 2; } /* file could change */
int (*call_middle)(int *) = middle;                          /* are not inlined */
virtine int outer(int n) {
    int r = call_middle((int *)(unsigned long)n);
    return r + n;
}
"""

@pytest.fixture(scope="module")
def lib():
    with pyvirtine.load(source=C, filename="crashes.c", allow=["write"], capture=True,
                        timeout=0.5) as mod:
        yield mod


@pytest.fixture(scope="module")
def quiet():
    with pyvirtine.load(source=C, filename="crashes.c", capture=True) as mod:
        yield mod


def test_fault_keeps_buffered_output(kvm, lib):
    with pytest.raises(VirtineCrash) as e:
        lib.crash_after_print(7)
    assert e.value.stdout == b"partial 7\n"
    assert e.value.stderr == b"warned\n"
    assert e.value.location == "crashes.c:11 in crash_after_print"


def test_timeout_and_policy_error_keep_output(kvm, lib):
    with pytest.raises(VirtineTimeout) as t:
        lib.spin_after_print(1)
    assert t.value.stdout == b"spinning 1"
    with pytest.raises(VirtinePolicyError) as p:
        lib.clock_after_print(2)
    assert p.value.hypercall == "times"
    assert p.value.stdout == b"asked 2"


def test_pass_through_output_shown_before_the_error(kvm, capsys):
    with pyvirtine.load(source=C, filename="crashes.c", allow=["write"]) as mod:
        with pytest.raises(VirtineCrash):
            mod.crash_after_print(3)
    out = capsys.readouterr()
    assert out.out == "partial 3\n" and out.err == "warned\n"


def test_abort_is_reported_as_abort(kvm, lib, quiet):
    for mod, out in ((quiet, b""), (lib, b"about to abort\n")):
        with pytest.raises(VirtineCrash) as e:  # not a policy error about `write`, and
            # with `write` denied its buffered output stays in the guest
            mod.aborts(1)
        assert e.value.reason == "abort"
        assert "abort()" in str(e.value)
        assert e.value.location == "crashes.c:15 in aborts"
        assert e.value.stdout == out
    assert lib.aborts(0).value == 0


def test_failed_assertion_says_so(kvm, lib):
    with pytest.raises(VirtineCrash) as e:
        lib.asserts(1)
    assert e.value.reason == "abort"
    assert e.value.stderr == b"crashes.c:16: asserts: Assertion `n > 5' failed.\n"
    assert e.value.location == "crashes.c:16 in asserts"


def test_stack_overflow(kvm, lib):
    with pytest.raises(VirtineCrash) as e:
        lib.overflows(1)
    assert e.value.reason == "stack overflow"
    assert "stack overflow" in str(e.value) and "guard page" in str(e.value)
    assert e.value.location == "crashes.c:17 in depth"
    assert {(f.function, f.line) for f in e.value.backtrace} == {("depth", 17)}
    assert "more frames of it" in str(e.value)


def test_location_names_the_virtine_not_the_glue(kvm, lib):
    with pytest.raises(VirtineCrash) as e:
        lib.divide(0)
    assert e.value.location == "crashes.c:19 in divide"
    assert "__virtine_dispatch" not in str(e.value)


def test_backtrace_names_each_frame(kvm, lib):
    with pytest.raises(VirtineCrash) as e:
        lib.outer(16)
    frames = [(f.function, f.file, f.line) for f in e.value.backtrace]
    assert frames == [("innermost", "crashes.c", 20), ("middle", "crashes.c", 22),
                      ("outer", "crashes.c", 25)]
    assert e.value.location == "crashes.c:20 in innermost"
    assert "guest backtrace:\n  #0 innermost at crashes.c:20\n  #1 middle at crashes.c:22" \
        in str(e.value)
